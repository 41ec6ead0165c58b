"""Care and remedy that match the harm the author describes.

The composed drafts name a failure by its topic, which understates some harms: a courier who threw a box
of electronics into a puddle is no delivery that «подвела» and wants no «привезём к …»; a birthday gift
two weeks late is a spoilt birthday, not a delay; glasses that gave headaches want «не носите», a remake
and a check, not «простите, что так вышло»; a child's fracture wants a wish to recover and an internal
check, never a concussion's advice; a price rise beside a worse service wants both answered. This module
looks at the comment's own words after a draft is made and, for these harms only, puts the draft that fits:

* ``handled`` / ``handed_in``: goods mishandled by staff, or taken back damaged from a service: it is
  unacceptable (said as a rule, not as an admission of this case), a damage report, the remedy slot;
* ``occasion``: the occasion the failure spoilt is named and apologised for, with a compensation slot;
* ``product``: harm to health from a product: stop using it, a check of the batch or of how it was made,
  the remedy slot, a doctor if it goes on;
* ``injury``: a bone or joint hurt: the call today, a wish to recover, the internal check;
* a price complaint's second failure gets a sentence of its own after the price's draft.

The remedy is a slot the admin fills (``bot.replies.remedy``), and only in drafts the admin sends: an
impulsive comment's draft goes out by itself after a delay, so it offers the next step without a slot.
Texts and patterns: ``bot/replies/data/harm.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.datafiles import DataFile, load
from bot.domain.reading import Reading, Topic
from bot.domain.verdicts import Label
from bot.replies import datacheck as check
from bot.replies.deadline import deadline
from bot.replies.grammar import colloquial, morph, reply_name
from bot.replies.reading import read_comment
from bot.replies.remedy import remedy_slot
from bot.replies.shapes import author_ids, questions

PACKAGE = "bot.replies.data"
_PATTERNS = (
    "handled", "harm_done", "handed_in", "damaged", "harmed", "ours", "not_product", "wear", "ingest", "device", "made",
    "injury", "occasion_failed", "late", "wrong_goods", "second", "second_failure", "second_not",
)  # fmt: skip
_TEXTS_RU = (
    "handled", "handed_in", "report", "report_seen", "damage_soft", "occasion", "occasion_act", "occasion_soft",
    "product", "stop_wear", "stop_ingest", "stop_device", "stop_other", "check_made", "check_batch", "ask_batch",
    "product_soft", "doctor", "doctor_seen", "injury", "injury_call", "injury_check", "second",
)  # fmt: skip
_TEXTS_EN = ("occasion", "occasion_act", "occasion_soft")
# Drafts an admin reads before sending: they may carry a slot to fill.
_SLOTTED = frozenset({Label.CONSTRUCTIVE})
_ADDRESSED = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE})
# A wish to recover already in the draft, and the advice of another harm that a named injury does not need.
_RECOVERY = re.compile(r"выздоровл|поправляйтесь", re.IGNORECASE)
_HEAD_TAIL = re.compile(
    r"\s*(?:Если появятся головная боль, тошнота или отёк[^.]*\.|Надеемся, вс[её] обошлось\.)", re.IGNORECASE
)
_CALL = re.compile(r"позвон|свяжемся|свяжется", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s+(?:—|-)\s+|,\s*(?:хотя|так что|потому что|поэтому|а\s)|\s+за что\b", re.IGNORECASE)
_BATCH = re.compile(r"парти[яиюей]\s*№?\s*([A-ZА-ЯЁ]{0,3}-?\d[\d-]*)", re.IGNORECASE)
# The part before a second failure is a price that rose: «было 12 000, теперь 18 500», «900 вместо 500».
_PRICE_RISE = re.compile(
    r"вместо|подорожа|подняли|стал[аио]?\b|стоил|был[аио]?\b|теперь|с \d[\d ]* до \d|до \d[\d ]* с \d", re.IGNORECASE
)
_SECOND_PERSON = re.compile(r"\b[а-яё]+(?:ете|ите|ёте)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Occasion:
    match: re.Pattern[str]
    loss: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Harm:
    patterns: dict[str, re.Pattern[str]]
    stems: dict[str, tuple[str, ...]]  # the product words of each kind, in the file's order of preference
    occasions: tuple[_Occasion, ...]
    texts: dict[str, dict[str, tuple[str, ...]]]


_STEMS = ("wear", "ingest", "device", "made")


def _regex(file: DataFile, where: str) -> re.Pattern[str]:
    parts = file.strings(where)
    for part in parts:
        check.regex(file, where, part, re.IGNORECASE)
    start = r"(?<![а-яёa-z])" if where.rsplit(".", 1)[-1] in _STEMS else ""  # «очк» begins a word, not «дочки»
    return re.compile("|".join(f"{start}(?:{p})" for p in parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _harm() -> _Harm:
    file = load(PACKAGE, "harm.toml")
    check.only_keys(file, "", 1, file.table(""), ("patterns", "occasion", "texts"))
    check.only_keys(file, "patterns", file.line_of("patterns"), file.table("patterns"), _PATTERNS)
    patterns = {key: _regex(file, f"patterns.{key}") for key in _PATTERNS}
    found = check.items(file, "occasion", file.get("occasion"))
    lines = check.item_lines(file, "occasion", len(found))
    occasions = []
    for n, table in enumerate(found):
        check.only_keys(file, "occasion", lines[n], table, ("match", "ru", "en"))
        words = table.get("match")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise check.error_at(file, lines[n], "occasion.match", "expected a list of non-empty strings")
        for word in words:
            check.regex(file, "occasion.match", word, re.IGNORECASE)
        loss = {lang: check.text(file, "occasion", lines[n], table, lang) for lang in ("ru", "en")}
        occasions.append(_Occasion(re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE), loss))
    texts: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, keys in (("ru", _TEXTS_RU), ("en", _TEXTS_EN)):
        table = file.table(f"texts.{lang}")
        check.only_keys(file, f"texts.{lang}", file.line_of(f"texts.{lang}"), table, keys)
        texts[lang] = {}
        for key in keys:
            value = table.get(key)
            variants = (value,) if isinstance(value, str) else value
            if (
                not isinstance(variants, (list, tuple))
                or not variants
                or not all(isinstance(v, str) and v for v in variants)
            ):
                raise file.fail(f"texts.{lang}.{key}", "expected a text or a list of texts")
            texts[lang][key] = tuple(variants)
    stems = {key: file.strings(f"patterns.{key}") for key in ("wear", "ingest", "device")}
    return _Harm(patterns, stems, tuple(occasions), texts)


def harm_data() -> None:
    """Read and check ``harm.toml`` now (``bot.replies.load_data``)."""
    _harm()


def _has(key: str, text: str) -> bool:
    return bool(_harm().patterns[key].search(text))


def _text(lang: str, key: str, case_id: int = 0) -> str:
    variants = _harm().texts[lang][key]
    return variants[case_id % len(variants)]


def _opening(sentence: str, author_name: str | None, lang: str) -> str:
    name = reply_name(author_name, lang)
    return f"{name}, {sentence}" if name else sentence[:1].upper() + sentence[1:]


def _ids(text: str, lang: str) -> str:
    found = author_ids(text)
    if not found:
        return ""
    return f" по номеру {', '.join(found)}" if lang == "ru" else f" under {', '.join(found)}"


def kind_of_harm(label: Label, reading: Reading) -> str | None:
    """Which harm the comment describes, of those this module answers, or None."""
    text = reading.text or ""
    if label not in _ADDRESSED or not text or reading.insult:
        return None
    if reading.lang == "ru":
        if _has("injury", text) and "refund" not in questions(text):
            return "injury"  # «сын сломал руку, можно вернуть за абонемент?» asks about the rules
        if _has("harmed", text) and _has("ours", text) and not _has("not_product", text) and _product_named(text):
            return "product"  # «после вашего бассейна» is a place: the safety tables answer it
        if _has("handled", text) and _has("harm_done", text):
            return "handled"
        if _has("handed_in", text) and _has("damaged", text):
            return "handed_in"
    found = second_failure(text) if reading.lang == "ru" else None
    # The price part read alone: a word of the second clause («стёкла», «гарантия») may have led the whole astray.
    if found is not None and (reading.topic is Topic.PRICE or read_comment(found[0]).topic is Topic.PRICE):
        return "second"
    # A wrong bouquet for an anniversary gets the items' remedy, unless it came late too.
    late = reading.topic is not Topic.ITEMS or not _has("wrong_goods", text) or _has("late", text)
    if reading.lang in ("ru", "en") and reading.topic is not Topic.PRICE and late and _has("occasion_failed", text):
        # A taxi's «поездка» is the ride; in a chat of no known kind the word alone makes no taxi.
        taxi = "taxi" in reading.facts.flags and "unknown_kind" not in reading.facts.flags
        # An occasion still ahead («нам в субботу на юбилей») is not spoilt yet: the deadline line answers it.
        if _occasion(text) is not None and not taxi and deadline(text) is None:
            return "occasion"
    return None


def _product_named(text: str) -> bool:
    return any(_has(key, text) for key in ("wear", "ingest", "device", "made"))


def _occasion(text: str) -> _Occasion | None:
    return next((o for o in _harm().occasions if o.match.search(text)), None)


def second_failure(text: str) -> tuple[str, str] | None:
    """A price complaint's second failure: (the part about the price, the clause of the other failure)."""
    for m in _harm().patterns["second"].finditer(text):
        clause = _CLAUSE_END.split(m.group("clause"), maxsplit=1)[0].strip(" ,;:—-")
        head = text[: m.start()].strip()
        if not (re.search(r"\d", head) and _PRICE_RISE.search(head)) or re.match(r"не\b", clause, re.IGNORECASE):
            continue  # «…теперь 350, а не 250» is the price itself
        if not _has("second_failure", clause) or _has("second_not", clause):
            continue
        if len(clause.split()) < 2 or len(clause.split()) > 12 or colloquial(clause) or _SECOND_PERSON.search(clause):
            continue
        return head, clause[:1].lower() + clause[1:]
    return None


def harm_reply(
    label: Label,
    reading: Reading,
    draft: str | None,
    *,
    author_name: str | None,
    case_id: int,
    redraft: Callable[[str], str | None],
) -> str | None:
    """``draft``, or the draft that fits the harm the comment describes (see the module's docstring).
    ``redraft`` drafts a part of the comment alone (the price part of a price with a second failure)."""
    kind = kind_of_harm(label, reading)
    if kind is None:
        return draft
    text, lang = reading.text or "", reading.lang
    slotted = label in _SLOTTED
    if kind == "second":
        found = second_failure(text)
        price = redraft(found[0]) if found else None
        if not (found and price):
            return draft
        return f"{price} {_text(lang, 'second', case_id).format(clause=found[1])}"
    if kind == "injury":
        return _injury(reading, draft, author_name, case_id)
    if kind == "occasion":
        occasion = _occasion(text)
        assert occasion is not None
        parts = [
            _opening(_text(lang, "occasion", case_id).format(loss=occasion.loss[lang]), author_name, lang),
            _text(lang, "occasion_act").format(ids=_ids(text, lang)),
        ]
        slot = remedy_slot(lang, "occasion") if slotted else None
        parts.append(slot or _text(lang, "occasion_soft"))
        return " ".join(parts)
    if kind == "product":
        return _product(reading, author_name, case_id, slotted)
    # Damaged goods: said as a rule, a damage report of the thing named, then the remedy.
    thing = _thing(text)
    parts = [
        _opening(_text(lang, kind, case_id), author_name, lang),
        _text(lang, "report_seen" if kind == "handled" else "report").format(
            ids=_ids(text, lang), thing=f" {thing}{_damage(text)}" if thing else ""
        ),
    ]
    slot = remedy_slot(lang, "damage") if slotted else None
    parts.append(slot or _text(lang, "damage_soft"))
    return " ".join(parts)


def _product(reading: Reading, author_name: str | None, case_id: int, slotted: bool) -> str:
    text, lang = reading.text or "", reading.lang
    ids = _ids(text, lang)
    if _has("device", text):
        stop = "stop_device"
    elif _has("ingest", text):
        stop = "stop_ingest"
    elif _has("wear", text):
        stop = "stop_wear"
    else:
        stop = "stop_other"
    named = _this(text, _harm().stems[stop.removeprefix("stop_")]) if stop != "stop_other" else None
    it = named or _SOME_THING[stop]
    parts = [_opening(_text(lang, "product", case_id), author_name, lang), _text(lang, stop).format(it=it)]
    if _has("made", text) and not _has("ingest", text):
        parts.append(_text(lang, "check_made").format(ids=ids))
    else:
        batch = _BATCH.search(text)
        if batch or stop != "stop_ingest":
            parts.append(_text(lang, "check_batch").format(batch=f" {batch.group(1)}" if batch else "", ids=ids))
        else:
            parts.append(_text(lang, "ask_batch"))
    slot = remedy_slot(lang, "quality") if slotted else None
    parts.append(slot or _text(lang, "product_soft"))
    seen = "seen_doctor" in reading.facts.flags or re.search(r"врач|дерматолог|травмпункт|аллерголог", text, re.I)
    parts.append(_text(lang, "doctor_seen" if seen else "doctor"))
    return " ".join(parts)


def _injury(reading: Reading, draft: str | None, author_name: str | None, case_id: int) -> str:
    lang = reading.lang
    child = "child" in reading.facts.flags
    check_line = _text(lang, "injury_check").format(whom=" ребёнку" if child else "")
    if draft and _CALL.search(draft) and "сегодня" in draft:
        kept = _HEAD_TAIL.sub("", draft).strip()
        return kept if _RECOVERY.search(kept) else f"{kept} {check_line}"
    who = "ребёнок пострадал" if child else "вы пострадали"
    opening = _opening(_text(lang, "injury", case_id).format(who=who), author_name, lang)
    return " ".join([opening, _text(lang, "injury_call"), check_line])


_HANDED = re.compile(
    r"(?:отдал|сдал|оставил|принес|принёс|уронил|кинул|швырнул|бросил|разбил|помял)[а-я]*\s+"
    r"(?:(?:сво|мо|наш)[а-яё]*\s+)?",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset({"на", "в", "во", "с", "со", "у", "за", "под", "через", "при", "к", "по"})
_SKIPPED = frozenset(
    {"и", "а", "мой", "мою", "моё", "мои", "свой", "свою", "своё", "свои", "наш", "нашу", "наши", "прямо"}
)
_SOME_THING = {"stop_wear": "эту вещь", "stop_ingest": "этот продукт", "stop_device": "устройство", "stop_other": ""}
# Words of wearing, not things worn: «после двух дней носки», «ношу неделю».
_WEARING = re.compile(r"носк[иу]$|ношу$|надел")
_DEMONSTRATIVE = {"masc": "этот", "femn": "эту", "neut": "это", "plur": "эти"}


def _noun_phrase(words: list[str], case: str) -> str | None:
    """Up to two words in the accusative (an adjective and its noun, or a noun) put in ``case``."""
    phrase: list[str] = []
    for word in words:
        parse = next(
            (p for p in morph().parse(word) if {"accs"} <= set(p.tag.grammemes) and p.tag.POS in ("NOUN", "ADJF")), None
        )
        if parse is None:
            return None
        form = parse.inflect({case}) if case != "accs" else parse
        if form is None:
            return None
        phrase.append(str(form.word))
        if parse.tag.POS == "NOUN":
            return " ".join(phrase) if "Name" not in parse.tag and "Surn" not in parse.tag else None
    return None


def _thing(text: str) -> str | None:
    """The thing the author handed in or staff mishandled, in the genitive («телефона», «свадебного
    платья»), for «акт о повреждении …»; None when it does not read as one."""
    for m in _HANDED.finditer(text):
        # the words after the verb, up to the clause's end («уронили и разбили стол»: the next verb has its turn)
        words = re.findall(r"[а-яё]+", re.split(r"[,.!?;:—]", text[m.end() :], maxsplit=1)[0].lower())
        while words and (words[0] in _SKIPPED or words[0] in _PREPOSITIONS):
            words = words[2:] if words[0] in _PREPOSITIONS else words[1:]  # «уронил на пол мой ноутбук»
        words = words[:2]
        found = _noun_phrase(words, "gent") if words else None
        if found:
            return found
    return None


# «забрал с треснувшим экраном», «вернули с жёлтым пятном»: the damage as the author named it.
_DAMAGE = re.compile(
    r"(?:вернули|забрал[аи]?|отдали|выдали|получил[аи]?)[^.!?,]{0,20}?\bс(?:о)?\s+([а-яё]+(?:\s+[а-яё]+)?)", re.I
)


def _damage(text: str) -> str:
    """« (треснувший экран)» after the thing in a damage report, or "" when the author named none that reads
    as a noun phrase in the instrumental."""
    m = _DAMAGE.search(text)
    if not m:
        return ""
    parses = [
        next((p for p in morph().parse(w) if "ablt" in p.tag.grammemes), None) for w in m.group(1).lower().split()
    ]
    noun_at = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"), None)
    if noun_at is None or any(p is None or p.tag.POS not in ("ADJF", "PRTF") for p in parses[:noun_at]):
        return ""
    noun = parses[noun_at]
    if noun is None or {"Name", "Surn", "Patr"} & set(noun.tag.grammemes):
        return ""  # «вернули с Ивановым» names a person, not a damage
    agree = {"nomn", "plur"} if "plur" in noun.tag.grammemes else {"nomn", "sing", noun.tag.gender}
    phrase = [p.inflect(agree) for p in parses[:noun_at] if p is not None] + [noun.inflect({"nomn"})]
    if any(form is None for form in phrase):
        return ""
    return f" ({' '.join(str(form.word) for form in phrase)})"


def _this(text: str, stems: tuple[str, ...]) -> str | None:
    """«эту блузку», «эти коньки», «этот предтреник»: the product the comment names (by the first of
    ``stems`` found), as the object of «не носите», «не принимайте»; None when no noun of it is found."""
    words = re.findall(r"[а-яё]+", text.lower())
    for stem in stems:
        for word in words:
            if not word.startswith(stem) or _WEARING.match(word):
                continue
            found = _object_form(word)
            if found:
                return found
    return None


def _object_form(word: str) -> str | None:
    """A noun as a thing's object with «этот/эту/это/эти» (things are inanimate: the accusative of a
    masculine or a plural is its nominative, which pymorphy3 gets right for «коньки» and «стельки»)."""
    parses = [p for p in morph().parse(word) if p.tag.POS == "NOUN"]
    plural = next((p for p in parses if {"plur", "nomn"} <= set(p.tag.grammemes)), None)
    if plural is not None:
        return f"эти {plural.word}"
    parse = parses[0] if parses else None
    if parse is None or parse.tag.gender not in _DEMONSTRATIVE:
        return None
    form = parse.inflect({"accs", "sing"}) if parse.tag.gender == "femn" else parse.inflect({"nomn", "sing"})
    return f"{_DEMONSTRATIVE[parse.tag.gender]} {form.word}" if form is not None else None
