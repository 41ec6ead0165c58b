"""The training script runs and writes weights the classifier loads (a tiny sample, no shared data)."""

from __future__ import annotations

from pathlib import Path

from bot.classifier import Label, MessageIn
from bot.classifier.learned import LearnedClassifier, Model
from bot.classifier.train import main


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
