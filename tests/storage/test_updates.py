"""Claiming update ids: a repeat delivery is recognised, across instances, and old ids are forgotten."""

from __future__ import annotations

import asyncio

from storage.updates import KEEP_SECONDS, PRUNE_EVERY
from tests.storage.conftest import Backend


async def test_an_update_id_is_claimed_once(backend: Backend) -> None:
    store = await backend.open()
    try:
        assert await store.updates.claim(101, now=1000) is True
        assert await store.updates.claim(101, now=1001) is False
        assert await store.updates.claim(102, now=1001) is True
        # Ids beyond 32 bits fit (Telegram's update ids grow).
        assert await store.updates.claim(2**40, now=1001) is True
        assert await store.updates.claim(2**40, now=1002) is False
    finally:
        await store.close()


async def test_two_instances_claiming_at_once_get_one_win(backend: Backend) -> None:
    first, second = await backend.open(), await backend.open()
    try:
        for update_id in range(1, 21):
            results = await asyncio.gather(
                first.updates.claim(update_id, now=1000), second.updates.claim(update_id, now=1000)
            )
            assert sorted(results) == [False, True]
    finally:
        await first.close()
        await second.close()


async def test_ids_older_than_a_day_are_forgotten(backend: Backend) -> None:
    store = await backend.open()
    try:
        await store.updates.claim(1, now=1000)
        await store.updates.claim(2, now=1000 + KEEP_SECONDS)
        assert await store.updates.prune(now=1001 + KEEP_SECONDS) == 1
        assert await store.updates.claim(1, now=1002 + KEEP_SECONDS) is True  # forgotten
        assert await store.updates.claim(2, now=1002 + KEEP_SECONDS) is False  # still within the day

        # The claim path prunes by itself now and then, so the table does not grow without end.
        now = 10 * KEEP_SECONDS
        for update_id in range(1000, 1000 + PRUNE_EVERY):
            await store.updates.claim(update_id, now=now)
        rows = await store.db.fetchall("SELECT update_id FROM processed_updates WHERE update_id < 1000")
        assert rows == []
    finally:
        await store.close()


async def test_the_inbox_keeps_updates_until_done(backend: Backend) -> None:
    store = await backend.open()
    try:
        await store.updates.keep([(2**40 + 2, '{"b": 2}'), (2**40 + 1, '{"b": 1}')], now=1000)
        await store.updates.keep([(2**40 + 1, '{"again": true}')], now=1001)  # a batch taken twice is kept once
        assert await store.updates.waiting() == [(2**40 + 1, '{"b": 1}'), (2**40 + 2, '{"b": 2}')]
        await store.updates.done([2**40 + 1, 999])  # 999 was not kept: nothing happens to it
        await store.updates.done([])
        assert await store.updates.waiting() == [(2**40 + 2, '{"b": 2}')]
    finally:
        await store.close()
