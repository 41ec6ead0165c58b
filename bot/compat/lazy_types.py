"""Build aiogram's Telegram types on first use instead of all of them at import.

aiogram declares its ~400 types with ``defer_build=True``, then ``aiogram/types/__init__.py``
calls ``model_rebuild`` on every one of them to resolve their forward references, which builds
them all at once. A type built before the types of its fields carries its own copy of their
validators, so importing aiogram takes about 160 MB, most of Otklik's memory. The bot uses a
handful of them (``Update`` and what the methods it calls return).

Importing this module before aiogram wraps ``BaseModel.model_rebuild`` for aiogram's classes: the
import's sweep builds nothing and only hands over the namespace that resolves the forward
references. A type, a method (whose build fails at class creation while the types are unbuilt) or
a generic response is then built by pydantic the first time it is used, through ``model_rebuild``,
which gets that namespace back. The validators are the same, built from the same definitions;
only the time differs. Other pydantic models pass through untouched.

If aiogram was imported before this module, nothing changes: everything is already built.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

_namespace: dict[str, Any] = {}


def _lazy_rebuild(
    cls: type[BaseModel],
    *,
    force: bool = False,
    raise_errors: bool = True,
    _parent_namespace_depth: int = 2,
    _types_namespace: dict[str, Any] | None = None,
) -> bool | None:
    if cls.__module__.startswith("aiogram."):
        if _types_namespace is not None and cls.__module__.startswith("aiogram.types."):
            # aiogram's import-time sweep, the only caller that passes a namespace: keep it, build
            # nothing.
            if not _namespace:
                _namespace.update(_types_namespace)
            return None
        if _types_namespace is None:
            # pydantic's placeholder validator rebuilding a type, a method or a generic
            # response (``Response[list[Update]]``) on first use.
            _types_namespace = _namespace
    return _original(
        cls,
        force=force,
        raise_errors=raise_errors,
        _parent_namespace_depth=_parent_namespace_depth,
        _types_namespace=_types_namespace,
    )


_original: Callable[..., bool | None] = BaseModel.model_rebuild.__func__  # type: ignore[attr-defined]


def _install() -> None:
    # Only the hook: aiogram itself is imported by whoever needs it (the classifier alone does not).
    if "aiogram.types" not in sys.modules:
        setattr(BaseModel, "model_rebuild", classmethod(_lazy_rebuild))  # noqa: B010


_install()


# pydantic caches a parametrized generic such as ``Response[Message]`` only while something refers
# to it. aiogram parametrizes ``Response`` for every answer it reads; once the class is collected,
# the next answer builds it again, and built lazily that means the whole ``Message`` tree, some
# 70 ms with the event loop stopped. These are kept for the life of the process.
_kept: list[type[BaseModel]] = []


def warm_up() -> None:
    """Build what every run uses, at start-up, so the first updates are not slowed by it."""
    from aiogram import methods, types
    from aiogram.methods.base import Response

    from bot.compat import bot_context

    bot_context.install()

    # Message first: the models built after it (Update, the answers of sendMessage and of edits)
    # reuse its validator instead of each building a copy of the whole tree (about 4.5 MB less).
    for model in (
        types.Message,
        types.Update,
        types.InlineKeyboardMarkup,
        types.InlineKeyboardButton,
        types.ReplyParameters,
        types.LinkPreviewOptions,
    ):
        model.model_rebuild()
    for method in (
        methods.GetUpdates,
        methods.GetMe,
        methods.SendMessage,
        methods.EditMessageText,
        methods.EditMessageReplyMarkup,
        methods.AnswerCallbackQuery,
        methods.GetChat,
        methods.GetChatMember,
        methods.GetChatAdministrators,
    ):
        method.model_rebuild()
        response = Response[method.__returning__]  # type: ignore[name-defined]
        response.model_rebuild()
        if response not in _kept:
            _kept.append(response)


def probe() -> None:
    import inspect

    import aiogram.types

    assert "_types_namespace" in inspect.signature(_original).parameters, "model_rebuild lost _types_namespace"
    sweep = inspect.getsource(aiogram.types)
    assert "model_rebuild(" in sweep and "_types_namespace" in sweep, "aiogram's import-time sweep changed"
