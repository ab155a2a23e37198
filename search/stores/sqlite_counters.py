"""Sliding-window failure counters in the shared SQLite file, so every server worker process
counts the same failures (rate limiting of case lookups)."""

from __future__ import annotations

from pathlib import Path

from search.stores.sqlite import SqliteDatabase

SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (subject TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_by_subject ON failures (subject, at);
CREATE INDEX IF NOT EXISTS failures_by_time ON failures (at);
"""


class SqliteCounters:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)

    def record(self, subjects: list[str], now: float) -> None:
        connection = self.database.connection()
        connection.executemany("INSERT INTO failures VALUES (?, ?)", [(subject, now) for subject in subjects])

    def recent(self, subject: str, since: float) -> tuple[int, float | None]:
        """How many failures of ``subject`` since ``since``, and when the oldest of them was."""
        count, oldest = self.database.connection().execute(
            "SELECT COUNT(*), MIN(at) FROM failures WHERE subject = ? AND at >= ?", (subject, since)
        ).fetchone()
        return count, oldest

    def forget_before(self, moment: float) -> None:
        self.database.connection().execute("DELETE FROM failures WHERE at < ?", (moment,))
