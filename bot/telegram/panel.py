"""The /settings panel: its text, its buttons, and what each press changes.

Buttons carry ``set:<chat_id>:<op>[:<value>]`` (at most 64 bytes); the state is in
``chat_settings``. Every press is checked against the presser's live admin rights by the handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.models import Chat, ChatSettings
from bot.i18n import count, label_name, span, t
from bot.services.report import NEGATIVE_ORDER

PREFIX = "set"

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
MENUS = ("delay", "labels", "quiet", "tz", "rem", "to", "ret")
RETENTION_DAYS = (7, 30, 90, 365)


@dataclass(frozen=True, slots=True)
class PanelPress:
    chat_id: int
    op: str
    value: str | None = None

    def pack(self) -> str:
        data = f"{PREFIX}:{self.chat_id}:{self.op}"
        if self.value is not None:
            data += f":{self.value}"
        if len(data.encode()) > 64:
            raise ValueError("callback data longer than 64 bytes")
        return data

    @classmethod
    def parse(cls, data: str | None) -> PanelPress | None:
        if not data:
            return None
        parts = data.split(":", 3)
        if len(parts) < 3 or parts[0] != PREFIX:
            return None
        try:
            chat_id = int(parts[1])
        except ValueError:
            return None
        return cls(chat_id, parts[2], parts[3] if len(parts) == 4 else None)


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
        t(lang, "set.to", value=alerts_to_text(settings, alert_chat, fallback_set, lang)),
        "",
        t(lang, "set.hint"),
    ]
    return "\n".join(lines)


def _b(text: str, press: PanelPress) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=press.pack())


def main_keyboard(chat_id: int, settings: ChatSettings, lang: str) -> InlineKeyboardMarkup:
    other_lang = "en" if settings.language == "ru" else "ru"
    auto = t(lang, "set.on" if settings.auto_schedule else "set.off")
    rows = [
        [
            _b(t(lang, "set.btn.delay"), PanelPress(chat_id, "m", "delay")),
            _b(t(lang, "set.btn.auto", value=auto), PanelPress(chat_id, "auto")),
        ],
        [
            _b(t(lang, "set.btn.labels"), PanelPress(chat_id, "m", "labels")),
            _b(t(lang, "set.btn.quiet"), PanelPress(chat_id, "m", "quiet")),
        ],
        [
            _b(t(lang, "set.btn.tz"), PanelPress(chat_id, "m", "tz")),
            _b(t(lang, "set.btn.rem"), PanelPress(chat_id, "m", "rem")),
        ],
        [
            _b(t(lang, "set.btn.lang"), PanelPress(chat_id, "lang", other_lang)),
            _b(t(lang, "set.btn.to"), PanelPress(chat_id, "m", "to")),
        ],
        [
            _b(
                t(lang, "set.btn.digest", value=t(lang, "set.on" if settings.digest else "set.off")),
                PanelPress(chat_id, "digest"),
            ),
            _b(t(lang, "set.btn.ret"), PanelPress(chat_id, "m", "ret")),
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
            _b(_mark(settings.reply_delay == d, span(d, lang)), PanelPress(chat_id, "delay", str(d))) for d in DELAYS
        ]
        buttons.append(
            _b(_mark(settings.reply_delay is None, t(lang, "set.default")), PanelPress(chat_id, "delay", "d"))
        )
        width = 3
    elif menu == "labels":
        buttons = [
            _b(
                ("✅ " if label in settings.alert_labels else "▫️ ") + label_name(lang, label),
                PanelPress(chat_id, "lbl", label),
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
                PanelPress(chat_id, "quiet", f"{start}-{end}"),
            )
            for start, end in QUIET
        ]
        buttons.append(_b(_mark(settings.quiet_start is None, t(lang, "set.off")), PanelPress(chat_id, "quiet", "off")))
        width = 3
    elif menu == "tz":
        buttons = [
            _b(_mark(settings.timezone == name, name), PanelPress(chat_id, "tz", str(i)))
            for i, name in enumerate(TIMEZONES)
        ]
    elif menu == "rem":
        buttons = [
            _b(
                _mark(
                    settings.reminder_hours == h,
                    t(lang, "set.rem_every", hours=h) if h else t(lang, "set.off"),
                ),
                PanelPress(chat_id, "rem", str(h)),
            )
            for h in REMINDERS
        ]
        width = 3
    elif menu == "ret":
        buttons = [
            _b(
                _mark(settings.retention_days == d, t(lang, "set.ret_days", days=count(lang, d, "day"))),
                PanelPress(chat_id, "ret", str(d)),
            )
            for d in RETENTION_DAYS
        ]
        width = 4
    elif menu == "to":
        buttons = [
            _b(_mark(settings.alerts_to == where, t(lang, f"set.alerts_to.{where}")), PanelPress(chat_id, "to", where))
            for where in ALERTS_TO
        ]
        width = 1
        buttons += [
            _b(
                _mark(settings.alert_chat_id == group.id, t(lang, "set.btn.group", title=group.title)),
                PanelPress(chat_id, "ag", str(group.id)),
            )
            for group in alert_groups
            if group.id != chat_id
        ]
        if settings.alert_chat_id is not None:
            buttons.append(_b(t(lang, "set.btn.nogroup"), PanelPress(chat_id, "ag", "none")))
    rows = _grid(buttons, width)
    rows.append([_b(t(lang, "set.btn.back"), PanelPress(chat_id, "home"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


@dataclass(frozen=True, slots=True)
class Change:
    """What a press does: settings to store (empty for navigation), the menu to show next,
    an error text key, or an alert chat to verify before storing."""

    fields: dict[str, object]
    menu: str | None = None
    error: str | None = None
    check_chat: int | None = None


def apply_press(press: PanelPress, settings: ChatSettings) -> Change:
    op, value = press.op, press.value
    if op == "home":
        return Change({})
    if op == "m":
        return Change({}, menu=value) if value in MENUS else Change({}, error="set.bad")
    if op == "auto":
        return Change({"auto_schedule": not settings.auto_schedule})
    if op == "digest":
        return Change({"digest": not settings.digest})
    if op == "ret":
        if value and value.isdigit() and int(value) in RETENTION_DAYS:
            return Change({"retention_days": int(value)}, menu="ret")
        return Change({}, error="set.bad")
    if op == "lang":
        return Change({"language": value}) if value in ("ru", "en") else Change({}, error="set.bad")
    if op == "delay":
        if value == "d":
            return Change({"reply_delay": None}, menu="delay")
        if value and value.isdigit() and int(value) in DELAYS:
            return Change({"reply_delay": int(value)}, menu="delay")
        return Change({}, error="set.bad")
    if op == "lbl":
        if value not in NEGATIVE_ORDER:
            return Change({}, error="set.bad")
        labels = [label for label in NEGATIVE_ORDER if label in settings.alert_labels]
        labels = [label for label in labels if label != value] if value in labels else [*labels, value]
        if not labels:
            return Change({}, menu="labels", error="set.labels_empty")
        ordered = tuple(label for label in NEGATIVE_ORDER if label in labels)
        return Change({"alert_labels": ordered}, menu="labels")
    if op == "quiet":
        if value == "off":
            return Change({"quiet_start": None, "quiet_end": None}, menu="quiet")
        pairs = {f"{start}-{end}": (start, end) for start, end in QUIET}
        if value in pairs:
            start, end = pairs[value]
            return Change({"quiet_start": start, "quiet_end": end}, menu="quiet")
        return Change({}, error="set.bad")
    if op == "tz":
        if value and value.isdigit() and int(value) < len(TIMEZONES):
            return Change({"timezone": TIMEZONES[int(value)]}, menu="tz")
        return Change({}, error="set.bad")
    if op == "rem":
        if value and value.isdigit() and int(value) in REMINDERS:
            return Change({"reminder_hours": int(value)}, menu="rem")
        return Change({}, error="set.bad")
    if op == "to":
        return Change({"alerts_to": value}, menu="to") if value in ALERTS_TO else Change({}, error="set.bad")
    if op == "ag":
        if value == "none":
            return Change({"alert_chat_id": None}, menu="to")
        try:
            target = int(value or "")
        except ValueError:
            return Change({}, error="set.bad")
        if target == press.chat_id:
            return Change({}, error="set.bad")
        return Change({"alert_chat_id": target}, menu="to", check_chat=target)
    return Change({}, error="set.bad")
