"""The private chat with an admin: /start and typed replies after "Edit" (/help is in private_commands)."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot.domain.clock import Clock, now_int
from bot.domain.languages import language
from bot.i18n import t
from bot.telegram.actions import CaseActions, Presser
from bot.telegram.admins import display_name
from bot.telegram.templates import TemplateEditor
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


async def typed(message: Message, actions: CaseActions, templates: TemplateEditor) -> None:
    user = message.from_user
    if user is None:
        return
    presser = Presser(user.id, display_name(user))
    if message.text is None or message.text.startswith("/"):
        pending = await actions.has_pending_input(user.id)
        lang = language(user.language_code)
        await message.answer(t(lang, "edit.not_text" if pending else "private.unknown"))
        return
    answer = await actions.take_text(presser, message.text) or await templates.take_text(user.id, message.text)
    if answer is None:
        await message.answer(t(language(user.language_code), "private.unknown"))
        return
    await message.answer(answer.text, reply_markup=answer.keyboard)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(private_chat())
    router.message.register(start, CommandStart())
    router.message.register(typed)
    return router
