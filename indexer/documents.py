"""Building the engine document of a guide: which guide keys feed which searchable field."""

from __future__ import annotations

from search.analysis import Analyzer, exact_key
from search.models import FACET_KEYS, GuideDocument

MAX_SUGGEST_PREFIX = 24  # characters; longer prefixes are not typed into a search box


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
    return GuideDocument(
        code=guide["code"],
        name=guide["name"],
        exact_name=name_key,
        terms={field: analyzer.index_terms(" ".join(filter(None, parts))) for field, parts in texts.items()},
        facets={facet: _values(guide.get(key)) for facet, key in FACET_KEYS.items()},
        suggest_keys=suggest_keys(name_key, analyzer),
        source=guide,
    )


def suggest_keys(name_key: str, analyzer: Analyzer) -> list[str]:
    """Prefixes of the name from the start of each word and sub-word in it.

    住房公积金提取 → 住, 住房, … 公, 公积, 公积金, 公积金提 … 提, 提取: typing 公积金提 finds it.
    """
    starts, offset = set(), 0
    for word in analyzer.words(name_key):
        offset = name_key.find(word, offset)
        starts.add(offset)
        starts.update(offset + word.find(sub) for sub in analyzer.sub_words(word))
        offset += len(word)
    keys = []
    for start in sorted(starts):
        tail = name_key[start : start + MAX_SUGGEST_PREFIX]
        keys.extend(tail[:end] for end in range(1, len(tail) + 1))
    return list(dict.fromkeys(keys))


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
