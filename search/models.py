"""Data shapes shared by the indexer, the search service, the engine backends and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from search.guide import Guide
from search.schema import SEARCH_BOOSTS, SEARCH_FACETS

AUDIENCES = ("个人", "法人")


@dataclass
class GuideDocument:
    """A guide analysed for the engine: each field's values (``search.schema.FIELDS``, analysed
    as the field says) and the guide itself, which the engine keeps and returns with hits."""

    guide: Guide
    values: dict[str, list[str]]

    @property
    def code(self) -> str:
        return self.guide.code


@dataclass(frozen=True)
class Alternative:
    """One way to match a query concept: all ``terms`` must occur; ``weight`` scales its score."""

    terms: tuple[str, ...]
    weight: float = 1.0


@dataclass
class Concept:
    """One thing the user asked for (a word of the query) and the ways it may be matched.

    An optional concept (a stray single character such as 还 or 补) adds to the score of the
    guides that have it but never keeps a guide out.
    """

    word: str
    alternatives: list[Alternative]
    required: bool = True
    weight: float = 1.0


@dataclass(frozen=True)
class Boost:
    """A constant added to the score of every guide whose ``field`` holds one of ``values``
    (直达 by exact name, a directory node, the copies serving a locality, an entry step)."""

    field: str  # an index field of search.schema
    values: tuple[str, ...]
    weight: float
    name_terms: tuple[str, ...] = ()  # if given, only guides whose name also holds one of these


@dataclass(frozen=True)
class Branch:
    """The copies on one locality's branch: those at or below ``region`` (its ``f_within``
    holds it) and those serving it (their ``f_locality`` is one of ``serving``)."""

    region: str
    serving: tuple[str, ...]


@dataclass
class EngineQuery:
    """An engine-neutral query: concepts to match, exact filters, and what to return.

    With no concepts and ``match_all``, every guide passing the filters matches (listing a
    service's copies, a 大项's 小项); with no required concept otherwise, nothing does.
    """

    concepts: list[Concept]
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name → any of these values
    branch: Branch | None = None
    boosts: list[Boost] = field(default_factory=list)
    min_should_match: int | None = None  # None: every concept must match
    fields: dict[str, float] = field(default_factory=lambda: dict(SEARCH_BOOSTS))  # where, and how much
    match_all: bool = False
    collapse: str | None = None  # a facet name: one hit per value (the best scored), total counts values
    offset: int = 0
    limit: int = 10
    facets: tuple[str, ...] = SEARCH_FACETS
    facet_size: int = 20


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass
class EngineHit:
    code: str
    score: float
    guide: Guide
    copies: int | None = None  # a service's hit: how many copies it has (on no branch)


@dataclass
class ServiceDocument:
    """What retrieval ranks: one service, its copies' values of each field (``search.schema.FIELDS``)
    together — distinct terms, keywords and facet values — so a search's cost follows the number of
    services, not of copies. ``representative`` (the copy with the lowest code) stands for it where
    no locality, branch or filter asks for another copy; ``copies`` counts them."""

    service: str
    values: dict[str, list[str]]
    representative: Guide
    copies: int


@dataclass
class EngineResult:
    total: int
    hits: list[EngineHit]
    facets: dict[str, list[FacetCount]]


@dataclass(frozen=True)
class Suggestion:
    text: str
    code: str


@dataclass(frozen=True)
class Lexicon:
    """What query understanding reads from the index, fetched once per state of the index.

    ``vocabulary``: words of the vocabulary fields (name, keywords, taxonomy) with the
    number of guides holding them, summed over those fields; ``corpus``: every word of every
    searchable field; ``directory``: facet → values of the directory nodes a query may name;
    ``regions``: the catalogue's localities, for reading place names.
    """

    version: object
    vocabulary: dict[str, int]
    corpus: frozenset[str]
    directory: dict[str, list[str]]
    regions: dict[str, int] = field(default_factory=dict)  # region as loaded → guides there
    naming: frozenset[str] = frozenset()  # words of the naming fields (search.schema.NAMING_FIELDS)
    parents: frozenset[str] = frozenset()  # codes of the 大项 that have 小项: only their hits need a look for them


@dataclass(frozen=True)
class MeaningRow:
    """One meaning (``search.meaning``): a service's shared text and the facet values of its
    copies (filters and branch of the nearest-neighbour search)."""

    key: str
    service: str
    text: str
    facets: dict[str, tuple[str, ...]]


@dataclass
class MeaningTable:
    """An index's meanings and their vectors (row i of ``vectors`` is ``rows[i]``), and the
    model that encoded them."""

    model: str
    rows: list[MeaningRow]
    vectors: np.ndarray  # float32, one unit vector a row


@dataclass(frozen=True)
class NearestQuery:
    """The meanings nearest to ``vector`` among those with a copy passing ``filters`` and on
    ``branch`` (the same filters and branch as the lexical query)."""

    vector: np.ndarray
    filters: dict[str, list[str]] = field(default_factory=dict)
    branch: Branch | None = None
    k: int = 30


@dataclass(frozen=True)
class Neighbour:
    service: str
    similarity: float  # cosine similarity of the query and the meaning


@dataclass
class Retrieved:
    """What the engine found for one search: the first attempt of the relaxation ladder that
    found something (its position, its result) and the nearest meanings' services."""

    position: int
    result: EngineResult
    neighbours: list[Neighbour] = field(default_factory=list)
