"""Update ids already taken, so an update delivered twice (webhook retries, several instances) runs
once; and the inbox, where a taken update stays until it is handled, and an update whose handling
failed stays with its attempts, its last error and when it is tried again, or parked as dead."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from storage.database import Database, Row, padded

# Telegram keeps an undelivered update for 24 hours; a repeat older than that cannot come.
KEEP_SECONDS = 86400
# Old rows are deleted once every this many takes (and at start-up), not on every update.
PRUNE_EVERY = 1000


@dataclass(frozen=True, slots=True)
class KeptUpdate:
    """An update in the inbox that is not being handled: left by an instance that is gone, due for
    another try, or dead."""

    update_id: int
    body: str
    owner: str | None
    attempts: int
    error: str | None
    next_try_at: int | None
    chat_id: int | None = None
    dead_at: int | None = None


def _kept(row: Row) -> KeptUpdate:
    return KeptUpdate(
        update_id=int(row["update_id"]),
        body=str(row["body"]),
        owner=row["owner"],
        attempts=int(row["attempts"]),
        error=row["error"],
        next_try_at=row["next_try_at"],
        chat_id=row["chat_id"],
        dead_at=row["dead_at"],
    )


_KEPT = "SELECT update_id, body, owner, attempts, error, next_try_at, chat_id, dead_at FROM inbox"


class UpdateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._claims = 0

    async def prune(self, *, now: int) -> int:
        """Forget ids seen more than a day ago; returns how many were deleted."""
        return await self._db.write("DELETE FROM processed_updates WHERE seen_at < ?", (now - KEEP_SECONDS,))

    # The polling inbox (migration 007) ------------------------------------------------------

    async def keep(self, updates: list[tuple[int, str]], *, now: int) -> None:
        """Keep (update_id, JSON body) pairs taken from Telegram until ``done`` is called for them.

        One statement for the batch: on PostgreSQL each statement is a round trip."""
        if not updates:
            return
        kept = padded(updates)  # a repeated row does nothing (the conflict)
        rows = ", ".join(["(?, ?, ?, ?)"] * len(kept))
        owner = self._db.owner
        await self._db.write(
            f"INSERT INTO inbox (update_id, body, received_at, owner) VALUES {rows} ON CONFLICT (update_id) DO NOTHING",
            [value for update_id, body in kept for value in (update_id, body, now, owner)],
        )

    async def take(self, update_id: int, body: str, *, now: int) -> bool:
        """Webhook mode: claim an update and keep it until handled, in one transaction, before
        Telegram is answered. False for a repeat (claimed before, here or by another instance)."""
        self._claims += 1
        if self._claims % PRUNE_EVERY == 0:
            await self.prune(now=now)
        if self._db.dialect == "postgresql":
            # One round trip: the keeping insert reads what the claim inserted.
            row = await self._db.write_returning(
                """
                WITH claimed AS (
                    INSERT INTO processed_updates (update_id, seen_at) VALUES (?, ?)
                    ON CONFLICT (update_id) DO NOTHING RETURNING update_id
                ), kept AS (
                    INSERT INTO inbox (update_id, body, received_at, owner)
                    SELECT update_id, ?, ?, ? FROM claimed ON CONFLICT (update_id) DO NOTHING
                )
                SELECT update_id FROM claimed
                """,
                (update_id, now, body, now, self._db.owner),
            )
            return row is not None
        async with self._db.transaction() as conn:
            claimed = await conn.execute(
                "INSERT INTO processed_updates (update_id, seen_at) VALUES (?, ?) ON CONFLICT (update_id) DO NOTHING",
                (update_id, now),
            )
            if claimed == 1:
                await conn.execute(
                    "INSERT INTO inbox (update_id, body, received_at, owner) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (update_id) DO NOTHING",
                    (update_id, body, now, self._db.owner),
                )
        return claimed == 1

    async def done(self, update_ids: list[int]) -> None:
        """Drop handled updates from the inbox (one statement for all of them)."""
        if update_ids:
            ids = padded(update_ids)
            marks = ", ".join("?" * len(ids))
            await self._db.write(f"DELETE FROM inbox WHERE update_id IN ({marks})", ids)

    async def waiting(self, live: Collection[str] = ()) -> list[tuple[int, str, str | None]]:
        """(update_id, body, owner) of the updates taken and not handled by an instance that is not
        ``live`` (it stopped in between), oldest first; dead ones are not waiting."""
        return [(kept.update_id, kept.body, kept.owner) for kept in await self.left_behind(live)]

    async def left_behind(self, live: Collection[str] = ()) -> list[KeptUpdate]:
        """The updates taken and not handled, not dead, of instances not ``live``, oldest first."""
        rows = await self._db.fetchall(f"{_KEPT} WHERE dead_at IS NULL ORDER BY update_id")
        return [kept for kept in map(_kept, rows) if kept.owner not in live]

    # Failed updates (migration 011) ---------------------------------------------------------------

    async def fail(
        self, update_id: int, error: str, *, now: int, delays: Sequence[int], chat_id: int | None = None
    ) -> tuple[int, int | None] | None:
        """Note a failed try of a kept update: it is tried again ``delays[n - 1]`` seconds after its
        n-th failure, and after ``len(delays) + 1`` failures it is dead. Returns (failures so far,
        when it is tried next or None when dead); None when the update is not in the inbox."""
        async with self._db.transaction() as conn:
            row = await conn.fetchone("SELECT attempts FROM inbox WHERE update_id = ?", (update_id,))
            if row is None:
                return None
            attempts = int(row[0]) + 1
            next_try = now + delays[attempts - 1] if attempts <= len(delays) else None
            await conn.execute(
                "UPDATE inbox SET attempts = ?, error = ?, next_try_at = ?, dead_at = ?, "
                "chat_id = COALESCE(?, chat_id) WHERE update_id = ?",
                (attempts, error[:2000], next_try, now if next_try is None else None, chat_id, update_id),
            )
        return attempts, next_try

    async def park(self, update_id: int, error: str, *, now: int, chat_id: int | None = None) -> None:
        """Give up on a kept update at once (it cannot be read as an update at all)."""
        await self._db.write(
            "UPDATE inbox SET attempts = attempts + 1, error = ?, next_try_at = NULL, dead_at = ?, "
            "chat_id = COALESCE(?, chat_id) WHERE update_id = ?",
            (error[:2000], now, chat_id, update_id),
        )

    async def due(self, owner: str | None, now: int) -> list[KeptUpdate]:
        """Failed updates of ``owner`` (or of no one: put back by ``requeue_dead``) due for another try."""
        rows = await self._db.fetchall(
            f"{_KEPT} WHERE dead_at IS NULL AND next_try_at IS NOT NULL AND next_try_at <= ? "
            "AND (owner = ? OR owner IS NULL) ORDER BY update_id",
            (now, owner or ""),
        )
        return [_kept(row) for row in rows]

    async def dead(self) -> list[KeptUpdate]:
        """The updates given up on, oldest first."""
        return [_kept(row) for row in await self._db.fetchall(f"{_KEPT} WHERE dead_at IS NOT NULL ORDER BY update_id")]

    async def dead_count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM inbox WHERE dead_at IS NOT NULL")
        return int(row[0]) if row else 0

    async def unnoted_dead(self) -> list[KeptUpdate]:
        """Dead updates the chat's admins have not been told about yet."""
        rows = await self._db.fetchall(f"{_KEPT} WHERE dead_at IS NOT NULL AND noted_at IS NULL ORDER BY update_id")
        return [_kept(row) for row in rows]

    async def mark_noted(self, update_ids: list[int], *, now: int) -> None:
        if update_ids:
            marks = ", ".join("?" * len(update_ids))
            await self._db.write(f"UPDATE inbox SET noted_at = ? WHERE update_id IN ({marks})", [now, *update_ids])

    async def requeue_dead(self, *, now: int) -> list[KeptUpdate]:
        """Put every dead update back for another round of tries, owned by no one: the first
        instance to look (within seconds while one runs, else at the next start) takes it.
        Returns them as they were."""
        async with self._db.transaction() as conn:
            rows = await conn.fetchall(f"{_KEPT} WHERE dead_at IS NOT NULL ORDER BY update_id")
            await conn.execute(
                "UPDATE inbox SET dead_at = NULL, noted_at = NULL, attempts = 0, next_try_at = ?, owner = NULL "
                "WHERE dead_at IS NOT NULL",
                (now,),
            )
        return [_kept(row) for row in rows]

    async def adopt(self, update_id: int, owner: str | None, new_owner: str | None) -> bool:
        """Take over a kept update from ``owner`` (gone); only one instance can."""
        if owner is None:
            sql = "UPDATE inbox SET owner = ? WHERE update_id = ? AND owner IS NULL"
            params: tuple[object, ...] = (new_owner, update_id)
        else:
            sql = "UPDATE inbox SET owner = ? WHERE update_id = ? AND owner = ?"
            params = (new_owner, update_id, owner)
        return await self._db.write(sql, params) == 1
