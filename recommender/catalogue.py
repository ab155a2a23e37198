"""The service catalogue as the recommender sees it: services, not regional copies.

The same service (住房公积金提取) is published by many regions under different codes. The
recommender learns and reasons about services, keyed by their basic code (else their
normalised name and audience, ``search.services``), so what citizens do in one district
teaches about all of them; only at the end does it pick the copy that serves the user's own
region (``search.regions``: their district's, else their city's or province's).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from search import regions
from search.guide import Guide


@dataclass
class Service:
    key: str
    name: str
    audience: set[str] = field(default_factory=set)
    life_events: set[str] = field(default_factory=set)
    copies: dict[str, str] = field(default_factory=dict)  # canonical region (全国 when none) → code
    text: str = ""  # name, keywords, summary: what the business-scope match reads
    sensitive: bool = False  # about a death, a cancellation or a loss: never pushed for popularity
    yearly: bool = False  # done again every year (个税汇算, 年报): pushed again a year after it was done


class Catalogue:
    def __init__(self, guides: Iterable[Guide]):
        self.services: dict[str, Service] = {}
        self.service_of_code: dict[str, str] = {}
        self.by_life_event: dict[str, list[str]] = defaultdict(list)
        for guide in guides:
            key = guide.service
            service = self.services.setdefault(key, Service(key, guide.name))
            service.audience.update(guide.audience)
            service.life_events.update(guide.life_events)
            service.copies.setdefault(regions.canonical(guide.region), guide.code)
            service.sensitive = service.sensitive or guide.traits.sensitive
            service.yearly = service.yearly or guide.traits.yearly
            if not service.text:
                service.text = " ".join([guide.name, *guide.keywords, guide.summary])
            self.service_of_code[guide.code] = key
        for key, service in self.services.items():
            for event in service.life_events:
                self.by_life_event[event].append(key)
        self._named: dict[re.Pattern, list[str]] = {}

    def named(self, pattern: re.Pattern) -> list[str]:
        """Services whose name matches (remembered: rules ask the same on every feed call)."""
        if pattern not in self._named:
            self._named[pattern] = [key for key, s in self.services.items() if pattern.search(s.name)]
        return self._named[pattern]

    def service_for(self, code: str | None) -> str | None:
        return self.service_of_code.get(code) if code else None

    def copy_for(self, key: str, region: str | None) -> str | None:
        """The code of the copy that serves ``region``: its own, else its city's or province's.

        A copy published for another place serves nobody here, so there is none. Without a
        region, any copy will do.
        """
        copies = self.services[key].copies
        if not region:
            return next(iter(copies.values()), None)
        return next((copies[node] for node in regions.lineage(region) if node in copies), None)

    def serves(self, key: str, kind: str | None, region: str | None) -> bool:
        service = self.services.get(key)
        if service is None:
            return False
        return (not kind or kind in service.audience) and self.copy_for(key, region) is not None
