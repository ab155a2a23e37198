"""From a validated record to what the engines index: the typed guide, then its document.

``read_guide`` reads a record once with the dictionaries (its service, its variant, whether it
recurs yearly); ``build_guide_document`` analyses each field of ``search.schema.FIELDS`` as the
table says, so which guide keys feed which searchable field is declared there, not here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from search.analysis import Analyzer, exact_key
from search.guide import Guide
from search.models import GuideDocument
from search.pinyin import syllables
from search.query import bigrams
from search.schema import EXACT, FIELDS, HEAD_PREFIXES, PAIRS, PREFIXES, TERMS, VALUES
from search.services import service_key
from search.variants import StepWords

MAX_SUGGEST_PREFIX = 24  # characters (or pinyin letters); longer prefixes are not typed into a search box


def read_guide(record: dict, analyzer: Analyzer) -> Guide:
    """The typed guide of a validated record, with what the dictionaries say of it."""
    name_key = _key(record["name"], analyzer)
    traits = step_words(analyzer).traits(name_key, record.get("audience"), service_key(record, name_key))
    return Guide.from_record(record, traits)


def build_guide_document(guide: Guide, analyzer: Analyzer) -> GuideDocument:
    values = {}
    for field in FIELDS:
        texts = [text for text in field.source(guide) if text]
        values[field.name] = ANALYSES[field.analysis](texts, analyzer)
    return GuideDocument(guide, values)


def _terms(texts: list[str], analyzer: Analyzer) -> list[str]:
    return analyzer.index_terms(" ".join(texts))


def _exact(texts: list[str], analyzer: Analyzer) -> list[str]:
    return [_key(text, analyzer) for text in texts]


def _pairs(texts: list[str], analyzer: Analyzer) -> list[str]:
    return [gram for key in _exact(texts, analyzer) for gram in bigrams(key)]


def _prefixes(texts: list[str], analyzer: Analyzer) -> list[str]:
    return [prefix for key in _exact(texts, analyzer) for prefix in _suggest_keys(key, analyzer)[1]]


def _head_prefixes(texts: list[str], analyzer: Analyzer) -> list[str]:
    return [prefix for key in _exact(texts, analyzer) for prefix in _suggest_keys(key, analyzer)[0]]


ANALYSES: dict[str, Callable[[list[str], Analyzer], list[str]]] = {
    TERMS: _terms, EXACT: _exact, PAIRS: _pairs, PREFIXES: _prefixes, HEAD_PREFIXES: _head_prefixes,
    VALUES: lambda texts, analyzer: [str(text) for text in texts],
}


def _key(text: str, analyzer: Analyzer) -> str:
    return exact_key(analyzer.normalize(text))


@lru_cache(maxsize=8)
def step_words(analyzer: Analyzer) -> StepWords:
    return StepWords.of(analyzer)


@lru_cache(maxsize=50_000)  # names repeat across regions; their keys need computing once
def _suggest_keys(name_key: str, analyzer: Analyzer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Prefixes of the name, in hanzi, pinyin and initials: from its start, and from each word in it.

    住房公积金提取 → 住, 住房 … 公积金提 …, zhufang …, gongjijinti …, gjjtq …: typing 公积金提,
    gongji or gjj finds it.
    """
    sounds = syllables(name_key)
    keys: dict[int, list[str]] = {}
    for start in _word_starts(name_key, analyzer):
        keys[start] = []
        for tail in (name_key[start:], "".join(sounds[start:]), "".join(s[:1] for s in sounds[start:])):
            tail = tail[:MAX_SUGGEST_PREFIX]
            keys[start].extend(tail[:end] for end in range(1, len(tail) + 1))
    anywhere = [key for start_keys in keys.values() for key in start_keys]
    return tuple(dict.fromkeys(keys.get(0, []))), tuple(dict.fromkeys(anywhere))


def _word_starts(name_key: str, analyzer: Analyzer) -> list[int]:
    """Where each word and sub-word of the name begins."""
    starts, offset = set(), 0
    for word in analyzer.words(name_key):
        offset = name_key.find(word, offset)
        starts.add(offset)
        starts.update(offset + word.find(sub) for sub in analyzer.sub_words(word))
        offset += len(word)
    return sorted(starts)
