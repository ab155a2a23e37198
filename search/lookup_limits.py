"""Limits on failed case lookups: 5 from one client or 20 on one case number in 10 minutes.

The counters live in the shared store, so the limit holds across all server workers.
Subjects are keyed hashes: neither client addresses nor case numbers are stored in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Protocol

WINDOW_SECONDS = 600
MAX_FAILURES_PER_CLIENT = 5
MAX_FAILURES_PER_CASE = 20


class Counters(Protocol):
    def record(self, subjects: list[str], now: float) -> None: ...
    def recent(self, subject: str, since: float) -> tuple[int, float | None]: ...
    def forget_before(self, moment: float) -> None: ...


@dataclass(frozen=True)
class Blocked:
    retry_after: int  # seconds


class LookupLimiter:
    def __init__(self, counters: Counters, key: bytes):
        self.counters = counters
        self.key = key

    def check(self, client: str, case_no: str, now: float | None = None) -> Blocked | None:
        """Blocked when the client or the case number has used up its failures in the window."""
        now = time.time() if now is None else now
        since = now - WINDOW_SECONDS
        for subject, limit in ((self._subject("client", client), MAX_FAILURES_PER_CLIENT),
                               (self._subject("case", case_no), MAX_FAILURES_PER_CASE)):
            count, oldest = self.counters.recent(subject, since)
            if count >= limit:
                return Blocked(retry_after=max(1, int(oldest + WINDOW_SECONDS - now) + 1))
        return None

    def failed(self, client: str, case_no: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.counters.record([self._subject("client", client), self._subject("case", case_no)], now)
        self.counters.forget_before(now - WINDOW_SECONDS)

    def _subject(self, kind: str, value: str) -> str:
        return kind + ":" + hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()[:32]
