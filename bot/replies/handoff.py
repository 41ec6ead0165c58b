"""Hand-off lines held to their grounding (round 19 reading, issue 18).

«Передали разработчикам» for a broken coffee machine, «со службой доставки» for a furniture maker's late
fronts, «передадим в обслуживающую организацию» from the management company that is itself responsible:
each reads as passing the buck to someone the business does not have. A draft keeps such a line only when
the chat's kind or the comment's own words ground it; otherwise the line says the business does it itself
(«разберёмся сами»). The same rule as the grounding gate (``bot/replies/confidence.py``), for departments
and third parties rather than topics. Lines and groundings: ``bot/replies/data/handoffs.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import load
from bot.replies import datacheck as check

PACKAGE = "bot.replies.data"


@dataclass(frozen=True, slots=True)
class _Handoff:
    name: str
    kinds: frozenset[str]
    grounds: re.Pattern[str]
    swaps: tuple[tuple[re.Pattern[str], str], ...]


@lru_cache(maxsize=1)
def _handoffs() -> tuple[_Handoff, ...]:
    file = load(PACKAGE, "handoffs.toml")
    check.only_keys(file, "", 1, file.table(""), ("handoff",))
    found = []
    for i, table in enumerate(file.get("handoff")):
        where = f"handoff[{i}]"
        check.only_keys(file, where, file.line_of("handoff"), table, ("name", "kinds", "grounds", "swap"))
        grounds = tuple(table.get("grounds") or ())
        for part in grounds:
            check.regex(file, f"{where}.grounds", part, re.IGNORECASE)
        swaps = []
        for pair in table.get("swap") or ():
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair) and pair[0]):
                raise file.fail(f"{where}.swap", "expected pairs [pattern, replacement]")
            swaps.append((check.regex(file, f"{where}.swap", pair[0], re.IGNORECASE), pair[1]))
        found.append(
            _Handoff(
                str(table.get("name", where)),
                frozenset(table.get("kinds") or ()),
                re.compile("|".join(f"(?:{p})" for p in grounds) or r"(?!)", re.IGNORECASE),
                tuple(swaps),
            )
        )
    return tuple(found)


def handoff_data() -> None:
    """Read and check ``handoffs.toml`` now (``bot.replies.load_data``)."""
    _handoffs()


def _cased(replacement: str, old: str) -> str:
    if replacement and old[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def own_handoffs(draft: str | None, text: str, kind: str | None) -> str | None:
    """``draft`` with each hand-off the chat's ``kind`` and the comment ``text`` do not ground said as the
    business's own work."""
    if not draft:
        return draft
    low = (text or "").lower().replace("ё", "е")
    for handoff in _handoffs():
        if (kind and kind in handoff.kinds) or handoff.grounds.search(low):
            continue
        for pattern, replacement in handoff.swaps:
            draft = pattern.sub(_swap(replacement), draft)
    return draft


def _swap(replacement: str) -> Callable[[re.Match[str]], str]:
    def swap(match: re.Match[str]) -> str:
        return _cased(replacement, match.group(0))

    return swap
