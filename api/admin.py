"""Operators' API (``/api/v1/admin``): the usage report, its CSV export, dictionary reload,
and the review of hot searches (approve what the rules hold back, hide what they let through).

Every call needs ``X-Admin-Key`` equal to ``GOVSEARCH_ADMIN_KEY`` (compared in constant
time): 401 without it, 403 when wrong. With no key configured, admin is off (404).
"""

from __future__ import annotations

import csv
import hmac
import io

from flask import Blueprint, Response, current_app, jsonify, request

from api import params
from api.errors import ApiError
from search.analysis import exact_key
from search.analytics import APPROVED, HIDDEN
from search.limits import Blocked

blueprint = Blueprint("admin", __name__, url_prefix="/api/v1/admin")

MAX_DAYS = 90
HOT_STATES = (APPROVED, HIDDEN, "auto")


def _components():
    return current_app.extensions["govsearch"]


@blueprint.before_request
def require_admin_key():
    configured = _components().settings.admin_key
    if not configured:
        raise ApiError(404, "the admin API is off (GOVSEARCH_ADMIN_KEY is not set)")
    given = request.headers.get("X-Admin-Key")
    if not given:
        raise ApiError(401, "send the admin key in X-Admin-Key")
    limiter = _components().admin_key_limiter
    attempt = limiter.attempt(request.remote_addr or "unknown")
    if isinstance(attempt, Blocked):
        raise ApiError(429, "too many wrong admin keys; try again later", {"Retry-After": str(attempt.retry_after)})
    if not hmac.compare_digest(given.encode(), configured.encode()):
        raise ApiError(403, "wrong admin key")  # the attempt stays counted
    limiter.release(attempt)


@blueprint.get("/stats")
def stats():
    return jsonify(_components().usage_report(params.bounded_int("days", 7, 1, MAX_DAYS)))


@blueprint.post("/synonyms/reload")
def reload_synonyms():
    return jsonify(_components().reload_dictionaries().as_json())


@blueprint.get("/next-steps")
def next_steps():
    """What follows a service: learned from people and read from the catalogue, with why."""
    code = params.optional_text("code", max_chars=64)
    if not code:
        raise ApiError(400, "parameter 'code' is required: the code of a guide")
    found = _components().feed.what_follows(code)
    if found is None:
        raise ApiError(404, f"no active guide with code {code!r}")
    return jsonify(found)


@blueprint.get("/hot")
def hot_review():
    """Every candidate hot search with whether the portal shows it and why."""
    decisions = _components().hot_searches.review()
    return jsonify({
        "shown": [d.as_json() for d in decisions if d.shown],
        "held": [d.as_json() for d in decisions if not d.shown],
    })


@blueprint.put("/hot")
def hot_decide():
    """``{"text": "…", "state": "approved" | "hidden" | "auto"}``; "auto" leaves it to the rules."""
    body = params.json_object()
    text = params.text_field(body, "text", max_chars=params.MAX_QUERY_CHARS)
    state = body.get("state")
    if state not in HOT_STATES:
        raise ApiError(400, "'state' must be one of " + ", ".join(HOT_STATES))
    components = _components()
    query = exact_key(components.search.analyzer.normalize(text))  # the form the query log keeps
    if not query:
        raise ApiError(422, "'text' holds nothing a search would keep (only punctuation or spaces)")
    components.hot_searches.set(query, None if state == "auto" else state)
    return jsonify({"text": query, "state": state})


@blueprint.get("/export")
def export():
    days = params.bounded_int("days", 7, 1, MAX_DAYS)
    body = report_csv(_components().usage_report(days))
    filename = f"govsearch-report-{days}d.csv"
    # A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
    return Response("\ufeff" + body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def report_csv(data: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "query_or_code", "name", "count", "clients", "click_through_rate", "mean_click_rank", "suggested_code", "suggested_name"])
    for row in data["top_queries"]:
        writer.writerow(["top_query", row["query"], "", row["count"], row["clients"], row["click_through_rate"],
                         row["mean_click_rank"] if row["mean_click_rank"] is not None else "", "", ""])
    for row in data["zero_result_queries"]:
        suggestion = row["suggestion"] or {}
        writer.writerow(["zero_result", row["query"], "", row["count"], "", "", "", suggestion.get("code", ""), suggestion.get("name", "")])
    for row in data["top_guides"]:
        writer.writerow(["top_guide", row["code"], row["name"] or "", row["views"], "", "", "", "", ""])
    writer.writerow(["summary", "searches", "", data["searches"], "", "", "", "", ""])
    writer.writerow(["summary", "zero_result_rate", "", data["zero_result_rate"], "", "", "", "", ""])
    for name, value in data["latency_ms"].items():
        writer.writerow(["summary", f"latency_{name}_ms", "", value if value is not None else "", "", "", "", "", ""])
    return out.getvalue()
