"""The cases the learned classifier must get right (issue 17, point 3), each in several wordings written
for this test (none copied from the corpus)."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, RulesClassifier, create_classifier
from bot.classifier.learned import MODEL_PATH, LearnedClassifier

NEGATIVE = {Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED}
CALM = {Label.NEUTRAL, Label.POSITIVE}


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return create_classifier(learned=True)


def _label(clf: RulesClassifier, text: str) -> Label:
    return clf.classify(MessageIn(text=text)).label


def test_the_shipped_weights_load() -> None:
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size <= 10_000_000
    assert isinstance(create_classifier(learned=True), LearnedClassifier)
    assert type(create_classifier()) is RulesClassifier


CASES: list[tuple[str, set[Label]]] = [
    # irony that reads as praise but reports a failure
    ("Просто восторг: заказала торт на юбилей, а привезли коробку пельменей", {Label.CONSTRUCTIVE}),
    ("Обожаю ваши сюрпризы, в пакете с яблоками оказались чужие носки", {Label.CONSTRUCTIVE}),
    ("Спасибо за незабываемый вечер, пицца приехала через три часа ледяная", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    ("Благодарим за дивный вечер: суши везли три часа, приехали ледяные", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    (
        "Спасибо за незабываемый праздник, пиццу везли три с половиной часа, холодную как лёд",
        {Label.CONSTRUCTIVE, Label.IMPULSIVE},
    ),
    # polite complaints with no negative word
    (
        "Добрый день, оплатила заказ 48213 в пятницу, а статус до сих пор «ожидает оплаты». Подскажите, что делать?",
        {Label.CONSTRUCTIVE},
    ),
    (
        "Здравствуйте, в чеке за вчера пробили два пакета молока вместо одного, хотелось бы вернуть разницу",
        {Label.CONSTRUCTIVE},
    ),
    (
        "Извините за беспокойство, но курьер оставил посылку у чужой двери, можно как-то это решить?",
        {Label.CONSTRUCTIVE},
    ),
    # price complaints
    ("цены конские, за батон 120 рублей это перебор", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    ("цены у вас конские, сосиски по 500 рублей за кило это слишком", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    ("ну и цены конские, булочка за 95 рублей, перебор", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    ("Опять подняли цены на доставку, 399 за пять километров, вы серьёзно?", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    ("ценник на подписку улетел в космос, раньше было 199 а теперь 349", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    # complaints in slang and typos
    ("прилажуха не грузица второй день, висит на заставке", {Label.CONSTRUCTIVE}),
    ("курер апять опаздал на час, заказ остыл", {Label.CONSTRUCTIVE, Label.IMPULSIVE}),
    ("чет оплата не проходит картой, пишет ошибка сервера, чо за дела", {Label.CONSTRUCTIVE}),
    # English and Ukrainian complaints
    ("My order 5512 never arrived and nobody answers the support chat, refund my money", {Label.CONSTRUCTIVE}),
    ("The app keeps crashing every time I open the basket, please fix it", {Label.CONSTRUCTIVE}),
    ("Замовлення 7731 досі не прийшло, а гроші вже списали", {Label.CONSTRUCTIVE}),
    ("Додаток знову не працює, не можу оплатити рахунок", {Label.CONSTRUCTIVE}),
    # first-person leaving: impulsive, not a call to the audience
    ("Всё, отписываюсь, надоело", {Label.IMPULSIVE}),
    ("отписываюсь от вас, больше ни ногой в ваш магазин", {Label.IMPULSIVE}),
    ("Удаляю приложение и отписываюсь, сил моих больше нет", {Label.IMPULSIVE}),
    # a call to the audience
    ("Всем отписываться от этого канала, пусть знают!", {Label.DIRECTED}),
    ("Ребята, пишем массово жалобы в роспотребнадзор на этих жуликов", {Label.DIRECTED}),
    # stock questions
    ("когда вернёте кефир в магазин на Ленина?", {Label.NEUTRAL}),
    ("Подскажите, будет ли снова в продаже овсяное молоко?", {Label.NEUTRAL}),
    ("А когда завезут зимние шины 16 радиуса?", {Label.NEUTRAL}),
    # headlines and links that only mention a bad word
    ("Сбербанк требует банкротства застройщика из Казани https://example.ru/news/123", {Label.NEUTRAL}),
    ("В Москве задержали мошенников, которые продавали поддельные билеты", {Label.NEUTRAL}),
    ("В Твери задержали мошенников, которые продавали фальшивые абонементы в бассейн", {Label.NEUTRAL}),
    ("Полиция задержала аферистов, торговавших поддельными билетами в цирк", {Label.NEUTRAL}),
    ("В Туле арестовали управляющего бассейном, который брал деньги за несуществующие секции", {Label.NEUTRAL}),
    ("В Калуге задержали сотрудников кафе, которые торговали просроченной выпечкой", {Label.NEUTRAL}),
    ("В Липецке оштрафовали сеть аптек за завышенные цены на лекарства", {Label.NEUTRAL}),
    ("Прокуратура обвинила директора автобусного парка в хищении топлива", {Label.NEUTRAL}),
    ("У Житомирі затримали продавців підробленого алкоголю", {Label.NEUTRAL}),
    ("Police arrest courier gang that stole parcels in Bristol", {Label.NEUTRAL}),
]


# Wordings the shipped weights still get wrong (the learned layer is off by default until none is
# left; docs/classifier.md, "Known weaknesses"). A miss outside this list fails the test.
KNOWN_MISSES: set[str] = set()


def _check(clf: RulesClassifier, text: str, want: set[Label]) -> None:
    got = _label(clf, text)
    if got not in want and text in KNOWN_MISSES:
        pytest.xfail(f"known miss of the shipped weights: {got.value}")
    assert got in want, (text, got)


@pytest.mark.parametrize(("text", "want"), CASES)
def test_cases(clf: RulesClassifier, text: str, want: set[Label]) -> None:
    _check(clf, text, want)


TROLLING = [
    "Админ, а вам самим не стыдно такое публиковать?",
    "Интересно, сколько вам заплатили за этот пост?",
    "Опять потёрли неудобный комментарий? Цензура во всей красе",
    "А кто спонсирует этот канал, не подскажете?",
    "Пока вы тут пирожки продаёте, в стране всё разваливается, думайте",
]


@pytest.mark.parametrize("text", TROLLING)
def test_trolling_without_marker_words_is_negative(clf: RulesClassifier, text: str) -> None:
    _check(clf, text, NEGATIVE)


OPEN_INSULTS = [
    "душнила админ, иди поспи",
    "на осиновый кол таких посадить",
    "таких на кол посадить надо",
    "к стенке бы таких всех",
    "стрелять их надо, этих менеджеров",
    "ну ты и тарелочник-побегун",
]


@pytest.mark.parametrize("text", OPEN_INSULTS)
def test_open_vocabulary_insults_and_threats_are_negative(clf: RulesClassifier, text: str) -> None:
    _check(clf, text, NEGATIVE)


# The headline's words aimed at the brand or told of one's own case stay negative.
AIMED_HEADLINE_WORDS = [
    "Когда уже вашего директора задержат за такие цены?",
    "Меня оштрафовали на кассе самообслуживания за пакет, который не пробился, чек 4471",
    "Опять задержали мою зарплатную карту, третий раз за месяц, разберитесь",
    "you lot should be arrested for these prices",
]


@pytest.mark.parametrize("text", AIMED_HEADLINE_WORDS)
def test_headline_words_aimed_at_the_brand_stay_negative(clf: RulesClassifier, text: str) -> None:
    _check(clf, text, NEGATIVE)
