"""Columns as the kernels read them: exact scaled integers and flags, each with a validity mask.

A quantity column is :class:`Scaled`: ``int64`` values meaning ``values × 10**exponent`` in the
canonical unit of the fact (元, 吨, kVA, km², a share as a fraction …), with a ``valid`` mask
(``False`` = the fact is absent). A yes/no column is :class:`Flags`. Callers who have pre-parsed
numbers pass these directly (no copy); any other column — a list, a NumPy object array, a Polars
or Arrow column of texts, Decimals, ints or ``None`` — is read value by value with the row path's
own parsers (each distinct value once), so both paths read a text the same way. A value that
cannot be held exactly (a fraction finer than 10⁻¹⁸ of the unit, a magnitude beyond ``int64``) or
that the row parser refuses marks its row for the row path: it is never rounded.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy import convert
from nmgpolicy.columnar._records import ABSENT
from nmgpolicy.errors import InputError

__all__ = ["Flags", "Scaled", "Table", "field_type"]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

_MIN_EXPONENT = -18
"""The finest scale a column is read at (10⁻¹⁸ of the canonical unit)."""
_INT64_MAX = np.iinfo(np.int64).max


@attrs.frozen(eq=False)
class Scaled:
    """Exact numbers: ``values × 10**exponent`` (canonical unit), ``valid`` False when absent."""

    values: IntArray
    exponent: int = 0
    valid: BoolArray | None = None

    def mask(self) -> BoolArray:
        """Which rows hold a value."""
        if self.valid is None:
            return np.ones(len(self.values), dtype=np.bool_)
        return self.valid


@attrs.frozen(eq=False)
class Flags:
    """Yes/no facts, ``valid`` False when absent."""

    values: BoolArray
    valid: BoolArray | None = None

    def mask(self) -> BoolArray:
        """Which rows hold a value."""
        if self.valid is None:
            return np.ones(len(self.values), dtype=np.bool_)
        return self.valid


Column = Scaled | Flags


def field_type(model: type[Any], path: str) -> Any:
    """The declared type of the fact at dotted ``path`` in the facts model (without ``None``)."""
    current: Any = model
    for name in path.split("."):
        hints = typing.get_type_hints(current)
        if name not in hints:
            raise KeyError(path)
        current = _strip_optional(hints[name])
    return current


def is_optional(model: type[Any], path: str) -> bool:
    """Whether the fact at ``path`` may be null (``None`` reads as absent)."""
    *parents, leaf = path.split(".")
    owner: Any = field_type(model, ".".join(parents)) if parents else model
    return type(None) in typing.get_args(typing.get_type_hints(owner)[leaf])


def _strip_optional(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return args[0] if len(args) == 1 else tp
    return tp


def _to_numpy(values: object) -> tuple[npt.NDArray[Any], BoolArray | None]:
    """A NumPy view of a NumPy, Polars or Arrow column (no copy where the layout allows)."""
    if isinstance(values, np.ndarray):
        return values, None
    module = type(values).__module__
    if module.startswith("polars"):
        series: Any = values
        nulls = series.is_null().to_numpy() if series.null_count() else None
        filled = series.fill_null(strategy="zero") if nulls is not None else series
        if str(series.dtype) in ("String", "Utf8", "Object", "Decimal"):
            return np.asarray(series.to_list(), dtype=object), None
        return filled.to_numpy(), None if nulls is None else ~nulls
    if module.startswith("pyarrow"):
        import polars as pl

        return _to_numpy(pl.Series(values))  # type: ignore[arg-type]  # an Arrow array
    return np.asarray(list(values), dtype=object), None  # type: ignore[call-overload]


def _exact_scaled(value: Decimal, exponent: int) -> int | None:
    scaled = value.scaleb(-exponent)
    if scaled != scaled.to_integral_value() or abs(scaled) > _INT64_MAX:
        return None
    return int(scaled)


class Table:
    """The columns of one batch, read against a rule set's facts model.

    ``row_path`` marks the rows the kernels cannot decide exactly (a refused or unrepresentable
    value): they are decided one by one by the row path.
    """

    def __init__(self, model: type[Any], columns: Mapping[str, object], size: int) -> None:
        self.model = model
        self.size = size
        self.raw = dict(columns)
        self.row_path = np.zeros(size, dtype=np.bool_)
        self._read: dict[str, Column | None] = {}

    def column(self, path: str) -> Column | None:
        """The column of the fact at ``path`` (``None``: no such column, every row absent)."""
        if path not in self._read:
            self._read[path] = self._load(path)
        return self._read[path]

    def _load(self, path: str) -> Column | None:
        if path not in self.raw:
            return None
        given = self.raw[path]
        if isinstance(given, Scaled | Flags):
            return given
        array, valid = _to_numpy(given)
        if len(array) != self.size:
            raise InputError.single(
                f"$.{path}", f"expected {self.size} rows like the other columns, got {len(array)}"
            )
        if array.dtype == np.bool_:
            return Flags(array, valid)
        if np.issubdtype(array.dtype, np.integer):
            return Scaled(array.astype(np.int64, copy=False), 0, valid)
        return self._parse(path, array)

    def _parse(self, path: str, array: npt.NDArray[Any]) -> Column:
        """Values of any other type, read with the row path's parser (each distinct one once)."""
        hook = _hook(field_type(self.model, path))
        optional = is_optional(self.model, path)
        parsed: dict[object, object] = {}
        out: list[object] = []
        for index, value in enumerate(array.tolist()):
            key = (type(value), value)
            if key not in parsed:
                parsed[key] = _read_value(hook, value, optional)
            result = parsed[key]
            if result is _REFUSED:
                self.row_path[index] = True
            out.append(result)
        if all(isinstance(v, bool) or v is None or v is _REFUSED for v in out):
            valid = np.array([isinstance(v, bool) for v in out], dtype=np.bool_)
            return Flags(np.array([v is True for v in out], dtype=np.bool_), valid)
        return self._scaled(out)

    def _scaled(self, values: Sequence[object]) -> Scaled:
        numbers = [Decimal(v) if isinstance(v, int) else v for v in values]
        exponents = [
            int(v.as_tuple().exponent) for v in numbers if isinstance(v, Decimal) and v.is_finite()
        ]
        exponent = max(_MIN_EXPONENT, min([0, *exponents]))
        ints = np.zeros(len(values), dtype=np.int64)
        valid = np.zeros(len(values), dtype=np.bool_)
        for index, value in enumerate(numbers):
            if isinstance(value, Decimal):
                scaled = _exact_scaled(value, exponent)
                if scaled is None:
                    self.row_path[index] = True
                else:
                    ints[index] = scaled
                    valid[index] = True
        return Scaled(ints, exponent, valid)


_REFUSED: Any = object()


def _hook(tp: Any) -> Callable[[object], object]:
    hooks: Mapping[object, Callable[[object], object]] = convert._SCALARS
    if tp in hooks:
        return hooks[tp]
    if tp is dt.date:
        return hooks[dt.date]
    raise KeyError(f"no columnar reading for facts of type {tp!r}")


def _read_value(hook: Callable[[object], object], value: object, optional: bool) -> object:
    if value is ABSENT:
        return None
    if value is None:
        return None if optional else _REFUSED
    try:
        result = hook(value)
    except Exception:  # any refusal: the row path reports it with its path
        return _REFUSED
    if isinstance(result, convert.Measure):
        return _REFUSED  # a unit-decided amount: the row path checks the kind
    return result
