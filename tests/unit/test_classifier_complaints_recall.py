"""Complaints the rules used to read as neutral or praise: English and Ukrainian complaints, safety claims
with a relief word, bitter thanks after a failure, an accusation, an insult said as an address. Every
phrase is written for this test; each kind has several wordings, so no single sentence is what passes."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, RulesClassifier, Verdict, create_classifier


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return create_classifier()


def _verdict(clf: RulesClassifier, text: str) -> Verdict:
    return clf.classify(MessageIn(text=text))


@pytest.mark.parametrize(
    "text",
    [
        # English: refunds, double charges, waiting, nobody answers, broken things
        "Still no refund for my cancelled booking, it has been three weeks",
        "They billed me twice for one lunch and nobody replies to my emails",
        "The kettle I bought is broken out of the box, I want my money back",
        "We waited for hours at reception and no one came, the door was locked",
        "My parcel never arrived and support doesn't answer",
        "The washing machine doesn't work since Monday, please fix it",
        # Ukrainian: not working for a week, nobody answers, money not returned, locked doors
        "Ліфт не працює вже тиждень, ніхто нічого не робить",
        "Гроші досі не повернули, а підтримка мовчить",
        "Замовлення так і не прийшло, оператор не бере трубку",
        "Приїхали ввечері, а двері зачинені і нікого немає",
        "Чекаємо майстра третій день, ніхто не відповідає",
    ],
)
def test_english_and_ukrainian_complaints_are_negative(clf: RulesClassifier, text: str) -> None:
    v = _verdict(clf, text)
    assert v.negative, v


@pytest.mark.parametrize(
    "text",
    [
        # a relief word beside the harm must not cancel it
        "В салате был осколок стекла, хорошо что сын вовремя заметил и не проглотил",
        "Слава богу ребёнок не пострадал, но полка в примерочной рухнула прямо на него",
        "Самокат сложился на ходу, муж чудом не разбился",
        "Luckily nobody was hurt, but the heater in our room started sparking",
        "The bunk bed ladder snapped and my son almost fell on his head",
        # residence and utility hazards
        "В хостеле клопы, вся спина искусана",
        "Из-под крана бежит ржавая вода уже неделю, как этим мыть ребёнка?",
        "У номері таргани і цвіль на стінах",
        "Found bedbugs in the hostel room, we are covered in bites",
        "В подъезде сильный запах газа, никто не приезжает",
    ],
)
def test_safety_claims_are_reports(clf: RulesClassifier, text: str) -> None:
    v = _verdict(clf, text)
    assert v.negative, v
    # a hazard is answered as a report: never as a joke or as venting
    assert v.label is Label.CONSTRUCTIVE, v


@pytest.mark.parametrize(
    "text",
    [
        "Бронь потеряли, ночевали в машине. Спасибо",
        "Доставку отменили за час до праздника, торт так и не привезли, спасибо вам большое",
        "Our booking was cancelled without notice, we slept at the station. Thanks a lot",
    ],
)
def test_thanks_closing_a_failure_is_bitter(clf: RulesClassifier, text: str) -> None:
    v = _verdict(clf, text)
    assert v.label is not Label.POSITIVE and v.negative, v


@pytest.mark.parametrize(
    "text",
    [
        "Курьер приехал быстро и без опозданий, спасибо",
        "Всё пришло целым, спасибо",
        "Thanks, the order came on time",
        "Дякую, все прийшло вчасно",
    ],
)
def test_sincere_thanks_stay_positive(clf: RulesClassifier, text: str) -> None:
    v = _verdict(clf, text)
    assert not v.negative, v


@pytest.mark.parametrize(
    "text",
    [
        "Не клуб, а секта какая-то: тренеры давят на всех купить пакет",
        "Это не курсы, а секта, людям впаривают абонементы в кредит",
    ],
)
def test_accusations_are_negative(clf: RulesClassifier, text: str) -> None:
    assert _verdict(clf, text).negative


@pytest.mark.parametrize(
    ("text", "insult"),
    [
        ("Опять подняли цены, а вы всё платите, олени", "олени"),
        ("Бараны, вы правда верите в эти обещания?", "бараны"),
    ],
)
def test_weak_insult_said_as_an_address_is_toxic(clf: RulesClassifier, text: str, insult: str) -> None:
    v = _verdict(clf, text)
    assert v.toxic and v.negative, v


@pytest.mark.parametrize(
    "text",
    [
        "Do you deliver to the airport on Sundays?",
        "Is the hostel open for check-in after midnight?",
        "Чи працюєте ви в неділю?",
        "Де можна забрати замовлення?",
        "Бараны на ферме уже подстрижены, шерсть можно забрать в субботу",
    ],
)
def test_questions_and_plain_talk_stay_calm(clf: RulesClassifier, text: str) -> None:
    v = _verdict(clf, text)
    assert not v.negative and not v.toxic, v
