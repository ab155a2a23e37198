"""Domain dictionaries of the government-services catalogue and their loader.

The dictionaries are plain text files that operators edit (jieba's own formats), kept
beside this module:

- ``userdict.txt``  jieba user dictionary, ``word freq tag`` a line: domain terms that must
  stay whole when segmenting (公积金, 居民身份证, 个体工商户 …).
- ``synonyms.txt``  synonym groups in the Solr / Elasticsearch synonym file syntax
  (``a, b, c`` equivalent; ``a, b => c`` one way; ``#`` comments), so the same file can
  feed Elasticsearch's ``synonym_graph`` filter.
- ``stopwords.txt`` question phrasing and filler dropped from queries (怎么办, 在哪里办 …).
- ``blocklist.txt`` terms operators never want shown among hot searches (one a line).
- ``steps.txt``     step words (entry: 设立, 新办 …; later: 变更, 注销 …) and employer words
  (单位, 企业 …): which variant of a service a query without a step means.
- ``aspects.txt``   the ways people ask for one fact of a guide (多少钱 → fee, 带什么 →
  materials …): what a question asks, answered from the guide's field.

This module only reads and parses; the analysis chain in ``search.analysis`` uses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DICTIONARY_DIR = Path(__file__).resolve().parent
USER_DICT = "userdict.txt"
SYNONYMS = "synonyms.txt"
STOPWORDS = "stopwords.txt"
BLOCKLIST = "blocklist.txt"
STEPS = "steps.txt"
ASPECTS = "aspects.txt"
STEP_SECTIONS = ("entry", "later", "employer", "business", "sensitive", "yearly", "generic")
ASPECT_SECTIONS = ("fee", "materials", "time_limit", "location", "hours", "phone", "online", "conditions", "procedure")


@dataclass(frozen=True)
class UserWord:
    word: str
    freq: int | None
    tag: str | None


@dataclass(frozen=True)
class SynonymRule:
    """One line of the synonym file.

    ``equivalent`` rules (``a, b, c``) make every term stand for all of them;
    one-way rules (``a, b => c, d``) rewrite each left-hand term to the right-hand terms.
    """

    terms: tuple[str, ...]
    targets: tuple[str, ...]
    equivalent: bool
    line: int

    @property
    def text(self) -> str:
        """The rule as a line of the synonym file."""
        left = ", ".join(self.terms)
        return left if self.equivalent else f"{left} => {', '.join(self.targets)}"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Dictionaries:
    user_words: tuple[UserWord, ...]
    synonym_rules: tuple[SynonymRule, ...]
    stopwords: frozenset[str]
    blocked_terms: frozenset[str]
    steps: dict[str, tuple[str, ...]]  # section of steps.txt → its words
    problems: tuple[Problem, ...]
    directory: Path
    aspects: dict[str, tuple[str, ...]] = field(default_factory=dict)  # aspect → its phrases (aspects.txt)


def load_dictionaries(directory: Path | str = DICTIONARY_DIR) -> Dictionaries:
    """Read the three dictionary files; malformed lines are skipped and listed in ``problems``."""
    directory = Path(directory)
    problems: list[Problem] = []
    user_words = parse_user_dict(_lines(directory / USER_DICT), problems)
    rules = parse_synonyms(_lines(directory / SYNONYMS), problems)
    stopwords = frozenset(text for _, text in _content_lines(_lines(directory / STOPWORDS)))
    blocked = frozenset(text for _, text in _content_lines(_lines(directory / BLOCKLIST)))
    steps = parse_sections(_lines(directory / STEPS), STEP_SECTIONS, STEPS, problems)
    aspects = parse_sections(_lines(directory / ASPECTS), ASPECT_SECTIONS, ASPECTS, problems)
    return Dictionaries(tuple(user_words), tuple(rules), stopwords, blocked, steps, tuple(problems), directory, aspects)


def dictionary_stamp(directory: Path | str = DICTIONARY_DIR) -> tuple:
    """Changes whenever one of the dictionary files is edited, added or removed."""
    stamps = []
    for name in (USER_DICT, SYNONYMS, STOPWORDS, BLOCKLIST, STEPS, ASPECTS):
        try:
            stat = (Path(directory) / name).stat()
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            stamps.append(None)
    return tuple(stamps)


def parse_sections(lines: list[str], sections: tuple[str, ...], file: str,
                   problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """``section: word word …`` lines (a section may take several), of the ``sections`` named."""
    found: dict[str, tuple[str, ...]] = {section: () for section in sections}
    for number, text in _content_lines(lines):
        section, colon, words = text.partition(":")
        if not colon or section.strip() not in found:
            problems.append(Problem(file, number, f"expected one of {', '.join(sections)} followed by ':'"))
            continue
        found[section.strip()] += tuple(words.split())
    return found


def parse_user_dict(lines: list[str], problems: list[Problem]) -> list[UserWord]:
    """jieba's user dictionary format: ``word [freq] [tag]``; jieba itself allows no comments."""
    words = []
    for number, text in _content_lines(lines, comments=False):
        parts = text.split()
        freq = parts[1] if len(parts) > 1 else None
        if len(parts) > 3 or (freq is not None and not freq.isdigit()):
            problems.append(Problem(USER_DICT, number, f"expected 'word freq tag', got {text!r}"))
            continue
        words.append(UserWord(parts[0], int(freq) if freq else None, parts[2] if len(parts) > 2 else None))
    return words


def parse_synonyms(lines: list[str], problems: list[Problem]) -> list[SynonymRule]:
    rules = []
    for number, text in _content_lines(lines):
        if text.count("=>") > 1:
            problems.append(Problem(SYNONYMS, number, "more than one '=>'"))
            continue
        left, arrow, right = text.partition("=>")
        terms = _terms(left)
        targets = _terms(right) if arrow else terms
        if not terms or not targets:
            problems.append(Problem(SYNONYMS, number, "a side of the rule is empty"))
        elif not arrow and len(terms) < 2:
            problems.append(Problem(SYNONYMS, number, "an equivalence group needs two terms or more"))
        else:
            rules.append(SynonymRule(terms, targets, equivalent=not arrow, line=number))
    return rules


def _terms(side: str) -> tuple[str, ...]:
    return tuple(term.strip() for term in side.split(",") if term.strip())


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _content_lines(lines: list[str], comments: bool = True):
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text and not (comments and text.startswith("#")):
            yield number, text
