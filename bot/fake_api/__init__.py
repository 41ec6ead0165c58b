"""A fake Telegram Bot API for the demo and the tests: one core, two transports.

``FakeTelegram`` keeps chats, members and every call made to it; ``serve()`` exposes it over
HTTP on 127.0.0.1 the way Telegram's server does, and ``FakeSession`` plugs it straight into an
aiogram ``Bot`` in-process.
"""

from bot.fake_api.core import Call, FakeTelegram, Fault
from bot.fake_api.server import serve
from bot.fake_api.session import FakeSession

__all__ = ["Call", "FakeSession", "FakeTelegram", "Fault", "serve"]
