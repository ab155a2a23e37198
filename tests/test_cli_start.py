"""Commands that need no app start at once: ``--help`` and ``token`` load neither Flask, the
engines nor the recommender's numerics (their start time is in bench/cli_bench.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("flask", "sklearn", "scipy", "tantivy", "elasticsearch", "jieba", "rjieba", "openpyxl", "pypinyin", "api.app")
PROBE = """
import json, sys
from govsearch.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy} or m in {heavy})), file=sys.stderr)
"""


@pytest.mark.parametrize("command", [["--help"], ["token", "p000001"], ["index", "--help"]])
def test_light_commands_load_nothing_heavy(command):
    environment = {**os.environ, "GOVSEARCH_SECRET": "a-secret-for-this-test"}
    probe = PROBE.replace("{heavy}", repr(set(HEAVY)))
    result = subprocess.run([sys.executable, "-c", probe, *command], env=environment, capture_output=True, text=True, timeout=60)
    loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert loaded == [] and result.stdout.strip()
