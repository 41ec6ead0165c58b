"""bot.replies.playbooks: playbook lines and suggested replies."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import NEGATIVE_LABELS, Label
from bot.replies import playbook_line, suggest_reply
from bot.replies.grammar import inflect_phrase
from bot.replies.playbooks import (
    PLAYBOOKS,
    clean_problem,
    follow_up_variants,
    suggest_follow_up,
    variant_count,
)

NEGATIVE = sorted(NEGATIVE_LABELS)
ANSWERED_TO_AUTHOR = [Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING]
PROBLEMS = [
    "доставка заказа",
    "долгая доставка",
    "возврат денег",
    "списание с карты",
    "холодная еда",
    "неправильный размер",
    "доступ к курсу",
    "блокировка карты",
    "связь",
    "вылеты приложения",
    "служба поддержки",
    "скорость интернета",
    "оплата заказа",
    "качество уроков",
    "холодные роллы",
]
INFLECTED_CASES = ("gent", "datv", "accs", "ablt", "loct")


def _broken(text: str) -> list[str]:
    """Signs of a badly filled template."""
    problems = []
    for bad in ("None", "null", "{", "}", ", ,", ",,", " ,", "  ", "..", " .", "по поводу ,"):
        if bad in text:
            problems.append(bad)
    if text != text.strip():
        problems.append("whitespace at the ends")
    if not text[:1].isupper():
        problems.append("starts with a lower-case letter")
    if not text.rstrip().endswith((".", "!")):
        problems.append("no final punctuation")
    if re.search(r"(?<![.!?:—-]) Вы\b|, Вы\b", text):
        problems.append("capitalised «Вы» in the middle of a sentence")
    return problems


@pytest.mark.parametrize("label", list(Label))
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_playbook_line_exists_for_every_label(label: Label, lang: str) -> None:
    line = playbook_line(label, lang)
    assert 10 < len(line) < 200
    assert "\n" not in line
    assert bool(re.search("[а-яё]", line)) == (lang == "ru")


def test_playbook_lines_carry_the_doctrine() -> None:
    assert "позже" in playbook_line(Label.IMPULSIVE)
    assert "сарказм" in playbook_line(Label.TROLLING)
    assert "одно" in playbook_line(Label.DIRECTED) and "личные" in playbook_line(Label.DIRECTED)
    assert "извинитесь" in playbook_line(Label.CONSTRUCTIVE)
    assert "later" in playbook_line(Label.IMPULSIVE, "en")


@pytest.mark.parametrize("label", NEGATIVE)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_at_least_four_variants_per_negative_label(label: Label, lang: str) -> None:
    assert variant_count(label, lang) >= 4
    texts = {v.with_problem for v in PLAYBOOKS[label].variants(lang)}
    assert len(texts) == variant_count(label, lang)


@pytest.mark.parametrize("label", [Label.NEUTRAL, Label.POSITIVE])
def test_no_reply_for_neutral_and_positive(label: Label) -> None:
    for case_id in range(5):
        assert suggest_reply(label, problem="доставка заказа", author_name="Анна", case_id=case_id) is None


def test_positive_thanks_only_on_request() -> None:
    text = suggest_reply(Label.POSITIVE, problem=None, author_name="Анна", case_id=0, thank_positive=True)
    assert text is not None and text.startswith("Анна, спасибо")
    assert suggest_reply(Label.NEUTRAL, problem=None, author_name=None, case_id=0, thank_positive=True) is None


@pytest.mark.parametrize("label", ANSWERED_TO_AUTHOR)
@pytest.mark.parametrize("problem", PROBLEMS)
def test_reply_names_the_author_and_the_inflected_problem(label: Label, problem: str) -> None:
    for case_id in range(variant_count(label)):
        text = suggest_reply(label, problem=problem, author_name="анна 🌸", case_id=case_id)
        assert text is not None
        assert text.startswith("Анна, ")
        forms = {inflect_phrase(problem, case) for case in INFLECTED_CASES}
        assert any(form in text for form in forms), text
        assert not _broken(text), (_broken(text), text)


@pytest.mark.parametrize("problem", PROBLEMS)
def test_directed_statement_names_the_problem_but_not_the_author(problem: str) -> None:
    for case_id in range(variant_count(Label.DIRECTED)):
        text = suggest_reply(Label.DIRECTED, problem=problem, author_name="Анна", case_id=case_id)
        assert text is not None
        assert "Анна" not in text
        assert any(inflect_phrase(problem, case) in text for case in INFLECTED_CASES), text
        assert "личные сообщения" in text


def test_problem_is_inflected_not_pasted() -> None:
    texts = [
        suggest_reply(Label.CONSTRUCTIVE, problem="долгая доставка", author_name=None, case_id=i)
        for i in range(variant_count(Label.CONSTRUCTIVE))
    ]
    assert all(t is not None and "с долгой доставкой" in t for t in texts)
    assert not any(t is not None and "долгая доставка" in t for t in texts)


def test_prepositions_adapt_to_the_problem() -> None:
    text = suggest_reply(Label.IMPULSIVE, problem="связь", author_name=None, case_id=0)
    assert text is not None and "со связью" in text
    text = suggest_reply(Label.IMPULSIVE, problem="оплата заказа", author_name=None, case_id=2)
    assert text is not None and "об оплате заказа" in text


@pytest.mark.parametrize("label", NEGATIVE)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_consecutive_cases_get_different_wording(label: Label, lang: str) -> None:
    for case_id in range(10):
        a = suggest_reply(label, problem="доставка заказа", author_name="Анна", case_id=case_id, lang=lang)
        b = suggest_reply(label, problem="доставка заказа", author_name="Анна", case_id=case_id + 1, lang=lang)
        assert a != b


def test_choice_is_deterministic() -> None:
    first = suggest_reply(Label.TROLLING, problem="связь", author_name="Игорь", case_id=17)
    assert first == suggest_reply(Label.TROLLING, problem="связь", author_name="Игорь", case_id=17)
    n = variant_count(Label.TROLLING)
    assert first == suggest_reply(Label.TROLLING, problem="связь", author_name="Игорь", case_id=17 + n)


MISSING = [
    (None, None),
    (None, ""),
    ("", None),
    ("   ", "🔥🔥"),
    ("None", "user_123"),
    (None, "12345"),
    ("заказ не пришёл", None),
    ("a" * 200, None),
    ("ну вообще всё плохо и никто ничего не делает", None),
]


@pytest.mark.parametrize("label", NEGATIVE)
@pytest.mark.parametrize(("problem", "name"), MISSING)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_missing_name_or_problem_reads_naturally(
    label: Label, problem: str | None, name: str | None, lang: str
) -> None:
    for case_id in range(variant_count(label, lang)):
        text = suggest_reply(label, problem=problem, author_name=name, case_id=case_id, lang=lang)
        assert text is not None
        assert not _broken(text), (_broken(text), text)
        assert not text.startswith(",")
        assert "заказ не пришёл" not in text  # a clause is not forced into a noun slot


@pytest.mark.parametrize("label", ANSWERED_TO_AUTHOR)
def test_name_without_problem_and_problem_without_name(label: Label) -> None:
    only_name = suggest_reply(label, problem=None, author_name="Игорь", case_id=0)
    only_problem = suggest_reply(label, problem="возврат денег", author_name=None, case_id=0)
    assert only_name is not None and only_name.startswith("Игорь, ")
    assert only_problem is not None and only_problem[0].isupper()
    assert "возврат" in only_problem
    assert not _broken(only_name) and not _broken(only_problem)


def test_constructive_asks_for_what_is_needed_in_private() -> None:
    for case_id in range(variant_count(Label.CONSTRUCTIVE)):
        order = suggest_reply(Label.CONSTRUCTIVE, problem="доставка заказа", author_name=None, case_id=case_id)
        card = suggest_reply(Label.CONSTRUCTIVE, problem="списание с карты", author_name=None, case_id=case_id)
        course = suggest_reply(Label.CONSTRUCTIVE, problem="доступ к курсу", author_name=None, case_id=case_id)
        assert order is not None and "номер заказа" in order and "личные сообщения" in order
        assert card is not None and "Данные карты" in card and "не нужно" in card
        assert course is not None and "почту" in course
        # An apology and a next step in every constructive variant.
        assert re.search(r"[Пп]рости|[Ии]звин|жаль", order)
        assert re.search(r"провер|разбер|займ|напишем|расскажем|предложим", order)


def test_impulsive_replies_are_short() -> None:
    for case_id in range(variant_count(Label.IMPULSIVE)):
        text = suggest_reply(Label.IMPULSIVE, problem="доставка заказа", author_name="Анна", case_id=case_id)
        assert text is not None and len(text) < 200
        assert "но " not in text.lower()  # no "but"-excuses


def test_english_replies_skip_a_russian_problem_phrase() -> None:
    text = suggest_reply(Label.CONSTRUCTIVE, problem="доставка заказа", author_name="Alex", case_id=0, lang="en")
    assert text is not None and text.startswith("Alex, thank you")
    assert not re.search("[а-яё]", text)
    text = suggest_reply(Label.CONSTRUCTIVE, problem="order delivery", author_name=None, case_id=0, lang="en")
    assert text is not None and "order delivery" in text


def test_public_replies_use_lowercase_polite_you() -> None:
    for label in NEGATIVE:
        for case_id in range(variant_count(label)):
            text = suggest_reply(label, problem="доставка заказа", author_name=None, case_id=case_id)
            assert text is not None
            assert not re.search(r"(?<=[а-яё,] )В(ы|ас|ам|ами|аш\w*)\b", text), text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Доставка заказа.", "доставка заказа"),
        ("  доставка   заказа ", "доставка заказа"),
        ("ДОСТАВКА", "доставка"),
        ("Wi-Fi роутер", "Wi-Fi роутер"),
        ("", None),
        (None, None),
        ("none", None),
        ("{x}", None),
    ],
)
def test_clean_problem(raw: str | None, expected: str | None) -> None:
    assert clean_problem(raw) == expected


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_follow_up_variants_differ_and_read_naturally(lang: str) -> None:
    problem = "доставка заказа" if lang == "ru" else "order delivery"
    texts = []
    for case_id in range(len(follow_up_variants(lang))):
        with_all = suggest_follow_up(
            problem=problem,
            author_name="Анна",
            case_id=case_id,
            lang=lang,
            fix="теперь курьер звонит заранее",
        )
        bare = suggest_follow_up(problem=None, author_name=None, case_id=case_id, lang=lang)
        assert with_all.startswith("Анна, ")
        assert "Теперь курьер звонит заранее." in with_all
        assert not _broken(with_all) and not _broken(bare), (with_all, bare)
        texts.append(bare)
    assert len(set(texts)) == len(texts) >= 4


def test_follow_up_names_the_inflected_problem() -> None:
    for case_id in range(len(follow_up_variants())):
        text = suggest_follow_up(problem="долгая доставка", author_name=None, case_id=case_id)
        assert any(inflect_phrase("долгая доставка", case) in text for case in INFLECTED_CASES), text
