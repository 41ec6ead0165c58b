"""aiogram's FSM storage in the bot's own database (SQLite or PostgreSQL), so that a conversation
survives a restart; ``storage/fsm.py`` holds the SQL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from bot.domain.clock import Clock, now_int, system_clock
from storage.fsm import FsmKey, FsmRepository


def _key(key: StorageKey) -> FsmKey:
    return FsmKey(
        bot_id=key.bot_id,
        chat_id=key.chat_id,
        user_id=key.user_id,
        thread_id=key.thread_id or 0,
        business_connection_id=key.business_connection_id or "",
        destiny=key.destiny,
    )


class SqlStorage(BaseStorage):
    def __init__(self, rows: FsmRepository, clock: Clock = system_clock) -> None:
        self._rows = rows
        self._clock = clock

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name = state.state if isinstance(state, State) else state
        await self._rows.set_state(_key(key), name, now_int(self._clock))

    async def get_state(self, key: StorageKey) -> str | None:
        return await self._rows.state(_key(key))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._rows.set_data(_key(key), data, now_int(self._clock))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return await self._rows.data(_key(key))

    async def close(self) -> None:
        """Nothing of its own: the database is closed with the rest of the storage."""
