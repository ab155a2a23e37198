"""The embedded SQLite database under the data dir, shared by the case store and counters.

One connection per thread (gunicorn's threaded workers), WAL so readers never wait for the
loader, and a busy timeout so two processes writing counters queue instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 65536  # per connection; keeps the B-tree's inner pages in memory on big loads


class SqliteDatabase:
    def __init__(self, path: Path, schema: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self.connection() as connection:
            connection.executescript(schema)

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._local.connection = connection
        return connection


class transaction:
    """BEGIN … COMMIT around a batch (connections run in autocommit mode otherwise)."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, error_type, *_) -> None:
        self.connection.execute("ROLLBACK" if error_type else "COMMIT")
