"""A token revoked while the bot runs: one line, exit status 2, within seconds; a single 401 that
getMe does not confirm changes nothing (tests/e2e/test_security.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.fake_api import FakeTelegram, Fault, serve
from bot.fake_api.core import user
from tests.e2e.test_bot_process import ANNA, TOKEN, BotProcess
from tests.e2e.test_startup import _env, _run
from tests.e2e.test_webhook import Hook, webhook_bot  # noqa: F401 - the fixture

pytestmark = pytest.mark.e2e

OWNER = user(1001, "Анна")


async def test_a_token_revoked_mid_run_stops_the_bot_in_one_line_with_exit_2(tmp_path: Path) -> None:
    fake = FakeTelegram()
    async with serve(fake, TOKEN) as base_url:
        running = asyncio.create_task(_run(tmp_path, _env(base_url, f"sqlite:///{tmp_path / 'bot.sqlite3'}")))
        await fake.wait_for(lambda call: call.method == "getMe", timeout=30)
        fake.private_message(OWNER, "/start")
        await fake.wait_for(lambda call: call.method == "sendMessage", timeout=30)
        # Revoked in @BotFather: every call with this token is refused from now on.
        fake.faults.extend([Fault(method, 401, "Unauthorized", times=10**6) for method in ("getUpdates", "getMe")])
        fake.private_message(OWNER, "/help")  # ends the poll under way; the next one is refused
        ended = await asyncio.wait_for(running, 60)  # not a hang: it ends by itself
    line = ended.fatal_line()
    assert ended.status == 2, ended.stderr
    assert line.startswith("Configuration error: BOT_TOKEN:") and "401" in line
    assert TOKEN.split(":")[1] not in ended.stderr


async def test_in_webhook_mode_too(webhook_bot: tuple[FakeTelegram, BotProcess, Hook]) -> None:  # noqa: F811
    fake, bot, hook = webhook_bot
    assert bot.proc is not None
    fake.faults.extend([Fault(method, 401, "Unauthorized", times=10**6) for method in ("sendMessage", "getMe")])
    fake.private_message(ANNA, "/help")  # its answer is refused, and so is getMe
    await hook.deliver(fake)
    assert await asyncio.wait_for(bot.proc.wait(), 60) == 2  # not a hang: it ends by itself
    last = bot.log.read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last.startswith("Configuration error: BOT_TOKEN:") and "401" in last
