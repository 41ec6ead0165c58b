"""A chat's own reply variants: placeholders checked when saved, filled like the defaults.

The placeholders an admin may use and the messages about a variant the bot cannot take are in
``bot/replies/data/custom.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.domain.reading import Reading, Topic
from bot.replies import datacheck as check
from bot.replies.compose import build_slots
from bot.replies.compose_files import known_slots
from bot.replies.grammar import CASES, prep_o, prep_s, reply_name, try_inflect_phrase
from bot.replies.playbook_files import NEED, PACKAGE, PROBLEM_SLOTS
from bot.replies.playbooks import _need_for, _problem_slots, clean_problem
from bot.replies.reading import read_comment, reading_data

_FIELD = re.compile(r"\{([^{}]*)\}")
_MESSAGE_FIELD = re.compile(r"\{(\w+)\}")
MAX_TEMPLATE = 1000
MAX_VARIANTS = 10
NAME = "name"
# The topic of the comment as a phrase ("задержка доставки") in the cases a variant may need.
TOPIC_SLOTS = frozenset({"topic", "o_topic", "s_topic"} | {f"topic_{case}" for case in CASES - {"nomn"}})
# What the bot fills in a chat's variant (``render_custom``), and the slots of each error message.
_FILLED = frozenset({NAME, NEED}) | PROBLEM_SLOTS["ru"] | known_slots("ru") | TOPIC_SLOTS
_ERRORS = {
    "empty": frozenset[str](),
    "too_many": frozenset({"max"}),
    "too_long": frozenset({"number", "max"}),
    "unbalanced": frozenset({"number"}),
    "unknown": frozenset({"number", "placeholder"}),
}


@dataclass(frozen=True, slots=True)
class _Custom:
    placeholders: dict[str, str]  # name -> hint, in the order admins see them
    problem_keys: frozenset[str]
    errors: dict[str, str]


@lru_cache(maxsize=1)
def _custom() -> _Custom:
    return read_custom(load(PACKAGE, "custom.toml"))


def read_custom(file: DataFile) -> _Custom:
    check.only_keys(file, "", 1, file.table(""), ("placeholders", "errors"))
    placeholders: dict[str, str] = {}
    line = file.line_of("placeholders")
    for name in file.table("placeholders"):
        if name not in _FILLED:
            known = ", ".join(sorted(_FILLED))
            raise check.error_at(
                file, check.key_line(file, line, name), f"placeholders.{name}", f"not one the bot fills ({known})"
            )
        placeholders[name] = check.text(file, "placeholders", line, file.table("placeholders"), name)
    errors: dict[str, str] = {}
    table = file.table("errors")
    line = file.line_of("errors")
    check.only_keys(file, "errors", line, table, _ERRORS)
    for key, slots in _ERRORS.items():
        text = check.text(file, "errors", line, table, key)
        for field in _MESSAGE_FIELD.findall(text):
            if field not in slots:
                at = check.line_after(file, check.key_line(file, line, key), "{" + field + "}")
                raise check.error_at(
                    file,
                    at,
                    f"errors.{key}",
                    f"unknown placeholder {{{field}}}; known here: {', '.join(sorted(slots)) or 'none'}",
                )
        errors[key] = text
    # Everything but the name and the need comes from the comment: a variant naming one the comment
    # does not give is skipped.
    return _Custom(placeholders, frozenset(placeholders) - {NAME, NEED}, errors)


class _Placeholders(Mapping[str, str]):
    """Placeholder -> hint, read from the data file on first use."""

    def __getitem__(self, name: str) -> str:
        return _custom().placeholders[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_custom().placeholders)

    def __len__(self) -> int:
        return len(_custom().placeholders)


PLACEHOLDERS: Mapping[str, str] = _Placeholders()


def _error(key: str, **values: object) -> str:
    return _MESSAGE_FIELD.sub(lambda m: str(values[m.group(1)]), _custom().errors[key])


def parse_variants(text: str) -> tuple[list[str], list[str]]:
    """Split an admin's message into variants (separated by blank lines) and list the problems."""
    variants = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    placeholders = _custom().placeholders
    errors: list[str] = []
    if not variants:
        errors.append(_error("empty"))
    if len(variants) > MAX_VARIANTS:
        errors.append(_error("too_many", max=MAX_VARIANTS))
    for number, variant in enumerate(variants, start=1):
        if len(variant) > MAX_TEMPLATE:
            errors.append(_error("too_long", number=number, max=MAX_TEMPLATE))
        if variant.count("{") != variant.count("}"):
            errors.append(_error("unbalanced", number=number))
        for field in _FIELD.findall(variant):
            if field not in placeholders:
                errors.append(_error("unknown", number=number, placeholder="{" + field + "}"))
    return variants, errors


def _topic_slots(topic: Topic) -> dict[str, str]:
    if topic is Topic.OTHER:
        return {}
    phrase = reading_data().phrase(topic, "ru")
    slots = {"topic": phrase}
    for case in CASES - {"nomn"}:
        form = try_inflect_phrase(phrase, case)
        if form is None:
            return {"topic": phrase}
        slots[f"topic_{case}"] = form
    slots["o_topic"] = prep_o(slots["topic_loct"])
    slots["s_topic"] = prep_s(slots["topic_ablt"])
    return slots


def render_custom(
    variants: list[str],
    *,
    problem: str | None,
    author_name: str | None,
    seq: int,
    text: str | None = None,
    reading: Reading | None = None,
) -> str | None:
    """Fill the chat's variant number ``seq`` (in rotation). A variant that names something the comment
    does not give (the problem, an order number, a device) is skipped; None when no variant fits."""
    cleaned = clean_problem(problem, "ru")
    problem_slots = _problem_slots(cleaned) if cleaned else None
    if reading is None:
        reading = read_comment(text, problem=problem)
    values = build_slots(reading.facts, "ru", dict(problem_slots) if problem_slots else None)
    values.update(_topic_slots(reading.topic))
    from_comment = _custom().problem_keys
    usable = [v for v in variants if all(f in values for f in set(_FIELD.findall(v)) & from_comment)]
    if not usable:
        return None
    template = usable[seq % len(usable)]
    name = reply_name(author_name, "ru")
    values["need"] = _need_for(cleaned).ru
    values["name"] = name or ""
    out = _FIELD.sub(lambda m: values.get(m.group(1), ""), template)
    # A template written for a name reads badly without one: drop the dangling comma.
    out = re.sub(r"^\s*[,!]\s*", "", out)
    out = re.sub(r" {2,}", " ", out).strip()
    return out[:1].upper() + out[1:] if out else None
