"""Messages sent whose record is still to be written: each written once, even by several at a time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


async def record_pending(pending: dict[K, V], record: Callable[[K, V], Awaitable[object]]) -> None:
    """``record`` each entry of ``pending`` and take it out; one whose record fails stays for the
    next time (and the error goes on).

    Each is taken out before its write: messages going out together each record what is waiting,
    and while one waits for the database another must not record the same entry again (and then
    fail its update on an entry already taken out, to be handled, and its message sent, again)."""
    for key in list(pending):
        value = pending.pop(key, None)
        if value is None:
            continue  # being recorded by another
        try:
            await record(key, value)
        except BaseException:
            pending.setdefault(key, value)
            raise
