"""Care and remedy that match the harm (bot/replies/harm.py): goods mishandled or damaged by staff, an occasion
spoilt, harm to health from a product, an injury, a price rise beside a second failure. The comments are written
for these tests (none of a reading's or of tests/data/heldout/harm21.toml)."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from tests.unit.reply_cases import doctrine_clean
from tests.unit.reply_cases import drafts as shared_drafts

CASES = range(4)
SLOT = re.compile(r"\[что сделаем:[^\]]*\]")
DELIVERY_REMEDY = re.compile(r"привез[её]м к|доставка подвела")
HEAD_OR_FOOD_TAIL = re.compile(r"тошнот|рвот|головная боль, тошнота|сотрясен")


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = "Ольга") -> list[str]:
    return shared_drafts(label, text, kind, author, CASES)


@pytest.mark.parametrize(
    ("text", "kind", "thing"),
    [
        ("Курьер бросил коробку с микроволновкой на асфальт, дверца треснула. Заказ 88-4120", "shop", "коробк"),
        ("Водитель швырнул мой чемодан в багажник, ручка сломана, колесо отлетело", None, "чемодан"),
        ("Грузчик уронил холодильник на лестнице, на боку вмятина во всю стенку", None, "холодильник"),
        ("Официант уронил мой ноутбук со стола, когда убирал посуду, экран разбит", "cafe", "ноутбук"),
    ],
)
def test_goods_mishandled_by_staff_are_unacceptable_with_a_damage_report(
    text: str, kind: str | None, thing: str
) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert re.search(r"недопустим|не обращаются", draft), draft
        assert "акт о повреждении" in draft and thing in draft, draft
        assert SLOT.search(draft) and not DELIVERY_REMEDY.search(draft), draft
        assert not re.search(r"простите|жаль", draft), draft  # a rule said, not this case admitted
        assert doctrine_clean(draft), draft


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Сдала пальто в чистку, забрала с прожжённой подкладкой. Квитанция 30-118", "пальто (прожжённая подкладка)"),
        ("Отдал часы поменять батарейку, получил обратно с царапиной на стекле", "часов (царапина)"),
        (
            "Оставил велосипед на ТО, а забрал с погнутым колесом, до этого всё было ровно",
            "велосипеда (погнутое колесо)",
        ),
    ],
)
def test_a_thing_taken_back_damaged_gets_a_report_checked_against_the_intake(text: str, named: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert f"акт о повреждении {named}" in draft and re.search(r"при[её]мк", draft), draft
        assert re.search(r"наша ответственность|отвечаем за него мы|недопустимо", draft), draft
        assert SLOT.search(draft), draft


def test_an_impulsive_comment_gets_the_report_but_no_slot() -> None:
    """Its draft goes out by itself after a delay: a slot would keep it from being sent."""
    text = "Курьер кинул посылку через забор, ваза внутри разбилась вдребезги!!!"
    for draft in drafts(Label.IMPULSIVE, text):
        assert "акт о повреждении" in draft and not SLOT.search(draft), draft
        assert re.search(r"ремонт|замен|компенсац", draft), draft


def test_a_bag_left_at_the_door_is_no_damage() -> None:
    for draft in drafts(Label.CONSTRUCTIVE, "Курьер нагрубил и оставил пакет у двери, хотя просила позвонить"):
        assert "акт о повреждении" not in draft, draft


@pytest.mark.parametrize(
    ("text", "occasion"),
    [
        (
            "Торт на юбилей папы обещали к 18:00, привезли в 21:30, когда гости уже разошлись. Праздник испорчен",
            "праздник",
        ),
        ("Заказывали костюм на утренник, пришёл на следующий день после утренника. Сын был без костюма", "утренник"),
        ("Букет на свадьбу не успели собрать к 10 утра, невеста ехала без букета. Заказ 5520", "свадьб"),
        ("Ехали 300 км на день открытых дверей, а нас не было в списке и не пустили", "день открытых дверей"),
    ],
)
def test_a_spoilt_occasion_is_named_with_a_compensation_slot(text: str, occasion: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text)
    for draft in found:
        assert occasion in draft.lower(), draft
        assert re.search(r"простите|жаль", draft), draft
        assert SLOT.search(draft) and "компенсац" in draft, draft
        assert not DELIVERY_REMEDY.search(draft), draft
    assert len(set(found)) > 1  # consecutive drafts differ


def test_an_impulsive_spoilt_occasion_offers_to_make_it_up_without_a_slot() -> None:
    for draft in drafts(
        Label.IMPULSIVE, "Корпоратив сорван!!! Зал на 30 человек закрыт, а бронь оплачена ещё в ноябре"
    ):
        assert "корпоратив" in draft and not SLOT.search(draft), draft
        assert "личные сообщения" in draft, draft


def test_a_wrong_bouquet_for_an_anniversary_keeps_the_items_remedy() -> None:
    text = "Заказала букет на юбилей, заказ 3340. Привезли не те цветы и меньше, чем на фото"
    for draft in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert "праздник оказался" not in draft, draft


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        ("Купила у вас витамины для волос, после недели приёма сыпь по всему лицу", "не принимайте"),
        ("Сделали у вас очки по рецепту, ношу три дня — голова болит и глаза режет. Заказ 7-311", "не носите"),
        ("Заказала у вас кроссовки, после первой пробежки стёрла ноги в кровь, внутри торчит шов", "не носите"),
        ("После вашей зарядки телефон так нагрелся, что обжёг руку, ожог до волдыря", "не заряжайте"),
    ],
)
def test_harm_to_health_from_a_product_says_stop_a_check_and_a_remedy(text: str, stop: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert stop in draft, draft
        assert re.search(r"провер", draft, re.IGNORECASE) and SLOT.search(draft), draft
        assert not HEAD_OR_FOOD_TAIL.search(draft), draft
        assert "простите, что так вышло" not in draft, draft


def test_a_supplement_without_a_batch_asks_for_it_and_with_one_does_not() -> None:
    for draft in drafts(Label.CONSTRUCTIVE, "После вашего креатина сердце колотится и давление 160, раньше не было"):
        assert "номер партии" in draft and "врач" in draft, draft
    for draft in drafts(Label.CONSTRUCTIVE, "После вашего протеина отёк лица, партия 4471, пил вчера вечером"):
        assert "номер партии" not in draft and "4471" in draft, draft


def test_a_place_that_harmed_is_no_product() -> None:
    """A pool or a sauna is a place: the safety tables answer it, with no batch to check."""
    for draft in drafts(Label.CONSTRUCTIVE, "После вашей сауны у дочки сыпь по всей спине, были вчера", "fitness"):
        assert "не носите" not in draft and "партию" not in draft, draft


@pytest.mark.parametrize(
    ("text", "kind", "whom"),
    [
        ("Упала на катке у вас, перелом лучевой кости, лёд был в буграх, никто не предупредил", None, ""),
        ("Дочке на тренировке тренажёр прищемил руку, трещина в кости пальца", "fitness", " ребёнку"),
        ("Сын подвернул ногу на батуте, вывих голеностопа, инструктор даже не подошёл", None, " ребёнку"),
    ],
)
def test_an_injury_gets_a_call_today_a_wish_to_recover_and_a_check(text: str, kind: str | None, whom: str) -> None:
    for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):
        for draft in drafts(label, text, kind):
            assert f"выздоровления{whom}" in draft, draft
            assert "внутреннюю проверку" in draft and "сегодня" in draft, draft
            assert not HEAD_OR_FOOD_TAIL.search(draft), draft


@pytest.mark.parametrize(
    ("text", "numbers", "second"),
    [
        (
            "Стрижка была 1200, стала 1700, а записаться теперь можно только через неделю",
            ("1200", "1700"),
            "записаться",
        ),
        ("Абонемент в бассейн 3000 вместо 2500, а душевые до сих пор не работают", ("3000", "2500"), "душевые"),
        ("Мойка подорожала с 600 до 900, и при этом машину моют хуже, разводы на стёклах", ("600", "900"), "моют хуже"),
    ],
)
def test_a_price_with_a_second_failure_answers_both(text: str, numbers: tuple[str, ...], second: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text)
    for draft in found:
        assert all(n in draft for n in numbers), draft
        assert second in draft, draft
        assert not re.search(r"так быть не должно|простите, что так вышло", draft), draft
    assert len(set(found)) > 1


def test_a_price_alone_gets_no_second_sentence() -> None:
    for draft in drafts(Label.CONSTRUCTIVE, "Почему шнуровка теперь 150, а не 100? Раньше было дешевле"):
        assert "разберёмся с тем, что" not in draft and "отдельный вопрос" not in draft, draft
