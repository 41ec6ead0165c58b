"""Round 16's draft faults in general: a handle taken for a name, a jab at moderation answered with an
admitted deletion, asks and topics from a stray word, another business's role, a clause that lost its
subject, an apology twice, a deadline ignored. The comments are written for these tests (none of a reading's)."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.business import ChatKinds, flags_of
from bot.replies.deadline import deadline
from bot.replies.grammar import reply_name
from bot.replies.playbooks import read_comment

CASES = range(6)


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = None) -> list[str]:
    found = (suggest_reply(label, problem=None, author_name=author, case_id=n, text=text, kind=kind) for n in CASES)
    return [d for d in found if d]


# 1. A handle is no address.


@pytest.mark.parametrize(
    "handle", ["Ультрас Самара", "Дрифтер Казань", "Сталкер Ночной", "Фанатик Зенита", "Хулиган Уралмаш"]
)
def test_a_fan_handle_or_nickname_is_never_an_address(handle: str) -> None:
    assert reply_name(handle) is None
    text = "Третий день не могу дозвониться в кассу, билеты на матч так и не пришли на почту"
    first = handle.split()[0]
    for draft in drafts(Label.CONSTRUCTIVE, text, author=handle):
        assert not draft.startswith(f"{first},"), draft


@pytest.mark.parametrize(
    ("author", "name"),
    [("Айгуль Хасанова", "Айгуль"), ("Андрей Лис", "Андрей"), ("Марина Ш.", "Марина"), ("Ринат Волга", "Ринат")],
)
def test_a_first_name_with_a_surname_or_an_initial_stays_an_address(author: str, name: str) -> None:
    assert reply_name(author) == name


# 2. A jab at moderation: the rules, no admitted deletion.


@pytest.mark.parametrize(
    "text",
    [
        "Админ, ты тут все отзывы про тренеров чистишь? Вчера их было больше",
        "Сейчас и этот коммент потрёте, как все неудобные? Цензура",
        "модератор трёт всё, что не нравится руководству, ну-ну",
        "А удаляете неудобные вопросы вы тоже по правилам?",
    ],
)
def test_a_jab_at_moderation_gets_the_rules_and_no_admitted_deletion(text: str) -> None:
    found = drafts(Label.TROLLING, text, kind="fitness")
    assert found
    for draft in found:
        assert "правила чата" in draft or "правил" in draft, draft
        assert not re.search(r"почему (?:убрали|удалили)|этот комментарий", draft), draft


@pytest.mark.parametrize(
    "text",
    ["Вчера удалили мой отзыв про грязные раздевалки, почему?", "Мой комментарий про тренера опять удалили!"],
)
def test_a_deletion_the_author_names_is_checked(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="fitness", author="Олег"):
        assert re.search(r"почему убрали ваш комментарий", draft), draft


# 3. Asks and topics from the complaint, not a stray word.


@pytest.mark.parametrize(
    "text",
    [
        "Поменяли стекло на айфоне, а теперь не работает Face ID!!! руки кривые",
        "После замены дисплея перестал работать датчик приближения",
        "Отдала ноутбук почистить, забрала — теперь не включается",
        "Вчера заменили аккумулятор, а сегодня телефон не заряжается вообще",
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_function_failing_after_a_repair_gets_a_free_check_not_a_photo(label: Label, text: str) -> None:
    assert read_comment(text, problem=None).topic is not Topic.SAFETY
    found = drafts(label, text, author="Денис")
    assert found
    for draft in found:
        assert not re.search(r"фото|отдел качества", draft), draft
        assert re.search(r"квитанц", draft) and re.search(r"гаранти", draft), draft
        assert not re.search(r"простите, что [^.]*(?:поменял|заменил)", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "На 2-й дорожке шар из возврата вылетает как из пушки, дочь чуть не прищемила руку",
        "Возврат шаров на 5 дорожке заедает, шары застревают, ждём по пять минут",
        "На беговой дорожке сломан возвратный механизм поручня",
    ],
)
def test_a_ball_return_is_no_refund(text: str) -> None:
    assert read_comment(text, problem=None, kind="leisure").topic is not Topic.REFUND


# 4. The business's own role.


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Горэлектротранс — пассажирам", "transport"),
        ("МУП «Пассажиравтотранс» — чат", "transport"),
        ("Водоканал города — обращения", "utility"),
        ("Теплосеть Северного района", "utility"),
        ("Зоопарк «Лимпопо» — посетители", "zoo"),
    ],
)
def test_operators_and_zoos_are_kinds_of_their_own(title: str, kind: str) -> None:
    chats = ChatKinds()
    chats.note(1, title=title)
    assert chats.kind(1) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Автобус 12 в 7:50 проехал мою остановку не останавливаясь, а следующий через 20 минут",
        "Трамвай 3 опять не пришёл, ждали 40 минут на морозе",
        "Водитель маршрута 45 закрыл двери перед носом и уехал",
    ],
)
def test_a_transport_operator_never_passes_a_complaint_to_the_carrier(text: str) -> None:
    for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):
        for draft in drafts(label, text, kind="transport", author="Олег"):
            assert "перевозчик" not in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "Горячей воды нет третий день на Садовой 5, когда дадут?",
        "Отопление еле тёплое уже неделю, Ленина 14, сколько можно",
    ],
)
def test_a_utility_never_passes_a_complaint_to_a_service_company(text: str) -> None:
    for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):
        for draft in drafts(label, text, kind="utility", author="Людмила"):
            assert not re.search(r"обслуживающ|управляющ", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Жирафы стоят в грязи, в вольере не убирают. Не ходите в этот зоопарк, не несите им деньги!",
        "Пингвины в тесном бассейне с мутной водой. Бойкот зоопарку, не покупайте туда билеты",
    ],
)
def test_a_zoo_boycott_is_not_answered_about_where_to_shop(text: str) -> None:
    assert "no_goods" in flags_of("zoo")
    for draft in drafts(Label.DIRECTED, text, kind="zoo"):
        assert not re.search(r"где покупать|товар", draft), draft


# 5. Text faults and deadlines.


@pytest.mark.parametrize(
    "text",
    [
        "Оплатили 8 занятий, два отменили в день занятия, одно перенесли без предупреждения. Будет пересчёт?",
        "Из десяти тренировок три отменили, одну перенесли на утро. Верните деньги за пропущенные",
    ],
)
def test_a_clause_headed_by_a_bare_count_is_not_echoed(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="school", author="Елена"):
        assert not re.search(r"что (?:одно|одну|два|две|три)\b", draft), draft


def test_an_apology_is_not_said_twice_in_a_row() -> None:
    text = "Заказ 55-1021 оплатил дважды, 1 790 и ещё 1 790, в поддержке неделю не отвечают"
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="marketplace", author="Кирилл"):
        assert len(re.findall(r"\bпростите\b", draft, re.IGNORECASE)) <= 1, draft


def test_a_ukrainian_accusation_says_its_answer_once() -> None:
    text = "Мені при кредиті нав'язали страховку на 9 тисяч, у мене договір є. Це шахрайство"
    for draft in drafts(Label.DIRECTED, text, kind="bank"):
        assert not re.search(r"відповімо\. Відповімо", draft), draft


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Куртку сдала в ремонт молнии, она нужна к пятнице на поездку", "к пятнице"),
        ("Мне платье в субботу надеть на юбилей, а оно всё ещё не готово", "к субботе"),
        ("У нас 23-го новоселье, а шкаф так и не привезли", "до 23-го"),
        ("Надо до 19-го забрать документы, а у вас всё закрыто", "до 19-го"),
    ],
)
def test_a_deadline_the_author_names_is_read(text: str, when: str) -> None:
    assert deadline(text) == when


@pytest.mark.parametrize(
    "text",
    [
        "В среду было 5 человек на празднике, всё испортили",
        "21-го прошло наше новоселье, было шумно",
        "Жду с понедельника",
    ],
)
def test_a_past_occasion_is_no_deadline(text: str) -> None:
    assert deadline(text) is None


@pytest.mark.parametrize(
    ("text", "kind", "stem"),
    [
        (
            "Сдала пальто в чистку 1-го, квитанция 7712, обещали три дня. Оно нужно к пятнице на похороны",
            "laundry",
            "пятниц",
        ),
        ("Шторы обещали подшить к 5-му, сегодня 6-е. Нам в субботу на юбилей, а шторы не готовы", "laundry", "суббот"),
    ],
)
def test_a_deadline_is_echoed_as_something_to_check(text: str, kind: str, stem: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, kind=kind, author="Юлия")
    assert found
    for draft in found:
        assert stem in draft.lower(), draft
        assert not re.search(r"точно успеем|сделаем к", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Автобус 27 в 6:40 от Заводской не пришёл вообще, следующий через 35 минут, опоздал на смену",
        "Трамвай 9 проехал остановку, не открыв двери, ждали ещё 20 минут",
    ],
)
@pytest.mark.parametrize("kind", ["transport", "city"])
def test_a_bus_that_never_came_gets_no_reschedule_slot(text: str, kind: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind=kind, author="Нина"):
        assert not re.search(r"перенесём на удобное время|вернём деньги|привезём", draft), draft


@pytest.mark.parametrize(
    ("title", "kind"),
    [("Мосгортранс — вопросы пассажиров", "transport"), ("Зоосад «Берёзка» при городском парке", "zoo")],
)
def test_the_city_s_words_in_comments_do_not_undo_an_operator_the_title_names(title: str, kind: str) -> None:
    chats = ChatKinds()
    chats.note(7, title=title)
    for text in ["Автобусы ходят раз в час, мэрия молчит", "На остановке у администрации города опять темно"]:
        chats.note(7, text=text)
    assert chats.kind(7) == kind
    city = ChatKinds()
    city.note(8, title="Город Заречный — чат жителей")
    city.note(8, text="Автобусы ходят раз в час, мэрия молчит")
    assert city.kind(8) == "city"


@pytest.mark.parametrize(
    "text",
    [
        "С нового года проезд 70 рублей, а было 55. Это как?",
        "Стоимость проезда опять подняли, а автобусы всё те же",
        "За проезд по карте теперь 62, пенсионерам как жить?",
    ],
)
def test_a_fare_is_a_price_even_in_a_transport_company_s_chat(text: str) -> None:
    assert read_comment(text, problem=None, kind="transport").topic is Topic.PRICE
