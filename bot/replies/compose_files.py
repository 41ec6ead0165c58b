"""The pieces replies are composed of, read once from ``bot/replies/data`` and checked.

``compose_ru.toml``, ``compose_en.toml`` and ``compose_uk.toml`` hold, per label and topic, the variants
of each piece of a reply (how it opens, what happens next, what it asks for); ``asks.toml`` holds what a
reply may ask the author for. A placeholder the bot cannot fill, a fact or flag it does not know, a
label or topic that does not exist: each stops the bot at start with one line naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.datafiles import DataFile, load
from bot.domain.reading import FACT_NAMES, FLAG_NAMES, Topic
from bot.domain.verdicts import NEGATIVE_LABELS, Label
from bot.replies import datacheck as check
from bot.replies.grammar import CASES

PACKAGE = "bot.replies.data"
LANGS: tuple[str, ...] = ("ru", "en", "uk")
PIECES: tuple[str, ...] = ("open", "act", "then", "close")
# Nouns a reply may put into another case ({product_gent}, {s_service}) or agree a verb with
# ({agree:product:пришёл}): Russian only.
NOUN_FACTS: tuple[str, ...] = ("product", "service", "thing", "staff", "perk", "app")
NOUN_FORMS: tuple[str, ...] = (*sorted(CASES - {"nomn"}), "s", "o", "v")
# Slots filled from more than one fact.
# {by_ticket}: the request as the author named it, after «по» («заявке 4471-С», «обращению 12-0457»).
COMBINED: tuple[str, ...] = (
    "device_os", "where_app", "price_high", "price_low", "waited_cap", "waited_long", "by_ticket",
)  # fmt: skip
# Slots of the author's own words in English and Ukrainian drafts (``compose._own_words``).
OWN_WORDS: tuple[str, ...] = ("ids", "hazard_item", "hazard_item_low")
PROBLEM = (
    "problem",
    "problem_gent",
    "problem_datv",
    "problem_accs",
    "problem_ablt",
    "problem_loct",
    "s_problem",
    "o_problem",
    "v_problem",
)
# A pseudo-topic: the answer to a comment that insults someone, whatever it is about.
INSULT = "insult"
# A pseudo-topic: a danger to passers-by (a live wire, gas, an open manhole), whatever the chat sells.
HAZARD = "hazard"
# A pseudo-topic: a jab at the business's very existence («кто вообще туда ходит», «закройте»), whatever a
# word of it suggests: one calm line about the place.
EXISTENCE = "existence"
# A pseudo-topic: a question of what something costs («сколько стоит настройка?»), no rise named: the price is
# told, never «новые цены радуют мало» (topics24).
PRICE_QUESTION = "price_question"
# Tried after `other`: a short line that is right whatever the complaint, when nothing more specific fits.
FALLBACK = "fallback"
_FIELD = re.compile(r"\{([^{}]*)\}")
# "с {product_ablt}" reads "с сметаной": the preposition changes with the word ("со сметаной").
_BARE_PREPOSITION = re.compile(r"(?<![\w-])([сСоОвВ]) \{(\w+?)_(ablt|loct)\}")
_AGREE = re.compile(r"^agree:(\w+):([а-яё]+)$")


def noun_slots(lang: str) -> frozenset[str]:
    if lang != "ru":
        return frozenset()
    return frozenset(
        f"{form}_{noun}" if form in ("s", "o", "v") else f"{noun}_{form}" for noun in NOUN_FACTS for form in NOUN_FORMS
    )


def known_slots(lang: str) -> frozenset[str]:
    """Every {placeholder} a piece in ``lang`` may use (besides {agree:fact:verb} in Russian)."""
    return (
        frozenset(FACT_NAMES)
        | frozenset(COMBINED)
        | noun_slots(lang)
        | (frozenset(PROBLEM) if lang == "ru" else frozenset(OWN_WORDS))
    )


def slot_needs(slot: str) -> str:
    """The fact a slot stands for: {product_gent} needs the product, {device_os} a device or an OS."""
    found = _AGREE.match(slot)
    if found:
        return found.group(1)
    if slot in PROBLEM:
        return "problem"
    for noun in NOUN_FACTS:
        if slot.startswith(f"{noun}_") or slot.endswith(f"_{noun}"):
            return noun
    return slot


@dataclass(frozen=True, slots=True)
class Piece:
    """One variant of a piece of a reply, used only when the comment gives ``needs`` and none of ``unless``."""

    text: str
    needs: frozenset[str]
    unless: frozenset[str]
    slots: frozenset[str]


@dataclass(frozen=True, slots=True)
class AskRule:
    """What to ask for when the comment has ``needs`` (and none of ``unless``); the first rule that fits wins."""

    ask: tuple[str, ...]
    needs: frozenset[str]
    unless: frozenset[str]
    private: bool | None  # None: private when one of the asks is


@dataclass(frozen=True, slots=True)
class Table:
    pieces: dict[str, tuple[Piece, ...]]
    asks: tuple[AskRule, ...]


@dataclass(frozen=True, slots=True)
class Frame:
    ask: str
    ask_private: str
    # The same, offered rather than asked: to someone letting off steam.
    ask_soft: str
    ask_soft_private: str
    joiner: str
    name: str


@dataclass(frozen=True, slots=True)
class AskText:
    verb: str
    what: str
    note: str


@dataclass(frozen=True, slots=True)
class Ask:
    name: str
    given_by: frozenset[str]
    private: bool
    texts: dict[str, AskText]
    clause: bool = False
    # Flags (the chat's kind among them) in which the ask makes no sense: an order number at a bus
    # stop, a receipt for hot water. Dropped there unless the comment has one of `unless_with`.
    not_in: frozenset[str] = frozenset()
    unless_with: frozenset[str] = frozenset()

    def fits(self, have: frozenset[str]) -> bool:
        return not (self.not_in & have) or bool(self.unless_with & have)


@dataclass(frozen=True, slots=True)
class Language:
    frame: Frame
    tables: dict[tuple[Label, str], Table]


@dataclass(frozen=True, slots=True)
class ComposeData:
    asks: dict[str, Ask]
    languages: dict[str, Language]


@lru_cache(maxsize=1)
def compose_data() -> ComposeData:
    asks = read_asks(load(PACKAGE, "asks.toml"))
    languages = {lang: read_language(load(PACKAGE, f"compose_{lang}.toml"), lang, asks) for lang in LANGS}
    return ComposeData(asks, languages)


def _names(file: DataFile, where: str, line: int, found: Any, allowed: Iterable[str]) -> frozenset[str]:
    known = set(allowed)
    if not isinstance(found, list) or not all(isinstance(item, str) for item in found):
        raise check.error_at(file, line, where, "expected a list of names")
    for name in found:
        if name not in known:
            raise check.error_at(
                file, check.line_after(file, line, f'"{name}"'), where, f"unknown fact or flag {name!r}"
            )
    return frozenset(found)


FACTS_AND_FLAGS = frozenset(FACT_NAMES) | frozenset(FLAG_NAMES) | {"problem", "device_os"}


def read_asks(file: DataFile) -> dict[str, Ask]:
    asks: dict[str, Ask] = {}
    for name in file.table(""):
        table = file.table(name)
        line = file.line_of(name)
        check.only_keys(file, name, line, table, ("given_by", "private", "clause", "not_in", "unless_with", *LANGS))
        given_by = _names(file, f"{name}.given_by", line, table.get("given_by", []), FACTS_AND_FLAGS)
        private = check.flag(file, name, line, table, "private", False)
        texts = {}
        for lang in LANGS:
            if lang not in table:
                raise check.error_at(file, line, f"{name}.{lang}", "missing: give the ask in every language")
            sub = table[lang]
            if not isinstance(sub, dict):
                raise check.error_at(
                    file, check.key_line(file, line, lang), f"{name}.{lang}", "expected { verb, what }"
                )
            check.only_keys(file, f"{name}.{lang}", line, sub, ("verb", "what", "note"))
            verb = check.text(file, f"{name}.{lang}", line, sub, "verb")
            what = check.text(file, f"{name}.{lang}", line, sub, "what")
            note = sub.get("note", "")
            if not isinstance(note, str):
                raise check.error_at(file, line, f"{name}.{lang}.note", "expected a string")
            texts[lang] = AskText(verb, what, note)
        not_in = _names(file, f"{name}.not_in", line, table.get("not_in", []), FACTS_AND_FLAGS)
        unless_with = _names(file, f"{name}.unless_with", line, table.get("unless_with", []), FACTS_AND_FLAGS)
        clause = check.flag(file, name, line, table, "clause", False)
        asks[name] = Ask(name, given_by, private, texts, clause, not_in, unless_with)
    return asks


def read_language(file: DataFile, lang: str, asks: dict[str, Ask]) -> Language:
    tables = file.table("")
    labels = [label.value for label in Label if label in NEGATIVE_LABELS]
    check.only_keys(file, "", 1, tables, ("frame", *labels), what="table")
    frame_table = file.table("frame")
    line = file.line_of("frame")
    asking = {"verb", "what", "then"}
    frame_slots = {
        "ask": asking,
        "ask_private": asking,
        "ask_soft": asking,
        "ask_soft_private": asking,
        "name": {"name", "text"},
    }
    check.only_keys(file, "frame", line, frame_table, (*frame_slots, "and"))
    texts = {}
    for key, allowed in frame_slots.items():
        texts[key] = check.template(
            file, f"frame.{key}", line, check.text(file, "frame", line, frame_table, key), allowed
        )
    frame = Frame(
        texts["ask"],
        texts["ask_private"],
        texts["ask_soft"],
        texts["ask_soft_private"],
        check.text(file, "frame", line, frame_table, "and"),
        texts["name"],
    )
    topics = [topic.value for topic in Topic] + [INSULT, HAZARD, EXISTENCE, PRICE_QUESTION, FALLBACK]
    out: dict[tuple[Label, str], Table] = {}
    for label_name in labels:
        if label_name not in tables:
            raise file.fail(label_name, "missing: every negative label needs its tables")
        label = Label(label_name)
        by_topic = file.table(label_name)
        check.only_keys(file, label_name, file.line_of(label_name), by_topic, topics, what="topic")
        for topic in by_topic:
            where = f"{label_name}.{topic}"
            out[(label, topic)] = _table(file, where, file.table(where), lang, asks)
        if Topic.OTHER.value not in by_topic:
            raise file.fail(label_name, f"missing: [{label_name}.other], the answer when no topic fits")
    return Language(frame, out)


def _table(file: DataFile, where: str, table: dict[str, Any], lang: str, asks: dict[str, Ask]) -> Table:
    line = file.line_of(where)
    check.only_keys(file, where, line, table, (*PIECES, "ask"))
    if "open" not in table:
        raise check.error_at(file, line, f"{where}.open", "missing: a reply needs its opening")
    pieces = {name: _pieces(file, f"{where}.{name}", table[name], lang) for name in PIECES if name in table}
    rules = _ask_rules(file, f"{where}.ask", table.get("ask", []), asks) if "ask" in table else ()
    if rules and "then" not in pieces:
        raise check.error_at(file, line, f"{where}.then", "missing: a table that asks needs `then`, what follows")
    return Table(pieces, rules)


def _pieces(file: DataFile, where: str, found: Any, lang: str) -> tuple[Piece, ...]:
    line = file.line_of(where)
    if not isinstance(found, list) or not found:
        raise check.error_at(file, line, where, "expected a non-empty list of texts")
    out = []
    allowed = known_slots(lang)
    for item in found:
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            raise check.error_at(file, line, where, "expected a text or { text = ..., needs = [...] }")
        text = item.get("text")
        at = check.line_after(file, line, str(text)[:30]) if isinstance(text, str) else line
        check.only_keys(file, where, at, item, ("text", "needs", "unless"))
        if not isinstance(text, str) or not text.strip():
            raise check.error_at(file, at, where, "expected a non-empty text")
        slots = frozenset(_FIELD.findall(text))
        for slot in slots:
            agree = _AGREE.match(slot)
            if agree and lang == "ru" and agree.group(1) in NOUN_FACTS:
                continue
            if slot not in allowed:
                raise check.error_at(
                    file,
                    check.line_after(file, at, "{" + slot + "}"),
                    where,
                    f"unknown placeholder {{{slot}}}; known here: facts ({', '.join(FACT_NAMES)}), "
                    + (
                        "their cases ({product_gent}, {s_service}, ...), {agree:product:пришёл}, "
                        if lang == "ru"
                        else ""
                    )
                    + ", ".join(COMBINED if lang == "ru" else (*COMBINED, *OWN_WORDS)),
                )
        check.template(file, where, at, text, slots)
        bare = _BARE_PREPOSITION.search(text) if lang == "ru" else None
        if bare:
            latin = {"с": "s", "о": "o", "в": "v"}[bare.group(1).lower()]
            fixed = "{" + f"{latin}_{bare.group(2)}" + "}"
            raise check.error_at(
                file,
                check.line_after(file, at, bare.group(0)),
                where,
                f"write {fixed} for «{bare.group(0)}»: the preposition changes with the word (со, об, во)",
            )
        for slot in slots:
            agree = _AGREE.match(slot)
            if agree and not _past_verb(agree.group(2)):
                raise check.error_at(
                    file,
                    check.line_after(file, at, slot),
                    where,
                    f"{{{slot}}}: {agree.group(2)!r} is not a verb in the past tense, masculine (пришёл, оказался)",
                )
        needs = _names(file, f"{where}.needs", at, item.get("needs", []), FACTS_AND_FLAGS)
        unless = _names(file, f"{where}.unless", at, item.get("unless", []), FACTS_AND_FLAGS)
        out.append(Piece(text, _one(needs | {slot_needs(s) for s in slots}), _one(unless), _one(slots)))
    return tuple(out)


# The pieces' sets, one copy of each: about 1,200 pieces held 3,500 sets (0.8 MB) of only 600 kinds.
_SETS: dict[frozenset[str], frozenset[str]] = {}


def _one(names: frozenset[str]) -> frozenset[str]:
    return _SETS.setdefault(names, names)


def _past_verb(word: str) -> bool:
    from bot.replies.grammar import morph

    return any(p.tag.POS == "VERB" and p.tag.tense == "past" and p.tag.gender == "masc" for p in morph().parse(word))


def _ask_rules(file: DataFile, where: str, found: Any, asks: dict[str, Ask]) -> tuple[AskRule, ...]:
    line = file.line_of(where)
    if not isinstance(found, list) or not all(isinstance(item, dict) for item in found):
        raise check.error_at(file, line, where, "expected a list of { ask = [...], needs = [...] }")
    rules = []
    for item in found:
        check.only_keys(file, where, line, item, ("ask", "needs", "unless", "private"))
        wanted = item.get("ask")
        if not isinstance(wanted, list) or not all(isinstance(name, str) for name in wanted):
            raise check.error_at(file, line, f"{where}.ask", "expected a list of asks")
        for name in wanted:
            if name not in asks:
                raise check.error_at(
                    file,
                    check.line_after(file, line, f'"{name}"'),
                    f"{where}.ask",
                    f"unknown ask {name!r}; known: {', '.join(sorted(asks))}",
                )
        private = item.get("private")
        if private is not None and not isinstance(private, bool):
            raise check.error_at(file, line, f"{where}.private", "expected true or false")
        rules.append(
            AskRule(
                tuple(wanted),
                _names(file, f"{where}.needs", line, item.get("needs", []), FACTS_AND_FLAGS),
                _names(file, f"{where}.unless", line, item.get("unless", []), FACTS_AND_FLAGS),
                private,
            )
        )
    return tuple(rules)
