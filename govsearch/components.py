"""Wiring: the long-lived parts of the service, built once from the settings.

The API's app factory and the command line both build their parts here, so a part is
configured the same way wherever it runs.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from govsearch.settings import Settings
from search.analysis import Analyzer
from search.engine import GuideEngine, open_guide_engine
from search.service import SearchService
from synonyms import dictionary_stamp, load_dictionaries

log = logging.getLogger(__name__)
RELOAD_CHECK_SECONDS = 5.0


@dataclass
class DictionaryReload:
    words: tuple[int, int]  # before, after
    synonym_rules: tuple[int, int]
    stop_phrases: tuple[int, int]


@dataclass
class Components:
    settings: Settings
    analyzer: Analyzer
    guides: GuideEngine
    search: SearchService
    dictionary_stamp: tuple = field(default=())
    _checked_at: float = 0.0

    def reload_dictionaries(self) -> DictionaryReload:
        """Load the dictionary files again and make queries use them; no restart needed.

        New user-dictionary words reach queries at once; guides indexed before still carry
        the old cuts until the next ``index guides --replace``.
        """
        before = self.analyzer.dictionaries
        self.dictionary_stamp = dictionary_stamp(self.settings.dictionary_dir)
        self.analyzer = build_analyzer(self.settings)
        self.search.use_dictionaries(self.analyzer)
        after = self.analyzer.dictionaries
        change = DictionaryReload(
            (len(before.user_words), len(after.user_words)),
            (len(before.synonym_rules), len(after.synonym_rules)),
            (len(before.stopwords), len(after.stopwords)),
        )
        log.info("dictionaries reloaded from %s: %s", self.settings.dictionary_dir, change)
        return change

    def reload_dictionaries_if_edited(self) -> None:
        """Cheap enough to call on every request: looks at the files at most every few seconds."""
        now = time.monotonic()
        if now - self._checked_at < RELOAD_CHECK_SECONDS:
            return
        self._checked_at = now
        if dictionary_stamp(self.settings.dictionary_dir) != self.dictionary_stamp:
            self.reload_dictionaries()


def build_analyzer(settings: Settings) -> Analyzer:
    return Analyzer(load_dictionaries(settings.dictionary_dir))


def build_components(settings: Settings) -> Components:
    stamp = dictionary_stamp(settings.dictionary_dir)
    analyzer = build_analyzer(settings)
    guides = open_guide_engine(settings)
    return Components(settings, analyzer, guides, SearchService(guides, analyzer), stamp)
