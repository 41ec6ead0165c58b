"""The doctrine linter's word lists, patterns and messages, read once from ``bot/replies/data/lint.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.datafiles import DataFile, load
from bot.replies import datacheck as check

PACKAGE = "bot.replies.data"

# The families the linter reports (``LintIssue.code``), and what each one's table holds besides its
# messages: the bot looks for insults, threats, sarcasm and shouting in ways of its own too.
FAMILIES: dict[str, tuple[str, ...]] = {
    "insult": ("lemmas", "patterns"),
    "blame": ("rules",),
    "denial": ("rules",),
    "aggression": ("rules",),
    "sarcasm": ("patterns", "rules"),
    "threat": ("verbs", "ban_verbs", "modals", "objects_near", "objects", "rules"),
    "shouting": ("patterns",),
    "placeholder": ("patterns",),
}
_OPTIONAL = frozenset({"rules"})


@dataclass(frozen=True, slots=True)
class Rule:
    """A sequence of slots (lemma sets); up to ``gap`` other words may stand between slots."""

    code: str
    slots: tuple[frozenset[str], ...]
    gap: int = 0
    # Skip the match if one of these lemmas stands right before it ("нам нужно было" is self-critique).
    unless_before: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LintRules:
    messages: dict[str, tuple[str, str]]  # code -> (ru, en)
    rules: tuple[Rule, ...]
    insults: frozenset[str]
    mat: re.Pattern[str]
    sarcasm: re.Pattern[str]
    exclaim: re.Pattern[str]
    placeholder: re.Pattern[str]
    threat_verbs: frozenset[str]
    ban_verbs: frozenset[str]  # a threat on their own ("забаним")
    threat_modals: frozenset[str]
    threat_objects_near: frozenset[str]
    threat_objects: frozenset[str]


@lru_cache(maxsize=1)
def lint_rules() -> LintRules:
    return read_lint_rules(load(PACKAGE, "lint.toml"))


def words(text: str) -> frozenset[str]:
    """Lemmas as the linter compares them: ``ё`` written as ``е``."""
    return frozenset(text.replace("ё", "е").split())


def read_lint_rules(file: DataFile) -> LintRules:
    tables = file.table("")
    check.only_keys(file, "", 1, tables, FAMILIES, what="family")
    messages: dict[str, tuple[str, str]] = {}
    rules: list[Rule] = []
    for code in tables:  # the file's order is the order rules are tried in
        table = file.table(code)
        line = file.line_of(code)
        check.only_keys(file, code, line, table, ("ru", "en", *FAMILIES[code]))
        for key in FAMILIES[code]:
            if key not in table and key not in _OPTIONAL:
                raise check.error_at(file, line, f"{code}.{key}", "missing")
        messages[code] = (check.text(file, code, line, table, "ru"), check.text(file, code, line, table, "en"))
        if "rules" in table:
            rules.extend(_rules(file, code, table["rules"]))
    for code in FAMILIES:
        if code not in messages:
            raise file.fail(code, f"missing: every family needs a table ({', '.join(FAMILIES)})")
    return LintRules(
        messages,
        tuple(rules),
        _lemmas(file, "insult.lemmas"),
        _patterns(file, "insult.patterns", r"\b(?:{})\b", re.IGNORECASE),
        _patterns(file, "sarcasm.patterns", "{}", re.IGNORECASE),
        _patterns(file, "shouting.patterns", "{}", 0),
        _patterns(file, "placeholder.patterns", "{}", 0),
        _lemmas(file, "threat.verbs"),
        _lemmas(file, "threat.ban_verbs"),
        _lemmas(file, "threat.modals"),
        _lemmas(file, "threat.objects_near"),
        _lemmas(file, "threat.objects"),
    )


def _lemmas(file: DataFile, where: str) -> frozenset[str]:
    found = file.strings(where)
    for word in found:
        if word != word.lower() or len(word.split()) != 1:
            line = check.line_after(file, file.line_of(where), f'"{word}"')
            raise check.error_at(file, line, where, f"{word!r}: one word in lower case")
    return words(" ".join(found))


def _patterns(file: DataFile, where: str, frame: str, flags: int) -> re.Pattern[str]:
    parts = file.strings(where)
    for part in parts:
        check.regex(file, where, part, flags)
    return check.regex(file, where, frame.format("|".join(parts)), flags)


def _rules(file: DataFile, code: str, found: Any) -> list[Rule]:
    where = f"{code}.rules"
    start = file.line_of(where)
    if not isinstance(found, list) or not found or not all(isinstance(item, dict) for item in found):
        raise check.error_at(file, start, where, "expected a list of { words = [...] } rules")
    out = []
    line = start - 1
    for index, table in enumerate(found):
        line = check.line_after(file, line + 1, "{")  # one rule a line, as the file is written
        at = f"{where}#{index + 1}"
        check.only_keys(file, at, line, table, ("words", "gap", "unless_before"))
        slots = table.get("words")
        if not isinstance(slots, list) or not slots or not all(isinstance(s, str) and s.split() for s in slots):
            raise check.error_at(file, line, f"{at}.words", "expected a non-empty list of non-empty strings")
        gap = table.get("gap", 0)
        if not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= 5:
            raise check.error_at(file, line, f"{at}.gap", f"expected a whole number from 0 to 5, found {gap!r}")
        unless = table.get("unless_before", "")
        if not isinstance(unless, str):
            raise check.error_at(file, line, f"{at}.unless_before", "expected a string of words")
        for text in (*slots, unless):
            if text != text.lower():
                raise check.error_at(file, line, at, f"{text!r}: write words in lower case")
        out.append(Rule(code, tuple(words(s) for s in slots), gap, words(unless)))
    return out
