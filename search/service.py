"""The search service: what the API's search, suggest, directory and guide endpoints call.

It parses the query, builds the plan (``search.plan``: locality branch, boosts, one hit per
service), asks the engine, relaxes the match when a strict one finds nothing, and shapes the
answer of DESIGN §7 (``search.answers``), saying how it matched (``match``: exact, relaxed
or none). Answers are cached per worker by request, for the questions asked again.
"""

from __future__ import annotations

import re
import time
from functools import lru_cache, partial

from search import answers, regions
from search.analysis import Analyzer, exact_key
from search.engine import GuideEngine
from search.guide import Guide
from search.highlight import term_pattern
from search.models import EngineHit, EngineQuery, EngineResult
from search.plan import Plan, SearchRequest, page_query, plan, relaxation_ladder
from search.query import ParsedQuery, QueryParser, QueryUnderstanding
from search.schema import SEARCH_FACETS

DIRECTORY_FACET_SIZE = 200
MAX_COPIES = 2_000  # copies of one service listed by services()
MAX_CHILDREN = 200
ANSWERS_CACHED = 2_048  # answers kept per worker for the questions asked again (most of a portal's traffic)
_ITEM_CODE = re.compile(r"(?=.*\d)[0-9A-Za-z-]{4,64}")


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
        answer = dict(self._answers_of(self.parser)(request.key()))
        answer["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def caches(self) -> dict:
        """The LRU caches on the query path by name, for the metrics' hit and miss counts."""
        _, cached = self._answers
        return {**({"answers": cached} if cached else {}), **self.understanding.caches()}

    def _answers_of(self, parser: QueryParser):
        """Answers computed with ``parser``, by request. The parser is rebuilt for each version of
        the index and each load of the dictionaries, so a load or reload starts a fresh cache."""
        built_for, cached = self._answers
        if built_for is not parser:
            cached = lru_cache(maxsize=self.answers_cached)(partial(self._answer, parser))
            self._answers = (parser, cached)
        return cached

    def _answer(self, parser: QueryParser, key: tuple) -> dict:
        request = SearchRequest.of_key(key)
        near = self._resolve(parser, request.locality, None)
        if not request.q.strip():
            return self._browse_answer(parser, request, near)
        answer = self._by_item_code(request, near)
        if answer is None:
            parsed = parser.parse(request.q, near=near or request.region)
            if parsed.intent == "case":
                return answers.case_answer(parsed.text, parsed.case_no)
            answer = self._guide_answer(parser, parsed, request, near)
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
        branch = plan(self._resolve(self.parser, region, None), None).branch if region else None
        facets = self.engine.directory_facets(filters, SEARCH_FACETS + ("item_type",), DIRECTORY_FACET_SIZE, branch)
        shaped = answers.facets_json(facets)
        shaped["region"] = regions.tree({f.value: f.count for f in facets.get("region", ())})
        return {"facets": shaped}

    def guide(self, code: str) -> Guide | None:
        return self.engine.get(code)

    def guide_page(self, code: str) -> dict | None:
        """A guide as loaded; a 大项 with its 小项 (``children``), as in search answers."""
        found = self.engine.get(code)
        if found is None:
            return None
        children = self._children([code]).get(code)
        return {**found.record, "children": children} if children else found.record

    def services(self, basic_code: str) -> dict | None:
        """The copies of one service, by locality (province before its cities and districts)."""
        found = self.engine.search(EngineQuery([], match_all=True, filters={"service": [basic_code]},
                                               limit=MAX_COPIES, facets=()))
        if not found.hits:
            return None
        copies = sorted((hit.guide for hit in found.hits), key=lambda g: (regions.lineage(g.region)[::-1], g.code))
        return {
            "basic_code": basic_code,
            "name": copies[0].name,
            "copies": [{"code": g.code, "name": g.name, "region": g.region, "department": g.department} for g in copies],
        }

    def resolve_region(self, region: str) -> str:
        return self._resolve(self.parser, region, None)

    # -- answers -------------------------------------------------------------------

    def _guide_answer(self, parser: QueryParser, parsed: ParsedQuery, request: SearchRequest, near: str | None) -> dict:
        region = self._resolve(parser, request.region, near) if request.region else parsed.place
        chosen = plan(region, near)
        parsed, position, result = self._search_honestly(parsed, page_query(request, chosen))
        match = "none" if not result.total else "exact" if position == 0 else "relaxed"
        place = parsed.place if not request.region else None
        return self._listing(request, chosen, result, match, term_pattern(parsed.terms), place, parsed.did_you_mean)

    def _browse_answer(self, parser: QueryParser, request: SearchRequest, near: str | None) -> dict:
        """No words: a directory node (filters, a region), every service under it, the copies
        serving the person's locality first."""
        chosen = plan(self._resolve(parser, request.region, near) if request.region else None, near)
        result = self.engine.search(page_query(request, chosen, match_all=True))
        return self._listing(request, chosen, result, "exact" if result.total else "none", term_pattern([]))

    def _listing(self, request: SearchRequest, chosen: Plan, result: EngineResult, match: str, pattern,
                 place: str | None = None, did_you_mean: str | None = None) -> dict:
        """A guide answer: one page of results under the plan, with the facets over all of them."""
        items = self._items(answers.ranked(result.hits), pattern, chosen, request.collapse)
        return answers.guide_answer(request.q, result.total, match, items, result.facets, chosen.region, place,
                                    did_you_mean)

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
            best = min(copies["copies"], key=lambda c: (_rank_in(serving, c["region"]), c["code"]))
            guide = self.engine.get(best["code"])
            if guide is None:
                return None
        items = self._items([EngineHit(guide.code, 1.0, guide)], term_pattern([]), plan(None, None), True)
        return answers.guide_answer(request.q, 1, "exact", items, {})

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

    @staticmethod
    def _resolve(parser: QueryParser, region: str | None, near: str | None) -> str | None:
        """A region as typed (西湖区, 杭州, a full path) as the catalogue's locality, else as written."""
        if not region:
            return None
        return parser.gazetteer.resolve(region, near) or regions.canonical(region)

    # -- the copies and 小项 of each result ----------------------------------------------

    def _items(self, hits: list[EngineHit], pattern, chosen: Plan, collapsed: bool) -> list[dict]:
        if not hits:
            return []
        keys = [hit.guide.service for hit in hits]
        copies = self._copies(keys, chosen) if collapsed else {}
        children = self._children([hit.code for hit in hits])
        items = []
        for hit, key in zip(hits, keys):
            item = answers.item(hit.guide, hit.score, pattern)
            if collapsed:
                item["copies"] = copies.get(key, 1)
            if children.get(hit.code):
                item["children"] = children[hit.code]
            items.append(item)
        return items

    def _copies(self, keys: list[str], chosen: Plan) -> dict[str, int]:
        """How many localities offer each service (on the branch asked for, if any)."""
        query = EngineQuery([], match_all=True, filters={"service": list(dict.fromkeys(keys))}, branch=chosen.branch,
                            limit=0, facets=("service",), facet_size=len(keys))
        return {f.value: f.count for f in self.engine.search(query).facets.get("service", ())}

    def _children(self, codes: list[str]) -> dict[str, list[dict]]:
        """The 小项 of each 大项 among ``codes``."""
        query = EngineQuery([], match_all=True, filters={"parent": codes}, limit=MAX_CHILDREN, facets=())
        children: dict[str, list[dict]] = {}
        for hit in sorted(self.engine.search(query).hits, key=lambda h: h.code):
            children.setdefault(hit.guide.parent_code, []).append({"code": hit.code, "name": hit.guide.name})
        return children


def _rank_in(serving: list[str], region: str | None) -> int:
    key = regions.canonical(region)
    return serving.index(key) if key in serving else len(serving)
