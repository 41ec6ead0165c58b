"""The rows behind aiogram's FSM (``bot/telegram/fsm/sql_storage.py``): a state and a JSON object per key.

A key with no state and no data has no row: ending a conversation deletes it. Ids outside BIGINT
cannot be anyone's key (Telegram's fit in 52 bits); a read for one finds nothing without asking
the database, a write is refused.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storage.database import Database

_BIGINT = range(-(2**63), 2**63)
_EMPTY = "{}"
_WHERE = "bot_id = ? AND chat_id = ? AND user_id = ? AND thread_id = ? AND business_connection_id = ? AND destiny = ?"
_COLUMNS = "bot_id, chat_id, user_id, thread_id, business_connection_id, destiny"


@dataclass(frozen=True, slots=True)
class FsmKey:
    """aiogram's ``StorageKey`` with the missing thread and business connection as 0 and ''."""

    bot_id: int
    chat_id: int
    user_id: int
    thread_id: int = 0
    business_connection_id: str = ""
    destiny: str = "default"

    def storable(self) -> bool:
        return all(value in _BIGINT for value in (self.bot_id, self.chat_id, self.user_id, self.thread_id))

    def params(self) -> tuple[int, int, int, int, str, str]:
        return (self.bot_id, self.chat_id, self.user_id, self.thread_id, self.business_connection_id, self.destiny)


class FsmRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def state(self, key: FsmKey) -> str | None:
        if not key.storable():
            return None
        row = await self._db.fetchone(f"SELECT state FROM fsm_states WHERE {_WHERE}", key.params())
        return None if row is None else row["state"]

    async def data(self, key: FsmKey) -> dict[str, Any]:
        if not key.storable():
            return {}
        row = await self._db.fetchone(f"SELECT data FROM fsm_states WHERE {_WHERE}", key.params())
        found = json.loads(row["data"]) if row is not None else {}
        return found if isinstance(found, dict) else {}

    async def set_state(self, key: FsmKey, state: str | None, now: int) -> None:
        self._check(key)
        if state is None:
            async with self._db.transaction() as conn:
                await conn.execute(f"DELETE FROM fsm_states WHERE {_WHERE} AND data = ?", (*key.params(), _EMPTY))
                await conn.execute(
                    f"UPDATE fsm_states SET state = NULL, updated_at = ? WHERE {_WHERE}", (now, *key.params())
                )
            return
        await self._db.write(
            f"""
            INSERT INTO fsm_states ({_COLUMNS}, state, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT ({_COLUMNS}) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """,
            (*key.params(), state, _EMPTY, now),
        )

    async def set_data(self, key: FsmKey, data: Mapping[str, Any], now: int) -> None:
        self._check(key)
        if not data:
            async with self._db.transaction() as conn:
                await conn.execute(f"DELETE FROM fsm_states WHERE {_WHERE} AND state IS NULL", key.params())
                await conn.execute(
                    f"UPDATE fsm_states SET data = ?, updated_at = ? WHERE {_WHERE}", (_EMPTY, now, *key.params())
                )
            return
        await self._db.write(
            f"""
            INSERT INTO fsm_states ({_COLUMNS}, state, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)
            ON CONFLICT ({_COLUMNS}) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
            """,
            (*key.params(), json.dumps(dict(data), ensure_ascii=False), now),
        )

    @staticmethod
    def _check(key: FsmKey) -> None:
        if not key.storable():
            raise ValueError(f"FSM key out of BIGINT range: {key}")
