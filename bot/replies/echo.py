"""The complaint in the author's own words, to be acknowledged as they put it: «Простите, что {said}.»

When the chat's business is not known, or no table of the topic fits, a draft that names nothing reads
as a stock reply («Простите, что так вышло»). A community manager repeats the failure the way the
author told it: «спектакль заменили и никого не предупредили», «лифт во втором подъезде стоит с
понедельника», «после нашей стирки свитер сел на два размера». This finds such a clause in a Russian
comment: a short one that says what went wrong (a negation or a word of failure), about the company or
a thing rather than the author («мы уже дважды приехали» is the author's doing), with «ваш» turned
into «наш». Anything it is not sure of (a question, rude words, «бы», a pronoun whose noun is elsewhere,
a verb in the first person) gives ``None``, and the draft keeps its general line.
"""

from __future__ import annotations

import re

from bot.replies.grammar import kept_parses, morph
from bot.replies.lint import flagged
from bot.replies.silent_channel import silent_channel

_SENTENCES = re.compile(r"(?<=[.!?…])\s+|\n+")
_CLAUSES = re.compile(r"\s*(?:[,;:](?!\d)|\s[—–-]\s|\(|\))\s*")  # «в 14:00» and «1,5» are not split
_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?|\d[\d ]*|«[^»]*»")
MIN_WORDS, MAX_WORDS = 3, 10
# Words that open a clause that cannot follow «Простите, что…» as it stands.
_LEADS = frozenset({"а", "но", "и", "да", "ещё", "еще", "так", "вот", "ну", "просто", "причём", "причем"})
# Words that open a clause of its own, or reported speech (what someone said or a screen showed is not
# the failure itself).
_SUBORDINATE = frozenset(
    {"хотя", "когда", "потому", "если", "чтобы", "как", "где", "пока", "что", "который", "которая", "которое"}
    | {"которые", "обещали", "кто", "почему", "зачем", "какой", "какая", "какие", "сколько", "куда", "откуда"}
)
_SPEECH = frozenset({"пишет", "пишут", "говорит", "говорят", "сказал", "сказала", "сказали", "отвечают", "ответили"})
# The author («я», «мы», «мой»), a pronoun whose noun is elsewhere, a wish, a guess or a sweeping
# verdict («не могут», «вечно»): not repeated.
_NOT_ECHOED = frozenset(
    {
        "я", "мы", "меня", "мне", "мной", "нас", "нам", "нами", "вы", "вас", "вам", "вами", "ты", "тебя", "тебе",
        "он", "она", "оно", "они", "его", "её", "ее", "их", "ему", "ей", "им", "это", "этим", "бы", "ли",
        "них", "ним", "ней", "нему", "нём", "нем", "неё", "нее",
        "типа", "вообще", "походу", "видимо", "наверное", "кажется", "опять", "снова", "сами",
        "могут", "можете", "умеют", "умеете", "способны", "всегда", "вечно", "никогда",
    }
)  # fmt: skip
_YOURS = {
    "ваш": "наш", "ваша": "наша", "вашу": "нашу", "ваше": "наше", "ваши": "наши", "вашего": "нашего",
    "вашей": "нашей", "вашему": "нашему", "вашим": "нашим", "ваших": "наших", "вашими": "нашими", "вашем": "нашем",
    "мой": "ваш", "моя": "ваша", "мою": "вашу", "моё": "ваше", "мое": "ваше", "мои": "ваши", "моего": "вашего",
    "моей": "вашей", "моему": "вашему", "моим": "вашим", "моих": "ваших", "моём": "вашем", "моем": "вашем",
    "наш": "ваш", "наша": "ваша", "нашу": "вашу", "наше": "ваше", "наши": "ваши", "нашего": "вашего",
    "нашей": "вашей", "нашему": "вашему", "нашим": "вашим", "наших": "ваших", "нашем": "вашем",
}  # fmt: skip
# Said as a company would say it: «инструктор орёт» is repeated as «инструктор кричит».
_PLAIN = {
    "орёт": "кричит", "орет": "кричит", "орут": "кричат", "орал": "кричал", "орала": "кричала",
    "орали": "кричали", "воняет": "плохо пахнет", "воняют": "плохо пахнут",
}  # fmt: skip


def praises(text: str) -> bool:
    """Praise, or a negation that praises («ни разу не подвели»): no failure in ``text`` to repeat."""
    return bool(_PRAISE.search(text.lower()))


def moody(text: str) -> bool:
    """A mood rather than a failure («сил нет», «нет слов», «нервы»): nothing to repeat back."""
    return bool(_MOOD.search(text.lower()))


def heated(text: str) -> bool:
    """Rude or heated words anywhere in ``text`` («охренели», «задрали», «бесит»)."""
    return bool(_HEATED.search(text.lower()))


# Rude or heated words: a clause with one is never repeated back.
_HEATED = re.compile(
    r"хрен|офиг|фиг|задрал|бесит|жоп|говн|дебил|идиот|урод|позор|криворук|руки бы|дерьм|отстой|бред|сброд|"
    r"сборищ|(?<![а-яё])лох|тупы|мошенн|развод|обман|кошмар|ужас|обнагл|достал[иа]|задолб|очумел|сдурел|нафиг|нахр|бл[*я]|"
    # Words of the street a reply does not repeat in the company's voice («хамло», «жрать»).
    r"хамл|швырн|жрат|сдох|свинарник|"
    # Mat, also inside a word («нихуя», «заебали»): the lint's swear patterns start at a word's beginning.
    r"(?<![а-яё])(?:на|ни|о|по|до|за|от|вы|не)?ху[йяеёию]|пизд|(?<![а-яё])(?:за|на|у|вы|до|отъ|по|съ|разъ|въ|при)?[её]б[аиуоеёлн]|"
    r"муда[кч]|(?<![а-яё])сук[аиу]?(?![а-яё])"
)
# The author's own turns of speech and sweeping verdicts («как не убирали, так и не убирают», «вечно
# всё ломается», «жесть»): repeated in the company's voice they mock the author or admit, unchecked, a
# fault that has gone on for ever; the draft keeps its general line instead.
_COLLOQUIAL = re.compile(
    r"(?<![а-яё])как\s+(?:\S+\s+){0,3}так\s+и(?![а-яё])|(?<![а-яё])(?:постоянно|всё время|все время|каждый раз|"
    r"как всегда|как обычно|жесть|капец|трындец|нифига|ничерта|ни черта|ни разу)(?![а-яё])"
)
# Praise, or a negation that praises: a comment with it has no failure to repeat.
_PRAISE = re.compile(r"похвал|спасибо|благодар|респект|молодц|ни разу не|не могу не|лучш|рекомендую(?! не)")
# A mood rather than a failure («сил нет», «нет слов», «нервы»).
_MOOD = re.compile(r"(?<![а-яё])(?:сил|слов|нерв|настроени|терпени|желани)")
# A failure said in one word: broke, lost, late, cancelled, moved, stolen, not working...
_FAILURE = re.compile(
    r"(?<![а-яё])(?:не|нет|ни)(?![а-яё])|сломал|слома|пропал|потерял|потеря|опозда|задерж|отмен|перенес|перенос|"
    r"украл|укра|навяза|забыл|испорт|порвал|сел[аио]?(?![а-яё])|сгорел|протек|течёт|течет|стоит|"
    r"закрыт|грязн|холодн|сыр(?:ое|ой|ая|ые)|криво|развод|пятн(?:о|а|ами|ах)?(?![а-яё])|хамит|нахамил|ругал|"
    r"ор[её]т|орут|орал[аи]?(?![а-яё])|крич|плохо пахн|воня|"
    r"выставил|списал|продали|взял[аи]? (?:задаток|деньги|предоплат)|заменил|поменял|перестал|разбит|треснул|"
    r"порван|протух|прокис|завис|вылета|поцарап|повредил|испачкал|разбил|затопил|пробил|забанил|заблокир|"
    r"удалил|обманул|не вернул|вместо обещанн|до сих пор"
)


# A clause that opens with a bare count or «одно» lost its noun to the sentence before it («два отменили
# в день занятия», «одно перенесли»): «простите, что одно перенесли» says nothing; the plain line does.
_COUNT_HEAD = frozenset(
    {"одно", "одна", "один", "одну", "два", "две", "три", "четыре", "пять", "оба", "обе", "другое", "второе", "третье"}
)


def headless(clause: str) -> bool:
    """``clause`` opens with a bare count whose noun stayed behind («два отменили», «одно перенесли»)."""
    words = clause.split()
    if not words or words[0].lower() not in _COUNT_HEAD:
        return False
    # «третье занятие подряд переносят» keeps its noun; only a count followed by the verb lost it
    after = morph().parse(words[1].lower())[0] if len(words) > 1 else None
    return after is None or after.tag.POS not in {"NOUN", "ADJF", "NPRO"}


def complaint_clause(text: str) -> str | None:
    """The clause of ``text`` that says what went wrong, ready to follow «Простите, что», or ``None``."""
    if _PRAISE.search(text.lower()):
        return None  # «ни разу не подвели, не могу не похвалить»: nothing went wrong
    # Every clause that may be repeated, with its rank: the most words of failure; of equals, the
    # fuller, then the earlier one. The dictionary and lint checks are the dear part, so they run on
    # the best ranked first and stop at the first that passes (the same choice as checking them all).
    ranked: list[tuple[tuple[bool, int, int, int], int, list[str]]] = []
    for position, sentence in enumerate(_SENTENCES.split(text.strip())):
        clauses = _CLAUSES.split(sentence)
        if sentence.rstrip().endswith("?"):
            clauses = clauses[:-1]  # the question is answered, not repeated; what led to it may be
        turns = [m.span() for m in _COLLOQUIAL.finditer(sentence.lower())]
        clauses = [clause for clause in clauses if not (turns and _colloquial(sentence, clause, turns))]
        # Either thing of two joined by «и» may be the one that can be repeated («его отменили и никто
        # не позвонил»: the second).
        parts = [part for clause in clauses if " и " in clause for part in clause.split(" и ")]
        for clause in clauses + parts:
            words = _candidate(clause)
            if words is None or headless(" ".join(words)):
                continue
            said = " ".join(words)
            score = len(_FAILURE.findall(said.lower()))
            if score:
                # a silent channel («менеджер не перезванивает») has a line of its own
                # (``bot.replies.silent_channel``): any other failure told comes first
                told = silent_channel(said) is None
                ranked.append(((told, score, len(said.split()), -position), len(ranked), words))
    for _key, _order, words in sorted(ranked, key=lambda found: (found[0], -found[1]), reverse=True):
        if _repeatable(words):
            return lower_first(_ours(words))
    return None


def _colloquial(sentence: str, clause: str, turns: list[tuple[int, int]]) -> bool:
    """``clause`` is a part of one of the author's turns of speech in ``sentence`` (which may run over a
    comma: «как не вывозили, так и не вывозят»); ``turns``: where they are in it."""
    start = sentence.find(clause)
    end = start + len(clause)
    return any(turn_start < end and start < turn_end for turn_start, turn_end in turns)


def _candidate(clause: str) -> list[str] | None:
    """The words of ``clause`` as it would be repeated («ваш» as «наш»), before its dictionary and
    lint checks; ``None`` when it cannot be."""
    clause = clause.strip(" .!…\"'")
    low_clause = clause.lower()
    if not clause or heated(low_clause) or moody(low_clause) or re.search(r"[A-Za-z?\"]", clause):
        return None  # rude words, a mood, a foreign word, a question or a quote cut in two
    # «курьер ещё и нахамил»: the rest was said before; «ни за что», «просто так» is the author's verdict.
    clause = re.sub(r"(?i)\bещ[её] и\s|\s(?:ни за что|просто так|без причины)\b", " ", clause)
    words = clause.split()
    while words and words[0].lower().strip(",") in _LEADS:
        words = words[1:]
    if not words or words[0].lower() in _SUBORDINATE:
        return None
    if len(words) > MAX_WORDS and " и " in " ".join(words):
        words = " ".join(words).split(" и ", 1)[0].split()  # the first of two things said is the complaint
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    out = []
    for word in words:
        low = word.lower().strip('«»"')
        if low in _NOT_ECHOED or low in _SPEECH:
            return None
        out.append(_YOURS.get(low) or _PLAIN.get(low) or word)
    return out


def _repeatable(words: list[str]) -> bool:
    """A verb of what others did, and no words the doctrine forbids a reply («забанили»)."""
    return _has_verb_of_others(words) and not flagged(" ".join(words))


def _has_verb_of_others(words: list[str]) -> bool:
    """A verb (or «нет») that is not the author's own: a verb in the first person, or a past singular
    verb that opens the clause with no subject before it («забрала с разводами»), is the author's."""
    found = False
    subjects: set[str] = set()  # the genders (or «plur») a nominative noun before the verb can have
    for index, word in enumerate(words):
        low = word.lower()
        if low == "нет":
            found = True
            continue
        tag = _tag(low)
        if tag is None:
            continue
        tags = _tags(low)
        # «и» is no abbreviated noun here, and «на вебинар» no subject
        noun = tag.startswith(("NOUN", "NPRO")) and "Abbr" not in tag and not after_preposition(words, index)
        for t in tags if noun else ():
            if "nomn" in t:
                subjects |= {g for g in ("masc", "femn", "neut", "plur") if g in t}
                # «педагог не позвонила»: a profession names a woman too
                profession = "anim" in t and "masc" in t and "Name" not in t
                subjects |= {"masc", "femn"} if "Ms-f" in t or profession else set()
                subjects |= {"masc", "femn", "neut"} if "NPRO" in t else set()  # «никто не позвонил»
        if "VERB" not in tag:
            continue
        verbs = [t for t in tags if "VERB" in t]
        if any(all(mark in t for t in verbs) for mark in ("1per", "futr")):
            return False  # the author's own doing, or what they will do («нога больше не ступит»)
        if all("2per" in t for t in verbs) and not _to_the_business(low):
            return False  # «ты опоздал»: one person addressed; «вы переносите» is the business (see _ours)
        gender = next((g for g in ("masc", "femn", "neut") if g in tag), None)
        if "sing" in tag and "past" in tag and gender not in subjects:
            # «5000 не выдал», «ссылку так и не получила»: who did not, the clause does not say.
            return False
        if "impr" in tag and words[0].lower() in (low, "не"):
            return False  # a call to the readers («не покупайте»); «кристаллы не пришли» is no call
        if index == 0 and "sing" in tag:
            return False  # «забрала с разводами», «лежит и ничего не делает»: whose, the clause does not say
        found = True
    return found


def _to_the_business(word: str) -> bool:
    """A verb in the second person plural («переносите», «не отвечаете»): what the author says the
    business does; the brand says it of itself («переносим»), never with the author's person."""
    verbs = [p for p in kept_parses(word) if "VERB" in p.tag]
    return (
        bool(verbs)
        and any({"2per", "plur", "indc"} <= p.tag.grammemes for p in verbs)
        and all({"2per", "plur"} <= p.tag.grammemes or "impr" in p.tag for p in verbs)
    )


def _ours(words: list[str]) -> list[str]:
    """The business's verbs as the brand says them: «третий раз переносите» → «третий раз переносим»."""
    out = []
    for index, word in enumerate(words):
        low = word.lower()
        form = None
        call = index == 0 or (index == 1 and words[0].lower() == "не")  # «не ходите сюда» is a call
        if _to_the_business(low) and not call:
            verb = next(p for p in kept_parses(low) if {"2per", "indc"} <= p.tag.grammemes)
            form = verb.inflect({"1per", "plur"})
        out.append(form.word if form is not None else word)
    return out


# The parses are the ones ``morph`` keeps for every reader; a cache of their tags here held the same
# words a second and a third time.
def _tags(word: str) -> tuple[str, ...]:
    """Every parse of ``word``; a hyphenated one by the parses of each of its parts («донат-валюта»)."""
    return tuple(str(p.tag) for part in word.split("-") if part for p in kept_parses(part))


def _tag(word: str) -> str | None:
    parses = kept_parses(word)
    return str(parses[0].tag) if parses else None


def lower_first(words: list[str]) -> str:
    """The clause as said after «что»: a name keeps its capital («Лесной», «Алексей»), a common word that
    opened the sentence loses it, and a clause shouted in capitals is said in small letters."""
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    if len(lettered) > 1 and all(w.isupper() for w in lettered):
        return " ".join(words).lower()  # «ЗАКАЗ НЕ ПРИШЁЛ»: said back, not shouted back
    first = words[0]
    if first[:1] == "«" or (first.isupper() and len(first) > 1):
        return " ".join(words)  # a title, or an abbreviation («МФЦ»)
    parses = [p for p in morph().parse(first.lower()) if p.score >= 0.05]
    if parses and all({"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes for p in parses):
        return " ".join(words)
    return " ".join([first[:1].lower() + first[1:], *words[1:]])


def after_preposition(words: list[str], index: int) -> bool:
    """``words[index]`` follows a preposition, so it is in that preposition's case and never a subject
    («менеджер в вотсапе не отвечает», «на вебинар»), whatever an unknown word's guessed parses say."""
    if index < 1:
        return False
    parses = [p for p in morph().parse(words[index - 1].lower()) if p.score >= 0.05]
    return bool(parses) and "PREP" in parses[0].tag
