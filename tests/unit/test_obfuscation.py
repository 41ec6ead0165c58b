"""Obfuscation does not hide a comment: invisible characters, soft hyphens, Latin look-alikes, letters
spelt out one by one, masked mat and stretched letters are undone before the rules and the model read."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.classifier import MessageIn, RulesClassifier, create_classifier
from bot.classifier.normalize import normalize

# Negative comments of several kinds, written for this test.
NEGATIVE = (
    "Задолбали уже со своими опозданиями, третий раз курьер срывает доставку",
    "Вы там совсем обнаглели, деньги списали а заказа нет",
    "Отвратительный сервис, никому не советую",
    "Мошенники, верните деньги за подписку",
    "Всем отписываться от этого позорного канала!",
    "Приложение опять сломалось, не могу войти в личный кабинет",
    "Идиоты, кто вас вообще на работу берёт",
    "Ужасное обслуживание, ждали час и принесли холодную пиццу",
)
_LOOKALIKE = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "м": "m", "т": "t"}
_WORD = re.compile(r"[а-яё]{4,}", re.IGNORECASE)


def _obfuscate(text: str, kind: str, pick: int, pos: int) -> str:
    words = list(_WORD.finditer(text))
    m = words[pick % len(words)]
    word = m.group()
    at = 1 + pos % (len(word) - 1)
    if kind == "zero_width":
        new = word[:at] + "\u200b" + word[at:]
    elif kind == "soft_hyphen":
        new = word[:at] + "\u00ad" + word[at:]
    elif kind == "joiner":
        new = word[:at] + "\u2060" + word[at:]
    elif kind == "lookalike":
        new = "".join(_LOOKALIKE.get(ch, ch) if i % 2 == pos % 2 else ch for i, ch in enumerate(word))
    elif kind == "spaced":
        new = " ".join(word)
    else:  # stretched: a letter that is not doubled already, said 3-5 times
        ch = word[at]
        if word[at - 1].lower() == ch.lower() or (at + 1 < len(word) and word[at + 1].lower() == ch.lower()):
            return text
        new = word[:at] + ch * (3 + pos % 3) + word[at + 1 :]
    return text[: m.start()] + new + text[m.end() :]


KINDS = ("zero_width", "soft_hyphen", "joiner", "lookalike", "spaced", "stretched")


@pytest.fixture(scope="module")
def judges() -> list[RulesClassifier]:
    out: list[RulesClassifier] = [RulesClassifier(), create_classifier(learned=True)]
    return out


@pytest.mark.parametrize("text", NEGATIVE)
def test_the_plain_comments_are_negative(judges: list[RulesClassifier], text: str) -> None:
    for clf in judges:
        assert clf.classify(MessageIn(text=text)).negative, (type(clf).__name__, text)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    text=st.sampled_from(NEGATIVE),
    kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=3),
    pick=st.integers(0, 20),
    pos=st.integers(0, 40),
)
def test_obfuscation_never_turns_a_negative_verdict_calm(
    judges: list[RulesClassifier], text: str, kinds: list[str], pick: int, pos: int
) -> None:
    hidden = text
    for n, kind in enumerate(kinds):
        hidden = _obfuscate(hidden, kind, pick + n, pos + 3 * n)
    for clf in judges:
        verdict = clf.classify(MessageIn(text=hidden))
        assert verdict.negative, (type(clf).__name__, hidden, verdict.label)


@pytest.mark.parametrize(
    ("hidden", "plain"),
    [
        ("з а д о л б а л и", "задолбали"),
        ("за\u200bдол\u00adба\u2060ли", "задолбали"),
        ("зaдoлбaли", "задолбали"),
        ("задоооолбали", "задолбали"),
        ("х*й", "хуй"),
        ("бл@ть", "блять"),
        ("п0шли", "пошли"),
        ("\ufeffмо\u200dшенники", "мошенники"),
    ],
)
def test_obfuscated_words_are_read_plain(hidden: str, plain: str) -> None:
    assert plain in normalize(hidden).tokens


@pytest.mark.parametrize("text", ["а я в шоке", "и т.д. и т.п.", "в 5 утра у меня", "Ну а я о чём"])
def test_ordinary_short_words_are_not_joined(text: str) -> None:
    assert normalize(text).tokens == normalize(text.replace(".", " ")).tokens or "." in text
    assert len(normalize(text).tokens) >= 3


@pytest.mark.parametrize(
    "text",
    [
        "х*й вам, а не возврат",
        "да пошли вы н@хер со своей доставкой",
        "бл@ть, опять не работает",
        "пи*дец, а не сервис",
    ],
)
def test_masked_mat_is_toxic_and_negative(judges: list[RulesClassifier], text: str) -> None:
    for clf in judges:
        verdict = clf.classify(MessageIn(text=text))
        assert verdict.toxic and verdict.negative, (type(clf).__name__, text, verdict.label)
