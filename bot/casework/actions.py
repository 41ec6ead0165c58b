"""What the alert buttons do. Every action first checks that the presser is an admin right now."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardMarkup

from bot.alerts.notifier import AlertNotifier
from bot.alerts.render import render_keyboard
from bot.callbacks import Action, CaseCallback
from bot.casework.admins import AdminDirectory
from bot.casework.service import CaseService, first_name
from bot.classifier import Label
from bot.clock import Clock, now_int
from bot.delivery.sender import ReplySender
from bot.replies import suggest_reply
from bot.texts import label_name, language, t
from storage import Storage
from storage.models import Case, CaseStatus, ReplyStatus

log = logging.getLogger(__name__)

REPLY_TEXT_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class Presser:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ActionResult:
    toast: str
    ok: bool
    # The pressed alert should show the label menu instead of the usual buttons.
    label_menu: bool = False
    case: Case | None = None


class CaseActions:
    def __init__(
        self,
        *,
        bot: Bot,
        storage: Storage,
        admins: AdminDirectory,
        notifier: AlertNotifier,
        sender: ReplySender,
        service: CaseService,
        clock: Clock,
    ) -> None:
        self._bot = bot
        self._storage = storage
        self._admins = admins
        self._notifier = notifier
        self._sender = sender
        self._service = service
        self._clock = clock

    async def lang_for(self, chat_id: int) -> str:
        return language((await self._storage.chats.settings(chat_id)).language)

    async def perform(self, callback: CaseCallback, presser: Presser) -> ActionResult:
        case = await self._storage.cases.get(callback.case_id)
        if case is None:
            return ActionResult(t("ru", "toast.not_found"), ok=False)
        lang = await self.lang_for(case.chat_id)
        if not await self._admins.is_admin_now(case.chat_id, presser.id):
            return ActionResult(t(lang, "toast.not_admin"), ok=False)
        if callback.action is Action.RELABEL:
            return ActionResult("", ok=True, label_menu=True, case=case)
        if callback.action is Action.BACK:
            return ActionResult("", ok=True, case=case)
        result = await self._dispatch(callback, case, presser, lang)
        fresh = await self._storage.cases.get(case.id)
        if fresh is not None:
            await self._notifier.refresh(fresh)
        return ActionResult(result[0], ok=result[1], case=fresh)

    async def _dispatch(
        self, callback: CaseCallback, case: Case, presser: Presser, lang: str
    ) -> tuple[str, bool]:
        who = presser.name
        now = now_int(self._clock)
        action = callback.action
        if action in (Action.SEND, Action.LATER, Action.EDIT) and case.status.closed:
            return t(lang, "toast.closed"), False
        if action is Action.SEND:
            return await self._send(case, presser, lang)
        if action is Action.LATER:
            if not case.reply_text:
                return t(lang, "toast.no_reply"), False
            reply, created = await self._sender.schedule(
                case, case.reply_text, await self._service.delay_for(case.chat_id), presser.id
            )
            if not created and reply.status is ReplyStatus.SENT:
                return t(lang, "toast.already_sent"), False
            await self._storage.cases.set_note(case.id, t(lang, "note.scheduled", who=who))
            return t(lang, "toast.done"), True
        if action is Action.CANCEL:
            if await self._storage.replies.cancel_pending(case.id, now) is None:
                return t(lang, "toast.nothing_pending"), False
            await self._storage.cases.set_note(case.id, t(lang, "note.cancelled", who=who))
            return t(lang, "toast.done"), True
        if action is Action.EDIT:
            return await self._ask_for_text(case, presser, lang)
        if action in (Action.IGNORE, Action.RESOLVE):
            await self._storage.replies.cancel_pending(case.id, now)
            status = CaseStatus.IGNORED if action is Action.IGNORE else CaseStatus.RESOLVED
            await self._storage.cases.set_status(case.id, status, actor_id=presser.id, now=now)
            key = "note.ignored" if action is Action.IGNORE else "note.resolved"
            await self._storage.cases.set_note(case.id, t(lang, key, who=who))
            return t(lang, "toast.done"), True
        if action is Action.REOPEN:
            live = await self._storage.replies.live_for_case(case.id)
            status = CaseStatus.ANSWERED if live and live.status is ReplyStatus.SENT else CaseStatus.NEW
            await self._storage.cases.set_status(
                case.id, status, actor_id=presser.id, now=now, detail="reopen"
            )
            await self._storage.cases.set_note(case.id, t(lang, "note.reopened", who=who))
            return t(lang, "toast.done"), True
        if action is Action.LABEL:
            return await self._relabel(case, callback.arg, presser, lang)
        if action is Action.CONFIRM:
            await self._storage.replies.confirm_uncertain(case.id, True, now)
            await self._storage.cases.set_note(case.id, t(lang, "note.confirmed", who=who))
            return t(lang, "toast.done"), True
        if action is Action.RESEND:
            await self._storage.replies.confirm_uncertain(case.id, False, now)
            return await self._send(case, presser, lang)
        return t(lang, "toast.not_found"), False

    async def _send(self, case: Case, presser: Presser, lang: str) -> tuple[str, bool]:
        live = await self._storage.replies.live_for_case(case.id)
        if live and live.status in (ReplyStatus.SENT, ReplyStatus.SENDING):
            return t(lang, "toast.already_sent"), False
        text = live.text if live and live.status is ReplyStatus.PENDING else case.reply_text
        if not text:
            return t(lang, "toast.no_reply"), False
        reply = await self._sender.send_now(case, text, presser.id)
        if reply.status is ReplyStatus.SENT:
            await self._storage.cases.set_note(case.id, t(lang, "note.sent", who=presser.name))
            return t(lang, "toast.done"), True
        return t(lang, "toast.failed", error=reply.error or reply.status.value), False

    async def _relabel(self, case: Case, arg: str | None, presser: Presser, lang: str) -> tuple[str, bool]:
        try:
            label = Label(arg or "")
        except ValueError:
            return t(lang, "toast.not_found"), False
        reply_text = suggest_reply(
            label,
            problem=case.problem,
            author_name=first_name(case.author),
            case_id=await self._storage.cases.count(case.chat_id, label),
            lang=lang,
        )
        old = await self._storage.cases.relabel(
            case.id, label, reply_text, actor_id=presser.id, now=now_int(self._clock)
        )
        note = t(
            lang, "note.relabel", who=presser.name, old=label_name(lang, old), new=label_name(lang, label)
        )
        await self._storage.cases.set_note(case.id, note)
        return t(lang, "toast.done"), True

    async def _ask_for_text(self, case: Case, presser: Presser, lang: str) -> tuple[str, bool]:
        current = case.reply_text or "—"
        try:
            await self._bot.send_message(
                presser.id,
                t(lang, "edit.ask", author=escape(case.author.name), current=escape(current)),
            )
        except TelegramAPIError as error:
            return t(lang, "toast.failed", error=error.message), False
        await self._storage.cases.expect_input(presser.id, case.id, "reply", now_int(self._clock))
        return t(lang, "toast.done"), True

    async def take_text(self, presser: Presser, text: str) -> tuple[str, Case | None]:
        """The admin's new reply text, typed in the private chat after pressing Edit."""
        pending = await self._storage.cases.pending_input(presser.id)
        if pending is None:
            return "", None
        case = await self._storage.cases.get(pending.case_id)
        if case is None:
            await self._storage.cases.clear_input(presser.id)
            return t("ru", "toast.not_found"), None
        lang = await self.lang_for(case.chat_id)
        if not await self._admins.is_admin_now(case.chat_id, presser.id):
            await self._storage.cases.clear_input(presser.id)
            return t(lang, "toast.not_admin"), None
        if len(text) > REPLY_TEXT_LIMIT:
            return t(lang, "edit.too_long", limit=REPLY_TEXT_LIMIT), None
        now = now_int(self._clock)
        await self._storage.cases.set_reply_text(case.id, text, actor_id=presser.id, now=now)
        await self._storage.replies.update_pending_text(case.id, text, now)
        await self._storage.cases.set_note(case.id, t(lang, "note.edited_reply", who=presser.name))
        await self._storage.cases.clear_input(presser.id)
        fresh = await self._storage.cases.get(case.id)
        assert fresh is not None
        await self._notifier.refresh(fresh)
        return t(lang, "edit.preview", text=escape(text)), fresh

    async def has_pending_input(self, user_id: int) -> bool:
        return await self._storage.cases.pending_input(user_id) is not None

    async def keyboard(self, case: Case) -> InlineKeyboardMarkup:
        return render_keyboard(await self._notifier.view(case))
