"""The entry points of :mod:`nmgpolicy.columnar` after review 16: the containers ``evaluate``
takes (refused as an :class:`~nmgpolicy.errors.InputError` at their path, in constant time per
column), ``from_records`` (a row per record, a depth limit, no recursion), ``Result``'s row
numbers and decimal context, the read-only code tables, and the overflow guard of the
sufficiency kernel."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("polars")

from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.columnar._lists import _plus  # noqa: E402
from nmgpolicy.columnar._records import RecordColumns  # noqa: E402
from nmgpolicy.errors import InputError  # noqa: E402
from nmgpolicy.limits import BUDGET  # noqa: E402
from nmgpolicy.outcome import DecisionStatus, Status  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPEC = json.loads((ROOT / "tests" / "golden" / "spec.json").read_text(encoding="utf-8"))
ON_DISC = dt.date(2026, 3, 2)
ON_FS = dt.date(2025, 7, 1)
ON_CLUSTER = dt.date(2025, 6, 1)
_ONE = {"item": ["first-set-results"], "formed_on": ["2025-01-01"]}


def base(ruleset: str, **changes: Any) -> dict[str, Any]:
    facts: dict[str, Any] = copy.deepcopy(SPEC["rulesets"][ruleset]["bases"][0]["facts"])
    facts.update(changes)
    return facts


def _paths(call: Any) -> tuple[str, ...]:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.paths


# --------------------------------------------------------------------------------------------
# Containers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "path"),
    [
        ({**_ONE, "item": None}, "$.columns.item"),
        ({**_ONE, "item": "first-set-results"}, "$.columns.item"),
        ({**_ONE, "item": {"a": 1}}, "$.columns.item"),
        ({**_ONE, "item": {"first-set-results"}}, "$.columns.item"),
        ({**_ONE, "item": iter(["first-set-results"])}, "$.columns.item"),
        ({**_ONE, "item": np.array("first-set-results")}, "$.columns.item"),
        ({**_ONE, "item": np.array([["first-set-results"]])}, "$.columns.item"),
        ({**_ONE, "formed_on": ["2025-01-01", "2025-01-02"]}, "$.columns.formed_on"),
        ({**_ONE, 1: ["x"]}, "$.columns"),
        (None, "$.columns"),
        ([1, 2], "$.columns"),
    ],
    ids=[
        "None",
        "text",
        "mapping",
        "set",
        "iterator",
        "0-d",
        "2-d",
        "longer",
        "int-key",
        "no-table",
        "a-list",
    ],
)
def test_an_odd_main_table_is_refused_at_its_path(columns: Any, path: str) -> None:
    assert _paths(lambda: columnar.evaluate("disclosure", columns, on=ON_DISC)) == (path,)


def test_a_lazy_frame_is_refused_without_resolving_it() -> None:
    pl = pytest.importorskip("polars")
    with _no_warning():
        paths = _paths(
            lambda: columnar.evaluate("disclosure", pl.DataFrame(_ONE).lazy(), on=ON_DISC)
        )
    assert paths == ("$.columns",)


class _no_warning:
    """No warning (a LazyFrame's schema is not resolved to name its columns)."""

    def __enter__(self) -> None:
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("error")

    def __exit__(self, *exc: object) -> None:
        self._catch.__exit__(*exc)


@pytest.mark.parametrize(
    ("lists", "path"),
    [
        ([1], "$.lists"),
        ({1: {"application": [0]}}, "$.lists"),
        ({"years": [1, 2]}, "$.lists.years"),
        ({"years": {"application": [0], "year": None}}, "$.lists.years.year"),
        ({"years": {"application": [0, 0], "year": [2024]}}, "$.lists.years.year"),
        ({"years": {"year": [2024], "application": [0, 0]}}, "$.lists.years.year"),
    ],
    ids=["a-list", "int-key", "table-a-list", "None-column", "short", "short-first"],
)
def test_an_odd_long_table_is_refused_at_its_path(lists: Any, path: str) -> None:
    columns, _ = columnar.from_records([base("cluster")])
    call = lambda: columnar.evaluate("cluster", columns, on=ON_CLUSTER, lists=lists)  # noqa: E731
    assert _paths(call) == (path,)


def test_polars_and_arrow_tables_are_still_read() -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    plain = columnar.evaluate("disclosure", _ONE, on=ON_DISC).decisions()
    assert columnar.evaluate("disclosure", pl.DataFrame(_ONE), on=ON_DISC).decisions() == plain
    assert columnar.evaluate("disclosure", pa.table(_ONE), on=ON_DISC).decisions() == plain


# --------------------------------------------------------------------------------------------
# from_records
# --------------------------------------------------------------------------------------------


def test_from_records_knows_its_number_of_records() -> None:
    columns, lists = columnar.from_records([{}, {}, {}])
    assert isinstance(columns, dict) and columns == {} and lists == {}
    assert isinstance(columns, RecordColumns) and columns.rows == 3
    for copied in (pickle.loads(pickle.dumps(columns)), copy.deepcopy(columns)):
        assert isinstance(copied, RecordColumns) and copied.rows == 3
    result = columnar.evaluate("first_set", columns, on=ON_FS)
    assert len(result.status) == 3
    assert columnar.evaluate("first_set", {}, on=ON_FS).status.tolist() == []


@pytest.mark.parametrize("records", [None, 5, "abc", {"area": 1}])
def test_from_records_of_no_list_of_records_is_refused(records: Any) -> None:
    assert _paths(lambda: columnar.from_records(records)) == ("$",)


def _nested(levels: int) -> dict[str, Any]:
    """An object holding ``levels`` objects nested in each other, the innermost holding 1."""
    top: dict[str, Any] = {"a": 1}
    for _ in range(levels - 1):
        top = {"a": top}
    return top


def test_from_records_holds_records_to_the_depth_of_the_budget() -> None:
    # The record is level 1, "product" level 2: max_depth - 1 objects under the record fit.
    columns, _ = columnar.from_records([{"product": _nested(BUDGET.max_depth - 1)}])
    assert list(columns) == ["product" + ".a" * (BUDGET.max_depth - 1)]
    paths = _paths(lambda: columnar.from_records([{"product": _nested(BUDGET.max_depth)}]))
    assert paths == ("$[0].product" + ".a" * (BUDGET.max_depth - 1),)
    # An item of a nested list is level 3.
    item = {"name": _nested(BUDGET.max_depth - 3)}
    columnar.from_records([{"units": [item]}])
    deeper = {"name": _nested(BUDGET.max_depth - 2)}
    paths = _paths(lambda: columnar.from_records([{"units": [item, deeper]}]))
    assert paths[0].startswith("$[0].units[1].name.a")
    # Far deeper than Python's stack, and a cycle: refused, not a RecursionError.
    cycle: dict[str, Any] = {}
    cycle["a"] = cycle
    for record in ({"product": _nested(100_000)}, {"product": cycle}):
        assert _paths(lambda: columnar.from_records([record]))  # noqa: B023


def test_from_records_flattens_in_order() -> None:
    columns, lists = columnar.from_records(
        [{"a": {"b": 1, "c": {"d": 2}, "e": 3}, "f": 4, "g": [{"h": {"i": 5}}]}]
    )
    assert list(columns) == ["a.b", "a.c.d", "a.e", "f"]
    assert lists == {"g": {"application": [0], "h.i": [5]}}


# --------------------------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------------------------


def _disclosure_result() -> Any:
    facts = [
        {"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-10-31"},
        {"item": "first-set-results", "formed_on": "2025-10-26"},
    ]
    columns, _ = columnar.from_records(facts)
    return columnar.evaluate("disclosure", columns, on=ON_DISC)


@pytest.mark.parametrize("row", [-1, 2, True, 1.0, "0", None, 2**70])
def test_a_row_outside_the_result_is_refused(row: Any) -> None:
    result = _disclosure_result()
    assert _paths(lambda: result.value("due", row)) == ("$.row",)
    assert _paths(lambda: result.row(row)) == ("$.row",)
    assert _paths(lambda: result.item_rows("x", row)) == ("$.row",)


def test_a_numpy_row_number_is_a_row() -> None:
    result = _disclosure_result()
    assert result.value("due", np.int64(1)) == result.value("due", 1)
    assert result.row(np.int32(0)) == result.row(0)


def test_a_result_finished_under_a_hostile_context_is_exact() -> None:
    """The row path's value, finer than the kernels' scale, is written into the column when
    it is first read: under the library's context, not the caller's."""
    rows = [base("first_set"), base("first_set", unit_value="79.99999999999999999万元/套")]
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate("first_set", columns, on=ON_FS, lists=lists)
    assert result.row_path.tolist() == [False, True]
    hostile = decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded])
    with decimal.localcontext(hostile):
        column = result.results["unit_value"]
        assert result.value("unit_value", 1) == Decimal("799999.9999999999999")
    assert column.exponent == -13
    assert column.values.tolist() == [8500000000000000000, 7999999999999999999]


def test_the_code_tables_are_read_only() -> None:
    assert dict(columnar.DECISION_CODES) == {
        DecisionStatus.ELIGIBLE: 0,
        DecisionStatus.INELIGIBLE: 1,
        DecisionStatus.UNDETERMINED: 2,
    }
    assert columnar.STATUS_CODES[Status.REVIEW] == 3
    for table in (columnar.DECISION_CODES, columnar.STATUS_CODES):
        with pytest.raises(TypeError):
            table[next(iter(table))] = 9  # type: ignore[index]
    assert not hasattr(columnar, "CODES")


# --------------------------------------------------------------------------------------------
# The sufficiency kernel
# --------------------------------------------------------------------------------------------


def test_a_sum_beyond_int64_is_risky_not_wrapped() -> None:
    top = np.iinfo(np.int64).max
    left = np.array([top - 1, 5, -top, top // 2], dtype=np.int64)
    right = np.array([2, 6, -5, top // 2], dtype=np.int64)
    risky = np.zeros(4, dtype=np.bool_)
    total = _plus(left, right, risky)
    assert risky.tolist() == [True, False, True, False]
    assert total.tolist() == [0, 11, 0, top - 1]
    small = np.zeros(4, dtype=np.bool_)
    assert _plus(right, right, small).tolist() == [4, 12, -10, top - 1] and not small.any()
