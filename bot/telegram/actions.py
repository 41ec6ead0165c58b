"""What the alert buttons do, and the texts an admin types in private after "Edit" or "Resolved".

The caller has checked that the presser is an admin of the case's chat at that moment
(``handlers/access.py``). What the admin is asked to type next is their conversation's FSM state
(``bot/telegram/fsm/states.py``), passed in as ``state``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import InlineKeyboardMarkup

from bot.domain.clock import Clock, now_int
from bot.domain.learning import Source
from bot.domain.models import Case, CaseStatus, ReplyKind, ReplyStatus
from bot.domain.notes import Note
from bot.domain.verdicts import Label
from bot.i18n import lint_warning, t
from bot.replies import is_remedy_slot, lint_reply, suggest_follow_up, unfilled
from bot.services.cases import CaseService, first_name
from bot.telegram.callbacks import Action, CaseAction
from bot.telegram.fsm.states import CaseInput
from bot.telegram.notifier import AlertNotifier, troll_already_answered
from bot.telegram.render import button, follow_up_keyboard, keep_keyboard, label_keyboard, render_keyboard
from bot.telegram.sender import ReplySender
from storage import Storage

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


@dataclass(frozen=True, slots=True)
class PrivateAnswer:
    """What the bot says in the private chat after an admin typed something."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


class CaseActions:
    def __init__(
        self,
        *,
        bot: Bot,
        storage: Storage,
        notifier: AlertNotifier,
        sender: ReplySender,
        service: CaseService,
        clock: Clock,
    ) -> None:
        self._bot = bot
        self._storage = storage
        self._notifier = notifier
        self._sender = sender
        self._service = service
        self._clock = clock

    async def perform(
        self, callback: CaseAction, case: Case, presser: Presser, lang: str, state: FSMContext
    ) -> ActionResult:
        """Carry out a press on one of ``case``'s buttons; ``lang`` is the chat's language."""
        if callback.action is Action.RELABEL:
            return ActionResult("", ok=True, label_menu=True, case=case)
        if callback.action is Action.BACK:
            return ActionResult("", ok=True, case=case)
        toast, ok = await self._dispatch(callback, case, presser, lang, state)
        fresh = await self._storage.cases.get(case.id)
        if fresh is not None:
            await self._notifier.refresh(fresh)
        return ActionResult(toast, ok=ok, case=fresh)

    async def buttons_after(
        self, result: ActionResult, lang: str, chat_id: int, message_id: int
    ) -> InlineKeyboardMarkup | None:
        """The buttons the pressed message shows next (``chat_id``, ``message_id``)."""
        case = result.case
        assert case is not None
        if result.label_menu:
            return label_keyboard(case.id, case.label, lang)
        if await self.is_alert(case.id, chat_id, message_id):
            return await self.keyboard(case)
        return None  # a preview, a draft or a /pending card: done, so no second press

    async def _dispatch(
        self, callback: CaseAction, case: Case, presser: Presser, lang: str, state: FSMContext
    ) -> tuple[str, bool]:
        who = presser.name
        now = now_int(self._clock)
        action = callback.action
        if action in (Action.SEND, Action.LATER, Action.EDIT) and case.status.closed:
            return t(lang, "toast.closed"), False
        if action is Action.SEND:
            return await self._send(case, presser, lang)
        if action is Action.LATER:
            return await self._later(case, presser, lang)
        if action is Action.CANCEL:
            if await self._storage.replies.cancel_pending(case.id, now) is None:
                return t(lang, "toast.nothing_pending"), False
            await self._storage.cases.set_note(case.id, Note.of("note.cancelled", who=who))
            return t(lang, "toast.done"), True
        if action is Action.EDIT:
            return await self._ask(case, presser, lang, CaseInput.reply, state)
        if action is Action.TAKE:
            holder = await self._storage.cases.take(case.id, presser.id, presser.name, now)
            if holder is not None and holder[0] != presser.id:
                return t(lang, "toast.taken_by", who=holder[1]), False
            await self._storage.cases.set_note(case.id, Note.of("note.taken", who=who))
            return t(lang, "toast.done"), True
        if action is Action.IGNORE:
            await self._storage.replies.cancel_pending(case.id, now)
            await self._storage.cases.set_status(case.id, CaseStatus.IGNORED, actor_id=presser.id, now=now)
            await self._storage.cases.set_note(case.id, Note.of("note.ignored", who=who))
            return t(lang, "toast.done"), True
        if action is Action.RESOLVE:
            return await self._resolve(case, presser, lang, state)
        if action is Action.REOPEN:
            live = await self._storage.replies.live_for_case(case.id)
            status = CaseStatus.ANSWERED if live and live.status is ReplyStatus.SENT else CaseStatus.NEW
            await self._storage.cases.set_status(case.id, status, actor_id=presser.id, now=now, detail="reopen")
            await self._storage.cases.set_note(case.id, Note.of("note.reopened", who=who))
            return t(lang, "toast.done"), True
        if action is Action.LABEL:
            return await self._relabel(case, callback.arg, presser, lang)
        if action is Action.CONFIRM:
            await self._storage.replies.confirm_uncertain(case.id, True, now)
            await self._storage.cases.set_note(case.id, Note.of("note.confirmed", who=who))
            return t(lang, "toast.done"), True
        if action is Action.RESEND:
            await self._storage.replies.confirm_uncertain(case.id, False, now)
            return await self._send(case, presser, lang)
        if action is Action.PUBLISH:
            return await self._publish(case, presser, lang, state)
        if action is Action.SKIP:
            await state.clear()
            return t(lang, "toast.done"), True
        if action is Action.KEEP:
            return await self._keep_draft(case, presser, lang, state)
        return t(lang, "toast.not_found"), False

    # Replies --------------------------------------------------------------------------------------

    async def _send(self, case: Case, presser: Presser, lang: str) -> tuple[str, bool]:
        live = await self._storage.replies.live_for_case(case.id)
        if live and live.status in (ReplyStatus.SENT, ReplyStatus.SENDING):
            return t(lang, "toast.already_sent"), False
        if await troll_already_answered(self._storage, case):
            return t(lang, "toast.troll_once"), False
        text = live.text if live and live.status is ReplyStatus.PENDING else case.reply_text
        if not text:
            return t(lang, "toast.no_reply"), False
        if unfilled(text):
            return _unfilled_toast(lang, text), False
        reply = await self._sender.send_now(case, text, presser.id)
        if reply.status is ReplyStatus.SENT:
            await self._storage.cases.set_note(case.id, Note.of("note.sent", who=presser.name))
            await self._learn(case, case.label, presser, Source.CONFIRM)
            return t(lang, "toast.done"), True
        return t(lang, "toast.failed", error=reply.error or reply.status.value), False

    async def _later(self, case: Case, presser: Presser, lang: str) -> tuple[str, bool]:
        if not case.reply_text:
            return t(lang, "toast.no_reply"), False
        if unfilled(case.reply_text):
            return _unfilled_toast(lang, case.reply_text), False
        if await troll_already_answered(self._storage, case):
            return t(lang, "toast.troll_once"), False
        reply, created = await self._sender.schedule(
            case, case.reply_text, await self._service.delay_for(case.chat_id), presser.id
        )
        if not created and reply.status is ReplyStatus.SENT:
            return t(lang, "toast.already_sent"), False
        await self._storage.cases.set_note(case.id, Note.of("note.scheduled", who=presser.name))
        await self._learn(case, case.label, presser, Source.CONFIRM)
        return t(lang, "toast.done"), True

    async def _relabel(self, case: Case, arg: str | None, presser: Presser, lang: str) -> tuple[str, bool]:
        try:
            label = Label(arg or "")
        except ValueError:
            return t(lang, "toast.not_found"), False
        reply_text = await self._service.draft_reply(case.chat_id, label, case.problem, case.author, case.text)
        old = await self._storage.cases.relabel(
            case.id, label, reply_text, actor_id=presser.id, now=now_int(self._clock)
        )
        note = Note.of("note.relabel", who=presser.name, old=old, new=label)
        await self._storage.cases.set_note(case.id, note)
        await self._learn(case, label, presser, Source.RELABEL)
        return t(lang, "toast.done"), True

    async def _learn(self, case: Case, label: Label, presser: Presser, source: Source) -> None:
        """The decision as an example for the chat's own layer; a failure there never fails the press."""
        learning = self._service.learning
        if learning is None:
            return
        try:
            await learning.record(
                chat_id=case.chat_id, case_id=case.id, text=case.text, label=label, actor_id=presser.id, source=source
            )
        except Exception:
            log.exception("Case %s: the decision could not be learned", case.id)

    # Resolution and the public follow-up ----------------------------------------------------------

    async def _resolve(self, case: Case, presser: Presser, lang: str, state: FSMContext) -> tuple[str, bool]:
        now = now_int(self._clock)
        await self._storage.replies.cancel_pending(case.id, now)
        await self._storage.cases.set_status(case.id, CaseStatus.RESOLVED, actor_id=presser.id, now=now)
        await self._storage.cases.set_note(case.id, Note.of("note.resolved", who=presser.name))
        if case.label is Label.CONSTRUCTIVE:
            # Close the loop: ask what was done, then offer the public outcome.
            return await self._ask(case, presser, lang, CaseInput.resolution, state)
        return t(lang, "toast.done"), True

    def _follow_up_text(self, case: Case, lang: str, fix: str | None) -> str:
        return suggest_follow_up(
            problem=case.problem, author_name=first_name(case.author), case_id=case.id, lang=lang, fix=fix
        )

    async def _publish(self, case: Case, presser: Presser, lang: str, state: FSMContext) -> tuple[str, bool]:
        draft = await _draft_for(case, state)
        if draft is not None and await state.get_state() == CaseInput.follow_up.state:
            text = draft
        elif case.resolution:
            text = self._follow_up_text(case, lang, case.resolution)
        else:
            return t(lang, "toast.no_followup"), False
        reply = await self._sender.send_now(case, text, presser.id, kind=ReplyKind.FOLLOW_UP)
        await state.clear()
        if reply.status is ReplyStatus.SENT:
            await self._storage.cases.set_note(case.id, Note.of("note.followup_sent", who=presser.name))
            return t(lang, "toast.done"), True
        if reply.status is ReplyStatus.FAILED:
            return t(lang, "toast.failed", error=reply.error or reply.status.value), False
        return t(lang, "toast.already_sent"), False

    # Typed input in the private chat --------------------------------------------------------------

    async def _ask(self, case: Case, presser: Presser, lang: str, asked: State, state: FSMContext) -> tuple[str, bool]:
        if asked == CaseInput.reply:
            text = t(lang, "edit.ask", author=escape(case.author.name), current=escape(case.reply_text or "—"))
            slots = unfilled(case.reply_text or "")
            if slots and is_remedy_slot(slots[0]):
                text += "\n" + t(lang, "edit.fill_remedy", placeholder=escape(slots[0]))
        else:
            text = t(lang, "resolve.ask")
        try:
            await self._bot.send_message(presser.id, text)
        except TelegramAPIError as error:
            return t(lang, "toast.failed", error=error.message), False
        await state.set_state(asked)
        await state.set_data({"case_id": case.id})
        return t(lang, "toast.done"), True

    async def take_text(self, case: Case, presser: Presser, lang: str, text: str, state: FSMContext) -> PrivateAnswer:
        """The admin's typed text for ``case``, in the state ``state`` is in (a ``CaseInput``)."""
        text = text.strip()
        if len(text) > REPLY_TEXT_LIMIT:
            return PrivateAnswer(t(lang, "edit.too_long", limit=REPLY_TEXT_LIMIT))
        asked = await state.get_state()
        if asked == CaseInput.resolution.state:
            await self._storage.cases.set_resolution(case.id, text)
            draft = self._follow_up_text(case, lang, text)
            return await self._offer_follow_up(case, lang, draft, state)
        issues = lint_reply(text)
        if issues:
            # A warning and a choice, never a silent block: keep the draft until they decide.
            await state.update_data(draft=text)
            return PrivateAnswer(lint_warning(lang, issues), keep_keyboard(case.id, lang))
        return await self._apply_text(case, presser, lang, asked, text, state)

    async def _offer_follow_up(self, case: Case, lang: str, draft: str, state: FSMContext) -> PrivateAnswer:
        await state.set_state(CaseInput.follow_up)
        await state.set_data({"case_id": case.id, "draft": draft})
        text = t(lang, "resolve.draft", author=escape(case.author.name), text=escape(draft))
        return PrivateAnswer(text, follow_up_keyboard(case.id, lang))

    async def _apply_text(
        self, case: Case, presser: Presser, lang: str, asked: str | None, text: str, state: FSMContext
    ) -> PrivateAnswer:
        if asked == CaseInput.follow_up.state:
            return await self._offer_follow_up(case, lang, text, state)
        now = now_int(self._clock)
        await self._storage.cases.set_reply_text(case.id, text, actor_id=presser.id, now=now)
        await self._storage.replies.update_pending_text(case.id, text, now)
        await self._storage.cases.set_note(case.id, Note.of("note.edited_reply", who=presser.name))
        await state.clear()
        fresh = await self._storage.cases.get(case.id)
        assert fresh is not None
        await self._notifier.refresh(fresh)
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    button(lang, "btn.send", Action.SEND, case.id),
                    button(lang, "btn.later", Action.LATER, case.id),
                ]
            ]
        )
        return PrivateAnswer(t(lang, "edit.preview", text=escape(text)), keyboard)

    async def _keep_draft(self, case: Case, presser: Presser, lang: str, state: FSMContext) -> tuple[str, bool]:
        draft = await _draft_for(case, state)
        if draft is None:
            return t(lang, "toast.not_found"), False
        answer = await self._apply_text(case, presser, lang, await state.get_state(), draft, state)
        try:
            await self._bot.send_message(presser.id, answer.text, reply_markup=answer.keyboard)
        except TelegramAPIError as error:
            return t(lang, "toast.failed", error=error.message), False
        return t(lang, "toast.done"), True

    async def is_alert(self, case_id: int, chat_id: int, message_id: int) -> bool:
        return any(
            a.chat_id == chat_id and a.message_id == message_id for a in await self._storage.cases.alerts(case_id)
        )

    async def keyboard(self, case: Case) -> InlineKeyboardMarkup:
        return render_keyboard(await self._notifier.view(case))


async def _draft_for(case: Case, state: FSMContext) -> str | None:
    """The text kept in the conversation for ``case`` (a flagged reply, the follow-up on offer)."""
    data = await state.get_data()
    draft = data.get("draft")
    return draft if data.get("case_id") == case.id and isinstance(draft, str) and draft else None


def _unfilled_toast(lang: str, text: str) -> str:
    """Why ``text`` cannot go out yet: the remedy to write in, or the facts."""
    slot = unfilled(text)[0]
    return t(lang, "toast.unfilled_remedy" if is_remedy_slot(slot) else "toast.unfilled", placeholder=slot)
