"""What admin commands read and write: statistics, open cases, scheduled replies and mutes.

Every query takes a ``chat_id`` and filters by it: no command ever sees another chat's rows.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.domain.models import Case, CaseFacts, Reply
from storage.database import Database


@dataclass(frozen=True, slots=True)
class PendingReply:
    reply: Reply
    case: Case


class StatsRepository:
    def __init__(self, db: Database, counts_written: Callable[[], Awaitable[None]] | None = None) -> None:
        self._db = db
        # Waits for the message counts not written yet (CaseRepository.count_message), so a report
        # includes the messages counted just before it.
        self._counts_written = counts_written

    # Statistics -------------------------------------------------------------------------------

    async def case_facts(self, chat_id: int, since: int | None = None) -> list[CaseFacts]:
        """Cases of one chat created at or after ``since`` (all when None), oldest first.

        ``original_label`` is the bot's own label: the ``old`` of the first admin correction
        (a ``relabel`` event), or the current label when nobody corrected it.
        """
        rows = await self._db.fetchall(
            """
            SELECT cases.id, cases.created_at, cases.label, cases.status, cases.first_action_at,
                   cases.closed_at,
                   (SELECT detail FROM case_events
                    WHERE case_events.case_id = cases.id AND case_events.action = 'relabel'
                    ORDER BY case_events.id LIMIT 1) AS first_relabel
            FROM cases WHERE cases.chat_id = ? AND cases.created_at >= ?
            ORDER BY cases.created_at, cases.id
            """,
            (chat_id, since if since is not None else -(2**62)),
        )
        facts = []
        for row in rows:
            original = str(row["label"])
            if row["first_relabel"]:
                try:
                    detail = json.loads(row["first_relabel"])
                    original = str(detail.get("old") or original)
                except (ValueError, AttributeError):
                    pass
            facts.append(
                CaseFacts(
                    id=row["id"],
                    created_at=row["created_at"],
                    label=str(row["label"]),
                    original_label=original,
                    status=str(row["status"]),
                    first_action_at=row["first_action_at"],
                    closed_at=row["closed_at"],
                )
            )
        return facts

    async def message_counts(self, chat_id: int, since_day: int | None = None) -> dict[str, int]:
        """Classified messages of one chat per label, from UTC epoch day ``since_day`` on."""
        if self._counts_written is not None:
            await self._counts_written()
        rows = await self._db.fetchall(
            """
            SELECT label, SUM(count) AS total FROM message_stats
            WHERE chat_id = ? AND day >= ? GROUP BY label
            """,
            (chat_id, since_day if since_day is not None else -(2**62)),
        )
        return {str(row["label"]): int(row["total"]) for row in rows}

    # Lists for commands -----------------------------------------------------------------------

    async def open_cases(self, chat_id: int) -> list[Case]:
        rows = await self._db.fetchall(
            """
            SELECT * FROM cases WHERE chat_id = ? AND status NOT IN ('resolved', 'ignored')
            ORDER BY created_at, id
            """,
            (chat_id,),
        )
        return [Case.from_row(row) for row in rows]

    async def all_cases(self, chat_id: int) -> list[Case]:
        rows = await self._db.fetchall("SELECT * FROM cases WHERE chat_id = ? ORDER BY created_at, id", (chat_id,))
        return [Case.from_row(row) for row in rows]

    async def pending_replies(self, chat_id: int) -> list[PendingReply]:
        """Replies waiting to be posted in one chat, soonest first."""
        rows = await self._db.fetchall(
            """
            SELECT replies.id AS reply_id FROM replies JOIN cases ON cases.id = replies.case_id
            WHERE replies.chat_id = ? AND cases.chat_id = ? AND replies.status = 'pending'
            ORDER BY replies.due_at, replies.id
            """,
            (chat_id, chat_id),
        )
        ids = [int(row["reply_id"]) for row in rows]
        found = []
        for reply_id in ids:
            reply_row = await self._db.fetchone("SELECT * FROM replies WHERE id = ?", (reply_id,))
            if reply_row is None:
                continue
            reply = Reply.from_row(reply_row)
            case_row = await self._db.fetchone("SELECT * FROM cases WHERE id = ?", (reply.case_id,))
            if case_row is not None:
                found.append(PendingReply(reply, Case.from_row(case_row)))
        return found

    # Mutes ------------------------------------------------------------------------------------

    async def mute(self, chat_id: int, user_id: int, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO admin_mutes (chat_id, user_id, muted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (chat_id, user_id, now),
            )

    async def unmute(self, chat_id: int, user_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM admin_mutes WHERE chat_id = ? AND user_id = ?", (chat_id, user_id))

    async def is_muted(self, chat_id: int, user_id: int) -> bool:
        return (
            await self._db.fetchone("SELECT 1 FROM admin_mutes WHERE chat_id = ? AND user_id = ?", (chat_id, user_id))
            is not None
        )
