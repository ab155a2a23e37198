"""Pinyin: typing Chinese without a Chinese input method, and the typos an IME makes.

``PinyinLexicon`` knows how the catalogue's words sound. It rewrites what a citizen typed
into the words they meant before the query is analysed:

- full pinyin, with or without spaces: ``gongjijin tiqu`` → 公积金提取;
- initials: ``gjj`` → 公积金, ``wfzjl`` → 无犯罪记录; mixed with hanzi: ``canji人证`` → 残疾人证;
- homophone typos from a pinyin IME: 公基金 → 公积金, 身分证 → 身份证, 结昏 → 结婚, and
  near-homophones (zh/z, ch/c, sh/s, n/l, an/ang, en/eng, in/ing): 交通违发 → 交通违法.

A typo is corrected only where the query's own words are weak: a run of characters that
is not a known word, or that splits no known word, and whose sound is a catalogue word.
So 申请结婚 is never rewritten through 请结, and a real word like 宠物 stays as typed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Container

from pypinyin import Style, lazy_pinyin

MAX_WORD_CHARS = 8
WORD_COST = 5.0  # per word of a pinyin reading: fewer, longer words are the likelier reading
UNEXPLAINED_LETTER_COST = 3.0
_LATIN_RUN = re.compile(r"[a-z]+(?: [a-z]+)*")
_HANZI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_FUZZY_FINALS = (("iang", "ian"), ("uang", "uan"), ("ang", "an"), ("eng", "en"), ("ing", "in"))


@lru_cache(maxsize=200_000)
def syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin of each character (ü written v, as pinyin keyboards do)."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: list(chars)))


def fuzzy(syllable: str) -> str:
    """The syllable with the distinctions IME users often miss folded away."""
    syllable = syllable.replace("v", "u")
    for strict, loose in _FUZZY_INITIALS:
        if syllable.startswith(strict):
            syllable = loose + syllable[len(strict) :]
            break
    for strict, loose in _FUZZY_FINALS:
        if syllable.endswith(strict):
            return syllable[: -len(strict)] + loose
    return syllable


@dataclass(frozen=True)
class Rewrite:
    text: str
    changed: bool


class PinyinLexicon:
    """How the catalogue's words sound, for rewriting pinyin input and homophone typos.

    ``words`` maps each word to a weight (how much the catalogue uses it);
    ``is_known_word`` tells whether a run of hanzi is a real word as typed.
    """

    def __init__(self, words: dict[str, float], is_known_word: Callable[[str], bool]):
        self.is_known_word = is_known_word
        self._by_spelling: dict[str, tuple[str, float]] = {}  # "gongjijin" or "gjj" → best word
        self._by_sound: dict[tuple[str, ...], tuple[str, float]] = {}
        self._by_fuzzy_sound: dict[tuple[str, ...], tuple[str, float]] = {}
        for word, weight in words.items():
            if 2 <= len(word) <= MAX_WORD_CHARS and _HANZI_RUN.fullmatch(word):
                self._add(word, weight)

    def _add(self, word: str, weight: float) -> None:
        sound = syllables(word)
        score = math.log1p(weight) + 0.5 * len(word)
        _keep_best(self._by_sound, sound, word, score)
        _keep_best(self._by_fuzzy_sound, tuple(map(fuzzy, sound)), word, score)
        _keep_best(self._by_spelling, "".join(sound), word, score)
        _keep_best(self._by_spelling, "".join(s[0] for s in sound), word, score - 1.0)

    def rewrite(self, normalized: str, corpus_terms: Container[str] = frozenset()) -> Rewrite:
        """``normalized`` with pinyin turned into hanzi and homophone typos corrected; Latin
        words the index holds (``corpus_terms``, e.g. ``ca``, ``wifi``) stay as typed."""
        text = _LATIN_RUN.sub(lambda m: self._hanzi_for_latin(m.group(), corpus_terms), normalized)
        text = _HANZI_RUN.sub(lambda m: self._corrected(m.group()), text)
        # Pinyin written beside hanzi (canji人证) becomes one run of hanzi (残疾人证).
        text = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text) if text != normalized else text
        return Rewrite(text, text != normalized)

    # -- pinyin input ----------------------------------------------------------------

    def _hanzi_for_latin(self, run: str, keep: Container[str]) -> str:
        """Cover the letters with words' pinyin or initials; keep them as typed if that mostly fails."""
        if run in keep or any(part in keep for part in run.split()):
            return run
        letters = run.replace(" ", "")
        # best[i]: (score, pieces) covering letters[:i]; fewer, better-known words win, and
        # a letter no word explains is kept as typed at a cost.
        best: list[tuple[float, list[str]]] = [(0.0, [])] + [(-math.inf, [])] * len(letters)
        for end in range(1, len(letters) + 1):
            best[end] = (best[end - 1][0] - UNEXPLAINED_LETTER_COST, best[end - 1][1] + [letters[end - 1]])
            for start in range(max(0, end - 6 * MAX_WORD_CHARS), end):
                entry = self._by_spelling.get(letters[start:end])
                if entry and best[start][0] + entry[1] - WORD_COST > best[end][0]:
                    best[end] = (best[start][0] + entry[1] - WORD_COST, best[start][1] + [entry[0]])
        pieces = best[-1][1]
        unexplained = sum(1 for piece in pieces if piece.isascii())
        return run if unexplained * 2 > len(letters) else "".join(pieces)

    # -- homophone typos ---------------------------------------------------------------

    def _corrected(self, run: str) -> str:
        if len(run) < 2:
            return run
        strong = self._strong_spans(run)
        out, start = [], 0
        while start < len(run):
            found = self._correction_at(run, start, strong)
            if found:
                out.append(found)
                start += len(found)
            else:
                out.append(run[start])
                start += 1
        return "".join(out)

    def _correction_at(self, run: str, start: int, strong: list[tuple[int, int]]) -> str | None:
        """The catalogue word that sounds like ``run[start:end]`` for the longest fitting end."""
        sounds = syllables(run)
        for end in range(min(len(run), start + MAX_WORD_CHARS), start + 1, -1):
            window = run[start:end]
            if self.is_known_word(window) or not _weak_window(start, end, strong):
                continue
            sound = sounds[start:end]
            entry = self._by_sound.get(sound) or self._by_fuzzy_sound.get(tuple(map(fuzzy, sound)))
            if entry and entry[0] != window:
                return entry[0]
        return None

    def _strong_spans(self, run: str) -> list[tuple[int, int]]:
        """Spans of known words of two or more characters inside ``run`` (greedy, longest first)."""
        spans, start = [], 0
        while start < len(run):
            end = next((e for e in range(min(len(run), start + MAX_WORD_CHARS), start + 1, -1)
                        if self.is_known_word(run[start:e])), None)
            if end:
                spans.append((start, end))
                start = end
            else:
                start += 1
        return spans


def _weak_window(start: int, end: int, strong: list[tuple[int, int]]) -> bool:
    """A window may be corrected if it cuts through no known word and is not only known words."""
    covered = 0
    for left, right in strong:
        if left < end and start < right:
            if left < start or right > end:
                return False
            covered += right - left
    return covered < end - start


def _keep_best(table: dict, key, word: str, score: float) -> None:
    if key not in table or score > table[key][1]:
        table[key] = (word, score)
