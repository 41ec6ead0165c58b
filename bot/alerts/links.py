"""Links to comments and authors, thread-aware."""

from __future__ import annotations

from html import escape

from bot.i18n import DEFAULT_LANGUAGE, t
from storage.models import Author, Case, Chat


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


def author_html(author: Author, lang: str = DEFAULT_LANGUAGE) -> str:
    name = escape(author.name)
    if author.username:
        return f'<a href="https://t.me/{escape(author.username)}">{name}</a> (@{escape(author.username)})'
    if author.is_chat:
        return t(lang, "alert.channel", name=name)
    return f'<a href="tg://user?id={author.id}">{name}</a> (id {author.id})'
