"""Round 17's wrong facts in drafts, as kinds: a wait of hours and minutes echoed as its minutes, a Latin
name spelt letter by letter, a discount asked about beside a price rise answered as a failed promo, «деньги
верните» answered as a failed refund, a booking given away answered as one lost, plural goods in the
singular, a price boycott answered with an outage. The comments are written for these tests (none of a
reading's)."""

from __future__ import annotations

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.grammar import name_gender, plural_in, reply_name
from bot.replies.playbooks import read_comment

CASES = range(6)


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = None) -> list[str]:
    found = (suggest_reply(label, problem=None, author_name=author, case_id=n, text=text, kind=kind) for n in CASES)
    return [d for d in found if d]


# 1. Hours and minutes are one wait.


@pytest.mark.parametrize(
    ("text", "wait"),
    [
        ("Мастер опоздал на 1 час 20 минут, я сидела в коридоре", "1 час 20 минут"),
        ("Ждали столик 2 ч 15 мин, никто не подошёл", "2 ч 15 мин"),
        ("Курьер ехал полтора часа, заказ остыл", "полтора часа"),
        ("Сдали машину на мойку, ждали 2,5 часа вместо обещанных 40 минут", "2,5 часа"),
        ("Доставку ждём уже час сорок, ребёнок голодный", "час сорок"),
        ("Приём задержали на 3 часа 5 минут, талон был на 10:00", "3 часа 5 минут"),
    ],
)
def test_hours_and_minutes_are_read_as_one_wait(text: str, wait: str) -> None:
    assert read_comment(text).facts.get("waited") == wait


@pytest.mark.parametrize(
    "text",
    [
        "Заказ 44120 ждали 1 час 20 минут, курьер не отвечал",
        "Заказ 51877 привезли через 2 часа 10 минут после обещанного",
    ],
)
def test_a_wait_echoed_is_never_its_minutes_alone(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="food"):
        assert "ждать 20 минут" not in draft and "ждать 10 минут" not in draft, draft


def test_a_plain_wait_of_minutes_is_unchanged() -> None:
    assert read_comment("Ждали официанта 25 минут").facts.get("waited") == "25 минут"


# 2. Latin names take their Russian spelling, or none.


@pytest.mark.parametrize(
    ("latin", "russian"),
    [
        ("Tatiana", "Татьяна"),
        ("Tatyana", "Татьяна"),
        ("Natalia", "Наталья"),
        ("Daria", "Дарья"),
        ("Ilya", "Илья"),
        ("Yulia", "Юлия"),
        ("Ksenia", "Ксения"),
        ("Olga", "Ольга"),
        ("Kirill", "Кирилл"),
        ("Sergey", "Сергей"),
    ],
)
def test_latin_names_take_their_russian_spelling(latin: str, russian: str) -> None:
    assert reply_name(latin) == russian
    for draft in drafts(Label.CONSTRUCTIVE, "Кофе принесли холодный и через полчаса", kind="cafe", author=latin):
        assert draft.startswith(f"{russian},"), draft


@pytest.mark.parametrize("latin", ["Tatiana", "Daria", "Ilya"])
def test_a_latin_name_keeps_its_gender(latin: str) -> None:
    assert name_gender(latin) == ("masc" if latin == "Ilya" else "femn")


@pytest.mark.parametrize("latin", ["Aurelia", "Kassiopeia", "Zoriana"])
def test_a_latin_name_letters_cannot_spell_is_left_out(latin: str) -> None:
    assert reply_name(latin) is None
    for draft in drafts(Label.CONSTRUCTIVE, "Пальто вернули из чистки с пятном", kind="laundry", author=latin):
        assert not draft.startswith(("Аурел", "Кассиоп", "Зориан")), draft


# 3. A discount asked about beside a price rise.


@pytest.mark.parametrize(
    ("text", "kind", "old", "new"),
    [
        ("Абонемент подняли с 2 900 до 4 100. Есть ли скидка для пенсионеров?", "fitness", "2 900", "4 100"),
        ("Занятие подорожало с 800 до 1200. А бывают у вас скидки для студентов?", "school", "800", "1200"),
        ("Билет был 400, стал 650. Может есть семейная скидка или абонемент?", "zoo", "400", "650"),
        ("Стирка стоила 300, теперь 450. Скидки постоянным клиентам бывают?", "laundry", "300", "450"),
    ],
)
def test_a_discount_asked_about_is_the_price_with_a_slot(text: str, kind: str, old: str, new: str) -> None:
    assert read_comment(text, kind=kind).topic is Topic.PRICE
    found = drafts(Label.CONSTRUCTIVE, text, kind=kind)
    assert found
    for draft in found:
        low = draft.lower()
        assert "не сработал" not in low and "вернём разниц" not in low, draft
        assert old in draft and new in draft, draft
        assert "скидк" in low, draft


def test_a_promo_that_failed_is_still_a_promo() -> None:
    text = "Цены подняли, а обещанная скидка 10% для студентов на кассе не сработала"
    assert read_comment(text, kind="cafe").topic is Topic.PROMO


# 4. «Деньги верните» after spoilt goods.


@pytest.mark.parametrize(
    "text",
    [
        "ТРЕТИЙ раз привозите кислый творог!!! деньги верните",
        "Опять гнилые яблоки в заказе, верните деньги уже",
        "Колонка пришла сломанная, верните деньги!",
    ],
)
@pytest.mark.parametrize("label", [Label.IMPULSIVE, Label.TROLLING, Label.CONSTRUCTIVE])
def test_a_refund_demanded_is_not_a_failed_refund(text: str, label: Label) -> None:
    assert read_comment(text).topic is not Topic.REFUND
    for draft in drafts(label, text):
        assert "с возвратом" not in draft and "со списанием" not in draft, draft


def test_a_refund_that_hangs_is_still_a_refund() -> None:
    assert read_comment("Возврат за заказ 5521 не пришёл уже две недели, верните деньги").topic is Topic.REFUND


# 5. A booking given away.


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Бронь на 18:00 подтвердили, а пришли — стол занят, посадили на подоконник", "cafe"),
        ("Столик забронировали заранее, а его отдали другой компании", "cafe"),
        ("Номер был оплачен, а в него уже заселили других гостей", "hotel"),
        ("Дорожку забронировали на 21:00, а на ней играют другие, бронь подтверждена", "leisure"),
    ],
)
def test_a_booking_given_away_is_not_lost(text: str, kind: str) -> None:
    assert "given_away" in read_comment(text, kind=kind).facts.flags
    for draft in drafts(Label.CONSTRUCTIVE, text, kind=kind):
        assert "не нашлась" not in draft and "потерял" not in draft, draft
        assert "не сохранили" in draft or "отдали" in draft, draft


def test_a_booking_not_found_is_still_not_found() -> None:
    text = "Бронировали столик на 20:00, а администратор сказал, что брони нет"
    assert "given_away" not in read_comment(text, kind="cafe").facts.flags


# 6. Plural goods.


@pytest.mark.parametrize(
    ("text", "noun", "several"),
    [
        ("Половина яиц разбита", "яйцо", True),
        ("Из десяти банок три пришли разбитыми", "банка", True),
        ("Купил лампочек на весь дом, не горят", "лампочка", True),
        ("Пицца приехала холодная", "пицца", False),
        ("Кислый творог привезли", "творог", False),
    ],
)
def test_several_goods_are_told_from_one(text: str, noun: str, several: bool) -> None:
    assert plural_in(text, noun) is several


@pytest.mark.parametrize(
    "text",
    [
        "Заказала яйца в приложении — половина разбита, опять лотерея",
        "Привезли яйца, часть разбита, коробка мокрая",
    ],
)
def test_plural_goods_are_never_named_in_the_singular(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Катя"):
        assert "с яйцом" not in draft and "яйцо " not in draft, draft


# 7. A price boycott is no outage.


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Все удаляйте это приложение, на рынке в 3 раза дешевле!", "food"),
        ("Ребята, сносите приложение, в магазине у дома всё вдвое дешевле", "shop"),
        ("Отписывайтесь и удаляйте приложение, тарифы задрали, ездите на других", "taxi"),
    ],
)
def test_a_price_boycott_gets_no_outage_statement(text: str, kind: str) -> None:
    assert read_comment(text, kind=kind).topic is not Topic.APP
    found = drafts(Label.DIRECTED, text, kind=kind)
    assert found
    for draft in found:
        assert "сообщения о проблемах" not in draft and "заработает" not in draft and "сбо" not in draft, draft
        assert "цен" in draft or "тариф" in draft, draft


def test_an_app_that_fails_is_still_an_app_failure() -> None:
    text = "Приложение не открывается с утра, вылетает на оплате"
    assert read_comment(text, kind="food").topic is Topic.APP
