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

import elastic_transport
import elasticsearch

from govsearch.settings import Settings
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


def cluster(settings: Settings) -> "Cluster":
    """The process's one client for these settings (a connection pool over every node) with
    its circuit breaker."""
    # Keyed by process too: a worker forked from a process that used the client (the demo loads,
    # then serves) must not share its sockets, or two processes read each other's answers.
    key = (os.getpid(), settings.elasticsearch_url, settings.elasticsearch_api_key, settings.elasticsearch_user,
           settings.elasticsearch_ca_certs)
    with _lock:
        if key not in _clusters:
            _clusters[key] = Cluster(_connect(settings))
        return _clusters[key]


def _connect(settings: Settings) -> elasticsearch.Elasticsearch:
    options: dict = {
        "request_timeout": REQUEST_TIMEOUT,
        "max_retries": max(1, len(settings.elasticsearch_nodes) - 1),  # each other node once
        "retry_on_timeout": True,
        "retry_on_status": (502, 503, 504),
    }
    if settings.elasticsearch_api_key:
        options["api_key"] = settings.elasticsearch_api_key
    elif settings.elasticsearch_user:
        options["basic_auth"] = (settings.elasticsearch_user, settings.elasticsearch_password or "")
    if settings.elasticsearch_ca_certs:
        options["ca_certs"] = str(settings.elasticsearch_ca_certs)
    return elasticsearch.Elasticsearch(settings.elasticsearch_nodes, **options)


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
