"""Round 19 of the blind reading (issue 18): a hand-off to a department or a contractor only when the chat or
the comment grounds it (bot/replies/handoff.py), a protective step that follows the hazard's kind
(bot/replies/protective_step.py), and a date or a score never read as a sum (bot/replies/reading.py). The
comments are written for these tests (none of a reading's or of tests/data/heldout/handoff25.toml)."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies.handoff import own_handoffs
from bot.replies.protective_step import hazard_kind
from bot.replies.reading import read_comment
from tests.unit.reply_cases import doctrine_clean
from tests.unit.reply_cases import drafts as shared_drafts

CASES = range(3)
DEVELOPERS = re.compile(r"разработчик|розробник|developer", re.IGNORECASE)
DELIVERY_SERVICE = re.compile(r"служб[аеуыо]й? доставки|служби доставки|courier service", re.IGNORECASE)
CONTRACTOR = re.compile(r"обслуживающ|обслуговуюч", re.IGNORECASE)
STREET_SCRIPT = re.compile(r"не подходите близко|аварийн[а-я]* служб|напишите[^.]*адрес", re.IGNORECASE)


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = "Лена") -> list[str]:
    return shared_drafts(label, text, kind, author, CASES)


@pytest.mark.parametrize(
    ("draft", "text", "kind"),
    [
        ("Передали разработчикам и напишем здесь, когда всё заработает.", "Кофемашина в зале опять не работает", None),
        ("Напишите модель — передадим разработчикам и напишем здесь, когда исправим.", "Терминал на кассе завис", "cafe"),
        ("Уже выясняем у службы доставки, что случилось, и напишем здесь.", "Шкаф обещали изготовить к пятнице, фасады не готовы", None),
        ("Разбираемся со службой доставки и скоро вернёмся сюда с ответом.", "Кухню до сих пор не собрали, срок прошёл", None),
        ("Передали в обслуживающую организацию и попросили назвать сроки — напишем здесь, что ответят.", "Лифт в нашем подъезде стоит неделю", None),
        ("We've passed it to our developers and will post here once it's fixed.", "The coffee machine in the lobby is broken again", "hotel"),
        ("Передали розробникам і напишемо тут, щойно все запрацює.", "Кавоварка в залі знову зламана", None),
    ],
)  # fmt: skip
def test_an_ungrounded_handoff_is_said_as_the_business_own_work(draft: str, text: str, kind: str | None) -> None:
    mended = own_handoffs(draft, text, kind) or ""
    assert not DEVELOPERS.search(mended) and not DELIVERY_SERVICE.search(mended) and not CONTRACTOR.search(mended)
    assert mended[:1].isupper() and re.search(r"разбер|разбир|выясняем|розбер|looking into", mended, re.IGNORECASE)


@pytest.mark.parametrize(
    ("draft", "text", "kind"),
    [
        ("Передали разработчикам и напишем здесь, когда всё заработает.", "После обновления приложение вылетает", None),
        ("Передали разработчикам и напишем здесь, когда всё заработает.", "Не могу оплатить подписку", "app"),
        ("Уже выясняем у службы доставки, что случилось.", "Курьер не приехал в интервал", None),
        ("Передали в обслуживающую организацию — напишем здесь.", "Подрядчик третий день не чинит трубу", None),
        ("Передали в обслуживающую организацию — напишем здесь.", "Во дворе нет света", "city"),
    ],
)  # fmt: skip
def test_a_grounded_handoff_is_kept(draft: str, text: str, kind: str | None) -> None:
    assert own_handoffs(draft, text, kind) == draft


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Вторую неделю сломана кофемашина, а вы всё обещаете починить", None),
        ("В зале 3 не работает кондиционер, на ресепшене только разводят руками", "hotel"),
        ("Лифт в третьем подъезде стоит неделю, у нас коляска и пожилые", None),
    ],
)  # fmt: skip
def test_a_broken_thing_of_the_place_names_no_one_else(text: str, kind: str | None) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert not DEVELOPERS.search(draft), draft
        assert not CONTRACTOR.search(draft), draft
        assert doctrine_clean(draft), draft


@pytest.mark.parametrize(
    ("text", "kind", "kind_of_hazard", "step"),
    [
        ("После вашей сыворотки для лица всё щиплет и пошли пятна", "shop", "body", r"не пользуйтесь"),
        ("В новых очках у меня через час болят глаза и голова", None, "worn", r"не носите"),
        ("Купили у вас паштет, сын съел и его рвало всю ночь", "shop", "food", r"не ешьте и не пейте"),
        ("Питьевая вода из вашей бутыли с осадком, у дочки болит живот", None, "food", r"не ешьте и не пейте"),
        ("После вашего корма у собаки понос второй день", None, "pet_food", r"не давайте этот корм"),
    ],
)  # fmt: skip
def test_a_health_draft_says_the_step_that_fits_the_hazard(
    text: str, kind: str | None, kind_of_hazard: str, step: str
) -> None:
    assert hazard_kind(text) == kind_of_hazard
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert re.search(step, draft, re.IGNORECASE), draft
        assert not STREET_SCRIPT.search(draft), draft
        assert doctrine_clean(draft), draft


@pytest.mark.parametrize(
    ("text", "kind", "off_sale"),
    [
        ("Йогурт у вас на полке уже с плесенью, ребёнка тошнило", "shop", True),
        ("В салате была испорченная курица, всех троих тошнило", "cafe", True),
        ("Вода в кулере в классе пахнет болотом, у сына болит живот", "school", False),
    ],
)  # fmt: skip
def test_the_batch_leaves_sale_only_where_it_is_sold(text: str, kind: str, off_sale: bool) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert ("с продажи" in draft) is off_sale, draft


@pytest.mark.parametrize(
    "text",
    [
        "Пожарный выход в корпусе заперт на ключ, детям выйти некуда",
        "В лагере пожарный выход закрыт на замок, вожатые говорят так положено",
        "Запасной выход в спортзале заставлен матами и закрыт",
    ],
)
def test_a_locked_exit_gets_the_exit_opened_not_a_street_hazard_script(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, None):
        assert re.search(r"откроем|освободим", draft), draft
        assert not STREET_SCRIPT.search(draft) and "112" not in draft, draft


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Просрочку продавали до 11.03, я отравился", None),
        ("Сдала экзамен на 7.0 благодаря вам, хотя не верила", None),
        ("Запись была на 15.04, отменили 14.04 вечером", None),
        ("Рейтинг 4.9, а сервис так себе", None),
        ("Списали 1 800 за занятие 12.03, которого не было", "1 800 ₽"),
        ("Булочка стоит 89.90, а на ценнике 79", "89.90 ₽"),
    ],
)
def test_a_date_or_a_score_is_no_sum(text: str, kept: str | None) -> None:
    assert read_comment(text).facts.get("amount") == kept
