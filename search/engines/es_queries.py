"""Engine queries compiled to Elasticsearch request bodies: pure functions, no client.

The plan (``search.models.EngineQuery``) is the same one the embedded engine compiles to
tantivy; the shapes map one to one: a concept is a ``dis_max`` over its alternatives, an
alternative a ``dis_max`` over the fields with the field table's boosts, the constant
boosts (直达, keywords, directory nodes) ``constant_score`` clauses, filters ``terms`` in
a ``filter`` (scoring nothing).
"""

from __future__ import annotations

from search.models import (
    Alternative,
    Branch,
    Concept,
    EngineQuery,
    GuideDocument,
    MeaningRow,
    NearestQuery,
    ServiceDocument,
)
from search.ranking import FIELD_TIE_BREAKER, SUGGEST_HEAD_BOOST
from search.schema import DIRECTORY_FACETS, FIELDS, MEANING_FACETS, NAMING_FIELDS, TEXT_FIELDS, facet_field

LEXICON_PAGE = 10_000
DISTINCT_PRECISION = 40_000  # cardinality counts are exact below this many values
SOURCE = ["guide"]
SERVICE_HIT_SOURCE = ["guide", "copies"]
DISTINCT = "_distinct"  # the aggregation counting collapsed groups
KNN_ROWS_PER_SERVICE = 2  # meanings asked for a service wanted (a service may have several)
KNN_CANDIDATES = 200  # per shard: HNSW's candidate list
KNN_OVERSAMPLE = 3.0  # of k, rescored with the float vectors (int8 scores move a similarity by ~0.01)


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


def services_mapping() -> dict:
    """The services index: the guides' fields, each a service's values over its copies, its
    representative copy, its number of copies and its values kept to merge a later load into."""
    body = mapping()
    body["properties"].update(copies={"type": "integer"}, values={"type": "object", "enabled": False})
    body["_source"] = {"includes": ["guide", "copies", "values"]}
    return body


def service_document(doc: ServiceDocument) -> dict:
    return {"guide": doc.representative.stored(), "copies": doc.copies, "values": doc.values,
            **_indexed_fields(doc.values)}


def _indexed_fields(values: dict[str, list[str]]) -> dict:
    """The field table's fields as indexed: tokens joined by spaces, keywords and facets as lists."""
    body: dict = {}
    for field in FIELDS:
        if field.kind == "tokens":
            body[field.name] = " ".join(values[field.name])
        elif field.kind in ("keyword", "facet") and values[field.name]:
            body[field.name] = values[field.name]
    return body


def meanings_mapping(model: str, dimensions: int) -> dict:
    """The meanings index (``search.meaning``): one document a meaning, its vector quantized to
    int8 in an HNSW graph (a quarter of the memory, recall kept by the rescoring of
    ``num_candidates``), the facet values of its copies for ``knn.filter``, the model in ``_meta``."""
    properties: dict[str, dict] = {facet: {"type": "keyword"} for facet in MEANING_FACETS}
    properties.update(
        key={"type": "keyword"},
        service={"type": "keyword"},
        text={"type": "keyword", "index": False, "doc_values": False},
        vector={"type": "dense_vector", "dims": dimensions, "index": True, "similarity": "dot_product",
                "index_options": {"type": "int8_hnsw"}},
    )
    return {"dynamic": "strict", "_meta": {"model": model}, "properties": properties}


def meaning_document(row: MeaningRow, vector) -> dict:
    return {"key": row.key, "service": row.service, "text": row.text, "vector": [float(x) for x in vector],
            **{facet: list(values) for facet, values in row.facets.items()}}


def knn_body(query: NearestQuery) -> dict:
    """The meanings nearest to the query's vector under its filters and branch: the filter sits in
    ``knn.filter``, where it restricts the neighbours (in ``query`` it would only drop some of
    the k found). Rows, not services: a service with several meanings may fill more than one."""
    rows = query.k * KNN_ROWS_PER_SERVICE
    # The int8 graph finds the candidates; their float vectors score them, so both engines
    # compare the same similarities with the fusion's floors.
    knn: dict = {"field": "vector", "query_vector": [float(x) for x in query.vector], "k": rows,
                 "num_candidates": max(KNN_CANDIDATES, rows * 2), "rescore_vector": {"oversample": KNN_OVERSAMPLE}}
    filters = filter_clauses(query.filters, query.branch)
    if filters:
        knn["filter"] = filters
    return {"knn": knn, "size": rows, "_source": ["service"]}


def lexicon_fields() -> list[str]:
    return [f"lex_{name}" for name in NAMING_FIELDS] + ["lex_corpus"]


def search_body(query: EngineQuery, services: bool = False) -> dict:
    """The request of ``query``: on the guides index (copies; collapsed to one hit a service,
    services counted), or with ``services`` on the services index (a document a service)."""
    body = {
        "query": compile_query(query),
        "from": query.offset,
        "size": query.limit,
        "track_total_hits": True,
        "_source": SERVICE_HIT_SOURCE if services else SOURCE,
    }
    counting = facet_field(query.collapse) if query.collapse and not services else None
    aggs = facet_aggs(query.facets, query.facet_size, counting) if query.facets else {}
    if counting:
        # One hit per service, the best scored; equal scores by code, as the embedded engine.
        body["collapse"] = {"field": counting}
        body["sort"] = [{"_score": "desc"}, {"code": "asc"}]
        body["track_scores"] = True
        aggs[DISTINCT] = {"cardinality": {"field": counting, "precision_threshold": DISTINCT_PRECISION}}
    if aggs:
        body["aggs"] = aggs
    return body


def serving_body(services: list[str], query: EngineQuery, by_code: bool) -> dict:
    """Each of ``services`` in its copy passing the query's filters that its boosts rank first
    (equal scores: the lowest code), among the copies holding a boosted locality term; or with
    ``by_code``, its lowest code passing the filters."""
    copies = EngineQuery([], match_all=True, filters={**query.filters, "service": services},
                         boosts=[] if by_code else query.boosts)
    compiled = compile_query(copies)
    if not by_code:
        near = [{"terms": {boost.field: list(boost.values)}} for boost in query.boosts]
        compiled["bool"].setdefault("filter", []).append({"bool": {"should": near, "minimum_should_match": 1}})
    return {"query": compiled, "size": len(services), "_source": SOURCE, "collapse": {"field": facet_field("service")},
            "sort": ([] if by_code else [{"_score": "desc"}]) + [{"code": "asc"}], "track_scores": True}


def compile_query(query: EngineQuery) -> dict:
    required = [_concept(c, query.fields) for c in query.concepts if c.required]
    optional = [_concept(c, query.fields) for c in query.concepts if not c.required]
    if query.match_all and not query.concepts:
        must = [{"constant_score": {"filter": {"match_all": {}}, "boost": 0.0}}]
    elif not required:
        return {"match_none": {}}
    elif query.min_should_match is None:
        must = required
    else:
        must = [{"bool": {"should": required, "minimum_should_match": query.min_should_match}}]
    should = list(optional)
    should += [_boost(boost) for boost in query.boosts]
    body: dict = {"must": must}
    if should:
        body["should"] = should
    filters = filter_clauses(query.filters, query.branch)
    if filters:
        body["filter"] = filters
    return {"bool": body}


def filter_clauses(filters: dict[str, list[str]], branch: Branch | None = None) -> list[dict]:
    clauses = [{"terms": {facet_field(facet): values}} for facet, values in filters.items()]
    if branch:
        clauses.append({"bool": {"should": [
            {"term": {facet_field("within"): branch.region}},
            {"terms": {facet_field("locality"): list(branch.serving)}},
        ], "minimum_should_match": 1}})
    return clauses


def facet_aggs(facets, size: int, counting: str | None = None) -> dict:
    """Terms counts of ``facets``: of documents, or of distinct values of ``counting`` (services)."""
    aggs = {facet: {"terms": {"field": facet_field(facet), "size": size}} for facet in facets}
    if counting:
        for terms in aggs.values():
            terms["aggs"] = {DISTINCT: {"cardinality": {"field": counting, "precision_threshold": DISTINCT_PRECISION}}}
    return aggs


def suggest_body(key: str, size: int) -> dict:
    return {
        "query": {"bool": {"should": [
            _term("suggest_head", key, SUGGEST_HEAD_BOOST),
            _term("suggest", key, 1.0),
        ]}},
        "size": size * 4,
        "_source": ["guide.record.code", "guide.record.name"],
    }


def lexicon_body(field: str, after: dict | None) -> dict:
    """One page of a field's distinct values with their guide counts."""
    composite: dict = {"size": LEXICON_PAGE, "sources": [{"term": {"terms": {"field": field}}}]}
    if after:
        composite["after"] = after
    return {"size": 0, "aggs": {"terms": {"composite": composite}}}


def directory_body() -> dict:
    return {"size": 0, "aggs": facet_aggs((*DIRECTORY_FACETS, "region"), 10_000)}


def document(doc: GuideDocument) -> dict:
    """The indexed form of a ``GuideDocument``."""
    body: dict = {"guide": doc.guide.stored(), **_indexed_fields(doc.values)}
    for name in NAMING_FIELDS:
        body[f"lex_{name}"] = sorted(set(doc.values[name]))
    body["lex_corpus"] = sorted({term for name in TEXT_FIELDS for term in doc.values[name]})
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


def _boost(boost) -> dict:
    if not boost.name_terms:
        return _constant({boost.field: list(boost.values)}, boost.weight)
    both = {"bool": {"must": [{"terms": {boost.field: list(boost.values)}}, {"terms": {"name": list(boost.name_terms)}}]}}
    return {"constant_score": {"filter": both, "boost": boost.weight}}


def _constant(terms: dict, boost: float) -> dict:
    return {"constant_score": {"filter": {"terms": terms}, "boost": boost}}
