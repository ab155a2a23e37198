"""Learning from new events, incrementally: each new event updates the counts at once, so the
next feed call already reflects it (no nightly batch needed).

- next steps: after a citizen applied for or completed service a, they went on to b. Each step
  is counted against the few distinct services done just before it, the latest most, and by
  how soon it followed (a step a week later says more than one a year later). Counts are kept
  by service (``recommender.catalogue``), so what people did in one district teaches the next.
  Each pair also counts the distinct people behind it: a reason is only ever built on a pair
  enough people took (``recommender.signals``).
- popularity: interest in a service within the user's segment (audience × region, and the
  wider city, province and nation segments that cold-start feeds fall back to).

Both count people, not posts: a user adds to a service's popularity once per kind of event
(a view, a favourite, an application) and to a pair once, so one account posting 500
favourites weighs what one citizen's favourite weighs. Events may arrive in any order: a step
that arrives after the one that followed it is still counted before it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from recommender.models import EVENT_WEIGHTS, JOURNEY_TYPES, UserEvent, UserProfile
from recommender.store import BehaviourStore, StoredEvent
from search import regions

PREVIOUS_STEPS = 3  # how many earlier services a step is counted against
HISTORY_READ = 200  # events of a user read to find them
RECENCY_DECAY = 0.7  # the step before last counts 0.7, the one before that 0.49
SOON_HALF_LIFE_DAYS = 90.0  # a step 90 days after the previous one counts half of one right after
DAY_MS = 86_400_000


EVERYONE = "*"


def segments(profile: UserProfile | None) -> list[str]:
    """Popularity segments of a user, narrowest first: kind|district, kind|city, kind|province,
    kind|, and everyone (the only one for a user without a profile)."""
    if profile is None:
        return [EVERYONE]
    localities = regions.lineage(profile.region)[:-1]  # district, city, province
    return [f"{profile.kind}|{locality}" for locality in localities] + [f"{profile.kind}|", EVERYONE]


def learn(events: Iterable[UserEvent], store: BehaviourStore, service_of: Callable[[str | None], str | None]) -> int:
    """Store events and learn from the new ones. Returns how many were new.

    The store is read and written once per call for all its users (profiles, histories,
    contributions), not once per user: a bigger batch costs fewer statements per event."""
    stored = [StoredEvent(event, service_of(event.item_code)) for event in events]
    new = store.add_events(stored)
    by_user: dict[str, list[StoredEvent]] = defaultdict(list)
    for item in new:
        by_user[item.event.user_id].append(item)
    profiles, histories = store.get_users(by_user), store.histories(by_user, limit=HISTORY_READ)
    interest = {user_id: _interest(items) for user_id, items in by_user.items()}
    steps = {user_id: _steps(histories[user_id], items) for user_id, items in by_user.items()}
    counted = store.new_contributions({user_id: [*interest[user_id], *steps[user_id]] for user_id in by_user})
    transitions: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0])
    popularity: dict[tuple[str, str], float] = defaultdict(float)
    for user_id, marks in counted.items():
        user_segments = segments(profiles.get(user_id))
        for mark in marks & interest[user_id].keys():
            service, weight = interest[user_id][mark]
            for segment in user_segments:
                popularity[(segment, service)] += weight
        for mark in marks & steps[user_id].keys():
            pair, amount = steps[user_id][mark]
            transitions[pair][0] += amount
            transitions[pair][1] += 1
    store.add_popularity(dict(popularity))
    store.add_transitions({pair: (weight, people) for pair, (weight, people) in transitions.items()})
    return len(new)


def _interest(items: list[StoredEvent]) -> dict[str, tuple[str, float]]:
    """mark → (service, weight) of the interest a user's new events show, each mark counted once."""
    interest: dict[str, tuple[str, float]] = {}
    for item in items:
        weight = EVENT_WEIGHTS[item.event.type]
        if item.service and weight:
            interest.setdefault(f"popular|{item.service}|{item.event.type}", (item.service, weight))
    return interest


def _steps(history: list[StoredEvent], new: list[StoredEvent]) -> dict[str, tuple[tuple[str, str], float]]:
    """mark → ((earlier, next), amount) for the pairs of the user's journey that a new event
    starts or ends; a pair already counted keeps its mark, so recounting is harmless."""
    firsts = _first_steps(history)
    new_services = {item.service for item in new if item.service and item.event.type in JOURNEY_TYPES}
    steps: dict[str, tuple[tuple[str, str], float]] = {}
    for position, (service, at_ms) in enumerate(firsts):
        earlier = _distinct_before(firsts, position)
        for steps_back, (previous, previous_ms) in enumerate(earlier):
            if service in new_services or previous in new_services:
                soon = 0.5 ** ((at_ms - previous_ms) / DAY_MS / SOON_HALF_LIFE_DAYS)
                steps[f"next|{previous}|{service}"] = ((previous, service), RECENCY_DECAY**steps_back * soon)
    return steps


def _first_steps(history: list[StoredEvent]) -> list[tuple[str, int]]:
    """The services the user applied for or completed, each at its first time, oldest first."""
    first: dict[str, int] = {}
    for past in history:
        if past.service and past.event.type in JOURNEY_TYPES:
            at_ms = past.event.at_ms
            first[past.service] = min(at_ms, first.get(past.service, at_ms))
    return sorted(first.items(), key=lambda pair: pair[1])


def _distinct_before(firsts: list[tuple[str, int]], position: int) -> list[tuple[str, int]]:
    """The PREVIOUS_STEPS services taken up strictly before the one at ``position``, latest first."""
    at_ms = firsts[position][1]
    return [step for step in reversed(firsts[:position]) if step[1] < at_ms][:PREVIOUS_STEPS]
