"""Search box, suggestions, directory and guide pages (DESIGN §7)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from api import params
from api.auth import signed_in_user
from api.errors import ApiError
from recommender.store import StoreUnavailable
from search.analysis import exact_key
from search.plan import SearchRequest

blueprint = Blueprint("guides", __name__, url_prefix="/api/v1")

MAX_PAGE = 100
MAX_PAGE_SIZE = 50
MAX_SUGGESTIONS = 20
MAX_HOT = 50
OFFERED_HOT = 6  # what an answer that matched nothing offers instead
OFFERED_NODES = 8
# Each of q, the filters and region may be left out, but not all of them. Such a search is as described
# (so not a 400) yet asks for nothing: a 422.
NOTHING_TO_SEARCH = "say what to search for: q, a filter or a region"


def _components():
    return current_app.extensions["govsearch"]


def _search():
    return _components().search


@blueprint.get("/search")
def search():
    search_request = SearchRequest(
        q=params.query_text(required=False),  # without q: browse a directory node
        page=params.bounded_int("page", 1, 1, MAX_PAGE),
        size=params.bounded_int("size", 10, 1, MAX_PAGE_SIZE),
        filters=params.filters(),
        region=params.optional_text("region"),
        locality=params.optional_text("locality") or _profile_region(),
        collapse=params.flag("collapse", True),
    )
    if not (search_request.q or search_request.filters or search_request.region):
        raise ApiError(422, NOTHING_TO_SEARCH)
    response = _search().search(search_request)
    if response["match"] == "none" and response["intent"] == "guide":
        response["offers"] = _offers()
    response["search_id"] = _log_search(search_request, response) if search_request.q else None
    return jsonify(response)


def _log_search(search_request: SearchRequest, response: dict) -> str:
    normalized = exact_key(_search().analyzer.normalize(search_request.q))
    return _components().query_log.search(
        normalized, response, search_request.page, search_request.filters, request.remote_addr or "unknown"
    )


def _profile_region() -> str | None:
    """A signed-in user's profile locality: where their search ranks serving copies first."""
    user_id = signed_in_user()
    if user_id is None:
        return None
    try:
        profile = _components().feed.store.get_user(user_id)
    except StoreUnavailable:
        return None
    return profile.region if profile else None


def _offers() -> dict:
    """What to try when the catalogue cannot answer: hot searches and the directory's nodes."""
    facets = _search().directory({})["facets"]
    nodes = [{"facet": facet, "value": f["value"], "count": f["count"]}
             for facet in ("life_event", "theme") for f in facets.get(facet, [])[: OFFERED_NODES // 2]]
    return {"hot": _components().hot_searches.top(OFFERED_HOT), "directory": nodes}


@blueprint.get("/services/<basic_code>")
def service_copies(basic_code: str):
    """The copies of one service (one 基本编码) by locality."""
    found = _search().services(basic_code)
    if found is None:
        raise ApiError(404, f"no active service with basic code {basic_code!r}")
    return jsonify(found)


@blueprint.get("/hot")
def hot():
    size = params.bounded_int("size", 10, 1, MAX_HOT)
    return jsonify({"queries": _components().hot_searches.top(size)})


@blueprint.get("/suggest")
def suggest():
    text = params.query_text()
    size = params.bounded_int("size", 8, 1, MAX_SUGGESTIONS)
    return jsonify({"suggestions": _search().suggest(text, size)})


@blueprint.get("/directory")
def directory():
    return jsonify(_search().directory(params.filters(), params.optional_text("region")))


@blueprint.get("/guides/<code>")
def guide(code: str):
    """A guide page; ``search_id`` and ``rank`` (from a search answer) make the visit a click."""
    found = _search().guide_page(code)
    if found is None:
        raise ApiError(404, f"no active guide with code {code!r}")
    search_id = params.scalar("search_id") or None
    rank = params.bounded_int("rank", 0, 0, MAX_PAGE * MAX_PAGE_SIZE) or None
    _components().query_log.view(code, search_id[:32] if search_id else None, rank, request.remote_addr or "unknown")
    return jsonify(found)
