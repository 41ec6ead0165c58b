"""/templates: admins replace a chat's reply variants from Telegram, validated, and reset them."""

from __future__ import annotations

from typing import Any

from tests.conftest import ANNA, DMITRY, GROUP, STRANGER, Harness

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"


def _last_private(h: Harness, user: dict[str, Any]) -> dict[str, Any]:
    return h.fake.sent("sendMessage", user["id"])[-1].params


def _buttons(params: dict[str, Any]) -> list[str]:
    return [b["callback_data"] for row in params["reply_markup"]["inline_keyboard"] for b in row]


async def _open_constructive(h: Harness, user: dict[str, Any]) -> dict[str, Any]:
    h.fake.comment(GROUP, user, "/templates", entities=[{"type": "bot_command", "offset": 0, "length": 10}])
    await h.feed()
    menu = _last_private(h, user)
    assert "Шаблоны ответов" in menu["text"]
    show = next(d for d in _buttons(menu) if d.endswith(":constructive"))
    h.fake.press(user, h.fake.messages[(user["id"], max(k[1] for k in h.fake.messages if k[0] == user["id"]))], show)
    await h.feed()
    return _last_private(h, user)


async def test_replace_validate_use_and_reset(ready: Harness) -> None:
    screen = await _open_constructive(ready, ANNA)
    assert "стандартные варианты" in screen["text"]
    edit = next(d for d in _buttons(screen) if d.startswith("templates:edit:"))
    ready.fake.press(ANNA, {"message_id": 1, "date": 1, "chat": {"id": ANNA["id"], "type": "private"}}, edit)
    await ready.feed()
    assert "Пришлите новые варианты" in _last_private(ready, ANNA)["text"]
    ready.fake.private_message(ANNA, "{name}, спасибо! {oops}")
    await ready.feed()
    assert "неизвестная подстановка" in _last_private(ready, ANNA)["text"]
    ready.fake.private_message(
        ANNA, "{name}, разберёмся {s_problem}. Напишите нам в личку.\n\nСпасибо за сигнал, уже проверяем."
    )
    await ready.feed()
    assert "Сохранено: 2" in _last_private(ready, ANNA)["text"]
    assert await ready.storage.templates.get(GROUP, "constructive", "ru") == [
        "{name}, разберёмся {s_problem}. Напишите нам в личку.",
        "Спасибо за сигнал, уже проверяем.",
    ]
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    # The chat's first constructive case takes the first variant, with the name and the problem.
    assert case.reply_text is not None and case.reply_text.startswith("Дмитрий, разберёмся с")
    assert case.reply_text.endswith("Напишите нам в личку.")
    reset = next(d for d in _buttons(screen) if d.startswith("templates:reset:"))
    ready.fake.press(ANNA, {"message_id": 1, "date": 1, "chat": {"id": ANNA["id"], "type": "private"}}, reset)
    await ready.feed()
    assert await ready.storage.templates.get(GROUP, "constructive", "ru") is None


async def test_aggressive_template_gets_a_warning_and_a_choice(ready: Harness) -> None:
    screen = await _open_constructive(ready, ANNA)
    edit = next(d for d in _buttons(screen) if d.startswith("templates:edit:"))
    ready.fake.press(ANNA, {"message_id": 1, "date": 1, "chat": {"id": ANNA["id"], "type": "private"}}, edit)
    await ready.feed()
    ready.fake.private_message(ANNA, "Сами виноваты, надо было читать условия!!!")
    await ready.feed()
    warning = _last_private(ready, ANNA)
    assert "Проверьте текст" in warning["text"]
    assert await ready.storage.templates.get(GROUP, "constructive", "ru") is None
    ready.fake.press(
        ANNA, {"message_id": 1, "date": 1, "chat": {"id": ANNA["id"], "type": "private"}}, _buttons(warning)[0]
    )
    await ready.feed()
    assert await ready.storage.templates.get(GROUP, "constructive", "ru") == [
        "Сами виноваты, надо было читать условия!!!"
    ]


async def test_non_admin_gets_nothing(ready: Harness) -> None:
    ready.fake.comment(GROUP, STRANGER, "/templates", entities=[{"type": "bot_command", "offset": 0, "length": 10}])
    await ready.feed()
    assert ready.fake.sent("sendMessage", STRANGER["id"]) == []
    ready.fake.press(
        STRANGER,
        {"message_id": 1, "date": 1, "chat": {"id": STRANGER["id"], "type": "private"}},
        f"templates:edit:{GROUP}:constructive",
    )
    await ready.feed()
    assert await ready.conversation(STRANGER).get_state() is None
    assert "админ" in ready.fake.sent("answerCallbackQuery")[-1].params["text"]
