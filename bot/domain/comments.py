"""A comment as casework sees it: mapped from Telegram's message at the edge (bot/telegram/intake.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.models import Author
from bot.domain.verdicts import MessageIn


@dataclass(frozen=True, slots=True)
class Comment:
    chat_id: int
    chat_title: str
    chat_type: str
    chat_username: str | None
    is_forum: bool
    message_id: int
    thread_id: int | None
    is_topic: bool
    author: Author
    text: str
    date: int
    edited: bool
    # The message this one answers, when it is a reply (not the thread's root post).
    reply_to: int | None = None

    def for_classifier(self) -> MessageIn:
        return MessageIn(
            text=self.text,
            chat_id=self.chat_id,
            user_id=self.author.id,
            date=self.date,
            message_id=self.message_id,
            edited=self.edited,
        )
