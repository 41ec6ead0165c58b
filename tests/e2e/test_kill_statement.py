"""``kill -9`` while an incident's statement is being posted, in the real process: after the restart
the press is handled again and the statement is not posted by itself; the admin is asked to look,
and the next press posts it once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.fake_api import FakeTelegram, serve
from tests.e2e.test_bot_process import ANNA, BORIS, GROUP, TOKEN, BotProcess, _buttons, _message_of, _sent_to
from tests.e2e.test_incidents_process import surge_to_card

pytestmark = pytest.mark.e2e


def _publish_button(call: object) -> str:
    return next(d for d in _buttons(call) if d.startswith("inc:publish:"))  # type: ignore[arg-type]


def _offers_publish(call: object) -> bool:
    return _sent_to(ANNA["id"])(call) and any(d.startswith("inc:publish:") for d in _buttons(call))  # type: ignore[arg-type]


async def test_a_statement_caught_mid_post_by_a_kill_is_never_posted_by_itself(tmp_path: Path) -> None:
    fake = FakeTelegram(can_read_all_group_messages=True)
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    db = tmp_path / "bot.sqlite3"
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, db, tmp_path / "bot.log")
        await bot.start()
        try:
            await surge_to_card(fake)
            card = _message_of(fake, ANNA["id"], "Инцидент")
            fake.press(ANNA, card, next(d for d in _buttons_of(card) if d.startswith("inc:statement:")))
            [draft_call] = await fake.wait_for(_offers_publish, timeout=15)
            draft = _message_of(fake, ANNA["id"], "Черновик заявления")

            # The statement's request is held and never reaches Telegram: the process dies first.
            fake.held_in.add(("sendMessage", GROUP))
            fake.press(ANNA, draft, _publish_button(draft_call))
            await fake.wait_for(_sent_to(GROUP), timeout=15)
            await bot.kill()
            fake.abandon("sendMessage", GROUP)
            offers = len([c for c in fake.calls if _offers_publish(c)])
            await bot.start()

            # The press, handled again, asks instead of posting.
            asked = await fake.wait_for(_offers_publish, count=offers + 1, timeout=30)
            assert "Возможно, это уже опубликовано" in asked[-1].params["text"]
            assert len(fake.sent("sendMessage", GROUP)) == 1  # only the request that never arrived
            question = _message_of(fake, ANNA["id"], "Возможно, это уже опубликовано")
            fake.press(ANNA, question, _publish_button(asked[-1]))
            await fake.wait_for(_sent_to(GROUP), count=2, timeout=15)
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    statements = [m for (chat, _), m in fake.messages.items() if chat == GROUP and m["from"].get("is_bot")]
    assert len(statements) == 1
    with sqlite3.connect(db) as conn:
        [(message_id,)] = conn.execute("SELECT statement_message_id FROM incidents").fetchall()
    assert message_id == statements[0]["message_id"]


def _buttons_of(message: dict[str, object]) -> list[str]:
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]
