"""bot.replies.screen: a pattern is left unrun only when it cannot match the text."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.replies import reading
from bot.replies.reading import normalise
from bot.replies.screen import Screen, needs, plain

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "bot" / "replies" / "review" / "data"


def _comments() -> list[str]:
    texts: list[str] = json.loads((ROOT / "tests" / "data" / "reply_drafts_texts.json").read_text(encoding="utf-8"))
    for part in sorted(REVIEW.glob("*.toml")):
        texts += [c["text"] for c in tomllib.loads(part.read_text(encoding="utf-8")).get("comment", [])]
    return texts


@pytest.mark.parametrize(
    ("pattern", "flags", "fold", "pieces"),
    [
        ("дважды", 0, False, {"дважды"}),
        ("верн[её]те деньги", 0, False, {"вернете деньги", "вернёте деньги"}),
        # the longest of the pieces every match holds
        ("(?:курьер|никто|водитель)[^.!?]{0,20}не ", 0, False, {"курьер", "никто", "водитель"}),
        # re's parser takes the common start out of the branch: "не при" is in every match
        ("(?:курьер|никто|водитель)[^.!?]{0,20}не (?:приехал|пришел)", 0, False, {"не при"}),
        (r"двойн[а-я]* списани", 0, False, {" списани"}),
        (r"(?<![\w'’])(?:доставк|курьер)", 0, False, {"доставк", "курьер"}),
        ("(?:abc)?xy", 0, False, {"xy"}),
        ("a|[0-9]+", 0, False, None),  # one way to match holds no letter at all
        ("Промокод", re.IGNORECASE, False, None),  # case ignored: read only to be folded
        ("ПРОМО(?:КОД|code)", re.IGNORECASE, True, {"промо"}),  # pieces in lower case
        ("ſale", re.IGNORECASE, True, None),  # a letter whose cases do not map one to one
    ],
)
def test_needs_reads_the_pieces_every_match_holds(
    pattern: str, flags: int, fold: bool, pieces: set[str] | None
) -> None:
    found = needs(re.compile(pattern, flags), fold=fold)
    assert (set(found) if found is not None else None) == pieces


def test_plain_text_is_latin_and_cyrillic_letters() -> None:
    assert plain("Заказ №5, курьер «не приехал» 😡 — where's my order?")
    assert not plain("ſale")  # long s: a case-insensitive "s" matches it, "ſ".lower() is itself
    assert not plain("İstanbul")  # lower-cases to two letters
    assert not plain("ᲀот")  # rounded Cyrillic ve: matches "в" ignoring case


def test_a_folded_pattern_runs_for_a_text_with_other_letters() -> None:
    rx = re.compile("sale", re.IGNORECASE)
    screen = Screen((), (rx,))
    assert rx.search("ſale")  # the premise: re matches the long s ignoring case
    assert 0 in screen.candidates("ſale".lower(), plain("ſale"))
    assert screen.candidates("bargain", plain("bargain")) == set()
    assert screen.candidates("big sale", plain("BIG SALE")) == {0}


def test_the_reading_patterns_that_match_are_never_screened_out() -> None:
    """Over every comment of the review sets and the drafts snapshot: each flag, topic or fact
    pattern (and each of reading.py's own that search the text as written) that finds something is
    among the candidates."""
    screened = reading._screened()
    patterns = screened.screen.patterns
    folded = {place for _name, places in screened.value_places for place in places} | set(screened.here.values())
    checked = matched = 0
    for text in _comments():
        low = normalise(text)
        run = screened.screen.candidates(low, plain(text))
        for place, rx in enumerate(patterns):
            if rx.search(text if place in folded else low):
                matched += 1
                assert place in run, (text, rx.pattern)
        checked += 1
    assert checked > 1000 and matched > 2000
    # and the screen leaves most patterns unrun
    assert sum(len(screened.screen.candidates(normalise(t), plain(t))) for t in _comments()) < checked * 60


_PIECES = ["не ", "дважды", "курьер", "вернёте", "деньги", " ", ",", "Заказ", "ЗАКАЗ", "ſ", "İ", "ё", "пвз", "1", "."]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_any_text_of_pattern_pieces(text: str) -> None:
    screened = reading._screened()
    folded = {place for _name, places in screened.value_places for place in places} | set(screened.here.values())
    run = screened.screen.candidates(normalise(text), plain(text))
    for place, rx in enumerate(screened.screen.patterns):
        if rx.search(text if place in folded else normalise(text)):
            assert place in run, (text, rx.pattern)
