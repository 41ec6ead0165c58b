"""Last line of defence: an update that broke a handler is logged, and the bot goes on."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import ErrorEvent

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent) -> bool:
    log.error(
        "Update %s failed: %s: %s",
        event.update.update_id,
        type(event.exception).__name__,
        event.exception,
        exc_info=event.exception,
    )
    return True


def create_router() -> Router:
    router = Router(name=__name__)
    router.errors.register(on_error)
    return router
