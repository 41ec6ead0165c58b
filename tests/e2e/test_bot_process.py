"""The real ``python -m bot`` process against a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.fake_api import Call, FakeTelegram, Fault, serve
from bot.fake_api.core import PUNITIVE_METHODS, user

pytestmark = pytest.mark.e2e

TOKEN = "987654:E2E-SECRET-TOKEN"
GROUP = -1001777000001
ANNA = user(5001, "Анна", "anna")
BORIS = user(5002, "Борис")
DMITRY = user(6001, "Дмитрий", "dima")
OLGA = user(6002, "Ольга")
ROOT = Path(__file__).resolve().parents[2]
# Twelve different complaints (near-copies from several accounts would be one wave with one alert).
COMPLAINTS = [
    "Заказ 5000 не привезли, курьер не отвечает, деньги списали, верните деньги",
    "Торт на юбилей привезли с опозданием на три часа, крем растёкся, верните деньги за доставку",
    "Пицца 4 сыра пришла холодной уже второй раз за неделю, заказ 5102",
    "В приложении не проходит оплата картой Мир, ошибка 402 при подтверждении",
    "Курьер оставил посылку у подъезда без звонка, коробку намочил дождь, трек 77120",
    "Списали подписку дважды 12 и 13 числа, в поддержке никто не отвечает вторые сутки",
    "Букет на 8 марта привезли завядший, фото отправила в чат поддержки, ответа нет",
    "Роутер из аренды перестал раздавать wifi после обновления прошивки, договор 88120",
    "Промокод LETO25 не применяется к корзине, хотя условия акции выполнены",
    "Возврат за отменённый заказ 6604 не пришёл за 14 дней, обещали за 3",
    "В пункте выдачи на Ленина 12 третий день говорят что посылки нет, хотя статус доставлено",
    "Кешбэк баллами за октябрь так и не начислили, хотя покупок было на 20 тысяч",
]


class BotProcess:
    def __init__(self, base_url: str, db: Path, log: Path, delay: str = "2s") -> None:
        self.env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE": base_url,
            "DATABASE_URL": f"sqlite:///{db}",
            "IMPULSIVE_REPLY_DELAY": delay,
            "LOG_LEVEL": "DEBUG",
        }
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        handle = self.log.open("ab")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=str(self.log.parent),
            env=self.env,
            stdout=handle,
            stderr=handle,
        )
        handle.close()

    async def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), 20)

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()
        await self.proc.wait()


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[tuple[FakeTelegram, str]]:
    fake = FakeTelegram(can_read_all_group_messages=False)
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    async with serve(fake, TOKEN) as base_url:
        yield fake, base_url


def _sent_to(chat_id: int) -> Any:
    return lambda call: call.method == "sendMessage" and call.params.get("chat_id") == chat_id


async def admins_started_and_bot_added(fake: FakeTelegram) -> None:
    """With the bot started: Anna and Boris press Start, Anna adds the bot to the group, and the bot
    has read the group's admins."""
    await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
    fake.private_message(ANNA, "/start")
    fake.private_message(BORIS, "/start")
    await fake.wait_for(_sent_to(BORIS["id"]), timeout=15)
    fake.bot_added(GROUP, ANNA)
    await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)


def _buttons(call: Call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def _message_of(fake: FakeTelegram, chat_id: int, text_part: str) -> dict[str, Any]:
    for (cid, _), message in reversed(list(fake.messages.items())):
        if cid == chat_id and text_part in str(message.get("text")):
            return message
    raise LookupError(text_part)


async def test_whole_flow_in_a_real_process(world: tuple[FakeTelegram, str], tmp_path: Path) -> None:
    fake, base_url = world
    bot = BotProcess(base_url, tmp_path / "bot.sqlite3", tmp_path / "bot.log")
    await bot.start()
    try:
        await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
        fake.private_message(ANNA, "/start")
        fake.private_message(BORIS, "/start")
        await fake.wait_for(_sent_to(BORIS["id"]), timeout=15)
        fake.blocked.add(BORIS["id"])  # Boris blocks the bot: 403 for him, Anna still gets everything
        fake.bot_added(GROUP, ANNA)
        await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)

        # A constructive complaint: an alert with buttons; pressing send posts the reply.
        comment = fake.comment(
            GROUP,
            DMITRY,
            "Заказ 5531 не доставили, курьер не звонил, деньги списали 3 дня назад. Верните деньги!",
        )
        alert_call = (
            await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and "case:send:" in str(_buttons(c)), timeout=15)
        )[0]
        assert "Магазин «Лето»" in alert_call.params["text"]
        send = next(d for d in _buttons(alert_call) if d.startswith("case:send:"))
        # One 429 on the way to the group: the reply is delayed, not dropped.
        fake.faults.append(Fault("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=GROUP))
        fake.press(ANNA, _message_of(fake, ANNA["id"], "Дмитрий"), send)
        posted = await fake.wait_for(_sent_to(GROUP), count=2, timeout=15)  # the 429 try and the real one
        assert posted[-1].params["reply_parameters"]["message_id"] == comment["message_id"]
        assert posted[1].at - posted[0].at >= 0.9
        await fake.wait_for(
            lambda c: c.method == "editMessageText" and "опубликован" in str(c.params.get("text")), timeout=10
        )
        assert len(fake.sent("sendMessage", BORIS["id"])) == 2  # /start answer, then the alert's 403

        # An impulsive comment: answered by itself after the 2 s delay.
        pushed_at = time.time()
        venting = fake.comment(GROUP, OLGA, "Да вы достали!!! Худший магазин, бесите")
        replies = await fake.wait_for(
            lambda c: _sent_to(GROUP)(c) and c.params["reply_parameters"]["message_id"] == venting["message_id"],
            timeout=20,
        )
        assert replies[0].at - pushed_at >= 2.0  # never before the chat's delay
        # Boris was marked unreachable at the first 403 and is not tried again.
        assert len(fake.sent("sendMessage", BORIS["id"])) == 2
        assert await bot.stop() == 0
    finally:
        if bot.proc and bot.proc.returncode is None:
            await bot.kill()
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert "Started as @otklik_test_bot" in log
    assert "Privacy mode is on" in log and "/setprivacy" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert not [c for c in fake.calls if c.method in PUNITIVE_METHODS]


async def test_kill_9_with_reply_pending_sends_it_once_after_restart(
    world: tuple[FakeTelegram, str], tmp_path: Path
) -> None:
    fake, base_url = world
    bot = BotProcess(base_url, tmp_path / "bot.sqlite3", tmp_path / "bot.log", delay="4s")
    await bot.start()
    try:
        await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
        fake.private_message(ANNA, "/start")
        fake.bot_added(GROUP, ANNA)
        await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)
        venting = fake.comment(GROUP, OLGA, "Да вы задолбали!!! Худший магазин в мире, ненавижу")
        await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and "Ольга" in str(c.params.get("text")), timeout=15)
        await bot.kill()  # kill -9 while the reply waits in the database
        assert not fake.sent("sendMessage", GROUP)
        await asyncio.sleep(1)
        await bot.start()
        posted = await fake.wait_for(_sent_to(GROUP), timeout=30)
        assert posted[0].params["reply_parameters"]["message_id"] == venting["message_id"]
        await asyncio.sleep(2.5)  # a double post would show up here
        assert len(fake.sent("sendMessage", GROUP)) == 1
        assert await bot.stop() == 0
    finally:
        if bot.proc and bot.proc.returncode is None:
            await bot.kill()


async def test_missing_token_stops_with_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=str(tmp_path),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "BOT_TOKEN" in lines[0] and "Traceback" not in err.decode()


async def test_constructive_case_from_alert_to_published_follow_up(
    world: tuple[FakeTelegram, str], tmp_path: Path
) -> None:
    fake, base_url = world
    bot = BotProcess(base_url, tmp_path / "bot.sqlite3", tmp_path / "bot.log")
    await bot.start()
    try:
        await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
        fake.private_message(ANNA, "/start")
        fake.bot_added(GROUP, ANNA)
        await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)
        comment = fake.comment(
            GROUP, DMITRY, "Заказ 7781 пришёл без половины товаров, поддержка молчит третий день", thread_id=40
        )
        alert_call = (
            await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and "case:resolve:" in str(_buttons(c)), timeout=15)
        )[0]
        resolve = next(d for d in _buttons(alert_call) if d.startswith("case:resolve:"))
        fake.press(ANNA, _message_of(fake, ANNA["id"], "Дмитрий"), resolve)
        await fake.wait_for(
            lambda c: _sent_to(ANNA["id"])(c) and "Что сделали" in str(c.params.get("text")), timeout=15
        )
        fake.private_message(ANNA, "довезли недостающие товары и вернули деньги за доставку")
        draft = (
            await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and "case:publish:" in str(_buttons(c)), timeout=15)
        )[0]
        assert "Довезли недостающие товары и вернули деньги за доставку." in draft.params["text"]
        publish = next(d for d in _buttons(draft) if d.startswith("case:publish:"))
        fake.press(ANNA, _message_of(fake, ANNA["id"], "Черновик итога"), publish)
        posted = await fake.wait_for(_sent_to(GROUP), timeout=15)
        assert posted[0].params["reply_parameters"]["message_id"] == comment["message_id"]
        assert "Довезли недостающие товары" in posted[0].params["text"]
        await fake.wait_for(
            lambda c: c.method == "editMessageText" and "Итог для автора: ✅" in str(c.params.get("text")), timeout=15
        )
        assert await bot.stop() == 0
    finally:
        if bot.proc and bot.proc.returncode is None:
            await bot.kill()


async def test_sigterm_finishes_updates_already_taken(tmp_path: Path) -> None:
    import sqlite3

    fake = FakeTelegram(record_served=True)
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, tmp_path / "bot.sqlite3", tmp_path / "bot.log")
        bot.env["ALERT_RATE"] = "0"  # every alert a message of its own (no digest card): counted below
        await bot.start()
        try:
            await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
            fake.private_message(ANNA, "/start")
            fake.bot_added(GROUP, ANNA)
            await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)
            # Alerts to one admin go out one a second, so handlers are still busy when the stop comes.
            complaints = COMPLAINTS
            ids = [
                fake.comment(GROUP, user(7000 + i, f"Клиент{i}"), text)["message_id"]
                for i, text in enumerate(complaints)
            ]
            deadline = asyncio.get_running_loop().time() + 15
            # The fake records when updates are handed out; polling it is the simplest way to stop right then.
            while len(fake.served) < 2 + len(complaints) and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            assert await bot.stop() == 0  # right after the updates were taken
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    with sqlite3.connect(tmp_path / "bot.sqlite3") as conn:
        stored = {row[0] for row in conn.execute("SELECT message_id FROM cases WHERE chat_id = ?", (GROUP,))}
        alerted = conn.execute("SELECT COUNT(DISTINCT case_id) FROM alerts").fetchone()[0]
    assert stored == set(ids)
    assert alerted == len(ids)  # every alert went out and was recorded before the database closed
    assert len([c for c in fake.sent("sendMessage", ANNA["id"]) if c.params.get("reply_markup")]) == len(ids)
    assert "Cannot operate on a closed database" not in (tmp_path / "bot.log").read_text(encoding="utf-8")


async def test_kill_9_in_the_middle_of_an_update_loses_no_comment(tmp_path: Path) -> None:
    import sqlite3

    fake = FakeTelegram()
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    db = tmp_path / "bot.sqlite3"
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, db, tmp_path / "bot.log")
        try:
            await bot.start()
            await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
            fake.private_message(ANNA, "/start")
            await fake.wait_for(_sent_to(ANNA["id"]), timeout=15)
            # The bot first hears of the group through a comment, so before handling it the bot asks
            # for the group's admins; that answer is held: the bot is in the middle of the update.
            fake.held.add("getChatAdministrators")
            comment = fake.comment(GROUP, DMITRY, COMPLAINTS[0])
            await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)
            deadline = asyncio.get_running_loop().time() + 15
            # Polling asks for the next batch at once, which tells Telegram this one arrived.
            while fake.unconfirmed() and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            assert fake.unconfirmed() == []
            await bot.kill()
            fake.release("getChatAdministrators")
            await bot.start()
            await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and "case:send:" in str(_buttons(c)), timeout=30)
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    with sqlite3.connect(db) as conn:
        stored = [row[0] for row in conn.execute("SELECT message_id FROM cases WHERE chat_id = ?", (GROUP,))]
        waiting = conn.execute("SELECT COUNT(*) FROM inbox").fetchone()[0]
    assert stored == [comment["message_id"]]
    assert waiting == 0
