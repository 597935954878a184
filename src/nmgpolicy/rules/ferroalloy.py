"""Ferroalloy capacity replacement (铁合金产能置换): ratio, countable retired capacity, sufficiency.

Encodes 《包头市铁合金行业产能置换工作指南》 第三条至第五条 as the bureau's disclosure catalog
quotes them, so that a replacement plan (new ferroalloy capacity against retired furnaces) can
be checked and explained furnace by furnace. Every number comes from ``data/ferroalloy.toml``
with its quoted text; nothing legal is written here. The rule set is one declarative
:data:`DEFINITION`, its criteria in the order of the articles:

* **第三条 — the ratio** (retired : new) by enterprise kind and post-consolidation scale: a
  single enterprise below 30万吨 (达不到, exclusive) 1.25, from 30 to below 50 (不含50) 1.1, from
  50 (含50) 1; an enterprise group likewise at 50 and 80万吨. The bands are half-open data
  (``[[tiers.<kind>]]``) and must tile the scale line, so every scale has exactly one ratio
  (:func:`tier`, :func:`ratio`). Finding ``ferroalloy.ratio_tier``, a
  :class:`~nmgpolicy.criteria_tiers.BandLookup`.
* **第四条 — countable units.** A retired unit counts only if its source is an elimination plan
  or a compliant smelting project, it is inside the autonomous region, it is not in the 2024
  catalog's eliminated class, it is ferroalloy smelting, and it is not a semi-closed DC
  (refining) furnace of 3000千伏安 or less (以下 includes the number). A unit of the plan route
  counts only as submerged-arc furnace (矿热炉) capacity (parameter ``elimination_plan_scope``)
  and, when its ``plan_year`` is given, only from a plan of 2021–2023 (parameters
  ``elimination_plan_first_year``/``_last_year``). Each unit gets an informational finding
  ``ferroalloy.unit.<id>`` (:class:`~nmgpolicy.criteria_lists.EachItem`): an excluded unit
  does not make the plan ineligible, it just does not count.
* **第五条 — counted capacity, assessment, conversion.** A unit's capacity is the smaller of the
  assessed (核定) and the approved (立项/批复) capacity where both are given and disagree
  (取小原则); a unit with no approved figure takes its assessed capacity (parameter
  ``capacity_without_approved_figure``); the capacity must have been
  assessed by a grade-A metallurgical consultancy (``ferroalloy.assessment``, hard); and when
  a retired product differs from a new one, both sides are converted to ferrosilicon
  (硅铁) equivalents with the caller's factors (``ferroalloy.conversion``, a
  :class:`~nmgpolicy.criteria_lists.CommonBasis`). The guide gives no factors and this library
  ships none.
* **Sufficiency** (``ferroalloy.sufficient_retirement``, a
  :class:`~nmgpolicy.criteria_lists.Sufficient`): counted retired capacity ≥ ratio × new
  capacity, exactly (equal is enough). Units whose countability or capacity is unknown are not
  counted; if the definitely counted units already suffice the finding is met, if the unknown
  units could still make up the shortfall it is unknown, otherwise not met.

The per-unit logic is in ``_ferroalloy_units``, the words in ``_ferroalloy_words``, the checks
of the facts in ``_ferroalloy_checks``, the public helpers (re-exported) in
``_ferroalloy_public``. The plan's public notice (catalog item
``ferroalloy-replacement``) is due 20 working days after its formation: 《政府信息公开条例》
第二十六条 is a ceiling the catalog's "一年内" cannot extend (:func:`plan_notice_due`, which also
reports the conflict).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from functools import partial
from typing import Any, Literal, get_args

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import Kva, Tonnes
from nmgpolicy.criteria import Flag
from nmgpolicy.criteria_lists import (
    Basis,
    CommonBasis,
    EachItem,
    Sufficient,
    Tally,
    Verdict,
    common_basis,
    tally,
)
from nmgpolicy.criteria_tiers import Band, BandLookup
from nmgpolicy.definition import Definition, Fact, Measure, Param, Ref, Row, measure
from nmgpolicy.engine import BaseRuleSet, register
from nmgpolicy.engine import Context as RuleContext
from nmgpolicy.errors import InputError, Problem, problems_of
from nmgpolicy.outcome import Finding, Later, Message, Status
from nmgpolicy.params import ParameterSet, Resolved
from nmgpolicy.rules._ferroalloy_checks import check_plan_years, facts_problems
from nmgpolicy.rules._ferroalloy_public import (
    plan_notice_due,
    ratio,
    required_retirement,
    tier,
    tiers,
)
from nmgpolicy.rules._ferroalloy_units import product_key, unit_rules, unit_text, unit_verdict
from nmgpolicy.rules._ferroalloy_words import (
    Tier,
    amount,
    as_tier,
    basis_text,
    subject,
    sufficiency_text,
    tier_missing_text,
    tier_text,
    wan,
)

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
_ONE = Decimal(1)


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
# The definition: 第三条 (tier), 第四条 (each unit), 第五条 (assessment, conversion), sufficiency
# --------------------------------------------------------------------------------------------


def reading(*refs: Ref) -> Callable[[Callable[[Row], Any]], Measure]:
    """``@measure(reads=refs)``: a measure that says what it reads (typed)."""
    made: Callable[[Callable[[Row], Any]], Measure] = measure(reads=refs)
    return made


RATIO_TIER = BandLookup(
    "ferroalloy.ratio_tier",
    ruleset=RULESET_ID,
    table="tiers",
    group=Fact("enterprise.kind"),
    value=Fact("enterprise.scale_after"),
    text=tier_text,
    missing_text=tier_missing_text,
    value_key="ratio",
    noun="scale",
    show=wan,
)
"""第三条: the band of the enterprise's kind holding its post-consolidation scale."""


@reading(RATIO_TIER.chosen)
def replacement_ratio(row: Row) -> Decimal | None:
    """The ratio (retired : new) of the band found, if any (第三条)."""
    band: Band | None = row(RATIO_TIER.chosen)
    return None if band is None else band.value


@reading(
    Fact("retired"),
    Param("elimination_plan_first_year"),
    Param("elimination_plan_last_year"),
    Param("elimination_plan_scope"),
    Param("eliminated_catalog"),
    Param("dc_furnace_max"),
    Param("capacity_without_approved_figure"),
)
def units(row: Row) -> tuple[Verdict, ...]:
    """第四条 and 第五条 on each retired unit: counts, excluded or undetermined, and how much."""
    rules = unit_rules(row.ctx.data, row.params)
    return tuple(unit_verdict(u, i, rules) for i, u in enumerate(row.facts.retired or ()))


@reading(Fact("new_capacity"), units, Fact("ferrosilicon_equivalents"))
def basis(row: Row) -> Basis:
    """第五条: the products on both sides (excluded units aside) and the caller's factors."""
    facts: FerroalloyFacts = row.facts
    spec = row.ctx.data.extra["conversion"]
    base, aliases = spec["base_product"], spec["base_aliases"]
    missing: list[tuple[Any, ...]] = []
    if facts.new_capacity is None:
        missing.append(("new_capacity",))
    if facts.retired is None:
        missing.append(("retired",))
    new: set[str] = set()
    for i, line in enumerate(facts.new_capacity or ()):
        if line.product is None:
            missing.append(("line", i))
        else:
            new.add(product_key(line.product, aliases, base))
    retired: set[str] = set()
    for v in row(units):
        if v.status is Status.NOT_MET:
            continue  # an excluded unit does not count, so its product does not matter
        if v.item.product is None:
            missing.append(("unit", v.index, v.id))
        else:
            retired.add(product_key(v.item.product, aliases, base))
    given = {
        product_key(name, aliases, base): factor
        for name, factor in (facts.ferrosilicon_equivalents or {}).items()
    }
    return common_basis(retired, new, given, base, missing)


def _factor(found: Basis, spec: Mapping[str, Any], product: str | None) -> Decimal:
    """How many tonnes of 硅铁 a tonne of ``product`` counts as (1 unless converted)."""
    if not found.converted or product is None:
        return _ONE
    return found.factor(product_key(product, spec["base_aliases"], spec["base_product"]))


@reading(Fact("new_capacity"), basis)
def new_total(row: Row) -> Decimal | None:
    """Σ new capacity × factor, exactly; None unless the basis is resolved and every line's
    capacity is given."""
    lines = row.facts.new_capacity
    found: Basis = row(basis)
    if not found.resolved or lines is None:
        return None
    spec = row.ctx.data.extra["conversion"]
    total = Decimal(0)
    for line in lines:
        if line.capacity is None:
            return None
        factor = _factor(found, spec, line.product)
        total = _EXACT.add(total, _EXACT.multiply(line.capacity, factor))
    return total


@reading(units, basis)
def count(row: Row) -> Tally | None:
    """The counted retired capacity (取小, × factor) and the undetermined units with their
    bounds; None unless the basis is resolved and the units are given."""
    found: Basis = row(basis)
    if not found.resolved or row.facts.retired is None:
        return None
    spec = row.ctx.data.extra["conversion"]
    return tally(row(units), lambda v: _factor(found, spec, v.item.product))


@reading(RATIO_TIER.chosen, Fact("new_capacity"), Fact("retired"), basis, new_total)
def undecided(row: Row) -> tuple[Any, ...] | None:
    """Why the sufficiency cannot be told yet (a code the words render), or None."""
    facts: FerroalloyFacts = row.facts
    if row(RATIO_TIER.chosen) is None:
        return ("ratio",)
    if facts.new_capacity is None:
        return ("new_capacity",)
    if facts.retired is None:
        return ("retired",)
    if not row(basis).resolved:
        return ("basis",)
    if row(new_total) is None:
        return ("lines", tuple(i for i, n in enumerate(facts.new_capacity) if n.capacity is None))
    return None


def _subject(row: Row) -> Message:
    found: Basis = row(basis)
    return subject(found.base, found.converted)


SUFFICIENT = Sufficient(
    "ferroalloy.sufficient_retirement",
    tally=count,
    amount=new_total,
    ratio=replacement_ratio,
    why=undecided,
    subject=_subject,
    text=sufficiency_text,
)
"""第三条 with 第五条: counted retired capacity ≥ ratio × new capacity (equal is enough)."""


def _prepare(row: Row) -> None:
    """The overrides must keep the bands tiling and the plan years a span."""
    row(RATIO_TIER.table_in_force)
    check_plan_years(row.params)


def _finish(row: Row, findings: object) -> None:
    """The results: the tier, the totals, each unit's counted capacity, the factors used."""
    facts: FerroalloyFacts = row.facts
    enterprise = facts.enterprise or EnterpriseFacts()
    band: Band | None = row(RATIO_TIER.chosen)
    found: Basis = row(basis)
    counted: Tally | None = row(count)
    required = row(SUFFICIENT.result).required
    verdicts: tuple[Verdict, ...] = row(units)
    row.results.update(
        {
            "kind": enterprise.kind,
            "scale_after": amount(enterprise.scale_after),
            "tier": None if band is None else Later(partial(_tier_dict, band, row.ctx.data)),
            "ratio": None if band is None else band.value,
            "ferrosilicon_equivalent": found.converted and found.resolved,
            "new_capacity": amount(row(new_total)),
            "required_retirement": amount(required),
            "counted_retirement": amount(None if counted is None else counted.counted),
            "surplus": None
            if required is None or counted is None
            else amount(_EXACT.subtract(counted.counted, required)),
            "units": Later(partial(_unit_amounts, verdicts, found, row.ctx.data)),
            "excluded_units": [v.id for v in verdicts if v.status is Status.NOT_MET],
            "undetermined_units": [v.id for v in verdicts if v.status is Status.UNKNOWN],
            "factors": dict(found.factors) if found.converted else {},
        }
    )


def _tier_dict(band: Band, data: ParameterSet) -> dict[str, Any]:
    return as_tier(band, data).to_dict()


def _unit_amounts(
    verdicts: tuple[Verdict, ...], found: Basis, data: ParameterSet
) -> dict[str, Any]:
    """Each unit's counted capacity, in 硅铁 equivalents when converted (the unit's own tonnes
    while the conversion is unresolved); 0 when excluded, None when undetermined."""
    spec = data.extra["conversion"]
    shown_units: dict[str, Any] = {}
    for v in verdicts:
        value = v.counted
        if value is not None and v.status is not Status.NOT_MET and found.resolved:
            value = _EXACT.multiply(value, _factor(found, spec, v.item.product))
        shown_units[v.id] = amount(value)
    return shown_units


DEFINITION: Definition[FerroalloyFacts] = Definition(
    ruleset=RULESET_ID,
    facts=FerroalloyFacts,
    criteria=(
        RATIO_TIER,
        EachItem("ferroalloy.unit", items=units, text=unit_text),
        Flag(
            "ferroalloy.assessment",
            value=Fact("assessed_by_grade_a_consultant"),
            subject=Message(
                "产能置换前已委托具有冶金专业甲级资信等级的工程咨询单位对现有装备和产能进行核定",
                "before the replacement, the existing furnaces and capacity were assessed by an "
                "engineering consultancy with grade-A credentials in metallurgy",
            ),
        ),
        CommonBasis("ferroalloy.conversion", basis=basis, text=basis_text),
        SUFFICIENT,
    ),
    prepare=_prepare,
    finish=_finish,
)


class FerroalloyRuleSet(BaseRuleSet[FerroalloyFacts]):
    """《包头市铁合金行业产能置换工作指南》第三条至第五条: is a replacement plan sufficient?"""

    id = RULESET_ID
    facts_type = FerroalloyFacts
    definition = DEFINITION

    @exact
    def parse_facts(self, facts: object) -> FerroalloyFacts:
        """Structure the facts, then check ids, products and factors (all problems at once)."""
        model = super().parse_facts(facts)
        problems = facts_problems(model, self.data)
        if problems:
            raise InputError(problems)
        return model

    def parameter_problems(self, params: Resolved, on: dt.date) -> Sequence[Problem]:
        """Under the caller's overrides, the tiers must still tile the scale line (第三条) and
        the plan years be a span (reported with the facts' problems; :func:`_prepare` finds
        them again, cached, for a direct call of the definition)."""
        del on
        values = params.values
        return problems_of(
            partial(RATIO_TIER.bands, self.data, values), partial(check_plan_years, values)
        )

    @exact
    def decide(
        self, facts: FerroalloyFacts, ctx: RuleContext
    ) -> tuple[list[Finding], dict[str, Any]]:
        """The definition's decision (under the library's decimal context)."""
        return DEFINITION.decide(facts, ctx)


RULESET = register(FerroalloyRuleSet())
