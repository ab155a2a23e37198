"""The bundled sample (govsearch/sample_data/) is what ``govsearch demo`` loads and what a tester
sees signed in as a sample user in 我的, so its people must be believable: a person's cases are
their own applications in their own name, for their kind and age, few of them overdue, and a
hardship or a death appears only where the person's own journey leads. Read as shipped; the
files are written by bench/simulate_journeys.py and bench/generate_cases.py (their docstrings
have the commands)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timezone
from functools import lru_cache

import pytest

from search.analysis import Analyzer, exact_key
from search.cases import ORGANISATION_SUFFIXES, CaseRecord, ProgressEvent, is_overdue, parse_time
from search.variants import StepWords
from synonyms import load_dictionaries
from tests.conftest import REPOSITORY, SAMPLE_GUIDES, read_jsonl

SAMPLE = REPOSITORY / "govsearch" / "sample_data"
GUIDES = {g["code"]: g for g in read_jsonl(SAMPLE_GUIDES)}
USERS = {u["user_id"]: u for u in read_jsonl(SAMPLE / "users.jsonl")}
EVENTS = [e for e in read_jsonl(SAMPLE / "events.jsonl") if e.get("item_code")]
CASES = read_jsonl(SAMPLE / "cases.jsonl")
OWNED = [c for c in CASES if c.get("user_id")]
# Services a person applies for (or looks up) only at some ages: name, youngest, oldest that year.
AGES = (
    ("退休|离休|养老保险待遇|待遇领取资格认证", 50, 200),  # a pension, a retirement withdrawal
    ("高龄津贴", 80, 200),
    ("出生医学证明|新生儿|生育|入学", 18, 55),  # a parent's application, not a grandparent's
    ("结婚登记", 20, 200),
    ("驾驶证", 18, 200),
)
TODAY, SOMEDAY = datetime.now(timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc)  # someday: every open case late


def record(case: dict) -> CaseRecord:
    """The case as the store holds it: its own events and the pushed ones, once each, oldest first."""
    events = {(e["time"], e["stage"], e["status"]): e for e in case["events"] + _pushed().get(case["case_no"], [])}
    return CaseRecord(
        case["case_no"], case["kind"], case["item_code"], case["item_name"], case["applicant_name"], "", case["department"],
        case["submitted_at"], case["status"], case.get("user_id"), case.get("promised_at"),
        [ProgressEvent(case["case_no"], e["time"], e["stage"], e["status"]) for e in
         sorted(events.values(), key=lambda e: parse_time(e["time"]))])


@lru_cache(maxsize=1)
def _pushed() -> dict[str, list[dict]]:
    pushed = defaultdict(list)
    for event in read_jsonl(SAMPLE / "case_events.jsonl"):
        pushed[event["case_no"]].append(event)
    return pushed


def test_every_case_belongs_to_a_sample_user_and_is_of_an_active_guide():
    assert len(OWNED) >= len(CASES) / 2
    for case in CASES:
        guide = GUIDES.get(case["item_code"])
        assert guide and guide.get("status", "active") == "active", case["case_no"]
        assert (case["item_name"], case["department"]) == (guide["name"], guide["department"])
        assert case.get("user_id") is None or case["user_id"] in USERS, case["case_no"]


def test_all_of_a_persons_cases_are_in_their_own_name_and_a_companys_in_the_companys():
    names = defaultdict(set)
    for case in OWNED:
        names[case["user_id"]].add(case["applicant_name"])
    assert {user: found for user, found in names.items() if len(found) > 1} == {}
    for user, (name,) in names.items():
        assert name.endswith(ORGANISATION_SUFFIXES) == (USERS[user]["kind"] == "法人"), (user, name)


def test_services_are_meant_for_the_users_kind():
    """个人 services for people, 法人 ones for companies: in cases and in every event."""
    wrong = [(c["user_id"], c["item_name"]) for c in OWNED if USERS[c["user_id"]]["kind"] not in GUIDES[c["item_code"]]["audience"]]
    wrong += [(e["user_id"], e["type"], GUIDES[e["item_code"]]["name"]) for e in EVENTS
              if USERS[e["user_id"]]["kind"] not in GUIDES[e["item_code"]]["audience"]]
    assert wrong == []


def _misfit(user_id: str, name: str, when: str) -> bool:
    born = USERS[user_id].get("birth_year")
    age = parse_time(when).year - born if born else None
    return age is not None and any(re.search(pattern, name) and not low <= age <= high for pattern, low, high in AGES)


def test_nobody_takes_or_browses_a_service_of_another_age():
    """No retirement withdrawal at 35, no 高龄津贴 before 80, no 新生儿 or 入学 at 85."""
    wrong = [(c["user_id"], c["item_name"]) for c in OWNED if _misfit(c["user_id"], c["item_name"], c["submitted_at"])]
    wrong += [(e["user_id"], e["type"], GUIDES[e["item_code"]]["name"]) for e in EVENTS
              if _misfit(e["user_id"], GUIDES[e["item_code"]]["name"], e["time"])]
    assert wrong == []


@pytest.mark.parametrize("now", [TODAY, SOMEDAY], ids=["today", "once every open case is late"])
def test_few_cases_are_overdue_and_no_user_has_mostly_overdue_ones(now):
    overdue = {case["case_no"] for case in CASES if is_overdue(record(case), now)}
    assert 0.02 <= len(overdue) / len(CASES) <= 0.15
    mine = defaultdict(list)
    for case in OWNED:
        mine[case["user_id"]].append(case["case_no"] in overdue)
    assert {user: flags for user, flags in mine.items() if len(flags) >= 3 and sum(flags) > len(flags) / 2} == {}


def test_a_users_case_is_an_application_they_made_then():
    applied = {(e["user_id"], e["item_code"], parse_time(e["time"])) for e in EVENTS if e["type"] == "apply"}
    assert [c["case_no"] for c in OWNED if (c["user_id"], c["item_code"], parse_time(c["submitted_at"])) not in applied] == []


def test_hardship_death_and_disability_appear_only_on_the_persons_own_journey():
    """A sensitive service (the step dictionary's ``sensitive:`` words, as the index reads them) is
    never a stray view: whoever looks at one, or has a case of it, applied for it."""
    analyzer = Analyzer(load_dictionaries())
    words = StepWords.of(analyzer)
    sensitive = {code for code, guide in GUIDES.items()
                 if words.traits(exact_key(analyzer.normalize(guide["name"])), guide["audience"], "").sensitive}
    applied = {(e["user_id"], e["item_code"]) for e in EVENTS if e["type"] == "apply"}
    touched = [(e["user_id"], e["item_code"]) for e in EVENTS if e["item_code"] in sensitive]
    touched += [(c["user_id"], c["item_code"]) for c in OWNED if c["item_code"] in sensitive]
    assert touched, "the sample has people on a journey through a sensitive service (残疾, 身后事)"
    assert [(user, GUIDES[code]["name"]) for user, code in touched if (user, code) not in applied] == []


def test_the_readme_and_demo_examples_are_in_the_sample():
    """The README's lookup example is the first case (the demo prints it), and p000001, the
    README's and the portal tests' sample user, is a person with a history and a few cases, one
    of them overdue."""
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    case_no, code = re.search(r'"case_no": "(\d+)", "verify": "(\d+)"', readme).groups()
    assert (CASES[0]["case_no"], CASES[0]["query_password"]) == (case_no, code)
    assert USERS["p000001"]["kind"] == "个人" and any(e["user_id"] == "p000001" for e in EVENTS)
    mine = [is_overdue(record(case), TODAY) for case in OWNED if case["user_id"] == "p000001"]
    assert len(mine) >= 3 and 1 <= sum(mine) <= len(mine) / 2
