"""Writes gathered during one turn of the event loop and made together, a moment later.

A statement per item (a handled update to drop, a message to count) cost as much as the item's
own work on PostgreSQL, a round trip each; the items that come together go in one write instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class TurnBatch(Generic[T]):
    """``add`` items; ``write`` gets them in batches. ``failed`` is the warning logged (with the
    batch's size and the error) when a write fails, e.g. on a database closed under it."""

    def __init__(self, write: Callable[[list[T]], Awaitable[None]], *, name: str, failed: str) -> None:
        self._write = write
        self._name = name
        self._failed = failed
        self._items: list[T] = []
        self._task: asyncio.Task[None] | None = None

    def add(self, item: T) -> None:
        self._items.append(item)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush(), name=self._name)

    async def _flush(self) -> None:
        await asyncio.sleep(0)  # what is added in this turn of the event loop joins in
        while self._items:
            items, self._items = self._items, []
            try:
                await self._write(items)
            except Exception as error:  # noqa: BLE001 - logged; the caller said what a loss means
                log.warning(self._failed, len(items), error)

    async def settle(self) -> None:
        """Wait until everything added so far is written (or its write failed)."""
        while self._task is not None and not self._task.done():
            await self._task
