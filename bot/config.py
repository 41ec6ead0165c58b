"""All settings, read from the environment and ``.env`` (the environment wins)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BeforeValidator, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.durations import parse_duration

TELEGRAM_API_DEFAULT = "https://api.telegram.org"
# What Telegram accepts as a webhook's secret_token (sent back in X-Telegram-Bot-Api-Secret-Token).
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# The secret part of a bot token (after "123456:").
_TOKEN_SECRET = re.compile(r"[A-Za-z0-9_-]+")
HEALTH_PATH = "/healthz"


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
    # How updates arrive: long polling (one process) or a webhook (one or more instances).
    bot_mode: Literal["polling", "webhook"] = Field(default="polling", alias="BOT_MODE")
    webhook_url: str | None = Field(default=None, alias="WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="WEBHOOK_SECRET")
    webhook_listen: str = Field(default="127.0.0.1:8080", alias="WEBHOOK_LISTEN")
    # Shared fast state for several instances (the classifier's per-chat context, cache invalidation).
    redis_url: SecretStr | None = Field(default=None, alias="REDIS_URL")
    # How long start-up keeps trying to reach Telegram before it gives up with exit 1 (so that the
    # supervisor starts it again).
    telegram_start_timeout: Annotated[int, NoDecode, BeforeValidator(_duration)] = Field(
        default=120, alias="TELEGRAM_START_TIMEOUT"
    )
    # The learned layer decides label and toxic flag over the rules' reading (docs/classifier.md).
    classifier_model: bool = Field(default=False, alias="CLASSIFIER_MODEL")
    # Admin decisions a chat's own layer needs before it decides (docs/classifier.md, "Learning per chat").
    learning_min_decisions: int = Field(default=10, ge=1, le=10_000, alias="LEARNING_MIN_DECISIONS")
    # Alert storms: alerts a minute to one admin before the rest are gathered on a digest card; 0: none.
    alert_rate: int = Field(default=6, ge=0, alias="ALERT_RATE")

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        token = value.get_secret_value().strip()
        head, _, tail = token.partition(":")
        # The secret part is letters, digits, "-" and "_": a space or a "/" inside (a paste gone wrong)
        # would otherwise stop aiogram later with its own error, or change the request's path.
        if not head.isdigit() or not _TOKEN_SECRET.fullmatch(tail):
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

    @field_validator("bot_mode", mode="before")
    @classmethod
    def _mode(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _webhook_url(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = value.strip()
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                "expected the public https:// URL Telegram should post to, e.g. https://bot.example.com/tg/hook"
            )
        if parts.path in ("", "/"):
            raise ValueError("expected a path after the host, e.g. https://bot.example.com/tg/hook")
        if parts.path == HEALTH_PATH:
            raise ValueError(f"{HEALTH_PATH} is the health endpoint; choose another path")
        return value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: Any) -> Any:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if not isinstance(value, str):
            return value
        value = value.strip()
        if not value:
            return None
        if not _WEBHOOK_SECRET.fullmatch(value):
            raise ValueError("expected 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return SecretStr(value)

    @field_validator("webhook_listen")
    @classmethod
    def _webhook_listen(cls, value: str) -> str:
        parse_listen(value)
        return value.strip()

    @model_validator(mode="after")
    def _webhook_complete(self) -> Settings:
        if self.bot_mode != "webhook":
            return self
        # These messages name their variable themselves (a model check has no field location).
        if self.webhook_url is None:
            raise ValueError("WEBHOOK_URL: missing; BOT_MODE=webhook needs the public https:// URL of the webhook")
        if self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET: missing; BOT_MODE=webhook needs a secret of 1-256 chars A-Z a-z 0-9 _ -")
        if self.telegram_api_base == TELEGRAM_API_DEFAULT and not self.webhook_url.startswith("https://"):
            raise ValueError("WEBHOOK_URL: Telegram posts only to https:// URLs")
        return self

    def webhook_path(self) -> str:
        """The path Telegram posts to (the path part of WEBHOOK_URL)."""
        assert self.webhook_url is not None
        return urlsplit(self.webhook_url).path

    def webhook_secret_value(self) -> str:
        assert self.webhook_secret is not None
        return self.webhook_secret.get_secret_value()

    @field_validator("redis_url", mode="before")
    @classmethod
    def _redis_url(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not text.strip().startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("expected redis://host:6379/0, rediss://... or unix:///path/to/redis.sock")
        return text.strip()

    def redis_url_value(self) -> str | None:
        return self.redis_url.get_secret_value() if self.redis_url is not None else None

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


def parse_listen(value: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:8080`` for IPv6) as (host, port)."""
    host, colon, port = value.strip().rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("expected host:port, e.g. 127.0.0.1:8080 or 0.0.0.0:8080")
    return host, int(port)


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        if not first["loc"]:  # a check across settings: its message starts with the variable's name
            raise ConfigError(message) from None
        raise ConfigError(f"{first['loc'][0]}: {message}") from None
