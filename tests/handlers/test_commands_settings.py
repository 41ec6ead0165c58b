"""The /settings panel: sent privately, every press checked live, stored at once and in effect."""

from __future__ import annotations

from typing import Any

from bot.domain.models import ALL_NEGATIVE
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, VERA, Harness
from tests.handlers.test_commands_group import GLEB, GROUP2, IMPULSIVE, command, two_chats

__all__ = ["two_chats"]


def panel_of(h: Harness, user_id: int) -> dict[str, Any]:
    panels = [
        m
        for (cid, _), m in h.fake.messages.items()
        if cid == user_id and ("Настройки" in m.get("text", "") or "Settings of" in m.get("text", ""))
    ]
    assert panels, "no settings panel"
    return panels[-1]


def buttons(message: dict[str, Any]) -> list[str]:
    return [b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


async def open_panel(h: Harness, who: dict[str, Any] = ANNA) -> dict[str, Any]:
    await command(h, who, "/settings")
    return panel_of(h, who["id"])


async def press(h: Harness, who: dict[str, Any], message: dict[str, Any], data: str) -> dict[str, Any]:
    await h.press(who, message, data)
    return h.fake.messages[(message["chat"]["id"], message["message_id"])]


async def test_settings_panel_goes_privately_and_shows_current_values(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h)
    assert "Настройки «Кофейня &lt;Зерно&gt; &amp; Co»" in panel["text"]
    assert "2 ч (по умолчанию)" in panel["text"]
    assert "админам в личку" in panel["text"]
    assert all(d.startswith(f"settings:{GROUP}:") and len(d.encode()) <= 64 for d in buttons(panel))
    assert not [c for c in h.fake.sent("sendMessage", GROUP) if "Настройки" in c.params["text"]]


async def test_delay_change_is_stored_and_used_for_the_next_venting_reply(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h)
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:delay")
    assert f"settings:{GROUP}:delay:900" in buttons(panel)
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:delay:900")
    assert (await h.storage.chats.settings(GROUP)).reply_delay == 900
    assert "15 мин" in panel["text"]
    assert h.fake.sent("answerCallbackQuery")[-1].params.get("text") == "Сохранено"
    assert await h.services.cases.delay_for(GROUP) == 900
    h.fake.comment(GROUP, OLGA, IMPULSIVE)
    await h.feed()
    pending = await h.storage.stats.pending_replies(GROUP)
    assert len(pending) == 1
    assert pending[0].reply.due_at - pending[0].case.created_at >= 900
    assert pending[0].reply.due_at - pending[0].case.created_at < 7200


async def test_auto_schedule_off_takes_effect(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h)
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:auto_schedule")
    assert (await h.storage.chats.settings(GROUP)).auto_schedule is False
    assert "Автоотложка: выкл" in str(panel["reply_markup"])
    h.fake.comment(GROUP, OLGA, IMPULSIVE)
    await h.feed()
    assert await h.storage.stats.pending_replies(GROUP) == []


async def test_language_switch_redraws_the_panel_and_alerts_in_english(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h)
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:language:en")
    assert (await h.storage.chats.settings(GROUP)).language == "en"
    assert "Settings of “Кофейня &lt;Зерно&gt; &amp; Co”" in panel["text"]
    h.fake.comment(GROUP, DMITRY, "Кофе был холодный, заказ 812 ждал час, верните деньги")
    await h.feed()
    assert "Negative" in h.alerts_to(ANNA["id"])[-1]["text"] or "negative" in h.alerts_to(ANNA["id"])[-1]["text"]


async def test_labels_quiet_hours_time_zone_reminders_and_destination(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h)
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:labels")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:alert_label:trolling")
    assert (await h.storage.chats.settings(GROUP)).alert_labels == ("constructive", "impulsive", "directed")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:quiet")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:quiet:1380-480")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:timezone")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:timezone:Europe/Moscow")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:reminders")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:reminder:8")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:alerts_to")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:alerts_to:both")
    stored = await h.storage.chats.settings(GROUP)
    assert (stored.quiet_start, stored.quiet_end) == (1380, 480)
    assert stored.timezone == "Europe/Moscow" and stored.reminder_hours == 8 and stored.alerts_to == "both"
    assert "23:00–08:00" in panel["text"] and "Europe/Moscow" in panel["text"] and "через 8 ч" in panel["text"]
    assert "группа не выбрана" in panel["text"]


async def test_last_alerting_label_cannot_be_switched_off(two_chats: Harness) -> None:
    h = two_chats
    await h.storage.chats.update_settings(GROUP, alert_labels=("constructive",))
    panel = await open_panel(h)
    await press(h, ANNA, panel, f"settings:{GROUP}:alert_label:constructive")
    assert (await h.storage.chats.settings(GROUP)).alert_labels == ("constructive",)
    answer = h.fake.sent("answerCallbackQuery")[-1].params
    assert "хотя бы один" in answer["text"] and answer["show_alert"] is True


async def test_alert_group_needs_admin_rights_in_that_group(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h)
    await press(h, ANNA, panel, f"settings:{GROUP}:alert_group:{GROUP2}")  # Anna is not an admin of GROUP2
    assert (await h.storage.chats.settings(GROUP)).alert_chat_id is None
    h.fake.set_member(GROUP2, ANNA, "administrator")
    await command(h, ANNA, "/help", chat_id=GROUP2)  # registers Anna as GROUP2 admin in the stored list
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:alerts_to")
    assert f"settings:{GROUP}:alert_group:{GROUP2}" in buttons(panel)
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:alert_group:{GROUP2}")
    assert (await h.storage.chats.settings(GROUP)).alert_chat_id == GROUP2


async def test_former_admin_and_outsider_presses_change_nothing(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h, BORIS)
    h.fake.set_member(GROUP, BORIS, "member")  # Boris lost his rights after opening the panel
    await press(h, BORIS, panel, f"settings:{GROUP}:delay:900")
    await press(h, GLEB, panel, f"settings:{GROUP}:language:en")  # forged from another chat's admin
    await press(h, VERA, panel, "settings:not-a-chat:auto_schedule")  # malformed
    stored = await h.storage.chats.settings(GROUP)
    assert stored.reply_delay is None and stored.language == "ru" and stored.alert_labels == ALL_NEGATIVE
    answers = [c.params for c in h.fake.sent("answerCallbackQuery")[-3:]]
    assert "больше не админ" in answers[0]["text"] and "больше не админ" in answers[1]["text"]
    assert "устарела" in answers[2]["text"]  # refused before any lookup, and said so


async def test_settings_of_one_chat_do_not_touch_the_other(two_chats: Harness) -> None:
    h = two_chats
    await command(h, GLEB, "/settings", chat_id=GROUP2)
    panel = panel_of(h, GLEB["id"])
    assert all(d.startswith(f"settings:{GROUP2}:") for d in buttons(panel))
    await press(h, GLEB, panel, f"settings:{GROUP2}:auto_schedule")
    assert (await h.storage.chats.settings(GROUP2)).auto_schedule is False
    assert (await h.storage.chats.settings(GROUP)).auto_schedule is True


async def test_digest_and_text_retention_from_the_panel(two_chats: Harness) -> None:
    h = two_chats
    panel = await open_panel(h)
    assert "Хранить тексты комментариев: <b>30 дней</b>" in panel["text"]
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:digest")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:retention")
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:retention:90")
    stored = await h.storage.chats.settings(GROUP)
    assert stored.digest is True and stored.retention_days == 90
    assert "90 дней" in panel["text"]
    await press(h, ANNA, panel, f"settings:{GROUP}:retention:5")  # not an offered value
    assert (await h.storage.chats.settings(GROUP)).retention_days == 90
