"""Lemmas from pymorphy3, loaded once per process and cached per word.

Known words are read straight from the pymorphy3 dictionary (every normal form the word can
have, plus whether it can only be a plural imperative); unknown words keep their surface form:
running the predictor for slang and typos costs more than it gives to the rules.
"""

from __future__ import annotations

import os
import re
import threading
from binascii import a2b_base64
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pymorphy3

from bot.compat.dawg_words import words_arrays

# Per-word caches (here, in normalize.py, features.py and learned.py) lose their older half when they
# reach this many words (``trim_cache``): a chat's everyday vocabulary fits, and memory stays bounded
# (about 2 kB a word in all; at 200,000 words they grew a long-running bot by hundreds of megabytes).
WORD_CACHE_LIMIT = 30_000
_CYRILLIC = re.compile("[а-яё]")


def trim_cache(cache: dict[Any, Any], limit: int = WORD_CACHE_LIMIT) -> None:
    """Keep a word cache bounded: past ``limit`` entries the older half goes (dicts keep insertion order).

    Emptying it all instead made every frequent word be read again right after: over the 27,276
    dev_sentiment texts (35,763 distinct words) a full clear cost 42,704 word readings, this 39,516.
    """
    if len(cache) >= limit:
        for key in list(islice(cache, len(cache) // 2)):
            del cache[key]


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


_HAS_LEAF = 1 << 8
_EXTENSION = 1 << 9
_LABEL_MASK = (1 << 31) | 0xFF
_PRECISION = 0xFFFFFFFF


class _FastWords:
    """The pymorphy3 words DAWG read with flat loops (same answers as ``similar_items``, ~3x faster).

    dawg-python walks the automaton through a method call per byte; here the walk, the ё
    substitution and the value completer are inlined over the same arrays. Built only after a
    self-check against the library (see ``Lemmatizer``); any mismatch falls back to the library.
    """

    def __init__(self, words: Any, substitutes: Any) -> None:
        arrays = words_arrays(words)
        self._units: Any = arrays.units
        self._guide: Any = arrays.guide
        self._sep: bytes = arrays.separator
        self._unpack: Any = arrays.unpack
        self._repl: dict[str, list[tuple[bytes, str]]] = {k.decode("utf8"): list(v) for k, v in substitutes.items()}
        # never matches when there is nothing to substitute
        self._substitutable = re.compile("[" + "".join(map(re.escape, self._repl)) + "]" if self._repl else "(?!)")
        # Values by the node after "word + separator": the automaton is minimal, so words with the same
        # (paradigm, form) pairs ("столом", "домом") end in the same node, and its values are read once.
        self._read: dict[int, list[tuple[int, int]]] = {}

    def _walk(self, index: int, data: bytes) -> int:
        units = self._units
        for label in data:
            u = units[index]
            index = (index ^ ((u >> 10) << ((u & _EXTENSION) >> 6)) ^ label) & _PRECISION
            if units[index] & _LABEL_MASK != label:
                return 0
        return index

    def _values(self, index: int) -> list[tuple[int, int]]:
        hit = self._read.get(index)
        if hit is None:
            hit = self._complete(index)
            if len(self._read) >= WORD_CACHE_LIMIT:
                self._read.clear()
            self._read[index] = hit
        return hit

    def _complete(self, index: int) -> list[tuple[int, int]]:
        units, guide, unpack = self._units, self._guide, self._unpack
        out: list[tuple[int, int]] = []
        key = bytearray()
        stack = [index]
        first = True
        while stack:
            index = stack[-1]
            if not first:
                child = guide[index * 2]
                if child:
                    u = units[index]
                    index = (index ^ ((u >> 10) << ((u & _EXTENSION) >> 6)) ^ child) & _PRECISION
                    if units[index] & _LABEL_MASK != child:
                        return out
                    key.append(child)
                    stack.append(index)
                else:
                    while True:
                        sibling = guide[index * 2 + 1]
                        if key:
                            key.pop()
                        stack.pop()
                        if not stack:
                            return out
                        index = stack[-1]
                        if sibling:
                            u = units[index]
                            index = (index ^ ((u >> 10) << ((u & _EXTENSION) >> 6)) ^ sibling) & _PRECISION
                            if units[index] & _LABEL_MASK != sibling:
                                return out
                            key.append(sibling)
                            stack.append(index)
                            break
            first = False
            while not units[index] & _HAS_LEAF:
                label = guide[index * 2]
                u = units[index]
                index = (index ^ ((u >> 10) << ((u & _EXTENSION) >> 6)) ^ label) & _PRECISION
                if units[index] & _LABEL_MASK != label:
                    return out
                key.append(label)
                stack.append(index)
            out.append(unpack(a2b_base64(bytes(key))))
        return out

    def _similar(self, prefix: str, word: str, start: int, index: int) -> list[tuple[str, list[tuple[int, int]]]]:
        res: list[tuple[str, list[tuple[int, int]]]] = []
        pos = start
        end = len(word)
        while pos < end:
            # the letters up to the next one with substitutes ("е" may stand for "ё") in one walk
            hit = self._substitutable.search(word, pos)
            stop = end if hit is None else hit.start()
            if stop > pos:
                index = self._walk(index, word[pos:stop].encode("utf8"))
                if not index:
                    return res
                pos = stop
                if pos == end:
                    break
            ch = word[pos]
            for b_alt, u_alt in self._repl[ch]:
                nxt = self._walk(index, b_alt)
                if nxt:
                    res += self._similar(prefix + word[start:pos] + u_alt, word, pos + 1, nxt)
            index = self._walk(index, ch.encode("utf8"))
            if not index:
                return res
            pos += 1
        index = self._walk(index, self._sep)
        if index:
            res.insert(0, (prefix + word[start:], self._values(index)))
        return res

    def similar_items(self, word: str) -> list[tuple[str, list[tuple[int, int]]]]:
        return self._similar("", word, 0, 0)


# Per (paradigm, form): stem cut from the start and from the end, normal form prefix and suffix,
# and whether the form is a verb, a plural imperative, a "we" verb, an indicative verb.
_Form = tuple[int, int, str, str, bool, bool, bool, bool]

_SELF_CHECK = ("тест", "все", "еще", "ее", "елка", "заказ", "пришел", "не", "покупайте", "ёжик", "щщщ")


def _new_analyzer() -> Any:
    """pymorphy3's analyzer over the Russian dictionary package.

    The package is named directly: left to itself, pymorphy3 finds it through the entry points of
    every installed distribution, and importing importlib.metadata and reading their metadata costs
    a good part of the start-up. ``PYMORPHY2_DICT_PATH`` still wins, as in pymorphy3.
    """
    if "PYMORPHY2_DICT_PATH" not in os.environ:
        try:
            import pymorphy3_dicts_ru  # type: ignore[import-untyped]
        except ImportError:
            pass
        else:
            return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")
    return pymorphy3.MorphAnalyzer()


class Lemmatizer:
    """Cached word → WordInfo lookups over one shared ``MorphAnalyzer``."""

    def __init__(self, morph: Any | None = None) -> None:
        self._morph: Any = morph if morph is not None else _new_analyzer()
        self._cache: dict[str, WordInfo] = {}
        self._forms: dict[tuple[int, int], _Form] = {}
        self._fast = True
        self.uses_fast_walk = False
        try:
            self._dict: Any = self._morph.dictionary
            self._subst: Any = self._morph.char_substitutes
            self._words: Any = self._dict.words
            try:
                fast = _FastWords(self._words, self._subst)
                ok = all(fast.similar_items(w) == self._words.similar_items(w, self._subst) for w in _SELF_CHECK)
            except Exception:  # noqa: BLE001 - dawg-python internals changed: use its own walk
                ok = False
            self.uses_fast_walk = ok
            self._similar: Any = fast.similar_items if ok else lambda w: self._words.similar_items(w, self._subst)
            self._lookup("тест")
        except Exception:  # noqa: BLE001 - pymorphy3 internals changed: use the public API
            self._fast = False

    @property
    def analyzer(self) -> Any:
        return self._morph

    def _lookup(self, word: str) -> WordInfo:
        if not _CYRILLIC.search(word):
            return WordInfo((word,), False, False, False)
        items = self._similar(word)
        if not items:
            return WordInfo((word,), False, False, False)
        lemmas: list[str] = []
        impr_plur = 0
        other = 0
        verb = False
        we = False
        any_impr = False
        finite = False
        forms = self._forms
        for fixed_word, parses in items:
            for key in parses:
                form = forms.get(key) or self._form(key)
                head, tail, normal_prefix, normal_suffix, form_verb, form_impr, form_we, form_finite = form
                if key[1] == 0:  # the word is its own normal form
                    nf = fixed_word.replace("ё", "е")
                else:
                    nf = (normal_prefix + fixed_word[head : len(fixed_word) - tail] + normal_suffix).replace("ё", "е")
                if nf not in lemmas:
                    lemmas.append(nf)
                verb = verb or form_verb
                if form_impr:
                    impr_plur += 1
                    any_impr = True
                else:
                    other += 1
                we = we or form_we
                finite = finite or form_finite
        return WordInfo(tuple(lemmas), True, impr_plur > 0 and other == 0, verb, we, any_impr, finite)

    def _form(self, key: tuple[int, int]) -> _Form:
        """What one (paradigm, form) pair says, kept: many words share it, and pymorphy3 rebuilds it per call."""
        para_id, idx = key
        paradigm = self._dict.paradigms[para_id]
        count = len(paradigm) // 3
        prefixes, suffixes = self._dict.paradigm_prefixes, self._dict.suffixes
        # as pymorphy3's build_normal_form: the stem is the word less this form's prefix and suffix
        head = len(prefixes[paradigm[count * 2 + idx]])
        tail = len(suffixes[paradigm[idx]])
        tag = str(self._dict.build_tag_info(para_id, idx))
        form = (
            head,
            tail,
            prefixes[paradigm[count * 2]],
            suffixes[paradigm[0]],
            tag.startswith(("VERB", "INFN")),
            "impr" in tag and "plur" in tag,
            tag.startswith("VERB") and "1per" in tag and "plur" in tag,
            tag.startswith("VERB") and "indc" in tag,
        )
        if len(self._forms) >= WORD_CACHE_LIMIT:
            self._forms.clear()
        self._forms[key] = form
        return form

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
        trim_cache(self._cache)
        self._cache[word] = res
        return res


_shared: Lemmatizer | None = None
_lock = threading.Lock()


def shared_analyzer() -> Any:
    """The process-wide pymorphy3 ``MorphAnalyzer`` (one copy of the dictionaries in memory)."""
    return shared_lemmatizer().analyzer


def shared_lemmatizer() -> Lemmatizer:
    """The process-wide lemmatizer (the dictionary is loaded on first use only)."""
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                _shared = Lemmatizer()
    return _shared
