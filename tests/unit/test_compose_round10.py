"""Drafts after the fourteenth reading: a stray everyday word («партия» of goods, «выбор» of a shop, «за
кого вы нас держите», «идите к администратору») never brings the politics, troll or wave line; a vehicle
hazard is told to stop now and a person already in hospital is not sent to a doctor; an accusation of
lying gets the claim's facts to fill, not an apology for «what happened». The comments are written for
these tests, not copied from the readings or the review set."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies.reading import read_comment
from tests.unit.test_compose_round5 import drafts

POLITICS = re.compile(r"политик|политическ|выбор", re.I)
LABELS = (Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING)


@pytest.mark.parametrize(
    "text",
    [
        "Купили у вас питьевую воду, у всей семьи рвота. Видимо, партия воды плохая",
        "Вся партия товара бракованная, три коробки из одной партии треснули",
        "Партия товаров пришла с истёкшим сроком годности, проверьте склад",
        "Большой выбор, но половина йогуртов просрочена",
        "За кого вы нас держите? Третий раз привозите не тот заказ",
        "Ценовая политика у вас странная: за месяц всё подорожало на треть",
        "Политика возврата ужасная, куртку с биркой не приняли",
    ],
)
@pytest.mark.parametrize("label", LABELS)
def test_an_everyday_word_never_brings_the_politics_line(label: Label, text: str) -> None:
    reading = read_comment(text)
    assert reading.topic is not Topic.POLITICS and "elections" not in reading.facts.flags, reading
    for draft in drafts(label, text):
        assert not POLITICS.search(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "А вы за какую партию голосуете на выборах?",
        "Ваш владелец член партии власти, вот и цены такие",
        "Директор за кого — за правящую партию?",
    ],
)
def test_a_political_party_still_brings_the_boundary(text: str) -> None:
    assert read_comment(text).topic is Topic.POLITICS
    for draft in drafts(Label.TROLLING, text):
        assert POLITICS.search(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Нам сказали: идите к администратору, а его нет. Ждали сорок минут",
        "Все массово жалуются на холодную пиццу, сделайте уже что-нибудь",
        "Продавец сказал идите в кассу, а касса закрыта",
    ],
)
def test_an_everyday_phrase_is_no_call_to_leave(text: str) -> None:
    assert not read_comment(text).facts.flags & {"boycott", "competitor"}


STOP_DRIVING = re.compile(r"не ездите|не садитесь за руль|do not drive", re.I)
TODAY = re.compile(r"сегодня", re.I)
SEE_DOCTOR = re.compile(r"обратитесь к врачу|визит к врачу|осмотрит дежурный врач|see a doctor", re.I)


@pytest.mark.parametrize(
    "text",
    [
        "Поменяли резину, а через 10 км гайки на колесе открутились, колесо болтается",
        "После вашего шиномонтажа колесо шатается, две гайки вообще не затянуты",
        "Забрал машину из сервиса, на трассе руль заклинило",
        "Сделали развал-схождение, а на скорости руль вырывает из рук",
    ],
)
@pytest.mark.parametrize("label", LABELS)
def test_a_vehicle_hazard_is_told_to_stop_driving_now(label: Label, text: str) -> None:
    reading = read_comment(text)
    assert reading.topic is Topic.SAFETY and "vehicle" in reading.facts.flags
    for draft in drafts(label, text):
        assert STOP_DRIVING.search(draft) and TODAY.search(draft), draft
        assert not re.search(r"расскажите подробнее|шутк", draft, re.I), draft


@pytest.mark.parametrize(
    "text",
    [
        "Я уже в больнице после вашего салата, отравление",
        "Ребёнок в реанимации после ваших суши, рвота и температура",
        "Лежу под капельницей после вашей шаурмы, температура 39",
        "Обожглась вашим чаем, сейчас сижу в травмпункте",
        "Мужа увезла скорая после вашего кафе, всю ночь рвота",
    ],
)
@pytest.mark.parametrize("label", LABELS)
def test_someone_already_in_hospital_is_not_sent_to_a_doctor(label: Label, text: str) -> None:
    reading = read_comment(text)
    assert reading.topic is Topic.SAFETY and "seen_doctor" in reading.facts.flags
    for draft in drafts(label, text):
        assert not SEE_DOCTOR.search(draft), draft
        assert not re.search(r"расскажите подробнее|шутк", draft, re.I), draft


def test_an_illness_with_no_doctor_yet_still_gets_the_advice() -> None:
    text = "После вашего салата у меня рвота и температура"
    assert any(SEE_DOCTOR.search(d) for d in drafts(Label.CONSTRUCTIVE, text)), drafts(Label.CONSTRUCTIVE, text)


SORRY_WHAT_HAPPENED = re.compile(r"жаль|простите|извин|sorry|так (?:вышло|получилось)", re.I)


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        ("Хватит врать, вы лжёте про акцию, никакой скидки не было", r"акци"),
        ("Хватит врать, вы лжёте, что доставка бесплатная", r"доставк"),
        ("Вы врёте про цены, в чеке 890, а на ценнике 690", r"цен"),
        ("Опять враньё: обещали доставку за час, везли три", r"доставк"),
        ("Перестаньте врать людям, на сайте было «в наличии», а на складе пусто", r"склад|остатк"),
        ("Stop lying, the discount never applied to my order", r"offer"),
    ],
)
@pytest.mark.parametrize("label", (*LABELS, Label.DIRECTED))
def test_an_accusation_of_lying_gets_the_check_and_the_facts_not_an_apology(
    label: Label, text: str, checked: str
) -> None:
    for draft in drafts(label, text):
        assert not SORRY_WHAT_HAPPENED.search(draft), draft
        assert re.search(r"\[(?:факты|facts):", draft), draft
        if label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):  # the author's own case: what is checked, too
            assert re.search(checked, draft, re.I), draft


@pytest.mark.parametrize(
    "text",
    [
        "Курьер врезался в дверь подъезда, а потом соврал, что так и было",
        "Вы не врёте, доставка правда быстрая, но пицца холодная",
        "The problem lies in your app: it logs me out every day",
    ],
)
def test_a_lie_word_that_accuses_nobody_keeps_its_own_answer(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert "[факты:" not in draft and "[facts:" not in draft, draft
