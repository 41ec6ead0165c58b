"""The inbox: updates kept until handled, and what a stopped run left is handled at start."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import TelegramObject, Update

from bot.telegram.inbox import Inbox
from storage import Storage
from tests.conftest import DMITRY, GROUP, Harness

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


async def test_a_kept_body_that_no_longer_reads_as_an_update_is_dropped(ready: Harness) -> None:
    await ready.storage.updates.keep([(77, '{"update_id": "not a number"}')], now=0)
    assert await ready.dp["inbox"].replay(ready.bot, ready.dp) == 0
    assert await ready.storage.updates.waiting() == []


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
