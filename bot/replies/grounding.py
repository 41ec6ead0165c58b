"""Whether a composed draft speaks of the author's own problem, in words the author's comment grounds.

A composed draft names the problem («простите за сбой приложения», «с доставкой заказа так вышло»).
When the topic was misread, that name is another problem's: the instructor who never came becomes an
app failure, a lost suitcase «your order». A draft is grounded when:

* every word in it that names a kind of problem or another business's thing («сбой», «доставка»,
  «заказ», «браузер», «driver») is grounded by the comment: the same word or one of its family
  («возврат» for «верните»), or, for «заказ», any word of buying («купил», «курьер»);
* it apologises for a refund only when a refund failed, not when the author asks for one;
* an inserted fragment reads as a clause («простите, что которых никто не делал» does not).

Ungrounded drafts give way to a safe shape (``bot.replies.shapes``).
"""

from __future__ import annotations

import re

from bot.domain.reading import Reading, Topic

_WORD = re.compile(r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ']+")
_SHOP = r"заказ|закаж|курьер|достав|привез|привоз|покуп|купил|магазин|чек|товар|корзин|пицц|ролл|доставк|order|№ ?\d"
# Kinds of business where «заказ» (and, but for a taxi, «доставка», «курьер») is the everyday word,
# whatever the author wrote.
_ORDERING = frozenset({"shop", "delivered", "food", "taxi"})
_DELIVERING = frozenset({"shop", "delivered", "food"})
# Words that name a kind of problem or another business's thing, and what in the comment grounds each:
# (in the draft, in the comment, languages and tags). "first": only in the first sentence, where the
# problem is named («предложим замену или возврат» later on is an offer, not a misread problem);
# "order", "delivery": grounded as well by a chat whose kind orders (in its app) or delivers (``_ORDERING``).
_PROBLEM_WORDS = tuple(
    (re.compile(draft, re.IGNORECASE), re.compile(comment, re.IGNORECASE), langs)
    for draft, comment, langs in (
        (r"\bзаказ", _SHOP, "ru order"),
        (r"\bкурьер", r"курьер|достав|привез|привоз", "ru delivery"),
        (r"\bдоставк", r"достав|привез|привоз|курьер|посылк|везл|везут|принес|принест", "ru delivery"),
        (
            r"\bсбо[йея]",
            r"сбо|не работа|глюч|вылет|завис|ошибк|не гру|не откр|не пуска|недоступ|не могу|"
            r"не получается|висит|слетел|оборвал|не отображ|не приход|не загруж|лёг|лег\b|упал|не да[её]т|войти|"
            r"выкинул|выбива|не запуск|краш|упад|ч[её]рный экран|не грузит|перестал|не открыва|не показ|"
            r"не отобража|невозможно|"
            r"пропал|не сохран|не проход|не принима|не срабат|не нажима|сер(?:ая|ый)",
            "ru first",
        ),
        (r"\bперебо[йея]", r"связ|интернет|свет|вод[аы]|пропада|отключ|лёг|лег\b|не работа|сеть", "ru first"),
        (r"\bвозврат|\bвернуть деньги", r"верн|возвр|деньг|гроші", "ru first"),
        (r"\bсписани|\bплат[её]ж", r"спис|снял|сняли|оплат|плат|деньг|посчитал|пробил|чек", "ru first"),
        (r"приложени", r"приложени|\bapp", "ru order"),
        (r"\bсайт", r"сайт|site", "ru"),
        (r"браузер", r"браузер|browser|сайт|кабинет", "ru"),
        (
            r"разработчик",
            r"приложени|сайт|обновлен|баг|глюч|\bapp|личн\w* кабинет|банк|профил|вход|войти|ошибк|"
            r"аккаунт|патч|игр[аеуы]|вылет",
            "ru",
        ),
        (
            r"\bкухн|\bповар",
            r"кухн|повар|готов|блюд|еда|еду|ресторан|кафе|ужин|обед|завтрак|ролл|суп|пицц|салат|"
            r"шаурм|бургер|доставк|заказ",
            "ru",
        ),
        (r"\bводител|\bдрайвер", r"водител|такси|автобус|маршрут|поездк|driver", "ru"),
        (r"\bпоездк", r"поездк|ехал|такси|рейс|маршрут|самокат|велосипед|машин|водител", "ru"),
        (r"получател", r"получател|перевод|перев[её]л|не поступ|не дошл|не зачисл|деньги ушли|не пришл", "ru"),
        (r"\bпри[её]м[аеу]?\b", r"при[её]м|принял|врач|доктор|лор\w*\b|очеред", "ru"),
        (r"\bGPS|остановк", r"остановк|маршрут|gps|трамва|автобус|троллейбус|маршрутк|интервал", "ru"),
        # A city's transport office and its GPS are not an intercity coach's: a trip with a ticket, a
        # «рейс» or a coach station is answered without them.
        (
            r"\bGPS|транспортн\w* отдел|остановк|выходят на маршрут",
            r"(?s)^(?!.*(?:рейс|билет|вокзал|междугор|пригородн|intercity|coach))",
            "ru",
        ),
        (r"\bпосылк|\bотправлени", r"посылк|трек|отправлен", "ru"),
        (
            r"\bсборк",
            r"(?-i:вместо [А-ЯA-Z])|не т(?:от|у|а|е) (?!адрес|подъезд|дом)|не хват|не положил|не оказал|забыли|"
            r"без \w+ привез|привезли \d|вместо|не было|заказыва[^.!?]*пришл|перепут|размер",
            "ru",
        ),
        (r"\border\b", r"order|courier|deliver|parcel|package|shipp|bought|purchase|shop|cart", "en order"),
        (r"\bcourier|\bdeliver", r"order|courier|deliver|parcel|package|shipp", "en delivery"),
        (r"\bride\b|\bdriver", r"\bride|driver|trip|taxi|scooter|bike", "en"),
        (r"\bdevelopers|\bbrowser", r"\bapp\b|browser|site|update|crash|bug|log ?in|account|error", "en"),
        (r"\bkitchen", r"kitchen|food|meal|dinner|lunch|breakfast|restaurant|order", "en"),
        (r"замовлен", r"замовл|заказ|order|доставк|кур'єр|курʼєр|купил|купув", "uk order"),
        (r"\bкур'єр|\bкурʼєр", r"кур'єр|курʼєр|достав|привез|привіз", "uk delivery"),
        (r"застосун|додат", r"застосун|додат|\bapp", "uk order"),
        (r"збиранн|комплектац", r"не було|бракує|не вистача|замість|не те\b|не та\b|не той", "uk"),
        # The delivery named for a wrong item: «курьер привёз не тот пылесос» is not about the delivery.
        (
            r"\bдоставк|\bdelivery|доставц",
            r"(?s)^(?!.*(?:не т(?:от|у|а|е) (?!адрес|подъезд|дом|врем)|(?-i:вместо [A-ZА-ЯЁ])|"
            r"instead of|wrong item|замість))",
            "ru en uk",
        ),
    )
)
# An apology for a refund that never failed: «простите, что с возвратом так вышло» to «можно ли вернуть?».
_REFUND_APOLOGY = re.compile(r"(?:простите|извините|жаль)[^.]{0,20} с возвратом", re.IGNORECASE)
_REFUND_FAILED = re.compile(r"не верн|не вернул|до сих пор|жд[уеёа]\w* возврат|не пришл|не поступ|так и не", re.I)
# A fragment that cannot follow «простите, что …»: a relative word, a proper name right after «что».
_BROKEN = re.compile(
    r"(?:простите|извините|жаль|sorry|вибачте|перепрошуємо),? (?:что|що|that) "
    r"(?:котор|где\b|куда\b|когда\b|чей|чья|[А-ЯЁA-Z][а-яёa-z]+ \d)",
)
_PRICE = re.compile(r"цен|стоим|стоит|стоил|дорог|подорож|подня|переплат|price|expensive|cost|ціна|ціни|дорож", re.I)
_WAIT = re.compile(r"жд[аёу]|жду|ожида|недел[иью]|wait|чека", re.IGNORECASE)


def real_price_complaint(reading: Reading) -> bool:
    """A complaint about what something costs, not about a wait that happens to name a sum."""
    text = reading.text or ""
    if _WAIT.search(text) and not _PRICE.search(text):
        return False  # «3 недели ждать запчасть за 800 рублей??»
    return reading.topic is Topic.PRICE or bool(_PRICE.search(text))


def grounded(draft: str, reading: Reading) -> bool:
    text = reading.text or ""
    if _BROKEN.search(draft):
        return False
    if _REFUND_APOLOGY.search(draft) and not _REFUND_FAILED.search(text):
        return False
    first = re.split(r"(?<=[.!?])\s", draft, maxsplit=1)[0]
    flags = reading.facts.flags
    for in_draft, in_comment, langs in _PROBLEM_WORDS:
        if reading.lang not in langs.split():  # the rest of the words are tags: "first", "order", "delivery"
            continue
        if (flags & _ORDERING and "order" in langs) or (flags & _DELIVERING and "delivery" in langs):
            continue
        if in_draft.search(first if "first" in langs else draft) and not in_comment.search(text):
            return False
    return True
