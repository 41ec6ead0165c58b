"""``python -m bot`` under tracemalloc; run by ``memory.py --tracemalloc N``, not by hand.

SIGUSR2 writes the ``N`` source lines holding the most memory (and the total traced) to the file
named by ``OTKLIK_TRACEMALLOC``, and the same grouped by module. With ``OTKLIK_TRACEMALLOC_SNAPSHOT``
set (in the environment of ``memory.py``) the snapshot itself is dumped there too, to diff two
checkouts with ``tracemalloc.Snapshot.load``; ``OTKLIK_TRACEMALLOC_FRAMES`` keeps that many frames
per allocation (1 by default: more makes start-up much slower).
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.pop(0)  # this folder: the bot's own modules come from the checkout under test
tracemalloc.start(int(os.environ.get("OTKLIK_TRACEMALLOC_FRAMES", "1")))


def _where(filename: str) -> str:
    for marker in ("site-packages/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _dump(*_: Any) -> None:
    top = int(os.environ.get("OTKLIK_TRACEMALLOC_TOP", "40"))
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    lines = snapshot.statistics("lineno")
    total = sum(stat.size for stat in lines)
    modules: Counter[str] = Counter()
    for stat in lines:
        frame = stat.traceback[0]
        modules[_where(frame.filename)] += stat.size
    out = [f"traced {total / 1e6:.1f} MB in {sum(s.count for s in lines):,} blocks", "", "by line:"]
    for stat in lines[:top]:
        frame = stat.traceback[0]
        out.append(f"{stat.size / 1e6:8.2f} MB {stat.count:>9,}  {_where(frame.filename)}:{frame.lineno}")
    out += ["", "by file:"]
    for name, size in modules.most_common(top):
        out.append(f"{size / 1e6:8.2f} MB  {name}")
    if os.environ.get("OTKLIK_TRACEMALLOC_SNAPSHOT"):
        snapshot.dump(os.environ["OTKLIK_TRACEMALLOC_SNAPSHOT"])
    path = Path(os.environ["OTKLIK_TRACEMALLOC"])
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    tmp.replace(path)


signal.signal(signal.SIGUSR2, _dump)
sys.argv = ["bot"]
runpy.run_module("bot", run_name="__main__", alter_sys=True)
