"""The /stats chart and numbers, the settings panel's presses, and short durations."""

from __future__ import annotations

import struct
from datetime import date

import pytest

from bot.domain.models import CaseFacts, ChatSettings
from bot.i18n import keys, span
from bot.services.report import daily_series, parse_period, summarize, zone
from bot.telegram.callbacks import SettingsPress
from bot.telegram.chart import render_chart
from bot.telegram.panel import apply_press

MOSCOW = zone("Europe/Moscow")


def fact(
    created: int,
    label: str,
    *,
    original: str | None = None,
    status: str = "new",
    first: int | None = None,
    closed: int | None = None,
) -> CaseFacts:
    return CaseFacts(1, created, label, original or label, status, first, closed)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chart_renders_a_png_with_a_legend_sized_for_telegram() -> None:
    series = daily_series(
        [fact(1_764_000_000, "constructive"), fact(1_764_000_000, "trolling"), fact(1_764_090_000, "directed")],
        date(2025, 11, 19),
        date(2025, 11, 25),
        MOSCOW,
    )
    data = render_chart(series, "«Кофейня 🍩 <Зерно>»: негатив по дням, 7 дней", "ru")
    assert png_size(data) == (1200, 600)
    assert len(data) > 10_000  # bars, text and legend, not an empty canvas


def test_chart_of_an_empty_period_still_renders() -> None:
    series = daily_series([], date(2025, 11, 1), date(2025, 11, 30), MOSCOW)
    assert series.total() == 0 and len(series.days) == 30
    assert png_size(render_chart(series, "Empty", "en")) == (1200, 600)


def test_daily_series_buckets_by_the_chats_local_day() -> None:
    # 2025-11-24 22:30 UTC is already 25 November in Moscow.
    late = 1_764_023_400
    facts = [fact(late, "impulsive"), fact(late - 3 * 3600, "impulsive"), fact(late, "neutral")]
    moscow = daily_series(facts, date(2025, 11, 24), date(2025, 11, 25), MOSCOW)
    utc = daily_series(facts, date(2025, 11, 24), date(2025, 11, 25), zone("UTC"))
    assert moscow.counts["impulsive"] == (1, 1)
    assert utc.counts["impulsive"] == (2, 0)
    assert "neutral" not in moscow.counts


def test_summary_medians_share_overdue_and_precision() -> None:
    facts = [
        fact(0, "constructive", first=600, closed=3600, status="resolved"),
        fact(0, "trolling", original="impulsive", first=1200),
        fact(0, "impulsive", first=3000),
        fact(0, "directed"),
    ]
    summary = summarize(facts, {"neutral": 6, "impulsive": 2, "trolling": 2}, [], now=10_000, reminder_hours=4)
    assert summary.cases_total == 4
    assert summary.per_label == {"constructive": 1, "impulsive": 1, "trolling": 1, "directed": 1}
    assert summary.median_first_action == 1200 and summary.median_resolution == 3600
    assert summary.negative_share == pytest.approx(0.4)
    assert summary.precision["impulsive"].kept == 1 and summary.precision["impulsive"].total == 2
    assert summary.precision["constructive"].share == 1.0
    assert "trolling" not in summary.precision  # the bot never said "trolling"
    assert summary.corrections == 1 and summary.overdue == 0
    assert summarize([], {}, [], now=0, reminder_hours=0).overdue is None


@pytest.mark.parametrize(
    ("arg", "period"),
    [(None, "7d"), ("", "7d"), ("30d", "30d"), ("30", "30d"), ("ALL", "all"), ("все", "all"), ("5y", None)],
)
def test_parse_period(arg: str | None, period: str | None) -> None:
    assert parse_period(arg) == period


@pytest.mark.parametrize(
    ("seconds", "ru", "en"),
    [
        (30, "меньше минуты", "under a minute"),
        (900, "15 мин", "15 min"),
        (7200, "2 ч", "2 h"),
        (8100, "2 ч 15 мин", "2 h 15 min"),
        (86400 * 3 + 3600 * 4, "3 дн 4 ч", "3 d 4 h"),
    ],
)
def test_span(seconds: int, ru: str, en: str) -> None:
    assert span(seconds, "ru") == ru and span(seconds, "en") == en


def test_unknown_time_zone_falls_back_to_utc() -> None:
    assert str(zone("Mars/Olympus")) == "UTC"


SETTINGS = ChatSettings(chat_id=-100)


@pytest.mark.parametrize(
    ("data", "fields", "error"),
    [
        ("settings:-100:auto_schedule", {"auto_schedule": False}, None),
        ("settings:-100:delay:900", {"reply_delay": 900}, None),
        ("settings:-100:delay:901", {}, "set.bad"),
        ("settings:-100:delay:default", {"reply_delay": None}, None),
        ("settings:-100:alert_label:trolling", {"alert_labels": ("constructive", "impulsive", "directed")}, None),
        ("settings:-100:alert_label:neutral", {}, "set.bad"),
        ("settings:-100:quiet:1380-480", {"quiet_start": 1380, "quiet_end": 480}, None),
        ("settings:-100:quiet:1-2", {}, "set.bad"),
        ("settings:-100:timezone:Europe/Moscow", {"timezone": "Europe/Moscow"}, None),
        ("settings:-100:timezone:Mars/Olympus", {}, "set.bad"),
        ("settings:-100:reminder:0", {"reminder_hours": 0}, None),
        ("settings:-100:language:en", {"language": "en"}, None),
        ("settings:-100:language:de", {}, "set.bad"),
        ("settings:-100:alerts_to:both", {"alerts_to": "both"}, None),
        ("settings:-100:alert_group:-100", {}, "set.bad"),
        ("settings:-100:menu:nope", {}, "set.bad"),
        ("settings:-100:retention", {}, "set.bad"),
    ],
)
def test_panel_presses(data: str, fields: dict[str, object], error: str | None) -> None:
    change = apply_press(SettingsPress.unpack(data), SETTINGS)
    assert change.fields == fields and change.error == error


def test_texts_exist_in_both_languages() -> None:
    assert keys("ru") == keys("en")
