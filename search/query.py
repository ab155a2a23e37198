"""Query understanding: from what a citizen typed to an engine-neutral query.

Every word the analysis chain keeps becomes a ``Concept``: the word itself, and its
dictionary sub-words at a lower weight (so 居民身份证 still finds a guide that only says
身份证, but a guide with the whole word ranks first). A query that looks like a case
number (办件编号) has ``intent == "case"``: the portal opens the case lookup form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.analysis import Analyzer, exact_key, has_hanzi
from search.models import Alternative, Concept

SUB_WORD_WEIGHT = 0.35
_CASE_NUMBER = re.compile(r"[0-9a-z]{10,40}")


@dataclass
class ParsedQuery:
    text: str
    normalized: str
    intent: str  # "guide" or "case"
    concepts: list[Concept]
    exact_name: str

    @property
    def terms(self) -> list[str]:
        """Every term the query may match, for highlighting."""
        return [term for concept in self.concepts for alt in concept.alternatives for term in alt.terms]


def looks_like_case_number(normalized: str) -> bool:
    """A long run of digits and letters without hanzi, like 4401062025110300017 or SQ2025-0001234."""
    compact = re.sub(r"[\s\-_/]", "", normalized)
    if has_hanzi(compact) or not _CASE_NUMBER.fullmatch(compact):
        return False
    digits = sum(ch.isdigit() for ch in compact)
    return digits >= 8 and digits / len(compact) >= 0.6


class QueryParser:
    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer

    def parse(self, text: str) -> ParsedQuery:
        normalized = self.analyzer.normalize(text)
        if looks_like_case_number(normalized):
            return ParsedQuery(text, normalized, "case", [], "")
        concepts = [self._concept(word) for word in dict.fromkeys(self.analyzer.query_words(normalized))]
        return ParsedQuery(text, normalized, "guide", concepts, exact_key(normalized))

    def _concept(self, word: str) -> Concept:
        alternatives = [Alternative((word,), 1.0)]
        alternatives += [Alternative((sub,), SUB_WORD_WEIGHT) for sub in self.analyzer.sub_words(word)]
        return Concept(word, alternatives)
