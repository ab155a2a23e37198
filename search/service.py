"""The search service: what the API's search, suggest, directory and guide endpoints call.

It parses the query, builds the plan (``search.plan``: locality branch, boosts, one hit per
service), asks the engine, relaxes the match when a strict one finds nothing, and shapes the
answer of DESIGN §7 (``search.answers``), saying how it matched (``match``: exact, relaxed
or none). Answers are cached per worker by request, for the questions asked again.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from functools import lru_cache, partial

from search import answers, facts, regions
from search.analysis import Analyzer, exact_key
from search.encoder import Encoder
from search.engine import GuideEngine
from search.fusion import Evidence, Fused, fuse
from search.guide import Guide
from search.highlight import term_pattern
from search.models import EngineHit, EngineQuery, EngineResult, FacetCount, NearestQuery, Retrieved
from search.plan import Plan, SearchRequest, page_query, plan, relaxation_ladder
from search.query import ParsedQuery, QueryParser, QueryUnderstanding
from search.ranking import DIRECTORY_NODE_BOOST, FUSION_DEPTH, SYNONYM_WEIGHT
from search.schema import SEARCH_FACETS

log = logging.getLogger(__name__)

DIRECTORY_FACET_SIZE = 5_000  # every locality of a national catalogue has its node in the region tree
DIRECTORY_FACETS = tuple(f for f in SEARCH_FACETS if f != "region") + ("item_type",)
MAX_COPIES = 2_000  # copies of one service listed by services()
MAX_CHILDREN = 200
ANSWERS_CACHED = 2_048  # answers kept per worker for the questions asked again (most of a portal's traffic)
_ITEM_CODE = re.compile(r"(?=.*\d)[0-9A-Za-z-]{4,64}")


class SearchService:
    def __init__(self, engine: GuideEngine, analyzer: Analyzer, encoder: Encoder | None = None,
                 answers_cached: int = ANSWERS_CACHED):
        self.engine = engine
        self.understanding = QueryUnderstanding(analyzer)
        self.encoder = encoder  # None: lexical search only (GOVSEARCH_SEMANTIC=off)
        self.answers_cached = answers_cached
        self._answers: tuple[QueryParser | None, object] = (None, None)
        self._warned: set[str] = set()

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
        """Counts of services (a service's copies once) over the whole catalogue, as a search
        with the same filters counts them; the region facet as a tree of localities, each
        counting the services with a copy at or below it."""
        branch = plan(self._resolve(self.parser, region, None), None).branch if region else None
        facets = self.engine.directory_facets(filters, DIRECTORY_FACETS + ("within",), DIRECTORY_FACET_SIZE, branch)
        within = facets.pop("within", ())
        shaped = answers.facets_json(facets)
        shaped["region"] = regions.tree({f.value: f.count for f in within})
        return {"facets": shaped}

    def guide(self, code: str) -> Guide | None:
        return self.engine.get(code)

    def guide_page(self, code: str) -> dict | None:
        """A guide as loaded; a 大项 with its 小项 (``children``), as in search answers."""
        found = self.engine.get(code)
        if found is None:
            return None
        children = [child for child, _ in self._children([code]).get(code, ())]
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
        page = page_query(request, chosen)
        nearest = self._nearest_query(parsed, request, chosen)
        if nearest is None:
            parsed, retrieved = self._search_honestly(parsed, page)
            result = _ranked(retrieved.result)
            match = "none" if not result.total else "exact" if retrieved.position == 0 else "relaxed"
        else:
            window = replace(page, offset=0, limit=max(page.offset + page.limit, FUSION_DEPTH))
            if request.filters:
                parsed, result, match = self._narrowed(parser, parsed, request, chosen, window, nearest)
            else:
                parsed, retrieved = self._search_honestly(parsed, window, nearest)
                result, match, _ = self._fused(retrieved, self._evidence(parser, parsed, retrieved), request, chosen)
        place = parsed.place if not request.region else None
        listing = self._listing(request, chosen, result, match, term_pattern(parsed.terms), place, parsed.did_you_mean)
        if parsed.aspect:
            listing["asked"] = parsed.aspect
            listing["answer"] = self._fact(parsed, result.hits[0].guide) if result.hits and match != "none" else None
        return listing

    def _fact(self, parsed: ParsedQuery, guide: Guide) -> dict | None:
        """The fact asked for, from the first result's guide (the copy serving the person)."""
        encode = self.encoder.query if self.encoder else None
        try:
            return facts.answer(parsed.aspect, guide, parsed.normalized, encode)
        except Exception as error:  # noqa: BLE001 — the model failing: the fields still answer
            self._warn_once("encode", f"the embedding model failed ({type(error).__name__}: {error}); "
                                      "searching by words alone")
            return facts.answer(parsed.aspect, guide, parsed.normalized)

    def _fused(self, retrieved: Retrieved, evidence: Evidence, request: SearchRequest, chosen: Plan,
               decided: tuple[Fused, bool] | None = None) -> tuple[EngineResult, str, tuple[Fused, bool]]:
        """One page of the fused list: the lexical hit of each service the words found, the copy
        serving the person of each found by meaning alone, and counts of both — the total and
        the facets count every service listed, so a facet's count is what choosing it lists.
        Also the fusion's decision (the order, and whether every strict match stands, beyond
        the window too); ``decided``: that of the same search without facet filters, narrowed."""
        lexical = {hit.guide.service: hit for hit in answers.ranked(retrieved.result.hits)}
        if decided is None:
            fused = fuse(list(lexical), retrieved.neighbours, evidence)
            every_word = retrieved.position == 0 and all(service in fused.services for service in lexical)
            decided = (fused, every_word)
        fused, every_word = decided
        serving, added = self._serving(sorted(fused.semantic), request, chosen)
        order = [service for service in fused.services if service in lexical or service in serving]
        if every_word:
            order += [service for service in lexical if service not in order]
        if not order:
            return EngineResult(0, [], {}), "none", decided
        start = (request.page - 1) * request.size
        page = [lexical.get(service) or serving[service] for service in order[start:start + request.size]]
        if every_word:
            words = EngineResult(retrieved.result.total, [], retrieved.result.facets)
        else:  # only the matches meaning backed: counted by themselves
            words = self._counted([service for service in order if service in lexical], request, chosen)
        return EngineResult(words.total + len(serving), page, _added_up(words.facets, added)), fused.match, decided

    def _counted(self, services: list[str], request: SearchRequest, chosen: Plan) -> EngineResult:
        """How many of ``services`` there are under the request, and their facet counts."""
        if not services:
            return EngineResult(0, [], {})
        return self.engine.search(EngineQuery([], match_all=True, filters={**request.filters, "service": services},
                                              branch=chosen.branch, collapse="service", limit=0))

    def _serving(self, services: list[str], request: SearchRequest, chosen: Plan
                 ) -> tuple[dict[str, EngineHit], dict[str, list[FacetCount]]]:
        """The copy of each service found by meaning alone that serves the person best under the
        request's filters and branch (the plan's locality boosts), and their facet counts."""
        if not services:
            return {}, {}
        query = EngineQuery([], match_all=True, filters={**request.filters, "service": services}, branch=chosen.branch,
                            boosts=chosen.boosts, collapse="service", limit=len(services))
        found = self.engine.search(query)
        return {hit.guide.service: hit for hit in found.hits}, found.facets

    def _narrowed(self, parser: QueryParser, parsed: ParsedQuery, request: SearchRequest, chosen: Plan,
                  window: EngineQuery, nearest: NearestQuery) -> tuple[ParsedQuery, EngineResult, str]:
        """A search under facet filters lists what the same search without them lists, narrowed
        to the filters: the words at the rung that search reached, as its fusion decided, and
        only the services meaning added to it. (Filtered on its own, a search finding fewer words
        would relax, or weigh meaning otherwise, and a facet would list what it never counted.)"""
        parsed, free = self._search_honestly(parsed, replace(window, filters={}), replace(nearest, filters={}))
        evidence = self._evidence(parser, parsed, free)
        _, _, decided = self._fused(free, evidence, replace(request, filters={}), chosen)
        ladder = relaxation_ladder(parsed, window)
        words = self.engine.search(ladder[free.position]) if free.result.total and ladder else EngineResult(0, [], {})
        result, match, _ = self._fused(Retrieved(free.position, words, free.neighbours), evidence, request, chosen, decided)
        return parsed, result, match

    @staticmethod
    def _evidence(parser: QueryParser, parsed: ParsedQuery, retrieved: Retrieved) -> Evidence:
        """How the words matched: the rung; whether they decide (a name, keyword or directory
        node named exactly — the constant boosts that outweigh any text match — or a rewrite);
        whether every deciding word is a word of the catalogue's names, keywords, directory or offices."""
        hits = retrieved.result.hits
        if not retrieved.result.total:
            return Evidence(None)
        exactly = bool(hits) and max(hit.score for hit in hits) >= DIRECTORY_NODE_BOOST
        deciding = [c for c in parsed.concepts if c.required and c.word not in parsed.generic]
        named = bool(deciding) and all(
            any(alternative.weight >= SYNONYM_WEIGHT and all(term in parser.naming for term in alternative.terms)
                for alternative in concept.alternatives)
            for concept in deciding)
        return Evidence(retrieved.position, decisive=exactly or parsed.did_you_mean is not None, named=named)

    def _nearest_query(self, parsed: ParsedQuery, request: SearchRequest, chosen: Plan) -> NearestQuery | None:
        """The meaning search beside the words, or None: semantic search off, an index without
        meanings (or of another model), every copy listed (collapse=false), or the encoder failing."""
        if self.encoder is None or not request.collapse or not parsed.meant.strip():
            return None
        model = self.engine.meanings_model()
        if model != self.encoder.identity:
            if model is not None:
                self._warn_once("model", f"the index was encoded by {model}, not {self.encoder.identity}: "
                                         "searching by words alone until it is loaded again (index guides --replace)")
            return None
        try:
            vector = self.encoder.query(parsed.meant)
        except Exception as error:  # noqa: BLE001 — any failure of the model: the words still answer
            self._warn_once("encode", f"the embedding model failed ({type(error).__name__}: {error}); "
                                      "searching by words alone")
            return None
        return NearestQuery(vector, request.filters, chosen.branch, FUSION_DEPTH)

    def _warn_once(self, what: str, message: str) -> None:
        if what not in self._warned:
            self._warned.add(what)
            log.warning(message)

    def _browse_answer(self, parser: QueryParser, request: SearchRequest, near: str | None) -> dict:
        """No words: a directory node (filters, a region), every service under it, the copies
        serving the person's locality first."""
        chosen = plan(self._resolve(parser, request.region, near) if request.region else None, near)
        result = _ranked(self.engine.search(page_query(request, chosen, match_all=True)))
        return self._listing(request, chosen, result, "exact" if result.total else "none", term_pattern([]))

    def _listing(self, request: SearchRequest, chosen: Plan, result: EngineResult, match: str, pattern,
                 place: str | None = None, did_you_mean: str | None = None) -> dict:
        """A guide answer: one page of results (``result.hits`` in their order) under the plan,
        with the facets over all of them."""
        items = self._items(result.hits, pattern, chosen, request.collapse)
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

    def _search_honestly(self, parsed: ParsedQuery, base: EngineQuery,
                         nearest: NearestQuery | None = None) -> tuple[ParsedQuery, Retrieved]:
        """The ladder for the query as understood (and the meanings nearest to it); a typo
        correction is kept only when it finds clearly better: an exact match for all of its
        words. A correction that only matches relaxed is a guess (xyzzyqqq → 歇业增资养犬亲戚);
        the query as typed answers."""
        retrieved = self.engine.retrieve(relaxation_ladder(parsed, base), nearest)
        typed = parsed.as_typed
        if typed is None or (retrieved.result.total and retrieved.position == 0):
            return parsed, retrieved
        again = self.engine.retrieve(relaxation_ladder(typed, base))
        return typed, Retrieved(again.position, again.result, retrieved.neighbours)

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
        known = {hit.guide.service: hit.copies for hit in hits if hit.copies is not None}
        copies = (known if chosen.branch is None and len(known) == len(keys) else self._copies(keys, chosen)) if collapsed else {}
        parents = self.engine.lexicon().parents
        children = self._children([hit.code for hit in hits if hit.code in parents])
        carded = set(keys) if collapsed else set()  # a 小项 with a card of its own is not listed again in its 大项's
        items = []
        for hit, key in zip(hits, keys):
            item = answers.item(hit.guide, hit.score, pattern)
            if collapsed:
                item["copies"] = copies.get(key, 1)
            family = [child for child, service in children.get(hit.code, ()) if service not in carded]
            if family:
                item["children"] = family
            items.append(item)
        return items

    def _copies(self, keys: list[str], chosen: Plan) -> dict[str, int]:
        """How many localities offer each service (on the branch asked for, if any)."""
        query = EngineQuery([], match_all=True, filters={"service": list(dict.fromkeys(keys))}, branch=chosen.branch,
                            limit=0, facets=("service",), facet_size=len(keys))
        return {f.value: f.count for f in self.engine.search(query).facets.get("service", ())}

    def _children(self, codes: list[str]) -> dict[str, list[tuple[dict, str]]]:
        """The 小项 of each 大项 among ``codes``: each as listed, with its service."""
        if not codes:
            return {}
        query = EngineQuery([], match_all=True, filters={"parent": codes}, limit=MAX_CHILDREN, facets=())
        children: dict[str, list[tuple[dict, str]]] = {}
        for hit in sorted(self.engine.search(query).hits, key=lambda h: h.code):
            children.setdefault(hit.guide.parent_code, []).append(({"code": hit.code, "name": hit.guide.name}, hit.guide.service))
        return children


def _added_up(*counted: dict[str, list[FacetCount]]) -> dict[str, list[FacetCount]]:
    """Facet counts of disjoint sets of services, summed value by value."""
    sums: dict[str, dict[str, int]] = {}
    for facets in counted:
        for facet, counts in facets.items():
            for count in counts:
                sums.setdefault(facet, {})[count.value] = sums.get(facet, {}).get(count.value, 0) + count.count
    return {facet: [FacetCount(value, count) for value, count in values.items()] for facet, values in sums.items()}


def _ranked(result: EngineResult) -> EngineResult:
    return EngineResult(result.total, answers.ranked(result.hits), result.facets)


def _rank_in(serving: list[str], region: str | None) -> int:
    key = regions.canonical(region)
    return serving.index(key) if key in serving else len(serving)
