"""The classifier's word lists, cue lists and patterns, read from ``bot/classifier/data/*.toml``.

Each file is read once per process (``lexicon()`` is cached) and checked as it is read: lists of
single words, weights above zero, a word in one weight group only, emoji strings, patterns that
compile, no key the classifier does not know (a misspelt key would otherwise be ignored silently).
A mistake raises ``DataFileError`` naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import cache
from typing import Any, TypeVar

from bot.datafiles import DataFile, load

PACKAGE = "bot.classifier.data"


class _Reader:
    """Typed reads from one data file, remembering which keys were read."""

    def __init__(self, data: DataFile) -> None:
        self.data = data
        self._read: set[str] = set()

    def _take(self, where: str) -> Any:
        self._read.add(where)
        return self.data.get(where)

    def ordered(self, where: str) -> tuple[str, ...]:
        """A list of single words (ё read as е), in the file's order."""
        self._take(where)
        items = self.data.strings(where)
        for item in items:
            if item.split() != [item]:
                raise self.data.fail(where, f"{item!r}: expected one word, without spaces")
        return tuple(dict.fromkeys(item.replace("ё", "е") for item in items))

    def words(self, where: str) -> frozenset[str]:
        return frozenset(self.ordered(where))

    def text(self, where: str) -> str:
        self._read.add(where)
        return self.data.value(where, str)

    def strings(self, where: str) -> tuple[str, ...]:
        self._read.add(where)
        return self.data.strings(where)

    def alternation(self, where: str, roots: tuple[str, ...]) -> re.Pattern[str]:
        """The patterns ``roots`` (read from ``where``) as one alternation; a root that does not
        compile is named (each is compiled alone only then: a hundred small compiles cost at start)."""
        try:
            return re.compile("|".join(f"(?:{root})" for root in roots))
        except re.error:
            for root in roots:
                try:
                    re.compile(root)
                except re.error as error:
                    raise self.data.fail(where, f"{root!r}: not a valid pattern: {error}") from None
            raise

    def chars(self, where: str) -> frozenset[str]:
        """A string whose every character counts on its own (emoji)."""
        found = self._take(where)
        if not isinstance(found, str) or not found or any(ch.isspace() for ch in found):
            raise self.data.fail(where, "expected a non-empty string of characters without spaces")
        return frozenset(found)

    def pattern(self, where: str, **lists: tuple[str, ...]) -> re.Pattern[str]:
        """A regular expression: a string, or a list of strings joined as they are.

        ``{name}`` in the pattern stands for one of ``lists`` as an alternation of its words.
        """
        found = self._take(where)
        if isinstance(found, list) and found and all(isinstance(piece, str) for piece in found):
            text = "".join(found)
        elif isinstance(found, str) and found:
            text = found
        else:
            raise self.data.fail(where, "expected a pattern: a string or a list of strings")
        for name, words in lists.items():
            text = text.replace("{" + name + "}", "(?:" + "|".join(map(re.escape, words)) + ")")
        try:
            return re.compile(text)
        except re.error as error:
            raise self.data.fail(where, f"not a valid pattern: {error}") from None

    def weights(self, where: str) -> dict[str, float]:
        """``[[where]]`` groups of ``weight`` and ``words``: word → weight, each word in one group."""
        found = self._take(where)
        if not isinstance(found, list) or not all(isinstance(group, dict) for group in found):
            raise self.data.fail(where, "expected [[" + where + "]] groups of weight and words")
        out: dict[str, float] = {}
        for group in found:
            if set(group) != {"weight", "words"}:
                raise self.data.fail(where, "each group has exactly a weight and words")
            weight = group["weight"]
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
                raise self.data.fail(where, f"weight {weight!r}: expected a number above 0")
            words = group["words"]
            if not isinstance(words, list) or not all(isinstance(w, str) and w and w.split() == [w] for w in words):
                raise self.data.fail(where, f"weight {weight}: expected a list of single words")
            for word in words:
                word = word.replace("ё", "е")
                if out.get(word, weight) != weight:
                    raise self.data.fail(where, f"{word!r} has two weights, {out[word]} and {weight}")
                out[word] = float(weight)
        return out

    def phrases(self, where: str) -> dict[str, str]:
        """A table of word → phrase."""
        self._read.add(where)
        table = self.data.table(where)
        for key, value in table.items():
            if not isinstance(value, str) or not value:
                raise self.data.fail(f"{where}.{key}", "expected a non-empty string")
        return {key.replace("ё", "е"): value for key, value in table.items()}

    def subset(self, small: frozenset[str] | tuple[str, ...], where: str, of: frozenset[str] | tuple[str, ...]) -> None:
        stray = sorted(set(small) - set(of))
        if stray:
            raise self.data.fail(where, f"{', '.join(stray)}: not in the list this one narrows")

    def done(self) -> None:
        """Every key of the file was read: a key nothing reads is a typo or a leftover."""
        for key, value in self.data.data.items():
            if key in self._read:
                continue
            if key == "patterns" and isinstance(value, dict):  # read pattern by pattern
                unread = [f"{key}.{sub}" for sub in value if f"{key}.{sub}" not in self._read]
            else:
                unread = [key]
            if unread:
                raise self.data.fail(unread[0], "unknown key")


_T = TypeVar("_T")


def _fill(cls: type[_T], r: _Reader, **built: Any) -> _T:
    """A ``cls`` whose fields not in ``built`` are read by name and type: ``x_rx`` from ``patterns.x``,
    ``x_emoji`` as characters, a frozenset of words or a tuple of them (in order) from the key ``x``;
    then every key of the file must have been read."""
    values = dict(built)
    for item in fields(cls):  # type: ignore[arg-type]
        if item.name in values:
            continue
        if item.name.endswith("_rx"):
            values[item.name] = r.pattern("patterns." + item.name.removesuffix("_rx"))
        elif item.name.endswith("_emoji") and item.type == "frozenset[str]":
            values[item.name] = r.chars(item.name)
        elif item.type == "frozenset[str]":
            values[item.name] = r.words(item.name)
        elif item.type == "tuple[str, ...]":
            values[item.name] = r.ordered(item.name)
        else:
            raise TypeError(f"{cls.__name__}.{item.name}: no reader for {item.type}")
    r.done()
    return cls(**values)


@dataclass(frozen=True, slots=True)
class Toxic:
    """Profanity and insults (data/toxic.toml)."""

    mask_targets: tuple[str, ...]
    # The obscene roots in two parts: those pinned to the word start (tried once, there) and the
    # rest (tried at every letter); a token is obscene when either matches.
    obscene_start_rx: re.Pattern[str]
    obscene_inside_rx: re.Pattern[str]
    obscene_exceptions: frozenset[str]
    insults: frozenset[str]
    weak_insults: frozenset[str]
    aggression: frozenset[str]
    toxic_phrases_rx: re.Pattern[str]


def read_toxic(data: DataFile) -> Toxic:
    r = _Reader(data)
    roots = r.strings("obscene_roots")
    insults = r.words("insults")
    weak = r.words("weak_insults")
    r.subset(weak, "weak_insults", insults)
    return _fill(
        Toxic,
        r,
        obscene_start_rx=r.alternation("obscene_roots", tuple(p[1:] for p in roots if p.startswith("^"))),
        obscene_inside_rx=r.alternation("obscene_roots", tuple(p for p in roots if not p.startswith("^"))),
        insults=insults,
        weak_insults=weak,
    )


@dataclass(frozen=True, slots=True)
class Sentiment:
    """Sentiment lemmas, stems, negation and emoji (data/sentiment.toml)."""

    negative: dict[str, float]
    positive: dict[str, float]
    negative_stems: tuple[str, ...]
    # The stems above whose every dictionary word is negative too.
    negative_family_stems: tuple[str, ...]
    positive_stems: tuple[str, ...]
    negators: frozenset[str]
    negated_is_negative: frozenset[str]
    negated_is_neutral: frozenset[str]
    negated_is_praise: frozenset[str]
    intensifiers: frozenset[str]
    surface_only_positive: frozenset[str]
    neutral_forms: frozenset[str]
    greeting_next: frozenset[str]
    negative_emoji: frozenset[str]
    positive_emoji: frozenset[str]
    strong_negative_emoji: frozenset[str]
    negative_phrases_rx: re.Pattern[str]
    quit_rx: re.Pattern[str]
    money_taken_rx: re.Pattern[str]
    positive_phrases_rx: re.Pattern[str]


def read_sentiment(data: DataFile) -> Sentiment:
    r = _Reader(data)
    negative, positive = r.weights("negative"), r.weights("positive")
    both = sorted(set(negative) & set(positive))
    if both:
        raise r.data.fail("positive", f"{', '.join(both)}: both negative and positive")
    stems = r.ordered("negative_stems")
    not_family = r.words("negative_stems_not_family")
    r.subset(not_family, "negative_stems_not_family", stems)
    return _fill(
        Sentiment,
        r,
        negative=negative,
        positive=positive,
        negative_stems=stems,
        negative_family_stems=tuple(st for st in stems if st not in not_family),
    )


@dataclass(frozen=True, slots=True)
class Cues:
    """Cues for the doctrine labels (data/cues.toml)."""

    problem_topics: dict[str, str]
    # problem_events with the failures; weak_events with the weak failures
    problem_events: frozenset[str]
    hazards: frozenset[str]
    weak_events: frozenset[str]
    failure_stems: tuple[str, ...]
    fix_requests: frozenset[str]
    resolved_lemmas: frozenset[str]
    sincere_not: frozenset[str]
    ironic_praise: frozenset[str]
    app_detail_words: frozenset[str]
    detail_words_gate: frozenset[str]
    troll_lemmas: frozenset[str]
    absurd_lemmas: frozenset[str]
    clown_emoji: str
    troll_emoji: frozenset[str]
    shy_emoji: frozenset[str]
    laugh_emoji: frozenset[str]
    commend_words: frozenset[str]
    zero_words: tuple[str, ...]
    pointed_emoji: frozenset[str]
    polite_words: frozenset[str]
    admin_lemmas: frozenset[str]
    staff_words: frozenset[str]
    staff_stems: tuple[str, ...]
    campaign_lemmas: frozenset[str]
    campaign_verbs: frozenset[str]
    against_verbs: frozenset[str]
    call_stems: tuple[str, ...]
    singular_calls: frozenset[str]
    not_campaign_imperatives: frozenset[str]
    send_there_words: frozenset[str]
    recommend_words: frozenset[str]
    sarcasm_particle_words: frozenset[str]
    audience_mock_words: frozenset[str]
    call_prefixes: tuple[str, ...]
    name_heads: tuple[str, ...]
    name_buys: frozenset[str]
    comparative_words: frozenset[str]
    comparative_words_any: frozenset[str]
    jab_words: frozenset[str]
    exclaim_heads: frozenset[str]
    irony_mark_words: frozenset[str]
    detail_digits_rx: re.Pattern[str]
    detail_words_rx: re.Pattern[str]
    app_detail_rx: re.Pattern[str]
    detail_number_rx: re.Pattern[str]
    laugh_rx: re.Pattern[str]
    troll_rx: re.Pattern[str]
    counterfactual_rx: re.Pattern[str]
    mock_frame_rx: re.Pattern[str]
    irony_rx: re.Pattern[str]
    irony_quote_rx: re.Pattern[str]
    irony_tag_rx: re.Pattern[str]
    irony_zato_rx: re.Pattern[str]
    polite_rx: re.Pattern[str]
    audience_rx: re.Pattern[str]
    competitor_rx: re.Pattern[str]
    sale_rx: re.Pattern[str]
    send_there_rx: re.Pattern[str]
    rival_rx: re.Pattern[str]
    here_rx: re.Pattern[str]
    warning_rx: re.Pattern[str]
    goodbye_rx: re.Pattern[str]
    goodbye_leaving_rx: re.Pattern[str]
    graft_rx: re.Pattern[str]
    authority_rx: re.Pattern[str]
    suggestion_rx: re.Pattern[str]
    shortcoming_rx: re.Pattern[str]
    question_rx: re.Pattern[str]
    sarcasm_rx: re.Pattern[str]
    repeat_rx: re.Pattern[str]
    rhetoric_rx: re.Pattern[str]
    rhetoric_plain_rx: re.Pattern[str]
    sarcasm_particle_rx: re.Pattern[str]
    collective_rx: re.Pattern[str]
    competitor_plus_rx: re.Pattern[str]
    organise_rx: re.Pattern[str]
    promo_rx: re.Pattern[str]
    mismatch_rx: re.Pattern[str]
    figures_clash_rx: re.Pattern[str]
    promo_quote_rx: re.Pattern[str]
    why_rx: re.Pattern[str]
    rhetoric_alt_rx: re.Pattern[str]
    punchline_rx: re.Pattern[str]
    audience_mock_rx: re.Pattern[str]
    info_anywhere_rx: re.Pattern[str]
    compare_rx: re.Pattern[str]
    jab_rx: re.Pattern[str]
    irony_mark_rx: re.Pattern[str]
    exclaim_rx: re.Pattern[str]
    thanks_staff_rx: re.Pattern[str]
    commend_rx: re.Pattern[str]
    zero_count_rx: re.Pattern[str]
    failure_phrase_words: frozenset[str]
    failure_phrase_rx: re.Pattern[str]
    near_miss_rx: re.Pattern[str]
    near_miss_words: frozenset[str]
    hazard_parts: tuple[str, ...]
    relief_rx: re.Pattern[str]
    hazard_rx: re.Pattern[str]
    vocative_rx: re.Pattern[str]
    harm_parts: tuple[str, ...]
    brand_address: frozenset[str]
    politics_parts: tuple[str, ...]
    rude_parts: tuple[str, ...]
    harm_rx: re.Pattern[str]
    harm_purpose_rx: re.Pattern[str]
    politics_rx: re.Pattern[str]
    staff_rude_rx: re.Pattern[str]
    price_rise_rx: re.Pattern[str]
    price_next_words: frozenset[str]
    price_not_words: frozenset[str]
    harm_links: tuple[str, ...]
    price_links: tuple[str, ...]
    currency_rx: re.Pattern[str]


def read_cues(data: DataFile) -> Cues:
    r = _Reader(data)
    clown = r.text("clown_emoji")
    troll_emoji = r.chars("troll_emoji")
    if len(clown) != 1 or clown not in troll_emoji:
        raise r.data.fail("clown_emoji", "expected one emoji of troll_emoji")
    weak_failures = r.words("weak_failures")
    comparatives = r.ordered("comparatives")
    return _fill(
        Cues,
        r,
        problem_topics=r.phrases("problem_topics"),
        problem_events=r.words("problem_events") | r.words("failure_events") | weak_failures,
        weak_events=r.words("weak_events") | weak_failures,
        clown_emoji=clown,
        troll_emoji=troll_emoji,
        comparative_words=frozenset(comparatives),
        comparative_words_any=frozenset(comparatives) | r.words("comparatives_asked"),
        compare_rx=r.pattern("patterns.compare", comparatives=comparatives),
    )


@dataclass(frozen=True, slots=True)
class Grammar:
    """Word classes read by surface form, and the look-alike letters (data/grammar.toml)."""

    second_person: frozenset[str]
    you: frozenset[str]
    skip_between_negation: frozenset[str]
    none_of: frozenset[str]
    contrast: frozenset[str]
    formal_you: frozenset[str]
    thanks_stems: tuple[str, ...]
    thanks_closing: frozenset[str]
    absent: frozenset[str]
    missing_before: frozenset[str]
    promised_stems: tuple[str, ...]
    past_endings: tuple[str, ...]
    first_person: frozenset[str]
    verb_endings: tuple[str, ...]
    modifier_endings: tuple[str, ...]
    everyone: frozenset[str]
    wrong_one: frozenset[str]
    prepositions: frozenset[str]
    pronouns: frozenset[str]
    id_detail_rx: re.Pattern[str]
    # for str.translate: code point → the Cyrillic letter
    lookalikes: dict[int, str]


def read_grammar(data: DataFile) -> Grammar:
    r = _Reader(data)
    table = r.phrases("lookalikes")
    for key, value in table.items():
        if len(key) != 1 or len(value) != 1:
            raise r.data.fail(f"lookalikes.{key}", "expected one character for one character")
    return _fill(Grammar, r, lookalikes=str.maketrans(table))


def _stems_rx(stems: Iterable[str]) -> re.Pattern[str]:
    """Prefixes as one pattern matched at a word's start, longest first; "stem$" is a whole word."""
    parts = [re.escape(st[:-1]) + "$" if st.endswith("$") else re.escape(st) for st in stems]
    return re.compile("|".join(sorted(parts, key=len, reverse=True)) or "(?!)")


@dataclass(frozen=True, slots=True)
class Intl:
    """English and Ukrainian cues, matched by stem on words pymorphy3 does not know (data/intl.toml)."""

    negative: dict[str, float]
    positive: dict[str, float]
    topics: dict[str, str]
    negative_rx: re.Pattern[str]
    positive_rx: re.Pattern[str]
    topics_rx: re.Pattern[str]
    negated_failures_rx: re.Pattern[str]
    failures_rx: re.Pattern[str]
    hazards_rx: re.Pattern[str]
    insults: frozenset[str]
    obscene: frozenset[str]
    failure_rx: re.Pattern[str]
    venting_rx: re.Pattern[str]
    call_rx: re.Pattern[str]
    call_parts: tuple[str, ...]
    hazard_rx: re.Pattern[str]
    good_amount_rx: re.Pattern[str]

    @staticmethod
    def _key(rx: re.Pattern[str], tok: str) -> str | None:
        m = rx.match(tok)
        if m is None:
            return None
        return m.group() + "$" if m.end() == len(tok) and m.group() + "$" in rx.pattern else m.group()

    def weight(self, tok: str) -> tuple[float, float]:
        """(negative, positive) weight of a word by its stem."""
        neg = self._key(self.negative_rx, tok)
        pos = self._key(self.positive_rx, tok)
        return self.negative.get(neg or "", 0.0), self.positive.get(pos or "", 0.0)

    def topic(self, tok: str) -> str | None:
        key = self._key(self.topics_rx, tok)
        return None if key is None else self.topics.get(key)


def read_intl(data: DataFile) -> Intl:
    r = _Reader(data)
    negative, positive = r.weights("negative"), r.weights("positive")
    topics = r.phrases("topics")
    return _fill(
        Intl,
        r,
        negative=negative,
        positive=positive,
        topics=topics,
        negative_rx=_stems_rx(negative),
        positive_rx=_stems_rx(positive),
        topics_rx=_stems_rx(topics),
        negated_failures_rx=_stems_rx(r.ordered("negated_failures")),
        failures_rx=_stems_rx(r.ordered("failures")),
        hazards_rx=_stems_rx(r.ordered("hazards")),
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    toxic: Toxic
    sentiment: Sentiment
    cues: Cues
    grammar: Grammar
    intl: Intl


def _load(name: str) -> DataFile:
    return load(PACKAGE, name)


def read_lexicon(open_file: Callable[[str], DataFile] = _load) -> Lexicon:
    """The five data files, as ``open_file`` gives them by name, read and checked."""
    return Lexicon(
        read_toxic(open_file("toxic.toml")),
        read_sentiment(open_file("sentiment.toml")),
        read_cues(open_file("cues.toml")),
        read_grammar(open_file("grammar.toml")),
        read_intl(open_file("intl.toml")),
    )


@cache
def lexicon() -> Lexicon:
    """The shipped data files, read and checked once per process."""
    return read_lexicon()
