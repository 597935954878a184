"""The split of :mod:`nmgpolicy.criteria_years` into modules small enough to read beside the
articles: every name stays importable from ``criteria_years`` (the same object), and the new
modules keep the style rules of the rule modules (tests/test_review11_definition.py checks the
facade itself)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from nmgpolicy import criteria_years

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("frame", "each", "shares", "growth", "any")
SOURCES = [ROOT / "src" / "nmgpolicy" / f"criteria_years_{name}.py" for name in PARTS]

# Every name the module defined before the split (public, and the private ones other modules
# and tests import): each must still be importable from criteria_years.
NAMES_BEFORE_THE_SPLIT = [
    "ANCHOR_APPLICATION_YEAR",
    "ANCHOR_LATEST_GIVEN",
    "DISPLAY_PLACES",
    "CAGR",
    "MEAN",
    "AnyOf",
    "DensityInYear",
    "EachYear",
    "FrameMeasure",
    "GrowthRate",
    "KeepsFalling",
    "OnYears",
    "ShareInYear",
    "ShareOf",
    "Window",
    "YearFrame",
    "Judged",
    "Title",
    "any_of_status",
    "each_year_status",
    "exact_decimal",
    "falling_status",
    "floor_ratio",
    "frame_measure",
    "growth_status",
    "mean_rate_at_least",
    "money",
    "places",
    "share_status",
    "shown_ratio",
    "year_frame",
    "growth_detail",
    "years_zh",
    "years_en",
    "span",
    "inline",
    "no_years_text",
    "missing_years_text",
    "lacking_text",
    "_ratio",
    "_frame_reads",
    "_lacking_in",
    "_lacking_years",
    "_PLAIN",
    "_PERCENT",
    "_gate",
    "_titled",
    "_share_text",
    "_undefined_share",
    "_required_factor",
    "_annual_rate",
    "_integer_root",
    "_floor",
    "_FALLING",
    "_judge_threshold",
    "_judge",
    "_either_text",
]


def test_every_name_is_still_importable_from_criteria_years() -> None:
    missing = [name for name in NAMES_BEFORE_THE_SPLIT if not hasattr(criteria_years, name)]
    assert missing == []
    assert set(criteria_years.__all__) <= set(NAMES_BEFORE_THE_SPLIT)


def test_each_name_is_the_object_of_the_module_that_defines_it() -> None:
    """The facade re-exports, it never copies: ``criteria_years.X is criteria_years_<m>.X``
    (a monkeypatch or an ``isinstance`` sees one object)."""
    owners: dict[str, list[str]] = {}
    for part in PARTS:
        module = importlib.import_module(f"nmgpolicy.criteria_years_{part}")
        for name in NAMES_BEFORE_THE_SPLIT:
            if name in vars(module) and getattr(module, name) is getattr(criteria_years, name):
                owners.setdefault(name, []).append(part)
    assert sorted(owners) == sorted(NAMES_BEFORE_THE_SPLIT)
    assert criteria_years.GrowthRate.__module__ == "nmgpolicy.criteria_years_growth"
    assert issubclass(criteria_years.EachYear, criteria_years.OnYears)


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.end_lineno is not None
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_the_modules_are_short_and_so_are_their_functions(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
    assert [(name, n) for name, n in _functions(path) if n > 100] == []


# As in tests/test_review11_definition.py: the cluster measures' legal numbers are data, never
# code literals; 6 is DISPLAY_PLACES (the places a ratio is shown with: display, not a threshold).
LEGAL_NUMBERS = {15, 60, 5, 8, 6, 80, 20, 100, 10000, 1.25, 1.1}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_legal_number_is_a_literal_in_code(path: Path) -> None:
    found = [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and node.value in LEGAL_NUMBERS
    ]
    allowed = {("criteria_years_shares.py", 6)}
    assert [f for f in found if (path.name, f[1]) not in allowed] == []
