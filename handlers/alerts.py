"""Presses on alert buttons: ``case:<action>:<case_id>[:<arg>]``."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup

from bot.telegram.actions import CaseActions, Presser
from bot.telegram.admins import display_name
from bot.telegram.callbacks import CaseCallback
from bot.telegram.render import label_keyboard
from handlers.filters import DataStartsWith

log = logging.getLogger(__name__)


async def on_case_button(query: CallbackQuery, actions: CaseActions) -> None:
    callback = CaseCallback.parse(query.data)
    if callback is None:
        await query.answer()
        return
    result = await actions.perform(callback, Presser(query.from_user.id, display_name(query.from_user)))
    message = query.message
    if result.ok and result.case is not None and message is not None and not isinstance(message, InaccessibleMessage):
        lang = await actions.lang_for(result.case.chat_id)
        keyboard: InlineKeyboardMarkup | None
        if result.label_menu:
            keyboard = label_keyboard(result.case.id, result.case.label, lang)
        elif await actions.is_alert(result.case.id, message.chat.id, message.message_id):
            keyboard = await actions.keyboard(result.case)
        else:
            keyboard = None  # a preview, a draft or a /pending card: done, so no second press
        try:
            await message.edit_reply_markup(reply_markup=keyboard)
        except TelegramAPIError as error:
            # Usually "not modified": the alert refresh already put these buttons there.
            log.debug("Keyboard of pressed alert not changed: %s", error)
    await query.answer(result.toast or None, show_alert=not result.ok)


async def unknown_button(query: CallbackQuery) -> None:
    await query.answer()


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(on_case_button, DataStartsWith("case:"))
    router.callback_query.register(unknown_button)
    return router
