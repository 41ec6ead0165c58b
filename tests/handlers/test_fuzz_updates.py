"""Hypothesis-generated updates through the real dispatcher: odd shapes never break a handler,
and whatever people put in their names and comments is shown escaped in the alerts."""

from __future__ import annotations

import asyncio
import html
import logging
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import Update
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.fake_api.core import user
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, VERA, Harness, make_harness

pytestmark = pytest.mark.filterwarnings("ignore:Detected unknown update type:RuntimeWarning")

COMPLAINT = "Заказ {n} потеряли, курьер не приехал, деньги списали. Верните деньги за доставку!"

# --- strategies: things shaped like Telegram updates, with random fields and wrong types ------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
ids = st.one_of(
    st.sampled_from([GROUP, ANNA["id"], BORIS["id"], DMITRY["id"], 0, -1, 777000, 1087968824, 136817688]),
    st.integers(-(2**63), 2**63 - 1),
)
texts = st.text(max_size=120)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, json_values)


users = st.fixed_dictionaries(
    {"id": _maybe(ids), "is_bot": _maybe(st.booleans()), "first_name": _maybe(texts)},
    optional={"last_name": texts, "username": texts, "language_code": texts, "is_premium": st.booleans()},
)
chats = st.fixed_dictionaries(
    {
        "id": _maybe(ids),
        "type": st.one_of(st.sampled_from(["private", "group", "supergroup", "channel"]), texts),
    },
    optional={"title": texts, "username": texts, "is_forum": st.booleans(), "first_name": texts},
)
entities = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["bot_command", "bold", "url", "mention", "text_link", "custom_emoji"]),
            "offset": st.integers(-5, 200),
            "length": st.integers(-5, 200),
        },
        optional={"url": texts, "user": users, "custom_emoji_id": texts},
    ),
    max_size=3,
)
messages = st.fixed_dictionaries(
    {"message_id": _maybe(st.integers(-10, 2**31)), "date": _maybe(st.integers(0, 2**33)), "chat": chats},
    optional={
        "from": users,
        "sender_chat": chats,
        "text": _maybe(texts),
        "caption": texts,
        "entities": entities,
        "message_thread_id": st.integers(-10, 2**31),
        "is_topic_message": st.booleans(),
        "is_automatic_forward": st.booleans(),
        "edit_date": st.integers(0, 2**33),
        "new_chat_members": st.lists(users, max_size=3),
        "left_chat_member": users,
        "migrate_to_chat_id": ids,
        "reply_to_message": st.fixed_dictionaries(
            {"message_id": st.integers(-10, 2**31), "date": st.integers(0, 2**33), "chat": chats}
        ),
        "unexpected_field": json_values,
    },
)
button_data = st.one_of(
    texts,
    st.builds(
        lambda action, case_id, arg: f"case:{action}:{case_id}" + (f":{arg}" if arg else ""),
        st.one_of(
            st.sampled_from(["send", "later", "cancel", "edit", "ignore", "resolve", "label", "take", "x"]),
            texts,
        ),
        st.one_of(st.integers(-5, 10), texts),
        st.one_of(st.none(), st.sampled_from(["positive", "neutral", "trolling", "bogus"]), texts),
    ),
)
callback_queries = st.fixed_dictionaries(
    {"id": texts, "from": users, "chat_instance": texts},
    optional={"data": button_data, "message": messages, "inline_message_id": texts},
)
members = st.fixed_dictionaries(
    {
        "chat": chats,
        "from": users,
        "date": st.integers(0, 2**33),
        "old_chat_member": st.fixed_dictionaries(
            {"status": st.sampled_from(["left", "member", "administrator", "creator", "kicked"]), "user": users}
        ),
        "new_chat_member": st.fixed_dictionaries(
            {"status": st.sampled_from(["left", "member", "administrator", "creator", "kicked"]), "user": users}
        ),
    }
)
update_bodies = st.one_of(
    st.fixed_dictionaries({"message": messages}),
    st.fixed_dictionaries({"edited_message": messages}),
    st.fixed_dictionaries({"channel_post": messages}),
    st.fixed_dictionaries({"callback_query": callback_queries}),
    st.fixed_dictionaries({"my_chat_member": members}),
    st.fixed_dictionaries({"chat_member": members}),
    st.dictionaries(st.text(max_size=15), json_values, max_size=3),
)


async def _ready(tmp_path: Path) -> Harness:
    harness = await make_harness(tmp_path)
    harness.fake.blocked.add(VERA["id"])
    await harness.start_admins(ANNA, BORIS)
    await harness.add_bot()
    return harness


async def _close(harness: Harness) -> None:
    await harness.storage.close()
    await harness.bot.session.close()


def test_random_and_malformed_updates_never_break_a_handler(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="handlers.errors")
    with asyncio.Runner() as runner:
        harness = runner.run(_ready(tmp_path))
        parsed = {"valid": 0, "rejected": 0}
        try:

            @settings(
                max_examples=300,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            )
            @given(body=update_bodies, update_id=st.integers(1, 2**31))
            def feed(body: dict[str, Any], update_id: int) -> None:
                raw = {"update_id": update_id, **body}
                try:
                    update = Update.model_validate(raw, context={"bot": harness.bot})
                except ValidationError:
                    # aiogram itself refuses it before any handler runs.
                    parsed["rejected"] += 1
                    return
                parsed["valid"] += 1
                runner.run(harness.dp.feed_update(harness.bot, update))
                failures = [r.getMessage() for r in caplog.records if r.name == "handlers.errors"]
                assert not failures, f"{failures[0]} for {raw!r}"

            feed()
            assert parsed["valid"] > 20  # the strategies do reach the handlers (about a third of 300)

            # Still working: a plain complaint gets its alert.
            before = len(harness.alerts_to(ANNA["id"]))
            harness.clock.advance(4000)  # past any wave or burst the random updates started
            harness.fake.comment(GROUP, user(3_000_001, "Пётр"), COMPLAINT.format(n=8812))
            runner.run(harness.feed())
            assert len(harness.alerts_to(ANNA["id"])) == before + 1
        finally:
            runner.run(_close(harness))


# --- escaping -----------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
    "span",
}
CONTROL = "<>&\"'*_`[]()~|#!=-+.{}\\/"
names = st.text(alphabet=st.sampled_from(CONTROL + "АбвЖзкLmnoXyz"), min_size=1, max_size=18).map(lambda s: "Я" + s)
suffixes = st.text(alphabet=st.sampled_from(CONTROL + "абв "), max_size=30)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def test_names_and_texts_with_markup_are_shown_escaped(tmp_path: Path) -> None:
    with asyncio.Runner() as runner:
        harness = runner.run(_ready(tmp_path))
        counter = iter(range(1, 10**6))
        try:

            @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
            @given(first=names, last=st.one_of(st.none(), names), suffix=suffixes)
            def alert_for(first: str, last: str | None, suffix: str) -> None:
                n = next(counter)
                harness.clock.advance(4000)  # no wave: every complaint gets its own alert
                extra = {"last_name": last} if last else {}
                author = user(4_000_000 + n, first, **extra)
                text = COMPLAINT.format(n=1000 + n) + " " + suffix
                harness.fake.comment(GROUP, author, text)
                runner.run(harness.feed())
                alert = harness.alerts_to(ANNA["id"])[-1]["text"]
                reader = _Reader()
                reader.feed(alert)
                reader.close()
                assert set(reader.tags) <= ALLOWED_TAGS, reader.tags
                shown = "".join(reader.data)
                full_name = first + (" " + last if last else "")
                assert full_name in shown
                assert text.strip() in shown or html.escape(text.strip()) not in alert
                # What the author typed is never markup: the raw "<" of a name is never in the HTML.
                if "<" in first:
                    assert first not in alert

            alert_for()
        finally:
            runner.run(_close(harness))
