"""Guide search on an Elasticsearch 8 cluster.

Guides live in ``<prefix>-guides-<stamp>`` behind the alias ``<prefix>-guides``, with two
companions moved in the same ``update_aliases``: ``<prefix>-services`` (one document a service,
the values of all its copies: a search for one hit a service without a branch ranks these, then
reads each page service's serving copy) and ``<prefix>-meanings`` (``search.meaning``). Text
arrives analysed by ``search.analysis`` (the same chain as the embedded engine), the
mapping comes from ``search.schema`` and queries from ``search.engines.es_queries``, so both
engines answer alike; this module only talks to the cluster.

Loads:
- ``--replace`` builds a new index (refresh off, no replicas), bulk loads it, restores
  refresh and ``auto_expand_replicas: 0-1``, then moves the alias in one atomic
  ``update_aliases``. A crash mid-load leaves the alias on the old index; the half-built
  one is deleted by the next load. The index just replaced is kept for searches still on
  it until the next load, like the embedded engine's previous generation.
- A plain load bulk-indexes into the live index. Readers see its guides as they arrive
  (within the refresh interval, 1 s), not all at once; the engine refreshes at the end.
- One load at a time across every host: a create-only lock document with an expiry.
"""

from __future__ import annotations

import os
import socket
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Iterator

import elasticsearch
import numpy as np
from elasticsearch import helpers

from search.engines import es_queries
from search.errors import BackendUnavailable, IndexBusy
from search.guide import Guide
from search.es import ElasticsearchConfig, cluster
from search.models import (
    Branch,
    EngineHit,
    EngineQuery,
    EngineResult,
    FacetCount,
    GuideDocument,
    Lexicon,
    MeaningRow,
    MeaningTable,
    NearestQuery,
    Neighbour,
    Retrieved,
    ServiceDocument,
    Suggestion,
)
from search.schema import LOCALITY_FIELDS, MEANING_FACETS, NAMING_FIELDS, VOCABULARY_FIELDS, facet_field, passes

VERSION_CHECK_SECONDS = 2.0  # how stale the lexicon and the feed's catalogue may be on another host
BULK_CHUNK = 500
BULK_TIMEOUT = 120.0
LOCK_TTL_SECONDS = 300  # a crashed loader's lock expires; a live one renews it on every bulk
PAGE = 1000
EMPTY = EngineResult(total=0, hits=[], facets={})


class ElasticsearchGuideEngine:
    """The ``GuideEngine`` on Elasticsearch (see the module docstring for the layout)."""

    def __init__(self, config: ElasticsearchConfig):
        self.config = config
        self.cluster = cluster(config)
        self.es = self.cluster.es  # requests: a hung node costs one at most the request budget
        self.loads = self.cluster.patient  # loads and reads through a whole index: they wait out a busy cluster
        self.alias = f"{config.prefix}-guides"
        self.meanings_alias = f"{config.prefix}-meanings"  # moved with the guides alias, in one update
        self.services_alias = f"{config.prefix}-services"  # … and so is this
        self.lock_index = f"{config.prefix}-locks"
        self._version: tuple[float, object] | None = None  # (checked at, version)
        self._lexicon: Lexicon | None = None
        self._meanings_model: tuple[object, str | None] | None = None  # (version, model)
        self._has_services: tuple[object, bool] | None = None  # (version, whether the services index is there)

    # -- reading -------------------------------------------------------------------

    def search(self, query: EngineQuery) -> EngineResult:
        return self.search_first([query])[1]

    def search_first(self, queries: list[EngineQuery]) -> tuple[int, EngineResult]:
        retrieved = self.retrieve(queries)
        return retrieved.position, retrieved.result

    def retrieve(self, attempts: list[EngineQuery], nearest: NearestQuery | None = None) -> Retrieved:
        """The strict attempt and the nearest meanings in one ``_msearch`` round trip (most
        queries end there), then the rest of the ladder in another."""
        knn = [({"index": self.meanings_alias}, es_queries.knn_body(nearest))] if nearest else []
        strict = [self._request(query) for query in attempts[:1]]
        responses = self._msearch(strict + knn)
        neighbours = _neighbours(responses[-1], nearest.k) if nearest else []
        if not attempts:
            return Retrieved(0, EMPTY, neighbours)
        position, result = self._first_found(responses[:1], attempts[:1], 0)
        if not result.total and len(attempts) > 1:
            rest = self._msearch([self._request(query) for query in attempts[1:]])
            position, result = self._first_found(rest, attempts[1:], 1)
        return Retrieved(position, self._serving(result, attempts[position]), neighbours)

    def _by_service(self, query: EngineQuery) -> bool:
        """Whether the services index answers ``query``: one hit a service, nationwide."""
        return query.collapse == "service" and query.branch is None and self._services_there()

    def _request(self, query: EngineQuery) -> tuple[dict, dict]:
        if self._by_service(query):
            return {"index": self.services_alias}, es_queries.search_body(query, services=True)
        return {}, es_queries.search_body(query)

    def _services_there(self) -> bool:
        version = self.version()
        if self._has_services is None or self._has_services[0] != version:
            found = self.cluster.read("services", lambda: self.es.indices.exists_alias(name=self.services_alias))
            self._has_services = (version, bool(found))
        return self._has_services[1]

    def _serving(self, result: EngineResult, query: EngineQuery) -> EngineResult:
        """A services index's hits as copies: each service in its copy passing the filters that
        the locality boosts rank first (equal scores: the lowest code), its representative where
        nothing asks for another copy (or it passes the filters), else its lowest code passing them."""
        local = [boost for boost in query.boosts if boost.field in LOCALITY_FIELDS]
        if not result.hits or not self._by_service(query) or not (query.filters or local):
            return result
        services = [hit.guide.service for hit in result.hits]
        chosen = {}
        if local:
            chosen = self._copies_of(es_queries.serving_body(services, replace(query, boosts=local), by_code=False))
        wanted = [hit.guide.service for hit in result.hits if hit.guide.service not in chosen
                  and not passes(hit.guide, query.filters)]
        if wanted:
            chosen.update(self._copies_of(es_queries.serving_body(wanted, query, by_code=True)))
        hits = []
        for hit in result.hits:
            copy = chosen.get(hit.guide.service)
            if copy is not None:
                hits.append(replace(hit, code=copy.code, guide=copy))
            elif passes(hit.guide, query.filters):
                hits.append(hit)
        return EngineResult(result.total, hits, result.facets)

    def _copies_of(self, body: dict) -> dict[str, Guide]:
        response = self._search("serving copies", body) or {"hits": {"hits": []}}
        guides = [Guide.from_stored(hit["_source"]["guide"]) for hit in response["hits"]["hits"]]
        return {guide.service: guide for guide in guides}

    def nearest(self, query: NearestQuery) -> list[Neighbour]:
        return self.retrieve([], query).neighbours

    def meanings_model(self) -> str | None:
        version = self.version()
        if self._meanings_model is None or self._meanings_model[0] != version:
            mappings = self.cluster.read("meanings", lambda: self.es.indices.get_mapping(
                index=self.meanings_alias, local=True))
            model = next(iter(mappings.values()))["mappings"].get("_meta", {}).get("model") if mappings else None
            self._meanings_model = (version, model)
        return self._meanings_model[1]

    def meanings(self) -> MeaningTable | None:
        """Every meaning of the live index with its vector, a page at a time."""
        model = self.meanings_model()
        if model is None:
            return None
        rows, vectors, after = [], [], None
        while True:
            body = {"size": PAGE, "sort": ["key"], "_source": ["key", "service", "text", "vector", *MEANING_FACETS]}
            if after:
                body["search_after"] = after
            hits = self.cluster.read("meanings", lambda: self.loads.search(
                index=self.meanings_alias, body=body))["hits"]["hits"]
            if not hits:
                break
            for hit in hits:
                source = hit["_source"]
                rows.append(MeaningRow(source["key"], source["service"], source["text"],
                                       {facet: tuple(source.get(facet) or ()) for facet in MEANING_FACETS}))
                vectors.append(source["vector"])
            after = hits[-1]["sort"]
        return MeaningTable(model, rows, np.array(vectors, dtype=np.float32).reshape(len(rows), -1 if rows else 0))

    def _msearch(self, searches: list[tuple[dict, dict]]) -> list[dict]:
        """Responses of the searches (header, body) in one round trip; a missing index answers empty."""
        if not searches:
            return []
        lines = [part for search in searches for part in search]
        with self.cluster.guarded("search"):
            try:
                return self.es.msearch(index=self.alias, searches=lines)["responses"]
            except elasticsearch.NotFoundError:
                return [{"status": 404, "error": {}}] * len(searches)

    def _first_found(self, responses: list[dict], queries: list[EngineQuery], offset: int) -> tuple[int, EngineResult]:
        last = offset + len(queries) - 1
        for position, response in enumerate(responses, offset):
            if "error" in response:
                if response.get("status") == 404:
                    return last, EMPTY
                raise BackendUnavailable(f"Elasticsearch could not run the search: {response['error'].get('reason')}")
            result = self._result(response, queries[position - offset])
            if result.total or position == last:
                return position, result
        raise ValueError("search_first needs at least one query")

    def directory_facets(self, filters: dict[str, list[str]], facets, size: int,
                         branch: Branch | None = None) -> dict[str, list[FacetCount]]:
        """Counts of services (a service's copies count once), as search answers count."""
        body = {"size": 0, "aggs": es_queries.facet_aggs(facets, size, facet_field("service")), "track_total_hits": False}
        clauses = es_queries.filter_clauses(filters, branch)
        if clauses:
            body["query"] = {"bool": {"filter": clauses}}
        response = self._search("directory", body)
        return _facets(response, facets) if response else {facet: [] for facet in facets}

    def suggest(self, key: str, size: int) -> list[Suggestion]:
        index = self.services_alias if self._services_there() else self.alias
        response = self.cluster.read("suggest", lambda: self.es.search(index=index, body=es_queries.suggest_body(key, size)))
        suggestions: dict[str, Suggestion] = {}
        for hit in (response or {}).get("hits", {}).get("hits", []):
            guide = hit["_source"]["guide"]["record"]
            suggestions.setdefault(guide["name"], Suggestion(guide["name"], guide["code"]))
            if len(suggestions) == size:
                break
        return list(suggestions.values())

    def get(self, code: str) -> Guide | None:
        found = self.cluster.read("get", lambda: self.es.get(index=self.alias, id=code, source_includes=es_queries.SOURCE))
        return Guide.from_stored(found["_source"]["guide"]) if found else None

    def count(self) -> int:
        return self.cluster.read("count", lambda: self.es.count(index=self.alias)["count"], missing=0)

    def all_guides(self) -> Iterator[Guide]:
        """Every guide, a page at a time, from one point in time (a consistent snapshot)."""
        with self.cluster.guarded("all guides"):
            try:
                pit = self.loads.open_point_in_time(index=self.alias, keep_alive="2m")["id"]
            except elasticsearch.NotFoundError:
                return
        try:
            after = None
            while True:
                body = {"size": PAGE, "sort": ["_shard_doc"], "pit": {"id": pit, "keep_alive": "2m"},
                        "_source": es_queries.SOURCE, "track_total_hits": False}
                if after:
                    body["search_after"] = after
                with self.cluster.guarded("all guides"):
                    hits = self.loads.search(body=body)["hits"]["hits"]
                if not hits:
                    return
                yield from (Guide.from_stored(hit["_source"]["guide"]) for hit in hits)
                after = hits[-1]["sort"]
        finally:
            with self.cluster.guarded("all guides"):
                self.loads.close_point_in_time(id=pit)

    def lexicon(self) -> Lexicon:
        version = self.version()
        if self._lexicon is None or self._lexicon.version != version:
            self._lexicon = self._read_lexicon(version)
        return self._lexicon

    def version(self) -> object:
        """The live index and its load stamp, looked up at most every few seconds."""
        now = time.monotonic()
        if self._version is None or now - self._version[0] > VERSION_CHECK_SECONDS:
            self._version = (now, self._read_version())
        return self._version[1]

    def health(self) -> str | None:
        """None when the cluster serves; else what is wrong, at once while the breaker is open."""
        try:
            with self.cluster.guarded("health"):
                status = self.es.cluster.health(local=True)["status"]  # local: a hung master holds no one up
        except Exception as error:  # noqa: BLE001 — any failure is what health reports
            return str(error)
        return None if status in ("green", "yellow") else f"Elasticsearch cluster is {status}"

    def service_documents(self, services: list[str]) -> dict[str, ServiceDocument]:
        if not services or not self._services_there():
            return {}
        body = {"query": {"terms": {"f_service": services}}, "size": len(services), "_source": ["guide", "copies", "values"]}
        response = self.cluster.read("services", lambda: self.es.search(index=self.services_alias, body=body))
        documents = {}
        for hit in (response or {}).get("hits", {}).get("hits", []):
            source = hit["_source"]
            service = source["values"]["f_service"][0]
            documents[service] = ServiceDocument(service, source["values"], Guide.from_stored(source["guide"]), source["copies"])
        return documents

    def drop(self) -> None:
        with self.cluster.guarded("drop"):
            for alias in (self.alias, self.meanings_alias, self.services_alias):
                self.loads.indices.delete(index=f"{alias}-*", ignore_unavailable=True, allow_no_indices=True)
            self.loads.indices.delete(index=self.lock_index, ignore_unavailable=True)
        self._touched()

    # -- writing -------------------------------------------------------------------

    def writer(self, replace: bool = False) -> "ElasticsearchGuideWriter":
        return ElasticsearchGuideWriter(self, replace)

    # -- internals -----------------------------------------------------------------

    def _search(self, what: str, body: dict) -> dict | None:
        return self.cluster.read(what, lambda: self.es.search(index=self.alias, body=body))

    def _result(self, response: dict, query: EngineQuery) -> EngineResult:
        hits = []
        for hit in response["hits"]["hits"]:
            guide = Guide.from_stored(hit["_source"]["guide"])
            hits.append(EngineHit(guide.code, hit["_score"] or 0.0, guide, hit["_source"].get("copies")))
        facets = _facets(response, query.facets) if query.facets else {}
        total = response["hits"]["total"]["value"]
        if query.collapse and es_queries.DISTINCT in response.get("aggregations", {}):
            total = int(response["aggregations"][es_queries.DISTINCT]["value"]) if total else 0
        return EngineResult(total=total, hits=hits, facets=facets)

    def _read_version(self) -> object:
        # From the cluster state of the node asked (local): a hung master holds no search up.
        mappings = self.cluster.read("version", lambda: self.es.indices.get_mapping(index=self.alias, local=True))
        if mappings is None:
            return None
        # One index behind the alias; every index named and its load stamp make the version.
        return tuple(sorted((index, body["mappings"].get("_meta", {}).get("loaded_at")) for index, body in mappings.items()))

    def _read_lexicon(self, version) -> Lexicon:
        counts = {name: self._values(f"lex_{name}") for name in NAMING_FIELDS}
        vocabulary: dict[str, int] = {}
        for name in VOCABULARY_FIELDS:
            for term, count in counts[name].items():
                vocabulary[term] = vocabulary.get(term, 0) + count
        corpus = frozenset(self._values("lex_corpus"))
        response = self._search("lexicon", es_queries.directory_body())
        nodes = _facets(response, (*es_queries.DIRECTORY_FACETS, "region")) if response else {}
        regions = {count.value: count.count for count in nodes.pop("region", ())}
        directory = {facet: [count.value for count in found] for facet, found in nodes.items()}
        naming = frozenset(term for per_field in counts.values() for term in per_field)
        return Lexicon(version, vocabulary, corpus, directory, regions, naming, frozenset(self._values(facet_field("parent"))))

    def _values(self, field: str) -> dict[str, int]:
        """Every value of a keyword field with its guide count, a composite page at a time."""
        values: dict[str, int] = {}
        after = None
        while True:
            response = self._search("lexicon", es_queries.lexicon_body(field, after))
            if not response:
                return values
            terms = response["aggregations"]["terms"]
            values.update((bucket["key"]["term"], bucket["doc_count"]) for bucket in terms["buckets"])
            after = terms.get("after_key")
            if not after or not terms["buckets"]:
                return values

    def _touched(self) -> None:
        """This process changed the index: look at the version again on the next request."""
        self._version = None


class ElasticsearchGuideWriter:
    """One load (see the module docstring); used as a context manager like the embedded one."""

    def __init__(self, engine: ElasticsearchGuideEngine, replace: bool):
        self.engine = engine
        self.es = engine.loads
        self.cluster = engine.cluster
        self.replace = replace
        self.failures: list[tuple[object, str]] = []
        self._actions: list[dict] = []
        self._origins: dict[str, object] = {}
        self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk")
        self._in_flight: Future | None = None
        self._meanings: MeaningTable | None | bool = False  # False: leave them as they are
        self._services: tuple[list[ServiceDocument], list[str]] | None = None
        self._done = False
        self._lock = LoadLock(engine.cluster, engine.lock_index, f"{engine.alias}-load")
        self._lock.acquire()
        try:
            with self.cluster.guarded("start a load"):
                self._live = self._live_index(engine.alias)
                self._live_meanings = self._live_index(engine.meanings_alias)
                self._live_services = self._live_index(engine.services_alias)
                self._drop_stale_indexes()
                self._fresh = not self._live or not self.es.count(index=self._live)["count"]
                self._target = self._create_index(building=True) if replace else (self._live or self._create_live())
        except BaseException:
            self._lock.release()
            raise

    def __enter__(self) -> "ElasticsearchGuideWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        if not self._done:
            self.abort()

    def upsert(self, document: GuideDocument, origin: object = None) -> None:
        self._actions.append({"_op_type": "index", "_index": self._target, "_id": document.code,
                              "_source": es_queries.document(document)})
        self._origins[document.code] = origin
        if len(self._actions) >= BULK_CHUNK:
            self._flush()

    def withdraw(self, code: str) -> None:
        self._actions.append({"_op_type": "delete", "_index": self._target, "_id": code})
        self._origins.pop(code, None)
        if len(self._actions) >= BULK_CHUNK:
            self._flush()

    def flush(self) -> None:
        self._flush()
        self._wait_for_bulk()

    def put_meanings(self, table: MeaningTable | None) -> None:
        self._meanings = table

    def put_services(self, documents: list[ServiceDocument], touched: list[str]) -> None:
        self._services = (documents, touched)

    def commit(self) -> None:
        self.flush()
        with self.cluster.guarded("finish the load"):
            self.es.indices.refresh(index=self._target)
            meanings = self._meanings_index() if self._meanings not in (None, False) else None
            if self.replace:
                services = self._services_index() if self._services else None
                self._make_live(meanings, services)
            else:
                if self._services and self._live_services:
                    self._update_services(self._live_services)
                elif self._services and self._fresh:  # the first load: nothing to merge into
                    self._swap((self.engine.services_alias, None, self._services_index()))
                self._stamp(self._target)
                if self._meanings is not False:
                    self._swap((self.engine.meanings_alias, self._live_meanings, meanings))
        self.engine._touched()
        self._finish()

    def abort(self) -> None:
        try:
            try:
                self._wait_for_bulk()
            except Exception:  # noqa: BLE001 — aborting anyway; the load's own error is what counts
                pass
            if self.replace:
                with self.cluster.guarded("abort the load"):
                    self.es.indices.delete(index=self._target, ignore_unavailable=True)
        finally:
            self._finish()

    # -- internals -----------------------------------------------------------------

    def _flush(self) -> None:
        """Hand the buffered actions to the bulk thread: one bulk request in flight while this
        thread analyses the next guides."""
        if not self._actions:
            return
        actions, origins = self._actions, self._origins
        self._actions, self._origins = [], {}
        self._wait_for_bulk()
        self._in_flight = self._sender.submit(self._send, actions, origins)

    def _wait_for_bulk(self) -> None:
        future, self._in_flight = self._in_flight, None
        if future is not None:
            future.result()  # a failed bulk fails the load here

    def _send(self, actions: list[dict], origins: dict[str, object]) -> None:
        with self.cluster.guarded("bulk load"):
            results = helpers.streaming_bulk(
                self.es.options(request_timeout=BULK_TIMEOUT), actions, chunk_size=BULK_CHUNK,
                raise_on_error=False, max_retries=3, initial_backoff=1,
            )
            for ok, item in results:
                operation, result = next(iter(item.items()))
                if not ok and not (operation == "delete" and result.get("status") == 404):
                    reason = result.get("error", {})
                    reason = reason.get("reason", str(reason)) if isinstance(reason, dict) else str(reason)
                    self.failures.append((origins.get(result["_id"]), f"Elasticsearch refused it: {reason}"))
        self._lock.renew()

    def _live_index(self, alias: str) -> str | None:
        try:
            return next(iter(self.es.indices.get_alias(name=alias)))
        except elasticsearch.NotFoundError:
            return None

    def _drop_stale_indexes(self) -> None:
        """Indexes of earlier loads not behind an alias: the ones replaced last time, or ones
        half-built by a load that crashed."""
        for alias, live in ((self.engine.alias, self._live), (self.engine.meanings_alias, self._live_meanings),
                            (self.engine.services_alias, self._live_services)):
            for index in self.es.indices.get(index=f"{alias}-*", expand_wildcards="open,closed"):
                if index != live:
                    self.es.indices.delete(index=index, ignore_unavailable=True)

    def _create_index(self, building: bool, alias: str | None = None, mappings: dict | None = None) -> str:
        name = f"{alias or self.engine.alias}-{time.strftime('%Y%m%dt%H%M%S')}-{os.urandom(3).hex()}"
        settings = {"number_of_shards": self.engine.config.shards}
        settings.update({"number_of_replicas": 0, "refresh_interval": "-1"} if building else {"auto_expand_replicas": "0-1"})
        self.es.indices.create(index=name, settings=settings, mappings=mappings or es_queries.mapping())
        return name

    def _meanings_index(self) -> str:
        """A new meanings index holding the load's meanings that some guide of the index still has."""
        live = set(self._values_of("f_meaning"))
        table = self._meanings
        name = self._create_index(building=True, alias=self.engine.meanings_alias,
                                  mappings=es_queries.meanings_mapping(table.model, table.vectors.shape[1]))
        actions = ({"_index": name, "_id": row.key, "_source": es_queries.meaning_document(row, vector)}
                   for row, vector in zip(table.rows, table.vectors) if row.key in live)
        helpers.bulk(self.es.options(request_timeout=BULK_TIMEOUT), actions, chunk_size=BULK_CHUNK, max_retries=3)
        self.es.indices.put_settings(index=name, settings={"index": {"refresh_interval": None, "auto_expand_replicas": "0-1"}})
        self.es.indices.refresh(index=name)
        return name

    def _services_index(self) -> str:
        """A new services index holding the load's services (a replacement counts every copy)."""
        name = self._create_index(building=True, alias=self.engine.services_alias, mappings=es_queries.services_mapping())
        documents, _ = self._services
        actions = ({"_index": name, "_id": document.service, "_source": es_queries.service_document(document)}
                   for document in documents)
        helpers.bulk(self.es.options(request_timeout=BULK_TIMEOUT), actions, chunk_size=BULK_CHUNK, max_retries=3)
        self.es.indices.put_settings(index=name, settings={"index": {"refresh_interval": None, "auto_expand_replicas": "0-1"}})
        self.es.indices.refresh(index=name)
        return name

    def _update_services(self, index: str) -> None:
        """The touched services in the live services index, each counted and represented (lowest
        code) from the copies the guides index now holds; one without copies leaves."""
        documents, touched = self._services
        counts = self._service_counts(touched)
        body = {"query": {"terms": {"f_service": touched}}, "size": len(touched), "_source": es_queries.SOURCE,
                "collapse": {"field": "f_service"}, "sort": [{"code": "asc"}]}
        found = self.es.search(index=self._target, body=body)["hits"]["hits"] if touched else []
        lowest = {guide.service: guide for guide in (Guide.from_stored(hit["_source"]["guide"]) for hit in found)}
        actions = [{"_op_type": "delete", "_index": index, "_id": service} for service in touched if not counts.get(service)]
        actions += [{"_index": index, "_id": document.service, "_source": es_queries.service_document(
                        replace(document, representative=lowest[document.service], copies=counts[document.service]))}
                    for document in documents if counts.get(document.service)]
        helpers.bulk(self.es.options(request_timeout=BULK_TIMEOUT), actions, chunk_size=BULK_CHUNK, max_retries=3,
                     raise_on_error=False)
        self.es.indices.refresh(index=index)

    def _service_counts(self, services: list[str]) -> dict[str, int]:
        if not services:
            return {}
        body = {"size": 0, "query": {"terms": {"f_service": services}},
                "aggs": {"counts": {"terms": {"field": "f_service", "size": len(services)}}}}
        buckets = self.es.search(index=self._target, body=body)["aggregations"]["counts"]["buckets"]
        return {bucket["key"]: bucket["doc_count"] for bucket in buckets}

    def _values_of(self, field: str) -> list[str]:
        """Every value of a keyword field of the index being loaded, a composite page at a time."""
        values, after = [], None
        while True:
            response = self.es.search(index=self._target, body=es_queries.lexicon_body(field, after))
            terms = response["aggregations"]["terms"]
            values += [bucket["key"]["term"] for bucket in terms["buckets"]]
            after = terms.get("after_key")
            if not after or not terms["buckets"]:
                return values

    def _swap(self, *moves: tuple[str, str | None, str | None]) -> None:
        """Each (alias, old index, new index) at once, in one atomic update (None: no index)."""
        actions = []
        for alias, old, new in moves:
            actions += [{"remove": {"index": old, "alias": alias}}] if old else []
            actions += [{"add": {"index": new, "alias": alias}}] if new else []
        if actions:
            self.es.indices.update_aliases(actions=actions)

    def _create_live(self) -> str:
        name = self._create_index(building=False)
        self._swap((self.engine.alias, None, name))
        return name

    def _make_live(self, meanings: str | None, services: str | None) -> None:
        """The new index behind the alias, its meanings and services behind theirs, in one atomic update."""
        self.es.indices.put_settings(index=self._target, settings={
            "index": {"refresh_interval": None, "auto_expand_replicas": "0-1"}})
        self.es.indices.refresh(index=self._target)
        self._stamp(self._target)
        self.es.cluster.health(index=self._target, wait_for_status="yellow", timeout="60s")
        # A load without meanings (semantic search off) leaves none behind: vectors of guides no
        # longer in the index would be found and resolve to nothing.
        self._swap((self.engine.alias, self._live, self._target), (self.engine.meanings_alias, self._live_meanings, meanings),
                   (self.engine.services_alias, self._live_services, services))

    def _stamp(self, index: str) -> None:
        self.es.indices.put_mapping(index=index, meta={"loaded_at": time.time()})

    def _finish(self) -> None:
        self._done = True
        self._sender.shutdown(wait=True)
        self._lock.release()


class LoadLock:
    """One load at a time across hosts: a document created only if absent, with an expiry.

    A lock left by a loader that died is taken over at once when that loader ran on this
    host (its process is gone), and after its expiry when it ran on another.
    """

    def __init__(self, cluster, index: str, name: str):
        self.cluster = cluster
        self.es = cluster.patient
        self.index = index
        self.name = name
        self.host = socket.gethostname()
        self._held = False

    def acquire(self) -> None:
        with self.cluster.guarded("take the load lock"):
            if not self.es.indices.exists(index=self.index):
                self.es.options(ignore_status=400).indices.create(index=self.index, settings={"auto_expand_replicas": "0-1"})
            for _ in range(2):
                try:
                    self.es.create(index=self.index, id=self.name, document=self._body(), refresh=True)
                    self._held = True
                    return
                except elasticsearch.ConflictError:
                    if not self._break_if_expired():
                        break
        raise IndexBusy("another load into this index is running; try again when it has finished")

    def renew(self) -> None:
        with self.cluster.guarded("renew the load lock"):
            self.es.index(index=self.index, id=self.name, document=self._body())

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        try:
            self.es.delete(index=self.index, id=self.name, refresh=True)
        except (elasticsearch.NotFoundError, elasticsearch.ApiError, elasticsearch.TransportError):
            pass  # expired and taken over, or the cluster is gone: its expiry frees it

    def _break_if_expired(self) -> bool:
        try:
            held = self.es.get(index=self.index, id=self.name)
        except elasticsearch.NotFoundError:
            return True
        holder = held["_source"]
        if holder["expires"] > time.time() and not (holder.get("host") == self.host and not _alive(holder.get("pid"))):
            return False
        try:
            self.es.delete(index=self.index, id=self.name, if_seq_no=held["_seq_no"],
                           if_primary_term=held["_primary_term"], refresh=True)
        except (elasticsearch.ConflictError, elasticsearch.NotFoundError):
            pass
        return True

    def _body(self) -> dict:
        return {"host": self.host, "pid": os.getpid(), "expires": time.time() + LOCK_TTL_SECONDS}


def _alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, TypeError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def _neighbours(response: dict, k: int) -> list[Neighbour]:
    """The services of the nearest meanings, each at its best similarity (a missing index: none)."""
    if "error" in response:
        if response.get("status") == 404:
            return []
        raise BackendUnavailable(f"Elasticsearch could not run the search: {response['error'].get('reason')}")
    best: dict[str, float] = {}
    for hit in response["hits"]["hits"]:
        # dot_product scores (1 + cos) / 2: back to the cosine both engines report
        best.setdefault(hit["_source"]["service"], 2.0 * hit["_score"] - 1.0)
    return [Neighbour(service, similarity) for service, similarity in list(best.items())[:k]]


def _facets(response: dict, facets) -> dict[str, list[FacetCount]]:
    """Buckets' counts: of services where a cardinality of them was asked for, else of documents."""
    aggregations = response.get("aggregations", {})
    return {
        facet: [FacetCount(b["key"], int(b[es_queries.DISTINCT]["value"]) if es_queries.DISTINCT in b else b["doc_count"])
                for b in aggregations.get(facet, {}).get("buckets", [])]
        for facet in facets
    }
