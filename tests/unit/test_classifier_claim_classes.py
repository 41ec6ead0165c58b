"""Classes of comments the rules read wrong in the community managers' blind readings (rounds 8–10):
each class is checked in several wordings, voices and languages, not only the readings' own strings."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, create_classifier

# A health or safety claim is a serious, specific complaint: constructive, never a joke or venting.
HARM = [
    "глаза красные после бассейна, хлорка",
    "клещ у дочери, родителям не сообщили",
    "защемило поясницу после плуга без разминки, больничный",
    "у внучки после вашего бассейна покраснели глаза и щиплет",
    "сын вернулся с секции с сотрясением, тренер даже не позвонил",
    "после вашего йогурта у ребенка рвота всю ночь",
    "муж потянул спину на вашем тренажёре, теперь на больничном",
    "после маски в салоне лицо опухло и чешется",
    "нашли клеща за ухом после вашей турбазы",
    "у меня после окрашивания ожог кожи головы",
    "в бургере кусок проволоки, чуть не проглотила",
    "Після вашого басейну в сина почервоніли очі",
    "після тренування без розминки зірвав спину, тепер на лікарняному",
    "My daughter's eyes are red and stinging after your pool",
    "got food poisoning after the sushi set from Friday",
]

# The brand's own price rose, told by its figures and nothing else: a claim to answer.
PRICE = [
    "путёвка была 38, стала 52 тыс., за что?",
    "Обед был 350, сейчас 480, порции те же",
    "подписка подорожала с 299 до 449, ничего не добавили",
    "в прошлом месяце абонемент стоил 2700, теперь 3600",
    "литр молока был 89, стал 119, это как?",
    "Проживання було 900 грн за ніч, тепер 1400",
    "The delivery fee went from 2.99 to 5.99 overnight",
]

# An employee's rudeness, named by role (and often by name): a person's conduct the company can answer for.
STAFF = [
    "Инструктор Сергей нахамил мне на занятии и выгнал из зала",
    "администратор Вика накричала на ребёнка за то что он опоздал",
    "водитель курьерской службы Антон швырнул коробку на пол и ушёл",
    "продавец в отделе сыров грубо ответила и отвернулась",
    "оператор поддержки Елена бросила трубку посреди разговора",
    "Менеджерка Ірина нахамила мені по телефону",
    "the cashier Tom was rude to my mum and laughed at her",
]

# Political provocation aimed at the brand: trolling, whatever it names on the way.
POLITICS = [
    "страну разворовывают, вы часть системы",
    "Вы тоже часть этой системы, не надо тут",
    "пока чиновники воруют, вы нам рекламу суете",
    "вам власть платит за такие посты?",
    "кто вас крышует, признавайтесь",
    "Ви частина системи, всі це знають",
    "your bosses fund the government that ruined this country",
]

# Calls to the audience: directed, in Ukrainian and English as in Russian.
CALLS = [
    "не купуйте тут нічого",
    "Люди, не замовляйте в них піцу",
    "відписуйтесь від цих брехунів",
    "оминайте цей магазин, поширте друзям",
    "don't buy anything here, they scam people",
    "Everyone avoid this place and leave a one-star review",
    "не ходите в этот салон, расскажите всем",
]

# English anger about data or money lost: a specific complaint.
ENGLISH = [
    "update wiped 3 years of highlights",
    "your update erased all my saved playlists, unbelievable",
    "The last patch deleted my whole library. Where is it?",
    "I was charged twice for order 5521 and nobody answers",
]

# Plain questions about stock and service: no alert, in any language.
QUESTIONS = [
    "есть мозаика для бассейна?",
    "есть хлорка для бассейна в гранулах?",
    "подскажите, средство от клещей для кошек есть?",
    "спрей от плесени в ванной посоветуете?",
    "а пленка для бассейна 4х6 будет?",
    "чи є хлор для басейну?",
    "скільки коштує мозаїка?",
    "Do you have pool chlorine tablets?",
    "сколько стоит абонемент на 3 месяца?",
    "с какого числа цены на лето?",
    "выборы в совет дома в четверг, приходите",
    "Тренер Олег сегодня ведёт группу в 19:00?",
]


# Each class with the label every wording of it must get.
CLASSES = {
    "health and safety claims are constructive": (HARM, Label.CONSTRUCTIVE),
    "a price rise told by its figures is constructive": (PRICE, Label.CONSTRUCTIVE),
    "rudeness of named staff is constructive": (STAFF, Label.CONSTRUCTIVE),
    "political provocation at the brand is trolling": (POLITICS, Label.TROLLING),
    "calls to the audience are directed": (CALLS, Label.DIRECTED),
    "english loss complaints are constructive": (ENGLISH, Label.CONSTRUCTIVE),
}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        pytest.param(text, label, id=f"{name}: {text[:40]}")
        for name, (texts, label) in CLASSES.items()
        for text in texts
    ],
)
def test_each_class_gets_its_label_in_every_wording(text: str, label: Label) -> None:
    assert create_classifier().classify(MessageIn(text=text)).label is label


@pytest.mark.parametrize("text", QUESTIONS)
def test_plain_questions_raise_no_alert(text: str) -> None:
    assert not create_classifier().classify(MessageIn(text=text)).negative


@pytest.mark.parametrize(
    "text",
    [
        "цены были 100, стали 90, спасибо за скидку",  # a price that fell is no claim
        "работаем с 9 до 21 без выходных",  # hours, not prices
        "в 2020 было 3 филиала, сейчас 12",  # growth, not a price
    ],
)
def test_figures_that_did_not_rise_raise_no_alert(text: str) -> None:
    assert not create_classifier().classify(MessageIn(text=text)).negative
