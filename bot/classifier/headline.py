"""Whether a message has the shape of a retold news headline («В Туле задержали…», «Суд оштрафовал…»,
"Police arrest…"): such a line only mentions a bad event, it does not complain or jab (the doctrine's
`neutral`). A signal for the learned layer; the lists are in ``data/headline.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from bot.classifier.normalize import Normalized
from bot.language.morph import Lemmatizer

_DATA = Path(__file__).resolve().parent / "data" / "headline.toml"


@dataclass(frozen=True)
class HeadlineWords:
    verb_stems: tuple[str, ...]
    verb_heads: frozenset[str]  # the verb stems' first three letters: a set look-up gates each word
    authority_stems: tuple[str, ...]
    place_prepositions: frozenset[str]
    own_words: frozenset[str]


@lru_cache(maxsize=1)
def headline_words(path: Path = _DATA) -> HeadlineWords:
    with path.open("rb") as fh:
        d = tomllib.load(fh)
    return HeadlineWords(
        tuple(d["verb_stems"]),
        frozenset(s[:3] for s in d["verb_stems"]),
        tuple(d["authority_stems"]),
        frozenset(d["place_prepositions"]),
        frozenset(d["own_words"]),
    )


def _is_place(word: str, lem: Lemmatizer) -> bool:
    """A place name after «в/у/in»: a geographical name to pymorphy3, or a word it does not know (Ukrainian
    «Львові», English "Leeds", a brand's outlet)."""
    if not word.isalpha():
        return False
    info = lem.info(word)
    if not info.known:
        return True
    return any("Geox" in p.tag for p in lem.analyzer.parse(word)[:2])


def headline_shape(norm: Normalized, lem: Lemmatizer) -> bool:
    """A verb of enforcement or reporting, an anchor (an authority, a place, a link) and no mark of the
    author's own voice (a person, "again", a question or an exclamation)."""
    tokens = norm.tokens
    if not tokens or norm.questions or norm.exclaims:
        return False
    w = headline_words()
    heads = w.verb_heads
    # a set look-up per word first: most messages stop here
    if not any(t[:3] in heads and t.startswith(w.verb_stems) for t in tokens):
        return False
    if any(t in w.own_words for t in tokens):
        return False
    if norm.urls or any(t.startswith(w.authority_stems) for t in tokens):
        return True
    return any(t in w.place_prepositions and _is_place(nxt, lem) for t, nxt in pairwise(tokens))
