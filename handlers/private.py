"""The private chat with an admin: /start and what is left over (/help is in private_commands)."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.filters import CommandStart, StateFilter
from aiogram.types import Message

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.i18n import t
from bot.telegram.admins import display_name
from bot.telegram.fsm.states import CaseInput, TemplateInput
from handlers.filters import private_chat
from storage import Storage


async def start(message: Message, repo: Storage, clock: Clock) -> None:
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    await repo.users.started(
        user_id=user.id,
        name=display_name(user),
        username=user.username,
        language_code=user.language_code,
        now=now_int(clock),
    )
    chats = [chat for chat in await repo.chats.chats_of_admin(user.id) if chat.active]
    lines = [t(lang, "start.hello", name=escape(user.first_name))]
    if chats:
        listing = "\n".join(f"• {escape(chat.title)}" for chat in chats)
        lines.append(t(lang, "start.chats", chats=listing))
    else:
        lines.append(t(lang, "start.no_chats"))
    await message.answer("\n\n".join(lines))


async def not_text(message: Message) -> None:
    """Asked for a text, got something else (a photo, a sticker, an unknown command)."""
    if message.from_user is not None:
        await message.answer(t(language(message.from_user.language_code), "edit.not_text"))


async def unknown(message: Message) -> None:
    if message.from_user is not None:
        await message.answer(t(language(message.from_user.language_code), "private.unknown"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(private_chat())
    router.message.register(start, CommandStart())
    router.message.register(not_text, StateFilter(CaseInput, TemplateInput))
    router.message.register(unknown)
    return router
