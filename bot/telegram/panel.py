"""The /settings panel: its text, its buttons, and what each press changes.

Buttons carry ``settings:<chat_id>:<op>[:<value>]`` (``bot/telegram/callbacks.py``); the state is in
``chat_settings``. Every press is checked against the presser's live admin rights before it gets
here (``handlers/access.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.models import Chat, ChatSettings
from bot.i18n import count, label_name, span, t
from bot.services.report import NEGATIVE_ORDER
from bot.telegram.callbacks import SettingsOp, SettingsPress

DELAYS = (15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, 24 * 3600)
REMINDERS = (0, 1, 2, 4, 8, 24)
QUIET = ((22 * 60, 8 * 60), (23 * 60, 8 * 60), (23 * 60, 9 * 60), (0, 8 * 60), (21 * 60, 9 * 60))
TIMEZONES = (
    "UTC",
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
    "Europe/Minsk",
    "Europe/Kyiv",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Tbilisi",
    "Asia/Yerevan",
    "Europe/Berlin",
)
ALERTS_TO = ("admins", "group", "both")
MENUS = ("delay", "labels", "quiet", "timezone", "reminders", "alerts_to", "retention", "forget")
RETENTION_DAYS = (7, 30, 90, 365)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def quiet_text(settings: ChatSettings, lang: str) -> str:
    if settings.quiet_start is None or settings.quiet_end is None:
        return t(lang, "set.off")
    return f"{_hhmm(settings.quiet_start)}–{_hhmm(settings.quiet_end)}"


def delay_text(settings: ChatSettings, default_delay: int, lang: str) -> str:
    if settings.reply_delay is None:
        return t(lang, "set.delay_default", delay=span(default_delay, lang))
    return span(settings.reply_delay, lang)


def labels_text(settings: ChatSettings, lang: str) -> str:
    chosen = [label_name(lang, label) for label in NEGATIVE_ORDER if label in settings.alert_labels]
    return ", ".join(chosen) if chosen else t(lang, "set.none")


def alerts_to_text(settings: ChatSettings, alert_chat: Chat | None, fallback_set: bool, lang: str) -> str:
    text = t(lang, f"set.alerts_to.{settings.alerts_to}")
    if settings.alerts_to in ("group", "both"):
        if alert_chat is not None:
            text += f" «{escape(alert_chat.title)}»"
        elif settings.alert_chat_id is not None:
            text += f" ({settings.alert_chat_id})"
        elif fallback_set:
            text += " " + t(lang, "set.alerts_to.fallback")
        else:
            text += " " + t(lang, "set.alerts_to.missing")
    return text


def panel_text(
    chat: Chat,
    settings: ChatSettings,
    lang: str,
    *,
    default_delay: int,
    alert_chat: Chat | None,
    fallback_set: bool,
) -> str:
    on_off = t(lang, "set.on" if settings.auto_schedule else "set.off")
    reminder = (
        t(lang, "set.rem_every", hours=settings.reminder_hours) if settings.reminder_hours > 0 else t(lang, "set.off")
    )
    lines = [
        t(lang, "set.title", chat=escape(chat.title)),
        "",
        t(lang, "set.delay", value=delay_text(settings, default_delay, lang)),
        t(lang, "set.auto", value=on_off),
        t(lang, "set.labels", value=labels_text(settings, lang)),
        t(lang, "set.quiet", value=quiet_text(settings, lang), tz=escape(settings.timezone)),
        t(lang, "set.rem", value=reminder),
        t(lang, "set.digest", value=t(lang, "set.on" if settings.digest else "set.off")),
        t(lang, "set.ret", days=count(lang, settings.retention_days, "day")),
        t(lang, "set.lang", value=t(lang, f"language.{settings.language}")),
        t(lang, "set.learning", value=t(lang, "set.on" if settings.learning else "set.paused")),
        t(lang, "set.to", value=alerts_to_text(settings, alert_chat, fallback_set, lang)),
        "",
        t(lang, "set.hint"),
    ]
    return "\n".join(lines)


def _b(text: str, chat_id: int, op: SettingsOp, value: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=SettingsPress(chat_id=chat_id, op=op, value=value).pack())


def main_keyboard(chat_id: int, settings: ChatSettings, lang: str) -> InlineKeyboardMarkup:
    other_lang = "en" if settings.language == "ru" else "ru"
    auto = t(lang, "set.on" if settings.auto_schedule else "set.off")
    menu = SettingsOp.MENU
    rows = [
        [
            _b(t(lang, "set.btn.delay"), chat_id, menu, "delay"),
            _b(t(lang, "set.btn.auto", value=auto), chat_id, SettingsOp.AUTO_SCHEDULE),
        ],
        [
            _b(t(lang, "set.btn.labels"), chat_id, menu, "labels"),
            _b(t(lang, "set.btn.quiet"), chat_id, menu, "quiet"),
        ],
        [
            _b(t(lang, "set.btn.tz"), chat_id, menu, "timezone"),
            _b(t(lang, "set.btn.rem"), chat_id, menu, "reminders"),
        ],
        [
            _b(t(lang, "set.btn.lang"), chat_id, SettingsOp.LANGUAGE, other_lang),
            _b(t(lang, "set.btn.to"), chat_id, menu, "alerts_to"),
        ],
        [
            _b(
                t(lang, "set.btn.digest", value=t(lang, "set.on" if settings.digest else "set.off")),
                chat_id,
                SettingsOp.DIGEST,
            ),
            _b(t(lang, "set.btn.ret"), chat_id, menu, "retention"),
        ],
        [
            _b(
                t(lang, "set.btn.learning", value=t(lang, "set.on" if settings.learning else "set.paused")),
                chat_id,
                SettingsOp.LEARNING,
            ),
            _b(t(lang, "set.btn.forget"), chat_id, menu, "forget"),
        ],
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _mark(chosen: bool, text: str) -> str:
    return ("✅ " if chosen else "") + text


def _grid(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def menu_keyboard(
    chat_id: int, menu: str, settings: ChatSettings, lang: str, alert_groups: list[Chat]
) -> InlineKeyboardMarkup:
    buttons: list[InlineKeyboardButton] = []
    width = 2
    if menu == "delay":
        buttons = [
            _b(_mark(settings.reply_delay == d, span(d, lang)), chat_id, SettingsOp.DELAY, str(d)) for d in DELAYS
        ]
        buttons.append(
            _b(_mark(settings.reply_delay is None, t(lang, "set.default")), chat_id, SettingsOp.DELAY, "default")
        )
        width = 3
    elif menu == "labels":
        buttons = [
            _b(
                ("✅ " if label in settings.alert_labels else "▫️ ") + label_name(lang, label),
                chat_id,
                SettingsOp.ALERT_LABEL,
                label,
            )
            for label in NEGATIVE_ORDER
        ]
    elif menu == "quiet":
        buttons = [
            _b(
                _mark(
                    (settings.quiet_start, settings.quiet_end) == (start, end),
                    f"{_hhmm(start)}–{_hhmm(end)}",
                ),
                chat_id,
                SettingsOp.QUIET,
                f"{start}-{end}",
            )
            for start, end in QUIET
        ]
        buttons.append(_b(_mark(settings.quiet_start is None, t(lang, "set.off")), chat_id, SettingsOp.QUIET, "off"))
        width = 3
    elif menu == "timezone":
        buttons = [_b(_mark(settings.timezone == name, name), chat_id, SettingsOp.TIMEZONE, name) for name in TIMEZONES]
    elif menu == "reminders":
        buttons = [
            _b(
                _mark(
                    settings.reminder_hours == h,
                    t(lang, "set.rem_every", hours=h) if h else t(lang, "set.off"),
                ),
                chat_id,
                SettingsOp.REMINDER,
                str(h),
            )
            for h in REMINDERS
        ]
        width = 3
    elif menu == "retention":
        buttons = [
            _b(
                _mark(settings.retention_days == d, t(lang, "set.ret_days", days=count(lang, d, "day"))),
                chat_id,
                SettingsOp.RETENTION,
                str(d),
            )
            for d in RETENTION_DAYS
        ]
        width = 4
    elif menu == "alerts_to":
        buttons = [
            _b(
                _mark(settings.alerts_to == where, t(lang, f"set.alerts_to.{where}")),
                chat_id,
                SettingsOp.ALERTS_TO,
                where,
            )
            for where in ALERTS_TO
        ]
        width = 1
        buttons += [
            _b(
                _mark(settings.alert_chat_id == group.id, t(lang, "set.btn.group", title=group.title)),
                chat_id,
                SettingsOp.ALERT_GROUP,
                str(group.id),
            )
            for group in alert_groups
            if group.id != chat_id
        ]
        if settings.alert_chat_id is not None:
            buttons.append(_b(t(lang, "set.btn.nogroup"), chat_id, SettingsOp.ALERT_GROUP, "none"))
    elif menu == "forget":
        buttons = [_b(t(lang, "set.btn.forget_yes"), chat_id, SettingsOp.FORGET, "yes")]
    rows = _grid(buttons, width)
    rows.append([_b(t(lang, "set.btn.back"), chat_id, SettingsOp.HOME)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


@dataclass(frozen=True, slots=True)
class Change:
    """What a press does: settings to store (empty for navigation), the menu to show next,
    an error text key, or an alert chat to verify before storing."""

    fields: dict[str, object]
    menu: str | None = None
    error: str | None = None
    check_chat: int | None = None
    forget: bool = False  # drop the chat's learned layer and examples


def _number(value: str | None, allowed: tuple[int, ...]) -> int | None:
    return int(value) if value and value.isdigit() and int(value) in allowed else None


def apply_press(press: SettingsPress, settings: ChatSettings) -> Change:
    """``press`` is well formed (its filter parsed it); whether its value is one of the offered
    choices is checked here."""
    op, value = press.op, press.value
    bad = Change({}, error="set.bad")
    if op is SettingsOp.HOME:
        return Change({})
    if op is SettingsOp.MENU:
        return Change({}, menu=value) if value in MENUS else bad
    if op is SettingsOp.AUTO_SCHEDULE:
        return Change({"auto_schedule": not settings.auto_schedule})
    if op is SettingsOp.DIGEST:
        return Change({"digest": not settings.digest})
    if op is SettingsOp.LEARNING:
        return Change({"learning": not settings.learning})
    if op is SettingsOp.FORGET:
        return Change({}, forget=True) if value == "yes" else bad
    if op is SettingsOp.RETENTION:
        days = _number(value, RETENTION_DAYS)
        return bad if days is None else Change({"retention_days": days}, menu="retention")
    if op is SettingsOp.LANGUAGE:
        return Change({"language": value}) if value in ("ru", "en") else bad
    if op is SettingsOp.DELAY:
        if value == "default":
            return Change({"reply_delay": None}, menu="delay")
        delay = _number(value, DELAYS)
        return bad if delay is None else Change({"reply_delay": delay}, menu="delay")
    if op is SettingsOp.ALERT_LABEL:
        if value not in NEGATIVE_ORDER:
            return bad
        labels = [label for label in NEGATIVE_ORDER if label in settings.alert_labels]
        labels = [label for label in labels if label != value] if value in labels else [*labels, value]
        if not labels:
            return Change({}, menu="labels", error="set.labels_empty")
        ordered = tuple(label for label in NEGATIVE_ORDER if label in labels)
        return Change({"alert_labels": ordered}, menu="labels")
    if op is SettingsOp.QUIET:
        if value == "off":
            return Change({"quiet_start": None, "quiet_end": None}, menu="quiet")
        pairs = {f"{start}-{end}": (start, end) for start, end in QUIET}
        if value in pairs:
            start, end = pairs[value]
            return Change({"quiet_start": start, "quiet_end": end}, menu="quiet")
        return bad
    if op is SettingsOp.TIMEZONE:
        return Change({"timezone": value}, menu="timezone") if value in TIMEZONES else bad
    if op is SettingsOp.REMINDER:
        hours = _number(value, REMINDERS)
        return bad if hours is None else Change({"reminder_hours": hours}, menu="reminders")
    if op is SettingsOp.ALERTS_TO:
        return Change({"alerts_to": value}, menu="alerts_to") if value in ALERTS_TO else bad
    if op is SettingsOp.ALERT_GROUP:
        if value == "none":
            return Change({"alert_chat_id": None}, menu="alerts_to")
        try:
            target = int(value or "")
        except ValueError:
            return bad
        if target == press.chat_id:
            return bad
        return Change({"alert_chat_id": target}, menu="alerts_to", check_chat=target)
    return bad
