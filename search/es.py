"""The one Elasticsearch client of a process, and how its failures reach the API.

Every Elasticsearch call of the guide engine and the case store goes through ``Cluster.guarded``:
a cluster that cannot be reached, times out or is overloaded becomes ``BackendUnavailable``
(the API answers 503 with a clear message); the client itself retries a failed request on
another node of ``ELASTICSEARCH_URL`` first, so losing one node of a cluster fails nothing.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager

from dataclasses import dataclass, field
from pathlib import Path

import elastic_transport
import elasticsearch

from search.errors import BackendUnavailable
from search.guard import CircuitBreaker

REQUEST_TIMEOUT = 5.0  # seconds; bulk loads pass their own, longer one
# The client logs every request's URL (and at DEBUG its body): case numbers are document ids
# there, and no case number may reach a log. Warnings (a node lost) still come through.
log = logging.getLogger(__name__)
logging.getLogger("elastic_transport").setLevel(logging.WARNING)
logging.getLogger("elasticsearch").setLevel(logging.WARNING)
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
    options: dict = {
        "request_timeout": REQUEST_TIMEOUT,
        "max_retries": max(1, len(config.nodes) - 1),  # each other node once
        "retry_on_timeout": True,
        "retry_on_status": (502, 503, 504),
    }
    if config.api_key:
        options["api_key"] = config.api_key
    elif config.user:
        options["basic_auth"] = (config.user, config.password or "")
    if config.ca_certs:
        options["ca_certs"] = str(config.ca_certs)
    return elasticsearch.Elasticsearch(list(config.nodes), **options)


class Cluster:
    """A client and its breaker; every call of the engine and the case store goes through
    ``guarded``."""

    def __init__(self, es: elasticsearch.Elasticsearch):
        self.es = es
        self.breaker = CircuitBreaker("Elasticsearch", BackendUnavailable)

    @contextmanager
    def guarded(self, what: str):
        """Turn an unreachable or overloaded cluster into ``BackendUnavailable``."""
        self.breaker.check(what)
        try:
            yield
        except (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout) as error:
            self.breaker.failed(error)
            raise BackendUnavailable(f"Elasticsearch cannot be reached ({what})") from error
        except elasticsearch.ApiError as error:
            if error.meta.status in (429, 500, 502, 503, 504):
                raise BackendUnavailable(f"Elasticsearch cannot answer now ({what}: {error.meta.status})") from error
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
