"""The meanings of a load (``search.meaning``): gathered as guides are indexed, encoded at the end.

Each distinct meaning is encoded once per load, whatever the number of its copies, and not at
all when the vector cache has it. A plain load keeps the live index's meanings and adds its
own; a ``--replace`` keeps only its own. The facet values of each meaning's copies are
gathered here too: the nearest-neighbour search filters on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from search.meaning import MeaningVectors
from search.models import GuideDocument, MeaningRow, MeaningTable
from search.schema import MEANING_FACETS


@dataclass
class _Gathered:
    service: str
    text: str
    facets: dict[str, set[str]] = field(default_factory=dict)


class MeaningCollector:
    def __init__(self, vectors: MeaningVectors, live: MeaningTable | None = None):
        self.vectors = vectors
        self._meanings: dict[str, _Gathered] = {}
        for row in live.rows if live else ():
            self._meanings[row.key] = _Gathered(row.service, row.text, {f: set(v) for f, v in row.facets.items()})

    def add(self, document: GuideDocument, text: str) -> None:
        [key] = document.values["f_meaning"]
        gathered = self._meanings.get(key)
        if gathered is None:
            gathered = self._meanings[key] = _Gathered(document.guide.service, text)
        for facet in MEANING_FACETS:
            gathered.facets.setdefault(facet, set()).update(document.values[facet])

    def table(self) -> MeaningTable:
        keys = list(self._meanings)
        rows = [MeaningRow(key, self._meanings[key].service, self._meanings[key].text,
                           {facet: tuple(sorted(values)) for facet, values in self._meanings[key].facets.items()})
                for key in keys]
        return MeaningTable(self.vectors.model, rows, self.vectors.of([row.text for row in rows]))
