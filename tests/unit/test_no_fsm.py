"""No aiogram FSM: nothing is kept per commenter outside the database."""

from __future__ import annotations

from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.storage.memory import MemoryStorage

from bot.fake_api.core import user
from tests.conftest import GROUP, Harness


async def test_the_dispatcher_keeps_nothing_per_commenter(ready: Harness) -> None:
    # aiogram's FSM middleware reads the state of every (chat, user) an update comes from; its
    # default MemoryStorage kept an empty record for each, so memory grew with every new commenter.
    for i in range(50):
        ready.fake.comment(GROUP, user(3_000_000 + i, f"Автор{i}"), f"Когда откроетесь в субботу? {i}")
    await ready.feed()
    assert len(await ready.storage.stats.message_counts(GROUP)) > 0  # the comments were handled
    assert not any(isinstance(m, FSMContextMiddleware) for m in ready.dp.update.outer_middleware)
    storage = ready.dp.fsm.storage
    assert isinstance(storage, MemoryStorage)
    assert len(storage.storage) == 0
