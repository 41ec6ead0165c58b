"""Package data files (TOML): read once at start and checked, with errors naming the file and the line.

Word lists, reply playbooks and text catalogs live in TOML beside the code that reads them, so that a
community manager can edit them without touching Python. A mistake in one must stop the bot with one
line a person can act on (``bot/classifier/data/toxic.toml:12: roots: expected a list of strings``),
never with a traceback from deep inside the classifier.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

T = TypeVar("T")

_TOML_LINE = re.compile(r"at line (\d+)")


class DataFileError(Exception):
    """A package data file the bot cannot use; ``str()`` is one line naming the file and the line."""


@dataclass(frozen=True)
class DataFile:
    path: str  # as shown in errors: the file's path inside the project, e.g. bot/replies/data/playbooks.toml
    text: str
    data: dict[str, Any]

    def line_of(self, where: str) -> int:
        """The line that defines the dotted key ``where`` (1 when it cannot be found)."""
        parts = where.split(".")
        lines = self.text.splitlines()
        start = 0
        # A table header for the longest prefix of the path narrows the search to that table.
        for cut in range(len(parts) - 1, 0, -1):
            header = re.compile(r"^\s*\[\[?\s*" + r"\s*\.\s*".join(_key(p) for p in parts[:cut]) + r"\s*\]\]?\s*$")
            found = next((n for n, line in enumerate(lines) if header.match(line)), None)
            if found is not None:
                start = found
                break
        last = _key(parts[-1])
        key = re.compile(r"^\s*(?:[\w\"'.-]+\s*\.\s*)*" + last + r"\s*=")
        table = re.compile(r"^\s*\[\[?[^\]]*\b" + last + r"\s*\]\]?\s*$")
        for n in range(start, len(lines)):
            if key.match(lines[n]) or table.match(lines[n]):
                return n + 1
        return start + 1

    def fail(self, where: str, message: str) -> DataFileError:
        return DataFileError(f"{self.path}:{self.line_of(where)}: {where}: {message}")

    def get(self, where: str) -> Any:
        node: Any = self.data
        for part in where.split("."):
            if not isinstance(node, dict) or part not in node:
                raise DataFileError(f"{self.path}: {where}: missing")
            node = node[part]
        return node

    def value(self, where: str, kind: type[T]) -> T:
        """The value at ``where``, which must be a ``kind``."""
        found = self.get(where)
        if not isinstance(found, kind) or (kind is int and isinstance(found, bool)):
            raise self.fail(where, f"expected {kind.__name__}, found {type(found).__name__}")
        return found

    def strings(self, where: str) -> tuple[str, ...]:
        """The list of non-empty strings at ``where``."""
        found = self.get(where)
        if not isinstance(found, list) or not all(isinstance(item, str) and item for item in found):
            raise self.fail(where, "expected a list of non-empty strings")
        return tuple(found)

    def table(self, where: str) -> dict[str, Any]:
        """The table at ``where`` (the whole file for ``""``)."""
        found = self.data if not where else self.get(where)
        if not isinstance(found, dict):
            raise self.fail(where, f"expected a table, found {type(found).__name__}")
        return found


def _key(part: str) -> str:
    return r"[\"']?" + re.escape(part) + r"[\"']?"


def parse(path: str, text: str) -> DataFile:
    """A data file from its text; ``path`` is only used in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        # tomllib reports "at end of document" with no line for an unclosed value.
        line = found.group(1) if found else str(max(1, len(text.splitlines())))
        raise DataFileError(f"{path}:{line}: not valid TOML: {error}") from None
    return DataFile(path, text, data)


def load(package: str, name: str) -> DataFile:
    """``name`` from the package data of ``package`` (e.g. ``load("bot.replies.data", "playbooks.toml")``)."""
    shown = package.replace(".", "/") + "/" + name
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{shown}: cannot be read: {error}") from None
    return parse(shown, text)
