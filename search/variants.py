"""Which variant of a service a query means, from the step words of ``synonyms/steps.txt``.

A guide's name is read once when it is indexed: a name with an entry step (设立, 新办,
核发 …) and no later one (变更, 注销, 补领 …) is an ``entry`` variant, a name with neither a
``plain`` one, and a guide open to 个人 whose name has no employer word (单位 …) is the
``personal`` variant. A query that names no step then ranks entry variants first and plain
ones next (开饭店 → 食品经营许可（新办）, then the 大项, before its 注销), and one that does
not speak for a business ranks personal variants first (shebao → 个人参保, not 单位参保登记).
"""

from __future__ import annotations

from dataclasses import dataclass

from search.analysis import Analyzer, exact_key
from search.guide import Traits

ENTRY, PLAIN, PERSONAL = "entry", "plain", "personal"


@dataclass(frozen=True)
class StepWords:
    entry: tuple[str, ...]
    later: tuple[str, ...]
    employer: tuple[str, ...]
    business: tuple[str, ...]
    generic: tuple[str, ...]
    yearly: tuple[str, ...] = ()
    sensitive: tuple[str, ...] = ()

    @classmethod
    def of(cls, analyzer: Analyzer) -> "StepWords":
        steps = analyzer.dictionaries.steps
        words = {section: tuple(exact_key(analyzer.normalize(w)) for w in steps.get(section, ())) for section in
                 ("entry", "later", "employer", "business", "generic", "yearly", "sensitive")}
        return cls(**words)

    def traits(self, name_key: str, audience, service: str) -> Traits:
        """What these words say of a guide named ``name_key`` (normalised), indexed with it."""
        return Traits(service, tuple(self.of_guide(name_key, audience)), _any_in(self.yearly, name_key),
                      _any_in(self.sensitive, name_key))

    def of_guide(self, name_key: str, audience) -> list[str]:
        """The variant flags of a guide (indexed in ``f_variant``)."""
        flags = []
        if not _any_in(self.later, name_key):
            flags.append(ENTRY if _any_in(self.entry, name_key) else PLAIN)
        if "个人" in (audience or ()) and not _any_in(self.employer, name_key):
            flags.append(PERSONAL)
        return flags

    def wanted(self, query_key: str) -> list[str]:
        """The variants a query means when it does not say (empty when it names a step)."""
        wanted = []
        if not _any_in(self.entry + self.later, query_key):
            wanted += [ENTRY, PLAIN]
        if not _any_in(self.employer + self.business, query_key):
            wanted.append(PERSONAL)
        return wanted


def _any_in(words: tuple[str, ...], text: str) -> bool:
    return any(word and word in text for word in words)
