"""``python -m bot backup PATH``: a consistent copy of the running bot's SQLite database.

The bot need not stop: SQLite's online backup API reads one moment's state while it writes
(``storage/backup.py``). PostgreSQL has its own tool: ``pg_dump`` (docs/operations.md, Backups).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.config import SqliteTarget, database_target
from storage.backup import BackupError, backup_sqlite

POSTGRES_ADVICE = (
    "DATABASE_URL is PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom "
    "--file=otklik.dump <database> (docs/operations.md, Backups)"
)


def run_backup(database_url: str, path: str, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """0 copied, 1 failed or refused, 2 nothing this command can copy (PostgreSQL)."""
    target = database_target(database_url)
    if not isinstance(target, SqliteTarget):
        print(f"backup: {POSTGRES_ADVICE}", file=err)
        return 2
    try:
        report = backup_sqlite(target.path, Path(path))
    except BackupError as error:
        print(f"backup: {error}", file=err)
        return 1
    counts = ", ".join(f"{table} {rows:,}" for table, rows in report.rows.items())
    print(
        f"Backed up {target.path} to {path}: {report.size / 1_000_000:.1f} MB, schema version "
        f"{report.schema_version}, {counts}; integrity check ok.",
        file=out,
    )
    return 0
