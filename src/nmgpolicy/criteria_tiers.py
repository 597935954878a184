"""Criterion kinds for tiers and bands: a quantity falls in one of several half-open bands, and
the band gives a parameter (a replacement ratio, a rate, a fee).

Regulations grade by bands: "生产规模达不到30万吨的单体企业 … 1.25:1；30-50万吨(不含50万吨) …
1.1:1；50万吨(含50万吨)以上 … 1:1". Under 《民法典》第一千二百五十九条 ("以上/以下/以内" include the
number, "不满/超过/达不到/不含" exclude it) every band of such a table is half-open, ``[from,
below)``: a scale exactly at an edge belongs to the band *above* it. This module states that
shape once.

* The table is data: an array of rows in the rule set's data file, one array per group (the
  kind of enterprise …), each row naming the parameters of its bounds (``from``, ``below``;
  absent = open) and of the value it gives (``ratio = "ratio_small"``)::

      [[tiers.single]]
      id = "small"
      below = "single_scale_lower"
      ratio = "ratio_small"

  The edges are parameters, so they are overridable and datable, and each has its citation.
* :func:`band_table` builds the bands of every group from the parameters in force and checks
  that they *tile* the line — the first open below, the last open above, each band starting
  where the one before ends (no gap, no overlap) and ending above where it starts — also after
  what-if overrides: a broken table is an :class:`~nmgpolicy.errors.InputError` at
  ``$.parameters.<name>``. A table is built once per set of edge values (bounded cache).
* :func:`band_index` — the decision on plain numbers: the index of the band holding a value is
  the number of interior edges at or below it (``bisect_right``; a columnar path computes the
  same with ``searchsorted(edges, values, side="right")``).
* :class:`BandLookup` — the criterion: ``met`` with the band found, ``unknown`` when the group
  or the quantity is absent. Its ``chosen`` measure gives the band to the criteria that use
  its value (the ratio of a sufficiency test).

Self-contained: it reads only the definition layer and the data file's rows; the rule set
supplies the words (``text``, ``missing_text``).
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, ClassVar, TypeVar

import attrs

from nmgpolicy.definition import Criterion, Fact, Measure, Param, Ref, Row
from nmgpolicy.errors import InputError, Problem
from nmgpolicy.outcome import Finding, Rendered, Status
from nmgpolicy.params import ParameterSet, load_parameters
from nmgpolicy.units import format_decimal

__all__ = [
    "Band",
    "BandLookup",
    "BandTable",
    "DataCache",
    "band_index",
    "band_table",
    "tiling_problems",
]


T = TypeVar("T")


@attrs.frozen
class Band:
    """One band of a table: values ``lower <= v < upper`` of ``group`` give ``value``.

    ``lower``/``upper`` are ``None`` for an open end; the ``*_param`` fields name the data-file
    parameters they come from; ``row`` is the data file's row (for the rule set's words).
    """

    group: str
    id: str
    lower: Decimal | None
    upper: Decimal | None
    value: Any
    lower_param: str | None
    upper_param: str | None
    value_param: str
    row: Mapping[str, Any] = attrs.field(eq=False, repr=False)

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` falls in this band (lower bound inclusive, upper exclusive)."""
        return (self.lower is None or value >= self.lower) and (
            self.upper is None or value < self.upper
        )


def band_index(value: Any, edges: Sequence[Any]) -> int:
    """The index of the half-open band holding ``value``: bands ``(-∞, e0), [e0, e1), …,
    [e_last, ∞)`` for the increasing interior ``edges``, so the count of edges ``<= value``.

    Exact for ints and Decimals alike (comparisons only); a value exactly at an edge belongs
    to the band above it (民法典 第1259条: "达不到 e" excludes e, "e(含)以上" includes it).
    """
    return bisect.bisect_right(edges, value)


@attrs.frozen
class BandTable:
    """The bands of each group, in order, and their interior edges (for :func:`band_index`)."""

    groups: Mapping[str, tuple[Band, ...]]
    edges: Mapping[str, tuple[Decimal, ...]]

    def lookup(self, group: str, value: Decimal) -> Band:
        """The band of ``group`` holding ``value`` (the bands tile the line: exactly one)."""
        return self.groups[group][band_index(value, self.edges[group])]


def tiling_problems(
    group: str,
    bands: Sequence[Band],
    *,
    noun: str = "scale",
    show: Callable[[Decimal], str] = format_decimal,
    step: Decimal = Decimal(1),
) -> list[Problem]:
    """What keeps the bands of ``group`` from tiling the line, as problems at the parameters.

    Each band must start where the one before it ends (no gap, no overlap) and end above where
    it starts. (That the first is open below and the last open above is the data file's shape,
    checked by :func:`band_table`: no override can change it.) ``show`` writes a value and
    ``step`` is added to a lower bound for the example of a fix.
    """
    problems: list[Problem] = []
    for before, band in itertools.pairwise(bands):
        if before.upper != band.lower:
            problems.append(
                Problem(
                    f"$.parameters.{band.lower_param}",
                    f"the {group} {noun} bands must meet: {band.lower_param} "
                    f"({_shown(band.lower, show)}) must equal "
                    f"{before.upper_param or 'the upper bound of the band before it'} "
                    f"({_shown(before.upper, show)}), with no gap or overlap"
                    + ("" if before.upper is None else f'; e.g. "{show(before.upper)}"'),
                )
            )
    for band in bands:
        if band.lower is not None and band.upper is not None and not band.lower < band.upper:
            problems.append(
                Problem(
                    f"$.parameters.{band.upper_param}",
                    f"the {group} {noun} bands must increase: {band.upper_param} "
                    f"({show(band.upper)}) must be above {band.lower_param} "
                    f'({show(band.lower)}); e.g. "{show(band.lower + step)}"',
                )
            )
    return problems


def _shown(value: Decimal | None, show: Callable[[Decimal], str]) -> str:
    return "open" if value is None else show(value)


def _groups(spec: Any) -> Mapping[str, Sequence[Mapping[str, Any]]]:
    """The rows of each group (a table without groups is one group named ``""``)."""
    return spec if isinstance(spec, Mapping) else {"": spec}


def _build(
    data: ParameterSet,
    table: str,
    values: Mapping[str, Any],
    value_key: str,
    wording: tuple[str, Callable[[Decimal], str], Decimal],
) -> BandTable:
    noun, show, step = wording
    problems: list[Problem] = []
    groups: dict[str, tuple[Band, ...]] = {}
    edges: dict[str, tuple[Decimal, ...]] = {}
    for group, rows in _groups(data.extra[table]).items():
        if not rows or rows[0].get("from") or rows[-1].get("below"):
            raise ValueError(f"{data.ruleset}: [[{table}.{group}]] must be open at both ends")
        bands = tuple(
            Band(
                group=group,
                id=str(row["id"]),
                lower=values[row["from"]] if row.get("from") else None,
                upper=values[row["below"]] if row.get("below") else None,
                value=values[row[value_key]],
                lower_param=row.get("from"),
                upper_param=row.get("below"),
                value_param=str(row[value_key]),
                row=row,
            )
            for row in rows
        )
        problems += tiling_problems(group, bands, noun=noun, show=show, step=step)
        groups[group] = bands
        edges[group] = tuple(b.upper for b in bands[:-1] if b.upper is not None)
    if problems:
        raise InputError(problems)
    return BandTable(groups, edges)


class DataCache:
    """A small cache of what a data file gives with some parameter values in force (a table, a
    set of rules): keyed by the data file's identity and hashable values, bounded (emptied when
    ``size`` entries are held: most evaluations use the defaults, overrides are few), and safe
    from many threads (a read is one dictionary lookup; a write is made under a lock; two
    threads may build the same value, which is equal).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: dict[tuple[Any, ...], tuple[object, Any]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, data: object, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The value cached for ``data`` and ``key``, made by ``make()`` the first time."""
        entry = (id(data), *key)
        found = self._items.get(entry)
        # The entry holds ``data``, so an entry with its id is ``data`` itself:
        if found is not None and found[0] is data:  # pragma: no mutate (is ≡ == here)
            value: T = found[1]
            return value
        made = make()
        with self._lock:
            if len(self._items) >= self.size:  # pragma: no mutate (never above: == is >=)
                self._items.clear()
            self._items[entry] = (data, made)
        return made


_TABLES = DataCache(256)  # pragma: no mutate (a memory bound, not a legal number)
_NAMES = DataCache(64)  # pragma: no mutate (a memory bound, not a legal number)


def band_table(
    data: ParameterSet,
    table: str,
    values: Mapping[str, Any],
    *,
    value_key: str = "value",
    noun: str = "scale",
    show: Callable[[Decimal], str] = format_decimal,
    step: Decimal = Decimal(1),
) -> BandTable:
    """The bands of ``data.extra[table]`` with the parameter ``values`` in force, checked to
    tile the line (:func:`tiling_problems`; an :class:`InputError` otherwise).

    Built once per data file, table and set of parameter values (:class:`DataCache`).
    """
    names = _parameter_names(data, table, value_key)
    # By text: equal Decimals may differ in form ("1.10", "1.1"), and a band keeps the form.
    key = (table, value_key, noun, show, step, tuple(str(values[n]) for n in names))
    return _TABLES.get(
        data, key, lambda: _build(data, table, values, value_key, (noun, show, step))
    )


def _parameter_names(data: ParameterSet, table: str, value_key: str) -> tuple[str, ...]:
    """The parameters a table reads: each row's bounds and value, in order, each once."""

    def names() -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for rows in _groups(data.extra[table]).values():
            for row in rows:
                for field in ("from", "below", value_key):
                    if row.get(field):
                        seen.setdefault(str(row[field]))
        return tuple(seen)

    return _NAMES.get(data, (table, value_key), names)


@attrs.frozen
class BandLookup(Criterion):
    """A tier lookup: the band of ``group`` (a fact such as the enterprise kind; ``None`` for a
    table without groups) holding ``value`` (a quantity in the unit of the edges).

    Legal test: the bands are half-open, ``[from, below)`` (民法典 第1259条), and tile the line,
    so every value has exactly one band; the finding is ``met`` naming it, ``unknown`` when the
    group or the quantity is absent. ``ruleset`` and ``table`` name the data file's rows
    (``[[<table>.<group>]]``); ``value_key`` the key of the parameter a band gives.

    ``text(band, value, data)`` and ``missing_text(absent_paths, data)`` write the explanation
    when it is read; ``noun``/``show``/``step`` word the problems of a broken table.
    """

    ruleset: str
    table: str
    group: Ref | None
    value: Ref
    text: Callable[[Band, Any, ParameterSet], Rendered] = attrs.field(eq=False, repr=False)
    missing_text: Callable[[tuple[str, ...], ParameterSet], Rendered] = attrs.field(
        eq=False, repr=False
    )
    value_key: str = "value"
    noun: str = "scale"
    show: Callable[[Decimal], str] = attrs.field(default=format_decimal, eq=False, repr=False)
    step: Decimal = Decimal(1)

    kind: ClassVar[str] = "band_lookup"

    def bands(self, data: ParameterSet, values: Mapping[str, Any]) -> BandTable:
        """The table with ``values`` in force (cached; :class:`InputError` if it is broken)."""
        return band_table(
            data,
            self.table,
            values,
            value_key=self.value_key,
            noun=self.noun,
            show=self.show,
            step=self.step,
        )

    chosen: Measure = attrs.field(init=False, eq=False, repr=False)
    """The band found for the application (``None`` when undetermined), as a measure."""
    table_in_force: Measure = attrs.field(init=False, eq=False, repr=False)
    """The table with the parameters of the evaluation in force, as a measure (validated)."""

    def __attrs_post_init__(self) -> None:
        table = Measure(f"{self.id}.table", self._table, f"the bands of {self.id}")
        reads = tuple(ref for ref in (self.group, self.value) if ref is not None)
        chosen = Measure(self.id, self._choose, f"the band of {self.id}", (*reads, table))
        object.__setattr__(self, "chosen", chosen)
        object.__setattr__(self, "table_in_force", table)

    def _table(self, row: Row) -> BandTable:
        return self.bands(row.ctx.data, row.params)

    def _choose(self, row: Row) -> Band | None:
        group = "" if self.group is None else row(self.group)
        value = row(self.value)
        if group is None or value is None:
            return None
        table: BandTable = row(self.table_in_force)
        return table.lookup(group, value)

    def decide(self, row: Row) -> Finding:
        band: Band | None = row(self.chosen)
        if band is None:
            absent = tuple(
                _path(ref)
                for ref in (self.group, self.value)
                if ref is not None and row(ref) is None
            )
            render = partial(self.missing_text, absent, row.ctx.data)
            return row.ctx.finding(self.id, Status.UNKNOWN, render=render)
        render = partial(self.text, band, row(self.value), row.ctx.data)
        return row.ctx.finding(self.id, Status.MET, render=render)

    def references(self) -> tuple[Ref, ...]:
        """The group and the value it reads, and every parameter of the table."""
        names = _parameter_names(load_parameters(self.ruleset), self.table, self.value_key)
        reads = tuple(ref for ref in (self.group, self.value) if ref is not None)
        return reads + tuple(Param(name) for name in names)


def _path(ref: Ref) -> str:
    return ref.path if isinstance(ref, Fact) else ref.name
