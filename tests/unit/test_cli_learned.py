"""``python -m bot learned --chat ID``: what a chat's layer weighs most, both ways, from the database."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

from bot.classifier import create_classifier
from bot.classifier.chatlayer import ChatLayer, ChatLayerClassifier
from bot.domain.verdicts import Label
from storage import Storage

ROOT = Path(__file__).resolve().parents[2]


async def _store(path: Path, layer: ChatLayer) -> None:
    storage = await Storage.open(path)
    await storage.learning.save_layer(-100777, layer.dumps(), layer.examples, expected=0, active_since=1, now=1)
    await storage.close()


def test_learned_prints_the_strongest_features_toward_and_away_from_an_alert(tmp_path: Path) -> None:
    clf = ChatLayerClassifier(create_classifier())
    layer = ChatLayer.empty()
    calm = clf.reading("Этот босс просто убийца, рейд опять вайпнулся")
    sharp = clf.reading("Кофейня будущего. Будущего века, видимо")
    for _ in range(5):
        layer = layer.learn(calm.features, calm.prior, Label.NEUTRAL)
        layer = layer.learn(sharp.features, sharp.prior, Label.TROLLING)
    asyncio.run(_store(tmp_path / "bot.sqlite3", layer))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}"}
    env.pop("BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "learned", "--chat", "-100777"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = io.StringIO(done.stdout).read()
    toward, away = out.split("Away from an alert")
    assert "10 decisions learned" in out
    # the same two comments again and again: remembered, never a call of the layer's own, so no record
    assert "Gate: closed, the layer's pull is not applied yet (layer right 0.0, global right 0.0" in out
    assert "век" in toward and "рейд" not in toward
    assert "рейд" in away and "век" not in away


def test_the_gate_line_says_whether_the_layers_pull_applies() -> None:
    from bot.classifier.chatgate import Gate
    from bot.cli.learned import gate_line

    assert gate_line(Gate(layer_wins=40.0, global_wins=2.0, variance=42.0)).startswith("Gate: open")
    closed = gate_line(Gate(layer_wins=6.0, global_wins=2.0, variance=8.0))
    assert closed.startswith("Gate: closed") and "lead +4.0" in closed
    assert "rebuilt at the chat's next decision" in gate_line(None)
