"""Frames the cm17 and cm18 readings found misread by the rules (bot/classifier/frames.py): praise told with
shock or disbelief, a tip for the readers, a polite complaint closed by thanks, English irony and calm
hazards in a friendly frame, mocking questions with no marker word, a rise said by its percent. Each in
several wordings and businesses, none of them the readings' or the labels24 held-outs' own strings; the
near-misses beside each kind keep their label.
"""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, create_classifier

SHOCK_PRAISE = [
    "Я в шоке, колеса перебортовали за двадцать минут и даже кофе налили. Ребята, вы лучшие",
    "Не верила, что кошка переживёт переезд без стресса, а ваша переноска её спасла. Спасибо магазину!",
    "Так вообще бывает? Позвонила в 9, к обеду сантехник уже ушёл, всё сухо. Рекомендую",
    "Не ожидал, что химчистка выведет пятно от вина с белой рубашки. Вы волшебники 🙏",
    "Я в шоці, наскільки смачний ваш борщ, як у бабусі 😍",
]

READER_TIP = [
    "Для тех, кто едет на концерт: от метро ходит бесплатный шаттл каждые 15 минут",
    "Кстати, в субботу у входа в парк будут раздавать саженцы, приходите пораньше",
    "Многие не знают, но в читальном зале можно бесплатно распечатать до 10 страниц",
]

POLITE_SHORTFALL = [
    "Здравствуйте. Записывались на замену масла на 12:00, машину взяли в 13:40. Просьба предупреждать о сдвигах. Спасибо.",
    "Добрый день. Заказывали пиццу к 19:00, привезли в 20:30, гости уже разошлись. Прошу учесть. Спасибо",
    "Добрый вечер. Бронировали баню на 18:00, пустили в 18:50. Хотелось бы, чтобы время соблюдали. Заранее спасибо",
    "Здравствуйте. В тренажёрном зале третью неделю не работает кондиционер. Хотелось бы, чтобы его починили. Спасибо",
]

EN_IRONY = [
    "Oh lovely, the 'new' phone case you sent is already cracked at the corner. Great quality 🙃",
    "Thanks for nothing: I called four times about my deposit and never got an answer.",
    "Love waiting 40 minutes for a 'five-minute' car wash. Really appreciate it.",
    "Brilliant 'same-day' delivery, my groceries have been on the way since Friday 👏",
]

EN_HAZARD = [
    "Lovely evening, thanks! By the way, the smoke alarm in the corridor keeps beeping, the battery looks dead.",
    "Great lesson today. One thing: the handrail on the stairs to the changing room is loose and wobbles.",
    "Nice cafe, cosy and quiet. The gas heater on the terrace smells of gas even when it's switched off.",
]

MOCK_QUESTION = [
    "Адміне, а ви самі хоч раз стояли у вашій черзі? Чи тільки звіти пишете?",
    "Скажіть чесно, у вас у кол-центрі є хтось живий, чи там самі роботи?",
    "Аквааэробика это вообще спорт? Поплескались полчаса и деньги за это берёте, удобно устроились",
    "Кондуктори у вас теж по графіку думають? Чи тільки в день зарплати прокидаються?",
]

PERCENT_RISE = [
    "Добрый день. С января абонемент в бассейн подорожал на 35%, а часы те же. Есть ли скидка для семей?",
    "Тариф у вас подорожал на 20%, а скорость та же. Будут ли варианты для пенсионеров?",
]

RUMOUR = [
    "Слышала, что ваша клиника работает без лицензии на стоматологию. Это правда? Хотела записать маму",
    "Знакомые рассказывали, что вы обманываете с пробегом машин в прокате. Это так?",
    "Говорят, у вас незаконно пристроили веранду и летом её снесут. Бронь на июль ещё в силе?",
]
POLITICAL_JAB = [
    "Вы бы лучше рассказали, кто в городской думе на самом деле рулит, а не по методичке строчили",
    "Опять у вас всё по методичке 🥱 а куда деньги на ремонт школ ушли, молчите",
]
MASKED_MAT = [
    "Ну это пздц, третий раз перепутали заказ",
    "Пздц а не сервис, ждал мастера весь день",
]

# near-misses: these keep their label
SHOCK_COMPLAINT = [
    "Я в шоке от вашего сервиса: третий раз привозят чужой заказ",
    "Не ожидала такого хамства от администратора, накричала при детях",
    "Так вообще бывает? Оплатил неделю назад, а заказ до сих пор не собран",
]
EN_PRAISE = [
    "Lovely stay, thank you! The room was spotless and the staff were so kind.",
    "Great job on the wedding cake, everyone asked where we ordered it!",
    "Love the new menu, the pumpkin soup is amazing. Thanks team!",
]
PLAIN_QUESTION = [
    "Админ, а когда откроется запись на январь?",
    "Скажіть, будь ласка, чи працюєте ви в неділю?",
    "Do you have a changing table in the restroom? Coming with a baby on Sunday.",
]
RUMOUR_GOOD = [
    "Говорят, у вас скоро откроется второй зал, это правда?",
    "Слышал, что вы начали возить продукты в Подольск — с какого числа?",
]
NEWS_FIGURE = [
    "Цены на бензин в регионе выросли на 4% за месяц, сообщает статистика",
    "По данным Росстата, хлеб подорожал на 2% с начала года",
]


@pytest.fixture(scope="module")
def clf():
    return create_classifier()


def _label(clf, text: str) -> Label:
    return clf.classify(MessageIn(text=text)).label


@pytest.mark.parametrize("text", SHOCK_PRAISE + EN_PRAISE)
def test_praise_with_shock_or_english_praise_is_positive(clf, text: str) -> None:
    assert _label(clf, text) is Label.POSITIVE


@pytest.mark.parametrize("text", READER_TIP + PLAIN_QUESTION + NEWS_FIGURE + RUMOUR_GOOD)
def test_tips_questions_and_news_are_not_negative(clf, text: str) -> None:
    assert not _label(clf, text).negative


@pytest.mark.parametrize("text", POLITE_SHORTFALL + EN_IRONY + EN_HAZARD + PERCENT_RISE)
def test_polite_ironic_and_calm_complaints_are_constructive(clf, text: str) -> None:
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", EN_HAZARD)
def test_calm_english_hazard_is_a_safety_claim(clf, text: str) -> None:
    assert clf.judge(MessageIn(text=text)).features.hazards


@pytest.mark.parametrize("text", MOCK_QUESTION)
def test_mocking_question_without_marker_is_trolling(clf, text: str) -> None:
    assert _label(clf, text) is Label.TROLLING


@pytest.mark.parametrize("text", SHOCK_COMPLAINT)
def test_shock_at_a_failure_stays_negative(clf, text: str) -> None:
    assert _label(clf, text).negative


@pytest.mark.parametrize("text", RUMOUR)
def test_rumour_of_wrongdoing_is_an_accusation_to_answer(clf, text: str) -> None:
    j = clf.judge(MessageIn(text=text))
    assert j.features.accusation
    assert j.verdict.label is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", POLITICAL_JAB)
def test_talking_points_jab_is_political_trolling(clf, text: str) -> None:
    assert _label(clf, text) is Label.TROLLING


@pytest.mark.parametrize("text", MASKED_MAT)
def test_vowel_dropped_mat_is_toxic(clf, text: str) -> None:
    assert clf.classify(MessageIn(text=text)).toxic
