"""Query-time synonym expansion from the Solr-syntax rules in ``synonyms/synonyms.txt``.

Expansion happens when a query is parsed, not when guides are indexed, so an edited
synonym file takes effect on reload without rebuilding the index. Semantics follow Solr:
an equivalence group (``a, b, c``) lets each term stand for all of them; a one-way rule
(``a => b, c``) replaces ``a`` by ``b`` and ``c`` (``a`` is kept only if listed on the right
or in an equivalence group).
"""

from __future__ import annotations

from collections import defaultdict

from search.analysis import Analyzer, exact_key
from synonyms import SynonymRule


class SynonymExpander:
    def __init__(self, rules: tuple[SynonymRule, ...], analyzer: Analyzer):
        self._expansions: dict[str, list[str]] = defaultdict(list)
        kept: set[str] = set()
        replaced: set[str] = set()
        for rule in rules:
            terms = [self._key(analyzer, t) for t in rule.terms]
            targets = [self._key(analyzer, t) for t in rule.targets]
            for term in terms:
                self._expansions[term].extend(t for t in targets if t != term and t not in self._expansions[term])
            if rule.equivalent:
                kept.update(terms)
            else:
                replaced.update(terms)
                kept.update(t for t in terms if t in targets)
        self._replaced = replaced - kept
        self.longest = max((len(key) for key in self._expansions), default=0)

    @staticmethod
    def _key(analyzer: Analyzer, term: str) -> str:
        return exact_key(analyzer.normalize(term))

    def __contains__(self, text: str) -> bool:
        return text in self._expansions

    def expand(self, text: str) -> list[str]:
        """The terms ``text`` stands for, other than itself."""
        return self._expansions.get(text, [])

    def keeps_original(self, text: str) -> bool:
        """False for the left side of a one-way rule: 丢了 => 挂失, 补领 searches only the right."""
        return text not in self._replaced
