"""The updates a polling dispatcher is handling (checked: aiogram 3.31.0).

At shutdown the updates already taken from Telegram (their offsets confirmed) must finish before the
database closes; aiogram keeps their tasks in the private set ``Dispatcher._handle_update_tasks``
and offers no public way to wait for them.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import Dispatcher


def updates_in_flight(dp: Dispatcher) -> set[asyncio.Task[Any]]:
    tasks = getattr(dp, "_handle_update_tasks", None)
    if not isinstance(tasks, set):
        raise TypeError("aiogram's Dispatcher._handle_update_tasks is gone: see bot/compat/aiogram_tasks.py")
    return tasks


def probe() -> None:
    dp = Dispatcher()
    tasks = updates_in_flight(dp)
    assert tasks == set()
    # aiogram adds each update's task to this very set while polling (Dispatcher._process_update).
    import inspect

    source = inspect.getsource(Dispatcher)
    assert "self._handle_update_tasks.add(" in source, "aiogram no longer tracks update tasks in that set"
