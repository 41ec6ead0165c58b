"""Redis for the tests of shared state between instances.

Redis is found at ``TEST_REDIS_URL`` or redis://127.0.0.1:6379/0. Without a server these tests are
skipped with a message saying so, except in CI (``CI=true``), where they fail: CI must run them.
Each test gets its own key prefix (chat ids) and deletes its keys afterwards.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

DEFAULT_URL = "redis://127.0.0.1:6379/0"


async def redis_url() -> str:
    """A URL that answers PING, or skip (fail in CI) with the reason."""
    url = os.environ.get("TEST_REDIS_URL") or DEFAULT_URL
    client = Redis.from_url(url, socket_connect_timeout=3)
    try:
        await client.ping()
    except (RedisError, OSError) as error:
        message = f"Redis is not reachable ({url}: {error}); set TEST_REDIS_URL or start redis-server"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: the Redis tests must run)")
        pytest.skip(message)
    finally:
        await client.aclose()
    return url


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(await redis_url())
    yield client
    await client.aclose()
