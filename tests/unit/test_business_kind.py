"""The chat's kind of business: learnt from its title and its comments, and read into every draft, so
that a café's visitors are not asked for an order number and a bus stop is not an app failure. The
comments here are written for the tests, not taken from the review set."""

from __future__ import annotations

import json

from bot.classifier import create_classifier
from bot.cli.classify import Thread, classify_line
from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import read_comment, suggest_reply
from bot.replies.business import ChatKinds, leader, scores

CASES = range(4)


def drafts(label: Label, text: str, kind: str | None, name: str | None = "Ольга") -> list[str]:
    found = [suggest_reply(label, problem=None, author_name=name, case_id=n, text=text, kind=kind) for n in CASES]
    assert all(found), found
    return [d for d in found if d]


def test_a_chat_takes_the_kind_its_title_and_comments_point_to() -> None:
    kinds = ChatKinds()
    kinds.note(1, title="Кофейня «Зерно» — отзывы гостей")
    assert kinds.kind(1) == "cafe"
    kinds.note(2, "Автобус 12 опять не пришёл, на остановке стоим полчаса")
    assert kinds.kind(2) == "city"
    kinds.note(3, "Плохо.")
    assert kinds.kind(3) is None  # nothing points anywhere: no kind guessed


def test_a_tie_gives_no_kind() -> None:
    assert leader(scores("карта и тариф")) is None


def test_the_title_counts_once_and_outweighs_a_stray_comment() -> None:
    kinds = ChatKinds()
    kinds.note(5, "Перевод завис", title="Городской транспорт: автобусы и остановки")
    kinds.note(5, "Перевод не дошёл", title="Городской транспорт: автобусы и остановки")
    assert kinds.kind(5) == "city"


def test_the_kind_gives_its_flags_to_a_comment_that_does_not_say_it() -> None:
    plain = read_comment("Сорок минут ждали заказ, это как вообще")
    in_cafe = read_comment("Сорок минут ждали заказ, это как вообще", kind="cafe")
    assert "cafe" not in plain.facts.flags
    assert "cafe" in in_cafe.facts.flags


def test_a_cafe_wait_is_not_a_courier_and_asks_for_no_order_number() -> None:
    text = "Вчера на Мира 3 ждали заказ 35 минут, зал полупустой"
    for draft in drafts(Label.CONSTRUCTIVE, text, "cafe"):
        assert "номер заказа" not in draft and "доставк" not in draft, draft
        assert "35 минут" in draft, draft


def test_a_bus_in_a_city_channel_is_not_an_app_failure() -> None:
    text = "Маршрутка 5 с утра не ходит, в приложении показывает, что едет, а её нет. Остановка на Мира"
    reading = read_comment(text, kind="city")
    assert reading.topic is not Topic.APP
    for draft in drafts(Label.CONSTRUCTIVE, text, "city"):
        assert "модель телефона" not in draft and "номер заказа" not in draft, draft


def test_anger_at_roads_in_a_city_channel_is_not_told_off_for_insults() -> None:
    text = "асфальт опять положили в лужи, дороги говно, мэрия как всегда"
    for draft in drafts(Label.IMPULSIVE, text, "city", name=None):
        assert "оскорблен" not in draft and "политик" not in draft.lower(), draft


def test_a_price_in_a_bank_chat_offers_to_check_the_tariff_not_general_words() -> None:
    text = "Обслуживание карты теперь 149 в месяц, а было бесплатно. Это как?"
    for draft in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert "тариф" in draft and "без необходимости" not in draft, draft


def test_a_transfer_that_did_not_arrive_promises_no_money_before_the_check() -> None:
    text = "Перевела 8 000 по СБП 2 декабря, получателю не пришло, в приложении «в обработке»"
    for draft in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert "вернём деньги" not in draft and "8 000" in draft, draft
        assert "личные сообщения" in draft, draft


def test_the_cli_reports_the_kind_and_uses_an_optional_title() -> None:
    classifier = create_classifier()
    thread = Thread()
    line = json.dumps({"text": "Ждали капучино полчаса, ужас", "chat_id": 9, "chat_title": "Кофейня на Ленина, отзывы"})
    found = classify_line(classifier, line, 1, thread)
    assert found["business"] == "cafe"


def test_the_scores_are_those_of_every_kind_searched_in_full() -> None:
    """``scores`` searches only the kinds whose stem heads begin a word of the text; the counts must be
    those of searching every kind (each stem in a sentence, at the end, in capitals, glued to a word,
    after an apostrophe, and the benchmark's comments)."""
    import itertools
    import sys
    from collections import Counter
    from pathlib import Path

    from bot.replies.business import kinds

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from _common import comment_mix

    def plain(text: str) -> Counter[str]:
        low = text.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
        return Counter({name: n for name, kind in kinds().items() if (n := len(set(kind.stems.findall(low))))})

    stems = [
        stem
        for kind in kinds().values()
        for stem in kind.stems.pattern.split("(?:", 1)[1][:-1].replace("\\", "").split("|")
    ]
    assert "кофе" in stems and "ям" in stems
    texts = [
        t
        for stem in stems
        for t in (f"Вот {stem} тут", stem, stem.upper(), f"за{stem}", f"l'{stem}", f"{stem}\n{stem}")
    ]
    texts += [text for _, text in itertools.islice(comment_mix(8), 3000)]
    hits = 0
    for text in texts:
        found = scores(text)
        assert list(found.items()) == list(plain(text).items()), text
        hits += bool(found)
    assert hits > len(stems)  # the check saw many kinds found, not only misses
