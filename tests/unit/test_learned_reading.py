"""What the learned layer exposes for layers built on top of it: a message's features and raw logits
(``LearnedClassifier.read``), and the decision from logits someone adjusted (``LearnedClassifier.decide``)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.classifier import Label, MessageIn
from bot.classifier.learned import DENSE_NAMES, HEADS, LABELS, N_BUCKETS, Hasher, LearnedClassifier


@pytest.fixture(scope="module")
def clf() -> LearnedClassifier:
    return LearnedClassifier()


def test_read_gives_the_features_and_logits_classify_decides_from(clf: LearnedClassifier) -> None:
    msg = MessageIn(text="Заказ 5512 не пришёл, курьер не звонил, верните деньги")
    r = clf.read(msg)
    assert r.ids and all(0 <= i < N_BUCKETS for i in r.ids)
    assert len(set(r.ids)) == len(r.ids)
    assert len(r.dense) == len(DENSE_NAMES)
    assert r.logits.shape == (len(HEADS),)
    # The logits are the model's own sum over the features, and the verdict is decided from them.
    assert np.allclose(r.logits, clf.model.scores(r.ids, r.dense))
    assert clf.decide(r).label is clf.classify(msg).label


def test_adjusted_logits_change_the_decision(clf: LearnedClassifier) -> None:
    r = clf.read(MessageIn(text="Спасибо, всё привезли вовремя, курьер вежливый"))
    assert clf.decide(r).label is Label.POSITIVE
    pushed = r.logits.copy()
    pushed[0] += 20.0  # the negative head
    pushed[2 + LABELS.index(Label.TROLLING)] += 20.0
    assert clf.decide(r, pushed).label is Label.TROLLING


def test_the_hasher_caches_are_bounded_and_give_the_same_ids(clf: LearnedClassifier) -> None:
    tokens = [f"слово{i}" for i in range(50)]
    small = Hasher(limit=10)
    first = small.indices(tokens, clf._lem)
    assert len(small._tokens) <= 11
    assert sorted(small.indices(tokens, clf._lem)) == sorted(first) == sorted(Hasher().indices(tokens, clf._lem))
