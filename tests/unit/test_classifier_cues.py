"""Cue families added to the rules engine, each on made-up examples written for these tests."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, RulesClassifier, create_classifier


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return create_classifier()


def _label(clf: RulesClassifier, text: str) -> Label:
    return clf.classify(MessageIn(text=text)).label


@pytest.mark.parametrize(
    "text",
    [
        # neutral service verbs in ads and how-to questions are no complaint
        "Оформить кредитную карту онлайн за 5 минут",
        "как взять рассрочку на телефон в вашем салоне",
        "Отправьте, пожалуйста, номер договора в личные сообщения",
        "Ожидайте, курьер уже выехал",
    ],
)
def test_weak_service_verbs_alone_are_not_negative(clf: RulesClassifier, text: str) -> None:
    assert not clf.classify(MessageIn(text=text)).negative


@pytest.mark.parametrize(
    "text",
    [
        # a failure said calmly: negated finite verb plus what it is about
        "Бонусы за покупку так и не начислили, заказ 77120",
        "Доступ к третьему уроку не открылся после оплаты 12.03",
        "Сменила тариф, а абонентскую плату сняли дважды, 890 р",
    ],
)
def test_calm_failure_reports_are_constructive(clf: RulesClassifier, text: str) -> None:
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize(
    "text",
    [
        "Бойкот этой пекарне! Ни одной булки больше",
        "Ставим одну звезду в сторе, пусть знают",
        "не заказывайте тут, поделитесь с друзьями этим постом",
        "Давайте зафлудим их комментарии, пока не извинятся",
        "каждый, кто читает, — напиши им в отзывах «обман», пусть видят",
    ],
)
def test_campaign_calls_are_directed(clf: RulesClassifier, text: str) -> None:
    assert _label(clf, text) is Label.DIRECTED


@pytest.mark.parametrize(
    "text",
    [
        # fake complaints and fake announcements
        "жалоба: бариста улыбнулась и сделала кофе быстро, требую разбирательства",
        "Лайфхак: заказывайте ужин за неделю, тогда к пятнице как раз привезут",
        "лайк, если тоже читаешь этот канал только ради комментов",
        # a quoted claim taken apart, tag questions, "зато"
        "«Мгновенные переводы» — это мгновенные по меркам почты?",
        "поддержка 24/7, но отвечает раз в сутки, да?",
        "зато упаковка красивая 👏",
        # absurd comparisons and pointed emoji
        "интернет у вас как почтовый голубь с черепахой на пару 🤡",
        "Никогда такого не было, и вот опять",
    ],
)
def test_mockery_without_marker_words_is_trolling(clf: RulesClassifier, text: str) -> None:
    assert _label(clf, text) is Label.TROLLING


@pytest.mark.parametrize(
    "text",
    [
        "вы цирк, а не пекарня, устала от вас",
        "ну вы и клоуны, честное слово",
    ],
)
def test_name_calling_at_the_brand_is_venting_not_trolling(clf: RulesClassifier, text: str) -> None:
    v = clf.classify(MessageIn(text=text))
    assert v.negative and v.label is not Label.TROLLING


@pytest.mark.parametrize(
    "text",
    [
        # exasperation idioms
        "ну сколько можно, честно",
        "толку никакого от ваших обещаний",
        "сил моих больше нет",
        "настроение испорчено на весь вечер",
        # quitting in the first person
        "всё, удаляю приложение",
        "больше ни ногой в эту пиццерию",
        # general negative vocabulary: fatigue, illness, bad news, weather
        "вымоталась за неделю, бессонница замучила",
        "опять слякоть и гололед, ненавижу ноябрь",
        "инфляция съедает зарплату, цены рухнуть не собираются",
        # clear sad emoji
        "мне мало 😭",
    ],
)
def test_general_negative_cues(clf: RulesClassifier, text: str) -> None:
    assert clf.classify(MessageIn(text=text)).negative


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("какие учебники для 7 класса нужны?", Label.NEUTRAL),
        ("класс! всё понравилось", Label.POSITIVE),
        ("огонь 🔥", Label.POSITIVE),
    ],
)
def test_slang_praise_counts_only_in_its_own_form(clf: RulesClassifier, text: str, label: Label) -> None:
    assert _label(clf, text) is label


def test_the_clause_after_but_carries_the_verdict(clf: RulesClassifier) -> None:
    v = clf.classify(MessageIn(text="Пекарня классная, но круассан с заказом 5521 привезли сырой"))
    assert v.label is Label.CONSTRUCTIVE


def test_an_insult_is_never_positive(clf: RulesClassifier) -> None:
    v = clf.classify(MessageIn(text="ну ты и дебил, спасибо большое"))
    assert v.toxic and v.label is not Label.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "оператор опять втихую снимает деньги со счёта",
        "списали плату за услугу, которую я не подключал",
        "вы не удосужились даже ответить",
    ],
)
def test_money_taken_and_neglect_are_negative(clf: RulesClassifier, text: str) -> None:
    assert clf.classify(MessageIn(text=text)).negative


@pytest.mark.parametrize(
    "text",
    [
        "ахаха ахаха, вот это я понимаю выходные",
        "хахаха 😂😂😂",
        "Здравствуйте, вы доставляете в воскресенье?",
        "Уточните, пожалуйста, вы получили моё письмо?",
        "Три месяца музыки в подарок от «Нотки» для новых клиентов",
    ],
)
def test_laughter_polite_questions_and_promos_are_not_negative(clf: RulesClassifier, text: str) -> None:
    assert not clf.classify(MessageIn(text=text)).negative


def test_ironic_quote_needs_a_claim_taken_apart(clf: RulesClassifier) -> None:
    assert _label(clf, "«Доставка за час» — это час по марсианскому времени?") is Label.TROLLING
    assert not clf.classify(MessageIn(text="Можно обращаться на «ты»?")).negative


def test_demanding_money_back_is_negative(clf: RulesClassifier) -> None:
    v = clf.classify(MessageIn(text="Купил подписку, а там одна реклама. Верните деньги"))
    assert v.negative
