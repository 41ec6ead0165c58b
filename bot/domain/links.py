"""Links to comments, thread-aware."""

from __future__ import annotations

from bot.domain.models import Case, Chat


def comment_url(chat: Chat, case: Case) -> str | None:
    """t.me link to the comment; None for basic groups, which have no message links."""
    if chat.username:
        base = f"https://t.me/{chat.username}"
    elif str(chat.id).startswith("-100"):
        base = f"https://t.me/c/{str(chat.id)[4:]}"
    else:
        return None
    if case.thread_id and case.is_topic:
        return f"{base}/{case.thread_id}/{case.message_id}"
    if case.thread_id:
        return f"{base}/{case.message_id}?thread={case.thread_id}"
    return f"{base}/{case.message_id}"


def message_url(chat: Chat, message_id: int) -> str | None:
    """t.me link to a message the bot posted in the chat (outside any thread); None for basic groups."""
    return post_url(chat.id, chat.username, message_id)


def post_url(chat_id: int, username: str | None, message_id: int) -> str | None:
    """t.me link to a message in a supergroup or channel: by its public username, else t.me/c/."""
    if username:
        return f"https://t.me/{username}/{message_id}"
    if str(chat_id).startswith("-100"):
        return f"https://t.me/c/{str(chat_id)[4:]}/{message_id}"
    return None
