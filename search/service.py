"""The search service: what the API's search, suggest, directory and guide endpoints call.

It parses the query, asks the engine, relaxes the match when a strict one finds nothing
(zero results are a bug for a real service), and shapes the answer of DESIGN §7.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace

from search.analysis import Analyzer, exact_key
from search.engine import GuideEngine
from search.highlight import mark, snippet, term_pattern
from search.models import Alternative, Concept, EngineHit, EngineQuery, EngineResult, FacetCount
from search.query import ParsedQuery, QueryParser, QueryUnderstanding
from search.ranking import NGRAM_SHARE
from search.schema import NGRAM_FIELD, SEARCH_FACETS

DIRECTORY_FACET_SIZE = 200
PAIR_FIELDS = {NGRAM_FIELD: 1.0}


@dataclass
class SearchRequest:
    q: str
    page: int = 1
    size: int = 10
    filters: dict[str, list[str]] = field(default_factory=dict)


class SearchService:
    def __init__(self, engine: GuideEngine, analyzer: Analyzer):
        self.engine = engine
        self.understanding = QueryUnderstanding(analyzer)

    @property
    def analyzer(self) -> Analyzer:
        return self.understanding.analyzer

    @property
    def parser(self) -> QueryParser:
        return self.understanding.parser(self.engine)

    def use_dictionaries(self, analyzer: Analyzer) -> None:
        """Switch to freshly loaded dictionaries; requests under way finish with the old ones."""
        self.understanding = QueryUnderstanding(analyzer)

    def search(self, request: SearchRequest) -> dict:
        started = time.perf_counter()
        parsed = self.parser.parse(request.q)
        if parsed.intent == "case":
            result = EngineResult(total=0, hits=[], facets={})
        else:
            result = self._search_relaxing(parsed, request)
        pattern = term_pattern(parsed.terms)
        return {
            "query": request.q,
            "intent": parsed.intent,
            "total": result.total,
            "took_ms": round((time.perf_counter() - started) * 1000, 2),
            "items": [self._item(hit.source, hit.score, pattern) for hit in _ranked(result.hits)],
            "facets": _facets_json(result.facets),
            "did_you_mean": parsed.did_you_mean,
        }

    def suggest(self, q: str, size: int = 8) -> list[dict]:
        key = exact_key(self.analyzer.normalize(q))
        if not key:
            return []
        return [{"text": s.text, "code": s.code} for s in self.engine.suggest(key, size)]

    def directory(self, filters: dict[str, list[str]]) -> dict:
        facets = self.engine.directory_facets(filters, SEARCH_FACETS + ("item_type",), DIRECTORY_FACET_SIZE)
        return {"facets": _facets_json(facets)}

    def guide(self, code: str) -> dict | None:
        return self.engine.get(code)

    def nearest_guide(self, q: str) -> dict | None:
        """The guide whose name and keywords share the most character pairs with ``q`` (for
        operators fixing a query that found nothing), or None."""
        parsed = self.parser.parse(q)
        if not parsed.ngrams:
            return None
        query = EngineQuery(concepts=_pair_concepts(parsed), fields=PAIR_FIELDS, min_should_match=1, limit=1, facets=())
        hits = self.engine.search(query).hits
        return {"code": hits[0].code, "name": hits[0].source["name"]} if hits else None

    def _search_relaxing(self, parsed: ParsedQuery, request: SearchRequest) -> EngineResult:
        _, result = self.engine.search_first(relaxation_ladder(parsed, request))
        return result

    @staticmethod
    def _item(guide: dict, score: float, pattern) -> dict:
        return {
            "code": guide["code"],
            "name": guide["name"],
            "department": guide["department"],
            "region": guide.get("region"),
            "audience": guide["audience"],
            "themes": guide.get("themes") or [],
            "item_type": guide.get("item_type"),
            "score": round(score, 4),
            "highlight": {
                "name": mark(guide["name"], pattern),
                "snippet": snippet([guide.get("summary"), guide.get("conditions")], pattern),
            },
        }


def relaxation_ladder(parsed: ParsedQuery, request: SearchRequest) -> list[EngineQuery]:
    """The attempts, strictest first; the engine answers with the first that finds something.

    Every concept must match; then half of them, then any one, then enough of the query's
    character pairs (for words the dictionary cannot cut).
    """
    strict = EngineQuery(
        concepts=parsed.concepts,
        filters=request.filters,
        exact_names=parsed.exact_names,
        exact_keywords=parsed.exact_keywords,
        facet_boosts=parsed.facet_boosts,
        offset=(request.page - 1) * request.size,
        limit=request.size,
    )
    attempts = [strict]
    count = sum(1 for concept in parsed.concepts if concept.required)
    for needed in dict.fromkeys((math.ceil(count / 2), 1)):
        if needed < count:
            attempts.append(replace(strict, min_should_match=needed))
    if parsed.ngrams:
        needed = max(1, math.ceil(len(parsed.ngrams) * NGRAM_SHARE))
        attempts.append(replace(strict, concepts=_pair_concepts(parsed), fields=PAIR_FIELDS, min_should_match=needed))
    return attempts


def _pair_concepts(parsed: ParsedQuery) -> list[Concept]:
    """The query's character pairs, each a concept matched against names' and keywords' pairs."""
    return [Concept(gram, [Alternative((gram,))]) for gram in parsed.ngrams]


def _ranked(hits: list[EngineHit]) -> list[EngineHit]:
    """Equal scores (copies of one service) by code, so both engines list them alike."""
    return sorted(hits, key=lambda hit: (-round(hit.score, 3), hit.code))


def _facets_json(facets: dict[str, list[FacetCount]]) -> dict:
    """Counts, largest first; equal counts by value, so both engines list them alike."""
    return {
        name: [{"value": f.value, "count": f.count} for f in sorted(counts, key=lambda f: (-f.count, f.value))]
        for name, counts in facets.items()
    }
