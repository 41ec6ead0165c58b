"""/export: the chat's cases as CSV (UTF-8 with BOM, so spreadsheet apps read Cyrillic)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, tzinfo

from bot.domain.learning import Example
from bot.domain.links import comment_url
from bot.domain.models import Case, Chat

COLUMNS = (
    "id",
    "created",
    "label",
    "status",
    "confidence",
    "author",
    "author_username",
    "text",
    "suggested_reply",
    "taken_by",
    "first_action",
    "closed",
    "resolution",
    "link",
)

# A cell starting with one of these runs as a formula in spreadsheet apps.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _when(epoch: int | None, tz: tzinfo) -> str:
    return datetime.fromtimestamp(epoch, tz).strftime("%Y-%m-%d %H:%M") if epoch is not None else ""


def cases_csv(chat: Chat, cases: list[Case], tz: tzinfo) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for case in cases:
        writer.writerow(
            [
                _cell(value)
                for value in (
                    case.id,
                    _when(case.created_at, tz),
                    case.label.value,
                    case.status.value,
                    f"{case.confidence:.2f}",
                    case.author.name,
                    case.author.username,
                    case.text,
                    case.reply_text,
                    case.taken_by_name,
                    _when(case.first_action_at, tz),
                    _when(case.closed_at, tz),
                    case.resolution,
                    comment_url(chat, case),
                )
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


EXAMPLE_COLUMNS = ("id", "created", "case_id", "source", "label", "bot_label", "state", "admin_id", "text")


def examples_csv(examples: list[Example], tz: tzinfo) -> bytes:
    """The admins' decisions the chat's layer learns from (the text is empty past retention)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXAMPLE_COLUMNS)
    for e in examples:
        writer.writerow(
            [
                e.id,
                _when(e.created_at, tz),
                e.case_id or "",
                e.source.value,
                e.label.value,
                e.bot_label.value,
                e.state.value,
                e.actor_id,
                _cell(e.text),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
