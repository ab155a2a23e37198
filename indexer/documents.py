"""Building the engine document of a guide: which guide keys feed which searchable field."""

from __future__ import annotations

from functools import lru_cache

from search import regions
from search.analysis import Analyzer, exact_key
from search.models import GuideDocument
from search.pinyin import syllables
from search.query import bigrams
from search.schema import FACET_KEYS, NGRAM_FIELD
from search.services import service_key
from search.variants import StepWords

MAX_SUGGEST_PREFIX = 24  # characters (or pinyin letters); longer prefixes are not typed into a search box


def build_guide_document(guide: dict, analyzer: Analyzer) -> GuideDocument:
    name_key = exact_key(analyzer.normalize(guide["name"]))
    texts = {
        "name": [guide["name"]],
        "keywords": guide.get("keywords") or [],
        "taxonomy": [*(guide.get("themes") or []), *(guide.get("life_events") or []), guide.get("item_type") or ""],
        "department": [guide["department"]],
        "summary": [guide.get("summary") or ""],
        "conditions": [guide.get("conditions") or ""],
        "materials": [m.get("name") or "" for m in guide.get("materials") or []],
        "body": _body_texts(guide),
    }
    terms = {field: analyzer.index_terms(" ".join(filter(None, parts))) for field, parts in texts.items()}
    keyword_keys = [exact_key(analyzer.normalize(keyword)) for keyword in texts["keywords"]]
    terms[NGRAM_FIELD] = [gram for key in [name_key, *keyword_keys] for gram in bigrams(key)]
    head_keys, suggest_keys = _suggest_keys(name_key, analyzer)
    return GuideDocument(
        code=guide["code"],
        name=guide["name"],
        exact_name=name_key,
        exact_keywords=keyword_keys,
        terms=terms,
        facets=_facets(guide, name_key, analyzer),
        suggest_keys=suggest_keys,
        suggest_head_keys=head_keys,
        source=guide,
    )


def _facets(guide: dict, name_key: str, analyzer: Analyzer) -> dict[str, list[str]]:
    facets = {facet: _values(guide.get(key)) for facet, key in FACET_KEYS.items()}
    facets.update(
        service=[service_key(guide, name_key)],
        parent=_values(guide.get("parent_code")),
        variant=step_words(analyzer).of_guide(name_key, guide.get("audience")),
        within=regions.lineage(guide.get("region")),
        locality=[regions.canonical(guide.get("region"))],
    )
    return facets


@lru_cache(maxsize=8)
def step_words(analyzer: Analyzer) -> StepWords:
    return StepWords.of(analyzer)


def _suggest_keys(name_key: str, analyzer: Analyzer) -> tuple[list[str], list[str]]:
    head, anywhere = _cached_suggest_keys(name_key, analyzer)
    return list(head), list(anywhere)


@lru_cache(maxsize=50_000)  # names repeat across regions; their keys need computing once
def _cached_suggest_keys(name_key: str, analyzer: Analyzer) -> tuple[tuple[str, ...], tuple[str, ...]]:
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


def _body_texts(guide: dict) -> list[str]:
    parts = list(guide.get("basis") or [])
    for step in guide.get("procedure") or []:
        parts += [step.get("name") or "", step.get("description") or ""]
    for entry in guide.get("faq") or []:
        parts += [entry.get("q") or "", entry.get("a") or ""]
    parts.append(guide.get("location") or "")
    return [str(part) for part in parts]


def _values(value) -> list[str]:
    if value is None or value == "":
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]
