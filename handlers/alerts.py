"""Presses on alert buttons: ``case:<action>:<case_id>[:<arg>]`` (``bot/telegram/callbacks.py``)."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.domain.models import Case
from bot.telegram.actions import CaseActions, Presser
from bot.telegram.admins import display_name
from bot.telegram.callbacks import CaseAction
from handlers.access import CaseAdmin

log = logging.getLogger(__name__)


async def on_case_button(
    query: CallbackQuery, callback_data: CaseAction, case: Case, lang: str, actions: CaseActions, state: FSMContext
) -> None:
    presser = Presser(query.from_user.id, display_name(query.from_user))
    result = await actions.perform(callback_data, case, presser, lang, state)
    message = query.message
    if result.ok and result.case is not None and isinstance(message, Message):
        keyboard = await actions.buttons_after(result, lang, message.chat.id, message.message_id)
        try:
            await message.edit_reply_markup(reply_markup=keyboard)
        except TelegramAPIError as error:
            # Usually "not modified": the alert refresh already put these buttons there.
            log.debug("Keyboard of pressed alert not changed: %s", error)
    await query.answer(result.toast or None, show_alert=not result.ok)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.middleware(CaseAdmin())
    router.callback_query.register(on_case_button, CaseAction.filter())
    return router
