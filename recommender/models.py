"""Data shapes of the "我的" feed: who the user is, what they did, and what we push to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from search.cases import parse_time

# dismiss: 不感兴趣 on a pushed service.
EVENT_TYPES = ("search", "view", "favorite", "apply", "complete", "dismiss")
# How much each kind of interest counts towards popularity (a dismiss is no interest).
EVENT_WEIGHTS = {"search": 0.0, "view": 1.0, "favorite": 2.0, "apply": 3.0, "complete": 3.0, "dismiss": 0.0}
# Steps of a citizen's journey: what they actually went on to do (next-step learning).
JOURNEY_TYPES = ("apply", "complete")
# Looked at without doing: weaker starting points of the next-step signals.
LOOKED_TYPES = ("view", "favorite")
# Done, under way or not wanted: never pushed again.
NOT_PUSHED_TYPES = ("apply", "complete", "dismiss")


@dataclass(frozen=True)
class UserProfile:
    user_id: str
    kind: str  # 个人 or 法人
    birth_year: int | None = None
    gender: str | None = None
    region: str | None = None
    industry: str | None = None
    business_scope: str | None = None

    def age(self, today: datetime | None = None) -> int | None:
        if self.birth_year is None:
            return None
        return (today or datetime.now(timezone.utc)).year - self.birth_year


@dataclass(frozen=True)
class UserEvent:
    user_id: str
    type: str
    time: str
    item_code: str | None = None
    query: str | None = None

    @property
    def at_ms(self) -> int:
        return int(parse_time(self.time).timestamp() * 1000)


@dataclass(frozen=True)
class FeedItem:
    code: str
    name: str
    reason: str
    score: float
    source: str  # next_step, life_event, profile, business_scope, popular

    def as_json(self) -> dict:
        return {"code": self.code, "name": self.name, "reason": self.reason, "score": round(self.score, 4), "source": self.source}
