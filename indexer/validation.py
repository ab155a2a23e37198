"""Validation of guide records against DESIGN §6.

``validate_guide`` returns every problem of a record at once (an operator fixing a file
wants the whole list, not one error per attempt); an empty list means the record loads.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from indexer.readers import INTEGER, OBJECT, OBJECT_LIST, TEXT, TEXT_LIST
from recommender.models import EVENT_TYPES
from search.models import AUDIENCES

MAX_FIELD_BYTES = 64 * 1024
CODE_PATTERN = re.compile(r"[0-9A-Za-z-]{4,64}")
# Names, departments, places and each keyword, theme or life event are also matched whole
# (an exact term): no engine indexes a term of tens of kilobytes (Lucene refuses one over 32 KB),
# and no name or keyword of a real guide comes near this.
MAX_TERM_CHARS = 200
TERM_FIELDS = ("name", "department", "region", "keywords", "themes", "life_events")
STATUSES = ("active", "withdrawn")
TIME_UNITS = ("工作日", "自然日")

GUIDE_FIELDS: dict[str, str] = {
    "code": TEXT,
    "basic_code": TEXT,
    "name": TEXT,
    "department": TEXT,
    "audience": TEXT_LIST,
    "region": TEXT,
    "parent_code": TEXT,
    "item_type": TEXT,
    "themes": TEXT_LIST,
    "life_events": TEXT_LIST,
    "keywords": TEXT_LIST,
    "summary": TEXT,
    "conditions": TEXT,
    "basis": TEXT_LIST,
    "materials": OBJECT_LIST,
    "procedure": OBJECT_LIST,
    "time_limit": OBJECT,
    "fee": OBJECT,
    "location": TEXT,
    "hours": TEXT,
    "phone": TEXT,
    "online_url": TEXT,
    "online_mode": INTEGER,
    "faq": OBJECT_LIST,
    "updated_at": TEXT,
    "status": TEXT,
}
REQUIRED_GUIDE_FIELDS = ("code", "name", "department", "audience")

_TYPE_CHECKS = {
    TEXT: (lambda v: isinstance(v, str), "a string"),
    TEXT_LIST: (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of strings"),
    INTEGER: (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    OBJECT: (lambda v: isinstance(v, dict), "an object"),
    OBJECT_LIST: (lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v), "a list of objects"),
}


def validate_guide(record: dict, raw_chars: int | None = None) -> list[str]:
    """Problems of one record; ``raw_chars`` (its source length) lets small records skip the size check."""
    return _shape(record, GUIDE_FIELDS, REQUIRED_GUIDE_FIELDS, raw_chars) or _value_problems(record)


CASE_NUMBER_PATTERN = re.compile(r"[0-9A-Za-z-]{6,64}")
CASE_KINDS = ("办件", "信件")
CASE_FIELDS: dict[str, str] = {
    "case_no": TEXT,
    "kind": TEXT,
    "item_code": TEXT,
    "item_name": TEXT,
    "applicant_name": TEXT,
    "query_password": TEXT,
    "user_id": TEXT,
    "department": TEXT,
    "submitted_at": TEXT,
    "status": TEXT,
    "promised_at": TEXT,
    "events": OBJECT_LIST,
}
REQUIRED_CASE_FIELDS = ("case_no", "kind", "item_code", "item_name", "applicant_name", "query_password",
                        "department", "submitted_at", "status")
EVENT_FIELDS: dict[str, str] = {"case_no": TEXT, "time": TEXT, "stage": TEXT, "status": TEXT, "department": TEXT, "note": TEXT}
REQUIRED_EVENT_FIELDS = ("case_no", "time", "stage", "status")


def is_progress_event(record: dict) -> bool:
    """DESIGN §6: a progress event is told from a case record by having no item_code."""
    return "item_code" not in record


def validate_case(record: dict, raw_chars: int | None = None) -> list[str]:
    problems = _shape(record, CASE_FIELDS, REQUIRED_CASE_FIELDS, raw_chars)
    if problems:
        return problems
    problems += _case_number_problems(record)
    if record["kind"] not in CASE_KINDS:
        problems.append(f"kind {record['kind']!r} not among {list(CASE_KINDS)}")
    if not 4 <= len(record["query_password"]) <= 64:
        problems.append("query_password must be 4 to 64 characters")
    for key in ("submitted_at", "promised_at"):
        if key in record and not _is_iso_datetime(record[key]):
            problems.append(f"{key} {record[key]!r} is not an ISO 8601 date-time")
    for position, event in enumerate(record.get("events") or [], start=1):
        event_problems = validate_event({"case_no": record["case_no"], **event})
        problems += [f"events[{position}]: {problem}" for problem in event_problems]
    return problems


def validate_event(record: dict, raw_chars: int | None = None) -> list[str]:
    problems = _shape(record, EVENT_FIELDS, REQUIRED_EVENT_FIELDS, raw_chars)
    if problems:
        return problems
    problems += _case_number_problems(record)
    if not _is_iso_datetime(record["time"]):
        problems.append(f"time {record['time']!r} is not an ISO 8601 date-time")
    return problems


USER_FIELDS: dict[str, str] = {
    "user_id": TEXT, "kind": TEXT, "birth_year": INTEGER, "gender": TEXT, "region": TEXT, "industry": TEXT,
    "business_scope": TEXT,
}
USER_EVENT_FIELDS: dict[str, str] = {"user_id": TEXT, "type": TEXT, "item_code": TEXT, "query": TEXT, "time": TEXT}
USER_KINDS = ("个人", "法人")
USER_EVENT_TYPES = EVENT_TYPES
MAX_USER_ID = 128
MAX_EVENT_ITEM_CODE = 64
MAX_EVENT_QUERY = 200  # what the search box accepts


def validate_user(record: dict, raw_chars: int | None = None) -> list[str]:
    problems = _shape(record, USER_FIELDS, ("user_id", "kind"), raw_chars)
    if problems:
        return problems
    if len(record["user_id"]) > MAX_USER_ID:
        problems.append(f"user_id is longer than {MAX_USER_ID} characters")
    if record["kind"] not in USER_KINDS:
        problems.append(f"kind {record['kind']!r} not among {list(USER_KINDS)}")
    if "birth_year" in record and not 1880 <= record["birth_year"] <= datetime.now().year:
        problems.append(f"birth_year {record['birth_year']} is not a plausible year")
    return problems


def validate_user_event(record: dict, raw_chars: int | None = None) -> list[str]:
    problems = _shape(record, USER_EVENT_FIELDS, ("user_id", "type", "time"), raw_chars)
    if problems:
        return problems
    if len(record["user_id"]) > MAX_USER_ID:
        problems.append(f"user_id is longer than {MAX_USER_ID} characters")
    if len(record.get("item_code") or "") > MAX_EVENT_ITEM_CODE:
        problems.append(f"item_code is longer than {MAX_EVENT_ITEM_CODE} characters")
    if len(record.get("query") or "") > MAX_EVENT_QUERY:
        problems.append(f"query is longer than {MAX_EVENT_QUERY} characters")
    if record["type"] not in USER_EVENT_TYPES:
        problems.append(f"type {record['type']!r} not among {list(USER_EVENT_TYPES)}")
    elif record["type"] == "search" and not record.get("query"):
        problems.append("a search event needs a query")
    elif record["type"] != "search" and not record.get("item_code"):
        problems.append(f"a {record['type']} event needs an item_code")
    if not _is_iso_datetime(record["time"]):
        problems.append(f"time {record['time']!r} is not an ISO 8601 date-time")
    return problems


def _case_number_problems(record: dict) -> list[str]:
    if CASE_NUMBER_PATTERN.fullmatch(record["case_no"]):
        return []
    return ["case_no does not match [0-9A-Za-z-]{6,64}"]  # the number itself is never echoed


def _shape(record: dict, fields: dict[str, str], required: tuple[str, ...], raw_chars: int | None) -> list[str]:
    """Size, presence and type problems of a record against a field table."""
    problems = [] if raw_chars is not None and raw_chars * 4 <= MAX_FIELD_BYTES else _oversize(record)
    for key in required:
        if key not in record or record[key] in ("", [], None):
            problems.append(f"missing required key {key!r}")
    for key, kind in fields.items():
        if key in record and record[key] is not None:
            accepts, description = _TYPE_CHECKS[kind]
            if not accepts(record[key]):
                problems.append(f"{key!r} must be {description}")
    return problems


def _oversize(record: dict) -> list[str]:
    problems = []
    for key, value in record.items():
        size = len(value.encode("utf-8")) if isinstance(value, str) else len(json.dumps(value, ensure_ascii=False).encode())
        if size > MAX_FIELD_BYTES:
            problems.append(f"{key!r} is {size} bytes, over the {MAX_FIELD_BYTES // 1024} KB limit")
    return problems


def _value_problems(record: dict) -> list[str]:
    problems = []
    for key in ("code", "basic_code", "parent_code"):
        if key in record and not CODE_PATTERN.fullmatch(record[key]):
            problems.append(f"{key!r} {record[key]!r} does not match [0-9A-Za-z-]{{4,64}}")
    for key in ("name", "department"):
        if not record[key].strip():
            problems.append(f"{key!r} is blank")
    for key in TERM_FIELDS:
        values = record.get(key) or []
        if any(len(value) > MAX_TERM_CHARS for value in ([values] if isinstance(values, str) else values)):
            problems.append(f"{key!r} holds a value longer than {MAX_TERM_CHARS} characters")
    unknown = [value for value in record["audience"] if value not in AUDIENCES]
    if unknown:
        problems.append(f"audience {unknown} not among {list(AUDIENCES)}")
    if record.get("status", "active") not in STATUSES:
        problems.append(f"status {record['status']!r} not among {list(STATUSES)}")
    if "online_mode" in record and not 1 <= record["online_mode"] <= 4:
        problems.append("online_mode must be 1 to 4")
    if "updated_at" in record and not _is_iso_datetime(record["updated_at"]):
        problems.append(f"updated_at {record['updated_at']!r} is not an ISO 8601 date-time")
    problems += _nested_problems(record)
    return problems


def _nested_problems(record: dict) -> list[str]:
    problems = []
    for key, required in (("materials", "name"), ("procedure", "name"), ("faq", "q")):
        for position, item in enumerate(record.get(key) or [], start=1):
            if not isinstance(item.get(required), str) or not item[required].strip():
                problems.append(f"{key}[{position}] needs a {required!r} string")
    time_limit = record.get("time_limit") or {}
    for key in ("legal_days", "promised_days"):
        if key in time_limit and not _is_number(time_limit[key]):
            problems.append(f"time_limit.{key} must be a number")
    if "unit" in time_limit and time_limit["unit"] not in TIME_UNITS:
        problems.append(f"time_limit.unit must be one of {list(TIME_UNITS)}")
    if "charged" in (record.get("fee") or {}) and not isinstance(record["fee"]["charged"], bool):
        problems.append("fee.charged must be true or false")
    return problems


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _is_iso_datetime(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
