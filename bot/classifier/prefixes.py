"""Which of several lists of word starts a word opens with, in a few set look-ups.

``tok.startswith(stems)`` compares the word with every stem of the tuple in turn (126 for the harm
claims); a new word of a message is tested against half a dozen such lists when its profile is built.
Here every stem is a key (its bits: the lists it belongs to), and a word is looked up by its own first
k letters for each length k the stems have: the same answer (a word starts with a stem exactly when its
first ``len(stem)`` letters are the stem), in a look-up per distinct stem length.
"""

from __future__ import annotations

from collections.abc import Iterable


class PrefixBits:
    """Bits of the stem lists a word starts with: ``bits(tok)`` is the OR of ``bit`` for every list
    ``(bit, stems)`` given where ``tok.startswith(stems)``."""

    __slots__ = ("_bits", "_lengths")

    def __init__(self, lists: Iterable[tuple[int, Iterable[str]]]) -> None:
        bits: dict[str, int] = {}
        for bit, stems in lists:
            for stem in stems:
                bits[stem] = bits.get(stem, 0) | bit
        self._bits = bits
        # the empty stem starts every word: tok[:0] finds it
        self._lengths = tuple(sorted({len(stem) for stem in bits}))

    def bits(self, tok: str) -> int:
        get = self._bits.get
        out = 0
        n = len(tok)
        for k in self._lengths:
            if k > n:
                break
            out |= get(tok[:k], 0)
        return out
