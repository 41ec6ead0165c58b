"""aiogram's in-memory FSM storage, holding only the states and data that were actually set.

aiogram's FSM middleware asks the storage for the state of every (chat, user) pair an update comes
from, and its ``MemoryStorage`` answers from a ``defaultdict``: each asking leaves an empty record
behind for good. In a group bot that is one record per commenter per chat, about 0.3 kB each, and
with many chats and commenters the process grew by that much per message without end.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import copy
from typing import Any, overload

from aiogram.fsm.storage.base import StateType, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage


class SparseMemoryStorage(MemoryStorage):
    """``MemoryStorage`` whose reads add nothing, and which forgets a key once it is back to empty."""

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        await super().set_state(key, state)
        self._forget_if_empty(key)

    async def get_state(self, key: StorageKey) -> str | None:
        record = self.storage.get(key)
        return record.state if record is not None else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await super().set_data(key, data)
        self._forget_if_empty(key)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = self.storage.get(key)
        return record.data.copy() if record is not None else {}

    @overload
    async def get_value(self, storage_key: StorageKey, dict_key: str) -> Any | None: ...

    @overload
    async def get_value(self, storage_key: StorageKey, dict_key: str, default: Any) -> Any: ...

    async def get_value(self, storage_key: StorageKey, dict_key: str, default: Any | None = None) -> Any | None:
        record = self.storage.get(storage_key)
        return copy(record.data.get(dict_key, default) if record is not None else default)

    def _forget_if_empty(self, key: StorageKey) -> None:
        record = self.storage.get(key)
        if record is not None and record.state is None and not record.data:
            del self.storage[key]
