"""One fusion of the lexical and the semantic lists, above both engines: a pure function.

The two lists are complementary. Query understanding knows when words decide: a query that
names a service or a keyword exactly, a directory node, or was read as pinyin, initials or a
typo — there the lexical list is the answer. Where the words match
weakly (strictly, but not by name), both count, by weighted reciprocal rank. Where the words
matched only once relaxed, or not at all, meaning decides and a relaxed lexical match only
follows it.

Honest no-match: a service found by meaning alone must be at least ``SEMANTIC_FLOOR`` similar to
the query; a strict lexical match counts only when meaning backs one of its services (weakly
when the query's deciding words are the catalogue's own words, more when they are not: 门票 and
预约 occur in guides, but a guide is not about them); a relaxed one, service by service. So a
question about something the catalogue lacks finds nothing (``match: none``) instead of the
nearest unrelated service.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.models import Neighbour
from search.ranking import (
    FUSION_RANK_CONSTANT,
    LEXICAL_WEIGHT_RELAXED,
    LEXICAL_WEIGHT_STRICT,
    RELAXED_FLOOR,
    SEMANTIC_FLOOR,
    SEMANTIC_WEIGHT,
    STRICT_FLOOR,
    STRICT_NAMED_FLOOR,
)

EXACT, RELAXED, SEMANTIC, NONE = "exact", "relaxed", "semantic", "none"


@dataclass(frozen=True)
class Evidence:
    """What the lexical side knows of how the query matched."""

    position: int | None  # the ladder's rung that found something: 0 strict, more relaxed; None nothing
    decisive: bool = False  # words decide: an exact name or keyword, a directory node, pinyin, a typo
    named: bool = False  # every deciding word is a word of service names, keywords, the directory or offices


@dataclass(frozen=True)
class Fused:
    services: list[str]  # best first
    semantic: frozenset[str]  # those found by meaning alone
    match: str


def fuse(lexical: list[str], neighbours: list[Neighbour], evidence: Evidence) -> Fused:
    """The services of both lists in one order, and how the first one matched."""
    similar = [n for n in neighbours if n.similarity >= SEMANTIC_FLOOR]
    similarity = {n.service: n.similarity for n in neighbours}
    if not neighbours and evidence.position is not None:  # nothing to judge the words by: they stand
        return _ranked(lexical, [], {}, EXACT if evidence.position == 0 else RELAXED, lexical_first=True)
    if evidence.position is None:
        return _ranked([], similar, _weights(0.0), SEMANTIC, similarity=similarity)
    if evidence.decisive:
        return _ranked(lexical, [], {}, EXACT if evidence.position == 0 else RELAXED, lexical_first=True)
    if evidence.position == 0:
        floor = STRICT_NAMED_FLOOR if evidence.named else STRICT_FLOOR
        backed = any(n.similarity >= floor for n in neighbours if n.service in set(lexical))
        return _ranked(lexical if backed else [], similar, _weights(LEXICAL_WEIGHT_STRICT), EXACT, similarity=similarity)
    # Relaxed: one shared word is weak evidence; a relaxed match meaning does not back up is dropped.
    backed = {n.service for n in neighbours if n.similarity >= RELAXED_FLOOR}
    return _ranked([s for s in lexical if s in backed], similar, _weights(LEXICAL_WEIGHT_RELAXED), RELAXED,
                   similarity=similarity)


def _weights(lexical: float) -> dict[str, float]:
    return {"lexical": lexical, "semantic": SEMANTIC_WEIGHT}


def _ranked(lexical: list[str], similar: list[Neighbour], weights: dict[str, float], lexical_match: str,
            lexical_first: bool = False, similarity: dict[str, float] | None = None) -> Fused:
    semantic = [n.service for n in similar]
    if lexical_first:
        order = lexical + [s for s in semantic if s not in lexical]
    else:
        scores: dict[str, float] = {}
        for source, services in (("lexical", lexical), ("semantic", semantic)):
            for rank, service in enumerate(services, 1):
                scores[service] = scores.get(service, 0.0) + weights[source] / (FUSION_RANK_CONSTANT + rank)
        # Equal fused scores (the words' first and meaning's first): the one meaning finds nearer.
        similarity = similarity or {}
        order = sorted(scores, key=lambda s: (-scores[s], -similarity.get(s, 0.0)))
    alone = frozenset(order) - frozenset(lexical)
    match = NONE if not order else SEMANTIC if order[0] in alone else lexical_match
    return Fused(order, alone, match)
