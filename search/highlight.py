"""Highlighting matched terms in guide names and snippets.

Done here, from the parsed query, rather than by an engine, so both backends highlight
alike. Text is HTML-escaped before ``<em>`` tags are added: the portal may insert the
result as HTML, and a guide's text must never become markup (XSS).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

SNIPPET_CHARS = 96
SNIPPET_LEAD = 24  # characters of context shown before the first match


@lru_cache(maxsize=65_536)
def _folded(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def _normalized_with_offsets(text: str) -> tuple[str, "list[int] | range"]:
    """Text folded like the analysis chain (width, case) and each folded char's original index."""
    pieces = list(map(_folded, text))
    folded = "".join(pieces)
    if len(folded) == len(pieces) and "" not in pieces:
        return folded, range(len(text))  # every char folded to one: the indexes are the same
    offsets = [index for index, piece in enumerate(pieces) for _ in piece]
    return folded, offsets


def _matches(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    """Spans of ``text`` (original indexes) where query terms occur, touching spans merged."""
    if pattern is None or not text:
        return []
    folded, offsets = _normalized_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded):
        left, right = offsets[match.start()], offsets[match.end() - 1] + 1
        if spans and spans[-1][1] == left:
            left = spans.pop()[0]
        spans.append((left, right))
    return spans


def term_pattern(terms: list[str]) -> re.Pattern | None:
    unique = sorted({t for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, unique))) if unique else None


def mark(text: str, pattern: re.Pattern | None, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` escaped, with every match wrapped in ``<em>``."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for left, right in _matches(text, pattern):
        if left < cursor or right > end:
            continue
        out += [html.escape(text[cursor:left]), "<em>", html.escape(text[left:right]), "</em>"]
        cursor = right
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def snippet(texts: list[str], pattern: re.Pattern | None) -> str:
    """A short window of the first text that mentions a query term (else the start of the first)."""
    texts = [t for t in texts if t]
    if not texts:
        return ""
    for text in texts:
        found = _matches(text, pattern)
        if found:
            start = max(0, found[0][0] - SNIPPET_LEAD)
            return _window(text, pattern, start)
    return _window(texts[0], None, 0)


def _window(text: str, pattern, start: int) -> str:
    end = min(len(text), start + SNIPPET_CHARS)
    body = mark(text, pattern, start, end)
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
