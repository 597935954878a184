"""Readers: a column of any form → an exact column of the kernels, and the rows refused.

Each reader takes the declared type of a fact and what the caller gave — a pre-parsed column,
a NumPy, Polars or Arrow column, a list — and returns ``(column, refused)``: the
:class:`~nmgpolicy.columnar.Scaled`, :class:`~nmgpolicy.columnar.Flags`,
:class:`~nmgpolicy.columnar.Categories`, :class:`~nmgpolicy.columnar.Members` or
:class:`~nmgpolicy.columnar.Dates`, and the rows whose value the row parser refuses or the
kernels cannot hold exactly (they go to the row path). Texts of amounts, shares and counts are
read with :func:`~nmgpolicy.columnar._units.parse_amounts` and
:func:`~nmgpolicy.columnar._units.parse_numbers` past a couple of thousand values, with the
row path's own hook below that (each distinct value once); NumPy text columns of an
enumeration, a text or a date are factorised by comparing with each distinct value (few, in
practice) before anything is parsed.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from nmgpolicy import convert
from nmgpolicy.columnar._columns import (
    EPOCH,
    INT64_MAX,
    BoolArray,
    Categories,
    Column,
    Dates,
    Flags,
    IntArray,
    Members,
    Scaled,
    none,
    with_peak,
)
from nmgpolicy.columnar._records import ABSENT
from nmgpolicy.columnar._units import parse_amounts, parse_numbers, scale_of
from nmgpolicy.errors import InputError
from nmgpolicy.limits import BUDGET
from nmgpolicy.units import MAX_AMOUNT, Kind

__all__ = [
    "AMOUNT_KINDS",
    "Reader",
    "factorize",
    "is_masked",
    "pre_parsed",
    "reader_of",
    "register_reader",
    "to_numpy",
]

AMOUNT_KINDS: Mapping[object, Kind] = {
    convert.Money: Kind.MONEY,
    convert.Tonnes: Kind.MASS,
    convert.Kva: Kind.APPARENT_POWER,
    convert.AreaKm2: Kind.AREA,
    convert.TonnesPerYuan: Kind.MASS_PER_MONEY,
}
"""The amount types of the facts models and their unit kinds."""

_SHARE_PLACES = 18  # a share is at most 1: 10^18 fits in int64
_MAX_INT = 10**12  # convert._MAX_INT: a whole-number fact is at most this
_MAX_DECIMAL = Decimal("1e18")  # convert._decimal_hook's bound
_MAX_TEXT = BUDGET.max_string_length


def to_numpy(values: object) -> tuple[npt.NDArray[Any], BoolArray | None]:
    """A NumPy view of a NumPy, Polars or Arrow column (no copy where the layout allows) and
    its validity (``None``: every row holds a value). Texts and other objects become an object
    array. The validity of a NumPy masked array is its unmasked rows, and the array its data (a
    masked value is a fact not given: :func:`is_masked` tells the readers so); a Polars or
    Arrow column's is its non-null rows."""
    if isinstance(values, np.ndarray):
        if isinstance(values, np.ma.MaskedArray):
            data: npt.NDArray[Any] = values.data  # the plain array under the mask
            if np.ma.getmask(values) is np.ma.nomask:
                return data, None
            mask = np.ma.getmaskarray(values)
            return data, (~mask if mask.any() else None)
        return values, None
    module = type(values).__module__
    if module.startswith("pyarrow"):
        import polars as pl

        return to_numpy(pl.Series(_date32(values)))  # an Arrow array
    if module.startswith("polars"):
        series: Any = values
        nulls = series.is_null().to_numpy() if series.null_count() else None
        if not series.dtype.is_numeric() and str(series.dtype) not in ("Boolean", "Date"):
            return np.asarray(series.to_list(), dtype=object), None
        filled = series.fill_null(strategy="zero") if nulls is not None else series
        return filled.to_numpy(), None if nulls is None else ~nulls
    items = list(values)  # type: ignore[call-overload]  # any other iterable
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array, None


def is_masked(values: object) -> bool:
    """Whether ``values`` is a NumPy masked array: its validity (:func:`to_numpy`) marks the
    facts not given (absent), where a Polars or Arrow column's marks the nulls."""
    return isinstance(values, np.ma.MaskedArray)


def _plain(values: object) -> bool:
    """Whether ``values`` is a NumPy array with no mask: every row holds a value."""
    return isinstance(values, np.ndarray) and not isinstance(values, np.ma.MaskedArray)


def _date32(values: Any) -> Any:
    """An Arrow ``date64`` column (dates in milliseconds) as ``date32`` (days): a date type
    Polars would read as a date-time. A value holding a time of day stays as it is (the cast
    would lose it): it reads as a date-time, which the row path refuses."""
    if str(getattr(values, "type", "")).startswith("date64"):
        try:
            return values.cast("date32")
        except ValueError:  # ArrowInvalid: a time of day would be lost
            return values
    return values


# --------------------------------------------------------------------------------------------
# Pre-parsed columns: checked once, as given
# --------------------------------------------------------------------------------------------

_EXAMPLES: Mapping[type, str] = {
    Scaled: "e.g. Scaled(np.array([250, 1200]), -2) for 2.50 and 12.00",
    Flags: "e.g. Flags(np.array([True, False]), np.array([True, False])) for yes and absent",
    Categories: 'e.g. Categories(np.array([0, 1, -1]), ("single", "group")) for "single", '
    '"group" and absent',
    Members: 'e.g. Members(np.array([0b01, 0b11]), ("a", "b")) for ["a"] and ["a", "b"]',
    Dates: "e.g. Dates(np.array([20089, 20090])) for 2025-01-01 and 2025-01-02",
}
_ROWS: Mapping[type, str] = {
    Scaled: "values",
    Flags: "values",
    Categories: "codes",
    Members: "bits",
    Dates: "days",
}
"""The field of each column type holding one entry per row."""

MAX_EXPONENT = 1000
"""The largest magnitude of a :class:`Scaled` column's exponent (beyond it the scale alone
exceeds any value of the row path by hundreds of orders of magnitude)."""

MAX_MEMBERS = 63
"""The most labels of a :class:`Members` column (one bit each in ``int64``)."""

_COMPACT = 1024
"""A :class:`Categories` column of more labels than this keeps only the labels its codes use
(the kernels look at each label, some once per label over the rows)."""


def pre_parsed(where: str, column: Column) -> Column:
    """A pre-parsed column, checked as given: its arrays NumPy arrays of one entry per row of
    the type it holds (integers; booleans for :class:`Flags`), its validity ``None`` or a
    boolean array of the same length, a :class:`Scaled` exponent an ``int``, every
    :class:`Categories` code one of its labels (or -1) and every :class:`Members` bit one of
    its (at most 63, distinct) labels; else an :class:`InputError` at ``where`` (the column's
    path) with a valid example. Nothing a fact cannot hold reaches the kernels: a half day, a
    flag of 2, a label no code names.

    The checks are of types and shapes — O(1) per column: a :class:`Scaled` or a signed
    :class:`Dates` column is not read — except for the columns whose type allows what no fact
    holds: the codes of :class:`Categories` (their range: the pass their reading always made),
    the bits of :class:`Members` of a type wider than their labels (one pass: ``uint8`` bits
    over five labels may set a sixth), the days of an unsigned :class:`Dates` (made ``int64``:
    a difference of days would wrap). A NumPy masked array is read as its data, its masked
    rows not given (``valid`` False). Duplicate :class:`Categories` labels (as an Arrow or
    Polars dictionary may hold) are merged, and the codes remapped, so that the kernels look
    at each distinct text once (one pass over the labels, none over the codes unless merged).
    """
    kind = type(column)
    name = _ROWS[kind]
    example = _EXAMPLES[kind]

    def refuse(message: str) -> InputError:
        return InputError.single(where, f"{message}; {example}")

    rows: Any = getattr(column, name)
    valid: Any = column.valid
    changed = False
    if valid is not None:
        if isinstance(valid, np.ma.MaskedArray):
            valid, changed = valid.filled(False), True
        if not isinstance(valid, np.ndarray) or valid.dtype != np.bool_:
            got = valid.dtype if isinstance(valid, np.ndarray) else type(valid).__name__
            raise refuse(f"the validity of a {kind.__name__} column is a boolean array, got {got}")
    if isinstance(rows, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(rows)
        rows, changed = rows.data, True
        if valid is not None and valid.shape == rows.shape:
            valid = valid & ~mask
        elif valid is None and mask.any():
            valid = ~mask
    if not isinstance(rows, np.ndarray):
        raise refuse(
            f"the {name} of a {kind.__name__} column are a NumPy array, got {type(rows).__name__}"
        )
    if rows.ndim != 1:
        raise refuse(
            f"the {name} of a {kind.__name__} column are one-dimensional, got "
            f"{rows.ndim} dimensions"
        )
    if valid is not None and valid.shape != rows.shape:
        raise refuse(
            f"the validity of a {kind.__name__} column has one entry per row ({len(rows)}), "
            f"got {valid.shape[0] if valid.ndim == 1 else valid.shape}"
        )
    if kind is Flags:
        if rows.dtype != np.bool_:
            raise refuse(f"a Flags column holds booleans, got {rows.dtype}")
    elif rows.dtype.kind not in "iu":
        what = {
            Scaled: "integers (values × 10**exponent)",
            Categories: "integer codes",
            Members: "integer bits",
            Dates: "whole days since 1970-01-01",
        }[kind]
        raise refuse(f"a {kind.__name__} column holds {what}, got {rows.dtype}")
    if isinstance(column, Scaled):
        exponent = column.exponent
        if type(exponent) is not int:
            raise refuse(
                f"the exponent of a Scaled column is an int, got {type(exponent).__name__}"
            )
        if abs(exponent) > MAX_EXPONENT:
            raise refuse(
                f"the exponent of a Scaled column is at most {MAX_EXPONENT} either way, "
                f"got {exponent}"
            )
        return Scaled(rows, exponent, valid) if changed else column
    if isinstance(column, Flags):
        return Flags(rows, valid) if changed else column
    if isinstance(column, Dates):
        if rows.dtype.kind == "u":  # unsigned: differences would wrap; beyond int64 refused
            if len(rows) and rows.dtype.itemsize == 8 and int(rows.max()) > INT64_MAX:
                raise refuse(f"a Dates column holds days up to {INT64_MAX}, got {int(rows.max())}")
            rows, changed = rows.astype(np.int64), True
        return Dates(rows, valid) if changed else column
    labels = _labels(column.labels, refuse)
    changed = changed or labels is not column.labels
    if isinstance(column, Members):
        return _members_checked(rows, labels, valid, refuse, column if not changed else None)
    assert isinstance(column, Categories)
    if len(rows) and (int(rows.min()) < -1 or int(rows.max()) >= len(labels)):
        raise refuse(
            f"the codes of a Categories column are -1 (absent) or 0 … {len(labels) - 1}, got "
            f"{int(rows.min())} … {int(rows.max())}"
        )
    found = _distinct_codes(rows, labels)
    if found is not None:
        rows, labels = found
        changed = True
    return Categories(rows, labels, valid) if changed else column


def _labels(labels: object, refuse: Callable[[str], InputError]) -> tuple[Any, ...]:
    """The labels of a column as a tuple (a list given: as a tuple)."""
    if type(labels) is tuple:
        return labels
    if isinstance(labels, tuple | list):
        return tuple(labels)
    raise refuse(f"the labels of a column are a tuple of texts, got {type(labels).__name__}")


def _members_checked(
    bits: npt.NDArray[Any],
    labels: tuple[Any, ...],
    valid: BoolArray | None,
    refuse: Callable[[str], InputError],
    same: Members | None,
) -> Members:
    """A :class:`Members` column whose labels are at most 63 and distinct and whose bits each
    name one of them (``same``: the column as given, when nothing was changed)."""
    if len(labels) > MAX_MEMBERS:
        raise refuse(f"a Members column has at most {MAX_MEMBERS} labels, got {len(labels)}")
    try:
        distinct = len(set(labels)) == len(labels)
    except TypeError:  # an unhashable label: the rows naming it are refused when read
        distinct = True
    if not distinct:
        raise refuse("the labels of a Members column are distinct")
    narrow = bits.dtype.kind == "u" and bits.dtype.itemsize * 8 <= len(labels)
    if len(bits) and not narrow:  # a type wider than the labels: a bit may name none
        if bits.dtype == np.int64 and bits.flags.c_contiguous:
            top = int(bits.view(np.uint64).max())  # a negative value reads as 2**63 or more
        else:
            negative = bits.dtype.kind == "i" and int(bits.min()) < 0
            top = 1 << 64 if negative else int(bits.max())  # a negative value: the sign bit
        if top >> len(labels):
            raise refuse(
                f"the bits of a Members column name its {len(labels)} labels (bits 0 … "
                f"{len(labels) - 1}), got a bit beyond them"
            )
    return same if same is not None else Members(bits, labels, valid)


def _distinct_codes(
    codes: npt.NDArray[Any], labels: tuple[Any, ...]
) -> tuple[npt.NDArray[Any], tuple[Any, ...]] | None:
    """Codes and labels with every label distinct — duplicates merged into their first — and,
    past :data:`_COMPACT` labels, only the labels the codes use; ``None`` when the labels are
    already so (the usual case: one pass over the labels, none over the codes)."""
    keep: npt.NDArray[Any] | None = None
    if len(labels) > _COMPACT:
        used = np.zeros(len(labels) + 1, dtype=np.bool_)  # the last entry: code -1
        used[codes] = True
        if not used[:-1].all():
            keep = np.flatnonzero(used[:-1])
    kept = labels if keep is None else tuple(labels[k] for k in keep.tolist())
    try:
        first: dict[Any, int] = {}
        for label in kept:
            first.setdefault(label, len(first))
    except TypeError:  # an unhashable label: merge none (its rows are refused when read)
        first = {}
        if keep is None:
            return None
    if keep is None and len(first) == len(labels):
        return None
    if first and len(first) < len(kept):
        new_labels = tuple(first)
        positions = [first[label] for label in kept]
    else:
        new_labels = kept
        positions = list(range(len(kept)))
    remap = np.full(len(labels) + 1, -1, dtype=np.int64)  # the last entry: code -1
    if keep is None:
        remap[: len(labels)] = positions
    else:
        remap[keep] = positions
    narrow = np.int32 if len(new_labels) < 2**31 else np.int64
    return remap[codes].astype(narrow), new_labels


# --------------------------------------------------------------------------------------------
# Readers: (type, given) → (column, refused rows)
# --------------------------------------------------------------------------------------------

Reader = Callable[[Any, object], tuple[Column, BoolArray]]


def reader_of(tp: Any) -> Reader | None:
    """The reader of facts of type ``tp`` (``None``: a nested object or list)."""
    if tp in AMOUNT_KINDS:
        return _amounts
    if tp in (convert.Share, convert.Count, int, Decimal):
        return _numbers
    if tp is bool:
        return _flags
    if tp is str or typing.get_origin(tp) is typing.Literal:
        return _categories
    if tp is dt.date:
        return _dates
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis and typing.get_origin(args[0]) is typing.Literal:
            return _members
    return _EXTRA.get(tp)


_EXTRA: dict[Any, Reader] = {}


def register_reader(tp: Any, reader: Reader) -> Reader:
    """Register the reader of facts of type ``tp`` that :func:`reader_of` does not know (a rule
    set's own scalar or list type, e.g. ``list[Literal[…]]``); the readers above keep
    precedence."""
    _EXTRA[tp] = reader
    return reader


def _split(given: object) -> tuple[npt.NDArray[Any], BoolArray, BoolArray]:
    """``(array, present, null)``: the values, which rows give one, which give null (a masked
    value of a NumPy masked array is neither: it is not given)."""
    array, valid = to_numpy(given)
    masked = valid is not None and is_masked(given)
    size = len(array)
    if array.dtype != object:
        if valid is None:
            return array, np.ones(size, dtype=np.bool_), np.zeros(size, dtype=np.bool_)
        return array, valid, np.zeros(size, dtype=np.bool_) if masked else ~valid
    absent = np.fromiter((v is ABSENT for v in array), dtype=np.bool_, count=size)
    null = np.fromiter((v is None for v in array), dtype=np.bool_, count=size)
    if valid is not None and masked:  # masked: not given, whatever the data under the mask
        absent |= ~valid
        null &= valid
    elif valid is not None:  # an object column with a validity (a Polars Decimal): nulls filled
        null |= ~valid
    return array, ~absent & ~null, null


def _hooked(
    hook: Callable[[object], object], array: npt.NDArray[Any], present: BoolArray
) -> tuple[list[object], BoolArray]:
    """Each present value read by the row path's ``hook`` (each distinct value once): the
    results (``None`` where absent) and the rows it refuses."""
    results: list[object] = [None] * len(array)
    refused = np.zeros(len(array), dtype=np.bool_)
    seen: dict[object, object] = {}
    for index in np.flatnonzero(present).tolist():
        value = array[index]
        try:
            key: object = (type(value), value)
            result = seen[key] if key in seen else seen.setdefault(key, _call(hook, value))
        except TypeError:  # unhashable: a list where a scalar is expected
            result = _REFUSED
        if result is _REFUSED:
            refused[index] = True
        else:
            results[index] = result
    return results, refused


_REFUSED: Any = object()


def _call(hook: Callable[[object], object], value: object) -> object:
    if isinstance(value, np.generic) and not isinstance(value, np.datetime64):
        value = value.item()  # a NumPy scalar, as the row path would be given it
    try:
        result = hook(value)
    except Exception:  # any refusal: the row path reports it with its path
        return _REFUSED
    if isinstance(result, convert.Measure):
        return _REFUSED  # a unit-decided amount: the row path checks the kind
    return result


_SCALE_UNITS: Mapping[Kind, str] = {Kind.MASS: "千克", Kind.APPARENT_POWER: "VA"}
"""Amounts read at a finer unit than :data:`~nmgpolicy.columnar._units.SCALE`'s (a fraction
of a tonne or of a kVA stays on the kernels)."""


def _amounts(tp: Any, given: object) -> tuple[Column, BoolArray]:
    kind = AMOUNT_KINDS[tp]
    scale_unit = _SCALE_UNITS.get(kind)
    exponent = -scale_of(kind, scale_unit)
    if isinstance(given, Scaled):
        return _checked(given, Decimal(0), MAX_AMOUNT, whole=False)
    array, present, _ = _split(given)
    values = np.zeros(len(array), dtype=np.int64)
    valid = np.zeros(len(array), dtype=np.bool_)
    if array.dtype.kind in "iu" or array.dtype.kind == "b":
        return Scaled(values, exponent, valid), present  # a bare number: which unit?
    index = np.flatnonzero(present)
    if len(index) <= _SMALL:
        return _scaled_by_hook(convert._SCALARS[tp], array, present, exponent)
    parsed, ok = parse_amounts(array[index], kind, scale_unit=scale_unit)
    values[index] = parsed
    valid[index] = ok
    return Scaled(values, exponent, valid), present & ~valid


_SMALL = 2000
"""A column of at most this many values is read value by value with the row path's own hook
(each distinct value once): below this size that is faster than the vectorised parsers'
fixed cost, and it is the row parser itself."""


def _scaled_by_hook(
    hook: Callable[[object], object], array: npt.NDArray[Any], present: BoolArray, exponent: int
) -> tuple[Scaled, BoolArray]:
    """Numbers read by ``hook``, at the scale ``10**exponent`` (a value that is not a whole
    number of it, or beyond ``int64``, refused)."""
    results, refused = _hooked(hook, array, present)
    values = np.zeros(len(array), dtype=np.int64)
    valid = np.zeros(len(array), dtype=np.bool_)
    for index in np.flatnonzero(present & ~refused).tolist():
        number = Decimal(results[index])  # type: ignore[arg-type]  # a number, not refused
        _store(number, exponent, index, values, valid, refused)
    return Scaled(values, exponent, valid), refused


def _store(
    number: Decimal,
    exponent: int,
    index: int,
    values: IntArray,
    valid: BoolArray,
    refused: BoolArray,
) -> None:
    """Write ``number`` at the scale ``10**exponent`` into row ``index``, or refuse the row when
    it is not a whole number of that scale or lies beyond ``int64`` (never rounded)."""
    scaled = number.scaleb(-exponent)
    if scaled != scaled.to_integral_value() or abs(scaled) > INT64_MAX:
        refused[index] = True
    else:
        values[index] = int(scaled)
        valid[index] = True


def _numbers(tp: Any, given: object) -> tuple[Column, BoolArray]:
    if isinstance(given, Scaled):
        low, high, whole = _RANGES[tp]
        return _checked(given, low, high, whole=whole)
    array, present, _ = _split(given)
    if array.dtype.kind in "iu" and tp is not convert.Share:
        complete = _plain(given)  # a NumPy column (not masked) has no nulls: no mask
        column = Scaled(array.astype(np.int64, copy=False), 0, None if complete else present)
        low, high, whole = _RANGES[tp]
        return _checked(column, low, high, whole=whole)
    if tp in (int, Decimal) or array.dtype.kind not in "OUSf":
        hook = convert._SCALARS[tp]
        results, refused = _hooked(hook, array, present)
        return _decimals(results, refused)
    form: Literal["share", "count"] = "share" if tp is convert.Share else "count"
    places = _SHARE_PLACES if tp is convert.Share else 0
    if int(present.sum()) <= _SMALL:
        return _scaled_by_hook(convert._SCALARS[tp], array, present, -places)
    values = np.zeros(len(array), dtype=np.int64)
    valid = np.zeros(len(array), dtype=np.bool_)
    index = np.flatnonzero(present)
    if len(index):
        subset = array[index]
        parsed, ok = parse_numbers(subset, form=form, places=places)
        values[index] = parsed
        valid[index] = ok
    return Scaled(values, -places, valid), present & ~valid


_RANGES: Mapping[object, tuple[Decimal, Decimal, bool]] = {
    convert.Share: (Decimal(0), Decimal(1), False),
    convert.Count: (Decimal(0), MAX_AMOUNT, True),
    int: (Decimal(-_MAX_INT), Decimal(_MAX_INT), True),
    Decimal: (-_MAX_DECIMAL, _MAX_DECIMAL, False),
}


def _checked(
    column: Scaled, low: Decimal, high: Decimal, *, whole: bool
) -> tuple[Scaled, BoolArray]:
    """A pre-parsed column, the rows outside ``[low, high]`` (or fractional, for a ``whole``
    type) refused."""
    values, exponent, present = column.values, column.exponent, column.mask()
    if not len(values):
        return column, none(0)
    floor = int(low.scaleb(-exponent).to_integral_value(rounding="ROUND_CEILING"))
    ceiling = int(high.scaleb(-exponent).to_integral_value(rounding="ROUND_FLOOR"))
    peak = _inside(values, floor, ceiling)
    if peak is not None and not (whole and exponent < 0):
        # The extremes, found once: no guard re-reads the column; nothing refused.
        return with_peak(column, peak), none(len(values))
    bad = np.zeros(len(values), dtype=np.bool_)
    for bound, above in ((low, False), (high, True)):
        limit = bound.scaleb(-exponent)
        if above:
            edge = int(limit.to_integral_value(rounding="ROUND_FLOOR"))
            if edge < INT64_MAX:
                bad |= values > edge
        else:
            edge = int(limit.to_integral_value(rounding="ROUND_CEILING"))
            if edge > -INT64_MAX:
                bad |= values < edge
    if whole and exponent < 0:
        bad |= values % (10**-exponent) != 0 if -exponent <= 18 else values != 0
    return column, bad & present


def _inside(values: IntArray, floor: int, ceiling: int) -> int | None:
    """The largest magnitude of the values when every one is in ``[floor, ceiling]``, else
    ``None``: one pass over the values read as unsigned (a negative value reads as more than
    any ``int64``) — enough for a floor of 0 (amounts, counts, shares), and for a negative
    floor when no value is negative (years, head counts) — else a minimum and a maximum. The
    ceiling is first cut to ``int64``'s largest value (no ``int64`` exceeds it), so that a
    negative value, read unsigned as at least 2**63, stays above it whatever the scale (a
    bound of 10**18 at 10**-6 is beyond 2**64)."""
    ceiling = min(ceiling, INT64_MAX)
    if floor <= 0 and values.dtype == np.int64 and values.flags.c_contiguous:
        top = int(values.view(np.uint64).max())
        if top <= ceiling:  # every value in [0, ceiling], inside [floor, ceiling]: one pass
            return top
        if floor == 0:
            return None
    low, high = int(values.min()), int(values.max())
    return max(high, -low) if low >= floor and high <= ceiling else None


def _decimals(results: list[object], refused: BoolArray) -> tuple[Scaled, BoolArray]:
    """Numbers read by a hook, as one :class:`Scaled` column (the finest scale needed, down to
    10^-18; a value finer than that, or beyond ``int64``, refused)."""
    numbers = [Decimal(v) if isinstance(v, int) else v for v in results]
    exponents = [
        int(v.as_tuple().exponent) for v in numbers if isinstance(v, Decimal) and v.is_finite()
    ]
    exponent = max(-18, min([0, *exponents]))
    values = np.zeros(len(results), dtype=np.int64)
    valid = np.zeros(len(results), dtype=np.bool_)
    refused = refused.copy()
    for index, value in enumerate(numbers):
        if isinstance(value, Decimal):
            _store(value, exponent, index, values, valid, refused)
    return Scaled(values, exponent, valid), refused


def _flags(tp: Any, given: object) -> tuple[Column, BoolArray]:
    if isinstance(given, Flags):
        return given, none(len(given))
    array, present, _ = _split(given)
    if array.dtype == np.bool_:
        complete = _plain(given)  # no nulls: the shared all-True mask
        return Flags(array, None if complete else present), none(len(array))
    if array.dtype != object:
        return Flags(np.zeros(len(array), dtype=np.bool_), None), present
    true = np.fromiter((v is True for v in array), dtype=np.bool_, count=len(array))
    false = np.fromiter((v is False for v in array), dtype=np.bool_, count=len(array))
    valid = (true | false) & present
    return Flags(true, valid), present & ~valid


def _choices(tp: Any) -> tuple[str, ...] | None:
    return typing.get_args(tp) if typing.get_origin(tp) is typing.Literal else None


def _categories(tp: Any, given: object) -> tuple[Column, BoolArray]:
    choices = _choices(tp)
    if isinstance(given, Categories):
        return _relabel(given, choices)
    array, present, _ = _split(given)
    size = len(array)
    if array.dtype.kind == "U" and choices is not None:
        codes = np.full(size, -1, dtype=np.int16)
        for k, choice in enumerate(choices):
            codes[array == choice] = k
        if is_masked(given):  # a masked text is not given, whatever it reads
            codes[~present] = -1
        valid = codes >= 0
        return Categories(codes, choices, valid), present & ~valid
    if array.dtype.kind == "U":
        found = factorize(array)
        if found is None:
            labels, inverse = np.unique(array, return_inverse=True)
            found = inverse.astype(np.int32), tuple(labels.tolist())
        return _relabel(Categories(found[0], found[1], present), None)
    if array.dtype != object:
        return Categories(np.full(size, -1, dtype=np.int16), choices or ()), present
    index: dict[str, int] = {c: k for k, c in enumerate(choices or ())}
    labels_seen: list[str] = list(choices or ())
    codes = np.full(size, -1, dtype=np.int32)
    refused = np.zeros(size, dtype=np.bool_)
    for row in np.flatnonzero(present).tolist():
        value = array[row]
        if type(value) is not str or len(value) > _MAX_TEXT:
            refused[row] = True
            continue
        code = index.get(value)
        if code is None:
            if choices is not None:
                refused[row] = True
                continue
            code = index[value] = len(labels_seen)
            labels_seen.append(value)
        codes[row] = code
    return Categories(codes, tuple(labels_seen), codes >= 0), refused


def _relabel(column: Categories, choices: tuple[str, ...] | None) -> tuple[Column, BoolArray]:
    """Codes into ``choices`` (a label outside them refused), or the labels as given (a label
    over the text budget, or not a text, refused)."""
    labels = column.labels  # codes checked in -1 … len(labels) - 1 by pre_parsed
    codes = column.codes
    if labels == choices:
        return column, none(len(column))
    if choices is None:
        bad = np.array([type(x) is not str or len(x) > _MAX_TEXT for x in labels] + [False])
        if not bad.any():  # the usual case: every label a text within the budget
            return column, none(len(column))
        codes = column.codes
        refused = bad[np.where(codes >= 0, codes, len(labels))] & column.mask()
        return column, refused
    remap = np.array([choices.index(x) if x in choices else -1 for x in labels] + [-1])
    codes = remap[np.where(column.codes >= 0, column.codes, len(labels))].astype(np.int16)
    present = column.mask()
    codes = np.where(present, codes, -1).astype(np.int16)
    return Categories(codes, choices, codes >= 0), present & (codes < 0)


_FIRST_DAY = (dt.date.min - EPOCH).days
_LAST_DAY = (dt.date.max - EPOCH).days
"""The days a date of the row path can be: 0001-01-01 … 9999-12-31."""


def _dates(tp: Any, given: object) -> tuple[Column, BoolArray]:
    if isinstance(given, Dates):
        return _in_calendar(given.days, given.mask(), given)
    array, present, _ = _split(given)
    if array.dtype.kind == "M":
        return _datetimes(array, present)
    found = factorize(array) if array.dtype.kind == "U" else None
    if found is not None:  # each distinct text read once by the row path's hook
        codes, labels = found
        column, refused = _dates(tp, np.array(labels, dtype=object))
        assert isinstance(column, Dates)
        return Dates(column.days[codes], column.mask()[codes] & present), refused[codes] & present
    results, refused = _hooked(convert._SCALARS[dt.date], array, present)
    days = np.array(
        [(v - EPOCH).days if isinstance(v, dt.date) else 0 for v in results], dtype=np.int64
    )
    valid = np.array([isinstance(v, dt.date) for v in results], dtype=np.bool_)
    return Dates(days, valid), refused


def _in_calendar(
    days: IntArray, valid: BoolArray, given: Dates | None = None
) -> tuple[Column, BoolArray]:
    """``Dates(days, valid)`` (``given`` itself when nothing is refused), the days outside
    0001-01-01 … 9999-12-31 refused: the row path cannot hold such a date, it refuses it (the
    kernels read a refused day as 1970-01-01, never beyond the calendar)."""
    if not len(days) or (int(days.min()) >= _FIRST_DAY and int(days.max()) <= _LAST_DAY):
        return (given if given is not None else Dates(days, valid)), none(len(days))
    outside = valid & ((days < _FIRST_DAY) | (days > _LAST_DAY))
    if not outside.any():  # only absent rows hold such days
        return (given if given is not None else Dates(days, valid)), none(len(days))
    return Dates(np.where(outside, 0, days), valid & ~outside), outside


def _datetimes(array: npt.NDArray[Any], present: BoolArray) -> tuple[Column, BoolArray]:
    """A NumPy ``datetime64`` column: a value with a time of day is refused (the row path
    refuses a date-time: nothing is truncated to its day), as is a day beyond the calendar."""
    whole = array.astype("datetime64[D]")
    valid = ~np.isnat(array) & present
    timed = valid & (whole != array) if array.dtype != whole.dtype else none(len(array))
    column, outside = _in_calendar(whole.astype(np.int64), valid & ~timed)
    return column, outside | timed


def factorize(array: npt.NDArray[Any], most: int = 32) -> tuple[IntArray, tuple[str, ...]] | None:
    """``(codes, labels)`` of a NumPy text column of at most ``most`` distinct texts, by
    comparing the column with each distinct text in turn (no sort, no hashing in Python);
    ``None`` for a column of more (the caller sorts)."""
    codes = np.full(len(array), -1, dtype=np.int32)
    labels: list[str] = []
    left = np.ones(len(array), dtype=np.bool_)
    start = 0
    while start < len(array):
        if len(labels) == most:
            return None
        value = array[start]
        hit = array == value
        codes[hit] = len(labels)
        labels.append(str(value))
        left &= ~hit
        following = np.flatnonzero(left[start:])
        if not len(following):
            break
        start += int(following[0])
    return codes, tuple(labels)


def _members(tp: Any, given: object) -> tuple[Column, BoolArray]:
    return members_of(given, typing.get_args(typing.get_args(tp)[0]), _bits)


def members_of(
    given: object, choices: tuple[str, ...], bits_of: Callable[[object, tuple[str, ...]], int]
) -> tuple[Column, BoolArray]:
    """A column of lists of ``choices`` as :class:`Members`: each value read once by
    ``bits_of`` (its bits, or -1: refused — the row path words why); a pre-parsed
    :class:`Members` column relabelled over ``choices``."""
    if isinstance(given, Members):
        return _remember(given, choices)
    array, present, _ = _split(given)
    size = len(array)
    bits = np.zeros(size, dtype=np.int64)
    refused = np.zeros(size, dtype=np.bool_)
    seen: dict[int, int] = {}  # id(value) → bits, for this call (the values are alive)
    for row in np.flatnonzero(present).tolist():
        value = array[row]
        found = seen.get(id(value))
        if found is None:
            found = seen[id(value)] = bits_of(value, choices)
        if found < 0:
            refused[row] = True
        else:
            bits[row] = found
    return Members(bits, choices, present & ~refused), refused


def _bits(value: object, choices: tuple[str, ...]) -> int:
    """The bits of a list of choices (-1: not a list of them, or over the budget)."""
    items: Any = value.tolist() if isinstance(value, np.ndarray) else value
    if type(items) not in (list, tuple) or len(items) > BUDGET.max_list_length:
        return -1
    out = 0
    for item in items:
        if type(item) is not str or item not in choices:
            return -1
        out |= 1 << choices.index(item)
    return out


def _narrow(bits: IntArray, labels: int) -> IntArray:
    """``bits`` in the narrowest unsigned type holding ``labels`` bits (cheaper to test)."""
    for dtype in (np.uint8, np.uint16, np.uint32):
        if labels <= np.iinfo(dtype).bits:
            return bits.astype(dtype, copy=False)  # already narrow (pre-parsed): no copy
    return bits


def _remember(column: Members, choices: tuple[str, ...]) -> tuple[Column, BoolArray]:
    """Bits over ``choices`` (a label outside them refused), in a narrow unsigned type."""
    if column.labels == choices:
        narrowed = Members(_narrow(column.bits, len(choices)), choices, column.valid)
        return narrowed, none(len(column))
    bits = np.zeros(len(column), dtype=np.int64)
    bad = np.zeros(len(column), dtype=np.bool_)
    for k, label in enumerate(column.labels):
        has = (column.bits >> k) & 1 == 1
        if label in choices:
            bits |= has.astype(np.int64) << choices.index(label)
        else:
            bad |= has
    return Members(bits, choices, column.valid), bad & column.mask()
