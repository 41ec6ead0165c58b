"""Reading a comment before answering it: its topic, the facts the author gave, its language, insults.

The patterns and word lists are data (``bot/replies/data/facts.toml``, ``topics.toml``), read once and
checked; this module applies them, with pymorphy3 for the nouns (the product, the member of staff, the
missing items) so that the answer can put them in the case it needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.datafiles import DataFile, load
from bot.domain.reading import FACT_NAMES, FLAG_NAMES, Facts, Reading, Topic
from bot.replies import datacheck as check
from bot.replies.business import flags_of, kinds
from bot.replies.echo import complaint_clause, heated
from bot.replies.failed_thing import thing_failed
from bot.replies.given_ids import reconcile
from bot.replies.grammar import colloquial, kept_parses, try_inflect_phrase
from bot.replies.sarcasm import in_spans, sarcastic_spans
from bot.replies.screen import Screen, plain

PACKAGE = "bot.replies.data"
LANGS = ("ru", "en", "uk")

_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ'’]+(?:-[A-Za-zА-Яа-яЁёІіЇїЄєҐґ]+)*")
_CYR_RE = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_LAT_WORD_RE = re.compile(r"\b[A-Za-z]{2,}\b")
_CYR_WORD_RE = re.compile(r"\w*[А-Яа-яЁёІіЇїЄєҐґ]\w*")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъЫЭЪ]")
_UK_WORDS = re.compile(
    r"\b(?:що|це|чому|вже|досі|немає|нема|мене|який|яка|дуже|замовлен\w*|будь ласка|чекал[аи]?|чекаю|жах\w*|"
    r"дякую|щось|тільки|коли|зараз|можу|пише|помилк\w*|картк\w*|оплатит\w*|працю\w*|треба|гроші|грошей|ви|мовч\w*|"
    r"застосун\w*|доброго дня|з|для|приходить|входу|чи|бо|але|або|якщо|мій|мені|"
    r"прийш\w*|порожн\w*|навушник\w*|замовил\w*|ніхто|нічого|хвилин\w*|годин[аиу]?|тиждень|"
    r"сьогодні|вчора|можна|потрібно|знову|ньому|нього|він|вона|воно|волосин\w*|гидко)\b"
)
# Russian written in Latin letters ("zakaz ne prishel", "privet kak dela"): Latin text without them is English.
_TRANSLIT = re.compile(
    r"\b(?:ne|net|uzhe|uje|kogda|gde|zakaz\w*|pochemu|chto|eto|vy|vas|nu|blin|ya|kak|tak|i|v|na|po|ochen|"
    r"spasibo|privet|dela|zdravstvuyte|dengi|kurer|prishel|prishla)\b",
    re.IGNORECASE,
)
# "I" only as a capital: a lone "i" is as often the Russian «и» written in Latin letters ("nu i gde zakaz").
_EN_WORDS = re.compile(
    r"\b(?:the|my|your|is|was|and|you|it|for|not|still|can't|please|this|me|(?-i:I)|has|have|been|are|were|since|why|"
    r"what|where|when|how|with|from|our|never|again|just|down|there|anyone|ago|today|yesterday|tonight|got|"
    r"ordered|waiting|help|nothing|they|we|she|[a-z]+n[’']t)\b",
    re.IGNORECASE,
)

# Nouns: a missing item is taken after these words, up to the end of the clause.
_GENT_TRIGGER = re.compile(
    r"\b(?:не\s+хвата(?:ло|ет|ло\s+только)|не\s+хватило|не\s+было|не\s+оказалось|(?:в\s+заказе|в\s+пакете)\s+нет|"
    r"не\s+доложили|"
    r"недоложили|не\s+було|немає)\s+",
    re.IGNORECASE,
)
# "без соуса" is a missing item only next to a delivery ("привезли без соуса", "без соуса привезли"),
# not in "остался без обеда".
_WITHOUT = re.compile(r"\bбез\s+", re.IGNORECASE)
_DELIVERED_NEAR = re.compile(r"привезли|доставили|пришл[аои]|пришёл|пришел|приехал|положили", re.IGNORECASE)
_ACCS_TRIGGER = re.compile(
    r"\b(?:забыли\s+положить|забыли|не\s+положили|не\s+привезли|не\s+поклали|забули)\s+", re.IGNORECASE
)
_CLAUSE_END = re.compile(
    r"[.!?;:()\n]|,\s*(?:а|но|хотя|и\s+(?:деньги|всё|все|вс[её])|что|когда)\b|\s+(?:а|но|хотя|хоча)\s|"
    r"\s+(?:в\s+заказе|в\s+доставке|в\s+пакете|в\s+чеке|у\s+заказ|заказ|а\s+гроші|хоча)\b"
)
_SWAP_RES = (
    re.compile(
        r"(вместо\s+(?:[^,.!?;:]|(?<=\d)[,.](?=\d))+?\s+(?:положили|привезли|прислали|пришл[аио]|пришел|пришёл|"
        r"дали|доставили|выдали|был[аио]?)\s+(?:[^,.!?;]|(?<=\d)[,.](?=\d))+?)(?=,\s*а\b|,\s*но\b|[,.!?;]\s|[.!?;]|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"((?:пришл[аио]|пришел|пришёл|привезли|прислали|положили|выдали)\s+не\s+т(?:а|от|у|о|е)\s+"
        r"[а-яё]+(?:\s+[а-яё]+)?)",
        re.IGNORECASE,
    ),
)
_SIZE_RE = re.compile(r"\b(размер|цвет)", re.IGNORECASE)
# What follows "нет"/"не было" without being a missing item.
_NOT_ITEMS = frozenset(
    {
        "ответ",
        "реакция",
        "смысл",
        "связь",
        "интернет",
        "свет",
        "вода",
        "газ",
        "отопление",
        "сеть",
        "возможность",
        "время",
        # Ukrainian, which the dictionary does not know: "немає світла" is no missing item either
        "світла",
        "світло",
        "води",
        "інтернету",
        "зв'язку",
        "газу",
        "опалення",
    }
)

_PLACE_RES = (
    re.compile(r"\b[вВуУ]\s+(доме?\s+\d+[а-я]?\s+по\s+(?:улице\s+)?[А-ЯЁ][а-яё-]+)"),
    re.compile(r"\b(между\s+[А-ЯЁ][а-яё]+\s+и\s+[А-ЯЁ][а-яё]+)"),
    re.compile(r"\b(в\s+районе\s+[А-ЯЁа-яё]+(?:\s+[А-ЯЁа-яё]+)?)"),
    re.compile(
        r"(?<![\w-])(?:[Нн]а|[Пп]о)\s+((?:ул\.?\s*|улице\s+|проспекте\s+|пр-те\s+)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
        r"(?:\s+[А-ЯЁ][а-яё]+)?(?:,?\s*(?:д\.?\s*)?\d{1,3}[а-я]?\b)?)"
    ),
    re.compile(r"\b((?:вул\.|вулиц[яі])\s*[А-ЯЁІЇЄ][а-яёіїє'’]+(?:,?\s*\d{1,3})?)"),
    re.compile(r"\b((?:ул\.|улица)\s*[А-ЯЁ][а-яё]+(?:,?\s*(?:д\.?\s*)?\d{1,3})?)"),
    # «Дом Горького 82, горячей воды нет»: the address given as a house, not asked for again
    re.compile(r"(?<![\w-])[Дд]ом[ае]?\s+([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+\d{1,3}[а-я]?)\b"),
)
# This module's patterns that search the comment as written, screened like the facts' values.
_SEARCHED_HERE = (*_SWAP_RES, *_PLACE_RES, _GENT_TRIGGER, _WITHOUT, _ACCS_TRIGGER, _SIZE_RE)

_NOT_PLACES = frozenset(
    {
        "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
        "ноябрь", "декабрь", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
        "воскресенье", "бога", "всех", "вас", "нас",
    }
)  # fmt: skip

_AMOUNT_RE = re.compile(
    r"(?<![\d.,])([$£€]\s?\d+(?:[.,]\d{1,2})?|\d{1,3}(?:[   ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s*"
    r"(₽|руб(?:л[а-яё]*|\.)?|р\.?(?=[\s,.!?]|$)|rub\b|грн|гривень|гривні|uah\b|usd\b|\$|долл[а-яё]*|€|eur\b|"
    r"евро|тыс(?:яч[а-яё]*|\.)?)?",
    re.IGNORECASE,
)
_PREFIXED = ("$", "£", "€")  # currencies written before the sum in English
_AMOUNT_CONTEXT = re.compile(
    r"(?:списал[а-яё]*|списыва[а-яё]+|стоил[а-яё]*|стоит|заплатил[а-яё]*|оплатил[а-яё]*|перевел[а-яё]*|"
    r"перевела|перев[её]л|деньги|вместо|было|был|была|за|с|сумма|charged|paid|со|до|стал[аио]?|теперь|ещ[её]|"
    r"now|instead of|was|from|to|on|for|a|було|полиці|посчитали|насчитали|списали|на|пробили|выбили|цена|"
    r"сейчас|з|стало|стала|(?:та|те|тот) же|(?:такая|такой|такое|такие|така|такий|таке|такі) же|"
    r"у (?:вас|нас|них)|верните|вернуть|переплат[а-яё]*|уже|вже|нарахува[а-яії]*|плат[яи]ть|плачу|коштує|"
    r"коштувал[а-яії]*|сплатил[а-яії]*|заплатил[а-яії]*|не вернул[аи]?|это|итого|замість|тепер)\s*[—–-]?\s*$",
    re.IGNORECASE,
)
# A sum told by what it buys or what it replaced: «2200 за ночь», «350 в день вместо 250».
_PRICED_AFTER = re.compile(
    r"\s*(?:за (?:ночь|сутки|час|занятие|смену|ніч|добу|годину)\b|"
    r"(?:(?:в|за) (?:день|месяц|неделю) )?(?:вместо|замість) \d)",
    re.IGNORECASE,
)
# What a number counts when it is no money: a score, a place, a floor, a distance, a temperature, a
# measure (round 15: «210 баллов» read as «210 ₽», «54 метра», «16 градусов»).
_NOT_AMOUNT_AFTER = re.compile(
    r"^\s*(?:%|дн|день|дня|час|мин|недел|раз|кг|шт|г\b|гр\b|мл|л\b|км|этаж|лет|год|штук|банок|процент|x\b|р\b|"
    r"балл|бал(?:и|ів)\b|очк|мест[аоу]?\b|ряд|сектор|градус|°|гкал|метр|м2|м²|кв\.?\s*м|кило|хвилин|годин|поверх|"
    r"класс|чел|человек|заняти|урок|points?\b|pts\b|km\b|floor|minutes?\b|years?\b)",
    re.IGNORECASE,
)
# A number said as a score, a place in a ranking, a floor or a route, not a sum: «набрала 62», «заняла 12
# место», «автобус 45».
_NOT_AMOUNT_BEFORE = re.compile(
    r"(?<![а-яёa-z])(?:набрал[а-яё]*|набра(?:ли|в|ла)|балл[а-яё]*|бал(?:и|ів)|очк[а-яё]*|рейтинг[а-яё]*|мест[аоеу]?|ряд|сектор|"
    r"этаж[а-яё]*|поверх[а-яії]*|маршрут[а-яё]*|автобус[а-яё]*|трамва[а-яё]*|троллейбус[а-яё]*|№|номер|дом[ауе]?|"
    r"квартир[а-яё]*|кабинет[а-яё]*|класс[а-яё]*|рост|вес|температур[а-яё]*|мне|нам|ему|ей|возраст[а-яё]*|"
    r"(?:нас|их|вас)\s+уже|подпис[а-яё]*,?\s+уже)\s*:?\s*$",
    re.IGNORECASE,
)
# A comment about scores (an exam, a competition, a ranking): a bare number in it is a score unless money is
# said right before it.
_SCORES = re.compile(r"(?<![а-яёa-z])(?:балл|бал(?:и|ів)\b|очк(?:о|ов|а|и)\b|егэ|огэ|нмт|зно|points?\b)", re.IGNORECASE)
# A day and a month («11.03», «3.12»), or a score with one decimal («7.0», «52.5»); «99.90» and «12.50» stay sums.
_DATE_OR_SCORE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])|\d{1,2}[.,]\d")
_PAID_BEFORE = re.compile(
    r"(?:списал[а-яё]*|стоил[а-яё]*|стоит|заплатил[а-яё]*|оплатил[а-яё]*|цена|переплат[а-яё]*|коштує|charged|paid"
    r"|costs?)\s*:?\s*$",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(
    r"(?:списал[а-яё]*|стоил[а-яё]*|стоит|заплатил[а-яё]*|оплатил[а-яё]*|цена|за|деньги|верн[а-яё]+)\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _TopicRule:
    topic: Topic
    weight: int
    stems: tuple[str, ...]
    stems_re: re.Pattern[str] | None
    patterns: tuple[re.Pattern[str], ...]
    phrases: dict[str, str]


@dataclass(frozen=True, slots=True)
class ReadingData:
    topics: tuple[_TopicRule, ...]
    values: dict[str, tuple[re.Pattern[str], ...]]
    flags: dict[str, tuple[re.Pattern[str], ...]]
    products: frozenset[str]
    services: frozenset[str]
    things: tuple[str, ...]  # in order of preference
    staff: tuple[str, ...]  # in order of preference
    indeclinable: frozenset[str]

    def phrase(self, topic: Topic, lang: str) -> str:
        for rule in self.topics:
            if rule.topic is topic:
                return rule.phrases.get(lang) or rule.phrases["ru"]
        return ""


@lru_cache(maxsize=1)
def reading_data() -> ReadingData:
    return ReadingData(
        read_topics(load(PACKAGE, "topics.toml")),
        *read_facts(load(PACKAGE, "facts.toml")),
    )


@dataclass(frozen=True, slots=True)
class _Screened:
    """The reading's patterns behind one screen (see screen.py), and what each place in it is for."""

    screen: Screen
    flag_of: tuple[str | None, ...]  # per place: its flag, or None
    rule_of: tuple[int, ...]  # per place of a topic's stems or pattern: the rule's index in ``topics``
    stems: frozenset[int]  # the places of the topics' stems
    value_places: tuple[tuple[str, tuple[int, ...]], ...]  # per fact, its patterns' places in order
    here: dict[int, int]  # this module's patterns searched on the text as written: id -> place

    def may_match(self, rx: re.Pattern[str], run: set[int]) -> bool:
        return self.here[id(rx)] in run


@lru_cache(maxsize=1)
def _screened() -> _Screened:
    """The flags and the topics' stems and patterns search the normalised text; the facts' values
    search the text as written (most ignoring case), and the screen looks for their words in the
    normalised one."""
    data = reading_data()
    low: list[re.Pattern[str]] = []
    flag_of: list[str | None] = []
    rule_of: list[int] = []
    stems: set[int] = set()
    for name, found in data.flags.items():
        low += found
        flag_of += [name] * len(found)
        rule_of += [-1] * len(found)
    for index, rule in enumerate(data.topics):
        if rule.stems_re is not None:
            stems.add(len(low))
            low.append(rule.stems_re)
            flag_of.append(None)
            rule_of.append(index)
        low += rule.patterns
        flag_of += [None] * len(rule.patterns)
        rule_of += [index] * len(rule.patterns)
    values: list[re.Pattern[str]] = []
    value_places = []
    for name, found in data.values.items():
        value_places.append((name, tuple(range(len(low) + len(values), len(low) + len(values) + len(found)))))
        values += found
    here = {id(rx): len(low) + len(values) + k for k, rx in enumerate(_SEARCHED_HERE)}
    return _Screened(
        Screen(low, [*values, *_SEARCHED_HERE], fold=normalise),
        tuple(flag_of),
        tuple(rule_of),
        frozenset(stems),
        tuple(value_places),
        here,
    )


def read_topics(file: DataFile) -> tuple[_TopicRule, ...]:
    tables = file.table("")
    known = [t.value for t in Topic if t is not Topic.OTHER]
    check.only_keys(file, "", 1, tables, [*known, Topic.OTHER.value], what="topic")
    rules = []
    for name in tables:
        table = file.table(name)
        line = file.line_of(name)
        check.only_keys(file, name, line, table, ("weight", "stems", "patterns", *LANGS))
        weight = table.get("weight", 1)
        if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 5:
            raise check.error_at(file, check.key_line(file, line, "weight"), f"{name}.weight", "expected 1 to 5")
        stems = _lower_list(file, f"{name}.stems", table.get("stems", []), line)
        patterns = tuple(
            check.regex(file, f"{name}.patterns", p)
            for p in _str_list(file, f"{name}.patterns", table.get("patterns", []), line)
        )
        phrases = {lang: check.text(file, name, line, table, lang) for lang in LANGS}
        stems_re = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(s) for s in stems) + ")") if stems else None
        rules.append(_TopicRule(Topic(name), weight, stems, stems_re, patterns, phrases))
    for topic in known:
        if topic not in tables:
            raise file.fail(topic, "missing: every topic needs a table (`other` may have one)")
    return tuple(rules)


def read_facts(
    file: DataFile,
) -> tuple[
    dict[str, tuple[re.Pattern[str], ...]],
    dict[str, tuple[re.Pattern[str], ...]],
    frozenset[str],
    frozenset[str],
    tuple[str, ...],
    tuple[str, ...],
    frozenset[str],
]:
    check.only_keys(file, "", 1, file.table(""), ("values", "flags", "words"))
    values: dict[str, tuple[re.Pattern[str], ...]] = {}
    tables = file.table("values")
    check.only_keys(file, "values", file.line_of("values"), tables, FACT_NAMES, what="fact")
    for name in tables:
        table = file.table(f"values.{name}")
        line = file.line_of(f"values.{name}")
        check.only_keys(file, f"values.{name}", line, table, ("patterns", "case"))
        case = check.flag(file, f"values.{name}", line, table, "case", False)
        flags = 0 if case else re.IGNORECASE
        found = []
        for pattern in _str_list(file, f"values.{name}.patterns", table.get("patterns"), line):
            compiled = check.regex(file, f"values.{name}.patterns", pattern, flags)
            if compiled.groups < 1:
                raise check.error_at(
                    file, check.line_after(file, line, pattern[:20]), f"values.{name}", "a pattern needs a group: (...)"
                )
            found.append(compiled)
        values[name] = tuple(found)
    flag_table = file.table("flags")
    line = file.line_of("flags")
    check.only_keys(file, "flags", line, flag_table, FLAG_NAMES, what="flag")
    flags_out = {
        name: tuple(check.regex(file, f"flags.{name}", p) for p in _str_list(file, f"flags.{name}", given, line))
        for name, given in flag_table.items()
    }
    words = file.table("words")
    line = file.line_of("words")
    lists = ("products", "services", "things", "staff", "indeclinable")
    check.only_keys(file, "words", line, words, lists)
    listed = {key: _lower_list(file, f"words.{key}", words.get(key, []), line) for key in lists}
    return (
        values,
        flags_out,
        frozenset(listed["products"]),
        frozenset(listed["services"]),
        listed["things"],
        listed["staff"],
        frozenset(listed["indeclinable"]),
    )


def _str_list(file: DataFile, where: str, found: Any, line: int) -> tuple[str, ...]:
    if not isinstance(found, list) or not all(isinstance(item, str) and item for item in found):
        raise check.error_at(
            file, check.key_line(file, line, where.rsplit(".", 1)[-1]), where, "expected a list of non-empty strings"
        )
    return tuple(found)


def _lower_list(file: DataFile, where: str, found: Any, line: int) -> tuple[str, ...]:
    items = _str_list(file, where, found, line)
    for item in items:
        if item != item.lower() or "ё" in item:
            at = check.line_after(file, line, f'"{item}"')
            raise check.error_at(file, at, where, f"{item!r}: write it in lower case, with е for ё")
    return items


# --------------------------------------------------------------------------------------------
# Reading


def normalise(text: str) -> str:
    return text.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def detect_language(text: str) -> str:
    """ru, uk or en: the language the author wrote in (Russian when unsure)."""
    if not _CYR_RE.search(text) or _english_with_cyrillic(text):
        words = len(_LAT_WORD_RE.findall(text))
        if words >= 2 and _EN_WORDS.search(text):
            return "en"
        # Three Latin words or more that are no Russian in Latin letters; "iPhone 13 iOS 17" is too little to tell.
        return "en" if words >= 3 and not _TRANSLIT.search(text) else "ru"
    if _RU_ONLY.search(text):
        return "ru"  # the letters only Russian has (the cheapest test first: most comments are Russian)
    if _UK_LETTERS.search(text):
        return "uk"
    low = text.lower()
    if _UK_WORDS.search(low) and len(_UK_WORDS.findall(low)) >= 2:
        return "uk"
    return "ru"


def _english_with_cyrillic(text: str) -> bool:
    """An English sentence with a few Cyrillic tokens in it (a plate «А123ВС», a street, a price «₽ руб»):
    those tokens say nothing of the author's language, the sentence around them does."""
    latin = len(_LAT_WORD_RE.findall(text))
    cyrillic = len(_CYR_WORD_RE.findall(text))
    return latin >= 4 and latin >= 4 * cyrillic and len(_EN_WORDS.findall(text)) >= 2


def read_comment(text: str | None, *, problem: str | None = None, kind: str | None = None) -> Reading:
    """The comment's topic, facts, language and whether it insults someone.

    Without a text (an older case, a call that only has the classifier's problem phrase) the problem
    phrase is read instead. ``kind`` is the chat's kind of business (``bot.replies.business``): its
    flags are the comment's too.
    """
    source = text if text and text.strip() else (problem or "")
    if not source.strip():
        return Reading()
    # A chat of no known kind: only the comment's own words say what business it is. The classifier's
    # phrase alone («доставка заказа») is read as it was.
    own = source is text
    return _read(source, kind, unknown=kind is None and own, own=own)


def topics_in(text: str) -> frozenset[Topic]:
    """The topics any of whose words or patterns ``text`` has, however weakly: what a clause of a
    comment can be about (``bot.replies.grounding`` asks it of the author's main clause)."""
    low = normalise(text)
    _, found = _matches(low, reading_data(), _screened().screen.candidates(low, plain(text)))
    return frozenset(rule.topic for rule, score in zip(reading_data().topics, found, strict=True) if score > 0)


@dataclass(frozen=True, slots=True)
class _Own:
    """What a comment's words say whatever the chat's kind of business: the dear part of its reading."""

    lang: str
    run: frozenset[int]  # the patterns that may match: see screen.py
    flags: frozenset[str]  # the flags its patterns raise
    found: tuple[int, ...]  # per topic rule, what its stems and patterns add
    values: tuple[tuple[str, str], ...]  # the facts' values, asides dropped
    heated: bool
    said: str | None  # the author's complaint clause (Russian, the author's own words)
    words: int
    mockery: bool  # only a mock of the stock answer (read when the comment is long)
    insult: bool


# A comment is read twice moments apart with the chat's kind and without it (its draft, then its
# incident's terms): its own part is kept for a few comments.
@lru_cache(maxsize=32)
def _own(text: str, own: bool) -> _Own:
    data = reading_data()
    # A title named as one («фильм «Повар, вор, его жена и её любовник»») says nothing of the comment:
    # «вор» in it calls nobody names.
    low = normalise(_TITLE_NAMED.sub(lambda m: " " * len(m.group(0)), text))
    lang = detect_language(text)
    run = _screened().screen.candidates(low, plain(text))  # the patterns that may match: see screen.py
    values = _values(text, run)
    reconcile(values, text)  # an id is the kind the author called it (given_ids.py)
    flags, found = _matches(low, data, run)
    _amounts(text, values, lang, compared="elsewhere" in flags)
    rival = values.pop("rival", None)
    if rival and "elsewhere" in flags and "amount2" in values:
        values["rival"] = rival[:1].lower() + rival[1:]  # «на Озоне 690, у вас 1150»: where the lower price is
    if "scores" in flags and values.get("perk", "").startswith("бал"):
        values.pop("perk")  # «6 баллов из 10» at a concert is a mark, not loyalty points
    if lang == "ru":
        _portion(text, values)
    _nouns(text, values, data)
    _items(text, values, run)
    _swap(text, values, run)
    _place(text, values, run)
    _clean(values)
    _drop_asides(text, values)
    words = len(_WORD_RE.findall(text))
    return _Own(
        lang,
        frozenset(run),
        frozenset(flags),
        tuple(found),
        tuple(values.items()),
        lang == "ru" and heated(text),
        complaint_clause(text) if own and lang == "ru" else None,
        words,
        words >= _DETAILED_WORDS and _only_mockery(text),
        _insults(_without_strong_words(text, run)),
    )


# A comment is read again moments apart: while it is handled (its draft, then its incident's terms)
# and when a wave brings the same words to many chats at once. Each kept reading holds its comment
# too (about 0.8 KB with it): 2,048 of them took about 1.6 MB.
@lru_cache(maxsize=512)
def _read(text: str, kind: str | None = None, *, unknown: bool = False, own: bool = True) -> Reading:
    """``unknown``: the chat's kind of business is not known; ``own``: ``text`` is the author's own
    comment, not the classifier's phrase, so its words can be repeated back."""
    data = reading_data()
    low = normalise(text)
    part = _own(text, own)
    lang = part.lang
    run = set(part.run)
    values = dict(part.values)
    flags, found = set(part.flags), list(part.found)
    flags |= flags_of(kind)
    if "price_asked" in flags and _RISE.search(low):
        flags.discard("price_asked")  # «подорожала на 30 рублей»: a rise, answered by the price rise's lines
    if flags & {"sticking_out", "fixture"}:
        flags.add("hazard")  # a rod, a loose handrail, a broken step where people pass: a danger, its place told
    # Russian drafts only, for now: the English and Ukrainian ones have their own pieces and owner.
    unknown = (unknown or "unknown_kind" in flags) and lang == "ru"
    flags.discard("unknown_kind")
    if unknown:
        flags.add("unknown_kind")
    if kind == "cafe" and "delivered" in flags and not _BROUGHT.search(low):
        flags.discard("delivered")  # «заказывала сырники» at a table: a café's order is not a delivery
    own_flags = flags_of(kind)
    if unknown or own_flags & _SERVICES:
        flags.add("services")
    if own_flags & {"venue", "unknown_kind", "operator"}:
        # A gym, a cinema or a clinic: «в зале» is no café's hall, «с карты» no bank's card, «пришли
        # билеты» no delivery; a railway's train that «пришла в 7:11» is no order. The flags of another
        # kind would bring its templates and asks.
        flags -= _OTHER_KINDS - own_flags
        if "operator" not in own_flags and (_BROUGHT.search(low) or "заказ" in low):
            flags.add("delivered")
    elif kind in kinds():
        flags -= _KIND_OWN - own_flags  # a bank's «тариф» is no mobile tariff
    elif unknown:
        # A chat of no known kind: a line of one business needs that business's own strong words.
        flags -= {flag for flag, words in _STRONG.items() if flag in flags and not words.search(low)}
    if "double_charge" in flags and not _MONEY_WORDS.search(low):
        flags.discard("double_charge")  # «восстанавливала пароль дважды» is no charge
    # (The asides were dropped before this: either drops the thing, in whichever order.)
    if "venue" in flags and values.get("thing", "").split()[-1:] and values["thing"].split()[-1] in _CITY_THINGS:
        del values["thing"]
    if values.get("promo") and values["promo"].lower() in ("code", "promo"):
        del values["promo"]
    if "photo" in values:
        flags.add("photo")
    if part.heated:
        flags.add("heated")
    if said := part.said:
        if not colloquial(said):  # «кондеи не пашут» is told, but never repeated in the brand's voice
            values["said"] = said
        flags.add("detailed")  # what went wrong is told: nothing more to ask about it
    if part.words >= _DETAILED_WORDS:
        if not part.mockery:
            flags.add("failure_named")
        if not ("mock_stock" in flags and "failure_named" not in flags):
            flags.add("detailed")
    first = values.pop(_FIRST_PRODUCT, None)
    named = frozenset(topic for topic, words in _NAMED.items() if words.search(low))
    topic = _topic(data, values, flags, found, kind, unknown=unknown, named=named)
    if "portion" in values and "amount" in values and topic in (Topic.OTHER, Topic.REFUND, Topic.QUALITY):
        # «было 20 фото за 8000, теперь за те же 8000 только 10»: less for the money is the price's
        # complaint, not a payment that hangs or a wait («было 2 часа съёмки»)
        topic = Topic.PRICE
        values.pop("waited", None)
        flags.discard("pending")
    line = topic is Topic.SUPPORT or (topic is Topic.RUDENESS and "hung_up" in flags)
    if line and _RISE.search(low) and _PRICED.search(low):
        # «тариф подняли на 200, а дозвониться невозможно»: the rise is the complaint, the wait on the
        # line the way the author tried to ask about it
        topic = Topic.PRICE
    if (
        topic is Topic.REFUND
        and flags & _MONEY_TAKEN == {"wants_refund"}
        and "amount" not in values
        and ("product" in values or _GOODS_FAILED.search(low))
        and "возврат" not in low
    ):
        # «третий раз кислый творог… деньги верните»: the goods are the complaint and the money back the
        # remedy asked for; no refund has failed yet.
        topic = Topic.QUALITY
    if topic in (Topic.APP, Topic.OUTAGE, Topic.OTHER) and "boycott" in flags and not _APP_FAILED.search(low):
        # «все удаляйте приложение, на рынке в 3 раза дешевле»: a call to leave over prices names the
        # app it wants deleted; nothing failed, so no outage is announced.
        topic = Topic.PRICE if _CHEAPER.search(low) else Topic.OTHER
    if "given_away" in flags and _HELD.search(low):
        flags.add("booking")  # «номер оплачен, а в него заселили других»: a place held, given away
    if (
        topic is Topic.PROMO
        and "discount_asked" in flags
        and _rise_asked(low, values)
        and not _PROMO_FAILED.search(low)
    ):
        # «подняли с 500 до 750, есть ли скидка студентам?»: the price is the complaint, the discount
        # asked about; no promo failed and no money is owed.
        topic = Topic.PRICE
    if ("child_gear" in flags and topic not in (Topic.ACCUSATION, Topic.POLITICS)) or (
        "injury" in flags and topic in (Topic.OTHER, Topic.QUALITY, Topic.RUDENESS)
    ):
        # A child's seat that cracked, a visitor hurt on the premises: safety whatever else is said.
        topic = Topic.SAFETY
    if (
        topic is Topic.REFUND
        and flags & {"late", "arrived_late"}
        and not flags & (_MONEY_TAKEN - {"wants_refund"} | {"atm", "bank", "blocked"})
        and ("delivered" in flags or "shop" in flags or values.get("order"))
        and "возврат" not in low
    ):
        # «коляску ждём третью неделю… верните деньги»: money back for what never came is the delivery.
        topic = Topic.DELIVERY
    if "not_received" in flags and topic in (Topic.OTHER, Topic.APP) and _MONEY_WORDS.search(low):
        topic = Topic.REFUND  # «paid for the pass, it isn't in my account»: the purchase, not a bug
    if topic is Topic.PRICE and _BROKE.search(low) and not _NAMED[Topic.PRICE].search(low):
        # «коронку за 25 тысяч поставили, через месяц откололась»: the sum is what it cost, the
        # complaint is that it broke.
        topic = Topic.OTHER
    if lang == "uk" and "operator" in flags and flags & _OFF and topic in (Topic.OTHER, Topic.SUPPORT):
        topic = Topic.OUTAGE  # «+14 у квартирі, гаряча лінія мовчить»: the heating is the complaint, not the line
    if "sale_start" in flags and "injury" in flags and "site" in flags:
        flags.discard("injury")  # «сайт впав на старті продажу»: a site falls, nobody is hurt
    if "sale_start" in flags and topic in (Topic.PROMO, Topic.OTHER) and _DOWN_AT_SALE.search(low):
        topic = Topic.APP  # «приложение легло в чёрную пятницу»: the outage lost the sale, not the offer
    if topic in (Topic.OTHER, Topic.QUALITY) and "amount" in values and sarcastic_spans(text):
        # «приём 3500, в клинике на Ленина 1800 — вы котов икрой кормите?»: a jibe of «too dear» beside a sum
        # is a price question, and a second sum is the other place's price.
        topic = Topic.PRICE
        flags.add("price_asked")
        if "amount2" in values:
            flags.add("elsewhere")
    if "thing" in values and lang == "ru" and not thing_failed(text, values["thing"]):
        # «из-под снега торчит штырь», «могли бы нормальный роутер поставить»: the thing is where it
        # happened or what the author wishes for, not what failed; the draft names no object.
        del values["thing"]
    if topic is Topic.SAFETY and flags & {"child_gear", "injury"}:
        flags.add("health")
    if first and topic not in (Topic.QUALITY, Topic.SAFETY):
        # The one the author comes back to is the complaint only about what the food or thing was
        # like; a late order with a missing sauce asked back is about the order's first dish.
        values["product"] = first
    mixed = _SIZE_RE.search(text) if _screened().may_match(_SIZE_RE, run) else None
    if topic is not Topic.PRICE and values.get("product") == "доставка":
        del values["product"]  # the delivery is a product only when its price is the question
    if topic is Topic.ITEMS and "swap" not in values and mixed:
        values["swap"] = f"перепутали {mixed.group(1).lower()}"
    facts = Facts(tuple(values.items()), frozenset(flags))
    return Reading(topic, facts, lang, part.insult, text)


# What is left of a mock of the stock answer once the quoted formula is taken out: a failure named
# («третий месяц сломан кондиционер») makes it a complaint to answer, «и всё, как обычно» does not.
_QUOTED = re.compile(r"[«\"„“][^»\"“”]*[»\"“”]")
_FAILURE = re.compile(
    r"не работа|не могут (?:почин|исправ)|не почин|не исправ|(?<![а-яё])нет (?:горяч|вод|свет|связ|интернет)"
    r"|сломан(?!а?ся)|отмен|грязн|потерял|не ответ|не пришл|не привез|не верну"
    r"|царапин|поцарап|пятн|порвал|испорт|повредил|не (?:тот|та|те|того) "
    r"|\b(?:scratch|stain|damag|wrong|loose|missing|never)"
    r"|\b(?:down|broken|crash\w*|not working|(?:doesn'?t|don'?t|won'?t) work|(?:can'?t|cannot) (?:fix|log|get))\b"
)


def _only_mockery(text: str) -> bool:
    rest = _QUOTED.sub(" ", text.lower().replace("ё", "е"))
    return len(_WORD_RE.findall(rest)) < _DETAILED_WORDS or not _FAILURE.search(rest)


def _values(text: str, run: set[int]) -> dict[str, str]:
    """Each fact's value: the first of its patterns that finds a non-empty one (of those in ``run``:
    the others cannot match)."""
    screened = _screened()
    patterns = screened.screen.patterns
    values: dict[str, str] = {}
    for name, places in screened.value_places:
        for place in places:
            found = patterns[place].search(text) if place in run else None
            if found:
                value = " ".join(found.group(1).split()).strip(" ,.-")
                if value:
                    values[name] = value
                    break
    return values


def _matches(low: str, data: ReadingData, run: set[int]) -> tuple[set[str], list[int]]:
    """The flags the normalised text ``low`` raises, and per topic rule what its stems (each distinct
    stem found) and patterns (each one found) add to its score, by its weight. Of the several hundred
    patterns, only those in ``run`` are searched: the others cannot match."""
    screened = _screened()
    patterns = screened.screen.patterns
    flags: set[str] = set()
    scores = [0] * len(data.topics)
    for place in run:
        if place >= len(screened.flag_of):
            continue  # a fact's value
        flag = screened.flag_of[place]
        if flag is not None:
            if flag not in flags and patterns[place].search(low):
                flags.add(flag)
            continue
        rule = screened.rule_of[place]
        if place in screened.stems:
            scores[rule] += len(set(patterns[place].findall(low))) * data.topics[rule].weight
        elif patterns[place].search(low):
            scores[rule] += data.topics[rule].weight
    return flags, scores


def _topic(
    data: ReadingData,
    values: dict[str, str],
    flags: set[str],
    found: list[int],
    kind: str | None = None,
    *,
    unknown: bool = False,
    named: frozenset[Topic] = frozenset(),
) -> Topic:
    """``found``: per topic rule, what its stems and patterns add to its score (``_matches``); ``kind``:
    the chat's kind of business."""
    own = flags_of(kind)
    # A city's operator (its transport company, a utility) is a city's channel for what it hardly has.
    city = _UNLIKELY["city"] if "city" in own else frozenset()
    unlikely = _UNLIKELY.get(kind or "") or city or (_VENUE_UNLIKELY if "venue" in own else frozenset())
    best, best_score = Topic.OTHER, 0
    given = flags | set(values)
    if {"blocked", "bank"} <= flags:
        given.add("card_blocked")  # a blocked card, not a blocked account or channel
    if values.get("staff", "").startswith("курьер"):
        given.add("order")  # a courier is a delivery's, whatever the chat
    for rule, score in zip(data.topics, found, strict=True):
        if rule.topic is Topic.DELIVERY and "operator" in own:
            continue  # a railway's train №6103 or a utility's repair crew is no order with a courier
        if rule.topic in unlikely and score < _SURE:
            continue  # one stray word of a topic the chat's kind hardly has ("висит" of a wire in a city)
        anchors = _ANCHORS.get(rule.topic, frozenset())
        if (
            unknown
            and score < _SURE
            and anchors
            and not anchors & (given | ({"named"} if rule.topic in named else set()))
        ):
            continue  # a kids' club's «дважды приехали» is no double charge, a cleaner who was late no courier
        # Missing or mixed-up items, once found, outweigh the money they cost; a double charge outweighs
        # the wait on the phone to report it.
        score += 3 if rule.topic is Topic.ITEMS and ("items" in values or "swap" in values) else 0
        score += 2 if rule.topic is Topic.REFUND and "double_charge" in flags else 0
        score = _adjust(rule.topic, score, flags, values)
        if score > best_score:
            best, best_score = rule.topic, score
    return best


# Topics a chat of that kind hardly has: one weak word of them is not enough («висит» of a wire over a
# bench is no app that hangs, «покупка» in a city channel no purchase), so the comment is read as
# `other` and answered in its own words, not with another business's template.
_UNLIKELY: dict[str, frozenset[Topic]] = {
    "city": frozenset({Topic.APP, Topic.REFUND, Topic.ITEMS, Topic.QUALITY, Topic.PROMO, Topic.DELIVERY}),
    "cafe": frozenset({Topic.APP, Topic.OUTAGE}),
    "bank": frozenset({Topic.ITEMS, Topic.QUALITY, Topic.DELIVERY}),
    "telecom": frozenset({Topic.ITEMS, Topic.QUALITY, Topic.DELIVERY}),
    "shop": frozenset({Topic.APP, Topic.OUTAGE}),
    "school": frozenset({Topic.ITEMS, Topic.DELIVERY, Topic.OUTAGE}),
}
_SURE = 2
# A chat whose kind of business is not known (a kids' club, a car dealer, a theatre): a topic that
# brings a particular business's template (an order and its courier, an app, a charge, a promo code, a
# provider's line, a purchase to exchange) is taken on one word of it only with one of these facts.
_ANCHORS: dict[Topic, frozenset[str]] = {
    Topic.DELIVERY: frozenset(
        {
            "order",
            "tracking",
            "parcel",
            "pickup",
            "marked_delivered",
            "wrong_hands",
            "handover",
            "not_shipped",
            "no_show",
            "wrong_address",
        }
    ),
    Topic.ITEMS: frozenset({"items", "swap", "empty_box", "opened"}),
    Topic.APP: frozenset(
        {"app", "device", "os", "login", "logout", "after_update", "site", "sms_code", "browser", "access"}
    ),
    Topic.REFUND: frozenset(
        {"charged", "wants_refund", "returned", "pending", "subscription", "transfer", "card_blocked"}
    ),
    Topic.PROMO: frozenset({"promo"}),
    Topic.OUTAGE: frozenset({"service", "mobile", "speed"}),
    Topic.QUALITY: frozenset({"worn_out"}),
    Topic.PRICE: frozenset({"amount2", "delivery_fee", "card_fee", "named", "price_asked"}),
    Topic.SUPPORT: frozenset({"support_silent", "canned", "hung_up", "ticket", "no_callback", "named"}),
}
# The topic named in so many words («цены выше», «подорожало», «ваша поддержка»), not only a word that
# may belong to anything (a sum, «долго»).
_NAMED = {
    Topic.PRICE: re.compile(
        r"(?<![а-яё])(?:цен[аыуеой]|дорого|дороже|подорож|дешевл|переплат|повысил|подняли (?:с|на|до) \d)"
    ),
    Topic.SUPPORT: re.compile(r"поддержк|оператор|горяч[а-я]+ лини|дозвон|саппорт|службу? заботы"),
}
# A place held for the author: booked, paid for or confirmed.
_HELD = re.compile(r"брон|оплач|подтвер|резерв|заказывал|заказали (?:стол|номер|дорожк)")
# Goods that came spoilt or broken, beside «деньги верните».
_GOODS_FAILED = re.compile(
    r"кисл|мят[ыао]|гнил|тухл|протух|разбит|тресн|трещин|сломан|расклеил|порвал|испорч|плесен|несвеж|брак"
)
# An app or a line that failed, beside a call to leave it.
_APP_FAILED = re.compile(
    r"не (?:работа|открыва|загружа|грузит|запуска|пуска|заходит|могу (?:войти|зайти|оплатить))|вылета|глюч|завис"
    r"|сбо[йия]|лага|ошибк|crash|bug|нет связи|нет интернет|не ловит"
)
_CHEAPER = re.compile(r"дешевл|дорож|дорог|цен[аыуеой]|тариф|переплат|перекуп|накрут|подорож|подняли|\d+ раза?")


# A promo that was there and failed: «промокод не сработал», «скидку не применили», «знижка не спрацювала».
_PROMO_FAILED = re.compile(
    r"не (?:сработа|срабатыва|примени|применя|прошл|прош[её]л|начисл|засчита|уч[её]л|учли|действ|дал[аи]? скидк)"
    r"|не спрацю|не застосув|не нарахув"
)


def _rise_asked(low: str, values: dict[str, str]) -> bool:
    return bool(_RISE.search(low) or "amount2" in values or _NAMED[Topic.PRICE].search(low))


# What a rise is a rise of: a price, a tariff, a fee, a membership.
_PRICED = re.compile(
    r"(?<![а-яё])(?:цен[аыуеой]|тариф|абонплат|абонентск|стоимост|абонемент|подписк|плат[аыуе]\b)|price|fee|tariff|plan"
)
_RISE = re.compile(r"подорож|подняли|повысил|поднял[аи]?(?![а-яё])|вырос|стал[аои]? дороже|went up|increased|raised")
_DETAILED_WORDS = 8
# A place visited in person hardly has deliveries, missing items or a provider's outages.
_VENUE_UNLIKELY = frozenset({Topic.DELIVERY, Topic.ITEMS, Topic.OUTAGE, Topic.APP, Topic.QUALITY})
# Things of a city's streets and yards: at a place visited in person «двор» is the view, not the subject.
_CITY_THINGS = frozenset(
    {
        "снег",
        "крыша",
        "светофор",
        "фонарь",
        "мусор",
        "яма",
        "самокат",
        "дорога",
        "тротуар",
        "площадка",
        "остановка",
        "автобус",
        "маршрутка",
        "пробка",
        "двор",
    }
)
_OTHER_KINDS = frozenset(
    {"cafe", "bank", "food", "delivered", "telecom", "city", "shop", "taxi", "school", "transport", "road"}
)
# A chat of these gives a service or a meal, not goods to use: a rash is the service's or the place's, no thing's.
_SERVICES = frozenset({"venue", "unknown_kind", "no_goods", "school", "city", "operator", "cafe"})
# Flags that bring one business's own lines (a mobile tariff's minutes and gigabytes): never in a chat of
# another known kind.
_KIND_OWN = frozenset({"telecom"})
# In a chat of no known kind, the words that alone make a comment that business's («тариф» or «лицевой
# счёт» do not: a notary, a planetarium and a utility have them too).
_STRONG = {
    "telecom": re.compile(
        r"интернет(?!-магазин| магазин)|роуминг|сим-?карт|гигабайт|\bгб\b|мобильн[а-я]* (?:связ|интернет)|"
        r"связь|связи\b|роутер|провайдер|оператор[а-я]* связи|\bsim\b|internet|інтернет|зв'яз|абонент|"
        r"скорост|[мк]бит|безлимит|биллинг|вай-?фай|wi-?fi|кабел"
    ),
}
# Harm a person took or nearly took: a safety matter whatever words of other topics stand beside it.
_HARM = frozenset({"reckless", "burn", "shock", "fire_exit"})
# Flags that keep a repair's failure a safety matter (a wheel left loose, wiring that sparks).
_DANGER = frozenset({"health", "fire_risk", "brakes", "vehicle"})

# A failure the author names beside a bare «мошенники»: answered as the failure, not as an accusation.
_FAILED = frozenset({"blocked", "charged", "double_charge", "no_show", "late", "pending", "returned"})
_MONEY_TAKEN = frozenset({"charged", "double_charge", "pending", "returned", "subscription", "wants_refund"})
_HANDED = frozenset({"handover", "wrong_hands"})
_ATTACK = frozenset({"boycott", "competitor", "claim_cheat"})
_TROLL_CLAIMS = frozenset({"claim_price", "claim_origin", "claim_pocket", "claim_unqualified"})
# Corruption, "you are paid by", hearsay: an accusation to answer with facts, never a refund or an apology.
_CLAIMED = frozenset({"claim_kickback", "claim_paid", "rumour"})


def _adjust(topic: Topic, score: int, flags: set[str], values: dict[str, str]) -> int:
    """The complaint itself outweighs the words around it: a member of staff praised on the way is not
    the problem; an imposed service or insurance is not a price rise; a parcel left at the door when
    it was to be handed over is about the delivery, not the packing; expired goods named in an attack
    with no one hurt are an accusation, not a health report."""
    if topic in (Topic.SUPPORT, Topic.RUDENESS) and "praise" in flags and "support_silent" not in flags:
        return 0
    claimed = flags & _CLAIMED if "elections" not in flags else flags & _CLAIMED - {"rumour"}
    if topic is Topic.ACCUSATION and claimed:
        # «подрядчик — зять замглавы, откаты», «вы на зарплате у мэрии», «говорят, вы списываете за царапины,
        # знакомому сняли 12 тысяч»: the claim is the subject, whatever failure or price it retells (a rumour
        # about elections stays politics: «правда, что вы отключаете интернет перед выборами?»)
        return score + 3 + 3 * len(claimed)
    if (
        topic is Topic.ACCUSATION
        and flags & _FAILED
        and not any(f.startswith("claim_") for f in flags - {"name_calling"})
    ):
        return 0  # «мошенники, заблокировали карту и держите деньги неделю»: the card is the complaint
    if topic is Topic.ITEMS and "service" in values and not ("items" in values or "swap" in values):
        return 0  # «интернета не было две недели»: a service that was down, not a missing item
    if topic is Topic.REFUND and "penalty" in flags:
        return score + 4  # a fine the author disputes is money to check, whatever else is named
    if topic is Topic.SAFETY and flags & {"fire_risk", "brakes", "vehicle"}:
        return score + 6  # a heater that smoked, brakes that failed, a wheel left loose: a danger, not a quality
    if topic is Topic.SAFETY and "venue" in flags and "health" in flags:
        return score + 6  # a tooth that aches after a filling, a burn after a dye: a health matter
    if topic is Topic.REFUND and "machine_return" in flags and flags.isdisjoint(_MONEY_TAKEN - {"wants_refund"}):
        return 0  # «шар из возврата вылетает»: the lane's ball return, not money back
    if topic is Topic.SAFETY and "after_repair" in flags and not flags & (_HARM | _DANGER):
        return 0  # «поменяли стекло, а Face ID не работает»: a repair's fault, not glass in food
    if topic is Topic.SAFETY and flags & _HARM:
        return score + 6  # a driver racing with a child aboard, a burn, a shock: never items or a mood
    if "speed" in flags and "telecom" in flags:
        # «тариф 100 Мбит, а вечером 8»: a line slower than the plan, not a price or a tariff question
        if topic is Topic.PRICE:
            return 0
        if topic is Topic.OUTAGE:
            return score + 3
    if topic is Topic.PRICE and "imposed" in flags:
        return 0
    if topic is Topic.PRICE and "price_question" in flags and "price_rise" not in flags:
        return score + 3  # «сколько стоит стрижка? на сайте нет»: the price is asked, not the site failing
    if topic is Topic.PRICE and "price_asked" in flags:
        return score + 3  # «8 тыщ за скипасс??»: the price is the complaint, whatever else is named
    if not flags.isdisjoint(_HANDED) and "staff" in values:
        if topic is Topic.ITEMS:
            return min(score, 2)
        if topic is Topic.DELIVERY:
            return score + 4
    if topic is Topic.APP and "access" in flags:
        return score + 2  # paid for and not opened: access, whatever else the comment names
    if topic is Topic.DELIVERY and "visit_missed" in flags and "telecom" not in flags:
        return 0  # a technician who never came is a missed visit, not an order on its way
    if topic is Topic.APP and "taxi" in flags and flags & {"cancelled", "late"}:
        return 0  # «в приложении водитель стоял на месте, потом отменил»: the ride, not the app
    if topic is Topic.SUPPORT and "lost_item" in flags:
        return 0  # the driver not answering is beside the point: the things left behind are
    if topic is Topic.SUPPORT and "access" in flags:
        return 0  # no access to what was paid for: the silence of a curator is said beside it
    late = flags & {"arrived_late", "late"}
    if topic is Topic.PRICE and "delivery_fee" in flags and late and "price_rise" not in flags:
        return score - 3  # «срочная доставка за 890 ₽, курьер приехал в 15:40»: the lateness, not the fee
    if topic is Topic.PRICE and "delivery_fee" in flags:
        return score + 2  # "доставка подорожала": the price of delivery, not a late courier
    if topic is Topic.REFUND and "worn_out" in flags and flags.isdisjoint(_MONEY_TAKEN - {"wants_refund"}):
        return score - 3  # «порвались через две недели, верните деньги»: the goods are the complaint
    if topic is Topic.QUALITY and "worn_out" in flags and flags.isdisjoint(_MONEY_TAKEN - {"wants_refund"}):
        return score + 3
    if topic is Topic.SUPPORT and "useless_answer" in flags:
        return score + 3  # a link instead of an answer, the same advice thrice: how support answered
    if topic is Topic.SUPPORT and "blocked" in flags:
        return score - 2  # a card blocked with the salary on it is the complaint; the hotline is said beside
    asks_only = "asks_compensation" in flags and flags.isdisjoint(_MONEY_TAKEN) and "amount" not in values
    if topic is Topic.REFUND and asks_only:
        return score - 2  # «будет перерасчёт?» after three days without internet: the outage is the complaint
    if topic is Topic.PRICE and "charged" in flags:
        return score - 2  # money taken is a charge to check, not a question of prices
    if topic is Topic.SUPPORT and "support_silent" in flags and "order" in values:
        return score - 1  # the order is the complaint; the silence of support is said beside it
    if topic in (Topic.PROMO, Topic.PRICE) and "scores" in flags and "amount" not in values:
        return 0  # marks of an exam or a concert lowered are no promo points and no price
    if topic is Topic.ACCUSATION and flags & _TROLL_CLAIMS:
        return score + 5  # «ценник как в ЦУМе, шьют в подвале»: the attack, not a price or a mood
    if topic is Topic.PRICE and "elsewhere" in flags and "amount2" in values:
        return score + 4  # «на Озоне 690, у вас 1150»: our price against another's, in any chat, under any label
    if "city" in flags:
        # In a city's channel the mayor's office is the subject, not politics (elections still are),
        # and a bus that an app shows but never comes is a bus, not an app failure.
        if topic is Topic.POLITICS and "elections" not in flags:
            return score - 3
        if topic is Topic.APP and "transport" in flags:
            return 0
        if topic is Topic.PRICE and "fare" in flags:
            return score  # «проезд с 1 января 65 рублей»: the fare is the complaint
        if topic in (Topic.REFUND, Topic.PRICE, Topic.OUTAGE) and "transport" in flags:
            return 0  # "раз в 40 минут вместо 10", "автобусы без отопления": the buses, not money or a line
        if topic is Topic.QUALITY and "thing" in values:
            return 0  # a leaking roof is the building's, not a purchase's quality
        if topic is Topic.SUPPORT and "thing" in values:
            return 0  # a request about a pothole left unanswered: the pothole is the complaint
    if "misled" in flags:
        # "обещали трудоустройство, а по факту записи вебинаров": the course itself, not a player's glitch
        if topic is Topic.APP:
            return 0
        if topic is Topic.QUALITY:
            return score + 3
    if topic in (Topic.APP, Topic.PRICE) and "pending" in flags:
        return 0  # a payment that never arrived is a money matter, whatever app it went through
    if topic is Topic.REFUND and "pending" in flags:
        return score + 1
    if "wrong_address" in flags:
        # "курьер перепутал подъезд": the delivery went wrong, not the order's contents
        if topic is Topic.ITEMS:
            return 0
        if topic is Topic.DELIVERY and score:
            return score + 2  # only where the comment speaks of a delivery: a taxi that stopped elsewhere is none
    if topic is Topic.ITEMS and "empty_box" in flags:
        return score + 3
    if topic is Topic.ACCUSATION and flags & {"claim_fake", "claim_staff"}:
        return score + 3
    attack = flags & _ATTACK
    if "health" not in flags and "expired" in flags and attack:
        if topic is Topic.SAFETY:
            return 0
        if topic is Topic.ACCUSATION:
            return score + 3
    return score


def _without_strong_words(text: str, run: set[int]) -> str:
    """The comment without its strong words about the company («Позорище, а не город», «отстой, а не
    банк»): they are anger at a place or a service, not an insult to anyone in it."""
    screened = _screened()
    for place in run:
        if place < len(screened.flag_of) and screened.flag_of[place] == "about_us":
            text = screened.screen.patterns[place].sub(" ", text.lower().replace("ё", "е"))
    return text


def _insults(text: str) -> bool:
    from bot.replies.lint import has_insult

    return has_insult(text)


_CURRENCY_AFTER = re.compile(r"\d\s*([^\d\s.,][^\d]*)$")
_BARE_SUM = re.compile(r"\d[\d\s]*(?:[.,]\d+)?")


def _amounts(text: str, values: dict[str, str], lang: str, compared: bool = False) -> None:
    """``compared``: the comment sets a price against another place's («на Озоне 690, у вас 1150»), so its
    bare numbers are the two prices."""
    found: list[str] = []
    scores = bool(_SCORES.search(text))
    for m in _AMOUNT_RE.finditer(text):
        number, currency = m.group(1), m.group(2)
        before = text[max(0, m.start() - 14) : m.start()]
        after = text[m.end() : m.end() + 10]
        if currency is None and not number.startswith(_PREFIXED):
            priced = _PRICED_AFTER.match(text[m.end() : m.end() + 30])
            if not (_AMOUNT_CONTEXT.search(before) or priced or compared) or _NOT_AMOUNT_AFTER.match(after):
                continue
            if _NOT_AMOUNT_BEFORE.search(before) or (scores and not _MONEY_BEFORE.search(before)):
                continue
            if re.fullmatch(r"\d{1,2}", number.strip()):
                continue
            # «до 11.03», «на 7.0», «рейтинг 9.2»: a date, a time or a score has the shape of a sum with
            # kopecks; with no currency it is money only after a word that says so («стоил 12.50»).
            if _DATE_OR_SCORE.fullmatch(number.strip()) and not _PAID_BEFORE.search(before):
                continue
            if values.get("order", "") and number.replace(" ", "") in values.get("order", ""):
                continue
        if any(number.replace(" ", "") in (values.get(k) or "") for k in ("order", "ticket", "contract", "tracking")):
            continue
        if currency is None and number == values.get("date"):  # «вернула 12.11»: a date, not a sum
            continue
        found.append(_money(number, currency, lang, text))
        if len(found) == 2:
            break
    written = {c.group(1) for v in found if (c := _CURRENCY_AFTER.search(v))}
    if len(written) == 1:
        # «89 грн, а на полиці 112»: the currency written once is the other sum's too
        found = [f"{v} {next(iter(written))}" if _BARE_SUM.fullmatch(v) else v for v in found]
    if found:
        values["amount"] = found[0]
    if len(found) > 1 and found[1] != found[0]:
        values["amount2"] = found[1]  # «за те же 8000» is the same sum again, not a second one


_COUNTED = re.compile(
    r"(?<![\d.,])(\d{1,4})\s*(шт|штук|фото|кусоч[а-я]*|ролл[а-я]*|г|гр|грамм|мл|занятий|снимк[а-я]*)(?![а-яё])"
)
_BEFORE = re.compile(r"(?:было|был|была|раньше|прежде)\b[^.!?\d]{0,40}$")


def _portion(text: str, values: dict[str, str]) -> None:
    """``{portion}``: «24 шт вместо 32» when the author counts one unit twice, before and now («было 32
    шт за 1290, стало 24 шт за 1490»); the count said after «было/раньше» is the old one, else the first."""
    found = [(m, m.group(2)[:3]) for m in _COUNTED.finditer(text)]
    for i, (first, unit) in enumerate(found):
        for second, other in found[i + 1 :]:
            if other != unit or first.group(1) == second.group(1):
                continue
            old, new = first, second
            if _BEFORE.search(text[max(0, second.start() - 40) : second.start()]) and not _BEFORE.search(
                text[max(0, first.start() - 40) : first.start()]
            ):
                old, new = second, first
            values["portion"] = f"{new.group(1)} {new.group(2)} вместо {old.group(1)}"
            return


def _money(number: str, currency: str | None, lang: str, text: str) -> str:
    number = " ".join(number.replace("\u00a0", " ").replace("\u202f", " ").split())
    if re.fullmatch(r"\d{5,}", number):
        number = f"{int(number):,}".replace(",", " ")  # 15000 -> 15 000
    if number.startswith(_PREFIXED):
        return number.replace(" ", "")  # "$40", "£3.90", "€12"
    cur = (currency or "").lower().rstrip(".")
    if cur.startswith(("руб", "р", "rub")) or cur == "₽":
        return f"{number} ₽"
    if cur.startswith(("грн", "грив", "uah")):
        return f"{number} грн"
    if cur in ("$", "usd") or cur.startswith("долл"):
        return f"{number} {'USD' if cur == 'usd' else '$'}".replace(" $", " $")
    if cur in ("€", "eur", "евро"):
        return f"{number} €"
    if cur.startswith("тыс"):
        return f"{number} тыс."
    if lang == "ru" and _CYR_RE.search(text):
        return f"{number} ₽"
    # A Ukrainian comment with no currency written keeps its bare number: «3200» may be hryvnias, roubles
    # or anything else, and a draft that names a currency the author did not is a misreading (round 15).
    return number


def _parses(word: str) -> tuple[Any, ...]:
    return _parses_of(word.lower())


# Most of a draft's cost was pymorphy3 walking its dictionary for the same everyday words in every
# comment; their parses are kept (bounded: a chat's working vocabulary fits), once for every reader
# (``bot.replies.grammar.morph``).
def _parses_of(word: str) -> tuple[Any, ...]:
    return kept_parses(word)


@lru_cache(maxsize=8192)
def _inflected(parse: Any, grammemes: frozenset[str]) -> Any:
    """``parse.inflect(grammemes)``, kept: pymorphy3 builds the word's whole paradigm for each call,
    and the same products, staff and adjectives come back in comment after comment."""
    return parse.inflect(set(grammemes))


_SEVERAL = re.compile(r"(?<![\w,.])(?:[2-4]|\d*[02-9][2-4]|два|две|три|четыре|оба|обе)\s+$", re.IGNORECASE)


def _noun_phrase(tokens: list[re.Match[str]], index: int, lemma: str, parse: Any, text: str) -> str | None:
    """The noun at ``index`` in the nominative (number kept), with an agreeing adjective before it and
    a short tail after it ("роллы с лососем", "курс по Excel")."""
    number = "plur" if parse.tag.number == "plur" else "sing"
    if parse.tag.case == "gent" and _SEVERAL.search(text[max(0, tokens[index].start() - 12) : tokens[index].start()]):
        number = "plur"  # «2 билета», «три пиццы»: the genitive singular of a count means several
    form = (
        _inflected(parse, frozenset({"nomn", number})) if "Pltm" not in parse.tag and "Sgtm" not in parse.tag else None
    )
    noun = str(form.word) if form is not None else lemma
    if parse.tag.number == "plur" and "Pltm" in parse.tag:
        nominative = _inflected(parse, frozenset({"nomn"}))
        noun = str(nominative.word) if nominative else lemma
    words = [noun]
    if index > 0:
        prev = tokens[index - 1]
        between = text[prev.end() : tokens[index].start()]
        if between.strip() == "" and not (prev.group(0)[:1].isupper() and index > 1):
            # a capitalised word mid-sentence is a name ("на Полевой лифт"), not the product's adjective
            for p in _parses(prev.group(0)):
                if "Apro" in p.tag or "Anum" in p.tag:
                    break
                if p.tag.POS == "ADJF" and p.tag.case == parse.tag.case and p.tag.number == parse.tag.number:
                    adj = _inflected(
                        p,
                        frozenset(
                            {"nomn", number}
                            | ({str(parse.tag.gender)} if number == "sing" and parse.tag.gender else set())
                        ),
                    )
                    if adj is not None and p.normal_form not in (
                        "холодный",  # the complaint itself, not the name of the product
                        "чужой",
                        "остывший",
                        "сырой",
                        "ваш",
                        "наш",
                        "этот",
                        "свой",
                        "который",
                        "весь",
                        "каждый",
                    ):
                        words.insert(0, str(adj.word))
                    break
    if index + 2 < len(tokens):
        prep, nxt = tokens[index + 1], tokens[index + 2]
        gap1 = text[tokens[index].end() : prep.start()]
        gap2 = text[prep.end() : nxt.start()]
        word = nxt.group(0)
        latin_or_name = not _CYR_RE.search(word) or word[:1].isupper()
        with_what = prep.group(0).lower() == "с" and any(
            p.tag.POS == "NOUN" and p.tag.case == "ablt" for p in _parses(word)[:2]
        )
        if gap1 == " " and gap2 == " " and ((prep.group(0).lower() == "по" and latin_or_name) or with_what):
            words += [prep.group(0).lower(), word]
    return " ".join(words)


@lru_cache(maxsize=8192)
def _word_noun(word: str) -> tuple[str, Any, str] | None:
    """A word as ``_nouns`` reads it, kept per word (the same words come back in every comment): None
    without a Cyrillic letter, else the word normalised, its first reading as a noun among its first
    three parses (or None) and that reading's lemma."""
    if not _CYR_RE.search(word):
        return None
    for parse in _parses(word)[:3]:
        if parse.tag.POS == "NOUN":
            return normalise(word), parse, str(parse.normal_form).replace("ё", "е")
    return normalise(word), None, ""


_PRAISE = re.compile(r"^(?:нормальн|хорош|вкусн|отличн|норм$|ок$|ничего$|fine$|good$|ok$)", re.IGNORECASE)


_FIRST_PRODUCT = "_first_product"
_BROUGHT = re.compile(r"доставк|курьер|привез|привоз|приехал|на дом|на адрес")
_LINKS = frozenset({"был", "была", "было", "были", "вполне", "очень", "вроде", "как", "всегда"})


def _praised(tokens: list[re.Match[str]], index: int) -> bool:
    """Whether the word at ``index`` is praised right after it («раф нормальный», «кофе был вкусный»)."""
    following = [t.group(0).lower() for t in tokens[index + 1 : index + 3]]
    if following and following[0] in _LINKS:
        following = following[1:]
    return bool(following) and bool(_PRAISE.match(following[0]))


# A title or a name in quotes («Мастер и Маргарита», «Суши Мастер»), or named after «книга», «фильм»,
# «спектакль»… («фильм Курьер»): its words name no member of staff (round 15). A quote in lower case is
# the author's or the app's words («передан курьеру»), and its staff is real.
_TITLE_RE = re.compile(
    r"«[A-ZА-ЯЁІЇЄҐ][^»]{0,80}»|„[A-ZА-ЯЁІЇЄҐ][^“”]{0,80}[“”]|“[A-ZА-ЯЁІЇЄҐ][^”]{0,80}”|\"[A-ZА-ЯЁІЇЄҐ][^\"]{0,80}\"|"
    r"(?<![а-яёіїєґ])(?:книг|роман|фильм|кино|мультфильм|мультик|сериал|спектакл|пьес|песн|альбом|"
    r"фільм|книж|вистав|пісн)[а-яёіїєґ]*\s+(?:про\s+)?[«„“\"]?[А-ЯЁІЇЄҐ][^.!?,;:«»\"]{0,40}"
)


_TITLE_NAMED = re.compile(
    r"(?<![а-яёіїєґ])(?:книг|роман|фильм|кино|мультфильм|сериал|спектакл|пьес|песн|альбом|фільм|вистав|пісн)"
    r"[а-яёіїєґ]*\s+(?:«[^»]{1,80}»|“[^”]{1,80}”|\"[^\"]{1,80}\")",
    re.IGNORECASE,
)


def _in_title(spans: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in spans)


_DOWN_AT_SALE = re.compile(
    r"(?:сайт|приложени|сервис|застосун|додат|сервіс|site|app)[а-яії]*[^.!?]{0,30}"
    r"(?:лег|лёг|упал|завис|висел|не грузил|не загружал|впав|ліг|не вантажив|crashed|went down)"
    r"|(?:не грузил|завис|висел)[а-я]*[^.!?]{0,20}(?:сайт|приложени|сервис)",
    re.IGNORECASE,
)
_OFF = frozenset({"heating_off", "hot_water_off", "water_off", "power_off"})


def _nouns(text: str, values: dict[str, str], data: ReadingData) -> None:
    tokens = list(_WORD_RE.finditer(text))
    titles = [m.span() for m in _TITLE_RE.finditer(text)]
    wanted = {
        "product": data.products,
        "service": data.services,
        "thing": frozenset(data.things),
        "staff": frozenset(data.staff),
    }
    things: list[tuple[int, str]] = []
    staff: list[tuple[int, str]] = []
    products: list[tuple[str, str]] = []  # (lemma, phrase) in the order written
    praised: set[str] = set()
    jibes = sarcastic_spans(text)
    for index, token in enumerate(tokens):
        word = _word_noun(token.group(0))
        if word is None:
            continue
        jibe = in_spans(jibes, token.start())  # «масло из золота заливаете?»: the author's jibe, no failed thing
        raw, parse, lemma = word
        if raw == "курсе" and index > 0 and tokens[index - 1].group(0).lower() == "в":
            continue  # "держите в курсе" is no course
        if raw.startswith("дорог") and index > 0 and tokens[index - 1].group(0).lower() in ("всю", "через"):
            continue  # "всю дорогу смотрел в телефон", "в аптеке через дорогу": no road to repair
        if raw in data.indeclinable:
            for name, lemmas in wanted.items():
                if jibe and name != "staff":
                    continue
                if name == "product" and raw in lemmas:
                    if _praised(tokens, index):
                        praised.add(raw)
                    else:
                        products.append((raw, raw))
                elif name not in values and raw in lemmas:
                    values[name] = raw
            continue
        if parse is not None:
            for name, lemmas in wanted.items():
                if name in values or lemma not in lemmas or (jibe and name != "staff"):
                    continue
                if name == "thing":
                    phrase = _noun_phrase(tokens, index, lemma, parse, text)
                    if phrase:
                        things.append((data.things.index(lemma), phrase))
                    continue
                if name == "staff":
                    if not _in_title(titles, token.start()):
                        staff.append((data.staff.index(lemma), lemma))
                elif name == "product":
                    if _praised(tokens, index):  # «раф нормальный, а чизкейк кислый»: the other one
                        praised.add(lemma)
                    else:
                        indeclinable = lemma in data.indeclinable
                        phrase = lemma if indeclinable else _noun_phrase(tokens, index, lemma, parse, text)
                        if phrase:
                            products.append((lemma, phrase))
                elif lemma in data.indeclinable:
                    values[name] = lemma
                else:
                    phrase = _noun_phrase(tokens, index, lemma, parse, text)
                    if phrase:
                        values[name] = phrase
    products = [(lemma, phrase) for lemma, phrase in products if lemma not in praised] or products
    if products and "product" not in values:
        # The one the author comes back to is the complaint («капучино и сырники. Сырники принесли
        # холодные»); on a tie, the first named.
        counts = {lemma: sum(1 for lem, _ in products if lem == lemma) for lemma, _ in products}
        top = max(counts.values())
        values["product"] = next(phrase for lemma, phrase in products if counts[lemma] == top)
        if values["product"] != products[0][1]:
            values[_FIRST_PRODUCT] = products[0][1]
    if things:
        values["thing"] = min(things)[1]
    if staff:
        values["staff"] = min(staff)[1]


def _found(rx: re.Pattern[str], text: str, run: set[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for one of ``_SEARCHED_HERE``, not run when the screen says it cannot match."""
    return rx.finditer(text) if _screened().may_match(rx, run) else iter(())


def _triggers(text: str, run: set[int]) -> list[tuple[re.Match[str], str]]:
    found = [(m, "gent") for m in _found(_GENT_TRIGGER, text, run)]
    for m in _found(_WITHOUT, text, run):
        near = text[max(0, m.start() - 35) : m.start()] + " " + text[m.end() : m.end() + 40]
        if _DELIVERED_NEAR.search(near):
            found.append((m, "gent"))
    found.sort(key=lambda pair: pair[0].start())
    return found + [(m, "accs") for m in _found(_ACCS_TRIGGER, text, run)]


def _items(text: str, values: dict[str, str], run: set[int]) -> None:
    for m, governs in _triggers(text, run):
        rest = text[m.end() :]
        end = _CLAUSE_END.search(rest)
        span = rest[: end.start()] if end else rest
        span = re.sub(r"\bбез\s+", "", span, flags=re.IGNORECASE)
        words: list[str] = []
        listed = span.split()[:6]
        for n, word in enumerate(listed):
            bare = word.strip(",")
            if _CYR_RE.search(bare) and any(p.tag.POS in ("VERB", "INFN", "PRTS") for p in _parses(bare)[:1]):
                break
            words.append(bare)
            if word.endswith(",") and not (
                n + 1 < len(listed) and any(p.tag.case == "gent" for p in _parses(listed[n + 1].strip(","))[:2])
            ):
                break  # "без фурнитуры, сборщик уехал": the list of items ends at the comma
        span = " ".join(words).strip(" ,")
        if not span or not _CYR_RE.search(span.split()[0]):
            continue
        first = _parses(span.split()[0])
        if not first or str(first[0].normal_form) in _NOT_ITEMS:
            continue
        if first[0].tag.POS not in ("NOUN", "ADJF", "NUMR"):
            continue
        if governs == "gent":
            if not any(p.tag.case == "gent" for p in first):
                continue
            values.setdefault("items", span)
        else:
            gent = try_inflect_phrase(span, "gent")
            if gent is not None:
                values.setdefault("items", gent)
        return


def _swap(text: str, values: dict[str, str], run: set[int]) -> None:
    for pattern in _SWAP_RES:
        m = pattern.search(text) if _screened().may_match(pattern, run) else None
        if m:
            clause = " ".join(m.group(1).split()).strip(" ,")
            first = clause.split()[0]
            values["swap"] = first.lower() + clause[len(first) :]
            return


def _place(text: str, values: dict[str, str], run: set[int]) -> None:
    for index, pattern in enumerate(_PLACE_RES):
        for m in _found(pattern, text, run):
            place = " ".join(m.group(1).split()).rstrip(",")
            name = re.sub(
                r"^(?:ул\.?|улице|проспекте|пр-те|вул\.|вулиц[яі]|доме?\s+\d+[а-я]?\s+по(?:\s+улице)?)\s*", "", place
            )
            head = name.split()[0].strip(",").lower() if name.split() else ""
            if not head or head in _NOT_PLACES:
                continue
            if index == 3:
                parses = _parses(head)
                if parses and parses[0].tag.POS not in ("NOUN", "ADJF") and "Surn" not in parses[0].tag:
                    continue
                place = f"на {place}"
            elif index == 0:
                place = f"в {place}"
            elif index in (4, 5):
                place = f"на {place}"
            elif index == 6:
                place = f"в доме {place}"
            values["place"] = place
            return


def _clean(values: dict[str, str]) -> None:
    for key in ("since", "waited"):
        if key in values:
            values[key] = values[key].lower()
    if "perk" in values:
        values["perk"] = _perk(values["perk"])
    for key in ("device", "os", "browser"):
        if key in values:
            values[key] = values[key].strip()
    if "device" in values and "os" in values and values["os"].lower() in values["device"].lower():
        del values["os"]


_MONEY_WORDS = re.compile(
    r"спис|снял|сняли|оплат|заплат|платеж|плат[иі]|деньг|гроші|руб|₽|грн|[$€£]|charg|paid|pay|bought|purchas|купил|купила|куплен"
)
_BROKE = re.compile(r"откол|раскрош|сломал|треснул|развалил|отвалил|выпал[аи]? (?:пломб|коронк)|гаранти|warranty|broke")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
# A thing merely passed by on the way («даже к ноутбуку не подошёл») is not what went wrong.
_TOWARDS = re.compile(r"(?<![а-яё])(?:к|ко|до)\s+$")


def _drop_asides(text: str, values: dict[str, str]) -> None:
    """A draft names a thing only where the comment complains of it: not one the author only went
    towards («даже к ноутбуку не подошёл»)."""
    sentences = [s.strip() for s in _SENTENCE.findall(text.lower().replace("ё", "е")) if s.strip()]
    for key in ("product", "thing"):
        value = values.get(key)
        if not value:
            continue
        stem = value.lower().replace("ё", "е").split()[-1][:5]
        where = [s for s in sentences if stem in s]
        if not where:
            continue
        if all(_TOWARDS.search(s[: s.index(stem)]) for s in where):
            del values[key]


def _perk(word: str) -> str:
    low = word.lower()
    if low.startswith("акци"):
        return "акция" + low[low.index(" ") :] if " " in low else "акция"
    for parse in _parses(low.split()[0]):
        if parse.tag.POS == "NOUN":
            number = "plur" if parse.tag.number == "plur" else "sing"
            form = _inflected(parse, frozenset({"nomn", number}))
            return str(form.word) if form is not None else low
    return low
