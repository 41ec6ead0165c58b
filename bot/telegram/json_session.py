"""The Bot API session: requests as JSON bodies, files as aiogram sends them.

aiogram's ``AiohttpSession`` sends every request as a form; a form percent-encodes each byte of
non-ASCII text, which for a Russian alert of a few hundred characters costs more than everything
else about the request. The Bot API takes the same parameters as a JSON body (``application/json``,
every method except uploads), so requests without files go that way; the ones with files are
left to aiogram unchanged.

Answers are read once. The body of a ``getUpdates`` answer is parsed once for aiogram and for the
inbox. Where the bot sends or edits a message and reads only which message it became (alerts,
replies: inside ``only_message_id()``), the answer is read into a ``Message`` of the few fields
that say so: reading in the whole alert each time, its text, links and buttons, cost more than
sending it. Errors are read by aiogram as before.

JSON goes through orjson both ways: encoding and decoding the Bot API's bodies was a tenth of a
negative comment's cost with the standard library.

Nothing the bot logs may carry the token: every answer's text is redacted first, and so are network
errors (whose text may repeat the URL). An answer that is not JSON is a 5xx when its status says
so (a proxy's error page), otherwise a malformed answer (``bot/telegram/answers.py``). Each update
of a ``getUpdates`` batch is read on its own: one that cannot be read is kept in the inbox with the
others and handed to ``unreadable`` (it is parked there, not dropped), and aiogram gets a bare
update in its place so that polling moves past it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from contextvars import ContextVar
from http import HTTPStatus
from typing import Any, cast

import orjson
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import ClientDecodeError, TelegramNetworkError, TelegramServerError
from aiogram.methods import EditMessageText, GetUpdates, SendMessage, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import Update
from aiohttp import ClientError, ClientTimeout
from pydantic import ValidationError

from bot.telegram.answers import quote, redact
from bot.telegram.flags import raised

_JSON = {"Content-Type": "application/json"}
# Inside only_message_id(), the answer to these methods is read for these fields alone.
_LEAN = (SendMessage, EditMessageText)
_LEAN_FIELDS = frozenset(
    {"message_id", "message_thread_id", "date", "edit_date", "chat", "from", "sender_chat", "is_topic_message"}
)
_lean: ContextVar[bool] = ContextVar("otklik_only_message_id", default=False)


def only_message_id() -> AbstractContextManager[None]:
    """The messages sent or edited inside come back with their id, chat, thread and dates only."""
    return raised(_lean)


def json_text(value: Any) -> str:
    """``value`` as compact JSON text, non-ASCII kept as is."""
    return orjson.dumps(value).decode()


class JsonSession(AiohttpSession):
    # Called with each non-empty getUpdates batch as Telegram sent it, before aiogram handles it
    # (see bot/telegram/inbox.py).
    received: Callable[[list[dict[str, Any]]], Awaitable[None]] | None = None
    # Called with each update in such a batch that cannot be read, and why.
    unreadable: Callable[[dict[str, Any], str], Awaitable[None]] | None = None

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("json_loads", orjson.loads)
        kwargs.setdefault("json_dumps", json_text)
        super().__init__(**kwargs)

    def build_json(self, bot: Bot, method: TelegramMethod[Any]) -> str | None:
        """The request as a JSON body, or None when it uploads a file (a form is needed then).

        Values go through aiogram's own ``prepare_value`` (bot defaults such as ``parse_mode``,
        enums, dates), and are left out where aiogram's form leaves them out (None, empty text).
        """
        files: dict[str, Any] = {}
        payload: dict[str, Any] = {}
        # Fields left at None are not dumped at all: a keyboard button has a dozen, and aiogram's
        # prepare_value would walk each of them only to leave it out.
        for key, value in method.model_dump(warnings=False, exclude_none=True).items():
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
            try:
                return await super().make_request(bot, method, timeout)
            except TelegramNetworkError as error:
                raise TelegramNetworkError(method=method, message=redact(error.message, bot.token)) from None
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        try:
            async with session.post(
                url, data=body, headers=_JSON, timeout=ClientTimeout(total=self.timeout if timeout is None else timeout)
            ) as resp:
                raw_result = redact(await resp.text(), bot.token)
        except TimeoutError:
            raise TelegramNetworkError(method=method, message="Request timeout error") from None
        except ClientError as e:
            # Raised without the aiohttp error attached: its text and attributes may hold the URL.
            raise TelegramNetworkError(method=method, message=redact(f"{type(e).__name__}: {e}", bot.token)) from None
        answer = self._parse(raw_result, method, resp.status)
        if not (HTTPStatus.OK <= resp.status <= HTTPStatus.IM_USED and answer.get("ok") is True):
            # Errors, flood waits and the like: aiogram reads them into its exceptions.
            return cast(TelegramType, self.check_response(bot, method, resp.status, raw_result).result)
        result = answer.get("result")
        if isinstance(method, GetUpdates) and isinstance(result, list):
            return cast(TelegramType, await self._updates(bot, result))
        if isinstance(result, dict) and _lean.get() and isinstance(method, _LEAN):
            answer = {"ok": True, "result": {k: v for k, v in result.items() if k in _LEAN_FIELDS}}
        try:
            response = Response[method.__returning__].model_validate(answer, context={"bot": bot})  # type: ignore[name-defined]
        except ValidationError as e:
            raise ClientDecodeError("Failed to deserialize object", e, quote(raw_result)) from None
        return cast(TelegramType, response.result)

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        """aiogram's reading of an answer (uploads, errors), on the text without the token."""
        content = redact(content, bot.token)
        try:
            return super().check_response(bot, method, status_code, content)
        except ClientDecodeError as error:
            if status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
                raise TelegramServerError(method=method, message=f"HTTP {status_code}: {quote(content)}") from None
            raise ClientDecodeError(error.message, error.original, quote(content)) from None

    async def _updates(self, bot: Bot, batch: list[Any]) -> list[Update]:
        """A getUpdates batch: kept as it came (``received``), then read one update at a time."""
        if batch and self.received is not None:
            await self.received(batch)
        updates = []
        for raw in batch:
            try:
                updates.append(Update.model_validate(raw, context={"bot": bot}))
                continue
            except ValidationError as error:
                why = f"{error.error_count()} fields do not read: {quote(str(error))}"
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if not isinstance(update_id, int) or isinstance(update_id, bool):
                continue  # nothing to keep it by, nor to move past
            if self.unreadable is not None:
                await self.unreadable(raw, why)
            updates.append(Update(update_id=update_id))
        return updates

    def _parse(self, content: str, method: TelegramMethod[Any], status: int) -> dict[str, Any]:
        try:
            answer = self.json_loads(content)
        except Exception as e:  # noqa: BLE001 - as aiogram does: whatever the decoder raises
            if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
                raise TelegramServerError(method=method, message=f"HTTP {status}: {quote(content)}") from None
            raise ClientDecodeError(f"HTTP {status}, not a Bot API answer", e, quote(content)) from None
        if not isinstance(answer, dict):
            raise ClientDecodeError(f"HTTP {status}, not a Bot API answer", ValueError("not an object"), quote(content))
        return answer
