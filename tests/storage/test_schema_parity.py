"""SQLite and PostgreSQL, each built by the migrations, have the same tables, columns, indexes and keys."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.database import Database, PostgresDatabase, SqliteDatabase
from storage.migration_files import migrations
from tests.storage.schema_shape import Column, ForeignKey, Index, Table, diff, read_schema, type_family

Built = tuple[SqliteDatabase, PostgresDatabase]


@pytest.fixture
async def built(pg_schema: tuple[str, str], tmp_path: Path) -> AsyncIterator[Built]:
    url, schema = pg_schema
    sqlite = await SqliteDatabase.open(tmp_path / "parity.sqlite3")
    try:
        postgres = await PostgresDatabase.connect(url, schema=schema, max_size=2)
        try:
            yield sqlite, postgres
        finally:
            await postgres.close()
    finally:
        await sqlite.close()


def created_tables() -> set[str]:
    """The tables the migrations create and do not drop again, read from their SQL."""
    tables: set[str] = set()
    for _, sql in migrations("sqlite"):
        code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
        tables |= set(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", code, re.I))
        tables -= set(re.findall(r"DROP TABLE (?:IF EXISTS )?(\w+)", code, re.I))
    return tables


async def test_both_backends_build_the_same_schema(built: Built) -> None:
    sqlite, postgres = built
    left, right = await read_schema(sqlite), await read_schema(postgres)
    differences = diff(left, right)
    assert not differences, "the migrations build different schemas:\n" + "\n".join(differences)
    # The comparison saw the whole schema, not two empty ones.
    assert set(left) == set(right) == created_tables()
    assert left["cases"].columns["id"] == Column("integer", True, False, 1, True)
    assert left["chats"].columns["id"] == Column("integer", True, False, 1, False)
    assert Index("replies_one_live", ("case_id", "kind"), True, True) in right["replies"].indexes
    assert Index(None, ("chat_id", "message_id"), True, False) in right["cases"].indexes
    assert ForeignKey(("case_id",), "cases", ("id",), "cascade") in right["alerts"].foreign_keys


# A change made on one backend only, as if a migration had been written for one of them.
@pytest.mark.parametrize(
    ("side", "statement", "expected"),
    [
        ("sqlite", "ALTER TABLE cases ADD COLUMN extra TEXT", "cases.extra: only in sqlite (text, null, no default)"),
        (
            "postgresql",
            "ALTER TABLE inbox ADD COLUMN tries INTEGER NOT NULL DEFAULT 0",
            "inbox.tries: only in postgresql (integer, not null, default)",
        ),
        (
            "postgresql",
            "ALTER TABLE inbox ALTER COLUMN owner TYPE BIGINT USING NULL",
            "inbox.owner: sqlite has text, null, no default; postgresql has integer, null, no default",
        ),
        (
            "postgresql",
            "ALTER TABLE inbox ALTER COLUMN owner SET NOT NULL",
            "inbox.owner: sqlite has text, null, no default; postgresql has text, not null, no default",
        ),
        (
            "postgresql",
            "ALTER TABLE chat_settings ALTER COLUMN language DROP DEFAULT",
            "chat_settings.language: sqlite has text, not null, default; postgresql has text, not null, no default",
        ),
        ("sqlite", "CREATE INDEX inbox_owner ON inbox(owner)", "inbox: index inbox_owner (owner) only in sqlite"),
        (
            "postgresql",
            "DROP INDEX replies_one_live",
            "replies: unique index replies_one_live (case_id, kind) partial only in sqlite",
        ),
        ("sqlite", "CREATE TABLE extra (id INTEGER PRIMARY KEY)", "table extra: only in sqlite"),
    ],
    ids=["column", "column-pg", "type", "not-null", "default", "index", "dropped-index", "table"],
)
async def test_a_change_on_one_backend_only_is_reported(built: Built, side: str, statement: str, expected: str) -> None:
    sqlite, postgres = built
    changed: Database = sqlite if side == "sqlite" else postgres
    await changed.execute(statement)
    assert diff(await read_schema(sqlite), await read_schema(postgres)) == [expected]


_ID = Column("integer", True, False, 1, True)
_PARENT_INDEX = Index("t_parent", ("parent",), False, False)


def _one_table(id_: Column = _ID, on_delete: str = "cascade", index: Index | None = _PARENT_INDEX) -> dict[str, Table]:
    columns = {"id": id_, "parent": Column("integer", True, False, 0, False)}
    keys = frozenset({ForeignKey(("parent",), "p", ("id",), on_delete)})
    return {"t": Table(columns, frozenset({index} if index else set()), keys)}


@pytest.mark.parametrize(
    ("right", "expected"),
    [
        (_one_table(), []),
        (
            _one_table(id_=Column("integer", True, False, 1, False)),
            [
                "t.id: sqlite has integer, not null, no default, primary key #1, identity; "
                "postgresql has integer, not null, no default, primary key #1"
            ],
        ),
        (
            _one_table(on_delete="no action"),
            [
                "t: foreign key (parent) -> p(id) on delete cascade only in sqlite",
                "t: foreign key (parent) -> p(id) on delete no action only in postgresql",
            ],
        ),
        (
            _one_table(index=Index("t_parent", ("parent",), True, False)),
            ["t: index t_parent (parent) only in sqlite", "t: unique index t_parent (parent) only in postgresql"],
        ),
        (_one_table(index=None), ["t: index t_parent (parent) only in sqlite"]),
        ({}, ["table t: only in sqlite"]),
    ],
    ids=["same", "identity", "on-delete", "unique", "no-index", "no-table"],
)
def test_diff_names_each_difference(right: dict[str, Table], expected: list[str]) -> None:
    assert diff(_one_table(), right) == expected


@pytest.mark.parametrize(
    ("declared", "family"),
    [
        ("INTEGER", "integer"),
        ("bigint", "integer"),
        ("smallint", "integer"),
        ("TEXT", "text"),
        ("character varying", "text"),
        ("REAL", "real"),
        ("double precision", "real"),
        ("BLOB", "blob"),
        ("bytea", "blob"),
        ("", "blob"),
        ("boolean", "boolean"),
    ],
)
def test_type_families(declared: str, family: str) -> None:
    assert type_family(declared) == family
