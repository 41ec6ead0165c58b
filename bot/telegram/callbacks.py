"""What every inline button carries: one aiogram ``CallbackData`` per kind of button, ids only.

- ``case:<action>:<case_id>[:<arg>]``: alert buttons (the fixed interface; ``arg`` is a label);
- ``settings:<chat_id>:<op>[:<value>]``: the /settings panel;
- ``pick:<command>:<chat_id>[:<period>]``: the chat picker of the private commands;
- ``cases:<chat_id>:<page>``: the pages of /cases;
- ``templates:<op>:<chat_id>[:<label>]``: /templates;
- ``inc:<action>:<incident_id>``: incident cards and the drafts they offer.

Every field's type bounds it so that any button packs into Telegram's 64 bytes. A press is read
only in the exact form the bot writes (``ButtonData.unpack``): a forged or damaged button (an
unknown action, ``１``, ``+5``, ``05``, a 54-digit id) fails the handler's filter and never reaches
the database.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from aiogram.filters.callback_data import MAX_CALLBACK_LENGTH, CallbackData
from pydantic import Field, field_validator

from bot.domain.verdicts import Label
from bot.services.report import PERIODS

# Ids as the database stores them (BIGINT).
ChatId = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
CaseId = Annotated[int, Field(gt=0, le=2**63 - 1)]
# A button's argument: a label, a setting's value (a number, a time zone, "off").
Word = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_/+-]+$")]


class ButtonData(CallbackData, prefix="button"):
    """``CallbackData`` that leaves unset trailing fields out and reads only what it writes.

    aiogram packs ``None`` as an empty part (``case:send:5:``) and unpacks only as many parts as
    the class has fields, so ``case:send:5``, the alert buttons' documented form, would not parse.
    Here trailing ``None`` fields are left out when packing and read back as ``None``. And since
    pydantic reads ``+5``, `` 5``, ``05`` or ``5_0`` as 5, data is accepted only when it packs
    back to itself: one spelling per button.
    """

    def pack(self) -> str:
        values = [(name, getattr(self, name)) for name in type(self).model_fields]
        while values and values[-1][1] is None:
            values.pop()
        parts = [self.__prefix__]
        for name, value in values:
            encoded = self._encode_value(name, value)
            if self.__separator__ in encoded:
                raise ValueError(f"separator {self.__separator__!r} in {name}={encoded!r}")
            parts.append(encoded)
        data = self.__separator__.join(parts)
        if len(data.encode()) > MAX_CALLBACK_LENGTH:
            raise ValueError(f"callback data longer than {MAX_CALLBACK_LENGTH} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, value: str) -> Self:
        fields = list(cls.model_fields.values())
        optional_tail = 0
        for field in reversed(fields):
            if field.is_required():
                break
            optional_tail += 1
        missing = len(fields) - value.count(cls.__separator__)
        parsed = super().unpack(value + cls.__separator__ * missing if 0 < missing <= optional_tail else value)
        if parsed.pack() != value:
            raise ValueError(f"not in the form {cls.__name__} writes: {value!r}")
        return parsed


# Alert buttons -------------------------------------------------------------------------------


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


class CaseAction(ButtonData, prefix="case"):
    action: Action
    case_id: CaseId
    arg: Word | None = None

    @classmethod
    def data(cls, action: Action, case_id: int, arg: str | None = None) -> str:
        """``CaseAction(action=..., case_id=..., arg=...).pack()`` without building the model for the
        common case: a card carries about eight buttons and is drawn at every change, and pydantic's
        validation tripled the cost of each. Anything unusual goes through the model."""
        if 0 < case_id <= _MAX_ID and (arg is None or arg in _LABELS):
            return f"case:{action.value}:{case_id}:{arg}" if arg else f"case:{action.value}:{case_id}"
        return cls(action=action, case_id=case_id, arg=arg).pack()


_MAX_ID = 2**63 - 1
_LABELS = frozenset(label.value for label in Label)


# The /settings panel -------------------------------------------------------------------------


class SettingsOp(StrEnum):
    HOME = "home"  # back to the panel
    MENU = "menu"  # open one setting's choices; value: which (bot/telegram/panel.py MENUS)
    AUTO_SCHEDULE = "auto_schedule"
    DIGEST = "digest"
    RETENTION = "retention"
    LANGUAGE = "language"
    DELAY = "delay"
    ALERT_LABEL = "alert_label"  # one label on or off
    QUIET = "quiet"
    TIMEZONE = "timezone"
    REMINDER = "reminder"
    ALERTS_TO = "alerts_to"
    ALERT_GROUP = "alert_group"
    LEARNING = "learning"  # the chat's own layer on or paused
    FORGET = "forget"  # value "yes": drop what the chat's layer learned


class SettingsPress(ButtonData, prefix="settings"):
    chat_id: ChatId
    op: SettingsOp
    value: Word | None = None


# The chat picker of the private commands -----------------------------------------------------


class PickCommand(StrEnum):
    STATS = "stats"
    CASES = "cases"
    PENDING = "pending"
    SETTINGS = "settings"
    EXPORT = "export"
    MUTE = "mute"
    UNMUTE = "unmute"
    MISSED = "missed"  # the text and kind wait in the conversation's data


class ChatPick(ButtonData, prefix="pick"):
    command: PickCommand
    chat_id: ChatId
    period: str | None = None  # /stats only

    @field_validator("period")
    @classmethod
    def _known_period(cls, period: str | None) -> str | None:
        if period is not None and period not in PERIODS:
            raise ValueError(f"unknown period {period!r}")
        return period


class CasesPage(ButtonData, prefix="cases"):
    """One page of /cases (0: the newest open cases)."""

    chat_id: ChatId
    page: Annotated[int, Field(ge=0, le=10**9)]


# /templates ----------------------------------------------------------------------------------


class TemplateOp(StrEnum):
    MENU = "menu"
    SHOW = "show"
    EDIT = "edit"
    RESET = "reset"
    KEEP = "keep"


class TemplatePress(ButtonData, prefix="templates"):
    op: TemplateOp
    chat_id: ChatId
    label: Label | None = None

    @field_validator("label")
    @classmethod
    def _negative(cls, label: Label | None) -> Label | None:
        if label is not None and not label.negative:
            raise ValueError(f"{label.value} has no reply variants")
        return label


# Incident cards -------------------------------------------------------------------------------


class IncidentOp(StrEnum):
    STATEMENT = "statement"  # draft the public statement
    EDIT = "edit"  # type the statement's text
    PUBLISH = "publish"  # post the statement in the chat
    CHANNEL = "channel"  # post the statement in the chat's linked channel
    POSTED = "posted"  # the statement the bot never heard back about is in the chat: record it
    CHANNEL_POSTED = "cposted"  # the same, in the linked channel
    ANSWER = "answer"  # one short reply to each member, pointing to the statement
    RESOLVE = "resolve"  # draft the result
    RESULT_EDIT = "redit"  # type the result's text
    DONE = "done"  # post the result as a reply to the statement, notify members
    RESULT_POSTED = "rposted"  # the result the bot never heard back about is out: record it
    CLOSE = "close"  # resolved without posting anything
    SPLIT = "split"  # not an incident: its comments become cases again


class IncidentPress(ButtonData, prefix="inc"):
    op: IncidentOp
    incident_id: CaseId
