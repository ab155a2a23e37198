"""Wiring: the long-lived parts of the service, built once from the settings.

The API's app factory and the command line both build their parts here, so a part is
configured the same way wherever it runs. Stores are opened on first use, so a command
that only loads guides never creates the case database.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from typing import TYPE_CHECKING

from govsearch.model import ensure_model
from indexer.guides import load_guides
from indexer.report import LoadReport
from govsearch.settings import Settings
from recommender.redis_store import RedisBehaviourStore
from recommender.sqlite_store import SqliteBehaviourStore
from recommender.store import BehaviourStore
from search.analysis import Analyzer, exact_key
from search.analytics import HOT_CHECKED, HotSearches, QueryLog, build_report, names_catalogue, nearest_guide
from search.stores.redis_analytics import RedisAnalyticsStore
from search.stores.redis_counters import RedisCounters
from search.stores.sqlite_analytics import SqliteAnalyticsStore
from search.stores.sqlite_cases import SqliteCaseStore
from search.stores.sqlite_counters import SqliteCounters
from search.cases import CaseStore
from search.encoder import Encoder
from search.errors import BackendUnavailable
from search.engine import GuideEngine
from search.meaning import MeaningVectors
from search.stores.sqlite_vectors import SqliteVectorCache
from search.limits import AdminKeyLimiter, EventLimiter, LookupLimiter
from search.service import SearchService
from synonyms import dictionary_stamp, load_dictionaries

if TYPE_CHECKING:
    from recommender.feed import FeedService

log = logging.getLogger(__name__)
RELOAD_CHECK_SECONDS = 5.0
MAX_LISTED_RULES = 200


@dataclass
class DictionaryReload:
    words: tuple[int, int]  # before, after
    synonym_rules: tuple[int, int]
    stop_phrases: tuple[int, int]
    blocked_terms: tuple[int, int]
    added_rules: list[str]
    removed_rules: list[str]

    def as_json(self) -> dict:
        counts = {name: {"before": before, "after": after} for name, (before, after) in (
            ("words", self.words), ("synonym_rules", self.synonym_rules), ("stop_phrases", self.stop_phrases),
            ("blocked_terms", self.blocked_terms))}
        return {**counts, "added_rules": self.added_rules, "removed_rules": self.removed_rules}


def build_analyzer(settings: Settings) -> Analyzer:
    return Analyzer(load_dictionaries(settings.dictionary_dir))


def open_guide_engine(settings: Settings) -> GuideEngine:
    """The guide engine the settings choose (DESIGN §3)."""
    if settings.backend == "elasticsearch":
        from search.engines.elasticsearch import ElasticsearchGuideEngine

        return ElasticsearchGuideEngine(settings.elasticsearch)
    from search.engines.embedded import EmbeddedGuideEngine

    return EmbeddedGuideEngine(settings.guides_dir)


class Components:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.dictionary_stamp = dictionary_stamp(settings.dictionary_dir)
        self.analyzer = build_analyzer(settings)
        self.guides = open_guide_engine(settings)
        self._checked_at = 0.0

    @cached_property
    def search(self) -> SearchService:
        return SearchService(self.guides, self.analyzer, self.encoder)

    @cached_property
    def encoder(self) -> Encoder | None:
        """The embedding model for queries (one thread: a serving worker's share of a core), or
        None when semantic search is off. Its files are checked (and fetched when missing) here,
        at start, so a missing or corrupt model is one clear error, never one per request."""
        if not self.settings.semantic:
            return None
        return Encoder(ensure_model(self.settings.model_directory), threads=1)

    def load_guides(self, paths, replace: bool = False, progress: bool | None = None,
                    allow_shrink: bool = False) -> LoadReport:
        """``indexer.guides.load_guides`` into this engine, with its meanings when semantic search is on."""
        return load_guides(paths, self.guides, self.analyzer, self.settings.rejected_dir, replace=replace,
                           progress=progress, min_share=self.settings.replace_min_share, allow_shrink=allow_shrink,
                           vectors=self.vectors)

    @cached_property
    def vectors(self) -> MeaningVectors | None:
        """Meaning vectors for loads: cached ones, else encoded with every core of the machine."""
        if not self.settings.semantic:
            return None
        encoder = Encoder(ensure_model(self.settings.model_directory), threads=os.cpu_count() or 1)
        return MeaningVectors(encoder, SqliteVectorCache(self.settings.vectors_path))

    @cached_property
    def cases(self) -> CaseStore:
        """On the cluster beside the guides when the engine is Elasticsearch, else SQLite (DESIGN §3)."""
        if self.settings.backend == "elasticsearch":
            from search.stores.es_cases import ElasticsearchCaseStore

            return ElasticsearchCaseStore(self.settings.elasticsearch)
        return SqliteCaseStore(self.settings.sqlite_path)

    def semantic_state(self) -> dict:
        """For /healthz: the model queries are encoded with, the one the live index's meanings were
        encoded with (searching by words alone when they differ), and recent encoding latency."""
        if self.encoder is None:
            return {"model": None, "index": None, "encode_ms": None}
        try:
            index = self.guides.meanings_model()
        except Exception as error:  # noqa: BLE001 — the engine is down: the dependencies say so
            index = f"unknown ({type(error).__name__})"
        return {"model": self.encoder.identity, "index": index, "encode_ms": self.encoder.latency_ms()}

    def health(self) -> dict[str, str]:
        """Each dependency's state for ``/healthz``: "ok" or what is wrong."""
        states = {"guides": self.guides.health() or "ok"}
        if self.settings.backend == "elasticsearch":
            states["cases"] = states["guides"]  # the same cluster
        if self.settings.redis_url:
            try:
                self.redis.ping()
                states["redis"] = "ok"
            except Exception as error:  # noqa: BLE001 — any failure is what health reports
                states["redis"] = f"Redis cannot be reached: {type(error).__name__}"
        return states

    @cached_property
    def redis(self):
        """One client (a connection pool) for everything kept in Redis, when REDIS_URL is set."""
        from search.stores.redis_client import connect

        return connect(self.settings.redis_url)


    @cached_property
    def lookup_limiter(self) -> LookupLimiter:
        return LookupLimiter(self._store(RedisCounters, SqliteCounters), self._counter_key())

    @cached_property
    def admin_key_limiter(self) -> AdminKeyLimiter:
        return AdminKeyLimiter(self._store(RedisCounters, SqliteCounters), self._counter_key())

    @cached_property
    def event_limiter(self) -> EventLimiter:
        return EventLimiter(self._store(RedisCounters, SqliteCounters), self._counter_key())

    @cached_property
    def behaviour(self) -> BehaviourStore:
        return self._store(RedisBehaviourStore, SqliteBehaviourStore)

    @cached_property
    def query_log(self) -> QueryLog:
        return QueryLog(self._store(RedisAnalyticsStore, SqliteAnalyticsStore), self._counter_key())

    def _store(self, on_redis, on_sqlite):
        """Redis when REDIS_URL is set, else the data dir's SQLite file (DESIGN §3)."""
        if self.settings.redis_url:
            return on_redis(self.redis, self.settings.index_prefix + ":")
        return on_sqlite(self.settings.sqlite_path)

    @cached_property
    def hot_searches(self) -> HotSearches:
        def blocked() -> frozenset[str]:
            return frozenset(exact_key(self.analyzer.normalize(t)) for t in self.analyzer.dictionaries.blocked_terms)

        # The list is recomputed every minute from up to 200 candidates, each a search: ask
        # each query once per state of the index and the dictionaries.
        @lru_cache(maxsize=HOT_CHECKED * 20)
        def names_it(query: str, index_version, dictionaries) -> int | None:
            return names_catalogue(self.search, query)

        def names_it_now(query: str) -> int | None:
            # While the cluster is out, the portal keeps the last list rather than wait for it.
            if not self.guides_reachable():
                raise BackendUnavailable("the guide engine is unavailable; hot searches are not checked now")
            return names_it(query, self.guides.version(), self.dictionary_stamp)

        return HotSearches(self.query_log.store, blocked, names_it_now)

    def guides_reachable(self) -> bool:
        """False while an Elasticsearch outage goes on (its breaker open or probing), so what can
        do without the cluster does not wait for it; the embedded engine is always there."""
        if self.settings.backend != "elasticsearch":
            return True
        from search.es import cluster

        return cluster(self.settings.elasticsearch).breaker.closed

    def usage_report(self, days: int) -> dict:
        """The operators' report (DESIGN §1: 统计分析), including what this process still buffers."""
        self.query_log.flush()

        def guide_name(code: str) -> str | None:
            guide = self.search.guide(code)
            return guide.name if guide else None

        return build_report(self.query_log.store, days, partial(nearest_guide, self.search), guide_name)

    @cached_property
    def feed(self) -> "FeedService":
        from recommender.feed import FeedService  # scikit-learn: seconds to import, only where the feed is used

        return FeedService(self.behaviour, self.guides, self.analyzer, min_people=self.settings.feed_min_people)

    def _counter_key(self) -> bytes:
        """Keys the hashes that stand for client addresses and case numbers in counters and logs.

        The secret when set; otherwise a random key kept in the data dir, the same for every
        worker process, so all of them count together.
        """
        if self.settings.secret:
            return self.settings.secret.encode()
        path = self.settings.data_dir / "counter.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
                handle.write(secrets.token_hex(32))
        return path.read_text().strip().encode()

    def reload_dictionaries(self) -> DictionaryReload:
        """Load the dictionary files again and make queries use them; no restart needed.

        New user-dictionary words reach queries at once; guides indexed before still carry
        the old cuts until the next ``index guides --replace``.
        """
        before = self.analyzer.dictionaries
        self.dictionary_stamp = dictionary_stamp(self.settings.dictionary_dir)
        self.analyzer = build_analyzer(self.settings)
        self.search.use_dictionaries(self.analyzer)
        if "feed" in self.__dict__:
            self.feed.use_analyzer(self.analyzer)
        after = self.analyzer.dictionaries
        rules_before = {rule.text for rule in before.synonym_rules}
        rules_after = {rule.text for rule in after.synonym_rules}
        change = DictionaryReload(
            (len(before.user_words), len(after.user_words)),
            (len(before.synonym_rules), len(after.synonym_rules)),
            (len(before.stopwords), len(after.stopwords)),
            (len(before.blocked_terms), len(after.blocked_terms)),
            sorted(rules_after - rules_before)[:MAX_LISTED_RULES],
            sorted(rules_before - rules_after)[:MAX_LISTED_RULES],
        )
        log.info("dictionaries reloaded from %s: %d synonym rules, %d added, %d removed", self.settings.dictionary_dir,
                 len(rules_after), len(rules_after - rules_before), len(rules_before - rules_after))
        return change

    def reload_dictionaries_if_edited(self) -> None:
        """Cheap enough to call on every request: looks at the files at most every few seconds."""
        now = time.monotonic()
        if now - self._checked_at < RELOAD_CHECK_SECONDS:
            return
        self._checked_at = now
        if dictionary_stamp(self.settings.dictionary_dir) != self.dictionary_stamp:
            self.reload_dictionaries()


def build_components(settings: Settings) -> Components:
    return Components(settings)
