"""The negative decision: one threshold, or a lower one to overrule a negative verdict of the rules."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.classifier.learned import DENSE_NAMES, HEADS, N_BUCKETS, Model, decide


def _model(negative: float, veto: float | None) -> Model:
    heads, n_dense = len(HEADS), len(DENSE_NAMES)
    return Model(
        hashed=np.zeros((N_BUCKETS, heads), dtype=np.float16),
        dense=np.zeros((n_dense, heads), dtype=np.float32),
        mean=np.zeros(n_dense, dtype=np.float32),
        scale=np.ones(n_dense, dtype=np.float32),
        bias=np.zeros(heads, dtype=np.float32),
        negative_threshold=negative,
        toxic_threshold=0.5,
        veto_threshold=veto,
    )


def _raws() -> list[np.ndarray]:
    # p(negative) from about 0.05 to 0.95: the negative head's logit and the labels' logits move together
    out = []
    for x in np.linspace(-4.0, 4.0, 33):
        labels = [x, x / 2, x / 3, -1.0, 0.0, -x / 2]  # Label order: four negative, neutral, positive
        out.append(np.array([x, -3.0, *labels], dtype=np.float32))
    return out


def test_a_negative_verdict_of_the_rules_stands_down_to_the_veto_threshold() -> None:
    model = _model(0.6, 0.2)
    seen_between = 0
    for raw in _raws():
        calm_rules = decide(model, raw, rules_negative=False)
        negative_rules = decide(model, raw, rules_negative=True)
        unknown = decide(model, raw)
        p = negative_rules.p_negative
        assert calm_rules.label.negative == (p >= 0.6)
        assert negative_rules.label.negative == (p >= 0.2)
        assert unknown.label == calm_rules.label
        if 0.2 <= p < 0.6:
            seen_between += 1
            assert negative_rules.label.negative and not calm_rules.label.negative
    assert seen_between >= 3


def test_without_a_veto_threshold_the_rules_verdict_changes_nothing() -> None:
    model = _model(0.34, None)
    for raw in _raws():
        assert decide(model, raw, rules_negative=True) == decide(model, raw, rules_negative=False)
        assert decide(model, raw, rules_negative=True) == decide(model, raw)


def test_a_wave_is_directed_whatever_the_thresholds() -> None:
    model = _model(0.9, 0.9)
    for raw in _raws()[:5]:
        assert decide(model, raw, wave=True, rules_negative=False).label.value == "directed"


def test_the_veto_threshold_is_saved_and_older_weights_load_without_it(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    _model(0.5, 0.125).save(path)
    assert Model.load(path).veto_threshold == 0.125
    assert Model.load(path).negative_threshold == 0.5
    # weights written before the veto threshold existed hold two thresholds
    with np.load(path) as z:
        parts = {k: z[k] for k in z.files}
    parts["thresholds"] = parts["thresholds"][:2]
    old = tmp_path / "old.npz"
    np.savez_compressed(old, **parts)
    loaded = Model.load(old)
    assert loaded.veto_threshold is None
    assert loaded.veto_threshold_or_default == 0.5
