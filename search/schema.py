"""The guide index's fields: one table that both engines and the indexer build from.

Each field says where its text comes from (``source``: what of a ``Guide`` it reads), how that
text is analysed (``analysis``, applied by ``indexer.documents``), how much a match in it
weighs (``boost``) and how it is kept (``kind``). The embedded tantivy schema
(``search.engines.tantivy_queries``), the Elasticsearch mapping (``search.engines.es_queries``)
and the documents both engines index are generated from ``FIELDS``, so a field added or
re-weighted here changes both engines alike.

Kinds:
- ``tokens``: text analysed in Python (``search.analysis``), sent as space-joined terms; each
  engine only splits on whitespace. Term frequencies, no positions: queries match terms,
  never phrases.
- ``keyword``: one exact value or a list of them (codes, normalised names), matched whole.
- ``facet``: keyword values for exact filters and terms aggregations (counts).
- ``stored``: returned with a hit, never searched.

The guide itself (``Guide.stored``: the record as loaded and its traits) is kept beside the
fields by each engine and returned with every hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from search import regions
from search.guide import Guide
from search.meaning import meaning_key

# How a field's source text is analysed (indexer.documents applies these).
TERMS = "terms"  # words, each followed by the dictionary words inside it (Analyzer.index_terms)
EXACT = "exact"  # each text normalised whole (exact_key): matched only by a query naming it exactly
PAIRS = "pairs"  # overlapping character pairs of each normalised text: the last-resort fallback
PREFIXES = "prefixes"  # prefixes of every word of each text, in hanzi, pinyin and initials
HEAD_PREFIXES = "head_prefixes"  # … only those starting the text
VALUES = "values"  # the values as they are


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # tokens | keyword | facet | stored
    source: Callable[[Guide], Iterable[str]]
    analysis: str = VALUES
    boost: float = 0.0  # weight in the full-text match; 0 = not part of it
    why: str = ""
    filter: str | None = None  # for facets: the API's filter and facet name (DESIGN §7)
    returned: bool = False  # keyword and facet fields: stored, for the embedded engine's collapse
    vocabulary: bool = False  # its words are what citizens search for (typo correction reads them)
    names: bool = False  # its words name a service or its office (the fusion's no-match evidence reads them)


def _name(guide: Guide) -> list[str]:
    return [guide.name]


def _name_and_keywords(guide: Guide) -> list[str]:
    return [guide.name, *guide.keywords]


def _taxonomy(guide: Guide) -> list[str]:
    return [*guide.themes, *guide.life_events, guide.item_type or ""]


def _body(guide: Guide) -> list[str]:
    """Basis, procedure, FAQ and location: the rest of the guide's text."""
    parts = list(guide.basis)
    for step in guide.procedure:
        parts += [step.get("name") or "", step.get("description") or ""]
    for entry in guide.faq:
        parts += [entry.get("q") or "", entry.get("a") or ""]
    parts.append(guide.location)
    return [str(part) for part in parts]


def _one(value: str | None) -> list[str]:
    return [value] if value else []


FIELDS: tuple[Field, ...] = (
    Field("code", "keyword", lambda g: [g.code], why="事项编码: the document's identity, for get and upsert"),
    Field("title", "stored", _name, why="the name as written, for suggestions"),
    Field("exact_name", "keyword", _name, EXACT, why="normalised name: 直达 when a query names the item exactly"),
    Field("exact_keyword", "keyword", lambda g: g.keywords, EXACT,
          why="normalised curated keywords, which a query may name exactly"),
    Field("name", "tokens", _name, TERMS, 10.0, "the name decides", vocabulary=True),
    Field("keywords", "tokens", lambda g: g.keywords, TERMS, 5.0, "operators' curated keywords come next",
          vocabulary=True),
    Field("taxonomy", "tokens", _taxonomy, TERMS, 3.0, "themes, life events, item type: 目录 words people also type",
          vocabulary=True),
    Field("department", "tokens", lambda g: [g.department], TERMS, 2.0, "people search by the office they know",
          names=True),
    Field("summary", "tokens", lambda g: [g.summary], TERMS, 2.0, "what a guide says about itself"),
    Field("conditions", "tokens", lambda g: [g.conditions], TERMS, 1.5, "who may apply: situations people describe"),
    Field("materials", "tokens", lambda g: [m.get("name") or "" for m in g.materials], TERMS, 1.5,
          "documents people name (户口本, 身份证)"),
    Field("body", "tokens", _body, TERMS, 1.0, "basis, procedure, FAQ, location: everything else"),
    Field("ngrams", "tokens", _name_and_keywords, PAIRS,
          why="character pairs of name and keywords, for the last-resort fallback"),
    Field("suggest", "tokens", _name, PREFIXES, why="prefixes (hanzi, pinyin, initials) of every word of the name"),
    Field("suggest_head", "tokens", _name, HEAD_PREFIXES, why="prefixes that start the name, suggested first"),
    Field("f_audience", "facet", lambda g: g.audience, filter="audience"),
    Field("f_theme", "facet", lambda g: g.themes, filter="theme"),
    Field("f_department", "facet", lambda g: [g.department], filter="department"),
    Field("f_region", "facet", lambda g: _one(g.region), filter="region"),
    Field("f_life_event", "facet", lambda g: g.life_events, filter="life_event"),
    Field("f_item_type", "facet", lambda g: _one(g.item_type), filter="item_type"),
    Field("f_service", "facet", lambda g: [g.service], returned=True,
          why="the service a copy belongs to (basic_code, else name + audience): one service once, its copies counted"),
    Field("f_parent", "facet", lambda g: _one(g.parent_code), why="the 大项 of a 小项: a 大项 comes with its 小项"),
    Field("f_variant", "facet", lambda g: g.traits.variants,
          why="entry step / personal variant of a name (synonyms/steps.txt)"),
    Field("f_within", "facet", lambda g: regions.lineage(g.region),
          why="the region and its ancestors: region=X selects the copies at or below X by one term"),
    Field("f_locality", "facet", lambda g: [regions.canonical(g.region)],
          why="the canonical region (全国 when none): the copies serving X sit on X's lineage"),
    Field("f_meaning", "facet", lambda g: [meaning_key(g)],
          why="the meaning a copy shares with its service's other copies (search.meaning): encoded once"),
)

SEARCH_BOOSTS: dict[str, float] = {f.name: f.boost for f in FIELDS if f.kind == "tokens" and f.boost}
TEXT_FIELDS = tuple(SEARCH_BOOSTS)
NGRAM_FIELD = "ngrams"
VOCABULARY_FIELDS = tuple(f.name for f in FIELDS if f.vocabulary)
# Words that name what the catalogue offers: the vocabulary and the offices (天河区民政局, 残联).
NAMING_FIELDS = VOCABULARY_FIELDS + tuple(f.name for f in FIELDS if f.names)
# The API's filters and facets (DESIGN §7); region is a branch of the locality tree
# (search.regions), not an exact value, and item_type filters but is not shown as a facet.
FILTER_FACETS = tuple(f.filter for f in FIELDS if f.filter)
FILTER_KEYS = tuple(facet for facet in FILTER_FACETS if facet != "region")
SEARCH_FACETS = ("audience", "theme", "department", "region", "life_event")
# The facet values a meaning keeps of its copies: the nearest-neighbour search filters on them
# as the lexical search filters copies (its filters, and the branch by within and locality).
MEANING_FACETS = tuple("f_" + facet for facet in FILTER_KEYS) + ("f_within", "f_locality")
DIRECTORY_FACETS = ("theme", "life_event")  # directory nodes a query may name (企业开办)


def facet_field(facet: str) -> str:
    """The index field of an API facet name (``region`` → ``f_region``)."""
    return "f_" + facet


# The boosts that choose among a service's copies: those serving the person's locality.
LOCALITY_FIELDS = (facet_field("locality"), facet_field("within"))
_FACET_SOURCES = {field.name[2:]: field.source for field in FIELDS if field.kind == "facet"}


def passes(guide: Guide, filters: dict[str, list[str]]) -> bool:
    """Whether ``guide`` passes exact ``filters`` (facet name → any of these values), as an engine's
    filter would."""
    return all(set(_FACET_SOURCES[facet](guide)) & set(values) for facet, values in filters.items())
