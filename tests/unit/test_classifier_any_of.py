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
