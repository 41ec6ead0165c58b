"""CPU time of the real bot process per update, by kind of comment.

    python benchmarks/cpu_cost.py [--messages 2000] [--kinds calm,negative,mix] [--profile out.prof]
                                  [--database-url postgresql://user@host:port/db]

Throughput in updates/s depends on what else the machine is doing; the CPU time the bot process
spends per update (user + system, both its threads, from /proc/<pid>/stat) much less so, which
makes it the figure to compare two versions of the code by on a busy machine.

For each kind: ``python -m bot`` against the fake Bot API server on 127.0.0.1 (fresh database,
5 groups with 3 admins each, 2 of whom pressed Start), 200 comments of warm-up, then
``--messages`` comments pushed at once; the reading is taken when the bot has counted them all and
no call has reached the fake for half a second. *calm*: only the neutral and positive comments of
the benchmark mix, *negative*: only the negative ones (each opens a case and alerts), *mix*: the
mix itself (60/40). ``--profile FILE`` runs the bot under cProfile (much slower; the figures are
then only good for finding where the time goes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TOKEN, authors, bench_database, comment_mix, start_bot, wait_until, warmed_up

from bot.fake_api import FakeTelegram, serve

NEGATIVE = {"constructive", "impulsive", "trolling", "directed"}
WARMUP = 200


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _texts(kind: str, seed: int) -> Iterator[str]:
    for found, text in comment_mix(seed):
        if kind == "mix" or (kind == "negative") == (found in NEGATIVE):
            yield text


async def measure(kind: str, messages: int, seed: int, profile: str | None, postgres: str | None) -> str:
    rng = random.Random(seed)
    fake = FakeTelegram(can_read_all_group_messages=True)
    groups = [-1001_500_000_000 - i for i in range(5)]
    people = authors(5000, seed=seed)
    texts = _texts(kind, seed)

    def comment() -> None:
        fake.comment(rng.choice(groups), rng.choice(people), next(texts))

    with tempfile.TemporaryDirectory(prefix="otklik-cpu-") as tmp:
        workdir = Path(tmp)
        async with serve(fake, TOKEN) as base_url, bench_database(workdir, postgres) as (database_url, counter):
            args = ["-m", "cProfile", "-o", profile, "-m", "bot"] if profile else ["-m", "bot"]
            proc = await start_bot(base_url, workdir, database_url=database_url, args=args)
            try:
                await warmed_up(fake, proc, counter, groups, comment, WARMUP)
                await asyncio.sleep(1)
                before, calls_before = cpu_seconds(proc.pid), len(fake.calls)
                for _ in range(messages):
                    comment()
                if not await wait_until(lambda: counter() >= WARMUP + messages, timeout=600, step=0.05):
                    raise RuntimeError(f"only {counter() - WARMUP} of {messages} handled; see {proc.log}")
                seen = -1
                while len(fake.calls) != seen:  # the last alerts go out after the last count
                    seen = len(fake.calls)
                    await asyncio.sleep(0.5)
                spent = cpu_seconds(proc.pid) - before
                calls = fake.calls[calls_before:]
            finally:
                await proc.stop()
    sends = sum(1 for c in calls if c.method == "sendMessage")
    edits = sum(1 for c in calls if c.method == "editMessageText")
    return f"{kind:<9} {messages:>8} {spent * 1000 / messages:>13.2f} {sends:>6} {edits:>6}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--kinds", default="calm,negative,mix")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--profile", help="run the bot under cProfile and write its stats here (one kind only)")
    ap.add_argument("--database-url", help="PostgreSQL server for the bot (a fresh schema per run); default SQLite")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    if args.profile and len(kinds) != 1:
        ap.error("--profile takes one kind")
    rows = []
    for kind in kinds:
        print(f"measuring {kind} ...", flush=True)
        profile = str(Path(args.profile).resolve()) if args.profile else None
        rows.append(asyncio.run(measure(kind, args.messages, args.seed, profile, args.database_url)))
    print(f"\n{'kind':<9} {'messages':>8} {'CPU ms/update':>13} {'sends':>6} {'edits':>6}")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
