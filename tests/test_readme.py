"""The README's examples as a newcomer pastes them: in a second terminal, from the clone,
against the demo (every ``sh`` block marked ``<!-- tested -->``, in order, in one shell)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import _free_port, wait_until_serving

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


@pytest.mark.parametrize("backend", ["embedded"])  # the examples speak HTTP; both engines sit behind it
def test_the_tested_readme_examples_work_against_the_demo(backend, tmp_path):
    examples = readme_examples()
    assert examples.count("curl ") >= 20 and "govsearch token" in examples
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("GOVSEARCH_", "ELASTICSEARCH_", "REDIS_"))}  # the demo as a newcomer runs it
    environment["GOVSEARCH_DATA_DIR"] = str(tmp_path / "var")
    port = _free_port()
    with open(tmp_path / "demo.log", "w") as log:
        demo = subprocess.Popen([sys.executable, "-m", "govsearch.cli", "demo", "--port", str(port)],
                                env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert wait_until_serving(f"http://127.0.0.1:{port}", seconds=90), (tmp_path / "demo.log").read_text()
        script = examples.replace(DEMO_PORT, f"127.0.0.1:{port}").replace("curl ", "curl -sS --fail-with-body ")
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=a_clone(tmp_path / "clone"),
                                env=environment, capture_output=True, text=True, timeout=300)
    finally:
        demo.terminate()
        demo.wait(timeout=30)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert '"match":"exact"' in result.stdout and '"case_no":"420100202611100000000"' in result.stdout
    assert '"personalized":true' in result.stdout and '"shown":[{"text":' in result.stdout
    assert "ndcg@10" in result.stdout
