"""Every message and edit in groups: the comments the bot watches."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.services.cases import CaseService
from bot.telegram.intake import comment_from
from handlers.filters import NotOneOfCommands, group_chats, has_new_members
from storage import Storage


async def members_joined(message: Message, cases: CaseService) -> None:
    joined = [member.id for member in message.new_chat_members or []]
    await cases.note_join(message.chat.id, joined, int(message.date.timestamp()))


async def on_message(message: Message, cases: CaseService, repo: Storage) -> None:
    await _handle(message, cases, repo, edited=False)


async def on_edit(message: Message, cases: CaseService, repo: Storage) -> None:
    await _handle(message, cases, repo, edited=True)


async def _handle(message: Message, cases: CaseService, repo: Storage, *, edited: bool) -> None:
    chat = await repo.chats.get(message.chat.id)
    comment = comment_from(message, linked_chat_id=chat.linked_chat_id if chat else None, edited=edited)
    if comment is not None:
        await cases.handle(comment)


def create_router(commands: tuple[str, ...] = ()) -> Router:
    """``commands``: the group commands other routers answer; every other group message is a comment."""
    router = Router(name=__name__)
    router.message.filter(group_chats(), NotOneOfCommands(*commands))
    router.edited_message.filter(group_chats())
    router.message.register(members_joined, has_new_members)
    router.message.register(on_message)
    router.edited_message.register(on_edit)
    return router
