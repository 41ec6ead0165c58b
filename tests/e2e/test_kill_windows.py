"""``kill -9`` at named points of the real process, not at random: between two admins' copies of an
alert, in the middle of an update before any copy, and with button presses in flight (after the
reply was posted, and at the live admin check). Two admins pressed Start. After every restart:
each admin has exactly one copy of each alert, the reply is in the chat once, each press counted
once, nothing left in the inbox."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.fake_api import Call, FakeTelegram, serve
from bot.fake_api.core import PUNITIVE_METHODS
from tests.e2e.test_bot_process import ANNA, BORIS, COMPLAINTS, DMITRY, GROUP, OLGA, TOKEN, BotProcess

pytestmark = pytest.mark.e2e


def _query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute(sql, params).fetchall()
    except sqlite3.Error:
        return []


async def _until(check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.05)


def _case_of(data: str) -> int | None:
    parts = data.split(":")
    return int(parts[2]) if len(parts) >= 3 and parts[0] == "case" and parts[2].isdigit() else None


def _copies(fake: FakeTelegram, admin: int, case_id: int) -> int:
    """Alert messages in ``admin``'s chat that exist (Telegram carried them out) for ``case_id``."""
    found = 0
    for (chat, _), message in fake.messages.items():
        markup = message.get("reply_markup") or {}
        buttons = [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]
        if chat == admin and any(_case_of(data) == case_id for data in buttons):
            found += 1
    return found


def _alert_for(fake: FakeTelegram, admin: int, case_id: int) -> dict[str, Any]:
    for (chat, _), message in fake.messages.items():
        markup = message.get("reply_markup") or {}
        buttons = [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]
        if chat == admin and any(_case_of(data) == case_id for data in buttons):
            return message
    raise LookupError((admin, case_id))


def _sent_with_buttons(admin: int) -> Callable[[Call], bool]:
    return lambda c: c.method == "sendMessage" and c.params.get("chat_id") == admin and "case:" in str(c.params)


async def test_kills_at_named_points_lose_nothing_and_double_nothing(tmp_path: Path) -> None:
    fake = FakeTelegram()
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    db = tmp_path / "bot.sqlite3"

    def case_id(message: dict[str, Any]) -> int | None:
        rows = _query(db, "SELECT id FROM cases WHERE chat_id = ? AND message_id = ?", GROUP, message["message_id"])
        return int(rows[0][0]) if rows else None

    def alerted(case: int | None, admin: int) -> bool:
        return bool(case and _query(db, "SELECT 1 FROM alerts WHERE case_id = ? AND chat_id = ?", case, admin))

    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, db, tmp_path / "bot.log", delay="1h")
        try:
            await bot.start()
            await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
            fake.private_message(ANNA, "/start")
            fake.private_message(BORIS, "/start")
            await fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == BORIS["id"])
            fake.bot_added(GROUP, ANNA)
            await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=60)

            # 1. Between two admins' copies: Anna's is out and recorded, Boris's request is held,
            #    and never reaches Telegram (the process dies first).
            fake.held_in.add(("sendMessage", BORIS["id"]))
            first = fake.comment(GROUP, DMITRY, COMPLAINTS[0])
            await fake.wait_for(_sent_with_buttons(BORIS["id"]), timeout=60)
            await _until(lambda: alerted(case_id(first), ANNA["id"]), "Anna's copy recorded")
            await bot.kill()
            fake.abandon("sendMessage", BORIS["id"])
            await bot.start()
            first_case = case_id(first)
            assert first_case is not None
            await _until(lambda: _copies(fake, BORIS["id"], first_case) == 1, "Boris's copy after the restart")

            # 2. In the middle of an update, before any copy went out.
            fake.held_in.add(("sendMessage", ANNA["id"]))
            second = fake.comment(GROUP, OLGA, COMPLAINTS[1])
            await fake.wait_for(lambda c: _sent_with_buttons(ANNA["id"])(c) and "Ольга" in str(c.params), timeout=60)
            await bot.kill()
            fake.abandon("sendMessage", ANNA["id"])
            await bot.start()
            await _until(lambda: (case_id(second) or 0) > 0, "the second case")
            second_case = case_id(second)
            assert second_case is not None
            await _until(
                lambda: _copies(fake, ANNA["id"], second_case) == 1 and _copies(fake, BORIS["id"], second_case) == 1,
                "both copies of the second alert",
            )

            # 3. A press in flight after its reply was posted: "send" on the first alert, its answer held.
            fake.held.add("answerCallbackQuery")
            fake.press(ANNA, _alert_for(fake, ANNA["id"], first_case), f"case:send:{first_case}")
            await fake.wait_for(lambda c: c.method == "answerCallbackQuery", timeout=60)
            posted = [c for c in fake.sent("sendMessage", GROUP) if c.params.get("reply_parameters")]
            assert len(posted) == 1 and posted[0].params["reply_parameters"]["message_id"] == first["message_id"]
            await bot.kill()
            fake.abandon("answerCallbackQuery")
            answered = len(fake.sent("answerCallbackQuery"))
            await bot.start()
            await fake.wait_for(lambda c: c.method == "answerCallbackQuery", count=answered + 1, timeout=60)
            await _until(lambda: not _query(db, "SELECT 1 FROM inbox"), "the press handled again and dropped")

            # 4. A press in flight at the live admin check: "take" on the second alert.
            fake.held.add("getChatMember")
            checks = len(fake.sent("getChatMember"))
            fake.press(BORIS, _alert_for(fake, BORIS["id"], second_case), f"case:take:{second_case}")
            await fake.wait_for(lambda c: c.method == "getChatMember", count=checks + 1, timeout=60)
            assert _query(db, "SELECT taken_by FROM cases WHERE id = ?", second_case) == [(None,)]
            await bot.kill()
            fake.abandon("getChatMember")
            answered = len(fake.sent("answerCallbackQuery"))
            await bot.start()
            await fake.wait_for(lambda c: c.method == "answerCallbackQuery", count=answered + 1, timeout=60)
            await _until(lambda: not _query(db, "SELECT 1 FROM inbox"), "the inbox emptied")
            await asyncio.sleep(1.5)  # a doubled copy or reply would show up here
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()

    for case in (first_case, second_case):
        for admin in (ANNA, BORIS):
            assert _copies(fake, admin["id"], case) == 1, (case, admin["first_name"])
    replies = [c.params["reply_parameters"]["message_id"] for c in fake.sent("sendMessage", GROUP)]
    assert replies == [first["message_id"]]  # posted once, and only where an admin asked
    [(taken_by,)] = _query(db, "SELECT taken_by FROM cases WHERE id = ?", second_case)
    assert taken_by == BORIS["id"]
    assert _query(db, "SELECT COUNT(*) FROM inbox") == [(0,)]
    assert _query(db, "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND action = 'taken'", second_case) == [(1,)]
    assert not [c for c in fake.calls if c.method in PUNITIVE_METHODS]
