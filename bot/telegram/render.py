"""What an alert says and which buttons it has, derived from the case's stored state."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.links import comment_url
from bot.domain.models import Author, Case, CaseStatus, Chat, Reply, ReplyStatus
from bot.domain.notes import Note, decode_note
from bot.domain.timing import zone
from bot.domain.verdicts import Label
from bot.i18n import DEFAULT_LANGUAGE, count, label_name, span, t, t_gender
from bot.replies import is_remedy_slot, playbook_parts, unfilled
from bot.replies.grammar import format_delay, name_gender
from bot.telegram.callbacks import Action, CaseAction
from bot.telegram.reasons import reasons_html

QUOTE_LIMIT = 1200
# The chat's zone when none was set: times are then said to be in UTC, plainly.
NO_ZONE = frozenset({"UTC", "Etc/UTC", "GMT", ""})
REPLY_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class WaveSummary:
    messages: int
    accounts: tuple[str, ...]
    first_at: int = 0
    last_at: int = 0


@dataclass(frozen=True, slots=True)
class AlertView:
    case: Case
    chat: Chat
    reply: Reply | None
    lang: str
    wave: WaveSummary | None = None
    # (name, why) of admins who cannot get alerts; why is 'never_started' or 'blocked'.
    unreachable: tuple[tuple[str, str], ...] = ()
    edited: bool = False
    follow_up: Reply | None = None
    troll_answered: bool = False
    # The chat's time zone: every time on the card is local to the chat.
    timezone: str = "UTC"
    # Whether this card repeats who gets no alerts: only the first card after the list changes, and
    # once a day (the list still decides who else gets the alert).
    show_unreachable: bool = True


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hhmm(ts: int, timezone: str = "UTC", lang: str = DEFAULT_LANGUAGE) -> str:
    """ "14:05 MSK": the chat's local time, with the zone's abbreviation so that nobody has to guess;
    "03:13 по UTC" where the chat has no zone set (/settings sets it)."""
    local = datetime.fromtimestamp(ts, zone(timezone))
    if timezone in NO_ZONE:
        return t(lang, "alert.utc_time", time=f"{local:%H:%M}")
    name = local.strftime("%Z")
    return f"{local:%H:%M} {name}" if name and not name.startswith(("+", "-")) else f"{local:%H:%M} UTC{name}"


def person_gender(name: str | None) -> str | None:
    """ "masc" or "femn" when the first name tells it, else None (the catalog's form for anyone)."""
    return name_gender(name) if name else None


def _status_line(view: AlertView, now: float) -> str:
    lang, case, reply = view.lang, view.case, view.reply
    if case.status is CaseStatus.RESOLVED:
        return t(lang, "status.resolved")
    if case.status is CaseStatus.IGNORED:
        return t(lang, "status.ignored")
    if reply is not None:
        if reply.status is ReplyStatus.PENDING:
            when = format_delay(max(0, int(reply.due_at - now)), lang)
            return t(lang, "status.pending", when=when, at=_hhmm(reply.due_at, view.timezone, lang))
        if reply.status in (ReplyStatus.SENT, ReplyStatus.SENDING):
            return t(lang, "status.sent")
        if reply.status is ReplyStatus.UNCERTAIN:
            return t(lang, "status.uncertain")
        if reply.status is ReplyStatus.FAILED:
            return t(lang, "status.failed", error=escape(reply.error or "?"))
    return t(lang, "status.new")


def _follow_up_line(view: AlertView) -> str | None:
    follow_up, lang = view.follow_up, view.lang
    if follow_up is None or follow_up.status is ReplyStatus.CANCELLED:
        return None
    if follow_up.status in (ReplyStatus.SENT, ReplyStatus.UNCERTAIN):
        status = t(lang, "followup.sent")
    elif follow_up.status is ReplyStatus.FAILED:
        status = t(lang, "followup.failed", error=escape(follow_up.error or "?"))
    else:
        status = t(lang, "followup.pending")
    return t(lang, "alert.followup", status=status)


def _is_wave(view: AlertView) -> bool:
    return view.wave is not None and view.wave.messages > 1


def render_text(view: AlertView, now: float | None = None) -> str:
    case, lang = view.case, view.lang
    now = time.time() if now is None else now
    if _is_wave(view):
        # A wave's card speaks for the wave: its own title, who wrote first, why it is a wave.
        lines = [
            t(lang, "alert.wave_title", chat=escape(view.chat.title)),
            t(lang, "alert.wave_first", author=author_html(case.author, lang)),
        ]
    else:
        lines = [
            t(lang, "alert.title", chat=escape(view.chat.title)),
            t(lang, "alert.author", author=author_html(case.author, lang)),
        ]
    url = comment_url(view.chat, case)
    if url:
        lines.append(t(lang, "alert.link", url=escape(url)))
    if view.edited:
        lines.append(t(lang, "alert.edited"))
    lines.append(f"<blockquote>{escape(_clip(case.text, QUOTE_LIMIT))}</blockquote>")
    label_line = t(lang, "alert.label", label=label_name(lang, case.label), confidence=round(case.confidence * 100))
    if case.toxic:
        label_line += t(lang, "alert.toxic")
    lines.append(label_line)
    wave = view.wave if _is_wave(view) else None
    if wave is not None:
        lines.append(
            t(
                lang,
                "alert.wave_why",
                messages=count(lang, wave.messages, "message"),
                accounts=count(lang, len(wave.accounts), "account", "gent"),
                span=span(wave.last_at - wave.first_at, lang),
            )
        )
        names = ", ".join(escape(name) for name in wave.accounts[:10])
        lines.append(
            t(
                lang,
                "alert.wave",
                messages=count(lang, wave.messages, "message"),
                accounts=count(lang, len(wave.accounts), "account", "gent"),
                names=names,
            )
        )
        if wave.first_at:
            first, last = _hhmm(wave.first_at, view.timezone, lang), _hhmm(wave.last_at, view.timezone, lang)
            lines.append(t(lang, "alert.wave_time", first=first, last=last))
    elif case.reasons:
        lines.append(t(lang, "alert.reasons", reasons=reasons_html(lang, case.reasons)))
    kind, advice = playbook_parts(case.label, lang)
    lines.append(t(lang, "alert.playbook", kind=escape(kind), playbook=escape(advice)))
    if view.troll_answered:
        lines.append(t(lang, "alert.troll_answered"))
    lines.append("")
    shown_reply = view.reply.text if view.reply and view.reply.status is not ReplyStatus.CANCELLED else None
    reply_text = shown_reply or case.reply_text
    if reply_text:
        lines.append(t(lang, "alert.reply"))
        lines.append(f"<blockquote>{escape(_clip(reply_text, REPLY_LIMIT))}</blockquote>")
        if slots := unfilled(reply_text):
            key = "alert.unfilled_remedy" if is_remedy_slot(slots[0]) else "alert.unfilled"
            lines.append(t(lang, key, placeholder=escape(slots[0])))
    else:
        lines.append(t(lang, "alert.no_reply"))
    lines.append(_status_line(view, now))
    follow_up = _follow_up_line(view)
    if follow_up:
        lines.append(follow_up)
    if case.taken_by_name:
        lines.append(t(lang, "alert.taken", who=escape(case.taken_by_name)))
    if case.note:
        lines.append(t(lang, "alert.last", note=note_text(lang, case.note)))
    if view.unreachable and view.show_unreachable:
        names = ", ".join(
            t(lang, "alert.unreachable_why", name=escape(name), why=t_gender(lang, f"why.{why}", person_gender(name)))
            for name, why in view.unreachable
        )
        lines.append(t(lang, "alert.unreachable", names=names))
    return "\n".join(lines)


def button(lang: str, key: str, action: Action, case_id: int, arg: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t(lang, key), callback_data=CaseAction.data(action, case_id, arg))


def render_keyboard(view: AlertView) -> InlineKeyboardMarkup:
    case, lang, reply = view.case, view.lang, view.reply
    cid = case.id
    rows: list[list[InlineKeyboardButton]] = []
    if case.status.closed:
        rows.append([button(lang, "btn.reopen", Action.REOPEN, cid), button(lang, "btn.relabel", Action.RELABEL, cid)])
        return InlineKeyboardMarkup(inline_keyboard=rows)
    status = reply.status if reply else None
    if status is ReplyStatus.UNCERTAIN:
        rows.append([button(lang, "btn.confirm", Action.CONFIRM, cid), button(lang, "btn.resend", Action.RESEND, cid)])
    elif status is ReplyStatus.PENDING:
        rows.append([button(lang, "btn.send", Action.SEND, cid), button(lang, "btn.cancel", Action.CANCEL, cid)])
        rows.append([button(lang, "btn.edit", Action.EDIT, cid), button(lang, "btn.ignore", Action.IGNORE, cid)])
    elif status not in (ReplyStatus.SENT, ReplyStatus.SENDING) and not view.troll_answered:
        send_key = "btn.retry" if status is ReplyStatus.FAILED else "btn.send"
        rows.append([button(lang, send_key, Action.SEND, cid), button(lang, "btn.later", Action.LATER, cid)])
        rows.append([button(lang, "btn.edit", Action.EDIT, cid), button(lang, "btn.ignore", Action.IGNORE, cid)])
    elif view.troll_answered:
        rows.append([button(lang, "btn.ignore", Action.IGNORE, cid)])
    last_row = [
        button(lang, "btn.resolve", Action.RESOLVE, cid),
        button(lang, "btn.relabel", Action.RELABEL, cid),
    ]
    if case.taken_by is None:
        last_row.insert(0, button(lang, "btn.take", Action.TAKE, cid))
    rows.append(last_row)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def label_keyboard(case_id: int, current: Label, lang: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text=("• " if label is current else "") + label_name(lang, label),
            callback_data=CaseAction.data(Action.LABEL, case_id, label.value),
        )
        for label in Label
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(lang, "btn.back", Action.BACK, case_id)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def follow_up_keyboard(case_id: int, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(lang, "btn.publish", Action.PUBLISH, case_id),
                button(lang, "btn.skip", Action.SKIP, case_id),
            ]
        ]
    )


def keep_keyboard(case_id: int, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button(lang, "btn.keep", Action.KEEP, case_id)]])


def note_text(lang: str, stored: str | None) -> str:
    """A case's stored note in the chat's language; notes older versions wrote as prose, escaped."""
    note = decode_note(stored)
    if isinstance(note, Note):
        values = {name: label_name(lang, v) if isinstance(v, Label) else escape(v) for name, v in note.values}
        who = dict(note.values).get("who")
        return t_gender(lang, note.key, person_gender(who if isinstance(who, str) else None), **values)
    return escape(note or "")


def author_html(author: Author, lang: str = DEFAULT_LANGUAGE) -> str:
    name = escape(author.name)
    if author.username:
        return f'<a href="https://t.me/{escape(author.username)}">{name}</a> (@{escape(author.username)})'
    if author.is_chat:
        return t(lang, "alert.channel", name=name)
    return f'<a href="tg://user?id={author.id}">{name}</a> (id {author.id})'
