"""Offline relevance evaluation of the search service on labelled queries.

Metrics (definitions in ``tests/fixtures/eval_public/README.md``), over answerable queries and
the first 10 results: nDCG@10 (gain 2^grade − 1, discount log2(rank + 1), ideal from all
labels), Success@1 and Success@3 (a grade-2 result at the top / in the top 3), MRR (1/rank
of the first grade-2 result), zero-result rate; withdrawn leaks (results that are withdrawn
guides, over all queries) and case-intent accuracy (case queries answered ``intent:
case`` with no items), no-match accuracy (queries of category ``none``, which the
catalogue cannot answer, answered ``match: none``).

Scored by service: the copies of one service (one basic code, else one name and audience)
count as one result and one label, with the best grade labelled for any of them, because
search lists each service once. ``wrong_locality`` is the share of the top 3 that is a
wanted service in a copy off the branch of the query's place (its ``region`` filter, its
``locality``, or the place the query names): the right service from the wrong city.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from search import regions
from search.plan import SearchRequest
from search.service import SearchService

CUTOFF = 10
TOP = 3
NO_MATCH = "none"  # the category of queries the catalogue cannot answer (relevant is {})
METRICS = ("ndcg@10", "success@1", "success@3", "mrr", "zero_results", "answered_none", "wrong_locality")


@dataclass
class LabelledQuery:
    id: str
    q: str
    category: str
    relevant: dict[str, int]
    filters: dict[str, str] = field(default_factory=dict)
    locality: str | None = None  # where the person asking is

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
    match: str = "exact"


@dataclass
class EvaluationReport:
    overall: dict[str, float]
    categories: dict[str, dict[str, float]]
    withdrawn_leaks: int
    case_intent_accuracy: float | None
    no_match_accuracy: float | None  # queries the catalogue cannot answer, answered match: none
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
            "no_match_accuracy": self.no_match_accuracy,
        }


def read_queries(path: Path) -> list[LabelledQuery]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [
        LabelledQuery(row["id"], row["q"], row["category"], row.get("relevant") or {}, row.get("filters") or {},
                      row.get("locality"))
        for row in rows
    ]


def evaluate(service: SearchService, queries: list[LabelledQuery], withdrawn_codes: set[str]) -> EvaluationReport:
    services = _Services(service)
    outcomes = [_run(service, services, query) for query in queries]
    answerable = [o for o in outcomes if o.query.answerable]
    by_category = defaultdict(list)
    for outcome in answerable:
        by_category[outcome.query.category].append(outcome)
    case_queries = [o for o in outcomes if o.query.category == "case"]
    case_right = sum(1 for o in case_queries if o.intent == "case" and not o.codes)
    unanswerable = [o for o in outcomes if o.query.category == NO_MATCH]
    return EvaluationReport(
        overall=_mean_scores(answerable),
        categories={category: _mean_scores(items) for category, items in sorted(by_category.items())},
        withdrawn_leaks=sum(1 for o in outcomes for code in o.codes if code in withdrawn_codes),
        case_intent_accuracy=case_right / len(case_queries) if case_queries else None,
        no_match_accuracy=_mean([float(o.match == "none") for o in unanswerable]) if unanswerable else None,
        outcomes=outcomes,
    )


class _Services(dict):
    """The service of each code, looked up once (copies of one service count as one result)."""

    def __init__(self, service: SearchService):
        super().__init__()
        self.service = service

    def __missing__(self, code: str) -> str:
        guide = self.service.guide(code)
        self[code] = guide.service if guide else code
        return self[code]


def _run(service: SearchService, services: _Services, query: LabelledQuery) -> QueryOutcome:
    filters = {key: [value] if isinstance(value, str) else list(value) for key, value in query.filters.items()}
    region = (filters.pop("region", None) or [None])[0]
    response = service.search(SearchRequest(q=query.q, size=CUTOFF, filters=filters, region=region,
                                            locality=query.locality))
    items = response["items"]
    codes = [item["code"] for item in items]
    names = [item["name"] for item in items]
    ranked = list(dict.fromkeys(services[item["code"]] for item in items))
    wanted = _by_service(services, query.relevant)
    scores = _honesty(_scores(ranked, wanted), response.get("match", "none"))
    place = region or response.get("place") or query.locality
    if scores and place and items:
        scores["wrong_locality"] = _wrong_locality(service, services, items[:TOP], wanted, place)
    return QueryOutcome(query, codes, names, response["intent"], response["total"], scores, response.get("match", "none"))


def _by_service(services: _Services, relevant: dict[str, int]) -> dict[str, int]:
    """Labels by service: the best grade given to any copy."""
    grades: dict[str, int] = {}
    for code, grade in relevant.items():
        key = services[code]
        grades[key] = max(grade, grades.get(key, 0))
    return grades


def _wrong_locality(service: SearchService, services: _Services, items: list[dict], wanted: dict[str, int],
                    place: str) -> float:
    branch = regions.canonical(service.resolve_region(place))
    lineage = regions.lineage(branch)
    wrong = 0
    for item in items:
        at = regions.canonical(item.get("region"))
        on_branch = at in lineage or branch in regions.lineage(item.get("region"))
        wrong += bool(wanted.get(services[item["code"]])) and not on_branch
    return wrong / len(items)


def _scores(results: list[str], relevant: dict[str, int]) -> dict[str, float]:
    if not relevant:
        return {}
    gains = [2 ** relevant.get(result, 0) - 1 for result in results[:CUTOFF]]
    ideal = sorted((2**grade - 1 for grade in relevant.values()), reverse=True)[:CUTOFF]
    first_best = next((rank for rank, result in enumerate(results[:CUTOFF], 1) if relevant.get(result) == 2), None)
    return {
        "ndcg@10": _dcg(gains) / _dcg(ideal) if _dcg(ideal) else 0.0,
        "success@1": float(first_best == 1),
        "success@3": float(first_best is not None and first_best <= 3),
        "mrr": 1 / first_best if first_best else 0.0,
        "zero_results": float(not results),
    }


def _honesty(scores: dict[str, float], match: str) -> dict[str, float]:
    """An answerable query answered ``match: none`` (results or not): a question the catalogue
    answers, told it cannot be answered."""
    return {**scores, "answered_none": float(match == "none")} if scores else scores


def _dcg(gains) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def _mean_scores(outcomes: list[QueryOutcome]) -> dict[str, float]:
    if not outcomes:
        return {}
    # wrong_locality is over the queries with a place only
    means = {metric: _mean([o.scores[metric] for o in outcomes if metric in o.scores]) for metric in METRICS}
    return {**means, "queries": len(outcomes)}


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def format_report(report: EvaluationReport, show_misses: bool = False) -> str:
    header = f"{'category':<14}{'queries':>8}" + "".join(f"{m:>15}" for m in METRICS)
    lines = [header, "-" * len(header)]
    rows = [("overall", report.overall), *report.categories.items()]
    for name, scores in rows:
        lines.append(f"{name:<14}{scores.get('queries', 0):>8}" + "".join(f"{scores.get(m, 0):>15.3f}" for m in METRICS))
    lines.append("")
    lines.append(f"withdrawn leaks: {report.withdrawn_leaks}")
    accuracy = report.case_intent_accuracy
    lines.append(f"case intent accuracy: {'n/a' if accuracy is None else f'{accuracy:.3f}'}")
    no_match = report.no_match_accuracy
    lines.append(f"no-match accuracy: {'n/a' if no_match is None else f'{no_match:.3f}'}")
    if show_misses:
        lines += ["", "misses (no grade-2 guide in the top 3):"]
        for outcome in report.misses():
            wanted = [code for code, grade in outcome.query.relevant.items() if grade == 2]
            got = [f"{code} {name}" for code, name in zip(outcome.codes[:3], outcome.names)]
            lines.append(f"  {outcome.query.id} [{outcome.query.category}] {outcome.query.q!r}: got {got}, want {wanted}")
    return "\n".join(lines)


# -- fact questions (搜问一体) ---------------------------------------------------------------


@dataclass
class FactQuestion:
    id: str
    q: str
    category: str
    aspect: str | None  # None: the query only names a service and must get no answer
    codes: list[str]  # the copies the answer may come from
    expect: str | None  # text a right answer holds (a fee standard, a phone number …)
    locality: str | None = None


def read_fact_questions(path: Path) -> list[FactQuestion]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [FactQuestion(r["id"], r["q"], r["category"], r.get("aspect"), r.get("codes") or [], r.get("expect"),
                         r.get("locality")) for r in rows]


def evaluate_facts(service: SearchService, questions: list[FactQuestion]) -> dict:
    """How fact questions are answered: the aspect read right; the answer right (its aspect, a copy
    of those labelled, the expected fact in it); from another locality's copy of the right
    service; an answer where none is wanted; an answer with an empty fact."""
    services = _Services(service)
    counts: dict[str, list[float]] = defaultdict(list)
    misses = []
    for question in questions:
        response = service.search(SearchRequest(q=question.q, locality=question.locality))
        fact = response.get("answer")
        counts["aspect_read"].append(float(response.get("asked") == question.aspect))
        if question.aspect is None:
            counts["answered_name_only"].append(float(fact is not None))
            continue
        right = bool(fact) and fact["aspect"] == question.aspect and fact["code"] in question.codes and (
            question.expect is None or question.expect in json.dumps(fact, ensure_ascii=False))
        counts["right"].append(float(right))
        counts[f"right:{question.aspect}"].append(float(right))
        wanted = {services[code] for code in question.codes}
        counts["other_locality"].append(float(bool(fact) and fact["code"] not in question.codes
                                              and services[fact["code"]] in wanted))
        counts["empty_fact"].append(float(bool(fact) and not str(fact.get("text") or "").strip()))
        if not right:
            misses.append({"id": question.id, "q": question.q, "aspect": question.aspect, "asked": response.get("asked"),
                           "answer": fact and {k: fact[k] for k in ("aspect", "code", "name", "source")},
                           "first": response["items"][0]["name"] if response["items"] else None})
    return {"questions": len(questions), **{name: round(_mean(values), 4) for name, values in sorted(counts.items())},
            "misses": misses}
