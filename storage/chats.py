"""Chats, their admins and their settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bot.domain.models import Chat, ChatAdmin, ChatSettings
from storage.cache import TtlCache
from storage.database import Database


def _chat(row: Any) -> Chat:
    return Chat(
        id=row["id"],
        title=row["title"],
        type=row["type"],
        username=row["username"],
        linked_chat_id=row["linked_chat_id"],
        is_forum=bool(row["is_forum"]),
        active=bool(row["active"]),
        bot_is_admin=bool(row["bot_is_admin"]),
        admins_loaded_at=row["admins_loaded_at"],
    )


class ChatRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        # Read for every message: kept briefly, dropped on every write below.
        self._chats: TtlCache[int, Chat | None] = TtlCache()
        self._admins: TtlCache[int, list[ChatAdmin]] = TtlCache()
        self._settings: TtlCache[int, ChatSettings] = TtlCache()
        # Told of every chat whose rows were written here (other instances drop their copies).
        self.listeners: list[Callable[[int], None]] = []
        # Other caches of a chat's rows, dropped with these (the chat's reply templates).
        self.also_forget: list[Callable[[int], None]] = []

    def forget(self, chat_id: int) -> None:
        """Drop what is cached about a chat (it changed here, or another instance says it did)."""
        self._chats.drop(chat_id)
        self._admins.drop(chat_id)
        self._settings.drop(chat_id)
        for drop in self.also_forget:
            drop(chat_id)

    def changed(self, chat_id: int) -> None:
        """Rows of this chat were written here: drop the cached ones, tell the other instances."""
        self.forget(chat_id)
        for listener in self.listeners:
            listener(chat_id)

    async def upsert(
        self,
        *,
        chat_id: int,
        title: str,
        type_: str,
        username: str | None,
        now: int,
        is_forum: bool = False,
        linked_chat_id: int | None = None,
        active: bool = True,
    ) -> Chat:
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO chats (id, title, type, username, linked_chat_id, is_forum, active,
                                   added_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    title = excluded.title, type = excluded.type, username = excluded.username,
                    linked_chat_id = COALESCE(excluded.linked_chat_id, chats.linked_chat_id),
                    is_forum = excluded.is_forum, active = excluded.active,
                    updated_at = excluded.updated_at
                """,
                (chat_id, title, type_, username, linked_chat_id, int(is_forum), int(active), now, now),
            )
            await conn.execute("INSERT INTO chat_settings (chat_id) VALUES (?) ON CONFLICT DO NOTHING", (chat_id,))
        self.changed(chat_id)
        chat = await self.get(chat_id)
        assert chat is not None
        return chat

    async def get(self, chat_id: int) -> Chat | None:
        found, chat = self._chats.get(chat_id)
        if found:
            return chat
        row = await self._db.fetchone("SELECT * FROM chats WHERE id = ?", (chat_id,))
        fresh = _chat(row) if row else None
        self._chats.put(chat_id, fresh)
        return fresh

    async def set_active(self, chat_id: int, active: bool, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE chats SET active = ?, updated_at = ? WHERE id = ?", (int(active), now, chat_id))
        self.changed(chat_id)

    async def set_bot_admin(self, chat_id: int, is_admin: bool, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE chats SET bot_is_admin = ?, updated_at = ? WHERE id = ?",
                (int(is_admin), now, chat_id),
            )
        self.changed(chat_id)

    async def migrate_id(self, old_id: int, new_id: int) -> None:
        """A group upgraded to a supergroup gets a new id; keep its history under the new one."""
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE chats SET active = 0 WHERE id = ?", (old_id,))
        self.changed(old_id)

    async def chats_of_admin(self, user_id: int) -> list[Chat]:
        rows = await self._db.fetchall(
            """
            SELECT chats.* FROM chats JOIN chat_admins ON chat_admins.chat_id = chats.id
            WHERE chat_admins.user_id = ? ORDER BY chats.title
            """,
            (user_id,),
        )
        return [_chat(row) for row in rows]

    # Admins -----------------------------------------------------------------------------------

    async def replace_admins(self, chat_id: int, admins: Iterable[ChatAdmin], now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM chat_admins WHERE chat_id = ?", (chat_id,))
            await conn.executemany(
                """
                INSERT INTO chat_admins (chat_id, user_id, name, username, is_anonymous)
                VALUES (?, ?, ?, ?, ?)
                """,
                [(chat_id, a.user_id, a.name, a.username, int(a.is_anonymous)) for a in admins],
            )
            await conn.execute("UPDATE chats SET admins_loaded_at = ? WHERE id = ?", (now, chat_id))
        self.changed(chat_id)

    async def put_admin(self, admin: ChatAdmin) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO chat_admins (chat_id, user_id, name, username, is_anonymous)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (chat_id, user_id) DO UPDATE SET
                    name = excluded.name, username = excluded.username,
                    is_anonymous = excluded.is_anonymous
                """,
                (admin.chat_id, admin.user_id, admin.name, admin.username, int(admin.is_anonymous)),
            )
        self.changed(admin.chat_id)

    async def remove_admin(self, chat_id: int, user_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM chat_admins WHERE chat_id = ? AND user_id = ?", (chat_id, user_id))
        self.changed(chat_id)

    async def admins(self, chat_id: int) -> list[ChatAdmin]:
        found, cached = self._admins.get(chat_id)
        if found and cached is not None:
            return list(cached)
        rows = await self._db.fetchall("SELECT * FROM chat_admins WHERE chat_id = ? ORDER BY user_id", (chat_id,))
        admins = [
            ChatAdmin(
                chat_id=row["chat_id"],
                user_id=row["user_id"],
                name=row["name"],
                username=row["username"],
                is_anonymous=bool(row["is_anonymous"]),
            )
            for row in rows
        ]
        self._admins.put(chat_id, admins)
        return list(admins)

    # Settings ---------------------------------------------------------------------------------

    async def settings(self, chat_id: int) -> ChatSettings:
        found, cached_settings = self._settings.get(chat_id)
        if found and cached_settings is not None:
            return cached_settings
        row = await self._db.fetchone("SELECT * FROM chat_settings WHERE chat_id = ?", (chat_id,))
        settings = ChatSettings.from_row(row) if row else ChatSettings(chat_id=chat_id)
        self._settings.put(chat_id, settings)
        return settings

    async def digest_settings(self) -> list[ChatSettings]:
        """Settings of active chats that asked for the daily digest."""
        rows = await self._db.fetchall(
            """
            SELECT chat_settings.* FROM chat_settings JOIN chats ON chats.id = chat_settings.chat_id
            WHERE chat_settings.digest = 1 AND chats.active = 1
            """
        )
        return [ChatSettings.from_row(row) for row in rows]

    async def claim_digest(self, chat_id: int, day: int) -> bool:
        """The day's digest for a chat is sent by whoever claims it first (one of several instances)."""
        changed = await self._db.write(
            "UPDATE chat_settings SET digest_day = ? WHERE chat_id = ? AND COALESCE(digest_day, 0) <> ?",
            (day, chat_id, day),
        )
        self.changed(chat_id)
        return changed == 1

    async def update_settings(self, chat_id: int, **changes: object) -> ChatSettings:
        """Change some settings; keys are ``ChatSettings`` field names. ``None`` values are
        stored as NULL (e.g. quiet hours off), so pass only the fields to change."""
        columns = {f for f in ChatSettings.__dataclass_fields__ if f != "chat_id"}
        unknown = set(changes) - columns
        if unknown:
            raise ValueError(f"unknown chat settings: {sorted(unknown)}")
        values: list[object] = []
        for name, value in changes.items():
            if name == "alert_labels" and isinstance(value, tuple | list | set | frozenset):
                value = ",".join(str(v) for v in value)
            elif isinstance(value, bool):
                value = int(value)
            values.append(value)
        async with self._db.transaction() as conn:
            await conn.execute("INSERT INTO chat_settings (chat_id) VALUES (?) ON CONFLICT DO NOTHING", (chat_id,))
            if changes:
                assignments = ", ".join(f"{name} = ?" for name in changes)
                await conn.execute(f"UPDATE chat_settings SET {assignments} WHERE chat_id = ?", (*values, chat_id))
        self.changed(chat_id)
        return await self.settings(chat_id)
