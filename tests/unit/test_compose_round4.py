"""Drafts after a fourth reading by a community manager: a danger to passers-by answered as a danger in
any chat, nothing asked that the chat's kind rules out, the item complained of named rather than the one
praised, strong words about the company not taken for an insult, and the author's own question about
compensation or waiting answered. The comments are written for these tests, not copied from the reading."""

from __future__ import annotations

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.compose_files import compose_data
from bot.replies.reading import read_comment

CASES = range(4)
PRODUCT_TEMPLATES = ("модель телефона", "версию системы", "чека", "номер заказа", "замен", "покупк")


def drafts(label: Label, text: str, kind: str | None = None, name: str | None = "Ирина") -> list[str]:
    out = [suggest_reply(label, problem=None, author_name=name, case_id=n, text=text, kind=kind) for n in CASES]
    assert all(out), out
    return [d for d in out if d]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("У школы на Липовой висит оборванный провод, искрит прямо над тротуаром", "city"),
        ("Над столиком у окна искрит провод от гирлянды, дети сидят рядом", "cafe"),
        ("Возле вашего банкомата на Мира открытый люк без крышки, вечером темно", "bank"),
        ("Біля під'їзду обірваний дріт лежить на землі, іскрить", "city"),
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_danger_gets_the_safety_answer_in_any_chat(text: str, kind: str, label: Label) -> None:
    for draft in drafts(label, text, kind):
        assert "112" in draft, draft
        assert not any(t in draft.lower() for t in PRODUCT_TEMPLATES), draft
        assert "оскорблен" not in draft and "образ" not in draft, draft


def test_gas_gets_what_to_do_now() -> None:
    for draft in drafts(Label.IMPULSIVE, "В подъезде на Садовой 4 второй день пахнет газом, всем плевать", "city"):
        assert "104" in draft and "огн" in draft, draft


def test_a_product_that_nearly_caught_fire_is_still_the_product() -> None:
    for draft in drafts(Label.CONSTRUCTIVE, "Купила у вас чайник, он задымился и чуть не устроил пожар", "shop"):
        assert "112" not in draft and "чайник" in draft, draft


def test_one_stray_word_is_not_the_topic_of_a_chat_that_hardly_has_it() -> None:
    # «висит» is an app that hangs in an app's chat, not in a city's.
    assert read_comment("Уже неделю висит сломанный знак на перекрёстке", kind="city").topic is not Topic.APP
    assert read_comment("Приложение висит на загрузке и вылетает", kind="city").topic is Topic.APP


def test_asks_a_chat_kind_rules_out_are_dropped() -> None:
    asks = compose_data().asks
    assert not asks["order"].fits(frozenset({"city"}))
    assert asks["order"].fits(frozenset({"cafe", "delivered"}))
    assert not asks["receipt"].fits(frozenset({"bank"}))
    assert not asks["device"].fits(frozenset({"city"})) and asks["device"].fits(frozenset({"city", "login"}))
    for draft in drafts(
        Label.CONSTRUCTIVE, "Третий день нет горячей воды на Лесной 3, у нас маленький ребёнок", "city"
    ):
        assert not any(t in draft.lower() for t in PRODUCT_TEMPLATES), draft


def test_the_item_complained_of_is_named_not_the_one_praised() -> None:
    text = "Брала латте и чизкейк. Латте нормальный, а чизкейк был кислый и явно вчерашний"
    assert read_comment(text, kind="cafe").facts.get("product") == "чизкейк"
    text = "Заказал капучино и сырники. Сырники принесли через 40 минут и холодные"
    assert read_comment(text, kind="cafe").facts.get("product") == "сырники"


@pytest.mark.parametrize(
    "text", ["Позорище, а не магазин. Больше ни ногой", "Отстой, а не банк, каждый месяц новые комиссии"]
)
def test_strong_words_about_the_company_are_no_insult(text: str) -> None:
    assert not read_comment(text).insult
    for draft in drafts(Label.IMPULSIVE, text):
        assert "оскорблен" not in draft, draft


def test_an_insult_to_staff_is_still_one() -> None:
    assert read_comment("Позорище, а кассир у вас тупая дура").insult


@pytest.mark.parametrize(
    ("text", "kind", "answer"),
    [
        ("Пятый день нет интернета в Заречном, тариф 600. Будет перерасчёт?", "telecom", "компенсац"),
        ("Официантка пролила на меня суп, платье в пятнах. Химчистку компенсируете?", "cafe", "компенсац"),
        ("Подали заявку на ремонт лифта 3 ноября, номер 18-220, лифт стоит. Сколько ещё ждать?", "city", "срок"),
    ],
)
def test_the_authors_own_question_is_answered(text: str, kind: str, answer: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert answer in draft.lower(), draft
        assert "вернём деньги" not in draft, draft  # answered without a promise before a check


def test_a_draft_that_already_speaks_of_the_money_gets_no_second_line() -> None:
    text = "В заказе 55120 не было сока, верните деньги, и какая будет компенсация?"
    for draft in drafts(Label.CONSTRUCTIVE, text, "food"):
        assert "О компенсации" not in draft, draft


def test_english_heating_and_a_blocked_card_are_answered_as_such() -> None:
    for draft in drafts(
        Label.CONSTRUCTIVE, "We have had no heating in the flat on Mira 5 since Sunday. Who fixes this?", "city"
    ):
        assert "utility company" in draft and "order" not in draft, draft
    for draft in drafts(Label.CONSTRUCTIVE, "They blocked my card yesterday and the hotline never answers", "bank"):
        assert "blocked" in draft and "private message" in draft and "card details" in draft, draft


def test_an_answer_that_did_not_answer_is_named_not_a_slow_one() -> None:
    text = "Преподаватель на любой вопрос по Excel отвечает ссылкой на документацию, зачем я платил"
    for draft in drafts(Label.CONSTRUCTIVE, text, "school"):
        assert "ссылка" in draft and "долго не отвечает" not in draft, draft
    text = "Оператор третий раз повторил одно и то же про перезагрузку и положил трубку"
    for draft in drafts(Label.CONSTRUCTIVE, text, "telecom"):
        assert "одно и то же" in draft and "дозвониться" not in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "Брюки порвались через две недели после покупки, верните деньги",
        "My jacket fell apart after two weeks. I want a refund",
    ],
)
def test_goods_that_wore_out_are_a_quality_complaint_even_with_a_refund_asked(text: str) -> None:
    assert read_comment(text, kind="shop").topic is Topic.QUALITY
