"""The session sends JSON bodies the Bot API reads the same as aiogram's forms; uploads stay forms."""

from __future__ import annotations

import json

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.methods import SendMessage, SendPhoto
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from bot.delivery.json_session import JsonSession
from bot.fake_api import FakeTelegram, serve
from bot.fake_api.core import user

TOKEN = "123456:TEST-TOKEN"
ANNA = user(1001, "Анна", "anna_admin")


def _bot(session: JsonSession) -> Bot:
    return Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


async def test_a_message_becomes_json_with_the_bot_defaults_and_nested_objects() -> None:
    session = JsonSession()
    bot = _bot(session)
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Отправить", callback_data="c:1")]])
    method = SendMessage(
        chat_id=42,
        text="Жалоба «№1» & <b>",
        reply_markup=keyboard,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    body = session.build_json(bot, method)
    assert body is not None
    assert json.loads(body) == {
        "chat_id": 42,
        "text": "Жалоба «№1» & <b>",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "Отправить", "callback_data": "c:1"}]]},
        "link_preview_options": {"is_disabled": True},
    }
    await session.close()


async def test_an_upload_is_left_to_the_form() -> None:
    session = JsonSession()
    bot = _bot(session)
    method = SendPhoto(chat_id=42, photo=BufferedInputFile(b"png", filename="chart.png"), caption="График")
    assert session.build_json(bot, method) is None
    await session.close()


async def test_the_server_reads_what_was_sent() -> None:
    fake = FakeTelegram()
    fake.private_message(ANNA, "/start")
    async with serve(fake, TOKEN) as base_url:
        session = JsonSession()
        session.api = TelegramAPIServer.from_base(base_url)
        bot = _bot(session)
        try:
            keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Да", callback_data="c:2")]])
            sent = await bot.send_message(ANNA["id"], "Привет, <b>Анна</b>", reply_markup=keyboard)
        finally:
            await session.close()
    (call,) = fake.sent("sendMessage")
    assert call.params["text"] == "Привет, <b>Анна</b>"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Да", "callback_data": "c:2"}]]}
    assert sent.message_id > 0 and sent.text == "Привет, <b>Анна</b>"
