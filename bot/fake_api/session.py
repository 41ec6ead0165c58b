"""An aiogram session that talks to a ``FakeTelegram`` in-process: the recording session."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

from bot.fake_api.core import FakeTelegram, RawAnswer
from bot.fake_api.params import decode_params

if TYPE_CHECKING:
    from aiogram import Bot


class FakeSession(BaseSession):
    def __init__(self, fake: FakeTelegram) -> None:
        super().__init__()
        self.fake = fake

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        fields: list[tuple[str, str]] = []
        files: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:
                fields.append((key, prepared))
        status, payload = await self.fake.handle(method.__api_method__, decode_params(fields))
        if status == 0:
            raise TelegramNetworkError(method=method, message="connection dropped")
        if isinstance(payload, RawAnswer):
            path = f"/bot{bot.token}/{method.__api_method__}"
            response = self.check_response(bot, method, status, payload.text.replace("{path}", path))
        else:
            response = self.check_response(bot, method, status, json.dumps(payload))
        return cast(TelegramType, response.result)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""

    async def close(self) -> None:
        return None
