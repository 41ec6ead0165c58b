"""The grounding gate: a draft names a topic, an order or the author's clause only when the reading is sure
of it (issue 18, rounds 16–18: «простите, что люди не могут», «new prices» for late skis, «заказ» for a
city's request number, «в поддержке не отвечают» of our own support)."""

from __future__ import annotations

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies.confidence import clause_fits, order_strong, topic_strong
from bot.replies.playbooks import suggest_reply
from bot.replies.reading import read_comment
from bot.replies.silent_channel import in_our_voice, with_silence


@pytest.mark.parametrize(
    "clause",
    [
        "люди не могут",
        "пенсионеры не могут",
        "то многие не знают",
        "мы же писали",
        "два часа сидели и не прогрелись",
        "гости смеялись",
        "кто так работает",
        "телефон никто не берёт",
        "никто не знает",
        "поддержка третий день не отвечает",
        "менеджер не берёт трубку",
    ],
)
def test_a_clause_about_people_the_author_or_our_own_line_is_not_echoed(clause: str) -> None:
    assert not clause_fits(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "замок не открылся",
        "курьер не приехал",
        "урок отменили",
        "мастер не пришёл",
        "бампер поцарапали",
        "залог так и не вернули",
        "касса закрылась раньше",
        "нет горячей воды",
        "никто не позвонил",
        "его отменили за час до начала",
    ],
)
def test_a_clause_about_what_the_business_did_is_echoed(clause: str) -> None:
    assert clause_fits(clause)


@pytest.mark.parametrize(
    "text",
    [
        "Курьер привёз документы к 16:10 вместо 11:00, срочная доставка за 1200 ₽, встреча сорвалась",
        "Отдал сноуборд на заточку за 1 800 ₽, вернули с зазубринами по всему канту",
    ],
)
def test_a_sum_beside_another_failure_is_no_price_to_explain(text: str) -> None:
    draft = suggest_reply(Label.CONSTRUCTIVE, problem=None, author_name="Ирина", case_id=0, text=text) or ""
    assert draft
    for word in ("цен", "подорож", "из чего сложил"):
        assert word not in draft.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Капучино подорожал: было 220, теперь 290. Почему так?",
        "Тариф подняли с 450 до 590 без предупреждения",
    ],
)
def test_a_price_said_in_so_many_words_is_still_answered_as_a_price(text: str) -> None:
    reading = read_comment(text)
    assert topic_strong(reading)


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Двор на Полевой 7 не чистят неделю. Заявка № 5518-Д от 3 декабря", False),
        ("Обращение №77120 висит без ответа, подъезд не убран", False),
        ("Заказ 3318 привезли на два часа позже", True),
    ],
)
def test_an_order_is_called_so_only_when_the_author_did(text: str, order: bool) -> None:
    reading = read_comment(text)
    if reading.facts.get("order") is None:
        pytest.skip("no number read as an order")
    assert order_strong(reading) is order
    draft = suggest_reply(Label.CONSTRUCTIVE, problem=None, author_name="Галина", case_id=1, text=text) or ""
    if not order:
        assert "заказ" not in draft.lower()


@pytest.mark.parametrize(
    ("said", "ours"),
    [
        ("в поддержке не отвечают", "мы не ответили вам в поддержке"),
        ("в чате не отвечают", "мы не ответили вам в чате"),
        ("на горячей линии не отвечают", "мы не ответили вам на горячей линии"),
        ("по телефону не отвечают", "мы не ответили на ваши звонки"),
        ("менеджер не выходит на связь", "наш менеджер не вышел на связь"),
    ],
)
def test_our_own_silent_line_is_said_in_our_voice(said: str, ours: str) -> None:
    assert in_our_voice(said) == ours


@pytest.mark.parametrize(
    "text",
    [
        "Пластинка пришла треснутая, в поддержке молчат вторую неделю",
        "Набор пришёл без мяса, написала в чат — тишина",
        "Весь день звоню, трубку никто не берёт",
    ],
)
def test_the_brand_never_speaks_of_its_own_support_as_a_third_party(text: str) -> None:
    out = with_silence("Простите, что так вышло. Разберёмся и ответим здесь.", text)
    assert "не отвечают" not in out
    assert "мы не ответили" in out


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Сдала пальто в чистку 2 декабря, квитанция № 5521, обещали к пятнице, до сих пор не готово", "laundry"),
        ("Подъезд не убирают вторую неделю, обращение № 3390-Ж висит без ответа", "city"),
        ("Записывались на ТО на 10:00, машину взяли только в 12:30. Наряд 7741", "carservice"),
    ],
)
def test_an_id_with_its_label_is_said_as_the_author_wrote_it(text: str, kind: str) -> None:
    for case_id in range(3):
        draft = suggest_reply(
            Label.CONSTRUCTIVE, problem=None, author_name="Ольга", case_id=case_id, text=text, kind=kind
        )
        assert draft
        number = next(n for n in ("5521", "3390", "7741") if n in text)
        assert number in draft, draft
        assert "заказ" not in draft.lower(), draft


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Сделали узи за 5 минут и взяли 4 тысячи, врач даже не посмотрела толком", "clinic"),
        ("Стрижка держится уже три недели, мастер молодец, но запись через сайт неудобная", "salon"),
    ],
)
def test_a_time_that_is_no_wait_is_not_apologised_for_as_one(text: str, kind: str) -> None:
    for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):
        draft = suggest_reply(label, problem=None, author_name="Ольга", case_id=0, text=text, kind=kind) or ""
        assert "пришлось ждать" not in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "Заказ 5512, срочная доставка за 1200 ₽: курьер приехал в 16:10 вместо 11:00, встреча сорвалась",
        "Срочная доставка документов за 990 ₽, курьер опоздал на три часа. Заказ 7781",
    ],
)
def test_a_failure_with_a_sum_gets_the_admins_remedy_slot_not_a_price_line(text: str) -> None:
    reading = read_comment(text)
    assert not topic_strong(reading) or reading.topic is not Topic.PRICE
    draft = suggest_reply(Label.CONSTRUCTIVE, problem=None, author_name="Ирина", case_id=0, text=text) or ""
    assert "[что сделаем:" in draft, draft
    assert "цен" not in draft.lower(), draft
