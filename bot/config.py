"""All settings, read from the environment and ``.env`` (the environment wins)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.durations import parse_duration

TELEGRAM_API_DEFAULT = "https://api.telegram.org"


def _duration(value: Any) -> int:
    return parse_duration(value)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = Field(default=None, alias="BOT_TOKEN")
    telegram_api_base: str = Field(default=TELEGRAM_API_DEFAULT, alias="TELEGRAM_API_BASE")
    database_url: str = Field(default="sqlite:///data/bot.sqlite3", alias="DATABASE_URL")
    impulsive_reply_delay: Annotated[int, NoDecode, BeforeValidator(_duration)] = Field(
        default=7200, alias="IMPULSIVE_REPLY_DELAY"
    )
    alert_chat_id: int | None = Field(default=None, alias="ALERT_CHAT_ID")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    # Telegram's flood limits in the outgoing path; off only against a local fake or test server.
    outgoing_limits: bool = Field(default=True, alias="OUTGOING_LIMITS")

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        token = value.get_secret_value().strip()
        head, _, tail = token.partition(":")
        if not head.isdigit() or not tail:
            raise ValueError("expected a token from BotFather such as 123456:ABC-DEF")
        return SecretStr(token)

    @field_validator("telegram_api_base")
    @classmethod
    def _api_base(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("expected an http:// or https:// URL")
        return value

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        database_target(value)
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("expected DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("alert_chat_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    def token(self) -> str:
        if self.bot_token is None:
            raise ConfigError("BOT_TOKEN: missing; get a token from @BotFather and put it in .env")
        return self.bot_token.get_secret_value()


@dataclass(frozen=True, slots=True)
class SqliteTarget:
    path: Path


@dataclass(frozen=True, slots=True)
class PostgresTarget:
    url: str  # postgresql://user:pass@host:port/db, handed to asyncpg as it is


def database_target(url: str) -> SqliteTarget | PostgresTarget:
    """Where the database lives: a SQLite file or a PostgreSQL server."""
    if url.startswith("sqlite:///"):
        rest = url.removeprefix("sqlite:///")
        if not rest.strip("/"):
            raise ValueError("expected sqlite:///relative/path or sqlite:////absolute/path")
        return SqliteTarget(Path(rest))
    if url.startswith(("postgresql://", "postgres://")):
        if not url.split("://", 1)[1].strip("/"):
            raise ValueError("expected postgresql://user:password@host:port/database")
        return PostgresTarget(url)
    raise ValueError("expected sqlite:///relative/path, sqlite:////absolute/path or postgresql://user@host/db")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "settings"
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message}") from None
