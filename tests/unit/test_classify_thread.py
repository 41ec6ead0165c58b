"""``python -m bot classify`` keeps what the running bot keeps per chat: the running count of replies
per label (the same sentence does not come twice in a row) and the waves already answered (one
statement per wave: the copies after the first get no draft of their own)."""

from __future__ import annotations

import json

from bot.classifier import create_classifier
from bot.cli.classify import Thread, classify_line


def test_the_cli_counts_variants_per_chat_and_label() -> None:
    classifier = create_classifier()
    thread = Thread()
    replies = []
    for n in range(3):
        line = json.dumps({"text": "Достали. Просто достали. Каждый раз одно и то же.", "chat_id": 7})
        replies.append(classify_line(classifier, line, 2 * n + 2, thread)["reply"])
    assert len(set(replies)) == 3, replies


def test_another_chat_counts_on_its_own() -> None:
    thread = Thread()
    assert [thread.next_variant(1, "impulsive") for _ in range(3)] == [1, 2, 3]
    assert thread.next_variant(2, "impulsive") == 1
    assert thread.next_variant(1, "trolling") == 1


def test_wave_copies_after_the_first_get_no_draft_of_their_own() -> None:
    thread = Thread()
    assert thread.first_of_wave(1, "w1")
    assert not thread.first_of_wave(1, "w1")
    assert thread.first_of_wave(2, "w1")  # another chat, another wave


def _stream(dates: list[object], key: str = "date") -> list[dict[str, object]]:
    classifier, thread = create_classifier(), Thread()
    text = "Все сюда! Этот магазин обманывает, пишите жалобы, отписывайтесь!"
    return [
        classify_line(classifier, json.dumps({"text": text, "chat_id": 9, "user_id": 100 + n, key: d}), n + 1, thread)
        for n, d in enumerate(dates)
    ]


def test_iso_dates_read_as_the_same_moments_as_unix_seconds() -> None:
    # Chat exports write ISO 8601; a wave is told by the copies' times, so both forms must agree.
    epoch = [1796634000 + 20 * n for n in range(4)]
    iso = ["2026-12-07T09:00:00+00:00", "2026-12-07T12:00:20+03:00", "2026-12-07T09:00:40Z", "2026-12-07T09:01:00"]
    assert _stream(iso) == _stream(epoch)
    assert _stream([str(e) for e in epoch], "date_unixtime") == _stream(epoch)
    assert any(row.get("wave_id") for row in _stream(epoch)), _stream(epoch)


def test_a_date_that_does_not_read_is_one_clear_error_line() -> None:
    classifier = create_classifier()
    for bad in ("вчера", "07.12.2026 9:00", "2026-13-40T00:00"):
        out = classify_line(classifier, json.dumps({"text": "Где заказ?", "date": bad}), 1)
        assert out == {"error": f"'date' must be Unix seconds or an ISO 8601 time, not {bad!r}"}
    out = classify_line(classifier, json.dumps({"text": "Где заказ?", "chat_id": "abc"}), 1)
    assert out == {"error": "'chat_id' must be an integer, not 'abc'"}


def test_the_collector_settings_come_after_start_up_and_before_the_first_line() -> None:
    # `python -m bot classify` settles the collector as the bot does (bot/gc_policy.py): after the
    # classifier is built, so that what start-up built is frozen, and before any line is read.
    import io

    from bot.cli.classify import run_classify
    from bot.config import Settings

    out = io.StringIO()
    seen: list[int] = []
    lines = "".join(json.dumps({"text": t, "chat_id": 1}) + "\n" for t in ("Спасибо!", "Где заказ?"))
    assert run_classify(io.StringIO(lines), out, Settings(), after_start=lambda: seen.append(len(out.getvalue()))) == 0
    assert seen == [0]
    assert len(out.getvalue().splitlines()) == 2
