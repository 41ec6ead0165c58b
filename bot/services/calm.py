"""Whether a later message from the author sounds like they calmed down or took it back.

The phrases are in ``bot/services/data/calm.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.replies import datacheck as check


@lru_cache(maxsize=1)
def calm_phrases() -> re.Pattern[str]:
    """The phrases as one pattern, read and checked on first use (call it at start to check early)."""
    return read_calm(load("bot.services.data", "calm.toml"))


def read_calm(file: DataFile) -> re.Pattern[str]:
    check.only_keys(file, "", 1, file.table(""), ("phrases",))
    phrases = file.strings("phrases")
    for phrase in phrases:
        check.regex(file, "phrases", phrase, re.IGNORECASE)
    return check.regex(file, "phrases", r"\b(?:" + "|".join(phrases) + ")", re.IGNORECASE)


def sounds_calm(text: str) -> bool:
    return bool(calm_phrases().search(text[:2000]))
