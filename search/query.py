"""Query understanding: from what a citizen typed to an engine-neutral query.

1. Normalise (width, case, traditional → simplified) and recognise case numbers, also
   pasted with their label (办件编号：…).
2. Take out a place the catalogue knows (南京公积金提取 → 南京, ``search.regions``); it
   becomes the query's locality.
3. Rewrite pinyin and homophone typos into the words meant (``search.pinyin``); the
   rewritten text is what the response may offer as ``did_you_mean``, and the query as
   typed is kept beside it (``as_typed``) in case the rewrite finds nothing better.
4. Cut into units: the longest run of words that is a synonym term or a stop phrase, else
   one word. Stop phrases (怎么办, 需要什么材料 …) are dropped.
5. Each unit becomes a ``Concept``: the unit itself, its synonyms, and its dictionary
   sub-words at a lower weight (居民身份证 still finds a guide that only says 身份证, but a
   guide with the whole word ranks first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from search.analysis import Analyzer, Token, exact_key, has_hanzi
from search.engine import GuideEngine
from search.expansion import SynonymExpander
from search.models import Alternative, Boost, Concept, Lexicon
from search.pinyin import PinyinLexicon, syllables
from search.ranking import (
    DICTIONARY_WORD_WEIGHT,
    DIRECTORY_NODE_BOOST,
    EXACT_KEYWORD_BOOST,
    EXACT_NAME_BOOST,
    OPTIONAL_WEIGHT,
    PERSONAL_VARIANT_BOOST,
    ENTRY_STEP_BOOST,
    SUB_WORD_WEIGHT,
    SUB_WORD_WEIGHT_UNKNOWN_WHOLE,
    SYNONYM_WEIGHT,
)
from search.regions import Gazetteer
from search.schema import DIRECTORY_FACETS, facet_field
from search.variants import ENTRY, PERSONAL, PLAIN, StepWords

MAX_UNIT_TOKENS = 6
_CASE_NUMBER = re.compile(r"[0-9a-z]{10,40}")
# What people paste around a case number: 办件编号：…, 受理编号: …, 查询进度.
_CASE_LABEL = re.compile(r"(办件|受理|申报|申请|业务|案件|信件|查询|流水|事项)?(编号|编码|号码|号|单号)|办件|进度|查询|请问|[:：,，。;；()（）\[\]【】#]")
_YES_NO = re.compile(r"(吗|么|呢|不|没|[?？])\s*$|[能可][不]?[能以]?")  # a yes/no question: …吗, 能不能, 可不可以
_LETTER_RUNS = re.compile(r"[a-z]+(?:['\s-]+[a-z]+)*")
VARIANT_BOOSTS = {ENTRY: ENTRY_STEP_BOOST, PLAIN: ENTRY_STEP_BOOST / 2, PERSONAL: PERSONAL_VARIANT_BOOST}


@dataclass
class ParsedQuery:
    text: str
    normalized: str
    intent: str  # "guide" or "case"
    concepts: list[Concept] = field(default_factory=list)
    boosts: list[Boost] = field(default_factory=list)  # 直达 names and keywords, directory nodes, variants
    did_you_mean: str | None = None
    ngrams: list[str] = field(default_factory=list)
    place: str | None = None  # the catalogue locality the query names
    case_no: str | None = None  # for intent "case": the number, without its label
    generic: frozenset[str] = frozenset()  # concepts too common to decide a relaxed match alone
    unknown: tuple[str, ...] = ()  # words of the query no guide has (狗证 before the dictionary knows it)
    as_typed: "ParsedQuery | None" = None  # when did_you_mean is set: the query without the rewrite
    meant: str = ""  # the words as read (normalised, a place taken out, a rewrite made): what is encoded
    aspect: str | None = None  # the fact asked for (fee, materials …; synonyms/aspects.txt), if any

    @property
    def terms(self) -> list[str]:
        """Every term the query may match, for highlighting."""
        return [term for concept in self.concepts for alt in concept.alternatives for term in alt.terms]


def looks_like_case_number(normalized: str) -> bool:
    """A long run of digits and letters without hanzi, like 4401062025110300017 or SQ2025-0001234."""
    return case_number(normalized) is not None


def case_number(normalized: str) -> str | None:
    """The case number in what was typed or pasted (办件编号：4401…, SQ2025-0001234), or None."""
    stripped = _CASE_LABEL.sub("", normalized)
    compact = re.sub(r"[\s\-_/]", "", stripped)
    if has_hanzi(compact) or not _CASE_NUMBER.fullmatch(compact):
        return None
    digits = sum(ch.isdigit() for ch in compact)
    if digits < 8 or digits / len(compact) < 0.6:
        return None
    return re.sub(r"\s+", "", stripped).upper()


def bigrams(key: str) -> list[str]:
    """Overlapping character pairs: the last-resort match for text the dictionary cannot cut."""
    return list(dict.fromkeys(key[i : i + 2] for i in range(len(key) - 1))) if len(key) > 1 else [key]


class QueryParser:
    """Parses queries against one state of the dictionaries and the index.

    ``vocabulary``: words of guide names, keywords and taxonomy (what people search for);
    ``naming``: those and the words of departments (what names a service or its office);
    ``corpus_terms``: every indexed word; ``directory``: normalised theme and life-event
    names → (facet, value).
    """

    def __init__(self, analyzer: Analyzer, expander: SynonymExpander, lexicon: PinyinLexicon | None = None,
                 corpus_terms: frozenset[str] = frozenset(), vocabulary: dict[str, int] | None = None,
                 directory: dict[str, tuple[str, str]] | None = None, gazetteer: Gazetteer | None = None,
                 steps: StepWords | None = None, naming: frozenset[str] = frozenset()):
        self.analyzer = analyzer
        self.expander = expander
        self.lexicon = lexicon
        self.corpus_terms = corpus_terms
        self.vocabulary = vocabulary or {}
        self.naming = naming
        self.directory = directory or {}
        self.gazetteer = gazetteer or Gazetteer({})
        self.steps = steps or StepWords.of(analyzer)
        # Words of a kind of act or paper (登记, 证明, 许可) and step words (补领, 注销) say too
        # little to decide a relaxed match alone: 狗证补领 must not answer 身份证补领.
        self.generic = frozenset(self.steps.generic + self.steps.entry + self.steps.later)
        self.stop_phrases = {exact_key(analyzer.normalize(p)) for p in analyzer.dictionaries.stopwords}
        self.asking = _asking_phrases(analyzer)
        self._longest = max(expander.longest, max(map(len, [*self.stop_phrases, *self.asking]), default=0))
        self._words = lru_cache(maxsize=50_000)(lambda text: tuple(analyzer.words(text)))

    def parse(self, text: str, near: str | None = None) -> ParsedQuery:
        """``near``: the person's locality, which settles a place name several localities share."""
        normalized = self.analyzer.normalize(text)
        number = case_number(normalized)
        if number:
            return ParsedQuery(text, normalized, "case", case_no=number)
        place, rest = self._place(normalized, near)
        rewritten = self.lexicon.rewrite(rest, self.corpus_terms) if self.lexicon and not self._english(rest) else None
        as_typed = self._parse_words(text, normalized, rest, place)
        if not rewritten or not rewritten.changed or _leaves_letters(rest, rewritten.text):
            return as_typed
        parsed = self._parse_words(text, normalized, rewritten.text, place)
        if re.search(r"[a-z]", rest) and parsed.unknown:
            return as_typed  # letters read as words no guide has (xyzzyqqq → 歇业执照养犬亲戚): a guess
        parsed.did_you_mean, parsed.as_typed = rewritten.text, as_typed
        return parsed

    def _english(self, normalized: str) -> bool:
        """Letters the dictionary knows as words (tax, passport, id card): English, never read as
        pinyin (tax is no t-an-x, and hk no 户口)."""
        for run in _LETTER_RUNS.findall(normalized):
            if exact_key(run) in self.expander or any(word in self.expander for word in run.split()):
                return True
        return False

    def _parse_words(self, text: str, normalized: str, meant: str, place: str | None) -> ParsedQuery:
        units, asked = self._units(meant)
        kept = "".join(units)
        typed = list(dict.fromkeys(k for k in (exact_key(meant), kept) if k))
        # A query that is one term standing for an item's name (准生证 → 生育登记) names it too.
        synonyms = self.expander.expand(units[0]) if len(units) == 1 else []
        nodes = [self.directory[name] for name in typed if name in self.directory]
        concepts = [self._concept(unit) for unit in dict.fromkeys(units)]
        if not any(c.required for c in concepts):  # nothing certain: let any of the words decide
            for concept in concepts:
                concept.required, concept.weight = True, 1.0
        boosts = [Boost("exact_name", tuple(dict.fromkeys(typed + synonyms)), EXACT_NAME_BOOST),
                  Boost("exact_keyword", tuple(typed), EXACT_KEYWORD_BOOST)]
        boosts += [Boost(facet_field(facet), (value,), DIRECTORY_NODE_BOOST) for facet, value in nodes]
        # The variant a query means when it does not say: read from what was typed, and from
        # what its words stand for (开饭店 → 食品经营许可 names no step either).
        said = exact_key(meant) + "".join(alt for c in concepts for a in c.alternatives for alt in a.terms)
        # Only among guides named after what was asked: a variant flag must not lift a guide
        # that merely mentions the words (居民身份证 among the materials of 参保登记).
        named = tuple(dict.fromkeys(t for c in concepts if c.required for a in c.alternatives if a.weight >= SYNONYM_WEIGHT
                                    for t in a.terms))
        boosts += [Boost(facet_field("variant"), (flag,), VARIANT_BOOSTS[flag], named)
                   for flag in self.steps.wanted(said) if named]
        return ParsedQuery(
            text,
            normalized,
            "guide",
            concepts=concepts,
            boosts=[boost for boost in boosts if boost.values],
            ngrams=bigrams(kept) if len(kept) > 1 else [],
            place=place,
            aspect=asked.aspect if asked else None,
            meant=(meant.replace(asked.phrase, " ", 1) if asked else meant) if has_hanzi(meant)
            else _in_catalogue_words(concepts) or meant,
            generic=frozenset(c.word for c in concepts if self._is_generic(c)),
            unknown=tuple(c.word for c in concepts if not c.required and has_hanzi(c.word)),
        )

    def _is_generic(self, concept: Concept) -> bool:
        """A word of a kind of act or step (登记, 补领), or one standing only for such words (丢了 → 补领, 挂失)."""
        if concept.word in self.generic:
            return True
        standing_for = [alt.terms for alt in concept.alternatives if alt.weight >= SYNONYM_WEIGHT]
        return bool(standing_for) and all(all(t in self.generic for t in terms) for terms in standing_for)

    def _place(self, normalized: str, near: str | None) -> tuple[str | None, str]:
        """The catalogue locality named in the query and the query without it.

        A place must be whole words of the query; a short form (杭州, 西湖) that is also a
        word of the catalogue's names or keywords is not taken for a place. The query keeps
        the word when nothing else would be left of it.
        """
        if not self.gazetteer:
            return None, normalized
        tokens = self.analyzer.tokens(normalized)
        starts = {token.start for token in tokens}
        ends = {token.end for token in tokens}
        for start in sorted(starts):
            for end in sorted((e for e in ends if e > start), reverse=True):
                name = normalized[start:end]
                if len(name) > self.gazetteer.longest or len(name) < 2:
                    continue
                if name not in self.gazetteer.names and name not in self.gazetteer.guides:
                    continue
                if name in self.gazetteer.short_names and exact_key(name) in self.vocabulary:
                    continue
                rest = (normalized[:start] + " " + normalized[end:]).strip()
                if not exact_key(rest):
                    return None, normalized
                return self.gazetteer.resolve(name, near), rest
        return None, normalized

    def _units(self, text: str) -> tuple[list[str], Asked | None]:
        """Words and multi-word synonym terms of ``text``, stop phrases left out, and the fact it
        asks for (``synonyms/aspects.txt``), whose phrase is left out too: it says what is asked,
        not which service."""
        tokens = self.analyzer.tokens(text)
        units: list[str] = []
        asked: list[Asked] = []
        dropped, i = False, 0
        while i < len(tokens):
            end, phrase = self._longest_phrase(text, tokens, i)
            if phrase in self.asking and self._asks(phrase, text, tokens, end):
                asked.append(Asked(self.asking[phrase][0], phrase, self.asking[phrase][1] != "$"))
            elif phrase in self.stop_phrases:
                dropped = True
            else:
                units.append(phrase)
            i = end
        if not units and (dropped or asked):  # only question words: search them as typed, ask nothing
            units, asked = [exact_key(token.text) for token in tokens], []
        # Of several, the last question phrase (窗口几点下班 asks the hours, not where the window is).
        asked.sort(key=lambda a: a.plain)
        words = [part for unit in units if unit for part in ([unit] if unit in self.expander else self._parts(unit))]
        return words, asked[-1] if asked else None

    def _asks(self, phrase: str, text: str, tokens: list[Token], end: int) -> bool:
        """Whether ``phrase`` asks here: a noun only at the end of the question, a time word only
        in a yes/no question."""
        kind = self.asking[phrase][1]
        if kind == "$":
            return _only_asking_after(self, text, tokens, end)
        return kind != "?" or bool(_YES_NO.search(text))

    def _parts(self, unit: str) -> list[str]:
        """A word no guide contains, cut into the dictionary words it is made of.

        养老保险关系转移 (one dictionary word) → 养老保险, 关系, 转移: each part then has to be
        found, instead of any one of them being enough.
        """
        if unit in self.corpus_terms or len(unit) < 3:
            return [unit]
        inside = set(self.analyzer.sub_words(unit))
        parts, start = [], 0
        while start < len(unit):
            end = next((e for e in range(len(unit), start + 1, -1) if unit[start:e] in inside), start + 1)
            parts.append(unit[start:end])
            start = end
        return parts if len(parts) > 1 else [unit]

    def _longest_phrase(self, text: str, tokens: list[Token], i: int) -> tuple[int, str]:
        """The longest run of tokens from ``i`` that is a synonym term or stop phrase, else one token."""
        for end in range(min(len(tokens), i + MAX_UNIT_TOKENS), i + 1, -1):
            phrase = exact_key(text[tokens[i].start : tokens[end - 1].end])
            if len(phrase) > self._longest:
                continue
            if phrase in self.expander or phrase in self.stop_phrases or phrase in self.asking:
                return end, phrase
        return i + 1, exact_key(tokens[i].text)

    def _concept(self, unit: str) -> Concept:
        synonyms = self.expander.expand(unit)
        # A one-way rule replaces a colloquial word, but never a word the guides themselves use.
        keep = self.expander.keeps_original(unit) or unit in self.vocabulary
        alternatives = [Alternative(self._terms(unit), 1.0)] if keep else []
        alternatives += [Alternative(self._terms(term), SYNONYM_WEIGHT) for term in synonyms]
        findable = any(self._findable(alt) for alt in alternatives)
        # Parts of the word are a fallback, unless nothing else of it can be found.
        sub_weight = SUB_WORD_WEIGHT if findable else SUB_WORD_WEIGHT_UNKNOWN_WHOLE
        alternatives += [Alternative((sub,), sub_weight) for sub in self.analyzer.sub_words(unit)]
        if findable and len(unit) > 1:
            return Concept(unit, alternatives)
        # A single character (领, 补, 还) or a word no guide has is too weak to keep a guide
        # out: it only adds a little to the score of the guides that have it.
        return Concept(unit, alternatives, required=False, weight=OPTIONAL_WEIGHT)

    def _findable(self, alternative: Alternative) -> bool:
        return all(term in self.corpus_terms for term in alternative.terms)

    def _terms(self, text: str) -> tuple[str, ...]:
        """The index terms a piece of query text must all match: its words, unknown ones cut into parts."""
        return tuple(part for word in (self._words(text) or (text,)) for part in self._parts(word))


class QueryUnderstanding:
    """What parsing needs from the dictionaries, built once per dictionary load.

    The parser itself also depends on the index (its pinyin lexicon holds the index's
    words), so it is rebuilt whenever the engine reports a new version.
    """

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer
        self.expander = SynonymExpander(analyzer.dictionaries.synonym_rules, analyzer)
        self.domain_words = _domain_words(analyzer)
        self.steps = StepWords.of(analyzer)
        self._parser: QueryParser | None = None
        self._version = None

    def parser(self, engine: GuideEngine) -> QueryParser:
        lexicon = engine.lexicon()
        if self._parser is None or lexicon.version != self._version:
            self._parser, self._version = self._build_parser(lexicon), lexicon.version
        return self._parser

    def caches(self) -> dict:
        """The LRU caches on the query path by name, for the metrics' hit and miss counts."""
        caches = {"sub_words": self.analyzer.sub_words, "pinyin": syllables}
        if self._parser is not None:
            caches["query_words"] = self._parser._words
        return caches

    def _build_parser(self, lexicon: Lexicon) -> QueryParser:
        """A parser whose pinyin lexicon holds the index's words and the domain dictionary's.

        Only those count as known words when looking for typos: a general-language word the
        catalogue never uses (身分证, 签出) is taken for an IME slip when it sounds like a
        catalogue word (身份证, 迁出).
        """
        weights: dict[str, float] = {term: float(count) for term, count in lexicon.vocabulary.items()}
        for word in self.domain_words:
            weights[word] = weights.get(word, 0.0) + DICTIONARY_WORD_WEIGHT
        pinyin = PinyinLexicon(weights, (lexicon.corpus | self.domain_words).__contains__)
        directory = {
            exact_key(self.analyzer.normalize(value)): (facet, value)
            for facet in DIRECTORY_FACETS
            for value in lexicon.directory.get(facet, ())
        }
        return QueryParser(self.analyzer, self.expander, pinyin, lexicon.corpus, lexicon.vocabulary, directory,
                           Gazetteer(lexicon.regions), self.steps, lexicon.naming)


@dataclass(frozen=True)
class Asked:
    aspect: str
    phrase: str  # as normalised in the query
    plain: bool  # a question phrase, not a noun that asks only at the end


def _asking_phrases(analyzer: Analyzer) -> dict[str, tuple[str, str]]:
    """Each phrase of ``synonyms/aspects.txt``, normalised → (aspect, its mark: "$" only at the
    end of the question, "?" only in a yes/no question, "" anywhere)."""
    phrases: dict[str, tuple[str, str]] = {}
    for aspect, written in analyzer.dictionaries.aspects.items():
        for phrase in written:
            mark = phrase[-1] if phrase[-1] in "$?" else ""
            phrases.setdefault(exact_key(analyzer.normalize(phrase.rstrip("$?"))), (aspect, mark))
    return phrases


def _only_asking_after(parser: "QueryParser", text: str, tokens: list[Token], start: int) -> bool:
    """Nothing but question words and stop phrases after token ``start`` (结婚登记地址 asks where;
    执照上的地址要改 does not)."""
    i = start
    while i < len(tokens):
        end, phrase = parser._longest_phrase(text, tokens, i)
        if phrase not in parser.stop_phrases and phrase not in parser.asking:
            return False
        i = end
    return True


def _in_catalogue_words(concepts: list[Concept]) -> str:
    """A query typed in letters (English) in the catalogue's words its dictionary gives, for the
    encoder, which reads Chinese: each word's first alternative in hanzi (passport → 护照)."""
    words = [next((" ".join(a.terms) for a in c.alternatives if has_hanzi("".join(a.terms))), "") for c in concepts]
    return " ".join(word for word in words if word)


def _leaves_letters(typed: str, rewritten: str) -> bool:
    """A rewrite of letters that leaves letters (xyzqwe → 歇业知青we) guessed, not understood."""
    return bool(re.search(r"[a-z]", typed)) and bool(re.search(r"[a-z]{2,}", rewritten))


def _domain_words(analyzer: Analyzer) -> frozenset[str]:
    """The user dictionary's words and every synonym term, normalised."""
    dictionaries = analyzer.dictionaries
    words = [w.word for w in dictionaries.user_words]
    words += [t for rule in dictionaries.synonym_rules for t in (*rule.terms, *rule.targets)]
    return frozenset(exact_key(analyzer.normalize(word)) for word in words)
