"""The database connection: SQLite (one aiosqlite connection per process, WAL, foreign keys) or
PostgreSQL (an asyncpg pool), behind one small interface the repositories are written against.

Repositories write SQL once, with ``?`` placeholders, ``ON CONFLICT ... DO NOTHING`` instead of
``INSERT OR IGNORE`` and ``RETURNING id`` instead of ``last_insert_rowid()``; for PostgreSQL the
placeholders become ``$1, $2, ...``. Rows support ``row["column"]`` and ``row[0]``. ``execute``
returns the number of rows the statement changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, TypeAlias, TypeVar
from urllib.parse import urlsplit

import aiosqlite

from bot.compat.aiosqlite_raw import raw_connection
from storage.migration_files import migrations

log = logging.getLogger(__name__)

Row: TypeAlias = Any  # sqlite3.Row or asyncpg.Record: both index by column name and by position
Params: TypeAlias = Sequence[Any]
_T = TypeVar("_T")


def _pg() -> Any:
    """asyncpg, imported when PostgreSQL is first used: a bot on SQLite never loads it (about 3 MB)."""
    import asyncpg

    return asyncpg


class IntegrityError(Exception):
    """A constraint (unique, foreign key, not null, check) refused a write, on either backend."""


class DatabaseUnusable(Exception):
    """The database cannot be opened, created, read or written at all. ``str()`` is one line naming
    the file or server and the cause (never a password). ``setup`` is True when the fix is in the
    setting or the file (a folder that cannot be made, a read-only file, something that is not a
    database), False when it may pass or needs a restore (a server down, a damaged database)."""

    def __init__(self, message: str, *, setup: bool) -> None:
        super().__init__(message)
        self.setup = setup


_SQLITE_HEADER = b"SQLite format 3\x00"


def _prepare_sqlite_file(path: Path) -> None:
    """Check the file before SQLite opens it: a folder that can be made, a file that is a database
    or is missing or empty (then it becomes a new database, with a warning). Something else is
    never touched: SQLite would refuse it anyway, this says why in one line."""
    if path.is_dir():
        raise DatabaseUnusable(f"{path} is a folder, not a database file", setup=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnusable(
            f"cannot create the folder {path.parent} for {path}: {error.strerror or error}", setup=True
        ) from None
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        log.warning("No database file at %s: creating a new, empty database there", path)
        return
    except OSError as error:
        raise DatabaseUnusable(f"cannot read {path}: {error.strerror or error}", setup=True) from None
    if not head:
        log.warning("The database file %s is empty (0 bytes): setting it up as a new database", path)
        return
    if head != _SQLITE_HEADER:
        raise DatabaseUnusable(f"{path} is not a SQLite database; it is left as it is", setup=True)


def _sqlite_unusable(path: Path | str, error: sqlite3.Error) -> DatabaseUnusable:
    """What an error opening, reading or writing the SQLite file means, in one line."""
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF  # the primary result code
    if code == sqlite3.SQLITE_READONLY:
        return DatabaseUnusable(
            f"{path} cannot be written ({error}): the bot needs to write to the file and its folder", setup=True
        )
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return DatabaseUnusable(
            f"cannot open {path} ({error}): the bot needs to read and write the file and its folder", setup=True
        )
    if code == sqlite3.SQLITE_NOTADB:
        return DatabaseUnusable(f"{path} is not a SQLite database ({error}); it is left as it is", setup=True)
    if code == sqlite3.SQLITE_CORRUPT:
        return DatabaseUnusable(
            f"{path} is damaged ({error}); restore the last backup (docs/operations.md, Backups)", setup=False
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseUnusable(f"{path} stayed locked by another process ({error})", setup=False)
    return DatabaseUnusable(f"{path}: {error}", setup=False)


@lru_cache(maxsize=512)
def to_dollar_params(sql: str) -> str:
    """``?`` placeholders as PostgreSQL's ``$1, $2, ...`` (quoted text is left alone)."""
    out: list[str] = []
    number = 0
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
        elif char == "?" and not quoted:
            number += 1
            out.append(f"${number}")
            continue
        out.append(char)
    return "".join(out)


def padded(values: Sequence[_T]) -> list[_T]:
    """``values`` (not empty) with its last one repeated up to the next power of two in length.

    For statements whose ``IN (...)`` list or ``VALUES`` rows grow with a batch: each length is
    another SQL text, another prepared statement in sqlite3's cache of 128, and batches of every
    size from 1 to 100 pushed out the ones every update runs, prepared again each time (a lookup by
    id then cost five times its run). Padded, a batch takes one of eight shapes. Only for statements
    a repeated value leaves as they were: ``IN`` lists, inserts that do nothing on a conflict.
    """
    size = 1 << (len(values) - 1).bit_length()
    return [*values, *[values[-1]] * (size - len(values))]


def _status_count(status: str) -> int:
    """Rows changed, from an asyncpg status such as ``UPDATE 3`` or ``INSERT 0 1``."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class Queries(ABC):
    """What repositories call, both on the database and inside a transaction."""

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int: ...

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...


class Database(Queries):
    """Owns the connection(s); repositories borrow it. Writes go through ``transaction()``."""

    dialect: ClassVar[str]

    def __init__(self) -> None:
        # A multi-statement transaction must not interleave with another coroutine's
        # transaction in this process (on SQLite they share one connection).
        self._write_lock = asyncio.Lock()
        # The running instance's id, written on what it claims (replies it sends, cases it opens),
        # so that another instance recovers them only when this one is gone.
        self.owner: str | None = None
        # Set by close(), which does its work once.
        self.closed = False

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True) -> SqliteDatabase:
        """The SQLite database at ``path`` (kept for callers that only know SQLite)."""
        return await SqliteDatabase.open(path, migrate=migrate)

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Queries]:
        """One transaction; the statements inside go through the ``Queries`` it yields."""

    async def write(self, sql: str, params: Params = ()) -> int:
        """One statement that commits by itself: no BEGIN/COMMIT round trips for a lone write.
        It still waits for a transaction in progress, so it never lands inside another's."""
        async with self._write_lock:
            return await self.execute(sql, params)

    async def write_returning(self, sql: str, params: Params = ()) -> Row | None:
        """``write`` for a statement with ``RETURNING``: the row it returns."""
        async with self._write_lock:
            return await self.fetchone(sql, params)

    @abstractmethod
    async def migrate(self) -> int:
        """Apply the migrations not applied yet; returns the schema version."""

    @abstractmethod
    async def close(self) -> None: ...


# SQLite -------------------------------------------------------------------------------------


class _Checkpoints:
    """WAL checkpoints in a worker thread, on a connection of their own, instead of on the event loop.

    SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages, and
    with ``synchronous=NORMAL`` it syncs the WAL and then the database file: two fsyncs of several
    ms each, every hundred updates or so, during which the event loop stood still (under 1,000
    updates/s, about a tenth of its time). Here the bot's connection never checkpoints; once
    ``CHANGES`` rows have been written since the last checkpoint began, a PASSIVE one runs in a
    thread (sqlite3 lets go of the GIL while it works), one at a time. It holds the write lock
    meanwhile, so that no frame is added under it: the WAL is then wholly copied and the next write
    starts it again from the beginning, as after an automatic checkpoint (else, under a steady load,
    it would only grow). The event loop goes on with everything else. A checkpoint only copies
    committed pages from the WAL into the database file: what each commit makes durable, and when,
    is as before. Should a checkpoint fail, the bot's connection goes back to checkpointing itself.
    """

    # Rows written (sqlite3's total_changes: inserted, changed or deleted) between two checkpoints:
    # under the benchmark's mix about every 110 updates, as often as SQLite's own (1,000 WAL pages).
    CHANGES = 600

    def __init__(self, path: str, lock: asyncio.Lock) -> None:
        self._path = path
        self._lock = lock
        self._seen = 0
        self._running: asyncio.Task[None] | None = None
        self._own_conn: sqlite3.Connection | None = None
        self._raw: sqlite3.Connection | None = None
        # Held by the thread while it uses the connection: a round cut short by a stop goes on there.
        self._in_thread = threading.Lock()
        self.done = 0  # checkpoints carried out (for the tests)

    def note(self, raw: sqlite3.Connection) -> None:
        """After a statement on the bot's connection: start a checkpoint when enough was written."""
        if raw.total_changes - self._seen < self.CHANGES or self._running is not None:
            return
        self._seen, self._raw = raw.total_changes, raw
        self._running = asyncio.create_task(self._round(), name="sqlite-checkpoint")
        self._running.add_done_callback(self._finished)

    async def _round(self) -> None:
        async with self._lock:
            await asyncio.get_running_loop().run_in_executor(None, self._checkpoint)

    def _checkpoint(self) -> None:  # in a worker thread
        with self._in_thread:
            if self._own_conn is None:
                self._own_conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            try:
                self._own_conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    raise
                return  # another process holds the database (copy-db, migrate): the next round copies it
            self.done += 1

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running = None
        error = None if task.cancelled() else task.exception()
        if error is None:
            return
        log.warning("A WAL checkpoint failed (%s); the connection checkpoints by itself from now on", error)
        self._seen = 1 << 62  # no more rounds from here
        if self._raw is not None:
            self._raw.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT}")

    async def close(self) -> None:
        """Wait for a checkpoint in progress, then close the checkpoints' connection."""
        self._seen = 1 << 62
        if self._running is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._running
        with self._in_thread:
            if self._own_conn is not None:
                self._own_conn.close()
                self._own_conn = None


# SQLite's default automatic checkpoint size, in pages (set back when _Checkpoints gives up).
AUTOCHECKPOINT = 1000


class _SqliteQueries(Queries):
    """Statements run on the event loop's thread, straight on the sqlite3 connection.

    A trip to aiosqlite's thread and back costs far more than the statements the bot runs on
    the message path (single-row lookups and writes by index, each 10-20 µs): it wakes that
    thread, then the event loop, and the two threads contend for the GIL; run that way they took
    a quarter of a negative comment's CPU time. aiosqlite still opens and closes the connection
    and applies the migrations, before and after the event loop uses it.

    SQLite's own busy wait would now stop the event loop, so the connection has none: a statement
    that finds the database locked by another process (``copy-db``, ``migrate``, a shell) is tried
    again after an ``asyncio.sleep``, for up to ``BUSY_WAIT`` seconds in all, and the bot goes on
    meanwhile. A refused statement changed nothing, so trying it again is safe; inside a
    transaction only its ``BEGIN IMMEDIATE`` can be refused, since it takes the write lock first.
    Inside a transaction, ``BEGIN IMMEDIATE`` goes with the transaction's first statement.
    """

    # A backup, copy-db or a shell may hold the write lock for a while; past this the statement
    # fails (and the update it served is kept in the inbox and tried again).
    BUSY_WAIT = 30.0

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.raw: sqlite3.Connection = raw_connection(conn)
        # Set on a file database once the bot's connection leaves its checkpoints to them.
        self.checkpoints: _Checkpoints | None = None
        self._begin = False  # a transaction is open and its BEGIN not sent yet
        self.began = False  # the BEGIN of the open transaction went through

    async def _run(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        begin, self._begin = self._begin, False
        raw = self.raw
        waited, pause = 0.0, 0.002
        while True:
            try:
                if begin:
                    raw.execute("BEGIN IMMEDIATE")
                    self.began, begin = True, False
                result = work(raw)
                if self.checkpoints is not None:
                    self.checkpoints.note(raw)
                return result
            except sqlite3.IntegrityError as error:
                raise IntegrityError(str(error)) from error
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or waited >= self.BUSY_WAIT:
                    raise
            await asyncio.sleep(pause)
            waited += pause
            pause = min(pause * 2, 0.1)

    async def execute(self, sql: str, params: Params = ()) -> int:
        def work(raw: sqlite3.Connection) -> int:
            cursor = raw.execute(sql, params)
            try:
                return max(cursor.rowcount, 0)
            finally:
                cursor.close()

        return await self._run(work)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        def work(raw: sqlite3.Connection) -> None:
            raw.executemany(sql, rows).close()

        await self._run(work)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        def work(raw: sqlite3.Connection) -> Row | None:
            cursor = raw.execute(sql, params)
            try:
                return cursor.fetchone()
            finally:
                cursor.close()

        return await self._run(work)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        def work(raw: sqlite3.Connection) -> list[Row]:
            cursor = raw.execute(sql, params)
            try:
                return cursor.fetchall()
            finally:
                cursor.close()

        return await self._run(work)


# Prepared statements sqlite3 keeps (its default is 128): the bot runs over a hundred distinct ones
# as it goes (commands and buttons besides the comments'), and one pushed out is prepared again,
# which costs several times a small statement's run.
STATEMENT_CACHE = 256


class SqliteDatabase(_SqliteQueries, Database):
    """One aiosqlite connection per process: WAL, foreign keys, busy timeout, ``user_version``."""

    dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection) -> None:
        _SqliteQueries.__init__(self, conn)
        Database.__init__(self)
        self._tx = _SqliteQueries(conn)

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True) -> SqliteDatabase:
        """The database at ``path``: created (with a warning) when missing or empty, migrated, and
        checked to be writable. ``DatabaseUnusable`` when it cannot be used; nothing is left open."""
        if str(path) != ":memory:":
            _prepare_sqlite_file(Path(path))
        conn: aiosqlite.Connection | None = None
        try:
            # The connection is used from the event loop's thread too (see _SqliteQueries); aiosqlite's
            # thread only opens it, migrates and closes it, never while the loop uses it.
            conn = await aiosqlite.connect(
                str(path), isolation_level=None, check_same_thread=False, cached_statements=STATEMENT_CACHE
            )
            conn.row_factory = aiosqlite.Row
            await conn.execute(f"PRAGMA busy_timeout={int(cls.BUSY_WAIT * 1000)}")
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA synchronous=NORMAL")
            db = cls(conn)
            if migrate:
                version = await db.migrate()
                # SQLite opens a file it may not write read-only, silently: a write says so now.
                await conn.execute(f"PRAGMA user_version = {version}")
            # From here on the event loop runs the statements and waits for a lock itself (_run).
            await conn.execute("PRAGMA busy_timeout=0")
            if str(path) != ":memory:":
                await conn.execute("PRAGMA wal_autocheckpoint=0")
                db.checkpoints = db._tx.checkpoints = _Checkpoints(str(path), db._write_lock)
        except sqlite3.Error as error:
            await _close_quietly(conn)
            raise _sqlite_unusable(path, error) from None
        except BaseException:
            await _close_quietly(conn)
            raise
        return db

    async def schema_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        current = await self.schema_version()
        for number, sql in migrations(self.dialect):
            if number <= current:
                continue
            log.info("Applying database migration %03d", number)
            await self.conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
            current = number
        return current

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Queries]:
        async with self._write_lock:
            tx = self._tx
            tx._begin, tx.began = True, False
            try:
                yield tx
            except BaseException:
                tx._begin = False
                if tx.began:
                    self.raw.execute("ROLLBACK")
                raise
            if tx.began:
                self.raw.execute("COMMIT")

    async def close(self) -> None:
        """Close the connection and end aiosqlite's thread; again is harmless."""
        self.closed = True
        if self.checkpoints is not None:
            await self.checkpoints.close()
        # Closed on the event loop's thread, which runs the statements: closed in aiosqlite's thread,
        # it could pull the connection from under a statement another task runs meanwhile.
        self.raw.close()
        await self.conn.close()


async def _close_quietly(conn: aiosqlite.Connection | None) -> None:
    """Close a connection that failed while opening, so that aiosqlite's thread does not keep the
    process alive."""
    if conn is None:
        return
    try:
        await conn.close()
    except Exception as error:  # noqa: BLE001 - already failing; the first error is the one reported
        log.debug("Closing the failed connection: %s", error)


# PostgreSQL ---------------------------------------------------------------------------------


class _PgQueries(Queries):
    """On a pool (each call borrows a connection) or on one connection inside a transaction."""

    def __init__(self, target: Any) -> None:
        self._target = target  # asyncpg.Pool or asyncpg.Connection: same query methods

    async def execute(self, sql: str, params: Params = ()) -> int:
        try:
            status = await self._target.execute(to_dollar_params(sql), *params)
        except _pg().IntegrityConstraintViolationError as error:
            raise IntegrityError(str(error)) from error
        return _status_count(str(status))

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        batch = [tuple(row) for row in rows]
        if not batch:
            return
        try:
            await self._target.executemany(to_dollar_params(sql), batch)
        except _pg().IntegrityConstraintViolationError as error:
            raise IntegrityError(str(error)) from error

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        try:
            return await self._target.fetchrow(to_dollar_params(sql), *params)
        except _pg().IntegrityConstraintViolationError as error:
            raise IntegrityError(str(error)) from error

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            return list(await self._target.fetch(to_dollar_params(sql), *params))
        except _pg().IntegrityConstraintViolationError as error:
            raise IntegrityError(str(error)) from error


# How long a connection to PostgreSQL may take before the server counts as unreachable.
CONNECT_TIMEOUT = 10.0


def _postgres_unusable(url: str, error: BaseException) -> DatabaseUnusable:
    """What an error connecting to or migrating PostgreSQL means, in one line without the password."""
    asyncpg = _pg()
    parts = urlsplit(url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    text = str(error).strip() or type(error).__name__
    if isinstance(error, asyncpg.InvalidAuthorizationSpecificationError | asyncpg.InvalidPasswordError):
        return DatabaseUnusable(f"PostgreSQL at {where} refused the login: {text}", setup=True)
    if isinstance(error, asyncpg.InvalidCatalogNameError | asyncpg.InsufficientPrivilegeError | ValueError):
        return DatabaseUnusable(f"PostgreSQL at {where}: {text}", setup=True)
    if isinstance(error, OSError | TimeoutError):
        return DatabaseUnusable(f"cannot reach PostgreSQL at {where}: {type(error).__name__}: {text}", setup=False)
    return DatabaseUnusable(f"PostgreSQL at {where}: {type(error).__name__}: {text}", setup=False)


class PostgresDatabase(_PgQueries, Database):
    """An asyncpg pool; the numbered migrations (``storage/migrations``) tracked in ``schema_version``.

    Transactions of one process are serialised like SQLite's (same semantics for the repositories);
    between processes, writes that must not race are single conditional statements (e.g. the claim
    of a reply: ``UPDATE ... WHERE status = 'pending'``).
    """

    dialect = "postgresql"

    def __init__(self, pool: Any) -> None:
        _PgQueries.__init__(self, pool)
        Database.__init__(self)
        self.pool = pool

    @classmethod
    async def connect(
        cls, url: str, *, schema: str | None = None, migrate: bool = True, max_size: int = 10
    ) -> PostgresDatabase:
        """Open a pool on ``postgresql://user:pass@host:port/db``; ``schema`` sets the search_path."""
        server_settings = {"search_path": schema} if schema else None
        try:
            pool = await _pg().create_pool(
                url,
                min_size=1,
                max_size=max_size,
                server_settings=server_settings,
                command_timeout=60,
                timeout=CONNECT_TIMEOUT,
            )
        except (_pg().PostgresError, OSError, TimeoutError, ValueError) as error:
            raise _postgres_unusable(url, error) from None
        db = cls(pool)
        if migrate:
            try:
                await db.migrate()
            except _pg().PostgresError as error:
                await pool.close()
                raise _postgres_unusable(url, error) from None
            except BaseException:
                await pool.close()
                raise
        return db

    async def schema_version(self) -> int:
        exists = await self._target.fetchval("SELECT to_regclass('schema_version') IS NOT NULL")
        if not exists:
            return 0
        version = await self._target.fetchval("SELECT MAX(version) FROM schema_version")
        return int(version or 0)

    async def migrate(self) -> int:
        async with self.pool.acquire() as conn, conn.transaction():
            # Several instances may start at once: one applies, the others wait and find it done.
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext('otklik-migrations:' || current_schema()))")
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"
            )
            current = int(await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))
            for number, sql in migrations(self.dialect):
                if number <= current:
                    continue
                log.info("Applying PostgreSQL migration %03d", number)
                await conn.execute(sql)
                await conn.execute(
                    "INSERT INTO schema_version (version, applied_at) "
                    "VALUES ($1, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT))",
                    number,
                )
                current = number
        return current

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Queries]:
        async with self._write_lock, self.pool.acquire() as conn, conn.transaction():
            yield _PgQueries(conn)

    async def close(self) -> None:
        self.closed = True
        await self.pool.close()
