"""The author's explicit ask, put into the admin's remedy slot in the author's own terms.

«Верните разницу 950 ₽», «когда будет готово?», «дайте письменно новую дату»: a holding line («простите,
разберёмся и вернёмся») leaves the one thing asked unanswered, and a generic slot («вернём … ₽ / пересчитаем»)
makes the admin guess which sum. The bot cannot answer; it names what was asked («вернём разницу 950 ₽ до
…», «будет готово к …») in the same ``[что сделаем: …]`` slot the lint refuses unfilled and the alert
explains (``bot.replies.remedy``), so the answer stays the admin's. Only demands and questions are read:
«мне к субботе» is the author's own deadline (``bot.replies.deadline``), not a date we missed.
"""

from __future__ import annotations

import re

from bot.replies.grammar import morph

_SLOT_LIMIT = 80  # the lint's placeholder pattern takes at most 80 characters between the brackets
_HEAD = {"ru": "что сделаем", "uk": "що зробимо", "en": "what we'll do"}
_CLAUSE_END = re.compile(
    r"[.!?;,\n]|\s—\s|\s(?:и|либо|или|а)\s+(?:(?:наконец|ещё|еще|заодно|потом|сразу|срочно)\s+)?(?=[а-яё]+(?:йте|ите|ьте|йтесь|итесь|ьтесь|ать|ять|ить|еть|уть|ти)\b)|\s(?:либо|или)\s",
    re.I,
)

# A demand: «верните …», «пересчитайте …», «продлите …» (an imperative, or the «вы»-future with «прошу»).
_DEMAND = re.compile(r"\b(?:прошу\s+|просим\s+)?([а-яё]+(?:йте|ите|ьте))\b", re.I)
_REQUEST_INF = re.compile(r"\b(?:прошу|просим|хочу|хотим|требую)\s+([а-яё]+(?:ть|ти|чь))\b", re.I)
# «хочу бесплатную перепроверку»: the thing wanted, a noun phrase.
_WANT_THING = re.compile(r"\b(?:хочу|хотим|требую|прошу)\s+((?:бесплатн|повторн|нормальн)[а-яё]+\s[^.!?,;]+)", re.I)
# «когда будет готово?», «когда вернёте залог?», «когда можно забрать?»
_WHEN = re.compile(r"\bкогда\s+(?:(?:же|уже|точно|наконец)\s+)*([^.!?;]{2,60})", re.I)
# Imperatives that only introduce the ask («скажите, когда…», «назовите дату»), not a thing done.
_ASKING = frozenset({"сказать", "подсказать", "ответить", "объяснить", "уточнить", "написать", "сообщить", "назвать"})
_NOT_DEMANDS = frozenset(
    {
        "извинить",
        "простить",
        "представить",
        "смотреть",
        "посмотреть",
        "видеть",
        "понимать",
        "учесть",
        "обратить",
        # punishments and bans are not the admin's remedy to name: «уволите курьера» gets no «уволим … до …»
        "уволить",
        "наказать",
        "разогнать",
        "закрыть",
        "посадить",
        "лишить",
        "оштрафовать",
        "выгнать",
        "прекратить",
        "перестать",
        "отстать",
        "убрать",
        "удалить",
        "заткнуть",
        "забанить",
        "разобраться",
    }
)
# What the admin can do for the author, named in a slot; any other verb («проверьте», «помогите», «сделайте хоть
# что-нибудь», «купите им компас») is a plea, a jab or a joke, and the draft's own words answer it.
_REMEDY_VERBS = frozenset(
    {
        "вернуть",
        "пересчитать",
        "сделать",
        "переделать",
        "перепечатать",
        "допечатать",
        "продлить",
        "заменить",
        "поменять",
        "довезти",
        "привезти",
        "прислать",
        "выслать",
        "отправить",
        "отработать",
        "перенести",
        "компенсировать",
        "подтвердить",
        "переставить",
        "перешить",
        "починить",
        "начислить",
        "выдать",
        "доставить",
        "перезаписать",
        "устранить",
        "пересобрать",
        "перевыпустить",
        "восстановить",
        "посчитать",
        "доделать",
    }
)
# «сделайте перерасчёт», not «сделайте хоть что-нибудь»
_MADE_THING = re.compile(r"перерасч|скидк|возврат|замен|ремонт|перезапис|переуч|пересч|компенсац", re.I)
_FILLERS = re.compile(r"\s*\b(?:пожалуйста|плиз|пж|пжл|уже|наконец|срочно|хоть|же|ну|нам|мне|вы)\b", re.I)
_DANGLING = frozenset(
    {"в", "во", "на", "за", "по", "для", "с", "со", "к", "и", "или", "из", "от", "до", "о", "об", "у"}
)
_DATE_WORDS = re.compile(r"\b(дат[уы]|срок|время|число|день|расписание|график)\b", re.I)
_BARE_DATE = re.compile(r"^(?:письменно )?(?:дата|срок|время|число|день)\b", re.I)
_PRONOUNS = frozenset({"их", "его", "её", "ее", "мне", "нам"})
_MONEY = re.compile(r"\b\d{1,3}(?:[  ]\d{3})+\b|\b\d{3,6}\b(?=\s*(?:₽|руб|р\.))")
# What «верните …» gives back when it is money: a sum, or a word for money.
_MONEY_THING = re.compile(
    r"\d{3,}|\d[  ]\d{3}|₽|руб|денег|деньги|плат[уаы]|платёж|платеж|разниц|сбор|залог|предоплат|депозит"
    r"|списан|переплат|стоимост|оплат|аванс",
    re.I,
)
# «хочу, чтобы занятия шли 60 минут, как в договоре»: the state wanted
_WANT_STATE = re.compile(r"\b(?:хочу|хотим|требую|прошу),?\s+чтобы\s+([^.!?;]+)", re.I)

_EN_REFUND = re.compile(r"\b(?:please\s+)?refund\s+([^.!?;]{2,50})", re.I)
_EN_WHEN = re.compile(r"\bwhen\s+(?:exactly\s+)?will\s+(?:it|my \w+|the \w+)\s+be\s+(ready|done|fixed|back)", re.I)
_UK_WHEN = re.compile(r"\bколи\s+(?:вже\s+)?буде\s+(готов[а-яії]*)", re.I)
_UK_DO = re.compile(r"\bзробіть\s+([^.!?;,]{2,50})", re.I)


def ask_slot(text: str, lang: str) -> str | None:
    """The remedy slot naming what ``text`` explicitly asks for, or None when it asks nothing specific."""
    body = {"ru": _ru, "uk": _uk, "en": _en}.get(lang)
    parts = body(text) if body else []
    if not parts:
        return None
    return _slot(_HEAD[lang], parts)


def _slot(head: str, parts: list[str]) -> str:
    kept: list[str] = []
    for part in parts:
        inner = f"{head}: " + " / ".join([*kept, part])
        if len(inner) > _SLOT_LIMIT:
            break
        kept.append(part)
    if not kept:  # one long ask: its words up to the limit, the rest left to the admin
        words = parts[0].split()
        while words and len(f"{head}: " + " ".join(words) + " …") > _SLOT_LIMIT:
            words.pop()
        kept = [" ".join(words) + " …"]
    return f"[{head}: " + " / ".join(kept) + "]"


def _ru(text: str) -> list[str]:
    parts: list[str] = []
    for m in _DEMAND.finditer(text):
        part = _demand(m.group(1), text[m.end() :])
        if part and part not in parts:
            parts.append(part)
    for m in _REQUEST_INF.finditer(text):
        verb = _we(m.group(1))
        if verb == "вернём" and not _MONEY_THING.search(_clause(text[m.end() :])):
            continue
        if verb and morph().parse(m.group(1).lower())[0].normal_form not in _NOT_DEMANDS:
            part = _clause(verb + text[m.end() :])
            if part and part not in parts:
                parts.append(_with_until(part))
    for m in _WANT_THING.finditer(text):
        thing = _nominative(_clause(m.group(1)))
        if thing:
            parts.append(f"{thing} — когда …")
    for m in _WANT_STATE.finditer(text):
        # «чтобы занятия шли 60 минут» → «занятия 60 минут»: the state, without the wish's past tense
        state = " ".join(w for w in _clause(m.group(1)).split() if "past" not in morph().parse(w.lower())[0].tag)
        if state:
            parts.append(f"{state} — с …")
    for m in _WHEN.finditer(text):
        part = _when(m.group(1), text)
        if part and part not in parts:
            parts.append(part)
    if len(parts) > 1:
        parts = [p for p in parts if len(p.split()) > 3] or parts  # «пересчитайте и верните 1 500»: the sum says it
    if any("(дата)" in p for p in parts):
        parts = [p for p in parts if not _BARE_DATE.match(p)]  # «назовите дату» and «когда будет готова?»: one ask
    return parts


def _demand(word: str, rest: str) -> str | None:
    parses = morph().parse(word.lower())
    verb = next((p for p in parses if "VERB" in p.tag and ("impr" in p.tag or "2per" in p.tag)), None)
    if verb is None or verb.normal_form in _NOT_DEMANDS:
        return None
    rest_clause = _clause(rest)
    if verb.normal_form in _ASKING or verb.normal_form == "дать":
        when = re.match(r"[^.!?;]{0,40}?,\s*когда\s+([^.!?;]+)", rest)
        if when:  # «дайте письменно дату, когда пришлёте»: the date of that, in writing if asked so
            part = _when(when.group(1), rest, named=True)
            written = "письменно: " if part and re.search(r"письменн", rest[: when.start(1)], re.I) else ""
            return f"{written}{part}" if part else None
        # «назовите дату», «дайте письменно новую дату монтажа»: the date itself is the answer
        if not _DATE_WORDS.search(rest_clause):
            return None
        written = "письменно " if re.search(r"письменн", rest_clause, re.I) else ""
        thing = _nominative(re.sub(r"^(?:письменно|нам|мне|точн\w+|конкретн\w+)\s+", "", rest_clause, flags=re.I))
        thing = re.sub(r"^письменно\s+", "", thing, flags=re.I)
        return f"{written}{thing}: …".strip()
    we = _we(word)
    if not we or not rest_clause or (we == "сделаем" and not _MADE_THING.search(rest_clause)):
        return None
    if we == "вернём" and not _MONEY_THING.search(rest_clause):
        return None  # «верните мои привычные 6 часов в аэропорту»: a joke, not money asked back
    if we == "вернём" and rest_clause and re.fullmatch(r"(?:\w+\s)?\d[\d  ]*", rest_clause):
        rest_clause += " ₽"  # «верните сбор 5 000»: the sum in the author's currency, not a count
    return _with_until(f"{we} {rest_clause}".strip())


def _we(word: str) -> str | None:
    """«верните» → «вернём», «продлите» → «продлим», «отработают» → «отработаем»."""
    parses = morph().parse(word.lower())
    verb = next((p for p in parses if "VERB" in p.tag or "INFN" in p.tag), None)
    if verb is None or "perf" not in verb.tag or verb.normal_form not in _REMEDY_VERBS:
        return None
    infinitive = morph().parse(verb.normal_form)[0]
    found = infinitive.inflect({"1per", "plur", "futr", "indc"})
    return found.word if found else None


def _when(rest: str, text: str, *, named: bool = False) -> str | None:
    """The slot for «когда …?»; ``named``: the date was asked for in so many words, so a bare verb will do."""
    clause = _clause(rest)
    words = clause.split()
    if len(words) > 1 and words[0].lower() in ("он", "она", "оно", "они"):
        future = any("futr" in p.tag for w in words[1:3] for p in morph().parse(w.lower())[:1])
        # «когда он точно придёт»: the visit's time, for the admin; «когда она попросила» is a story
        return f"{clause} — … (дата, время)" if future else None
    if len(words) > 1 and words[0].lower() in _PRONOUNS:
        words = [words[1], words[0], *words[2:]]  # «когда их отработают» → «отработаем их»
    if not words:
        return None
    low = [w.lower() for w in words]
    if low[0] in ("будет", "будут") and len(words) > 1 and low[1].startswith("готов"):
        return f"{low[0]} {low[1]} к … (дата)"
    if low[0] in ("можно", "смогу", "сможем") and len(words) > 1:
        return f"{' '.join(words[:2])} с … (дата)"
    we = _we(words[0])
    if we is None or words[0].lower().endswith(("ся", "сь")):
        return None
    obj = [w for w in words[1:] if w.lower() not in ("мне", "нам", "вы", "уже", "же")]
    if we == "вернём":
        sums = set(_MONEY.findall(text))
        if not obj and len(sums) == 1:
            obj = [f"{sums.pop()} ₽"]  # «предоплата 3 000 ₽ не вернулась. Когда вернёте?»: that sum, the only one
        return " ".join([we, *obj, "до …"])
    if not obj and not named:
        return None  # «когда дадите?»: nothing named to put in the slot
    return " ".join([we, *obj, "к … (дата)"])


def _clause(rest: str) -> str:
    end = _CLAUSE_END.search(rest)
    clause = rest[: end.start()] if end else rest
    clause = re.split(r"\s+или\s+", clause, maxsplit=1)[0]
    clause = re.sub(r"\bза (?:ваш|свой) сч[её]т", "за наш счёт", clause, flags=re.I)  # said by us, it is ours
    words = _FILLERS.sub("", clause).split()[:8]
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # a clause cut at eight words ends on a word, not on «в»
    return " ".join(words).strip(" ,—-:")


def _with_until(part: str) -> str:
    """A demand with no time in it gets one for the admin to set («вернём 950 ₽ до …»)."""
    part = re.sub(r"(\d)\s*(?:руб(?:лей|ля|ль)?\.?|р\.?)(?=\s|$)", r"\1 ₽", part)
    if re.search(r"\b(?:до|к)\s+…|…", part):
        return part
    return f"{part} до …"


def _nominative(phrase: str) -> str:
    """«бесплатную повторную регулировку» → «бесплатная повторная регулировка»: the words before a preposition."""
    out: list[str] = []
    for i, word in enumerate(phrase.split()):
        parses = morph().parse(word)
        if "PREP" in parses[0].tag:
            out.extend(phrase.split()[i:])
            break
        parse = next((p for p in parses if "accs" in p.tag and ("NOUN" in p.tag or "ADJF" in p.tag)), None)
        found = parse.inflect({"nomn"}) if parse is not None else None
        out.append(found.word if found else word)
    return " ".join(out)


def _uk(text: str) -> list[str]:
    parts: list[str] = []
    for m in _UK_DO.finditer(text):
        parts.append(f"зробимо {m.group(1).strip()} до …")
    for m in _UK_WHEN.finditer(text):
        parts.append(f"буде {m.group(1).lower()} до … (дата)")
    return parts


def _en(text: str) -> list[str]:
    parts: list[str] = []
    for m in _EN_REFUND.finditer(text):
        parts.append(f"refund {m.group(1).strip()} by …")
    for m in _EN_WHEN.finditer(text):
        parts.append(f"{m.group(1).lower()} by … (date)")
    return parts
