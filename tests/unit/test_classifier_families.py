"""Error families the rules must generalise over; every phrase is written for this test."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, RulesClassifier, create_classifier


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return create_classifier()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # calm reports: a claim versus reality, a "почему" about money, a failure verb
        ("Абонемент продлила 3 марта, а в кабинете по факту стоит старая дата окончания", Label.CONSTRUCTIVE),
        ("Почему за вывоз мусора в квитанции 1240, если в договоре 620?", Label.CONSTRUCTIVE),
        ("Добрый день. Рейс 417 перенесли без предупреждения, пересадку мы пропустили", Label.CONSTRUCTIVE),
        # jabs without marker words
        ("а массаж у вас тоже платный или только для фото в рекламе?", Label.TROLLING),
        ("может, ещё за лифт в подъезде отдельно брать начнёте?", Label.TROLLING),
        ("обожаю этот сервис, особенно когда ответа ждёшь неделю", Label.TROLLING),
        ("🤡 премиальный сервис", Label.TROLLING),
        # calm organising and rival promotion
        ("Кто тоже пострадал от этой автомойки, вступайте в чат, готовим коллективную претензию", Label.DIRECTED),
        ("ставим все по одной звезде в картах", Label.DIRECTED),
        # praise idioms, greetings that are not praise, thanks for a fix
        ("Мастер золотые руки, всё на высоте", Label.POSITIVE),
        ("Поддержка за пять минут вернула деньги за двойное списание, спасибо", Label.POSITIVE),
        # plain information requests stay neutral
        ("Добрый день, до скольки работает бассейн в воскресенье?", Label.NEUTRAL),
        ("а парковка у клуба платная?", Label.NEUTRAL),
    ],
)
def test_families(clf: RulesClassifier, text: str, label: Label) -> None:
    v = clf.classify(MessageIn(text=text))
    assert v.label is label, v


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("проблем с оплатой картой нет?", Label.NEUTRAL),
        ("а без записи стричь можете?", Label.NEUTRAL),
        ("выходные испорчены, спасибо вашему салону", Label.IMPULSIVE),
        ("это не спортзал, а сарай какой-то", Label.IMPULSIVE),
        ('ну конечно "перезвоним в течение часа", какого только года', Label.TROLLING),
        ("Рейс задержали, а багаж так и не выдали, талон 5521 от 4 мая", Label.CONSTRUCTIVE),
        ("ни разу не обманули за пять лет, советую", Label.POSITIVE),
        ("а если сеанс отменят, деньги вернут на карту?", Label.NEUTRAL),
        ("Обещали починить лифт к среде, уже пятница, всё так же стоит", Label.CONSTRUCTIVE),
    ],
)
def test_more_families(clf: RulesClassifier, text: str, label: Label) -> None:
    v = clf.classify(MessageIn(text=text))
    assert v.label is label, v
