"""Drafts that still read right when the label was wrong: a sincere author read as a troll, an
English author writing in a chat named in Russian."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.reading import detect_language

CASES = range(12)
# Any hint that the author was joking or ironic: an insult to a customer who was not.
_JOKING = re.compile(r"шутк|иронi|иром|ирони|joke|joking|irony|жарт|іроні", re.IGNORECASE)
_SORRY = {
    "ru": re.compile(r"прост|жаль", re.IGNORECASE),
    "en": re.compile(r"sorry", re.IGNORECASE),
    "uk": re.compile(r"прикро|перепрош", re.IGNORECASE),
}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def drafts(label: Label, text: str, kind: str | None) -> list[str]:
    out = [suggest_reply(label, problem=None, author_name=None, case_id=n, text=text, kind=kind) for n in CASES]
    return [d for d in out if d]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ну просто восторг: кровать в номере скрипит так, что соседи в курсе всей нашей жизни", "hotel"),
        ("Подскажите, пожалуйста, можно ли к вам с хорьком на осмотр?", "vet"),
        ("Браво, третий раз за месяц приложение не открывается, рекорд", None),
        ("Great job, the heating in our room has been off for two days", "hotel"),
        ("Could you tell me whether you accept guinea pigs?", "vet"),
        ("Чудово, втретє за місяць не відкривається застосунок", None),
        ("Підкажіть, будь ласка, чи приймаєте ви тхорів?", "vet"),
    ],
)
def test_a_troll_draft_never_calls_a_sincere_comment_a_joke(text: str, kind: str | None) -> None:
    replies = drafts(Label.TROLLING, text, kind)
    assert replies
    for reply in replies:
        assert not _JOKING.search(reply), reply


@pytest.mark.parametrize(
    "text",
    [
        "Got fined 3,500 RUB for smoking in the car (Kia Rio А123ВС). I don't smoke, please cancel the fine.",
        "My order 55102 to ул. Ленина 5 was supposed to arrive on Monday and it still hasn't come",
        "I was charged twice for the ride to Пулково yesterday, please refund the second payment",
        "The app keeps logging me out since the update, I have tried reinstalling it on my Pixel, Москва",
    ],
)
def test_english_with_a_few_cyrillic_names_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Заказ не пришёл, трек-номер RU123456789CN, где посылка?",
        "Приложение вылетает на iPhone 13 iOS 17, что делать?",
        "Курьер не приехал, заказ из Tony's Pizza так и не доставили",
    ],
)
def test_russian_with_a_few_latin_names_stays_russian(text: str) -> None:
    assert detect_language(text) == "ru"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Got fined 3,500 RUB for smoking in the car (Kia Rio А123ВС). I don't smoke and sent photos in the app. Please cancel the fine.",
            "taxi",
        ),
        (
            "I was fined for a late return of the car on ул. Гагарина, but the app froze and I have photos of it. Please review the fine.",
            "taxi",
        ),
        ("My order 55102 to ул. Ленина 5 was supposed to arrive on Monday and it still hasn't come", "food"),
    ],
)
def test_an_english_comment_in_a_russian_chat_is_answered_in_english(text: str, kind: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert not _CYRILLIC.search(reply.replace("А123ВС", "")), reply


def test_a_disputed_english_fine_is_answered_as_a_fine() -> None:
    text = "Got fined for smoking in the car, I don't smoke and I reported it with photos at 19:02. Please cancel the fine."
    for reply in drafts(Label.CONSTRUCTIVE, text, "taxi"):
        assert "fine" in reply and "driver" not in reply, reply


@pytest.mark.parametrize(
    ("text", "kind", "lang_sorry"),
    [
        ("Все отзывы у вас накручены, сами себе пишете. А у меня коронка треснула через месяц", "clinic", "ru"),
        ("Отзывы купленные, это же видно. Мне диван привезли с порванной обивкой", "shop", "ru"),
        ("Your reviews are fake, everyone knows it. My crown cracked after a week", "clinic", "en"),
        ("Відгуки у вас накручені. У мене пломба випала через тиждень, 3200 грн", "clinic", "uk"),
    ],
)
def test_an_accusation_with_the_authors_own_case_answers_the_case_first(text: str, kind: str, lang_sorry: str) -> None:
    sorry = _SORRY[lang_sorry]
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        found = sorry.search(reply)
        assert found, reply
        if "[" in reply:  # the accusation's facts come after the case, never instead of it
            assert found.start() < reply.index("["), reply


def test_a_bare_accusation_still_gets_only_its_facts() -> None:
    for reply in drafts(Label.CONSTRUCTIVE, "Сами себе отзывы пишете, мошенники", "shop"):
        assert "[" in reply and "прост" not in reply.lower(), reply


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Три дня назад лечили зуб, сегодня температура 38 и щека опухла, что делать?", "clinic"),
        ("После процедуры у вас в клинике тошнота и температура второй день", "clinic"),
        ("Собаке сделали прививку, теперь у неё рвота и она не встаёт", "vet"),
        ("After my extraction I have a fever of 38.5 and the swelling is getting worse", "clinic"),
        ("Після видалення зуба температура 38 і набряк, що робити?", "clinic"),
    ],
)
def test_a_clinic_never_sends_an_ill_patient_to_some_other_doctor(text: str, kind: str) -> None:
    for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):
        for reply in drafts(label, text, kind):
            assert not re.search(r"обратитесь к врачу|see a doctor|зверніться до лікаря", reply), reply


@pytest.mark.parametrize(
    "text",
    [
        "В аптеке на Ленина продали просроченный парацетамол, срок вышел в январе",
        "Купила в вашей аптеке на Мира капли, а они просрочены с прошлого года!",
        "Продали просроченные таблетки от давления, проверяйте что продаёте",
    ],
)
def test_a_pharmacy_is_not_called_a_shop_nor_given_vitamins_nobody_named(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "pharmacy"):
        assert not re.search(r"магазин|витамин", reply), reply


def test_a_grocery_keeps_its_shop() -> None:
    text = "Купил у вас на Советской йогурт, а он просрочен на неделю"
    assert any("магазин" in reply for reply in drafts(Label.CONSTRUCTIVE, text, "grocery"))


# «What is your question?» to someone who has told it (a number, a sum, a date, how long they waited).
_ASKS_THE_QUESTION = re.compile(
    r"в ч[её]м вопрос|what the question is|у чому питання|which question|какой вопрос", re.IGNORECASE
)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I paid for Premium yearly (4990 rub) on March 3, the app still shows Free. Support hasn't answered for 5 days.",
        "Support has ignored my ticket 77120 for a week, I was charged twice for the same month",
        "Замовила сукню, прийшла не та, вже другий тиждень ніхто не відповідає на заявку №45512",
        "Третий день не могу дозвониться в поддержку, а по заказу 55102 списали 2 300 ₽ дважды",
        "В чат поддержки пишу с 12 марта, договор 0045-118, ответа нет",
    ],
)
def test_support_unreachable_with_the_case_told_is_not_asked_what_the_question_is(text: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, None)
    assert found
    for draft in found:
        assert not _ASKS_THE_QUESTION.search(draft), draft


@pytest.mark.parametrize(
    "text",
    ["Поддержка вообще не отвечает, бесит", "Your support never answers anyone", "Підтримка взагалі не відповідає"],
)
def test_support_unreachable_with_nothing_told_is_asked_what_the_question_is(text: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, None)
    assert found and any(_ASKS_THE_QUESTION.search(draft) for draft in found), found
