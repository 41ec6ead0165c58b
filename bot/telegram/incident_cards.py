"""One private card per incident for each admin, edited in place as the incident grows.

The card says what the complaints are about, how many there are and since when, the share of each
label, the first and the latest comment, who wrote twice, and what was done (statement, answers,
result); its buttons are ``inc:<op>:<incident_id>``. Cards are sent through the same Bot and flood
limiter as every alert; their message ids are kept (``incident_cards``), so any instance edits them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.clock import Clock, now_int
from bot.domain.incidents import AnswerKind, Incident, IncidentStatus, IncidentSummary
from bot.domain.languages import language
from bot.domain.links import comment_url, message_url, post_url
from bot.domain.models import Case, Chat
from bot.i18n import label_name, t
from bot.tasks import log_round_failure
from bot.telegram.callbacks import ChatPick, IncidentOp, IncidentPress, PickCommand
from bot.telegram.cards import edit_card, send_card
from bot.telegram.pending import record_pending
from bot.telegram.render import _clip, _hhmm
from storage import Storage

log = logging.getLogger(__name__)

# How long a card waits for more members before it is edited: one edit for a burst of them.
EDIT_DELAY = 3.0
# An incident's cards are owed (send_owed) this long after it opened: its first sending is over.
OWED_AFTER = 60
QUOTE = 300


def incident_keyboard(incident: Incident, lang: str) -> InlineKeyboardMarkup:
    def button(key: str, op: IncidentOp) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=t(lang, key), callback_data=IncidentPress(op=op, incident_id=incident.id).pack()
        )

    rows: list[list[InlineKeyboardButton]] = []
    if incident.status is IncidentStatus.OPEN:
        rows.append([button("incident.btn_statement", IncidentOp.STATEMENT)])
        if incident.published:
            rows.append([button("incident.btn_answer", IncidentOp.ANSWER)])
        rows.append(
            [button("incident.btn_resolve", IncidentOp.RESOLVE), button("incident.btn_split", IncidentOp.SPLIT)]
        )
    rows.append(
        [
            InlineKeyboardButton(
                text=t(lang, "incident.btn_cases"),
                callback_data=ChatPick(command=PickCommand.CASES, chat_id=incident.chat_id).pack(),
            )
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _quote(chat: Chat, case: Case) -> str:
    url = comment_url(chat, case)
    name = escape(case.author.name)
    who = f'<a href="{escape(url)}">{name}</a>' if url else name
    return f"{who}: <i>{escape(_clip(case.text, QUOTE))}</i>"


def incident_text(
    incident: Incident, chat: Chat, summary: IncidentSummary, lang: str, timezone: str, answered: int
) -> str:
    lines = [t(lang, "incident.title", chat=escape(chat.title), title=escape(incident.title))]
    lines.append(
        t(
            lang,
            "incident.count",
            count=summary.count,
            authors=summary.authors,
            start=_hhmm(incident.started_at, timezone, lang),
            latest=_hhmm(incident.last_at, timezone, lang),
        )
    )
    if summary.count:
        shares = ", ".join(
            f"{label_name(lang, label)} {round(100 * n / summary.count)} %" for label, n in summary.labels
        )
        lines.append(t(lang, "incident.labels", shares=shares))
    if summary.first is not None:
        lines.append(t(lang, "incident.first", quote=_quote(chat, summary.first)))
    if summary.latest is not None and summary.count > 1:
        lines.append(t(lang, "incident.latest", quote=_quote(chat, summary.latest)))
    if summary.repeat_authors:
        lines.append(t(lang, "incident.twice", names=", ".join(escape(name) for name in summary.repeat_authors)))
    if incident.status is IncidentStatus.DISMISSED:
        lines.append(t(lang, "incident.dismissed"))
    elif incident.status is IncidentStatus.RESOLVED:
        lines.append(t(lang, "incident.resolved"))
    if incident.published and not incident.statement_seen:
        lines.append(t(lang, "incident.published_unseen"))
        lines.append(t(lang, "incident.answered", count=answered))
    elif incident.published and incident.statement_message_id is not None:
        url = (
            post_url(incident.statement_chat_id, None, incident.statement_message_id)
            if incident.statement_chat_id
            else message_url(chat, incident.statement_message_id)
        ) or ""
        lines.append(t(lang, "incident.published", url=escape(url)))
        lines.append(t(lang, "incident.answered", count=answered))
    else:
        lines.append(t(lang, "incident.unpublished"))
    return "\n".join(lines)


class IncidentCards:
    """Implements the ``IncidentCards`` port for the services."""

    def __init__(self, bot: Bot, storage: Storage, clock: Clock, fallback_chat_id: int | None) -> None:
        self._bot = bot
        self._storage = storage
        self._clock = clock
        self._fallback = fallback_chat_id
        self.edit_delay = EDIT_DELAY
        self._due: set[int] = set()
        self._pending: set[asyncio.Task[None]] = set()
        # Cards sent whose record failed: (incident, chat) -> message id (see _send).
        self._unrecorded: dict[tuple[int, int], int] = {}

    async def render(self, incident: Incident) -> tuple[str, InlineKeyboardMarkup]:
        chat = await self._storage.chats.get(incident.chat_id)
        assert chat is not None
        settings = await self._storage.chats.settings(incident.chat_id)
        lang = language(settings.language)
        summary = await self._storage.incidents.summary(incident.id)
        answered = await self._storage.incidents.answered(incident.id, AnswerKind.STATEMENT)
        text = incident_text(incident, chat, summary, lang, settings.timezone, answered)
        return text, incident_keyboard(incident, lang)

    async def send_new(self, incident: Incident) -> int:
        """The card to every reachable admin (the alert group when none is); how many got it."""
        settings = await self._storage.chats.settings(incident.chat_id)
        recipients, _ = await self._storage.users.reach(incident.chat_id)
        targets = [user.id for user in recipients] if settings.alerts_to in ("admins", "both") else []
        group = settings.alert_chat_id or self._fallback
        if group is not None and (not targets or settings.alerts_to in ("group", "both")):
            targets.append(group)
        return await self._send(incident, [(target, None) for target in targets])

    async def send_owed(self, since: int, live: Collection[str] = ()) -> int:
        """The cards reachable admins lack (a send that failed, a crash between two admins' cards) of
        the open incidents active since ``since`` and opened over a minute ago (the first sending is
        over); how many went out. The minute sweep calls it (``bot/cluster/instances.py``), on every
        instance: a card claimed by one at work (``live``, this one included) is left to it, one
        claimed by an instance that is gone is taken over, by one instance only."""
        sent = 0
        now = now_int(self._clock)
        await self._record_cards()
        for incident, owed in await self._storage.incidents.cards_owed(since, now - OWED_AFTER):
            if (await self._storage.chats.settings(incident.chat_id)).alerts_to == "group":
                continue
            targets = [(admin_id, claimed_by) for admin_id, claimed_by in owed if not self._at_work(claimed_by, live)]
            sent += await self._send(incident, targets)
        if sent:
            log.info("Sent %d incident cards their admins lacked", sent)
        return sent

    def _at_work(self, claimed_by: str | None, live: Collection[str]) -> bool:
        return claimed_by is not None and (claimed_by in live or claimed_by == self._owner)

    @property
    def _owner(self) -> str:
        return self._storage.db.owner or ""

    async def _send(self, incident: Incident, targets: list[tuple[int, str | None]]) -> int:
        """Each card claimed first (``gone``: taken over from that instance), then sent and recorded.

        A card sent whose record failed (the database refused it right after) stays claimed by this
        instance, so that no other sends it, and is recorded before the next sweep looks."""
        rendered: tuple[str, InlineKeyboardMarkup] | None = None
        sent = 0
        for target, gone in targets:
            if not await self._storage.incidents.claim_card(
                incident.id, target, self._owner, now_int(self._clock), gone=gone
            ):
                continue
            try:
                if rendered is None:
                    rendered = await self.render(incident)
                message_id = await self._send_card(incident, target, *rendered)
            except BaseException:
                await self._storage.incidents.release_card(incident.id, target)
                raise
            if message_id is None:
                await self._storage.incidents.release_card(incident.id, target)
                continue
            self._unrecorded[(incident.id, target)] = message_id
            await self._record_cards()
            sent += 1
        return sent

    async def _send_card(
        self, incident: Incident, target: int, text: str, keyboard: InlineKeyboardMarkup
    ) -> int | None:
        what = f"Incident {incident.id} card"
        return await send_card(self._bot, self._storage, self._clock, target, text, keyboard, what)

    async def _record_cards(self) -> None:
        """Record the cards sent and not recorded yet; one that fails again stays for the next time."""
        await record_pending(self._unrecorded, lambda key, message: self._storage.incidents.add_card(*key, message))

    def refresh_soon(self, incident_id: int) -> None:
        """Edit the incident's cards shortly; the members that come meanwhile go in the same edit."""
        if incident_id in self._due:
            return
        self._due.add(incident_id)
        task = asyncio.create_task(self._refresh_after(incident_id), name=f"incident-card-{incident_id}")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _refresh_after(self, incident_id: int) -> None:
        await asyncio.sleep(self.edit_delay)
        self._due.discard(incident_id)
        try:
            incident = await self._storage.incidents.get(incident_id)
            if incident is not None:
                await self.refresh(incident)
        except Exception as error:  # noqa: BLE001 - logged by log_round_failure
            log_round_failure(log, f"Could not update the card of incident {incident_id}", error)

    async def settle(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    async def refresh(self, incident: Incident) -> None:
        text, keyboard = await self.render(incident)
        for chat_id, message_id in await self._storage.incidents.cards(incident.id):
            try:
                await edit_card(self._bot, chat_id, message_id, text, keyboard)
            except TelegramAPIError as error:
                log.warning("Could not update incident card %s/%s: %s", chat_id, message_id, error)
