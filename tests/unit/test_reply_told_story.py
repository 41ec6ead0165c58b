"""Round 14's faults in general: a story told is not asked for again, a price is echoed and never
regretted, a jab at the business's existence gets one calm line, harm to health is taken seriously under
any label, and the author's slang or an overstatement never speaks in the brand's voice. The comments are
written for these tests (none of a reading or a held-out set)."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.grammar import colloquial

CASES = range(8)
_RE_ASK = re.compile(
    r"рассказать (?:больше|подробнее)|расскажете подробнее|расскажите(?: подробнее)?, что (?:случилось|произошло)|"
    r"tell us more|share a few details|tell us what happened|розповісти більше|розкажіть докладніше",
    re.IGNORECASE,
)


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = None) -> list[str]:
    found = (suggest_reply(label, problem=None, author_name=author, case_id=n, text=text, kind=kind) for n in CASES)
    return [d for d in found if d]


@pytest.mark.parametrize(
    ("label", "text", "kind"),
    [
        (Label.IMPULSIVE, "Забрал ноутбук из ремонта, а он не включается, хотя отдавал только почистить!!!", None),
        (Label.IMPULSIVE, "Просидели в баре час, заказ так и не принесли, официант пропал, ушли голодные", "cafe"),
        (
            Label.IMPULSIVE,
            "Paid for the yoga class on Monday, the studio was locked and nobody picked up the phone",
            None,
        ),
        (Label.IMPULSIVE, "Оплатила заняття в понеділок, зал був зачинений, ніхто не брав трубку", None),
        (
            Label.DIRECTED,
            "Весь вечер в зале не работала вентиляция, дышать было нечем, администратор только развёл руками",
            None,
        ),
    ],
)
def test_a_told_story_is_not_asked_for_again(label: Label, text: str, kind: str | None) -> None:
    found = drafts(label, text, kind)
    assert found
    for draft in found:
        assert not _RE_ASK.search(draft), draft


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("Абонемент в бассейн был 2000, теперь насчитали 3500. С чего вдруг?", "2000", "3500"),
        ("Занятие 600 в день вместо 450, и никто не объяснил почему", "450", "600"),
        ("Номер был 3100 за ночь, а сейчас 4200!!! Совсем уже", "3100", "4200"),
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_price_rise_is_echoed_and_never_regretted(label: Label, text: str, old: str, new: str) -> None:
    for draft in drafts(label, text, author="Олег"):
        assert old in draft and new in draft, draft
        assert not re.search(r"жаль, что так|так быть не должно|исправим", draft), draft


@pytest.mark.parametrize(
    ("label", "text"),
    [
        (Label.DIRECTED, "Кинотеатры в век интернета? Закройтесь уже, всё есть онлайн"),
        (Label.TROLLING, "Кто вообще сейчас ходит в боулинг, это для пенсионеров"),
        (Label.IMPULSIVE, "Прачечные в 2026 году? Закрыть вас всех пора"),
        (Label.TROLLING, "Why would anyone pay for a co-working when there is a kitchen at home?"),
    ],
)
def test_a_jab_at_the_business_gets_one_calm_line(label: Label, text: str) -> None:
    for draft in drafts(label, text, author="Пётр"):
        assert not re.search(r"разбираем каждый случай|коснулось вас|every case|affects you|прост|жаль|sorry", draft), (
            draft
        )
        assert re.search(r"не всем|not for everyone|не всім", draft), draft


def test_harm_to_health_under_a_wave_label_asks_no_batch_of_a_drink() -> None:
    text = "После вашего глинтвейна нас с мужем всю ночь рвало. Были у вас 12 декабря"
    for draft in drafts(Label.DIRECTED, text, kind="cafe"):
        assert "серьёзно" in draft, draft
        assert "партии" not in draft, draft


def test_someone_in_hospital_is_not_hoped_better_or_sent_to_a_doctor() -> None:
    text = (
        "Вчера в столовой лагеря дали котлеты, вечером у пятерых детей рвота и температура. Нашу дочь увезли в больницу"
    )
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Ирина"):
        assert not re.search(r"всем уже лучше|обратитесь к врачу", draft), draft


def test_the_authors_slang_is_never_repeated() -> None:
    for draft in drafts(Label.IMPULSIVE, "Кондеи в зале опять не пашут, духота страшная", kind="fitness"):
        assert not re.search(r"кондеи|пашут", draft, re.IGNORECASE), draft
    assert colloquial("фотки пришли с косяками")
    assert not colloquial("в чате никто не отвечает")  # pymorphy3 tags «чат» as slang; the list decides


def test_one_charge_named_is_not_told_as_charges_that_go_on() -> None:
    once = drafts(Label.CONSTRUCTIVE, "Отменила подписку ещё в мае, а сегодня списали 499 ₽", author="Дарья")
    assert once and all("продолжают" not in d for d in once)
    again = drafts(
        Label.CONSTRUCTIVE, "Отменила подписку в мае, а 499 ₽ продолжают списывать каждый месяц", author="Дарья"
    )
    assert any("продолжают" in d for d in again)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Раньше в пачке было 12 шт за 250, теперь 9 шт за 270. Ну вы даёте", "9 шт вместо 12"),
        ("Теперь в наборе 6 занятий, а раньше было 8 занятий, цена та же 5000", "6 занятий вместо 8"),
    ],
)
def test_less_for_the_money_is_echoed_as_counted(text: str, said: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, author="Олег")
    assert found
    for draft in found:
        assert said in draft, draft
        assert not re.search(r"жаль, что так|висят|так быть не должно", draft), draft
