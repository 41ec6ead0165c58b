"""What to do with each kind of comment, and a suggested public reply that follows the doctrine.

Doctrine (README, "The doctrine"): never aggressive, never deny real mistakes, never ignore, never delete.

* constructive: name the problem, apologise, ask for what is needed in private messages, promise the
  next step;
* impulsive: short and warm, no arguing, no excuses; the bot sends it later, once the author cools down;
* trolling: calm and factual, written for the readers rather than the troll, never sarcastic;
* directed: one calm public statement for the whole wave, inviting real customers to private messages;
* neutral, positive: no reply needed (positive may get an optional thanks).

Variants are chosen deterministically: ``case_id % len(variants)``, so consecutive cases differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.domain.verdicts import Label
from bot.replies.grammar import (
    CASES,
    address_name,
    lemmas,
    prep_o,
    prep_s,
    prep_v,
    starts_with_proper_noun,
    try_inflect_phrase,
)

Lang = Literal["ru", "en"]

_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_MAX_PROBLEM_WORDS = 8
_MAX_PROBLEM_CHARS = 80


@dataclass(frozen=True, slots=True)
class Variant:
    """One reply: a text that names the problem and one that reads naturally without it."""

    with_problem: str
    without_problem: str


@dataclass(frozen=True, slots=True)
class Playbook:
    label: Label
    line_ru: str
    line_en: str
    variants_ru: tuple[Variant, ...] = ()
    variants_en: tuple[Variant, ...] = ()
    # Whether the reply may start with the author's name (not for a statement to a whole wave).
    addresses_author: bool = True
    # Whether ``suggest_reply`` returns a text by default (positive: only when asked).
    reply_by_default: bool = True

    def line(self, lang: str = "ru") -> str:
        return self.line_en if _lang(lang) == "en" else self.line_ru

    def variants(self, lang: str = "ru") -> tuple[Variant, ...]:
        return self.variants_en if _lang(lang) == "en" else self.variants_ru


# --------------------------------------------------------------------------------------------
# What to ask the author for, by the kind of problem


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class _Need:
    lemmas: frozenset[str]
    ru: str  # accusative: "пришлите, пожалуйста, {need} в личные сообщения"
    en: str
    note_ru: str = ""
    note_en: str = ""


_NEEDS: tuple[_Need, ...] = (
    _Need(
        _words(
            "еда блюдо пицца ролл суша суши суп кофе бургер шаурма официант ресторан кафе кухня порция "
            "меню вкус обед ужин завтрак салат напиток"
        ),
        "номер заказа или фото чека",
        "your order number or a photo of the receipt",
    ),
    _Need(
        _words(
            "заказ доставка курьер товар посылка размер упаковка возврат обмен брак покупка магазин "
            "отправление трек самовывоз маркетплейс оплата чек накладная пункт выдача"
        ),
        "номер заказа",
        "your order number",
    ),
    _Need(
        _words(
            "курс урок вебинар обучение модуль лекция куратор домашка задание сертификат школа "
            "преподаватель тренинг марафон интенсив"
        ),
        "почту от вашего аккаунта",
        "the email address of your account",
    ),
    _Need(
        _words("интернет связь роутер подключение скорость тариф провайдер сеть телевидение wi-fi"),
        "номер договора или адрес подключения",
        "your contract number or connection address",
    ),
    _Need(
        _words("приложение вылет обновление краш баг сбой"),
        "скриншот ошибки и модель телефона",
        "a screenshot of the error and your phone model",
    ),
    _Need(
        _words("сайт кабинет ошибка вход пароль авторизация регистрация страница"),
        "скриншот ошибки",
        "a screenshot of the error",
    ),
    _Need(
        _words("карта списание перевод счёт счет кредит платёж платеж кэшбэк вклад банк комиссия"),
        "номер телефона от вашего аккаунта",
        "the phone number linked to your account",
        "Данные карты и коды из СМС присылать не нужно.",
        "Please don't send card details or codes from text messages.",
    ),
)
_DEFAULT_NEED = _Need(frozenset(), "подробности", "the details")


def _need_for(problem: str | None) -> _Need:
    if not problem:
        return _DEFAULT_NEED
    words = re.findall(r"[A-Za-zА-Яа-яЁё-]+", problem.lower())
    found: set[str] = set()
    for word in words:
        found |= lemmas(word) | {word}
    for need in _NEEDS:
        if need.lemmas & found:
            return need
    return _DEFAULT_NEED


# --------------------------------------------------------------------------------------------
# The playbooks

_CONSTRUCTIVE_RU = (
    Variant(
        "Спасибо, что написали о проблеме {s_problem}. Простите, что так вышло. Пришлите, пожалуйста, "
        "{need} в личные сообщения: мы проверим, что случилось, и вернёмся к вам с решением.",
        "Спасибо, что написали. Простите, что так вышло. Пришлите, пожалуйста, {need} в личные "
        "сообщения: мы проверим, что случилось, и вернёмся к вам с решением.",
    ),
    Variant(
        "Нам очень жаль, что {s_problem} так получилось. Давайте разберёмся: напишите нам в личные "
        "сообщения {need}, и мы сразу займёмся вашим случаем. Как только выясним, что произошло, "
        "расскажем вам.",
        "Нам очень жаль, что так получилось. Давайте разберёмся: напишите нам в личные сообщения "
        "{need}, и мы сразу займёмся вашим случаем. Как только выясним, что произошло, расскажем вам.",
    ),
    Variant(
        "Понимаем, как это неприятно, простите нас. Уже разбираемся, что пошло не так {s_problem}. "
        "Чтобы ничего не перепутать, пришлите, пожалуйста, {need} в личные сообщения — найдём "
        "причину и сразу напишем вам.",
        "Понимаем, как это неприятно, простите нас. Уже разбираемся, что пошло не так. Чтобы ничего "
        "не перепутать, пришлите, пожалуйста, {need} в личные сообщения — найдём причину и сразу "
        "напишем вам.",
    ),
    Variant(
        "Извините за ситуацию {s_problem}, так быть не должно. Напишите нам, пожалуйста, в личные "
        "сообщения {need} — проверим всё на нашей стороне и предложим, как это исправить.",
        "Извините за эту ситуацию, так быть не должно. Напишите нам, пожалуйста, в личные сообщения "
        "{need} — проверим всё на нашей стороне и предложим, как это исправить.",
    ),
    Variant(
        "Спасибо, что не промолчали: такие сообщения помогают нам находить слабые места. Простите за "
        "проблему {s_problem}. Пришлите, пожалуйста, {need} в личные сообщения — мы проверим, что "
        "произошло, и напишем, как всё исправим.",
        "Спасибо, что не промолчали: такие сообщения помогают нам находить слабые места. Простите, "
        "что так получилось. Пришлите, пожалуйста, {need} в личные сообщения — мы проверим, что "
        "произошло, и напишем, как всё исправим.",
    ),
)

_CONSTRUCTIVE_EN = (
    Variant(
        "Thank you for telling us about the issue with {problem}, and sorry this happened. Please send "
        "{need} in a private message: we'll check what went wrong and come back to you with a solution.",
        "Thank you for telling us, and sorry this happened. Please send {need} in a private message: "
        "we'll check what went wrong and come back to you with a solution.",
    ),
    Variant(
        "We're sorry things went wrong with {problem}. Let's sort it out: send us {need} in a private "
        "message and we'll get on it right away. As soon as we know what happened, we'll let you know.",
        "We're sorry things went wrong. Let's sort it out: send us {need} in a private message and "
        "we'll get on it right away. As soon as we know what happened, we'll let you know.",
    ),
    Variant(
        "We understand how frustrating this is, and we apologise. We're already looking into what went "
        "wrong with {problem}. Please send {need} in a private message so we can find the cause and "
        "get back to you.",
        "We understand how frustrating this is, and we apologise. We're already looking into what went "
        "wrong. Please send {need} in a private message so we can find the cause and get back to you.",
    ),
    Variant(
        "Sorry about the trouble with {problem}, this shouldn't happen. Please message us privately "
        "with {need}: we'll check everything on our side and suggest a fix.",
        "Sorry about this, it shouldn't happen. Please message us privately with {need}: we'll check "
        "everything on our side and suggest a fix.",
    ),
    Variant(
        "Thanks for speaking up: messages like yours help us find weak spots. Sorry about the problem "
        "with {problem}. Please send {need} in a private message, and we'll check what happened and "
        "tell you how we'll fix it.",
        "Thanks for speaking up: messages like yours help us find weak spots. Sorry it turned out this "
        "way. Please send {need} in a private message, and we'll check what happened and tell you how "
        "we'll fix it.",
    ),
)

_IMPULSIVE_RU = (
    Variant(
        "Понимаем, как это неприятно. Если захотите, напишите нам в личные сообщения — поможем "
        "разобраться {s_problem}.",
        "Понимаем, как это неприятно. Если захотите, напишите нам в личные сообщения — поможем разобраться.",
    ),
    Variant(
        "Жаль, что история {s_problem} так вас расстроила. Мы на связи, если понадобится помощь: "
        "просто напишите нам в личные сообщения.",
        "Жаль, что вас это так расстроило. Мы на связи, если понадобится помощь: просто напишите нам "
        "в личные сообщения.",
    ),
    Variant(
        "Спасибо, что поделились. Если расскажете подробнее {o_problem}, мы постараемся помочь.",
        "Спасибо, что поделились. Если расскажете подробнее, что случилось, мы постараемся помочь.",
    ),
    Variant(
        "Нам правда жаль, что так вышло. Готовы помочь {s_problem}, когда вам будет удобно: напишите "
        "нам в личные сообщения.",
        "Нам правда жаль, что так вышло. Готовы помочь, когда вам будет удобно: напишите нам в личные сообщения.",
    ),
    Variant(
        "Слышим вас. Если нужна помощь {s_problem}, мы рядом — напишите нам в личные сообщения в любое время.",
        "Слышим вас. Если нужна помощь, мы рядом — напишите нам в личные сообщения в любое время.",
    ),
)

_IMPULSIVE_EN = (
    Variant(
        "We understand how annoying this is. If you'd like, message us privately and we'll help sort out {problem}.",
        "We understand how annoying this is. If you'd like, message us privately and we'll help sort it out.",
    ),
    Variant(
        "Sorry this upset you. We're here if you need help with {problem}: just send us a private message.",
        "Sorry this upset you. We're here if you need help: just send us a private message.",
    ),
    Variant(
        "Thanks for sharing this. If you tell us a bit more about {problem}, we'll do our best to help.",
        "Thanks for sharing this. If you tell us a bit more about what happened, we'll do our best to help.",
    ),
    Variant(
        "We're truly sorry it turned out this way. Happy to help with {problem} whenever suits you: "
        "just message us privately.",
        "We're truly sorry it turned out this way. Happy to help whenever suits you: just message us privately.",
    ),
    Variant(
        "We hear you. If you need a hand with {problem}, we're here: message us privately any time.",
        "We hear you. If you need a hand, we're here: message us privately any time.",
    ),
)

_TROLLING_RU = (
    Variant(
        "Спасибо за комментарий. Если у кого-то есть вопросы по {problem_datv}, напишите нам в личные "
        "сообщения: ответим по существу и поможем.",
        "Спасибо за комментарий. Если у кого-то есть вопросы к нам, напишите в личные сообщения: "
        "ответим по существу и поможем.",
    ),
    Variant(
        "Мы открыты к критике и всегда готовы разобрать конкретный случай. Если речь о реальной "
        "ситуации {s_problem}, пришлите подробности в личные сообщения — мы её проверим.",
        "Мы открыты к критике и всегда готовы разобрать конкретный случай. Если что-то пошло не так, "
        "пришлите подробности в личные сообщения — мы всё проверим.",
    ),
    Variant(
        "Коротко для всех, кто читает: каждый случай {s_problem} мы разбираем отдельно и отвечаем "
        "лично. Если вас это коснулось, напишите нам в личные сообщения.",
        "Коротко для всех, кто читает: каждое обращение мы разбираем отдельно и отвечаем лично. Если "
        "у вас есть вопрос, напишите нам в личные сообщения.",
    ),
    Variant(
        "Спасибо, что написали. Чтобы помочь, нам понадобятся детали: что именно случилось "
        "{s_problem} и когда. Пришлите их, пожалуйста, в личные сообщения — проверим и ответим.",
        "Спасибо, что написали. Чтобы помочь, нам понадобятся детали: что именно случилось и когда. "
        "Пришлите их, пожалуйста, в личные сообщения — проверим и ответим.",
    ),
    Variant(
        "Мы не прячем критику и отвечаем на неё. Если {s_problem} что-то пошло не так, мы хотим об "
        "этом знать: напишите нам в личные сообщения.",
        "Мы не прячем критику и отвечаем на неё. Если что-то пошло не так, мы хотим об этом знать: "
        "напишите нам в личные сообщения.",
    ),
)

_TROLLING_EN = (
    Variant(
        "Thanks for the comment. If anyone has questions about {problem}, message us privately: we'll "
        "answer to the point and help.",
        "Thanks for the comment. If anyone has questions for us, message us privately: we'll answer to "
        "the point and help.",
    ),
    Variant(
        "We're open to criticism and always ready to look into a specific case. If this is about a real "
        "situation with {problem}, send us the details privately and we'll check it.",
        "We're open to criticism and always ready to look into a specific case. If something went "
        "wrong, send us the details privately and we'll check it.",
    ),
    Variant(
        "Briefly, for everyone reading: we look into every case involving {problem} individually and "
        "reply personally. If this affects you, please message us privately.",
        "Briefly, for everyone reading: we look into every request individually and reply personally. "
        "If you have a question, please message us privately.",
    ),
    Variant(
        "Thanks for writing. To help, we need details: what exactly happened with {problem} and when. "
        "Please send them privately, and we'll check and reply.",
        "Thanks for writing. To help, we need details: what exactly happened and when. Please send them "
        "privately, and we'll check and reply.",
    ),
    Variant(
        "We don't hide criticism, we respond to it. If something went wrong with {problem}, we want to "
        "know: please message us privately.",
        "We don't hide criticism, we respond to it. If something went wrong, we want to know: please "
        "message us privately.",
    ),
)

_DIRECTED_RU = (
    Variant(
        "Мы видим в комментариях много похожих сообщений {o_problem} и проверяем каждое. Если вы наш "
        "клиент и столкнулись с проблемой, напишите нам в личные сообщения — разберём ваш случай лично.",
        "Мы видим в комментариях много похожих сообщений и проверяем каждое. Если вы наш клиент и "
        "столкнулись с проблемой, напишите нам в личные сообщения — разберём ваш случай лично.",
    ),
    Variant(
        "Друзья, здесь появилось много однотипных комментариев {o_problem}. Мы внимательно проверяем "
        "ситуацию и расскажем о результатах в этой ветке. Если вы сами столкнулись с проблемой, "
        "пришлите {need} в личные сообщения: ответим каждому.",
        "Друзья, здесь появилось много однотипных комментариев. Мы внимательно проверяем ситуацию и "
        "расскажем о результатах в этой ветке. Если вы сами столкнулись с проблемой, пришлите {need} в "
        "личные сообщения: ответим каждому.",
    ),
    Variant(
        "Спасибо всем, кто пишет. Мы знаем о сообщениях про {problem_accs} и проверяем факты. Каждому "
        "клиенту, у которого возникла проблема, ответим лично: напишите нам в личные сообщения.",
        "Спасибо всем, кто пишет. Мы знаем об этих сообщениях и проверяем факты. Каждому клиенту, у "
        "которого возникла проблема, ответим лично: напишите нам в личные сообщения.",
    ),
    Variant(
        "Коротко для всех, кто читает эту ветку: мы видим обсуждение {problem_gent} и разбираемся в "
        "ситуации. Если вы столкнулись с проблемой сами, пришлите {need} в личные сообщения. Итоги "
        "проверки опубликуем здесь.",
        "Коротко для всех, кто читает эту ветку: мы видим это обсуждение и разбираемся в ситуации. Если "
        "вы столкнулись с проблемой сами, пришлите {need} в личные сообщения. Итоги проверки опубликуем "
        "здесь.",
    ),
)

_DIRECTED_EN = (
    Variant(
        "We can see many similar comments about {problem} here, and we are checking each one. If you are "
        "our customer and ran into a problem, please message us privately and we'll look into your case "
        "personally.",
        "We can see many similar comments here, and we are checking each one. If you are our customer "
        "and ran into a problem, please message us privately and we'll look into your case personally.",
    ),
    Variant(
        "Friends, a lot of near-identical comments about {problem} have appeared here. We are checking "
        "the situation carefully and will share the results in this thread. If you ran into the problem "
        "yourself, please send {need} privately: we'll answer everyone.",
        "Friends, a lot of near-identical comments have appeared here. We are checking the situation "
        "carefully and will share the results in this thread. If you ran into the problem yourself, "
        "please send {need} privately: we'll answer everyone.",
    ),
    Variant(
        "Thank you to everyone writing in. We are aware of the messages about {problem} and are checking "
        "the facts. Every customer who has had a problem will get a personal answer: please message us "
        "privately.",
        "Thank you to everyone writing in. We are aware of these messages and are checking the facts. "
        "Every customer who has had a problem will get a personal answer: please message us privately.",
    ),
    Variant(
        "Briefly, for everyone reading this thread: we can see the discussion of {problem} and are "
        "looking into it. If you ran into the problem yourself, please send {need} privately. We'll "
        "publish the results of our check here.",
        "Briefly, for everyone reading this thread: we can see this discussion and are looking into it. "
        "If you ran into the problem yourself, please send {need} privately. We'll publish the results "
        "of our check here.",
    ),
)

_POSITIVE_RU = (
    Variant("Спасибо за тёплые слова! Нам очень приятно.", "Спасибо за тёплые слова! Нам очень приятно."),
    Variant(
        "Спасибо, что написали! Будем рады видеть вас снова.",
        "Спасибо, что написали! Будем рады видеть вас снова.",
    ),
    Variant("Спасибо! Передадим команде, им будет приятно.", "Спасибо! Передадим команде, им будет приятно."),
    Variant("Спасибо за отзыв, это очень поддерживает!", "Спасибо за отзыв, это очень поддерживает!"),
)

_POSITIVE_EN = (
    Variant("Thank you for the kind words! It means a lot.", "Thank you for the kind words! It means a lot."),
    Variant(
        "Thanks for writing! We'll be glad to see you again.",
        "Thanks for writing! We'll be glad to see you again.",
    ),
    Variant(
        "Thank you! We'll pass this on to the team, they'll be pleased.",
        "Thank you! We'll pass this on to the team, they'll be pleased.",
    ),
    Variant(
        "Thanks for the feedback, it really keeps us going!",
        "Thanks for the feedback, it really keeps us going!",
    ),
)

# Public follow-up once a constructive case is resolved: "we found the cause, fixed it, here is what
# changed". ``{fix}`` is the admin's own sentence about what changed; it is left out when not given.
_FOLLOW_UP_RU = (
    Variant(
        "Спасибо за терпение. Мы разобрались {s_problem}: нашли причину и исправили её. {fix} Если "
        "что-то ещё будет не так, напишите нам — поможем.",
        "Спасибо за терпение. Мы разобрались в ситуации: нашли причину и исправили её. {fix} Если "
        "что-то ещё будет не так, напишите нам — поможем.",
    ),
    Variant(
        "Возвращаемся с новостями по {problem_datv}: причину нашли и устранили. {fix} Спасибо, что "
        "написали: благодаря вам мы это заметили.",
        "Возвращаемся с новостями: причину нашли и устранили. {fix} Спасибо, что написали: благодаря "
        "вам мы это заметили.",
    ),
    Variant(
        "Рассказываем, чем закончилась история {s_problem}. Мы выяснили, что пошло не так, и исправили "
        "это. {fix} Ещё раз простите, что так вышло, и спасибо, что помогли нам стать лучше.",
        "Рассказываем, чем всё закончилось. Мы выяснили, что пошло не так, и исправили это. {fix} Ещё "
        "раз простите, что так вышло, и спасибо, что помогли нам стать лучше.",
    ),
    Variant(
        "Обещали вернуться с ответом — возвращаемся. Проблему {s_problem} мы решили. {fix} Спасибо, "
        "что дали нам возможность всё исправить.",
        "Обещали вернуться с ответом — возвращаемся. Проблему мы решили. {fix} Спасибо, что дали нам "
        "возможность всё исправить.",
    ),
)

_FOLLOW_UP_EN = (
    Variant(
        "Thank you for your patience. We've looked into the issue with {problem}, found the cause and "
        "fixed it. {fix} If anything else goes wrong, message us and we'll help.",
        "Thank you for your patience. We've looked into it, found the cause and fixed it. {fix} If "
        "anything else goes wrong, message us and we'll help.",
    ),
    Variant(
        "An update on {problem}: we found the cause and removed it. {fix} Thank you for writing: thanks "
        "to you, we noticed it.",
        "An update: we found the cause and removed it. {fix} Thank you for writing: thanks to you, we noticed it.",
    ),
    Variant(
        "Here's how the story with {problem} ended. We found out what went wrong and fixed it. {fix} "
        "Sorry again, and thank you for helping us get better.",
        "Here's how it ended. We found out what went wrong and fixed it. {fix} Sorry again, and thank "
        "you for helping us get better.",
    ),
    Variant(
        "We promised to come back with an answer, and here it is: the problem with {problem} is solved. "
        "{fix} Thank you for giving us the chance to put it right.",
        "We promised to come back with an answer, and here it is: the problem is solved. {fix} Thank "
        "you for giving us the chance to put it right.",
    ),
)


PLAYBOOKS: dict[Label, Playbook] = {
    Label.CONSTRUCTIVE: Playbook(
        Label.CONSTRUCTIVE,
        "Реальная проблема: ответьте публично, извинитесь, попросите детали в личных сообщениях, "
        "исправьте и опубликуйте результат.",
        "A real problem: reply publicly, apologise, ask for details in private messages, fix it and "
        "publish the outcome.",
        _CONSTRUCTIVE_RU,
        _CONSTRUCTIVE_EN,
    ),
    Label.IMPULSIVE: Playbook(
        Label.IMPULSIVE,
        "Эмоции: не отвечайте сгоряча — короткий тёплый ответ позже, когда автор остынет, без споров и оправданий.",
        "Venting: don't answer in the heat of the moment; a short, warm reply later, once the author "
        "cools down, with no arguing or excuses.",
        _IMPULSIVE_RU,
        _IMPULSIVE_EN,
    ),
    Label.TROLLING: Playbook(
        Label.TROLLING,
        "Провокация: отвечайте спокойно и по фактам, для читателей, а не для тролля; без сарказма, ничего не удаляйте.",
        "Provocation: answer calmly and factually, for the readers rather than the troll; no sarcasm, delete nothing.",
        _TROLLING_RU,
        _TROLLING_EN,
    ),
    Label.DIRECTED: Playbook(
        Label.DIRECTED,
        "Организованная волна: одно спокойное публичное заявление на всю волну, реальных клиентов — в "
        "личные сообщения; не отвечайте на каждое сообщение.",
        "Coordinated wave: one calm public statement for the whole wave, real customers to private "
        "messages; don't reply to each message.",
        _DIRECTED_RU,
        _DIRECTED_EN,
        addresses_author=False,
    ),
    Label.NEUTRAL: Playbook(
        Label.NEUTRAL,
        "Нейтральное сообщение: действий не требуется.",
        "Neutral message: no action needed.",
    ),
    Label.POSITIVE: Playbook(
        Label.POSITIVE,
        "Позитивный отзыв: отвечать не обязательно, можно коротко поблагодарить.",
        "Positive feedback: no reply needed; a short thank-you is optional.",
        _POSITIVE_RU,
        _POSITIVE_EN,
        reply_by_default=False,
    ),
}


# --------------------------------------------------------------------------------------------
# Filling the templates


def _lang(lang: str) -> Lang:
    return "en" if lang.lower().startswith("en") else "ru"


def clean_problem(problem: str | None, lang: str = "ru") -> str | None:
    """The problem phrase fit for a template, or ``None`` if it would read badly."""
    if problem is None:
        return None
    text = " ".join(problem.split()).strip(" \t.,;:!?…—-\"'«»")
    if not text or text.lower() in ("none", "null"):
        return None
    if len(text) > _MAX_PROBLEM_CHARS or len(text.split()) > _MAX_PROBLEM_WORDS:
        return None
    if "{" in text or "}" in text:
        return None
    has_cyrillic = bool(_CYRILLIC_RE.search(text))
    if _lang(lang) == "en":
        return None if has_cyrillic else text
    if not has_cyrillic:
        return None
    if text.isupper():
        text = text.lower()
    elif text[:1].isupper() and not text.split()[0].isupper() and not starts_with_proper_noun(text):
        text = text[:1].lower() + text[1:]
    return text


@lru_cache(maxsize=4096)
def _problem_slots(problem: str) -> dict[str, str] | None:
    """The phrase in every case the templates use; kept per phrase (the same few come back
    often, and inflecting one takes several morphological look-ups). Callers copy it."""
    slots: dict[str, str] = {}
    for case in sorted(CASES):
        form = try_inflect_phrase(problem, case)
        if form is None:
            return None
        slots[f"problem_{case}"] = form
    slots["s_problem"] = prep_s(slots["problem_ablt"])
    slots["o_problem"] = prep_o(slots["problem_loct"])
    slots["v_problem"] = prep_v(slots["problem_loct"])
    slots["problem"] = problem
    return slots


def _decapitalise(text: str) -> str:
    first = text.split(" ", 1)[0]
    if (first.isupper() and len(first) > 1) or first in ("I", "I'm", "I'll"):
        return text
    return text[:1].lower() + text[1:]


def _fill(template: str, slots: dict[str, str]) -> str:
    text = _PLACEHOLDER_RE.sub(lambda m: slots[m.group(1)], template)
    return re.sub(r" {2,}", " ", text).strip()


def _clean_fix(fix: str | None) -> str:
    """The admin's sentence about what changed, as one tidy sentence (or nothing)."""
    if not fix:
        return ""
    text = " ".join(fix.split()).replace("{", "(").replace("}", ")")
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def render(
    variant: Variant,
    *,
    problem: str | None,
    author_name: str | None,
    lang: str = "ru",
    addresses_author: bool = True,
    fix: str | None = None,
) -> str:
    """Fill one variant: the problem-naming text when the problem fits, the plain one otherwise."""
    language = _lang(lang)
    cleaned = clean_problem(problem, language)
    slots: dict[str, str] | None = None
    if cleaned is not None:
        slots = {"problem": cleaned} if language == "en" else _problem_slots(cleaned)
    need = _need_for(cleaned if language == "ru" else problem)
    template = variant.with_problem if slots is not None else variant.without_problem
    values = dict(slots or {})
    values["need"] = need.en if language == "en" else need.ru
    values["fix"] = _clean_fix(fix)
    text = _fill(template, values)
    if "{need}" in template:
        note = need.note_en if language == "en" else need.note_ru
        if note:
            text = f"{text} {note}"
    name = address_name(author_name) if addresses_author else None
    if name:
        text = f"{name}, {_decapitalise(text)}"
    return text


def playbook_line(label: Label, lang: str = "ru") -> str:
    """The playbook for ``label`` in one line, for the admin's alert."""
    return PLAYBOOKS[Label(label)].line(lang)


def suggest_reply(
    label: Label,
    *,
    problem: str | None,
    author_name: str | None,
    case_id: int,
    lang: str = "ru",
    thank_positive: bool = False,
) -> str | None:
    """A public reply that follows the playbook for ``label``, or ``None`` when none is needed.

    ``case_id`` picks the variant (``case_id % len(variants)``), so consecutive cases in a chat get
    different wording. ``problem`` is the classifier's nominative phrase ("доставка заказа"); it is
    inflected into the template, or left out when missing or not a noun phrase. ``author_name`` is the
    author's first name; it opens the reply when it looks like a real name. Directed waves get one
    statement for everyone, so the name is not used there. Neutral gives ``None``; positive gives
    ``None`` unless ``thank_positive`` is set.
    """
    playbook = PLAYBOOKS[Label(label)]
    variants = playbook.variants(lang)
    if not variants or not (playbook.reply_by_default or thank_positive):
        return None
    variant = variants[case_id % len(variants)]
    return render(
        variant,
        problem=problem,
        author_name=author_name,
        lang=lang,
        addresses_author=playbook.addresses_author,
    )


def suggest_follow_up(
    *,
    problem: str | None,
    author_name: str | None,
    case_id: int,
    lang: str = "ru",
    fix: str | None = None,
) -> str:
    """The public follow-up for a resolved constructive case, posted as a reply to the original comment.

    "We found the cause, fixed it, here is what changed": ``fix`` is the admin's own sentence about what
    changed ("Теперь курьер звонит за час до приезда"); without it the text still reads naturally.
    """
    variants = _FOLLOW_UP_EN if _lang(lang) == "en" else _FOLLOW_UP_RU
    return render(variants[case_id % len(variants)], problem=problem, author_name=author_name, lang=lang, fix=fix)


def follow_up_variants(lang: str = "ru") -> tuple[Variant, ...]:
    return _FOLLOW_UP_EN if _lang(lang) == "en" else _FOLLOW_UP_RU


def variant_count(label: Label, lang: str = "ru") -> int:
    return len(PLAYBOOKS[Label(label)].variants(lang))
