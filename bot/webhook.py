"""Webhook mode (``BOT_MODE=webhook``): an aiohttp server Telegram posts updates to.

- ``POST <path of WEBHOOK_URL>``: updates; a request without the right ``X-Telegram-Bot-Api-Secret-Token``
  header gets 401 and is not processed. Each update runs in the background (Telegram gets 200 at once).
- ``GET /healthz``: 200 ``{"ok": true, "dead_updates": N}`` while the server runs; N counts the updates
  given up on after every retry (``python -m bot replay-dead``), null when the database cannot say.
- An update delivered twice (Telegram retries, or several instances behind one URL) runs once: its id is
  claimed in the database first (``processed_updates``), and a repeat is skipped.
- It is kept in the inbox in the same transaction, before the 200: an update the process dies on is
  handled at the next start (``bot/telegram/inbox.py``).
- The webhook is registered with ``setWebhook`` on start. It is left in place on stop, because other
  instances may still serve it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramServerError
from aiogram.methods import TelegramMethod
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from pydantic import ValidationError

from bot.app import finish_updates
from bot.config import HEALTH_PATH, Settings, parse_listen
from bot.domain.clock import now_int, system_clock
from bot.startup import CONFIGURATION, RUNTIME, Fatal
from bot.telegram.inbox import Inbox
from storage import Storage

log = logging.getLogger(__name__)


class KeepingRequestHandler(SimpleRequestHandler):
    """aiogram's handler, but each update is claimed and kept in the inbox before Telegram gets 200.

    A repeat (claimed before, here or by another instance) gets 200 and is not handled. An update
    the process dies on after the 200 stays in the inbox for the next start (bot/telegram/inbox.py)."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, inbox: Inbox, secret_token: str | None) -> None:
        super().__init__(dispatcher, bot, secret_token=secret_token)
        self._inbox = inbox

    async def _handle_request_background(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            raw = await request.json(loads=bot.session.json_loads)
        except ValueError:
            return web.Response(status=400, text="Bad Request")
        if await self._inbox.take(raw):
            task = asyncio.create_task(self._feed(bot, raw))
            self._background_feed_update_tasks.add(task)
            task.add_done_callback(self._background_feed_update_tasks.discard)
        return web.json_response({}, dumps=bot.session.json_dumps)

    async def _feed(self, bot: Bot, raw: dict[str, Any]) -> None:
        """Handle a kept update; one that does not read as an update is parked in the inbox."""
        try:
            update = Update.model_validate(raw, context={"bot": bot})
        except ValidationError as error:
            await self._inbox.unreadable(raw, f"{error.error_count()} fields do not read")
            return
        result = await self.dispatcher.feed_update(bot, update, **self.data)
        if isinstance(result, TelegramMethod):
            await self.dispatcher.silent_call_request(bot=bot, result=result)


def build_webhook_app(settings: Settings, bot: Bot, dp: Dispatcher, storage: Storage) -> web.Application:
    """The aiohttp application: the webhook path, the health endpoint and the dispatcher's start/stop."""
    inbox = dp["inbox"]
    assert isinstance(inbox, Inbox)
    handler = KeepingRequestHandler(dp, bot, inbox, secret_token=settings.webhook_secret_value())
    app = web.Application()

    async def health(_request: web.Request) -> web.Response:
        try:
            dead: int | None = await storage.updates.dead_count()
        except Exception as error:  # noqa: BLE001 - the answer says so; the server itself is up
            log.warning("Health check could not count dead updates: %s", error)
            dead = None
        return web.json_response({"ok": True, "dead_updates": dead})

    async def prune_old_ids(_app: web.Application) -> None:
        removed = await storage.updates.prune(now=now_int(system_clock))
        if removed:
            log.info("Forgot %s update ids older than a day", removed)

    async def finish_in_flight(_app: web.Application) -> None:
        # The site has stopped taking requests; updates already answered with 200 must finish
        # before the dispatcher's shutdown closes the database.
        await finish_updates(handler._background_feed_update_tasks)

    app.router.add_get(HEALTH_PATH, health)
    app.on_startup.append(prune_old_ids)
    # aiohttp runs shutdown hooks in order: in-flight updates, then the dispatcher's shutdown
    # (background tasks, database), then the handler's own (the bot's HTTP session).
    app.on_shutdown.append(finish_in_flight)
    setup_application(app, dp, bot=bot)
    handler.register(app, path=settings.webhook_path())
    return app


async def run_webhook(settings: Settings, bot: Bot, dp: Dispatcher, storage: Storage) -> None:
    """Serve until SIGTERM or SIGINT, then stop cleanly."""
    app = build_webhook_app(settings, bot, dp, storage)
    host, port = parse_listen(settings.webhook_listen)
    runner = web.AppRunner(app, access_log=None)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await runner.setup()  # runs the dispatcher's startup (getMe, menus, scheduled replies)
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as error:
            raise Fatal(
                f"WEBHOOK_LISTEN: cannot listen on {host}:{port}: {error.strerror or error}", CONFIGURATION
            ) from None
        log.info("Webhook server listening on %s:%s", host, port)
        try:
            await bot.set_webhook(
                url=settings.webhook_url or "",
                secret_token=settings.webhook_secret_value(),
                allowed_updates=dp.resolve_used_update_types(),
            )
        except (TelegramNetworkError, TelegramServerError) as error:
            raise Fatal(f"TELEGRAM_API_BASE: setWebhook failed: {error.message}", RUNTIME) from None
        except TelegramAPIError as error:
            raise Fatal(f"WEBHOOK_URL: Telegram refused the webhook: {error.message}", CONFIGURATION) from None
        log.info("Webhook registered at %s", settings.webhook_url)
        await stop.wait()
        log.info("Stopping")
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        await runner.cleanup()
