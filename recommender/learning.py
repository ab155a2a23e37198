"""Learning from new events, incrementally: each new event updates the counts at once, so the
next feed call already reflects it (no nightly batch needed).

- transitions: after a citizen applied for or completed service a, they went on to b (the
  journey's next step), counted against the few services they did just before;
- popularity: interest in a service within the user's segment (audience × region, and the
  wider city, province and nation segments that cold-start feeds fall back to).

Both count people, not posts: a user adds to a service's popularity once per kind of event
(a view, a favourite, an application) and to a transition once, so one account posting 500
favourites weighs what one citizen's favourite weighs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from recommender.models import EVENT_WEIGHTS, JOURNEY_TYPES, UserEvent, UserProfile
from recommender.store import BehaviourStore, StoredEvent
from search import regions

PREVIOUS_STEPS = 3  # how many earlier services a new step is counted against
HISTORY_READ = 200  # events of a user read to find them
RECENCY_DECAY = 0.7  # the step before last counts 0.7, the one before that 0.49


EVERYONE = "*"


def segments(profile: UserProfile | None) -> list[str]:
    """Popularity segments of a user, narrowest first: kind|district, kind|city, kind|province,
    kind|, and everyone (the only one for a user without a profile)."""
    if profile is None:
        return [EVERYONE]
    localities = regions.lineage(profile.region)[:-1]  # district, city, province
    return [f"{profile.kind}|{locality}" for locality in localities] + [f"{profile.kind}|", EVERYONE]


def learn(events: Iterable[UserEvent], store: BehaviourStore, service_of: Callable[[str | None], str | None]) -> int:
    """Store events and learn from the new ones. Returns how many were new."""
    stored = [StoredEvent(event, service_of(event.item_code)) for event in events]
    new = store.add_events(stored)
    by_user: dict[str, list[StoredEvent]] = defaultdict(list)
    for item in new:
        by_user[item.event.user_id].append(item)
    transitions: dict[tuple[str, str], float] = defaultdict(float)
    popularity: dict[tuple[str, str], float] = defaultdict(float)
    for user_id, items in by_user.items():
        profile = store.get_user(user_id)
        journey = [past for past in store.history(user_id, limit=HISTORY_READ) if past.event.type in JOURNEY_TYPES]
        interest, steps = _contributions(items, journey)
        counted = store.new_contributions(user_id, [*interest, *steps])
        for mark in counted & interest.keys():
            service, weight = interest[mark]
            for segment in segments(profile):
                popularity[(segment, service)] += weight
        for mark in counted & steps.keys():
            pair, amount = steps[mark]
            transitions[pair] += amount
    store.add_popularity(dict(popularity))
    store.add_transitions(dict(transitions))
    return len(new)


def _contributions(items: list[StoredEvent], journey: list[StoredEvent]):
    """What a user's new events would add, each under the mark that lets it count once:
    interest (mark → service, weight) and steps (mark → (earlier, next), amount)."""
    interest: dict[str, tuple[str, float]] = {}
    steps: dict[str, tuple[tuple[str, str], float]] = {}
    for item in items:
        weight = EVENT_WEIGHTS[item.event.type]
        if item.service and weight:
            interest.setdefault(f"popular|{item.service}|{item.event.type}", (item.service, weight))
        if item.service and item.event.type in JOURNEY_TYPES:
            for steps_back, earlier in enumerate(_previous_steps(journey, item)):
                steps.setdefault(f"next|{earlier}|{item.service}", ((earlier, item.service), RECENCY_DECAY**steps_back))
    return interest, steps


def _previous_steps(journey: list[StoredEvent], item: StoredEvent) -> list[str]:
    """The distinct services of the journey (newest first) just before this step, latest first."""
    earlier: list[str] = []
    for past in journey:
        if past.event.at_ms < item.event.at_ms and past.service and past.service != item.service and past.service not in earlier:
            earlier.append(past.service)
            if len(earlier) == PREVIOUS_STEPS:
                break
    return earlier
