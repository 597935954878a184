"""Each criterion kind lowered to an array kernel: the statuses of one finding for every row.

A lowering reads the criterion's own fields — the fact or measure it reads, the parameter, the
comparison, ``soft``, ``expected`` — so the columnar path is derived from the same definition as
the row path; nothing legal is restated here. Comparisons are exact: a parameter ``r`` against
a column of ``v × 10**e`` is ``v × d ⋈ n`` with ``n/d = r × 10**-e`` in integers, after a guard
that sends to the row path every row whose product could overflow ``int64``.

A kind without a lowering (or reading a measure without one) is decided by the row path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._columns import Flags, Scaled, Table
from nmgpolicy.criteria import Applies, Compare, Flag, Threshold
from nmgpolicy.definition import Criterion, Fact, Param
from nmgpolicy.outcome import Status

__all__ = ["CODES", "Lowered", "NotLowered", "lower", "lowering"]

CODES: dict[Status, int] = {
    Status.MET: 0,
    Status.NOT_MET: 1,
    Status.UNKNOWN: 2,
    Status.REVIEW: 3,
    Status.NOT_APPLICABLE: 4,
}
"""The code of each finding status in a status column (``int8``)."""

Codes = npt.NDArray[np.int8]
Lowered = Callable[[Any, "Batch"], Codes]

_LOWERINGS: dict[type, Lowered] = {}


class NotLowered(Exception):
    """A criterion the kernels cannot decide: the row path decides it."""


class Batch:
    """What a lowering reads: the table, the parameters in force, the evaluation date."""

    def __init__(self, table: Table, params: Any, on: dt.date) -> None:
        self.table = table
        self.params = params
        self.on = on
        self.size = table.size

    def fact(self, ref: object) -> Scaled | Flags | None:
        if not isinstance(ref, Fact):
            raise NotLowered(f"{ref!r} has no columnar reading")
        return self.table.column(ref.path)

    def param(self, ref: Param) -> Any:
        return self.params[ref.name]

    def fill(self, status: Status) -> Codes:
        return np.full(self.size, CODES[status], dtype=np.int8)


def lowering(kind: type) -> Callable[[Lowered], Lowered]:
    """Register the kernel of a criterion kind (its subclasses inherit it)."""

    def register(function: Lowered) -> Lowered:
        _LOWERINGS[kind] = function
        return function

    return register


def lower(criterion: Criterion, batch: Batch) -> Codes:
    """The status codes of ``criterion`` for every row (:class:`NotLowered` if it has none)."""
    for kind in type(criterion).__mro__:
        if kind in _LOWERINGS:
            return _LOWERINGS[kind](criterion, batch)
    raise NotLowered(type(criterion).__name__)


@lowering(Flag)
def _flag(criterion: Flag, batch: Batch) -> Codes:
    column = batch.fact(criterion.value)
    if column is None:
        return batch.fill(criterion.absent)
    if not isinstance(column, Flags):
        raise NotLowered(f"{criterion.id}: expected yes/no values")
    met = column.values == criterion.expected
    codes = np.where(met, CODES[Status.MET], CODES[Status.NOT_MET]).astype(np.int8)
    codes[~column.mask()] = CODES[criterion.absent]
    return codes


def compare_scaled(column: Scaled, required: Decimal, compare: Compare, table: Table) -> Any:
    """``column ⋈ required`` exactly, as a bool array; rows at risk of overflow → row path."""
    numerator, denominator = required.scaleb(-column.exponent).as_integer_ratio()
    values = column.values
    if denominator == 1:
        if abs(numerator) > np.iinfo(np.int64).max:
            table.row_path |= column.mask()
            return np.zeros(len(values), dtype=np.bool_)
        right: Any = np.int64(numerator)
        left: Any = values
    else:
        limit = np.iinfo(np.int64).max // denominator
        risky = np.abs(values) > limit
        if risky.any() or abs(numerator) > np.iinfo(np.int64).max:
            table.row_path |= risky & column.mask()
            if abs(numerator) > np.iinfo(np.int64).max:
                table.row_path |= column.mask()
        left = np.where(risky, 0, values) * np.int64(denominator)
        right = np.int64(numerator) if abs(numerator) <= np.iinfo(np.int64).max else 0
    if compare is Compare.AT_LEAST:
        return left >= right
    if compare is Compare.AT_MOST:
        return left <= right
    if compare is Compare.BELOW:
        return left < right
    return left > right


@lowering(Threshold)
def _threshold(criterion: Threshold, batch: Batch) -> Codes:
    column = batch.fact(criterion.value)
    if column is None:
        return batch.fill(Status.UNKNOWN)
    if not isinstance(column, Scaled):
        raise NotLowered(f"{criterion.id}: expected numbers")
    holds = compare_scaled(column, batch.param(criterion.param), criterion.compare, batch.table)
    failed = Status.REVIEW if criterion.soft else Status.NOT_MET
    codes = np.where(holds, CODES[Status.MET], CODES[failed]).astype(np.int8)
    codes[~column.mask()] = CODES[Status.UNKNOWN]
    return codes


@lowering(Applies)
def _applies(criterion: Applies, batch: Batch) -> Codes:
    when = batch.fact(criterion.when)
    if when is None:
        return batch.fill(Status.UNKNOWN)
    if not isinstance(when, Flags):
        raise NotLowered(f"{criterion.id}: expected yes/no values")
    codes = lower(criterion.then, batch)
    codes = np.where(when.values, codes, CODES[Status.NOT_APPLICABLE]).astype(np.int8)
    codes[~when.mask()] = CODES[Status.UNKNOWN]
    return codes
