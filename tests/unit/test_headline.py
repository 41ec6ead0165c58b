"""The news-headline shape (a signal of the learned layer): retold news only mentions a bad event."""

from __future__ import annotations

import pytest

from bot.classifier.headline import headline_shape
from bot.classifier.normalize import normalize
from bot.language.morph import shared_lemmatizer

HEADLINES = [
    "В Рязани задержали продавцов, торговавших контрафактным алкоголем",
    "Во Пскове оштрафовали автосервис за мошенничество с запчастями",
    "Суд признал банкротом сеть химчисток «Снежинка»",
    "Прокуратура возбудила дело против директора турагентства",
    "Сеть «Колос» подала иск к поставщику муки https://example.org/news/8841",
    "Роскомнадзор заблокировал сайт букмекера, сообщает ведомство",
    "У Одесі затримали продавців фальшивих ліків",
    "Police raid fake perfume warehouse in Manchester",
    "Court fines taxi firm over unsafe cars",
]

NOT_HEADLINES = [
    # a person of one's own: the author's own case or a jab at the brand
    "Задержали мою доставку уже на неделю, заказ 5521",
    "Вас бы всех арестовать за такие цены",
    "Меня оштрафовали на кассе за пакет, который я не брал",
    "you guys should be fined for this service",
    # a question or an exclamation: a comment, not a retold headline
    "В Рязани задержали продавцов из вашей сети?",
    "Опять в Москве задержали рейс на три часа",
    # no verb of enforcement or reporting
    "В Казани открылся новый магазин сети",
    # an enforcement verb without an authority, a place or a link
    "Задержали рейс на три часа, никто ничего не объясняет",
]


@pytest.mark.parametrize("text", HEADLINES)
def test_headlines_have_the_shape(text: str) -> None:
    assert headline_shape(normalize(text), shared_lemmatizer())


@pytest.mark.parametrize("text", NOT_HEADLINES)
def test_comments_do_not(text: str) -> None:
    assert not headline_shape(normalize(text), shared_lemmatizer())
