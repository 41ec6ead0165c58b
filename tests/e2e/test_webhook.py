"""The real ``python -m bot`` in webhook mode: updates are POSTed to it as Telegram would."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.fake_api import FakeTelegram, serve
from bot.fake_api.core import PUNITIVE_METHODS, user
from tests.e2e.test_bot_process import ANNA, BORIS, COMPLAINTS, DMITRY, GROUP, TOKEN, BotProcess, _buttons, _sent_to

pytestmark = pytest.mark.e2e

SECRET = "hook-Secret_0123456789"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Hook:
    """Posts updates to the bot's webhook the way Telegram does."""

    def __init__(self, port: int, session: aiohttp.ClientSession) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.url = f"{self.base}/tg/hook"
        self.session = session

    async def post(self, update: dict[str, Any], secret: str | None = SECRET) -> int:
        headers = {HEADER: secret} if secret is not None else {}
        async with self.session.post(self.url, json=update, headers=headers) as response:
            return response.status

    async def deliver(self, fake: FakeTelegram) -> list[dict[str, Any]]:
        """Everything the fake has queued, each posted once with the right secret."""
        updates = fake.drain()
        for update in updates:
            assert await self.post(update) == 200
        return updates


@pytest.fixture
async def webhook_bot(tmp_path: Path) -> AsyncIterator[tuple[FakeTelegram, BotProcess, Hook]]:
    fake = FakeTelegram()
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    port = free_port()
    async with serve(fake, TOKEN) as base_url, aiohttp.ClientSession() as session:
        bot = BotProcess(base_url, tmp_path / "bot.sqlite3", tmp_path / "bot.log")
        bot.env.update(
            {
                "BOT_MODE": "webhook",
                "WEBHOOK_URL": f"http://127.0.0.1:{port}/tg/hook",
                "WEBHOOK_SECRET": SECRET,
                "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
            }
        )
        await bot.start()
        try:
            await fake.wait_for(lambda c: c.method == "setWebhook", timeout=30)
            hook = Hook(port, session)
            fake.private_message(ANNA, "/start")
            await hook.deliver(fake)
            await fake.wait_for(_sent_to(ANNA["id"]), timeout=15)
            fake.bot_added(GROUP, ANNA)
            await hook.deliver(fake)
            await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)
            yield fake, bot, hook
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    assert not [c for c in fake.calls if c.method in PUNITIVE_METHODS]


def _alerts(fake: FakeTelegram) -> list[Any]:
    return [c for c in fake.sent("sendMessage", ANNA["id"]) if "case:" in str(_buttons(c))]


async def test_webhook_registers_checks_the_secret_and_processes_a_repeat_once(
    webhook_bot: tuple[FakeTelegram, BotProcess, Hook], tmp_path: Path
) -> None:
    fake, bot, hook = webhook_bot
    registered = fake.sent("setWebhook")
    assert len(registered) == 1
    assert registered[0].params["url"] == hook.url
    assert registered[0].params["secret_token"] == SECRET
    assert "message" in registered[0].params["allowed_updates"]
    assert "callback_query" in registered[0].params["allowed_updates"]
    assert not fake.sent("getUpdates") and not fake.sent("deleteWebhook")

    async with hook.session.get(f"{hook.base}/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"ok": True, "dead_updates": 0}

    fake.comment(
        GROUP, DMITRY, "Заказ 5531 не доставили, курьер не звонил, деньги списали 3 дня назад. Верните деньги!"
    )
    [complaint] = fake.drain()
    # Without the header, or with a wrong secret: 401 and nothing happens.
    assert await hook.post(complaint, secret=None) == 401
    assert await hook.post(complaint, secret="wrong-secret") == 401
    assert await hook.post(complaint, secret=SECRET + "x") == 401
    await asyncio.sleep(1.5)
    assert not _alerts(fake)

    # The right secret: processed. Delivered twice (a Telegram retry, here even at the same moment): once.
    statuses = await asyncio.gather(hook.post(complaint), hook.post(complaint))
    assert statuses == [200, 200]
    await fake.wait_for(lambda c: c in _alerts(fake), timeout=15)
    assert await hook.post(complaint) == 200  # and once more, later
    await asyncio.sleep(2)
    assert len(_alerts(fake)) == 1

    assert await bot.stop() == 0
    with sqlite3.connect(tmp_path / "bot.sqlite3") as conn:
        cases = conn.execute("SELECT COUNT(*) FROM cases WHERE chat_id = ?", (GROUP,)).fetchone()[0]
        claimed = conn.execute("SELECT COUNT(*) FROM processed_updates WHERE update_id = ?", (complaint["update_id"],))
        assert claimed.fetchone()[0] == 1
    assert cases == 1
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert "Webhook registered" in log and "delivered again" in log
    assert SECRET not in log and TOKEN.split(":")[1] not in log


async def test_sigterm_finishes_updates_already_answered(
    webhook_bot: tuple[FakeTelegram, BotProcess, Hook], tmp_path: Path
) -> None:
    fake, bot, hook = webhook_bot
    ids = [
        fake.comment(GROUP, user(7000 + i, f"Клиент{i}"), text)["message_id"] for i, text in enumerate(COMPLAINTS[:8])
    ]
    await hook.deliver(fake)  # each answered 200 at once; the work goes on in the background
    assert await bot.stop() == 0
    with sqlite3.connect(tmp_path / "bot.sqlite3") as conn:
        stored = {row[0] for row in conn.execute("SELECT message_id FROM cases WHERE chat_id = ?", (GROUP,))}
    assert stored == set(ids)
    assert len(_alerts(fake)) == len(ids)
    assert "Cannot operate on a closed database" not in (tmp_path / "bot.log").read_text(encoding="utf-8")


async def test_kill_9_after_the_200_loses_no_comment(
    webhook_bot: tuple[FakeTelegram, BotProcess, Hook], tmp_path: Path
) -> None:
    fake, bot, hook = webhook_bot
    cafe = GROUP - 1
    fake.add_group(cafe, "Кафе «Осень»", owner=ANNA)
    # The bot first hears of this group through a comment, so before handling it the bot asks for
    # the group's admins; that answer is held: Telegram got its 200, the bot is mid-update.
    fake.held.add("getChatAdministrators")
    comment = fake.comment(cafe, DMITRY, COMPLAINTS[1])
    await hook.deliver(fake)
    await fake.wait_for(lambda c: c.method == "getChatAdministrators" and c.params.get("chat_id") == cafe, timeout=15)
    await bot.kill()
    fake.release("getChatAdministrators")
    alerts_before = len(_alerts(fake))
    await bot.start()  # Telegram does not send it again: the inbox has it
    await fake.wait_for(lambda c: len(_alerts(fake)) > alerts_before, timeout=30)
    assert await bot.stop() == 0
    with sqlite3.connect(tmp_path / "bot.sqlite3") as conn:
        stored = [row[0] for row in conn.execute("SELECT message_id FROM cases WHERE chat_id = ?", (cafe,))]
        waiting = conn.execute("SELECT COUNT(*) FROM inbox").fetchone()[0]
    assert stored == [comment["message_id"]]
    assert waiting == 0
    assert "Handled 1 updates taken before the last stop" in (tmp_path / "bot.log").read_text(encoding="utf-8")
