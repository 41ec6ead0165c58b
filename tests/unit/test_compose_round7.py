"""Drafts after the seventh reading: a chat whose kind of business is not known gets a business-neutral
draft built from the author's own words; rude words around a real complaint get the complaint answered;
a comment that told what happened is not asked to tell it again; the accusation placeholder says what to
fill. The comments are written for these tests, not copied from the review set."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import lint_reply, unfilled
from bot.replies.echo import complaint_clause
from bot.replies.reading import read_comment
from tests.unit.test_compose_round5 import drafts  # four cases of one comment, each with a draft

# Another business's words: an order and its courier, an app and its developers, a purchase to exchange.
ELSEWHERE = re.compile(
    r"курьер|доставк|номер заказа|трек|приложени|разработчик|модел[ьи] телефона|покупк|замену или возврат|"
    r"списани|промокод|перебои",
    re.IGNORECASE,
)
ASKS_AGAIN = re.compile(r"подробн|расскажите|что случилось|что именно|в чём вопрос", re.IGNORECASE)
STOCK = re.compile(r"благодарим|обратную связь|разочаровал|возникли сложности|приносим извинения", re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        (
            "Записались на гончарный мастер-класс, а его отменили за час до начала и никто не позвонил",
            "отменили|никто не позвонил",
        ),
        ("Сдала куртку в химчистку, на рукаве теперь дырка, а приёмщица говорит, что так и было", "дырк|куртк"),
        ("Купили билеты на концерт, а концерт перенесли на март без всякого объявления", "перенесли|концерт"),
        ("Автомобиль стоит в салоне уже три недели, документы так и не готовы", "документ|автомобил"),
        ("Бронировали баню на субботу, приехали — бронь никто не записал, баня занята", "бан|брон"),
        ("Фотограф прислал снимки через два месяца вместо обещанных двух недель, половина размыта", "снимк|фотограф"),
    ],
)
def test_a_business_of_no_known_kind_gets_a_neutral_draft_in_the_authors_words(text: str, own: str) -> None:
    reading = read_comment(text)
    assert "unknown_kind" in reading.facts.flags
    assert reading.topic not in (Topic.DELIVERY, Topic.APP, Topic.REFUND, Topic.PROMO, Topic.OUTAGE)
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert not ELSEWHERE.search(draft), draft
        assert re.search(own, draft, re.IGNORECASE), draft  # the failure, as the author told it
        assert not ASKS_AGAIN.search(draft) and not STOCK.search(draft), draft
        # what happens next: said, or a slot the admin fills with it
        assert re.search(r"напишем (?:вам )?здесь|вернёмся сюда|\[что сделаем: ", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Заказ 40417 так и не привезли, курьер не отвечает",
        "В приложении после обновления не открывается корзина, айфон 12",
        "Списали дважды 1 200 ₽ за одну покупку",
    ],
)
def test_the_comments_own_words_still_name_a_business(text: str) -> None:
    """Not knowing the chat is no reason to forget what the comment itself says."""
    assert read_comment(text).topic in (Topic.DELIVERY, Topic.APP, Topic.REFUND)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("вы там охренели, пятый день нет отопления в квартирах на Садовой 8", "отоплени"),
        ("Да вы офигели совсем, третий раз переносите мне замену счётчика", "перен[её]с|счётчик|замен"),
        ("совсем обнаглели, в спортзале неделю не работает душ", "душ"),
        ("Достали уже, курьер ваш третий раз приезжает не по тому адресу", "адрес"),
    ],
)
def test_rude_words_around_a_real_complaint_get_the_complaint_answered(text: str, problem: str) -> None:
    for draft in drafts(Label.TROLLING, text, name="Ирина"):
        assert re.search(problem, draft, re.IGNORECASE), draft
        assert "спасиб" not in draft.lower() and "Ирина" not in draft, draft  # no thanks, not by name
        assert not re.search(r"по делу|шутк|иронию|без оскорблений", draft), draft
        assert not [issue for issue in lint_reply(draft) if issue.code != "placeholder"], draft


@pytest.mark.parametrize(
    "text",
    [
        "Вы все клоуны и бездари, ничего не умеете",
        "Админ тут вообще дебил, как и все остальные",
    ],
)
def test_an_insult_with_no_complaint_keeps_one_calm_line(text: str) -> None:
    for draft in drafts(Label.TROLLING, text):
        assert len(re.findall(r"[.!?](?:\s|$)", draft)) == 1, draft
        assert "спасиб" not in draft.lower() and "Простите" not in draft, draft  # nothing to apologise for


@pytest.mark.parametrize(
    "text",
    [
        "Мастер по маникюру опоздала на 40 минут, а потом ещё и торопилась, лак уже облез",
        "Третий день в офисе не работает кондиционер, сидим в духоте, администратор обещает починить",
        "Собаку на передержке не выгуливали, забрали её грязную и голодную",
        "В автомойке поцарапали бампер, а теперь говорят, что царапина была до нас",
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_comment_that_told_what_happened_is_not_asked_to_tell_it_again(text: str, label: Label) -> None:
    for draft in drafts(label, text):
        assert not ASKS_AGAIN.search(draft), draft
        assert "номер заказа" not in draft and "личные" not in draft, draft


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Эта контора спонсирует сами знаете кого, не несите им деньги", Label.DIRECTED),
        ("Все отзывы у них заказные, пишут сами себе", Label.TROLLING),
        ("Курьерам тут месяцами не платят зарплату, проверено", Label.TROLLING),
    ],
)
def test_the_accusation_placeholder_says_what_to_fill_and_is_never_sent(text: str, label: Label) -> None:
    for draft in drafts(label, text):
        (placeholder,) = unfilled(draft)
        assert re.fullmatch(r"\[факты: [^\]]{10,}\]", placeholder), draft
        assert "placeholder" in [issue.code for issue in lint_reply(draft)]
        # The sentence reads naturally once the brackets are replaced by the facts.
        filled = draft.replace(placeholder, "выплаты идут два раза в месяц")
        assert not unfilled(filled) and "placeholder" not in [issue.code for issue in lint_reply(filled)]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("После вашей химчистки на пальто остались пятна", "после нашей химчистки на пальто остались пятна"),
        ("Ремонт обещали за неделю. Прошёл месяц, а кухню так и не доделали", "кухню так и не доделали"),
        ("Записала дочь на плавание, а тренер не пришёл на занятие", "тренер не пришёл на занятие"),
        ("Официантка забыла про наш заказ", "официантка забыла про ваш заказ"),  # the author's «наш»
        ("Вожатый орёт на детей весь день", "вожатый кричит на детей"),  # as a company would say it
        ("Заявку подала давно, до сих пор никто не перезвонил", "до сих пор никто не перезвонил"),
    ],
)
def test_the_failure_is_repeated_in_the_authors_words(text: str, said: str) -> None:
    found = complaint_clause(text)
    assert found is not None and found.startswith(said), found


@pytest.mark.parametrize(
    "text",
    [
        "Мы дважды приехали к закрытой двери",  # the author's own doing
        "Почему у вас всё так дорого?",  # a question is answered, not repeated
        "Руки бы оторвать вашим мастерам",  # a wish
        "Ваши менеджеры вечно ничего не могут",  # a sweeping verdict
        "Забрала платье с пятном на подоле",  # a past verb with no subject is the author's
        "Ссылку на вебинар так и не получила",  # «ссылку» is no subject of «получила»
        "Худший сервис, нога моя больше туда не ступит",  # what the author will do
        "Ни разу не подвели за три года, спасибо",  # praise
        "Начало сеанса в 19:00 перенесли без предупреждения? Серьёзно?",  # only questions
    ],
)
def test_what_is_not_the_failure_is_not_repeated(text: str) -> None:
    assert complaint_clause(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Абонемент на 12 занятий, из них четыре отменили вы сами. Деньги за них вернёте или перенесёте?",
        "Экскурсию отменили в последний момент, вернёте деньги или нет?",
    ],
)
def test_a_question_about_the_money_is_answered_without_a_promise(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert "ответим здесь после проверки" in draft or "вернём" in draft, draft
        assert not ASKS_AGAIN.search(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Шкаф заказан 20 ноября, обещали 30 рабочих дней. Менеджер трубку не берет нихуя.",
        "Курьер заебал звонить в шесть утра, а заказ так и не привёз",
        "Оператор нахуя-то отменил заявку и не перезвонил",
        "Третий день сидим без света, пиздец, никто не приехал",
        "Мастер ёбаный кран сломал и ушёл",
    ],
)
def test_a_clause_with_mat_is_never_repeated_back(text: str) -> None:
    clause = complaint_clause(text)
    assert clause is None or not re.search(r"ху[йяеёию]|заеб|пизд|ёба", clause.lower())
    for reply in drafts(Label.CONSTRUCTIVE, text, None):
        assert not re.search(r"ху[йяеёию]|заеб|пизд|ёба", reply.lower()), reply


def test_a_clause_with_a_word_that_only_looks_rude_is_still_repeated() -> None:
    assert complaint_clause("Курьер так и не приехал, ребёнок ждал два часа") == "курьер так и не приехал"
