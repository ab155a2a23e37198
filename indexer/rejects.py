"""Rejected records, written with file, line and reason to ``<data dir>/rejected/``."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from search.redaction import redact
from indexer.readers import InputUnreadable


class RejectLog:
    """Collects the rejects of one load in ``<directory>/<kind>-<timestamp>.jsonl``.

    The file is created on the first reject, so a clean load leaves nothing behind.
    Each line keeps the record's raw text, so the operator can repair it, redacted (ID, phone
    and card numbers, verification codes: ``search.redaction``) in the raw text itself, so a
    line that is not JSON is covered too; what else it holds is personal, so the file is
    readable by its owner only (0600, directory 0700).

    Used as a context manager: a load that stops because an input cannot be read (exit 2)
    deletes its file, since the operator fixes the input and runs the whole command again
    (loads are upserts and merges), which writes the rejects again. Any other end keeps it.
    """

    def __init__(self, directory: Path, kind: str):
        self.path = Path(directory) / f"{kind}-{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**6:06d}.jsonl"
        self.count = 0
        self._handle = None

    def __enter__(self) -> "RejectLog":
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        self.close()
        if error_type is not None and issubclass(error_type, InputUnreadable):
            self.discard()

    def add(self, file: str, line: int, reason: str, raw: str | None = None) -> None:
        if self._handle is None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._handle = open(descriptor, "a", encoding="utf-8")
        entry = {"file": file, "line": line, "reason": redact(reason), "record": None if raw is None else redact(raw)}
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def discard(self) -> None:
        """Delete what this load wrote; the log counts nothing afterwards."""
        self.close()
        self.path.unlink(missing_ok=True)
        self.count = 0
