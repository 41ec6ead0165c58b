"""What the services need from the world, as protocols: storage (``storage/`` implements them) and
Telegram (``bot/telegram/`` implements them). The services import these, never the implementations,
so casework can be read, tested and changed without aiogram or SQL in view.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.domain.models import Case, Chat, ChatSettings, NewCase, Reply, ReplyKind
from bot.domain.notes import Note
from bot.domain.verdicts import Label

# A case's suggested reply from its variant number (the chat's running count for the label), or None
# when there is nothing to suggest. Storage calls it inside the transaction that opens the case, which
# hands out the number.
Drafter = Callable[[int], str | None]


class CaseStore(Protocol):
    async def open(self, new: NewCase, now: int, *, draft: Drafter | None = None) -> tuple[Case, bool]: ...
    async def reclassify(self, case_id: int, new: NewCase, now: int) -> Case: ...
    async def get(self, case_id: int) -> Case | None: ...
    async def by_message(self, chat_id: int, message_id: int) -> Case | None: ...
    async def count_message(self, chat_id: int, label: Label, now: int) -> None: ...
    async def tag_wave(
        self, chat_id: int, message_ids: list[int], wave_id: str, reply_text: str | None, now: int
    ) -> list[int]: ...
    async def next_variant(self, chat_id: int, label: Label) -> int: ...
    async def wave_size(self, chat_id: int, wave_id: str) -> int: ...
    async def note_admin_reply(self, chat_id: int, message_id: int, admin_id: int, now: int) -> Case | None: ...
    async def claim_wave_lead(self, chat_id: int, wave_id: str, case_id: int) -> int: ...
    async def set_note(self, case_id: int, note: Note | None) -> None: ...


class ChatStore(Protocol):
    async def upsert(
        self,
        *,
        chat_id: int,
        title: str,
        type_: str,
        username: str | None,
        now: int,
        is_forum: bool = False,
        linked_chat_id: int | None = None,
        active: bool = True,
    ) -> Chat: ...
    async def get(self, chat_id: int) -> Chat | None: ...
    async def settings(self, chat_id: int) -> ChatSettings: ...


class TemplateStore(Protocol):
    async def get(self, chat_id: int, label: str, language: str) -> list[str] | None: ...


class ReplyStore(Protocol):
    async def pending_for_author(self, chat_id: int, author_id: int) -> list[Reply]: ...
    async def reschedule(self, reply_id: int, due_at: int, now: int) -> None: ...
    async def cancel_pending(self, case_id: int, now: int, kind: ReplyKind = ReplyKind.REPLY) -> Reply | None: ...


class Store(Protocol):
    """The parts of storage casework uses (``storage.Storage`` is one)."""

    @property
    def cases(self) -> CaseStore: ...
    @property
    def chats(self) -> ChatStore: ...
    @property
    def templates(self) -> TemplateStore: ...
    @property
    def replies(self) -> ReplyStore: ...


class Alerts(Protocol):
    """The admins' private alerts (``bot.telegram.notifier.AlertNotifier``)."""

    async def send_new(self, case: Case) -> int: ...
    def refresh_soon(self, case_id: int) -> None: ...
    async def refresh(self, case: Case, *, edited: bool = False) -> None: ...


class ReplyScheduler(Protocol):
    """Replies posted in the chat later (``bot.telegram.sender.ReplySender``)."""

    async def schedule(
        self, case: Case, text: str, delay: int, actor_id: int | None, kind: ReplyKind = ReplyKind.REPLY
    ) -> tuple[Reply, bool]: ...


class ChatDirectory(Protocol):
    """What Telegram says about a chat (``bot.telegram.admins.AdminDirectory``). Methods return None
    or raise ``LookupError`` subclasses of their own when Telegram cannot answer; callers log and go on."""

    async def admin_ids(self, chat_id: int) -> set[int]: ...
    async def reload_admins(self, chat_id: int) -> bool: ...
    async def linked_chat_id(self, chat_id: int) -> int | None: ...


class ContextGate(Protocol):
    """Wraps every change to a chat's classifier context (classifying a message, noting a join): one
    chat's messages go one at a time, and with several instances the context is shared."""

    def chat(self, chat_id: int) -> AbstractAsyncContextManager[object]: ...
