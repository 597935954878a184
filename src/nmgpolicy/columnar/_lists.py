"""The kinds of :mod:`nmgpolicy.criteria_lists` lowered to kernels: each item, a common basis,
the count of a list and its sufficiency.

The measures these kinds read are rule-specific (which items count and for how much is the
regulation's); their columnar values have the shapes below, which a rule set's lowering
fills (see :mod:`nmgpolicy.columnar._ferroalloy`):

* :class:`Verdicts` — per item row of a long table: the status (:func:`item_status`), what it
  counts and the most it could count;
* :class:`BasisColumns` — per row: the status of the common basis, whether it is resolved;
* :class:`TallyColumns` — per row: the counted sum, the sum of the undetermined items'
  bounds, how many are undetermined and unbounded (:func:`~nmgpolicy.criteria_lists.tally`).

:class:`~nmgpolicy.criteria_lists.Sufficient` is then generic:
:func:`~nmgpolicy.criteria_lists.sufficiency_status` on integers of one scale, by
cross-multiplication, every product guarded against overflow.
"""

from __future__ import annotations

import attrs
import numpy as np

from nmgpolicy.columnar._columns import INT64_MAX, BoolArray, IntArray, Scaled, known_peak
from nmgpolicy.columnar._kernels import (
    MET,
    NOT_MET,
    UNKNOWN,
    Batch,
    Codes,
    ItemFindings,
    NotLowered,
    lowering,
    peak_of,
    product_into,
    times,
)
from nmgpolicy.criteria_lists import CommonBasis, EachItem, Sufficient
from nmgpolicy.definition import Criterion

__all__ = ["BasisColumns", "Sufficiency", "TallyColumns", "Verdicts", "lower_each", "sufficiency"]


@attrs.frozen(eq=False)
class Verdicts:
    """What the rules say about each item of the long table ``list``: ``status`` (met counts,
    not_met excluded, unknown undetermined), ``counted`` (0 when excluded, absent when
    undetermined) and ``bound`` (the most an item could count; absent when unbounded)."""

    list: str
    status: Codes
    counted: Scaled
    bound: Scaled


@attrs.frozen(eq=False)
class BasisColumns:
    """The common basis per row: its finding's ``status`` and whether amounts can be added
    (``resolved``)."""

    status: Codes
    resolved: BoolArray


@attrs.frozen(eq=False)
class TallyColumns:
    """The count of each row's list, where ``valid``: ``counted`` and ``could`` on one scale,
    ``pending`` undetermined items, ``unbounded`` of them without a bound; ``settled`` when no
    item is undetermined anywhere (``could``, ``pending`` and ``unbounded`` are then 0, and not
    read: a fresh array of zeros costs a page fault per 4 KiB when read)."""

    counted: IntArray
    could: IntArray
    exponent: int
    pending: IntArray
    unbounded: IntArray
    valid: BoolArray
    settled: bool = False


def lower_each(criterion: Criterion, batch: Batch) -> ItemFindings:
    """The findings of a kind deciding one per item (:class:`EachItem`)."""
    if not isinstance(criterion, EachItem):
        raise NotLowered(type(criterion).__name__)
    verdicts = batch.value(criterion.items)
    if not isinstance(verdicts, Verdicts):
        raise NotLowered(f"{criterion.id}: its items have no columnar reading")
    items = batch.items(verdicts.list)
    application = items.app if items is not None else np.zeros(0, dtype=np.int64)
    return ItemFindings(verdicts.list, application, verdicts.status)


@lowering(CommonBasis)
def _common_basis(criterion: CommonBasis, batch: Batch) -> Codes:
    basis = batch.value(criterion.basis)
    if not isinstance(basis, BasisColumns):
        raise NotLowered(f"{criterion.id}: its basis has no columnar reading")
    return basis.status


@attrs.frozen(eq=False)
class Sufficiency:
    """The outcome of a :class:`Sufficient` test per row: ``status``, and where it was made
    (``made``) the amount required (``ratio × amount``, on ``exponent``; absent where it
    overflows ``int64`` — such rows are sent to the row path)."""

    status: Codes
    made: BoolArray
    required: IntArray
    exponent: int


def sufficiency(criterion: Sufficient, batch: Batch) -> Sufficiency:
    """``counted >= ratio × amount`` per row (the row path's ``Sufficient.outcome``)."""
    key = f"{criterion.id}#outcome"
    if key in batch.memo:
        found: Sufficiency = batch.memo[key]
        return found
    count, amount = batch.value(criterion.tally), batch.value(criterion.amount)
    ratio, why = batch.value(criterion.ratio), batch.value(criterion.why)
    if not (
        isinstance(count, TallyColumns)
        and isinstance(amount, Scaled)
        and isinstance(ratio, Scaled)
        and isinstance(why, np.ndarray)
    ):
        raise NotLowered(f"{criterion.id}: its inputs have no columnar reading")
    made = ~why & count.valid & amount.mask() & ratio.mask()
    risky = np.zeros(batch.size, dtype=np.bool_)
    # counted × 10^-r ≥ amount × ratio, with ratio = values × 10^r (r ≤ 0): on one scale.
    exponent = min(count.exponent, amount.exponent)
    counted = times(count.counted, 10 ** (count.exponent - exponent), risky)
    wanted = times(amount.values, 10 ** (amount.exponent - exponent), risky)
    scale = 10 ** -min(ratio.exponent, 0)
    ratio_values = times(ratio.values, 10 ** max(ratio.exponent, 0), risky)
    if len(counted) == batch.size and scale <= INT64_MAX and _within(counted, INT64_MAX // scale):
        left = product_into(batch, counted, scale, 0)  # a temporary: read just below
    else:
        left = times(counted, scale, risky)
    known = known_peak(ratio) if ratio_values is ratio.values else None  # a band's bound
    peak = known if known is not None else peak_of(ratio_values)
    limit = INT64_MAX // max(peak, 1)
    if len(wanted) and batch.peak(wanted) > limit:  # the new capacity's extremes, once
        risky |= np.abs(wanted) > limit
    if risky.any():
        wanted = np.where(risky, 0, wanted)
    right = wanted * ratio_values
    met = left >= right
    if not count.settled and count.pending.any():
        could = times(count.could, 10 ** (count.exponent - exponent), risky)
        reach = times(_plus(counted, could, risky), scale, risky)
        open_ = (count.pending > 0) & ((count.unbounded > 0) | (reach >= right))
        status = np.where(met, np.int8(MET), np.where(open_, np.int8(UNKNOWN), np.int8(NOT_MET)))
    else:
        status = (~met).view(np.int8)  # met 0, not_met 1: a fresh array, ours
    batch.refuse(risky & made)  # after the reach too: its product may overflow (an open row)
    if not made.all():
        status = np.where(made, status, np.int8(UNKNOWN))
    required_exponent = amount.exponent + min(ratio.exponent, 0)
    if exponent == amount.exponent:
        required = right
    else:
        required = np.where(risky, 0, amount.values) * ratio_values
    outcome = Sufficiency(status, made & ~risky, required, required_exponent)
    batch.memo[key] = outcome
    return outcome


def _plus(left: IntArray, right: IntArray, risky: BoolArray) -> IntArray:
    """``left + right``; rows where the sum overflows ``int64`` are added to ``risky`` (their
    sum is 0). Four reductions when both halves fit (always, for amounts of this world)."""
    half = INT64_MAX // 2
    if _within(left, half) and _within(right, half):
        return left + right
    total = left + right  # wraps where it overflows: the sign then differs from both terms'
    over = ((left ^ total) & (right ^ total)) < 0
    if over.any():
        risky |= over
        total = np.where(over, 0, total)
    return total


def _within(values: IntArray, limit: int) -> bool:
    """Every value's magnitude at most ``limit`` (two reductions, no array made)."""
    return not len(values) or (int(values.max()) <= limit and int(values.min()) >= -limit)


@lowering(Sufficient)
def _sufficient(criterion: Sufficient, batch: Batch) -> Codes:
    return sufficiency(criterion, batch).status
