"""The classifier's per-chat context shared by several instances through Redis."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from bot.app import shared_classifier
from bot.cluster.context import KEY_PREFIX
from bot.domain.ports import ContextGate
from bot.domain.verdicts import Classifier, Label, MessageIn, ReasonCode, Verdict
from tests.cluster.conftest import redis_url

T0 = 1_764_000_000
WAVE = [
    "Заказ не пришёл уже месяц, деньги не вернули. Это мошенники, будьте осторожны",
    "заказ не пришел уже месяц, деньги так и не вернули, это мошенники!!",
    "ЗАКАЗ НЕ ПРИШЁЛ УЖЕ МЕСЯЦ, ДЕНЬГИ НЕ ВЕРНУЛИ. ЭТО МОШЕННИКИ, БУДЬТЕ ОСТОРОЖНЫ",
    "Заказ не пришёл уже целый месяц, деньги не вернули, это мошенники, будьте осторожны!",
]


class Instance:
    """One bot process's classifier and context gate, on its own Redis connection."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.classifier: Classifier
        self.gate: ContextGate
        self.classifier, self.gate = shared_classifier(redis)

    async def classify(self, message: MessageIn) -> Verdict:
        async with self.gate.chat(message.chat_id):
            return self.classifier.classify(message)

    async def join(self, chat_id: int, user_id: int, date: int) -> None:
        async with self.gate.chat(chat_id):
            self.classifier.note_join(chat_id, user_id, date)


@pytest.fixture
async def chat_id(redis: Redis) -> AsyncIterator[int]:
    chat = -(10**12) - random.randrange(10**9)
    yield chat
    await redis.delete(f"{KEY_PREFIX}{chat}", f"{KEY_PREFIX}{chat}:lock")


@pytest.fixture
async def instances(redis: Redis) -> AsyncIterator[list[Instance]]:
    clients = [Redis.from_url(await redis_url()) for _ in range(3)]
    yield [Instance(client) for client in clients]
    for client in clients:
        await client.aclose()


def _msg(chat_id: int, text: str, user: int, offset: int) -> MessageIn:
    return MessageIn(text=text, chat_id=chat_id, user_id=user, date=T0 + offset, message_id=user)


async def test_a_wave_split_between_instances_is_one_wave(instances: list[Instance], chat_id: int) -> None:
    a, b, _ = instances
    verdicts = [await (a, b)[i % 2].classify(_msg(chat_id, text, 500 + i, 30 * i)) for i, text in enumerate(WAVE)]
    assert verdicts[0].wave_id is None
    assert verdicts[1].wave_id is not None and verdicts[1].label is Label.DIRECTED
    # the third and fourth copies went to different instances and still join the same wave
    assert {v.wave_id for v in verdicts[1:]} == {verdicts[1].wave_id}
    assert verdicts[3].extra["wave_user_ids"] == (500, 501, 502, 503)


async def test_without_sharing_each_instance_sees_only_half(redis: Redis, chat_id: int) -> None:
    """The control: two classifiers that do not share miss the wave entirely."""
    from bot.classifier import create_classifier

    a, b = create_classifier(), create_classifier()
    verdicts = [(a, b)[i % 2].classify(_msg(chat_id, WAVE[i % 2], 500 + i, 30 * i)) for i in range(2)]
    assert all(v.wave_id is None for v in verdicts)


async def test_a_join_seen_by_one_instance_marks_a_newcomer_on_another(instances: list[Instance], chat_id: int) -> None:
    a, b, _ = instances
    await a.join(chat_id, 777, T0)
    verdict = await b.classify(_msg(chat_id, "Вы все тут мошенники, верните деньги немедленно!", 777, 120))
    assert verdict.label.negative
    assert any(reason.code is ReasonCode.NEWCOMER for reason in verdict.reasons)


async def test_an_instance_started_later_rebuilds_the_history(
    instances: list[Instance], redis: Redis, chat_id: int
) -> None:
    a, b, late = instances
    first = [await (a, b)[i % 2].classify(_msg(chat_id, WAVE[i], 600 + i, 20 * i)) for i in range(3)]
    # `late` has classified nothing in this chat: its first message here replays the log first
    fourth = await late.classify(_msg(chat_id, WAVE[3], 603, 90))
    assert fourth.wave_id == first[1].wave_id == first[2].wave_id
    assert fourth.extra["wave_user_ids"] == (600, 601, 602, 603)
    # the log expires like the tracker's memory of a silent chat
    assert 0 < await redis.ttl(f"{KEY_PREFIX}{chat_id}") <= 86_400


async def test_copies_classified_at_the_same_moment_form_one_wave(instances: list[Instance], chat_id: int) -> None:
    a, b, c = instances
    texts = [WAVE[i % len(WAVE)] for i in range(12)]
    verdicts = await asyncio.gather(
        *((a, b, c)[i % 3].classify(_msg(chat_id, text, 700 + i, i)) for i, text in enumerate(texts))
    )
    waves = {v.wave_id for v in verdicts if v.wave_id is not None}
    assert len(waves) == 1
    # exactly one copy came first and saw nothing; every other one saw the ones before it
    assert sum(v.wave_id is None for v in verdicts) == 1
    assert max(len(v.extra.get("wave_user_ids", ())) for v in verdicts) == 12  # type: ignore[arg-type]


async def test_redis_down_leaves_classification_local(chat_id: int) -> None:
    dead = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2, socket_timeout=0.2)
    inst = Instance(dead)
    try:
        verdicts = [await inst.classify(_msg(chat_id, text, 800 + i, 10 * i)) for i, text in enumerate(WAVE[:3])]
    finally:
        await dead.aclose()
    # still a working classifier with its own memory: the wave is seen within this instance
    assert verdicts[2].label is Label.DIRECTED and verdicts[2].wave_id == verdicts[1].wave_id


async def test_a_malformed_event_in_the_log_is_skipped(instances: list[Instance], redis: Redis, chat_id: int) -> None:
    a, b, _ = instances
    await a.classify(_msg(chat_id, WAVE[0], 900, 0))
    await redis.xadd(f"{KEY_PREFIX}{chat_id}", {"e": b"{not json"})
    await redis.xadd(f"{KEY_PREFIX}{chat_id}", {"x": b"1"})
    verdict = await b.classify(_msg(chat_id, WAVE[1], 901, 10))
    assert verdict.wave_id is not None and verdict.extra["wave_user_ids"] == (900, 901)
