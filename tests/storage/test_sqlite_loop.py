"""SQLite statements run on the event loop's thread; a lock held elsewhere is waited for
without stopping the loop, and closing never races a statement."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from storage.database import SqliteDatabase


async def test_a_locked_database_is_waited_for_while_the_loop_runs_on(tmp_path: Path) -> None:
    db = await SqliteDatabase.open(tmp_path / "bot.sqlite3")
    try:
        other = sqlite3.connect(tmp_path / "bot.sqlite3", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        writing = asyncio.create_task(db.write("INSERT INTO users (id, name, started_at) VALUES (1, 'A', 0)"))
        ticks = 0
        for _ in range(20):  # the loop keeps turning while the write waits for the lock
            await asyncio.sleep(0.01)
            ticks += 1
        assert ticks == 20 and not writing.done()
        other.execute("COMMIT")
        other.close()
        assert await asyncio.wait_for(writing, 5) == 1
    finally:
        await db.close()


async def test_a_lock_held_too_long_fails_the_statement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = await SqliteDatabase.open(tmp_path / "bot.sqlite3")
    monkeypatch.setattr(SqliteDatabase, "BUSY_WAIT", 0.2)
    other = sqlite3.connect(tmp_path / "bot.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await db.write("INSERT INTO users (id, name, started_at) VALUES (1, 'A', 0)")
        other.execute("ROLLBACK")
        assert await db.write("INSERT INTO users (id, name, started_at) VALUES (1, 'A', 0)") == 1
    finally:
        other.close()
        await db.close()


async def test_closing_shuts_the_connection_before_any_other_statement_runs(tmp_path: Path) -> None:
    db = await SqliteDatabase.open(tmp_path / "bot.sqlite3")
    closing = asyncio.create_task(db.close())
    await asyncio.sleep(0)  # close() has begun and is waiting on aiosqlite's thread
    with pytest.raises(sqlite3.ProgrammingError):
        await db.fetchone("SELECT 1")
    await closing
