"""Forged button data is refused before it reaches storage, and every refusal is answered with a text
(the CallbackData factories in bot/telegram/callbacks.py read only the exact form the bot writes)."""

from __future__ import annotations

import pytest

from tests.conftest import ANNA, DMITRY, GROUP, Harness

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"


@pytest.mark.parametrize(
    "data",
    [
        "case:send:" + "9" * 54,  # OverflowError in the database driver, never answered
        "case:send:9223372036854775808",  # one past BIGINT
        "case:send:１",  # a fullwidth digit: int() reads it as 1
        "case:send:١",  # an Arabic-Indic one
        "case:send:abc",
        "case:nonsense:1",
    ],
)
async def test_forged_data_is_refused_with_a_clear_text_and_touches_nothing(ready: Harness, data: str) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, data)
    [answer] = ready.fake.sent("answerCallbackQuery")
    assert answer.params.get("text"), f"{data!r} was answered with no text"
    assert ready.posted_in_group() == []
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.status.value == "new" and await ready.storage.replies.latest_for_case(case.id) is None
