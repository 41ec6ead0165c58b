"""What a complaint is about, for the surge detector: the same problem in different words gives the
same concept; the same topic without a failure does not; titles admins recognise."""

from __future__ import annotations

import pytest

from bot.datafiles import DataFileError, parse
from bot.domain.incidents import Incident, IncidentStatus
from bot.replies import read_comment
from bot.services import incident_texts
from bot.services.incident_terms import read_incident_words, related_terms, subject_terms, title_of


def terms(text: str) -> frozenset[str]:
    return subject_terms(text, read_comment(text))


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Платёж отклонён банком, хотя деньги на карте есть", "payment"),
        ("не могу оплатить покупку второй час", "payment"),
        ("Оплатить подписку невозможно, крутится и ошибка", "payment"),
        ("Не приходит смс с кодом для входа", "login"),
        ("После обновления приложение вылетает сразу при запуске", "crash"),
        ("Заказ жду уже три часа, курьер так и не приехал", "delivery"),
        ("Молоко из этой партии прокисшее, у всех в чате так", "quality"),
        ("Интернета нет с утра во всём районе", "network"),
    ],
)
def test_a_problem_in_its_own_words_is_its_concept(text: str, concept: str) -> None:
    assert concept in terms(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Оплатил заказ картой, всё прошло быстро, спасибо", "payment"),  # named, nothing fails
        ("Курьер вежливый, привёз раньше срока", "delivery"),
        ("Во сколько открывается магазин?", "payment"),
    ],
)
def test_a_topic_without_a_failure_is_not_the_problem(text: str, concept: str) -> None:
    assert concept not in terms(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("С меня списали деньги, а заказа нет", "payment"),
        ("Отслеживание стоит на месте, жду третий день", "delivery"),
        ("Меня не пускает в личный кабинет", "login"),
    ],
)
def test_the_family_of_a_problem_is_read_loosely_only(text: str, concept: str) -> None:
    assert concept not in terms(text)  # too vague to open an incident
    assert concept in related_terms(text)  # enough to join an open one


@pytest.mark.parametrize(
    "text",
    [
        "Списали 199 р за обслуживание, хотя оно должно быть бесплатным",  # a bill, nothing fails
        "Платим как за дворец, а живём как в помойке",
    ],
)
def test_the_family_still_needs_a_failure(text: str) -> None:
    assert "payment" not in related_terms(text)


def test_named_things_are_shared_terms() -> None:
    assert "thing:alpro" in terms("Молоко Alpro из последней партии кислое")
    assert "thing:alpro" in terms("Alpro прокисло на второй день, верните деньги")


@pytest.mark.parametrize(
    ("key", "places", "lang", "title"),
    [
        ("payment", ["app"], "ru", "не проходит оплата в приложении"),
        ("payment", [], "ru", "не проходит оплата"),
        ("payment", ["app"], "en", "payments fail in the app"),
        ("app", ["app"], "ru", "не работает приложение"),  # a place does not qualify itself
        ("thing:alpro", [], "ru", "жалобы: «alpro»"),
    ],
)
def test_titles(key: str, places: list[str], lang: str, title: str) -> None:
    assert title_of(key, places, lang) == title


def test_a_broken_data_file_names_its_line() -> None:
    broken = parse("bot/services/data/incidents.toml", '[[concept]]\nname = "x"\nbad = 1\n')
    with pytest.raises(DataFileError, match=r"incidents\.toml:"):
        read_incident_words(broken)


def test_statement_says_the_problem_plainly_without_denial() -> None:
    incident = Incident(1, -1, "payment", "не проходит оплата в приложении", IncidentStatus.OPEN, 0, 0)
    text = incident_texts.statement(incident, "ru", "15:30")
    assert "не проходит оплата в приложении" in text and "15:30" in text
    assert "на нашей стороне" in text
    for denial in ("не подтверждается", "у нас всё работает", "единичн", "незначительн"):
        assert denial not in text.lower()
    assert "{" not in incident_texts.result(incident, "en") and "{" not in text


def test_words_kept_read_as_every_concept_scanned_again() -> None:
    """What each word names is kept (``_named``): the same concepts as reading every word's lemmas and
    scanning every concept for it, the first time and again, in either mode."""
    from benchmarks._common import comment_mix
    from bot.services import incident_terms as it

    concepts = it.incident_words().concepts

    def scanned(tokens: list[str], family: bool) -> set[str]:
        found: set[str] = set()
        for token in tokens:
            low = token.lower()
            lemmas = set(it._lemmas(token))
            for concept in concepts:
                if (
                    lemmas & concept.lemmas
                    or low.startswith(concept.stems)
                    or (family and low.replace("ё", "е").startswith(concept.related))
                ):
                    found.add(concept.name)
        return found

    texts = [text for _, (_, text) in zip(range(3000), comment_mix(8), strict=False)]
    named = 0
    for _ in range(2):
        for text in texts:
            tokens = it._WORD.findall(text)
            for family in (False, True):
                found = it._named(tokens, concepts, family=family)
                assert found == scanned(tokens, family)
                named += bool(found)
            assert len(it._index(concepts)[1]) <= it.WORDS_KEPT
    assert named > 100  # the mix names concepts often enough for this to say something
