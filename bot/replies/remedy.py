"""A slot for what the admin will do, in drafts where a remedy is the natural answer.

A holding reply («разберёмся и напишем здесь, что сделаем») to a wrong bouquet, a double charge or a
cleaner who never came is what readers edit most: the admin knows the remedy (a refund, a new date,
what is brought) and the bot does not. Such a draft gets a slot in square brackets the admin fills,
which the lint refuses to send unfilled; the sentence that only promised to tell later gives way to it.
The slots and sentences are data (``bot/replies/data/remedies.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.datafiles import load
from bot.domain.reading import Reading, Topic
from bot.domain.verdicts import Label
from bot.replies import datacheck as check
from bot.replies.asks import ask_slot
from bot.replies.confidence import failed_topic

PACKAGE = "bot.replies.data"
REMEDIES = ("refund", "items", "quality", "delivery", "visit", "compensation", "damage", "occasion", "sale")
LANGS = ("ru", "uk", "en")
_SLOT_LIMIT = 80  # the lint's placeholder pattern takes at most 80 characters between the brackets
# Only drafts an admin sends: an impulsive comment's reply goes out by itself after the chat's delay, and a
# slot would keep it from being scheduled at all (the sender never posts an unfilled one).
_ADDRESSED = frozenset({Label.CONSTRUCTIVE})
# Readings that tell a failure of the business a remedy answers (the flags of facts.toml).
_VISIT = frozenset({"no_show", "cancelled_by_us", "visit_missed", "postponed"})
_DELIVERY = frozenset({"not_shipped", "marked_delivered"})
# A danger, a price, a claim about the company: answered with a call, an explanation or the facts.
_NONE = frozenset({Topic.SAFETY, Topic.PRICE, Topic.ACCUSATION, Topic.POLITICS})
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# A line that only promises an answer later: with the author's ask in the slot, the slot is that answer.
_HOLDING = re.compile(
    r"вернёмся (?:сюда )?с ответом|как только узнаем срок|ответим здесь после проверки|повернемося з відповіддю"
    r"|відповімо тут після перевірки|щойно дізнаємося термін|as soon as we know|answer about \w+ here",
    re.IGNORECASE,
)
_ASKING_FACTS = re.compile(r"напиш|пришли|надішл|напиш|send|write|tell us", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Remedies:
    slots: dict[str, dict[str, str]]
    vague: re.Pattern[str]
    promise: re.Pattern[str]
    offer: re.Pattern[str]
    concrete: re.Pattern[str]
    refund: re.Pattern[str]
    visit: re.Pattern[str]
    compensation: re.Pattern[str]


@lru_cache(maxsize=1)
def _remedies() -> _Remedies:
    file = load(PACKAGE, "remedies.toml")
    check.only_keys(file, "", 1, file.table(""), ("slots", "patterns"))
    slots: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        table = file.table(f"slots.{lang}")
        line = file.line_of(f"slots.{lang}")
        check.only_keys(file, f"slots.{lang}", line, table, REMEDIES)
        slots[lang] = {}
        for name in REMEDIES:
            slot = check.text(file, f"slots.{lang}", line, table, name)
            if not (slot.startswith("[") and slot.endswith("]") and len(slot) - 2 <= _SLOT_LIMIT):
                raise file.fail(f"slots.{lang}.{name}", f"expected [...] of at most {_SLOT_LIMIT} characters")
            slots[lang][name] = slot
    patterns: dict[str, re.Pattern[str]] = {}
    for key in ("vague", "promise", "offer", "concrete", "refund", "visit", "compensation"):
        parts = file.strings(f"patterns.{key}")
        for part in parts:
            check.regex(file, f"patterns.{key}", part, re.IGNORECASE)
        patterns[key] = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
    return _Remedies(slots, **patterns)


def remedy_of(reading: Reading) -> str | None:
    """The remedy the comment calls for, if any: a failure of the business, not a request alone («можно
    вернуть деньги за абонемент, сын сломал руку?» asks about the rules, answered as they are)."""
    flags = reading.facts.flags
    text = reading.text or ""
    charged = reading.topic is Topic.REFUND and "charged" in flags
    if _remedies().compensation.search(text):
        return "compensation"
    if "double_charge" in flags or charged or _remedies().refund.search(text):
        return "refund"
    if "sale_start" in flags and reading.topic is Topic.APP:
        return "sale"  # a sale lost to an outage: an extra sale, orders checked, money back
    if {"city", "transport"} <= flags:
        return None  # a bus that never came is not «перенесём на удобное время»: the run is checked
    if reading.topic is Topic.ITEMS:
        return "items"
    if reading.topic is Topic.QUALITY:
        return "quality"
    if flags & _VISIT - {"no_show"}:
        return "visit"  # a technician or a class that never came is no delivery, whatever the topic
    if (reading.topic is Topic.DELIVERY or flags & _DELIVERY) and "taxi" not in flags:
        return "delivery"  # a late or cancelled ride has no delivery to bring
    if flags & _VISIT or _remedies().visit.search(text):
        return "visit"
    return None


def with_remedy(label: Label, reading: Reading, draft: str | None, asks: Sequence[str] = ()) -> str | None:
    """``draft`` with the admin's remedy slot in place of a promise to tell later, where one is due."""
    if not draft or label not in _ADDRESSED or reading.lang not in LANGS or reading.insult:
        return draft
    # A price read from a sum beside a failure is that failure's (``confidence.failed_topic``).
    reading = replace(reading, topic=failed_topic(reading))
    if reading.topic in _NONE:
        return draft
    if "hazard" in reading.facts.flags:
        return draft  # a danger on the spot is closed off and checked, whatever word made the topic «quality»
    found = _remedies()
    remedy = remedy_of(reading) or ("quality" if found.offer.search(draft) else None)
    if remedy is not None and "compensation" in asks:
        remedy = "compensation"  # the author's own question, in the slot's words
    # What the author asked for in so many words («верните разницу 950 ₽», «когда будет готово?»)
    asked = ask_slot(reading.text or "", reading.lang)
    if (remedy is None and asked is None) or "[" in draft:
        return draft
    if found.concrete.search(draft):
        # «проверим и, если списали лишнее, вернём разницу» answers the kind, not the sum the author asked back
        sums = re.findall(r"\d[\d  ]*\d|\d", asked or "")
        if not any(n not in draft for n in sums):
            return draft
        return f"{draft.rstrip()} {asked}"
    sentences = _SENTENCE.split(draft.strip())
    kept = [
        _cut(found.vague.sub("", s))
        for s in sentences
        if not found.promise.search(s) and not (asked and _HOLDING.search(s) and not _ASKING_FACTS.search(s))
    ]
    kept = [s for s in kept if s] or sentences[:1]
    return " ".join([*kept, asked or found.slots[reading.lang][str(remedy)]])


def remedy_slot(lang: str, remedy: str) -> str | None:
    """The slot of ``remedy`` in ``lang`` (``bot.replies.harm`` puts it where the harm asks for it)."""
    return _remedies().slots.get(lang, {}).get(remedy)


def _cut(sentence: str) -> str:
    """A sentence after its promise was cut out: its end mark kept, nothing left of a single word."""
    body = sentence.rstrip(" .!?—-,")
    # a bare «Разберёмся.» left before the remedy would promise a look after saying what is done
    return body + "." if len(body.split()) > 1 else ""


def is_remedy_slot(placeholder: str) -> bool:
    """Whether an unfilled part of a draft (``bot.replies.lint.unfilled``) is the remedy slot, not the facts:
    the admin is asked what they will do, not for figures."""
    return any(
        placeholder.startswith(slot.split(":")[0]) for slots in _remedies().slots.values() for slot in slots.values()
    )


def remedy_data() -> None:
    """Read and check ``remedies.toml`` now (``bot.replies.load_data``)."""
    _remedies()
