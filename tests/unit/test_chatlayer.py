"""The chat's own layer: it learns what its admins say, stays bounded, and one chat never moves another."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import numpy as np

from bot.classifier import create_classifier
from bot.classifier.chatgate import Gate
from bot.classifier.chatlayer import CAPACITY, PULL, ChatLayer, ChatLayerClassifier, LayerCache, LayerView
from bot.domain.verdicts import Label, MessageIn

RAID = "Этот босс просто убийца, рейд опять вайпнулся, жесть"
BANK = "Ваш банк опять заблокировал карту без причины, ужас"


def _opened(layer: ChatLayer) -> ChatLayer:
    """The layer with a record that lets its pull decide (as after many decisions it got right)."""
    return replace(layer, gate=Gate(layer_wins=1000.0, variance=100.0))


def _teach(clf: ChatLayerClassifier, chat_id: int, text: str, label: Label, times: int = 1) -> None:
    r = clf.reading(text)
    layer = ChatLayer.empty()
    for _ in range(times):
        layer = layer.learn(r.features, r.prior, label)
    clf.layers.put(chat_id, layer.view(), 1)  # as the bot holds it


def test_two_chats_with_opposite_feedback_never_affect_each_other() -> None:
    clf = ChatLayerClassifier(create_classifier())
    before = clf.classify(MessageIn(RAID, chat_id=-3)).label
    assert before.negative
    _teach(clf, -1, RAID, Label.NEUTRAL)  # chat 1: not negative here
    _teach(clf, -2, RAID, Label.TROLLING)  # chat 2: trolling here
    assert clf.classify(MessageIn(RAID, chat_id=-1)).label is Label.NEUTRAL
    assert clf.classify(MessageIn(RAID, chat_id=-2)).label is Label.TROLLING
    assert clf.classify(MessageIn(RAID, chat_id=-3)).label is before  # a chat with no layer
    assert clf.classify(MessageIn(RAID, chat_id=0)).label is before  # /check and the CLI


def test_the_pull_is_bounded_however_often_a_label_is_taught() -> None:
    clf = ChatLayerClassifier(create_classifier())
    r = clf.reading(RAID)
    layer = ChatLayer.empty()
    for _ in range(200):
        layer = layer.learn(r.features, r.prior, Label.POSITIVE)
    z = layer.logits(list(r.features))
    assert np.all(np.abs(z) <= PULL + 1e-6)


def test_a_layer_keeps_at_most_its_capacity_and_reads_back_the_same() -> None:
    clf = ChatLayerClassifier(create_classifier())
    layer = ChatLayer.empty()
    for i in range(300):
        r = clf.reading(f"{BANK} номер {i} слово{i} ещё{i} другое{i}")
        layer = layer.learn(r.features, r.prior, Label.NEUTRAL)
    assert len(layer.ids) == CAPACITY
    again = ChatLayer.loads(layer.dumps())
    r = clf.reading(BANK)
    assert np.allclose(again.logits(list(r.features)), layer.logits(list(r.features)), atol=1e-3)
    assert again.examples == layer.examples == 300


def test_a_wave_stays_directed_whatever_the_layer_says() -> None:
    clf = ChatLayerClassifier(create_classifier())
    _teach(clf, -1, "Заказ не пришёл уже месяц, деньги не вернули. Это мошенники", Label.NEUTRAL, 5)
    labels = [
        clf.classify(
            MessageIn("Заказ не пришёл уже месяц, деньги не вернули. Это мошенники", -1, 100 + i, 1_764_000_000 + i, i)
        )
        for i in range(3)
    ]
    assert labels[-1].wave_id is not None and labels[-1].label is Label.DIRECTED


def test_the_cache_is_bounded() -> None:
    cache = LayerCache(limit=3)
    for chat in range(5):
        cache.put(chat, ChatLayer.empty(), 1)
    assert len(cache) == 3 and cache.version(0) is None and cache.version(4) == 1


def test_the_same_comment_is_remembered_exactly_and_survives_the_stored_form() -> None:
    clf = ChatLayerClassifier(create_classifier())
    r = clf.reading(RAID)
    layer = ChatLayer.empty().learn(r.features, r.prior, Label.NEUTRAL)
    assert layer.remembered(list(r.features)) is Label.NEUTRAL
    # another comment is not the remembered one: one relabel moves it only by a bounded step
    other = clf.reading("Этот босс просто убийца, опять всех положил")
    assert layer.remembered(list(other.features)) is None
    assert layer.decide(other.prior, list(other.features))[0] is other.label
    again = ChatLayer.loads(layer.dumps(), names=False)
    assert again.remembered(list(reversed(list(r.features)))) is Label.NEUTRAL


def test_the_bound_skips_only_messages_the_layer_cannot_move() -> None:
    """``may_move`` lets the bot skip a message's features; whenever it says no, the full computation
    (every feature's weight, the exact memory) leaves the global verdict as it was."""
    import json
    import math
    import random
    from pathlib import Path

    from bot.classifier.chatlayer import INDEX, N_LABELS, prior_logits

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "game_chat.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:400]
    clf = ChatLayerClassifier(create_classifier())
    readings = [clf.reading(r["text"]) for r in rows]
    rng = random.Random(3)
    layer = ChatLayer.empty()
    for r, row in zip(readings[:150], rows[:150], strict=True):
        if rng.random() < 0.5:
            layer = layer.learn(r.features, r.prior, Label(row["label"]))
    layer = _opened(layer)
    view = LayerView.loads(layer.dumps())  # the bot's copy: the bound read from the stored form
    skipped = view_skipped = moved = 0
    for r in readings[150:]:
        ids = list(r.features)
        c = min(max(r.confidence, 0.05), 0.97)
        margin = math.log(c) - math.log((1 - c) / (N_LABELS - 1))
        n_tokens = (len(ids) + 2) // 2  # T tokens give at most 2T-1 features
        full = layer.decide(prior_logits(r.label, r.confidence), ids)[0]
        moved += full is not r.label
        head = ids[0] if ids else -1
        if not layer.may_move(INDEX[r.label], margin, n_tokens, head):
            skipped += 1
            assert full is r.label
        if not view.may_move(INDEX[r.label], margin, n_tokens, head):
            view_skipped += 1
            assert full is r.label
    assert skipped > 20 and moved > 0
    assert view_skipped > 20


def test_the_bots_copy_decides_as_the_layer_it_was_read_from() -> None:
    """``LayerView`` (no numpy, read from the stored form) gives the verdicts ``ChatLayer`` gives."""
    import json
    import random
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "game_chat.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:500]
    full, light = ChatLayerClassifier(create_classifier()), ChatLayerClassifier(create_classifier())
    rng = random.Random(4)
    layer = ChatLayer.empty()
    for row in rows[:200]:
        if rng.random() < 0.6:
            r = full.reading(row["text"])
            layer = layer.learn(r.features, r.prior, Label(row["label"]))
    layer = _opened(layer)
    full.layers.put(-1, layer, 1)
    light.layers.put(-1, LayerView.loads(layer.dumps()), 1)
    plain = ChatLayerClassifier(create_classifier())
    changed = 0
    for row in rows[200:]:
        a = full.classify(MessageIn(row["text"], chat_id=-1))
        b = light.classify(MessageIn(row["text"], chat_id=-1))
        assert (a.label, a.confidence) == (b.label, b.confidence)
        changed += a.label is not plain.classify(MessageIn(row["text"], chat_id=-1)).label
    assert changed > 0
    # the same comment an admin labelled is remembered by the copy too
    r = full.reading(rows[0]["text"])
    assert LayerView.loads(layer.dumps()).remembered(list(r.features)) is layer.remembered(list(r.features))


def test_a_layer_stored_before_first_features_were_kept_still_remembers() -> None:
    """Layers stored with two memory columns (no first feature) load; every message is then looked up
    in the memory, so a remembered comment keeps its label."""
    import base64
    import json

    from bot.classifier.chatlayer import INDEX

    clf = ChatLayerClassifier(create_classifier())
    r = clf.reading(RAID)
    layer = ChatLayer.empty().learn(r.features, r.prior, Label.NEUTRAL)
    data = json.loads(layer.dumps())
    old = np.asarray([m[:2] for m in layer.memory], dtype="<i8").reshape(-1)
    data["memory"] = base64.b64encode(old.tobytes()).decode("ascii")
    del data["memory_columns"]
    del data["reach"]  # nor the bound: the bot's copy computes it
    again = ChatLayer.loads(json.dumps(data), names=False)
    ids = list(r.features)
    view = LayerView.loads(json.dumps(data))
    assert view.remembered(ids) is Label.NEUTRAL
    assert view.may_move(INDEX[r.label], 100.0, len(ids), -12345)
    assert again.remembered(ids) is Label.NEUTRAL
    assert again.may_move(INDEX[r.label], 100.0, len(ids), -12345)  # unknown first features: looked up
    assert not layer.may_move(INDEX[r.label], 100.0, len(ids), -12345)  # known: this one starts none


def test_numpy_is_not_loaded_until_a_chat_has_a_layer() -> None:
    """The running bot wraps every classifier in the chat layer; numpy (about 12 MB) waits for a layer."""
    script = """
import sys
import bot.app
from bot.classifier import create_classifier
from bot.classifier.chatlayer import ChatLayerClassifier, ChatLayer, prior_logits
from bot.domain.verdicts import Label, MessageIn
classifier = ChatLayerClassifier(create_classifier(learned=False))
for text in ("Курьер опоздал на два часа, заказ 5512 холодный", "Спасибо, всё супер", "Когда откроетесь?"):
    classifier.classify(MessageIn(text=text, chat_id=-100, user_id=1, date=1764000000))
print("numpy" in sys.modules)
prior_logits(Label.NEUTRAL, 0.9)
print("numpy" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["False", "True"]
