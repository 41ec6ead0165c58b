"""bot.replies.reading: the topic, the facts and the language of a comment, read before answering."""

from __future__ import annotations

import pytest

from bot.domain.reading import Topic
from bot.replies.reading import detect_language, read_comment

FACTS = [
    ("Заказ 78213 оформила в 19:00, курьер не приехал", {"order": "78213", "time": "19:00"}),
    ("№55120, не хватало сыра и яблок", {"order": "55120", "items": "сыра и яблок"}),
    ("Привезли заказ №30914 без соуса и без колы", {"order": "30914", "items": "соуса и колы"}),
    ("Забыли положить приборы и соус, заказ 12098", {"order": "12098", "items": "приборов и соуса"}),
    ("Приложение не открывается, айфон 13, iOS 17.4", {"device": "айфон 13", "os": "iOS 17.4"}),
    ("Xiaomi Redmi Note 10, Android 12, не пускает", {"device": "Xiaomi Redmi Note 10", "os": "Android 12"}),
    ("Списали дважды 1 290 ₽ в Пятёрочке", {"amount": "1 290 ₽"}),
    ("Почему за октябрь списали 950 вместо 650?", {"amount": "950 ₽", "amount2": "650 ₽"}),
    ("Перевела 15000 по номеру телефона не тому человеку", {"amount": "15 000 ₽"}),
    ("Хліб вже 45 грн", {"amount": "45 грн"}),
    ("Промокод WELCOME15 не применяется", {"promo": "WELCOME15"}),
    ("Третий день нет интернета на Гагарина 14, договор 7700123", {"place": "на Гагарина 14", "contract": "7700123"}),
    ("В доме 8 по Лесной нет горячей воды", {"place": "в доме 8 по Лесной", "service": "горячая вода"}),
    ("Посылка застряла, трек RA123456789RU не меняется", {"tracking": "RA123456789RU"}),
    ("Вопрос по возврату, обращение 88412", {"ticket": "88412"}),
    ("Жду посылку уже 12 дней, с 3 марта тишина", {"waited": "12 дней", "date": "3 марта"}),
    ("После ваших роллов с лососем плохо", {"product": "роллы с лососем"}),
    ("Оплатила курс по Excel, доступа нет", {"product": "курс по Excel"}),
    ("Вместо Филадельфии положили Калифорнию, заказ 44871", {"swap": "вместо Филадельфии положили Калифорнию"}),
    ("Кассир в магазине на Ленина нахамила", {"staff": "кассир", "place": "на Ленина"}),
    ("Мобильный банк пишет «сервис временно недоступен»", {"message": "сервис временно недоступен"}),
    (
        "Order 66213 came without the fries and the drink, and I paid",
        {"order": "66213", "items": "the fries and the drink"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), FACTS)
def test_facts_the_author_gave(text: str, expected: dict[str, str]) -> None:
    facts = read_comment(text).facts
    for name, value in expected.items():
        assert facts.get(name) == value, (name, facts)


NOT_FACTS = [
    ("Заказ 41877 должны были привезти вчера с 18 до 20", "amount"),  # a time span, not money
    ("iOS 17.2 и айфон 12", "date"),  # a version, not a date
    ("Третий день нет интернета", "items"),  # no internet is not a missing item
    ("до горячей линии не дозвониться, ответа нет", "items"),
    ("Переводила по номеру телефона", "product"),
]


@pytest.mark.parametrize(("text", "name"), NOT_FACTS)
def test_what_is_not_a_fact(text: str, name: str) -> None:
    assert read_comment(text).facts.get(name) is None


TOPICS = [
    ("Заказ 78213 курьер так и не привёз", Topic.DELIVERY),
    ("№55120, не хватало сыра и яблок. Верните деньги", Topic.ITEMS),
    ("Кроссовки пришли с отклеенной подошвой", Topic.QUALITY),
    ("Списали дважды 2 450 ₽ за такси", Topic.REFUND),
    ("Почему гречка подорожала на 30 рублей?", Topic.PRICE),
    ("После обновления приложение вылетает", Topic.APP),
    ("До горячей линии невозможно дозвониться", Topic.SUPPORT),
    ("С утра нет интернета на Профсоюзной", Topic.OUTAGE),
    ("Промокод SPRING20 пишет «не существует»", Topic.PROMO),
    ("После шаурмы отравились всей семьёй", Topic.SAFETY),
    ("А вы за какую партию голосуете?", Topic.POLITICS),
    ("Этот магазин спонсирует сами знаете кого", Topic.ACCUSATION),
    ("Курьер нахамил жене", Topic.RUDENESS),
    ("Уберите музыку в торговом зале", Topic.OTHER),
    ("Когда вернёте молоко? Третий день пустые полки", Topic.OTHER),
]


@pytest.mark.parametrize(("text", "topic"), TOPICS)
def test_topic(text: str, topic: Topic) -> None:
    assert read_comment(text).topic is topic


def test_flags() -> None:
    assert "double_charge" in read_comment("Списали 2 раза за одну поездку").facts.flags
    assert "wants_refund" in read_comment("Верните деньги за недостающее").facts.flags
    assert "stock" in read_comment("Когда вернёте молоко?").facts.flags
    assert "stock" not in read_comment("Когда вернёте деньги?").facts.flags
    assert "health" in read_comment("У ребёнка поднялась температура").facts.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Заказ 44120 досі не доставили, хоча обіцяли в понеділок", "uk"),
        ("Не можу оплатити замовлення 33120 карткою, пише помилка", "uk"),
        ("Жах, а не доставка. Чекала весь день", "uk"),
        ("My order 55102 was supposed to arrive on Monday", "en"),
        ("Заказ не пришёл, что за ерунда", "ru"),
        ("iPhone 13 iOS 17", "ru"),  # too little to tell: the chat's language
    ],
)
def test_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_insults_are_noticed() -> None:
    assert read_comment("Кто вообще покупает эту дрянь, только лохи").insult
    assert read_comment("Курьер ваш дебил").insult
    assert not read_comment("Курьер опоздал на час").insult


def test_without_a_text_the_problem_phrase_is_read() -> None:
    assert read_comment(None, problem="доставка заказа").topic is Topic.DELIVERY
    assert read_comment("", problem=None).topic is Topic.OTHER
