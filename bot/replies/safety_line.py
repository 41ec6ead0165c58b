"""The line about the hazard itself in safety and health drafts.

A safety draft that only moves the case to private messages tells the other readers of the chat nothing,
and they read it too. After a draft is made, this module looks at the comment's own words and, for these
cases only, puts the line they need (round 17 reading, issue 18):

* an injury on the premises by equipment or a place: the zone, as a slot the admin fills (a draft never
  claims it was closed), the staff who were not there, the call today and the wish to recover;
* fever or an infection after a procedure on the body, or poisoning that goes on: a doctor today, not
  «если симптомы сохранятся», and no product's «вещью не пользоваться»; staff's «это норма» is not backed;
* several people harmed: all of them, and the business's own doctor as a slot where it has one;
* medical results and personal health data: «свяжемся с вами лично», never «ответим здесь»;
* a hazard reported calmly, no one hurt: thanks, what will be done as a slot, everything else checked.

Texts and patterns: ``bot/replies/data/safety_lines.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import load
from bot.domain.reading import Reading, Topic
from bot.domain.verdicts import Label
from bot.replies import datacheck as check
from bot.replies.grammar import reply_name

PACKAGE = "bot.replies.data"
_PATTERNS = (
    "hurt", "cause", "staff_absent", "procedure", "infection", "fever", "poisoned", "ongoing", "normal_claimed",
    "own_doctor", "medical_data", "hazard_item", "calm", "boat",
)  # fmt: skip
_TEXTS = {
    "ru": ("zone", "zone_soft", "staff", "recovery", "injury", "doctor_today", "doctor_today_plain", "not_normal",
           "own_doctor", "own_doctor_soft", "hazard", "hazard_soft", "slot_boat", "slot", "in_person"),
    "en": ("zone", "zone_soft", "staff", "recovery", "injury", "doctor_today", "doctor_today_plain", "not_normal",
           "own_doctor", "own_doctor_soft", "hazard", "hazard_soft", "slot_boat", "slot", "in_person"),
}  # fmt: skip
_TEXTS["uk"] = _TEXTS["ru"]
_ADDRESSED = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE})
_SLOTTED = frozenset({Label.CONSTRUCTIVE})
_OWN_DOCTOR_KINDS = frozenset({"hotel", "camp", "sanatorium"})
# Chats of goods, not premises: a chair that broke under a buyer is the product's harm, no zone to close.
_NO_PREMISES = frozenset({"shop", "marketplace", "courier", "food", "pharmacy", "app", "bank", "telecom"})
_NEAR_MISS = re.compile(r"(?:ледь|чуть|едва|мало)\s+не\b|\b(?:almost|nearly)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Sentences another harm's template puts that a doctor today or the hazard's line replaces.
_DROPPED = re.compile(
    r"^(?:Пока не выясним причину, лучше этой вещью не пользоваться|Если (?:у ребёнка )?(?:держится )?температура"
    r"|Если симптомы сохранятся|Если появятся головная боль|Надеемся, вс[её] (?:уже лучше|обошлось)"
    r"|Якщо температура тримається|Сподіваємося, все обійшлося"
    r"|If (?:the )?symptoms persist|If your child still has a fever|We hope (?:everyone|they)[^.]*better)",
    re.IGNORECASE,
)
# Someone already in hospital or seen by a doctor is not sent to one.
_SEEN = re.compile(r"больниц|лікарн|скор(?:ая|ую|ой)|госпитализ|травмпункт|hospital|\bER\b|ambulance", re.IGNORECASE)
_RECOVERY = re.compile(r"выздоровл|поправляйтесь|одужан|recover|feel(?:ing)? better", re.IGNORECASE)
_CALL_TODAY = re.compile(
    r"(?:позвон|свяжемся|свяжется|зателефону|зв'яжемося|call|contact)[^.]*(?:сегодня|сьогодні|today)", re.IGNORECASE
)
_DOCTOR_TODAY = re.compile(
    r"врач[^.]*сегодня|сегодня[^.]*врач|лікар[^.]*сьогодні|сьогодні[^.]*лікар|doctor[^.]*today|today[^.]*doctor",
    re.IGNORECASE,
)
_HERE = {
    "ru": re.compile(r"(?:ответим|напишем|сообщим|расскажем)\s+(?:вам\s+)?здесь(?:,\s*(?:что|как)[^.—]*)?"),
    "uk": re.compile(
        r"(?:відповімо|напишемо|повідомимо|розповімо|повернемося з відповіддю)\s+тут(?:,\s*(?:що|як)[^.—]*)?"
    ),
    "en": re.compile(r"(?:get back to you|post|reply|answer)(?: [a-z']+)? here(?: what[^.]*)?", re.IGNORECASE),
}
_STAFF = (
    ("инструктор", "инструктора"), ("аниматор", "аниматора"), ("тренер", "тренера"), ("вожат", "вожатого"),
    ("администратор", "администратора"), ("інструктор", "інструктора"), ("аніматор", "аніматора"),
    ("адміністратор", "адміністратора"),
)  # fmt: skip
# Who was hurt and whom recovery is wished, by language: (an adult, a child).
_WHO = {
    "ru": ("вы пострадали", "ребёнок пострадал"),
    "uk": ("ви постраждали", "дитина постраждала"),
    "en": ("you were hurt", "your child was hurt"),
}
_CHILD = re.compile(r"\b(?:son|daughter|child|kid|син|донька|дочка|дитин)", re.IGNORECASE)
_WHOM = {"ru": ("", " ребёнку"), "uk": ("", " дитині"), "en": ("you", "your child")}
_SOMEONE_STAFF = {"ru": "сотрудника", "uk": "працівника", "en": ""}
# How many were harmed, as the comment counts them: (the dative «всем троим», the accusative «всех троих»),
# then the Ukrainian dative after «вам» («вам усім трьом») and the English «all three of you».
# A number alone («три дня», «two days») counts no people: a cardinal needs a word for them after it.
_PEOPLE = r"\s+(?:человек|гост|дет|ребят|ребён|отдыхающ|из\b|of\b|guests|people|kids|children|колег|людей|дітей|гостей)"
_COUNTS = (
    (
        rf"\b(?:двое|двоих|обоим|двоє|двох|обом|удвох|вдвох)\b|\b(?:два|две|дві|two){_PEOPLE}|\bboth of us\b",
        ("вам обоим", "обоих", "вам обом", "both of you"),
    ),
    (
        rf"\b(?:трое|троих|троим|троє|трьох|трьом|утрьох|втрьох)\b|\b(?:три|three){_PEOPLE}"
        r"|\bу меня, [а-яё]+ и [а-яё]+\b",
        ("всем троим", "всех троих", "вам усім трьом", "all three of you"),
    ),
    (
        rf"\b(?:четверо|четверых|четверым|четверо|чотирьох|чотирьом|вчотирьох|учотирьох)\b|\b(?:четыре|чотири|four){_PEOPLE}",
        ("всем четверым", "всех четверых", "вам усім чотирьом", "all four of you"),
    ),
    (
        rf"\b(?:пятеро|пятерых|пятерым|п['’]ятеро|п['’]ятьох)\b|\b(?:пять|п['’]ять|five){_PEOPLE}",
        ("всем пятерым", "всех пятерых", "вам усім п'ятьом", "all five of you"),
    ),
    (
        r"\b(?:несколько человек|вся группа|всей группе|several of us|all of us|кілька людей|уся група|всі ми)",
        ("всем", "всех", "вам усім", "all of you"),
    ),
)
_SOMEONE = re.compile(r"кому-то стало плохо|стало плохо — тем более ребёнку|someone fell ill|your child fell ill")
# The Ukrainian and English drafts' own «вам стало погано», «they all fell ill»: the count said there too.
# The author among those harmed («вечеряли вчотирьох», "three of us"): the Ukrainian and English drafts say
# «вам усім трьом», "all three of you" only then; someone else's colleagues or children are not «you».
_WE = re.compile(
    r"\b(?:нам|нас|ми|мы|утрьох|втрьох|удвох|вдвох|вчотирьох|учотирьох|втроём|втроем|вдвоём|вдвоем|вчетвером)\b|"
    r"\b(?:two|three|four|five|both|all) of us\b|\bwe (?:both|all)\b",
    re.IGNORECASE,
)
_SOMEONE_UK = re.compile(r"\bвам стало погано")
_SOMEONE_EN = re.compile(r"\b(?:they all|someone|your child) fell ill")


@dataclass(frozen=True, slots=True)
class _Lines:
    patterns: dict[str, re.Pattern[str]]
    texts: dict[str, dict[str, str]]


@lru_cache(maxsize=1)
def _lines() -> _Lines:
    file = load(PACKAGE, "safety_lines.toml")
    check.only_keys(file, "", 1, file.table(""), ("patterns", *_TEXTS))
    check.only_keys(file, "patterns", file.line_of("patterns"), file.table("patterns"), _PATTERNS)
    patterns = {}
    for key in _PATTERNS:
        parts = file.strings(f"patterns.{key}")
        for part in parts:
            check.regex(file, f"patterns.{key}", part, re.IGNORECASE)
        patterns[key] = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
    texts = {}
    for lang, keys in _TEXTS.items():
        table = file.table(lang)
        check.only_keys(file, lang, file.line_of(lang), table, keys)
        texts[lang] = {key: check.text(file, lang, file.line_of(lang), table, key) for key in keys}
    return _Lines(patterns, texts)


def safety_line_data() -> None:
    """Read and check ``safety_lines.toml`` now (``bot.replies.load_data``)."""
    _lines()


def _has(key: str, text: str) -> bool:
    return bool(_lines().patterns[key].search(text))


def _text(lang: str, key: str) -> str:
    return _lines().texts[lang][key]


def safety_kind(label: Label, reading: Reading, kind: str | None = None) -> str | None:
    """Which of this module's cases the comment is, or None."""
    text = reading.text or ""
    if label not in _ADDRESSED or not text or reading.insult or reading.lang not in _TEXTS:
        return None
    flags = reading.facts.flags
    if _has("medical_data", text) and reading.topic is not Topic.SAFETY:
        return "medical_data"
    calm = _has("calm", text) or ("injury" not in flags and reading.topic is Topic.SAFETY)
    if calm and _has("hazard_item", text) and not _has("hurt", text) and not _has("poisoned", text):
        return "hazard"
    if _has("poisoned", text) and _count(text) is not None:
        return "group"
    if _has("procedure", text) and _has("infection", text):
        return "procedure"
    if _has("poisoned", text) and _has("ongoing", text) and (_has("fever", text) or _has("infection", text)):
        return "procedure"
    premises = kind not in _NO_PREMISES
    # «дитина ледь не впала» is a near miss: the hazard's own draft answers it, not an injury's.
    hurt = _has("hurt", text) or ("injury" in flags and not _NEAR_MISS.search(text))
    if premises and _has("cause", text) and hurt:
        return "injury"
    return None


def _count(text: str) -> tuple[str, str, str, str] | None:
    low = text.lower()
    return next((forms for pattern, forms in _COUNTS if re.search(pattern, low)), None)


def _kept(draft: str) -> list[str]:
    return [s for s in _SENTENCE.split(draft.strip()) if s and not _DROPPED.match(s)]


def safety_reply(
    label: Label, reading: Reading, draft: str | None, *, author_name: str | None, kind: str | None = None
) -> str | None:
    """``draft`` with the line the other readers need (see the module's docstring), or ``draft`` as it was."""
    found = safety_kind(label, reading, kind)
    if found is None or draft is None:
        return draft
    text, lang = reading.text or "", reading.lang
    slotted = label in _SLOTTED
    name = reply_name(author_name, lang)
    opening = f"{name}, " if name else ""
    if found == "medical_data":
        return _HERE[lang].sub(_text(lang, "in_person"), draft)
    if found == "hazard":
        slot = _text(lang, "slot_boat" if _has("boat", text) else "slot")
        line = _text(lang, "hazard" if slotted else "hazard_soft").format(name=opening, slot=slot)
        return line[:1].upper() + line[1:]
    parts = _kept(draft)
    if found == "group":
        forms = _count(text) or ("всем", "всех", "вам усім", "all of you")
        if lang == "ru":
            parts = [_SOMEONE.sub(f"стало плохо {forms[0]}", p) for p in parts]
        elif lang == "uk" and _WE.search(text):
            parts = [_SOMEONE_UK.sub(f"{forms[2]} стало погано", p) for p in parts]
        elif lang == "en":
            who = forms[3] if _WE.search(text) else "they all"
            parts = [_SOMEONE_EN.sub(f"{who} fell ill", p) for p in parts]
        if lang != "ru" and _WE.search(text) and not any(forms[2 if lang == "uk" else 3] in p for p in parts):
            # the shape's bare «Це серйозно.» names nobody: the count the comment gives opens the draft
            uk = f"Нам дуже шкода, що {forms[2]} стало погано."
            sorry = uk if lang == "uk" else f"We're so sorry {forms[3]} fell ill."
            parts = [sorry, *parts]
        if _has("own_doctor", text) or kind in _OWN_DOCTOR_KINDS:
            everyone = {"ru": forms[1], "uk": "усіх"}.get(lang, "")
            parts.append(_text(lang, "own_doctor" if slotted else "own_doctor_soft").format(all=everyone))
            return " ".join(parts)
        found = "procedure"  # several ill and no doctor of the business's own: a doctor today
    if found == "procedure":
        seen = "seen_doctor" in reading.facts.flags or _SEEN.search(text)
        if not seen and not any(_DOCTOR_TODAY.search(p) for p in parts):
            line = _text(lang, "doctor_today" if _has("fever", text) else "doctor_today_plain")
            if _has("normal_claimed", text):
                line = f"{_text(lang, 'not_normal')} {line[:1].lower() + line[1:]}"
            parts.append(line)
        return " ".join(parts)
    return _injury(reading, parts, opening, slotted)


def _injury(reading: Reading, parts: list[str], opening: str, slotted: bool) -> str:
    text, lang = reading.text or "", reading.lang
    child = "child" in reading.facts.flags or bool(_CHILD.search(text))
    if not any(_CALL_TODAY.search(p) for p in parts):
        line = _text(lang, "injury").format(name=opening, who=_WHO[lang][child])
        parts = [line[:1].upper() + line[1:]]
    if not any(_RECOVERY.search(p) for p in parts):
        whom = _WHOM[lang][child]
        parts.append(_text(lang, "recovery").format(whom=whom))
    parts.append(_text(lang, "zone" if slotted else "zone_soft"))
    if _has("staff_absent", text):
        staff = next((gent for stem, gent in _STAFF if stem in text.lower()), _SOMEONE_STAFF[lang])
        parts.append(_text(lang, "staff").format(staff=staff))
    return " ".join(parts)
