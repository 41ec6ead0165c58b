"""A private card (an alert, an incident card, a digest card) shown anew in place."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, LinkPreviewOptions

from bot.telegram.json_session import only_message_id

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
