"""pymorphy3's words DAWG as the flat arrays behind it (checked: pymorphy3 2.0.6 with DAWG2-Python 0.9.0).

bot/language/morph.py walks the dictionary's automaton with inlined loops over the arrays that
dawg-python keeps in private attributes, about three times faster than its method call per byte. The
walk is built only after a self-check against the library's own ``similar_items``; if these attributes
change, that check fails and the library's walk is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class WordsArrays:
    units: Any  # the automaton's units (an array of uint32)
    guide: Any  # the guide for completing keys
    separator: bytes  # between a word and its payload
    unpack: Callable[[bytes], tuple[int, ...]]  # a payload's (paradigm, form)


def words_arrays(words: Any) -> WordsArrays:
    """The arrays of ``MorphAnalyzer().dictionary.words`` (a dawg-python RecordDAWG)."""
    return WordsArrays(words.dct._units, words.guide._units, words._payload_separator, words._struct.unpack)


def probe() -> None:
    from bot.language.morph import Lemmatizer

    lemmatizer = Lemmatizer()
    arrays = words_arrays(lemmatizer.analyzer.dictionary.words)
    assert len(arrays.units) > 1000 and len(arrays.guide) > 1000 and arrays.separator
    # the inlined walk passed its self-check against the library and is the one in use
    assert lemmatizer.uses_fast_walk, "the dictionary walk fell back to dawg-python's: see bot/compat/dawg_words.py"
