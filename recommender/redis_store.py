"""The behaviour store in Redis (when ``REDIS_URL`` is set), for deployments of many servers.

Keys, under a prefix: ``user:<id>`` (profile JSON), ``events:<id>`` (sorted set of event JSON
by time, so the same event twice is one member), ``contributed:<id>`` (a set: what the user
already counted for), ``next:<service>`` and ``popular:<segment>`` (sorted sets of counts),
``next-people:<service>`` (how many distinct people each next step's count rests on), ``model:<name>``
(a fitted model's JSON). A connection failure becomes ``StoreUnavailable``.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import asdict
from typing import Iterable

import redis

from recommender.models import UserEvent, UserProfile
from recommender.store import MAX_EVENTS_PER_USER, StoreUnavailable, StoredEvent


@contextmanager
def guarded():
    try:
        yield
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as error:
        raise StoreUnavailable(f"redis: {error}") from error


class RedisBehaviourStore:
    def __init__(self, client: redis.Redis, prefix: str = "govsearch:"):
        self.redis = client
        self.prefix = prefix

    def put_users(self, users: Iterable[UserProfile]) -> None:
        with guarded():
            pipe = self.redis.pipeline(transaction=False)
            for user in users:
                pipe.set(self._key("user", user.user_id), json.dumps(asdict(user), ensure_ascii=False))
            pipe.execute()

    def get_user(self, user_id: str) -> UserProfile | None:
        with guarded():
            raw = self.redis.get(self._key("user", user_id))
        return UserProfile(**json.loads(raw)) if raw else None

    def get_users(self, user_ids: Iterable[str]) -> dict[str, UserProfile]:
        user_ids = list(user_ids)
        if not user_ids:
            return {}
        with guarded():
            found = self.redis.mget([self._key("user", user_id) for user_id in user_ids])
        return {user_id: UserProfile(**json.loads(raw)) for user_id, raw in zip(user_ids, found) if raw}

    def add_events(self, events: Iterable[StoredEvent]) -> list[StoredEvent]:
        events = list(events)
        with guarded():
            pipe = self.redis.pipeline(transaction=False)
            for stored in events:
                key = self._key("events", stored.event.user_id)
                pipe.zadd(key, {_member(stored): stored.event.at_ms})
                pipe.zremrangebyrank(key, 0, -MAX_EVENTS_PER_USER - 1)
            added = pipe.execute()[::2]
        return [stored for stored, count in zip(events, added) if count]

    def new_contributions(self, marks: dict[str, list[str]]) -> dict[str, set[str]]:
        pairs = [(user_id, mark) for user_id, user_marks in marks.items() for mark in dict.fromkeys(user_marks)]
        new: dict[str, set[str]] = {user_id: set() for user_id in marks}
        if not pairs:
            return new
        with guarded():
            pipe = self.redis.pipeline(transaction=False)
            for user_id, mark in pairs:
                pipe.sadd(self._key("contributed", user_id), mark)
            for (user_id, mark), added in zip(pairs, pipe.execute()):
                if added:
                    new[user_id].add(mark)
        return new

    def history(self, user_id: str, limit: int = 100, before_ms: int | None = None) -> list[StoredEvent]:
        high = f"({before_ms}" if before_ms is not None else "+inf"
        with guarded():
            members = self.redis.zrevrangebyscore(self._key("events", user_id), high, "-inf", start=0, num=limit)
        return [_stored(user_id, member) for member in members]

    def histories(self, user_ids: Iterable[str], limit: int = 100) -> dict[str, list[StoredEvent]]:
        user_ids = list(user_ids)
        if not user_ids:
            return {}
        with guarded():
            pipe = self.redis.pipeline(transaction=False)
            for user_id in user_ids:
                pipe.zrevrangebyscore(self._key("events", user_id), "+inf", "-inf", start=0, num=limit)
            found = pipe.execute()
        return {user_id: [_stored(user_id, member) for member in members] for user_id, members in zip(user_ids, found)}

    def add_transitions(self, counts: dict[tuple[str, str], tuple[float, int]]) -> None:
        self._increment("next", {pair: weight for pair, (weight, _) in counts.items()})
        self._increment("next-people", {pair: people for pair, (_, people) in counts.items()})

    def transitions(self, services: list[str], limit: int = 50) -> dict[str, dict[str, tuple[float, int]]]:
        with guarded():
            pipe = self.redis.pipeline(transaction=False)
            for service in services:
                pipe.zrevrange(self._key("next", service), 0, limit - 1, withscores=True)
            followed = [(service, row) for service, row in zip(services, pipe.execute()) if row]
            for service, row in followed:
                pipe.zmscore(self._key("next-people", service), [name for name, _ in row])
            people = pipe.execute() if followed else []
        found: dict[str, dict[str, tuple[float, int]]] = {service: {} for service in services}
        for (service, row), counts in zip(followed, people):
            found[service] = {_text(name): (weight, int(count or 0)) for (name, weight), count in zip(row, counts)}
        return found

    def add_popularity(self, counts: dict[tuple[str, str], float]) -> None:
        self._increment("popular", counts)

    def popular(self, segment: str, limit: int = 100) -> list[tuple[str, float]]:
        with guarded():
            rows = self.redis.zrevrange(self._key("popular", segment), 0, limit - 1, withscores=True)
        return [(_text(service), count) for service, count in rows]

    def user_ids(self, limit: int) -> list[str]:
        found: list[str] = []
        with guarded():
            for key in self.redis.scan_iter(match=self._key("user", "*"), count=1000):
                found.append(_text(key)[len(self._key("user", "")):])
                if len(found) == limit:
                    break
        return found

    def put_model(self, name: str, model: dict) -> None:
        with guarded():
            self.redis.set(self._key("model", name), json.dumps(model))

    def model(self, name: str) -> dict | None:
        with guarded():
            raw = self.redis.get(self._key("model", name))
        return json.loads(raw) if raw else None

    def _increment(self, kind: str, counts: dict[tuple[str, str], float]) -> None:
        if not counts:
            return
        with guarded():
            pipe = self.redis.pipeline(transaction=False)
            for (owner, member), count in counts.items():
                pipe.zincrby(self._key(kind, owner), count, member)
            pipe.execute()

    def _key(self, kind: str, name: str) -> str:
        return f"{self.prefix}{kind}:{name}"


def _member(stored: StoredEvent) -> str:
    e = stored.event
    return json.dumps([e.type, e.time, e.item_code, e.query, stored.service], ensure_ascii=False)


def _stored(user_id: str, member) -> StoredEvent:
    type_, time, item_code, query, service = json.loads(member)
    return StoredEvent(UserEvent(user_id, type_, time, item_code, query), service)


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else value
