"""The README's examples as a newcomer pastes them: in a second terminal, from the clone,
against the demo (every ``sh`` block marked ``<!-- tested -->``, in order, in one shell) — the
README's first steps, then the pages under docs/ it links to for the rest."""

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


# The pages holding tested examples, in the order a newcomer meets them: the README's five calls,
# then every endpoint (docs/api.md), then the evaluations (docs/evaluation.md). Each page's blocks
# also paste on their own (docs/api.md signs its own token).
EXAMPLE_PAGES = ("README.md", "docs/api.md", "docs/evaluation.md")


def examples_on(page: str) -> list[str]:
    return TESTED_BLOCK.findall((ROOT / page).read_text(encoding="utf-8"))


def readme_examples() -> str:
    return "\n".join(block for page in EXAMPLE_PAGES for block in examples_on(page))


def test_every_page_with_tested_examples_is_run():
    """A block marked tested on a page this test does not read would silently go untested."""
    marked = {str(path.relative_to(ROOT)) for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
              if TESTED_BLOCK.search(path.read_text(encoding="utf-8"))}
    assert marked == set(EXAMPLE_PAGES)
    assert all(examples_on(page) for page in EXAMPLE_PAGES)


def a_clone(where: Path) -> Path:
    """A directory that looks like the clone (its venv, tests, package, bench scripts), so nothing the
    examples might write lands in the real one (they write only under /tmp)."""
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
