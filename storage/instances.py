"""Bot instances sharing one database: who is alive, so that only a dead one's work is recovered."""

from __future__ import annotations

import os

from storage.database import Database

# An instance that has not checked in for this long is taken for dead (it checks in every 20 s).
STALE_AFTER = 90


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class InstanceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def register(self, instance_id: str, host: str, pid: int, now: int) -> None:
        await self._db.write(
            "INSERT INTO instances (id, host, pid, started_at, seen_at) VALUES (?, ?, ?, ?, ?)",
            (instance_id, host, pid, now, now),
        )

    async def heartbeat(self, instance_id: str, host: str, pid: int, now: int) -> None:
        """Check in; back in the list if another instance took this one for dead meanwhile."""
        await self._db.write(
            """
            INSERT INTO instances (id, host, pid, started_at, seen_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at
            """,
            (instance_id, host, pid, now, now),
        )

    async def remove(self, instance_id: str) -> None:
        await self._db.write("DELETE FROM instances WHERE id = ?", (instance_id,))

    async def live(self, me: str, host: str, pid: int, now: int) -> set[str]:
        """Ids of the instances still at work, ``me`` included.

        Dead: silent for ``STALE_AFTER`` seconds, or on this host with a process id that is gone
        or is this very process (an earlier life of it, say in a restarted container). Dead
        instances' rows are deleted once found.
        """
        live = {me}
        dead = []
        for row in await self._db.fetchall("SELECT id, host, pid, seen_at FROM instances"):
            other = str(row["id"])
            if other == me:
                continue
            same_host = row["host"] == host
            gone = int(row["seen_at"]) < now - STALE_AFTER or (
                same_host and (int(row["pid"]) == pid or not _pid_alive(int(row["pid"])))
            )
            if gone:
                dead.append(other)
            else:
                live.add(other)
        for other in dead:
            await self.remove(other)
        return live
