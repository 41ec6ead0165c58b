"""The kind of business a chat belongs to (a café, a city channel, a bank...), from the chat's title and
the comments written in it, so that every comment of the chat is read as that kind of business's.

The kinds, their word beginnings and the flags they give are data (``bot/replies/data/business.toml``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.domain.reading import FLAG_NAMES
from bot.replies import datacheck as check

PACKAGE = "bot.replies.data"
TITLE_WEIGHT = 3  # a chat's title names its business more surely than a comment does
LEAD = 2  # how far the first kind must lead the second before the chat is taken for it


# A stem can only match where a word begins (the stems' look-behind), so the first characters
# there, taken in one pass, tell which kinds can match at all.
HEAD = 4
_STARTS = re.compile(r"(?<![\w'])(?=(.{1," + str(HEAD) + "}))", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    flags: frozenset[str]
    stems: re.Pattern[str]
    # The stems' first ``HEAD`` characters (the whole stem when it is shorter).
    heads: frozenset[str]


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    return read_kinds(load(PACKAGE, "business.toml"))


@lru_cache(maxsize=1)
def _by_head() -> dict[int, dict[str, tuple[str, ...]]]:
    """By length, each stem head and the kinds that have a stem starting with it."""
    found: dict[int, dict[str, list[str]]] = {}
    for kind in kinds().values():
        for head in kind.heads:
            found.setdefault(len(head), {}).setdefault(head, []).append(kind.name)
    return {n: {head: tuple(names) for head, names in heads.items()} for n, heads in found.items()}


def read_kinds(file: DataFile) -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    for name in file.table(""):
        table = file.table(name)
        line = file.line_of(name)
        check.only_keys(file, name, line, table, ("flags", "stems"))
        flags = file.strings(f"{name}.flags") if table.get("flags") else ()
        for flag in flags:
            if flag not in FLAG_NAMES:
                raise file.fail(f"{name}.flags", f"{flag!r}: not a flag of bot/domain/reading.py")
        stems = file.strings(f"{name}.stems")
        for stem in stems:
            if stem != stem.lower() or "ё" in stem:
                raise file.fail(f"{name}.stems", f"{stem!r}: write it in lower case, with е for ё")
        pattern = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(s) for s in stems) + ")")
        found[name] = Kind(name, frozenset(flags), pattern, frozenset(s[:HEAD] for s in stems))
    return found


def scores(text: str) -> Counter[str]:
    """How strongly ``text`` points to each kind: the distinct word beginnings of the kind it contains."""
    low = text.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    # Only the kinds with a stem that begins as one of the text's words does are searched (the same
    # counts: a match begins where a word does, with its stem's head); most comments name no business.
    starts = set(_STARTS.findall(low))
    possible: set[str] = set()
    for n, heads in _by_head().items():
        for head in heads.keys() & (starts if n == HEAD else {start[:n] for start in starts}):
            possible.update(heads[head])
    if not possible:
        return Counter()
    return Counter(
        {name: n for name, kind in kinds().items() if name in possible and (n := len(set(kind.stems.findall(low))))}
    )


def leader(found: Counter[str]) -> str | None:
    """The kind that leads the others by ``LEAD`` or more, if any."""
    top = found.most_common(2)
    if not top:
        return None
    second = top[1][1] if len(top) > 1 else 0
    if len(top) > 1 and second == top[0][1] and (refined := _refines_city(top[0][0], top[1][0])):
        return refined  # «Водоканал города»: the city's utility, not the city's channel
    return top[0][0] if top[0][1] - second >= LEAD else None


def _refines_city(one: str, other: str) -> str | None:
    """Of a tie between the city and one of its operators (a transport company, a utility), the operator;
    of a tie between two operators, the one the other's flags are part of (a railway over a transport company)."""
    for city, kind in ((one, other), (other, one)):
        if city == "city" and "city" in flags_of(kind):
            return kind
        # «Пригородная пассажирская компания»: a railway is a transport operator with trains of its own.
        if "operator" in flags_of(city) and flags_of(city) < flags_of(kind):
            return kind
    return None


def flags_of(kind: str | None) -> frozenset[str]:
    found = kinds().get(kind) if kind else None
    return found.flags if found else frozenset()


class ChatKinds:
    """The kind of business of each chat, learnt from its title and the comments seen in it (kept in
    memory: after a restart it is learnt again from the title and the next comments)."""

    def __init__(self, limit: int = 10_000) -> None:
        self._seen: dict[int, Counter[str]] = {}
        # The city's operator or a place the title names («Горэлектротранс», «Городской зоопарк»): kept
        # while no other kind leads, so that the city's words in its comments (a bus, the mayor's office)
        # never make it a city's channel that passes complaints on.
        self._titled: dict[int, str] = {}
        self._limit = limit

    def note(self, chat_id: int, text: str | None = None, title: str | None = None) -> None:
        if chat_id not in self._seen and len(self._seen) >= self._limit:
            self._seen.pop(next(iter(self._seen)))
            self._titled = {k: v for k, v in self._titled.items() if k in self._seen}
        new = chat_id not in self._seen
        tally = self._seen.setdefault(chat_id, Counter())
        if title and new:
            named = scores(title)
            for name, n in named.items():
                tally[name] += n * TITLE_WEIGHT
            refined = [name for name in named if flags_of(name) & _REFINES]
            if len(refined) == 1:
                self._titled[chat_id] = refined[0]
        if text:
            tally.update(scores(text))

    def kind(self, chat_id: int) -> str | None:
        tally = self._seen.get(chat_id)
        found = leader(tally) if tally else None
        titled = self._titled.get(chat_id)
        return titled if titled and found in (None, "city") else found


# A kind that is a city's own operator or a place that sells nothing: named in a title, it outweighs the city.
_REFINES = frozenset({"operator", "no_goods"})
