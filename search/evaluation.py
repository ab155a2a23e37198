"""Offline relevance evaluation of the search service on labelled queries.

Metrics (definitions in ``shared/eval/public/README.md``), over answerable queries and
the first 10 results: nDCG@10 (gain 2^grade − 1, discount log2(rank + 1), ideal from all
labels), Success@1 and Success@3 (a grade-2 code at the top / in the top 3), MRR (1/rank
of the first grade-2 code), zero-result rate; withdrawn leaks (results that are withdrawn
guides, over all queries) and case-intent accuracy (case queries answered ``intent:
case`` with no items).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from search.service import SearchRequest, SearchService

CUTOFF = 10
METRICS = ("ndcg@10", "success@1", "success@3", "mrr", "zero_results")


@dataclass
class LabelledQuery:
    id: str
    q: str
    category: str
    relevant: dict[str, int]
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return bool(self.relevant)


@dataclass
class QueryOutcome:
    query: LabelledQuery
    codes: list[str]
    names: list[str]
    intent: str
    total: int
    scores: dict[str, float]


@dataclass
class EvaluationReport:
    overall: dict[str, float]
    categories: dict[str, dict[str, float]]
    withdrawn_leaks: int
    case_intent_accuracy: float | None
    outcomes: list[QueryOutcome]

    def misses(self) -> list[QueryOutcome]:
        """Answerable queries without a grade-2 code in the top 3."""
        return [o for o in self.outcomes if o.query.answerable and not o.scores["success@3"]]

    def as_dict(self) -> dict:
        return {
            "overall": self.overall,
            "categories": self.categories,
            "withdrawn_leaks": self.withdrawn_leaks,
            "case_intent_accuracy": self.case_intent_accuracy,
        }


def read_queries(path: Path) -> list[LabelledQuery]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [
        LabelledQuery(row["id"], row["q"], row["category"], row.get("relevant") or {}, row.get("filters") or {})
        for row in rows
    ]


def evaluate(service: SearchService, queries: list[LabelledQuery], withdrawn_codes: set[str]) -> EvaluationReport:
    outcomes = [_run(service, query) for query in queries]
    answerable = [o for o in outcomes if o.query.answerable]
    by_category = defaultdict(list)
    for outcome in answerable:
        by_category[outcome.query.category].append(outcome)
    case_queries = [o for o in outcomes if o.query.category == "case"]
    case_right = sum(1 for o in case_queries if o.intent == "case" and not o.codes)
    return EvaluationReport(
        overall=_mean_scores(answerable),
        categories={category: _mean_scores(items) for category, items in sorted(by_category.items())},
        withdrawn_leaks=sum(1 for o in outcomes for code in o.codes if code in withdrawn_codes),
        case_intent_accuracy=case_right / len(case_queries) if case_queries else None,
        outcomes=outcomes,
    )


def _run(service: SearchService, query: LabelledQuery) -> QueryOutcome:
    filters = {key: [value] if isinstance(value, str) else list(value) for key, value in query.filters.items()}
    response = service.search(SearchRequest(q=query.q, size=CUTOFF, filters=filters))
    codes = [item["code"] for item in response["items"]]
    names = [item["name"] for item in response["items"]]
    return QueryOutcome(query, codes, names, response["intent"], response["total"], _scores(codes, query.relevant))


def _scores(codes: list[str], relevant: dict[str, int]) -> dict[str, float]:
    if not relevant:
        return {}
    gains = [2 ** relevant.get(code, 0) - 1 for code in codes[:CUTOFF]]
    ideal = sorted((2**grade - 1 for grade in relevant.values()), reverse=True)[:CUTOFF]
    first_best = next((rank for rank, code in enumerate(codes[:CUTOFF], 1) if relevant.get(code) == 2), None)
    return {
        "ndcg@10": _dcg(gains) / _dcg(ideal) if _dcg(ideal) else 0.0,
        "success@1": float(first_best == 1),
        "success@3": float(first_best is not None and first_best <= 3),
        "mrr": 1 / first_best if first_best else 0.0,
        "zero_results": float(not codes),
    }


def _dcg(gains) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def _mean_scores(outcomes: list[QueryOutcome]) -> dict[str, float]:
    if not outcomes:
        return {}
    means = {metric: sum(o.scores[metric] for o in outcomes) / len(outcomes) for metric in METRICS}
    return {**means, "queries": len(outcomes)}


def format_report(report: EvaluationReport, show_misses: bool = False) -> str:
    header = f"{'category':<14}{'queries':>8}" + "".join(f"{m:>14}" for m in METRICS)
    lines = [header, "-" * len(header)]
    rows = [("overall", report.overall), *report.categories.items()]
    for name, scores in rows:
        lines.append(f"{name:<14}{scores.get('queries', 0):>8}" + "".join(f"{scores.get(m, 0):>14.3f}" for m in METRICS))
    lines.append("")
    lines.append(f"withdrawn leaks: {report.withdrawn_leaks}")
    accuracy = report.case_intent_accuracy
    lines.append(f"case intent accuracy: {'n/a' if accuracy is None else f'{accuracy:.3f}'}")
    if show_misses:
        lines += ["", "misses (no grade-2 guide in the top 3):"]
        for outcome in report.misses():
            wanted = [code for code, grade in outcome.query.relevant.items() if grade == 2]
            got = [f"{code} {name}" for code, name in zip(outcome.codes[:3], outcome.names)]
            lines.append(f"  {outcome.query.id} [{outcome.query.category}] {outcome.query.q!r}: got {got}, want {wanted}")
    return "\n".join(lines)
