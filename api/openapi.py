"""The OpenAPI 3.1 description of the HTTP API (DESIGN §7), served at ``/api/v1/openapi.json``,
and a docs page at ``/api/v1/docs`` that reads it.

The description is data written beside the code it describes: parameter bounds are the
blueprints' own constants and the guide and event shapes come from ``indexer.validation``,
so changing a bound changes the description. ``tests/test_openapi.py`` checks that every
route is described and runs schemathesis against the live app.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, jsonify, send_from_directory
from gunicorn.http.message import MAX_REQUEST_LINE

from api import admin, cases, demo, feed, guides, params
from indexer.readers import INTEGER, OBJECT, OBJECT_LIST, TEXT, TEXT_LIST
from indexer.validation import (
    GUIDE_FIELDS,
    MAX_EVENT_ITEM_CODE,
    MAX_EVENT_QUERY,
    MAX_USER_ID,
    REQUIRED_GUIDE_FIELDS,
    USER_EVENT_FIELDS,
    USER_EVENT_TYPES,
)
from search.limits import MAX_EVENT_POSTS_PER_USER
from search.schema import FILTER_KEYS
from synonyms import ASPECT_SECTIONS

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_BODY_FIELD_CHARS = 64  # params.text_field's default, which the case lookup uses
# Holds a character that is not a space: the server strips text, and text of spaces only is not given.
# The spaces are exactly those of Python's str.isspace, listed rather than \s, which each regex dialect
# (ECMA 262, Python, Rust) reads differently.
NON_BLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"

blueprint = Blueprint("openapi", __name__, url_prefix="/api/v1")


@blueprint.get("/openapi.json")
def openapi_json():
    return jsonify(SPEC)


@blueprint.get("/docs")
def docs():
    return send_from_directory(STATIC_DIR, "docs.html")


# -- building blocks ---------------------------------------------------------------


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict:
    return {"type": [kind, "null"]}


def _object(properties: dict, required: tuple | list = ()) -> dict:
    """An object with these keys; more keys may come (answers grow without breaking clients)."""
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def _array(items: dict, **bounds) -> dict:
    return {"type": "array", "items": items, **bounds}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _text(media_type: str, description: str) -> dict:
    return {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}


def _errors(*statuses: int) -> dict:
    return {str(status): {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"} for status in statuses}


def _bounded_int(name: str, default: int, low: int, high: int, description: str) -> dict:
    return {"name": name, "in": "query", "description": description,
            "schema": {"type": "integer", "minimum": low, "maximum": high, "default": default}}


def _required_text(max_chars: int, **more) -> dict:
    """Text the server strips and requires: at least one character that is not a space."""
    return {"type": "string", "minLength": 1, "maxLength": max_chars, "pattern": NON_BLANK, **more}


def _query_text(name: str, description: str, max_chars: int = params.MAX_FILTER_CHARS, required: bool = False,
                example: str | None = None) -> dict:
    schema = _required_text(max_chars) if required else {"type": "string", "maxLength": max_chars}
    parameter = {"name": name, "in": "query", "required": required, "description": description, "schema": schema}
    if example:
        parameter["example"] = example
    return parameter


def _path_text(name: str, description: str, example: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string"}, "example": example}


_QUERY = _query_text("q", f"what the person typed; blank (or only spaces) is a 400, longer than "
                          f"{params.MAX_QUERY_CHARS} characters too",
                     params.MAX_QUERY_CHARS, required=True, example="公积金提取")
_FILTERS = [
    {"name": name, "in": "query", "style": "form", "explode": True,
     "description": f"filter on {name}; repeat the parameter to accept any of several values",
     "schema": _array({"type": "string", "maxLength": params.MAX_FILTER_CHARS})}
    for name in FILTER_KEYS
]
_REGION = _query_text("region", "a locality as typed (西湖区, 杭州, or a full path): the copies on its branch of the "
                                "locality tree (it, its ancestors and the localities below it; never a sibling)")
_BEARER = [{"bearerAuth": []}]
_ADMIN = [{"adminKey": []}]

# -- shapes ------------------------------------------------------------------------

# A record field's schema by the kind indexer.validation checks it as.
_FIELD_SCHEMAS = {
    TEXT: {"type": "string"},
    TEXT_LIST: _array({"type": "string"}),
    INTEGER: {"type": "integer"},
    OBJECT: {"type": "object"},
    OBJECT_LIST: _array({"type": "object"}),
}

FACET_COUNT = _object({"value": {"type": "string"}, "count": {"type": "integer", "minimum": 0}}, ("value", "count"))

SEARCH_ITEM = _object({
    "code": {"type": "string"},
    "basic_code": _nullable("string"),
    "name": {"type": "string"},
    "department": {"type": "string"},
    "region": _nullable("string"),
    "audience": _array({"type": "string"}),
    "themes": _array({"type": "string"}),
    "item_type": _nullable("string"),
    "score": {"type": "number"},
    "highlight": _object({
        "name": {"type": "string", "description": "HTML-escaped, query terms in <em>"},
        "snippet": {"type": "string", "description": "HTML-escaped, query terms in <em>"},
    }, ("name", "snippet")),
    "copies": {"type": "integer", "minimum": 1,
               "description": "how many localities offer this service (collapsed answers only)"},
    "children": _array(_object({"code": {"type": "string"}, "name": {"type": "string"}}, ("code", "name")),
                       description="the 小项 of a 大项"),
}, ("code", "basic_code", "name", "department", "region", "audience", "themes", "item_type", "score", "highlight"))

SEARCH_ANSWER = _object({
    "query": {"type": "string"},
    "intent": {"enum": ["guide", "case"],
               "description": "case: q looks like a case number; items is empty and the portal shows the lookup form"},
    "case_no": {"type": "string", "description": "the case number read from q (intent case)"},
    "total": {"type": "integer", "minimum": 0},
    "match": {"enum": ["exact", "relaxed", "semantic", "none"],
              "description": "how the results matched: semantic when the first result was found through meaning alone"},
    "place": {**_nullable("string"), "description": "a place named in q (南京公积金提取), when region was not given"},
    "region": {**_nullable("string"), "description": "the locality whose branch was searched"},
    "items": _array(_ref("SearchItem")),
    "facets": {"type": "object", "additionalProperties": _array(_ref("FacetCount")),
               "description": "audience, theme, department, region, life_event: counts over all matches"},
    "did_you_mean": _nullable("string"),
    "asked": {"enum": [*ASPECT_SECTIONS, None],
              "description": "the fact q asks for (多少钱: fee, 要带什么: materials …), null when it asks none"},
    "answer": {"oneOf": [{"type": "null"}, _ref("FactAnswer")],
               "description": "that fact from the first result's guide (the copy serving the person); "
                              "null when q asks no fact or the guide does not hold it (never invented)"},
    "took_ms": {"type": "number", "minimum": 0},
    "search_id": {**_nullable("string"), "description": "pass to /guides/{code} with the rank to record a click; "
                                                 "null when browsing without q (not logged)"},
    "offers": _object({
        "hot": _array(_ref("HotQuery")),
        "directory": _array(_object({"facet": {"type": "string"}, "value": {"type": "string"},
                                     "count": {"type": "integer", "minimum": 0}}, ("facet", "value", "count"))),
    }, ("hot", "directory")),
}, ("query", "intent", "total", "match", "place", "region", "items", "facets", "did_you_mean", "asked", "answer",
    "took_ms", "search_id"))

FACT_ANSWER = _object({
    "aspect": {"enum": list(ASPECT_SECTIONS)},
    "code": {"type": "string", "description": "the guide copy the fact comes from: the one serving the person"},
    "name": {"type": "string"},
    "region": _nullable("string"),
    "text": {"type": "string", "description": "the fact in words (收费：每本120元; 承诺 5 个工作日内办结 …)"},
    "fields": {"type": "object", "description": "the structured field it was read from, as the guide holds it"},
    "source": {"type": "string", "description": "the guide field it came from (fee, materials, time_limit, location, "
                                               "hours, phone, online_mode, conditions, procedure) or faq"},
}, ("aspect", "code", "name", "region", "text", "fields", "source"))

REGION_NODE = _object({
    "value": {"type": "string", "description": "the locality's full path"},
    "name": {"type": "string", "description": "its own level's name"},
    "count": {"type": "integer", "minimum": 0, "description": "copies at or below it"},
    "children": _array(_ref("RegionNode")),
}, ("value", "name", "count", "children"))

CASE_EVENT = _object({
    "time": {"type": "string"}, "stage": {"type": "string"}, "status": {"type": "string"},
    "department": _nullable("string"), "note": _nullable("string"),
}, ("time", "stage", "status"))

CASE_FIELDS = {
    "case_no": {"type": "string"},
    "kind": {"type": "string", "description": "办件 or 信件"},
    "item_name": {"type": "string"},
    "status": {"type": "string", "description": "the latest event's status"},
    "department": {"type": "string"},
    "submitted_at": {"type": "string"},
    "promised_at": _nullable("string"),
    "overdue": {"type": "boolean"},
}

CASE_VIEW = _object({
    **CASE_FIELDS,
    "item_code": {"type": "string"},
    "applicant": {"type": "string", "description": "masked: 李*, 欧阳**, 杭州****有限公司"},
    "concluded": {"type": "boolean"},
    "events": _array(_ref("CaseEvent"), description="oldest first"),
    "reply": _object({"replied": {"type": "boolean"}, "time": _nullable("string"), "text": _nullable("string")},
                     ("replied", "time", "text")),
}, ("case_no", "kind", "item_code", "item_name", "status", "applicant", "department", "submitted_at", "promised_at",
    "concluded", "overdue", "events"))

USER_EVENT = {
    **_object({
        **{name: _FIELD_SCHEMAS[kind] for name, kind in USER_EVENT_FIELDS.items()},
        "type": {"enum": list(USER_EVENT_TYPES)},
        "user_id": {"type": "string", "maxLength": MAX_USER_ID,
                    "description": "optional; anything but the signed-in user is a 403"},
        "time": {"type": "string", "format": "date-time", "description": "ISO 8601; defaults to now"},
        "query": {"type": ["string", "null"], "maxLength": MAX_EVENT_QUERY,
                  "description": "what was searched (type search); null is as if not given"},
        "item_code": {"type": ["string", "null"], "maxLength": MAX_EVENT_ITEM_CODE,
                      "description": "the guide (every type but search); null is as if not given"},
    }, ("type",)),
    # indexer.validation.validate_user_event: a search names its query, every other type its guide.
    "oneOf": [
        _object({"type": {"const": "search"}, "query": {"type": "string", "minLength": 1}}, ("type", "query")),
        _object({"type": {"enum": [kind for kind in USER_EVENT_TYPES if kind != "search"]},
                 "item_code": {"type": "string", "minLength": 1}}, ("type", "item_code")),
    ],
}

BEFORE_AFTER = _object({"before": {"type": "integer"}, "after": {"type": "integer"}}, ("before", "after"))

USAGE_REPORT = _object({
    "days": {"type": "integer"},
    "searches": {"type": "integer", "minimum": 0},
    "zero_result_rate": {"type": "number", "minimum": 0, "maximum": 1},
    "zero_result_queries": _array(_object({
        "query": {"type": "string"}, "count": {"type": "integer"},
        "suggestion": {"anyOf": [{"type": "null"}, _object({"code": {"type": "string"}, "name": {"type": "string"}},
                                                              ("code", "name"))]},
    }, ("query", "count", "suggestion"))),
    "top_queries": _array(_object({
        "query": {"type": "string"}, "count": {"type": "integer"}, "clients": {"type": "integer"},
        "click_through_rate": {"type": "number"}, "mean_click_rank": _nullable("number"),
    }, ("query", "count", "clients", "click_through_rate", "mean_click_rank"))),
    "top_guides": _array(_object({"code": {"type": "string"}, "name": _nullable("string"),
                                  "views": {"type": "integer"}}, ("code", "name", "views"))),
    "latency_ms": _object({"p50": _nullable("number"), "p99": _nullable("number")}, ("p50", "p99")),
}, ("days", "searches", "zero_result_rate", "zero_result_queries", "top_queries", "top_guides", "latency_ms"))

SCHEMAS = {
    "Error": _object({"error": _object({"code": {"type": "string"}, "message": {"type": "string"}},
                                       ("code", "message"))}, ("error",)),
    "FacetCount": FACET_COUNT,
    "SearchItem": SEARCH_ITEM,
    "SearchAnswer": SEARCH_ANSWER,
    "FactAnswer": FACT_ANSWER,
    "HotQuery": _object({"text": {"type": "string"}, "count": {"type": "integer", "minimum": 0}}, ("text", "count")),
    "RegionNode": REGION_NODE,
    "Guide": _object({name: _FIELD_SCHEMAS[kind] for name, kind in GUIDE_FIELDS.items()}, REQUIRED_GUIDE_FIELDS),
    "CaseEvent": CASE_EVENT,
    "CaseView": CASE_VIEW,
    "FeedItem": _object({
        "code": {"type": "string"}, "name": {"type": "string"},
        "reason": {"type": "string", "description": "a sentence a citizen understands"},
        "score": {"type": "number"},
        "source": {"type": "string", "description": "next_step (what people went on to do next), catalogue_step (the catalogue says it follows a step the person took: a material it needs is a paper they obtained, or its conditions name it), life_event (the catalogue's 一件事), profile, business_scope or popular"},
    }, ("code", "name", "reason", "score", "source")),
    "UserEvent": USER_EVENT,
    "UsageReport": USAGE_REPORT,
    "BeforeAfter": BEFORE_AFTER,
    "HotDecision": _object({"text": {"type": "string"}, "count": {"type": "integer", "minimum": 0,
                                                                  "description": "distinct clients who asked it"},
                            "reason": {"type": "string", "description": "why it is (not) shown"}},
                           ("text", "count", "reason")),
    "Dependencies": {"type": "object", "additionalProperties": {"type": "string"}, "required": ["guides"],
                     "description": "\"ok\" or what is wrong, per dependency"},
}

# status → (component name, when it happens)
ERROR_RESPONSES = {
    400: ("BadRequest", "not as described: a parameter or body is missing, malformed or out of bounds, a parameter "
                        "of one value is given twice, the query string is not UTF-8, or the HTTP is malformed"),
    401: ("Unauthorized", "no credentials, or a forged or expired token"),
    403: ("Forbidden", "a wrong admin key, or events for another user"),
    404: ("NotFound", "nothing here (for admin: the admin API is off)"),
    413: ("PayloadTooLarge", "the body is larger than the server accepts (64 KiB)"),
    414: ("UriTooLong", f"the request line (method, path and query string) is longer than {MAX_REQUEST_LINE} bytes; "
                        "the server refuses it before any route, so every operation can answer it"),
    415: ("UnsupportedMediaType", "the body is not sent as application/json"),
    422: ("UnprocessableContent", "as described, but it cannot be done: it names nothing that exists or asks for "
                                 "nothing (the operation says when)"),
    429: ("TooManyRequests", "too many failed case lookups or wrong admin keys from this client, or event posts from "
                             "this user; Retry-After says when to try again"),
    431: ("RequestHeaderFieldsTooLarge", "the headers are too large or too many; the server refuses them before any "
                                        "route, so every operation can answer it"),
    503: ("ServiceUnavailable",
          "a dependency (the search engine, a store, Redis) is down, or sign-in is not configured"),
}


def _error_response(status: int) -> dict:
    name, description = ERROR_RESPONSES[status]
    response = _json(_ref("Error"), description)
    if status == 429:
        response["headers"] = {"Retry-After": {"required": True, "description": "seconds",
                                               "schema": {"type": "integer", "minimum": 0}}}
    if status == 401:
        response["headers"] = {"WWW-Authenticate": {"description": "for bearer tokens: Bearer realm=\"govsearch\"",
                                                    "schema": {"type": "string"}}}
    return response


# -- operations --------------------------------------------------------------------

PATHS = {
    "/api/v1/search": {"get": {
        "operationId": "search", "tags": ["search"], "summary": "Search the guides (搜索办事指南)",
        "description": "Without a region each service (one basic_code, else one name and audience) appears once with "
                       "copies; collapse=false lists every copy. A query that is a 事项编码 or 基本编码 answers that "
                       "service. A bearer token is optional: it ranks the copies serving the user's locality first.",
        "security": [{}, *_BEARER],
        "parameters": [
            _query_text("q", "what the person typed; without it (blank, or only spaces, is the same) the filters or "
                             "region browse that directory node, and without any of them it is a 422",
                        params.MAX_QUERY_CHARS, example="公积金提取"),
            _bounded_int("page", 1, 1, guides.MAX_PAGE, "1-based page"),
            _bounded_int("size", 10, 1, guides.MAX_PAGE_SIZE, "items per page"),
            *_FILTERS,
            _REGION,
            _query_text("locality", "where the person is: copies serving it rank first (default: the signed-in "
                                    "user's profile locality)"),
            {"name": "collapse", "in": "query", "description": "false lists every copy of a service (for operators)",
             "schema": {"type": "boolean", "default": True}},
        ],
        "responses": {"200": _json(_ref("SearchAnswer"), "the answer; match none comes with offers"),
                      **_errors(400, 422, 503)},
    }},
    "/api/v1/suggest": {"get": {
        "operationId": "suggest", "tags": ["search"], "summary": "Suggestions while typing (搜索联想)",
        "parameters": [_QUERY, _bounded_int("size", 8, 1, guides.MAX_SUGGESTIONS, "how many")],
        "responses": {"200": _json(_object({"suggestions": _array(_object(
            {"text": {"type": "string"}, "code": {"type": "string"}}, ("text", "code")))}, ("suggestions",)),
            "guide names starting with or containing what was typed"), **_errors(400, 503)},
    }},
    "/api/v1/hot": {"get": {
        "operationId": "hot", "tags": ["search"], "summary": "Hot searches (热门搜索)",
        "description": "Queries that found something, asked by many people (in proportion to traffic) in the "
                       "catalogue's own words, or approved by an operator; none while the store is down.",
        "parameters": [_bounded_int("size", 10, 1, guides.MAX_HOT, "how many")],
        "responses": {"200": _json(_object({"queries": _array(_ref("HotQuery"))}, ("queries",)), "hot queries"),
                      **_errors(400, 503)},
    }},
    "/api/v1/directory": {"get": {
        "operationId": "directory", "tags": ["search"], "summary": "The directory: facet counts over all active guides",
        "parameters": [*_FILTERS, _REGION],
        "responses": {"200": _json(_object({"facets": {
            "type": "object", "properties": {"region": _array(_ref("RegionNode"))},
            "additionalProperties": _array(_ref("FacetCount")),
            "description": "audience, theme, department, life_event, item_type as counts; region as a tree"}},
            ("facets",)), "facet counts"), **_errors(400, 503)},
    }},
    "/api/v1/guides/{code}": {"get": {
        "operationId": "guide", "tags": ["search"], "summary": "A guide as loaded (办事指南)",
        "description": "search_id and rank (from a search answer) record the visit as a click on that answer.",
        "parameters": [
            _path_text("code", "the guide's 事项编码", "TG330106001"),
            {"name": "search_id", "in": "query", "description": "from the search answer", "schema": {"type": "string"}},
            _bounded_int("rank", 0, 0, guides.MAX_PAGE * guides.MAX_PAGE_SIZE,
                         "the item's 1-based place in the answer (0: not from a search)"),
        ],
        "responses": {"200": _json(_ref("Guide"), "the guide record (DESIGN §6)"), **_errors(400, 404, 503)},
    }},
    "/api/v1/services/{basic_code}": {"get": {
        "operationId": "serviceCopies", "tags": ["search"], "summary": "The copies of one service by locality",
        "parameters": [_path_text("basic_code", "the service's 基本编码", "JB0116")],
        "responses": {"200": _json(_object({
            "basic_code": {"type": "string"}, "name": {"type": "string"},
            "copies": _array(_object({"code": {"type": "string"}, "name": {"type": "string"},
                                      "region": _nullable("string"), "department": {"type": "string"}},
                                     ("code", "name", "region", "department")),
                             minItems=1, description="province before its cities and districts")},
            ("basic_code", "name", "copies")), "the copies"), **_errors(400, 404, 503)},
    }},
    "/api/v1/cases/lookup": {"post": {
        "operationId": "lookupCase", "tags": ["cases"], "summary": "Case progress by case number (办件进度查询)",
        "description": "An unknown number and a wrong verification code get the same 404; repeated failures from "
                       "one client get 429. The body must be sent as application/json (415 otherwise).",
        "requestBody": {"required": True, "content": {"application/json": {"schema": _object({
            "case_no": _required_text(MAX_BODY_FIELD_CHARS),
            "verify": _required_text(MAX_BODY_FIELD_CHARS, description="the verification code (查询密码)"),
        }, ("case_no", "verify")), "example": {"case_no": "4401062025110300017", "verify": "482915"}}}},
        "responses": {"200": _json(_ref("CaseView"), "the case and its events"),
                      **_errors(400, 404, 413, 415, 429, 503)},
    }},
    "/api/v1/me/cases": {"get": {
        "operationId": "myCases", "tags": ["me"], "summary": "The signed-in user's cases (我的办件), each with its progress",
        "security": _BEARER,
        "responses": {"200": _json(_object({"cases": _array(_ref("CaseView"), maxItems=cases.MAX_USER_CASES)},
                                           ("cases",)), f"up to {cases.MAX_USER_CASES} cases"),
                      **_errors(400, 401, 503)},
    }},
    "/api/v1/me/feed": {"get": {
        "operationId": "myFeed", "tags": ["me"], "summary": "The signed-in user's recommendations (我的推荐)",
        "security": _BEARER,
        "parameters": [_bounded_int("size", 10, 1, feed.MAX_FEED, "how many")],
        "responses": {"200": _json(_object({"items": _array(_ref("FeedItem")), "personalized": {
            "type": "boolean", "description": "false: the behaviour store is down, this is what is popular"}},
            ("items", "personalized")), "feed items, each with a reason"), **_errors(400, 401, 503)},
    }},
    "/api/v1/events": {"post": {
        "operationId": "recordEvents", "tags": ["me"], "summary": "Record the signed-in user's behaviour",
        "description": f"The next feed call reflects it. Every item_code must be a guide of the catalogue (else "
                       f"422, and nothing is recorded); at most {MAX_EVENT_POSTS_PER_USER} posts a minute per user.",
        "security": _BEARER,
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": [
            _ref("UserEvent"), _array(_ref("UserEvent"), minItems=1, maxItems=feed.MAX_EVENTS_PER_CALL)]},
            "example": {"type": "view", "item_code": "TG330106001"}}}},
        "responses": {"201": _json(_object({"recorded": {"type": "integer", "minimum": 1},
                                            "new": {"type": "integer", "minimum": 0}}, ("recorded", "new")),
                                   "recorded"), **_errors(400, 401, 403, 413, 422, 429, 503)},
    }},
    "/api/v1/admin/stats": {"get": {
        "operationId": "adminStats", "tags": ["admin"], "summary": "The usage report (统计分析)",
        "security": _ADMIN,
        "parameters": [_bounded_int("days", 7, 1, admin.MAX_DAYS, "the window, in days up to today")],
        "responses": {"200": _json(_ref("UsageReport"), "the report"), **_errors(400, 401, 403, 404, 503)},
    }},
    "/api/v1/admin/export": {"get": {
        "operationId": "adminExport", "tags": ["admin"], "summary": "The usage report as CSV (UTF-8 with a BOM)",
        "security": _ADMIN,
        "parameters": [_bounded_int("days", 7, 1, admin.MAX_DAYS, "the window, in days up to today")],
        "responses": {"200": _text("text/csv", "one row per query, guide or figure"),
                      **_errors(400, 401, 403, 404, 503)},
    }},
    "/api/v1/admin/synonyms/reload": {"post": {
        "operationId": "reloadSynonyms", "tags": ["admin"], "summary": "Reload the dictionary files without a restart",
        "security": _ADMIN,
        "responses": {"200": _json(_object({
            "words": _ref("BeforeAfter"), "synonym_rules": _ref("BeforeAfter"), "stop_phrases": _ref("BeforeAfter"),
            "blocked_terms": _ref("BeforeAfter"),
            "added_rules": _array({"type": "string"}), "removed_rules": _array({"type": "string"}),
        }, ("words", "synonym_rules", "stop_phrases", "blocked_terms", "added_rules", "removed_rules")),
            "what changed"), **_errors(400, 401, 403, 404, 503)},
    }},
    "/api/v1/admin/next-steps": {"get": {
        "operationId": "adminNextSteps", "tags": ["admin"],
        "summary": "What follows a service, learned from people and read from the catalogue, and why",
        "description": "learned: the steps people took next, with how many distinct people (used in the feed from "
                       "GOVSEARCH_FEED_MIN_PEOPLE on); catalogue: the services whose materials need a paper this one "
                       "issues or whose conditions name it, strongest first.",
        "security": _ADMIN,
        "parameters": [{"name": "code", "in": "query", "required": True,
                        "schema": _required_text(64), "description": "a guide's code"}],
        "responses": {"200": _json(_object({
            "service": _object({"code": {"type": "string"}, "name": {"type": "string"}}, ("code", "name")),
            "learned": _array(_object({"code": {"type": "string"}, "name": {"type": "string"},
                                       "weight": {"type": "number"}, "people": {"type": "integer", "minimum": 1},
                                       "used": {"type": "boolean"}}, ("code", "name", "weight", "people", "used"))),
            "catalogue": _array(_object({"code": {"type": "string"}, "name": {"type": "string"},
                                         "kind": {"enum": ["material", "condition"]}, "term": {"type": "string"},
                                         "weight": {"type": "number"}, "why": {"type": "string"}},
                                        ("code", "name", "kind", "term", "weight", "why"))),
        }, ("service", "learned", "catalogue")), "what follows"), **_errors(400, 401, 403, 404, 503)},
    }},
    "/api/v1/admin/hot": {
        "get": {
            "operationId": "reviewHotSearches", "tags": ["admin"],
            "summary": "Every candidate hot search, whether the portal shows it and why",
            "security": _ADMIN,
            "responses": {"200": _json(_object({"shown": _array(_ref("HotDecision")),
                                                "held": _array(_ref("HotDecision"))}, ("shown", "held")),
                                       "the candidates, most asked first"),
                          **_errors(400, 401, 403, 404, 503)},
        },
        "put": {
            "operationId": "decideHotSearch", "tags": ["admin"],
            "summary": "Approve or hide a hot search, or leave it to the rules (auto)",
            "description": "Approval lifts every rule but the blocklist and the ban on numbers; every worker "
                           "follows the decision within a minute. A text holding no letter, digit or hanzi (only "
                           "punctuation) is a 422: no search keeps it.",
            "security": _ADMIN,
            "requestBody": {"required": True, "content": {"application/json": {"schema": _object({
                "text": _required_text(params.MAX_QUERY_CHARS),
                "state": {"enum": list(admin.HOT_STATES)},
            }, ("text", "state")), "example": {"text": "公积金提取", "state": "approved"}}}},
            "responses": {"200": _json(_object({"text": {"type": "string", "description": "the query as logged"},
                                                "state": {"enum": list(admin.HOT_STATES)}}, ("text", "state")),
                                       "the decision"), **_errors(400, 401, 403, 404, 413, 422, 503)},
        },
    },
    "/healthz": {"get": {
        "operationId": "healthz", "tags": ["operations"], "summary": "Each dependency's state",
        "responses": {
            "200": _json(_object({"status": {"enum": ["ok", "degraded"]}, "guides": {"type": "integer", "minimum": 0},
                                  "dependencies": _ref("Dependencies")}, ("status", "guides", "dependencies")),
                         "serving; degraded when a dependency other than the guide index is down"),
            "400": {"$ref": "#/components/responses/BadRequest"},
            "503": _json({"anyOf": [_object({"status": {"const": "unavailable"}, "dependencies": _ref("Dependencies")},
                                            ("status", "dependencies")), _ref("Error")]},
                         "the guide index cannot be searched"),
        },
    }},
    "/metrics": {"get": {
        "operationId": "metrics", "tags": ["operations"], "summary": "Prometheus metrics",
        "description": "The Prometheus text format, or OpenMetrics when the scraper's Accept header asks for it.",
        "responses": {"200": {"description": "requests, latency, cache use, each dependency's state", "content": {
            media: {"schema": {"type": "string"}} for media in ("text/plain", "application/openmetrics-text")}},
            **_errors(400)},
    }},
    "/api/v1/portal/config": {"get": {
        "operationId": "portalConfig", "tags": ["portal"], "summary": "How the portal signs people in",
        "responses": {"200": _json(_object({
            "demo_sign_in": {"type": "boolean", "description": "the demo's sign-in as a sample user is on"},
            "sso_login_url": {**_nullable("string"), "description": "where 统一身份认证 signs a person in"},
            "sign_in_configured": {"type": "boolean", "description": "GOVSEARCH_SECRET is set"},
        }, ("demo_sign_in", "sso_login_url", "sign_in_configured")), "the settings"), **_errors(400)},
    }},
    "/api/v1/demo/users": {"get": {
        "operationId": "demoUsers", "tags": ["portal"], "summary": "Sample users the demo can sign in as",
        "description": "Only while `govsearch demo` runs (GOVSEARCH_DEMO_SIGN_IN); otherwise a 404.",
        "responses": {"200": _json(_object({"users": _array(_object({
            "user_id": {"type": "string"}, "kind": {"type": "string"}, "region": _nullable("string"),
            "label": {"type": "string"}}, ("user_id", "kind", "label")), maxItems=demo.LISTED_USERS)}, ("users",)),
            "the users"), **_errors(400, 404)},
    }},
    "/api/v1/demo/sign-in": {"post": {
        "operationId": "demoSignIn", "tags": ["portal"], "summary": "Sign in as a sample user of the demo",
        "description": "Only while `govsearch demo` runs; in production 统一身份认证 issues the token.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": _object({
            "user_id": _required_text(128)}, ("user_id",)),
            "example": {"user_id": "p000001"}}}},
        "responses": {"200": _json(_object({"token": {"type": "string"}, "user_id": {"type": "string"},
                                            "expires_in": {"type": "integer", "minimum": 1}},
                                           ("token", "user_id", "expires_in")), "a bearer token"),
                      **_errors(400, 404, 413, 503)},
    }},
    **{address: {"get": {
        "operationId": operation, "tags": ["portal"], "summary": summary,
        "parameters": [_path_text("code", "a guide's 事项编码", "TG330106001")] if "{code}" in address else [],
        "responses": {"200": _text("text/html", "the portal, which draws this view"), **_errors(400, 404)},
    }} for address, operation, summary in (
        ("/", "portalHome", "The portal's home page (首页)"),
        ("/search", "portalResults", "The portal's results (搜索结果); its query string is the search's"),
        ("/guide/{code}", "portalGuide", "The portal's page of one guide (办事指南)"),
        ("/case", "portalCase", "The portal's case-progress page (办件查询)"),
        ("/me", "portalMe", "The portal's 我的"),
    )},
    "/static/{name}": {"get": {
        "operationId": "portalStatic", "tags": ["portal"], "summary": "The portal's scripts, styles and pages",
        "parameters": [_path_text("name", "a file name", "portal.css")],
        "responses": {"200": {"description": "the file", "content": {
            media: {"schema": {"type": "string"}}
            for media in ("text/css", "text/javascript", "application/javascript", "text/html", "image/svg+xml")}},
            **_errors(400, 404)},
    }},
    "/favicon.ico": {"get": {
        "operationId": "favicon", "tags": ["portal"], "summary": "The portal's icon, for browsers that ask the root for it",
        "responses": {"200": _text("image/svg+xml", "the icon (SVG)"), **_errors(400)},
    }},
    "/api/v1/openapi.json": {"get": {
        "operationId": "openapi", "tags": ["docs"], "summary": "This description",
        "responses": {"200": _json(_object({"openapi": {"type": "string"}, "info": {"type": "object"},
                                            "paths": {"type": "object"}}, ("openapi", "info", "paths")),
                                   "OpenAPI 3.1"), **_errors(400)},
    }},
    "/api/v1/docs": {"get": {
        "operationId": "docs", "tags": ["docs"], "summary": "A page listing every operation of this description",
        "responses": {"200": _text("text/html", "the page"), **_errors(400)},
    }},
}


def _refused_before_the_route(paths: dict) -> dict:
    """Add what is refused before an operation's own code runs: by the server (414, 431: see
    govsearch/server.py) for every operation, and by the admin key check (429) for every admin one."""
    for item in paths.values():
        for operation in item.values():
            statuses = (414, 431, 429) if "admin" in operation["tags"] else (414, 431)
            operation["responses"] = dict(sorted({**operation["responses"], **_errors(*statuses)}.items()))
    return paths


SPEC = {
    "openapi": "3.1.0",
    "info": {
        "title": "govsearch",
        "version": "1",
        "description": "Search and recommendation for a government-services portal (政务服务搜索与推荐), DESIGN §7. "
                       "Every error is JSON: {\"error\": {\"code\", \"message\"}}, never HTML; a method a path "
                       "does not accept is a 405. A 400 is a request not as described here; a 422 one as described "
                       "that asks for nothing or names nothing that exists. Strings are UTF-8. Every answer carries "
                       "an X-Request-Id header (the caller's own when it sent a sane one), which the access log prints.",
    },
    "servers": [{"url": "/"}],
    "tags": [
        {"name": "search", "description": "search box, suggestions, directory, guide pages"},
        {"name": "cases", "description": "case progress (办件进度)"},
        {"name": "me", "description": "a signed-in user (我的): bearer token from `govsearch token`"},
        {"name": "admin", "description": "operators: X-Admin-Key equal to GOVSEARCH_ADMIN_KEY"},
        {"name": "operations", "description": "for monitoring"},
        {"name": "portal", "description": "the portal's pages"},
        {"name": "docs", "description": "this description"},
    ],
    "paths": _refused_before_the_route(PATHS),
    "components": {
        "schemas": SCHEMAS,
        "responses": {name: _error_response(status) for status, (name, _) in ERROR_RESPONSES.items()},
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer",
                           "description": "a token from `govsearch token`, signed with GOVSEARCH_SECRET"},
            "adminKey": {"type": "apiKey", "in": "header", "name": "X-Admin-Key",
                         "description": "GOVSEARCH_ADMIN_KEY; without it configured the admin API is off (404)"},
        },
    },
}
