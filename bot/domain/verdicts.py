"""Plain data the classifier takes and gives: no aiogram types here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, Protocol


class Label(StrEnum):
    CONSTRUCTIVE = "constructive"
    IMPULSIVE = "impulsive"
    TROLLING = "trolling"
    DIRECTED = "directed"
    NEUTRAL = "neutral"
    POSITIVE = "positive"

    @property
    def negative(self) -> bool:
        # by the plain value: hashing a member runs Enum.__hash__ in Python, a str's hash is kept
        return self._value_ in _NEGATIVE_VALUES


NEGATIVE_LABELS = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING, Label.DIRECTED})
_NEGATIVE_VALUES = frozenset(label.value for label in NEGATIVE_LABELS)


class ReasonCode(StrEnum):
    """Why a verdict is what it is, one code per kind of reason; the words are rendered at the edge
    (alerts, /check, the CLI) in the reader's language from the text catalog's ``reason.<code>``."""

    WAVE = "wave"  # a copy of other accounts' messages; words: (accounts,)
    NEWCOMER = "newcomer"  # the account joined minutes ago; words: (minutes,)
    BURST = "burst"  # many negative messages in the chat; words: (count in 10 min,)
    PROFANITY = "profanity"
    INSULT = "insult"
    PROBLEM = "problem"  # words: (the problem as a phrase,)
    DETAILS = "details"
    EVENTS = "events"  # what happened
    NO_SPECIFICS = "no_specifics"  # emotion without specifics
    SHOUTING = "shouting"  # caps or exclamation marks
    ADMIN_JAB = "admin_jab"
    MOCKERY = "mockery"  # mockery or provocation
    CALL = "call"  # a call to the audience
    SARCASM = "sarcasm"
    NEGATION = "negation"  # praise negated ("не рекомендую")
    NEGATIVE_WORDS = "negative_words"
    POSITIVE_WORDS = "positive_words"
    UNREADABLE = "unreadable"  # the engine could not read the text
    MODEL = "model"  # the learned layer decided other than the rules
    CHAT_LAYER = "chat_layer"  # the chat's own layer, learned from its admins, decided otherwise


class Cue(StrEnum):
    """A cue the rules saw that is no word of the message (a rhetorical question, praise in quotes).

    Kept among the words that triggered a reason (it is a ``str``), and rendered as a phrase of its own
    (``reason.cue.<value>``) rather than quoted as the author's words.
    """

    RUDE_DISMISSAL = "rude_dismissal"
    MOCK_FORMAT = "mock_format"
    MOCKING_QUOTE = "mocking_quote"
    SARCASTIC_QUOTE = "sarcastic_quote"
    PRAISE_AROUND_COMPLAINT = "praise_around_complaint"
    BARBED_PRAISE = "barbed_praise"
    PRAISE_IN_QUOTES = "praise_in_quotes"
    RHETORICAL_QUESTION = "rhetorical_question"
    COMPARISON_QUESTION = "comparison_question"
    CONDITIONAL_ADVICE = "conditional_advice"
    AUDIENCE_MOCKERY = "audience_mockery"
    RECOMMENDS_RIVAL = "recommends_rival"
    THANKS_TO_STAFF = "thanks_to_staff"
    FACTS = "facts"  # a report told by its facts (order number, date, sum)
    NUMBER = "number"  # a long number: an order, a ticket


class Reason(NamedTuple):
    """One reason of a verdict: its code, the author's words that triggered it, and cues that are no
    words of the message (in the order the rules met them).

    A named tuple rather than a frozen dataclass: a verdict makes several, and a tuple is built at a
    fraction of the cost of a frozen dataclass's field-by-field setting.
    """

    code: ReasonCode
    words: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()

    @classmethod
    def of(cls, code: ReasonCode, found: Iterable[str]) -> Reason:
        """A reason from what the rules found, cues told apart from words."""
        found = tuple(found)
        # most reasons have no cue: one look at the types, instead of two passes with isinstance
        if all(type(word) is str for word in found):
            return cls(code, found)
        return cls(
            code,
            tuple(w for w in found if not isinstance(w, Cue)),
            tuple(w for w in found if isinstance(w, Cue)),
        )


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
    reasons: tuple[Reason, ...] = ()
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

    def knows(self, chat_id: int) -> bool: ...

    def recall(self, messages: Sequence[tuple[MessageIn, str | None]]) -> None: ...
