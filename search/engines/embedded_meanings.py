"""The embedded engine's meanings: a matrix of vectors and a table beside the tantivy generation.

``meanings.npy`` holds one unit vector a row (float32, memory-mapped) and ``meanings.json`` the
rows (key, service, text, the facet values of its copies) and the model that encoded them. Both
live in the generation's directory, so a ``--replace`` swaps them with the index, and are
written by rename, so a reader sees a whole table or the previous one.

The search is exact: one matrix product over every row that passes the filters. At a few
thousand meanings (a national catalogue of services) that is well under a millisecond; an
approximate index would only add a dependency.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from search.models import MeaningRow, MeaningTable, Neighbour, NearestQuery
from search.schema import facet_field

TABLE = "meanings.json"
MATRIX = "meanings.npy"


def write(directory: Path, table: MeaningTable) -> None:
    """Store ``table`` in a generation's directory, the matrix first (a reader goes by the table)."""
    _replace(directory / MATRIX, lambda path: np.save(path, np.ascontiguousarray(table.vectors, dtype=np.float32)))
    rows = [{"key": r.key, "service": r.service, "text": r.text, "facets": r.facets} for r in table.rows]
    body = json.dumps({"model": table.model, "rows": rows}, ensure_ascii=False)
    _replace(directory / TABLE, lambda path: path.write_text(body, encoding="utf-8"))


def remove(directory: Path) -> None:
    """No meanings in the generation any more (the table first: a reader goes by it)."""
    for name in (TABLE, MATRIX):
        (directory / name).unlink(missing_ok=True)


def read(directory: Path) -> "StoredMeanings | None":
    """The generation's meanings, or None when it has none (semantic search off when it was loaded)."""
    try:
        body = json.loads((directory / TABLE).read_text(encoding="utf-8"))
        vectors = np.load(directory / MATRIX, mmap_mode="r")
    except FileNotFoundError:
        return None
    rows = [MeaningRow(r["key"], r["service"], r["text"], {f: tuple(v) for f, v in r["facets"].items()})
            for r in body["rows"]]
    if len(rows) != len(vectors):
        return None  # a table and a matrix of different writes: wait for the next
    return StoredMeanings(MeaningTable(body["model"], rows, vectors))


class StoredMeanings:
    """A generation's meanings, with each facet value's rows at hand for filtering."""

    def __init__(self, table: MeaningTable):
        self.table = table
        self._rows_of: dict[tuple[str, str], np.ndarray] = {}
        postings: dict[tuple[str, str], list[int]] = {}
        for number, row in enumerate(table.rows):
            for facet, values in row.facets.items():
                for value in values:
                    postings.setdefault((facet, value), []).append(number)
        self._rows_of = {key: np.array(numbers, dtype=np.int64) for key, numbers in postings.items()}

    def nearest(self, query: NearestQuery) -> list[Neighbour]:
        rows = self._passing(query)
        if rows is not None and not len(rows):
            return []
        vectors = self.table.vectors if rows is None else self.table.vectors[rows]
        similarities = vectors @ query.vector
        best: dict[str, float] = {}
        for position in np.argsort(-similarities):
            row = self.table.rows[position if rows is None else rows[position]]
            if row.service not in best:
                best[row.service] = float(similarities[position])
                if len(best) == query.k:
                    break
        return [Neighbour(service, similarity) for service, similarity in best.items()]

    def _passing(self, query: NearestQuery) -> np.ndarray | None:
        """The rows with a copy passing the filters and on the branch; None for every row."""
        passing = None
        for facet, values in query.filters.items():
            passing = _both(passing, self._any(facet, values))
        if query.branch:
            on_branch = np.union1d(self._any("within", [query.branch.region]),
                                   self._any("locality", query.branch.serving))
            passing = _both(passing, on_branch)
        return passing

    def _any(self, facet: str, values) -> np.ndarray:
        found = [self._rows_of.get((facet_field(facet), value)) for value in values]
        found = [rows for rows in found if rows is not None]
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def _both(first: np.ndarray | None, second: np.ndarray) -> np.ndarray:
    return second if first is None else np.intersect1d(first, second, assume_unique=True)


def _replace(path: Path, write_to) -> None:
    temporary = path.with_name(path.name + ".tmp" + (".npy" if path.suffix == ".npy" else ""))
    write_to(temporary)
    os.replace(temporary, path)
