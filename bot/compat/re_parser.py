"""The parser behind ``re.compile`` (checked: CPython 3.11.7; the modules are ``re._parser`` and
``re._constants`` since 3.11).

The classifier's prefilter (bot/classifier/prefilter.py) reads a pattern's parse tree to find the word
pieces any match must contain, so that most patterns are skipped for a text without them. The parser
is private: where it is missing, ``parser`` is None and the prefilter runs every pattern.
"""

from __future__ import annotations

from typing import Any

try:
    from re import _constants as constants  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no prefilter
    parser: Any = None  # type: ignore[no-redef]
    constants: Any = None  # type: ignore[no-redef]


__all__ = ["constants", "parser", "probe"]


def probe() -> None:
    assert parser is not None and constants is not None, "re._parser is gone: the prefilter runs every pattern"
    tree = parser.parse(r"\bдура[кч]\w*")
    ops = [op for op, _ in tree]
    assert ops[0] is constants.AT and constants.LITERAL in ops and constants.IN in ops
    assert ord("д") in [av for op, av in tree if op is constants.LITERAL]
