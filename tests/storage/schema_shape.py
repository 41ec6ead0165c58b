"""The shape of a migrated schema, read from SQLite or PostgreSQL, and a readable diff of two shapes.

Only what the repositories rely on is compared, normalised so that the two dialects can agree:
a column's type family (``BIGINT`` and ``INTEGER`` are both integer), whether it is NOT NULL (a
primary key column counts as NOT NULL on both, as PostgreSQL makes it), whether it has a default,
its place in the primary key and whether the database hands out its value (``AUTOINCREMENT`` /
``GENERATED AS IDENTITY``); then each table's indexes and foreign keys. An index that backs a UNIQUE
constraint is compared by its columns alone, since each backend names those itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.database import Database, SqliteDatabase

# Bookkeeping of the migrations, not part of the schema the repositories use.
_NOT_SCHEMA = frozenset({"schema_version"})
_PG_ON_DELETE = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}


@dataclass(frozen=True)
class Column:
    type: str  # family: integer, text, real, blob, or the declared type when it is none of those
    not_null: bool
    has_default: bool
    primary_key: int  # 1-based place in the primary key, 0 when not in it
    identity: bool  # the database hands out the value

    def describe(self) -> str:
        words = [self.type, "not null" if self.not_null else "null", "default" if self.has_default else "no default"]
        if self.primary_key:
            words.append(f"primary key #{self.primary_key}")
        if self.identity:
            words.append("identity")
        return ", ".join(words)


@dataclass(frozen=True)
class Index:
    name: str | None  # None for the index behind a UNIQUE constraint
    columns: tuple[str, ...]
    unique: bool
    partial: bool

    def describe(self) -> str:
        kind = "unique index" if self.unique else "index"
        if self.name is None:
            return f"unique constraint ({', '.join(self.columns)})"
        return f"{kind} {self.name} ({', '.join(self.columns)})" + (" partial" if self.partial else "")


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    on_delete: str

    def describe(self) -> str:
        return (
            f"foreign key ({', '.join(self.columns)}) -> {self.parent}({', '.join(self.parent_columns)}) "
            f"on delete {self.on_delete}"
        )


@dataclass(frozen=True)
class Table:
    columns: dict[str, Column]
    indexes: frozenset[Index]
    foreign_keys: frozenset[ForeignKey]


Schema = dict[str, Table]


def type_family(declared: str) -> str:
    """SQLite's affinity rules, which also sort PostgreSQL's type names into the same families."""
    name = declared.upper()
    if "INT" in name:
        return "integer"
    if any(word in name for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if any(word in name for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    if name in ("", "BLOB", "BYTEA"):
        return "blob"
    return declared.lower()


def diff(left: Schema, right: Schema, names: tuple[str, str] = ("sqlite", "postgresql")) -> list[str]:
    """One line per difference, e.g. ``cases.extra: only in sqlite (text, null, no default)``."""
    a, b = names
    lines: list[str] = []
    for table in sorted(left.keys() | right.keys()):
        if table not in right:
            lines.append(f"table {table}: only in {a}")
            continue
        if table not in left:
            lines.append(f"table {table}: only in {b}")
            continue
        one, two = left[table], right[table]
        for column in sorted(one.columns.keys() | two.columns.keys()):
            if column not in two.columns:
                lines.append(f"{table}.{column}: only in {a} ({one.columns[column].describe()})")
            elif column not in one.columns:
                lines.append(f"{table}.{column}: only in {b} ({two.columns[column].describe()})")
            elif one.columns[column] != two.columns[column]:
                lines.append(
                    f"{table}.{column}: {a} has {one.columns[column].describe()}; "
                    f"{b} has {two.columns[column].describe()}"
                )
        for index in sorted(one.indexes - two.indexes, key=Index.describe):
            lines.append(f"{table}: {index.describe()} only in {a}")
        for index in sorted(two.indexes - one.indexes, key=Index.describe):
            lines.append(f"{table}: {index.describe()} only in {b}")
        for key in sorted(one.foreign_keys - two.foreign_keys, key=ForeignKey.describe):
            lines.append(f"{table}: {key.describe()} only in {a}")
        for key in sorted(two.foreign_keys - one.foreign_keys, key=ForeignKey.describe):
            lines.append(f"{table}: {key.describe()} only in {b}")
    return lines


async def read_schema(db: Database) -> Schema:
    if isinstance(db, SqliteDatabase):
        return await _read_sqlite(db)
    return await _read_postgres(db)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def _read_sqlite(db: SqliteDatabase) -> Schema:
    schema: Schema = {}
    tables = await db.fetchall(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    )
    primary_keys: dict[str, tuple[str, ...]] = {}
    infos = {}
    for row in tables:
        name = str(row["name"])
        infos[name] = await db.fetchall(f"PRAGMA table_info({_quote(name)})")
        keyed = sorted((int(c["pk"]), str(c["name"])) for c in infos[name] if c["pk"])
        primary_keys[name] = tuple(column for _, column in keyed)
    for row in tables:
        name, sql = str(row["name"]), str(row["sql"])
        columns = {}
        for info in infos[name]:
            column = str(info["name"])
            autoincrement = rf"\b{re.escape(column)}\s+INTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b"
            columns[column] = Column(
                type=type_family(str(info["type"])),
                not_null=bool(info["notnull"]) or bool(info["pk"]),
                has_default=info["dflt_value"] is not None,
                primary_key=int(info["pk"]),
                identity=re.search(autoincrement, sql, re.IGNORECASE) is not None,
            )
        indexes = set()
        for index in await db.fetchall(f"PRAGMA index_list({_quote(name)})"):
            if index["origin"] == "pk":
                continue  # compared as the columns' primary_key
            index_name = str(index["name"])
            parts = await db.fetchall(f"PRAGMA index_info({_quote(index_name)})")
            indexes.add(
                Index(
                    name=None if index["origin"] == "u" else index_name,
                    columns=tuple(str(p["name"]) for p in sorted(parts, key=lambda p: int(p["seqno"]))),
                    unique=bool(index["unique"]),
                    partial=bool(index["partial"]),
                )
            )
        keys: dict[int, list[tuple[int, str, str | None, str, str]]] = {}
        for key in await db.fetchall(f"PRAGMA foreign_key_list({_quote(name)})"):
            keys.setdefault(int(key["id"]), []).append(
                (int(key["seq"]), str(key["from"]), key["to"], str(key["table"]), str(key["on_delete"]).lower())
            )
        foreign_keys = set()
        for parts_of_key in keys.values():
            parts_of_key.sort()
            parent = parts_of_key[0][3]
            # REFERENCES parent without columns means the parent's primary key.
            to = tuple(p[2] or "" for p in parts_of_key)
            if not all(to):
                to = primary_keys.get(parent, ())
            foreign_keys.add(ForeignKey(tuple(p[1] for p in parts_of_key), parent, to, parts_of_key[0][4]))
        schema[name] = Table(columns, frozenset(indexes), frozenset(foreign_keys))
    return schema


_PG_COLUMNS_OF = (
    "ARRAY(SELECT a.attname FROM unnest({keys}::int2[]) WITH ORDINALITY AS k(attnum, ord) "
    "JOIN pg_attribute a ON a.attrelid = {table} AND a.attnum = k.attnum ORDER BY k.ord)"
)


async def _read_postgres(db: Database) -> Schema:
    schema: Schema = {}
    tables = await db.fetchall(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    for row in tables:
        name = str(row["table_name"])
        if name in _NOT_SCHEMA:
            continue
        primary = await db.fetchone(
            "SELECT " + _PG_COLUMNS_OF.format(keys="c.conkey", table="c.conrelid") + " AS columns "
            "FROM pg_constraint c WHERE c.contype = 'p' AND c.conrelid = to_regclass(?)",
            (_quote(name),),
        )
        primary_key = list(primary["columns"]) if primary else []
        columns = {}
        for info in await db.fetchall(
            "SELECT column_name, data_type, is_nullable, column_default, is_identity "
            "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?",
            (name,),
        ):
            column = str(info["column_name"])
            columns[column] = Column(
                type=type_family(str(info["data_type"])),
                not_null=info["is_nullable"] == "NO",
                has_default=info["column_default"] is not None,
                primary_key=primary_key.index(column) + 1 if column in primary_key else 0,
                identity=info["is_identity"] == "YES",
            )
        indexes = set()
        for index in await db.fetchall(
            "SELECT ic.relname AS name, i.indisunique AS is_unique, i.indpred IS NOT NULL AS partial, "
            "EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype = 'u') AS backs, "
            + _PG_COLUMNS_OF.format(keys="i.indkey", table="i.indrelid")
            + " AS columns FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
            "WHERE i.indrelid = to_regclass(?) AND NOT i.indisprimary",
            (_quote(name),),
        ):
            indexes.add(
                Index(
                    name=None if index["backs"] else str(index["name"]),
                    columns=tuple(index["columns"]),
                    unique=bool(index["is_unique"]),
                    partial=bool(index["partial"]),
                )
            )
        foreign_keys = set()
        for key in await db.fetchall(
            "SELECT p.relname AS parent, c.confdeltype::text AS on_delete, "
            + _PG_COLUMNS_OF.format(keys="c.conkey", table="c.conrelid")
            + " AS columns, "
            + _PG_COLUMNS_OF.format(keys="c.confkey", table="c.confrelid")
            + " AS parent_columns FROM pg_constraint c JOIN pg_class p ON p.oid = c.confrelid "
            "WHERE c.contype = 'f' AND c.conrelid = to_regclass(?)",
            (_quote(name),),
        ):
            foreign_keys.add(
                ForeignKey(
                    tuple(key["columns"]),
                    str(key["parent"]),
                    tuple(key["parent_columns"]),
                    _PG_ON_DELETE[str(key["on_delete"])],
                )
            )
        schema[name] = Table(columns, frozenset(indexes), frozenset(foreign_keys))
    return schema
