"""The feed's blend: how much each signal counts, learned from held-out history.

An item's score is the sum over signals of weight × the signal's score scaled to [0, 1] (its
best candidate scores 1). The weights are the coefficients of a logistic regression
(scikit-learn) that tells, from those scaled scores, whether a candidate is the service the
person took up next: for a sample of users with a profile, their latest application is held
out and the signals are computed from what they did before it. ``govsearch learn blend``
refits it offline and keeps it in the behaviour store, where every worker reads it; until a
blend has been fitted, the feed uses ``DEFAULT_WEIGHTS``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Iterable

import numpy as np
from sklearn.linear_model import LogisticRegression

from recommender.signals import Candidate
from recommender.store import StoredEvent

SOURCES = ("next_step", "life_event", "profile", "business_scope", "popular")
DEFAULT_WEIGHTS = {"next_step": 1.0, "life_event": 0.6, "profile": 0.8, "business_scope": 0.8, "popular": 0.4}
MODEL_NAME = "feed-blend"
MIN_WEIGHT = 0.01  # a signal the fit finds useless still orders the items it alone proposes


Signals = dict[str, list[Candidate]]  # source → its candidates


def scaled(candidates: list[Candidate]) -> list[tuple[Candidate, float]]:
    """A signal's candidates with their scores scaled to [0, 1] by its best one."""
    top = max((c.score for c in candidates), default=0.0)
    return [(c, c.score / top) for c in candidates] if top > 0 else []


def held_out(history: list[StoredEvent]) -> tuple[str, list[StoredEvent]] | None:
    """The service of the user's latest application and what they did before first touching it
    (``history`` is newest first), or None when they applied for nothing."""
    applied = [s for s in history if s.event.type == "apply" and s.service]
    if not applied:
        return None
    target = applied[0].service
    first_touch = min(s.event.at_ms for s in history if s.service == target)
    return target, [s for s in history if s.event.at_ms < first_touch]


def fit(examples: Iterable[tuple[str, Signals]]) -> dict:
    """Weights from (held-out service, signals before it) pairs, one per user."""
    rows, labels, users = [], [], 0
    for target, signals in examples:
        users += 1
        features: dict[str, list[float]] = {}
        for column, source in enumerate(SOURCES):
            for candidate, score in scaled(signals.get(source, [])):
                features.setdefault(candidate.service, [0.0] * len(SOURCES))[column] = score
        for service, row in features.items():
            rows.append(row)
            labels.append(service == target)
    if len(set(labels)) < 2:
        raise ValueError("too little history to fit the blend: no held-out step was among the candidates")
    model = LogisticRegression(C=1.0, max_iter=1000).fit(np.array(rows), np.array(labels))
    weights = {source: round(max(float(c), MIN_WEIGHT), 4) for source, c in zip(SOURCES, model.coef_[0])}
    return {"weights": weights, "users": users, "candidates": len(rows), "positives": int(sum(labels)),
            "fitted_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def examples_of(users: Iterable[str], history_of: Callable[[str], list[StoredEvent]],
                signals_of: Callable[[str, list[StoredEvent]], Signals]):
    """(held-out service, signals from the history before it) for each user who applied for something."""
    for user in users:
        split = held_out(history_of(user))
        if split is not None:
            yield split[0], signals_of(user, split[1])
