"""What a guide means, as the encoder reads it: the text its copies share, encoded once.

Copies of one service in a hundred localities differ in place names, departments and
addresses; what they mean does not. So the text encoded for a guide is what the copies share
— its name, its keywords and the start of its summary, with the names of its own locality
taken out — and each distinct (service, text) pair is one *meaning*: encoded once, kept once
per index with the facet values of its copies, and found by the nearest-neighbour search.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from search import regions
from search.encoder import DIMENSIONS, text_key
from search.guide import Guide

if TYPE_CHECKING:
    from search.encoder import Encoder
    from search.stores.sqlite_vectors import SqliteVectorCache

SUMMARY_CHARS = 120  # of the summary, after the name and keywords (the model reads 512 tokens at most)


def meaning_text(guide: Guide) -> str:
    """The text encoded for ``guide``: name, keywords, the summary's start, without local names."""
    return _meaning_text(guide.name, guide.keywords, guide.summary, guide.region)


@lru_cache(maxsize=4_096)  # asked twice per guide as it is indexed (its field, its meaning's text)
def _meaning_text(name: str, keywords: tuple[str, ...], summary: str, region: str | None) -> str:
    summary = _without_local_names(summary, region)[:SUMMARY_CHARS]
    return "；".join(part for part in (name, "、".join(keywords), summary) if part)


def meaning_key(guide: Guide, text: str | None = None) -> str:
    """The meaning a guide belongs to: its service and its meaning text."""
    text = meaning_text(guide) if text is None else text
    return hashlib.blake2b(f"{guide.service}\n{text}".encode(), digest_size=12).hexdigest()


def _without_local_names(text: str, region: str | None) -> str:
    """``text`` with each level of ``region`` taken out, in full and short form (杭州市, 杭州)."""
    names = {form for level in regions.parse(region) for form in (level, regions.short_name(level))}
    if not names or not text:
        return text
    return re.sub("|".join(map(re.escape, sorted(names, key=len, reverse=True))), "", text)


class MeaningVectors:
    """Vectors of meaning texts by one model: from the cache when encoded before, else encoded
    now (and kept in the cache)."""

    def __init__(self, encoder: "Encoder", cache: "SqliteVectorCache"):
        self.encoder = encoder
        self.cache = cache

    @property
    def model(self) -> str:
        return self.encoder.identity

    def of(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(self.model, text) for text in texts]
        known = self.cache.get_many(keys)
        missing = [text for key, text in zip(keys, texts) if key not in known]
        if missing:
            encoded = dict(zip((text_key(self.model, text) for text in missing), self.encoder.encode(missing)))
            self.cache.put_many(encoded)
            known.update(encoded)
        return np.vstack([known[key] for key in keys]) if keys else np.zeros((0, DIMENSIONS), dtype=np.float32)
