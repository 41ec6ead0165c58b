"""What a bot loads that it does not use is memory it keeps (the 150 MB target): the modules for Redis
and PostgreSQL wait until they are used."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_bot_on_sqlite_without_redis_imports_neither_redis_nor_asyncpg() -> None:
    """redis (about 7 MB) and asyncpg (about 3 MB) are for a bot that shares Redis and PostgreSQL: the
    demo's whole scripted chat (alerts, buttons, replies) runs without them."""
    script = """
import asyncio, io, sys
from bot.cli.demo import run_demo
asyncio.run(run_demo(io.StringIO()))
print("redis" in sys.modules, "asyncpg" in sys.modules)
"""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300, env=env
    )
    assert out.stdout.split()[-2:] == ["False", "False"]
