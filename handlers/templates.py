"""/templates: a chat's own reply variants, edited in the private chat."""

from __future__ import annotations

from html import escape

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.domain.languages import language
from bot.i18n import t
from bot.telegram.templates import TemplateEditor, TemplatePress
from handlers.filters import DataStartsWith, LooksLikeCommand, group_chats, private_chat
from storage import Storage


async def in_group(message: Message, bot: Bot, templates: TemplateEditor) -> None:
    user = message.from_user
    if user is None or message.sender_chat is not None:
        return
    screen = await templates.menu(message.chat.id, user.id)
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
        [InlineKeyboardButton(text=chat.title, callback_data=TemplatePress("menu", chat.id).pack())] for chat in chats
    ]
    await message.answer(escape("/templates"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def on_press(query: CallbackQuery, templates: TemplateEditor) -> None:
    press = TemplatePress.parse(query.data)
    if press is None:
        await query.answer()
        return
    screen = await templates.press(press, query.from_user.id)
    if screen is None:
        await query.answer(t(language(query.from_user.language_code), "toast.not_admin"), show_alert=True)
        return
    message = query.message
    if message is not None and not isinstance(message, InaccessibleMessage):
        await message.answer(screen.text, reply_markup=screen.keyboard)
    await query.answer()


COMMAND = "templates"


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(LooksLikeCommand())
    router.message.register(in_group, Command(COMMAND), group_chats())
    router.message.register(in_private, Command(COMMAND), private_chat())
    router.callback_query.register(on_press, DataStartsWith("tpl:"))
    return router
