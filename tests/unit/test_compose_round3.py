"""Drafts that answer what the author actually wrote, after a third reading by a community manager:
no money promised before a check, nothing asked that was given, health never soothed as a mood, bait
left without a reply, a deleted-comment complaint answered with the chat's rules. The comments are
written for these tests, not copied from the reading."""

from __future__ import annotations

import pytest

from bot.domain.verdicts import Label
from bot.replies import suggest_reply

CASES = range(4)


def drafts(label: Label, text: str, kind: str | None = None, name: str | None = "Ирина") -> list[str | None]:
    return [suggest_reply(label, problem=None, author_name=name, case_id=n, text=text, kind=kind) for n in CASES]


@pytest.mark.parametrize(
    "text",
    ["ставлю лайк, чтобы админ помучился 😂", "ну удачи, бот, посмотрим, что ответит бот 🤣"],
)
def test_bait_with_nothing_to_answer_gets_no_reply(text: str) -> None:
    assert drafts(Label.TROLLING, text, name=None) == [None] * len(CASES)


def test_a_troll_with_a_real_question_still_gets_one() -> None:
    assert all(drafts(Label.TROLLING, "Админ, ты там вообще живой? 🤡", name=None))


@pytest.mark.parametrize("label", [Label.IMPULSIVE, Label.TROLLING])
def test_a_deleted_comment_gets_the_rules_not_an_apology(label: Label) -> None:
    for draft in drafts(label, "Опять потёрли мой отзыв, цензура у вас тут", name=None):
        assert draft and "правила" in draft, draft
        assert "жаль" not in draft and "прости" not in draft.lower(), draft


def test_food_poisoning_told_in_anger_is_answered_as_health() -> None:
    text = "Вчера поели у вас пельмени, всю ночь тошнило, температура. Спасибо большое!"
    for draft in drafts(Label.IMPULSIVE, text, kind="cafe"):
        assert draft and "врач" in draft and "личные сообщения" in draft, draft
        assert "расскажите" not in draft.lower(), draft


def test_a_delivered_meal_with_an_order_asks_for_no_batch_number() -> None:
    text = "В пицце из заказа 44120 попалось стекло, хорошо, что сын заметил"
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="food"):
        assert draft and "44120" in draft and "партии" not in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "Вернула куртку 5 ноября, 6 990 до сих пор не вернулись",
        "Перевёл 3 000 по СБП, получателю не пришло, висит в обработке",
        "С карты дважды списали 700 рублей за один заказ 55012",
    ],
)
def test_money_is_promised_only_after_a_check(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="bank" if "СБП" in text else "marketplace"):
        assert draft is not None
        low = draft.lower()
        assert "вернём деньги" not in low or "если" in low or "после проверки" in low, draft


def test_a_time_of_day_given_is_not_asked_again() -> None:
    for draft in drafts(Label.CONSTRUCTIVE, "Курьер нахамил мне в 10 вечера, кричал в трубку", kind="food"):
        assert draft and "когда" not in draft and "время" not in draft, draft


def test_a_pothole_with_a_filed_request_echoes_the_request() -> None:
    text = "Яма на Лесной уже месяц, заявку подавала, номер 5512873, ответа нет"
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="city"):
        assert draft and "5512873" in draft and "спасибо" not in draft.lower(), draft


def test_a_city_channel_turns_away_politics_as_a_city_channel() -> None:
    for draft in drafts(Label.TROLLING, "А за кого вы на выборах агитируете?", kind="city", name=None):
        assert draft and "город" in draft and "сервис" not in draft, draft


@pytest.mark.parametrize(
    ("text", "kind", "must", "must_not"),
    [
        (
            "The courier was so rude to me, threw the bag at the door. Order 44812",
            "food",
            "courier",
            "things went wrong",
        ),
        ("No internet since this morning, contract 88120", "telecom", "88120", "things went wrong"),
        ("Кур'єр нагрубив і кинув пакет під двері", "food", "кур'єра", "працівника"),
        ("Вже другий день немає світла в нашому будинку", "city", "світла", "замовлення"),
        ("Списали двічі 300 грн за одне замовлення", "bank", "подвійне", "поверненням"),
    ],
)
def test_english_and_ukrainian_drafts_name_the_problem(text: str, kind: str, must: str, must_not: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind=kind, name=None):
        assert draft and must in draft and must_not not in draft, draft
