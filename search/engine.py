"""The guide engine interface.

The service layer talks only to ``GuideEngine``; documents go in already analysed
(``GuideDocument``) and queries are engine-neutral (``EngineQuery``), so the embedded
tantivy backend and the Elasticsearch backend are interchangeable by configuration
(``govsearch.components`` picks one).
"""

from __future__ import annotations

from typing import Iterator, Protocol

from search.models import Branch, EngineQuery, EngineResult, FacetCount, GuideDocument, Lexicon, Suggestion


class GuideWriter(Protocol):
    """One load. Changes become visible together on ``commit``; leaving without it rolls back."""

    def __enter__(self) -> "GuideWriter": ...
    def __exit__(self, *exc_info) -> None: ...
    failures: list[tuple[object, str]]  # (origin given to upsert, reason) of documents the engine refused
    def upsert(self, document: GuideDocument, origin: object = None) -> None: ...
    def withdraw(self, code: str) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class GuideEngine(Protocol):
    def search(self, query: EngineQuery) -> EngineResult:
        """Ranked active guides for the query, the total number matched and facet counts."""

    def search_first(self, queries: list[EngineQuery]) -> tuple[int, EngineResult]:
        """The first of ``queries`` (a relaxation ladder) that finds something, with its
        position; the last one's result when none does. A backend may run them in one round trip."""

    def directory_facets(self, filters: dict[str, list[str]], facets, size: int,
                         branch: Branch | None = None) -> dict[str, list[FacetCount]]:
        """Facet counts over every active guide passing ``filters`` (and on ``branch``, if given)."""

    def suggest(self, key: str, size: int) -> list[Suggestion]:
        """Names that start with, or have a word starting with, ``key`` (a normalised prefix)."""

    def get(self, code: str) -> dict | None:
        """The active guide as it was loaded, or None."""

    def count(self) -> int:
        """How many active guides are searchable."""

    def all_guides(self) -> Iterator[dict]:
        """Every active guide as loaded (for the recommender's catalogue), read page by page."""

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
