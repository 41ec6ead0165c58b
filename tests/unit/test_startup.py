"""Waiting for Telegram at start: backoff, a line per try, about two minutes by default, then exit 1."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from bot.app import create_bot
from bot.config import load_settings
from bot.fake_api import FakeSession, FakeTelegram, Fault
from bot.startup import CONFIGURATION, RUNTIME, Fatal, reach_telegram
from bot.telegram.limiter import NO_LIMITS

TOKEN = "123456:TEST-TOKEN"
QUICK = replace(NO_LIMITS, max_backoff=0.01)  # the outgoing path's own retries, without waiting


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


async def test_telegram_unreachable_is_tried_for_about_two_minutes_then_runtime_fatal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = load_settings(BOT_TOKEN=TOKEN)
    assert settings.telegram_start_timeout == 120
    fake = FakeTelegram()
    fake.faults.append(Fault("getMe", 0, "", drop="before", times=1000))
    bot = create_bot(settings, session=FakeSession(fake), limits=QUICK)
    clock = Clock()
    with pytest.raises(Fatal) as fatal:
        await reach_telegram(bot, settings.telegram_start_timeout, clock=clock, sleep=clock.sleep)
    assert fatal.value.status == RUNTIME
    assert fatal.value.line.startswith("TELEGRAM_API_BASE: Telegram could not be reached for")
    assert clock.pauses == [2, 4, 8, 16, 30, 30, 30]
    assert 100 <= clock.now <= 120
    tries = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(tries) == len(clock.pauses) and "(try 1)" in tries[0] and "trying again in 2 s" in tries[0]


async def test_telegram_back_after_a_while_is_waited_for() -> None:
    fake = FakeTelegram()
    fake.faults.append(Fault("getMe", 502, "Bad Gateway", times=5 * 3))  # the outgoing path tries 5 times
    bot = create_bot(load_settings(BOT_TOKEN=TOKEN), session=FakeSession(fake), limits=QUICK)
    clock = Clock()
    me = await reach_telegram(bot, 120, clock=clock, sleep=clock.sleep)
    assert me.username == fake.bot_username and clock.pauses == [2, 4, 8]


async def test_a_refused_token_is_configuration_fatal_at_once() -> None:
    fake = FakeTelegram()
    fake.faults.append(Fault("getMe", 401, "Unauthorized"))
    bot = create_bot(load_settings(BOT_TOKEN=TOKEN), session=FakeSession(fake), limits=QUICK)
    clock = Clock()
    with pytest.raises(Fatal) as fatal:
        await reach_telegram(bot, 120, clock=clock, sleep=clock.sleep)
    assert fatal.value.status == CONFIGURATION and fatal.value.line.startswith("BOT_TOKEN:") and clock.pauses == []
