"""The loop from the admins' decisions to a chat's layer, on both backends and across two instances:
what one instance learns the other applies at the chat's next message; a restart keeps it; guard rails."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from bot.classifier import create_classifier
from bot.classifier.chatgate import Gate
from bot.classifier.chatlayer import ChatLayerClassifier
from bot.domain.learning import ExampleState, Source
from bot.domain.verdicts import Label, MessageIn
from bot.services.learning import FRESH_FOR, LearningService
from storage import Storage
from tests.storage.conftest import Backend

RAID = "Этот босс просто убийца, рейд опять вайпнулся, жесть"
GAME, SHOP = -1001, -1002
ANNA, BORIS = 11, 12
NOW = 1_770_000_000


class Instance:
    """One bot process's share: its storage connection, classifier and learning service."""

    def __init__(
        self, storage: Storage, min_decisions: int = 1, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.storage = storage
        self.clf = ChatLayerClassifier(create_classifier())
        self.learning = LearningService(
            store=storage.learning,
            chats=storage.chats,
            classifier=self.clf,
            clock=lambda: NOW,
            min_decisions=min_decisions,
            changed=storage.chats.changed,
            monotonic=monotonic,
        )
        storage.chats.also_forget.append(self.learning.stale)

    def hears(self, other: Instance) -> None:
        """What the cache sync does between instances (bot/cluster/cache_sync.py): a chat changed there
        is dropped here."""
        other.storage.chats.listeners.append(self.storage.chats.forget)

    async def label(self, chat_id: int, text: str = RAID) -> Label:
        await self.learning.prepare(chat_id)
        return self.clf.classify(MessageIn(text, chat_id=chat_id)).label

    async def relabel(self, chat_id: int, case_id: int, label: Label, actor: int = ANNA) -> bool:
        return await self.learning.record(
            chat_id=chat_id, case_id=case_id, text=RAID, label=label, actor_id=actor, source=Source.RELABEL
        )


async def _open(backend: Backend) -> Storage:
    storage = await backend.open()
    for chat in (GAME, SHOP):
        await storage.chats.upsert(chat_id=chat, title=str(chat), type_="supergroup", username=None, now=NOW)
    return storage


async def test_a_relabel_on_one_instance_is_applied_by_the_other_and_survives_a_restart(backend: Backend) -> None:
    a, b = Instance(await _open(backend)), Instance(await backend.open())
    b.hears(a)
    try:
        original = await b.label(GAME)
        assert original.negative
        assert await b.label(SHOP) is original
        assert await a.relabel(GAME, 1, Label.NEUTRAL)
        assert await b.label(GAME) is Label.NEUTRAL  # the other instance, at the chat's next message
        assert await b.label(SHOP) is original  # another chat does not change
    finally:
        await a.storage.close()
        await b.storage.close()
    restarted = Instance(await backend.open())
    try:
        assert await restarted.label(GAME) is Label.NEUTRAL
        assert await restarted.label(SHOP) is original
    finally:
        await restarted.storage.close()


async def test_the_layer_is_not_read_per_message_while_nothing_changed(backend: Backend) -> None:
    """The version is asked once per chat; a change heard through the cache sync is read at the chat's
    next message, and without the sync (no Redis) the copy held is trusted for ``FRESH_FOR`` at most."""
    now = [0.0]
    a = Instance(await _open(backend))
    b = Instance(await backend.open(), monotonic=lambda: now[0])
    c = Instance(await backend.open())
    c.hears(a)
    reads = []
    version = b.storage.learning.layer_version

    async def counted(chat_id: int) -> int:
        reads.append(chat_id)
        return await version(chat_id)

    b.storage.learning.layer_version = counted  # type: ignore[method-assign]
    try:
        original = await b.label(GAME)
        assert await c.label(GAME) is original
        for _ in range(5):
            assert await b.label(GAME) is original
        assert reads == [GAME]
        assert await a.relabel(GAME, 1, Label.NEUTRAL)
        assert await c.label(GAME) is Label.NEUTRAL  # heard of it
        assert await b.label(GAME) is original and reads == [GAME]  # deaf: its copy, no read
        now[0] += FRESH_FOR + 0.1
        assert await b.label(GAME) is Label.NEUTRAL and reads == [GAME, GAME]
    finally:
        for one in (a, b, c):
            await one.storage.close()


async def test_one_admin_cannot_flip_what_another_confirmed(backend: Backend) -> None:
    one = Instance(await _open(backend))
    try:
        original = await one.label(GAME)
        assert await one.relabel(GAME, 7, Label.NEUTRAL, actor=ANNA)
        assert await one.label(GAME) is Label.NEUTRAL
        # Boris says trolling with one click: not learned, and Anna's word is put aside too.
        assert not await one.relabel(GAME, 7, Label.TROLLING, actor=BORIS)
        states = {e.actor_id: e.state for e in await one.storage.learning.case_examples(7)}
        assert states == {ANNA: ExampleState.DISPUTED, BORIS: ExampleState.DISPUTED}
        assert await one.label(GAME) is original
        # The same admin changing their own mind: the last word counts.
        assert await one.relabel(GAME, 8, Label.NEUTRAL, actor=ANNA)
        assert await one.relabel(GAME, 8, Label.TROLLING, actor=ANNA)
        assert await one.label(GAME) is Label.TROLLING
    finally:
        await one.storage.close()


async def test_the_layer_waits_for_the_minimum_number_of_decisions(backend: Backend) -> None:
    one = Instance(await _open(backend), min_decisions=3)
    try:
        original = await one.label(GAME)
        for case_id in (1, 2):
            await one.relabel(GAME, case_id, Label.NEUTRAL)
            assert await one.label(GAME) is original
        await one.relabel(GAME, 3, Label.NEUTRAL)
        assert await one.label(GAME) is Label.NEUTRAL
    finally:
        await one.storage.close()


async def test_retention_removes_the_text_and_the_layer_is_rebuilt_from_the_features(backend: Backend) -> None:
    one = Instance(await _open(backend))
    try:
        await one.relabel(GAME, 1, Label.NEUTRAL)
        assert await one.storage.learning.forget_old_texts(NOW + 31 * 86400) == 1
        (example,) = await one.storage.learning.examples(GAME)
        assert example.text is None and example.features
        await one.learning.rebuild(GAME)
        assert await one.label(GAME) is Label.NEUTRAL
    finally:
        await one.storage.close()


async def test_paused_learning_neither_learns_nor_decides_and_forget_drops_it(backend: Backend) -> None:
    one = Instance(await _open(backend))
    try:
        original = await one.label(GAME)
        await one.storage.chats.update_settings(GAME, learning=False)
        assert not await one.relabel(GAME, 1, Label.NEUTRAL)
        assert await one.label(GAME) is original
        assert len(await one.learning.examples(GAME)) == 1  # the decision is kept
        await one.storage.chats.update_settings(GAME, learning=True)
        await one.learning.rebuild(GAME)  # what the /settings toggle does when learning resumes
        assert await one.label(GAME) is Label.NEUTRAL
        assert await one.learning.forget(GAME) == 1
        assert await one.label(GAME) is original
        assert await one.storage.learning.layer(GAME) is None
    finally:
        await one.storage.close()


@pytest.mark.parametrize("label", [Label.TROLLING, Label.NEUTRAL])
async def test_a_missed_comment_marked_negative_is_learned(backend: Backend, label: Label) -> None:
    one = Instance(await _open(backend))
    try:
        text = "Спасибо за очередное обновление, теперь ничего не работает вообще"
        learned = await one.learning.record(
            chat_id=SHOP, case_id=None, text=text, label=label, actor_id=ANNA, source=Source.MISSED
        )
        assert learned
        assert await one.label(SHOP, text) is label
        untaught = ChatLayerClassifier(create_classifier()).classify(MessageIn(text)).label
        assert await one.label(GAME, text) is untaught  # the other chat reads it as before
    finally:
        await one.storage.close()


NAMES = [
    "Артём",
    "Борис",
    "Вадим",
    "Глеб",
    "Денис",
    "Егор",
    "Жора",
    "Захар",
    "Игорь",
    "Кирилл",
    "Лёва",
    "Максим",
    "Никита",
    "Олег",
    "Павел",
    "Роман",
    "Семён",
    "Тимур",
    "Фёдор",
    "Юрий",
]
NEW_RAID = "Вован, этот босс просто убийца, рейд опять вайпнулся, жесть"  # not one the admins labelled


async def _gate(one: Instance) -> Gate | None:
    layer = await one.learning.layer(GAME)
    assert layer is not None
    return layer.gate


async def _relabel_raids(one: Instance, names: list[str], first_case: int = 1) -> None:
    for case_id, name in enumerate(names, first_case):
        text = f"{name}, этот босс просто убийца, рейд опять вайпнулся, жесть"
        await one.learning.record(
            chat_id=GAME, case_id=case_id, text=text, label=Label.NEUTRAL, actor_id=ANNA, source=Source.RELABEL
        )


async def test_the_gate_opens_on_a_record_and_a_restart_keeps_it(backend: Backend) -> None:
    """Raids relabelled calm, each worded differently: the layer's record on them opens its gate, a raid
    no admin labelled is then calm in this chat only, and a restarted instance reads the same record."""
    one = Instance(await _open(backend))
    try:
        original = await one.label(GAME, NEW_RAID)
        assert original.negative
        await _relabel_raids(one, NAMES[:5])
        layer = await one.learning.layer(GAME)
        assert layer is not None and layer.gate is not None and not layer.gate.open
        assert await one.label(GAME, NEW_RAID) is original  # five decisions are no record yet
        await _relabel_raids(one, NAMES[5:], 6)
        layer = await one.learning.layer(GAME)
        assert layer is not None and layer.gate is not None and layer.gate.open
        assert await one.label(GAME, NEW_RAID) is Label.NEUTRAL
        assert await one.label(SHOP, NEW_RAID) is original
    finally:
        await one.storage.close()
    restarted = Instance(await backend.open())
    try:
        again = await restarted.learning.layer(GAME)
        assert again is not None and again.gate == layer.gate
        assert await restarted.label(GAME, NEW_RAID) is Label.NEUTRAL
    finally:
        await restarted.storage.close()


async def test_a_layer_stored_before_the_gate_gets_its_record_at_the_next_decision(backend: Backend) -> None:
    one = Instance(await _open(backend))
    try:
        original = await one.label(GAME, NEW_RAID)
        await _relabel_raids(one, NAMES[:-1])
        record = await _gate(one)
        assert record is not None and record.open
        stored = await one.storage.learning.layer(GAME)
        assert stored is not None
        data = json.loads(stored.layer)
        del data["gate"]
        await one.storage.learning.save_layer(
            GAME, json.dumps(data), stored.examples, expected=stored.version, active_since=NOW, now=NOW
        )
        one.learning.stale(GAME)
        assert await one.label(GAME, NEW_RAID) is original  # no record: closed
        await _relabel_raids(one, NAMES[-1:], len(NAMES))
        rebuilt = await _gate(one)
        assert rebuilt is not None and rebuilt.open and rebuilt.differed >= record.differed
        assert (await one.storage.learning.layer_version(GAME)) > stored.version
        assert await one.label(GAME, NEW_RAID) is Label.NEUTRAL
    finally:
        await one.storage.close()
