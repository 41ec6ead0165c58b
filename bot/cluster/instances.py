"""This process among the instances on one database: check in, and recover only the dead's work."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable

from bot.domain.clock import Clock, now_int
from bot.tasks import cancel, log_round_failure
from bot.telegram.admins import AdminDirectory
from bot.telegram.incident_cards import IncidentCards
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
    def __init__(
        self,
        storage: Storage,
        sender: ReplySender,
        notifier: AlertNotifier,
        clock: Clock,
        admins: AdminDirectory | None = None,
        incident_cards: IncidentCards | None = None,
    ) -> None:
        self._storage = storage
        self._incident_cards = incident_cards
        self._sender = sender
        self._notifier = notifier
        self._clock = clock
        self._admins = admins
        self._catching_up: set[asyncio.Task[int]] = set()
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
        """Recover the replies and alerts of instances that are gone, and send every reachable admin
        the copies of alerts they lack; returns the live instances."""
        live = await self.live()
        await self._sender.recover(live)
        since = now_int(self._clock) - RESEND_WINDOW
        await self._notifier.resend_missing(since, live, owner=self.id)
        if self._admins is not None:
            # Chats whose admins could not be loaded when a case opened there: the copies follow
            # as soon as the list loads (send_owed below).
            for chat_id in await self._storage.cases.chats_without_admins(since):
                await self._admins.reload_admins(chat_id)
        await self._notifier.send_owed(since, live, self.id)
        if self._incident_cards is not None:
            await self._incident_cards.send_owed(since, live)
        return live

    def catch_up_soon(self, chat_id: int) -> None:
        """A chat's admin list just loaded: send its admins the copies they lack, in the background
        (once this instance has checked in: start-up recovery does it for all chats before)."""
        if self._task is None:
            return
        task = asyncio.create_task(self._catch_up(chat_id), name=f"catch-up-{chat_id}")
        self._catching_up.add(task)
        task.add_done_callback(self._catching_up.discard)

    async def _catch_up(self, chat_id: int) -> int:
        try:
            since = now_int(self._clock) - RESEND_WINDOW
            return await self._notifier.send_owed(since, await self.live(), self.id, chat_id=chat_id)
        except Exception as error:  # noqa: BLE001 - logged by log_round_failure
            log_round_failure(log, f"Could not send the alerts owed to the admins of chat {chat_id}", error)
            return 0

    async def settle(self) -> None:
        """Wait for the catch-ups under way (before a stop, and in tests)."""
        while self._catching_up:
            await asyncio.gather(*list(self._catching_up), return_exceptions=True)

    async def live(self) -> set[str]:
        """Ids of the instances at work, this one included (the gone are removed on the way)."""
        return await self._storage.instances.live(self.id, self.host, self.pid, now_int(self._clock))

    async def stop(self) -> None:
        await self.settle()
        await cancel(self._task)
        self._task = None
        await self._storage.instances.remove(self.id)

    async def _run(self) -> None:
        since_sweep = 0.0
        while True:
            await asyncio.sleep(HEARTBEAT)
            since_sweep += HEARTBEAT
            if await self.check_in(sweep=since_sweep >= SWEEP_EVERY):
                since_sweep = 0.0

    async def check_in(self, *, sweep: bool) -> bool:
        """Say this instance is at work and, with ``sweep``, recover what instances that are gone left
        and send what is owed; False when that failed (the database locked past its wait, say):
        the next check-in tries again."""
        try:
            await self._storage.instances.heartbeat(self.id, self.host, self.pid, now_int(self._clock))
            if sweep:
                live = await self.recover()
                if self.replay is not None:
                    await self.replay(live)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - logged by log_round_failure
            log_round_failure(log, "Instance check-in failed; trying again at the next one", error)
            return False
        return True
