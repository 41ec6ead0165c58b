"""Background loops: stopping one the same way everywhere, and saying why a round failed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import sys
from typing import Any

from aiogram.exceptions import TelegramAPIError

_PG_OUTSIDE = (
    "PostgresConnectionError",
    "InterfaceError",
    "LockNotAvailableError",
    "QueryCanceledError",
    "DeadlockDetectedError",
    "CannotConnectNowError",
    "TooManyConnectionsError",
)


def from_outside(error: BaseException) -> bool:
    """A failure whose cause is outside the bot's code: the database locked past its wait, busy or
    unreachable, the network, Telegram. Tried again by the loop; no traceback tells an operator more."""
    if isinstance(error, sqlite3.OperationalError | OSError | TimeoutError | TelegramAPIError):
        return True
    asyncpg = sys.modules.get("asyncpg")  # imported only when the database is PostgreSQL
    return asyncpg is not None and isinstance(error, tuple(getattr(asyncpg, name) for name in _PG_OUTSIDE))


def log_round_failure(log: logging.Logger, what: str, error: Exception) -> None:
    """One WARNING line for a round of a background loop that failed from outside (see
    ``from_outside``); the traceback for anything else, which is a bug."""
    if from_outside(error):
        text = " ".join(str(error).split()) or type(error).__name__
        log.warning("%s: %s: %s", what, type(error).__name__, text)
    else:
        log.exception(what)


async def cancel(task: asyncio.Task[Any] | None) -> None:
    """Cancel a background task and wait until it has ended."""
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def finish(task: asyncio.Task[Any], grace: float) -> None:
    """Let a background task that was told to stop end by itself within ``grace`` seconds (so the work
    in flight is recorded), then cancel it."""
    try:
        await asyncio.wait_for(asyncio.shield(task), grace)
    except TimeoutError:
        await cancel(task)
