"""The public helpers of the ferroalloy rule set that are not an evaluation: the tiers of 第三条
(:func:`tiers`, :func:`tier`, :func:`ratio`), the retired capacity a plan needs
(:func:`required_retirement`) and the plan's notice (:func:`plan_notice_due`).

Re-exported by :mod:`nmgpolicy.rules.ferroalloy`, whose definition they share: the bands are
those of its ``ferroalloy.ratio_tier`` criterion (the same table, the same cache). They import
it when called, since that module imports this one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import Any

from nmgpolicy._exact import exact
from nmgpolicy.convert import structure
from nmgpolicy.criteria_tiers import BandTable
from nmgpolicy.errors import InputError, shown
from nmgpolicy.params import ParameterSet, load_parameters
from nmgpolicy.rules._ferroalloy_words import Tier, as_tier
from nmgpolicy.rules.disclosure import DueDate
from nmgpolicy.rules.disclosure import deadline as disclosure_deadline
from nmgpolicy.units import Kind, parse_amount

RULESET_ID = "ferroalloy"

# Exact arithmetic: a product of Decimals is never rounded at this precision.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_ONE = Decimal(1)


def _bands(data: ParameterSet, values: Mapping[str, Any]) -> BandTable:
    """The bands of the definition's tier criterion with ``values`` in force."""
    from nmgpolicy.rules.ferroalloy import RATIO_TIER  # that module imports this one

    return RATIO_TIER.bands(data, values)


def _resolve(
    on: dt.date | None, parameters: Mapping[str, object] | None
) -> tuple[ParameterSet, Mapping[str, Any]]:
    data = load_parameters(RULESET_ID)
    if on is not None and (isinstance(on, dt.datetime) or not isinstance(on, dt.date)):
        raise InputError.single(
            "$.on", f"expected a date, got {shown(on)}; e.g. datetime.date(2026, 6, 1)"
        )
    # The guide's values are undated: without ``on`` the latest values apply.
    return data, data.resolve(on or dt.date.max, parameters).values


def _parse_kind(kind: object, path: str = "$.kind") -> str:
    if isinstance(kind, str) and kind in load_parameters(RULESET_ID).extra["kinds"]:
        return kind
    raise InputError.single(
        path,
        f'expected "single" (单体企业) or "group" (企业集团), got {shown(kind)}; e.g. "single"',
    )


def _parse_tonnes(value: object, path: str) -> Decimal:
    """A capacity with its mass unit (``"35万吨"``, ``"350000吨"``, or a Quantity).

    A bare number is refused, as for facts: is ``35`` tonnes or 万吨?
    """
    return parse_amount(value, Kind.MASS, path=path)


def _tidy(value: Decimal) -> Decimal:
    """``220000.0`` → ``220000``: a whole number of tonnes without a trailing exponent."""
    return value.quantize(_ONE) if value == value.to_integral_value() else value


@exact
def tiers(
    kind: str | None = None,
    *,
    on: dt.date | None = None,
    parameters: Mapping[str, object] | None = None,
) -> tuple[Tier, ...]:
    """The bands of 第三条 (of one ``kind``, or of both), in order of scale."""
    data, values = _resolve(on, parameters)
    groups = _bands(data, values).groups
    if kind is None:
        return tuple(as_tier(b, data) for bands in groups.values() for b in bands)
    return tuple(as_tier(b, data) for b in groups[_parse_kind(kind)])


@exact
def tier(
    kind: str,
    scale_after: object,
    *,
    on: dt.date | None = None,
    parameters: Mapping[str, object] | None = None,
) -> Tier:
    """The band of 第三条 that applies to an enterprise of ``kind`` at ``scale_after``.

    ``kind`` is ``"single"`` or ``"group"``; ``scale_after`` the post-consolidation scale as
    ``"35万吨"`` or Decimal tonnes. ``parameters`` overrides the data file (what-if).
    """
    data, values = _resolve(on, parameters)
    kind = _parse_kind(kind)
    scale = _parse_tonnes(scale_after, "$.scale_after")
    return as_tier(_bands(data, values).lookup(kind, scale), data)


@exact
def ratio(
    kind: str,
    scale_after: object,
    *,
    on: dt.date | None = None,
    parameters: Mapping[str, object] | None = None,
) -> Decimal:
    """The replacement ratio (retired : new) of 第三条: ``ratio("single", "35万吨") == 1.1``."""
    return tier(kind, scale_after, on=on, parameters=parameters).ratio


@exact
def required_retirement(
    kind: str,
    scale_after: object,
    new_capacity: object,
    *,
    on: dt.date | None = None,
    parameters: Mapping[str, object] | None = None,
) -> Decimal:
    """The retired capacity, in tonnes, needed for ``new_capacity``: ratio × new, exactly.

    ``required_retirement("single", "35万吨", "20万吨") == Decimal("220000")``. ``new_capacity``
    is an amount with its mass unit, or the facts' list of lines
    (``[{"product": "硅铁", "capacity": "20万吨"}]``) of one product; lines of several products
    need their ferrosilicon equivalents, so evaluate the plan instead. Anything else is an
    :class:`InputError`.
    """
    rate = ratio(kind, scale_after, on=on, parameters=parameters)
    return _tidy(_EXACT.multiply(rate, _new_total(new_capacity)))


def _new_total(new_capacity: object) -> Decimal:
    """The new capacity in tonnes: one amount, or the sum of lines of a single product."""
    if not isinstance(new_capacity, list | tuple):
        return _parse_tonnes(new_capacity, "$.new_capacity")
    from nmgpolicy.rules.ferroalloy import _NewLines  # that module imports this one

    lines = structure({"new_capacity": list(new_capacity)}, _NewLines).new_capacity
    products = {line.product for line in lines}
    if (
        not lines
        or None in products
        or len(products) > 1
        or any(line.capacity is None for line in lines)
    ):
        raise InputError.single(
            "$.new_capacity",
            "expected lines of one named product, each with its capacity; e.g. "
            '[{"product": "硅铁", "capacity": "20万吨"}] (lines of several products need '
            "ferrosilicon equivalents: evaluate the plan)",
        )
    return sum((line.capacity for line in lines if line.capacity is not None), Decimal(0))


@exact
def plan_notice_due(
    formed_on: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> DueDate:
    """The last day to publish a replacement plan: catalog item ``ferroalloy-replacement``.

    Computed by :func:`nmgpolicy.disclosure.deadline`: the earliest of 《政府信息公开条例》
    第二十六条 (20 working days after formation, a ceiling) and the catalog's own
    "信息形成之日起一年内" (《民法典》第201–203条), so ``2025-03-01`` → ``2025-03-28``. The
    result is a date that also carries its basis, its candidates and the catalog's conflict
    with the 条例 (:class:`~nmgpolicy.disclosure.DueDate`); ``parameters`` such as
    ``{"article_26_role": "fallback"}`` give the earlier reading (→ ``2026-03-02``).
    """
    item_id = load_parameters(RULESET_ID).extra["disclosure"]["item"]
    return disclosure_deadline(item_id, formed_on, parameters=parameters)


# Their public home is nmgpolicy.rules.ferroalloy (pickles and reprs name it, not this module).
for _function in (tiers, tier, ratio, required_retirement, plan_notice_due):
    _function.__module__ = "nmgpolicy.rules.ferroalloy"
