"""When a scheduled reply may go out: quiet hours in the chat's time zone, cool-down caps."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.models import ChatSettings

# A reply postponed because the author keeps venting waits at most this many delays in total.
COOL_DOWN_CAP = 3


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def in_quiet_hours(ts: int, settings: ChatSettings) -> bool:
    start, end = settings.quiet_start, settings.quiet_end
    if start is None or end is None or start == end:
        return False
    local = datetime.fromtimestamp(ts, zone(settings.timezone))
    minutes = local.hour * 60 + local.minute
    return start <= minutes < end if start < end else (minutes >= start or minutes < end)


def after_quiet_hours(ts: int, settings: ChatSettings) -> int:
    """``ts`` itself, or the end of the quiet hours it falls into."""
    if not in_quiet_hours(ts, settings):
        return ts
    assert settings.quiet_end is not None
    local = datetime.fromtimestamp(ts, zone(settings.timezone))
    end = local.replace(hour=settings.quiet_end // 60, minute=settings.quiet_end % 60, second=0, microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    return int(end.timestamp())


def cooled_down(first_scheduled_at: int, now: int, delay: int) -> int:
    """The author wrote again: wait ``delay`` from now, but no longer than the cap allows."""
    return min(now + delay, first_scheduled_at + COOL_DOWN_CAP * delay)
