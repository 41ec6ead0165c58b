"""This process among the instances on one database: check in, and recover only the dead's work."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable

from bot.domain.clock import Clock, now_int
from bot.tasks import cancel
from bot.telegram.notifier import AlertNotifier
from bot.telegram.sender import ReplySender
from storage import Storage

log = logging.getLogger(__name__)

HEARTBEAT = 20.0
# How often the work of instances that died meanwhile is looked for.
SWEEP_EVERY = 60.0
# Alerts are re-sent for cases opened this recently.
RESEND_WINDOW = 86_400


class InstanceRegistry:
    def __init__(self, storage: Storage, sender: ReplySender, notifier: AlertNotifier, clock: Clock) -> None:
        self._storage = storage
        self._sender = sender
        self._notifier = notifier
        self._clock = clock
        self.id = uuid.uuid4().hex[:12]
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self._task: asyncio.Task[None] | None = None
        # Handles the kept updates of instances that are gone (the inbox's replay); set by the app.
        self.replay: Callable[[set[str]], Awaitable[int]] | None = None

    async def start(self) -> None:
        """Check in, then recover what dead instances left half done (a crash before this start)."""
        self._storage.db.owner = self.id
        await self._storage.instances.register(self.id, self.host, self.pid, now_int(self._clock))
        await self.recover()
        self._task = asyncio.create_task(self._run(), name="instance-heartbeat")

    async def recover(self) -> set[str]:
        """Recover the replies and alerts of instances that are gone; returns the live ones."""
        live = await self.live()
        await self._sender.recover(live)
        await self._notifier.resend_missing(now_int(self._clock) - RESEND_WINDOW, live, owner=self.id)
        return live

    async def live(self) -> set[str]:
        """Ids of the instances at work, this one included (the gone are removed on the way)."""
        return await self._storage.instances.live(self.id, self.host, self.pid, now_int(self._clock))

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None
        await self._storage.instances.remove(self.id)

    async def _run(self) -> None:
        since_sweep = 0.0
        while True:
            await asyncio.sleep(HEARTBEAT)
            since_sweep += HEARTBEAT
            try:
                await self._storage.instances.heartbeat(self.id, self.host, self.pid, now_int(self._clock))
                if since_sweep >= SWEEP_EVERY:
                    since_sweep = 0.0
                    live = await self.recover()
                    if self.replay is not None:
                        await self.replay(live)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("Instance check-in failed; retrying at the next one")
