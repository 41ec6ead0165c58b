"""CPU per comment of judging it and of drafting its reply, in one process (no bot, no database).

    python benchmarks/draft_cost.py [--messages 3200] [--kinds negative,mix]

The comments of ``cpu_cost.py`` (seed 8): each is classified, then each negative one is read
(``read_comment``) and drafted (``suggest_reply``) as the bot does when it opens a case. *first pass*:
the caches as in a bot that has just started and sees these comments once; *warm*: the best of two
more passes. A figure per comment of the kind, so ``--kinds negative`` shows what one negative update
costs the replies. Run it under ``valgrind --tool=callgrind`` for instruction counts.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import comment_mix

from bot.classifier import create_classifier
from bot.domain.verdicts import MessageIn, Verdict
from bot.replies import read_comment, suggest_reply

NEGATIVE = {"constructive", "impulsive", "trolling", "directed"}


def measure(kind: str, messages: int) -> str:
    texts = [t for k, t in itertools.islice(comment_mix(8), messages * 3) if kind == "mix" or k in NEGATIVE]
    texts = texts[:messages]
    classifier = create_classifier()
    passes: list[tuple[float, float]] = []
    for run in range(3):
        verdicts: list[Verdict] = []
        start = time.process_time()
        for i, text in enumerate(texts):
            message = MessageIn(
                text=text, chat_id=-100 - i % 5 - 10 * run, user_id=10 + i, date=1_700_000_000 + i + run * 10**6
            )
            verdicts.append(classifier.classify(message))
        judged = time.process_time()
        for i, (text, verdict) in enumerate(zip(texts, verdicts, strict=True)):
            if verdict.label.negative:
                reading = read_comment(text, problem=verdict.problem)
                suggest_reply(
                    verdict.label, problem=verdict.problem, author_name="Анна", case_id=i, text=text, reading=reading
                )
        passes.append((judged - start, time.process_time() - judged))
    first, warm = passes[0], (min(p[0] for p in passes[1:]), min(p[1] for p in passes[1:]))
    per = 1000 / len(texts)
    return (
        f"{kind:<9} {len(texts):>8} {first[0] * per:>11.3f} {first[1] * per:>11.3f} "
        f"{warm[0] * per:>11.3f} {warm[1] * per:>11.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=3200)
    ap.add_argument("--kinds", default="negative,mix")
    args = ap.parse_args()
    rows = [measure(kind, args.messages) for kind in args.kinds.split(",")]
    print(f"{'':<18} {'first pass, CPU ms/comment':>23} {'warm, CPU ms/comment':>23}")
    print(f"{'kind':<9} {'comments':>8} {'classify':>11} {'read+draft':>11} {'classify':>11} {'read+draft':>11}")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
