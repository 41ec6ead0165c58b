"""Which updates have a conversation state, and where it is kept.

aiogram's FSM middleware reads the state of every update's (chat, user) before any router sees
it. Group comments are most of the traffic (about 1,000 a second) and never part of a
conversation, so here they pass without touching the storage: only messages in private chats and
button presses get ``state``. The key is the presser's private chat wherever they pressed
(``FSMStrategy.GLOBAL_USER``): an alert may be pressed in the ``ALERT_CHAT_ID`` group, and the
text it asks for is typed in private.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Dispatcher
from aiogram.dispatcher.middlewares.user_context import EVENT_CONTEXT_KEY, EventContext
from aiogram.enums import ChatType
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.strategy import FSMStrategy
from aiogram.types import TelegramObject, Update

from bot.domain.clock import Clock
from bot.telegram.fsm.sql_storage import SqlStorage
from storage import Storage

STRATEGY = FSMStrategy.GLOBAL_USER


def conversation_storage(storage: Storage, redis_url: str | None, clock: Clock) -> BaseStorage:
    """Redis when the instances share one (``REDIS_URL``), else the bot's database."""
    if redis_url:
        from aiogram.fsm.storage.redis import RedisStorage  # redis only where the instances share one

        return RedisStorage.from_url(
            redis_url,
            connection_kwargs={"socket_timeout": 5, "socket_connect_timeout": 5},
            key_builder=DefaultKeyBuilder(prefix="otklik:fsm", with_bot_id=True),
        )
    return SqlStorage(storage.fsm, clock)


def _in_private(data: dict[str, Any]) -> bool:
    context = data.get(EVENT_CONTEXT_KEY)
    return isinstance(context, EventContext) and context.chat is not None and context.chat.type == ChatType.PRIVATE


class PrivateConversations(FSMContextMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Update) and (event.callback_query is not None or _in_private(data)):
            return await super().__call__(handler, event, data)
        return await handler(event, data)


def use_conversations(dp: Dispatcher) -> None:
    """Put ``PrivateConversations`` where aiogram's own FSM middleware goes.

    ``dp`` was made with ``disable_fsm=True``, its storage and ``STRATEGY``: its middleware (kept
    as ``dp.fsm`` and closed with the dispatcher) holds them. Call this before adding the other
    outer middlewares of ``dp.update``, as aiogram adds its own.
    """
    fsm = dp.fsm
    dp.fsm = PrivateConversations(storage=fsm.storage, events_isolation=fsm.events_isolation, strategy=fsm.strategy)
    dp.update.outer_middleware(dp.fsm)
