"""How sure the reading is of each element a draft may name: the topic, an id, a clause of the author's.

Each element is *strong* when it rests on an explicit marker and *weak* when it rests on one word. The
composer names an element only when it is strong; otherwise the draft keeps to neutral words (the
fallback table, the safe shapes) and, where a remedy or facts are due, the admin's slot. This is one
rule for every new business, instead of a pattern per misreading: a new business brings words the tables
do not know, and a topic read from one of them («цены» from a sum beside a late courier, «заказ» from a
city's request number) is the draft's worst mistake (rounds 16–18 of the blind reading).

* **Topic** (``topic_strong``): strong with a phrase of two or more words from its table («не
  открывается», «подняли с 500»), two different words of it («курьер» and «опоздал»), a fact that
  only that topic has (a tracking number, the missing items, a second price), or one word that agrees
  with the chat's kind (a delivery in a food delivery's chat). Safety, politics and accusations are
  routed by their own shapes and are not gated here.
* **An order number** (``order_strong``): strong when the author called it an order («заказ 3318»,
  «№ 55120» in a shop's chat); «заявка № 4471-С» is the author's id, said as written, never «заказ».
* **The author's clause** (``clause_fits``): echoed after «простите, что …» only when it says what
  the business's own product, service or staff did or failed to do, in a grammar that fits the frame
  (a nominative noun that is a thing or a member of staff, or a plural verb whose doer is the business);
  never a clause about people, the author, feelings or what anyone can or knows («люди не могут», «то
  многие не знают», «два часа сидели и не прогрелись»).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot.domain.reading import Reading, Topic
from bot.replies.business import flags_of
from bot.replies.grammar import morph
from bot.replies.reading import normalise, reading_data
from bot.replies.silent_channel import silent_channel

# Topics whose draft names the problem in a table's words; the others have their own shapes.
GATED = frozenset(
    {
        Topic.DELIVERY,
        Topic.ITEMS,
        Topic.QUALITY,
        Topic.REFUND,
        Topic.PRICE,
        Topic.APP,
        Topic.SUPPORT,
        Topic.OUTAGE,
        Topic.PROMO,
        Topic.RUDENESS,
    }
)
# Facts and flags only that topic has: each is an explicit marker by itself. (Flags a single word
# raises, «price_asked» of a sum with «?!», «delivery_fee» of «доставка за 890», are cues, not markers.)
_MARKERS: dict[Topic, frozenset[str]] = {
    Topic.DELIVERY: frozenset(
        {
            "order",
            "late",
            "arrived_late",
            "no_show",
            "tracking",
            "parcel",
            "pickup",
            "marked_delivered",
            "wrong_hands",
            "handover",
            "not_shipped",
            "wrong_address",
        }
    ),
    Topic.ITEMS: frozenset({"order", "items", "swap", "empty_box", "opened"}),
    Topic.APP: frozenset(
        {
            "app",
            "site",
            "device",
            "os",
            "login",
            "after_update",
            "sms_code",
            "browser",
            "error",
            "message",
            "access",
            "sale_start",
        }
    ),
    Topic.REFUND: frozenset(
        {
            "double_charge",
            "pending",
            "returned",
            "subscription",
            "transfer",
            "wrong_transfer",
            "penalty",
            "not_received",
            "charged",
            "wants_refund",
        }
    ),
    Topic.PROMO: frozenset({"promo", "perk", "offer"}),
    Topic.OUTAGE: frozenset({"service", "speed", "power_off", "water_off", "hot_water_off", "heating_off"}),
    Topic.PRICE: frozenset({"amount2", "card_fee", "elsewhere"}),
    Topic.SUPPORT: frozenset({"ticket", "canned", "hung_up", "no_callback", "useless_answer"}),
    Topic.QUALITY: frozenset({"worn_out", "misled"}),
    Topic.RUDENESS: frozenset({"staff"}),  # a rude word and the member of staff it is about: two cues
}
# The topics a chat's kind has every day, by the flags its kind gives (``business.toml``): one word of
# them agrees with the chat.
_KIND_TOPICS: dict[str, frozenset[Topic]] = {
    "shop": frozenset({Topic.DELIVERY, Topic.ITEMS, Topic.QUALITY, Topic.REFUND}),
    "delivered": frozenset({Topic.DELIVERY, Topic.ITEMS, Topic.QUALITY}),
    "food": frozenset({Topic.DELIVERY, Topic.ITEMS, Topic.QUALITY}),
    "bank": frozenset({Topic.REFUND, Topic.APP, Topic.SUPPORT}),
    "telecom": frozenset({Topic.OUTAGE, Topic.PRICE, Topic.SUPPORT, Topic.REFUND}),
    "taxi": frozenset({Topic.APP, Topic.PRICE, Topic.REFUND}),
    "cafe": frozenset({Topic.QUALITY}),
}
# The price named in so many words, not a sum beside something else.
_PRICE_NAMED = re.compile(
    r"(?<![а-яёіїє])(?:цен[аыуеой]|дорого|дороже|подорож|дешевл|переплат|повысил|подняли (?:с|на|до) \d|"
    r"ціна|ціни|ціну|дорожч|подорожч)|\b(?:price|expensive|overpriced)",
)
# A sum is a fact of any complaint (what it cost, what was charged), not a word of the price's topic.
_SUM = re.compile(r"\d|рубл|тысяч|грн|₽")
_SPACE = re.compile(r"\s")


def _cues(topic: Topic, low: str) -> tuple[set[str], bool]:
    """The different words and phrases of ``topic``'s table found in ``low``, and whether one of them
    is a phrase of two or more words."""
    found: set[str] = set()
    phrase = False
    for rule in reading_data().topics:
        if rule.topic is not topic:
            continue
        if rule.stems_re is not None:
            found |= set(rule.stems_re.findall(low))
        for rx in rule.patterns:
            match = rx.search(low)
            if match:
                said = match.group(0).strip()
                found.add(said)
                phrase = phrase or bool(_SPACE.search(said))
    return found, phrase


@lru_cache(maxsize=256)
def _topic_strong(topic: Topic, text: str, given: frozenset[str], kind_flags: frozenset[str]) -> bool:
    low = normalise(text)
    cues, phrase = _cues(topic, low)
    if phrase or len(cues) >= 2 or _MARKERS.get(topic, frozenset()) & given:
        return True
    if topic is Topic.PRICE and _PRICE_NAMED.search(low):
        return True  # «подорожал», «дороже», «цена»: the price named in so many words
    if not _words(topic, low):
        return False  # nothing but a sum, or a flag raised by one pattern: «2 500 ₽ за это?!» beside ruined skis
    if any(topic in _KIND_TOPICS.get(flag, frozenset()) for flag in kind_flags):
        return True
    # One word of the topic is enough only where no other topic has a word too: «нахамила» alone is
    # rudeness; «пришла с трещиной, поддержка молчит» is not surely about the support.
    return not any(_words(other, low) for other in GATED - {topic})


def failed_topic(reading: Reading) -> Topic:
    """The topic a remedy is chosen by: ``reading.topic``, or for a price read from a sum beside a failure
    («срочная доставка за 890 ₽ … курьер приехал в 15:40»), the failure's topic with the most words."""
    if reading.topic is not Topic.PRICE or topic_strong(reading):
        return reading.topic
    low = normalise(reading.text or "")
    counts = {topic: len(_words(topic, low)) for topic in _FAILURES}
    best = max(counts, key=lambda topic: counts[topic])
    return best if counts[best] else Topic.OTHER


_FAILURES = (Topic.DELIVERY, Topic.ITEMS, Topic.QUALITY, Topic.REFUND)


def _words(topic: Topic, low: str) -> set[str]:
    return {cue for cue in _cues(topic, low)[0] if not _SUM.search(cue)}


def topic_strong(reading: Reading, kind: str | None = None) -> bool:
    """Whether the draft may name ``reading.topic`` (always, for a topic not gated here)."""
    if reading.topic not in GATED or not reading.text:
        return True
    given = frozenset(reading.facts.names()) | reading.facts.flags
    kinds = reading.facts.flags & frozenset(_KIND_TOPICS)
    if kind:
        kinds |= flags_of(kind) & frozenset(_KIND_TOPICS)
    return _topic_strong(reading.topic, reading.text, given, frozenset(kinds))


# A utility or a connection said to be off: «нет воды», «отключили свет», «интернет пропал».
_OFF_FLAGS = frozenset({"power_off", "water_off", "hot_water_off", "heating_off", "utility", "mobile", "speed"})


def service_strong(reading: Reading) -> bool:
    """Whether the ``service`` read («воды» of «не предложил воды») may be named as one that is off."""
    if not reading.facts.get("service") or reading.facts.flags & _OFF_FLAGS:
        return True
    return bool(_cues(Topic.OUTAGE, normalise(reading.text or ""))[0])


# A wait told as one: «ждал 3 часа», «опоздал на 40 минут», «в очереди», «до сих пор нет»; not «за 7 минут
# сделали», «держится 4 недели».
_WAITED = re.compile(
    r"жд[аеёуія]|жду|ожида|очеред|опозд|опазд|задерж|затян|тян[уе]т|до сих пор|так и не|вс[её] ещ[её]|не приш|"
    r"не приех|не привез|не доставил|виси|висят|в пути|на сортировк|ид[её]т|досі|чека|wait|still|late",
)


def waited_strong(reading: Reading) -> bool:
    """Whether the ``waited`` read may be said as a wait («простите, что пришлось ждать 4 недели»)."""
    return not reading.facts.get("waited") or bool(_WAITED.search(normalise(reading.text or "")))


# An id the author called an order: «заказ 3318», «заказ № ЕБ-77215», «order #A-20», «замовлення 55120».
_ORDER_WORD = re.compile(r"заказ|закаж|замовл|\border|покупк|доставк|курьер", re.IGNORECASE)
_ORDERING = frozenset({"shop", "delivered", "food", "taxi"})


def order_strong(reading: Reading) -> bool:
    """Whether the number read as ``order`` may be called an order in the draft."""
    order = reading.facts.get("order")
    if not order:
        return True
    text = reading.text or ""
    at = text.find(order)
    before = text[max(0, at - 40) : at] if at >= 0 else text
    return bool(_ORDER_WORD.search(before)) or bool(reading.facts.flags & _ORDERING and "№" in before[-4:])


# What may open a clause after «простите, что»: a negation, a verb, a noun, or a short adverb of time.
# The thing already named, as the object of the business's verb: «его отменили», «их не привезли».
_THIRD = frozenset({"его", "её", "ее", "их"})
_OPENERS = frozenset({"не", "нет", "опять", "снова", "уже", "так", "до", "вчера", "сегодня"})
# Verbs that tell what someone can, knows, wants or feels, not what the business did.
_NOT_DEEDS = frozenset(
    {
        "мочь",
        "знать",
        "хотеть",
        "уметь",
        "понимать",
        "понять",
        "думать",
        "видеть",
        "смеяться",
        "плакать",
        "расстроиться",
        "бояться",
        "сидеть",
        "стоять",
        "ходить",
        "болеть",
        "ждать",
        "успеть",
        "получиться",
        "делаться",
    }
)
_QUOTE = re.compile(r"[«»\"“”„]")  # a clause cut through a quotation: «в ваших билетах» пусто»
_WORDS = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")


def _parses(word: str) -> list[Any]:
    return [p for p in morph().parse(word) if p.score >= 0.05]


def _is(word: str, pos: str) -> Any | None:
    for parse in _parses(word):
        if pos == parse.tag.POS:
            return parse
    return None


# People who are not the business: the author, their family, other customers, people in general.
_NOT_OURS = re.compile(
    r"^(?:люд|человек|гост|дет|реб[её]н|сын|доч|мам|пап|муж|жен|бабушк|дедушк|пенсионер|пожил|клиент|покупател|"
    r"посетител|пассажир|жител|сосед|знаком|друз|друг|подруг|семь|родител|внук|внучк|школьник|студент)"
)


def _staff(word: str) -> bool:
    """A person in the clause who is ours: any person but the author's people («воспитатель», «риелтор»)."""
    return not _NOT_OURS.match(word)


def clause_fits(clause: str | None) -> bool:
    """Whether the author's ``clause`` may follow «простите, что» / «нам жаль, что» in the brand's voice:
    it tells what a thing, a service or a member of staff did or failed to do («замок не открылся»,
    «курьер не приехал», «урок отменили», «не перезвонили»), not what people, the author or anyone can,
    know or feel («люди не могут», «то многие не знают», «два часа сидели и не прогрелись»)."""
    if not clause or _QUOTE.search(clause) or silent_channel(clause) is not None:
        return False  # our own silent line has its own sentence, in our voice (``silent_channel``)
    words = [w.lower() for w in _WORDS.findall(clause)]
    if not words or not _opens(words):
        return False  # «то многие…», «кто так работает», «мы же писали»
    verbs = []
    subject = "никто" in words
    for word in words:
        parses = _parses(word)
        if not parses:
            return False
        if word != "никто" and any(p.tag.POS == "NPRO" and "nomn" in p.tag for p in parses[:1]):
            return False  # a pronoun for a subject: «мы ждали», «кто так работает» («никто не позвонил» is ours)
        noun = next((p for p in parses if p.tag.POS == "NOUN" and "nomn" in p.tag), None)
        if noun is not None and parses[0].tag.POS == "NOUN":
            if "anim" in noun.tag and not _staff(word):
                return False  # people, guests, children, the author's family: not the business's deed
            subject = True
        if parses[0].tag.POS in ("VERB", "INFN", "PRTS"):
            verbs.append(parses[0])
    if not verbs:
        return "нет" in words and not any(_people(w) for w in words)
    for verb in verbs:
        if verb.normal_form in _NOT_DEEDS or verb.tag.person in ("1per", "2per"):
            return False
    if not subject:
        # A plural verb with no subject: the business did it («отменили», «поцарапали бампер») unless it
        # is the author's own «we» (reflexive, «сидели и не прогрелись»).
        return all("plur" in v.tag and not v.normal_form.endswith(("ся", "сь")) for v in verbs if "past" in v.tag)
    return True


def _opens(words: list[str]) -> bool:
    """Whether the clause opens as a clause after «что»: a negation, a verb, a noun, a preposition (of
    time or place), or an adjective, a participle or an ordinal before its noun («обещанный бассейн»,
    «третью неделю»)."""
    first = words[0]
    if first in _OPENERS or first == "никто" or (first in _THIRD and len(words) > 1 and _is(words[1], "VERB")):
        return True  # «его отменили за час до начала»
    parses = _parses(first)
    if not parses or parses[0].tag.POS in ("NPRO", "PRCL", "CONJ", "ADVB", "PRED"):
        return False
    if parses[0].tag.POS in ("VERB", "INFN", "PRTS", "NOUN", "PREP"):
        return True
    for word in words:  # adjectives and participles before their noun: «подтверждённая учётная запись»
        found = _parses(word)
        if not found or found[0].tag.POS not in ("ADJF", "PRTF", "NUMR"):
            return bool(found) and found[0].tag.POS == "NOUN"
    return False


def _people(word: str) -> bool:
    noun = _is(word, "NOUN")
    return noun is not None and "anim" in noun.tag and not _staff(word)
