"""The languages Otklik speaks to admins and drafts replies in."""

from __future__ import annotations

DEFAULT_LANGUAGE = "ru"
LANGUAGES = ("ru", "en")


def language(code: str | None) -> str:
    """Pick a supported language from a chat setting or a Telegram language_code."""
    if code and code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE
