"""The words the reply grammar needs, read once from ``bot/replies/data/grammar.toml`` and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.replies import datacheck as check

PACKAGE = "bot.replies.data"
UNITS = ("minute", "hour", "day")
_LATIN = re.compile(r"^[a-z]+$")
_CYRILLIC = re.compile(r"^[а-яё]+$")


@dataclass(frozen=True, slots=True)
class Unit:
    ru: str  # nominative singular, agreed with the number by the grammar
    en: str  # singular; "s" is added after a number other than 1
    one_en: str  # exactly one: "in an hour"


@dataclass(frozen=True, slots=True)
class GrammarWords:
    conjunctions: frozenset[str]
    colloquial: frozenset[str]  # lemmas of slang the brand never repeats
    not_names: frozenset[str]
    familiar: frozenset[str]
    familiar_endings: tuple[str, ...]
    translit: tuple[tuple[str, str], ...]  # longest spelling first
    spelled: dict[str, str]  # whole Latin first names and their Russian spelling ("tatiana" -> "татьяна")
    now_ru: str
    now_en: str
    in_ru: str
    in_en: str
    and_en: str
    units: dict[str, Unit]


@lru_cache(maxsize=1)
def grammar_words() -> GrammarWords:
    return read_grammar_words(load(PACKAGE, "grammar.toml"))


def read_grammar_words(file: DataFile) -> GrammarWords:
    check.only_keys(file, "", 1, file.table(""), ("conjunctions", "colloquial", "names", "delay"))
    names = file.table("names")
    check.only_keys(
        file,
        "names",
        file.line_of("names"),
        names,
        ("not_names", "familiar", "familiar_endings", "translit", "spelled"),
    )
    translit = []
    line = file.line_of("names.translit")
    for latin, cyrillic in file.table("names.translit").items():
        at = check.key_line(file, line, latin)
        if not _LATIN.match(latin):
            raise check.error_at(file, at, f"names.translit.{latin}", "expected Latin letters in lower case")
        if not isinstance(cyrillic, str) or not _CYRILLIC.match(cyrillic):
            raise check.error_at(
                file, at, f"names.translit.{latin}", f"expected Cyrillic letters in lower case, found {cyrillic!r}"
            )
        translit.append((latin, cyrillic))
    spelled = {}
    line = file.line_of("names.spelled")
    for latin, cyrillic in file.table("names.spelled").items():
        at = check.key_line(file, line, latin)
        if not _LATIN.match(latin):
            raise check.error_at(file, at, f"names.spelled.{latin}", "expected Latin letters in lower case")
        if not isinstance(cyrillic, str) or not _CYRILLIC.match(cyrillic):
            raise check.error_at(
                file, at, f"names.spelled.{latin}", f"expected Cyrillic letters in lower case, found {cyrillic!r}"
            )
        spelled[latin] = cyrillic
    delay = file.table("delay")
    line = file.line_of("delay")
    texts = ("now_ru", "now_en", "in_ru", "in_en", "and_en")
    check.only_keys(file, "delay", line, delay, (*texts, *UNITS))
    now_ru, now_en, in_ru, in_en, and_en = (check.text(file, "delay", line, delay, key) for key in texts)
    units = {}
    for unit in UNITS:
        table = file.table(f"delay.{unit}")
        at = file.line_of(f"delay.{unit}")
        check.only_keys(file, f"delay.{unit}", at, table, ("ru", "en", "one_en"))
        where = f"delay.{unit}"
        units[unit] = Unit(*(check.text(file, where, at, table, key) for key in ("ru", "en", "one_en")))
    return GrammarWords(
        _lower_words(file, "conjunctions"),
        _lower_words(file, "colloquial"),
        _lower_words(file, "names.not_names"),
        _lower_words(file, "names.familiar"),
        tuple(sorted(_lower_words(file, "names.familiar_endings"), key=len, reverse=True)),
        tuple(sorted(translit, key=lambda pair: -len(pair[0]))),
        spelled,
        now_ru,
        now_en,
        in_ru,
        in_en,
        and_en,
        units,
    )


def _lower_words(file: DataFile, where: str) -> frozenset[str]:
    found = file.strings(where)
    for word in found:
        if word != word.lower() or len(word.split()) != 1:
            line = check.line_after(file, file.line_of(where), f'"{word}"')
            raise check.error_at(file, line, where, f"{word!r}: one word in lower case")
    return frozenset(found)
