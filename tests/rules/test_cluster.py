"""The cluster rule set: 第五条、第六条 conditions, lifecycle dates and 第十五条 grounds."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import cluster
from nmgpolicy.errors import CalendarNotCovered, InputError
from nmgpolicy.params import load_parameters
from tests._builders import (
    CLUSTER_EFFICIENCY_CASES,
    CLUSTER_EFFICIENCY_FACTS,
    CLUSTER_IDS,
    CLUSTER_NATIONAL_2022,
    CLUSTER_YEAR_BASED,
    cluster_rest,
)

D = dt.date
ON = D(2025, 6, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cluster"

IDS = CLUSTER_IDS
YEAR_BASED = CLUSTER_YEAR_BASED
NATIONAL_2022 = CLUSTER_NATIONAL_2022

BASE: dict[str, Any] = {
    "name": "测试集群",
    "leading_industry": "稀土永磁",
    "area": "100平方公里",
    "years": [
        {
            "year": 2022,
            "output": "20亿元",
            "sme_output": "13亿元",
            "leading_output": "10亿元",
            "sme_rd_expense": "1000万元",
            "invention_patents": 625,
            "carbon_intensity": "1.0吨/万元",
        },
        {
            "year": 2023,
            "output": "20亿元",
            "sme_output": "13亿元",
            "leading_output": "11亿元",
            "sme_rd_expense": "1100万元",
            "invention_patents": 700,
            "carbon_intensity": "0.9吨/万元",
        },
        {
            "year": 2024,
            "output": "20亿元",
            "sme_output": "12亿元",
            "leading_output": "12亿元",
            "sme_rd_expense": "1200万元",
            "invention_patents": 800,
            "carbon_intensity": "0.8吨/万元",
        },
    ],
    **cluster_rest(),
}


def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def ev(facts: object, *, on: dt.date = ON, **parameters: object) -> nmgpolicy.Decision:
    return evaluate(facts, on, parameters)


def evaluate(facts: object, on: dt.date, parameters: dict[str, object]) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("cluster", facts, on=on, parameters=parameters or None)


def status(facts: object, finding: str, **parameters: object) -> str:
    return evaluate(facts, ON, parameters).finding(finding).status.value


def year(facts: dict[str, Any], y: int) -> dict[str, Any]:
    entry: dict[str, Any] = next(e for e in facts["years"] if e["year"] == y)
    return entry


def paths(error: pytest.ExceptionInfo[InputError]) -> tuple[str, ...]:
    return error.value.paths


def seed_text() -> str:
    resource = resources.files("nmgpolicy").joinpath("data", "baotou_miit_catalog.tsv")
    return resource.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The whole decision
# --------------------------------------------------------------------------------------------


def test_base_application_is_eligible_with_every_finding_in_article_order() -> None:
    d = ev(base())
    assert d.status.value == "eligible"
    assert [f.id for f in d.findings] == IDS
    assert {f.status.value for f in d.findings} == {"met", "not_applicable"}
    assert all(f.binding for f in d.findings)
    json.dumps(d.to_dict(), ensure_ascii=False)
    assert d.to_dict()["status"] == "eligible"


def test_registered_and_alias_module() -> None:
    from nmgpolicy.rules import cluster as rules_cluster

    assert "cluster" in nmgpolicy.rulesets()
    assert cluster.valid_until is rules_cluster.valid_until
    assert set(cluster.__all__) <= set(dir(rules_cluster))
    assert nmgpolicy.get_ruleset("cluster").title.zh == "内蒙古自治区中小企业特色产业集群培育认定"


def test_every_finding_cites_the_seed_text_exactly() -> None:
    text = seed_text()
    data = load_parameters("cluster")
    assert set(data.criteria) == set(IDS)
    for f in ev(base()).findings:
        assert f.citation is not None
        assert f.citation.document == "《内蒙古自治区中小企业特色产业集群培育认定管理暂行办法》"
        assert f.citation.text in text, f.id
    for name, parameter in data.parameters.items():
        assert parameter.citation is not None, name
        assert parameter.citation.text in text, name
    for key, spec in data.extra["revocation_grounds"].items():
        assert spec["citation"]["text"] in text, key


def test_attestation_keys_have_criteria() -> None:
    data = load_parameters("cluster")
    for name in cluster.ATTESTATIONS:
        assert f"cluster.{name}" in data.criteria
    groups = data.extra["anchor_designations"]
    assert sorted(groups["champion"] + groups["designated"]) == sorted(cluster.DESIGNATIONS)


def test_window_note_says_the_dates_are_unknown() -> None:
    d = ev(base(), on=D(1990, 1, 1))  # no in-force window: not refused
    assert any("施行日期" in n.zh for n in d.notes)


def test_empty_facts_are_undetermined_never_eligible() -> None:
    d = ev({})
    assert d.status.value == "undetermined"
    for fid in YEAR_BASED:
        assert d.finding(fid).status.value == "unknown"
        assert "未提供年度数据" in d.finding(fid).message.zh
    assert d.finding("cluster.local_pillar").status.value == "review"
    assert d.finding("cluster.energy_efficiency").status.value == "unknown"
    assert d.finding("cluster.no_major_incidents").status.value == "unknown"
    assert d.finding("cluster.area").status.value == "unknown"
    assert d.finding("cluster.anchor_enterprises").status.value == "unknown"
    assert d.results["anchor_enterprises"] is None
    assert d.results["latest_year"] is None


def test_explain_and_markdown() -> None:
    d = ev(base())
    assert "近三年产值均在15亿元以上" in d.explain("zh")
    assert "growth factor" in d.explain("en")
    assert "| `cluster.output` |" in d.to_markdown("en")


# --------------------------------------------------------------------------------------------
# 第五条（二）: area, output, shares, growth
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "expected"),
    [("100平方公里", "met"), ("99.99平方公里", "met"), ("100.01平方公里", "review")],
)
def test_area_is_soft_at_100_km2(area: str, expected: str) -> None:
    facts = base()
    facts["area"] = area
    d = ev(facts)
    assert d.finding("cluster.area").status.value == expected
    assert d.status.value == ("eligible" if expected == "met" else "undetermined")


def test_area_in_hectares_and_missing() -> None:
    facts = base()
    facts["area"] = "10000公顷"  # = 100 km²
    assert status(facts, "cluster.area") == "met"
    del facts["area"]
    assert status(facts, "cluster.area") == "unknown"


@pytest.mark.parametrize("y", [2022, 2023, 2024])
@pytest.mark.parametrize(("output", "expected"), [("14.99亿元", "not_met"), ("15亿元", "met")])
def test_output_in_any_one_year(y: int, output: str, expected: str) -> None:
    facts = base()
    # Keep the 2024 shares at 60 % or more, so that only the output decides.
    year(facts, y).update(output=output, sme_output="9亿元", leading_output="9亿元")
    f = ev(facts).finding("cluster.output")
    assert f.status.value == expected
    assert str(y) in f.message.zh
    assert str(f.required) == "15亿元"


def test_output_gap_and_lowest_year() -> None:
    facts = base()
    year(facts, 2023)["output"] = "14.99亿元"
    year(facts, 2023)["sme_output"] = "10亿元"
    f = ev(facts).finding("cluster.output")
    assert f.to_dict()["measured"] == "14.99亿元"
    assert f.to_dict()["gap"] == "-0.01亿元"  # in the threshold's unit


def test_output_missing_value_is_unknown_unless_another_year_fails() -> None:
    facts = base()
    del year(facts, 2023)["output"]
    f = ev(facts).finding("cluster.output")
    assert f.status.value == "unknown"
    assert "2023年产值" in f.message.zh
    year(facts, 2022)["output"] = "14亿元"
    year(facts, 2022)["sme_output"] = "10亿元"
    assert status(facts, "cluster.output") == "not_met"


@pytest.mark.parametrize(
    ("field", "fid"),
    [("sme_output", "cluster.sme_share"), ("leading_output", "cluster.leading_share")],
)
@pytest.mark.parametrize(
    ("value", "expected", "shown"),
    [("11.998亿元", "not_met", "0.5999"), ("12亿元", "met", "0.6"), ("20亿元", "met", "1")],
)
def test_shares_at_60_percent(field: str, fid: str, value: str, expected: str, shown: str) -> None:
    facts = base()
    year(facts, 2024)[field] = value
    d = ev(facts)
    f = d.finding(fid)
    assert f.status.value == expected
    assert f.to_dict()["measured"] == shown
    assert f.to_dict()["required"] == "0.6"
    assert "2024" in f.message.zh


def test_shares_are_of_the_latest_year_and_every_year_is_reported() -> None:
    facts = base()
    year(facts, 2022)["sme_output"] = "1亿元"  # an earlier year's share does not decide
    d = ev(facts)
    assert d.finding("cluster.sme_share").status.value == "met"
    rows = d.to_dict()["results"]["years"]
    assert [r["year"] for r in rows] == [2022, 2023, 2024]
    assert [r["sme_share"] for r in rows] == ["0.05", "0.65", "0.6"]
    assert [r["leading_share"] for r in rows] == ["0.5", "0.55", "0.6"]


def test_share_missing_and_zero_total() -> None:
    facts = base()
    del year(facts, 2024)["sme_output"]
    f = ev(facts).finding("cluster.sme_share")
    assert f.status.value == "unknown"
    assert "2024年中小企业产值未提供" in f.message.zh
    del year(facts, 2024)["output"]
    f = ev(facts).finding("cluster.sme_share")
    assert "总产值、中小企业产值" in f.message.zh
    facts = base()
    year(facts, 2024).update(output="0亿元", sme_output="0亿元", leading_output="0亿元")
    d = ev(facts)
    assert d.finding("cluster.sme_share").status.value == "review"
    assert d.finding("cluster.output").status.value == "not_met"
    assert d.results["years"][2]["sme_share"] is None


@pytest.mark.parametrize(("last", "expected"), [("11.025亿元", "met"), ("11.0249亿元", "not_met")])
def test_leading_growth_cagr_exactly_5_percent(last: str, expected: str) -> None:
    facts = base()
    year(facts, 2024)["leading_output"] = last
    year(facts, 2024)["output"] = "15亿元"
    year(facts, 2024)["sme_output"] = "12亿元"
    d = ev(facts)
    f = d.finding("cluster.leading_growth")
    assert f.status.value == expected
    assert f.to_dict()["required"] == "1.1025"  # 1.05 ** 2: two yearly steps
    growth = d.to_dict()["results"]["leading_growth"]
    assert growth["method"] == "cagr"
    assert growth["steps"] == 2
    assert growth["years"] == [2022, 2023, 2024]
    assert growth["ratio"] == ("1.1025" if expected == "met" else "1.10249")


@pytest.mark.parametrize(
    ("middle", "last", "expected"),
    [("10.5亿元", "11.025亿元", "met"), ("10.5亿元", "11.0249亿元", "not_met")],
)
def test_leading_growth_mean_exactly_5_percent(middle: str, last: str, expected: str) -> None:
    facts = base()
    year(facts, 2023)["leading_output"] = middle
    year(facts, 2024).update(leading_output=last, output="15亿元", sme_output="12亿元")
    d = ev(facts, growth_method="mean")
    f = d.finding("cluster.leading_growth")
    assert f.status.value == expected
    assert f.to_dict()["required"] == "0.05"
    assert d.results["leading_growth"]["method"] == "mean"
    assert "算术平均" in f.message.zh
    assert d.overrides == {"growth_method": "mean"}


def test_cagr_and_mean_can_disagree() -> None:
    # 10 → 5 → 10: the yearly rates are −50 % and +100 % (mean +25 %), but no growth overall.
    facts = base()
    year(facts, 2022)["leading_output"] = "10亿元"
    year(facts, 2023)["leading_output"] = "5亿元"
    year(facts, 2024).update(leading_output="10亿元", output="15亿元", sme_output="12亿元")
    assert status(facts, "cluster.leading_growth") == "not_met"
    assert status(facts, "cluster.leading_growth", growth_method="mean") == "met"
    d = ev(facts, growth_method="mean")
    assert d.to_dict()["results"]["leading_growth"]["mean_rate"] == "0.25"


def test_growth_window_of_four_years() -> None:
    facts = base()
    d = ev(facts, growth_window_years=4)
    f = d.finding("cluster.leading_growth")
    assert f.status.value == "unknown"
    assert "2021" in f.message.zh
    assert d.finding("cluster.output").status.value == "met"  # the three years are complete
    assert d.results["missing_trend_years"] == [2021]
    facts["years"].append(
        {
            "year": 2021,
            "output": "20亿元",
            "leading_output": "10亿元",
            "sme_rd_expense": "1000万元",
            "invention_patents": 600,
            "carbon_intensity": "1.1吨/万元",
        }
    )
    year(facts, 2022)["leading_output"] = "10.5亿元"
    year(facts, 2024)["leading_output"] = "11.57625亿元"  # 10 × 1.05³ exactly
    d = ev(facts, growth_window_years=4)
    f = d.finding("cluster.leading_growth")
    assert f.status.value == "met"
    assert f.to_dict()["required"] == "1.157625"
    assert d.results["leading_growth"]["steps"] == 3
    year(facts, 2024)["leading_output"] = "11.576249亿元"
    assert status(facts, "cluster.leading_growth", growth_window_years=4) == "not_met"


def test_growth_missing_value_and_zero_base() -> None:
    facts = base()
    del year(facts, 2023)["leading_output"]
    f = ev(facts).finding("cluster.leading_growth")
    assert f.status.value == "unknown"
    assert "2023年主导产业产值未提供" in f.message.zh
    facts = base()
    year(facts, 2022)["leading_output"] = "0亿元"
    assert status(facts, "cluster.leading_growth") == "review"
    year(facts, 2022)["leading_output"] = "10亿元"
    year(facts, 2023)["leading_output"] = "0亿元"
    assert status(facts, "cluster.leading_growth") == "met"  # cagr looks at the ends only
    assert status(facts, "cluster.leading_growth", growth_method="mean") == "review"


# --------------------------------------------------------------------------------------------
# The year window
# --------------------------------------------------------------------------------------------


def test_fewer_than_three_years_leave_only_the_findings_on_those_years_unknown() -> None:
    facts = base()
    facts["years"] = [e for e in facts["years"] if e["year"] != 2022]
    d = ev(facts)
    # 2022 is one of the years before the application (2025): findings that need it are unknown.
    for fid in (
        "cluster.output",
        "cluster.leading_growth",
        "cluster.innovation_growth",
        "cluster.carbon_intensity",
    ):
        f = d.finding(fid)
        assert f.status.value == "unknown", fid
        assert "缺少2022年的年度数据" in f.message.zh and "2022" in f.message.en
    # The shares and the density are of the last year, 2024, which is given.
    for fid in ("cluster.sme_share", "cluster.leading_share", "cluster.patent_density"):
        assert d.finding(fid).status.value == "met", fid
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert d.results["missing_years"] == [2022]
    assert d.status.value == "undetermined"


def test_fewer_than_three_years_under_the_latest_given_reading() -> None:
    facts = base()
    facts["years"] = [e for e in facts["years"] if e["year"] != 2022]
    d = ev(facts, recent_years_anchor="latest_given")
    for fid in YEAR_BASED:
        f = d.finding(fid)
        assert f.status.value == "unknown", fid
        assert "2022" in f.message.zh and "2022" in f.message.en
    assert d.results["missing_years"] == [2022]
    assert d.status.value == "undetermined"
    # Facts that do not rest on the years are still decided.
    assert d.finding("cluster.rd_staff_share").status.value == "met"


def test_a_gap_in_the_window_names_the_missing_year() -> None:
    facts = base()
    facts["years"] = [e for e in facts["years"] if e["year"] != 2023]
    facts["years"].append({"year": 2021, "output": "20亿元"})
    d = ev(facts)
    assert d.finding("cluster.output").status.value == "unknown"
    assert "缺少2023年" in d.finding("cluster.output").message.zh
    assert d.results["recent_years"] == [2022, 2023, 2024]


def test_older_years_outside_the_window_are_ignored() -> None:
    facts = base()
    facts["years"].append({"year": 2015, "output": "1亿元"})
    d = ev(facts)
    assert d.status.value == "eligible"
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert d.results["years"][0]["year"] == 2015


def test_empty_year_list() -> None:
    facts = base()
    facts["years"] = []
    d = ev(facts)
    assert all(d.finding(fid).status.value == "unknown" for fid in YEAR_BASED)


def test_order_of_years_does_not_matter() -> None:
    facts = base()
    shuffled = base()
    shuffled["years"] = list(reversed(shuffled["years"]))
    assert ev(facts).to_dict() == ev(shuffled).to_dict()


def test_duplicate_year_is_refused_at_its_path() -> None:
    facts = base()
    facts["years"].append(dict(facts["years"][0]))
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.years[3].year",)
    assert "$.years[0]" in info.value.problems[0].message


def test_implausible_year_is_refused() -> None:
    facts = base()
    facts["years"][1]["year"] = 23
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.years[1].year",)


@pytest.mark.parametrize(
    ("latest", "on", "phrase"),
    [(2025, D(2025, 6, 1), "尚未结束"), (2021, D(2025, 6, 1), "请核对")],
)
def test_notes_when_the_years_do_not_fit_the_evaluation_date(
    latest: int, on: dt.date, phrase: str
) -> None:
    # The earlier reading (the years end with the latest year given) warns about stale years.
    facts = base()
    for offset, entry in enumerate(sorted(facts["years"], key=lambda e: e["year"])):
        entry["year"] = latest - 2 + offset
    d = ev(facts, on=on, recent_years_anchor="latest_given")
    assert any(phrase in n.zh for n in d.notes)
    assert d.results["recent_years"] == [latest - 2, latest - 1, latest]
    earlier = ev(base(), on=on, recent_years_anchor="latest_given")
    assert not any(phrase in n.zh for n in earlier.notes)


@pytest.mark.parametrize(
    ("latest", "ignored", "missing"),
    [(2025, [2025], [2022]), (2021, [2019, 2020, 2021], [2022, 2023, 2024])],
)
def test_years_outside_the_application_window_are_ignored_with_a_note(
    latest: int, ignored: list[int], missing: list[int]
) -> None:
    facts = base()
    for offset, entry in enumerate(sorted(facts["years"], key=lambda e: e["year"])):
        entry["year"] = latest - 2 + offset
    d = ev(facts)
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert d.results["ignored_years"] == ignored
    assert d.results["missing_years"] == missing
    assert any("未予采用" in n.zh and str(ignored[-1]) in n.zh for n in d.notes)
    assert d.finding("cluster.output").status.value == "unknown"


# --------------------------------------------------------------------------------------------
# 第五条（三）: anchor enterprises
# --------------------------------------------------------------------------------------------


def test_one_enterprise_with_two_designations_is_one_enterprise() -> None:
    facts = base()
    facts["enterprises"] = [{"name": "甲公司", "designations": ["innovative_sme", "high_tech"]}]
    f = ev(facts).finding("cluster.anchor_enterprises")
    assert f.status.value == "not_met"
    assert f.to_dict()["measured"] == {"champions": "0", "designated": "1"}
    assert f.to_dict()["required"] == {"champions": "1", "designated": "2"}


def test_two_designated_enterprises_suffice() -> None:
    f = ev(base()).finding("cluster.anchor_enterprises")
    assert f.status.value == "met"
    assert "满足其一即可" in f.message.zh


@pytest.mark.parametrize("designation", ["single_champion", "little_giant"])
def test_one_champion_or_little_giant_suffices(designation: str) -> None:
    facts = base()
    facts["enterprises"] = [{"name": "甲公司", "designations": [designation]}]
    assert status(facts, "cluster.anchor_enterprises") == "met"


def test_no_enterprises_and_unknown_enterprises() -> None:
    facts = base()
    facts["enterprises"] = [{"name": "甲公司"}]
    assert status(facts, "cluster.anchor_enterprises") == "not_met"
    facts["enterprises"] = []
    assert status(facts, "cluster.anchor_enterprises") == "not_met"
    del facts["enterprises"]
    assert status(facts, "cluster.anchor_enterprises") == "unknown"


def test_enterprise_names_must_be_distinct_and_present() -> None:
    facts = base()
    facts["enterprises"] = [
        {"name": "甲公司", "designations": ["high_tech"]},
        {"name": " 甲公司", "designations": ["innovative_sme"]},
        {"name": "  ", "designations": []},
    ]
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.enterprises[1].name", "$.enterprises[2].name")


def test_bad_designations_are_refused_with_an_example() -> None:
    facts = base()
    facts["enterprises"] = [
        {"name": "甲公司", "designations": ["high_tech", "giant"]},
        {"name": "乙公司", "designations": "high_tech"},
        {"name": "丙公司", "designations": None},
        {"name": "丁公司", "designations": [3]},
    ]
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == (
        "$.enterprises[0].designations[1]",
        "$.enterprises[1].designations",
        "$.enterprises[2].designations",
        "$.enterprises[3].designations[0]",
    )
    assert '"single_champion"' in info.value.problems[0].message


def test_national_2022_standard_as_a_what_if() -> None:
    d = evaluate(base(), ON, NATIONAL_2022)
    assert d.status.value == "ineligible"
    assert d.finding("cluster.output").status.value == "not_met"
    assert d.finding("cluster.sme_share").status.value == "not_met"
    # 10亿元 → 12亿元 is ×1.2, short of 1.1² = 1.21 (the national standard says "> 10 %", a
    # strict comparison that an override cannot express; at least 10 % is close enough here).
    assert d.finding("cluster.leading_growth").status.value == "not_met"
    assert set(d.overrides) == set(NATIONAL_2022)  # the Decision records the what-if
    assert d.finding("cluster.output").to_dict()["required"] == "40亿元"
    assert d.finding("cluster.anchor_enterprises").status.value == "not_met"
    # The same application passes the region's thresholds.
    assert ev(base()).status.value == "eligible"


# --------------------------------------------------------------------------------------------
# 第五条（五）: innovation
# --------------------------------------------------------------------------------------------


def _innovation(facts: dict[str, Any], rd: tuple[str, str, str], patents: tuple[int, ...]) -> None:
    for entry, expense, count in zip(
        sorted(facts["years"], key=lambda e: e["year"]), rd, patents, strict=True
    ):
        entry["sme_rd_expense"] = expense
        entry["invention_patents"] = count


@pytest.mark.parametrize(
    ("rd_last", "patent_last", "expected"),
    [
        ("1102.5万元", 700, "met"),  # R&D ×1.1025 exactly: 5 % a year
        ("1102.4万元", 729, "met"),  # patents ×1.1664 exactly: 8 % a year
        ("1102.4万元", 728, "not_met"),
    ],
)
def test_innovation_growth_either_rd_or_patents(
    rd_last: str, patent_last: int, expected: str
) -> None:
    facts = base()
    _innovation(facts, ("1000万元", "1000万元", rd_last), (625, 625, patent_last))
    d = ev(facts)
    f = d.finding("cluster.innovation_growth")
    assert f.status.value == expected
    assert f.to_dict()["required"] == {"sme_rd_expense": "1.1025", "invention_patents": "1.1664"}
    assert d.results["patent_growth"]["values"] == [625, 625, patent_last]


def test_innovation_growth_unknown_when_one_side_is_missing_and_the_other_fails() -> None:
    facts = base()
    _innovation(facts, ("1000万元", "1000万元", "1000万元"), (625, 625, 625))
    del year(facts, 2023)["sme_rd_expense"]
    f = ev(facts).finding("cluster.innovation_growth")
    assert f.status.value == "unknown"
    year(facts, 2024)["invention_patents"] = 800
    assert status(facts, "cluster.innovation_growth") == "met"


def test_innovation_growth_review_on_a_zero_base() -> None:
    facts = base()
    _innovation(facts, ("0万元", "1000万元", "1000万元"), (625, 625, 625))
    assert status(facts, "cluster.innovation_growth") == "review"


def test_innovation_growth_by_mean() -> None:
    facts = base()
    _innovation(facts, ("1000万元", "1050万元", "1102.5万元"), (625, 625, 625))
    assert status(facts, "cluster.innovation_growth", growth_method="mean") == "met"
    year(facts, 2024)["sme_rd_expense"] = "1102.4万元"
    assert status(facts, "cluster.innovation_growth", growth_method="mean") == "not_met"


@pytest.mark.parametrize(
    ("patents", "employees", "expected"),
    [(5, 10000, "met"), (4, 10000, "not_met"), (15, 30000, "met"), (15, 30001, "not_met")],
)
def test_patent_density_per_10000_people(patents: int, employees: int, expected: str) -> None:
    facts = base()
    _innovation(facts, ("1000万元", "1100万元", "1200万元"), (1, 2, patents))
    facts["employees"] = employees
    facts["rd_staff"] = employees
    d = ev(facts)
    assert d.finding("cluster.patent_density").status.value == expected
    # exactly: patents × 10000 >= 5 × employees
    assert (expected == "met") == (patents * 10000 >= 5 * employees)
    assert d.finding("cluster.patent_density").to_dict()["required"] == "5"


def test_patent_density_unknown_without_employees_or_patents() -> None:
    facts = base()
    del facts["employees"]
    del facts["rd_staff"]
    d = ev(facts)
    assert d.finding("cluster.patent_density").status.value == "unknown"
    assert d.finding("cluster.rd_staff_share").status.value == "unknown"
    facts = base()
    del year(facts, 2024)["invention_patents"]
    assert status(facts, "cluster.patent_density") == "unknown"


@pytest.mark.parametrize(("rd", "expected"), [(599, "not_met"), (600, "met"), ("600人", "met")])
def test_rd_staff_share_at_6_percent(rd: object, expected: str) -> None:
    facts = base()
    facts["rd_staff"] = rd
    f = ev(facts).finding("cluster.rd_staff_share")
    assert f.status.value == expected
    assert f.to_dict()["measured"] == ("0.0599" if expected == "not_met" else "0.06")


def test_rd_staff_share_exact_with_thirds() -> None:
    # 6 % of 10001 is 600.06: 600 of 10001 falls short, 601 clears it.
    facts = base()
    facts["employees"] = 10001
    facts["rd_staff"] = 600
    assert status(facts, "cluster.rd_staff_share") == "not_met"
    facts["rd_staff"] = 601
    assert status(facts, "cluster.rd_staff_share") == "met"


@pytest.mark.parametrize(("count", "expected"), [(1, "not_met"), (2, "met"), ("3个", "met")])
def test_innovation_platforms(count: object, expected: str) -> None:
    facts = base()
    facts["innovation_platforms"] = count
    assert status(facts, "cluster.innovation_platforms") == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [("7.99%", "not_met"), ("8%", "met"), (0.08, "met"), ("0.0799", "not_met")],
)
def test_industrial_internet_at_8_percent(share: object, expected: str) -> None:
    facts = base()
    facts["industrial_internet_penetration"] = share
    assert status(facts, "cluster.industrial_internet") == expected


def test_employee_relations_are_checked() -> None:
    facts = base()
    facts["employees"] = 0
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.employees",)
    facts["employees"] = 500
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.rd_staff",)


# --------------------------------------------------------------------------------------------
# 第五条（七）、第六条
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("1.0吨/万元", "0.9吨/万元", "0.8吨/万元"), "met"),
        (("1.0吨/万元", "1.0吨/万元", "0.8吨/万元"), "not_met"),  # flat is not a fall
        (("1.0吨/万元", "0.9吨/万元", "0.95吨/万元"), "not_met"),
        (("1.0吨/万元", None, "0.8吨/万元"), "unknown"),
        (("1.0吨/万元", None, "1.2吨/万元"), "not_met"),  # a rise across the gap
        (("1.0吨/万元", None, "1.0吨/万元"), "not_met"),
        ((None, "0.9吨/万元", "0.95吨/万元"), "not_met"),
    ],
)
def test_carbon_intensity_falls_every_year(values: tuple[str | None, ...], expected: str) -> None:
    facts = base()
    for entry, value in zip(sorted(facts["years"], key=lambda e: e["year"]), values, strict=True):
        entry.pop("carbon_intensity")
        if value is not None:
            entry["carbon_intensity"] = value
    f = ev(facts).finding("cluster.carbon_intensity")
    assert f.status.value == expected
    if expected == "met":
        assert f.to_dict()["gap"] == "0.1吨/万元"
        assert f.to_dict()["measured"]["2024"] == "0.8吨/万元"


def test_carbon_intensity_needs_the_trend_window() -> None:
    d = ev(base(), growth_window_years=4)
    assert d.finding("cluster.carbon_intensity").status.value == "unknown"


def test_carbon_intensity_unit_is_checked() -> None:
    facts = base()
    facts["years"][0]["carbon_intensity"] = "0.9吨"
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.years[0].carbon_intensity",)


@pytest.mark.parametrize(
    ("high", "efficient", "expected"),
    CLUSTER_EFFICIENCY_CASES,
)
@pytest.mark.parametrize(
    ("kind", "fact", "fid"),
    CLUSTER_EFFICIENCY_FACTS,
)
def test_efficiency_binds_only_high_consumption_clusters(
    high: bool | None, efficient: bool | None, expected: str, kind: str, fact: str, fid: str
) -> None:
    facts = base()
    facts.pop(kind)
    if high is not None:
        facts[kind] = high
    if efficient is not None:
        facts[fact] = efficient
    assert status(facts, fid) == expected


@pytest.mark.parametrize(
    ("incidents", "expected", "decision"),
    [
        (False, "met", "eligible"),
        (True, "not_met", "ineligible"),
        (None, "unknown", "undetermined"),
    ],
)
def test_no_major_incidents_is_hard(incidents: bool | None, expected: str, decision: str) -> None:
    facts = base()
    facts["major_incidents_last_3_years"] = incidents
    d = ev(facts)
    assert d.finding("cluster.no_major_incidents").status.value == expected
    assert d.status.value == decision


@pytest.mark.parametrize("name", cluster.ATTESTATIONS)
@pytest.mark.parametrize(
    ("value", "expected", "decision"),
    [(True, "met", "eligible"), (False, "not_met", "ineligible"), (None, "review", "undetermined")],
)
def test_each_attestation(name: str, value: bool | None, expected: str, decision: str) -> None:
    facts = base()
    del facts["attestations"][name]
    if value is not None:
        facts["attestations"][name] = value
    d = ev(facts)
    assert d.finding(f"cluster.{name}").status.value == expected
    assert d.status.value == decision


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


def test_unknown_keys_are_refused_at_their_paths() -> None:
    facts = base()
    facts["are"] = "85平方公里"
    facts["years"][1]["outputs"] = "1亿元"
    facts["attestations"]["operater"] = True
    facts["enterprises"][0]["designation"] = ["high_tech"]
    with pytest.raises(InputError) as info:
        ev(facts)
    assert set(paths(info)) == {
        "$.are",
        "$.years[1].outputs",
        "$.attestations.operater",
        "$.enterprises[0].designation",
    }


def test_every_problem_is_reported_with_an_example() -> None:
    facts = base()
    facts["area"] = 85
    facts["years"][0]["output"] = 20
    facts["years"][2]["sme_output"] = "abc"
    facts["employees"] = -1
    facts["industrial_internet_penetration"] = 12
    facts["high_energy"] = "false"
    with pytest.raises(InputError) as info:
        ev(facts)
    assert set(paths(info)) == {
        "$.area",
        "$.years[0].output",
        "$.years[2].sme_output",
        "$.employees",
        "$.industrial_internet_penetration",
        "$.high_energy",
    }
    for problem in info.value.problems:
        assert "e.g." in problem.message, problem


@pytest.mark.parametrize("value", ["abc", {"year": 2024}, 3])
def test_years_must_be_a_list(value: object) -> None:
    facts = base()
    facts["years"] = value
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.years",)


def test_year_entry_must_be_an_object_with_a_year() -> None:
    facts = base()
    facts["years"] = [{"output": "20亿元"}, "2024"]
    with pytest.raises(InputError) as info:
        ev(facts)
    assert set(paths(info)) == {"$.years[0].year", "$.years[1]"}


def test_parts_cannot_exceed_the_whole() -> None:
    facts = base()
    facts["years"][0]["sme_output"] = "21亿元"
    facts["years"][2]["leading_output"] = "20.01亿元"
    with pytest.raises(InputError) as info:
        ev(facts)
    assert paths(info) == ("$.years[0].sme_output", "$.years[2].leading_output")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("growth_method", "median"),
        ("growth_window_years", 5),
        ("growth_window_years", 2),
        ("recent_years", 0),
        ("growth_window_years", 1),
        ("recent_years", 11),
        ("min_designated_enterprises", -1),
        ("patent_density_per", 0),
        ("min_patent_density", "-1"),
        ("min_sme_share", 60),
        ("no_such_parameter", 1),
    ],
)
def test_bad_parameters_are_refused(name: str, value: object) -> None:
    with pytest.raises(InputError) as info:
        evaluate(base(), ON, {name: value})
    assert paths(info) == (f"$.parameters.{name}",)


def test_one_recent_year_needs_a_base_year_for_growth() -> None:
    with pytest.raises(InputError) as info:
        ev(base(), recent_years=1, growth_window_years=1)
    assert paths(info) == ("$.parameters.growth_window_years",)
    d = ev(base(), recent_years=1, growth_window_years=2, growth_method="mean")
    assert d.results["recent_years"] == [2024]
    assert d.results["leading_growth"]["steps"] == 1
    assert d.finding("cluster.leading_growth").to_dict()["measured"] == "0.090909"


def test_recent_years_override_changes_the_window() -> None:
    d = ev(base(), recent_years=2, growth_window_years=2)
    assert d.results["recent_years"] == [2023, 2024]
    assert d.finding("cluster.leading_growth").to_dict()["required"] == "1.05"
    assert "近2年" in d.finding("cluster.output").message.zh


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------


def test_examples_give_their_expected_status() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    assert index["ruleset"] == "cluster"
    expected = {case["expect"] for case in index["cases"]}
    assert expected == {"eligible", "ineligible", "undetermined"}
    for case in index["cases"]:
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        d = nmgpolicy.evaluate("cluster", facts, on=dt.date.fromisoformat(case["on"]))
        assert d.status.value == case["expect"], case["file"]
        assert case["why"]


# --------------------------------------------------------------------------------------------
# Lifecycle: 第十一条、第十二条、第十四条
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recognized", "renewed", "until"),
    [
        (D(2024, 5, 10), False, D(2027, 5, 10)),
        (D(2024, 5, 10), True, D(2030, 5, 10)),
        (D(2024, 2, 29), False, D(2027, 2, 28)),  # 第202条: no corresponding day → month end
        (D(2025, 3, 8), False, D(2028, 3, 8)),
        ("2025-10-04", False, D(2028, 10, 4)),  # ends on a Wednesday
        (D(2026, 10, 1), False, D(2029, 10, 1)),  # a holiday in 2029: not rolled (no 第203条)
    ],
)
def test_valid_until(recognized: Any, renewed: bool, until: dt.date) -> None:
    assert cluster.valid_until(recognized, renewed=renewed) == until


def test_valid_until_does_not_roll_over_a_weekend() -> None:
    # 2023-03-07 + 3 years = 2026-03-07, a Saturday: a validity end is not rolled (no 第203条).
    assert D(2026, 3, 7).weekday() == 5
    assert cluster.valid_until(D(2023, 3, 7)) == D(2026, 3, 7)


def test_valid_until_overrides_and_bad_input() -> None:
    assert cluster.valid_until(D(2024, 5, 10), parameters={"validity_period": "2年"}) == D(
        2026, 5, 10
    )
    assert cluster.valid_until(D(2024, 5, 10), parameters={"validity_period": "30日"}) == D(
        2024, 6, 9
    )
    assert cluster.valid_until(D(2024, 5, 10), parameters={"validity_period": "6个月"}) == D(
        2024, 11, 10
    )
    # A working-day period (only by override) counts official working days.
    assert cluster.valid_until(D(2025, 9, 26), parameters={"validity_period": "20个工作日"}) == D(
        2025, 10, 30
    )
    with pytest.raises(InputError) as info:
        cluster.valid_until("2024-13-01")
    assert info.value.paths == ("$.recognized_on",)
    with pytest.raises(InputError) as info:
        cluster.valid_until(D(2024, 5, 10), renewed="yes")  # type: ignore[arg-type]
    assert info.value.paths == ("$.renewed",)
    with pytest.raises(InputError) as info:
        cluster.valid_until(D(9998, 5, 10), renewed=True)
    assert info.value.paths == ("$.recognized_on",)
    with pytest.raises(InputError) as info:
        cluster.valid_until(D(9999, 12, 30), parameters={"validity_period": "3日"})
    assert info.value.paths == ("$.recognized_on",)


def test_annual_report_due() -> None:
    assert cluster.annual_report_due(2026) == D(2026, 3, 10)
    assert cluster.annual_report_due(2024) == D(2024, 3, 10)  # a Sunday: a fixed date, no roll
    assert cluster.annual_report_due(2026, parameters={"annual_report_due_inclusive": False}) == D(
        2026, 3, 9
    )
    for bad in (True, "2026", 26, 2026.0):
        with pytest.raises(InputError) as info:
            cluster.annual_report_due(bad)  # type: ignore[arg-type]
        assert info.value.paths == ("$.year",)
    with pytest.raises(InputError) as info:
        cluster.annual_report_due(
            2026, parameters={"annual_report_month": 2, "annual_report_day": 30}
        )
    assert info.value.paths == ("$.parameters.annual_report_day",)
    with pytest.raises(InputError) as info:
        cluster.annual_report_due(2026, parameters={"annual_report_month": 13})
    assert info.value.paths == ("$.parameters.annual_report_month",)


@pytest.mark.parametrize(
    ("changed", "due"),
    [
        (D(2026, 1, 31), D(2026, 2, 28)),  # month end; a make-up working day: no roll
        (D(2025, 1, 3), D(2025, 2, 5)),  # 2/3 falls in Spring Festival 2025 → 2/5 (第203条)
        ("2025-03-15", D(2025, 4, 15)),
        (D(2025, 9, 1), D(2025, 10, 9)),  # 10/1 → after National Day (10/1–10/8)
    ],
)
def test_change_filing_due(changed: Any, due: dt.date) -> None:
    assert cluster.change_filing_due(changed) == due


def test_change_filing_due_overrides_and_errors() -> None:
    assert cluster.change_filing_due(
        D(2025, 3, 14), parameters={"change_filing_period": "30日"}
    ) == D(2025, 4, 14)
    with pytest.raises(InputError) as info:
        cluster.change_filing_due(None)  # type: ignore[arg-type]
    assert info.value.paths == ("$.changed_on",)
    with pytest.raises(InputError) as info:
        cluster.change_filing_due(D(2025, 3, 14), parameters={"change_filing_period": "soon"})
    assert info.value.paths == ("$.parameters.change_filing_period",)
    with pytest.raises(CalendarNotCovered):
        cluster.change_filing_due(D(2031, 3, 14))


# --------------------------------------------------------------------------------------------
# Revocation: 第十五条
# --------------------------------------------------------------------------------------------


def test_no_ground_in_an_empty_record() -> None:
    assert cluster.revocation_grounds({}) == ()
    assert cluster.revocation_grounds(cluster.RevocationRecord()) == ()
    assert cluster.revocation_grounds({"review_failed": False, "major_incidents": False}) == ()


def test_every_ground_with_its_clause_and_citation() -> None:
    grounds = cluster.revocation_grounds(
        {
            "review_failed": True,
            "false_reporting": True,
            "violations": True,
            "report_late": True,
            "refused_monitoring": True,
            "changes": [
                {"changed_on": "2025-03-01", "what": "运营管理机构变更", "filed_on": "2025-05-01"}
            ],
            "major_incidents": True,
        }
    )
    assert [g.clause for g in grounds] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert [g.id for g in grounds] == [
        "review_failed",
        "false_reporting_or_violation",
        "reporting_or_monitoring_failure",
        "unfiled_major_change",
        "major_incident",
    ]
    text = seed_text()
    for ground in grounds:
        assert ground.citation.article == "第十五条"
        assert ground.citation.text in text
        assert ground.reasons
    assert len(grounds[1].reasons) == 2
    assert len(grounds[2].reasons) == 2
    assert "运营管理机构变更" in grounds[3].reasons[0].zh
    out = grounds[3].to_dict()
    assert out["clause"] == "（四）"
    json.dumps([g.to_dict() for g in grounds], ensure_ascii=False)


def test_reports_are_judged_against_10_march() -> None:
    record = {
        "reports": [
            {"year": 2025, "submitted_on": "2025-03-10"},
            {"year": 2026, "submitted_on": "2026-03-11"},
        ]
    }
    grounds = cluster.revocation_grounds(record)
    assert [g.id for g in grounds] == ["reporting_or_monitoring_failure"]
    assert len(grounds[0].reasons) == 1
    assert "2026-03-11" in grounds[0].reasons[0].zh
    assert "2025年度" in grounds[0].reasons[0].zh


def test_an_unsubmitted_report_is_late_only_after_its_due_date() -> None:
    record = {"reports": [{"year": 2026}]}
    assert cluster.revocation_grounds(record) == ()
    assert cluster.revocation_grounds(record, on=D(2026, 3, 10)) == ()
    grounds = cluster.revocation_grounds(record, on="2026-03-11")
    assert "截至2026-03-11未报送" in grounds[0].reasons[0].zh


def test_changes_are_judged_against_one_month() -> None:
    record = {
        "changes": [
            {"changed_on": "2026-01-31", "filed_on": "2026-02-28"},
            {"changed_on": "2025-06-10"},
        ]
    }
    assert cluster.revocation_grounds(record) == ()
    assert cluster.revocation_grounds(record, on=D(2025, 7, 10)) == ()
    grounds = cluster.revocation_grounds(record, on=D(2025, 7, 11))
    assert grounds[0].id == "unfiled_major_change"
    assert "重大变动" in grounds[0].reasons[0].zh
    late = cluster.revocation_grounds(
        {"changes": [{"changed_on": "2026-01-31", "filed_on": "2026-03-02"}]}
    )
    assert "2026-03-02" in late[0].reasons[0].en


def test_revocation_record_is_strict() -> None:
    with pytest.raises(InputError) as info:
        cluster.revocation_grounds(
            {
                "reviewfailed": True,
                "reports": [
                    {"year": 2025},
                    {"year": 2025, "submitted_on": "2024-12-31"},
                    {"year": 25},
                ],
                "changes": "2025-01-01",
            }
        )
    assert set(info.value.paths) == {"$.reviewfailed", "$.changes"}
    with pytest.raises(InputError) as info:
        cluster.revocation_grounds(
            {
                "reports": [
                    {"year": 2025},
                    {"year": 2025, "submitted_on": "2024-12-31"},
                    {"year": 25},
                ],
                "changes": [{"changed_on": "2025-05-01", "filed_on": "2025-04-30"}],
            }
        )
    assert info.value.paths == (
        "$.reports[1].year",
        "$.reports[1].submitted_on",
        "$.reports[2].year",
        "$.changes[0].filed_on",
    )
    with pytest.raises(InputError) as info:
        cluster.revocation_grounds([])  # type: ignore[arg-type]
    assert info.value.paths == ("$",)
    with pytest.raises(InputError) as info:
        cluster.revocation_grounds({}, on="tomorrow")
    assert info.value.paths == ("$.on",)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=10**6).map(lambda n: Decimal(n) / 100)


@st.composite
def applications(draw: st.DrawFn) -> dict[str, Any]:
    """Applications around every threshold (万元 amounts to two decimals, exact)."""
    facts = base()
    for entry in facts["years"]:
        output = draw(st.integers(min_value=140000, max_value=160000))
        entry["output"] = f"{output}万元"
        entry["sme_output"] = f"{draw(st.integers(min_value=0, max_value=output))}万元"
        entry["leading_output"] = f"{draw(st.integers(min_value=1, max_value=output))}万元"
        entry["sme_rd_expense"] = f"{draw(amounts)}万元"
        entry["invention_patents"] = draw(st.integers(min_value=0, max_value=2000))
        entry["carbon_intensity"] = f"{draw(st.integers(min_value=1, max_value=30)) / 10}吨/万元"
    facts["employees"] = draw(st.integers(min_value=1, max_value=20000))
    facts["rd_staff"] = draw(st.integers(min_value=0, max_value=facts["employees"]))
    facts["innovation_platforms"] = draw(st.integers(min_value=0, max_value=4))
    facts["industrial_internet_penetration"] = (
        f"{draw(st.integers(min_value=0, max_value=2000)) / 100}%"
    )
    facts["area"] = f"{draw(st.integers(min_value=9000, max_value=11000)) / 100}平方公里"
    return facts


@given(
    facts=applications(), order=st.permutations([0, 1, 2]), method=st.sampled_from(["cagr", "mean"])
)
def test_property_decision_is_invariant_to_the_order_of_years(
    facts: dict[str, Any], order: list[int], method: str
) -> None:
    shuffled = copy.deepcopy(facts)
    shuffled["years"] = [facts["years"][i] for i in order]
    assert ev(facts, growth_method=method).to_dict() == ev(shuffled, growth_method=method).to_dict()


def _wan(text: str) -> Decimal:
    assert text.endswith("万元")
    return Decimal(text[:-2])


def _raise_platforms(f: dict[str, Any], k: int) -> None:
    f["innovation_platforms"] += k


def _raise_rd_staff(f: dict[str, Any], k: int) -> None:
    f["rd_staff"] = min(f["employees"], f["rd_staff"] + k)


def _raise_patents(f: dict[str, Any], k: int) -> None:
    year(f, 2024)["invention_patents"] += k


def _raise_output(f: dict[str, Any], k: int) -> None:
    entry = year(f, 2022 + k % 3)
    entry["output"] = f"{_wan(entry['output']) + k}万元"


def _raise_part(field: str) -> Any:
    def raise_(f: dict[str, Any], k: int) -> None:
        entry = year(f, 2024)
        entry[field] = f"{min(_wan(entry['output']), _wan(entry[field]) + k)}万元"

    return raise_


def _raise_internet(f: dict[str, Any], k: int) -> None:
    share = Decimal(f["industrial_internet_penetration"][:-1])
    f["industrial_internet_penetration"] = f"{min(100, share + k)}%"


RAISES = [
    ("cluster.innovation_platforms", _raise_platforms),
    ("cluster.rd_staff_share", _raise_rd_staff),
    ("cluster.patent_density", _raise_patents),
    ("cluster.output", _raise_output),
    ("cluster.sme_share", _raise_part("sme_output")),
    ("cluster.leading_share", _raise_part("leading_output")),
    ("cluster.leading_growth", _raise_part("leading_output")),
    ("cluster.industrial_internet", _raise_internet),
]


@pytest.mark.parametrize(("fid", "raise_"), RAISES, ids=[r[0] for r in RAISES])
@given(
    facts=applications(),
    k=st.integers(min_value=0, max_value=5000),
    method=st.sampled_from(["cagr", "mean"]),
)
def test_property_raising_a_value_with_a_minimum_never_unmeets_it(
    fid: str, raise_: Any, facts: dict[str, Any], k: int, method: str
) -> None:
    before = status(facts, fid, growth_method=method)
    raised = copy.deepcopy(facts)
    raise_(raised, k)
    after = status(raised, fid, growth_method=method)
    if before == "met":
        assert after == "met"


@given(
    total=st.integers(min_value=1, max_value=10**12),
    part=st.integers(min_value=0, max_value=10**12),
    minimum=st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n) / 10**6),
)
def test_property_shares_compare_exactly(total: int, part: int, minimum: Decimal) -> None:
    part = min(part, total)
    facts = base()
    year(facts, 2024).update(
        output=f"{total}元", sme_output=f"{part}元", leading_output=f"{part}元"
    )
    got = status(facts, "cluster.sme_share", min_sme_share=str(minimum))
    # exact cross-multiplication: part >= minimum × total
    assert (got == "met") == (Fraction(part) >= Fraction(minimum) * total)


@given(
    values=st.lists(st.integers(min_value=1, max_value=10**9), min_size=3, max_size=3),
    rate=st.integers(min_value=0, max_value=3000).map(lambda n: Decimal(n) / 10**4),
    method=st.sampled_from(["cagr", "mean"]),
)
def test_property_growth_compares_exactly(values: list[int], rate: Decimal, method: str) -> None:
    facts = base()
    for entry, value in zip(sorted(facts["years"], key=lambda e: e["year"]), values, strict=True):
        entry.update(output=f"{value}元", sme_output=f"{value}元", leading_output=f"{value}元")
    got = status(
        facts, "cluster.leading_growth", growth_method=method, min_leading_growth=str(rate)
    )
    a, b, c = (Fraction(v) for v in values)
    r = Fraction(rate)
    cagr = c >= a * (1 + r) ** 2  # last/first >= (1+r)^n, cross-multiplied
    mean = (b / a - 1) + (c / b - 1) >= 2 * r  # Σ rates >= n·r
    assert (got == "met") == (cagr if method == "cagr" else mean)


@given(
    employees=st.integers(min_value=1, max_value=10**7),
    patents=st.integers(min_value=0, max_value=10**5),
)
def test_property_patent_density_is_exact(employees: int, patents: int) -> None:
    facts = base()
    facts["employees"] = employees
    facts["rd_staff"] = 0
    year(facts, 2024)["invention_patents"] = patents
    got = status(facts, "cluster.patent_density")
    assert (got == "met") == (patents * 10000 >= 5 * employees)


def test_a_timely_change_filing_at_year_end_needs_no_next_year_calendar() -> None:
    grounds = cluster.revocation_grounds(
        {"changes": [{"changed_on": "2026-12-20", "filed_on": "2026-12-21"}]}
    )
    assert grounds == ()
    grounds = cluster.revocation_grounds(
        {"changes": [{"changed_on": "2026-12-20"}]}, on="2026-12-30"
    )
    assert grounds == ()


def test_cagr_reports_the_annual_rate_for_display() -> None:
    facts = base()
    for entry, value in zip(
        sorted(facts["years"], key=lambda e: e["year"]),
        ("100亿元", "105亿元", "110.25亿元"),
        strict=True,
    ):
        entry["leading_output"] = value
        entry["output"] = "200亿元"
        entry["sme_output"] = "150亿元"
    d = ev(facts)
    assert d.results["leading_growth"]["annual_rate"] == Decimal("0.05")
    assert d.finding("cluster.leading_growth").status.value == "met"
