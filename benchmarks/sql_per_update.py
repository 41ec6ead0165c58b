"""SQL statements and database round trips the real bot spends per update, by kind of comment.

    python benchmarks/sql_per_update.py [--messages 500] [--kinds calm,negative] [--top 25]
                                        [--source PATH]

Like ``cpu_cost.py``: ``python -m bot`` (SQLite) against the fake Bot API server on 127.0.0.1, 5
groups with 3 admins each (2 pressed Start), 200 comments of warm-up, then ``--messages`` comments of
one kind. The bot runs with a hook (``_sql_hook.py``) that counts, on the storage layer's SQLite
connection, every statement SQLite runs (its trace callback: BEGIN and COMMIT included, each row of
an executemany) and every call the repositories make (``execute``/``fetchone``/... : a round trip
each on PostgreSQL, where a transaction adds BEGIN and COMMIT). The counts are read before and after
the measured comments, with the SQLite virtual machine steps each statement took (its progress
handler: the work of a statement, which a count of statements misses when one scans), once no call
has reached the fake for half a second, and divided by their number; the statements the bot ran most
are listed with their share per update. The CPU time of each call's work on the connection (the
event loop thread's, so other processes' load counts little) is summed too: with the counting on, it
is a little over what the bot spends without it.

The figures are counts, not times: they do not depend on the machine's load, so two versions compare
on a busy machine. ``--source PATH`` runs the bot from another checkout (put first on PYTHONPATH; the
fake, the mix and this script stay this checkout's), e.g. ``git worktree add ../old b07f928``.
``--profile FILE`` writes a cProfile of the measured comments, timed by the bot's CPU time (with
``--no-trace`` so the counting's own cost stays out of it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TOKEN, authors, bench_database, comment_mix, start_bot, wait_until, warmed_up

from bot.fake_api import FakeTelegram, serve

NEGATIVE = {"constructive", "impulsive", "trolling", "directed"}
WARMUP = 200
HOOK = Path(__file__).resolve().parent / "_sql_hook.py"
_SPACE = re.compile(r"\s+")
_LIST = re.compile(r"\((\?, *)+\?\)")


def _texts(kind: str, seed: int) -> Iterator[str]:
    for found, text in comment_mix(seed):
        if kind == "mix" or (kind == "negative") == (found in NEGATIVE):
            yield text


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    return data


async def _dump(pid: int, path: Path) -> dict[str, Any]:
    os.kill(pid, signal.SIGUSR1)
    if not await wait_until(path.exists, timeout=30, step=0.02):
        raise RuntimeError("the bot did not write its SQL counts")
    return _read(path)


async def _quiet(fake: FakeTelegram) -> None:
    seen = -1
    while len(fake.calls) != seen:
        seen = len(fake.calls)
        await asyncio.sleep(0.5)


def _shape(sql: str) -> str:
    """One line per statement shape: whitespace folded, literal values left as SQLite shows them."""
    return _LIST.sub("(?, ...)", _SPACE.sub(" ", sql).strip())


# The table's row, then per statement: SQLite's statements, the calls, the VM steps, the CPU ns.
Measured = tuple[str, Counter[str], Counter[str], Counter[str], Counter[str]]


async def measure(
    kind: str, messages: int, seed: int, source: str | None, trace: bool = True, profile: str | None = None
) -> Measured:
    rng = random.Random(seed)
    fake = FakeTelegram(can_read_all_group_messages=True)
    groups = [-1001_500_000_000 - i for i in range(5)]
    people = authors(5000, seed=seed)
    texts = _texts(kind, seed)

    def comment() -> None:
        fake.comment(rng.choice(groups), rng.choice(people), next(texts))

    with tempfile.TemporaryDirectory(prefix="otklik-sql-") as tmp:
        workdir = Path(tmp)
        out = workdir / "sql-counts.json"
        env = {"OTKLIK_SQL_COUNTS": str(out), "OTKLIK_SQL_TRACE": "1" if trace else "0"}
        if profile:
            env["OTKLIK_PROFILE"] = profile
        if source:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH", "")]))
        async with serve(fake, TOKEN) as base_url, bench_database(workdir, None) as (database_url, counter):
            proc = await start_bot(base_url, workdir, database_url=database_url, args=[str(HOOK)], **env)
            try:
                await warmed_up(fake, proc, counter, groups, comment, WARMUP)
                await _quiet(fake)
                before = await _dump(proc.pid, out)
                calls_before = len(fake.calls)
                for _ in range(messages):
                    comment()
                if not await wait_until(lambda: counter() >= WARMUP + messages, timeout=600, step=0.05):
                    raise RuntimeError(f"only {counter() - WARMUP} of {messages} handled; see {proc.log}")
                await _quiet(fake)
                after = await _dump(proc.pid, out)
                calls = fake.calls[calls_before:]
            finally:
                await proc.stop()
    statements: Counter[str] = Counter()
    for sql, n in after["statements"].items():
        statements[_shape(sql)] += n - before["statements"].get(sql, 0)
    trips: Counter[str] = Counter()
    for sql, n in after["calls"].items():
        trips[_shape(sql)] += n - before["calls"].get(sql, 0)
    work: Counter[str] = Counter()
    for sql, n in after["steps"].items():
        work[_shape(sql)] += n - before["steps"].get(sql, 0)
    spent: Counter[str] = Counter()
    for sql, n in after["cpu"].items():
        spent[_shape(sql)] += n - before["cpu"].get(sql, 0)
    statements = +statements
    trips = +trips
    work = +work
    sends = sum(1 for c in calls if c.method == "sendMessage")
    edits = sum(1 for c in calls if c.method == "editMessageText")
    per = [sum(statements.values()), sum(trips.values()), sum(work.values()), sends, edits]
    row = f"{kind:<9} {messages:>8} " + " ".join(
        f"{n / messages:>{w}.{d}f}" for n, w, d in zip(per, (14, 12, 12, 9, 9), (2, 2, 0, 2, 2), strict=True)
    )
    row += f" {sum(spent.values()) / messages / 1000:>11.1f}"
    return row, statements, trips, work, spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=500)
    ap.add_argument("--kinds", default="calm,negative")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--top", type=int, default=25, help="statements listed per kind")
    ap.add_argument("--source", help="run the bot from this checkout instead (PYTHONPATH)")
    ap.add_argument("--profile", help="cProfile (CPU time) of the measured comments to this file (one kind)")
    ap.add_argument(
        "--no-trace", action="store_true", help="count calls and their CPU only (statements and steps cost CPU)"
    )
    args = ap.parse_args()
    if args.profile and "," in args.kinds:
        ap.error("--profile takes one kind")
    profile = str(Path(args.profile).resolve()) if args.profile else None
    rows = []
    for kind in args.kinds.split(","):
        print(f"measuring {kind} ...", flush=True)
        row, statements, trips, work, spent = asyncio.run(
            measure(kind, args.messages, args.seed, args.source, not args.no_trace, profile)
        )
        rows.append(row)
        print(f"\n{kind}: statements SQLite ran, per update (BEGIN/COMMIT included)")
        for sql, n in statements.most_common(args.top):
            print(f"{n / args.messages:>7.3f}  {sql[:150]}")
        print(f"\n{kind}: repository calls (round trips on PostgreSQL, BEGIN/COMMIT apart), per update")
        for sql, n in trips.most_common(args.top):
            print(f"{n / args.messages:>7.3f}  {sql[:150]}")
        print(f"\n{kind}: SQLite virtual machine steps, per update, by statement")
        for sql, n in work.most_common(args.top):
            print(f"{n / args.messages:>9.0f}  {sql[:150]}")
        print(f"\n{kind}: CPU µs per update in the calls' work on the connection, by statement")
        for sql, n in spent.most_common(args.top):
            print(f"{n / args.messages / 1000:>9.1f}  {sql[:150]}")
        print(flush=True)
    print(f"\n{'kind':<9} {'messages':>8} {'statements/upd':>14} {'calls/upd':>12} {'VM steps/upd':>12}", end=" ")
    print(f"{'sends/upd':>9} {'edits/upd':>9} {'SQL CPU µs':>11}")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
