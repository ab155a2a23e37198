"""The services of a load (``search.models.ServiceDocument``): gathered as copies are indexed.

Retrieval ranks services, not copies: each service's document holds the distinct values of every
field over its copies (the union of their words, keywords and facet values). A plain load merges
its copies into the live index's documents of the services it touches; a ``--replace`` builds
them from its own copies alone. The engine counts each touched service's copies and finds its
representative (the lowest code) on commit, from the copies it then holds.
"""

from __future__ import annotations

from search.models import GuideDocument, ServiceDocument
from search.schema import FIELDS

STORED_ONLY = frozenset(f.name for f in FIELDS if f.kind == "stored")


class ServiceCollector:
    def __init__(self):
        self._values: dict[str, dict[str, dict[str, None]]] = {}  # service → field → values, in first-seen order
        self._representative: dict[str, GuideDocument] = {}
        self._codes: dict[str, set[str]] = {}
        self._touched: dict[str, None] = {}  # every service a copy of which was loaded or withdrawn

    def touch(self, service: str) -> None:
        self._touched[service] = None

    def add(self, document: GuideDocument) -> None:
        service = document.guide.service
        self.touch(service)
        fields = self._values.setdefault(service, {})
        for name, values in document.values.items():
            if name not in STORED_ONLY:
                fields.setdefault(name, {}).update(dict.fromkeys(values))
        kept = self._representative.get(service)
        if kept is None or document.code < kept.code:
            self._representative[service] = document
        self._codes.setdefault(service, set()).add(document.code)

    def without(self, codes: set[str]) -> dict[str, set[str]]:
        """Forget the copies ``codes`` (the engine refused them) with every other copy of their
        services, which the caller adds again; returns each such service's other copies."""
        again: dict[str, set[str]] = {}
        for service, held in self._codes.items():
            if held & codes:
                again[service] = held - codes
        for service in again:
            del self._values[service], self._representative[service], self._codes[service]
        return again

    def documents(self, live: dict[str, ServiceDocument]) -> list[ServiceDocument]:
        """The services gathered, each merged with its live document (a plain load) when it has one;
        a service only withdrawn from keeps its live document (to be counted again)."""
        documents = [document for service, document in live.items() if service not in self._values]
        for service, fields in self._values.items():
            before = live.get(service)
            if before is not None:
                for name, values in before.values.items():
                    fields.setdefault(name, {}).update(dict.fromkeys(values))
            representative = self._representative[service]
            values = {name: list(fields.get(name, ())) for name in (f.name for f in FIELDS)}
            values.update((name, list(representative.values[name])) for name in STORED_ONLY)
            documents.append(ServiceDocument(service, values, representative.guide, len(self._codes[service])))
        return documents

    @property
    def touched(self) -> list[str]:
        return list(self._touched)
