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
from bot.replies.complaint_clause import complaint_clause
from bot.replies.reading import topics_in

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
        # A wait the author never told: «ждать приёма больше часа» to a doctor who never came.
        (
            r"\bжда|\bожидани|\bдолго|больше часа|\bв очеред",
            r"жд|ожид|долг|очеред|задерж|опозд|опаздыва|тян[уе]т|затян|\bчас(?:а|ов)?\b|полчаса|минут|"
            r"недел|сутк|месяц|до сих пор|так и не|всё ещё|все еще|висит|\bд(?:ень|ня|ней|ни)\b|принял|вызвал",
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
        # Another business's things: a purchase in a parking or ski resort chat, a car taken off the line
        # for a bike's brakes, mobile coverage for a coworking's wi-fi.
        (
            r"\bпокуп(?:к|ать|ает)",
            _SHOP + r"|купи|куплен|приобр|продаж|продав|оплат|оплач|заплат|списа|плат[её]ж|билет|курс|подписк|"
            r"возврат|деньг|донат|скидк|распродаж|акци|ч[её]рн\w* пятниц",
            "ru order",
        ),
        (
            r"с линии|\bмашин",
            r"машин|авто|такси|каршер|тачк|водител|поездк|ехал|колес|резин|шиномонт|гайк|\bруль|руля",
            "ru",
        ),
        (
            r"покрыти|мобильн\w* интернет",
            r"мобильн|связ|сотов|покрыт|lte|\b[45]g\b|симк|сим-?карт|оператор|сет[ьи]\b|\bsos\b",
            "ru",
        ),
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
        # «помилка» alone is a mistake as often as an error on a screen: a misprint on a banner is no failure
        # of an app.
        (
            r"зб[оі][йїя]|модель телефон|розробник",
            r"застосун|додат|сайт|\bapp|оновлен|не працю|не відкрива|виліта|завис|не завантаж|вхід|увійти|"
            r"кабінет|екран|не прац|лежить|впав|впали",
            "uk",
        ),
        (r"збиранн|комплектац", r"не було|бракує|не вистача|замість|не те\b|не та\b|не той", "uk"),
        # A misprint («визитки с ошибкой в фамилии», «опечатка в телефоне») is no failure of an app.
        (
            r"\bсбо[йея]|приложени|модел\w* телефон|разработчик",
            r"(?s)приложени|сайт|\bapp|^(?!.*(?:опечат|ошиб\w*\s+(?:в|во)\s+(?:\w+\s+)?(?:фамили|имен|назван|номер|"
            r"текст|дат[еу]|надпис|слов|букв|макет|адрес|телефон)))",
            "ru",
        ),
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


# Topics whose words are often a side remark of another complaint: a support line that did not answer,
# an app that showed it wrong, what it cost. Such a topic is named only
# when the author's main clause is of it.
# (A delivery and a charge are left out: «заказ не пришёл», «водитель отменил, а 150 ₽ списали» are
# the complaint itself, in words the topics' tables do not all have.)
_SIDE_TOPICS = frozenset({Topic.SUPPORT, Topic.APP, Topic.OUTAGE, Topic.PRICE, Topic.PROMO})


# An unanswered phone or support named in the draft's first sentence, and what grounds it as the main
# complaint: the comment's first sentence («платье вернули с дыркой. Звонила — трубку не берут» is the
# dress; the call that followed is a side remark).
_UNANSWERED = re.compile(r"не отвеча|трубк|не бер[уё]т|не перезвон|дозвон|поддержк|горяч\w* лини", re.IGNORECASE)
_UNANSWERED_SAID = re.compile(
    r"отвеча|ответ|трубк|бер[уё]т|перезвон|звон|дозвон|поддержк|лини|оператор|чат|игнор|молч", re.IGNORECASE
)
_SEGMENT_END = re.compile(r"[,.;:!?…]|\s[—–-]\s")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def main_complaint(reading: Reading) -> bool:
    """Whether the topic read is the comment's main complaint, not one of its side clauses: «тренер не
    пришёл, в приложении написано, что было» is the no-show, not an app; «масло не поменяли, менеджер не отвечает»
    the job not done, not an unreachable manager. The main complaint is the author's first clause that
    tells what failed (``complaint_clause``); a comment with none keeps its topic."""
    if reading.lang != "ru" or reading.topic not in _SIDE_TOPICS:
        return True
    text = reading.text or ""
    clause = complaint_clause(text, reading.lang)
    if clause is None:
        return True
    # The clause and all before it: «Баллы за покупку не начислились» keeps the points its subject
    # names, «Тариф подняли с 450 до 590 и даже смс не прислали» the price told first.
    verb = text.lower().replace("ё", "е").find(clause.split()[-1].lower().replace("ё", "е"))
    end = _SEGMENT_END.search(text, verb) if verb >= 0 else None
    said = text[: end.start() if end else len(text)] if verb >= 0 else clause
    return reading.topic in topics_in(said) | topics_in(clause)


# The words of ``_PROBLEM_WORDS`` that name another kind of business rather than a problem: checked in
# every draft, a troll's and a wave's included (``foreign_business``).
_KIND_WORDS = frozenset({r"\bпокуп(?:к|ать|ает)", r"с линии|\bмашин", r"покрыти|мобильн\w* интернет"})


def foreign_business(sentence: str, reading: Reading) -> bool:
    """Whether ``sentence`` names a business's thing neither the comment nor the chat's kind grounds
    («выбирать, где покупать» in a ski resort's chat)."""
    text = reading.text or ""
    ordering = bool(reading.facts.flags & _ORDERING)
    for in_draft, in_comment, langs in _PROBLEM_WORDS:
        if in_draft.pattern not in _KIND_WORDS or reading.lang not in langs.split():
            continue
        if ordering and "order" in langs:
            continue
        if in_draft.search(sentence) and not in_comment.search(text):
            return True
    return False


def grounded(draft: str, reading: Reading) -> bool:
    text = reading.text or ""
    if _BROKEN.search(draft):
        return False
    if _REFUND_APOLOGY.search(draft) and not _REFUND_FAILED.search(text):
        return False
    first = re.split(r"(?<=[.!?])\s", draft, maxsplit=1)[0]
    if (
        reading.lang == "ru"
        and reading.topic is not Topic.SUPPORT
        and _UNANSWERED.search(first)
        and not _UNANSWERED_SAID.search(_SENTENCE_END.split(text.strip(), maxsplit=1)[0])
    ):
        return False
    flags = reading.facts.flags
    for in_draft, in_comment, langs in _PROBLEM_WORDS:
        if reading.lang not in langs.split():  # the rest of the words are tags: "first", "order", "delivery"
            continue
        delivering = flags & _DELIVERING and "taxi" not in flags  # a ride is ordered, never delivered
        if (flags & _ORDERING and "order" in langs) or (delivering and "delivery" in langs):
            continue
        if in_draft.search(first if "first" in langs else draft) and not in_comment.search(text):
            return False
    return True
