"""Measure the classifier.

    python -m bot.classifier.evaluate [--typology PATH] [--shared-data DIR] [--limit N] [--learned]
    python -m bot.classifier.evaluate --file MY_CHAT.csv [--file MORE.jsonl] [--learned]

Typology set: per-label precision/recall/F1, macro-F1, confusion matrix, and whether higher
confidence means higher precision. Shared dev sets: binary F1 for ``negative`` and ``toxic``.

``--file``: any labelled CSV (with a header row) or JSON Lines file. Columns (fields):
``text`` (required); ``label`` (one of constructive, impulsive, trolling, directed, neutral, positive);
``negative`` and ``toxic`` (1/0, true/false, yes/no; empty = unknown); optional ``chat_id``, ``user_id``,
``date`` (unix seconds) and ``message_id`` let the per-chat context (waves, bursts, newcomers) work.
Every column present is scored: per-label precision/recall/F1 and a confusion matrix.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from bot.classifier.engine import RulesClassifier, create_classifier
from bot.domain.verdicts import Label, MessageIn, Verdict

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TYPOLOGY = REPO_ROOT / "benchmarks" / "data" / "typology.jsonl"
DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "data"
LABELS = [lb.value for lb in Label]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def calibration(pairs: Iterable[tuple[float, bool]]) -> list[tuple[str, int, float]]:
    """Precision per confidence bucket: (bucket, count, share correct)."""
    edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    buckets: dict[int, list[bool]] = {i: [] for i in range(len(edges) - 1)}
    for conf, ok in pairs:
        for i in range(len(edges) - 1):
            if edges[i] <= conf < edges[i + 1]:
                buckets[i].append(ok)
                break
    out: list[tuple[str, int, float]] = []
    for i, oks in buckets.items():
        if oks:
            out.append((f"{edges[i]:.1f}-{min(edges[i + 1], 1.0):.1f}", len(oks), sum(oks) / len(oks)))
    return out


def _print_calibration(title: str, pairs: list[tuple[float, bool]]) -> None:
    print(f"  calibration ({title}): confidence bucket → n, precision")
    for bucket, n, prec in calibration(pairs):
        print(f"    {bucket}: n={n:6d}  precision={prec:.3f}")


_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f"}


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


def read_rows(path: Path) -> list[dict[str, object]]:
    """A labelled file as dicts: CSV with a header row, or JSON Lines (by the name's ending)."""
    if path.suffix.lower() in {".jsonl", ".json", ".ndjson"}:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [dict(row) for row in csv.DictReader(fh)]


def _message(row: dict[str, object]) -> MessageIn:
    def num(key: str) -> int:
        try:
            return int(str(row.get(key) or 0))
        except ValueError:
            return 0

    return MessageIn(
        text=str(row.get("text") or ""),
        chat_id=num("chat_id"),
        user_id=num("user_id"),
        date=num("date"),
        message_id=num("message_id"),
        edited=bool(_flag(row.get("edited"))),
    )


def evaluate_file(path: Path, clf: RulesClassifier, show_errors: int = 0) -> None:
    """Score every labelled column of one file (see the module's docstring)."""
    rows = read_rows(path)
    if not rows or "text" not in rows[0]:
        print(f"{path}: no rows with a `text` column")
        return
    if any(str(r.get("label") or "") in LABELS for r in rows):
        evaluate_typology(path, clf, show_errors, rows=[r for r in rows if str(r.get("label") or "") in LABELS])
    for column in ("negative", "toxic"):
        pairs = [(_message(r), _flag(r.get(column))) for r in rows]
        known = [(m, g) for m, g in pairs if g is not None]
        if known:
            _binary(f"{column} on {path.name}", column, clf, known, show_errors)


def _binary(
    title: str, column: str, clf: RulesClassifier, rows: list[tuple[MessageIn, bool]], show_errors: int
) -> float:
    cm: Counter[tuple[bool, bool]] = Counter()
    errors: list[str] = []
    for msg, gold in rows:
        v = clf.classify(msg)
        pred = v.negative if column == "negative" else v.toxic
        cm[(gold, pred)] += 1
        if pred != gold:
            errors.append(f"  {'FP' if pred else 'FN'}: {msg.text[:160]!r}")
    p, r, f = prf(cm[(True, True)], cm[(False, True)], cm[(True, False)])
    print(f"{title} ({len(rows)} rows): F1={f:.3f}  precision={p:.3f}  recall={r:.3f}")
    print(f"  confusion (rows gold, columns predicted): {'no':>8}{'yes':>8}")
    for g in (False, True):
        print(f"  {'yes' if g else 'no':<42}{cm[(g, False)]:8d}{cm[(g, True)]:8d}")
    for line in errors[:show_errors]:
        print(line)
    return f


def evaluate_typology(
    path: Path,
    clf: RulesClassifier | None = None,
    show_errors: int = 0,
    rows: list[dict[str, object]] | None = None,
) -> float | None:
    if rows is None:
        if not path.exists():
            print(f"typology: {path} not found, skipped")
            return None
        rows = read_rows(path)
    clf = clf or create_classifier()
    gold: list[str] = []
    pred: list[str] = []
    pairs: list[tuple[float, bool]] = []
    errors: list[tuple[str, str, str]] = []
    for row in rows:
        msg = _message(row)
        v = clf.classify(msg)
        gold.append(str(row["label"]))
        pred.append(v.label.value)
        pairs.append((v.confidence, v.label.value == row["label"]))
        if v.label.value != row["label"]:
            errors.append((str(row["label"]), v.label.value, msg.text))
    print(f"typology: {path} ({len(rows)} messages)")
    print(f"  {'label':<13}{'prec':>7}{'rec':>7}{'f1':>7}{'n':>6}")
    f1s = []
    for lb in LABELS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lb and p == lb)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lb and p == lb)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lb and p != lb)
        p, r, f = prf(tp, fp, fn)
        n = gold.count(lb)
        if n:
            f1s.append(f)
        print(f"  {lb:<13}{p:7.3f}{r:7.3f}{f:7.3f}{n:6d}")
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / max(len(gold), 1)
    print(f"  macro-F1 = {macro:.3f}   accuracy = {acc:.3f}")
    cm = Counter(zip(gold, pred, strict=True))
    print("  confusion (rows gold, columns predicted):")
    print("  " + " " * 13 + "".join(f"{lb[:6]:>8}" for lb in LABELS))
    for g in LABELS:
        print(f"  {g:<13}" + "".join(f"{cm[(g, p)]:8d}" for p in LABELS))
    _print_calibration("label correct", pairs)
    for want, got, text in errors[:show_errors]:
        print(f"  ERR gold={want} pred={got}: {text[:160]!r}")
    return macro


def _read_csv(path: Path, column: str, limit: int | None) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            val = (row.get(column) or "").strip()
            if val not in {"0", "1"}:
                continue
            out.append((row.get("text") or "", val == "1"))
            if limit and len(out) >= limit:
                break
    return out


def evaluate_binary(
    path: Path, column: str, clf: RulesClassifier, limit: int | None = None, show_errors: int = 0
) -> float | None:
    if not path.exists():
        print(f"{column}: {path} not found, skipped")
        return None
    rows = _read_csv(path, column, limit)
    tp = fp = fn = 0
    pairs: list[tuple[float, bool]] = []
    fps: list[str] = []
    fns: list[str] = []
    for text, gold in rows:
        v: Verdict = clf.classify(MessageIn(text=text))
        pred = v.negative if column == "negative" else v.toxic
        if column == "negative":
            pairs.append((v.confidence, gold) if pred else (v.confidence, not gold))
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        if pred and not gold:
            fps.append(text)
        if gold and not pred:
            fns.append(text)
    p, r, f = prf(tp, fp, fn)
    print(f"{column} on {path.name} ({len(rows)} rows): F1={f:.3f}  precision={p:.3f}  recall={r:.3f}")
    if pairs:
        _print_calibration("negative vs not, verdict correct", pairs)
    for t in fps[:show_errors]:
        print(f"  FP: {t[:160]!r}")
    for t in fns[:show_errors]:
        print(f"  FN: {t[:160]!r}")
    return f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--typology", type=Path, default=DEFAULT_TYPOLOGY)
    ap.add_argument("--shared-data", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--limit", type=int, default=None, help="at most N rows per binary set")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors per set")
    ap.add_argument("--only", choices=["typology", "negative", "toxic"], default=None)
    ap.add_argument("--file", type=Path, action="append", default=[], help="a labelled CSV or JSONL (repeatable)")
    ap.add_argument("--learned", action="store_true", help="the learned layer decides (CLASSIFIER_MODEL=1)")
    args = ap.parse_args(argv)

    def fresh() -> RulesClassifier:
        # a fresh per-chat context for every set
        return create_classifier(learned=args.learned)

    if args.file:
        for path in args.file:
            evaluate_file(path, fresh(), args.errors)
        return 0
    if args.only in (None, "typology"):
        evaluate_typology(args.typology, fresh(), args.errors)
    if args.only in (None, "negative"):
        evaluate_binary(args.shared_data / "dev_sentiment.csv", "negative", fresh(), args.limit, args.errors)
    if args.only in (None, "toxic"):
        toxic_path = args.shared_data / "dev_toxic.csv"
        evaluate_binary(toxic_path, "toxic", fresh(), args.limit, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
