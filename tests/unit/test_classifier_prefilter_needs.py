"""``Prefilter``: a phrase pattern is gated by a rarer word it must hold, not only by its first word, and
never skipped on a text it matches."""

from __future__ import annotations

import random
import re

import pytest

from bot.classifier.prefilter import Prefilter, pattern_needs

PATTERNS = (
    re.compile(r"\b(?:толку\s+(?:нет|никакого)|нет\s+слов|(?:да\s+)?провалитесь|а\s+не\s+\w{4,})"),
    re.compile(r"\b(?:в\s+(?:очередной|который)\s+раз|снова\s+двадцать\s+пять)\b"),
    re.compile(r"(?:\w+\s+){1,2}?откат\w*"),
    re.compile(r"\bне\s*,?\s*(?:могу|хочу)\s+больше\b"),
)
_VOCABULARY = (
    "толку нет никакого слов да провалитесь а не снова двадцать пять в очередной который раз откат откаты могу "
    "хочу больше сил тут нетто"
)
WORDS = tuple(_VOCABULARY.split())


def _bits(pf: Prefilter, text: str) -> int:
    bits = 0
    for tok in text.split():
        bits |= pf.token_bits(tok)
    return bits


def test_a_rarer_word_inside_the_phrase_is_the_gate() -> None:
    needs = pattern_needs(PATTERNS[1])
    assert needs is not None
    assert {piece for piece, _starts, _ends in needs} == {"очередной", "который", "двадцать"}
    pf = Prefilter(PATTERNS)
    assert not _bits(pf, "в магазине снова нет") & pf.bit(PATTERNS[1])
    assert _bits(pf, "в который раз") & pf.bit(PATTERNS[1])


@pytest.mark.parametrize("text", ["нет слов", "толку никакого", "да провалитесь вы", "провалитесь", "а не купить"])
def test_every_phrase_of_the_alternation_still_opens_its_gate(text: str) -> None:
    pf = Prefilter(PATTERNS)
    assert PATTERNS[0].search(text)
    assert _bits(pf, text) & pf.bit(PATTERNS[0])


def test_no_text_a_pattern_matches_is_gated_off() -> None:
    rng = random.Random(7)
    pf = Prefilter(PATTERNS)
    matched = 0
    for _ in range(20000):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 7)))
        bits = _bits(pf, text)
        for rx in PATTERNS:
            if rx.search(text):
                matched += 1
                assert bits & pf.bit(rx), (rx.pattern, text)
    assert matched > 1000


def test_a_raw_pattern_is_gated_by_its_rarer_word_too() -> None:
    raw = re.compile(r"\b(?:ну\s+и\s+(?:сервис|доставочка)|а\s+ещ[её]\s+обещали)")
    pf = Prefilter((), raw_patterns=(raw,), lookalikes={ord("c"): "с"})
    bit = pf.bit(raw)
    assert not _bits(pf, "ну и ну") & bit
    for text in ("ну и сервис", "ну и доставочка", "а еще обещали", "а ещё обещали"):
        assert raw.search(text)
        assert _bits(pf, text) & bit, text
