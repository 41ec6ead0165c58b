"""The polling inbox: updates kept until handled, and what a stopped run left is handled at start."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import TelegramObject, Update

from bot.inbox import Inbox
from storage import Storage
from tests.conftest import DMITRY, GROUP, Harness

COMPLAINT = "Заказ 5531 не доставили, курьер не звонил, деньги списали 3 дня назад. Верните деньги!"


async def test_an_update_is_dropped_from_the_inbox_once_handled(ready: Harness) -> None:
    inbox = Inbox(ready.storage, ready.clock)
    ready.fake.comment(GROUP, DMITRY, COMPLAINT)
    (raw,) = ready.fake.drain()
    await inbox.keep([raw])
    assert [update_id for update_id, _ in await ready.storage.updates.waiting()] == [raw["update_id"]]
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
        assert [update_id for update_id, _ in await reopened.updates.waiting()] == [5]  # handled again at start
    finally:
        await reopened.close()
