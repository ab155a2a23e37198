"""The feed's blend: how the signals' candidates become one ranked list, and how much each counts.

Every signal's scores are scaled to [0, 1] by its best candidate and weighted. Specific signals
— what follows the person's own steps (learned, from the catalogue, in a life event) — add up
and decide the order of the items they propose; broad ones — true of many people alike
(profile rules, business scope, popularity) — only break their ties and order the items no
specific signal proposes, after them, by the best broad share (they do not add up). So no
number or weight of broad signals outranks a next step of the person's own.

The weights are the coefficients of a logistic regression (scikit-learn) telling, from the
scaled scores, whether a candidate is the service the person took up next — asked where it
matters: for a step that followed an earlier one, with the signals computed from what the
person did before it. A fit is installed only if, on people held out of it, it ranks their
next step at least as well as the weights serving now (``DEFAULT_WEIGHTS`` until a first fit);
otherwise it is refused with both figures. The product fits itself after ``index events``.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable

import numpy as np
from sklearn.linear_model import LogisticRegression

from recommender.models import JOURNEY_TYPES
from recommender.signals import Candidate
from recommender.store import StoredEvent

SPECIFIC = ("next_step", "life_event")  # next_step: learned from people and read from the catalogue
BROAD = ("profile", "business_scope", "popular")
SOURCES = SPECIFIC + BROAD
DEFAULT_WEIGHTS = {"next_step": 1.0, "life_event": 0.6, "profile": 0.8, "business_scope": 0.8, "popular": 0.4}
MODEL_NAME = "feed-blend"
MIN_WEIGHT = 0.01  # a signal the fit finds useless still orders the items it alone proposes
CUTOFF = 10
CHECK_SHARE = 0.3  # of the examples held out of a fit to compare it with the weights serving now


Signals = dict[str, list[Candidate]]  # source → its candidates


@dataclass(frozen=True)
class Ranked:
    service: str
    score: float
    candidate: Candidate  # the signal's candidate contributing most: its reason and source are shown


def scaled(candidates: list[Candidate]) -> list[tuple[Candidate, float]]:
    """A signal's candidates with their scores scaled to [0, 1] by its best one."""
    top = max((c.score for c in candidates), default=0.0)
    return [(c, c.score / top) for c in candidates] if top > 0 else []


def ranked(signals: Signals, weights: dict[str, float]) -> list[Ranked]:
    """Every candidate service, best first (the rules of the module doc); an item shows the
    reason of the specific signal contributing most to it, else of the best broad one."""
    specific: dict[str, float] = {}
    broad: dict[str, float] = {}
    strongest: dict[tuple[bool, str], tuple[float, Candidate]] = {}
    for source, candidates in signals.items():
        is_specific = source in SPECIFIC
        for candidate, score in scaled(candidates):
            share, service = weights[source] * score, candidate.service
            if is_specific:
                specific[service] = specific.get(service, 0.0) + share
            else:
                broad[service] = max(broad.get(service, 0.0), share)
            if share >= strongest.get((is_specific, service), (-1.0,))[0]:
                strongest[(is_specific, service)] = (share, candidate)
    services = set(specific) | set(broad)
    order = sorted(services, key=lambda service: (service not in specific, -specific.get(service, 0.0),
                                                  -broad.get(service, 0.0), service))
    return [Ranked(service, specific.get(service) or broad[service], strongest[(service in specific, service)][1])
            for service in order]


def held_out(history: list[StoredEvent]) -> tuple[str, list[StoredEvent]] | None:
    """The service of the user's latest application that followed an earlier step, and what
    they did before first touching it (``history`` is newest first); None when there is none."""
    first: dict[str, int] = {}
    for stored in history:
        if stored.service:
            first[stored.service] = min(stored.event.at_ms, first.get(stored.service, stored.event.at_ms))
    for stored in history:
        if stored.event.type != "apply" or not stored.service:
            continue
        before = [s for s in history if s.event.at_ms < first[stored.service]]
        if any(s.event.type in JOURNEY_TYPES and s.service and s.service != stored.service for s in before):
            return stored.service, before
    return None


def examples_of(users: Iterable[str], history_of: Callable[[str], list[StoredEvent]],
                signals_of: Callable[[str, list[StoredEvent]], Signals]):
    """(held-out service, signals from the history before it) for each user with such a step."""
    for user in users:
        split = held_out(history_of(user))
        if split is not None:
            yield user, split[0], signals_of(user, split[1])


def fit_checked(examples: Iterable[tuple[str, str, Signals]], serving: dict[str, float]) -> dict:
    """A fit on most examples, and how it and the weights ``serving`` now rank the held-out
    service of the others (HR@10, nDCG@10); ``installed`` says whether the fit is at least as good."""
    fitting, checking = [], []
    for user, target, signals in examples:
        (checking if zlib.crc32(user.encode()) % 1000 < CHECK_SHARE * 1000 else fitting).append((target, signals))
    weights = fit(fitting)
    fitted, now = quality(checking, weights), quality(checking, serving)
    better = (fitted["hr@10"], fitted["ndcg@10"]) >= (now["hr@10"], now["ndcg@10"])
    return {"weights": weights, "users": len(fitting), "checked_on": len(checking), "fitted": fitted,
            "serving": now, "installed": better,
            "fitted_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def fit(examples: list[tuple[str, Signals]]) -> dict[str, float]:
    """Weights from (held-out service, signals before it) pairs, one per user."""
    rows, labels = [], []
    for target, signals in examples:
        features: dict[str, list[float]] = {}
        for column, source in enumerate(SOURCES):
            for candidate, score in scaled(signals.get(source, [])):
                features.setdefault(candidate.service, [0.0] * len(SOURCES))[column] = score
        for service, row in features.items():
            rows.append(row)
            labels.append(service == target)
    if len(set(labels)) < 2:
        raise ValueError("too little history to fit the blend: no step that followed another was among the candidates")
    model = LogisticRegression(C=1.0, max_iter=1000).fit(np.array(rows), np.array(labels))
    return {source: round(max(float(c), MIN_WEIGHT), 4) for source, c in zip(SOURCES, model.coef_[0])}


def quality(examples: list[tuple[str, Signals]], weights: dict[str, float]) -> dict[str, float]:
    """HR@10 and nDCG@10 of the held-out services under ``weights``."""
    hits = gains = 0.0
    for target, signals in examples:
        top = [item.service for item in ranked(signals, weights)[:CUTOFF]]
        if target in top:
            hits += 1
            gains += 1 / math.log2(top.index(target) + 2)
    count = len(examples) or 1
    return {"hr@10": round(hits / count, 4), "ndcg@10": round(gains / count, 4)}
