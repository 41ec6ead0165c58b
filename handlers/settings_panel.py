"""Presses on the /settings panel: ``settings:<chat_id>:<op>[:<value>]`` (``bot/telegram/callbacks.py``).

The presser must be an admin of that chat right now (``handlers/access.py``).
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from bot.domain.models import Chat
from bot.i18n import t
from bot.telegram.callbacks import SettingsPress
from bot.telegram.commands import AdminCommands
from handlers.access import ChatAdmin

log = logging.getLogger(__name__)


async def on_panel_press(
    query: CallbackQuery, callback_data: SettingsPress, chat: Chat, commands: AdminCommands
) -> None:
    answer = await commands.press_settings(chat, callback_data, query.from_user.id)
    message = query.message
    if answer.text is not None and isinstance(message, Message):
        try:
            await message.edit_text(answer.text, reply_markup=answer.keyboard)
        except TelegramBadRequest as error:
            log.debug("Settings panel not changed: %s", error)
    await query.answer(answer.toast, show_alert=answer.alert or None)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.middleware(ChatAdmin(lambda lang: t(lang, "access.lost")))
    router.callback_query.register(on_panel_press, SettingsPress.filter())
    return router
