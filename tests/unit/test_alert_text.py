"""What an alert says about the people, the times and the wave: in the chat's time zone, in forms that
agree with the name (never «(а)»), and a wave card that speaks for the wave."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bot.domain.models import Author, Case, CaseStatus, Chat, Reply, ReplyStatus
from bot.domain.notes import Note
from bot.domain.verdicts import Label
from bot.i18n import catalog, count, keys, t, t_gender
from bot.telegram.render import AlertView, WaveSummary, note_text, render_text

# 2026-03-01 12:00:00 UTC
NOON_UTC = 1_772_366_400


def _case(**changes: object) -> Case:
    case = Case(
        id=7,
        chat_id=-1001234567890,
        message_id=55,
        thread_id=None,
        is_topic=False,
        author=Author(11, "Иван П.", None, False),
        text="Не покупайте здесь, отравился, сделайте репост!",
        label=Label.DIRECTED,
        toxic=False,
        confidence=0.8,
        reasons=("призыв к аудитории: не покупайте",),
        problem=None,
        wave_id=None,
        reply_text="Ответим по фактам: [факты].",
        status=CaseStatus.NEW,
        note=None,
        created_at=NOON_UTC,
        updated_at=NOON_UTC,
    )
    return dataclasses.replace(case, **changes)  # type: ignore[arg-type]


CHAT = Chat(-1001234567890, "Пекарня", "supergroup", None, None, False, True, True, None)


def _pending(due: int) -> Reply:
    return Reply(1, 7, CHAT.id, 55, None, "текст", due, ReplyStatus.PENDING, 0, None, None)


def test_times_are_in_the_chats_time_zone() -> None:
    view = AlertView(_case(), CHAT, _pending(NOON_UTC + 3600), "ru", timezone="Europe/Moscow")
    text = render_text(view, now=NOON_UTC)
    assert "в 16:00 MSK" in text and "UTC" not in text
    utc = render_text(dataclasses.replace(view, timezone="UTC"), now=NOON_UTC)
    assert "в 13:00 по UTC" in utc


def test_a_wave_card_speaks_for_the_wave() -> None:
    wave = WaveSummary(5, ("Иван П.", "Мария К.", "Олег"), NOON_UTC, NOON_UTC + 240)
    view = AlertView(_case(wave_id="w1"), CHAT, None, "ru", wave=wave, timezone="Europe/Moscow")
    text = render_text(view, now=NOON_UTC)
    assert text.startswith("🌊 <b>Волна сообщений в «Пекарня»</b>")
    assert "Первое сообщение: " in text and "Автор:" not in text
    # Why for the wave as a whole, not the first author's reasons.
    assert "5 сообщений с похожим текстом от 3 аккаунтов за 4 мин" in text
    assert "призыв к аудитории" not in text
    assert "Волна: 5 сообщений от 3 аккаунтов" in text
    assert "в 15:00 MSK, последнее в 15:04 MSK" in text
    # The statement still holds a part the admin must write: said on the card.
    assert "[факты]" in text and "замените [факты]" in text


def test_a_single_message_keeps_its_own_title_and_reasons() -> None:
    text = render_text(AlertView(_case(), CHAT, None, "ru"), now=NOON_UTC)
    assert text.startswith("⚠️") and "Почему: призыв к аудитории" in text


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("Анна", "Анна отправила ответ"),
        ("Борис", "Борис отправил ответ"),
        ("Саша", "Саша: ответ отправлен"),
        ("admin_42", "admin_42: ответ отправлен"),
    ],
)
def test_status_lines_agree_with_the_name(who: str, expected: str) -> None:
    assert note_text("ru", Note.of("note.sent", who=who).encode()) == expected


def test_english_has_one_form() -> None:
    assert note_text("en", Note.of("note.sent", who="Анна").encode()) == "Анна sent the reply"
    assert t_gender("en", "why.never_started", "femn") == t("en", "why.never_started")


def test_no_catalog_text_guesses_a_gender_with_brackets() -> None:
    texts = catalog().texts
    assert not [key for key in keys("ru") if "(а)" in texts["ru"][key]]
    for forms in catalog().gendered["ru"].values():
        assert not [form for form in forms.values() if "(а)" in form]


@pytest.mark.parametrize(
    ("n", "ru", "en"),
    [(1, "1 сообщение", "1 message"), (3, "3 сообщения", "3 messages"), (11, "11 сообщений", "11 messages")],
)
def test_numbers_agree_with_their_nouns(n: int, ru: str, en: str) -> None:
    assert count("ru", n, "message") == ru and count("en", n, "message") == en
    assert re.fullmatch(r"\d+ аккаунт(а|ов)", count("ru", n, "account", "gent"))
