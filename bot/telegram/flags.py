"""Flags that requests made inside a ``with`` block carry down to the session and its middleware."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


@contextmanager
def raised(flag: ContextVar[bool]) -> Iterator[None]:
    """``flag`` is True inside the block (in this task and the ones it starts), as before after it."""
    token = flag.set(True)
    try:
        yield
    finally:
        flag.reset(token)
