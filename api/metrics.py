"""``GET /metrics`` for operators, in Prometheus text format (DESIGN §7).

Recorded as requests are answered: requests by endpoint, method and status, latency by
endpoint, and the hits and misses of the query path's caches. Read at each scrape: each
dependency's state, the guides searchable and the index version. Labels are endpoint names
and fixed words only, never a path, a query, a case number or a client address.

Under ``govsearch serve`` (which sets PROMETHEUS_MULTIPROC_DIR) each gunicorn worker writes
its figures to files there and a scrape sums them, whichever worker answers it; in one
process (tests, the Flask test client) the app's own registry holds them.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import CollectorRegistry, Counter, Histogram, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import choose_encoder

blueprint = Blueprint("metrics", __name__)

# From a cached suggest (a few ms) to a search held up by a slow engine (the 30 s worker timeout).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
ENCODING_BUCKETS = (0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.02, 0.05, 0.1)  # one short text, one core
# Any other method is counted as "other": a label must not take whatever a client sends.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetrics:
    """What the app records as it answers; one set per app."""

    def __init__(self):
        self.registry = CollectorRegistry()
        self.requests = Counter("govsearch_http_requests", "Requests answered, by endpoint, method and status.",
                                ["endpoint", "method", "status"], registry=self.registry)
        self.latency = Histogram("govsearch_http_request_duration_seconds", "Time to answer a request, by endpoint.",
                                 ["endpoint"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.cache_hits = Counter("govsearch_cache_hits", "Lookups a query-path cache answered.", ["cache"],
                                  registry=self.registry)
        self.cache_misses = Counter("govsearch_cache_misses", "Lookups a query-path cache had to compute.", ["cache"],
                                    registry=self.registry)
        self.encoding = Histogram("govsearch_query_encoding_seconds", "Time to encode a query with the embedding model.",
                                  buckets=ENCODING_BUCKETS, registry=self.registry)
        self._cache_counts: dict[str, tuple[object, int, int]] = {}  # name: (cache, hits, misses) counted
        self._encodings_seen = 0
        self._lock = threading.Lock()

    def observe(self, endpoint: str, method: str, status: int, seconds: float | None) -> None:
        self.requests.labels(endpoint, method if method in METHODS else "other", str(status)).inc()
        if seconds is not None:
            self.latency.labels(endpoint).observe(seconds)

    def count_encodings(self, encoder) -> None:
        """Observe the query encodings made since the last call (each request's, as it ends)."""
        if encoder is None:
            return
        with self._lock:
            new = min(encoder.encoded - self._encodings_seen, len(encoder.timings))
            self._encodings_seen = encoder.encoded
            for seconds in list(encoder.timings)[len(encoder.timings) - new:] if new > 0 else ():
                self.encoding.observe(seconds)

    def count_cache_use(self, caches: dict) -> None:
        """Add what each LRU cache saw since the last call; a rebuilt cache counts from zero."""
        with self._lock:
            for name, cache in caches.items():
                info = cache.cache_info()
                counted, hits, misses = self._cache_counts.get(name, (None, 0, 0))
                if counted is not cache:
                    hits = misses = 0
                self.cache_hits.labels(name).inc(info.hits - hits)
                self.cache_misses.labels(name).inc(info.misses - misses)
                self._cache_counts[name] = (cache, info.hits, info.misses)


class ServiceState:
    """A collector read at each scrape by the worker answering it (the state is the same for all)."""

    def __init__(self, components):
        self.components = components

    def collect(self):
        up = GaugeMetricFamily("govsearch_dependency_up", "1 when a dependency answers, else 0 (as /healthz says).",
                               labels=["dependency"])
        for dependency, state in self.components.health().items():
            up.add_metric([dependency], 1.0 if state == "ok" else 0.0)
        yield up
        yield from self._index()
        yield from self._model()

    def _model(self):
        encoder = self.components.search.encoder
        info = GaugeMetricFamily("govsearch_semantic_model_info",
                                 "The embedding model queries are encoded with (none: semantic search off).",
                                 labels=["model"])
        info.add_metric([encoder.identity if encoder else "none"], 1.0)
        yield info

    def _index(self):
        try:
            count, version = self.components.guides.count(), self.components.guides.version()
        except Exception:  # noqa: BLE001 — the engine is down, which govsearch_dependency_up says
            return
        yield GaugeMetricFamily("govsearch_guides_searchable", "Active guides in the live index.", value=count)
        info = GaugeMetricFamily("govsearch_index_version_info",
                                 "The live index generation (a digest that changes with every load).",
                                 labels=["version"])
        info.add_metric([hashlib.sha256(repr(version).encode()).hexdigest()[:12]], 1.0)
        yield info


def register_metrics(app: Flask) -> None:
    """Record every request; call before other hooks are registered, so the clock covers them."""
    metrics = app.extensions["metrics"] = RequestMetrics()

    @app.before_request
    def _start_clock():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _record(response):
        started = g.get("metrics_started")
        endpoint = request.url_rule.endpoint if request.url_rule else "unmatched"
        metrics.observe(endpoint, request.method, response.status_code,
                        time.perf_counter() - started if started is not None else None)
        metrics.count_cache_use(app.extensions["govsearch"].search.caches())
        metrics.count_encodings(app.extensions["govsearch"].search.encoder)
        return response

    app.register_blueprint(blueprint)


@blueprint.get("/metrics")
def scrape():
    registry = CollectorRegistry()
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        multiprocess.MultiProcessCollector(registry)  # every worker's files, summed
    else:
        registry.register(current_app.extensions["metrics"].registry)
    registry.register(ServiceState(current_app.extensions["govsearch"]))
    encode, content_type = choose_encoder(request.headers.get("Accept"))
    return Response(encode(registry), content_type=content_type)
