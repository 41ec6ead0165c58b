"""``kill -9`` while an incident's statement is being posted, in the real process: after the restart
the press is handled again and the statement is not posted by itself; the admin is asked to look,
and either says it is there (recorded, not posted again) or presses to post it once."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.fake_api import FakeTelegram, serve
from tests.e2e.test_bot_process import ANNA, BORIS, GROUP, TOKEN, BotProcess, _buttons, _message_of, _sent_to
from tests.e2e.test_incidents_process import surge_to_card

pytestmark = pytest.mark.e2e


def _publish_button(call: object) -> str:
    return next(d for d in _buttons(call) if d.startswith("inc:publish:"))  # type: ignore[arg-type]


def _offers_publish(call: object) -> bool:
    return _sent_to(ANNA["id"])(call) and any(d.startswith("inc:publish:") for d in _buttons(call))  # type: ignore[arg-type]


async def _killed_mid_statement(
    fake: FakeTelegram, bot: BotProcess, *, arrived: bool
) -> tuple[dict[str, Any], list[str]]:
    """An incident's statement pressed, the process killed while the post is under way (``arrived``:
    Telegram posts it, the bot never hears so; else the request never arrives), then started again:
    the press handled again asks instead of posting. The question and its call's buttons."""
    await bot.start()
    await surge_to_card(fake)
    card = _message_of(fake, ANNA["id"], "Инцидент")
    fake.press(ANNA, card, next(d for d in _buttons_of(card) if d.startswith("inc:statement:")))
    [draft_call] = await fake.wait_for(_offers_publish, timeout=15)
    draft = _message_of(fake, ANNA["id"], "Черновик заявления")
    fake.held_in.add(("sendMessage", GROUP))
    fake.press(ANNA, draft, _publish_button(draft_call))
    await fake.wait_for(_sent_to(GROUP), timeout=15)
    await bot.kill()
    if arrived:
        fake.release("sendMessage", GROUP)
    else:
        fake.abandon("sendMessage", GROUP)
    offers = len([c for c in fake.calls if _offers_publish(c)])
    await bot.start()
    asked = await fake.wait_for(_offers_publish, count=offers + 1, timeout=30)
    assert "Возможно, это уже опубликовано" in asked[-1].params["text"]
    assert len(fake.sent("sendMessage", GROUP)) == 1  # only the request the kill caught
    return _message_of(fake, ANNA["id"], "Возможно, это уже опубликовано"), _buttons(asked[-1])


def _statement_row(db: Path) -> int | None:
    with sqlite3.connect(db) as conn:
        [(message_id,)] = conn.execute("SELECT statement_message_id FROM incidents").fetchall()
    return None if message_id is None else int(message_id)


def _bot_posts(fake: FakeTelegram) -> list[dict[str, object]]:
    return [m for (chat, _), m in fake.messages.items() if chat == GROUP and m["from"].get("is_bot")]


@pytest.mark.parametrize("arrived", [False, True], ids=["never-arrived", "posted-unheard"])
async def test_a_statement_caught_mid_post_by_a_kill_is_never_posted_by_itself(tmp_path: Path, arrived: bool) -> None:
    fake = FakeTelegram(can_read_all_group_messages=True)
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    db = tmp_path / "bot.sqlite3"
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, db, tmp_path / "bot.log")
        try:
            question, buttons = await _killed_mid_statement(fake, bot, arrived=arrived)
            if arrived:
                # The admin finds it in the chat: recorded as published, nothing posted again.
                fake.press(ANNA, question, next(d for d in buttons if d.startswith("inc:posted:")))
                await fake.wait_for(
                    lambda c: c.method == "answerCallbackQuery" and "Отмечено" in str(c.params), timeout=15
                )
            else:
                # Not there: the next press posts it.
                fake.press(ANNA, question, next(d for d in buttons if d.startswith("inc:publish:")))
                await fake.wait_for(_sent_to(GROUP), count=2, timeout=15)
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    [statement] = _bot_posts(fake)
    assert _statement_row(db) == (0 if arrived else statement["message_id"])


def _buttons_of(message: dict[str, object]) -> list[str]:
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]
