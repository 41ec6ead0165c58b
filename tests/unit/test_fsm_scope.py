"""aiogram's FSM is kept for private conversations only: the group comments that make up most of
the traffic never touch its storage, and nothing is kept per commenter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from bot.fake_api.core import user
from bot.telegram.fsm.scope import PrivateConversations
from tests.conftest import ANNA, GROUP, Harness


class CountingStorage(BaseStorage):
    """The bot's FSM storage, with every call to it counted."""

    def __init__(self, inner: BaseStorage) -> None:
        self.inner = inner
        self.calls: list[tuple[str, StorageKey]] = []

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        self.calls.append(("set_state", key))
        await self.inner.set_state(key, state)

    async def get_state(self, key: StorageKey) -> str | None:
        self.calls.append(("get_state", key))
        return await self.inner.get_state(key)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        self.calls.append(("set_data", key))
        await self.inner.set_data(key, data)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        self.calls.append(("get_data", key))
        return await self.inner.get_data(key)

    async def close(self) -> None:
        await self.inner.close()


async def test_group_comments_never_touch_the_fsm_storage(ready: Harness) -> None:
    assert isinstance(ready.dp.fsm, PrivateConversations)
    assert ready.dp.fsm in ready.dp.update.outer_middleware
    counting = CountingStorage(ready.dp.fsm.storage)
    ready.dp.fsm.storage = counting
    for i in range(50):
        author = user(3_000_000 + i, f"Автор{i}")
        ready.fake.comment(GROUP, author, f"Когда откроетесь в субботу? {i}")
        ready.fake.comment(GROUP, author, "Заказ 4821 ждал 3 часа, курьер не позвонил, верните деньги! " + str(i))
    await ready.feed()
    assert len(await ready.storage.stats.message_counts(GROUP)) > 0  # the comments were handled
    assert len(ready.alerts_to(ANNA["id"])) > 0  # negative ones too, with their alerts
    assert counting.calls == []
    row = await ready.storage.db.fetchone("SELECT COUNT(*) FROM fsm_states")
    assert row is not None and row[0] == 0
    # The counting works: a private message does read its conversation (the user's private chat).
    ready.fake.private_message(ANNA, "привет")
    await ready.feed()
    assert ("get_state", StorageKey(bot_id=ready.bot.id, chat_id=ANNA["id"], user_id=ANNA["id"])) in counting.calls
