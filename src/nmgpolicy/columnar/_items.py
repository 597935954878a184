"""Nested lists (the years of a cluster, the retired units of a plan) as long tables.

Each nested list is a second table with one row per item and an ``"application"`` column: the
row number of the application the item belongs to. :class:`Items` reads the items' own
columns against the item model (:class:`~nmgpolicy.columnar._read.Table`) and gives the
per-application reductions the kernels need — counts, sums, minima, any — without a Python
loop over applications: the items are grouped by a stable sort on the application (skipped
when the table is already in that order), and each reduction is one ``reduceat`` (sums in
``int64``, exact: every group's own total is guarded to fit) or one ``bincount``.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._columns import (
    INT64_MAX,
    BoolArray,
    Categories,
    Dates,
    Flags,
    IntArray,
    Members,
    Scaled,
    field_type,
    full,
)
from nmgpolicy.columnar._read import Table, facts_of_row, to_numpy
from nmgpolicy.columnar._readers import pre_parsed
from nmgpolicy.errors import InputError

__all__ = ["MAX_ITEMS", "Items", "Opaque", "group_duplicates", "item_model", "popcount"]

MAX_ITEMS = 1000
"""An application with more items than this (all its lists together) goes to the row path,
which holds it to the input budget (``max_values``); the kernels do not count values."""


@attrs.frozen
class Opaque:
    """The model of the items of a list that is not a list of objects of the facts model: the
    kernels read nothing of it; its applications go to the row path, which refuses them."""


def item_model(model: Any, key: str) -> type[Any]:
    """The model of the items of the list fact ``key`` (``tuple[YearFacts, ...]`` or
    ``list[YearFacts]`` → YearFacts;
    :class:`Opaque` when ``key`` is no such list)."""
    try:
        tp = field_type(model, key)
    except KeyError:
        return Opaque
    args = typing.get_args(tp)
    if typing.get_origin(tp) not in (tuple, list) or not args or not attrs.has(args[0]):
        return Opaque
    item: type[Any] = args[0]
    return item


class Items:
    """The items of the nested list ``key``, grouped by application.

    The per-application arrays (``count``, the group starts) are made on first use: a
    reduction reads them, a batch that never reduces a list does not pay for them.
    """

    def __init__(
        self, key: str, model: type[Any], columns: Mapping[str, object], applications: int
    ) -> None:
        if "application" not in columns:
            raise InputError.single(f"$.lists.{key}", 'expected an "application" column')
        app, valid = _application_column(key, columns["application"])
        if app.dtype == object:
            app = _row_numbers(key, app)
        if valid is not None or app.dtype.kind not in "iu":
            raise InputError.single(f"$.lists.{key}.application", "expected row numbers")
        app = app.astype(np.int64, copy=False)
        uniform = _uniform(app, applications)  # k items each, in order: grouped, no more check
        ordered = uniform is not None or bool(len(app) < 2 or (app[1:] >= app[:-1]).all())
        if len(app):
            low, high = (app[0], app[-1]) if ordered else (app.min(), app.max())
            if low < 0 or high >= applications:
                raise InputError.single(
                    f"$.lists.{key}.application",
                    f"expected row numbers from 0 to {applications - 1}",
                )
        self.key = key
        self.opaque = model is Opaque
        self.size = applications
        self.app = app
        self.table = Table(
            model,
            {k: v for k, v in columns.items() if k != "application"},
            len(app),
            f"$.lists.{key}",
        )
        self.order: IntArray | None = None if ordered else np.argsort(app, kind="stable")
        self.uniform = uniform
        """``k`` when each application has exactly ``k`` items, grouped in order."""
        self.single = self.uniform == 1
        """Each application has exactly one item, in order: a reduction is the values."""

    def __len__(self) -> int:
        return len(self.app)

    @functools.cached_property
    def count(self) -> IntArray:
        """Per application: how many items it has."""
        if self.uniform is not None:
            return np.full(self.size, self.uniform, dtype=np.int64)
        return np.bincount(self.app, minlength=self.size).astype(np.int64, copy=False)

    @functools.cached_property
    def starts(self) -> IntArray:
        """Per application: the position of its first item in the grouped order."""
        if self.uniform is not None:
            return np.arange(0, self.size * self.uniform, self.uniform, dtype=np.int64)
        starts = np.cumsum(self.count)
        starts -= self.count
        return starts

    @functools.cached_property
    def ends(self) -> IntArray:
        """Per application: the position after its last item in the grouped order (made on
        its own: a reduction that reads only the starts, or only the ends, keeps one)."""
        if self.uniform is not None:
            return self.starts + self.uniform
        ends: IntArray = np.cumsum(self.count)
        return ends

    @functools.cached_property
    def _groups(self) -> tuple[BoolArray | None, IntArray]:
        """The applications with items (``None``: every one) and their starts."""
        filled = self.count > 0
        if filled.all():
            return None, self.starts
        return filled, self.starts[filled]

    def nonempty(self) -> BoolArray:
        """Per application: whether it has items."""
        if self.uniform:
            return full(self.size)
        return self.count > 0

    @functools.cached_property
    def most(self) -> int:
        """The largest number of items of one application."""
        return self.uniform if self.uniform is not None else int(self.count.max(initial=0))

    def sort(self, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Item values in the grouped order (the given array when already grouped)."""
        return values if self.order is None else values[self.order]

    def count_where(self, mask: BoolArray) -> IntArray:
        """Per application: how many of its items are in ``mask``."""
        if not mask.any():
            return np.zeros(self.size, dtype=np.int64)
        if self.uniform is not None:
            total = np.zeros(self.size, dtype=np.int64)
            for k in range(self.uniform):
                total += mask[k :: self.uniform]
            return total
        if self.order is None and len(mask) < 2**31:
            running = np.empty(len(mask) + 1, dtype=np.int32)
            running[0] = 0
            np.cumsum(mask, out=running[1:], dtype=np.int32)
            counts: IntArray = (running[self.ends] - running[self.starts]).astype(np.int64)
            return counts
        return np.bincount(self.app[mask], minlength=self.size).astype(np.int64, copy=False)

    def count_pair(self, first: BoolArray, second: BoolArray) -> tuple[IntArray, IntArray]:
        """Per application: how many of its items are in ``first``, and in ``second``.

        Items grouped in order are counted in one running sum of ``first + second·2**w``
        in unsigned integers of ``2w`` bits: an application's sum is the difference of two
        running sums, exact modulo ``2**2w`` — so exactly ``count(first) +
        count(second)·2**w`` when it has fewer than ``2**w`` items (``w`` is 8 when every
        application has fewer than 256, else 16; beyond :data:`MAX_ITEMS`, the row path
        decides anyway).
        """
        if self.uniform is not None or self.order is not None or self.most >= 1 << 16:
            return self.count_where(first), self.count_where(second)
        width = 8 if self.most < 1 << 8 else 16
        kind: Any = np.uint16 if width == 8 else np.uint32
        lanes = second.view(np.uint8).astype(kind)
        lanes <<= kind(width)
        lanes |= first.view(np.uint8)
        running = np.empty(len(lanes) + 1, dtype=kind)
        running[0] = 0
        np.cumsum(lanes, out=running[1:], dtype=kind)  # wraps: modular, as said
        del lanes
        at_ends = running[self.ends]  # an application's items end where the next one's start
        sums = np.empty_like(at_ends)
        sums[:1] = at_ends[:1]
        np.subtract(at_ends[1:], at_ends[:-1], out=sums[1:])
        low = (sums & kind((1 << width) - 1)).astype(np.int64)
        sums >>= kind(width)
        return low, sums.astype(np.int64)

    def any(self, mask: BoolArray) -> BoolArray:
        """Per application: whether any of its items is in ``mask``."""
        out = np.zeros(self.size, dtype=np.bool_)
        if mask.any():
            out[self.app[mask]] = True
        return out

    def total(self, values: IntArray) -> IntArray:
        """Per application: the sum of its items' ``values`` (exact when each sum fits)."""
        return self.reduce(np.add, values, 0)

    def reduce(self, ufunc: np.ufunc, values: npt.NDArray[Any], empty: Any) -> npt.NDArray[Any]:
        """Per application: ``ufunc`` over its items' ``values`` (``empty`` when it has none)."""
        if not len(values):
            return np.full(self.size, empty, dtype=values.dtype)
        if self.single:
            return values
        if self.uniform is not None:  # k strided passes, no index array
            k = self.uniform
            out: npt.NDArray[Any] = values[0::k].copy()
            for j in range(1, k):
                ufunc(out, values[j::k], out=out)
            return out
        filled, heads = self._groups
        reduced = ufunc.reduceat(self.sort(values), heads)
        if filled is None:
            return reduced
        out = np.full(self.size, empty, dtype=values.dtype)
        out[filled] = reduced
        return out

    def spread(self, per_application: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """A value per application, repeated for each of its items (in the given order)."""
        spread: npt.NDArray[Any] = per_application[self.app]
        return spread

    def refuse_applications(self, table: Table) -> None:
        """Send to the row path every application with an item the kernels cannot read."""
        if self.opaque:
            table.row_path |= self.nonempty()
            return
        bad = self.table.row_path
        if bad.any():
            table.row_path[self.app[bad]] = True

    def positions(self, application: int) -> IntArray:
        """The item rows of one application, in the given order."""
        start = int(self.starts[application])
        end = start + int(self.count[application])
        if self.order is None:
            return np.arange(start, end)
        return self.order[start:end]

    def facts(self, application: int) -> list[dict[str, Any]]:
        """The items of one application as the row path reads them."""
        return [facts_of_row(self.table, int(i)) for i in self.positions(application)]


def _application_column(key: str, given: object) -> tuple[npt.NDArray[Any], BoolArray | None]:
    """The application numbers as a NumPy array and their validity: a NumPy, Polars or Arrow
    column or a list, or a pre-parsed :class:`Scaled` column of whole numbers (exponent 0,
    every row given); any other pre-parsed column is no row numbers."""
    where = f"$.lists.{key}.application"
    if isinstance(given, Scaled | Flags | Categories | Members | Dates):
        column = pre_parsed(where, given)
        if not isinstance(column, Scaled) or column.exponent != 0 or column.valid is not None:
            raise InputError.single(where, "expected row numbers (integers, every row given)")
        return column.values, None
    return to_numpy(given)


def _row_numbers(key: str, values: npt.NDArray[Any]) -> IntArray:
    """The application numbers of a column of objects as ``int64``: each an integer — an
    ``int`` (not a ``bool``), a NumPy integer or a whole ``Decimal`` — within ``int64``; else
    an :class:`InputError` at ``$.lists.<key>.application`` (a float, a fraction, a text, a
    list, ``None``: nothing is truncated or guessed)."""
    numbers: list[int] = []
    for value in values.tolist():
        number: int | Decimal | None = None
        if isinstance(value, int | np.integer) and not isinstance(value, bool):
            number = int(value)
        elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral():
            number = value  # compared before it is made an int (1e999999 is whole)
        if number is None or not -INT64_MAX - 1 <= number <= INT64_MAX:
            shown = repr(value) if len(repr(value)) <= 40 else f"a {type(value).__name__}"
            raise InputError.single(
                f"$.lists.{key}.application",
                f"expected row numbers (integers), got {shown}",
            )
        numbers.append(int(number))
    return np.array(numbers, dtype=np.int64)


def _uniform(app: IntArray, applications: int) -> int | None:
    """``k`` when ``app`` gives each of ``applications`` exactly ``k`` items, grouped in order
    (one pass: the items as a matrix of ``k`` columns against the row numbers)."""
    if not applications or len(app) % applications:
        return None
    k = len(app) // applications
    if k == 0:
        return None
    matrix = app.reshape(applications, k)
    same = np.empty(applications, dtype=np.bool_)
    # the first item of each application is its row number, and every other item is the same:
    # k passes into one reused mask (a k-column comparison against the row numbers writes k
    # times as much and is three times slower)
    if not np.equal(matrix[:, 0], np.arange(applications, dtype=np.int64), out=same).all():
        return None
    for j in range(1, k):
        if not np.equal(matrix[:, j], matrix[:, 0], out=same).all():
            return None
    return k


def group_duplicates(items: Items, codes: IntArray, labels: int, base: int = 0) -> BoolArray:
    """Per application: whether two of its items share a code (``codes - base`` < ``labels``;
    below ``base`` for an item without one, never a duplicate)."""
    if items.order is None and len(codes) > 1:
        # The usual layout: each application's codes increase in the order given.
        rising = np.greater(codes[1:], codes[:-1])
        if rising.all():
            return np.zeros(items.size, dtype=np.bool_)
        other = np.not_equal(items.app[1:], items.app[:-1])
        if np.logical_or(rising, other, out=rising).all():
            return np.zeros(items.size, dtype=np.bool_)
    codes = codes.astype(np.int64, copy=False)  # narrow codes (int8 …) would shift out of range
    if base:
        codes = np.clip(codes - base, -1, labels - 1)
    present = codes >= 0
    if labels <= 62:
        bits = np.where(present, np.left_shift(1, np.maximum(codes, 0)), 0).astype(np.int64)
        union = items.reduce(np.bitwise_or, bits, 0)
        distinct = popcount(union)
        return distinct < items.count_where(present)
    key = items.app * (labels + 1) + np.where(present, codes, labels)
    ordered = np.sort(key[present])
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    out = np.zeros(items.size, dtype=np.bool_)
    out[repeated // (labels + 1)] = True
    return out


_BYTE_COUNTS = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


def popcount(values: IntArray) -> IntArray:
    """The number of bits set in each (non-negative) value."""
    counter = getattr(np, "bitwise_count", None)
    if counter is not None:  # NumPy 2
        counted: IntArray = counter(values).astype(np.int64)
        return counted
    as_bytes = np.ascontiguousarray(values, dtype=np.int64).view(np.uint8).reshape(-1, 8)
    summed: IntArray = _BYTE_COUNTS[as_bytes].sum(axis=1)
    return summed
