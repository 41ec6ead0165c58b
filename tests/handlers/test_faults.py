"""Telegram's faults on the way out: flood waits, 5xx, dropped connections, deleted comments,
and a database busy with another writer."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.domain.models import ReplyStatus
from bot.fake_api import Fault
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, Harness

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
IMPULSIVE = "Да вы задолбали!!! Худшая кофейня в городе, бесите"


async def _send(h: Harness) -> int:
    alert = h.alerts_to(ANNA["id"])[0]
    await h.press(ANNA, alert, h.button(alert, "case:send:"))
    return (await h.storage.cases.list_for_chat(GROUP))[0].id


async def test_an_alert_that_fails_for_one_admin_still_reaches_and_is_kept_for_the_others(ready: Harness) -> None:
    # The copies go out together and are noted together: the one that went out must be noted
    # (later changes edit it), the one that failed must not.
    ready.fake.faults.append(Fault("sendMessage", 400, "Bad Request: chat not found", chat_id=ANNA["id"]))
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    assert ready.alerts_to(ANNA["id"]) == [] and len(ready.alerts_to(BORIS["id"])) == 1
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert [alert.chat_id for alert in await ready.storage.cases.alerts(case.id)] == [BORIS["id"]]


async def test_connection_dropped_after_posting_is_never_resent_silently(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, drop="after"))
    case_id = await _send(ready)
    assert len(ready.in_group()) == 1  # it did reach the chat
    reply = await ready.storage.replies.latest_for_case(case_id)
    assert reply is not None and reply.status is ReplyStatus.UNCERTAIN
    alert = ready.alerts_to(BORIS["id"])[0]
    assert "проверьте, есть ли ответ в чате" in alert["text"]
    await ready.press(BORIS, alert, ready.button(alert, "case:confirm:"))
    assert (await ready.storage.replies.latest_for_case(case_id)).status is ReplyStatus.SENT  # type: ignore[union-attr]
    assert len(ready.in_group()) == 1


async def test_connection_dropped_before_posting_can_be_resent_by_an_admin(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, drop="before"))
    await _send(ready)
    assert ready.in_group() == [] and len(ready.posted_in_group()) == 1
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:resend:"))
    assert len(ready.posted_in_group()) == 2 and len(ready.in_group()) == 1


async def test_server_errors_are_retried_and_the_reply_posted_once(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.fake.faults.append(Fault("sendMessage", 500, "Internal Server Error", chat_id=GROUP, times=2))
    case_id = await _send(ready)
    assert len(ready.fake.sent("sendMessage", GROUP)) == 3
    assert (await ready.storage.replies.latest_for_case(case_id)).status is ReplyStatus.SENT  # type: ignore[union-attr]


async def test_persistent_server_errors_mark_the_reply_failed_with_a_retry(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.fake.faults.append(Fault("sendMessage", 502, "Bad Gateway", chat_id=GROUP, times=100))
    case_id = await _send(ready)
    reply = await ready.storage.replies.latest_for_case(case_id)
    assert reply is not None and reply.status is ReplyStatus.FAILED
    alert = ready.alerts_to(BORIS["id"])[0]
    assert "не удалось отправить" in alert["text"]
    ready.fake.faults.clear()
    await ready.press(BORIS, alert, ready.button(alert, "case:send:"))  # the retry button
    assert (await ready.storage.replies.latest_for_case(case_id)).status is ReplyStatus.SENT  # type: ignore[union-attr]


async def test_flood_wait_delays_the_reply_but_does_not_drop_it(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.fake.faults.append(Fault("sendMessage", 429, "Too Many Requests", retry_after=1, chat_id=GROUP, times=2))
    loop = asyncio.get_running_loop()
    start = loop.time()
    case_id = await _send(ready)
    assert loop.time() - start >= 1.9
    assert (await ready.storage.replies.latest_for_case(case_id)).status is ReplyStatus.SENT  # type: ignore[union-attr]
    assert len(ready.posted_in_group()) == 3 and len(ready.in_group()) == 1  # two refused, one posted


async def test_alert_survives_a_server_error(ready: Harness) -> None:
    ready.fake.faults.append(Fault("sendMessage", 500, "Internal Server Error", chat_id=ANNA["id"]))
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    assert len(ready.alerts_to(ANNA["id"])) == 1


async def test_deleted_comment_cancels_the_scheduled_reply_and_tells_admins(ready: Harness) -> None:
    comment = ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    ready.fake.gone.add((GROUP, comment["message_id"]))
    ready.clock.advance(7200)
    await ready.services.sender.send_due()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    reply = await ready.storage.replies.latest_for_case(case.id)
    assert reply is not None and reply.status is ReplyStatus.FAILED and reply.error == "comment deleted"
    assert "удалён автором" in ready.alerts_to(ANNA["id"])[0]["text"]
    await ready.services.sender.send_due()
    assert len(ready.fake.sent("sendMessage", GROUP)) == 1  # tried once, never again


async def test_busy_database_waits_for_the_other_writer(ready: Harness) -> None:
    if ready.storage.db.dialect != "sqlite":
        pytest.skip("SQLite's write lock; PostgreSQL locks rows, not the database")
    path = ready.settings.database_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    feeding = asyncio.create_task(ready.feed())
    await asyncio.sleep(1.0)
    assert not feeding.done()  # waiting on the lock, not failing
    other.execute("COMMIT")
    other.close()
    await asyncio.wait_for(feeding, 10)
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_flood_storm_on_an_admin_delays_alerts_and_loses_none(ready: Harness) -> None:
    ready.fake.faults.append(Fault("sendMessage", 429, "Too Many Requests", retry_after=1, chat_id=ANNA["id"], times=3))
    texts = [
        CONSTRUCTIVE,
        "Третий день нет интернета по договору 5521, поддержка не отвечает",
        "Списали 990 рублей дважды за одну подписку, верните лишнее",
    ]
    for index, text in enumerate(texts):
        ready.fake.comment(GROUP, {**DMITRY, "id": 2100 + index}, text)
    await ready.feed()
    assert len(ready.alerts_to(ANNA["id"])) == 3  # all arrived, after the storm
    assert len(ready.alerts_to(BORIS["id"])) == 3
    tries = [c for c in ready.fake.sent("sendMessage", ANNA["id"]) if c.params.get("reply_markup")]
    assert len(tries) == 3 + 3  # three refusals, three deliveries
