"""Answers from Telegram that do not read: retried like a 5xx, never used to change what is stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.fake_api import Fault
from bot.fake_api.core import user
from bot.telegram.notifier import OWN_GRACE
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, Harness, storm_ready
from tests.handlers.test_crash_windows import kept_feed
from tests.handlers.test_incidents import OUTAGE, PEOPLE, incident_cards

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
IMPULSIVE = "Да вы задолбали!!! Худшая кофейня в городе, бесите"
OTHER = -1001000000077


async def test_a_chat_without_a_type_is_retried_and_the_comment_becomes_a_case(ready: Harness) -> None:
    # The bot first hears of this group through a comment and asks Telegram about it (getChat).
    ready.fake.add_group(OTHER, "Вторая кофейня", owner=ANNA, admins=(BORIS,))
    ready.fake.faults.append(Fault("getChat", 200, "", strip=("type",), times=2))
    ready.fake.comment(OTHER, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    assert len(ready.fake.sent("getChat", OTHER)) == 3  # two malformed answers, then a good one
    [case] = await ready.storage.cases.list_for_chat(OTHER)
    assert case.author.id == DMITRY["id"]
    assert len([a for a in ready.alerts_to(ANNA["id"]) if "Вторая кофейня" in a["text"]]) == 1


async def test_a_chat_that_never_reads_still_gives_its_comment_a_case(ready: Harness) -> None:
    ready.fake.add_group(OTHER, "Вторая кофейня", owner=ANNA)
    ready.fake.faults.append(Fault("getChat", 200, "", strip=("type",), times=100))
    ready.fake.comment(OTHER, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    assert len(await ready.storage.cases.list_for_chat(OTHER)) == 1


async def test_a_member_without_a_status_never_removes_an_admin(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    # Every answer about Anna's membership comes without "status" (aiogram would read "member").
    ready.fake.faults.append(Fault("getChatMember", 200, "", strip=("status",), times=100))
    await ready.press(ANNA, alert, ready.button(alert, "case:take:"))
    assert len(ready.fake.sent("getChatMember")) >= 2  # retried like a 5xx
    assert ANNA["id"] in {admin.user_id for admin in await ready.storage.chats.admins(GROUP)}
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.taken_by is None  # not verified, not done
    # The next impulsive comment still reaches the owner before its reply is posted.
    ready.fake.faults.clear()
    ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    assert any("Ольга" in a["text"] for a in ready.alerts_to(ANNA["id"]))


async def test_an_admin_list_with_a_member_without_a_status_changes_nothing(ready: Harness) -> None:
    before = await ready.storage.chats.admins(GROUP)
    ready.fake.faults.append(Fault("getChatAdministrators", 200, "", strip=("status",), times=100))
    assert await ready.services.admins.reload_admins(GROUP) is False
    assert await ready.storage.chats.admins(GROUP) == before


async def test_a_membership_update_without_a_status_is_parked_not_read_as_a_member(ready: Harness) -> None:
    inbox = ready.dp["inbox"]
    ready.fake.member_changed(GROUP, user(BORIS["id"], "Борис"), "member")
    (raw,) = ready.fake.drain()
    del raw["chat_member"]["new_chat_member"]["status"]
    await inbox.keep([raw])
    assert await inbox.replay(ready.bot, ready.dp) == 0
    [dead] = await ready.storage.updates.dead()
    assert dead.update_id == raw["update_id"] and (dead.error or "").startswith("unreadable")
    assert BORIS["id"] in {admin.user_id for admin in await ready.storage.chats.admins(GROUP)}


async def test_a_reply_whose_answer_does_not_read_is_uncertain_never_posted_twice(ready: Harness) -> None:
    from bot.domain.models import ReplyStatus

    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    # The reply reaches the chat, but the answer comes back without its "chat".
    ready.fake.faults.append(Fault("sendMessage", 200, "", strip=("chat",), chat_id=GROUP, times=100))
    await ready.press(ANNA, alert, ready.button(alert, "case:send:"))
    assert len(ready.in_group()) == 1 and len(ready.posted_in_group()) == 1  # not retried
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    reply = await ready.storage.replies.latest_for_case(case.id)
    assert reply is not None and reply.status is ReplyStatus.UNCERTAIN  # the admins are asked


# Each send and edit of a private card (alerts, incident cards, digest cards) meeting an answer that
# does not read, or a 502: nothing fails, nothing is lost, no traceback, and no card is sent again
# and again while Telegram may have carried the send out.

# Each kind of bad answer, for any method: ``bad`` says which call gets it.
BAD_ANSWERS = {
    "not-json": Fault("", 200, "", raw="OK"),
    "html-502": Fault("", 502, "", raw="<html><head><title>502 Bad Gateway</title></head><body>{path}</body></html>"),
    "json-502": Fault("", 502, "Bad Gateway"),
    "no-message-id": Fault("", 200, "", strip=("message_id",)),  # carried out, the answer unreadable
}
CARRIED_OUT = {"no-message-id"}


def bad(answer: str, method: str, chat_id: int, times: int = 100) -> Fault:
    return replace(BAD_ANSWERS[answer], method=method, chat_id=chat_id, times=times)


def no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


@pytest.fixture(params=sorted(BAD_ANSWERS))
def answer(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_an_alert_copy_whose_send_answer_does_not_read_follows_in_the_sweep(
    ready: Harness, answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    fault = bad(answer, "sendMessage", ANNA["id"])
    ready.fake.faults.append(fault)
    before = len(ready.fake.sent("sendMessage", ANNA["id"]))
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await kept_feed(ready)
    assert await ready.storage.updates.left_behind() == []  # the comment was handled
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    assert len(ready.alerts_to(BORIS["id"])) == 1
    tries = len(ready.fake.sent("sendMessage", ANNA["id"])) - before
    # A 5xx is tried again at once; a send whose answer does not read may be out: not repeated.
    assert tries == (5 if answer == "json-502" else 1)
    fault.times = 0
    ready.clock.advance(OWN_GRACE + 60)
    await ready.dp["registry"].recover()
    await ready.dp["registry"].recover()
    copies = len(ready.alerts_to(ANNA["id"]))
    assert copies == (2 if answer in CARRIED_OUT else 1)  # the lost answer's copy, at most once more
    assert len([a for a in await ready.storage.cases.alerts(case.id) if a.chat_id == ANNA["id"]]) == 1
    no_traceback(caplog)


async def test_an_alert_copy_whose_edit_answer_does_not_read_changes_nothing_stored(
    ready: Harness, answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(BORIS["id"])[0]
    fault = bad(answer, "editMessageText", ANNA["id"])
    ready.fake.faults.append(fault)
    ready.fake.press(BORIS, alert, ready.button(alert, "case:later:"))
    await kept_feed(ready)
    assert fault.times < 100  # Anna's copy was edited, and the answer did not read
    assert await ready.storage.updates.left_behind() == []
    [case] = await ready.storage.cases.list_for_chat(GROUP)
    reply = await ready.storage.replies.latest_for_case(case.id)
    assert reply is not None and reply.status.value == "pending"  # Boris's press took effect
    # Both copies still known, to be edited at the next change.
    assert sorted(a.chat_id for a in await ready.storage.cases.alerts(case.id)) == [ANNA["id"], BORIS["id"]]
    no_traceback(caplog)


async def test_an_incident_card_whose_answers_do_not_read_is_sent_once_by_the_sweep(
    ready: Harness, answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    fault = bad(answer, "sendMessage", BORIS["id"])
    for i, text in enumerate(OUTAGE[:3]):
        if i == 2:
            ready.fake.faults.append(fault)
        ready.fake.comment(GROUP, PEOPLE[i], text)
        ready.clock.advance(10)
        await kept_feed(ready)
    assert await ready.storage.updates.left_behind() == []
    assert len(incident_cards(ready, ANNA)) == 1
    fault.times = 0
    # A later member edits the cards: Anna's edit does not read either.
    edit = bad(answer, "editMessageText", ANNA["id"])
    ready.fake.faults.append(edit)
    ready.fake.comment(GROUP, PEOPLE[3], OUTAGE[3])
    await kept_feed(ready)
    assert edit.times < 100
    assert await ready.storage.updates.left_behind() == []
    ready.clock.advance(120)
    await ready.dp["registry"].recover()
    await ready.dp["registry"].recover()
    cards = len(incident_cards(ready, BORIS))
    assert cards == (2 if answer in CARRIED_OUT else 1)
    [row] = await ready.storage.db.fetchall("SELECT id FROM incidents")
    assert sorted(chat for chat, _ in await ready.storage.incidents.cards(row["id"])) == [ANNA["id"], BORIS["id"]]
    no_traceback(caplog)


async def test_a_digest_card_whose_answers_do_not_read_loses_no_alert(
    tmp_path: Path, answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with storm_ready(tmp_path) as h:
        storm = [
            CONSTRUCTIVE,
            IMPULSIVE,
            "Заказ №5512 потеряли, никто не отвечает третий день",
            "Верните деньги за испорченный торт, это ужас",
            "Официант нагрубил и принёс не тот заказ",
        ]
        send, edit = bad(answer, "sendMessage", ANNA["id"], times=1), bad(answer, "editMessageText", ANNA["id"])
        for i, text in enumerate(storm):
            if i == 2:  # the digest card's first send (the alert goes on its own then)
                h.fake.faults.append(send)
            if i == 4:  # and an edit of the card the next one started
                h.fake.faults.append(edit)
            h.fake.comment(GROUP, PEOPLE[i], text)
            h.clock.advance(1)
            await kept_feed(h)
        assert await h.storage.updates.left_behind() == []
        assert send.times == 0 and edit.times < 100
        h.fake.faults.clear()
        h.clock.advance(OWN_GRACE + 60)
        await h.dp["registry"].recover()
        for case in await h.storage.cases.list_for_chat(GROUP):  # every alert reached Anna, once
            rows = await h.storage.db.fetchall(
                "SELECT 1 FROM alerts WHERE case_id = ? AND chat_id = ?", (case.id, ANNA["id"])
            )
            assert len(rows) == 1, case.id
        no_traceback(caplog)
