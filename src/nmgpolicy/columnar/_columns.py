"""Columns as the kernels read them: exact scaled integers, flags, codes, sets and dates, each
with a validity mask (``False`` = the fact is absent).

* :class:`Scaled` — a quantity: ``int64`` values meaning ``values × 10**exponent`` in the
  canonical unit of the fact (元, 吨, kVA, km², 吨/元, a share as a fraction, a count …).
* :class:`Flags` — yes/no facts.
* :class:`Categories` — one text per row, as codes into ``labels`` (an enumeration such as the
  enterprise kind, or any text such as a unit id): a Polars categorical or an Arrow dictionary
  column has this shape.
* :class:`Members` — a set of texts per row (the designations of an enterprise), as bits:
  bit ``k`` set ⇔ ``labels[k]`` is in the set.
* :class:`Dates` — days since 1970-01-01 (a NumPy ``datetime64[D]`` column is read as this).

Callers who have pre-parsed columns pass these directly (read without a copy); any other
column is read by :mod:`nmgpolicy.columnar._read` with the row path's own parsers.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import typing
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

__all__ = [
    "Categories",
    "Column",
    "Dates",
    "Flags",
    "Members",
    "Scaled",
    "array_key",
    "field_type",
    "full",
    "is_optional",
    "known_peak",
    "none",
    "refuses",
    "warm",
    "with_peak",
]

BoolArray = npt.NDArray[Any]
"""A boolean column (typed loosely: NumPy's dtype generics do not follow these kernels)."""
IntArray = npt.NDArray[Any]
"""An integer column (``int64`` unless said otherwise)."""
INT64_MAX = int(np.iinfo(np.int64).max)
EPOCH = dt.date(1970, 1, 1)


_ALL: dict[int, BoolArray] = {}
_ALL_LOCK = threading.Lock()


def _all(size: int) -> BoolArray:
    """A read-only all-True mask of ``size`` rows, shared by every complete column of that
    length (one per length, the last few kept): a complete column costs no mask of its own."""
    found = _ALL.get(size)
    if found is None:
        found = np.ones(size, dtype=np.bool_)
        found.setflags(write=False)
        with _ALL_LOCK:
            if len(_ALL) >= 8:
                _ALL.clear()
            _ALL[size] = found
    return found


def full(size: int) -> BoolArray:
    """The shared read-only all-True mask of ``size`` rows (see :func:`_all`)."""
    return _all(size)


_NONE: dict[int, BoolArray] = {}


def none(size: int) -> BoolArray:
    """A shared read-only all-False mask of ``size`` rows (one per length, the last few kept):
    what a reader returns when it refuses no row. A fresh ``np.zeros`` costs nothing until it
    is read — then a page fault for every 4 KiB, which on a busy machine costs more than the
    pass itself; the caller tests ``refused is none(size)`` and reads nothing."""
    found = _NONE.get(size)
    if found is None:
        found = np.zeros(size, dtype=np.bool_)
        found.setflags(write=False)
        with _ALL_LOCK:
            if len(_NONE) >= 8:
                _NONE.clear()
            _NONE[size] = found
    return found


def refuses(rows: BoolArray) -> bool:
    """Whether ``rows`` (a reader's refused rows, rows at risk …) marks any row: the shared
    :func:`none` mask, or a view of it, is not read."""
    found = _NONE.get(rows.size)
    if found is not None and (rows is found or rows.base is found):
        return False
    return bool(rows.any())


def array_key(values: npt.NDArray[Any]) -> tuple[int, int, str] | None:
    """The memory a C-contiguous array reads — (address, bytes, dtype) — the same for every
    reshaped view of it, so for the same values; ``None`` for any other layout."""
    if not values.flags.c_contiguous:
        return None
    return (values.__array_interface__["data"][0], values.nbytes, values.dtype.str)


def known_peak(column: Scaled) -> int | None:
    """The largest magnitude in ``column.values`` when the reading found it (:func:`with_peak`)."""
    found: int | None = column.__dict__.get("_peak")
    return found


def with_peak(column: Scaled, peak: int) -> Scaled:
    """A new :class:`Scaled` over the same arrays that knows the largest magnitude of its
    values — found by the range check of this call, so never stale: a column given by the
    caller is not changed (they may change its values before the next call)."""
    out = Scaled(column.values, column.exponent, column.valid)
    out.__dict__["_peak"] = peak
    return out


class _Column:
    """What every column type shares: its rows (``_rows()``, the array of one entry per row),
    ``len()``, and ``mask()`` — which rows hold a value: ``valid`` when given, else the shared
    all-True mask (a complete column costs no mask of its own), made once, on first use."""

    valid: BoolArray | None

    def _rows(self) -> npt.NDArray[Any]:
        raise NotImplementedError

    @functools.cached_property
    def _mask(self) -> BoolArray:
        return _all(len(self._rows())) if self.valid is None else self.valid

    def mask(self) -> BoolArray:
        """Which rows hold a value (made once, on first use)."""
        return self._mask

    def __len__(self) -> int:
        return len(self._rows())


@attrs.frozen(eq=False, slots=False)
class Scaled(_Column):
    """Exact numbers: ``values × 10**exponent`` (canonical unit), ``valid`` False when absent."""

    values: IntArray
    exponent: int = 0
    valid: BoolArray | None = None

    def _rows(self) -> npt.NDArray[Any]:
        return self.values


@attrs.frozen(eq=False, slots=False)
class Flags(_Column):
    """Yes/no facts, ``valid`` False when absent."""

    values: BoolArray
    valid: BoolArray | None = None

    def _rows(self) -> npt.NDArray[Any]:
        return self.values


@attrs.frozen(eq=False, slots=False)
class Categories(_Column):
    """One text per row: ``labels[codes[i]]``; ``valid`` False (or a code of -1) when absent.

    ``codes`` is any integer array (``int8`` … ``int64``); the labels are the texts exactly as
    the row path would read them (an enumeration's values, an id, a product name).
    """

    codes: npt.NDArray[np.integer[Any]]
    labels: tuple[str, ...]
    valid: BoolArray | None = None

    def _rows(self) -> npt.NDArray[Any]:
        return self.codes

    @functools.cached_property
    def _mask(self) -> BoolArray:
        """A code of -1 is absent too."""
        if self.valid is None and (not len(self.codes) or int(self.codes.min()) >= 0):
            return _all(len(self.codes))
        present = self.codes >= 0
        return present if self.valid is None else present & self.valid


@attrs.frozen(eq=False, slots=False)
class Members(_Column):
    """A set of texts per row: bit ``k`` of ``bits[i]`` set ⇔ ``labels[k]`` is in row ``i``'s
    set (at most 63 labels); ``valid`` False when absent."""

    bits: IntArray
    labels: tuple[str, ...]
    valid: BoolArray | None = None

    def _rows(self) -> npt.NDArray[Any]:
        return self.bits


@attrs.frozen(eq=False, slots=False)
class Dates(_Column):
    """Calendar dates as days since 1970-01-01, ``valid`` False when absent."""

    days: IntArray
    valid: BoolArray | None = None

    def _rows(self) -> npt.NDArray[Any]:
        return self.days

    def years(self) -> IntArray:
        """The calendar year of each date: the count of 1 Januaries at or before it, over the
        few years the column spans (one ``searchsorted`` into a short table — cheaper than a
        calendar conversion of every date); a span beyond the calendar, by that conversion."""
        days = self.days
        if not len(days):
            return np.zeros(0, dtype=np.int64)
        low, high = int(days.min()), int(days.max())
        first, last = _year_of(low), _year_of(high)
        if first is None or last is None or last - first > 10_000:
            stamps = days.astype("datetime64[D]").astype("datetime64[Y]")
            return stamps.astype(np.int64) + 1970
        starts = [(dt.date(y, 1, 1) - EPOCH).days for y in range(first + 1, last + 1)]
        if len(starts) > 16:
            found: IntArray = np.searchsorted(np.array(starts, dtype=np.int64), days, "right")
            found += first
            return found
        # A few years: the year is the first one plus the count of 1 Januaries passed
        # (counted in bytes, widened once).
        passed = np.empty(len(days), dtype=np.bool_)
        count = np.zeros(len(days), dtype=np.int8)
        for start in starts:
            np.greater_equal(days, start, out=passed)
            count += passed.view(np.int8)
        found = count.astype(np.int64)
        found += first
        return found


def _year_of(days: int) -> int | None:
    """The calendar year of a day number (``None`` beyond ``datetime.date``'s years)."""
    try:
        return (EPOCH + dt.timedelta(days=days)).year
    except OverflowError:
        return None


Column = Scaled | Flags | Categories | Members | Dates
"""A column the kernels read."""


def warm(model: Any) -> None:
    """Resolve the type of every fact of ``model`` — dotted paths into nested objects, and the
    items of its lists — once (the answers are cached): the first batch of a rule set then
    costs what any other does."""
    stack: list[tuple[Any, Any, str]] = [(model, model, "")]
    seen: set[tuple[Any, str]] = set()
    while stack:
        root, current, prefix = stack.pop()
        if (root, prefix) in seen or not attrs.has(current):
            continue
        seen.add((root, prefix))
        for name in typing.get_type_hints(current):
            path = f"{prefix}{name}"
            tp = field_type(root, path)
            is_optional(root, path)
            is_required(root, path)
            stack.append((root, tp, f"{path}."))
            for item in typing.get_args(tp):
                stack.append((item, item, ""))


@functools.lru_cache(maxsize=1024)
def field_type(model: Any, path: str) -> Any:
    """The declared type of the fact at dotted ``path`` in the facts model (without ``None``)."""
    current: Any = model
    for name in path.split("."):
        if not attrs.has(current):
            raise KeyError(path)
        hints = typing.get_type_hints(current)
        if name not in hints:
            raise KeyError(path)
        current = strip_optional(hints[name])
    return current


@functools.lru_cache(maxsize=1024)
def is_optional(model: Any, path: str) -> bool:
    """Whether the fact at ``path`` may be null (``None`` reads as absent)."""
    *parents, leaf = path.split(".")
    owner: Any = field_type(model, ".".join(parents)) if parents else model
    return type(None) in typing.get_args(typing.get_type_hints(owner)[leaf])


@functools.lru_cache(maxsize=1024)
def is_required(model: Any, path: str) -> bool:
    """Whether the fact at ``path`` must be given (an attrs field without a default)."""
    *parents, leaf = path.split(".")
    owner: Any = field_type(model, ".".join(parents)) if parents else model
    field = attrs.fields_dict(owner)[leaf]
    return field.default is attrs.NOTHING


def strip_optional(tp: Any) -> Any:
    """``X | None`` → ``X``."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return args[0] if len(args) == 1 else tp
    return tp
