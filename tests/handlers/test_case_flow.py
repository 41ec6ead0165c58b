"""From a group comment to alerts, buttons and replies, through the real dispatcher."""

from __future__ import annotations

import pytest

from bot.domain.models import CaseStatus, ReplyStatus
from bot.fake_api.core import user
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, STRANGER, VERA, Harness

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
IMPULSIVE = "Да вы задолбали!!! Худшая кофейня в городе, бесите"


async def test_start_registers_admin_and_lists_chats(ready: Harness) -> None:
    ready.fake.private_message(ANNA, "/start")
    await ready.feed()
    answer = ready.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "Кофейня &lt;Зерно&gt; &amp; Co" in answer  # listed, and escaped
    user_row = await ready.storage.users.get(ANNA["id"])
    assert user_row is not None and user_row.reachable


async def test_help_explains_setup(harness: Harness) -> None:
    harness.fake.private_message(ANNA, "/help")
    await harness.feed()
    text = harness.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "Start" in text and "админом" in text


async def test_bot_added_registers_chat_and_admins(ready: Harness) -> None:
    chat = await ready.storage.chats.get(GROUP)
    assert chat is not None and chat.active and chat.bot_is_admin
    admins = {a.user_id for a in await ready.storage.chats.admins(GROUP)}
    assert admins == {ANNA["id"], BORIS["id"], VERA["id"]}  # the bot itself is not listed


async def test_bot_removed_marks_chat_inactive_and_keeps_cases(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.fake.bot_removed(GROUP, ANNA)
    await ready.feed()
    chat = await ready.storage.chats.get(GROUP)
    assert chat is not None and not chat.active
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_negative_comment_alerts_every_reachable_admin(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE + " <b>не жирный</b>", thread_id=77)
    await ready.feed()
    alerts_anna = ready.alerts_to(ANNA["id"])
    alerts_boris = ready.alerts_to(BORIS["id"])
    assert len(alerts_anna) == 1 and len(alerts_boris) == 1
    text = alerts_anna[0]["text"]
    assert "Кофейня &lt;Зерно&gt; &amp; Co" in text
    assert "&lt;b&gt;не жирный&lt;/b&gt;" in text  # the comment is escaped
    assert "@dima" in text
    assert f"https://t.me/c/{str(GROUP)[4:]}/100?thread=77" in text
    assert "конструктив" in text
    assert "Вера" in text  # the admins who get it see who cannot
    data = {b["callback_data"] for row in alerts_anna[0]["reply_markup"]["inline_keyboard"] for b in row}
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    for action in ("send", "later", "edit", "ignore", "resolve", "relabel"):
        assert f"case:{action}:{case.id}" in data
    assert all(len(d.encode()) <= 64 for d in data)
    # Vera never pressed Start; she is not messaged and nobody else is blocked by her.
    assert not ready.fake.sent("sendMessage", VERA["id"])


async def test_neutral_and_positive_open_no_case(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, "Во сколько вы завтра открываетесь?")
    ready.fake.comment(GROUP, OLGA, "Спасибо, капучино как всегда отличный!")
    await ready.feed()
    assert await ready.storage.cases.list_for_chat(GROUP) == []
    assert not ready.alerts_to(ANNA["id"])
    rows = await ready.storage.db.fetchall("SELECT label, count FROM message_stats WHERE chat_id = ?", (GROUP,))
    assert {row[0]: row[1] for row in rows} == {"neutral": 1, "positive": 1}


@pytest.mark.parametrize(
    "kind",
    ["admin", "automatic_forward", "anonymous_admin", "linked_channel", "no_text", "bot"],
)
async def test_messages_that_are_not_comments_are_skipped(ready: Harness, kind: str) -> None:
    text = "Ужасный сервис, верните деньги за заказ 123, курьер опоздал на 3 часа!!!"
    fake = ready.fake
    group_chat = fake.public_chat(GROUP)
    if kind == "admin":
        fake.comment(GROUP, BORIS, text)
    elif kind == "automatic_forward":
        fake.comment(
            GROUP,
            user(777000, "Telegram"),
            text,
            is_automatic_forward=True,
            sender_chat={"id": -1009, "type": "channel", "title": "Канал"},
        )
    elif kind == "anonymous_admin":
        fake.comment(GROUP, user(1087968824, "Group"), text, sender_chat=group_chat)
    elif kind == "linked_channel":
        fake.chats[GROUP]["linked_chat_id"] = -1009
        await ready.services.cases.register_chat(GROUP, "Кофейня", "supergroup", None, False)
        fake.comment(
            GROUP,
            user(136817688, "Channel"),
            text,
            sender_chat={"id": -1009, "type": "channel", "title": "Канал"},
        )
    elif kind == "no_text":
        message = fake.comment(GROUP, DMITRY, "x")
        del message["text"]
        message["sticker"] = {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        }
    elif kind == "bot":
        fake.comment(GROUP, {**DMITRY, "id": 4242, "is_bot": True}, text)
    await ready.feed()
    assert await ready.storage.cases.list_for_chat(GROUP) == []


async def test_channel_author_is_the_sender_chat(ready: Harness) -> None:
    channel = {"id": -1005555, "type": "channel", "title": "Канал-конкурент", "username": "rival"}
    ready.fake.comment(GROUP, user(136817688, "Channel"), CONSTRUCTIVE, sender_chat=channel)
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.author.id == -1005555 and case.author.is_chat and case.author.name == "Канал-конкурент"


async def test_caption_is_classified(ready: Harness) -> None:
    message = ready.fake.comment(GROUP, DMITRY, "x")
    message.pop("text")
    message["caption"] = CONSTRUCTIVE
    message["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
    await ready.feed()
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_send_button_posts_reply_in_thread_and_updates_all_alerts(ready: Harness) -> None:
    comment = ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE, thread_id=77)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:send:"))
    posts = ready.posted_in_group()
    assert len(posts) == 1
    assert posts[0]["reply_parameters"]["message_id"] == comment["message_id"]
    assert "Дмитрий" in posts[0]["text"]
    # Both admins' copies now say it was posted, and by whom.
    for admin in (ANNA, BORIS):
        shown = ready.alerts_to(admin["id"])[0]["text"]
        assert "ответ опубликован" in shown and "Анна" in shown
    # A second press does not post twice.
    await ready.press(BORIS, alert, ready.button(alert, "case:send:"))
    assert len(ready.posted_in_group()) == 1
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.status is CaseStatus.ANSWERED


async def test_forged_button_from_non_admin_does_nothing(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    alert = ready.alerts_to(ANNA["id"])[0]
    for action in ("send", "ignore", "resolve", "label", "edit"):
        data = f"case:{action}:{case.id}" + (":positive" if action == "label" else "")
        await ready.press(STRANGER, alert, data)
    assert ready.posted_in_group() == []
    answers = ready.fake.sent("answerCallbackQuery")
    assert answers and all("админ" in str(a.params.get("text")) for a in answers)
    fresh = await ready.storage.cases.get(case.id)
    assert fresh is not None and fresh.status is CaseStatus.NEW and fresh.label is case.label


async def test_former_admin_cannot_act(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(BORIS["id"])[0]
    ready.fake.set_member(GROUP, BORIS, "member")  # demoted after the alert went out
    await ready.press(BORIS, alert, ready.button(alert, "case:send:"))
    assert ready.posted_in_group() == []
    assert BORIS["id"] not in {a.user_id for a in await ready.storage.chats.admins(GROUP)}


async def test_impulsive_reply_is_scheduled_and_sent_when_due(ready: Harness) -> None:
    comment = ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.label.value == "impulsive"
    reply = await ready.storage.replies.live_for_case(case.id)
    assert reply is not None and reply.status is ReplyStatus.PENDING
    assert reply.due_at == int(ready.clock.now) + 7200
    assert "уйдёт через 2 часа" in ready.alerts_to(ANNA["id"])[0]["text"]
    sender = ready.services.sender
    assert await sender.send_due() == 0 and ready.posted_in_group() == []
    ready.clock.advance(7200)
    assert await sender.send_due() == 1
    posts = ready.posted_in_group()
    assert len(posts) == 1 and posts[0]["reply_parameters"]["message_id"] == comment["message_id"]
    assert await sender.send_due() == 0 and len(ready.posted_in_group()) == 1


async def test_cancel_then_send_now(ready: Harness) -> None:
    ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:cancel:"))
    ready.clock.advance(7200)
    assert await ready.services.sender.send_due() == 0
    alert = ready.alerts_to(ANNA["id"])[0]
    assert "отменил" in alert["text"]
    await ready.press(ANNA, alert, ready.button(alert, "case:send:"))
    assert len(ready.posted_in_group()) == 1


async def test_later_schedules_with_chat_delay(ready: Harness) -> None:
    await ready.storage.chats.update_settings(GROUP, reply_delay=600)
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:later:"))
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    reply = await ready.storage.replies.live_for_case(case.id)
    assert reply is not None and reply.due_at == int(ready.clock.now) + 600
    assert case.status is CaseStatus.SCHEDULED


async def test_ignore_and_resolve_close_the_case_and_cancel_pending(ready: Harness) -> None:
    ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:ignore:"))
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.status is CaseStatus.IGNORED
    ready.clock.advance(7200)
    assert await ready.services.sender.send_due() == 0
    assert ready.posted_in_group() == []
    shown = ready.alerts_to(BORIS["id"])[0]
    assert "без ответа" in shown["text"]
    await ready.press(BORIS, shown, ready.button(shown, "case:reopen:"))
    await ready.press(BORIS, shown, f"case:resolve:{case.id}")
    fresh = await ready.storage.cases.get(case.id)
    assert fresh is not None and fresh.status is CaseStatus.RESOLVED


async def test_wrong_label_menu_and_correction_is_recorded(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:relabel:"))
    markup = ready.fake.sent("editMessageReplyMarkup")[-1].params["reply_markup"]
    labels = [b["callback_data"] for row in markup["inline_keyboard"] for b in row if ":label:" in b["callback_data"]]
    assert len(labels) == 6
    await ready.press(ANNA, alert, next(d for d in labels if d.endswith(":trolling")))
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.label.value == "trolling"
    events = await ready.storage.cases.events(case.id)
    assert (ANNA["id"], "relabel", '{"old": "constructive", "new": "trolling"}') in events
    assert "троллинг" in ready.alerts_to(BORIS["id"])[0]["text"]


async def test_403_admin_marked_unreachable_and_fallback_chat(tmp_path: object) -> None:
    from pathlib import Path

    from tests.conftest import make_harness

    h = await make_harness(Path(str(tmp_path)), ALERT_CHAT_ID="-1009999")
    try:
        h.fake.chats[-1009999] = {"id": -1009999, "type": "supergroup", "title": "Алерты"}
        await h.start_admins(ANNA, BORIS)
        await h.add_bot()
        h.fake.blocked.update({ANNA["id"], BORIS["id"]})  # both blocked the bot after /start
        h.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
        await h.feed()
        for admin in (ANNA, BORIS):
            row = await h.storage.users.get(admin["id"])
            assert row is not None and not row.reachable
        fallback = h.fake.sent("sendMessage", -1009999)
        assert len(fallback) == 1 and "Негатив" in fallback[0].params["text"]
    finally:
        await h.storage.close()


async def test_edit_that_calms_down_cancels_pending_reply(ready: Harness) -> None:
    comment = ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    ready.fake.comment(GROUP, OLGA, "Извините, погорячилась, всё хорошо, спасибо", edit_of=comment["message_id"])
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.text.startswith("Извините")
    assert (await ready.storage.replies.live_for_case(case.id)) is None
    assert "изменил комментарий" in ready.alerts_to(ANNA["id"])[0]["text"]


async def test_edit_turning_negative_opens_case(ready: Harness) -> None:
    comment = ready.fake.comment(GROUP, DMITRY, "Заказал у вас торт на субботу")
    await ready.feed()
    assert await ready.storage.cases.list_for_chat(GROUP) == []
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE, edit_of=comment["message_id"])
    await ready.feed()
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 1


async def test_added_without_admin_rights_in_privacy_mode_tells_the_adder(harness: Harness) -> None:
    await harness.start_admins(ANNA)
    harness.fake.bot_added(GROUP, ANNA, as_admin=False)
    await harness.feed()
    warning = harness.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "не вижу комментариев" in warning and "/setprivacy" in warning
    chat = await harness.storage.chats.get(GROUP)
    assert chat is not None and not chat.bot_is_admin


async def test_added_as_admin_gives_no_privacy_warning(harness: Harness) -> None:
    await harness.start_admins(ANNA)
    harness.fake.bot_added(GROUP, ANNA, as_admin=True)
    await harness.feed()
    assert all("не вижу" not in c.params["text"] for c in harness.fake.sent("sendMessage", ANNA["id"]))


async def test_buttons_on_a_preview_are_removed_after_use_and_alerts_keep_theirs(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:edit:"))
    ready.fake.private_message(ANNA, "Дмитрий, простите! Деньги уже вернули.")
    await ready.feed()
    preview_call = ready.fake.sent("sendMessage", ANNA["id"])[-1]
    preview = next(
        m
        for (chat, _), m in ready.fake.messages.items()
        if chat == ANNA["id"] and m["text"] == preview_call.params["text"]
    )
    await ready.press(ANNA, preview, ready.button(preview, "case:send:"))
    assert len(ready.posted_in_group()) == 1
    cleared = ready.fake.sent("editMessageReplyMarkup")[-1].params
    assert cleared["message_id"] == preview["message_id"] and not cleared.get("reply_markup")
    assert ready.alerts_to(ANNA["id"])[0]["reply_markup"]["inline_keyboard"]  # the alert still has its buttons
