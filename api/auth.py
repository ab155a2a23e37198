"""Signed bearer tokens for users ("我的"): issued by ``govsearch token``, checked per request.

Tokens are signed with itsdangerous and ``GOVSEARCH_SECRET``; they carry the user id and
their lifetime, nothing else. A missing, forged or expired token is a 401.
"""

from __future__ import annotations

import time

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from api.errors import ApiError

TOKEN_SALT = "govsearch.user-token"
DEFAULT_TTL_SECONDS = 24 * 3600


class InvalidToken(Exception):
    pass


def issue_token(secret: str, user_id: str, ttl: int = DEFAULT_TTL_SECONDS) -> str:
    return URLSafeTimedSerializer(secret, salt=TOKEN_SALT).dumps({"sub": user_id, "ttl": ttl})


def read_token(secret: str, token: str, now: float | None = None) -> str:
    """The user id a token was issued for; ``InvalidToken`` when forged, malformed or expired."""
    try:
        payload, issued = URLSafeTimedSerializer(secret, salt=TOKEN_SALT).loads(token, return_timestamp=True)
    except BadSignature:
        raise InvalidToken("forged or malformed token") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("sub"), str) or not isinstance(payload.get("ttl"), int):
        raise InvalidToken("malformed token")
    if (time.time() if now is None else now) - issued.timestamp() > payload["ttl"]:
        raise InvalidToken("expired token")
    return payload["sub"]


def signed_in_user() -> str | None:
    """The user of a valid bearer token, or None: for answers a token only personalises."""
    secret = current_app.extensions["govsearch"].settings.secret
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if not secret or scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        return read_token(secret, token.strip())
    except InvalidToken:
        return None


def current_user() -> str:
    """The signed-in user of this request, or a 401."""
    secret = current_app.extensions["govsearch"].settings.secret
    if not secret:
        raise ApiError(503, "user sign-in is not configured (GOVSEARCH_SECRET is not set)")
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="govsearch"'}
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "sign in first: send Authorization: Bearer <token>", challenge)
    try:
        return read_token(secret, token.strip())
    except InvalidToken as error:
        raise ApiError(401, f"{error}; sign in again", challenge) from None
