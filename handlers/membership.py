"""The bot joining and leaving chats, and admins coming and going."""

from __future__ import annotations

import logging
from html import escape

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ChatMemberUpdated

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.domain.models import ChatAdmin
from bot.i18n import t
from bot.services.cases import CaseService
from bot.telegram.admins import ADMIN_STATUSES, display_name
from handlers.filters import group_chats
from storage import Storage

log = logging.getLogger(__name__)


_PRESENT = (
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.CREATOR,
    ChatMemberStatus.RESTRICTED,
)


async def bot_membership(event: ChatMemberUpdated, bot: Bot, cases: CaseService, repo: Storage, clock: Clock) -> None:
    status = event.new_chat_member.status
    chat = event.chat
    if status in _PRESENT:
        log.info("Watching chat %s (%s), bot status %s", chat.id, chat.title, status)
        await cases.register_chat(chat.id, chat.title or str(chat.id), chat.type, chat.username, bool(chat.is_forum))
        is_admin = status in ADMIN_STATUSES
        await repo.chats.set_bot_admin(chat.id, is_admin, now_int(clock))
        if not is_admin and not (await bot.me()).can_read_all_group_messages:
            await _warn_blind(event, bot, repo)
    else:
        log.info("Removed from chat %s (%s); keeping its data", chat.id, chat.title)
        if await repo.chats.get(chat.id):
            await repo.chats.set_active(chat.id, False, now_int(clock))


async def _warn_blind(event: ChatMemberUpdated, bot: Bot, repo: Storage) -> None:
    """Privacy mode on and not an admin: the bot sees only commands there. Say so, with the fix."""
    title = event.chat.title or str(event.chat.id)
    log.warning("Not an admin in %s (%s) and privacy mode is on: comments there are not visible", event.chat.id, title)
    person = await repo.users.get(event.from_user.id)
    if person is None or not person.reachable:
        return
    lang = language(person.language_code)
    try:
        await bot.send_message(person.id, t(lang, "warn.blind", chat=escape(title)))
    except TelegramAPIError as error:
        log.info("Could not tell %s about privacy mode: %s", person.id, error)


async def member_changed(event: ChatMemberUpdated, repo: Storage, cases: CaseService) -> None:
    user = event.new_chat_member.user
    if await repo.chats.get(event.chat.id) is None or user.is_bot:
        return
    new, old = event.new_chat_member.status, event.old_chat_member.status
    if new in ADMIN_STATUSES:
        await repo.chats.put_admin(
            ChatAdmin(
                chat_id=event.chat.id,
                user_id=user.id,
                name=display_name(user),
                username=user.username,
                is_anonymous=bool(getattr(event.new_chat_member, "is_anonymous", False)),
            )
        )
    elif old in ADMIN_STATUSES:
        await repo.chats.remove_admin(event.chat.id, user.id)
    if new == ChatMemberStatus.MEMBER and old in (ChatMemberStatus.LEFT, ChatMemberStatus.KICKED):
        await cases.note_join(event.chat.id, [user.id], int(event.date.timestamp()))


def create_router() -> Router:
    router = Router(name=__name__)
    router.my_chat_member.register(bot_membership, group_chats())
    router.chat_member.register(member_changed, group_chats())
    return router
