"""Drafts in the business's own words (issue 18, round 17): the chat's title names a railway, a hospital's
paid services, a tattoo studio, a sanatorium, a cat café, a chess club, a boat-trip operator, a farm's
grocery app, a print-on-demand shop or a music shop, and a line keyed to one business (a mobile tariff's
minutes and gigabytes, a courier, a product's «вещь», a photo of the item) reaches no chat of another kind.
The comments and titles are written for the tests, not taken from the review sets."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.domain.verdicts import Label
from bot.replies import read_comment, suggest_reply
from bot.replies.business import ChatKinds, flags_of, kinds

CASES = range(4)
COMPOSE = Path(__file__).resolve().parents[2] / "bot" / "replies" / "data" / "compose_ru.toml"


def kind_of(title: str, *comments: str) -> str | None:
    chats = ChatKinds()
    chats.note(1, title=title)
    for text in comments:
        chats.note(1, text)
    return chats.kind(1)


def drafts(label: Label, text: str, kind: str | None) -> list[str]:
    found = [suggest_reply(label, problem=None, author_name="Ольга", case_id=n, text=text, kind=kind) for n in CASES]
    return [d for d in found if d]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Пригородная пассажирская компания «Приволжье» — чат", "railway"),
        ("Электрички Тверь — Москва: чат пассажиров", "railway"),
        ("Северная железная дорога — обратная связь", "railway"),
        ("Паром Керчь — отзывы", "transport"),
        ("Речные прогулки на теплоходе «Чайка»", "transport"),
        ("ГКБ №12 — платные услуги", "clinic"),
        ("Городская больница №2 | платные медицинские услуги", "clinic"),
        ("Поликлиника на Садовой — чат пациентов", "clinic"),
        ("Тату-салон «Игла» — клиенты", "salon"),
        ("Студия татуировки и пирсинга Black Ink", "salon"),
        ("Кабинет косметолога Анны — отзывы", "salon"),
        ("Санаторий «Ключи» — чат отдыхающих", "hotel"),
        ("Пансионат «Берёзка» на курорте", "hotel"),
        ("Котокафе «Пушистики»", "cafe"),
        ("Антикафе «Время» — гости", "cafe"),
        ("Шахматная школа «Гамбит» — родители", "school"),
        ("Батутный центр «Взлёт» — гости", "leisure"),
        ("Фермерские продукты с доставкой — покупатели", "grocery"),
        ("Ферма «Зорька»: молочная продукция на дом", "grocery"),
        ("Мерч с вашим принтом — заказы", "printshop"),
        ("Печать на футболках и худи «Принтим»", "printshop"),
        ("Музыкальный магазин «Аккорд» — пианино и гитары", "music"),
        ("Настройщик фортепиано Игорь — записи", "music"),
    ],
)
def test_the_title_names_the_business(title: str, expected: str) -> None:
    assert kind_of(title) == expected


def test_a_railway_is_the_operator_itself_and_keeps_its_kind_over_comments() -> None:
    assert {"operator", "rail"} <= flags_of("railway")
    kind = kind_of("Пригородная компания «Заречье» — пассажиры", "Поезд опять опоздал, стояли на перроне полчаса")
    assert kind == "railway"


# Words of one business's lines, by the kinds whose chats may get them.
OWN_WORDS: dict[str, tuple[frozenset[str], re.Pattern[str]]] = {
    "telecom": (frozenset({"telecom"}), re.compile(r"гигабайт|подберём тариф|роуминг|лицевого сч[её]та")),
    "courier": (
        frozenset({"food", "marketplace", "courier", "shop", "printshop", "grocery", "app"}),
        re.compile(r"курьер|службой доставки|службы доставки|службу доставки"),
    ),
    "goods": (
        frozenset({"shop", "marketplace", "printshop", "music", "food", "grocery", "courier"}),
        re.compile(r"этой вещью|самой вещи"),
    ),
}

# Comments with another business's stray words: a «тариф» of a visit, minutes, a number that is no
# order, a late arrival, a rash, a photo, a thing handed in.
TEMPTING = [
    (Label.CONSTRUCTIVE, "Тариф на приём подняли с 1500 до 2300 без предупреждения, в договоре другое. Объясните"),
    (Label.IMPULSIVE, "Опять подорожало! 40 минут за 900 рублей, по какому тарифу вы считаете?!"),
    (Label.CONSTRUCTIVE, "№4417 третий день подряд приходит с опозданием на 20 минут, табло показывает «по графику»"),
    (Label.CONSTRUCTIVE, "После процедуры 2 декабря пошла сыпь и покраснение, держится уже четыре дня"),
    (Label.CONSTRUCTIVE, "Сдала вам 1 декабря на диагностику, обещали 3 дня, прошло две недели, квитанция 552"),
    (Label.TROLLING, "Говорят, руководство берёт откаты, поэтому такие цены"),
]

OTHER_KINDS = [
    "clinic",
    "railway",
    "transport",
    "salon",
    "hotel",
    "school",
    "cafe",
    "leisure",
    "zoo",
    "utility",
    "theatre",
]


@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_no_line_of_another_business_reaches_a_chat_of_a_known_kind(kind: str) -> None:
    for label, text in TEMPTING:
        for draft in drafts(label, text, kind):
            for owner, (allowed, words) in OWN_WORDS.items():
                if kind not in allowed:
                    assert not words.search(draft.lower()), (kind, owner, text, draft)


def test_in_a_chat_of_unknown_kind_a_tariff_needs_the_operators_own_words() -> None:
    stray = [
        "У вас по тарифу заверение 200 рублей за лист, а взяли 600. Где официальный тариф?",
        "Тариф на сеанс подняли до 1200 за 45 минут — это грабёж",
        "Новый тариф абонемента на 10 занятий вырос на треть, почему?",
    ]
    for text in stray:
        for draft in drafts(Label.CONSTRUCTIVE, text, None):
            assert not OWN_WORDS["telecom"][1].search(draft.lower()), (text, draft)
        assert "telecom" not in read_comment(text).facts.flags
    strong = [
        "Тариф на мобильный интернет подняли на 150 рублей, а гигабайт меньше",
        "Подняли тариф на домашний интернет без предупреждения, провайдер молчит",
    ]
    for text in strong:
        assert "telecom" in read_comment(text).facts.flags, text


def test_the_operators_own_chat_still_gets_its_tariff_line() -> None:
    text = "Тариф подняли на 200 рублей без предупреждения, а я ничего не менял"
    found = drafts(Label.CONSTRUCTIVE, text, "telecom")
    assert any(OWN_WORDS["telecom"][1].search(d.lower()) for d in found), found


def test_a_delayed_train_is_no_order_and_no_courier() -> None:
    texts = [
        "Электричка 7:15 №6211 опять пришла с опозданием на 25 минут, я опоздал на работу",
        "Поезд №812 вчера задержали на 40 минут, на перроне ничего не объявили",
    ]
    for text in texts:
        found = drafts(Label.CONSTRUCTIVE, text, "railway")
        for draft in found:
            low = draft.lower()
            assert "заказ" not in low and "курьер" not in low and "доставк" not in low, draft
            assert "водител" not in low and "остановк" not in low and "автобус" not in low, draft
        assert any("диспетчер" in d and "справк" in d for d in found), found


def test_a_rash_after_a_service_on_the_body_sends_to_a_doctor_not_away_from_a_thing() -> None:
    texts = [
        "Сделала у вас тату 28 ноября, кожа вокруг красная, отёк и температура 37.9",
        "После процедуры у косметолога сыпь и покраснение по всему лицу, третий день",
    ]
    for kind in ("salon", None):
        for text in texts:
            found = drafts(Label.CONSTRUCTIVE, text, kind)
            assert found
            for draft in found:
                assert "вещ" not in draft.lower(), draft
    # A product's rash still keeps its own advice in a shop's chat.
    shop = drafts(Label.CONSTRUCTIVE, "От вашего крема у дочки сыпь по всему лицу, купили 3 декабря", "shop")
    assert all("врач" in d for d in shop), shop


def test_a_thing_already_with_the_business_is_not_asked_for_a_photo() -> None:
    with_us = [
        "Пианино у вас на диагностике уже месяц, обещали 10 дней, клавиши так и не работают",
        "Сдал вам гитару в ремонт 2 ноября, до сих пор не готова, квитанция 331",
    ]
    for text in with_us:
        assert "with_us" in read_comment(text).facts.flags, text
        for draft in drafts(Label.CONSTRUCTIVE, text, "music"):
            assert "фото" not in draft.lower(), draft
    at_home = "Купил у вас синтезатор 14 ноября, три клавиши не нажимаются"
    assert "with_us" not in read_comment(at_home).facts.flags


def test_each_line_with_a_mobile_tariffs_words_needs_the_telecom_flag() -> None:
    data = tomllib.loads(COMPOSE.read_text(encoding="utf-8"))
    words = OWN_WORDS["telecom"][1]
    found = 0

    def walk(node: object) -> None:
        nonlocal found
        if isinstance(node, dict):
            text = node.get("text")
            if isinstance(text, str) and words.search(text.lower()):
                found += 1
                assert "telecom" in node.get("needs", []), text
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                if isinstance(value, str):
                    assert not words.search(value.lower()), value  # a bare variant reaches every chat
                walk(value)

    walk(data)
    assert found >= 2  # the tariff lines exist and were checked
    assert set(kinds()) >= {"transport", "clinic", "salon", "grocery", "printshop", "music"}
