"""Answers to claims nobody has checked yet: what will be checked and what would show it, no apology.

«Простите, что так вышло» under «недолив на колонке 4» or «ваша щётка поцарапала машину» admits the act
in public before anyone has looked at the pump or the camera; a community manager acknowledges the
report, says what will be checked (the pump's readings, the cameras, the batch) and asks for the
evidence the author has not given. The texts and what each claim is checked against are in
``data/claims.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import load
from bot.replies import datacheck as check
from bot.replies.complaint_clause import complaint_clause
from bot.replies.compose_files import PACKAGE

LANGS = ("ru", "uk", "en")
_WORDS = ("ack", "ack_bare", "said", "check", "evidence_given", "evidence")


@dataclass(frozen=True, slots=True)
class ClaimTexts:
    ack: str
    said: str
    ack_bare: str
    check: str
    evidence_given: str
    evidence: str
    photos: re.Pattern[str]
    checks: tuple[tuple[re.Pattern[str], str], ...]
    lying: re.Pattern[str]
    lie_checks: tuple[tuple[re.Pattern[str], str], ...]


@dataclass(frozen=True, slots=True)
class Claims:
    damage: re.Pattern[str]
    texts: dict[str, ClaimTexts]


@lru_cache(maxsize=1)
def claims() -> Claims:
    file = load(PACKAGE, "claims.toml")
    damage = file.strings("damage")
    for part in damage:
        check.regex(file, "damage", part, re.IGNORECASE)
    texts = {}
    for lang in LANGS:
        table = file.table(lang)
        line = file.line_of(lang)
        words = {key: check.text(file, lang, line, table, key) for key in _WORDS}
        photos = check.regex(file, f"{lang}.photos", check.text(file, lang, line, table, "photos"), re.IGNORECASE)
        lying = check.regex(file, f"{lang}.lying", check.text(file, lang, line, table, "lying"), re.IGNORECASE)
        found: dict[str, list[tuple[re.Pattern[str], str]]] = {"checks": [], "lie_checks": []}
        for key, listed in found.items():
            for item in table.get(key, []):
                pattern = check.text(file, f"{lang}.{key}", line, item, "pattern")
                said = check.text(file, f"{lang}.{key}", line, item, "text")
                listed.append((check.regex(file, f"{lang}.{key}", pattern, re.IGNORECASE), said))
        texts[lang] = ClaimTexts(
            photos=photos,
            checks=tuple(found["checks"]),
            lying=lying,
            lie_checks=tuple(found["lie_checks"]),
            **words,
        )
    return Claims(re.compile("|".join(f"(?:{p})" for p in damage), re.IGNORECASE), texts)


def damage_claim(text: str) -> bool:
    """The comment says the business or its staff damaged something of the author's."""
    return bool(claims().damage.search(text))


def claim_answer(text: str, lang: str, *, named: bool, ids: str = "") -> list[str]:
    """The sentences of the answer: the report taken seriously, what is checked, the evidence asked for."""
    t = claims().texts[lang]
    first = (*t.lie_checks, *t.checks) if t.lying.search(text) else t.checks
    what = next((line for pattern, line in first if pattern.search(text)), t.check)
    clause = complaint_clause(text, lang) if lang in ("ru", "en") else None
    if clause:
        said = t.said.format(clause=clause)
        parts = [said if named else said[:1].upper() + said[1:], what]
    else:
        parts = [t.ack if named else t.ack_bare, what]
    parts.append(t.evidence_given if t.photos.search(text) else t.evidence)
    return parts


def specific_check(text: str, lang: str) -> bool:
    """The claim names something that can be checked (a pump, the cameras, a batch)."""
    return lang in claims().texts and any(pattern.search(text) for pattern, _ in claims().texts[lang].checks)


def lying_claim(text: str, lang: str) -> bool:
    """The author calls the business a liar: the claim is checked, never apologised for as «what happened»."""
    return lang in claims().texts and bool(claims().texts[lang].lying.search(text))
