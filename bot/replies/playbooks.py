"""What to do with each kind of comment, and a suggested public reply that follows the doctrine.

Doctrine (README, "The doctrine"): never aggressive, never deny real mistakes, never ignore, never delete.

* constructive: name the problem, apologise, ask for what is needed in private messages, promise the
  next step;
* impulsive: short and warm, no arguing, no excuses; the bot sends it later, once the author cools down;
* trolling: calm and factual, written for the readers rather than the troll, never sarcastic;
* directed: one calm public statement for the whole wave, inviting real customers to private messages;
* neutral, positive: no reply needed (positive may get an optional thanks).

The texts are in ``bot/replies/data`` (``playbooks.toml``, ``follow_up.toml``, ``needs.toml``); this
module fills them in. Variants are chosen deterministically: ``case_id % len(variants)``, so consecutive
cases differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from bot.domain.reading import Reading
from bot.domain.verdicts import Label
from bot.replies.compose import compose
from bot.replies.grammar import (
    CASES,
    lemmas,
    prep_o,
    prep_s,
    prep_v,
    reply_name,
    starts_with_proper_noun,
    try_inflect_phrase,
)
from bot.replies.handoff import own_handoffs
from bot.replies.harm import harm_reply
from bot.replies.playbook_files import Lang, Need, Playbook, Variant, pick_lang, reply_data
from bot.replies.protective_step import with_protective_step
from bot.replies.reading import read_comment
from bot.replies.requests import answer_requests
from bot.replies.safety_line import safety_reply
from bot.replies.shapes import reshape, shape_of

__all__ = [
    "PLAYBOOKS",
    "Lang",
    "Playbook",
    "Variant",
    "clean_problem",
    "follow_up_variants",
    "playbook_line",
    "playbook_parts",
    "render",
    "suggest_follow_up",
    "suggest_reply",
    "variant_count",
]

_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_MAX_PROBLEM_WORDS = 8
_MAX_PROBLEM_CHARS = 80


class _Playbooks(Mapping[Label, Playbook]):
    """The playbook per label, read from the data files on first use."""

    def __getitem__(self, label: Label) -> Playbook:
        return reply_data().playbooks[label]

    def __iter__(self) -> Iterator[Label]:
        return iter(reply_data().playbooks)

    def __len__(self) -> int:
        return len(reply_data().playbooks)


PLAYBOOKS: Mapping[Label, Playbook] = _Playbooks()


def _need_for(problem: str | None) -> Need:
    """What to ask the author for: the first kind of problem in ``needs.toml`` that the phrase names."""
    data = reply_data()
    if not problem:
        return data.default_need
    words = re.findall(r"[A-Za-zА-Яа-яЁё-]+", problem.lower())
    found: set[str] = set()
    for word in words:
        found |= lemmas(word) | {word}
    for need in data.needs:
        if need.lemmas & found:
            return need
    return data.default_need


# --------------------------------------------------------------------------------------------
# Filling the templates


_lang = pick_lang


def clean_problem(problem: str | None, lang: str = "ru") -> str | None:
    """The problem phrase fit for a template, or ``None`` if it would read badly."""
    if problem is None:
        return None
    text = " ".join(problem.split()).strip(" \t.,;:!?…—-\"'«»")
    if not text or text.lower() in ("none", "null"):
        return None
    if len(text) > _MAX_PROBLEM_CHARS or len(text.split()) > _MAX_PROBLEM_WORDS:
        return None
    if "{" in text or "}" in text:
        return None
    has_cyrillic = bool(_CYRILLIC_RE.search(text))
    if _lang(lang) == "en":
        return None if has_cyrillic else text
    if not has_cyrillic:
        return None
    if text.isupper():
        text = text.lower()
    elif text[:1].isupper() and not text.split()[0].isupper() and not starts_with_proper_noun(text):
        text = text[:1].lower() + text[1:]
    return text


@lru_cache(maxsize=4096)
def _problem_slots(problem: str) -> dict[str, str] | None:
    """The phrase in every case the templates use; kept per phrase (the same few come back
    often, and inflecting one takes several morphological look-ups). Callers copy it."""
    slots: dict[str, str] = {}
    for case in sorted(CASES):
        form = try_inflect_phrase(problem, case)
        if form is None:
            return None
        slots[f"problem_{case}"] = form
    slots["s_problem"] = prep_s(slots["problem_ablt"])
    slots["o_problem"] = prep_o(slots["problem_loct"])
    slots["v_problem"] = prep_v(slots["problem_loct"])
    slots["problem"] = problem
    return slots


def _decapitalise(text: str) -> str:
    first = text.split(" ", 1)[0]
    if (first.isupper() and len(first) > 1) or first in ("I", "I'm", "I'll"):
        return text
    return text[:1].lower() + text[1:]


def _fill(template: str, slots: dict[str, str]) -> str:
    text = _PLACEHOLDER_RE.sub(lambda m: slots[m.group(1)], template)
    return re.sub(r" {2,}", " ", text).strip()


def _clean_fix(fix: str | None) -> str:
    """The admin's sentence about what changed, as one tidy sentence (or nothing)."""
    if not fix:
        return ""
    text = " ".join(fix.split()).replace("{", "(").replace("}", ")")
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def render(
    variant: Variant,
    *,
    problem: str | None,
    author_name: str | None,
    lang: str = "ru",
    addresses_author: bool = True,
    fix: str | None = None,
) -> str:
    """Fill one variant: the problem-naming text when the problem fits, the plain one otherwise."""
    language = _lang(lang)
    cleaned = clean_problem(problem, language)
    slots: dict[str, str] | None = None
    if cleaned is not None:
        slots = {"problem": cleaned} if language == "en" else _problem_slots(cleaned)
    need = _need_for(cleaned if language == "ru" else problem)
    template = variant.with_problem if slots is not None else variant.without_problem
    values = dict(slots or {})
    values["need"] = need.en if language == "en" else need.ru
    values["fix"] = _clean_fix(fix)
    text = _fill(template, values)
    if "{need}" in template:
        note = need.note_en if language == "en" else need.note_ru
        if note:
            text = f"{text} {note}"
    name = reply_name(author_name, language) if addresses_author else None
    if name:
        text = f"{name}, {_decapitalise(text)}"
    return text


def playbook_line(label: Label, lang: str = "ru") -> str:
    """The playbook for ``label`` in one line, for the admin's alert."""
    return PLAYBOOKS[Label(label)].line(lang)


def playbook_parts(label: Label, lang: str = "ru") -> tuple[str, str]:
    """The playbook's kind and its advice ("провокация", "отвечайте спокойно…"), so that an alert
    reads «Что делать (провокация): …» rather than «Что делать: Провокация: …»."""
    line = playbook_line(label, lang)
    kind, sep, advice = line.partition(": ")
    if not sep:
        return "", line
    return kind[:1].lower() + kind[1:], advice


def suggest_reply(
    label: Label,
    *,
    problem: str | None,
    author_name: str | None,
    case_id: int,
    lang: str = "ru",
    thank_positive: bool = False,
    text: str | None = None,
    reading: Reading | None = None,
    kind: str | None = None,
) -> str | None:
    """A public reply that follows the playbook for ``label``, or ``None`` when none is needed.

    With the comment's ``text`` (or its ``reading``), the reply is composed from what the author said:
    the topic, the facts they gave (echoed, never asked for again), in the author's language
    (Russian, English or Ukrainian). Without it, from the classifier's ``problem`` phrase ("доставка
    заказа") in the chat's language ``lang``. ``case_id`` picks among the variants that fit, so
    consecutive cases in a chat get different wording. ``author_name`` is the author's first name; it
    opens replies to the author (not to a troll or a wave) when it is a real name. Neutral gives
    ``None``; positive gives ``None`` unless ``thank_positive`` is set. ``kind`` is the chat's kind of
    business (``bot.replies.business``), used when the comment is read here.
    """
    playbook = PLAYBOOKS[Label(label)]
    variants = playbook.variants(lang)
    if not (playbook.reply_by_default or thank_positive):
        return None
    if not Label(label).negative:
        if not variants:
            return None
        variant = variants[case_id % len(variants)]
        return render(variant, problem=problem, author_name=author_name, lang=lang)
    # Only the author's own words can show a draft names another problem; a classifier's phrase cannot.
    own_words = reading is not None or bool(text and text.strip())
    if reading is None:
        reading = read_comment(text, problem=problem, kind=kind)
        if not (text and text.strip()):
            reading = Reading(reading.topic, reading.facts, _lang(lang), reading.insult, reading.text)
    cleaned = clean_problem(problem, "ru") if reading.lang == "ru" else None
    slots = _problem_slots(cleaned) if cleaned else None
    composed = compose(
        Label(label),
        reading,
        case_id=case_id,
        author_name=author_name,
        problem_slots=dict(slots) if slots else None,
        addresses_author=playbook.addresses_author,
        own_words=own_words,
    )
    if composed is not None:
        if not own_words:
            return composed or None
        if not composed and shape_of(Label(label), reading) is None:
            return None  # "": bait best left without a reply
        drafted = reshape(Label(label), reading, composed or None, author_name=author_name, case_id=case_id)
        return _for_harm(Label(label), reading, drafted, author_name, case_id, kind)
    if reading.lang not in ("ru", "en") and own_words:
        # The playbooks speak Russian and English only: a Ukrainian comment no table answers gets its language's
        # safe shape, or no draft at all, never a Russian line.
        return reshape(Label(label), reading, None, author_name=author_name, case_id=case_id)
    fallback_lang = reading.lang if reading.lang in ("ru", "en") else lang
    variants = playbook.variants(fallback_lang)
    if not variants:
        return None
    variant = variants[case_id % len(variants)]
    addressed = Label(label) in (Label.CONSTRUCTIVE, Label.IMPULSIVE)
    rendered = render(
        variant,
        problem=problem,
        author_name=author_name if addressed else None,
        lang=fallback_lang,
        addresses_author=playbook.addresses_author,
    )
    # A general line still answers what the author explicitly asked (compensation, how long).
    if addressed and rendered and reading.lang == fallback_lang:
        rendered = answer_requests(rendered, reading)
    if not own_words:
        return rendered
    drafted = reshape(Label(label), reading, rendered, author_name=author_name, case_id=case_id)
    return _for_harm(Label(label), reading, drafted, author_name, case_id, kind)


def _for_harm(
    label: Label, reading: Reading, draft: str | None, author_name: str | None, case_id: int, kind: str | None
) -> str | None:
    """The draft whose care and remedy match the harm the comment tells (``bot.replies.harm``)."""

    def redraft(part: str) -> str | None:
        return suggest_reply(label, problem=None, author_name=author_name, case_id=case_id, text=part, kind=kind)

    drafted = harm_reply(label, reading, draft, author_name=author_name, case_id=case_id, redraft=redraft)
    # The line about the hazard itself, which the other readers of the chat need (``bot.replies.safety_line``),
    # the step that protects them (``bot.replies.protective_step``), and no one else's department or
    # contractor the chat does not ground (``bot.replies.handoff``).
    drafted = safety_reply(label, reading, drafted, author_name=author_name, kind=kind)
    drafted = with_protective_step(label, reading, drafted, kind)
    return own_handoffs(drafted, reading.text or "", kind)


def suggest_follow_up(
    *,
    problem: str | None,
    author_name: str | None,
    case_id: int,
    lang: str = "ru",
    fix: str | None = None,
) -> str:
    """The public follow-up for a resolved constructive case, posted as a reply to the original comment.

    "We found the cause, fixed it, here is what changed": ``fix`` is the admin's own sentence about what
    changed ("Теперь курьер звонит за час до приезда"); without it the text still reads naturally.
    """
    variants = reply_data().follow_up[_lang(lang)]
    return render(variants[case_id % len(variants)], problem=problem, author_name=author_name, lang=lang, fix=fix)


def follow_up_variants(lang: str = "ru") -> tuple[Variant, ...]:
    return reply_data().follow_up[_lang(lang)]


def variant_count(label: Label, lang: str = "ru") -> int:
    return len(PLAYBOOKS[Label(label)].variants(lang))
