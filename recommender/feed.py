"""The "我的" feed: the signals blended into one explainable list.

Every signal's scores are scaled to [0, 1] and weighted (``recommender.blend``: weights learned
from held-out history; what follows the person's own steps first, broad signals never adding
up); an item carries the reason and source of the signal that contributed most. Rules applied to every item: nothing the user has
already applied for, completed or dismissed (a yearly service again once a year has passed), only
services for the user's audience (no 法人 licence to a 个人), only copies that serve the
user's region (their own district's first, else their city's or province's), and a service
about a death, a cancellation, a loss, hardship or disability only on the person's own steps
(a paper of theirs it needs, their own life event), never on popularity or on what others did.
Withdrawn guides are not in the catalogue at all.

If the store cannot be reached, the feed still answers with what is popular (from the
last answers it saw), marked ``personalized: false``, and logs a warning.
"""

from __future__ import annotations

import logging
import threading
import time

from recommender import blend
from recommender.catalogue import Catalogue
from recommender.learning import DAY_MS, EVERYONE, learn, segments
from recommender.models import JOURNEY_TYPES, LOOKED_TYPES, NOT_PUSHED_TYPES, FeedItem, UserEvent, UserProfile
from recommender.signals import Candidate, ScopeMatcher, age, life_events, next_steps, popular
from recommender.store import BehaviourStore, StoreUnavailable, StoredEvent
from search.analysis import Analyzer
from search.engine import GuideEngine

log = logging.getLogger(__name__)

JOURNEY_LENGTH = 5  # the most recent services the next-step signals start from
JOURNEY_WINDOW_MS = 120 * DAY_MS  # a step this long before the latest one belongs to another journey
HISTORY_READ = 200  # a user's latest events the feed reads
POPULAR_TTL_SECONDS = 30.0
BLEND_TTL_SECONDS = 60.0  # a refitted blend reaches every worker within this
YEAR_MS = 365 * DAY_MS
POPULAR_PER_SEGMENT = 60
WIDER_SEGMENT_DISCOUNT = 0.7  # city-wide popularity counts less than the district's own
# The only sources that may push a sensitive service: the person's own steps, not what others did.
FOLLOWS_OWN_EVENT = ("catalogue_step", "life_event")


class FeedService:
    def __init__(self, store: BehaviourStore, engine: GuideEngine, analyzer: Analyzer, min_people: int = 5):
        self.store = store
        self.engine = engine
        self.analyzer = analyzer
        self.min_people = min_people
        self._catalogue: tuple[object, Catalogue, ScopeMatcher] | None = None
        self._building = threading.Lock()
        self._popular: dict[str, tuple[float, list[tuple[str, float]]]] = {}
        self._blend: tuple[float, dict[str, float]] | None = None

    def use_analyzer(self, analyzer: Analyzer) -> None:
        """After a dictionary reload: rebuild the catalogue's keys and term vectors with it."""
        self.analyzer = analyzer
        with self._building:
            self._catalogue = None

    @property
    def catalogue(self) -> Catalogue:
        return self._current()[1]

    def _current(self) -> tuple[object, Catalogue, ScopeMatcher]:
        """The catalogue of active guides, rebuilt when the index changes.

        Reading every guide takes tens of seconds at 100k guides, so after a load the
        previous catalogue keeps serving while one background thread builds the new one
        (single flight: one build per worker, whatever the number of feed calls). Only the
        very first call waits, and callers arriving meanwhile wait for that one build.
        """
        version = self.engine.version()
        current = self._catalogue
        if current is not None:
            if current[0] != version:
                self._rebuild_in_background(version)
            return current
        with self._building:
            if self._catalogue is None:
                self._catalogue = self._build(version)
            return self._catalogue

    def build_in_background(self) -> None:
        """Start building the catalogue now (a worker starting), so the first feed call finds it
        built, or waits only for the rest of a build under way."""
        self._rebuild_in_background(self.engine.version())

    def _build(self, version) -> tuple[object, Catalogue, ScopeMatcher]:
        catalogue = Catalogue(self.engine.all_guides())
        return (version, catalogue, ScopeMatcher(catalogue, self.analyzer))

    def _rebuild_in_background(self, version) -> None:
        if not self._building.acquire(blocking=False):
            return  # a build is under way; it will be picked up when it is done

        def rebuild() -> None:
            try:
                self._catalogue = self._build(version)
            except Exception as error:  # noqa: BLE001 — keep serving the previous catalogue
                log.warning("feed catalogue rebuild failed, keeping the previous one: %s", error)
            finally:
                self._building.release()

        threading.Thread(target=rebuild, name="feed-catalogue", daemon=True).start()

    def record(self, events: list[UserEvent]) -> int:
        """Store events and learn from them at once; the next feed call reflects them."""
        return learn(events, self.store, self.catalogue.service_for)

    def feed(self, user_id: str, size: int = 10) -> dict:
        _, catalogue, scopes = self._current()
        try:
            profile = self.store.get_user(user_id)
            signals = self._signals(catalogue, scopes, profile, self.store.history(user_id, limit=HISTORY_READ))
            weights = self._weights()
        except StoreUnavailable as error:
            log.warning("behaviour store unavailable, serving a non-personal feed: %s", error)
            return {"items": self._non_personal(catalogue, size), "personalized": False}
        items = blended(catalogue, signals, weights, profile.region if profile else None, size)
        return {"items": [item.as_json() for item in items], "personalized": True}

    def what_follows(self, code: str) -> dict | None:
        """For operators: what follows the service of guide ``code`` — learned from people (with
        how many took each step) and read from the catalogue (with why) — or None if unknown."""
        catalogue = self.catalogue
        key = catalogue.service_for(code)
        if key is None:
            return None

        def named(service: str) -> dict:
            return {"code": catalogue.copy_for(service, catalogue.region_of_code[code]) or catalogue.copy_for(service, None),
                    "name": catalogue.services[service].name}

        learned = self.store.transitions([key]).get(key, {})
        return {
            "service": named(key),
            "learned": [{**named(later), "weight": round(weight, 4), "people": people,
                         "used": people >= self.min_people}
                        for later, (weight, people) in learned.items() if later in catalogue.services],
            "catalogue": [{**named(link.later), "kind": link.kind, "term": link.term, "weight": round(link.weight, 4),
                           "why": link.why(catalogue)} for link in catalogue.links.after(key)],
        }

    def fit_blend(self, sample: int = 5000) -> dict:
        """Refit the blend's weights on up to ``sample`` users' steps that followed an earlier
        one, and install them for every worker only if, on users held out of the fit, they rank
        the next step at least as well as the weights serving now (the result says both)."""
        _, catalogue, scopes = self._current()

        def signals_before(user_id: str, history: list[StoredEvent]) -> blend.Signals:
            return self._signals(catalogue, scopes, self.store.get_user(user_id), history)

        users = self.store.user_ids(sample)
        examples = blend.examples_of(users, lambda user: self.store.history(user, limit=HISTORY_READ), signals_before)
        model = blend.fit_checked(examples, self._weights())
        if model["installed"]:
            self.store.put_model(blend.MODEL_NAME, model)
            self._blend = None
        return model

    def _signals(self, catalogue: Catalogue, scopes: ScopeMatcher, profile: UserProfile | None,
                 history: list[StoredEvent]) -> blend.Signals:
        """Every signal's candidates that may be pushed to this user (the rules of the module doc)."""
        steps, looked = _journey(catalogue, profile, history)
        signals = {
            "next_step": next_steps(catalogue, steps, self.store.transitions(steps), self.min_people),
            "life_event": life_events(catalogue, steps + looked, set(steps)),
            "profile": age(catalogue, profile),
            "business_scope": scopes.candidates(profile),
            "popular": self._popular_for(catalogue, profile),
        }
        not_pushed = _not_pushed(catalogue, history)
        kind, region = (profile.kind, profile.region) if profile else (None, None)

        def pushable(candidate: Candidate) -> bool:
            if candidate.service in not_pushed or not catalogue.serves(candidate.service, kind, region):
                return False
            return not catalogue.services[candidate.service].sensitive or candidate.source in FOLLOWS_OWN_EVENT

        return {source: [c for c in candidates if pushable(c)] for source, candidates in signals.items()}

    def _weights(self) -> dict[str, float]:
        cached = self._blend
        if cached and time.monotonic() - cached[0] < BLEND_TTL_SECONDS:
            return cached[1]
        model = self.store.model(blend.MODEL_NAME)
        weights = {**blend.DEFAULT_WEIGHTS, **(model or {}).get("weights", {})}
        self._blend = (time.monotonic(), weights)
        return weights

    def _popular_for(self, catalogue: Catalogue, profile: UserProfile | None) -> list[Candidate]:
        """Popularity in the user's segments, narrowest first; each service once, at its best."""
        best: dict[str, Candidate] = {}
        for level, segment in enumerate(segments(profile)):
            for candidate in popular(catalogue, self._cached_popular(segment), segment):
                score = candidate.score * WIDER_SEGMENT_DISCOUNT**level
                if candidate.service not in best or score > best[candidate.service].score:
                    best[candidate.service] = Candidate(candidate.service, score, candidate.reason, candidate.source)
        return list(best.values())

    def _cached_popular(self, segment: str) -> list[tuple[str, float]]:
        cached = self._popular.get(segment)
        if cached and time.monotonic() - cached[0] < POPULAR_TTL_SECONDS:
            return cached[1]
        ranked = self.store.popular(segment, POPULAR_PER_SEGMENT)
        self._popular[segment] = (time.monotonic(), ranked)
        return ranked

    def _non_personal(self, catalogue: Catalogue, size: int) -> list[dict]:
        """Nation-wide popularity as last seen, else the services most regions provide."""
        seen = [c for segment, (_, ranked) in self._popular.items() if segment == EVERYONE for c in ranked]
        keys = [s for s, _ in sorted(seen, key=lambda c: -c[1])] or sorted(catalogue.services, key=lambda k: -len(catalogue.services[k].copies))
        items = []
        for key in dict.fromkeys(keys):
            code = catalogue.copy_for(key, None)
            if key in catalogue.services and code and not catalogue.services[key].sensitive:
                items.append(FeedItem(code, catalogue.services[key].name, "各地群众和企业常办的事项", 0.0, "popular").as_json())
            if len(items) == size:
                break
        return items


def blended(catalogue: Catalogue, signals: blend.Signals, weights: dict[str, float], region: str | None,
            size: int) -> list[FeedItem]:
    return [
        FeedItem(catalogue.copy_for(item.service, region), catalogue.services[item.service].name,
                 item.candidate.reason, item.score, item.candidate.source)
        for item in blend.ranked(signals, weights)[:size]
    ]


def _not_pushed(catalogue: Catalogue, history: list[StoredEvent]) -> set[str]:
    """Services applied for, completed or dismissed; a yearly one only within a year of doing it."""
    now_ms = time.time() * 1000
    found = set()
    for stored in history:
        service = catalogue.services.get(stored.service) if stored.service else None
        if service is None or stored.event.type not in NOT_PUSHED_TYPES:
            continue
        if stored.event.type == "dismiss" or not service.yearly or now_ms - stored.event.at_ms < YEAR_MS:
            found.add(service.key)
    return found


def _journey(catalogue: Catalogue, profile: UserProfile | None, history: list[StoredEvent]) -> tuple[list[str], list[str]]:
    """The services of the person's current journey, latest first, and those they looked at beside it.

    Steps are services applied for or completed in a copy that serves the person, taken up
    within JOURNEY_WINDOW of the latest step (ordered by when each was taken up); a yearly one
    only when it is the latest (the spring's 汇算 says nothing of what comes next). Views and
    favourites of serving copies in that window are looked at; a copy of another locality or
    audience seeds nothing.
    """
    kind, region = (profile.kind, profile.region) if profile else (None, None)
    serving = [s for s in history if s.service and catalogue.copy_serves(s.event.item_code, kind, region)]
    taken: dict[str, int] = {}
    for stored in serving:
        if stored.event.type in JOURNEY_TYPES:
            taken[stored.service] = min(stored.event.at_ms, taken.get(stored.service, stored.event.at_ms))
    if not taken:
        return [], list(dict.fromkeys(s.service for s in serving if s.event.type in LOOKED_TYPES))[:JOURNEY_LENGTH]
    latest = max(taken.values())
    steps = [key for key in sorted(taken, key=lambda key: -taken[key]) if latest - taken[key] <= JOURNEY_WINDOW_MS]
    steps = [key for position, key in enumerate(steps) if position == 0 or not catalogue.services[key].yearly]
    looked = [s.service for s in serving if s.event.type in LOOKED_TYPES and s.service not in taken
              and s.event.at_ms >= latest - JOURNEY_WINDOW_MS]
    return steps[:JOURNEY_LENGTH], list(dict.fromkeys(looked))[:JOURNEY_LENGTH]
