"""End to end: the real ``python -m bot`` process against a fake Bot API server on 127.0.0.1.

    python benchmarks/e2e_throughput.py [--rates 50,200,1000] [--duration 12] [--groups 5]
                                        [--database-url postgresql://user@host:port/db]

For each rate, and for the bot and then for ``benchmarks/minimal_bot.py`` (the same aiogram
polling, answering each message with one sendMessage: the framework's ceiling here):

- a fresh fake server (``FakeTelegram(record_served=True)``) and, for the bot, a fresh SQLite DB
  in a temporary directory (with ``--database-url``, a fresh schema on that PostgreSQL server,
  dropped after the run); groups with admins who pressed Start (one admin per group did not);
- comments in the mix of ``_common.comment_mix`` (60% neutral/positive, 40% negative of all
  kinds, many authors) pushed at the rate for ``--duration`` seconds, after a short warm-up;
- processed/s: updates handled from the first one served to the last one handled. The bot shows
  that a group message was handled by counting it in its ``message_stats`` table (read-only reads
  of its DB every 20 ms); the minimal bot by its sendMessage;
- latency: from the update being handed out by getUpdates to the first alert about it (a
  sendMessage to an admin whose text links to that comment) arriving at the fake; for the minimal
  bot, to its answer. p50/p99 over the measured updates;
- alerts per admin per minute under the burst: the private messages with buttons (alerts, digest
  and incident cards; edits counted apart), the busiest admin-minute and the mean.

Only 127.0.0.1; every loop is bounded; the processes are stopped with SIGTERM at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    TOKEN,
    Process,
    authors,
    bench_database,
    comment_mix,
    setup_world,
    start_bot,
    start_minimal,
    wait_until,
)

from bot.fake_api import Call, FakeTelegram, serve

_LINK = re.compile(r"t\.me/c/(\d+)/(\d+)")
WARMUP = 100


@dataclass
class Result:
    who: str
    rate: int
    pushed: int
    processed: int
    seconds: float
    alerts: int
    p50_ms: float | None
    p99_ms: float | None
    backlog_s: float
    # Private messages (alerts, digest and incident cards: new messages, not edits) per admin per
    # minute from the first one: the busiest admin-minute and the mean over admin-minutes with any.
    admin_peak: int = 0
    admin_mean: float = 0.0
    admin_edits: int = 0

    @property
    def per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def _internal(chat_id: int) -> str:
    return str(chat_id)[4:]


async def _push_at_rate(
    fake: FakeTelegram,
    groups: list[int],
    people: list[dict[str, Any]],
    texts: Iterator[tuple[str, str]],
    rate: float,
    duration: float,
    rng: random.Random,
) -> list[tuple[int, int, int]]:
    """Push comments at ``rate``/s for ``duration`` s; returns (update_id, chat_id, message_id)."""
    pushed: list[tuple[int, int, int]] = []
    loop = asyncio.get_running_loop()
    start = loop.time()
    total = int(rate * duration)
    while len(pushed) < total:
        due = min(total, int((loop.time() - start) * rate) + 1)
        while len(pushed) < due:
            _kind, text = next(texts)
            chat_id = rng.choice(groups)
            message = fake.comment(chat_id, rng.choice(people), text)
            pushed.append((fake._updates[-1]["update_id"], chat_id, message["message_id"]))
        await asyncio.sleep(0.005)
    return pushed


async def run_one(who: str, rate: int, duration: float, groups_n: int, seed: int, postgres: str | None) -> Result:
    rng = random.Random(seed)
    fake = FakeTelegram(record_served=True, can_read_all_group_messages=True)
    groups = [-1001_500_000_000 - i for i in range(groups_n)]
    people = authors(5000, seed=seed)
    texts = comment_mix(seed)
    with tempfile.TemporaryDirectory(prefix=f"otklik-bench-{who}-") as tmp:
        workdir = Path(tmp)
        async with serve(fake, TOKEN) as base_url, bench_database(workdir, postgres) as (database_url, counter):
            proc: Process = (
                await start_bot(base_url, workdir, database_url=database_url)
                if who == "otklik"
                else await start_minimal(base_url, workdir)
            )
            try:
                await fake.wait_for(lambda c: c.method == "getMe", timeout=60)
                if who == "otklik":
                    await setup_world(fake, groups, admins_per_group=3)
                    await fake.wait_for(lambda c: c.method == "getChatAdministrators", count=groups_n, timeout=60)
                else:
                    for i, chat_id in enumerate(groups):
                        fake.add_group(chat_id, f"Группа {i}", owner=people[i])

                def handled() -> int:
                    if who == "otklik":
                        return counter()
                    return len(fake.sent("sendMessage"))

                # Warm-up: lemma caches, connections, the first chat lookups.
                base = handled()
                for _ in range(WARMUP):
                    fake.comment(rng.choice(groups), rng.choice(people), next(texts)[1])
                if not await wait_until(lambda: handled() >= base + WARMUP, timeout=60):
                    raise RuntimeError(f"{who}: warm-up did not finish; see {proc.log}")
                await asyncio.sleep(0.5)
                base = handled()
                calls_before = len(fake.calls)

                pushed = await _push_at_rate(fake, groups, people, texts, rate, duration, rng)
                push_done = time.time()
                drain = max(60.0, 5 * duration)
                finished_at: list[float] = []

                def all_done() -> bool:
                    if handled() >= base + len(pushed):
                        finished_at.append(time.time())
                        return True
                    return False

                await wait_until(all_done, timeout=drain)
                done = handled() - base
                # A message is counted before its alerts go out: wait for the last alerts too
                # (no new call for a second), within the same drain budget.
                seen = [len(fake.calls)]

                def quiet() -> bool:
                    now_calls = len(fake.calls)
                    settled = now_calls == seen[0]
                    seen[0] = now_calls
                    return settled

                await wait_until(quiet, timeout=max(drain - (time.time() - push_done), 5), step=1.0)
                last_call = max((c.at for c in fake.calls[calls_before:]), default=time.time())
                end = max(finished_at[0] if finished_at else time.time(), last_call)
                first_served = min((fake.served.get(u, end) for u, _, _ in pushed), default=end)

                # Latency: served -> first alert (bot) / first answer (minimal).
                by_key = {(_internal(c), m): u for u, c, m in pushed}
                first_alert: dict[int, float] = {}
                alerts = 0
                for call in fake.calls[calls_before:]:
                    if call.method != "sendMessage":
                        continue
                    if who == "otklik":
                        chat = call.params.get("chat_id")
                        found = _LINK.search(str(call.params.get("text")))
                        if not isinstance(chat, int) or chat < 0 or not found:
                            continue
                        key = (found.group(1), int(found.group(2)))
                    else:
                        reply = call.params.get("reply_parameters") or {}
                        key = (_internal(int(call.params["chat_id"])), int(reply.get("message_id", 0)))
                    update_id = by_key.get(key)
                    if update_id is None:
                        continue
                    alerts += 1
                    first_alert.setdefault(update_id, call.at)
                latencies = [(at - fake.served[u]) * 1000 for u, at in first_alert.items() if u in fake.served]
                peak, mean, edits = _per_admin_minute(fake.calls[calls_before:])
                p50, p99 = _pct(latencies, 0.5), _pct(latencies, 0.99)
                return Result(
                    who=who,
                    rate=rate,
                    pushed=len(pushed),
                    processed=done,
                    seconds=end - first_served,
                    alerts=len(first_alert),
                    p50_ms=p50,
                    p99_ms=p99,
                    backlog_s=max(0.0, end - push_done),
                    admin_peak=peak,
                    admin_mean=mean,
                    admin_edits=edits,
                )
            except BaseException:
                tail = proc.log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
                print("\n".join(f"  | {line}" for line in tail), file=sys.stderr)
                raise
            finally:
                code = await proc.stop()
                if code != 0:
                    print(f"  ({who} exited with {code}; log: {proc.log})", file=sys.stderr)
                if who == "otklik":
                    errors = [
                        line
                        for line in proc.log.read_text(encoding="utf-8", errors="replace").splitlines()
                        if " ERROR " in line or "Traceback" in line
                    ]
                    if errors:
                        print(f"  ({len(errors)} error lines in the bot log, first: {errors[0][:200]})")


def _per_admin_minute(calls: list[Call]) -> tuple[int, float, int]:
    """(the most private messages with buttons one admin got in one minute, the mean over the
    admin-minutes that had any, the edits of such messages) among ``calls``."""
    private = [c for c in calls if c.method == "sendMessage" and isinstance(c.params.get("chat_id"), int)]
    private = [c for c in private if c.params["chat_id"] > 0 and c.params.get("reply_markup")]
    edits = sum(1 for c in calls if c.method == "editMessageText" and int(c.params.get("chat_id", 0)) > 0)
    if not private:
        return 0, 0.0, edits
    start = min(c.at for c in private)
    buckets = Counter((c.params["chat_id"], int((c.at - start) // 60)) for c in private)
    return max(buckets.values()), sum(buckets.values()) / len(buckets), edits


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rates", default="50,200,1000")
    ap.add_argument("--duration", type=float, default=12.0)
    ap.add_argument("--groups", type=int, default=5)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--database-url", help="PostgreSQL server for the bot (a fresh schema per run); default SQLite")
    args = ap.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    results: list[Result] = []
    for rate in rates:
        for who in ("otklik", "minimal"):
            print(f"running {who} at {rate} updates/s for {args.duration:.0f} s ...", flush=True)
            results.append(asyncio.run(run_one(who, rate, args.duration, args.groups, args.seed, args.database_url)))
    print()
    print(
        f"{'bot':<8} {'offered/s':>9} {'pushed':>7} {'handled':>7} {'handled/s':>9} "
        f"{'backlog s':>9} {'alerted':>7} {'p50 ms':>7} {'p99 ms':>7}"
    )
    for r in results:
        print(
            f"{r.who:<8} {r.rate:>9} {r.pushed:>7} {r.processed:>7} {r.per_second:>9.0f} "
            f"{r.backlog_s:>9.1f} {r.alerts:>7} {_fmt(r.p50_ms):>7} {_fmt(r.p99_ms):>7}"
        )
    for r in results:
        if r.who == "otklik":
            print(
                f"at {r.rate}/s: private messages per admin per minute: busiest {r.admin_peak}, "
                f"mean {r.admin_mean:.1f} (ALERT_RATE 6 + digest and incident cards); card edits {r.admin_edits}"
            )
    ours = {r.rate: r for r in results if r.who == "otklik"}
    ceiling = {r.rate: r for r in results if r.who == "minimal"}
    print()
    for rate in rates:
        if rate in ours and rate in ceiling and ceiling[rate].per_second:
            share = ours[rate].per_second / ceiling[rate].per_second
            print(f"at {rate}/s the bot handles {share:.0%} of the minimal bot's rate")
    if ours:
        best = max(r.per_second for r in ours.values())
        print(f"best sustained rate of the bot: {best:.0f} updates/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
