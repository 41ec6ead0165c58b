"""Incidents in the real ``python -m bot`` process against the fake Bot API: a surge of payment
complaints becomes one card per admin, kept across a restart; the statement is published from it."""

from __future__ import annotations

from pathlib import Path

from bot.fake_api import Call, FakeTelegram, serve
from bot.fake_api.core import PUNITIVE_METHODS, user
from tests.e2e.test_bot_process import (
    ANNA,
    BORIS,
    GROUP,
    TOKEN,
    BotProcess,
    _buttons,
    _message_of,
    _sent_to,
    admins_started_and_bot_added,
)

COMPLAINTS = [
    "Не могу оплатить заказ в приложении, уже третий раз пробую",
    "Оплата не проходит!!! что у вас случилось",
    "Ребята, платёж не проходит уже полчаса, что происходит?",
    "Привязанная карта не принимается, пишет ошибка 502",
    "Не работает оплата в приложении, сделайте что-нибудь",
]


def _is_card(call: object) -> bool:
    return any(d.startswith("inc:statement:") for d in _buttons(call))  # type: ignore[arg-type]


async def surge_to_card(fake: FakeTelegram) -> list[Call]:
    """With the bot started: both admins press Start, the bot joins the group, four payment
    complaints come; returns Anna's incident card once it is sent."""
    await admins_started_and_bot_added(fake)
    for i, text in enumerate(COMPLAINTS[:4]):
        fake.comment(GROUP, user(6000 + i, f"Клиент{i}"), text)
    return await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and _is_card(c), timeout=20)


async def test_surge_becomes_one_card_and_a_published_statement(tmp_path: Path) -> None:
    fake = FakeTelegram(can_read_all_group_messages=True)
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, tmp_path / "bot.sqlite3", tmp_path / "bot.log")
        await bot.start()
        try:
            cards = await surge_to_card(fake)
            assert "оплат" in cards[0].params["text"]
            assert await bot.stop() == 0

            # After a restart the incident is still there: the next complaint grows the same card.
            await bot.start()
            await fake.wait_for(lambda c: c.method == "getMe", count=2, timeout=30)
            fake.comment(GROUP, user(6010, "Клиент10"), COMPLAINTS[4])
            await fake.wait_for(
                lambda c: c.method == "editMessageText" and "Клиент10" in str(c.params.get("text")), timeout=20
            )
            assert len([c for c in fake.sent("sendMessage", ANNA["id"]) if _is_card(c)]) == 1

            card = _message_of(fake, ANNA["id"], "Инцидент")
            statement = next(
                d
                for row in card["reply_markup"]["inline_keyboard"]
                for b in row
                if (d := b["callback_data"]).startswith("inc:statement:")
            )
            fake.press(ANNA, card, statement)
            draft_call = (
                await fake.wait_for(
                    lambda c: _sent_to(ANNA["id"])(c) and any(d.startswith("inc:publish:") for d in _buttons(c)),
                    timeout=15,
                )
            )[0]
            draft = _message_of(fake, ANNA["id"], "Черновик заявления")
            fake.press(BORIS, draft, next(d for d in _buttons(draft_call) if d.startswith("inc:publish:")))
            posted = await fake.wait_for(_sent_to(GROUP), timeout=15)
            assert "Мы знаем, что сейчас" in posted[-1].params["text"]
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    assert not [c for c in fake.calls if c.method in PUNITIVE_METHODS]
