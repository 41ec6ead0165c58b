"""What the buttons of an incident card do: draft and publish the statement, answer the members,
draft and publish the result, or split it back into cases ("not an incident").

Public posts go through the same Bot (and flood limiter) as every reply; answers to members are
scheduled replies (``bot/telegram/sender.py``), so they are paced within Telegram's limits, kept in
the database and never sent twice; ``incident_answers`` makes sure no author gets two of a kind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters

from bot.domain.clock import Clock, now_int
from bot.domain.incidents import UNSEEN_POST, AnswerKind, Incident, IncidentStatus
from bot.domain.languages import language
from bot.domain.links import message_url, post_url
from bot.domain.models import Case, Chat, ReplyKind
from bot.domain.timing import zone
from bot.domain.verdicts import Label
from bot.i18n import t
from bot.services import incident_texts
from bot.services.cases import CaseService
from bot.telegram.callbacks import IncidentOp, IncidentPress
from bot.telegram.fsm.states import IncidentInput
from bot.telegram.incident_cards import IncidentCards
from bot.telegram.json_session import only_message_id
from bot.telegram.limiter import no_network_retry
from bot.telegram.notifier import AlertNotifier
from bot.telegram.sender import ReplySender
from storage import Storage

log = logging.getLogger(__name__)

# The statement promises the next update this long after it is drafted.
NEXT_UPDATE = 3600
TEXT_LIMIT = 3500


@dataclass(frozen=True, slots=True)
class Screen:
    """What the presser is shown: a new private message (text) and/or a toast."""

    text: str | None = None
    keyboard: InlineKeyboardMarkup | None = None
    toast: str | None = None
    ok: bool = True


def _buttons(incident: Incident, lang: str, *pairs: tuple[str, IncidentOp]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t(lang, key), callback_data=IncidentPress(op=op, incident_id=incident.id).pack()
                )
            ]
            for key, op in pairs
        ]
    )


class IncidentActions:
    def __init__(
        self,
        bot: Bot,
        storage: Storage,
        clock: Clock,
        cards: IncidentCards,
        notifier: AlertNotifier,
        sender: ReplySender,
        cases: CaseService,
    ) -> None:
        self._bot = bot
        self._storage = storage
        self._clock = clock
        self._cards = cards
        self._notifier = notifier
        self._sender = sender
        self._cases = cases
        # Posts that went out but could not be recorded (the database failed right after): the
        # press tried again records them instead of posting again. Per (incident, "statement" or
        # "result"): (message id, text, channel or None).
        self._unrecorded: dict[tuple[int, str], tuple[int, str, int | None]] = {}

    async def _chat_lang(self, incident: Incident) -> tuple[str, str]:
        settings = await self._storage.chats.settings(incident.chat_id)
        return language(settings.language), settings.timezone

    async def perform(self, op: IncidentOp, incident: Incident, admin_id: int, lang: str, state: FSMContext) -> Screen:
        if incident.status is IncidentStatus.RESOLVED and op in (
            IncidentOp.DONE,
            IncidentOp.CLOSE,
            IncidentOp.RESULT_POSTED,
        ):
            # Pressed again, or tried again after a try that died between resolving it and closing
            # its members: finish that (once per author, like the first time).
            await self._close_members(incident, admin_id)
            return Screen(toast=t(lang, "incident.toast_closed"), ok=False)
        if incident.status is not IncidentStatus.OPEN and op is not IncidentOp.STATEMENT:
            return Screen(toast=t(lang, "incident.toast_closed"), ok=False)
        match op:
            case IncidentOp.STATEMENT:
                return await self.draft_statement(incident, lang)
            case IncidentOp.EDIT:
                await state.set_state(IncidentInput.statement)
                await state.set_data({"chat_id": incident.chat_id, "incident_id": incident.id})
                return Screen(text=t(lang, "incident.ask_statement"))
            case IncidentOp.PUBLISH:
                return await self.publish(incident, admin_id, lang)
            case IncidentOp.CHANNEL:
                return await self.publish(incident, admin_id, lang, to_channel=True)
            case IncidentOp.POSTED:
                return await self.mark_published(incident, admin_id, lang)
            case IncidentOp.CHANNEL_POSTED:
                return await self.mark_published(incident, admin_id, lang, in_channel=True)
            case IncidentOp.ANSWER:
                return await self.answer_members(incident, admin_id, lang)
            case IncidentOp.RESOLVE:
                return await self.draft_result(incident, lang)
            case IncidentOp.RESULT_EDIT:
                await state.set_state(IncidentInput.result)
                await state.set_data({"chat_id": incident.chat_id, "incident_id": incident.id})
                return Screen(text=t(lang, "incident.ask_result"))
            case IncidentOp.DONE:
                return await self.publish_result(incident, admin_id, lang)
            case IncidentOp.RESULT_POSTED:
                return await self.mark_resolved(incident, admin_id, lang)
            case IncidentOp.CLOSE:
                await self._storage.incidents.resolve(incident.id, None, None, now_int(self._clock))
                await self._storage.incidents.resolve_members(incident.id, admin_id, now_int(self._clock))
                await self._refresh(incident.id)
                return Screen(toast=t(lang, "incident.toast_closed_quietly"))
            case IncidentOp.SPLIT:
                return await self.split(incident, admin_id, lang)
        raise AssertionError(op)

    async def draft_statement(self, incident: Incident, lang: str) -> Screen:
        if incident.published:
            return Screen(toast=t(lang, "incident.toast_published_already"), ok=False)
        text = incident.statement_text
        if not text:
            chat_lang, timezone = await self._chat_lang(incident)
            due = datetime.fromtimestamp(now_int(self._clock) + NEXT_UPDATE, zone(timezone))
            text = incident_texts.statement(incident, chat_lang, f"{due:%H:%M}")
            await self._storage.incidents.set_statement(incident.id, text)
        return await self._statement_preview(incident, lang, text)

    async def _channel_of(self, incident: Incident) -> int | None:
        """The channel the incident's chat is the discussion group of, asked fresh (links change)."""
        try:
            chat = await self._bot.get_chat(incident.chat_id)
        except TelegramAPIError as error:
            log.warning("Could not read chat %s: %s", incident.chat_id, error)
            return None
        return chat.linked_chat_id if chat.type != "channel" else None

    async def _statement_preview(self, incident: Incident, lang: str, text: str) -> Screen:
        """The draft with where it can go: the chat, and the linked channel when there is one."""
        if await self._channel_of(incident) is None:
            return self._preview(
                incident, lang, "incident.statement_preview", text, IncidentOp.PUBLISH, IncidentOp.EDIT
            )
        return Screen(
            text=t(lang, "incident.statement_preview", title=escape(incident.title), text=escape(text)),
            keyboard=_buttons(
                incident,
                lang,
                ("incident.btn_to_chat", IncidentOp.PUBLISH),
                ("incident.btn_to_channel", IncidentOp.CHANNEL),
                ("incident.btn_edit", IncidentOp.EDIT),
            ),
        )

    def _preview(
        self, incident: Incident, lang: str, key: str, text: str, publish: IncidentOp, edit: IncidentOp
    ) -> Screen:
        pairs = [("incident.btn_publish", publish), ("incident.btn_edit", edit)]
        if publish is IncidentOp.DONE:
            pairs.append(("incident.btn_close", IncidentOp.CLOSE))
        return Screen(
            text=t(lang, key, title=escape(incident.title), text=escape(text)),
            keyboard=_buttons(incident, lang, *pairs),
        )

    async def take_text(self, incident: Incident, lang: str, text: str, which: str) -> Screen:
        text = text.strip()[:TEXT_LIMIT]
        if which == "statement":
            await self._storage.incidents.set_statement(incident.id, text)
            return await self._statement_preview(incident, lang, text)
        await self._storage.incidents.set_result(incident.id, text)
        return self._preview(incident, lang, "incident.result_preview", text, IncidentOp.DONE, IncidentOp.RESULT_EDIT)

    async def publish(self, incident: Incident, admin_id: int, lang: str, *, to_channel: bool = False) -> Screen:
        if incident.published:
            # A try that died after recording the statement may have left held replies unscheduled:
            # they are claimed per author, so this adds only what is missing.
            await self._after_statement(incident.id, admin_id)
            return Screen(toast=t(lang, "incident.toast_published_already"), ok=False)
        key = (incident.id, "statement")
        posted = self._unrecorded.get(key)
        if posted is None:
            text = incident.statement_text
            if not text:
                return await self.draft_statement(incident, lang)
            channel = await self._channel_of(incident) if to_channel else None
            if to_channel and channel is None:
                return Screen(toast=t(lang, "incident.toast_no_channel"), ok=False)
            sent = await self._post_statement(incident, lang, text, channel)
            if isinstance(sent, Screen):
                return sent
            posted = (sent, text, channel)
            self._unrecorded[key] = posted
        message_id, text, channel = posted
        await self._storage.incidents.published(incident.id, message_id, text, now_int(self._clock), channel)
        self._unrecorded.pop(key, None)
        held = await self._after_statement(incident.id, admin_id)
        await self._refresh(incident.id)
        return Screen(toast=t(lang, "incident.toast_published", held=held))

    async def mark_published(self, incident: Incident, admin_id: int, lang: str, *, in_channel: bool = False) -> Screen:
        """The admin found the statement the bot never heard back about: recorded as published (at a
        message the bot does not know), then what follows a post, once, as after ``publish``."""
        if incident.published or (incident.id, "statement") in self._unrecorded:
            return await self.publish(incident, admin_id, lang, to_channel=in_channel)
        channel = await self._channel_of(incident) if in_channel else None
        text = incident.statement_text or ""
        await self._storage.incidents.published(incident.id, UNSEEN_POST, text, now_int(self._clock), channel)
        log.info("Statement of incident %s marked as posted by admin %s", incident.id, admin_id)
        held = await self._after_statement(incident.id, admin_id)
        await self._refresh(incident.id)
        return Screen(toast=t(lang, "incident.toast_marked_published", held=held))

    async def _after_statement(self, incident_id: int, admin_id: int) -> int:
        await self._storage.incidents.members_acted_on(incident_id, now_int(self._clock))
        return await self._answer(incident_id, admin_id, AnswerKind.STATEMENT, only_impulsive=True)

    def _uncertain(self, incident: Incident, lang: str, key: str, text: str, ops: tuple[IncidentOp, ...]) -> Screen:
        """The post may be out though the bot never heard so: the admin looks, then says it is there
        (recorded, nothing posted) or not (posted now). ``ops``: (it is there, post it, edit)."""
        warning = t(lang, "incident.post_uncertain")
        draft = t(lang, key, title=escape(incident.title), text=escape(text))
        posted, post, edit = ops
        keyboard = _buttons(
            incident,
            lang,
            ("incident.btn_posted", posted),
            ("incident.btn_not_posted", post),
            ("incident.btn_edit", edit),
        )
        return Screen(text=f"{warning}\n\n{draft}", keyboard=keyboard, ok=False)

    def _statement_uncertain(self, incident: Incident, lang: str, text: str, channel: int | None) -> Screen:
        ops = (
            (IncidentOp.CHANNEL_POSTED, IncidentOp.CHANNEL, IncidentOp.EDIT)
            if channel is not None
            else (IncidentOp.POSTED, IncidentOp.PUBLISH, IncidentOp.EDIT)
        )
        return self._uncertain(incident, lang, "incident.statement_preview", text, ops)

    async def _post_statement(self, incident: Incident, lang: str, text: str, channel: int | None) -> int | Screen:
        """Post the statement once: its message id, or what to show the admin instead.

        Claimed before it goes, never repeated after a lost answer (it may be out): a claim found
        unrecorded, or an answer that never came, asks the admin to look; the next press posts."""
        if not await self._storage.incidents.claim_statement(incident.id, now_int(self._clock)):
            await self._storage.incidents.release_statement(incident.id)
            log.warning("Statement of incident %s may have been posted by an earlier try; asking", incident.id)
            return self._statement_uncertain(incident, lang, text, channel)
        try:
            with no_network_retry(), only_message_id():
                message = await self._bot.send_message(channel or incident.chat_id, text, parse_mode=None)
        except TelegramNetworkError as error:
            await self._storage.incidents.release_statement(incident.id)
            log.warning("Statement of incident %s may or may not be posted: %s", incident.id, error)
            return self._statement_uncertain(incident, lang, text, channel)
        except TelegramAPIError as error:
            await self._storage.incidents.release_statement(incident.id)
            log.warning("Statement of incident %s not posted: %s", incident.id, error)
            if channel is not None:
                # Nothing is lost: the text stays, and the chat is still offered.
                return Screen(
                    text=t(lang, "incident.channel_failed", error=escape(error.message[:100])),
                    keyboard=_buttons(
                        incident,
                        lang,
                        ("incident.btn_to_chat", IncidentOp.PUBLISH),
                        ("incident.btn_edit", IncidentOp.EDIT),
                    ),
                    ok=False,
                )
            return Screen(toast=t(lang, "incident.toast_post_failed", error=error.message[:100]), ok=False)
        return message.message_id

    async def answer_members(self, incident: Incident, admin_id: int, lang: str) -> Screen:
        if not incident.published:
            return Screen(toast=t(lang, "incident.toast_publish_first"), ok=False)
        count = await self._answer(incident.id, admin_id, AnswerKind.STATEMENT)
        await self._refresh(incident.id)
        return Screen(toast=t(lang, "incident.toast_answering", count=count))

    async def _answer(self, incident_id: int, admin_id: int, kind: AnswerKind, *, only_impulsive: bool = False) -> int:
        """Schedule one reply to each member's author not answered this way yet; how many.

        The impulsive members' replies, held while the incident had no statement, point to it as
        soon as it is out: at the time their own delay would have ended, or now if that is past."""
        incident = await self._storage.incidents.get(incident_id)
        assert incident is not None
        chat = await self._storage.chats.get(incident.chat_id)
        assert chat is not None
        chat_lang, _ = await self._chat_lang(incident)
        message_id = incident.result_message_id if kind is AnswerKind.RESULT else incident.statement_message_id
        if message_id is None:
            return 0
        # A post an admin marked as out (UNSEEN_POST) is pointed to without a link.
        link = await self._link(chat, incident, message_id) if message_id != UNSEEN_POST else None
        if link is None and message_id != UNSEEN_POST:
            return 0
        text = (
            incident_texts.notify(chat_lang, link)
            if kind is AnswerKind.RESULT
            else incident_texts.answer(chat_lang, link)
        )
        now = now_int(self._clock)
        delay = await self._cases.delay_for(incident.chat_id)
        count = 0
        for case in await self._storage.incidents.members(incident.id):
            if only_impulsive and case.label is not Label.IMPULSIVE:
                continue
            if case.author.is_chat or case.status.closed:
                continue
            # The note that it is fixed goes out as a follow-up: posted though the case is closed.
            kind_of_reply = ReplyKind.FOLLOW_UP if kind is AnswerKind.RESULT else ReplyKind.REPLY
            claimed = await self._storage.incidents.claim_answer(incident.id, case.author.id, kind, case.id, now)
            if not claimed and not await self._claimed_unscheduled(incident.id, case, kind, kind_of_reply):
                continue
            wait = max(0, case.created_at + delay - now) if only_impulsive else 0
            await self._sender.schedule(case, text, wait, admin_id, kind_of_reply)
            count += 1
        return count

    async def _claimed_unscheduled(self, incident_id: int, case: Case, kind: AnswerKind, reply_kind: ReplyKind) -> bool:
        """The author's answer was claimed for this very case by a try that died before scheduling it."""
        claim = await self._storage.incidents.answer_claim(incident_id, case.author.id, kind)
        if claim is None or claim[0] != case.id:
            return False
        latest = await self._storage.replies.latest_for_case(case.id, reply_kind)
        return latest is None or latest.created_at < claim[1]

    async def _link(self, chat: Chat, incident: Incident, message_id: int) -> str | None:
        """Link to the statement (or the result replying to it) where it was posted."""
        if incident.statement_chat_id is None:
            return message_url(chat, message_id)
        try:
            username = (await self._bot.get_chat(incident.statement_chat_id)).username
        except TelegramAPIError as error:
            log.warning("Could not read channel %s: %s", incident.statement_chat_id, error)
            username = None
        return post_url(incident.statement_chat_id, username, message_id)

    async def draft_result(self, incident: Incident, lang: str) -> Screen:
        text = incident.result_text
        if not text:
            chat_lang, _ = await self._chat_lang(incident)
            text = incident_texts.result(incident, chat_lang)
            await self._storage.incidents.set_result(incident.id, text)
        return self._preview(incident, lang, "incident.result_preview", text, IncidentOp.DONE, IncidentOp.RESULT_EDIT)

    async def publish_result(self, incident: Incident, admin_id: int, lang: str) -> Screen:
        key = (incident.id, "result")
        posted = self._unrecorded.get(key)
        if posted is None:
            text = incident.result_text or incident_texts.result(incident, (await self._chat_lang(incident))[0])
            sent = await self._post_result(incident, lang, text)
            if isinstance(sent, Screen):
                return sent
            posted = (sent, text, None)
            self._unrecorded[key] = posted
        message_id, text, _ = posted
        await self._storage.incidents.resolve(incident.id, message_id, text, now_int(self._clock))
        self._unrecorded.pop(key, None)
        told = await self._close_members(await self._fresh(incident.id), admin_id)
        return Screen(toast=t(lang, "incident.toast_resolved", count=told))

    async def mark_resolved(self, incident: Incident, admin_id: int, lang: str) -> Screen:
        """The admin found the result the bot never heard back about: resolved with it (at a message
        the bot does not know), its members told and closed once, as after ``publish_result``."""
        if (incident.id, "result") in self._unrecorded:
            return await self.publish_result(incident, admin_id, lang)
        text = incident.result_text or incident_texts.result(incident, (await self._chat_lang(incident))[0])
        await self._storage.incidents.resolve(incident.id, UNSEEN_POST, text, now_int(self._clock))
        log.info("Result of incident %s marked as posted by admin %s", incident.id, admin_id)
        told = await self._close_members(await self._fresh(incident.id), admin_id)
        return Screen(toast=t(lang, "incident.toast_marked_resolved", count=told))

    async def _fresh(self, incident_id: int) -> Incident:
        incident = await self._storage.incidents.get(incident_id)
        assert incident is not None
        return incident

    async def _post_result(self, incident: Incident, lang: str, text: str) -> int | Screen:
        """Post the result once, as ``_post_statement`` does the statement."""
        reply = (
            ReplyParameters(message_id=incident.statement_message_id, allow_sending_without_reply=True)
            if incident.statement_message_id
            else None
        )
        uncertain = self._uncertain(
            incident,
            lang,
            "incident.result_preview",
            text,
            (IncidentOp.RESULT_POSTED, IncidentOp.DONE, IncidentOp.RESULT_EDIT),
        )
        if not await self._storage.incidents.claim_result(incident.id, now_int(self._clock)):
            await self._storage.incidents.release_result(incident.id)
            log.warning("Result of incident %s may have been posted by an earlier try; asking", incident.id)
            return uncertain
        try:
            with no_network_retry(), only_message_id():
                message = await self._bot.send_message(
                    incident.posted_in, text, reply_parameters=reply, parse_mode=None
                )
        except TelegramNetworkError as error:
            await self._storage.incidents.release_result(incident.id)
            log.warning("Result of incident %s may or may not be posted: %s", incident.id, error)
            return uncertain
        except TelegramAPIError as error:
            await self._storage.incidents.release_result(incident.id)
            log.warning("Result of incident %s not posted: %s", incident.id, error)
            return Screen(toast=t(lang, "incident.toast_post_failed", error=error.message[:100]), ok=False)
        return message.message_id

    async def _close_members(self, incident: Incident, admin_id: int) -> int:
        """A resolved incident's members: told the result when one was posted (before they are closed:
        a reply to a closed case is not posted), then closed. Idempotent: each author is told once."""
        told = 0
        if incident.result_message_id is not None:
            told = await self._answer(incident.id, admin_id, AnswerKind.RESULT)
        await self._storage.incidents.resolve_members(incident.id, admin_id, now_int(self._clock))
        await self._refresh(incident.id)
        return told

    async def split(self, incident: Incident, admin_id: int, lang: str) -> Screen:
        case_ids = await self._storage.incidents.dismiss(incident.id, admin_id, now_int(self._clock))
        if case_ids is None:
            return Screen(toast=t(lang, "incident.toast_closed"), ok=False)
        await self._refresh(incident.id)
        # Each comment is a case of its own again: its alert goes out now (gathered on the digest
        # card beyond the admins' rate).
        for case_id in case_ids:
            case = await self._storage.cases.get(case_id)
            if case is not None and not case.status.closed and not await self._storage.cases.alerts(case_id):
                await self._notifier.send_new(case)
        return Screen(toast=t(lang, "incident.toast_split", count=len(case_ids)))

    async def _refresh(self, incident_id: int) -> None:
        incident = await self._storage.incidents.get(incident_id)
        if incident is not None:
            await self._cards.refresh(incident)
