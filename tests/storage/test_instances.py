"""Several instances on one database: liveness, recovery of only the dead's work, wave leads."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys

import pytest

from bot.domain.models import ReplyStatus
from bot.domain.verdicts import Label
from storage import Storage
from storage.instances import STALE_AFTER
from tests.storage.conftest import Backend
from tests.storage.test_storage import CHAT, new_case
from tests.storage.test_storage import store as store  # the fixture, used by name

HOST = "host-a"


def _dead_pid() -> int:
    """A process id that surely belonged to a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


async def _schedule(store: Storage, message_id: int, now: int) -> int:
    case, _ = await store.cases.open(new_case(message_id), now=now)
    reply, _ = await store.replies.schedule(
        case_id=case.id,
        chat_id=CHAT,
        reply_to=message_id,
        thread_id=None,
        text="Ответ",
        due_at=now,
        created_by=None,
        now=now,
    )
    return reply.id


async def test_live_instances_and_the_dead(store: Storage) -> None:
    me, busy, silent, crashed, earlier_me = "me", "busy", "silent", "crashed", "earlier-me"
    await store.instances.register(me, HOST, os.getpid(), 1_000)
    await store.instances.register(busy, "host-b", 4242, 1_000)  # another machine, checking in
    await store.instances.register(silent, "host-b", 4243, 1_000)  # another machine, silent
    await store.instances.register(crashed, HOST, _dead_pid(), 1_000)  # this machine, process gone
    await store.instances.register(earlier_me, HOST, os.getpid(), 1_000)  # this process's earlier life
    await store.instances.heartbeat(busy, "host-b", 4242, 1_000 + STALE_AFTER)
    live = await store.instances.live(me, HOST, os.getpid(), 1_000 + STALE_AFTER + 1)
    assert live == {me, busy}
    # the dead are removed once found
    rows = await store.db.fetchall("SELECT id FROM instances ORDER BY id")
    assert [row["id"] for row in rows] == [busy, me]


async def test_heartbeat_puts_back_an_instance_taken_for_dead(store: Storage) -> None:
    await store.instances.register("slow", "host-b", 1, 1_000)
    assert await store.instances.live("me", HOST, os.getpid(), 1_000 + STALE_AFTER + 5) == {"me"}
    await store.instances.heartbeat("slow", "host-b", 1, 1_200)
    assert await store.instances.live("me", HOST, os.getpid(), 1_201) == {"me", "slow"}


async def test_only_a_dead_instances_send_in_progress_becomes_uncertain(store: Storage) -> None:
    mine = await _schedule(store, 10, 200)
    theirs = await _schedule(store, 11, 200)
    store.db.owner = "alive"
    assert await store.replies.claim(mine, 200)
    store.db.owner = "gone"
    assert await store.replies.claim(theirs, 200)
    recovered = await store.replies.recover_interrupted(300, live={"alive", "me"})
    assert [r.id for r in recovered] == [theirs]
    assert (await store.replies.get(mine)).status is ReplyStatus.SENDING  # type: ignore[union-attr]
    assert (await store.replies.get(theirs)).status is ReplyStatus.UNCERTAIN  # type: ignore[union-attr]


async def test_unalerted_cases_of_dead_instances_are_adopted_once(store: Storage) -> None:
    store.db.owner = "alive"
    busy, _ = await store.cases.open(new_case(10), now=200)
    store.db.owner = "gone"
    orphan, _ = await store.cases.open(new_case(11), now=200)
    found = await store.cases.unalerted_since(100, live={"alive", "me"})
    assert [(case.id, owner) for case, owner in found] == [(orphan.id, "gone")]
    # two instances recovering at once: one adopts it
    results = await asyncio.gather(
        store.cases.adopt(orphan.id, "gone", "me"), store.cases.adopt(orphan.id, "gone", "other")
    )
    assert sorted(results) == [False, True]
    assert busy.id not in [case.id for case, _ in await store.cases.unalerted_since(100, live={"alive"})]


async def test_a_wave_has_one_lead_whoever_claims_first(backend: Backend) -> None:
    stores = [await backend.open() for _ in range(2)]
    try:
        first = stores[0]
        await first.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
        ids = []
        for mid in (20, 21, 22, 23):
            case, _ = await first.cases.open(dataclasses.replace(new_case(mid), wave_id="w1"), now=200)
            ids.append(case.id)
        # four members claim at once through two connections (two instances)
        leads = await asyncio.gather(
            *(stores[i % 2].cases.claim_wave_lead(CHAT, "w1", case_id) for i, case_id in enumerate(ids))
        )
        assert len(set(leads)) == 1 and leads[0] in ids
        # the lead's wave-mates are not "unalerted cases" to resend after a crash
        missing = await first.cases.unalerted_since(100)
        assert [case.id for case, _ in missing] == [leads[0]]
    finally:
        for s in stores:
            await s.close()


async def test_a_member_alerted_before_the_wave_was_known_leads_it(store: Storage) -> None:
    early, _ = await store.cases.open(new_case(30), now=200)
    await store.cases.add_alert(early.id, 555, 1, 201)
    await store.cases.tag_wave(CHAT, [30], "w2", None, 202)
    later, _ = await store.cases.open(dataclasses.replace(new_case(31), wave_id="w2"), now=203)
    assert await store.cases.claim_wave_lead(CHAT, "w2", later.id) == early.id


async def test_a_claimed_wave_lead_is_remembered_and_stays_right_when_forgotten(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.cases.LEADS_KEPT", 2)
    leads = {}
    for n, wave in enumerate(("w5", "w6", "w7")):
        case, _ = await store.cases.open(dataclasses.replace(new_case(70 + n), wave_id=wave), now=400)
        leads[wave] = await store.cases.claim_wave_lead(CHAT, wave, case.id)
        assert leads[wave] == case.id
    reads = 0
    fetchone = store.db.fetchone

    async def counted(*args: object, **kwargs: object) -> object:
        nonlocal reads
        reads += 1
        return await fetchone(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.db, "fetchone", counted)
    assert await store.cases.claim_wave_lead(CHAT, "w7", 999) == leads["w7"]  # remembered
    assert reads == 0
    assert await store.cases.claim_wave_lead(CHAT, "w5", 999) == leads["w5"]  # forgotten: read again
    assert reads == 1


async def test_a_waves_card_reads_its_members_names_and_times(store: Storage) -> None:
    first, _ = await store.cases.open(new_case(50), now=300)
    other = dataclasses.replace(new_case(51), author=dataclasses.replace(first.author, id=8, name="Ольга"))
    await store.cases.open(dataclasses.replace(other, wave_id="w3"), now=305)
    await store.cases.open(dataclasses.replace(new_case(52), wave_id="w3"), now=309)
    await store.cases.open(dataclasses.replace(new_case(53), wave_id="w4"), now=310)  # another wave
    assert await store.cases.wave_size(CHAT, "w3") == 2
    await store.cases.tag_wave(CHAT, [50], "w3", None, 311)  # the first copy, found to belong later
    assert await store.cases.wave_size(CHAT, "w3") == 3
    assert await store.cases.wave_members(CHAT, "w3") == [("Дмитрий", 300), ("Ольга", 305), ("Дмитрий", 309)]
    assert await store.cases.wave_size(CHAT + 1, "w3") == 0 and await store.cases.wave_members(CHAT, "w9") == []


async def test_reminders_and_digests_are_claimed_by_one_instance(backend: Backend) -> None:
    stores = [await backend.open() for _ in range(2)]
    try:
        first = stores[0]
        await first.chats.upsert(chat_id=CHAT, title="Чат", type_="supergroup", username=None, now=100)
        await first.chats.update_settings(CHAT, digest=True)
        ids = [(await first.cases.open(new_case(mid), now=200))[0].id for mid in range(40, 46)]
        # both instances see the same due cases and claim them at once
        claims = await asyncio.gather(
            stores[0].cases.claim_reminders(ids, 900), stores[1].cases.claim_reminders(ids, 900)
        )
        assert sorted(claims[0] + claims[1]) == ids
        assert not set(claims[0]) & set(claims[1])
        assert await first.cases.claim_reminders(ids, 901) == []  # and never again
        digests = await asyncio.gather(*(s.chats.claim_digest(CHAT, 20261125) for s in stores))
        assert sorted(digests) == [False, True]
        assert (await stores[1].chats.settings(CHAT)).digest_day == 20261125
        assert await stores[1].chats.claim_digest(CHAT, 20261126)  # the next day's is free again
    finally:
        for s in stores:
            await s.close()


async def test_tag_wave_writes_only_the_messages_not_in_a_wave_yet(store: Storage) -> None:
    impulsive = dataclasses.replace(new_case(41), label=Label.IMPULSIVE)
    first, _ = await store.cases.open(impulsive, now=300)
    member, _ = await store.cases.open(dataclasses.replace(new_case(42), wave_id="w3"), now=301)
    third, _ = await store.cases.open(new_case(43), now=302)
    # 44 has no case (a calm message); 41 is named twice; the list is longer than one IN chunk.
    many = [43, 44, 41, 42, 41, *range(10_000, 11_200)]
    assert await store.cases.tag_wave(CHAT, many, "w3", "Ответ волне", 303) == [third.id, first.id]
    tagged = await store.cases.get(first.id)
    assert tagged is not None and tagged.wave_id == "w3" and tagged.label is Label.DIRECTED
    assert tagged.reply_text == "Ответ волне"
    assert "wave" in [action for _, action, _ in await store.cases.events(first.id)]
    untouched = await store.cases.get(member.id)
    assert untouched is not None and untouched.updated_at == member.updated_at
    assert [action for _, action, _ in await store.cases.events(member.id)] == ["opened"]
    # Every copy of the wave names them all again: nothing more is written.
    assert await store.cases.tag_wave(CHAT, many, "w3", "Ответ волне", 304) == []
    assert [action for _, action, _ in await store.cases.events(first.id)].count("wave") == 1


async def test_a_claimed_wave_lead_stays_the_lead(store: Storage) -> None:
    ids = [
        (await store.cases.open(dataclasses.replace(new_case(50 + i), wave_id="w4"), now=400))[0].id for i in range(3)
    ]
    assert await store.cases.claim_wave_lead(CHAT, "w4", ids[1]) == ids[1]
    # a member alerted later does not take the lead over
    await store.cases.add_alert(ids[0], 555, 9, 401)
    assert await store.cases.claim_wave_lead(CHAT, "w4", ids[2]) == ids[1]
    assert await store.cases.claim_wave_lead(CHAT, "w4", ids[0]) == ids[1]
