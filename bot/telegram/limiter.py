"""The one outgoing path: every message the bot sends passes Telegram's limits here.

A request middleware on the bot's session, so no caller can go around it:
- about 30 messages a second overall, 20 a minute into one group, 1 a second into one
  private chat; a request waits for its slot rather than being refused;
- a 429 postpones that chat's queue (or everything, when Telegram says so globally) by
  ``retry_after`` and the request is tried again;
- 5xx answers and network errors are retried with backoff and jitter a bounded number of
  times; requests that may have reached Telegram are not retried where the caller says a
  double would hurt (posting replies: see ``no_network_retry``), nor is a post whose answer did
  not read (each try may have posted it: the caller's own follow-up, such as the sweep for alert
  copies owed, sends it again at most once a round);
- alerts and replies go before reminders and digests (``low_priority``).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import random
import time
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.telegram.answers import TelegramMalformedAnswer
from bot.telegram.flags import raised

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)

# Methods that put a message into a chat (what Telegram's flood limits count).
LIMITED_METHODS = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "sendPhoto",
        "sendDocument",
        "copyMessage",
        "forwardMessage",
    }
)

# Methods that post something new: a second try after an answer that did not read may post it twice
# (Telegram answered, so it carried the first one out, most likely). Edits land the same every time.
POSTING_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "copyMessage", "forwardMessage"})

_low_priority: contextvars.ContextVar[bool] = contextvars.ContextVar("low_priority", default=False)
_no_network_retry: contextvars.ContextVar[bool] = contextvars.ContextVar("no_network_retry", default=False)


def low_priority() -> AbstractContextManager[None]:
    """Requests made inside wait while alerts and replies are queued."""
    return raised(_low_priority)


def no_network_retry() -> AbstractContextManager[None]:
    """Requests made inside are not repeated after a network error: they may have arrived."""
    return raised(_no_network_retry)


@dataclass(frozen=True, slots=True)
class Limits:
    per_second: float = 30.0
    group_per_minute: int = 20
    group_window: float = 60.0
    private_interval: float = 1.0
    max_tries: int = 5
    max_backoff: float = 30.0
    max_retry_after: float = 3600.0


# For a local fake or test server only (OUTGOING_LIMITS=off): pacing off, retries kept.
NO_LIMITS = Limits(per_second=1e9, group_per_minute=10**9, private_interval=0.0)


class Booking(Protocol):
    """Where send slots are booked: in this process, or shared by several instances."""

    async def reserve_chat(self, chat_id: int | None) -> float:
        """Book the earliest moment this chat may get a message; returns how long to wait."""

    async def reserve_global(self) -> float:
        """Book a slot in the overall rate; returns how long to wait."""

    async def postpone(self, chat_id: int | None, seconds: float) -> None:
        """Telegram said wait (a 429): nothing more for that chat, or anywhere, until then."""


class LocalBooking:
    """One process sends for the bot: the bookings live here."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._lock = asyncio.Lock()
        self._next_global = 0.0
        self._group_sent: dict[int, deque[float]] = {}
        self._private_next: dict[int, float] = {}
        self._chat_blocked_until: dict[int, float] = {}
        self._global_blocked_until = 0.0

    async def reserve_chat(self, chat_id: int | None) -> float:
        async with self._lock:
            now = self._clock()
            at = max(now, self._global_blocked_until)
            if chat_id is None:
                return at - now
            at = max(at, self._chat_blocked_until.get(chat_id, 0.0))
            if chat_id < 0:
                sent = self._group_sent.setdefault(chat_id, deque())
                while sent and sent[0] <= at - self.limits.group_window:
                    sent.popleft()
                if len(sent) >= self.limits.group_per_minute:
                    at = max(at, sent[-self.limits.group_per_minute] + self.limits.group_window)
                sent.append(at)
            else:
                at = max(at, self._private_next.get(chat_id, 0.0))
                self._private_next[chat_id] = at + self.limits.private_interval
            return at - now

    async def reserve_global(self) -> float:
        async with self._lock:
            now = self._clock()
            at = max(now, self._next_global, self._global_blocked_until)
            self._next_global = at + 1.0 / self.limits.per_second
            return at - now

    async def postpone(self, chat_id: int | None, seconds: float) -> None:
        until = self._clock() + min(seconds, self.limits.max_retry_after)
        if chat_id is None:
            self._global_blocked_until = max(self._global_blocked_until, until)
        else:
            self._chat_blocked_until[chat_id] = max(self._chat_blocked_until.get(chat_id, 0.0), until)


class OutgoingLimiter(BaseRequestMiddleware):
    def __init__(
        self,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
        booking: Booking | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.booking: Booking = booking or LocalBooking(self.limits, clock)
        self._high_waiting = 0
        self._no_high = asyncio.Event()
        self._no_high.set()

    async def _wait_turn(self, chat_id: int | None) -> None:
        low = _low_priority.get()
        if low:
            while self._high_waiting:
                await self._no_high.wait()
        else:
            self._high_waiting += 1
            self._no_high.clear()
        try:
            # The global slot is booked only once the chat's turn has come, so a chat waiting its
            # turn never holds up the others.
            delay = await self.booking.reserve_chat(chat_id)
            if delay > 0:
                await asyncio.sleep(delay)
            delay = await self.booking.reserve_global()
            if delay > 0:
                await asyncio.sleep(delay)
        finally:
            if not low:
                self._high_waiting -= 1
                if not self._high_waiting:
                    self._no_high.set()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        limited = method.__api_method__ in LIMITED_METHODS
        chat_id = _chat_of(method)
        tries = 0
        while True:
            tries += 1
            if limited:
                await self._wait_turn(chat_id)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                log.warning("Flood wait %ss on %s for chat %s", error.retry_after, method.__api_method__, chat_id)
                await self.booking.postpone(chat_id if limited else None, float(error.retry_after))
                if not limited:
                    await asyncio.sleep(min(error.retry_after, self.limits.max_retry_after))
                if tries >= self.limits.max_tries * 4:
                    raise
            except TelegramServerError:
                if tries >= self.limits.max_tries:
                    raise
                await asyncio.sleep(self._backoff(tries))
            except TelegramNetworkError as error:
                unread_post = isinstance(error, TelegramMalformedAnswer) and method.__api_method__ in POSTING_METHODS
                if unread_post or _no_network_retry.get() or tries >= self.limits.max_tries:
                    raise
                await asyncio.sleep(self._backoff(tries))

    def _backoff(self, tries: int) -> float:
        base: float = min(self.limits.max_backoff, 0.5 * 2 ** (tries - 1))
        return base * random.uniform(0.5, 1.0)


def limiter_of(bot: Bot) -> OutgoingLimiter | None:
    """The limiter on a bot's session, if it has one."""
    return next((m for m in bot.session.middleware._middlewares if isinstance(m, OutgoingLimiter)), None)


def _chat_of(method: Any) -> int | None:
    chat_id = getattr(method, "chat_id", None)
    return chat_id if isinstance(chat_id, int) else None
