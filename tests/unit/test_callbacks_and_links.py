"""Button data and links: the fixed formats."""

from __future__ import annotations

import pytest

from bot.domain.links import comment_url
from bot.domain.models import Author, Case, CaseStatus, Chat
from bot.domain.verdicts import Label
from bot.telegram.callbacks import Action, CaseCallback
from bot.telegram.render import author_html


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("case:send:12", CaseCallback(Action.SEND, 12)),
        ("case:later:1", CaseCallback(Action.LATER, 1)),
        ("case:label:7:trolling", CaseCallback(Action.LABEL, 7, "trolling")),
        ("case:cancel:99999999999", CaseCallback(Action.CANCEL, 99999999999)),
    ],
)
def test_parse_and_pack_round_trip(data: str, expected: CaseCallback) -> None:
    assert CaseCallback.parse(data) == expected
    assert expected.pack() == data


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "case",
        "case:send",
        "case:nuke:1",
        "case:send:x",
        "case:send:-1",
        "case:send:0",
        "other:send:1",
        "case:send:1:a:b",
    ],
)
def test_forged_or_broken_data_is_rejected(data: str | None) -> None:
    assert CaseCallback.parse(data) is None


def test_every_button_fits_64_bytes() -> None:
    for action in Action:
        for label in Label:
            assert len(CaseCallback(action, 10**15, label.value).pack().encode()) <= 64


def _case(thread: int | None, topic: bool) -> Case:
    return Case(
        id=1,
        chat_id=-1001234567890,
        message_id=55,
        thread_id=thread,
        is_topic=topic,
        author=Author(1, "A", None, False),
        text="t",
        label=Label.CONSTRUCTIVE,
        toxic=False,
        confidence=0.5,
        reasons=(),
        problem=None,
        wave_id=None,
        reply_text=None,
        status=CaseStatus.NEW,
        note=None,
        created_at=0,
        updated_at=0,
    )


def _chat(chat_id: int, username: str | None) -> Chat:
    return Chat(chat_id, "T", "supergroup", username, None, False, True, True, None)


@pytest.mark.parametrize(
    ("chat", "thread", "topic", "url"),
    [
        (_chat(-1001234567890, None), None, False, "https://t.me/c/1234567890/55"),
        (_chat(-1001234567890, None), 40, False, "https://t.me/c/1234567890/55?thread=40"),
        (_chat(-1001234567890, None), 40, True, "https://t.me/c/1234567890/40/55"),
        (_chat(-1001234567890, "shop_chat"), 40, False, "https://t.me/shop_chat/55?thread=40"),
        (_chat(-4001, None), None, False, None),
    ],
)
def test_comment_urls(chat: Chat, thread: int | None, topic: bool, url: str | None) -> None:
    assert comment_url(chat, _case(thread, topic)) == url


def test_author_html_escapes() -> None:
    html = author_html(Author(5, "<script>&", None, False))
    assert "&lt;script&gt;&amp;" in html and "tg://user?id=5" in html
    assert "@evil" in author_html(Author(5, "x", "evil", False))
