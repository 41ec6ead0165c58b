"""Claims told calmly that the word rules read as neutral, praise or a jab (round 16's reading):

- a hazard in a public place with no staff and no heat («из люка валит пар, асфальт просел, там дети
  ходят», «сосулька над входом», «перила на мосту шатаются») is a safety claim;
- a price rise told by both figures («65 вместо 52», «подняли с 450 до 700») or a price called too high by
  what else it would buy («за эти деньги в аквапарк сходить можно») is a price complaint;
- a price mocked next to its figure («27 900 — масло из золота заливаете?») is a price complaint, not a jab;
- ironic thanks for a botched job («спасибо, подшили криво — асимметрия, модно») is a complaint, not praise;
- irony around the facts of a failure («отличный сервис 👏 бронь отдали корпоративу, ждали час десять») is a
  complaint, not a jab.

Each pattern runs behind a cheap substring gate, after ``kinds.read_kinds``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.classifier.kinds import add_hazard, add_price_claim, price_compare
from bot.classifier.normalize import Normalized
from bot.classifier.prefilter import any_of
from bot.domain.verdicts import Cue

if TYPE_CHECKING:
    from bot.classifier.features import Features

_HAZARD_GATE = any_of((
    "люк", "колод", "сосул", "просел", "провал", "льду", "лёд", "лед ", "полынь", "перил", "арматур", "кипят",
    "пар ", "пар,", "штыр", "горяч", "яма", "ямы", "дыр",
))  # fmt: skip
# a danger in a public place, said by what is wrong with what
_HAZARD_RX = re.compile(
    r"\b(?:сосульк\w*|наледь\s+(?:над|на\s+крыше)\w*"
    r"|(?:открыт\w*|без\s+крышки)\s+(?:\w+\s+)?(?:люк\w*|колод\w*)|(?:люк\w*|колод\w*)\s+(?:\w+\s+){0,2}?(?:открыт\w*|без\s+крышки)"
    r"|(?:валит|идет|бьет|поднимается|клубится)\s+пар\w*|пар\w*\s+(?:\w+\s+)?(?:валит|идет|бьет)"
    r"|(?:бьет|течет|хлещет)\s+(?:\w+\s+)?(?:горяч\w+\s+вод\w*|кипят\w*)|кипят\w*"
    r"|(?:асфальт|тротуар|дорог\w*|плитк\w*|земл\w*)\s+(?:\w+\s+){0,2}?(?:просел\w*|провалил\w*|проваливается)"
    r"|(?:просел\w*|провал\w*)\s+(?:в\s+)?(?:асфальт\w*|тротуар\w*|дорог\w*)"
    r"|(?:трещин\w*|дыр\w*|ям\w*|полынь\w*|пролом\w*)\s+(?:\w+\s+){0,3}?во?\s+льду|во?\s+льду\s+(?:\w+\s+){0,2}?(?:трещин\w*|дыр\w*|ям\w*|полынь\w*)"
    r"|перил\w*\s+(?:\w+\s+){0,5}?(?:шата\w*|хода\w*|болта\w*|отход\w*|качают\w*|нет\b|сломан\w*|оторван\w*)"
    r"|(?:торчит|торчат)\s+(?:\w+\s+)?(?:арматур\w*|штыр\w*|гвозд\w*)|(?:арматур\w*|штыр\w*)\s+(?:\w+\s+)?(?:торчит|торчат))"
)
# someone who may walk into it: people, children, a place where they pass
_PASSERS_RX = re.compile(
    r"\b(?:дет(?:и|ей|ям)|ребен\w*|школ\w*|люди|людей|ходят|идут|гуляют|катаются|рыбачат|бегают|пешеход\w*|коляск\w*|площадк\w*|подъезд\w*|"
    r"вход\w*|двор\w*|остановк\w*|тротуар\w*|мост\w*|катк\w*|каток|борт\w*|упал\w*|упасть|провалит\w*|споткн\w*|"
    r"облокот\w*|не\s+видно|вечером|ночью|пройти|машины|аллее|аллея|парк\w*)"
)

_RISE_GATE = any_of(
    ("вместо", "было", "был ", "была", "стоил", "подняли", "повысили", "подорожал", "раньше", "прошлом")
)
# a whole figure, not part of a code or a version ("5W-40", "v2.0")
_FIG = r"(?<![\w.,/-])(?P<{}>\d(?:[\d\s]*\d)?)(?![\w/]|[.,]\d)"
# a rise the cue file's pattern does not read: "65 вместо 52", "65 рублей? в прошлом году было 52"
_RISE_RX = re.compile(
    _FIG.format("b")
    + r"\s*(?:₽|р\.?|руб\w*)?\s+вместо\s+"
    + _FIG.format("a")
    + "|"
    + _FIG.format("b2")
    + r"\D{0,40}?(?:в\s+прошлом\s+(?:году|месяце)|раньше|прежде|до\s+этого)\s+(?:было|был|была|стоил\w*)\s+"
    + _FIG.format("a2")
    + r"|(?:подняли|повысили|подорожал\w*)\s+(?:\w+\s+){0,2}?с\s+"
    + _FIG.format("a3")
    + r"\D{0,12}?\s?до\s+"
    + _FIG.format("b3")
    + r"|(?:было|был|была|стоил\w*)\s+"
    + _FIG.format("a4")
    + r"\s*(?:₽|р\.?|руб\w*)?,?\s+(?:а\s+)?(?:стало|стал|стала|теперь|сейчас)\s+"
    + _FIG.format("b4")
)
# a figure of something other than money: ping, speed, weight, a queue
_NOT_PRICE_RX = re.compile(
    r"\b(?:пинг|ping|fps|фпс|мбит\w*|скорост\w*|градус\w*|кг|вес|подписчик\w*|рейтинг\w*|очеред\w*|людей|человек)\b"
)
# a sum of money: a currency, a price word before it, "за" after it, or an item opening the message and its figure
# (a phone menu's «0500» or a ticket number is none)
_MONEY_RX = re.compile(
    r"\d[\d\s]*(?:[.,]\d+)?\s*(?:₽|р\b|р\.|руб\w*|грн|тыс\w*|к\b)"
    r"|\b(?:за|по|стоит|стоимость|цена|ценник|смета|счет|насчитали|выставили)\s+[1-9]"
    r"|\b[1-9][\d\s]{2,}\s*(?:за\b|с\s+(?:человека|носа|гостя))"
    r"|^[^\d?]{2,40}\s[1-9]\d{2,}(?:\s\d{3})?\s*[.,—–-]"
)
# a price measured by what else the money would buy
_WORTH_RX = re.compile(
    r"\bза\s+(?:эти|такие|такую|эту|те\s+же)\s+(?:деньги|сумм\w*|цен\w*)\s+(?:\w+\s+){0,6}?(?:можно|могу|сходить|купить|взять|"
    r"поужинать|пообедать|слетать|съездить|в\s+\w+)"
)
# a price mocked by a luxury it would explain: gold oil, caviar for breakfast, water from the Alps
_LUXURY_GATE = any_of(("золот", "платин", "серебр", "бриллиант", "алмаз", "икр", "трюфел", "шампанск", "импер", "альп",
                    "царск", "мрамор"))  # fmt: skip
_LUXURY_RX = re.compile(
    r"\b(?:из\s+)?(?:золот\w*|платин\w*|серебр\w*|бриллиант\w*|алмаз\w*|икр(?:ой|у|а)\b|трюфел\w*|шампанск\w*|"
    r"император\w*|царск\w*|мрамор\w*|(?:из|с)\s+альп\w*)"
)
_MOCK_Q_RX = re.compile(r"\?|\b(?:что\s+ли|видимо|наверное|небось)\b")

_THANKS_GATE = any_of(("спасиб", "благодар", "дякую"))
_THANKS_RX = re.compile(r"\b(?:спасибо|благодарю|благодарим|дякую)\b")
# the "praise" of the botched result: new fashion, an exclusive design, a dream come true
_IRONIC_STYLE_RX = re.compile(
    r"\b(?:модн\w*|оригинальн\w*|эксклюзивн\w*|дизайнерск\w*|авторск\w*|уникальн\w*|романтичн\w*|мечтал\w*|"
    r"асимметри\w*|на\s+высоте|не\s+догадал\w*|ничего\s+не\s+скажешь|креативн\w*|стильн\w*|в\s+тренде)"
)
# what the job left wrong
_BOTCH_RX = re.compile(
    r"\d\s*(?:см|мм|см\.)|\b(?:криво\w*|кривой|вкривь|разош\w*|пузыр\w*|облез\w*|короче|длиннее|шире|уже\s+другого|дыр\w*|пятн\w*|течет|текут|"
    r"отвалил\w*|оторвал\w*|не\s+закрыва\w*|не\s+работа\w*|сломал\w*|порвал\w*|под\s+горшок|вдвое|вместо|"
    r"другого|с\s+одной\s+стороны|перепутал\w*|испортил\w*|на\s+(?:\w+\s+)?день|окна\s+во\s+двор|мусорк\w*)"
)

# the facts of a failure said under irony: a booking given away, a long wait
_FACT_GATE = any_of(("отдал", "продал", "занят", "бронь", "брон", "ждал", "прожд", "подожд", "простоял", "просидел"))
_FACT_RX = re.compile(
    r"\b(?:(?:отдали|отдал\w*|продали|сдали)\s+(?:\w+\s+){0,2}?(?:другим|другому|другой|корпоратив\w*|банкет\w*|кому-то|"
    r"чужим|свадьб\w*|компани\w*)|брон\w*\s+(?:\w+\s+)?(?:потерял\w*|отменил\w*|аннулирова\w*|не\s+нашл\w*|слетел\w*)|"
    r"(?:ждали|подождали|прождали|ждал|ждала|ожидали|простояли|просидели|простоял\w*|просидел\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:\d+\s*(?:мин|ч)\w*|час\w*|полчаса|полтора\s+часа|сорок\s+минут|два\s+часа)|"
    r"(?:столик|номер|место|дорожк\w*|стол)\s+(?:\w+\s+)?(?:уже\s+)?занят\w*)"
)


def read_calm_claims(norm: Normalized, f: Features) -> None:
    """Set the flags and scores of the calm claims on ``f``, after ``read_kinds``."""
    raw = norm.raw
    _public_hazard(raw, f)
    if norm.numbers:
        _price_claims(norm, raw, f)
    if _THANKS_GATE.search(raw):
        _ironic_thanks(raw, f)
    if f.sarcasm and _FACT_GATE.search(raw):
        _irony_facts(raw, f)


def _public_hazard(raw: str, f: Features) -> None:
    if f.hazards or f.mock_frame or f.joke or not _HAZARD_GATE.search(raw):
        return
    hazard = _HAZARD_RX.search(raw)
    if hazard is None or f.n_tokens < 6 or _PASSERS_RX.search(raw) is None:
        return
    add_hazard(f, hazard.group().strip())
    # "кто-нибудь провалится — кто ответит?": a warning, not a jab
    f.rhetorical = False
    if not f.topics:
        f.topics.append("безопасность")


def _price_claims(norm: Normalized, raw: str, f: Features) -> None:
    if not f.price_rise and _RISE_GATE.search(raw):
        for m in _RISE_RX.finditer(raw):
            a = _figure(m.group("a") or m.group("a2") or m.group("a3") or m.group("a4"))
            b = _figure(m.group("b") or m.group("b2") or m.group("b3") or m.group("b4"))
            # "пинг 200, раньше был 40": the figures are of something else
            measured = _NOT_PRICE_RX.search(raw, max(m.start() - 20, 0), m.end() + 12) is not None
            # "было 49, а сейчас 52" with no money named is more likely kilos than roubles
            small = m.group("a4") is not None and a is not None and a < 100 and _MONEY_RX.search(raw) is None
            if a is not None and b is not None and b > a and not measured and not small:
                f.price_rise = True
                add_price_claim(f, m.group().strip())
                f.joke = False
                break
    if f.price_rise or f.price_compare or not _MONEY_RX.search(raw):
        return
    linked = bool(norm.mentions or norm.urls)
    worth = _WORTH_RX.search(raw) if "деньг" in raw or "сумм" in raw or "цен" in raw else None
    if worth is not None:
        price_compare(f, worth.group(), linked)
        return
    if _LUXURY_GATE.search(raw) and _MOCK_Q_RX.search(raw):
        luxury = _LUXURY_RX.search(raw)
        if luxury is not None:
            price_compare(f, luxury.group(), linked)
            # the mockery is the vehicle of the price, not a jab of its own
            f.rhetorical = False


def _ironic_thanks(raw: str, f: Features) -> None:
    if f.failures or f.insults or f.toxic_words or not _THANKS_RX.search(raw):
        return
    style = _IRONIC_STYLE_RX.search(raw)
    if style is None or _BOTCH_RX.search(raw) is None:
        return
    # "оригинально, ничего не скажешь" may already be read as sarcasm: the botched job is still its failure
    if not f.sarcasm:
        f.sarcasm = True
        f.troll_cues.append(Cue.PRAISE_AROUND_COMPLAINT)
    f.praise = max(f.praise, 1)
    f.failures += 1
    f.events.append(style.group())
    f.strong_events += 1
    f.rhetorical = False
    f.commended = False


def _irony_facts(raw: str, f: Features) -> None:
    if f.insults or f.toxic_words or f.resolved:
        return
    fact = _FACT_RX.search(raw)
    if fact is None:
        return
    f.irony_facts = True
    f.sarcasm = True
    f.failures += 1
    f.events.append(fact.group())
    f.strong_events += 1


def _figure(text: str | None) -> float | None:
    if text is None:
        return None
    digits = text.replace(" ", "")
    return float(digits) if digits.isdigit() else None
