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
    args = ["--sample", "120", "--out", str(out), "--shared-data", str(tmp_path), "--negative-threshold", "0.5"]
    assert main([*args, "--veto-threshold", "0.25"]) == 0
    model = Model.load(out)
    assert model.negative_threshold == 0.5
    assert model.veto_threshold == 0.25
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


def test_bucket_weights_are_folded_into_the_coefficients() -> None:
    """A head fitted with per-bucket weights scores plain binary buckets (what inference builds) exactly as
    the regression fitted on the weighted columns scores them."""
    from sklearn.linear_model import LogisticRegression

    from bot.classifier.train import Rows, _fit, _matrix, lemma_weights

    rng = np.random.default_rng(5)
    n_dense = len(DENSE_NAMES)
    ids = [sorted({int(i) for i in rng.integers(0, 40, size=6)}) for _ in range(60)]
    ys = [int(3 in r or 7 in r) for r in ids]
    lemma_ids = [[i for i in r if i % 2] for r in ids]
    rows = Rows(ids, rng.normal(size=(60, n_dense)).tolist(), [-1] * 60, [-1] * 60, ys, ["g"] * 60, lemma_ids)
    mean, scale = np.zeros(n_dense), np.ones(n_dense)
    weight = lemma_weights(rows, 3.0)
    assert weight[3] == 3.0 and weight[4] == 1.0 and weight[101] == 1.0
    [(_, coef, bias)] = _fit(rows, "toxic", 2.0, mean, scale, weight)
    ref = LogisticRegression(C=2.0, solver="liblinear", class_weight="balanced", random_state=17, max_iter=1000)
    ref.fit(_matrix(rows, mean, scale, weight), ys)
    plain = _matrix(rows, mean, scale) @ coef + bias
    assert np.allclose(plain, ref.decision_function(_matrix(rows, mean, scale, weight)), atol=1e-8)


def test_rare_signals_are_never_scaled_up_while_fitting() -> None:
    """A dense signal rare in the training lines (a link, a mention) is not divided by its tiny spread: with
    ``min_scale`` 1 every scale is at least 1, without it the rare signals' scales fall below 1."""
    from bot.classifier.train import CORPUS_TRAIN, Rows, corpus_rows, fit_model, read_corpus

    rows = corpus_rows(read_corpus(CORPUS_TRAIN)[:80])
    empty = Rows([], [], [], [], [], [], [])
    bounded = fit_model(rows, empty, Config(min_scale=1.0), toxic_head=False)
    free = fit_model(rows, empty, Config(min_scale=0.0), toxic_head=False)
    assert np.all(np.asarray(bounded.scale) >= 1.0)
    assert np.any(np.asarray(free.scale) < 0.5)


def test_ratio_weights_favour_buckets_that_tell_toxic_from_clean() -> None:
    """The toxic head's NB-style bucket weights: a bucket seen only in toxic lines (or only in clean ones)
    weighs more than one seen equally in both, and none weighs less than the floor."""
    from bot.classifier.train import Rows, ratio_weights

    ids = [[1, 5], [1, 5], [1, 5], [2, 5], [2, 5], [2, 5]]
    ys = [1, 1, 1, 0, 0, 0]
    rows = Rows(ids, [[0.0]] * 6, [-1] * 6, [-1] * 6, ys, ["g"] * 6, [[]] * 6)
    w = ratio_weights(rows, floor=0.5)
    assert w[1] > w[5] + 0.5 and w[2] > w[5] + 0.5
    assert w[1] == w[2]  # toxic-only and clean-only are told apart alike
    assert np.all(w >= 0.5) and w[5] == 0.5 and w[100] == 0.5
    # unlabelled lines count for neither side
    unlabelled = Rows([*ids, [5, 7]], [[0.0]] * 7, [-1] * 7, [-1] * 7, [*ys, -1], ["g"] * 7, [[]] * 7)
    assert np.array_equal(ratio_weights(unlabelled, floor=0.5), w)


def test_voice_folds_are_batches_with_small_ones_joined() -> None:
    from bot.classifier.train import voice_fold

    assert voice_fold("a0001") == "a" and voice_fold("c1200") == "c"
    assert voice_fold("gen0042") == "gen" and voice_fold("pr0007") == "pr"
    # batches under 100 lines join the one they were written with
    assert voice_fold("e0003") == "d" and voice_fold("g0010") == "f" and voice_fold("m0001") == "pr"


def test_batch_weights_cap_a_large_voice() -> None:
    """A voice holding most of the lines weighs less per line than a small one; the weights average 1 (C keeps
    its meaning), and no cap leaves every line at 1."""
    from bot.classifier.train import batch_weights

    batches = ["a"] * 80 + ["b"] * 15 + ["c"] * 5
    w = batch_weights(batches, 0.5)
    assert w is not None
    assert w[0] < w[80] == w[95]
    assert w[:80].sum() / w.sum() == pytest.approx(0.5)  # was 0.8
    assert w.mean() == pytest.approx(1.0)
    assert batch_weights(batches, None) is None


def test_vectorised_decisions_match_decide() -> None:
    """The cross-validation's vectorised reading of the heads (``decide_many``) labels every row as the bot's
    ``decide`` does, and an offset on a label's logit only ever moves rows towards that label."""
    from bot.classifier.learned import decide
    from bot.classifier.train import decide_many

    rng = np.random.default_rng(11)
    raw = rng.normal(scale=2.0, size=(400, len(HEADS)))
    wave = rng.random(400) < 0.05
    model = Model(
        hashed=np.zeros((1, len(HEADS)), dtype=np.float16),
        dense=np.zeros((len(DENSE_NAMES), len(HEADS)), dtype=np.float32),
        mean=np.zeros(len(DENSE_NAMES), dtype=np.float32),
        scale=np.ones(len(DENSE_NAMES), dtype=np.float32),
        bias=np.zeros(len(HEADS), dtype=np.float32),
        negative_threshold=0.4,
        toxic_threshold=0.5,
    )
    want = [LABELS.index(decide(model, r, wave=bool(w)).label) for r, w in zip(raw, wave, strict=True)]
    assert decide_many(raw, wave, 0.4, np.zeros(len(LABELS))).tolist() == want
    # an offset is a label head's bias moved: the same as deciding on logits with it added
    k = LABELS.index(Label.TROLLING)
    off = np.eye(len(LABELS))[k] * 1.5
    moved = decide_many(raw, wave, 0.4, off)
    shifted = raw + np.concatenate([[0.0, 0.0], off])
    assert moved.tolist() == [
        LABELS.index(decide(model, r, wave=bool(w)).label) for r, w in zip(shifted, wave, strict=True)
    ]
    assert (moved == k).sum() > (np.asarray(want) == k).sum()
