"""drafts22: a sarcastic question's noun is never the failed thing; Ukrainian utility failures are named with the
emergency crew; an outage at a sale's start names the sale."""

import pytest

from bot.domain.verdicts import Label
from bot.replies.playbooks import suggest_reply


def _draft(label: str, text: str, kind: str | None, case_id: int = 0) -> str:
    return suggest_reply(Label(label), problem=None, author_name="Олег", case_id=case_id, text=text, kind=kind) or ""


@pytest.mark.parametrize(
    ("text", "kind", "jibe", "sums"),
    [
        (
            "Кузовной ремонт крыла 42 000, у официалов 25 тысяч. Краску из золота делаете?",
            "cardealer",
            "краск",
            ("42 000", "25"),
        ),
        ("Груминг 4500 ₽, в салоне на Мира 2500. Вы собак икрой кормите?", "vet", "собак", ("4500", "2500")),
        ("Ламинирование ресниц 3500 ₽, а в салоне на Мира 1700. Клей из золота?", "salon", "кле", ("3500", "1700")),
    ],
)
def test_a_jibe_beside_two_prices_gets_the_price_line(text: str, kind: str, jibe: str, sums: tuple[str, str]) -> None:
    draft = _draft("constructive", text, kind)
    assert jibe not in draft.lower()
    assert "так вышло" not in draft
    assert all(s in draft for s in sums)


@pytest.mark.parametrize(
    "text",
    ["Пиццу жду третий час. Курьер пешком из Италии несёт?", "Роллы везут второй час, рис из золота варите?"],
)
def test_the_jibes_noun_is_not_echoed(text: str) -> None:
    draft = _draft("constructive", text, "food").lower()
    assert "итали" not in draft and "рис" not in draft.split()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Вже п'ятий день у квартирі +13, батареї холодні. Вул. Лісова 8, під'їзд 1.", ("холодн", "опален", "батаре")),
        ("Третю добу немає гарячої води на вул. Франка 22.", ("гарячої води",)),
        ("Світла немає з обіду на вул. Зеленій 4, ніхто не пояснює.", ("світла",)),
    ],
)
def test_ukrainian_utility_failure_is_named_with_the_crew(text: str, named: tuple[str, ...]) -> None:
    draft = _draft("constructive", text, "utility")
    assert any(n in draft.lower() for n in named)
    assert "аварійн" in draft.lower()
    assert "Розберемося з тим, що ви написали" not in draft


@pytest.mark.parametrize(
    "text",
    [
        "ПРИЛОЖЕНИЕ УПАЛО НА СТАРТЕ ПРОДАЖ, ЧЕРЕЗ 10 МИНУТ ВСЁ РАЗОБРАЛИ!!!",
        "Дроп худи в 12:00, сайт лёг, через пять минут sold out. Позор",
        "Your app went down the second the presale opened, everything gone in ten minutes!!!",
    ],
)
def test_an_impulsive_outage_at_a_sales_start_names_the_sale(text: str) -> None:
    draft = _draft("impulsive", text, "shop")
    assert "продаж" in draft or "sale" in draft
    assert "Разберёмся и ответим здесь" not in draft


@pytest.mark.parametrize(
    "text",
    ["Сайт впав на старті продажу квитків на матч, все розкупили.", "Приложение упало на старте продаж абонементов."],
)
def test_a_site_that_fell_at_a_sales_start_is_no_injury(text: str) -> None:
    draft = _draft("constructive", text, "theatre")
    assert "телефон" not in draft and "продаж" in draft
    assert "[" in draft  # the admin's remedy for the lost sale


@pytest.mark.parametrize(
    "text",
    [
        "Четвертий день батареї ледь теплі, вул. Пушкіна 3. На гарячу лінію не додзвонитися.",
        "Немає гарячої води вже тиждень, вул. Лесі Українки 10, гаряча лінія не відповідає.",
    ],
)
def test_ukrainian_utility_names_the_silent_hotline_after_the_crew(text: str) -> None:
    draft = _draft("constructive", text, "utility")
    low = draft.lower()
    assert low.index("аварійн") < max(low.find("не додзвонитися"), low.find("не відповів"))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Замена колодок 9 800, в сервисе на Ленина 5 000. Колодки из платины?", "carservice"),
        ("ТО-1 у вас 31 000, а у официалов в Казани 18 тысяч. Масло из золота?", "cardealer"),
    ],
)
def test_a_car_price_offers_to_check_the_list_of_work(text: str, kind: str) -> None:
    drafts = {_draft("constructive", text, kind, n) for n in range(3)}
    assert all("перечень работ" in d for d in drafts)
    assert not any("масл" in d or "колодк" in d.lower().split(",")[0] for d in drafts)


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Купив ноутбук, через місяць не вмикається. Гарантія ж є?", "ноутбук"),
        ("Чайник зламався через тиждень після покупки, чек збережений.", "чайник"),
    ],
)
def test_a_ukrainian_broken_purchase_is_named(text: str, thing: str) -> None:
    drafts = [_draft("constructive", text, "shop", n) for n in range(2)]
    assert all(thing in d and "гаранті" in d for d in drafts)
    assert drafts[0] != drafts[1]


def test_a_ukrainian_app_error_is_named_in_turns() -> None:
    text = "Застосунок не працює з ранку, пише «технічні роботи»."
    drafts = [_draft("constructive", text, "bank", n) for n in range(2)]
    assert all("«технічні роботи»" in d and "застосунок" in d for d in drafts)
    assert drafts[0] != drafts[1]
