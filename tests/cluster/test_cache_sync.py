"""Cached chat rows across instances: a change through one instance is seen by the other at once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.cluster.cache_sync import CacheSync
from bot.domain.models import ChatAdmin
from storage import Storage
from storage.cache import TtlCache
from tests.cluster.conftest import redis_url

CHAT = -1005


@pytest.fixture
async def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[Storage, Storage, CacheSync]]:
    # A cache that would stay stale for an hour: only the change feed can refresh it in this test.
    monkeypatch.setattr(TtlCache.__init__, "__defaults__", (3600.0, 20_000, TtlCache.__init__.__defaults__[2]))
    channel = f"otklik:test-chat-changed:{uuid.uuid4().hex[:8]}"
    clients = [Redis.from_url(await redis_url()) for _ in range(2)]
    a, b = [await Storage.open(tmp_path / "bot.sqlite3") for _ in range(2)]
    syncs = [CacheSync(clients[0], a.chats, channel=channel), CacheSync(clients[1], b.chats, channel=channel)]
    for sync in syncs:
        await sync.start()
    await a.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
    yield a, b, syncs[1]
    for sync in syncs:
        await sync.stop()
    for store in (a, b):
        await store.close()
    for client in clients:
        await client.aclose()


async def _heard(sync: CacheSync, count: int) -> None:
    for _ in range(200):
        if sync.received >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the change never arrived")


async def test_a_setting_changed_through_one_instance_is_read_fresh_by_the_other(
    two: tuple[Storage, Storage, CacheSync],
) -> None:
    a, b, b_sync = two
    assert (await b.chats.settings(CHAT)).reply_delay is None  # cached in b now
    heard = b_sync.received
    await a.chats.update_settings(CHAT, reply_delay=900)
    await _heard(b_sync, heard + 1)
    assert (await b.chats.settings(CHAT)).reply_delay == 900


async def test_an_admin_removed_through_one_instance_is_gone_on_the_other(
    two: tuple[Storage, Storage, CacheSync],
) -> None:
    a, b, b_sync = two
    await a.chats.put_admin(ChatAdmin(chat_id=CHAT, user_id=42, name="Анна", username=None, is_anonymous=False))
    await _heard(b_sync, 1)
    assert [admin.user_id for admin in await b.chats.admins(CHAT)] == [42]  # cached in b now
    heard = b_sync.received
    await a.chats.remove_admin(CHAT, 42)
    await _heard(b_sync, heard + 1)
    assert await b.chats.admins(CHAT) == []


async def test_reply_templates_changed_through_one_instance_are_used_by_the_other(
    two: tuple[Storage, Storage, CacheSync],
) -> None:
    a, b, b_sync = two
    assert await b.templates.get(CHAT, "impulsive", "ru") is None  # cached in b now
    heard = b_sync.received
    await a.templates.put(CHAT, "impulsive", "ru", ["Слышим вас, {name}."], by=1, now=200)
    await _heard(b_sync, heard + 1)
    assert await b.templates.get(CHAT, "impulsive", "ru") == ["Слышим вас, {name}."]
    heard = b_sync.received
    await a.templates.reset(CHAT, "impulsive", "ru")
    await _heard(b_sync, heard + 1)
    assert await b.templates.get(CHAT, "impulsive", "ru") is None


async def test_without_the_feed_the_other_instance_would_read_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the same two instances without CacheSync keep the stale copy."""
    monkeypatch.setattr(TtlCache.__init__, "__defaults__", (3600.0, 20_000, TtlCache.__init__.__defaults__[2]))
    a, b = [await Storage.open(tmp_path / "bot.sqlite3") for _ in range(2)]
    try:
        await a.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
        assert (await b.chats.settings(CHAT)).reply_delay is None
        await a.chats.update_settings(CHAT, reply_delay=900)
        await asyncio.sleep(0.2)
        assert (await b.chats.settings(CHAT)).reply_delay is None
    finally:
        for store in (a, b):
            await store.close()
