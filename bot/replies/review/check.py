"""Reading the review set, drafting an answer to each comment, and checking each draft against its rules."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.datafiles import DataFile, load, parse
from bot.domain.reading import Topic
from bot.domain.verdicts import NEGATIVE_LABELS, Label
from bot.replies import datacheck as check
from bot.replies.business import kinds
from bot.replies.lint import lint_reply
from bot.replies.playbooks import suggest_reply

PACKAGE = "bot.replies.review.data"
PARTS = (
    "tuned",
    "blind",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh8_intl",
)
CHANNELS = ("public", "private", "any")
LANGS = ("ru", "en", "uk")
FIELDS = (
    "id", "where", "label", "topic", "author", "text", "lang", "echo", "not_ask", "ask", "channel", "insult",
    "must_not", "remedy",
)  # fmt: skip
# Words of the doctrine lint that a draft must never contain; "placeholder" is expected in some.
DOCTRINE = frozenset({"insult", "aggression", "sarcasm", "blame", "denial", "shouting", "threat"})
_OPENING_WORDS = 3


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    part: str
    where: str
    label: Label
    topic: Topic
    text: str
    author: str | None = None
    lang: str = "ru"
    echo: tuple[str, ...] = ()
    not_ask: tuple[str, ...] = ()
    ask: tuple[str, ...] = ()
    channel: str = "any"
    insult: bool = False
    must_not: tuple[str, ...] = ()
    # A slot for the admin's remedy («[что сделаем: …]»): True when it is due, False when it must not be
    # there, None when either will do.
    remedy: bool | None = None


@dataclass(frozen=True, slots=True)
class Rules:
    asks: dict[str, re.Pattern[str]]
    private: re.Pattern[str]
    thanks: re.Pattern[str]
    placeholder: re.Pattern[str]
    remedy: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Draft:
    comment: Comment
    text: str
    failures: tuple[str, ...]
    re_asked: tuple[str, ...] = ()
    private: bool = False
    thanked_insult: bool = False
    lint_clean: bool = True

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass(frozen=True, slots=True)
class Summary:
    part: str
    drafts: int
    passed: int
    re_asks: int
    thanked_insults: int
    private: int
    lint_clean: int
    openings: dict[str, tuple[int, int]] = field(default_factory=dict)  # topic -> (distinct, drafts)

    @property
    def pass_share(self) -> float:
        return self.passed / self.drafts if self.drafts else 0.0

    @property
    def private_share(self) -> float:
        return self.private / self.drafts if self.drafts else 0.0


@lru_cache(maxsize=1)
def rules() -> Rules:
    file = load(PACKAGE, "rules.toml")
    check.only_keys(file, "", 1, file.table(""), ("asks", "private", "thanks", "placeholder", "remedy"))
    asks = {name: _pattern(file, f"asks.{name}") for name in file.table("asks")}
    found = (_pattern(file, key) for key in ("private", "thanks", "placeholder", "remedy"))
    return Rules(asks, *found)


def _pattern(file: DataFile, where: str) -> re.Pattern[str]:
    parts = file.strings(where)
    for part in parts:
        check.regex(file, where, part, re.IGNORECASE)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def load_comments(part: str) -> list[Comment]:
    """The comments of one part of the review set, checked."""
    return read_comments(load(PACKAGE, f"{part}.toml"), part)


def load_file(path: str) -> list[Comment]:
    """The comments of a file in the review set's format outside it (a held-out set), checked."""
    return read_comments(parse(path, Path(path).read_text(encoding="utf-8")), Path(path).stem)


def read_comments(file: DataFile, part: str) -> list[Comment]:
    check.only_keys(file, "", 1, file.table(""), ("comment",))
    found = check.items(file, "comment", file.get("comment"))
    lines = check.item_lines(file, "comment", len(found))
    asks = rules().asks
    return [_comment(file, part, table, lines[n], asks) for n, table in enumerate(found)]


def _comment(file: DataFile, part: str, table: dict[str, Any], line: int, asks: dict[str, Any]) -> Comment:
    where = f"comment#{table.get('id', '?')}"
    check.only_keys(file, where, line, table, FIELDS)
    texts = {key: check.text(file, where, line, table, key) for key in ("id", "where", "label", "topic", "text")}
    label = texts["label"]
    if label not in {str(x) for x in NEGATIVE_LABELS}:
        raise check.error_at(file, line, f"{where}.label", f"{label!r}: expected a negative label")
    topic = texts["topic"]
    if topic not in {t.value for t in Topic}:
        raise check.error_at(file, line, f"{where}.topic", f"unknown topic {topic!r}")
    channel = table.get("channel", "any")
    if channel not in CHANNELS:
        raise check.error_at(file, line, f"{where}.channel", f"expected one of {', '.join(CHANNELS)}")
    lang = table.get("lang", "ru")
    if lang not in LANGS:
        raise check.error_at(file, line, f"{where}.lang", f"expected one of {', '.join(LANGS)}")
    lists = {}
    for key in ("echo", "not_ask", "ask", "must_not"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise check.error_at(file, line, f"{where}.{key}", "expected a list of non-empty strings")
        if key in ("not_ask", "ask"):
            for name in value:
                if name not in asks:
                    raise check.error_at(
                        file, line, f"{where}.{key}", f"unknown fact {name!r}; known: {', '.join(asks)}"
                    )
        lists[key] = tuple(value)
    author = table.get("author")
    return Comment(
        texts["id"],
        part,
        texts["where"],
        Label(label),
        Topic(topic),
        texts["text"],
        author if isinstance(author, str) else None,
        lang,
        lists["echo"],
        lists["not_ask"],
        lists["ask"],
        channel,
        check.flag(file, where, line, table, "insult", False),
        lists["must_not"],
        check.flag(file, where, line, table, "remedy", False) if "remedy" in table else None,
    )


def draft(comment: Comment, case_id: int) -> Draft:
    text = suggest_reply(
        comment.label,
        problem=None,
        author_name=comment.author,
        case_id=case_id,
        text=comment.text,
        kind=comment.where if comment.where in kinds() else None,  # the place, as a chat's title tells it
    )
    return judge(comment, text or "")


def judge(comment: Comment, text: str) -> Draft:
    """Every rule the draft ``text`` breaks, by name."""
    found = rules()
    failures: list[str] = []
    low = text.lower()
    if not text:
        return Draft(comment, text, ("no draft",))
    issues = [i for i in lint_reply(text) if i.code in DOCTRINE]
    if issues:
        failures.append("lint: " + ", ".join(f"{i.code} «{i.fragment}»" for i in issues))
    for item in comment.echo:
        if not any(alt.lower() in low for alt in item.split("|")):
            failures.append(f"does not echo {item!r}")
    re_asked = tuple(name for name in comment.not_ask if found.asks[name].search(text))
    failures.extend(f"asks again for {name}" for name in re_asked)
    failures.extend(f"does not ask for {name}" for name in comment.ask if not found.asks[name].search(text))
    private = bool(found.private.search(text))
    if comment.channel == "public" and private:
        failures.append("sends to private messages")
    if comment.channel == "private" and not private:
        failures.append("does not move to private messages")
    thanked = bool(found.thanks.search(text))
    if comment.insult and thanked:
        failures.append("thanks someone who insults")
    if comment.label is Label.TROLLING and thanked:
        failures.append("thanks a troll")
    failures.extend(f"contains {bad!r}" for bad in comment.must_not if bad.lower() in low)
    placeholder = bool(found.placeholder.search(text))
    if comment.topic is Topic.ACCUSATION and not placeholder:
        failures.append("no [факты] for the admin to fill")
    if comment.topic is not Topic.ACCUSATION and placeholder:
        failures.append("a placeholder where none is needed")
    slot = bool(found.remedy.search(text))
    if comment.remedy and not slot:
        failures.append("no slot for the admin's remedy")
    if comment.remedy is False and slot:
        failures.append("a remedy slot where none is due")
    failures.extend(_language(comment.lang, text))
    failures.extend(_form(comment, text))
    return Draft(
        comment,
        text,
        tuple(failures),
        re_asked,
        private,
        comment.insult and thanked,
        not issues,
    )


def _language(lang: str, text: str) -> list[str]:
    cyrillic = re.search(r"[А-Яа-яЁёІіЇїЄє]", text)
    if lang == "en" and cyrillic:
        return ["not in English"]
    if lang == "uk" and (not re.search(r"[іїєґІЇЄҐ]", text) or re.search(r"[ыэъЫЭЪ]", text)):
        return ["not in Ukrainian"]
    if lang == "ru" and (not cyrillic or re.search(r"[іїєґІЇЄҐ]", text)):
        return ["not in Russian"]
    return []


def _form(comment: Comment, text: str) -> list[str]:
    out = []
    if "(а)" in text or "(a)" in text:
        out.append("«(а)» instead of a form")
    for bad in ("{", "}", "None", "  ", " ,", " .", ",,", "..", ", —,"):
        if bad in text:
            out.append(f"broken text {bad!r}")
    if not text[:1].isupper():
        out.append("starts with a lower-case letter")
    if not text.rstrip().endswith((".", "!", "?", "]")):
        out.append("no final punctuation")
    author = (comment.author or "").split()
    if author and comment.label in (Label.TROLLING, Label.DIRECTED) and re.match(rf"{re.escape(author[0])}\b", text):
        out.append("addresses a troll or a wave by name")
    if author and comment.lang != "en" and re.fullmatch(r"[A-Za-z][A-Za-z'-]+", author[0]) and author[0] in text:
        out.append(f"Latin name {author[0]!r} in a {comment.lang} answer")
    return out


def opening(text: str, author: str | None) -> str:
    """The first words of a draft, after the author's name."""
    body = re.sub(r"^[^,]{1,40}, (?=[а-яёa-zіїє])", "", text) if author else text
    words = re.findall(r"[\w'’-]+", body.lower())
    return " ".join(words[:_OPENING_WORDS])


def draft_all(part: str, comments: list[Comment] | None = None) -> list[Draft]:
    found = load_comments(part) if comments is None else comments
    return [draft(comment, n) for n, comment in enumerate(found)]


def summarise(part: str, drafts: list[Draft]) -> Summary:
    by_topic: dict[str, list[str]] = defaultdict(list)
    for d in drafts:
        by_topic[d.comment.topic.value].append(opening(d.text, d.comment.author))
    return Summary(
        part,
        len(drafts),
        sum(d.passed for d in drafts),
        sum(bool(d.re_asked) for d in drafts),
        sum(d.thanked_insult for d in drafts),
        sum(d.private for d in drafts),
        sum(d.lint_clean for d in drafts),
        {topic: (len(set(found)), len(found)) for topic, found in sorted(by_topic.items())},
    )
