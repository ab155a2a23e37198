"""Case progress (办件 and 信件): the store interface, verification codes, and what a citizen sees.

A case record carries a verification code (查询密码); only its salted hash is stored. A
lookup needs the case number and the code, and an unknown number answers exactly like a
wrong code, after the same amount of work, so the answer reveals nothing about which
numbers exist. Applicant names are masked (张*, 欧阳**) in every answer.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Protocol

PASSWORD_SCHEME = "pbkdf2_sha256"
PEPPERED_SCHEME = "pbkdf2_sha256_pepper"
# A 6-digit code has a million values, so no hash keeps a stolen database safe for long; the
# online rate limit is what protects codes. The hash keeps them out of sight, and its cost
# (~0.2 ms) keeps bulk loading of millions of cases fast. Stored with the hash, so it can rise.
PASSWORD_ITERATIONS = 1000
CONCLUDED_STAGES = ("办结", "送达")
CONCLUDED_STATUSES = ("已办结", "已送达", "已回复", "不予受理", "不予许可", "已撤回")
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 "
    "百里 呼延 澹台 太史 申屠 钟离 濮阳 闻人 赫连 万俟 东郭 南门 羊舌 微生 公冶 左丘 第五 谷梁".split()
)
ORGANISATION_SUFFIXES = ("公司", "厂", "店", "中心", "合作社", "事务所", "协会", "学校", "医院", "工作室", "部")


@dataclass
class ProgressEvent:
    case_no: str
    time: str
    stage: str
    status: str
    department: str | None = None
    note: str | None = None

    @property
    def instant(self) -> datetime:
        return parse_time(self.time)


@dataclass
class CaseRecord:
    case_no: str
    kind: str
    item_code: str
    item_name: str
    applicant_name: str
    password_hash: str
    department: str
    submitted_at: str
    status: str
    user_id: str | None = None
    promised_at: str | None = None
    events: list[ProgressEvent] = field(default_factory=list)


class CaseStore(Protocol):
    def put_records(self, records: Iterable[CaseRecord]) -> int:
        """Insert or replace records by case number; their events are merged like ``add_events``.
        Returns how many events were new."""

    def add_events(self, events: Iterable[ProgressEvent]) -> int:
        """Merge events: the same event twice changes nothing; an event may precede its record.
        Returns how many were new."""

    def get(self, case_no: str) -> CaseRecord | None:
        """The record with every event known for it, oldest first."""

    def for_user(self, user_id: str, limit: int) -> list[CaseRecord]:
        """A user's cases, newest submission first."""

    def known(self, case_nos: set[str]) -> set[str]:
        """Which of these case numbers have a record."""

    def count(self) -> int:
        """How many case records are stored."""


def record_json(record: CaseRecord) -> dict:
    """A record as stored by the stores that keep documents (Elasticsearch), events apart."""
    return {name: getattr(record, name) for name in RECORD_KEYS}


def record_from_json(data: dict, events: list[ProgressEvent]) -> CaseRecord:
    return CaseRecord(**{name: data.get(name) for name in RECORD_KEYS}, events=events)


def event_json(event: ProgressEvent) -> dict:
    """An event as stored, with its instant in milliseconds for ordering."""
    return {**{name: getattr(event, name) for name in EVENT_KEYS}, "at_ms": int(event.instant.timestamp() * 1000)}


def event_from_json(data: dict) -> ProgressEvent:
    return ProgressEvent(**{name: data.get(name) for name in EVENT_KEYS})


def event_identity(event: ProgressEvent) -> tuple:
    """What makes two events the same event: the same one sent twice changes nothing."""
    return (event.case_no, int(event.instant.timestamp() * 1000), event.stage, event.status)


RECORD_KEYS = ("case_no", "kind", "item_code", "item_name", "applicant_name", "password_hash", "department",
               "submitted_at", "status", "user_id", "promised_at")
EVENT_KEYS = ("case_no", "time", "stage", "status", "department", "note")


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def hash_password(password: str, pepper: bytes = b"", salt: bytes | None = None,
                  iterations: int = PASSWORD_ITERATIONS) -> str:
    """A salted PBKDF2 hash; with a ``pepper`` (GOVSEARCH_CASE_PEPPER, kept apart from the
    database) the code is keyed by it first, so a stolen database alone gives up no code."""
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", _keyed(password, pepper), salt, iterations)
    scheme = PEPPERED_SCHEME if pepper else PASSWORD_SCHEME
    return f"{scheme}${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None, pepper: bytes = b"") -> bool:
    """Constant-time check; with no stored hash, the same work is done against a dummy one.
    Hashes written before a pepper was set still verify; peppered ones need the pepper."""
    scheme, iterations, salt, digest = (stored or DUMMY_HASH).split("$")
    keyed = _keyed(password, pepper if scheme == PEPPERED_SCHEME else b"")
    candidate = hashlib.pbkdf2_hmac("sha256", keyed, bytes.fromhex(salt), int(iterations))
    usable = scheme == PASSWORD_SCHEME or (scheme == PEPPERED_SCHEME and bool(pepper))
    return hmac.compare_digest(candidate.hex(), digest) and stored is not None and usable


def _keyed(password: str, pepper: bytes) -> bytes:
    return hmac.new(pepper, password.encode(), hashlib.sha256).digest() if pepper else password.encode()


DUMMY_HASH = hash_password("unknown-case", salt=b"\0" * 16)


def mask_name(name: str) -> str:
    """张三 → 张*, 李小明 → 李**, 欧阳娜娜 → 欧阳**; organisations keep their ends: 杭州****有限公司."""
    name = (name or "").strip()
    if not name:
        return ""
    if name.endswith(ORGANISATION_SUFFIXES) and len(name) > 6:
        return name[:2] + "*" * (len(name) - 6) + name[-4:]
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return surname + "*" * max(1, len(name) - len(surname))


def current_status(record: CaseRecord) -> str:
    """The latest event decides; a record without events shows the status it was sent with."""
    return record.events[-1].status if record.events else record.status


def concluded_at(record: CaseRecord) -> datetime | None:
    for event in reversed(record.events):
        if event.stage in CONCLUDED_STAGES or event.status in CONCLUDED_STATUSES:
            return event.instant
    return None


def is_overdue(record: CaseRecord, now: datetime) -> bool:
    """Past the promised time and not concluded, or concluded after it."""
    if not record.promised_at:
        return False
    promised = parse_time(record.promised_at)
    finished = concluded_at(record)
    return (finished or now) > promised


def case_view(record: CaseRecord, now: datetime | None = None) -> dict:
    """What the owner of the case (or whoever holds its code) sees."""
    now = now or datetime.now(timezone.utc)
    view = {
        "case_no": record.case_no,
        "kind": record.kind,
        "item_code": record.item_code,
        "item_name": record.item_name,
        "status": current_status(record),
        "applicant": mask_name(record.applicant_name),
        "department": record.department,
        "submitted_at": record.submitted_at,
        "promised_at": record.promised_at,
        "concluded": concluded_at(record) is not None,
        "overdue": is_overdue(record, now),
        "events": [
            {"time": e.time, "stage": e.stage, "status": e.status, "department": e.department, "note": e.note}
            for e in record.events
        ],
    }
    if record.kind == "信件":
        reply = next((e for e in reversed(record.events) if e.stage in CONCLUDED_STAGES), None)
        view["reply"] = {"replied": reply is not None, "time": reply.time if reply else None, "text": reply.note if reply else None}
    return view
