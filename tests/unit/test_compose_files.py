"""The data replies are composed of (compose_*.toml, asks.toml, topics.toml, facts.toml), the review set
and the gendered catalog texts: a mistake is one line naming the file, the line and what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

from bot.datafiles import DataFile, DataFileError, parse
from bot.i18n.catalog import build
from bot.replies import load_data
from bot.replies.compose_files import compose_data, read_asks, read_language
from bot.replies.custom import PLACEHOLDERS, parse_variants, render_custom
from bot.replies.reading import read_facts, read_topics
from bot.replies.review.check import load_comments

PACKAGE = "bot.replies.data"


def shipped(name: str, package: str = PACKAGE) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def altered(name: str, old: str, new: str, package: str = PACKAGE) -> str:
    text = shipped(name, package)
    assert old in text, old
    return text.replace(old, new, 1)


def failure(name: str, text: str, read: Callable[[DataFile], Any]) -> str:
    with pytest.raises(DataFileError) as caught:
        read(parse(f"bot/replies/data/{name}", text))
    message = str(caught.value)
    assert "\n" not in message
    return message


def ru(file: DataFile) -> Any:
    return read_language(file, "ru", compose_data().asks)


def en(file: DataFile) -> Any:
    return read_language(file, "en", compose_data().asks)


def test_shipped_files_read() -> None:
    load_data()
    data = compose_data()
    assert set(data.languages) == {"ru", "en", "uk"}
    assert {"order", "card_phone", "batch"} <= set(data.asks)
    assert data.asks["card_phone"].private and not data.asks["order"].private


def test_unknown_placeholder_names_file_line_and_slot() -> None:
    old = "Простите, что заказ {order} до сих пор не у вас."
    text = altered("compose_ru.toml", old, old.replace("{order}", "{ordr}"))
    message = failure("compose_ru.toml", text, ru)
    assert message.startswith(
        f"bot/replies/data/compose_ru.toml:{line_of(text, '{ordr}')}: constructive.delivery.open: "
    )
    assert "unknown placeholder {ordr}" in message


def test_english_has_no_russian_cases() -> None:
    old = "Sorry that order {order} still hasn't reached you."
    text = altered("compose_en.toml", old, "Sorry that {product_gent} still hasn't reached you.")
    message = failure("compose_en.toml", text, en)
    assert f":{line_of(text, '{product_gent}')}: " in message and "unknown placeholder {product_gent}" in message


def test_a_bare_preposition_before_a_noun_is_refused() -> None:
    text = altered("compose_ru.toml", "Жаль, что {s_product} так вышло.", "Жаль, что с {product_ablt} так вышло.")
    message = failure("compose_ru.toml", text, ru)
    assert f":{line_of(text, 'с {product_ablt} так')}: " in message and "write {s_product}" in message


def test_unknown_fact_in_needs_is_refused() -> None:
    old = '{ text = "Простите, что заказ так и не привезли.", needs = ["no_show"] },'
    text = altered("compose_ru.toml", old, old.replace('"no_show"', '"stuff"'))
    message = failure("compose_ru.toml", text, ru)
    assert f":{line_of(text, 'stuff')}: " in message and "unknown fact or flag 'stuff'" in message


def test_unknown_ask_is_refused() -> None:
    text = altered("compose_ru.toml", 'ask = [{ ask = ["order"] }]', 'ask = [{ ask = ["orders"] }]')
    assert "unknown ask 'orders'" in failure("compose_ru.toml", text, ru)


def test_agreement_needs_a_past_verb() -> None:
    old = '{agree:product:приехал} в таком виде.", needs = ["delivered"] },'
    text = altered("compose_ru.toml", old, old.replace("приехал", "приезжать"))
    assert "is not a verb in the past tense" in failure("compose_ru.toml", text, ru)


def test_every_label_needs_its_other_table() -> None:
    text = altered("compose_uk.toml", "[impulsive.other]", "[impulsive.quality]")
    message = failure("compose_uk.toml", text, lambda f: read_language(f, "uk", compose_data().asks))
    assert "missing: [impulsive.other]" in message


def test_unknown_topic_table_is_refused() -> None:
    text = shipped("compose_ru.toml") + '\n[trolling.weather]\nopen = ["Погода не наша."]\n'
    assert "unknown topic" in failure("compose_ru.toml", text, ru)


def test_an_ask_needs_every_language() -> None:
    old = 'uk = { verb = "напишіть", what = "номер замовлення" }\n'
    text = altered("asks.toml", old, "")
    assert "order.uk: missing" in failure("asks.toml", text, read_asks)


def test_topics_refuse_an_unknown_topic_and_capitals() -> None:
    text = shipped("topics.toml") + '\n[weather]\nru = "погода"\nen = "weather"\nuk = "погода"\n'
    assert "weather: unknown topic" in failure("topics.toml", text, read_topics)
    text = altered("topics.toml", '"курьер", "доставк",', '"Курьер", "доставк",')
    message = failure("topics.toml", text, read_topics)
    assert f":{line_of(text, 'Курьер')}: delivery.stems: 'Курьер'" in message


def test_facts_refuse_an_unknown_fact_and_a_pattern_without_a_group() -> None:
    text = altered("facts.toml", "[values.ticket]", "[values.tiket]")
    assert "values.tiket: unknown fact" in failure("facts.toml", text, read_facts)
    text = altered("facts.toml", "patterns = ['\\b((?:[01]?\\d|2[0-3]):[0-5]\\d)\\b']", "patterns = ['\\d\\d:\\d\\d']")
    assert "a pattern needs a group" in failure("facts.toml", text, read_facts)
    text = altered("facts.toml", "opened = [", "openned = [")
    assert "flags.openned: unknown flag" in failure("facts.toml", text, read_facts)


def test_templates_may_name_the_comments_facts_and_name_an_unknown_slot() -> None:
    assert {"order", "device_os", "o_topic", "items"} <= set(PLACEHOLDERS)
    variants, errors = parse_variants("{name}, простите за задержку с заказом {order}.\n\nПростите {s_topik}.")
    assert errors == ["#2: неизвестная подстановка {s_topik} / unknown placeholder"]
    text = render_custom(variants[:1], problem=None, author_name="Анна", seq=0, text="Заказ 78213 не привезли")
    assert text == "Анна, простите за задержку с заказом 78213."
    # A variant that names a fact the comment does not give is skipped.
    assert render_custom(variants[:1], problem=None, author_name="Анна", seq=0, text="Заказ не привезли") is None


def test_topic_placeholders_are_inflected() -> None:
    variants, _ = parse_variants("Простите за проблему {s_topic}. Это {topic}.")
    text = render_custom(variants, problem=None, author_name=None, seq=0, text="Курьер опоздал на час")
    assert text == "Простите за проблему с задержкой доставки. Это задержка доставки."


RU = "bot/i18n/data/ru.toml"
EN = "bot/i18n/data/en.toml"


def catalog_failure(ru_text: str) -> str:
    en_text = resources.files("bot.i18n.data").joinpath("en.toml").read_text(encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build({"ru": parse(RU, ru_text), "en": parse(EN, en_text)})
    return str(caught.value)


def test_a_gendered_text_needs_a_form_for_anyone() -> None:
    ru_text = resources.files("bot.i18n.data").joinpath("ru.toml").read_text(encoding="utf-8")
    old = 'sent = { any = "{who}: ответ отправлен", '
    assert old in ru_text
    assert "needs `any`" in catalog_failure(ru_text.replace(old, "sent = { ", 1))
    broken = ru_text.replace('femn = "{who} отправила ответ"', 'femn = "{кто} отправила ответ"', 1)
    assert "femn" in catalog_failure(broken)


def test_review_set_refuses_an_unknown_field(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.replies.review import check

    text = altered("blind.toml", 'id = "b01"', 'id = "b01"\nmood = "angry"', "bot.replies.review.data")
    real = check.load

    def load(package: str, name: str) -> DataFile:
        return parse(f"bot/replies/review/data/{name}", text) if name == "blind.toml" else real(package, name)

    monkeypatch.setattr(check, "load", load)
    with pytest.raises(DataFileError) as caught:
        load_comments("blind")
    assert "comment#b01.mood: unknown key" in str(caught.value)
