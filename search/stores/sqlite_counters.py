"""Sliding-window failure counters in the shared SQLite file, so every server worker process
counts the same failures (rate limiting of case lookups)."""

from __future__ import annotations

from pathlib import Path

from search.lookup_limits import Full
from search.stores.sqlite import SqliteDatabase, transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (subject TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_by_subject ON failures (subject, at);
CREATE INDEX IF NOT EXISTS failures_by_time ON failures (at);
"""


class SqliteCounters:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)

    def take(self, limits: list[tuple[str, int]], now: float, since: float) -> list[int] | Full:
        # BEGIN IMMEDIATE holds the write lock from the count to the insert: no other
        # process can count in between.
        with transaction(self.database.connection()) as connection:
            connection.execute("DELETE FROM failures WHERE at < ?", (since,))
            for subject, limit in limits:
                count, oldest = connection.execute(
                    "SELECT COUNT(*), MIN(at) FROM failures WHERE subject = ? AND at >= ?", (subject, since)
                ).fetchone()
                if count >= limit:
                    return Full(oldest)
            return [connection.execute("INSERT INTO failures VALUES (?, ?)", (subject, now)).lastrowid
                    for subject, _ in limits]

    def give_back(self, handles: list[int]) -> None:
        self.database.connection().executemany("DELETE FROM failures WHERE rowid = ?", [(rowid,) for rowid in handles])
