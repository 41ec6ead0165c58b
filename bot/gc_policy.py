"""The cyclic collector's settings for a process that classifies comments all day, applied once start-up
is done: by the bot (``bot/app.py``), by ``python -m bot classify`` and by the classifier benchmarks,
which measure it as it runs."""

from __future__ import annotations

import gc

# Python's own are (700, 10, 10).
GC_THRESHOLDS = (10_000, 50, 50)


def settle_after_start() -> None:
    # What start-up built (dictionaries, lexicons, modules) lives as long as the process: out of the
    # collector's sight, a full collection no longer walks it, which paused the event loop for
    # 100-170 ms, the slowest alerts' latency.
    gc.collect()
    gc.freeze()
    # Nearly all the bot's garbage goes with its last reference; the collector found about 1,400
    # objects in 5,000 comments while taking 7 % of the CPU, its first generation walked every 700 new
    # objects. Every 10,000 now (and the older generations less often in turn).
    gc.set_threshold(*GC_THRESHOLDS)
