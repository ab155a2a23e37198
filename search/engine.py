"""The guide engine interface and the factory that picks a backend from the settings.

The service layer talks only to ``GuideEngine``; documents go in already analysed
(``GuideDocument``) and queries are engine-neutral (``EngineQuery``), so the embedded
tantivy backend and the Elasticsearch backend are interchangeable by configuration.
"""

from __future__ import annotations

from typing import Protocol

from govsearch.settings import Settings
from search.errors import BackendUnavailable
from search.models import EngineQuery, EngineResult, FacetCount, GuideDocument, Suggestion


class GuideWriter(Protocol):
    """One load. Changes become visible together on ``commit``; leaving without it rolls back."""

    def __enter__(self) -> "GuideWriter": ...
    def __exit__(self, *exc_info) -> None: ...
    def upsert(self, document: GuideDocument) -> None: ...
    def withdraw(self, code: str) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class GuideEngine(Protocol):
    def search(self, query: EngineQuery) -> EngineResult:
        """Ranked active guides for the query, the total number matched and facet counts."""

    def directory_facets(self, filters: dict[str, list[str]], facets, size: int) -> dict[str, list[FacetCount]]:
        """Facet counts over every active guide passing ``filters``."""

    def suggest(self, key: str, size: int) -> list[Suggestion]:
        """Names that start with, or have a word starting with, ``key`` (a normalised prefix)."""

    def get(self, code: str) -> dict | None:
        """The active guide as it was loaded, or None."""

    def count(self) -> int:
        """How many active guides are searchable."""

    def all_guides(self) -> list[dict]:
        """Every active guide as loaded (for the recommender's catalogue)."""

    def terms(self, field: str) -> dict[str, int]:
        """Every term of a text field with the number of guides holding it."""

    def version(self) -> object:
        """A value that changes whenever what is searchable changes."""

    def writer(self, replace: bool = False) -> GuideWriter:
        """Start a load; ``replace`` rebuilds and swaps the live index only once complete."""


def open_guide_engine(settings: Settings) -> GuideEngine:
    if settings.backend == "elasticsearch":
        raise BackendUnavailable("the Elasticsearch backend is not part of this release yet")
    from search.backends.embedded import EmbeddedGuideEngine

    return EmbeddedGuideEngine(settings.guides_dir)
