"""The running bot reads each comment as its chat's kind of business, learnt from the chat's title:
a café's visitor who waited is not asked for an order number, a comment that says nothing of a café
in another chat is."""

from __future__ import annotations

from bot.fake_api.core import user
from tests.conftest import DMITRY, GROUP, Harness

OTHER = -1001000000091
OWNER = user(1601, "Нина", "nina_shop")
WAITED = "Сорок минут ждали заказ, зал полупустой. Просто ужас, неужели нельзя быстрее"


async def test_a_cafe_title_keeps_an_order_number_out_of_the_draft(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, WAITED)  # the group is «Кофейня <Зерно> & Co»
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    assert case.reply_text and "номер заказа" not in case.reply_text and "доставк" not in case.reply_text


async def test_a_delivery_title_asks_for_the_order(ready: Harness) -> None:
    ready.fake.add_group(OTHER, "Доставка пиццы и роллов «Курьер»", owner=OWNER)
    ready.fake.bot_added(OTHER, OWNER)
    await ready.start_admins(OWNER)
    ready.fake.comment(OTHER, DMITRY, "Заказ ждали два часа, курьер так и не позвонил, еда холодная")
    await ready.feed()
    case = (await ready.storage.cases.list_for_chat(OTHER))[0]
    assert case.reply_text and "кафе" not in case.reply_text
