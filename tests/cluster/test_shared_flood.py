"""Telegram's flood limits booked in Redis: two instances together stay within them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.app import create_bot, create_dispatcher
from bot.cluster.flood import RedisBooking
from bot.config import load_settings
from bot.telegram.limiter import Limits, LocalBooking, limiter_of
from storage import Storage
from tests.cluster.conftest import redis_url

LIMITS = Limits(per_second=10.0, group_per_minute=20, group_window=60.0, private_interval=1.0)
# Redis's clock moves on between two bookings made one after the other.
SLACK = 0.25


@pytest.fixture
async def pair(redis: Redis) -> AsyncIterator[tuple[RedisBooking, RedisBooking]]:
    prefix = f"otklik:test-flood:{uuid.uuid4().hex[:8]}:"
    clients = [Redis.from_url(await redis_url()) for _ in range(2)]
    yield RedisBooking(clients[0], LIMITS, prefix=prefix), RedisBooking(clients[1], LIMITS, prefix=prefix)
    keys = [key async for key in redis.scan_iter(f"{prefix}*")]
    if keys:
        await redis.delete(*keys)
    for client in clients:
        await client.aclose()


def _spaced(delays: list[float], step: float) -> bool:
    return all(abs(delay - i * step) <= SLACK for i, delay in enumerate(delays))


async def test_a_private_chat_gets_one_message_a_second_from_both_instances(
    pair: tuple[RedisBooking, RedisBooking],
) -> None:
    a, b = pair
    delays = [await (a, b)[i % 2].reserve_chat(5001) for i in range(6)]
    assert _spaced(delays, 1.0), delays
    # another chat is not held up
    assert await b.reserve_chat(5002) <= SLACK


async def test_a_group_gets_twenty_a_minute_from_both_instances(pair: tuple[RedisBooking, RedisBooking]) -> None:
    a, b = pair
    delays = [await (a, b)[i % 2].reserve_chat(-1001) for i in range(22)]
    assert max(delays[:20]) <= SLACK
    assert 60.0 - SLACK <= delays[20] <= 60.0 + SLACK
    assert 60.0 - SLACK <= delays[21] <= 60.0 + SLACK


async def test_the_overall_rate_is_shared(pair: tuple[RedisBooking, RedisBooking]) -> None:
    a, b = pair
    delays = [await (a, b)[i % 2].reserve_global() for i in range(8)]
    assert _spaced(delays, 0.1), delays


async def test_a_flood_wait_seen_by_one_instance_holds_the_other(pair: tuple[RedisBooking, RedisBooking]) -> None:
    a, b = pair
    await a.postpone(-1002, 30.0)
    assert 30.0 - SLACK <= await b.reserve_chat(-1002) <= 30.0 + SLACK
    assert await b.reserve_chat(-1003) <= SLACK
    await b.postpone(None, 7.0)  # Telegram said wait to everything
    assert 7.0 - SLACK <= await a.reserve_global() <= 7.0 + SLACK


async def test_redis_down_paces_locally() -> None:
    dead = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2, socket_timeout=0.2)
    booking = RedisBooking(dead, LIMITS)
    try:
        delays = [await booking.reserve_chat(5001) for _ in range(3)]
    finally:
        await dead.aclose()
    assert _spaced(delays, 1.0), delays


async def test_the_running_bot_books_in_redis_only_with_limits_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", await redis_url())
    for outgoing, expected in (("true", RedisBooking), ("false", LocalBooking)):
        settings = load_settings(BOT_TOKEN="123456:ABC", OUTGOING_LIMITS=outgoing)
        bot = create_bot(settings)
        storage = await Storage.open(tmp_path / f"{outgoing}.sqlite3")
        create_dispatcher(settings, bot, storage)
        limiter = limiter_of(bot)
        assert limiter is not None and isinstance(limiter.booking, expected)
        await storage.close()
        await bot.session.close()
