"""The author's own clause for what went wrong: only where it reads as a clause, else nothing."""

from __future__ import annotations

import pytest

from bot.replies.complaint_clause import complaint_clause
from bot.replies.echo import lower_first


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # a subject that agrees with its negated verb, with the words of «again» kept
        ("Официант снова не подошёл к нашему столику, сидели полчаса.", "официант снова не подошёл"),
        ("Мастер не пришёл в назначенное время.", "мастер не пришёл"),
        ("Экскурсия не состоялась, гид не отвечал.", "экскурсия не состоялась"),
        # a failure without «не», and a thing done too early
        ("Рейс перенесли на завтра без объяснений.", "рейс перенесли"),
        ("Столовая закрылась раньше, хотя на двери до 20:00.", "столовая закрылась раньше"),
        # an impersonal plural with its object; a sum and what it was for left out
        ("Посуду так и не заменили, хотя обещали.", "посуду так и не заменили"),
        ("Предоплату 5000 ₽ за банкет до сих пор не вернули.", "предоплату до сих пор не вернули"),
        # the wrong thing brought
        ("Принесли не тот салат, я заказывала без лука.", "принесли не тот салат"),
        # «нет» and what is missing, with what it is missing for
        ("Вторую неделю нет горячей воды в корпусе 2.", "нет горячей воды в корпусе 2"),
        ("Уже месяц нет доступа к архиву, поддержка молчит.", "нет доступа к архиву"),
        # the sentence's opening noun, when only names and times stand before the negated verb
        ("Паром Ванино — Холмск 12.08 в 9:00 так и не отправился, все ждали на причале.", "паром так и не отправился"),
    ],
)
def test_the_clause_is_the_authors_own(text: str, clause: str) -> None:
    assert complaint_clause(text) == clause


@pytest.mark.parametrize(
    "text",
    [
        "Ребёнок не понимает, что происходит на уроках.",  # a person's state, not the business's failure
        "Я не могу войти в личный кабинет.",  # a pronoun is no subject to repeat
        "Никто так и не перезвонил.",
        "Очень дорого и невкусно.",  # no verb of a failure at all
        "Мы ждали, а потом ушли.",
        "Привезли быстро, спасибо.",
    ],
)
def test_no_clause_where_none_reads_safely(text: str) -> None:
    assert complaint_clause(text) is None


def test_how_long_it_went_on_stays_in_the_clause() -> None:
    assert complaint_clause("Оставил заявку, диспетчер сутки не перезванивает.") == "диспетчер сутки не перезванивает"
    assert complaint_clause("Мастер три часа не приезжал, хотя обещал к обеду.") == "мастер три часа не приезжал"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Our guide didn't turn up at 9am and the office was closed.", "your guide didn't turn up"),
        ("The shuttle never showed up, we took a cab.", "the shuttle never showed up"),
        ("My parcel was lost somewhere between Riga and Tallinn.", "your parcel was lost"),
        ("I didn't get anything from you.", None),  # a person, not a thing of theirs
        ("It was cancelled again.", None),
    ],
)
def test_english_clauses_speak_of_your_thing(text: str, clause: str | None) -> None:
    assert complaint_clause(text, "en") == clause


def test_no_clause_in_a_language_without_one() -> None:
    assert complaint_clause("Кур'єр не приїхав, замовлення 3391.", "uk") is None


@pytest.mark.parametrize(
    "text",
    [
        "Мастер кран сломал и ушёл.",  # «кран» may be the object: who broke what is not sure
        "Мастер ёбаный кран сломал и ушёл",
        "Курьер, сука, не приехал",  # rude words: the clause they stand in is not repeated back
        "Ни разу не подвели, не могу не похвалить",
    ],
)
def test_no_clause_that_is_ambiguous_rude_or_praise(text: str) -> None:
    assert complaint_clause(text) is None


def test_rude_words_elsewhere_leave_a_clean_clause() -> None:
    assert complaint_clause("Курьер не приехал, ужас какой-то.") == "курьер не приехал"
    # the author's adjectives are never repeated: only the noun and its verb
    assert complaint_clause("Сраный курьер опять не приехал") == "курьер опять не приехал"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # a mood told with «нет» is no failure: the failure after it is the clause
        ("Нет слов, заказ не пришёл.", "заказ не пришёл"),
        ("Нет настроения никакого, тренер опять не пришёл", "тренер опять не пришёл"),
        ("Сил нет, курьер так и не приехал", "курьер так и не приехал"),
    ],
)
def test_a_mood_is_passed_over_for_the_failure(text: str, clause: str) -> None:
    assert complaint_clause(text) == clause


@pytest.mark.parametrize("text", ["Нет слов.", "нет желания туда идти", "Просто нет настроения"])
def test_a_mood_alone_gives_no_clause(text: str) -> None:
    assert complaint_clause(text) is None


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # shouted comments are said back in small letters, as one clause of both extractors
        ("ЗАКАЗ НЕ ПРИШЁЛ УЖЕ МЕСЯЦ, ДЕНЬГИ НЕ ВЕРНУЛИ", "заказ не пришёл"),
        ("МАСТЕР НЕ ПРИШЁЛ!!!", "мастер не пришёл"),
    ],
)
def test_a_shouted_clause_is_said_in_small_letters(text: str, clause: str) -> None:
    assert complaint_clause(text) == clause


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["Смс", "с", "кодами", "не", "приходят"], "смс с кодами не приходят"),
        (["Курьер", "не", "приехал"], "курьер не приехал"),
        (["Алексей", "не", "перезвонил"], "Алексей не перезвонил"),
        (["МФЦ", "не", "работает"], "МФЦ не работает"),
        (["«Спартак»", "закрылся", "раньше"], "«Спартак» закрылся раньше"),
        (["ДОСТАВКУ", "ОТМЕНИЛИ"], "доставку отменили"),
    ],
)
def test_one_rule_for_the_first_letter_of_both_clauses(words: list[str], said: str) -> None:
    assert lower_first(words) == said


@pytest.mark.parametrize(
    "text",
    [
        "Корпоратив на 20 человек, дорожки оплатили заранее, а нас нет в списке",
        "Роуминг подключил заранее, а в Турции интернета нет.",
        "Столик забронировали заранее, пришли — а он занят",
    ],
)
def test_what_was_done_in_advance_is_no_failure(text: str) -> None:
    clause = complaint_clause(text)
    assert clause is None or "заранее" not in clause
