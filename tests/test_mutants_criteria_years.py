"""The vocabulary of conditions over years (criteria_years), pinned where mutation testing found
it loose (docs/mutation.md): every status of every kind with its full explanation (measured,
required, gap, the years named), the strict reading's gate for universal and other conditions,
the display results, the "A，或B" form with and without shared years, and the exact helpers.

Most cases go through the cluster rule set (第五条 of the cluster measures), the one that reads
these kinds; the helpers are checked on plain numbers."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy.criteria import Compare, Threshold
from nmgpolicy.criteria_years import (
    CAGR,
    MEAN,
    AnyOf,
    EachYear,
    OnYears,
    Window,
    any_of_status,
    each_year_status,
    exact_decimal,
    falling_status,
    floor_ratio,
    frame_measure,
    growth_detail,
    growth_status,
    inline,
    mean_rate_at_least,
    money,
    places,
    share_status,
    shown_ratio,
    year_frame,
)
from nmgpolicy.definition import Fact, Param, Row
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Amount, Decision, Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import cluster
from nmgpolicy.units import Kind
from tests._builders import cluster_rest

D = Decimal
ON = dt.date(2025, 6, 1)
MET, NOT_MET, UNKNOWN, REVIEW = Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.REVIEW

BASE: dict[str, Any] = {
    "applied_on": "2025-05-20",  # 近三年 = 2022, 2023, 2024
    "area": "85平方公里",
    "years": [
        {
            "year": y,
            "output": out,
            "sme_output": "12亿元",
            "leading_output": lead,
            "sme_rd_expense": rd,
            "invention_patents": pat,
            "carbon_intensity": co2,
        }
        for y, out, lead, rd, pat, co2 in (
            (2022, "16亿元", "10亿元", "1000万元", 600, "1吨/万元"),
            (2023, "17亿元", "10.5亿元", "1100万元", 700, "0.9吨/万元"),
            (2024, "18亿元", "11.1亿元", "1200万元", 800, "0.8吨/万元"),
        )
    ],
    **cluster_rest(),
}


def facts(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(BASE)
    out.update(changes)
    return out


def year(out: dict[str, Any], which: int, **changes: Any) -> dict[str, Any]:
    for entry in out["years"]:
        if entry["year"] == which:
            entry.update(changes)
    return out


def ev(data: dict[str, Any], **parameters: object) -> Decision:
    return nmgpolicy.evaluate("cluster", data, on=ON, parameters=parameters or None)


def said(decision: Decision, finding: str) -> tuple[str, str, str]:
    f = decision.finding(finding)
    return f.status.value, f.message.zh, f.message.en


# ---- the years --------------------

STRICT_GAP = (
    "缺少事实：缺少2023年的年度数据（需2022–2024年连续各年数据，截至所提供的最近年度2024年）。"
)


def _without_2023(data: dict[str, Any]) -> dict[str, Any]:
    data["years"] = [y for y in data["years"] if y["year"] != 2023]
    return data


def test_under_the_strict_reading_a_gap_leaves_open_all_but_a_failing_universal_one() -> None:
    gapped = _without_2023(facts())
    year(gapped, 2024, sme_output="1亿元", leading_output="1亿元", invention_patents=1)
    d = ev(gapped, recent_years_anchor="latest_given")
    # the shares, the density and the growth fail in 2024, but they are not conditions on
    # every year: the gap leaves them open
    for finding in (
        "cluster.sme_share",
        "cluster.leading_share",
        "cluster.patent_density",
        "cluster.leading_growth",
        "cluster.innovation_growth",
    ):
        assert said(d, finding)[:2] == ("unknown", STRICT_GAP), finding
    assert said(d, "cluster.output")[:2] == ("unknown", STRICT_GAP)  # no present year fails
    assert said(d, "cluster.carbon_intensity")[:2] == ("unknown", STRICT_GAP)
    # a universal condition a present year fails is not met, whatever is missing
    year(gapped, 2024, output="14亿元", carbon_intensity="1.1吨/万元")
    d = ev(gapped, recent_years_anchor="latest_given")
    assert said(d, "cluster.output")[0] == "not_met"
    assert said(d, "cluster.carbon_intensity")[:2] == (
        "not_met",
        "不符合：2024年二氧化碳排放强度未低于上一年，未持续下降。",  # across the gap: 1 → 1.1
    )
    assert said(d, "cluster.sme_share")[0] == "unknown"
    # under the default reading the same gap leaves only what needs 2023 open
    d = ev(gapped)
    assert said(d, "cluster.sme_share")[0] == "not_met"
    assert said(d, "cluster.leading_growth") == (
        "unknown",
        "缺少事实：缺少2023年的年度数据。",
        "Fact missing: no figures for 2023.",
    )


def test_no_years_at_all_under_either_reading() -> None:
    d = ev(facts(years=[]))
    assert d.results["recent_years"] == [2022, 2023, 2024]
    for finding in ("cluster.output", "cluster.sme_share", "cluster.innovation_growth"):
        assert said(d, finding) == (
            "unknown",
            "缺少事实：未提供年度数据（需2022–2024年各年数据）。",
            "Fact missing: no yearly figures given (figures for 2022–2024 are needed).",
        )
    d = ev(facts(years=[]), recent_years_anchor="latest_given")
    assert said(d, "cluster.output") == (
        "unknown",
        "缺少事实：未提供年度数据（需近3年各年数据）。",
        "Fact missing: no yearly figures given (the 3 recent years are needed).",
    )
    assert d.results["recent_years"] == []  # no year can be named


def test_year_frames_and_windows() -> None:
    @attrs.frozen
    class Entry:
        year: int

    given = [Entry(2020), Entry(2023)]
    frame = year_frame(
        given, anchor="application_year", on=ON, applied_on=dt.date(2025, 1, 1), recent=3, trend=4
    )
    assert frame.recent == Window((2022, 2023, 2024), (2022, 2024))
    assert frame.trend == Window((2021, 2022, 2023, 2024), (2021, 2022, 2024))
    assert frame.ignored == [2020]
    assert frame.window("recent") is frame.recent and frame.window("trend") is frame.trend
    assert frame.window("".join(["rec", "ent"])) is frame.recent  # a name read at run time
    same = year_frame(given, anchor="application_year", on=ON, applied_on=None, recent=3, trend=3)
    assert same.trend == same.recent == Window((2022, 2023, 2024), (2022, 2024))
    assert same.anchor_date == ON
    latest = year_frame(given, anchor="latest_given", on=ON, applied_on=None, recent=2, trend=2)
    assert latest.recent == Window((2022, 2023), (2022,)) and latest.recent.last == 2023
    assert latest.values(latest.recent, "year") == [None, 2023]
    assert Window.ending(2024, 1, {2024}) == Window((2024,), ())
    with pytest.raises(TypeError):
        year_frame(given, "application_year", ON, None, 3, 3)  # type: ignore[call-arg]


# ---- each of the recent years --------------------


def test_each_year_names_the_worst_year_or_the_failing_one_beside_a_gap() -> None:
    d = ev(year(facts(), 2023, output="14亿元"))
    assert said(d, "cluster.output") == (
        "not_met",
        "近3年（2022–2024年）产值最低的2023年产值为14亿元，要求不低于15亿元，相差1亿元，不符合。",
        "The lowest output of the recent years (2022–2024), in 2023, is 1.4 billion yuan; "
        "required at least 1.5 billion yuan; short by 100 million yuan: not met.",
    )
    gapped = year(facts(), 2023, output="14亿元")
    del gapped["years"][0]["output"]
    assert said(ev(gapped), "cluster.output") == (
        "not_met",
        "近3年（2022–2024年）中2023年产值为14亿元，要求不低于15亿元，相差1亿元，不符合。",
        "The output in 2023, one of the recent years (2022–2024), is 1.4 billion yuan; "
        "required at least 1.5 billion yuan; short by 100 million yuan: not met.",
    )
    met = ev(facts()).finding("cluster.output")
    assert met.status is MET
    assert (
        met.message.zh
        == "近3年（2022–2024年）产值最低的2022年产值为16亿元，要求不低于15亿元，符合。"
    )
    assert met.measured == Amount(D(1_600_000_000), Kind.MONEY, "亿元")


def test_each_year_unknown_names_the_years_without_figures_and_the_blank_figures() -> None:
    blank = facts()
    del blank["years"][0]["output"]
    d = ev(blank)
    assert said(d, "cluster.output") == (
        "unknown",
        "缺少事实：2022年产值未提供。",
        "Fact missing: the output for 2022 not given.",
    )
    assert d.finding("cluster.output").required == Amount(D(1_500_000_000), Kind.MONEY)
    both = facts()
    both["years"] = both["years"][1:]
    del both["years"][0]["output"]
    assert said(ev(both), "cluster.output")[1:] == (
        "缺少事实：缺少2022年的年度数据；2023年产值未提供。",
        "Fact missing: no figures for 2022; the output for 2023 not given.",
    )


def test_each_year_status_for_every_comparison() -> None:
    limit = D(15)
    assert each_year_status([D(15), D(16)], limit) is MET
    assert each_year_status([D(15), D("14.99")], limit) is NOT_MET
    assert each_year_status([None, D("14.99")], limit) is NOT_MET
    assert each_year_status([D("14.99"), None], limit) is NOT_MET
    assert each_year_status([None, D(15)], limit) is UNKNOWN
    assert each_year_status([], limit) is MET
    assert each_year_status([D(15), D(14)], limit, Compare.AT_MOST) is MET
    assert each_year_status([D(16), None], limit, Compare.AT_MOST) is NOT_MET
    assert each_year_status([D(14)], limit, Compare.BELOW) is MET
    assert each_year_status([D(15)], limit, Compare.BELOW) is NOT_MET


def test_an_at_most_each_year_condition_names_the_highest_year() -> None:
    kind = EachYear(
        "cluster.output",
        cluster.frame,
        "output",
        Param("min_annual_output"),
        noun=Message("产值", "output"),
        compare=Compare.AT_MOST,
        kind_of_value=Kind.MONEY,
        unit="亿元",
    )
    data = load_parameters("cluster")
    ctx = Context(on=ON, params=data.resolve(ON, None), data=data)
    model = cluster.ClusterRuleSet().parse_facts(facts())
    finding = kind.decide(Row(model, ctx))
    assert finding.status is NOT_MET
    assert finding.message.zh == (
        "近3年（2022–2024年）产值最高的2024年产值为18亿元，要求不超过15亿元，相差3亿元，不符合。"
    )
    assert "The highest output of the recent years (2022–2024), in 2024," in finding.message.en


# ---- shares and densities --------------------


def test_a_share_in_the_last_year_on_both_sides_with_its_message() -> None:
    d = ev(year(facts(), 2024, sme_output="10.8亿元"))
    assert said(d, "cluster.sme_share") == (
        "met",
        "2024年中小企业产值占集群总产值的比重为60%，要求不低于60%，符合。",
        "Share of SME output in the cluster's total output in 2024 is 60%; required at least "
        "60%: met.",
    )
    d = ev(year(facts(), 2024, sme_output="10.7999999999亿元"))
    finding = d.finding("cluster.sme_share")
    assert finding.status is NOT_MET
    assert finding.measured == D("0.599999")  # shown rounded down, never up to 60 %
    assert finding.message.zh.endswith("相差0.0001%，不符合。")


def test_a_share_with_a_blank_figure_a_missing_year_or_a_zero_whole() -> None:
    blank = facts()
    del blank["years"][2]["sme_output"]
    del blank["years"][2]["output"]
    assert said(ev(blank), "cluster.sme_share")[1:] == (
        "缺少事实：2024年总产值、中小企业产值未提供。",
        "Fact missing: total output and SME output for 2024 not given.",
    )
    only_part = facts()
    del only_part["years"][2]["sme_output"]
    assert said(ev(only_part), "cluster.sme_share")[1] == "缺少事实：2024年中小企业产值未提供。"
    missing = facts()
    missing["years"] = missing["years"][:2]
    d = ev(missing)
    assert said(d, "cluster.sme_share") == (
        "unknown",
        "缺少事实：缺少2024年的年度数据。",
        "Fact missing: no figures for 2024.",
    )
    assert d.finding("cluster.sme_share").required == D("0.6")
    zero = year(facts(), 2024, output="0元", sme_output="0元", leading_output="0元")
    assert said(ev(zero), "cluster.sme_share") == (
        "review",
        "需审查：2024年集群总产值为0，占比无法计算。",
        "Needs review: the cluster's total output in 2024 is 0; the share is undefined.",
    )


def test_the_rd_staff_share_of_two_facts() -> None:
    d = ev(facts(rd_staff=599))
    assert said(d, "cluster.rd_staff_share") == (
        "not_met",
        "集群内研发人员占比为5.99%，要求不低于6%，相差0.01%，不符合。",
        "Share of R&D staff in the cluster is 5.99%; required at least 6%; short by 0.01%: "
        "not met.",
    )
    assert d.results["rd_staff_share"] == D("0.0599")
    d = ev(facts(rd_staff=600))
    assert d.finding("cluster.rd_staff_share").status is MET
    assert d.results["rd_staff_share"] == D("0.06")
    missing = facts()
    del missing["rd_staff"]
    d = ev(missing)
    assert said(d, "cluster.rd_staff_share")[:2] == (
        "unknown",
        "缺少事实：集群内研发人员占比（要求不低于6%）。",
    )
    assert d.results["rd_staff_share"] is None


def test_the_patent_density_per_ten_thousand_people() -> None:
    d = ev(year(facts(), 2024, invention_patents=5))
    assert said(d, "cluster.patent_density") == (
        "met",
        "2024年每万人发明专利拥有量（5件/10000人×10000）为5，要求不低于5，符合。",
        "Invention patents per 10,000 people in 2024 (5 patents / 10000 people × 10000) is 5; "
        "required at least 5: met.",
    )
    assert d.results["patent_density"] == D(5)
    d = ev(year(facts(employees=10001), 2024, invention_patents=5))
    finding = d.finding("cluster.patent_density")
    assert finding.status is NOT_MET
    assert finding.measured == D("4.999500")
    assert d.results["patent_density"] == D("4.999500")
    assert "（5件/10001人×10000）为4.9995，要求不低于5，相差0.0005，不符合。" in finding.message.zh
    missing = facts()
    del missing["employees"]
    assert said(ev(missing), "cluster.patent_density")[:2] == (
        "unknown",
        "缺少事实：每万人发明专利拥有量（要求不低于5）。",
    )
    gone = facts()
    gone["years"] = gone["years"][:2]
    assert said(ev(gone), "cluster.patent_density")[1] == "缺少事实：缺少2024年的年度数据。"


# ---- growth --------------------


def test_compound_growth_message_and_detail() -> None:
    d = ev(facts())
    assert said(d, "cluster.leading_growth") == (
        "met",
        "主导产业产值2022–2024年增长倍数（复合年均增速法，2个年度间隔，年均5%对应1.1025倍）"
        "为1.11，要求不低于1.1025，符合。",
        "The leading industry's output growth factor 2022–2024 (compound annual growth over 2 "
        "yearly steps; 5% a year means a factor of 1.1025) is 1.11; required at least 1.1025: "
        "met.",
    )
    f = d.finding("cluster.leading_growth")
    assert (f.measured, f.required, f.gap) == (D("1.11"), D("1.1025"), D("0.0075"))
    detail = d.results["leading_growth"]
    assert detail["method"] == "cagr" and detail["steps"] == 2
    assert detail["years"] == [2022, 2023, 2024]
    assert detail["required"] == D("1.1025")
    assert detail["ratio"] == D("1.11")
    assert detail["annual_rate"] == D("0.053565")  # √1.11 − 1, rounded down
    assert detail["yearly_rates"] == [D("0.05"), D("0.057142")]
    assert detail["values"][0] == Amount(D(1_000_000_000), Kind.MONEY)


def test_mean_growth_message_and_detail() -> None:
    d = ev(facts(), growth_method="mean")
    assert said(d, "cluster.leading_growth") == (
        "met",
        "主导产业产值2022–2024年各年增速的算术平均值（2个年度间隔）为5.3571%，要求不低于5%，符合。",
        "The leading industry's output: arithmetic mean of the yearly growth rates 2022–2024 "
        "(2 steps) is 5.3571%; required at least 5%: met.",
    )
    detail = d.results["leading_growth"]
    assert detail["mean_rate"] == D("0.053571") and detail["required"] == D("0.05")
    assert "ratio" not in detail and "annual_rate" not in detail


def test_a_decline_reads_as_a_negative_rate() -> None:
    falling = year(year(facts(), 2023, leading_output="9亿元"), 2024, leading_output="8.1亿元")
    d = ev(falling, growth_method="mean")
    assert said(d, "cluster.leading_growth")[1] == (
        "主导产业产值2022–2024年各年增速的算术平均值（2个年度间隔）为-10%，要求不低于5%，相差15%，不符合。"
    )
    assert d.results["leading_growth"]["mean_rate"] == D("-0.1")
    d = ev(falling)
    assert d.finding("cluster.leading_growth").measured == D("0.81")
    assert d.results["leading_growth"]["annual_rate"] == D("-0.1")  # √0.81 − 1
    assert d.results["leading_growth"]["yearly_rates"] == [D("-0.1"), D("-0.1")]


def test_a_yearly_kind_shows_what_it_reads_not_its_display_function() -> None:
    growth = cluster.DEFINITION.criterion("cluster.leading_growth")
    assert "display" not in repr(growth) and "function" not in repr(growth)


def test_a_zero_base_names_its_year_for_each_method() -> None:
    middle = year(facts(), 2023, leading_output="0元")
    assert said(ev(middle, growth_method="mean"), "cluster.leading_growth") == (
        "review",
        "需审查：2023年主导产业产值为0，增速无法计算。",
        "Needs review: the leading industry's output is 0 in 2023; growth is undefined.",
    )
    assert ev(middle).finding("cluster.leading_growth").status is MET  # only 2022 is a base
    both = year(year(facts(), 2022, leading_output="0元"), 2023, leading_output="0元")
    assert said(ev(both), "cluster.leading_growth")[1] == (
        "需审查：2022年主导产业产值为0，增速无法计算。"  # compound growth has one base
    )
    assert said(ev(both, growth_method="mean"), "cluster.leading_growth")[1] == (
        "需审查：2022、2023年主导产业产值为0，增速无法计算。"
    )
    first = year(facts(), 2022, leading_output="0元")
    for method in ("cagr", "mean"):
        d = ev(first, growth_method=method)
        assert (
            said(d, "cluster.leading_growth")[1] == "需审查：2022年主导产业产值为0，增速无法计算。"
        )
        assert d.results["leading_growth"].get("ratio") is None


def test_an_open_growth_still_states_what_it_requires() -> None:
    blank = facts()
    del blank["years"][0]["leading_output"]
    cagr = ev(blank).finding("cluster.leading_growth")
    assert (cagr.status, cagr.required) == (UNKNOWN, D("1.1025"))  # the factor, 1.05 ** 2
    assert cagr.message.zh == "缺少事实：2022年主导产业产值未提供。"
    mean = ev(blank, growth_method="mean").finding("cluster.leading_growth")
    assert (mean.status, mean.required) == (UNKNOWN, D("0.05"))
    zero = ev(year(facts(), 2022, leading_output="0元")).finding("cluster.leading_growth")
    assert zero.required == D("1.1025")
    detail = ev(blank).results["leading_growth"]
    assert detail["required"] == D("1.1025") and "ratio" not in detail


def test_growth_detail_on_plain_numbers() -> None:
    cagr = growth_detail([1, 2, 3], [D(100), D(0), D(121)], D("0.1"), CAGR, money)
    assert cagr["yearly_rates"] == [D(-1), None]  # no rate from a zero base
    assert cagr["ratio"] == D("1.21") and cagr["annual_rate"] == D("0.1")
    mean = growth_detail([1, 2, 3, 4], [D(100), D(110), D(99), D(99)], D(0), MEAN, int)
    assert mean["mean_rate"] == D(0) and mean["values"] == [100, 110, 99, 99]
    assert mean["steps"] == 3
    open_ = growth_detail([1, 2], [D(1), None], D(0), CAGR, money)
    assert "ratio" not in open_ and open_["values"] == [money(1), None]


def test_growth_status_on_plain_numbers() -> None:
    five = D("0.05")
    assert growth_status([D(100), D(1), D("110.25")], five, CAGR) is MET
    assert growth_status([D(100), D(1), D("110.24")], five, CAGR) is NOT_MET
    assert growth_status([D(100), D(0), D("110.25")], five, MEAN) is REVIEW
    assert growth_status([D(100), D(105), D(0)], five, MEAN) is NOT_MET  # the last is no base
    assert growth_status([D(0), D(105), D(110)], five, CAGR) is REVIEW
    assert growth_status([None, D(1)], five, CAGR) is UNKNOWN
    assert mean_rate_at_least([D(100), D(105)], five)
    assert not mean_rate_at_least([D(100), D("104.99")], five)
    assert mean_rate_at_least([D("0.5"), D("0.525")], five)  # decimals, exactly


# ---- keeps falling --------------------


def test_keeps_falling_messages() -> None:
    d = ev(facts())
    f = d.finding("cluster.carbon_intensity")
    assert (f.status, f.message) == (
        MET,
        Message(
            "符合：2022–2024年二氧化碳排放强度逐年下降（最小年降幅0.1吨/万元）。",
            "Met: the CO2 intensity fell every year 2022–2024 (smallest fall 0.1 tonnes per "
            "10,000 yuan).",
        ),
    )
    assert f.gap == Amount(D("0.00001"), Kind.MASS_PER_MONEY)
    assert list(f.measured) == ["2022", "2023", "2024"]
    flat = ev(year(facts(), 2023, carbon_intensity="1吨/万元")).finding("cluster.carbon_intensity")
    assert (flat.status, flat.message.zh) == (
        NOT_MET,
        "不符合：2023年二氧化碳排放强度未低于上一年，未持续下降。",
    )
    assert flat.message.en == "Not met: the CO2 intensity in 2023 was not below the year before."
    assert flat.gap == Amount(D(0), Kind.MASS_PER_MONEY)
    blank = facts()
    del blank["years"][1]["carbon_intensity"]
    assert said(ev(blank), "cluster.carbon_intensity")[1:] == (
        "缺少事实：2023年二氧化碳排放强度未提供。",
        "Fact missing: the CO2 intensity for 2023 not given.",
    )


def test_falling_status_on_plain_numbers() -> None:
    assert falling_status([D(3), D(2), D(1)]) is MET
    assert falling_status([D(3), D(3)]) is NOT_MET
    assert falling_status([D(3), D(4)]) is NOT_MET
    assert falling_status([D(3), None, D(2)]) is UNKNOWN
    assert falling_status([None, D(3), D(4)]) is NOT_MET
    assert falling_status([D(1)]) is MET


# ---- "A，或B" --------------------


def test_any_of_status_prefers_met_then_unknown_then_review() -> None:
    assert any_of_status([NOT_MET, MET]) is MET
    assert any_of_status([NOT_MET, UNKNOWN, REVIEW]) is UNKNOWN
    assert any_of_status([REVIEW, NOT_MET]) is REVIEW
    assert any_of_status([NOT_MET, NOT_MET]) is NOT_MET
    assert any_of_status([]) is NOT_MET


def test_an_either_of_two_growths_lists_both_parts() -> None:
    slow = year(facts(), 2024, sme_rd_expense="1000万元", invention_patents=600)
    f = ev(slow).finding("cluster.innovation_growth")
    assert f.status is NOT_MET
    assert f.message.zh.endswith("（满足其一即可）")
    assert "集群中小企业研发经费2022–2024年增长倍数" in f.message.zh
    assert "有效发明专利数2022–2024年增长倍数" in f.message.zh
    assert f.message.en.endswith(" (either suffices)")
    assert f.measured == {"sme_rd_expense": D(1), "invention_patents": D(1)}
    assert f.gap == {"sme_rd_expense": D("-0.1025"), "invention_patents": D("-0.1664")}
    one = year(facts(), 2024, sme_rd_expense="1000万元")
    assert ev(one).finding("cluster.innovation_growth").status is MET


def test_an_any_of_needs_one_key_per_part_and_a_yearly_kind_a_judge() -> None:
    growth = cluster.DEFINITION.criterion("cluster.innovation_growth")
    assert isinstance(growth, AnyOf)
    with pytest.raises(ValueError, match="one key per part"):
        AnyOf("cluster.innovation_growth", parts=growth.parts, keys=growth.keys[:1])
    with pytest.raises(ValueError, match="one key per part"):
        AnyOf("cluster.innovation_growth", parts=growth.parts[:1], keys=growth.keys)

    @attrs.frozen
    class Unjudged(OnYears):
        pass

    with pytest.raises(TypeError):
        Unjudged("cluster.output", cluster.frame)  # type: ignore[abstract]


def test_an_any_of_without_shared_years_gates_each_part_itself() -> None:
    growth = cluster.DEFINITION.criterion("cluster.innovation_growth")
    assert isinstance(growth, AnyOf)
    unshared = AnyOf("cluster.innovation_growth", parts=growth.parts, keys=growth.keys)
    data = load_parameters("cluster")
    ctx = Context(on=ON, params=data.resolve(ON, None), data=data)
    parse = cluster.ClusterRuleSet().parse_facts
    assert unshared.decide(Row(parse(facts()), ctx)).status is MET
    none = unshared.decide(Row(parse(facts(years=[])), ctx))
    assert none.status is UNKNOWN
    assert none.message.zh.startswith("缺少事实：未提供年度数据（需2022–2024年各年数据）。")
    with_threshold = AnyOf(
        "cluster.anchor_enterprises",
        parts=(Threshold("cluster.anchor_enterprises", Fact("employees"), Param("max_area")),),
        keys=("employees",),
    )
    f = with_threshold.decide(Row(parse(facts(employees=100, rd_staff=6)), ctx))
    assert f.status is MET and f.measured == {"employees": D(100)}


def test_what_a_yearly_criterion_reads() -> None:
    frame = frame_measure(
        "frame",
        entries=Fact("years"),
        applied_on=Fact("applied_on"),
        anchor=Param("recent_years_anchor"),
        recent=Param("recent_years"),
        trend=Param("growth_window_years"),
    )
    assert frame.reads == (
        Fact("years"),
        Fact("applied_on"),
        Param("recent_years_anchor"),
        Param("recent_years"),
        Param("growth_window_years"),
    )
    assert "recent_years" in frame.doc and "years" in frame.doc
    growth = cluster.DEFINITION.criterion("cluster.innovation_growth")
    assert Param("recent_years_anchor") in growth.references()


# ---- exact helpers --------------------


def test_exact_helpers() -> None:
    assert places(D("0.060")) == 3 and places(D(5)) == 0 and places(D("5E+2")) == 0
    assert places(D("Infinity")) == 0 and places(D("NaN")) == 0
    assert floor_ratio(2, 3, 4) == D("0.6666") and floor_ratio(-1, 3, 2) == D("-0.34")
    assert shown_ratio(1, 3, D("0.5")) == D("0.333333")
    assert shown_ratio(1, 3, D("0.12345678")) == D("0.33333333")
    assert shown_ratio(D("0.5"), D("1.5"), D(0)) == D("0.333333")
    from fractions import Fraction

    assert exact_decimal(Fraction(1, 8)) == D("0.125") and exact_decimal(Fraction(3)) == D(3)
    assert share_status(3, 5, D("0.6")) is MET and share_status(2, 5, D("0.6")) is NOT_MET
    assert share_status(0, 0, D("0.6")) is REVIEW and share_status(1, None, D("0.6")) is UNKNOWN
    assert inline("The output") == "the output" and inline("") == ""


def test_the_annual_rate_shown_is_rounded_down_even_just_below_a_boundary() -> None:
    data = facts()
    for entry in data["years"]:
        entry["output"], entry["sme_output"] = "1000000000000000000元", "900000000000000000元"
    year(data, 2022, leading_output="800000000000000000元")
    year(data, 2023, leading_output="800000000000000000元")
    year(data, 2024, leading_output="967999999999999894元")  # 1.21 − 1.3·10⁻¹⁶ times 2022's
    d = ev(data, min_leading_growth="0.1")
    assert d.finding("cluster.leading_growth").status is NOT_MET  # √ratio − 1 < 10 %, exactly
    assert d.results["leading_growth"]["ratio"] == D("1.209999")
    assert d.results["leading_growth"]["annual_rate"] == D("0.099999")  # shown: 0.100000


def test_the_latest_given_reading_read_from_json() -> None:
    # Parameters often come from JSON or a form: an equal string, not the same object.
    data = facts()
    latest = max(e["year"] for e in data["years"])
    data["years"] = [e for e in data["years"] if e["year"] != latest]
    reading = json.loads('{"recent_years_anchor": "latest_given"}')
    d = ev(data, **reading)
    assert d.results["recent_years"] == [latest - 3, latest - 2, latest - 1]
    assert d.to_dict() == ev(data, recent_years_anchor="latest_given").to_dict()
    assert ev(data).results["recent_years"] == [latest - 2, latest - 1, latest]


def test_under_the_strict_reading_a_gap_before_the_recent_years_leaves_a_trend_open() -> None:
    """With four trend years (the recent three and the year before them) the base year 2021
    lies outside the recent years: the gate lets the kinds through, and a trend kind itself
    names the gap in its own window (the strict reading: consecutive figures are needed),
    unless a known pair already fails a condition on every year."""
    strict_gap = (
        "缺少事实：缺少2021年的年度数据（需2021–2024年连续各年数据，截至所提供的最近年度2024年）。"
    )
    d = ev(facts(), recent_years_anchor="latest_given", growth_window_years=4)
    assert said(d, "cluster.carbon_intensity")[:2] == ("unknown", strict_gap)
    assert said(d, "cluster.leading_growth")[:2] == ("unknown", strict_gap)
    assert said(d, "cluster.output")[0] == "met"  # the recent years themselves are complete
    # the default reading names only the year lacking (no window is unsettled)
    d = ev(facts(), growth_window_years=4)
    assert said(d, "cluster.carbon_intensity")[1:] == (
        "缺少事实：缺少2021年的年度数据。",
        "Fact missing: no figures for 2021.",
    )
    # a pair that does not fall fails it under either reading, whatever is missing
    rising = year(facts(), 2024, carbon_intensity="0.95吨/万元")
    d = ev(rising, recent_years_anchor="latest_given", growth_window_years=4)
    assert said(d, "cluster.carbon_intensity")[:2] == (
        "not_met",
        "不符合：2024年二氧化碳排放强度未低于上一年，未持续下降。",
    )
