"""Button data: ``case:<action>:<case_id>[:<arg>]``, at most 64 bytes, ids only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PREFIX = "case"


class Action(StrEnum):
    SEND = "send"
    LATER = "later"
    CANCEL = "cancel"
    EDIT = "edit"
    IGNORE = "ignore"
    RESOLVE = "resolve"
    LABEL = "label"
    # Beyond the fixed interface: menus and recovery.
    RELABEL = "relabel"
    BACK = "back"
    CONFIRM = "confirm"
    RESEND = "resend"
    REOPEN = "reopen"
    TAKE = "take"
    PUBLISH = "publish"  # post the follow-up after a resolved constructive case
    SKIP = "skip"  # don't post a follow-up
    KEEP = "keep"  # keep a text the draft lint flagged


@dataclass(frozen=True, slots=True)
class CaseCallback:
    action: Action
    case_id: int
    arg: str | None = None

    def pack(self) -> str:
        data = f"{PREFIX}:{self.action.value}:{self.case_id}"
        if self.arg:
            data += f":{self.arg}"
        if len(data.encode()) > 64:
            raise ValueError("callback data longer than 64 bytes")
        return data

    @classmethod
    def parse(cls, data: str | None) -> CaseCallback | None:
        if not data:
            return None
        parts = data.split(":")
        if len(parts) not in (3, 4) or parts[0] != PREFIX:
            return None
        try:
            action = Action(parts[1])
            case_id = int(parts[2])
        except ValueError:
            return None
        if case_id <= 0:
            return None
        return cls(action, case_id, parts[3] if len(parts) == 4 and parts[3] else None)
