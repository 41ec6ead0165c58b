"""What went wrong, in the author's own words: «тренер не пришёл», «воду не привезли», «касса закрылась раньше».

The neutral shape (``bot.replies.shapes``) may not name a kind of problem, since the reading was not
sure of it; it may repeat the author's own clause, which cannot be another problem's. The clause is
taken only where pymorphy3 shows it is one: a noun in the nominative that agrees with its past-tense
verb in number and gender («тренер … пришёл», «касса закрылась»), or an impersonal plural verb with
its object in the accusative («урок отменили»), or «нет» with a noun in the genitive («нет интернета»).
The verb is negated, or a failure by itself («отменили», «сломался»), or done too early or too late
(«раньше», «позже»). Anything else (a pronoun for a subject, a clause broken by a preposition, an
unknown word) gives no clause, and the neutral line stays. Rude words in or around the clause, the
author's adjectives («сраный курьер») and praise never come back.

The composed drafts have their own, looser echo (``bot.replies.echo``): it takes whole clauses as
written and gave the fragments the safe shapes exist to drop («простите, что которых никто не делал»);
the neutral shape is the fallback for exactly those, so it takes only what agreement shows is a clause.
The two share their word lists and checks (praise, rude words, a mood such as «нет слов», a bare
count, a noun after a preposition) and the rule for the clause's first letter (``echo.lower_first``);
only the way each picks its clause differs. One picker for both was measured (December 2026): the
composed drafts with this one lost 7 of 50 in fresh8's review and 2 in facts21 and r16fix each, and the
safe shapes with the echo's picked up its slang and fragments («нам жаль, что кондеи не пашут»).
"""

from __future__ import annotations

import re
from typing import Any

from bot.replies.echo import after_preposition, headless, heated, lower_first, moody, praises
from bot.replies.grammar import colloquial, morph
from bot.replies.silent_channel import silent_channel

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?|\S")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|;\s*|:\s+")
_BREAKS = frozenset({",", "—", "–", "-", "(", ")", "«", "»", '"'})
# Words that may stand between the subject and its verb and are kept: how often, how long.
_KEPT_ADVERBS = frozenset({"опять", "снова", "уже", "сегодня", "вчера", "вообще"})
_DROPPED = frozenset({"вообще"})
# How long, between the subject and its verb: «поддержка сутки не отвечает», «курьер два часа не ехал».
_DURATION = frozenset(
    {"сутки", "неделю", "месяц", "полчаса", "час", "часа", "часов", "день", "дня", "дней", "недели", "весь", "целый"}
    | {"два", "две", "три", "второй", "третий", "вторую", "третью"}
)
# «так и не вернули», «до сих пор не починили»: kept as a whole, between the subject and «не».
_KEPT_PAIRS = (("так", "и"), ("до", "сих", "пор"))
# What may stand between an object and its verb and is left out: a sum and what it was for
# («залог 3000 ₽ за номер так и не вернули» → «залог так и не вернули»).
_SUM = re.compile(r"^(?:\d[\d\s.,]*|₽|\$|€|руб\w*|р|тыс\w*|грн|за|\.)$")
_WRONG_ONE = frozenset({"тот", "та", "то", "те", "ту", "того", "той", "тех"})
# Verbs that tell a failure without «не».
_FAILING = frozenset(
    {
        "отменить",
        "перенести",
        "сломаться",
        "сломать",
        "опоздать",
        "потерять",
        "испортить",
        "перепутать",
        "забыть",
        "разбить",
        "порвать",
        "повредить",
        "пропасть",
        "задержать",
        "обсчитать",
        "нахамить",
        "закрыться",
        "уйти",
        "уехать",
        "отключить",
        "сгореть",
        "выпасть",
        "протечь",
        "заглохнуть",
        "развалиться",
        "треснуть",
        "порваться",
        "отключиться",
        "отвалиться",
        "зависнуть",
        "перестать",
        "упасть",
        "отказаться",
    }
)
# What a thing is left as, said with a short participle: «оторван поручень», «сетка порвана»; any one negated
# («не выданы резина и коврики») too.
_BROKEN = frozenset({"оторвать", "порвать", "сломать", "разбить", "повредить", "поцарапать", "испортить", "отменить"})
# Handing over, which fails when something comes «без» a part: «привезли диван без ножек».
_HANDED = frozenset({"привезти", "доставить", "выдать", "продать", "собрать", "прислать", "отдать", "установить"})
# «сайт упал» is a failure; «посетитель упал» is an injury, which the safety shape answers.
_THINGS_ONLY = frozenset({"упасть"})
# «перестал работать тачпад»: a verb that fails only with the infinitive after it, which the clause keeps.
_WITH_INFINITIVE = frozenset({"перестать", "отказаться"})
# Verbs that fail only when done too early or too late («закрылась раньше», «ушёл раньше»).
_TIMING_ONLY = frozenset({"закрыться", "уйти", "уехать"})
# («заранее» is not among them: «оплатили заранее», «подключил заранее» is what the author did in time.)
_TIMING = frozenset({"раньше", "позже"})
_NOT_SUBJECTS = frozenset({"кто", "что", "никто", "ничто", "всё", "все", "это", "который", "сам"})
_MAX_WORDS = 6
# The author's family and pets: what they do or do not is not the business's failure.
_KIN = frozenset(
    [
        "ребенок",
        "сын",
        "дочь",
        "дочка",
        "муж",
        "жена",
        "мама",
        "папа",
        "мать",
        "отец",
        "ребята",
        "дети",
        "бабушка",
        "дедушка",
        "внук",
        "внучка",
        "друг",
        "подруга",
        "собака",
        "кошка",
        "кот",
        "пес",
        "щенок",
    ]
)


# English: a thing of theirs, and what it did not do or what was done to it. «my», «our» become «your».
_EN_CLAUSE = re.compile(
    r"\b(?:(the|my|our) )((?:[a-z]+ )?[a-z]+) "
    r"((?:(?:was|were|got) (?:cancell?ed|delayed|lost|damaged|broken|closed early|left behind|never delivered))|"
    r"(?:(?:didn't|did not|never|hasn't|has not|haven't|have not) (?:show(?:ed)? up|arrived?|c[oa]me|"
    r"turn(?:ed)? up|open(?:ed)?|work(?:ed)?|been delivered|been refunded)))\b",
    re.IGNORECASE,
)
_EN_NOT_THINGS = frozenset({"i", "we", "you", "they", "it", "he", "she", "this", "that", "there", "money", "time"})


def english_clause(text: str) -> str | None:
    """«we're sorry your order was cancelled»: the English clause, with «my» and «our» as «your»."""
    m = _EN_CLAUSE.search(text)
    if not m or m.group(2).split()[-1].lower() in _EN_NOT_THINGS or m.group(2).split()[0].lower() in _EN_NOT_THINGS:
        return None
    owner = "the" if m.group(1).lower() == "the" else "your"
    return f"{owner} {m.group(2).lower()} {m.group(3).lower()}"


def complaint_clause(text: str, lang: str = "ru") -> str | None:
    """The first clause of ``text`` that tells what went wrong, as the author wrote it, or None."""
    if lang == "en":
        return english_clause(text)
    if lang != "ru" or praises(text):
        return None
    silent: str | None = None
    for part in _SENTENCE.split(text):
        tokens = [m.group(0) for m in _WORD.finditer(part)]
        for i in range(len(tokens)):
            clause = _clause_at(tokens, i)
            if not clause:
                continue
            if colloquial(clause) or headless(clause):
                return None
            if silent_channel(clause) is None:
                return clause
            # «менеджер не перезванивает» has a line of its own (``bot.replies.silent_channel``): a thing
            # that failed, told anywhere in the comment, comes first
            silent = silent or clause
    return silent


def _parse(word: str, tag: str) -> Any | None:
    for p in morph().parse(word.lower()):
        if tag in p.tag and p.score >= 0.05:
            return p
    return None


def _clause_at(tokens: list[str], i: int) -> str | None:
    word = tokens[i].lower()
    if word == "нет" and i + 1 < len(tokens) and (found := _absent(tokens, i)):
        return found
    if word == "нет":
        return _absent_before(tokens, i)
    verb = _parse(word, "VERB") or _parse(word, "PRTS")
    if verb is None or not ({"past"} <= verb.tag.grammemes or _present_third(verb)):
        return None
    negated = i > 0 and tokens[i - 1].lower() == "не"
    start = i - 1 if negated else i
    after = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    lemma = verb.normal_form
    timing = after in _TIMING
    wrong = _wrong_one(tokens, i) if not negated else []
    failing = _BROKEN if "PRTS" in verb.tag else _FAILING
    if not negated and lemma in _HANDED and _impersonal(verb) and (without := _without(tokens, i, verb)):
        return without
    if not negated and not timing and not wrong and (lemma not in failing or lemma in _TIMING_ONLY):
        return None
    if "pres" in verb.tag.grammemes and not negated:
        return None
    infinitive = _infinitive(tokens, i) if lemma in _WITH_INFINITIVE else []
    if lemma in _WITH_INFINITIVE and not infinitive:
        return None
    between: list[str] = []
    j = start - 1
    while j >= 0:
        pair = next((p for p in _KEPT_PAIRS if _lower(tokens[j - len(p) + 1 : j + 1]) == p), None)
        if pair:
            between[:0] = tokens[j - len(pair) + 1 : j + 1]
            j -= len(pair)
        elif tokens[j].lower() in _KEPT_ADVERBS | _DURATION or (
            tokens[j].isdigit() and between and between[0].lower() in _DURATION
        ):
            between.insert(0, tokens[j])
            j -= 1
        else:
            break
    if "plur" in verb.tag.grammemes:
        j = _before_sum(tokens, j)
    subject = _subject(tokens, j, verb) if j >= 0 and tokens[j] not in _BREAKS else None
    if subject is None and negated:
        subject = _opening_subject(tokens, j, verb)
    if subject is None and wrong and {"plur", "past"} <= verb.tag.grammemes and not between:
        subject = []  # «прислали не ту модель»: they, whoever they were
    behind: list[str] = []
    if subject is None and not timing and not wrong:
        behind = _subject_after(tokens, i + 1 + len(infinitive), verb)
        if between and j >= 0 and after_preposition(tokens, j + 1):
            between = []  # «через два дня отвалилась дверца»: the days belong to «через»
    if subject is None and not behind:
        return None
    if subject and infinitive:
        behind = _subject_after(tokens, i + 2, verb, "accs")  # «фармацевт отказалась выдать лекарство»
    if lemma in _THINGS_ONLY and not _inanimate((subject or behind)[-1]):
        return None
    words = [
        *(subject or []),
        *(w for w in between if w.lower() not in _DROPPED),
        *tokens[start : i + 1],
        *infinitive,
        *([tokens[i + 1]] if timing else []),
        # «мастер трубку не берёт» → «мастер не берёт трубку»: never «не берёт» alone
        *(["трубку"] if lemma == "брать" and "трубку" in _lower(tokens[max(j, 0) : i + 2]) else []),
        *wrong,
        *behind,
    ]
    if len(words) > _MAX_WORDS or heated(" ".join([*words, *tokens[max(j, 0) : i]])):
        return None  # rude words, in the clause or dropped from it, are never repeated back
    return lower_first(words)


def _without(tokens: list[str], i: int, verb: Any) -> str | None:
    """«привезли диван без одного модуля»: the verb, its object and what it came without, as written."""
    thing = _subject_after(tokens, i + 1, verb)
    k = i + 1 + len(thing)
    if not thing or "и" in thing or k + 1 >= len(tokens) or tokens[k].lower() != "без":
        return None
    part: list[str] = []
    for at in range(k + 1, min(k + 4, len(tokens))):
        word = tokens[at]
        adjective = _genitive(word, "ADJF") or _genitive(word, "NUMR")
        following = at + 1 < len(tokens) and _genitive(tokens[at + 1], "NOUN")
        if _genitive(word, "NOUN") and not (adjective and following):
            words = [tokens[i], *thing, "без", *part, word]
            return None if heated(" ".join(words)) else lower_first(words)
        if not adjective:
            return None
        part.append(word)
    return None


def _genitive(word: str, pos: str) -> bool:
    return any(p.score >= 0.05 and "gent" in p.tag and pos in p.tag for p in morph().parse(word.lower()))


def _inanimate(word: str) -> bool:
    parses = [p for p in morph().parse(word.lower()) if p.score >= 0.05 and "NOUN" in p.tag]
    return bool(parses) and all("inan" in p.tag for p in parses)


def _infinitive(tokens: list[str], i: int) -> list[str]:
    found = tokens[i + 1] if i + 1 < len(tokens) else ""
    return [found] if found.isalpha() and _parse(found, "INFN") is not None else []


def _subject_after(tokens: list[str], k: int, verb: Any, case: str | None = None) -> list[str]:
    """The subject said after its verb («третью неделю не работает душ», «отключился звук»), or for an
    impersonal plural its object («не выдали зимнюю резину и коврики»): the noun right after the verb,
    its adjectives before it and one more noun joined by «и»; nothing when anything else stands there."""
    impersonal = case == "accs" or _impersonal(verb)
    case = "accs" if impersonal else "nomn"
    words: list[str] = []
    while k < len(tokens) and len(words) < 3:
        word = tokens[k]
        if not word.isalpha() or word.lower() in _NOT_SUBJECTS:
            return []
        parses = [p for p in morph().parse(word.lower()) if p.score >= 0.05 and case in p.tag]
        noun = next((p for p in parses if "NOUN" in p.tag and not {"Name", "Surn", "Geox"} & p.tag.grammemes), None)
        joined = k + 2 < len(tokens) and tokens[k + 1].lower() == "и"
        plural = joined and verb.tag.number == "plur"  # «не выданы резина и коврики»
        if noun is not None and (
            (impersonal and "inan" in noun.tag) or (not impersonal and (_agrees(noun, verb) or plural))
        ):
            if noun.normal_form.replace("ё", "е") in _KIN:
                return []
            words.append(word)
            if joined:
                more = _subject_after(tokens, k + 2, verb, case)
                return [*words, "и", *more] if more else words
            return words
        if not any("ADJF" in p.tag for p in parses):
            return []
        words.append(word)
        k += 1
    return []


def _opening_subject(tokens: list[str], j: int, verb: Any) -> list[str] | None:
    """The noun that opens the sentence, when nothing but names, numbers and places stands between it
    and its negated verb: «Автобус Казань — Уфа 22.09 в 7:30 не пришёл» → «автобус»."""
    for k in range(j, 0, -1):
        word = tokens[k].lower()
        if word == "," or any(
            tag in p.tag for p in morph().parse(word)[:1] for tag in ("VERB", "INFN", "GRND", "PRTF")
        ):
            return None
    if j < 1 or "VERB" in morph().parse(tokens[0].lower())[0].tag:
        return None
    found = _subject(tokens, 0, verb)
    return found if found and len(found) == 1 else None


def _before_sum(tokens: list[str], j: int) -> int:
    """The index before a sum and what it was for («3000 ₽ за номер»), or ``j`` when there is none."""
    k = j
    if k >= 2 and tokens[k - 1].lower() == "за":
        k -= 2  # «за номер»
    skipped = 0
    while k >= 0 and _SUM.match(tokens[k].lower()):
        skipped += any(c.isdigit() for c in tokens[k])
        k -= 1
    return k if skipped else j


def _lower(tokens: list[str]) -> tuple[str, ...]:
    return tuple(t.lower() for t in tokens)


def _wrong_one(tokens: list[str], i: int) -> list[str]:
    """«не тот пылесос», «не ту модель» right after the verb: the wrong thing was brought."""
    rest = tokens[i + 1 : i + 4]
    wrong = len(rest) == 3 and rest[0].lower() == "не" and rest[1].lower() in _WRONG_ONE
    return rest if wrong and any("NOUN" in p.tag for p in morph().parse(rest[2].lower())) else []


def _present_third(verb: Any) -> bool:
    return bool({"pres", "3per"} <= verb.tag.grammemes or {"futr", "3per"} <= verb.tag.grammemes)


def _subject(tokens: list[str], j: int, verb: Any) -> list[str] | None:
    """The noun ``tokens[j]`` when it is the verb's subject or, for an impersonal plural («отменили», «не
    привезли»), its object; None when there is none. Its adjectives are left out: the author's own
    («тупой», «хамский») are not for the company to repeat."""
    word = tokens[j]
    if word.lower() in _NOT_SUBJECTS or not word.isalpha():
        return None
    if after_preposition(tokens, j):
        return None
    for p in morph().parse(word.lower()):
        if "NOUN" not in p.tag or p.score < 0.05 or "Name" in p.tag or "Surn" in p.tag:
            continue
        if "nomn" in p.tag and _agrees(p, verb) and not _object_too(tokens, j, p, verb):
            if p.normal_form.replace("ё", "е") in _KIN:
                return None  # «ребёнок не понимает»: the author's own people, not the business failing
            return [word]
        if _impersonal(verb) and "accs" in p.tag and "anim" not in p.tag:
            # (a reflexive verb has no object: in «мили за перелёт не начислились» «перелёт» is none)
            return [word]
    return None


def _impersonal(verb: Any) -> bool:
    """«отменили», «не привезли»: a plural past verb with nobody named, whose noun is its object (a short
    participle's noun is its subject: «не выданы коврики»; a reflexive verb has no object)."""
    return "VERB" in verb.tag and {"plur", "past"} <= verb.tag.grammemes and not _reflexive(verb)


def _reflexive(verb: Any) -> bool:
    return bool(verb.word.endswith(("ся", "сь")))


def _object_too(tokens: list[str], j: int, noun: Any, verb: Any) -> bool:
    """«Мастер кран сломал»: the noun may be the verb's object as well, and a noun before it may be the
    subject; whichever it is, the clause is not repeated."""
    if "tran" not in verb.tag.grammemes or not any(
        p.tag.case == "accs" and p.normal_form == noun.normal_form for p in morph().parse(tokens[j].lower())
    ):
        return False
    return any(any("NOUN" in p.tag and p.score >= 0.05 for p in morph().parse(w.lower())) for w in tokens[:j])


def _agrees(noun: Any, verb: Any) -> bool:
    n, v = noun.tag, verb.tag
    if n.number != v.number:
        return False
    if "past" in v.grammemes and v.number == "sing":
        return bool(n.gender == v.gender or "ms-f" in n.grammemes)
    return True


def _absent(tokens: list[str], i: int) -> str | None:
    """«нет мобильного интернета»: «нет» and a noun phrase in the genitive."""
    if moody(tokens[i + 1]):
        return None  # «нет слов», «нет настроения»: a mood, not a failure
    words: list[str] = []
    for word in tokens[i + 1 : i + 4]:
        parses = [p for p in morph().parse(word.lower()) if "gent" in p.tag and p.score >= 0.05]
        if any("ADJF" in p.tag for p in parses):
            words.append(word)
            continue
        if any("NOUN" in p.tag for p in parses):
            words.append(word)
            end = i + 1 + len(words)
            return lower_first([tokens[i], *words, *_to_what(tokens, end)])
        return None
    return None


# «слов нет», «проблем нет», «денег нет»: no failure of the business's, or none to repeat.
_NOT_MISSING = frozenset(
    {
        "слово",
        "проблема",
        "вопрос",
        "претензия",
        "смысл",
        "время",
        "деньги",
        "деньга",
        "сила",
        "желание",
        "выбор",
        "нерв",
    }
)


def _absent_before(tokens: list[str], i: int) -> str | None:
    """«резины нет», «машины нет»: a noun in the genitive right before «нет», which ends its clause."""
    if i < 1 or (i + 1 < len(tokens) and tokens[i + 1].isalpha()):
        return None
    if {t.lower() for t in tokens[max(i - 3, 0) : i - 1]} & {"у", "ещё", "еще", "уже", "тоже", "сих"}:
        # «у меня денег нет», «уже нет», «до сих пор нет»: the author's own, or a clause this cannot see whole
        return None
    word = tokens[i - 1]
    parses = [p for p in morph().parse(word.lower()) if p.score >= 0.05 and "gent" in p.tag and "NOUN" in p.tag]
    if not word.isalpha() or not parses or any(p.normal_form in _NOT_MISSING for p in parses):
        return None
    if any({"Name", "Surn", "Geox"} & p.tag.grammemes for p in parses):
        return None
    return lower_first([word, "нет"])


def _to_what(tokens: list[str], k: int) -> list[str]:
    """«к модулю 4» after «нет доступа»: a preposition, one noun and its number, when they follow."""
    if k + 1 >= len(tokens) or tokens[k].lower() not in {"к", "в", "на", "у", "для"}:
        return []
    if not any("NOUN" in p.tag and p.score >= 0.05 for p in morph().parse(tokens[k + 1].lower())):
        return []
    number = [tokens[k + 2]] if k + 2 < len(tokens) and tokens[k + 2].isdigit() else []
    return [tokens[k], tokens[k + 1], *number]
