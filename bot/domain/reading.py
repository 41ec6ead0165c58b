"""What a comment says, as reply drafting and casework need it: its topic and the facts the author gave.

Plain data: ``bot.replies.reading`` fills it from the text (patterns and pymorphy3); the reply is
composed from it, and an admin's own templates may name its facts (``{order}``, ``{device}``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Topic(StrEnum):
    DELIVERY = "delivery"  # late or lost delivery
    ITEMS = "items"  # wrong or missing items
    QUALITY = "quality"  # quality or damage
    REFUND = "refund"  # refund, double or wrong charge
    PRICE = "price"
    APP = "app"  # app, site or personal account failure
    SUPPORT = "support"  # support unreachable or silent
    OUTAGE = "outage"  # no internet, mobile network, water, power
    PROMO = "promo"  # promo codes, points, cashback, offers
    SAFETY = "safety"  # health or safety claim
    POLITICS = "politics"  # politics and off-topic provocation
    ACCUSATION = "accusation"  # accusation or rumour against the company
    RUDENESS = "rudeness"  # rudeness of staff
    OTHER = "other"


# The facts a comment may give, by name: what templates and review rules call them.
FACT_NAMES: tuple[str, ...] = (
    "order",  # order number as written: "78213", "5531-229"
    "ticket",  # support request number
    "tracking",  # tracking number of a parcel
    "contract",  # contract or account number with a provider
    "amount",  # the first sum of money: "1 290 ₽"
    "amount2",  # a second sum ("списали 950 вместо 650")
    "portion",  # what a price buys now against before, as the author counts it: "24 шт вместо 32"
    "date",  # a calendar date: "3 марта"
    "time",  # a clock time: "19:00"
    "waited",  # how long the author has waited: "12 дней"
    "since",  # since when something fails: "третий день", "с утра"
    "items",  # missing items, in the genitive: "сыра и яблок"
    "swap",  # what was mixed up, as the author put it: "вместо Филадельфии положили Калифорнию"
    "product",  # the product the comment is about, nominative: "роллы", "батон"
    "service",  # a utility or connection: "интернет", "горячая вода"
    "thing",  # what else the comment is about: "лифт", "яма"
    "staff",  # the member of staff: "курьер", "кассир"
    "device",  # "айфон 13", "Pixel 7"
    "os",  # "iOS 17.4", "Android 12"
    "browser",  # "Chrome"
    "app",  # where it fails: "приложение", "сайт", "личный кабинет"
    "error",  # an error code: "403"
    "message",  # the error message quoted: "сервис временно недоступен"
    "promo",  # a promo code: "WELCOME15"
    "perk",  # a loyalty perk: "баллы", "кэшбэк", "акция 2+1"
    "said",  # the failure in the author's words, to follow «Простите, что»: "лифт стоит с понедельника"
    "place",  # a place, with its preposition: "на Гагарина 14"
    "batch",  # batch number or production date from a package
    "rival",  # where the author saw a lower price, with its preposition: "на Озоне", "в Музторге"
)

# Flags: things the comment says that change the answer, without a value of their own.
FLAG_NAMES: tuple[str, ...] = (
    "heating_off",  # no heating, radiators cold, a cold flat (Ukrainian utility drafts name it)
    "hot_water_off",  # no hot water
    "water_off",  # no water at all
    "power_off",  # no electricity
    "sale_start",  # a failure at the start of a sale, a presale, a drop or a booking opening
    "workorder",  # a car service's or dealer's chat: a work order lists what a price was made of
    "item_broke",  # (Ukrainian) a thing bought that stopped working or broke
    "line_silent",  # (Ukrainian) the hotline or the dispatcher does not answer
    "double_charge",  # charged twice
    "price_asked",  # a price named and mocked or questioned as too high
    "sticking_out",  # something sharp sticking out where people pass
    "wants_refund",  # asks for money back
    "wants_exchange",  # asks for an exchange
    "no_show",  # the courier never came
    "after_update",  # it broke after an update
    "login",  # cannot log in
    "sms_code",  # confirmation code does not come
    "subscription",  # a subscription charge
    "blocked",  # a blocked card or account
    "health",  # someone fell ill or got hurt
    "delivered",  # the product came by delivery
    "stock",  # the product is missing from the shelves
    "photo",  # the author has or sent a photo
    "parcel",  # a parcel rather than an order
    "mobile",  # mobile network rather than a wired line
    "utility",  # water, power, heating, a lift: passed on, not fixed by the brand
    "question",  # the comment asks a question
    "when",  # the author says when it happened ("вчера", "в субботу")
    "pickup",  # a pick-up point
    "access",  # no access to a course or an account
    "site",  # the website or the personal account rather than the app
    "expired",  # goods past their use-by date
    "again",  # it happened before ("опять", "третий раз")
    "call",  # about a phone call to the company
    "booking",  # a table or a slot booked
    "wrong_transfer",  # money sent to the wrong person
    "delivery_fee",  # the price of delivery
    "discount_asked",  # whether a discount or a season ticket exists is asked, beside a price
    "given_away",  # a booking confirmed and the table or room given to others
    "taxi",  # a ride
    "late",  # the delivery is late or has not come
    "opened",  # the parcel came opened
    "shop",  # bought in a shop
    "cafe",  # in a café or restaurant
    "arrived_late",  # the delivery came, but late
    "offer",  # the author names the offer or discount
    "price_mismatch",  # charged more than the price shown
    "ill",  # someone fell ill (a narrower "health")
    "atm",  # a cash machine
    "cancelled",  # the author cancelled it (a subscription, an order)
    "bank",  # about cards, transfers, accounts
    "telecom",  # about a provider's line, tariff, roaming
    "school",  # about a course, lessons, a curator
    "food",  # about food or drinks
    "claim_sponsor",  # accusation: sponsoring someone
    "claim_data",  # accusation: leaking customers' data
    "claim_cheat",  # accusation: short weight, fake discounts
    "claim_reviews",  # accusation: bought or fake reviews
    "claim_hygiene",  # accusation: expired goods, cockroaches
    "claim_license",  # accusation: no licence, worthless certificates
    "claim_money",  # accusation: stealing, not paying back
    "claim_bribe",  # accusation: bribing officials to avoid inspections
    "claim_kickback",  # accusation: kickbacks, a contract for relatives, a budget sawn off
    "claim_paid",  # accusation: the business paid by someone («на зарплате у мэрии», a paid article)
    "rumour",  # hearsay: «говорят, что вы…», «знакомому так сняли…», not the author's own case
    "buying",  # the comment speaks of buying: a shop's line fits whatever the chat
    "price_rise",  # a rise or a reproach beside a price («теперь», «грабёж»): no mere question of the price
    "price_question",  # «сколько стоит настройка?»: a question of the price, not a complaint about a rise
    "hearsay_case",  # a third party's case the rumour retells («подруге так 8 тысяч не отдали»)
    "mock",  # mockery with nothing to answer ("когда обанкротитесь? 😂")
    "regulator",  # the author complained, or will, to a regulator or a court
    "competitor",  # sends readers to a competitor
    "boycott",  # calls on readers to stop buying or to take their money away
    "imposed",  # a service or insurance imposed on the author
    "insurance",  # about an insurance policy
    "handover",  # the author asked for it to be handed over in person, or it was left at the door
    "no_warning",  # nobody warned the author beforehand
    "no_callback",  # a promised call back never came
    "support_silent",  # support does not answer
    "praise",  # the author praises someone on the way to the complaint
    "postponed",  # a date was put off
    "hazard",  # a danger to passers-by: a live wire, gas, fire, an open manhole
    "gas",  # a smell of gas
    "asks_compensation",  # the author asks for compensation or a recalculation
    "asks_how_long",  # the author asks how long or when
    "useless_answer",  # answered with a link or the same advice again, not helped
    "sms_ads",  # advertising text messages rather than calls
    "about_us",  # strong words about the company ("позорище", "отстой"), no one named
    "rating",  # calls on readers to rate the app or the shop down
    "where_admin",  # asks whether anyone reads the chat at all
    "wrong_hands",  # the order was handed to someone else
    "worn_out",  # broke after some use, not on arrival
    "charged",  # money was taken ("списали", "сняли")
    "name_calling",  # "мошенники", "воры": a label, not a claim one could check
    "down",  # the whole service is down, not one phone's trouble
    "city",  # a city's channel: roads, transport, yards, utilities; no orders, no prices
    "transport",  # a bus, a tram, a route, a stop
    "road",  # roads, asphalt, potholes, pavements
    "pending",  # money on its way that has not arrived ("в обработке", "до сих пор не вернулись")
    "transfer",  # a money transfer between people
    "returned",  # the author sent the goods back and waits for the money
    "homework",  # homework or assignments waiting to be checked
    "misled",  # promised one thing at the sale, given another ("обещали трудоустройство")
    "spam_calls",  # advertising calls or messages from the company
    "deleted",  # says a comment of theirs was deleted, or calls it censorship
    "deleted_mine",  # names a comment of theirs that was deleted (not a jab at moderation in general)
    "operator",  # the chat is the operator itself (a city's transport company, a utility): no «перевозчику»
    "no_goods",  # the chat's business sells no goods (a zoo, a rink, a utility): no «где покупать»
    "machine_return",  # «возврат шаров», «возвратный механизм»: a machine, not money back
    "fare",  # the fare itself («проезд 65 рублей»): a price, even in a transport company's chat
    "after_repair",  # a function fails after the business's repair: a free check, not a photo
    "empty_box",  # the box or parcel came empty
    "cold",  # food came cold
    "claim_fake",  # accusation: selling fakes
    "claim_staff",  # accusation: not paying staff or couriers
    "suggestion",  # the author suggests how to do better
    "child",  # a child was involved
    "hung_up",  # someone hung up on the author
    "canned",  # support answered with a template
    "waiting_now",  # the author is still waiting ("жду", not "ждал")
    "coffee",  # about coffee drinks
    "marked_delivered",  # marked as delivered, but nothing came
    "document",  # a certificate, a statement or another document not issued
    "bait",  # provocation with nothing to answer ("ставлю лайк, чтобы админ помучился"): no reply at all
    "elections",  # elections, parties, voting: politics even in a city's channel
    "wrong_address",  # the courier went to the wrong entrance, house or flat
    "logout",  # the app keeps logging the author out
    "cold_room",  # a cold hall, not a cold dish
    "card_fee",  # the fee for keeping a card, not for a transfer
    "ads",  # too many ads in the app
    "not_shipped",  # the seller has not sent the order
    "lost_item",  # something left behind in a taxi or a café
    "cancelled_by_us",  # the company cancelled the order
    "venue",  # a place people visit in person (a gym, a cinema, a clinic): no orders, couriers or lines
    "medicine",  # a medicine or a pharmacy's goods
    "burn",  # a burn from a procedure, a device or hot food
    "shock",  # an electric shock
    "fire_exit",  # an emergency exit blocked or locked
    "reckless",  # a driver who drove dangerously
    "speed",  # the connection is slower than the plan promises
    "wire",  # a wire is the danger
    "gear",  # worn or broken safety gear (a frayed belay rope, a torn trampoline net)
    "fixture",  # a worn or broken fixture where people walk or hold on (a loose handrail, a broken step)
    "brushed_off",  # the staff member told of a danger brushed it off
    "thanks",  # the comment opens with thanks: a joke after it is friendly
    "fracture",  # a named injury of a limb (a fracture, a sprain): no head-injury advice
    "skin",  # a rash, dermatitis or an allergy on the skin: no food-poisoning advice
    "blood_draw",  # harm after a blood draw or an injection at a lab: no «после лечения», no «повторный осмотр»
    "carrier",  # the chat is a courier or postal service's: it is the carrier itself
    "glass",  # glass in food or a drink
    "pet",  # an animal: a pet at a vet's or a groomer's
    "vet",  # the chat is a vet clinic's: its doctors see animals
    "fire_risk",  # goods that smoked, melted or sparked
    "brakes",  # a car's brakes failed
    "vehicle",  # a car left unsafe to drive (wheel nuts loose, a wheel wobbling)
    "theft",  # something was stolen on the premises
    "penalty",  # a fine charged to the author
    "cancel_fee",  # charged for a cancellation
    "elsewhere",  # the author compares with another shop or place
    "existence",  # a jab at the business's very existence («закройте», «кто вообще туда ходит»)
    "medical",  # a clinic: treatment, doctors, appointments
    "services",  # the chat's business sells no goods to use (a venue, a studio, an operator, a school): no «этой вещью»
    "rail",  # the chat is a railway's (suburban trains): a train, a platform and dispatch, no bus, stop or driver
    "with_us",  # the thing is already with the business (in repair, on diagnostics): no photo of it to send
    "visit_missed",  # a technician or a master did not come at the agreed time
    "detailed",  # the author told what happened in a sentence or more: no "расскажите подробнее"
    "unknown_kind",  # the chat's kind of business is not known: no other business's orders, couriers or apps
    "rude_complaint",  # rude words around a real complaint: the complaint is answered, the words are not
    "heated",  # rude or heated words about the company («охренели», «задрали»), whoever they call names
    "mock_stock",  # the author mocks the stock answer («админ опять скажет "передадим на кухню"»)
    "ill_self",  # the author (and those with them) fell ill, not "someone"
    "seen_doctor",  # the author already saw a doctor or is on sick leave: no "see a doctor"
    "child_gear",  # a child's seat, cot, pram or toy broke or cracked: stop using it
    "injury",  # someone was hurt on the premises or by what was rented or sold
    "not_received",  # paid, and what was bought never came (a game's pack, a pass): not a card's charge
    "no_tables",  # a kind known from the title that has no tables of its own (a car dealer, a theatre)
    "claim_specific",  # a call to boycott that says what for («пока они продают щенков с фабрик»)
    "failure_named",  # a sentence or more that names what is broken (a troll's too): no "tell us more"
    "claim_price",  # a troll's «лохов разводите», «доят болельщиков»: the price is what is attacked
    "overpriced",  # a price said as a hyperbole («ценник как в ЦУМе»): no accusation by itself
    "figures",  # two numbers or more in one sentence: a case with its own figures
    "claim_origin",  # «шьют в подвале», «перепродаёте с Авито»: where and how it is made
    "claim_pocket",  # «всё себе в карман», «на корм денег нет»: where the money goes
    "claim_unqualified",  # «учат студенты-первокурсники», «без образования»: who does the work
    "scores",  # scores or marks of an exam, a concert, a ranking: no money, no loyalty points
    "collective",  # a call to act together: a petition, a collective complaint, signatures
)


@dataclass(frozen=True, slots=True)
class Facts:
    """The facts of one comment: values by name (``FACT_NAMES``) and flags (``FLAG_NAMES``)."""

    values: tuple[tuple[str, str], ...] = ()
    flags: frozenset[str] = frozenset()

    def get(self, name: str) -> str | None:
        for key, value in self.values:
            if key == name:
                return value
        return None

    def has(self, name: str) -> bool:
        """A value or a flag by that name."""
        return name in self.flags or self.get(name) is not None

    def names(self) -> frozenset[str]:
        return frozenset(key for key, _ in self.values) | self.flags

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True, slots=True)
class Reading:
    """A comment read for answering: its topic, its facts, its language, whether it insults."""

    topic: Topic = Topic.OTHER
    facts: Facts = field(default_factory=Facts)
    lang: str = "ru"  # the author's language: ru, uk or en
    insult: bool = False
    # The comment itself: a draft may use another business's words («карта», «тариф») only if it does.
    text: str = ""
