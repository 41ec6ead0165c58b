"""Durations as people write them in settings: ``90s``, ``15m``, ``2h``, ``1d`` or plain seconds."""

from __future__ import annotations

import re

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_duration(value: str | int | float) -> int:
    """Return whole seconds; raise ValueError on anything else."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 90s, 15m, 2h, 1d or seconds")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _PATTERN.match(value)
        if not match:
            raise ValueError("expected a duration such as 90s, 15m, 2h, 1d or seconds")
        seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds < 0 or seconds > 30 * 86400:
        raise ValueError("a duration must be between 0 and 30 days")
    return int(seconds)


def format_duration(seconds: int) -> str:
    """The shortest exact form: 7200 -> '2h', 90 -> '90s'."""
    for unit in ("d", "h", "m"):
        size = _UNITS[unit]
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
