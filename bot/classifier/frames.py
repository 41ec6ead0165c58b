"""Frames that hide a comment's polarity from the word rules (rounds 17 and 18's readings), each told by its
shape, not one wording:

- praise told with shock or disbelief («я в шоке, так вообще бывает?», «не верила, что…», «не ожидала»)
  and nothing else against the brand is praise;
- a tip or a piece of news for the other readers («многие не знают…», «для тех, кто не в курсе…», «може,
  дадите новість?») with no failure of the brand is neutral;
- a polite complaint with no negative word, closed by «Спасибо.» / «заранее благодарю» and asking for a
  remedy («хотелось бы, чтобы предупреждали», «прошу учесть», «можно ли пересмотреть») is a complaint;
- English praise words around a failure with an irony marker ("lovely, the 'fresh' bread is green
  inside", "thanks for nothing", "love waiting 50 minutes") is a complaint;
- a hazard told calmly inside a friendly frame ("lovely stay, but the smoke alarm beeps with no battery",
  «жилеты в ящике под замком») is a safety claim;
- a mocking question with no marker word («коні теж по абонементу? чи в них профспілка?», «вы сами-то
  занимаетесь или только посты пишете?») is a jab: two of its shapes, not one, make it;
- a price rise said as a percent is a price complaint; «мы ходим …» is no call; «будем скучать по …» in
  thanks is a goodbye; «Админ, а когда …?» is a question.

Runs last, after ``tone.read_tone``; each reader is behind one compiled gate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.classifier.kinds import add_hazard, add_price_claim
from bot.classifier.normalize import Normalized
from bot.classifier.prefilter import any_of
from bot.classifier.tone import _as_praise as as_praise
from bot.classifier.tone import against_brand
from bot.domain.verdicts import Cue

if TYPE_CHECKING:
    from bot.classifier.features import Features

# --- praise told with shock or disbelief
_SHOCK_GATE = any_of((
    "шок", "шоц", "не вер", "не повер", "бывает", "буває", "не ожида", "не очіку", "не дума", "обалд",
    "поражен", "вражен", "shocked", "can't believe", "didn't expect", "не все знают", "многие не знают",
))  # fmt: skip
_SHOCK_RX = re.compile(
    r"\bв\s+шок[еі]\b|\bв\s+шоці\b|\bшок\b|\bне\s+(?:верил\w*|верю|повери\w*|повер\w*|вірил\w*|вірю|ожидал\w*|"
    r"очікувал\w*|думал\w*|думав)\b|\b(?:разве\s+|неужели\s+)?так\s+(?:вообще\s+|взагалі\s+)?(?:бывает|буває)\b|"
    r"\bобалдеть|\bпоражен\w*|\bвражен\w*|\bshocked\b|\bcan'?t\s+believe|\bdidn'?t\s+expect"
)
_PRAISE_RX = re.compile(
    r"\b(?:гени\w*|волшеб\w*|чудо\b|чудес\w*|лучш\w*|супер\w*|поклон\w*|как\s+нов\w*|рекоменд\w*|спасибо|"
    r"благодар\w*|дякую|смачн\w*|вкусн\w*|найкращ\w*|чудов\w*|класс\w*|огонь|шикарн\w*|молодц\w*|"
    r"восторг\w*|счастлив\w*|атмосфер\w*|так\s+держать|записываюсь|запишите|приду\s+ещ[её]|"
    r"amazing|great|best|love\w*)\b|😍|🥰|❤|🔥|💅|👍"
)
# what a shock or a disbelief says by itself, and the fear a praise tells was overcome
_SHOCK_WORDS = (
    "шок", "шоц", "вер", "ожида", "бывает", "думал", "снова", "спасибо", "благодар", "дякую", "боял", "страх",
    "дрож", "слез", "плак", "безумн", "обалд",
)  # fmt: skip
_BAD_AFTER_RX = re.compile(
    r"\b(?:а\s+зря|хамств\w*|опозда\w*|до\s+сих\s+пор|так\s+и\s+не|позже|дольше|не\s+прин\w*|не\s+привез\w*|"
    r"разбит\w*|обман\w*|отношени\w*|цен\w*)\b"
)

# --- a tip or a piece of news for the other readers
_TIP_RX = re.compile(
    r"(?:\bмногие\s+не\s+знают|\bне\s+все\s+знают|\bбагато\s+хто\s+не\s+зна\w*|\bне\s+всі\s+знають|"
    r"\bдля\s+(?:тех|тих)\s*,?\s+(?:кто|хто)\b|\bкстати\b|\bк\s+слову\b|\bсовет\b|\bпорада\b|\bлайфхак\b|"
    r"\bновость\s+для\b|\bдадите\s+новость|\bдасте\s+новину|\bнапишете\s+у\s+себя|\bfyi\b|\bpsa\b)"
)
_THEY_RX = re.compile(r"\b(?:у\s+них|у\s+вас|они|вони|в\s+них)\b|\bуже\s+(?:\w+\s+)?(?:недел|дн|месяц|час)")
_PUBLISH_RX = re.compile(r"\b(?:дадите|дасте|напишете|опубликуете|опублікуєте|расскажете)\b")
_TIP_GATE = any_of((
    "знают", "знають", "для тех", "для тих", "кстати", "к слову", "совет", "порада", "лайфхак", "новост", "новин",
    "у себя", "fyi", "psa",
))  # fmt: skip

# --- a polite complaint closed by thanks
_CLOSING_RX = re.compile(
    r"(?:заранее\s+)?(?:спасибо|благодарю|дякую|спс|thank\s+you|thanks)(?:\s+(?:за\s+(?:ответ|понимание|помощь|"
    r"внимание)|заранее|большое|вам|наперед|in\s+advance))?[\s.!)]*$"
)
_POLITE_GATE = any_of(
    ("спасибо", "благодар", "дякую", "спс", "thank", "хотелось", "хотілося", "прошу", "просим", "просьб", "прохан")
)
# a remedy wished or asked for
_REMEDY_RX = re.compile(
    r"\b(?:хотелось\s+бы|хотілося\s+б|прошу|просим|просьба|прохання|можно\s+ли|чи\s+можна|как\s+быть|"
    r"please)\b[^.!?]{0,80}?\b(?:чтобы|щоб|предупрежда\w*|поперед\w*|учесть|учли|исправ\w*|почин\w*|"
    r"устран\w*|разобрат\w*|розібрат\w*|пересмотр\w*|перерахув\w*|перезвон\w*|верну\w*|замен\w*|впредь|"
    r"компенс\w*|let\s+\w+\s+know|fix|check|refund)"
)
# what was booked or promised against what came: two clock times, a "should have" with its day
_SHORTFALL_RX = re.compile(
    r"\b(?:записал\w*|записан\w*|бронировал\w*|заказ\w*|замовля\w*|оплатил\w*|должен\s+был\w*|должна\s+была|"
    r"обещал\w*|booked|ordered)\b[^.!?]{0,80}?(?:\d{1,2}[:.]\d{2}|\b(?:во?|у)\s+(?:понедельник|вторник|среду|"
    r"четверг|пятницу|субботу|воскресенье)|\bс\s+видом|\bна\s+\d+)"
    r"[^!?]{0,120}?\b(?:приняли|взяли|пришел|пришла|приехал\w*|привезли|привезл\w*|заселили|посадили|дали|"
    r"seated|arrived|came)\b"
)

_IF_RX = re.compile(r"\b(?:если|якщо|if)\b")
# a failure told to repeat ("третье занятие подряд новый преподаватель"), and a wish said about it
_REPEAT_RX = re.compile(
    r"\b(?:(?:втор|трет|четверт|пят)\w*\s+(?:\w+\s+)?подряд|каждый\s+раз|кожного\s+разу|(?:втор|трет|четверт)\w*\s+раз)\b"
)
_WISH_RX = re.compile(r"\b(?:хотелось\s+бы|хотілося\s+б|прошу|просим|просьба|прохання)\b[^.!?]{0,60}")

# --- English irony around a failure
_EN_PRAISE_GATE = any_of((
    "love", "great", "wonderful", "fantastic", "brilliant", "amazing", "glad", "nice", "appreciate",
    "thanks for nothing", "bravo", "well done", "impress", "perfect", "awesome", "excellent",
))  # fmt: skip
_EN_IRONY_RX = re.compile(
    r"(?<![a-z])['‘][a-z][^'’\n]{1,28}['’](?![a-z])|[\"“][^\"”\n]{2,40}[\"”]|🙃|🙄|😒|👏"
    r"|\bthanks\s+for\s+nothing\b|\blove\s+(?:waiting|paying|getting|being|how|that)\b"
    r"|^\W*oh\s+(?:great|wonderful|lovely|fantastic|perfect|brilliant|good)\b|\bso\s+glad\s+i\b|\bnice\s+touch\b"
    r"|\breally\s+appreciate\s+it\b|\bbravo\b|\bwell\s+done\b|\btruly\s+(?:impress\w*|unforgettable|amazing)"
    r"|\b10/10\s+would\b|\bsuch\s+a\s+(?:relaxing|great|lovely|fun)\b|\bgreat\s+job\b|\bamazing\s+\w+\s+skills\b"
)
_EN_FAIL_RX = re.compile(
    r"\b(?:took|waited|waiting|been|spent)\b[^.!?]{0,30}?\b\d+\s*(?:min\w*|hours?|hrs?|days?|weeks?)\b"
    r"|\bsince\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+\w+)\b"
    r"|(?<!not\s)\bcold\b|\btwice\b|\bnot\s+a\s+single\b|\bno\s+(?:reply|answer|response)\b"
    r"|\bnever\s+(?:arrived|came|replied|answered|got|received|heard)\b|\bgot\s+an?\s+\w+\s+one\b|\binstead\s+of\b"
    r"|\balready\s+(?:green|mou?ldy|stale|broken|expired)\b|(?<!not\s)\b(?:broken|cracked|stale|mou?ldy|damaged|"
    r"dirty|leaking|fogged[\w-]*)\b|\bsurvived\s+a\s+war\b|\bgreen\s+inside\b|\bwrong\s+(?:size|item|colou?r|order)\b"
)

# --- a hazard told calmly (English, and the Russian kinds calm_claims does not read)
_CALM_HAZARD_GATE = any_of((
    "smoke", "fire", "gas", "chimney", "stove", "wiring", "socket", "outlet", "fence", "mat", "stair", "step",
    "handrail", "railing", "ceiling", "pipe", "carbon", "extinguisher", "life jacket", "lifejacket", "heater",
    "cable", "wire", "balcon", "жилет", "огнетуш", "запасн", "пожарн", "датчик", "газом", "газа", "ограждени", "трап",
    "проводк",
))  # fmt: skip
_HZ_OBJ = (
    r"(?:smoke\s+(?:alarm|detector)s?|fire\s+(?:alarm|exit|extinguisher|door)s?|carbon\s+monoxide|gas\s+\w+|"
    r"stove|chimney|flue|wiring|sockets?|outlets?|(?:electric\s+)?fence|(?:rubber\s+)?mats?|stairs|steps|"
    r"handrails?|railings?|ceiling(?:\s+panels)?|pipes?|heaters?|life\s*jackets?|cables?|wires?|balcony)"
)
_HZ_STATE = (
    r"(?:beep\w*|chirp\w*|no\s+batter\w*|batter\w*\s+(?:is\s+|was\s+)?(?:missing|dead|removed)|missing|torn|"
    r"trip(?:ping|ped|s)?|no\s+(?:warning|sign|cover|guard)\w*|almost\s+touch\w*|heat\w*\s+(?:the\s+)?"
    r"(?:wood\w*|ceiling|panel\w*|wall)|scorch\w*|charr\w*|darken\w*|already\s+dark|burn\w*|smell\w*\s+"
    r"(?:of\s+)?(?:gas|smoke|burning)|spark\w*|exposed|loose|wobbl\w*|cracked|blocked|locked|hanging|dangl\w*|"
    r"leak\w*|hot\s+to\s+the\s+touch|melt\w*|catch\w*\s+fire)"
)
_CALM_HAZARD_RX = re.compile(
    r"\b" + _HZ_OBJ + r"\b[^.!?]{0,80}?\b" + _HZ_STATE + r"|\b" + _HZ_STATE + r"\b[^.!?]{0,50}?\b" + _HZ_OBJ + r"\b"
    r"|(?:спасательн\w+\s+(?:жилет|круг)\w*|жилет\w*|огнетушител\w*|запасн\w+\s+выход\w*|пожарн\w+\s+"
    r"(?:выход|лестниц|сигнализац)\w*|датчик\w*\s+дыма|дымов\w+\s+датчик\w*|ограждени\w*|трап\w*|проводк\w*)"
    r"[^.!?]{0,60}?(?:закрыт\w*\s+на\s+замок|под\s+замком|заперт\w*|отход\w*|шата\w*|просроч\w*|заставлен\w*|"
    r"завален\w*|пищ\w*|без\s+батаре\w*|искр\w*|оголен\w*|болта\w*)"
    r"|\bпахнет\s+газом|\bзапах\s+газа"
)

# --- a mocking question with no marker word: its shapes, counted by kind
# the parts of the mocking shapes only (an either-or or a "тоже" alone never makes one)
_MOCK_Q_GATE = any_of((
    "чесно", "честно", "признава", "колитесь", "зізнава", "ви сам", "вы сам", "ты сам", "сами-то", "сам-то",
    "чи як", "или как", "до літа", "до лета", "до пенс", "выбор", "вибор", "устроил", "влаштува", "жив",
    "прокида", "просыпа", "деньги", "зарплат", "гроші", "только фот", "только пост", "только пиш", "только пресс",
    "тільки фот", "тільки пост", "тільки пиш", "лише фот", "лише пост", "это вообще", "це взагалі",
))  # fmt: skip
_MOCK_Q_RX = re.compile(
    r"(?P<either>\?\s*(?:а\s+)?(?:чи|или)\s+(?:тільки|лише|только|там|в\s+них|у\s+них|вони|они|просто)\b)"
    r"|(?P<too>\b(?:теж|тоже)\b[^?.!]{0,40}\?)"
    r"|(?P<honest>\bскаж(?:іть|ите)\s+чесно|\bскажите\s+честно|\bчестно\s+скаж\w*|\bпризнава\w*|\bколитесь|"
    r"\bзізнава\w*|\bответь\s+честно|\bвідповідай\s+чесно)"
    r"|(?P<self>\b(?:ви|вы|ты)\s+сам[иі]?\b|\bсами-то\b|\bсам-то\b)"
    r"|(?P<never>\bчи\s+як\s*\?|\bили\s+как\s*\?|\bдо\s+(?:літа|лета|пенсии|пенсії)\b|\bдо\s+(?:наступних|следующих)\s+"
    r"(?:виборів|выборов))"
    r"|(?P<cosy>\b(?:удобно|неплохо|хорошо|непогано|зручно|добре)\s+(?:устроил|влаштува)\w*)"
    r"|(?P<alive>\b(?:хтось|кто-?то|кто-нибудь|хоч\s+хтось)\s+жив\w*)"
    r"|(?P<asleep>\b(?:прокидают\w*|просыпают\w*)\b)"
    r"|(?P<paid>\b(?:деньги|зарплат\w*|гроші|зарплатн\w*)\s+(?:за\s+это\s+|за\s+це\s+)?(?:получа|бер[её]|отриму)\w*"
    r"|\b(?:получаете|берете|берёте)\s+(?:за\s+это\s+)?(?:деньги|зарплат\w*))"
    r"|(?P<only>\b(?:тільки|только|лише)\s+(?:фотки|посты|пости|пресс-релиз\w*|фото|пишете|пишете)\b)"
    r"|(?P<sport>\bэто\s+вообще\s+(?:\w+\s+)?(?:спорт|работа|професс\w*)|\bце\s+взагалі\s+(?:\w+\s+)?"
    r"(?:спорт|робота))"
)
_WEAK_KINDS = frozenset({"either", "too"})
_COSY_WORDS = ("удобно", "неплохо", "хорошо", "непогано", "зручно", "добре")

# --- a rumour of wrongdoing passed on («слышал от знакомых, что вы без разрешений»)
_RUMOUR_GATE = any_of((
    "говорят", "слышал", "рассказыва", "знакомых", "слух", "кажуть", "чув", "чула", "heard", "rumou", "rumor",
    "пишут",
))  # fmt: skip
_RUMOUR_RX = re.compile(
    r"\b(?:говорят|слышал\w*|рассказывал\w*|от\s+знакомых|ходят\s+слухи|по\s+слухам|кажуть|чув|чула|"
    r"i\s+heard|rumou?rs?|пишут\s*,?\s+что)\b"
)
_ALLEGE_RX = re.compile(
    r"\b(?:без\s+(?:разрешени|лицензи|документ)\w*|незаконн\w*|нелегальн\w*|мошенни\w*|мошеннич\w*|"
    r"обманыва\w*|кида(?:ете|ют)\b|разводит\w*|разводят|уголовн\w*|откат\w*|взятк\w*|спонсир\w*|отмыва\w*|"
    r"лесфонд\w*|самостро\w*|фальсифи\w*|подделыва\w*|шахрай\w*|незаконн\w*|illegal\w*|scam\w*|fraud\w*|"
    r"without\s+(?:a\s+)?(?:permit|licen[cs]e)\w*)"
)

# --- small kinds
_PERCENT_RISE_RX = re.compile(
    r"\b(?:подорожал\w*|подняли\s+(?:\w+\s+)?|повысили\s+(?:\w+\s+)?|выросл\w*|выросла|подорожча\w*|"
    r"піднял\w*\s+(?:\w+\s+)?)\s*на\s+\d+(?:[.,]\d+)?\s*%"
)
_RISE_GATE = any_of(("%",))
_RISE_WORDS = ("подорож", "вырос", "вырост", "повыс", "подня", "цен", "дорож")
# a figure of the market, not the brand's price
_NEWS_RX = re.compile(
    r"\b(?:сообща\w*|по\s+данным|росстат\w*|статистик\w*|инфляци\w*|в\s+среднем|по\s+стране|в\s+стране|"
    r"в\s+области|в\s+регионе|вклад\w*|населени\w*)\b"
)
# what a customer buys from the brand by the month or the visit
_BOUGHT_RX = re.compile(
    r"\b(?:у\s+вас|ваш\w*|абонемент\w*|подписк\w*|тариф\w*|курс\w*|заняти\w*|стрижк\w*|услуг\w*|набор\w*|"
    r"обслуживани\w*|проезд\w*|билет\w*|доставк\w*|меню|абонемент|передплат\w*|послуг\w*)\b"
)
_MISS_RX = re.compile(r"\b(?:буд(?:у|ем|емо|у)|будем)\s+(?:очень\s+|дуже\s+)?(?:скучать|сумувати)\s+(?:по|за)\b")
_ADMIN_ASK_RX = re.compile(
    r"^\W*(?:админ\w*|адмін\w*|admin)\s*,?\s*(?:а\s+)?(?:когда|где|как|сколько|можно|подскажите|будет|будут|"
    r"есть\s+ли|коли|де|скільки|чи\s+можна|чи\s+буде|when|where|how|is\s+there|can)\b"
)


def read_frames(norm: Normalized, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """Set ``f`` right for the frames above, after the word rules, kinds, calm claims and tone."""
    raw = norm.raw
    if _SHOCK_GATE.search(raw):
        _shock_praise(norm, f, thanks_weight)
    if _TIP_GATE.search(raw):
        _reader_tip(raw, f)
    if _POLITE_GATE.search(raw):
        _polite_shortfall(raw, f, thanks_weight)
    if f.pos_words and _EN_PRAISE_GATE.search(raw):
        _english_irony(raw, f)
    if _CALM_HAZARD_GATE.search(raw):
        _calm_hazard(raw, f)
    if f.question and _MOCK_Q_GATE.search(raw):
        _mock_question(raw, f)
    if not f.accusation and _RUMOUR_GATE.search(raw):
        _rumour(raw, f)
    if _RISE_GATE.search(raw):
        _percent_rise(raw, f)
    if f.campaign_cues:
        _we_not_call(norm, f)
    if "скуч" in raw or "суму" in raw:
        _goodbye(raw, f, thanks_weight)
    if f.admin_jab:
        _admin_asks(raw, f)


def _against_brand(f: Features) -> bool:
    """Something a frame of praise or news cannot explain away."""
    return against_brand(f) or f.campaign >= 2.0


def _shock_praise(norm: Normalized, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """«Держится 4 недели, я в шоке, так вообще бывает?? Оля, вы лучшая»: the shock is at the good."""
    raw = norm.raw
    if _against_brand(f) or f.sarcasm or _BAD_AFTER_RX.search(raw):
        return
    praise = _PRAISE_RX.search(raw)
    if praise is None or _SHOCK_RX.search(raw) is None:
        return
    if any(not any(st in str(w) for st in _SHOCK_WORDS) for w in f.neg_words):
        return
    if any(not any(st in str(e) for st in _SHOCK_WORDS) for e in f.events):
        return
    if any(str(c).strip("😳😱🤯😮😲🙈") and c not in (Cue.PRAISE_AROUND_COMPLAINT,) for c in f.troll_cues):
        return
    as_praise(f, thanks_weight)
    f.joke = False
    # "так вообще бывает??" asks nothing: the praise must outweigh a question's bar
    floor = 2.0 if f.question else 1.5
    if f.pos < floor:
        f.pos = floor
        f.pos_words.append(praise.group())


def _reader_tip(raw: str, f: Features) -> None:
    """«Для тех, кто не в курсе: с понедельника автобус ходит через мост»: news for the readers, no grievance."""
    if _against_brand(f) or f.failures or f.sarcasm or f.troll >= 1.0 or f.neg > 1.0 or f.negated_pos:
        return
    # "для тех, кто не в курсе: у них неделю не работает оплата": a warning about the brand, not news
    if _THEY_RX.search(raw) is not None or _BAD_AFTER_RX.search(raw) is not None:
        return
    tip = _TIP_RX.search(raw)
    if tip is None:
        return
    # "вы обещали запись для тех, кто купил билет": a promise to the readers is the brand's, not news
    if f.second_person and _PUBLISH_RX.search(raw) is None:
        return
    f.events = []
    f.strong_events = 0
    f.neg = 0.0
    f.neg_words = []
    f.repeat = False


def _polite_shortfall(raw: str, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """«Записывались на 10:00, взяли в 11:15. Просьба предупреждать. Спасибо.»: the thanks is politeness."""
    if f.sarcasm or f.troll >= 2.0:
        return
    said = _polite_claim(raw, f)
    if said is None:
        return
    # "хотелось бы, чтобы это исправили": a wish, not a fix being thanked for
    f.resolved = False
    for w in [w for w in f.pos_words if w in ("спасибо", "благодарю", "дякую", "спс", "thanks", "thank", "исправили")]:
        f.pos = max(f.pos - thanks_weight(str(w)), 0.0)
        f.pos_words.remove(w)
    f.praise = 0
    f.events.append(said.group().strip())
    f.strong_events += 1
    f.failures += 1
    f.neg += 1.0
    f.info_question = False
    if not f.topics:
        f.topics.append("обслуживание")


def _polite_claim(raw: str, f: Features) -> re.Match[str] | None:
    """The remedy asked under a closing thanks, or a wish after a polite failure that repeats."""
    if _CLOSING_RX.search(raw) is not None:
        shortfall = _SHORTFALL_RX.search(raw)
        remedy = _REMEDY_RX.search(raw)
        # "можно ли вернуть, если размер не подойдёт? Спасибо": a question about a rule, nothing went wrong
        told = shortfall is not None or f.details or f.events or f.failures or _REPEAT_RX.search(raw)
        if remedy is not None and told and _IF_RX.search(raw) is None:
            return remedy
        return shortfall if shortfall is not None and "?" in raw else None
    if f.polite and not f.pos_words and _REPEAT_RX.search(raw) is not None:
        return _WISH_RX.search(raw)
    return None


def _english_irony(raw: str, f: Features) -> None:
    """ "Lovely, the 'fresh' bread is already green inside": praise words, an irony marker, a failure."""
    if f.sarcasm or f.hazards:
        return
    fail = _EN_FAIL_RX.search(raw)
    if fail is None:
        return
    marker = next((m for m in _EN_IRONY_RX.finditer(raw) if not (m.start() <= fail.start() < m.end())), None)
    if marker is None:
        return
    f.sarcasm = True
    f.praise = max(f.praise, 1)
    if fail.group() not in f.events:
        f.events.append(fail.group())
        f.strong_events += 1
        f.failures += 1
    f.troll_cues.append(Cue.PRAISE_AROUND_COMPLAINT)
    f.joke = False
    f.laugh = False


def _calm_hazard(raw: str, f: Features) -> None:
    """ "Lovely stay, but the smoke alarm beeps with no battery": a danger, whatever frame it is told in."""
    if f.hazards or f.mock_frame or f.joke:
        return
    hazard = _CALM_HAZARD_RX.search(raw)
    if hazard is None or f.n_tokens < 6:
        return
    add_hazard(f, hazard.group().strip())
    f.rhetorical = False
    # the thanks around it is courtesy; the danger is what the admins must answer
    f.pos = min(f.pos, 1.0)
    f.sarcasm = False
    if not f.topics:
        f.topics.append("безопасность")


def _mock_question(raw: str, f: Features) -> None:
    """«Коні теж по абонементу? Чи в них профспілка?», «вы сами-то занимаетесь или только посты пишете?»:
    two shapes of mockery in a question, no marker word."""
    if f.hazards or f.praise or f.commended or f.resolved:
        return
    kinds = {m.lastgroup for m in _MOCK_Q_RX.finditer(raw)}
    # an either-or and a "тоже" are the shapes of plain questions too ("тоже есть доставка? или только
    # самовывоз?"): one of the mocking shapes must be there
    if len(kinds) < 2 or not kinds - _WEAK_KINDS:
        return
    if "cosy" in kinds:
        # "удобно устроились" is no praise
        for w in [w for w in f.pos_words if w in _COSY_WORDS]:
            f.pos_words.remove(w)
            f.pos = max(f.pos - 1.0, 0.0)
    if f.pos >= 1.0:
        return
    f.rhetorical = True
    f.info_question = False
    f.joke = False
    f.targeted = True
    f.troll = max(f.troll, 1.0) + 1.0
    f.troll_cues.append(Cue.RHETORICAL_QUESTION)


def _rumour(raw: str, f: Features) -> None:
    """«Слышал от знакомых, что вы стоите на землях лесфонда без разрешений. Это правда?»: a claim of
    wrongdoing passed on is answered with facts, like one said first-hand; the question is no plain ask."""
    if f.insults or f.politics or f.mock_frame:
        return
    if _RUMOUR_RX.search(raw) is None:
        return
    said = _ALLEGE_RX.search(raw)
    if said is None:
        return
    f.accusation = True
    f.events.append(said.group())
    f.strong_events += 1
    f.neg += 1.5
    f.neg_words.append(said.group())
    f.info_question = False


def _percent_rise(raw: str, f: Features) -> None:
    """«Абонемент подорожал на 30%»: a price rise said by its percent."""
    if f.price_rise or f.price_compare:
        return
    rise = _PERCENT_RISE_RX.search(raw)
    if rise is None:
        return
    if _NEWS_RX.search(raw) is not None:
        _news_figure(f)
        return
    if not (f.second_person or _BOUGHT_RX.search(raw)):
        return
    f.price_rise = True
    add_price_claim(f, rise.group())


def _news_figure(f: Features) -> None:
    """«По данным Росстата, хлеб подорожал на 2%»: a market figure reported, no grievance of a customer."""
    if f.second_person or f.first_person or _against_brand(f) or f.failures or f.sarcasm:
        return
    if any(not str(w).startswith(_RISE_WORDS) for w in f.neg_words):
        return
    f.neg = 0.0
    f.neg_words = []
    f.events = []
    f.strong_events = 0


def _we_not_call(norm: Normalized, f: Features) -> None:
    """«Мы с подругами ходим к вам каждую неделю»: the speaker's own habit, not a call to the audience."""
    if f.campaign >= 2.5 or len(f.campaign_cues) != 1:
        return
    cue = str(f.campaign_cues[0])
    toks = norm.tokens
    at = next((i for i, t in enumerate(toks) if t == cue), -1)
    if at < 1 or not any(t in ("мы", "ми") for t in toks[max(at - 4, 0) : at]):
        return
    f.campaign = 0.0
    f.campaign_cues = []


def _goodbye(raw: str, f: Features, thanks_weight: Callable[[str], float]) -> None:
    """«Спасибо за три года, будем скучать по тренеру»: the missing is warmth, not a grievance."""
    if _against_brand(f) or f.failures or not (f.praise or f.pos_words) or _MISS_RX.search(raw) is None:
        return
    if any(not str(w).startswith(("скуч", "суму")) for w in f.neg_words):
        return
    as_praise(f, thanks_weight)
    f.joke = False


def _admin_asks(raw: str, f: Features) -> None:
    """«Админ, а когда будет расписание на январь?»: the admin addressed with a question, no jab."""
    if f.neg or f.neg_words or f.sarcasm or len(f.troll_cues) > 1 or _ADMIN_ASK_RX.search(raw) is None:
        return
    f.admin_jab = False
    f.troll = 0.0
    f.troll_cues = []
    f.targeted = False
    f.info_question = True
