"""/templates: a chat's own reply variants, edited in the private chat."""

from __future__ import annotations

from html import escape

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.domain.languages import language
from bot.domain.models import Chat
from bot.i18n import t
from bot.telegram.callbacks import TemplateOp, TemplatePress
from bot.telegram.templates import TemplateEditor
from handlers.access import ChatAdmin
from handlers.filters import LooksLikeCommand, group_chats, private_chat
from storage import Storage


async def in_group(message: Message, bot: Bot, templates: TemplateEditor) -> None:
    user = message.from_user
    if user is None or message.sender_chat is not None:
        return
    screen = await templates.menu_for(message.chat.id, user.id)
    if screen is None:
        return  # not an admin: no data, and the group is not spammed
    try:
        await bot.send_message(user.id, screen.text, reply_markup=screen.keyboard)
    except TelegramAPIError:
        await message.reply(t(language(user.language_code), "tpl.private_hint"))


async def in_private(message: Message, repo: Storage) -> None:
    user = message.from_user
    if user is None:
        return
    lang = language(user.language_code)
    chats = [chat for chat in await repo.chats.chats_of_admin(user.id) if chat.active]
    if not chats:
        await message.answer(t(lang, "tpl.no_chats"))
        return
    rows = [
        [InlineKeyboardButton(text=chat.title, callback_data=TemplatePress(op=TemplateOp.MENU, chat_id=chat.id).pack())]
        for chat in chats
    ]
    await message.answer(escape("/templates"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def on_press(
    query: CallbackQuery, callback_data: TemplatePress, chat: Chat, templates: TemplateEditor, state: FSMContext
) -> None:
    screen = await templates.press(callback_data, chat, query.from_user.id, state)
    if isinstance(query.message, Message):
        await query.message.answer(screen.text, reply_markup=screen.keyboard)
    await query.answer()


COMMAND = "templates"


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(LooksLikeCommand())
    router.message.register(in_group, Command(COMMAND), group_chats())
    router.message.register(in_private, Command(COMMAND), private_chat())
    router.callback_query.middleware(ChatAdmin(lambda lang: t(lang, "toast.not_admin")))
    router.callback_query.register(on_press, TemplatePress.filter())
    return router
