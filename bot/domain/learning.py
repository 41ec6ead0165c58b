"""What a chat learns from its admins: their decisions as examples, and the stored layer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.verdicts import Label


class Source(StrEnum):
    CONFIRM = "confirm"  # the reply was sent or scheduled: the label stands
    RELABEL = "relabel"  # the admin gave another label (neutral or positive: a false alarm)
    MISSED = "missed"  # a comment the bot did not alert on, marked negative (/missed)


class ExampleState(StrEnum):
    ACTIVE = "active"  # learned from
    SUPERSEDED = "superseded"  # the same admin decided again on the same comment
    DISPUTED = "disputed"  # two admins disagreed on the comment: neither is learned


@dataclass(frozen=True, slots=True)
class NewExample:
    chat_id: int
    case_id: int | None
    actor_id: int
    source: Source
    label: Label
    bot_label: Label
    bot_confidence: float
    features: tuple[int, ...]
    text: str | None


@dataclass(frozen=True, slots=True)
class Example:
    id: int
    chat_id: int
    case_id: int | None
    actor_id: int
    source: Source
    label: Label
    bot_label: Label
    bot_confidence: float
    features: tuple[int, ...]
    text: str | None
    state: ExampleState
    created_at: int


@dataclass(frozen=True, slots=True)
class StoredLayer:
    chat_id: int
    version: int
    examples: int
    layer: str  # the layer's JSON (bot.classifier.chatlayer.ChatLayer.dumps)
    active_since: int | None
    updated_at: int
