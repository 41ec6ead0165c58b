"""Time as a dependency, so tests and the demo can control it."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


def now_int(clock: Clock) -> int:
    return int(clock())


system_clock: Clock = time.time
