"""Cases, the alerts that show them, the admins' pending inputs and the audit trail."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter, OrderedDict
from collections.abc import Collection

from bot.domain.models import Alert, Case, CaseStatus, NewCase, encode_reasons
from bot.domain.notes import Note
from bot.domain.ports import Drafter
from bot.domain.verdicts import Label
from storage.batch import TurnBatch
from storage.database import Database, Queries, Row, padded

# Wave leads a process keeps in memory (see CaseRepository.claim_wave_lead).
LEADS_KEPT = 2000
# A copy of an alert that could not be sent is owed again after this long, doubling up to the most.
MISS_RETRY_FIRST = 60
MISS_RETRY_MAX = 3600
# Ids per ``IN (...)`` list: well under either backend's limit on parameters.
_IN_CHUNK = 500
# A case shown on an open incident's card gets no alert of its own (see bot/services/incidents.py).
IN_OPEN_INCIDENT = (
    "SELECT 1 FROM incident_members im JOIN incidents i ON i.id = im.incident_id"
    " WHERE im.case_id = {case} AND i.status = 'open'"
)
# Counts one more reply of a label in a chat and returns the count (see next_variant).
_NEXT_VARIANT = """
    INSERT INTO label_counters (chat_id, label, n) VALUES (?, ?, 1)
    ON CONFLICT (chat_id, label) DO UPDATE SET n = label_counters.n + 1
    RETURNING n
"""

# A case's reply text from the chat's running count of replies of its label.


def _variant(counted: Row | None) -> int:
    """The replies of the label before this one, from what _NEXT_VARIANT returned."""
    return int(counted[0]) - 1 if counted else 0


class CaseRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        # Wave leads seen here, the least recently used forgotten first (see claim_wave_lead).
        self._leads: OrderedDict[tuple[int, str], int] = OrderedDict()
        self._counts: TurnBatch[tuple[int, int, str]] = TurnBatch(
            self._write_counts, name="message-counts", failed="Could not write %d message counts: %s"
        )

    async def open(self, new: NewCase, now: int, *, draft: Drafter | None = None) -> tuple[Case, bool]:
        """Insert the case for a message, or return the existing one; True when it is new.

        With ``draft``, the case's reply text is ``draft(n)``, n the chat's running count of
        replies of this label (see next_variant), counted in the same transaction.
        """
        async with self._db.transaction() as conn:
            if draft is not None:
                counted = await conn.fetchone(_NEXT_VARIANT, (new.chat_id, new.label.value))
                new = dataclasses.replace(new, reply_text=draft(_variant(counted)))
            inserted = await conn.fetchone(
                """
                INSERT INTO cases (chat_id, message_id, thread_id, is_topic, author_id, author_name,
                    author_username, author_is_chat, text, label, toxic, confidence, reasons, problem,
                    wave_id, reply_text, status, created_at, updated_at, opened_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)
                ON CONFLICT (chat_id, message_id) DO NOTHING
                RETURNING *
                """,
                (
                    new.chat_id,
                    new.message_id,
                    new.thread_id,
                    int(new.is_topic),
                    new.author.id,
                    new.author.name,
                    new.author.username,
                    int(new.author.is_chat),
                    new.text,
                    new.label.value,
                    int(new.toxic),
                    new.confidence,
                    encode_reasons(new.reasons),
                    new.problem,
                    new.wave_id,
                    new.reply_text,
                    now,
                    now,
                    self._db.owner,
                ),
            )
            created = inserted is not None
            if inserted is not None:
                await conn.execute(
                    "INSERT INTO case_events (case_id, action, detail, created_at) VALUES (?, 'opened', ?, ?)",
                    (inserted["id"], new.label.value, now),
                )
        # The inserted row as stored; the one already there when this message had a case.
        case = Case.from_row(inserted) if inserted is not None else await self.by_message(new.chat_id, new.message_id)
        assert case is not None
        return case, created

    async def reclassify(self, case_id: int, new: NewCase, now: int) -> Case:
        """An edited comment: keep the case, replace text and verdict."""
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                UPDATE cases SET text = ?, label = ?, toxic = ?, confidence = ?, reasons = ?,
                    problem = ?, wave_id = ?, reply_text = ?, updated_at = ?
                WHERE id = ?
                """,
                (
                    new.text,
                    new.label.value,
                    int(new.toxic),
                    new.confidence,
                    encode_reasons(new.reasons),
                    new.problem,
                    new.wave_id,
                    new.reply_text,
                    now,
                    case_id,
                ),
            )
            await conn.execute(
                "INSERT INTO case_events (case_id, action, detail, created_at) VALUES (?, 'edited', ?, ?)",
                (case_id, new.label.value, now),
            )
        case = await self.get(case_id)
        assert case is not None
        return case

    async def get(self, case_id: int) -> Case | None:
        row = await self._db.fetchone("SELECT * FROM cases WHERE id = ?", (case_id,))
        return Case.from_row(row) if row else None

    async def by_message(self, chat_id: int, message_id: int) -> Case | None:
        row = await self._db.fetchone("SELECT * FROM cases WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))
        return Case.from_row(row) if row else None

    async def count_message(self, chat_id: int, label: Label, now: int) -> None:
        """One more classified message of this label today (for the share of negative ones).

        Counted in memory and written a moment later, with every count made meanwhile, in one
        transaction: a statement of its own per message was most of what a calm comment cost the
        database (a commit each; on PostgreSQL a round trip). ``settle`` waits for the write, and
        closing the storage settles. A crash in between loses those counts; a count is statistics.
        """
        self._counts.add((chat_id, now // 86400, label.value))

    async def _write_counts(self, counted: list[tuple[int, int, str]]) -> None:
        async with self._db.transaction() as conn:
            await conn.executemany(
                """
                INSERT INTO message_stats (chat_id, day, label, count) VALUES (?, ?, ?, ?)
                ON CONFLICT (chat_id, day, label) DO UPDATE SET count = message_stats.count + excluded.count
                """,
                [(chat_id, day, label, n) for (chat_id, day, label), n in Counter(counted).items()],
            )

    async def settle(self) -> None:
        """Wait until the messages counted so far are written."""
        await self._counts.settle()

    async def tag_wave(
        self, chat_id: int, message_ids: list[int], wave_id: str, reply_text: str | None, now: int
    ) -> list[int]:
        """Earlier messages found to belong to a wave join it as directed; returns their case ids.

        Every copy of a wave names all the wave's messages, and nearly all of them joined already:
        one read finds the few that have not, and only those are written (in a transaction that
        checks them again, since another instance may tag them meanwhile)."""
        untagged = await self._untagged(self._db, chat_id, message_ids)
        if not untagged:
            return []
        joined: list[int] = []
        async with self._db.transaction() as conn:
            for row in await self._untagged(conn, chat_id, [int(row["message_id"]) for row in untagged]):
                await conn.execute(
                    "UPDATE cases SET wave_id = ?, label = 'directed', reply_text = ?, updated_at = ? WHERE id = ?",
                    (wave_id, reply_text, now, row["id"]),
                )
                await conn.execute(
                    "INSERT INTO case_events (case_id, action, detail, created_at) VALUES (?, 'wave', ?, ?)",
                    (row["id"], json.dumps({"old": row["label"], "new": "directed"}), now),
                )
                joined.append(int(row["id"]))
        return joined

    @staticmethod
    async def _untagged(conn: Queries, chat_id: int, message_ids: list[int]) -> list[Row]:
        """The cases of these messages that are in no wave yet, in the order of ``message_ids``."""
        found: dict[int, Row] = {}
        for start in range(0, len(message_ids), _IN_CHUNK):
            chunk = padded(message_ids[start : start + _IN_CHUNK])
            marks = ", ".join("?" * len(chunk))
            # wave_id is tested here, not in SQL: with "wave_id IS NULL" there, SQLite chose the
            # (chat_id, wave_id) index and read every case of the chat that is in no wave.
            for row in await conn.fetchall(
                f"SELECT id, label, message_id, wave_id FROM cases WHERE chat_id = ? AND message_id IN ({marks})",
                (chat_id, *chunk),
            ):
                if row["wave_id"] is None:
                    found[int(row["message_id"])] = row
        return [found[m] for m in dict.fromkeys(message_ids) if m in found]

    async def next_variant(self, chat_id: int, label: Label) -> int:
        """How many replies of this label the chat has had so far (and count this one): picks the
        variant in rotation, so the chat does not read the same sentence twice in a row."""
        return _variant(await self._db.write_returning(_NEXT_VARIANT, (chat_id, label.value)))

    async def wave_members(self, chat_id: int, wave_id: str) -> list[tuple[str, int]]:
        """(author name, opened at) of a wave's cases, oldest first: what its card shows. Not the
        cases themselves: a big wave's card is redrawn every few seconds while it grows."""
        rows = await self._db.fetchall(
            "SELECT author_name, created_at FROM cases WHERE chat_id = ? AND wave_id = ? ORDER BY id",
            (chat_id, wave_id),
        )
        return [(str(row[0]), int(row[1])) for row in rows]

    async def wave_size(self, chat_id: int, wave_id: str) -> int:
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM cases WHERE chat_id = ? AND wave_id = ?", (chat_id, wave_id)
        )
        return int(row[0]) if row else 0

    async def recent_in_chat(self, chat_id: int, since: int, up_to: int, limit: int) -> list[Case]:
        """The chat's cases opened since then for messages up to ``up_to`` (a message id) with their
        text still kept, the latest ``limit`` of them, oldest first."""
        rows = await self._db.fetchall(
            """
            SELECT * FROM cases WHERE chat_id = ? AND created_at >= ? AND message_id <= ? AND text <> ''
            ORDER BY created_at DESC, id DESC LIMIT ?
            """,
            (chat_id, since, up_to, limit),
        )
        return [Case.from_row(row) for row in reversed(rows)]

    async def list_for_chat(self, chat_id: int, *, open_only: bool = False) -> list[Case]:
        sql = "SELECT * FROM cases WHERE chat_id = ?"
        if open_only:
            sql += " AND status NOT IN ('resolved', 'ignored')"
        rows = await self._db.fetchall(sql + " ORDER BY id", (chat_id,))
        return [Case.from_row(row) for row in rows]

    async def set_status(
        self, case_id: int, status: CaseStatus, *, actor_id: int | None, now: int, detail: str | None = None
    ) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                UPDATE cases SET status = ?, updated_at = ?,
                    first_action_at = COALESCE(first_action_at, ?),
                    closed_at = CASE WHEN ? IN ('resolved', 'ignored') THEN CAST(? AS BIGINT) ELSE NULL END
                WHERE id = ?
                """,
                (status.value, now, now, status.value, now, case_id),
            )
            await conn.execute(
                "INSERT INTO case_events (case_id, actor_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?)",
                (case_id, actor_id, status.value, detail, now),
            )

    async def relabel(self, case_id: int, label: Label, reply_text: str | None, *, actor_id: int, now: int) -> str:
        """Store an admin's correction; returns the old label."""
        async with self._db.transaction() as conn:
            row = await conn.fetchone("SELECT label FROM cases WHERE id = ?", (case_id,))
            old = str(row["label"]) if row else ""
            await conn.execute(
                "UPDATE cases SET label = ?, reply_text = ?, updated_at = ? WHERE id = ?",
                (label.value, reply_text, now, case_id),
            )
            await conn.execute(
                "INSERT INTO case_events (case_id, actor_id, action, detail, created_at) "
                "VALUES (?, ?, 'relabel', ?, ?)",
                (case_id, actor_id, json.dumps({"old": old, "new": label.value}), now),
            )
        return old

    async def set_reply_text(self, case_id: int, text: str, *, actor_id: int, now: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE cases SET reply_text = ?, updated_at = ? WHERE id = ?", (text, now, case_id))
            await conn.execute(
                "INSERT INTO case_events (case_id, actor_id, action, created_at) VALUES (?, ?, 'edited_reply', ?)",
                (case_id, actor_id, now),
            )

    async def take(self, case_id: int, user_id: int, name: str, now: int) -> tuple[int, str] | None:
        """Assign the case to an admin unless someone else has it; returns who has it now."""
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                UPDATE cases SET taken_by = ?, taken_by_name = ?, updated_at = ?,
                    first_action_at = COALESCE(first_action_at, ?)
                WHERE id = ? AND (taken_by IS NULL OR taken_by = ?)
                """,
                (user_id, name, now, now, case_id, user_id),
            )
            row = await conn.fetchone("SELECT taken_by, taken_by_name FROM cases WHERE id = ?", (case_id,))
            await conn.execute(
                "INSERT INTO case_events (case_id, actor_id, action, created_at) VALUES (?, ?, 'taken', ?)",
                (case_id, user_id, now),
            )
        if row is None or row["taken_by"] is None:
            return None
        return int(row["taken_by"]), str(row["taken_by_name"])

    async def set_resolution(self, case_id: int, text: str | None) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE cases SET resolution = ? WHERE id = ?", (text, case_id))

    async def note_admin_reply(self, chat_id: int, message_id: int, admin_id: int, now: int) -> Case | None:
        """An admin answered the comment themselves, in the chat."""
        case = await self.by_message(chat_id, message_id)
        if case is None:
            return None
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO case_events (case_id, actor_id, action, created_at) VALUES (?, ?, 'admin_replied', ?)",
                (case.id, admin_id, now),
            )
            await conn.execute(
                "UPDATE cases SET first_action_at = COALESCE(first_action_at, ?), updated_at = ? WHERE id = ?",
                (now, now, case.id),
            )
        return case

    async def admin_replied(self, case_id: int) -> bool:
        return (
            await self._db.fetchone(
                "SELECT 1 FROM case_events WHERE case_id = ? AND action = 'admin_replied' LIMIT 1", (case_id,)
            )
            is not None
        )

    async def due_reminders(self, now: int) -> list[Case]:
        """Open cases nobody acted on within the chat's reminder hours, not yet reminded."""
        rows = await self._db.fetchall(
            """
            SELECT cases.* FROM cases
            JOIN chat_settings ON chat_settings.chat_id = cases.chat_id
            JOIN chats ON chats.id = cases.chat_id
            WHERE chats.active = 1 AND chat_settings.reminder_hours > 0
              AND cases.status = 'new' AND cases.taken_by IS NULL AND cases.first_action_at IS NULL
              AND cases.reminded_at IS NULL
              AND cases.created_at <= ? - chat_settings.reminder_hours * 3600
            ORDER BY cases.chat_id, cases.id
            """,
            (now,),
        )
        return [Case.from_row(row) for row in rows]

    async def claim_reminders(self, case_ids: list[int], now: int) -> list[int]:
        """Mark cases reminded; returns the ones this call marked (another instance may have been first)."""
        claimed = []
        async with self._db.transaction() as conn:
            for case_id in case_ids:
                if await conn.execute(
                    "UPDATE cases SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL", (now, case_id)
                ):
                    claimed.append(case_id)
        return claimed

    async def forget_old_texts(self, now: int) -> int:
        """Retention: message texts older than the chat's retention days are removed; the cases
        stay (label, times, who did what) for the statistics. Returns how many were removed."""
        async with self._db.transaction() as conn:
            return await conn.execute(
                """
                UPDATE cases SET text = '', reply_text = NULL, resolution = NULL, note = NULL, text_removed = 1
                WHERE text_removed = 0 AND created_at < ? - 86400 * (
                    SELECT retention_days FROM chat_settings WHERE chat_settings.chat_id = cases.chat_id
                )
                """,
                (now,),
            )

    async def unalerted_since(self, since: int, live: Collection[str] = ()) -> list[tuple[Case, str | None]]:
        """New cases whose alerts never went out because the instance that opened them died in
        between (one not in ``live``), with that instance's id. A wave member whose wave is led by
        another case is not one."""
        rows = await self._db.fetchall(
            f"""
            SELECT * FROM cases WHERE created_at >= ? AND status IN ('new', 'scheduled')
              AND NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.case_id = cases.id)
              AND NOT EXISTS (
                SELECT 1 FROM wave_leads w
                WHERE w.chat_id = cases.chat_id AND w.wave_id = cases.wave_id AND w.case_id <> cases.id
              )
              AND NOT EXISTS ({IN_OPEN_INCIDENT.format(case="cases.id")})
            ORDER BY id
            """,
            (since,),
        )
        return [(Case.from_row(row), row["opened_by"]) for row in rows if row["opened_by"] not in live]

    async def adopt(self, case_id: int, previous_owner: str | None, owner: str) -> bool:
        """Take over a dead instance's case; of several instances recovering at once, one wins."""
        changed = await self._db.write(
            "UPDATE cases SET opened_by = ? WHERE id = ? AND COALESCE(opened_by, '') = ?",
            (owner, case_id, previous_owner or ""),
        )
        return changed == 1

    async def claim_wave_lead(self, chat_id: int, wave_id: str, case_id: int) -> int:
        """The case that leads a wave (gets the one alert): a member already alerted or about to be
        (``claim_own_alert``), else the first to claim it. Returns the lead's id, ``case_id`` when this case won.

        A wave's lead never changes once claimed (nor are cases removed), so the leads this process
        has seen are kept: every copy after the first finds it without asking the database."""
        known = self._leads.get((chat_id, wave_id))
        if known is not None:
            self._leads.move_to_end((chat_id, wave_id))
            return known
        lead = await self._claim_wave_lead(chat_id, wave_id, case_id)
        self._leads[(chat_id, wave_id)] = lead
        while len(self._leads) > LEADS_KEPT:
            self._leads.popitem(last=False)
        return lead

    async def claim_own_alert(self, case_id: int) -> bool:
        """Claim an alert of its own for a case in no wave; False once a copy tagged it into one
        (then the wave's lead is alerted instead). A claimed case that joins a wave later leads it."""
        changed = await self._db.write(
            "UPDATE cases SET alert_claimed = 1 WHERE id = ? AND wave_id IS NULL", (case_id,)
        )
        return changed == 1

    async def _claim_wave_lead(self, chat_id: int, wave_id: str, case_id: int) -> int:
        claimed = await self._db.fetchone(
            "SELECT case_id FROM wave_leads WHERE chat_id = ? AND wave_id = ?", (chat_id, wave_id)
        )
        if claimed is not None:
            return int(claimed[0])
        async with self._db.transaction() as conn:
            alerted = await conn.fetchone(
                """
                SELECT MIN(c.id) FROM cases c
                WHERE c.chat_id = ? AND c.wave_id = ?
                  AND (c.alert_claimed = 1 OR EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = c.id))
                """,
                (chat_id, wave_id),
            )
            candidate = int(alerted[0]) if alerted is not None and alerted[0] is not None else case_id
            await conn.execute(
                "INSERT INTO wave_leads (chat_id, wave_id, case_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (chat_id, wave_id, candidate),
            )
            lead = await conn.fetchone(
                "SELECT case_id FROM wave_leads WHERE chat_id = ? AND wave_id = ?", (chat_id, wave_id)
            )
        assert lead is not None
        return int(lead[0])

    async def set_note(self, case_id: int, note: Note | None) -> None:
        stored = note.encode() if note is not None else None
        # One statement commits by itself: no BEGIN and COMMIT around it (two more statements on SQLite,
        # two more round trips on PostgreSQL, for most negative comments).
        await self._db.write("UPDATE cases SET note = ? WHERE id = ?", (stored, case_id))

    async def events(self, case_id: int) -> list[tuple[int | None, str, str | None]]:
        rows = await self._db.fetchall(
            "SELECT actor_id, action, detail FROM case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [(row["actor_id"], row["action"], row["detail"]) for row in rows]

    # Copies of alerts owed to admins (migration 011) -------------------------------------------

    async def missing_copies(
        self, since: int, now: int, chat_id: int | None = None
    ) -> list[tuple[Case, str | None, list[int]]]:
        """Open cases opened since ``since`` whose chat has reachable admins without a copy of the
        alert (none sent, and none failed lately: see ``note_miss``), with the instance that opened
        each and those admins. Admins who muted the chat are owed nothing, nor are a wave's members
        led by another case (the lead's card shows them)."""
        in_chat = "AND c.chat_id = ?" if chat_id is not None else ""
        rows = await self._db.fetchall(
            f"""
            SELECT c.*, ca.user_id AS owed_to FROM cases c
            JOIN chat_admins ca ON ca.chat_id = c.chat_id
            JOIN users u ON u.id = ca.user_id AND u.reachable = 1
            WHERE c.status IN ('new', 'scheduled') AND c.created_at >= ? {in_chat}
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = c.id AND a.chat_id = ca.user_id)
              AND NOT EXISTS (SELECT 1 FROM admin_mutes m WHERE m.chat_id = c.chat_id AND m.user_id = ca.user_id)
              AND NOT EXISTS (
                SELECT 1 FROM alert_misses f WHERE f.case_id = c.id AND f.chat_id = ca.user_id AND f.next_try_at > ?
              )
              AND NOT EXISTS (
                SELECT 1 FROM wave_leads w
                WHERE w.chat_id = c.chat_id AND w.wave_id = c.wave_id AND w.case_id <> c.id
              )
              AND NOT EXISTS ({IN_OPEN_INCIDENT.format(case="c.id")})
            ORDER BY c.id, ca.user_id
            """,
            (since, chat_id, now) if chat_id is not None else (since, now),
        )
        owed: dict[int, tuple[Case, str | None, list[int]]] = {}
        for row in rows:
            case_id = int(row["id"])
            if case_id not in owed:
                owed[case_id] = (Case.from_row(row), row["opened_by"], [])
            owed[case_id][2].append(int(row["owed_to"]))
        return list(owed.values())

    async def chats_without_admins(self, since: int) -> list[int]:
        """Chats with open cases opened since ``since`` whose admin list was never loaded."""
        rows = await self._db.fetchall(
            """
            SELECT DISTINCT c.chat_id FROM cases c JOIN chats ch ON ch.id = c.chat_id
            WHERE c.status IN ('new', 'scheduled') AND c.created_at >= ? AND ch.admins_loaded_at IS NULL
              AND ch.active = 1
            ORDER BY c.chat_id
            """,
            (since,),
        )
        return [int(row[0]) for row in rows]

    async def note_miss(self, case_id: int, chat_id: int, error: str, now: int) -> int:
        """A copy of a case's alert could not be sent to ``chat_id``: it is owed again after a minute,
        then after twice as long each time, at most an hour. Returns when."""
        async with self._db.transaction() as conn:
            row = await conn.fetchone(
                "SELECT attempts FROM alert_misses WHERE case_id = ? AND chat_id = ?", (case_id, chat_id)
            )
            attempts = (int(row[0]) if row else 0) + 1
            retry_at = now + min(MISS_RETRY_MAX, MISS_RETRY_FIRST << min(attempts - 1, 16))
            await conn.execute(
                """
                INSERT INTO alert_misses (case_id, chat_id, attempts, error, next_try_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (case_id, chat_id) DO UPDATE SET
                    attempts = excluded.attempts, error = excluded.error, next_try_at = excluded.next_try_at
                """,
                (case_id, chat_id, attempts, error[:500], retry_at),
            )
        return retry_at

    # Alerts -----------------------------------------------------------------------------------

    async def add_alert(self, case_id: int, chat_id: int, message_id: int, now: int) -> None:
        await self._db.write(
            """
            INSERT INTO alerts (case_id, chat_id, message_id, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (case_id, chat_id) DO UPDATE SET message_id = excluded.message_id
            """,
            (case_id, chat_id, message_id, now),
        )

    async def digest_copies(self, case_id: int) -> list[int]:
        """The admins (or groups) whose copy of the case's alert is a place on a digest card."""
        rows = await self._db.fetchall(
            "SELECT chat_id FROM alerts WHERE case_id = ? AND in_digest = 1 ORDER BY id", (case_id,)
        )
        return [int(row[0]) for row in rows]

    async def unfold(self, case_id: int, chat_id: int) -> bool:
        """Take the case off that admin's digest card, to send its alert on its own; False when
        another try took it first. Once taken, a copy that cannot be sent is owed like any other."""
        return (
            await self._db.write(
                "DELETE FROM alerts WHERE case_id = ? AND chat_id = ? AND in_digest = 1", (case_id, chat_id)
            )
            == 1
        )

    async def alerts(self, case_id: int) -> list[Alert]:
        rows = await self._db.fetchall(
            "SELECT case_id, chat_id, message_id FROM alerts WHERE case_id = ? AND in_digest = 0 ORDER BY id",
            (case_id,),
        )
        return [Alert(row["case_id"], row["chat_id"], row["message_id"]) for row in rows]
