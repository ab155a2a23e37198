"""Readers of the input files: JSON Lines, CSV and XLSX, one ``SourceRecord`` per record.

A record that cannot be decoded (invalid UTF-8, malformed JSON, a cell that should hold
JSON and does not) comes out with ``error`` set and its raw text, so the loader can reject
it with file, line and reason and go on. A file that cannot be read at all raises
``InputUnreadable`` (exit code 2).

CSV and XLSX (the format operators export from spreadsheets): the first row names the
keys. Cells of list-of-string fields hold the values separated by ``;`` (or ``；``, ``|``
or new lines) or a JSON array; cells of object fields (materials, procedure, time_limit,
fee, faq) hold JSON; integer fields hold the number; empty cells mean the key is absent.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from indexer.errors import InputUnreadable

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
SUPPORTED_SUFFIXES = (*JSONL_SUFFIXES, ".csv", ".xlsx")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LIST_SEPARATORS = re.compile(r"[;；|\n]")

# Field kinds, as written in DESIGN §6; readers of flat formats use them to rebuild values.
TEXT, TEXT_LIST, INTEGER, OBJECT, OBJECT_LIST = "text", "text list", "integer", "object", "object list"


@dataclass
class SourceRecord:
    file: str
    line: int
    data: dict | None
    raw: str
    error: str | None = None


def check_readable(paths: list[Path], suffixes: tuple[str, ...] = SUPPORTED_SUFFIXES) -> None:
    """Fail before anything is loaded when an input is missing, unreadable (permissions), of an
    unknown format, or an XLSX that is no workbook: the checks that cost no pass over the data."""
    for path in paths:
        if not path.is_file():
            raise InputUnreadable(f"{path}: no such file")
        if path.suffix.lower() not in suffixes:
            raise InputUnreadable(f"{path}: unsupported format (use {', '.join(suffixes)})")
        try:
            with open(path, "rb"):
                pass
        except OSError as error:
            raise InputUnreadable(f"{path}: {error.strerror or error}") from error
        if path.suffix.lower() == ".xlsx":
            _check_workbook(path)


def _check_workbook(path: Path) -> None:
    """An XLSX is a zip with an OOXML manifest; its directory is cheap to read (a sheet whose
    XML is corrupt is only found when the sheet is read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "[Content_Types].xml" not in archive.namelist():
                raise InputUnreadable(f"{path}: not a readable XLSX workbook (a zip without [Content_Types].xml)")
    except zipfile.BadZipFile as error:
        raise InputUnreadable(f"{path}: not a readable XLSX workbook ({error})") from error


def read_records(path: Path, kinds: Mapping[str, str]) -> Iterator[SourceRecord]:
    """Records of one file; ``kinds`` maps keys to field kinds for rebuilding CSV/XLSX cells."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            yield from _csv_records(path, kinds)
        elif suffix == ".xlsx":
            yield from _xlsx_records(path, kinds)
        else:
            yield from _jsonl_records(path)
    except (OSError, csv.Error) as error:
        raise InputUnreadable(f"{path}: {error}") from error


def count_records(path: Path) -> int | None:
    """A quick upper bound of the records in a file, for the progress bar."""
    if path.suffix.lower() == ".xlsx":
        return None
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a JSON Lines file, undecoded, with their line numbers."""
    try:
        with open(path, "rb") as handle:
            number = 0
            for chunk in handle:
                # A file written with old Mac line endings (CR only) is lines too, not one record.
                for line in chunk.rstrip(b"\r\n").split(b"\r") if b"\r" in chunk.rstrip(b"\r\n") else [chunk]:
                    number += 1
                    if line.strip():
                        yield number, line
    except OSError as error:
        raise InputUnreadable(f"{path}: {error}") from error


def parse_jsonl_line(file: str, number: int, line: bytes) -> SourceRecord:
    try:
        text = line.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark starting the file
    except UnicodeDecodeError as error:
        return SourceRecord(file, number, None, _raw(line), f"invalid UTF-8 at byte {error.start}")
    return _parse_json_line(file, number, text.strip())


def _jsonl_records(path: Path) -> Iterator[SourceRecord]:
    for number, line in jsonl_lines(path):
        yield parse_jsonl_line(str(path), number, line)


class NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    """1e999, NaN and Infinity parse in Python but are not JSON numbers anyone can read back."""
    value = float(text)
    if not math.isfinite(value):
        raise NotFinite(text)
    return value


MAX_DEPTH = 20  # nesting of a record's values; DESIGN §6 needs three levels
# One decoder for every line: json.loads with hooks would build a new one per call.
_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_finite)
# A lone surrogate can only come from a \uD800–\uDFFF escape (the text is valid UTF-8), so a
# line without one needs no walk for it; a match (perhaps an escaped backslash) is walked.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _parse_json_line(file: str, number: int, text: str) -> SourceRecord:
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as error:
        return SourceRecord(file, number, None, text, f"malformed JSON: {error.msg} at column {error.colno}")
    except NotFinite as error:
        return SourceRecord(file, number, None, text, f"{error} is not a finite number")
    except RecursionError:
        return SourceRecord(file, number, None, text[:1000], f"nested deeper than {MAX_DEPTH} levels")
    if not isinstance(data, dict):
        return SourceRecord(file, number, None, text, "a record must be a JSON object")
    problem = _not_text(data, 0) if _may_not_be_text(text) else None
    if problem:
        return SourceRecord(file, number, None, text, problem)
    return SourceRecord(file, number, data, text)


def _may_not_be_text(text: str) -> bool:
    """Whether the parsed line needs the walk of ``_not_text``: with no more brackets than
    MAX_DEPTH and no surrogate escape, it cannot be too deep or hold a lone surrogate."""
    return text.count("{") + text.count("[") > MAX_DEPTH or _SURROGATE_ESCAPE.search(text) is not None


def _not_text(value, depth: int) -> str | None:
    """Why a parsed value cannot be stored as text: too deep, or a lone surrogate (\\ud800)."""
    if depth > MAX_DEPTH:
        return f"nested deeper than {MAX_DEPTH} levels"
    if isinstance(value, str):
        return "a lone surrogate escape (\\ud800–\\udfff) is not text" if _SURROGATE.search(value) else None
    children = [*value.keys(), *value.values()] if isinstance(value, dict) else value if isinstance(value, list) else []
    return next((problem for child in children if (problem := _not_text(child, depth + 1))), None)


def _csv_records(path: Path, kinds: Mapping[str, str]) -> Iterator[SourceRecord]:
    text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    # csv refuses a cell over its field_size_limit (128 Ki characters) with an error that makes the
    # whole file unreadable. The file is in memory already, so let a cell be as long as the file: an
    # over-long cell is then one rejected row, by the same size rule as a JSON Lines record's value.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        return
    header = [name.strip() for name in header]
    start = reader.line_num + 1
    for row in reader:
        number, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        raw = ",".join(row)
        if any("\udc80" <= ch <= "\udcff" for cell in row for ch in cell):
            yield SourceRecord(str(path), number, None, _raw(raw.encode("utf-8", "surrogateescape")), "invalid UTF-8")
            continue
        yield _row_record(str(path), number, header, row, raw, kinds)


def _xlsx_records(path: Path, kinds: Mapping[str, str]) -> Iterator[SourceRecord]:
    import openpyxl  # a fifth of a second: only when a workbook is read

    # A broken workbook fails inside openpyxl with whatever its parser meets (a missing part is
    # a KeyError, a sheet not listed or a shared string missing an IndexError, cut-off XML a
    # SyntaxError, …): every failure of reading it is the input's, and says so in one line.
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 — see above
        raise InputUnreadable(f"{path}: not a readable XLSX workbook, the sheet cannot be read ({_one_line(error)})") from error
    try:
        yield from _sheet_records(path, workbook, kinds)
    except InputUnreadable:
        raise
    except Exception as error:  # noqa: BLE001 — see above
        raise InputUnreadable(f"{path}: the sheet cannot be read ({_one_line(error)})") from error
    finally:
        workbook.close()


def _one_line(error: Exception) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())[:300]


def _sheet_records(path: Path, workbook, kinds: Mapping[str, str]) -> Iterator[SourceRecord]:
    if not workbook.worksheets:
        raise InputUnreadable(f"{path}: not a readable XLSX workbook (it has no sheet)")
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        return
    header = [str(name).strip() if name is not None else "" for name in header]
    for number, row in enumerate(rows, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        raw = json.dumps(dict(zip(header, map(_cell_text, row))), ensure_ascii=False)
        yield _row_record(str(path), number, header, row, raw, kinds)


def _row_record(file, number, header, row, raw, kinds) -> SourceRecord:
    data, problems = {}, []
    for key, cell in zip(header, row):
        if not key or cell is None or str(cell).strip() == "":
            continue
        try:
            data[key] = _cell_value(cell, kinds.get(key, TEXT))
        except ValueError as error:
            problems.append(f"column {key}: {error}")
    if problems:
        return SourceRecord(file, number, None, raw, "; ".join(problems))
    return SourceRecord(file, number, data, raw)


def _cell_value(cell, kind: str):
    if kind == INTEGER:
        if isinstance(cell, float) and cell.is_integer():
            return int(cell)
        if isinstance(cell, int) or str(cell).strip().lstrip("-").isdigit():
            return int(cell)
        raise ValueError(f"{cell!r} is not an integer")
    text = _cell_text(cell).strip()
    if kind == TEXT_LIST:
        if text.startswith("["):
            return _json_cell(text)
        return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]
    if kind in (OBJECT, OBJECT_LIST):
        return _json_cell(text)
    return text


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return cell.isoformat() if hasattr(cell, "isoformat") else str(cell)


def _json_cell(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg})") from None


def _raw(data: bytes) -> str:
    return data.decode("utf-8", errors="backslashreplace").rstrip("\r\n")
