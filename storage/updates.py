"""Update ids already taken, so an update delivered twice (webhook retries, several instances) runs once."""

from __future__ import annotations

from storage.database import Database

# Telegram keeps an undelivered update for 24 hours; a repeat older than that cannot come.
KEEP_SECONDS = 86400
# Old rows are deleted once every this many claims (and at start-up), not on every update.
PRUNE_EVERY = 1000


class UpdateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._claims = 0

    async def claim(self, update_id: int, *, now: int) -> bool:
        """True if this update id was not seen before (the caller processes it), False for a repeat.

        One statement, so two instances claiming at once get one True between them."""
        self._claims += 1
        if self._claims % PRUNE_EVERY == 0:
            await self.prune(now=now)
        changed = await self._db.write(
            "INSERT INTO processed_updates (update_id, seen_at) VALUES (?, ?) ON CONFLICT (update_id) DO NOTHING",
            (update_id, now),
        )
        return changed == 1

    async def prune(self, *, now: int) -> int:
        """Forget ids seen more than a day ago; returns how many were deleted."""
        return await self._db.write("DELETE FROM processed_updates WHERE seen_at < ?", (now - KEEP_SECONDS,))

    # The polling inbox (migration 007) ------------------------------------------------------

    async def keep(self, updates: list[tuple[int, str]], *, now: int) -> None:
        """Keep (update_id, JSON body) pairs taken from Telegram until ``done`` is called for them.

        One statement for the batch: on PostgreSQL each statement is a round trip."""
        if not updates:
            return
        rows = ", ".join(["(?, ?, ?)"] * len(updates))
        await self._db.write(
            f"INSERT INTO inbox (update_id, body, received_at) VALUES {rows} ON CONFLICT (update_id) DO NOTHING",
            [value for update_id, body in updates for value in (update_id, body, now)],
        )

    async def done(self, update_ids: list[int]) -> None:
        """Drop handled updates from the inbox (one statement for all of them)."""
        if update_ids:
            marks = ", ".join("?" * len(update_ids))
            await self._db.write(f"DELETE FROM inbox WHERE update_id IN ({marks})", update_ids)

    async def waiting(self) -> list[tuple[int, str]]:
        """Updates taken and not handled (the process stopped in between), oldest first."""
        rows = await self._db.fetchall("SELECT update_id, body FROM inbox ORDER BY update_id")
        return [(int(row["update_id"]), str(row["body"])) for row in rows]
