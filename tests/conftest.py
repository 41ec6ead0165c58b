"""Shared fixtures: a fake Telegram world and the real dispatcher wired to it in-process."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiogram import Bot, Dispatcher
from aiogram.fsm.context import FSMContext

from bot.app import Services, create_bot, create_dispatcher
from bot.classifier import create_classifier
from bot.config import Settings, load_settings
from bot.fake_api import FakeSession, FakeTelegram
from bot.fake_api.core import user
from bot.telegram.inbox import Inbox
from bot.telegram.limiter import NO_LIMITS
from storage import Storage

GROUP = -1001000000042
TOKEN = "123456:TEST-TOKEN"

ANNA = user(1001, "Анна", "anna_admin")
BORIS = user(1002, "Борис")
VERA = user(1003, "Вера")
DMITRY = user(2001, "Дмитрий", "dima")
OLGA = user(2002, "Ольга")
STRANGER = user(2999, "Посторонний")


# Handler tests check behaviour, not pacing: the limiter gets out of the way.
UNLIMITED = replace(NO_LIMITS, max_backoff=0.01)


class FakeClock:
    def __init__(self, start: float = 1_764_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Harness:
    fake: FakeTelegram
    bot: Bot
    dp: Dispatcher
    storage: Storage
    settings: Settings
    clock: FakeClock
    # Opens the harness's database again, as a second instance or the next start would (None when
    # the test gave the storage).
    reopen: Callable[[], Awaitable[Storage]] | None = None

    @property
    def services(self) -> Services:
        services = self.dp["services"]
        assert isinstance(services, Services)
        return services

    def conversation(self, person: dict[str, Any]) -> FSMContext:
        """``person``'s conversation with the bot: the FSM context of their private chat."""
        context = self.dp.fsm.resolve_context(self.bot, chat_id=person["id"], user_id=person["id"])
        assert context is not None
        return context

    async def feed(self) -> None:
        for update in self.fake.drain():
            await self.dp.feed_raw_update(self.bot, update)
        # Cards updated "soon" (a growing wave's) are updated before the test looks.
        await self.services.notifier.settle()
        await self.services.incident_cards.settle()
        if self.services.notifier.digest is not None:
            await self.services.notifier.digest.settle()
        # Handled updates leave the polling inbox a moment later, in one statement.
        inbox = self.dp.workflow_data.get("inbox")
        if isinstance(inbox, Inbox):
            await inbox.settle()
        await self.storage.cases.settle()  # and the message counts are written a moment later

    async def start_admins(self, *admins: dict[str, Any]) -> None:
        for admin in admins:
            self.fake.private_message(admin, "/start")
        await self.feed()

    async def add_bot(self) -> None:
        self.fake.bot_added(GROUP, ANNA)
        await self.feed()

    def alerts_to(self, chat_id: int) -> list[dict[str, Any]]:
        return [m for (cid, _), m in self.fake.messages.items() if cid == chat_id and m.get("reply_markup")]

    def button(self, message: dict[str, Any], prefix: str) -> str:
        for row in message["reply_markup"]["inline_keyboard"]:
            for button in row:
                if button["callback_data"].startswith(prefix):
                    return str(button["callback_data"])
        raise LookupError(prefix)

    async def press(self, presser: dict[str, Any], message: dict[str, Any], data: str) -> None:
        self.fake.press(presser, message, data)
        await self.feed()

    def posted_in_group(self) -> list[dict[str, Any]]:
        """Every sendMessage the bot made into the group (including ones that failed)."""
        return [c.params for c in self.fake.sent("sendMessage", GROUP)]

    def in_group(self) -> list[dict[str, Any]]:
        """The bot's messages that exist in the group."""
        return [m for (chat, _), m in self.fake.messages.items() if chat == GROUP and m["from"].get("is_bot")]


async def _open_test_storage(tmp_path: Path) -> tuple[Storage, Callable[[], Awaitable[Storage]]]:
    """SQLite in ``tmp_path``; with ``TEST_STORAGE=postgresql`` a fresh PostgreSQL schema instead
    (an opt-in run of the handler tests on PostgreSQL; the schema is dropped when the storage closes).
    With a way to open the same database again, as another instance (or the next start) would."""
    if os.environ.get("TEST_STORAGE", "sqlite") != "postgresql":
        path = tmp_path / "bot.sqlite3"
        return await Storage.open(path), lambda: Storage.open(path)
    from tests.storage.conftest import postgres_url

    url = await postgres_url()
    schema = f"otklik_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url)
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    storage = await Storage.open_postgres(url, schema=schema)
    close = storage.db.close

    async def close_and_drop() -> None:
        await close()
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()

    storage.db.close = close_and_drop  # type: ignore[method-assign]
    return storage, lambda: Storage.open_postgres(url, schema=schema)


async def make_harness(
    tmp_path: Path, *, storage: Storage | None = None, world: tuple[FakeTelegram, FakeClock] | None = None, **env: str
) -> Harness:
    """A bot and dispatcher on ``storage`` (default: a new database in ``tmp_path``) in a new fake
    Telegram; ``world`` gives an existing one instead, e.g. to restart the bot in it."""
    if world is None:
        clock = FakeClock()
        fake = FakeTelegram(clock=clock)
        fake.add_group(GROUP, "Кофейня <Зерно> & Co", owner=ANNA, admins=(BORIS, VERA))
    else:
        fake, clock = world
    settings = load_settings(
        BOT_TOKEN=TOKEN,
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        IMPULSIVE_REPLY_DELAY=env.pop("IMPULSIVE_REPLY_DELAY", "2h"),
        **env,
    )
    bot = create_bot(settings, session=FakeSession(fake), limits=UNLIMITED)
    reopen = None
    if storage is None:
        storage, reopen = await _open_test_storage(tmp_path)
    dp = create_dispatcher(settings, bot, storage, classifier=create_classifier(), clock=clock)
    harness = Harness(fake, bot, dp, storage, settings, clock, reopen)
    # No real waiting for a card's coalesced update in tests (feed() settles them).
    harness.services.notifier.coalesce_delay = 0.0
    harness.services.notifier.growing_delay = 0.0
    harness.services.incident_cards.edit_delay = 0.0
    if harness.services.notifier.digest is not None:
        harness.services.notifier.digest.edit_delay = 0.0
    return harness


@asynccontextmanager
async def another_instance(h: Harness, tmp_path: Path) -> AsyncIterator[Harness]:
    """A second bot process on ``h``'s database and in its Telegram, with its own connections,
    services and memory: another instance, or the next start after a ``kill -9``."""
    assert h.reopen is not None
    other = await make_harness(tmp_path, storage=await h.reopen(), world=(h.fake, h.clock))
    try:
        yield other
    finally:
        await other.storage.close()
        await other.bot.session.close()


@asynccontextmanager
async def storm_ready(tmp_path: Path) -> AsyncIterator[Harness]:
    """Anna and Boris pressed Start, the bot is in the group, and each admin gets two alerts a minute
    on their own (ALERT_RATE=2): the third starts their digest card."""
    h = await make_harness(tmp_path, ALERT_RATE="2")
    try:
        await h.start_admins(ANNA, BORIS)
        await h.add_bot()
        yield h
    finally:
        await h.storage.close()
        await h.bot.session.close()


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    h = await make_harness(tmp_path)
    yield h
    await h.storage.close()
    await h.bot.session.close()


@pytest.fixture
async def ready(harness: Harness) -> Harness:
    """Anna and Boris pressed Start, Vera did not; the bot was added to the group."""
    harness.fake.blocked.add(VERA["id"])
    await harness.start_admins(ANNA, BORIS)
    await harness.add_bot()
    return harness
