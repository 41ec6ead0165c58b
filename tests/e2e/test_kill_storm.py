"""Twenty kill -9 at random moments while replies are scheduled: none lost, none doubled."""

from __future__ import annotations

import asyncio
import random
import sqlite3
from pathlib import Path

import pytest

from bot.fake_api import FakeTelegram, serve
from bot.fake_api.core import user
from tests.e2e.test_bot_process import ANNA, TOKEN, BotProcess

pytestmark = pytest.mark.e2e

RUNS = 20
VENTING = "Да вы задолбали!!! Худший сервис, ненавижу, бесите"


async def test_random_kills_lose_and_double_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    fake = FakeTelegram()
    db = tmp_path / "bot.sqlite3"
    comments: list[tuple[int, int]] = []
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, db, tmp_path / "bot.log", delay="1s")
        try:
            for run in range(RUNS):
                await bot.start()
                # Each comment in a chat of its own, so no two of them look like a wave.
                for k in range(2):
                    chat_id = -1002000000000 - run * 10 - k
                    fake.add_group(chat_id, f"Группа {run}-{k}", owner=ANNA)
                    fake.bot_added(chat_id, ANNA)
                    message = fake.comment(chat_id, user(9000 + run * 10 + k, "Автор"), VENTING)
                    comments.append((chat_id, message["message_id"]))
                await asyncio.sleep(rng.uniform(0.3, 2.5))
                await bot.kill()
            await bot.start()
            deadline = asyncio.get_running_loop().time() + 60
            while asyncio.get_running_loop().time() < deadline:
                if _settled(db, len(comments)):
                    break
                await asyncio.sleep(0.5)
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()

    posts: dict[tuple[int, int], int] = {}
    for call in fake.sent("sendMessage"):
        reply = call.params.get("reply_parameters")
        if reply and (call.params["chat_id"], reply["message_id"]) in fake.messages:
            key = (call.params["chat_id"], reply["message_id"])
            posts[key] = posts.get(key, 0) + 1
    with sqlite3.connect(db) as conn:
        statuses = {
            (chat_id, message_id): status
            for chat_id, message_id, status in conn.execute(
                "SELECT cases.chat_id, cases.message_id, replies.status FROM cases "
                "LEFT JOIN replies ON replies.case_id = cases.id"
            )
        }
    assert len(statuses) == len(comments), "every comment became a case"
    doubled = [key for key, count in posts.items() if count > 1]
    assert doubled == []
    for key in comments:
        # Posted exactly once, or (killed between claim and record) shown to the admins to confirm.
        assert (posts.get(key) == 1 and statuses[key] in ("sent", "uncertain")) or (
            statuses[key] == "uncertain" and key not in posts
        ), (key, statuses[key], posts.get(key))
    assert sum(1 for key in comments if posts.get(key) == 1) >= len(comments) // 2


def _settled(db: Path, expected: int) -> bool:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            rows = conn.execute(
                "SELECT COUNT(*) FROM cases JOIN replies ON replies.case_id = cases.id "
                "WHERE replies.status IN ('sent', 'uncertain')"
            ).fetchone()
    except sqlite3.Error:
        return False
    return bool(rows and rows[0] >= expected)
