"""Resident memory of the real bot process: idle after start, and after many messages.

    python benchmarks/memory.py [--messages 100000] [--chats 1000] [--database-url postgresql://...]

Runs ``python -m bot`` against the fake Bot API server on 127.0.0.1 with a fresh SQLite DB in a
temporary directory (with ``--database-url``, a fresh schema on that PostgreSQL server, dropped
afterwards), registers ``--chats`` groups (each with an owner who pressed Start and an
admin who did not), then pushes ``--messages`` comments of the benchmark mix spread evenly over the
chats through getUpdates, as fast as the bot takes them (at most 2,000 waiting at any time).
Reads VmRSS and VmHWM (peak) of the bot process from /proc/<pid>/status: idle after start, idle
after the chats were registered, every 10,000 messages, and idle after the last one.

``--tracemalloc N`` runs the bot under tracemalloc (slower, and its own bookkeeping adds to the
resident figures) and prints, after the last message, the ``N`` source lines and files holding the
most of its Python memory: where the memory goes, not how much the bot takes. ``--source PATH`` runs
the bot from another checkout (first on PYTHONPATH), to compare versions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    TOKEN,
    authors,
    bench_database,
    comment_mix,
    rss_mb,
    setup_world,
    start_bot,
    wait_until,
)

from bot.fake_api import FakeTelegram, serve

IN_FLIGHT = 2000
HOOK = Path(__file__).resolve().parent / "_mem_hook.py"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


async def run(
    messages: int, chats: int, seed: int, postgres: str | None, top: int = 0, source: str | None = None
) -> tuple[list[tuple[str, float, float]], str]:
    rng = random.Random(seed)
    fake = FakeTelegram(can_read_all_group_messages=True)
    groups = [-1001_700_000_000 - i for i in range(chats)]
    people = authors(20_000, seed=seed)
    texts = comment_mix(seed)
    readings: list[tuple[str, float, float]] = []
    traced = ""
    with tempfile.TemporaryDirectory(prefix="otklik-memory-") as tmp:
        workdir = Path(tmp)
        async with serve(fake, TOKEN) as base_url, bench_database(workdir, postgres) as (database_url, counter):
            path = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))
            env = {"PYTHONPATH": path} if source else {}
            if top:
                env["OTKLIK_TRACEMALLOC"] = str(workdir / "tracemalloc.txt")
                env["OTKLIK_TRACEMALLOC_TOP"] = str(top)
            args = [str(HOOK)] if top else None
            proc = await start_bot(base_url, workdir, database_url=database_url, args=args, **env)
            try:
                await fake.wait_for(lambda c: c.method == "getMe", timeout=60)
                await asyncio.sleep(2)
                readings.append(("idle after start", *rss_mb(proc.pid)))
                await setup_world(fake, groups, admins_per_group=2)
                await fake.wait_for(lambda c: c.method == "getChatAdministrators", count=chats, timeout=300)
                await asyncio.sleep(2)
                readings.append((f"idle, {chats:,} chats registered", *rss_mb(proc.pid)))
                pushed = 0
                started = time.perf_counter()
                while pushed < messages:
                    handled = counter()
                    room = min(IN_FLIGHT - (pushed - handled), messages - pushed)
                    for _ in range(max(room, 0)):
                        fake.comment(groups[pushed % chats], rng.choice(people), next(texts)[1])
                        pushed += 1
                        if pushed % 10_000 == 0:
                            readings.append((f"{pushed:,} pushed", *rss_mb(proc.pid)))
                    # The fake keeps every call and message; the bot's memory is what is measured.
                    if len(fake.calls) > 50_000:
                        fake.calls.clear()
                        fake.messages.clear()
                    await asyncio.sleep(0.02)
                if not await wait_until(lambda: counter() >= messages, timeout=600, step=0.2):
                    print(f"only {counter():,} of {messages:,} handled in time", file=sys.stderr)
                spent = time.perf_counter() - started
                await asyncio.sleep(2)
                readings.append((f"idle after {counter():,} messages ({spent:.0f} s)", *rss_mb(proc.pid)))
                if top:
                    dump = workdir / "tracemalloc.txt"
                    os.kill(proc.pid, signal.SIGUSR2)
                    if await wait_until(dump.exists, timeout=300, step=0.2):
                        traced = _read(dump)
            finally:
                code = await proc.stop(timeout=60)
                if code != 0:
                    print(f"bot exited with {code}; log: {proc.log}", file=sys.stderr)
    return readings, traced


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--chats", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--database-url", help="PostgreSQL server for the bot (a fresh schema per run); default SQLite")
    ap.add_argument("--tracemalloc", type=int, default=0, metavar="N", help="print the N lines holding the most")
    ap.add_argument("--source", help="run the bot from this checkout instead (PYTHONPATH)")
    args = ap.parse_args()
    readings, traced = asyncio.run(
        run(args.messages, args.chats, args.seed, args.database_url, args.tracemalloc, args.source)
    )
    if traced:
        print(traced)
    print(f"\n{'moment':<44} {'VmRSS MB':>9} {'VmHWM MB':>9}")
    for moment, rss, hwm in readings:
        print(f"{moment:<44} {rss:>9.1f} {hwm:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
