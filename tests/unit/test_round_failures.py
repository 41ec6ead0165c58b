"""A background loop's round that failed: one line when the cause is outside the bot, a traceback for a bug."""

from __future__ import annotations

import logging
import sqlite3

import asyncpg
import pytest

from bot.tasks import from_outside, log_round_failure


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database is locked"),
        ConnectionResetError("reset by peer"),
        TimeoutError(),
        asyncpg.exceptions.LockNotAvailableError("could not obtain lock"),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
    ],
)
def test_a_failure_from_outside_is_one_warning_line(error: Exception, caplog: pytest.LogCaptureFixture) -> None:
    assert from_outside(error)
    log_round_failure(logging.getLogger("loop"), "Round failed", error)
    [record] = caplog.records
    assert record.levelname == "WARNING" and record.exc_info is None
    assert record.getMessage().startswith(f"Round failed: {type(error).__name__}")
    assert "\n" not in record.getMessage()


@pytest.mark.parametrize(
    "error",
    [KeyError("x"), AssertionError(), asyncpg.exceptions.UndefinedColumnError("column x does not exist")],
)
def test_a_bug_keeps_its_traceback(error: Exception, caplog: pytest.LogCaptureFixture) -> None:
    assert not from_outside(error)
    try:
        raise error
    except Exception as raised:  # noqa: BLE001 - the handler under test
        log_round_failure(logging.getLogger("loop"), "Round failed", raised)
    [record] = caplog.records
    assert record.levelname == "ERROR" and record.exc_info is not None
