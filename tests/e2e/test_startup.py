"""Fatal start-ups of the real ``python -m bot``: one line naming the setting and the cause, the right
exit status, within seconds, no traceback and no thread keeping the process alive."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.fake_api import FakeTelegram, Fault, serve
from storage import Storage
from tests.e2e.test_bot_process import TOKEN

pytestmark = pytest.mark.e2e

# Exit within this long: a process left hanging (aiosqlite's thread) would not exit at all (the run
# is killed after 60 s). Not a speed check: start-up alone takes 5-7 s when the cores are busy.
FAST = 20.0


@dataclass
class Ended:
    status: int
    stderr: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return self.stderr.strip().splitlines()

    def fatal_line(self) -> str:
        """The one line saying why it stopped (the last one), and no traceback anywhere."""
        assert "Traceback" not in self.stderr, self.stderr
        fatal = [line for line in self.lines if line.startswith(("Configuration error:", "Cannot go on:"))]
        assert len(fatal) == 1, self.stderr
        assert self.lines[-1] == fatal[0], self.stderr
        return fatal[0]


def _env(base_url: str, database: str, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "TELEGRAM_", "REDIS_"))}
    env.update(
        BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=base_url, DATABASE_URL=database, LOG_LEVEL="INFO", OUTGOING_LIMITS="false"
    )
    env.update(more)
    return env


async def _run(cwd: Path, env: dict[str, str], timeout: float = 60.0) -> Ended:
    started = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=str(cwd),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode is not None
    return Ended(proc.returncode, err.decode(), time.monotonic() - started)


@pytest.fixture
async def telegram() -> AsyncIterator[tuple[FakeTelegram, str]]:
    fake = FakeTelegram()
    async with serve(fake, TOKEN) as base_url:
        yield fake, base_url


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_a_token_telegram_refuses_is_exit_2_in_one_line(tmp_path: Path) -> None:
    async with serve(FakeTelegram(), "1:ANOTHER-TOKEN") as base_url:  # every call with ours gets 401
        ended = await _run(tmp_path, _env(base_url, f"sqlite:///{tmp_path / 'bot.sqlite3'}"))
    line = ended.fatal_line()
    assert ended.status == 2 and ended.seconds < FAST, (ended.status, ended.seconds)
    assert line.startswith("Configuration error: BOT_TOKEN:") and "401" in line
    assert TOKEN.split(":")[1] not in ended.stderr


@pytest.mark.parametrize("token", ["123456:ABC DEF-SECRET", "123456:ABC/SECRET", "SECRET"])
async def test_a_token_that_cannot_be_one_is_exit_2_in_one_line(tmp_path: Path, token: str) -> None:
    ended = await _run(
        tmp_path, {**_env("http://127.0.0.1:9", f"sqlite:///{tmp_path / 'bot.sqlite3'}"), "BOT_TOKEN": token}
    )
    line = ended.fatal_line()
    assert ended.status == 2 and ended.seconds < FAST, (ended.status, ended.seconds)
    assert line.startswith("Configuration error: BOT_TOKEN:") and "SECRET" not in ended.stderr


async def test_telegram_unreachable_at_boot_is_tried_again_then_exit_1(tmp_path: Path) -> None:
    base_url = f"http://127.0.0.1:{_closed_port()}"
    env = _env(base_url, f"sqlite:///{tmp_path / 'bot.sqlite3'}", TELEGRAM_START_TIMEOUT="7s")
    ended = await _run(tmp_path, env)
    line = ended.fatal_line()
    assert ended.status == 1, ended.stderr
    assert line.startswith("Cannot go on: TELEGRAM_API_BASE: Telegram could not be reached for")
    tries = [entry for entry in ended.lines if "Telegram cannot be reached (try" in entry]
    assert len(tries) >= 2 and "(try 1)" in tries[0] and "(try 2)" in tries[1]
    assert ended.seconds >= 5.0  # tried again until TELEGRAM_START_TIMEOUT ran out, then gave up


async def test_an_error_page_echoing_the_path_never_shows_the_token(
    telegram: tuple[FakeTelegram, str], tmp_path: Path
) -> None:
    fake, base_url = telegram
    page = "<html><body><h1>404 Not Found</h1><p>No route for POST {path}</p></body></html>"
    fake.faults.append(Fault("getMe", 404, "", raw=page, times=1000))
    env = _env(base_url, f"sqlite:///{tmp_path / 'bot.sqlite3'}", TELEGRAM_START_TIMEOUT="3s", LOG_LEVEL="DEBUG")
    ended = await _run(tmp_path, env)
    assert ended.status == 1 and "No route for POST /bot<token>/getMe" in ended.stderr, ended.stderr
    assert TOKEN not in ended.stderr and TOKEN.split(":")[1] not in ended.stderr


@pytest.mark.parametrize(
    ("make", "status", "says"),
    [
        ("folder_blocked", 2, "cannot create the folder"),
        ("not_a_database", 2, "is not a SQLite database; it is left as it is"),
        ("damaged", 1, "is damaged"),
        ("folder_in_its_place", 2, "is a folder, not a database file"),
    ],
)
async def test_a_database_that_cannot_be_used_is_one_line_and_left_alone(
    telegram: tuple[FakeTelegram, str], tmp_path: Path, make: str, status: int, says: str
) -> None:
    _, base_url = telegram
    path = tmp_path / "data" / "bot.sqlite3"
    before: bytes | None = None
    if make == "folder_blocked":
        (tmp_path / "data").write_text("a file where the folder should be")
    elif make == "not_a_database":
        path.parent.mkdir()
        path.write_bytes(b"name,amount\nAnna,100\n" * 200)
        before = path.read_bytes()
    elif make == "damaged":
        path.parent.mkdir()
        storage = await Storage.open(path)
        await storage.close()
        with path.open("r+b") as file:  # the schema page, past the 100-byte header
            file.seek(100)
            file.write(b"\xde\xad\xbe\xef" * 200)
        before = path.read_bytes()
    else:
        path.mkdir(parents=True)
    ended = await _run(tmp_path, _env(base_url, f"sqlite:///{path}"))
    line = ended.fatal_line()
    assert ended.status == status and ended.seconds < FAST, (ended.status, ended.seconds, ended.stderr)
    assert line.startswith(("Configuration error: DATABASE_URL:", "Cannot go on: DATABASE_URL:")) and says in line
    assert str(path.parent if make == "folder_blocked" else path) in line
    if before is not None:
        assert path.read_bytes() == before  # never overwritten


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """The file (and its folder) made read-only, for root too (the immutable flag)."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr: cannot make a file read-only")
        for target in (path, path.parent):
            if subprocess.run(["chattr", "+i", str(target)], capture_output=True, check=False).returncode:
                pytest.skip("chattr +i is not allowed here")
        try:
            yield
        finally:
            for target in (path, path.parent):
                subprocess.run(["chattr", "-i", str(target)], capture_output=True, check=False)
    else:
        path.chmod(0o444)
        path.parent.chmod(0o555)
        try:
            yield
        finally:
            path.parent.chmod(0o755)
            path.chmod(0o644)


async def test_a_read_only_database_is_exit_2_in_one_line(telegram: tuple[FakeTelegram, str], tmp_path: Path) -> None:
    _, base_url = telegram
    path = tmp_path / "data" / "bot.sqlite3"
    path.parent.mkdir()
    with sqlite3.connect(path) as conn:  # a database of an older version: the bot has to write to it
        conn.execute("CREATE TABLE t (x)")
    with _read_only(path):
        ended = await _run(tmp_path, _env(base_url, f"sqlite:///{path}"))
    line = ended.fatal_line()
    assert ended.status == 2 and ended.seconds < FAST, (ended.status, ended.seconds, ended.stderr)
    assert line.startswith("Configuration error: DATABASE_URL:") and str(path) in line
    assert "cannot be written" in line or "cannot open" in line


async def test_an_unknown_database_scheme_is_exit_2_in_one_line(tmp_path: Path) -> None:
    ended = await _run(tmp_path, _env("http://127.0.0.1:9", "mysql://otklik@db/otklik"))
    line = ended.fatal_line()
    assert ended.status == 2 and line.startswith("Configuration error: DATABASE_URL:")


async def test_postgresql_unreachable_is_exit_1_in_one_line_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://otklik:s3cret-pass@127.0.0.1:{_closed_port()}/otklik"
    ended = await _run(tmp_path, _env("http://127.0.0.1:9", url))
    line = ended.fatal_line()
    assert ended.status == 1 and ended.seconds < FAST, (ended.status, ended.seconds)
    assert line.startswith("Cannot go on: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:")
    assert "s3cret-pass" not in ended.stderr


@pytest.mark.parametrize("empty", [True, False], ids=["zero_bytes", "missing"])
async def test_an_empty_or_missing_database_is_created_with_a_warning(
    telegram: tuple[FakeTelegram, str], tmp_path: Path, empty: bool
) -> None:
    fake, base_url = telegram
    path = tmp_path / "bot.sqlite3"
    if empty:
        path.touch()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=str(tmp_path),
        env=_env(base_url, f"sqlite:///{path}"),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_for(lambda c: c.method == "getMe", timeout=30)
        await asyncio.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0
    warning = "is empty (0 bytes): setting it up as a new database" if empty else "No database file at"
    [line] = [entry for entry in err.decode().splitlines() if warning in entry]
    assert " WARNING " in line and str(path) in line
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 11
