"""The columnar path: the same statuses as the row path on every row, exact, with fallbacks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy")

import nmgpolicy  # noqa: E402
from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.errors import InputError, NmgPolicyError  # noqa: E402
from tests.golden import cases  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPEC = json.loads((ROOT / "tests" / "golden" / "spec.json").read_text(encoding="utf-8"))
RULESETS = sorted(SPEC["rulesets"])
ON = dt.date(2026, 6, 1)


def _golden(ruleset: str, count: int, start: int = 0) -> list[dict[str, Any]]:
    spec = SPEC["rulesets"][ruleset]
    return [cases.build("columnar", ruleset, spec, i) for i in range(start, start + count)]


def _row_statuses(
    ruleset: str, facts: Sequence[Any], on: dt.date, parameters: Any
) -> list[tuple[str, dict[str, str]] | str]:
    out: list[tuple[str, dict[str, str]] | str] = []
    for item in facts:
        try:
            decision = nmgpolicy.evaluate(ruleset, item, on=on, parameters=parameters)
        except NmgPolicyError as error:
            out.append(type(error).__name__)
            continue
        out.append((decision.status.value, {f.id: f.status.value for f in decision.findings}))
    return out


def _columnar_statuses(result: columnar.Result) -> list[tuple[str, dict[str, str]] | str]:
    out: list[tuple[str, dict[str, str]] | str] = []
    decisions = result.decisions()
    names = {code: status.value for status, code in columnar.STATUS_CODES.items()}
    for row, decision in enumerate(decisions):
        if decision is None:
            out.append(type(result.errors[row]).__name__)
            continue
        statuses = {
            fid: names[int(codes[row])] for fid, codes in result.findings.items() if codes[row] >= 0
        }
        out.append((decision, statuses))
    return out


@pytest.mark.parametrize("ruleset", RULESETS)
def test_columnar_equals_row_path_on_golden_facts(ruleset: str) -> None:
    built = _golden(ruleset, 400)
    by_date: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for case in built:
        if isinstance(case["facts"], dict):
            key = (case["on"], json.dumps(case["parameters"], sort_keys=True))
            by_date.setdefault(key, []).append(case["facts"])
    checked = 0
    for (on_text, parameters_text), facts in by_date.items():
        on = dt.date.fromisoformat(on_text)
        parameters = json.loads(parameters_text)
        try:
            expected = _row_statuses(ruleset, facts, on, parameters)
            columns, lists = columnar.from_records(facts)
            result = columnar.evaluate(ruleset, columns, on=on, lists=lists, parameters=parameters)
        except NmgPolicyError:
            continue  # e.g. a date outside the in-force window: the same for every row
        assert _columnar_statuses(result) == expected
        checked += len(facts)
    assert checked >= 100


def test_pre_parsed_columns_and_polars_input() -> None:
    pl = pytest.importorskip("polars")
    area = columnar.Scaled(
        np.array([9000, 10001, 0], dtype=np.int64), -2, np.array([1, 1, 0], dtype=bool)
    )
    operator = columnar.Flags(np.array([True, False, False]), np.array([True, True, False]))
    result = columnar.evaluate("cluster", {"area": area, "attestations.operator": operator}, on=ON)
    assert result.statuses("cluster.area") == ["met", "review", "unknown"]
    assert result.statuses("cluster.operator") == ["met", "not_met", "review"]
    frame = pl.DataFrame(
        {"area": ["90平方公里", "100.01平方公里", None], "employees": [1, 2, None]}
    )
    polars_result = columnar.evaluate("cluster", frame, on=ON)
    assert polars_result.statuses("cluster.area") == ["met", "review", "unknown"]


def test_bad_columns_are_input_errors() -> None:
    with pytest.raises(InputError):
        columnar.evaluate("cluster", {"area": ["1平方公里"], "employees": [1, 2]}, on=ON)
    with pytest.raises(InputError):
        columnar.evaluate("cluster", 42, on=ON)
    with pytest.raises(InputError):
        columnar.from_records([{"area": "1平方公里"}, 3])  # type: ignore[list-item]
    refused = columnar.evaluate("cluster", {"area": ["a lot"]}, on=ON)
    assert refused.decisions() == [None] and isinstance(refused.errors[0], InputError)
    assert refused.row_path.tolist() == [True]
