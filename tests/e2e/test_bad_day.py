"""An operator's bad day against the real process: the database locked by a backup or a shell for
longer than 5 s, a handling that keeps failing, dead updates counted in /healthz and replayed."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.fake_api import FakeTelegram, serve
from tests.e2e.test_bot_process import (
    ANNA,
    BORIS,
    COMPLAINTS,
    DMITRY,
    GROUP,
    OLGA,
    TOKEN,
    BotProcess,
    _buttons,
    _sent_to,
    admins_started_and_bot_added,
)
from tests.e2e.test_webhook import SECRET, Hook, free_port

pytestmark = pytest.mark.e2e


def _alerted(fake: FakeTelegram, admin: int, text_part: str) -> int:
    return len([c for c in fake.sent("sendMessage", admin) if _buttons(c) and text_part in str(c.params.get("text"))])


async def _ready(fake: FakeTelegram, bot: BotProcess) -> None:
    await bot.start()
    await admins_started_and_bot_added(fake)


async def test_a_write_lock_held_8_s_during_handling_delays_the_comment_and_loses_nothing(tmp_path: Path) -> None:
    fake = FakeTelegram()
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    other = -1001777000002
    fake.add_group(other, "Магазин «Зима»", owner=ANNA, admins=(BORIS,))
    db = tmp_path / "bot.sqlite3"
    async with serve(fake, TOKEN) as base_url:
        bot = BotProcess(base_url, db, tmp_path / "bot.log")
        try:
            await _ready(fake, bot)
            # The bot first hears of the other group through this comment and asks Telegram about it
            # before writing the chat down: that question is held, so the update is mid-handling
            # (already kept and confirmed to Telegram) when another process takes the write lock.
            fake.held.add("getChat")
            fake.comment(other, DMITRY, COMPLAINTS[0])
            await fake.wait_for(lambda c: c.method == "getChat" and c.params.get("chat_id") == other, timeout=15)
            shell = sqlite3.connect(db, isolation_level=None)
            shell.execute("BEGIN IMMEDIATE")  # as a backup, copy-db or an operator's shell would
            try:
                fake.release("getChat")
                await asyncio.sleep(8)
                assert _alerted(fake, ANNA["id"], "Дмитрий") == 0
            finally:
                shell.execute("ROLLBACK")
                shell.close()
            await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and bool(_buttons(c)), timeout=20)
            await fake.wait_for(lambda c: _sent_to(BORIS["id"])(c) and bool(_buttons(c)), timeout=20)
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT chat_id FROM cases").fetchall() == [(other,)]
        assert conn.execute("SELECT COUNT(*) FROM inbox").fetchone()[0] == 0


async def test_a_failing_comment_is_kept_retried_and_a_dead_one_counted_and_replayed(tmp_path: Path) -> None:
    fake = FakeTelegram()
    fake.add_group(GROUP, "Магазин «Лето»", owner=ANNA, admins=(BORIS,))
    db = tmp_path / "bot.sqlite3"
    port = free_port()
    async with serve(fake, TOKEN) as base_url, aiohttp.ClientSession() as session:
        bot = BotProcess(base_url, db, tmp_path / "bot.log")
        bot.env.update(
            BOT_MODE="webhook",
            WEBHOOK_URL=f"http://127.0.0.1:{port}/tg/hook",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN=f"127.0.0.1:{port}",
        )
        hook = Hook(port, session)
        try:
            await bot.start()
            await fake.wait_for(lambda c: c.method == "setWebhook", timeout=30)
            for admin in (ANNA, BORIS):
                fake.private_message(admin, "/start")
            fake.bot_added(GROUP, ANNA)
            await hook.deliver(fake)
            await fake.wait_for(lambda c: c.method == "getChatAdministrators", timeout=15)

            # A handling that fails (a damaged table, say): the comment is kept and tried again.
            with sqlite3.connect(db) as conn:
                conn.execute(
                    "CREATE TRIGGER broken BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, 'page damaged'); END"
                )
            fake.comment(GROUP, DMITRY, COMPLAINTS[0])
            [failing] = await hook.deliver(fake)
            deadline = asyncio.get_running_loop().time() + 15
            while True:
                with sqlite3.connect(db) as conn:
                    row = conn.execute(
                        "SELECT attempts, error FROM inbox WHERE update_id = ?", (failing["update_id"],)
                    ).fetchone()
                if row and row[0] >= 1:
                    break
                assert asyncio.get_running_loop().time() < deadline, "the failure was not kept"
                await asyncio.sleep(0.1)
            assert "page damaged" in row[1]
            with sqlite3.connect(db) as conn:
                conn.execute("DROP TRIGGER broken")
            await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and "Дмитрий" in str(c.params), timeout=20)

            # A comment given up on before (parked as dead): counted by /healthz, replayed by the command.
            fake.comment(GROUP, OLGA, COMPLAINTS[1])
            [dead] = fake.drain()
            with sqlite3.connect(db) as conn:
                conn.execute(
                    "INSERT INTO inbox (update_id, body, received_at, owner, attempts, error, dead_at, chat_id, noted_at) "
                    "VALUES (?, ?, 0, 'gone', 6, 'OperationalError: database is locked', 1, ?, 1)",
                    (dead["update_id"], json.dumps(dead, ensure_ascii=False), GROUP),
                )
            async with session.get(f"{hook.base}/healthz") as response:
                assert response.status == 200 and await response.json() == {"ok": True, "dead_updates": 1}
            env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
            env["DATABASE_URL"] = f"sqlite:///{db}"
            replayed = await asyncio.to_thread(
                subprocess.run,
                [sys.executable, "-m", "bot", "replay-dead"],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp_path,
                timeout=60,
                check=False,
            )
            assert replayed.returncode == 0 and "Put back 1 dead updates" in replayed.stdout, replayed.stderr
            await fake.wait_for(lambda c: _sent_to(ANNA["id"])(c) and "Ольга" in str(c.params), timeout=20)
            async with session.get(f"{hook.base}/healthz") as response:
                assert await response.json() == {"ok": True, "dead_updates": 0}
            assert await bot.stop() == 0
        finally:
            if bot.proc and bot.proc.returncode is None:
                await bot.kill()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 2
        assert conn.execute("SELECT COUNT(*) FROM inbox").fetchone()[0] == 0
    for admin in (ANNA, BORIS):
        assert _alerted(fake, admin["id"], "Дмитрий") == 1 and _alerted(fake, admin["id"], "Ольга") == 1
