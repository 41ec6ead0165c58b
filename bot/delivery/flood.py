"""A request middleware: a 429 from Telegram delays the request, it never drops it."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)


class RetryAfterMiddleware(BaseRequestMiddleware):
    """Waits out ``retry_after`` and tries again, up to ``max_waits`` times per request.

    After that the error reaches the caller, which keeps the message (a scheduled reply goes
    back to the queue) rather than losing it.
    """

    def __init__(self, max_waits: int = 5, max_wait_seconds: float = 120.0) -> None:
        self._max_waits = max_waits
        self._max_wait_seconds = max_wait_seconds

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        waits = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                waits += 1
                if waits > self._max_waits or error.retry_after > self._max_wait_seconds:
                    raise
                log.warning(
                    "Flood wait on %s: retrying in %ss (%s/%s)",
                    method.__api_method__,
                    error.retry_after,
                    waits,
                    self._max_waits,
                )
                await asyncio.sleep(error.retry_after)
