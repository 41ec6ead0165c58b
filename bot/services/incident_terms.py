"""What a complaint is about, as terms the surge detector can compare: the problem concepts of
``bot/services/data/incidents.toml`` its words name (by lemma or stem), and the named things it shares
with others (the product the reading found, a brand written in Latin letters).

Two complaints about failing payments rarely share a word ("не могу оплатить", "платёж отклонён",
"списали, а заказ не создан"); they share the concept ``payment``. A thing term is written
``thing:<name>`` ("thing:молоко", "thing:alpro").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.domain.reading import Reading
from bot.language.morph import shared_lemmatizer
from bot.replies import datacheck as check

_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_LATIN = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{2,}|\b[A-Z]{3,}\b")
THING = "thing:"


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    titles: dict[str, str]  # language -> title
    places: dict[str, str]  # language -> "в приложении", for a place concept
    stems: tuple[str, ...]
    lemmas: frozenset[str]
    # Where given, the comment must also say something fails (see the data file).
    problems: re.Pattern[str] | None = None
    # Words of the concept's family ("списали" for a payment): too broad to open an incident, enough
    # (with a failure) to join an open one (``related_terms``).
    related: tuple[str, ...] = ()

    @property
    def place(self) -> bool:
        return bool(self.places)


@dataclass(frozen=True, slots=True)
class IncidentWords:
    concepts: tuple[Concept, ...]
    thing_titles: dict[str, str]
    # Latin words that name no product (Apple Pay, Google, iOS): kept out of the thing terms.
    common_latin: frozenset[str]

    def concept(self, name: str) -> Concept | None:
        return next((c for c in self.concepts if c.name == name), None)


@lru_cache(maxsize=1)
def incident_words() -> IncidentWords:
    """Read and checked on first use (called at start to check early)."""
    return read_incident_words(load("bot.services.data", "incidents.toml"))


def read_incident_words(file: DataFile) -> IncidentWords:
    check.only_keys(file, "", 1, file.table(""), ("concept", "thing"))
    concepts = []
    latin: set[str] = set()
    for index, item in enumerate(check.items(file, "concept", file.get("concept"))):
        where = f"concept[{index}]"
        line = check.item_lines(file, "concept", index + 1)[index]
        allowed: tuple[str, ...] = ("name", "place", "title_ru", "title_en", "place_ru", "place_en")
        allowed += ("stems", "lemmas", "problems", "related")
        check.only_keys(file, where, line, item, allowed)
        place = check.flag(file, where, line, item, "place", False)
        words = [str(w).lower() for w in (*item.get("stems", ()), *item.get("lemmas", ()))]
        latin.update(w for w in words if w.isascii())
        concepts.append(
            Concept(
                name=check.text(file, where, line, item, "name"),
                titles={lang: check.text(file, where, line, item, f"title_{lang}") for lang in ("ru", "en")},
                places={lang: check.text(file, where, line, item, f"place_{lang}") for lang in ("ru", "en")}
                if place
                else {},
                stems=tuple(str(s).lower() for s in item.get("stems", ())),
                lemmas=frozenset(str(s).lower().replace("ё", "е") for s in item.get("lemmas", ())),
                problems=check.regex(file, f"{where}.problems", "|".join(map(str, item["problems"])))
                if item.get("problems")
                else None,
                related=tuple(str(s).lower().replace("ё", "е") for s in item.get("related", ())),
            )
        )
    thing = file.table("thing")
    titles = {lang: check.text(file, "thing", file.line_of("thing"), thing, f"title_{lang}") for lang in ("ru", "en")}
    for lang, title in titles.items():
        check.template(file, f"thing.title_{lang}", file.line_of("thing"), title, ("thing",))
    return IncidentWords(tuple(concepts), titles, frozenset(latin | {"ios", "iphone", "android", "pay"}))


def _lemmas(word: str) -> tuple[str, ...]:
    low = word.lower()
    if low.isascii():
        return (low,)
    return tuple(lemma.replace("ё", "е") for lemma in shared_lemmatizer().info(low).lemmas)


# The concepts (the data file's, read once), each of their lemmas with the concepts it names, and
# what each word read so far names (a word's concepts depend on it alone; the concepts are scanned
# for every word otherwise, a tenth of a complaint's incident check).
_indexed: list[tuple[tuple[Concept, ...], dict[str, tuple[str, ...]], dict[tuple[str, bool], frozenset[str]]]] = []
# Words whose concepts are kept; past it the kept ones are forgotten and read again.
WORDS_KEPT = 2048


def _index(
    concepts: tuple[Concept, ...],
) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, bool], frozenset[str]]]:
    for known, kept_index, kept_words in _indexed:
        if known is concepts:
            return kept_index, kept_words
    names: dict[str, list[str]] = {}
    for concept in concepts:
        for lemma in concept.lemmas:
            names.setdefault(lemma, []).append(concept.name)
    index = {lemma: tuple(found) for lemma, found in names.items()}
    words: dict[tuple[str, bool], frozenset[str]] = {}
    _indexed[:] = [(concepts, index, words)]
    return index, words


def _word_names(
    token: str, concepts: tuple[Concept, ...], by_lemma: dict[str, tuple[str, ...]], family: bool
) -> frozenset[str]:
    found: set[str] = set()
    for lemma in _lemmas(token):
        found.update(by_lemma.get(lemma, ()))
    low = token.lower()
    plain = low.replace("ё", "е")
    for concept in concepts:
        if concept.name not in found and (
            low.startswith(concept.stems) or (family and plain.startswith(concept.related))
        ):
            found.add(concept.name)
    return frozenset(found)


def _named(tokens: list[str], concepts: tuple[Concept, ...], *, family: bool) -> set[str]:
    """The concepts whose words the tokens use (with ``family``, also their related words)."""
    found: set[str] = set()
    by_lemma, words = _index(concepts)
    for token in tokens:
        names = words.get((token, family))
        if names is None:
            if len(words) >= WORDS_KEPT:
                words.clear()
            names = words[(token, family)] = _word_names(token, concepts, by_lemma, family)
        found |= names
    return found


def _failing(named: set[str], lowered: str) -> set[str]:
    """Named, but nothing said to fail: not about this problem."""
    concepts = incident_words().concepts
    return {c.name for c in concepts if c.name in named and (c.problems is None or c.problems.search(lowered))}


def subject_terms(text: str, reading: Reading | None = None) -> frozenset[str]:
    """The concepts and things a comment is about (empty when it names none)."""
    words = incident_words()
    lowered = text[:2000].lower()
    terms = _failing(_named(_WORD.findall(text[:2000]), words.concepts, family=False), lowered)
    for brand in _LATIN.findall(text[:2000]):
        if brand.lower() not in words.common_latin and not brand.lower().startswith(("pay", "app")):
            terms.add(THING + brand.lower())
    product = reading.facts.get("product") if reading is not None else None
    if product:
        terms.add(THING + product.lower().replace("ё", "е"))
    return frozenset(terms)


def related_terms(text: str) -> frozenset[str]:
    """The concepts a comment is about counting their family's words too ("Деньги списались, а
    заказ не оформился" is about ``payment``), still only when it says something fails. Too loose
    to open an incident (every bill complaint would), used only to join one a surge of precise
    complaints has opened."""
    lowered = text[:2000].lower()
    return frozenset(_failing(_named(_WORD.findall(text[:2000]), incident_words().concepts, family=True), lowered))


def title_of(key: str, places: list[str], lang: str) -> str:
    """The incident's title from its key and the place most members name ("в приложении"), if any."""
    words = incident_words()
    lang = lang if lang in ("ru", "en") else "en"
    if key.startswith(THING):
        return words.thing_titles[lang].format(thing=key[len(THING) :])
    concept = words.concept(key)
    if concept is None:
        return key
    title = concept.titles[lang]
    for name in places:
        place = words.concept(name)
        if place is not None and place.place and place.name != key:
            return f"{title} {place.places[lang]}"
    return title


def is_place(term: str) -> bool:
    concept = incident_words().concept(term)
    return concept is not None and concept.place
