"""Statistics for /stats: plain Python over storage rows, no aiogram, no SQL."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.models import Case, CaseFacts, CaseStatus
from bot.domain.verdicts import NEGATIVE_LABELS, Label

# The order labels are listed and stacked in.
NEGATIVE_ORDER: tuple[str, ...] = (
    Label.CONSTRUCTIVE.value,
    Label.IMPULSIVE.value,
    Label.TROLLING.value,
    Label.DIRECTED.value,
)
PERIODS: dict[str, int | None] = {"7d": 7, "30d": 30, "all": None}
DEFAULT_PERIOD = "7d"
_NEGATIVE_VALUES = frozenset(label.value for label in NEGATIVE_LABELS)


def parse_period(arg: str | None) -> str | None:
    """``7d``, ``30d`` or ``all`` (also ``7``, ``30``, ``все``); None for anything else."""
    if not arg or not arg.strip():
        return DEFAULT_PERIOD
    value = arg.strip().lower()
    aliases = {"7": "7d", "30": "30d", "все": "all", "всё": "all", "7д": "7d", "30д": "30d"}
    value = aliases.get(value, value)
    return value if value in PERIODS else None


def zone(name: str | None) -> tzinfo:
    """The chat's time zone; UTC when the name is unknown or no tz database is installed."""
    if not name or name == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_day(epoch: int, tz: tzinfo) -> date:
    return datetime.fromtimestamp(epoch, tz).date()


def period_start(period: str, now: int, tz: tzinfo, first_case_at: int | None) -> date:
    """The first local day shown: ``days - 1`` days before today, or the first case's day."""
    today = local_day(now, tz)
    days = PERIODS[period]
    if days is None:
        return local_day(first_case_at, tz) if first_case_at is not None else today
    return today - timedelta(days=days - 1)


def day_start_epoch(day: date, tz: tzinfo) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=tz).timestamp())


@dataclass(frozen=True, slots=True)
class DailySeries:
    """Cases per local day and label: ``counts[label][i]`` is the count on ``days[i]``."""

    days: tuple[date, ...]
    counts: dict[str, tuple[int, ...]]

    def total(self) -> int:
        return sum(sum(values) for values in self.counts.values())


def daily_series(facts: list[CaseFacts], start: date, end: date, tz: tzinfo) -> DailySeries:
    days = tuple(start + timedelta(days=i) for i in range((end - start).days + 1))
    index = {day: i for i, day in enumerate(days)}
    counts = {label: [0] * len(days) for label in NEGATIVE_ORDER}
    for fact in facts:
        i = index.get(local_day(fact.created_at, tz))
        if i is not None and fact.label in counts:
            counts[fact.label][i] += 1
    return DailySeries(days, {label: tuple(values) for label, values in counts.items()})


@dataclass(frozen=True, slots=True)
class Precision:
    """Of ``total`` cases the bot gave this label, ``kept`` still have it after admins' corrections."""

    kept: int
    total: int

    @property
    def share(self) -> float:
        return self.kept / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class StatsSummary:
    cases_total: int
    per_label: dict[str, int]
    messages_total: int
    negative_messages: int
    median_first_action: int | None
    median_resolution: int | None
    open_cases: int
    overdue: int | None  # None when reminders are off (reminder_hours = 0)
    precision: dict[str, Precision]
    corrections: int

    @property
    def negative_share(self) -> float | None:
        return self.negative_messages / self.messages_total if self.messages_total else None


def _median(values: list[int]) -> int | None:
    return int(statistics.median(values)) if values else None


def summarize(
    facts: list[CaseFacts],
    message_counts: dict[str, int],
    open_cases: list[Case],
    *,
    now: int,
    reminder_hours: int,
) -> StatsSummary:
    per_label = {label: 0 for label in NEGATIVE_ORDER}
    for fact in facts:
        per_label[fact.label] = per_label.get(fact.label, 0) + 1
    first_action = [f.first_action_at - f.created_at for f in facts if f.first_action_at is not None]
    resolution = [
        f.closed_at - f.created_at
        for f in facts
        if f.closed_at is not None and f.status in (CaseStatus.RESOLVED.value, CaseStatus.IGNORED.value)
    ]
    precision: dict[str, Precision] = {}
    for label in NEGATIVE_ORDER:
        given = [f for f in facts if f.original_label == label]
        if given:
            precision[label] = Precision(kept=sum(1 for f in given if f.label == label), total=len(given))
    overdue: int | None = None
    if reminder_hours > 0:
        limit = now - reminder_hours * 3600
        overdue = sum(1 for case in open_cases if case.created_at <= limit)
    return StatsSummary(
        cases_total=len(facts),
        per_label=per_label,
        messages_total=sum(message_counts.values()),
        negative_messages=sum(n for label, n in message_counts.items() if label in _NEGATIVE_VALUES),
        median_first_action=_median([max(0, v) for v in first_action]),
        median_resolution=_median([max(0, v) for v in resolution]),
        open_cases=len(open_cases),
        overdue=overdue,
        precision=precision,
        corrections=sum(1 for f in facts if f.original_label != f.label),
    )
