"""Per-message cost with few versus many stored cases.

    python benchmarks/growth.py [--sizes 1000,1000000] [--messages 2000] [--layout same|spread]

For each size: a fresh SQLite DB made by the bot's own migrations, then filled directly with
``executemany`` (cases with their opening event, two alert copies each, a reply for a third of
them, daily message counts). ``--layout same`` (the default, the worst case) puts every stored
case in the chat being measured; ``spread`` spreads them over 1,000 chats.

Then the real dispatcher (``create_dispatcher`` with the in-process ``FakeSession``) handles
``--messages`` comments of the benchmark mix in that chat, one ``feed_raw_update`` at a time:
classify, count, open the case, render and send the alerts. Prints the mean, p50 and p99 wall
time per message, and the same for the negative ones alone (the ones that open a case and alert).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TOKEN, authors, comment_mix

from bot.app import create_bot, create_dispatcher
from bot.classifier import create_classifier
from bot.config import load_settings
from bot.fake_api import FakeSession, FakeTelegram
from bot.fake_api.core import user
from bot.telegram.inbox import Inbox
from storage import Storage

CHAT = -1001_600_000_000
LABELS = ["constructive", "impulsive", "trolling", "directed"]
ANNA = user(700_001, "Анна", "anna")
BORIS = user(700_002, "Борис")


def _fill(db: Path, size: int, layout: str, now: int) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    chats = [CHAT] if layout == "same" else [CHAT - i for i in range(1000)]
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO chats (id, title, type, active, bot_is_admin, added_at, updated_at) "
            "VALUES (?, ?, 'supergroup', 1, 1, ?, ?)",
            [(c, f"Чат {c}", now, now) for c in chats],
        )
    rng = random.Random(1)

    def cases() -> Iterator[tuple[Any, ...]]:
        for i in range(size):
            label = LABELS[i % 4]
            created = now - 86400 * 60 + i * (86400 * 59 // max(size, 1))
            yield (
                chats[i % len(chats)],
                10_000_000 + i,
                20_000_000 + rng.randrange(100_000),
                f"Автор {i % 977}",
                f"Заказ №{i} не привезли, курьер не звонил, деньги списали. Верните деньги! {i}",
                label,
                0,
                0.8,
                json.dumps(["называет конкретную проблему: заказ"], ensure_ascii=False),
                "заказ",
                "Спасибо, что написали. Разберёмся и вернёмся с ответом.",
                ["resolved", "ignored", "answered", "new"][i % 4],
                created,
                created,
            )

    with conn:
        conn.executemany(
            """
            INSERT INTO cases (chat_id, message_id, author_id, author_name, text, label, toxic,
                confidence, reasons, problem, reply_text, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            cases(),
        )
        conn.execute(
            "INSERT INTO case_events (case_id, action, detail, created_at) "
            "SELECT id, 'opened', label, created_at FROM cases"
        )
        for admin in (ANNA, BORIS):
            conn.execute(
                "INSERT INTO alerts (case_id, chat_id, message_id, created_at) SELECT id, ?, id, created_at FROM cases",
                (admin["id"],),
            )
        conn.execute(
            """
            INSERT INTO replies (case_id, chat_id, reply_to, text, due_at, status, attempts,
                sent_message_id, created_at, updated_at)
            SELECT id, chat_id, message_id, reply_text, created_at, 'sent', 1, message_id + 1,
                created_at, created_at
            FROM cases WHERE id % 3 = 0
            """
        )
        conn.executemany(
            "INSERT OR IGNORE INTO message_stats (chat_id, day, label, count) VALUES (?, ?, ?, ?)",
            [(c, now // 86400 - d, label, 50) for c in chats[:50] for d in range(60) for label in LABELS],
        )
    conn.close()
    return time.perf_counter() - start


async def _measure(db: Path, messages: int, seed: int) -> tuple[list[float], list[float]]:
    fake = FakeTelegram(can_read_all_group_messages=True)
    fake.add_group(CHAT, "Магазин <Лето> & Co", owner=ANNA, admins=(BORIS,))
    settings = load_settings(
        BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite:///{db}", IMPULSIVE_REPLY_DELAY="1d", OUTGOING_LIMITS="false"
    )
    bot = create_bot(settings, session=FakeSession(fake))
    storage = await Storage.open(db)
    dp = create_dispatcher(settings, bot, storage, classifier=create_classifier())
    rng = random.Random(seed)
    people = authors(3000, seed=seed)
    texts = comment_mix(seed)
    try:
        for admin in (ANNA, BORIS):
            fake.private_message(admin, "/start")
        fake.bot_added(CHAT, ANNA)
        for update in fake.drain():
            await dp.feed_raw_update(bot, update)
        # Warm-up: lemma caches and the first lookups.
        for _ in range(200):
            fake.comment(CHAT, rng.choice(people), next(texts)[1])
            for update in fake.drain():
                await dp.feed_raw_update(bot, update)
        every: list[float] = []
        negative: list[float] = []
        for _ in range(messages):
            before = len(fake.calls)
            fake.comment(CHAT, rng.choice(people), next(texts)[1])
            (update,) = fake.drain()
            start = time.perf_counter()
            await dp.feed_raw_update(bot, update)
            spent = time.perf_counter() - start
            every.append(spent)
            if any(c.method == "sendMessage" or c.method == "editMessageText" for c in fake.calls[before:]):
                negative.append(spent)
            if len(fake.calls) > 10_000:
                fake.calls.clear()
                fake.messages.clear()
        return every, negative
    finally:
        inbox = dp.workflow_data.get("inbox")
        if isinstance(inbox, Inbox):
            await inbox.settle()
        await storage.close()
        await bot.session.close()


def _stats(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return 0.0, 0.0, 0.0
    ordered = sorted(values)
    mean = sum(values) / len(values) * 1000
    return mean, ordered[len(ordered) // 2] * 1000, ordered[min(int(0.99 * len(ordered)), len(ordered) - 1)] * 1000


async def run(size: int, messages: int, layout: str, seed: int) -> tuple[float, list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="otklik-growth-") as tmp:
        db = Path(tmp) / "bot.sqlite3"
        storage = await Storage.open(db)  # the bot's own migrations make the schema
        await storage.close()
        fill = _fill(db, size, layout, int(time.time()))
        every, negative = await _measure(db, messages, seed)
        return fill, every, negative


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,1000000")
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--layout", choices=["same", "spread"], default="same")
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"filling {size:,} stored cases ({args.layout} chat) and feeding {args.messages} comments ...")
        fill, every, negative = asyncio.run(run(size, args.messages, args.layout, args.seed))
        rows.append((size, fill, _stats(every), _stats(negative), len(negative)))
    print()
    print(
        f"{'stored cases':>12} {'fill s':>7} | {'all: mean ms':>12} {'p50':>6} {'p99':>6} | "
        f"{'alerting: n':>11} {'mean ms':>8} {'p50':>6} {'p99':>6}"
    )
    for size, fill, (m, p50, p99), (nm, np50, np99), n in rows:
        print(
            f"{size:>12,} {fill:>7.1f} | {m:>12.2f} {p50:>6.2f} {p99:>6.2f} | "
            f"{n:>11} {nm:>8.2f} {np50:>6.2f} {np99:>6.2f}"
        )
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        ratio = last[2][0] / first[2][0] if first[2][0] else 0.0
        print(f"\nmean cost per message at {last[0]:,} vs {first[0]:,} stored cases: x{ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
