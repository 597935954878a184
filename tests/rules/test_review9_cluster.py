"""Independent review of issue 9, points 10, 11, 16 and 17, for the cluster rule set.

Derived from the issue's words and from 《内蒙古自治区中小企业特色产业集群培育认定管理暂行办法》
第五条 as the catalog quotes it:

* （二）"集群占地面积一般不超过100平方公里，近三年产值均在15亿元以上，中小企业产值占集群总产值
  的60%以上，主导产业产值占集群总产值的60%以上，集群主导产业近三年年均增速不低于5%。"
* （五）"近三年集群中小企业研发经费年均增长不低于5%，或有效发明专利年均增长率不低于8%，每万人发明
  专利拥有量不低于5个。…集群内建设有自治区级及以上制造业创新中心或创新平台不少于2个，集群内研发
  人员占比不少于6%。"
* （七）"二氧化碳排放强度持续下降".

Point 10: a condition on every year fails on the first present failing year, whatever other years
are missing or blank. Point 11: "近三年" are the three calendar years before ``applied_on`` (else
``on``); data that stop earlier leave the missing years unknown; ``recent_years_anchor =
"latest_given"`` keeps the earlier reading; the Decision states the years.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from decimal import Decimal
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import cluster
from nmgpolicy.params import load_parameters
from tests._builders import CLUSTER_YEAR_BASED
from tests.language import chinese_problems
from tests.test_citations import quoted_verbatim

D = dt.date
ON = D(2025, 6, 1)
YEARLY = tuple(CLUSTER_YEAR_BASED)


def year(y: int, **values: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "year": y,
        "output": "30亿元",
        "sme_output": "24亿元",
        "leading_output": "24亿元",
        "sme_rd_expense": "2000万元",
        "invention_patents": 300,
        "carbon_intensity": "1吨/万元",
    }
    entry.update(values)
    return entry


def application(
    *, applied_on: str | None = None, years: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Eligible for an application in 2025 (years 2022–2024), margins everywhere."""
    rows = (
        years
        if years is not None
        else [
            year(
                2022,
                leading_output="20亿元",
                sme_rd_expense="1000万元",
                invention_patents=100,
                carbon_intensity="1.2吨/万元",
            ),
            year(
                2023,
                leading_output="22亿元",
                sme_rd_expense="1500万元",
                invention_patents=200,
                carbon_intensity="1.1吨/万元",
            ),
            year(
                2024,
                leading_output="24亿元",
                sme_rd_expense="2000万元",
                invention_patents=300,
                carbon_intensity="1吨/万元",
            ),
        ]
    )
    data: dict[str, Any] = {
        "name": "复核集群",
        "leading_industry": "稀土永磁",
        "area": "90平方公里",
        "years": copy.deepcopy(rows),
        "enterprises": [{"name": "甲公司", "designations": ["single_champion"]}],
        "employees": 20000,
        "rd_staff": 2000,
        "innovation_platforms": 2,
        "industrial_internet_penetration": "10%",
        "high_energy": False,
        "high_water": False,
        "major_incidents_last_3_years": False,
        "attestations": dict.fromkeys(cluster.ATTESTATIONS, True),
    }
    if applied_on is not None:
        data["applied_on"] = applied_on
    return data


def ev(data: object, *, on: dt.date = ON, **parameters: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("cluster", data, on=on, parameters=parameters or None)


def st(data: object, fid: str, *, on: dt.date = ON, **parameters: Any) -> str:
    return ev(data, on=on, **parameters).finding(fid).status.value


def row_of(data: dict[str, Any], y: int) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["years"] if r["year"] == y)
    return found


def without(data: dict[str, Any], *years: int) -> dict[str, Any]:
    data["years"] = [r for r in data["years"] if r["year"] not in years]
    return data


def low_output(data: dict[str, Any], y: int, amount: str = "14亿元") -> None:
    """Set year ``y``'s output below 15亿元 with its parts still inside it."""
    row_of(data, y).update(output=amount, sme_output="10亿元", leading_output="10亿元")


def test_the_base_is_eligible() -> None:
    d = ev(application())
    assert d.status.value == "eligible", [(f.id, f.status.value) for f in d.findings]


# --------------------------------------------------------------------------------------------
# Point 10: "近三年产值均在15亿元以上" fails on the first present failing year
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("failing", [2022, 2023, 2024])
@pytest.mark.parametrize("how", ["absent row", "blank output", "null output", "blank row"])
@pytest.mark.parametrize("anchor", ["application_year"])
def test_a_present_failing_year_fails_whatever_else_is_missing(
    failing: int, how: str, anchor: str
) -> None:
    for other in {2022, 2023, 2024} - {failing}:
        data = application()
        low_output(data, failing)
        if how == "absent row":
            without(data, other)
        elif how == "blank output":
            del row_of(data, other)["output"]
        elif how == "null output":
            row_of(data, other)["output"] = None
        else:
            data["years"] = [r if r["year"] != other else {"year": other} for r in data["years"]]
        d = ev(data, recent_years_anchor=anchor)
        f = d.finding("cluster.output")
        assert f.status.value == "not_met", (failing, other, how)
        assert f"{failing}年产值为14亿元" in f.message.zh
        assert str(failing) in f.message.en and "1.4 billion yuan" in f.message.en
        assert d.status.value == "ineligible"


def test_every_other_year_missing_still_fails_on_the_one_failing_year() -> None:
    data = without(application(), 2022, 2023)
    low_output(data, 2024)
    assert st(data, "cluster.output") == "not_met"
    data = without(application(), 2023, 2024)
    low_output(data, 2022)
    assert st(data, "cluster.output") == "not_met"


def test_missing_years_without_a_failing_year_are_unknown_and_named() -> None:
    data = without(application(), 2023)
    f = ev(data).finding("cluster.output")
    assert f.status.value == "unknown"
    assert "2023" in f.message.zh and "2023" in f.message.en
    data = application()
    del row_of(data, 2022)["output"]
    f = ev(data).finding("cluster.output")
    assert f.status.value == "unknown"
    assert "2022" in f.message.zh


def test_fifteen_yi_exactly_is_met_one_fen_less_is_not() -> None:
    for y in (2022, 2023, 2024):
        data = application()
        row_of(data, y).update(output="15亿元", sme_output="12亿元", leading_output="12亿元")
        assert st(data, "cluster.output") == "met", y
        data = application()
        row_of(data, y).update(
            output="1499999999.99元", sme_output="12亿元", leading_output="12亿元"
        )
        assert st(data, "cluster.output") == "not_met", y
    data = application()
    for y in (2022, 2023, 2024):
        row_of(data, y).update(output="1500000000元", sme_output="12亿元", leading_output="12亿元")
    assert st(data, "cluster.output") == "met"


def test_a_failing_year_outside_the_window_does_not_count() -> None:
    data = application()
    data["years"].append(year(2021, output="1亿元", sme_output="1亿元", leading_output="1亿元"))
    assert st(data, "cluster.output") == "met"
    data["years"].append(year(2025, output="1亿元", sme_output="1亿元", leading_output="1亿元"))
    d = ev(data)
    assert d.finding("cluster.output").status.value == "met"
    assert d.results["ignored_years"] == [2021, 2025]


_STATES = ("absent", "blank", "low", "edge", "high")


def _with_outputs(states: tuple[str, ...]) -> dict[str, Any]:
    data = application()
    rows = []
    for y, state in zip((2022, 2023, 2024), states, strict=True):
        r = row_of(data, y)
        if state == "absent":
            continue
        if state == "blank":
            del r["output"]
        else:
            amount = {"low": "14.9999亿元", "edge": "15亿元", "high": "40亿元"}[state]
            r.update(output=amount, sme_output="12亿元", leading_output="12亿元")
        rows.append(r)
    data["years"] = rows
    return data


@pytest.mark.parametrize("states", list(itertools.product(_STATES, repeat=3)), ids=str)
def test_output_every_combination_of_present_blank_and_missing(states: tuple[str, ...]) -> None:
    if "low" in states:
        expected = "not_met"
    elif "absent" in states or "blank" in states:
        expected = "unknown"
    else:
        expected = "met"
    assert st(_with_outputs(states), "cluster.output") == expected


_CARBON = ("absent", "blank", "1吨/万元", "1.1吨/万元", "1.2吨/万元")


@pytest.mark.parametrize("states", list(itertools.product(_CARBON, repeat=3)), ids=str)
def test_carbon_every_combination_of_present_blank_and_missing(states: tuple[str, ...]) -> None:
    data = application()
    rows = []
    known: list[Decimal] = []
    for y, state in zip((2022, 2023, 2024), states, strict=True):
        r = row_of(data, y)
        if state == "absent":
            continue
        if state == "blank":
            del r["carbon_intensity"]
        else:
            r["carbon_intensity"] = state
            known.append(Decimal(state.removesuffix("吨/万元")))
        rows.append(r)
    data["years"] = rows
    if any(b >= a for a, b in itertools.pairwise(known)):
        expected = "not_met"
    elif len(known) < 3:
        expected = "unknown"
    else:
        expected = "met"
    assert st(data, "cluster.carbon_intensity") == expected


# "二氧化碳排放强度持续下降" is the other condition on every year (a fall in every year).


@pytest.mark.parametrize("how", ["absent row", "blank value"])
def test_carbon_one_known_rise_fails_whatever_is_missing(how: str) -> None:
    # 2023 → 2024 rises; 2022 missing.
    data = application()
    row_of(data, 2024)["carbon_intensity"] = "1.15吨/万元"
    if how == "absent row":
        without(data, 2022)
    else:
        del row_of(data, 2022)["carbon_intensity"]
    assert st(data, "cluster.carbon_intensity") == "not_met"
    # 2022 → 2024 does not fall (equal), 2023 missing: falling every year is impossible.
    data = application()
    row_of(data, 2024)["carbon_intensity"] = "1.2吨/万元"
    if how == "absent row":
        without(data, 2023)
    else:
        del row_of(data, 2023)["carbon_intensity"]
    d = ev(data)
    assert d.finding("cluster.carbon_intensity").status.value == "not_met"
    assert d.status.value == "ineligible"


def test_carbon_falling_where_known_with_a_gap_is_unknown_flat_is_not_a_fall() -> None:
    data = without(application(), 2023)
    f = ev(data).finding("cluster.carbon_intensity")
    assert f.status.value == "unknown" and "2023" in f.message.zh
    data = application()
    row_of(data, 2023)["carbon_intensity"] = "1.2吨/万元"  # flat 2022 → 2023
    assert st(data, "cluster.carbon_intensity") == "not_met"
    data = application()
    row_of(data, 2023)["carbon_intensity"] = "1.1999吨/万元"
    assert st(data, "cluster.carbon_intensity") == "met"


def test_an_average_is_not_a_condition_on_every_year() -> None:
    # A missing year leaves the growth unknown: no year decides an average alone.
    data = without(application(), 2023)
    assert st(data, "cluster.leading_growth", growth_method="mean") == "unknown"


# --------------------------------------------------------------------------------------------
# Point 11: which three years
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("applied_on", "expected"),
    [
        ("2025-01-01", [2022, 2023, 2024]),
        ("2025-12-31", [2022, 2023, 2024]),
        ("2024-12-31", [2021, 2022, 2023]),
        ("2024-02-29", [2021, 2022, 2023]),
        ("2026-01-01", [2023, 2024, 2025]),
    ],
)
def test_the_window_is_the_three_calendar_years_before_the_application(
    applied_on: str, expected: list[int]
) -> None:
    d = ev(application(applied_on=applied_on), on=D(2026, 6, 1))
    assert d.results["recent_years"] == expected
    assert d.results["anchor_date"] == D.fromisoformat(applied_on)
    note = next(n for n in d.notes if "完整年度" in n.zh)
    assert applied_on in note.zh
    assert "、".join(map(str, expected)) + "年" in note.zh
    assert ", ".join(map(str, expected)) in next(
        n.en for n in d.notes if "calendar years before" in n.en
    )


def test_without_an_application_date_the_evaluation_date_anchors() -> None:
    for on, expected in (
        (D(2025, 1, 1), [2022, 2023, 2024]),
        (D(2024, 12, 31), [2021, 2022, 2023]),
    ):
        d = ev(application(), on=on)
        assert d.results["recent_years"] == expected
        assert d.results["anchor_date"] == on
        assert any("评估日期" in n.zh and "未提供申请日期" in n.zh for n in d.notes)


def test_the_application_date_wins_over_the_evaluation_date() -> None:
    d = ev(application(applied_on="2025-03-01"), on=D(2027, 1, 5))
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert d.status.value == "eligible"


def test_data_that_stop_earlier_leave_the_missing_year_unknown_never_shifted() -> None:
    data = application(applied_on="2026-04-01")  # window 2023–2025; data 2022–2024
    d = ev(data, on=D(2026, 6, 1))
    assert d.results["recent_years"] == [2023, 2024, 2025]
    assert d.results["missing_years"] == [2025]
    assert d.results["ignored_years"] == [2022]
    for fid in YEARLY:
        f = d.finding(fid)
        assert f.status.value == "unknown", fid
        assert "2025" in f.message.zh and "2025" in f.message.en, fid
    assert d.status.value == "undetermined"
    # A failing 2024 (inside the window) still fails despite the missing 2025 (point 10) ...
    low_output(data, 2024)
    assert st(data, "cluster.output", on=D(2026, 6, 1)) == "not_met"
    # ... but a failing 2022 (outside it) does not.
    data = application(applied_on="2026-04-01")
    low_output(data, 2022)
    assert st(data, "cluster.output", on=D(2026, 6, 1)) == "unknown"


def test_the_latest_given_reading_keeps_the_old_window() -> None:
    data = application(applied_on="2026-04-01")
    d = ev(data, on=D(2026, 6, 1), recent_years_anchor="latest_given")
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert d.results["recent_years_anchor"] == "latest_given"
    assert d.results["anchor_date"] is None
    assert d.status.value == "eligible"
    assert d.overrides == {"recent_years_anchor": "latest_given"}
    assert any("最近年度" in n.zh for n in d.notes)
    # Its gap reading is the old one: a gap makes every yearly finding unknown.
    data = without(application(), 2023)
    d = ev(data, recent_years_anchor="latest_given")
    assert {d.finding(fid).status.value for fid in YEARLY} == {"unknown"}


def test_the_anchor_parameter_is_data_with_both_values_and_a_citation() -> None:
    parameter = load_parameters("cluster").parameters["recent_years_anchor"]
    assert parameter.at(ON) == "application_year"
    assert "latest_given" in parameter.type and "application_year" in parameter.type
    assert parameter.citation is not None and quoted_verbatim(parameter.citation.text)


def test_the_decision_states_the_years_used() -> None:
    d = ev(application(applied_on="2025-05-20"))
    r = d.results
    assert r["recent_years"] == [2022, 2023, 2024]
    assert r["trend_years"] == [2022, 2023, 2024]
    assert r["missing_years"] == [] and r["ignored_years"] == []
    assert r["recent_years_anchor"] == "application_year"
    assert any("2022、2023、2024年" in n.zh for n in d.notes)
    d = ev(application(applied_on="2025-05-20"), growth_window_years=4)
    assert d.results["trend_years"] == [2021, 2022, 2023, 2024]
    assert d.results["missing_trend_years"] == [2021]
    assert d.finding("cluster.output").status.value == "met"
    assert d.finding("cluster.leading_growth").status.value == "unknown"


# --------------------------------------------------------------------------------------------
# 第五条（五）: the scope of "或"
# --------------------------------------------------------------------------------------------


def innovation(
    rd: tuple[str, str], patents: tuple[int, int], employees: int = 20000
) -> dict[str, Any]:
    data = application()
    data["employees"] = employees
    data["rd_staff"] = employees // 10
    for y, expense, count in ((2022, rd[0], patents[0]), (2024, rd[1], patents[1])):
        row_of(data, y).update(sme_rd_expense=expense, invention_patents=count)
    row_of(data, 2023).update(sme_rd_expense=rd[0], invention_patents=patents[0])
    return data


def test_either_growth_suffices() -> None:
    # R&D ×1.1025 exactly (5 % a year over two steps), patents flat.
    assert (
        st(innovation(("1000万元", "1102.5万元"), (100, 100)), "cluster.innovation_growth") == "met"
    )
    # Patents ×1.1664 exactly (8 %), R&D flat.
    assert (
        st(innovation(("1000万元", "1000万元"), (10000, 11664)), "cluster.innovation_growth")
        == "met"
    )
    # Neither: just short on both.
    data = innovation(("1000万元", "1102.4999万元"), (10000, 11663))
    assert st(data, "cluster.innovation_growth") == "not_met"
    assert ev(data).status.value == "ineligible"


def test_one_growth_unknown_the_other_failing_is_unknown() -> None:
    data = innovation(("1000万元", "1000万元"), (100, 100))
    del row_of(data, 2024)["invention_patents"]
    assert st(data, "cluster.innovation_growth") == "unknown"


def test_the_density_platforms_and_staff_are_each_required() -> None:
    # Patents grow well (the "或" is met) but the density is below 5 per 10,000.
    data = innovation(("1000万元", "2000万元"), (9, 12), employees=30000)  # 4 per 10,000
    d = ev(data)
    assert d.finding("cluster.innovation_growth").status.value == "met"
    assert d.finding("cluster.patent_density").status.value == "not_met"
    assert d.status.value == "ineligible"
    # Density exactly 5 per 10,000 is met; one employee more is not.
    data = innovation(("1000万元", "2000万元"), (10, 15), employees=30000)
    assert st(data, "cluster.patent_density") == "met"
    data = innovation(("1000万元", "2000万元"), (10, 15), employees=30001)
    assert st(data, "cluster.patent_density") == "not_met"
    data = application()
    data["innovation_platforms"] = 1
    assert ev(data).status.value == "ineligible"
    data = application()
    data["rd_staff"] = 1199  # 5.995 % of 20000
    assert st(data, "cluster.rd_staff_share") == "not_met"
    data["rd_staff"] = 1200  # 6 %
    assert st(data, "cluster.rd_staff_share") == "met"


def test_the_or_reading_is_documented_in_the_data_and_the_docs() -> None:
    info = load_parameters("cluster").criteria["cluster.innovation_growth"]
    assert info.citation is not None
    assert "或" in info.citation.text and quoted_verbatim(info.citation.text)
    assert "每万人" in (info.citation.summary or "")
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "rules" / "cluster.md").read_text(
        encoding="utf-8"
    )
    assert 'the scope of "或"' in doc


# --------------------------------------------------------------------------------------------
# Edges: shares ≥ 60 %, growth 5 % (compound, exact), area 100 km² (soft)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("part", ["sme_output", "leading_output"])
def test_sixty_percent_is_met_a_yuan_less_is_not(part: str) -> None:
    fid = {"sme_output": "cluster.sme_share", "leading_output": "cluster.leading_share"}[part]
    data = application()
    row_of(data, 2024).update(output="1500000001元", sme_output="10亿元", leading_output="10亿元")
    row_of(data, 2024)[part] = "900000000.6元"
    assert st(data, fid) == "met"
    row_of(data, 2024)[part] = "900000000.59元"
    assert st(data, fid) == "not_met"
    data = application()
    row_of(data, 2024).update(output="20亿元", sme_output="13亿元", leading_output="13亿元")
    row_of(data, 2024)[part] = "12亿元"
    assert st(data, fid) == "met"
    # Only the last recent year's share counts.
    data = application()
    row_of(data, 2022).update(**{part: "1亿元"})
    assert st(data, fid) == "met"


def test_share_of_a_missing_last_year_is_unknown() -> None:
    data = without(application(), 2024)
    d = ev(data)
    for fid in ("cluster.sme_share", "cluster.leading_share", "cluster.patent_density"):
        assert d.finding(fid).status.value == "unknown", fid
        assert "2024" in d.finding(fid).message.zh


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("10亿元", "11.025亿元", "met"),  # 1.05² exactly
        ("10亿元", "11.0249999亿元", "not_met"),
        ("16亿元", "17.64亿元", "met"),  # 16 × 1.1025
        ("16亿元", "17.6399999亿元", "not_met"),
    ],
)
def test_five_percent_compound_growth_at_its_edge(first: str, last: str, expected: str) -> None:
    data = application()
    row_of(data, 2022)["leading_output"] = first
    row_of(data, 2023)["leading_output"] = "1亿元"  # intermediate years do not matter (compound)
    row_of(data, 2024)["leading_output"] = last
    d = ev(data)
    f = d.finding("cluster.leading_growth")
    assert f.status.value == expected
    assert str(f.required) == "1.1025"
    assert d.results["leading_growth"]["method"] == "cagr"


def test_five_percent_with_four_data_points_is_one_point_oh_five_cubed() -> None:
    data = application()
    data["years"].insert(0, year(2021, leading_output="10亿元", carbon_intensity="1.3吨/万元"))
    row_of(data, 2024)["leading_output"] = "11.57625亿元"
    assert st(data, "cluster.leading_growth", growth_window_years=4) == "met"
    row_of(data, 2024)["leading_output"] = "11.5762499亿元"
    assert st(data, "cluster.leading_growth", growth_window_years=4) == "not_met"


def test_mean_growth_at_its_edge() -> None:
    data = application()
    for y, v in ((2022, "10亿元"), (2023, "10.5亿元"), (2024, "11.025亿元")):
        row_of(data, y)["leading_output"] = v
    assert st(data, "cluster.leading_growth", growth_method="mean") == "met"
    row_of(data, 2024)["leading_output"] = "11.0249999亿元"
    assert st(data, "cluster.leading_growth", growth_method="mean") == "not_met"


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("100平方公里", "met"),
        ("10000公顷", "met"),
        ("100.000001平方公里", "review"),
        ("150平方公里", "review"),
    ],
)
def test_the_area_limit_is_soft_at_100_km2(area: str, expected: str) -> None:
    data = application()
    data["area"] = area
    d = ev(data)
    assert d.finding("cluster.area").status.value == expected
    assert d.status.value == ("eligible" if expected == "met" else "undetermined")


# --------------------------------------------------------------------------------------------
# Points 16 and 17: the words a bureau officer reads; the law's own words
# --------------------------------------------------------------------------------------------


def scenarios() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    failing = without(application(), 2023)
    low_output(failing, 2024)
    shifted = application(applied_on="2026-04-01")
    review = application()
    review["area"] = "150平方公里"
    review["attestations"]["operator"] = None
    review["high_water"] = True
    zero = application()
    row_of(zero, 2022).update(leading_output="0元", sme_rd_expense="0元", invention_patents=0)
    return [
        ("eligible", application(), {}),
        ("failing year beside a gap", failing, {}),
        ("failing, latest_given", failing, {"recent_years_anchor": "latest_given"}),
        ("shifted window", shifted, {}),
        ("mean, four years", application(), {"growth_method": "mean", "growth_window_years": 4}),
        ("review and unknown", review, {}),
        ("zero bases", zero, {"growth_method": "mean"}),
        ("empty", {}, {}),
    ]


@pytest.mark.parametrize(
    ("label", "data", "parameters"), scenarios(), ids=[s[0] for s in scenarios()]
)
def test_chinese_output_holds_no_code_values(
    label: str, data: dict[str, Any], parameters: dict[str, Any]
) -> None:
    on = D(2026, 6, 1) if label == "shifted window" else ON
    d = ev(data, on=on, **parameters)
    assert chinese_problems(d) == [], label


_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("label", "data", "parameters"), scenarios(), ids=[s[0] for s in scenarios()]
)
def test_english_messages_use_english_units(
    label: str, data: dict[str, Any], parameters: dict[str, Any]
) -> None:
    on = D(2026, 6, 1) if label == "shifted window" else ON
    d = ev(data, on=on, **parameters)
    for f in d.findings:
        assert not _CJK.search(f.message.en), (f.id, f.message.en)
    for n in d.notes:
        # Document titles may be quoted; no Chinese unit or date word elsewhere.
        text = re.sub(r"《[^》]*》", "", n.en)
        assert not _CJK.search(text), n.en
    english = d.explain("en")
    for unit in ("亿元", "万元", "平方公里", "吨/万元"):
        stripped = "\n".join(line for line in english.splitlines() if "basis:" not in line)
        assert unit not in stripped, (label, unit)


def test_english_units_on_the_edges() -> None:
    data = application()
    data["area"] = "120平方公里"
    low_output(data, 2023)
    d = ev(data)
    assert "120 km²" in d.finding("cluster.area").message.en
    assert "1.5 billion yuan" in d.finding("cluster.output").message.en
    assert "120平方公里" in d.finding("cluster.area").message.zh
    assert "15亿元" in d.finding("cluster.output").message.zh


def test_every_citation_the_decision_shows_is_verbatim() -> None:
    d = ev(application())
    seen = 0
    for f in d.findings:
        for citation in f.citations if hasattr(f, "citations") else [f.citation]:
            if citation is None:
                continue
            seen += 1
            assert quoted_verbatim(citation.text), (f.id, citation.text)
    assert seen >= len(d.findings)
    data = load_parameters("cluster")
    for name, p in data.parameters.items():
        if p.citation is not None:
            assert quoted_verbatim(p.citation.text), name
    for spec in data.extra["revocation_grounds"].values():
        assert quoted_verbatim(spec["citation"]["text"])


@pytest.mark.parametrize("twin", ["甲公司", "甲 公司", "甲\u3000公司", "甲公司 ", "甲\t公司"])
def test_one_enterprise_in_two_spellings_is_refused_not_counted_twice(twin: str) -> None:
    # 第五条（三）"2家以上…": one enterprise listed as "甲公司" and "甲 公司" is not two.
    data = application()
    data["enterprises"] = [
        {"name": "甲公司", "designations": ["innovative_sme"]},
        {"name": twin, "designations": ["high_tech"]},
    ]
    with pytest.raises(nmgpolicy.InputError) as info:
        ev(data)
    assert info.value.paths == ("$.enterprises[1].name",)
    data["enterprises"][1]["name"] = "乙公司"
    d = ev(data)
    assert d.finding("cluster.anchor_enterprises").status.value == "met"
