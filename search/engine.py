"""The guide engine interface.

The service layer talks only to ``GuideEngine``; documents go in already analysed
(``GuideDocument``) and queries are engine-neutral (``EngineQuery``), so the embedded
tantivy backend and the Elasticsearch backend are interchangeable by configuration
(``govsearch.components`` picks one).
"""

from __future__ import annotations

from typing import Iterator, Protocol

from search.guide import Guide
from search.models import (
    Branch,
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


class GuideWriter(Protocol):
    """One load. Changes become visible together on ``commit``; leaving without it rolls back."""

    def __enter__(self) -> "GuideWriter": ...
    def __exit__(self, *exc_info) -> None: ...
    failures: list[tuple[object, str]]  # (origin given to upsert, reason) of documents the engine refused
    def upsert(self, document: GuideDocument, origin: object = None) -> None: ...
    def withdraw(self, code: str) -> None: ...
    def flush(self) -> None:
        """Send what is buffered and wait for it: ``failures`` then holds every refusal so far."""
    def put_meanings(self, table: MeaningTable | None) -> None:
        """Store ``table`` as the index's meanings on commit (the rows no guide has any more left
        out); None removes them (a load without meanings leaves the index to words alone)."""
    def put_services(self, documents: list[ServiceDocument], touched: list[str]) -> None:
        """On commit, the ``touched`` services' documents become ``documents`` (each counted and
        represented from the copies the index then holds; one without copies leaves)."""
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class GuideEngine(Protocol):
    def search(self, query: EngineQuery) -> EngineResult:
        """Ranked active guides for the query, the total number matched and facet counts. With
        ``collapse="service"``, one hit a service — its copy passing the filters that the boosts
        rank first (equal scores: the lowest code) — and services counted, in total and facets."""

    def search_first(self, queries: list[EngineQuery]) -> tuple[int, EngineResult]:
        """The first of ``queries`` (a relaxation ladder) that finds something, with its
        position; the last one's result when none does. A backend may run them in one round trip."""

    def retrieve(self, attempts: list[EngineQuery], nearest: NearestQuery | None = None) -> Retrieved:
        """``search_first`` of the attempts and the services of the meanings nearest to a query
        vector under the same filters and branch: both lists of a search, in one round trip
        where the backend can."""

    def nearest(self, query: NearestQuery) -> list[Neighbour]:
        """The services of the meanings nearest to ``query.vector`` (at most ``query.k``, best
        first, each at its best cosine similarity) among meanings with a copy passing the
        query's filters and on its branch."""

    def service_documents(self, services: list[str]) -> dict[str, ServiceDocument]:
        """The live documents of ``services`` (a plain load merges its copies into them)."""

    def meanings(self) -> MeaningTable | None:
        """The live index's meanings with their vectors and model, or None if it has none."""

    def meanings_model(self) -> str | None:
        """The model that encoded the live index's meanings (None: it has none); cheap to call
        per request (cached until the index changes)."""

    def directory_facets(self, filters: dict[str, list[str]], facets, size: int,
                         branch: Branch | None = None) -> dict[str, list[FacetCount]]:
        """Facet counts over every active guide passing ``filters`` (and on ``branch``, if given)."""

    def suggest(self, key: str, size: int) -> list[Suggestion]:
        """Names that start with, or have a word starting with, ``key`` (a normalised prefix)."""

    def get(self, code: str) -> Guide | None:
        """The active guide with this code, or None."""

    def count(self) -> int:
        """How many active guides are searchable."""

    def all_guides(self) -> Iterator[Guide]:
        """Every active guide (for the recommender's catalogue), read page by page."""

    def lexicon(self) -> Lexicon:
        """What query understanding reads from the index; cheap to call per request (cached
        until the index changes)."""

    def version(self) -> object:
        """A value that changes whenever what is searchable changes."""

    def health(self) -> str | None:
        """None when the engine answers, else what is wrong (for ``/healthz``)."""

    def drop(self) -> None:
        """Delete every index of this engine (evaluations and tests clean up with it)."""

    def writer(self, replace: bool = False) -> GuideWriter:
        """Start a load; ``replace`` rebuilds and swaps the live index only once complete."""
