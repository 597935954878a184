"""The fast paths of the columnar kernels, each against a plain reference: the decision eight
rows a word, the paired counts of a long table, the calendar years of dates, the extremes found
when a column is read (never kept from one call to the next), and complete year windows at the
edges (a first year of 0, a whole of 0, products beyond ``int64``) against the row path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
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


def _row_path_outcomes(
    tables: dict[str, Any], on: dt.date, ruleset: str = "cluster", parameters: Any = None
) -> list[Any]:
    """The row path's outcomes of every row of ``tables`` (their facts rebuilt from columns)."""
    import nmgpolicy
    from nmgpolicy.columnar._items import item_model
    from nmgpolicy.columnar._read import Table, facts_of_row
    from tests.test_columnar_equal import expected

    columns, lists = tables["columns"], tables["lists"]
    size = len(next(iter(columns.values())))
    model = nmgpolicy.engine.get_ruleset(ruleset).facts_type
    table = Table(model, columns, size)
    items = {key: Items(key, item_model(model, key), value, size) for key, value in lists.items()}
    facts = []
    for row in range(size):
        fact = facts_of_row(table, row)
        for key, found in items.items():
            if found.count[row]:
                fact[key] = found.facts(row)
        facts.append(fact)
    return expected(ruleset, facts, on, parameters)


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


def test_the_shared_all_false_mask_is_never_read_and_never_written() -> None:
    """A reader that refuses no row returns the shared read-only all-False mask (no fresh
    zeros to fault in when read); :func:`refuses` knows it, and any view of it, unread."""
    from nmgpolicy.columnar._columns import none, refuses
    from nmgpolicy.columnar._readers import reader_of

    mask = none(5)
    assert mask is none(5) and not mask.flags.writeable and not mask.any()
    assert not refuses(mask) and not refuses(none(6).reshape(2, 3))
    assert refuses(np.array([False, True])) and not refuses(np.zeros(3, dtype=np.bool_))
    reader = reader_of(bool)
    assert reader is not None
    _, refused = reader(bool, np.array([True, False, True]))
    assert refused is none(3)
    with pytest.raises(ValueError, match="read-only"):
        refused[0] = True


@pytest.mark.parametrize(
    ("values", "floor", "ceiling", "peak"),
    [
        ([0, 5, 9], -(10**12), 10**12, 9),  # a negative floor, no negative value: one pass
        ([-7, 5, 3], -(10**12), 10**12, 7),  # a negative value: the minimum and the maximum
        ([-7, 5], -5, 10, None),  # below the floor
        ([3, 11], -5, 10, None),  # above the ceiling
        ([3, 11], 0, 10, None),
        ([-1, 3], 0, 10, None),  # negative, read unsigned: above any ceiling
        ([2**63 - 1], -(2**63), 2**64, 2**63 - 1),  # a ceiling beyond int64: cut to it
    ],
)
def test_the_range_check_finds_the_extremes(
    values: list[int], floor: int, ceiling: int, peak: int | None
) -> None:
    from nmgpolicy.columnar._readers import _inside

    assert _inside(np.array(values, dtype=np.int64), floor, ceiling) == peak


@pytest.mark.parametrize("table", [(0, 3, 1, 2, 3), (0, 2, 3, 1), (1,), (5, 0, 7), (200, 3, 0)])
def test_a_small_lookup_is_an_index_into_its_table(table: tuple[int, ...]) -> None:
    from nmgpolicy.columnar._kernels import small_lookup

    codes = np.random.default_rng(3).integers(0, len(table), 500).astype(np.int8)
    assert small_lookup(table, codes).tolist() == [table[c] for c in codes.tolist()]


def test_any_of_takes_the_best_status_of_its_parts() -> None:
    """Met if any part is met; else unknown, else review; else not met (every pair of codes)."""
    from nmgpolicy.columnar._years import any_of_codes

    order = {0: 0, 2: 1, 3: 2, 1: 3, 4: 3}  # met, unknown, review, not_met (n/a as not_met)
    best = {0: 0, 1: 2, 2: 3, 3: 1}
    for a in range(5):
        for b in range(5):
            got = any_of_codes([np.array([a], np.int8), np.array([b], np.int8)])
            assert got.dtype == np.int8 and int(got[0]) == best[min(order[a], order[b])]


def test_complete_numeric_plans_agree_with_the_row_path() -> None:
    """Ferroalloy plans from complete NumPy columns (every unit's facts given: the verdicts are
    made without a mask of missing facts) decide and count as the row path does."""
    from benchmarks.columnar_adapter import ferroalloy_tables
    from benchmarks.ferroalloy_peers import generate, load_rule

    from tests.test_columnar_equal import _same

    on = dt.date(2025, 6, 1)
    tables = ferroalloy_tables(generate(300, load_rule()))
    result = columnar.evaluate("ferroalloy", tables["columns"], on=on, lists=tables["lists"])
    got = observed(result)
    want = _row_path_outcomes(tables, on, "ferroalloy")
    assert all(_same(w, g) for w, g in zip(want, got, strict=True))
    assert not result.row_path.any()
    statuses = set(result.items["ferroalloy.unit"].status.tolist())
    assert statuses == {0, 1}  # units counted and units excluded, none undetermined


# --------------------------------------------------------------------------------------------
# Review 15: values the columns cannot hold exactly go to the row path (never an escape)
# --------------------------------------------------------------------------------------------

ON_DISC = dt.date(2026, 3, 2)


def _disclosure(formed: Any) -> dict[str, Any]:
    return {"item": ["first-set-results"] * len(formed), "formed_on": formed}


def test_dates_beyond_the_calendar_are_refused_with_the_row_paths_error() -> None:
    """Pre-parsed days before 0001-01-01 and after 9999-12-31 (up to int64's extremes): each
    row refused with an InputError at its field; the rows inside decided by the kernels."""
    from nmgpolicy.columnar import Dates
    from nmgpolicy.errors import InputError

    first, last = (dt.date.min - dt.date(1970, 1, 1)).days, (dt.date.max - dt.date(1970, 1, 1)).days
    days = [20486, first, last, first - 1, last + 1, -(2**62), 2**63 - 1]
    result = columnar.evaluate("disclosure", _disclosure(Dates(np.array(days))), on=ON_DISC)
    assert not result.row_path[0]  # the first and last days: the kernels' or the row path's
    for row in range(3, len(days)):
        error = result.errors[row]
        assert isinstance(error, InputError) and "$.formed_on" in error.paths, error


def test_numpy_dates_are_read_at_day_precision_only() -> None:
    """A datetime64 at midnight (any unit) is its date; a time of day, a day beyond 9999 or a
    NumPy date inside records is the row path's (which refuses them); a month is its first day."""
    from nmgpolicy.errors import InputError

    stamps = np.array(
        ["2026-02-02T00:00", "2026-02-02T00:00:01", "NaT", "10000-01-01T00:00"],
        dtype="datetime64[s]",
    )
    result = columnar.evaluate("disclosure", _disclosure(stamps), on=ON_DISC)
    assert result.row_path.tolist() == [False, True, True, True]  # NaT: a required date missing
    assert isinstance(result.errors[1], InputError) and isinstance(result.errors[3], InputError)
    days = columnar.evaluate(
        "disclosure", _disclosure(stamps[:1].astype("datetime64[D]")), on=ON_DISC
    )
    assert days.decisions() == result.decisions()[:1]
    months = np.array(["2026-02"], dtype="datetime64[M]")
    by_month = columnar.evaluate("disclosure", _disclosure(months), on=ON_DISC)
    by_text = columnar.evaluate("disclosure", _disclosure(["2026-02-01"]), on=ON_DISC)
    assert observed(by_month) == observed(by_text) and not by_month.row_path.any()
    records = columnar.evaluate(
        "disclosure", _disclosure([np.datetime64("2026-02-02"), "2026-02-02"]), on=ON_DISC
    )
    assert isinstance(records.errors[0], InputError) and 1 not in records.errors


def test_arrow_date64_is_a_date_unless_it_holds_a_time() -> None:
    pa = pytest.importorskip("pyarrow")
    pytest.importorskip("polars")
    whole = pa.array([dt.date(2026, 2, 2), None], pa.date64())
    result = columnar.evaluate(
        "disclosure", pa.table({"item": ["first-set-results"] * 2, "formed_on": whole}), on=ON_DISC
    )
    text = columnar.evaluate(
        "disclosure",
        {"item": ["first-set-results"] * 2, "formed_on": ["2026-02-02", None]},
        on=ON_DISC,
    )
    assert observed(result) == observed(text) and not result.row_path[0]
    timed = pa.array([20486 * 86_400_000 + 5], pa.date64())  # not a whole day
    odd = columnar.evaluate(
        "disclosure", pa.table({"item": ["first-set-results"], "formed_on": timed}), on=ON_DISC
    )
    assert odd.row_path[0] and 0 in odd.errors


def test_a_scaled_column_holds_integers() -> None:
    """Floats (and booleans) refused with an InputError at the column; narrow integers read."""
    from nmgpolicy.columnar import Scaled
    from nmgpolicy.errors import InputError

    base = {"is_sme": [True], "niche_years": Scaled(np.array([3], dtype=np.int32), 0)}
    columnar.evaluate("sme_specialized", base, on=ON)
    for values in (np.array([3.0]), np.array([True])):
        with pytest.raises(InputError, match=r"niche_years.*integers"):
            columnar.evaluate("sme_specialized", dict(base, niche_years=Scaled(values, 0)), on=ON)


def test_ratios_are_written_back_as_percents() -> None:
    from nmgpolicy.columnar import Scaled
    from nmgpolicy.columnar._read import Table, value_at
    from nmgpolicy.rules.sme_specialized import SpecializedFacts

    values = np.array([120, -5, 1, 0], dtype=np.int64)
    table = Table(SpecializedFacts, {"debt_ratio": Scaled(values, -2)}, 4)
    assert [value_at(table, "debt_ratio", k) for k in range(4)] == ["120%", "-5%", "1%", "0%"]
    fine = Table(SpecializedFacts, {"debt_ratio": Scaled(np.array([1]), -18)}, 1)
    assert value_at(fine, "debt_ratio", 0) == "0.0000000000000001%"


def test_scales_beyond_int64_never_overflow() -> None:
    """Factors of 10**19 and more between two scales: zeros are exact, any other value at risk
    (the row path's), in each guarded product."""
    from nmgpolicy.columnar import Scaled
    from nmgpolicy.columnar._cluster import _rescaled
    from nmgpolicy.columnar._ferroalloy_basis import at
    from nmgpolicy.columnar._kernels import compare_exact, floor_divided
    from nmgpolicy.criteria import Compare

    zeros, some = np.zeros(3, dtype=np.int64), np.array([0, 1, -1], dtype=np.int64)
    share = Decimal("0.05")  # at 10**19: a denominator of 10**21
    holds, risky = compare_exact(zeros, 19, share, Compare.AT_LEAST, peak=0)
    assert holds.tolist() == [False] * 3 and not risky.any()
    holds, risky = compare_exact(some, 19, share, Compare.AT_LEAST, peak=1)
    assert risky.tolist() == [False, True, True] and not holds[0]
    assert floor_divided(some, 10**19).tolist() == [0, 0, -1]
    assert floor_divided(some * 7, 2).tolist() == [0, 3, -4]
    over = np.zeros(3, dtype=np.bool_)
    assert at(Scaled(some, 19), 0, over).tolist() == [0, 0, 0] and over.tolist() == [
        False,
        True,
        True,
    ]
    assert _rescaled(Scaled(some, 19), 0) is None


@attrs.frozen
class Inner:
    level: str
    rank: int | None = None


@attrs.frozen
class Outer:
    inner: Inner | None = None
    name: str | None = None


def test_required_fields_of_items_and_of_nested_objects() -> None:
    """An item without a required field — no column for it at all — is the row path's; a
    nested optional object's required field is missing only where the row gives the object."""
    from nmgpolicy.columnar._read import Table
    from nmgpolicy.columnar._records import ABSENT

    table = Table(Outer, {"inner.level": [ABSENT, "a", ABSENT], "inner.rank": [ABSENT, 1, 2]}, 3)
    table.screen()
    assert table.row_path.tolist() == [False, False, True]
    items = Table(Inner, {"rank": [1, 2]}, 2)
    items.screen(complete=True)
    assert items.row_path.all()
    whole = Table(Inner, {"level": ["a", "b"]}, 2)
    whole.screen(complete=True)
    assert not whole.row_path.any()


def test_three_valued_or_and_and_equal_the_row_path_for_every_combination() -> None:
    """``either_codes``/``both_codes`` (one fold) decide as ``criteria_scoring.either``/``both``
    for every combination of up to three statuses, and for none."""
    import itertools

    from nmgpolicy.columnar._kernels import CODES
    from nmgpolicy.columnar._scoring import both_codes, either_codes
    from nmgpolicy.criteria_scoring import both, either

    for n in range(4):
        for combo in itertools.product(list(CODES), repeat=n):
            parts = [np.array([CODES[s]], dtype=np.int8) for s in combo]
            assert either_codes(parts, 1)[0] == CODES[either(combo)], combo
            assert both_codes(parts, 1)[0] == CODES[both(combo)], combo


def _uniform_reference(app: list[int], applications: int) -> int | None:
    """``k`` when the items give each application exactly ``k`` items, grouped in row order."""
    if not applications or not app or len(app) % applications:
        return None
    k = len(app) // applications
    return k if app == [row for row in range(applications) for _ in range(k)] else None


@pytest.mark.parametrize(
    ("app", "applications"),
    [
        ([0, 0, 0, 1, 1, 1], 2),
        ([0, 0, 1, 1, 1, 1], 2),  # the first item of each right, a later one not
        ([0, 1, 0, 1, 1, 0], 2),
        ([0, 0, 1, 1, 0, 1], 2),
        ([1, 1, 0, 0], 2),
        ([0, 0, 1, 2], 2),
        ([0, 1, 2], 3),
        ([0, 1, 1], 3),
        ([0, 0, 0], 1),
        ([0, 0, 1], 1),
        ([], 2),
        ([0, 0, 0, 0], 3),
    ],
)
def test_the_uniform_layout_is_found_exactly(app: list[int], applications: int) -> None:
    from nmgpolicy.columnar._items import _uniform

    found = _uniform(np.array(app, dtype=np.int64), applications)
    assert found == _uniform_reference(app, applications)


def test_the_uniform_layout_agrees_with_the_reference_on_random_keys() -> None:
    from nmgpolicy.columnar._items import _uniform

    rng = np.random.default_rng(7)
    for _ in range(400):
        applications = int(rng.integers(1, 6))
        k = int(rng.integers(1, 4))
        app = [row for row in range(applications) for _ in range(k)]
        for _ in range(int(rng.integers(0, 3))):  # a few keys changed, or none
            app[int(rng.integers(0, len(app)))] = int(rng.integers(0, applications))
        assert _uniform(np.array(app, dtype=np.int64), applications) == _uniform_reference(
            app, applications
        )


@pytest.mark.parametrize("anchor", ["application_year", "latest_given"])
def test_year_windows_read_in_place_only_when_they_are_the_window_in_order(anchor: str) -> None:
    """Three years per application (the layout tried in place first): in order, shuffled, one
    year repeated, shifted off the window, with a gap — each decided as the row path decides."""
    from benchmarks.columnar_adapter import cluster_columns, cluster_tables

    from tests.test_columnar_equal import _same

    apps = [_app() for _ in range(8)]
    tables = cluster_tables(cluster_columns(apps, len(apps)))
    years = tables["lists"]["years"]["year"].copy()
    last = int(years[2])
    layouts = [
        [last - 2, last - 1, last],  # the window in order
        [last - 1, last - 2, last],  # shuffled
        [last - 2, last, last - 1],
        [last - 2, last - 2, last],  # a year given twice
        [last - 3, last - 2, last - 1],  # the window shifted a year back
        [last - 1, last, last + 1],  # a year after the window
        [last - 3, last - 1, last],  # a gap
        [last - 2, last - 1, last],
    ]
    years[:] = np.array(layouts, dtype=np.int64).reshape(-1)
    tables["lists"]["years"]["year"] = years
    parameters = {"recent_years_anchor": anchor}
    result = columnar.evaluate(
        "cluster", tables["columns"], on=ON, lists=tables["lists"], parameters=parameters
    )
    got = observed(result)
    want = _row_path_outcomes(tables, ON, parameters=parameters)
    assert all(_same(w, g) for w, g in zip(want, got, strict=True))
    assert got[0] == got[7]
