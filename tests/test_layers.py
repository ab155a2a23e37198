"""The layers import downwards only: the query side (search/) and the recommender know nothing
of the application (govsearch/) or the HTTP API (api/), so an engine stands on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BELOW = {"search": ("govsearch", "api", "indexer", "recommender"), "recommender": ("govsearch", "api", "indexer"),
         "indexer": ("govsearch", "api")}


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("package", BELOW)
def test_a_layer_imports_nothing_above_it(package):
    wrong = {str(path.relative_to(ROOT)): sorted(imported(path) & set(BELOW[package]))
             for path in (ROOT / package).rglob("*.py")}
    assert {path: names for path, names in wrong.items() if names} == {}
