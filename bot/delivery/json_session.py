"""The Bot API session: requests as JSON bodies, files as aiogram sends them.

aiogram's ``AiohttpSession`` sends every request as a form; a form percent-encodes each byte of
non-ASCII text, which for a Russian alert of a few hundred characters costs more than everything
else about the request. The Bot API takes the same parameters as a JSON body (``application/json``,
every method except uploads), so requests without files go that way; the ones with files are
left to aiogram unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import TelegramType
from aiohttp import ClientError, ClientTimeout

_JSON = {"Content-Type": "application/json"}


class JsonSession(AiohttpSession):
    # Called with each non-empty getUpdates batch as Telegram sent it, before aiogram handles it
    # (see bot/inbox.py).
    received: Callable[[list[dict[str, Any]]], Awaitable[None]] | None = None

    def build_json(self, bot: Bot, method: TelegramMethod[Any]) -> str | None:
        """The request as a JSON body, or None when it uploads a file (a form is needed then).

        Values go through aiogram's own ``prepare_value`` (bot defaults such as ``parse_mode``,
        enums, dates), and are left out where aiogram's form leaves them out (None, empty text).
        """
        files: dict[str, Any] = {}
        payload: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if prepared is None or prepared == "":
                continue
            payload[key] = prepared
        if files:
            return None
        return self.json_dumps(payload)

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        body = self.build_json(bot, method)
        if body is None:
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        try:
            async with session.post(
                url, data=body, headers=_JSON, timeout=ClientTimeout(total=self.timeout if timeout is None else timeout)
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(bot=bot, method=method, status_code=resp.status, content=raw_result)
        if self.received is not None and isinstance(method, GetUpdates) and response.result:
            await self.received(json.loads(raw_result)["result"])
        return cast(TelegramType, response.result)
