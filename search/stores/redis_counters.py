"""Sliding-window counters in Redis (when ``REDIS_URL`` is set), for the rate limits: one
sorted set of hit times per subject, expiring with the window. Checking and recording is one
Lua script, so it is atomic across every worker."""

from __future__ import annotations

import math
import secrets

import redis

from search.limits import Full

# KEYS: the subjects' sets. ARGV: now, since, window seconds, member, then one limit per key.
# Returns the oldest failure's time of a full subject, or nothing after recording.
_TAKE = """
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. ARGV[2])
  if redis.call('ZCARD', key) >= tonumber(ARGV[4 + i]) then
    return redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
  end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[1], ARGV[4])
  redis.call('EXPIRE', key, ARGV[3])
end
return false
"""


class RedisCounters:
    def __init__(self, client: redis.Redis, prefix: str = "govsearch:"):
        self.redis = client
        self.prefix = prefix
        self._take = client.register_script(_TAKE)

    def take(self, limits: list[tuple[str, int]], now: float, since: float) -> list[tuple[str, str]] | Full:
        keys = [self.prefix + "limits:" + subject for subject, _ in limits]
        member = f"{now}:{secrets.token_hex(6)}"
        oldest = self._take(keys=keys, args=[now, since, math.ceil(now - since), member, *(limit for _, limit in limits)])
        if oldest is not None:
            return Full(float(oldest))
        return [(key, member) for key in keys]

    def give_back(self, handles: list[tuple[str, str]]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for key, member in handles:
            pipe.zrem(key, member)
        pipe.execute()
