"""Dates over columns: periods counted from a column of dates, official working days as
integers, and the date kinds (:class:`~nmgpolicy.criteria_dates.WithinPeriod`,
:class:`~nmgpolicy.criteria_deadlines.ActWithin`) lowered to kernels.

A date is its day number since 1970-01-01 (as a :class:`~nmgpolicy.columnar.Dates` column
holds it). The official working-day calendar of :mod:`nmgpolicy.periods` is read once per
snapshot (a registration replaces the snapshot, and with it this table) into:

* ``rank[d]`` — how many working days of the covered years fall on or before day ``d``;
* ``ords`` — the day number of every working day, in order;
* the block of consecutive covered years each covered day belongs to (a count never crosses
  a year with no schedule).

The n-th working day after ``d`` is then ``ords[rank[d] + n - 1]``, the working days between
two days ``rank[b] - rank[a]`` and the 第二百零三条 roll of a rest day ``ords[rank[d]]`` — each
exactly the row path's :func:`~nmgpolicy.periods.add_working_days`,
:func:`~nmgpolicy.periods.working_days_between` and
:func:`~nmgpolicy.periods.next_working_day`, and each with a mask of the rows where the row
path needs a year with no schedule (or a day after 9999-12-31): those rows go to the row path,
which raises :class:`~nmgpolicy.errors.CalendarNotCovered` or treats them in its own way.
Months and years are added by the calendar (第二百零二条: the corresponding day, or the
month's last day where there is none), in integers.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import attrs
import numpy as np

from nmgpolicy import periods
from nmgpolicy.columnar._columns import EPOCH, BoolArray, Dates, IntArray, Scaled
from nmgpolicy.columnar._kernels import (
    CODES,
    MET,
    NOT_MET,
    REVIEW,
    UNKNOWN,
    Batch,
    Codes,
    NotLowered,
    lowering,
)
from nmgpolicy.criteria import Compare
from nmgpolicy.criteria_dates import Boundary, WithinPeriod
from nmgpolicy.criteria_deadlines import ActWithin
from nmgpolicy.periods import Period, PeriodUnit

__all__ = [
    "MAX_DAY",
    "Assessed",
    "DueColumn",
    "WorkCalendar",
    "add_working",
    "day_of",
    "deadline",
    "deadline_gap",
    "end_not_before",
    "last_day",
    "last_day_gap",
    "period_end",
    "work_calendar",
    "working_between",
]

MAX_DAY = (dt.date.max - EPOCH).days
"""The day number of 9999-12-31: a period ending after it is left to the row path."""


def day_of(date: dt.date) -> int:
    """The day number of ``date`` (days since 1970-01-01)."""
    return (date - EPOCH).days


# --------------------------------------------------------------------------------------------
# The working-day calendar as arrays
# --------------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class WorkCalendar:
    """One snapshot of the official calendar as arrays over the covered span (see the module).

    ``base`` is the day number of the span's first day; ``covered``, ``working``, ``rank`` and
    ``block`` have one entry per day of the span; ``block_end[b]`` is the rank after the last
    working day of block ``b``, ``block_last[b]`` the day number of its last day and
    ``block_year[b]`` its last year.
    """

    base: int
    covered: BoolArray
    working: BoolArray
    rank: IntArray
    block: IntArray
    block_end: IntArray
    block_last: IntArray
    block_year: IntArray
    ords: IntArray

    def _at(self, days: IntArray) -> tuple[IntArray, BoolArray]:
        index = days - self.base
        inside = (index >= 0) & (index < len(self.covered))
        return np.clip(index, 0, max(len(self.covered) - 1, 0)), inside

    def is_covered(self, days: IntArray) -> BoolArray:
        if not len(self.covered):
            return np.zeros(days.shape, dtype=np.bool_)
        index, inside = self._at(days)
        found: BoolArray = inside & self.covered[index]
        return found

    def rank_at(self, days: IntArray) -> IntArray:
        """The working days on or before each day (0 before the span, all after it: the last
        entry of ``rank``, which the clipped index reads)."""
        if not len(self.covered):
            return np.zeros(days.shape, dtype=np.int64)
        index, _ = self._at(days)
        found: IntArray = np.where(days < self.base, 0, self.rank[index])
        return found

    def block_of(self, days: IntArray) -> tuple[IntArray, BoolArray]:
        """The block of each day, and whether it has one (a covered day)."""
        covered = self.is_covered(days)
        if not len(self.covered):
            return np.zeros(days.shape, dtype=np.int64), covered
        index, _ = self._at(days)
        return np.where(covered, self.block[index], 0), covered

    def working_day(self, days: IntArray) -> BoolArray:
        if not len(self.covered):
            return np.zeros(days.shape, dtype=np.bool_)
        index, inside = self._at(days)
        found: BoolArray = inside & self.covered[index] & self.working[index]
        return found

    def ord_at(self, index: IntArray, ok: BoolArray) -> IntArray:
        """``ords[index]`` where ``ok`` (0 elsewhere)."""
        if not len(self.ords):
            return np.zeros(index.shape, dtype=np.int64)
        safe = np.clip(index, 0, len(self.ords) - 1)
        return np.where(ok, self.ords[safe], 0)


_CACHE: list[tuple[object, WorkCalendar]] = []
_LOCK = threading.Lock()


def work_calendar() -> WorkCalendar:
    """The calendar of the current snapshot of :mod:`nmgpolicy.periods` (made once per
    snapshot, safely from many threads)."""
    snapshot = periods._calendar()  # replaced whole by a registration: identity is its version
    with _LOCK:
        if _CACHE and _CACHE[0][0] is snapshot:
            return _CACHE[0][1]
    made = _build(snapshot)
    with _LOCK:
        _CACHE[:] = [(snapshot, made)]
    return made


def _build(snapshot: Any) -> WorkCalendar:
    years = sorted(snapshot.years)
    empty = np.zeros(0, dtype=np.int64)
    if not years:
        none = np.zeros(0, dtype=np.bool_)
        return WorkCalendar(0, none, none, empty, empty, empty, empty, empty, empty)
    base = day_of(dt.date(years[0], 1, 1))
    size = day_of(dt.date(years[-1], 12, 31)) - base + 1
    offset = EPOCH.toordinal() + base
    covered = np.zeros(size, dtype=np.bool_)
    working = np.zeros(size, dtype=np.bool_)
    items = list(snapshot.status.items())
    index = np.fromiter((o for o, _ in items), dtype=np.int64, count=len(items)) - offset
    covered[index] = True
    working[index] = np.fromiter((w for _, w in items), dtype=np.bool_, count=len(items))
    rank = np.cumsum(working, dtype=np.int64)
    block = np.full(size, -1, dtype=np.int64)
    ends: list[int] = []
    lasts: list[int] = []
    last_years: list[int] = []
    start = 0
    for k, year in enumerate(years):
        if k + 1 < len(years) and years[k + 1] == year + 1:
            continue
        first = day_of(dt.date(years[start], 1, 1)) - base
        last = day_of(dt.date(year, 12, 31)) - base
        block[first : last + 1] = len(ends)
        ends.append(int(rank[last]))
        lasts.append(last + base)
        last_years.append(year)
        start = k + 1
    ords = np.flatnonzero(working).astype(np.int64) + base
    return WorkCalendar(
        base,
        covered,
        working,
        rank,
        block,
        np.array(ends, dtype=np.int64),
        np.array(lasts, dtype=np.int64),
        np.array(last_years, dtype=np.int64),
        ords,
    )


# --------------------------------------------------------------------------------------------
# Working days and periods over columns: (days, rows the row path must decide)
# --------------------------------------------------------------------------------------------


def _year(days: IntArray) -> IntArray:
    """The calendar year of each day number (past 9999-12-31: 10000)."""
    clipped = np.minimum(days, MAX_DAY + 1)
    found: IntArray = clipped.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    return found + 1970


def _jan_first(years: IntArray) -> IntArray:
    """The day number of 1 January of each year (at most 9999)."""
    found: IntArray = (
        (np.minimum(years, 9999) - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    ).astype(np.int64)
    return found


def add_working_gap(days: IntArray, n: int, cal: WorkCalendar) -> tuple[IntArray, IntArray]:
    """The ``n``-th working day after each day (:func:`~nmgpolicy.periods.add_working_days`),
    and where it cannot be counted the year the row path names (0 elsewhere)."""
    if n == 0:
        return days.copy(), np.zeros(days.shape, dtype=np.int64)
    block, covered = cal.block_of(days + 1)
    index = cal.rank_at(days) + (n - 1)
    ends = cal.block_end[block] if len(cal.block_end) else index
    ok = covered & (index < ends)
    last_year = cal.block_year[block] if len(cal.block_year) else block
    needs = np.where(covered, np.where(ok, 0, last_year + 1), _year(days + 1))
    return cal.ord_at(index, ok), needs


def add_working(days: IntArray, n: int, cal: WorkCalendar) -> tuple[IntArray, BoolArray]:
    """The ``n``-th working day after each day, and the rows the row path must count."""
    found, needs = add_working_gap(days, n, cal)
    return found, needs != 0


def working_between(a: IntArray, b: IntArray, cal: WorkCalendar) -> tuple[IntArray, BoolArray]:
    """The working days ``d`` with ``a < d <= b``, for ``a <= b``
    (:func:`~nmgpolicy.periods.working_days_between`)."""
    same = a == b
    block, covered = cal.block_of(a + 1)
    last = cal.block_last[block] if len(cal.block_last) else a
    ok = same | (covered & (b <= last))
    found = np.where(ok & ~same, cal.rank_at(b) - cal.rank_at(a), 0)
    return found, ~ok


def roll_gap(days: IntArray, cal: WorkCalendar) -> tuple[IntArray, IntArray]:
    """Each day, or the first working day after it (第二百零三条); where the row path cannot
    tell, the year it names (0 elsewhere)."""
    working = cal.working_day(days)
    block, covered = cal.block_of(days)
    index = cal.rank_at(days)
    ends = cal.block_end[block] if len(cal.block_end) else index
    ok = working | (covered & (index < ends))
    last_year = cal.block_year[block] if len(cal.block_year) else block
    needs = np.where(covered, np.where(ok, 0, last_year + 1), _year(days))
    return np.where(working, days, cal.ord_at(index, ok & ~working)), needs


def roll(days: IntArray, cal: WorkCalendar) -> tuple[IntArray, BoolArray]:
    """Each day, or the first working day after it, and the rows the row path must roll."""
    found, needs = roll_gap(days, cal)
    return found, needs != 0


def add_months(days: IntArray, months: int) -> IntArray:
    """The corresponding day ``months`` later, or that month's last day (第二百零二条)."""
    stamps = days.astype("datetime64[D]")
    month = stamps.astype("datetime64[M]")
    day = (stamps - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    first = target.astype("datetime64[D]")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - first).astype(np.int64)
    found: IntArray = first.astype(np.int64) + np.minimum(day, length - 1)
    return found


def calendar_end(days: IntArray, period: Period) -> tuple[IntArray, BoolArray]:
    """第二百零一条, 第二百零二条 for a period of days, months or years (no roll); the rows
    ending after 9999-12-31 are marked."""
    if period.unit is PeriodUnit.DAY:
        found = days + period.amount
    else:
        months = period.amount * (12 if period.unit is PeriodUnit.YEAR else 1)
        found = add_months(days, months)
    return found, found > MAX_DAY


def period_end(days: IntArray, period: Period, cal: WorkCalendar) -> tuple[IntArray, BoolArray]:
    """:func:`~nmgpolicy.periods.period_end` over a column."""
    if period.unit is PeriodUnit.WORKING_DAY:
        return add_working(days, period.amount, cal)
    return calendar_end(days, period)


def deadline_gap(
    days: IntArray, period: Period, cal: WorkCalendar
) -> tuple[IntArray, IntArray, BoolArray]:
    """:func:`~nmgpolicy.periods.deadline` over a column: the last day, the year the row path
    would miss (0 where none), and the rows ending after 9999-12-31."""
    if period.unit is PeriodUnit.WORKING_DAY:
        found, needs = add_working_gap(days, period.amount, cal)
        return found, needs, np.zeros(days.shape, dtype=np.bool_)
    end, beyond = calendar_end(days, period)
    rolled, needs = roll_gap(np.where(beyond, 0, end), cal)
    return rolled, np.where(beyond, 0, needs), beyond


def deadline(days: IntArray, period: Period, cal: WorkCalendar) -> tuple[IntArray, BoolArray]:
    """:func:`~nmgpolicy.periods.deadline` over a column (the end, rolled past rest days)."""
    found, needs, beyond = deadline_gap(days, period, cal)
    return found, beyond | (needs != 0)


def end_not_before(start: IntArray, period: Period, year: IntArray, cal: WorkCalendar) -> IntArray:
    """:func:`~nmgpolicy.criteria_deadlines.end_not_before` over a column: a day the end of
    ``period`` from ``start`` cannot precede when ``year`` has no schedule (rows ending after
    9999-12-31 excluded by the caller)."""
    first = _jan_first(year)
    if period.unit is not PeriodUnit.WORKING_DAY:
        end, _ = calendar_end(start, period)
        bound = np.maximum(end, first)
    else:
        n = period.amount
        bound = start + n
        before = start < first
        counted, bad = working_between(
            np.where(before, start, 0), np.where(before, first - 1, 0), cal
        )
        bound = np.where(before & ~bad, np.maximum(bound, first + (n - counted - 1)), bound)
    found: IntArray = np.where(year > 9999, MAX_DAY, np.minimum(bound, MAX_DAY))
    return found


def last_day_gap(
    days: IntArray, period: Period, boundary: Boundary, cal: WorkCalendar
) -> tuple[IntArray, IntArray, BoolArray]:
    """:func:`~nmgpolicy.criteria_dates.last_day` over a column: the last day, the year the
    row path would miss (0 where none), and the rows ending after 9999-12-31 (a start day that
    counts as the first day, ``DAY_BEFORE``, has no kernel)."""
    if boundary is Boundary.REST_DAY_ROLL:
        return deadline_gap(days, period, cal)
    if boundary is not Boundary.CORRESPONDING_DAY:
        raise NotLowered(f"a period ending {boundary.value}")
    if period.unit is PeriodUnit.WORKING_DAY:
        found, needs = add_working_gap(days, period.amount, cal)
        return found, needs, np.zeros(days.shape, dtype=np.bool_)
    end, beyond = calendar_end(days, period)
    return end, np.zeros(days.shape, dtype=np.int64), beyond


def last_day(
    days: IntArray, period: Period, boundary: Boundary, cal: WorkCalendar
) -> tuple[IntArray, BoolArray]:
    """:func:`~nmgpolicy.criteria_dates.last_day` over a column, and the rows the row path
    must count (a year with no schedule, or an end after 9999-12-31)."""
    found, needs, beyond = last_day_gap(days, period, boundary, cal)
    return found, beyond | (needs != 0)


# --------------------------------------------------------------------------------------------
# WithinPeriod
# --------------------------------------------------------------------------------------------


def _dates(value: object, what: str) -> Dates | None:
    if value is not None and not isinstance(value, Dates):
        raise NotLowered(f"{what}: expected dates")
    return value


def _holds(date: IntArray, last: IntArray, compare: Compare) -> BoolArray:
    if compare is Compare.AT_MOST:
        return date <= last
    if compare is Compare.BELOW:
        return date < last
    if compare is Compare.AT_LEAST:
        return date >= last
    return date > last


def _settled(date: IntArray, bound: IntArray, compare: Compare) -> BoolArray:
    """Where a last day proven not to precede ``bound`` still holds ``date`` within it (the
    row path's ``criteria_dates._bounded_status``: an upper bound only)."""
    if compare is Compare.AT_MOST:
        return date <= bound
    if compare is Compare.BELOW:
        return date < bound
    return np.zeros(date.shape, dtype=np.bool_)


@lowering(WithinPeriod)
def _within_period(criterion: WithinPeriod, batch: Batch) -> Codes:
    """Either date absent → unknown; else ``date ⋈ last day`` (met, or not met / review).

    A last day that needs a year with no schedule decides, as on the row path, from its proven
    lower bound (:func:`end_not_before`) where that settles an upper bound (met, no last day);
    the other such rows, and an end after 9999-12-31, go to the row path."""
    start = _dates(batch.value(criterion.start), criterion.id)
    date = _dates(batch.value(criterion.date), criterion.id)
    period: Period = batch.value(criterion.period)
    rule = criterion.boundary
    if not isinstance(rule, Boundary):
        rule = Boundary(batch.value(rule))
    if start is None or date is None:
        batch.memo[f"{criterion.id}#last"] = None
        return batch.fill(UNKNOWN)
    both = start.mask() & date.mask()
    cal = work_calendar()
    last, needs, beyond = last_day_gap(start.days, period, rule, cal)
    open_ = both & (needs != 0) & ~beyond
    settled = np.zeros(batch.size, dtype=np.bool_)
    if open_.any():
        bound = end_not_before(start.days, period, np.where(open_, needs, 1970), cal)
        settled = open_ & _settled(date.days, bound, criterion.compare)
    bad = beyond | (needs != 0)
    batch.refuse(bad & both & ~settled)
    holds = _holds(date.days, last, criterion.compare) | settled
    failed = REVIEW if criterion.soft else NOT_MET
    codes = np.where(holds, np.int8(MET), np.int8(failed)).astype(np.int8)
    codes[~both] = UNKNOWN
    batch.memo[f"{criterion.id}#last"] = Scaled(np.where(both, last, 0), 0, both & ~bad)
    return codes


# --------------------------------------------------------------------------------------------
# ActWithin
# --------------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class DueColumn:
    """The last day of each row's period (``last``, where ``valid``): the columnar value of a
    ``due`` measure. Where the last day needs a year with no schedule (``open``) it is not
    known, but cannot precede ``not_before`` (:class:`~nmgpolicy.criteria_deadlines.Due`)."""

    last: IntArray
    valid: BoolArray
    open: BoolArray | None = None
    not_before: IntArray | None = None


@attrs.frozen(eq=False)
class Assessed:
    """What :class:`ActWithin` established per row: the due date, the day lateness is measured
    at (the act, or ``on`` while it is not done), whether the act was done by ``on``, and
    whether it was (or still is) on time (an open due date: on time, not yet reached)."""

    due: DueColumn
    reference: IntArray
    done: BoolArray
    on_time: BoolArray


def _due(criterion: ActWithin, batch: Batch) -> DueColumn:
    if criterion.due is not None:
        due = batch.value(criterion.due)
        if not isinstance(due, DueColumn):
            raise NotLowered(f"{criterion.id}: its due date has no columnar reading")
        return due
    assert criterion.event is not None
    assert criterion.period is not None
    event = _dates(batch.value(criterion.event), criterion.id)
    if event is None:
        return DueColumn(np.zeros(batch.size, dtype=np.int64), np.zeros(batch.size, np.bool_))
    period = batch.param(criterion.period)
    cal = work_calendar()
    last, needs, beyond = deadline_gap(event.days, period, cal)
    given = event.mask()
    batch.refuse(beyond & given)
    open_ = given & (needs != 0) & ~beyond
    bound = end_not_before(event.days, period, np.where(open_, needs, 1970), cal)
    return DueColumn(last, given & (needs == 0) & ~beyond, open_, bound)


@lowering(ActWithin)
def _act_within(criterion: ActWithin, batch: Batch) -> Codes:
    """Done by the last day → met; not done and not due → ``pending``; else not met. An open
    last day decides only while the act (or ``on``) is not after its lower bound; past it the
    row path raises :class:`~nmgpolicy.errors.CalendarNotCovered`."""
    due = _due(criterion, batch)
    done = _dates(batch.value(criterion.done), criterion.id)
    on = day_of(batch.on)
    if done is None:
        by_on = np.zeros(batch.size, dtype=np.bool_)
        reference = np.full(batch.size, on, dtype=np.int64)
    else:
        by_on = done.mask() & (done.days <= on)
        reference = np.where(by_on, done.days, on)
    on_time = reference <= due.last
    pending = CODES[criterion.pending]
    codes = np.where(by_on, np.int8(MET), np.int8(pending)).astype(np.int8)
    codes[~on_time] = NOT_MET
    known = due.valid
    if due.open is not None and due.not_before is not None and due.open.any():
        batch.refuse(due.open & (reference > due.not_before))
        on_time = on_time | due.open
        codes[due.open] = np.where(by_on, np.int8(MET), np.int8(pending))[due.open]
        known = known | due.open
    codes[~known] = UNKNOWN
    batch.memo[f"{criterion.id}#assessed"] = Assessed(due, reference, by_on, on_time)
    return codes
