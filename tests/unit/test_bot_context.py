"""aiogram's objects built with the one-step bot hook are the same objects as pydantic's chain makes."""

from __future__ import annotations

import textwrap
from typing import Any

from tests.unit.probe import run_probe

PROBE = textwrap.dedent(
    """
    import json, sys
    import bot  # noqa: F401
    from aiogram import Bot
    from aiogram.methods import SendMessage
    from aiogram.methods.base import Response
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

    from bot.compat import bot_context

    def refused(change):
        try:
            change()
        except Exception as error:
            return type(error).__name__
        return "changed"

    installed = bot_context.install() if sys.argv[1] == "fast" else 0
    tg = Bot("123:abc")
    raw = {
        "update_id": 7,
        "message": {
            "message_id": 3, "date": 1700000000,
            "chat": {"id": -100, "type": "supergroup", "title": "Группа"},
            "from": {"id": 5, "is_bot": False, "first_name": "Аня"},
            "text": "Где заказ?",
            "reply_to_message": {"message_id": 1, "date": 1700000000, "chat": {"id": -100, "type": "supergroup"}},
        },
    }
    update = Update.model_validate(raw, context={"bot": tg})
    bare = Update.model_validate(raw)
    answer = Response[Message].model_validate(
        {"ok": True, "result": raw["message"]}, context={"bot": tg}
    ).result
    button = InlineKeyboardButton(text="a", callback_data="case:send:1")
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[button]])
    send = SendMessage(chat_id=5, text="x", reply_markup=keyboard)
    rebound = bare.message.as_(tg)
    print(json.dumps({
        "installed": installed,
        "bots": [
            update.bot is tg, update.message.bot is tg, update.message.chat.bot is tg,
            update.message.from_user.bot is tg, update.message.reply_to_message.bot is tg,
            answer.bot is tg, bare.bot is None, bare.message.bot is tg, rebound is bare.message,
        ],
        "private": [
            sorted(update.__pydantic_private__), sorted(button.__pydantic_private__),
            sorted(send.__pydantic_private__), button.__pydantic_private__["_bot"] is None,
        ],
        "update": update.model_dump(mode="json", exclude_none=True),
        "send": send.model_dump(mode="json", exclude_defaults=True),
        "equal": [update == Update.model_validate(raw, context={"bot": tg}), update.model_copy() == update],
        "frozen": refused(lambda: setattr(update, "update_id", 8)),
    }))
    """
)


def _probe(mode: str) -> dict[str, Any]:
    return run_probe(PROBE, mode)


def test_objects_built_with_the_one_step_hook_match_pydantics_chain() -> None:
    fast, chain = _probe("fast"), _probe("chain")
    assert fast["installed"] > 300  # every aiogram type and method that carries only _bot
    assert chain["installed"] == 0  # the control: pydantic's own chain
    for key in ("bots", "private", "update", "send", "equal", "frozen"):
        assert fast[key] == chain[key], key
    # What the chain gives, and so the hook must too: the context's bot on every nested object,
    # None without a context, as_() still rebinding, frozen objects still frozen.
    assert fast["bots"] == [True] * 9
    assert fast["private"] == [["_bot"], ["_bot"], ["_bot"], True]
    assert fast["equal"] == [True, True]
    assert fast["frozen"] == "ValidationError"
