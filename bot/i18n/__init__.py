"""Everything an admin reads, in Russian (the default) and English: ``t(lang, "alert.title", chat=...)``.

The texts are in ``bot/i18n/data/ru.toml`` and ``en.toml``, read once on first use (see
``bot/i18n/catalog.py`` for what is checked). Values are HTML templates for ``str.format``;
callers escape user-supplied strings before passing them in.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from bot.datafiles import load
from bot.domain.languages import DEFAULT_LANGUAGE, LANGUAGES, language
from bot.i18n.catalog import Catalog, build

if TYPE_CHECKING:
    from bot.domain.verdicts import Label
    from bot.replies.lint import LintIssue

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "catalog",
    "count",
    "keys",
    "label_name",
    "language",
    "lint_warning",
    "pct",
    "span",
    "t",
    "t_gender",
]

# Filled on first use; t() is on the alert path, so it reads this dict directly.
_texts: dict[str, dict[str, str]] = {}
_catalog: Catalog | None = None


def catalog() -> Catalog:
    """The catalog, loaded from the package data on the first call."""
    global _catalog
    if _catalog is None:
        _catalog = build({lang: load("bot.i18n.data", f"{lang}.toml") for lang in LANGUAGES})
        _texts.update(_catalog.texts)
    return _catalog


def t(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang`` (Russian for an unknown language), formatted with ``values``."""
    texts = _texts or catalog().texts
    template = (texts.get(lang) or texts[DEFAULT_LANGUAGE])[key]
    return template.format(**values) if values else template


def t_gender(lang: str, key: str, gender: str | None, **values: object) -> str:
    """The text ``key`` for a person of ``gender`` ("masc", "femn"; None when unknown): "Анна
    отправила ответ", "Борис отправил ответ", "Саша: ответ отправлен"."""
    gendered = catalog().gendered
    forms = gendered[lang] if lang in gendered else gendered[DEFAULT_LANGUAGE]
    template = forms.get(key, {}).get(gender or "")
    if template is None:
        return t(lang, key, **values)
    return template.format(**values) if values else template


def count(lang: str, n: int, word: str, case: str = "nomn") -> str:
    """``n`` with the catalog's ``word.<word>`` agreeing with it: "5 сообщений", "от 2 аккаунтов",
    "1 message", "3 accounts". ``case`` is the Russian case of the whole phrase."""
    noun = t(lang, f"word.{word}")
    if language(lang) == "en":
        return f"{n} {noun}" if n == 1 else f"{n} {t(lang, f'word.{word}_plural')}"
    from bot.replies.grammar import plural_agree

    return plural_agree(n, noun, case)


def keys(lang: str) -> frozenset[str]:
    """The keys that ``lang``'s own file defines (without the Russian fallback)."""
    return catalog().own[lang]


def label_name(lang: str, label: Label | str) -> str:
    # Label is a StrEnum: a label and its value give the same key.
    return t(lang, f"label.{label}")


def lint_warning(lang: str, issues: Iterable[LintIssue]) -> str:
    """The warning an admin gets for a flagged text: each problem and the fragment, escaped."""
    lines = "\n".join(
        f"• {escape(issue.message_en if lang == 'en' else issue.message_ru)}: «{escape(issue.fragment)}»"
        for issue in issues
    )
    return t(lang, "lint.warning", issues=lines)


def span(seconds: int, lang: str) -> str:
    """A short duration: ``45 мин``, ``2 ч 15 мин``, ``3 дн 4 ч``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return t(lang, "span.lt_min")
    minutes = seconds // 60
    if minutes < 60:
        return t(lang, "span.m", m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return t(lang, "span.hm", h=hours, m=minutes) if minutes else t(lang, "span.h", h=hours)
    days, hours = divmod(hours, 24)
    return t(lang, "span.dh", d=days, h=hours) if hours else t(lang, "span.d", d=days)


def pct(share: float) -> str:
    return f"{round(share * 100)}%"
