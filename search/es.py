"""The one Elasticsearch client of a process, and how its failures reach the API.

Every Elasticsearch call of the guide engine and the case store goes through ``Cluster.guarded``:
a cluster that cannot be reached, times out or is overloaded becomes ``BackendUnavailable``
(the API answers 503 with a clear message).

A hung node (it takes the connection and never answers) costs a request at most
``REQUEST_BUDGET``: each call waits for one node a share of it, then tries one other node of
``ELASTICSEARCH_URL`` (never the same one again; a single node is not retried), so losing one
node of a cluster fails nothing. Once a call has failed, the breaker answers every call at
once for a while, then lets one call (a probe) try the cluster while the others still fail
at once; the probe's success closes it. Loads and reads that page through a whole index use
``Cluster.patient``, which waits out a busy cluster.
"""

from __future__ import annotations

import logging
import os
import random
import threading
from contextlib import contextmanager

from dataclasses import dataclass, field
from pathlib import Path

import elastic_transport
import elasticsearch
from elastic_transport import NodeSelector

from search.errors import BackendUnavailable
from search.guard import CircuitBreaker

# Seconds a hung node may cost one call, its retry on another node included (each node tried
# gets an equal share). The API answers within 1.5 s while a node hangs; the rest is the
# request's own work.
REQUEST_BUDGET = 1.2
# Seconds a node that failed gets no request (doubling while it keeps failing, to 30 s): each
# request sent to a hung node costs its share of the budget.
DEAD_NODE_SECONDS = 5.0
# Seconds each request of a load (or of a read through a whole index) may take: creating an
# index waits for its shards, and a cluster busy loading answers slowly but answers.
PATIENT_TIMEOUT = 30.0
OVERLOADED = (429, 500, 502, 503, 504)  # the cluster answered, but cannot serve now
# The client logs every request's URL (and at DEBUG its body): case numbers are document ids
# there, and no case number may reach a log. Warnings (a node lost) still come through.
log = logging.getLogger(__name__)
logging.getLogger("elastic_transport").setLevel(logging.WARNING)
logging.getLogger("elasticsearch").setLevel(logging.WARNING)
# Its retries log a traceback each: one per request while a node hangs. The node pool still
# says which node failed, and the breaker logs one line per outage.
logging.getLogger("elastic_transport.transport").setLevel(logging.ERROR)
logging.getLogger("urllib3.connectionpool").setLevel(logging.WARNING)  # the client's HTTP layer
_clusters: dict[tuple, "Cluster"] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class ElasticsearchConfig:
    """What the Elasticsearch engine and case store need to know: where the cluster is, how to
    sign in, and how their indexes are named and cut."""

    nodes: tuple[str, ...]
    prefix: str = "govsearch"  # of every index and alias
    shards: int = 1  # of the guides index; one shard keeps BM25 statistics the embedded engine's
    api_key: str | None = field(default=None, repr=False)
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_certs: Path | None = None


def cluster(config: ElasticsearchConfig) -> "Cluster":
    """The process's one client for this cluster (a connection pool over every node) with its
    circuit breaker."""
    # Keyed by process too: a worker forked from a process that used the client (the demo loads,
    # then serves) must not share its sockets, or two processes read each other's answers.
    key = (os.getpid(), config.nodes, config.api_key, config.user, config.ca_certs)
    with _lock:
        if key not in _clusters:
            _clusters[key] = Cluster(_connect(config))
        return _clusters[key]


def _connect(config: ElasticsearchConfig) -> elasticsearch.Elasticsearch:
    # A node that fails is put aside by the client's node pool, so the retry goes to another
    # one; with a single node, a retry would wait for the same hung node again.
    attempts = min(2, len(config.nodes))
    options: dict = {
        "request_timeout": REQUEST_BUDGET / attempts,
        "max_retries": attempts - 1,
        "retry_on_timeout": True,
        "retry_on_status": (502, 503, 504),
        "node_selector_class": OtherNodeSelector,
        "dead_node_backoff_factor": DEAD_NODE_SECONDS,
    }
    if config.api_key:
        options["api_key"] = config.api_key
    elif config.user:
        options["basic_auth"] = (config.user, config.password or "")
    if config.ca_certs:
        options["ca_certs"] = str(config.ca_certs)
    return elasticsearch.Elasticsearch(list(config.nodes), **options)


class OtherNodeSelector(NodeSelector):
    """Picks a live node at random, never the one this thread was given last while another is
    live: a retry goes to another node even when the client's pool has just put the failed one
    back (another request's earlier failure of it ran out its wait)."""

    def __init__(self, node_configs):
        super().__init__(node_configs)
        self._given = threading.local()

    def select(self, nodes):
        last = getattr(self._given, "node", None)
        chosen = random.choice([node for node in nodes if node is not last] or nodes)
        self._given.node = chosen
        return chosen


class ProbingBreaker(CircuitBreaker):
    """The guard's breaker with a half-open state that lets one call through: when the breaker's
    time is up, one call (the probe) tries the cluster while every other call still fails at
    once, so a hung cluster holds one request, not every request in flight."""

    def __init__(self):
        super().__init__("Elasticsearch", BackendUnavailable)
        self._probe = threading.RLock()  # re-entrant: a probe's own nested calls go through

    @property
    def closed(self) -> bool:
        """Whether the cluster answered the last call (no outage going on)."""
        return self.failing_since is None

    @contextmanager
    def admitted(self, what: str):
        """Let the call through, as the probe if the breaker is half-open; else fail at once."""
        self.check(what)
        probing = not self.closed
        if probing and not self._probe.acquire(blocking=False):
            raise self.unavailable(f"{self.name} cannot be reached ({what}; another request is trying it)")
        try:
            yield
        finally:
            if probing:
                self._probe.release()


class Cluster:
    """A client and its breaker; every call of the engine and the case store goes through
    ``guarded``. ``es`` serves requests; ``patient`` (the same connections) loads."""

    def __init__(self, es: elasticsearch.Elasticsearch):
        self.es = es
        self.patient = es.options(request_timeout=PATIENT_TIMEOUT)
        self.breaker = ProbingBreaker()

    @contextmanager
    def guarded(self, what: str):
        """Turn an unreachable or overloaded cluster into ``BackendUnavailable``."""
        with self.breaker.admitted(what):
            try:
                yield
            except (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout) as error:
                self.breaker.failed(error)
                raise BackendUnavailable(f"Elasticsearch cannot be reached ({what})") from error
            except elasticsearch.ApiError as error:
                if error.meta.status in OVERLOADED:
                    raise BackendUnavailable(f"Elasticsearch cannot answer now ({what}: {error.meta.status})") from error
                self.breaker.succeeded()  # it answered: reachable
                raise
            except elastic_transport.TransportError as error:
                self.breaker.failed(error)
                raise BackendUnavailable(f"Elasticsearch failed ({what})") from error
            self.breaker.succeeded()

    def read(self, what: str, call, missing=None):
        """``call()`` guarded; ``missing`` when the index (or the document) does not exist yet."""
        with self.guarded(what):
            try:
                return call()
            except elasticsearch.NotFoundError:
                return missing
