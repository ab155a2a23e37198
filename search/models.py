"""Data shapes shared by the indexer, the search service, the engine backends and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

# Searchable text fields and their weights: the name decides, curated keywords next, then
# the catalogue's taxonomy, then what a guide says about itself, then everything else.
SEARCH_BOOSTS: dict[str, float] = {
    "name": 10.0,
    "keywords": 5.0,
    "taxonomy": 3.0,  # themes, life events, item type: 目录 words people also type
    "department": 2.0,
    "summary": 2.0,
    "conditions": 1.5,
    "materials": 1.5,
    "body": 1.0,  # basis, procedure, FAQ, location …
}
TEXT_FIELDS = tuple(SEARCH_BOOSTS)
NGRAM_FIELD = "ngrams"  # character pairs of name and keywords, for the last-resort fallback
VOCABULARY_FIELDS = ("name", "keywords", "taxonomy")  # the words citizens search for

# Facet name (API) → guide key (DESIGN §6). item_type filters but is not shown as a facet.
FACET_KEYS: dict[str, str] = {
    "audience": "audience",
    "theme": "themes",
    "department": "department",
    "region": "region",
    "life_event": "life_events",
    "item_type": "item_type",
}
SEARCH_FACETS = ("audience", "theme", "department", "region", "life_event")
AUDIENCES = ("个人", "法人")


@dataclass
class GuideDocument:
    """A guide analysed for the engine: terms per text field, facet values and the guide itself."""

    code: str
    name: str
    exact_name: str  # the normalised name, for 直达 when a query names the item exactly
    exact_keywords: list[str]  # the normalised keywords, which a query may also name exactly
    terms: dict[str, list[str]]  # per field of SEARCH_BOOSTS, plus NGRAM_FIELD
    facets: dict[str, list[str]]
    suggest_keys: list[str]  # prefixes the as-you-type box may send, in hanzi and in pinyin
    suggest_head_keys: list[str]  # those that start the name, which suggest first
    source: dict


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


@dataclass
class EngineQuery:
    """An engine-neutral query: concepts to match, exact filters, and what to return."""

    concepts: list[Concept]
    filters: dict[str, list[str]] = field(default_factory=dict)
    exact_names: list[str] = field(default_factory=list)  # a guide with one of these names comes first
    exact_keywords: list[str] = field(default_factory=list)  # … then one with such a curated keyword
    facet_boosts: dict[str, list[str]] = field(default_factory=dict)  # guides in these directory nodes next
    min_should_match: int | None = None  # None: every concept must match
    fields: dict[str, float] = field(default_factory=lambda: dict(SEARCH_BOOSTS))  # where, and how much
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
    source: dict


@dataclass
class EngineResult:
    total: int
    hits: list[EngineHit]
    facets: dict[str, list[FacetCount]]


@dataclass(frozen=True)
class Suggestion:
    text: str
    code: str
