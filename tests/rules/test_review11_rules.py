"""Independent review of issue 11: the rule sets rewritten as definitions, read against the law.

Both sides of every threshold of 第五条 of the cluster measures, of the first-set values, the
completion age and the validity (第五条（五）（六）, 第十四条), and of the disclosure deadlines
(政府信息公开条例 第二十六条, 预算法 第十四条, the catalog) — 《民法典》第一千二百五十九条:
"以上、以下、以内、届满" include the number, "不满、超过、以外" exclude it; 第二百零一条 to
第二百零三条 for periods. Exact at the largest amounts the input budget admits (10^18 元) and
at fractions of a fen; a missing fact is ``unknown``, a missing attestation ``review``.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.errors import NotInForce
from nmgpolicy.rules import cluster
from tests._builders import cluster_rest, cluster_years

D = dt.date
ON = D(2025, 6, 1)

# ---------------------------------------------------------------------------------------------
# cluster (《内蒙古自治区中小企业特色产业集群培育认定管理暂行办法》第五条、第六条)
# ---------------------------------------------------------------------------------------------

CLUSTER: dict[str, Any] = {
    "applied_on": "2025-05-20",  # 近三年 = 2022, 2023, 2024
    "area": "85平方公里",
    "years": cluster_years(
        (2022, "16亿元", "10亿元", "1000万元", 600, "1吨/万元"),
        (2023, "17亿元", "10.5亿元", "1100万元", 700, "0.9吨/万元"),
        (2024, "18亿元", "11.1亿元", "1200万元", 800, "0.8吨/万元"),
    ),
    **cluster_rest(),
}


def facts(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(CLUSTER)
    out.update(changes)
    return out


def with_year(year: int, **changes: Any) -> dict[str, Any]:
    out = facts()
    for entry in out["years"]:
        if entry["year"] == year:
            entry.update(changes)
    return out


def status(ruleset_facts: dict[str, Any], finding: str, **parameters: object) -> str:
    decision = nmgpolicy.evaluate("cluster", ruleset_facts, on=ON, parameters=parameters or None)
    return decision.finding(finding).status.value


def test_the_base_application_is_eligible() -> None:
    assert nmgpolicy.evaluate("cluster", facts(), on=ON).status.value == "eligible"


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("100平方公里", "met"),  # 一般不超过100平方公里: 100 itself is not above it
        ("10000公顷", "met"),
        ("100.000001平方公里", "review"),  # 一般: above it a reviewer decides, never not_met
        ("1000平方公里", "review"),
    ],
)
def test_area_one_hundred_km2_is_a_soft_upper_bound(area: str, expected: str) -> None:
    assert status(facts(area=area), "cluster.area") == expected


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("15亿元", "met"),  # 均在15亿元以上: 以上 includes 15亿
        ("1500000000元", "met"),
        ("14.9999999999亿元", "not_met"),  # one fen short
        ("1499999999.999元", "not_met"),
    ],
)
@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_output_of_each_recent_year_at_15_yi(year: int, output: str, expected: str) -> None:
    changed = with_year(year, output=output)
    for entry in changed["years"]:  # keep every part within the output
        entry["sme_output"] = entry["leading_output"] = "9亿元"
    assert status(changed, "cluster.output") == expected


def test_a_failing_year_fails_output_whatever_another_year_lacks() -> None:
    changed = with_year(2022, output="14亿元", sme_output="9亿元")
    changed["years"][1].pop("output")
    assert status(changed, "cluster.output") == "not_met"
    changed = with_year(2022, output="15亿元", sme_output="9亿元")
    changed["years"][1].pop("output")
    assert status(changed, "cluster.output") == "unknown"


@pytest.mark.parametrize(
    ("field", "finding"),
    [("sme_output", "cluster.sme_share"), ("leading_output", "cluster.leading_share")],
)
@pytest.mark.parametrize(
    ("part", "expected"),
    [("10.8亿元", "met"), ("10.7999999999亿元", "not_met"), ("18亿元", "met")],
)
def test_shares_of_sixty_percent_in_the_last_recent_year(
    field: str, finding: str, part: str, expected: str
) -> None:
    # 2024 output 18亿元: 60% is exactly 10.8亿元 (以上 includes it)
    assert status(with_year(2024, **{field: part}), finding) == expected


@pytest.mark.parametrize(
    ("part", "expected"),
    [("600000000000000000元", "met"), ("599999999999999999.99元", "not_met")],
)
def test_shares_are_exact_at_the_largest_amounts(part: str, expected: str) -> None:
    changed = facts()
    for entry in changed["years"]:
        entry.update(output="1000000000000000000元", sme_output=part, leading_output=part)
    assert status(changed, "cluster.sme_share") == expected
    assert status(changed, "cluster.leading_share") == expected


@pytest.mark.parametrize(
    ("part", "expected"), [("0.03元", "met"), ("0.0299999元", "not_met"), ("0.05元", "met")]
)
def test_shares_are_exact_at_fractions_of_a_fen(part: str, expected: str) -> None:
    changed = with_year(2024, output="0.05元", sme_output=part, leading_output=part)
    assert status(changed, "cluster.sme_share") == expected


def test_a_share_of_a_zero_total_is_review_and_a_missing_part_unknown() -> None:
    zero = with_year(2024, output="0元", sme_output="0元", leading_output="0元")
    assert status(zero, "cluster.sme_share") == "review"
    missing = with_year(2024)
    missing["years"][2].pop("sme_output")
    assert status(missing, "cluster.sme_share") == "unknown"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("10亿元", "11.025亿元", "met"),  # 不低于5%: 1.05^2 = 1.1025 exactly
        ("10亿元", "11.0249999999亿元", "not_met"),
        ("400000000000000000元", "441000000000000000元", "met"),
        ("400000000000000000元", "440999999999999999.99元", "not_met"),
        ("0.04元", "0.0441元", "met"),
        ("0.04元", "0.04409999元", "not_met"),
    ],
)
def test_leading_growth_compound_five_percent_both_sides(
    first: str, last: str, expected: str
) -> None:
    changed = facts()
    for entry in changed["years"]:
        entry["output"] = "1000000000000000000元"
    changed["years"][0]["leading_output"] = first
    changed["years"][1]["leading_output"] = first
    changed["years"][2]["leading_output"] = last
    assert status(changed, "cluster.leading_growth") == expected


@pytest.mark.parametrize(
    ("middle", "last", "expected"),
    [
        ("10亿元", "11亿元", "met"),  # rates 0% and 10%: mean 5%
        ("10亿元", "10.9999999999亿元", "not_met"),
        ("10.5亿元", "11.025亿元", "met"),
    ],
)
def test_leading_growth_mean_of_the_yearly_rates(middle: str, last: str, expected: str) -> None:
    changed = facts()
    changed["years"][0]["leading_output"] = "10亿元"
    changed["years"][1]["leading_output"] = middle
    changed["years"][2]["leading_output"] = last
    assert status(changed, "cluster.leading_growth", growth_method="mean") == expected


def test_growth_with_a_zero_base_is_review_and_with_a_missing_year_unknown() -> None:
    zero = with_year(2022, leading_output="0元")
    assert status(zero, "cluster.leading_growth") == "review"
    missing = facts()
    missing["years"][0].pop("leading_output")
    assert status(missing, "cluster.leading_growth") == "unknown"


@pytest.mark.parametrize(
    ("enterprises", "expected"),
    [
        ([{"name": "甲", "designations": ["little_giant"]}], "met"),  # 不少于1家
        ([{"name": "甲", "designations": ["single_champion"]}], "met"),
        ([{"name": "甲", "designations": ["innovative_sme"]}], "not_met"),  # 2家以上: 1 < 2
        (
            [
                {"name": "甲", "designations": ["innovative_sme"]},
                {"name": "乙", "designations": ["specialized_sme"]},
            ],
            "met",
        ),
        ([{"name": "甲", "designations": ["innovative_sme", "high_tech"]}], "not_met"),
        ([], "not_met"),
        (None, "unknown"),
    ],
)
def test_anchor_enterprises_one_champion_or_two_designated(
    enterprises: list[dict[str, Any]] | None, expected: str
) -> None:
    changed = facts(enterprises=enterprises)
    if enterprises is None:
        changed.pop("enterprises")
    assert status(changed, "cluster.anchor_enterprises") == expected


@pytest.mark.parametrize(
    ("rd_last", "patents_last", "expected"),
    [
        ("1102.5万元", 0, "met"),  # 研发经费年均增长不低于5%
        ("1102.4999万元", 11664, "met"),  # 或有效发明专利年均增长率不低于8%: 1.08^2 = 1.1664
        ("1102.4999万元", 11663, "not_met"),
        ("1000万元", 11663, "not_met"),
    ],
)
def test_innovation_growth_rd_five_or_patents_eight_percent(
    rd_last: str, patents_last: int, expected: str
) -> None:
    changed = facts()
    for entry in changed["years"]:
        entry["sme_rd_expense"] = "1000万元"
        entry["invention_patents"] = 10000
    changed["years"][2].update(sme_rd_expense=rd_last, invention_patents=patents_last)
    assert status(changed, "cluster.innovation_growth") == expected


@pytest.mark.parametrize(
    ("patents", "employees", "expected"),
    [(5, 10000, "met"), (4, 10000, "not_met"), (5, 10001, "not_met"), (6, 12000, "met")],
)
def test_patent_density_five_per_ten_thousand(patents: int, employees: int, expected: str) -> None:
    changed = with_year(2024, invention_patents=patents)
    changed.update(employees=employees, rd_staff=min(600, employees))
    assert status(changed, "cluster.patent_density") == expected


@pytest.mark.parametrize(
    ("finding", "key", "met", "not_met"),
    [
        ("cluster.innovation_platforms", "innovation_platforms", 2, 1),  # 不少于2个
        ("cluster.rd_staff_share", "rd_staff", 600, 599),  # 不少于6% of 10,000
        ("cluster.industrial_internet", "industrial_internet_penetration", "8%", "7.9999%"),
    ],
)
def test_counts_and_shares_of_article_5_both_sides(
    finding: str, key: str, met: object, not_met: object
) -> None:
    assert status(facts(**{key: met}), finding) == "met"
    assert status(facts(**{key: not_met}), finding) == "not_met"
    absent = facts()
    absent.pop(key)
    assert status(absent, finding) == "unknown"


def test_carbon_intensity_must_fall_every_year() -> None:
    assert status(facts(), "cluster.carbon_intensity") == "met"
    flat = with_year(2023, carbon_intensity="1吨/万元")
    assert status(flat, "cluster.carbon_intensity") == "not_met"  # 持续下降: equal is no fall
    gap = facts()
    gap["years"][1].pop("carbon_intensity")
    assert status(gap, "cluster.carbon_intensity") == "unknown"


@pytest.mark.parametrize(
    ("high", "efficient", "expected"),
    [
        (True, True, "met"),
        (True, False, "not_met"),
        (True, None, "unknown"),
        (False, None, "not_applicable"),
        (None, True, "unknown"),
    ],
)
def test_energy_efficiency_binds_only_high_energy_clusters(
    high: bool | None, efficient: bool | None, expected: str
) -> None:
    changed = facts(high_energy=high, energy_efficiency_above_benchmark=efficient)
    assert status(changed, "cluster.energy_efficiency") == expected


def test_missing_facts_are_unknown_and_missing_attestations_review() -> None:
    decision = nmgpolicy.evaluate("cluster", {}, on=ON)
    statuses = {f.id: f.status.value for f in decision.findings}
    for name in cluster.ATTESTATIONS:
        assert statuses[f"cluster.{name}"] == "review"
    for finding in (
        "cluster.area",
        "cluster.output",
        "cluster.sme_share",
        "cluster.leading_growth",
        "cluster.anchor_enterprises",
        "cluster.innovation_growth",
        "cluster.patent_density",
        "cluster.innovation_platforms",
        "cluster.rd_staff_share",
        "cluster.industrial_internet",
        "cluster.carbon_intensity",
        "cluster.energy_efficiency",
        "cluster.no_major_incidents",
    ):
        assert statuses[finding] == "unknown", finding
    assert decision.status.value == "undetermined"
    incident = facts(major_incidents_last_3_years=True)
    assert status(incident, "cluster.no_major_incidents") == "not_met"  # 第六条


def test_an_override_moves_the_threshold_and_the_words() -> None:
    changed = with_year(2024, output="40亿元", sme_output="24亿元", leading_output="24亿元")
    decision = nmgpolicy.evaluate(
        "cluster", changed, on=ON, parameters={"min_annual_output": "40亿元"}
    )
    finding = decision.finding("cluster.output")
    assert finding.status.value == "not_met"
    assert "40亿元" in finding.message.zh and "15亿元" not in finding.message.zh


# ---------------------------------------------------------------------------------------------
# first_set (《…首台（套）…首批（次）认定管理暂行办法》第五条（五）（六）、第十四条)
# ---------------------------------------------------------------------------------------------

FS_ON = D(2025, 7, 1)


def first_set(**given: Any) -> nmgpolicy.Decision:
    parameters = given.pop("parameters", None)
    return nmgpolicy.evaluate("first_set", given, on=FS_ON, parameters=parameters)


@pytest.mark.parametrize(
    ("category", "at", "below"),
    [
        ("complete_set", "80万元/套", "79.9999999万元/套"),  # 80万元/套以上
        ("single_equipment", "10万元/台", "99999.99元/台"),  # 10万元/台以上
        ("key_component", "2万元/吨", "19999.999元/吨"),  # 2万元/吨以上
        ("new_material", "1万元/吨", "9999.99元/吨"),  # 1万元/吨以上
    ],
)
def test_unit_value_thresholds_include_the_number(category: str, at: str, below: str) -> None:
    def unit(value: str) -> str:
        return (
            first_set(category=category, unit_value=value)
            .finding("first_set.unit_value")
            .status.value
        )

    assert unit(at) == "met"
    assert unit(below) == "not_met"
    assert first_set(category=category).finding("first_set.unit_value").status.value == "unknown"


@pytest.mark.parametrize(
    ("value", "expected", "gap"),
    [
        ("79.99999999999999999999万元/套", "not_met", "-0.00000000000000000001万元/套"),
        ("80.00000000000000000000万元/套", "met", "0万元/套"),
        ("799999.99999999999999999元/套", "not_met", "-0.000000000000000000001万元/套"),
        ("1000000000000000000元/套", "met", "99999999999920万元/套"),
        ("0.000000000000000001元/套", "not_met", "-79.9999999999999999999999万元/套"),
    ],
)
def test_unit_value_is_exact_at_the_extremes(value: str, expected: str, gap: str) -> None:
    finding = first_set(category="complete_set", unit_value=value).finding("first_set.unit_value")
    assert finding.status.value == expected
    assert str(finding.gap) == gap


def test_unit_value_without_a_category_is_unknown() -> None:
    finding = first_set(unit_value="85万元/套").finding("first_set.unit_value")
    assert finding.status.value == "unknown"


@pytest.mark.parametrize(
    ("completed", "applied", "expected"),
    [
        ("2023-06-01", "2025-06-01", "met"),  # 一般不超过2年: the corresponding day is within
        ("2023-06-01", "2025-06-02", "review"),  # 一般: beyond, a reviewer decides
        ("2024-02-29", "2026-02-28", "met"),  # 民法典 第202条: no 29 February → its last day
        ("2024-02-29", "2026-03-01", "review"),
        ("2025-06-01", "2025-06-01", "met"),
    ],
)
def test_completion_age_two_years_both_sides(completed: str, applied: str, expected: str) -> None:
    decision = first_set(completed_on=completed, applied_on=applied)
    assert decision.finding("first_set.completion_age").status.value == expected


def test_completion_age_with_the_rest_day_roll_as_a_what_if() -> None:
    # 2023-10-01 + 2年 = 2025-10-01, within the 2025 National Day holiday (10-01 to 10-08)
    plain = first_set(completed_on="2023-10-01", applied_on="2025-10-02")
    assert plain.finding("first_set.completion_age").status.value == "review"
    rolled = first_set(
        completed_on="2023-10-01",
        applied_on="2025-10-09",
        parameters={"completion_age_end": "rest_day_roll"},
    )
    assert rolled.finding("first_set.completion_age").status.value == "met"
    late = first_set(
        completed_on="2023-10-01",
        applied_on="2025-10-10",
        parameters={"completion_age_end": "rest_day_roll"},
    )
    assert late.finding("first_set.completion_age").status.value == "review"


def test_completion_age_missing_a_date_is_unknown() -> None:
    for given in ({"completed_on": "2024-01-01"}, {"applied_on": "2025-01-01"}, {}):
        finding = first_set(**given).finding("first_set.completion_age")
        assert finding.status.value == "unknown"


def test_first_set_missing_facts_are_unknown_and_missing_attestations_review() -> None:
    decision = first_set()
    statuses = {f.id: f.status.value for f in decision.findings}
    for name in ("patent", "registered_in_region", "first_in_region", "core_ip", "trademark"):
        assert statuses[f"first_set.{name}"] == "unknown"
    for name in ("no_accidents", "not_own_use", "not_kit_assembly", "not_disqualified"):
        assert statuses[f"first_set.{name}"] == "unknown"  # an absent fact is never true
    for name in ("technology_leading", "tax_compliant", "performance_reliable"):
        assert statuses[f"first_set.{name}"] == "review"
    assert decision.status.value == "undetermined"


@pytest.mark.parametrize(
    ("applied", "in_force"),
    [("2023-01-01", True), ("2025-01-01", True), ("2025-01-02", False), ("2022-12-31", False)],
)
def test_the_two_years_of_article_14_from_publication(applied: str, in_force: bool) -> None:
    # 自发布之日起施行，有效期2年: published 2023-01-01, the 2 years end on 2025-01-01
    parameters = {"published_on": "2023-01-01"}
    if in_force:
        decision = first_set(applied_on=applied, parameters=parameters)
        assert decision.results["validity"]["end"] == D(2025, 1, 1)
    else:
        with pytest.raises(NotInForce):
            first_set(applied_on=applied, parameters=parameters)


# ---------------------------------------------------------------------------------------------
# disclosure (政府信息公开条例 第二十六条, 预算法 第十四条第二款, the catalog)
# ---------------------------------------------------------------------------------------------


def disclosure(item: str, formed: str, published: str | None, on: D) -> nmgpolicy.Decision:
    given: dict[str, Any] = {"item": item, "formed_on": formed}
    if published is not None:
        given["published_on"] = published
    return nmgpolicy.evaluate("disclosure", given, on=on)


@pytest.mark.parametrize(
    ("item", "formed", "due"),
    [
        # 20个工作日 from Friday 2024-03-01 (the start day not counted): Friday 03-29
        ("first-set-results", "2024-03-01", D(2024, 3, 29)),
        # across the Mid-Autumn make-up Sunday 09-29, National Day and Saturday 10-12: 10-23
        ("cluster-recognition", "2024-09-20", D(2024, 10, 23)),
        ("agency-functions", "2024-09-20", D(2024, 10, 23)),
        # 预算法 第十四条: 20日 after the 批复; 2024-10-01 is a rest day, rolled to 10-08
        ("annual-budget", "2024-09-11", D(2024, 10, 8)),
    ],
)
def test_disclosure_deadline_both_sides(item: str, formed: str, due: D) -> None:
    on = D(2025, 6, 1)
    on_time = disclosure(item, formed, due.isoformat(), on)
    assert on_time.finding("disclosure.on_time").status.value == "met"
    assert on_time.results["due"] == due and on_time.results["late_days"] == 0
    late = disclosure(item, formed, (due + dt.timedelta(days=1)).isoformat(), on)
    assert late.finding("disclosure.on_time").status.value == "not_met"
    assert late.results["late_days"] == 1
    # not yet published: pending on the last day, late the day after
    assert disclosure(item, formed, None, due).finding("disclosure.on_time").status.value == "met"
    after = disclosure(item, formed, None, due + dt.timedelta(days=1))
    assert after.finding("disclosure.on_time").status.value == "not_met"


def test_lateness_counts_calendar_and_working_days() -> None:
    late = disclosure("first-set-results", "2024-03-01", "2024-04-01", D(2024, 6, 1))
    assert (late.results["late_days"], late.results["late_working_days"]) == (3, 1)
    weekend = disclosure("first-set-results", "2024-03-01", "2024-03-30", D(2024, 6, 1))
    assert (weekend.results["late_days"], weekend.results["late_working_days"]) == (1, 0)
    assert weekend.finding("disclosure.on_time").status.value == "not_met"
