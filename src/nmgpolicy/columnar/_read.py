"""Columns read against a facts model, exactly as the row path reads each value.

:class:`Table` holds the columns of one table (the applications, or the items of a nested
list) and reads each on first use, by the declared type of its fact:

amounts, shares and counts with the vectorised unit parsers, yes/no facts, enumerations,
texts, dates and sets of an enumeration with a vectorised reading of NumPy, Polars and Arrow
columns, and the row path's own hook for anything else, each distinct value once (the readers
are in :mod:`nmgpolicy.columnar._readers`). It also rebuilds the facts of one row as the row
path takes them (:func:`facts_of_row`), for the rows the kernels leave to it.

A pre-parsed column (:class:`Scaled`, :class:`Flags`, :class:`Categories`, :class:`Members`,
:class:`Dates`) is taken as it is, after a range check of its type (a negative amount, a share
above 1, a fractional count …). A value the row parser refuses, or that cannot be held exactly
(a fraction of the scale unit, a magnitude beyond ``int64``), marks its row for the row path
(:attr:`Table.row_path`), which decides it and words its error: nothing is rounded.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy import convert
from nmgpolicy.columnar._columns import (
    EPOCH,
    BoolArray,
    Categories,
    Column,
    Dates,
    Flags,
    IntArray,
    Members,
    Scaled,
    array_key,
    field_type,
    is_optional,
    is_required,
    known_peak,
    refuses,
)
from nmgpolicy.columnar._readers import AMOUNT_KINDS, is_masked, pre_parsed, reader_of, to_numpy
from nmgpolicy.columnar._records import ABSENT
from nmgpolicy.errors import InputError
from nmgpolicy.limits import BUDGET
from nmgpolicy.units import Kind

__all__ = ["Table", "facts_of_row", "to_numpy", "value_at"]


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


class Table:
    """The columns of one table, read against ``model`` (the facts model, or the model of the
    items of a nested list).

    ``row_path`` marks the rows the kernels cannot decide exactly (a refused or
    unrepresentable value, a column that names no fact): they are decided by the row path.
    """

    def __init__(
        self, model: type[Any], columns: Mapping[str, object], size: int, where: str = "$"
    ) -> None:
        self.model: Any = model
        self.size = size
        self.where = where
        """The JSON path of the table (``$``, or ``$.lists.<key>`` for a long table): an
        error in a column names ``<where>.<path>``."""
        self.raw = {
            path: pre_parsed(f"{where}.{path}", column)
            if isinstance(column, Scaled | Flags | Categories | Members | Dates)
            else column
            for path, column in columns.items()
        }
        self.row_path = np.zeros(size, dtype=np.bool_)
        self._read: dict[str, Column | None] = {}
        self.peaks: dict[tuple[int, int, str] | None, int] = {}
        """The largest magnitude of each number column the range check of its reading
        found, by :func:`array_key` of its values (any reshaped view of them finds it)."""
        self._arrays: dict[str, tuple[npt.NDArray[Any], BoolArray | None]] = {}
        for path, column in self.raw.items():
            if _length(column) != size:
                raise InputError.single(
                    f"{where}.{path}",
                    f"expected {size} rows like the other columns, got {_length(column)}",
                )

    def column(self, path: str) -> Column | None:
        """The column of the fact at ``path`` (``None``: no such column, every row absent)."""
        if path not in self._read:
            self._read[path] = self._load(path)
        return self._read[path]

    def scaled(self, path: str) -> Scaled | None:
        column = self.column(path)
        assert column is None or isinstance(column, Scaled), path
        return column

    def flags(self, path: str) -> Flags | None:
        column = self.column(path)
        assert column is None or isinstance(column, Flags), path
        return column

    def categories(self, path: str) -> Categories | None:
        column = self.column(path)
        assert column is None or isinstance(column, Categories), path
        return column

    def peak(self, column: Scaled) -> int | None:
        """The largest magnitude of ``column``'s values when the range check of its reading
        found it (``None``: not known)."""
        return self.peaks.get(array_key(column.values))

    def array(self, path: str) -> tuple[npt.NDArray[Any], BoolArray | None]:
        """The raw column ``path`` as a NumPy array and its validity (converted once)."""
        if path not in self._arrays:
            self._arrays[path] = to_numpy(self.raw[path])
        return self._arrays[path]

    def refuse(self, rows: BoolArray | IntArray) -> None:
        """Send ``rows`` (a mask or indices) to the row path."""
        self.row_path[rows] = True

    def _load(self, path: str) -> Column | None:
        if path not in self.raw:
            return None
        tp = field_type(self.model, path)
        reader = reader_of(tp)
        if reader is None:
            raise KeyError(f"no columnar reading for facts of type {tp!r}")
        column, refused = reader(tp, self.raw[path])
        if isinstance(column, Scaled) and (peak := known_peak(column)) is not None:
            self.peaks[array_key(column.values)] = peak
        if _complete(column):
            if refuses(refused):
                self.row_path |= refused
            return column
        absent = ~column.mask() & ~refused
        if absent.any():
            if is_required(self.model, path):
                held = self._must_hold(path.rpartition(".")[0])
                missing = absent if held is None else absent & held
                refused = refused | missing  # a required fact missing, or null
            elif not is_optional(self.model, path):
                refused = refused | (absent & self._given(path, null_only=True))
        if refuses(refused):
            self.row_path |= refused
        return column

    def _given(self, path: str, *, null_only: bool) -> BoolArray:
        """Rows whose value is present in the input (``null_only``: given as null)."""
        given = self.raw[path]
        if isinstance(given, Scaled | Flags | Categories | Members | Dates):
            return np.ones(self.size, dtype=np.bool_) if null_only else ~given.mask()
        array, valid = to_numpy(given)
        if is_masked(given) and valid is not None:  # a masked value is not given, not null
            if array.dtype != object:
                return np.zeros(self.size, dtype=np.bool_) if null_only else valid
            array = np.where(valid, array, ABSENT)
            valid = None
        if array.dtype != object:
            return ~valid if valid is not None else np.zeros(self.size, dtype=np.bool_)
        if null_only:
            null = np.fromiter((v is None for v in array), dtype=np.bool_, count=len(array))
            return null if valid is None else null | ~valid
        given_ = np.fromiter((v is not ABSENT for v in array), dtype=np.bool_, count=len(array))
        return given_ if valid is None else given_ & valid

    def _must_hold(self, parent: str) -> BoolArray | None:
        """The rows that must hold the nested object ``parent`` (``""``: the row itself;
        ``None``: every row): a required object wherever its own parent is held, an optional
        one where the row gives a field of it — a row not giving it misses none of its
        fields."""
        if not parent:
            return None
        if is_required(self.model, parent):
            return self._must_hold(parent.rpartition(".")[0])
        prefix = f"{parent}."
        held = np.zeros(self.size, dtype=np.bool_)
        for name, given in self.raw.items():
            if name.startswith(prefix):
                held |= _present(given)
        return held

    def _read_whole(self, path: str) -> bool:
        """Whether a field of ``path`` belongs to an object the kernels read whole (a unit
        value, read from its text): given field by field, only the row path reads it."""
        parent = path.rpartition(".")[0]
        while parent:
            try:
                if reader_of(field_type(self.model, parent)) is not None:
                    return True
            except KeyError:
                return False
            parent = parent.rpartition(".")[0]
        return False

    def _has(self, name: str) -> bool:
        """Whether a column gives the fact ``name`` (itself, or a field of it)."""
        prefix = f"{name}."
        return name in self.raw or any(path.startswith(prefix) for path in self.raw)

    def mapping(self, path: str) -> dict[str, Column]:
        """The mapping fact ``path`` (``dict[str, X]``), read from the columns ``path.<key>``
        (as :func:`~nmgpolicy.columnar.from_records` writes them): ``{key: column}``. A row
        giving a key the input budget refuses goes to the row path."""
        tp = field_type(self.model, path)
        value_type = typing.get_args(tp)[1]
        reader = reader_of(value_type)
        prefix = f"{path}."
        out: dict[str, Column] = {}
        if not any(name.startswith(prefix) for name in self.raw):
            return out  # the usual case: no such mapping given
        keys = np.zeros(self.size, dtype=np.int64)
        for name, given in self.raw.items():
            if not name.startswith(prefix):
                continue
            key = name[len(prefix) :]
            present = _present(given)
            keys += present
            if reader is None or not key or len(key) > BUDGET.max_key_length:
                self.row_path |= present
                continue
            column, refused = reader(value_type, given)
            null = ~column.mask() & ~refused & present  # null where a number is needed
            self.row_path |= refused | null
            out[key] = column
        self.row_path |= keys > BUDGET.max_keys
        return out

    def screen(self, maps: tuple[str, ...] = (), *, complete: bool = False) -> None:
        """Send to the row path every row with a value the columns cannot express: a column
        that names no fact, or a nested object or list given other than as absent, null or
        empty (the items of a nested list are in its long table); ``maps`` names the mapping
        facts the caller reads (:meth:`mapping`). ``complete``: the table holds every fact of
        its rows (the items of a list), so a required fact with no column at all is missing
        from every row, which the row path refuses (a missing value of a column is refused
        when the column is read)."""
        if complete and self.size:
            for name in attrs.fields_dict(self.model):
                if is_required(self.model, name) and not self._has(name):
                    self.row_path[:] = True
                    return
        for path, given in self.raw.items():
            if path.partition(".")[0] in maps and "." in path:
                continue
            if "." in path and self._read_whole(path):
                self.row_path |= _present(given)
                continue
            try:
                tp = field_type(self.model, path)
            except KeyError:
                self.row_path |= _present(given)
                continue
            if reader_of(tp) is not None:
                self.column(path)  # every column is read: a refused value sends its row
                continue
            self.row_path |= _not_empty(given, typing.get_origin(tp) in (tuple, list))


def _complete(column: Column) -> bool:
    """Whether every row of ``column`` holds a value (checked without making its mask)."""
    if isinstance(column, Categories):
        return column.valid is None and (not len(column.codes) or int(column.codes.min()) >= 0)
    return column.valid is None


def _length(column: object) -> int:
    return len(column)  # type: ignore[arg-type]  # a column of any kind


def _present(given: object) -> BoolArray:
    """Rows whose value is given (not :data:`ABSENT`)."""
    if isinstance(given, Scaled | Flags | Categories | Members | Dates):
        return given.mask()
    array, valid = to_numpy(given)
    if array.dtype != object:
        return np.ones(len(array), dtype=np.bool_) if valid is None else valid
    present = np.fromiter((v is not ABSENT for v in array), dtype=np.bool_, count=len(array))
    return present if valid is None else present & valid


def _not_empty(given: object, is_list: bool) -> BoolArray:
    """Rows of a nested object or list column holding more than absent, null or empty (a
    masked value is absent)."""
    array, valid = to_numpy(given)
    masked = valid if valid is not None and is_masked(given) else None
    if array.dtype != object:
        return np.ones(len(array), dtype=np.bool_) if masked is None else masked
    empty: tuple[type, ...] = (list,) if is_list else (dict,)
    found = np.fromiter(
        (not (v is ABSENT or v is None or (type(v) in empty and not v)) for v in array),
        dtype=np.bool_,
        count=len(array),
    )
    return found if masked is None else found & masked


# --------------------------------------------------------------------------------------------
# The row path's view of a row
# --------------------------------------------------------------------------------------------


def value_at(table: Table, path: str, row: int) -> Any:
    """The value of ``path`` in ``row`` as the row path reads it (:data:`ABSENT` if none)."""
    given = table.raw[path]
    if isinstance(given, Flags):
        return bool(given.values[row]) if given.mask()[row] else ABSENT
    if isinstance(given, Scaled):
        return _scaled_value(table, path, given, row)
    if isinstance(given, Categories):
        return given.labels[int(given.codes[row])] if given.mask()[row] else ABSENT
    if isinstance(given, Members):
        if not given.mask()[row]:
            return ABSENT
        return [x for k, x in enumerate(given.labels) if int(given.bits[row]) >> k & 1]
    if isinstance(given, Dates):
        if not given.mask()[row]:
            return ABSENT
        return _day_text(int(given.days[row]))
    array, valid = table.array(path)
    if valid is not None and not valid[row]:
        return ABSENT if is_masked(given) else None  # masked: not given; else null
    value = array[row]
    if isinstance(value, np.datetime64):
        if array.dtype.kind != "M":
            return value  # a NumPy date among the values of records: the row path reads it
        return None if np.isnat(value) else _datetime_text(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value.item() if hasattr(value, "item") else value


def _day_text(days: int) -> str:
    """The ISO text of a day number; beyond 0001-01-01 … 9999-12-31, NumPy's text of it
    (``"10183-09-21"``), which the row path refuses as it refuses any invalid date."""
    try:
        return (EPOCH + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return str(np.datetime64(days, "D"))


def _datetime_text(value: np.datetime64) -> str:
    """A NumPy date as the row path reads it: its ISO day, or — with a time of day — the
    date-time's ISO text, which the row path refuses (a date-time is not a date)."""
    day = value.astype("datetime64[D]")
    return str(day) if day == value else str(value)


_UNITS: Mapping[Kind, str] = {
    Kind.MONEY: "元",
    Kind.MASS: "吨",
    Kind.APPARENT_POWER: "kVA",
    Kind.AREA: "平方公里",
    Kind.MASS_PER_MONEY: "吨/元",
}


_PERCENT = (convert.Ratio, convert.UnsignedRatio)
"""Ratios, written back as a percent text (the row parser reads ``"120%"`` as 1.2)."""


def _scaled_value(table: Table, path: str, given: Scaled, row: int) -> Any:
    if not given.mask()[row]:
        return ABSENT
    number = Decimal(int(given.values[row])).scaleb(given.exponent)
    try:
        tp = field_type(table.model, path)
    except KeyError:
        tp = None
    kind = AMOUNT_KINDS.get(tp)
    if kind is not None:
        return f"{number:f}{_UNITS[kind]}"
    if tp in _PERCENT:  # a bare ratio above 1 is ambiguous to the row parser: a percent is not
        return f"{number.scaleb(2):f}%"
    if number == number.to_integral_value() and tp is not convert.Share:
        return int(number)
    return f"{number:f}"


def facts_of_row(table: Table, row: int) -> dict[str, Any]:
    """The JSON-like facts of one row, as the row path reads them.

    A column nested under a fact that holds something other than an object in this row
    (``category.x`` beside the text ``category``, ``applicant.x`` beside a null ``applicant``)
    names no fact: it is kept under its dotted name at the level it could not enter
    (``{"category": "…", "category.x": "a"}``), which the row path refuses as an unknown key
    at the column's own path (``$.category.x``) — never dropped. The caller's objects are not
    written into (an object value is copied before a nested column fills it)."""
    facts: dict[str, Any] = {}
    made: set[int] = {id(facts)}  # the objects made here, which nested columns may fill
    for path in table.raw:
        value = value_at(table, path, row)
        if value is ABSENT:
            continue
        names = path.split(".")
        target = facts
        for depth, name in enumerate(names[:-1]):
            step: Any
            if name not in target:
                step = target[name] = {}
                made.add(id(step))
            else:
                step = target[name]
                if not isinstance(step, dict):  # a text, a number, null, a list: no object
                    target[".".join(names[depth:])] = value
                    break
                if id(step) not in made:  # an object the caller gave: filled as a copy
                    step = target[name] = dict(step)
                    made.add(id(step))
            target = step
        else:
            _put(target, names[-1], value, made)
    return facts


def _put(target: dict[str, Any], leaf: str, value: Any, made: set[int]) -> None:
    """``target[leaf] = value``; where nested columns already made an object there, merged
    with an object value (an empty one adds nothing), else the nested columns moved under
    their dotted names (``leaf.x``), which the row path refuses as unknown keys."""
    found = target.get(leaf)
    if not (isinstance(found, dict) and id(found) in made):
        target[leaf] = value
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in found:
                target[f"{leaf}.{key}"] = item  # given twice: the row path refuses it
            else:
                found[key] = item
        return
    target[leaf] = value
    for key, item in found.items():
        target[f"{leaf}.{key}"] = item
