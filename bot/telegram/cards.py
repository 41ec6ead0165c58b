"""A private card (an alert, an incident card, a digest card) shown anew in place."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup, LinkPreviewOptions

from bot.domain.clock import Clock, now_int
from bot.telegram.json_session import only_message_id
from storage import Storage

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def edit_card(bot: Bot, chat_id: int, message_id: int, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """Put the card's new text and buttons in place. Telegram's "message is not modified" means the card
    already shows them, which is no error; any other refusal is raised for the caller to log."""
    try:
        with only_message_id():
            await bot.edit_message_text(
                text=text,
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=keyboard,
                link_preview_options=NO_PREVIEW,
            )
    except TelegramBadRequest as error:
        if "not modified" not in error.message:
            raise


async def send_card(
    bot: Bot, storage: Storage, clock: Clock, target: int, text: str, keyboard: InlineKeyboardMarkup, what: str
) -> int | None:
    """Send a new card privately; its message id, or ``None`` when Telegram refused it (an admin who
    blocked the bot is marked unreachable; any other refusal is one log line naming ``what``)."""
    try:
        with only_message_id():
            message = await bot.send_message(target, text, reply_markup=keyboard, link_preview_options=NO_PREVIEW)
    except TelegramForbiddenError as error:
        await storage.users.mark_unreachable(target, error.message, now_int(clock))
        return None
    except TelegramAPIError as error:
        log.warning("%s to %s failed: %s", what, target, error)
        return None
    return message.message_id
