"""The author's explicit ask: the remedy slot names what was asked, in the author's terms (the sum asked
back, the date asked for), the bot never answers it itself, and the lint still refuses it unfilled."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies import is_remedy_slot, suggest_reply, unfilled
from bot.replies.asks import ask_slot

SLOT = re.compile(r"\[(?:что сделаем|що зробимо|what we'll do): [^\]]+\]")


def draft(text: str, kind: str | None = None, case_id: int = 0) -> str:
    reply = suggest_reply(Label.CONSTRUCTIVE, problem=None, author_name="Ирина", case_id=case_id, text=text, kind=kind)
    assert reply is not None
    return reply


@pytest.mark.parametrize(
    ("text", "asked", "other"),
    [
        ("Чистка куртки по прайсу 700, взяли 1 300. Верните 600 ₽ переплаты", "600", "1 300"),
        ("Списали 6 300 вместо 4 800. Прошу вернуть 1 500 рублей", "1 500", "6 300"),
        ("Абонемент за 9 000, зал закрыли на 2 недели. Верните 2 250 ₽ за эти дни", "2 250", "9 000"),
    ],
)
def test_the_sum_asked_back_is_the_one_in_the_slot(text: str, asked: str, other: str) -> None:
    for case_id in (0, 1):
        reply = draft(text, case_id=case_id)
        slot = SLOT.search(reply)
        assert slot and asked in slot.group(0) and other not in slot.group(0), reply
        assert is_remedy_slot(unfilled(reply)[0]), reply  # the alert and the lint know it


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Сдала пальто в чистку неделю назад. Когда будет готово?", r"будет готово к …"),
        ("Ноутбук в ремонте с 5-го числа. Когда будет готов, скажите уже", r"будет готов к …"),
        ("Дайте письменно новую дату поставки, сроки по договору сорваны", r"письменно новая дата поставки: …"),
        ("Хочу бесплатную перепроверку анализа, результат явно ошибочный", r"бесплатная перепроверка анализа"),
        ("Пересчитайте счёт за воду, у нас счётчик, а начислили по нормативу", r"пересчитаем счёт за воду"),
    ],
)
def test_the_thing_asked_for_is_named_for_the_admin_to_answer(text: str, words: str) -> None:
    slot = ask_slot(text, "ru")
    assert slot and re.search(words, slot), slot
    assert "…" in slot  # the date or the answer is the admin's to fill, never the bot's


@pytest.mark.parametrize(
    "text",
    [
        "Платье мне нужно к субботе на выпускной, успеете подшить?",
        "Мне надо до пятницы, у нас поездка",
        "Спасибо, всё пришло вовремя, курьер вежливый",
        "Скажите, пожалуйста, вы работаете в праздники?",
    ],
)
def test_no_ask_is_read_where_the_author_names_their_own_deadline_or_asks_nothing_to_do(text: str) -> None:
    assert ask_slot(text, "ru") is None


def test_a_holding_line_gives_way_to_the_ask() -> None:
    reply = draft("Отдала шубу в химчистку 2 недели назад, обещали за 5 дней. Когда будет готово?", "service")
    assert "будет готово к …" in reply and not re.search(r"вернёмся|как только узнаем срок", reply), reply


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        (
            "You billed me twice, 45 EUR each. Please refund the duplicate 45 EUR charge",
            "en",
            "refund the duplicate 45 EUR",
        ),
        ("The laptop has been with you for two weeks. When will it be ready?", "en", "ready by …"),
        ("Сукню здала тиждень тому. Коли буде готова?", "uk", "буде готова до …"),
    ],
)
def test_english_and_ukrainian_asks(text: str, lang: str, words: str) -> None:
    slot = ask_slot(text, lang)
    assert slot and words in slot, slot


@pytest.mark.parametrize(
    "text",
    [
        "Верните мои привычные три часа очереди, без них скучно",
        "Уволите этого кассира, хамит всем подряд",
        "Требую наказать водителя маршрутки",
        "Прошу вернуть мне веру в людей",
    ],
)
def test_jokes_and_punishments_are_not_read_as_a_remedy_to_name(text: str) -> None:
    assert ask_slot(text, "ru") is None


@pytest.mark.parametrize(
    ("text", "kept", "cut"),
    [
        ("Прошу вернуть плату за упаковку и объяснить, зачем её взяли", "вернём плату за упаковку", "объясн"),
        ("Верните залог и извинитесь перед моей мамой", "вернём залог", "извин"),
        ("Прошу вернуть 300 ₽ за доставку и наконец ответить в почте", "вернём 300 ₽ за доставку", "ответ"),
    ],
)
def test_the_slot_keeps_one_ask_per_clause(text: str, kept: str, cut: str) -> None:
    slot = ask_slot(text, "ru")
    assert slot and kept in slot and cut not in slot, slot


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("В договоре написано: уроки по 90 минут. Хочу, чтобы уроки были по 90 минут, а не по 60", "уроки по 90 минут"),
        ("Требую, чтобы уборка шла два часа, как в договоре", "уборка два часа"),
    ],
)
def test_what_the_contract_says_is_named_as_the_author_wants_it(text: str, state: str) -> None:
    slot = ask_slot(text, "ru")
    assert slot and state in slot and "…" in slot, slot
