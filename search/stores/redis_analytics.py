"""The analytics store in Redis (when ``REDIS_URL`` is set): the raw query log as one list a
day, day counters as sorted sets, distinct clients as HyperLogLogs. Everything expires."""

from __future__ import annotations

import json
from collections import defaultdict

import redis

from search.analytics import QueryFigures, SearchRecord, ViewRecord, latency_bucket

KEEP_SECONDS = 95 * 24 * 3600
LOG_LINES_PER_DAY = 1_000_000
CLICK_WINDOW_SECONDS = 24 * 3600  # a click is attributed to a search made within a day
METRICS = ("searches", "found", "zero", "clicks", "ranks")


class RedisAnalyticsStore:
    def __init__(self, client: redis.Redis, prefix: str = "govsearch:"):
        self.redis = client
        self.prefix = prefix + "analytics:"

    def write(self, searches: list[SearchRecord], views: list[ViewRecord]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for s in searches:
            self._log(pipe, s)
            if s.query:
                pipe.set(self._key("sid", s.search_id), s.query, ex=CLICK_WINDOW_SECONDS)
                for metric, amount in (("searches", 1), ("found", int(s.total > 0)), ("zero", int(s.total == 0))):
                    if amount:
                        self._count(pipe, metric, s.day, s.query, amount)
                key = self._key("clients", s.day, s.query)
                pipe.pfadd(key, s.client)
                pipe.expire(key, KEEP_SECONDS)
            pipe.hincrby(self._key("latency", s.day), str(latency_bucket(s.took_ms)), 1)
            pipe.expire(self._key("latency", s.day), KEEP_SECONDS)
            if s.asked:
                self._count(pipe, "asked", s.day, s.asked, 1)
                self._count(pipe, "answered", s.day, s.asked, int(s.answered))
            if s.unanswered:
                self._count(pipe, "unanswered", s.day, f"{s.asked}|{s.unanswered}", 1)
        for v in views:
            self._count(pipe, "views", v.day, v.code, 1)
        pipe.execute()
        clicked = [v for v in views if v.search_id]
        if clicked:
            queries = self.redis.mget([self._key("sid", v.search_id) for v in clicked])
            pipe = self.redis.pipeline(transaction=False)
            for view, query in zip(clicked, queries):
                if query:
                    self._count(pipe, "clicks", view.day, query.decode(), 1)
                    self._count(pipe, "ranks", view.day, query.decode(), view.rank or 0)
            pipe.execute()

    def queries(self, days: list[str]) -> list[QueryFigures]:
        totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        pipe = self.redis.pipeline(transaction=False)
        for metric in METRICS:
            for day in days:
                pipe.zrange(self._key(metric, day), 0, -1, withscores=True)
        results = iter(pipe.execute())
        for metric in METRICS:
            for _ in days:
                for query, amount in next(results):
                    totals[query.decode()][metric] += amount
        names = list(totals)
        pipe = self.redis.pipeline(transaction=False)
        for query in names:
            pipe.pfcount(*[self._key("clients", day, query) for day in days])
        clients = pipe.execute()
        return [
            QueryFigures(q, int(t["searches"]), int(t["found"]), int(t["zero"]), c, int(t["clicks"]), int(t["ranks"]))
            for q, t, c in zip(names, totals.values(), clients)
        ]

    def guide_views(self, days: list[str], limit: int) -> list[tuple[str, int]]:
        return sorted(self._summed("views", days).items(), key=lambda item: (-item[1], item[0]))[:limit]

    def latency_histogram(self, days: list[str]) -> dict[int, int]:
        histogram: dict[int, int] = defaultdict(int)
        pipe = self.redis.pipeline(transaction=False)
        for day in days:
            pipe.hgetall(self._key("latency", day))
        for buckets in pipe.execute():
            for bucket, count in buckets.items():
                histogram[int(bucket)] += int(count)
        return dict(histogram)

    def aspects(self, days: list[str]) -> list[tuple[str, int, int]]:
        asked, answered = (self._summed(metric, days) for metric in ("asked", "answered"))
        return sorted(((aspect, count, answered.get(aspect, 0)) for aspect, count in asked.items()),
                      key=lambda row: (-row[1], row[0]))

    def unanswered(self, days: list[str], limit: int) -> list[tuple[str, str, int]]:
        counts = self._summed("unanswered", days)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [(*member.split("|", 1), count) for member, count in ranked]

    def _summed(self, metric: str, days: list[str]) -> dict[str, int]:
        summed: dict[str, int] = defaultdict(int)
        pipe = self.redis.pipeline(transaction=False)
        for day in days:
            pipe.zrange(self._key(metric, day), 0, -1, withscores=True)
        for rows in pipe.execute():
            for member, count in rows:
                summed[member.decode()] += int(count)
        return dict(summed)

    def hot_overrides(self) -> dict[str, str]:
        return {query.decode(): state.decode() for query, state in self.redis.hgetall(self._key("hot-overrides")).items()}

    def set_hot_override(self, query: str, state: str | None) -> None:
        if state is None:
            self.redis.hdel(self._key("hot-overrides"), query)
        else:
            self.redis.hset(self._key("hot-overrides"), query, state)

    def _log(self, pipe, s: SearchRecord) -> None:
        key = self._key("log", s.day)
        entry = {"at": s.at, "search_id": s.search_id, "query": s.query, "intent": s.intent, "total": s.total,
                 "took_ms": s.took_ms, "filters": s.filters, "page": s.page, "codes": s.codes, "client": s.client,
                 "asked": s.asked, "answered": s.answered}
        pipe.lpush(key, json.dumps(entry, ensure_ascii=False))
        pipe.ltrim(key, 0, LOG_LINES_PER_DAY - 1)
        pipe.expire(key, KEEP_SECONDS)

    def _count(self, pipe, metric: str, day: str, member: str, amount: int) -> None:
        key = self._key(metric, day)
        pipe.zincrby(key, amount, member)
        pipe.expire(key, KEEP_SECONDS)

    def _key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)
