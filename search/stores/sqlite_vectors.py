"""Vectors already computed, by (model, text): a reload or a ``--replace`` encodes only what is new.

A SQLite file of its own under the data dir: keys are ``search.encoder.text_key`` hashes (the
model's identity is in the key), values the float32 vector's bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from search.stores.sqlite import SqliteDatabase, transaction

SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID;"
LOOKUP_CHUNK = 500  # keys per query (SQLite's parameter limit is far above)


class SqliteVectorCache:
    def __init__(self, path: Path):
        self.database = SqliteDatabase(path, SCHEMA)

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        connection = self.database.connection()
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start:start + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, blob in connection.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, vectors: dict[str, np.ndarray]) -> None:
        with transaction(self.database.connection()) as connection:
            connection.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                                   [(key, np.asarray(vector, dtype=np.float32).tobytes()) for key, vector in vectors.items()])
