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

from recommender.links import Links
from search import regions
from search.guide import Guide
from search.variants import ENTRY, PLAIN


@dataclass
class Service:
    key: str
    name: str
    audience: set[str] = field(default_factory=set)
    life_events: set[str] = field(default_factory=set)
    copies: dict[str, str] = field(default_factory=dict)  # canonical region (全国 when none) → code
    text: str = ""  # name, keywords, summary: what the business-scope match reads
    sensitive: bool = False  # a death, a cancellation, a loss, hardship, disability: pushed only on own steps
    yearly: bool = False  # done again every year (个税汇算, 年报): pushed again a year after it was done
    first_step: bool = True  # not a 变更, 注销 or 补领 of something done before
    themes: set[str] = field(default_factory=set)
    keywords: tuple[str, ...] = ()
    summary: str = ""
    materials: set[str] = field(default_factory=set)  # the names of the required materials of its copies
    conditions: str = ""


class Catalogue:
    def __init__(self, guides: Iterable[Guide]):
        self.services: dict[str, Service] = {}
        self.service_of_code: dict[str, str] = {}
        self.region_of_code: dict[str, str] = {}
        self.by_life_event: dict[str, list[str]] = defaultdict(list)
        for guide in guides:
            key = guide.service
            service = self.services.setdefault(key, Service(key, guide.name))
            service.audience.update(guide.audience)
            service.life_events.update(guide.life_events)
            region = regions.canonical(guide.region)
            service.copies.setdefault(region, guide.code)
            self.region_of_code[guide.code] = region
            service.sensitive = service.sensitive or guide.traits.sensitive
            service.yearly = service.yearly or guide.traits.yearly
            service.themes.update(guide.themes)
            service.materials.update(m["name"] for m in guide.materials if m.get("required", True) and m.get("name"))
            if not service.text:
                service.first_step = bool({ENTRY, PLAIN} & set(guide.traits.variants))
                service.keywords, service.summary, service.conditions = guide.keywords, guide.summary, guide.conditions
                service.text = " ".join([guide.name, *guide.keywords, guide.summary])
            self.service_of_code[guide.code] = key
        for key, service in self.services.items():
            for event in service.life_events:
                self.by_life_event[event].append(key)
        self._named: dict[re.Pattern, list[str]] = {}
        self.links = Links(self)
        self.stages = {event: self.links.stages(keys) for event, keys in self.by_life_event.items()}

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

    def copy_serves(self, code: str | None, kind: str | None, region: str | None) -> bool:
        """Whether the copy ``code`` is one a person of this audience and locality would use."""
        key = self.service_for(code)
        if key is None or (kind and kind not in self.services[key].audience):
            return False
        return not region or self.region_of_code[code] in regions.lineage(region)

    def serves(self, key: str, kind: str | None, region: str | None) -> bool:
        service = self.services.get(key)
        if service is None:
            return False
        return (not kind or kind in service.audience) and self.copy_for(key, region) is not None
