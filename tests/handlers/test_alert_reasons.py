"""An alert says why in the chat's language; the case keeps codes, and older cases' prose still shows."""

from __future__ import annotations

import json

from bot.telegram.render import AlertView, render_text
from tests.conftest import ANNA, DMITRY, GROUP, Harness

INSULTING = "Вы тут все идиоты, заказ 5512 так и не привезли"


async def test_a_russian_chat_reads_the_reasons_in_russian(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, INSULTING)
    await ready.feed()
    text = ready.alerts_to(ANNA["id"])[-1]["text"]
    assert "Почему: " in text and "оскорбление: «идиоты»" in text
    assert "insult" not in text and "Why:" not in text
    # «не привезли» is a negated verb, not praise: the reason says so plainly
    assert "негатив через «не»: «не привезли»" in text and "похвала" not in text


async def test_an_english_chat_reads_the_reasons_in_english(ready: Harness) -> None:
    await ready.storage.chats.update_settings(GROUP, language="en")
    ready.fake.comment(GROUP, DMITRY, INSULTING)
    await ready.feed()
    text = ready.alerts_to(ANNA["id"])[-1]["text"]
    assert "Why: " in text and "insult: “идиоты”" in text and "gives details: “заказ 5512”" in text
    assert "оскорбление" not in text and "приводит детали" not in text


async def test_the_case_stores_codes_and_words_not_phrases(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, INSULTING)
    await ready.feed()
    row = await ready.storage.db.fetchone("SELECT reasons FROM cases WHERE chat_id = ?", (GROUP,))
    stored = json.loads(row["reasons"])
    assert {"code": "insult", "words": ["идиоты"]} in stored
    assert all(isinstance(item, dict) and set(item) <= {"code", "words", "cues"} for item in stored)
    assert "оскорбление" not in row["reasons"] and "insult:" not in row["reasons"]


async def test_a_case_stored_as_prose_by_an_older_version_still_renders(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, INSULTING)
    await ready.feed()
    legacy = json.dumps(["оскорбления", "называет конкретную проблему: <заказ>"])
    await ready.storage.db.execute("UPDATE cases SET reasons = ? WHERE chat_id = ?", (legacy, GROUP))
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    chat = await ready.storage.chats.get(GROUP)
    assert chat is not None
    for lang in ("ru", "en"):
        text = render_text(AlertView(case, chat, None, lang))
        assert "оскорбления; называет конкретную проблему: &lt;заказ&gt;" in text
