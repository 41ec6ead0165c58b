"""Cached chat rows kept in step across instances: a write here tells the others to drop their copies.

Each instance caches a chat's row, admins and settings for a few seconds. Without this, a setting
changed through one instance (an admin's button press) could be read stale by another for those
seconds; with it, the others hear of the change through Redis pub/sub within milliseconds.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.tasks import cancel
from storage.chats import ChatRepository

log = logging.getLogger(__name__)

CHANNEL = "otklik:chat-changed"
RETRY_AFTER = 5.0


class CacheSync:
    def __init__(self, redis: Redis, chats: ChatRepository, *, channel: str = CHANNEL) -> None:
        self._redis = redis
        self._chats = chats
        self._channel = channel
        self._origin = uuid.uuid4().hex[:12]
        self._pending: set[int] = set()
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._subscribed = asyncio.Event()
        # How many changes by other instances were applied here (for tests and logs).
        self.received = 0

    async def start(self) -> None:
        self._chats.listeners.append(self._note)
        self._tasks = [
            asyncio.create_task(self._listen(), name="cache-sync-listen"),
            asyncio.create_task(self._publish(), name="cache-sync-publish"),
        ]
        # Changes published before the subscription took hold would be missed: wait for it (briefly).
        try:
            await asyncio.wait_for(self._subscribed.wait(), 5.0)
        except TimeoutError:
            log.warning("Not subscribed to chat changes yet; cached rows may lag for a few seconds")

    async def stop(self) -> None:
        if self._note in self._chats.listeners:
            self._chats.listeners.remove(self._note)
        for task in self._tasks:
            await cancel(task)
        self._tasks = []

    def _note(self, chat_id: int) -> None:
        self._pending.add(chat_id)
        self._wake.set()

    async def _publish(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            pending, self._pending = self._pending, set()
            try:
                for chat_id in pending:
                    await self._redis.publish(self._channel, f"{self._origin}:{chat_id}")
            except (RedisError, OSError) as error:
                log.warning("Could not tell other instances about changed chats: %s", error)

    async def _listen(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    self._subscribed.set()
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self._apply(message.get("data"))
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as error:
                log.warning("Chat change feed lost (%s); cached rows expire within seconds meanwhile", error)
                await asyncio.sleep(RETRY_AFTER)

    def _apply(self, data: object) -> None:
        text = data.decode() if isinstance(data, bytes) else str(data)
        origin, _, chat = text.partition(":")
        if origin == self._origin:
            return
        try:
            chat_id = int(chat)
        except ValueError:
            return
        self._chats.forget(chat_id)
        self.received += 1
