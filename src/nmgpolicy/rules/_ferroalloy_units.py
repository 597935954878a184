"""第四条 (which retired capacity may be used) and 第五条 (its final capacity), unit by unit.

The decision is made on plain values by :func:`countability` (the exclusions and the facts
still missing) and :func:`final_capacity` (取小, and which figures are needed), with the
parameters in force as a :class:`UnitRules`; :func:`unit_verdict` puts them together as a
:class:`~nmgpolicy.criteria_lists.Verdict`. Reasons are codes — ``("eliminated",)``,
``("small_dc", transformer)`` … — that :func:`unit_text` words when the finding is read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from nmgpolicy.criteria import Compare
from nmgpolicy.criteria_lists import Verdict, verdict
from nmgpolicy.criteria_tiers import DataCache
from nmgpolicy.outcome import Amount, Message, Rendered, Status
from nmgpolicy.params import ParameterSet
from nmgpolicy.rules._ferroalloy_words import amount, fact_name, message, tonnes
from nmgpolicy.units import Kind

if TYPE_CHECKING:
    from nmgpolicy.rules.ferroalloy import RetiredUnit

Reason = tuple[Any, ...]


def product_key(name: str, base_aliases: Sequence[str], base: str) -> str:
    """A product name compared as text after NFKC and trimming; 硅铁合金 is 硅铁."""
    key = unicodedata.normalize("NFKC", name).strip()
    return base if key in base_aliases else key


@attrs.frozen
class UnitRules:
    """The parameters of 第四条 and 第五条 in force, as plain values.

    ``countable``: the sources that may be used; ``first_year``/``last_year``: the plans of the
    first route; ``literal_scope``: that route counts only submerged-arc furnaces;
    ``dc_types``, ``dc_limit``, ``dc_compare``: the furnaces excluded at or below the kVA
    limit; ``both_required``: a unit without an approved figure stays undetermined.
    """

    countable: frozenset[str]
    first_year: int
    last_year: int
    literal_scope: bool
    dc_types: frozenset[str]
    dc_limit: Decimal
    dc_compare: Compare
    both_required: bool


def unit_rules(data: ParameterSet, values: Mapping[str, Any]) -> UnitRules:
    """The :class:`UnitRules` of the data file with ``values`` in force (built once per set of
    values: a bounded, thread-safe cache; equal values give equal rules)."""
    spec = data.extra["dc_furnace_exclusion"]
    key = tuple(values[name] for name in (*_NAMES, spec["limit"]))
    return _RULES.get(data, key, lambda: _unit_rules(data, values))


_NAMES = (
    "elimination_plan_first_year",
    "elimination_plan_last_year",
    "elimination_plan_scope",
    "capacity_without_approved_figure",
)
_RULES = DataCache(64)  # pragma: no mutate (a memory bound, not a legal number)


def _unit_rules(data: ParameterSet, values: Mapping[str, Any]) -> UnitRules:
    spec = data.extra["dc_furnace_exclusion"]
    return UnitRules(
        countable=frozenset(k for k, s in data.extra["sources"].items() if s["countable"]),
        first_year=values["elimination_plan_first_year"],
        last_year=values["elimination_plan_last_year"],
        literal_scope=values["elimination_plan_scope"] == "submerged_arc_only",
        dc_types=frozenset(spec["furnace_types"]),
        dc_limit=values[spec["limit"]],
        dc_compare=Compare[spec["compare"]],
        both_required=values["capacity_without_approved_figure"] == "both_required",
    )


def countability(unit: RetiredUnit, rules: UnitRules) -> tuple[list[Reason], list[str]]:
    """第四条 on one unit: the reasons that exclude it and the facts still missing, in order.

    "用于置换的产能各盟市上报自治区2021-2023年淘汰落后和化解过剩产能实施方案中的铁合金矿热炉产能以及
    符合…政策要求的铁合金冶炼项目产能。自治区范围以外的、列入…淘汰类的铁合金产能(装置)、3000千伏安
    以下铁合金半封闭直流电炉(铁合金精炼电炉)及其他不属于铁合金冶炼的产能不得用于置换。"
    """
    reasons: list[Reason] = []
    missing: list[str] = []
    if unit.source is None:
        missing.append("source")
    elif unit.source not in rules.countable:
        reasons.append(("source",))
    elif unit.source == "elimination_plan":
        _plan_route(unit, rules, reasons, missing)
    if unit.in_region is None:
        missing.append("in_region")
    elif not unit.in_region:
        reasons.append(("outside_region",))
    if unit.eliminated_category_2024 is None:
        missing.append("eliminated_category_2024")
    elif unit.eliminated_category_2024:
        reasons.append(("eliminated",))
    if unit.ferroalloy_smelting is None:
        missing.append("ferroalloy_smelting")
    elif not unit.ferroalloy_smelting:
        reasons.append(("not_smelting",))
    _dc_furnace(unit, rules, reasons, missing)
    return reasons, missing


def _plan_route(
    unit: RetiredUnit, rules: UnitRules, reasons: list[Reason], missing: list[str]
) -> None:
    """The first route: a plan of 2021–2023 (when its year is given), submerged-arc only."""
    year = unit.plan_year
    if year is not None and not rules.first_year <= year <= rules.last_year:
        reasons.append(("plan_year", year))
    if not rules.literal_scope:
        return
    if unit.furnace_type is None:
        missing.append("furnace_type")
    elif unit.furnace_type != "submerged_arc":
        reasons.append(("plan_furnace", unit.furnace_type))


def _dc_furnace(
    unit: RetiredUnit, rules: UnitRules, reasons: list[Reason], missing: list[str]
) -> None:
    """第四条: "3000千伏安以下铁合金半封闭直流电炉" may not be used (以下 includes the number)."""
    power = unit.transformer
    small = None if power is None else rules.dc_compare.holds(power, rules.dc_limit)
    if unit.furnace_type is None:
        if small is not False:  # a furnace above the limit is not excluded, whatever its type
            missing.append("furnace_type")
        return
    if unit.furnace_type not in rules.dc_types:
        return
    if power is None:
        missing.append("transformer")
    elif small:
        reasons.append(("small_dc", power))


def final_capacity(
    assessed: Decimal | None, approved: Decimal | None, both_required: bool
) -> tuple[Decimal | None, list[str]]:
    """第五条: the smaller figure known (取小; the most the unit can count) and the figures
    still needed — the assessed one always, the approved one only under ``both_required``
    (without it the assessed figure stands: 取小 applies where two figures disagree)."""
    known = [c for c in (assessed, approved) if c is not None]
    needed = ["assessed"] if assessed is None else []
    if approved is None and both_required:
        needed.append("approved")
    return (min(known) if known else None), needed


def unit_verdict(unit: RetiredUnit, index: int, rules: UnitRules) -> Verdict:
    """Whether ``unit`` counts and for how much (a definite exclusion wins over missing facts)."""
    reasons, missing = countability(unit, rules)
    bound, needed = final_capacity(unit.assessed, unit.approved, rules.both_required)
    if not reasons:
        missing += needed
    return verdict(unit.id, index, unit, reasons, missing, bound, bound)


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------


def unit_text(state: Verdict, data: ParameterSet, values: Mapping[str, Any]) -> Rendered:
    """``ferroalloy.unit.<id>``: may the unit be used, and what does it count."""
    unit: RetiredUnit = state.item
    label = f"{unit.id}（{unit.product}）" if unit.product else unit.id
    label_en = f"{unit.id} ({unit.product})" if unit.product else unit.id
    if state.status is Status.NOT_MET:
        words = [reason_text(r, data, values) for r in state.reasons]
        zh = "；".join(r.zh for r in words)
        en = "; ".join(r.en for r in words)
        return (
            Message(
                f"退出装备{label}不得用于置换：{zh}。不计入置换产能（不影响方案其他装备）。",
                f"Retired unit {label_en} may not be used for replacement: {en}. It is not "
                f"counted (this alone does not make the plan ineligible).",
            ),
            amount(Decimal(0)),
            None,
            None,
        )
    capacity = capacity_text(unit, values)
    if state.status is Status.UNKNOWN:
        names = "、".join(fact_name(data, n).zh for n in state.missing)
        paths = ", ".join(f"$.retired[{state.index}].{n}" for n in state.missing)
        zh = f"退出装备{label}能否计入置换产能无法确定：缺少事实（{names}）。{capacity.zh}"
        en = (
            f"Whether retired unit {label_en} counts, or for how much, is unknown: missing "
            f"{paths}. {capacity.en}"
        )
    else:
        zh = f"退出装备{label}可用于置换。{capacity.zh}"
        en = f"Retired unit {label_en} may be used for replacement. {capacity.en}"
    return Message(zh, en), amount(state.counted), None, None


def reason_text(reason: Reason, data: ParameterSet, values: Mapping[str, Any]) -> Message:
    """Why a unit is excluded, in zh and en (``reason`` is a code of :func:`countability`)."""
    found = _FIXED.get(reason[0])
    return found if found is not None else _WORDED[reason[0]](reason, data, values)


_FIXED = {
    "source": Message(
        "来源不属于第四条所列可用于置换的产能（淘汰落后和化解过剩产能实施方案中的产能、"
        "符合政策要求的铁合金冶炼项目产能）",
        "its source is not one Article 4 allows (the elimination plans, or a compliant "
        "ferroalloy smelting project)",
    ),
    "outside_region": Message("属于自治区范围以外的产能", "it is outside the autonomous region"),
    "not_smelting": Message("不属于铁合金冶炼的产能", "it is not ferroalloy smelting capacity"),
}


def _plan_year_text(reason: Reason, data: ParameterSet, values: Mapping[str, Any]) -> Message:
    span = years(values["elimination_plan_first_year"], values["elimination_plan_last_year"])
    return Message(
        f"列入{reason[1]}年淘汰落后和化解过剩产能实施方案，"
        f"不属于第四条所指{span.zh}实施方案中的产能",
        f"it is listed in the {reason[1]} elimination plan, not in the {span.en} "
        f"plans Article 4 names",
    )


def _plan_furnace_text(reason: Reason, data: ParameterSet, values: Mapping[str, Any]) -> Message:
    name = message(data.extra["furnace_types"][reason[1]]["name"])
    return Message(
        f"炉型为{name.zh}，而淘汰落后和化解过剩产能实施方案中只有铁合金矿热炉产能可用于置换",
        f"it is a {name.en}, and of the elimination plans only submerged-arc furnace "
        f"capacity counts",
    )


def _eliminated_text(reason: Reason, data: ParameterSet, values: Mapping[str, Any]) -> Message:
    catalog = values["eliminated_catalog"]
    return Message(
        f"列入国家{catalog}", f"it is in the eliminated class of the national catalog {catalog}"
    )


def _small_dc_text(reason: Reason, data: ParameterSet, values: Mapping[str, Any]) -> Message:
    spec = data.extra["dc_furnace_exclusion"]
    name = message(spec["name"])
    power = Amount(reason[1], Kind.APPARENT_POWER)
    cap = Amount(values[spec["limit"]], Kind.APPARENT_POWER)
    return Message(
        f"属于{cap.text('zh')}以下{name.zh}（变压器容量{power.text('zh')}）",
        f"it is a {name.en} of {cap.text('en')} or less (transformer {power.text('en')})",
    )


_WORDED = {
    "plan_year": _plan_year_text,
    "plan_furnace": _plan_furnace_text,
    "eliminated": _eliminated_text,
    "small_dc": _small_dc_text,
}


def years(first: int, last: int) -> Message:
    """A span of plan years as the guide writes it: "2021-2023年" / "2021–2023"."""
    if first == last:
        return Message(f"{first}年", str(first))
    return Message(f"{first}-{last}年", f"{first}–{last}")


def capacity_text(unit: RetiredUnit, values: Mapping[str, Any]) -> Message:
    """第五条: the final capacity in words (取小 where two figures disagree)."""
    assessed, approved = tonnes(unit.assessed), tonnes(unit.approved)
    if unit.assessed is not None and unit.approved is not None:
        if unit.assessed == unit.approved:
            return Message(
                f"评估核定产能与立项/批复等文件产能均为{assessed.zh}，计{assessed.zh}。",
                f"Assessed and approved capacity are both {assessed.en}: {assessed.en} counts.",
            )
        smaller = tonnes(min(unit.assessed, unit.approved))
        return Message(
            f"评估核定产能{assessed.zh}，立项/批复等文件产能{approved.zh}，两者不一致，"
            f"按第五条取小原则计{smaller.zh}。",
            f"Assessed {assessed.en}, approved {approved.en}: they differ, so the smaller, "
            f"{smaller.en}, counts (Article 5).",
        )
    if unit.assessed is not None:
        if values["capacity_without_approved_figure"] == "both_required":
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
