"""Relevance floors on the public labelled set, measured by ``govsearch eval search``.

The floors are what the service honestly reaches; a change that lowers a figure below its
floor fails here. Raise them when relevance work raises the figures.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import PUBLIC_EVAL, SHARED_EVAL

FLOORS = {"ndcg@10": 0.70, "success@3": 0.74, "mrr": 0.68}


@pytest.fixture(scope="module")
def public_report(tmp_path_factory):
    import os
    import subprocess
    import sys

    environment = {**os.environ, "GOVSEARCH_DATA_DIR": str(tmp_path_factory.mktemp("eval"))}
    result = subprocess.run(
        [sys.executable, "-m", "govsearch.cli", "eval", "search", "--json",
         "--guides", str(PUBLIC_EVAL / "guides.jsonl"), "--queries", str(PUBLIC_EVAL / "queries.jsonl")],
        capture_output=True, text=True, env=environment, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_public_set_holds_the_floor(public_report, metric):
    assert public_report["overall"][metric] >= FLOORS[metric]


def test_no_withdrawn_guide_is_ever_shown(public_report):
    assert public_report["withdrawn_leaks"] == 0


def test_case_numbers_are_recognised(public_report):
    assert public_report["case_intent_accuracy"] == 1.0


def test_report_covers_every_category(public_report):
    assert set(public_report["categories"]) >= {"exact", "partial", "colloquial", "synonym", "typo", "traditional", "directory", "filtered"}


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval/public is not beside this clone")
@pytest.mark.parametrize("name", ["guides.jsonl", "queries.jsonl", "cases.jsonl"])
def test_vendored_copy_matches_the_shared_set(name):
    assert (PUBLIC_EVAL / name).read_bytes() == (SHARED_EVAL / name).read_bytes()
