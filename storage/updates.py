"""Update ids already taken, so an update delivered twice (webhook retries, several instances) runs
once; and the inbox, where a taken update stays until it is handled."""

from __future__ import annotations

from collections.abc import Collection

from storage.database import Database

# Telegram keeps an undelivered update for 24 hours; a repeat older than that cannot come.
KEEP_SECONDS = 86400
# Old rows are deleted once every this many takes (and at start-up), not on every update.
PRUNE_EVERY = 1000


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
        rows = ", ".join(["(?, ?, ?, ?)"] * len(updates))
        owner = self._db.owner
        await self._db.write(
            f"INSERT INTO inbox (update_id, body, received_at, owner) VALUES {rows} ON CONFLICT (update_id) DO NOTHING",
            [value for update_id, body in updates for value in (update_id, body, now, owner)],
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
            marks = ", ".join("?" * len(update_ids))
            await self._db.write(f"DELETE FROM inbox WHERE update_id IN ({marks})", update_ids)

    async def waiting(self, live: Collection[str] = ()) -> list[tuple[int, str, str | None]]:
        """(update_id, body, owner) of the updates taken and not handled by an instance that is not
        ``live`` (it stopped in between), oldest first."""
        rows = await self._db.fetchall("SELECT update_id, body, owner FROM inbox ORDER BY update_id")
        return [(int(row["update_id"]), str(row["body"]), row["owner"]) for row in rows if row["owner"] not in live]

    async def adopt(self, update_id: int, owner: str | None, new_owner: str | None) -> bool:
        """Take over a kept update from ``owner`` (gone); only one instance can."""
        if owner is None:
            sql = "UPDATE inbox SET owner = ? WHERE update_id = ? AND owner IS NULL"
            params: tuple[object, ...] = (new_owner, update_id)
        else:
            sql = "UPDATE inbox SET owner = ? WHERE update_id = ? AND owner = ?"
            params = (new_owner, update_id, owner)
        return await self._db.write(sql, params) == 1
