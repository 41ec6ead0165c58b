"""A consistent copy of a running SQLite database, with SQLite's online backup API.

The copy is read in one read transaction of the source: one moment's state, every transaction in
or out whole, while the bot goes on writing (in WAL mode a reader does not hold up the writer).
It is written beside the target under a temporary name, checked (``PRAGMA integrity_check``),
switched out of WAL mode so that it is one self-contained file, flushed to disk and only then
renamed to the target: a backup that fails halfway leaves no file that looks like a good one.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    """The backup could not be made; ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    size: int  # bytes
    schema_version: int
    rows: dict[str, int]  # a few tables worth naming: cases, replies, inbox


NAMED_TABLES = ("cases", "replies", "inbox")


def backup_sqlite(source: Path, target: Path) -> BackupReport:
    """Copy the SQLite database at ``source`` (in use or not) to the new file ``target``."""
    if not source.is_file():
        raise BackupError(f"there is no database file at {source}")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    if target.resolve() == source.resolve():
        raise BackupError("the backup cannot be the database itself")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with open(source, "rb") as file:  # opened read-only first: never creates a missing database
            if file.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source} is not a SQLite database")
        src = sqlite3.connect(source.resolve().as_uri() + "?mode=rw", uri=True, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # all pages in one step: one read transaction, one moment's state
                dst.execute("PRAGMA journal_mode=DELETE")
                problems = [row[0] for row in dst.execute("PRAGMA integrity_check")]
                if problems != ["ok"]:
                    raise BackupError(f"the copy does not check out: {'; '.join(problems[:3])}")
                version = int(dst.execute("PRAGMA user_version").fetchone()[0])
                present = {row[0] for row in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                rows = {
                    table: int(dst.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                    for table in NAMED_TABLES
                    if table in present
                }
            finally:
                dst.close()
        finally:
            src.close()
        with open(partial, "rb") as file:
            os.fsync(file.fileno())
        os.replace(partial, target)
        _sync_folder(target.parent)
    except sqlite3.Error as error:
        raise BackupError(f"{type(error).__name__}: {error}") from None
    except OSError as error:
        raise BackupError(f"{error.filename or target}: {error.strerror or error}") from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(target.stat().st_size, version, rows)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
