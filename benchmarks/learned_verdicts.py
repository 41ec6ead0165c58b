"""Every verdict of the learned layer over a few thousand varied texts, written out to compare two trees.

    python benchmarks/learned_verdicts.py OUT.jsonl [--shared-data DIR]   # ../shared/data by default
    python benchmarks/learned_verdicts.py --compare A.jsonl B.jsonl

A speed change of the learned path must change no verdict. Run the first form on the tree before the
change (a copy of this script beside its ``bot/`` runs that tree's code) and on the tree after it,
then ``--compare``: it names the rows whose label, negative or toxic flag, reasons, problem, wave or
extra differ, whose confidence or model probabilities differ by more than 1e-6, or whose heads' raw
scores (kept for the rows without a chat) differ at all.

The texts: the training corpus (``bot/classifier/corpus/train``, never the blind parts) and the
typology sets, each file through one classifier with its chat, author and date so that waves, bursts
and newcomers fire; the same texts shouted, glued into long messages (past the 200 tokens the hashed
features read) and with long words; ``dev_sentiment.csv`` without context; and the corpus and typology sets
again through a ``ChatLayerClassifier``, each file a chat whose layer learned from its own messages.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

TOLERANCE = 1e-6


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _sets(shared: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    train = REPO_ROOT / "bot" / "classifier" / "corpus" / "train"
    for path in sorted(train.glob("*.jsonl")):
        yield f"train/{path.name}", _jsonl(path)
    data = REPO_ROOT / "benchmarks" / "data"
    for path in sorted(data.glob("*.jsonl")):
        yield f"data/{path.name}", _jsonl(path)
    texts = [r["text"] for _, rows in _sets_plain(train, data) for r in rows]
    rng = random.Random(17)
    yield "variants/shouted", [{"text": t.upper()} for t in rng.sample(texts, 800)]
    glued = []
    for _ in range(300):
        glued.append({"text": " ".join(rng.sample(texts, rng.randint(8, 30)))})
    yield "variants/glued", glued
    words = []
    for t in rng.sample(texts, 300):
        parts = t.split()
        if parts:
            i = rng.randrange(len(parts))
            parts[i] = parts[i] * rng.randint(3, 8)
        words.append({"text": " ".join(parts)})
    yield "variants/long_words", words
    yield "variants/odd", [{"text": t} for t in ("", " ", "!!!", "😡😡", "a", "ё", "http://x.ru", "@admin", "1 2 3")]
    with (shared / "dev_sentiment.csv").open(encoding="utf-8", newline="") as fh:
        yield "shared/dev_sentiment.csv", [{"text": row.get("text") or ""} for row in csv.DictReader(fh)]


def _sets_plain(train: Path, data: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for path in sorted(train.glob("*.jsonl")) + sorted(data.glob("*.jsonl")):
        yield path.name, _jsonl(path)


def _message(row: dict[str, Any], n: int) -> Any:
    from bot.classifier import MessageIn

    return MessageIn(
        text=row.get("text") or "",
        chat_id=int(row.get("chat_id") or 0),
        user_id=int(row.get("user_id") or 0),
        date=int(row.get("date") or 0),
        message_id=int(row.get("message_id") or n),
    )


def _row(where: str, n: int, verdict: Any) -> dict[str, Any]:
    return {
        "at": f"{where}:{n}",
        "label": verdict.label.value,
        "negative": verdict.negative,
        "toxic": verdict.toxic,
        "confidence": verdict.confidence,
        "reasons": [[r.code.value, list(r.words), [str(c) for c in r.cues]] for r in verdict.reasons],
        "problem": verdict.problem,
        "wave_id": verdict.wave_id,
        "extra": {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(verdict.extra.items())},
    }


def dump(out: Path, shared: Path) -> int:
    from bot.classifier import Label, MessageIn, create_classifier
    from bot.classifier.chatlayer import ChatLayer, ChatLayerClassifier

    sets = list(_sets(shared))
    n_rows = 0
    with out.open("w", encoding="utf-8") as fh:
        for name, rows in sets:
            clf = create_classifier(learned=True)
            for n, row in enumerate(rows):
                got = _row(name, n, clf.classify(_message(row, n)))
                if not row.get("chat_id"):
                    # no chat, so no context to disturb: the heads' raw scores as well
                    got["logits"] = [float(v) for v in clf.read(_message(row, n)).logits]  # type: ignore[attr-defined]
                fh.write(json.dumps(got, ensure_ascii=False) + "\n")
                n_rows += 1
        # Chat layers: each file is one chat whose layer learned from 80 of its messages (two in five
        # relabelled at random); then every message of the file goes through the layered classifier.
        rng = random.Random(20)
        for k, (name, rows) in enumerate(sets):
            if not name.startswith(("train/", "data/")):
                continue
            chat = -(10**12) - k
            layered = ChatLayerClassifier(create_classifier(learned=True))
            layer = ChatLayer.empty()
            for row in rng.sample(rows, min(80, len(rows))):
                r = layered.reading(row["text"])
                label = r.label if rng.random() < 0.6 else rng.choice(list(Label))
                layer = layer.learn(r.features, r.prior, label)
            layered.layers.put(chat, layer.view(), 1)
            for n, row in enumerate(rows):
                message = MessageIn(text=row["text"], chat_id=chat, message_id=n + 1)
                fh.write(json.dumps(_row(f"layers/{name}", n, layered.classify(message)), ensure_ascii=False) + "\n")
                n_rows += 1
    import bot

    print(f"{n_rows} verdicts of {Path(bot.__file__).parent} written to {out}")
    return 0


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= TOLERANCE
    if isinstance(a, dict) and isinstance(b, dict):
        # the heads' raw scores to the last bit: float32 sums in another order would differ there first
        return a.keys() == b.keys() and all(a[k] == b[k] if k == "logits" else _same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def compare(a: Path, b: Path) -> int:
    rows_a, rows_b = _jsonl(a), _jsonl(b)
    if len(rows_a) != len(rows_b):
        print(f"{len(rows_a)} rows against {len(rows_b)}")
        return 1
    differ = [(x, y) for x, y in zip(rows_a, rows_b, strict=True) if not _same(x, y)]
    for x, y in differ[:20]:
        print(f"differs at {x['at']}:\n  {x}\n  {y}")
    labels = {r["label"] for r in rows_a}
    changed = sum(1 for r in rows_a if "chat_layer" in r["extra"])
    print(
        f"{len(rows_a)} verdicts ({len(labels)} labels, {changed} moved by a chat's layer): "
        f"{len(differ)} differ (confidence and probabilities to {TOLERANCE:g}, raw scores exactly)"
    )
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path, nargs="?")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"))
    ap.add_argument("--shared-data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("OUT or --compare A B")
    return dump(args.out, args.shared_data)


if __name__ == "__main__":
    sys.exit(main())
