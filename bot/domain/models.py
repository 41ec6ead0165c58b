"""Rows as frozen dataclasses: what the rest of the bot sees of the database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from bot.domain.verdicts import Cue, Label, Reason, ReasonCode

# A verdict's reason as stored: a Reason (codes and words), or the Russian prose older versions wrote.
StoredReason = Reason | str


def encode_reasons(reasons: tuple[StoredReason, ...]) -> str:
    """The reasons as compact JSON for ``cases.reasons``: ``{"code": ..., "words": [...], "cues": [...]}``
    per reason (empty lists left out); a legacy phrase stays a string."""
    items: list[object] = []
    for reason in reasons:
        if isinstance(reason, str):
            items.append(reason)
            continue
        item: dict[str, object] = {"code": reason.code.value}
        if reason.words:
            item["words"] = list(reason.words)
        if reason.cues:
            item["cues"] = [cue.value for cue in reason.cues]
        items.append(item)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=256)
def decode_reasons(stored: str) -> tuple[StoredReason, ...]:
    """What encode_reasons wrote, and the JSON list of phrases older versions wrote, as they are.

    Kept per stored text (the result is immutable): a case's row is read several times while it is
    handled and alerted. The reasons quote the comment's words, so they seldom repeat across cases:
    4,096 kept took about 6 MB after 100,000 messages (157.3 MB against 151.3 with 256)."""
    out: list[StoredReason] = []
    for item in json.loads(stored):
        if isinstance(item, str):
            out.append(item)
            continue
        code, words = item.get("code"), [str(word) for word in item.get("words", ())]
        cues = [str(cue) for cue in item.get("cues", ())]
        if code not in ReasonCode.__members__.values():
            # a code this version does not know: shown as the code and the words
            out.append(f"{code}: {', '.join(words + cues)}" if words or cues else str(code))
            continue
        known = [Cue(cue) for cue in cues if cue in Cue.__members__.values()]
        strange = [cue for cue in cues if cue not in Cue.__members__.values()]
        out.append(Reason(ReasonCode(code), tuple(words + strange), tuple(known)))
    return tuple(out)


class CaseStatus(StrEnum):
    NEW = "new"
    SCHEDULED = "scheduled"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    IGNORED = "ignored"

    @property
    def closed(self) -> bool:
        return self in (CaseStatus.RESOLVED, CaseStatus.IGNORED)


class ReplyKind(StrEnum):
    REPLY = "reply"  # the answer to the comment
    FOLLOW_UP = "followup"  # the public "we fixed it" after a constructive case is resolved


class ReplyStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    UNCERTAIN = "uncertain"
    CANCELLED = "cancelled"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Chat:
    id: int
    title: str
    type: str
    username: str | None
    linked_chat_id: int | None
    is_forum: bool
    active: bool
    bot_is_admin: bool
    admins_loaded_at: int | None


@dataclass(frozen=True, slots=True)
class ChatAdmin:
    chat_id: int
    user_id: int
    name: str
    username: str | None
    is_anonymous: bool


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    username: str | None
    language_code: str | None
    reachable: bool
    unreachable_reason: str | None


ALL_NEGATIVE = ("constructive", "impulsive", "trolling", "directed")


@dataclass(frozen=True, slots=True)
class ChatSettings:
    chat_id: int
    reply_delay: int | None = None
    auto_schedule: bool = True
    language: str = "ru"
    alert_labels: tuple[str, ...] = ALL_NEGATIVE
    quiet_start: int | None = None  # minutes after local midnight
    quiet_end: int | None = None
    timezone: str = "UTC"
    reminder_hours: int = 4
    alerts_to: str = "admins"  # admins | group | both
    alert_chat_id: int | None = None
    digest: bool = False
    retention_days: int = 30
    digest_day: int | None = None
    learning: bool = True  # the chat's own layer learns and decides (bot/services/learning.py)

    @classmethod
    def from_row(cls, row: Any) -> ChatSettings:
        labels = tuple(x for x in str(row["alert_labels"]).split(",") if x)
        return cls(
            chat_id=row["chat_id"],
            reply_delay=row["reply_delay"],
            auto_schedule=bool(row["auto_schedule"]),
            language=row["language"],
            alert_labels=labels,
            quiet_start=row["quiet_start"],
            quiet_end=row["quiet_end"],
            timezone=row["timezone"],
            reminder_hours=row["reminder_hours"],
            alerts_to=row["alerts_to"],
            alert_chat_id=row["alert_chat_id"],
            digest=bool(row["digest"]),
            retention_days=row["retention_days"],
            digest_day=row["digest_day"],
            learning=bool(row["learning"]),
        )


@dataclass(frozen=True, slots=True)
class Author:
    id: int
    name: str
    username: str | None
    is_chat: bool


@dataclass(frozen=True, slots=True)
class NewCase:
    chat_id: int
    message_id: int
    thread_id: int | None
    is_topic: bool
    author: Author
    text: str
    label: Label
    toxic: bool
    confidence: float
    reasons: tuple[StoredReason, ...]
    problem: str | None
    wave_id: str | None
    reply_text: str | None


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    chat_id: int
    message_id: int
    thread_id: int | None
    is_topic: bool
    author: Author
    text: str
    label: Label
    toxic: bool
    confidence: float
    reasons: tuple[StoredReason, ...]
    problem: str | None
    wave_id: str | None
    reply_text: str | None
    status: CaseStatus
    note: str | None
    created_at: int
    updated_at: int
    taken_by: int | None = None
    taken_by_name: str | None = None
    first_action_at: int | None = None
    closed_at: int | None = None
    reminded_at: int | None = None
    resolution: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> Case:
        return cls(
            id=row["id"],
            chat_id=row["chat_id"],
            message_id=row["message_id"],
            thread_id=row["thread_id"],
            is_topic=bool(row["is_topic"]),
            author=Author(
                id=row["author_id"],
                name=row["author_name"],
                username=row["author_username"],
                is_chat=bool(row["author_is_chat"]),
            ),
            text=row["text"],
            label=Label(row["label"]),
            toxic=bool(row["toxic"]),
            confidence=row["confidence"],
            reasons=decode_reasons(row["reasons"]),
            problem=row["problem"],
            wave_id=row["wave_id"],
            reply_text=row["reply_text"],
            status=CaseStatus(row["status"]),
            note=row["note"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            taken_by=row["taken_by"],
            taken_by_name=row["taken_by_name"],
            first_action_at=row["first_action_at"],
            closed_at=row["closed_at"],
            reminded_at=row["reminded_at"],
            resolution=row["resolution"],
        )


@dataclass(frozen=True, slots=True)
class Alert:
    case_id: int
    chat_id: int
    message_id: int


@dataclass(frozen=True, slots=True)
class Reply:
    id: int
    case_id: int
    chat_id: int
    reply_to: int
    thread_id: int | None
    text: str
    due_at: int
    status: ReplyStatus
    attempts: int
    sent_message_id: int | None
    error: str | None
    kind: ReplyKind = ReplyKind.REPLY
    created_at: int = 0
    # The admin who scheduled it; None for the bot's own (an impulsive comment's delayed reply).
    created_by: int | None = None

    @classmethod
    def from_row(cls, row: Any) -> Reply:
        return cls(
            id=row["id"],
            case_id=row["case_id"],
            chat_id=row["chat_id"],
            reply_to=row["reply_to"],
            thread_id=row["thread_id"],
            text=row["text"],
            due_at=row["due_at"],
            status=ReplyStatus(row["status"]),
            attempts=row["attempts"],
            sent_message_id=row["sent_message_id"],
            error=row["error"],
            kind=ReplyKind(row["kind"]),
            created_at=row["created_at"],
            created_by=row["created_by"],
        )


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """One case as statistics see it: the label the bot gave and the label it has now."""

    id: int
    created_at: int
    label: str
    original_label: str
    status: str
    first_action_at: int | None
    closed_at: int | None
