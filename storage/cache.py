"""A small time-bounded cache for rows read on every message (a chat, its admins, its settings).

Writes through the repository drop the entry at once, so one process always sees its own changes;
the time bound keeps several instances on one PostgreSQL from seeing another's change late by more
than a few seconds.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    def __init__(self, ttl: float = 5.0, max_items: int = 20_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._max = max_items
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> tuple[bool, V | None]:
        """(True, value) while fresh; (False, None) when absent or expired."""
        item = self._items.get(key)
        if item is None:
            return False, None
        if item[0] < self._clock():
            del self._items[key]
            return False, None
        return True, item[1]

    def put(self, key: K, value: V) -> None:
        self._items[key] = (self._clock() + self.ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def drop(self, key: K) -> None:
        self._items.pop(key, None)
