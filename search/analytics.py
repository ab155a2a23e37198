"""What people search for and open: the query log, hot searches and the operators' report.

Every search and every guide view is appended to an in-process buffer and written to the
analytics store by a background thread, so logging costs a search a few microseconds.
What is written is safe to keep: the query and the filter values normalised and redacted
(``search.redaction``: ID, phone and card numbers, verification codes after their label);
case-number searches without their text; clients as keyed hashes; no user ids, tokens or codes
at all. What is read back for a report or the hot searches is redacted again, so what an older
version kept is never shown.

Clicks: a search answer carries a ``search_id``; the portal opens a guide with
``GET /api/v1/guides/<code>?search_id=…&rank=N``, which counts as a click on that result
(click-through rate and mean click rank per query). A guide opened without them is a view.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import logging
import math
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Protocol

from search.redaction import MASK, redact
from search.models import EngineQuery
from search.plan import PAIR_FIELDS, SearchRequest, pair_concepts

if TYPE_CHECKING:
    from search.service import SearchService

log = logging.getLogger(__name__)

CHINA = timezone(timedelta(hours=8))  # days are counted in the portal's time zone
FLUSH_SECONDS = 1.0
MAX_BUFFERED = 50_000  # beyond this (store unreachable for long), the oldest records are dropped
LATENCY_BUCKETS_MS = (1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000, 2000, 5000)


def day_of(moment: float) -> str:
    return datetime.fromtimestamp(moment, CHINA).strftime("%Y-%m-%d")


def window_days(days: int, now: float | None = None) -> list[str]:
    """The last ``days`` days, today included, newest first."""
    today = datetime.fromtimestamp(time.time() if now is None else now, CHINA)
    return [(today - timedelta(days=back)).strftime("%Y-%m-%d") for back in range(days)]


def _redacted(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: [redact(value) for value in values] for name, values in filters.items()}


def latency_bucket(took_ms: float) -> int:
    return next((edge for edge in LATENCY_BUCKETS_MS if took_ms <= edge), LATENCY_BUCKETS_MS[-1] * 10)


@dataclass
class SearchRecord:
    at: float
    search_id: str
    query: str  # normalised and redacted; "" for case numbers
    intent: str
    total: int
    took_ms: float
    filters: dict
    page: int
    codes: list[str]
    client: str  # keyed hash
    asked: str | None = None  # the fact asked for (fee, materials …), if any
    answered: bool = False  # … and whether the first guide held it

    @property
    def day(self) -> str:
        return day_of(self.at)

    @property
    def unanswered(self) -> str | None:
        """The guide that lacked the fact asked of it (a to-do for the guide's editors), or None."""
        return self.codes[0] if self.asked and not self.answered and self.codes else None


@dataclass
class ViewRecord:
    at: float
    code: str
    search_id: str | None
    rank: int | None
    client: str

    @property
    def day(self) -> str:
        return day_of(self.at)


@dataclass
class QueryFigures:
    """One query's figures over a window."""

    query: str
    searches: int = 0
    found: int = 0  # searches that showed results
    zero: int = 0  # searches that showed nothing
    clients: int = 0  # distinct clients
    clicks: int = 0
    rank_sum: int = 0

    @property
    def click_through_rate(self) -> float:
        return self.clicks / self.found if self.found else 0.0

    @property
    def mean_click_rank(self) -> float | None:
        return self.rank_sum / self.clicks if self.clicks else None


class AnalyticsStore(Protocol):
    def write(self, searches: list[SearchRecord], views: list[ViewRecord]) -> None:
        """Append to the log and the day counters; a view with a search_id counts as a click on its query."""

    def queries(self, days: list[str]) -> list[QueryFigures]:
        """Every query searched on those days, with its figures summed over them."""

    def guide_views(self, days: list[str], limit: int) -> list[tuple[str, int]]:
        """The most opened guides on those days."""

    def latency_histogram(self, days: list[str]) -> dict[int, int]:
        """Searches per latency bucket (upper edge in ms) on those days."""

    def hot_overrides(self) -> dict[str, str]:
        """The operators' decisions on hot searches: query → "approved" or "hidden"."""

    def set_hot_override(self, query: str, state: str | None) -> None:
        """Approve or hide a query as a hot search; ``None`` leaves it to the rules again."""

    def aspects(self, days: list[str]) -> list[tuple[str, int, int]]:
        """(aspect, questions asking it, questions answered) on those days."""

    def unanswered(self, days: list[str], limit: int) -> list[tuple[str, str, int]]:
        """(aspect, guide code, questions) of the facts asked of a guide that lacked them, most asked first."""


@dataclass
class QueryLog:
    """Buffers records and writes them from a background thread."""

    store: AnalyticsStore
    key: bytes
    flush_seconds: float = FLUSH_SECONDS
    _searches: deque = field(default_factory=lambda: deque(maxlen=MAX_BUFFERED))
    _views: deque = field(default_factory=lambda: deque(maxlen=MAX_BUFFERED))
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, address: str) -> str:
        return hmac.new(self.key, address.encode(), hashlib.sha256).hexdigest()[:24]

    def search(self, normalized: str, response: dict, page: int, filters: dict, address: str) -> str:
        """Record a search answer; returns its search_id for click attribution."""
        search_id = secrets.token_hex(8)
        case = response["intent"] == "case"
        self._searches.append(SearchRecord(
            time.time(), search_id, "" if case else redact(normalized), response["intent"], response["total"],
            response["took_ms"], _redacted(filters), page, [item["code"] for item in response["items"]], self.client(address),
            response.get("asked"), response.get("answer") is not None,
        ))
        self._start()
        return search_id

    def view(self, code: str, search_id: str | None, rank: int | None, address: str) -> None:
        self._views.append(ViewRecord(time.time(), code, search_id, rank, self.client(address)))
        self._start()

    def flush(self) -> None:
        with self._lock:
            searches = [self._searches.popleft() for _ in range(len(self._searches))]
            views = [self._views.popleft() for _ in range(len(self._views))]
            if not searches and not views:
                return
            try:
                self.store.write(searches, views)
            except Exception as error:  # noqa: BLE001 — the log must never take search down
                log.warning("query log not written, %d records kept for the next try: %s", len(searches) + len(views), error)
                self._searches.extendleft(reversed(searches))
                self._views.extendleft(reversed(views))

    def _start(self) -> None:
        if self._thread is None and self.flush_seconds > 0:
            self._thread = threading.Thread(target=self._run, name="query-log", daemon=True)
            self._thread.start()
            atexit.register(self.flush)  # a worker stopped by SIGTERM writes what it still holds
        elif self.flush_seconds <= 0:
            self.flush()

    def _run(self) -> None:
        while True:
            time.sleep(self.flush_seconds)
            self.flush()


def percentile_from_histogram(histogram: dict[int, int], fraction: float) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    seen = 0
    for edge in sorted(histogram):
        seen += histogram[edge]
        if seen >= fraction * total:
            return float(edge)
    return float(max(histogram))


HOT_WINDOW_DAYS = 7
HOT_MIN_CLIENTS = 3  # one client repeating a query cannot make it hot …
HOT_MIN_SHARE = 0.001  # … nor a few: it needs people in proportion to the window's searches
HOT_QUIET_SEARCHES = 1_000  # a week's searches below which a portal's hot searches wait for an operator
WAITS_FOR_APPROVAL = "waits for an operator's approval"
HOT_CACHE_SECONDS = 60.0
HOT_KEPT = 50
HOT_CHECKED = 200  # candidates checked against the catalogue per refresh, most asked first
APPROVED, HIDDEN = "approved", "hidden"


@dataclass(frozen=True)
class HotDecision:
    query: str
    clients: int
    shown: bool
    reason: str  # why it is (not) shown, for operators

    def as_json(self) -> dict:
        return {"text": self.query, "count": self.clients, "reason": self.reason}


class HotSearches:
    """热搜 for the search box, recomputed from the store at most once a minute per worker.

    A query is shown when people — many distinct clients, in proportion to traffic, and more
    for an odd phrase — asked it, it found something, and it asks for the catalogue in the
    catalogue's own words (``names_catalogue``: a service name, keyword, synonym or directory
    node, matched exactly); no blocked term, no number. On a quiet portal (fewer than
    HOT_QUIET_SEARCHES a week) a few people could put anything there, so nothing is shown
    until an operator approves it. Operators approve what the rules hold back and
    hide what they let through (``set``); those decisions reach every worker within a minute.
    """

    def __init__(self, store: AnalyticsStore, blocked_terms, names_catalogue):
        self.store = store
        self.blocked_terms = blocked_terms  # () → the normalised blocklist, current after reloads
        self.names_catalogue = names_catalogue  # query → its oddness, or None
        self._cached: tuple[float, list[dict]] | None = None

    def refresh(self) -> None:
        """Forget the cached list: the next ``top`` reads the store again."""
        self._cached = None

    def top(self, size: int) -> list[dict]:
        """The hot searches; while the store cannot be read, the last list seen (or none): a
        portal page does without them."""
        if self._cached is None or time.monotonic() - self._cached[0] > HOT_CACHE_SECONDS:
            try:
                decisions = self.review()
            except Exception as error:  # noqa: BLE001 — a degraded answer, never a failed page
                log.debug("hot searches unavailable: %s", error)
                return self._cached[1][:size] if self._cached else []
            shown = [{"text": d.query, "count": d.clients} for d in decisions if d.shown][:HOT_KEPT]
            self._cached = (time.monotonic(), shown)
        return self._cached[1][:size]

    def review(self) -> list[HotDecision]:
        """The most asked queries of the window, each with whether it is shown and why."""
        figures = [f for f in self.store.queries(window_days(HOT_WINDOW_DAYS)) if f.query]
        overrides = self.store.hot_overrides()
        needed = max(HOT_MIN_CLIENTS, math.ceil(HOT_MIN_SHARE * sum(f.searches for f in figures)))
        figures.sort(key=lambda f: (-f.clients, -f.found, f.query))
        searches = sum(f.searches for f in figures)
        rules = _HotRules(needed, self.blocked_terms(), self.names_catalogue, searches < HOT_QUIET_SEARCHES)
        decisions = []
        for figure in figures[:HOT_CHECKED]:
            state = overrides.get(figure.query)
            held = rules.held_because(figure, state)
            shown = "approved by an operator" if state == APPROVED else "asked by many people for a service"
            decisions.append(HotDecision(redact(figure.query), figure.clients, held is None, held or shown))
        return decisions

    def set(self, query: str, state: str | None) -> None:
        self.store.set_hot_override(query, state)
        self.refresh()

    def approve_waiting(self) -> list[str]:
        """Approve what the rules let through but a quiet portal holds for an operator (the
        demo stands in for its operator); the queries approved."""
        waiting = [d.query for d in self.review() if d.reason.startswith(WAITS_FOR_APPROVAL)]
        for query in waiting:
            self.set(query, APPROVED)
        return waiting


def names_catalogue(service: SearchService, q: str) -> int | None:
    """How odd ``q`` is as a hot search (0: not at all), or None when it does not ask for the
    catalogue in its own words: typed as it is meant (no rewrite), every word a word of service
    names, keywords and the directory (or a synonym of one), one of them saying which service
    (not only 办理 or 证明), and it matches exactly. 公积金代办加微信 and 怎么办理 do not.
    Oddness counts a word said again (护照护照护照) and words no one service's name holds
    together (护照 公积金): each doubles the people it takes to make the phrase hot."""
    parser = service.parser
    parsed = parser.parse(q)
    if parsed.intent != "guide" or parsed.did_you_mean or parsed.unknown or not parsed.concepts:
        return None
    required = [concept for concept in parsed.concepts if concept.required]
    named = all(
        any(all(term in parser.vocabulary for term in alternative.terms) for alternative in concept.alternatives)
        for concept in required
    )
    # 怎么办理, 证明: every word a catalogue word, but none that says which service.
    deciding = any(c.word not in parsed.generic and c.word not in parser.stop_phrases for c in required)
    answer = service.search(SearchRequest(q=q, size=1))
    if not (named and deciding and answer["match"] == "exact"):
        return None
    said_again = _REPEATED.search(parsed.normalized) is not None or len(required) > len({c.word for c in required})
    first_name = answer["items"][0]["name"] if answer["items"] else ""
    apart = not all(concept.word in first_name for concept in required)
    return int(said_again) + int(apart)


_REPEATED = re.compile(r"(.{2,}?)\1")  # a word said again at once: 护照护照


@dataclass
class _HotRules:
    needed_clients: int
    blocked: frozenset[str]
    names_catalogue: object  # query → its oddness, or None when it does not name the catalogue
    quiet: bool  # too few searches for people alone to decide

    def held_because(self, figure: QueryFigures, state: str | None) -> str | None:
        """Why a query is not a hot search, or None. An operator's approval lifts every rule
        but the blocklist and the ban on numbers (an ID number is never shown); on a quiet
        portal nothing is shown without it."""
        if state == HIDDEN:
            return "hidden by an operator"
        if MASK in redact(figure.query):
            return "holds a number or a code"
        if any(term in figure.query for term in self.blocked):
            return "holds a blocked term"
        if state == APPROVED:
            return None
        if not figure.found:
            return "found nothing"
        if figure.clients < self.needed_clients:
            return f"asked by fewer than {self.needed_clients} people"
        oddness = self.names_catalogue(figure.query)
        if oddness is None:
            return "does not name a service of the catalogue"
        if figure.clients < self.needed_clients * 2**oddness:
            return ("an odd phrase (a word said again, or words no service name holds together): "
                    f"asked by fewer than {self.needed_clients * 2**oddness} people")
        if self.quiet:
            return f"{WAITS_FOR_APPROVAL}: fewer than {HOT_QUIET_SEARCHES:,} searches this week"
        return None


def nearest_guide(service: SearchService, q: str) -> dict | None:
    """The guide whose name and keywords share the most character pairs with ``q`` (for
    operators fixing a query that found nothing), or None."""
    parsed = service.parser.parse(q)
    if not parsed.ngrams:
        return None
    query = EngineQuery(concepts=pair_concepts(parsed.ngrams), fields=PAIR_FIELDS, min_should_match=1, limit=1, facets=())
    hits = service.engine.search(query).hits
    return {"code": hits[0].code, "name": hits[0].guide.name} if hits else None


def build_report(store: AnalyticsStore, days: int, nearest_guide, guide_name, limit: int = 20) -> dict:
    """The operators' report over the last ``days`` days.

    ``nearest_guide(query)`` proposes a guide for a query that found nothing (or None);
    ``guide_name(code)`` names a guide.
    """
    window = window_days(days)
    figures = store.queries(window)
    searches = sum(f.searches for f in figures)
    zero = sorted((f for f in figures if f.zero and f.query), key=lambda f: (-f.zero, f.query))[:limit]
    top = sorted((f for f in figures if f.query), key=lambda f: (-f.searches, f.query))[:limit]
    histogram = store.latency_histogram(window)
    return {
        "days": days,
        "searches": searches,
        "zero_result_rate": round(sum(f.zero for f in figures) / searches, 4) if searches else 0.0,
        "zero_result_queries": [{"query": redact(f.query), "count": f.zero, "suggestion": nearest_guide(f.query)} for f in zero],
        "top_queries": [
            {"query": redact(f.query), "count": f.searches, "clients": f.clients, "click_through_rate": round(f.click_through_rate, 4),
             "mean_click_rank": round(f.mean_click_rank, 2) if f.mean_click_rank is not None else None}
            for f in top
        ],
        "top_guides": [{"code": code, "name": guide_name(code), "views": views} for code, views in store.guide_views(window, limit)],
        "latency_ms": {"p50": percentile_from_histogram(histogram, 0.5), "p99": percentile_from_histogram(histogram, 0.99)},
        # What people asked (多少钱, 带什么 …) and how often the guide held it; the guides that did
        # not, most asked first: what their editors should add (指南要素齐全).
        "asked_facts": [{"aspect": aspect, "asked": asked, "answered": answered}
                        for aspect, asked, answered in store.aspects(window)],
        "unanswered_facts": [{"aspect": aspect, "code": code, "name": guide_name(code), "questions": count}
                             for aspect, code, count in store.unanswered(window, limit)],
    }
