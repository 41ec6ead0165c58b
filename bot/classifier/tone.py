"""Kinds whose tone misleads the word rules (the cm17 reading, issue 17), each told by its shape.

- praise with a joke about the body or oneself («после массажа неделю не мог найти свою спину 😄», «ноги
  отваливаются, но тренер огонь») is praise: the pain is the joke, not a harm or a grievance;
- praise with disbelief at a good outcome («сделали за 9 дней вместо 10, я аж ущипнула себя 😂», «не
  поверила, что так бывает: приняли минута в минуту») is praise, not irony: the figures say «earlier»;
- a complaint asking for compensation, framed by «Добрый день … Спасибо» («обещали 2 процедуры в день, за 4
  дня было 3, как это будет компенсировано? Спасибо») is a complaint: the closing thanks is politeness;
- a refund demanded in anger, with mat, over a failure that repeats («третий раз кислый творог, вы там
  о**ели? деньги верните») is a customer's outrage, not a jab at the admins.

Runs after the word rules and kinds.py; each shape is gated by cheap substring tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.classifier.normalize import Normalized
from bot.classifier.prefilter import any_of
from bot.domain.verdicts import Cue

if TYPE_CHECKING:
    from bot.classifier.features import Features

_LAUGH = "😂🤣😹😄😆😅😁"
_THANKS = ("спасибо", "благодарю", "спс", "благодарим")
# cues that a joke or a disbelief raises by itself: they are undone with it
_BENIGN_CUES = frozenset({Cue.PRAISE_AROUND_COMPLAINT, Cue.BARBED_PRAISE, Cue.MOCKING_QUOTE})

_BODY_RX = re.compile(
    r"\b(?:спин\w*|ног(?:и|а|у|ами|ах)?|ножк\w*|рук(?:и|ами|ах)?|плеч\w*|пресс\w*|мышц\w*|поп(?:а|у|ы|ой)|"
    r"живот\w*|пуз\w*|ше[яюи]|тело|тела|телом|колен\w*|ягодиц\w*|поясниц\w*|щек[иа]?|бицепс\w*)\b"
    r"|\bеле\s+(?:дополз|доползл|докатил|добрел|добрал|живой|жива|жив|хожу|ходил|ходила|ползаю)\w*"
    r"|\bкак\s+(?:желе|пломбир|тюлень|колобок|овощ|медуза|варен\w+\s+макаронин\w*)\b|\bрастаял\w*"
    r"|\bвыкатыва\w*|\bвыкатил\w*|\bползком\b|\bнаел(?:ся|ась|ись)\b|\bобъел(?:ся|ась|ись)\b|\bродил\w*\s+заново"
    r"|\bуснул\w*\s+(?:прямо\s+)?в\s+кресле"
)
# what a body joke may say against itself: pain, tiredness, "снова на месте", the thanks it ends with
_BODY_STATE = (
    "бол", "ноют", "ноет", "гуд", "отвалива", "ватн", "еле", "снова", "до сих пор", "устал", "убил", "убит",
    "умира", "помира", "разбит", "шок", "спасибо", "благодар",
)  # fmt: skip
_TURN_RX = re.compile(r"\b(?:но|зато|однако)\b")

# a good outcome beyond the promise: earlier, faster, "за 9 дней вместо 10"
_EARLY_RX = re.compile(
    r"\b(?:раньше\s+(?:срока|обещанн\w*|времени|графика|чем\s+обещали|назначенн\w*)|досрочно|"
    r"быстрее\s*,?\s*чем\s+(?:обещали|думал\w*|ожидал\w*)|"
    r"на\s+(?:\d+|два|две|три|пару|несколько|неделю|день|час|сутки)\s+(?:\w+\s+)?раньше)"
)
_UNIT = r"(мин\w*|час\w*|д(?:ень|ня|ней)|сут\w*|недел\w*|месяц\w*)"
_INSTEAD_RX = re.compile(
    r"\bза\s+(\d+)\s*" + _UNIT + r"\s+вместо\s+(?:обещанн\w+\s+|положенн\w+\s+|заявленн\w+\s+)?"
    r"(\d+)(?:\s*" + _UNIT + ")?"
)
_UNIT_ORDER = ("мин", "час", "д", "сут", "недел", "месяц")
# disbelief at something good, and the plain good outcomes it needs
_DISBELIEF_RX = re.compile(
    r"\bущипнул\w*\s+себя|\bне\s+повер\w*|\bглазам\s+(?:своим\s+)?не\s+верю|\bне\s+верю\s+(?:своим\s+)?глазам|"
    r"\bдумал\w*\s*,?\s*(?:что\s+)?(?:это\s+)?(?:ошибка|розыгрыш|сон|шутка|сплю|снится|прикол)|"
    r"\b(?:первый\s+раз|впервые)\s+(?:в\s+жизни\s+)?(?:вижу|такое|вижу\s+такое)|\bтак\s+бывает|\bчудеса\b|"
    r"\bв\s+шоке\b|\bне\s+ожидал\w*"
)
_OUTCOME_GATE = any_of((
    "раньше", "вместо", "досрочно", "быстр", "повер", "верю", "ущипн", "думал", "первый раз", "впервые",
    "бывает", "чудес", "шоке", "ожида",
))  # fmt: skip
_GOOD_RX = re.compile(
    r"\b(?:вовремя|минута\s+в\s+минуту|в\s+тот\s+же\s+день|на\s+следующий\s+день|точно\s+в\s+срок|в\s+срок|"
    r"быстро|быстрее|раньше|через\s+\d+\s+минут\w*|за\s+\d+\s+минут\w*)"
)
_BAD_RX = re.compile(
    r"\b(?:позже|опозда\w*|задерж\w*|дольше|так\s+и\s+не|до\s+сих\s+пор|не\s+(?:тот|та|те|то|ту)\b|вместо\s+"
    r"(?:обещанн\w+\s+)?(?:трех|двух|одного|пяти|\d+)\s+(?:мин|час|дн|ден|недел)\w*\s*,?\s*(?:а|но)\b)"
)

# compensation asked for (not thanked for: "компенсировали" is history)
_CLAIM_GATE = any_of(("компенс", "перерасч", "пересчит", "верн", "возврат", "продл"))
_CLAIM_RX = re.compile(
    r"\b(?:компенсир(?:овать|уете|уйте|ует|овано|уют)|компенсаци\w*|перерасч[её]т\w*|пересчита(?:ть|йте|ете|ем)\b|"
    r"верн(?:уть|ите|ете)\s+(?:\w+\s+)?(?:деньги|разницу|стоимость|оплату|средства|предоплату)|"
    r"возврат\w*\s+(?:денег|средств|разницы|оплаты|стоимости)|"
    r"продл(?:ить|ите|ите\s+ли|ят|ите)\s+(?:\w+\s+)?(?:абонемент|подписк|карт|срок|курс|действи)\w*)"
)
# what was promised, and what came: two figures or a word of each side
_PROMISED_RX = re.compile(
    r"\b(?:обещ\w*|заявлен\w*|указан\w*|по\s+(?:договору|путевке|тарифу|программе|абонементу|описанию)|"
    r"должн\w+\s+был\w*|заказывал\w*|оплатил\w*|оплачен\w*)"
)
_ACTUAL_RX = re.compile(
    r"\b(?:по\s+факту|на\s+деле|получил\w*|вышло|оказалось|провели|пришл\w*|дали|было|только|всего)\b"
)
_CLOSING_THANKS_RX = re.compile(
    r"(?:заранее\s+)?(?:спасибо|благодарю|спс)(?:\s+(?:за\s+(?:ответ|понимание|помощь|внимание)|заранее|большое|вам))?[\s.!)]*$"
)

# a refund demanded, and a failure said to repeat
_REFUND_RX = re.compile(
    r"\b(?:верн(?:ите|ете)\s+(?:мне\s+|нам\s+|мои\s+|наши\s+)?(?:деньги|бабки|бабло)|(?:деньги|бабки|бабло)\s+верн(?:ите|ете)|"
    r"возврат\s+денег)"
)
_AGAIN_RX = re.compile(r"\b(?:опять|снова|(?:втор|трет|четверт|пят)\w*\s+раз|(?:в\s+)?котор\w+\s+раз)\b")


def read_tone(norm: Normalized, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """Set ``f`` right for the four shapes above; ``thanks_weight`` is a thanks word's positive weight."""
    raw = norm.raw
    if _CLAIM_GATE.search(raw):
        if f.toxic_words or f.shouting or f.rhetorical:
            _customer_outrage(norm, f)
        _polite_claim(norm, f, thanks_weight)
    if _clean(f):
        if norm.emojis or "но" in norm.tokens or "зато" in norm.tokens or "однако" in norm.tokens:
            _body_joke(norm, f, thanks_weight)
        if _OUTCOME_GATE.search(raw):
            _good_outcome(norm, f, thanks_weight)


def against_brand(f: Features) -> bool:
    """Something a frame of praise, a joke or news cannot explain away (shared with ``frames``; a call to
    others, ``campaign``, is weighed by each caller: a frame still holds beside one stray call)."""
    return bool(
        f.hazards
        or f.harm
        or f.toxic
        or f.price_rise
        or f.price_compare
        or f.accusation
        or f.politics
        or f.staff_rude
        or f.mock_frame
        or f.quitting
        or f.irony
        or f.rhetorical
    )


def _clean(f: Features) -> bool:
    """Nothing against the brand but what a joke or a disbelief says by itself."""
    return not (
        against_brand(f)
        or f.campaign
        # a laugh, the irony a praise around it raised: nothing else mocks
        or any(c not in _BENIGN_CUES and str(c).strip(_LAUGH) for c in f.troll_cues)
    )


def _praised(f: Features) -> bool:
    """Praise said, or thanks the word rules took for bitter."""
    return bool(f.praise or f.commended or any(w in _THANKS for w in f.neg_words))


def _body_joke(norm: Normalized, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """«После её рук я неделю не мог найти свою спину 😄»: pain or tiredness of one's own body as the joke
    of a praise. The praise must not stand before a «но» that turns to the body ("спасибо, но спина болит")."""
    if f.failures or not _praised(f):
        return
    raw = norm.raw
    body = _BODY_RX.search(raw)
    if body is None:
        return
    laughing = any(e in _LAUGH + "😊🙂😉" for e in norm.emojis) or norm.happy > 0
    turn = _TURN_RX.search(raw)
    if turn is not None and body.start() > turn.start():
        return
    if not laughing and turn is None:
        return
    if any(not any(st in str(w) for st in _BODY_STATE) for w in f.neg_words):
        return
    _as_praise(f, thanks_weight)


def _good_outcome(norm: Normalized, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """«За 9 дней вместо обещанных 10, я аж ущипнула себя 😂», «не поверила: приняли минута в минуту»: a
    good outcome told with disbelief, praise and no failure beside it."""
    raw = norm.raw
    if _BAD_RX.search(raw) is not None or not (_praised(f) or f.pos_words):
        return
    early = _EARLY_RX.search(raw) is not None or _earlier_instead(raw)
    if not early and not (_DISBELIEF_RX.search(raw) and _GOOD_RX.search(raw)):
        return
    disbelief = ("шок", "повер", "вер", "ожида")
    if any(not any(st in str(w) for st in _BODY_STATE + disbelief) for w in f.neg_words):
        return
    if any(not str(w).startswith(("не повер", "не вер", "не ожида")) for w in f.negated_pos):
        return
    _as_praise(f, thanks_weight)
    if early and "раньше срока" not in f.pos_words:
        f.pos += 1.0
        f.pos_words.append("раньше срока")


def _earlier_instead(raw: str) -> bool:
    """ "за 9 дней вместо 10", "за 2 часа вместо обещанных 5": done in less time than promised."""
    for m in _INSTEAD_RX.finditer(raw):
        done, unit, promised, unit2 = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4) or m.group(2)
        rank = [next(i for i, u in enumerate(_UNIT_ORDER) if x.startswith(u)) for x in (unit, unit2)]
        if rank[0] < rank[1] or (rank[0] == rank[1] and done < promised):
            return True
    return False


def _as_praise(f: Features, thanks_weight: Callable[[str], float]) -> None:
    """Undo what the joke or the disbelief read as grievance; bitter thanks count as thanks again."""
    for w in f.neg_words:
        if w in _THANKS:
            f.pos += thanks_weight(str(w))
            f.pos_words.append(w)
    f.neg = 0.0
    f.neg_words = []
    f.negated_pos = []
    f.events = []
    f.strong_events = 0
    f.failures = 0
    f.sarcasm = False
    f.repeat = False
    f.troll = 0.0
    f.troll_cues = []
    f.joke = True
    f.targeted = False


def _polite_claim(norm: Normalized, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """«Обещали 2 процедуры в день, было 3 за 4 дня. Как это будет компенсировано? Спасибо.»: compensation
    asked for a shortfall; the closing thanks is politeness, and the question asks for a remedy."""
    raw = norm.raw
    claim = _CLAIM_RX.search(raw)
    if claim is None or f.resolved:
        return
    promised = _PROMISED_RX.search(raw) is not None and (len(norm.numbers) >= 2 or _ACTUAL_RX.search(raw) is not None)
    failed = (f.strong_events > 0 or f.failures > 0) and "если" not in norm.tokens
    if not (promised or failed):
        return
    f.info_question = False
    if f.sarcasm or f.troll >= 2.0:
        return
    closing = _CLOSING_THANKS_RX.search(raw)
    if closing is not None:
        thanks = [w for w in f.pos_words if w in _THANKS]
        for w in thanks:
            f.pos = max(f.pos - thanks_weight(str(w)), 0.0)
            f.pos_words.remove(w)
    said = claim.group()
    if said not in f.events:
        f.events.append(said)
        f.strong_events += 1
    if not f.topics:
        f.topics.append("компенсация")


def _customer_outrage(norm: Normalized, f: Features) -> None:
    """«Третий раз кислый творог, вы там о**ели??? деньги верните»: the refund and the repeat say a customer
    lost money, the mat and the «вы там …?» say anger; no jab at the admins. An insult keeps the jab."""
    raw = norm.raw
    if f.insults or f.politics or f.campaign or f.mock_frame:
        return
    if _REFUND_RX.search(raw) is None or not (f.repeat or _AGAIN_RX.search(raw)):
        return
    if Cue.RHETORICAL_QUESTION in f.troll_cues:
        f.troll_cues.remove(Cue.RHETORICAL_QUESTION)
    f.rhetorical = False
    f.troll = min(f.troll, 1.0)
