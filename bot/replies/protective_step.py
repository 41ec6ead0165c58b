"""The protective step of a health or safety draft, by the kind of hazard (round 19 reading, issue 18).

A draft that wishes recovery and asks for a phone tells the author and the other readers of the chat
nothing they can do now: stop wearing the glasses, do not drink the rest of the water, do not give the
food to the pet, and the batch leaves the shelf. The step follows what the comment names (a product on
the body, food or drink, a medicine, a pet's food, equipment), and a generic one for an expired thing of
no kind here. A procedure gone wrong or an injury has its own care line (``bot.replies.safety_line``).
A draft that already has a step (the fire exit's «откроем», the gas's «звоните 104 или 112») keeps its own.

Texts and patterns: ``bot/replies/data/protective_steps.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.domain.reading import Reading, Topic
from bot.domain.verdicts import Label
from bot.replies import datacheck as check
from bot.replies.safety_line import safety_kind

PACKAGE = "bot.replies.data"
LANGS = ("ru", "uk", "en")
_ADDRESSED = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE})
# A harm whose draft has its own care line: an injury's zone, a procedure's doctor today.
_OWN_CARE = frozenset({"injury", "shock", "burn", "fire_exit", "gas", "reckless", "brakes", "medical"})
_CARED = frozenset({"procedure", "injury", "medical_data"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# The draft's line for an unknown thing, which a step of the hazard's own kind replaces.
_VAGUE = re.compile(r"Пока не выясним причину, лучше этой вещью не пользоваться[.!]?\s*")


@dataclass(frozen=True, slots=True)
class _Step:
    name: str
    when: re.Pattern[str]
    texts: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Steps:
    already: re.Pattern[str]
    steps: tuple[_Step, ...]
    generic: dict[str, str]
    off_sale: _Step
    sale_kinds: frozenset[str]


def _pattern(file: DataFile, where: str, parts: tuple[str, ...]) -> re.Pattern[str]:
    for part in parts:
        check.regex(file, where, part, re.IGNORECASE)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _steps() -> _Steps:
    file = load(PACKAGE, "protective_steps.toml")
    check.only_keys(file, "", 1, file.table(""), ("already", "step", "off_sale", "generic"))
    steps = []
    for i, table in enumerate(file.get("step")):
        where = f"step[{i}]"
        check.only_keys(file, where, file.line_of("step"), table, ("name", "when", *LANGS))
        when = tuple(table.get("when") or ())
        if not when or not all(isinstance(w, str) and w for w in when):
            raise file.fail(f"{where}.when", "expected a list of patterns")
        texts = {lang: check.text(file, where, file.line_of("step"), table, lang) for lang in LANGS}
        steps.append(_Step(str(table.get("name", where)), _pattern(file, f"{where}.when", when), texts))
    generic = file.table("generic")
    texts = {lang: check.text(file, "generic", file.line_of("generic"), generic, lang) for lang in LANGS}
    sale = file.table("off_sale")
    check.only_keys(file, "off_sale", file.line_of("off_sale"), sale, ("kinds", "when", *LANGS))
    off_sale = _Step(
        "off_sale",
        _pattern(file, "off_sale.when", file.strings("off_sale.when")),
        {lang: check.text(file, "off_sale", file.line_of("off_sale"), sale, lang) for lang in LANGS},
    )
    already = _pattern(file, "already", file.strings("already"))
    return _Steps(already, tuple(steps), texts, off_sale, frozenset(file.strings("off_sale.kinds")))


def protective_step_data() -> None:
    """Read and check ``protective_steps.toml`` now (``bot.replies.load_data``)."""
    _steps()


def hazard_kind(text: str) -> str | None:
    """The kind of hazard the comment names («food», «worn», «pet_food»…), or None."""
    low = text.lower().replace("ё", "е")
    return next((step.name for step in _steps().steps if step.when.search(low)), None)


def with_protective_step(label: Label, reading: Reading, draft: str | None, kind: str | None = None) -> str | None:
    """``draft`` with the protective step that fits the hazard, after its first sentence; as it was when
    the comment is no health or safety case, or the draft has a step already."""
    text, lang = reading.text or "", reading.lang
    flags = reading.facts.flags
    if draft is None or label not in _ADDRESSED or lang not in LANGS or reading.insult or not text:
        return draft
    harmed = bool(flags & {"health", "expired"})
    if not (reading.topic is Topic.SAFETY or harmed) or flags & _OWN_CARE:
        return draft
    if safety_kind(label, reading, kind) in _CARED:
        return draft
    found = _steps()
    low = text.lower().replace("ё", "е")
    step = next((s for s in found.steps if s.when.search(low)), None)
    if step is None and "expired" not in flags:
        # No kind here: only an expired thing has a step that fits whatever it is; a bad ski sharpening or
        # an infection after a manicure has nothing to stop using (round 18's drafts).
        return draft
    body = _VAGUE.sub("", draft).strip() if step is not None else draft
    if found.already.search(body):
        return body
    line = step.texts[lang] if step is not None else found.generic[lang]
    if step is not None and step.name == "food" and (kind in found.sale_kinds or found.off_sale.when.search(low)):
        line = f"{line} {found.off_sale.texts[lang]}"
    parts = _SENTENCE.split(body, maxsplit=1)
    return " ".join([parts[0], line, *parts[1:]])
