"""One contract, two stores: the behaviour store on SQLite and on a real Redis server.

Every test runs against both (the ``store`` fixture is parametrised), so the embedded and
the production store cannot drift apart.
"""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import redis

from recommender.learning import learn, segments
from recommender.models import UserEvent, UserProfile
from recommender.redis_store import RedisBehaviourStore
from recommender.sqlite_store import SqliteBehaviourStore
from recommender.store import MAX_EVENTS_PER_USER, StoredEvent
from search.stores.redis_counters import RedisCounters
from search.stores.sqlite_counters import SqliteCounters
from search.limits import Attempt, Blocked, LookupLimiter

CHINA = timezone(timedelta(hours=8))


@pytest.fixture
def store(redis_url, tmp_path):
    return empty_store(redis_url, tmp_path, "test")


def empty_store(redis_url, tmp_path, name: str):
    if redis_url is None:
        return SqliteBehaviourStore(tmp_path / f"{name}.sqlite3")
    return RedisBehaviourStore(redis.Redis.from_url(redis_url), prefix=f"{name}:")


def event(user: str, type_: str, time: str, item: str | None = "A1", service: str | None = "a", query: str | None = None):
    return StoredEvent(UserEvent(user, type_, time, item, query), service)


def test_profiles_are_replaced_by_user_id(store):
    assert store.get_user("u1") is None
    store.put_users([UserProfile("u1", "个人", birth_year=1940, region="浙江省杭州市西湖区")])
    store.put_users([UserProfile("u1", "个人", birth_year=1941, region="浙江省杭州市西湖区", gender="女")])
    assert store.get_user("u1") == UserProfile("u1", "个人", birth_year=1941, gender="女", region="浙江省杭州市西湖区")
    assert store.get_users(["u1", "nobody"]) == {"u1": store.get_user("u1")}
    assert store.get_users([]) == {}


def test_the_same_event_twice_is_stored_once(store):
    first = event("u1", "apply", "2025-01-02T10:00:00+08:00")
    assert store.add_events([first, event("u1", "view", "2025-01-01T10:00:00+08:00")]) == [
        first, event("u1", "view", "2025-01-01T10:00:00+08:00")]
    assert store.add_events([first]) == []
    assert len(store.history("u1")) == 2


def test_history_is_newest_first_and_can_stop_before_a_moment(store):
    store.add_events([
        event("u1", "view", "2025-01-01T10:00:00+08:00", "A1", "a"),
        event("u1", "apply", "2025-01-03T10:00:00+08:00", "B1", "b"),
        event("u1", "search", "2025-01-02T10:00:00+08:00", None, None, query="公积金"),
        event("u2", "apply", "2025-01-05T10:00:00+08:00", "C1", "c"),
    ])
    history = store.history("u1")
    assert [h.event.type for h in history] == ["apply", "search", "view"]
    assert history[0].service == "b" and history[0].event.item_code == "B1"
    assert history[1].event.query == "公积金" and history[1].event.item_code is None
    cutoff = UserEvent("u1", "apply", "2025-01-03T10:00:00+08:00").at_ms
    assert [h.event.type for h in store.history("u1", before_ms=cutoff)] == ["search", "view"]
    assert len(store.history("u1", limit=1)) == 1


def test_histories_of_a_batch_are_each_users_history(store):
    """Three events at one moment and a limit of two: the batch read keeps the same two."""
    moment = "2025-01-03T10:00:00+08:00"
    store.add_events([
        event("u1", "view", "2025-01-01T10:00:00+08:00", "A1", "a"),
        event("u1", "apply", moment, "B1", "b"), event("u1", "complete", moment, "B1", "b"), event("u1", "view", moment, "C1", "c"),
        event("u2", "apply", "2025-01-05T10:00:00+08:00", "C1", "c"),
    ])
    assert store.histories(["u1", "u2", "nobody"], limit=2) == {
        "u1": store.history("u1", limit=2), "u2": store.history("u2", limit=2), "nobody": []}
    assert store.histories([]) == {}


def test_next_steps_add_up_weight_and_people_and_come_heaviest_first(store):
    store.add_transitions({("a", "b"): (1.0, 1), ("a", "c"): (2.0, 2)})
    store.add_transitions({("a", "b"): (2.5, 3), ("x", "y"): (1.0, 1)})
    assert store.transitions(["a", "z"]) == {"a": {"b": (3.5, 4), "c": (2.0, 2)}, "z": {}}
    assert list(store.transitions(["a"], limit=1)["a"]) == ["b"]


def test_a_fitted_model_is_kept_and_replaced_by_name(store):
    assert store.model("feed-blend") is None
    store.put_model("feed-blend", {"weights": {"next_step": 2.0}})
    store.put_model("feed-blend", {"weights": {"next_step": 3.0}})
    assert store.model("feed-blend") == {"weights": {"next_step": 3.0}}


def test_user_ids_name_users_with_a_profile(store):
    store.put_users([UserProfile(f"u{n}", "个人") for n in range(30)])
    assert len(store.user_ids(10)) == 10
    assert set(store.user_ids(100)) == {f"u{n}" for n in range(30)}


def test_popularity_adds_up_per_segment(store):
    store.add_popularity({("个人|杭州", "a"): 1.0, ("个人|杭州", "b"): 3.0, ("法人|", "a"): 5.0})
    store.add_popularity({("个人|杭州", "a"): 4.0})
    assert store.popular("个人|杭州") == [("a", 5.0), ("b", 3.0)]
    assert store.popular("个人|杭州", limit=1) == [("a", 5.0)]
    assert store.popular("nobody") == []


def test_a_contribution_counts_once_per_user(store):
    assert store.new_contributions({"u1": ["popular|a|view", "next|a|b"], "u2": ["next|a|b"]}) == {
        "u1": {"popular|a|view", "next|a|b"}, "u2": {"next|a|b"}}
    assert store.new_contributions({"u1": ["popular|a|view", "popular|a|favorite", "popular|a|favorite"]}) == {
        "u1": {"popular|a|favorite"}}
    assert store.new_contributions({"u3": ["popular|a|view"]}) == {"u3": {"popular|a|view"}}
    assert store.new_contributions({"u1": []}) == {"u1": set()}


def test_one_batch_of_many_users_learns_what_each_event_alone_in_time_order_does(redis_url, tmp_path):
    """Users mixed in one batch, shuffled, posted twice; or each event in a call of its own."""
    services = {"A1": "a", "A2": "a", "B1": "b", "B2": "b", "C1": "c", "D1": "d"}  # two copies of a and b
    days = {
        "u1": [("view", 1, "A1"), ("apply", 1, "A1"), ("complete", 3, "A1"), ("apply", 10, "B1"), ("complete", 12, "B1"),
               ("apply", 40, "C1"), ("favorite", 41, "D1")],
        "u2": [("apply", 5, "A2"), ("apply", 6, "B2"), ("view", 7, "C1"), ("apply", 100, "C1")],
        "u3": [("search", 1, None), ("apply", 2, "B1"), ("apply", 3, "C1"), ("apply", 200, "D1"), ("apply", 201, "A1")],
    }
    events = [UserEvent(user, type_, (datetime(2025, 1, 1, 10, tzinfo=CHINA) + timedelta(days=day)).isoformat(), code,
                        "社保" if type_ == "search" else None)
              for user, steps in days.items() for type_, day, code in steps]
    profiles = [UserProfile("u1", "个人", region="浙江省杭州市西湖区"), UserProfile("u2", "个人", region="浙江省杭州市上城区")]
    batched, alone = empty_store(redis_url, tmp_path, "batched"), empty_store(redis_url, tmp_path, "alone")
    for store in (batched, alone):
        store.put_users(profiles)
    shuffled = random.Random(5).sample(events, len(events))
    assert learn(shuffled, batched, services.get) == len(events) and learn(shuffled, batched, services.get) == 0
    for one in sorted(events, key=lambda e: e.at_ms):
        learn([one], alone, services.get)
    watched = {segment for profile in [*profiles, None] for segment in segments(profile)}
    assert learned(batched, watched) == learned(alone, watched)
    assert learned(batched, watched)["next"][("a", "b")][1] == 2  # u1 and u2, each in their district's copies


def learned(store, watched: set[str]) -> dict:
    """Next steps and popularity; weights rounded, as their sums may be added in another order."""
    return {
        "next": {(a, b): (round(weight, 9), people)
                 for a, following in store.transitions(list("abcd")).items() for b, (weight, people) in following.items()},
        "popular": {segment: dict(store.popular(segment)) for segment in watched},
    }


def test_a_user_keeps_their_latest_events_only(store):
    events = [event("u1", "view", f"2025-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}+08:00") for n in range(MAX_EVENTS_PER_USER + 5)]
    store.add_events(events)
    history = store.history("u1", limit=5000)
    assert len(history) == MAX_EVENTS_PER_USER and history[0].event.time == events[-1].event.time


@pytest.fixture
def limiter(redis_url, tmp_path):
    if redis_url is None:
        counters = SqliteCounters(tmp_path / "counters.sqlite3")
    else:
        counters = RedisCounters(redis.Redis.from_url(redis_url), prefix="test:")
    return LookupLimiter(counters, key=b"k" * 16)


def test_lookup_limits_count_per_client_and_per_case_within_the_window(limiter):
    now = 1_000_000.0
    for attempt in range(5):
        assert isinstance(limiter.attempt("client-a", f"case-{attempt}", now + attempt), Attempt)
    blocked = limiter.attempt("client-a", "case-x", now + 10)
    assert isinstance(blocked, Blocked) and 590 <= blocked.retry_after <= 600
    assert isinstance(limiter.attempt("client-b", "case-x", now + 10), Attempt)
    assert isinstance(limiter.attempt("client-a", "case-x", now + 601), Attempt)  # the window has passed
    for attempt in range(20):  # twenty addresses of one network
        limiter.attempt(f"10.1.0.{attempt}", "case-hot", now + 700)
    assert isinstance(limiter.attempt("10.1.0.99", "case-hot", now + 701), Blocked)
    assert isinstance(limiter.attempt("10.2.0.1", "case-hot", now + 701), Attempt)  # the owner, elsewhere


def test_a_released_attempt_is_not_a_failure(limiter):
    now = 1_000_000.0
    for _ in range(10):  # right codes, one after another
        attempt = limiter.attempt("client-a", "case-1", now)
        assert isinstance(attempt, Attempt)
        limiter.release(attempt)
    for _ in range(5):
        assert isinstance(limiter.attempt("client-a", "case-1", now), Attempt)
    assert isinstance(limiter.attempt("client-a", "case-1", now), Blocked)


def test_concurrent_failures_from_one_client_get_exactly_the_limit(limiter):
    """Check and record are one step: 40 at once from one client, 5 get through."""
    now = time.time()
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(lambda n: limiter.attempt("client-a", f"case-{n}", now), range(40)))
    assert sum(isinstance(result, Attempt) for result in results) == 5


def test_a_data_dir_from_before_people_were_counted_keeps_its_next_steps(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript("""
            CREATE TABLE transitions (service TEXT NOT NULL, next TEXT NOT NULL, count REAL NOT NULL, PRIMARY KEY (service, next));
            CREATE TABLE contributions (user_id TEXT NOT NULL, mark TEXT NOT NULL, PRIMARY KEY (user_id, mark));
            INSERT INTO transitions VALUES ('名:a|个人', 'b', 2.7), ('b', 'c', 1.0);
            INSERT INTO contributions VALUES ('u1', 'next|名:a|个人|b'), ('u2', 'next|名:a|个人|b'), ('u3', 'next|b|c');
        """)
    store = SqliteBehaviourStore(path)
    assert store.transitions(["名:a|个人", "b"]) == {"名:a|个人": {"b": (2.7, 2)}, "b": {"c": (1.0, 1)}}
    assert SqliteBehaviourStore(path).transitions(["b"]) == {"b": {"c": (1.0, 1)}}  # migrated once
