"""Headers every answer carries, so a browser neither guesses types, frames a page, nor keeps
what is personal.

The portal's pages load only their own scripts, styles and API (no inline script or style: the
policy allows none); no page of this service may be framed by another site (clickjacking).
"""

from __future__ import annotations

from flask import Flask, Response, request

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# A person's cases, feed and tokens, a case looked up, operators' figures: never kept by a
# browser or a proxy on the way.
PERSONAL = ("/api/v1/me/", "/api/v1/cases/", "/api/v1/demo/", "/api/v1/admin/")


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def secure(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        html = response.mimetype == "text/html"
        response.headers["Content-Security-Policy"] = PAGE_POLICY if html else API_POLICY
        response.headers["Referrer-Policy"] = "same-origin"  # a search's words never reach a guide's online service
        if request.path.startswith(PERSONAL):
            response.headers["Cache-Control"] = "no-store"
        return response
