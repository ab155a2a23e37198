"""The Redis client every Redis store shares, behind the dependency guard (``search.guard``).

Short timeouts, and a circuit breaker: while Redis is down or hung, each call fails at once
with ``RedisUnavailable`` (a ``redis`` ConnectionError, so the stores' own handling applies)
instead of waiting for its timeout; the API answers those with a JSON 503, or a degraded 200
where the answer can do without Redis.
"""

from __future__ import annotations

import redis
from redis.client import Pipeline

from search.guard import CircuitBreaker

TIMEOUT_SECONDS = 1.0
FAILURES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class RedisUnavailable(redis.exceptions.ConnectionError):
    pass


class GuardedRedis(redis.Redis):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.breaker = CircuitBreaker("Redis", RedisUnavailable)

    def execute_command(self, *args, **options):
        return _guarded(self.breaker, str(args[0]), lambda: super(GuardedRedis, self).execute_command(*args, **options))

    def pipeline(self, transaction: bool = True, shard_hint=None) -> "GuardedPipeline":
        pipeline = GuardedPipeline(self.connection_pool, self.response_callbacks, transaction, shard_hint)
        pipeline.breaker = self.breaker
        return pipeline


class GuardedPipeline(Pipeline):
    breaker: CircuitBreaker

    def execute(self, raise_on_error: bool = True):
        return _guarded(self.breaker, "pipeline", lambda: super(GuardedPipeline, self).execute(raise_on_error))


def connect(url: str) -> GuardedRedis:
    return GuardedRedis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)


def _guarded(breaker: CircuitBreaker, what: str, call):
    breaker.check(what)
    try:
        result = call()
    except RedisUnavailable:
        raise
    except FAILURES as error:
        breaker.failed(error)
        raise RedisUnavailable(f"Redis cannot be reached ({what})") from error
    breaker.succeeded()
    return result
