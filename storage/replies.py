"""Messages the bot posts in chats: claim, send, record; never twice."""

from __future__ import annotations

from collections.abc import Collection

from bot.domain.models import CaseStatus, Reply, ReplyKind, ReplyStatus
from storage.database import Database, IntegrityError

_LIVE = "('pending', 'sending', 'sent', 'uncertain')"


class ReplyRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def schedule(
        self,
        *,
        case_id: int,
        chat_id: int,
        reply_to: int,
        thread_id: int | None,
        text: str,
        due_at: int,
        created_by: int | None,
        now: int,
        kind: ReplyKind = ReplyKind.REPLY,
    ) -> tuple[Reply, bool]:
        """Create the case's live message of this kind; when one exists, return it with False."""
        try:
            async with self._db.transaction() as conn:
                inserted = await conn.fetchone(
                    """
                    INSERT INTO replies (case_id, chat_id, reply_to, thread_id, text, due_at, status,
                                         created_by, created_at, updated_at, kind)
                    VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
                    RETURNING id
                    """,
                    (case_id, chat_id, reply_to, thread_id, text, due_at, created_by, now, now, kind.value),
                )
                reply_id = int(inserted["id"]) if inserted is not None else 0
                if kind is ReplyKind.REPLY:
                    await conn.execute(
                        "UPDATE cases SET status = ?, updated_at = ? WHERE id = ? AND status = 'new'",
                        (CaseStatus.SCHEDULED.value, now, case_id),
                    )
        except IntegrityError:
            live = await self.live_for_case(case_id, kind)
            assert live is not None
            return live, False
        reply = await self.get(reply_id)
        assert reply is not None
        return reply, True

    async def get(self, reply_id: int) -> Reply | None:
        row = await self._db.fetchone("SELECT * FROM replies WHERE id = ?", (reply_id,))
        return Reply.from_row(row) if row else None

    async def live_for_case(self, case_id: int, kind: ReplyKind = ReplyKind.REPLY) -> Reply | None:
        row = await self._db.fetchone(
            f"SELECT * FROM replies WHERE case_id = ? AND kind = ? AND status IN {_LIVE}",
            (case_id, kind.value),
        )
        return Reply.from_row(row) if row else None

    async def latest_for_case(self, case_id: int, kind: ReplyKind = ReplyKind.REPLY) -> Reply | None:
        row = await self._db.fetchone(
            "SELECT * FROM replies WHERE case_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
            (case_id, kind.value),
        )
        return Reply.from_row(row) if row else None

    async def latest_of_each_kind(self, case_id: int) -> dict[ReplyKind, Reply]:
        """The case's latest reply of each kind, in one read (an alert card shows both)."""
        rows = await self._db.fetchall("SELECT * FROM replies WHERE case_id = ? ORDER BY id", (case_id,))
        return {reply.kind: reply for reply in map(Reply.from_row, rows)}

    async def due(self, now: int, limit: int = 50) -> list[Reply]:
        rows = await self._db.fetchall(
            "SELECT * FROM replies WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?",
            (now, limit),
        )
        return [Reply.from_row(row) for row in rows]

    async def pending_in_chat(self, chat_id: int) -> list[Reply]:
        rows = await self._db.fetchall(
            "SELECT * FROM replies WHERE chat_id = ? AND status = 'pending' ORDER BY due_at, id", (chat_id,)
        )
        return [Reply.from_row(row) for row in rows]

    async def pending_for_author(self, chat_id: int, author_id: int) -> list[Reply]:
        """The author's replies still waiting in this chat. Driven from the author's cases (CROSS
        JOIN keeps SQLite's join order): from the chat's pending replies, it read every one of
        them for each message, and a chat with a long reply delay has thousands."""
        rows = await self._db.fetchall(
            """
            SELECT replies.* FROM cases CROSS JOIN replies
            WHERE cases.chat_id = ? AND cases.author_id = ? AND replies.case_id = cases.id
              AND replies.status = 'pending' AND replies.kind = 'reply'
            ORDER BY replies.id
            """,
            (chat_id, author_id),
        )
        return [Reply.from_row(row) for row in rows]

    async def answered_author_in_thread(
        self, chat_id: int, author_id: int, thread_id: int | None, exclude_case: int
    ) -> bool:
        """Whether a reply to this author in this thread is already out (or on its way).

        Driven from the author's cases (CROSS JOIN keeps SQLite's join order), not from all the
        chat's replies, so the cost does not grow with the chat's history."""
        # NULL-safe equality: SQLite's ``IS``, PostgreSQL's ``IS NOT DISTINCT FROM``.
        same = "IS" if self._db.dialect == "sqlite" else "IS NOT DISTINCT FROM"
        return (
            await self._db.fetchone(
                f"""
            SELECT 1 FROM cases CROSS JOIN replies
            WHERE cases.chat_id = ? AND cases.author_id = ? AND cases.thread_id {same} ?
              AND replies.case_id = cases.id
              AND replies.kind = 'reply' AND replies.status IN {_LIVE} AND cases.id != ?
            LIMIT 1
            """,
                (chat_id, author_id, thread_id, exclude_case),
            )
            is not None
        )

    async def next_due_at(self) -> int | None:
        row = await self._db.fetchone("SELECT MIN(due_at) FROM replies WHERE status = 'pending'")
        return int(row[0]) if row and row[0] is not None else None

    async def claim(self, reply_id: int, now: int) -> bool:
        """pending -> sending, committed before the send; only one claimer wins."""
        async with self._db.transaction() as conn:
            changed = await conn.execute(
                """
                UPDATE replies SET status = 'sending', attempts = attempts + 1, updated_at = ?, claimed_by = ?
                WHERE id = ? AND status = 'pending'
                """,
                (now, self._db.owner, reply_id),
            )
            return changed == 1

    async def mark_sent(self, reply_id: int, message_id: int, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                UPDATE replies SET status = 'sent', sent_message_id = ?, error = NULL, updated_at = ?
                WHERE id = ?
                """,
                (message_id, now, reply_id),
            )
            await conn.execute(
                """
                UPDATE cases SET status = 'answered', updated_at = ?,
                    first_action_at = COALESCE(first_action_at, ?)
                WHERE id = (SELECT case_id FROM replies WHERE id = ? AND kind = 'reply')
                  AND status IN ('new', 'scheduled')
                """,
                (now, now, reply_id),
            )

    async def reschedule(self, reply_id: int, due_at: int, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE replies SET due_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
                (due_at, now, reply_id),
            )

    async def release(self, reply_id: int, due_at: int, error: str, now: int) -> None:
        """Back to pending after a temporary failure, to be tried again at ``due_at``."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE replies SET status = 'pending', due_at = ?, error = ?, updated_at = ? WHERE id = ?",
                (due_at, error, now, reply_id),
            )

    async def finish(self, reply_id: int, status: ReplyStatus, error: str | None, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE replies SET status = ?, error = ?, updated_at = ? WHERE id = ?",
                (status.value, error, now, reply_id),
            )
            if status in (ReplyStatus.CANCELLED, ReplyStatus.FAILED):
                await conn.execute(
                    """
                    UPDATE cases SET status = 'new', updated_at = ?
                    WHERE id = (SELECT case_id FROM replies WHERE id = ? AND kind = 'reply')
                      AND status = 'scheduled'
                    """,
                    (now, reply_id),
                )

    async def update_pending_text(self, case_id: int, text: str, now: int, kind: ReplyKind = ReplyKind.REPLY) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE replies SET text = ?, updated_at = ? WHERE case_id = ? AND kind = ? AND status = 'pending'",
                (text, now, case_id, kind.value),
            )

    async def cancel_pending(self, case_id: int, now: int, kind: ReplyKind = ReplyKind.REPLY) -> Reply | None:
        async with self._db.transaction() as conn:
            # One conditional statement: a reply another instance has just claimed stays claimed.
            row = await conn.fetchone(
                """
                UPDATE replies SET status = 'cancelled', updated_at = ?
                WHERE case_id = ? AND kind = ? AND status = 'pending'
                RETURNING id
                """,
                (now, case_id, kind.value),
            )
            if row is None:
                return None
            await conn.execute(
                "UPDATE cases SET status = 'new', updated_at = ? WHERE id = ? AND status = 'scheduled'",
                (now, case_id),
            )
        return await self.get(int(row["id"]))

    async def bring_forward(self, case_id: int, now: int, kind: ReplyKind = ReplyKind.REPLY) -> Reply | None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE replies SET due_at = ?, updated_at = ? WHERE case_id = ? AND kind = ? AND status = 'pending'",
                (now, now, case_id, kind.value),
            )
        live = await self.live_for_case(case_id, kind)
        return live if live and live.status is ReplyStatus.PENDING else None

    async def recover_interrupted(self, now: int, live: Collection[str] = ()) -> list[Reply]:
        """A reply left 'sending' by an instance that is gone (not in ``live``) may or may not have
        reached Telegram: it becomes 'uncertain'. A live instance's send in progress is left alone."""
        recovered = []
        async with self._db.transaction() as conn:
            for row in await conn.fetchall("SELECT * FROM replies WHERE status = 'sending'"):
                if row["claimed_by"] in live:
                    continue
                changed = await conn.execute(
                    "UPDATE replies SET status = 'uncertain', updated_at = ? WHERE id = ? AND status = 'sending'",
                    (now, row["id"]),
                )
                if changed:
                    recovered.append(Reply.from_row(row))
        return recovered

    async def confirm_uncertain(self, case_id: int, sent: bool, now: int) -> None:
        """An admin says whether an uncertain reply is in the chat; if not, it goes back to pending."""
        async with self._db.transaction() as conn:
            if sent:
                await conn.execute(
                    "UPDATE replies SET status = 'sent', updated_at = ? WHERE case_id = ? AND status = 'uncertain'",
                    (now, case_id),
                )
                await conn.execute(
                    "UPDATE cases SET status = 'answered', updated_at = ? "
                    "WHERE id = ? AND status IN ('new', 'scheduled')",
                    (now, case_id),
                )
            else:
                await conn.execute(
                    "UPDATE replies SET status = 'pending', due_at = ?, updated_at = ? "
                    "WHERE case_id = ? AND status = 'uncertain'",
                    (now, now, case_id),
                )
