"""A token revoked while the bot runs (or replaced in @BotFather) stops it, as one line.

aiogram's polling retries a refused ``getUpdates`` for ever, and every other call would fail one by
one with a 401. So any 401 makes this middleware ask ``getMe``: a token Telegram still accepts was
refused by a passing fault and nothing happens; one it refuses too is gone, and ``revoked`` is set
for the process to stop (``bot/__main__.py``: exit status 2, like a token refused at start).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError
from aiogram.methods import GetMe, Response, TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)


class TokenWatch(BaseRequestMiddleware):
    def __init__(self) -> None:
        self.revoked = asyncio.Event()
        self._check: asyncio.Task[None] | None = None

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramUnauthorizedError:
            if not isinstance(method, GetMe) and (self._check is None or self._check.done()):
                self._check = asyncio.create_task(self._confirm(bot), name="token-check")
            raise

    async def _confirm(self, bot: Bot) -> None:
        try:
            await bot.get_me()
        except TelegramUnauthorizedError:
            log.error("Telegram refuses the token now (401 Unauthorized): stopping")
            self.revoked.set()
        except TelegramAPIError as error:
            log.warning("A call was refused with 401 and getMe could not say why: %s", error)


def token_watch(bot: Bot) -> TokenWatch | None:
    """The bot's TokenWatch (``bot.app.create_bot`` puts one on every session)."""
    return next((m for m in bot.session.middleware if isinstance(m, TokenWatch)), None)
