"""Loading case records and progress events (``govsearch index cases``).

Records and events may come in the same file or separate ones, in any order. Lines are
parsed, validated and (for records) their verification codes hashed in worker processes,
batch by batch; the main process writes each batch to the case store in one transaction.
Events merge idempotently, so loading a file twice changes nothing. The workers end with the
loader, also when it is killed outright.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from indexer.readers import JSONL_SUFFIXES, check_readable, jsonl_lines, parse_jsonl_line
from indexer.rejects import RejectLog
from indexer.report import LoadReport
from indexer.validation import is_progress_event, validate_case, validate_event
from search.cases import CaseRecord, CaseStore, ProgressEvent, hash_password

BATCH_LINES = 4000
PARALLEL_FROM_LINES = 2 * BATCH_LINES  # below this, worker processes cost more than they save
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass
class ParsedBatch:
    records: list[CaseRecord] = field(default_factory=list)
    events: list[ProgressEvent] = field(default_factory=list)
    rejects: list[tuple[str, int, str, str]] = field(default_factory=list)  # file, line, reason, raw


def load_cases(paths: Iterable[Path], store: CaseStore, rejected_dir: Path, workers: int | None = None,
               pepper: bytes = b"") -> LoadReport:
    paths = [Path(p) for p in paths]
    check_readable(paths, JSONL_SUFFIXES)
    started = time.perf_counter()
    records = events = new_events = 0
    waiting: set[str] = set()
    with RejectLog(rejected_dir, "cases") as rejects:
        for batch in _parsed_batches(paths, workers, pepper):
            new_events += store.put_records(batch.records)
            new_events += store.add_events(batch.events)
            records += len(batch.records)
            events += len(batch.events) + sum(len(r.events) for r in batch.records)
            waiting = _still_waiting(store, waiting, batch)
            for reject in batch.rejects:
                rejects.add(*reject)
    return LoadReport(
        kind="cases",
        counts={"records": records, "events": events, "new events": new_events, "waiting for their record": len(waiting)},
        rejected=rejects.count,
        seconds=time.perf_counter() - started,
        rejects_path=rejects.path if rejects.count else None,
        processed=events,
        unit="events",
    )


def _still_waiting(store: CaseStore, waiting: set[str], batch: ParsedBatch) -> set[str]:
    """Case numbers whose events arrived without a record (so far in this load)."""
    arrived = {record.case_no for record in batch.records}
    candidates = {event.case_no for event in batch.events} - arrived - waiting
    return (waiting - arrived) | (candidates - store.known(candidates))


def _parsed_batches(paths: list[Path], workers: int | None, pepper: bytes = b"") -> Iterator[ParsedBatch]:
    """Parsed batches in file order; in worker processes unless the input is small (or workers=1)."""
    batches = _line_batches(paths)
    small = sum(path.stat().st_size for path in paths) < PARALLEL_FROM_LINES * 500  # about 500 bytes a line
    if workers == 1 or (workers is None and small):
        yield from (_parse_batch(batch, pepper) for batch in batches)
        return
    workers = workers or os.cpu_count() or 2
    with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_loader, initargs=(os.getpid(),)) as pool:
        # Executor.map would read every batch up front; keep only a few in flight, in order.
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(pool.submit(_parse_batch, batch, pepper))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def _die_with_loader(loader: int) -> None:
    """Worker initializer: end when the loader ends. A loader killed outright (SIGKILL, the OOM
    killer) cannot shut its pool down, and its workers would wait for work forever, each
    holding a copy of its memory. On Linux the kernel sends the signal (the workers are forked
    by the loader's main thread, or by the forkserver, which ends with the loader); elsewhere a
    thread watches."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not a handler the loader may have installed
    if not _set_parent_death_signal(signal.SIGTERM):
        threading.Thread(target=_watch_loader, args=(loader,), name="watch-loader", daemon=True).start()
    elif not _alive(loader):  # it died before the signal was asked for
        os._exit(1)


def _set_parent_death_signal(number: int) -> bool:
    """``prctl(PR_SET_PDEATHSIG)``: the kernel sends ``number`` when the parent dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_PDEATHSIG, number, 0, 0, 0) == 0


def _watch_loader(loader: int) -> None:
    while _alive(loader):
        time.sleep(1.0)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process has the number now
        return False
    return True


def _line_batches(paths: list[Path]) -> Iterator[list[tuple[str, int, bytes]]]:
    lines = ((str(path), number, line) for path in paths for number, line in jsonl_lines(path))
    while batch := list(itertools.islice(lines, BATCH_LINES)):
        yield batch


def _parse_batch(lines: list[tuple[str, int, bytes]], pepper: bytes = b"") -> ParsedBatch:
    """Runs in a worker process: parse, validate, hash verification codes."""
    batch = ParsedBatch()
    for file, number, line in lines:
        source = parse_jsonl_line(file, number, line)
        if source.error:
            batch.rejects.append((file, number, source.error, source.raw))
            continue
        data = source.data
        event = is_progress_event(data)
        problems = (validate_event if event else validate_case)(data, raw_chars=len(source.raw))
        if problems:
            batch.rejects.append((file, number, "; ".join(problems), source.raw))
        elif event:
            batch.events.append(_event(data))
        else:
            batch.records.append(_record(data, pepper))
    return batch


def _record(data: dict, pepper: bytes = b"") -> CaseRecord:
    return CaseRecord(
        case_no=data["case_no"],
        kind=data["kind"],
        item_code=data["item_code"],
        item_name=data["item_name"],
        applicant_name=data["applicant_name"],
        password_hash=hash_password(data["query_password"], pepper),
        department=data["department"],
        submitted_at=data["submitted_at"],
        status=data["status"],
        user_id=data.get("user_id"),
        promised_at=data.get("promised_at"),
        events=[_event({"case_no": data["case_no"], **event}) for event in data.get("events") or []],
    )


def _event(data: dict) -> ProgressEvent:
    return ProgressEvent(data["case_no"], data["time"], data["stage"], data["status"], data.get("department"), data.get("note"))
