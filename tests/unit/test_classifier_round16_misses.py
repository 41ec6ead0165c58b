"""Kinds round 16's blind reading still found misread after its first fixes: a calm hazard in a public place,
a polite price rise or a price called too high by what else it would buy, a price mocked next to its
figure, ironic thanks for a botched job and irony around the facts of a failure. Several wordings and
businesses each, with the near-misses that must keep their label."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn
from bot.classifier.engine import RulesClassifier

# A danger where people pass, told calmly with no staff named: a safety claim.
PUBLIC_HAZARDS = [
    "Возле гаражей на Советской открыт люк, крышки нет, там дети срезают дорогу в школу.",
    "У подъезда дома Ленина 40 на козырьке огромная сосулька, висит прямо над входом.",
    "На пруду у лодочной станции во льду полынья, а рядом катаются на коньках.",
    "Перила на пешеходном мосту у рынка совсем шатаются, держаться за них страшно.",
    "Из люка на Мира второй день валит пар, вокруг всё обледенело, люди ходят в обход по дороге.",
    "Тротуар у поликлиники просел, под ним яма, вечером её не видно.",
    "На детской площадке во дворе торчит арматура из старого фундамента.",
]
# Warnings of weather and questions about a place: no claim against anyone.
HAZARD_NEAR = [
    "Подскажите, каток в парке уже открыли? Лёд залили?",
    "Горку во дворе обещали залить к выходным, кто знает, уже можно кататься?",
    "Какой толщины лёд на пруду сейчас, можно ли уже кататься?",
]
# A rise told by both figures, or a price measured by what else it would buy: a price complaint.
PRICE_COMPLAINTS = [
    "Абонемент на месяц теперь 3200 вместо 2400. Семьям с детьми как быть?",
    "Талон на обед в столовой 260 рублей, в прошлом году был 180. Как студентам жить?",
    "Стоянку подняли с 100 до 180 в час. Работникам рядом на что парковаться?",
    "Торт 4500 ₽ за килограмм. За эти деньги можно два торта в кондитерской взять.",
    "Экскурсия 2800 с человека на час. За такие деньги можно на поезде в соседний город съездить.",
]
# A price mocked next to its figure: a price complaint, not a jab.
PRICE_SARCASM = [
    "Шиномонтаж 6000 за четыре колеса. Гайки из золота ставите?",
    "Салат 890 рублей, там икра вместо огурцов, что ли?",
    "Маникюр 3500 ₽, лак с бриллиантовой крошкой, видимо?",
    "Ужин на двоих 9800. Повар у вас из императорской кухни?",
]
# Questions and news about prices stay neutral.
PRICE_NEAR = [
    "Сколько стоит абонемент на месяц и есть ли скидка студентам?",
    "С 1 февраля стоимость парковки в центре составит 120 рублей в час, сообщает мэрия.",
    "Подскажите, торт на 2 кг сколько будет стоить?",
]
# Thanks for a job botched, said with ironic praise of the result: a complaint.
IRONIC_THANKS = [
    "Спасибо, поклеили обои — стыки разошлись, полосы вкривь. Авторский стиль, не иначе.",
    "Благодарю за ремонт ноутбука: теперь не работает ещё и клавиатура. Креативно!",
    "Спасибо, покрасили волосы — вместо блонда зелёный. Стильно, в тренде.",
    "Спасибо за укорачивание штанов, одна штанина на 4 см короче. Очень модно.",
]
# Sincere thanks stays praise.
THANKS_NEAR = [
    "Спасибо, поклеили обои аккуратно, стыков не видно. Очень стильно получилось!",
    "Благодарю за ремонт ноутбука, работает как новый, всего 2 дня.",
    "Спасибо мастеру, стрижка модная, все на работе спрашивают, где стриглась 💛",
]
# Irony around the facts of a failure: a complaint, not a jab.
IRONY_FACTS = [
    "Браво, как всегда 👏 заказали столик на шестерых, а его отдали банкету. Ждали 40 минут у входа 😂",
    "Просто блестящий сервис: бронь на баню потеряли, прождали полтора часа на морозе. Вот это забота!",
    "Отличная клиника, ничего не скажешь 👏 талон на 8:30, просидели в коридоре два часа.",
]


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return RulesClassifier()


def _label(clf: RulesClassifier, text: str) -> Label:
    return clf.classify(MessageIn(text=text)).label


@pytest.mark.parametrize("text", PUBLIC_HAZARDS)
def test_a_calm_public_hazard_is_a_safety_claim(clf: RulesClassifier, text: str) -> None:
    judged = clf.judge(MessageIn(text=text))
    assert judged.verdict.label is Label.CONSTRUCTIVE
    assert judged.features.hazards


@pytest.mark.parametrize("text", HAZARD_NEAR)
def test_a_question_or_news_about_a_place_is_no_hazard(clf: RulesClassifier, text: str) -> None:
    judged = clf.judge(MessageIn(text=text))
    assert not judged.verdict.negative
    assert not judged.features.hazards


@pytest.mark.parametrize("text", PRICE_COMPLAINTS + PRICE_SARCASM)
def test_a_polite_or_mocking_price_complaint_is_constructive(clf: RulesClassifier, text: str) -> None:
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", PRICE_NEAR)
def test_a_price_question_or_news_stays_neutral(clf: RulesClassifier, text: str) -> None:
    assert _label(clf, text) is Label.NEUTRAL


@pytest.mark.parametrize("text", IRONIC_THANKS + IRONY_FACTS)
def test_irony_around_a_failure_is_a_complaint(clf: RulesClassifier, text: str) -> None:
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", THANKS_NEAR)
def test_sincere_thanks_stays_praise(clf: RulesClassifier, text: str) -> None:
    assert _label(clf, text) is Label.POSITIVE


def test_a_price_mocked_with_an_insult_stays_a_jab(clf: RulesClassifier) -> None:
    for text in (
        "Кофе 600 рублей, зёрна из золота? Только лохи у вас берут",
        "Бутылка воды 300 рублей, из платины, что ли? Покупают у вас одни идиоты",
    ):
        assert _label(clf, text) is Label.TROLLING
