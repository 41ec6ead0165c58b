"""The sqlite3 connection inside an aiosqlite connection (checked: aiosqlite 0.20.0-0.22.1).

storage/database.py runs short statements on the event loop's thread through aiosqlite's own sqlite3
connection instead of a round trip through aiosqlite's worker thread per statement, which was most of
the time of a cheap write. aiosqlite keeps that connection in the private attribute ``_conn``.
"""

from __future__ import annotations

import sqlite3
from typing import Any, cast

import aiosqlite


def raw_connection(conn: aiosqlite.Connection) -> sqlite3.Connection:
    raw = cast(Any, conn)._conn
    if not isinstance(raw, sqlite3.Connection):
        raise TypeError(f"aiosqlite.Connection._conn is {type(raw).__name__}, not sqlite3.Connection")
    return raw


async def probe() -> None:
    async with aiosqlite.connect(":memory:", check_same_thread=False) as conn:
        raw = raw_connection(conn)
        raw.execute("CREATE TABLE t (x INTEGER)")
        raw.execute("INSERT INTO t VALUES (7)")
        # What the raw connection wrote is what aiosqlite sees: one connection, not a copy.
        async with conn.execute("SELECT x FROM t") as cursor:
            assert [tuple(row) for row in await cursor.fetchall()] == [(7,)]
