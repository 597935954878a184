"""The fast paths of the columnar kernels, each against a plain reference: the decision eight
rows a word, the paired counts of a long table, the calendar years of dates, the extremes found
when a column is read (never kept from one call to the next), and complete year windows at the
edges (a first year of 0, a whole of 0, products beyond ``int64``) against the row path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

np = pytest.importorskip("numpy")

from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.columnar import _decide  # noqa: E402
from nmgpolicy.columnar._columns import Dates  # noqa: E402
from nmgpolicy.columnar._items import Items, Opaque  # noqa: E402
from tests.test_columnar_equal import observed  # noqa: E402

ON = dt.date(2025, 6, 1)


def _reference(findings: list[Any], size: int) -> list[int]:
    """Ineligible (1) if any finding is not_met (1), else undetermined (2) if any is unknown
    (2) or review (3), else eligible (0)."""
    out = []
    for row in range(size):
        codes = {int(f[row]) for f in findings}
        out.append(1 if 1 in codes else 2 if codes & {2, 3} else 0)
    return out


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 64, 1001])
def test_decision_by_words_agrees_with_the_rule(size: int) -> None:
    rng = np.random.default_rng(size)
    findings = [rng.integers(0, 5, size).astype(np.int8) for _ in range(6)]
    findings.append(rng.integers(0, 5, size + 3).astype(np.int8)[1 : size + 1])  # an offset view
    findings.append(np.zeros(size, dtype=np.int8))
    got = _decide.decide(findings, size)
    assert got.dtype == np.int8 and len(got) == size
    assert got.tolist() == _reference(findings, size)
    if size:
        # per-row extras: a not_met item, an open one
        flagged = np.zeros(size, dtype=np.bool_)
        flagged[-1] = True
        met = [np.zeros(size, dtype=np.int8)]
        assert _decide.decide(met, size, [(flagged, _decide.OPEN_BIT)]).tolist()[-1] == 2
        both = [(flagged, _decide.OPEN_BIT), (flagged, _decide.NOT_MET_BIT)]
        assert _decide.decide(met, size, both).tolist()[-1] == 1
        assert set(_decide.decide(met, size, both).tolist()[:-1]) <= {0}


@pytest.mark.parametrize(
    ("applications", "most"), [(1, 3), (50, 6), (300, 400), (40, 70_000), (0, 1)]
)
def test_paired_counts_are_exact(applications: int, most: int) -> None:
    """Both counts in one running sum (8- or 16-bit lanes, wrapping): exact for every
    application, those with no items too; beyond 2**16 items, counted one by one."""
    rng = np.random.default_rng(most)
    count = rng.integers(0, most + 1, applications)
    if applications:
        count[0] = most  # the widest lanes are needed
    app = np.repeat(np.arange(applications), count)
    items = Items("x", Opaque, {"application": app}, applications)
    first, second = rng.random(len(app)) < 0.6, rng.random(len(app)) < 0.3
    got = items.count_pair(first, second)
    for found, mask in zip(got, (first, second), strict=True):
        assert found.dtype == np.int64
        assert found.tolist() == np.bincount(app[mask], minlength=applications).tolist()


def test_paired_counts_of_items_out_of_order() -> None:
    app = np.array([2, 0, 2, 1, 0, 2])
    items = Items("x", Opaque, {"application": app}, 4)
    first = np.array([True, True, False, True, True, True])
    second = ~first
    assert [c.tolist() for c in items.count_pair(first, second)] == [
        [2, 1, 2, 0],
        [0, 0, 1, 0],
    ]


@pytest.mark.parametrize("span", [0, 1, 5, 16, 17, 40, 400])
def test_years_of_dates_agree_with_the_calendar(span: int) -> None:
    rng = np.random.default_rng(span)
    first = (dt.date(1999, 12, 31) - dt.date(1970, 1, 1)).days
    days = first + rng.integers(0, 365 * span + 2, 2000)
    days[:3] = [first, first + 1, first + 365 * span + 1]
    want = days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    assert Dates(days).years().tolist() == want.tolist()


def _app(**changes: Any) -> dict[str, Any]:
    from benchmarks.columnar_adapter import _WARM_APP

    return {**_WARM_APP, **changes}


EDGES = [
    _app(),
    _app(rd_expense=[0, 25_000_000, 30_000_000]),  # growth from 0: review
    _app(patents=[0, 0, 0], rd_expense=[0, 1, 2]),  # both alternatives of growth open
    _app(output=[1_000_000_000, 1_100_000_000, 0], sme_output=[0, 0, 0], leading=[0, 0, 0]),
    _app(sme_output=[700_000_000, 800_000_000, 1_400_000_000]),  # a part above the whole
    _app(carbon=[9000, 9000, 8500], patents=[100, 99, 150]),
    _app(output=[10**17, 10**17 + 1, 9 * 10**17], leading=[10**17, 10**17, 9 * 10**17]),
    _app(rd_expense=[10**16, 2 * 10**16, 9 * 10**17], sme_output=[10**17, 10**17, 10**17]),
    _app(employees=1, rd_staff=1, patents=[10**11, 10**11, 10**11]),
    _app(year=2018),
]


def _row_path_outcomes(tables: dict[str, Any], on: dt.date) -> list[Any]:
    """The row path's outcomes of every row of ``tables`` (their facts rebuilt from columns)."""
    import nmgpolicy
    from nmgpolicy.columnar._items import item_model
    from nmgpolicy.columnar._read import Table, facts_of_row
    from tests.test_columnar_equal import expected

    columns, lists = tables["columns"], tables["lists"]
    size = len(next(iter(columns.values())))
    model = nmgpolicy.engine.get_ruleset("cluster").facts_type
    table = Table(model, columns, size)
    items = {key: Items(key, item_model(model, key), value, size) for key, value in lists.items()}
    facts = []
    for row in range(size):
        fact = facts_of_row(table, row)
        for key, found in items.items():
            if found.count[row]:
                fact[key] = found.facts(row)
        facts.append(fact)
    return expected("cluster", facts, on, None)


def test_complete_year_windows_at_the_edges_agree_with_the_row_path() -> None:
    """Complete windows read in place, compound growth and shares written straight into the
    status columns, products bounded by the extremes found when reading — at a first year of
    0, a whole of 0, a part above its whole, and products beyond ``int64``."""
    from benchmarks.columnar_adapter import cluster_columns, cluster_tables

    from tests.test_columnar_equal import _same

    tables = cluster_tables(cluster_columns(EDGES, len(EDGES) * 3))
    result = columnar.evaluate("cluster", tables["columns"], on=ON, lists=tables["lists"])
    got = observed(result)
    want = _row_path_outcomes(tables, ON)
    assert all(_same(w, g) for w, g in zip(want, got, strict=True))
    assert "review" in result.statuses("cluster.innovation_growth")  # growth from 0
    assert result.row_path[4]  # a part above the whole: parse_facts refuses it
    assert not result.row_path[0]


def test_extremes_are_found_again_on_every_call() -> None:
    """A column's extremes are found by the reading of each call: a caller who changes the
    values of a column between two calls gets the answers of the new values."""
    from benchmarks.columnar_adapter import cluster_columns, cluster_tables

    from tests.test_columnar_equal import _same

    tables = cluster_tables(cluster_columns(EDGES[:1], 4))
    columns, lists = tables["columns"], tables["lists"]
    before = observed(columnar.evaluate("cluster", columns, on=ON, lists=lists))
    years = lists["years"]
    years["output"].values[:] = 9 * 10**17  # near the largest amount: products overflow
    years["sme_output"].values[:] = 8 * 10**17
    years["sme_rd_expense"].values[:] = np.tile([10**17, 2 * 10**17, 9 * 10**17], 4)
    after = columnar.evaluate("cluster", columns, on=ON, lists=lists)
    fresh = dict(lists)  # the same values in other arrays: no memory shared with the first call
    fresh["years"] = {
        k: columnar.Scaled(v.values.copy(), v.exponent, v.valid)
        if isinstance(v, columnar.Scaled)
        else v
        for k, v in lists["years"].items()
    }
    again = columnar.evaluate("cluster", columns, on=ON, lists=fresh)
    assert observed(after) == observed(again) != before
    want = _row_path_outcomes({"columns": columns, "lists": lists}, ON)
    assert all(_same(w, g) for w, g in zip(want, observed(after), strict=True))


def test_a_tables_extremes_are_its_own() -> None:
    """The extremes are kept by the table of one call (found by its range check), for the
    arrays it read: a column changed afterwards is read afresh by the next call's table."""
    from nmgpolicy.columnar._read import Table
    from nmgpolicy.rules.cluster import ClusterFacts

    values = np.array([3, 9, 4], dtype=np.int64)
    given = columnar.Scaled(values)
    first = Table(ClusterFacts, {"employees": given}, 3)
    column = first.scaled("employees")
    assert column is not None and first.peak(column) == 9
    assert first.peak(columnar.Scaled(values.copy())) is None  # other memory: not known
    values[1] = 10**11
    second = Table(ClusterFacts, {"employees": given}, 3)
    column = second.scaled("employees")
    assert column is not None and second.peak(column) == 10**11
    values[1] = -1  # out of range: refused, no extremes kept
    third = Table(ClusterFacts, {"employees": given}, 3)
    column = third.scaled("employees")
    assert column is not None and third.peak(column) is None and third.row_path[1]


@pytest.mark.parametrize("read_first", [False, True])
def test_results_survive_pickling(read_first: bool) -> None:
    """A result pickles with its deferred columns made (no function, no lock kept): the
    clone reads the same statuses, results and overflows, read-only."""
    import pickle

    from benchmarks.columnar_adapter import cluster_columns, cluster_tables

    tables = cluster_tables(cluster_columns(EDGES, len(EDGES)))
    result = columnar.evaluate("cluster", tables["columns"], on=ON, lists=tables["lists"])
    if read_first:
        observed(result)
    clone = pickle.loads(pickle.dumps(result))
    assert observed(clone) == observed(result)
    assert list(clone.results) == list(result.results)
    assert dict(clone.overflow) == dict(result.overflow)
    assert not clone.results["rd_staff_share"].values.flags.writeable
