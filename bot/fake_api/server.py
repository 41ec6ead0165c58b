"""The fake Bot API over HTTP: ``POST /bot{token}/{method}`` on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from bot.fake_api.core import FakeTelegram, RawAnswer
from bot.fake_api.params import decode_params


def make_app(fake: FakeTelegram, token: str) -> web.Application:
    async def api(request: web.Request) -> web.Response:
        if request.match_info["token"] != token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        if request.content_type == "application/json":
            body = await request.json()
            fields = [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in body.items()]
        else:
            form = await request.post()
            fields = [(k, v) for k, v in form.items() if isinstance(v, str)]
        status, payload = await fake.handle(request.match_info["method"], decode_params(fields))
        if status == 0:
            # A dropped connection: the client sees a network error, not an answer.
            if request.transport is not None:
                request.transport.abort()
            raise ConnectionResetError("dropped by the fake")
        if isinstance(payload, RawAnswer):
            text = payload.text.replace("{path}", request.path)
            return web.Response(text=text, status=status, content_type=payload.content_type)
        return web.json_response(payload, status=status)

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api)
    return app


@asynccontextmanager
async def serve(fake: FakeTelegram, token: str, port: int = 0) -> AsyncIterator[str]:
    """Run the fake on 127.0.0.1 and yield its base URL for ``TELEGRAM_API_BASE``."""
    runner = web.AppRunner(make_app(fake, token), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    server = site._server
    assert server is not None
    sockets = getattr(server, "sockets", None) or []
    bound = sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{bound}"
    finally:
        await runner.cleanup()
