"""Shared builders of test facts and test helpers, written once for the test modules that use them.

Each builder returns a new object on every call (tests change the facts they are given), equal
— keys in the same order — to the copies the test modules used to spell out one by one. The
rule-specific values a test depends on stay in the test module; what is here is only what
several modules repeat word for word.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import nmgpolicy
from nmgpolicy import disclosure
from nmgpolicy.cli import main
from nmgpolicy.errors import CalendarNotCovered
from nmgpolicy.rules import cluster

# ---------------------------------------------------------------------------------------------
# cluster
# ---------------------------------------------------------------------------------------------

CLUSTER_IDS = [
    "cluster.local_pillar",
    "cluster.policy_compliant",
    "cluster.niche_leading",
    "cluster.area",
    "cluster.output",
    "cluster.sme_share",
    "cluster.leading_share",
    "cluster.leading_growth",
    "cluster.anchor_enterprises",
    "cluster.chain_coordination",
    "cluster.shared_facilities",
    "cluster.innovation_growth",
    "cluster.patent_density",
    "cluster.standards_work",
    "cluster.innovation_platforms",
    "cluster.rd_staff_share",
    "cluster.industrial_internet",
    "cluster.digital_infrastructure",
    "cluster.carbon_intensity",
    "cluster.green_mechanism",
    "cluster.energy_efficiency",
    "cluster.water_efficiency",
    "cluster.international_cooperation",
    "cluster.operator",
    "cluster.public_services",
    "cluster.three_year_plan",
    "cluster.no_major_incidents",
]
"""The cluster findings, in the order of the articles."""

CLUSTER_YEAR_BASED = [
    "cluster.output",
    "cluster.sme_share",
    "cluster.leading_share",
    "cluster.leading_growth",
    "cluster.innovation_growth",
    "cluster.patent_density",
    "cluster.carbon_intensity",
]
"""The cluster findings read from the years of the window."""

CLUSTER_NATIONAL_2022: dict[str, Any] = {
    "min_annual_output": "40亿元",
    "min_sme_share": "70%",
    "min_leading_share": "70%",
    "min_leading_growth": "10%",
    "min_designated_enterprises": 10,
}
"""The national 2022 figures as parameter overrides."""

CLUSTER_ATTESTATION_KEYS = [
    "local_pillar",
    "policy_compliant",
    "niche_leading",
    "chain_coordination",
    "shared_facilities",
    "standards_work",
    "digital_infrastructure",
    "green_mechanism",
    "international_cooperation",
    "operator",
    "public_services",
    "three_year_plan",
]
"""The attestations of a cluster application, spelled out (``cluster.ATTESTATIONS``)."""

CLUSTER_EFFICIENCY_CASES = [
    (True, True, "met"),
    (True, False, "not_met"),
    (True, None, "unknown"),
    (False, None, "not_applicable"),
    (False, False, "not_applicable"),
    (None, True, "unknown"),
]
"""(high consumption?, efficient?, the efficiency finding's status)."""

CLUSTER_EFFICIENCY_FACTS = [
    ("high_energy", "energy_efficiency_above_benchmark", "cluster.energy_efficiency"),
    ("high_water", "water_efficiency_above_average", "cluster.water_efficiency"),
]
"""(the high-consumption flag, the efficiency fact, its finding)."""


def cluster_year(y: int, **values: Any) -> dict[str, Any]:
    """One year of a cluster: 20亿元 output, 14亿元 of it by SMEs and by the leading industry;
    ``values`` replace fields."""
    row: dict[str, Any] = {
        "year": y,
        "output": "20亿元",
        "sme_output": "14亿元",
        "leading_output": "14亿元",
        "sme_rd_expense": "1000万元",
        "invention_patents": 100,
        "carbon_intensity": "1吨/万元",
    }
    row.update(values)
    return row


def cluster_margin_years() -> list[dict[str, Any]]:
    """2022–2024 with margins on every yearly test (leading output 10 → 12 → 14亿元)."""
    return [
        cluster_year(2022, leading_output="10亿元", carbon_intensity="1吨/万元"),
        cluster_year(2023, leading_output="12亿元", carbon_intensity="0.9吨/万元"),
        cluster_year(
            2024,
            leading_output="14亿元",
            carbon_intensity="0.8吨/万元",
            sme_rd_expense="2000万元",
            invention_patents=200,
        ),
    ]


def cluster_years(*rows: tuple[int, str, str, str, int, str]) -> list[dict[str, Any]]:
    """Years from ``(year, output, leading_output, sme_rd_expense, invention_patents,
    carbon_intensity)``, each with 12亿元 of SME output."""
    return [
        {
            "year": y,
            "output": out,
            "sme_output": "12亿元",
            "leading_output": lead,
            "sme_rd_expense": rd,
            "invention_patents": pat,
            "carbon_intensity": co2,
        }
        for y, out, lead, rd, pat, co2 in rows
    ]


def cluster_rest() -> dict[str, Any]:
    """The facts of a cluster application after its years: two designated enterprises, 600 of
    10,000 employees in R&D, two platforms, 8% industrial internet, no high energy or water use,
    no major incident, every attestation given."""
    return {
        "enterprises": [
            {"name": "甲公司", "designations": ["innovative_sme"]},
            {"name": "乙公司", "designations": ["high_tech"]},
        ],
        "employees": 10000,
        "rd_staff": 600,
        "innovation_platforms": 2,
        "industrial_internet_penetration": "8%",
        "high_energy": False,
        "high_water": False,
        "major_incidents_last_3_years": False,
        "attestations": dict.fromkeys(cluster.ATTESTATIONS, True),
    }


# ---------------------------------------------------------------------------------------------
# sme_innovative, sme_specialized
# ---------------------------------------------------------------------------------------------


def sme_general() -> dict[str, Any]:
    """The general admission conditions of 63号, attested (absent, each is review)."""
    return {
        "is_sme": True,
        "not_abnormal_or_dishonest": True,
        "no_major_incident": True,
    }


def specialized_66() -> dict[str, Any]:
    """附件2 at 66 points (专业化 18, 精细化 19, 特色化 10, 创新能力 19), basic conditions met, no
    direct condition; without the general conditions."""
    return {
        "niche_years": 5,
        "rd_expense_y1": "350万元",
        "rd_expense_y2": "300万元",
        "rd_expense_share": "5%",
        "revenue_y1": "7000万元",
        "equity_financing_2y": "0元",
        "main_revenue_share": "85%",
        "main_revenue_y1": "6000万元",
        "main_revenue_y2": "5400万元",
        "main_revenue_y3": "5000万元",
        "product_field": "foundation",
        "digital_level": "level2",
        "quality_items": ["own_brand", "system_certification"],
        "net_profit_margin": "7%",
        "debt_ratio": "45%",
        "characteristic_score": "10",
        "ip_class": "class1",
        "rd_staff_share": "12%",
        "rd_institution_level": "municipal",
        "science_awards_3y": [],
        "maker_china_top500_3y": False,
    }


def innovative_80(rd_expense_share: str = "4%") -> dict[str, Any]:
    """附件1 at 80 points (① 10, ② 15, ③ 20, ④ 10, ⑤ 10, ⑥ 15), no direct condition; without
    the general conditions. ``rd_expense_share`` from 3% to 5% keeps ② at 15."""
    return {
        "ip_class": "class1",
        "rd_expense_share": rd_expense_share,
        "main_revenue_y1": "1150万元",
        "main_revenue_y2": "1000万元",
        "debt_ratio": "55%",
        "product_field": "strategic_emerging",
        "main_revenue_share": "60%",
        "science_awards_3y": [],
        "valid_titles": [],
        "rd_institution_level": "municipal",
        "equity_financing_3y": "0元",
    }


PRIORITY_CHAINS = [
    "新能源汽车制造",
    "风电装备制造",
    "光伏装备制造",
    "现代煤化工",
    "有色金属加工",
    "稀土",
    "石墨(烯)",
    "中蒙医药",
]
"""The priority industrial chains of 实施细则 第三十条, in its order."""
PRIORITY_CLUSTERS = [
    "现代装备制造产业集群",
    "新型化工产业集群",
    "新材料产业集群",
    "有色金属加工产业集群",
    "生物医药产业集群",
]
"""The priority clusters of 第三十条."""
PRIORITY_BASES = ["能源和战略资源基地", "绿色农畜产品加工基地"]
"""The priority bases of 第三十条."""


# ---------------------------------------------------------------------------------------------
# first_set
# ---------------------------------------------------------------------------------------------


def first_set_applicant() -> dict[str, Any]:
    """An applicant meeting every condition on the enterprise."""
    return {
        "registered_in_region": True,
        "produced_in_region": True,
        "accidents_last_3_years": False,
        "management_standardized": True,
        "tax_compliant": True,
        "operating_normally": True,
        "credit_good": True,
        "design_and_integration_capability": True,
        "disqualified_for_false_materials": False,
    }


FIRST_SET_ATTESTATIONS = (
    "fits_industrial_policy",
    "technology_leading",
    "fills_regional_gap",
    "promotes_industry_upgrading",
    "no_large_market_record",
    "performance_reliable",
)
"""The product conditions a reviewer attests."""


def first_set_product() -> dict[str, Any]:
    """A product meeting every condition (attested, no licence or CCC needed)."""
    return {
        **dict.fromkeys(FIRST_SET_ATTESTATIONS, True),
        "first_in_region": True,
        "has_invention_or_utility_patent": True,
        "owns_core_ip": True,
        "owns_trademark": True,
        "technology_mature": True,
        "process_and_equipment_system": True,
        "has_product_standard": True,
        "market_prospects_good": True,
        "advanced_among_peers": True,
        "needs_production_license": False,
        "needs_ccc": False,
        "for_own_use_only": False,
        "oem_or_kit_assembly": False,
    }


def first_set_status(decision: nmgpolicy.Decision, name: str) -> str:
    """The status of finding ``first_set.<name>``."""
    return decision.finding(f"first_set.{name}").status.value


# ---------------------------------------------------------------------------------------------
# ferroalloy
# ---------------------------------------------------------------------------------------------


def ferroalloy_unit(uid: str = "1#", **changes: Any) -> dict[str, Any]:
    """A retired 硅铁 unit of the elimination plan that counts, assessed 10万吨, approved 12万吨
    (it counts 10); ``changes`` replace fields, ``None`` drops one."""
    base: dict[str, Any] = {
        "id": uid,
        "product": "硅铁",
        "assessed": "10万吨",
        "approved": "12万吨",
        "source": "elimination_plan",
        "in_region": True,
        "eliminated_category_2024": False,
        "furnace_type": "submerged_arc",
        "transformer": "25500kVA",
        "ferroalloy_smelting": True,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


# ---------------------------------------------------------------------------------------------
# disclosure and the command line
# ---------------------------------------------------------------------------------------------

CATALOG_IDS = [
    "agency-functions",
    "leadership-duties",
    "normative-documents",
    "other-documents",
    "power-lists",
    "foi-basics",
    "annual-budget",
    "annual-final-accounts",
    "proposals",
    "first-set-results",
    "ferroalloy-replacement",
    "explosives-safety-inspection",
    "sme-recognition",
    "cluster-recognition",
]
"""The disclosure catalog's item ids, in the catalog's order."""


def catalog_decisions(
    scenarios: Iterable[tuple[str, str | None, dt.date]],
) -> Iterator[tuple[str, str, str, str | None, dt.date, nmgpolicy.Decision]]:
    """Every catalog item decided under both readings of 第二十六条 (``article_26_role``
    ``ceiling`` and ``fallback``) for each (formed_on, published_on or None, evaluation day):
    (item id, role, formed, published, day, decision); a day the calendar does not cover is
    left out."""
    for entry in disclosure.catalog():
        for role in ("ceiling", "fallback"):
            for formed, published, on in scenarios:
                facts: dict[str, object] = {"item": entry.id, "formed_on": formed}
                if published is not None:
                    facts["published_on"] = published
                try:
                    d = nmgpolicy.evaluate(
                        "disclosure", facts, on=on, parameters={"article_26_role": role}
                    )
                except CalendarNotCovered:
                    continue
                yield entry.id, role, formed, published, on, d


def json_leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every leaf of a JSON value, with its path (keys and list indexes)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from json_leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from json_leaves(value, (*path, index))
    else:
        yield path, node


def run_cli(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    """The command line run in this process: (exit code, stdout, stderr); ``stdin`` (when
    given) replaces ``sys.stdin`` for the run."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv), out=out, err=err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()
