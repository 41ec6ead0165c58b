"""Kinds of comment the word rules misread (round 15's reading), each told by its shape, not one wording.

- a price compared with a rival's or a price jab («на Озоне 690, у вас 1150», «ценник как в ЦУМе») is a
  price complaint, not mockery;
- worn or loose equipment, bare wires, a slippery floor (and staff brushing it off) is a safety claim;
  a mock «hazard» said as a guess or a laugh («гантели, наверное, из пенопласта 😂») is a jab;
- a thing that came defective after a purchase («эмаль вздулась», «шов розійшовся», «app crashes») is a
  report, however politely told;
- ironic praise closed by a spoiled occasion («праздник удался», «отпуск мечты») around what failed;
- a rumour of fraud or corruption («места продаются», «раздали своим», «пишу в прокуратуру»);
- thanks with a friendly joke («вы там вообще спите? 😅») and thanks for work done in bad weather are
  praise, not jabs.

Each pattern runs only when the lowercased text holds one of its cheap parts, so most messages pay a few
substring tests.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.classifier.normalize import Normalized
from bot.classifier.prefilter import any_of
from bot.domain.verdicts import Cue

if TYPE_CHECKING:
    from bot.classifier.features import Features

_RIVAL_GATE = any_of(("на ", "у ", "в ", "on ", "at ", "через", "напротив"))
# where else the same thing costs less: a marketplace, a rival, the shop across the road
_ELSEWHERE_RX = re.compile(
    r"\b(?:на\s+(?:озон\w*|ozon|вб|wb|вайлдберриз\w*|wildberries|яндекс\w*|маркет\w*|авито|али\w*|островк\w*|букинг\w*)"
    r"|у\s+(?:конкурент\w*|других|них\b|соседей)|в\s+(?:соседн\w+|другом|других|любом\s+друг\w+)\s+\w+"
    r"|напротив|через\s+дорогу|по\s+соседству|в\s+(?:м\.?\s?видео|днс|dns|ашане|пятерочке|магните|лэтуаль|золотом\s+яблоке)"
    r"|on\s+(?:amazon|ebay|ali\w*)|elsewhere|next\s+door|across\s+the\s+(?:street|road)"
    r"|у\s+сусідн\w+|в\s+сусідн\w+|в\s+інш\w+|у\s+інш\w+)"
)
_HERE_RX = re.compile(
    r"\b(?:у\s+вас|в\s+вашем|в\s+ваш\w*|ваш\w*\s+цен\w*|вы\s+(?:просите|продаете|ставите|берете)|you\s+(?:charge|sell|ask)"
    r"|your\s+(?:price|shop|store)|here\b|у\s+вас\s+на\s+полке)"
)
_PRICE_RX = re.compile(r"\d[\d\s]*(?:[.,]\d+)?\s*(?:₽|р\b|руб\w*|грн|\$|€|usd|тыс)|[$€£]\s?\d|\d{3,}")
# "ценник как в ЦУМе": a price likened to a luxury place, said of the brand's own prices
_PRICE_JAB_RX = re.compile(
    r"\b(?:цен\w*|ценник\w*|стоимост\w*|prices?)\s+(?:у\s+вас\s+)?(?:как\s+(?:в|на|у)|словно\s+в|like\s+(?:in|at))\s+"
    r"(?:цум\w*|гум\w*|галере\w*|дубае|дубай|монако|париже|москв\w+|ресторан\w*|бутик\w*|ювелирн\w*|золот\w*|harrods)"
)

_GEAR_GATE = any_of(
    (
        "верев",
        "трос",
        "страхов",
        "карабин",
        "сетк",
        "перил",
        "ступен",
        "плитк",
        "пол ",
        "тормоз",
        "ремн",
        "ремен",
        "крепл",
        "болт",
        "поручн",
        "лестниц",
        "провод",
        "розетк",
        "горк",
        "гірк",
        "батут",
        "тренаж",
        "сидень",
        "кресл",
        "качел",
        "rope",
        "harness",
        "brake",
        "railing",
        "stair",
        "floor",
        "wire",
        "bar ",
        "lift",
        "net ",
        "маты",
        "канат",
        "оплетк",
        "дорожк",
        "поруч",
        "щит",
        "кабел",
    )
)
_WORN_RX = re.compile(
    r"\b(?:протерт\w*|протерл\w*|перетерт\w*|перетерл\w*|перетер\b|истерт\w*|стерт\w*|разлохмач\w*|махров\w*|"
    r"распуст\w*|лохмат\w*|торчат|торчит|порван\w*|порвал\w*|разорван\w*|надорван\w*|трес(?:нул|нут)\w*|тріснул\w*|"
    r"шата\w*|хита\w*|болтает\w*|качают\w*|открутил\w*|раскрутил\w*|отвалил\w*|не\s+фиксиру\w*|не\s+защелкива\w*|"
    r"скольз\w*|оголен\w*|голые\s+провод\w*|искрит|ржав\w*\s+(?:трос|болт|карабин)|"
    r"loose|frayed|worn|doesn'?t\s+lock|won'?t\s+lock|exposed|slippery|cracked|sparking|"
    r"розхита\w*|порвана|порвалась|голі\s+дроти|слизьк\w*)"
)
_GEAR_RX = re.compile(
    r"(?:верев|трос|страховк|страховочн|карабин|сетк|перил|ступен|плитк|\bпол\b|тормоз|ремн|ремен|крепл|болт|"
    r"поручн|лестниц|провод|розетк|горк|гірк|батут|тренаж|сидень|кресл|качел|канат|оплетк|дорожк|щит|кабел|"
    r"rope|harness|brake|railing|stair|floor|wire|safety\s+bar|chairlift|\bnet\b|\bbar\b|дрот|поручн)"
)
# someone at risk or a member of staff brushing the danger off
_DANGER_RX = re.compile(
    r"\b(?:упал\w*|упасть|чуть\s+не|едва\s+не|дет(?:и|ей)|ребен\w*|реб[её]нок|люди|занимаются|катаются|страшно|"
    r"опасн\w*|травм\w*|порезал\w*|порізал\w*|поранил\w*|упав|впав|впала|донька|дитин\w*|"
    r"сказал\w*\s+(?:\w+\s+)?(?:инструктор|администратор|механик|охранник|официант|тренер|менеджер|персонал)\w*|"
    r"(?:инструктор|администратор|механик|охранник|официант|тренер|менеджер)\w*\s+(?:\w+\s+)?(?:сказал|ответил|махнул|отмахнул)\w*|"
    r"отмахнул\w*|махнул\s+рукой|не\s+мое\s+дело|нормально|еще\s+походит|доедете|сойдет|так\s+всегда\s+было|"
    r"shrugged|ignored|told\s+(?:the|a|your)\s+\w+|kids?|children|someone|fell|dangerous|unsafe)"
)

# a mock hazard: a guess or a laugh about an absurd material or radiation, not a claim of harm
_MOCK_GATE = any_of(("наверн", "видимо", "небось", "походу", "какаш", "радиоактив", "probably", "ага"))
_MOCK_HAZARD_RX = re.compile(
    r"\b(?:наверное|наверно|видимо|небось|походу|probably)\s+(?:\w+\s+){0,3}?(?:из\s+(?:пенопласт|пластик|картон|"
    r"бумаг|резин|переработан|опилок|пластилин)\w*|радиоактивн\w*|made\s+of\s+(?:plastic|cardboard|foam))"
    r"|радиоактивн\w*\s*,?\s*ага|\bкакаш\w*|\bкакашк\w*"
)

# a defect after a purchase, told without a negative word
_DEFECT_GATE = any_of((
    "вздул", "вспуч", "отсло", "откле", "склеен", "слипл", "полин", "облез", "облуп", "рассло", "разош", "розій",
    "лопн", "вверх", "страниц", "брак", "не заря", "не вкл", "не заряд", "тріс", "злам", "відкле", "порвал",
    "тресн", "потреск", "crash", "greyed", "grayed", "nothing", "won", "doesn", "broken", "keeps", "can",
))  # fmt: skip
_DEFECT_RX = re.compile(
    r"\b(?:вздул\w*|вспучил\w*|отслоил\w*|отклеил\w*|склеен\w*|слиплись|полинял\w*|полиняв\w*|облез\w*|облупил\w*|"
    r"расслоил\w*|разош(?:ел|лась|лись|лось)\w*|розійш\w*|(?<!терпение\s)лопнул\w*|вверх\s+ногами|нет\s+страниц|"
    r"страниц\w*\s+[\d–—-]+\s+нет|сторінок\s+нема|брак\w*|бракован\w*|не\s+заряжа\w*|не\s+включа\w*|не\s+заряджа\w*|"
    r"тріснул\w*|зламал\w*|відклеїл\w*|порвал(?:ся|ась|ись|ось)|треснул\w*|потрескал\w*|"
    r"crash\w*|greyed\s+out|grayed\s+out|nothing\s+happens|shows\s+nothing|won'?t\s+(?:accept|load|open|let|work)|"
    r"doesn'?t\s+(?:find|show|load|work|accept|open)|is\s+broken|keeps\s+(?:crashing|freezing|logging)|"
    r"can'?t\s+(?:log\s+in|pay|find|check\s*out))"
)
_BOUGHT_RX = re.compile(
    r"\b(?:купил\w*|купив|купувал\w*|брал\w*|взял\w*|замов\w*|заказ\w*|чек\w*|покупк\w*|получил\w*|пришл\w*|"
    r"доставил\w*|привезл\w*|после\s+перв\w+|після\s+перш\w+|через\s+(?:\w+\s+)?дн\w+|app|site|website|page|button|"
    r"search|checkout|приложени\w*|сайт\w*|ваш\w*|у\s+вас|в\s+наушниках|подар\w*)"
)

# ironic praise closed by a spoiled occasion: "праздник удался", "отпуск мечты", "восхищаюсь"
_IRONY_CLOSE_RX = re.compile(
    r"(?:\b(?:праздник|вечер|отпуск|день|выходные|юбилей|поездка|утро|свадьба|новый\s+год|неделя|неделю|"
    r"день\s+рождения)\s+(?:удал\w+|мечты|удался|удалась|удалось)|\bудал(?:ся|ась|ось|ись)\b|\bмечты\b|"
    r"\bвосхищаюсь\b|\bпорадовали\b|\bвстречу\s+в\s+пижаме|\bотличн\w+\s+недел\w+\s+без)\s*[.!👏🙏)]*\s*"
)
_PRAISE_OPEN_RX = re.compile(
    r"^\W*(?:отличн\w+|прекрасн\w+|шикарн\w+|супер|браво|великолепн\w+|замечательн\w+|вот\s+это|восхитительн\w+|"
    r"чудесн\w+|лучш\w+|спасибо|класс)\b"
)
_OCCASION_FAIL_RX = re.compile(
    r"\d|прошл[оа]|уже|до\s+сих\s+пор|вместо|после\s+гостей|дали\s|прислали\s|везли\s|идут\s|жду\b"
)

# a rumour of fraud or corruption, or a complaint taken to a regulator
_ACCUSE_GATE = any_of((
    "мест", "знаком", "блат", "своим", "прикарман", "сверху", "взятк", "откат", "подтасов", "фальсиф", "накручив",
    "балл", "прокур", "надзор", "гибдд", "полиц", "цб", "центробанк", "минобр", "фас", "трудов", "суд",
))  # fmt: skip
_ACCUSE_RX = re.compile(
    r"\b(?:мест\w*\s+(?:\w+\s+)?(?:продают\w*|продаются|покупают\w*)|(?:бюджетн\w+\s+)?мест\w*\s+по\s+знакомству|"
    r"по\s+знакомству|по\s+блату|раздал\w*\s+своим|раздают\s+своим|своим\s+(?:раздают|раздали|списыва\w*|переводи\w*|начисля\w*)|"
    r"прикармани\w*|заплатил\w*\s+(?:\w+\s+)?сверху|за\s+взятк\w*|взятк\w*|откат(?:ы|ов|ах|ами|ом)\b|"
    r"подтасов\w*|фальсифицир(?:уют|уете|ует|овали|овал|ован\w*)|фальсификаци\w*|накручива\w*\s+(?:отзыв|рейтинг|баллы|счетчик)\w*|"
    r"списыва\w*\s+баллы|баллы\s+(?:исчезают|пропадают|списывают)|занижа\w*\s+(?:баллы|оценк)\w*|"
    r"(?:пишу|напишу|напишем|пишем|подам|подаю|подаем|готовим|обращусь|обратимся|пожалуюсь|жалобу|заявление)\s+"
    r"(?:\w+\s+){0,2}?(?:в|во)\s+(?:прокуратур|роспотребнадзор|рособрнадзор|гибдд|полици|цб\b|центробанк|минобр|фас\b|"
    r"роскомнадзор|трудов|ук\s+рф|суд))"
)

# weather and hardship overcome, said in thanks: not a grievance
_HARDSHIP_WORDS = frozenset(
    {
        "ливень",
        "метель",
        "мороз",
        "минус",
        "гололед",
        "снег",
        "снегопад",
        "дождь",
        "жара",
        "пробка",
        "пробки",
        "буря",
        "ураган",
        "холод",
        "слякоть",
        "ветер",
        "темнота",
        "ночь",
        "заносы",
        "сугробы",
    }
)
_THANKS_GATE = any_of(("спасиб", "благодар", "дякую", "thank"))
_THANKS_RX = re.compile(
    r"^\W*(?:огромное\s+|большое\s+)?(?:спасибо|благодар\w+|дякую|thanks?|thank\s+you|huge\s+thanks)|"
    r"\b(?:спасибо|благодарю|дякую|thank\s+you|thanks)\b"
)
_FRIENDLY_Q_RX = re.compile(
    r"\b(?:вы\s+(?:там\s+)?(?:вообще\s+)?(?:спите|отдыхаете|домой\s+ходите|робот\w*|люди|волшебник\w*|телепорт\w*)|"
    r"(?:вы\s+)?что\s*,?\s+(?:телепорт\w*|волшебник\w*|робот\w*)|когда\s+вы\s+спите|"
    r"героическ\w*|do\s+you\s+(?:ever\s+)?sleep|are\s+you\s+(?:a\s+)?robots?|ви\s+взагалі\s+спите)"
)
_SMILE = frozenset("😅😄😂🤣😁😆😊🙂😉😃🥰❤🙏")


def read_kinds(norm: Normalized, f: Features, laugh_emoji: frozenset[str]) -> None:
    """Set the kinds' flags and scores on ``f``, after the word rules have read it."""
    raw = norm.raw
    # 1. a price compared with a rival's, or likened to a luxury place
    if len(norm.numbers) >= 2 and _RIVAL_GATE.search(raw):
        # "латте 350, а напротив 200": with one other place named, the other price is this brand's
        elsewhere = _ELSEWHERE_RX.findall(raw)
        here = _HERE_RX.search(raw) is not None or len(elsewhere) == 1
        if elsewhere and here and len(_PRICE_RX.findall(raw)) >= 2:
            price_compare(f, "цена у конкурента", bool(norm.mentions or norm.urls))
    jab = _PRICE_JAB_RX.search(raw) if ("цен" in raw or "price" in raw or "стоимост" in raw) else None
    if jab is not None:
        price_compare(f, jab.group(), bool(norm.mentions or norm.urls))
    # 2. worn or loose equipment with someone at risk or staff brushing it off
    if _GEAR_GATE.search(raw) or "пол" in norm.tokens:
        worn = _WORN_RX.search(raw)
        if worn is not None and f.n_tokens >= 6 and _GEAR_RX.search(raw) and _DANGER_RX.search(raw):
            said = worn.group()
            if said not in f.hazards:
                add_hazard(f, said)
                f.joke = False
                # "инструктор сказал «нормально»": quoting staff is no mockery
                f.rhetorical = False
    # 3. a mock hazard: a guess about an absurd material, radiation, poo
    if _MOCK_GATE.search(raw):
        mock = _MOCK_HAZARD_RX.search(raw)
        laughing = any(e in laugh_emoji for e in norm.emojis) or "ага" in norm.tokens or "наверное" in norm.tokens
        if mock is not None and laughing and not f.harm:
            f.mock_frame = True
            f.troll += 2.0
            f.troll_cues.append(mock.group())
            f.hazards = []
            f.joke = False
    # 4. a defect after a purchase, told calmly
    defect = _unnegated(_DEFECT_RX, raw) if _DEFECT_GATE.search(raw) else None
    if defect is not None and _BOUGHT_RX.search(raw) and not f.hazards and not f.mock_frame:
        said = defect.group()
        if said not in f.events:
            f.events.append(said)
            f.strong_events += 1
            f.failures += 1
            f.neg += 1.0
            if not f.topics:
                f.topics.append("качество товара")
            f.info_question = False
            f.joke = False
    # 5. ironic praise closed by a spoiled occasion, around a failure
    if f.praise and not f.sarcasm and _PRAISE_OPEN_RX.search(raw):
        close = _IRONY_CLOSE_RX.search(raw)
        if close is not None and _OCCASION_FAIL_RX.search(raw[: close.start()]):
            f.sarcasm = True
            f.failures += 1
            f.events.append(close.group().strip(" .!👏🙏)"))
            f.strong_events += 1
            f.troll_cues.append(Cue.PRAISE_AROUND_COMPLAINT)
    # 6. a rumour of fraud or corruption
    accuse = _ACCUSE_RX.search(raw) if _ACCUSE_GATE.search(raw) else None
    if accuse is not None and not f.info_question and not f.politics:
        said = accuse.group()
        f.accusation = True
        f.events.append(said)
        f.strong_events += 1
        f.neg += 1.5
        f.neg_words.append(said)
    # 7. thanks with a friendly joke, thanks for work done in bad weather
    thanks = _THANKS_RX.search(raw) if _THANKS_GATE.search(raw) else None
    if thanks is not None and not (f.failures or f.hazards or f.insults or f.toxic_words or f.accusation):
        hard = [w for w in f.neg_words if w in _HARDSHIP_WORDS]
        if hard and len(hard) == len(f.neg_words):
            f.neg = max(f.neg - 1.0 * len(hard), 0.0)
            f.neg_words = []
            if Cue.PRAISE_AROUND_COMPLAINT in f.troll_cues:
                f.troll_cues.remove(Cue.PRAISE_AROUND_COMPLAINT)
                f.troll = max(f.troll - 1.0, 0.0)
                f.sarcasm = False
            f.commended = True
        smiling = any(e in _SMILE for e in norm.emojis) or norm.happy > 0
        if not f.neg_words and not f.sarcasm and _FRIENDLY_Q_RX.search(raw) and (smiling or "героическ" in raw):
            f.rhetorical = False
            f.troll = 0.0
            f.troll_cues = []
            f.targeted = False
            f.admin_jab = False
            f.joke = True
            f.pos += 1.0


def _unnegated(rx: re.Pattern[str], raw: str) -> re.Match[str] | None:
    """The first match not denied by a "не" right before it ("после стирки ничего не облезло" held up)."""
    for m in rx.finditer(raw):
        if raw[max(m.start() - 3, 0) : m.start()] != "не ":
            return m
    return None


def add_price_claim(f: Features, said: str) -> None:
    """A claim about the brand's own price (a rise, a rival's lower one): an event to answer, topic «цена»."""
    f.events.append(said)
    f.strong_events += 1
    f.neg += 1.0
    if "цена" not in f.topics:
        f.topics.append("цена")
    f.info_question = False


def add_hazard(f: Features, said: str) -> None:
    """A physical danger told: a failure, a strong event and a negative cue, never a mere question."""
    f.hazards.append(said)
    f.events.append(said)
    f.strong_events += 1
    f.failures += 1
    f.neg += 2.0
    f.neg_words.append(said)
    f.info_question = False


def price_compare(f: Features, said: str, linked: bool) -> None:
    if f.price_compare:
        return
    f.price_compare = True
    if f.campaign < 2.0 and not linked:
        # the rival named as the yardstick of a price, with no link or pitch: no promotion
        f.campaign = 0.0
        f.campaign_cues = []
    add_price_claim(f, said)
    f.joke = False
