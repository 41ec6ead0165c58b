"""Plain data the classifier takes and gives: no aiogram types here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Label(StrEnum):
    CONSTRUCTIVE = "constructive"
    IMPULSIVE = "impulsive"
    TROLLING = "trolling"
    DIRECTED = "directed"
    NEUTRAL = "neutral"
    POSITIVE = "positive"

    @property
    def negative(self) -> bool:
        return self in NEGATIVE_LABELS


NEGATIVE_LABELS = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED})


@dataclass(frozen=True, slots=True)
class MessageIn:
    """One comment as the classifier sees it.

    Only ``text`` is required; the ids and the date let the per-chat context
    (waves, newcomers, bursts) work. ``date`` is UTC epoch seconds.
    """

    text: str
    chat_id: int = 0
    user_id: int = 0
    date: int = 0
    message_id: int = 0
    edited: bool = False


@dataclass(frozen=True, slots=True)
class Verdict:
    label: Label
    toxic: bool
    confidence: float
    reasons: tuple[str, ...] = ()
    # The problem the author names, as a short phrase for drafting replies ("доставка заказа").
    problem: str | None = None
    # Set when the message belongs to a coordinated wave: the same id for every message of the wave.
    wave_id: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def negative(self) -> bool:
        return self.label.negative


class Classifier(Protocol):
    """What the bot needs from any engine: a verdict per message, plus join events for context."""

    def classify(self, message: MessageIn) -> Verdict: ...

    def note_join(self, chat_id: int, user_id: int, date: int) -> None: ...
