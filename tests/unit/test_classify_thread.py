"""``python -m bot classify`` keeps what the running bot keeps per chat: the running count of replies
per label (the same sentence does not come twice in a row) and the waves already answered (one
statement per wave: the copies after the first get no draft of their own)."""

from __future__ import annotations

import json

from bot.classifier import create_classifier
from bot.cli.classify import Thread, classify_line


def test_the_cli_counts_variants_per_chat_and_label() -> None:
    classifier = create_classifier()
    thread = Thread()
    replies = []
    for n in range(3):
        line = json.dumps({"text": "Достали. Просто достали. Каждый раз одно и то же.", "chat_id": 7})
        replies.append(classify_line(classifier, line, 2 * n + 2, thread)["reply"])
    assert len(set(replies)) == 3, replies


def test_another_chat_counts_on_its_own() -> None:
    thread = Thread()
    assert [thread.next_variant(1, "impulsive") for _ in range(3)] == [1, 2, 3]
    assert thread.next_variant(2, "impulsive") == 1
    assert thread.next_variant(1, "trolling") == 1


def test_wave_copies_after_the_first_get_no_draft_of_their_own() -> None:
    thread = Thread()
    assert thread.first_of_wave(1, "w1")
    assert not thread.first_of_wave(1, "w1")
    assert thread.first_of_wave(2, "w1")  # another chat, another wave
