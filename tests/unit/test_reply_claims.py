"""Drafts that assert nothing the business has not confirmed: no cause of a price, no duration or
admission the author did not give, no apology for an act nobody has checked, no other business's words,
no re-asked number or date. Several wordings for each, none of them a reader's comment."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import read_comment, suggest_reply

CASES = range(6)
APOLOGY = re.compile(r"простите|извините|жаль, что|вибачте|перепрошуємо|прикро|sorry", re.IGNORECASE)
CAUSE = re.compile(
    r"витрат|расход\w* (?:вырос|на курьер)|поставщики подняли|подняли (?:цен|свои)|вслед за|слідом|закупк\w* подорож|"
    r"costs went up|suppliers raised|followed them|справедливо,|оправдываться не будем|виправдовуватися|fair point|fair enough|"
    r"никто не предупредил|так и не исправили|уведомление до вас не дошло",
    re.IGNORECASE,
)


def drafts(label: Label, text: str, kind: str | None = None, name: str | None = "Ольга") -> list[str]:
    out = []
    for case_id in CASES:
        found = suggest_reply(label, problem=None, author_name=name, case_id=case_id, text=text, kind=kind)
        assert found is not None
        out.append(found)
    return out


@pytest.mark.parametrize(
    "name", ["compose_ru.toml", "compose_uk.toml", "compose_en.toml", "remedies.toml", "claims.toml"]
)
def test_no_template_asserts_a_cause_a_duration_or_an_admission(name: str) -> None:
    """Every text of the data file, not only the ones a test happens to reach."""
    data = tomllib.loads(resources.files("bot.replies.data").joinpath(name).read_text(encoding="utf-8"))
    texts = _texts(data)
    assert texts
    for found in texts:
        assert not CAUSE.search(found), found


def _texts(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Почему у вас шампунь стал стоить 480, а был 390?", "shop"),
        ("Доставка теперь 299 вместо 149, с чего вдруг?", "food"),
        ("Капучино подорожал до 260 рублей, это уже перебор", "cafe"),
        ("Чому кава тепер коштує 95 грн? Ще місяць тому було 70", "cafe"),
        ("Why is a flat white £4.20 now? It was £3.50 in spring", "cafe"),
        ("Your delivery fee doubled overnight, what's the reason?", "food"),
    ],
)
def test_a_price_rise_is_explained_on_request_not_blamed_on_costs(text: str, kind: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert not CAUSE.search(reply), reply


@pytest.mark.parametrize(
    "text",
    [
        "Ваш мастер при замене колодок поцарапал мне диск, фото есть",
        "После вашей химчистки на диване пятна, которых не было",
        "Грузчики уронили и разбили стеклянный стол, я всё снял на видео",
        "Сотрудник автомойки сломал мне щётку стеклоочистителя",
    ],
)
def test_damage_staff_are_said_to_have_done_is_checked_not_admitted(text: str) -> None:
    for label in (Label.CONSTRUCTIVE, Label.IMPULSIVE):
        for reply in drafts(label, text):
            assert not APOLOGY.search(reply), reply
            assert re.search(r"провер", reply, re.IGNORECASE), reply
            assert re.search(r"фото|видео", reply), reply


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        ("На АЗС недолив, оплатил 50 литров, а датчик показал 42. Колонка 2", "колонк"),
        ("У вас на заправке недоливают, это уже все знают, колонка 6", "колонк"),
        ("Мошенники, прислали не тот сорт малины, что заказывала", "парти"),
        ("Ваши сотрудники воруют вещи из шкафчиков, у меня пропал телефон", "камер"),
    ],
)
def test_an_accusation_says_what_is_checked_and_never_apologises(text: str, checked: str) -> None:
    for label in (Label.DIRECTED, Label.IMPULSIVE, Label.TROLLING):
        for reply in drafts(label, text):
            assert not APOLOGY.search(reply), reply
            assert checked in reply.lower(), reply
            assert "[факты" in reply, reply


@pytest.mark.parametrize(
    ("text", "kind", "not_said"),
    [
        (
            "Купил новую сим-карту, а списали 200 за подключение",
            "telecom",
            r"карт[ыу] (?:обслуж|заблок)|обслуживание карты",
        ),
        ("После замены симки пропал интернет, списали деньги за тариф", "telecom", r"обслуживание карты|лицев"),
        ("Нет сети в районе парка уже второй день, сим-карта исправна", "telecom", r"лицев|проверим линию|роутер"),
        ("Бонусы не начислили, карта лояльности привязана к номеру", None, r"банк|данные карты|номер карты"),
        ("Баллы за заправку не пришли, карта лояльности на брелоке", None, r"банк|данные карты|курьер|номер заказа"),
    ],
)
def test_words_of_another_business_are_not_used(text: str, kind: str | None, not_said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert not re.search(not_said, reply, re.IGNORECASE), reply


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Заказ №ТК-550913 так и не привезли", "ТК-550913"),
        ("Где мой заказ АБ/77120? Третью неделю жду", "АБ/77120"),
        ("Order XY-90211 never arrived", "XY-90211"),
    ],
)
def test_an_order_number_with_letters_is_read_and_not_asked_for(text: str, order: str) -> None:
    assert read_comment(text).facts.get("order") == order
    for reply in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert not re.search(r"номер заказа|order number", reply, re.IGNORECASE), reply


@pytest.mark.parametrize(
    "text",
    [
        "С 1 числа нет горячей воды в доме",
        "С 12-го числа не работает лифт",
        "Со вторника не вывозят мусор",
        "З 5 числа немає світла в під'їзді",
    ],
)
def test_a_day_given_as_a_start_is_a_date_given(text: str) -> None:
    assert "when" in read_comment(text).facts.flags
    for reply in drafts(Label.CONSTRUCTIVE, text):
        assert not re.search(r"когда это было|коли це було|when it happened", reply, re.IGNORECASE), reply


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Абонплату подняли до 850, а в поддержку не дозвониться — висел сорок минут", "telecom"),
        ("Повысили цену абонемента на 20%, по телефону никто не отвечает", "fitness"),
        ("Стоимость подписки выросла вдвое, оператор горячей линии бросил трубку", None),
    ],
)
def test_a_price_rise_is_the_complaint_not_the_wait_on_the_line(text: str, kind: str | None) -> None:
    assert read_comment(text, kind=kind).topic is Topic.PRICE
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert not re.search(r"дозвонит|достучат", reply), reply


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("После посещения бассейна у сына сыпь по всему телу", "fitness"),
        ("После посещения вашего аквапарка у дочки температура и рвота", None),
        ("После вашего корма у кота рвота второй день", "shop"),
        ("Собаку стригли у вас, теперь у неё ожог на спине", "salon"),
    ],
)
def test_a_vet_clinic_s_words_only_in_a_vet_clinic_s_chat(text: str, kind: str | None) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert not re.search(r"приезжайте с питомцем|врач свяжется|дежурный врач осмотрит его", reply), reply
    if "посещ" in text:
        assert "pet" not in read_comment(text, kind=kind).facts.flags


@pytest.mark.parametrize(
    "text",
    [
        "Говорят, что вы месяцами не платите своим сотрудникам",
        "Ходят слухи, что у вас работают без лицензии",
        "Да вы просто отрабатываете заказ мэрии, на жителей вам всё равно",
    ],
)
def test_a_rumour_is_answered_with_facts_to_fill_and_no_apology(text: str) -> None:
    for label in (Label.DIRECTED, Label.IMPULSIVE):
        for reply in drafts(label, text):
            assert "[факты" in reply, reply
            assert not APOLOGY.search(reply), reply
