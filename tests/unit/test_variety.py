"""Two comments in a row in one chat never get the same opening, whatever label each was given."""

from __future__ import annotations

import json

import pytest

from bot.classifier import create_classifier
from bot.cli.classify import Thread, classify_line
from bot.replies.variety import LastDrafts, opening, unlike


def test_the_next_variant_is_taken_when_the_opening_repeats() -> None:
    texts = {
        0: "Давайте без оскорблений. Ответим.",
        1: "Давайте без оскорблений. Иначе.",
        2: "Без грубостей, пожалуйста.",
    }
    assert unlike(texts.get, 0, "Давайте без оскорблений. Ответим.") == "Без грубостей, пожалуйста."
    assert unlike(texts.get, 2, "Давайте без оскорблений. Ответим.") == "Без грубостей, пожалуйста."


def test_nothing_to_avoid_keeps_the_variant_given() -> None:
    assert unlike({3: "Один. Два."}.get, 3, None) == "Один. Два."
    assert opening("Один. Два.") == "Один."


def test_the_last_draft_is_kept_per_chat() -> None:
    last = LastDrafts(limit=2)
    last.put(1, "a")
    last.put(2, "b")
    last.put(3, "c")
    assert last.get(1) is None and last.get(3) == "c"
    last.put(3, None)
    assert last.get(3) == "c"


@pytest.mark.parametrize(
    ("draft", "kept"),
    [
        ("Анна, простите за задержку. Проверим заказ и ответим здесь.", "анна, простите за задержку."),
        ("Давайте без оскорблений: мы здесь, чтобы помочь!", "давайте без оскорблений: мы здесь, чтобы помочь!"),
        ("Sorry about the delay! We'll check your order.", "sorry about the delay!"),
    ],
)
def test_only_the_opening_is_kept_and_it_is_avoided_as_the_draft_was(draft: str, kept: str) -> None:
    last = LastDrafts()
    last.put(5, draft)
    assert last.get(5) == kept
    variants = {1: draft, 2: draft.upper(), 3: "Другое начало. " + draft}
    # the same variant follows whether the whole last draft or its kept opening is avoided
    assert unlike(variants.get, 1, last.get(5)) == unlike(variants.get, 1, draft) == variants[3]


def test_two_insulters_in_a_row_do_not_read_the_same_line() -> None:
    # A troll and an angry customer answered as a troll count their variants apart (one per label), so
    # each is the first of its label here: alone, both would open «Давайте без оскорблений: …».
    classifier = create_classifier()
    texts = ["ахаха, ну вы и клоуны, дебилы 🤡", "кретины, сколько можно уже"]
    alone = [classify_line(classifier, json.dumps({"text": t, "chat_id": 78}), 1, Thread()) for t in texts]
    assert alone[0]["label"] != alone[1]["label"]
    assert opening(alone[0]["reply"]) == opening(alone[1]["reply"])
    thread = Thread()
    together = [
        classify_line(classifier, json.dumps({"text": t, "chat_id": 77}), n + 1, thread) for n, t in enumerate(texts)
    ]
    assert together[0]["reply"] and together[1]["reply"]
    assert opening(together[0]["reply"]) != opening(together[1]["reply"]), together
