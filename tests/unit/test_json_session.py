"""The session sends JSON bodies the Bot API reads the same as aiogram's forms; uploads stay forms."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramForbiddenError, TelegramNotFound, TelegramServerError
from aiogram.methods import SendMessage, SendPhoto
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message

from bot.fake_api import FakeTelegram, Fault, serve
from bot.fake_api.core import user
from bot.telegram.json_session import JsonSession, only_message_id

TOKEN = "123456:TEST-TOKEN"
ANNA = user(1001, "Анна", "anna_admin")


def _bot(session: JsonSession) -> Bot:
    return Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


@asynccontextmanager
async def _served(fake: FakeTelegram) -> AsyncIterator[Bot]:
    """A bot whose JSON session talks to ``fake`` on 127.0.0.1; Anna has pressed Start."""
    fake.private_message(ANNA, "/start")
    async with serve(fake, TOKEN) as base_url:
        session = JsonSession()
        session.api = TelegramAPIServer.from_base(base_url)
        try:
            yield _bot(session)
        finally:
            await session.close()


async def test_a_message_becomes_json_with_the_bot_defaults_and_nested_objects() -> None:
    session = JsonSession()
    bot = _bot(session)
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Отправить", callback_data="c:1")]])
    method = SendMessage(
        chat_id=42,
        text="Жалоба «№1» & <b>",
        reply_markup=keyboard,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    body = session.build_json(bot, method)
    assert body is not None
    assert json.loads(body) == {
        "chat_id": 42,
        "text": "Жалоба «№1» & <b>",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "Отправить", "callback_data": "c:1"}]]},
        "link_preview_options": {"is_disabled": True},
    }
    await session.close()


async def test_an_upload_is_left_to_the_form() -> None:
    session = JsonSession()
    bot = _bot(session)
    method = SendPhoto(chat_id=42, photo=BufferedInputFile(b"png", filename="chart.png"), caption="График")
    assert session.build_json(bot, method) is None
    await session.close()


async def test_the_server_reads_what_was_sent() -> None:
    fake = FakeTelegram()
    async with _served(fake) as bot:
        keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Да", callback_data="c:2")]])
        sent = await bot.send_message(ANNA["id"], "Привет, <b>Анна</b>", reply_markup=keyboard)
    (call,) = fake.sent("sendMessage")
    assert call.params["text"] == "Привет, <b>Анна</b>"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Да", "callback_data": "c:2"}]]}
    assert sent.message_id > 0 and sent.text == "Привет, <b>Анна</b>"


async def test_inside_only_message_id_a_sent_or_edited_message_comes_back_as_its_id() -> None:
    fake = FakeTelegram()
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Да", callback_data="c:2")]])
    async with _served(fake) as bot:
        with only_message_id():
            lean = await bot.send_message(ANNA["id"], "Карточка <b>1</b>", reply_markup=keyboard)
            edited = await bot.edit_message_text(
                "Карточка <b>2</b>", chat_id=ANNA["id"], message_id=lean.message_id, reply_markup=keyboard
            )
            fake.blocked.add(ANNA["id"])
            with pytest.raises(TelegramForbiddenError):
                await bot.send_message(ANNA["id"], "Карточка 3")
            fake.blocked.discard(ANNA["id"])
        full = await bot.send_message(ANNA["id"], "Карточка <b>4</b>", reply_markup=keyboard)
    assert lean.message_id > 0 and lean.chat.id == ANNA["id"] and lean.date is not None
    assert lean.text is None and lean.reply_markup is None
    assert isinstance(edited, Message) and edited.message_id == lean.message_id and edited.text is None
    assert [c.params["text"] for c in fake.sent("editMessageText")] == ["Карточка <b>2</b>"]
    # outside, the whole message as aiogram reads it
    assert full.text == "Карточка <b>4</b>" and full.reply_markup is not None


async def test_an_updates_batch_reaches_the_hook_as_telegram_sent_it() -> None:
    fake = FakeTelegram()
    kept: list[list[dict[str, object]]] = []

    async def keep(batch: list[dict[str, object]]) -> None:
        kept.append(batch)

    async with _served(fake) as bot:
        fake.private_message(ANNA, "<i>второе</i> & ещё")
        assert isinstance(bot.session, JsonSession)
        bot.session.received = keep
        updates = await bot.get_updates(timeout=0)
        assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == []
    assert [u.message.text for u in updates if u.message] == ["/start", "<i>второе</i> & ещё"]
    assert len(kept) == 1 and [raw["update_id"] for raw in kept[0]] == [u.update_id for u in updates]
    assert kept[0][1]["message"]["text"] == "<i>второе</i> & ещё"  # type: ignore[index]


# Malformed answers and the token ----------------------------------------------------------------


def _checked_bot(base_url: str) -> Bot:
    """As the app builds it: the JSON session, the outgoing limiter (quick retries) and the answer check."""
    from dataclasses import replace

    from bot.telegram.answers import AnswerCheck
    from bot.telegram.limiter import NO_LIMITS, OutgoingLimiter

    session = JsonSession()
    session.api = TelegramAPIServer.from_base(base_url)
    session.middleware(OutgoingLimiter(replace(NO_LIMITS, max_backoff=0.01)))
    session.middleware(AnswerCheck())
    return _bot(session)


async def test_an_error_page_echoing_the_request_path_leaves_the_token_out_of_every_error() -> None:
    from bot.telegram.answers import TelegramMalformedAnswer

    fake = FakeTelegram()
    page = "<html><body>Cannot POST {path}</body></html>"
    fake.faults += [
        Fault("sendMessage", 404, "", raw=page, times=1),
        Fault("sendMessage", 502, "", raw=page, times=5),
        Fault("getMe", 404, "", raw='{"ok": false, "error_code": 404, "description": "Not Found: {path}"}'),
    ]
    async with serve(fake, TOKEN) as base_url:
        bot = _checked_bot(base_url)
        try:
            with pytest.raises(TelegramMalformedAnswer) as not_json:
                await bot.send_message(ANNA["id"], "Карточка")
            with pytest.raises(TelegramServerError) as bad_gateway:
                await bot.send_message(ANNA["id"], "Карточка")
            with pytest.raises(TelegramNotFound) as not_found:
                await bot.get_me()
        finally:
            await bot.session.close()
    for error in (not_json.value, bad_gateway.value, not_found.value):
        text = f"{error!s} {error!r} {error.__cause__!r} {error.__context__!r}"
        assert "/bot<token>/" in text, text
        assert TOKEN not in text and TOKEN.split(":")[1] not in text, text
    assert "HTTP 502" in str(bad_gateway.value)
    # The 5xx is retried, five tries; a post whose answer does not read is not (it may be out).
    assert len(fake.sent("sendMessage")) == 1 + 5


async def test_a_member_without_a_status_is_a_malformed_answer_retried_like_a_5xx() -> None:
    from bot.telegram.answers import TelegramMalformedAnswer

    fake = FakeTelegram()
    fake.add_group(-100123, "Группа", owner=ANNA)
    fake.faults.append(Fault("getChatMember", 200, "", strip=("status",), times=2))
    fake.faults.append(Fault("getChat", 200, "", strip=("type",), times=10))
    async with serve(fake, TOKEN) as base_url:
        bot = _checked_bot(base_url)
        try:
            member = await bot.get_chat_member(-100123, ANNA["id"])  # third time lucky
            with pytest.raises(TelegramMalformedAnswer):
                await bot.get_chat(-100123)
        finally:
            await bot.session.close()
    assert member.status == "creator" and len(fake.sent("getChatMember")) == 3
    assert len(fake.sent("getChat")) == 5


async def test_an_update_that_cannot_be_read_is_kept_handed_on_and_polling_moves_past_it() -> None:
    fake = FakeTelegram()
    kept: list[int] = []
    unreadable: list[tuple[int, str]] = []

    async def keep(batch: list[dict[str, object]]) -> None:
        kept.extend(int(raw["update_id"]) for raw in batch)  # type: ignore[call-overload]

    async def park(raw: dict[str, object], why: str) -> None:
        unreadable.append((int(raw["update_id"]), why))  # type: ignore[call-overload]

    broken = fake.push(message={"message_id": "not a number", "chat": {"id": 1}})
    fake.private_message(ANNA, "после сломанного")
    async with _served(fake) as bot:
        assert isinstance(bot.session, JsonSession)
        bot.session.received, bot.session.unreadable = keep, park
        updates = await bot.get_updates(timeout=0)
    ids = [u.update_id for u in updates]
    assert broken in ids and kept == ids  # kept, and a bare update in its place moves the offset on
    assert [u.message.text for u in updates if u.message] == ["после сломанного", "/start"]
    assert [update_id for update_id, _ in unreadable] == [broken] and "do not read" in unreadable[0][1]


async def test_a_post_whose_answer_does_not_read_is_not_repeated_and_an_edit_is() -> None:
    from bot.telegram.answers import TelegramMalformedAnswer
    from bot.telegram.cards import edit_card

    fake = FakeTelegram()
    fake.faults.append(Fault("sendMessage", 200, "", strip=("message_id",), times=5))
    fake.faults.append(Fault("editMessageText", 200, "", strip=("message_id",), times=1))
    async with serve(fake, TOKEN) as base_url:
        bot = _checked_bot(base_url)
        try:
            with pytest.raises(TelegramMalformedAnswer):
                await bot.send_message(ANNA["id"], "Карточка")  # posted, but the answer does not say so
            [(chat_id, message_id)] = list(fake.messages)
            # Tried again, the edit is found made ("not modified"), which is no error for a card.
            await edit_card(bot, chat_id, message_id, "Карточка, новая", None)
        finally:
            await bot.session.close()
    assert len(fake.sent("sendMessage")) == 1 and len(fake.messages) == 1  # one card, not five
    assert len(fake.sent("editMessageText")) == 2
    assert fake.messages[(chat_id, message_id)]["text"] == "Карточка, новая"
