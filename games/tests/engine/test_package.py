"""Package-level contracts: purity, data copies, doctests."""

import ast
import doctest
import filecmp
import importlib
import pkgutil
from pathlib import Path

import pytest

import games.engine
from games.engine.tables import DATA_DIR, DATA_FILES
from games.engine.win_expectancy import DATA_FILE as WIN_EXPECTANCY_FILE
from games.engine.win_expectancy import league_file

ENGINE_DIR = Path(games.engine.__file__).parent
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "rules"
FORBIDDEN = ("django", "rest_framework", "channels")
MODULES = ["games.engine", *sorted(f"games.engine.{info.name}" for info in pkgutil.iter_modules([str(ENGINE_DIR)]))]


def test_engine_imports_no_framework():
    offenders = []
    for path in ENGINE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN]
    assert offenders == []


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_copy_equals_shared_file(name):
    shared = SHARED / "data" / name
    if not shared.exists():
        pytest.skip("shared rules directory not present")
    assert filecmp.cmp(DATA_DIR / name, shared, shallow=False), f"{name} differs from {shared}"


def test_scenario_copy_equals_shared_file():
    shared = SHARED / "scenarios.json"
    if not shared.exists():
        pytest.skip("shared rules directory not present")
    assert filecmp.cmp(Path(__file__).parent / "data" / "scenarios.json", shared, shallow=False)


def test_every_data_file_is_copied():
    built = {WIN_EXPECTANCY_FILE.name, league_file("pd").name, league_file("sba").name}
    assert sorted(p.name for p in DATA_DIR.glob("*.json") if p.name not in built) == sorted(DATA_FILES)


@pytest.mark.parametrize("module", MODULES)
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
