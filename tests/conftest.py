"""Shared fixtures: real tantivy indexes in temp dirs, the Flask test client, the CLI in a subprocess.

Fixtures build on each other: settings → components (a loaded index) → app → client.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from api import create_app
from govsearch.components import build_components
from govsearch.settings import Settings
from indexer.guides import load_guides

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_GUIDES = FIXTURES / "guides.jsonl"
# A copy of ../shared/eval/public, so the floors hold wherever the repository is cloned;
# tests/test_relevance.py checks the copy against the shared set when that is present.
PUBLIC_EVAL = FIXTURES / "eval_public"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "public"
SAMPLE_GUIDES = Path(__file__).resolve().parents[1] / "govsearch" / "sample_data" / "guides.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: list) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def test_guides() -> list[dict]:
    return read_jsonl(TEST_GUIDES)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "var")


@pytest.fixture
def components(settings):
    """Components over an index holding the test guides."""
    built = build_components(settings)
    load_guides([TEST_GUIDES], built.guides, built.analyzer, settings.rejected_dir, progress=False)
    return built


@pytest.fixture
def app(settings, components):
    return create_app(settings, components)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def run_cli(settings):
    """Run ``govsearch`` as a user would, in a subprocess with its own data dir."""

    def run(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        environment = {**os.environ, "GOVSEARCH_DATA_DIR": str(settings.data_dir), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "govsearch.cli", *map(str, args)],
            capture_output=True,
            text=True,
            env=environment,
            timeout=timeout,
        )

    return run
