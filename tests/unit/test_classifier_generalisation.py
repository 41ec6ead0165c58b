"""Families of cues added for comments unlike the tuning sets (see typology_dev3.jsonl)."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, create_classifier

CASES = [
    # advice in the conditional, aimed at the brand
    ("вам бы в стендап с такими обещаниями", Label.TROLLING),
    # an order to everyone with a verb against the brand
    ("всем отписываться от этого магазина", Label.DIRECTED),
    # a verb the dictionary lacks, negated: a failure told calmly
    ("бонусы за март так и не зачислились на счёт", Label.CONSTRUCTIVE),
    # thanks for a harm spared is sincere
    ("спасибо, что не отказали в возврате, очень выручили", Label.POSITIVE),
    ("вау, какой удобный кабинет стал 😍", Label.POSITIVE),
    # praise words in scare quotes next to a grievance
    ("Опять «заботливый» тариф, спасибо", Label.TROLLING),
]


@pytest.mark.parametrize(("text", "label"), CASES)
def test_family(text: str, label: Label) -> None:
    assert create_classifier().classify(MessageIn(text=text)).label is label


def test_laughing_question_is_not_a_jab() -> None:
    verdict = create_classifier().classify(MessageIn(text="ахаха это носки?"))
    assert not verdict.negative


def test_link_with_a_price_but_no_pointer_is_not_a_campaign() -> None:
    verdict = create_classifier().classify(MessageIn(text="Новый тариф со скидкой 20% https://example.ru/tarif"))
    assert verdict.label is not Label.DIRECTED
