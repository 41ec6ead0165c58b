"""Who administers a chat: a stored list kept fresh, and a live check before any action."""

from __future__ import annotations

import logging
from collections.abc import Callable

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner, User

from bot.domain.clock import Clock, now_int
from bot.domain.models import ChatAdmin
from storage import Storage

log = logging.getLogger(__name__)

# The stored list is re-read from Telegram when older than this, in case chat_member
# updates were missed (they only arrive while the bot is an admin).
ADMINS_TTL = 3600
ADMIN_STATUSES = (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


def display_name(user: User) -> str:
    name = " ".join(part for part in (user.first_name, user.last_name) if part)
    return name or (user.username or str(user.id))


class AdminDirectory:
    def __init__(self, bot: Bot, storage: Storage, clock: Clock) -> None:
        self._bot = bot
        self._storage = storage
        self._clock = clock
        # Told of each chat whose admin list was just loaded (copies of alerts owed may go out now).
        self.loaded: Callable[[int], None] | None = None

    async def reload(self, chat_id: int) -> list[ChatAdmin]:
        """The chat's admins from Telegram, stored. An answer that cannot be read raises (and
        changes nothing): a list missing someone would remove them."""
        members = await self._bot.get_chat_administrators(chat_id)
        admins = [
            ChatAdmin(
                chat_id=chat_id,
                user_id=member.user.id,
                name=display_name(member.user),
                username=member.user.username,
                is_anonymous=bool(member.is_anonymous),
            )
            for member in members
            if isinstance(member, ChatMemberOwner | ChatMemberAdministrator) and not member.user.is_bot
        ]
        await self._storage.chats.replace_admins(chat_id, admins, now_int(self._clock))
        if self.loaded is not None:
            self.loaded(chat_id)
        return admins

    async def reload_admins(self, chat_id: int) -> bool:
        """reload() for casework, which goes on without the list when Telegram cannot give it."""
        try:
            await self.reload(chat_id)
        except TelegramAPIError as error:
            log.warning("Could not load admins of chat %s: %s", chat_id, error)
            return False
        return True

    async def linked_chat_id(self, chat_id: int) -> int | None:
        """The chat's linked channel or discussion group; None when it has none or Telegram cannot say."""
        try:
            return (await self._bot.get_chat(chat_id)).linked_chat_id
        except TelegramAPIError as error:
            log.warning("Could not read chat %s: %s", chat_id, error)
            return None

    async def admin_ids(self, chat_id: int) -> set[int]:
        """Stored admins, re-loaded from Telegram when stale."""
        chat = await self._storage.chats.get(chat_id)
        fresh = chat and chat.admins_loaded_at and now_int(self._clock) - chat.admins_loaded_at < ADMINS_TTL
        if not fresh:
            try:
                await self.reload(chat_id)
            except TelegramAPIError as error:
                log.warning("Could not reload admins of chat %s: %s", chat_id, error)
        return {admin.user_id for admin in await self._storage.chats.admins(chat_id)}

    async def is_admin_now(self, chat_id: int, user_id: int) -> bool:
        """Ask Telegram, not the cache: rights are checked at the moment of the action. When Telegram
        cannot say (an error, an answer that does not read: bot/telegram/answers.py) the answer is no,
        and the stored list is left as it is."""
        try:
            member = await self._bot.get_chat_member(chat_id, user_id)
        except TelegramAPIError as error:
            log.warning("Could not check admin %s in chat %s: %s", user_id, chat_id, error)
            return False
        is_admin = member.status in ADMIN_STATUSES
        if is_admin:
            await self._storage.chats.put_admin(
                ChatAdmin(
                    chat_id=chat_id,
                    user_id=user_id,
                    name=display_name(member.user),
                    username=member.user.username,
                    is_anonymous=bool(getattr(member, "is_anonymous", False)),
                )
            )
        else:
            await self._storage.chats.remove_admin(chat_id, user_id)
        return is_admin
