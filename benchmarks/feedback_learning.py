"""Learning from the admins, measured as a stream: each labelled stream is replayed in order as one chat.

    python benchmarks/feedback_learning.py [--shared-data DIR] [--learned] [--window 500]
        [--shares 0.2,0.5,1.0] [--min-decisions 10] [--seed 7] [--missed 0.1] [--png benchmarks/feedback_learning.png]

Streams: the banks and the telecom parts of ``dev_sentiment.csv`` (SentiRuEval-2015, train then test, as
two chats: wording unlike anything the classifier was built on), and the project's own corpus
(``bot/classifier/corpus/train``, by date). For every message the chat's layer in force (if any) gives
the verdict, exactly as in the bot (``bot/classifier/chatlayer.py``); every alert (a negative verdict)
is seen by the admins, who act on a share of them at random: a true negative is confirmed (sent) with
its label (the corpus's label when the stream has one), a false alarm is relabelled to what it is
(neutral when the stream knows only "not negative"). Missed comments stay missed, as they would without
/missed, unless ``--missed`` gives the share of them an admin marks (constructive when the stream has
no label).

The layer decides as in the bot, behind its gate (``bot/classifier/chatgate.py``): its pull applies
only while its record on the chat's own decisions beats the global verdict's, never on the comments
held out; the table's last column is the share of the stream's messages after the first decisions
that the layer's pull applied to (0 % when the gate never opened).

Prints, per stream and share, the F1 of `negative` over the last half of the stream with learning on and
off, the worst window's difference, and the windows of ``--window`` messages; draws the learning curves.
The layers learned here are thrown away: evaluation on dev_sentiment.csv only, nothing shipped.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bot.classifier import create_classifier  # noqa: E402
from bot.classifier.chatlayer import ChatLayer, ChatLayerClassifier, Reading  # noqa: E402
from bot.domain.verdicts import Label  # noqa: E402

CORPUS = REPO_ROOT / "bot" / "classifier" / "corpus" / "train"


@dataclass(frozen=True, slots=True)
class Item:
    reading: Reading
    negative: bool
    label: Label | None  # the exact label when the stream has one


def _sentiment(shared: Path, part: str) -> list[tuple[str, bool, Label | None]]:
    with (shared / "dev_sentiment.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: list[tuple[str, bool, Label | None]] = []
    for source in (f"sentirueval2015_{part}_train", f"sentirueval2015_{part}_test_etalon"):
        out += [(r["text"], r["negative"] == "1", None) for r in rows if r["source"] == source]
    return out


def _corpus() -> list[tuple[str, bool, Label | None]]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r.get("date") or 0, r["id"]))
    return [(r["text"], bool(r["negative"]), Label(r["label"])) for r in rows]


def _game() -> list[tuple[str, bool, Label | None]]:
    path = REPO_ROOT / "benchmarks" / "data" / "game_chat.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], bool(r["negative"]), Label(r["label"])) for r in rows]


def _prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def replay(
    items: list[Item], share: float, *, learning: bool, min_decisions: int, seed: int, missed: float = 0.0
) -> tuple[list[bool], float]:
    """The alerts (negative verdicts) of the stream, in order, as the chat would get them, and the share
    of the messages the layer decided with its gate open. ``missed``: the share of the negative
    comments the bot did not alert on that an admin marks (/missed)."""
    rng = random.Random(seed)
    layer = ChatLayer.empty()
    out = []
    deciding = opened = 0
    for item in items:
        r = item.reading
        label = r.label
        if learning and layer.examples >= min_decisions:
            label, _ = layer.decide(r.prior, list(r.features))
            deciding += 1
            opened += layer.is_open
        out.append(label.negative)
        if learning and not label.negative and item.negative and missed and rng.random() < missed:
            layer = layer.learn(r.features, r.prior, item.label or Label.CONSTRUCTIVE, scored=False)
            continue
        if not learning or not label.negative or rng.random() >= share:
            continue
        truth = item.label or (label if item.negative else Label.NEUTRAL)
        layer = layer.learn(r.features, r.prior, truth)
    return out, opened / deciding if deciding else 0.0


def windows(pred: list[bool], gold: list[bool], size: int) -> list[tuple[float, float, float]]:
    return [_prf(pred[i : i + size], gold[i : i + size]) for i in range(0, len(gold) - size // 2, size)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared-data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    ap.add_argument("--learned", action="store_true", help="the global learned layer on (CLASSIFIER_MODEL=1)")
    ap.add_argument("--window", type=int, default=500)
    ap.add_argument("--shares", default="0.2,0.5,1.0")
    ap.add_argument("--min-decisions", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--streams", default="", help="only the streams whose names contain one of these words")
    ap.add_argument(
        "--missed",
        type=float,
        default=0.0,
        help="the share of the negative comments the bot did not alert on that admins mark (/missed); 0: none",
    )
    ap.add_argument("--png", type=Path, default=None, help="draw the learning curves (needs matplotlib)")
    args = ap.parse_args()
    shares = [float(s) for s in args.shares.split(",")]

    t0 = time.perf_counter()
    clf = ChatLayerClassifier(create_classifier(learned=args.learned))
    streams = {
        "banks (dev_sentiment)": _sentiment(args.shared_data, "banks"),
        "telecom (dev_sentiment)": _sentiment(args.shared_data, "telecoms"),
        "corpus train (by date)": _corpus(),
        "game chat (written)": _game(),
    }
    if args.streams:
        streams = {k: v for k, v in streams.items() if any(w in k for w in args.streams.split(","))}
    data = {name: [Item(clf.reading(text), neg, label) for text, neg, label in rows] for name, rows in streams.items()}
    print(f"read and classified {sum(len(v) for v in data.values())} messages in {time.perf_counter() - t0:.1f} s")
    print(
        f"global layer: {'learned model' if args.learned else 'rules'}; min decisions {args.min_decisions}; "
        f"missed comments marked: {args.missed:.0%}"
    )
    print()
    print(
        "| stream | messages | corrected | F1 last half off | on | Δ | worst window Δ | P off→on | R off→on "
        "| gate open |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|---|---:|")
    curves: dict[str, dict[str, list[float]]] = {}
    for name, items in data.items():
        gold = [i.negative for i in items]
        half = len(items) // 2
        off, _ = replay(items, 0.0, learning=False, min_decisions=args.min_decisions, seed=args.seed)
        off_windows = windows(off, gold, args.window)
        curves[name] = {"off": [w[2] for w in off_windows]}
        p_off, r_off, f_off = _prf(off[half:], gold[half:])
        for share in shares:
            on, open_share = replay(
                items, share, learning=True, min_decisions=args.min_decisions, seed=args.seed, missed=args.missed
            )
            on_windows = windows(on, gold, args.window)
            curves[name][f"{share:.0%}"] = [w[2] for w in on_windows]
            p_on, r_on, f_on = _prf(on[half:], gold[half:])
            worst = min(b[2] - a[2] for a, b in zip(off_windows, on_windows, strict=True))
            print(
                f"| {name} | {len(items)} | {share:.0%} | {f_off:.3f} | {f_on:.3f} | {f_on - f_off:+.3f} "
                f"| {worst:+.3f} | {p_off:.3f}→{p_on:.3f} | {r_off:.3f}→{r_on:.3f} | {open_share:.0%} |"
            )
    print()
    print(f"F1 of `negative` per window of {args.window} messages:")
    for name, curve in curves.items():
        print(f"\n{name}")
        print("| window | " + " | ".join(curve) + " |")
        print("|---:|" + "---:|" * len(curve))
        for i in range(len(curve["off"])):
            print(f"| {i + 1} | " + " | ".join(f"{c[i]:.3f}" for c in curve.values()) + " |")
    if args.png:
        _draw(curves, args.png, args.window)
        print(f"\ncurves drawn in {args.png}")
    return 0


def _draw(curves: dict[str, dict[str, list[float]]], path: Path, window: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(curves), figsize=(5 * len(curves), 3.6), sharey=True)
    for ax, (name, curve) in zip(axes, curves.items(), strict=True):
        for key, values in curve.items():
            style = {"color": "black", "linestyle": "--"} if key == "off" else {}
            label = "learning off" if key == "off" else f"on, {key} of alerts corrected"
            ax.plot(range(1, len(values) + 1), values, marker="o", markersize=3, label=label, **style)
        ax.set_title(name)
        ax.set_xlabel(f"window of {window} messages")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("F1 of negative")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    raise SystemExit(main())
