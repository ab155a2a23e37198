"""Where recommendations come from. Each signal proposes services with a score and a reason.

- ``next_steps``: what people went on to do after the same services (learned by service, from
  pairs at least ``min_people`` distinct people took, so no one's own path shows in a reason),
  and what the catalogue says follows them, before anyone was seen taking it
  (``recommender.links``: a material it needs is a paper they obtained, its conditions name
  what they did): its candidates' source is ``next_step`` or ``catalogue_step``;
- ``life_events``: the catalogue's 一件事 (life events): after 结婚登记, the other services of 结婚,
  those of a later stage first;
- ``age``: entitlements and duties at the user's age (``recommender.rules``);
- ``business_scope``: for companies, services whose text matches their business scope
  (TF-IDF over the analysis chain's terms, cosine similarity);
- ``popular``: what people of the same kind in the same region do most (cold start).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Callable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from recommender.catalogue import Catalogue
from recommender.models import UserProfile
from recommender.rules import AGE_RULES
from search import regions
from search.analysis import Analyzer

RECENCY_DECAY = 0.5
CATALOGUE_PRIOR = 100.0
STAGE_ORDER = {1: 1.0, 0: 0.7, -1: 0.4}  # a life event's later stage, the same one, an earlier one
MIN_SCOPE_SIMILARITY = 0.08
WHO = {frozenset({"法人"}): "企业", frozenset({"个人"}): "市民"}


@dataclass(frozen=True)
class Candidate:
    service: str
    score: float
    reason: str
    source: str


def next_steps(catalogue: Catalogue, journey: list[str], transitions: dict[str, dict[str, tuple[float, int]]],
               min_people: int) -> list[Candidate]:
    """What follows the user's steps, the latest counting most: for each step, the share of what
    people went on to do (pairs at least ``min_people`` took), with the catalogue's links counted
    as CATALOGUE_PRIOR more people spread over the services it links. Where many went on from a
    step, what they did leads; where few or nobody did, the catalogue's links do. The reason is
    that of the largest single share: 「A」的市民接下来通常办理「B」, or the paper B needs."""
    scores: dict[str, float] = defaultdict(float)
    best: dict[str, tuple[float, Callable[[], str], str]] = {}  # service → (share, its reason, source)

    def add(service: str, share: float, reason: Callable[[], str], source: str) -> None:
        scores[service] += share
        if share > best.get(service, (0.0,))[0]:
            best[service] = (share, reason, source)

    for position, done in enumerate(journey):
        learned = {n: weight for n, (weight, people) in transitions.get(done, {}).items()
                   if people >= min_people and n in catalogue.services}
        links = catalogue.links.after(done)
        linked = sum(link.weight for link in links)
        evidence = RECENCY_DECAY**position / (sum(learned.values()) + (CATALOGUE_PRIOR if links else 0.0) or 1.0)
        for nxt, weight in learned.items():
            add(nxt, evidence * weight, partial(_next_reason, catalogue, done, nxt), "next_step")
        for link in links:
            add(link.later, evidence * CATALOGUE_PRIOR * link.weight / linked, partial(link.reason, catalogue), "catalogue_step")
    return [Candidate(s, score, best[s][1](), best[s][2]) for s, score in scores.items()]


def _next_reason(catalogue: Catalogue, done: str, following: str) -> str:
    before = catalogue.services.get(done)
    if before is None:
        return f"办理过相关业务的人，接下来通常办理「{catalogue.services[following].name}」"
    who = WHO.get(frozenset(before.audience), "人")
    return f"办理「{before.name}」的{who}，接下来通常办理「{catalogue.services[following].name}」"


def life_events(catalogue: Catalogue, journey: list[str], done: set[str]) -> list[Candidate]:
    """Other services of the life events of what the user did or looked at (``journey``; the
    ones in ``done`` they applied for or completed), the most specific events first, and within
    an event the stages after the one the user reached before those beside or before it."""
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, str] = {}
    for position, touched in enumerate(journey):
        service = catalogue.services.get(touched)
        if service is None:
            continue
        for event in sorted(service.life_events):
            siblings, stage = catalogue.by_life_event[event], catalogue.stages[event]
            for sibling in siblings:
                # A death's or a loss's services follow only from such an event of the person's own.
                if sibling == touched or (catalogue.services[sibling].sensitive and not service.sensitive):
                    continue
                order = STAGE_ORDER[_sign(stage.get(sibling, 0) - stage.get(touched, 0))]
                scores[sibling] += order * RECENCY_DECAY**position / len(siblings)
                # Says what the person did and what ties the two, not that they are doing 「event」.
                verb = "办理了" if touched in done else "查看了"
                reasons.setdefault(sibling, f"您{verb}「{service.name}」，这一项与它同属「{event}」一件事")
    return [Candidate(s, score, reasons[s], "life_event") for s, score in scores.items()]


def _sign(number: int) -> int:
    return (number > 0) - (number < 0)


def age(catalogue: Catalogue, profile: UserProfile | None) -> list[Candidate]:
    years = profile.age() if profile else None
    if years is None or profile.kind == "法人":
        return []
    region = _place(profile.region) or "当地"
    found = []
    for rule in AGE_RULES:
        if rule.min_age <= years <= rule.max_age:
            reason = rule.reason.format(age=years, region=region)
            found += [Candidate(key, 1.0, reason, "profile") for key in catalogue.named(rule.names)]
    return found


class ScopeMatcher:
    """Business scope ↔ services for companies, by TF-IDF over the analysis chain's terms."""

    def __init__(self, catalogue: Catalogue, analyzer: Analyzer):
        self.analyzer = analyzer
        self.keys = [key for key, s in catalogue.services.items() if "法人" in s.audience]
        self.vectorizer = TfidfVectorizer(analyzer=analyzer.index_terms, sublinear_tf=True)
        texts = [catalogue.services[key].text for key in self.keys]
        self.matrix = self.vectorizer.fit_transform(texts) if texts else None
        self.terms = self.vectorizer.get_feature_names_out() if texts else None

    def candidates(self, profile: UserProfile | None, limit: int = 10) -> list[Candidate]:
        if self.matrix is None or not profile or profile.kind != "法人" or not profile.business_scope:
            return []
        scope = self.vectorizer.transform([profile.business_scope])
        similarity = (self.matrix @ scope.T).toarray().ravel()
        best = np.argpartition(-similarity, limit)[:limit] if len(similarity) > limit else np.arange(len(similarity))
        best = best[np.argsort(-similarity[best])]
        return [
            Candidate(self.keys[i], float(similarity[i]), self._reason(scope, i), "business_scope")
            for i in best if similarity[i] >= MIN_SCOPE_SIMILARITY
        ]

    def _reason(self, scope, row: int) -> str:
        shared = scope.multiply(self.matrix[row])
        term = self.terms[shared.indices[np.argmax(shared.data)]] if shared.nnz else ""
        return f"您的经营范围涉及「{term}」，可能需要办理这一项" if term else "与您的经营范围相关"


def popular(catalogue: Catalogue, ranked: list[tuple[str, float]], segment: str) -> list[Candidate]:
    if not ranked:
        return []
    kind, _, region = segment.partition("|")
    who = {"法人": "企业", "个人": "市民"}.get(kind, "群众和企业")
    reason = f"{_place(region) or '各地'}的{who}近期常办"
    top = ranked[0][1] or 1.0
    return [Candidate(service, count / top, reason, "popular") for service, count in ranked]


def _place(region: str | None) -> str:
    """The last level of a region name: 浙江省杭州市西湖区 → 西湖区, 浙江省杭州市 → 杭州市."""
    return regions.display_name(region) if region else ""
