"""The cluster conditions of 第五条 and 第六条 twice more: a GoRules ZEN graph and a floor.

Both take one application as pre-parsed numbers (:func:`benchmarks.workload.peer_numbers`) and
decide the same conditions nmgpolicy decides, with the thresholds read from
``nmgpolicy.params.load_parameters("cluster")`` (never written here as literals):

* 第五条（二）: area ≤ ``max_area``; every recent year's output ≥ ``min_annual_output``; the
  last year's SME share ≥ ``min_sme_share`` and leading-industry share ≥ ``min_leading_share``
  (cross-multiplied); the leading industry's compound growth, last ≥ first × (1 + r)^n;
* 第五条（三）: ≥ ``min_champion_enterprises`` champions or ≥ ``min_designated_enterprises``
  designated enterprises;
* 第五条（五）: R&D-expense growth or patent growth; patents × ``patent_density_per`` ≥
  ``min_patent_density`` × employees; platforms ≥ ``min_innovation_platforms``; R&D staff ≥
  ``min_rd_staff_share`` × employees;
* 第五条（六）: industrial-internet penetration ≥ ``min_industrial_internet``;
* 第五条（七）: carbon intensity lower every year than the year before; energy and water
  efficiency where the cluster is high-consumption;
* 第六条: no major incident; and the twelve attestations of 第五条.

``eligible`` is all of them. They are the conditions of a *complete* application: neither
peer knows "unknown", "review" or the messages, which nmgpolicy also produces — the peers are
a bound on what deciding these conditions costs, not a replacement.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

CONDITIONS = (
    "area",
    "output",
    "sme_share",
    "leading_share",
    "leading_growth",
    "anchor",
    "innovation_growth",
    "patent_density",
    "platforms",
    "rd_staff_share",
    "industrial_internet",
    "carbon_intensity",
    "energy",
    "water",
    "no_incidents",
    "attestations",
)
"""The conditions each peer reports (besides ``eligible``)."""


def _ratio(value: Decimal) -> tuple[int, int]:
    numerator, denominator = value.as_integer_ratio()
    return numerator, denominator


@dataclass(frozen=True)
class Thresholds:
    """The thresholds of the peers, as exact integer ratios in the units of the numbers."""

    area: tuple[int, int]  # 0.01 km²
    output: tuple[int, int]  # 元
    sme_share: tuple[int, int]
    leading_share: tuple[int, int]
    leading_growth: tuple[int, int]  # (1 + r) ** steps
    rd_growth: tuple[int, int]
    patent_growth: tuple[int, int]
    patent_density: tuple[int, int]
    density_per: int
    platforms: int
    rd_staff_share: tuple[int, int]
    internet: tuple[int, int]  # 0.01 %
    champions: int
    designated: int
    values: Mapping[str, Any]

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Thresholds:
        """From ``load_parameters("cluster").resolve(on, None).values`` (the data file's)."""
        if not (values["recent_years"] == values["growth_window_years"] == 3):
            raise ValueError("the peers read three recent years, which are the growth window")
        if values["growth_method"] != "cagr" or values["recent_years_anchor"] != "application_year":
            raise ValueError("the peers implement the default readings (cagr, application_year)")
        steps = values["growth_window_years"] - 1
        return cls(
            area=_ratio(values["max_area"] * 100),
            output=_ratio(values["min_annual_output"]),
            sme_share=_ratio(values["min_sme_share"]),
            leading_share=_ratio(values["min_leading_share"]),
            leading_growth=_ratio((1 + values["min_leading_growth"]) ** steps),
            rd_growth=_ratio((1 + values["min_rd_expense_growth"]) ** steps),
            patent_growth=_ratio((1 + values["min_patent_growth"]) ** steps),
            patent_density=_ratio(values["min_patent_density"]),
            density_per=int(values["patent_density_per"]),
            platforms=int(values["min_innovation_platforms"]),
            rd_staff_share=_ratio(values["min_rd_staff_share"]),
            internet=_ratio(values["min_industrial_internet"] * 10000),
            champions=int(values["min_champion_enterprises"]),
            designated=int(values["min_designated_enterprises"]),
            values=values,
        )


def load_thresholds(on: str = "2025-06-01") -> Thresholds:
    """The thresholds of the bundled data file, as of ``on``."""
    import datetime as dt

    from nmgpolicy.params import load_parameters

    values = load_parameters("cluster").resolve(dt.date.fromisoformat(on), None).values
    return Thresholds.from_values(values)


# ------------------------------------------------------------------------------------------
# The plain-Python floor


def floor_check(x: Mapping[str, Any], t: Thresholds) -> dict[str, bool]:
    """Every condition of one application, by integer cross-multiplication: the floor.

    A bare hand-written check on pre-parsed numbers, with no validation, no unknowns and no
    messages: what deciding these conditions costs in CPython at the least.
    """
    output, leading, patents = x["output"], x["leading"], x["patents"]
    rd, carbon, employees = x["rd_expense"], x["carbon"], x["employees"]
    sme_n, sme_d = t.sme_share
    lead_n, lead_d = t.leading_share
    g_n, g_d = t.leading_growth
    r_n, r_d = t.rd_growth
    p_n, p_d = t.patent_growth
    dens_n, dens_d = t.patent_density
    staff_n, staff_d = t.rd_staff_share
    result = {
        "area": x["area"] * t.area[1] <= t.area[0],
        "output": all(v * t.output[1] >= t.output[0] for v in output),
        "sme_share": x["sme_output"] * sme_d >= output[2] * sme_n,
        "leading_share": leading[2] * lead_d >= output[2] * lead_n,
        "leading_growth": leading[2] * g_d >= leading[0] * g_n,
        "anchor": x["champions"] >= t.champions or x["designated"] >= t.designated,
        "innovation_growth": rd[2] * r_d >= rd[0] * r_n or patents[2] * p_d >= patents[0] * p_n,
        "patent_density": patents[2] * t.density_per * dens_d >= dens_n * employees,
        "platforms": x["platforms"] >= t.platforms,
        "rd_staff_share": x["rd_staff"] * staff_d >= employees * staff_n,
        "industrial_internet": x["internet"] * t.internet[1] >= t.internet[0],
        "carbon_intensity": carbon[1] < carbon[0] and carbon[2] < carbon[1],
        "energy": not x["high_energy"] or x["energy_ok"],
        "water": not x["high_water"] or x["water_ok"],
        "no_incidents": not x["incidents"],
        "attestations": all(x["attest"]),
    }
    result["eligible"] = all(result.values())
    return result


def numpy_floor(c: Mapping[str, Any], t: Thresholds) -> dict[str, Any]:
    """:func:`floor_check` over numpy columns (``columnar_adapter.cluster_columns``), exactly:
    int64 cross-multiplication, one boolean column per condition and ``eligible``."""
    import numpy as np

    out = {
        "area": c["area"] * t.area[1] <= t.area[0],
        "output": np.logical_and.reduce(
            [c[f"output_{k}"] * t.output[1] >= t.output[0] for k in range(3)]
        ),
        "sme_share": c["sme_output_2"] * t.sme_share[1] >= c["output_2"] * t.sme_share[0],
        "leading_share": c["leading_2"] * t.leading_share[1] >= c["output_2"] * t.leading_share[0],
        "leading_growth": c["leading_2"] * t.leading_growth[1]
        >= c["leading_0"] * t.leading_growth[0],
        "anchor": (c["champions"] >= t.champions) | (c["designated"] >= t.designated),
        "innovation_growth": (
            c["rd_expense_2"] * t.rd_growth[1] >= c["rd_expense_0"] * t.rd_growth[0]
        )
        | (c["patents_2"] * t.patent_growth[1] >= c["patents_0"] * t.patent_growth[0]),
        "patent_density": c["patents_2"] * (t.density_per * t.patent_density[1])
        >= c["employees"] * t.patent_density[0],
        "platforms": c["platforms"] >= t.platforms,
        "rd_staff_share": c["rd_staff"] * t.rd_staff_share[1]
        >= c["employees"] * t.rd_staff_share[0],
        "industrial_internet": c["internet"] * t.internet[1] >= t.internet[0],
        "carbon_intensity": (c["carbon_1"] < c["carbon_0"]) & (c["carbon_2"] < c["carbon_1"]),
        "energy": ~c["high_energy"] | c["energy_ok"],
        "water": ~c["high_water"] | c["water_ok"],
        "no_incidents": ~c["incidents"],
        "attestations": np.logical_and.reduce([c[f"attest_{k}"] for k in range(12)]),
    }
    out["eligible"] = np.logical_and.reduce(list(out.values()))
    return out


# ------------------------------------------------------------------------------------------
# The ZEN decision graph


def _literal(ratio: tuple[int, int]) -> str:
    """An exact decimal literal of a ratio whose denominator divides a power of ten."""
    numerator, denominator = ratio
    with localcontext() as context:
        context.prec = 60
        value = Decimal(numerator) / Decimal(denominator)
    if Fraction(value) != Fraction(numerator, denominator):
        raise ValueError(f"{numerator}/{denominator} has no exact decimal form")
    return format(value, "f")


def zen_expressions(t: Thresholds) -> dict[str, str]:
    """The ZEN expression of each condition (ZEN compares decimals exactly)."""
    lit = _literal
    return {
        "area": f"area <= {lit(t.area)}",
        "output": f"all(output, # >= {lit(t.output)})",
        "sme_share": f"sme_output >= output[2] * {lit(t.sme_share)}",
        "leading_share": f"leading[2] >= output[2] * {lit(t.leading_share)}",
        "leading_growth": f"leading[2] >= leading[0] * {lit(t.leading_growth)}",
        "anchor": f"champions >= {t.champions} or designated >= {t.designated}",
        "innovation_growth": (
            f"rd_expense[2] >= rd_expense[0] * {lit(t.rd_growth)}"
            f" or patents[2] >= patents[0] * {lit(t.patent_growth)}"
        ),
        "patent_density": (f"patents[2] * {t.density_per} >= employees * {lit(t.patent_density)}"),
        "platforms": f"platforms >= {t.platforms}",
        "rd_staff_share": f"rd_staff >= employees * {lit(t.rd_staff_share)}",
        "industrial_internet": f"internet >= {lit(t.internet)}",
        "carbon_intensity": "carbon[1] < carbon[0] and carbon[2] < carbon[1]",
        "energy": "not high_energy or energy_ok",
        "water": "not high_water or water_ok",
        "no_incidents": "not incidents",
        "attestations": "all(attest, #)",
    }


def zen_graph(t: Thresholds) -> dict[str, Any]:
    """A JSON Decision Model: input → one expression node (every condition, then
    ``eligible``, which reads the conditions computed before it with ``$``) → output."""
    expressions = [
        {"id": f"c{i}", "key": key, "value": value}
        for i, (key, value) in enumerate(zen_expressions(t).items())
    ]
    expressions.append(
        {
            "id": "eligible",
            "key": "eligible",
            "value": " and ".join(f"$.{key}" for key in CONDITIONS),
        }
    )

    def node(node_id: str, kind: str, x: int, content: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": node_id,
            "type": kind,
            "name": node_id,
            "position": {"x": x, "y": 0},
            "content": content,
        }

    return {
        "nodes": [
            node("request", "inputNode", 0, {}),
            node("conditions", "expressionNode", 1, {"expressions": expressions}),
            node("response", "outputNode", 2, {}),
        ],
        "edges": [
            {"id": "e1", "sourceId": "request", "targetId": "conditions", "type": "edge"},
            {"id": "e2", "sourceId": "conditions", "targetId": "response", "type": "edge"},
        ],
    }


class ZenPeer:
    """The graph loaded in a ZEN engine; :meth:`check` evaluates one application."""

    def __init__(self, t: Thresholds) -> None:
        import zen

        self.content = json.dumps(zen_graph(t))
        self.engine = zen.ZenEngine({"loader": lambda key: self.content})
        self.decision = self.engine.create_decision(self.content)

    def check(self, x: dict[str, Any]) -> dict[str, bool]:
        result: dict[str, bool] = self.decision.evaluate(x)["result"]
        return result

    def batch(self, items: list[dict[str, Any]]) -> list[Any]:
        """``ZenEngine.evaluate_batch`` over ``items`` (the engine's own batch call)."""
        requests: Any = [{"key": "cluster", "context": x} for x in items]
        return list(self.engine.evaluate_batch(requests))
