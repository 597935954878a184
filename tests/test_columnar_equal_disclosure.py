"""The disclosure kernels decide as the row path does: statuses, decisions and results on golden
fact sets of three seeds (over 10,000 rows) and on targeted rows — every catalog item,
publication on the due date and a day after, pending and overdue, a publication or a formation
after the evaluation date, limits that reach a year with no official schedule, each override of
the limits — and the working-day arithmetic over columns equals :mod:`nmgpolicy.periods` day by
day.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

np = pytest.importorskip("numpy")

import nmgpolicy  # noqa: E402
from nmgpolicy import columnar, periods  # noqa: E402
from nmgpolicy.columnar import _dates, _disclosure  # noqa: E402 (registers the kernels)
from nmgpolicy.criteria_dates import Boundary, last_day  # noqa: E402
from nmgpolicy.criteria_deadlines import end_not_before  # noqa: E402
from nmgpolicy.errors import CalendarNotCovered, InputError  # noqa: E402
from nmgpolicy.periods import Period, PeriodUnit  # noqa: E402
from nmgpolicy.rules.disclosure import catalog  # noqa: E402
from tests.test_columnar_equal import assert_golden_rows_equal, compare  # noqa: E402

RULESET = "disclosure"
ON = dt.date(2026, 3, 2)
EPOCH = dt.date(1970, 1, 1)


def test_golden_rows_equal_the_row_path() -> None:
    assert_golden_rows_equal(RULESET, ("columnar-1", "columnar-2", "columnar-3"), 4_000, ON)


def _row(item: str, formed: str, published: str | None = None) -> dict[str, Any]:
    facts: dict[str, Any] = {"item": item, "formed_on": formed}
    if published is not None:
        facts["published_on"] = published
    return facts


ITEMS = [entry.id for entry in catalog()]

ROWS: list[tuple[str, dict[str, Any]]] = [
    *((f"{item}, on time", _row(item, "2025-09-26", "2025-10-20")) for item in ITEMS),
    *((f"{item}, pending", _row(item, "2026-02-20")) for item in ITEMS),
    *((f"{item}, overdue", _row(item, "2025-06-03")) for item in ITEMS),
    *((f"{item}, across new year", _row(item, "2025-12-20", "2026-01-30")) for item in ITEMS),
    ("published on the due date", _row("first-set-results", "2025-09-26", "2025-10-30")),
    ("published a day after the due date", _row("first-set-results", "2025-09-26", "2025-10-31")),
    ("published over a weekend late", _row("first-set-results", "2025-09-26", "2025-11-03")),
    ("budget: published on the rolled day", _row("annual-budget", "2026-01-11", "2026-02-02")),
    ("budget: published on the Saturday after", _row("annual-budget", "2026-01-10", "2026-01-31")),
    ("published after the evaluation date", _row("first-set-results", "2026-02-02", "2026-03-20")),
    ("formed after the evaluation date", _row("first-set-results", "2026-03-10")),
    ("formed on the evaluation date", _row("first-set-results", "2026-03-02")),
    ("published before formed", _row("first-set-results", "2026-02-02", "2026-02-01")),
    ("an unknown item", _row("no-such-item", "2026-02-02")),
    ("no formation date", {"item": "first-set-results"}),
    (
        "published as null",
        {"item": "first-set-results", "formed_on": "2026-02-02", "published_on": None},
    ),
    (
        "a limit reaching 2027, published early",
        _row("first-set-results", "2026-12-10", "2026-12-11"),
    ),
    ("a limit reaching 2027, not published", _row("first-set-results", "2026-12-10")),
    ("a year-long limit reaching 2027", _row("ferroalloy-replacement", "2026-06-01", "2026-06-05")),
    ("formed in 2027", _row("annual-budget", "2027-01-05")),
    ("formed before the calendar", _row("first-set-results", "2003-06-02")),
    ("a date as a datetime text", _row("first-set-results", "2026-02-02T10:00:00")),
]


def _compare(rows: list[tuple[str, dict[str, Any]]], parameters: Any, on: dt.date) -> int:
    facts = [f for _, f in rows]
    _, decided, differences = compare(RULESET, facts, on, parameters)
    named = [f"{rows[int(d.split(' row ')[1].split(':')[0])][0]}: {d}" for d in differences]
    assert not differences, "\n".join(named)
    return decided


@pytest.mark.parametrize("on", [ON, dt.date(2027, 2, 1), dt.date(2026, 12, 31)])
@pytest.mark.parametrize(
    "parameters",
    [
        None,
        {"article_26_role": "fallback"},
        {"budget_law_period": "0日", "default_period": "0个工作日"},
        {"default_period": "40个工作日", "normative_cleanup_period": "31日"},
        {"budget_law_period": "19日", "article_26_role": "fallback"},
    ],
)
def test_targeted_rows_equal_the_row_path(parameters: Any, on: dt.date) -> None:
    decided = _compare(ROWS, parameters, on)
    if on == ON:
        assert decided >= len(ROWS) // 2


def test_before_the_regulation_each_row_gets_its_own_answer() -> None:
    """Evaluated before 国务院令第711号 took effect: the row path refuses each row (its facts
    first): so do the kernels, by leaving every row to it."""
    assert _compare(ROWS, None, dt.date(2019, 5, 14)) == 0


AIMS: dict[str, str] = {
    "published on the due date": "met",
    "published a day after the due date": "not_met",
    "budget: published on the rolled day": "met",
    "budget: published on the Saturday after": "not_met",
    "published after the evaluation date": "met",
    "formed after the evaluation date": "met",
    "a limit reaching 2027, published early": "met",
}
"""What some targeted rows are for, and the status of ``disclosure.on_time`` there."""


def test_targeted_rows_hit_their_edges() -> None:
    rows = dict(ROWS)
    for name, status in AIMS.items():
        decision = nmgpolicy.evaluate(RULESET, rows[name], on=ON)
        assert decision.findings[0].status.value == status, name


def test_results_and_the_rows_left_to_the_row_path() -> None:
    facts = [f for _, f in ROWS]
    names = [name for name, _ in ROWS]
    columns, lists = columnar.from_records(facts)
    result = columnar.evaluate(RULESET, columns, on=ON, lists=lists)
    assert set(result.results) == set(_disclosure.RESULTS)
    late = names.index("published over a weekend late")
    assert not result.row_path[late]
    assert result.value("due", late) == (dt.date(2025, 10, 30) - EPOCH).days
    assert (result.value("late_days", late), result.value("late_working_days", late)) == (4, 2)
    assert result.value("published", late) == 1
    saturday = names.index("budget: published on the Saturday after")
    assert (result.value("late_days", saturday), result.value("late_working_days", saturday)) == (
        1,
        0,
    )
    open_ = names.index("a limit reaching 2027, not published")  # pending: its bound not reached
    assert not result.row_path[open_]
    assert result.value("due", open_) is None
    assert result.value("due_not_before", open_) >= (dt.date(2027, 1, 1) - EPOCH).days
    assert result.statuses("disclosure.on_time")[open_] == "met"
    later = columnar.evaluate(RULESET, columns, on=dt.date(2027, 2, 1), lists=lists)
    assert later.row_path[open_]  # past its bound: the row path raises CalendarNotCovered
    assert type(later.errors[open_]) is CalendarNotCovered
    assert result.row_path[names.index("an unknown item")]


# --------------------------------------------------------------------------------------------
# The arithmetic of dates over columns, day by day against nmgpolicy.periods
# --------------------------------------------------------------------------------------------


def _days(dates: list[dt.date]) -> Any:
    return np.array([(d - EPOCH).days for d in dates], dtype=np.int64)


def _sample() -> list[dt.date]:
    rng = random.Random(11)
    years = sorted(periods.covered_years())
    edges = [
        dt.date(y, m, d)
        for y in (years[0] - 1, years[0], years[-1], years[-1] + 1)
        for m, d in ((1, 1), (2, 28), (2, 29) if y % 4 == 0 else (3, 1), (12, 31))
    ]
    start = dt.date(years[0] - 2, 1, 1)
    span = (dt.date(years[-1] + 2, 12, 31) - start).days
    return edges + [start + dt.timedelta(days=rng.randrange(span)) for _ in range(1_500)]


def _expected(function: Any, *args: Any) -> int | None:
    try:
        found = function(*args)
    except (CalendarNotCovered, InputError):
        return None
    return None if found is None else int((found - EPOCH).days)


def _check(dates: list[dt.date], got: tuple[Any, Any], expected: list[int | None]) -> None:
    values, bad = got
    for k, want in enumerate(expected):
        if want is None:
            assert bad[k], dates[k]
        else:
            assert not bad[k] and int(values[k]) == want, dates[k]


@pytest.mark.parametrize(
    "period",
    [
        Period(0, PeriodUnit.WORKING_DAY),
        Period(1, PeriodUnit.WORKING_DAY),
        Period(20, PeriodUnit.WORKING_DAY),
        Period(250, PeriodUnit.WORKING_DAY),
        Period(0, PeriodUnit.DAY),
        Period(20, PeriodUnit.DAY),
        Period(1, PeriodUnit.MONTH),
        Period(13, PeriodUnit.MONTH),
        Period(2, PeriodUnit.YEAR),
    ],
)
def test_periods_over_columns_equal_the_row_functions(period: Period) -> None:
    dates = _sample()
    days = _days(dates)
    cal = _dates.work_calendar()
    _check(
        dates,
        _dates.deadline(days, period, cal),
        [_expected(periods.deadline, d, period) for d in dates],
    )
    _check(
        dates,
        _dates.period_end(days, period, cal),
        [_expected(periods.period_end, d, period) for d in dates],
    )
    for boundary in (Boundary.CORRESPONDING_DAY, Boundary.REST_DAY_ROLL):
        want = [_expected(last_day, d, period, boundary) for d in dates]
        _check(dates, _dates.last_day(days, period, boundary, cal), want)


def test_working_days_between_over_columns() -> None:
    dates = _sample()
    rng = random.Random(12)
    later = [d + dt.timedelta(days=rng.choice((0, 1, 3, 40, 400))) for d in dates]
    got = _dates.working_between(_days(dates), _days(later), _dates.work_calendar())
    want = []
    for a, b in zip(dates, later, strict=True):
        try:
            want.append(periods.working_days_between(a, b))
        except CalendarNotCovered:
            want.append(None)
    values, bad = got
    for k, w in enumerate(want):
        assert bool(bad[k]) == (w is None), (dates[k], later[k])
        if w is not None:
            assert int(values[k]) == w, (dates[k], later[k])


def test_a_registered_year_is_read_afresh() -> None:
    """A registration replaces the calendar's snapshot: the arrays follow it."""
    year = max(periods.covered_years()) + 1
    day = dt.date(year, 1, 1)
    before = _dates.work_calendar()
    assert not before.is_covered(_days([day]))[0]
    periods.register_year(year, holidays=[], workdays=[], source="test")
    try:
        assert _dates.work_calendar().is_covered(_days([day]))[0]
    finally:
        periods.unregister_year(year)
    assert not _dates.work_calendar().is_covered(_days([day]))[0]


@pytest.mark.parametrize(
    "period",
    [
        Period(0, PeriodUnit.WORKING_DAY),
        Period(20, PeriodUnit.WORKING_DAY),
        Period(300, PeriodUnit.WORKING_DAY),
        Period(20, PeriodUnit.DAY),
        Period(1, PeriodUnit.YEAR),
    ],
)
def test_the_missing_year_and_the_bound_over_columns(period: Period) -> None:
    """Where the last day needs a year with no schedule: the year the row path names, and the
    day it proves the last day cannot precede (``end_not_before``)."""
    dates = _sample()
    days = _days(dates)
    cal = _dates.work_calendar()
    found, needs, beyond = _dates.deadline_gap(days, period, cal)
    bounds = _dates.end_not_before(days, period, np.where(needs > 0, needs, 1970), cal)
    for k, date in enumerate(dates):
        try:
            want = periods.deadline(date, period)
        except CalendarNotCovered as gap:
            assert int(needs[k]) == gap.year, date
            bound = end_not_before(date, period, gap.year)
            assert int(bounds[k]) == (bound - EPOCH).days, date
        else:
            assert not beyond[k] and needs[k] == 0, date
            assert int(found[k]) == (want - EPOCH).days, date
