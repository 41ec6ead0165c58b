"""The training script runs and writes weights the classifier loads (a tiny sample, no shared data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.classifier import Label, MessageIn
from bot.classifier.learned import DENSE_NAMES, HEADS, LABELS, N_BUCKETS, LearnedClassifier, Model
from bot.classifier.train import Config, fold_rules, main


def test_train_on_a_sample_writes_loadable_weights(tmp_path: Path) -> None:
    out = tmp_path / "model.npz"
    assert (
        main(["--sample", "120", "--out", str(out), "--shared-data", str(tmp_path), "--negative-threshold", "0.5"]) == 0
    )
    model = Model.load(out)
    assert model.negative_threshold == 0.5
    verdict = LearnedClassifier(model=model).classify(MessageIn(text="Заказ 5512 не пришёл, верните деньги"))
    assert verdict.label in set(Label)
    assert 0.0 <= verdict.confidence <= 1.0


def test_folding_the_rules_into_the_negative_head_adds_exactly_their_terms() -> None:
    rng = np.random.default_rng(3)
    heads, n_dense = len(HEADS), len(DENSE_NAMES)
    model = Model(
        hashed=rng.normal(size=(N_BUCKETS, heads)).astype(np.float16),
        dense=rng.normal(size=(n_dense, heads)).astype(np.float32),
        mean=rng.normal(size=n_dense).astype(np.float32),
        scale=rng.uniform(0.5, 2.0, size=n_dense).astype(np.float32),
        bias=rng.normal(size=heads).astype(np.float32),
        negative_threshold=0.5,
        toxic_threshold=0.5,
    )
    cfg = Config(own_scale=0.25, rules_negativity=1.5, rules_negative=2.0, rules_bias=-1.0)
    folded = fold_rules(model, cfg)
    ids = [3, 77, 4096]
    for rules_label in ("impulsive", "neutral"):
        dense = rng.uniform(0, 3, size=n_dense).tolist()
        for lb in LABELS:
            dense[DENSE_NAMES.index(f"rules_{lb.value}")] = float(lb.value == rules_label)
        before, after = model.scores(ids, dense), folded.scores(ids, dense)
        said_negative = 2.0 if rules_label == "impulsive" else 0.0
        expected = 0.25 * before[0] + 1.5 * dense[DENSE_NAMES.index("negativity")] + said_negative - 1.0
        assert after[0] == pytest.approx(expected, abs=0.05)
        # the other heads are left as they were
        assert np.allclose(after[1:], before[1:], atol=1e-4)
