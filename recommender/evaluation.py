"""Offline evaluation of the feed against baselines (``govsearch eval recs``).

Leave-last-out: for each user, the service they took up last (the item of their latest
application, first seen no earlier) is held out, with everything from their first contact
with it on; the rest of everyone's history trains every method. Each method then names 10
items per user: HR@10 is the share of users whose held-out item is among them, nDCG@10
rewards it near the top (1 / log2(rank + 1)). Items a user already applied for or completed
are never counted as recommendations, for any method.

Baselines: global popularity; item co-occurrence (cosine over who did what); implicit ALS
(the ``implicit`` package, a development dependency).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from recommender.feed import FeedService
from recommender.models import EVENT_WEIGHTS, NOT_PUSHED_TYPES, UserEvent

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


def feed_recommendations(feed: FeedService, users: list[str]) -> dict[str, list[str]]:
    return {user: [item["code"] for item in feed.feed(user, CUTOFF)["items"]] for user in users}


class Interactions:
    """The training events as a weighted user × item matrix, for the baselines."""

    def __init__(self, events: list[UserEvent]):
        self.users: dict[str, int] = {}
        self.items: dict[str, int] = {}
        weights: dict[tuple[int, int], float] = defaultdict(float)
        self.finished: dict[str, set[str]] = defaultdict(set)
        for event in events:
            if not event.item_code or not EVENT_WEIGHTS[event.type]:
                continue
            row = self.users.setdefault(event.user_id, len(self.users))
            column = self.items.setdefault(event.item_code, len(self.items))
            weights[(row, column)] += EVENT_WEIGHTS[event.type]
            if event.type in NOT_PUSHED_TYPES:
                self.finished[event.user_id].add(event.item_code)
        rows, columns = zip(*weights) if weights else ((), ())
        self.matrix = csr_matrix((list(weights.values()), (rows, columns)), shape=(len(self.users), len(self.items)))
        self.codes = np.array(list(self.items))

    def top(self, user: str, item_scores: np.ndarray) -> list[str]:
        order = np.argsort(-item_scores)
        finished = self.finished.get(user, set())
        return [code for code in self.codes[order] if code not in finished][:CUTOFF]


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
        finished = data.finished.get(user, set())
        found[user] = [c for c in data.codes[ids] if c not in finished][:CUTOFF]
    return found


def format_table(results: dict[str, dict[str, float] | None]) -> str:
    lines = [f"{'method':<16}{'HR@10':>10}{'nDCG@10':>10}{'users':>8}", "-" * 44]
    for method, figures in results.items():
        if figures is None:
            lines.append(f"{method:<16}{'n/a (pip install implicit)':>28}")
        else:
            lines.append(f"{method:<16}{figures['hr@10']:>10.3f}{figures['ndcg@10']:>10.3f}{figures['users']:>8}")
    return "\n".join(lines)
