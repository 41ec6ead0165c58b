"""A verdict's reasons as short phrases in the reader's language, from their codes and words.

The classifier gives codes and the words that triggered them (``bot.classifier.Reason``); storage
keeps them so. The phrases are ``reason.<code>`` and ``reason.cue.<cue>`` in the text catalog
(``bot/i18n/data/ru.toml``, ``en.toml``; a test checks every code and cue has one in both). A case
stored by an older version holds its reasons as Russian prose: those are shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape as html_escape

from bot.domain.languages import LANGUAGES
from bot.domain.verdicts import Reason
from bot.i18n import t

__all__ = ["LANGUAGES", "reason_text", "reasons_html"]


def _as_is(text: str) -> str:
    return text


def reason_text(lang: str, reason: Reason | str, escape: Callable[[str], str] = _as_is) -> str:
    """One reason as a phrase in ``lang`` (Russian for any other); ``escape`` is applied to what the
    author wrote (the words, and a stored legacy phrase)."""
    if isinstance(reason, str):
        return escape(reason)
    named = [t(lang, "reason.quote", word=escape(word)) for word in reason.words]
    named += [t(lang, f"reason.cue.{cue.value}") for cue in reason.cues]
    count = escape(reason.words[0]) if reason.words else ""
    return t(lang, f"reason.{reason.code.value}", words=", ".join(named), n=count)


def reasons_html(lang: str, reasons: Iterable[Reason | str]) -> str:
    """The reasons of a verdict for an HTML message, the author's words escaped."""
    return "; ".join(reason_text(lang, reason, html_escape) for reason in reasons)
