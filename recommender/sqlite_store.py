"""The embedded behaviour store in the data dir's SQLite file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from recommender.models import UserEvent, UserProfile
from recommender.store import MAX_EVENTS_PER_USER, StoredEvent
from search.stores.sqlite import SqliteDatabase, transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY, kind TEXT NOT NULL, birth_year INTEGER, gender TEXT, region TEXT,
    industry TEXT, business_scope TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS user_events (
    user_id TEXT NOT NULL, at_ms INTEGER NOT NULL, type TEXT NOT NULL, item TEXT NOT NULL,
    time TEXT NOT NULL, service TEXT, query TEXT,
    PRIMARY KEY (user_id, at_ms, type, item)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS next_steps (
    service TEXT NOT NULL, next TEXT NOT NULL, weight REAL NOT NULL, people INTEGER NOT NULL,
    PRIMARY KEY (service, next)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS models (name TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS popularity (
    segment TEXT NOT NULL, service TEXT NOT NULL, count REAL NOT NULL, PRIMARY KEY (segment, service)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS contributions (
    user_id TEXT NOT NULL, mark TEXT NOT NULL, PRIMARY KEY (user_id, mark)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS popularity_ranked ON popularity (segment, count DESC);
"""

_TRIM_EVENTS = """
DELETE FROM user_events WHERE user_id = ? AND at_ms < (
    SELECT at_ms FROM user_events WHERE user_id = ? ORDER BY at_ms DESC LIMIT 1 OFFSET ?)
"""
# A batch's users are one JSON array parameter: no limit on how many, one statement.
_OF_USERS = "user_id IN (SELECT value FROM json_each(?))"


class SqliteBehaviourStore:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)
        _migrate_transitions(self.database.connection())

    def put_users(self, users: Iterable[UserProfile]) -> None:
        connection = self.database.connection()
        with transaction(connection):
            connection.executemany(
                "INSERT OR REPLACE INTO users VALUES (?,?,?,?,?,?,?)",
                [(u.user_id, u.kind, u.birth_year, u.gender, u.region, u.industry, u.business_scope) for u in users],
            )

    def get_user(self, user_id: str) -> UserProfile | None:
        row = self.database.connection().execute("SELECT * FROM users WHERE user_id = ?", (user_id,)).fetchone()
        return UserProfile(*row) if row else None

    def get_users(self, user_ids: Iterable[str]) -> dict[str, UserProfile]:
        rows = self.database.connection().execute(f"SELECT * FROM users WHERE {_OF_USERS}", (_json_list(user_ids),))
        return {row[0]: UserProfile(*row) for row in rows}

    def add_events(self, events: Iterable[StoredEvent]) -> list[StoredEvent]:
        """The keys the batch's users have stored are read once, instead of an insert per event
        to find out which events are new."""
        events = list(events)
        connection, new, rows = self.database.connection(), [], []
        with transaction(connection):
            stored_keys = set(connection.execute(
                f"SELECT user_id, at_ms, type, item FROM user_events WHERE {_OF_USERS}",
                (_json_list({stored.event.user_id for stored in events}),)))
            for stored in events:
                e = stored.event
                row = (e.user_id, e.at_ms, e.type, e.item_code or e.query or "", e.time, stored.service, e.query)
                if row[:4] not in stored_keys:
                    stored_keys.add(row[:4])
                    new.append(stored)
                    rows.append(row)
            connection.executemany("INSERT INTO user_events VALUES (?,?,?,?,?,?,?)", rows)
            connection.executemany(_TRIM_EVENTS, [(user_id, user_id, MAX_EVENTS_PER_USER - 1)
                                                  for user_id in dict.fromkeys(row[0] for row in rows)])
        return new

    def new_contributions(self, marks: dict[str, list[str]]) -> dict[str, set[str]]:
        connection = self.database.connection()
        with transaction(connection):
            known = set(connection.execute(f"SELECT user_id, mark FROM contributions WHERE {_OF_USERS}", (_json_list(marks),)))
            new = {user_id: {mark for mark in user_marks if (user_id, mark) not in known} for user_id, user_marks in marks.items()}
            connection.executemany("INSERT INTO contributions VALUES (?, ?)",
                                   [(user_id, mark) for user_id, user_marks in new.items() for mark in user_marks])
        return new

    def history(self, user_id: str, limit: int = 100, before_ms: int | None = None) -> list[StoredEvent]:
        rows = self.database.connection().execute(
            "SELECT type, time, item, query, service FROM user_events WHERE user_id = ? AND at_ms < ? "
            "ORDER BY at_ms DESC LIMIT ?",
            (user_id, before_ms if before_ms is not None else 2**62, limit),
        )
        return [
            StoredEvent(UserEvent(user_id, type_, time, None if query else item, query), service)
            for type_, time, item, query, service in rows
        ]

    def histories(self, user_ids: Iterable[str], limit: int = 100) -> dict[str, list[StoredEvent]]:
        # A query per user along the primary key reads less than one windowed query over the batch.
        return {user_id: self.history(user_id, limit) for user_id in user_ids}

    def add_transitions(self, counts: dict[tuple[str, str], tuple[float, int]]) -> None:
        if not counts:
            return
        connection = self.database.connection()
        with transaction(connection):
            connection.executemany(
                "INSERT INTO next_steps VALUES (?, ?, ?, ?) ON CONFLICT (service, next) "
                "DO UPDATE SET weight = weight + excluded.weight, people = people + excluded.people",
                [(a, b, weight, people) for (a, b), (weight, people) in counts.items()],
            )

    def transitions(self, services: list[str], limit: int = 50) -> dict[str, dict[str, tuple[float, int]]]:
        connection, found = self.database.connection(), {}
        for service in services:
            rows = connection.execute(
                "SELECT next, weight, people FROM next_steps WHERE service = ? ORDER BY weight DESC LIMIT ?", (service, limit)
            )
            found[service] = {next_: (weight, people) for next_, weight, people in rows}
        return found

    def add_popularity(self, counts: dict[tuple[str, str], float]) -> None:
        if not counts:
            return
        connection = self.database.connection()
        with transaction(connection):
            connection.executemany(
                "INSERT INTO popularity VALUES (?, ?, ?) ON CONFLICT (segment, service) DO UPDATE SET count = count + excluded.count",
                [(segment, service, count) for (segment, service), count in counts.items()],
            )

    def popular(self, segment: str, limit: int = 100) -> list[tuple[str, float]]:
        rows = self.database.connection().execute(
            "SELECT service, count FROM popularity WHERE segment = ? ORDER BY count DESC LIMIT ?", (segment, limit)
        )
        return [tuple(row) for row in rows]

    def user_ids(self, limit: int) -> list[str]:
        rows = self.database.connection().execute("SELECT user_id FROM users ORDER BY random() LIMIT ?", (limit,))
        return [user_id for (user_id,) in rows]

    def put_model(self, name: str, model: dict) -> None:
        self.database.connection().execute("INSERT OR REPLACE INTO models VALUES (?, ?)", (name, json.dumps(model)))

    def model(self, name: str) -> dict | None:
        row = self.database.connection().execute("SELECT body FROM models WHERE name = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else None


def _json_list(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _migrate_transitions(connection) -> None:
    """A data dir from before next steps counted people: move its counts to ``next_steps``,
    with the people read back from the contributions that made them."""
    if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'transitions'").fetchone():
        return
    people = Counter(mark for (mark,) in connection.execute("SELECT mark FROM contributions WHERE mark LIKE 'next|%'"))
    with transaction(connection):
        rows = connection.execute("SELECT service, next, count FROM transitions").fetchall()
        connection.executemany("INSERT OR IGNORE INTO next_steps VALUES (?, ?, ?, ?)",
                               [(a, b, count, people[f"next|{a}|{b}"]) for a, b, count in rows])
        connection.execute("DROP TABLE transitions")
