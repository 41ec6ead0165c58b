"""The bot's path through the learned heads (``Hasher.unique_ids`` and ``Model.logits``) gives the scores
of the plain definition (``Hasher.indices`` and ``Model.scores``) on many messages, and the same verdicts.

The fast path adds the hashed rows in another order (float32), so the logits may differ in the last
bits: 1e-5 is far below anything a decision reads.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.classifier import MessageIn
from bot.classifier.learned import Hasher, LearnedClassifier, dense_features
from bot.classifier.normalize import normalize
from bot.language.morph import shared_lemmatizer

ROOT = Path(__file__).resolve().parents[2]
FILES = ("typology.jsonl", "typology_dev2.jsonl", "typology_dev3.jsonl", "game_chat.jsonl")


def _texts() -> list[str]:
    texts = []
    for name in FILES:
        with (ROOT / "benchmarks" / "data" / name).open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    # past the 200 tokens the hashed features read, one word, none, repeated words and n-grams
    texts += [" ".join(texts[i : i + 30]) for i in range(0, 300, 30)]
    texts += ["", "!!!", "ок", "да да да да", "заказ заказы заказали заказ", "щас щас", "😀 😀"]
    return texts


@pytest.fixture(scope="module")
def clf() -> LearnedClassifier:
    return LearnedClassifier()


def test_unique_ids_are_the_definitions_buckets_sorted() -> None:
    lem = shared_lemmatizer()
    hasher = Hasher(limit=300)  # small: words are hashed again after the cache is trimmed
    for text in _texts():
        tokens = normalize(text).tokens
        fast = hasher.unique_ids(tokens, lem)
        assert fast.dtype == np.int32
        assert fast.tolist() == sorted(hasher.indices(tokens, lem)), text


def test_fast_logits_and_verdicts_are_those_of_the_plain_sum(clf: LearnedClassifier) -> None:
    texts = _texts()
    worst = 0.0
    moved = 0
    for text in texts:
        message = MessageIn(text=text)
        r = clf.read(message)  # the plain definition: the ids' rows summed one by one
        j = r.judgement
        fast = clf.model.logits(clf.hasher.unique_ids(j.norm.tokens, clf._lem), dense_features(j))
        worst = max(worst, float(np.abs(fast - r.logits).max()))
        plain = clf.decide(r)
        verdict = clf.classify(message)
        assert (verdict.label, verdict.extra["model_negative"]) == (plain.label, round(plain.p_negative, 3)), text
        assert verdict.toxic == plain.toxic or (j.features.obscene and bool(j.features.toxic_words)), text
        moved += plain.label is not j.verdict.label
    assert worst < 1e-5
    assert len(texts) > 3000
    # the heads overrule the rules on part of these texts: the comparison covers the model's own verdicts
    assert moved > 50
