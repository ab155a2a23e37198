"""The one analysis chain, used when guides are indexed and when queries are parsed.

normalise → segment. Normalisation is Unicode NFKC (full-width → half-width), OpenCC
traditional → simplified, lower case and collapsed white space, so 公積金 and ＧＪＪ meet
the same terms as 公积金 and gjj.

Segmentation is jieba's algorithm and dictionary format through rjieba (jieba-rs), which
cuts about 20 times faster than pure-Python jieba and gives the same words for the domain
dictionary (``tests/test_analysis.py`` holds the two to agreement). The domain user
dictionary under ``synonyms/`` keeps terms such as 公积金 and 居民身份证 whole.

Index side: like jieba's search mode, each word is followed by the dictionary words inside
it (居民身份证 → 居民身份证, 身份证, 居民, 身份), so a query for a part still finds the whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc
import rjieba

from synonyms import Dictionaries

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]")  # one character at a time, so offsets stay put
MAX_SPLIT_WORD = 16  # longer words are rare HMM guesses, not dictionary compounds
TEXTS_CACHED = 20_000  # normalised and analysed texts kept: a catalogue's repeated names, conditions, materials


def has_hanzi(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def exact_key(normalized: str) -> str:
    """The letters, digits and hanzi of normalised text: 住房公积金提取(购房) → 住房公积金提取购房."""
    return "".join(ch for ch in normalized if ch.isalnum())


class Analyzer:
    """Normalises and segments text the same way for indexes and queries."""

    def __init__(self, dictionaries: Dictionaries):
        self.dictionaries = dictionaries
        self._jieba = rjieba.Jieba()
        self._t2s = opencc.OpenCC("t2s")
        # The copies of one service in a hundred localities repeat its name, keywords, conditions
        # and materials word for word: a load analyses each such text once.
        self.normalize = lru_cache(maxsize=TEXTS_CACHED)(self._normalize)
        self.index_terms = lru_cache(maxsize=TEXTS_CACHED)(self._index_terms)
        for entry in dictionaries.user_words:
            # Text is normalised before it is cut, so the dictionary's words must be too (卡拉OK → 卡拉ok).
            self._jieba.add_word(self.normalize(entry.word), entry.freq, entry.tag)
        for phrases in dictionaries.aspects.values():
            # The phrases that ask for a fact (去哪, 线上) are words too, so a question is cut at their
            # edges (去哪开 → 去哪 / 开, not 去 / 哪开) and they are found whole.
            for phrase in phrases:
                self._jieba.add_word(self.normalize(phrase.rstrip("$?")), None, None)
        self.sub_words = lru_cache(maxsize=100_000)(self._sub_words)

    def _normalize(self, text: str) -> str:
        text = unicodedata.normalize("NFKC", text)
        text = self._t2s.convert(text).lower()
        return _SPACES.sub(" ", text).strip()

    def _index_terms(self, text: str) -> tuple[str, ...]:
        """Terms of a piece of guide text: each word followed by the dictionary words inside it."""
        terms = []
        for word in self.words(self.normalize(text)):
            terms.append(word)
            if len(word) > 2:  # shorter words hold no sub-words; skip the call on the hot path
                terms.extend(self.sub_words(word))
        return tuple(terms)

    def words(self, normalized: str) -> list[str]:
        """The coarse words of already normalised text, punctuation and spaces left out."""
        return [token for token in self._jieba.cut(_NOT_WORD.sub(" ", normalized)) if not token.isspace()]

    def tokens(self, normalized: str) -> list[Token]:
        """Like ``words``, with each word's place in ``normalized``."""
        tokens, offset = [], 0
        for piece in self._jieba.cut(_NOT_WORD.sub(" ", normalized)):
            if not piece.isspace():
                tokens.append(Token(piece, offset, offset + len(piece)))
            offset += len(piece)
        return tokens

    def is_dictionary_word(self, text: str) -> bool:
        return self._jieba.has_word(text)

    def _sub_words(self, word: str) -> tuple[str, ...]:
        """Dictionary words inside ``word``, longest first: 最低生活保障 → 生活保障, 最低, 生活, 保障.

        Like jieba's search mode, but every length, so a four-character part of a
        six-character term is found too.
        """
        if len(word) < 3 or len(word) > MAX_SPLIT_WORD or not has_hanzi(word):
            return ()
        found = []
        for length in range(len(word) - 1, 1, -1):
            for start in range(len(word) - length + 1):
                part = word[start : start + length]
                if self._jieba.has_word(part) and part not in found:
                    found.append(part)
        return tuple(found)

