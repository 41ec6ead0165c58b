"""Presses on the /settings panel: ``set:<chat_id>:<op>[:<value>]``, stored at once.

Every press asks Telegram whether the presser is an admin of that chat right now; choosing
another group for alerts also needs admin rights there.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage

from bot.domain.clock import Clock
from bot.domain.languages import language
from bot.i18n import t
from bot.telegram.commands import AdminCommands
from bot.telegram.panel import PREFIX, PanelPress, apply_press
from handlers.filters import DataStartsWith
from storage import Storage

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)


async def on_panel_press(
    query: CallbackQuery,
    bot: Bot,
    repo: Storage,
    services: Services,
    commands: AdminCommands,
    clock: Clock,
) -> None:
    press = PanelPress.parse(query.data)
    user_lang = language(query.from_user.language_code)
    if press is None:
        await query.answer()
        return
    chat = await repo.chats.get(press.chat_id)
    if chat is None or not await services.admins.is_admin_now(press.chat_id, query.from_user.id):
        await query.answer(t(user_lang, "access.lost"), show_alert=True)
        return
    current = await repo.chats.settings(chat.id)
    lang = language(current.language)
    change = apply_press(press, current)
    if change.error is not None:
        await query.answer(t(lang, change.error), show_alert=True)
        return
    if change.check_chat is not None:
        target = await repo.chats.get(change.check_chat)
        if (
            target is None
            or not target.active
            or not await services.admins.is_admin_now(change.check_chat, query.from_user.id)
        ):
            await query.answer(t(lang, "set.group_not_admin"), show_alert=True)
            return
    if change.fields:
        current = await repo.chats.update_settings(chat.id, **change.fields)
        log.info("Chat %s settings changed by %s: %s", chat.id, query.from_user.id, change.fields)
    text, keyboard = await commands.settings_view(chat, current, query.from_user.id, change.menu)
    message = query.message
    if message is not None and not isinstance(message, InaccessibleMessage):
        try:
            await message.edit_text(text, reply_markup=keyboard)
        except TelegramBadRequest as error:
            log.debug("Settings panel not changed: %s", error)
    await query.answer(t(language(current.language), "set.saved") if change.fields else None)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(on_panel_press, DataStartsWith(f"{PREFIX}:"))
    return router
