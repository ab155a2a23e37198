"""What the portal needs to know about signing in, and the demo's sign-in as a bundled sample
user: on only while ``govsearch demo`` runs (``GOVSEARCH_DEMO_SIGN_IN``), never in production,
where the province's 统一身份认证 issues the tokens (README: signing in to 我的)."""

from __future__ import annotations

import json
from functools import lru_cache

from flask import Blueprint, current_app, jsonify

from api import params
from api.errors import ApiError
from api.tokens import issue_token
from govsearch import SAMPLE_DATA

blueprint = Blueprint("demo", __name__, url_prefix="/api/v1")

DEMO_TOKEN_SECONDS = 8 * 3600
LISTED_USERS = 12


def _settings():
    return current_app.extensions["govsearch"].settings


@blueprint.get("/portal/config")
def portal_config():
    settings = _settings()
    return jsonify({"demo_sign_in": settings.demo_sign_in, "sso_login_url": settings.sso_login_url,
                    "sign_in_configured": settings.secret is not None})


@blueprint.get("/demo/users")
def demo_users():
    _demo_only()
    users = _sample_users()[:LISTED_USERS]
    return jsonify({"users": [{"user_id": u["user_id"], "kind": u["kind"], "region": u.get("region"), "label": _label(u)}
                              for u in users]})


@blueprint.post("/demo/sign-in")
def demo_sign_in():
    _demo_only()
    user_id = params.text_field(params.json_object(), "user_id", max_chars=128)
    if user_id not in {user["user_id"] for user in _sample_users()}:
        raise ApiError(400, f"{user_id!r} is not a sample user of the demo")
    secret = _settings().secret
    if not secret:
        raise ApiError(503, "user sign-in is not configured (GOVSEARCH_SECRET is not set)")
    return jsonify({"token": issue_token(secret, user_id, ttl=DEMO_TOKEN_SECONDS), "user_id": user_id,
                    "expires_in": DEMO_TOKEN_SECONDS})


def _demo_only() -> None:
    if not _settings().demo_sign_in:
        raise ApiError(404, "the demo sign-in is off (it runs only with govsearch demo)")


@lru_cache(maxsize=1)
def _sample_users() -> list[dict]:
    lines = (SAMPLE_DATA / "users.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _label(user: dict) -> str:
    """个人 · 1991年生 · 浙江省杭州市上城区, or 法人 · 餐饮业 · 四川省成都市武侯区."""
    detail = f"{user['birth_year']}年生" if user.get("birth_year") else user.get("industry")
    return " · ".join(part for part in (user.get("kind"), detail, user.get("region")) if part)
