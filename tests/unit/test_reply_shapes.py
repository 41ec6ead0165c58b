"""Safe shapes: a draft never names another problem than the author's, and safety claims and
accusations get their own shape whatever the topic was read as.

The comments are from the blind readings already read (docs/readings/round10.md), with the label and
problem phrase the classifier gave them then, so the test follows the drafts, not the classifier.
"""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Reading, Topic
from bot.domain.verdicts import Label
from bot.replies import lint_reply, suggest_reply, unfilled
from bot.replies.grounding import grounded, real_price_complaint
from bot.replies.reading import read_comment
from bot.replies.shapes import ACCUSATION, SAFETY, author_ids, questions, shape_of

C, IMP, T = Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING


def draft(
    label: Label, text: str, *, problem: str | None = None, name: str | None = None, kind: str | None = None
) -> str:
    reply = suggest_reply(label, problem=problem, author_name=name, case_id=0, text=text, kind=kind)
    assert reply, text
    return reply


def test_an_instructor_who_never_came_is_not_an_app_failure() -> None:
    text = (
        "Записалась на вождение на 14 мая на 9:00 через приложение, пришла — инструктора нет, трубку не берёт. "
        "Это уже второй раз за месяц. Договор № А-2291."
    )
    reply = draft(C, text, problem="работа приложения", name="Дарья")
    assert not re.search(r"сбо[йя]|разработчик|браузер", reply)
    assert "А-2291" in reply  # the contract the author gave is echoed, not asked for again
    assert "номер договора" not in reply


def test_wrong_opening_hours_are_not_a_site_failure() -> None:
    text = (
        "Пришли в воскресенье к 16:00, а касса закрыта, хотя на сайте написано до 18. Ехали с детьми через весь город."
    )
    reply = draft(C, text, problem="касса", name="Светлана")
    assert not re.search(r"браузер|сбо[йя]|разработчик", reply)


def test_a_wait_for_a_part_gets_no_price_template() -> None:
    text = "3 недели ждать ЗАПЧАСТЬ за 800 рублей?? я без кофе уже с ума схожу, вы издеваетесь"
    reply = draft(C, text, problem="запчасти", name="Макс", kind="cafe")
    assert not unfilled(reply)
    assert not real_price_complaint(read_comment(text))


def test_a_lost_suitcase_is_not_an_order() -> None:
    text = (
        "My suitcase didn't arrive on flight SA-207 from Arkhangelsk on June 9. Filed a report at the airport "
        "(ref ARH-55821), nobody has called me back in 4 days."
    )
    reply = draft(C, text, problem="рейс", name="Mark")
    assert "order" not in reply.lower()
    assert "ARH-55821" in reply


def test_a_refund_request_is_not_apologised_for_as_a_failed_refund() -> None:
    text = (
        "Подскажите, пожалуйста, можно ли как-то вернуть деньги за абонемент на 10 посещений? Сходили 3 раза, "
        "потом сын сломал руку, врач запретил бассейн до осени."
    )
    reply = draft(C, text, problem="возврат денег", name="Ольга")
    assert "с возвратом" not in reply
    assert "где и когда" not in reply
    assert "возврат" in reply  # the question is routed, not ignored


def test_a_fragment_that_cannot_follow_the_apology_is_dropped() -> None:
    text = (
        "Рейс СА-412 Сыктывкар — Москва 12.06 задержали на 5 часов, ни воды, ни объяснений. Как получить компенсацию?"
    )
    reply = draft(C, text, problem="рейс", name="Андрей")
    assert "что Москва" not in reply
    assert "СА-412" in reply
    assert "компенсац" in reply


def test_a_warranty_question_is_routed() -> None:
    text = (
        "Здравствуйте. Сдавала вам DeLonghi Magnifica S 20 апреля, квитанция 0417. После ремонта снова течёт "
        "под поддоном. Гарантия на ремонт есть?"
    )
    reply = draft(C, text, problem="квитанция", name="Наталья", kind="cafe")
    assert "гарант" in reply.lower()


@pytest.mark.parametrize(
    ("label", "text"),
    [
        (
            T,
            "вы там вообще воду меняете?? после волнового бассейна у меня и у мужа глаза красные два дня, хлоркой несёт",
        ),
        (IMP, "У моей дочери во 2 смене клеща из головы вытащили, а узнала я это от неё самой, не от вожатых. Почему?"),
        (C, "На выходе из автобуса мама споткнулась, упала и разбила колено. Рейс Уфа — Казань 23 сентября."),
        (
            C,
            "The car's brakes were squealing and the pedal went soft on the highway today. Nobody answered in the app.",
        ),
        (C, "Після уроку в басейні в доньки висип по всьому тілу, були 3 травня"),
    ],
)
def test_health_and_safety_claims_get_the_safety_shape(label: Label, text: str) -> None:
    reading = read_comment(text)
    assert shape_of(label, reading) == SAFETY
    reply = draft(label, text, name="Анна")
    assert not re.search(r"шутк|joke|жарт|на связи|in touch|надеемся|hope you", reply, re.IGNORECASE)
    assert re.search(r"сегодня|today|сьогодні", reply)  # a concrete next step
    assert not unfilled(reply)


@pytest.mark.parametrize(
    ("label", "text"),
    [
        (
            IMP,
            "Вы берёте 4500 за «внутренний экзамен», а потом оказывается что его можно было не сдавать. Это развод, ребят",
        ),
        (
            T,
            "Смешно читать ваши отзывы на Яндексе, половина написана ботами за одну неделю. Сами себе звёздочки ставите?",
        ),
        (C, "В счёте 5520 на 14 300 ₽ насчитали шесть работ, которых никто не делал. Это просто развод клиентов."),
        (C, 'Got a 5000 fine for "smoking in the car". I don\'t smoke. Nobody showed me any photo. This is a scam.'),
    ],
)
def test_accusations_are_never_apologised_for_nor_joked_about(label: Label, text: str) -> None:
    assert shape_of(label, read_comment(text)) == ACCUSATION
    for kind in (None, "food", "school"):
        reply = draft(label, text, name="Игорь", kind=kind)
        assert not re.search(r"прост|извин|жаль|sorry|шутк|joke", reply, re.IGNORECASE), reply


@pytest.mark.parametrize(
    "text",
    [
        "Вы берёте 4500 за «внутренний экзамен», а потом оказывается что его можно было не сдавать. Это развод, ребят",
        "В счёте 5520 на 14 300 ₽ насчитали шесть работ, которых никто не делал. Это просто развод клиентов.",
        'Got a 5000 fine for "smoking in the car". I don\'t smoke. Nobody showed me any photo. This is a scam.',
    ],
)
def test_a_fraud_claim_gets_facts_for_the_admin_to_fill(text: str) -> None:
    reply = draft(C, text, name="Игорь")
    assert unfilled(reply)  # the admin writes the facts; the bot never sends it unfilled


def test_the_accusation_shape_repeats_the_authors_own_id() -> None:
    text = "В счёте 5520 на 14 300 ₽ насчитали шесть работ, которых никто не делал. Это просто развод клиентов."
    assert "5520" in draft(C, text, name="Руслан")


def test_a_grounded_draft_is_kept() -> None:
    text = "Списали деньги дважды за заказ 884577 — два раза по 12 490 ₽."
    reply = draft(C, text, name="Екатерина", kind="shop")
    assert "дважды" in reply and "12 490" in reply  # the composed draft, not a neutral shape


def test_words_of_fun_are_not_a_safety_claim() -> None:
    for text in (
        "раньше игра была душевная, теперь тошнит",
        "админ, чё молчим? опять вышка упала?",
        "насыпьте нормально",
    ):
        assert shape_of(IMP, read_comment(text)) is None, text


def test_neutral_shape_never_names_a_problem_and_lints_clean() -> None:
    text = "Записалась на маникюр на субботу в 11:00, пришла — меня нет в записи, администратор пожала плечами."
    reading = Reading(Topic.APP, read_comment(text).facts, "ru", False, text)
    reply = suggest_reply(C, problem="работа приложения", author_name="Юлия", case_id=1, reading=reading)
    assert reply is not None
    assert not re.search(r"сбо[йя]|приложени|сайт|браузер", reply)
    assert not [issue for issue in lint_reply(reply) if issue.code != "placeholder"]


def test_drafts_without_the_comment_are_left_as_composed() -> None:
    # Only the author's own words can show a draft names another problem; a problem phrase alone cannot.
    reply = suggest_reply(C, problem="сбой сайта", author_name="Анна", case_id=0)
    assert reply is not None and "сайт" in reply


def test_grounding_rejects_another_business_vocabulary() -> None:
    reading = read_comment("Записалась на вождение через приложение, пришла — инструктора нет, трубку не берёт.")
    assert not grounded("Простите за сбой приложения. Передали разработчикам.", reading)
    assert grounded("Простите, что так вышло. Разберёмся и ответим здесь.", reading)
    broken = read_comment("Рейс Сыктывкар — Москва 12.06 задержали на 5 часов")
    assert not grounded("Андрей, простите, что Москва 12.06 задержали на 5 часов.", broken)


def test_author_ids_and_questions() -> None:
    assert author_ids("Бронь 4471-ВБ, билет 118-554 и заказ 884120") == ["4471-ВБ", "118-554", "884120"]
    assert author_ids("booking HH-20877, 3000 ₽, 22.09 в 7:30") == ["HH-20877"]
    assert questions("Можно просто вернуть деньги?") == ["refund"]
    assert questions("Это по гарантии сделаете?") == ["warranty"]
    assert questions("Когда вернёте молоко?") == []
    assert questions("I'd like a replacement, not a refund.") == []


def neutral(text: str, *, name: str = "Юлия", case_id: int = 0, lang: str = "ru") -> str:
    """The draft for ``text`` read as an app failure, which its words do not ground: the neutral shape."""
    reading = Reading(Topic.APP, read_comment(text).facts, lang, False, text)
    reply = suggest_reply(C, problem="работа приложения", author_name=name, case_id=case_id, reading=reading)
    assert reply is not None
    return reply


def test_the_neutral_shape_names_what_went_wrong_in_the_authors_words() -> None:
    reply = neutral("Гид опять не пришёл к началу экскурсии в 10:00, группа стояла у входа.", case_id=0)
    assert reply.startswith("Юлия, нам жаль, что гид опять не пришёл.")
    assert not [issue for issue in lint_reply(reply) if issue.code != "placeholder"]
    # a comment with no clause to repeat keeps the neutral line
    assert "так вышло" in neutral("Ужас какой-то, а не сервис, больше ни ногой.")


@pytest.mark.parametrize(
    "text",
    [
        "Экскурсию вчера отменили прямо у автобуса.",
        "Приехали 14-го, а гид не пришёл.",
        "В субботу гид не пришёл, ждали у входа.",
        "Оплатила экскурсию на субботу, гид не пришёл.",
        "Сегодня гид не пришёл, ждали у входа.",
        "Гид уже третий раз не приходит к началу.",
    ],
)
def test_a_date_told_in_relative_words_is_not_asked_for(text: str) -> None:
    reply = neutral(text)
    assert not re.search(r"когда это было|когда это случилось", reply)


def test_a_date_is_asked_for_only_when_none_was_given() -> None:
    assert "когда это было" in neutral("Гид не пришёл, группа стояла у входа.")


def test_private_messages_only_for_personal_data() -> None:
    public = neutral("Гид не пришёл в субботу, группа стояла у входа.")
    assert "личные сообщения" not in public and "здесь" in public
    # a purchase with no number given: finding it needs the author's data
    private = neutral("Оплатила экскурсию на субботу, гид не пришёл.")
    assert "личные сообщения" in private
    # the number given: checked by it, in public
    by_id = neutral("Оплатила экскурсию, заказ 55120, гид не пришёл.")
    assert "55120" in by_id and "личные сообщения" not in by_id


def test_a_safety_claim_dated_in_relative_words_asks_for_no_date() -> None:
    reply = neutral("Вчера на экскурсии сын упал с лестницы и разбил колено, перил там нет.")
    assert "позвоним сегодня" in reply  # the safety shape
    assert "дату" not in reply
    assert "дату" in neutral("На экскурсии сын упал с лестницы и разбил колено, перил там нет.")


def test_an_intercity_trip_gets_no_city_transport_words() -> None:
    reading = read_comment("Рейс Пермь — Ижевск в 6:40 не вышел, билет 330-118, на автовокзале никто ничего не знает.")
    assert not grounded(
        "Передадим в транспортный отдел: пусть проверят по GPS, как машины выходят на маршрут.", reading
    )
    city = read_comment("Автобус 45 по утрам ходит раз в сорок минут, на остановке толпа.")
    assert grounded("Передадим в транспортный отдел: пусть проверят по GPS, как машины выходят на маршрут.", city)


@pytest.mark.parametrize(
    "text",
    [
        "Удалили мой комментарий про то, что серию урезали на 12 минут. Цензура!",
        "Вы удаляете все негативные отзывы, у вас цензура",
        "Админы удалили мои отзывы о плохом сервисе, это цензура",
    ],
)
def test_a_deleted_comment_is_checked_before_anything_is_claimed(text: str) -> None:
    for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):
        reply = suggest_reply(label, problem=None, author_name="Олег", case_id=0, text=text) or ""
        assert re.search(r"провер", reply, re.IGNORECASE), reply
        assert not re.search(r"не удаляем|никогда не удаля", reply), reply
