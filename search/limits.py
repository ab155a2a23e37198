"""Rate limits in sliding windows: failed case lookups (5 from one client, or 20 on one case
number from one client network, in 10 minutes) and behaviour events (30 posts a minute from one user).

The case-number limit counts per network (an IPv4 /24, an IPv6 /48), not from anyone: failures
sent from elsewhere never lock the owner out of their own case, while a guesser must spread over
many networks (the attack's cost is in docs/api.md).

The counters live in the shared store, so the limits hold across all server workers.
Subjects are keyed hashes: neither client addresses, user ids nor case numbers are stored in clear.

A lookup takes its failure up front, in one atomic step that also checks the limits, and
gives it back when the code was right: 40 concurrent wrong codes from one client get
exactly 5 answers, not the 6–8 a check-then-record would let through.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
from dataclasses import dataclass
from typing import Protocol

WINDOW_SECONDS = 600
MAX_FAILURES_PER_CLIENT = 5
MAX_FAILURES_PER_CASE = 20
EVENT_WINDOW_SECONDS = 60
MAX_EVENT_POSTS_PER_USER = 30
MAX_WRONG_ADMIN_KEYS = 10  # per client in WINDOW_SECONDS: an admin key is not guessed one request at a time


@dataclass(frozen=True)
class Full:
    """A subject has used up its failures; the oldest of them was at ``oldest``."""

    oldest: float


class Counters(Protocol):
    def take(self, limits: list[tuple[str, int]], now: float, since: float) -> list | Full:
        """Atomically: ``Full`` when a subject already has ``limit`` failures since ``since``;
        else record one failure at ``now`` for every subject and return handles to them."""

    def give_back(self, handles: list) -> None:
        """Remove failures recorded by ``take``."""


@dataclass(frozen=True)
class Blocked:
    retry_after: int  # seconds


@dataclass(frozen=True)
class Attempt:
    handles: list


class Limiter:
    def __init__(self, counters: Counters, key: bytes):
        self.counters = counters
        self.key = key

    def _subject(self, kind: str, value: str) -> str:
        return kind + ":" + hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()[:32]

    def release(self, attempt: Attempt) -> None:
        """The attempt was not a failure after all (the code or key was right, or the store failed)."""
        self.counters.give_back(attempt.handles)

    def _take(self, limits: list[tuple[str, int]], window: int, now: float | None) -> Attempt | Blocked:
        """One use of each subject's limit in the window ending ``now``, or ``Blocked`` (with the
        seconds until its oldest use leaves the window) when one has none left."""
        now = time.time() if now is None else now
        taken = self.counters.take(limits, now, now - window)
        if isinstance(taken, Full):
            return Blocked(retry_after=max(1, int(taken.oldest + window - now) + 1))
        return Attempt(taken)


class LookupLimiter(Limiter):

    def attempt(self, client: str, case_no: str, now: float | None = None) -> Attempt | Blocked:
        """Count this lookup as a failure of the client and of the case number, unless one of
        them has used up its failures in the window (then ``Blocked``)."""
        limits = [(self._subject("client", client), MAX_FAILURES_PER_CLIENT),
                  (self._subject("case", f"{case_no} {network_of(client)}"), MAX_FAILURES_PER_CASE)]
        return self._take(limits, WINDOW_SECONDS, now)


def network_of(address: str) -> str:
    """The network a client address is counted in: its IPv4 /24 or IPv6 /48 (one office, home
    or carrier's NAT); anything else as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    return str(ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 48}", strict=False))


class AdminKeyLimiter(Limiter):
    def attempt(self, client: str, now: float | None = None) -> Attempt | Blocked:
        """Count this request as a wrong key of the client (given back when the key was right),
        unless the client has used up its wrong keys in the window."""
        return self._take([(self._subject("admin", client), MAX_WRONG_ADMIN_KEYS)], WINDOW_SECONDS, now)


class EventLimiter(Limiter):
    def attempt(self, user_id: str, now: float | None = None) -> Blocked | None:
        """Count one post of events by the user, unless they have used up the window's posts."""
        taken = self._take([(self._subject("events", user_id), MAX_EVENT_POSTS_PER_USER)], EVENT_WINDOW_SECONDS, now)
        return taken if isinstance(taken, Blocked) else None
