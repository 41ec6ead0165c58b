"""A doctrine linter for public replies: flags what a brand should never post.

Families (``LintIssue.code``): ``insult``, ``aggression``, ``sarcasm``, ``blame`` (blaming the customer),
``denial`` (denying the complaint or calling it a lie), ``shouting`` (caps, "!!!"), ``threat`` (deletion,
bans, courts), ``placeholder`` (a part the admin must fill in, "[факты]": such a reply is never sent).
Word patterns match on pymorphy3 lemmas, so inflected forms are caught too: "сами виноваты", "сама
виновата" and "сам виноват" are one pattern. The words, patterns and messages are in
``bot/replies/data/lint.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.replies.grammar import morph
from bot.replies.lint_rules import FAMILIES, Rule, lint_rules


@dataclass(frozen=True, slots=True)
class LintIssue:
    code: str
    message_ru: str
    message_en: str
    fragment: str


CODES: frozenset[str] = frozenset(FAMILIES)

_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")
# A word in capitals: shouting when several stand together or one is long ("НИКОГДА").
_CAPS_WORD_RE = re.compile(r"\b[A-ZА-ЯЁ]{2,}(?:-[A-ZА-ЯЁ]+)*\b")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    lemmas: frozenset[str]
    pos: frozenset[str]


@lru_cache(maxsize=16384)
def _analyse(word: str) -> tuple[frozenset[str], frozenset[str]]:
    low = word.lower().replace("ё", "е")
    parses: list[Any] = list(morph().parse(low))
    lemmas = {low} | {str(p.normal_form).replace("ё", "е") for p in parses}
    pos = {str(p.tag.POS) for p in parses if p.tag.POS}
    return frozenset(lemmas), frozenset(pos)


def _tokenise(text: str) -> list[_Tok]:
    out = []
    for m in _WORD_RE.finditer(text):
        lemmas, pos = _analyse(m.group(0))
        out.append(_Tok(m.group(0), m.start(), m.end(), lemmas, pos))
    return out


def _match_rule(rule: Rule, toks: list[_Tok]) -> list[tuple[int, int]]:
    found = []
    for i, tok in enumerate(toks):
        if not tok.lemmas & rule.slots[0]:
            continue
        if rule.unless_before and any(toks[j].lemmas & rule.unless_before for j in range(max(0, i - 2), i)):
            continue
        end = _match_from(rule, toks, 1, i)
        if end is not None:
            found.append((i, end))
    return found


def _may_start(rules: tuple[Rule, ...] | list[Rule], toks: list[_Tok]) -> list[Rule]:
    """The rules whose first slot one of the words fills: no other can match (most of the rules, most
    of the time, so they are not tried word by word)."""
    lemmas = frozenset().union(*(tok.lemmas for tok in toks))
    return [rule for rule in rules if not rule.slots[0].isdisjoint(lemmas)]


def _match_from(rule: Rule, toks: list[_Tok], slot: int, prev: int) -> int | None:
    if slot == len(rule.slots):
        return prev
    for j in range(prev + 1, min(len(toks), prev + 2 + rule.gap)):
        if toks[j].lemmas & rule.slots[slot]:
            end = _match_from(rule, toks, slot + 1, j)
            if end is not None:
                return end
    return None


def _issue(code: str, fragment: str) -> LintIssue:
    ru, en = lint_rules().messages[code]
    return LintIssue(code, ru, en, fragment)


def _threats(text: str, toks: list[_Tok]) -> list[LintIssue]:
    rules = lint_rules()
    issues = []
    for i, tok in enumerate(toks):
        if tok.lemmas & rules.ban_verbs:
            issues.append(_issue("threat", tok.text))
            continue
        if not tok.lemmas & rules.threat_verbs:
            continue
        if tok.pos == {"INFN"} and not any(toks[j].lemmas & rules.threat_modals for j in range(max(0, i - 4), i)):
            continue  # "если вы хотите удалить аккаунт": an infinitive is a threat only after "мы"/"придётся"
        for j in range(max(0, i - 3), min(len(toks), i + 4)):
            near = abs(j - i) <= 2 and toks[j].lemmas & rules.threat_objects_near
            if j != i and (near or toks[j].lemmas & rules.threat_objects):
                a, b = sorted((i, j))
                issues.append(_issue("threat", text[toks[a].start : toks[b].end]))
                break
    return issues


def _shouting(text: str) -> list[LintIssue]:
    issues = [_issue("shouting", m.group(0)) for m in lint_rules().exclaim.finditer(text)]
    words = list(_CAPS_WORD_RE.finditer(text))
    run: list[re.Match[str]] = []

    def flush() -> None:
        letters = sum(len(m.group(0).replace("-", "")) for m in run)
        if run and ((letters >= 7 and len(run) >= 2) or any(len(m.group(0)) >= 5 for m in run)):
            issues.append(_issue("shouting", text[run[0].start() : run[-1].end()]))

    for m in words:
        if run and text[run[-1].end() : m.start()].strip(" ,") != "":
            flush()
            run = []
        run.append(m)
    flush()
    return issues


def lint_reply(text: str) -> list[LintIssue]:
    """Everything in ``text`` that breaks the doctrine; an empty list means the reply is fine."""
    rules = lint_rules()
    toks = _tokenise(text)
    issues: list[LintIssue] = []
    for tok in toks:
        if tok.lemmas & rules.insults:
            issues.append(_issue("insult", tok.text))
    issues.extend(_issue("insult", m.group(0)) for m in rules.mat.finditer(text))
    for rule in _may_start(rules.rules, toks):
        for a, b in _match_rule(rule, toks):
            issues.append(_issue(rule.code, text[toks[a].start : toks[b].end]))
    issues.extend(_threats(text, toks))
    issues.extend(_issue("sarcasm", m.group(0)) for m in rules.sarcasm.finditer(text))
    issues.extend(_shouting(text))
    issues.extend(_issue("placeholder", m.group(0)) for m in rules.placeholder.finditer(text))
    seen: set[tuple[str, str]] = set()
    unique = []
    for issue in issues:
        key = (issue.code, issue.fragment.lower())
        if key not in seen:
            seen.add(key)
            unique.append(issue)
    return unique


def flagged(text: str) -> bool:
    """Whether ``lint_reply(text)`` reports anything, stopping at the first issue found (the clause a
    draft repeats is checked for every candidate clause of every negative comment)."""
    rules = lint_rules()
    toks = _tokenise(text)
    if any(tok.lemmas & rules.insults for tok in toks) or rules.mat.search(text):
        return True
    if any(_match_rule(rule, toks) for rule in _may_start(rules.rules, toks)) or _threats(text, toks):
        return True
    return bool(rules.sarcasm.search(text) or _shouting(text) or rules.placeholder.search(text))


def has_insult(text: str) -> bool:
    """Whether ``lint_reply(text)`` reports an insult, without its other checks (reading a comment
    asks only this, for every negative comment)."""
    rules = lint_rules()
    if any(not _analyse(word)[0].isdisjoint(rules.insults) for word in _WORD_RE.findall(text)):
        return True
    if rules.mat.search(text):
        return True
    insulting = [rule for rule in rules.rules if rule.code == "insult"]
    if not insulting:
        return False  # the words are not made into tokens for rules there are none of
    toks = _tokenise(text)
    return any(_match_rule(rule, toks) for rule in _may_start(insulting, toks))


def is_clean(text: str) -> bool:
    return not lint_reply(text)


def unfilled(text: str) -> list[str]:
    """The parts of ``text`` the admin must still fill in ("[факты]"): the bot never sends such a text."""
    return [m.group(0) for m in lint_rules().placeholder.finditer(text)]
