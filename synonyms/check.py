"""``govsearch synonyms check``: what an operator should fix in the dictionaries.

- malformed lines (of any of the three files);
- duplicate synonym groups, and a term listed twice in one line;
- a term that two rules both rewrite (ambiguous: say so once, in one group);
- a synonym term that the segmenter cuts inconsistently: queries match synonym terms on
  word boundaries, so a term is only found where the query is cut at its start and end.
  The term is tried in a few typical question contexts; where a word crosses its edge
  (转到 in 转到外地 → 转/到外地), adding it to ``userdict.txt`` makes it one word everywhere.

The segmenter is passed in (the analysis chain's, as word spans), so this module stays a
plain reader of the dictionary files.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from synonyms import SYNONYMS, Dictionaries, Problem

Segmenter = Callable[[str], list[tuple[int, int]]]  # text → (start, end) of each word
CONTEXTS = ("{}", "{}怎么办", "请问{}需要什么材料", "关于{}的问题")


def check_dictionaries(dictionaries: Dictionaries, segment: Segmenter) -> list[Problem]:
    problems = list(dictionaries.problems)
    problems += _duplicates(dictionaries)
    problems += _unstable_terms(dictionaries, segment)
    return sorted(problems, key=lambda p: (p.file, p.line))


def _duplicates(dictionaries: Dictionaries) -> list[Problem]:
    problems = []
    seen_groups: dict[tuple, int] = {}
    rewritten_by: dict[str, list[int]] = defaultdict(list)
    for rule in dictionaries.synonym_rules:
        key = (frozenset(rule.terms), frozenset(rule.targets), rule.equivalent)
        if key in seen_groups:
            problems.append(Problem(SYNONYMS, rule.line, f"same rule as line {seen_groups[key]}"))
            continue
        seen_groups[key] = rule.line
        repeated = sorted({t for t in rule.terms if rule.terms.count(t) > 1})
        if repeated:
            problems.append(Problem(SYNONYMS, rule.line, f"term listed twice: {', '.join(repeated)}"))
        for term in set(rule.terms):
            rewritten_by[term].append(rule.line)
    for term, lines in rewritten_by.items():
        if len(lines) > 1:
            others = ", ".join(map(str, lines[1:]))
            problems.append(Problem(SYNONYMS, lines[0], f"{term!r} is also rewritten on line(s) {others}; merge the rules"))
    return problems


def _unstable_terms(dictionaries: Dictionaries, segment: Segmenter) -> list[Problem]:
    problems, reported = [], set()
    for rule in dictionaries.synonym_rules:
        for term in (*rule.terms, *rule.targets):
            if term in reported:
                continue
            for context in CONTEXTS:
                text = context.format(term)
                start = context.index("{}")
                edges = {edge for span in segment(text) for edge in span}
                if start not in edges or start + len(term) not in edges:
                    reported.add(term)
                    cut = "/".join(text[a:b] for a, b in segment(text))
                    problems.append(Problem(SYNONYMS, rule.line, f"{term!r} is cut across its edge in {cut}; add it to userdict.txt"))
                    break
    return problems
