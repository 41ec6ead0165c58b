"""Normalisation: case, ё, stretched letters, look-alikes, masked profanity, emoji, shouting."""

from __future__ import annotations

import pytest

from bot.classifier.normalize import MAX_CHARS, normalize, unmask


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("ОЧЕНЬ Плохо", ["очень", "плохо"]),
        ("Всё ещё жду", ["все", "еще", "жду"]),
        ("оооочень долгоооо", ["очень", "долго"]),
        ("xopoшo", ["хорошо"]),
        ("дocтaвкa", ["доставка"]),
        ("спасибо, всё пришло!", ["спасибо", "все", "пришло"]),
        ("класс 2024 года", ["класс", "года"]),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert normalize(text).tokens == tokens


@pytest.mark.parametrize(
    ("masked", "word"),
    [
        ("х*р", "хер"),
        ("бл@", "бля"),
        ("п#здец", "пиздец"),
        ("с*ка", "сука"),
        ("ху*ня", "хуйня"),
        ("е*ать", "ебать"),
    ],
)
def test_masked_profanity_is_recognised(masked: str, word: str) -> None:
    assert unmask(masked) == word
    norm = normalize(f"ну {masked} же")
    assert word in norm.tokens
    assert norm.masked == [word]


@pytest.mark.parametrize("text", ["пл*тить", "цена 5*3", "e-mail@", "пароль ****"])
def test_ordinary_masks_are_not_profanity(text: str) -> None:
    assert normalize(text).masked == []


def test_emoji_links_mentions_hashtags() -> None:
    norm = normalize("Бойкот! @other_channel https://t.me/x #бойкот 🤡👍")
    assert norm.emojis == ["🤡", "👍"]
    assert norm.mentions == ["@other_channel"]
    assert norm.urls == ["https://t.me/x"]
    assert norm.hashtags == ["бойкот"]
    assert "other" not in " ".join(norm.tokens)


@pytest.mark.parametrize(
    ("text", "caps_high", "exclaim_runs", "question_runs"),
    [
        ("ВЫ ЧТО ТВОРИТЕ!!!", True, 1, 0),
        ("вы что творите", False, 0, 0),
        ("где мой заказ???", False, 0, 1),
        ("Когда? Где?", False, 0, 0),
    ],
)
def test_shouting(text: str, caps_high: bool, exclaim_runs: int, question_runs: int) -> None:
    norm = normalize(text)
    assert (norm.caps_ratio > 0.6) is caps_high
    assert norm.exclaim_runs == exclaim_runs
    assert norm.question_runs == question_runs


@pytest.mark.parametrize(
    "text", ["", "   ", "\x00\x01\x02", "😀" * 50, "a" * 1_000_000, "\ud800", "🤡" * 10_000, "*@#$%" * 1000]
)
def test_never_raises_and_bounds_length(text: str) -> None:
    norm = normalize(text)
    assert len(norm.raw) <= MAX_CHARS


def test_huge_input_is_truncated() -> None:
    norm = normalize("плохо " * 100_000)
    assert norm.truncated
    assert len(norm.tokens) <= MAX_CHARS
