"""Checks the reply data files need beyond their TOML shape: placeholders, regexes, known keys, and the
line of the n-th ``[[table]]`` item, so that every mistake is reported as ``file:line: where: what``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from bot.datafiles import DataFile, DataFileError

_FIELD = re.compile(r"\{([^{}]*)\}")
_HEADER = re.compile(r"^\s*\[")


@lru_cache(maxsize=16)
def _lines(text: str) -> tuple[str, ...]:
    """A file's lines, split once for all the look-ups a check makes."""
    return tuple(text.splitlines())


def forget_lines() -> None:
    """Drop the files' split lines once the files are checked: kept, they held each file's text and
    its lines (about 0.9 MB) for the life of the process."""
    _lines.cache_clear()


def error_at(file: DataFile, line: int, where: str, message: str) -> DataFileError:
    return DataFileError(f"{file.path}:{line}: {where}: {message}")


def item_lines(file: DataFile, table: str, count: int) -> list[int]:
    """The line of the header of each of the ``count`` items of the array of tables ``[[table]]``."""
    header = re.compile(r"^\s*\[\[\s*" + r"\s*\.\s*".join(re.escape(p) for p in table.split(".")) + r"\s*\]\]")
    found = [number for number, line in enumerate(_lines(file.text), start=1) if header.match(line)]
    # A header spelt another way ([[ "need" ]]) is not found: the table's first line is still near.
    return found if len(found) == count else [file.line_of(table)] * count


def line_after(file: DataFile, start: int, needle: str) -> int:
    """The first line from ``start`` on that contains ``needle`` (``start`` when none does)."""
    lines = _lines(file.text)
    for number in range(max(start, 1), len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return start


def key_line(file: DataFile, start: int, key: str) -> int:
    """The line from ``start`` on where ``key = ...`` or a ``[key]`` table is written (``start`` when neither is)."""
    name = re.escape(key)
    pattern = re.compile(r"^\s*(?:" + name + r"\s*=|\[\[?\s*" + name + r"\s*[\].])")
    lines = _lines(file.text)
    # From a table's header, look only inside that table: a key it lacks may be in the next one.
    in_table = 0 < start <= len(lines) and _HEADER.match(lines[start - 1]) is not None
    for number in range(max(start, 1), len(lines) + 1):
        if pattern.match(lines[number - 1]):
            return number
        if in_table and number > start and _HEADER.match(lines[number - 1]):
            break
    return start


def only_keys(
    file: DataFile, where: str, line: int, table: dict[str, Any], allowed: Iterable[str], what: str = "key"
) -> None:
    known = set(allowed)
    for key in table:
        if key not in known:
            shown = f"{where}.{key}" if where else key
            raise error_at(file, key_line(file, line, key), shown, f"unknown {what}; known: {_list(known)}")


def text(file: DataFile, where: str, line: int, table: dict[str, Any], key: str) -> str:
    """The non-empty string ``table[key]``."""
    found = table.get(key)
    if not isinstance(found, str) or not found.strip():
        if found is None:
            shown = "missing"
        elif isinstance(found, str):
            shown = "empty"
        else:
            shown = f"expected a string, found {type(found).__name__}"
        raise error_at(file, key_line(file, line, key), f"{where}.{key}", shown)
    return found


def flag(file: DataFile, where: str, line: int, table: dict[str, Any], key: str, default: bool) -> bool:
    found = table.get(key, default)
    if not isinstance(found, bool):
        raise error_at(file, key_line(file, line, key), f"{where}.{key}", f"expected true or false, found {found!r}")
    return found


def items(file: DataFile, where: str, found: Any) -> list[dict[str, Any]]:
    """The non-empty array of tables ``[[where]]`` whose value is ``found``."""
    if not isinstance(found, list) or not found or not all(isinstance(item, dict) for item in found):
        raise file.fail(where, "expected one or more [[" + where + "]] tables")
    return found


def template(file: DataFile, where: str, line: int, value: str, allowed: Iterable[str]) -> str:
    """``value`` when every ``{placeholder}`` in it is one of ``allowed`` and no brace stands alone."""
    known = set(allowed)
    for field in _FIELD.findall(value):
        if field not in known:
            raise error_at(
                file,
                line_after(file, line, "{" + field + "}"),
                where,
                f"unknown placeholder {{{field}}}; known here: {_list(known) or 'none'}",
            )
    if "{" in _FIELD.sub("", value) or "}" in _FIELD.sub("", value):
        raise error_at(file, line, where, "unmatched { or }")
    return value


def regex(file: DataFile, where: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise error_at(
            file, line_after(file, file.line_of(where), pattern), where, f"bad regular expression {pattern!r}: {error}"
        ) from None


def _list(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))
