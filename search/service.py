"""The search service: what the API's search, suggest, directory and guide endpoints call.

It parses the query, builds the engine-neutral plan (locality branch, boosts, one hit per
service), asks the engine, relaxes the match when a strict one finds nothing, and shapes
the answer of DESIGN §7, saying how it matched (``match``: exact, relaxed or none).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import astuple, dataclass, field, replace
from functools import lru_cache, partial

from search import regions
from search.analysis import Analyzer, exact_key
from search.engine import GuideEngine
from search.highlight import mark, snippet, term_pattern
from search.models import Alternative, Boost, Branch, Concept, EngineHit, EngineQuery, EngineResult, FacetCount
from search.query import ParsedQuery, QueryParser, QueryUnderstanding
from search.ranking import BELOW_LOCALITY_BOOST, LOCALITY_BOOST, LOCALITY_DEPTH_STEP, MIN_NGRAMS, NGRAM_SHARE
from search.schema import NGRAM_FIELD, SEARCH_FACETS, facet_field
from search.services import service_key

DIRECTORY_FACET_SIZE = 200
PAIR_FIELDS = {NGRAM_FIELD: 1.0}
MAX_COPIES = 2_000  # copies of one service listed by services()
MAX_CHILDREN = 200
ANSWERS_CACHED = 2_048  # answers kept per worker for the questions asked again (most of a portal's traffic)
_ITEM_CODE = re.compile(r"(?=.*\d)[0-9A-Za-z-]{4,64}")


@dataclass
class SearchRequest:
    q: str
    page: int = 1
    size: int = 10
    filters: dict[str, list[str]] = field(default_factory=dict)
    region: str | None = None  # region=X: the copies on X's branch of the locality tree
    locality: str | None = None  # where the person is: copies serving it rank first
    collapse: bool = True  # one service once; False lists every copy (for operators)


@dataclass
class Plan:
    """What a request asks of the engine besides the query's words."""

    branch: Branch | None
    boosts: list[Boost]
    region: str | None  # the branch's region as the answer states it


class SearchService:
    def __init__(self, engine: GuideEngine, analyzer: Analyzer, answers_cached: int = ANSWERS_CACHED):
        self.engine = engine
        self.understanding = QueryUnderstanding(analyzer)
        self.answers_cached = answers_cached
        self._answers: tuple[QueryParser | None, object] = (None, None)

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
        # A copy: a cached answer is shared, and the API adds to what it is given.
        answer = dict(self._answers_of(self.parser)(_request_key(request)))
        answer["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def caches(self) -> dict:
        """The LRU caches on the query path by name, for the metrics' hit and miss counts."""
        _, answers = self._answers
        return {**({"answers": answers} if answers else {}), **self.understanding.caches()}

    def _answers_of(self, parser: QueryParser):
        """Answers computed with ``parser``, by request. The parser is rebuilt for each version of
        the index and each load of the dictionaries, so a load or reload starts a fresh cache."""
        built_for, answers = self._answers
        if built_for is not parser:
            answers = lru_cache(maxsize=self.answers_cached)(partial(self._answer, parser))
            self._answers = (parser, answers)
        return answers

    def _answer(self, parser: QueryParser, key: tuple) -> dict:
        request = _request_of(key)
        near = self._resolve(parser, request.locality, None)
        if not request.q.strip():
            return self._browse_answer(parser, request, near)
        answer = self._by_item_code(request, near)
        if answer is None:
            parsed = parser.parse(request.q, near=near or request.region)
            answer = self._case_answer(parsed) if parsed.intent == "case" else self._guide_answer(parser, parsed, request, near)
        return answer

    def suggest(self, q: str, size: int = 8) -> list[dict]:
        """Names, or words of names, starting with what was typed; when there are none, the names
        search matches for it, so suggestions understand what search understands (社保 and shebao
        suggest 社会保险…, which no name starts with). Only names that matched: a guide found
        through its materials is no completion of what was typed."""
        key = exact_key(self.analyzer.normalize(q))
        if not key:
            return []
        suggestions = {s.text: s.code for s in self.engine.suggest(key, size)}
        if not suggestions:
            answer = self.search(SearchRequest(q=q, size=size))
            if answer["intent"] == "guide" and answer["match"] == "exact":
                for item in answer["items"]:
                    if "<em>" in item["highlight"]["name"]:
                        suggestions.setdefault(item["name"], item["code"])
        return [{"text": text, "code": code} for text, code in list(suggestions.items())[:size]]

    def directory(self, filters: dict[str, list[str]], region: str | None = None) -> dict:
        """Facet counts over every active guide; the region facet as a tree of localities."""
        branch = self._plan(self._resolve(self.parser, region, None), None).branch if region else None
        facets = self.engine.directory_facets(filters, SEARCH_FACETS + ("item_type",), DIRECTORY_FACET_SIZE, branch)
        shaped = _facets_json(facets)
        shaped["region"] = regions.tree({f.value: f.count for f in facets.get("region", ())})
        return {"facets": shaped}

    def guide(self, code: str) -> dict | None:
        """A guide as loaded; a 大项 with its 小项 (``children``), as in search answers."""
        found = self.engine.get(code)
        children = self._children([code]).get(code) if found else None
        return {**found, "children": children} if children else found

    def services(self, basic_code: str) -> dict | None:
        """The copies of one service, by locality (province before its cities and districts)."""
        found = self.engine.search(EngineQuery([], match_all=True, filters={"service": [basic_code]},
                                               limit=MAX_COPIES, facets=()))
        if not found.hits:
            return None
        copies = sorted((hit.source for hit in found.hits), key=lambda g: (regions.lineage(g.get("region"))[::-1], g["code"]))
        return {
            "basic_code": basic_code,
            "name": copies[0]["name"],
            "copies": [{"code": g["code"], "name": g["name"], "region": g.get("region"), "department": g["department"]}
                       for g in copies],
        }

    def nearest_guide(self, q: str) -> dict | None:
        """The guide whose name and keywords share the most character pairs with ``q`` (for
        operators fixing a query that found nothing), or None."""
        parsed = self.parser.parse(q)
        if not parsed.ngrams:
            return None
        query = EngineQuery(concepts=_pair_concepts(parsed.ngrams), fields=PAIR_FIELDS, min_should_match=1, limit=1, facets=())
        hits = self.engine.search(query).hits
        return {"code": hits[0].code, "name": hits[0].source["name"]} if hits else None

    def names_catalogue(self, q: str) -> bool:
        """Whether ``q`` asks for the catalogue in its own words, as a hot search must: typed
        as it is meant (no rewrite), every word a word of service names, keywords and the
        directory (or a synonym of one), one of them saying which service (not only 办理 or
        证明), and it matches exactly. 公积金代办加微信 and 怎么办理 do not."""
        parser = self.parser
        parsed = parser.parse(q)
        if parsed.intent != "guide" or parsed.did_you_mean or parsed.unknown or not parsed.concepts:
            return False
        required = [concept for concept in parsed.concepts if concept.required]
        named = all(
            any(all(term in parser.vocabulary for term in alternative.terms) for alternative in concept.alternatives)
            for concept in required
        )
        # 怎么办理, 证明: every word a catalogue word, but none that says which service.
        deciding = any(c.word not in parsed.generic and c.word not in parser.stop_phrases for c in required)
        return named and deciding and self.search(SearchRequest(q=q, size=1))["match"] == "exact"

    # -- answers -------------------------------------------------------------------

    def _guide_answer(self, parser: QueryParser, parsed: ParsedQuery, request: SearchRequest, near: str | None) -> dict:
        region = self._resolve(parser, request.region, near) if request.region else parsed.place
        plan = self._plan(region, near)
        parsed, position, result = self._search_honestly(parsed, _page_query(request, plan))
        match = "none" if not result.total else "exact" if position == 0 else "relaxed"
        place = parsed.place if not request.region else None
        return self._listing(request, plan, result, match, term_pattern(parsed.terms), place, parsed.did_you_mean)

    def _browse_answer(self, parser: QueryParser, request: SearchRequest, near: str | None) -> dict:
        """No words: a directory node (filters, a region), every service under it, the copies
        serving the person's locality first."""
        plan = self._plan(self._resolve(parser, request.region, near) if request.region else None, near)
        result = self.engine.search(_page_query(request, plan, match_all=True))
        return self._listing(request, plan, result, "exact" if result.total else "none", term_pattern([]))

    def _listing(self, request: SearchRequest, plan: Plan, result: EngineResult, match: str, pattern,
                 place: str | None = None, did_you_mean: str | None = None) -> dict:
        """A guide answer: one page of results under the plan, with the facets over all of them."""
        return {
            "query": request.q,
            "intent": "guide",
            "total": result.total,
            "match": match,
            "place": place,
            "region": plan.region,
            "items": self._items(_ranked(result.hits), pattern, plan.branch, request.collapse),
            "facets": _facets_json(result.facets),
            "did_you_mean": did_you_mean,
        }

    def _case_answer(self, parsed: ParsedQuery) -> dict:
        return {"query": parsed.text, "intent": "case", "case_no": parsed.case_no, "total": 0, "match": "none",
                "place": None, "region": None, "items": [], "facets": {}, "did_you_mean": None}

    def _by_item_code(self, request: SearchRequest, near: str | None) -> dict | None:
        """A query that is a 事项编码 or 基本编码 goes straight to that service."""
        typed = request.q.strip()
        if not _ITEM_CODE.fullmatch(typed):
            return None
        guide = self.engine.get(typed) or self.engine.get(typed.upper())
        if guide is None:
            copies = self.services(typed) or self.services(typed.upper())
            if copies is None:
                return None
            serving = regions.lineage(near)
            best = min(copies["copies"], key=lambda c: (_rank_in(serving, c.get("region")), c["code"]))
            guide = self.engine.get(best["code"])
            if guide is None:
                return None
        hit = EngineHit(guide["code"], 1.0, guide)
        return {"query": request.q, "intent": "guide", "total": 1, "match": "exact", "place": None, "region": None,
                "items": self._items([hit], term_pattern([]), None, True), "facets": {}, "did_you_mean": None}

    def _search_honestly(self, parsed: ParsedQuery, base: EngineQuery) -> tuple[ParsedQuery, int, EngineResult]:
        """The ladder for the query as understood; a typo correction is kept only when it
        finds clearly better: an exact match for all of its words. A correction that only
        matches relaxed is a guess (xyzzyqqq → 歇业增资养犬亲戚); the query as typed answers."""
        position, result = self._first_found(relaxation_ladder(parsed, base))
        typed = parsed.as_typed
        if typed is None or (result.total and position == 0):
            return parsed, position, result
        typed_position, typed_result = self._first_found(relaxation_ladder(typed, base))
        return typed, typed_position, typed_result

    def _first_found(self, attempts: list[EngineQuery]) -> tuple[int, EngineResult]:
        return self.engine.search_first(attempts) if attempts else (0, EngineResult(total=0, hits=[], facets={}))

    def _plan(self, region: str | None, near: str | None) -> Plan:
        """The branch ``region`` selects, and boosts for the copies serving where the person is
        (their locality, else the region asked for): the most local first."""
        branch = Branch(region, tuple(regions.lineage(region))) if region else None
        ranked_for = near or region
        boosts = [Boost(facet_field("locality"), (node,), LOCALITY_BOOST + regions.depth(node) * LOCALITY_DEPTH_STEP)
                  for node in regions.lineage(ranked_for)] if ranked_for else []
        if ranked_for:
            boosts.append(Boost(facet_field("within"), (ranked_for,), BELOW_LOCALITY_BOOST))
        return Plan(branch, boosts, region)

    def resolve_region(self, region: str) -> str:
        return self._resolve(self.parser, region, None)

    @staticmethod
    def _resolve(parser: QueryParser, region: str | None, near: str | None) -> str | None:
        """A region as typed (西湖区, 杭州, a full path) as the catalogue's locality, else as written."""
        if not region:
            return None
        return parser.gazetteer.resolve(region, near) or regions.canonical(region)

    # -- shaping -------------------------------------------------------------------

    def _items(self, hits: list[EngineHit], pattern, branch: Branch | None, collapsed: bool) -> list[dict]:
        if not hits:
            return []
        keys = [self.service_of(hit.source) for hit in hits]
        copies = self._copies(keys, branch) if collapsed else {}
        children = self._children([hit.code for hit in hits])
        items = []
        for hit, key in zip(hits, keys):
            item = self._item(hit.source, hit.score, pattern)
            if collapsed:
                item["copies"] = copies.get(key, 1)
            if children.get(hit.code):
                item["children"] = children[hit.code]
            items.append(item)
        return items

    def service_of(self, guide: dict) -> str:
        """The service a guide (or a search item) is a copy of."""
        return service_key(guide, exact_key(self.analyzer.normalize(guide["name"])))

    def _copies(self, keys: list[str], branch: Branch | None) -> dict[str, int]:
        """How many localities offer each service (on the branch asked for, if any)."""
        query = EngineQuery([], match_all=True, filters={"service": list(dict.fromkeys(keys))}, branch=branch,
                            limit=0, facets=("service",), facet_size=len(keys))
        return {f.value: f.count for f in self.engine.search(query).facets.get("service", ())}

    def _children(self, codes: list[str]) -> dict[str, list[dict]]:
        """The 小项 of each 大项 among ``codes``."""
        query = EngineQuery([], match_all=True, filters={"parent": codes}, limit=MAX_CHILDREN, facets=())
        children: dict[str, list[dict]] = {}
        for hit in sorted(self.engine.search(query).hits, key=lambda h: h.code):
            children.setdefault(hit.source["parent_code"], []).append({"code": hit.code, "name": hit.source["name"]})
        return children

    @staticmethod
    def _item(guide: dict, score: float, pattern) -> dict:
        return {
            "code": guide["code"],
            "basic_code": guide.get("basic_code"),
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


def _request_key(request: SearchRequest) -> tuple:
    filters = tuple(sorted((facet, tuple(sorted(values))) for facet, values in request.filters.items()))
    return astuple(replace(request, filters=filters))


def _request_of(key: tuple) -> SearchRequest:
    request = SearchRequest(*key)
    return replace(request, filters={facet: list(values) for facet, values in request.filters})


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
        attempts.append(replace(strict, concepts=_pair_concepts(pairs), fields=PAIR_FIELDS, min_should_match=needed))
    return attempts


def _pair_concepts(pairs: list[str]) -> list[Concept]:
    """Character pairs, each a concept matched against names' and keywords' pairs."""
    return [Concept(gram, [Alternative((gram,))]) for gram in pairs]


def _rank_in(serving: list[str], region: str | None) -> int:
    key = regions.canonical(region)
    return serving.index(key) if key in serving else len(serving)


def _page_query(request: SearchRequest, plan: Plan, **query) -> EngineQuery:
    """The engine query of the request's page under the plan: its filters, branch, locality
    boosts and collapse; ``query`` adds what is matched."""
    return EngineQuery(concepts=[], filters=request.filters, branch=plan.branch, boosts=plan.boosts,
                       collapse="service" if request.collapse else None,
                       offset=(request.page - 1) * request.size, limit=request.size, **query)


def _ranked(hits: list[EngineHit]) -> list[EngineHit]:
    """Equal scores (copies of one service) by code, so both engines list them alike."""
    return sorted(hits, key=lambda hit: (-round(hit.score, 3), hit.code))


def _facets_json(facets: dict[str, list[FacetCount]]) -> dict:
    """Counts, largest first; equal counts by value, so both engines list them alike."""
    return {
        name: [{"value": f.value, "count": f.count} for f in sorted(counts, key=lambda f: (-f.count, f.value))]
        for name, counts in facets.items()
    }
