"""Alert cards that read cleanly: «Что делать (провокация): …» with no double colon, times said to be
«по UTC» only where the chat has no zone, a scheduled reply shown as scheduled with its local time, and
the list of admins who get no alerts on the first card after it changes (and once a day), not on all."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bot.domain.models import Author, Case, CaseStatus, Chat, Reply, ReplyStatus
from bot.domain.verdicts import Label
from bot.telegram.notifier import AlertNotifier
from bot.telegram.render import AlertView, render_text

NOON_UTC = 1_772_366_400  # 2026-03-01 12:00:00 UTC
CHAT = Chat(-100500, "Пекарня", "supergroup", None, None, False, True, True, None)
ABSENT = (("Вера", "never_started"),)


def _case(label: Label = Label.IMPULSIVE, case_id: int = 7, chat_id: int = CHAT.id) -> Case:
    return Case(
        id=case_id,
        chat_id=chat_id,
        message_id=55,
        thread_id=None,
        is_topic=False,
        author=Author(11, "Ольга", None, False),
        text="Достали уже!",
        label=label,
        toxic=False,
        confidence=0.8,
        reasons=(),
        problem=None,
        wave_id=None,
        reply_text="Ольга, жаль это читать.",
        status=CaseStatus.NEW,
        note=None,
        created_at=NOON_UTC,
        updated_at=NOON_UTC,
    )


def _pending(due: int) -> Reply:
    return Reply(1, 7, CHAT.id, 55, None, "Ольга, жаль это читать.", due, ReplyStatus.PENDING, 0, None, None)


@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_what_to_do_has_one_colon(label: Label, lang: str) -> None:
    text = render_text(AlertView(_case(label), CHAT, None, lang), now=NOON_UTC)
    line = next(x for x in text.splitlines() if x.startswith(("Что делать", "What to do")))
    assert line.count(":") == 1, line
    assert "(" in line.split(":")[0]


@pytest.mark.parametrize(
    ("zone", "expected", "not_expected"),
    [
        ("UTC", "в 12:10 по UTC", "MSK"),
        ("Europe/Moscow", "в 15:10 MSK", "UTC"),
        ("Asia/Yekaterinburg", "в 17:10", "по UTC"),
    ],
)
def test_a_scheduled_reply_shows_as_scheduled_in_local_time(zone: str, expected: str, not_expected: str) -> None:
    view = AlertView(_case(), CHAT, _pending(NOON_UTC + 600), "ru", timezone=zone)
    text = render_text(view, now=NOON_UTC)
    assert expected in text and not_expected not in text
    assert "ждёт решения" not in text
    assert "ответ уйдёт через 10 минут" in text


def test_english_says_utc_without_a_preposition() -> None:
    view = AlertView(_case(), CHAT, _pending(NOON_UTC + 600), "en", timezone="UTC")
    assert "at 12:10 UTC" in render_text(view, now=NOON_UTC)


def test_the_unreachable_line_follows_the_flag() -> None:
    view = AlertView(_case(), CHAT, None, "ru", unreachable=ABSENT)
    assert "Не получают уведомления" in render_text(view, now=NOON_UTC)
    hidden = dataclasses.replace(view, show_unreachable=False)
    assert "Не получают уведомления" not in render_text(hidden, now=NOON_UTC)


class _Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _notifier(clock: _Clock) -> Any:
    return AlertNotifier(None, None, clock, None)  # type: ignore[arg-type]


def test_the_unreachable_admins_are_named_once_per_chat_per_day() -> None:
    clock = _Clock(NOON_UTC)
    notifier = _notifier(clock)
    first, second, third = _case(case_id=1), _case(case_id=2), _case(case_id=3)
    assert notifier._show_unreachable(first, ABSENT, "UTC")
    assert not notifier._show_unreachable(second, ABSENT, "UTC")
    assert notifier._show_unreachable(first, ABSENT, "UTC")  # the first card keeps it when redrawn
    assert notifier._show_unreachable(_case(case_id=9, chat_id=-1), ABSENT, "UTC")  # another chat
    clock.now += 24 * 3600
    assert notifier._show_unreachable(third, ABSENT, "UTC")  # a new day
    assert not notifier._show_unreachable(_case(case_id=4), ABSENT, "UTC")


def test_a_change_in_who_is_unreachable_is_shown_at_once() -> None:
    notifier = _notifier(_Clock(NOON_UTC))
    assert notifier._show_unreachable(_case(case_id=1), ABSENT, "UTC")
    more = (*ABSENT, ("Борис", "blocked"))
    assert notifier._show_unreachable(_case(case_id=2), more, "UTC")
    assert not notifier._show_unreachable(_case(case_id=3), more, "UTC")
    assert not notifier._show_unreachable(_case(case_id=4), (), "UTC")


def test_the_day_is_the_chats_own() -> None:
    # 23:30 UTC is already the next day in Moscow
    clock = _Clock(NOON_UTC + 11.5 * 3600)
    notifier = _notifier(clock)
    assert notifier._show_unreachable(_case(case_id=1), ABSENT, "Europe/Moscow")
    clock.now += 3600  # 00:30 UTC: the same day in Moscow
    assert not notifier._show_unreachable(_case(case_id=2), ABSENT, "Europe/Moscow")
