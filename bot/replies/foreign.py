"""Words of one kind of business in a draft for another: a bank's «карта» and «списание», a provider's
«тариф» and «лицевой счёт» are used only in a chat of that kind or when the author used such words.

The guards are data (``bot/replies/data/foreign.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.domain.reading import FLAG_NAMES
from bot.replies import datacheck as check

PACKAGE = "bot.replies.data"


@dataclass(frozen=True, slots=True)
class Guard:
    name: str
    draft: re.Pattern[str]
    comment: re.Pattern[str]
    flags: frozenset[str]


@lru_cache(maxsize=1)
def guards() -> tuple[Guard, ...]:
    return read_guards(load(PACKAGE, "foreign.toml"))


def read_guards(file: DataFile) -> tuple[Guard, ...]:
    found = []
    for name in file.table(""):
        table = file.table(name)
        check.only_keys(file, name, file.line_of(name), table, ("draft", "comment", "flags"))
        flags = file.strings(f"{name}.flags")
        for flag in flags:
            if flag not in FLAG_NAMES:
                raise file.fail(f"{name}.flags", f"{flag!r}: not a flag of bot/domain/reading.py")
        patterns = []
        for key in ("draft", "comment"):
            try:
                patterns.append(re.compile(file.value(f"{name}.{key}", str)))
            except re.error as error:
                raise file.fail(f"{name}.{key}", f"not a regular expression: {error}") from None
        found.append(Guard(name, patterns[0], patterns[1], frozenset(flags)))
    return tuple(found)


def _low(text: str) -> str:
    return text.lower().replace("ё", "е")


def blocked(comment: str, have: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """The draft patterns a reply to ``comment`` (with the flags and facts ``have``) must not match."""
    low = _low(comment)
    return tuple(g.draft for g in guards() if not g.flags & have and not g.comment.search(low))


def foreign(text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """Whether a piece of a draft speaks another business's words."""
    if not patterns:
        return False
    spoken = _spoken(text)
    return any(p in spoken if p in _drafts() else p.search(_low(text)) for p in patterns)


@lru_cache(maxsize=1)
def _drafts() -> frozenset[re.Pattern[str]]:
    return frozenset(g.draft for g in guards())


# The pieces of drafts are the data's (about 1,200 texts): each is asked about at every draft that
# could use it, against the guards the comment leaves in force.
@lru_cache(maxsize=2048)
def _spoken(text: str) -> frozenset[re.Pattern[str]]:
    """The guards' draft patterns that ``text`` matches."""
    low = _low(text)
    return frozenset(p for p in _drafts() if p.search(low))
