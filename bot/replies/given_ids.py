"""The ids the author gave, each with what it is: one source for the reading's facts and for the drafts.

A number is an order only when the author calls it one. «Заявка в ЕДДС № 4471-С», «обращение № 12-0457»,
«полис № 0241178», «договор аренды № АР-20418», «квитанция 5521» and «support case #CS-40912» are a
request, an appeal, a policy, a contract, a receipt and a ticket: a draft that says «заказ 4471» to a
city's resident or asks for «номер заказа» again tells them nobody read the comment (round 18). Before
this, the reading's facts (``data/facts.toml``) and the safe shapes' own pattern disagreed on 61 of 222
comments with an id; both now take the ids from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# What the author calls the number, in the order tried: the first noun that stands before the number wins.
# (A «заказ-наряд» is a car service's receipt, not an order; «дело» and «case» are a claim's file.)
_NOUNS: tuple[tuple[str, str], ...] = (
    ("receipt", r"заказ-наряд\w*|наряд\w*|квитанц\w*|квитанці\w*|талон\w*|receipt"),
    ("order", r"заказ\w*|замовлен\w*|order\w*"),
    (
        "ticket",
        r"обращени\w*|заявк\w*|заявлени\w*|заяв[аиуо]\w*|претензи\w*|тикет\w*|ticket\w*|case|ref(?:erence)?|"
        r"звернен\w*|запит\w*|дел[оау]|возврат\w*|return|повернен\w*",
    ),
    (
        "contract",
        r"договор\w*|договір\w*|догов\w*|contract\w*|полис\w*|поліс\w*|policy|лицев\w* сч[её]т\w*|л/с|"
        r"особов\w* рахун\w*|account(?: number)?",
    ),
    ("booking", r"брон\w*|билет\w*|booking|reservation"),
    ("trip", r"рейс\w*|поезд\w*|электричк\w*|паром\w*|flight|train"),
    ("invoice", r"сч[её]т\w*|рахун\w*|invoice"),
    ("tracking", r"трек-номер\w*|трек\w*|трекинг|tracking(?: number)?|ттн|накладн\w*|відправленн\w*|посилк\w*"),
)
_VALUE = r"([A-ZА-ЯЁІЇЄa-zа-яёіїє]{0,3}[-/]?\d[\dA-ZА-ЯЁІЇЄ/-]{2,})"
# A noun, then the number: straight after it («квитанция 5521», «order #PM-20931», «номер заказа: 78213»), or
# after a word or two when a «№» or «#» stands before the number («заявка в ЕДДС № 4471-С»), after «на возврат»,
# or with «номер» a few words on («подал заявку на вывоз веток 12 ноября, номер 55-0917»).
_NAMED = re.compile(
    r"(?<![\w-])(?:номер\s+)?(" + "|".join(f"(?:{n})" for _, n in _NOUNS) + r")"
    r"(?:\s+(?:номер\w*|number|no\.?)|\s+(?:на|по)\s+[а-яёіїє]+|(?:\s+[^\s\d№#.!?,;]+){1,3}?(?=\s*[№#])"
    r"|[^.!?№#]{0,40}?\s(?:под\s+)?номер\w*)?"
    r"[\s:№#(-]{0,4}" + _VALUE,
    re.IGNORECASE,
)
# A number with «№» or «#» and no noun: the author's id, of no named kind.
_BARE = re.compile(r"(?:^|[\s(])[№#]\s*" + _VALUE, re.IGNORECASE)
# A sum after the number: «заказ 2500 ₽», «билет 300 руб».
_PRICE_AFTER = re.compile(r"\s*(?:₽|руб|р\.|р\b|грн|\$|€|£|тыс|rub|usd|eur)", re.IGNORECASE)
_KINDS = tuple((kind, re.compile(rf"^(?:{noun})$", re.IGNORECASE)) for kind, noun in _NOUNS)
# The facts of the reading each kind stands for (``bot.domain.reading``, FACT_NAMES).
FACT_OF = {"order": "order", "ticket": "ticket", "contract": "contract", "tracking": "tracking"}


@dataclass(frozen=True, slots=True)
class GivenId:
    kind: str  # order, receipt, ticket, contract, booking, trip, invoice, tracking, or "number" (no noun)
    value: str  # as written: «4471-С», «АР-20418»
    noun: str = ""  # what the author called it, lower case: «заявка», «полис», «case»


def _kind(noun: str) -> str:
    noun = noun.lower().removeprefix("номер").strip()
    return next((kind for kind, rx in _KINDS if rx.match(noun)), "number")


@lru_cache(maxsize=2048)
def given_ids(text: str) -> tuple[GivenId, ...]:
    """The ids the author gave, in the order written, each once, with what the author calls each."""
    found: list[tuple[int, GivenId]] = []
    taken: list[tuple[int, int]] = []
    for m in _NAMED.finditer(text):
        value = m.group(2).rstrip("/-")
        kind = _kind(m.group(1))
        if (
            not _is_id(value)
            or _PRICE_AFTER.match(text, m.end(2))
            or (kind == "booking" and value.isdigit() and len(value) < 4)
        ):
            continue  # «билет 300, у вас 650», «квиток 250 ₽»: a price, not a ticket's number
        found.append((m.start(2), GivenId(kind, value, m.group(1).lower())))
        taken.append(m.span(2))
    for m in _BARE.finditer(text):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        value = m.group(1).rstrip("/-")
        if _is_id(value):
            found.append((m.start(1), GivenId("number", value)))
    out: dict[str, GivenId] = {}
    for _, given in sorted(found, key=lambda item: item[0]):
        out.setdefault(given.value.lower(), given)
    return tuple(out.values())


def _is_id(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    return digits >= 3 or (digits >= 2 and len(value) >= 4)


def reconcile(values: dict[str, str], text: str) -> None:
    """The reading's ids made to agree with what the author called them: a number the author called a
    request, a contract or a receipt is no order; an id of a kind the reading has a fact for is that fact."""
    ids = given_ids(text)
    if not ids:
        return
    by_value = {g.value.replace(" ", "").lower(): g for g in ids}
    for fact in ("order", "ticket", "contract", "tracking"):
        value = values.get(fact)
        if not value:
            continue
        key = value.replace(" ", "").lower()
        given = by_value.get(key) or next((g for k, g in by_value.items() if k.startswith(key)), None)
        if given is None or given.kind in (fact, "number"):
            if given is not None and len(given.value) > len(value):
                values[fact] = given.value  # «№ 4471-С», not «4471»
            continue
        del values[fact]  # «заявка № 4471-С» is no order
    for given in ids:
        name = FACT_OF.get(given.kind)
        if name and name not in values:
            values[name] = given.value


# «по заявке 4471-С», «по договору АР-20418»: the id named as the author named it, in the dative after «по».
_DATIVE_RU: tuple[tuple[str, str], ...] = (
    (r"заказ-наряд", "заказ-наряду"),
    (r"наряд", "наряду"),
    (r"квитанц", "квитанции"),
    (r"талон", "талону"),
    (r"заказ|order", "заказу"),
    (r"заявк|возврат", "заявке"),
    (r"заявлени", "заявлению"),
    (r"обращени|тикет|ticket|case|ref", "обращению"),
    (r"претензи", "претензии"),
    (r"дел", "делу"),
    (r"договор|догов|contract", "договору"),
    (r"полис|policy", "полису"),
    (r"лицев|л/с", "лицевому счёту"),
    (r"брон|booking|reservation", "брони"),
    (r"билет", "билету"),
    (r"рейс|flight", "рейсу"),
    (r"поезд|электричк|train", "поезду"),
    (r"паром", "парому"),
    (r"сч[её]т|invoice", "счёту"),
    (r"трек|ттн|накладн|tracking", "трек-номеру"),
)
_EN_NOUN = {
    "order": "order",
    "ticket": "ticket",
    "contract": "contract",
    "receipt": "receipt",
    "booking": "booking",
    "trip": "",
    "invoice": "invoice",
    "tracking": "tracking number",
}


def by_id_ru(given: GivenId) -> str:
    """«заявке 4471-С», «договору АР-20418», «номеру 6103» (what follows «по»)."""
    for stem, dative in _DATIVE_RU:
        if given.noun and re.match(stem, given.noun):
            return f"{dative} {given.value}"
    return f"номеру {given.value}"


def by_id_en(given: GivenId) -> str:
    """«case CS-40912», «booking HB-4471», «PM-20931» (what follows «under»)."""
    noun = given.noun if given.noun in ("case", "policy") else _EN_NOUN.get(given.kind, "")
    return f"{noun} {given.value}".strip()
