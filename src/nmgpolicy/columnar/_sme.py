"""The 优质中小企业 rule sets (``sme_specialized``, ``sme_innovative``) over columns.

Their criteria are the scoring kinds of :mod:`nmgpolicy.columnar._scoring`, the base kinds,
and the direct conditions' shapes of :mod:`nmgpolicy.rules._sme_scoring`, lowered here:

* :class:`~nmgpolicy.rules._sme_scoring.AnyListed` — a list given with an item (a long table,
  or a list of codes);
* :class:`~nmgpolicy.rules._sme_scoring.LevelAtLeast` — a level at or above the parameter's;
* :class:`~nmgpolicy.rules._sme_scoring.RankWithin` — an award (``lists["science_awards_3y"]``)
  ranked within its level's limit; a rank not given is unknown;
* :class:`~nmgpolicy.rules._sme_scoring.MeanAtLeast` — the mean of the window's amounts (a sum
  against ``window × minimum``), or the known year alone when it already reaches that;
* ``CountThreshold`` is a :class:`~nmgpolicy.criteria.Threshold` (its lowering).

The measure ``revenue_growth`` of each rule set (the growth of main-business revenue: yearly,
compound over two years, or the mean of two yearly rates, as ``growth_method`` and
``growth_window_years`` say) is a :mod:`~nmgpolicy.columnar._rates` reading. What the rule sets'
``prepare`` refuses — a code listed twice (read by :mod:`nmgpolicy.columnar._scalars`), an
award ranked below 1, a supplied 特色化 score outside [0, its maximum] — goes to the row path,
which words the error. The results (docs/columnar.md): ``total`` (the score, absent while
undetermined), ``total_min`` and ``total_max`` (its interval), and ``group.<name>`` (each
group's points, absent while undetermined).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from nmgpolicy.columnar import _scalars
from nmgpolicy.columnar._columns import INT64_MAX, BoolArray, Categories, Members, Scaled
from nmgpolicy.columnar._items import Opaque, item_model
from nmgpolicy.columnar._kernels import (
    MET,
    NOT_MET,
    UNKNOWN,
    Batch,
    Codes,
    NotLowered,
    Profile,
    compare_exact,
    lowering,
    measure_lowering,
    profile,
)
from nmgpolicy.columnar._rates import Growth, MeanGrowth, amounts
from nmgpolicy.columnar._scoring import interval, points_exponent, table_of
from nmgpolicy.criteria import Compare
from nmgpolicy.criteria_scoring import IndicatorScore, TableSpec
from nmgpolicy.definition import Fact
from nmgpolicy.outcome import Decision
from nmgpolicy.rules import sme_innovative, sme_specialized
from nmgpolicy.rules._sme_scoring import AnyListed, LevelAtLeast, MeanAtLeast, RankWithin

__all__ = ["RESULTS"]

RESULTS = ("total", "total_min", "total_max")
"""The results of every row, besides ``group.<name>`` per group of the table
(docs/columnar.md)."""

AWARDS = "science_awards_3y"

_scalars.register_list(list[sme_specialized.QualityItem])
_scalars.register_list(list[sme_innovative.Title])


# --------------------------------------------------------------------------------------------
# The direct conditions' shapes
# --------------------------------------------------------------------------------------------


def _path(ref: Any, criterion: Any) -> str:
    if not isinstance(ref, Fact):
        raise NotLowered(f"{criterion.id}: expected a fact")
    return ref.path


def _known(given: BoolArray, holds: BoolArray) -> Codes:
    """``met`` where ``holds``, ``not_met`` where not, ``unknown`` where not ``given``."""
    out = np.where(holds, np.int8(MET), np.int8(NOT_MET))
    np.copyto(out, np.int8(UNKNOWN), where=~given)
    return out


@lowering(AnyListed)
def _any_listed(criterion: AnyListed, batch: Batch) -> Codes:
    path = _path(criterion.items, criterion)
    if item_model(batch.table.model, path) is not Opaque:  # a long table of objects
        items = batch.items(path)
        nonempty = np.zeros(batch.size, np.bool_) if items is None else items.nonempty()
        return _known(batch.given(path), nonempty)
    column = batch.table.column(path)
    if column is None:
        return batch.fill(UNKNOWN)
    if not isinstance(column, Members):
        raise NotLowered(f"{criterion.id}: expected a list of codes")
    return _known(column.mask(), column.bits != 0)


@lowering(LevelAtLeast)
def _level_at_least(criterion: LevelAtLeast, batch: Batch) -> Codes:
    column = batch.value(criterion.value)
    if column is None:
        return batch.fill(UNKNOWN)
    if not isinstance(column, Categories):
        raise NotLowered(f"{criterion.id}: expected a level per row")
    order = criterion.order
    minimum = order.index(batch.param(criterion.param))
    unknown = [k for k, label in enumerate(column.labels) if label not in order]
    if unknown:
        batch.refuse(column.mask() & np.isin(column.codes, unknown))
    held = [label in order and order.index(label) <= minimum for label in column.labels]
    lookup = np.array([*held, False], dtype=np.bool_)
    return _known(column.mask(), lookup[column.codes])


@lowering(RankWithin)
def _rank_within(criterion: RankWithin, batch: Batch) -> Codes:
    path = _path(criterion.items, criterion)
    given = batch.given(path)
    items = batch.items(path)
    if items is None or not len(items):
        return _known(given, np.zeros(batch.size, np.bool_))
    level = items.table.column("level")
    rank = items.table.column("rank")
    if level is None:  # no award states its level (required): the row path refuses them
        batch.refuse(items.nonempty())
        return _known(given, np.zeros(batch.size, np.bool_))
    if not isinstance(level, Categories) or not (rank is None or isinstance(rank, Scaled)):
        raise NotLowered(f"{criterion.id}: expected a level and a rank per award")
    size = len(items)
    within = np.zeros(size, dtype=np.bool_)
    ranked = np.zeros(size, dtype=np.bool_) if rank is None else rank.mask()
    for label, param in criterion.limits.items():
        if rank is None or label not in level.labels:
            continue
        limit = int(batch.param(param))
        holds, _ = compare_exact(rank.values, rank.exponent, limit, Compare.AT_MOST)
        within |= holds & ranked & (level.codes == level.labels.index(label))
    out = np.where(items.any(~ranked), np.int8(UNKNOWN), np.int8(NOT_MET))
    np.copyto(out, np.int8(MET), where=items.any(within))
    np.copyto(out, np.int8(UNKNOWN), where=~given)
    return out


@lowering(MeanAtLeast)
def _mean_at_least(criterion: MeanAtLeast, batch: Batch) -> Codes:
    years = int(batch.param(criterion.window))
    required = batch.param(criterion.param)
    columns = [batch.value(r) for r in criterion.values[:years]]
    if not all(c is None or isinstance(c, Scaled) for c in columns) or years < 1:
        raise NotLowered(f"{criterion.id}: expected amounts")
    size = batch.size
    known = [np.zeros(size, np.bool_) if c is None else c.mask() for c in columns]
    every = np.logical_and.reduce(known) if len(columns) == years else np.zeros(size, np.bool_)
    out = batch.fill(UNKNOWN)
    given = [c for c in columns if c is not None]
    if not given:
        return out
    exponent = min(c.exponent for c in given)
    risky = np.zeros(size, dtype=np.bool_)
    total = np.zeros(size, dtype=np.int64)
    for c, k in zip(columns, known, strict=True):
        if c is not None:
            values = np.where(k, c.values, 0)
            total = total + _rescaled(values, c.exponent - exponent, risky)
    needed = required * years
    holds, over = compare_exact(total, exponent, needed, Compare.AT_LEAST)
    batch.refuse((risky | over) & every)
    np.copyto(out, np.where(holds, np.int8(MET), np.int8(NOT_MET)), where=every)
    # One year missing: the first known year alone settles it when it reaches the window's sum.
    first = np.zeros(size, dtype=np.int64)
    for c, k in zip(reversed(columns), reversed(known), strict=True):
        if c is not None:
            first = np.where(k, _rescaled(c.values, c.exponent - exponent, risky), first)
    alone, over = compare_exact(first, exponent, needed, Compare.AT_LEAST)
    some = np.logical_or.reduce(known) & ~every
    batch.refuse((risky | over) & some)
    np.copyto(out, np.int8(MET), where=some & alone)
    return out


def _rescaled(values: Any, shift: int, risky: BoolArray) -> Any:
    """``values × 10**shift`` with the sum of two guarded (each at most a quarter of int64)."""
    factor = 10**shift
    if factor > INT64_MAX // 4:  # a scale apart beyond int64: only a zero fits
        risky |= values != 0
        return np.zeros(len(values), dtype=np.int64)
    over = np.abs(values) > INT64_MAX // 4 // factor
    risky |= over
    return np.where(over, 0, values) * np.int64(factor)


# --------------------------------------------------------------------------------------------
# The growth of main-business revenue
# --------------------------------------------------------------------------------------------


def _amount(batch: Batch, name: str) -> Scaled | None:
    column = batch.fact(Fact(name))
    if column is not None and not isinstance(column, Scaled):
        raise NotLowered(f"{name}: expected amounts")
    return column


def _growth(batch: Batch, new: str, base: str, years: int) -> Growth:
    columns = [_amount(batch, new), _amount(batch, base)]
    (v_new, v_base), given = amounts(columns, batch)
    return Growth(v_new, v_base, years, given & (v_base != 0), ~given)


def _mean(batch: Batch) -> MeanGrowth:
    names = sme_specialized._GROWTH_FACTS
    (y1, y2, y3), given = amounts([_amount(batch, n) for n in names], batch)
    return MeanGrowth(y1, y2, y3, given & (y2 != 0) & (y3 != 0), ~given)


@measure_lowering(ruleset=sme_specialized.RS, name=sme_specialized.revenue_growth.name)
def _specialized_growth(measure: Any, batch: Batch) -> Growth | MeanGrowth:
    """② by ``growth_method`` over ``growth_window_years`` (:func:`growth_measure`)."""
    y1, y2, y3 = sme_specialized._GROWTH_FACTS
    if batch.param("growth_window_years") == 1:
        return _growth(batch, y1, y2, 1)
    if batch.param("growth_method") == "mean":
        return _mean(batch)
    return _growth(batch, y1, y3, 2)


@measure_lowering(ruleset=sme_innovative.RS, name=sme_innovative.revenue_growth.name)
def _innovative_growth(measure: Any, batch: Batch) -> Growth:
    """③ the yearly growth from ``main_revenue_y2`` to ``main_revenue_y1``."""
    return _growth(batch, "main_revenue_y1", "main_revenue_y2", 1)


# --------------------------------------------------------------------------------------------
# Checks and results
# --------------------------------------------------------------------------------------------


def _checks(batch: Batch) -> None:
    """An award ranked below 1 (``check_awards``): the row path words the error."""
    items = batch.items(AWARDS)
    if items is None or not len(items):
        return
    rank = items.table.column("rank")
    if isinstance(rank, Scaled):
        below, _ = compare_exact(rank.values, rank.exponent, 1, Compare.BELOW)
        bad = below & rank.mask()
        if bad.any():
            batch.refuse(items.any(bad))


def _results(spec: TableSpec, indicators: tuple[IndicatorScore, ...]) -> Any:
    def results(batch: Batch) -> dict[str, Scaled]:
        exponent = points_exponent(spec, batch)
        low, high = interval(indicators, batch)
        out = {
            "total": Scaled(low, exponent, low == high),
            "total_min": Scaled(low, exponent),
            "total_max": Scaled(high, exponent),
        }
        by_name = {i.indicator: i for i in indicators}
        for group in table_of(spec, batch).groups:
            g_low, g_high = interval([by_name[n] for n in group.indicators], batch)
            out[f"group.{group.name}"] = Scaled(g_low, exponent, g_low == g_high)
        return out

    return results


def _from_decision(decision: Decision) -> Mapping[str, Any]:
    results = decision.results
    out = {
        "total": results["total"],
        "total_min": results["total_range"]["min"],
        "total_max": results["total_range"]["max"],
    }
    for name, group in results["groups"].items():
        out[f"group.{name}"] = group["points"]
    return out


for _module in (sme_specialized, sme_innovative):
    profile(
        _module.RS,
        Profile(_checks, _results(_module.TABLE, _module.INDICATORS), _from_decision),
    )
