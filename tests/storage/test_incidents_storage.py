"""Incidents and digest cards on SQLite and PostgreSQL: kept across a reopen, members owed no alert,
answers once per author, the "not an incident" correction with its case ids, folded alerts."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator

import pytest

from bot.domain.incidents import AnswerKind, IncidentStatus
from bot.domain.models import Author, ChatAdmin
from storage import Storage
from tests.storage.conftest import Backend
from tests.storage.test_storage import CHAT, new_case

ADMIN = 501


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Storage]:
    s = await backend.open()
    await s.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
    await s.users.started(user_id=ADMIN, name="Анна", username=None, language_code="ru", now=100)
    await s.chats.replace_admins(CHAT, [ChatAdmin(CHAT, ADMIN, "Анна", None, False)], now=100)
    yield s
    await s.close()


async def _cases(s: Storage, count: int) -> list[int]:
    ids = []
    for i in range(count):
        new = dataclasses.replace(
            new_case(100 + i), author=Author(id=900 + i % 3, name=f"Автор{i % 3}", username=None, is_chat=False)
        )
        case, _ = await s.cases.open(new, 1000 + i)
        ids.append(case.id)
    return ids


async def test_incident_survives_reopen_and_its_members_are_owed_no_alert(store: Storage, backend: Backend) -> None:
    ids = await _cases(store, 5)
    for case_id in ids[:3]:
        await store.incidents.add_candidate(case_id, CHAT, 900 + case_id % 3, {"payment", "app"}, 1000)
    found = await store.incidents.candidates(CHAT, "payment", 900)
    assert [c.case_id for c in found] == ids[:3] and found[0].terms == frozenset({"payment", "app"})
    assert await store.incidents.term_count(CHAT, "app", 0, 2000) == 3
    assert await store.incidents.term_count(CHAT, "pay", 0, 2000) == 0  # whole terms only
    incident = await store.incidents.create(CHAT, "payment", "не проходит оплата", ids[:3], 1000, 1002, 1010)
    assert await store.incidents.join(incident.id, ids[3], 1003, 1011)
    assert not await store.incidents.join(incident.id, ids[3], 1003, 1012)  # once
    assert await store.incidents.candidates(CHAT, "payment", 900) == []  # members are candidates no more
    owed = {case.id for case, _, _ in await store.cases.missing_copies(0, 2000)}
    assert owed == {ids[4]}
    await store.close()
    again = await backend.open()
    try:
        kept = await again.incidents.get(incident.id)
        assert kept is not None and kept.status is IncidentStatus.OPEN and kept.last_at == 1003
        assert [c.id for c in await again.incidents.members(incident.id)] == ids[:4]
        assert [i.id for i in await again.incidents.open_in_chat(CHAT, 1000)] == [incident.id]
        assert (await again.incidents.of_case(ids[1])) == kept
    finally:
        await again.close()


async def test_answers_once_per_author_and_kind(store: Storage) -> None:
    ids = await _cases(store, 2)
    incident = await store.incidents.create(CHAT, "payment", "t", ids, 1000, 1001, 1001)
    assert await store.incidents.claim_answer(incident.id, 900, AnswerKind.STATEMENT, ids[0], 1100)
    assert not await store.incidents.claim_answer(incident.id, 900, AnswerKind.STATEMENT, ids[1], 1101)
    assert await store.incidents.claim_answer(incident.id, 900, AnswerKind.RESULT, ids[0], 1200)
    assert await store.incidents.answered(incident.id, AnswerKind.STATEMENT) == 1


async def test_not_an_incident_keeps_the_correction_and_frees_the_cases(store: Storage) -> None:
    ids = await _cases(store, 3)
    incident = await store.incidents.create(CHAT, "payment", "t", ids, 1000, 1002, 1002)
    assert await store.incidents.dismiss(incident.id, ADMIN, 1100) == sorted(ids)
    assert await store.incidents.dismiss(incident.id, ADMIN, 1101) is None  # once
    assert await store.incidents.corrections(CHAT) == [(incident.id, "payment", sorted(ids), ADMIN)]
    assert await store.incidents.dismissals(CHAT, "payment", 1000) == [1100]
    assert await store.incidents.dismissals(CHAT, "payment", 1200) == []
    assert await store.incidents.dismissals(CHAT + 1, "payment", 1000) == []
    assert await store.incidents.dismissals(CHAT, "login", 1000) == []
    owed = {case.id for case, _, _ in await store.cases.missing_copies(0, 2000)}
    assert owed == set(ids)  # split back: each is owed its own alert again


async def test_folded_alerts_are_kept_counted_apart_and_not_owed(store: Storage) -> None:
    ids = await _cases(store, 4)
    await store.cases.add_alert(ids[0], ADMIN, 70, 1000)
    await store.cases.add_alert(ids[1], ADMIN, 71, 1001)
    digest_id = await store.digests.add(CHAT, ADMIN, 72, 1002)
    await store.digests.fold(ids[2], ADMIN, 72, 1002)
    await store.digests.fold(ids[3], ADMIN, 72, 1003)
    await store.digests.touch(digest_id, 1003)
    assert await store.digests.sent_since(ADMIN, 990) == 2  # the digest's cases are not messages
    card = await store.digests.current(CHAT, ADMIN, 1000)
    assert card is not None and card.id == digest_id and card.updated_at == 1003
    assert await store.digests.current(CHAT, ADMIN, 1004) is None
    summary = await store.digests.folded(card)
    assert summary.count == 2 and summary.labels == (("constructive", 2),) and summary.seconds == 1
    assert {c.id for c in summary.urgent} == set(ids[2:])
    assert await store.cases.missing_copies(0, 2000) == []
    assert await store.cases.alerts(ids[2]) == []  # a folded alert is not edited as a card


async def test_an_owed_card_is_claimed_by_one_of_two_instances_and_a_gone_ones_claim_taken_over_once(
    store: Storage, backend: Backend
) -> None:
    ids = await _cases(store, 4)
    incident = await store.incidents.create(CHAT, "payment", "оплата", ids[:3], 1000, 1002, 1010)
    other = await backend.open()  # a second instance's pool on the same database
    try:
        won = await asyncio.gather(
            store.incidents.claim_card(incident.id, ADMIN, "a", 1100),
            other.incidents.claim_card(incident.id, ADMIN, "b", 1100),
        )
        assert sorted(won) == [False, True]
        winner = "a" if won[0] else "b"
        [(_, owed)] = await store.incidents.cards_owed(0, 2000)
        assert owed == [(ADMIN, winner)]  # still owed (no card yet), claimed
        # The winner is gone: of two instances taking it over, one does; the loser's claim counts not.
        taken = await asyncio.gather(
            store.incidents.claim_card(incident.id, ADMIN, "c", 1200, gone=winner),
            other.incidents.claim_card(incident.id, ADMIN, "d", 1200, gone=winner),
        )
        assert sorted(taken) == [False, True]
        await store.incidents.add_card(incident.id, ADMIN, 7001)
        assert await store.incidents.cards_owed(0, 2000) == []
        # Recorded: never claimed again; released before a card: owed and claimable again.
        assert not await other.incidents.claim_card(incident.id, ADMIN, "e", 1300)
        assert not await other.incidents.claim_card(incident.id, ADMIN, "e", 1300, gone="c")
    finally:
        await other.close()
    second = await store.incidents.create(CHAT, "login", "вход", ids[3:], 1000, 1002, 1010)
    assert await store.incidents.claim_card(second.id, ADMIN, "a", 1100)
    await store.incidents.release_card(second.id, ADMIN)
    assert (second.id, [(ADMIN, None)]) in [(i.id, owed) for i, owed in await store.incidents.cards_owed(0, 2000)]
    assert await store.incidents.claim_card(second.id, ADMIN, "b", 1101)


async def test_a_folded_alert_is_taken_off_the_digest_card_once(store: Storage) -> None:
    ids = await _cases(store, 2)
    await store.digests.fold(ids[0], ADMIN, 72, 1002)
    await store.digests.fold(ids[0], ADMIN + 1, 73, 1002)
    await store.cases.add_alert(ids[1], ADMIN, 80, 1003)  # a message of its own: not on a card
    assert await store.cases.digest_copies(ids[0]) == [ADMIN, ADMIN + 1]
    assert await store.cases.digest_copies(ids[1]) == []
    assert await store.cases.unfold(ids[0], ADMIN)
    assert not await store.cases.unfold(ids[0], ADMIN)  # a second try finds it taken
    assert not await store.cases.unfold(ids[1], ADMIN)  # an alert of its own is never taken
    assert await store.cases.digest_copies(ids[0]) == [ADMIN + 1]
    await store.cases.add_alert(ids[0], ADMIN, 90, 1004)
    assert [(a.chat_id, a.message_id) for a in await store.cases.alerts(ids[0])] == [(ADMIN, 90)]


async def test_the_latest_open_incident_is_the_one_under_way(store: Storage) -> None:
    ids = await _cases(store, 4)
    assert await store.incidents.latest_open(CHAT, 0) is None
    older = await store.incidents.create(CHAT, "payment", "оплата", ids[:2], 1000, 1001, 1001)
    newer = await store.incidents.create(CHAT, "login", "вход", ids[2:], 1500, 1600, 1600)
    found = await store.incidents.latest_open(CHAT, 1100)
    assert found is not None and found.id == newer.id
    assert await store.incidents.latest_open(CHAT, 1700) is None  # none took a member since
    await store.incidents.dismiss(newer.id, ADMIN, 1650)
    found = await store.incidents.latest_open(CHAT, 1000)
    assert found is not None and found.id == older.id  # a dismissed one is not under way
    assert await store.incidents.latest_open(CHAT - 1, 0) is None  # another chat's are not
