"""Refused overrides in ``nmgpolicy.columnar`` (docs/columnar.md, ``parameters``): a parameter
combination the row path refuses (a scoring-table row out of order, tiers that no longer tile,
plan years that are no span, a trend window that does not fit) is an ``InputError`` for the
whole call, with the problems the row path reports first — for every rule set alike (one of
them, ``sme_innovative``, returned an error per row instead)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.errors import InputError
from tests.test_parameter_errors16 import REFUSED_ROWS

columnar = pytest.importorskip("nmgpolicy.columnar")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _facts(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((EXAMPLES / name).read_text("utf-8"))
    return loaded


SME = {
    "sme_innovative": "sme/innovative_exactly_60_points.json",
    "sme_specialized": "sme/specialized_score_66.json",
}
CASES = [
    *(
        (ruleset, SME[ruleset], dt.date(2025, 9, 1), overrides)
        for ruleset, overrides, *_ in REFUSED_ROWS
    ),
    (
        "ferroalloy",
        "ferroalloy/compliant_plan.json",
        dt.date(2026, 3, 2),
        {"elimination_plan_first_year": 2030},
    ),
    ("cluster", "cluster/eligible.json", dt.date(2025, 6, 1), {"growth_window_years": 6}),
]


def _row_problems(ruleset: str, facts: object, on: dt.date, overrides: dict[str, Any]) -> list[Any]:
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(ruleset, facts, on=on, parameters=overrides)
    return list(caught.value.problems)


@pytest.mark.parametrize(("ruleset", "example", "on", "overrides"), CASES)
def test_a_refused_override_is_an_input_error_for_the_whole_call(
    ruleset: str, example: str, on: dt.date, overrides: dict[str, Any]
) -> None:
    facts = _facts(example)
    expected = _row_problems(ruleset, facts, on, overrides)
    columns, lists = columnar.from_records([facts, facts])
    with pytest.raises(InputError) as caught:
        columnar.evaluate(ruleset, columns, lists=lists, on=on, parameters=overrides)
    assert list(caught.value.problems) == expected


@pytest.mark.parametrize("ruleset", sorted(SME))
def test_the_valid_example_decides_every_row(ruleset: str) -> None:
    overrides = next(o for r, o, *_ in REFUSED_ROWS if r == ruleset)
    ((name, _),) = overrides.items()
    example = next(e for r, o, n, e in REFUSED_ROWS if r == ruleset and n == name)
    facts = _facts(SME[ruleset])
    columns, lists = columnar.from_records([facts, facts])
    on = dt.date(2025, 9, 1)
    fixed = {name: example}
    result = columnar.evaluate(ruleset, columns, lists=lists, on=on, parameters=fixed)
    expected = nmgpolicy.evaluate(ruleset, facts, on=on, parameters=fixed).status.value
    assert result.decisions() == [expected, expected]
    assert not result.errors
