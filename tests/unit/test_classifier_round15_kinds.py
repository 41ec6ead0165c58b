"""Kinds of comment round 15's reading found misread by the rules (issues 17/18), each in several wordings,
businesses and languages, none of them the reading's or the labels21 held-out set's own strings.
"""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, create_classifier

# A price compared with a rival's, or likened to a luxury place: a price complaint, not mockery.
PRICE_COMPARE = [
    "На Вайлдберриз этот чайник 2300, у вас 3900. Вы серьёзно?",
    "Зашла в аптеку через дорогу: те же капли 180 руб, у вас 420. Как так?",
    "У конкурентов мойка кузова 600, у вас 1100, а моют так же",
    "в ДНС эта видеокарта на 7 тысяч дешевле чем у вас, 54 990 против 61 990",
    "Цены у вас как в ГУМе, а обслуживание как в столовке",
    "ценник как в ресторане, а кормят как в студенческой столовой",
    "Same sneakers cost $120 on eBay, you charge $185. Seriously?",
    "В сусідньому магазині цей самий шампунь 150 грн, у вас 290",
    "Латте 350 рублей, а в кофейне напротив 200, и порция больше",
    "абонемент в бассейн 6000, когда по соседству 3500 за то же",
]

# The same comparison with an insult: a jab.
PRICE_INSULT = [
    "цены как в ЦУМе, а персонал тупой как пробка, лохов разводите",
    "на Озоне 500, у вас 900, идиоты жадные",
]

# Worn, loose or broken equipment, a slippery floor, bare wires, often brushed off by staff: a safety claim.
HAZARD = [
    "На скалодроме карабин на третьей трассе не защёлкивается до конца. Сказал тренеру — ответил, что сойдёт",
    "У беговой дорожки в углу оголённые провода под ногами, люди занимаются рядом",
    "В бассейне поручень у лестницы шатается и болтается, вчера бабушка чуть не упала",
    "На качелях в парке развлечений цепь перетёрта, дети катаются. Охранник сказал не моё дело",
    "The harness strap at the rope park is frayed almost through, the instructor just shrugged",
    "У батуті сітка порвана знизу, дитина могла впасти. Адміністратор сказав нормально",
    "Ступени на входе в кафе скользкие как лёд, я упала и ушибла руку, а официант отмахнулся",
]

# A mock "hazard", a guess or a laugh about an absurd material: a jab, never a safety claim.
MOCK_HAZARD = [
    "ваши стулья наверное из картона, сядешь и улетишь в подвал 😂",
    "пицца у вас видимо из пенопласта, зато не отравишься 😂",
    "у вас в аквапарке вода радиоактивная, ага, зато светимся",
]

# Thanks with a friendly joke, thanks for work done in bad weather: praise.
THANKS_JOKE = [
    "Спасибо поддержке, ответили в воскресенье в полночь 🙏 вы вообще спите? 😄",
    "Спасибо за ответ в 6 утра, вы что, роботы? 😅",
    "Спасибо, Марина, вы волшебница! Вы там вообще отдыхаете? 😊",
    "Thanks for answering at 2am, do you ever sleep? 😄",
]

HARD_PRAISE = [
    "Спасибо курьеру Сергею, в метель привёз всё вовремя и с улыбкой",
    "Спасибо электрикам, в мороз под минус 25 всю ночь чинили и к утру дали свет",
    "Благодарю водителя, в гололёд довёз аккуратно и без опозданий",
]

# Ironic praise around a concrete failure, closed by a spoiled occasion: a complaint.
IRONY = [
    "Отличная доставка! Обещали к 18:00, привезли в 23:30. Ужин при свечах удался, спасибо",
    "Супер сервис! Ремонт ноутбука «3 дня», а прошёл уже месяц. Восхищаюсь",
    "Шикарная гостиница! Номер с завтраком, а завтрак закончился в 8 утра. Отпуск мечты",
]

# A defect after a purchase, told calmly, or a bug report, in Russian, English or Ukrainian: a report.
DEFECT = [
    "Здравствуйте, купил у вас сковороду, после второй готовки отслоилось покрытие. Чек есть, можно вернуть?",
    "Добрый вечер. В книге, которую заказали, страницы 200–232 отпечатаны вверх ногами. Подскажите, как обменять?",
    "Здравствуйте, купленная неделю назад лампа не включается, чек сохранила",
    "The app keeps crashing when I open my orders on iPhone 12",
    "Your site won't accept my card at checkout, the button is greyed out",
    "Кросівки відклеїлись після тижня носіння, купувала у вас за 2400",
    "Чашка тріснула після першого миття, замовлення 3317",
]

# A rumour of fraud or corruption, or a complaint taken to a regulator: negative.
ACCUSATION = [
    "В вашей школе олимпиады выигрывают только по блату, все знают. Пишу в министерство",
    "Вы своим сотрудникам баллы начисляете, а у покупателей списываете, уже второй раз пропали 800 баллов",
    "Тренер ставит в основной состав только тех, кто заплатил сверху",
    "Председатель ТСЖ взносы прикарманивает, отчёта нет третий год. Подаём заявление в прокуратуру",
]

# Near-misses that must keep their label.
NEUTRAL = [
    "Подскажите, в Озоне у вас есть официальный магазин?",
    "Сколько стоит мойка кузова у вас на Садовой?",
    "Есть ли у вас страховочное снаряжение напрокат?",
    "Когда будут результаты олимпиады?",
]
POSITIVE = [
    "Спасибо, всё пришло целым, качество отличное",
    "Отличный праздник, спасибо аниматорам! Дети в восторге, день рождения удался",
    "Прекрасный отель, номер с видом на море, отпуск мечты",
    "Лучшая пицца в городе, курьер вежливый",
]


# Still misread (expected failures): irony whose failure lies only in the meaning, and a news headline with
# a complaint word in it.
STILL_MISSED = [
    (
        "Прекрасный салон, спасибо. Записалась на окрашивание в пепельный, вышла рыжей. Свадьба удалась",
        Label.CONSTRUCTIVE,
    ),
    ("Прокуратура проверит управляющие компании города после жалоб на отопление", Label.NEUTRAL),
]


@pytest.fixture(scope="module")
def clf():  # type: ignore[no-untyped-def]
    return create_classifier()


def _label(clf, text: str) -> Label:  # type: ignore[no-untyped-def]
    return clf.classify(MessageIn(text=text)).label


@pytest.mark.parametrize("text", PRICE_COMPARE)
def test_a_price_compared_is_a_price_complaint(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", PRICE_INSULT)
def test_a_price_compared_with_an_insult_is_a_jab(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.TROLLING


@pytest.mark.parametrize("text", HAZARD)
def test_worn_or_loose_equipment_is_a_safety_claim(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    v = clf.classify(MessageIn(text=text))
    assert v.label is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", MOCK_HAZARD)
def test_a_mock_hazard_is_a_jab(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.TROLLING


@pytest.mark.parametrize("text", THANKS_JOKE + HARD_PRAISE)
def test_thanks_with_a_joke_or_in_hard_conditions_is_praise(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.POSITIVE


@pytest.mark.parametrize("text", IRONY)
def test_ironic_praise_around_a_failure_is_a_complaint(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", DEFECT)
def test_a_polite_defect_report_is_a_complaint(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", ACCUSATION)
def test_a_rumour_of_fraud_is_negative(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text).negative


@pytest.mark.parametrize("text", NEUTRAL)
def test_questions_and_news_near_the_kinds_stay_neutral(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.NEUTRAL


@pytest.mark.parametrize("text", POSITIVE)
def test_plain_praise_stays_praise(clf, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is Label.POSITIVE


@pytest.mark.xfail(strict=True, reason="beyond word rules: the failure or the neutrality lies in the meaning")
@pytest.mark.parametrize(("text", "gold"), STILL_MISSED)
def test_still_missed(clf, text: str, gold: Label) -> None:  # type: ignore[no-untyped-def]
    assert _label(clf, text) is gold
