"""Classes the rules read wrong in the community managers' blind reading of round 16: a happy customer's
goodbye, product names in quotes, masked mat, a corruption charge at the authorities, a polite
suggestion that names a shortcoming and calm English hazard reports. Each class in several wordings and
businesses, with the near-misses that must stay as they were."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.classifier import Label, MessageIn, create_classifier
from bot.classifier.normalize import normalize

_CLF = create_classifier()


def _read(text: str):  # type: ignore[no-untyped-def]
    return _CLF.classify(MessageIn(text=text))


# First-person leaving with thanks or good wishes: a happy customer, no call and no alert.
GOODBYES = [
    "Машину забрал, всё отлично, отписываюсь, спасибо ребятам из сервиса!",
    "Ремонт сдали, я отпишусь, чтобы не засорять ленту. Всего доброго всем!",
    "Визу получила, выхожу из чата, удачи всем с документами 🙏",
    "Всё, собаку пристроили, отписываюсь. Спасибо волонтёрам, успехов!",
    "Дякую всім, квартиру знайшли, відписуюсь. Удачі!",
]
# Calls to the audience and quits in anger stay what they were.
CALLS = [
    "Все отписывайтесь от этого канала, они обманщики",
    "Люди, отписывайтесь массово, пусть знают",
    "Отписывайтесь все и ставьте им единицы",
]
QUITS_IN_ANGER = [
    "Заказ 7781 так и не привезли, отписываюсь, удачи вам с такими курьерами",
    "Третий раз обсчитали на кассе, ухожу от вас, спасибо за ничего",
]


@pytest.mark.parametrize("text", GOODBYES)
def test_a_first_person_goodbye_with_thanks_raises_no_alert(text: str) -> None:
    v = _read(text)
    assert not v.label.negative, (text, v.label)


@pytest.mark.parametrize("text", CALLS)
def test_plural_calls_to_leave_stay_directed(text: str) -> None:
    assert _read(text).label is Label.DIRECTED


@pytest.mark.parametrize("text", QUITS_IN_ANGER)
def test_a_leaving_after_a_failure_stays_negative(text: str) -> None:
    assert _read(text).label.negative


# A product or brand name in quotes or Latin letters is no mocking praise: the complaint stays a report.
NAMED_PRODUCTS = [
    "Купила крем «Идеальная кожа», после него на щеках сыпь и жжёт, заказ 55120",
    "Торт «Королевский» привезли помятым, крем растёкся по коробке, заказ 8812",
    'Модель "Comfort Plus" сломалась через неделю, ручка отвалилась, чек есть',
    "Взяли набор «Весёлый повар» — половины деталей нет, коробка вскрыта. Заказ 30417",
]
# Praise words in quotes that are the brand's own, held up to mock, still mock.
SCARE_QUOTES = [
    "Ну да, «лучший» сервис в городе: два часа ждали мастера, так и не пришёл",
    "«Заботливая» поддержка третий день молчит, спасибо",
]


@pytest.mark.parametrize("text", NAMED_PRODUCTS)
def test_a_product_name_in_quotes_is_not_mocking_praise(text: str) -> None:
    v = _read(text)
    assert v.label is Label.CONSTRUCTIVE, (text, v.label)
    assert "praise_in_quotes" not in {str(c) for r in v.reasons for c in r.words}


@pytest.mark.parametrize("text", SCARE_QUOTES)
def test_praise_in_quotes_about_a_failure_stays_negative(text: str) -> None:
    assert _read(text).label.negative


# Masked mat: * @ 0 and dots in the middle of common stems, in Russian and Ukrainian.
MASKED = [
    "что за х*рня опять с доставкой",
    "опять х@рня с терминалом",
    "ну и х.рня у вас творится",
    "п*здец, третий раз переносят",
    "п0здец какой-то с этой очередью",
    "бл*, ну сколько можно",
    "вы там совсем ох**ли?",
    "е6ать, опять не работает",
    "та шо за х*йня з рахунками",
    "це просто п*здець, а не сервіс",
]
INNOCENT = [
    "Скипидар и олифу привезли, спасибо",
    "т.е. доставка будет завтра?",
    "Потребитель имеет право на возврат, т.д. и т.п.",
    "Ансамбль и корабль на фото — это в Таллине?",
    "Заказ на ул.Ленина 5ка принёс вовремя",
    "Самовывоз из г.о. Мытищи, т.е. рядом с вокзалом",
    "Взял #т #торгов в сбере, всё понятно",
]


@pytest.mark.parametrize("text", MASKED)
def test_masked_mat_is_toxic(text: str) -> None:
    v = _read(text)
    assert v.toxic and v.label.negative, (text, v)


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_words_are_not_mat(text: str) -> None:
    assert not _read(text).toxic, text


_MAT = ["херня", "хуйня", "пиздец", "блять", "охуели", "ебать", "сука", "говно", "заебали"]
_FRAMES = ["ну и {} у вас", "{}, опять сломалось", "это {} а не сервис", "опять {} с оплатой"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    word=st.sampled_from(_MAT),
    frame=st.sampled_from(_FRAMES),
    mask=st.sampled_from(["*", "**", "@", ".", "..", "0"]),
    where=st.integers(min_value=1, max_value=3),
)
def test_masking_never_turns_a_toxic_verdict_clean(word: str, frame: str, mask: str, where: int) -> None:
    plain = frame.format(word)
    assert _read(plain).toxic, plain
    i = min(where, len(word) - 2)
    masked = frame.format(word[:i] + mask + word[i + 1 :])
    if mask in (".", ".."):
        # a dot is a mask only when it resolves to a profane word; the masked word must be read back
        assert normalize(masked).masked, masked
    assert _read(masked).toxic, masked


# A corruption charge at the authorities: a political provocation, negative (trolling).
GRAFT = [
    "Детской площадки нет пять лет, а депутатам новые машины купили. Кому откат, интересно? Вор на воре",
    "Больницу закрыли, а в администрации ремонт за миллионы. Одна банда, все воруют",
    "Тендер опять своим отдали, кто в доле, чиновники?",
]
# Political news or a question about the authorities is no provocation.
CIVIC = [
    "Администрация города объявила тендер на ремонт набережной, работы начнутся весной",
    "Подскажите, в мэрию можно записаться на приём онлайн?",
    "Депутаты обсудят бюджет на следующей неделе",
]


@pytest.mark.parametrize("text", GRAFT)
def test_a_corruption_charge_at_the_authorities_is_a_provocation(text: str) -> None:
    v = _read(text)
    assert v.label is Label.TROLLING, (text, v.label)


@pytest.mark.parametrize("text", CIVIC)
def test_civic_news_and_questions_stay_calm(text: str) -> None:
    assert not _read(text).label.negative, text


# A polite suggestion that names a concrete shortcoming is a complaint to answer.
SUGGESTIONS = [
    "Может, откроете ещё одну кассу? Одна на весь магазин, очередь минут двадцать",
    "Было бы здорово поставить лавочки у входа, пожилым негде присесть",
    "Предлагаю добавить вторую раздевалку, стояли в очереди полчаса",
    "Можно ли повесить указатели? Единственный вход найти невозможно",
]
WISHES = [
    "Может, сделаете когда-нибудь мастер-класс по выпечке? Было бы здорово",
    "Было бы здорово добавить ещё сезонное меню, у вас всё вкусно",
    "Подскажите, можно ли поставить машину у входа на время разгрузки?",
]


@pytest.mark.parametrize("text", SUGGESTIONS)
def test_a_suggestion_naming_a_shortcoming_is_constructive(text: str) -> None:
    v = _read(text)
    assert v.label is Label.CONSTRUCTIVE, (text, v.label)


@pytest.mark.parametrize("text", WISHES)
def test_a_plain_wish_or_question_is_not_a_complaint(text: str) -> None:
    assert not _read(text).label.negative, text


# A physical hazard told calmly in English: constructive, never praise.
EN_HAZARDS = [
    "The fence by the duck pond is loose, a kid could easily fall in",
    "Heads up: the step at the back door wobbles a good few cm, someone will trip",
    "There's a broken handrail on the second floor stairs",
    "Exposed wires behind the vending machine in the lobby",
    "The ladder at the climbing wall shakes when you step on it, someone is going to get hurt",
]
EN_CALM = [
    "We waited a good few minutes but the show was worth it, lovely evening",
    "Is the railing area near the lake open to visitors on Sunday?",
    "Loved the new stairs to the lookout, great view",
]


@pytest.mark.parametrize("text", EN_HAZARDS)
def test_an_english_hazard_is_a_safety_claim(text: str) -> None:
    v = _read(text)
    assert v.label is Label.CONSTRUCTIVE, (text, v.label)


@pytest.mark.parametrize("text", EN_CALM)
def test_english_praise_and_questions_stay_calm(text: str) -> None:
    assert not _read(text).label.negative, text
