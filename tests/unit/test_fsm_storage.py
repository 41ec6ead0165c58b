"""The FSM storage keeps only what was set: asking about a (chat, user) pair stores nothing."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage

from bot.fake_api.core import user
from bot.fsm_storage import SparseMemoryStorage
from tests.conftest import GROUP, Harness

KEY = StorageKey(bot_id=1, chat_id=-100, user_id=7)


async def test_reads_of_unknown_keys_store_nothing() -> None:
    storage = SparseMemoryStorage()
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}
    assert await storage.get_value(KEY, "x") is None
    assert await storage.get_value(KEY, "x", [1]) == [1]
    assert not storage.storage


async def test_state_and_data_work_and_are_forgotten_once_cleared() -> None:
    storage = SparseMemoryStorage()
    await storage.set_state(KEY, "editing")
    await storage.update_data(KEY, {"draft": "текст"})
    assert await storage.get_state(KEY) == "editing"
    assert await storage.get_data(KEY) == {"draft": "текст"}
    assert await storage.get_value(KEY, "draft") == "текст"
    await storage.set_state(KEY, None)
    assert await storage.get_data(KEY) == {"draft": "текст"}  # data outlives the state, as in aiogram
    await storage.set_data(KEY, {})
    assert not storage.storage
    await storage.set_state(KEY, None)  # clearing what is not there adds nothing either
    assert not storage.storage


async def test_the_dispatcher_keeps_nothing_per_commenter(ready: Harness) -> None:
    # aiogram's FSM middleware reads the state of every (chat, user) an update comes from; its
    # default MemoryStorage kept an empty record for each, so memory grew with every new commenter.
    for i in range(50):
        ready.fake.comment(GROUP, user(3_000_000 + i, f"Автор{i}"), f"Когда откроетесь в субботу? {i}")
    await ready.feed()
    storage = ready.dp.fsm.storage
    assert isinstance(storage, MemoryStorage)
    assert len(storage.storage) == 0
