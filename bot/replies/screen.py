"""Which of many patterns can match a text at all, found without running them.

Reading a comment searches it for several hundred patterns (``facts.toml``'s flags and values, the
topics' stems and patterns), and each search costs about as much as the rest of the reading; almost
all of them fail. Every pattern names literal pieces that any match must contain ("дважды", "верн" of
"верн[её]те деньги", one of "курьер", "никто", "водитель" of "(?:курьер|никто|водитель)…"):
``needs`` reads them from the pattern itself, so the data files need no second list to keep in step,
and ``Screen`` runs a pattern only when one of its pieces is in the text.

Exact by construction: a match is a piece of the text, so a literal it must contain is in the text.
Without ``fold`` the pieces are compared as they are, and what a case-insensitive pattern (or part)
says is not read. With ``fold`` (for case-insensitive patterns) pieces and text are compared in lower
case, which is exact only for letters whose cases map one to one (Latin and Cyrillic without their
rare look-alikes such as "ſ" or "ᲀ"); a text with any other letter that has a case runs every pattern.
A pattern whose pieces cannot be read (an unknown node, another Python) is always run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from bot.compat.re_parser import constants as _c
from bot.compat.re_parser import parser as _p

# Letters a character class may stand for and still give literal pieces ("верн[её]те").
_CLASS_LETTERS = 4
# Different spellings of one piece kept before the piece is cut there.
_SPELLINGS = 16
# Texts are screened by the first _GRAM characters of each piece.
_GRAM = 3
# Characters outside ASCII and the Cyrillic block: where one has a case, lower-casing the text may
# not be what a case-insensitive match does with it.
_OTHER_SCRIPT = re.compile(r"[^\x00-\x7f\u0400-\u04ff]")

_Need = frozenset[str]  # any one of these pieces


def _plain(piece: str) -> bool:
    return not _OTHER_SCRIPT.search(piece)


def _best(needs: list[_Need]) -> _Need | None:
    """The most telling of several needs: the one whose shortest piece is longest."""
    return max(needs, key=lambda need: (min(map(len, need)), -len(need)), default=None)


def _sequence(items: Sequence[Any], fold: bool, caseless: bool) -> list[_Need]:
    """What every match of the sequence ``items`` contains: each need is met by one of its pieces.

    ``caseless``: the sequence matches ignoring case (only read when ``fold``: pieces in lower case).
    """
    needs: list[_Need] = []
    spellings = {""}

    def cut() -> set[str]:
        if "" not in spellings and (not fold or all(map(_plain, spellings))):
            needs.append(frozenset(s.lower() for s in spellings) if fold else frozenset(spellings))
        return {""}

    for op, av in items:
        if op is _c.LITERAL:
            spellings = {s + chr(av) for s in spellings}
            continue
        if op is _c.IN and len(av) <= _CLASS_LETTERS and all(o is _c.LITERAL for o, _a in av):
            if len(spellings) * len(av) <= _SPELLINGS:
                spellings = {s + chr(a) for s in spellings for _o, a in av}
                continue
            spellings = cut()
            spellings = {chr(a) for _o, a in av}
            continue
        spellings = cut()
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner = (caseless or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            if fold or not inner:
                needs.extend(_sequence(sub.data, fold, inner))
        elif op is _c.ATOMIC_GROUP:
            needs.extend(_sequence(av.data, fold, caseless))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if low >= 1:
                needs.extend(_sequence(sub.data, fold, caseless))
        elif op is _c.BRANCH:
            alternatives = [_best(_sequence(alt.data, fold, caseless)) for alt in av[1]]
            if all(alternatives):
                needs.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
        # anything else (an anchor, a look-around, a class, a back-reference) needs nothing read here
    cut()
    return needs


def needs(rx: re.Pattern[str], fold: bool = False) -> _Need | None:
    """Pieces one of which every match of ``rx`` contains (in lower case with ``fold``); None when
    none can be read."""
    caseless = bool(rx.flags & re.IGNORECASE)
    if _p is None or (caseless and not fold):
        return None
    try:
        return _best(_sequence(_p.parse(rx.pattern, rx.flags).data, fold, caseless))
    except Exception:  # noqa: BLE001 - a parser we do not know: run the pattern always
        return None


def _grams(text: str) -> list[str]:
    return [text[i : i + _GRAM] for i in range(len(text) - _GRAM + 1)]


def plain(text: str) -> bool:
    """Whether every letter of ``text`` that has a case is Latin or Cyrillic (not "ſ", "ᲀ" or "İ"): then
    lower-casing it, letter by letter, is what a case-insensitive match does with it."""
    return all(ch.lower() == ch == ch.upper() for ch in _OTHER_SCRIPT.findall(text))


class Screen:
    """The patterns of a fixed list that may match a text: ``candidates(text)`` holds their places.

    ``exact`` patterns search the text itself; ``folded`` ones search a text that ``fold`` (lower case
    first, then any changes letter by letter) turns into it, and may ignore case. Their places follow
    the exact ones' in ``patterns``.
    """

    def __init__(
        self,
        exact: Sequence[re.Pattern[str]],
        folded: Sequence[re.Pattern[str]] = (),
        fold: Callable[[str], str] = str.lower,
    ) -> None:
        self.patterns = (*exact, *folded)
        self._folded = frozenset(range(len(exact), len(self.patterns)))
        self._always: set[int] = set()
        self._short: list[tuple[str, int]] = []  # pieces shorter than a gram, looked for one by one
        self._by_gram: dict[str, list[tuple[str, int]]] = {}
        found: list[tuple[str, int]] = []
        for place, rx in enumerate(self.patterns):
            folds = place in self._folded
            pieces = needs(rx, fold=folds)
            if not pieces:
                self._always.add(place)
                continue
            for piece in sorted({fold(p) for p in pieces} if folds else pieces):
                (self._short if len(piece) < _GRAM else found).append((piece, place))
        # Each piece is filed under its least common gram among all the pieces ("спис" of "не списали",
        # not "не "), so that a text's everyday grams call up few pieces to look for.
        common = Counter(gram for piece, _place in found for gram in set(_grams(piece)))
        for piece, place in found:
            key = min(_grams(piece), key=common.__getitem__)
            self._by_gram.setdefault(key, []).append((piece, place))
        self._grams = frozenset(self._by_gram)

    def candidates(self, text: str, plain: bool = True) -> set[int]:
        """``plain``: the text the folded patterns search passes ``plain()``; if not, they all run."""
        found = set(self._always) if plain else self._always | self._folded
        for gram in self._grams.intersection(_grams(text)):
            for piece, place in self._by_gram[gram]:
                if place not in found and piece in text:
                    found.add(place)
        for piece, place in self._short:
            if place not in found and piece in text:
                found.add(place)
        return found
