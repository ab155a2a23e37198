"""A service and its copies: the same 事项 implemented by many localities.

Every locality's copy has its own ``code`` (实施编码); the copies of one service share a
``basic_code`` (基本编码). A catalogue without basic codes still has services: copies with
the same normalised name for the same audience. Search collapses on this key, the
recommender learns on it.
"""

from __future__ import annotations

NAMED = "名:"  # prefix of a key made from the name, so it never equals a basic code


def service_key(guide: dict, name_key: str) -> str:
    """The service of a guide; ``name_key`` is its normalised name (``exact_key``)."""
    basic_code = (guide.get("basic_code") or "").strip()
    if basic_code:
        return basic_code
    return f"{NAMED}{name_key}|{'/'.join(sorted(guide.get('audience') or ()))}"
