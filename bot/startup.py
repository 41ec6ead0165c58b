"""What stops the bot at start: one line naming the setting and the cause, and an exit status.

- **2, configuration**: the fix is in a setting or a file (a token Telegram refuses, a database
  folder that cannot be made, a read-only or non-database file, a port taken).
- **1, runtime**: it may pass, or needs more than a setting (Telegram or PostgreSQL unreachable,
  a damaged database); the supervisor starts the bot again (systemd ``Restart=on-failure``).

Telegram unreachable at boot is tried again with backoff, a WARNING line per try, for
``TELEGRAM_START_TIMEOUT`` (2 minutes) before it is fatal. Whatever fails, the database is closed
and no thread is left behind, so the process ends at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import User

from bot.config import Settings
from bot.telegram.limiter import no_network_retry
from storage import Storage
from storage.database import DatabaseUnusable

log = logging.getLogger(__name__)

CONFIGURATION = 2
RUNTIME = 1
# Pauses between tries to reach Telegram at start: doubling from the first up to the longest.
FIRST_PAUSE = 2.0
LONGEST_PAUSE = 30.0
# One try's own limit (aiohttp's would be a minute).
TRY_TIMEOUT = 15.0


class Fatal(Exception):
    """The bot cannot start (or go on): ``line`` names the setting and the cause."""

    def __init__(self, line: str, status: int) -> None:
        super().__init__(line)
        self.line = line
        self.status = status


async def open_database(settings: Settings) -> Storage:
    """The database of ``DATABASE_URL``, migrated; ``Fatal`` when it cannot be used."""
    from bot.app import open_storage

    try:
        return await open_storage(settings)
    except DatabaseUnusable as error:
        raise Fatal(f"DATABASE_URL: {error}", CONFIGURATION if error.setup else RUNTIME) from None


async def reach_telegram(
    bot: Bot,
    wait: float,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> User:
    """``getMe``, tried again while Telegram cannot be reached, for up to ``wait`` seconds."""
    started = clock()
    pause = FIRST_PAUSE
    tries = 0
    while True:
        tries += 1
        left = wait - (clock() - started)
        try:
            with no_network_retry():
                async with asyncio.timeout(max(1.0, min(TRY_TIMEOUT, left))):
                    return await bot.get_me()
        except TelegramUnauthorizedError:
            raise Fatal(
                "BOT_TOKEN: Telegram refused the token (401 Unauthorized); copy it again from @BotFather",
                CONFIGURATION,
            ) from None
        except TelegramNotFound as error:
            raise Fatal(
                f"BOT_TOKEN: Telegram does not know this bot ({error.message}); check BOT_TOKEN and TELEGRAM_API_BASE",
                CONFIGURATION,
            ) from None
        except (TelegramNetworkError, TelegramServerError) as error:
            cause = f"{type(error).__name__}: {error.message}"
        except TimeoutError:
            cause = f"no answer within {max(1.0, min(TRY_TIMEOUT, left)):.0f} s"
        except TelegramAPIError as error:
            raise Fatal(f"BOT_TOKEN: Telegram refused getMe: {error.message}", CONFIGURATION) from None
        elapsed = clock() - started
        if elapsed + pause > wait:
            raise Fatal(
                f"TELEGRAM_API_BASE: Telegram could not be reached for {elapsed:.0f} s ({tries} tries): {cause}",
                RUNTIME,
            )
        log.warning("Telegram cannot be reached (try %d): %s; trying again in %.0f s", tries, cause, pause)
        await sleep(pause)
        pause = min(pause * 2, LONGEST_PAUSE)
