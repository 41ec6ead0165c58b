"""The case from complaint to published fix: take, resolve, follow-up, reminders, timing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.models import CaseStatus, ReplyStatus
from bot.fake_api.core import user
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, Harness

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
IMPULSIVE = "Да вы задолбали!!! Худшая кофейня в городе, бесите"


async def _case(h: Harness, index: int = 0):  # type: ignore[no-untyped-def]
    return (await h.storage.cases.list_for_chat(GROUP))[index]


async def test_take_shows_who_handles_it_and_blocks_a_second_taker(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:take:"))
    for admin in (ANNA, BORIS):
        text = ready.alerts_to(admin["id"])[0]["text"]
        assert "В работе: Анна" in text
    boris_alert = ready.alerts_to(BORIS["id"])[0]
    assert not any(
        "case:take:" in b["callback_data"] for row in boris_alert["reply_markup"]["inline_keyboard"] for b in row
    )
    case = await _case(ready)
    await ready.press(BORIS, boris_alert, f"case:take:{case.id}")
    toast = ready.fake.sent("answerCallbackQuery")[-1].params["text"]
    assert "Анна" in toast
    fresh = await _case(ready)
    assert fresh.taken_by == ANNA["id"] and fresh.first_action_at is not None


async def test_resolve_asks_what_was_done_and_publishes_the_follow_up(ready: Harness) -> None:
    comment = ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE, thread_id=9)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:send:"))
    await ready.press(ANNA, alert, ready.button(ready.alerts_to(ANNA["id"])[0], "case:resolve:"))
    ask = ready.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "Что сделали" in ask
    ready.fake.private_message(ANNA, "вернули деньги и сменили курьерскую службу")
    await ready.feed()
    draft = ready.fake.sent("sendMessage", ANNA["id"])[-1].params
    assert "Вернули деньги и сменили курьерскую службу." in draft["text"]
    publish = next(
        b["callback_data"]
        for row in draft["reply_markup"]["inline_keyboard"]
        for b in row
        if "publish" in b["callback_data"]
    )
    await ready.press(ANNA, alert, publish)
    posts = ready.posted_in_group()
    assert len(posts) == 2  # the first reply, then the follow-up
    assert posts[1]["reply_parameters"]["message_id"] == comment["message_id"]
    assert "Вернули деньги и сменили курьерскую службу." in posts[1]["text"]
    case = await _case(ready)
    assert case.status is CaseStatus.RESOLVED and case.resolution == "вернули деньги и сменили курьерскую службу"
    assert "итог" in ready.alerts_to(BORIS["id"])[0]["text"].lower()
    await ready.press(ANNA, alert, publish)  # pressed again: nothing more is posted
    assert len(ready.posted_in_group()) == 2


async def test_admin_can_rewrite_the_follow_up_before_publishing(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:resolve:"))
    ready.fake.private_message(ANNA, "Нашли ошибку в списаниях")
    await ready.feed()
    ready.fake.private_message(ANNA, "Дмитрий, деньги вернули, а курьеры теперь звонят за час. Спасибо, что написали!")
    await ready.feed()
    draft = ready.fake.sent("sendMessage", ANNA["id"])[-1].params
    assert "звонят за час" in draft["text"]
    await ready.press(ANNA, alert, f"case:publish:{(await _case(ready)).id}")
    assert ready.posted_in_group()[-1]["text"].startswith("Дмитрий, деньги вернули")


async def test_flagged_admin_text_gets_a_warning_and_a_choice(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    original = (await _case(ready)).reply_text
    await ready.press(ANNA, alert, ready.button(alert, "case:edit:"))
    ready.fake.private_message(ANNA, "Вы врёте, такого не было. Сами виноваты!!!")
    await ready.feed()
    warning = ready.fake.sent("sendMessage", ANNA["id"])[-1].params
    assert "Проверьте текст" in warning["text"]
    assert (await _case(ready)).reply_text == original  # not saved silently
    keep = warning["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert keep.startswith("case:keep:")
    await ready.press(ANNA, alert, keep)
    assert (await _case(ready)).reply_text == "Вы врёте, такого не было. Сами виноваты!!!"


async def test_one_reply_per_troll_per_thread(ready: Harness) -> None:
    troll = user(2500, "Kek", "kek")
    ready.fake.comment(GROUP, troll, "Админ, ты там живой? 🤡 Кто вообще пьёт этот кофе, лохи", thread_id=3)
    await ready.feed()
    first = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, first, ready.button(first, "case:send:"))
    assert len(ready.posted_in_group()) == 1
    ready.fake.comment(GROUP, troll, "Ахаха, админы опять спят 🤡 клоуны, лохи", thread_id=3)
    await ready.feed()
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert [c.label.value for c in cases] == ["trolling", "trolling"]
    second = ready.alerts_to(ANNA["id"])[-1]
    assert "уже ответили" in second["text"]
    await ready.press(ANNA, second, f"case:send:{cases[1].id}")
    assert len(ready.posted_in_group()) == 1


async def test_chat_templates_replace_the_default_variants(ready: Harness) -> None:
    await ready.storage.templates.put(
        GROUP, "constructive", "ru", ["{name}, разберёмся {s_problem}: напишите нам в личку."], by=ANNA["id"], now=1
    )
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    case = await _case(ready)
    assert case.reply_text is not None and case.reply_text.startswith("Дмитрий, разберёмся")
    assert "напишите нам в личку" in case.reply_text


async def test_alert_labels_and_alert_group_settings(ready: Harness) -> None:
    ready.fake.chats[-100777] = {"id": -100777, "type": "supergroup", "title": "Алерты"}
    await ready.storage.chats.update_settings(
        GROUP, alert_labels=("constructive",), alerts_to="group", alert_chat_id=-100777
    )
    ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    assert len(await ready.storage.cases.list_for_chat(GROUP)) == 2  # both kept as cases
    assert ready.alerts_to(ANNA["id"]) == []  # admins not messaged when alerts go to the group
    group_alerts = ready.alerts_to(-100777)
    assert len(group_alerts) == 1 and "Дмитрий" in group_alerts[0]["text"]


async def test_unreachable_admins_are_named_with_the_reason(ready: Harness) -> None:
    ready.fake.blocked.add(BORIS["id"])
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    text = ready.alerts_to(ANNA["id"])[0]["text"]
    assert "Борис (заблокировал бота)" in text and "Вера (не нажала Start)" in text


async def test_reminder_once_for_cases_nobody_touched(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    ready.fake.comment(GROUP, user(2600, "Пётр"), "Третий день нет интернета по договору 5521, поддержка не отвечает")
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[1]
    await ready.press(ANNA, alert, ready.button(alert, "case:take:"))  # the second one is taken
    reminders = ready.services.reminders
    ready.clock.advance(3 * 3600)
    assert await reminders.run_once() == 0
    ready.clock.advance(3600 + 1)
    assert await reminders.run_once() == 2  # Anna and Boris
    text = ready.fake.sent("sendMessage", BORIS["id"])[-1].params["text"]
    assert "Без ответа больше 4 ч" in text and "Дмитрий" in text and "Пётр" not in text
    ready.clock.advance(3600)
    assert await reminders.run_once() == 0


async def test_daily_digest_once_a_day_after_nine(ready: Harness) -> None:
    await ready.storage.chats.update_settings(GROUP, digest=True, reminder_hours=0, timezone="Europe/Moscow")
    ready.clock.now = datetime(2026, 11, 25, 5, 0, tzinfo=UTC).timestamp()  # 08:00 in Moscow
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    reminders = ready.services.reminders
    assert await reminders.run_once() == 0
    ready.clock.advance(3600)  # 09:00 in Moscow
    assert await reminders.run_once() == 2
    assert "Открытые случаи" in ready.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    ready.clock.advance(3600)
    assert await reminders.run_once() == 0


async def test_reply_waits_while_the_author_keeps_venting(ready: Harness) -> None:
    ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    case = await _case(ready)
    first = await ready.storage.replies.live_for_case(case.id)
    assert first is not None and first.due_at == int(ready.clock.now) + 7200
    ready.clock.advance(3600)
    ready.fake.comment(GROUP, OLGA, "И вообще вы все бесите, ненавижу!!!")
    await ready.feed()
    moved = await ready.storage.replies.get(first.id)
    assert moved is not None and moved.due_at == int(ready.clock.now) + 7200
    ready.clock.advance(4 * 3600)
    ready.fake.comment(GROUP, OLGA, "Да чтоб вас, ненавижу, достали!!!")
    await ready.feed()
    capped = await ready.storage.replies.get(first.id)
    assert capped is not None and capped.due_at == first.created_at + 3 * 7200  # the cap


async def test_reply_is_held_when_the_author_calms_down(ready: Harness) -> None:
    ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    ready.fake.comment(GROUP, OLGA, "Извините, погорячилась. Всё уже решилось")
    await ready.feed()
    case = await _case(ready)
    assert await ready.storage.replies.live_for_case(case.id) is None
    assert "придержан" in ready.alerts_to(ANNA["id"])[0]["text"]
    ready.clock.advance(3 * 3600)
    await ready.services.sender.send_due()
    assert ready.posted_in_group() == []


async def test_admin_answering_in_the_chat_cancels_the_automatic_reply(ready: Harness) -> None:
    comment = ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    ready.fake.comment(
        GROUP,
        BORIS,
        "Ольга, давайте разберёмся в личке",
        reply_to_message={"message_id": comment["message_id"], "date": 1, "chat": ready.fake.public_chat(GROUP)},
    )
    await ready.feed()
    assert "Борис ответил в чате" in ready.alerts_to(ANNA["id"])[0]["text"]
    ready.clock.advance(7200)
    await ready.services.sender.send_due()
    assert ready.posted_in_group() == []
    reply = await ready.storage.replies.latest_for_case((await _case(ready)).id)
    assert reply is not None and reply.status is ReplyStatus.CANCELLED


async def test_quiet_hours_move_the_automatic_reply_to_morning(ready: Harness) -> None:
    await ready.storage.chats.update_settings(GROUP, quiet_start=22 * 60, quiet_end=8 * 60, timezone="UTC")
    ready.clock.now = datetime(2026, 11, 25, 21, 30, tzinfo=UTC).timestamp()
    ready.fake.comment(GROUP, OLGA, IMPULSIVE)
    await ready.feed()
    reply = await ready.storage.replies.live_for_case((await _case(ready)).id)
    assert reply is not None
    assert reply.due_at == int(datetime(2026, 11, 26, 8, 0, tzinfo=UTC).timestamp())


async def test_copy_paste_wave_is_one_card(ready: Harness) -> None:
    wave = "Не покупайте в этой кофейне! Отравился их выпечкой, расскажите всем, сделайте репост!"
    for index in range(4):
        ready.fake.comment(GROUP, user(3100 + index, f"Аккаунт{index}"), wave if index % 2 else wave.upper())
        ready.clock.advance(20)
    await ready.feed()
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert len(cases) == 4
    assert len({c.wave_id for c in cases}) == 1 and cases[0].wave_id is not None
    assert {c.label.value for c in cases} == {"directed"}
    alerts = ready.alerts_to(ANNA["id"])
    assert len(alerts) == 1
    assert "Волна: 4 сообщения от 4 аккаунтов" in alerts[0]["text"]
    assert not [r for c in cases if (r := await ready.storage.replies.live_for_case(c.id))]


async def test_a_copy_revealing_a_wave_while_the_first_alert_is_going_out_grows_that_alert(
    ready: Harness,
) -> None:
    # The first comment's alert has reached Anna and is on its way to Boris when a copy shows the
    # wave: the copy must find the first case alerted and grow its card, not send a second alert.
    import asyncio

    wave = "Не покупайте в этой кофейне! Отравился их выпечкой, расскажите всем, сделайте репост!"
    ready.fake.held_in.add(("sendMessage", BORIS["id"]))
    ready.fake.comment(GROUP, user(3500, "Аккаунт0"), wave)
    [first] = ready.fake.drain()
    to_boris = len(ready.fake.sent("sendMessage", BORIS["id"]))
    going_out = asyncio.create_task(ready.dp.feed_raw_update(ready.bot, first))
    await ready.fake.wait_for(
        lambda c: c.method == "sendMessage" and c.params.get("chat_id") == BORIS["id"], count=to_boris + 1
    )
    assert len(ready.alerts_to(ANNA["id"])) == 1 and len(ready.alerts_to(BORIS["id"])) == 0
    ready.fake.comment(GROUP, user(3501, "Аккаунт1"), wave.upper())
    await ready.feed()
    ready.fake.release("sendMessage", BORIS["id"])
    await going_out
    await ready.services.notifier.settle()
    for admin in (ANNA, BORIS):
        [card] = ready.alerts_to(admin["id"])
        assert "Волна: 2 сообщения от 2 аккаунтов" in card["text"], admin
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert len(cases) == 2 and len({c.wave_id for c in cases}) == 1


async def test_a_growing_wave_asks_about_each_earlier_copy_once(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    wave = "Не покупайте в этой кофейне! Отравился их выпечкой, расскажите всем, сделайте репост!"
    asked: list[list[int]] = []
    tag_wave = ready.storage.cases.tag_wave

    async def counting(chat_id: int, message_ids: list[int], *args: object) -> list[int]:
        asked.append(list(message_ids))
        return await tag_wave(chat_id, message_ids, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ready.storage.cases, "tag_wave", counting)
    ids = []
    for index in range(12):
        ids.append(ready.fake.comment(GROUP, user(3300 + index, f"Аккаунт{index}"), wave)["message_id"])
        ready.clock.advance(5)
        await ready.feed()
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert sorted(c.message_id for c in cases) == sorted(ids)
    assert {c.wave_id for c in cases} != {None} and len({c.wave_id for c in cases}) == 1
    assert {c.label.value for c in cases} == {"directed"}  # the first copy too, tagged when the wave showed
    # Each earlier copy is asked about once, not again at every copy after it.
    flat = [i for batch in asked for i in batch]
    assert sorted(flat) == sorted(set(flat)) and set(flat) <= set(ids[:-1])
    assert ids[0] in flat


async def test_a_wave_arriving_together_grows_its_card_in_few_edits(ready: Harness) -> None:
    import asyncio

    wave = "Не покупайте в этой кофейне! Отравился их выпечкой, расскажите всем, сделайте репост!"
    ready.fake.comment(GROUP, user(3200, "Аккаунт0"), wave)
    ready.fake.comment(GROUP, user(3201, "Аккаунт1"), wave.upper())
    await ready.feed()  # the wave is known and its card sent
    [card] = ready.alerts_to(ANNA["id"])
    edits_before = len(ready.fake.sent("editMessageText", ANNA["id"]))
    ready.services.notifier.coalesce_delay = ready.services.notifier.growing_delay = 0.3
    for index in range(2, 14):
        ready.fake.comment(GROUP, user(3200 + index, f"Аккаунт{index}"), wave if index % 2 else wave.lower())
    # twelve more copies handled at the same moment, as a polling batch would be
    await asyncio.gather(*(ready.dp.feed_raw_update(ready.bot, update) for update in ready.fake.drain()))
    await ready.services.notifier.settle()
    edits = len(ready.fake.sent("editMessageText", ANNA["id"])) - edits_before
    assert 1 <= edits <= 2, edits
    [card] = ready.alerts_to(ANNA["id"])
    assert "Волна: 14 сообщений от 14 аккаунтов" in card["text"]


async def test_a_card_still_growing_after_an_edit_waits_longer_for_the_next(ready: Harness) -> None:
    import asyncio

    wave = "Не покупайте в этой кофейне! Отравился их выпечкой, расскажите всем, сделайте репост!"
    notifier = ready.services.notifier
    notifier.coalesce_delay, notifier.growing_delay, notifier.edited_lately.ttl = 0.05, 0.6, 0.3
    ready.fake.comment(GROUP, user(3400, "Аккаунт0"), wave)
    ready.fake.comment(GROUP, user(3401, "Аккаунт1"), wave.upper())
    await ready.feed()
    await asyncio.sleep(0.35)  # the card's last edit (the second copy's) is out of the window
    loop = asyncio.get_running_loop()
    edited_at = []
    for index in range(2, 5):
        ready.fake.comment(GROUP, user(3400 + index, f"Аккаунт{index}"), wave)
        started = loop.time()
        for update in ready.fake.drain():
            await ready.dp.feed_raw_update(ready.bot, update)
        await notifier.settle()
        edited_at.append(loop.time() - started)
    # The first coalesced edit comes after the short wait; the card is then growing: the longer one.
    assert edited_at[0] < 0.5 and edited_at[1] >= 0.6 and edited_at[2] >= 0.6, edited_at
    [card] = ready.alerts_to(ANNA["id"])
    assert "Волна: 5 сообщений от 5 аккаунтов" in card["text"]


async def test_alerts_missing_after_a_crash_are_sent_at_start(ready: Harness) -> None:
    from bot.domain.models import Author, NewCase
    from bot.domain.verdicts import Label

    await ready.storage.cases.open(
        NewCase(
            GROUP,
            555,
            None,
            False,
            Author(2001, "Дмитрий", "dima", False),
            CONSTRUCTIVE,
            Label.CONSTRUCTIVE,
            False,
            0.8,
            ("причина",),
            None,
            None,
            "Ответ",
        ),
        now=int(ready.clock.now),
    )
    assert ready.alerts_to(ANNA["id"]) == []
    assert await ready.services.notifier.resend_missing(int(ready.clock.now) - 86400) == 1
    assert len(ready.alerts_to(ANNA["id"])) == 1
    assert await ready.services.notifier.resend_missing(int(ready.clock.now) - 86400) == 0


async def test_texts_are_removed_after_the_chats_retention_and_cases_stay(ready: Harness) -> None:
    await ready.storage.chats.update_settings(GROUP, retention_days=30, reminder_hours=0)
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    ready.clock.advance(29 * 86400)
    await ready.services.reminders.run_once()
    assert (await _case(ready)).text == CONSTRUCTIVE
    ready.clock.advance(2 * 86400)
    await ready.services.reminders.run_once()
    case = await _case(ready)
    assert case.text == "" and case.reply_text is None
    assert case.label.value == "constructive" and case.author.id == DMITRY["id"]  # kept for statistics
