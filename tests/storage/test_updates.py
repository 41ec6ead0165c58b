"""Taking update ids: a repeat delivery is recognised, across instances, and old ids are forgotten; the inbox."""

from __future__ import annotations

import asyncio

from storage.updates import KEEP_SECONDS, PRUNE_EVERY
from tests.storage.conftest import Backend


async def test_an_update_id_is_claimed_once(backend: Backend) -> None:
    store = await backend.open()
    try:
        assert await store.updates.take(101, "{}", now=1000) is True
        assert await store.updates.take(101, "{}", now=1001) is False
        assert await store.updates.take(102, "{}", now=1001) is True
        # Ids beyond 32 bits fit (Telegram's update ids grow).
        assert await store.updates.take(2**40, "{}", now=1001) is True
        assert await store.updates.take(2**40, "{}", now=1002) is False
    finally:
        await store.close()


async def test_two_instances_claiming_at_once_get_one_win(backend: Backend) -> None:
    first, second = await backend.open(), await backend.open()
    try:
        for update_id in range(1, 21):
            results = await asyncio.gather(
                first.updates.take(update_id, "{}", now=1000), second.updates.take(update_id, "{}", now=1000)
            )
            assert sorted(results) == [False, True]
    finally:
        await first.close()
        await second.close()


async def test_ids_older_than_a_day_are_forgotten(backend: Backend) -> None:
    store = await backend.open()
    try:
        await store.updates.take(1, "{}", now=1000)
        await store.updates.take(2, "{}", now=1000 + KEEP_SECONDS)
        assert await store.updates.prune(now=1001 + KEEP_SECONDS) == 1
        assert await store.updates.take(1, "{}", now=1002 + KEEP_SECONDS) is True  # forgotten
        assert await store.updates.take(2, "{}", now=1002 + KEEP_SECONDS) is False  # still within the day

        # Taking prunes by itself now and then, so the table does not grow without end.
        now = 10 * KEEP_SECONDS
        for update_id in range(1000, 1000 + PRUNE_EVERY):
            await store.updates.take(update_id, "{}", now=now)
        rows = await store.db.fetchall("SELECT update_id FROM processed_updates WHERE update_id < 1000")
        assert rows == []
    finally:
        await store.close()


async def test_the_inbox_keeps_updates_until_done(backend: Backend) -> None:
    store = await backend.open()
    try:
        await store.updates.keep([(2**40 + 2, '{"b": 2}'), (2**40 + 1, '{"b": 1}')], now=1000)
        await store.updates.keep([(2**40 + 1, '{"again": true}')], now=1001)  # a batch taken twice is kept once
        assert await store.updates.waiting() == [(2**40 + 1, '{"b": 1}', None), (2**40 + 2, '{"b": 2}', None)]
        await store.updates.done([2**40 + 1, 999])  # 999 was not kept: nothing happens to it
        await store.updates.done([])
        assert await store.updates.waiting() == [(2**40 + 2, '{"b": 2}', None)]
    finally:
        await store.close()


async def test_batches_of_every_size_are_kept_and_dropped_exactly_in_few_statement_shapes(backend: Backend) -> None:
    store = await backend.open()
    seen: set[str] = set()
    write = store.db.write

    async def traced(sql: str, params: object = ()) -> int:
        seen.add(sql)
        return await write(sql, params)  # type: ignore[arg-type]

    store.db.write = traced  # type: ignore[method-assign]
    try:
        next_id = 1
        for size in range(1, 101):
            batch = [(update_id, f'{{"u": {update_id}}}') for update_id in range(next_id, next_id + size)]
            next_id += size
            await store.updates.keep(batch, now=1000)
        assert [kept[0] for kept in await store.updates.waiting()] == list(range(1, next_id))
        dropped = set()
        start = 1
        for size in range(1, 60):
            ids = list(range(start, start + size))
            start += size
            await store.updates.done(ids)
            dropped.update(ids)
        left = [kept[0] for kept in await store.updates.waiting()]
        assert left == [update_id for update_id in range(1, next_id) if update_id not in dropped]
        # 100 batch sizes kept, 59 dropped: each a power of two in length, so a few SQL texts in all
        # (each distinct text is another prepared statement for sqlite3 to keep).
        assert len([sql for sql in seen if sql.startswith("INSERT INTO inbox")]) == 8
        assert len([sql for sql in seen if sql.startswith("DELETE FROM inbox")]) == 7
    finally:
        await store.close()


async def test_webhook_updates_are_claimed_and_kept_in_one_step_and_handed_on_only_from_the_gone(
    backend: Backend,
) -> None:
    first, second = await backend.open(), await backend.open()
    try:
        first.db.owner, second.db.owner = "inst-a", "inst-b"
        assert await first.updates.take(70, '{"update_id": 70}', now=1000) is True
        assert await second.updates.take(70, '{"update_id": 70}', now=1001) is False  # a repeat: not kept again
        assert await second.updates.take(71, '{"update_id": 71}', now=1002) is True
        claimed = await first.db.fetchall("SELECT update_id FROM processed_updates ORDER BY update_id")
        assert [row["update_id"] for row in claimed] == [70, 71]
        # While both live, neither hands on the other's updates.
        assert await first.updates.waiting({"inst-a", "inst-b"}) == []
        # inst-a is gone: its update is waiting for inst-b, which adopts it, once.
        assert await second.updates.waiting({"inst-b"}) == [(70, '{"update_id": 70}', "inst-a")]
        assert await second.updates.adopt(70, "inst-a", "inst-b") is True
        assert await first.updates.adopt(70, "inst-a", "inst-c") is False
        assert await second.updates.waiting({"inst-b"}) == []
        # Updates kept before owners were recorded are anyone's to adopt.
        await first.db.write("INSERT INTO inbox (update_id, body, received_at) VALUES (72, '{}', 5)")
        assert await second.updates.adopt(72, None, "inst-b") is True
        assert await second.updates.adopt(72, None, "inst-c") is False
    finally:
        await first.close()
        await second.close()
