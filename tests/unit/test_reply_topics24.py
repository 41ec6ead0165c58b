"""Drafts that answer the right kind of comment (issue 18, rounds 17 and 18): a rumour, a corruption claim or
"you are paid by" gets the facts to fill and no apology, thanks or refund; a political provocation one
boundary; a request, a policy or a contract is named as such and never called an order; a service gets no
shop's line; a question of the price gets the price; English waits and discounts, and the Ukrainian and
English safety lines count the people harmed. The comments are written for the tests, in businesses and
words of neither the readings nor the held-out set."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import read_comment
from bot.replies.given_ids import given_ids
from bot.replies.reading import normalise
from bot.replies.shapes import author_ids
from tests.unit.reply_cases import doctrine_clean, drafts

APOLOGY = re.compile(r"прост|извин|жаль|sorry|apolog|вибач|перепрош|шкода", re.IGNORECASE)
THANKS = re.compile(r"спасиб|благодар|thank|дякую|дякуємо", re.IGNORECASE)
REFUND = re.compile(r"вернём|вернем|\[что сделаем|refund|повернемо", re.IGNORECASE)
FACTS = re.compile(r"\[(?:факты|facts|факти)[^\]]*\]")

RUMOURS = [
    (
        "leisure",
        "Говорят, вы клиентам не отдают залог: находят царапины, которых не было. Знакомому так 9 тысяч не вернули",
    ),
    ("city", "Всем известно, что ремонт дворов отдали фирме, где работает сын замглавы. Распил бюджета в чистом виде"),
    ("clinic", "Правда, что у вас врачи получают процент за каждое направление на платную МРТ? Это же откаты"),
    ("bank", "Слышала, что ваш банк тихо подключает пенсионерам платные услуги. Соседке так 2 тысячи списали"),
    (None, "Сколько вам заплатили за этот хвалебный материал про управляющую компанию? Заказная статья же"),
    ("city", "Вы же на содержании у администрации, поэтому про аварийные дома молчите"),
    ("fitness", "Все знают, что ваш клуб — это лохотрон: абонементы продают, а тренажёры годами не чинят"),
]


@pytest.mark.parametrize(("kind", "text"), RUMOURS)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.TROLLING])
def test_a_rumour_or_a_claim_gets_facts_to_fill_and_no_apology_thanks_or_refund(
    kind: str | None, text: str, label: Label
) -> None:
    assert read_comment(text, kind=kind).topic is Topic.ACCUSATION
    for draft in drafts(label, text, kind):
        assert FACTS.search(draft), draft
        assert not APOLOGY.search(draft), draft
        assert not THANKS.search(draft), draft
        assert not REFUND.search(draft), draft
        assert doctrine_clean(draft), draft


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Подрядчик по ремонту дороги — кум мэра, откаты никто не отменял", "подрядчик"),
        ("Деньги на ремонт школы пилят, а крыша течёт, это коррупция", "подрядчик"),
        ("Признайтесь, сколько вам заплатили за этот пост про новый ЖК?", "реклам"),
        ("Вы на зарплате у мэрии, вот и пишете, что всё хорошо", "реклам"),
    ],
)
def test_kickbacks_and_paid_posts_get_their_own_facts_to_fill(text: str, said: str) -> None:
    for draft in drafts(Label.TROLLING, text, "city"):
        assert said in FACTS.search(draft).group(0), draft  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Говорят, вы берёте за мойку салона дважды, моему другу так сняли 3 тысячи",
        "Говорят, у вас списывают штрафы за опоздание на минуту. Коллеге так насчитали 4 тысячи",
    ],
)
def test_a_third_partys_case_is_asked_to_write_never_refunded_on_hearsay(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, "leisure"):
        assert "пусть напишут" in draft, draft
        assert not REFUND.search(draft), draft


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("shop", "А вы сами за кого голосовать будете? Пироги печёте, а сами небось за партию власти"),
        ("cafe", "Пока вы тут латте наливаете, в Госдуме опять принимают законы против людей. Стыдно молчать"),
        ("city", "Who did you vote for in the council election, admin? Be honest"),
        ("food", "Адміне, ти за яку партію голосував? Чесно скажи"),
        ("salon", "А правда, что вы перед выборами агитируете клиенток за депутата?"),
    ],
)
@pytest.mark.parametrize("label", [Label.TROLLING, Label.IMPULSIVE])
def test_a_political_provocation_gets_one_boundary_no_apology_no_thanks(kind: str, text: str, label: Label) -> None:
    for draft in drafts(label, text, kind):
        assert re.search(r"полити|politic|політ", draft, re.IGNORECASE), draft
        assert not APOLOGY.search(draft), draft
        assert not THANKS.search(draft), draft
        assert "[" not in draft, draft


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Заявка в ЕДДС № 5512-К про сосульки висит с понедельника", "ticket", "5512-К"),
        ("Подала обращение № 77-0142 в управу про лавочки, тишина", "ticket", "77-0142"),
        ("Полис КАСКО № 7701442 оплачен, а в приложении его нет", "contract", "7701442"),
        ("Договор аренды № ПР-4410, ключи сдал, залог не вернули", "contract", "ПР-4410"),
        ("Квитанция 3305, сдал куртку в чистку неделю назад", "receipt", "3305"),
        ("Тикет 551209 закрыли без ответа", "ticket", "551209"),
        ("My support case #CX-7781 has been open for ten days", "ticket", "CX-7781"),
        ("Звернення № 4410 до ЦНАПу подала в жовтні", "ticket", "4410"),
        ("Заказ № 66120 привезли без хлеба", "order", "66120"),
    ],
)
def test_an_id_is_the_kind_the_author_called_it_in_the_reading_and_the_drafts(text: str, kind: str, value: str) -> None:
    assert [(g.kind, g.value) for g in given_ids(text)] == [(kind, value)]
    assert author_ids(text) == [value]
    facts = read_comment(text).facts.as_dict()
    if kind == "order":
        assert facts.get("order") == value
    else:
        assert "order" not in facts, facts
    if kind in ("ticket", "contract"):
        assert facts.get(kind) == value


@pytest.mark.parametrize(
    ("kind", "text", "named"),
    [
        ("city", "Улица Лесная не чищена неделю, заявка в ЕДДС № 5512-К без ответа", "заявке 5512-К"),
        (
            "city",
            "Обращение № 77-0142 про сломанные лавочки в сквере подала месяц назад, ничего не сделано",
            "обращению 77-0142",
        ),
        ("utility", "Заявка № 2207-Т на проверку счётчика висит с ноября, звоню — ждите", "заявке 2207-Т"),
        (
            None,
            "Договор аренды № ПР-4410, машину сдал без замечаний, залог 20 000 обещали вернуть за 5 дней, прошло 9",
            "договору ПР-4410",
        ),
    ],
)
def test_a_request_or_a_contract_is_named_as_such_never_an_order(kind: str | None, text: str, named: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert named in draft, draft
        assert "заказ" not in draft.lower(), draft
        assert "номер заявки" not in draft and "номер договора" not in draft, draft


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("courier", "Не пользуйтесь этой курьерской службой, документы теряют. Отписывайтесь все"),
        ("taxi", "Удаляйте это такси, водители хамят. Переходите все к другим"),
        ("salon", "Девочки, бойкот этому салону, пока не извинятся. Отписывайтесь"),
    ],
)
def test_a_service_gets_no_shops_line(kind: str, text: str) -> None:
    for draft in drafts(Label.DIRECTED, text, kind):
        assert "покупа" not in draft.lower(), draft


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("salon", "Девочки, тут обсчитывают! Мастер сказала 2000, а на кассе пробили 2900. Пишите отзывы"),
        ("salon", "Не ходите к ним, обсчитали на 800 за «сложный дизайн», о котором никто не говорил. Пишите жалобы"),
    ],
)
def test_a_services_overcharge_claim_gets_the_price_list_not_weights(kind: str, text: str) -> None:
    for draft in drafts(Label.DIRECTED, text, kind):
        assert "прайс" in draft, draft
        assert not re.search(r"\bвес|ценник", draft), draft


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("music", "Сколько у вас стоит замена струн на гитаре? На сайте не нашла"),
        ("salon", "Подскажите, сколько стоит окрашивание в один тон? В прайсе нет"),
        ("carservice", "Сколько будет стоить замена масла на Солярисе?"),
        ("fitness", "How much is a month of yoga classes? Nobody answers the phone"),
    ],
)
def test_a_question_of_the_price_gets_the_price_not_a_rise(kind: str, text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert re.search(r"\[(?:цена|price)", draft), draft
        assert not re.search(r"нов\w+ цен|рост цен|подорож|new prices|так быть не должно", draft), draft


@pytest.mark.parametrize(
    "text", ["Почему эспрессо теперь стоит 250? Грабёж", "Сколько можно, стрижка теперь стоит 1800 вместо 1200!"]
)
def test_a_price_with_a_rise_stays_a_complaint_about_the_rise(text: str) -> None:
    assert "price_rise" in read_comment(text).facts.flags
    for draft in drafts(Label.CONSTRUCTIVE, text, "cafe"):
        assert "[цена" not in draft, draft


@pytest.mark.parametrize(
    ("kind", "text", "said"),
    [
        ("cafe", "We waited two hours for our food on Saturday and nobody told us why.", "two hours"),
        ("cafe", "Waited an hour and a half for a table we had booked.", "an hour and a half"),
        ("utility", "Second day without hot water in our flat, no word from you.", "for two days"),
        ("utility", "Fourth day without hot water. Seriously?", "for four days"),
    ],
)
def test_english_waits_and_days_are_said_back(kind: str, text: str, said: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind, author="Ben"):
        assert said in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "The kids' swimming course went from £90 to £120. Is there a sibling discount?",
        "Membership is now $70 instead of $55. Do you have any student discount?",
    ],
)
def test_an_english_discount_question_beside_a_rise_gets_the_discounts_to_fill(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, "fitness", author="Ann"):
        assert "[discounts" in draft, draft


@pytest.mark.parametrize(
    ("lang_text", "count"),
    [
        ("Вчора обідали у вас утрьох, уночі всім трьом стало погано, блювота", "вам усім трьом"),
        ("Вечеряли вчотирьох, уночі всім погано — блювота і температура", "вам усім чотирьом"),
        ("Both of us got sick after your burgers yesterday, vomiting all night", "both of you"),
        ("Three of us got food poisoning after the fish soup, vomiting till morning", "all three of you"),
    ],
)
def test_the_ukrainian_and_english_safety_lines_count_the_people_harmed(lang_text: str, count: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, lang_text, "cafe", author=None):
        assert count in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "В поддержку писал дважды, ответа нет, а деньги за отменённый заказ так и не вернули",
        "Звонила два раза на горячую линию, сказали ждать, возврат до сих пор не пришёл",
    ],
)
def test_writing_twice_is_no_double_charge(text: str) -> None:
    assert "double_charge" not in read_comment(text).facts.flags


def test_a_car_returned_without_remarks_is_no_rudeness() -> None:
    text = "Сдал машину без замечаний, акт подписан, а залог 10 000 не вернули уже неделю"
    assert read_comment(text, kind="leisure").topic is not Topic.RUDENESS
    assert "без замечаний" in normalise(text)
