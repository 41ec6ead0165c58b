"""The bot joining and leaving chats, and admins coming and going."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.types import ChatMemberUpdated

from bot.casework.admins import ADMIN_STATUSES, display_name
from bot.casework.service import CaseService
from bot.classifier import Classifier
from bot.clock import Clock, now_int
from storage import Storage
from storage.models import ChatAdmin

log = logging.getLogger(__name__)


_PRESENT = (
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.CREATOR,
    ChatMemberStatus.RESTRICTED,
)


async def bot_membership(event: ChatMemberUpdated, cases: CaseService, repo: Storage, clock: Clock) -> None:
    status = event.new_chat_member.status
    chat = event.chat
    if status in _PRESENT:
        log.info("Watching chat %s (%s), bot status %s", chat.id, chat.title, status)
        await cases.register_chat(chat.id, chat.title or str(chat.id), chat.type, chat.username, bool(chat.is_forum))
        await repo.chats.set_bot_admin(chat.id, status in ADMIN_STATUSES, now_int(clock))
    else:
        log.info("Removed from chat %s (%s); keeping its data", chat.id, chat.title)
        if await repo.chats.get(chat.id):
            await repo.chats.set_active(chat.id, False, now_int(clock))


async def member_changed(event: ChatMemberUpdated, repo: Storage, classifier: Classifier) -> None:
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
        classifier.note_join(event.chat.id, user.id, int(event.date.timestamp()))


def create_router() -> Router:
    router = Router(name=__name__)
    groups = F.chat.type.in_({ChatType.GROUP, ChatType.SUPERGROUP})
    router.my_chat_member.register(bot_membership, groups)
    router.chat_member.register(member_changed, groups)
    return router
