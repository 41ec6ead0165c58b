"""Incidents, their members and cards, the surge detector's candidates, answers to members, the
admins' corrections, and the digest cards of alert storms."""

from __future__ import annotations

import json
from collections.abc import Collection

from bot.domain.incidents import AnswerKind, Candidate, Incident, IncidentStatus, IncidentSummary
from bot.domain.models import Case
from storage.database import Database, Row


def _incident(row: Row) -> Incident:
    return Incident(
        id=row["id"],
        chat_id=row["chat_id"],
        key=row["key"],
        title=row["title"],
        status=IncidentStatus(row["status"]),
        started_at=row["started_at"],
        last_at=row["last_at"],
        statement_text=row["statement_text"],
        statement_message_id=row["statement_message_id"],
        statement_chat_id=row["statement_chat_id"],
        statement_at=row["statement_at"],
        result_text=row["result_text"],
        result_message_id=row["result_message_id"],
        resolved_at=row["resolved_at"],
    )


def _terms(terms: Collection[str]) -> str:
    return " " + " ".join(sorted(terms)) + " "


class IncidentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # The detector's candidates --------------------------------------------------------------

    async def add_candidate(self, case_id: int, chat_id: int, author_id: int, terms: Collection[str], now: int) -> None:
        await self._db.write(
            """
            INSERT INTO incident_candidates (case_id, chat_id, author_id, terms, created_at)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING
            """,
            (case_id, chat_id, author_id, _terms(terms), now),
        )

    async def candidates(self, chat_id: int, term: str, since: int) -> list[Candidate]:
        """The chat's candidates about ``term`` since then that are in no incident yet."""
        rows = await self._db.fetchall(
            """
            SELECT c.case_id, c.author_id, c.terms, c.created_at FROM incident_candidates c
            WHERE c.chat_id = ? AND c.created_at >= ? AND c.terms LIKE ?
              AND NOT EXISTS (SELECT 1 FROM incident_members m WHERE m.case_id = c.case_id)
            ORDER BY c.created_at, c.case_id
            """,
            (chat_id, since, f"% {term} %"),
        )
        return [
            Candidate(row["case_id"], row["author_id"], frozenset(row["terms"].split()), row["created_at"])
            for row in rows
        ]

    async def term_count(self, chat_id: int, term: str, since: int, until: int) -> int:
        """How many of the chat's negative comments were about ``term`` in [since, until): its usual rate."""
        row = await self._db.fetchone(
            """
            SELECT COUNT(*) FROM incident_candidates
            WHERE chat_id = ? AND created_at >= ? AND created_at < ? AND terms LIKE ?
            """,
            (chat_id, since, until, f"% {term} %"),
        )
        return int(row[0]) if row is not None else 0

    async def known_since(self, chat_id: int) -> int | None:
        """When the detector first saw a negative comment in the chat (None: never)."""
        row = await self._db.fetchone("SELECT MIN(created_at) FROM incident_candidates WHERE chat_id = ?", (chat_id,))
        return int(row[0]) if row is not None and row[0] is not None else None

    async def forget_candidates(self, before: int) -> int:
        return await self._db.write("DELETE FROM incident_candidates WHERE created_at < ?", (before,))

    # Incidents ------------------------------------------------------------------------------

    async def create(
        self, chat_id: int, key: str, title: str, case_ids: list[int], started_at: int, last_at: int, now: int
    ) -> Incident:
        async with self._db.transaction() as conn:
            row = await conn.fetchone(
                """
                INSERT INTO incidents (chat_id, key, title, status, started_at, last_at)
                VALUES (?, ?, ?, 'open', ?, ?) RETURNING *
                """,
                (chat_id, key, title, started_at, last_at),
            )
            assert row is not None
            for case_id in case_ids:
                await conn.execute(
                    "INSERT INTO incident_members (incident_id, case_id, joined_at) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (row["id"], case_id, now),
                )
        return _incident(row)

    async def join(self, incident_id: int, case_id: int, at: int, now: int) -> bool:
        async with self._db.transaction() as conn:
            added = await conn.execute(
                "INSERT INTO incident_members (incident_id, case_id, joined_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (incident_id, case_id, now),
            )
            if added:
                await conn.execute(
                    "UPDATE incidents SET last_at = CASE WHEN last_at > ? THEN last_at ELSE ? END WHERE id = ?",
                    (at, at, incident_id),
                )
        return bool(added)

    async def get(self, incident_id: int) -> Incident | None:
        row = await self._db.fetchone("SELECT * FROM incidents WHERE id = ?", (incident_id,))
        return _incident(row) if row is not None else None

    async def open_in_chat(self, chat_id: int, active_since: int) -> list[Incident]:
        """The chat's open incidents with a member since then, the largest first."""
        rows = await self._db.fetchall(
            """
            SELECT i.* FROM incidents i
            WHERE i.chat_id = ? AND i.status = 'open' AND i.last_at >= ?
            ORDER BY (SELECT COUNT(*) FROM incident_members m WHERE m.incident_id = i.id) DESC, i.id
            """,
            (chat_id, active_since),
        )
        return [_incident(row) for row in rows]

    async def latest_open(self, chat_id: int, active_since: int) -> Incident | None:
        """The chat's open incident with the latest member, if it had one since then: one row by the
        index, without counting members (asked for each alert the chat sends)."""
        row = await self._db.fetchone(
            """
            SELECT * FROM incidents WHERE chat_id = ? AND status = 'open' AND last_at >= ?
            ORDER BY last_at DESC, id DESC LIMIT 1
            """,
            (chat_id, active_since),
        )
        return _incident(row) if row is not None else None

    async def of_case(self, case_id: int) -> Incident | None:
        row = await self._db.fetchone(
            "SELECT i.* FROM incidents i JOIN incident_members m ON m.incident_id = i.id WHERE m.case_id = ?",
            (case_id,),
        )
        return _incident(row) if row is not None else None

    async def members(self, incident_id: int) -> list[Case]:
        rows = await self._db.fetchall(
            """
            SELECT c.* FROM cases c JOIN incident_members m ON m.case_id = c.id
            WHERE m.incident_id = ? ORDER BY c.created_at, c.id
            """,
            (incident_id,),
        )
        return [Case.from_row(row) for row in rows]

    async def summary(self, incident_id: int, repeat_limit: int = 10) -> IncidentSummary:
        """What the card shows, in a few small queries however many members there are."""
        counts = await self._db.fetchall(
            """
            SELECT c.label, COUNT(*) FROM cases c JOIN incident_members m ON m.case_id = c.id
            WHERE m.incident_id = ? GROUP BY c.label
            """,
            (incident_id,),
        )
        authors = await self._db.fetchone(
            """
            SELECT COUNT(DISTINCT c.author_id) FROM cases c JOIN incident_members m ON m.case_id = c.id
            WHERE m.incident_id = ?
            """,
            (incident_id,),
        )
        ends = []
        for order in ("ASC", "DESC"):
            row = await self._db.fetchone(
                f"""
                SELECT c.* FROM cases c JOIN incident_members m ON m.case_id = c.id
                WHERE m.incident_id = ? ORDER BY c.created_at {order}, c.id {order} LIMIT 1
                """,
                (incident_id,),
            )
            ends.append(Case.from_row(row) if row is not None else None)
        repeats = await self._db.fetchall(
            """
            SELECT MIN(c.author_name) FROM cases c JOIN incident_members m ON m.case_id = c.id
            WHERE m.incident_id = ? GROUP BY c.author_id HAVING COUNT(*) >= 2
            ORDER BY COUNT(*) DESC, MIN(c.author_name) LIMIT ?
            """,
            (incident_id, repeat_limit),
        )
        labels = tuple(sorted(((str(row[0]), int(row[1])) for row in counts), key=lambda item: -item[1]))
        return IncidentSummary(
            count=sum(n for _, n in labels),
            authors=int(authors[0]) if authors is not None else 0,
            labels=labels,
            first=ends[0],
            latest=ends[1],
            repeat_authors=tuple(str(row[0]) for row in repeats),
        )

    async def set_statement(self, incident_id: int, text: str) -> None:
        await self._db.write("UPDATE incidents SET statement_text = ? WHERE id = ?", (text, incident_id))

    async def published(
        self, incident_id: int, message_id: int, text: str, now: int, posted_in: int | None = None
    ) -> None:
        """The statement is out: in the chat, or in ``posted_in`` (the chat's linked channel)."""
        await self._db.write(
            "UPDATE incidents SET statement_message_id = ?, statement_text = ?, statement_at = ?,"
            " statement_chat_id = ? WHERE id = ?",
            (message_id, text, now, posted_in, incident_id),
        )

    async def claim_statement(self, incident_id: int, now: int) -> bool:
        """Before the statement goes out: False when an earlier try claimed it and never recorded
        its post (the statement may be in the chat)."""
        changed = await self._db.write(
            "UPDATE incidents SET statement_at = ? WHERE id = ? AND statement_at IS NULL"
            " AND statement_message_id IS NULL",
            (now, incident_id),
        )
        return changed == 1

    async def release_statement(self, incident_id: int) -> None:
        """The statement was refused, or the admin was asked to look: it may be posted again."""
        await self._db.write(
            "UPDATE incidents SET statement_at = NULL WHERE id = ? AND statement_message_id IS NULL", (incident_id,)
        )

    async def claim_result(self, incident_id: int, now: int) -> bool:
        """As ``claim_statement``, for the result (``resolved_at`` of an incident still open)."""
        changed = await self._db.write(
            "UPDATE incidents SET resolved_at = ? WHERE id = ? AND status = 'open' AND resolved_at IS NULL",
            (now, incident_id),
        )
        return changed == 1

    async def release_result(self, incident_id: int) -> None:
        await self._db.write("UPDATE incidents SET resolved_at = NULL WHERE id = ? AND status = 'open'", (incident_id,))

    async def members_acted_on(self, incident_id: int, now: int) -> None:
        """The statement is out: its members were acted on (no reminder nags about them)."""
        await self._db.write(
            """
            UPDATE cases SET first_action_at = COALESCE(first_action_at, ?), updated_at = ?
            WHERE id IN (SELECT case_id FROM incident_members WHERE incident_id = ?)
            """,
            (now, now, incident_id),
        )

    async def resolve_members(self, incident_id: int, actor_id: int, now: int) -> int:
        """The incident is resolved: so are its members still open (each with its event)."""
        async with self._db.transaction() as conn:
            rows = await conn.fetchall(
                """
                SELECT c.id FROM cases c JOIN incident_members m ON m.case_id = c.id
                WHERE m.incident_id = ? AND c.status IN ('new', 'scheduled', 'answered')
                """,
                (incident_id,),
            )
            ids = [int(row[0]) for row in rows]
            for case_id in ids:
                await conn.execute(
                    """
                    UPDATE cases SET status = 'resolved', updated_at = ?, closed_at = ?,
                        first_action_at = COALESCE(first_action_at, ?)
                    WHERE id = ?
                    """,
                    (now, now, now, case_id),
                )
                await conn.execute(
                    "INSERT INTO case_events (case_id, actor_id, action, detail, created_at)"
                    " VALUES (?, ?, 'resolved', ?, ?)",
                    (case_id, actor_id, f"incident {incident_id}", now),
                )
        return len(ids)

    async def set_result(self, incident_id: int, text: str) -> None:
        await self._db.write("UPDATE incidents SET result_text = ? WHERE id = ?", (text, incident_id))

    async def resolve(self, incident_id: int, message_id: int | None, text: str | None, now: int) -> bool:
        """Mark it resolved (once); with the result's message when it was published."""
        changed = await self._db.write(
            """
            UPDATE incidents SET status = 'resolved', resolved_at = ?, result_message_id = ?,
                result_text = COALESCE(?, result_text)
            WHERE id = ? AND status = 'open'
            """,
            (now, message_id, text, incident_id),
        )
        return changed == 1

    async def dismiss(self, incident_id: int, admin_id: int, now: int) -> list[int] | None:
        """ "Not an incident": its cases are cases again, and the correction is kept with their ids for
        the learning loop. None when it was not open."""
        async with self._db.transaction() as conn:
            row = await conn.fetchone("SELECT * FROM incidents WHERE id = ? AND status = 'open'", (incident_id,))
            if row is None:
                return None
            members = await conn.fetchall(
                "SELECT case_id FROM incident_members WHERE incident_id = ? ORDER BY case_id", (incident_id,)
            )
            case_ids = [int(m[0]) for m in members]
            await conn.execute("UPDATE incidents SET status = 'dismissed' WHERE id = ?", (incident_id,))
            await conn.execute(
                """
                INSERT INTO incident_corrections (incident_id, chat_id, key, case_ids, admin_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                (incident_id, row["chat_id"], row["key"], json.dumps(case_ids), admin_id, now),
            )
        return case_ids

    async def corrections(self, chat_id: int) -> list[tuple[int, str, list[int], int]]:
        """The chat's "not an incident" corrections: (incident id, key, case ids, admin id)."""
        rows = await self._db.fetchall(
            "SELECT incident_id, key, case_ids, admin_id FROM incident_corrections WHERE chat_id = ? ORDER BY id",
            (chat_id,),
        )
        return [(row[0], row[1], [int(i) for i in json.loads(row[2])], row[3]) for row in rows]

    async def dismissals(self, chat_id: int, key: str, since: int) -> list[int]:
        """When admins said "not an incident" about this key since ``since`` (the detector learns from them)."""
        rows = await self._db.fetchall(
            "SELECT created_at FROM incident_corrections WHERE chat_id = ? AND key = ? AND created_at >= ?",
            (chat_id, key, since),
        )
        return [int(row[0]) for row in rows]

    # Cards and answers ----------------------------------------------------------------------

    async def add_card(self, incident_id: int, chat_id: int, message_id: int) -> None:
        """The card is out: recorded, and its claim (``claim_card``) done with."""
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO incident_cards (incident_id, chat_id, message_id) VALUES (?, ?, ?)
                ON CONFLICT (incident_id, chat_id) DO UPDATE SET message_id = excluded.message_id
                """,
                (incident_id, chat_id, message_id),
            )
            await conn.execute(
                "DELETE FROM incident_card_claims WHERE incident_id = ? AND chat_id = ?", (incident_id, chat_id)
            )

    async def claim_card(
        self, incident_id: int, chat_id: int, owner: str, now: int, *, gone: str | None = None
    ) -> bool:
        """Before a card goes out: True for the one instance that is to send it. None has a card there
        yet; ``gone`` names the instance (no longer at work) whose claim is taken over."""
        if gone is not None:
            changed = await self._db.write(
                "UPDATE incident_card_claims SET owner = ?, claimed_at = ? WHERE incident_id = ? AND chat_id = ?"
                " AND owner = ?",
                (owner, now, incident_id, chat_id, gone),
            )
            return changed == 1
        added = await self._db.write(
            """
            INSERT INTO incident_card_claims (incident_id, chat_id, owner, claimed_at)
            SELECT ?, ?, ?, ? WHERE NOT EXISTS
                (SELECT 1 FROM incident_cards c WHERE c.incident_id = ? AND c.chat_id = ?)
            ON CONFLICT DO NOTHING
            """,
            (incident_id, chat_id, owner, now, incident_id, chat_id),
        )
        return added == 1

    async def release_card(self, incident_id: int, chat_id: int) -> None:
        """The card could not be sent: owed again (to the next sweep, on any instance)."""
        await self._db.write(
            "DELETE FROM incident_card_claims WHERE incident_id = ? AND chat_id = ?", (incident_id, chat_id)
        )

    async def cards_owed(self, since: int, opened_before: int) -> list[tuple[Incident, list[tuple[int, str | None]]]]:
        """Open incidents with a member since ``since``, opened before ``opened_before``, whose chat has
        reachable admins (not muting it) without a card, with those admins and the instance that
        claimed each one's card (None: unclaimed)."""
        rows = await self._db.fetchall(
            """
            SELECT i.*, ca.user_id AS owed_to, cl.owner AS claimed_by FROM incidents i
            JOIN chat_admins ca ON ca.chat_id = i.chat_id
            LEFT JOIN incident_card_claims cl ON cl.incident_id = i.id AND cl.chat_id = ca.user_id
            JOIN users u ON u.id = ca.user_id AND u.reachable = 1
            WHERE i.status = 'open' AND i.last_at >= ?
              AND (SELECT MIN(m.joined_at) FROM incident_members m WHERE m.incident_id = i.id) < ?
              AND NOT EXISTS (SELECT 1 FROM incident_cards c WHERE c.incident_id = i.id AND c.chat_id = ca.user_id)
              AND NOT EXISTS (SELECT 1 FROM admin_mutes am WHERE am.chat_id = i.chat_id AND am.user_id = ca.user_id)
            ORDER BY i.id, ca.user_id
            """,
            (since, opened_before),
        )
        owed: dict[int, tuple[Incident, list[tuple[int, str | None]]]] = {}
        for row in rows:
            incident_id = int(row["id"])
            if incident_id not in owed:
                owed[incident_id] = (_incident(row), [])
            claimed_by = row["claimed_by"]
            owed[incident_id][1].append((int(row["owed_to"]), None if claimed_by is None else str(claimed_by)))
        return list(owed.values())

    async def cards(self, incident_id: int) -> list[tuple[int, int]]:
        rows = await self._db.fetchall(
            "SELECT chat_id, message_id FROM incident_cards WHERE incident_id = ? ORDER BY chat_id", (incident_id,)
        )
        return [(int(row[0]), int(row[1])) for row in rows]

    async def claim_answer(self, incident_id: int, author_id: int, kind: AnswerKind, case_id: int, now: int) -> bool:
        """True the first time this author is answered this way about this incident, never again."""
        added = await self._db.write(
            """
            INSERT INTO incident_answers (incident_id, author_id, kind, case_id, created_at)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """,
            (incident_id, author_id, kind.value, case_id, now),
        )
        return added == 1

    async def answer_claim(self, incident_id: int, author_id: int, kind: AnswerKind) -> tuple[int, int] | None:
        """The case this author's answer of this kind was claimed for, and when; None if not claimed."""
        row = await self._db.fetchone(
            "SELECT case_id, created_at FROM incident_answers WHERE incident_id = ? AND author_id = ? AND kind = ?",
            (incident_id, author_id, kind.value),
        )
        return None if row is None else (int(row[0]), int(row[1]))

    async def answered(self, incident_id: int, kind: AnswerKind) -> int:
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM incident_answers WHERE incident_id = ? AND kind = ?", (incident_id, kind.value)
        )
        return int(row[0]) if row is not None else 0
