"""The classifier's per-chat context, shared by every instance through Redis.

Each instance keeps its own ``ContextTracker`` in memory; what changes a chat's context (a message
observed, a member joining) is also appended to that chat's event log, a Redis stream. Before
classifying a message, an instance takes the chat's lock, replays the events other instances
logged since it last looked, classifies (which observes the message locally) and logs that
observation. All instances then hold the same history in the same order, so a wave whose copies
reach different instances is still one wave with one id.

Context is a hint: when Redis is slow or down, the instance goes on with what it has locally.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from bot.classifier.context import ContextTracker

if TYPE_CHECKING:  # redis is imported only by an instance that shares a Redis (RedisContext)
    from redis.asyncio import Redis

log = logging.getLogger(__name__)

KEY_PREFIX = "otklik:ctx:"
# Events kept per chat: a few times the tracker's own per-chat window, so a fresh instance
# rebuilds the recent history and the stream stays small.
MAX_EVENTS = 1_000
# A chat's log disappears a day after its last event, as the tracker forgets a silent chat.
EVENTS_TTL = 86_400
LOCK_TIMEOUT = 5.0
LOCK_WAIT = 2.0
# Between complaints about Redis in the log.
WARN_EVERY = 60.0


class ChatLocks:
    """One asyncio lock per chat, dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    @asynccontextmanager
    async def hold(self, chat_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._users[chat_id] = self._users.get(chat_id, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[chat_id] -= 1
            if not self._users[chat_id]:
                del self._users[chat_id], self._locks[chat_id]


class LocalContext:
    """One instance: the tracker in memory is the whole truth; one chat's messages go one at a time."""

    def __init__(self) -> None:
        self._locks = ChatLocks()

    @asynccontextmanager
    async def chat(self, chat_id: int) -> AsyncIterator[None]:
        async with self._locks.hold(chat_id):
            yield


class RecordingTracker(ContextTracker):
    """A tracker that journals its changes, so they can be published, and replays others'."""

    def __init__(self, **limits: int) -> None:
        super().__init__(**limits)
        self.journal = {}

    def apply(self, event: dict[str, Any]) -> None:
        """Replay an event logged by another instance (not journaled again)."""
        journal, self.journal = self.journal, None
        try:
            if event["k"] == "j":
                self.note_join(int(event["c"]), int(event["u"]), int(event["d"]))
            elif event["k"] == "m":
                self.observe(
                    chat_id=int(event["c"]),
                    user_id=int(event["u"]),
                    message_id=int(event["m"]),
                    date=int(event["d"]),
                    edited=bool(event["e"]),
                    tokens=[str(t) for t in event["t"]],
                    negative=bool(event["n"]),
                    verdict_negative=None if event["v"] is None else bool(event["v"]),
                )
        finally:
            self.journal = journal


class RedisContext:
    """Per-chat lock, replay and publish around each change to the tracker."""

    def __init__(
        self,
        redis: Redis,
        tracker: RecordingTracker,
        *,
        max_events: int = MAX_EVENTS,
        ttl: int = EVENTS_TTL,
        lock_timeout: float = LOCK_TIMEOUT,
        lock_wait: float = LOCK_WAIT,
    ) -> None:
        self._redis = redis
        self._tracker = tracker
        self._max_events = max_events
        self._ttl = ttl
        self._lock_timeout = lock_timeout
        self._lock_wait = lock_wait
        # Stream id of the last event this instance holds, per chat (bounded like the tracker).
        self._seen: OrderedDict[int, str] = OrderedDict()
        self._warned_at = 0.0
        # Marks this instance's own events, so a replay never applies them twice.
        self._origin = uuid.uuid4().hex[:12]
        self._local = ChatLocks()
        from redis.exceptions import LockError, RedisError

        self._failed = (RedisError, OSError)
        self._unlock_failed = (LockError, RedisError, OSError)

    @asynccontextmanager
    async def chat(self, chat_id: int) -> AsyncIterator[None]:
        # This process's own turns are queued locally; the Redis lock orders the instances.
        async with self._local.hold(chat_id), self._shared(chat_id):
            yield

    @asynccontextmanager
    async def _shared(self, chat_id: int) -> AsyncIterator[None]:
        key = f"{KEY_PREFIX}{chat_id}"
        lock = self._redis.lock(
            f"{key}:lock", timeout=self._lock_timeout, blocking_timeout=self._lock_wait, sleep=0.002
        )
        locked = False
        try:
            locked = bool(await lock.acquire())
            if not locked:
                self._warn("Context lock of chat %s is busy; classifying without the other instances' news", chat_id)
            applied = await self._catch_up(chat_id, key)
            log.debug("Context of chat %s: %s events from other instances", chat_id, applied)
        except self._failed as error:
            self._warn("Redis unavailable for the context of chat %s: %s", chat_id, error)
        journal = self._tracker.journal
        assert journal is not None
        journal.pop(chat_id, None)
        try:
            yield
        finally:
            events = journal.pop(chat_id, [])
            try:
                if events:
                    # Without the lock another instance may have logged events in between: leave the
                    # position where it was, so they are replayed next time (ours are skipped then).
                    await self._publish(chat_id, key, events, advance=locked)
            except self._failed as error:
                self._warn("Could not log the context of chat %s to Redis: %s", chat_id, error)
            finally:
                if locked:
                    try:
                        await lock.release()
                    except self._unlock_failed as error:
                        self._warn("Context lock of chat %s: %s", chat_id, error)

    async def _catch_up(self, chat_id: int, key: str) -> int:
        applied = 0
        last = self._seen.get(chat_id) if self._tracker.knows(chat_id) else None
        start = f"({last}" if last else "-"
        while True:
            batch = await self._redis.xrange(key, min=start, max="+", count=500) or []
            for entry_id, fields in batch:
                if entry_id is None:
                    continue
                ident = _text(entry_id)
                try:
                    event = json.loads((fields or {})[b"e"])
                    if event.get("i") != self._origin:
                        self._tracker.apply(event)
                        applied += 1
                except (KeyError, TypeError, ValueError) as error:
                    log.warning("Skipping a malformed context event %s in chat %s: %s", ident, chat_id, error)
                self._remember(chat_id, ident)
                start = f"({ident}"
            if len(batch) < 500:
                return applied

    async def _publish(self, chat_id: int, key: str, events: list[dict[str, Any]], *, advance: bool) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            for event in events:
                pipe.xadd(
                    key,
                    {"e": json.dumps({**event, "i": self._origin}, ensure_ascii=False, separators=(",", ":"))},
                    maxlen=self._max_events,
                    approximate=True,
                )
            pipe.expire(key, self._ttl)
            results = await pipe.execute()
        if advance:
            self._remember(chat_id, _text(results[len(events) - 1]))

    def _remember(self, chat_id: int, entry_id: str) -> None:
        self._seen[chat_id] = entry_id
        self._seen.move_to_end(chat_id)
        while len(self._seen) > self._tracker.max_chats:
            self._seen.popitem(last=False)

    def _warn(self, message: str, *args: object) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY:
            self._warned_at = now
            log.warning(message, *args)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
