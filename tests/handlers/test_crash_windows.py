"""The gaps between two durable steps, one at a time: the step after the gap fails once (a lock, an
unreadable answer), and the update tried again, or the next press, must finish the work exactly once.
Each test names its window; docs/operations.md lists them with what happens after a crash there."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.domain.models import ReplyStatus
from bot.fake_api.core import user
from bot.telegram.inbox import RETRY_DELAYS
from bot.telegram.notifier import OWN_GRACE
from tests.conftest import ANNA, BORIS, GROUP, Harness
from tests.handlers.test_incidents import OUTAGE, PEOPLE, incident_cards

VENTING = "Да вы задолбали!!! Худшая кофейня в городе, бесите, не ходите сюда никогда, ненавижу"
ANGRY_PAYER = "Да пошли вы со своей оплатой и проблемами, бесите!!!"


def fail_once(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, *, after: int = 0) -> list[int]:
    """``owner.name`` raises "database is locked" on its call number ``after + 1``, then works."""
    real: Callable[..., Awaitable[Any]] = getattr(owner, name)
    calls = [0]

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == after + 1:
            raise sqlite3.OperationalError("database is locked")
        return await real(*args, **kwargs)

    monkeypatch.setattr(owner, name, flaky)
    return calls


async def kept_feed(h: Harness) -> None:
    """The waiting updates as the running bot takes them: kept in the inbox first, then handled."""
    inbox = h.dp["inbox"]
    for raw in h.fake.drain():
        await inbox.keep([raw])
        await h.dp.feed_raw_update(h.bot, raw)
    await settle(h)


async def settle(h: Harness) -> None:
    await h.dp["inbox"].settle()
    await h.services.notifier.settle()
    await h.services.incident_cards.settle()


async def retry(h: Harness) -> None:
    """The inbox's next try of the update that failed."""
    h.clock.advance(RETRY_DELAYS[0])
    assert await h.dp["inbox"].retry_due(h.bot, h.dp) == 1
    await settle(h)
    assert await h.storage.updates.left_behind() == []


# The comment path ----------------------------------------------------------------------------------


async def _wave_of_two(h: Harness) -> None:
    """Two copies of one text: the first looks like venting (its reply is scheduled), the second
    reveals the wave."""
    for index in range(2):
        h.fake.comment(GROUP, user(3100 + index, f"Аккаунт{index}"), VENTING)
        h.clock.advance(20)
        await kept_feed(h)


async def _assert_one_wave_without_replies(h: Harness) -> None:
    first, second = await h.storage.cases.list_for_chat(GROUP)
    assert first.wave_id is not None and first.wave_id == second.wave_id
    assert first.label.value == "directed"
    reply = await h.storage.replies.latest_for_case(first.id)
    assert reply is not None and reply.status is ReplyStatus.CANCELLED
    assert await h.storage.replies.latest_for_case(second.id) is None
    # One card for the wave (the first copy's, grown), none for the second copy: not now, nor
    # from the sweep for copies owed once its grace is over.
    h.clock.advance(OWN_GRACE + 60)
    assert await h.services.notifier.send_owed(int(h.clock.now) - 86400, (), h.storage.db.owner) == 0
    [card] = h.alerts_to(ANNA["id"])
    assert "Волна: 2 сообщения" in h.fake.messages[(ANNA["id"], card["message_id"])]["text"]


async def test_window_case_opened_before_the_earlier_copies_join_its_wave(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, ready.storage.cases, "tag_wave")
    await _wave_of_two(ready)
    first = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert first.wave_id is None  # the window: the wave's case is open, its first copy not in it
    await retry(ready)
    await _assert_one_wave_without_replies(ready)


async def test_window_earlier_copies_joined_the_wave_before_their_replies_were_cancelled(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, ready.storage.replies, "cancel_pending")
    await _wave_of_two(ready)
    first = (await ready.storage.cases.list_for_chat(GROUP))[0]
    reply = await ready.storage.replies.latest_for_case(first.id)
    assert first.wave_id is not None and reply is not None and reply.status is ReplyStatus.PENDING  # the window
    await retry(ready)
    await _assert_one_wave_without_replies(ready)


async def _surge(h: Harness) -> None:
    """Three payers in a minute: the third opens an incident; the second vented (a reply waiting)."""
    for index, text in enumerate([OUTAGE[0], ANGRY_PAYER, OUTAGE[1]]):
        h.fake.comment(GROUP, PEOPLE[index], text)
        h.clock.advance(10)
        await kept_feed(h)


async def _assert_incident_in_full(h: Harness) -> None:
    [row] = await h.storage.db.fetchall("SELECT id FROM incidents")
    for admin in (ANNA, BORIS):
        assert len(incident_cards(h, admin)) == 1
    members = await h.storage.incidents.members(row["id"])
    assert len(members) == 3
    venting = next(case for case in members if case.text == ANGRY_PAYER)
    reply = await h.storage.replies.latest_for_case(venting.id)
    assert reply is not None and reply.status is ReplyStatus.CANCELLED  # it waits for the statement


async def test_window_incident_opened_before_its_cards_went_out(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, ready.services.incident_cards, "send_new")
    await _surge(ready)
    assert incident_cards(ready, ANNA) == []  # the window: an incident nobody was shown
    await retry(ready)
    await _assert_incident_in_full(ready)


async def test_window_incident_cards_out_before_the_members_replies_were_held(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, ready.storage.replies, "cancel_pending")
    await _surge(ready)
    venting = (await ready.storage.cases.list_for_chat(GROUP))[1]
    reply = await ready.storage.replies.latest_for_case(venting.id)
    assert reply is not None and reply.status is ReplyStatus.PENDING  # the window
    await retry(ready)
    await _assert_incident_in_full(ready)
