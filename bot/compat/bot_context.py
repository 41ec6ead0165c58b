"""aiogram's objects learn their bot in one step instead of a chain of pydantic hooks.

Every aiogram object (each ``Update``, ``Message``, ``Chat``, ``User``, keyboard button, method)
carries one private attribute, ``_bot``, set after validation by aiogram's ``model_post_init``.
Because the attribute is private, pydantic wraps that hook in each subclass again: building one
object ran three nested wrappers, each looking up the private attributes' defaults, and then set
``_bot`` through ``BaseModel.__setattr__``. That was about a third of reading an update and half of
building an alert's keyboard.

``install()`` gives each aiogram class whose only private attribute is ``_bot`` a hook that sets
the private attributes as that chain left them, ``{"_bot": <the context's bot, or None>}``, in one
step. Classes with other private attributes keep pydantic's chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

_PRIVATE = frozenset({"_bot"})


def _post_init(self: Any, context: Any, /) -> None:
    object.__setattr__(self, "__pydantic_private__", {"_bot": context.get("bot") if context else None})


def _subclasses(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def install() -> int:
    """Give aiogram's classes the one-step hook; returns how many got it (idempotent)."""
    from aiogram.client.context_controller import BotContextController

    count = 0
    classes: set[type[BaseModel]] = {BotContextController, *_subclasses(BotContextController)}
    for cls in classes:
        if cls.__module__.startswith("aiogram.") and set(cls.__private_attributes__) == _PRIVATE:
            setattr(cls, "model_post_init", _post_init)  # noqa: B010
            count += 1
    return count


def probe() -> None:
    from aiogram.client.context_controller import BotContextController
    from aiogram.types import Message

    assert set(BotContextController.__private_attributes__) == _PRIVATE, "aiogram objects' private attributes changed"
    install()
    message = Message.model_validate(
        {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}, context={"bot": "the bot"}
    )
    assert message.__pydantic_private__ == {"_bot": "the bot"}
