"""The detector learns from "not an incident": after a split, the same term in the same chat needs
more authors to open again, read from the stored corrections (so it holds after a restart, on SQLite
and PostgreSQL); other chats and other terms open at the usual threshold."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest

from bot.domain.models import Author
from bot.services.incidents import IncidentDetector, SurgeRules
from storage import Storage
from tests.storage.conftest import Backend
from tests.storage.test_storage import CHAT, new_case

OTHER_CHAT = CHAT + 1
PAYMENT = "Оплата не проходит!!! что у вас случилось"
LOGIN = "Не могу войти в аккаунт, пишет ошибка"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Storage]:
    s = await backend.open()
    for chat_id in (CHAT, OTHER_CHAT):
        await s.chats.upsert(chat_id=chat_id, title="Чат", type_="supergroup", username=None, now=100)
    yield s
    await s.close()


class Chat:
    """Comments from new authors, one every 20 seconds; the step at which an incident opened."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.message_id = 0

    async def surge(self, detector: IncidentDetector, s: Storage, chat_id: int, text: str, authors: int) -> int | None:
        for step in range(1, authors + 1):
            self.message_id += 1
            self.clock.now += 20
            author = Author(id=10_000 + self.message_id, name=f"Автор{self.message_id}", username=None, is_chat=False)
            new = dataclasses.replace(
                new_case(self.message_id), chat_id=chat_id, author=author, text=text, problem=None
            )
            case, _ = await s.cases.open(new, int(self.clock.now))
            seen = await detector.observe(case, "ru")
            if seen is not None and seen.opened:
                return step
        return None


async def test_a_split_term_needs_twice_the_authors_and_it_survives_a_restart(store: Storage, backend: Backend) -> None:
    clock = Clock()
    rules = SurgeRules()
    chat = Chat(clock)
    detector = IncidentDetector(store, clock, rules)
    assert await chat.surge(detector, store, CHAT, PAYMENT, 10) == rules.min_authors
    (row,) = await store.db.fetchall("SELECT id FROM incidents")
    assert await store.incidents.dismiss(row["id"], 501, int(clock.now)) is not None
    await store.close()
    clock.now += 2 * 86_400  # past the usual-rate window: only the correction is remembered
    again = await backend.open()
    try:
        detector = IncidentDetector(again, clock, rules)  # a new instance: nothing learnt in memory
        # The same number of authors no longer opens one; twice as many do.
        assert await chat.surge(detector, again, CHAT, PAYMENT, rules.min_authors) is None
        assert await chat.surge(detector, again, CHAT, PAYMENT, rules.min_authors) == rules.min_authors
        # Another term in that chat and the same term in another chat open at the usual threshold.
        assert await chat.surge(detector, again, CHAT, LOGIN, 10) == rules.min_authors
        assert await chat.surge(detector, again, OTHER_CHAT, PAYMENT, 10) == rules.min_authors
    finally:
        await again.close()


async def test_the_lesson_is_bounded_and_fades_after_its_memory(store: Storage) -> None:
    clock = Clock()
    rules = SurgeRules()
    chat = Chat(clock)
    detector = IncidentDetector(store, clock, rules)
    for _ in range(rules.max_doublings + 1):
        assert await chat.surge(detector, store, CHAT, PAYMENT, 100) is not None
        (row,) = await store.db.fetchall("SELECT id FROM incidents WHERE status = 'open'")
        assert await store.incidents.dismiss(row["id"], 501, int(clock.now)) is not None
        clock.now += 2 * 86_400
    capped = rules.min_authors * 2**rules.max_doublings
    assert await chat.surge(detector, store, CHAT, PAYMENT, capped) == capped
    (row,) = await store.db.fetchall("SELECT id FROM incidents WHERE status = 'open'")
    assert await store.incidents.dismiss(row["id"], 501, int(clock.now)) is not None
    clock.now += rules.memory + 86_400  # every correction is older than the memory
    assert await chat.surge(detector, store, CHAT, PAYMENT, 10) == rules.min_authors
