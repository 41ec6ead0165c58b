"""Lemmas from pymorphy3, loaded once per process and cached per word.

Known words are read straight from the pymorphy3 dictionary (every normal form the word can
have, plus whether it can only be a plural imperative); unknown words keep their surface form:
running the predictor for slang and typos costs more than it gives to the rules.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import pymorphy3

_CACHE_LIMIT = 200_000
_CYRILLIC = re.compile("[а-яё]")


@dataclass(frozen=True, slots=True)
class WordInfo:
    lemmas: tuple[str, ...]
    known: bool
    # Only readings as a plural imperative ("не покупайте", "отписывайтесь"), not "смотрите".
    plural_imperative: bool
    verb: bool
    # Can be a "we" verb ("пишем", "ставим", "отписываемся") or any plural imperative reading.
    we_verb: bool = False
    any_plural_imperative: bool = False
    # Can be a finite indicative verb ("сняли", "жду"), not only an infinitive or imperative.
    finite: bool = False


class Lemmatizer:
    """Cached word → WordInfo lookups over one shared ``MorphAnalyzer``."""

    def __init__(self, morph: Any | None = None) -> None:
        self._morph: Any = morph if morph is not None else pymorphy3.MorphAnalyzer()
        self._cache: dict[str, WordInfo] = {}
        self._tags: dict[tuple[int, int], str] = {}
        self._fast = True
        try:
            self._dict: Any = self._morph.dictionary
            self._subst: Any = self._morph.char_substitutes
            self._lookup("тест")
        except Exception:  # noqa: BLE001 - pymorphy3 internals changed: use the public API
            self._fast = False

    def _lookup(self, word: str) -> WordInfo:
        if not _CYRILLIC.search(word):
            return WordInfo((word,), False, False, False)
        items = self._dict.words.similar_items(word, self._subst)
        if not items:
            return WordInfo((word,), False, False, False)
        lemmas: list[str] = []
        impr_plur = 0
        other = 0
        verb = False
        we = False
        any_impr = False
        finite = False
        for fixed_word, parses in items:
            for para_id, idx in parses:
                nf = self._dict.build_normal_form(para_id, idx, fixed_word).replace("ё", "е")
                if nf not in lemmas:
                    lemmas.append(nf)
                tag = self._tag_str(para_id, idx)
                if tag.startswith(("VERB", "INFN")):
                    verb = True
                if "impr" in tag and "plur" in tag:
                    impr_plur += 1
                    any_impr = True
                else:
                    other += 1
                if tag.startswith("VERB"):
                    if "1per" in tag and "plur" in tag:
                        we = True
                    if "indc" in tag:
                        finite = True
        return WordInfo(tuple(lemmas), True, impr_plur > 0 and other == 0, verb, we, any_impr, finite)

    def _tag_str(self, para_id: int, idx: int) -> str:
        key = (para_id, idx)
        tag = self._tags.get(key)
        if tag is None:
            tag = str(self._dict.build_tag_info(para_id, idx))
            self._tags[key] = tag
        return tag

    def _public(self, word: str) -> WordInfo:
        parses = self._morph.parse(word)
        lemmas: list[str] = []
        for p in parses:
            nf = str(p.normal_form).replace("ё", "е")
            if nf not in lemmas:
                lemmas.append(nf)
        known = bool(self._morph.word_is_known(word))
        impr = [("impr" in p.tag and "plur" in p.tag) for p in parses]
        verb = any(str(p.tag).startswith(("VERB", "INFN")) for p in parses)
        we = any(str(p.tag).startswith("VERB") and "1per" in p.tag and "plur" in p.tag for p in parses)
        finite = any(str(p.tag).startswith("VERB") and "indc" in p.tag for p in parses)
        if not known:
            return WordInfo((word,), False, False, False)
        return WordInfo(tuple(lemmas), True, bool(impr) and all(impr), verb, we, any(impr), finite)

    def info(self, word: str) -> WordInfo:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        try:
            res = self._lookup(word) if self._fast else self._public(word)
        except Exception:  # noqa: BLE001 - never let one odd word break a verdict
            res = WordInfo((word,), False, False, False)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = res
        return res


_shared: Lemmatizer | None = None
_lock = threading.Lock()


def shared_lemmatizer() -> Lemmatizer:
    """The process-wide lemmatizer (the dictionary is loaded on first use only)."""
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                _shared = Lemmatizer()
    return _shared
