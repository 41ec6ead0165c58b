"""Answers from Telegram that do not read: retried like a 5xx, never used to change what is stored."""

from __future__ import annotations

from bot.fake_api import Fault
from bot.fake_api.core import user
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, Harness

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
