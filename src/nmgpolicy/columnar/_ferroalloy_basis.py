"""第五条 of the ferroalloy rule set over columns: the common basis of the products, and the
weight each new line and retired unit is counted with.

The products of both sides (excluded units aside) are compared by their key (NFKC, trimmed,
硅铁合金 = 硅铁), as the row path's ``basis`` measure compares them: one product → not
applicable; several → unknown until every product has a factor (the caller's
``ferrosilicon_equivalents``, read from the columns ``ferrosilicon_equivalents.<product>``),
then met. Where the amounts are converted, each line and unit weighs its factor, on a common
decimal scale (``10**exponent``), exactly; elsewhere every weight is 1 (no array at all).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._columns import INT64_MAX, BoolArray, IntArray, Scaled
from nmgpolicy.columnar._items import MAX_ITEMS, Items
from nmgpolicy.columnar._kernels import (
    NOT_APPLICABLE,
    NOT_MET,
    UNKNOWN,
    Batch,
    Codes,
    measure_lowering,
)
from nmgpolicy.columnar._lists import BasisColumns, Verdicts
from nmgpolicy.rules import ferroalloy as rules
from nmgpolicy.rules._ferroalloy_units import product_key

__all__ = ["MAP", "NEW", "RETIRED", "RULESET", "Basis", "at", "weighted"]

RULESET = "ferroalloy"
RETIRED, NEW, MAP = "retired", "new_capacity", "ferrosilicon_equivalents"


def at(column: Scaled, exponent: int, over: BoolArray) -> IntArray:
    """The values of ``column`` at the finer ``exponent``; rows that would overflow are added
    to ``over`` (and read as 0)."""
    factor = 10 ** (column.exponent - exponent)
    if factor == 1:
        return column.values
    if factor > INT64_MAX:  # scales apart beyond int64: only a zero fits
        over |= column.values != 0
        return np.zeros(len(column.values), dtype=np.int64)
    over |= np.abs(column.values) > INT64_MAX // factor
    return np.where(over, 0, column.values) * np.int64(factor)


# --------------------------------------------------------------------------------------------
# 第五条: the common basis, the totals
# --------------------------------------------------------------------------------------------


def _label_keys(items: Items | None, keys: dict[str, int], spec: Mapping[str, Any]) -> list[int]:
    """The code of each product label's key (NFKC, trimmed, 硅铁合金 = 硅铁)."""
    column = None if items is None else items.table.categories("product")
    if column is None:
        return []
    base, aliases = spec["base_product"], spec["base_aliases"]
    return [keys.setdefault(product_key(x, aliases, base), len(keys)) for x in column.labels]


def _product_codes(items: Items, remap: list[int]) -> tuple[IntArray, BoolArray]:
    """The product code of each item, and where it is given."""
    column = items.table.categories("product")
    if column is None:
        return np.zeros(len(items), np.int64), np.zeros(len(items), np.bool_)
    lookup = np.array([*remap, -1], dtype=np.int64)
    return lookup[column.codes], column.mask()


@attrs.frozen(eq=False)
class _Factors:
    """The caller's factors (``ferrosilicon_equivalents``) per row, by product key code:
    ``given[row, k]`` and ``values[row, k] × 10**exponent``; ``column[code]`` is the column
    ``k`` of a product code (-1: no factor column for it)."""

    given: npt.NDArray[np.bool_]
    values: IntArray
    exponent: int
    column: IntArray


def _factors(batch: Batch, keys: dict[str, int], spec: Mapping[str, Any]) -> _Factors:
    columns = batch.table.mapping(MAP)
    base, aliases = spec["base_product"], spec["base_aliases"]
    named: dict[int, list[Scaled]] = {}
    for name, column in columns.items():
        if isinstance(column, Scaled):
            code = keys.setdefault(product_key(name, aliases, base), len(keys))
            named.setdefault(code, []).append(column)
    exponent = min([0, *(c.exponent for cs in named.values() for c in cs)])
    given = np.zeros((batch.size, len(named)), dtype=np.bool_)
    values = np.zeros((batch.size, len(named)), dtype=np.int64)
    column_of = np.full(len(keys) + 1, -1, dtype=np.int64)
    over = np.zeros(batch.size, dtype=np.bool_)
    for k, (code, found) in enumerate(named.items()):
        column_of[code] = k
        for column in found:  # two names of one product in a row: refused by the checks
            ok = column.mask()
            given[:, k] |= ok
            values[:, k] = np.where(ok, at(column, exponent, over), values[:, k])
    batch.refuse(over)
    return _Factors(given, values, exponent, column_of)


@attrs.frozen(eq=False)
class Basis(BasisColumns):
    """The basis, and the weight of each new line and retired unit (its factor where the
    amounts are converted, else 1), on the scale ``10**exponent``."""

    weights: Mapping[str, IntArray] | None = None
    exponent: int = 0


@measure_lowering(ruleset=RULESET, name=rules.basis.name)
def _basis(measure: Any, batch: Batch) -> Basis:
    spec = batch.data.extra["conversion"]
    keys: dict[str, int] = {spec["base_product"]: 0}
    lists = {NEW: batch.items(NEW), RETIRED: batch.items(RETIRED)}
    remaps = {key: _label_keys(items, keys, spec) for key, items in lists.items()}
    factors = _factors(batch, keys, spec)
    verdicts: Verdicts = batch.measure(rules.units)
    counting = {NEW: None, RETIRED: verdicts.status != NOT_MET}
    missing = ~batch.given(NEW) | ~batch.given(RETIRED)
    several = len({code for remap in remaps.values() for code in remap}) > 1
    low = high = np.zeros(0, dtype=np.int64)
    if several:  # else one product everywhere: nothing to convert
        low, high = np.full(batch.size, INT64_MAX), np.full(batch.size, -1)
    absent = np.zeros(batch.size, dtype=np.bool_)
    sides = []
    products: dict[str, IntArray] = {}
    for key, items in lists.items():
        if items is None:
            sides.append(np.zeros(batch.size, np.bool_))
            continue
        column = items.table.categories("product")
        ok = np.zeros(len(items), np.bool_) if column is None else column.mask()
        counts = counting[key]
        wanted = np.ones(len(items), np.bool_) if counts is None else counts
        missing |= items.any(wanted & ~ok)
        if not several:
            sides.append(np.zeros(batch.size, np.bool_))
            continue
        codes, ok = _product_codes(items, remaps[key])
        products[key] = codes
        ok = ok & wanted
        low = np.minimum(low, items.reduce(np.minimum, np.where(ok, codes, INT64_MAX), INT64_MAX))
        high = np.maximum(high, items.reduce(np.maximum, np.where(ok, codes, -1), -1))
        sides.append(items.any(ok))
        absent |= items.any(ok & ~_has_factor(items, codes, factors))
    cross = sides[0] & sides[1] & (low != high) if several else sides[0]
    converted = ~missing & cross
    resolved = ~missing & ~(cross & absent)
    status = _basis_codes(cross, missing | (cross & absent))
    weighted = converted & resolved
    if not weighted.any():
        return Basis(status, resolved)  # nothing converted: every weight is 1
    weights: dict[str, IntArray] = {}
    for key, items in lists.items():
        if items is not None:
            codes = products[key]
            weights[key] = _weights(items, codes, factors, weighted, factors.exponent)
    return Basis(status, resolved, weights, factors.exponent)


def _basis_codes(cross: BoolArray, open_: BoolArray) -> Codes:
    """Unknown where ``open_``, else met where ``cross`` (products differ), else not
    applicable — by arithmetic on bytes (no masked write, ten times cheaper here)."""
    status: Codes = (~cross).view(np.int8)
    status *= np.int8(NOT_APPLICABLE)  # met 0 across products, not applicable 4
    keep = (~open_).view(np.int8)  # 1 where decided, 0 where unknown
    status *= keep
    keep ^= np.int8(1)
    keep *= np.int8(UNKNOWN)
    status |= keep  # 0 where unknown: now unknown
    return status


def _has_factor(items: Items, codes: IntArray, factors: _Factors) -> BoolArray:
    """Per item: its product is the base (code 0) or its row gives a factor for it."""
    if not factors.given.shape[1]:
        base: BoolArray = codes == 0
        return base
    column = factors.column[np.maximum(codes, 0)]
    has = np.zeros(len(items), dtype=np.bool_)
    inside = column >= 0
    if inside.any():
        has[inside] = factors.given[items.app[inside], column[inside]]
    found: BoolArray = (codes == 0) | has
    return found


def _weights(
    items: Items, codes: IntArray, factors: _Factors, weighted: BoolArray, exponent: int
) -> IntArray:
    """Per item: its factor on ``10**exponent`` in a converted row, else ``10**-exponent``."""
    one = 10**-exponent
    out = np.full(len(items), one, dtype=np.int64)
    column = factors.column[np.maximum(codes, 0)]
    use = items.spread(weighted) & (codes > 0) & (column >= 0)
    if use.any():
        out[use] = factors.values[items.app[use], column[use]]
    return out


def weighted(
    batch: Batch, items: Items, values: IntArray, weights: Mapping[str, IntArray] | None, key: str
) -> IntArray:
    """``values × weights`` per item (the values themselves when nothing is converted); a plan
    whose products or sums could overflow → the row path."""
    if weights is None:
        return values
    return _times(batch, items, values, weights[key])


def _times(batch: Batch, items: Items, values: IntArray, weights: IntArray) -> IntArray:
    limit = INT64_MAX // np.maximum(np.abs(weights), 1)
    over = np.abs(values) > np.minimum(limit, INT64_MAX)
    product = np.where(over, 0, values) * weights
    over |= np.abs(product) > INT64_MAX // (MAX_ITEMS + 1)
    batch.refuse(items.any(over))
    return np.where(over, 0, product)
