"""Drafts after the ninth reading: a mocking comment that names its complaint (a price, a safety defect,
an accusation) gets the topic's answer, never "tell us more"; a thing named only as the place, a wish
or a promise is not apologised for; a political question under any label gets one boundary; the
author's own turns of speech are not repeated back. The comments are written for these tests, not
copied from the readings or the review set."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies.echo import complaint_clause
from bot.replies.failed_thing import thing_failed
from bot.replies.reading import read_comment
from tests.unit.test_compose_round5 import drafts

TELL_MORE = re.compile(r"за шуткой|расскажите подробнее|tell us more|behind the joke|напишите, что именно", re.I)
APOLOGY = re.compile(r"жаль|простите|извин|sorry|разберёмся", re.I)


@pytest.mark.parametrize(
    "text",
    [
        "3 тыщи за вход в аквапарк?? вы там совсем с дуба рухнули",
        "2500 руб за стрижку собаки, у вас ножницы из золота?",
        "Батон за 150 ₽, серьёзно? 🤡 В супермаркете дешевле",
        "ахаха 900 рублей за чашку какао, берега попутали",
    ],
)
@pytest.mark.parametrize("label", [Label.TROLLING, Label.IMPULSIVE])
def test_a_mocked_price_gets_the_price_answer_not_tell_us_more(label: Label, text: str) -> None:
    reading = read_comment(text)
    assert reading.topic is Topic.PRICE and "price_asked" in reading.facts.flags
    for draft in drafts(label, text, kind="leisure"):
        assert not TELL_MORE.search(draft), draft
        assert re.search(r"цен|стоимост", draft), draft  # the price itself is spoken of
        assert not re.search(r"подняли|подорожал|рост цен|новые цены", draft), draft  # no rise was said


@pytest.mark.parametrize(
    "text",
    [
        "Гречка подорожала на 40 рублей за неделю, почему?",
        "Сыр за 600 рублей, а внутри плесень. 600 рублей за это?",
        "Заплатила 3000 за доставку, а диван так и не привезли?",
    ],
)
def test_a_rise_a_spoilt_thing_or_a_failure_is_not_a_mocked_price(text: str) -> None:
    assert "price_asked" not in read_comment(text).facts.flags


@pytest.mark.parametrize(
    "text",
    [
        "lol the climbing harness I rented had a torn strap, you guys are gonna get someone killed",
        "haha great 'safety gear', my kid's helmet had a cracked shell. someone will get hurt",
    ],
)
def test_a_mocked_safety_defect_is_taken_seriously(text: str) -> None:
    assert read_comment(text).topic is Topic.SAFETY
    for draft in drafts(Label.TROLLING, text, kind="leisure"):
        assert not TELL_MORE.search(draft) and not re.search(r"fair point|joke", draft, re.I), draft
        assert re.search(r"serious", draft, re.I), draft


@pytest.mark.parametrize(
    "text",
    [
        "Интересно, а сколько вы платите за пятёрки в 2ГИС? Тут люди месяц ждут заказ",
        "Сколько ботам за отзывы заплатили? Одни пятёрки, а мастер два раза опоздал",
        "Вы платите за хорошие отзывы? Иначе откуда столько восторгов",
    ],
)
def test_a_mocked_accusation_gets_calm_facts_to_fill(text: str) -> None:
    assert read_comment(text).topic is Topic.ACCUSATION
    for draft in drafts(Label.TROLLING, text, kind="leisure"):
        assert "[факты:" in draft and "отзыв" in draft, draft
        assert not TELL_MORE.search(draft), draft


@pytest.mark.parametrize(
    ("text", "thing", "failed"),
    [
        ("Во дворе из-под сугроба торчит арматура, дети бегают", "сугроб", False),
        ("Лифт третий день стоит, а в лифте ещё и лампа разбита", "лифт", True),
        ("Принтер в холле опять не печатает", "принтер", True),
        ("Связь в номере ужасная, хотя обещали нормальный интернет", "нормальный интернет", False),
        ("Кофе невкусный. Могли бы нормальную кофемашину купить", "нормальная кофемашина", False),
        ("Проблема с кондиционером вторую неделю", "кондиционер", True),
        ("На парковке у шлагбаума огромная лужа", "шлагбаум", False),
        ("Два часа в очереди на приём, а врач так и не вышел", "очередь", True),
    ],
)
def test_a_thing_is_the_failure_only_when_the_comment_says_it_failed(text: str, thing: str, failed: bool) -> None:
    assert thing_failed(text, thing) is failed


@pytest.mark.parametrize(
    "text",
    [
        "На катке из льда торчит железный штырь у бортика, чуть не упала",
        "У качелей из песка торчит ржавая арматура, ребёнок зацепился",
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_something_sticking_out_is_a_danger_whose_place_is_told(label: Label, text: str) -> None:
    for draft in drafts(label, text, kind="leisure"):
        assert "опасно" in draft and "оградили" in draft, draft
        assert not re.search(r"со льдом|с песком|адрес|отдел качества", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Ваш хозяин вообще за кого — за наших или за этих?",
        "Директор молчит о том, что творится в стране. Молчание — позор",
        "На чьей вы стороне? Отвечайте прямо",
        "Ваши владельцы поддержали губернатора на выборах, зачем вы туда лезете?",
    ],
)
@pytest.mark.parametrize("label", [Label.IMPULSIVE, Label.CONSTRUCTIVE, Label.TROLLING])
def test_a_political_question_gets_one_boundary_whatever_the_label(label: Label, text: str) -> None:
    assert read_comment(text, kind="cinema").topic is Topic.POLITICS
    for draft in drafts(label, text, kind="cinema"):
        assert re.search(r"политик|политическ", draft, re.I), draft
        assert not APOLOGY.search(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Мусор как не вывозили, так и не вывозят",
        "Лавочки как были сломаны так и стоят",
        "Постоянно отключают воду в нашем доме",
        "Курьер как всегда опоздал на сорок минут",
    ],
)
def test_the_authors_own_turns_are_not_repeated_back(text: str) -> None:
    assert complaint_clause(text) is None


def test_a_plain_failure_is_still_repeated() -> None:
    assert complaint_clause("Горячую воду отключили в среду и до сих пор не включили") is not None
