"""Signed bearer tokens for users ("我的"): issued by ``govsearch token``, checked per request.

Tokens are signed with itsdangerous and ``GOVSEARCH_SECRET``; they carry the user id and
their lifetime, nothing else. No Flask here: the CLI signs tokens without loading the app.
"""

from __future__ import annotations

import time

from itsdangerous import BadSignature, URLSafeTimedSerializer

TOKEN_SALT = "govsearch.user-token"
DEFAULT_TTL_SECONDS = 24 * 3600
CLOCK_SKEW_SECONDS = 60  # how far ahead of this server's clock another server may have issued a token


class InvalidToken(Exception):
    pass


def issue_token(secret: str, user_id: str, ttl: int = DEFAULT_TTL_SECONDS) -> str:
    return URLSafeTimedSerializer(secret, salt=TOKEN_SALT).dumps({"sub": user_id, "ttl": ttl})


def read_token(secret: str, token: str, now: float | None = None) -> str:
    """The user id a token was issued for; ``InvalidToken`` when forged, malformed, expired or
    issued in the future (a token must not outlive its lifetime by being dated ahead)."""
    try:
        payload, issued = URLSafeTimedSerializer(secret, salt=TOKEN_SALT).loads(token, return_timestamp=True)
    except BadSignature:
        raise InvalidToken("forged or malformed token") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("sub"), str) or not isinstance(payload.get("ttl"), int):
        raise InvalidToken("malformed token")
    age = (time.time() if now is None else now) - issued.timestamp()
    if age < -CLOCK_SKEW_SECONDS:
        raise InvalidToken("token issued in the future")  # signed by a clock set wrong, or a stolen secret
    if age > payload["ttl"]:
        raise InvalidToken("expired token")
    return payload["sub"]
