"""A request id on every answer, in ``X-Request-Id``: the one a caller sent when it is a sane
token, else a new one. gunicorn's access log prints it, so a caller's report meets its log line."""

from __future__ import annotations

import re
import uuid

from flask import Flask, g, request

HEADER = "X-Request-Id"
_SANE = re.compile(r"[A-Za-z0-9_-]{1,64}")  # nothing that could forge or break a log line


def request_id() -> str:
    """The current request's id, settled on first use."""
    if "request_id" not in g:
        offered = request.headers.get(HEADER, "")
        g.request_id = offered if _SANE.fullmatch(offered) else uuid.uuid4().hex
    return g.request_id


def register_request_ids(app: Flask) -> None:
    @app.after_request
    def _tag_response(response):
        response.headers[HEADER] = request_id()
        return response
