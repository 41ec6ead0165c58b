"""Reply variants an admin wrote for a chat, per label and language."""

from __future__ import annotations

import json

from storage.cache import TtlCache
from storage.chats import ChatRepository
from storage.database import Database


class TemplateRepository:
    def __init__(self, db: Database, chats: ChatRepository) -> None:
        self._db = db
        # Read for every case opened: a chat's templates are kept as its settings are, dropped
        # with them on every change here or on another instance (see ChatRepository.forget).
        self._chats = chats
        self._cached: TtlCache[int, dict[tuple[str, str], list[str]]] = TtlCache()
        chats.also_forget.append(self._cached.drop)

    async def get(self, chat_id: int, label: str, language: str) -> list[str] | None:
        found, templates = self._cached.get(chat_id)
        if not found or templates is None:
            rows = await self._db.fetchall(
                "SELECT label, language, variants FROM chat_templates WHERE chat_id = ?", (chat_id,)
            )
            templates = {(row[0], row[1]): [str(v) for v in json.loads(row[2])] for row in rows}
            self._cached.put(chat_id, templates)
        variants = templates.get((label, language))
        return list(variants) if variants is not None else None

    async def put(self, chat_id: int, label: str, language: str, variants: list[str], by: int, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO chat_templates (chat_id, label, language, variants, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (chat_id, label, language) DO UPDATE SET
                    variants = excluded.variants, updated_by = excluded.updated_by,
                    updated_at = excluded.updated_at
                """,
                (chat_id, label, language, json.dumps(variants, ensure_ascii=False), by, now),
            )
        self._chats.changed(chat_id)

    async def reset(self, chat_id: int, label: str, language: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM chat_templates WHERE chat_id = ? AND label = ? AND language = ?",
                (chat_id, label, language),
            )
        self._chats.changed(chat_id)
