"""中小企业特色产业集群: recognition conditions, lifecycle dates and grounds of revocation.

Encodes 《内蒙古自治区中小企业特色产业集群培育认定管理暂行办法》 as quoted in the Baotou
bureau's disclosure catalog, as one declarative definition (:data:`DEFINITION`, criteria in the
order of the articles; kinds from :mod:`nmgpolicy.criteria` and :mod:`nmgpolicy.criteria_years`):

* 第五条 — the nine groups of basic conditions. The numbers of （二）（三）（五）（六） are
  parameters of ``data/cluster.toml``; the trend of （七） (二氧化碳排放强度持续下降) is checked
  year by year; the energy and water conditions of （七） apply only to high-consumption
  clusters; every qualitative condition is an attestation (true met, false not_met, absent
  review).
* 第六条 — no serious incident in the last three years: a hard condition.
* 第十一条 (validity, :func:`valid_until`), 第十二条 (annual report, :func:`annual_report_due`),
  第十四条 (filing a major change, :func:`change_filing_due`) and 第十五条 (revocation,
  :func:`revocation_grounds`), in ``_cluster_lifecycle``.

Readings (each documented in ``docs/rules/cluster.md``):

* "近三年" is the three calendar years before the application: the application date
  (``applied_on``), else the evaluation date, anchors them (applied 2025-06-01 → 2022, 2023,
  2024; ``recent_years_anchor = "application_year"``). Data that stop earlier leave the missing
  years unknown, data for other years are ignored (a note says so), and the Decision states the
  years used (``results["recent_years"]``). ``"latest_given"`` is the earlier reading: the years
  end with the latest year given, and a gap makes every finding on the yearly data unknown.
* A condition on every year ("近三年产值均在15亿元以上", "二氧化碳排放强度持续下降") fails on the
  first year (or pair of years) that fails it, whatever other years are missing; it is met only
  when every year is known and passes.
* 第五条（五）"…研发经费年均增长不低于5%，或有效发明专利年均增长率不低于8%，每万人发明专利拥有量
  不低于5个": the "或" joins only the two growth conditions; the patent density, the innovation
  platforms and the R&D staff share are each required.
* "年均增速" has no formula in the 办法: ``growth_method`` is ``cagr`` (compound: last/first >=
  (1+r)^n) or ``mean`` (mean of the yearly rates: Σ(y_i/y_(i-1) − 1) >= n·r), with
  ``growth_window_years`` data points ending with the last of the recent years (3: the three
  years, n = 2 steps; 4: with the year before them as the base, n = 3 steps). Both are
  compared exactly, by integer cross-multiplication, never with roots.
* Ratios (shares, per-10,000 densities, growth) are compared exactly and shown rounded *down*
  to at least the threshold's own decimal places, which never changes an at-least comparison.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Sequence
from functools import partial
from typing import Literal

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import AreaKm2, Count, Money, Share, TonnesPerYuan, structure
from nmgpolicy.criteria import Applies, Attestation, Compare, Flag, Threshold
from nmgpolicy.criteria_years import (
    AnyOf,
    DensityInYear,
    EachYear,
    GrowthRate,
    KeepsFalling,
    ShareInYear,
    ShareOf,
    frame_measure,
)
from nmgpolicy.definition import Criterion, Definition, Fact, Param, Row, measure
from nmgpolicy.engine import BaseRuleSet, register
from nmgpolicy.errors import Problem, problems_of
from nmgpolicy.outcome import Finding, Message
from nmgpolicy.params import Resolved
from nmgpolicy.rules._cluster_checks import check_facts, check_parameters
from nmgpolicy.rules._cluster_lifecycle import (
    AnnualReport,
    MajorChange,
    RevocationGround,
    RevocationRecord,
    annual_report_due,
    change_filing_due,
    revocation_grounds,
    valid_until,
)
from nmgpolicy.rules._cluster_results import report
from nmgpolicy.units import Kind

__all__ = [
    "ATTESTATIONS",
    "DEFINITION",
    "DESIGNATIONS",
    "AnnualReport",
    "Attestations",
    "ClusterFacts",
    "ClusterRuleSet",
    "Designation",
    "Enterprise",
    "MajorChange",
    "RevocationGround",
    "RevocationRecord",
    "YearFacts",
    "annual_report_due",
    "change_filing_due",
    "revocation_grounds",
    "valid_until",
]

RULESET_ID = "cluster"

Designation = Literal[
    "single_champion", "little_giant", "innovative_sme", "specialized_sme", "high_tech"
]
"""An enterprise's designation: 制造业单项冠军 (single_champion), 专精特新“小巨人” (little_giant),
创新型中小企业 (innovative_sme), 专精特新中小企业 (specialized_sme), 高新技术企业 (high_tech)."""
DESIGNATIONS: tuple[str, ...] = typing.get_args(Designation)


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


@attrs.frozen
class YearFacts:
    """One year's figures (第五条（二）（五）（七）); an absent figure is an unknown fact.

    ``invention_patents`` is the number of valid invention patents held at the end of the year
    (有效发明专利); ``carbon_intensity`` is CO₂ per output (``"0.9吨/万元"``).
    """

    year: int
    output: Money | None = None
    sme_output: Money | None = None
    leading_output: Money | None = None
    sme_rd_expense: Money | None = None
    invention_patents: Count | None = None
    carbon_intensity: TonnesPerYuan | None = None


@attrs.frozen
class Enterprise:
    """A cluster enterprise and the designations it holds (第五条（三）). Names are distinct."""

    name: str
    designations: tuple[Designation, ...] = ()


@attrs.frozen
class Attestations:
    """The qualitative conditions of 第五条, attested by the applicant or a reviewer.

    ``True`` met, ``False`` not met, absent → ``review``.
    """

    local_pillar: bool | None = None
    policy_compliant: bool | None = None
    niche_leading: bool | None = None
    chain_coordination: bool | None = None
    shared_facilities: bool | None = None
    standards_work: bool | None = None
    digital_infrastructure: bool | None = None
    green_mechanism: bool | None = None
    international_cooperation: bool | None = None
    operator: bool | None = None
    public_services: bool | None = None
    three_year_plan: bool | None = None


ATTESTATIONS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Attestations))
"""The attestation keys; each gives the finding ``cluster.<key>``."""


@attrs.frozen
class ClusterFacts:
    """Facts for ``evaluate("cluster", …)``. Every field is optional: absent means unknown.

    ``applied_on`` is the application date: "近三年" are the calendar years before it (without
    it, before the evaluation date). ``years`` are the figures of those years (three, or four
    with ``growth_window_years = 4``), in any order, each at most once; a year outside them is
    ignored, a missing one is unknown. ``employees`` and
    ``rd_staff`` are head counts (研发人员占比 = rd_staff / employees).
    ``innovation_platforms`` counts 自治区级及以上 manufacturing innovation centres or
    platforms. ``major_incidents_last_3_years`` is 第六条's question (true = an incident).
    """

    name: str | None = None
    leading_industry: str | None = None
    applied_on: dt.date | None = None
    area: AreaKm2 | None = None
    years: tuple[YearFacts, ...] | None = None
    enterprises: tuple[Enterprise, ...] | None = None
    employees: Count | None = None
    rd_staff: Count | None = None
    innovation_platforms: Count | None = None
    industrial_internet_penetration: Share | None = None
    high_energy: bool | None = None
    energy_efficiency_above_benchmark: bool | None = None
    high_water: bool | None = None
    water_efficiency_above_average: bool | None = None
    major_incidents_last_3_years: bool | None = None
    attestations: Attestations | None = None


# --------------------------------------------------------------------------------------------
# Measures: the quantities the criteria read
# --------------------------------------------------------------------------------------------


frame = frame_measure(
    "frame",
    entries=Fact("years"),
    applied_on=Fact("applied_on"),
    anchor=Param("recent_years_anchor"),
    recent=Param("recent_years"),
    trend=Param("growth_window_years"),
)
"""第五条 "近三年": the recent years and the trend years, anchored as ``recent_years_anchor``
says (``application_year``: the calendar years before ``applied_on``, else the evaluation date)."""


def _holding(row: Row, group: str) -> int | None:
    """How many enterprises hold a designation of ``group`` (``[anchor_designations]``)."""
    enterprises: Sequence[Enterprise] | None = row.facts.enterprises
    if enterprises is None:
        return None
    designations: Sequence[str] = row.ctx.data.extra["anchor_designations"][group]
    count = 0
    for enterprise in enterprises:
        for designation in enterprise.designations:
            if designation in designations:
                count += 1
                break
    return count


@measure(reads=(Fact("enterprises"),))
def champions(row: Row) -> int | None:
    """第五条（三）: the enterprises that are 制造业单项冠军 or 专精特新“小巨人”."""
    return _holding(row, "champion")


@measure(reads=(Fact("enterprises"),))
def designated(row: Row) -> int | None:
    """第五条（三）: the 创新型中小企业, 专精特新中小企业 and 高新技术企业 (each counted once)."""
    return _holding(row, "designated")


# --------------------------------------------------------------------------------------------
# The definition: 第五条 and 第六条, in the order of the articles
# --------------------------------------------------------------------------------------------


def _attest(*names: str) -> tuple[Criterion, ...]:
    return tuple(Attestation(f"cluster.{name}", Fact(f"attestations.{name}")) for name in names)


def _efficiency(cid: str, applies: str, value: str, industry: Message) -> Applies:
    """第五条（七）: an efficiency condition that binds only clusters of ``industry``."""
    return Applies(
        cid,
        when=Fact(applies),
        then=Flag(cid, Fact(value)),
        missing=Message(
            f"未说明集群是否属于{industry.zh}",
            f"whether the cluster is in {industry.en} is not given",
        ),
        reason=Message(f"集群不属于{industry.zh}", f"the cluster is not in {industry.en}"),
    )


_OUTPUT = Message("主导产业产值", "The leading industry's output")
_TOTAL = Message("总产值", "total output")
_TOTAL_OF_CLUSTER = Message("集群总产值", "the cluster's total output")
_GROWTH = Param("growth_method")

CRITERIA: tuple[Criterion, ...] = (
    # 第五条（一）
    *_attest("local_pillar", "policy_compliant", "niche_leading"),
    # 第五条（二）: 集群占地面积一般不超过100平方公里 ("一般": above it is review)
    Threshold(
        "cluster.area",
        Fact("area"),
        Param("max_area"),
        compare=Compare.AT_MOST,
        kind_of_value=Kind.AREA,
        soft=True,
    ),
    # 近三年产值均在15亿元以上 (each year)
    EachYear(
        "cluster.output",
        frame,
        "output",
        Param("min_annual_output"),
        noun=Message("产值", "output"),
        kind_of_value=Kind.MONEY,
        unit="亿元",
    ),
    # 中小企业产值、主导产业产值占集群总产值的60%以上 (the last of the recent years)
    ShareInYear(
        "cluster.sme_share",
        frame,
        "sme_output",
        "output",
        Param("min_sme_share"),
        part_name=Message("中小企业产值", "SME output"),
        whole_name=_TOTAL,
        whole_subject=_TOTAL_OF_CLUSTER,
    ),
    ShareInYear(
        "cluster.leading_share",
        frame,
        "leading_output",
        "output",
        Param("min_leading_share"),
        part_name=Message("主导产业产值", "leading-industry output"),
        whole_name=_TOTAL,
        whole_subject=_TOTAL_OF_CLUSTER,
    ),
    # 集群主导产业近三年年均增速不低于5%
    GrowthRate(
        "cluster.leading_growth",
        frame,
        "leading_output",
        Param("min_leading_growth"),
        _GROWTH,
        what=_OUTPUT,
        result="leading_growth",
    ),
    # 第五条（三）: 不少于1家单项冠军或“小巨人”，或者2家以上创新型中小企业…
    AnyOf(
        "cluster.anchor_enterprises",
        parts=(
            Threshold(
                "cluster.anchor_enterprises",
                champions,
                Param("min_champion_enterprises"),
                subject=Message(
                    "制造业单项冠军企业或专精特新“小巨人”企业数量（家）",
                    "The number of single champions or little giants",
                ),
            ),
            Threshold(
                "cluster.anchor_enterprises",
                designated,
                Param("min_designated_enterprises"),
                subject=Message(
                    "创新型中小企业、专精特新中小企业和高新技术企业数量（家）",
                    "The number of innovative SMEs, specialised SMEs and high-tech enterprises",
                ),
            ),
        ),
        keys=("champions", "designated"),
    ),
    # 第五条（四）
    *_attest("chain_coordination", "shared_facilities"),
    # 第五条（五）: 研发经费年均增长不低于5%，或有效发明专利年均增长率不低于8%
    AnyOf(
        "cluster.innovation_growth",
        parts=(
            GrowthRate(
                "cluster.innovation_growth",
                frame,
                "sme_rd_expense",
                Param("min_rd_expense_growth"),
                _GROWTH,
                what=Message("集群中小企业研发经费", "The cluster SMEs' R&D expense"),
                result="sme_rd_expense_growth",
            ),
            GrowthRate(
                "cluster.innovation_growth",
                frame,
                "invention_patents",
                Param("min_patent_growth"),
                _GROWTH,
                what=Message("有效发明专利数", "The number of valid invention patents"),
                result="patent_growth",
                display=int,
            ),
        ),
        keys=("sme_rd_expense", "invention_patents"),
        frame=frame,
    ),
    # 每万人发明专利拥有量不低于5个 (the last of the recent years)
    DensityInYear(
        "cluster.patent_density",
        frame,
        "invention_patents",
        Fact("employees"),
        Param("patent_density_per"),
        Param("min_patent_density"),
        count_name=Message("有效发明专利数", "the number of valid invention patents"),
        count_unit=Message("件", "patents"),
        people_unit=Message("人", "people"),
        result="patent_density",
        # the data file's title, its scale from ``patent_density_per`` (每万人 by default)
        subject=Message("每{per}发明专利拥有量", "Invention patents per {per}"),
    ),
    *_attest("standards_work"),
    Threshold(
        "cluster.innovation_platforms",
        Fact("innovation_platforms"),
        Param("min_innovation_platforms"),
    ),
    ShareOf(
        "cluster.rd_staff_share",
        Fact("rd_staff"),
        Fact("employees"),
        Param("min_rd_staff_share"),
        result="rd_staff_share",
    ),
    # 第五条（六）
    Threshold(
        "cluster.industrial_internet",
        Fact("industrial_internet_penetration"),
        Param("min_industrial_internet"),
        percent=True,
    ),
    *_attest("digital_infrastructure"),
    # 第五条（七）
    KeepsFalling(
        "cluster.carbon_intensity",
        frame,
        "carbon_intensity",
        noun=Message("二氧化碳排放强度", "the CO2 intensity"),
        kind_of_value=Kind.MASS_PER_MONEY,
    ),
    *_attest("green_mechanism"),
    _efficiency(
        "cluster.energy_efficiency",
        "high_energy",
        "energy_efficiency_above_benchmark",
        Message("高耗能行业", "a high-energy-consumption industry"),
    ),
    _efficiency(
        "cluster.water_efficiency",
        "high_water",
        "water_efficiency_above_average",
        Message("高耗水行业", "a high-water-consumption industry"),
    ),
    # 第五条（八）（九）
    *_attest("international_cooperation", "operator", "public_services", "three_year_plan"),
    # 第六条: 集群企业近三年未发生较大及以上事故… (true = there was one)
    Flag("cluster.no_major_incidents", Fact("major_incidents_last_3_years"), expected=False),
)


def _prepare(row: Row) -> None:
    check_parameters(row.params)


def _finish(row: Row, findings: Sequence[Finding]) -> None:
    report(row, findings, row(frame))


DEFINITION: Definition[ClusterFacts] = Definition(
    RULESET_ID, ClusterFacts, CRITERIA, prepare=_prepare, finish=_finish
)
"""第五条 and 第六条 of the cluster recognition measures, as data."""


class ClusterRuleSet(BaseRuleSet[ClusterFacts]):
    """第五条 (nine groups of conditions) and 第六条 of the cluster recognition measures."""

    id = RULESET_ID
    facts_type = ClusterFacts
    definition = DEFINITION

    @exact
    def parse_facts(self, facts: object) -> ClusterFacts:
        """Strict structuring (lists must be lists) plus the relations between the facts."""
        model = structure(facts, ClusterFacts)
        check_facts(model)
        return model

    def parameter_problems(self, params: Resolved, on: dt.date) -> Sequence[Problem]:
        """Under the caller's overrides, the years and counts must still work together (the
        trend window the recent years or one more; no negative minimum): reported with the
        facts' problems (:func:`_prepare` checks them again for a direct call of the
        definition)."""
        del on
        return problems_of(partial(check_parameters, params.values))


RULESET = register(ClusterRuleSet())
