"""The classifier's cheap pre-checks give the answers of the checks they stand in for."""

from __future__ import annotations

import pytest

from bot.classifier import normalize as N
from bot.classifier.prefixes import PrefixBits

WORDS = ["", "а", "за", "заказ", "заказали", "курьер", "курьеры", "нахамил", "отравился", "don't", "ёж", "z"]
LISTS = [
    (1, ("зак", "курьер")),
    (2, ("нах", "отрав", "заказали")),
    (4, ("don",)),
    (8, ()),
    (16, ("",)),  # the empty stem starts every word
    (32, ("курьеры-доставщики",)),  # longer than any word here
]


@pytest.mark.parametrize("word", WORDS)
def test_prefix_bits_are_the_startswith_of_each_list(word: str) -> None:
    bits = PrefixBits(LISTS).bits(word)
    expected = 0
    for bit, stems in LISTS:
        if word.startswith(stems):
            expected |= bit
    assert bits == expected


def test_prefix_bits_with_no_lists_say_nothing() -> None:
    assert PrefixBits(()).bits("заказ") == 0


TEXTS = [
    "ура :D",
    "ура :-р и ;d",
    "встреча в 10:00, потом в 12:30",
    "список: хлеб, молоко",
    "спасибо)) всё пришло",
    "ну хд",
    "lol xd",
    "з а д о л б а л и",
    "х.р.е.н вам",
    "а и б в",
    "пишите на shop.ru или https://t.me/channel",
    "www.example.org/page",
    "цена 1.5 тыс. руб.",
    "ссылка t.me/abc",
    "Всё. Хватит.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_hints_never_miss_what_the_full_patterns_find(text: str) -> None:
    low = text.lower()
    # a spelt-out word, a link: the hint is found wherever the full pattern is
    if N._SPACED.search(text) is not None:
        assert N._SPACED_HINT.search(text) is not None
    if N._URL.search(low) is not None:
        assert N._URL_HINT.search(low) is not None
    # without ")", "хд" and "xd" the faces' branch alone counts the same
    if ")" not in low and "хд" not in low and "xd" not in low:
        assert len(N._HAPPY_FACE.findall(low)) == len(N._HAPPY.findall(low))


@pytest.mark.parametrize(("text", "happy"), [("ура :D", 1), ("ура :-р и ;d", 2), ("в 10:00", 0), ("ок))", 1)])
def test_happy_faces_counted(text: str, happy: int) -> None:
    assert N.normalize(text).happy == happy


@pytest.mark.parametrize(
    ("text", "word"), [("з а д о л б а л и", "задолбали"), ("х.р.е.н вам", "хрен"), ("ну з-а-ч-е-м так", "зачем")]
)
def test_spelt_out_words_still_joined(text: str, word: str) -> None:
    assert word in N.normalize(text).tokens


@pytest.mark.parametrize("text", ["пишите на shop.ru", "https://t.me/channel тут", "WWW.Example.org/page"])
def test_links_still_found(text: str) -> None:
    assert N.normalize(text).urls
