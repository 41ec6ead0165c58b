"""Incidents on a stream of comments: the real dispatcher in-process against the fake Bot API, on a
fake clock (so an hour of chat takes seconds).

    python benchmarks/incidents.py [--seed 8]

Scenarios:

- outage: six hours of ordinary traffic (the typology sets' comments, two thirds neutral or
  positive, one a minute, many authors), then 10 minutes in which 60 different complaints about failing payments
  (``data/incident_outage.txt``, written by hand) come from 60 people among ordinary traffic (one
  comment every 20 s), and a copy-paste attack (12 copies from 12 accounts) lands in the same minutes;
- quiet: a new chat with 3 unrelated complaints in an hour.

Prints: incidents opened, the outage's share among the incident's members and the share of
unrelated members, whether the copy-paste copies stayed a separate directed wave, and the private
messages each admin got in those 10 minutes (new messages, not edits), split by kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import authors

from bot.app import create_bot, create_dispatcher
from bot.classifier import create_classifier
from bot.config import load_settings
from bot.fake_api import FakeSession, FakeTelegram
from bot.fake_api.core import user
from bot.telegram.limiter import NO_LIMITS
from storage import Storage

GROUP = -1001000000077
TOKEN = "123456:BENCH-TOKEN"
ADMINS = (user(901, "Анна"), user(902, "Борис"))
OUTAGE = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "incident_outage.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
WARMUP = 6 * 3600  # the chat's past: its usual rate per topic
ATTACK = "Не покупайте тут ничего! Это лохотрон, деньги с карт воруют, все в суд!!!"


class Clock:
    def __init__(self) -> None:
        self.now = 1_764_000_000.0

    def __call__(self) -> float:
        return self.now


class World:
    def __init__(self, tmp: Path, chat_id: int) -> None:
        self.clock = Clock()
        self.fake = FakeTelegram(clock=self.clock)
        self.chat_id = chat_id
        self.fake.add_group(chat_id, "Магазин", owner=ADMINS[0], admins=ADMINS[1:])
        self.tmp = tmp

    async def start(self) -> None:
        settings = load_settings(BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite:///{self.tmp / 'bot.sqlite3'}")
        self.bot = create_bot(settings, session=FakeSession(self.fake), limits=replace(NO_LIMITS, max_backoff=0.01))
        self.storage = await Storage.open(self.tmp / "bot.sqlite3")
        self.dp = create_dispatcher(settings, self.bot, self.storage, classifier=create_classifier(), clock=self.clock)
        services = self.dp["services"]
        services.notifier.coalesce_delay = services.notifier.growing_delay = 0.0
        services.incident_cards.edit_delay = 0.0
        services.notifier.digest.edit_delay = 0.0
        self.services = services
        for admin in ADMINS:
            self.fake.private_message(admin, "/start")
        self.fake.bot_added(self.chat_id, ADMINS[0])
        await self.feed()

    async def feed(self) -> None:
        for update in self.fake.drain():
            await self.dp.feed_raw_update(self.bot, update)
        await self.services.notifier.settle()
        await self.services.incident_cards.settle()
        await self.services.notifier.digest.settle()
        await self.dp["inbox"].settle()

    async def post(self, events: list[tuple[float, dict[str, Any], str]]) -> dict[int, str]:
        """Comments at their times (seconds from now); message id -> what it was."""
        start = self.clock.now
        kinds: dict[int, str] = {}
        for at, author, text in sorted(events, key=lambda e: e[0]):
            self.clock.now = start + at
            message = self.fake.comment(self.chat_id, author, text)
            kinds[message["message_id"]] = text
            await self.feed()
        return kinds

    def private_since(self, admin_id: int, since: float) -> list[dict[str, Any]]:
        return [
            call.params
            for call in self.fake.sent("sendMessage", admin_id)
            if call.at >= since and call.params.get("reply_markup")
        ]

    async def close(self) -> None:
        await self.storage.close()
        await self.bot.session.close()


# Everyday traffic: two thirds neutral or positive, a third complaints of every kind but organised.
CALM_SHARE = 2 / 3


def _typology() -> tuple[list[str], list[str]]:
    calm, negative = [], []
    for name in ("typology.jsonl", "typology_holdout.jsonl"):
        for line in (Path(__file__).parent / "data" / name).read_text().splitlines():
            item = json.loads(line)
            if item["label"] in ("neutral", "positive"):
                calm.append(item["text"])
            elif item["label"] != "directed":
                negative.append(item["text"])
    return calm, negative


def ordinary(seconds: int, step: int, rng: random.Random, people: list[dict[str, Any]]) -> list[tuple[float, Any, str]]:
    """A chat's everyday comments from the labelled typology sets (hand-written, many shops and
    services): one every ``step`` seconds, two thirds of them neutral or positive."""
    calm, negative = _typology()
    return [
        (t + rng.random() * step, rng.choice(people), rng.choice(calm if rng.random() < CALM_SHARE else negative))
        for t in range(0, seconds, step)
    ]


def kind_of(params: dict[str, Any]) -> str:
    data = json.dumps(params.get("reply_markup"))
    if "inc:" in data:
        return "incident card"
    if "case:" not in data:
        return "digest card"
    return "wave card" if "волн" in params["text"].lower() else "alert"


async def outage(seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp), GROUP)
        await world.start()
        people = authors(300, seed=seed)
        await world.post(ordinary(WARMUP, 60, rng, people))
        world.clock.now += 20
        start = world.clock.now
        events = ordinary(600, 20, rng, people)
        complainers = authors(60, seed=seed + 1, first_id=20_000_000)
        times = sorted(rng.uniform(0, 600) for _ in OUTAGE)
        events += [(at, complainers[i], OUTAGE[i]) for i, at in enumerate(times)]
        bots = authors(12, seed=seed + 2, first_id=30_000_000)
        events += [(200 + 3 * i, bots[i], ATTACK) for i in range(12)]
        texts = await world.post(events)
        world.clock.now = start + 600
        storage = world.storage
        incidents = await storage.db.fetchall("SELECT id, title, started_at FROM incidents WHERE chat_id = ?", (GROUP,))
        outage_ids = {mid for mid, text in texts.items() if text in OUTAGE}
        print(f"outage: incidents opened {len(incidents)}: {[row['title'] for row in incidents]}")
        early = sum(row["started_at"] < start for row in incidents)
        print(f"  of them during the six hours of ordinary traffic before: {early}")
        for row in incidents:
            members = await storage.incidents.members(row["id"])
            ours = [c for c in members if c.message_id in outage_ids]
            if "-v" in sys.argv:
                for c in members:
                    if c.message_id not in outage_ids:
                        print("    unrelated:", c.label.value, c.text)
            print(
                f"  incident {row['id']}: {len(members)} members, outage complaints {len(ours)}/60 "
                f"({100 * len(ours) / 60:.0f} %), unrelated {len(members) - len(ours)} "
                f"({100 * (len(members) - len(ours)) / max(len(members), 1):.1f} %)"
            )
        cases = await storage.cases.list_for_chat(GROUP)
        attack = [c for c in cases if c.text == ATTACK]
        in_incident = [c for c in attack if await storage.incidents.of_case(c.id) is not None]
        print(
            f"  copy-paste: {len(attack)} cases, labels {sorted({c.label.value for c in attack})}, "
            f"waves {len({c.wave_id for c in attack})}, in an incident {len(in_incident)}"
        )
        negatives_unrelated = [c for c in cases if c.created_at >= start and c.message_id not in outage_ids]
        print(f"  other negative cases in the 10 minutes: {len(negatives_unrelated)}")
        for admin in ADMINS:
            sent = world.private_since(admin["id"], start)
            kinds: dict[str, int] = {}
            if "-v" in sys.argv:
                for params in sent:
                    print("    sent:", kind_of(params), params["text"][:80].replace("\n", " "))
            for params in sent:
                kinds[kind_of(params)] = kinds.get(kind_of(params), 0) + 1
            outage_sent = [
                params
                for params in sent
                if kind_of(params) == "alert" and any(f'/{mid}"' in params["text"] for mid in outage_ids)
            ]
            outage_alerts = len(outage_sent)
            if "-v" in sys.argv:
                for params in outage_sent:
                    print("    outage alert:", params["text"].split("<blockquote>")[1][:90])
            print(
                f"  admin {admin['first_name']}: {len(sent)} private messages in the 10 minutes {kinds}; "
                f"from the outage: {outage_alerts} alerts + {kinds.get('incident card', 0)} card"
            )
        await world.close()


async def quiet() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp), GROUP - 1)
        await world.start()
        people = authors(3, seed=5)
        await world.post(
            [
                (0, people[0], "Не могу оплатить заказ в приложении, пишет ошибка"),
                (1500, people[1], "Курьер опоздал на час, пицца холодная"),
                (3300, people[2], "Кассир в магазине на Ленина нахамил"),
            ]
        )
        rows = await world.storage.db.fetchall("SELECT id FROM incidents")
        print(f"quiet: 3 unrelated complaints in an hour -> incidents opened {len(rows)}")
        await world.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("-v", action="store_true", help="print the unrelated members and every message")
    args = parser.parse_args()
    asyncio.run(outage(args.seed))
    asyncio.run(quiet())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
