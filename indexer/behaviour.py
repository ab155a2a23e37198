"""Loading user profiles and behaviour events (``govsearch index users`` / ``index events``)."""

from __future__ import annotations

import gc
import itertools
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from search.redaction import redact
from indexer.readers import JSONL_SUFFIXES, check_readable, read_records
from indexer.rejects import RejectLog
from indexer.report import LoadReport
from indexer.validation import USER_EVENT_FIELDS, USER_FIELDS, validate_user, validate_user_event
from recommender.feed import FeedService
from recommender.models import UserEvent, UserProfile
from recommender.store import BehaviourStore

# Events learned from at once: each learning call rewrites the popularity counts it touches,
# so a bigger batch writes each count less often (a batch holds about 0.3 GB).
BATCH = 100_000


def load_users(paths: Iterable[Path], store: BehaviourStore, rejected_dir: Path) -> LoadReport:
    return _load(paths, "users", USER_FIELDS, validate_user, _profile, store.put_users, rejected_dir)


def load_events(paths: Iterable[Path], feed: FeedService, rejected_dir: Path) -> LoadReport:
    new = 0

    def record(batch: list[UserEvent]) -> None:
        nonlocal new
        new += feed.record(batch)

    report = _load(paths, "events", USER_EVENT_FIELDS, validate_user_event, user_event, record, rejected_dir)
    report.counts["new"] = new
    return report


def read_valid_events(paths: Iterable[Path]) -> list[UserEvent]:
    """Every valid event of the files (invalid ones are left out), for offline evaluation."""
    paths = [Path(p) for p in paths]
    check_readable(paths, JSONL_SUFFIXES)
    return [
        user_event(record.data)
        for path in paths
        for record in read_records(path, USER_EVENT_FIELDS)
        if not record.error and not validate_user_event(record.data, raw_chars=len(record.raw))
    ]


def user_event(data: dict) -> UserEvent:
    """The event as kept: search text redacted like the query log (an ID number typed in the
    box is not stored)."""
    query = redact(data["query"]) if data.get("query") else None
    return UserEvent(data["user_id"], data["type"], data["time"], data.get("item_code"), query)


def _profile(data: dict) -> UserProfile:
    fields = ("birth_year", "gender", "region", "industry", "business_scope")
    return UserProfile(data["user_id"], data["kind"], **{key: data.get(key) for key in fields})


def _load(paths, kind: str, fields, validate, build: Callable, write: Callable, rejected_dir: Path) -> LoadReport:
    paths = [Path(p) for p in paths]
    check_readable(paths, JSONL_SUFFIXES)
    started = time.perf_counter()
    loaded = 0
    with RejectLog(rejected_dir, kind) as rejects, _no_cycle_collection():
        for batch in _batches(_good(paths, fields, validate, rejects)):
            write([build(data) for data in batch])
            loaded += len(batch)
    return LoadReport(
        kind=kind, counts={"loaded": loaded}, rejected=rejects.count, seconds=time.perf_counter() - started,
        rejects_path=rejects.path if rejects.count else None, processed=loaded, unit=kind,
    )


def _good(paths: list[Path], fields, validate, rejects: RejectLog) -> Iterator[dict]:
    for path in paths:
        for record in read_records(path, fields):
            problems = [record.error] if record.error else validate(record.data, raw_chars=len(record.raw))
            if problems:
                rejects.add(record.file, record.line, "; ".join(problems), record.raw)
            else:
                yield record.data


def _batches(items: Iterator[dict]) -> Iterator[list[dict]]:
    while batch := list(itertools.islice(items, BATCH)):
        yield batch


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A load makes millions of short-lived objects without cycles, which reference counting
    frees; the cycle collector would walk them and the feed's catalogue over and over (a
    fifth of the time of a load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
