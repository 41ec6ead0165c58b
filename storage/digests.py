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


@dataclass(frozen=True, slots=True)
class DigestSummary:
    labels: tuple[tuple[str, int], ...]  # label -> cases gathered, most first
    seconds: int  # from the first gathered case to the latest
    urgent: tuple[Case, ...]

    @property
    def count(self) -> int:
        return sum(n for _, n in self.labels)


class DigestRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def sent_since(self, admin_id: int, since: int) -> int:
        """Alerts sent to this admin (or group) as messages of their own since then, from any chat."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM alerts WHERE chat_id = ? AND created_at >= ? AND in_digest = 0", (admin_id, since)
        )
        return int(row[0]) if row is not None else 0

    async def rate_reached_at(self, admin_id: int, since: int, rate: int) -> int | None:
        """When the ``rate``-th newest alert sent to this admin as a message of its own since then was
        sent (``sent_since`` reaches ``rate`` until it leaves the window); None when fewer were."""
        row = await self._db.fetchone(
            """
            SELECT created_at FROM alerts WHERE chat_id = ? AND created_at >= ? AND in_digest = 0
            ORDER BY created_at DESC LIMIT 1 OFFSET ?
            """,
            (admin_id, since, rate - 1),
        )
        return int(row[0]) if row is not None else None

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

    async def folded(self, card: DigestCard, urgent: int = 3) -> DigestSummary:
        """What is gathered on this card, read in three small queries however many it holds: the
        count per label, the span of time, and the ``urgent`` most urgent cases (real problems
        first, then insults, then the surer verdicts)."""
        where = "a.chat_id = ? AND a.message_id = ? AND a.in_digest = 1 AND c.chat_id = ?"
        params = (card.admin_id, card.message_id, card.chat_id)
        counts = await self._db.fetchall(
            f"""
            SELECT c.label, COUNT(*), MIN(c.created_at), MAX(c.created_at)
            FROM cases c JOIN alerts a ON a.case_id = c.id WHERE {where} GROUP BY c.label
            """,
            params,
        )
        top = await self._db.fetchall(
            f"""
            SELECT c.* FROM cases c JOIN alerts a ON a.case_id = c.id WHERE {where}
            ORDER BY CASE WHEN c.label = 'constructive' THEN 1 ELSE 0 END DESC, c.toxic DESC,
                c.confidence DESC, c.id
            LIMIT ?
            """,
            (*params, urgent),
        )
        labels = tuple(sorted(((str(row[0]), int(row[1])) for row in counts), key=lambda item: -item[1]))
        first = min((int(row[2]) for row in counts), default=card.started_at)
        last = max((int(row[3]) for row in counts), default=card.started_at)
        return DigestSummary(labels, last - first, tuple(Case.from_row(row) for row in top))
