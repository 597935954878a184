"""The ferroalloy rule over columns: generated plans, an exact numpy floor, and OpenFisca-Core.

The rule (《包头市铁合金行业产能置换工作指南》), for plans whose facts are all given:

* 第三条 — the replacement ratio by the enterprise kind (single / group) and the scale after
  consolidation, from the tier table of the data file (``[[tiers.*]]``: half-open bands);
* 第四条 — a retired unit counts if its source is countable, it is inside the region, not in
  the 2024 catalog's eliminated class, ferroalloy smelting, not a semi-closed DC furnace at or
  below ``dc_furnace_max``, and — for the elimination-plan route — listed in a plan of
  ``elimination_plan_first_year``…``last_year`` and (``submerged_arc_only``) a submerged-arc
  furnace;
* 第五条 — a unit counts for its assessed capacity, or the smaller of assessed and approved
  when both are given (取小); every unit here is ferrosilicon (no cross-variety conversion);
* sufficiency — the counted capacity ≥ new capacity × ratio.

:func:`generate` draws the columns (a plans table and a long table of retired units keyed by
plan, crowding every edge); :func:`numpy_floor` decides them exactly in int64 with a few numpy
calls (cross-multiplied ratios); :class:`OpenFiscaPeer` decides them as OpenFisca-Core
variables (``plan`` a group entity whose members are the ``unit`` rows; float32 capacities,
as OpenFisca's ``float`` value type stores them) over a vectorised simulation.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

KINDS = ("single", "group")
SOURCES = ("elimination_plan", "compliant_project", "other")
FURNACES = ("submerged_arc", "semi_closed_dc", "other")


@dataclass(frozen=True)
class Rule:
    """The ferroalloy parameters the columns need, from the data file (as of a date)."""

    edges: tuple[tuple[int, ...], ...]  # per kind: the band edges, in tonnes
    ratios: tuple[tuple[Decimal, ...], ...]  # per kind: the ratio of each band
    dc_max: int  # kVA
    dc_furnaces: tuple[int, ...]  # furnace codes excluded at or below dc_max
    countable_sources: tuple[int, ...]
    first_year: int
    last_year: int
    submerged_arc_only: bool

    @property
    def denominator(self) -> int:
        """A common denominator of every ratio (ratios are cross-multiplied)."""
        return math.lcm(*(r.as_integer_ratio()[1] for rs in self.ratios for r in rs))

    def numerators(self) -> list[list[int]]:
        d = self.denominator
        return [[int(r * d) for r in rs] for rs in self.ratios]


def load_rule(on: str = "2025-06-01") -> Rule:
    """The rule of the bundled data file, as of ``on``."""
    from nmgpolicy.params import load_parameters

    data = load_parameters("ferroalloy")
    values = data.resolve(dt.date.fromisoformat(on), None).values
    return rule_from(values, data.extra)


def _integral(value: Decimal) -> int:
    if value != value.to_integral_value():
        raise ValueError(f"{value} is not a whole number of the column's unit")
    return int(value)


def rule_from(values: Mapping[str, Any], extra: Mapping[str, Any]) -> Rule:
    edges, ratios = [], []
    for kind in KINDS:
        tiers = extra["tiers"][kind]
        edges.append(tuple(_integral(values[tier["below"]]) for tier in tiers[:-1]))
        ratios.append(tuple(values[tier["ratio"]] for tier in tiers))
    dc = extra["dc_furnace_exclusion"]
    if dc["compare"] != "AT_MOST":
        raise ValueError("the columns implement the DC exclusion as 'at most' (以下)")
    return Rule(
        edges=tuple(edges),
        ratios=tuple(ratios),
        dc_max=_integral(values[dc["limit"]]),
        dc_furnaces=tuple(FURNACES.index(f) for f in dc["furnace_types"]),
        countable_sources=tuple(
            i for i, s in enumerate(SOURCES) if extra["sources"][s]["countable"]
        ),
        first_year=int(values["elimination_plan_first_year"]),
        last_year=int(values["elimination_plan_last_year"]),
        submerged_arc_only=values["elimination_plan_scope"] == "submerged_arc_only",
    )


# ------------------------------------------------------------------------------------------
# Columns


def generate(plans: int, rule: Rule, *, seed: int = 11) -> dict[str, Any]:
    """``plans`` plans and their retired units (1–4 each) as numpy columns, crowding every edge.

    Amounts are int64 tonnes (kVA for transformers); ``approved`` is -1 where the unit has no
    approved figure. The new capacity of a third of the plans is put at the counted capacity ÷
    ratio exactly or one tonne either side, so sufficiency is decided at its edge too.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    per_plan = rng.integers(1, 5, plans)
    units = int(per_plan.sum())
    kind = rng.integers(0, 2, plans).astype(np.int8)
    scale = rng.integers(50_000, 1_200_000, plans)
    edges = np.array([rule.edges[k] for k in range(len(KINDS))])  # kinds × edges
    crowd = rng.random(plans) < 0.3
    pick = edges[kind, rng.integers(0, edges.shape[1], plans)] + rng.integers(-1, 2, plans)
    scale = np.where(crowd, pick, scale).astype(np.int64)
    assessed = rng.integers(10_000, 200_000, units)
    approved = np.where(
        rng.random(units) < 0.7, assessed + rng.integers(-20_000, 20_000, units), -1
    )
    transformer = np.where(
        rng.random(units) < 0.3,
        rule.dc_max + rng.integers(-1, 2, units),
        rng.integers(1_000, 40_000, units),
    )
    plan_year = rng.integers(rule.first_year - 2, rule.last_year + 3, units)
    columns = {
        "plan_kind": kind,
        "plan_scale": scale,
        "plan_new": np.zeros(plans, dtype=np.int64),
        "unit_plan": np.repeat(np.arange(plans, dtype=np.int64), per_plan),
        "unit_assessed": assessed.astype(np.int64),
        "unit_approved": approved.astype(np.int64),
        "unit_source": _codes(rng.random(units), (0.45, 0.9)),
        "unit_furnace": _codes(rng.random(units), (0.6, 0.9)),
        "unit_transformer": transformer.astype(np.int64),
        "unit_in_region": rng.random(units) < 0.95,
        "unit_eliminated": rng.random(units) < 0.05,
        "unit_smelting": rng.random(units) < 0.97,
        "unit_plan_year": plan_year.astype(np.int16),
    }
    counted, numerator, _ = numpy_floor(columns, rule)
    d = rule.denominator
    at_edge = counted * d // np.maximum(numerator, 1) + rng.integers(-1, 2, plans)
    free = rng.integers(10_000, 400_000, plans)
    columns["plan_new"] = np.maximum(1, np.where(rng.random(plans) < 0.35, at_edge, free))
    return columns


def _codes(draws: Any, cuts: tuple[float, ...]) -> Any:
    """Small-int codes from uniform draws: code i where cuts[i-1] <= draw < cuts[i]."""
    import numpy as np

    return np.searchsorted(np.array(cuts), draws, side="right").astype(np.int8)


def _any_of(column: Any, codes: tuple[int, ...]) -> Any:
    """``column`` equals one of ``codes`` (a few comparisons: faster than ``np.isin``)."""
    import numpy as np

    out = np.zeros(column.shape, dtype=bool)
    for code in codes:
        out |= column == code
    return out


def numpy_floor(columns: Mapping[str, Any], rule: Rule) -> tuple[Any, Any, Any]:
    """(counted capacity per plan, ratio numerator per plan, sufficient per plan), exactly.

    int64 throughout; the ratio is ``numerator / rule.denominator``; sufficiency is
    ``counted × denominator ≥ new × numerator`` (no float, no rounding).
    """
    import numpy as np

    c = columns
    source, furnace = c["unit_source"], c["unit_furnace"]
    ok = _any_of(source, rule.countable_sources) & c["unit_in_region"]
    ok &= ~c["unit_eliminated"] & c["unit_smelting"]
    ok &= ~(_any_of(furnace, rule.dc_furnaces) & (c["unit_transformer"] <= rule.dc_max))
    year = c["unit_plan_year"]
    plan_ok = (year >= rule.first_year) & (year <= rule.last_year)
    if rule.submerged_arc_only:
        plan_ok &= furnace == FURNACES.index("submerged_arc")
    ok &= (source != SOURCES.index("elimination_plan")) | plan_ok
    assessed, approved = c["unit_assessed"], c["unit_approved"]
    final = np.where(approved < 0, assessed, np.minimum(assessed, approved))
    counted_units = np.where(ok, final, 0)
    plans = len(c["plan_kind"])
    members = np.bincount(c["unit_plan"], minlength=plans)  # units sorted by plan
    ends = np.cumsum(members)
    starts = ends - members
    cumulative = np.concatenate(([0], np.cumsum(counted_units, dtype=np.int64)))
    counted = cumulative[ends] - cumulative[starts]
    numerators = np.array(rule.numerators(), dtype=np.int64)  # kinds × bands
    kind = c["plan_kind"].astype(np.int64)
    band = np.zeros(plans, dtype=np.int64)
    for k, edges in enumerate(rule.edges):
        band = np.where(
            kind == k, np.searchsorted(np.array(edges), c["plan_scale"], side="right"), band
        )
    numerator = numerators[kind, band]
    sufficient = counted * rule.denominator >= c["plan_new"] * numerator
    return counted, numerator, sufficient


# ------------------------------------------------------------------------------------------
# OpenFisca-Core


class OpenFiscaPeer:
    """The rule as OpenFisca variables: ``unit`` (a person entity: one retired unit per row)
    and ``plan`` (a group entity of units); the formulas use numpy ``where``/``select``."""

    PERIOD = "2025"

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.system = self._system()

    def _system(self) -> Any:
        import numpy as np
        from openfisca_core.entities import build_entity
        from openfisca_core.periods import DateUnit
        from openfisca_core.taxbenefitsystems import TaxBenefitSystem
        from openfisca_core.variables import Variable

        rule = self.rule
        unit = build_entity(key="unit", plural="units", label="retired unit", is_person=True)
        plan = build_entity(
            key="plan",
            plural="plans",
            label="replacement plan",
            roles=[{"key": "member", "plural": "members", "label": "retired unit"}],
        )
        arc = FURNACES.index("submerged_arc")
        plan_source = SOURCES.index("elimination_plan")
        ratios = [[float(r) for r in rs] for rs in rule.ratios]

        def counted(person: Any, period: Any) -> Any:
            source, furnace = person("source", period), person("furnace", period)
            ok = np.isin(source, rule.countable_sources) & person("in_region", period)
            ok = ok & ~person("eliminated", period) & person("smelting", period)
            small = person("transformer", period) <= rule.dc_max
            ok = ok & ~(np.isin(furnace, rule.dc_furnaces) & small)
            year = person("plan_year", period)
            listed = (year >= rule.first_year) & (year <= rule.last_year)
            if rule.submerged_arc_only:
                listed = listed & (furnace == arc)
            ok = ok & np.where(source == plan_source, listed, True)
            assessed, approved = person("assessed", period), person("approved", period)
            final = np.where(approved < 0, assessed, np.minimum(assessed, approved))
            return np.where(ok, final, 0)

        def ratio(group: Any, period: Any) -> Any:
            scale, kind = group("scale", period), group("kind", period)
            by_kind = []
            for k, edges in enumerate(rule.edges):
                conditions = [scale < edge for edge in edges]
                by_kind.append(np.select(conditions, ratios[k][:-1], ratios[k][-1]))
            return np.select([kind == k for k in range(1, len(by_kind))], by_kind[1:], by_kind[0])

        def counted_total(group: Any, period: Any) -> Any:
            return group.sum(group.members("counted", period))

        def sufficient(group: Any, period: Any) -> Any:
            new = group("new_capacity", period)
            return group("counted_total", period) >= new * group("ratio", period)

        def variable(name: str, entity: Any, kind: type, formula: Any = None) -> type:
            body: dict[str, Any] = {
                "value_type": kind,
                "entity": entity,
                "definition_period": DateUnit.YEAR,
                "label": name,
            }
            if formula is not None:
                body["formula"] = formula
            return type(name, (Variable,), body)

        system = TaxBenefitSystem([unit, plan])
        for name, entity, kind, formula in (
            ("source", unit, int, None),
            ("furnace", unit, int, None),
            ("in_region", unit, bool, None),
            ("eliminated", unit, bool, None),
            ("smelting", unit, bool, None),
            ("transformer", unit, float, None),
            ("plan_year", unit, int, None),
            ("assessed", unit, float, None),
            ("approved", unit, float, None),
            ("counted", unit, float, counted),
            ("kind", plan, int, None),
            ("scale", plan, float, None),
            ("new_capacity", plan, float, None),
            ("ratio", plan, float, ratio),
            ("counted_total", plan, float, counted_total),
            ("sufficient", plan, bool, sufficient),
        ):
            system.add_variable(variable(name, entity, kind, formula))
        return system

    FORMULAS = ("counted", "ratio", "counted_total", "sufficient")

    def simulation(self, columns: Mapping[str, Any]) -> Any:
        """A simulation of every plan and unit, inputs set (the part not timed)."""
        import numpy as np
        from openfisca_core.simulations import SimulationBuilder

        plans, units = len(columns["plan_kind"]), len(columns["unit_plan"])
        builder = SimulationBuilder()
        builder.create_entities(self.system)
        builder.declare_person_entity("unit", np.arange(units))
        group = builder.declare_entity("plan", np.arange(plans))
        builder.join_with_persons(group, columns["unit_plan"], np.zeros(units, dtype=int))
        simulation = builder.build(self.system)
        for name, column in (
            ("source", "unit_source"),
            ("furnace", "unit_furnace"),
            ("in_region", "unit_in_region"),
            ("eliminated", "unit_eliminated"),
            ("smelting", "unit_smelting"),
            ("transformer", "unit_transformer"),
            ("plan_year", "unit_plan_year"),
            ("assessed", "unit_assessed"),
            ("approved", "unit_approved"),
            ("kind", "plan_kind"),
            ("scale", "plan_scale"),
            ("new_capacity", "plan_new"),
        ):
            simulation.set_input(name, self.PERIOD, columns[column])
        return simulation

    def calculate(self, simulation: Any) -> Any:
        """``sufficient`` for every plan, the formulas' cached results cleared first (timed)."""
        for name in self.FORMULAS:
            simulation.get_holder(name).delete_arrays()
        return simulation.calculate("sufficient", self.PERIOD)


def head(columns: Mapping[str, Any], plans: int) -> dict[str, Any]:
    """The first ``plans`` plans and their units (units are sorted by plan)."""
    import numpy as np

    units = int(np.searchsorted(columns["unit_plan"], plans, side="left"))
    return {
        key: value[:plans] if key.startswith("plan_") else value[:units]
        for key, value in columns.items()
    }
