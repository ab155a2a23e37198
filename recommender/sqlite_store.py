"""The embedded behaviour store in the data dir's SQLite file."""

from __future__ import annotations

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
CREATE TABLE IF NOT EXISTS transitions (
    service TEXT NOT NULL, next TEXT NOT NULL, count REAL NOT NULL, PRIMARY KEY (service, next)
) WITHOUT ROWID;
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


class SqliteBehaviourStore:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)

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

    def add_events(self, events: Iterable[StoredEvent]) -> list[StoredEvent]:
        connection, new = self.database.connection(), []
        with transaction(connection):
            for stored in events:
                e = stored.event
                cursor = connection.execute(
                    "INSERT OR IGNORE INTO user_events VALUES (?,?,?,?,?,?,?)",
                    (e.user_id, e.at_ms, e.type, e.item_code or e.query or "", e.time, stored.service, e.query),
                )
                if cursor.rowcount:
                    new.append(stored)
            for user_id in {stored.event.user_id for stored in new}:
                connection.execute(_TRIM_EVENTS, (user_id, user_id, MAX_EVENTS_PER_USER - 1))
        return new

    def new_contributions(self, user_id: str, marks: list[str]) -> set[str]:
        connection = self.database.connection()
        with transaction(connection):
            return {mark for mark in dict.fromkeys(marks)
                    if connection.execute("INSERT OR IGNORE INTO contributions VALUES (?, ?)", (user_id, mark)).rowcount}

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

    def add_transitions(self, counts: dict[tuple[str, str], float]) -> None:
        self._add("transitions", counts)

    def transitions(self, services: list[str], limit: int = 50) -> dict[str, dict[str, float]]:
        connection, found = self.database.connection(), {}
        for service in services:
            rows = connection.execute(
                "SELECT next, count FROM transitions WHERE service = ? ORDER BY count DESC LIMIT ?", (service, limit)
            )
            found[service] = dict(rows)
        return found

    def add_popularity(self, counts: dict[tuple[str, str], float]) -> None:
        self._add("popularity", counts)

    def popular(self, segment: str, limit: int = 100) -> list[tuple[str, float]]:
        rows = self.database.connection().execute(
            "SELECT service, count FROM popularity WHERE segment = ? ORDER BY count DESC LIMIT ?", (segment, limit)
        )
        return [tuple(row) for row in rows]

    def _add(self, table: str, counts: dict[tuple[str, str], float]) -> None:
        if not counts:
            return
        key = "service, next" if table == "transitions" else "segment, service"
        connection = self.database.connection()
        with transaction(connection):
            connection.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?) ON CONFLICT ({key}) DO UPDATE SET count = count + excluded.count",
                [(a, b, count) for (a, b), count in counts.items()],
            )
