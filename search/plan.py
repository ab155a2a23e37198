"""What a search asks of the engine: the request, its plan and the relaxation ladder, as values.

A ``SearchRequest`` (what the API was asked) and a ``Plan`` (the locality branch it selects and
the boosts for the copies serving the person) become the engine queries of one page; the
relaxation ladder turns a parsed query into the attempts tried strictest first. Pure functions:
nothing here reads an index.
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass, field, replace

from search import regions
from search.models import Alternative, Boost, Branch, Concept, EngineQuery
from search.query import ParsedQuery
from search.ranking import BELOW_LOCALITY_BOOST, LOCALITY_BOOST, LOCALITY_DEPTH_STEP, MIN_NGRAMS, NGRAM_SHARE
from search.schema import NGRAM_FIELD, facet_field

PAIR_FIELDS = {NGRAM_FIELD: 1.0}


@dataclass
class SearchRequest:
    q: str
    page: int = 1
    size: int = 10
    filters: dict[str, list[str]] = field(default_factory=dict)
    region: str | None = None  # region=X: the copies on X's branch of the locality tree
    locality: str | None = None  # where the person is: copies serving it rank first
    collapse: bool = True  # one service once; False lists every copy (for operators)

    def key(self) -> tuple:
        """The request as a hashable value (the answer cache's key)."""
        filters = tuple(sorted((facet, tuple(sorted(values))) for facet, values in self.filters.items()))
        return astuple(replace(self, filters=filters))

    @classmethod
    def of_key(cls, key: tuple) -> "SearchRequest":
        request = cls(*key)
        return replace(request, filters={facet: list(values) for facet, values in request.filters})


@dataclass
class Plan:
    """What a request asks of the engine besides the query's words."""

    branch: Branch | None
    boosts: list[Boost]
    region: str | None  # the branch's region as the answer states it


def plan(region: str | None, near: str | None) -> Plan:
    """The branch ``region`` selects, and boosts for the copies serving where the person is
    (their locality, else the region asked for): the most local first."""
    branch = Branch(region, tuple(regions.lineage(region))) if region else None
    ranked_for = near or region
    boosts = [Boost(facet_field("locality"), (node,), LOCALITY_BOOST + regions.depth(node) * LOCALITY_DEPTH_STEP)
              for node in regions.lineage(ranked_for)] if ranked_for else []
    if ranked_for:
        boosts.append(Boost(facet_field("within"), (ranked_for,), BELOW_LOCALITY_BOOST))
    return Plan(branch, boosts, region)


def page_query(request: SearchRequest, plan: Plan, **query) -> EngineQuery:
    """The engine query of the request's page under the plan: its filters, branch, locality
    boosts and collapse; ``query`` adds what is matched."""
    return EngineQuery(concepts=[], filters=request.filters, branch=plan.branch, boosts=plan.boosts,
                       collapse="service" if request.collapse else None,
                       offset=(request.page - 1) * request.size, limit=request.size, **query)


def relaxation_ladder(parsed: ParsedQuery, base: EngineQuery) -> list[EngineQuery]:
    """The attempts, strictest first; the engine answers with the first that finds something.

    Every concept must match; then half of the deciding ones, then any one; then enough of
    the query's character pairs (for words the dictionary cannot cut). A relaxed match must
    share a deciding word: a word in many guides' names (登记, 证明) or a step word (补领)
    only adds to the score, and one shared character pair is never enough. No attempt at
    all when the query's only deciding words are in no guide.
    """
    strict = replace(base, concepts=parsed.concepts, boosts=base.boosts + parsed.boosts)
    required = [c for c in parsed.concepts if c.required]
    deciding = [c for c in required if c.word not in parsed.generic]
    if not deciding and parsed.unknown:
        return []  # 狗证补领 with 狗证 in no guide: 身份证补领 would be confident nonsense
    attempts = [strict]
    loosened = [c if not c.required or c in deciding else replace(c, required=False) for c in parsed.concepts]
    for needed in dict.fromkeys((math.ceil(len(deciding) / 2), 1)):
        if deciding and needed < len(required):
            attempts.append(replace(strict, concepts=loosened, min_should_match=needed))
    pairs = [gram for gram in parsed.ngrams if gram not in parsed.generic]
    if len(pairs) >= MIN_NGRAMS:
        needed = max(MIN_NGRAMS, math.ceil(len(pairs) * NGRAM_SHARE))
        attempts.append(replace(strict, concepts=pair_concepts(pairs), fields=PAIR_FIELDS, min_should_match=needed))
    return attempts


def pair_concepts(pairs: list[str]) -> list[Concept]:
    """Character pairs, each a concept matched against names' and keywords' pairs."""
    return [Concept(gram, [Alternative((gram,))]) for gram in pairs]
