"""``python -m bot backup PATH`` (a consistent copy of the running bot's SQLite database) and
``python -m bot replay-dead`` (the updates given up on, tried again)."""

from __future__ import annotations

import asyncio
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.backup import run_backup
from bot.cli.replay_dead import replay_dead
from bot.domain.models import Author, NewCase
from bot.domain.verdicts import Label
from storage import Storage

ROOT = Path(__file__).resolve().parents[2]
CHAT = -1001
NOW = 1_764_000_000
LABELS = [Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING]


def _case(message_id: int) -> NewCase:
    return NewCase(
        chat_id=CHAT,
        message_id=message_id,
        thread_id=None,
        is_topic=False,
        author=Author(id=message_id, name="Автор", username=None, is_chat=False),
        text=f"Заказ {message_id} не пришёл, верните деньги " + "подробности " * 40,
        label=LABELS[message_id % 3],
        toxic=False,
        confidence=0.8,
        reasons=("называет проблему",),
        problem="доставка",
        wave_id=None,
        reply_text=None,
    )


def _consistent(path: Path) -> tuple[int, str]:
    """(cases in the copy, its journal mode); each case and its label's counter were written in one
    transaction, so in a consistent copy every counter equals its label's cases."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cases = dict(conn.execute("SELECT label, COUNT(*) FROM cases GROUP BY label").fetchall())
        counters = dict(conn.execute("SELECT label, n FROM label_counters WHERE chat_id = ?", (CHAT,)).fetchall())
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert cases == counters, (cases, counters)
    return sum(cases.values()), mode


async def test_a_backup_taken_while_the_bot_writes_is_one_consistent_moment(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    storage = await Storage.open(db)
    await storage.chats.upsert(chat_id=CHAT, title="Кофейня", type_="supergroup", username=None, now=NOW)
    written = 0
    stop = asyncio.Event()

    async def bot_writes() -> None:
        nonlocal written
        while not stop.is_set():
            written += 1
            await storage.cases.open(_case(written), NOW + written, draft=lambda n: f"Ответ {n}")
            await asyncio.sleep(0)

    writer = asyncio.create_task(bot_writes())
    try:
        copies = []
        for n in range(4):
            await asyncio.sleep(0.05)
            before = written
            target = tmp_path / f"copy-{n}.sqlite3"
            out, err = io.StringIO(), io.StringIO()
            assert await asyncio.to_thread(run_backup, f"sqlite:///{db}", str(target), out, err) == 0, err.getvalue()
            assert written > before  # the bot went on writing meanwhile
            assert f"Backed up {db} to {target}" in out.getvalue() and "integrity check ok" in out.getvalue()
            copies.append(target)
    finally:
        stop.set()
        await writer
        await storage.close()
    counts = []
    for target in copies:
        cases, mode = _consistent(target)
        assert mode == "delete"  # one self-contained file, no -wal beside it
        counts.append(cases)
    assert counts == sorted(counts) and counts[-1] > counts[0] > 0
    left = await asyncio.to_thread(lambda: [p.name for p in tmp_path.iterdir() if ".partial-" in p.name])
    assert left == []


async def test_a_backup_refuses_what_it_cannot_do_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    storage = await Storage.open(db)
    await storage.close()
    (tmp_path / "taken.sqlite3").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a database")
    cases = [
        (f"sqlite:///{db}", tmp_path / "taken.sqlite3", 1, "already exists"),
        (f"sqlite:///{tmp_path / 'missing.sqlite3'}", tmp_path / "a.sqlite3", 1, "there is no database file"),
        (f"sqlite:///{tmp_path / 'notes.txt'}", tmp_path / "b.sqlite3", 1, "is not a SQLite database"),
        (f"sqlite:///{db}", tmp_path / "no-such-folder" / "c.sqlite3", 1, "does not exist"),
        ("postgresql://otklik:secret@db/otklik", tmp_path / "d.sqlite3", 2, "pg_dump"),
    ]
    for url, target, status, says in cases:
        err = io.StringIO()
        assert run_backup(url, str(target), io.StringIO(), err) == status, (url, err.getvalue())
        assert err.getvalue().startswith("backup: ") and says in err.getvalue(), err.getvalue()
        assert len(err.getvalue().strip().splitlines()) == 1
    assert not (tmp_path / "missing.sqlite3").exists()  # never created by trying to copy it
    assert (tmp_path / "taken.sqlite3").read_bytes() == b""


def _cli(tmp_path: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    env["DATABASE_URL"] = f"sqlite:///{db}"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


async def test_backup_and_replay_dead_as_commands(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    storage = await Storage.open(db)
    await storage.updates.keep([(41, '{"update_id": 41}'), (42, '{"update_id": 42}')], now=NOW)
    await storage.updates.fail(41, "OperationalError: database is locked", now=NOW, delays=(), chat_id=CHAT)
    await storage.close()

    done = _cli(tmp_path, db, "backup", str(tmp_path / "copy.sqlite3"))
    assert done.returncode == 0, done.stderr
    assert "integrity check ok" in done.stdout and "inbox 2" in done.stdout

    listed = _cli(tmp_path, db, "replay-dead", "--list")
    assert listed.returncode == 0, listed.stderr
    assert f"update 41 (chat {CHAT}), 1 tries" in listed.stdout and "database is locked" in listed.stdout
    assert "1 dead updates" in listed.stdout

    replayed = _cli(tmp_path, db, "replay-dead")
    assert replayed.returncode == 0 and "Put back 1 dead updates" in replayed.stdout
    again = _cli(tmp_path, db, "replay-dead")
    assert "No dead updates" in again.stdout

    reopened = await Storage.open(db)
    try:
        [back] = [kept for kept in await reopened.updates.left_behind() if kept.update_id == 41]
        assert back.owner is None and back.attempts == 0 and back.next_try_at is not None
        assert await reopened.updates.dead() == []
        assert await replay_dead(reopened, io.StringIO(), only_list=True) == 0
    finally:
        await reopened.close()


@pytest.mark.parametrize("command", ["backup", "replay-dead"])
def test_the_commands_need_no_token(tmp_path: Path, command: str) -> None:
    args = [command, str(tmp_path / "x.sqlite3")] if command == "backup" else [command]
    done = _cli(tmp_path, tmp_path / "absent.sqlite3", *args)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "BOT_TOKEN" not in done.stderr
    assert "there is no database file at" in done.stderr and not (tmp_path / "absent.sqlite3").exists()
