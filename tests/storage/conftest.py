"""Every storage test runs twice: on a SQLite file and on PostgreSQL, in a schema of its own.

PostgreSQL is found at ``TEST_DATABASE_URL`` or, failing that, 127.0.0.1:5432 database ``test`` as
user ``postgres`` or ``root`` (trust auth). Without a server the PostgreSQL runs are skipped with a
message saying so, except in CI (``CI=true``), where they fail: CI must test both backends.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from storage import Storage

_CANDIDATES = (
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgresql://root@127.0.0.1:5432/test",
)
_found: list[str] = []


async def postgres_url() -> str:
    """A URL that connects, or skip (fail in CI) with the reason."""
    if _found:
        return _found[0]
    explicit = os.environ.get("TEST_DATABASE_URL")
    candidates = (explicit,) if explicit else _CANDIDATES
    errors = []
    for url in candidates:
        try:
            conn = await asyncpg.connect(url, timeout=3)
        except (OSError, TimeoutError, asyncpg.PostgresError) as error:
            errors.append(f"{url}: {error}")
            continue
        await conn.close()
        _found.append(url)
        return url
    message = "PostgreSQL is not reachable (" + "; ".join(errors) + "); set TEST_DATABASE_URL or start it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI=true: the PostgreSQL storage tests must run)")
    pytest.skip(message)


@dataclass
class Backend:
    name: str
    url: str  # a DATABASE_URL for this database (the PostgreSQL one carries the schema as search_path)
    open: Callable[[], Awaitable[Storage]]  # opens the same database again (migrated)


@asynccontextmanager
async def fresh_schema() -> AsyncIterator[tuple[str, str]]:
    """(url, schema): a new PostgreSQL schema, dropped afterwards with everything in it."""
    url = await postgres_url()
    schema = f"otklik_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url)
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        yield url, schema
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()


@pytest.fixture
async def pg_schema() -> AsyncIterator[tuple[str, str]]:
    async with fresh_schema() as found:
        yield found


@pytest.fixture(params=["sqlite", "postgresql"])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    if request.param == "sqlite":
        path = tmp_path / "nested" / "bot.sqlite3"
        yield Backend("sqlite", f"sqlite:///{path}", lambda: Storage.open(path))
        return
    async with fresh_schema() as (url, schema):
        separator = "&" if "?" in url else "?"
        yield Backend(
            "postgresql",
            f"{url}{separator}search_path={schema}",
            lambda: Storage.open_postgres(url, schema=schema),
        )
