"""The guide index's fields: one table that both engines build their schema from.

The embedded tantivy schema (``search.engines.embedded``) and the Elasticsearch mapping
(``search.engines.elasticsearch``) are both generated from ``FIELDS``, so a field added or
re-weighted here changes both engines alike.

Kinds:
- ``tokens``: text already analysed in Python (``search.analysis``), sent as space-joined
  terms; each engine only splits on whitespace. Term frequencies, no positions: queries
  match terms, never phrases.
- ``keyword``: one exact value or a list of them (codes, normalised names), matched whole.
- ``facet``: keyword values for exact filters and terms aggregations (counts).
- ``stored``: returned with a hit, never searched.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # tokens | keyword | facet | stored
    boost: float = 0.0  # weight in the full-text match; 0 = not part of it
    why: str = ""
    source_key: str | None = None  # for facets: the guide key of DESIGN §6 it comes from (and an API filter)
    returned: bool = False  # keyword and facet fields: stored, for the embedded engine's collapse
    vocabulary: bool = False  # its words are what citizens search for (typo correction reads them)


FIELDS: tuple[Field, ...] = (
    Field("code", "keyword", why="事项编码: the document's identity, for get and upsert"),
    Field("title", "stored", why="the name as written, for suggestions"),
    Field("exact_name", "keyword", why="normalised name: 直达 when a query names the item exactly"),
    Field("exact_keyword", "keyword", why="normalised curated keywords, which a query may name exactly"),
    Field("name", "tokens", 10.0, "the name decides", vocabulary=True),
    Field("keywords", "tokens", 5.0, "operators' curated keywords come next", vocabulary=True),
    Field("taxonomy", "tokens", 3.0, "themes, life events, item type: 目录 words people also type", vocabulary=True),
    Field("department", "tokens", 2.0, "people search by the office they know"),
    Field("summary", "tokens", 2.0, "what a guide says about itself"),
    Field("conditions", "tokens", 1.5, "who may apply: situations people describe"),
    Field("materials", "tokens", 1.5, "documents people name (户口本, 身份证)"),
    Field("body", "tokens", 1.0, "basis, procedure, FAQ, location: everything else"),
    Field("ngrams", "tokens", why="character pairs of name and keywords, for the last-resort fallback"),
    Field("suggest", "tokens", why="prefixes (hanzi, pinyin, initials) of every word of the name"),
    Field("suggest_head", "tokens", why="prefixes that start the name, suggested first"),
    Field("f_audience", "facet", source_key="audience"),
    Field("f_theme", "facet", source_key="themes"),
    Field("f_department", "facet", source_key="department"),
    Field("f_region", "facet", source_key="region"),
    Field("f_life_event", "facet", source_key="life_events"),
    Field("f_item_type", "facet", source_key="item_type"),
    Field("f_service", "facet", why="the service a copy belongs to (basic_code, else name + audience): "
          "one service once, its copies counted", returned=True),
    Field("f_parent", "facet", why="the 大项 of a 小项: a 大项 comes with its 小项"),
    Field("f_variant", "facet", why="entry step / personal variant of a name (synonyms/steps.txt)"),
    Field("f_within", "facet", why="the region and its ancestors: region=X selects the copies at or below X by one term"),
    Field("f_locality", "facet", why="the canonical region (全国 when none): the copies serving X sit on X's lineage"),
    Field("source", "stored", why="the guide as loaded, returned by get and with every hit"),
)

SEARCH_BOOSTS: dict[str, float] = {f.name: f.boost for f in FIELDS if f.kind == "tokens" and f.boost}
TEXT_FIELDS = tuple(SEARCH_BOOSTS)
TOKEN_FIELDS = tuple(f.name for f in FIELDS if f.kind == "tokens")
NGRAM_FIELD = "ngrams"
VOCABULARY_FIELDS = tuple(f.name for f in FIELDS if f.vocabulary)
# Facet name (API) → guide key (DESIGN §6). item_type filters but is not shown as a facet;
# region is a branch of the locality tree (search.regions), not an exact value.
FACET_KEYS: dict[str, str] = {f.name[2:]: f.source_key for f in FIELDS if f.kind == "facet" and f.source_key}
FILTER_KEYS = tuple(facet for facet in FACET_KEYS if facet != "region")
SEARCH_FACETS = ("audience", "theme", "department", "region", "life_event")
DIRECTORY_FACETS = ("theme", "life_event")  # directory nodes a query may name (企业开办)


def facet_field(facet: str) -> str:
    """The index field of an API facet name (``region`` → ``f_region``)."""
    return "f_" + facet
