"""Last line of defence: an update that broke a handler is logged, and the bot goes on."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import ErrorEvent

from bot.tasks import from_outside

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent) -> bool:
    # A cause outside the bot (the database locked past its wait, Telegram's answer unreadable) is
    # one line: the update is kept and tried again (bot/telegram/inbox.py). A bug keeps its traceback.
    error = event.exception
    outside = from_outside(error)
    log.log(
        logging.WARNING if outside else logging.ERROR,
        "Update %s failed: %s: %s",
        event.update.update_id,
        type(error).__name__,
        " ".join(str(error).split()) if outside else error,
        exc_info=None if outside else error,
    )
    return True


def create_router() -> Router:
    router = Router(name=__name__)
    router.errors.register(on_error)
    return router
