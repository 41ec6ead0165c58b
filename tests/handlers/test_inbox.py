"""The inbox: updates kept until handled, what a stopped run left is handled at start, and an update
whose handling failed is kept and tried again, then parked as dead, never dropped."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import TelegramObject, Update

from bot.telegram.inbox import RETRY_DELAYS, Inbox
from storage import Storage
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, VERA, Harness

COMPLAINT = "Заказ 5531 не доставили, курьер не звонил, деньги списали 3 дня назад. Верните деньги!"


async def test_an_update_is_dropped_from_the_inbox_once_handled(ready: Harness) -> None:
    inbox = Inbox(ready.storage, ready.clock)
    ready.fake.comment(GROUP, DMITRY, COMPLAINT)
    (raw,) = ready.fake.drain()
    await inbox.keep([raw])
    assert [update_id for update_id, _, _ in await ready.storage.updates.waiting()] == [raw["update_id"]]
    await ready.dp.feed_update(ready.bot, Update.model_validate(raw, context={"bot": ready.bot}))
    kept = ready.dp["inbox"]
    assert isinstance(kept, Inbox)
    await kept.settle()  # dropped a moment later, with the others that finish together
    assert await ready.storage.updates.waiting() == []
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_start_up_handles_what_the_last_run_took_and_did_not_finish(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, COMPLAINT)
    (raw,) = ready.fake.drain()
    # As the session keeps a batch, and the process then dies before handling it.
    await ready.storage.updates.keep([(raw["update_id"], json.dumps(raw, ensure_ascii=False))], now=0)
    assert await ready.storage.cases.list_for_chat(GROUP) == []
    inbox = ready.dp["inbox"]  # the dispatcher's own, as at start-up
    handled = await inbox.replay(ready.bot, ready.dp)
    assert handled == 1
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1
    assert await ready.storage.updates.waiting() == []
    # A second start finds nothing left: the comment is not handled twice.
    assert await inbox.replay(ready.bot, ready.dp) == 0
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_a_kept_body_that_no_longer_reads_as_an_update_is_parked_not_dropped(ready: Harness) -> None:
    await ready.storage.updates.keep([(77, '{"update_id": "not a number"}')], now=0)
    assert await ready.dp["inbox"].replay(ready.bot, ready.dp) == 0
    assert await ready.storage.updates.waiting() == []
    [dead] = await ready.storage.updates.dead()
    assert dead.update_id == 77 and dead.error is not None and dead.error.startswith("unreadable")


async def test_handled_updates_dropped_after_the_database_closed_are_only_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    inbox = Inbox(storage, lambda: 0.0)
    await storage.updates.keep([(5, "{}")], now=0)

    async def handler(event: TelegramObject, data: dict[str, Any]) -> str:
        return "handled"

    assert await inbox(handler, Update(update_id=5), {}) == "handled"
    await storage.close()  # before the drop a moment later
    await inbox.settle()
    assert "Could not drop 1 handled updates" in caplog.text
    reopened = await Storage.open(tmp_path / "bot.sqlite3")
    try:
        assert [update_id for update_id, _, _ in await reopened.updates.waiting()] == [5]  # handled again at start
    finally:
        await reopened.close()


async def test_only_the_updates_of_instances_that_are_gone_are_handled_by_another(ready: Harness) -> None:
    raws = []
    for text in (COMPLAINT, "Второй день нет ответа по возврату 4410, деньги так и не вернули!"):
        ready.fake.comment(GROUP, DMITRY, text)
        raws += ready.fake.drain()
    me = ready.storage.db.owner
    for owner, raw in zip(("gone", "busy"), raws, strict=True):
        ready.storage.db.owner = owner  # as that instance keeps what it takes
        await ready.storage.updates.keep([(raw["update_id"], json.dumps(raw, ensure_ascii=False))], now=0)
    ready.storage.db.owner = me
    inbox = ready.dp["inbox"]
    # "busy" is still at work on its update; "gone" is not.
    assert await inbox.replay(ready.bot, ready.dp, {me, "busy"}) == 1
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert [case.message_id for case in cases] == [raws[0]["message"]["message_id"]]
    assert [(update_id, owner) for update_id, _, owner in await ready.storage.updates.waiting()] == [
        (raws[1]["update_id"], "busy")
    ]


async def test_a_webhook_update_is_taken_once_and_a_body_without_an_id_is_not_taken(
    ready: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.telegram.inbox")
    inbox = ready.dp["inbox"]
    ready.fake.comment(GROUP, DMITRY, COMPLAINT)
    (raw,) = ready.fake.drain()
    assert await inbox.take(raw) is True
    assert await inbox.take(raw) is False
    assert "delivered again" in caplog.text
    assert [update_id for update_id, _, _ in await ready.storage.updates.waiting()] == [raw["update_id"]]
    for bad in ({}, {"update_id": "7"}, {"update_id": True}, [1, 2], "text"):
        assert await inbox.take(bad) is False  # type: ignore[arg-type]
    assert len(await ready.storage.updates.waiting()) == 1


# Updates whose handling failed ------------------------------------------------------------------


def _fail_opening(ready: Harness, monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """Opening a case fails ``times`` times, as with a SQLite write lock held beyond the wait (a
    backup, copy-db, a shell) or a damaged page; returns the count of tries, growing."""
    tries = [0]
    real_open = ready.storage.cases.open

    async def flaky_open(*args: Any, **kwargs: Any) -> Any:
        tries[0] += 1
        if tries[0] <= times:
            raise sqlite3.OperationalError("database is locked")
        return await real_open(*args, **kwargs)

    monkeypatch.setattr(ready.storage.cases, "open", flaky_open)
    return tries


async def _kept_comment(ready: Harness) -> dict[str, Any]:
    """A complaint, kept as polling keeps it, then handled by the dispatcher."""
    ready.fake.comment(GROUP, DMITRY, COMPLAINT)
    (raw,) = ready.fake.drain()
    inbox = ready.dp["inbox"]
    await inbox.keep([raw])
    await ready.dp.feed_raw_update(ready.bot, raw)
    await inbox.settle()
    return raw


async def test_an_update_that_failed_is_kept_and_tried_again_until_it_is_handled(
    ready: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    tries = _fail_opening(ready, monkeypatch, times=2)
    raw = await _kept_comment(ready)
    [kept] = await ready.storage.updates.left_behind()
    assert kept.update_id == raw["update_id"] and kept.attempts == 1 and "database is locked" in (kept.error or "")
    assert kept.next_try_at == int(ready.clock.now) + RETRY_DELAYS[0]
    assert await ready.storage.cases.list_for_chat(GROUP) == []
    assert "failed (try 1 of 6) and is kept; next try in 5 s" in caplog.text
    inbox = ready.dp["inbox"]
    assert await inbox.retry_due(ready.bot, ready.dp) == 0  # not due yet
    ready.clock.advance(RETRY_DELAYS[0])
    assert await inbox.retry_due(ready.bot, ready.dp) == 1  # fails again: 30 s now
    [kept] = await ready.storage.updates.left_behind()
    assert kept.attempts == 2 and kept.next_try_at == int(ready.clock.now) + RETRY_DELAYS[1]
    ready.clock.advance(RETRY_DELAYS[1])
    assert await inbox.retry_due(ready.bot, ready.dp) == 1
    assert tries[0] == 3
    assert await ready.storage.updates.left_behind() == [] and await ready.storage.updates.dead() == []
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    assert case.message_id == raw["message"]["message_id"]
    assert len(ready.alerts_to(ANNA["id"])) == 1 and len(ready.alerts_to(BORIS["id"])) == 1


async def test_an_update_failing_every_try_is_parked_as_dead_told_once_and_replayed(
    ready: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _fail_opening(ready, monkeypatch, times=len(RETRY_DELAYS) + 1)
    raw = await _kept_comment(ready)
    inbox = ready.dp["inbox"]
    for delay in RETRY_DELAYS:
        ready.clock.advance(delay)
        assert await inbox.retry_due(ready.bot, ready.dp) == 1
    assert await ready.storage.updates.left_behind() == []
    [dead] = await ready.storage.updates.dead()
    assert dead.update_id == raw["update_id"] and dead.attempts == len(RETRY_DELAYS) + 1 and dead.chat_id == GROUP
    assert await ready.storage.updates.dead_count() == 1
    assert f"Update {raw['update_id']} failed 6 times and is kept as dead" in caplog.text
    ready.clock.advance(86400)
    assert await inbox.retry_due(ready.bot, ready.dp) == 0  # dead: no more tries by themselves
    # The chat's admins are told once, in a short note; Vera never pressed Start.
    before = {admin["id"]: len(ready.fake.sent("sendMessage", admin["id"])) for admin in (ANNA, BORIS, VERA)}
    assert await inbox.tell_dead() == 1
    assert await inbox.tell_dead() == 0
    for admin in (ANNA, BORIS):
        [note] = ready.fake.sent("sendMessage", admin["id"])[before[admin["id"]] :]
        assert "не удалось обработать комментариев: 1" in note.params["text"]
        assert "replay-dead" in note.params["text"]
    assert len(ready.fake.sent("sendMessage", VERA["id"])) == before[VERA["id"]]
    # `python -m bot replay-dead` puts it back; the fault is gone by then.
    [requeued] = await ready.storage.updates.requeue_dead(now=int(ready.clock.now))
    assert requeued.update_id == raw["update_id"]
    assert await inbox.retry_due(ready.bot, ready.dp) == 1
    assert await ready.storage.updates.dead_count() == 0 and await ready.storage.updates.left_behind() == []
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_a_failure_the_database_will_not_take_is_tried_again_from_memory(
    ready: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _fail_opening(ready, monkeypatch, times=1)

    async def unwritable(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.DatabaseError("database disk image is malformed")

    real_fail = ready.storage.updates.fail
    monkeypatch.setattr(ready.storage.updates, "fail", unwritable)
    raw = await _kept_comment(ready)
    assert "the database would not record it (database disk image is malformed); trying again in 5 s" in caplog.text
    monkeypatch.setattr(ready.storage.updates, "fail", real_fail)
    ready.clock.advance(RETRY_DELAYS[0])
    assert await ready.dp["inbox"].retry_due(ready.bot, ready.dp) == 1
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    assert case.message_id == raw["message"]["message_id"]
    assert await ready.storage.updates.waiting() == []


async def test_an_update_cut_short_by_a_stop_stays_for_the_next_start(ready: Harness) -> None:
    inbox = ready.dp["inbox"]
    await ready.storage.updates.keep([(5, "{}")], now=0)

    async def cancelled(event: TelegramObject, data: dict[str, Any]) -> str:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await inbox(cancelled, Update(update_id=5), {})
    await inbox.settle()
    assert [update_id for update_id, _, _ in await ready.storage.updates.waiting()] == [5]
    assert (await ready.storage.updates.left_behind())[0].attempts == 0
