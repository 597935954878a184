"""The measures of the ferroalloy rule set (``rules/ferroalloy.py``) over columns.

The plans are the rows; their new capacity lines and retired units are long tables
(``lists["new_capacity"]``, ``lists["retired"]``). Each measure here is the row path's measure
of the same name, on arrays:

* ``units`` — 第四条 and 第五条 on each retired unit (:func:`countability` and
  :func:`final_capacity` of ``_ferroalloy_units``, with the same :class:`UnitRules`): a
  definite exclusion wins over missing facts; a unit counts the smaller known figure (取小);
* ``basis`` — the products on both sides (excluded units aside): not applicable when one
  product, unknown while a product is missing or products differ (no factors);
* ``new_total``, ``count``, ``undecided``, ``replacement_ratio`` — the sums and the tier's
  ratio the sufficiency test compares, exactly.

The caller's conversion factors (``ferrosilicon_equivalents``, read from the columns
``ferrosilicon_equivalents.<product>``) weigh each line and unit exactly, on a common decimal
scale.
The checks of ``parse_facts`` (an empty or repeated unit id, an empty product name, a plan
year that is not a year, an empty list of new capacity) send a plan to the row path, which
words the error.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from nmgpolicy.columnar._columns import (
    INT64_MAX,
    BoolArray,
    Categories,
    IntArray,
    Scaled,
    full,
    none,
    refuses,
    warm,
)
from nmgpolicy.columnar._ferroalloy_basis import MAP, NEW, RETIRED, RULESET, Basis, at, weighted
from nmgpolicy.columnar._items import MAX_ITEMS, group_duplicates
from nmgpolicy.columnar._kernels import (
    NOT_MET,
    UNKNOWN,
    Batch,
    Profile,
    compare_exact,
    measure_lowering,
    peak_of,
    profile,
)
from nmgpolicy.columnar._lists import BasisColumns, TallyColumns, Verdicts, sufficiency
from nmgpolicy.columnar._read import Table
from nmgpolicy.columnar._results import Deferred, as_number
from nmgpolicy.columnar._tiers import Chosen, band_values
from nmgpolicy.outcome import Decision
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import ferroalloy as rules
from nmgpolicy.rules._ferroalloy_checks import FACTOR_EXPONENTS, unit_id_key
from nmgpolicy.rules._ferroalloy_units import product_key, unit_rules

__all__ = ["RESULTS"]

_FIRST_YEAR, _LAST_YEAR = 1000, 9999  # _ferroalloy_checks: a plan year has four digits

RESULTS = (
    "tier",
    "ratio",
    "new_capacity",
    "required_retirement",
    "counted_retirement",
    "surplus",
    "excluded_units",
    "undetermined_units",
)
"""The results per plan (docs/columnar.md); per retired unit, ``counted``."""


def _choice(
    table: Table | None, path: str, size: int
) -> tuple[IntArray, BoolArray, tuple[str, ...]]:
    column = table.categories(path) if table is not None else None
    if column is None:
        return np.zeros(size, np.int64), np.zeros(size, np.bool_), ()
    return column.codes, column.mask(), column.labels


def _flag(table: Table | None, path: str, size: int) -> tuple[BoolArray, BoolArray]:
    column = table.flags(path) if table is not None else None
    if column is None:
        return np.zeros(size, np.bool_), np.zeros(size, np.bool_)
    return column.values, column.mask()


def _number(table: Table | None, path: str, size: int) -> Scaled:
    column = table.scaled(path) if table is not None else None
    if column is None:
        return Scaled(np.zeros(size, np.int64), 0, np.zeros(size, np.bool_))
    return column


def _member(codes: IntArray, labels: tuple[str, ...], wanted: Any) -> BoolArray:
    """Per row: its label is one of ``wanted`` (an absent code, -1, is none): a comparison per
    wanted label (few) — faster than a gather through a table of every label."""
    hits = [k for k, label in enumerate(labels) if label in wanted]
    if not hits:
        return np.zeros(len(codes), dtype=np.bool_)
    out: BoolArray = codes == hits[0]  # no zeros to read first: one pass less
    for k in hits[1:]:
        out |= codes == k
    return out


def _code(labels: tuple[str, ...], label: str) -> int:
    return labels.index(label) if label in labels else -2


# --------------------------------------------------------------------------------------------
# 第四条, 第五条: each retired unit
# --------------------------------------------------------------------------------------------


@measure_lowering(ruleset=RULESET, name=rules.units.name)
def _units(measure: Any, batch: Batch) -> Verdicts:
    items = batch.items(RETIRED)
    size = 0 if items is None else len(items)
    table = None if items is None else items.table
    r = unit_rules(batch.data, batch.params)
    source, source_ok, source_labels = _choice(table, "source", size)
    furnace, furnace_ok, furnace_labels = _choice(table, "furnace_type", size)
    # Boolean arithmetic throughout (no masked copy, no gather: both branch per element); a
    # mask that is the shared all-True one (a complete column) is not read at all, and while
    # every fact read is given, ``missing`` is ``None`` (no array of zeros made and read).
    complete = full(size)
    countable = _member(source, source_labels, r.countable)
    if source_ok is not complete:
        countable &= source_ok  # a code under a False validity is no value
    missing = None if source_ok is complete else ~source_ok
    reason = countable ^ source_ok  # given and not countable (countable implies given)
    plan = countable & (source == _code(source_labels, "elimination_plan"))
    year = _number(table, "plan_year", size)
    early = year.values < r.first_year
    early |= year.values > r.last_year
    early &= plan
    reason |= _given(early, year)
    if r.literal_scope:
        if furnace_ok is not complete:
            missing = _also(missing, plan & ~furnace_ok)
        reason |= plan & furnace_ok & (furnace != _code(furnace_labels, "submerged_arc"))
    missing = _flags_excluded(table, size, reason, missing)
    power = _number(table, "transformer", size)
    small, risky = compare_exact(power.values, power.exponent, r.dc_limit, r.dc_compare)
    power_ok = power.mask()
    dc = _member(furnace, furnace_labels, r.dc_types)
    if furnace_ok is not complete:
        dc &= furnace_ok
    if power.valid is None:  # every transformer given
        if furnace_ok is not complete:
            missing = _also(missing, ~furnace_ok & small)
        reason |= dc & small
    else:
        missing = _also(missing, ~furnace_ok & ~(power_ok & ~small))
        missing |= dc & ~power_ok
        reason |= dc & power_ok & small
    bound, exponent, bound_ok, needed, over = _final_capacity(table, size, r.both_required)
    if needed is not None:
        missing = _also(missing, ~reason & needed)
    if items is not None and (refuses(risky) or refuses(over)):
        batch.refuse(items.any((risky & power_ok) | over))
    return _verdicts(reason, missing, bound, exponent, bound_ok)


def _also(missing: BoolArray | None, rows: BoolArray) -> BoolArray:
    """``missing | rows``; ``rows`` (a fresh array, ours) itself while nothing is missing."""
    if missing is None:
        return rows
    missing |= rows
    return missing


def _flags_excluded(
    table: Table | None, size: int, reason: BoolArray, missing: BoolArray | None
) -> BoolArray | None:
    """第四条's yes/no facts: ``reason`` where a unit's answer excludes it (in place),
    ``missing`` (returned) where a unit does not give one."""
    for path, expected in (
        ("in_region", True),
        ("eliminated_category_2024", False),
        ("ferroalloy_smelting", True),
    ):
        value, ok = _flag(table, path, size)
        if ok is full(size) and value.dtype == np.bool_:  # every unit gives it: one pass
            if expected:
                np.greater_equal(reason, value, out=reason)  # reason | ~value, no temporary
            else:
                reason |= value
            continue
        missing = _also(missing, ~ok)
        reason |= ok & (value != expected)
    return missing


def _verdicts(
    reason: BoolArray, missing: BoolArray | None, bound: IntArray, exponent: int, ok: BoolArray
) -> Verdicts:
    """Each unit's status (a definite exclusion wins over missing facts) and what it counts."""
    if missing is None:  # every fact given: excluded (not met, 1) or counted (met, 0)
        status = reason.view(np.int8)  # ours, and not changed again
        np.multiply(bound, ~reason, out=bound)  # its bound is not read again
        counted = Scaled(bound, exponent, None)  # every unit counts or is excluded
        return Verdicts(RETIRED, status, counted, counted)
    missing &= ~reason
    status = reason.view(np.int8) | (missing.view(np.int8) << np.int8(1))  # met 0, 1, unknown 2
    met = ~(reason | missing)
    if missing.any():  # undetermined units keep their bound apart
        counted = Scaled(bound * met, exponent, reason | met)
        return Verdicts(RETIRED, status, counted, Scaled(bound, exponent, ok))
    np.multiply(bound, met, out=bound)  # no unit is undetermined: its bound is not read again
    counted = Scaled(bound, exponent, None)  # every unit counts or is excluded
    return Verdicts(RETIRED, status, counted, counted)


def _given(rows: BoolArray, column: Scaled) -> BoolArray:
    """``rows`` where ``column`` holds a value (``rows`` itself for a complete column)."""
    return rows if column.valid is None else rows & column.valid


def _final_capacity(
    table: Any, size: int, both_required: bool
) -> tuple[IntArray, int, BoolArray, BoolArray | None, BoolArray]:
    """第五条 (取小): the smaller known figure, its scale, where known, where a figure is still
    needed (``None``: nowhere), and where a figure is too large to be summed over a plan in
    ``int64``."""
    assessed = _number(table, "assessed", size)
    approved = _number(table, "approved", size)
    exponent = min(assessed.exponent, approved.exponent)
    over = np.zeros(size, dtype=np.bool_)
    a = at(assessed, exponent, over)
    p = at(approved, exponent, over)
    a_ok, p_ok = assessed.mask(), approved.mask()
    if assessed.valid is None:  # usual: the assessed figure, the approved one where smaller
        # a − max(a − p, 0) where p is given: both in [0, MAX_AMOUNT] (checked when read),
        # so a − p cannot overflow; an absent p's value is multiplied by 0 whatever it is.
        excess = np.subtract(a, p)
        np.maximum(excess, 0, out=excess)
        if approved.valid is not None:
            excess *= p_ok
        bound = np.subtract(a, excess, out=excess)
    else:
        bound = np.where(a_ok, a, np.where(p_ok, p, 0))
        np.minimum(bound, p, out=bound, where=p_ok & a_ok)
    limit = INT64_MAX // (MAX_ITEMS + 1)
    # Usually the extremes found when the columns were read prove no bound is too large:
    # with both figures in [0, their peak], the bound is between 0 and the assessed one.
    top = None if table is None or assessed.valid is not None else table.peak(assessed)
    proven = (
        top is not None
        and table.peak(approved) is not None
        and top * 10 ** (assessed.exponent - exponent) <= limit
    )
    if not proven and len(bound) and (bound.max() > limit or bound.min() < -limit):
        over |= np.abs(bound) > limit
    if both_required:
        needed: BoolArray | None = ~a_ok | ~p_ok
    else:
        needed = None if assessed.valid is None else ~a_ok
    known = a_ok if assessed.valid is None else a_ok | p_ok
    rescaled = assessed.exponent != approved.exponent
    if proven and not rescaled:  # ``over`` untouched: the shared all-False mask, never read
        return bound, exponent, known, needed, none(size)
    return bound, exponent, known, needed, over & known


@measure_lowering(ruleset=RULESET, name=rules.new_total.name)
def _new_total(measure: Any, batch: Batch) -> Scaled:
    basis: Basis = batch.measure(rules.basis)
    items = batch.items(NEW)
    if items is None:
        return Scaled(np.zeros(batch.size, np.int64), 0, np.zeros(batch.size, np.bool_))
    capacity = _number(items.table, "capacity", len(items))
    if capacity.valid is None:  # every line gives its capacity
        known, values = full(batch.size), capacity.values
    else:
        known = ~items.any(~capacity.mask())
        values = capacity.values * capacity.mask()
    total = items.total(weighted(batch, items, values, basis.weights, NEW))
    valid = basis.resolved & batch.given(NEW) & known
    return Scaled(total, capacity.exponent + basis.exponent, valid)


@measure_lowering(ruleset=RULESET, name=rules.count.name)
def _count(measure: Any, batch: Batch) -> TallyColumns:
    basis: Basis = batch.measure(rules.basis)
    verdicts: Verdicts = batch.measure(rules.units)
    valid = basis.resolved & batch.given(RETIRED)
    items = batch.items(RETIRED)
    zeros = np.zeros(batch.size, np.int64)
    if items is None:
        return TallyColumns(zeros, zeros, verdicts.counted.exponent, zeros, zeros, valid, True)
    open_ = verdicts.status == UNKNOWN
    bound = verdicts.bound
    weights = basis.weights
    counted = weighted(batch, items, verdicts.counted.values, weights, RETIRED)
    exponent = bound.exponent + basis.exponent
    if not open_.any():  # no undetermined unit anywhere
        return TallyColumns(items.total(counted), zeros, exponent, zeros, zeros, valid, True)
    could = weighted(
        batch, items, np.where(open_ & bound.mask(), bound.values, 0), weights, RETIRED
    )
    pending = items.count_where(open_)
    unbounded = items.count_where(open_ & ~bound.mask())
    return TallyColumns(
        items.total(counted), items.total(could), exponent, pending, unbounded, valid
    )


def _unit_counted(batch: Batch) -> Scaled:
    """What each retired unit counts, as the row path's ``results["units"]`` shows it."""
    basis: Basis = batch.measure(rules.basis)
    verdicts: Verdicts = batch.measure(rules.units)
    items = batch.items(RETIRED)
    if items is None or basis.weights is None:
        return verdicts.counted
    values = weighted(batch, items, verdicts.counted.values, basis.weights, RETIRED)
    return Scaled(values, verdicts.counted.exponent + basis.exponent, verdicts.counted.mask())


@measure_lowering(ruleset=RULESET, name=rules.undecided.name)
def _undecided(measure: Any, batch: Batch) -> BoolArray:
    found: Chosen = batch.measure(rules.RATIO_TIER.chosen)
    basis: BasisColumns = batch.measure(rules.basis)
    new: Scaled = batch.measure(rules.new_total)
    given = batch.given(NEW) & batch.given(RETIRED)
    return ~(found.valid & given & basis.resolved & new.mask())


@measure_lowering(ruleset=RULESET, name=rules.replacement_ratio.name)
def _ratio(measure: Any, batch: Batch) -> Scaled:
    return band_values(batch.measure(rules.RATIO_TIER.chosen))


# --------------------------------------------------------------------------------------------
# What parse_facts refuses; the results
# --------------------------------------------------------------------------------------------


def _blank(labels: tuple[str, ...], normalise: bool) -> BoolArray:
    """Per label: empty once trimmed (after NFKC)."""
    texts = [unicodedata.normalize("NFKC", x) if normalise else x for x in labels]
    return np.array([not t.strip() for t in texts], dtype=np.bool_)


def _checks(batch: Batch) -> None:
    table = batch.table
    problems = _factor_problems(batch)
    if problems.any():
        table.row_path |= problems
    table.row_path |= batch.given(NEW) & ~_has_items(batch, NEW)  # an empty list of lines
    for key in (NEW, RETIRED):
        items = batch.items(key)
        product = None if items is None else items.table.categories("product")
        if items is not None and product is not None:
            table.row_path |= items.any(_per_row(product, _blank(product.labels, True)))
    items = batch.items(RETIRED)
    if items is None:
        return
    ids = items.table.categories("id")
    if ids is not None:
        compared = [unit_id_key(x) for x in ids.labels]  # as the row path compares ids
        table.row_path |= items.any(_per_row(ids, np.array([not k for k in compared])))
        keys = {k: i for i, k in enumerate(dict.fromkeys(compared))}
        codes = ids.codes
        if len(keys) < len(compared):  # two labels of one id once compared: compare the ids
            codes = np.array([keys[k] for k in compared] + [-1], dtype=np.int64)[codes]
        present = ids.mask()
        if present is not full(len(items)):
            codes = np.where(present, codes, -1)
        table.row_path |= group_duplicates(items, codes, len(keys))
    year = items.table.scaled("plan_year")
    if year is not None and len(year) and not _within(year.values, _FIRST_YEAR, _LAST_YEAR):
        outside = year.mask() & ((year.values < _FIRST_YEAR) | (year.values > _LAST_YEAR))
        table.row_path |= items.any(outside)


def _within(values: IntArray, low: int, high: int) -> bool:
    """Every value in ``[low, high]`` (two reductions: no array made)."""
    return int(values.min()) >= low and int(values.max()) <= high


def _per_row(column: Categories, per_label: BoolArray) -> BoolArray:
    """``per_label[code]`` for each row holding a label (skipped when no label is flagged)."""
    if not per_label.any():
        return np.zeros(len(column), dtype=np.bool_)
    lookup = np.append(per_label, False)
    flagged: BoolArray = lookup[column.codes] & column.mask()
    return flagged


def _factor_problems(batch: Batch) -> BoolArray:
    """Rows whose factors ``parse_facts`` refuses: a blank or repeated product, a factor
    outside (0, 1e7) or finer than 1e-12, a factor of the base product other than 1."""
    spec = batch.data.extra["conversion"]
    base, aliases = spec["base_product"], spec["base_aliases"]
    low, high = FACTOR_EXPONENTS
    bad = np.zeros(batch.size, dtype=np.bool_)
    per_key: dict[str, IntArray] = {}
    factors = batch.table.mapping(MAP)
    if not factors:
        return bad
    for name, column in factors.items():
        if not isinstance(column, Scaled):
            continue
        given = column.mask()
        key = product_key(name, aliases, base)
        if not key:
            bad |= given
            continue
        per_key[key] = per_key.get(key, np.zeros(batch.size, np.int64)) + given
        values = column.values
        digits = np.searchsorted(_POWERS, np.abs(values), side="right")
        adjusted = digits - 1 + column.exponent
        bad |= given & ((values <= 0) | (adjusted < low) | (adjusted > high))
        if key == base:
            bad |= given & (values != (10**-column.exponent if column.exponent <= 0 else 0))
    for count in per_key.values():
        bad |= count > 1
    return bad


_POWERS = np.array([10**k for k in range(19)], dtype=np.int64)


def _has_items(batch: Batch, key: str) -> BoolArray:
    items = batch.items(key)
    return np.zeros(batch.size, np.bool_) if items is None else items.nonempty()


def _results(batch: Batch) -> dict[str, Scaled | Deferred]:
    found: Chosen = batch.measure(rules.RATIO_TIER.chosen)
    tally: TallyColumns = batch.measure(rules.count)
    verdicts: Verdicts = batch.measure(rules.units)
    outcome = sufficiency(rules.SUFFICIENT, batch)
    required = Scaled(outcome.required, outcome.exponent, outcome.made)
    counted = Scaled(tally.counted, tally.exponent, tally.valid)
    items = batch.items(RETIRED)
    size = batch.size
    tallies: list[Scaled] = []  # both counts, made once when either is first read

    def units(which: int) -> Deferred:
        def column() -> Scaled:
            if not tallies:
                if items is None:
                    pair = np.zeros(size, np.int64), np.zeros(size, np.int64)
                else:
                    status = verdicts.status
                    pair = items.count_pair(status == NOT_MET, status == UNKNOWN)
                tallies.extend(Scaled(c, 0, None) for c in pair)
            return tallies[which]

        return column

    return {
        "tier": Scaled(found.band, 0, found.valid),
        "ratio": batch.measure(rules.replacement_ratio),
        "new_capacity": batch.measure(rules.new_total),
        "required_retirement": required,
        "counted_retirement": counted,
        "surplus": _surplus(batch, counted, required),
        "excluded_units": units(0),  # counted when first read: nothing to refuse
        "undetermined_units": units(1),
    }


def _surplus(batch: Batch, left: Scaled, right: Scaled) -> Scaled | Deferred:
    """:func:`_difference`, computed when first read if no row can overflow (the extremes of
    both columns, on their common scale, say so: nothing to send to the row path), else now."""
    exponent = min(left.exponent, right.exponent)
    half = INT64_MAX // 2
    peaks = [peak_of(c.values) * 10 ** (c.exponent - exponent) for c in (left, right)]
    if max(peaks) <= half:
        size = batch.size
        return lambda: _difference(size, left, right)[0]
    found, over = _difference(batch.size, left, right)
    if over.any():
        batch.refuse(over & left.mask() & right.mask())
    return found


def _difference(size: int, left: Scaled, right: Scaled) -> tuple[Scaled, BoolArray]:
    """``left − right`` where both are known, and the rows at risk of overflow (absent)."""
    exponent = min(left.exponent, right.exponent)
    over = np.zeros(size, dtype=np.bool_)
    a, b = at(left, exponent, over), at(right, exponent, over)
    half = INT64_MAX // 2
    for values in (a, b):
        if len(values) and (values.max() > half or values.min() < -half):
            over |= np.abs(values) > half
    both = left.mask() & right.mask()
    if not over.any():
        return Scaled(a - b, exponent, both), over
    return Scaled(np.where(over, 0, a - b), exponent, both & ~over), over


def _from_decision(decision: Decision) -> dict[str, Any]:
    results = decision.results
    tier = results["tier"]
    index = None
    if tier is not None:
        rows = load_parameters(RULESET).extra["tiers"][tier["kind"]]
        index = [row["id"] for row in rows].index(tier["tier"])
    out: dict[str, Any] = {"tier": index, "ratio": results["ratio"]}
    for name in ("new_capacity", "required_retirement", "counted_retirement", "surplus"):
        out[name] = as_number(results[name])
    out["excluded_units"] = len(results["excluded_units"])
    out["undetermined_units"] = len(results["undetermined_units"])
    return out


def _item_results(decision: Decision, prefix: str) -> dict[str, list[Any]]:
    units = decision.results["units"]
    ids = [f.id[len(prefix) + 1 :] for f in decision.findings if f.id.startswith(prefix + ".")]
    return {"counted": [as_number(units.get(i)) for i in ids]}


def _item_columns(batch: Batch, prefix: str) -> dict[str, Scaled]:
    return {"counted": _unit_counted(batch)}


profile(
    RULESET,
    Profile(_checks, _results, _from_decision, _item_results, _item_columns, maps=(MAP,)),
)
warm(rules.FerroalloyFacts)
