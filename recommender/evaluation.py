"""Offline evaluation of the feed against baselines (``govsearch eval recs``).

Leave-last-out: for each user, the service they took up last (the item of their latest
application, first seen no earlier) is held out, with everything from their first contact
with it on; the rest of everyone's history trains every method. Each method then names 10
items per user: HR@10 is the share of users whose held-out item is among them, nDCG@10
rewards it near the top (1 / log2(rank + 1)). Items a user already applied for or completed
are never counted as recommendations, for any method.

Baselines: global popularity; item co-occurrence (cosine over who did what), by copy and by
service (the copies of one service counted as one, then the copy serving the user's region
recommended); implicit ALS (the ``implicit`` package, a development dependency).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np
from scipy.sparse import csr_matrix

from recommender.feed import FeedService
from recommender.models import EVENT_WEIGHTS, JOURNEY_TYPES, NOT_PUSHED_TYPES, UserEvent

CUTOFF = 10


@dataclass
class Split:
    train: list[UserEvent]
    held_out: dict[str, str]  # user → item code


def leave_last_out(events: list[UserEvent]) -> Split:
    by_user: dict[str, list[UserEvent]] = defaultdict(list)
    for event in events:
        by_user[event.user_id].append(event)
    train, held_out = [], {}
    for user, history in by_user.items():
        history.sort(key=lambda e: e.at_ms)
        applied = [e for e in history if e.type == "apply" and e.item_code]
        if not applied:
            train += history
            continue
        target = applied[-1].item_code
        first_contact = min(e.at_ms for e in history if e.item_code == target)
        held_out[user] = target
        train += [e for e in history if e.at_ms < first_contact]
    return Split(train, held_out)


def scores(recommended: dict[str, list[str]], held_out: dict[str, str]) -> dict[str, float]:
    hits, gains = 0, 0.0
    for user, target in held_out.items():
        ranked = recommended.get(user, [])[:CUTOFF]
        if target in ranked:
            hits += 1
            gains += 1 / math.log2(ranked.index(target) + 2)
    count = len(held_out) or 1
    return {"hr@10": hits / count, "ndcg@10": gains / count, "users": len(held_out)}


def feed_items(feed: FeedService, users: list[str]) -> dict[str, list[dict]]:
    return {user: feed.feed(user, CUTOFF)["items"] for user in users}


def codes_of(items: dict[str, list[dict]]) -> dict[str, list[str]]:
    return {user: [item["code"] for item in found] for user, found in items.items()}


QUOTED = re.compile("「(.+?)」")


def audit(feed: FeedService, items: dict[str, list[dict]]) -> dict[str, int]:
    """The feed's items against its rules: none withdrawn, done (a yearly one within its year),
    for the other audience or from a copy that does not serve the person; and every next-step
    and life-event reason true of what this person did and of what enough people did."""
    catalogue, store = feed.catalogue, feed.store
    found = {"items": 0, "withdrawn": 0, "done": 0, "audience": 0, "locality": 0, "reasons checked": 0, "untrue reasons": 0}
    for user, pushed in items.items():
        profile, history = store.get_user(user), store.history(user, limit=1000)
        known = [s for s in history if s.service in catalogue.services]
        did = {catalogue.services[s.service].name: s.service for s in known if s.event.type in JOURNEY_TYPES}
        touched = {catalogue.services[s.service].name: s.service for s in known}
        done = set(did.values())
        for item in pushed:
            found["items"] += 1
            service = catalogue.service_for(item["code"])
            if service is None:
                found["withdrawn"] += 1
                continue
            found["done"] += service in done and not catalogue.services[service].yearly
            found["audience"] += bool(profile) and profile.kind not in catalogue.services[service].audience
            found["locality"] += catalogue.copy_for(service, profile.region if profile else None) != item["code"]
            if item["source"] in ("next_step", "catalogue_step", "life_event"):
                found["reasons checked"] += 1
                found["untrue reasons"] += not _true_reason(feed, item, service, did, touched)
    return found


def _true_reason(feed: FeedService, item: dict, service: str, did: dict[str, str], touched: dict[str, str]) -> bool:
    """Whether the person did (您办理了) or at least looked at what the reason names, and what it
    says of the two services holds."""
    quoted = QUOTED.findall(item["reason"])
    if item["source"] == "catalogue_step":
        return _true_catalogue_reason(feed.catalogue, quoted, service, did)
    earlier = (did if item["reason"].startswith("您办理了") else touched).get(quoted[0]) if quoted else None
    if earlier is None:
        return False
    if item["source"] == "life_event":
        event = quoted[-1]
        return event in feed.catalogue.services[earlier].life_events and event in feed.catalogue.services[service].life_events
    _, people = feed.store.transitions([earlier], limit=1000)[earlier].get(service, (0.0, 0))
    return quoted[-1] == item["name"] and people >= feed.min_people


def _true_catalogue_reason(catalogue, quoted: list[str], service: str, did: dict[str, str]) -> bool:
    """「B」 needs or names 「term」 and the person did 「A」, which issues it or is named so."""
    if len(quoted) != 3 or quoted[2] not in did or quoted[0] != catalogue.services[service].name:
        return False
    later = catalogue.services[service]
    return any(quoted[1] in text for text in (*later.materials, later.conditions))


class Interactions:
    """The training events as a weighted user × item matrix, for the baselines. Items are the
    events' codes, or what ``item_of`` makes of them (their service) with ``code_for`` giving
    back the code to recommend to a user (None: nothing serves them)."""

    def __init__(self, events: list[UserEvent], item_of: Callable[[str], str | None] = lambda code: code,
                 code_for: Callable[[str, str], str | None] = lambda user, item: item):
        self.users: dict[str, int] = {}
        self.items: dict[str, int] = {}
        self.code_for = code_for
        weights: dict[tuple[int, int], float] = defaultdict(float)
        self.finished: dict[str, set[str]] = defaultdict(set)
        for event in events:
            item = item_of(event.item_code) if event.item_code else None
            if not item or not EVENT_WEIGHTS[event.type]:
                continue
            row = self.users.setdefault(event.user_id, len(self.users))
            column = self.items.setdefault(item, len(self.items))
            weights[(row, column)] += EVENT_WEIGHTS[event.type]
            if event.type in NOT_PUSHED_TYPES:
                self.finished[event.user_id].add(item)
        rows, columns = zip(*weights) if weights else ((), ())
        self.matrix = csr_matrix((list(weights.values()), (rows, columns)), shape=(len(self.users), len(self.items)))
        self.codes = np.array(list(self.items))

    def top(self, user: str, item_scores: np.ndarray) -> list[str]:
        return self.first(user, self.codes[np.argsort(-item_scores)])

    def first(self, user: str, ranked_items) -> list[str]:
        """The codes of the first CUTOFF items the user has not finished and can be served."""
        return list(itertools.islice(self._codes(user, ranked_items), CUTOFF))

    def _codes(self, user: str, ranked_items) -> Iterator[str]:
        finished = self.finished.get(user, set())
        for item in ranked_items:
            code = self.code_for(user, item) if item not in finished else None
            if code:
                yield code


def popularity_recommendations(data: Interactions, users: list[str]) -> dict[str, list[str]]:
    totals = np.asarray(data.matrix.sum(axis=0)).ravel()
    return {user: data.top(user, totals) for user in users}


def co_occurrence_recommendations(data: Interactions, users: list[str]) -> dict[str, list[str]]:
    binary = (data.matrix > 0).astype(np.float64)
    norms = np.sqrt(np.asarray(binary.sum(axis=0)).ravel()) + 1e-9
    similarity = (binary.T @ binary).toarray() / np.outer(norms, norms)
    np.fill_diagonal(similarity, 0.0)
    found = {}
    for user in users:
        row = data.users.get(user)
        found[user] = data.top(user, binary[row].toarray().ravel() @ similarity) if row is not None else []
    return found


def als_recommendations(data: Interactions, users: list[str], seed: int = 7) -> dict[str, list[str]] | None:
    try:
        from implicit.als import AlternatingLeastSquares
    except ImportError:
        return None
    model = AlternatingLeastSquares(factors=64, regularization=0.05, iterations=20, random_state=seed)
    model.fit(data.matrix * 10.0, show_progress=False)  # confidence = 1 + 10 × weight
    found = {}
    for user in users:
        row = data.users.get(user)
        if row is None:
            found[user] = []
            continue
        ids, _ = model.recommend(row, data.matrix[row], N=CUTOFF + len(data.finished.get(user, ())), filter_already_liked_items=False)
        found[user] = data.first(user, data.codes[ids])
    return found


def format_table(results: dict[str, dict[str, float] | None], rules: dict[str, int]) -> str:
    lines = [f"{'method':<26}{'HR@10':>10}{'nDCG@10':>10}{'users':>8}", "-" * 54]
    for method, figures in results.items():
        if figures is None:
            lines.append(f"{method:<26}{'n/a (pip install implicit)':>28}")
        else:
            lines.append(f"{method:<26}{figures['hr@10']:>10.3f}{figures['ndcg@10']:>10.3f}{figures['users']:>8}")
    lines.append("feed rules: " + ", ".join(f"{name} {count:,}" for name, count in rules.items()))
    return "\n".join(lines)
