"""A chat learns from its admin: a relabel changes the verdict on the next such comment in that chat
only, and the learned layer survives a restart (it lives in the database)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.fake_api import FakeTelegram, serve
from bot.fake_api.core import PUNITIVE_METHODS
from tests.e2e.test_bot_process import ANNA, OLGA, TOKEN, BotProcess, _buttons, _sent_to

pytestmark = pytest.mark.e2e

GAME = -1001777000101
OTHER = -1001777000102
# Gamers' talk that the global classifier reads as venting.
RAID = "Этот босс просто убийца, рейд опять вайпнулся, жесть"


def _alerts_about(fake: FakeTelegram, text: str) -> list[Any]:
    return [
        c
        for c in fake.sent("sendMessage", ANNA["id"])
        if any(b.startswith("case:") for b in _buttons(c)) and text[:20] in str(c.params.get("text"))
    ]


def _classified(bot_log: Path) -> int:
    text = bot_log.read_text(encoding="utf-8")
    return text.count(": impulsive, wave") + text.count(": neutral, wave")


async def _wait_handled(bot_log: Path, count: int) -> None:
    """Wait until ``count`` comments were classified (the bot logs each verdict)."""
    for _ in range(200):
        if _classified(bot_log) >= count:
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("comments not classified")


async def test_a_relabel_teaches_its_chat_only_and_survives_a_restart(tmp_path: Path) -> None:
    fake = FakeTelegram()
    fake.add_group(GAME, "Рейды «Север»", owner=ANNA)
    fake.add_group(OTHER, "Магазин «Юг»", owner=ANNA)
    log = tmp_path / "bot.log"
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, tmp_path / "bot.sqlite3", log)
        bot.env["LEARNING_MIN_DECISIONS"] = "1"
        await bot.start()
        try:
            await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
            fake.private_message(ANNA, "/start")
            await fake.wait_for(_sent_to(ANNA["id"]), timeout=15)
            for group in (GAME, OTHER):
                fake.bot_added(group, ANNA)
            await fake.wait_for(lambda c: c.method == "getChatAdministrators", count=2, timeout=15)

            # Before: the comment is an alert in both chats.
            fake.comment(GAME, OLGA, RAID)
            first = (await fake.wait_for(lambda c: bool(_alerts_about(fake, RAID)), timeout=15))[0]
            alert = _alerts_about(fake, RAID)[0]
            case_id = next(int(d.split(":")[2]) for d in _buttons(alert) if d.startswith("case:"))
            assert first is not None
            # The admin says: not negative here.
            message = next(m for (cid, _), m in fake.messages.items() if cid == ANNA["id"] and RAID[:20] in str(m))
            fake.press(ANNA, message, f"case:label:{case_id}:neutral")
            await fake.wait_for(lambda c: c.method == "answerCallbackQuery", timeout=10)
            await fake.wait_for(
                lambda c: c.method == "editMessageText" and c.params.get("chat_id") == ANNA["id"], timeout=10
            )

            # The next such comment in that chat gets the corrected label: no alert.
            fake.comment(GAME, OLGA, RAID)
            # The same comment in another chat is still an alert there.
            fake.comment(OTHER, OLGA, RAID)
            await fake.wait_for(lambda c: len(_alerts_about(fake, RAID)) >= 2, timeout=15)
            await _wait_handled(log, 3)
            alerts = _alerts_about(fake, RAID)
            assert len(alerts) == 2, [a.params["text"][:60] for a in alerts]
            assert "Магазин «Юг»" in alerts[1].params["text"]
            assert await bot.stop() == 0

            # After a restart the chat still knows.
            await bot.start()
            await fake.wait_for(lambda c: c.method == "getMe", count=2, timeout=30)
            fake.comment(GAME, OLGA, RAID)
            fake.comment(OTHER, OLGA, RAID)
            await fake.wait_for(lambda c: len(_alerts_about(fake, RAID)) >= 3, timeout=15)
            await _wait_handled(log, 5)
            alerts = _alerts_about(fake, RAID)
            assert len(alerts) == 3
            assert "Магазин «Юг»" in alerts[2].params["text"]
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    text = log.read_text(encoding="utf-8")
    assert f"Chat {GAME} message" in text and ": neutral, wave" in text
    assert not [c for c in fake.calls if c.method in PUNITIVE_METHODS]
