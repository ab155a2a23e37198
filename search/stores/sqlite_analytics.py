"""The analytics store in the data dir's SQLite file: the raw query log and day counters."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from search.analytics import QueryFigures, SearchRecord, ViewRecord, latency_bucket
from search.stores.sqlite import SqliteDatabase, transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_log (
    at REAL NOT NULL, search_id TEXT PRIMARY KEY, query TEXT NOT NULL, intent TEXT NOT NULL, total INTEGER NOT NULL,
    took_ms REAL NOT NULL, filters TEXT NOT NULL, page INTEGER NOT NULL, codes TEXT NOT NULL, client TEXT NOT NULL,
    asked TEXT, answered INTEGER
);
CREATE TABLE IF NOT EXISTS query_days (
    day TEXT NOT NULL, query TEXT NOT NULL, searches INTEGER NOT NULL DEFAULT 0, found INTEGER NOT NULL DEFAULT 0,
    zero INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, rank_sum INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, query)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS query_clients (
    day TEXT NOT NULL, query TEXT NOT NULL, client TEXT NOT NULL, PRIMARY KEY (day, query, client)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS guide_days (
    day TEXT NOT NULL, code TEXT NOT NULL, views INTEGER NOT NULL, PRIMARY KEY (day, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hot_overrides (query TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS asked_days (
    day TEXT NOT NULL, aspect TEXT NOT NULL, asked INTEGER NOT NULL, answered INTEGER NOT NULL,
    PRIMARY KEY (day, aspect)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unanswered_days (
    day TEXT NOT NULL, aspect TEXT NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, aspect, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS latency_days (
    day TEXT NOT NULL, bucket INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, bucket)
) WITHOUT ROWID;
"""

_COUNT_QUERY = """
INSERT INTO query_days (day, query, searches, found, zero, clicks, rank_sum) VALUES (?,?,?,?,?,?,?)
ON CONFLICT (day, query) DO UPDATE SET searches = searches + excluded.searches, found = found + excluded.found,
    zero = zero + excluded.zero, clicks = clicks + excluded.clicks, rank_sum = rank_sum + excluded.rank_sum
"""


class SqliteAnalyticsStore:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)
        connection = self.database.connection()
        columns = {row[1] for row in connection.execute("PRAGMA table_info(search_log)")}
        if "asked" not in columns:  # a log written before questions were told apart
            connection.executescript("ALTER TABLE search_log ADD COLUMN asked TEXT; "
                                     "ALTER TABLE search_log ADD COLUMN answered INTEGER;")

    def write(self, searches: list[SearchRecord], views: list[ViewRecord]) -> None:
        connection = self.database.connection()
        with transaction(connection):
            connection.executemany(
                "INSERT OR IGNORE INTO search_log VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(s.at, s.search_id, s.query, s.intent, s.total, s.took_ms, json.dumps(s.filters, ensure_ascii=False),
                  s.page, json.dumps(s.codes), s.client, s.asked, int(s.answered)) for s in searches],
            )
            counted = [s for s in searches if s.query]
            connection.executemany(_COUNT_QUERY, [(s.day, s.query, 1, int(s.total > 0), int(s.total == 0), 0, 0) for s in counted])
            connection.executemany("INSERT OR IGNORE INTO query_clients VALUES (?,?,?)", [(s.day, s.query, s.client) for s in counted])
            connection.executemany(
                "INSERT INTO latency_days VALUES (?,?,1) ON CONFLICT (day, bucket) DO UPDATE SET count = count + 1",
                [(s.day, latency_bucket(s.took_ms)) for s in searches],
            )
            connection.executemany(
                "INSERT INTO guide_days VALUES (?,?,1) ON CONFLICT (day, code) DO UPDATE SET views = views + 1",
                [(v.day, v.code) for v in views],
            )
            connection.executemany(
                "INSERT INTO asked_days VALUES (?,?,1,?) ON CONFLICT (day, aspect) DO UPDATE SET asked = asked + 1, "
                "answered = answered + excluded.answered", [(s.day, s.asked, int(s.answered)) for s in searches if s.asked],
            )
            connection.executemany(
                "INSERT INTO unanswered_days VALUES (?,?,?,1) ON CONFLICT (day, aspect, code) DO UPDATE SET count = count + 1",
                [(s.day, s.asked, s.unanswered) for s in searches if s.unanswered],
            )
            clicks = [(v, self._query_of(connection, v.search_id)) for v in views if v.search_id]
            connection.executemany(_COUNT_QUERY, [(v.day, q, 0, 0, 0, 1, v.rank or 0) for v, q in clicks if q])

    @staticmethod
    def _query_of(connection, search_id: str) -> str | None:
        row = connection.execute("SELECT query FROM search_log WHERE search_id = ?", (search_id,)).fetchone()
        return row[0] if row else None

    def queries(self, days: list[str]) -> list[QueryFigures]:
        connection, marks = self.database.connection(), ",".join("?" * len(days))
        figures: dict[str, QueryFigures] = {}
        rows = connection.execute(
            f"SELECT query, SUM(searches), SUM(found), SUM(zero), SUM(clicks), SUM(rank_sum) FROM query_days "
            f"WHERE day IN ({marks}) GROUP BY query", days,
        )
        for query, *counts in rows:
            figures[query] = QueryFigures(query, *counts[:3], 0, *counts[3:])
        clients = connection.execute(
            f"SELECT query, COUNT(DISTINCT client) FROM query_clients WHERE day IN ({marks}) GROUP BY query", days
        )
        for query, count in clients:
            if query in figures:
                figures[query].clients = count
        return list(figures.values())

    def guide_views(self, days: list[str], limit: int) -> list[tuple[str, int]]:
        marks = ",".join("?" * len(days))
        rows = self.database.connection().execute(
            f"SELECT code, SUM(views) AS total FROM guide_days WHERE day IN ({marks}) GROUP BY code "
            f"ORDER BY total DESC, code LIMIT ?", [*days, limit],
        )
        return [tuple(row) for row in rows]

    def latency_histogram(self, days: list[str]) -> dict[int, int]:
        marks = ",".join("?" * len(days))
        rows = self.database.connection().execute(
            f"SELECT bucket, SUM(count) FROM latency_days WHERE day IN ({marks}) GROUP BY bucket", days
        )
        histogram: dict[int, int] = defaultdict(int)
        for bucket, count in rows:
            histogram[bucket] += count
        return dict(histogram)

    def aspects(self, days: list[str]) -> list[tuple[str, int, int]]:
        marks = ",".join("?" * len(days))
        rows = self.database.connection().execute(
            f"SELECT aspect, SUM(asked), SUM(answered) FROM asked_days WHERE day IN ({marks}) GROUP BY aspect "
            f"ORDER BY SUM(asked) DESC, aspect", days)
        return [tuple(row) for row in rows]

    def unanswered(self, days: list[str], limit: int) -> list[tuple[str, str, int]]:
        marks = ",".join("?" * len(days))
        rows = self.database.connection().execute(
            f"SELECT aspect, code, SUM(count) AS total FROM unanswered_days WHERE day IN ({marks}) GROUP BY aspect, code "
            f"ORDER BY total DESC, aspect, code LIMIT ?", [*days, limit])
        return [tuple(row) for row in rows]

    def hot_overrides(self) -> dict[str, str]:
        return dict(self.database.connection().execute("SELECT query, state FROM hot_overrides"))

    def set_hot_override(self, query: str, state: str | None) -> None:
        connection = self.database.connection()
        if state is None:
            connection.execute("DELETE FROM hot_overrides WHERE query = ?", (query,))
        else:
            connection.execute("INSERT OR REPLACE INTO hot_overrides VALUES (?, ?)", (query, state))
