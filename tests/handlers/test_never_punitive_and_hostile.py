"""No path ever deletes, bans or restricts; broken and hostile updates never crash the bot."""

from __future__ import annotations

from typing import Any

from bot.fake_api.core import PUNITIVE_METHODS, user
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, Harness

TEXTS = [
    "Заказ №77 не пришёл, деньги списали, поддержка молчит неделю. Верните деньги!",
    "Да вы задолбали!!! Ненавижу вас, худший сервис",
    "Админ, ты там живой? 🤡 кто это вообще покупает, лохи",
    "Не покупайте здесь! Отписывайтесь все, репост!",
    "Спасибо, всё супер!",
    "Во сколько открываетесь?",
]


async def test_every_action_on_every_kind_makes_no_punitive_call(ready: Harness) -> None:
    actions = [
        "send",
        "later",
        "cancel",
        "edit",
        "ignore",
        "resolve",
        "reopen",
        "relabel",
        "back",
        "label:trolling",
        "confirm",
        "resend",
        "send",
        "nonsense",
    ]
    for index, text in enumerate(TEXTS):
        ready.fake.comment(GROUP, user(8000 + index, f"Автор{index}"), text, thread_id=5)
    await ready.feed()
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert len(cases) >= 4
    alert = ready.alerts_to(ANNA["id"])[0]
    for case in cases:
        for action in actions:
            name, _, arg = action.partition(":")
            await ready.press(ANNA, alert, f"case:{name}:{case.id}" + (f":{arg}" if arg else ""))
        ready.fake.private_message(ANNA, "Новый текст ответа")
        await ready.feed()
    ready.clock.advance(10 * 86400)
    await ready.services.sender.send_due()
    ready.fake.bot_removed(GROUP, ANNA)
    await ready.feed()
    called = {call.method for call in ready.fake.calls}
    assert "sendMessage" in called and "editMessageText" in called
    assert not called & PUNITIVE_METHODS
    # Anything else that deletes, bans or restricts would show up here; the only "delete" the bot
    # may call is deleteMyCommands (its own command menu).
    assert not [m for m in called - {"deleteMyCommands"} if m.lower().startswith(("delete", "ban", "restrict", "kick"))]


def _raw(harness: Harness, **message: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "message_id": harness.fake.next_message_id(GROUP),
        "date": 1764000000,
        "chat": harness.fake.public_chat(GROUP),
    }
    base.update(message)
    return base


async def test_hostile_and_strange_updates_do_not_crash(ready: Harness) -> None:
    huge = "ужас " * 50_000
    weird = [
        "\u0000\u202e\ufeff",
        "🤬" * 3000,
        "<b>&amp;</b> <a href='javascript:x'>",
        "\u0301" * 100,
        "ЗАКАЗ!!!???" * 400,
    ]
    updates: list[dict[str, Any]] = [
        {"message": _raw(ready, **{"from": DMITRY, "text": huge})},
        *({"message": _raw(ready, **{"from": OLGA, "text": text})} for text in weird),
        {"message": _raw(ready, **{"from": OLGA})},  # no text at all
        {"message": _raw(ready, **{"from": OLGA, "text": "   "})},
        {"message": _raw(ready, new_chat_members=[user(9001, "Новичок")], **{"from": user(9001, "Новичок")})},
        {"message": _raw(ready, left_chat_member=user(9001, "Новичок"), **{"from": user(9001, "Новичок")})},
        {
            "message": _raw(
                ready,
                sender_chat={"id": -100777, "type": "channel", "title": "<i>Канал</i>"},
                text="Не покупайте у них, отписывайтесь!!!",
            )
        },
        {
            "channel_post": {
                "message_id": 1,
                "date": 1764000000,
                "chat": {"id": -100888, "type": "channel", "title": "К"},
                "text": "пост",
            }
        },
        {"edited_message": _raw(ready, **{"from": DMITRY, "text": "правка без оригинала", "edit_date": 1764000001})},
        {"callback_query": {"id": "x1", "from": BORIS, "chat_instance": "c", "data": "case:send:999999"}},
        {"callback_query": {"id": "x2", "from": BORIS, "chat_instance": "c", "data": "garbage"}},
        {"callback_query": {"id": "x3", "from": BORIS, "chat_instance": "c"}},
        {
            "message": {
                "message_id": 5,
                "date": 1764000000,
                "chat": {"id": 1002, "type": "private", "first_name": "Б"},
                "from": BORIS,
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                },
            }
        },
    ]
    for update in updates:
        ready.fake.push(**update)
    await ready.feed()
    # The bot is still working afterwards: a plain complaint still gets its alert.
    before = len(ready.alerts_to(ANNA["id"]))
    ready.fake.comment(GROUP, DMITRY, "Заказ 881 потеряли, курьер не приехал, верните деньги за доставку")
    await ready.feed()
    assert len(ready.alerts_to(ANNA["id"])) == before + 1
    cases = await ready.storage.cases.list_for_chat(GROUP)
    stored_huge = next(c for c in cases if c.text.startswith("ужас"))
    assert len(stored_huge.text) <= 4096
    channel_case = next(c for c in cases if c.author.is_chat)
    alert_text = next(m["text"] for m in ready.alerts_to(ANNA["id"]) if "Канал" in m["text"])
    assert channel_case.author.id == -100777 and "&lt;i&gt;Канал&lt;/i&gt;" in alert_text
