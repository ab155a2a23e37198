"""Sliding-window failure counters in Redis (when ``REDIS_URL`` is set): one sorted set of
failure times per subject, expiring with the window."""

from __future__ import annotations

import secrets

import redis


class RedisCounters:
    def __init__(self, client: redis.Redis, prefix: str = "govsearch:", window_seconds: int = 600):
        self.redis = client
        self.prefix = prefix
        self.window = window_seconds

    def record(self, subjects: list[str], now: float) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for subject in subjects:
            key = self.prefix + "failures:" + subject
            pipe.zadd(key, {f"{now}:{secrets.token_hex(4)}": now})
            pipe.expire(key, self.window)
        pipe.execute()

    def recent(self, subject: str, since: float) -> tuple[int, float | None]:
        key = self.prefix + "failures:" + subject
        pipe = self.redis.pipeline(transaction=False)
        pipe.zcount(key, since, "+inf")
        pipe.zrangebyscore(key, since, "+inf", start=0, num=1, withscores=True)
        count, oldest = pipe.execute()
        return count, (oldest[0][1] if oldest else None)

    def forget_before(self, moment: float) -> None:
        """Old entries expire with their key; nothing to sweep."""
