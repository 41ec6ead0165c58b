"""Safe shapes: the few forms a draft may take when the reading is not sure of the problem.

The composed drafts (``bot.replies.compose``) name the problem in the author's terms, which is the
best answer when the topic was read right and the worst when it was not: «простите за сбой
приложения» to someone whose instructor never came. Rather than fixing such misreadings one by one,
a composed draft is kept only when it is *grounded* (``bot.replies.grounding``); otherwise the draft
takes one of three shapes that cannot name a wrong problem:

* ``safety``: someone hurt, ill or in danger. Taken seriously, no joke and no «нам жаль, мы на связи»,
  no cause confirmed before a check, no medical advice; a concrete next step (we call you today).
* ``accusation``: fraud, fake reviews, censorship, illegal work. A calm line with a placeholder the
  admin fills with the facts (``[факты: …]``, never sent unfilled); no apology that admits it, no joke.
* ``neutral``: a failure whose topic is not clear. It says only what is safe to repeat: what went wrong
  in the author's own clause when one reads as a clause («нам жаль, что тренер не пришёл»,
  ``bot.replies.complaint_clause``), the author's own ids and date; then what happens next, and asks
  only for what is missing. A date the author gave in relative words («вчера», «в субботу», «14-го»,
  "today") is a date given. The answer stays public unless the case needs the author's personal data
  (a purchase, a payment, a booking with no number given): then, and only then, private messages.

Each shape answers the author's explicit question (a refund, a warranty, compensation) by saying
where the answer will come, rather than leaving it unanswered.
"""

from __future__ import annotations

import re

from bot.domain.reading import Reading, Topic
from bot.domain.verdicts import Label
from bot.replies.caseless import Caseless
from bot.replies.claims import claim_answer, damage_claim, lying_claim, specific_check
from bot.replies.complaint_clause import complaint_clause
from bot.replies.confidence import clause_fits
from bot.replies.deadline import with_deadline
from bot.replies.failed_thing import thing_failed
from bot.replies.given_ids import by_id_en, by_id_ru, given_ids
from bot.replies.grammar import plural_ablt, plural_in, reply_name, try_inflect_phrase
from bot.replies.grounding import foreign_business, grounded, main_complaint, real_price_complaint
from bot.replies.reading import topics_in
from bot.replies.remedy import with_remedy
from bot.replies.silent_channel import with_silence

SAFETY, ACCUSATION, NEUTRAL, CLAIM = "safety", "accusation", "neutral", "claim"
_ADDRESSED = frozenset({Label.CONSTRUCTIVE, Label.IMPULSIVE})

# Someone hurt, ill or put in danger by what the comment tells. (Searched for every negative comment:
# ``Caseless`` searches the lower-cased text, see caseless.py.)
_SAFETY = Caseless(
    re.compile(
        r"отрав|рвот|тошнил|тошнота|температур[аы]? (?:\d\d|под 40)|\bсып(?:ь|и|ью)\b|высыпа|глаза красн|красные глаза|"
        r"жж[её]т|жжени|ожог|обж[её]г|травм|перелом|аллергическ|аллергия (?:после|началась|пошла)|обсыпал|"
        r"упал[аи]? (?:на (?:лестниц|ступен|пол\b|льду|плитк)|с (?:лестниц|горк|тренаж|велосипед|самокат)|"
        r"и (?:разбил|ударил|сломал|подвернул))|"
        r"споткнул|поскользнул|разбил[аи]? (?:колено|голову|лоб|губу|локоть)|клещ|укусил|кровоточ|головокруж|"
        r"задыха|поранил|порезал[аи]?с|ушиб|защемил|скор(?:ую|ая) помощ|травмпункт|проглотил|"
        r"кус(?:ок|очек) (?:твёрдого |твердого )?(?:пластик|стекл|металл)|стекло в|за рул[её]м[^.!?]{0,40}телефон|"
        r"телефон[^.!?]{0,40}за рул[её]м|тормоз(?:а|ные колодки)? (?:не |отказ|скрип|визж|провал|слаб)|"
        r"запах газа|газом пахнет|током (?:бь|ударил)|"
        r"отру[єї]|блюв|висип|алергічн|впав|впала|зламав|кліщ|опік|гальм|"
        r"poison|vomit|threw up|\brash\b|allergic reaction|injur|\bfell\b|tripped|slipped|"
        r"broke (?:my|his|her) |bleeding|"
        r"tick bite|sick after|ambulance|choked|\bbrakes?\b",
        re.IGNORECASE,
    )
)
# Fraud, fake reviews, censorship, illegal work: a claim about the company, not a failure to apologise for.
_ACCUSATION = Caseless(
    re.compile(
        r"говорят,? (?:что )?вы|ходят слухи|недолив|недолил|обвешива|воруют|ворует|не тот сорт|"
        r"отрабатыва\w* (?:госзаказ|заказ мэрии|заказ власт)|"
        r"\bразвод(?:\b|ом\b|илов)|разводят (?:людей|клиентов|нас|на )|мошенни|обманыва|кидал|\bscam|fraud|фейк|"
        r"сами себе (?:пишете|ставите|звёзд|звезд|отзыв)|написан\w* ботами|отзыв\w* [^.!?]{0,30}бот(?:ы|ами)\b|"
        r"накрут|цензур|удаляете|удалили (?:мой|мои|мо[её]|коммент|отзыв)|спонсир|проплачен|нелегальн|неофициальн|"
        r"без (?:медицинских |санитарных )?книжек|в налоговую|враньё|вранье|(?<!не )(?:врёте|врете|лжёте|лжете)|"
        r"шахра|брешете|censor|deleted my|fake review|liars?\b|lying|"
        # a rumour of illegal work passed on (frames._rumour): answered with facts, never an apology
        r"незаконн|без (?:разрешени|лицензи)",
        re.IGNORECASE,
    )
)
_CENSORSHIP = re.compile(r"цензур|удаляете|удалили|видаля|censor|delet", re.IGNORECASE)
# An explicit question the draft must answer or route.
_QUESTIONS = tuple(
    (key, Caseless(re.compile(pattern, re.IGNORECASE)))
    for key, pattern in (
        (
            "refund",
            r"верн(?:ите|уть|ёте|ете) (?:деньги|мне|нам|за|стоимост|оплат)|вернуть деньги|деньги[^.?!]{0,20}верн|"
            r"(?:оформить|сделать|хочу|можно|как|будет) возврат|"
            r"когда верн[её]те(?:\s*[?!.]|\s+(?:деньги|залог|депозит|оплат))|"
            r"возврат (?:денег|средств)|(?<!not a )refund|"
            r"money back|поверн\w* (?:гроші|кошти)|гроші[^.?!]{0,20}поверн",
        ),
        ("warranty", r"гаранти|warrant|гаранті"),
        ("compensation", r"компенс|compensat|who (?:covers|pays)|reimburs"),
    )
)
_DATE = re.compile(r"^\d{1,2}(?:\.\d{1,2}(?:\.\d{2,4})?| [а-яёіїє]+)$", re.IGNORECASE)
_DAYS = (
    r"понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье|понеділок|вівторок|середу|четвер|"
    r"п'ятницю|п’ятницю|суботу|неділю|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
# When it happened, told in relative words: the author gave the date, asking for it again is a re-ask.
_RELATIVE_WHEN = re.compile(
    r"\b(?:сегодня|вчера|позавчера|утром|вечером|ночью|днём|на днях|сейчас|с утра|"
    r"(?:на|в) (?:эти |прошлые )?выходны[еx]|на (?:этой|прошлой) неделе|"
    r"сьогодні|вчора|учора|позавчора|зранку|ввечері|вночі|на вихідних|"
    r"today|yesterday|tonight|this (?:morning|afternoon|evening|week)|last (?:night|week)|"
    r"(?:в|у|во|на|on|last) (?:" + _DAYS + r"))\b|"
    r"\b\d{1,2}-?(?:го|ого|е|ое)\b|\b\d{1,2} ?(?:am|pm)\b|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# A failure that still goes on or keeps coming back: there is no one moment to ask about.
_ONGOING = re.compile(
    r"(?:второй|третий|четв[её]ртый|пятый|другий|третій) (?:день|раз|недел|месяц|тижд|міся)|"
    r"(?:второй|третий|третью|другий|третій|третю) (?:недел|тижд)|\bсутки\b|до сих пор|вс[её] ещ[её]|опять|снова|"
    r"уже (?:\d+|два|две|три|неделю|месяц)|досі|знову|вже|still|again|for (?:\d+|two|three) (?:days|weeks)",
    re.IGNORECASE,
)
# The author's own purchase, payment or booking: finding it needs their personal data.
_PERSONAL = re.compile(
    r"заказ|закаж|оплат|оплач|списа|сняли|деньг|брон|абонемент|сч[её]т|квитанц|билет|договор|достав|привез|"
    r"посылк|карт[аеуы]\b|замовл|гроші|кошти|зняли|квит|рахун|"
    r"\border|\bbook|paid|charg|refund|money|ticket|deliver|parcel|package|account",
    re.IGNORECASE,
)

_TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        "sorry0": "нам жаль, что так вышло.",
        "sorry1": "простите за эту ситуацию.",
        "by_id": "Проверим по {ids} и ответим здесь.",
        "by_date": "Разберёмся, что произошло {date}.",
        "clause0": "нам жаль, что {clause}.",
        "clause1": "простите, что {clause}.",
        "public": "Разберёмся и ответим здесь.",
        "and_public": ", и ответим здесь.",
        "ask_when": "Подскажите, пожалуйста, когда это было?",
        "by_item": "Разберёмся, что случилось с {item}.",
        "ask": "Напишите нам, пожалуйста, в личные сообщения, как с вами связаться{and_when}, — всё выясним и ответим.",
        "and_when": " и когда это было",
        "ids1": "номеру {0}",
        "ids2": "номерам {0} и {1}",
        "safe_open": "это серьёзно, спасибо, что написали.",
        "safe_open_bare": "Это серьёзно.",
        "safe_vehicle": "Пожалуйста, не ездите на машине, пока её не проверят: "
        "мастер приедет сегодня же или заберём её эвакуатором.",
        "safe_ask": "Напишите нам, пожалуйста, в личные сообщения телефон{what} — "
        "позвоним сегодня же и разберёмся{since}.",
        "safe_what_date": " и дату, когда это случилось,",
        "safe_id": "Проверим всё по {ids}.",
        "safe_since": ", что произошло {date}",
        "acc_open": "ответим по фактам: [факты: как на самом деле: цифры, документы, ссылки].",
        "acc_open_bare": "Ответим по фактам: [факты: как на самом деле: цифры, документы, ссылки].",
        "acc_after": "По существу: [факты: как на самом деле: цифры, документы, ссылки].",
        # no «критику мы не удаляем» before anyone has checked why this one went
        "acc_deleted": "Проверим, почему комментарий убрали, и ответим по фактам: "
        "[факты: почему убрали этот комментарий и что на самом деле].",
        # a jab at moderation that names no deletion: the rules, no «проверим, почему убрали» nobody asked
        "acc_rules": "Убираем только то, что нарушает правила чата: оскорбления, рекламу, чужие личные данные. "
        "Ответим по фактам: [факты: как на самом деле: цифры, документы, ссылки].",
        "acc_case": "Если речь о вашем случае, напишите нам в личные сообщения — проверим и ответим.",
        "repair": "Приходите с квитанцией{ids} — бесплатно проверим, в чём дело, и если это последствие "
        "нашего ремонта, исправим за наш счёт по гарантии.",
        "acc_case_id": "Ваш случай ({ids}) проверим отдельно и ответим здесь.",
        "refund": "Про возврат денег ответим здесь после проверки.",
        "warranty": "Про гарантию ответим здесь после проверки.",
        "compensation": "О компенсации ответим здесь после проверки.",
        "name": "{name}, {text}",
    },
    "uk": {
        "sorry0": "нам прикро, що так сталося.",
        "sorry1": "перепрошуємо за цю ситуацію.",
        "by_id": "Перевіримо за {ids} і відповімо тут.",
        "by_date": "З'ясуємо, що сталося {date}.",
        "clause0": "",
        "clause1": "",
        "public": "Розберемося й відповімо тут.",
        "and_public": " і відповімо тут.",
        "ask_when": "Підкажіть, будь ласка, коли це було?",
        "by_item": "",
        "ask": "Напишіть нам, будь ласка, в особисті повідомлення, як з вами зв'язатися{and_when}, — "
        "розберемося й відповімо.",
        "and_when": " і коли це було",
        "ids1": "номером {0}",
        "ids2": "номерами {0} і {1}",
        "safe_open": "це серйозно, дякуємо, що написали.",
        "safe_open_bare": "Це серйозно.",
        "safe_vehicle": "Будь ласка, не їздьте на машині, доки її не перевірять: "
        "майстер приїде сьогодні ж або заберемо її евакуатором.",
        "safe_ask": "Напишіть нам, будь ласка, в особисті повідомлення телефон{what} — "
        "зателефонуємо сьогодні ж і розберемося.",
        "safe_what_date": " і дату, коли це сталося,",
        "safe_id": "Перевіримо все за {ids}.",
        "safe_since": "",
        "acc_open": "відповімо по фактах: [факти: як насправді: цифри, документи, посилання].",
        "acc_open_bare": "Відповімо по фактах: [факти: як насправді: цифри, документи, посилання].",
        "acc_after": "По суті: [факти: як насправді: цифри, документи, посилання].",
        "acc_deleted": "Перевіримо, чому коментар прибрали, і відповімо по фактах: "
        "[факти: чому прибрали цей коментар і як насправді].",
        "acc_rules": "Прибираємо лише те, що порушує правила чату: образи, рекламу, чужі особисті дані. "
        "Відповімо по фактах: [факти: як насправді: цифри, документи, посилання].",
        "acc_case": "Якщо йдеться про ваш випадок, напишіть нам в особисті повідомлення — перевіримо й відповімо.",
        "acc_case_id": "Ваш випадок ({ids}) перевіримо окремо й відповімо тут.",
        "refund": "Щодо повернення грошей відповімо тут після перевірки.",
        "warranty": "Щодо гарантії відповімо тут після перевірки.",
        "compensation": "Про компенсацію відповімо тут після перевірки.",
        "name": "{name}, {text}",
    },
    "en": {
        "sorry0": "we're sorry this happened.",
        "sorry1": "sorry about this.",
        "by_id": "We'll look it up under {ids} and reply here.",
        "by_date": "We'll look into what happened on {date}.",
        "clause0": "we're sorry {clause}.",
        "clause1": "sorry {clause}.",
        "public": "We'll look into it and reply here.",
        "and_public": " and reply here.",
        "ask_when": "Could you tell us when it happened?",
        "by_item": "",
        "ask": "Please message us privately how we can reach you{and_when}, and we'll look into it.",
        "and_when": " and when it happened",
        "ids1": "{0}",
        "ids2": "{0} and {1}",
        "safe_open": "this is serious, thank you for telling us.",
        "safe_open_bare": "This is serious.",
        "safe_vehicle": "Please do not drive the car until it is checked: "
        "a mechanic will come today or we will tow it in.",
        "safe_ask": "Please message us privately a phone number{what}, and we'll call you today and look into it.",
        "safe_what_date": " and the date it happened",
        "safe_id": "We'll check everything under {ids}.",
        "safe_since": "",
        "acc_open": "here are the facts: [facts: what actually happened: figures, documents, links].",
        "acc_open_bare": "Here are the facts: [facts: what actually happened: figures, documents, links].",
        "acc_after": "Here are the facts: [facts: what actually happened: figures, documents, links].",
        "acc_deleted": "We'll check why the comment was removed and answer with the facts: "
        "[facts: why this comment was removed and what actually happened].",
        "acc_rules": "We only remove what breaks the chat's rules: insults, ads, other people's personal data. "
        "Here are the facts: [facts: what actually happened: figures, documents, links].",
        "acc_case": "If this is about your own case, message us privately and we'll check it.",
        "acc_case_id": "We'll check your case ({ids}) separately and reply here.",
        "refund": "We'll answer about the refund here once we've checked.",
        "warranty": "We'll answer about the warranty here once we've checked.",
        "compensation": "We'll answer about compensation here once we've checked.",
        "name": "{name}, {text}",
    },
}


# «сайт впав на старті продажу», «приложение упало»: a site or an app falls, nobody is hurt.
_SITE_FELL = re.compile(
    r"(?:сайт|застосунок|додаток|приложение|сервер|сервис|сервіс)[а-яії]*\s+(?:\w+\s+)?(?:впав|впало|упал|упало|лёг|лег|ліг|лягло|легло)"
)


def shape_of(label: Label, reading: Reading) -> str | None:
    """``safety`` or ``accusation`` when the comment is one, whatever its topic was read as."""
    text = reading.text or ""
    if not label.negative or not text:
        return None
    low = text.lower()
    asks_refund = reading.topic is Topic.REFUND and "refund" in questions(text, low)
    # «сайт впав», «чайник зламався»: a site or a thing bought broke, nobody is hurt
    site_fell = _SITE_FELL.search(low) or ("item_broke" in reading.facts.flags and "injury" not in reading.facts.flags)
    if _SAFETY.found(text, low) and "hazard" not in reading.facts.flags and not asks_refund and not site_fell:
        # («сын сломал руку, можно вернуть деньги за абонемент?» asks for money back, not about a danger)
        return SAFETY
    if lying_claim(text, reading.lang):
        return ACCUSATION  # «хватит врать»: what is checked and the facts, never «нам жаль, что так получилось»
    if "rumour" in reading.facts.flags and reading.topic is Topic.ACCUSATION:
        return ACCUSATION  # «говорят, вы списываете…, знакомому сняли 12 тысяч»: hearsay, not the author's failure
    if reading.facts.flags & _FAILED:
        return None  # «шахраї, гроші взяли, а замовлення не відправили»: the failure is answered
    if reading.topic is Topic.ACCUSATION or (_ACCUSATION.found(text, low) and reading.topic not in _CONCRETE):
        return ACCUSATION
    return None


def reshape(label: Label, reading: Reading, draft: str | None, *, author_name: str | None, case_id: int) -> str | None:
    """The draft to show: the composed ``draft`` when it is safe, otherwise the safe shape; with a slot
    for the admin's remedy where one is due (``bot.replies.remedy``)."""
    shaped = _reshape(label, reading, draft, author_name=author_name, case_id=case_id)
    if shaped and label in _ADDRESSED:
        shaped = _after_repair(shaped, reading)
        if reading.lang == "ru" and reading.topic is not Topic.ACCUSATION:
            shaped = with_deadline(shaped, reading.text or "")
            shaped = with_silence(shaped, reading.text or "")
    if reading.lang not in _TEXTS or shape_of(label, reading) is not None:
        return shaped  # safety and accusations: a call today or the facts, not a refund
    remedied = with_remedy(label, reading, shaped, questions(reading.text or ""))
    return _with_ids(remedied, reading) if remedied and label in _ADDRESSED else remedied


def _reshape(label: Label, reading: Reading, draft: str | None, *, author_name: str | None, case_id: int) -> str | None:
    if reading.lang not in _TEXTS or not (reading.text and reading.text.strip()):
        return draft
    shape = shape_of(label, reading)
    if shape == SAFETY and draft:
        draft = _without_advice(draft)
    if shape is not None and draft and _fits_shape(shape, draft, reading):
        # The reading knew it too: its own table answers with more of the author's facts.
        return route_questions(draft, reading) if label in _ADDRESSED else draft
    if shape is None and label in _ADDRESSED | {Label.DIRECTED} and damage_claim(reading.text or ""):
        shape = CLAIM  # damage the author says staff did: checked before anyone apologises for it
    elif shape is None and label in _ADDRESSED and draft and not _keeps(draft, reading):
        # a danger the reading knew, in a table's words that do not fit here: still answered as a danger
        shape = SAFETY if reading.topic is Topic.SAFETY else NEUTRAL
    if shape is None:
        if draft and label in _ADDRESSED:
            return route_questions(_named(draft, reading), reading)
        return _own_business(draft, reading) if draft else draft
    name = reply_name(author_name, reading.lang) if label in _ADDRESSED and not reading.insult else None
    return compose_shape(shape, reading, name=name, case_id=case_id)


_HOLDING = re.compile(r"^(?:Разберёмся|Посмотрим|Выясним|Передадим|Передали|Проверим)\b")
_REPAIR_SAID = re.compile(r"квитанц|гаранти", re.IGNORECASE)
_REPAIR_DONE = re.compile(r"^(.{0,30}простите, что )[^.!?]*(?:поменял|заменил|менял|починил)[^.!?]*\.$", re.IGNORECASE)


def _after_repair(draft: str, reading: Reading) -> str:
    """A function that fails after the business's repair (Face ID, charging, a sensor): the holding line
    gives way to a free check with the receipt and a fix under warranty, whatever table wrote it."""
    t = _TEXTS.get(reading.lang, {})
    if "after_repair" not in reading.facts.flags or "repair" not in t:
        return draft
    sentences = re.split(r"(?<=[.!?])\s+", draft.strip())
    # «простите, что вчера поменяли разъём» apologises for the repair asked for, not for what failed after it
    sentences = [_REPAIR_DONE.sub(r"\1так вышло.", x) for x in sentences]
    if _REPAIR_SAID.search(draft):
        return " ".join(sentences)
    ids = author_ids(reading.text or "")
    line = t["repair"].format(ids=f" {', '.join(ids[:2])}" if ids else "")
    for n, sentence in enumerate(sentences):
        if _HOLDING.match(sentence):
            return " ".join([*sentences[:n], line, *sentences[n + 1 :]])
    return " ".join([*sentences, line])


FACTS_SLOT = re.compile(r"\[(?:факты|facts|факти)\b")
# The holding line a draft says what it does next with: where the author's id takes its place.
_HOLDING_ANY = re.compile(
    r"^(?:Разберёмся(?: и|,| с тем)|Выясним, (?:в чём|почему)|We'll look into (?:it|what)|Розберемося|З'ясуємо, чому)"
    r"[^\d]*$"
)


def _with_ids(draft: str, reading: Reading) -> str:
    """A draft that names none of the ids the author gave («тикет 88213», «case #CS-40912») says what it
    checks them by: the holding line gives way to «Проверим по обращению 88213 и ответим здесь»."""
    t = _TEXTS.get(reading.lang)
    ids = author_ids(reading.text or "")
    if t is None or not ids or FACTS_SLOT.search(draft) or any(i.lower() in draft.lower() for i in ids):
        return draft
    if reading.topic in (Topic.ACCUSATION, Topic.POLITICS, Topic.SAFETY):
        return draft
    line = t["by_id"].format(ids=_ids_text(reading))
    sentences = re.split(r"(?<=[.!?])\s+", draft.strip())
    for n, sentence in enumerate(sentences):
        if n and _HOLDING_ANY.match(sentence):
            return " ".join([*sentences[:n], line, *sentences[n + 1 :]])
    if len(sentences) == 2 and sentences[-1].startswith("["):
        # «простите, что так вышло. [что сделаем: …]»: what is checked, before the remedy to fill
        return " ".join([sentences[0], line, sentences[1]])
    return draft


def _own_business(draft: str, reading: Reading) -> str:
    """A troll's or a wave's ``draft`` without its sentences about another kind of business, when others remain."""
    sentences = re.split(r"(?<=[.!?])\s+", draft.strip())
    kept = [s for s in sentences if not foreign_business(s, reading)]
    return " ".join(kept) if kept else draft


# A rumour or a claim of whom the business serves, with no case of the author's own: the facts answer it.
_RUMOUR = re.compile(
    r"говорят,? (?:что )?вы|ходят слухи|отрабатыва\w* (?:госзаказ|заказ мэрии|заказ власт)", re.IGNORECASE
)
_CLAIMED = frozenset({"claim_kickback", "claim_paid", "rumour"})
_APOLOGY = re.compile(r"прост|извин|жаль|sorry|вибач|перепрош|прикро", re.IGNORECASE)
_JOKE = re.compile(r"шутк|joke|жарт|на связи|in touch", re.IGNORECASE)
_HOPE = re.compile(r"надеемся|сподіва|hope you", re.IGNORECASE)
# Topics of a failure the reading named: words of fraud in them («мошенники, заблокировали карту») are
# anger about that failure, answered as the failure.
_FAILED = frozenset({"not_shipped", "no_show", "late", "cancelled", "postponed", "double_charge", "marked_delivered"})
_CONCRETE = frozenset(Topic) - {Topic.ACCUSATION, Topic.OTHER, Topic.PRICE, Topic.POLITICS}


def _fits_shape(shape: str, draft: str, reading: Reading) -> bool:
    """A composed draft that already has the shape's form: a safety table's answer to a comment read
    as a safety claim (no joke, no advice, no hope that confirms it), or an accusation answered
    without an apology."""
    if _JOKE.search(draft):
        return False
    if shape == ACCUSATION and reading.facts.flags & _CLAIMED and reading.topic is Topic.ACCUSATION:
        # hearsay, kickbacks, "paid by": the table's own facts to fill, nothing to check in the author's own case
        return "[" in draft and not _APOLOGY.search(draft)
    if shape == ACCUSATION and specific_check(reading.text or "", reading.lang):
        return False  # a pump, the cameras, a batch: the shape says what is checked and asks for evidence
    if shape == ACCUSATION and lying_claim(reading.text or "", reading.lang):
        # «хватит врать»: the accusation's own facts to fill may stay; any apology gives way to the check
        return "[" in draft and not _APOLOGY.search(draft)
    if shape == ACCUSATION and own_complaint(reading.text or "") and not _answers_case(draft):
        return False  # the table's facts alone would leave the author's own case unanswered
    if shape == ACCUSATION and "[" in draft and reading.topic is Topic.ACCUSATION:
        # the accusation's own table, with the facts it asks the admin for; «простите, что это повторяется»
        # would admit what nobody has checked
        return not _APOLOGY.search(draft)
    if not grounded(draft, reading):
        return False
    if shape == ACCUSATION and _against_competitor(reading):
        # «на ВБ 450, у вас 890, откуда такая накрутка?»: the price line names both prices and says why
        # ours is higher; «накрутка» there is a price word, not a claim with facts to fill (round 15)
        return not _APOLOGY.search(draft)
    if shape == SAFETY:
        return reading.topic is Topic.SAFETY
    if shape == ACCUSATION and "[" not in draft and _RUMOUR.search(reading.text or ""):
        return False  # an accusation with no case of the author's own is answered with the facts
    return not _APOLOGY.search(draft) and ("[" in draft or reading.topic is not Topic.PRICE)


_CASE_ANSWER = re.compile(
    r"прост|извин|жаль|sorry|вибач|перепрош|прикро|номер|number|напишите|напишіть|write to us|tell us", re.IGNORECASE
)


def _against_competitor(reading: Reading) -> bool:
    facts = reading.facts
    return reading.topic is Topic.PRICE and "elsewhere" in facts.flags and facts.get("amount2") is not None


def _checkable(reading: Reading) -> bool:
    """An accusation whose claim itself can be checked: a pump, the cameras, a batch, or what the author
    calls a lie (the offer, the price, the delivery time)."""
    text = reading.text or ""
    return specific_check(text, reading.lang) or lying_claim(text, reading.lang)


def _answers_case(draft: str) -> bool:
    """A draft that speaks to the author's own case, not only to the accusation."""
    return bool(_CASE_ANSWER.search(draft))


def _without_advice(draft: str) -> str:
    """A safety draft without its hopes («надеемся, всем уже лучше»): they confirm what is not checked yet."""
    sentences = re.split(r"(?<=[.!?])\s+", draft)
    kept = [s for s in sentences if not _HOPE.search(s)]
    return " ".join(kept) if kept else draft


# An apology that names nothing: the author's own clause can take the place of «так вышло».
_BARE_SORRY = re.compile(r"\b(простите|извините|нам жаль|нам очень жаль),? что так (?:вышло|получилось)(?! (?:с|со)\b)")


# «простите, что так вышло с ноутбуком»: a thing named, which may be only where the failure happened.
_SORRY_WITH = re.compile(
    r"\b(простите|извините|нам жаль|нам очень жаль),? что так (?:вышло|получилось) (?:с|со) [а-яё]+(?=[.,])"
)
# A clause whose subject follows its verb («перестал работать тачпад»): it names the thing that failed.
_HEAD_VERB_FIRST = re.compile(r"^(?:не )?[а-яё]+(?:ся|сь|л|ла|ло|ли|ет|ит|ат|ят|ут|ют)\b")


def _censorship(t: dict[str, str], reading: Reading) -> str | None:
    """The line for a word about deleted comments: a deletion the author names is checked; a jab at
    moderation in general gets the chat's rules, never an admission of a deletion nobody named."""
    if not _CENSORSHIP.search(reading.text or ""):
        return None
    return t["acc_deleted"] if "deleted_mine" in reading.facts.flags else t["acc_rules"]


def _named(draft: str, reading: Reading) -> str:
    """``draft`` with its bare «простите, что так вышло» naming what went wrong, in the author's words;
    «так вышло с ноутбуком» too, when the author's clause names another thing («перестал работать тачпад»):
    the thing named there is where it happened, the clause is what failed."""
    if reading.lang != "ru":
        return draft
    bare = _BARE_SORRY.search(draft)
    other = None if bare else _SORRY_WITH.search(draft)
    if bare is None and other is None:
        return draft
    clause = _fitting_clause(reading.text or "", reading.lang)
    if not clause:
        return draft
    if other is not None:
        thing = clause.split()[-1][:4].lower()
        if thing in draft.lower() or _HEAD_VERB_FIRST.match(clause) is None:
            return draft
        return draft[: other.start()] + f"{other.group(1)}, что {clause}" + draft[other.end() :]
    return _BARE_SORRY.sub(lambda m: f"{m.group(1)}, что {clause}", draft, count=1)


def _fitting_clause(text: str, lang: str) -> str | None:
    """The author's clause, when it may follow «простите, что» in our voice (``confidence.clause_fits``):
    «простите, что люди не могут» names nothing we did."""
    clause = complaint_clause(text, lang)
    if lang == "ru" and not clause_fits(clause):
        return None
    return clause


def _keeps(draft: str, reading: Reading) -> bool:
    if "[" in draft and not real_price_complaint(reading):
        return False  # a price's facts to fill in a draft about a wait or a failure
    return grounded(draft, reading) and main_complaint(reading)


def compose_shape(shape: str, reading: Reading, *, name: str | None, case_id: int) -> str:
    """The shape's text in the author's language, with only the facts safe to repeat."""
    t = _TEXTS[reading.lang]
    ids = author_ids(reading.text or "")
    ids_text = _ids_text(reading)
    date = reading.facts.get("date") or ""
    date = date if _DATE.match(date) else ""
    parts: list[str] = []
    if shape == SAFETY:
        parts.append(t["safe_open"] if name else t["safe_open_bare"])
        if ids_text:
            parts.append(t["safe_id"].format(ids=ids_text))
        since = t["safe_since"].format(date=date) if date else ""
        known = date or ids_text or _RELATIVE_WHEN.search(reading.text or "")
        parts.append(t["safe_ask"].format(what="" if known else t["safe_what_date"], since=since))
        if "vehicle" in reading.facts.flags:
            parts.append(t["safe_vehicle"])  # a car unsafe to drive: stop now, not after our call
    elif shape == CLAIM:
        parts.extend(claim_answer(reading.text or "", reading.lang, named=bool(name)))
        if ids_text:
            parts.insert(2, t["by_id"].format(ids=ids_text))
    elif shape == ACCUSATION and _checkable(reading) and "rumour" not in reading.facts.flags:
        # The claim itself can be checked (a pump, the cameras, a batch): what will be checked and the
        # evidence asked for, no apology for what nobody has checked yet; the facts after it.
        parts.extend(claim_answer(reading.text or "", reading.lang, named=bool(name)))
        if ids_text:
            parts.insert(2, t["by_id"].format(ids=ids_text))
        parts.append(_censorship(t, reading) or t["acc_open_bare"])
    elif shape == ACCUSATION and "rumour" not in reading.facts.flags and (own := own_complaint(reading.text or "")):
        # The author's own failure beside the accusation (a cracked crown beside «fake reviews») is a
        # failure to apologise for, first; the accusation's facts after it, never instead of it.
        clause = _fitting_clause(own, reading.lang) if t["clause0"] else None
        sorry = t[f"clause{case_id % 2}"].format(clause=clause) if clause else t[f"sorry{case_id % 2}"]
        parts.append(sorry if name else sorry[:1].upper() + sorry[1:])
        parts.append(t["by_id"].format(ids=ids_text) if ids_text else t["ask"].format(and_when=""))
        # both lines end in «ответим»: the facts follow as «по существу», never «…ответим. Ответим по фактам»
        parts.append(_censorship(t, reading) or t["acc_after"])
    elif shape == ACCUSATION:
        if censorship := _censorship(t, reading):
            parts.append(censorship)
        else:
            parts.append(t["acc_open"] if name else t["acc_open_bare"])
        parts.append(t["acc_case_id"].format(ids=", ".join(ids[:2])) if ids else t["acc_case"])
    else:
        text = reading.text or ""
        clause = _fitting_clause(text, reading.lang) if t["clause0"] else None
        sorry = t[f"clause{case_id % 2}"].format(clause=clause) if clause else t[f"sorry{case_id % 2}"]
        parts.append(sorry if name else sorry[:1].upper() + sorry[1:])
        item = _item(reading)
        if clause and item and item.split()[0][:4].lower() in clause:
            item = ""  # «курьер привёз не тот пылесос» needs no «разберёмся, что случилось с пылесосом»
        given = reading.facts.get("date") or reading.facts.get("time") or reading.facts.get("waited")
        when = given or _RELATIVE_WHEN.search(text) or _ONGOING.search(text)
        if "after_repair" in reading.facts.flags and "repair" in t:
            # A function that fails after our repair: a free check with the receipt, not a photo or «расскажите».
            parts.append(t["repair"].format(ids=f" {ids_text}" if ids_text else ""))
        elif ids_text:
            parts.append(t["by_id"].format(ids=ids_text))
        else:
            found = t["by_item"].format(item=item) if item else ""
            found = found or (t["by_date"].format(date=date) if date and not clause else "")
            if _PERSONAL.search(text) or questions(text):
                parts.extend([found] if found else [])
                parts.append(t["ask"].format(and_when="" if when else t["and_when"]))
            else:
                # what is looked into and where the answer comes, in one sentence
                parts.append(found[:-1] + t["and_public"] if found else t["public"])
                if not when:
                    parts.append(t["ask_when"])
    if shape not in (ACCUSATION, CLAIM):
        parts.extend(t[key] for key in questions(reading.text or ""))
    text = " ".join(parts)
    if name:
        text = t["name"].format(name=name, text=text[:1].lower() + text[1:])
    return text


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# The author speaking of their own case: «у меня пломба выпала», «мне не вернули», «my order».
_FIRST_PERSON = re.compile(
    r"(?<!\w)(?:у меня|мне|мой|моя|моё|мое|мои|мою|моего|моей|я|у мене|мені|мій|моє|my|i)(?!\w)", re.IGNORECASE
)
_DETAIL = re.compile(r"\d|через (?:\w+ )?(?:дн|день|недел|месяц|год)|after (?:\w+ )?(?:day|week|month)", re.IGNORECASE)


def own_complaint(text: str) -> str | None:
    """A sentence beside an accusation that states the author's own case («У меня пломба за 6500
    выпала через 2 недели»): not a question, no accusation words, the author's own, with a concrete
    topic or a detail (a sum, a number, a period)."""
    for found in _SENTENCE.finditer(text):
        sentence = found.group().strip()
        if not sentence or sentence.endswith("?") or _ACCUSATION.found(sentence):
            continue
        if not _FIRST_PERSON.search(sentence):
            continue
        if topics_in(sentence) & _CONCRETE or _DETAIL.search(sentence):
            return sentence
    return None


def _item(reading: Reading) -> str:
    """The thing the author wrote about, in the instrumental («с билетами»), when it is the thing that failed."""
    product = reading.facts.get("product")
    if reading.lang != "ru" or not product or not thing_failed(reading.text or "", product):
        return ""
    if plural_in(reading.text or "", product):
        # «половина разбита» of eggs: «с яйцами», never «с яйцом»; a phrase that will not go plural is left out
        return plural_ablt(product) or ""
    return try_inflect_phrase(product, "ablt") or ""


# What in a draft already answers each question.
_MONEY = r"верн(?!ёмся|емся)|возврат|деньг|компенс|refund|money|compensat|reimburs|cover|поверн|гроші"
_ROUTED = {
    "refund": re.compile(_MONEY, re.IGNORECASE),
    "warranty": re.compile(r"гаранті?|warrant", re.IGNORECASE),
    "compensation": re.compile(_MONEY, re.IGNORECASE),
}


def route_questions(draft: str, reading: Reading) -> str:
    """``draft`` with a line for each question of the author it leaves unanswered."""
    t = _TEXTS[reading.lang]
    added = [t[key] for key in questions(reading.text or "") if not _ROUTED[key].search(draft)]
    return " ".join([draft, *added]) if added else draft


def _ids_text(reading: Reading) -> str:
    """The author's ids as the shapes say them: «заявке 4471-С и обращению 55812», «case CS-40912»."""
    t = _TEXTS[reading.lang]
    given = given_ids(reading.text or "")[:2]
    if not given:
        return ""
    if reading.lang == "ru":
        named = [by_id_ru(g) for g in given]
        return named[0] if len(named) == 1 else f"{named[0]} и {named[1]}"
    if reading.lang == "en":
        return " and ".join(by_id_en(g) for g in given)
    values = [g.value for g in given]
    return t["ids2"].format(*values) if len(values) > 1 else t["ids1"].format(values[0])


def author_ids(text: str) -> list[str]:
    """The ids the author gave, as written, in order, each once."""
    return [given.value for given in given_ids(text)]


def questions(text: str, low: str | None = None) -> list[str]:
    """The explicit questions a draft must route: a refund, a warranty, compensation (``low``: the
    text in lower case, when the caller has it)."""
    found = [key for key, rx in _QUESTIONS if rx.found(text, low)]
    if "compensation" in found and "refund" in found:
        found.remove("refund")
    return found
