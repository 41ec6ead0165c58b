"""``any_of``: the gate the rules test before their own patterns finds a text exactly when one of its
pieces is in it, whatever characters the pieces hold."""

from __future__ import annotations

import pytest

from bot.classifier.prefilter import any_of

PIECES = ("3.5", "(да)", "спасиб")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("цена 3.5 тыс", True),
        ("цена 305 тыс", False),
        ("был (да)", True),
        ("спасибо", True),
        ("Спасибо", False),
        ("", False),
    ],
)
def test_any_of_finds_a_text_exactly_when_a_piece_is_in_it(text: str, found: bool) -> None:
    assert (any_of(PIECES).search(text) is not None) is found
    assert any(p in text for p in PIECES) is found


def test_any_of_refuses_no_pieces() -> None:
    with pytest.raises(ValueError):
        any_of(())


WORD_PIECES = ("сетк", "брон", "бронь", "thank", "лёд", "4g")


@pytest.mark.parametrize(
    "text",
    [
        "сетка порвалась",
        "на сетке дыра",
        "бронь сняли",
        "брон",
        "забронировали",
        "сет ка",
        "thanks a lot",
        "thankyou",
        "на льду",
        "лёд",
        "лед тронулся",
        "сеть 4g пропала",
        "4 g",
        "под_сетка",
        "пол-сетки",
        "",
    ],
)
def test_a_gate_of_word_pieces_finds_what_the_pieces_do(text: str) -> None:
    # the pieces share their beginnings in the pattern ("брон" ends "бронь"'s branch): the answer is the same
    gate = any_of(WORD_PIECES)
    for _ in range(2):
        assert (gate.search(text) is not None) is any(p in text for p in WORD_PIECES)


def test_gates_agree_with_substring_tests_on_many_texts() -> None:
    import random

    rng = random.Random(3)
    pieces = ("ab", "abc", "bca", "c_a", "ba")
    gates = (any_of(pieces), any_of(("ab", "ba")), any_of(("a b", "cc")))
    sets = (pieces, ("ab", "ba"), ("a b", "cc"))
    for _ in range(2000):
        text = "".join(rng.choice("abc _.") for _ in range(rng.randint(0, 12)))
        for gate, ps in zip(gates, sets, strict=True):
            assert (gate.search(text) is not None) is any(p in text for p in ps), (text, ps)
