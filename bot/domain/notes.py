"""A case's latest event (who took it, a reply sent, the author calmed down) as a text key and its
values. Stored as data and rendered in the chat's language when a card is drawn, so a chat that
switches to English sees its cards' notes in English too."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.domain.verdicts import Label

Value = str | Label


@dataclass(frozen=True, slots=True)
class Note:
    key: str  # a text catalog key such as "note.taken"
    values: tuple[tuple[str, Value], ...] = ()

    @classmethod
    def of(cls, key: str, **values: Value) -> Note:
        return cls(key, tuple(values.items()))

    def encode(self) -> str:
        values = {name: {"label": v.value} if isinstance(v, Label) else v for name, v in self.values}
        return json.dumps({"key": self.key, "values": values}, ensure_ascii=False)


def decode_note(stored: str | None) -> Note | str | None:
    """A stored note as a Note; a note written as prose by an older version comes back as its text."""
    if not stored or not stored.startswith("{"):
        return stored or None
    try:
        data = json.loads(stored)
        values = tuple(
            (name, Label(v["label"]) if isinstance(v, dict) else str(v)) for name, v in data["values"].items()
        )
        return Note(str(data["key"]), values)
    except (ValueError, KeyError, TypeError, AttributeError):
        return stored
