"""A deadline the author names («нужны к субботе на свадьбу», «у нас 21-го новоселье»): echoed in the
draft as something to check («проверим, успеваем ли к субботе»), never promised — whether it can be
done is the admin's to say."""

from __future__ import annotations

import re

_DAY = (
    r"понедельник[ау]?|вторник[ау]?|сред[еуы]|четверг[ау]?|пятниц[еуы]|суббот[еуы]|воскресень[еюя]|"
    r"\d{1,2}(?:-?(?:го|му|е|ое))?(?: (?:числа|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|"
    r"октября|ноября|декабря))?"
)
_OCCASION = r"свадьб|выпускн|юбиле|новосель|день рождени|утренник|праздник|торжеств|собеседовани|экзамен|поездк|отпуск"
# «нужен к пятнице», «надо до 20-го», «к субботе на свадьбу»
_NEEDED = re.compile(
    rf"(?:нуж(?:ен|на|но|ны)|надо|необходим[аоы]?)\s[^.!?]{{0,30}}?\b((?:к|до)\s(?:{_DAY}))(?![\w-])"
    rf"|\b(к\s(?:{_DAY}))\s+на\s+(?:{_OCCASION})",
    re.IGNORECASE,
)
# «у нас 21-го новоселье», «в субботу свадьба»
_WEEKDAYS = {
    "в понедельник": "к понедельнику",
    "во вторник": "ко вторнику",
    "в среду": "к среде",
    "в четверг": "к четвергу",
    "в пятницу": "к пятнице",
    "в субботу": "к субботе",
    "в воскресенье": "к воскресенью",
}
# «у нас 21-го новоселье», «в субботу свадьба», «мне их в субботу надеть на свадьбу»
_EVENT = re.compile(
    rf"\b(\d{{1,2}}-?го|{'|'.join(_WEEKDAYS)})\s+(?:[\w-]+\s+){{0,3}}?(?:на\s)?(?:{_OCCASION})", re.IGNORECASE
)


# An occasion that already took place («в среду было 5 человек на празднике») sets no deadline.
_PAST = re.compile(
    r"\b(?:был[аои]?|прош[её]л|прошл[аио]|испортил[аи]?|сорвал[аи]?|отметил[аи]?|справил[аи]?)\b", re.IGNORECASE
)


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(end, 0, at) for end in ".!?")
    stops = [i for i in (text.find(end, at) for end in ".!?") if i >= 0]
    return text[start + 1 : min(stops) if stops else len(text)]


def deadline(text: str) -> str | None:
    """The deadline ``text`` names, as «к субботе» or «до 21-го», or ``None``."""
    found = _NEEDED.search(text)
    if found:
        return (found.group(1) or found.group(2)).lower()
    event = _EVENT.search(text)
    if event and not _PAST.search(_sentence(text, event.start())):
        day = event.group(1).lower()
        return _WEEKDAYS.get(day, f"до {day}")
    return None


def with_deadline(draft: str, text: str) -> str:
    """``draft`` with «Проверим, успеваем ли к субботе» when the author names a
    deadline the draft does not mention; before the admin's slot, if any."""
    when = deadline(text)
    if when is None or when.split()[-1][:4].lower() in draft.lower():
        return draft
    line = f"Проверим, успеваем ли {when}."
    slot = draft.find(" [")
    if slot > 0 and draft.rstrip().endswith("]"):
        return f"{draft[:slot]} {line}{draft[slot:]}"
    return f"{draft} {line}"
