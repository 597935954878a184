"""Ferroalloy capacity replacement (铁合金产能置换): ratio, countable retired capacity, sufficiency.

Encodes 《包头市铁合金行业产能置换工作指南》 第三条至第五条 as the bureau's disclosure catalog
quotes them, so that a replacement plan (new ferroalloy capacity against retired furnaces) can
be checked and explained furnace by furnace. Every number comes from ``data/ferroalloy.toml``
with its quoted text; nothing legal is written here.

* **第三条 — the ratio** (retired : new) by enterprise kind and post-consolidation scale: a
  single enterprise below 30万吨 (达不到, exclusive) 1.25, from 30 to below 50 (不含50) 1.1, from
  50 (含50) 1; an enterprise group likewise at 50 and 80万吨. The bands are half-open data
  (``[[tiers.<kind>]]``) and must tile the scale line, so every scale has exactly one ratio
  (:func:`tier`, :func:`ratio`). Finding ``ferroalloy.ratio_tier``.
* **第四条 — countable units.** A retired unit counts only if its source is an elimination plan
  or a compliant smelting project, it is inside the autonomous region, it is not in the 2024
  catalog's eliminated class, it is ferroalloy smelting, and it is not a semi-closed DC
  (refining) furnace of 3000千伏安 or less (以下 includes the number). A unit of the plan route
  counts only as submerged-arc furnace (矿热炉) capacity (parameter ``elimination_plan_scope``)
  and, when its ``plan_year`` is given, only from a plan of 2021–2023 (parameters
  ``elimination_plan_first_year``/``_last_year``). Each unit gets an informational finding
  ``ferroalloy.unit.<id>``: an excluded unit does not make the plan ineligible, it just does not
  count.
* **第五条 — counted capacity, assessment, conversion.** A unit's capacity is the smaller of the
  assessed (核定) and the approved (立项/批复) capacity where both are given and disagree
  (取小原则); a unit with no approved figure takes its assessed capacity (parameter
  ``capacity_without_approved_figure``); the capacity must have been
  assessed by a grade-A metallurgical consultancy (``ferroalloy.assessment``, hard); and when
  a retired product differs from a new one, both sides are converted to ferrosilicon
  (硅铁) equivalents with the caller's factors (``ferroalloy.conversion``). The guide gives no
  factors and this library ships none.
* **Sufficiency** (``ferroalloy.sufficient_retirement``): counted retired capacity ≥ ratio × new
  capacity, exactly (equal is enough). Units whose countability or capacity is unknown are not
  counted; if the definitely counted units already suffice the finding is met, if the unknown
  units could still make up the shortfall it is unknown, otherwise not met.

The plan's public notice (catalog item ``ferroalloy-replacement``) is due 20 working days after
its formation: 《政府信息公开条例》第二十六条 is a ceiling the catalog's "一年内" cannot extend
(:func:`plan_notice_due`, which also reports the conflict).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import Any, Literal, get_args

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import Kva, Tonnes, structure
from nmgpolicy.criteria import Compare, flag, not_applicable, threshold
from nmgpolicy.engine import BaseRuleSet, register
from nmgpolicy.engine import Context as RuleContext
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Amount, Finding, Message, Status
from nmgpolicy.params import ParameterSet, load_parameters
from nmgpolicy.rules.disclosure import DueDate
from nmgpolicy.rules.disclosure import deadline as disclosure_deadline
from nmgpolicy.units import Kind, format_decimal, parse_amount

__all__ = [
    "EnterpriseFacts",
    "FerroalloyFacts",
    "FerroalloyRuleSet",
    "NewCapacity",
    "RetiredUnit",
    "Tier",
    "plan_notice_due",
    "ratio",
    "required_retirement",
    "tier",
    "tiers",
]

RULESET_ID = "ferroalloy"

EnterpriseKind = Literal["single", "group"]
"""单体企业 (``"single"``) or 企业集团 (``"group"``), 第三条."""
SourceKind = Literal["elimination_plan", "compliant_project", "other"]
"""Where a retired unit's capacity comes from (第四条): the 2021–2023 elimination plans, a
compliant smelting project, or anything else."""
FurnaceType = Literal["submerged_arc", "semi_closed_dc", "other"]
"""矿热炉, 半封闭直流电炉 (铁合金精炼电炉), or another furnace (第四条)."""

_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": get_args(EnterpriseKind),
    "source": get_args(SourceKind),
    "furnace_type": get_args(FurnaceType),
}

# Exact arithmetic: sums and products of Decimals are never rounded at this precision (the
# operands are bounded by MAX_AMOUNT and the input's own digits); nothing here divides.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_WAN_TONNES = "万吨"


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


@attrs.frozen
class EnterpriseFacts:
    """The enterprise after consolidation (第三条): its kind and its production scale."""

    kind: EnterpriseKind | None = None
    scale_after: Tonnes | None = None


@attrs.frozen
class NewCapacity:
    """One line of new capacity in the plan: the product and its annual capacity."""

    product: str | None = None
    capacity: Tonnes | None = None


@attrs.frozen
class _NewLines:
    new_capacity: list[NewCapacity]


@attrs.frozen
class RetiredUnit:
    """One retired furnace (被整合装备) offered for replacement (第四条, 第五条).

    ``assessed`` is the capacity the consultancy assessed (核定产能); ``approved`` the capacity in
    the project approval or filing documents (立项/批复产能), absent when there is none.
    ``transformer`` matters only for the furnace types excluded at or below the kVA limit.
    ``plan_year`` is the year of the elimination plan (淘汰落后和化解过剩产能实施方案) that lists
    the unit; it is checked, when given, for a unit whose ``source`` is ``"elimination_plan"``.
    """

    id: str
    product: str | None = None
    assessed: Tonnes | None = None
    approved: Tonnes | None = None
    source: SourceKind | None = None
    in_region: bool | None = None
    eliminated_category_2024: bool | None = None
    furnace_type: FurnaceType | None = None
    transformer: Kva | None = None
    ferroalloy_smelting: bool | None = None
    plan_year: int | None = None


@attrs.frozen
class FerroalloyFacts:
    """Facts for ``evaluate("ferroalloy", …)``: a capacity-replacement plan.

    ``ferrosilicon_equivalents`` maps a product to how many tonnes of ferrosilicon one tonne of
    its capacity counts as (第五条); the law gives no such factors, so only the caller's are
    used. An absent fact is unknown, never assumed.
    """

    enterprise: EnterpriseFacts | None = None
    new_capacity: tuple[NewCapacity, ...] | None = None
    retired: tuple[RetiredUnit, ...] | None = None
    assessed_by_grade_a_consultant: bool | None = None
    ferrosilicon_equivalents: dict[str, Decimal] | None = None


# --------------------------------------------------------------------------------------------
# Ratio tiers (第三条)
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Tier:
    """One band of 第三条: scales ``lower <= s < upper`` of ``kind`` replace at ``ratio`` : 1.

    ``lower``/``upper`` are in tonnes; ``None`` is an open end. ``lower_param`` and
    ``upper_param`` name the data-file parameters they come from.
    """

    kind: str
    id: str
    lower: Decimal | None
    upper: Decimal | None
    ratio: Decimal
    mode: Message
    kind_name: Message
    lower_param: str | None = None
    upper_param: str | None = None
    ratio_param: str = ""

    def contains(self, scale: Decimal) -> bool:
        """Whether ``scale`` (tonnes) falls in this band (lower inclusive, upper exclusive)."""
        return (self.lower is None or scale >= self.lower) and (
            self.upper is None or scale < self.upper
        )

    @property
    def band(self) -> Message:
        """The band in words: 不满30万吨 / 30万吨（含）至50万吨（不含） / 50万吨（含）以上.

        In English: "below 300,000 tonnes", "from 300,000 tonnes (inclusive) to below
        500,000 tonnes", "500,000 tonnes or more".
        """
        lo, hi = _tonnes(self.lower), _tonnes(self.upper)
        if self.lower is None:
            return Message(f"不满{hi.zh}", f"below {hi.en}")
        if self.upper is None:
            return Message(f"{lo.zh}（含）以上", f"{lo.en} or more")
        return Message(
            f"{lo.zh}（含）至{hi.zh}（不含）", f"from {lo.en} (inclusive) to below {hi.en}"
        )

    @property
    def ratio_text(self) -> str:
        """The ratio as the law writes it: ``"1.1:1"``."""
        return f"{format_decimal(self.ratio)}:1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "tier": self.id,
            "lower": _wan(self.lower) if self.lower is not None else None,
            "upper": _wan(self.upper) if self.upper is not None else None,
            "ratio": format_decimal(self.ratio),
            "band": self.band.to_dict(),
            "mode": self.mode.to_dict(),
        }


def _wan(tonnes: Decimal) -> str:
    return str(Amount(tonnes, Kind.MASS, _WAN_TONNES))


def _tonnes(tonnes: Decimal | None) -> Message:
    """An amount of tonnes as messages show it: "30万吨" / "300,000 tonnes" ("" when None)."""
    if tonnes is None:
        return Message("", "")
    amount = Amount(tonnes, Kind.MASS, _WAN_TONNES)
    return Message(amount.text("zh"), amount.text("en"))


def _fact(data: ParameterSet, key: str) -> Message:
    """The name of a fact (``[fact_names]`` in the data file), for "fact missing" messages."""
    return _message(data.extra["fact_names"][key])


def _years(first: int, last: int) -> Message:
    """A span of plan years as the guide writes it: "2021-2023年" / "2021–2023"."""
    if first == last:
        return Message(f"{first}年", str(first))
    return Message(f"{first}-{last}年", f"{first}–{last}")


def _amount(tonnes: Decimal | None) -> Amount | None:
    return None if tonnes is None else Amount(tonnes, Kind.MASS, _WAN_TONNES)


def _message(data: Mapping[str, Any]) -> Message:
    return Message(str(data["zh"]), str(data["en"]))


def _tier_table(data: ParameterSet, values: Mapping[str, Any]) -> dict[str, tuple[Tier, ...]]:
    """The bands of each kind from ``[[tiers.<kind>]]``, checked to tile [0, ∞) exactly.

    An override that breaks the order (a lower bound not below the upper one) or a ratio that is
    not positive is an :class:`InputError` at ``$.parameters.<name>``.
    """
    problems: list[Problem] = []
    table: dict[str, tuple[Tier, ...]] = {}
    kinds = data.extra["kinds"]
    for kind, bands in data.extra["tiers"].items():
        built: list[Tier] = []
        for band in bands:
            lower_param, upper_param = band.get("from"), band.get("below")
            rate: Decimal = values[band["ratio"]]
            if rate <= 0:
                problems.append(
                    Problem(
                        f"$.parameters.{band['ratio']}",
                        "a replacement ratio must be positive, got "
                        f'{format_decimal(rate)}; e.g. "1.1"',
                    )
                )
            built.append(
                Tier(
                    kind=kind,
                    id=str(band["id"]),
                    lower=values[lower_param] if lower_param else None,
                    upper=values[upper_param] if upper_param else None,
                    ratio=rate,
                    mode=_message(band["mode"]),
                    kind_name=_message(kinds[kind]["name"]),
                    lower_param=lower_param,
                    upper_param=upper_param,
                    ratio_param=str(band["ratio"]),
                )
            )
        for t in built:
            if t.lower is not None and t.upper is not None and not t.lower < t.upper:
                problems.append(
                    Problem(
                        f"$.parameters.{t.upper_param}",
                        f"the {kind} scale bands must increase: {t.upper_param} "
                        f"({_wan(t.upper)}) must be above {t.lower_param} ({_wan(t.lower)}); "
                        f'e.g. "{_wan(t.lower + 1)}"',
                    )
                )
        table[kind] = tuple(built)
    if problems:
        raise InputError(problems)
    return table


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
    choices = _CHOICES["kind"]
    if isinstance(kind, str) and kind in choices:
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
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _find_tier(table: Mapping[str, tuple[Tier, ...]], kind: str, scale: Decimal) -> Tier:
    # The bands tile [0, ∞) (checked in _tier_table), so exactly one holds any scale >= 0.
    return next(t for t in table[kind] if t.contains(scale))


@exact
def tiers(
    kind: str | None = None,
    *,
    on: dt.date | None = None,
    parameters: Mapping[str, object] | None = None,
) -> tuple[Tier, ...]:
    """The bands of 第三条 (of one ``kind``, or of both), in order of scale."""
    data, values = _resolve(on, parameters)
    table = _tier_table(data, values)
    if kind is None:
        return tuple(t for bands in table.values() for t in bands)
    return table[_parse_kind(kind)]


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
    return _find_tier(_tier_table(data, values), kind, scale)


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


# --------------------------------------------------------------------------------------------
# Products (第五条)
# --------------------------------------------------------------------------------------------


def _product_key(name: str, base_aliases: Sequence[str], base: str) -> str:
    """A product name compared as text after NFKC and trimming; 硅铁合金 is 硅铁."""
    key = unicodedata.normalize("NFKC", name).strip()
    return base if key in base_aliases else key


# --------------------------------------------------------------------------------------------
# Per-unit countability (第四条) and counted capacity (第五条)
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _UnitState:
    """What the rules say about one retired unit.

    ``status``: met (counts), not_met (excluded, ``reasons``), unknown (``missing`` facts).
    ``counted``: 取小 capacity in tonnes of the unit's product (0 when excluded, None when not
    established); ``bound``: for an unknown unit, the most it could count (None = unbounded).
    """

    unit: RetiredUnit
    index: int
    status: Status
    reasons: tuple[Message, ...]
    missing: tuple[str, ...]
    counted: Decimal | None
    bound: Decimal | None


def _unit_state(unit: RetiredUnit, index: int, ctx: RuleContext) -> _UnitState:
    data = ctx.data
    values = ctx.params.values
    reasons: list[Message] = []
    missing: list[str] = []
    sources = data.extra["sources"]
    if unit.source is None:
        missing.append("source")
    elif not sources[unit.source]["countable"]:
        reasons.append(
            Message(
                "来源不属于第四条所列可用于置换的产能（淘汰落后和化解过剩产能实施方案中的产能、"
                "符合政策要求的铁合金冶炼项目产能）",
                "its source is not one Article 4 allows (the elimination plans, or a compliant "
                "ferroalloy smelting project)",
            )
        )
    elif unit.source == "elimination_plan":
        _plan_route(unit, ctx, reasons, missing)
    if unit.in_region is None:
        missing.append("in_region")
    elif not unit.in_region:
        reasons.append(Message("属于自治区范围以外的产能", "it is outside the autonomous region"))
    if unit.eliminated_category_2024 is None:
        missing.append("eliminated_category_2024")
    elif unit.eliminated_category_2024:
        catalog = values["eliminated_catalog"]
        reasons.append(
            Message(
                f"列入国家{catalog}",
                f"it is in the eliminated class of the national catalog {catalog}",
            )
        )
    if unit.ferroalloy_smelting is None:
        missing.append("ferroalloy_smelting")
    elif not unit.ferroalloy_smelting:
        reasons.append(Message("不属于铁合金冶炼的产能", "it is not ferroalloy smelting capacity"))
    _dc_furnace(unit, ctx, reasons, missing)

    known = [c for c in (unit.assessed, unit.approved) if c is not None]
    # Counted is at most the smaller figure known (取小): the bound of an undetermined unit.
    bound = min(known) if known else None
    counted: Decimal | None = None
    if reasons:
        status, counted, missing = Status.NOT_MET, Decimal(0), []
    else:
        missing += _missing_figures(unit, values)
        if missing:
            status = Status.UNKNOWN
        else:
            status, counted = Status.MET, bound
    missing = list(dict.fromkeys(missing))
    return _UnitState(unit, index, status, tuple(reasons), tuple(missing), counted, bound)


def _missing_figures(unit: RetiredUnit, values: Mapping[str, Any]) -> list[str]:
    """The capacity figures still needed to fix a unit's final capacity (第五条).

    The assessed capacity is always needed (the article requires the assessment). Without an
    approved figure the assessed one stands (取小 applies only where two figures disagree),
    unless ``capacity_without_approved_figure`` is ``"both_required"``.
    """
    needed = ["assessed"] if unit.assessed is None else []
    if unit.approved is None and values["capacity_without_approved_figure"] == "both_required":
        needed.append("approved")
    return needed


def _plan_route(
    unit: RetiredUnit, ctx: RuleContext, reasons: list[Message], missing: list[str]
) -> None:
    """第四条, first route: "2021-2023年淘汰落后和化解过剩产能实施方案中的铁合金矿热炉产能"."""
    values = ctx.params.values
    first: int = values["elimination_plan_first_year"]
    last: int = values["elimination_plan_last_year"]
    if unit.plan_year is not None and not first <= unit.plan_year <= last:
        span = _years(first, last)
        reasons.append(
            Message(
                f"列入{unit.plan_year}年淘汰落后和化解过剩产能实施方案，"
                f"不属于第四条所指{span.zh}实施方案中的产能",
                f"it is listed in the {unit.plan_year} elimination plan, not in the {span.en} "
                f"plans Article 4 names",
            )
        )
    if values["elimination_plan_scope"] != "submerged_arc_only":
        return
    if unit.furnace_type is None:
        missing.append("furnace_type")
    elif unit.furnace_type != "submerged_arc":
        name = _message(ctx.data.extra["furnace_types"][unit.furnace_type]["name"])
        reasons.append(
            Message(
                f"炉型为{name.zh}，而淘汰落后和化解过剩产能实施方案中只有铁合金矿热炉产能可用于置换",
                f"it is a {name.en}, and of the elimination plans only submerged-arc furnace "
                f"capacity counts",
            )
        )


def _dc_furnace(
    unit: RetiredUnit, ctx: RuleContext, reasons: list[Message], missing: list[str]
) -> None:
    """第四条: "3000千伏安以下铁合金半封闭直流电炉(铁合金精炼电炉)" may not be used (以下 ⇒ <=)."""
    spec = ctx.data.extra["dc_furnace_exclusion"]
    limit: Decimal = ctx.params.values[spec["limit"]]
    compare = Compare[spec["compare"]]
    small = None if unit.transformer is None else compare.holds(unit.transformer, limit)
    if unit.furnace_type is None:
        if small is not False:  # a furnace above the limit is not excluded, whatever its type
            missing.append("furnace_type")
        return
    if unit.furnace_type not in spec["furnace_types"]:
        return
    if unit.transformer is None:
        missing.append("transformer")
        return
    if small:
        name = _message(spec["name"])
        power = Amount(unit.transformer, Kind.APPARENT_POWER)
        cap = Amount(limit, Kind.APPARENT_POWER)
        reasons.append(
            Message(
                f"属于{cap.text('zh')}以下{name.zh}（变压器容量{power.text('zh')}）",
                f"it is a {name.en} of {cap.text('en')} or less (transformer {power.text('en')})",
            )
        )


def _unit_finding(state: _UnitState, ctx: RuleContext) -> Finding:
    unit = state.unit
    fid = f"ferroalloy.unit.{unit.id}"
    label = f"{unit.id}（{unit.product}）" if unit.product else unit.id
    label_en = f"{unit.id} ({unit.product})" if unit.product else unit.id
    if state.status is Status.NOT_MET:
        zh = "；".join(r.zh for r in state.reasons)
        en = "; ".join(r.en for r in state.reasons)
        return ctx.finding(
            fid,
            Status.NOT_MET,
            f"退出装备{label}不得用于置换：{zh}。不计入置换产能（不影响方案其他装备）。",
            f"Retired unit {label_en} may not be used for replacement: {en}. It is not counted "
            f"(this alone does not make the plan ineligible).",
            measured=_amount(Decimal(0)),
            citation_of="ferroalloy.unit",
        )
    capacity = _capacity_text(unit, ctx)
    if state.status is Status.UNKNOWN:
        names = "、".join(_fact(ctx.data, n).zh for n in state.missing)
        paths = ", ".join(f"$.retired[{state.index}].{n}" for n in state.missing)
        return ctx.finding(
            fid,
            Status.UNKNOWN,
            f"退出装备{label}能否计入置换产能无法确定：缺少事实（{names}）。{capacity.zh}",
            f"Whether retired unit {label_en} counts, or for how much, is unknown: missing "
            f"{paths}. {capacity.en}",
            measured=_amount(state.counted),
            citation_of="ferroalloy.unit",
        )
    return ctx.finding(
        fid,
        Status.MET,
        f"退出装备{label}可用于置换。{capacity.zh}",
        f"Retired unit {label_en} may be used for replacement. {capacity.en}",
        measured=_amount(state.counted),
        citation_of="ferroalloy.unit",
    )


def _capacity_text(unit: RetiredUnit, ctx: RuleContext) -> Message:
    """第五条: the final capacity in words (取小 where two figures disagree)."""
    assessed, approved = _tonnes(unit.assessed), _tonnes(unit.approved)
    if unit.assessed is not None and unit.approved is not None:
        if unit.assessed == unit.approved:
            return Message(
                f"评估核定产能与立项/批复等文件产能均为{assessed.zh}，计{assessed.zh}。",
                f"Assessed and approved capacity are both {assessed.en}: {assessed.en} counts.",
            )
        smaller = _tonnes(min(unit.assessed, unit.approved))
        return Message(
            f"评估核定产能{assessed.zh}，立项/批复等文件产能{approved.zh}，两者不一致，"
            f"按第五条取小原则计{smaller.zh}。",
            f"Assessed {assessed.en}, approved {approved.en}: they differ, so the smaller, "
            f"{smaller.en}, counts (Article 5).",
        )
    if unit.assessed is not None:
        if ctx.params.values["capacity_without_approved_figure"] == "both_required":
            return Message(
                f"评估核定产能{assessed.zh}；未提供立项/批复等文件产能，按所选读法须两项产能均已知"
                f"才能确定最终产能（至多计{assessed.zh}）。",
                f"Assessed {assessed.en}; no approved figure is given, and under the chosen "
                f"reading (capacity_without_approved_figure = both_required) both figures are "
                f"needed to fix the final capacity (at most {assessed.en}).",
            )
        return Message(
            f"评估核定产能{assessed.zh}；未提供立项/批复等文件产能，按评估核定产能计"
            f"{assessed.zh}（取小原则仅在两项产能均有且不一致时适用；如有立项、批复等文件产能，"
            f"须一并提供）。",
            f"Assessed {assessed.en}; no approved (立项/批复) figure is given, so the assessed "
            f"capacity, {assessed.en}, counts (the smaller figure is taken, 取小, only where both "
            f"figures exist and disagree; give the approved figure if there is one).",
        )
    if unit.approved is not None:
        return Message(
            f"立项/批复等文件产能{approved.zh}；未提供评估核定产能，无法确定最终产能"
            f"（至多计{approved.zh}）。",
            f"Approved {approved.en}; the assessed capacity is not given, so the final "
            f"capacity cannot be fixed (at most {approved.en}).",
        )
    return Message(
        "未提供评估核定产能，无法确定最终产能。",
        "The assessed capacity is not given, so the final capacity cannot be fixed.",
    )


# --------------------------------------------------------------------------------------------
# Conversion (第五条)
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Conversion:
    """How quantities are compared: ``factors`` per product key when converted to 硅铁.

    ``resolved`` is False when a product or a factor is missing (amounts then cannot be added).
    """

    finding: Finding
    resolved: bool
    converted: bool
    factors: Mapping[str, Decimal]


def _conversion(
    facts: FerroalloyFacts, states: Sequence[_UnitState], ctx: RuleContext
) -> _Conversion:
    spec = ctx.data.extra["conversion"]
    base: str = spec["base_product"]
    aliases: list[str] = spec["base_aliases"]
    subject = "ferroalloy.conversion"
    no_factors = Message(
        "《工作指南》未规定换算系数，本库也不提供任何系数，须由申请方提供各品种折合硅铁的换算系数",
        "The guide gives no conversion coefficients and this library ships none: the caller "
        "must supply them in ferrosilicon_equivalents",
    )
    data = ctx.data
    missing_paths: list[str] = []
    missing_names: list[str] = []
    if facts.new_capacity is None:
        missing_paths.append("$.new_capacity")
        missing_names.append(_fact(data, "new_capacity").zh)
    if facts.retired is None:
        missing_paths.append("$.retired")
        missing_names.append(_fact(data, "retired").zh)
    product = _fact(data, "product").zh
    new_products: set[str] = set()
    for i, line in enumerate(facts.new_capacity or ()):
        if line.product is None:
            missing_paths.append(f"$.new_capacity[{i}].product")
            missing_names.append(f"第{i + 1}行新建产能的{product}")
        else:
            new_products.add(_product_key(line.product, aliases, base))
    retired_products: set[str] = set()
    for state in states:
        if state.status is Status.NOT_MET:
            continue  # an excluded unit does not count, so its product does not matter
        if state.unit.product is None:
            missing_paths.append(f"$.retired[{state.index}].product")
            missing_names.append(f"退出装备{state.unit.id}的{product}")
        else:
            retired_products.add(_product_key(state.unit.product, aliases, base))
    cross = any(r != n for r in retired_products for n in new_products)
    given = {
        _product_key(name, aliases, base): factor
        for name, factor in (facts.ferrosilicon_equivalents or {}).items()
    }
    if missing_paths:
        paths = ", ".join(missing_paths)
        finding = ctx.finding(
            subject,
            Status.UNKNOWN,
            f"缺少事实：无法判断是否涉及跨品种置换（未提供{'、'.join(missing_names)}）。",
            f"Fact missing: cannot tell whether the replacement crosses varieties ({paths} not "
            f"provided).",
        )
        return _Conversion(finding, resolved=False, converted=False, factors={})
    if not cross:
        finding = not_applicable(
            ctx,
            subject,
            Message(
                "退出产能与新建产能为同一品种，无需换算为硅铁合金产能",
                "the retired and the new capacity are of the same product; no conversion to "
                "ferrosilicon is needed",
            ),
        )
        return _Conversion(finding, resolved=True, converted=False, factors={})
    products = sorted(retired_products | new_products)
    factors = {p: Decimal(1) if p == base else given.get(p) for p in products}
    absent = [p for p, f in factors.items() if f is None]
    if absent:
        names = "、".join(absent)
        finding = ctx.finding(
            subject,
            Status.UNKNOWN,
            f"涉及跨品种置换，须将退出产能和新建产能统一换算为{base}产能，但缺少以下品种的换算系数："
            f"{names}。{no_factors.zh}。",
            f"The replacement crosses varieties, so both sides must be converted to {base} "
            f"(ferrosilicon) capacity, but the factor is missing for: {', '.join(absent)}. "
            f"{no_factors.en}.",
            measured={p: f for p, f in factors.items() if f is not None},
            required=products,
        )
        return _Conversion(finding, resolved=False, converted=True, factors={})
    known = {p: f for p, f in factors.items() if f is not None}
    others = {p: f for p, f in known.items() if p != base}
    shown_zh = "，".join(f"1吨{p}={format_decimal(f)}吨{base}" for p, f in others.items())
    shown_en = ", ".join(f"1 t {p} = {format_decimal(f)} t {base}" for p, f in others.items())
    finding = ctx.finding(
        subject,
        Status.MET,
        f"涉及跨品种置换，按申请方提供的系数统一换算为{base}产能：{shown_zh}。"
        f"（{no_factors.zh}。）",
        f"Cross-variety replacement, converted to {base} (ferrosilicon) capacity with the "
        f"caller's factors: {shown_en}. ({no_factors.en}.)",
        measured=known,
        required=products,
    )
    return _Conversion(finding, resolved=True, converted=True, factors=known)


# --------------------------------------------------------------------------------------------
# The rule set
# --------------------------------------------------------------------------------------------


def _check_facts(facts: FerroalloyFacts) -> list[Problem]:
    """What the types cannot say: unique non-empty ids, named products, sound factors."""
    data = load_parameters(RULESET_ID)
    spec = data.extra["conversion"]
    base, aliases = spec["base_product"], spec["base_aliases"]
    problems: list[Problem] = []
    if facts.new_capacity is not None and not facts.new_capacity:
        problems.append(
            Problem(
                "$.new_capacity",
                "a replacement plan needs at least one line of new capacity; e.g. "
                '[{"product": "硅铁", "capacity": "20万吨"}]',
            )
        )
    for i, line in enumerate(facts.new_capacity or ()):
        problems.extend(_check_product(line.product, f"$.new_capacity[{i}].product"))
    seen: dict[str, int] = {}
    for i, unit in enumerate(facts.retired or ()):
        key = unit.id.strip()
        if not key:
            problems.append(
                Problem(f"$.retired[{i}].id", 'a unit id must not be empty; e.g. "1#矿热炉"')
            )
        elif key in seen:
            problems.append(
                Problem(
                    f"$.retired[{i}].id",
                    f"duplicate unit id {shown(unit.id)} (also $.retired[{seen[key]}].id); "
                    f'ids must be unique, e.g. "{key}-2"',
                )
            )
        else:
            seen[key] = i
        problems.extend(_check_product(unit.product, f"$.retired[{i}].product"))
        if unit.plan_year is not None and not 1000 <= unit.plan_year <= 9999:
            problems.append(
                Problem(
                    f"$.retired[{i}].plan_year",
                    f"expected a year such as 2022, got {unit.plan_year}",
                )
            )
    keys: dict[str, str] = {}
    for name, factor in (facts.ferrosilicon_equivalents or {}).items():
        path = f"$.ferrosilicon_equivalents.{name}"
        key = _product_key(name, aliases, base)
        if not key:
            problems.append(Problem(path, 'a product name must not be empty; e.g. "硅锰"'))
            continue
        if key in keys:
            problems.append(Problem(path, f"the same product as {shown(keys[key])}; give it once"))
        keys[key] = name
        if factor <= 0 or not -12 <= factor.adjusted() <= 6:
            problems.append(
                Problem(
                    path,
                    f"a factor must be a positive number between 1e-12 and 1e6, got "
                    f'{shown(factor)}; e.g. "1.2"',
                )
            )
        elif key == base and factor != 1:
            problems.append(
                Problem(
                    path,
                    f"{base} is the base of the conversion: its factor is 1, got "
                    f"{format_decimal(factor)}; e.g. 1",
                )
            )
    return problems


def _check_plan_years(values: Mapping[str, Any]) -> None:
    """The plan years must form a span: first <= last (after what-if overrides)."""
    first, last = values["elimination_plan_first_year"], values["elimination_plan_last_year"]
    if first > last:
        raise InputError.single(
            "$.parameters.elimination_plan_last_year",
            f"the last plan year ({last}) must not be before the first "
            f"(elimination_plan_first_year = {first}); e.g. {first}",
        )


def _check_product(product: str | None, path: str) -> Iterable[Problem]:
    if product is not None and not unicodedata.normalize("NFKC", product).strip():
        yield Problem(path, 'a product name must not be empty; e.g. "硅铁"')


class FerroalloyRuleSet(BaseRuleSet[FerroalloyFacts]):
    """《包头市铁合金行业产能置换工作指南》第三条至第五条: is a replacement plan sufficient?"""

    id = RULESET_ID
    facts_type = FerroalloyFacts

    @exact
    def parse_facts(self, facts: object) -> FerroalloyFacts:
        """Structure the facts, then check ids, products and factors (all problems at once)."""
        model = super().parse_facts(facts)
        problems = _check_facts(model)
        if problems:
            raise InputError(problems)
        return model

    @exact
    def decide(
        self, facts: FerroalloyFacts, ctx: RuleContext
    ) -> tuple[list[Finding], dict[str, Any]]:
        table = _tier_table(ctx.data, ctx.params.values)
        _check_plan_years(ctx.params.values)
        enterprise = facts.enterprise or EnterpriseFacts()
        tier_finding, chosen = _ratio_tier(enterprise, table, ctx)
        states = [_unit_state(u, i, ctx) for i, u in enumerate(facts.retired or ())]
        unit_findings = [_unit_finding(s, ctx) for s in states]
        assessment = flag(
            ctx,
            "ferroalloy.assessment",
            facts.assessed_by_grade_a_consultant,
            Message(
                "产能置换前已委托具有冶金专业甲级资信等级的工程咨询单位对现有装备和产能进行核定",
                "before the replacement, the existing furnaces and capacity were assessed by an "
                "engineering consultancy with grade-A credentials in metallurgy",
            ),
        )
        conversion = _conversion(facts, states, ctx)
        sufficiency, results = _sufficiency(facts, chosen, states, conversion, ctx)
        results = {
            "kind": enterprise.kind,
            "scale_after": _amount(enterprise.scale_after),
            "tier": chosen.to_dict() if chosen else None,
            **results,
        }
        findings = [tier_finding, *unit_findings, assessment, conversion.finding, sufficiency]
        return findings, results


def _ratio_tier(
    enterprise: EnterpriseFacts, table: Mapping[str, tuple[Tier, ...]], ctx: RuleContext
) -> tuple[Finding, Tier | None]:
    fid = "ferroalloy.ratio_tier"
    absent = [name for name in ("kind", "scale_after") if getattr(enterprise, name) is None]
    if enterprise.kind is None or enterprise.scale_after is None:
        paths = ", ".join(f"$.enterprise.{name}" for name in absent)
        names = "、".join(_fact(ctx.data, f"enterprise.{name}").zh for name in absent)
        return (
            ctx.finding(
                fid,
                Status.UNKNOWN,
                f"缺少事实：未提供{names}，无法确定置换比例。",
                f"Fact missing: the enterprise kind (single/group) or its post-consolidation "
                f"scale ({paths} not provided); the ratio cannot be determined.",
            ),
            None,
        )
    chosen = _find_tier(table, enterprise.kind, enterprise.scale_after)
    scale = _tonnes(enterprise.scale_after)
    return (
        ctx.finding(
            fid,
            Status.MET,
            f"{chosen.kind_name.zh}整合重组后生产规模{scale.zh}，属于“{chosen.band.zh}”一档，"
            f"被整合装备产能按照{chosen.ratio_text}实施{chosen.mode.zh}。",
            f"{chosen.kind_name.en.capitalize()} with a post-consolidation scale of "
            f"{scale.en}: band “{chosen.band.en}”, so retired capacity replaces new capacity at "
            f"{chosen.ratio_text} ({chosen.mode.en}).",
            measured=_amount(enterprise.scale_after),
            required=chosen.ratio,
        ),
        chosen,
    )


def _sufficiency(
    facts: FerroalloyFacts,
    chosen: Tier | None,
    states: Sequence[_UnitState],
    conversion: _Conversion,
    ctx: RuleContext,
) -> tuple[Finding, dict[str, Any]]:
    """counted ≥ ratio × new, exactly; units of unknown status or capacity handled as bounds."""
    fid = "ferroalloy.sufficient_retirement"
    spec = ctx.data.extra["conversion"]
    base, aliases = spec["base_product"], spec["base_aliases"]

    def factor(product: str | None) -> Decimal:
        if not conversion.converted or product is None:
            return Decimal(1)
        return conversion.factors[_product_key(product, aliases, base)]

    units: dict[str, Amount | None] = {}
    for s in states:
        value = s.counted
        if value is not None and s.status is not Status.NOT_MET and conversion.resolved:
            value = _EXACT.multiply(value, factor(s.unit.product))
        # (conversion unresolved: the unit's own product tonnes; ferrosilicon_equivalent False)
        units[s.unit.id] = _amount(value)
    results: dict[str, Any] = {
        "ratio": chosen.ratio if chosen else None,
        "ferrosilicon_equivalent": conversion.converted and conversion.resolved,
        "new_capacity": None,
        "required_retirement": None,
        "counted_retirement": None,
        "surplus": None,
        "units": units,
        "excluded_units": [s.unit.id for s in states if s.status is Status.NOT_MET],
        "undetermined_units": [s.unit.id for s in states if s.status is Status.UNKNOWN],
        "factors": dict(conversion.factors) if conversion.converted else {},
    }
    basis = Message(
        f"（{base}当量）" if conversion.converted else "",
        f" ({base} equivalent)" if conversion.converted else "",
    )
    subject = Message(f"计入置换的退出产能{basis.zh}", f"Counted retired capacity{basis.en}")

    new_total: Decimal | None = None
    counted: Decimal | None = None
    if conversion.resolved and facts.new_capacity is not None:
        new_total = _sum(((n.capacity, n.product) for n in facts.new_capacity), factor)
    if conversion.resolved and facts.retired is not None:
        met = (s for s in states if s.status is Status.MET)
        counted = _sum(((s.counted, s.unit.product) for s in met), factor)
    results["new_capacity"] = _amount(new_total)
    results["counted_retirement"] = _amount(counted)

    why = _why_unknown(facts, chosen, conversion, new_total)
    if why is not None or chosen is None or new_total is None or counted is None:
        zh, en = why or ("", "")
        return (
            ctx.finding(
                fid,
                Status.UNKNOWN,
                f"无法判断退出产能是否足够：{zh}。",
                f"Cannot tell whether the retired capacity suffices: {en}.",
                measured=_amount(counted),
            ),
            results,
        )
    required = _EXACT.multiply(chosen.ratio, new_total)
    results["required_retirement"] = _amount(required)
    results["surplus"] = _amount(_EXACT.subtract(counted, required))
    finding = threshold(
        ctx,
        fid,
        counted,
        required,
        subject,
        compare=Compare.AT_LEAST,
        kind=Kind.MASS,
        unit=_WAN_TONNES,
    )
    if finding.status is Status.MET:
        return finding, results
    # Short on the units known to count: can the units of unknown status or capacity make up
    # the shortfall? An unknown capacity is bounded by the smaller figure known (取小), if any.
    pending = [s for s in states if s.status is Status.UNKNOWN]
    unbounded = [s.unit.id for s in pending if s.bound is None]
    could = _sum(((s.bound, s.unit.product) for s in pending if s.bound is not None), factor)
    if pending and (unbounded or _EXACT.add(counted, could or 0) >= required):
        ids = "、".join(s.unit.id for s in pending)
        finding = attrs.evolve(
            finding,
            status=Status.UNKNOWN,
            message=Message(
                f"{finding.message.zh}但以下装备能否计入或计入多少尚未确定，可能补足差额：{ids}。",
                f"{finding.message.en} But these units may yet count and could cover the "
                f"shortfall: {', '.join(s.unit.id for s in pending)}.",
            ),
        )
    return finding, results


def _why_unknown(
    facts: FerroalloyFacts,
    chosen: Tier | None,
    conversion: _Conversion,
    new_total: Decimal | None,
) -> tuple[str, str] | None:
    if chosen is None:
        return (
            "置换比例未确定（见 ferroalloy.ratio_tier）",
            "the ratio is unknown (see ferroalloy.ratio_tier)",
        )
    if facts.new_capacity is None:
        return "未提供新建产能", "the new capacity is not given ($.new_capacity)"
    if facts.retired is None:
        return "未提供退出装备清单", "the retired units are not given ($.retired)"
    if not conversion.resolved:
        return (
            "产能无法换算到同一基础（见 ferroalloy.conversion）",
            "the capacities cannot be put on one basis (see ferroalloy.conversion)",
        )
    if new_total is None:
        lines = [i for i, n in enumerate(facts.new_capacity) if n.capacity is None]
        paths = ", ".join(f"$.new_capacity[{i}].capacity" for i in lines)
        rows = "、".join(f"第{i + 1}行" for i in lines)
        return f"未提供{rows}新建产能的产能", f"the new capacity is not given ({paths})"
    return None


def _sum(
    items: Iterable[tuple[Decimal | None, str | None]], factor: Callable[[str | None], Decimal]
) -> Decimal | None:
    """Σ capacity × factor(product), exactly; None if any capacity is unknown."""
    total = Decimal(0)
    for capacity, product in items:
        if capacity is None:
            return None
        total = _EXACT.add(total, _EXACT.multiply(capacity, factor(product)))
    return total


RULESET = register(FerroalloyRuleSet())
