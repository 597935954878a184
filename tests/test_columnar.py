"""The columnar API: columns of every kind (pre-parsed, NumPy, Polars, Arrow, lists), the
results, the row path for what the kernels cannot hold, the errors."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

np = pytest.importorskip("numpy")

import nmgpolicy  # noqa: E402
from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.columnar._kernels import (  # noqa: E402
    _PROFILES,
    profile_of,
)
from nmgpolicy.columnar._read import Table  # noqa: E402
from nmgpolicy.errors import InputError  # noqa: E402
from nmgpolicy.rules.cluster import ClusterFacts  # noqa: E402
from nmgpolicy.rules.ferroalloy import FerroalloyFacts  # noqa: E402
from tests.test_columnar_equal import (  # noqa: E402
    CLUSTER_ROWS,
    FERROALLOY_ROWS,
    FIXED,
    SPEC,
    batches,
    golden,
    observed,
)

ON = dt.date(2026, 6, 1)
OTHERS = sorted(SPEC["rulesets"])


@pytest.mark.parametrize("ruleset", OTHERS)
def test_rule_sets_without_kernels_go_to_the_row_path(
    ruleset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule set without a columnar profile (every rule set here, its profile taken away) is
    decided row by row, with the same outcome."""
    monkeypatch.delitem(_PROFILES, ruleset)
    assert profile_of(ruleset) is None
    built = golden(ruleset, ("columnar",), 150)
    checked = 0
    for (on, parameters), facts in batches(built, dt.date(2026, 3, 2)).items():
        want = [_row(ruleset, f, on, json.loads(parameters)) for f in facts]
        columns, lists = columnar.from_records(facts)
        try:
            result = columnar.evaluate(
                ruleset, columns, on=on, lists=lists, parameters=json.loads(parameters)
            )
        except nmgpolicy.errors.NmgPolicyError:
            continue
        assert result.row_path.all()
        got = [
            type(result.errors[r]).__name__ if d is None else (d, result.row(r))
            for r, d in enumerate(result.decisions())
        ]
        assert got == want
        checked += len(facts)
    assert checked >= 100


def _row(ruleset: str, facts: Any, on: dt.date, parameters: Any) -> Any:
    try:
        decision = nmgpolicy.evaluate(ruleset, facts, on=on, parameters=parameters)
    except nmgpolicy.errors.NmgPolicyError as error:
        return type(error).__name__
    return decision.status.value, {f.id: f.status.value for f in decision.findings}


def _parsed(model: type[Any], columns: dict[str, Any]) -> dict[str, Any]:
    """The columns as the readers give them back (pre-parsed: Scaled, Flags, Categories …)."""
    table = Table(model, columns, len(next(iter(columns.values()))))
    out: dict[str, Any] = {}
    for path in columns:
        try:
            column = table.column(path)
        except KeyError:
            column = None  # a nested object or list given as a value ([] …): kept as it is
        out[path] = columns[path] if column is None else column
    assert not table.row_path.any()
    return out


@pytest.mark.parametrize(
    ("ruleset", "model", "rows", "lists_of"),
    [
        (
            "cluster",
            ClusterFacts,
            CLUSTER_ROWS,
            {"years": "YearFacts", "enterprises": "Enterprise"},
        ),
        (
            "ferroalloy",
            FerroalloyFacts,
            FERROALLOY_ROWS,
            {"retired": "RetiredUnit", "new_capacity": "NewCapacity"},
        ),
    ],
)
def test_pre_parsed_columns_decide_as_the_texts_do(
    ruleset: str, model: type[Any], rows: Any, lists_of: dict[str, str]
) -> None:
    """Columns read by the parsers and given back pre-parsed give the same outcome."""
    import nmgpolicy.rules.cluster as cluster
    import nmgpolicy.rules.ferroalloy as ferroalloy

    facts = [f for _, f in rows if _readable(ruleset, f)]
    columns, lists = columnar.from_records(facts)
    texts = columnar.evaluate(ruleset, columns, on=FIXED[ruleset], lists=lists)
    models = {**vars(cluster), **vars(ferroalloy)}
    parsed = _parsed(model, columns)
    parsed_lists = {
        key: {
            "application": np.array(table["application"], dtype=np.int64),
            **_parsed(
                models[lists_of[key]], {k: v for k, v in table.items() if k != "application"}
            ),
        }
        for key, table in lists.items()
        if key in lists_of
    }
    again = columnar.evaluate(ruleset, parsed, on=FIXED[ruleset], lists=parsed_lists)
    assert observed(again) == observed(texts)
    assert not again.row_path.any()


def _readable(ruleset: str, facts: dict[str, Any]) -> bool:
    """A fact set every column of which the kernels hold (no refused value, no factors)."""
    columns, lists = columnar.from_records([facts])
    result = columnar.evaluate(ruleset, columns, on=FIXED[ruleset], lists=lists)
    return not result.row_path[0] and "ferrosilicon_equivalents" not in facts


def test_scaled_flags_and_polars_input() -> None:
    pl = pytest.importorskip("polars")
    area = columnar.Scaled(
        np.array([9000, 10001, 0], dtype=np.int64), -2, np.array([1, 1, 0], dtype=bool)
    )
    operator = columnar.Flags(np.array([True, False, False]), np.array([True, True, False]))
    result = columnar.evaluate("cluster", {"area": area, "attestations.operator": operator}, on=ON)
    assert result.statuses("cluster.area") == ["met", "review", "unknown"]
    assert result.statuses("cluster.operator") == ["met", "not_met", "review"]
    assert not result.row_path.any()
    frame = pl.DataFrame(
        {"area": ["90平方公里", "100.01平方公里", None], "employees": [1, 2, None]}
    )
    polars_result = columnar.evaluate("cluster", frame, on=ON)
    assert polars_result.statuses("cluster.area") == ["met", "review", "unknown"]


def test_arrow_input_and_categories() -> None:
    pa = pytest.importorskip("pyarrow")
    kinds = pa.array(["single", "group", None])
    scales = pa.array(["35万吨", "35万吨", "35万吨"])
    result = columnar.evaluate(
        "ferroalloy", {"enterprise.kind": kinds, "enterprise.scale_after": scales}, on=ON
    )
    assert result.statuses("ferroalloy.ratio_tier") == ["met", "met", "unknown"]
    assert [result.value("ratio", r) for r in range(3)] == [Decimal("1.1"), Decimal("1.25"), None]
    coded = columnar.Categories(np.array([1, 0, -1], dtype=np.int8), ("group", "single"))
    again = columnar.evaluate(
        "ferroalloy",
        {"enterprise.kind": coded, "enterprise.scale_after": columnar.Scaled(np.full(3, 350_000))},
        on=ON,
    )
    assert [again.value("tier", r) for r in range(3)] == [Decimal(1), Decimal(0), None]


def _plan_tables(approved: list[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    n = len(approved)
    table = {
        "enterprise.kind": columnar.Categories(np.zeros(n, np.int8), ("single",)),
        "enterprise.scale_after": columnar.Scaled(np.full(n, 350_000)),
        "assessed_by_grade_a_consultant": np.ones(n, dtype=bool),
    }
    lists = {
        "new_capacity": {
            "application": np.arange(n),
            "product": columnar.Categories(np.zeros(n, np.int8), ("硅铁",)),
            "capacity": columnar.Scaled(np.full(n, 100_000)),
        },
        "retired": {
            "application": np.arange(n),
            "id": columnar.Categories(np.zeros(n, np.int8), ("1#",)),
            "product": columnar.Categories(np.zeros(n, np.int8), ("硅铁",)),
            "assessed": columnar.Scaled(np.full(n, 110_000)),
            "approved": columnar.Scaled(np.array(approved), 0, np.array(approved) >= 0),
            "source": columnar.Categories(
                np.ones(n, np.int8), ("elimination_plan", "compliant_project")
            ),
            "in_region": np.ones(n, dtype=bool),
            "eliminated_category_2024": np.zeros(n, dtype=bool),
            "furnace_type": columnar.Categories(np.zeros(n, np.int8), ("submerged_arc",)),
            "transformer": columnar.Scaled(np.full(n, 25_500)),
            "ferroalloy_smelting": np.ones(n, dtype=bool),
        },
    }
    return table, lists


def test_results_and_item_findings() -> None:
    table, lists = _plan_tables([-1, 109_999, 200_000])
    result = columnar.evaluate("ferroalloy", table, on=ON, lists=lists)
    assert result.statuses("ferroalloy.sufficient_retirement") == ["met", "not_met", "met"]
    assert [result.value("counted_retirement", r) for r in range(3)] == [
        Decimal(110_000),
        Decimal(109_999),
        Decimal(110_000),
    ]
    assert result.value("required_retirement", 0) == Decimal(110_000)
    assert result.value("surplus", 1) == Decimal(-1)
    assert result.row(1)["ferroalloy.unit.1#"] == "met"
    assert result.items["ferroalloy.unit"].list == "retired"
    assert result.item_rows("ferroalloy.unit", 2).tolist() == [2]
    bare = columnar.evaluate("ferroalloy", table, on=ON, lists=lists, results=False)
    assert bare.results == {}
    assert bare.status.tolist() == result.status.tolist()


def test_values_beyond_int64_go_to_the_row_path_exactly() -> None:
    """A share whose cross-multiplication would overflow is decided by the row path."""
    huge = 9_000_000_000_000_000_000 // 10**3
    columns = {
        "rd_staff": columnar.Scaled(np.array([huge, 5])),
        "employees": columnar.Scaled(np.array([huge * 2, 10])),
    }
    result = columnar.evaluate("cluster", columns, on=ON)
    assert result.row_path.tolist() == [True, False]
    assert result.statuses("cluster.rd_staff_share") == ["met", "met"]
    assert result.value("rd_staff_share", 0) == Decimal("0.5")


def test_refused_values_and_bad_columns() -> None:
    with pytest.raises(InputError):
        columnar.evaluate("cluster", {"area": ["1平方公里"], "employees": [1, 2]}, on=ON)
    with pytest.raises(InputError):
        columnar.evaluate("cluster", 42, on=ON)
    with pytest.raises(InputError):
        columnar.from_records([{"area": "1平方公里"}, 3])  # type: ignore[list-item]
    with pytest.raises(InputError):
        columnar.evaluate("cluster", {"area": ["1平方公里"]}, on=ON, lists={"years": {"year": [1]}})
    with pytest.raises(InputError):
        columnar.evaluate(
            "cluster", {"area": ["1平方公里"]}, on=ON, lists={"years": {"application": [3]}}
        )
    with pytest.raises(InputError):  # a parameter the data file refuses: for every row at once
        columnar.evaluate("cluster", {"area": ["1平方公里"]}, on=ON, parameters={"recent_years": 0})
    refused = columnar.evaluate("cluster", {"area": ["a lot"]}, on=ON)
    assert refused.decisions() == [None]
    assert isinstance(refused.errors[0], InputError)
    assert refused.row_path.tolist() == [True]
    assert refused.statuses("cluster.area") == [None]


def test_large_batches_read_texts_in_bulk() -> None:
    """Past a couple of thousand values a text column is read by the vectorised parser (in
    Polars): the same outcome, row for row, as the row path on each distinct fact set."""
    from nmgpolicy.columnar import _readers

    for ruleset, rows in (("cluster", CLUSTER_ROWS), ("ferroalloy", FERROALLOY_ROWS)):
        distinct = [f for _, f in rows]
        repeat = _readers._SMALL // len(distinct) + 2
        facts = distinct * repeat
        columns, lists = columnar.from_records(facts)
        result = columnar.evaluate(ruleset, columns, on=FIXED[ruleset], lists=lists)
        want = [_row(ruleset, f, FIXED[ruleset], None) for f in distinct]
        got = [
            type(result.errors[r]).__name__ if d is None else (d, result.row(r))
            for r, d in enumerate(result.decisions())
        ]
        assert got == want * repeat


def test_results_are_read_only_and_threads_agree() -> None:
    """A result cannot be changed by its reader; batches decided at once from many threads
    (the caches are shared) agree with one decided alone."""
    from concurrent.futures import ThreadPoolExecutor

    table, lists = _plan_tables([-1, 109_999, 200_000] * 50)
    alone = columnar.evaluate("ferroalloy", table, on=ON, lists=lists)
    with pytest.raises(ValueError, match="read-only"):
        alone.status[0] = 2
    with pytest.raises(ValueError, match="read-only"):
        alone.results["counted_retirement"].values[0] = 1
    assert table["enterprise.scale_after"].values.flags.writeable  # the caller's column

    def run(_: int) -> Any:
        return observed(columnar.evaluate("ferroalloy", table, on=ON, lists=lists))

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(run, range(8)))
    assert all(outcome == observed(alone) for outcome in outcomes)


def _masked(column: Any) -> Any:
    """``column`` with an explicit validity array (all True where it had none): the kernels'
    general (masked) paths."""
    ones = np.ones(len(column), dtype=np.bool_)
    if isinstance(column, columnar.Scaled):
        return columnar.Scaled(column.values, column.exponent, column.mask().copy())
    if isinstance(column, columnar.Categories):
        return columnar.Categories(column.codes, column.labels, column.mask().copy())
    if isinstance(column, columnar.Members):
        return columnar.Members(column.bits, column.labels, column.mask().copy())
    if isinstance(column, columnar.Dates):
        return columnar.Dates(column.days, column.mask().copy())
    if column.dtype == np.bool_:
        return columnar.Flags(column, ones)
    return columnar.Scaled(column.astype(np.int64), 0, ones)


def _benchmark_tables(ruleset: str, rows: int) -> dict[str, Any]:
    from benchmarks import columnar_adapter, ferroalloy_peers, workload
    from benchmarks.cluster_peers import load_thresholds

    if ruleset == "ferroalloy":
        rule = ferroalloy_peers.load_rule()
        return columnar_adapter.ferroalloy_tables(ferroalloy_peers.generate(rows, rule))
    thresholds = load_thresholds()
    apps = workload.cluster_workload(60, dict(thresholds.values))
    return columnar_adapter.cluster_tables(
        columnar_adapter.cluster_columns([a["app"] for a in apps], rows)
    )


@pytest.mark.parametrize("ruleset", ["cluster", "ferroalloy"])
def test_complete_columns_take_the_fast_paths_exactly(ruleset: str) -> None:
    """Complete pre-parsed columns (no validity: the kernels skip masks, read the years in
    place, bound products by the columns' extremes) decide as the same columns with explicit
    masks (the general paths) and as the row path."""
    from nmgpolicy.columnar._items import Items, item_model
    from tests.test_columnar_equal import _same, expected

    tables = _benchmark_tables(ruleset, 400)
    columns, lists = tables["columns"], tables["lists"]
    on = dt.date(2025, 6, 1)
    fast = columnar.evaluate(ruleset, columns, on=on, lists=lists)
    assert not fast.row_path.any()
    masked = columnar.evaluate(
        ruleset,
        {k: _masked(v) for k, v in columns.items()},
        on=on,
        lists={
            key: {k: v if k == "application" else _masked(v) for k, v in table.items()}
            for key, table in lists.items()
        },
    )
    got = observed(fast)
    assert got == observed(masked)
    model = nmgpolicy.engine.get_ruleset(ruleset).facts_type
    table = Table(model, columns, len(got))
    items = {
        key: Items(key, item_model(model, key), value, len(got)) for key, value in lists.items()
    }
    from nmgpolicy.columnar._read import facts_of_row

    facts = []
    for row in range(len(got)):
        fact = facts_of_row(table, row)
        for key, found in items.items():
            if found.count[row]:  # no items: the list is not given (as the columns say)
                fact[key] = found.facts(row)
        facts.append(fact)
    want = expected(ruleset, facts, on, None)
    assert all(_same(w, g) for w, g in zip(want, got, strict=True))
    assert len({outcome[0] for outcome in got}) > 1  # not one decision for every row


def test_narrow_codes_of_many_labels_are_not_duplicates() -> None:
    """Unit ids given as ``int8`` codes into more than eight labels: distinct ids stay on the
    kernels (a narrow code once shifted out of its type and looked like a duplicate)."""
    labels = tuple(f"{k}#炉" for k in range(12))
    plans = {
        "enterprise.kind": columnar.Categories(np.zeros(2, np.int8), ("single", "group")),
        "enterprise.scale_after": columnar.Scaled(np.full(2, 350_000)),
    }
    lists = {
        "retired": {
            "application": np.array([0, 0, 1, 1]),
            "id": columnar.Categories(np.array([9, 9, 10, 11], dtype=np.int8), labels),
            "assessed": columnar.Scaled(np.array([1000, 2000, 3000, 4000])),
        },
        "new_capacity": {
            "application": np.array([0, 1]),
            "capacity": columnar.Scaled(np.array([100, 100])),
        },
    }
    result = columnar.evaluate("ferroalloy", plans, on=ON, lists=lists)
    assert result.row_path.tolist() == [True, False]  # plan 0 names 9#炉 twice
    assert "duplicate unit id" in str(result.errors[0])


def test_results_are_finished_once_when_first_read() -> None:
    """Some result columns are computed when first read (the counts of excluded and
    undetermined units, the shares shown): the row path's values of its rows are written into
    them then, and one result read from many threads at once is finished once, alike."""
    from concurrent.futures import ThreadPoolExecutor

    table, lists = _plan_tables([-1, 109_999, 200_000] * 40)
    retired = dict(lists["retired"])
    source = retired["source"]
    codes = np.array(source.codes, copy=True)
    codes[4] = -1  # row 4's only unit: its source unknown (the unit undetermined)
    retired["source"] = columnar.Categories(codes, source.labels)
    texts = np.array(["110000吨"] * len(codes), dtype=object)
    texts[7] = "110000"  # row 7: no unit — refused by the row path
    texts[9] = "110000.0005吨"  # row 9: half a kilogram — decided by the row path
    retired["assessed"] = texts
    lists = {**lists, "retired": retired}
    want = observed(columnar.evaluate("ferroalloy", table, on=ON, lists=lists))
    result = columnar.evaluate("ferroalloy", table, on=ON, lists=lists)
    assert result.row_path[7] and 7 in result.errors
    assert result.row_path[9] and 9 not in result.errors
    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(lambda _: observed(result), range(16)))
    assert all(outcome == want for outcome in seen)
    assert result.results["excluded_units"] is result.results["excluded_units"]
    assert result.value("undetermined_units", 4) == Decimal(1)
    assert result.value("excluded_units", 7) is None  # refused: no results
    assert result.value("excluded_units", 9) == 0  # the row path's, written in
    assert result.value("counted_retirement", 9) == Decimal("110000.0005")
    assert not result.overflow
