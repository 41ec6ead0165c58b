"""A reply composed from what the comment says: its topic, the facts the author gave, and the doctrine.

For each label and topic the data (``compose_ru.toml`` and the others) gives the pieces of a reply:

* ``open``: acknowledge the specific thing in the author's terms, and apologise where it is a failure;
* ``act``: what happens next, when nothing is missing;
* an ask, built from ``asks.toml``: only for what the author did not give, in private messages only
  when it is personal data; ``then`` says what happens once they send it;
* ``close``: an optional last sentence.

A variant of a piece is used only when the comment gives what it ``needs`` (its placeholders included):
the most specific variants that fit are taken in turn by the case number. Trolls who insult get the
``insult`` table; nobody who insults is thanked. When no piece fits, ``None`` is returned and the
playbook's generic variants are used instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.domain.reading import Facts, Reading, Topic
from bot.domain.verdicts import Label
from bot.replies.compose_files import (
    EXISTENCE,
    FALLBACK,
    HAZARD,
    INSULT,
    NOUN_FACTS,
    PRICE_QUESTION,
    Ask,
    Language,
    Piece,
    Table,
    compose_data,
)
from bot.replies.confidence import clause_fits, order_strong, service_strong, topic_strong, waited_strong
from bot.replies.foreign import blocked, foreign
from bot.replies.given_ids import by_id_ru, given_ids
from bot.replies.grammar import (
    morph,
    phrase_number_gender,
    prep_o,
    prep_s,
    prep_v,
    reply_name,
    try_inflect_phrase,
)
from bot.replies.hazard_item import hazard_item
from bot.replies.reading import reading_data
from bot.replies.requests import answer_requests
from bot.replies.shapes import author_ids

_FIELD = re.compile(r"\{([^{}]*)\}")
# An opening of just this: the comment is best left without any reply (bait with nothing to answer).
SILENT = "—"
_THANKS = re.compile(r"спасиб|благодар|дякую|дякуємо|thank", re.IGNORECASE)
_APPS = {
    "приложение": "в приложении",
    "мобильный банк": "в мобильном банке",
    "сайт": "на сайте",
    "личный кабинет": "в личном кабинете",
    "застосунок": "у застосунку",
    "app": "in the app",
    "website": "on the website",
}
ADDRESSED = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE})
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
# English writes the days of the week with a capital, whatever the comment's own spelling was read as.
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


# «third day» said as a span in an English sentence: «no hot water for three days».
_EN_NTH = re.compile(r"^(second|third|fourth|fifth) (day|week)$", re.IGNORECASE)
_EN_COUNT = {"second": "two", "third": "three", "fourth": "four", "fifth": "five"}


def _en_span(m: re.Match[str]) -> str:
    return f"for {_EN_COUNT[m.group(1).lower()]} {m.group(2).lower()}s"


_SHORT_WAIT = re.compile(r"мин|час|хвилин|годин|minute|hour|\bmin\b|\bh\b", re.IGNORECASE)


def build_slots(facts: Facts, lang: str, problem_slots: dict[str, str] | None = None) -> dict[str, str]:
    """Every placeholder the comment's facts can fill, in ``lang``."""
    slots = facts.as_dict()
    if "app" in slots:
        slots["app"] = _app_name(slots["app"], lang)
        where = _APPS.get(slots["app"])
        if where:
            slots["where_app"] = where
    _price_pair(slots)
    if lang == "en":
        for key in ("since", "waited"):
            if _CYRILLIC.search(slots.get(key, "")):
                del slots[key]  # "третий день" in an English sentence: say it without the time
            elif slots.get(key):
                slots[key] = _WEEKDAY.sub(lambda m: m.group(0).capitalize(), slots[key])
                slots[key] = _EN_NTH.sub(_en_span, slots[key])
    if slots.get("waited"):
        slots["waited_cap"] = slots["waited"][:1].upper() + slots["waited"][1:]
        if not _SHORT_WAIT.search(slots["waited"]):
            # «посылка идёт уже 40 минут» is a misreading: minutes and hours are a wait on the line or at
            # the door, never how long a parcel has been on its way.
            slots["waited_long"] = slots["waited"]
    device_os = ", ".join(v for v in (slots.get("device"), slots.get("os")) if v)
    if device_os:
        slots["device_os"] = device_os
    if lang == "ru":
        indeclinable = reading_data().indeclinable
        for noun in NOUN_FACTS:
            value = slots.get(noun)
            if not value:
                continue
            forms = _noun_forms(value, indeclinable)
            if forms is None:
                continue
            for case, form in forms.items():
                slots[f"{noun}_{case}"] = form
            slots[f"s_{noun}"] = prep_s(forms["ablt"])
            slots[f"o_{noun}"] = prep_o(forms["loct"])
            slots[f"v_{noun}"] = prep_v(forms["loct"])
        if problem_slots:
            slots.update(problem_slots)
    return slots


def _price_pair(slots: dict[str, str]) -> None:
    """``{price_high}`` and ``{price_low}``: the two sums in order, whichever the author wrote first
    ("290 вместо 220", "подняли с 450 до 590")."""
    first, second = slots.get("amount"), slots.get("amount2")
    if not (first and second):
        return
    try:
        numbers = [_sum_of(v) for v in (first, second)]
    except ValueError:
        return
    low, high = sorted(zip(numbers, (first, second), strict=True))
    if low[0] <= 0 or high[0] / low[0] > 3:
        return  # not an old and a new price of one thing ("продление 9 900 при курсе за 45 тысяч")
    slots["price_high"], slots["price_low"] = high[1], low[1]


_THOUSANDS = re.compile(r"\d\s*(?:тыс|тис|к\b|k\b)", re.IGNORECASE)


def _sum_of(value: str) -> float:
    """«27 900 ₽» is 27900 and «16 тыс.» is 16000, so a price in thousands pairs with one in full."""
    number = float(re.sub(r"[^\d,.]", "", value).replace(",", ".").strip("."))
    return number * 1000 if _THOUSANDS.search(value) else number


def _noun_forms(value: str, indeclinable: frozenset[str]) -> dict[str, str] | None:
    if value.lower() in indeclinable:
        return {case: value for case in ("gent", "datv", "accs", "ablt", "loct")}
    forms = {}
    for case in ("gent", "datv", "accs", "ablt", "loct"):
        form = try_inflect_phrase(value, case)
        if form is None:
            return None
        forms[case] = form
    return forms


def _app_name(value: str, lang: str) -> str:
    low = value.lower()
    if lang == "en":
        return "website" if "site" in low else "app"
    if low.startswith("застосун"):
        return "застосунок" if lang == "uk" else "приложение"
    if "сайт" in low:
        return "сайт"
    if "кабинет" in low:
        return "личный кабинет"
    if "банк" in low:
        return "мобильный банк"
    return "приложение"


def _agree(slot: str, slots: dict[str, str]) -> str | None:
    """``{agree:product:пришёл}``: the verb agreeing with the product ("пришла", "пришли")."""
    _, noun, verb = slot.split(":", 2)
    value = slots.get(noun)
    if not value:
        return None
    found = phrase_number_gender(value)
    if found is None:
        return None
    for parse in morph().parse(verb):
        if parse.tag.POS == "VERB" and parse.tag.tense == "past":
            form = parse.inflect({"plur"} if found == "plur" else {"sing", found})
            if form is not None:
                return str(form.word)
    return None


def _value(slot: str, slots: dict[str, str]) -> str | None:
    if slot.startswith("agree:"):
        return _agree(slot, slots)
    return slots.get(slot)


def _fits(
    piece: Piece, have: frozenset[str], slots: dict[str, str], insult: bool, alien: tuple[re.Pattern[str], ...] = ()
) -> bool:
    if not piece.needs <= have or piece.unless & have:
        return False
    if foreign(piece.text, alien):
        return False
    if insult and _THANKS.search(piece.text):
        return False
    return all(_value(slot, slots) is not None for slot in piece.slots)


def choose(
    pieces: Sequence[Piece],
    have: frozenset[str],
    slots: dict[str, str],
    case_id: int,
    insult: bool = False,
    alien: tuple[re.Pattern[str], ...] = (),
) -> Piece | None:
    """The piece to use: among those that fit, the most specific ones (what they need, then how many of
    the comment's facts they repeat), taken in turn by ``case_id``; none that speaks ``alien`` words
    (another business's: ``bot.replies.foreign``)."""
    fitting = [p for p in pieces if _fits(p, have, slots, insult, alien)]
    if not fitting:
        return None
    top = max((len(p.needs), len(p.slots)) for p in fitting)
    best = [p for p in fitting if (len(p.needs), len(p.slots)) == top]
    return best[case_id % len(best)]


def fill(text: str, slots: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: _value(m.group(1), slots) or "", text)


def missing_asks(
    table: Table, have: frozenset[str], lang: str = "ru", alien: tuple[re.Pattern[str], ...] = ()
) -> tuple[list[Ask], bool]:
    """What to ask the author for (only what the comment does not give, never in ``alien`` words), and
    whether it is private. A rule whose asks are all another business's («номер телефона, к которому
    привязана карта» in a shop's chat) gives way to the next rule that fits."""
    asks = compose_data().asks
    for rule in table.asks:
        if not rule.needs <= have or rule.unless & have:
            continue
        useful = [asks[name] for name in rule.ask if not asks[name].given_by & have and asks[name].fits(have)]
        wanted = [ask for ask in useful if not _alien_ask(ask, lang, alien)]
        if not wanted and useful:
            continue
        if not wanted:
            return [], False
        private = rule.private if rule.private is not None else any(a.private for a in wanted)
        return wanted, private
    return [], False


def _alien_ask(ask: Ask, lang: str, alien: tuple[re.Pattern[str], ...]) -> bool:
    text = ask.texts.get(lang)
    return text is not None and foreign(f"{text.what} {text.note}", alien)


def ask_sentence(language: Language, lang: str, wanted: list[Ask], private: bool, then: str, soft: bool = False) -> str:
    """ "Напишите, пожалуйста, номер заказа и пришлите фото — проверим и ответим здесь.\""""
    groups: list[tuple[str, list[str]]] = []
    commas = lang in ("ru", "uk")
    for ask in wanted:
        text = ask.texts[lang]
        what = f"\x00{text.what}" if ask.clause and commas else text.what
        if groups and groups[-1][0] == text.verb:
            groups[-1][1].append(what)
        else:
            groups.append((text.verb, [what]))
    joiner = f" {language.frame.joiner} "
    first_verb, first_whats = groups[0]
    what = joiner.join(first_whats)
    for verb, whats in groups[1:]:
        what += f"{joiner}{verb} {joiner.join(whats)}"
    frame = language.frame
    if soft:
        template = frame.ask_soft_private if private else frame.ask_soft
    else:
        template = frame.ask_private if private else frame.ask
    if commas and ("," in what or "\x00" in what):
        # A clause or a relative clause ends with a comma before the dash: "…привязана карта, — проверим".
        what += ","
    sentence = template.format(verb=first_verb, what=what, then=then)
    # A clause of its own opens with a comma too, unless one stands there already ("пожалуйста, что…").
    sentence = re.sub(r"(?<!,) \x00", ", ", sentence).replace("\x00", "")
    return sentence[:1].upper() + sentence[1:]


def _table(language: Language, label: Label, topic: str) -> Table | None:
    return language.tables.get((label, topic))


def compose(
    label: Label,
    reading: Reading,
    *,
    case_id: int,
    author_name: str | None,
    problem_slots: dict[str, str] | None = None,
    addresses_author: bool = True,
    own_words: bool = True,
) -> str | None:
    """The reply for a comment read as ``reading``, or ``None`` when the data has no piece that fits;
    ``""`` when the comment is best left without a reply (an opening of just ``SILENT``). ``own_words``:
    ``reading`` is of the author's own comment, so the grounding gate (``bot.replies.confidence``) can
    weigh its words; a classifier's phrase is taken as it is."""
    lang = reading.lang
    language = compose_data().languages.get(lang)
    if language is None:
        return None
    slots = build_slots(reading.facts, lang, problem_slots)
    if lang in _OWN_WORDS_LANGS:
        slots.update(_own_words(reading))
    if lang == "ru" and slots.get("ticket"):
        slots["by_ticket"] = _by_ticket(slots["ticket"], reading.text or "")
    # A fact given but not sayable in this language ("третий день" for an English draft) still counts as given.
    have = frozenset(slots) | frozenset(reading.facts.as_dict()) | reading.facts.flags
    have |= {"problem"} if problem_slots else frozenset()
    given = have  # what the author told, whether or not the draft may repeat it: never asked again
    if own_words:
        _ground(reading, slots)
        if "said" not in slots:
            have -= {"said"}
    insult = reading.insult
    answered = _answer_as(label, reading)
    # A troll's line is the same few words whatever the topic; a price mocked by a wave is the jab itself.
    jab = label is Label.TROLLING or (
        reading.topic is Topic.PRICE and (_price_asked(label, reading) or label is Label.DIRECTED)
    )
    named = _real_complaint(reading) or _price_asked(label, reading)
    if answered is Label.CONSTRUCTIVE and (label is Label.TROLLING or insult) and named:
        # Rude words around a real complaint: the complaint is answered, and nobody who was rude is thanked.
        have |= {"rude_complaint"}
        insult = True
        addresses_author = False  # answered, but not by name, as nobody who insults is
    label = answered
    topics: list[str] = []
    flags = reading.facts.flags
    alien = blocked(reading.text, have) if reading.text else ()
    if "hazard" in flags and label is not Label.DIRECTED and ("product" not in slots or flags & {"venue", "gear"}):
        # A live wire or gas is answered as a danger (what is done now, keep away, 112), never with the
        # template of a topic a word of it suggests, and never as a mood or a troll's line. A charger
        # that nearly caught fire is a product's safety: its own table asks for the order; a hotel's
        # socket that shocks through a kettle is the place's danger, and so is worn safety gear (a frayed
        # belay rope, a cracked carabiner), whatever the word naming it reads as.
        label = Label.CONSTRUCTIVE
        topics.append(HAZARD)
    if _jab_at_existence(reading) and label in (Label.TROLLING, Label.DIRECTED):
        topics.append(EXISTENCE)
    if insult and label is Label.TROLLING and reading.topic is not Topic.ACCUSATION:
        topics.append(INSULT)
    if _price_question(reading):
        topics.append(PRICE_QUESTION)
    if not _call_to_readers(label, reading) and (jab or not own_words or topic_strong(reading)):
        # A topic read from one word («цены» of a sum beside a late courier) is not named: the neutral
        # tables answer instead (``bot.replies.confidence``).
        topics.append(reading.topic.value)
    topics.append(Topic.OTHER.value)
    topics.append(FALLBACK)
    for topic in dict.fromkeys(topics):
        table = _table(language, label, topic)
        if table is None:
            continue
        text = _compose_table(
            language, lang, table, have, slots, case_id, insult, soft=label is Label.IMPULSIVE, alien=alien, given=given
        )
        if text is not None:
            break
    else:
        return None
    if not text:
        return text
    if label in ADDRESSED:
        text = answer_requests(text, reading)
    name = reply_name(author_name, lang) if addresses_author and label in ADDRESSED else None
    if name:
        text = language.frame.name.format(name=name, text=_decapitalise(text))
    return text


def _ground(reading: Reading, slots: dict[str, str]) -> None:
    """``slots`` without the facts the reading is not sure of (``bot.replies.confidence``): the pieces
    that would say them do not fit, and the others answer; the facts still count as given."""
    if "order" in slots and not order_strong(reading):
        del slots["order"]  # «заявка № 4471-С» is no order: the pieces that say «заказ {order}» do not fit
    if "service" in slots and not service_strong(reading):
        for key in [k for k in slots if k == "service" or k.startswith("service_") or k.endswith("_service")]:
            del slots[key]  # «не предложил воды» is no water cut: «простите, что нет воды» names what did not fail
    if "waited" in slots and not waited_strong(reading):
        for key in [k for k in slots if k.startswith("waited")]:
            del slots[key]  # «сделали за 7 минут», «держится 4 недели»: no wait to apologise for
    if "said" in slots and reading.lang == "ru" and not clause_fits(slots["said"]):
        del slots["said"]  # «простите, что люди не могут»: the clause names nothing we did


# English and Ukrainian drafts name the author's own id and the worn thing in the author's words; Russian ones
# have the nouns' cases for that (``build_slots``).
_OWN_WORDS_LANGS = frozenset({"en", "uk"})


def _by_ticket(ticket: str, text: str) -> str:
    """«обращению 12-0457», «заявке 4471-С»: the request named as the author named it (``given_ids``)."""
    for given in given_ids(text):
        if given.value.replace(" ", "").lower().startswith(ticket.replace(" ", "").lower()) and given.kind == "ticket":
            return by_id_ru(given)
    return f"заявке {ticket}"


def _own_words(reading: Reading) -> dict[str, str]:
    """``{ids}``: the first id the author gave («ticket A-114», «квитанція 5512»); ``{hazard_item}``: the
    worn or broken thing of a hazard («A worn rope», «Пошкоджена сходинка»)."""
    text = reading.text or ""
    found = {}
    ids = author_ids(text)
    if ids:
        found["ids"] = ids[0]
    item = hazard_item(text, reading.lang) if reading.facts.flags & {"gear", "fixture"} else None
    if item:
        found["hazard_item"] = item
        found["hazard_item_low"] = item[:1].lower() + item[1:]
    return found


def _answer_as(label: Label, reading: Reading) -> Label:
    """The label whose replies fit: someone "venting" an accusation, a political jab, mockery or
    insults with no failure named gets the calm line for the readers, never "нам жаль, что так
    вышло" (which reads as admitting it); a lone complaint to a regulator is answered as a complaint,
    not as an attack."""
    flags = reading.facts.flags
    if label is not Label.DIRECTED:
        if reading.topic is Topic.POLITICS:
            # Whatever the label: one polite boundary, never «простите, что так вышло», which reads as
            # apologising for a stance (an accusation has the facts to fill in every label's table).
            return Label.TROLLING
        if "mock_stock" in flags and reading.topic in _LOOSE:
            return Label.TROLLING  # «админ опять скажет "передадим"»: never the mocked formula itself
        if label is Label.CONSTRUCTIVE and reading.topic is Topic.OTHER and "deleted" in flags:
            return Label.TROLLING  # «потёрли мой комментарий»: the chat's rules, not «простите, что так вышло»
        if "boycott" in flags and reading.topic in _LOOSE | {Topic.ACCUSATION}:
            return Label.DIRECTED  # a call to the readers is answered to the readers
        if reading.topic is Topic.SAFETY and (
            label is not Label.TROLLING or "detailed" in flags or flags & {"seen_doctor", "vehicle"}
        ):
            # Someone hurt or ill, already in hospital, a car unsafe to drive: never a mood's or a joke's line.
            return Label.CONSTRUCTIVE
    if label is not Label.DIRECTED and _jab_at_existence(reading):
        return Label.TROLLING  # «караоке в 2026 году? кто туда ходит»: nothing failed, nothing to apologise for
    if _price_asked(label, reading):
        return Label.CONSTRUCTIVE  # «8 тыщ за скипасс?? берега попутали»: what the price includes, not a joke's line
    if label is Label.TROLLING and _rude(reading) and _real_complaint(reading):
        return Label.CONSTRUCTIVE  # «вы там охренели, третий день нет горячей воды»: the water is answered
    if label is Label.IMPULSIVE:
        if reading.topic is Topic.OTHER and "unknown_kind" in flags and _told(reading):
            # A long outburst in a chat of no known kind that says what went wrong: answered as the
            # complaint it is (a known kind's venting has tables of its own).
            return Label.CONSTRUCTIVE
        if reading.topic is Topic.ACCUSATION:
            return Label.TROLLING
        if reading.topic is Topic.OTHER and "city" in flags and "road" in flags:
            return label  # anger at the roads insults nobody: the city's channel answers the roads
        if reading.topic is Topic.OTHER and (reading.insult or flags & {"mock", "deleted", "bait"}):
            return Label.TROLLING
        if reading.insult and reading.topic in _LOOSE and not _real_complaint(reading):
            # «лохотронщики, связь у вас г…»: abuse that tells no failure is a troll's, not an outage
            # to apologise for and a line to check.
            return Label.TROLLING
    if label is Label.DIRECTED and "regulator" in flags and not flags & _CALLS and reading.topic in _LOOSE:
        return Label.CONSTRUCTIVE
    return label


_CALLS = frozenset({"boycott", "competitor", "rating"})
# What makes an outburst a complaint: something that went wrong, when, how long, with what or whom.
# (A thing or a person merely named is not enough: «как телефон соседа в маршрутке» names a bus.)
_CONCRETE_VALUES = frozenset({"order", "since", "items", "swap", "said"})
_NAMED_VALUES = frozenset({"waited", "service", "thing", "staff", "date", "time", "booking"})
_CONCRETE_FLAGS = frozenset(
    {
        "late",
        "again",
        "no_show",
        "theft",
        "cancelled",
        "postponed",
        "utility",
        "wrong_address",
        "charged",
        "double_charge",
        "blocked",
        "marked_delivered",
        "cold",
        "worn_out",
        "no_warning",
        "cold_room",
    }
)
# Provocation with nothing to fix: the troll's own tables answer it.
_NOTHING_TO_FIX = frozenset({"bait", "mock", "deleted", "where_admin", "boycott", "competitor", "rating", "elections"})


def _real_complaint(reading: Reading) -> bool:
    """A comment that, whatever its words, tells what went wrong in a sentence or more: a failure the
    reply must answer in the author's terms («вы там охренели, третий день нет горячей воды»)."""
    flags = reading.facts.flags
    if "detailed" not in flags or flags & _NOTHING_TO_FIX:
        return False
    if reading.topic in (Topic.ACCUSATION, Topic.POLITICS):
        return False
    if _rude(reading) and ("child" in flags or (reading.topic is not Topic.OTHER and not reading.insult)):
        # «вы там офигели? ребёнок час сидел в холле один»; an insult to a person with only a topic
        # («админ, ты идиот? верните деньги») keeps the insult table's one calm line about the matter.
        return True
    return bool(reading.facts.names() & _CONCRETE_VALUES or flags & _CONCRETE_FLAGS)


def _jab_at_existence(reading: Reading) -> bool:
    """«Библиотеки в век интернета? закройте»: the business itself is the target, with no failure told and
    no accusation to answer with facts."""
    return (
        "existence" in reading.facts.flags
        and reading.topic in _LOOSE
        and not _real_complaint(reading)
        and not any(flag.startswith("claim_") and flag != "claim_specific" for flag in reading.facts.flags)
    )


# What makes a price a complaint rather than a question: a rise, a comparison, less for the money.
_PRICE_RISE = frozenset(
    {"price_rise", "amount2", "no_warning", "portion", "elsewhere", "price_asked", "imposed", "charged", "delivery_fee"}
)


def _price_question(reading: Reading) -> bool:
    """«Сколько стоит настройка пианино?»: a question of what something costs, with no rise, comparison or
    charge named, is answered with the price, never «новые цены радуют мало» (topics24)."""
    have = reading.facts.flags | frozenset(reading.facts.as_dict())
    return reading.topic is Topic.PRICE and "price_question" in have and not have & _PRICE_RISE


def _price_asked(label: Label, reading: Reading) -> bool:
    """A price named and mocked or called too high: the complaint is named, so it is answered with the
    price's table in every label, never «если за шуткой стоит реальная претензия»."""
    named = reading.topic is Topic.PRICE and "price_asked" in reading.facts.flags
    return named and label in (Label.TROLLING, Label.IMPULSIVE)


def _told(reading: Reading) -> bool:
    """An outburst that names what it is about (a time, a person, a thing, a booking): answered as a
    complaint in a chat of no known kind, where venting has no table of its own."""
    flags = reading.facts.flags
    return _real_complaint(reading) or ("detailed" in flags and bool(reading.facts.names() & _NAMED_VALUES))


def _rude(reading: Reading) -> bool:
    """Rude words, not irony: a troll's sarcasm («обслужили за 5 минут, верните мою очередь») stays
    the troll's; «вы там охренели, третий день нет воды» is answered as the complaint it carries."""
    return reading.insult or bool(reading.facts.flags & {"heated", "about_us", "name_calling"})


# Topics a word of a call or a complaint can suggest by mistake ("в этой сети", "тарифы"); a health
# report, an accusation or a money matter in it is answered as such.
_LOOSE = frozenset({Topic.OTHER, Topic.PRICE, Topic.SUPPORT, Topic.OUTAGE, Topic.APP})


def _call_to_readers(label: Label, reading: Reading) -> bool:
    """A call to boycott, to go to a competitor or to rate the app down, with no accusation in it,
    and a lone complaint to a regulator: answered as what it is, not by the topic a word of it
    suggests («в этой сети» is not the network, «тарифы» in a complaint is not a price question)."""
    flags = reading.facts.flags
    if reading.topic not in _LOOSE:
        return False
    if label is Label.DIRECTED and flags & _CALLS:
        if reading.topic is Topic.PRICE and "boycott" in flags and "competitor" not in flags:
            return False  # «все удаляйте, на рынке в 3 раза дешевле»: the price line of directed.price
        return not any(flag.startswith("claim_") for flag in flags)
    return "regulator" in flags and label is Label.CONSTRUCTIVE


def _compose_table(
    language: Language,
    lang: str,
    table: Table,
    have: frozenset[str],
    slots: dict[str, str],
    case_id: int,
    insult: bool,
    *,
    soft: bool,
    alien: tuple[re.Pattern[str], ...] = (),
    given: frozenset[str] | None = None,
) -> str | None:
    """``given``: what the author told (the asks leave it out), when more than the pieces may repeat."""
    opening = choose(table.pieces["open"], have, slots, case_id, insult, alien)
    if opening is None:
        return None
    if opening.text == SILENT:
        return ""
    parts = [fill(opening.text, slots)]
    wanted, private = missing_asks(table, have | (given or frozenset()), lang, alien)
    then = choose(table.pieces.get("then", ()), have, slots, case_id + 1, insult, alien) if wanted else None
    if wanted and then is not None:
        parts.append(ask_sentence(language, lang, wanted, private, fill(then.text, slots), soft))
        if private:
            parts.extend(a.texts[lang].note for a in wanted if a.texts[lang].note)
    else:
        act = choose(table.pieces.get("act", ()), have, slots, case_id + 1, insult, alien)
        if act is not None:
            parts.append(fill(act.text, slots))
    close = choose(table.pieces.get("close", ()), have, slots, case_id + 2, insult, alien)
    if close is not None:
        parts.append(fill(close.text, slots))
    text = " ".join(part.strip() for part in parts if part.strip())
    return _one_apology(re.sub(r" {2,}", " ", text))


_SORRY = re.compile(r"\bпростите\b", re.IGNORECASE)


def _one_apology(text: str) -> str:
    """«Простите за списание… И простите, что в поддержке не ответили»: the second apology in a row reads
    as a form; it says «и нам жаль, что…» instead."""
    first = _SORRY.search(text)
    if first is None:
        return text
    return text[: first.end()] + text[first.end() :].replace("И простите, что", "И нам жаль, что")


def _decapitalise(text: str) -> str:
    first = text.split(" ", 1)[0]
    if (first.isupper() and len(first) > 1) or first in ("I", "I'm", "I'll", "I've"):
        return text
    parses = morph().parse(first.strip(",.:;!?").lower()) if re.match(r"[А-Яа-яЁё]", first) else []
    if parses and any(tag in parses[0].tag for tag in ("Name", "Geox", "Orgn")):
        return text
    return text[:1].lower() + text[1:]
