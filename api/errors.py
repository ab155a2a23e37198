"""One JSON error shape for every failure: ``{"error": {"code", "message"}}``, never HTML or a trace."""

from __future__ import annotations

import logging

import redis
from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from recommender.store import StoreUnavailable
from search.errors import BackendUnavailable, BadQuery

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    414: "uri_too_long",  # 414, 417, 431 and 501 come from the server (gunicorn) before the app sees the request
    415: "unsupported_media_type",
    422: "unprocessable_content",
    417: "expectation_failed",
    429: "too_many_requests",
    431: "request_header_fields_too_large",
    500: "internal_error",
    501: "not_implemented",
    503: "service_unavailable",
}


class ApiError(Exception):
    """An error the API answers on purpose, with its status and a message for the caller."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_body(status: int, message: str) -> dict:
    """The one error shape, for the app and for the server's own refusals alike."""
    return {"error": {"code": _CODES.get(status, "error"), "message": message}}


def error_response(status: int, message: str, headers: dict | None = None):
    response = jsonify(error_body(status, message))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return error_response(error.status, error.message, error.headers)

    @app.errorhandler(BadQuery)
    def _bad_query(error: BadQuery):
        return error_response(400, str(error))

    @app.errorhandler(BackendUnavailable)
    def _unavailable(error: BackendUnavailable):
        log.debug("backend unavailable: %s", error)  # the guard logs one line per outage
        return error_response(503, "the search service is temporarily unavailable")

    @app.errorhandler(redis.exceptions.ConnectionError)
    @app.errorhandler(redis.exceptions.TimeoutError)
    def _redis_unavailable(error: Exception):
        # The guard (search.stores.redis_client) logs one line per outage, not one per request.
        return error_response(503, "this service is temporarily unavailable; please try again later")

    @app.errorhandler(StoreUnavailable)
    def _store_unavailable(error: StoreUnavailable):
        log.warning("store unavailable: %s", error)
        return error_response(503, "this service is temporarily unavailable; please try again later")

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        # Keep werkzeug's headers (a 405's Allow, a 401's WWW-Authenticate), not its HTML Content-Type.
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return error_response(error.code or 500, error.description or error.name, headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error")
        return error_response(500, "internal error")
