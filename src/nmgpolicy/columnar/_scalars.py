"""Readers of the fact types the 优质中小企业 rule sets add: years (``Years``), signed and
unsigned ratios (``Ratio``, ``UnsignedRatio``) and lists of code values (``list[Literal[…]]``).

The numbers are read by the row path's own hook, each distinct value once, then held exactly
as one :class:`Scaled` column (the finest scale the values need, down to ``10**-18``; a finer
value or one beyond ``int64`` sends its row to the row path, never rounded). A list of code
values becomes a :class:`Members` column (one bit per code); a list the row path would refuse
— not a list, an unknown code, a code listed twice (``check_unique``), over the input budget —
sends its row to the row path, which words the error.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import numpy as np

from nmgpolicy import convert
from nmgpolicy.columnar._columns import BoolArray, Column, Scaled
from nmgpolicy.columnar._readers import (
    _checked,
    _decimals,
    _hooked,
    _split,
    members_of,
    register_reader,
)
from nmgpolicy.limits import BUDGET
from nmgpolicy.units import MAX_RATIO

__all__ = ["register_list"]


def _hooked_numbers(tp: Any, given: object) -> tuple[Column, BoolArray]:
    """A number fact read with the row path's hook, each distinct value once, then held at
    the finest scale the distinct values need (a row per distinct value: one gather)."""
    if isinstance(given, Scaled):  # pre-parsed: the range of the type, else the row path
        low, high = _RANGES[tp]
        return _checked(given, low, high, whole=False)
    array, present, _ = _split(given)
    rows = np.flatnonzero(present)
    index: dict[object, int] = {}
    codes = np.zeros(len(array), dtype=np.int64)
    refused = np.zeros(len(array), dtype=np.bool_)
    for row in rows.tolist():
        value = array[row]
        try:
            key: object = (type(value), value)
            found = index.get(key)
            if found is None:
                found = index[key] = len(index)
        except TypeError:  # unhashable: a list where a number is expected
            refused[row] = True
            continue
        codes[row] = found
    distinct = np.empty(len(index), dtype=object)
    for k, key in enumerate(index):  # one by one: a tuple value is not spread over rows
        distinct[k] = key[1]  # type: ignore[index]  # (type, value) keys
    results, bad = _hooked(convert._SCALARS[tp], distinct, np.ones(len(index), np.bool_))
    column, bad = _decimals(results, bad)
    refused[rows] |= bad[codes[rows]] if len(index) else False
    values = column.values[codes] if len(index) else np.zeros(len(array), np.int64)
    valid = present & ~refused
    return Scaled(np.where(valid, values, 0), column.exponent, valid), refused


_RANGES: Mapping[object, tuple[Decimal, Decimal]] = {
    convert.Years: (Decimal(0), Decimal(10_000)),
    convert.Ratio: (-MAX_RATIO, MAX_RATIO),
    convert.UnsignedRatio: (Decimal(0), MAX_RATIO),
}
"""The values a pre-parsed column of each type may hold (as the row path's hooks bound them)."""

for _type in _RANGES:
    register_reader(_type, _hooked_numbers)


def _codes(value: object, choices: tuple[str, ...]) -> int:
    """The bits of a list of distinct codes (-1: not such a list, or over the budget)."""
    items: Any = value.tolist() if isinstance(value, np.ndarray) else value
    if type(items) is not list or len(items) > BUDGET.max_list_length:
        return -1
    out = 0
    for item in items:
        if type(item) is not str or item not in choices:
            return -1
        bit = 1 << choices.index(item)
        if out & bit:
            return -1  # listed twice: the row path refuses it
        out |= bit
    return out


def _listed(tp: Any, given: object) -> tuple[Column, BoolArray]:
    """A ``list[Literal[…]]`` fact as a :class:`Members` column over the literal's codes."""
    return members_of(given, typing.get_args(typing.get_args(tp)[0]), _codes)


def register_list(tp: Any) -> None:
    """Read facts of type ``tp`` (``list[Literal[…]]``) as :class:`Members` columns."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is not list or len(args) != 1 or typing.get_origin(args[0]) is not typing.Literal:
        raise TypeError(f"not a list of code values: {tp!r}")
    register_reader(tp, _listed)
