"""aiogram's types are built on first use, and then validate as aiogram's own build does."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

from tests.unit.probe import run_probe

PROBE = textwrap.dedent(
    """
    import json, sys
    if sys.argv[1] == "lazy":
        import bot  # noqa: F401
    import aiogram.types as types
    from aiogram.methods import SendMessage

    built_at_import = sum(
        1 for name in types.__all__
        if getattr(getattr(types, name), "__pydantic_complete__", False)
    )
    update = types.Update.model_validate({
        "update_id": 7,
        "message": {
            "message_id": 3, "date": 1700000000,
            "chat": {"id": -100, "type": "supergroup", "title": "<b>Группа</b>"},
            "from": {"id": 5, "is_bot": False, "first_name": "Аня"},
            "text": "Где заказ?",
            "entities": [{"type": "bold", "offset": 0, "length": 3}],
            "reply_to_message": {
                "message_id": 1, "date": 1700000000,
                "chat": {"id": -100, "type": "supergroup"},
                "sticker": {"file_id": "f", "file_unique_id": "u", "type": "regular",
                            "width": 1, "height": 1, "is_animated": False, "is_video": False},
            },
        },
    })
    send = SendMessage(
        chat_id=5, text="x",
        reply_markup={"inline_keyboard": [[{"text": "a", "callback_data": "case:send:1"}]]},
    )
    print(json.dumps({
        "built_at_import": built_at_import,
        "poll_built": types.Poll.__pydantic_complete__,
        "update": update.model_dump(mode="json", exclude_none=True),
        "entity": type(update.message.entities[0]).__name__,
        "sticker": type(update.message.reply_to_message.sticker).__name__,
        "send": send.model_dump(mode="json", exclude_defaults=True),
    }))
    """
)


def _probe(mode: str) -> dict[str, Any]:
    return run_probe(PROBE, mode)


def test_importing_the_bot_builds_no_telegram_type_until_it_is_used() -> None:
    lazy = _probe("lazy")
    assert lazy["built_at_import"] == 0
    assert lazy["poll_built"] is False  # never used here, never built


def test_lazily_built_types_validate_exactly_like_aiograms_own_build() -> None:
    lazy, eager = _probe("lazy"), _probe("eager")
    assert eager["built_at_import"] > 300  # the control: aiogram alone builds them all
    for key in ("update", "entity", "sticker", "send"):
        assert lazy[key] == eager[key], key
    assert lazy["entity"] == "MessageEntity"
    assert lazy["sticker"] == "Sticker"


def test_the_answers_aiogram_reads_stay_built_after_a_collection() -> None:
    # Response[Message] is rebuilt, Message tree and all, whenever pydantic's cache loses it.
    probe = textwrap.dedent(
        """
        import gc
        import bot  # noqa: F401
        from aiogram.methods.base import Response
        from aiogram.types import Message
        from bot.compat.lazy_types import warm_up

        warm_up()
        first = id(Response[Message])
        gc.collect()
        print(id(Response[Message]) == first, Response[Message].__pydantic_complete__)
        """
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["True", "True"]


def test_the_classifier_alone_imports_neither_pydantic_nor_aiogram() -> None:
    # python -m bot classify and the benchmarks: pydantic and aiogram were most of their start-up
    probe = textwrap.dedent(
        """
        import json, sys
        from bot.classifier import MessageIn, create_classifier
        from bot.classifier.chatlayer import ChatLayerClassifier
        from bot.data_check import check_data_files
        check_data_files()
        ChatLayerClassifier(create_classifier()).classify(MessageIn(text="Где заказ?"))
        print(json.dumps({"loaded": sorted(m for m in ("pydantic", "aiogram") if m in sys.modules)}))
        """
    )
    assert run_probe(probe)["loaded"] == []
