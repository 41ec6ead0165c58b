"""The statistics repository on SQLite and PostgreSQL: per chat, corrections, pending replies, mutes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.domain.models import CaseStatus, ChatAdmin
from bot.domain.verdicts import Label
from storage import Storage
from tests.storage.conftest import Backend
from tests.storage.test_storage import CHAT, new_case

OTHER = -1002


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Storage]:
    s = await backend.open()
    await s.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
    await s.chats.upsert(chat_id=OTHER, title="Другой", type_="supergroup", username=None, now=100)
    yield s
    await s.close()


async def test_case_facts_keep_the_bots_label_and_the_corrected_one(store: Storage) -> None:
    first, _ = await store.cases.open(new_case(10, Label.IMPULSIVE), now=1000)
    await store.cases.open(new_case(11, Label.CONSTRUCTIVE), now=2000)
    await store.cases.open(replace(new_case(12), chat_id=OTHER), now=2000)
    await store.cases.relabel(first.id, Label.TROLLING, None, actor_id=1, now=1500)
    await store.cases.relabel(first.id, Label.DIRECTED, None, actor_id=1, now=1600)
    await store.cases.set_status(first.id, CaseStatus.RESOLVED, actor_id=1, now=4600)
    facts = await store.stats.case_facts(CHAT)
    assert [(f.original_label, f.label) for f in facts] == [("impulsive", "directed"), ("constructive", "constructive")]
    assert facts[0].first_action_at == 4600 and facts[0].closed_at == 4600
    assert [f.id for f in await store.stats.case_facts(CHAT, since=1500)] == [facts[1].id]


async def test_message_counts_per_chat_and_since_day(store: Storage) -> None:
    day = 86400
    await store.cases.count_message(CHAT, Label.NEUTRAL, now=10 * day)
    await store.cases.count_message(CHAT, Label.IMPULSIVE, now=11 * day)
    await store.cases.count_message(CHAT, Label.IMPULSIVE, now=11 * day + 5)
    await store.cases.count_message(OTHER, Label.TROLLING, now=11 * day)
    assert await store.stats.message_counts(CHAT) == {"neutral": 1, "impulsive": 2}
    assert await store.stats.message_counts(CHAT, since_day=11) == {"impulsive": 2}


async def test_open_cases_and_pending_replies_stay_in_their_chat(store: Storage) -> None:
    mine, _ = await store.cases.open(new_case(10), now=1000)
    closed, _ = await store.cases.open(new_case(11), now=1000)
    theirs, _ = await store.cases.open(replace(new_case(12), chat_id=OTHER), now=1000)
    await store.cases.set_status(closed.id, CaseStatus.IGNORED, actor_id=1, now=1100)
    for case in (mine, theirs):
        await store.replies.schedule(
            case_id=case.id,
            chat_id=case.chat_id,
            reply_to=case.message_id,
            thread_id=None,
            text="Ответ",
            due_at=5000,
            created_by=None,
            now=1000,
        )
    assert [c.id for c in await store.stats.open_cases(CHAT)] == [mine.id]
    pending = await store.stats.pending_replies(CHAT)
    assert [(p.case.id, p.reply.text) for p in pending] == [(mine.id, "Ответ")]
    assert [c.id for c in await store.stats.all_cases(OTHER)] == [theirs.id]


async def test_muted_admins_get_no_alerts_and_are_not_listed_as_unreachable(store: Storage) -> None:
    for uid, name in ((1, "Анна"), (2, "Борис")):
        await store.chats.put_admin(ChatAdmin(CHAT, uid, name, None, False))
        await store.users.started(user_id=uid, name=name, username=None, language_code="ru", now=1)
    await store.stats.mute(CHAT, 1, now=5)
    await store.stats.mute(CHAT, 1, now=6)  # twice is fine
    reachable, unreachable = await store.users.alert_recipients(CHAT)
    assert [u.id for u in reachable] == [2] and unreachable == []
    assert await store.stats.is_muted(CHAT, 1) and not await store.stats.is_muted(OTHER, 1)
    await store.stats.unmute(CHAT, 1)
    reachable, _ = await store.users.alert_recipients(CHAT)
    assert [u.id for u in reachable] == [1, 2]


async def test_message_counts_made_together_are_written_together_and_none_is_lost_at_close(
    backend: Backend,
) -> None:
    day = 86400
    store = await backend.open()
    try:
        for n in range(50):
            await store.cases.count_message(CHAT, Label.NEUTRAL if n % 5 else Label.IMPULSIVE, now=20 * day + n)
        await store.cases.settle()
        rows = await store.db.fetchall(
            "SELECT label, count FROM message_stats WHERE chat_id = ? ORDER BY label", (CHAT,)
        )
        assert [(row["label"], row["count"]) for row in rows] == [("impulsive", 10), ("neutral", 40)]
        # Counted, not yet written, then the storage closes: close writes them.
        await store.cases.count_message(CHAT, Label.NEUTRAL, now=21 * day)
        await store.cases.count_message(OTHER, Label.TROLLING, now=21 * day)
    finally:
        await store.close()
    reopened = await backend.open()
    try:
        assert await reopened.stats.message_counts(CHAT, since_day=21) == {"neutral": 1}
        assert await reopened.stats.message_counts(OTHER) == {"trolling": 1}
    finally:
        await reopened.close()
