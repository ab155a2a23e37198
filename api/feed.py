"""The personalised "我的" feed and the behaviour events that feed it (DESIGN §7)."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, current_app, jsonify

from api import params
from api.auth import current_user
from api.errors import ApiError
from indexer.behaviour import user_event
from indexer.validation import validate_user_event

blueprint = Blueprint("feed", __name__, url_prefix="/api/v1")

MAX_FEED = 50
MAX_EVENTS_PER_CALL = 100


@blueprint.get("/me/feed")
def my_feed():
    user_id = current_user()
    size = params.bounded_int("size", 10, 1, MAX_FEED)
    return jsonify(current_app.extensions["govsearch"].feed.feed(user_id, size))


@blueprint.post("/events")
def record_events():
    """One event or a list of them, for the signed-in user only; ``time`` defaults to now.
    At most MAX_EVENT_POSTS_PER_USER posts a minute; every ``item_code`` must be a guide."""
    user_id = current_user()
    components = current_app.extensions["govsearch"]
    blocked = components.event_limiter.attempt(user_id)
    if blocked:
        raise ApiError(429, "too many events; try again in a minute", {"Retry-After": str(blocked.retry_after)})
    body = params.json_body()
    items = body if isinstance(body, list) else [body]
    if not items or len(items) > MAX_EVENTS_PER_CALL or not all(isinstance(item, dict) for item in items):
        raise ApiError(400, f"send one event object or a list of 1 to {MAX_EVENTS_PER_CALL} of them")
    events = []
    for position, item in enumerate(items, start=1):
        if "user_id" in item and item["user_id"] != user_id:
            if not isinstance(item["user_id"], str):
                raise ApiError(400, f"event {position}: user_id must be a string")
            raise ApiError(403, "events can only be recorded for the signed-in user")
        data = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), **item, "user_id": user_id}
        problems = validate_user_event(data)
        if problems:
            raise ApiError(400, f"event {position}: " + "; ".join(problems))
        if data.get("item_code") and not _is_guide(components, data["item_code"]):
            # As described, but naming no guide: a 422, not a 400 (which says the request is not as described).
            raise ApiError(422, f"event {position}: item_code {data['item_code']!r} is not a guide of the catalogue")
        events.append(user_event(data))
    new = components.feed.record(events)
    return jsonify({"recorded": len(events), "new": new}), 201


def _is_guide(components, code: str) -> bool:
    # The feed's catalogue may lag a load by a few seconds; the engine has the code meanwhile.
    return components.feed.catalogue.service_for(code) is not None or components.guides.get(code) is not None
