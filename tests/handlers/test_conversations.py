"""What an admin is asked to type in private is aiogram's FSM state, kept in the bot's database (or
in Redis with REDIS_URL): a flow goes on after a restart, a former admin cannot finish it, and a
forged or damaged button is refused before anything is looked up."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis

from bot.domain.models import CaseStatus
from bot.telegram.fsm.sql_storage import SqlStorage
from bot.telegram.fsm.states import CaseInput, TemplateInput
from storage import Storage
from tests.cluster.conftest import redis_url
from tests.conftest import ANNA, BORIS, DMITRY, GROUP, VERA, Harness, make_harness
from tests.storage.conftest import Backend, backend

__all__ = ["backend"]

CONSTRUCTIVE = "Заказ №4821 ждал 3 часа, курьер не позвонил, а деньги с карты списали. Верните деньги!"
NEW_REPLY = "Дмитрий, простите за задержку! Уже вернули деньги, проверьте карту."


async def _started(tmp_path: Path, storage: Storage, **env: str) -> Harness:
    h = await make_harness(tmp_path, storage=storage, **env)
    h.fake.blocked.add(VERA["id"])
    await h.start_admins(ANNA, BORIS)
    await h.add_bot()
    return h


async def _close(h: Harness) -> None:
    """The bot's own shutdown (closes the FSM storage, Redis and the database), then its session."""
    await h.dp.emit_shutdown(bot=h.bot)
    await h.bot.session.close()


@dataclass
class Running:
    """A started bot that can be restarted: stopped and started again on the same database, in the
    same Telegram, with nothing kept in memory (a new bot, dispatcher, services and FSM storage)."""

    h: Harness
    tmp_path: Path
    reopen: Callable[[], Awaitable[Storage]]
    env: dict[str, str] = field(default_factory=dict)

    async def restart(self) -> Harness:
        await _close(self.h)
        storage = await self.reopen()
        self.h = await make_harness(self.tmp_path, storage=storage, world=(self.h.fake, self.h.clock), **self.env)
        return self.h


def _last_private(h: Harness, who: dict[str, Any]) -> dict[str, Any]:
    return h.fake.sent("sendMessage", who["id"])[-1].params


def _buttons(params: dict[str, Any]) -> list[str]:
    return [b["callback_data"] for row in params["reply_markup"]["inline_keyboard"] for b in row]


@pytest.fixture
async def running(backend: Backend, tmp_path: Path) -> AsyncIterator[Running]:
    """A started bot on SQLite or on PostgreSQL."""
    bot = Running(await _started(tmp_path, await backend.open()), tmp_path, backend.open)
    yield bot
    await _close(bot.h)


async def test_edit_goes_on_after_a_restart(running: Running) -> None:
    h = running.h
    h.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await h.feed()
    alert = h.alerts_to(ANNA["id"])[0]
    await h.press(ANNA, alert, h.button(alert, "case:edit:"))
    assert "новый текст" in _last_private(h, ANNA)["text"]
    case = (await h.storage.cases.list_for_chat(GROUP))[0]
    h = await running.restart()
    assert isinstance(h.dp.fsm.storage, SqlStorage)
    assert await h.conversation(ANNA).get_state() == CaseInput.reply.state
    h.fake.private_message(ANNA, NEW_REPLY)
    await h.feed()
    preview = _last_private(h, ANNA)
    assert "Уже вернули деньги" in preview["text"]
    assert _buttons(preview) == [f"case:send:{case.id}", f"case:later:{case.id}"]
    fresh = await h.storage.cases.get(case.id)
    assert fresh is not None and fresh.reply_text == NEW_REPLY
    assert "Уже вернули деньги" in h.alerts_to(BORIS["id"])[0]["text"]
    # The conversation is over, and nothing is left of it.
    assert await h.conversation(ANNA).get_state() is None
    assert await h.storage.db.fetchone("SELECT 1 FROM fsm_states") is None
    await h.press(ANNA, alert, f"case:send:{case.id}")
    assert h.posted_in_group()[-1]["text"] == NEW_REPLY


async def test_resolve_and_follow_up_go_on_after_two_restarts(running: Running) -> None:
    h = running.h
    h.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await h.feed()
    alert = h.alerts_to(ANNA["id"])[0]
    await h.press(ANNA, alert, h.button(alert, "case:resolve:"))
    assert "Что сделали" in _last_private(h, ANNA)["text"]
    h = await running.restart()
    h.fake.private_message(ANNA, "вернули деньги и сменили курьерскую службу")
    await h.feed()
    draft = _last_private(h, ANNA)
    assert "Вернули деньги и сменили курьерскую службу." in draft["text"]
    publish = next(d for d in _buttons(draft) if d.startswith("case:publish:"))
    assert await h.conversation(ANNA).get_state() == CaseInput.follow_up.state
    h = await running.restart()
    await h.press(ANNA, alert, publish)
    assert "Вернули деньги и сменили курьерскую службу." in h.posted_in_group()[-1]["text"]
    case = (await h.storage.cases.list_for_chat(GROUP))[0]
    assert case.status is CaseStatus.RESOLVED
    assert await h.conversation(ANNA).get_state() is None


async def test_template_edit_goes_on_after_a_restart(running: Running) -> None:
    h = running.h
    private = {"message_id": 1, "date": 1, "chat": {"id": ANNA["id"], "type": "private"}}
    await h.press(ANNA, private, f"templates:edit:{GROUP}:constructive")
    assert "Пришлите новые варианты" in _last_private(h, ANNA)["text"]
    h = await running.restart()
    assert await h.conversation(ANNA).get_state() == TemplateInput.variants.state
    h.fake.private_message(ANNA, "{name}, разберёмся. Напишите нам в личку.\n\nСпасибо за сигнал.")
    await h.feed()
    assert "Сохранено: 2" in _last_private(h, ANNA)["text"]
    assert await h.storage.templates.get(GROUP, "constructive", "ru") == [
        "{name}, разберёмся. Напишите нам в личку.",
        "Спасибо за сигнал.",
    ]


async def test_with_redis_the_conversation_is_kept_there(tmp_path: Path) -> None:
    url = await redis_url()
    path = tmp_path / "bot.sqlite3"
    running = Running(
        await _started(tmp_path, await Storage.open(path), REDIS_URL=url),
        tmp_path,
        lambda: Storage.open(path),
        {"REDIS_URL": url},
    )
    h = running.h
    redis = Redis.from_url(url)
    try:
        assert isinstance(h.dp.fsm.storage, RedisStorage)
        h.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
        await h.feed()
        alert = h.alerts_to(ANNA["id"])[0]
        await h.press(ANNA, alert, h.button(alert, "case:edit:"))
        key = f"otklik:fsm:{h.bot.id}:{ANNA['id']}:{ANNA['id']}:state"
        assert await redis.get(key) == CaseInput.reply.state.encode()
        assert await h.storage.db.fetchone("SELECT 1 FROM fsm_states") is None  # not in the database
        h = await running.restart()
        h.fake.private_message(ANNA, NEW_REPLY)
        await h.feed()
        assert "Уже вернули деньги" in _last_private(h, ANNA)["text"]
        assert await redis.get(key) is None
    finally:
        keys = [k async for k in redis.scan_iter(f"otklik:fsm:{h.bot.id}:*")]
        if keys:
            await redis.delete(*keys)
        await redis.aclose()
        await _close(running.h)


async def test_alert_pressed_in_the_alert_group_asks_and_takes_the_text_in_private(tmp_path: Path) -> None:
    fallback = -1009999
    h = await make_harness(tmp_path, ALERT_CHAT_ID=str(fallback))
    try:
        h.fake.chats[fallback] = {"id": fallback, "type": "supergroup", "title": "Алерты"}
        await h.add_bot()  # no admin pressed Start: alerts go to the alert group
        h.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
        await h.feed()
        (alert,) = h.alerts_to(fallback)
        await h.start_admins(BORIS)
        await h.press(BORIS, alert, h.button(alert, "case:edit:"))
        assert "новый текст" in _last_private(h, BORIS)["text"]
        h.fake.private_message(BORIS, NEW_REPLY)
        await h.feed()
        assert "Уже вернули деньги" in _last_private(h, BORIS)["text"]
        case = (await h.storage.cases.list_for_chat(GROUP))[0]
        assert case.reply_text == NEW_REPLY
    finally:
        await _close(h)


async def test_a_former_admin_cannot_finish_what_they_started(ready: Harness) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(BORIS["id"])[0]
    await ready.press(BORIS, alert, ready.button(alert, "case:edit:"))
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    ready.fake.set_member(GROUP, BORIS, "member")
    ready.fake.private_message(BORIS, NEW_REPLY)
    await ready.feed()
    assert _last_private(ready, BORIS)["text"] == "Это могут делать только текущие админы чата."
    fresh = await ready.storage.cases.get(case.id)
    assert fresh is not None and fresh.reply_text == case.reply_text
    assert await ready.conversation(BORIS).get_state() is None  # the conversation ended


async def test_a_text_when_none_was_asked_and_something_else_when_one_was(ready: Harness) -> None:
    ready.fake.private_message(ANNA, NEW_REPLY)
    await ready.feed()
    assert "Я работаю в группах" in _last_private(ready, ANNA)["text"]
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    await ready.press(ANNA, alert, ready.button(alert, "case:edit:"))
    ready.fake.private_message(ANNA, "/whatever")
    await ready.feed()
    assert _last_private(ready, ANNA)["text"] == "Пришлите ответ обычным текстом."
    assert await ready.conversation(ANNA).get_state() == CaseInput.reply.state  # still waiting


FORGED = [
    "case:send:１",
    "case:send:" + "9" * 54,
    "case:send:9223372036854775808",
    "case:send:+{id}",
    "case:send:0{id}",
    "case:send:{id}:",
    "case:nuke:{id}",
    "case:label:{id}:троллинг",
    "settings:{chat}:auto",
    "settings:{chat}１:auto_schedule",
    "pick:cases:{chat}0000000000000000000000000000000000",
    "templates:edit:{chat}:positive",
    "tpl:edit:{chat}:constructive",
    "garbage",
]


async def test_forged_or_damaged_buttons_are_refused_before_any_lookup(
    ready: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready.fake.comment(GROUP, DMITRY, CONSTRUCTIVE)
    await ready.feed()
    alert = ready.alerts_to(ANNA["id"])[0]
    case = (await ready.storage.cases.list_for_chat(GROUP))[0]
    looked_up: list[object] = []

    async def no_case(case_id: int) -> None:
        looked_up.append(case_id)

    async def no_chat(chat_id: int) -> None:
        looked_up.append(chat_id)

    monkeypatch.setattr(ready.storage.cases, "get", no_case)
    monkeypatch.setattr(ready.storage.chats, "get", no_chat)
    checks = len(ready.fake.sent("getChatMember"))
    for data in FORGED:
        await ready.press(ANNA, alert, data.format(id=case.id, chat=GROUP))
    assert looked_up == [] and len(ready.fake.sent("getChatMember")) == checks
    answers = [c.params for c in ready.fake.sent("answerCallbackQuery")[-len(FORGED) :]]
    assert [a.get("text") for a in answers] == ["Эта кнопка устарела."] * len(FORGED)
    assert ready.posted_in_group() == []
    monkeypatch.undo()
    fresh = await ready.storage.cases.get(case.id)
    assert fresh is not None and fresh.status is CaseStatus.NEW
