"""The outgoing path: pacing per chat and overall, flood waits, retries and priorities."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import AnswerCallbackQuery, SendMessage

from bot.telegram.limiter import Limits, OutgoingLimiter, low_priority, no_network_retry

FAST = Limits(
    per_second=1000, group_per_minute=3, group_window=0.5, private_interval=0.2, max_tries=3, max_backoff=0.05
)


class Recorder:
    """Stands in for the session: records when each request went out, fails on demand."""

    def __init__(self) -> None:
        self.sent: list[tuple[int | str | None, str, float]] = []
        self.failures: list[Exception] = []

    async def __call__(self, bot: Any, method: Any) -> Any:
        self.sent.append((getattr(method, "chat_id", None), getattr(method, "text", ""), time.monotonic()))
        if self.failures:
            raise self.failures.pop(0)
        return "ok"


def msg(chat_id: int, text: str = "x") -> SendMessage:
    return SendMessage(chat_id=chat_id, text=text)


async def test_group_gets_at_most_n_per_window() -> None:
    limiter, rec = OutgoingLimiter(FAST), Recorder()
    await asyncio.gather(*(limiter(rec, None, msg(-100, str(i))) for i in range(4)))  # type: ignore[arg-type]
    times = [at for _, _, at in rec.sent]
    assert times[3] - times[0] >= 0.45  # the fourth waited for the window


async def test_private_chat_one_per_interval_and_chats_do_not_block_each_other() -> None:
    limiter, rec = OutgoingLimiter(FAST), Recorder()
    await asyncio.gather(
        *(limiter(rec, None, msg(7, str(i))) for i in range(3)),  # type: ignore[arg-type]
        limiter(rec, None, msg(8, "other")),  # type: ignore[arg-type]
    )
    seven = [at for chat, _, at in rec.sent if chat == 7]
    assert seven[1] - seven[0] >= 0.18 and seven[2] - seven[1] >= 0.18
    # Chat 8 did not queue behind chat 7's later messages.
    assert [chat for chat, _, _ in rec.sent][:2] == [7, 8]


async def test_flood_wait_postpones_that_chat_and_the_message_still_goes() -> None:
    limiter, rec = OutgoingLimiter(FAST), Recorder()
    rec.failures.append(TelegramRetryAfter(method=msg(-5), message="Too Many Requests", retry_after=1))
    start = time.monotonic()
    await limiter(rec, None, msg(-5, "first"))  # type: ignore[arg-type]
    await limiter(rec, None, msg(-5, "second"))  # type: ignore[arg-type]
    await limiter(rec, None, msg(-6, "elsewhere"))  # type: ignore[arg-type]
    texts = [text for _, text, _ in rec.sent]
    assert texts == ["first", "first", "second", "elsewhere"]
    assert rec.sent[1][2] - start >= 0.95  # waited retry_after before trying again


async def test_server_errors_are_retried_then_given_up() -> None:
    limiter, rec = OutgoingLimiter(FAST), Recorder()
    rec.failures += [TelegramServerError(method=msg(1), message="Internal Server Error")] * 2
    assert await limiter(rec, None, msg(1)) == "ok"  # type: ignore[arg-type]
    assert len(rec.sent) == 3
    rec.failures += [TelegramServerError(method=msg(1), message="Internal Server Error")] * 5
    with pytest.raises(TelegramServerError):
        await limiter(rec, None, msg(2))  # type: ignore[arg-type]
    assert len(rec.sent) == 3 + FAST.max_tries


async def test_network_errors_retried_except_where_a_double_would_hurt() -> None:
    limiter, rec = OutgoingLimiter(FAST), Recorder()
    rec.failures.append(TelegramNetworkError(method=msg(1), message="timeout"))
    assert await limiter(rec, None, msg(1)) == "ok"  # type: ignore[arg-type]
    rec.failures.append(TelegramNetworkError(method=msg(1), message="timeout"))
    with no_network_retry(), pytest.raises(TelegramNetworkError):
        await limiter(rec, None, msg(3))  # type: ignore[arg-type]
    assert [chat for chat, _, _ in rec.sent] == [1, 1, 3]


async def test_callback_answers_are_not_paced() -> None:
    limiter, rec = OutgoingLimiter(Limits(per_second=1)), Recorder()
    start = time.monotonic()
    for _ in range(3):
        await limiter(rec, None, AnswerCallbackQuery(callback_query_id="q"))  # type: ignore[arg-type]
    assert time.monotonic() - start < 0.5


async def test_low_priority_waits_for_alerts() -> None:
    limiter, rec = OutgoingLimiter(Limits(per_second=10, private_interval=0.0)), Recorder()

    async def reminder() -> None:
        with low_priority():
            await limiter(rec, None, msg(50, "reminder"))  # type: ignore[arg-type]

    async def alerts() -> None:
        await asyncio.gather(*(limiter(rec, None, msg(60 + i, f"alert{i}")) for i in range(5)))  # type: ignore[arg-type]

    task = asyncio.create_task(alerts())
    await asyncio.sleep(0)  # the alerts are queued first
    await asyncio.gather(reminder(), task)
    assert [text for _, text, _ in rec.sent][-1] == "reminder"
