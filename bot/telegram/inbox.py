"""Updates taken from Telegram are kept in the database until they are handled.

Polling confirms a batch of updates to Telegram by asking for the next one, which aiogram does as
soon as the batch is handed to its tasks; a webhook answers Telegram before the update is handled.
Either way a process killed meanwhile (``kill -9``, a crash, the machine going down) would lose
them, a comment never seen. So each update is kept first: polling's session keeps each batch's raw
updates (``keep``) before aiogram sees them, the webhook claims and keeps each one (``take``)
before it answers. An outer middleware drops each one once handled. Each kept update names the
instance that took it; the updates of an instance that is gone are handled by the next one to
start or to look (``replay``, with the instance recovery). The updates that finish together are
dropped in one statement, a moment later: a statement per update cost as much as a calm comment's
own work on PostgreSQL.

An update the process died on halfway is handled again: opening its case is idempotent (one case
per message) and a case left without alerts is re-alerted by the start-up recovery; its message may
be counted twice in the statistics. An update whose handling raised is dropped too, so one that
always fails is not retried at every start.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import TelegramObject, Update

from bot.domain.clock import Clock, now_int
from bot.telegram.json_session import json_text
from storage import Storage
from storage.batch import TurnBatch

log = logging.getLogger(__name__)


class Inbox:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock
        # Handled updates, dropped together (the database closed: handled again at the next start).
        self._handled: TurnBatch[int] = TurnBatch(
            storage.updates.done, name="inbox-drop", failed="Could not drop %d handled updates from the inbox: %s"
        )

    async def keep(self, raw_updates: list[dict[str, Any]]) -> None:
        """The session's hook: a batch of updates as Telegram sent them, before aiogram handles them."""
        await self._storage.updates.keep(
            [(int(raw["update_id"]), json_text(raw)) for raw in raw_updates],
            now=now_int(self._clock),
        )

    async def take(self, raw: dict[str, Any]) -> bool:
        """Webhook mode: claim and keep one update before Telegram is answered. False for a repeat
        delivery (it was taken before, here or by another instance) and for a body that is not an
        update; either is answered and not handled."""
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            log.warning("Ignoring a webhook call without an update id")
            return False
        body = json_text(raw)
        if await self._storage.updates.take(update_id, body, now=now_int(self._clock)):
            return True
        log.info("Update %s was delivered again; already taken, skipped", update_id)
        return False

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        try:
            return await handler(event, data)
        finally:
            if isinstance(event, Update):
                self._handled.add(event.update_id)

    async def settle(self) -> None:
        """Wait until every handled update is dropped from the inbox (before the database closes)."""
        await self._handled.settle()

    async def replay(self, bot: Bot, dp: Dispatcher, live: Collection[str] = ()) -> int:
        """Handle the updates that instances no longer ``live`` (a previous run of this one too) took
        and did not finish; returns how many. Each is adopted first, so only one instance handles it."""
        handled = 0
        me = self._storage.db.owner
        for update_id, body, owner in await self._storage.updates.waiting(live):
            if owner != me and not await self._storage.updates.adopt(update_id, owner, me):
                continue  # another instance took it over first
            try:
                update = Update.model_validate_json(body, context={"bot": bot})
            except ValueError:
                log.warning("Dropping update %s kept in the inbox: it no longer reads as an update", update_id)
                await self._storage.updates.done([update_id])
                continue
            handled += 1
            try:
                await dp.feed_update(bot, update)
            except Exception:  # one bad update must not keep the bot from starting
                log.exception("Update %s from the inbox failed", update_id)
        await self.settle()
        if handled:
            log.info("Handled %d updates taken before the last stop and not finished then", handled)
        return handled
