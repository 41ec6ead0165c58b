"""Updates taken from Telegram are kept in the database until they are handled, and never dropped.

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

An update whose handling raised (the database locked too long, a damaged page, a bug) stays, with
its attempts and the error, and is tried again after ``RETRY_DELAYS`` (5 s, 30 s, 2 min, 10 min,
1 h) by a loop of this process. After the last try it is parked as dead: one ERROR line each, the
count in ``/healthz``, one short note to the chat's admins, and ``python -m bot replay-dead`` puts
it back. An update that cannot even be read as one is parked at once. When the database will not
take the failure either, the update is retried from memory (and is still in the inbox for the next
start).

An update the process died on halfway is handled again: opening its case is idempotent (one case
per message) and the copies of its alert that did not go out are sent by the instance recovery;
its message may be counted twice in the statistics.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.dispatcher.event.bases import UNHANDLED, CancelHandler, SkipHandler
from aiogram.types import TelegramObject, Update

from bot.domain.clock import Clock, now_int
from bot.tasks import finish, log_round_failure
from bot.telegram.json_session import json_text
from storage import Storage
from storage.batch import TurnBatch

log = logging.getLogger(__name__)

# Seconds before the next try of an update that failed once, twice, ...; one more failure is the last.
RETRY_DELAYS = (5, 30, 120, 600, 3600)
# How often the loop looks for updates due for another try (and dead ones to tell admins about).
RETRY_POLL = 5.0
_GROUPS = ("group", "supergroup")


def chat_of(raw: Any) -> int | None:
    """The group a kept update's comment (message or edit) came from; None for anything else."""
    if not isinstance(raw, dict):
        return None
    message = raw.get("message") or raw.get("edited_message")
    chat = message.get("chat") if isinstance(message, dict) else None
    if isinstance(chat, dict) and chat.get("type") in _GROUPS and isinstance(chat.get("id"), int):
        return int(chat["id"])
    return None


def _group_of(update: Update) -> int | None:
    message = update.message or update.edited_message
    if message is not None and message.chat.type in _GROUPS:
        return message.chat.id
    return None


class Inbox:
    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        *,
        tell: Callable[[int, int], Awaitable[object]] | None = None,
    ) -> None:
        self._storage = storage
        self._clock = clock
        # Tells a chat's admins that this many of its comments could not be handled.
        self.tell = tell
        # Handled updates, dropped together (the database closed: handled again at the next start).
        self._handled: TurnBatch[int] = TurnBatch(
            storage.updates.done, name="inbox-drop", failed="Could not drop %d handled updates from the inbox: %s"
        )
        # Unreadable updates parked as they came; aiogram gets a bare update for each, not handled.
        self._parked: set[int] = set()
        # Failures the database would not record: (update, failures, next try), retried from here.
        self._unrecorded: dict[int, tuple[Update, int, int]] = {}
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False

    # Taking updates -----------------------------------------------------------------------------

    async def keep(self, raw_updates: list[dict[str, Any]]) -> None:
        """The session's hook: a batch of updates as Telegram sent them, before aiogram handles them."""
        kept = []
        for raw in raw_updates:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if isinstance(update_id, int) and not isinstance(update_id, bool):
                kept.append((update_id, json_text(raw)))
            else:
                log.error("Telegram sent an update without an update id; it cannot be kept: %.200s", raw)
        await self._storage.updates.keep(kept, now=now_int(self._clock))

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

    async def unreadable(self, raw: dict[str, Any], why: str) -> None:
        """A kept update that does not read as one: parked as dead at once (a newer aiogram may read
        it; ``replay-dead`` tries again). Polling hands aiogram a bare update in its place."""
        update_id = int(raw["update_id"])
        self._parked.add(update_id)
        await self._park(update_id, why, chat_of(raw))

    async def _park(self, update_id: int, why: str, chat_id: int | None) -> None:
        log.error("Update %s cannot be read as an update (%s); kept as dead, not handled", update_id, why)
        await self._storage.updates.park(update_id, f"unreadable: {why}", now=now_int(self._clock), chat_id=chat_id)
        self._wake.set()

    # Handling -----------------------------------------------------------------------------------

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        if event.update_id in self._parked:
            self._parked.discard(event.update_id)
            return UNHANDLED
        try:
            result = await handler(event, data)
        except (SkipHandler, CancelHandler):
            raise
        except Exception as error:
            await self._failed(event, error)
            raise  # aiogram's error handlers log it
        # Cancelled (a stop that did not wait for it): it stays and is handled at the next start.
        self._handled.add(event.update_id)
        self._unrecorded.pop(event.update_id, None)
        return result

    async def _failed(self, update: Update, error: Exception) -> None:
        why = f"{type(error).__name__}: {error}"
        now = now_int(self._clock)
        try:
            outcome = await self._storage.updates.fail(
                update.update_id, why, now=now, delays=RETRY_DELAYS, chat_id=_group_of(update)
            )
        except Exception as db_error:  # noqa: BLE001 - the update is kept in memory instead, and logged
            self._keep_in_memory(update, why, db_error, now)
            return
        self._unrecorded.pop(update.update_id, None)
        if outcome is None:
            return  # not kept in the inbox (fed straight to the dispatcher)
        attempts, next_try = outcome
        if next_try is None:
            log.error(
                "Update %s failed %d times and is kept as dead: %s. `python -m bot replay-dead` tries it again",
                update.update_id,
                attempts,
                why,
            )
            self._wake.set()
        else:
            log.warning(
                "Update %s failed (try %d of %d) and is kept; next try in %d s: %s",
                update.update_id,
                attempts,
                len(RETRY_DELAYS) + 1,
                next_try - now,
                why,
            )

    def _keep_in_memory(self, update: Update, why: str, db_error: Exception, now: int) -> None:
        _, attempts, _ = self._unrecorded.get(update.update_id, (update, 0, 0))
        attempts += 1
        if attempts > len(RETRY_DELAYS):
            self._unrecorded.pop(update.update_id, None)
            log.error(
                "Update %s failed %d times (%s) and the database would not record it (%s); "
                "it stays in the inbox and is tried again at the next start",
                update.update_id,
                attempts,
                why,
                db_error,
            )
            return
        delay = RETRY_DELAYS[attempts - 1]
        self._unrecorded[update.update_id] = (update, attempts, now + delay)
        log.error(
            "Update %s failed (%s) and the database would not record it (%s); trying again in %d s",
            update.update_id,
            why,
            db_error,
            delay,
        )

    async def settle(self) -> None:
        """Wait until every handled update is dropped from the inbox (before the database closes)."""
        await self._handled.settle()

    # Trying again ------------------------------------------------------------------------------

    async def replay(self, bot: Bot, dp: Dispatcher, live: Collection[str] = ()) -> int:
        """Handle the updates that instances no longer ``live`` (a previous run of this one too) took
        and did not finish; returns how many. Each is adopted first, so only one instance handles it.
        The ones that failed before are adopted and tried again when due (``retry_due``)."""
        handled = 0
        me = self._storage.db.owner
        for kept in await self._storage.updates.left_behind(live):
            if kept.owner != me and not await self._storage.updates.adopt(kept.update_id, kept.owner, me):
                continue  # another instance took it over first
            if kept.next_try_at is not None:
                continue
            update = await self._read(bot, kept.update_id, kept.body)
            if update is None:
                continue
            handled += 1
            try:
                await dp.feed_update(bot, update)
            except Exception:  # one bad update must not keep the bot from starting
                log.exception("Update %s from the inbox failed", kept.update_id)
        await self.settle()
        if handled:
            log.info("Handled %d updates taken before the last stop and not finished then", handled)
        return handled

    async def _read(self, bot: Bot, update_id: int, body: str) -> Update | None:
        """A kept body as an update; None (and parked) when it no longer reads as one."""
        try:
            return Update.model_validate_json(body, context={"bot": bot})
        except ValueError as error:
            await self._park(update_id, f"{type(error).__name__}: {str(error).splitlines()[0]}", None)
            return None

    async def retry_due(self, bot: Bot, dp: Dispatcher) -> int:
        """Try again the failed updates that are due (this instance's, and the ones ``replay-dead``
        put back for anyone); returns how many were tried."""
        now = now_int(self._clock)
        me = self._storage.db.owner
        tried = 0
        for kept in await self._storage.updates.due(me, now):
            if self._stopping:
                return tried
            if kept.owner != me and not await self._storage.updates.adopt(kept.update_id, kept.owner, me):
                continue
            update = await self._read(bot, kept.update_id, kept.body)
            if update is None:
                continue
            log.info("Trying update %s again (it failed %d times): %s", kept.update_id, kept.attempts, kept.error)
            tried += 1
            await dp.feed_update(bot, update)
        for update, _, due in list(self._unrecorded.values()):
            if self._stopping:
                return tried
            if due <= now:
                log.info("Trying update %s again (its failure is only in memory)", update.update_id)
                tried += 1
                await dp.feed_update(bot, update)
        await self.settle()
        return tried

    async def tell_dead(self) -> int:
        """Tell each chat's admins, once, how many of its comments could not be handled; returns
        how many dead updates were newly told about."""
        me = self._storage.db.owner
        dead = [kept for kept in await self._storage.updates.unnoted_dead() if kept.owner in (me, None)]
        by_chat: dict[int | None, list[int]] = {}
        for kept in dead:
            by_chat.setdefault(kept.chat_id, []).append(kept.update_id)
        for chat_id, update_ids in by_chat.items():
            if chat_id is not None and self.tell is not None:
                await self.tell(chat_id, len(update_ids))
            await self._storage.updates.mark_noted(update_ids, now=now_int(self._clock))
        return len(dead)

    def start(self, bot: Bot, dp: Dispatcher) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(bot, dp), name="inbox-retries")

    async def stop(self, grace: float = 5.0) -> None:
        """Let a try in progress finish (briefly: a stop has 30 s in all), then end the loop. A try cut
        short leaves its update in the inbox for the next start."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        await finish(self._task, grace)
        self._task = None

    async def _run(self, bot: Bot, dp: Dispatcher) -> None:
        while not self._stopping:
            try:
                await self.retry_due(bot, dp)
                await self.tell_dead()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - logged by log_round_failure
                log_round_failure(log, "Looking for updates to try again failed; looking again shortly", error)
            if self._stopping:
                return
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=RETRY_POLL)
