"""Private commands: /chats, /mute, /unmute, /help, the chat picker, and the command menus."""

from __future__ import annotations

from typing import Any

from bot.telegram.menus import setup_command_menus
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, STRANGER, Harness
from tests.handlers.test_commands_group import (
    CONSTRUCTIVE,
    GLEB,
    GROUP2,
    enable_media,
    two_chats,
)

__all__ = ["two_chats"]


async def private(h: Harness, who: dict[str, Any], text: str) -> str:
    h.fake.private_message(who, text)
    await h.feed()
    return str(h.fake.sent("sendMessage", who["id"])[-1].params["text"])


def last_message(h: Harness, user_id: int) -> dict[str, Any]:
    return [m for (cid, _), m in h.fake.messages.items() if cid == user_id][-1]


async def test_chats_lists_my_chats_with_alerts_rights_and_problems(two_chats: Harness) -> None:
    h = two_chats
    text = await private(h, ANNA, "/chats")
    assert "Кофейня &lt;Зерно&gt; &amp; Co" in text
    assert "уведомления приходят вам в личку" in text
    assert "бот — админ чата" in text
    assert "не нажали Start" in text and "Вера" in text
    assert "Пекарня" not in text  # not Anna's chat


async def test_chats_shows_a_bot_without_admin_rights(two_chats: Harness) -> None:
    h = two_chats
    h.fake.members[GROUP2][h.fake.bot_id] = {"status": "member", "user": h.fake.bot_user}
    text = await private(h, GLEB, "/chats")
    assert "Пекарня &lt;Колос&gt;" in text and "бот — не админ" in text and "сделайте его админом" in text
    assert "Кофейня" not in text


async def test_mute_stops_alerts_to_that_admin_only_and_unmute_restores_them(two_chats: Harness) -> None:
    h = two_chats
    assert "выключены" in await private(h, ANNA, "/mute")
    assert await h.storage.stats.is_muted(GROUP, ANNA["id"])
    before_anna, before_boris = len(h.alerts_to(ANNA["id"])), len(h.alerts_to(BORIS["id"]))
    h.fake.comment(GROUP, OLGA, "Кофе холодный, заказ 515 ждали 40 минут, верните деньги")
    await h.feed()
    assert len(h.alerts_to(ANNA["id"])) == before_anna
    assert len(h.alerts_to(BORIS["id"])) == before_boris + 1
    assert "Анна" not in h.alerts_to(BORIS["id"])[-1]["text"]  # muted is not "unreachable"
    assert "уже выключены" in await private(h, ANNA, "/mute")
    assert "снова включены" in await private(h, ANNA, "/unmute")
    h.fake.comment(GROUP, DMITRY, "Пирожное несвежее, заказ 777 привезли с опозданием на час, верните деньги")
    await h.feed()
    assert len(h.alerts_to(ANNA["id"])) == before_anna + 1


async def test_picker_for_an_admin_of_two_chats_and_live_recheck(two_chats: Harness) -> None:
    h = two_chats
    enable_media(h)
    h.fake.set_member(GROUP2, BORIS, "administrator")
    await h.services.admins.reload(GROUP2)
    assert "Выберите чат" in await private(h, BORIS, "/cases")
    picker = last_message(h, BORIS["id"])
    data = [b["callback_data"] for row in picker["reply_markup"]["inline_keyboard"] for b in row]
    assert sorted(data) == sorted([f"pick:cases:{GROUP}", f"pick:cases:{GROUP2}"])
    await h.press(BORIS, picker, f"pick:cases:{GROUP2}")
    text = h.fake.sent("sendMessage", BORIS["id"])[-1].params["text"]
    assert "Пекарня" in text and "Ольга" in text and "Дмитрий" not in text
    # Boris loses his rights in GROUP2; the old picker button no longer answers.
    h.fake.set_member(GROUP2, BORIS, "member")
    before = len(h.fake.sent("sendMessage", BORIS["id"]))
    await h.press(BORIS, picker, f"pick:cases:{GROUP2}")
    assert len(h.fake.sent("sendMessage", BORIS["id"])) == before
    assert "больше не админ" in h.fake.sent("answerCallbackQuery")[-1].params["text"]
    # And the next picker lists only GROUP, answered directly.
    text = await private(h, BORIS, "/stats 30d")
    assert (
        not h.fake.sent("sendPhoto", BORIS["id"])
        or "Кофейня" in h.fake.sent("sendPhoto", BORIS["id"])[-1].params["caption"]
    )
    assert "Пекарня" not in h.fake.sent("sendPhoto", BORIS["id"])[-1].params["caption"]


async def test_forged_pick_for_a_foreign_chat_shows_nothing(two_chats: Harness) -> None:
    h = two_chats
    h.fake.private_message(ANNA, "/start")
    await h.feed()
    message = last_message(h, ANNA["id"])
    before = len(h.fake.sent("sendMessage", ANNA["id"]))
    for data in (f"pick:cases:{GROUP2}", f"pick:export:{GROUP2}", f"pick:mute:{GROUP2}", "pick:cases:-1", "pick:rm:1"):
        await h.press(ANNA, message, data)
    assert len(h.fake.sent("sendMessage", ANNA["id"])) == before
    assert not await h.storage.stats.is_muted(GROUP2, ANNA["id"])


async def test_private_pending_and_stats_for_a_single_chat_answer_directly(two_chats: Harness) -> None:
    h = two_chats
    text = await private(h, GLEB, "/pending")
    assert "Пекарня" in text and "нет запланированных" in text
    h.fake.comment(GROUP2, DMITRY, CONSTRUCTIVE)
    await h.feed()
    text = await private(h, GLEB, "/cases")
    assert text.count("\n\n") == 2  # title + two open cases of GROUP2


async def test_stranger_has_no_chats(two_chats: Harness) -> None:
    h = two_chats
    for command in ("/stats", "/cases", "/pending", "/mute", "/chats", "/check верните деньги"):
        text = await private(h, STRANGER, command)
        assert "не знаю чатов" in text


async def test_private_help_lists_the_commands(two_chats: Harness) -> None:
    text = await private(two_chats, ANNA, "/help")
    assert "Start" in text and "/chats" in text and "/mute" in text and "/stats" in text


async def test_english_speaker_gets_english_in_private(two_chats: Harness) -> None:
    h = two_chats
    english = {**ANNA, "language_code": "en"}
    assert "Your chats" in await private(h, english, "/chats")


async def test_command_menus_per_scope_and_language(harness: Harness) -> None:
    await setup_command_menus(harness.bot)
    calls = harness.fake.sent("setMyCommands")
    by_scope = {(c.params["scope"]["type"], c.params.get("language_code")): c.params["commands"] for c in calls}
    admins_ru = [c["command"] for c in by_scope[("all_chat_administrators", None)]]
    assert admins_ru == ["settings", "stats", "cases", "pending", "check", "missed", "export", "help"]
    assert by_scope[("all_chat_administrators", "en")][0]["description"] == "Chat settings"
    private_ru = [c["command"] for c in by_scope[("all_private_chats", None)]]
    assert {"start", "chats", "mute", "unmute", "stats"} <= set(private_ru)
    assert ("all_group_chats", None) not in by_scope  # members see none
    deleted = {
        (c.params["scope"]["type"], c.params.get("language_code")) for c in harness.fake.sent("deleteMyCommands")
    }
    assert {("all_group_chats", None), ("all_group_chats", "en")} <= deleted
