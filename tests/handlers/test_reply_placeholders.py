"""A reply holding a part the admin must write ("[факты]") is never posted, whichever button is pressed."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Case
from tests.conftest import ANNA, DMITRY, GROUP, Harness

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
WITH_PLACEHOLDER = "Ответим по фактам: [факты]. Если остались вопросы, задавайте их здесь."


async def test_an_unfilled_placeholder_is_never_sent(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:edit:"))
    ready.fake.private_message(ANNA, WITH_PLACEHOLDER)
    await ready.feed()
    warning = ready.fake.sent("sendMessage", ANNA["id"])[-1].params
    assert "Не заполнено" in warning["text"] and "[факты]" in warning["text"]
    await ready.press(ANNA, alert, warning["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.reply_text == WITH_PLACEHOLDER
    card = ready.alerts_to(ANNA["id"])[0]["text"]
    assert "замените [факты]" in card
    for action in ("send", "later"):
        await ready.press(ANNA, alert, f"case:{action}:{case.id}")
        toast = ready.fake.sent("answerCallbackQuery")[-1].params["text"]
        assert "[факты]" in toast
    assert ready.posted_in_group() == []


async def test_the_draft_answers_what_the_comment_says(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, "Заказ 78213 так и не привезли, курьер не приехал, телефон не берёт")
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.reply_text is not None
    assert "78213" in case.reply_text and "номер заказа" not in case.reply_text


async def test_a_card_whose_reply_becomes_the_waves_statement_says_so(ready: Harness) -> None:
    from bot.fake_api.core import user

    # The first copy looks like one customer's complaint and is alerted as such; the copies after it
    # reveal a wave, and its card then speaks for the wave and says why its reply changed.
    text = "Заказ опять не привезли, курьер не отвечает, деньги списали. Верните деньги!"
    for index in range(4):
        ready.fake.comment(GROUP, user(3700 + index, f"Аккаунт{index}"), text)
        ready.clock.advance(20)
        await ready.feed()
    await ready.services.notifier.settle()
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert len({c.wave_id for c in cases}) == 1 and cases[0].wave_id is not None
    [card] = ready.alerts_to(ANNA["id"])
    assert card["text"].startswith("🌊 <b>Волна сообщений")
    assert "Первое сообщение: " in card["text"]
    assert "Почему: 4 сообщения с похожим текстом от 4 аккаунтов за 1 мин" in card["text"]
    assert "заменён одним заявлением на всю волну" in card["text"]
    assert "(а)" not in card["text"]


WRONG_ITEMS = [
    "Заказ 55120: вместо двух пачек сыра положили одну, а яблок не было вовсе",
    "Привезли не тот пылесос, заказ 4821, а нам нужен был вертикальный",
]


async def test_a_remedy_slot_asks_the_admin_what_they_will_do_and_is_never_sent_unfilled(ready: Harness) -> None:
    for text in WRONG_ITEMS:
        ready.fake.comment(GROUP, DMITRY, text)
        ready.clock.advance(600)
        await ready.feed()
    cases = await ready.storage.cases.list_for_chat(GROUP)
    assert len(cases) == len(WRONG_ITEMS)
    for case in cases:
        assert case.reply_text is not None and "[что сделаем: " in case.reply_text
        assert not any(p in case.reply_text for p in ("напишем здесь, что сделаем", "передадим администрац"))
    alert = ready.alerts_to(ANNA["id"])[0]
    assert "что вы сделаете для автора" in alert["text"] and "[что сделаем: " in alert["text"]
    case = next(c for c in cases if c.message_id == alert_message(alert, cases))
    await ready.press(ANNA, alert, f"case:send:{case.id}")
    toast = ready.fake.sent("answerCallbackQuery")[-1].params["text"]
    assert "что вы сделаете" in toast and "[что сделаем: " in toast
    await ready.press(ANNA, alert, ready.button(alert, "case:edit:"))
    ask = ready.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert "напишите, что вы сделаете для автора" in ask
    assert ready.posted_in_group() == []


def alert_message(alert: dict[str, Any], cases: list[Case]) -> int:
    """The message id of the case an alert is about (the one whose reply its text quotes)."""
    for case in cases:
        if (case.reply_text or "")[:30] in str(alert["text"]):
            return case.message_id
    raise AssertionError("no case quoted in the alert")
