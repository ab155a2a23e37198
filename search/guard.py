"""One guard for every call to a dependency (Elasticsearch, Redis): a circuit breaker.

A hung or dead dependency costs one timeout, not one per request: after a failure every call
fails at once for ``BREAKER_SECONDS``; then the next call tries again, and the first success
closes the breaker. One log line when an outage starts and one when it ends.
"""

from __future__ import annotations

import logging
import time
from typing import Callable

log = logging.getLogger(__name__)

BREAKER_SECONDS = 5.0


class CircuitBreaker:
    def __init__(self, name: str, unavailable: Callable[[str], Exception]):
        self.name = name
        self.unavailable = unavailable  # builds the error a caller gets while the breaker is open
        self.open_until = 0.0
        self.failing_since: float | None = None

    def check(self, what: str) -> None:
        if time.monotonic() < self.open_until:
            raise self.unavailable(f"{self.name} cannot be reached ({what}; retrying within {BREAKER_SECONDS:.0f} s)")

    def failed(self, error: Exception) -> None:
        if self.failing_since is None:
            self.failing_since = time.monotonic()
            log.warning("%s unavailable: %s", self.name, type(error).__name__)  # one line per outage
        self.open_until = time.monotonic() + BREAKER_SECONDS

    def succeeded(self) -> None:
        if self.failing_since is not None:
            log.warning("%s reachable again after %.0f s", self.name, time.monotonic() - self.failing_since)
            self.failing_since = None
