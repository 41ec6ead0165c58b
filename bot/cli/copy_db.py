"""``python -m bot copy-db SRC DST``: copy a whole database into an empty one, e.g. SQLite to PostgreSQL.

SRC and DST are ``DATABASE_URL``-style URLs. The copying itself is ``storage.copy``; here are the
command line, opening the two databases and the printing. Passwords in the URLs are never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys
from typing import TextIO
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import asyncpg

from bot.config import SqliteTarget, database_target
from storage import IntegrityError
from storage.copy import BATCH_SIZE, CopyError, copy_database
from storage.database import Database, DatabaseUnusable, PostgresDatabase, SqliteDatabase

MASK = "***"


def mask_url(url: str) -> str:
    """``url`` with its password (in the user part or as ``?password=``) replaced by ``***``."""
    if not _secrets(url):
        return url  # as given: urlunsplit would also rewrite sqlite:////absolute/path
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}:{MASK}@{host}"
    query = parts.query
    if "password" in {key.lower() for key, _ in parse_qsl(query)}:
        query = urlencode(
            [(key, MASK if key.lower() == "password" else value) for key, value in parse_qsl(query)], safe="*"
        )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def _secrets(url: str) -> set[str]:
    parts = urlsplit(url)
    raw = [parts.netloc.rpartition("@")[0].partition(":")[2]] if parts.password is not None else []
    raw += [value for key, value in parse_qsl(parts.query) if key.lower() == "password"]
    return {form for secret in raw if secret for form in (secret, unquote(secret))}


def redact(text: str, *urls: str) -> str:
    """``text`` with every password from ``urls`` replaced by ``***`` (for error messages)."""
    for secret in sorted({s for url in urls for s in _secrets(url)}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


async def _open(url: str, *, source: bool) -> Database:
    target = database_target(url)
    if isinstance(target, SqliteTarget):
        if source and not target.path.is_file():
            raise CopyError(f"the source database {target.path} does not exist")
        return await SqliteDatabase.open(target.path, migrate=False)
    return await PostgresDatabase.connect(target.url, migrate=False, max_size=2)


def _same_database(src: str, dst: str) -> bool:
    a, b = database_target(src), database_target(dst)
    if isinstance(a, SqliteTarget) and isinstance(b, SqliteTarget):
        return a.path.resolve() == b.path.resolve()
    return a == b


async def copy_db(src_url: str, dst_url: str, out: TextIO, *, batch_size: int = BATCH_SIZE) -> None:
    if _same_database(src_url, dst_url):
        raise CopyError("SRC and DST are the same database")
    print(f"Copying {mask_url(src_url)} -> {mask_url(dst_url)}", file=out, flush=True)
    src = await _open(src_url, source=True)
    try:
        dst = await _open(dst_url, source=False)
        try:

            def done(table: str, rows: int) -> None:
                print(f"  {table:<20} {rows:>12,}", file=out, flush=True)

            report = await copy_database(src, dst, batch_size=batch_size, on_table=done)
        finally:
            await dst.close()
    finally:
        await src.close()
    total = sum(report.rows.values())
    print(
        f"Copied {total:,} rows in {len(report.rows)} tables (schema version {report.version}); "
        "every table's row count matches the source.",
        file=out,
    )
    if report.next_ids:
        print("Next ids: " + ", ".join(f"{t} {n}" for t, n in sorted(report.next_ids.items())), file=out)


def run_copy_db(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot copy-db",
        description="Copy every table of SRC into DST, e.g. from SQLite to PostgreSQL. DST is migrated to the "
        "current schema first and must hold no data; SRC is only read and must be at the current schema "
        "version. All or nothing: on any error DST is left empty. Stop the bot first.",
    )
    parser.add_argument("src", metavar="SRC", help="source DATABASE_URL, e.g. sqlite:///data/bot.sqlite3")
    parser.add_argument("dst", metavar="DST", help="destination DATABASE_URL, e.g. postgresql://user:pass@host/db")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"rows per insert (default {BATCH_SIZE})")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=err)
    try:
        database_target(args.src)
        database_target(args.dst)
    except ValueError as error:
        print(f"copy-db: bad URL: {error}", file=err)
        return 2
    try:
        asyncio.run(copy_db(args.src, args.dst, out, batch_size=args.batch_size))
    except (
        CopyError,
        DatabaseUnusable,
        IntegrityError,
        OSError,
        TimeoutError,
        sqlite3.Error,
        asyncpg.PostgresError,
        asyncpg.InterfaceError,
    ) as error:
        message = " ".join(str(error).split()) or type(error).__name__
        print(f"copy-db: {redact(message, args.src, args.dst)}", file=err)
        return 1
    return 0
