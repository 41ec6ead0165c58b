"""From a group message to a case: who wrote it, is it a comment at all, what kind it is."""

from __future__ import annotations

import logging

from aiogram.types import Message

from bot.domain.comments import Comment
from bot.domain.models import Author
from bot.telegram.admins import display_name

log = logging.getLogger(__name__)

# Telegram's service accounts: channel posts forwarded into the discussion group, anonymous
# admins posting as the group, and people posting as a channel.
TELEGRAM_SERVICE_USER = 777000
GROUP_ANONYMOUS_BOT = 1087968824

# Longer texts are cut for classification and storage; Telegram itself allows 4096 (text)
# and 1024 (caption), but a fake or future server may send more.
TEXT_LIMIT = 4096


def author_of(message: Message, linked_chat_id: int | None) -> Author | None:
    """The comment's author, or None when the message is not a member's comment."""
    if message.is_automatic_forward:
        return None
    sender_chat = message.sender_chat
    if sender_chat is not None:
        if sender_chat.id == message.chat.id or sender_chat.id == linked_chat_id:
            return None  # the group's anonymous admins, or the linked channel itself
        return Author(
            id=sender_chat.id,
            name=sender_chat.title or sender_chat.username or str(sender_chat.id),
            username=sender_chat.username,
            is_chat=True,
        )
    user = message.from_user
    if user is None or user.is_bot or user.id in (TELEGRAM_SERVICE_USER, GROUP_ANONYMOUS_BOT):
        return None
    return Author(id=user.id, name=display_name(user), username=user.username, is_chat=False)


def comment_from(message: Message, *, linked_chat_id: int | None, edited: bool) -> Comment | None:
    text = message.text or message.caption
    if not text or not text.strip():
        return None
    author = author_of(message, linked_chat_id)
    if author is None:
        return None
    replied = message.reply_to_message
    reply_to = replied.message_id if replied is not None and replied.message_id != message.message_thread_id else None
    date = message.edit_date if edited and message.edit_date else message.date
    return Comment(
        chat_id=message.chat.id,
        chat_title=message.chat.title or str(message.chat.id),
        chat_type=message.chat.type,
        chat_username=message.chat.username,
        is_forum=bool(message.chat.is_forum),
        message_id=message.message_id,
        thread_id=message.message_thread_id,
        is_topic=bool(message.is_topic_message),
        author=author,
        text=text[:TEXT_LIMIT],
        date=int(date.timestamp()) if hasattr(date, "timestamp") else int(date),
        edited=edited,
        reply_to=reply_to,
    )
