"""SQLite's WAL checkpoints run in a worker thread, not inside a COMMIT on the event loop: the WAL
stays as small as with SQLite's own checkpoints, and every write is kept."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from storage.database import AUTOCHECKPOINT, SqliteDatabase, _Checkpoints

ROWS = 2000
NAME = "я" * 1500  # about 3 KB a row: 2,000 rows make a WAL of several MB when nothing copies it


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0


async def _write_rows(db: SqliteDatabase, wal: Path) -> int:
    """Write ROWS users in small transactions; returns the largest size the WAL reached."""
    largest = 0
    for start in range(0, ROWS, 50):
        async with db.transaction() as tx:
            for user_id in range(start, start + 50):
                await tx.execute("INSERT INTO users (id, name, started_at) VALUES (?, ?, 0)", (user_id, NAME))
        await asyncio.sleep(0)  # let a checkpoint that is due take its turn at the lock
        largest = max(largest, _size(wal))
    return largest


async def test_checkpoints_run_in_a_thread_and_keep_the_wal_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: set[int] = set()
    checkpoint = _Checkpoints._checkpoint

    def recorded(self: _Checkpoints) -> None:
        threads.add(threading.get_ident())
        checkpoint(self)

    monkeypatch.setattr(_Checkpoints, "_checkpoint", recorded)
    monkeypatch.setattr(_Checkpoints, "CHANGES", 300)
    path = tmp_path / "bot.sqlite3"
    db = await SqliteDatabase.open(path)
    try:
        assert db.raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        largest = await _write_rows(db, Path(f"{path}-wal"))
        assert db.checkpoints is not None and db.checkpoints.done >= ROWS // _Checkpoints.CHANGES - 1
        assert threads and threading.get_ident() not in threads
        # Without the checkpoints the WAL would hold every row (over 6 MB); with them it is
        # started again after each, as after SQLite's own.
        assert largest < 2_500_000, largest
    finally:
        await db.close()
    other = sqlite3.connect(path)
    assert other.execute("SELECT COUNT(*) FROM users").fetchone()[0] == ROWS
    other.close()


async def test_a_failing_checkpoint_gives_them_back_to_the_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: _Checkpoints) -> None:
        raise sqlite3.DatabaseError("disk I/O error")

    monkeypatch.setattr(_Checkpoints, "_checkpoint", broken)
    path = tmp_path / "bot.sqlite3"
    db = await SqliteDatabase.open(path)
    try:
        with caplog.at_level(logging.WARNING, logger="storage.database"):
            await _write_rows(db, Path(f"{path}-wal"))
        assert db.raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == AUTOCHECKPOINT
        assert [r.message for r in caplog.records].count(
            "A WAL checkpoint failed (disk I/O error); the connection checkpoints by itself from now on"
        ) == 1
    finally:
        await db.close()
    other = sqlite3.connect(path)
    assert other.execute("SELECT COUNT(*) FROM users").fetchone()[0] == ROWS
    other.close()


async def test_a_database_held_by_another_process_is_not_a_failure(tmp_path: Path) -> None:
    class Held:
        def execute(self, sql: str) -> None:
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorcode = sqlite3.SQLITE_BUSY  # as when copy-db or a shell holds it
            raise error

        def close(self) -> None:
            pass

    path = tmp_path / "bot.sqlite3"
    db = await SqliteDatabase.open(path)
    try:
        checkpoints = db.checkpoints
        assert checkpoints is not None
        checkpoints._own_conn = Held()  # type: ignore[assignment]
        await asyncio.to_thread(checkpoints._checkpoint)  # skipped, not raised: the next round copies
        assert checkpoints.done == 0
        checkpoints._own_conn = None
        await asyncio.to_thread(checkpoints._checkpoint)
        assert checkpoints.done == 1
    finally:
        await db.close()
