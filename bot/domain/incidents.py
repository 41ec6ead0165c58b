"""Incidents: many genuine complaints about one thing at once in one chat (an outage, a bad batch).

Plain data: ``bot.services.incidents`` finds them, ``storage/incidents.py`` keeps them, the Telegram
edge draws one card per incident for each admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.models import Case

# The message id kept for a post an admin said is out though the bot never learned its message (the
# answer was lost): Telegram's message ids start at 1, so this one never names a real message.
UNSEEN_POST = 0


class IncidentStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"  # an admin said it is not an incident: its cases are cases again


class AnswerKind(StrEnum):
    STATEMENT = "statement"  # a member's reply pointing to the statement
    RESULT = "result"  # a member told the problem is fixed


@dataclass(frozen=True, slots=True)
class Incident:
    id: int
    chat_id: int
    key: str
    title: str
    status: IncidentStatus
    started_at: int
    last_at: int
    statement_text: str | None = None
    statement_message_id: int | None = None
    statement_at: int | None = None
    result_text: str | None = None
    result_message_id: int | None = None
    resolved_at: int | None = None
    # The chat's linked channel when the statement was posted there; None: in the chat itself.
    statement_chat_id: int | None = None

    @property
    def published(self) -> bool:
        return self.statement_message_id is not None

    @property
    def statement_seen(self) -> bool:
        """Published at a message the bot knows (it can link to it and reply to it)."""
        return bool(self.statement_message_id)

    @property
    def posted_in(self) -> int:
        """Where the statement is (or goes): the channel it was posted in, or the chat."""
        return self.statement_chat_id or self.chat_id


@dataclass(frozen=True, slots=True)
class Candidate:
    """A negative comment as the surge detector sees it: who, when, about what."""

    case_id: int
    author_id: int
    terms: frozenset[str]
    created_at: int


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    """What an incident's card shows, read from its members."""

    count: int
    authors: int
    labels: tuple[tuple[str, int], ...]  # label -> members, most first
    first: Case | None
    latest: Case | None
    repeat_authors: tuple[str, ...]  # names of authors with two or more members
