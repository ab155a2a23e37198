"""Reading and checking query-string parameters; every violation is a 400 with a reason."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote_to_bytes

from flask import request

from api.errors import ApiError
from search.schema import FILTER_KEYS

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_QUERY_CHARS = 200
MAX_FILTER_CHARS = 200


def scalar(name: str) -> str | None:
    """The one value of a query parameter, None when absent; given twice (page=1&page=2) is a 400,
    not a guess at which one was meant."""
    values = request.args.getlist(name)
    if len(values) > 1:
        raise ApiError(400, f"parameter {name!r} must be given once")
    return values[0] if values else None


def query_text(name: str = "q", required: bool = True) -> str:
    """The text typed, stripped: blank (only spaces) is the same as not given."""
    text = _bounded_text(name, MAX_QUERY_CHARS)
    if not text and required:
        raise ApiError(400, f"parameter {name!r} is required")
    return text


def _bounded_text(name: str, max_chars: int) -> str:
    raw = scalar(name) or ""
    _check_length(name, raw, max_chars)
    return raw.strip()


def _check_length(name: str, raw: str, max_chars: int) -> None:
    # The length as sent, as the description's maxLength counts it.
    if len(raw) > max_chars:
        raise ApiError(400, f"parameter {name!r} is longer than {max_chars} characters")


_INTEGER = re.compile(r"[+-]?[0-9]+")


def bounded_int(name: str, default: int, low: int, high: int) -> int:
    """An integer in ASCII digits; absent is the default, empty (days=) is a 400 like any other non-integer."""
    raw = scalar(name)
    if raw is None:
        return default
    if not _INTEGER.fullmatch(raw):
        raise ApiError(400, f"parameter {name!r} must be an integer")
    try:
        value = int(raw)
    except ValueError:  # more digits than Python converts (4,300): beyond any bound
        value = None
    if value is None or not low <= value <= high:
        raise ApiError(400, f"parameter {name!r} must be between {low} and {high}")
    return value


MAX_JSON_DEPTH = 20


def check_query_string() -> None:
    """Raw bytes that are not UTF-8 (%ff) in the query string are a 400, not a guess."""
    try:
        unquote_to_bytes(request.query_string.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "the query string must be UTF-8") from None


def json_body():
    """The request body parsed as JSON (any content type), or a 400: not UTF-8, not JSON,
    nested deeper than MAX_JSON_DEPTH, or holding a lone surrogate (\\ud800) or a non-finite number (NaN)."""
    try:
        body = json.loads(request.get_data(cache=True).decode("utf-8"), parse_constant=_non_finite)
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "the body must be JSON in UTF-8") from None
    except RecursionError:
        raise ApiError(400, f"the body is nested deeper than {MAX_JSON_DEPTH} levels") from None
    _check_json(body, 0)
    return body


def _non_finite(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _check_json(value, depth: int) -> None:
    if depth > MAX_JSON_DEPTH:
        raise ApiError(400, f"the body is nested deeper than {MAX_JSON_DEPTH} levels")
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise ApiError(400, "the body holds a lone surrogate (\\ud800–\\udfff), which is not text")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_json(key, depth + 1)
            _check_json(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_json(item, depth + 1)


def json_object() -> dict:
    """The request body as a JSON object, or a 400."""
    body = json_body()
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    return body


def text_field(body: dict, name: str, max_chars: int = 64) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ApiError(400, f"{name!r} is required and must be a string")
    if len(value) > max_chars:
        raise ApiError(400, f"{name!r} is longer than {max_chars} characters")
    return value.strip()


def optional_text(name: str, max_chars: int = MAX_FILTER_CHARS) -> str | None:
    return _bounded_text(name, max_chars) or None


_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def flag(name: str, default: bool) -> bool:
    """true or false (1 or 0); absent is the default, empty or anything else is a 400."""
    raw = scalar(name)
    if raw is None:
        return default
    if raw.lower() not in _BOOLEANS:
        raise ApiError(400, f"parameter {name!r} must be true or false")
    return _BOOLEANS[raw.lower()]


def filters() -> dict[str, list[str]]:
    """Filter parameters (audience, theme, …); repeating one means any of its values.
    ``region`` is not among them: it selects a branch of the locality tree."""
    chosen = {}
    for name in FILTER_KEYS:
        raw = request.args.getlist(name)
        for value in raw:
            _check_length(name, value, MAX_FILTER_CHARS)
        values = [v.strip() for v in raw if v.strip()]
        if values:
            chosen[name] = values
    return chosen
