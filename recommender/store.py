"""The behaviour store: profiles, events and the counts learned from them.

Two implementations pass one contract suite (``tests/test_behaviour_store.py``): SQLite
under the data dir (the embedded default) and Redis (when ``REDIS_URL`` is set). The store
keeps data and does arithmetic; what to count is decided once, in ``recommender.learning``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from recommender.models import UserEvent, UserProfile


MAX_EVENTS_PER_USER = 1000  # older events are trimmed; the learned counts keep what they taught


class StoreUnavailable(Exception):
    """The store cannot be reached (Redis went away); the feed falls back to non-personal items."""


@dataclass(frozen=True)
class StoredEvent:
    event: UserEvent
    service: str | None  # the catalogue service the event's item belongs to, when known


class BehaviourStore(Protocol):
    def put_users(self, users: Iterable[UserProfile]) -> None:
        """Insert or replace profiles by user id."""

    def get_user(self, user_id: str) -> UserProfile | None: ...

    def get_users(self, user_ids: Iterable[str]) -> dict[str, UserProfile]:
        """The profiles of those of the users who have one, by user id (one read for a batch)."""

    def add_events(self, events: Iterable[StoredEvent]) -> list[StoredEvent]:
        """Store events; the same event twice is stored once. Returns the ones that were new.
        A user keeps their MAX_EVENTS_PER_USER latest events."""

    def new_contributions(self, marks: dict[str, list[str]]) -> dict[str, set[str]]:
        """Remember that each user contributed to the learned counts marked so; returns, by user,
        the marks they had not contributed before (a user counts once, however often they repeat)."""

    def history(self, user_id: str, limit: int = 100, before_ms: int | None = None) -> list[StoredEvent]:
        """A user's events, newest first (only those before ``before_ms`` when given)."""

    def histories(self, user_ids: Iterable[str], limit: int = 100) -> dict[str, list[StoredEvent]]:
        """``history`` of each of the users (empty for one without events), by user id: one read for a batch."""

    def add_transitions(self, counts: dict[tuple[str, str], tuple[float, int]]) -> None:
        """Add to the (weight, distinct people) of "after service a, the user went on to service b"."""

    def transitions(self, services: list[str], limit: int = 50) -> dict[str, dict[str, tuple[float, int]]]:
        """For each service, the services users went on to, with (weight, people), the heaviest
        ``limit``."""

    def add_popularity(self, counts: dict[tuple[str, str], float]) -> None:
        """Add to the interest counts of (segment, service)."""

    def popular(self, segment: str, limit: int = 100) -> list[tuple[str, float]]:
        """The services with the most interest in a segment, most first."""

    def user_ids(self, limit: int) -> list[str]:
        """Up to ``limit`` ids of users with a profile (to refit the feed's blend on)."""

    def put_model(self, name: str, model: dict) -> None:
        """Keep a small fitted model (JSON), shared by every worker."""

    def model(self, name: str) -> dict | None: ...
