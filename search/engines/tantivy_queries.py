"""The embedded engine's schema, documents and queries, compiled from the plan: no index, no I/O.

The twin of ``search.engines.es_queries``: the same field table (``search.schema.FIELDS``) and
the same plan (``search.models.EngineQuery``) compiled to tantivy instead of Elasticsearch. A
concept is a ``disjunction_max`` over its alternatives, an alternative one over the fields
with the field table's boosts, the constant boosts (直达, keywords, directory nodes)
``const_score`` clauses, filters ``Must`` clauses scoring nothing.
"""

from __future__ import annotations

import hashlib
import json

import tantivy

from search.models import Alternative, Branch, Concept, EngineQuery, GuideDocument, ServiceDocument
from search.ranking import FIELD_TIE_BREAKER, SUGGEST_HEAD_BOOST
from search.schema import FIELDS, facet_field

SOURCE = "source"  # the stored guide (Guide.stored), returned with every hit; a service's representative
COPIES = "copies"  # a service document's number of copies
GROUP_IDS = {"service": "service_id"}  # numeric fast columns of the collapse groups
CODE_START = "code_start"  # a code's first 8 bytes as a number: codes compare as their starts do, or tie


def build_schema(fast_columns: bool = True, services: bool = False) -> tantivy.Schema:
    """The tantivy schema of ``search.schema.FIELDS``, and the numeric columns the collapse reads
    (an index written before them has none, and still collapses, reading documents); the services
    index (one document a service) stores its number of copies too."""
    builder = tantivy.SchemaBuilder()
    for field in FIELDS:
        if field.kind == "tokens":
            builder.add_text_field(field.name, tokenizer_name="whitespace", index_option="freq")
        elif field.kind in ("keyword", "facet"):
            stored = field.returned or (field.name == "code" and not services)  # a service has many codes
            builder.add_text_field(field.name, stored=stored, tokenizer_name="raw", index_option="basic",
                                   fast=field.kind == "facet")
        else:
            builder.add_text_field(field.name, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field(SOURCE, stored=True)
    for column in (*GROUP_IDS.values(), CODE_START) if fast_columns else ():
        builder.add_unsigned_field(column, fast=True)
    if services:
        builder.add_unsigned_field(COPIES, stored=True)
    return builder.build()


def document(document: GuideDocument | ServiceDocument) -> tantivy.Document:
    """The indexed form of a ``GuideDocument`` (a copy) or a ``ServiceDocument``."""
    guide = document.guide if isinstance(document, GuideDocument) else document.representative
    fields: dict[str, object] = {SOURCE: json.dumps(guide.stored(), ensure_ascii=False).encode()}
    for field in FIELDS:
        values = document.values[field.name]
        if field.kind == "tokens":
            fields[field.name] = " ".join(values)
        elif values:
            fields[field.name] = values
    built = tantivy.Document(**fields)
    for group, column in GROUP_IDS.items():
        built.add_unsigned(column, group_id(document.values[facet_field(group)][0]))
    built.add_unsigned(CODE_START, code_start(guide.code))
    if isinstance(document, ServiceDocument):
        built.add_unsigned(COPIES, document.copies)
    return built


class QueryCompiler:
    """Compiles engine-neutral queries to tantivy queries over one schema."""

    def __init__(self, schema: tantivy.Schema):
        self.schema = schema

    def compile(self, query: EngineQuery) -> tantivy.Query:
        required = [self._concept(c, query.fields) for c in query.concepts if c.required]
        optional = [self._concept(c, query.fields) for c in query.concepts if not c.required]
        if query.match_all and not query.concepts:
            clauses = [(tantivy.Occur.Must, tantivy.Query.const_score_query(tantivy.Query.all_query(), 0.0))]
        elif not required:
            return tantivy.Query.empty_query()
        elif query.min_should_match is None:
            clauses = [(tantivy.Occur.Must, concept) for concept in required]
        else:
            matched = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, concept) for concept in required], query.min_should_match
            )
            clauses = [(tantivy.Occur.Must, matched)]
        clauses += [(tantivy.Occur.Should, concept) for concept in optional]
        for boost in query.boosts:
            matched = self.any_term(boost.field, boost.values)
            if boost.name_terms:
                named = self.any_term("name", boost.name_terms)
                matched = tantivy.Query.boolean_query([(tantivy.Occur.Must, matched), (tantivy.Occur.Must, named)])
            clauses.append((tantivy.Occur.Should, tantivy.Query.const_score_query(matched, boost.weight)))
        return self.filtered(tantivy.Query.boolean_query(clauses), query.filters, query.branch)

    def filtered(self, query: tantivy.Query, filters: dict[str, list[str]], branch: Branch | None = None) -> tantivy.Query:
        """``query`` restricted to the guides passing ``filters`` and on ``branch``, scoring nothing more."""
        if not filters and not branch:
            return query
        clauses = [(tantivy.Occur.Must, query)]
        for facet, values in filters.items():
            allowed = self.any_term(facet_field(facet), values)
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(allowed, 0.0)))
        if branch:
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(self._branch(branch), 0.0)))
        return tantivy.Query.boolean_query(clauses)

    def requiring_any(self, query: tantivy.Query, terms: list[tuple[str, str]]) -> tantivy.Query:
        """``query`` among the documents holding any of ``terms`` ((field, value) pairs), scoring nothing more."""
        anyone = tantivy.Query.boolean_query([(tantivy.Occur.Should, self.any_term(field, [value])) for field, value in terms])
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, query),
                                            (tantivy.Occur.Must, tantivy.Query.const_score_query(anyone, 0.0))])

    def suggest(self, key: str) -> tantivy.Query:
        return tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.boost_query(self._term("suggest_head", key), SUGGEST_HEAD_BOOST)),
            (tantivy.Occur.Should, self._term("suggest", key)),
        ])

    def code(self, code: str) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, "code", code)

    def any_term(self, field: str, values) -> tantivy.Query:
        """Documents with any of ``values`` in ``field``. Term queries, not tantivy's term_set_query:
        that costs 0.14 ms a search for each use even on a small index, a term query 0.003 ms."""
        terms = [tantivy.Query.term_query(self.schema, field, value, "basic") for value in dict.fromkeys(values)]
        if len(terms) == 1:
            return terms[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, term) for term in terms]) if terms else tantivy.Query.empty_query()

    def _branch(self, branch: Branch) -> tantivy.Query:
        return tantivy.Query.boolean_query([
            (tantivy.Occur.Should, self.any_term(facet_field("within"), [branch.region])),
            (tantivy.Occur.Should, self.any_term(facet_field("locality"), branch.serving)),
        ])

    def _concept(self, concept: Concept, fields: dict[str, float]) -> tantivy.Query:
        best = tantivy.Query.disjunction_max_query(
            [tantivy.Query.boost_query(self._alternative(alt, fields), alt.weight) for alt in concept.alternatives]
        )
        return tantivy.Query.boost_query(best, concept.weight) if concept.weight != 1.0 else best

    def _alternative(self, alternative: Alternative, fields: dict[str, float]) -> tantivy.Query:
        per_field = []
        for field, boost in fields.items():
            terms = [self._term(field, term) for term in alternative.terms]
            matched = terms[0] if len(terms) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Must, t) for t in terms])
            per_field.append(tantivy.Query.boost_query(matched, boost))
        return tantivy.Query.disjunction_max_query(per_field, FIELD_TIE_BREAKER)

    def _term(self, field: str, term: str) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field, term, "freq")


def group_id(value: str) -> int:
    """A group's value as the unsigned 64-bit id the fast column holds."""
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


def code_start(code: str) -> int:
    """The first 8 bytes of ``code`` (zero-padded) as an unsigned number, in the codes' own order."""
    return int.from_bytes(code.encode()[:8].ljust(8, b"\0"), "big")
