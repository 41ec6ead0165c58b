"""Word prefilters for the whole-text patterns: skip a regex pass when no word of the message can start a match.

Most lexicon patterns are long alternations of phrases (``\\b(?:толку\\s+нет|нет\\s+слов|...)``), and the
regex engine tries every alternative at every word of every message, though most messages hold none of
the phrases' first words (those whose first words include "в" or "не" still run for most). For each
pattern, ``Prefilter`` reads the first literal word piece of every alternative from the pattern itself
(so editing a lexicon needs no second list to keep in step) and records, per distinct token, which
patterns that token could open. A message's bits are the union of its
tokens' bits; a pattern whose bit is off cannot match ``Normalized.text`` and is not run.

Exact by construction, for patterns searched on ``Normalized.text`` (tokens of word characters joined by
single spaces): a match starts inside one token, and the piece read from the pattern is a literal run
of word characters the match begins with. Where the pattern does not pin its start to a word start
(``\\b``, ``^``) the piece may sit anywhere in the token; where it does not pin the word's end, the token
may go on. A pattern whose start cannot be read (a character class, a case-insensitive flag, an
unknown node) is always run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# The parser behind re.compile; private, so anything unexpected leaves the pattern always run.
from bot.compat.re_parser import constants as _c
from bot.compat.re_parser import parser as _p

# (piece, starts a word, ends the word); an empty piece means "could start anywhere".
_Head = tuple[str, bool, bool]
_OPEN: frozenset[_Head] = frozenset({("", False, False)})
# A piece being read ends here, at a non-word character.
_ENDED: frozenset[_Head] = frozenset({("", False, True)})


def _trie(pieces: Sequence[str]) -> str:
    """The pieces as one pattern with their common beginnings shared ("сетк|семь" → "се(?:тк|мь)"): the
    engine tries each next letter once instead of every piece at every position. A piece that another
    begins with ends that branch: either is found exactly when the shorter one is."""
    root: dict[str, dict[str, Any]] = {}
    for piece in pieces:
        node = root
        for ch in piece:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        if len(alts) == 1:
            return alts[0]
        if all(len(a) == 1 or (len(a) == 2 and a[0] == "\\") for a in alts):
            return "[" + "".join(alts) + "]"
        return "(?:" + "|".join(alts) + ")"

    return emit(root)


def any_of(pieces: Sequence[str]) -> re.Pattern[str]:
    """A pattern found in a text exactly when one of ``pieces`` (non-empty) is in it: one pass in C instead
    of a Python loop of ``in`` tests, for the cheap gates before a rule's own patterns. The pieces share
    their beginnings (``_trie``): over the dev_sentiment texts the rules' gates cost about a fifth less
    than as a flat alternation."""
    if not pieces or not all(pieces):
        raise ValueError("any_of needs non-empty pieces")
    return re.compile(_trie(pieces))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _non_word(op: Any, av: Any) -> bool:
    """Whether the pattern element always takes one non-word character ("," or "\\s" or "[.!?]")."""
    if op is _c.LITERAL:
        return not _is_word(chr(av))
    if op is _c.IN:
        return all(
            (o is _c.LITERAL and not _is_word(chr(a))) or (o is _c.CATEGORY and a is _c.CATEGORY_SPACE) for o, a in av
        )
    return False


def _ends_word(items: list[Any], i: int) -> bool:
    """Whether the pattern element at ``i`` needs a non-word character (or ``\\b``) right there."""
    if i >= len(items):
        return False
    op, av = items[i]
    if op is _c.AT:
        return av is _c.AT_BOUNDARY
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return lo >= 1 and len(sub.data) == 1 and _non_word(*sub.data[0])
    return _non_word(op, av)


# Pieces longer than this tell nothing more about a token.
_LONGEST = 12
# Ends a literal piece without saying anything about the next character.
_STOP: tuple[Any, None] = (None, None)


def _heads(items: list[Any], anchored: bool, joined: bool = False) -> frozenset[_Head]:
    """The literal word pieces any match of the sequence ``items`` begins with.

    ``joined``: ``items`` continue a piece already read, so a non-word character ends that piece
    instead of starting the next one.
    """
    if not items:
        return _OPEN
    op, av = items[0]
    rest = items[1:]
    if _non_word(op, av):
        # ", почему", "[.!?] зато": what follows starts a word
        return _ENDED if joined else _heads(rest, True)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and len(av[2].data) == 1 and _non_word(*av[2].data[0]):
        taken = _ENDED if joined else _heads(rest, True)
        return taken | _heads(rest, anchored, joined) if av[0] == 0 else taken
    if op is _c.LITERAL:
        j = 0
        while j < len(items) and items[j][0] is _c.LITERAL and _is_word(chr(items[j][1])):
            j += 1
        piece = "".join(chr(av) for _op, av in items[:j])
        if _ends_word(items, j) or len(piece) >= _LONGEST:
            return frozenset({(piece, anchored, _ends_word(items, j))})
        # "бг+", "пош[её]л", "дольше\\s*,?\\s*чем": the piece goes on into what follows
        return frozenset((piece + more, anchored, ends) for more, _a, ends in _heads(items[j:], False, True))
    if op is _c.AT:
        if joined:
            return _ENDED if av in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_STRING) else _heads(rest, anchored, joined)
        return _heads(rest, anchored or av in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING))
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _heads(rest, anchored, joined)
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return _OPEN if add_flags & re.IGNORECASE else _heads(sub.data + rest, anchored, joined)
    if op is _c.BRANCH:
        return frozenset().union(*(_heads(alt.data + rest, anchored, joined) for alt in av[1]))
    if op is _c.IN and len(av) <= 8 and all(o is _c.LITERAL for o, _a in av):
        # "[кд]о": one sequence per letter
        return frozenset().union(*(_heads([(_c.LITERAL, a), *rest], anchored, joined) for _o, a in av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        # once, then the rest when it repeats exactly once; else the piece stops after one copy
        once = _heads(sub.data + (rest if lo == hi == 1 or (lo, hi) == (0, 1) else [_STOP]), anchored, joined)
        return once | _heads(rest, anchored, joined) if lo == 0 else once
    return _OPEN


def _parsed(rx: re.Pattern[str]) -> list[Any] | None:
    """The pattern's parsed sequence, or None (case-insensitive, or a parser we do not know)."""
    if _p is None or rx.flags & re.IGNORECASE:
        return None
    try:
        return list(_p.parse(rx.pattern, rx.flags).data)
    except Exception:  # noqa: BLE001 - a parser we do not know: run the pattern always
        return None


def pattern_heads(rx: re.Pattern[str], items: list[Any] | None = None) -> frozenset[_Head]:
    """The word pieces every match of ``rx`` begins with; contains the empty piece when unknown.
    ``items``: the pattern already parsed (``_parsed``), to parse it once."""
    items = _parsed(rx) if items is None else items
    if items is None:
        return _OPEN
    try:
        return _heads(items, False)
    except Exception:  # noqa: BLE001 - a parse tree we do not know: run the pattern always
        return _OPEN


def _weakest(heads: frozenset[_Head]) -> int:
    """How rare a set of pieces is taken to be: its shortest piece's length ("в", "не" open most texts)."""
    return min((len(piece) for piece, _starts, _ends in heads), default=0)


def _needs(items: list[Any], anchored: bool) -> frozenset[_Head] | None:
    """Word pieces, each at a word start, one of which every match of the sequence ``items`` holds
    somewhere (not only where it begins): of the sequence's parts the one whose pieces are rarest
    (``_weakest``), of an alternation the union of its branches' own. None when no part tells.

    ``anchored``: the sequence begins at a word start. Only what a match must hold is read: a part that
    may be skipped (a repeat from zero) gives nothing, and after a part of unknown width the next one is
    not taken to start a word.
    """
    best: frozenset[_Head] | None = None
    i, n = 0, len(items)
    while i < n:
        op, av = items[i]
        found: frozenset[_Head] | None = None
        starts_next = False
        if _non_word(op, av):
            starts_next = True
        elif op is _c.LITERAL:
            j = i
            while j < n and items[j][0] is _c.LITERAL and _is_word(chr(items[j][1])):
                j += 1
            piece = "".join(chr(a) for _op, a in items[i:j])
            if anchored:
                found = frozenset({(piece[:_LONGEST], True, len(piece) <= _LONGEST and _ends_word(items, j))})
            i = j - 1
        elif op is _c.AT:
            starts_next = anchored or av in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            starts_next = anchored
        elif op is _c.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                found = _needs(av[3].data, anchored)
        elif op is _c.BRANCH:
            branches = [_needs(alt.data, anchored) for alt in av[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            if len(sub.data) == 1 and _non_word(*sub.data[0]):
                starts_next = lo >= 1 or anchored
            elif lo >= 1:
                found = _needs(sub.data, anchored)
            elif sub.data and _non_word_end(sub.data[-1]):
                # "(?:да\\s+)?провалитесь": skipped or not, what follows starts a word if this began at one
                starts_next = anchored
        if found is not None and (best is None or _weakest(found) > _weakest(best)):
            best = found
        anchored = starts_next
        i += 1
    return best


def _non_word_end(item: Any) -> bool:
    """Whether the last element of a sequence always ends on a non-word character ("\\s+", ",")."""
    op, av = item
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return av[0] >= 1 and len(av[2].data) == 1 and _non_word(*av[2].data[0])
    return _non_word(op, av)


def pattern_needs(rx: re.Pattern[str], items: list[Any] | None = None) -> frozenset[_Head] | None:
    """Word-start pieces one of which every match of ``rx`` holds (``_needs``); None when unknown.
    ``items``: the pattern already parsed (``_parsed``)."""
    items = _parsed(rx) if items is None else items
    if items is None:
        return None
    try:
        return _needs(items, False)
    except Exception:  # noqa: BLE001 - a parse tree we do not know: the pattern's heads alone
        return None


def _raw_variants(piece: str, starts: bool, ends: bool, lookalikes: dict[int, str]) -> tuple[_Head, ...]:
    """A piece of ``Normalized.raw`` as it may stand in a token: as it is, or with look-alikes folded."""
    if "_" in piece:
        # "кто_то" is one token "ктото": the piece goes up to the underscore
        piece, ends = piece[: piece.index("_")], False
    return (piece, starts, ends), (piece.translate(lookalikes), starts, ends)


class Prefilter:
    """Per-token bits over a fixed list of patterns: bit ``k`` set when the token could start a match of pattern ``k``.

    ``patterns`` are searched on ``Normalized.text``. ``raw_patterns`` are searched on ``Normalized.raw``,
    whose words become tokens unchanged but for underscores dropped, Latin look-alikes folded with
    ``lookalikes`` (a piece is looked for both ways) and masks such as "бл@" or "#тег" (the caller opens
    ``raw_bits`` when the text has one).
    """

    def __init__(
        self,
        patterns: tuple[re.Pattern[str], ...],
        raw_patterns: tuple[re.Pattern[str], ...] = (),
        lookalikes: dict[int, str] | None = None,
    ) -> None:
        self.patterns = patterns + raw_patterns
        self.always = 0
        self._exact: dict[str, int] = {}
        self._prefix: dict[str, int] = {}
        self._suffix: dict[str, int] = {}
        self._inside: dict[str, int] = {}
        for k, rx in enumerate(self.patterns):
            bit = 1 << k
            items = _parsed(rx)
            heads = pattern_heads(rx, items)
            # a rarer piece further in ("нет слов": "слов", not "нет"), when every match holds one
            needs = pattern_needs(rx, items)
            if needs is not None and _weakest(needs) > _weakest(heads):
                heads = needs
            if k >= len(patterns):
                heads = frozenset(h for head in heads for h in _raw_variants(*head, lookalikes or {}))
            for piece, starts, ends in heads:
                if not piece:
                    self.always |= bit
                    continue
                table = (self._exact if ends else self._prefix) if starts else (self._suffix if ends else self._inside)
                table[piece] = table.get(piece, 0) | bit
        # prefixes by their first two letters (one-letter ones by that letter): most tokens meet no bucket
        self._starts: dict[str, tuple[tuple[str, int], ...]] = {}
        for piece, piece_bits in self._prefix.items():
            self._starts[piece[:2]] = (*self._starts.get(piece[:2], ()), (piece, piece_bits))
        self.all = (1 << len(self.patterns)) - 1
        self.raw_bits = self.all ^ ((1 << len(patterns)) - 1)

    def bit(self, rx: re.Pattern[str]) -> int:
        return 1 << self.patterns.index(rx)

    def token_bits(self, tok: str) -> int:
        """The patterns this token could start (computed once per distinct token by the caller's cache)."""
        bits = self.always | self._exact.get(tok, 0)
        for head in (tok[:1], tok[:2]) if len(tok) > 1 else (tok,):
            for piece, piece_bits in self._starts.get(head, ()):
                if tok.startswith(piece):
                    bits |= piece_bits
        for piece, piece_bits in self._suffix.items():
            if tok.endswith(piece):
                bits |= piece_bits
        for piece, piece_bits in self._inside.items():
            if piece in tok:
                bits |= piece_bits
        return bits
