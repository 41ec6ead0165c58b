"""Otklik: a Telegram assistant for handling negative comments the right way."""

from __future__ import annotations

import sys
from typing import Any

__version__ = "0.1.0"


class _BeforeAiogram:
    """Loads ``bot.compat.lazy_types`` (Telegram types built when first used: ~100 MB less) just before
    aiogram is first imported. Not at ``import bot``: the classifier alone (``python -m bot classify``,
    the benchmarks) never imports aiogram, and pydantic would cost its start-up some 60 ms."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name == "aiogram" or name.startswith("aiogram."):
            _remove()
            import bot.compat.lazy_types  # noqa: F401

        return None  # the ordinary finders import the module


def _remove() -> None:
    if _BeforeAiogram in sys.meta_path:
        sys.meta_path.remove(_BeforeAiogram)


if "aiogram" in sys.modules:  # imported first: the types are all built already, nothing to patch
    import bot.compat.lazy_types  # noqa: F401
else:
    sys.meta_path.insert(0, _BeforeAiogram)
