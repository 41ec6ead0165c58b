"""Rhetorical or sarcastic questions: «масло из золота заливаете?», «котов икрой кормите?».

A noun in such a question is the author's jibe, never the thing that failed, so the reading takes no product,
service, thing or staff from it (a draft saying «простите, что так вышло с маслом» echoes the joke as an
admission). The marks are the figures of speech for «too dear» or «too slow», in Russian, Ukrainian and English.
"""

from __future__ import annotations

import re

_MARK = re.compile(
    r"(?:из|с|з) (?:чистого )?золота|на вес золота|золот[а-яії]*|позолоч|платин[а-яії]*|бриллиант|діамант|"
    r"икр(?:ой|у)|ікр(?:ою|у)|под микроскопом|під мікроскопом|пешком из|пішки з|в сауне|в сауні|"
    r"(?:made of|in) gold|gold-plated|golden",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"[^.!?\n]*\?+")


_CLAUSE_END = re.compile(r"[,;:—–]|\s-\s")


def sarcastic_spans(text: str) -> list[tuple[int, int]]:
    """Where in ``text`` a question's clause carries a figure of speech for «too dear» or «too slow»: only the
    clause, so «кофе по 450 — он с золотой пыльцой?» keeps the coffee whose price is asked."""
    spans = []
    for question in _QUESTION.finditer(text):
        mark = _MARK.search(question.group(0))
        if mark is None:
            continue
        before = [m.end() for m in _CLAUSE_END.finditer(question.group(0), 0, mark.start())]
        spans.append((question.start() + (before[-1] if before else 0), question.end()))
    return spans


def in_spans(spans: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in spans)
