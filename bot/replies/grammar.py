"""Russian grammar helpers for reply templates (pymorphy3 under the hood).

Everything here is pure: the only side effects are building one shared ``MorphAnalyzer`` and reading
``bot/replies/data/grammar.toml`` the first time each is needed. Words pymorphy3 does not know are
left exactly as they were written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from bot.replies.grammar_words import grammar_words

Gender = Literal["masc", "femn"]

CASES: frozenset[str] = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})

_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:[-'’][A-Za-zА-Яа-яЁё0-9]+)*")
_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_CYR_WORD_RE = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
_LAT_WORD_RE = re.compile(r"^[A-Za-z\u00C0-\u024F]+(?:[-'’][A-Za-z\u00C0-\u024F]+)*$")

# Modifier parts of speech that agree with the head noun.
_MODIFIER_POS = frozenset({"ADJF", "PRTF"})
# Parts of speech that make a phrase a clause rather than a noun phrase.
_PREDICATE_POS = frozenset({"VERB", "PRTS", "ADJS", "GRND", "INFN"})
# Proper-noun-like tags: a phrase starting with one of these keeps its capital letter.
_PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr")


class _KeptParses:
    """The shared analyser, with each word's parses kept (bounded): a draft parses the same everyday
    words (the author's name, a verb to agree, a noun) as the drafts before it. Anything but
    ``parse`` is the analyser's own."""

    def __init__(self, analyser: Any) -> None:
        self._analyser = analyser
        self._parses = lru_cache(maxsize=8192)(lambda word: tuple(analyser.parse(word)))

    def parse(self, word: str) -> list[Any]:
        return list(self._parses(word))

    def parses(self, word: str) -> tuple[Any, ...]:
        """``parse`` as the kept tuple itself: the readers that only look share it (no copy, and no
        cache of their own holding the same parses again)."""
        return self._parses(word)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._analyser, name)


@lru_cache(maxsize=1)
def morph() -> Any:
    """The analyser the classifier uses too, created on first use: one copy of the dictionaries."""
    from bot.language.morph import shared_analyzer

    return _KeptParses(shared_analyzer())


_SLANG_TAGS = frozenset({"Obsc"})  # pymorphy3 tags «чат» as slang and «фотка» as informal: the list decides
_WORD = re.compile(r"[а-яё]+")


def colloquial(text: str) -> bool:
    """Whether ``text`` has a word of the author's slang or mat («кондеи не пашут», «пофиг»): the brand
    acknowledges the complaint in its own neutral words, never in these. A word counts when its first
    parse is tagged obscene, or its lemma is listed in ``grammar.toml``."""
    listed = grammar_words().colloquial
    for word in _WORD.findall(text.lower()):
        parses = morph().parse(word)
        if not parses:
            continue
        if any(p.normal_form in listed for p in parses[:3]) or _SLANG_TAGS & set(parses[0].tag.grammemes):
            return True
    return False


def kept_parses(word: str) -> tuple[Any, ...]:
    """``word``'s parses as ``morph`` keeps them, shared by every reader of the replies."""
    kept: _KeptParses = morph()
    return kept.parses(word)


_parses = kept_parses


def lemmas(word: str) -> frozenset[str]:
    """Every normal form pymorphy3 proposes for ``word`` (lower case, ``ё`` kept as ``е``)."""
    return frozenset(p.normal_form.replace("ё", "е") for p in _parses(word.lower()))


def _is_known(word: str) -> bool:
    return bool(morph().word_is_known(word.lower()))


# --------------------------------------------------------------------------------------------
# Capitalisation


def _restyle(new: str, original: str) -> str:
    """Write ``new`` in the capitalisation style of ``original``."""
    if len(original) > 1 and original.isupper():
        return new.upper()
    if original[:1].isupper():
        parts = new.split("-")
        orig_parts = original.split("-")
        out = []
        for i, part in enumerate(parts):
            src = orig_parts[i] if i < len(orig_parts) else orig_parts[-1]
            out.append(part[:1].upper() + part[1:] if src[:1].isupper() else part)
        return "-".join(out)
    return new


def _swap_word(original: str, new: str) -> str:
    """``new`` styled like ``original``; a ``ё`` the author wrote as ``е`` stays ``е``."""
    if "ё" not in original.lower() and "ё" in new and _CYRILLIC_RE.search(original):
        new = new.replace("ё", "е")
    return _restyle(new, original)


# --------------------------------------------------------------------------------------------
# Noun phrases


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which tokens to change in a phrase, and the parse to inflect each from."""

    tokens: tuple[_Token, ...]
    heads: tuple[tuple[int, Any], ...]  # (token index, nominative NOUN parse)
    modifiers: tuple[tuple[int, Any, int], ...]  # (token index, ADJF parse, index of its head)


def _tokens(phrase: str) -> tuple[_Token, ...]:
    out = []
    for m in _WORD_RE.finditer(phrase):
        word, start = m.group(0), m.start()
        if "-" in word and _CYRILLIC_RE.search(word) and not _is_known(word):
            # An unknown compound ("чат-бот"): only its last part declines.
            cut = word.rfind("-") + 1
            word, start = word[cut:], start + cut
        out.append(_Token(word, start, m.end()))
    return tuple(out)


def _trusted(parse: Any, word: str) -> bool:
    """Dictionary words, and suffix-based guesses for unknown common nouns ("кешбэк", "маркетплейс").

    Wilder guesses (a first name or an abbreviation for "блаблабла", "фывапр") are not trusted, so
    such words stay as written.
    """
    if _is_known(word):
        return True
    if {"Name", "Surn", "Patr", "Abbr", "Orgn", "Geox"} & parse.tag.grammemes:
        return False
    method = parse.methods_stack[-1][0].__class__.__name__
    if method in ("KnownSuffixAnalyzer", "KnownPrefixAnalyzer"):
        return True
    if method == "UnknownPrefixAnalyzer":
        # "промо" + "код": trusted when the dictionary part is a real word, not a stray ending.
        part = parse.methods_stack[0][1]
        return isinstance(part, str) and len(part) >= 3
    return False


def _nomn_nouns(word: str) -> list[Any]:
    if not _CYR_WORD_RE.match(word):
        return []
    return [
        p
        for p in _parses(word.lower())
        if p.tag.POS == "NOUN" and p.tag.case == "nomn" and not {"Surn", "Patr"} & p.tag.grammemes and _trusted(p, word)
    ]


def _nomn_modifiers(word: str) -> list[Any]:
    if not _CYR_WORD_RE.match(word):
        return []
    return [
        p for p in _parses(word.lower()) if p.tag.POS in _MODIFIER_POS and p.tag.case == "nomn" and _trusted(p, word)
    ]


def _gender(parse: Any) -> str | None:
    """The gender grammeme as a plain string ("masc", "femn", "neut") or ``None``."""
    for g in ("masc", "femn", "neut"):
        if g in parse.tag.grammemes:
            return g
    return None


def _agrees(mod: Any, head: Any) -> bool:
    if head.tag.number == "plur" or "Pltm" in head.tag.grammemes:
        return bool(mod.tag.number == "plur")
    if mod.tag.number != "sing":
        return False
    gender = _gender(head)
    if gender is None:
        return True
    return _gender(mod) == gender


def _np_at(tokens: tuple[_Token, ...], start: int) -> tuple[int, Any, list[tuple[int, Any]]] | None:
    """Find a nominative noun phrase starting at ``start``: (head index, head parse, modifiers)."""
    i = start
    pending: list[tuple[int, list[Any]]] = []
    while i < len(tokens):
        word = tokens[i].text
        if not _CYRILLIC_RE.search(word) and i + 1 < len(tokens) and not pending:
            # An indeclinable Latin or numeric attribute before the noun: "Wi-Fi роутер".
            i += 1
            continue
        nouns = _nomn_nouns(word)
        mods = _nomn_modifiers(word)
        if mods and i + 1 < len(tokens):
            # Both readings possible ("рабочий"): treat as a modifier if a noun that agrees follows.
            later = _nomn_nouns(tokens[i + 1].text) or (_nomn_modifiers(tokens[i + 1].text) and i + 2 < len(tokens))
            if later or not nouns:
                pending.append((i, mods))
                i += 1
                continue
        if nouns:
            head = max(nouns, key=lambda p: p.score)
            chosen: list[tuple[int, Any]] = []
            for idx, options in pending:
                fitting = [m for m in options if _agrees(m, head)]
                if not fitting:
                    return None
                chosen.append((idx, max(fitting, key=lambda p: p.score)))
            return i, head, chosen
        return None
    return None


@lru_cache(maxsize=4096)
def _plan(phrase: str) -> _Plan | None:
    tokens = _tokens(phrase)
    if not tokens:
        return None
    first = _np_at(tokens, 0)
    if first is None:
        return None
    head_idx, head, mods = first
    if any(_is_predicate(t.text) for t in tokens[head_idx + 1 :]):
        return None  # a clause ("заказ не пришёл"), not a noun phrase
    heads = [(head_idx, head)]
    modifiers = [(idx, p, head_idx) for idx, p in mods]
    # Coordinated heads: "доставка и упаковка", "доставка заказа и оплата" (but not "возврат денег и
    # товаров", where the second word depends on the first noun like the word before the conjunction).
    i = head_idx + 1
    while i < len(tokens):
        low = tokens[i].text.lower()
        if low in grammar_words().conjunctions and i + 1 < len(tokens):
            between = phrase[tokens[i - 1].end : tokens[i].start]
            if between.strip() not in ("", ","):
                break
            prev_idx = i - 1
            nxt = _np_at(tokens, i + 1)
            if nxt is None:
                i += 1
                continue
            n_idx, n_head, n_mods = nxt
            if prev_idx != heads[-1][0]:
                # The word before the conjunction is a dependent: the conjunct continues it if it can.
                prev_cases = {p.tag.case for p in _parses(tokens[prev_idx].text.lower())}
                conj_cases = {p.tag.case for p in _parses(tokens[n_idx].text.lower())}
                if prev_cases & conj_cases - {"nomn"}:
                    i = n_idx + 1
                    continue
            heads.append((n_idx, n_head))
            modifiers.extend((idx, p, n_idx) for idx, p in n_mods)
            i = n_idx + 1
            continue
        i += 1
    return _Plan(tokens, tuple(heads), tuple(modifiers))


def _is_predicate(word: str) -> bool:
    parses = _parses(word.lower())
    return bool(parses) and parses[0].tag.POS in _PREDICATE_POS


def _inflect_head(parse: Any, case: str) -> str | None:
    form = parse.inflect({case})
    return None if form is None else str(form.word)


def _inflect_modifier(parse: Any, head: Any, case: str) -> str | None:
    plural = head.tag.number == "plur" or "Pltm" in head.tag.grammemes
    wanted = {case, "plur"} if plural else {case, "sing"}
    gender = _gender(head)
    if not plural and gender is not None:
        wanted.add(gender)
    if case == "accs" and (plural or gender == "masc"):
        wanted.add("anim" if head.tag.animacy == "anim" else "inan")
    form = parse.inflect(wanted)
    return None if form is None else str(form.word)


def can_inflect(phrase: str) -> bool:
    """Whether ``phrase`` reads as a nominative noun phrase this module can put into other cases."""
    return _plan(phrase.strip()) is not None


# A share of several things: «половина», «часть», «три из десяти», «из десяти банок».
_SHARE_RE = re.compile(
    r"(?<![а-яё])(?:половин[аеуы]|част[ьи](?! (?:тела|лица))|несколько|многие)"
    r"|\d+\s+из\s+\d+|(?<![а-яё])из (?:\d+|десят|дюжин)"
)


def plural_in(text: str, noun: str) -> bool:
    """Whether ``text`` speaks of several ``noun`` («половина разбита» of eggs, «три банки из десяти»,
    «лампочек»): a share of them, or the noun written only in a plural form."""
    low = text.lower().replace("ё", "е")
    if _SHARE_RE.search(low):
        return True
    lemma = noun.lower().replace("ё", "е")
    for word in re.findall(r"[а-яё]+", low):
        parses = [p for p in _parses(word) if p.normal_form.replace("ё", "е") == lemma]
        if parses and all(p.tag.number == "plur" for p in parses):
            return True
    return False


def plural_ablt(noun: str) -> str | None:
    """One noun in the plural instrumental («яйцо» -> «яйцами»), or ``None`` when it is not one noun."""
    if len(noun.split()) != 1:
        return None
    for parse in _parses(noun.lower()):
        if parse.tag.POS == "NOUN" and parse.tag.case == "nomn":
            form = parse.inflect({"ablt", "plur"})
            if form is not None:
                return str(form.word)
    return None


# A draft puts each noun of its comment into five cases, and pymorphy3 builds a word's whole paradigm
# for each: the forms are kept per phrase and case (bounded; the same products and staff come back).
@lru_cache(maxsize=8192)
def try_inflect_phrase(phrase: str, case: str) -> str | None:
    """Like :func:`inflect_phrase` but ``None`` when the phrase is not a recognisable noun phrase."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {sorted(CASES)}")
    plan = _plan(phrase)
    if plan is None:
        return None
    if case == "nomn":
        return phrase
    heads = dict(plan.heads)
    changes: dict[int, str] = {}
    for idx, parse in plan.heads:
        new = _inflect_head(parse, case)
        if new is not None:
            changes[idx] = new
    for idx, parse, head_idx in plan.modifiers:
        new = _inflect_modifier(parse, heads[head_idx], case)
        if new is not None:
            changes[idx] = new
    out: list[str] = []
    pos = 0
    for idx, token in enumerate(plan.tokens):
        out.append(phrase[pos : token.start])
        out.append(_swap_word(token.text, changes[idx]) if idx in changes else token.text)
        pos = token.end
    out.append(phrase[pos:])
    return "".join(out)


def inflect_phrase(phrase: str, case: str) -> str:
    """Put a nominative Russian noun phrase into ``case``.

    Adjectives and participles before the head noun agree with it; whatever follows the head
    (genitive dependents, prepositional tails, numbers, Latin words) stays as written; nouns joined
    to the head by "и"/"или" are inflected too. A phrase that is not a recognisable noun phrase is
    returned unchanged.

    >>> inflect_phrase("долгая доставка", "gent")
    'долгой доставки'
    """
    result = try_inflect_phrase(phrase, case)
    return phrase if result is None else result


def phrase_number_gender(phrase: str) -> str | None:
    """ "plur" for a plural noun phrase, else its head's gender ("masc", "femn", "neut"); None if unsure."""
    plan = _plan(phrase.strip())
    if plan is None or len(plan.heads) != 1:
        return "plur" if plan is not None else None
    head = plan.heads[0][1]
    if head.tag.number == "plur" or "Pltm" in head.tag.grammemes:
        return "plur"
    return _gender(head)


def starts_with_proper_noun(phrase: str) -> bool:
    tokens = _tokens(phrase)
    if not tokens:
        return False
    word = tokens[0].text
    if not _CYRILLIC_RE.search(word):
        return True  # Latin brand names, digits: keep as written
    return any(any(t in p.tag for t in _PROPER_TAGS) for p in _parses(word.lower())[:2])


def prep_s(phrase_ablt: str) -> str:
    """Preposition "с"/"со" + a phrase in the instrumental: "с доставкой", "со связью", "со списанием"."""
    return f"{_prep_variant('с', 'со', 'сзшжщ', phrase_ablt)} {phrase_ablt}"


def prep_v(phrase_loct: str) -> str:
    """Preposition "в"/"во" + a phrase in the prepositional: "в приложении", "во вторник"."""
    return f"{_prep_variant('в', 'во', 'вф', phrase_loct)} {phrase_loct}"


def prep_o(phrase_loct: str) -> str:
    """Preposition "о"/"об" + a phrase in the prepositional: "о доставке", "об оплате"."""
    first = phrase_loct.lstrip("«\"'(").lower()[:1]
    return f"{'об' if first in 'аоуэиы' and first else 'о'} {phrase_loct}"


def _prep_variant(short: str, long: str, letters: str, phrase: str) -> str:
    word = phrase.lstrip("«\"'(").lower()
    vowels = "аеёиоуыэюя"
    if len(word) >= 2 and word[0] in letters and word[1] not in vowels and word[1].isalpha():
        return long
    return short


# --------------------------------------------------------------------------------------------
# Numbers


def _plural_form(n: int, noun: str, case: str) -> str:
    n = abs(n)
    last, last_two = n % 10, n % 100
    if last == 1 and last_two != 11:
        agrees = "one"
    elif 2 <= last <= 4 and not 12 <= last_two <= 14:
        agrees = "few"
    else:
        agrees = "many"
    return _agreeing(noun, case, agrees)


@lru_cache(maxsize=256)
def _agreeing(noun: str, case: str, agrees: str) -> str:
    """The noun's form after a number ending like 1 (``one``), 2-4 (``few``) or 5 (``many``). Kept:
    every alert and digest card counts its messages and accounts, and inflecting costs more than
    drawing the rest of the card."""
    parses = [p for p in _parses(noun.lower()) if p.tag.POS == "NOUN"]
    if not parses:
        return noun
    parse = max(parses, key=lambda p: (p.tag.case == "nomn" and p.tag.number == "sing", p.score))
    if case in ("nomn", "accs"):
        if agrees == "one":
            wanted = {case, "sing"}
        elif agrees == "few":
            wanted = {"gent", "sing"}
            if case == "accs" and parse.tag.animacy == "anim":
                wanted = {"gent", "plur"}
        else:
            wanted = {"gent", "plur"}
    else:
        wanted = {case, "sing" if agrees == "one" else "plur"}
    form = parse.inflect(wanted)
    return noun if form is None else _swap_word(noun, str(form.word))


def plural_agree(n: int, noun: str, case: str = "nomn") -> str:
    """``n`` with the noun agreeing in number: "2 дня", "5 дней", "21 день", "11 часов".

    ``noun`` is given in the nominative singular; ``case`` is the case the whole group stands in
    (``"accs"`` for "через 1 минуту").
    """
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}")
    return f"{n} {_plural_form(n, noun, case)}"


def _en(n: int, unit: str) -> str:
    word = grammar_words().units[unit].en
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_delay(seconds: int, lang: str = "ru") -> str:
    """A human delay: "через 2 часа", "через 15 минут", "через час", "in 2 hours".

    Rounded up to whole minutes; hours keep their minutes ("через 1 час 30 минут"), days keep
    their hours. Zero or negative delays read "сейчас" / "now". The words are in ``grammar.toml``.
    """
    words = grammar_words()
    en = lang.lower().startswith("en")
    if seconds <= 0:
        return words.now_en if en else words.now_ru
    minutes = math.ceil(seconds / 60)
    parts: list[tuple[int, str]]
    if minutes < 60:
        parts = [(minutes, "minute")]
    elif minutes < 24 * 60:
        hours, rest = divmod(minutes, 60)
        parts = [(hours, "hour")] + ([(rest, "minute")] if rest else [])
    else:
        hours_total = math.ceil(minutes / 60)
        days, hours = divmod(hours_total, 24)
        parts = [(days, "day")] + ([(hours, "hour")] if hours else [])
    if en:
        if len(parts) == 1 and parts[0][0] == 1:
            return words.units[parts[0][1]].one_en
        return f"{words.in_en} " + f" {words.and_en} ".join(_en(n, unit) for n, unit in parts)
    if len(parts) == 1 and parts[0][0] == 1:
        return f"{words.in_ru} " + _plural_form(1, words.units[parts[0][1]].ru, "accs")
    return f"{words.in_ru} " + " ".join(plural_agree(n, words.units[unit].ru, "accs") for n, unit in parts)


# --------------------------------------------------------------------------------------------
# Names


def _transliterate(latin: str) -> str:
    text = re.sub(r"ia$", "iya", latin.lower())
    # "Dmitry", "Anatoliy", "Yurij": the ending is "ий".
    text = re.sub(r"(?<=[bcdfghjklmnpqrstvwxz])(?:iy|ij|y)$", "\x00", text)
    table = grammar_words().translit
    out = []
    i = 0
    while i < len(text):
        if text[i] == "\x00":
            i += 1
            continue
        for src, dst in table:
            if text.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            i += 1
    word = "".join(out)
    if text.endswith("\x00"):
        word += "ий"
    # A final "й" after a consonant is usually "и" ("Dmitry" -> "Дмитрий" is beyond us, "Mary" -> "Мари").
    return re.sub(r"(?<=[бвгджзклмнпрстфхцчшщ])й", "и", word)


# A consonant, then «i» or «y», then a vowel: «ья», «ия» or «я» in Russian, which letters cannot tell.
_SOFT_SPOT = re.compile(r"[bcdfghklmnpqrstvwxz][iy][aeou]")


def russian_spelling(latin: str) -> tuple[str, bool] | None:
    """A Latin first name in Cyrillic, lower case, and whether it is sure (a name of the spelled table);
    ``None`` when letters alone cannot tell the spelling («Tatiana»: «Татьяна» or «Татяна»)."""
    low = latin.lower()
    spelled = grammar_words().spelled.get(low)
    if spelled:
        return spelled, True
    if _SOFT_SPOT.search(low):
        return None
    return _transliterate(latin), False


def _name_parses(word: str) -> list[Any]:
    return [p for p in _parses(word.lower()) if "Name" in p.tag and p.tag.case == "nomn" and p.tag.number == "sing"]


def name_gender(first_name: str) -> Gender | None:
    """Gender "masc" or "femn" of a first name pymorphy3 knows ("Анна", "Игорь", "Alex"); else ``None``.

    Names used for both ("Саша", "Женя") and anything that is not a name give ``None``.
    """
    name = address_name(first_name) or first_name.strip()
    first = name.split("-")[0]
    if not first:
        return None
    spelling = None if _CYRILLIC_RE.search(first) else russian_spelling(first)
    candidates = [first] if _CYRILLIC_RE.search(first) else [spelling[0]] if spelling else []
    for word in candidates:
        parses = _name_parses(word)
        genders = {_gender(p) for p in parses}
        if genders == {"masc"}:
            return "masc"
        if genders == {"femn"}:
            return "femn"
        if len(genders) > 1 and parses:
            best = max(parses, key=lambda p: p.score)
            best_gender = _gender(best)
            if best_gender in ("masc", "femn") and best.score >= 0.6:
                return "masc" if best_gender == "masc" else "femn"
    return None


def agree_past_verb(masc_form: str, gender: str | None) -> str:
    """A past-tense verb for a third-person subject of ``gender``: "написал" -> "написала".

    ``None`` (unknown gender) gives the plural form ("написали"), which is also the right form
    after the polite "вы" — templates addressing the author use "вы" and never need the gender.
    """
    wanted = {"femn"} if gender == "femn" else {"plur"} if gender is None else {"masc"}
    if gender == "masc":
        return masc_form
    for p in _parses(masc_form.lower()):
        if p.tag.POS == "VERB" and p.tag.tense == "past":
            form = p.inflect(wanted)
            if form is not None:
                return _swap_word(masc_form, str(form.word))
    if gender == "femn":
        return masc_form + ("а" if not masc_form.endswith("ся") else "")  # best effort
    return masc_form


_LAT_VOWELS = set("aeiouy")
# Anything but letters of the Latin and Cyrillic alphabets, digits, "_", "-" and apostrophes is
# decoration ("★彡Игорь彡★"); digits and "_" are kept so that nicknames can be told apart.
_STRIP_RE = re.compile(r"[^A-Za-z\u00C0-\u024FА-Яа-яЁё0-9_'’\s-]")


def _capitalise(word: str) -> str:
    if word.islower() or word.isupper():
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    return word


def _plausible_latin(word: str) -> bool:
    low = word.lower().replace("'", "").replace("’", "").replace("-", "")
    if not 2 <= len(low) <= 15:
        return False
    vowels = sum(ch in _LAT_VOWELS for ch in low)
    if vowels == 0 or vowels / len(low) < 0.2:
        return False
    return not (re.search(r"[^aeiouy]{4,}", low) or re.search(r"(.)\1\1", low))


def _plausible_cyrillic(word: str) -> bool:
    low = word.lower()
    if not 2 <= len(low.replace("-", "")) <= 20:
        return False
    if re.search(r"(.)\1\1", low):
        return False
    first = low.split("-")[0]
    if any("Name" in p.tag for p in _parses(first)):
        return True
    if _is_known(first):
        return False  # an ordinary word used as a nickname: "Котик", "Доставка"
    return bool(re.search(r"[аеёиоуыэюя]", low))


def address_name(first_name: str | None) -> str | None:
    """A first name fit to open a reply ("Анна, спасибо…"), or ``None`` if it is not plausible.

    Emoji and decorations are dropped, the first word is taken, all-lower and all-caps spellings
    are capitalised ("анна" -> "Анна"). Nicknames with digits or underscores, mixed alphabets,
    ordinary words ("Котик") and Latin gibberish give ``None``; Latin names ("Alex") stay Latin.
    """
    if not first_name:
        return None
    cleaned = _STRIP_RE.sub(" ", first_name)
    words = [w.strip("-'’") for w in cleaned.split()]
    words = [w for w in words if w]
    if not words:
        return None
    word = words[0]
    if any(ch.isdigit() or ch == "_" for ch in word):
        return None
    if word.lower() in grammar_words().not_names:
        return None
    if _CYR_WORD_RE.match(word):
        return _capitalise(word) if _plausible_cyrillic(word) else None
    if _LAT_WORD_RE.match(word):
        return _capitalise(word) if _plausible_latin(word) else None
    return None


def _familiar(word: str) -> bool:
    """A familiar form or nickname ("Жека", "Санёк", "Танюха", "Анечка"): never used to address someone."""
    low = word.lower().replace("ё", "е")
    words = grammar_words()
    if low in words.familiar:
        return True
    return len(low) > 4 and low.endswith(words.familiar_endings)


def _patronymic(word: str) -> bool:
    return any("Patr" in p.tag and p.tag.case == "nomn" for p in _parses(word.lower()))


_NAME_SCORE = 0.2


def _handle(first: str, second: str) -> bool:
    """A display name that is a handle, not a first name and a surname: a word that is not a known name
    followed by an ordinary word, a place or a team («Ультрас Волга», «Хоккей Навсегда»). Half of it is no
    address; a rare first name with a surname («Айгуль Хасанова») or an initial stays one."""
    # The guesser gives nearly any unknown word a weak name parse («ультрас»: 0.09); a name is surer.
    if any("Name" in p.tag and p.score >= _NAME_SCORE for p in _parses(first.lower())) or len(second) < 3:
        return False
    if not _CYR_WORD_RE.match(second) or not _is_known(second):
        return False
    return not any({"Surn", "Name", "Patr"} & p.tag.grammemes for p in _parses(second.lower()))


def reply_name(first_name: str | None, lang: str = "ru") -> str | None:
    """How a reply in ``lang`` may address the author, or ``None`` when it should not use the name.

    Russian: a Cyrillic first name pymorphy3 knows or that looks like one, never a familiar form or a
    nickname ("Жека", "Саня"); a Latin one only when it transliterates to a known name ("Kirill" ->
    "Кирилл"); a first name with a patronymic keeps it ("Татьяна Викторовна"). English: a Latin first
    name as written, a Cyrillic one as in Russian. Ukrainian: none (Ukrainian addresses people in the
    vocative, which the bot does not build).
    """
    name = address_name(first_name)
    if name is None or lang == "uk":
        return None
    first = name.split("-")[0]
    if lang == "en" and _LAT_WORD_RE.match(name):
        return name
    if _patronymic(first) or _familiar(first):
        return None
    if _LAT_WORD_RE.match(name):
        # A Latin name in a Russian reply: the Russian spelling when it is a name pymorphy3 knows.
        # A leading «J» is «Дж» in "John" but «Ж» in "Jenya": the spelling that reads more surely as a name.
        spellings = [name, *(["zh" + name[1:]] if name[:1] in "Jj" else [])]
        best, score = None, 0.0
        for spelling in spellings:
            found = russian_spelling(spelling)
            if found is None:
                continue
            cyrillic, sure = found
            parses = _name_parses(cyrillic)
            top = 1.0 if sure else max((p.score for p in parses), default=0.0)
            if top > score:
                best, score = cyrillic, top
        if best is None or score < 0.3:
            return None
        return best[:1].upper() + best[1:]
    if not any("Name" in p.tag for p in _parses(first.lower())) and _is_known(first):
        return None
    rest = _STRIP_RE.sub(" ", first_name or "").split()[1:2]
    if rest and _handle(first, rest[0]):
        return None
    if rest and _patronymic(rest[0]):
        return f"{name} {_capitalise(rest[0])}"
    return name


def inflect_name(name: str, case: str) -> str:
    """A first name in ``case`` ("Анна" -> "Анны" in the genitive); unchanged when pymorphy3 does not
    know it as a name (a nickname, a Latin name)."""
    word = name.strip()
    if not _CYR_WORD_RE.match(word):
        return name
    parses = _name_parses(word)
    if not parses:
        return name
    form = max(parses, key=lambda p: p.score).inflect({case})
    return name if form is None else _restyle(str(form.word), word)
