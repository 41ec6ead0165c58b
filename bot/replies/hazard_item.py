"""The worn or broken thing a hazard draft names («A worn rope», «Пошкоджена сходинка»), in English and
Ukrainian: the phrases are data (``bot/replies/data/hazard_items.toml``)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.datafiles import load
from bot.replies import datacheck as check

PACKAGE = "bot.replies.data"
LANGS = ("en", "uk")


@lru_cache(maxsize=1)
def _items() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    file = load(PACKAGE, "hazard_items.toml")
    check.only_keys(file, "", 1, file.table(""), LANGS)
    found = {}
    for lang in LANGS:
        table = file.table(lang)
        pairs = []
        for pattern, phrase in table.items():
            if not isinstance(phrase, str) or not phrase:
                raise file.fail(f"{lang}.{pattern}", "expected a phrase")
            pairs.append((check.regex(file, f"{lang}.{pattern}", pattern, re.IGNORECASE), phrase))
        found[lang] = tuple(pairs)
    return found


def hazard_item(text: str, lang: str) -> str | None:
    """The phrase for the thing the comment ``text`` names first, or ``None``."""
    low = text.lower()
    best: tuple[int, str] | None = None
    for pattern, phrase in _items().get(lang, ()):
        match = pattern.search(low)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), phrase)
    return best[1] if best else None
