"""``python -m bot`` with its SQLite statements counted; run by ``sql_per_update.py``, not by hand.

Counts every statement SQLite runs on the storage layer's connection (its trace callback, literal
values folded to ``?``), the virtual machine steps each ran, and every repository call (``execute``,
``executemany``, ``fetchone``, ``fetchall``) with the CPU time its work on the connection took.
SIGUSR1 writes the counts, as JSON, to the file named by ``OTKLIK_SQL_COUNTS``.
With ``OTKLIK_PROFILE``, the first SIGUSR1 also starts cProfile and the second writes its stats there.
"""

from __future__ import annotations

import cProfile
import json
import os
import re
import runpy
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.pop(0)  # this folder: the bot's own modules come from the checkout under test

import storage.database as database

_LITERAL = re.compile(r"'(?:[^']|'')*'|\bX'[0-9A-Fa-f]*'|(?<![\w$])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\b")
# SQLite's virtual machine steps, counted in units of STEP through its progress handler and put
# down to the statement traced last: the work a statement did, whatever the machine's load.
STEP = 50
statements: Counter[str] = Counter()
calls: Counter[str] = Counter()
steps: Counter[str] = Counter()
_current = [""]


def _traced(sql: str) -> None:
    shape = _LITERAL.sub("?", sql)
    statements[shape] += 1
    _current[0] = shape


def _progress() -> int:
    steps[_current[0]] += STEP
    return 0


_init = database._SqliteQueries.__init__


def _init_traced(self: Any, conn: Any) -> None:
    _init(self, conn)
    if os.environ.get("OTKLIK_SQL_TRACE", "1") != "0":  # off: the CPU times without the tracing's cost
        self.raw.set_trace_callback(_traced)
        self.raw.set_progress_handler(_progress, STEP)


database._SqliteQueries.__init__ = _init_traced  # type: ignore[method-assign]


# CPU time (of the event loop's thread, so other processes do not count) of each repository call's
# work on the connection, in nanoseconds: preparing the statement, running it, reading its rows.
cpu: Counter[str] = Counter()
_calling = [""]
_run = database._SqliteQueries._run


async def _timed_run(self: Any, work: Any) -> Any:
    sql = _calling[0]

    def timed(raw: Any) -> Any:
        start = time.thread_time_ns()
        try:
            return work(raw)
        finally:
            cpu[sql] += time.thread_time_ns() - start

    return await _run(self, timed)


database._SqliteQueries._run = _timed_run  # type: ignore[method-assign]


def _counted(name: str) -> None:
    original = getattr(database._SqliteQueries, name)

    async def call(self: Any, sql: str, *args: Any, **kwargs: Any) -> Any:
        calls[sql] += 1
        _calling[0] = sql
        return await original(self, sql, *args, **kwargs)

    setattr(database._SqliteQueries, name, call)


for _name in ("execute", "executemany", "fetchone", "fetchall"):
    _counted(_name)


# OTKLIK_PROFILE: the measured comments (between the first SIGUSR1 and the second) run under
# cProfile timed by the event loop thread's CPU time, so that other processes' load does not count.
_profile: list[cProfile.Profile] = []


def _dump(*_: Any) -> None:
    target = os.environ.get("OTKLIK_PROFILE")
    if target and not _profile:
        _profile.append(cProfile.Profile(time.thread_time))
        _profile[0].enable()
    elif target:
        _profile[0].disable()
        _profile[0].dump_stats(target)
    path = Path(os.environ["OTKLIK_SQL_COUNTS"])
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"statements": statements, "calls": calls, "steps": steps, "cpu": cpu}), encoding="utf-8")
    tmp.replace(path)


signal.signal(signal.SIGUSR1, _dump)
sys.argv = ["bot"]
runpy.run_module("bot", run_name="__main__", alter_sys=True)
