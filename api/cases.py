"""Case progress lookup (按办件编号查询) and a signed-in user's own cases (DESIGN §7)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from api import params
from api.auth import current_user
from api.errors import ApiError
from search.cases import case_view, verify_password
from search.limits import Blocked

blueprint = Blueprint("cases", __name__, url_prefix="/api/v1")

NOT_FOUND = "no case matches this case number and verification code"
MAX_USER_CASES = 100


def _components():
    return current_app.extensions["govsearch"]


@blueprint.post("/cases/lookup")
def lookup():
    # JSON only: a form or text/plain POST needs no preflight, so another site could spend a
    # visitor's failed lookups from their browser.
    if not request.is_json:
        raise ApiError(415, "send the lookup as application/json")
    body = params.json_object()
    case_no = params.text_field(body, "case_no")
    code = params.text_field(body, "verify")
    limiter = _components().lookup_limiter
    client = request.remote_addr or "unknown"
    attempt = limiter.attempt(client, case_no)
    if isinstance(attempt, Blocked):
        minutes = max(1, round(attempt.retry_after / 60))
        raise ApiError(429, f"too many failed lookups; try again in about {minutes} minutes",
                       {"Retry-After": str(attempt.retry_after)})
    try:
        record = _components().cases.get(case_no)
        # An unknown number costs the same hashing as a wrong code and answers the same.
        verified = verify_password(code, record.password_hash if record else None, _components().settings.pepper)
    except Exception:
        limiter.release(attempt)  # the store failed, not the caller
        raise
    if not verified:
        raise ApiError(404, NOT_FOUND)  # the attempt stays counted as a failure
    limiter.release(attempt)
    return jsonify(case_view(record))


@blueprint.get("/me/cases")
def my_cases():
    user_id = current_user()
    records = _components().cases.for_user(user_id, MAX_USER_CASES)
    # The owner sees each case as its lookup shows it: the timeline and a letter's reply too.
    return jsonify({"cases": [case_view(record) for record in records]})
