"""Ukrainian and English questions that ask for information are read as asking, not as a jab at the admins.

The Russian question openers are in cues.toml; pymorphy3 reads Russian only, so without their Ukrainian and
English counterparts a polite question to "вас"/"you" counted as a rhetorical jab (troll + 1), and the learned
layer read such questions as trolling. Examples written for this test.
"""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, RulesClassifier, create_classifier
from bot.classifier.features import intl_info_question
from bot.classifier.normalize import normalize


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return create_classifier()


ASKING = [
    "Чи є у вас безкоштовна парковка біля салону?",
    "Доброго дня, скажіть, ви доставляєте дрова в село?",
    "Ви ремонтуєте кавоварки старих моделей?",
    "Скільки у вас коштує абонемент на місяць?",
    "Hi, do you have the grey sofa in stock at the Oxford store?",
    "Is there any way you could deliver before noon?",
    "Hello! Can you tell me if your clinic sees children under two?",
]


@pytest.mark.parametrize("text", ASKING)
def test_an_intl_question_is_an_information_question(clf: RulesClassifier, text: str) -> None:
    assert intl_info_question(normalize(text).tokens)
    j = clf.judge(MessageIn(text=text))
    assert j.features.info_question
    assert j.features.troll == 0
    assert j.verdict.label is Label.NEUTRAL


@pytest.mark.parametrize(
    "text",
    [
        "Адміне, а вам не соромно таке постити?",
        "Цікаво, ви взагалі читаєте, що вам пишуть?",
        "Who even approves these posts?",
        "Вже тиждень немає світла, коли полагодите?",
    ],
)
def test_jabs_and_complaints_do_not_open_as_questions(text: str) -> None:
    # the opener must stand first (after a greeting): a complaint or a jab with a question word later is not one
    assert not intl_info_question(normalize(text).tokens)
