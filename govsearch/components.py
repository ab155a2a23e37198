"""Wiring: the long-lived parts of the service, built once from the settings.

The API's app factory and the command line both build their parts here, so a part is
configured the same way wherever it runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from govsearch.settings import Settings
from search.analysis import Analyzer
from search.engine import GuideEngine, open_guide_engine
from search.service import SearchService
from synonyms import load_dictionaries


@dataclass
class Components:
    settings: Settings
    analyzer: Analyzer
    guides: GuideEngine
    search: SearchService


def build_analyzer() -> Analyzer:
    return Analyzer(load_dictionaries())


def build_components(settings: Settings) -> Components:
    analyzer = build_analyzer()
    guides = open_guide_engine(settings)
    return Components(settings, analyzer, guides, SearchService(guides, analyzer))
