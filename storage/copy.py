"""Copying a whole database into an empty one, e.g. from SQLite to PostgreSQL (``python -m bot copy-db``).

- The source is only read. It must be at the schema version this code migrates to (upgrade it first
  with ``python -m bot migrate``); it is read in one read transaction, so the copy is one snapshot.
- The destination is migrated with the bot's own migrations, then must be empty: every table, no rows.
  Nothing is ever merged into existing data.
- The tables and their columns come from the schema itself, not from a list here; parents are copied
  before the tables whose foreign keys point at them. Both sides must have the same tables and columns.
- Rows go in batches (memory stays bounded for millions of rows), all in one destination transaction:
  if anything fails, the destination is left as it was (migrated and empty).
- Each table's row count is checked against the source before the commit, and id counters continue
  after the copied rows (PostgreSQL identity sequences, SQLite ``sqlite_sequence``), never below the
  source's own counter, so an id the source ever handed out is not handed out again.
"""

from __future__ import annotations

import graphlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg

from storage.database import (
    Database,
    IntegrityError,
    PostgresDatabase,
    Queries,
    SqliteDatabase,
    _PgQueries,
)
from storage.migration_files import migrations

BATCH_SIZE = 1000
# Bookkeeping of the migrations, not data: each side keeps its own (PostgreSQL's table; SQLite's pragma).
_NOT_DATA = frozenset({"schema_version"})
Rows = list[tuple[Any, ...]]


class CopyError(Exception):
    """The copy was refused or did not add up; the message is one line, without secrets."""


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    parents: frozenset[str]  # tables its foreign keys point at


@dataclass(frozen=True, slots=True)
class CopyReport:
    version: int
    rows: dict[str, int]  # table -> rows copied, in the order they were copied
    next_ids: dict[str, int]  # table -> the id the next insert gets


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def expected_version(db: Database) -> int:
    """The schema version this code migrates ``db`` to."""
    return len(migrations(db.dialect))


async def schema_version(db: Database) -> int:
    if isinstance(db, SqliteDatabase | PostgresDatabase):
        return await db.schema_version()
    raise CopyError(f"unsupported database: {db.dialect}")


async def tables(db: Database) -> list[Table]:
    """The data tables of ``db``'s schema, parents before children (foreign-key-safe order)."""
    found: dict[str, Table] = {}
    if isinstance(db, SqliteDatabase):
        rows = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
        for row in rows:
            name = str(row["name"])
            info = await db.fetchall(f"PRAGMA table_info({_quote(name)})")
            keys = await db.fetchall(f"PRAGMA foreign_key_list({_quote(name)})")
            found[name] = Table(name, tuple(str(c["name"]) for c in info), frozenset(str(k["table"]) for k in keys))
    else:
        rows = await db.fetchall(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE'"
        )
        for row in rows:
            name = str(row["table_name"])
            info = await db.fetchall(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                (name,),
            )
            keys = await db.fetchall(
                "SELECT DISTINCT parent.relname AS parent FROM pg_constraint c "
                "JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid "
                "WHERE c.contype = 'f' AND child.relname = ? AND child.relnamespace = current_schema()::regnamespace",
                (name,),
            )
            found[name] = Table(name, tuple(str(c["column_name"]) for c in info), frozenset(str(k[0]) for k in keys))
    for name in _NOT_DATA:
        found.pop(name, None)
    order = graphlib.TopologicalSorter({name: table.parents - {name} for name, table in found.items()})
    try:
        ordered = list(order.static_order())
    except graphlib.CycleError as error:
        raise CopyError(f"foreign keys form a cycle between tables {error.args[1]}") from None
    return [found[name] for name in ordered if name in found]


async def _is_empty(db: Queries, table: str) -> bool:
    return await db.fetchone(f"SELECT 1 FROM {_quote(table)} LIMIT 1") is None


async def _count(db: Queries, table: str) -> int:
    row = await db.fetchone(f"SELECT COUNT(*) FROM {_quote(table)}")
    return int(row[0]) if row else 0


# Reading: one snapshot of the source, streamed in batches -------------------------------------


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """One read transaction on the source: row counts and rows in batches, all as of one moment."""

    queries: Queries
    batches: Callable[[str, int], AsyncIterator[Rows]]  # (SELECT, batch size) -> lists of rows


@asynccontextmanager
async def _snapshot(db: Database) -> AsyncIterator[_Snapshot]:
    if isinstance(db, SqliteDatabase):
        conn = db.conn

        async def sqlite_batches(sql: str, size: int) -> AsyncIterator[Rows]:
            async with conn.execute(sql) as cursor:
                while rows := await cursor.fetchmany(size):
                    yield [tuple(row) for row in rows]

        await conn.execute("BEGIN")  # deferred: a read snapshot that writers in WAL mode do not disturb
        try:
            yield _Snapshot(db, sqlite_batches)
        finally:
            await conn.execute("ROLLBACK")
        return
    if not isinstance(db, PostgresDatabase):
        raise CopyError(f"unsupported database: {db.dialect}")
    async with db.pool.acquire() as pg, pg.transaction(isolation="repeatable_read", readonly=True):

        async def pg_batches(sql: str, size: int) -> AsyncIterator[Rows]:
            cursor = await pg.cursor(sql)
            while rows := await cursor.fetch(size):
                yield [tuple(row) for row in rows]

        yield _Snapshot(_PgQueries(pg), pg_batches)


# Writing: one transaction on the destination -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Target:
    """One write transaction on the destination."""

    queries: Queries
    insert: Callable[[Table, Rows], Awaitable[None]]  # adds a batch of rows to a table


@asynccontextmanager
async def _target(db: Database) -> AsyncIterator[_Target]:
    if isinstance(db, PostgresDatabase):
        # COPY instead of INSERTs (faster for millions of rows), in the same all-or-nothing transaction.
        async with db.pool.acquire() as pg, pg.transaction():

            async def copy_rows(table: Table, rows: Rows) -> None:
                try:
                    await pg.copy_records_to_table(table.name, records=rows, columns=list(table.columns))
                except asyncpg.IntegrityConstraintViolationError as error:
                    raise IntegrityError(f"table {table.name}: {error}") from error

            yield _Target(_PgQueries(pg), copy_rows)
        return
    async with db.transaction() as queries:

        async def insert_rows(table: Table, rows: Rows) -> None:
            columns = ", ".join(_quote(column) for column in table.columns)
            marks = ", ".join("?" * len(table.columns))
            await queries.executemany(f"INSERT INTO {_quote(table.name)} ({columns}) VALUES ({marks})", rows)

        yield _Target(queries, insert_rows)


# Id counters ------------------------------------------------------------------------------------


async def _id_columns(db: Database) -> dict[str, tuple[str, str]]:
    """table -> (id column, counter): PostgreSQL identity/serial sequences, SQLite AUTOINCREMENT tables."""
    if isinstance(db, PostgresDatabase):
        rows = await db.fetchall(
            "SELECT table_name, column_name, "
            "pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS seq "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')"
        )
        return {str(r["table_name"]): (str(r["column_name"]), str(r["seq"])) for r in rows if r["seq"]}
    rows = await db.fetchall("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    found = {}
    for row in rows:
        if "AUTOINCREMENT" not in str(row["sql"] or "").upper():
            continue
        info = await db.fetchall(f"PRAGMA table_info({_quote(str(row['name']))})")
        key = [str(c["name"]) for c in info if c["pk"]]
        if len(key) == 1:
            found[str(row["name"])] = (key[0], str(row["name"]))
    return found


async def _issued_ids(db: Database, queries: Queries) -> dict[str, int]:
    """table -> the highest id its counter has handed out (deleted or skipped ones included)."""
    issued = {}
    for table, (_column, counter) in (await _id_columns(db)).items():
        if isinstance(db, PostgresDatabase):
            row = await queries.fetchone(f"SELECT last_value, is_called FROM {counter}")
            issued[table] = int(row["last_value"]) if row and row["is_called"] else 0
        else:
            row = await queries.fetchone("SELECT seq FROM sqlite_sequence WHERE name = ?", (counter,))
            issued[table] = int(row[0]) if row else 0
    return issued


async def _continue_ids(db: Database, queries: Queries, issued: dict[str, int]) -> dict[str, int]:
    """Move each id counter of ``db`` past the copied rows and the source's own counter; table -> next id."""
    next_ids = {}
    for table, (column, counter) in (await _id_columns(db)).items():
        row = await queries.fetchone(f"SELECT MAX({_quote(column)}) FROM {_quote(table)}")
        last = max(int(row[0]) if row and row[0] is not None else 0, issued.get(table, 0))
        if isinstance(db, PostgresDatabase):
            if last:
                await queries.execute("SELECT setval(?::regclass, ?, true)", (counter, last))
            else:
                await queries.execute("SELECT setval(?::regclass, 1, false)", (counter,))
        elif last and not await queries.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (last, counter)):
            await queries.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (counter, last))
        next_ids[table] = last + 1
    return next_ids


# The copy ---------------------------------------------------------------------------------------


async def _check_versions(src: Database, dst: Database) -> int:
    version = await schema_version(src)
    wanted = expected_version(src)
    if version < wanted:
        raise CopyError(
            f"the source is at schema version {version}, this code expects {wanted}: "
            "upgrade it first (DATABASE_URL=<source> python -m bot migrate)"
        )
    if version > wanted:
        raise CopyError(f"the source is at schema version {version}, newer than this code ({wanted}): use newer code")
    dst_version = await dst.migrate()
    if dst_version != expected_version(dst):
        raise CopyError(
            f"the destination is at schema version {dst_version}, this code expects {expected_version(dst)}"
        )
    return version


def _check_same_tables(src_tables: Sequence[Table], dst_tables: Sequence[Table]) -> None:
    src_by_name = {table.name: table for table in src_tables}
    dst_names = {table.name for table in dst_tables}
    if set(src_by_name) != dst_names:
        only_src = sorted(set(src_by_name) - dst_names)
        only_dst = sorted(dst_names - set(src_by_name))
        raise CopyError(f"the two schemas differ: only in the source {only_src}, only in the destination {only_dst}")
    for table in dst_tables:
        if set(src_by_name[table.name].columns) != set(table.columns):
            raise CopyError(
                f"table {table.name} has different columns: source {sorted(src_by_name[table.name].columns)}, "
                f"destination {sorted(table.columns)}"
            )


async def copy_database(
    src: Database,
    dst: Database,
    *,
    batch_size: int = BATCH_SIZE,
    on_table: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy every row of ``src`` into ``dst`` (migrated here, and required to be empty); see the module doc.

    ``on_table(name, rows)`` is called as each table is done (the commit comes after the last one).
    """
    if batch_size < 1:
        raise CopyError("the batch size must be at least 1")
    version = await _check_versions(src, dst)
    dst_tables = await tables(dst)
    _check_same_tables(await tables(src), dst_tables)
    for table in dst_tables:
        if not await _is_empty(dst, table.name):
            raise CopyError(
                f"the destination already holds data (table {table.name} is not empty); "
                "copy-db only copies into an empty database"
            )
    rows: dict[str, int] = {}
    async with _snapshot(src) as source, _target(dst) as target:
        for table in dst_tables:
            select = f"SELECT {', '.join(_quote(column) for column in table.columns)} FROM {_quote(table.name)}"
            copied = 0
            async for batch in source.batches(select, batch_size):
                await target.insert(table, batch)
                copied += len(batch)
            in_source = await _count(source.queries, table.name)
            in_target = await _count(target.queries, table.name)
            if not copied == in_source == in_target:
                raise CopyError(
                    f"table {table.name}: {in_source} rows in the source, {copied} read, {in_target} written; "
                    "nothing was committed"
                )
            rows[table.name] = copied
            if on_table is not None:
                on_table(table.name, copied)
        next_ids = await _continue_ids(dst, target.queries, await _issued_ids(src, source.queries))
    return CopyReport(version=version, rows=rows, next_ids=next_ids)
