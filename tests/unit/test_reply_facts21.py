"""Round 15's reading, faults of facts and of cold one-liners in general: numbers that are no money, titles
that name no staff, a troll's price-and-accusation, a call to act together, an accusation with its own
figures, a price set against a competitor's. The comments are written for these tests (none of a reading's
nor of the held-out set tests/data/heldout/facts21.toml)."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.reading import read_comment

CASES = range(6)
_BRUSH_OFF = re.compile(r"Мы здесь, чтобы отвечать|вопросы о нашей работе|Ми тут, щоб відповідати")
_EMPTY = re.compile(r"Разберёмся с тем, о чём вы пишете|конкретная претензия|напишите, что случилось")


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = None) -> list[str]:
    found = (suggest_reply(label, problem=None, author_name=author, case_id=n, text=text, kind=kind) for n in CASES)
    return [d for d in found if d]


def sums(text: str, kind: str | None = None) -> list[str]:
    facts = read_comment(text, kind=kind).facts
    return [v for v in (facts.get("amount"), facts.get("amount2")) if v]


# --- Numbers that are no money ---


@pytest.mark.parametrize(
    ("text", "kind", "money"),
    [
        ("У сына 210 баллов, а на бюджет взяли девочку с 196. Где справедливость?", "school", []),
        ("Комиссия выставила дочке 7 баллов из 10, хотя она играла без единой ошибки", "school", []),
        ("Квартира оказалась 38 метров, а в объявлении было 45, агент промолчал", None, []),
        ("На 7 этаже в квартирах 15 градусов, батареи чуть тёплые", "city", []),
        ("Наш сектор 112, ряд 14, а стюард посадил туда других", None, []),
        ("Команда заняла 14 место, а абонемент подорожал до 2500", None, ["2500 ₽"]),
        ("Раньше проездной был 1900, теперь уже 2400, а автобусы те же", "city", ["1900 ₽", "2400 ₽"]),
    ],
)
def test_scores_places_floors_and_measures_are_no_money(text: str, kind: str | None, money: list[str]) -> None:
    assert sums(text, kind) == money


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("Заплатили 2800 за абонемент, а половини занять не було, тренерка хворіла", ["2800"]),
        ("Нарахували за воду 640, хоча лічильник показує менше, сусіди платять 410", ["410"]),
        ("Зняли 450 грн двічі за одну поїздку", ["450 грн"]),
    ],
)
def test_a_ukrainian_sum_keeps_the_currency_the_author_wrote_or_none(text: str, money: list[str]) -> None:
    found = sums(text)
    assert found[-len(money) :] == money
    if "грн" not in text:
        assert not any("грн" in v or "₴" in v for v in found)


def test_a_score_is_no_loyalty_points_nor_a_promo() -> None:
    for text in (
        "На экзамене по сольфеджио нам занизили оценки, у всех по 3-4 балла",
        "Дочь набрала на вашем пробнике 58 баллов из 100, а на ЕГЭ получила 86",
    ):
        reading = read_comment(text, kind="school")
        assert reading.facts.get("perk") is None
        assert reading.topic.value not in ("promo", "price")


# --- Titles name no staff; a wait named as one; a simile is no child ---


@pytest.mark.parametrize(
    "text",
    [
        "Смотрели у вас в кинозале фильм «Водитель для Веры», а звук всё время пропадал",
        "Купила книгу «Повар и его ученик», пришла без обложки",
        "Роман «Мастер и Маргарита» привезли с рваными страницами",
        "Заказали для внука книгу «Курьер» Шахназарова, а пришла совсем другая",
    ],
)
def test_a_title_names_no_member_of_staff(text: str) -> None:
    assert read_comment(text).facts.get("staff") is None


def test_staff_outside_a_title_is_still_read() -> None:
    assert read_comment("Мастер опоздал на час, а потом ещё и нахамил").facts.get("staff") == "мастер"
    text = "Курьер швырнул коробку с книгой «Мастер и Маргарита» прямо в лужу"
    assert read_comment(text).facts.get("staff") == "курьер"


def test_a_title_calls_nobody_names() -> None:
    for text in (
        "Показывали фильм «Вор в законе», а звук хрипел весь сеанс",
        "Поставили спектакль «Жулик и мышь», декорации падали",
    ):
        assert "name_calling" not in read_comment(text).facts.flags


@pytest.mark.parametrize(
    ("text", "waited"),
    [
        ("Дозвонилась на горячую линию — 50 минут ожидания, а горячей воды нет уже 4 дня", "50 минут"),
        ("Провисела 35 минут на линии, а свет так и не дали уже 2 дня", "35 минут"),
    ],
)
def test_the_wait_is_the_wait_named_not_the_days_something_is_broken(text: str, waited: str) -> None:
    assert read_comment(text).facts.get("waited") == waited


def test_a_simile_is_no_child_and_a_concert_is_no_charge() -> None:
    assert "child" not in read_comment("Менеджер разговаривала со мной как с ребёнком").facts.flags
    assert "child" in read_comment("Мой ребёнок ждал вас два часа").facts.flags
    reading = read_comment("Сына сняли с концерта за день до выступления, никого не предупредив", kind="school")
    assert "charged" not in reading.facts.flags
    assert reading.topic.value != "refund"


# --- A troll's price-and-accusation: one calm line about that thing, with facts to fill ---


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Кроссовки по цене айфона, а шьют их в подвале за копейки 🤡", r"сделано|цен"),
        ("Цены как в ЦУМе, а делают всё в гараже на коленке, ага", r"сделано|цен"),
        ("Ценник как в ресторане, а деньги всё себе в карман, понятно куда", r"деньги|цен"),
        ("Берёте как за золото, а учат студенты-первокурсники без опыта", r"преподаёт|работает"),
        ("Лохов разводите с такими ценами, совесть есть?", r"цен"),
    ],
)
@pytest.mark.parametrize("label", [Label.TROLLING, Label.IMPULSIVE])
def test_a_trolls_price_and_accusation_gets_its_thing_and_facts(label: Label, text: str, about: str) -> None:
    found = drafts(label, text, kind="school" if "учат" in text else "shop")
    assert found
    for draft in found:
        assert not _BRUSH_OFF.search(draft), draft
        assert "[факты" in draft, draft
        assert re.search(about, draft), draft


# --- A call to act together: how each case gets reviewed ---


@pytest.mark.parametrize(
    ("text", "kind", "about"),
    [
        ("Родители, давайте вместе напишем в минобр: детям на олимпиаде занизили баллы!", "school", r"оценк|балл"),
        ("Пишем коллективную жалобу: нам всем в ноябре насчитали лишнее за воду, соберём подписи", "city", r"отдельно"),
        ("Подписываем петицию в мэрию: маршрут 8 отменили без предупреждения, давайте все!", "city", r"отдельно"),
        (
            "Давайте все вместе напишем в Роспотребнадзор, соберём подписи: воду отключают каждую неделю",
            None,
            r"отдельно|сами",
        ),
        ("Пишем коллективную жалобу в прокуратуру на штрафы контролёров, образец в закрепе", "city", r"отдельно|сами"),
    ],
)
def test_a_call_to_act_together_says_how_each_case_is_reviewed(text: str, kind: str, about: str) -> None:
    found = drafts(Label.DIRECTED, text, kind=kind)
    assert found
    for draft in found:
        assert not _EMPTY.search(draft), draft
        assert "Напишите, пожалуйста, что случилось" not in draft, draft
        assert re.search(about, draft), draft
        assert re.search(r"личн|каждо", draft), draft


# --- An accusation with its own figures is answered as read ---


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        # A charge named beside «мошенники» is answered as the charge (round 11), with its sum.
        ("Мошенники! В договоре одна сумма, а списали на 700 больше. Верните 700!", r"700"),
        ("Жулики, в чеке три позиции, а пробили пять, верните 1250", r"\[факты|1250"),
        ("Воруете! Оплатил 10 тренировок, отметили 7, а деньги за 3 не вернули", r"\[факты"),
        ("Мошенники, у вас вес посылки 4 кг, а на моих весах 2,5. Верните разницу!", r"\[факты"),
    ],
)
def test_an_accusation_with_figures_is_not_asked_what_happened(text: str, answered: str) -> None:
    found = drafts(Label.IMPULSIVE, text, author="Виктор")
    assert found
    for draft in found:
        assert not _EMPTY.search(draft), draft
        assert not _BRUSH_OFF.search(draft), draft
        assert "связь" not in draft, draft  # a contract is no internet provider's
        assert re.search(answered, draft), draft


def test_an_accusation_with_a_sum_asked_back_names_it() -> None:
    for draft in drafts(Label.IMPULSIVE, "Мошенники! Насчитали за отопление вдвое, верните 2300 за переплату"):
        assert "2300" in draft, draft


# --- A price set against a competitor's: both prices, never the brush-off ---


@pytest.mark.parametrize(
    ("text", "kind", "prices"),
    [
        ("На Озоне такие же наушники 2990, а у вас 4490", "shop", ("2990", "4490")),
        ("У вас абонемент 3500, а в соседнем зале такой же 2800", "fitness", ("3500", "2800")),
        ("В Леруа эта краска 1390, у вас 1790. Серьёзно?", "shop", ("1390", "1790")),
        ("В Новосибирске билет в зоопарк 450, а у нас 700, и зверей меньше", None, ("450", "700")),
    ],
)
@pytest.mark.parametrize("label", [Label.TROLLING, Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_price_against_a_competitors_names_both(
    label: Label, text: str, kind: str | None, prices: tuple[str, str]
) -> None:
    found = drafts(label, text, kind=kind)
    assert found
    for draft in found:
        assert not _BRUSH_OFF.search(draft), draft
        for price in prices:
            assert price in draft, draft


def test_a_ukrainian_price_against_a_competitors_names_both_without_a_currency() -> None:
    for label in (Label.TROLLING, Label.CONSTRUCTIVE):
        for draft in drafts(label, "На Розетці такий самий чайник 1200, а у вас 1700. Ну і ціни", kind="shop"):
            assert "1200" in draft and "1700" in draft, draft
            assert not _BRUSH_OFF.search(draft), draft
            assert "грн" not in draft, draft


@pytest.mark.parametrize(
    ("text", "rival"),
    [
        ("В Леруа эта краска 1390, у вас 1790. Серьёзно?", "в Леруа"),
        ("На Вайлдберриз тот же шарф 900, а у вас 1500", "на Вайлдберриз"),
        ("В Новосибирске билет в зоопарк 450, а у нас 700", "в Новосибирске"),
    ],
)
def test_the_competitor_is_named_where_the_author_named_it(text: str, rival: str) -> None:
    for draft in drafts(Label.TROLLING, text):
        assert f"а {rival} " in draft, draft


def test_a_place_named_without_two_prices_is_no_competitor() -> None:
    assert read_comment("В Леруа мне сказали, что у вас дешевле, а тут 1790").facts.get("rival") is None
