"""The admins' decisions through the real dispatcher: kept as examples, learned, and visible and
reversible in /missed, /stats, /export and /settings."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.learning import ExampleState, Source
from bot.domain.verdicts import Label
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, OLGA, VERA, Harness, make_harness
from tests.handlers.test_commands_group import GROUP2, command, enable_media, texts_to
from tests.handlers.test_commands_private import last_message, private
from tests.handlers.test_commands_settings import buttons, open_panel, press

COMPLAINT = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
JAB = "Кофейня будущего. Будущего века, видимо"


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await make_harness(tmp_path, LEARNING_MIN_DECISIONS="1")
    harness.fake.blocked.add(VERA["id"])
    await harness.start_admins(ANNA, BORIS)
    await harness.add_bot()
    yield harness
    await harness.storage.close()
    await harness.bot.session.close()


async def test_send_confirms_relabel_corrects_and_a_colleague_cannot_flip_it(h: Harness) -> None:
    h.fake.comment(GROUP, DMITRY, COMPLAINT)
    await h.feed()
    (case,) = await h.storage.cases.list_for_chat(GROUP)
    alert = h.alerts_to(ANNA["id"])[-1]
    await h.press(ANNA, alert, h.button(alert, "case:send:"))
    (confirmed,) = await h.storage.learning.case_examples(case.id)
    assert (confirmed.source, confirmed.label, confirmed.actor_id) == (Source.CONFIRM, case.label, ANNA["id"])
    assert confirmed.text == COMPLAINT and confirmed.features
    # Boris says "not negative" with one click on what Anna confirmed: disputed, nothing learned.
    boris_card = h.alerts_to(BORIS["id"])[-1]
    await h.press(BORIS, boris_card, f"case:label:{case.id}:neutral")
    states = {(e.actor_id, e.state) for e in await h.storage.learning.case_examples(case.id)}
    assert states == {(ANNA["id"], ExampleState.DISPUTED), (BORIS["id"], ExampleState.DISPUTED)}
    stored = await h.storage.learning.layer(GROUP)
    assert stored is not None and stored.examples == 0


async def test_missed_marks_a_comment_as_negative_and_the_same_comment_then_alerts(h: Harness) -> None:
    missed = h.fake.comment(GROUP, OLGA, JAB)
    await h.feed()
    assert not await h.storage.cases.list_for_chat(GROUP), "the global verdict lets this one pass"
    await command(h, ANNA, "/missed trolling", reply_to_message=missed)
    assert any("Запомнил" in t and "троллинг" in t.lower() for t in texts_to(h, ANNA["id"]))
    (example,) = await h.storage.learning.examples(GROUP)
    assert (example.source, example.label, example.case_id) == (Source.MISSED, Label.TROLLING, None)
    h.fake.comment(GROUP, DMITRY, JAB)
    await h.feed()
    (case,) = await h.storage.cases.list_for_chat(GROUP)
    assert case.label is Label.TROLLING
    # Without a kind, or not as a reply: the usage, nothing stored.
    await command(h, ANNA, "/missed")
    assert "Ответьте этой командой" in texts_to(h, ANNA["id"])[-1]
    assert len(await h.storage.learning.examples(GROUP)) == 1


async def test_stats_and_export_show_the_decisions(h: Harness) -> None:
    uploads = enable_media(h)
    h.fake.comment(GROUP, DMITRY, COMPLAINT)
    await h.feed()
    (case,) = await h.storage.cases.list_for_chat(GROUP)
    await h.press(ANNA, h.alerts_to(ANNA["id"])[-1], f"case:label:{case.id}:neutral")
    await command(h, ANNA, "/stats")
    stats = "\n".join(texts_to(h, ANNA["id"]))
    assert "Обучение на решениях админов: учтено решений — 1" in stats
    assert "До обучения: тревог 1, верных 0%, тип исправлен в 100%" in stats
    # one decision, on which the new layer said what the global verdict said: no record, no pull yet
    assert "Обучение пока не применяется: слой этого чата ещё не доказал" in stats
    assert "(они расходились в 0 решениях, слой прав в 0%;" in stats
    await command(h, ANNA, "/export")
    documents = {f[2]: f[3] for f in uploads.files if f[0] == "document"}
    decisions = next(data for name, data in documents.items() if "decisions" in name)
    rows = list(csv.DictReader(io.StringIO(decisions.decode("utf-8-sig"))))
    assert [(r["source"], r["label"], r["text"]) for r in rows] == [("relabel", "neutral", COMPLAINT)]


async def test_settings_pause_and_forget(h: Harness) -> None:
    h.fake.comment(GROUP, DMITRY, COMPLAINT)
    await h.feed()
    (case,) = await h.storage.cases.list_for_chat(GROUP)
    await h.press(ANNA, h.alerts_to(ANNA["id"])[-1], f"case:label:{case.id}:neutral")
    panel = await open_panel(h)
    assert "Обучение на решениях админов: <b>вкл</b>" in panel["text"]
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:learning")
    assert (await h.storage.chats.settings(GROUP)).learning is False
    assert "Обучение: пауза" in str(panel["reply_markup"])
    # Paused: the same comment alerts again as the global verdict says.
    h.fake.comment(GROUP, OLGA, COMPLAINT)
    await h.feed()
    assert len(await h.storage.cases.list_for_chat(GROUP)) == 2
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:learning")
    assert (await h.storage.chats.settings(GROUP)).learning is True
    # Forget asks once more, then drops the layer and the decisions.
    panel = await press(h, ANNA, panel, f"settings:{GROUP}:menu:forget")
    assert f"settings:{GROUP}:forget:yes" in buttons(panel)
    await press(h, ANNA, panel, f"settings:{GROUP}:forget:yes")
    assert await h.storage.learning.layer(GROUP) is None
    assert await h.storage.learning.examples(GROUP) == []


async def test_missed_in_private_picks_the_chat_and_teaches_only_that_one(h: Harness) -> None:
    h.fake.add_group(GROUP2, "Пекарня <Колос>", owner=ANNA)
    h.fake.bot_added(GROUP2, ANNA)
    await h.feed()
    assert "Выберите чат" in await private(h, ANNA, f"/missed trolling {JAB}")
    picker = last_message(h, ANNA["id"])
    data = [b["callback_data"] for row in picker["reply_markup"]["inline_keyboard"] for b in row]
    assert sorted(data) == sorted([f"pick:missed:{GROUP}", f"pick:missed:{GROUP2}"])
    await h.press(ANNA, picker, f"pick:missed:{GROUP2}")
    assert "Запомнил" in h.fake.sent("sendMessage", ANNA["id"])[-1].params["text"]
    assert [e.label for e in await h.storage.learning.examples(GROUP2)] == [Label.TROLLING]
    assert await h.storage.learning.examples(GROUP) == []
    h.fake.comment(GROUP2, DMITRY, JAB)
    h.fake.comment(GROUP, DMITRY, JAB)
    await h.feed()
    assert [c.label for c in await h.storage.cases.list_for_chat(GROUP2)] == [Label.TROLLING]
    assert await h.storage.cases.list_for_chat(GROUP) == []
    # A kind that is no negative label, or no text: the usage.
    assert "/missed тип текст" in await private(h, ANNA, f"/missed neutral {JAB}")
