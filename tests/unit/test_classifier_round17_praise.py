"""Kinds the cm17 reading found misread by the rules (issue 17): praise told as a joke, a disbelief or a
survived test, a question with a shy emoji, a polite claim framed by thanks and a customer's angry refund
demand; each in several wordings and businesses, none of them the reading's or the labels23 held-out's
own strings. Near-misses beside each kind keep their negative label.
"""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, create_classifier

# Praise with a joke about one's own body or self: praise, never a jab or a complaint.
BODY_JOKE = [
    "После занятия у Кати пресс болит так, что смеяться больно 😂 Лучший тренер, спасибо!",
    "Так накормили, что до машины еле докатились 😂 Спасибо, вернёмся",
    "После вашего пилатеса не могу поднять руки, чтобы написать отзыв 😄 но это было круто",
    "Спасибо тренеру Диме, после его тренировки я неделю не мог сесть на стул, зато теперь подтягиваюсь 10 раз 😂",
    "Так натренировали, что руки до сих пор не поднимаются 😅 Лучший зал в городе",
    "Мышцы болят даже там, где я не знала, что они есть 😂 Катя — вы супер тренер!",
    "Ноги отваливаются, но тренер огонь",
    "Спасибо банщику Петру, особенно за веники — после них я два дня не мог найти свои плечи 😄",
]

# Praise with disbelief at a good outcome: earlier than promised, on time, the same day.
GOOD_OUTCOME = [
    "Спасибо бригаде Сергея, кухню собрали за 3 дня вместо обещанных 5 — я аж ущипнула себя 😂 всем советую",
    "Сделали за 5 дней вместо 7, я в шоке 😄 спасибо команде",
    "Ремонт часов обещали за две недели, позвонили через 4 дня. Я не поверил, что так бывает. Спасибо мастеру",
    "Не поверила глазам, когда курьер позвонил через 20 минут после заказа 😂 Спасибо!",
    "Первый раз в жизни вижу, чтобы сантехник пришёл раньше времени 😂 Спасибо, всё починил",
    "Привезли диван на два дня раньше, я аж ущипнула себя 😂 Спасибо грузчикам",
]

# Praise by a negated defect or a survived test: the thing held up.
HELD_UP = [
    "Футболку стирала уже раз десять — принт не облез, не полинял, спасибо",
    "Ни одна нитка не вылезла за год, рюкзак как новый",
    "Сковородка полгода в деле, ничего не пригорает и покрытие не облезло 👍",
    "Плитку положили два года назад — ни одна не отвалилась, швы не потемнели. Спасибо мастерам",
    "Босоножки не натирают, ремешок не порвался за всё лето",
    "Ребёнок год носит рюкзак, ни одной дырки, лямки не оторвались. Спасибо за качество",
]

# A plain question with a shy emoji and the author's own neglect confessed: a question.
SHY_QUESTION = [
    "сколько стоит настроить пианино, не настраивали лет 10 🙈",
    "Подскажите, сколько стоит генеральная уборка? Окна не мыли с прошлой весны 🙈",
    "Сколько стоит чистка куртки? Не чистила её ни разу за три года 😅",
    "Можно записаться на чистку зубов? Я у стоматолога не была года четыре 🙈",
]

# A complaint asking for compensation, framed by a greeting and thanks: a complaint to answer.
POLITE_CLAIM = [
    "Добрый день. По абонементу обещали 12 тренировок, а за месяц прошло 8, тренер болел. "
    "Можно ли компенсировать оставшиеся? Спасибо.",
    "Здравствуйте! В туре было заявлено 3 экскурсии, провели одну. Хотелось бы узнать про компенсацию. Благодарю.",
    "Добрый вечер. Заказывали торт на 2 кг, по весу вышло 1,5. Можно ли вернуть разницу? Спасибо.",
    "Здравствуйте. В номере по описанию был балкон, по факту его нет. Хотелось бы перерасчёт. Спасибо за понимание.",
]

# A refund demanded in anger over a failure that repeats: a customer, not a troll.
ANGRY_REPEAT = [
    "ТРЕТИЙ раз привозите кислое молоко, вы там ох**ли? верните деньги бл*",
    "СНОВА б**ть протухшая курица в заказе, второй раз за неделю, деньги верните",
    "опять сломался ваш блендер, уже третий за год, х*ли вы продаёте это г*вно, верните деньги",
    "ВЫ ЗАДОЛБАЛИ!!! опять привезли мятые помидоры, вы там совсем ох**ли??? верните деньги",
]

# Near-misses: sarcasm, harm, a real defect, a complaint asked with 🙈, a claim with «спасибо».
NEAR_MISS = [
    "Спасибо, что доставили на неделю позже обещанного, я аж ущипнула себя",
    "После массажа спину не чувствую уже три дня, болит всё",
    "После первой стирки всё облезло",
    "Добрый день. Заказ 12345 не пришёл, прошу вернуть деньги. Спасибо.",
    "Сколько можно ждать возврат?? уже неделя прошла 🙈",
    "Когда вернёте деньги за отменённый заказ 5512? Две недели жду 🙈",
    "Спасибо за тренировку, но колено болит уже неделю, тренер даже не показал технику 😅",
    "Первый раз вижу, чтобы доставку везли дольше, чем шёл корабль из Китая 😂 десятый день жду",
]

# Questions that ask and thanks that close a fix stay what they are.
STAY_CALM = [
    ("Можно ли вернуть деньги, если размер не подойдёт? Спасибо", Label.NEUTRAL),
    ("Спасибо, компенсировали разницу за доставку, всё быстро", Label.POSITIVE),
]


@pytest.fixture(scope="module")
def clf():
    return create_classifier()


def _label(clf, text: str) -> Label:
    return clf.classify(MessageIn(text=text)).label


@pytest.mark.parametrize("text", BODY_JOKE + GOOD_OUTCOME + HELD_UP)
def test_praise_with_joke_disbelief_or_survived_test_is_positive(clf, text: str) -> None:
    assert _label(clf, text) is Label.POSITIVE


@pytest.mark.parametrize("text", SHY_QUESTION)
def test_question_with_shy_emoji_is_neutral(clf, text: str) -> None:
    assert _label(clf, text) is Label.NEUTRAL


@pytest.mark.parametrize("text", POLITE_CLAIM)
def test_polite_claim_framed_by_thanks_is_constructive(clf, text: str) -> None:
    assert _label(clf, text) is Label.CONSTRUCTIVE


@pytest.mark.parametrize("text", ANGRY_REPEAT)
def test_angry_refund_over_repeated_failure_is_a_customer(clf, text: str) -> None:
    v = clf.classify(MessageIn(text=text))
    assert v.label in (Label.CONSTRUCTIVE, Label.IMPULSIVE)
    assert v.toxic


@pytest.mark.parametrize("text", NEAR_MISS)
def test_near_misses_stay_negative(clf, text: str) -> None:
    assert _label(clf, text).negative


@pytest.mark.parametrize(("text", "label"), STAY_CALM)
def test_questions_and_thanks_for_a_fix_stay(clf, text: str, label: Label) -> None:
    assert _label(clf, text) is label


def test_troll_with_mat_and_no_refund_stays_a_jab(clf) -> None:
    # the refund and the repeat make the customer; mat and «вы там о**ели?» alone do not
    v = clf.classify(MessageIn(text="админ, вы там вообще ох**ли? клоуны, опять пост ни о чём"))
    assert v.label is Label.TROLLING
