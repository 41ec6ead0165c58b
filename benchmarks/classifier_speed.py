"""Classifier speed on the dev_sentiment.csv texts.

    python benchmarks/classifier_speed.py [--shared-data DIR] [--limit N] [--learned]

Prints throughput for the whole process (from interpreter start, including the pymorphy3
dictionary load, to the last verdict; with the bot's collector settings, ``bot/gc_policy.py``, unless
``--interpreter-gc``), per-message latency p50/p99, and, side by side, the
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


def _layers(texts: list[str], n: int) -> dict[int, str]:
    """``n`` chats' layers in their stored form, each learned from 30 decisions on random messages."""
    import random
    from dataclasses import replace

    from bot.classifier import create_classifier
    from bot.classifier.chatgate import Gate
    from bot.classifier.chatlayer import ChatLayer, ChatLayerClassifier
    from bot.domain.verdicts import Label

    rng = random.Random(5)
    reader = ChatLayerClassifier(create_classifier())
    readings = [reader.reading(t) for t in texts[:3000]]
    out = {}
    for i in range(n):
        layer = ChatLayer.empty()
        for r in rng.sample(readings, 30):
            # as admins decide: most confirm the bot's label, one in five corrects it
            label = r.label if rng.random() < 0.8 else rng.choice(list(Label))
            layer = layer.learn(r.features, r.prior, label)
        # random decisions leave the gate closed, and a closed layer skips nearly every message: the
        # speed is measured with every layer in force, the most it costs
        out[-(10**12) - i] = replace(layer, gate=Gate(layer_wins=1000.0, variance=1.0)).dumps()
    return out


def _interleaved(texts: list[str], stored: dict[int, str], chats: list[int], learned: bool) -> int:
    """CPU per message without layers, with the learning copies (``ChatLayer``, numpy: what the bot held
    before ``LayerView``) and with ``LayerView`` (what it holds), each chat's layer read at its first
    message, again in every round. Chunk by chunk in turn, the order rotated every chunk so that each
    side runs first, second and third equally often: the machine's load falls on all alike. Word caches
    are warm (one pass each first)."""
    from bot.classifier import MessageIn, create_classifier
    from bot.classifier.chatlayer import ChatLayer, ChatLayerClassifier, LayerCache, LayerView

    plain = create_classifier(learned=learned)
    layered = ChatLayerClassifier(create_classifier(learned=learned))
    for text in texts:
        plain.classify(MessageIn(text=text))
        layered.classify(MessageIn(text=text))
    sides = ("without", "ChatLayer", "LayerView")
    spent = dict.fromkeys(sides, 0.0)
    rounds, size = 3, 500
    for _ in range(rounds):
        caches = {"ChatLayer": LayerCache(len(chats)), "LayerView": LayerCache(len(chats))}
        for n_chunk, start in enumerate(range(0, len(texts), size)):
            chunk = texts[start : start + size]
            k = n_chunk % 3
            for side in sides[k:] + sides[:k]:
                t0 = time.process_time()
                if side == "without":
                    for text in chunk:
                        plain.classify(MessageIn(text=text))
                else:
                    layered.layers = caches[side]
                    for i, text in enumerate(chunk):
                        chat = chats[(start + i) % len(chats)]
                        if layered.layers.version(chat) is None:
                            held = (
                                LayerView.loads(stored[chat])
                                if side == "LayerView"
                                else ChatLayer.loads(stored[chat], names=False)
                            )
                            layered.layers.put(chat, held, 1)
                        layered.classify(MessageIn(text=text, chat_id=chat))
                spent[side] += time.process_time() - t0
    n = rounds * len(texts)
    per = {side: spent[side] / n * 1e6 for side in sides}
    print(f"interleaved, {rounds} rounds of {len(texts)} messages over {len(chats)} chats, CPU per message:")
    for side in sides:
        more = per[side] - per["without"]
        extra = "" if side == "without" else f" ({more:+.1f} µs, {more / per['without']:+.1%})"
        print(f"  {side}: {per[side]:.1f} µs{extra}")
    return 0


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
    ap.add_argument(
        "--chat-layers",
        type=int,
        default=0,
        metavar="N",
        help="messages spread over N chats, each with its own learned layer (stored form, read at its first message)",
    )
    ap.add_argument(
        "--interleaved",
        action="store_true",
        help="with --chat-layers: the layers' own cost, measured in one process, chunks of 500 messages "
        "through a classifier without layers, one with the numpy copies and one with LayerView in turn "
        "(steadier on a loaded machine)",
    )
    ap.add_argument(
        "--interpreter-gc",
        action="store_true",
        help="keep Python's own collector settings instead of the bot's (bot/gc_policy.py, applied by the "
        "bot once started): the figures measured before 2026-12-07 19:45 UTC",
    )
    ap.add_argument(
        "--classify-only",
        action="store_true",
        help="stop after the verdicts (no baseline, no memory count): for instruction counts under callgrind",
    )
    args = ap.parse_args()
    texts = _texts(args.shared_data, args.limit)

    # 1. The classifier, timed from process start (import + dictionary load included).
    from bot.classifier import MessageIn, create_classifier

    clf = create_classifier(learned=args.learned)
    from bot.classifier.chatlayer import ChatLayerClassifier, LayerView

    layered = ChatLayerClassifier(clf) if args.chat_layers else None
    if not args.interpreter_gc:
        # as the bot runs the classifier: its collector settings, applied once start-up is done
        from bot.gc_policy import settle_after_start

        settle_after_start()
    stored: dict[int, str] = {}
    build = build_cpu = 0.0
    if args.chat_layers:
        # Each chat's layer as the database holds it, learned from 30 decisions of its own; built before
        # the timing starts and excluded from it (the bot learns them over weeks, not at start), in a
        # forked child so that this process's word caches stay as cold as without layers.
        import multiprocessing

        t_build, cpu_build = time.perf_counter(), time.process_time()
        with multiprocessing.get_context("fork").Pool(1) as pool:
            stored = pool.apply(_layers, (texts, args.chat_layers))
        build = time.perf_counter() - t_build
        # this process's own share: forking, and receiving ~20 MB of stored layers through a pipe (the
        # bot reads each from its database at the chat's first message instead: ``loads`` below, timed)
        build_cpu = time.process_time() - cpu_build
    chats = [-(10**12) - i for i in range(args.chat_layers)] if args.chat_layers else [0]
    if args.interleaved and args.chat_layers:
        return _interleaved(texts, stored, chats, args.learned)
    lat: list[float] = []
    for n_message, text in enumerate(texts):
        t0 = time.perf_counter()
        if layered is not None:
            chat = chats[n_message % len(chats)]
            if layered.layers.version(chat) is None:  # lazily, as LearningService.prepare does
                layered.layers.put(chat, LayerView.loads(stored[chat]), 1)
            layered.classify(MessageIn(text=text, chat_id=chat))
        else:
            clf.classify(MessageIn(text=text))
        lat.append(time.perf_counter() - t0)
    total = time.time() - _PROCESS_START - build
    # CPU time of the process from its start (less the layers' building): steadier than the wall clock
    # on a machine shared with other work.
    cpu = time.process_time() - build_cpu
    classify_only = sum(lat)
    if args.classify_only:
        print(f"classifier, CPU time of the whole process: {cpu:.2f} s = {len(texts) / cpu:,.0f} msg/s")
        return 0

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
    if args.chat_layers:
        import tracemalloc

        tracemalloc.start()
        again = [LayerView.loads(s) for s in stored.values()]
        size = tracemalloc.get_traced_memory()[0]
        for view in again:
            view.pull(())  # each feature index built, as after a message that gets past the bound
        built = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        print(
            f"chat layers: {len(again)} loaded lazily at their first message ({build:.1f} s, {build_cpu:.2f} s of "
            f"this process's CPU, to build them and hand them over, excluded); their memory: {size / 2**20:.1f} MiB "
            f"as read, {built / 2**20:.1f} MiB with every feature index built"
        )
    start = "process start" if _START_IS_PROCESS else "script start (no /proc)"
    print(f"classifier, whole process ({start} → last verdict): {total:.2f} s = {n / total:,.0f} msg/s")
    print(f"classifier, CPU time of the whole process: {cpu:.2f} s = {n / cpu:,.0f} msg/s")
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
