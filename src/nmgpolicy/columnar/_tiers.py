"""The tier lookup of :mod:`nmgpolicy.criteria_tiers` lowered to a kernel.

:func:`band_index` on the row path counts the interior edges at or below a value; here the
same count is one ``searchsorted(edges, values, side="right")`` per group, on integer edges at
the column's own scale: an edge ``e`` is at or below ``v × 10**x`` exactly when
``ceil(e × 10**-x) <= v``, so the lookup is exact without touching the values.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._columns import (
    INT64_MAX,
    BoolArray,
    Categories,
    IntArray,
    Scaled,
    with_peak,
)
from nmgpolicy.columnar._kernels import (
    UNKNOWN,
    Batch,
    Codes,
    NotLowered,
    lowering,
    measure_owner,
    peak_of,
)
from nmgpolicy.criteria_tiers import BandLookup, BandTable

__all__ = ["Chosen", "band_values", "chosen"]


@attrs.frozen(eq=False)
class Chosen:
    """The band of every row: ``group`` (an index into ``names``) and ``band`` (its index in
    that group's bands, in order of the edges), where ``valid``; ``table`` the bands in force."""

    table: BandTable
    names: tuple[str, ...]
    group: IntArray
    band: IntArray
    valid: BoolArray


def _integral_edge(edge: Decimal, exponent: int) -> int:
    """The least integer ``n`` with ``n × 10**exponent >= edge``, clamped to ``int64``."""
    scaled = int(edge.scaleb(-exponent).to_integral_value(rounding=ROUND_CEILING))
    return max(-INT64_MAX, min(INT64_MAX, scaled))


def _count_edges(values: IntArray, edges: tuple[Decimal, ...], exponent: int) -> IntArray:
    """Per value: how many of the (increasing) ``edges`` are at or below it (its band)."""
    if len(edges) > 100:
        integral = np.array([_integral_edge(e, exponent) for e in edges], dtype=np.int64)
        return np.searchsorted(integral, values, side="right")
    band = np.zeros(len(values), dtype=np.int8)
    for edge in edges:
        band += values >= _integral_edge(edge, exponent)
    return band


def chosen(criterion: BandLookup, batch: Batch) -> Chosen:
    """The band each row falls in (the row path's ``criterion.chosen`` measure)."""
    if criterion.ruleset != batch.ruleset:
        raise NotLowered(f"{criterion.id}: a table of another rule set")
    table = criterion.bands(batch.data, batch.params)
    names = tuple(table.groups)
    value = batch.value(criterion.value)
    size = batch.size
    if value is None:
        empty = np.zeros(size, dtype=np.int64)
        return Chosen(table, names, empty, empty, np.zeros(size, dtype=np.bool_))
    if not isinstance(value, Scaled):
        raise NotLowered(f"{criterion.id}: expected numbers")
    group: npt.NDArray[np.integer[Any]]
    if criterion.group is None:
        group = np.zeros(size, dtype=np.int64)
        known = np.ones(size, dtype=np.bool_)
    else:
        column = batch.value(criterion.group)
        if column is None:
            empty = np.zeros(size, dtype=np.int64)
            return Chosen(table, names, empty, empty, np.zeros(size, dtype=np.bool_))
        if not isinstance(column, Categories):
            raise NotLowered(f"{criterion.id}: expected a choice per row")
        known = column.mask()
        if column.labels == names:
            group = column.codes  # the groups, in their order (any integer type: no copy)
        else:
            remap = np.array([names.index(x) if x in names else -1 for x in column.labels] + [-1])
            group = remap[column.codes]
            known = known & (group >= 0)
    band: IntArray = np.zeros(0, dtype=np.int8)
    for index, name in enumerate(names):
        found = _count_edges(value.values, table.edges[name], value.exponent)
        if index == 0:
            band = found
        elif found.dtype == band.dtype:  # band += (found − band) × [group is this one]
            np.subtract(found, band, out=found)
            found *= group == index
            band += found
        else:
            np.copyto(band, found, where=group == index)
    # A value at the int64 limit may sit on a clamped edge: decide it on the row path.
    values = value.values
    if len(values) and batch.peak(values) >= INT64_MAX:  # the extremes, known when read
        batch.refuse(value.mask() & (np.abs(values) == INT64_MAX))
    return Chosen(table, names, group, band, known & value.mask())


def band_values(found: Chosen) -> Scaled:
    """The value each row's band gives (the ratio of a tier …), exactly, on one scale."""
    values = [b.value for bands in found.table.groups.values() for b in bands]
    if not all(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in values):
        raise NotLowered("band values are not numbers")
    exponent = min(0, *(int(Decimal(v).as_tuple().exponent) for v in values))
    widest = max(len(bands) for bands in found.table.groups.values())
    grid = np.zeros((len(found.names), widest), dtype=np.int64)
    for g, name in enumerate(found.names):
        for b, band in enumerate(found.table.groups[name]):
            grid[g, b] = int(Decimal(band.value).scaleb(-exponent))
    # One gather from the flattened grid, by a narrow index (group × widest + band): no
    # two-dimensional fancy index, no int64 copy of the groups.
    small = len(found.names) * widest < 2**15 and found.band.dtype.itemsize <= 2
    dtype: Any = np.int16 if small else np.intp
    index = found.group.astype(dtype) * dtype(widest)
    index += found.band.astype(dtype, copy=False)
    if not found.valid.all():
        np.copyto(index, dtype(0), where=~found.valid)
    column = Scaled(grid.ravel()[index], exponent, found.valid)  # faster than ``take`` here
    return with_peak(column, peak_of(grid))  # a bound of its values, without reading them


@lowering(BandLookup)
def _band_lookup(criterion: BandLookup, batch: Batch) -> Codes:
    found: Any = batch.measure(criterion.chosen)
    if not isinstance(found, Chosen):
        raise NotLowered(f"{criterion.id}: its band has no columnar reading")
    codes: Codes = (~found.valid).view(np.int8)  # met 0 where a band is found, else …
    codes *= np.int8(UNKNOWN)  # … unknown: arithmetic, no masked write
    return codes


@measure_owner(BandLookup)
def _owned(criterion: BandLookup, batch: Batch) -> dict[str, Any]:
    return {criterion.chosen.name: lambda: chosen(criterion, batch)}
