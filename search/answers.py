"""The search answer of DESIGN §7, shaped from what the engine found: pure functions, no engine.

Both engines' hits are put in one order here (equal scores by code) and facets listed alike,
so the API answers the same whichever engine found them.
"""

from __future__ import annotations

from search.guide import Guide
from search.highlight import mark, snippet
from search.models import EngineHit, FacetCount


def guide_answer(query: str, total: int, match: str, items: list[dict], facets: dict[str, list[FacetCount]],
                 region: str | None = None, place: str | None = None, did_you_mean: str | None = None,
                 asked: str | None = None, fact: dict | None = None) -> dict:
    """An answer listing guides: one page of ``items`` out of ``total``, and how they matched; for
    a question asking one fact (``asked``), that fact from the first guide when it holds it."""
    return {
        "query": query,
        "intent": "guide",
        "total": total,
        "match": match,
        "place": place,
        "region": region,
        "items": items,
        "facets": facets_json(facets),
        "did_you_mean": did_you_mean,
        "asked": asked,
        "answer": fact,
    }


def case_answer(query: str, case_no: str | None) -> dict:
    """A case number was typed: no guides, the lookup form pre-filled with ``case_no``."""
    return {"query": query, "intent": "case", "case_no": case_no, "total": 0, "match": "none",
            "place": None, "region": None, "items": [], "facets": {}, "did_you_mean": None, "asked": None,
            "answer": None}


def item(guide: Guide, score: float, pattern) -> dict:
    """One result: the guide's summary fields, its score and the query's words marked."""
    return {
        "code": guide.code,
        "basic_code": guide.basic_code,
        "name": guide.name,
        "department": guide.department,
        "region": guide.region,
        "audience": list(guide.audience),
        "themes": list(guide.themes),
        "item_type": guide.item_type,
        "score": round(score, 4),
        "highlight": {
            "name": mark(guide.name, pattern),
            "snippet": snippet([guide.summary, guide.conditions], pattern),
        },
    }


def ranked(hits: list[EngineHit]) -> list[EngineHit]:
    """Equal scores (copies of one service) by code, so both engines list them alike."""
    return sorted(hits, key=lambda hit: (-round(hit.score, 3), hit.code))


def facets_json(facets: dict[str, list[FacetCount]]) -> dict:
    """Counts, largest first; equal counts by value, so both engines list them alike."""
    return {
        name: [{"value": f.value, "count": f.count} for f in sorted(counts, key=lambda f: (-f.count, f.value))]
        for name, counts in facets.items()
    }
