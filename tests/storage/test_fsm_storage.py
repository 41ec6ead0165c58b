"""aiogram's FSM in the bot's database (bot/telegram/fsm/sql_storage.py over storage/fsm.py), on SQLite and
on PostgreSQL: a conversation survives a reopen, ends without a trace, and keys never mix."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey

from bot.telegram.fsm.sql_storage import SqlStorage
from bot.telegram.fsm.states import CaseInput, TemplateInput
from storage import Storage
from storage.migration_files import migrations
from tests.storage.conftest import Backend, fresh_schema

ANNA = 1001
BOT = 7000001


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Storage]:
    s = await backend.open()
    yield s
    await s.close()


def _context(s: Storage, key: StorageKey) -> FSMContext:
    return FSMContext(storage=SqlStorage(s.fsm, clock=lambda: 1_764_000_000.0), key=key)


async def _rows(s: Storage) -> int:
    row = await s.db.fetchone("SELECT COUNT(*) FROM fsm_states")
    assert row is not None
    return int(row[0])


async def test_a_conversation_survives_a_reopen_and_ends_without_a_row(store: Storage, backend: Backend) -> None:
    key = StorageKey(bot_id=BOT, chat_id=ANNA, user_id=ANNA)
    state = _context(store, key)
    await state.set_state(CaseInput.reply)
    await state.set_data({"case_id": 42})
    await state.update_data(draft="Анна, «спасибо» & <b>")
    await store.close()
    reopened = await backend.open()
    try:
        state = _context(reopened, key)
        assert await state.get_state() == CaseInput.reply.state
        assert await state.get_data() == {"case_id": 42, "draft": "Анна, «спасибо» & <b>"}
        await state.set_state(CaseInput.follow_up)  # the data stays with the new state
        assert await state.get_data() == {"case_id": 42, "draft": "Анна, «спасибо» & <b>"}
        assert await _rows(reopened) == 1
        await state.clear()
        assert await state.get_state() is None and await state.get_data() == {}
        assert await _rows(reopened) == 0
    finally:
        store.db = reopened.db  # let the fixture close the new connection


async def test_state_without_data_and_data_without_state(store: Storage) -> None:
    state = _context(store, StorageKey(bot_id=BOT, chat_id=ANNA, user_id=ANNA))
    await state.set_data({"chat_id": -100})
    assert await state.get_state() is None and await state.get_data() == {"chat_id": -100}
    await state.set_data({})
    assert await _rows(store) == 0
    await state.set_state(TemplateInput.variants)
    assert await state.get_data() == {}
    await state.set_state(None)
    assert await _rows(store) == 0


async def test_every_part_of_the_key_keeps_its_own_conversation(store: Storage) -> None:
    keys = [
        StorageKey(bot_id=BOT, chat_id=ANNA, user_id=ANNA),
        StorageKey(bot_id=BOT + 1, chat_id=ANNA, user_id=ANNA),
        StorageKey(bot_id=BOT, chat_id=-100, user_id=ANNA),
        StorageKey(bot_id=BOT, chat_id=ANNA, user_id=ANNA + 1),
        StorageKey(bot_id=BOT, chat_id=ANNA, user_id=ANNA, thread_id=5),
        StorageKey(bot_id=BOT, chat_id=ANNA, user_id=ANNA, business_connection_id="b1"),
        StorageKey(bot_id=BOT, chat_id=ANNA, user_id=ANNA, destiny="other"),
    ]
    for n, key in enumerate(keys):
        state = _context(store, key)
        await state.set_state(f"S:{n}")
        await state.set_data({"n": n})
    for n, key in enumerate(keys):
        state = _context(store, key)
        assert (await state.get_state(), await state.get_data()) == (f"S:{n}", {"n": n})
    assert await _rows(store) == len(keys)


async def test_a_key_outside_bigint_is_nobodys(store: Storage) -> None:
    # A forged update can carry any integer as a user id; no Telegram account has one this big.
    huge = StorageKey(bot_id=BOT, chat_id=2**70, user_id=2**70)
    state = _context(store, huge)
    assert await state.get_state() is None and await state.get_data() == {}
    with pytest.raises(ValueError, match="BIGINT"):
        await state.set_state(CaseInput.reply)
    assert await _rows(store) == 0


# --- the upgrade to migration 010 -------------------------------------------------------------


async def test_sqlite_upgrade_drops_the_old_input_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path)
    for number, sql in migrations()[:9]:
        raw.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
    raw.execute("INSERT INTO chats (id, title, type, added_at, updated_at) VALUES (-100, 'T', 'group', 0, 0)")
    raw.execute(
        "INSERT INTO admin_inputs (user_id, kind, chat_id, arg, created_at) VALUES (1, 'templates', -100, 'x', 0)"
    )
    raw.commit()
    raw.close()
    s = await Storage.open(path)
    try:
        tables = {row[0] for row in await s.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "fsm_states" in tables and not {"pending_inputs", "admin_inputs"} & tables
        assert await s.chats.get(-100) is not None  # the data itself is kept
    finally:
        await s.close()


async def test_postgres_upgrade_drops_the_old_input_tables() -> None:
    async with fresh_schema() as (url, schema):
        conn = await asyncpg.connect(url, server_settings={"search_path": schema})
        try:
            await conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)")
            for number, sql in migrations("postgresql")[:9]:
                await conn.execute(sql)
                await conn.execute("INSERT INTO schema_version VALUES ($1, 0)", number)
            await conn.execute(
                "INSERT INTO chats (id, title, type, added_at, updated_at) VALUES (-100, 'T', 'group', 0, 0)"
            )
            await conn.execute(
                "INSERT INTO admin_inputs (user_id, kind, chat_id, arg, created_at) VALUES (1, 'templates', -100, 'x', 0)"
            )
        finally:
            await conn.close()
        s = await Storage.open_postgres(url, schema=schema)
        try:
            rows = await s.db.fetchall(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", (schema,)
            )
            tables = {row[0] for row in rows}
            assert "fsm_states" in tables and not {"pending_inputs", "admin_inputs"} & tables
            assert await s.chats.get(-100) is not None
        finally:
            await s.close()
