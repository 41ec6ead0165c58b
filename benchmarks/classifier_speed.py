"""Classifier speed on the dev_sentiment.csv texts.

    python benchmarks/classifier_speed.py [--shared-data DIR] [--limit N] [--learned]

Prints throughput for the whole process (from interpreter start, including the pymorphy3
dictionary load, to the last verdict), per-message latency p50/p99, and, side by side, the
time to only tokenize and lemmatize the same messages with pymorphy3 (cached per word).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from pathlib import Path


def _process_start() -> tuple[float, bool]:
    """Wall-clock time this process started (Linux /proc), else now."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        # The start is given in clock ticks since boot; the boot time in /proc/stat only in whole
        # seconds, which put the start up to a second early. The age against the clock since boot
        # is exact to a tick.
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")
        return time.time() - age, True
    except (OSError, ValueError, IndexError):
        return time.time(), False


_PROCESS_START, _START_IS_PROCESS = _process_start()
REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

_WORD = re.compile(r"\w+")


def _texts(shared: Path, limit: int | None) -> list[str]:
    with (shared / "dev_sentiment.csv").open(encoding="utf-8", newline="") as fh:
        texts = [row.get("text") or "" for row in csv.DictReader(fh)]
    return texts[:limit] if limit else texts


def _pct(sorted_vals: list[float], q: float) -> float:
    if not sorted_vals:
        return 0.0
    idx = min(int(q * len(sorted_vals)), len(sorted_vals) - 1)
    return sorted_vals[idx]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared-data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--learned", action="store_true", help="with the learned layer (CLASSIFIER_MODEL=1)")
    args = ap.parse_args()
    texts = _texts(args.shared_data, args.limit)

    # 1. The classifier, timed from process start (import + dictionary load included).
    from bot.classifier import MessageIn, create_classifier

    clf = create_classifier(learned=args.learned)
    lat: list[float] = []
    for text in texts:
        t0 = time.perf_counter()
        clf.classify(MessageIn(text=text))
        lat.append(time.perf_counter() - t0)
    total = time.time() - _PROCESS_START
    classify_only = sum(lat)

    # 2. Baseline: tokenize + lemmatize with pymorphy3, a word cache, a fresh analyzer.
    import pymorphy3

    t0 = time.perf_counter()
    morph = pymorphy3.MorphAnalyzer()
    cache: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word not in cache:
                cache[word] = morph.parse(word)[0].normal_form
    baseline = time.perf_counter() - t0

    lat.sort()
    n = len(texts)
    print(f"messages: {n}")
    start = "process start" if _START_IS_PROCESS else "script start (no /proc)"
    print(f"classifier, whole process ({start} → last verdict): {total:.2f} s = {n / total:,.0f} msg/s")
    print(f"classifier, classify() calls only: {classify_only:.2f} s = {n / classify_only:,.0f} msg/s")
    print(
        f"latency per message: p50 {_pct(lat, 0.5) * 1e6:.0f} µs, p99 {_pct(lat, 0.99) * 1e6:.0f} µs, "
        f"max {lat[-1] * 1e3:.1f} ms"
    )
    print(
        f"baseline tokenize+lemmatize (pymorphy3, cached, load included): {baseline:.2f} s = {n / baseline:,.0f} msg/s"
    )
    print(f"ratio classifier (whole process) / baseline: {total / baseline:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
