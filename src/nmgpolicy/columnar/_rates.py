"""The measurements of a banded indicator over columns, compared exactly with a band's edge.

A :class:`Reading` gives, per row, whether the measurement is known (``known``), missing (a
fact absent: ``missing``; otherwise a rate undefined over a base of 0), and its position
against an edge (:meth:`Reading.signs`). A fact is compared as it is (:class:`Plain`, by
:func:`~nmgpolicy.columnar._kernels.compare_exact`); a growth rate without division or roots,
as :mod:`nmgpolicy.criteria_scoring_measures` does, in ``int64`` after reducing each row's
amounts by their common power of ten (the comparisons are homogeneous in the amounts):

* :class:`Growth` over ``years`` (1, or 2 for a compound rate): ``new × d**y ⋈ base × (d+n)**y``
  for an edge ``n/d``;
* :class:`MeanGrowth`, the mean of two yearly rates: ``d·(y1·y3 + y2²) ⋈ (2d+2n)·y2·y3``.

A row whose products could overflow ``int64`` (a guard before every product) is compared again
in Python integers, that row alone: exact at any size, never rounded.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._columns import INT64_MAX, BoolArray, IntArray, Scaled
from nmgpolicy.columnar._kernels import Batch, NotLowered, compare_exact, times
from nmgpolicy.criteria import Compare

__all__ = ["Growth", "MeanGrowth", "Plain", "Reading", "amounts", "reading_of"]


class Reading(Protocol):
    """A measurement per row."""

    @property
    def known(self) -> BoolArray: ...

    @property
    def missing(self) -> BoolArray: ...

    def signs(self, edge: Decimal, lower: bool, batch: Batch) -> tuple[BoolArray, BoolArray]:
        """``(beyond, equal)``: the value is past ``edge`` on the better side (above it, or
        below it when ``lower`` is better), or exactly on it. Meaningful where ``known``."""
        ...


@attrs.frozen(eq=False)
class Plain:
    """A fact compared as it is (a share, a ratio, an amount)."""

    column: Scaled

    @property
    def known(self) -> BoolArray:
        return self.column.mask()

    @property
    def missing(self) -> BoolArray:
        found: BoolArray = ~self.column.mask()
        return found

    def signs(self, edge: Decimal, lower: bool, batch: Batch) -> tuple[BoolArray, BoolArray]:
        column = self.column
        peak = batch.peak(column.values)
        above, risky = compare_exact(column.values, column.exponent, edge, Compare.ABOVE, peak)
        batch.refuse(risky & column.mask())
        at_least, risky = compare_exact(
            column.values, column.exponent, edge, Compare.AT_LEAST, peak
        )
        batch.refuse(risky & column.mask())
        equal = at_least & ~above
        return (~at_least if lower else above), equal


@attrs.frozen(eq=False)
class Absent:
    """A measurement no row gives."""

    size: int

    @property
    def known(self) -> BoolArray:
        return np.zeros(self.size, dtype=np.bool_)

    @property
    def missing(self) -> BoolArray:
        return np.ones(self.size, dtype=np.bool_)

    def signs(self, edge: Decimal, lower: bool, batch: Batch) -> tuple[BoolArray, BoolArray]:
        return self.known, self.known


def reading_of(value: Any, batch: Batch, measure: str) -> Reading:
    """The reading of a measure's value: a fact's column, a rate, or nothing given."""
    if value is None:
        return Absent(batch.size)
    if isinstance(value, Scaled):
        return Plain(value)
    if isinstance(value, Growth | MeanGrowth):
        return value
    raise NotLowered(f"measure {measure}: no columnar reading")


def _sign(left: IntArray, right: IntArray, lower: bool) -> tuple[BoolArray, BoolArray]:
    beyond: BoolArray = left < right if lower else left > right
    equal: BoolArray = left == right
    return beyond, equal


def _wide(values: IntArray, rows: IntArray) -> npt.NDArray[Any]:
    """``values[rows]`` as Python integers (exact products of any size)."""
    return np.array([int(v) for v in values[rows].tolist()], dtype=object)


def _fill(
    beyond: BoolArray,
    equal: BoolArray,
    rows: IntArray,
    left: npt.NDArray[Any],
    right: npt.NDArray[Any],
    lower: bool,
) -> None:
    """Write the comparison of ``left`` and ``right`` (Python integers) at ``rows``."""
    beyond[rows] = (left < right) if lower else (left > right)
    equal[rows] = left == right


def _product(a: IntArray, b: IntArray, risky: BoolArray) -> IntArray:
    """``a × b`` per row, rows where it could exceed ``INT64_MAX // 4`` added to ``risky``
    (their product is 0): a sum of two such products, times a small factor, is guarded
    again by :func:`times`."""
    limit = INT64_MAX // 4
    over = np.abs(a) > limit // np.maximum(np.abs(b), 1)
    if over.any():
        risky |= over
        a = np.where(over, 0, a)
    return a * b


@attrs.frozen(eq=False)
class Growth:
    """The growth from ``base`` to ``new`` over ``years`` years, per row (the amounts at one
    scale, reduced); ``known`` where both are given and the base is not 0."""

    new: IntArray
    base: IntArray
    years: int
    known: BoolArray
    missing: BoolArray

    def signs(self, edge: Decimal, lower: bool, batch: Batch) -> tuple[BoolArray, BoolArray]:
        n, d = edge.as_integer_ratio()
        risky = np.zeros(len(self.new), dtype=np.bool_)
        left = times(self.new, d**self.years, risky)
        right = times(self.base, (d + n) ** self.years, risky)
        beyond, equal = _sign(left, right, lower)
        wide = np.flatnonzero(risky & self.known)
        if len(wide):  # beyond int64: the same products in Python integers, those rows only
            new, base = (_wide(v, wide) for v in (self.new, self.base))
            _fill(beyond, equal, wide, new * d**self.years, base * (d + n) ** self.years, lower)
        return beyond, equal


@attrs.frozen(eq=False)
class MeanGrowth:
    """The mean of the yearly rates y3 → y2 → y1 per row (the amounts at one scale, reduced);
    ``known`` where all three are given and neither base is 0."""

    y1: IntArray
    y2: IntArray
    y3: IntArray
    known: BoolArray
    missing: BoolArray
    _products: list[tuple[IntArray, IntArray, BoolArray]] = attrs.field(factory=list)

    def _terms(self) -> tuple[IntArray, IntArray, BoolArray]:
        """``(y1·y3 + y2², y2·y3, risky)``, once."""
        if not self._products:
            risky = np.zeros(len(self.y1), dtype=np.bool_)
            first = _product(self.y1, self.y3, risky) + _product(self.y2, self.y2, risky)
            self._products.append((first, _product(self.y2, self.y3, risky), risky))
        return self._products[0]

    def signs(self, edge: Decimal, lower: bool, batch: Batch) -> tuple[BoolArray, BoolArray]:
        n, d = edge.as_integer_ratio()
        first, second, guarded = self._terms()
        risky = guarded.copy()
        left = times(first, d, risky)
        right = times(second, 2 * d + 2 * n, risky)
        beyond, equal = _sign(left, right, lower)
        wide = np.flatnonzero(risky & self.known)
        if len(wide):  # beyond int64: the same products in Python integers, those rows only
            y1, y2, y3 = (_wide(v, wide) for v in (self.y1, self.y2, self.y3))
            left_wide = (y1 * y3 + y2 * y2) * d
            _fill(beyond, equal, wide, left_wide, y2 * y3 * (2 * d + 2 * n), lower)
        return beyond, equal


def amounts(columns: list[Scaled | None], batch: Batch) -> tuple[list[IntArray], BoolArray]:
    """The amounts of ``columns`` at one scale, each row divided by the greatest power of ten
    dividing all its amounts (the rates compare the same), and where all are given. A column
    not given: nothing is given."""
    size = batch.size
    given = np.ones(size, dtype=np.bool_)
    for column in columns:
        given &= np.zeros(size, dtype=np.bool_) if column is None else column.mask()
    found = [c for c in columns if c is not None]
    if len(found) < len(columns) or not given.any():
        return [np.zeros(size, dtype=np.int64) for _ in columns], given
    exponent = min(c.exponent for c in found)
    risky = np.zeros(size, dtype=np.bool_)
    values = [
        np.where(given, times(c.values, 10 ** (c.exponent - exponent), risky), 0) for c in found
    ]
    batch.refuse(risky & given)
    for _ in range(19):  # at most 18 powers of ten in an int64
        even = given.copy()
        for v in values:
            even &= v % 10 == 0
        even &= np.any([v != 0 for v in values], axis=0)
        if not even.any():
            break
        for v in values:
            np.floor_divide(v, 10, out=v, where=even)
    return values, given
