"""Settings: defaults, durations and one clear line per bad value."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, database_target, load_settings
from bot.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("15m", 900),
        ("2h", 7200),
        ("1d", 86400),
        ("3600", 3600),
        (" 2H ", 7200),
        ("1.5h", 5400),
        (45, 45),
    ],
)
def test_durations(text: str | int, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "abc", "2w", "-5m", "31d", "1h30m"])
def test_bad_durations(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


@pytest.mark.parametrize(("seconds", "text"), [(7200, "2h"), (90, "90s"), (900, "15m"), (86400, "1d"), (0, "0s")])
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in (
        "BOT_TOKEN",
        "TELEGRAM_API_BASE",
        "DATABASE_URL",
        "IMPULSIVE_REPLY_DELAY",
        "ALERT_CHAT_ID",
        "LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))
    settings = load_settings()
    assert settings.bot_token is None
    assert settings.telegram_api_base == "https://api.telegram.org"
    assert settings.database_url == "sqlite:///data/bot.sqlite3"
    assert settings.impulsive_reply_delay == 7200
    assert settings.alert_chat_id is None and settings.log_level == "INFO"
    with pytest.raises(ConfigError, match=r"^BOT_TOKEN: missing"):
        settings.token()


def test_env_file_is_read_and_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / ".env").write_text(
        "IMPULSIVE_REPLY_DELAY=15m\nALERT_CHAT_ID=-100500\nLOG_LEVEL=debug\n", encoding="utf-8"
    )
    monkeypatch.chdir(folder)
    monkeypatch.delenv("IMPULSIVE_REPLY_DELAY", raising=False)
    monkeypatch.delenv("ALERT_CHAT_ID", raising=False)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    settings = load_settings()
    assert settings.impulsive_reply_delay == 900 and settings.alert_chat_id == -100500
    assert settings.log_level == "WARNING"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("IMPULSIVE_REPLY_DELAY", "soon"),
        ("ALERT_CHAT_ID", "my-group"),
        ("BOT_TOKEN", "not-a-token"),
        ("BOT_TOKEN", "123456:ABC DEF"),  # a space inside: aiogram would stop with its own error later
        ("BOT_TOKEN", "123456:ABC/../getMe"),  # would change the request's path
        ("DATABASE_URL", "mysql://x"),
        ("TELEGRAM_API_BASE", "ftp://x"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message


def test_token_is_never_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123456:VERY-SECRET")
    settings = load_settings()
    assert "VERY-SECRET" not in repr(settings) and "VERY-SECRET" not in str(settings.model_dump())
    assert settings.token() == "123456:VERY-SECRET"


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///data/bot.sqlite3", "data/bot.sqlite3"),
        ("sqlite:////var/lib/otklik/bot.db", "/var/lib/otklik/bot.db"),
    ],
)
def test_database_paths(url: str, path: str) -> None:
    assert str(database_target(url).path) == path


def test_outgoing_limits_can_be_switched_off_for_a_test_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.app import create_bot
    from bot.telegram.limiter import NO_LIMITS, Limits, OutgoingLimiter

    monkeypatch.setenv("BOT_TOKEN", "123456:ABC")
    assert load_settings().outgoing_limits is True
    monkeypatch.setenv("OUTGOING_LIMITS", "false")
    settings = load_settings()
    bot = create_bot(settings)
    limiter = next(m for m in bot.session.middleware._middlewares if isinstance(m, OutgoingLimiter))
    assert limiter.limits == NO_LIMITS and limiter.limits != Limits()


def _clear_webhook_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ("BOT_MODE", "WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_LISTEN", "TELEGRAM_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))


def test_webhook_settings_default_to_polling(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from bot.config import parse_listen

    _clear_webhook_env(monkeypatch, tmp_path)
    settings = load_settings()
    assert settings.bot_mode == "polling" and settings.webhook_url is None and settings.webhook_secret is None
    assert parse_listen(settings.webhook_listen) == ("127.0.0.1", 8080)


def test_webhook_mode_reads_its_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from bot.config import parse_listen

    _clear_webhook_env(monkeypatch, tmp_path)
    monkeypatch.setenv("BOT_MODE", " Webhook ")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/tg/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret_-" + "x" * 248)
    monkeypatch.setenv("WEBHOOK_LISTEN", "0.0.0.0:8443")
    settings = load_settings()
    assert settings.bot_mode == "webhook" and settings.webhook_path() == "/tg/hook"
    assert settings.webhook_secret_value().startswith("s3cret_-")
    assert parse_listen(settings.webhook_listen) == ("0.0.0.0", 8443)
    assert parse_listen("[::1]:8080") == ("::1", 8080)
    assert "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"BOT_MODE": "hook"}, "BOT_MODE"),
        ({"BOT_MODE": "webhook", "WEBHOOK_SECRET": "abc"}, "WEBHOOK_URL"),
        ({"BOT_MODE": "webhook", "WEBHOOK_URL": "https://bot.example.com/h"}, "WEBHOOK_SECRET"),
        ({"BOT_MODE": "webhook", "WEBHOOK_URL": "https://bot.example.com/h", "WEBHOOK_SECRET": " "}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_URL": "bot.example.com/hook"}, "WEBHOOK_URL"),
        ({"WEBHOOK_URL": "https://bot.example.com"}, "WEBHOOK_URL"),
        ({"WEBHOOK_URL": "https://bot.example.com/healthz"}, "WEBHOOK_URL"),
        # Telegram itself posts only to https.
        ({"BOT_MODE": "webhook", "WEBHOOK_URL": "http://bot.example.com/h", "WEBHOOK_SECRET": "abc"}, "WEBHOOK_URL"),
        ({"WEBHOOK_SECRET": "has space"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_SECRET": "ключ"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_SECRET": "a" * 257}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_LISTEN": "8080"}, "WEBHOOK_LISTEN"),
        ({"WEBHOOK_LISTEN": "127.0.0.1:http"}, "WEBHOOK_LISTEN"),
        ({"WEBHOOK_LISTEN": "127.0.0.1:70000"}, "WEBHOOK_LISTEN"),
        ({"WEBHOOK_LISTEN": ":8080"}, "WEBHOOK_LISTEN"),
    ],
)
def test_bad_webhook_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, env: dict[str, str], name: str
) -> None:
    _clear_webhook_env(monkeypatch, tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    if "WEBHOOK_SECRET" in env and env["WEBHOOK_SECRET"].strip():
        assert env["WEBHOOK_SECRET"] not in message


def test_http_webhook_is_allowed_towards_a_local_bot_api_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    _clear_webhook_env(monkeypatch, tmp_path)
    monkeypatch.setenv("BOT_MODE", "webhook")
    monkeypatch.setenv("WEBHOOK_URL", "http://127.0.0.1:8081/tg/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", "abc")
    monkeypatch.setenv("TELEGRAM_API_BASE", "http://127.0.0.1:8081")
    assert load_settings().webhook_path() == "/tg/hook"
