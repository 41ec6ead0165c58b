"""Case-insensitive searches made cheap: a lower-case twin of the pattern on the lower-cased text.

Python's ``re`` scans a text quickly only when it knows what a match can start with, and it gives that
up for a case-insensitive pattern with cased letters: a long alternation such as the safety words of
``bot.replies.shapes`` is then tried at every position, five times the cost of the same pattern without
``IGNORECASE`` on the lower-cased text.

The twin is the same pattern without ``IGNORECASE``, and it answers the same (whether the pattern is
found, and where) when
* every letter of the pattern is a Latin or Cyrillic one in lower case (a class may hold capitals too,
  with the lower case of each), with no back-reference and no part that turns ``IGNORECASE`` on or off;
* and the text passes ``screen.plain``: its letters are Latin or Cyrillic, whose cases map one to one,
  so that lower-casing it letter by letter is what the case-insensitive match does.

Otherwise the pattern itself searches the text. The twin's match is of the lower-cased text: only
whether it is found and its positions are the pattern's, not the text it matched.
"""

from __future__ import annotations

import re
from typing import Any

from bot.compat.re_parser import constants as _c
from bot.compat.re_parser import parser as _p
from bot.replies.screen import plain

# A class's range is checked letter by letter up to this size (a larger one gives no twin).
_RANGE = 4096


def _lower_letter(code: int) -> bool:
    ch = chr(code)
    return ch.lower() == ch and plain(ch)


def _class_ok(items: list[tuple[Any, Any]]) -> bool:
    held: set[int] = set()
    for op, av in items:
        if op is _c.LITERAL:
            held.add(av)
        elif op is _c.RANGE:
            low, high = av
            if high - low > _RANGE:
                return False
            held.update(range(low, high + 1))
        elif op not in (_c.NEGATE, _c.CATEGORY):
            return False
    return all(plain(chr(code)) and ord(chr(code).lower()) in held for code in held)


def _tree_ok(items: Any) -> bool:
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if not _lower_letter(av):
                return False
        elif op is _c.IN:
            if not _class_ok(av):
                return False
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & re.IGNORECASE or not _tree_ok(sub):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _tree_ok(av[2]):
                return False
        elif op is _c.BRANCH:
            if not all(_tree_ok(alt) for alt in av[1]):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not _tree_ok(av[1]):
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _tree_ok(av):
                return False
        elif op not in (_c.AT, _c.ANY, _c.CATEGORY):
            return False  # a back-reference, a conditional, anything not read here
    return True


def twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """``rx`` without ``IGNORECASE``, to search a plain lower-cased text; None when it has no such twin."""
    if not rx.flags & re.IGNORECASE or _p is None:
        return None
    try:
        ok = _tree_ok(_p.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - a parser we do not know: no twin
        return None
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE) if ok else None


class Caseless:
    """A case-insensitive pattern whose ``found`` uses its twin where it can."""

    __slots__ = ("_twin", "rx")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._twin = twin(rx)

    def found(self, text: str, low: str | None = None) -> bool:
        """Whether ``rx`` finds a match in ``text``; ``low`` is ``text.lower()`` when the caller has it."""
        if self._twin is None or not plain(text):
            return self.rx.search(text) is not None
        return self._twin.search(text.lower() if low is None else low) is not None
