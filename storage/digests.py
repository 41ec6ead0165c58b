"""Alert storms: the alerts each admin got lately, and the digest card per chat and admin that
gathers the ones beyond the admin's rate (see bot/telegram/digest.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.models import Case
from storage.database import Database


@dataclass(frozen=True, slots=True)
class DigestCard:
    id: int
    chat_id: int
    admin_id: int
    message_id: int
    started_at: int
    updated_at: int


class DigestRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def sent_since(self, admin_id: int, since: int) -> int:
        """Alerts sent to this admin (or group) as messages of their own since then, from any chat."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM alerts WHERE chat_id = ? AND created_at >= ? AND in_digest = 0", (admin_id, since)
        )
        return int(row[0]) if row is not None else 0

    async def current(self, chat_id: int, admin_id: int, since: int) -> DigestCard | None:
        """The digest card of this chat for this admin still gathering (updated since then)."""
        row = await self._db.fetchone(
            """
            SELECT * FROM digest_cards WHERE chat_id = ? AND admin_id = ? AND updated_at >= ?
            ORDER BY id DESC LIMIT 1
            """,
            (chat_id, admin_id, since),
        )
        if row is None:
            return None
        return DigestCard(
            row["id"], row["chat_id"], row["admin_id"], row["message_id"], row["started_at"], row["updated_at"]
        )

    async def add(self, chat_id: int, admin_id: int, message_id: int, now: int) -> int:
        row = await self._db.write_returning(
            """
            INSERT INTO digest_cards (chat_id, admin_id, message_id, started_at, updated_at)
            VALUES (?, ?, ?, ?, ?) RETURNING id
            """,
            (chat_id, admin_id, message_id, now, now),
        )
        assert row is not None
        return int(row[0])

    async def touch(self, digest_id: int, now: int) -> None:
        await self._db.write("UPDATE digest_cards SET updated_at = ? WHERE id = ?", (now, digest_id))

    async def fold(self, case_id: int, admin_id: int, message_id: int, now: int) -> None:
        """The case's alert for this admin is on the digest card ``message_id``: owed no more."""
        await self._db.write(
            """
            INSERT INTO alerts (case_id, chat_id, message_id, created_at, in_digest) VALUES (?, ?, ?, ?, 1)
            ON CONFLICT (case_id, chat_id) DO NOTHING
            """,
            (case_id, admin_id, message_id, now),
        )

    async def folded(self, card: DigestCard) -> list[Case]:
        """The cases gathered on this card."""
        rows = await self._db.fetchall(
            """
            SELECT c.* FROM cases c JOIN alerts a ON a.case_id = c.id
            WHERE a.chat_id = ? AND a.message_id = ? AND a.in_digest = 1 AND c.chat_id = ?
            ORDER BY c.created_at, c.id
            """,
            (card.admin_id, card.message_id, card.chat_id),
        )
        return [Case.from_row(row) for row in rows]
