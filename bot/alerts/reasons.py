"""A verdict's reasons as short phrases in the reader's language, from their codes and words.

The classifier gives codes and the words that triggered them (``bot.classifier.Reason``); storage
keeps them so. The phrases are ``reason.<code>`` and ``reason.cue.<cue>`` in the text catalog
(``bot/i18n/data/ru.toml``, ``en.toml``). A case stored by an older version holds its reasons as
Russian prose: those are shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from html import escape as html_escape

from bot.classifier import Cue, Reason, ReasonCode
from bot.datafiles import load

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"


def _as_is(text: str) -> str:
    return text


@cache
def phrases(lang: str) -> dict[str, str]:
    """``reason.*`` of one language as a flat table (``quote``, the codes, ``cue.<cue>``), checked."""
    data = load("bot.i18n.data", f"{lang}.toml")
    table = data.table("reason")
    out: dict[str, str] = {}
    for key, value in table.items():
        items = value.items() if isinstance(value, dict) else [("", value)]
        for sub, text in items:
            where = f"reason.{key}.{sub}" if sub else f"reason.{key}"
            if not isinstance(text, str) or not text:
                raise data.fail(where, "expected a phrase (a non-empty string)")
            out[where.removeprefix("reason.")] = text
    needed = ["quote", *(code.value for code in ReasonCode), *(f"cue.{cue.value}" for cue in Cue)]
    missing = [key for key in needed if key not in out]
    if missing:
        raise data.fail("reason", f"no phrase for {', '.join(missing)}")
    return out


def reason_text(lang: str, reason: Reason | str, escape: Callable[[str], str] = _as_is) -> str:
    """One reason as a phrase in ``lang`` (Russian for any other); ``escape`` is applied to what the
    author wrote (the words, and a stored legacy phrase)."""
    if isinstance(reason, str):
        return escape(reason)
    table = phrases(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    named = [table["quote"].format(word=escape(word)) for word in reason.words]
    named += [table[f"cue.{cue.value}"] for cue in reason.cues]
    count = escape(reason.words[0]) if reason.words else ""
    return table[reason.code.value].format(words=", ".join(named), n=count)


def reasons_html(lang: str, reasons: Iterable[Reason | str]) -> str:
    """The reasons of a verdict for an HTML message, the author's words escaped."""
    return "; ".join(reason_text(lang, reason, html_escape) for reason in reasons)
