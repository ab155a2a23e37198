"""Engine queries compiled to Elasticsearch request bodies: pure functions, no client.

The plan (``search.models.EngineQuery``) is the same one the embedded engine compiles to
tantivy; the shapes map one to one: a concept is a ``dis_max`` over its alternatives, an
alternative a ``dis_max`` over the fields with the field table's boosts, the constant
boosts (直达, keywords, directory nodes) ``constant_score`` clauses, filters ``terms`` in
a ``filter`` (scoring nothing).
"""

from __future__ import annotations

from search.models import Alternative, Concept, EngineQuery
from search.ranking import (
    DIRECTORY_NODE_BOOST,
    EXACT_KEYWORD_BOOST,
    EXACT_NAME_BOOST,
    FIELD_TIE_BREAKER,
    SUGGEST_HEAD_BOOST,
)
from search.schema import DIRECTORY_FACETS, FIELDS, TEXT_FIELDS, VOCABULARY_FIELDS, facet_field

LEXICON_PAGE = 10_000
SOURCE = ["guide"]


def mapping() -> dict:
    """The index mapping of ``search.schema.FIELDS``; the stored ``_source`` keeps only the guide.

    Token fields use the built-in ``whitespace`` analyzer (the text arrives analysed), with
    term frequencies and norms but no positions, like the embedded index. ``lex_*`` keyword
    fields (doc values only) hold each guide's distinct words, so the lexicon is a
    composite aggregation instead of a walk of the term dictionary.
    """
    properties: dict[str, dict] = {}
    for field in FIELDS:
        if field.kind == "tokens":
            properties[field.name] = {"type": "text", "analyzer": "whitespace", "index_options": "freqs"}
        elif field.kind in ("keyword", "facet"):
            properties[field.name] = {"type": "keyword"}
    for name in lexicon_fields():
        properties[name] = {"type": "keyword", "index": False, "doc_values": True}
    properties["guide"] = {"type": "object", "enabled": False}
    return {"dynamic": "strict", "_source": {"includes": SOURCE}, "properties": properties}


def lexicon_fields() -> list[str]:
    return [f"lex_{name}" for name in VOCABULARY_FIELDS] + ["lex_corpus"]


def search_body(query: EngineQuery) -> dict:
    body = {
        "query": compile_query(query),
        "from": query.offset,
        "size": query.limit,
        "track_total_hits": True,
        "_source": SOURCE,
    }
    if query.facets:
        body["aggs"] = facet_aggs(query.facets, query.facet_size)
    return body


def compile_query(query: EngineQuery) -> dict:
    required = [_concept(c, query.fields) for c in query.concepts if c.required]
    optional = [_concept(c, query.fields) for c in query.concepts if not c.required]
    if not required:
        return {"match_none": {}}
    if query.min_should_match is None:
        must = required
    else:
        must = [{"bool": {"should": required, "minimum_should_match": query.min_should_match}}]
    should = list(optional)
    for field, keys, boost in (("exact_name", query.exact_names, EXACT_NAME_BOOST),
                               ("exact_keyword", query.exact_keywords, EXACT_KEYWORD_BOOST)):
        if keys:
            should.append(_constant({field: keys}, boost))
    for facet, values in query.facet_boosts.items():
        should.append(_constant({facet_field(facet): values}, DIRECTORY_NODE_BOOST))
    body: dict = {"must": must}
    if should:
        body["should"] = should
    if query.filters:
        body["filter"] = filter_clauses(query.filters)
    return {"bool": body}


def filter_clauses(filters: dict[str, list[str]]) -> list[dict]:
    return [{"terms": {facet_field(facet): values}} for facet, values in filters.items()]


def facet_aggs(facets, size: int) -> dict:
    return {facet: {"terms": {"field": facet_field(facet), "size": size}} for facet in facets}


def suggest_body(key: str, size: int) -> dict:
    return {
        "query": {"bool": {"should": [
            _term("suggest_head", key, SUGGEST_HEAD_BOOST),
            _term("suggest", key, 1.0),
        ]}},
        "size": size * 4,
        "_source": ["guide.code", "guide.name"],
    }


def lexicon_body(field: str, after: dict | None) -> dict:
    """One page of a field's distinct values with their guide counts."""
    composite: dict = {"size": LEXICON_PAGE, "sources": [{"term": {"terms": {"field": field}}}]}
    if after:
        composite["after"] = after
    return {"size": 0, "aggs": {"terms": {"composite": composite}}}


def directory_body() -> dict:
    return {"size": 0, "aggs": facet_aggs(DIRECTORY_FACETS, 10_000)}


def document(doc) -> dict:
    """The indexed form of a ``GuideDocument``."""
    body = {
        "code": doc.code,
        "exact_name": doc.exact_name,
        "exact_keyword": doc.exact_keywords,
        "suggest": " ".join(doc.suggest_keys),
        "suggest_head": " ".join(doc.suggest_head_keys),
        "guide": doc.source,
    }
    body.update((field, " ".join(terms)) for field, terms in doc.terms.items())
    body.update((facet_field(facet), values) for facet, values in doc.facets.items() if values)
    for name in VOCABULARY_FIELDS:
        body[f"lex_{name}"] = sorted(set(doc.terms.get(name, ())))
    body["lex_corpus"] = sorted({term for name in TEXT_FIELDS for term in doc.terms.get(name, ())})
    return body


def _concept(concept: Concept, fields: dict[str, float]) -> dict:
    best = {"dis_max": {"queries": [_alternative(alt, fields) for alt in concept.alternatives]}}
    if concept.weight != 1.0:
        best["dis_max"]["boost"] = concept.weight
    return best


def _alternative(alternative: Alternative, fields: dict[str, float]) -> dict:
    per_field = []
    for field, boost in fields.items():
        if len(alternative.terms) == 1:
            per_field.append(_term(field, alternative.terms[0], boost))
        else:
            terms = [{"term": {field: term}} for term in alternative.terms]
            per_field.append({"bool": {"must": terms, "boost": boost}})
    return {"dis_max": {"queries": per_field, "tie_breaker": FIELD_TIE_BREAKER, "boost": alternative.weight}}


def _term(field: str, term: str, boost: float) -> dict:
    return {"term": {field: {"value": term, "boost": boost}}}


def _constant(terms: dict, boost: float) -> dict:
    return {"constant_score": {"filter": {"terms": terms}, "boost": boost}}
