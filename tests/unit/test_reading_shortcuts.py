"""The shortcuts of reading and drafting give the answers of the long way: the complaint clause checked
best first, the lint that stops at its first issue, the guards' words kept per piece of a draft, and a
comment's own part of its reading shared between the chat's kind and none."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from bot.replies import echo, reading
from bot.replies.compose_files import compose_data
from bot.replies.foreign import _low, guards
from bot.replies.foreign import foreign as speaks_foreign
from bot.replies.lint import flagged, lint_reply

ROOT = Path(__file__).resolve().parents[2]


def _comments() -> list[str]:
    texts: list[str] = json.loads((ROOT / "tests" / "data" / "reply_drafts_texts.json").read_text(encoding="utf-8"))
    for part in sorted((ROOT / "bot" / "replies" / "review" / "data").glob("*.toml")):
        texts += [c["text"] for c in tomllib.loads(part.read_text(encoding="utf-8")).get("comment", [])]
    return list(dict.fromkeys(texts))


COMMENTS = _comments()


def _clause_the_long_way(text: str) -> str | None:
    """echo.complaint_clause as it was written first: every candidate checked, the best kept."""
    if echo._PRAISE.search(text.lower()):
        return None
    best: tuple[tuple[int, int, int], str] | None = None
    for position, sentence in enumerate(echo._SENTENCES.split(text.strip())):
        clauses = echo._CLAUSES.split(sentence)
        if sentence.rstrip().endswith("?"):
            clauses = clauses[:-1]
        turns = [m.span() for m in echo._COLLOQUIAL.finditer(sentence.lower())]
        clauses = [c for c in clauses if not echo._colloquial(sentence, c, turns)]
        parts = [part for clause in clauses if " и " in clause for part in clause.split(" и ")]
        for clause in clauses + parts:
            words = echo._candidate(clause)
            if words is None or not echo._has_verb_of_others(words) or lint_reply(" ".join(words)):
                continue
            said = echo.lower_first(echo._ours(words))
            key = (len(echo._FAILURE.findall(said.lower())), len(said.split()), -position)
            if key[0] and (best is None or key > best[0]):
                best = (key, said)
    return best[1] if best else None


def test_the_clause_checked_best_first_is_the_best_of_all() -> None:
    found = 0
    for text in COMMENTS:
        clause = echo.complaint_clause(text)
        assert clause == _clause_the_long_way(text), text
        found += clause is not None
    assert found > 100  # the comparison is about clauses, not about None against None


@pytest.mark.parametrize(
    "text",
    [
        "Курьер опоздал на час. Потом ещё и нахамил, а заказ привезли холодный.",
        "Я звонила три раза, никто не ответил, деньги не вернули",
        "Заказ не пришёл, поддержка молчит, мы не можем дозвониться",
    ],
)
def test_a_later_clause_wins_when_the_best_ranked_cannot_be_repeated(text: str) -> None:
    assert echo.complaint_clause(text) == _clause_the_long_way(text)


def test_flagged_is_whether_the_lint_reports_anything() -> None:
    texts = [*COMMENTS, "Сами виноваты, надо было читать условия", "Мы вас забаним", "ВЫ ЧТО НЕ ВИДИТЕ!!!"]
    assert sum(flagged(t) for t in texts) > 50
    for text in texts:
        assert flagged(text) is bool(lint_reply(text)), text


def test_a_piece_speaks_foreign_words_as_its_guards_search_it() -> None:
    drafts = tuple(g.draft for g in guards())
    pieces = {
        p.text
        for lang in compose_data().languages.values()
        for t in lang.tables.values()
        for ps in t.pieces.values()
        for p in ps
    }
    own = re.compile(r"скидк")  # a pattern of no guard is searched as it is
    spoken = 0
    for text in sorted(pieces):
        for patterns in (drafts, drafts[:2], drafts[3:], (own,), (drafts[0], own)):
            expected = any(p.search(_low(text)) for p in patterns)
            assert speaks_foreign(text, patterns) is expected, text
            spoken += expected
    assert spoken > 20


@pytest.mark.parametrize("kind", ["cafe", "city", "bank", "clinic", "shop", "vet", None])
def test_a_reading_after_another_kinds_is_the_fresh_one(kind: str | None) -> None:
    texts = COMMENTS[::7]
    for text in texts:
        reading._read.cache_clear()
        reading._own.cache_clear()
        fresh = reading.read_comment(text, kind=kind)
        reading._read.cache_clear()
        reading.read_comment(text, kind="bank" if kind != "bank" else "cafe")
        hits = reading._own.cache_info().hits
        assert reading.read_comment(text, kind=kind) == fresh, text
        assert reading._own.cache_info().hits == hits + 1  # the comment's own part was not read again
