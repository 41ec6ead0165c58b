"""The routers' filters, as coroutines.

aiogram 3 runs a filter that is a plain function, a magic filter (``F.chat.type == ...``)
included, in a worker thread (``asyncio.to_thread``) each time it checks an update. A group
comment passed five of them on its way to its handler, and each trip to a thread and back cost
more than the check. aiogram awaits a ``Filter`` in the event loop.
"""

from __future__ import annotations

from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import Chat, Message, TelegramObject


class ChatIs(Filter):
    """The event's chat (a message, a membership change) is of one of these types."""

    def __init__(self, *types: ChatType) -> None:
        self._types = frozenset(kind.value for kind in types)

    async def __call__(self, event: TelegramObject) -> bool:
        chat = getattr(event, "chat", None)
        return isinstance(chat, Chat) and chat.type in self._types


def group_chats() -> ChatIs:
    return ChatIs(ChatType.GROUP, ChatType.SUPERGROUP)


def private_chat() -> ChatIs:
    return ChatIs(ChatType.PRIVATE)


class PlainText(Filter):
    """A message with text that is not a command: an admin's answer to what they were asked."""

    async def __call__(self, message: Message) -> bool:
        return message.text is not None and not message.text.startswith("/")


async def has_new_members(message: Message) -> bool:
    """A service message about new members."""
    return bool(message.new_chat_members)


class LooksLikeCommand(Filter):
    """A message whose text (or caption) starts with ``/`` (after blanks, as aiogram reads it).

    A router of commands takes this as its own filter, so the comments that make up most of the
    traffic pass it after one string check instead of going through each ``Command`` filter.
    """

    async def __call__(self, message: Message) -> bool:
        text = message.text or message.caption
        return text is not None and text.lstrip().startswith("/")


class NotOneOfCommands(Filter):
    """Every message but the given commands (``/name`` or ``/name@bot``, as aiogram reads them).

    The group comment router comes first, being most of the traffic, and lets these commands go on
    to the routers that answer them; any other text, ``/`` or not, is a comment.
    """

    def __init__(self, *names: str) -> None:
        self._names = frozenset(names)

    async def __call__(self, message: Message) -> bool:
        text = message.text or message.caption
        if text is None:
            return True
        head = text.lstrip()
        if not head.startswith("/"):
            return True
        words = head[1:].split(maxsplit=1)
        return not words or words[0].partition("@")[0] not in self._names
