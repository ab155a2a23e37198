"""Embedded guide engine: a tantivy index on disk under ``<data dir>/guides``.

Text arrives already analysed by ``search.analysis`` (one chain for both backends), joined
with spaces, so tantivy's whitespace tokenizer only splits it again. Text fields keep
term frequencies but no positions: queries match terms, never phrases, which keeps the
index small and fast. Facet fields are raw, fast (columnar) terms for exact filters and
terms aggregations.

Services: a province publishes each service once per locality, so a broad query matches
thousands of copies of a handful of services. Each generation holds, beside the copies, a
services index (``services/``: one document a service, the values of all its copies) and the
meanings (``search.meaning``). A search for one hit a service without a branch ranks the
services index and then picks each page service's serving copy among its few copies on the
person's lineage; its cost follows the number of services. On a branch (region=X), only the
copies on it match, and those are collapsed directly.

Generations: every ``--replace`` load builds a new index directory beside the live one
and, only once it is committed, points ``CURRENT`` at it with an atomic rename, so a
crash or Ctrl-C mid-load leaves the old index live. Readers notice the new pointer on
their next request. One load at a time, guarded by a lock file. A generation being built
holds a ``.building`` marker until it is made live: a load killed outright (SIGKILL, the
OOM killer) leaves it behind, and the next load of any kind deletes it once it holds the
lock (so no loader is building it any more).
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import tantivy

from search.engines.tantivy_queries import (
    CODE_START,
    COPIES,
    GROUP_IDS,
    SOURCE,
    QueryCompiler,
    build_schema,
    group_id,
)
from search.engines.tantivy_queries import document as indexed
from search.errors import IndexBusy
from search.guide import Guide
from search.engines import embedded_meanings
from search.models import (
    Branch,
    EngineHit,
    EngineQuery,
    EngineResult,
    FacetCount,
    GuideDocument,
    Lexicon,
    MeaningTable,
    NearestQuery,
    Neighbour,
    Retrieved,
    ServiceDocument,
    Suggestion,
)
from search.schema import (
    DIRECTORY_FACETS,
    LOCALITY_FIELDS,
    NAMING_FIELDS,
    TEXT_FIELDS,
    VOCABULARY_FIELDS,
    facet_field,
    passes,
)

CURRENT = "CURRENT"
LOCK = ".load.lock"
BUILDING = ".building"  # in a generation directory until it is made live
WRITER_HEAP = 256_000_000
PAGE = 1000  # guides read at a time by all_guides
DIRECTORY_SIZE = 10_000
COLLAPSE_WINDOW = 400  # hits read to collapse a page into services, at least …
MAX_COLLAPSE_WINDOW = 5_000  # … and at most
DISTINCT = " distinct"  # the aggregation counting services; no facet has a space in its name
EMPTY = EngineResult(total=0, hits=[], facets={})
SERVICES = "services"  # the services index, a directory of each generation …
SERVICE_VALUES = "values.json"  # … and beside it each service's values, which a plain load merges into
RESOLVE_WINDOW = 8  # copies a service read to pick its serving copy: more than one lineage holds



class EmbeddedGuideEngine:
    """Guide search on a local tantivy index (see the module docstring for the layout)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.schema = build_schema()
        self.compiler = QueryCompiler(self.schema)
        self.services_schema = build_schema(services=True)
        self.services_compiler = QueryCompiler(self.services_schema)
        self._pointer = self.directory / CURRENT
        self._pointer_stamp: tuple | None = None
        self._generation_meta: Path | None = None  # the live generation's commit record
        self._meta_stamp: tuple | None = None  # … as this process last read it
        self._meanings: tuple[object, embedded_meanings.StoredMeanings | None] | None = None  # (stamp, meanings)
        self._index: tantivy.Index | None = None
        self._services: tuple[object, tantivy.Index | None] | None = None  # (stamp, the services index)
        self._lexicon: Lexicon | None = None

    # -- reading -------------------------------------------------------------------

    def search(self, query: EngineQuery) -> EngineResult:
        if query.collapse == "service" and query.branch is None and self._services_index() is not None:
            return self._search_services(query)
        searcher = self._searcher()
        tantivy_query = self.compiler.compile(query)
        distinct = facet_field(query.collapse) if query.collapse else None
        if distinct:
            total, hits = self._collapsed(searcher, tantivy_query, query)
        else:
            # tantivy wants a limit of one at least; a limit of 0 asks only for counts.
            found = searcher.search(tantivy_query, max(query.limit, 1), count=True, offset=query.offset)
            total = found.count or 0
            hits = [self._hit(searcher, score, address) for score, address in found.hits[: query.limit]]
        if not query.facets and total is not None:
            return EngineResult(total=total, hits=hits, facets={})
        # One pass for the facets (collapsed: services counted) and, unless the collapse saw every hit,
        # the number of services.
        facets, counted = self._aggregate(searcher, tantivy_query, query.facets, query.facet_size,
                                          distinct if total is None else None, counting=distinct)
        return EngineResult(total=total if total is not None else counted, hits=hits, facets=facets)

    def _search_services(self, query: EngineQuery) -> EngineResult:
        """One hit a service without searching every copy: the services index ranks services by
        the values of all their copies, and each service on the page is then represented by its
        copy that passes the filters and that the locality boosts rank first (without filters or
        boosts, its representative: the lowest code). Facets count services."""
        searcher = self._services_index().searcher()
        tantivy_query = self.services_compiler.compile(query)
        found = searcher.search(tantivy_query, max(query.limit, 1), count=True, offset=query.offset)
        hits = []
        for score, address in found.hits[: query.limit]:
            document = searcher.doc(address)
            guide = _guide(document)
            hits.append(EngineHit(guide.code, score, guide, document.get_first(COPIES)))
        local = [boost for boost in query.boosts if boost.field in LOCALITY_FIELDS]
        if hits and (query.filters or local):
            hits = self._serving(hits, query.filters, local)
        facets = self._facets(searcher, tantivy_query, query.facets, query.facet_size) if query.facets else {}
        return EngineResult(total=found.count or 0, hits=hits, facets=facets)

    def service_documents(self, services: list[str]) -> dict[str, ServiceDocument]:
        """The live documents of ``services`` (a plain load merges its copies into them)."""
        index = self._services_index()
        if index is None or not services:
            return {}
        values = json.loads((self._generation_meta.parent / SERVICES / SERVICE_VALUES).read_text(encoding="utf-8"))
        searcher = index.searcher()
        found = searcher.search(self.services_compiler.any_term("f_service", services), len(services)).hits
        documents = {}
        for _, address in found:
            stored = searcher.doc(address)
            service = stored.get_first("f_service")
            documents[service] = ServiceDocument(service, values[service], _guide(stored), stored.get_first(COPIES))
        return documents

    def _serving(self, hits: list[EngineHit], filters: dict[str, list[str]], local: list) -> list[EngineHit]:
        """Each hit's service in its copy passing ``filters`` that the locality boosts rank first
        (equal scores: the lowest code); a service with no such copy leaves the page. One query
        reads the copies serving the locality (a handful a service); a service none of which
        serves it, under filters, is read in code order."""
        services = [hit.guide.service for hit in hits]
        searcher = self._searcher()
        best: dict[str, tuple[float, str, tantivy.Document]] = {}
        if local:
            nearby = EngineQuery([], match_all=True, filters={**filters, "service": services}, boosts=local)
            near_terms = [(boost.field, value) for boost in local for value in boost.values]
            query = self.compiler.requiring_any(self.compiler.compile(nearby), near_terms)
            found = searcher.search(query, RESOLVE_WINDOW * len(services)).hits
            for service, tied in _tied_by_group(found, self._group_of(searcher, found, "service"), services).items():
                best[service] = self._lowest_code(searcher, tied)
        chosen = []
        for hit in hits:
            service = hit.guide.service
            if service in best:
                _, code, document = best[service]
                chosen.append(replace(hit, code=code, guide=_guide(document)))
            elif passes(hit.guide, filters):
                chosen.append(hit)  # its representative: the lowest code of all
            else:
                lowest = self._lowest_passing(searcher, service, filters)
                if lowest is not None:
                    chosen.append(replace(hit, code=lowest.code, guide=lowest))
        return chosen

    def _lowest_passing(self, searcher, service: str, filters: dict[str, list[str]]) -> Guide | None:
        query = self.compiler.compile(EngineQuery([], match_all=True, filters={**filters, "service": [service]}))
        found = searcher.search(query, 1, order_by_field=CODE_START, order=tantivy.Order.Asc).hits
        return _guide(searcher.doc(found[0][1])) if found else None

    def _collapsed(self, searcher, tantivy_query, query: EngineQuery) -> tuple[int | None, list[EngineHit]]:
        """One hit per value of the collapse field, the best scored (equal scores: lowest code),
        and the number of values when the window held every hit (None: count them apart).

        tantivy has no collapse: read a window of hits several times the page, and widen it
        while it holds fewer groups than the page needs and more hits remain. Groups come
        from a numeric fast field; stored documents are read only for the groups that can
        be on the page, to find each one's lowest code among its best-scored copies.
        """
        wanted = query.offset + query.limit
        window = max(COLLAPSE_WINDOW, wanted * 8)
        while True:
            found = searcher.search(tantivy_query, window, count=True)
            group_of = self._group_of(searcher, found.hits, query.collapse)
            on_page = _groups_on_page(found.hits, group_of, wanted)
            every_hit = len(found.hits) >= (found.count or 0)
            if len(on_page) >= wanted or every_hit or window >= MAX_COLLAPSE_WINDOW:
                break
            # As many hits again per group as this window held, and half as many more.
            needed = len(found.hits) * wanted * 3 // (2 * max(len(on_page), 1))
            window = min(max(window * 4, needed), MAX_COLLAPSE_WINDOW)
        chosen = [self._lowest_code(searcher, tied) for tied in on_page]
        chosen.sort(key=lambda item: (-round(item[0], 3), item[1]))
        hits = [EngineHit(code, score, _guide(document)) for score, code, document in chosen[query.offset : wanted]]
        return (len(set(group_of)) if every_hit else None), hits

    def _lowest_code(self, searcher, tied: list[tuple[float, float, object]]) -> tuple[float, str, tantivy.Document]:
        """Of copies tied at a score, the one with the lowest code: the code's first bytes come from a
        fast column, and only the copies that share the lowest of those are read from the store."""
        starts = _fast_column(searcher, CODE_START, [address for _, _, address in tied]) if len(tied) > 1 else None
        if starts is not None:
            lowest = min(starts)
            tied = [copy for copy, start in zip(tied, starts) if start == lowest]
        copies = [(score, searcher.doc(address)) for _, score, address in tied]
        score, document = min(copies, key=lambda copy: copy[1].get_first("code"))
        return score, document.get_first("code"), document

    def _group_of(self, searcher, hits, collapse: str) -> list:
        """The collapse group of each hit: its numeric id, read from the fast column."""
        addresses = [address for _, address in hits]
        ids = _fast_column(searcher, GROUP_IDS[collapse], addresses)
        if ids is not None:
            return ids
        # An index written before the numeric ids: the group from the stored document.
        field = facet_field(collapse)
        return [searcher.doc(address).get_first(field) for address in addresses]

    def search_first(self, queries: list[EngineQuery]) -> tuple[int, EngineResult]:
        for position, query in enumerate(queries):
            result = self.search(query)
            if result.total or position == len(queries) - 1:
                return position, result
        raise ValueError("search_first needs at least one query")

    def retrieve(self, attempts: list[EngineQuery], nearest: NearestQuery | None = None) -> Retrieved:
        position, result = self.search_first(attempts) if attempts else (0, EMPTY)
        return Retrieved(position, result, self.nearest(nearest) if nearest else [])

    def nearest(self, query: NearestQuery) -> list[Neighbour]:
        stored = self._stored_meanings()
        return stored.nearest(query) if stored else []

    def meanings(self) -> MeaningTable | None:
        stored = self._stored_meanings()
        return stored.table if stored else None

    def meanings_model(self) -> str | None:
        stored = self._stored_meanings()
        return stored.table.model if stored else None

    def directory_facets(self, filters: dict[str, list[str]], facets, size: int,
                         branch: Branch | None = None) -> dict[str, list[FacetCount]]:
        """Counts of services (a service's copies count once), as search answers count."""
        query = EngineQuery([], filters=filters, branch=branch, match_all=True)
        searcher = self._searcher()
        return self._aggregate(searcher, self.compiler.compile(query), facets, size, counting=facet_field("service"))[0]

    def suggest(self, key: str, size: int) -> list[Suggestion]:
        services = self._services_index()
        searcher, compiler = (services.searcher(), self.services_compiler) if services else (self._searcher(), self.compiler)
        suggestions: dict[str, Suggestion] = {}
        for _, address in searcher.search(compiler.suggest(key), size * 4, count=False).hits:
            document = searcher.doc(address)
            title = document.get_first("title")
            if title not in suggestions:  # a service stores no code of its own: its representative's
                suggestions[title] = Suggestion(title, document.get_first("code") or _guide(document).code)
            if len(suggestions) == size:
                break
        return list(suggestions.values())

    def get(self, code: str) -> Guide | None:
        searcher = self._searcher()
        found = searcher.search(self.compiler.code(code), 1, count=False)
        return _guide(searcher.doc(found.hits[0][1])) if found.hits else None

    def count(self) -> int:
        return self._searcher().num_docs

    def all_guides(self) -> Iterator[Guide]:
        searcher = self._searcher()
        for offset in range(0, searcher.num_docs, PAGE):
            found = searcher.search(tantivy.Query.all_query(), PAGE, count=False, offset=offset)
            yield from (_guide(searcher.doc(address)) for _, address in found.hits)

    def lexicon(self) -> Lexicon:
        version = self.version()
        if self._lexicon is None or self._lexicon.version != version:
            self._lexicon = self._read_lexicon(version)
        return self._lexicon

    def version(self) -> tuple:
        """Changes whenever what is searchable changes (a commit or a swapped generation)."""
        self._live_index()
        return (self._pointer_stamp, self._meta_stamp, _stamp(self._generation_meta.parent / SERVICES / "meta.json"))

    def health(self) -> str | None:
        try:
            self._searcher()
        except (OSError, ValueError) as error:
            return f"the index under {self.directory} cannot be opened: {error}"
        return None

    def drop(self) -> None:
        self._index = None
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)  # an empty engine, usable again

    # -- writing -------------------------------------------------------------------

    def writer(self, replace: bool = False) -> "EmbeddedGuideWriter":
        """A writer for one load; ``replace`` builds a new generation and swaps it in on commit."""
        return EmbeddedGuideWriter(self, replace)

    # -- internals -----------------------------------------------------------------

    def _read_lexicon(self, version) -> Lexicon:
        searcher = self._searcher()
        terms = {name: dict(searcher.terms_with_prefix(name, "")) for name in TEXT_FIELDS}  # one walk each
        vocabulary: dict[str, int] = {}
        for name in VOCABULARY_FIELDS:
            for term, count in terms[name].items():
                vocabulary[term] = vocabulary.get(term, 0) + count
        corpus = frozenset(term for per_field in terms.values() for term in per_field)
        nodes = self._facets(searcher, tantivy.Query.all_query(), (*DIRECTORY_FACETS, "region"), DIRECTORY_SIZE)
        regions = {count.value: count.count for count in nodes.pop("region")}
        directory = {facet: [count.value for count in counts] for facet, counts in nodes.items()}
        naming = frozenset(term for name in NAMING_FIELDS for term in terms[name])
        parents = frozenset(code for code, _ in searcher.terms_with_prefix(facet_field("parent"), ""))
        return Lexicon(version, vocabulary, corpus, directory, regions, naming, parents)

    def _services_index(self) -> tantivy.Index | None:
        """The live generation's services index (None: one written before there were any)."""
        self._live_index()
        directory = self._generation_meta.parent / SERVICES
        stamp = (directory.parent.name, _stamp(directory / "meta.json"))
        if self._services is None or self._services[0] != stamp:
            index = tantivy.Index.open(str(directory)) if stamp[1] is not None else None
            self._services = (stamp, index)
        return self._services[1]

    def _stored_meanings(self) -> embedded_meanings.StoredMeanings | None:
        """The live generation's meanings, read again when they were written again."""
        self._live_index()
        generation = self._generation_meta.parent
        stamp = (generation.name, _stamp(generation / embedded_meanings.TABLE))
        if self._meanings is None or self._meanings[0] != stamp:
            self._meanings = (stamp, embedded_meanings.read(generation))
        return self._meanings[1]

    def _searcher(self) -> tantivy.Searcher:
        return self._live_index().searcher()

    def _live_index(self) -> tantivy.Index:
        stamp = _stamp(self._pointer)
        if self._index is None or stamp != self._pointer_stamp:
            if stamp is None:
                self._point_to(self._new_generation())
                stamp = _stamp(self._pointer)
            generation = self.directory / self._pointer.read_text().strip()
            self._index = tantivy.Index.open(str(generation))
            self._pointer_stamp, self._generation_meta = stamp, generation / "meta.json"
            self._meta_stamp = _stamp(self._generation_meta)
        meta = _stamp(self._generation_meta)
        if meta != self._meta_stamp:
            # Another process committed: read what it wrote now, not when tantivy's watcher gets
            # to it, or an answer cached for the new version would hold the old guides.
            self._index.reload()
            self._meta_stamp = meta
        return self._index

    def _new_generation(self, building: bool = False) -> Path:
        path = self.directory / f"index-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
        tantivy.Index(self.schema, path=str(_mkdir(path)), reuse=False)
        if building:
            (path / BUILDING).touch()  # tantivy leaves files it did not write alone
        return path

    def _point_to(self, generation: Path) -> None:
        temporary = self.directory / (CURRENT + ".tmp")
        temporary.write_text(generation.name + "\n")
        os.replace(temporary, self.directory / CURRENT)

    def _drop_old_generations(self, keep: set[str]) -> None:
        """Delete generations except ``keep``; the one just replaced stays for readers still on it."""
        for path in self.directory.glob("index-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def _drop_half_built(self, live: str) -> None:
        """Delete generations a killed load left half-built; only under the load lock."""
        for marker in self.directory.glob(f"index-*/{BUILDING}"):
            if marker.parent.name != live:
                shutil.rmtree(marker.parent, ignore_errors=True)

    def _facets(self, searcher, query, facets, size) -> dict[str, list[FacetCount]]:
        return self._aggregate(searcher, query, facets, size)[0]

    def _aggregate(self, searcher, query, facets, size, distinct: str | None = None, counting: str | None = None
                   ) -> tuple[dict[str, list[FacetCount]], int | None]:
        """Terms counts of ``facets`` (of documents, or of distinct values of ``counting``: services)
        and the number of distinct values of ``distinct``, in one pass."""
        spec = {facet: {"terms": {"field": facet_field(facet), "size": size}} for facet in facets}
        if counting:
            for terms in spec.values():
                terms["aggs"] = {DISTINCT: {"cardinality": {"field": counting}}}
        if distinct:
            spec[DISTINCT] = {"cardinality": {"field": distinct}}
        result = searcher.aggregate(query, spec)
        counted = {
            facet: [FacetCount(bucket["key"], int(round(bucket[DISTINCT]["value"])) if counting else bucket["doc_count"])
                    for bucket in result[facet]["buckets"]]
            for facet in facets
        }
        return counted, int(round(result[DISTINCT]["value"] or 0)) if distinct else None

    def _hit(self, searcher, score: float, address) -> EngineHit:
        document = searcher.doc(address)
        return EngineHit(code=document.get_first("code"), score=score, guide=_guide(document))


class EmbeddedGuideWriter:
    """One load into the embedded index: upserts and withdrawals, visible on ``commit``.

    Used as a context manager: leaving it without ``commit`` (an error, Ctrl-C) rolls the
    load back, and for a replacement deletes the half-built generation.
    """

    def __init__(self, engine: EmbeddedGuideEngine, replace: bool):
        self.engine = engine
        self.replace = replace
        self._lock = _acquire_lock(engine.directory / LOCK)
        live = engine._live_index()
        self._previous = (engine.directory / CURRENT).read_text().strip()
        engine._drop_half_built(live=self._previous)
        self._generation = engine._new_generation(building=True) if replace else None
        self._index = tantivy.Index.open(str(self._generation)) if replace else live
        self._writer = self._index.writer(WRITER_HEAP, 2)
        self._meanings: MeaningTable | None | bool = False  # False: leave them as they are
        self._services: list[ServiceDocument] | None = None
        self._fresh = self.replace or live.searcher().num_docs == 0  # nothing to merge services into
        self._written: set[str] = set()  # codes this load wrote
        self._done = False
        self.failures: list[tuple[object, str]] = []  # tantivy refuses no document of the schema

    def __enter__(self) -> "EmbeddedGuideWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        if not self._done:
            self.abort()

    def upsert(self, guide_document: GuideDocument, origin: object = None) -> None:
        # Deleting first also makes the last of two records with one code win within a load; a
        # new generation holds only what this load wrote, so only a code written already needs it.
        if not self.replace or guide_document.code in self._written:
            self._writer.delete_documents_by_term("code", guide_document.code)
        self._written.add(guide_document.code)
        self._writer.add_document(indexed(guide_document))

    def withdraw(self, code: str) -> None:
        self._writer.delete_documents_by_term("code", code)

    def flush(self) -> None:
        pass  # documents are written as they come; tantivy refuses none

    def put_meanings(self, table: MeaningTable | None) -> None:
        self._meanings = table

    def put_services(self, documents: list[ServiceDocument], touched: list[str]) -> None:
        self._services = documents
        self._touched = touched

    def commit(self) -> None:
        self._writer.commit()
        self._writer.wait_merging_threads()
        generation = self._generation or self.engine.directory / self._previous
        if self._services is not None:
            self._write_services(generation / SERVICES)
        if self._meanings is None:
            embedded_meanings.remove(generation)
        elif self._meanings is not False:
            self._index.reload()
            live = set(_values_of(self._index.searcher(), "f_meaning"))
            embedded_meanings.write(generation, _keeping(self._meanings, live))
        if self.replace:
            (self._generation / BUILDING).unlink()
            self.engine._point_to(self._generation)
            self.engine._drop_old_generations(keep={self._generation.name, self._previous})
        else:
            self._index.reload()  # this process sees the load at once; others within a second
        self._finish()

    def _write_services(self, directory: Path) -> None:
        """The load's services into the generation's services index, each counted and represented
        from the copies the index now holds; a service left without copies leaves it."""
        if not self._fresh and not (directory / "meta.json").exists():
            return  # an index from before services: searched copy by copy until a --replace
        self._index.reload()
        searcher = self._index.searcher()
        counts = _counts_of(searcher, "f_service")
        compiler = self.engine.compiler
        if self._fresh:
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir(parents=True)
        index = tantivy.Index(self.engine.services_schema, path=str(directory), reuse=not self._fresh)
        writer = index.writer(WRITER_HEAP // 4, 1)
        for service in self._touched:
            writer.delete_documents_by_term("f_service", service)
        values_path = directory / SERVICE_VALUES
        values = {} if self._fresh else json.loads(values_path.read_text(encoding="utf-8"))
        for document in self._services:
            values.pop(document.service, None)
            if not counts.get(document.service):
                continue
            values[document.service] = document.values
            if not self.replace:  # the lowest code of the copies there are now
                found = searcher.search(compiler.any_term("f_service", [document.service]), 1,
                                        order_by_field=CODE_START, order=tantivy.Order.Asc).hits
                document = replace(document, representative=_guide(searcher.doc(found[0][1])))
            writer.add_document(indexed(replace(document, copies=counts[document.service])))
        writer.commit()
        writer.wait_merging_threads()
        temporary = values_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, values_path)

    def abort(self) -> None:
        try:
            self._writer.rollback()
            self._writer.wait_merging_threads()
        finally:
            if self.replace:
                shutil.rmtree(self._generation, ignore_errors=True)
            self._finish()

    def _finish(self) -> None:
        self._done = True
        self._lock.close()


def _guide(document: tantivy.Document) -> Guide:
    return Guide.from_stored(json.loads(bytes(document.get_first(SOURCE))))


def _values_of(searcher, field: str) -> list[str]:
    """Every value of a facet field, by a terms aggregation over the whole index."""
    return list(_counts_of(searcher, field))


def _counts_of(searcher, field: str) -> dict[str, int]:
    """Every value of a facet field with its number of documents."""
    found = searcher.aggregate(tantivy.Query.all_query(), {"values": {"terms": {"field": field, "size": 1_000_000}}})
    return {bucket["key"]: bucket["doc_count"] for bucket in found["values"]["buckets"]}


def _keeping(table: MeaningTable, keys: set[str]) -> MeaningTable:
    """The table's rows whose meaning some guide still has."""
    kept = [number for number, row in enumerate(table.rows) if row.key in keys]
    return MeaningTable(table.model, [table.rows[n] for n in kept], table.vectors[kept])


def _fast_column(searcher, column: str, addresses: list) -> list | None:
    """The values of a numeric fast column for ``addresses``, or None where the index was written
    before the column (the caller reads stored documents instead)."""
    try:
        values = searcher.fast_field_values(column, addresses)
    except ValueError:  # the live index has no such column
        return None
    return None if None in values else values


def _tied_by_group(hits, groups: list, wanted: list) -> dict[object, list[tuple[float, float, object]]]:
    """Each wanted group's hits tied at its best rounded score, as (rounded, score, address)."""
    tied: dict[object, list[tuple[float, float, object]]] = {}
    ids = {group_id(value): value for value in wanted}
    for (score, address), group in zip(hits, groups):
        key = ids.get(group, group)
        rounded = round(score, 3)
        if key not in tied:
            tied[key] = [(rounded, score, address)]
        elif tied[key][0][0] == rounded:
            tied[key].append((rounded, score, address))
    return tied


def _groups_on_page(hits, groups: list, wanted: int) -> list[list[tuple[float, float, object]]]:
    """The groups that can be on a page of ``wanted``, best first: each group's hits tied at its
    best rounded score, as (rounded, score, address). Hits come best first, so the first hit of a
    group is its best, and once ``wanted`` groups are found a lower score ends the page."""
    tied: dict[object, list[tuple[float, float, object]]] = {}
    last_of_page = previous = rounded = None
    for (score, address), group in zip(hits, groups):
        if score != previous:  # copies mostly score alike: round each score once
            previous, rounded = score, round(score, 3)
        if last_of_page is not None and rounded < last_of_page:
            break
        if group not in tied:
            tied[group] = [(rounded, score, address)]
            if len(tied) == wanted:
                last_of_page = rounded
        elif tied[group][0][0] == rounded:
            tied[group].append((rounded, score, address))
    return list(tied.values())


def _acquire_lock(path: Path):
    handle = open(path, "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise IndexBusy("another load into this index is running; try again when it has finished") from None
    return handle


def _stamp(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_ino)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path
