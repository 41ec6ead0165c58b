"""Evaluation carried by sentence shape: comparisons, jabs at "вы", irony markers, exclamations, praise."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, RulesClassifier, create_classifier


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return create_classifier()


@pytest.mark.parametrize(
    "text",
    [
        # the brand put below someone else
        "в любом ларьке сервис лучше, чем у вас",
        "у соседей напротив кофе и то вкуснее",
        # rhetorical jabs at "вы" with no question mark
        "вы там вообще читаете, что вам пишут",
        "кто вам разрешил так делать",
        # irony markers and hyperbole aimed at the brand
        "очередной сбой у вашего приложения",
        "ждём ответа вашей поддержки уже вечность",
        # exclamations of judgement
        "ну и сервис у вас",
        "какой же бардак у вас на складе, сил нет",
    ],
)
def test_evaluation_without_lexicon_words_leaves_neutral(clf: RulesClassifier, text: str) -> None:
    assert clf.classify(MessageIn(text=text)).negative


@pytest.mark.parametrize(
    "text",
    [
        "спасибо мастеру Ирине, стрижка огонь",
        "имба обновление, разрабы топ",
        "годнота, рекомендую",
        "отменный сервис, всё изумительно",
    ],
)
def test_praise_lexicon_and_thanks_to_staff_are_positive(clf: RulesClassifier, text: str) -> None:
    assert clf.classify(MessageIn(text=text)).label is Label.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "какой же торт лучше заказать на день рождения?",
        "получилось даже лучше, чем я ожидала",
        "ухожу с работы пораньше, заберу заказ в 19:00",
        "ага, спасибо, поняла",
        "проблем с оплатой у вас нет?",
        "ну и ладно, закажу завтра",
        "как всегда всё отлично, спасибо!",
    ],
)
def test_look_alikes_stay_calm(clf: RulesClassifier, text: str) -> None:
    assert not clf.classify(MessageIn(text=text)).negative
