"""Search box, suggestions, directory and guide pages (DESIGN §7)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from api import params
from api.errors import ApiError
from search.service import SearchRequest

blueprint = Blueprint("guides", __name__, url_prefix="/api/v1")

MAX_PAGE = 100
MAX_PAGE_SIZE = 50
MAX_SUGGESTIONS = 20


def _search():
    return current_app.extensions["govsearch"].search


@blueprint.get("/search")
def search():
    search_request = SearchRequest(
        q=params.query_text(),
        page=params.bounded_int("page", 1, 1, MAX_PAGE),
        size=params.bounded_int("size", 10, 1, MAX_PAGE_SIZE),
        filters=params.filters(),
    )
    return jsonify(_search().search(search_request))


@blueprint.get("/suggest")
def suggest():
    text = params.query_text()
    size = params.bounded_int("size", 8, 1, MAX_SUGGESTIONS)
    return jsonify({"suggestions": _search().suggest(text, size)})


@blueprint.get("/directory")
def directory():
    return jsonify(_search().directory(params.filters()))


@blueprint.get("/guides/<code>")
def guide(code: str):
    found = _search().guide(code)
    if found is None:
        raise ApiError(404, f"no active guide with code {code!r}")
    return jsonify(found)
