"""bot.replies.caseless: the lower-case twin finds what the case-insensitive pattern finds, where it finds it."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.replies import grounding, reading, shapes
from bot.replies.caseless import Caseless, twin

ROOT = Path(__file__).resolve().parents[2]


def _comments() -> list[str]:
    texts: list[str] = json.loads((ROOT / "tests" / "data" / "reply_drafts_texts.json").read_text(encoding="utf-8"))
    for part in sorted((ROOT / "bot" / "replies" / "review" / "data").glob("*.toml")):
        texts += [c["text"] for c in tomllib.loads(part.read_text(encoding="utf-8")).get("comment", [])]
    return texts


def _caseless_patterns() -> list[re.Pattern[str]]:
    found = []
    for module in (shapes, grounding, reading):
        for value in vars(module).values():
            if isinstance(value, Caseless):
                value = value.rx
            if isinstance(value, re.Pattern) and value.flags & re.IGNORECASE:
                found.append(value)
    return found


@pytest.mark.parametrize(
    ("pattern", "has_twin"),
    [
        (r"травм|\bfell\b|жж[её]т", True),
        (r"(?<![а-яё])лох|упал[аи]? (?:на|с)", True),
        (r"[а-яa-z]+ \d", True),
        (r"[А-ЯЁа-яё]+", True),  # capitals with their lower case beside them
        (r"[A-ZА-ЯЁa-z]{0,3}-?\d", False),  # Cyrillic capitals without their lower case
        (r"Травм", False),
        (r"(?-i:I)|me", False),  # a part that is not case-insensitive
        (r"(а)\1", False),  # a back-reference compares ignoring case
        (r"ſ|k", False),  # not a Latin or Cyrillic letter
    ],
)
def test_a_twin_only_where_lower_case_says_the_same(pattern: str, has_twin: bool) -> None:
    assert (twin(re.compile(pattern, re.IGNORECASE)) is not None) is has_twin


def test_the_shapes_patterns_have_twins() -> None:
    # what the speed of a negative comment's draft depends on: these are searched for every one
    assert shapes._SAFETY._twin is not None and shapes._ACCUSATION._twin is not None
    assert all(rx._twin is not None for _key, rx in shapes._QUESTIONS)


@pytest.mark.parametrize(
    "text",
    [
        "ТРАВМА на входе",
        "Сын Упал На Лестнице",
        "He FELL down",
        "İnjury at the gym",  # a capital whose lower case is two letters: the pattern itself searches
        "K",  # the Kelvin sign matches «k» ignoring case, not once lower-cased
        "ſcam",
    ],
)
def test_found_as_the_pattern_finds(text: str) -> None:
    for rx in (
        re.compile(r"травм|упал[аи]? на|\bfell\b|injur", re.IGNORECASE),
        re.compile(r"k|scam", re.IGNORECASE),
    ):
        assert Caseless(rx).found(text) is (rx.search(text) is not None)


def test_every_comment_gets_the_same_answer_from_the_twins() -> None:
    comments = _comments()
    for rx in _caseless_patterns():
        caseless = Caseless(rx)
        for text in comments:
            assert caseless.found(text) is (rx.search(text) is not None), (rx.pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЖЗОПРСТУФЫЯabcdefgklmnorsABCKRS İſ .,!?-'\"0123"))
def test_random_texts_get_the_same_answer(text: str) -> None:
    for rx in _caseless_patterns():
        assert Caseless(rx).found(text) is (rx.search(text) is not None), (rx.pattern, text)
