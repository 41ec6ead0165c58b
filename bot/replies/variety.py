"""Two comments in a row in one chat never get the same opening sentence, whatever label each was
given: a troll and an angry customer answered as a troll count their variants apart, so without this
they could both read «Давайте без оскорблений…» one under the other."""

from __future__ import annotations

import re
from collections.abc import Callable

TRIES = 4  # variant numbers tried after the one given, before the same opening is accepted
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def opening(text: str | None) -> str:
    """The first sentence of a draft."""
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def unlike(make: Callable[[int], str | None], seq: int, previous: str | None) -> str | None:
    """The draft for variant ``seq``, or the next one whose opening differs from ``previous``'s
    (a draft, or its opening as ``LastDrafts`` keeps it)."""
    first = make(seq)
    if not previous or not first:
        return first
    avoid = opening(previous).lower()
    for bump in range(1, TRIES + 1):
        if opening(first).lower() != avoid:
            return first
        first = make(seq + bump) or first
    return first


class LastDrafts:
    """The opening of the last draft suggested in each chat, in lower case: all ``unlike`` compares
    (in memory, bounded; a whole draft per chat held several hundred bytes more for each of them)."""

    def __init__(self, limit: int = 10_000) -> None:
        self._last: dict[int, str] = {}
        self._limit = limit

    def get(self, chat_id: int) -> str | None:
        return self._last.get(chat_id)

    def put(self, chat_id: int, text: str | None) -> None:
        if not text:
            return
        self._last.pop(chat_id, None)
        if len(self._last) >= self._limit:
            self._last.pop(next(iter(self._last)))
        self._last[chat_id] = opening(text).lower()
