"""The gaps between two durable steps, one at a time: the step after the gap fails once (a lock, an
unreadable answer), and the update tried again, or the next press, must finish the work exactly once.
Each test names its window; docs/operations.md lists them with what happens after a crash there."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.domain.models import CaseStatus, ReplyStatus
from bot.fake_api import Fault
from bot.fake_api.core import user
from bot.telegram.inbox import RETRY_DELAYS
from bot.telegram.notifier import OWN_GRACE
from tests.conftest import ANNA, BORIS, GROUP, Harness, another_instance, storm_ready
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
    if h.services.notifier.digest is not None:
        await h.services.notifier.digest.settle()


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


async def test_window_case_opened_before_its_reply_was_scheduled(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, ready.storage.replies, "schedule")
    ready.fake.comment(GROUP, user(3200, "Автор"), VENTING)
    await kept_feed(ready)
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    assert await ready.storage.replies.latest_for_case(case.id) is None  # the window: a case, no reply
    await retry(ready)
    reply = await ready.storage.replies.latest_for_case(case.id)
    assert reply is not None and reply.status is ReplyStatus.PENDING
    # Due the chat's delay after the comment came, not after the retry.
    assert reply.due_at == case.created_at + 2 * 3600
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_a_retry_schedules_no_reply_once_an_admin_has_dealt_with_the_case(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, ready.storage.replies, "schedule")
    ready.fake.comment(GROUP, user(3200, "Автор"), VENTING)
    await kept_feed(ready)
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    await ready.storage.cases.set_status(case.id, CaseStatus.IGNORED, actor_id=ANNA["id"], now=int(ready.clock.now))
    await retry(ready)
    assert await ready.storage.replies.latest_for_case(case.id) is None


async def test_window_case_opened_before_the_earlier_copies_join_its_wave(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, ready.storage.cases, "tag_wave")
    await _wave_of_two(ready)
    first = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert first.wave_id is None  # the window: the wave's case is open, its first copy not in it
    await retry(ready)
    await _assert_one_wave_without_replies(ready)


async def test_window_a_case_alerted_on_its_own_while_a_later_copy_tags_it_into_a_wave(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first copy, in no wave yet, is being alerted on its own when the second copy (on another
    instance, or the next update here) reveals the wave: the wave still gets one card, the first's."""
    notifier = ready.services.notifier
    real_send_new = notifier.send_new
    during: list[int] = []

    async def send_new(case: Any) -> int:
        if not during:
            during.append(case.id)
            ready.fake.comment(GROUP, user(3101, "Аккаунт1"), VENTING)
            ready.clock.advance(20)
            for raw in ready.fake.drain():
                await ready.dp["inbox"].keep([raw])
                await ready.dp.feed_raw_update(ready.bot, raw)
        return await real_send_new(case)

    monkeypatch.setattr(notifier, "send_new", send_new)
    ready.fake.comment(GROUP, user(3100, "Аккаунт0"), VENTING)
    await kept_feed(ready)
    first, _second = await ready.storage.cases.list_for_chat(GROUP)
    assert during == [first.id]  # the window: the second copy came while the first's card went out
    await _assert_one_wave_without_replies(ready)


@pytest.mark.parametrize(
    ("step", "after"),
    [("open", 1), ("tag_wave", 0)],
    ids=["before-its-case-opened", "before-the-earlier-copy-joined"],
)
async def test_a_copy_revealing_a_wave_whose_try_died_finds_the_wave_again_at_the_next_start(
    ready: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, after: int
) -> None:
    fail_once(monkeypatch, ready.storage.cases, step, after=after)
    await _wave_of_two(ready)
    first = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert first.wave_id is None  # the window: the first copy is no part of a wave yet
    # A kill -9 there, without Redis: the next start has nothing of the chat in memory, and tries
    # the update again.
    async with another_instance(ready, tmp_path) as restarted:
        await retry(restarted)
        await _assert_one_wave_without_replies(restarted)
        # A later copy joins that very wave: its card grows, no second alert.
        restarted.fake.comment(GROUP, user(3102, "Аккаунт2"), VENTING)
        restarted.clock.advance(20)
        await kept_feed(restarted)
        cases = await restarted.storage.cases.list_for_chat(GROUP)
        assert len(cases) == 3 and len({case.wave_id for case in cases}) == 1
        [card] = restarted.alerts_to(ANNA["id"])
        assert "Волна: 3 сообщения" in restarted.fake.messages[(ANNA["id"], card["message_id"])]["text"]


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


async def test_a_copy_tried_again_leaves_the_reply_an_admin_scheduled_on_the_wave(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _wave_of_two(ready)
    [card] = ready.alerts_to(ANNA["id"])
    lead = (await ready.storage.cases.list_for_chat(GROUP))[0]
    await ready.press(ANNA, card, ready.button(card, "case:later:"))
    scheduled = await ready.storage.replies.live_for_case(lead.id)
    assert scheduled is not None and scheduled.status is ReplyStatus.PENDING
    # A third copy whose first try dies after its case opened.
    fail_once(monkeypatch, ready.storage.replies, "pending_for_author")
    ready.fake.comment(GROUP, user(3102, "Аккаунт2"), VENTING)
    ready.clock.advance(20)
    await kept_feed(ready)
    await retry(ready)
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 3
    assert await ready.storage.replies.live_for_case(lead.id) == scheduled  # the admin's, kept


async def _surge(h: Harness, *, before_third: Callable[[], None] = lambda: None) -> None:
    """Three payers in a minute: the third opens an incident; the second vented (a reply waiting)."""
    for index, text in enumerate([OUTAGE[0], ANGRY_PAYER, OUTAGE[1]]):
        if index == 2:
            before_third()
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


async def test_an_incident_card_that_failed_for_one_admin_follows_in_the_sweep_once(ready: Harness) -> None:
    # Boris's card fails every try of the outgoing path (a crash between the two cards leaves the same).
    fault = Fault("sendMessage", 502, "Bad Gateway", chat_id=BORIS["id"], times=5)
    await _surge(ready, before_third=lambda: ready.fake.faults.append(fault))
    assert fault.times == 0
    assert len(incident_cards(ready, ANNA)) == 1 and incident_cards(ready, BORIS) == []
    registry = ready.dp["registry"]
    await registry.recover()
    assert incident_cards(ready, BORIS) == []  # its first sending may still be under way
    ready.clock.advance(120)
    await registry.recover()
    await registry.recover()
    assert len(incident_cards(ready, BORIS)) == 1 and len(incident_cards(ready, ANNA)) == 1


async def _two_instances_owing_boris_a_card(h: Harness, other: Harness) -> None:
    """Instances a and b on one database; an incident whose card to Boris failed on a (a crash
    between two admins' cards leaves the same), a minute and more ago."""
    h.storage.db.owner, other.storage.db.owner = "a", "b"
    for name in ("a", "b"):
        await h.storage.instances.register(name, "elsewhere", 1, int(h.clock.now))
    fault = Fault("sendMessage", 502, "Bad Gateway", chat_id=BORIS["id"], times=5)
    await _surge(h, before_third=lambda: h.fake.faults.append(fault))
    assert incident_cards(h, BORIS) == []
    h.clock.advance(120)


def _both_read_before_either_sends(monkeypatch: pytest.MonkeyPatch, *instances: Harness) -> None:
    """The two sweeps' worst timing: each has read the cards owed before the other sent any."""
    barrier = asyncio.Barrier(len(instances))
    for h in instances:
        real = h.storage.incidents.cards_owed

        async def read_then_wait(*args: Any, real: Any = real) -> Any:
            owed = await real(*args)
            await asyncio.wait_for(barrier.wait(), 5)
            return owed

        monkeypatch.setattr(h.storage.incidents, "cards_owed", read_then_wait)


async def test_an_owed_incident_card_is_sent_by_one_of_two_instances_sweeping_at_once(
    ready: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with another_instance(ready, tmp_path) as other:
        await _two_instances_owing_boris_a_card(ready, other)
        _both_read_before_either_sends(monkeypatch, ready, other)
        since = int(ready.clock.now) - 86400
        sweeps = [h.services.incident_cards.send_owed(since, {"a", "b"}) for h in (ready, other)]
        assert sorted(await asyncio.gather(*sweeps)) == [0, 1]
        assert len(incident_cards(ready, BORIS)) == 1 and len(incident_cards(ready, ANNA)) == 1
        # The minute sweeps after: nothing more.
        monkeypatch.undo()
        for h in (other, ready):
            assert await h.services.incident_cards.send_owed(since, {"a", "b"}) == 0
        assert len(incident_cards(ready, BORIS)) == 1


async def test_a_card_claimed_by_an_instance_that_died_before_sending_it_is_sent_by_one_other(
    ready: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with another_instance(ready, tmp_path) as other:
        await _two_instances_owing_boris_a_card(ready, other)
        [row] = await ready.storage.db.fetchall("SELECT id FROM incidents")
        # What an instance killed between its claim and the send leaves.
        assert await ready.storage.incidents.claim_card(row["id"], BORIS["id"], "dead", int(ready.clock.now))
        since = int(ready.clock.now) - 86400
        assert await ready.services.incident_cards.send_owed(since, {"a", "b", "dead"}) == 0  # still at work
        _both_read_before_either_sends(monkeypatch, ready, other)
        sweeps = [h.services.incident_cards.send_owed(since, {"a", "b"}) for h in (ready, other)]
        assert sorted(await asyncio.gather(*sweeps)) == [0, 1]
        assert len(incident_cards(ready, BORIS)) == 1


def _short_busy_wait_on_sqlite(ready: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only SQLite has a database-wide write lock (PostgreSQL locks rows); the bot waits for it 30 s,
    the tests 0.2 s: the same path, sooner."""
    if ready.storage.db.dialect != "sqlite":
        pytest.skip("SQLite's write lock; PostgreSQL locks rows, not the database")
    from storage.database import _SqliteQueries

    monkeypatch.setattr(_SqliteQueries, "BUSY_WAIT", 0.2)


async def test_a_write_lock_held_past_the_busy_wait_delays_a_comment_and_loses_nothing(
    ready: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _short_busy_wait_on_sqlite(ready, monkeypatch)
    path = ready.settings.database_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    ready.fake.comment(GROUP, PEOPLE[0], VENTING)
    [raw] = ready.fake.drain()
    inbox = ready.dp["inbox"]
    await inbox.keep([raw])
    other.execute("BEGIN IMMEDIATE")  # a backup tool or a shell, for longer than the bot waits
    try:
        await ready.dp.feed_raw_update(ready.bot, raw)
        await settle(ready)
        ready.clock.advance(RETRY_DELAYS[0])
        await inbox.retry_due(ready.bot, ready.dp)  # still locked: fails again, kept
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert await ready.storage.cases.list_for_chat(GROUP) == []
    for delay in RETRY_DELAYS[:2]:
        ready.clock.advance(delay)
        await inbox.retry_due(ready.bot, ready.dp)
    await settle(ready)
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    reply = await ready.storage.replies.latest_for_case(case.id)
    assert reply is not None and reply.status is ReplyStatus.PENDING
    assert len(ready.alerts_to(ANNA["id"])) == 1 and len(ready.alerts_to(BORIS["id"])) == 1
    assert await ready.storage.updates.waiting() == [] and await ready.storage.updates.dead() == []
    # Each failed try said so in a line or two, without a traceback (an operator's bad day, not a bug).
    failed = [r for r in caplog.records if "database is locked" in r.getMessage()]
    assert failed and all(r.exc_info is None and "\n" not in r.getMessage() for r in failed)


async def test_a_write_lock_held_past_the_busy_wait_during_the_minute_sweep_is_one_line_and_tried_again(
    ready: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _short_busy_wait_on_sqlite(ready, monkeypatch)
    # A copy of an alert owed to Boris: his send failed every try.
    ready.fake.faults.append(Fault("sendMessage", 502, "Bad Gateway", chat_id=BORIS["id"], times=5))
    ready.fake.comment(GROUP, PEOPLE[0], OUTAGE[0])
    await kept_feed(ready)
    assert ready.alerts_to(BORIS["id"]) == []
    ready.clock.advance(OWN_GRACE + 60)
    registry = ready.dp["registry"]
    other = sqlite3.connect(ready.settings.database_url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a backup tool or a shell, for longer than the bot waits
    try:
        caplog.clear()
        assert await registry.check_in(sweep=True) is False
    finally:
        other.execute("ROLLBACK")
        other.close()
    [line] = [r for r in caplog.records if r.name == "bot.cluster.instances"]
    assert line.levelname == "WARNING" and line.exc_info is None  # one line, no traceback
    assert "database is locked" in line.getMessage()
    assert ready.alerts_to(BORIS["id"]) == []
    assert await registry.check_in(sweep=True) is True  # the next check-in, the lock gone
    assert len(ready.alerts_to(BORIS["id"])) == 1


@pytest.mark.parametrize("step", ["fold", "add"])
async def test_window_digest_card_sent_before_it_was_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    async with storm_ready(tmp_path) as h:
        storm = [
            VENTING,
            OUTAGE[0],
            "Заказ №5512 потеряли, никто не отвечает третий день",
            "Официант нагрубил и принёс не тот заказ",
        ]
        for i, text in enumerate(storm):
            if i == 2:  # the third alert in a minute starts Anna's digest card; its record is refused
                fail_once(monkeypatch, h.storage.digests, step)
            h.fake.comment(GROUP, PEOPLE[i], text)
            h.clock.advance(1)
            await kept_feed(h)
            if i == 2:
                await retry(h)
        # The card sent by the try that died is the one the next alert is gathered on: not a second.
        [card] = [m for m in h.alerts_to(ANNA["id"]) if "pick:cases:" in str(m["reply_markup"])]
        last = (await h.storage.cases.list_for_chat(GROUP))[-1]
        [row] = await h.storage.db.fetchall(
            "SELECT message_id FROM alerts WHERE case_id = ? AND chat_id = ?", (last.id, ANNA["id"])
        )
        assert row["message_id"] == card["message_id"]
        # The alert of the comment whose try died is owed (a case tried again is alerted by the
        # sweep): every admin has every alert, once, none lost.
        h.clock.advance(OWN_GRACE + 60)
        await h.dp["registry"].recover()
        for case in await h.storage.cases.list_for_chat(GROUP):
            for admin in (ANNA, BORIS):
                rows = await h.storage.db.fetchall(
                    "SELECT 1 FROM alerts WHERE case_id = ? AND chat_id = ?", (case.id, admin["id"])
                )
                assert len(rows) == 1, (case.id, admin["first_name"])
        assert len([m for m in h.alerts_to(ANNA["id"]) if "pick:cases:" in str(m["reply_markup"])]) == 1


# Incident buttons -----------------------------------------------------------------------------------


async def _incident_with_draft(h: Harness) -> tuple[dict[str, Any], dict[str, Any]]:
    """An incident, its card, and its statement's draft; an angry payer's reply held for it."""
    await _surge(h)
    card = incident_cards(h, ANNA)[-1]
    await h.press(ANNA, card, h.button(card, "inc:statement:"))
    return card, h.alerts_to(ANNA["id"])[-1]


async def kept_press(h: Harness, presser: dict[str, Any], message: dict[str, Any], data: str) -> None:
    h.fake.press(presser, message, data)
    await kept_feed(h)


def statements(h: Harness, draft_text: str) -> list[dict[str, Any]]:
    return [m for m in h.in_group() if m["text"] and m["text"] in draft_text]


async def _held_reply_points_to_the_statement(h: Harness) -> None:
    [row] = await h.storage.db.fetchall("SELECT statement_message_id FROM incidents")
    venting = (await h.storage.cases.list_for_chat(GROUP))[1]
    reply = await h.storage.replies.live_for_case(venting.id)
    assert reply is not None and reply.status is ReplyStatus.PENDING
    assert reply.text.endswith(f"/{row['statement_message_id']}")


async def test_window_statement_posted_before_it_was_recorded(ready: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    _, draft = await _incident_with_draft(ready)
    fail_once(monkeypatch, ready.storage.incidents, "published")
    await kept_press(ready, BORIS, draft, ready.button(draft, "inc:publish:"))
    assert len(statements(ready, draft["text"])) == 1  # the window: out, not recorded
    await retry(ready)
    [statement] = statements(ready, draft["text"])  # recorded, not posted again
    [row] = await ready.storage.db.fetchall("SELECT statement_message_id FROM incidents")
    assert row["statement_message_id"] == statement["message_id"]
    await _held_reply_points_to_the_statement(ready)


async def test_window_statement_out_before_the_held_replies_were_scheduled(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, draft = await _incident_with_draft(ready)
    fail_once(monkeypatch, ready.services.sender, "schedule")
    await kept_press(ready, BORIS, draft, ready.button(draft, "inc:publish:"))
    # The window: the author's answer is claimed, its reply never scheduled.
    assert len(await ready.storage.db.fetchall("SELECT 1 FROM incident_answers")) == 1
    assert len(await ready.storage.db.fetchall("SELECT 1 FROM replies WHERE status = 'pending'")) == 0
    await retry(ready)
    assert len(statements(ready, draft["text"])) == 1
    await _held_reply_points_to_the_statement(ready)
    # Pressed once more, nothing is added.
    await ready.press(BORIS, draft, ready.button(draft, "inc:publish:"))
    assert len(await ready.storage.db.fetchall("SELECT 1 FROM replies WHERE status = 'pending'")) == 1


async def test_a_statement_whose_answer_is_lost_is_not_posted_again_by_itself(ready: Harness) -> None:
    _, draft = await _incident_with_draft(ready)
    ready.fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, drop="after"))
    await ready.press(ANNA, draft, ready.button(draft, "inc:publish:"))
    assert len(ready.posted_in_group()) == 1 and len(statements(ready, draft["text"])) == 1
    asked = ready.alerts_to(ANNA["id"])[-1]
    assert "Возможно, это уже опубликовано" in asked["text"]
    [row] = await ready.storage.db.fetchall("SELECT statement_message_id FROM incidents")
    assert row["statement_message_id"] is None
    # The admin looked: it is not there (say), and presses again: now it goes.
    await ready.press(ANNA, asked, ready.button(asked, "inc:publish:"))
    assert len(ready.posted_in_group()) == 2


async def test_a_statement_claimed_by_a_try_that_died_asks_before_posting(ready: Harness) -> None:
    _, draft = await _incident_with_draft(ready)
    [row] = await ready.storage.db.fetchall("SELECT id FROM incidents")
    # What a process killed while posting leaves: the claim, no message.
    assert await ready.storage.incidents.claim_statement(row["id"], int(ready.clock.now))
    await ready.press(ANNA, draft, ready.button(draft, "inc:publish:"))
    assert ready.posted_in_group() == []
    asked = ready.alerts_to(ANNA["id"])[-1]
    assert "Возможно, это уже опубликовано" in asked["text"]
    await ready.press(ANNA, asked, ready.button(asked, "inc:publish:"))
    assert len(statements(ready, draft["text"])) == 1


async def _published_and_result_draft(h: Harness) -> dict[str, Any]:
    card, draft = await _incident_with_draft(h)
    await h.press(ANNA, draft, h.button(draft, "inc:publish:"))
    card = h.fake.messages[(ANNA["id"], card["message_id"])]
    await h.press(ANNA, card, h.button(card, "inc:resolve:"))
    return h.alerts_to(ANNA["id"])[-1]


async def _members_told_once_and_closed(h: Harness) -> None:
    [row] = await h.storage.db.fetchall("SELECT id, status, result_message_id FROM incidents")
    assert row["status"] == "resolved" and row["result_message_id"] is not None
    members = await h.storage.incidents.members(row["id"])
    assert all(case.status.value == "resolved" for case in members)
    # Each author told once that it is fixed.
    notes = await h.storage.db.fetchall("SELECT case_id FROM replies WHERE kind = 'followup'")
    assert sorted(r["case_id"] for r in notes) == sorted(case.id for case in members)


async def test_window_result_posted_before_it_was_recorded(ready: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    result = await _published_and_result_draft(ready)
    before = len(ready.posted_in_group())
    fail_once(monkeypatch, ready.storage.incidents, "resolve")
    await kept_press(ready, ANNA, result, ready.button(result, "inc:done:"))
    await retry(ready)
    assert len(ready.posted_in_group()) == before + 1  # posted once
    await _members_told_once_and_closed(ready)


async def test_window_result_recorded_before_the_members_were_told_and_closed(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = await _published_and_result_draft(ready)
    before = len(ready.posted_in_group())
    fail_once(monkeypatch, ready.storage.incidents, "resolve_members")
    await kept_press(ready, ANNA, result, ready.button(result, "inc:done:"))
    [row] = await ready.storage.db.fetchall("SELECT status FROM incidents")
    assert row["status"] == "resolved"  # the window: resolved, its members still open
    await retry(ready)
    assert len(ready.posted_in_group()) == before + 1
    await _members_told_once_and_closed(ready)


async def test_a_result_whose_answer_is_lost_is_not_posted_again_by_itself(ready: Harness) -> None:
    result = await _published_and_result_draft(ready)
    before = len(ready.posted_in_group())
    ready.fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, drop="after"))
    await ready.press(ANNA, result, ready.button(result, "inc:done:"))
    assert len(ready.posted_in_group()) == before + 1
    asked = ready.alerts_to(ANNA["id"])[-1]
    assert "Возможно, это уже опубликовано" in asked["text"]
    [row] = await ready.storage.db.fetchall("SELECT status FROM incidents")
    assert row["status"] == "open"


# The scheduled-reply sender ---------------------------------------------------------------------------


async def _due_reply(h: Harness) -> int:
    """A venting comment whose reply is due now; its case's id."""
    h.fake.comment(GROUP, PEOPLE[0], VENTING)
    await kept_feed(h)
    h.clock.advance(2 * 3600 + 1)
    return (await h.storage.cases.list_for_chat(GROUP))[0].id


async def test_window_reply_posted_before_it_was_recorded(ready: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = await _due_reply(ready)
    fail_once(monkeypatch, ready.storage.replies, "mark_sent")
    with pytest.raises(sqlite3.OperationalError):
        await ready.services.sender.send_due()
    reply = await ready.storage.replies.latest_for_case(case_id)
    assert reply is not None and reply.status is ReplyStatus.SENDING  # the window: out, not recorded
    await ready.services.sender.send_due()  # the loop's next round
    reply = await ready.storage.replies.latest_for_case(case_id)
    [posted] = ready.in_group()
    assert reply is not None and reply.status is ReplyStatus.SENT and reply.sent_message_id == posted["message_id"]


async def test_a_send_that_fails_unexpectedly_after_the_claim_is_uncertain_not_stuck(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = await _due_reply(ready)

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the limiter's shared store went away")

    monkeypatch.setattr(ready.bot, "send_message", broken)
    await ready.services.sender.send_due()
    reply = await ready.storage.replies.latest_for_case(case_id)
    # It may or may not have reached Telegram: the admins are asked, it is never sent again by itself.
    assert reply is not None and reply.status is ReplyStatus.UNCERTAIN
    monkeypatch.undo()
    await ready.services.notifier.settle()
    assert "проверьте, есть ли ответ в чате" in ready.alerts_to(ANNA["id"])[0]["text"]
    ready.clock.advance(3600)
    await ready.services.sender.send_due()
    assert ready.posted_in_group() == []


# Learning from decisions ------------------------------------------------------------------------------


async def test_window_decision_kept_before_the_layer_learned_it(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    learning = ready.services.cases.learning
    assert learning is not None
    fail_once(monkeypatch, learning, "_update")
    for text in (OUTAGE[0], OUTAGE[5]):
        ready.fake.comment(GROUP, PEOPLE[len(ready.fake.messages)], text)
        ready.clock.advance(3600)  # far apart: no incident
        await ready.feed()
    first, _ = await ready.storage.cases.list_for_chat(GROUP)
    alerts = ready.alerts_to(ANNA["id"])
    await ready.press(ANNA, alerts[0], ready.button(alerts[0], "case:later:"))
    assert len(await ready.storage.learning.case_examples(first.id)) == 1
    stored = await ready.storage.learning.layer(GROUP)
    assert stored is None or stored.examples == 0  # the window: kept, not learned
    await ready.press(ANNA, alerts[1], ready.button(alerts[1], "case:later:"))
    stored = await ready.storage.learning.layer(GROUP)
    assert stored is not None and stored.examples == 2  # both decisions are in the layer


async def test_window_incident_split_before_its_cases_were_alerted(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _surge(ready)
    card = incident_cards(ready, ANNA)[-1]
    fail_once(monkeypatch, ready.services.notifier, "send_new")
    await kept_press(ready, ANNA, card, ready.button(card, "inc:split:"))
    await retry(ready)  # "already closed": the split is done, its alerts are not all out
    ready.clock.advance(OWN_GRACE)
    await ready.dp["registry"].recover()  # the minute sweep
    await settle(ready)
    for case in await ready.storage.cases.list_for_chat(GROUP):
        for admin in (ANNA, BORIS):
            rows = await ready.storage.db.fetchall(
                "SELECT 1 FROM alerts WHERE case_id = ? AND chat_id = ?", (case.id, admin["id"])
            )
            assert len(rows) == 1, (case.id, admin["id"])


async def test_window_alert_copy_sent_before_it_was_recorded(ready: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_once(monkeypatch, ready.storage.cases, "add_alert")
    ready.fake.comment(GROUP, PEOPLE[0], OUTAGE[0])
    await kept_feed(ready)
    assert len(ready.alerts_to(ANNA["id"])) == 1  # the window: out, not recorded
    await retry(ready)
    ready.clock.advance(OWN_GRACE + 60)
    await ready.dp["registry"].recover()  # the sweep that sends the copies admins lack
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    for admin in (ANNA, BORIS):
        assert len(ready.alerts_to(admin["id"])) == 1, admin["first_name"]
        assert [a.chat_id for a in await ready.storage.cases.alerts(case.id) if a.chat_id == admin["id"]] == [
            admin["id"]
        ]


async def test_window_typed_statement_taken_before_it_was_saved(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, draft = await _incident_with_draft(ready)
    await ready.press(ANNA, draft, ready.button(draft, "inc:edit:"))
    fail_once(monkeypatch, ready.storage.incidents, "set_statement")
    typed = "Сейчас не проходит оплата картой. Чиним, следующее обновление в 15:00."
    ready.fake.private_message(ANNA, typed)
    await kept_feed(ready)
    await retry(ready)
    [row] = await ready.storage.db.fetchall("SELECT statement_text FROM incidents")
    assert row["statement_text"] == typed  # what the admin typed is not lost
    preview = ready.alerts_to(ANNA["id"])[-1]
    assert "Сейчас не проходит оплата картой" in preview["text"]


# A post the bot never heard back about, that the admin finds in the chat ---------------------------


async def _statement_answer_lost(h: Harness) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The statement went out but its answer was lost: the card, the draft, and the question asked."""
    card, draft = await _incident_with_draft(h)
    h.fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, drop="after"))
    await h.press(ANNA, draft, h.button(draft, "inc:publish:"))
    asked = h.alerts_to(ANNA["id"])[-1]
    assert "Возможно, это уже опубликовано" in asked["text"]
    return card, draft, asked


async def _pending_replies(h: Harness) -> list[str]:
    rows = await h.storage.db.fetchall("SELECT text FROM replies WHERE status = 'pending' ORDER BY id")
    return [str(row["text"]) for row in rows]


async def test_a_statement_the_admin_finds_in_the_chat_is_recorded_and_followed_up_once(ready: Harness) -> None:
    card, _, asked = await _statement_answer_lost(ready)
    before = len(ready.posted_in_group())
    await ready.press(ANNA, asked, ready.button(asked, "inc:posted:"))
    assert len(ready.posted_in_group()) == before  # nothing posted again
    [row] = await ready.storage.db.fetchall("SELECT id, statement_message_id, statement_text FROM incidents")
    incident = await ready.storage.incidents.get(row["id"])
    assert incident is not None and incident.published and not incident.statement_seen
    # The held reply of the angry payer goes out as after a post, without a link the bot does not have.
    [held] = await _pending_replies(ready)
    assert "отдельным сообщением" in held and "t.me" not in held
    card = ready.fake.messages[(ANNA["id"], card["message_id"])]
    assert "отмечено админом" in card["text"]
    # Pressed again, by another admin, or "not posted" after all: nothing posted, nothing added.
    await ready.press(BORIS, asked, ready.button(asked, "inc:posted:"))
    await ready.press(ANNA, asked, ready.button(asked, "inc:publish:"))
    assert len(ready.posted_in_group()) == before
    assert await _pending_replies(ready) == [held]
    # The answers to the members can be sent: they point to the post without a link.
    await ready.press(ANNA, card, ready.button(card, "inc:answer:"))
    assert len(await _pending_replies(ready)) == 3  # one per author, the payer's held one once


async def test_a_statement_the_admin_does_not_find_is_posted_by_not_posted(ready: Harness) -> None:
    _, draft, asked = await _statement_answer_lost(ready)
    await ready.press(ANNA, asked, ready.button(asked, "inc:publish:"))
    assert len(statements(ready, draft["text"])) == 2  # the lost one (not in the chat, say) and this one
    posted = ready.posted_in_group()[-1]
    [row] = await ready.storage.db.fetchall("SELECT statement_message_id FROM incidents")
    assert row["statement_message_id"] == ready.in_group()[-1]["message_id"]
    assert posted["text"] in draft["text"]
    await _held_reply_points_to_the_statement(ready)
    # "Already posted" pressed afterwards changes nothing: the known post stays recorded.
    await ready.press(ANNA, asked, ready.button(asked, "inc:posted:"))
    [again] = await ready.storage.db.fetchall("SELECT statement_message_id FROM incidents")
    assert again["statement_message_id"] == row["statement_message_id"]
    assert len(await _pending_replies(ready)) == 1


async def _result_answer_lost(h: Harness) -> tuple[int, dict[str, Any]]:
    """The result went out but its answer was lost: the bot's posts in the group, and the question."""
    result = await _published_and_result_draft(h)
    h.fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, drop="after"))
    await h.press(ANNA, result, h.button(result, "inc:done:"))
    asked = h.alerts_to(ANNA["id"])[-1]
    assert "Возможно, это уже опубликовано" in asked["text"]
    return len(h.posted_in_group()), asked


async def test_a_result_the_admin_finds_in_the_chat_resolves_and_tells_the_members_once(ready: Harness) -> None:
    before, asked = await _result_answer_lost(ready)
    await ready.press(ANNA, asked, ready.button(asked, "inc:rposted:"))
    assert len(ready.posted_in_group()) == before
    await _members_told_once_and_closed(ready)
    notes = await ready.storage.db.fetchall("SELECT text FROM replies WHERE kind = 'followup'")
    assert all("отдельным сообщением" in row["text"] for row in notes)
    # Pressed again, or "not posted" after all: nothing posted, nobody told twice.
    await ready.press(BORIS, asked, ready.button(asked, "inc:rposted:"))
    await ready.press(ANNA, asked, ready.button(asked, "inc:done:"))
    assert len(ready.posted_in_group()) == before
    await _members_told_once_and_closed(ready)


async def test_a_result_the_admin_does_not_find_is_posted_by_not_posted(ready: Harness) -> None:
    before, asked = await _result_answer_lost(ready)
    await ready.press(ANNA, asked, ready.button(asked, "inc:done:"))
    assert len(ready.posted_in_group()) == before + 1
    await _members_told_once_and_closed(ready)
    notes = await ready.storage.db.fetchall("SELECT text FROM replies WHERE kind = 'followup'")
    assert all("t.me" in row["text"] for row in notes)
