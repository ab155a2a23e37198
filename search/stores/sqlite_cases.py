"""The embedded case store: records and progress events in SQLite.

Events live in their own table keyed by (case, instant, stage, status), so the same event
sent twice is one row, events sort by their real instant whatever order they arrive in,
and an event whose record has not arrived yet simply waits there for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from search.stores.sqlite import SqliteDatabase, transaction
from search.cases import CaseRecord, ProgressEvent

SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    case_no TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    item_code TEXT,
    item_name TEXT,
    applicant_name TEXT,
    password_hash TEXT NOT NULL,
    user_id TEXT,
    department TEXT,
    submitted_at TEXT,
    status TEXT,
    promised_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cases_by_user ON cases (user_id, submitted_at) WHERE user_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
    case_no TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    time TEXT NOT NULL,
    department TEXT,
    note TEXT,
    PRIMARY KEY (case_no, at_ms, stage, status)
) WITHOUT ROWID;
"""

_PUT_RECORD = "INSERT OR REPLACE INTO cases VALUES (?,?,?,?,?,?,?,?,?,?,?)"
_ADD_EVENT = """
INSERT INTO events VALUES (?,?,?,?,?,?,?)
ON CONFLICT (case_no, at_ms, stage, status) DO UPDATE
SET department = excluded.department, note = excluded.note, time = excluded.time
WHERE department IS NOT excluded.department OR note IS NOT excluded.note OR time IS NOT excluded.time
"""


class SqliteCaseStore:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)

    def put_records(self, records: Iterable[CaseRecord]) -> int:
        records = list(records)
        connection = self.database.connection()
        with transaction(connection):
            connection.executemany(_PUT_RECORD, [_record_row(r) for r in records])
            before = connection.total_changes
            connection.executemany(_ADD_EVENT, [_event_row(e) for r in records for e in r.events])
            return connection.total_changes - before

    def add_events(self, events: Iterable[ProgressEvent]) -> int:
        connection = self.database.connection()
        with transaction(connection):
            before = connection.total_changes
            connection.executemany(_ADD_EVENT, [_event_row(e) for e in events])
            return connection.total_changes - before

    def get(self, case_no: str) -> CaseRecord | None:
        connection = self.database.connection()
        row = connection.execute("SELECT * FROM cases WHERE case_no = ?", (case_no,)).fetchone()
        return self._with_events(connection, row) if row else None

    def for_user(self, user_id: str, limit: int) -> list[CaseRecord]:
        connection = self.database.connection()
        rows = connection.execute(
            "SELECT * FROM cases WHERE user_id = ? ORDER BY submitted_at DESC LIMIT ?", (user_id, limit)
        ).fetchall()
        return [self._with_events(connection, row) for row in rows]

    def known(self, case_nos: set[str]) -> set[str]:
        connection, found, numbers = self.database.connection(), set(), list(case_nos)
        for start in range(0, len(numbers), 900):
            chunk = numbers[start : start + 900]
            rows = connection.execute(f"SELECT case_no FROM cases WHERE case_no IN ({','.join('?' * len(chunk))})", chunk)
            found.update(row[0] for row in rows)
        return found

    def count(self) -> int:
        return self.database.connection().execute("SELECT COUNT(*) FROM cases").fetchone()[0]

    @staticmethod
    def _with_events(connection, row) -> CaseRecord:
        events = connection.execute(
            "SELECT case_no, time, stage, status, department, note FROM events WHERE case_no = ? ORDER BY at_ms",
            (row[0],),
        ).fetchall()
        (case_no, kind, item_code, item_name, applicant, password_hash, user_id, department, submitted_at, status, promised_at) = row
        return CaseRecord(
            case_no, kind, item_code, item_name, applicant, password_hash, department, submitted_at, status,
            user_id, promised_at, [ProgressEvent(*event) for event in events],
        )


def _record_row(record: CaseRecord) -> tuple:
    return (
        record.case_no, record.kind, record.item_code, record.item_name, record.applicant_name,
        record.password_hash, record.user_id, record.department, record.submitted_at, record.status,
        record.promised_at,
    )


def _event_row(event: ProgressEvent) -> tuple:
    at_ms = int(event.instant.timestamp() * 1000)
    return (event.case_no, at_ms, event.stage, event.status, event.time, event.department, event.note)
