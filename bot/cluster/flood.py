"""Telegram's flood limits booked in Redis, so that several instances together stay within them.

The same rules as ``LocalBooking`` (30 a second overall, 20 a minute into a group, 1 a second into
a private chat, a 429 blocking a chat or everything), each booking one Lua script run atomically in
Redis on Redis's own clock, so instances on different machines agree on the time.
When Redis fails, the instance books locally until it answers again.
"""

from __future__ import annotations

import logging
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.telegram.limiter import Limits, LocalBooking

log = logging.getLogger(__name__)

PREFIX = "otklik:flood:"
WARN_EVERY = 60.0

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local function num(key) return tonumber(redis.call('GET', key) or '0') end
"""

# KEYS: global block, chat block, chat bookings (list for a group, next slot for a private chat)
# ARGV: kind (0 no chat, 1 group, 2 private), group window, group limit, private interval
_RESERVE_CHAT = (
    _NOW
    + """
local at = math.max(now, num(KEYS[1]))
local kind = tonumber(ARGV[1])
if kind == 0 then return tostring(at - now) end
at = math.max(at, num(KEYS[2]))
if kind == 1 then
  local window, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
  while true do
    local first = redis.call('LINDEX', KEYS[3], 0)
    if not first or tonumber(first) > at - window then break end
    redis.call('LPOP', KEYS[3])
  end
  local n = redis.call('LLEN', KEYS[3])
  if n >= limit then
    at = math.max(at, tonumber(redis.call('LINDEX', KEYS[3], n - limit)) + window)
  end
  redis.call('RPUSH', KEYS[3], tostring(at))
  redis.call('EXPIRE', KEYS[3], math.ceil(at - now + window) + 1)
else
  local interval = tonumber(ARGV[4])
  at = math.max(at, num(KEYS[3]))
  redis.call('SET', KEYS[3], tostring(at + interval), 'EX', math.ceil(at - now + interval) + 1)
end
return tostring(at - now)
"""
)

# KEYS: next global slot, global block; ARGV: seconds between messages overall
_RESERVE_GLOBAL = (
    _NOW
    + """
local interval = tonumber(ARGV[1])
local at = math.max(now, num(KEYS[1]), num(KEYS[2]))
redis.call('SET', KEYS[1], tostring(at + interval), 'EX', math.ceil(at - now + interval) + 1)
return tostring(at - now)
"""
)

# KEYS: the block; ARGV: seconds
_POSTPONE = (
    _NOW
    + """
local till = now + tonumber(ARGV[1])
if till > num(KEYS[1]) then
  redis.call('SET', KEYS[1], tostring(till), 'EX', math.ceil(tonumber(ARGV[1])) + 1)
end
return 1
"""
)


class RedisBooking:
    def __init__(self, redis: Redis, limits: Limits, *, prefix: str = PREFIX) -> None:
        self.limits = limits
        self._redis = redis
        self._prefix = prefix
        self._fallback = LocalBooking(limits)
        self._reserve_chat = redis.register_script(_RESERVE_CHAT)
        self._reserve_global = redis.register_script(_RESERVE_GLOBAL)
        self._postpone = redis.register_script(_POSTPONE)
        self._warned_at = 0.0

    async def reserve_chat(self, chat_id: int | None) -> float:
        p = self._prefix
        if chat_id is None:
            keys, kind = [f"{p}blocked", f"{p}none", f"{p}none"], 0
        else:
            kind = 1 if chat_id < 0 else 2
            keys = [f"{p}blocked", f"{p}{chat_id}:blocked", f"{p}{chat_id}:{'sent' if kind == 1 else 'next'}"]
        args = [kind, self.limits.group_window, self.limits.group_per_minute, self.limits.private_interval]
        try:
            return float(await self._reserve_chat(keys=keys, args=args))
        except (RedisError, OSError) as error:
            self._warn(error)
            return await self._fallback.reserve_chat(chat_id)

    async def reserve_global(self) -> float:
        p = self._prefix
        try:
            return float(
                await self._reserve_global(keys=[f"{p}next", f"{p}blocked"], args=[1.0 / self.limits.per_second])
            )
        except (RedisError, OSError) as error:
            self._warn(error)
            return await self._fallback.reserve_global()

    async def postpone(self, chat_id: int | None, seconds: float) -> None:
        await self._fallback.postpone(chat_id, seconds)
        key = f"{self._prefix}blocked" if chat_id is None else f"{self._prefix}{chat_id}:blocked"
        try:
            await self._postpone(keys=[key], args=[min(seconds, self.limits.max_retry_after)])
        except (RedisError, OSError) as error:
            self._warn(error)

    def _warn(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY:
            self._warned_at = now
            log.warning("Redis unavailable for flood limits, pacing this instance alone meanwhile: %s", error)
