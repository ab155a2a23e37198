"""The fusion of the lexical and the semantic lists (``search.fusion``), as a table: no engine,
no model. Services are letters; similarities are what the encoder would have said."""

from __future__ import annotations

import pytest

from search.fusion import Evidence, fuse
from search.models import Neighbour
from search.ranking import RELAXED_FLOOR, SEMANTIC_FLOOR, STRICT_FLOOR, STRICT_NAMED_FLOOR

HIGH, LOW = SEMANTIC_FLOOR + 0.1, SEMANTIC_FLOOR - 0.1
BACKED, UNBACKED = RELAXED_FLOOR + 0.01, RELAXED_FLOOR - 0.01
WEAK = (STRICT_NAMED_FLOOR + STRICT_FLOOR) / 2  # backs a strict match of catalogue words, not of others


def near(*pairs) -> list[Neighbour]:
    return [Neighbour(service, similarity) for service, similarity in pairs]


TABLE = [
    ("words name a service exactly: the lexical list is the answer",
     ["A", "B"], near(("C", HIGH), ("A", HIGH)), Evidence(0, decisive=True), ["A", "B"], "exact"),
    ("a relaxed match of a typo's reading still decides when it is decisive",
     ["A"], near(("B", HIGH)), Evidence(1, decisive=True), ["A"], "relaxed"),
    ("a strict match not by name: both lists count, a service in both first",
     ["A", "B"], near(("B", HIGH), ("C", HIGH)), Evidence(0), ["B", "A", "C"], "exact"),
    ("a strict match and meaning tie: the service meaning finds nearer first",
     ["A"], near(("C", HIGH), ("A", STRICT_FLOOR)), Evidence(0), ["C", "A"], "semantic"),
    ("a strict match of catalogue words needs little backing",
     ["A"], near(("A", WEAK)), Evidence(0, named=True), ["A"], "exact"),
    ("a strict match of other words (门票, 预约) meaning does not back: no match",
     ["A"], near(("A", WEAK)), Evidence(0), [], "none"),
    ("relaxed words follow meaning: the answer says semantic",
     ["A"], near(("C", HIGH), ("D", HIGH), ("A", BACKED)), Evidence(1), ["C", "D", "A"], "semantic"),
    ("a relaxed match meaning backs stays, one it does not is dropped",
     ["A", "B"], near(("C", HIGH), ("A", BACKED), ("B", UNBACKED)), Evidence(2), ["C", "A"], "semantic"),
    ("words found nothing: services similar enough, by meaning",
     [], near(("C", HIGH), ("D", LOW)), Evidence(None), ["C"], "semantic"),
    ("words found nothing and nothing is similar enough: no match",
     [], near(("C", LOW)), Evidence(None), [], "none"),
    ("a relaxed match nothing backs and nothing similar: no match",
     ["A"], near(("A", UNBACKED), ("B", LOW)), Evidence(1), [], "none"),
    ("no neighbours at all (filters no meaning passes): the words alone",
     ["A", "B"], [], Evidence(1), ["A", "B"], "relaxed"),
]


@pytest.mark.parametrize(("lexical", "neighbours", "evidence", "services", "match"), [row[1:] for row in TABLE],
                         ids=[row[0] for row in TABLE])
def test_fusion(lexical, neighbours, evidence, services, match):
    fused = fuse(lexical, neighbours, evidence)
    assert (fused.services, fused.match) == (services, match)
    assert fused.semantic == frozenset(services) - frozenset(lexical)
