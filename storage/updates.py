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
