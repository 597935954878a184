"""Result columns: the kernels' values, with the rows the row path decided written in.

A column may be :data:`Deferred` (a function making it): it is made when first read, and the
row path's writes, recorded meanwhile, are then replayed on it in order.

A result is a :class:`~nmgpolicy.columnar.Scaled` column (``int64 × 10**exponent``, absent
where the row path's result is ``None``). A row decided by the row path may hold a value finer
than the kernels' scale (that is often why it went there): the whole column is then moved to
the finer scale, exactly; a value that cannot be held in ``int64`` at any common scale is left
out of the column and kept exactly in :attr:`Result.overflow` (by result and row).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np

from nmgpolicy._exact import exact
from nmgpolicy.columnar._columns import INT64_MAX, Scaled

__all__ = ["Deferred", "ResultColumn", "as_number"]

_FINEST = -18


def as_number(value: Any) -> Decimal | None:
    """A result value as an exact number (an :class:`~nmgpolicy.outcome.Amount` by its
    canonical value; ``None`` stays ``None``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    number = getattr(value, "value", None)
    if isinstance(number, Decimal):
        return number
    raise TypeError(f"not a number: {value!r}")


Deferred = Callable[[], Scaled]
"""A result column computed when it is first read (most callers read few results, or none):
it may read the batch's measures, but must send no row to the row path."""


class ResultColumn:
    """A result column being filled: the kernels' :class:`Scaled` values (or a
    :data:`Deferred` computing them), then rows of the row path (:meth:`clear`, :meth:`put`:
    recorded, and replayed in order once a deferred column is computed), then :meth:`finish`.
    Not thread-safe: the caller finishes it once (under its lock)."""

    def __init__(self, column: Scaled | Deferred) -> None:
        self._deferred: Deferred | None = None
        self._writes: list[tuple[bool, Any, Any]] = []
        self.overflow: dict[int, Decimal] = {}
        if isinstance(column, Scaled):
            self._start(column)
        else:
            self._deferred = column

    def _start(self, column: Scaled) -> None:
        self.column = column
        self.values = column.values
        self.exponent = column.exponent
        self.valid = column.mask()
        self._owned = False

    def _ready(self) -> None:
        """Compute a deferred column, then replay the row path's writes on it."""
        deferred, self._deferred = self._deferred, None
        if deferred is None:
            return
        self._start(deferred())
        writes, self._writes = self._writes, []
        for is_put, at, value in writes:
            if is_put:
                self.put(at, value)
            else:
                self.clear(at)

    def _own(self) -> None:
        """Copy the kernels' arrays before the first write (most batches never write)."""
        if not self._owned:
            self.values, self.valid, self._owned = self.values.copy(), self.valid.copy(), True

    def clear(self, rows: Any) -> None:
        """Forget the kernels' values of ``rows`` (decided by the row path)."""
        if self._deferred is not None:
            self._writes.append((False, rows, None))
            return
        self._own()
        self.valid[rows] = False

    @exact  # scaled under the library's decimal context (also when replayed on first read)
    def put(self, row: int, value: Any) -> None:
        """The row path's value for ``row`` (``None``: absent)."""
        if self._deferred is not None:
            self._writes.append((True, row, value))
            return
        number = as_number(value)
        self._own()
        self.overflow.pop(row, None)
        if number is None:
            self.valid[row] = False
            return
        exponent = int(number.normalize().as_tuple().exponent) if number else 0
        if exponent < self.exponent and exponent >= _FINEST:
            self._refine(exponent)
        scaled = number.scaleb(-self.exponent)
        if scaled != scaled.to_integral_value() or abs(scaled) > INT64_MAX:
            self.valid[row] = False
            self.overflow[row] = number
            return
        self.values[row] = int(scaled)
        self.valid[row] = True

    def _refine(self, exponent: int) -> None:
        """Move the column to the finer ``exponent`` (values that would overflow go to
        :attr:`overflow`)."""
        factor = 10 ** (self.exponent - exponent)
        limit = INT64_MAX // factor
        over = self.valid & (np.abs(self.values) > limit)
        for row in np.flatnonzero(over).tolist():
            self.overflow[row] = Decimal(int(self.values[row])).scaleb(self.exponent)
        self.valid &= ~over
        kept = np.where(self.valid, self.values, 0)  # beyond int64 only zeros are kept
        self.values = kept * np.int64(factor) if factor <= INT64_MAX else np.zeros_like(kept)
        self.exponent = exponent

    @exact  # often called on first read, under the caller's context: never under it
    def finish(self) -> Scaled:
        """The column, every write made (a deferred one computed first)."""
        self._ready()
        if not self._owned and not self.overflow:
            return self.column
        return Scaled(self.values, self.exponent, self.valid)
