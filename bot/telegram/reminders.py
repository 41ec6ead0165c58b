"""Never ignore: reminders for negative cases nobody acted on, and an optional daily digest."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.types import LinkPreviewOptions

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.links import comment_url
from bot.domain.models import Case, Chat
from bot.domain.timing import zone
from bot.i18n import label_name, t
from bot.tasks import cancel, log_round_failure
from bot.telegram.limiter import low_priority
from storage import Storage

log = logging.getLogger(__name__)

CHECK_EVERY = 60.0
DIGEST_HOUR = 9  # local time in the chat's time zone
LIST_LIMIT = 15


class Reminders:
    def __init__(self, bot: Bot, storage: Storage, clock: Clock) -> None:
        self._bot = bot
        self._storage = storage
        self._clock = clock
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> int:
        """Send what is due now; returns how many messages went out."""
        sent = 0
        now = now_int(self._clock)
        by_chat: dict[int, list[Case]] = {}
        for case in await self._storage.cases.due_reminders(now):
            by_chat.setdefault(case.chat_id, []).append(case)
        for chat_id, due in by_chat.items():
            chat = await self._storage.chats.get(chat_id)
            if chat is None:
                continue
            # Claimed before sending: of several instances, each case is reminded by one.
            claimed = set(await self._storage.cases.claim_reminders([case.id for case in due], now))
            cases = [case for case in due if case.id in claimed]
            if not cases:
                continue
            settings = await self._storage.chats.settings(chat_id)
            lang = language(settings.language)
            title = t(lang, "reminder.title", hours=settings.reminder_hours, chat=escape(chat.title), count=len(cases))
            sent += await self._to_admins(chat, "\n".join([title, *self._lines(chat, cases, lang)]))
        sent += await self._digests(now)
        removed = await self._storage.cases.forget_old_texts(now)
        if removed:
            log.info("Removed the texts of %s cases past their chat's retention", removed)
        # The admins' examples keep their features and labels, so the chats' layers survive this.
        removed = await self._storage.learning.forget_old_texts(now)
        if removed:
            log.info("Removed the texts of %s learning examples past their chat's retention", removed)
        return sent

    async def _digests(self, now: int) -> int:
        sent = 0
        for settings in await self._storage.chats.digest_settings():
            local = datetime.fromtimestamp(now, zone(settings.timezone))
            day = int(local.strftime("%Y%m%d"))
            if local.hour < DIGEST_HOUR or settings.digest_day == day:
                continue
            chat = await self._storage.chats.get(settings.chat_id)
            if chat is None or not chat.active:
                continue
            if not await self._storage.chats.claim_digest(chat.id, day):
                continue  # another instance sends it
            cases = await self._storage.cases.list_for_chat(chat.id, open_only=True)
            if not cases:
                continue
            lang = language(settings.language)
            title = t(lang, "digest.title", chat=escape(chat.title), count=len(cases))
            sent += await self._to_admins(chat, "\n".join([title, *self._lines(chat, cases, lang)]))
        return sent

    def _lines(self, chat: Chat, cases: list[Case], lang: str) -> list[str]:
        lines = []
        for case in cases[:LIST_LIMIT]:
            url = comment_url(chat, case)
            link = t(lang, "link.open", url=escape(url)) if url else ""
            snippet = case.text if len(case.text) <= 80 else case.text[:79] + "…"
            lines.append(
                t(
                    lang,
                    "reminder.line",
                    label=label_name(lang, case.label),
                    author=escape(case.author.name),
                    text=escape(snippet),
                    link=link,
                ).rstrip()
            )
        if len(cases) > LIST_LIMIT:
            lines.append(f"… +{len(cases) - LIST_LIMIT}")
        return lines

    async def _to_admins(self, chat: Chat, text: str) -> int:
        recipients, _ = await self._storage.users.alert_recipients(chat.id)
        sent = 0
        for user in recipients:
            try:
                with low_priority():
                    await self._bot.send_message(
                        user.id, text, link_preview_options=LinkPreviewOptions(is_disabled=True)
                    )
                sent += 1
            except TelegramForbiddenError as error:
                await self._storage.users.mark_unreachable(user.id, error.message, now_int(self._clock))
            except TelegramAPIError as error:
                log.warning("Reminder to %s failed: %s", user.id, error)
        return sent

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="reminders")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - logged by log_round_failure
                log_round_failure(log, "Reminder check failed; trying again later", error)
            await asyncio.sleep(CHECK_EVERY)
