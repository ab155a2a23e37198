"""The README's examples as a newcomer pastes them: in a second terminal, from the clone,
against the demo (every ``sh`` block marked ``<!-- tested -->``, in order, in one shell)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the README's examples against the demo


ROOT = Path(__file__).resolve().parent.parent
TESTED_BLOCK = re.compile(r"<!-- tested -->\n```sh\n(.*?)```", re.S)
DEMO_PORT = "127.0.0.1:8000"


def readme_examples() -> str:
    return "\n".join(TESTED_BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")))


def a_clone(where: Path) -> Path:
    """A directory that looks like the clone (its venv, tests, package, bench scripts) but keeps what the
    examples write (report.csv) out of the real one."""
    where.mkdir()
    (where / ".venv").symlink_to(ROOT / ".venv" if (ROOT / ".venv").exists() else Path(sys.prefix))
    for name in ("tests", "govsearch", "bench"):
        (where / name).symlink_to(ROOT / name)
    return where


def test_the_tested_readme_examples_work_against_the_demo(demo, tmp_path):
    examples = readme_examples()
    assert examples.count("curl ") >= 20 and "govsearch token" in examples
    address = demo.base.removeprefix("http://")
    script = examples.replace(DEMO_PORT, address).replace("curl ", "curl -sS --fail-with-body ")
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=a_clone(tmp_path / "clone"),
                            env=demo.environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert '"match":"exact"' in result.stdout and '"case_no":"420100202611100000000"' in result.stdout
    assert '"personalized":true' in result.stdout and '"shown":[{"text":' in result.stdout
    assert "ndcg@10" in result.stdout
