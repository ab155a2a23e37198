"""Sliding-window counters in the shared SQLite file, so every server worker process counts
the same hits (the rate limits of case lookups and behaviour events)."""

from __future__ import annotations

from pathlib import Path

from search.limits import Full
from search.stores.sqlite import SqliteDatabase, transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS limit_hits (subject TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS limit_hits_by_subject ON limit_hits (subject, at);
CREATE INDEX IF NOT EXISTS limit_hits_by_time ON limit_hits (at);
"""
KEEP_SECONDS = 24 * 3600  # no limit looks further back: older hits of any subject are swept


class SqliteCounters:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)

    def take(self, limits: list[tuple[str, int]], now: float, since: float) -> list[int] | Full:
        # BEGIN IMMEDIATE holds the write lock from the count to the insert: no other
        # process can count in between.
        with transaction(self.database.connection()) as connection:
            connection.execute("DELETE FROM limit_hits WHERE at < ?", (now - KEEP_SECONDS,))
            for subject, limit in limits:
                count, oldest = connection.execute(
                    "SELECT COUNT(*), MIN(at) FROM limit_hits WHERE subject = ? AND at >= ?", (subject, since)
                ).fetchone()
                if count >= limit:
                    return Full(oldest)
            return [connection.execute("INSERT INTO limit_hits VALUES (?, ?)", (subject, now)).lastrowid
                    for subject, _ in limits]

    def give_back(self, handles: list[int]) -> None:
        self.database.connection().executemany("DELETE FROM limit_hits WHERE rowid = ?", [(rowid,) for rowid in handles])
