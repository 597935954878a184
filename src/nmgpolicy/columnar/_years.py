"""The kinds of :mod:`nmgpolicy.criteria_years` lowered to kernels: a window of years per row.

The figures of the years are a long table (``lists["years"]``: one row per year of an
application). :func:`frame` pivots it, for each application, onto the trend window of that
application — the ``trend`` years ending with its last recent year (the year before its
application date, or the latest year it gives) — as ``[rows × trend]`` matrices, one per
figure, each with a validity mask; a year outside the window is not placed (it is ignored, as
the row path ignores it). When every application gives exactly its window's years in order
(the usual layout) the matrices are views of the item columns, without a copy; otherwise one
scatter per figure (``matrix[application, year - first] = value``).

The kinds then read columns of those matrices: the recent years are the last ``recent`` of
the trend window (``trend`` is ``recent`` or ``recent + 1``, both ending with the same year).
Every comparison is in integers: a share by cross-multiplication, a compound growth as
``last·den^n ⋈ first·num^n``, a mean growth over a common denominator; a row whose products
could overflow ``int64`` is computed with Python integers (exact, a few rows), never rounded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._columns import (
    INT64_MAX,
    BoolArray,
    Dates,
    IntArray,
    Scaled,
    full,
    refuses,
)
from nmgpolicy.columnar._items import Items
from nmgpolicy.columnar._kernels import (
    MET,
    NOT_MET,
    REVIEW,
    UNKNOWN,
    Batch,
    Codes,
    NotLowered,
    compare_exact,
    lower,
    lowering,
    measure_lowering,
    product_into,
    ratio_of,
    small_lookup,
    statuses,
    threshold_codes,
    times,
)
from nmgpolicy.columnar._results import Deferred
from nmgpolicy.criteria import Threshold
from nmgpolicy.criteria_years import (
    ANCHOR_APPLICATION_YEAR,
    CAGR,
    DISPLAY_PLACES,
    AnyOf,
    DensityInYear,
    EachYear,
    FrameMeasure,
    GrowthRate,
    KeepsFalling,
    OnYears,
    ShareInYear,
    ShareOf,
    places,
)
from nmgpolicy.definition import Criterion, Param

__all__ = ["Frame", "floor_ratio_column", "share_codes"]


def all_columns(matrix: npt.NDArray[np.bool_]) -> BoolArray:
    """Per row: every column True (a few columns: faster than ``all(axis=1)``)."""
    out = matrix[:, 0].copy()
    for k in range(1, matrix.shape[1]):
        out &= matrix[:, k]
    return out


def any_columns(matrix: npt.NDArray[np.bool_]) -> BoolArray:
    """Per row: any column True."""
    out = matrix[:, 0].copy()
    for k in range(1, matrix.shape[1]):
        out |= matrix[:, k]
    return out


@attrs.frozen(eq=False, slots=False)
class Frame:
    """The years of every application: its trend window and the figures placed on it.

    ``last`` is the last recent year of each row; the trend window is ``last - span + 1 …
    last`` and the recent years its last ``size`` columns. ``named`` is False where no year
    can be named (the strict reading with no figures); ``given`` where any year is given;
    ``present[i, k]`` where row ``i`` gives year ``k`` of its window.
    """

    strict: bool
    size: int
    span: int
    last: IntArray
    named: BoolArray
    given: BoolArray
    latest: IntArray
    present: npt.NDArray[np.bool_]
    items: Items | None
    place: tuple[IntArray, tuple[IntArray, IntArray]] | None  # (item rows, their (row, column))
    dense: bool
    _fields: dict[str, tuple[IntArray, BoolArray, int]] = attrs.field(factory=dict)
    _complete: set[str] = attrs.field(factory=set)

    @functools.cached_property
    def blocked(self) -> BoolArray:
        """Rows whose years cannot be read at all (none named, or none given)."""
        return ~self.named | ~self.given

    @property
    def recent(self) -> slice:
        """The columns of the recent years."""
        return slice(self.span - self.size, self.span)

    def missing(self, columns: slice) -> BoolArray:
        """Rows lacking a year among ``columns``."""
        if self.dense:
            return np.zeros(len(self.last), dtype=np.bool_)  # every year of every window given
        return ~all_columns(self.present[:, columns])

    def field(self, name: str) -> tuple[IntArray, BoolArray, int]:
        """The figure ``name`` on the window: ``(values, valid, exponent)``, ``[rows × span]``."""
        if name not in self._fields:
            self._fields[name] = self._pivot(name)
        return self._fields[name]

    def complete(self, name: str) -> bool:
        """Whether every row gives the figure ``name`` for every year of its window (its
        validity is then all True: the kernels skip reading it)."""
        self.field(name)
        return name in self._complete

    def _pivot(self, name: str) -> tuple[IntArray, BoolArray, int]:
        rows, span = len(self.last), self.span
        column = None if self.items is None else self.items.table.column(name)
        if column is None:
            return np.zeros((rows, span), np.int64), np.zeros((rows, span), np.bool_), 0
        if not isinstance(column, Scaled):
            raise NotLowered(f"years.{name}: expected numbers")
        if self.dense:
            shape = (rows, span)
            if column.valid is None:
                self._complete.add(name)
            return column.values.reshape(shape), column.mask().reshape(shape), column.exponent
        assert self.place is not None
        inside, (at_row, at_col) = self.place
        values = np.zeros((rows, span), np.int64)
        valid = np.zeros((rows, span), np.bool_)
        values[at_row, at_col] = column.values[inside]
        valid[at_row, at_col] = column.mask()[inside]
        return values, valid, column.exponent


def _anchor_last(measure: FrameMeasure, batch: Batch) -> IntArray:
    """The last recent year of each row when anchored on the application date."""
    default = batch.on.year - 1
    applied = batch.value(measure.reads[1])
    if applied is None:
        return np.full(batch.size, default, dtype=np.int64)
    if not isinstance(applied, Dates):
        raise NotLowered("applied_on: expected dates")
    last = applied.years()
    last -= 1
    if applied.valid is not None:
        np.copyto(last, default, where=~applied.valid)
    return last


@measure_lowering(FrameMeasure)
def frame(measure: FrameMeasure, batch: Batch) -> Frame:
    """The columnar :class:`~nmgpolicy.criteria_years.YearFrame` of every row."""
    entries, _, anchor, recent, trend = measure.reads
    assert isinstance(recent, Param)
    assert isinstance(trend, Param)
    assert isinstance(anchor, Param)
    size, span = int(batch.param(recent)), int(batch.param(trend))
    strict = batch.param(anchor) != ANCHOR_APPLICATION_YEAR
    key = getattr(entries, "path", "")
    items = batch.items(key)
    years = None if items is None else items.table.scaled("year")
    rows = batch.size
    if items is None or years is None or not len(items):
        nothing = np.zeros(rows, dtype=np.bool_)
        latest = np.zeros(rows, dtype=np.int64)
        last = latest if strict else _anchor_last(measure, batch)
        named = nothing if strict else ~nothing
        present = np.zeros((rows, span), dtype=np.bool_)
        return Frame(strict, size, span, last, named, nothing, latest, present, None, None, False)
    year = years.values
    if items.uniform == span and years.valid is None:
        dense = _dense(measure, batch, year.reshape(rows, span), strict)
        if dense is not None:
            last, latest = dense
            everything = full(rows)
            present = full(rows * span).reshape(rows, span)
            return Frame(
                strict, size, span, last, everything, everything, latest, present, items, None, True
            )
    given = items.nonempty()
    latest = items.reduce(np.maximum, np.where(years.mask(), year, 0), 0)
    last = latest if strict else _anchor_last(measure, batch)
    named = given if strict else np.ones(rows, dtype=np.bool_)
    offset = year - items.spread(last - (span - 1))
    inside = np.flatnonzero((offset >= 0) & (offset < span) & years.mask())
    at: tuple[IntArray, IntArray] = (items.app[inside], offset[inside])
    present = np.zeros((rows, span), dtype=np.bool_)
    present[at] = True
    return Frame(
        strict, size, span, last, named, given, latest, present, items, (inside, at), False
    )


def _dense(
    measure: FrameMeasure, batch: Batch, years: IntArray, strict: bool
) -> tuple[IntArray, IntArray] | None:
    """``(last, latest)`` when every row gives exactly the years of its window, in order (the
    usual layout: the figures are then read in place), else ``None``."""
    span = years.shape[1]
    latest = years[:, -1]
    last = latest if strict else _anchor_last(measure, batch)
    same = np.empty(len(last), dtype=np.bool_)
    # The last year is ``last`` (under the strict reading it is ``last`` itself) and each year
    # is one more than the year before it: the years of the window, in order. (Modulo 2**64 as
    # comparing each year with ``last - (span - 1 - k)`` would be; a year that wraps is refused
    # as not four digits anyway.) Differences of neighbours, not ``last`` shifted per column:
    # half the passes over the strided columns.
    if not strict and not np.equal(latest, last, out=same).all():
        return None
    step = np.empty(len(last), dtype=np.int64)
    for k in range(span - 1):
        np.subtract(years[:, k + 1], years[:, k], out=step)
        if not np.equal(step, 1, out=same).all():
            return None
    return last, latest


# --------------------------------------------------------------------------------------------
# The gate: no years, or the strict reading with a gap
# --------------------------------------------------------------------------------------------


def _gate(
    criterion: Criterion, batch: Batch, years: Frame, judged: Codes, universal: bool
) -> Codes:
    """``judged`` where the years can be read; ``unknown`` where none can be named or none is
    given; under the strict reading a gap in the recent years → ``unknown`` (a universal
    condition a present year already fails stays ``not_met``)."""
    blocked = years.blocked
    if years.strict:
        gap = years.missing(years.recent)
        if universal:
            gap &= judged != NOT_MET
        blocked = blocked | gap
    if not blocked.any():
        return judged
    return np.where(blocked, np.int8(UNKNOWN), judged)


def _frame_of(criterion: OnYears, batch: Batch) -> Frame:
    value = batch.measure(criterion.frame)
    if not isinstance(value, Frame):
        raise NotLowered(f"{criterion.id}: its frame has no columnar reading")
    return value


def _gated(criterion: OnYears, batch: Batch) -> Codes:
    years = _frame_of(criterion, batch)
    judged = _judge(criterion, batch, years)
    return _gate(criterion, batch, years, judged, criterion.universal)


def _judge(criterion: Criterion, batch: Batch, years: Frame) -> Codes:
    judge = _JUDGES.get(type(criterion))
    if judge is None:
        raise NotLowered(type(criterion).__name__)
    codes: Codes = judge(criterion, batch, years)
    return codes


for _kind in (EachYear, ShareInYear, DensityInYear, GrowthRate, KeepsFalling):
    lowering(_kind)(_gated)


# --------------------------------------------------------------------------------------------
# Each year, a share, a density
# --------------------------------------------------------------------------------------------


def _each_year(criterion: EachYear, batch: Batch, years: Frame) -> Codes:
    matrix, valid, exponent = years.field(criterion.field)
    values, valid = matrix[:, years.recent], valid[:, years.recent]
    required = batch.param(criterion.param)
    peak = batch.peak(matrix)
    holds, risky = compare_exact(values, exponent, required, criterion.compare, peak)
    if refuses(risky):
        batch.refuse(any_columns(risky & valid))
    if years.complete(criterion.field):
        return (~all_columns(holds)).view(np.int8)  # met 0, not_met 1
    fails = any_columns(valid & ~holds)
    return _fails_or_lacking(fails, ~all_columns(valid))


def _fails_or_lacking(fails: BoolArray, lacking: BoolArray) -> Codes:
    """not_met where ``fails``, else unknown where ``lacking``, else met — in arithmetic."""
    lacking &= ~fails
    codes: Codes = fails.view(np.int8) | (lacking.view(np.int8) << np.int8(1))
    return codes


def share_codes(
    batch: Batch,
    part: IntArray,
    part_exponent: int,
    whole: IntArray,
    whole_exponent: int,
    known: BoolArray,
    required: Decimal,
    peaks: tuple[int | None, int | None] = (None, None),
) -> Codes:
    """``part / whole >= required`` by cross-multiplication where ``known``: a whole of 0 →
    review; rows at risk of overflow → the row path. ``peaks``: known bounds on the
    magnitudes of ``part`` and ``whole`` (:meth:`Batch.peak`), sparing the overflow guard its
    passes when the products of the bounds fit (then the products go to reused buffers and the
    comparison straight into the status column: not_met is 1, met 0)."""
    numerator, denominator = ratio_of(required)
    exponent = min(part_exponent, whole_exponent)
    part_scale, whole_scale = 10 ** (part_exponent - exponent), 10 ** (whole_exponent - exponent)
    left_by, right_by = part_scale * denominator, whole_scale * numerator
    if _fits(peaks[0], left_by) and _fits(peaks[1], right_by) and len(part) == batch.size:
        left = _product(batch, part, left_by, 0)
        right = _product(batch, whole, right_by, 1)
        codes: Codes = np.less(left, right).view(np.int8)
    else:
        risky = np.zeros(len(part), dtype=np.bool_)
        left = _scaled_times(part, part_scale, denominator, risky, peaks[0])
        right = _scaled_times(whole, whole_scale, numerator, risky, peaks[1])
        batch.refuse(risky & known)
        codes = np.less(left, right).view(np.int8)
    if known is not full(len(known)) and not known.all():
        np.copyto(codes, np.int8(UNKNOWN), where=~known)
    # A whole of 0 somewhere? (No array made to find out; the product — contiguous, 0 where
    # the whole is — read in place of the whole, a column of the years read with a stride.)
    if not (whole if right is whole else right).all():
        np.copyto(codes, np.int8(REVIEW), where=known & (whole == 0))
    return codes


def _fits(peak: int | None, factor: int) -> bool:
    """Whether ``peak × factor`` (a bound on the products) fits ``int64``."""
    return peak is not None and peak * abs(factor) <= INT64_MAX


_product = product_into  # the batch's reused buffers (one per slot)


def _scaled_times(
    values: IntArray, scale: int, factor: int, risky: BoolArray, peak: int | None
) -> IntArray:
    """``values × scale × factor``, guarded (``peak`` as for :func:`times`)."""
    scaled = times(values, scale, risky, peak)
    return times(scaled, factor, risky, None if peak is None else peak * abs(scale))


def _field_peak(batch: Batch, years: Frame, name: str) -> int:
    """The largest magnitude of the figure ``name`` over every window (once per batch)."""
    return batch.peak(years.field(name)[0])


def _last_year(years: Frame, name: str) -> tuple[IntArray, BoolArray, int]:
    values, valid, exponent = years.field(name)
    return values[:, -1], valid[:, -1], exponent


def _share_in_year(criterion: ShareInYear, batch: Batch, years: Frame) -> Codes:
    part, part_ok, part_exp = _last_year(years, criterion.part)
    whole, whole_ok, whole_exp = _last_year(years, criterion.whole)
    required = batch.param(criterion.param)
    peaks = (_field_peak(batch, years, criterion.part), _field_peak(batch, years, criterion.whole))
    complete = years.complete(criterion.part) and years.complete(criterion.whole)
    known = full(batch.size) if complete else part_ok & whole_ok
    return share_codes(batch, part, part_exp, whole, whole_exp, known, required, peaks)


def _density_parts(
    criterion: DensityInYear, batch: Batch, years: Frame
) -> tuple[IntArray, BoolArray, IntArray, int, IntArray]:
    """``(count × per, known, people, exponent of count, risky)`` of the last recent year
    (once per batch: the finding and the result both read it)."""
    key = f"{criterion.id}#density"
    if key not in batch.memo:
        batch.memo[key] = _density_of(criterion, batch, years)
    found: tuple[IntArray, BoolArray, IntArray, int, IntArray] = batch.memo[key]
    return found


def _density_of(
    criterion: DensityInYear, batch: Batch, years: Frame
) -> tuple[IntArray, BoolArray, IntArray, int, IntArray]:
    count, count_ok, exponent = _last_year(years, criterion.count)
    people = batch.value(criterion.people)
    if people is None:
        people = Scaled(np.zeros(batch.size, np.int64), 0, np.zeros(batch.size, np.bool_))
    if not isinstance(people, Scaled) or people.exponent != 0 or exponent != 0:
        raise NotLowered(f"{criterion.id}: expected counts")
    risky = np.zeros(batch.size, dtype=np.bool_)
    peak = _field_peak(batch, years, criterion.count)
    scaled = times(count, int(batch.param(criterion.per)), risky, peak)
    return scaled, count_ok & people.mask(), people.values, exponent, risky


def _density(criterion: DensityInYear, batch: Batch, years: Frame) -> Codes:
    scaled, known, people, _, risky = _density_parts(criterion, batch, years)
    batch.refuse(risky & known)
    per = int(batch.param(criterion.per))
    peaks = (_field_peak(batch, years, criterion.count) * abs(per), batch.peak(people))
    return share_codes(batch, scaled, 0, people, 0, known, batch.param(criterion.param), peaks)


# --------------------------------------------------------------------------------------------
# Growth
# --------------------------------------------------------------------------------------------


def _growth(criterion: GrowthRate, batch: Batch, years: Frame) -> Codes:
    values, valid, _ = years.field(criterion.field)
    rate: Decimal = batch.param(criterion.param)
    method: str = batch.param(criterion.method)
    complete = years.complete(criterion.field)
    if complete and method == CAGR and not (years.strict and not years.dense):
        codes = _compound(batch, values, rate)
        if codes is not None:
            return codes
    known = full(len(values)) if complete else all_columns(valid)
    zero = values[:, 0] == 0 if method == CAGR else any_columns(values[:, :-1] == 0)
    rows = ~zero if complete else known & ~zero
    met = _growth_met(values, rate, method, rows, batch.peak(values))
    codes = statuses(None if complete else known, met)
    reviewed = zero if complete else known & zero
    if reviewed.any():
        np.copyto(codes, np.int8(REVIEW), where=reviewed)
    if years.strict:
        gap = years.missing(slice(0, years.span))
        if gap.any():
            np.copyto(codes, np.int8(UNKNOWN), where=gap)
    return codes


def _compound(batch: Batch, values: IntArray, rate: Decimal) -> Codes | None:
    """A compound growth on complete windows (every year given), when the bound of the values
    proves no product can overflow (else ``None``): ``last·den^n < first·num^n`` is not met,
    written straight into the status column; a first year of 0 → review."""
    numerator, denominator = (1 + rate).as_integer_ratio()
    steps = values.shape[1] - 1
    left_by, right_by = denominator**steps, numerator**steps
    peak = batch.peak(values)
    if len(values) != batch.size or not (_fits(peak, left_by) and _fits(peak, right_by)):
        return None
    first = values[:, 0]
    left = _product(batch, values[:, -1], left_by, 0)
    right = _product(batch, first, right_by, 1)
    codes: Codes = np.less(left, right).view(np.int8)
    # A first year of 0 somewhere: no growth rate. The product (contiguous) is read in place
    # of the strided first years: with a factor other than 0 it is 0 where they are.
    if not (first if right_by == 1 else right).all():
        np.copyto(codes, np.int8(REVIEW), where=first == 0)
    return codes


def _growth_met(
    values: IntArray, rate: Decimal, method: str, rows: BoolArray, peak: int
) -> BoolArray:
    """Whether the growth over each row's values reaches ``rate`` (exact; only ``rows``);
    ``peak`` bounds the magnitudes of ``values``."""
    numerator, denominator = (1 + rate).as_integer_ratio()
    steps = values.shape[1] - 1
    if method == CAGR:
        bound = INT64_MAX // max(numerator**steps, denominator**steps, 1)
    else:
        # Each term is a product of `steps` values, times den·steps (or num): at most
        # (steps + 1) · m^steps · max(num, den) · steps.
        factor = max(numerator, denominator) * (steps + 1) * max(steps, 1)
        bound = _root_bound(INT64_MAX // factor, steps)
    if peak <= bound:
        safe = np.ones(len(values), dtype=np.bool_)  # every row fits: one pass, no check per row
    else:
        magnitude = np.abs(values[:, 0])
        for k in range(1, values.shape[1]):
            magnitude = np.maximum(magnitude, np.abs(values[:, k]))
        safe = magnitude <= bound
    if safe.all():
        return _growth_rows(values, numerator, denominator, method) & rows
    met = np.zeros(len(values), dtype=np.bool_)
    fast = rows & safe
    met[fast] = _growth_rows(values[fast], numerator, denominator, method)
    slow = np.flatnonzero(rows & ~safe)
    if len(slow):
        exact = values[slow].astype(object)  # Python integers: exact at any size
        met[slow] = _growth_rows(exact, numerator, denominator, method)
    return met


def _root_bound(limit: int, steps: int) -> int:
    """The largest m with m**steps <= limit."""
    if steps <= 1:
        return limit
    m = int(round(limit ** (1 / steps)))  # noqa: RUF046  # a float's round: made an int
    while m > 0 and m**steps > limit:
        m -= 1
    while (m + 1) ** steps <= limit:
        m += 1
    return m


def _growth_rows(
    values: npt.NDArray[Any], numerator: int, denominator: int, method: str
) -> BoolArray:
    """The comparison on rows whose arithmetic fits (int64) or on Python integers (object)."""
    steps = values.shape[1] - 1
    if method == CAGR:
        left = values[:, -1] * denominator**steps
        right = values[:, 0] * numerator**steps
        return np.asarray(left >= right, dtype=np.bool_)
    # Σ v_i / v_(i-1) >= steps·num/den, over the common denominator Π v_(i-1) (all > 0 here).
    total = values[:, 0] * 0
    for i in range(1, steps + 1):
        term = values[:, i]
        for j in range(steps):
            if j != i - 1:
                term = term * values[:, j]
        total = total + term
    common = values[:, 0] * 0 + 1
    for j in range(steps):
        common = common * values[:, j]
    return np.asarray(total * denominator >= common * (steps * numerator), dtype=np.bool_)


# --------------------------------------------------------------------------------------------
# Keeps falling
# --------------------------------------------------------------------------------------------


def _falling(criterion: KeepsFalling, batch: Batch, years: Frame) -> Codes:
    values, valid, _ = years.field(criterion.field)
    rows = len(values)
    if years.complete(criterion.field):  # every year known: each below the one before it
        fails = values[:, 1] >= values[:, 0]
        for k in range(2, values.shape[1]):
            fails |= values[:, k] >= values[:, k - 1]
        return fails.view(np.int8)  # met 0, not_met 1
    previous = np.zeros(rows, dtype=np.int64)
    seen = np.zeros(rows, dtype=np.bool_)
    fails = np.zeros(rows, dtype=np.bool_)
    for k in range(values.shape[1]):
        value, ok = values[:, k], valid[:, k]
        fails |= ok & seen & (value >= previous)
        previous = np.where(ok, value, previous)
        seen |= ok
    return _fails_or_lacking(fails, ~all_columns(valid))


_JUDGES: dict[type, Any] = {
    EachYear: _each_year,
    ShareInYear: _share_in_year,
    DensityInYear: _density,
    GrowthRate: _growth,
    KeepsFalling: _falling,
}


# --------------------------------------------------------------------------------------------
# Any of, a share of two facts
# --------------------------------------------------------------------------------------------

_RANK = (0, 3, 1, 2, 3)  # met, not_met, unknown, review, (n/a): the first wins
_BY_RANK = (MET, UNKNOWN, REVIEW, NOT_MET)


def any_of_codes(parts: Sequence[Codes]) -> Codes:
    """Met if any part is met; else unknown, else review; else not_met."""
    rank = small_lookup(_RANK, parts[0])
    for codes in parts[1:]:
        np.minimum(rank, small_lookup(_RANK, codes), out=rank)
    return small_lookup(_BY_RANK, rank).astype(np.int8, copy=False)


@lowering(AnyOf)
def _any_of(criterion: AnyOf, batch: Batch) -> Codes:
    if criterion.frame is None:
        return any_of_codes([_part(part, batch, None) for part in criterion.parts])
    value = batch.measure(criterion.frame)
    if not isinstance(value, Frame):
        raise NotLowered(f"{criterion.id}: its frame has no columnar reading")
    judged = any_of_codes([_part(part, batch, value) for part in criterion.parts])
    return _gate(criterion, batch, value, judged, universal=False)


def _part(part: Criterion, batch: Batch, years: Frame | None) -> Codes:
    if isinstance(part, OnYears):
        return _gated(part, batch) if years is None else _judge(part, batch, years)
    if isinstance(part, AnyOf):
        return _any_of(part, batch)
    if isinstance(part, Threshold):
        return threshold_codes(part, batch)
    return lower(part, batch)


@lowering(ShareOf)
def _share_of(criterion: ShareOf, batch: Batch) -> Codes:
    part, whole = batch.value(criterion.part), batch.value(criterion.whole)
    if part is None or whole is None:
        return batch.fill(UNKNOWN)
    if not isinstance(part, Scaled) or not isinstance(whole, Scaled):
        raise NotLowered(f"{criterion.id}: expected numbers")
    known = part.mask() & whole.mask()
    required = batch.param(criterion.param)
    peaks = (batch.peak(part.values), batch.peak(whole.values))
    return share_codes(
        batch, part.values, part.exponent, whole.values, whole.exponent, known, required, peaks
    )


# --------------------------------------------------------------------------------------------
# Display values (results): a ratio rounded down as the row path shows it
# --------------------------------------------------------------------------------------------


def floor_ratio_column(
    batch: Batch,
    part: IntArray,
    whole: IntArray,
    known: BoolArray,
    required: Decimal,
    peak: int | None = None,
) -> Scaled:
    """``floor(part / whole)`` to ``max(DISPLAY_PLACES, places(required))`` places, as the row
    path's :func:`~nmgpolicy.criteria_years.shown_ratio` (both on one scale; ``whole`` > 0
    where ``known``); a row whose product would overflow goes to the row path. ``peak``: a
    known bound on the magnitudes of ``part`` (as for :func:`times`)."""
    column, risky = _floor_ratio(part, whole, known, max(DISPLAY_PLACES, places(required)), peak)
    if risky.any():
        batch.refuse(known & risky)
    return column


def _floor_ratio(
    part: IntArray, whole: IntArray, known: BoolArray, digits: int, peak: int | None
) -> tuple[Scaled, BoolArray]:
    """:func:`floor_ratio_column` and the rows at risk of overflow (absent from it)."""
    risky = np.zeros(len(part), dtype=np.bool_)
    scaled = times(part, 10**digits, risky, peak)
    ok = known & ~risky & (whole > 0)
    # Divide every row (by 1 where not ``ok``: no selection, no scatter), keep the ``ok`` ones.
    divisor = whole * ok
    divisor += ~ok
    values = np.floor_divide(scaled, divisor)
    values *= ok
    return Scaled(values, -digits, ok), risky


def _deferred_ratio(
    batch: Batch,
    part: IntArray,
    whole: IntArray,
    known: Callable[[], BoolArray],
    required: Decimal,
    peak: int,
) -> Scaled | Deferred:
    """:func:`floor_ratio_column`, computed when first read if no row can be at risk of
    overflow (the bound ``peak`` of ``part`` says so: nothing to send to the row path; the
    batch is not kept), else now."""
    digits = max(DISPLAY_PLACES, places(required))
    if peak <= INT64_MAX // 10**digits:
        return lambda: _floor_ratio(part, whole, known(), digits, peak)[0]
    return floor_ratio_column(batch, part, whole, known(), required, peak)


def density_column(criterion: DensityInYear, batch: Batch) -> Scaled | Deferred:
    """The density the row path shows (``results[criterion.result]``)."""
    years = _frame_of(criterion, batch)
    scaled, known, people, _, risky = _density_parts(criterion, batch, years)
    readable = years.named & years.given
    if years.strict:
        readable &= ~years.missing(years.recent)
    if risky.any():
        batch.refuse(known & readable & risky)

    def shown() -> BoolArray:
        found: BoolArray = known & readable & (people != 0) & ~risky
        return found

    peak = _field_peak(batch, years, criterion.count) * abs(int(batch.param(criterion.per)))
    required = batch.param(criterion.param)
    return _deferred_ratio(batch, scaled, people, shown, required, peak)


def share_column(criterion: ShareOf, batch: Batch) -> Scaled | Deferred:
    """The share the row path shows (``results[criterion.result]``): absent unless decided."""
    part, whole = batch.value(criterion.part), batch.value(criterion.whole)
    if (
        not isinstance(part, Scaled)
        or not isinstance(whole, Scaled)
        or part.exponent != whole.exponent
    ):
        size = batch.size
        return Scaled(np.zeros(size, np.int64), 0, np.zeros(size, np.bool_))
    required = batch.param(criterion.param)
    peak = batch.peak(part.values)
    return _deferred_ratio(
        batch, part.values, whole.values, lambda: part.mask() & whole.mask(), required, peak
    )


def latest_column(years: Frame) -> Scaled:
    """The latest year given per row (absent where none is)."""
    return Scaled(years.latest, 0, years.given.copy())
