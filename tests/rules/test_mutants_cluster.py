"""The cluster rule set's contract, pinned where mutation testing found it loose
(docs/mutation.md): the checks of the facts and parameters (every problem at its path, both
sides of every bound), the lifecycle dates of 第十一条、第十二条、第十四条 and the grounds of
第十五条, the results and notes of a decision, and the counts of 第五条（三）."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.errors import CalendarNotCovered, InputError
from nmgpolicy.outcome import Amount, Message, Status
from nmgpolicy.rules import cluster
from nmgpolicy.rules._cluster_checks import check_parameters
from nmgpolicy.units import Kind
from tests.test_mutants_criteria_years import ON, ev, facts

D = dt.date


def problems(data: dict[str, Any], **parameters: object) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate("cluster", data, on=ON, parameters=parameters or None)
    return {p.path: p.message for p in caught.value.problems}


# ---- the checks of the facts --------------------


def test_every_problem_of_the_facts_is_reported_at_its_path() -> None:
    data = facts(employees=0, rd_staff=5)
    data["years"] = [
        {"year": 999, "output": "1亿元", "sme_output": "2亿元"},
        {"year": 2023, "output": "1亿元", "sme_output": "1.5亿元", "leading_output": "3亿元"},
        {"year": 2023},
        {"year": 10000},
    ]
    data["enterprises"] = [
        {"name": "甲 公司"},
        {"name": " \u3000"},
        {"name": "甲公司"},
        {"name": "ＡＢ"},
        {"name": "AB"},
    ]
    found = problems(data)
    assert found == {
        "$.years[0].year": "expected a four-digit year, got 999; e.g. 2024",
        "$.years[0].sme_output": "200 million yuan exceeds the cluster's total output "
        '100 million yuan (a part of it); e.g. at most "1亿元"',
        "$.years[1].sme_output": found["$.years[1].sme_output"],
        "$.years[1].leading_output": found["$.years[1].leading_output"],
        "$.years[2].year": "year 2023 is given twice (also at $.years[1]); each year must "
        "appear once, e.g. 2022, 2023, 2024",
        "$.years[3].year": "expected a four-digit year, got 10000; e.g. 2024",
        "$.enterprises[1].name": 'an enterprise needs a name; e.g. "某某科技有限公司"',
        "$.enterprises[2].name": "enterprise '甲公司' is listed twice (also at $.enterprises[0]); "
        "list each enterprise once with all its designations, "
        'e.g. {"name": "…", "designations": ["innovative_sme", "high_tech"]}',
        "$.enterprises[4].name": found["$.enterprises[4].name"],
        "$.employees": "a cluster has at least one employee, got 0; e.g. 12000",
    }
    assert "also at $.enterprises[3]" in found["$.enterprises[4].name"]
    assert found["$.years[1].leading_output"].startswith("300 million yuan exceeds")


def test_the_bounds_of_the_facts_checks_include_their_edges() -> None:
    data = facts(employees=600, rd_staff=600)  # every employee in R&D: allowed
    data["years"] = [
        {"year": 1000, "output": "1亿元", "sme_output": "1亿元", "leading_output": "1亿元"},
        {"year": 9999},
    ]
    assert nmgpolicy.evaluate("cluster", data, on=ON).status is not None
    over = problems(facts(employees=600, rd_staff=601))
    assert over == {"$.rd_staff": "601 R&D staff exceed the 600 employees; e.g. 60"}


# ---- the checks of the parameters --------------------

PARAMETERS: dict[str, Any] = {
    "recent_years": 3,
    "growth_window_years": 3,
    "min_champion_enterprises": 1,
    "min_designated_enterprises": 2,
    "min_innovation_platforms": 2,
    "patent_density_per": 10000,
    "min_patent_density": Decimal(5),
}


def parameter_problems(**changes: object) -> dict[str, str]:
    try:
        check_parameters({**PARAMETERS, **changes})
    except InputError as error:
        return {p.path: p.message for p in error.problems}
    return {}


def test_the_parameters_relations_on_both_sides_of_each_bound() -> None:
    assert parameter_problems() == {}
    assert parameter_problems(recent_years=1, growth_window_years=2) == {}
    assert parameter_problems(recent_years=10, growth_window_years=11) == {}
    assert parameter_problems(recent_years=3, growth_window_years=4) == {}
    assert parameter_problems(recent_years=0) == {
        "$.parameters.recent_years": "expected a number of years from 1 to 10, got 0; e.g. 3"
    }
    assert "got 11" in parameter_problems(recent_years=11)["$.parameters.recent_years"]
    window = "$.parameters.growth_window_years"
    assert parameter_problems(growth_window_years=5)[window] == (
        "expected 3 (the recent years themselves) or 4 (with the year before them as the base), "
        "and at least 2 (a growth needs two years), got 5; e.g. 3"
    )
    assert "got 2" in parameter_problems(growth_window_years=2)[window]
    assert parameter_problems(recent_years=1, growth_window_years=1)[window].endswith(
        "got 1; e.g. 2"
    )
    assert parameter_problems(min_champion_enterprises=0, patent_density_per=1) == {}
    assert parameter_problems(min_patent_density=Decimal(0)) == {}


def test_every_problem_of_the_parameters_is_reported() -> None:
    found = parameter_problems(
        recent_years=0,
        min_champion_enterprises=-1,
        min_designated_enterprises=-1,
        min_innovation_platforms=-1,
        patent_density_per=0,
        min_patent_density=Decimal(-1),
    )
    assert found == {
        "$.parameters.recent_years": "expected a number of years from 1 to 10, got 0; e.g. 3",
        "$.parameters.min_champion_enterprises": "must not be negative, got -1; e.g. 2",
        "$.parameters.min_designated_enterprises": "must not be negative, got -1; e.g. 2",
        "$.parameters.min_innovation_platforms": "must not be negative, got -1; e.g. 2",
        "$.parameters.patent_density_per": "must be at least 1, got 0; e.g. 10000",
        "$.parameters.min_patent_density": 'must not be negative; e.g. "5"',
    }


def test_an_evaluation_checks_the_relation_of_its_parameters() -> None:
    assert problems(facts(), growth_window_years=5) == {
        "$.parameters.growth_window_years": parameter_problems(growth_window_years=5)[
            "$.parameters.growth_window_years"
        ]
    }


# ---- 第五条（三）: the anchor enterprises --------------------


def test_an_enterprise_counts_once_however_many_designations_of_a_group_it_holds() -> None:
    data = facts(
        enterprises=[
            {"name": "甲", "designations": ["innovative_sme", "high_tech", "specialized_sme"]},
            {"name": "乙", "designations": ["single_champion", "little_giant"]},
        ]
    )
    d = ev(data)
    anchor = d.finding("cluster.anchor_enterprises")
    assert anchor.measured == {"champions": Decimal(1), "designated": Decimal(1)}
    assert anchor.status is Status.MET  # one champion suffices
    assert d.results["anchor_enterprises"] == {"champions": ["乙"], "designated": ["甲"]}
    assert ev(facts(enterprises=[])).results["anchor_enterprises"] == {
        "champions": [],
        "designated": [],
    }


# ---- 第五条（七）、第六条 --------------------


def test_the_efficiency_conditions_bind_only_high_consumption_clusters() -> None:
    d = ev(facts(high_energy=True, energy_efficiency_above_benchmark=False))
    energy = d.finding("cluster.energy_efficiency")
    assert energy.status is Status.NOT_MET
    water = ev(facts(high_water=None)).finding("cluster.water_efficiency")
    assert (water.status, water.message) == (
        Status.UNKNOWN,
        Message(
            "缺少事实：未说明集群是否属于高耗水行业。",
            "Fact missing: whether the cluster is in a high-water-consumption industry is not "
            "given.",
        ),
    )
    exempt = ev(facts()).finding("cluster.energy_efficiency")
    assert exempt.status is Status.NOT_APPLICABLE
    assert exempt.message.zh == "不适用：集群不属于高耗能行业。"
    assert ev(facts(major_incidents_last_3_years=True)).finding(
        "cluster.no_major_incidents"
    ).status is (Status.NOT_MET)


# ---- the results and notes of a decision --------------------

RECENT = "“近三年”为申请日期（2025-05-20）前的三个完整年度：2022、2023、2024年。"


def notes(d: nmgpolicy.Decision) -> list[str]:
    return [n.zh for n in d.notes][1:]  # after the note on the measures' unverified dates


def test_the_results_of_a_decision() -> None:
    d = ev(facts(name="某集群", leading_industry="稀土"))
    results = d.results
    assert (results["name"], results["leading_industry"]) == ("某集群", "稀土")
    assert results["growth_method"] == "cagr"
    assert results["recent_years_anchor"] == "application_year"
    assert results["anchor_date"] == D(2025, 5, 20)
    assert results["latest_year"] == 2024
    assert results["recent_years"] == results["trend_years"] == [2022, 2023, 2024]
    assert results["missing_years"] == results["missing_trend_years"] == []
    assert results["ignored_years"] == []
    first = results["years"][0]
    assert first == {
        "year": 2022,
        "output": Amount(Decimal(1_600_000_000), Kind.MONEY),
        "sme_output": Amount(Decimal(1_200_000_000), Kind.MONEY),
        "leading_output": Amount(Decimal(1_000_000_000), Kind.MONEY),
        "sme_share": Decimal("0.75"),
        "leading_share": Decimal("0.625"),
        "sme_rd_expense": Amount(Decimal(10_000_000), Kind.MONEY),
        "invention_patents": 600,
        "carbon_intensity": Amount(Decimal("0.0001"), Kind.MASS_PER_MONEY),
    }
    assert [row["year"] for row in results["years"]] == [2022, 2023, 2024]


def test_results_without_figures_and_with_a_zero_or_blank_year() -> None:
    d = ev(facts(years=[], enterprises=None))
    results = d.results
    assert results["years"] == [] and results["latest_year"] is None
    assert results["anchor_enterprises"] is None
    for key in ("leading_growth", "sme_rd_expense_growth", "patent_growth", "patent_density"):
        assert results[key] is None
    data = facts()
    data["years"] = [
        {"year": 2024, "output": "0元", "sme_output": "0元"},
        {"year": 2023, "output": "1亿元"},
    ]
    rows = ev(data).results["years"]
    assert [row["year"] for row in rows] == [2023, 2024]  # in year order
    assert rows[0]["sme_share"] is None and rows[1]["sme_share"] is None
    assert rows[0]["output"] == Amount(Decimal(100_000_000), Kind.MONEY)
    assert rows[0]["carbon_intensity"] is None and rows[0]["sme_rd_expense"] is None
    assert ev(data).results["missing_years"] == [2022]


def test_the_notes_say_which_years_were_used_and_why() -> None:
    assert notes(ev(facts())) == [RECENT]
    undated = facts()
    del undated["applied_on"]
    d = ev(undated)
    assert notes(d) == [
        "“近三年”为评估日期（2025-06-01；未提供申请日期）前的三个完整年度：2022、2023、2024年。"
    ]
    assert d.notes[1].en == (
        "The 3 recent years are the 3 calendar years before the evaluation date (2025-06-01; "
        "no application date given): 2022, 2023, 2024."
    )
    late = ev(facts(applied_on="2025-06-02"))
    assert notes(late)[1:] == ["申请日期（2025-06-02）晚于评估日期（2025-06-01）。"]
    assert len(notes(ev(facts(applied_on="2025-06-01")))) == 1  # the same day is not after
    four = ev(facts(), growth_window_years=4)
    assert notes(four) == [
        RECENT,
        "年均增速和“持续下降”按2021–2024年的数据计算（以近三年之前的一年为基年）。",
    ]
    assert four.results["trend_years"] == [2021, 2022, 2023, 2024]
    assert four.results["missing_trend_years"] == [2021]
    extra = facts()
    extra["years"].append({"year": 2019, "output": "1亿元"})
    d = ev(extra)
    assert notes(d) == [RECENT, "所提供的2019年数据不在所用年度（2022–2024年）内，未予采用。"]
    assert d.notes[-1].en == (
        "The figures given for 2019 are outside the years used (2022–2024) and were not used."
    )
    assert d.results["ignored_years"] == [2019]
    one = ev(facts(), recent_years=1, growth_window_years=2)
    assert notes(one)[0] == "“近一年”为申请日期（2025-05-20）前的一个完整年度：2024年。"
    ten = ev(facts(), recent_years=10, growth_window_years=10)
    assert notes(ten)[0].startswith("“近十年”为申请日期（2025-05-20）前的十个完整年度：2015、")


def test_under_the_strict_reading_the_notes_check_the_latest_year() -> None:
    strict = {"recent_years_anchor": "latest_given"}
    taken = "“近三年”按所提供数据的最近年度确定为{}（未按申请日期确定）。"
    d = ev(facts(), **strict)
    assert notes(d) == [taken.format("2022–2024年")]
    assert d.notes[1].en == (
        "The 3 recent years are taken to end with the latest year given: 2022–2024 (not counted "
        "back from the application date)."
    )
    assert d.results["anchor_date"] is None
    two_back = facts()
    two_back["years"] = two_back["years"][:2]  # latest 2023, two years before 2025: plausible
    assert notes(ev(two_back, **strict)) == [taken.format("2021–2023年")]
    three_back = facts()
    three_back["years"] = three_back["years"][:1]  # latest 2022
    assert notes(ev(three_back, **strict))[1] == (
        "所提供的最近年度为2022年，早于评估日期（2025-06-01）前两年：请核对所用数据是否为申报前的“近三年”。"
    )
    this_year = facts()
    this_year["years"].append({"year": 2025})
    assert notes(ev(this_year, **strict))[-1] == (
        "所提供的最近年度为2025年，评估日期为2025-06-01：该年度尚未结束，“近三年”应为申报前已结束的年度。"
    )
    assert notes(ev(facts(years=[]), **strict)) == []
    ahead = facts()
    ahead["years"].append({"year": 2026})  # a year after the evaluation's
    assert notes(ev(ahead, **strict))[-1].startswith(
        "所提供的最近年度为2026年，评估日期为2025-06-01："
    )


def test_counts_of_years_as_the_measures_write_them() -> None:
    from nmgpolicy.rules._cluster_results import _count_zh

    assert [_count_zh(n) for n in (0, 1, 3, 10, 11, -1)] == ["零", "一", "三", "十", "11", "-1"]


def test_the_industrial_internet_penetration_reads_as_a_percentage() -> None:
    f = ev(facts(industrial_internet_penetration="7.9%")).finding("cluster.industrial_internet")
    assert (f.status, f.message.zh) == (
        Status.NOT_MET,
        "工业互联网平台应用普及率为7.9%，要求不低于8%，相差0.1%，不符合。",
    )


# ---- 第十一条、第十二条、第十四条 --------------------


def test_valid_until_three_years_to_the_corresponding_day() -> None:
    assert cluster.valid_until("2024-02-29") == D(2027, 2, 28)
    assert cluster.valid_until(D(2024, 3, 1)) == D(2027, 3, 1)
    assert cluster.valid_until("2024-02-29", renewed=True) == D(2030, 2, 28)
    assert cluster.valid_until("2024-03-01", renewed=False) == D(2027, 3, 1)
    assert cluster.valid_until("2025-03-01", parameters={"validity_period": "2年"}) == D(2027, 3, 1)
    assert cluster.valid_until(
        "2025-03-01", renewed=True, parameters={"renewal_period": "1年"}
    ) == D(2029, 3, 1)
    with pytest.raises(TypeError):
        cluster.valid_until("2024-01-01", True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        cluster.change_filing_due("2025-01-01", {})  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        cluster.annual_report_due(2026, {})  # type: ignore[call-arg]
    with pytest.raises(InputError) as caught:
        cluster.valid_until("2024-01-01", renewed=1)  # type: ignore[arg-type]
    assert caught.value.problems[0].path == "$.renewed"
    with pytest.raises(InputError) as caught:
        cluster.valid_until("9997-06-01")
    assert caught.value.problems[0].message == (
        "3年 from 9997-06-01 ends after the last representable date"
    )
    with pytest.raises(InputError) as caught:
        cluster.valid_until("9994-06-01", renewed=True)
    assert caught.value.problems[0].path == "$.recognized_on"


def test_annual_report_due_on_10_march_inclusive_or_not() -> None:
    assert cluster.annual_report_due(2026) == D(2026, 3, 10)
    exclusive = {"annual_report_due_inclusive": False}
    assert cluster.annual_report_due(2026, parameters=exclusive) == D(2026, 3, 9)
    assert cluster.annual_report_due(1000) == D(1000, 3, 10)
    assert cluster.annual_report_due(9999) == D(9999, 3, 10)
    for bad in (999, 10000, True, 2026.0, "2026"):
        with pytest.raises(InputError) as caught:
            cluster.annual_report_due(bad)  # type: ignore[arg-type]
        assert caught.value.problems[0].path == "$.year"
    with pytest.raises(InputError) as caught:
        cluster.annual_report_due(
            2026, parameters={"annual_report_month": 2, "annual_report_day": 30}
        )
    assert caught.value.problems[0].message == "no day 30 in 2026-02; e.g. 10"
    leap = {"annual_report_month": 2, "annual_report_day": 29}
    assert cluster.annual_report_due(2028, parameters=leap) == D(2028, 2, 29)
    assert cluster.annual_report_due(2026, parameters={"annual_report_month": 12}) == D(
        2026, 12, 10
    )
    assert cluster.annual_report_due(2026, parameters={"annual_report_month": 1}) == D(2026, 1, 10)


def test_change_filing_due_one_month_rolled_past_rest_days() -> None:
    assert cluster.change_filing_due("2025-09-04") == D(2025, 10, 9)  # past the National Day
    assert cluster.change_filing_due(D(2025, 1, 15)) == D(2025, 2, 17)  # past a weekend
    assert cluster.change_filing_due("2025-03-05") == D(2025, 4, 7)  # 4-5 April: Qingming


# ---- 第十五条 --------------------


def test_every_ground_of_revocation_in_clause_order() -> None:
    grounds = cluster.revocation_grounds(
        {
            "review_failed": True,
            "false_reporting": True,
            "violations": True,
            "report_late": True,
            "refused_monitoring": True,
            "major_incidents": True,
        }
    )
    assert [(g.id, g.clause) for g in grounds] == [
        ("review_failed", "（一）"),
        ("false_reporting_or_violation", "（二）"),
        ("reporting_or_monitoring_failure", "（三）"),
        ("major_incident", "（五）"),
    ]
    assert [[r.zh for r in g.reasons] for g in grounds] == [
        ["有效期满复核未通过"],
        ["发现虚报", "存在违法违规行为"],
        ["未及时报送发展情况", "不接受、不配合监测监督工作"],
        ["集群企业发生第十五条（五）所列事故、事件或行为"],
    ]
    assert grounds[0].citation.article == "第十五条"
    assert grounds[0].title.zh == "有效期满经复核未通过"
    assert grounds[1].to_dict()["reasons"] == [
        {"zh": "发现虚报", "en": "false reporting"},
        {"zh": "存在违法违规行为", "en": "a violation of laws or rules"},
    ]
    assert grounds[1].to_dict()["clause"] == "（二）"
    assert grounds[1].to_dict()["citation"]["article"] == "第十五条"
    assert grounds[1].to_dict()["title"]["zh"] == grounds[1].title.zh
    assert grounds[1].to_dict()["id"] == "false_reporting_or_violation"
    assert cluster.revocation_grounds({"false_reporting": False, "violations": None}) == ()
    only = cluster.revocation_grounds(cluster.RevocationRecord(violations=True))
    assert [r.en for r in only[0].reasons] == ["a violation of laws or rules"]


def test_reports_late_or_missing_as_of_the_assessment_date() -> None:
    record = {
        "reports": [
            {"year": 2024, "submitted_on": "2024-03-10"},  # on the last day: on time
            {"year": 2025, "submitted_on": "2025-03-11"},  # a day late
            {"year": 2026},  # not submitted, due 2026-03-10
        ]
    }
    (ground,) = cluster.revocation_grounds(record, on="2026-03-11")
    assert [(r.zh, r.en) for r in ground.reasons] == [
        (
            "2024年度发展情况应不晚于2025-03-10报送，于2025-03-11报送",
            "the report on 2024 was due by 2025-03-10; submitted on 2025-03-11",
        ),
        (
            "2025年度发展情况应不晚于2026-03-10报送，截至2026-03-11未报送",
            "the report on 2025 was due by 2026-03-10; not submitted as of 2026-03-11",
        ),
    ]
    (ground,) = cluster.revocation_grounds(record, on="2026-03-10")  # not yet late
    assert len(ground.reasons) == 1
    (ground,) = cluster.revocation_grounds(record)  # without a date only acts done late count
    assert len(ground.reasons) == 1


def test_major_changes_filed_late_or_not_filed() -> None:
    record = {
        "changes": [
            {"changed_on": "2025-09-04", "what": "运营管理机构变更", "filed_on": "2025-10-10"},
            {"changed_on": "2025-09-04", "filed_on": "2025-10-09"},  # the rolled last day
            {"changed_on": "2025-09-04", "filed_on": "2025-10-04"},  # the corresponding day
            {"changed_on": "2025-01-01"},
        ]
    }
    (ground,) = cluster.revocation_grounds(record, on="2026-03-11")
    assert ground.id == "unfiled_major_change" and ground.clause == "（四）"
    assert [(r.zh, r.en) for r in ground.reasons] == [
        (
            "2025-09-04发生的运营管理机构变更应不晚于2025-10-09备案，于2025-10-10备案",
            "the change of 2025-09-04 (运营管理机构变更) was to be filed by 2025-10-09; "
            "filed on 2025-10-10",
        ),
        (
            "2025-01-01发生的重大变动应不晚于2025-02-05备案，截至2026-03-11未备案",
            "the change of 2025-01-01 (重大变动) was to be filed by 2025-02-05; "
            "not filed as of 2026-03-11",
        ),
    ]
    assert cluster.revocation_grounds({"changes": [{"changed_on": "2025-01-01"}]}) == ()
    pending = {"changes": [{"changed_on": "2025-09-04"}]}
    assert cluster.revocation_grounds(pending, on="2025-10-09") == ()
    (late,) = cluster.revocation_grounds(pending, on="2025-10-10")
    assert late.reasons[0].zh.endswith("截至2025-10-10未备案")


def test_every_problem_of_a_record_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        cluster.revocation_grounds(
            {
                "reports": [
                    {"year": 999},
                    {"year": 2025},
                    {"year": 2025, "submitted_on": "2024-12-31"},
                    {"year": 10000},
                ],
                "changes": [
                    {"changed_on": "2025-01-02", "filed_on": "2025-01-01"},
                    {"changed_on": "2025-01-02", "filed_on": "2025-01-02"},
                    {"changed_on": "2025-01-03", "filed_on": "2025-01-01"},
                ],
            }
        )
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.reports[0].year", "expected a four-digit year, got 999; e.g. 2026"),
        ("$.reports[2].year", "year 2025 is given twice; e.g. 2026"),
        (
            "$.reports[2].submitted_on",
            'the report on 2024 cannot be submitted before that year ends; e.g. "2025-03-01"',
        ),
        ("$.reports[3].year", "expected a four-digit year, got 10000; e.g. 2026"),
        ("$.changes[0].filed_on", 'filed before the change (2025-01-02); e.g. "2025-01-02"'),
        ("$.changes[2].filed_on", 'filed before the change (2025-01-03); e.g. "2025-01-03"'),
    ]
    fine = {"reports": [{"year": 1000, "submitted_on": "1000-01-01"}, {"year": 9999}]}
    assert cluster.revocation_grounds(fine) == ()
    with pytest.raises(InputError) as caught:
        cluster.revocation_grounds({"reports": [{"year": 2026, "submitted_on": "2025-12-31"}]})
    assert caught.value.problems[0].message.startswith("the report on 2025 cannot be submitted")


def test_a_report_submitted_in_a_later_year_is_late_not_wrong() -> None:
    (ground,) = cluster.revocation_grounds(
        {"reports": [{"year": 2025, "submitted_on": "2026-01-05"}]}
    )
    assert [r.zh for r in ground.reasons] == [
        "2024年度发展情况应不晚于2025-03-10报送，于2026-01-05报送"
    ]


def test_a_change_filed_by_its_corresponding_day_needs_no_calendar() -> None:
    # 2035 has no official schedule: filing on the corresponding day is on time whatever the
    # roll, so no calendar is needed; a day later the roll decides, and it needs 2035
    on_time = {"changes": [{"changed_on": "2035-01-10", "filed_on": "2035-02-10"}]}
    assert cluster.revocation_grounds(on_time) == ()
    with pytest.raises(CalendarNotCovered):
        cluster.revocation_grounds(
            {"changes": [{"changed_on": "2035-01-10", "filed_on": "2035-02-11"}]}
        )
    with pytest.raises(TypeError):
        cluster.revocation_grounds({}, "2026-01-01")  # type: ignore[call-arg]


def test_the_public_home_of_the_lifecycle_names() -> None:
    for public in (
        cluster.AnnualReport,
        cluster.MajorChange,
        cluster.RevocationRecord,
        cluster.RevocationGround,
        cluster.valid_until,
        cluster.annual_report_due,
        cluster.change_filing_due,
        cluster.revocation_grounds,
    ):
        assert public.__module__ == "nmgpolicy.rules.cluster"
