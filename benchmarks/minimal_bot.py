"""The smallest useful aiogram bot: answer every message with one sendMessage.

    BOT_TOKEN=... TELEGRAM_API_BASE=http://127.0.0.1:PORT python benchmarks/minimal_bot.py

Used by ``benchmarks/e2e_throughput.py`` as the framework's ceiling on this machine: the same
aiogram long polling, aiohttp session and event loop as the real bot, and none of its work.
It replies to the message (``reply_parameters``) so the benchmark can match answer to update.
SIGTERM or SIGINT stop it.
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message, ReplyParameters


async def answer(message: Message, bot: Bot) -> None:
    await bot.send_message(
        message.chat.id,
        "ok",
        reply_parameters=ReplyParameters(message_id=message.message_id),
    )


async def main() -> None:
    session = AiohttpSession()
    session.api = TelegramAPIServer.from_base(os.environ["TELEGRAM_API_BASE"])
    bot = Bot(token=os.environ["BOT_TOKEN"], session=session)
    dp = Dispatcher()
    dp.message.register(answer)
    await dp.start_polling(bot, handle_signals=True, close_bot_session=True)


if __name__ == "__main__":
    asyncio.run(main())
