"""The scoring-table kinds of :mod:`nmgpolicy.criteria_scoring` lowered to kernels.

* :class:`~nmgpolicy.criteria_scoring.IndicatorScore` — the points of one indicator per row,
  as an interval (``low``, ``high``) while a fact is missing, with its status; every kind of
  row: numeric **bands** (any measure reaching a band's edge reaches it; an edge scores in the
  better band when the text includes it, or — left open — when ``band_lower_inclusive`` says
  so, 《民法典》第一千二百五十九条), **choice**, **steps**, **items** and **supplied** scores;
* :class:`~nmgpolicy.criteria_scoring.ScoreAtLeast` — the sum of some indicators' intervals
  against a minimum;
* :class:`~nmgpolicy.criteria_scoring.AnyOf`, :class:`~nmgpolicy.criteria_scoring.Routed` and
  :class:`~nmgpolicy.criteria_scoring.RouteOrDirect` — three-valued OR / AND of their parts.

The table is resolved once per batch from the parameters in force (an override that breaks
it: the row path, which words the error). Points are integers at one scale (``10**E``, the
finest of the table's numbers and the supplied scores, at least ``10**-15``); an edge is
compared exactly (:func:`~nmgpolicy.columnar._kernels.compare_exact`; a growth rate by
cross-multiplication in :mod:`nmgpolicy.columnar._rates`), rows at risk of overflow go to the
row path. A route's parts are bound row by row on the row path (:func:`bind_routes`): their
codes are left out of the decision (:data:`~nmgpolicy.columnar._kernels.UNBOUND`), which the
binding summary carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
import numpy as np

from nmgpolicy.columnar._columns import INT64_MAX, BoolArray, Categories, IntArray, Members, Scaled
from nmgpolicy.columnar._kernels import (
    MET,
    NOT_MET,
    REVIEW,
    UNBOUND,
    UNKNOWN,
    Batch,
    Codes,
    NotLowered,
    compare_exact,
    floor_divided,
    lower,
    lowering,
    measure_owner,
    times,
)
from nmgpolicy.columnar._rates import Reading, reading_of
from nmgpolicy.criteria import Compare
from nmgpolicy.criteria_scoring import (
    AnyOf,
    IndicatorScore,
    Routed,
    RouteOrDirect,
    ScoreAtLeast,
    ScoringTable,
    TableSpec,
)
from nmgpolicy.criteria_scoring_table import Indicator
from nmgpolicy.errors import InputError

__all__ = ["Scores", "both_codes", "either_codes", "points_exponent", "scores_of", "table_of"]

_FINEST = -15
"""The finest scale of points: 100 points × 13 indicators at 10**-15 fit ``int64`` widely."""
_INDICATORS = "#scoring:indicators"


# --------------------------------------------------------------------------------------------
# Three-valued OR and AND of status columns
# --------------------------------------------------------------------------------------------


def _unsure(unknown: BoolArray) -> Codes:
    return np.where(unknown, np.int8(UNKNOWN), np.int8(REVIEW))


def either_codes(parts: Sequence[Codes], size: int) -> Codes:
    """:func:`~nmgpolicy.criteria_scoring.either` per row: any met → met; all not_met (or
    none) → not_met; else unknown (review when no part is unknown)."""
    return _fold(parts, size, decisive=MET, uniform=NOT_MET)


def both_codes(parts: Sequence[Codes], size: int) -> Codes:
    """:func:`~nmgpolicy.criteria_scoring.both` per row: any not_met → not_met; all met →
    met; else unknown (review when no part is unknown)."""
    return _fold(parts, size, decisive=NOT_MET, uniform=MET)


def _fold(parts: Sequence[Codes], size: int, *, decisive: int, uniform: int) -> Codes:
    """``decisive`` where any part is; else ``uniform`` where every part is (or there are
    none); else unknown where a part is unknown, review otherwise."""
    hit = np.zeros(size, dtype=np.bool_)
    every = np.ones(size, dtype=np.bool_)
    unknown = np.zeros(size, dtype=np.bool_)
    for codes in parts:
        hit |= codes == decisive
        every &= codes == uniform
        unknown |= codes == UNKNOWN
    out = _unsure(unknown)
    np.copyto(out, np.int8(uniform), where=every)
    np.copyto(out, np.int8(decisive), where=hit)
    return out


def _codes_of(criterion: Any, batch: Batch) -> Codes:
    """The codes of a part, lowered once per batch (a route reads what its members gave)."""
    key = f"#codes:{criterion.id}"
    found: Codes | None = batch.memo.get(key)
    if found is None:
        found = batch.memo[key] = lower(criterion, batch)
    return found


@lowering(AnyOf)
def _any_of(criterion: AnyOf, batch: Batch) -> Codes:
    first = lower(criterion.first, batch)
    second = lower(criterion.second, batch)
    return either_codes([first, second], batch.size)


@lowering(Routed)
def _routed(criterion: Routed, batch: Batch) -> Codes:
    unbound: set[str] = batch.memo.setdefault(UNBOUND, set())
    unbound.add(criterion.id)
    return _codes_of(criterion.part, batch)


@lowering(RouteOrDirect)
def _route_or_direct(criterion: RouteOrDirect, batch: Batch) -> Codes:
    size = batch.size
    route = both_codes([_codes_of(p, batch) for p in criterion.route], size)
    direct = either_codes([_codes_of(p, batch) for p in criterion.direct], size)
    batch.memo[f"#routes:{criterion.id}"] = (route, direct)
    return either_codes([route, direct], size)


# --------------------------------------------------------------------------------------------
# The table and the scale of points
# --------------------------------------------------------------------------------------------


@measure_owner(IndicatorScore)
def _seen(criterion: IndicatorScore, batch: Batch) -> dict[str, Any]:
    """Remember the batch's indicators (the scale of points depends on their supplied scores)."""
    batch.memo.setdefault(_INDICATORS, []).append(criterion)
    return {}


def table_of(spec: TableSpec, batch: Batch) -> ScoringTable:
    """The table in force for the batch (its parameters, overrides included), once."""
    key = f"#table:{spec.ruleset}"
    found: ScoringTable | None = batch.memo.get(key)
    if found is None:
        values = {n: batch.params.get(n) for n in spec.names}
        inclusive = bool(batch.params.get(spec.inclusive.name, True))
        try:
            found = spec.resolved(values, inclusive=inclusive)
        except InputError as error:  # an override breaks the table: the row path says so
            raise NotLowered(str(error)) from None
        batch.memo[key] = found
    return found


def _exponent(value: Decimal | int) -> int:
    return min(0, int(Decimal(value).normalize().as_tuple().exponent))


def _numbers(ind: Indicator) -> list[Decimal]:
    return [
        ind.max_points,
        ind.points_per_step,
        ind.points_per_item,
        *(b.points for b in ind.bands),
        *(c.points for c in ind.choices),
    ]


def points_exponent(spec: TableSpec, batch: Batch) -> int:
    """The scale ``E`` of every points column of the batch (once): the finest of the table's
    numbers and of the supplied scores' columns, at least :data:`_FINEST`."""
    key = f"#points:{spec.ruleset}"
    found: int | None = batch.memo.get(key)
    if found is not None:
        return found
    table = table_of(spec, batch)
    numbers = [n for ind in table.indicators for n in _numbers(ind)]
    if any(not n.is_finite() or n < 0 for n in numbers):
        raise NotLowered("points that are not numbers of zero or more")
    exponent = min(_exponent(n) for n in numbers)
    for criterion in batch.memo.get(_INDICATORS, ()):
        ind = table.indicator(criterion.indicator)
        if ind.kind == "supplied" and criterion.table is spec:
            column = batch.value(_single(criterion))
            if isinstance(column, Scaled):
                exponent = min(exponent, column.exponent)
    exponent = max(exponent, _FINEST)
    total = sum((ind.max_points for ind in table.indicators), Decimal(0))
    if any(_exponent(n) < exponent for n in numbers) or total.scaleb(-exponent) > INT64_MAX // 4:
        raise NotLowered("points too fine or too many for int64")
    batch.memo[key] = exponent
    return exponent


def _single(criterion: IndicatorScore) -> Any:
    reads = criterion.reads
    if isinstance(reads, Mapping):
        raise NotLowered(f"{criterion.id}: expected one reference")
    return reads


def _scaled_points(value: Decimal, exponent: int) -> int:
    return int(value.scaleb(-exponent))


# --------------------------------------------------------------------------------------------
# One indicator
# --------------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Scores:
    """One indicator over the batch: ``low`` and ``high`` points (``× 10**exponent``; equal
    where determined) and the status codes."""

    low: IntArray
    high: IntArray
    status: Codes
    exponent: int

    @property
    def pending(self) -> BoolArray:
        """Rows whose points are an interval."""
        found: BoolArray = self.low != self.high
        return found


def _determined(points: IntArray, best: int, valid: BoolArray | None, low: int) -> Scores:
    """Points where ``valid`` (met at full points), else missing: ``low``–``best``, unknown."""
    status = np.where(points == best, np.int8(MET), np.int8(NOT_MET))
    high = points
    if valid is not None and not valid.all():
        points = np.where(valid, points, np.int64(low))
        high = np.where(valid, high, np.int64(best))
        np.copyto(status, np.int8(UNKNOWN), where=~valid)
    return Scores(points, high, status, 0)


def _choice(ind: Indicator, column: Any, exponent: int, batch: Batch) -> Scores:
    best = _scaled_points(ind.max_points, exponent)
    floor = _scaled_points(ind.min_points, exponent)
    if column is None:
        return _determined(np.full(batch.size, floor, np.int64), best, _none(batch), floor)
    if not isinstance(column, Categories):
        raise NotLowered(f"{ind.name}: expected a choice per row")
    points = {c.value: _scaled_points(c.points, exponent) for c in ind.choices}
    unknown = [k for k, label in enumerate(column.labels) if label not in points]
    lookup = np.array([points.get(label, 0) for label in column.labels] + [0], dtype=np.int64)
    valid = column.mask()
    if unknown:
        batch.refuse(valid & np.isin(column.codes, unknown))
    return _determined(lookup[column.codes], best, valid, floor)


def _none(batch: Batch) -> BoolArray:
    return np.zeros(batch.size, dtype=np.bool_)


def _steps(ind: Indicator, column: Any, exponent: int, batch: Batch) -> Scores:
    best = _scaled_points(ind.max_points, exponent)
    if column is None:
        return _determined(np.zeros(batch.size, np.int64), best, _none(batch), 0)
    if not isinstance(column, Scaled) or ind.step < 1 or ind.points_per_step < 0:
        raise NotLowered(f"{ind.name}: steps the kernels do not read")
    values = column.values
    if column.exponent < 0:
        whole = floor_divided(values, 10**-column.exponent)  # int() of a value of 0 or more
    else:  # years: at most 10,000 (a coarse scale holds only zeros); beyond int64: row path
        risky = np.zeros(len(values), dtype=np.bool_)
        whole = times(values, 10**column.exponent, risky)
        batch.refuse(risky & column.mask())
    per = _scaled_points(ind.points_per_step, exponent)
    full = whole // np.int64(ind.step)
    if per:
        full = np.minimum(full, best // per + 1)  # beyond the cap: no product to overflow
    points = np.minimum(full * np.int64(per), np.int64(best))
    return _determined(points, best, column.mask(), 0)


def _items(ind: Indicator, column: Any, exponent: int, batch: Batch) -> Scores:
    best = _scaled_points(ind.max_points, exponent)
    if column is None:
        return _determined(np.zeros(batch.size, np.int64), best, _none(batch), 0)
    if not isinstance(column, Members) or ind.points_per_item < 0:
        raise NotLowered(f"{ind.name}: expected a list of codes")
    wanted = {c.value for c in ind.choices}
    held = np.zeros(batch.size, dtype=np.int64)
    for k, label in enumerate(column.labels):
        if label in wanted:
            held += (column.bits.astype(np.int64) >> k) & 1
    per = _scaled_points(ind.points_per_item, exponent)
    points = np.minimum(held * np.int64(per), np.int64(best))
    return _determined(points, best, column.mask(), 0)


def _supplied(ind: Indicator, column: Any, exponent: int, batch: Batch) -> Scores:
    best = _scaled_points(ind.max_points, exponent)
    if column is None:
        return _determined(np.zeros(batch.size, np.int64), best, _none(batch), 0)
    if not isinstance(column, Scaled):
        raise NotLowered(f"{ind.name}: expected numbers")
    valid = column.mask()
    shift = column.exponent - exponent
    if shift >= 0:
        over = np.zeros(len(column.values), dtype=np.bool_)
        points = times(column.values, 10**shift, over)  # beyond int64: 0, and at risk
        risky = valid & over
    elif (divisor := 10**-shift) <= INT64_MAX:
        risky = valid & (column.values % np.int64(divisor) != 0)  # finer than 10**E
        points = column.values // np.int64(divisor)
    else:  # finer than any int64 reaches: only a zero is a whole number of points
        risky = valid & (column.values != 0)
        points = np.zeros(len(column.values), dtype=np.int64)
    # A score outside [0, the maximum] is refused by the rule set's checks (the row path).
    batch.refuse(risky | (valid & ((points < 0) | (points > best))))
    return _determined(points, best, valid, 0)


_KINDS = {"choice": _choice, "steps": _steps, "items": _items, "supplied": _supplied}


def _bands(criterion: IndicatorScore, ind: Indicator, exponent: int, batch: Batch) -> Scores:
    """The first band a known measure reaches; an interval when a measure is unknown and a
    better band could still be reached (:func:`~nmgpolicy.criteria_scoring_scored.score`)."""
    reads = criterion.reads
    if not isinstance(reads, Mapping) or set(reads) != set(ind.measures):
        raise NotLowered(f"{criterion.id}: expected a reading per measure")
    readings: list[tuple[str, Reading]] = [
        (m, reading_of(batch.value(reads[m]), batch, m)) for m in ind.measures
    ]
    size = batch.size
    bands = ind.bands
    inclusive = bool(batch.params.get(criterion.table.inclusive.name, True))
    lower_is_better = ind.direction == "lower"
    index = np.full(size, len(bands) - 1, dtype=np.int64)
    for i in reversed(range(len(bands) - 1)):
        band = bands[i]
        reached = np.zeros(size, dtype=np.bool_)
        for measure, reading in readings:
            edge = band.edges.get(measure)
            if edge is None:
                continue
            beyond, equal = reading.signs(edge, lower_is_better, batch)
            hit = beyond | equal if band.in_better(inclusive) else beyond
            reached |= hit & reading.known
        index[reached] = i
    points_of = np.array([_scaled_points(b.points, exponent) for b in bands], dtype=np.int64)
    low = points_of[index]
    best = int(points_of[0])
    missing = np.zeros(size, dtype=np.bool_)
    unknown = np.zeros(size, dtype=np.bool_)
    for _, reading in readings:
        missing |= reading.missing
        unknown |= ~reading.known
    pending = unknown & (index > 0)
    high = np.where(pending, np.int64(best), low)
    status = np.where(low == best, np.int8(MET), np.int8(NOT_MET))
    np.copyto(status, np.where(missing, np.int8(UNKNOWN), np.int8(REVIEW)), where=pending)
    return Scores(low, high, status, exponent)


def scores_of(criterion: IndicatorScore, batch: Batch) -> Scores:
    """The points and status of one indicator for every row (once per batch)."""
    key = f"#scores:{criterion.id}"
    found: Scores | None = batch.memo.get(key)
    if found is not None:
        return found
    spec = criterion.table
    table = table_of(spec, batch)
    ind = table.indicator(criterion.indicator)
    exponent = points_exponent(spec, batch)
    if ind.kind == "bands":
        found = _bands(criterion, ind, exponent, batch)
    else:
        kind = _KINDS.get(ind.kind)
        if kind is None:
            raise NotLowered(f"{criterion.id}: kind {ind.kind}")
        found = attrs.evolve(
            kind(ind, batch.value(_single(criterion)), exponent, batch), exponent=exponent
        )
    batch.memo[key] = found
    return found


@lowering(IndicatorScore)
def _indicator_score(criterion: IndicatorScore, batch: Batch) -> Codes:
    return scores_of(criterion, batch).status


def interval(indicators: Iterable[IndicatorScore], batch: Batch) -> tuple[IntArray, IntArray]:
    """The fewest and most points of ``indicators`` together, per row."""
    low = np.zeros(batch.size, dtype=np.int64)
    high = np.zeros(batch.size, dtype=np.int64)
    for criterion in indicators:
        found = scores_of(criterion, batch)
        low += found.low
        high += found.high
    return low, high


@lowering(ScoreAtLeast)
def _score_at_least(criterion: ScoreAtLeast, batch: Batch) -> Codes:
    """``met`` when even the fewest points reach the minimum, ``not_met`` when even the most
    do not, else unknown (review when only uncomputable indicators are pending)."""
    if not criterion.indicators:
        raise NotLowered(f"{criterion.id}: no indicators")
    exponent = points_exponent(criterion.indicators[0].table, batch)
    low, high = interval(criterion.indicators, batch)
    unknown = np.zeros(batch.size, dtype=np.bool_)
    for indicator in criterion.indicators:
        found = scores_of(indicator, batch)
        unknown |= found.pending & (found.status == UNKNOWN)
    required = batch.param(criterion.param)
    met, _ = compare_exact(low, exponent, required, Compare.AT_LEAST)
    failed, _ = compare_exact(high, exponent, required, Compare.BELOW)
    out = _unsure(unknown)
    np.copyto(out, np.int8(NOT_MET), where=failed)
    np.copyto(out, np.int8(MET), where=met)
    return out
