"""Loading guide files into the guide engine (``govsearch index guides``).

Records stream from the readers through validation and analysis into one engine writer.
Good records load while bad ones go to the reject log; upserts are by code and the last
record of a code in a load wins (the earlier one is reported, with its text). A file that
cannot be read aborts the whole load before anything becomes visible and leaves no reject
file (what needs no pass over the data is checked before the load starts). A ``--replace``
that would leave the live index empty or shrink it below a safe share (a CSV with the wrong
header, an empty or binary file: every record rejected) is refused too, unless the operator
allows it; its rejects stay, as they say why.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from indexer.documents import build_guide_document, read_guide
from indexer.errors import ReplaceRefused
from indexer.meanings import MeaningCollector
from indexer.services import ServiceCollector
from indexer.readers import SourceRecord, check_readable, count_records, read_records
from indexer.rejects import RejectLog
from indexer.report import LoadReport
from indexer.validation import GUIDE_FIELDS, validate_guide
from search.analysis import Analyzer
from search.engine import GuideEngine
from search.meaning import MeaningVectors, meaning_text


def load_guides(
    paths: Iterable[Path],
    engine: GuideEngine,
    analyzer: Analyzer,
    rejected_dir: Path,
    replace: bool = False,
    progress: bool | None = None,
    min_share: float = 0.5,
    allow_shrink: bool = False,
    vectors: MeaningVectors | None = None,
) -> LoadReport:
    """Load guide files; ``replace`` makes the loaded set the whole index once complete, if it
    holds at least ``min_share`` of the live guides (and one guide at least), or ``allow_shrink``.
    With ``vectors``, the guides' meanings are encoded (``indexer.meanings``) and stored with them."""
    paths = [Path(p) for p in paths]
    check_readable(paths)
    live = engine.count() if replace else 0
    meanings = MeaningCollector(vectors, None if replace else engine.meanings()) if vectors else None
    services = ServiceCollector()
    started = time.perf_counter()
    final_status: dict[str, str] = {}
    first_seen: dict[str, tuple[str, int]] = {}
    superseded: list[tuple[str, int, str]] = []  # file, line, reason
    with RejectLog(rejected_dir, "guides") as rejects:
        with engine.writer(replace=replace) as writer:
            for record in _with_progress(paths, progress):
                if record.error:
                    rejects.add(record.file, record.line, record.error, record.raw)
                    continue
                problems = validate_guide(record.data, raw_chars=len(record.raw))
                if problems:
                    rejects.add(record.file, record.line, "; ".join(problems), record.raw)
                    continue
                code = record.data["code"]
                if code in first_seen:
                    earlier_file, earlier_line = first_seen[code]
                    superseded.append((earlier_file, earlier_line, f"duplicate code {code}: superseded by {record.file}:{record.line}"))
                first_seen[code] = (record.file, record.line)
                final_status[code] = record.data.get("status", "active")
                guide = read_guide(record.data, analyzer)
                if final_status[code] == "withdrawn":
                    writer.withdraw(code)
                    services.touch(guide.service)  # its copies are counted again
                    continue
                document = build_guide_document(guide, analyzer)
                if meanings:
                    meanings.add(document, meaning_text(guide))
                services.add(document)
                writer.upsert(document, origin=record)
            for file, line, reason, raw in _read_again(superseded):
                rejects.add(file, line, reason, raw)
            writer.flush()
            refused = {record.data["code"] for record, _ in writer.failures}
            if refused:
                _count_again(services, refused, first_seen, analyzer)
            if replace and not allow_shrink:
                _check_shrink(sum(1 for status in final_status.values() if status == "active"), live, min_share, rejects)
            live = {} if replace else engine.service_documents(services.touched)
            writer.put_services(services.documents(live), services.touched)
            if meanings:
                writer.put_meanings(meanings.table())
            elif not replace and engine.meanings_model() is not None:
                writer.put_meanings(None)  # guides no meaning stands for: the index is searched by words alone
            writer.commit()
        for record, reason in writer.failures:  # refused by the engine itself (Elasticsearch bulk errors)
            rejects.add(record.file, record.line, reason, record.raw)
            final_status[record.data["code"]] = "refused"
    withdrawn = sum(1 for status in final_status.values() if status == "withdrawn")
    refused = sum(1 for status in final_status.values() if status == "refused")
    return LoadReport(
        kind="guides",
        counts={"loaded": len(final_status) - withdrawn - refused, "withdrawn": withdrawn},
        rejected=rejects.count,
        seconds=time.perf_counter() - started,
        rejects_path=rejects.path if rejects.count else None,
        processed=len(final_status),
        unit="guides",
    )


def _count_again(services: ServiceCollector, refused: set[str], first_seen: dict[str, tuple[str, int]],
                 analyzer: Analyzer) -> None:
    """The services of copies the engine refused, gathered again from their other copies."""
    others = (first_seen[code] for codes in services.without(refused).values() for code in codes)
    for record in _records_at(others):
        services.add(build_guide_document(read_guide(record.data, analyzer), analyzer))


def _read_again(superseded: list[tuple[str, int, str]]) -> Iterator[tuple[str, int, str, str]]:
    """The superseded records with their reasons and raw text."""
    reasons = {(file, line): reason for file, line, reason in superseded}
    for record in _records_at(reasons):
        yield record.file, record.line, reasons[record.file, record.line], record.raw


def _records_at(places: Iterable[tuple[str, int]]) -> Iterator[SourceRecord]:
    """The records at ``places`` (file, line), read again from their files: they are rare
    (duplicates, refusals), and keeping every record until the end of a load would cost its size."""
    wanted: dict[str, set[int]] = {}
    for file, line in places:
        wanted.setdefault(file, set()).add(line)
    for file, lines in wanted.items():
        for record in read_records(Path(file), GUIDE_FIELDS):
            if record.line in lines:
                lines.discard(record.line)
                yield record
                if not lines:
                    break


def _check_shrink(loading: int, live: int, min_share: float, rejects: RejectLog) -> None:
    if loading == 0 or loading < live * min_share:
        rejected = f"{rejects.count:,} records rejected" + (f", see {rejects.path}" if rejects.count else "")
        raise ReplaceRefused(
            f"refusing to replace {live:,} live guides with {loading:,} ({rejected}): "
            f"the live index is unchanged; check the input, or pass --allow-shrink to replace it anyway")


def _with_progress(paths: list[Path], progress: bool | None):
    """All records of all files, under a progress bar when stderr is a terminal."""
    records = (record for path in paths for record in read_records(path, GUIDE_FIELDS))
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return records
    totals = [count_records(path) for path in paths]
    total = sum(totals) if None not in totals else None
    return tqdm(records, total=total, unit=" guides", file=sys.stderr, leave=False)
