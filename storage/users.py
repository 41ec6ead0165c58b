"""People who pressed Start: the only ones the bot can message privately."""

from __future__ import annotations

from typing import Any

from bot.domain.models import User
from storage.database import Database


def _user(row: Any) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        username=row["username"],
        language_code=row["language_code"],
        reachable=bool(row["reachable"]),
        unreachable_reason=row["unreachable_reason"],
    )


class UserRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def started(
        self, *, user_id: int, name: str, username: str | None, language_code: str | None, now: int
    ) -> User:
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO users (id, name, username, language_code, started_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name, username = excluded.username,
                    language_code = excluded.language_code,
                    reachable = 1, unreachable_at = NULL, unreachable_reason = NULL
                """,
                (user_id, name, username, language_code, now),
            )
        user = await self.get(user_id)
        assert user is not None
        return user

    async def get(self, user_id: int) -> User | None:
        row = await self._db.fetchone("SELECT * FROM users WHERE id = ?", (user_id,))
        return _user(row) if row else None

    async def mark_unreachable(self, user_id: int, reason: str, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE users SET reachable = 0, unreachable_at = ?, unreachable_reason = ? WHERE id = ?",
                (now, reason, user_id),
            )

    async def reach(self, chat_id: int) -> tuple[list[User], list[tuple[str, str]]]:
        """(admins who started the bot and are reachable, (name, why) of the admins the bot cannot
        message: 'never_started' or 'blocked'), in one read: an alert needs both.

        Admins who muted the chat (``/mute`` in private) are in neither list: they chose not to get
        its alerts, so they are not "unreachable" either.
        """
        rows = await self._db.fetchall(
            """
            SELECT chat_admins.user_id AS admin_id, chat_admins.name AS admin_name, users.*
            FROM chat_admins LEFT JOIN users ON users.id = chat_admins.user_id
            WHERE chat_admins.chat_id = ?
              AND NOT EXISTS (SELECT 1 FROM admin_mutes
                              WHERE admin_mutes.chat_id = chat_admins.chat_id
                                AND admin_mutes.user_id = chat_admins.user_id)
            ORDER BY chat_admins.user_id
            """,
            (chat_id,),
        )
        reachable = [_user(row) for row in rows if row["id"] is not None and row["reachable"]]
        unreachable = [
            (str(row["admin_name"]), "never_started" if row["id"] is None else "blocked")
            for row in rows
            if row["id"] is None or not row["reachable"]
        ]
        return reachable, unreachable

    async def alert_recipients(self, chat_id: int) -> tuple[list[User], list[str]]:
        """(admins who started the bot and are reachable, names of admins who cannot be messaged)."""
        reachable, unreachable = await self.reach(chat_id)
        return reachable, [name for name, _ in unreachable]

    async def unreachable_admins(self, chat_id: int) -> list[tuple[str, str]]:
        """(name, why) of the chat's admins the bot cannot message: 'never_started' or 'blocked'."""
        return (await self.reach(chat_id))[1]
