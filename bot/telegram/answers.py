"""Bot API answers that cannot be trusted, and the token kept out of every error.

**Malformed answers.** An answer that does not read as the method's result (not JSON, a result
missing a required field, a chat member without a ``status``) says nothing about the world: it is
neither a refusal nor a result. It raises ``TelegramMalformedAnswer``, a kind of
``TelegramNetworkError`` because it means the same: the request may have been carried out and its
answer was lost. So the outgoing path retries it like a 5xx, except where a repeat could post
twice (``no_network_retry``: replies are marked uncertain instead), every ``except TelegramAPIError``
already in the bot catches it, and nothing stored is changed on its account: an admin is never
removed because an answer forgot to say they are one. In the answer to getChatMember (and
getChatAdministrators) aiogram reads a member without a ``status`` as an ordinary member, so that
one is checked here; an update with such a member does not read at all (the inbox parks it).

**The token.** Requests go to ``{base}/bot{token}/{method}``; a proxy's error page or an aiohttp
error may repeat the path. ``redact`` takes the token out of error texts before anything can log them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import ClientDecodeError, TelegramAPIError, TelegramNetworkError
from aiogram.methods import GetChatAdministrators, GetChatMember, Response, TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

HIDDEN = "<token>"
# How much of an unreadable answer an error quotes.
QUOTED = 200
_MEMBER_STATUSES = frozenset(status.value for status in ChatMemberStatus)


class TelegramMalformedAnswer(TelegramNetworkError):
    """The answer did not read as the method's result; the request may still have been carried out."""

    label = "Malformed answer"


def redact(text: str, token: str) -> str:
    """``text`` without the bot's token, whole or its secret part alone (as in a URL-encoded path)."""
    if not token:
        return text
    text = text.replace(token, HIDDEN)
    _, _, secret = token.partition(":")
    return text.replace(secret, HIDDEN) if len(secret) >= 8 else text


def quote(text: str) -> str:
    """The start of an unreadable answer, on one line, for an error message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTED else flat[:QUOTED] + "…"


def member_malformed(member: Any) -> bool:
    """A chat member read without a ``status`` of its own (aiogram defaults it to "member")."""
    return "status" not in getattr(member, "model_fields_set", ()) or member.status not in _MEMBER_STATUSES


class AnswerCheck(BaseRequestMiddleware):
    """Inside the outgoing limiter (which retries what this raises): malformed answers become
    ``TelegramMalformedAnswer``, and every Bot API error leaves without the token in its text."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            result = await make_request(bot, method)
        except ClientDecodeError as error:
            raise TelegramMalformedAnswer(
                method=method, message=redact(f"{error.message}: {quote(str(error.data))}", bot.token)
            ) from None
        except TelegramAPIError as error:
            error.message = redact(error.message, bot.token)
            raise
        if isinstance(method, GetChatMember | GetChatAdministrators):
            members = result if isinstance(result, list) else [result]
            if any(member_malformed(member) for member in members):
                raise TelegramMalformedAnswer(method=method, message="a chat member without a known status")  # type: ignore[misc]
        return result
