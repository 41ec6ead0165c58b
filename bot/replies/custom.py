"""A chat's own reply variants: placeholders checked when saved, filled like the defaults."""

from __future__ import annotations

import re

from bot.replies.grammar import address_name
from bot.replies.playbooks import _need_for, _problem_slots, clean_problem

PLACEHOLDERS = {
    "name": "имя автора / the author's name",
    "problem": "проблема (как её назвал автор) / the problem",
    "problem_gent": "проблемы чего? (доставки заказа)",
    "problem_datv": "чему? (доставке заказа)",
    "problem_accs": "что? (доставку заказа)",
    "problem_ablt": "чем? (доставкой заказа)",
    "problem_loct": "о чём? (доставке заказа)",
    "s_problem": "с чем? (с доставкой заказа)",
    "o_problem": "о чём? (о доставке заказа)",
    "need": "что попросить (номер заказа) / what to ask for",
}
_PROBLEM_KEYS = {k for k in PLACEHOLDERS if "problem" in k}
_FIELD = re.compile(r"\{([^{}]*)\}")
MAX_TEMPLATE = 1000
MAX_VARIANTS = 10


def parse_variants(text: str) -> tuple[list[str], list[str]]:
    """Split an admin's message into variants (separated by blank lines) and list the problems."""
    variants = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    errors: list[str] = []
    if not variants:
        errors.append("пустой текст / empty text")
    if len(variants) > MAX_VARIANTS:
        errors.append(f"не больше {MAX_VARIANTS} вариантов / at most {MAX_VARIANTS} variants")
    for number, variant in enumerate(variants, start=1):
        if len(variant) > MAX_TEMPLATE:
            errors.append(f"#{number}: длиннее {MAX_TEMPLATE} символов / longer than {MAX_TEMPLATE}")
        if variant.count("{") != variant.count("}"):
            errors.append(f"#{number}: незакрытая скобка {{ }} / unbalanced braces")
        for field in _FIELD.findall(variant):
            if field not in PLACEHOLDERS:
                errors.append(f"#{number}: неизвестная подстановка {{{field}}} / unknown placeholder")
    return variants, errors


def render_custom(variants: list[str], *, problem: str | None, author_name: str | None, seq: int) -> str | None:
    """Fill the chat's variant number ``seq`` (in rotation). A variant that needs the problem is
    skipped when the problem is unknown; None when no variant fits."""
    cleaned = clean_problem(problem, "ru")
    slots = _problem_slots(cleaned) if cleaned else None
    usable = [v for v in variants if slots is not None or not (set(_FIELD.findall(v)) & _PROBLEM_KEYS)]
    if not usable:
        return None
    template = usable[seq % len(usable)]
    name = address_name(author_name)
    values = dict(slots or {})
    values["need"] = _need_for(cleaned).ru
    values["name"] = name or ""
    text = _FIELD.sub(lambda m: values.get(m.group(1), ""), template)
    # A template written for a name reads badly without one: drop the dangling comma.
    text = re.sub(r"^\s*[,!]\s*", "", text)
    text = re.sub(r" {2,}", " ", text).strip()
    return text[:1].upper() + text[1:] if text else None
