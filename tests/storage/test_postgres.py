"""PostgreSQL only: two instances on one database, migrations run once, the placeholder translation."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage import Storage
from storage.database import to_dollar_params
from storage.migration_files import migrations
from tests.storage.conftest import Backend
from tests.storage.test_storage import CHAT, new_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1", "SELECT 1"),
        ("UPDATE t SET a = ? WHERE b = ?", "UPDATE t SET a = $1 WHERE b = $2"),
        ("SELECT '?' , ? FROM t WHERE c = 'a?b' AND d = ?", "SELECT '?' , $1 FROM t WHERE c = 'a?b' AND d = $2"),
    ],
)
def test_question_marks_become_numbered_parameters(sql: str, expected: str) -> None:
    assert to_dollar_params(sql) == expected


async def _two_instances(url: str, schema: str) -> tuple[Storage, Storage]:
    first = await Storage.open_postgres(url, schema=schema)
    second = await Storage.open_postgres(url, schema=schema)
    return first, second


async def test_two_instances_claim_each_due_reply_once(pg_schema: tuple[str, str]) -> None:
    url, schema = pg_schema
    a, b = await _two_instances(url, schema)
    try:
        await a.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
        ids = []
        for message_id in range(1, 41):
            case, _ = await a.cases.open(new_case(message_id), now=200)
            reply, _ = await a.replies.schedule(
                case_id=case.id,
                chat_id=CHAT,
                reply_to=message_id,
                thread_id=None,
                text="Ответ",
                due_at=300,
                created_by=None,
                now=200,
            )
            ids.append(reply.id)

        # The same reply, claimed by both instances at the same moment: exactly one wins.
        results = await asyncio.gather(a.replies.claim(ids[0], 300), b.replies.claim(ids[0], 300))
        assert sorted(results) == [False, True]

        # Both instances work through the due list at once; each reply is claimed exactly once.
        async def worker(storage: Storage) -> list[int]:
            won = []
            for reply in await storage.replies.due(300, limit=100):
                if await storage.replies.claim(reply.id, 300):
                    won.append(reply.id)
            return won

        won_a, won_b = await asyncio.gather(worker(a), worker(b))
        assert sorted(won_a + won_b) == sorted(ids[1:])
        assert not set(won_a) & set(won_b)
        claimed = await a.db.fetchall("SELECT attempts FROM replies WHERE status = 'sending'")
        assert len(claimed) == len(ids) and {row["attempts"] for row in claimed} == {1}
    finally:
        await a.close()
        await b.close()


async def test_concurrent_start_applies_migrations_once(pg_schema: tuple[str, str]) -> None:
    url, schema = pg_schema
    opened = await asyncio.gather(*(Storage.open_postgres(url, schema=schema) for _ in range(3)))
    try:
        rows = await opened[0].db.fetchall("SELECT version FROM schema_version ORDER BY version")
        assert [row["version"] for row in rows] == list(range(1, len(migrations()) + 1))
    finally:
        for storage in opened:
            await storage.close()


async def test_migrate_command_on_either_backend(backend: Backend, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": backend.url, "BOT_TOKEN": "", "PYTHONPATH": str(ROOT)}
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "migrate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"Database ({backend.name}) is at schema version {len(migrations())}" in done.stdout
    storage = await backend.open()
    try:
        assert await storage.chats.get(CHAT) is None  # the schema is there, empty
    finally:
        await storage.close()
