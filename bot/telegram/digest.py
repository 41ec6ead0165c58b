"""Alert storms stay readable: beyond ``rate`` alerts a minute to one admin, the rest of a chat's
alerts are gathered into one digest card per chat and admin, edited in place («ещё 37 комментариев
с негативом за 5 мин: …», the three most urgent quoted, a button to /cases).

While an incident is under way in the chat, its alerts that can wait are gathered there whatever the
rate (``bot/services/incident_focus.py``), and the card says which incident they wait behind.

A gathered alert is kept as an ``alerts`` row marked ``in_digest`` (its message is the digest card):
it is never owed again, never lost, and /cases lists its case like any other open one.
"""

from __future__ import annotations

import asyncio
import logging
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.links import comment_url
from bot.domain.models import Case, Chat
from bot.i18n import count, label_name, span, t
from bot.services.incident_focus import under_way, waits_behind
from bot.tasks import log_round_failure
from bot.telegram.callbacks import ChatPick, PickCommand
from bot.telegram.cards import edit_card, send_card
from bot.telegram.render import _clip
from storage import Storage
from storage.digests import DigestCard, DigestSummary

log = logging.getLogger(__name__)

RATE_WINDOW = 60
# Admins over their rate remembered at most (the ones whose minute has passed are forgotten first).
OVER_KEPT = 10_000
# A digest card keeps gathering while alerts keep coming to it at least this often.
GATHER = 600
EDIT_DELAY = 3.0
URGENT = 3


def digest_text(chat: Chat, summary: DigestSummary, lang: str, incident: str | None = None) -> str:
    """``incident``: the title of the incident under way in the chat, if any (the alerts wait behind it)."""
    shares = ", ".join(f"{label_name(lang, label)} — {n}" for label, n in summary.labels)
    lines = [t(lang, "digest_card.title", chat=escape(chat.title))]
    if incident is not None:
        lines.append(t(lang, "digest_card.incident", title=escape(incident)))
    lines += [
        t(
            lang,
            "digest_card.count",
            comments=count(lang, summary.count, "comment"),
            span=span(max(summary.seconds, 60), lang),
            shares=shares,
        ),
    ]
    for case in summary.urgent:
        url = comment_url(chat, case)
        who = f'<a href="{escape(url)}">{escape(case.author.name)}</a>' if url else escape(case.author.name)
        lines.append(f"• {who} ({label_name(lang, case.label)}): <i>{escape(_clip(case.text, 200))}</i>")
    lines.append(t(lang, "digest_card.all"))
    return "\n".join(lines)


class AlertDigest:
    def __init__(self, bot: Bot, storage: Storage, clock: Clock, rate: int) -> None:
        self._bot = bot
        self._storage = storage
        self._clock = clock
        self.rate = rate  # alerts a minute to one admin; 0: no limit
        self.edit_delay = EDIT_DELAY
        self._locks: dict[tuple[int, int], asyncio.Lock] = {}
        # Per admin: (rate, the last second the admin is over it). The rate-th newest alert sent on its
        # own stays in the window until then, and whatever any instance sends meanwhile only adds to
        # the count, so no query is needed before: in a storm, one a minute instead of one per alert.
        self._over_until: dict[int, tuple[int, int]] = {}
        self._due: set[int] = set()
        self._pending: set[asyncio.Task[None]] = set()
        # (chat, admin) -> the digest card sent whose record failed (see gather).
        self._unrecorded: dict[tuple[int, int], int] = {}

    async def over_rate(self, admin_id: int) -> bool:
        """Whether the admin got ``rate`` alerts as messages of their own in the last minute."""
        if self.rate <= 0:
            return False
        now = now_int(self._clock)
        held = self._over_until.get(admin_id)
        if held is not None and held[0] == self.rate and held[1] >= now:
            return True
        reached = await self._storage.digests.rate_reached_at(admin_id, now - RATE_WINDOW, self.rate)
        if reached is None:
            self._over_until.pop(admin_id, None)
            return False
        if len(self._over_until) >= OVER_KEPT:
            self._over_until = {a: held for a, held in self._over_until.items() if held[1] >= now}
        self._over_until[admin_id] = (self.rate, reached + RATE_WINDOW)
        return True

    async def waits_for_incident(self, case: Case) -> bool:
        """Whether the case's alert waits on the digest card behind an incident under way in its chat
        (with no rate, ``rate`` 0, every alert goes out on its own, as the operator asked)."""
        if self.rate <= 0:
            return False
        return await waits_behind(self._storage, case, now_int(self._clock)) is not None

    async def gather(self, case: Case, admin_id: int) -> bool:
        """Put the case on the chat's digest card for this admin (sent now if there is none yet).
        False when the card could not be sent: the alert is then owed as usual."""
        lock = self._locks.setdefault((case.chat_id, admin_id), asyncio.Lock())
        async with lock:
            now = now_int(self._clock)
            card = await self._storage.digests.current(case.chat_id, admin_id, now - GATHER)
            if card is None:
                # A card sent by a try whose record was refused (the database failed right after): it
                # is this one, recorded now, not a second card.
                message_id = self._unrecorded.get((case.chat_id, admin_id)) or await self._send(case, admin_id)
                if message_id is None:
                    return False
                self._unrecorded[(case.chat_id, admin_id)] = message_id
                await self._storage.digests.fold(case.id, admin_id, message_id, now)
                await self._storage.digests.add(case.chat_id, admin_id, message_id, now)
                del self._unrecorded[(case.chat_id, admin_id)]
                return True
            await self._storage.digests.fold(case.id, admin_id, card.message_id, now)
            if card.updated_at != now:  # touched this second already: the same write would change nothing
                await self._storage.digests.touch(card.id, now)
        self._edit_soon(card)
        return True

    async def _render(self, chat_id: int, summary: DigestSummary) -> tuple[str, InlineKeyboardMarkup]:
        chat = await self._storage.chats.get(chat_id)
        assert chat is not None
        lang = language((await self._storage.chats.settings(chat_id)).language)
        incident = await under_way(self._storage, chat_id, now_int(self._clock))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=t(lang, "digest_card.btn_cases"),
                        callback_data=ChatPick(command=PickCommand.CASES, chat_id=chat_id).pack(),
                    )
                ]
            ]
        )
        return digest_text(chat, summary, lang, incident.title if incident is not None else None), keyboard

    async def _send(self, case: Case, admin_id: int) -> int | None:
        text, keyboard = await self._render(case.chat_id, DigestSummary(((case.label.value, 1),), 0, (case,)))
        what = f"Digest card for chat {case.chat_id}"
        return await send_card(self._bot, self._storage, self._clock, admin_id, text, keyboard, what)

    def _edit_soon(self, card: DigestCard) -> None:
        if card.id in self._due:
            return
        self._due.add(card.id)
        task = asyncio.create_task(self._edit_after(card), name=f"digest-card-{card.id}")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _edit_after(self, card: DigestCard) -> None:
        await asyncio.sleep(self.edit_delay)
        self._due.discard(card.id)
        try:
            text, keyboard = await self._render(card.chat_id, await self._storage.digests.folded(card, URGENT))
            await edit_card(self._bot, card.admin_id, card.message_id, text, keyboard)
        except TelegramAPIError as error:  # a refusal, an answer that does not read: the next edit redraws it
            log.warning("Could not update digest card %s: %s", card.id, error)
        except Exception as error:  # noqa: BLE001 - logged by log_round_failure
            log_round_failure(log, f"Could not update digest card {card.id}", error)

    async def settle(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)
