"""The signed-in user of a request, from its bearer token (``api.tokens``): a missing,
forged or expired token is a 401."""

from __future__ import annotations

from flask import current_app, request

from api.errors import ApiError
from api.tokens import InvalidToken, read_token


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
