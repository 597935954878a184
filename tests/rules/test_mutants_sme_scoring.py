"""SME scoring outcomes pinned where mutation testing found them loose (docs/mutation.md):
a growth rate from a base year of 0 is undefined, and the explanation names the base year's
figure — the one that makes it so — not the later year's."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

import nmgpolicy
from tests._builders import innovative_80, sme_general, specialized_66

ON = dt.date(2025, 9, 1)
BASE: dict[str, Any] = {**sme_general(), **innovative_80(rd_expense_share="3%")}


def test_a_growth_from_a_base_of_zero_names_the_base_year() -> None:
    facts = {**BASE, "main_revenue_y2": "0万元"}
    d = nmgpolicy.evaluate("sme_innovative", facts, on=ON)
    f = d.finding("sme_innovative.indicator.revenue_growth")
    assert f.status.value == "review"
    assert f.message.zh.startswith("③上年度主营业务收入增长率：上上年度主营业务收入为0")
    assert "(main_revenue_y2) is 0, so the growth rate is undefined" in f.message.en
    assert "main_revenue_y1" not in f.message.en


def _award(*awards: dict[str, Any]) -> Any:
    facts = {**sme_general(), **specialized_66(), "science_awards_3y": list(awards)}
    return nmgpolicy.evaluate("sme_specialized", facts, on=ON).finding(
        "sme_specialized.direct.science_award"
    )


def test_an_award_ranked_above_the_limit_is_within_it() -> None:
    # 获奖单位前三 / 前五: first and second place are within the first three, of course.
    for level, rank in (("provincial", 1), ("provincial", 2), ("national", 1), ("national", 4)):
        assert _award({"level": level, "rank": rank}).status.value == "met", (level, rank)
    assert _award({"level": "provincial", "rank": 4}).status.value == "not_met"


def test_no_award_in_the_window_says_how_many_years() -> None:
    f = _award()
    assert f.status.value == "not_met"
    assert f.message.en == "no provincial or national award in the last 3 years: not met."


def test_a_listed_award_outside_the_limit_is_named() -> None:
    f = _award({"level": "provincial", "rank": 4})
    assert f.message.en == "provincial award, rank 4 (first 3 required): not met."
    assert f.message.zh == "省级科技奖励第4名（要求前3名）：不符合。"


@pytest.mark.parametrize("name", ["growth_window_years", "rd_mean_window_years"])
def test_a_window_the_yearly_facts_cannot_follow_is_refused(name: str) -> None:
    facts = {**sme_general(), **specialized_66()}
    with pytest.raises(nmgpolicy.InputError) as info:
        nmgpolicy.evaluate("sme_specialized", facts, on=ON, parameters={name: 3})
    assert info.value.problems == (
        (
            f"$.parameters.{name}",
            "a window of 3 years cannot be applied to these facts; expected 1 or 2; e.g. 2",
        ),
    )


@pytest.mark.parametrize(
    ("y1", "status"), [("9000万元", "met"), ("2000万元", "met"), ("1999.99万元", "unknown")]
)
def test_one_year_alone_reaching_twice_the_mean_decides_it(y1: str, status: str) -> None:
    # 近2年研发费用总额均值 ≥ 1000万元: with 上上年度 missing, a 上年度 of twice that (or more)
    # already makes the mean reach it (the other year is not negative); less leaves it open.
    facts = {**sme_general(), **specialized_66(), "rd_expense_y1": y1}
    facts.pop("rd_expense_y2")
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON)
    assert d.finding("sme_specialized.direct.rd_expense_mean").status.value == status


def test_a_characteristic_score_as_precise_as_the_input_allows_is_a_score() -> None:
    # The input budget allows 50 significant digits: such a score is checked, not refused.
    fifty = "1." + "0" * 49
    facts = {**sme_general(), **specialized_66(), "characteristic_score": fifty}
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON)
    assert d.results["total"] is not None
    with pytest.raises(nmgpolicy.InputError) as info:
        nmgpolicy.evaluate("sme_specialized", {**facts, "characteristic_score": fifty + "0"}, on=ON)
    assert info.value.paths == ("$.characteristic_score",)


def test_the_r_and_d_share_reads_as_a_percentage() -> None:
    facts = {**sme_general(), **specialized_66(), "rd_expense_share": "5%"}
    f = nmgpolicy.evaluate("sme_specialized", facts, on=ON).finding(
        "sme_specialized.basic.rd_share"
    )
    assert f.status.value == "met"
    assert f.message.zh == "上年度研发费用占营业收入总额比重为5%，要求不低于3%，符合。"
    assert (
        f.message.en
        == "R&D expense as a share of revenue last year is 5%; required at least 3%: met."
    )


@pytest.mark.parametrize(
    ("minimum", "level", "zh"),
    [
        ("provincial", "provincial", "符合：拥有经认定的省（部）级以上研发机构。"),
        ("national", "provincial", "不符合：拥有经认定的国家级以上研发机构。"),
        ("municipal", "none", "不符合：拥有经认定的市级以上研发机构。"),
        # below which "以上" reads wrongly: the label of the lowest minimum, without "以上"
        ("below_municipal", "municipal", "符合：拥有经认定的任一级别研发机构。"),
    ],
)
def test_a_level_at_least_names_the_required_level(minimum: str, level: str, zh: str) -> None:
    """附件1 直接认定条件（3）"拥有经认定的省部级以上研发机构": the message names the minimum
    in force with "以上", except a lowest minimum, which is written with its own label."""
    facts = {**BASE, "rd_institution_level": level}
    params = {"rd_institution_direct_minimum": minimum}
    d = nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=params)
    f = d.finding("sme_innovative.direct.rd_institution")
    assert (f.message.zh, f.measured, f.required) == (zh, level, minimum)


@pytest.mark.parametrize(("titles", "status"), [(["high_tech"], "met"), ([], "not_met")])
def test_a_listed_title_is_required_to_be_held(titles: list[str], status: str) -> None:
    """ "高新技术企业…（有效期内）": held is what is required, whatever the list holds."""
    d = nmgpolicy.evaluate("sme_innovative", {**BASE, "valid_titles": titles}, on=ON)
    f = d.finding("sme_innovative.direct.title")
    assert (f.status.value, f.measured, f.required) == (status, titles, True)
    verdict = "符合" if status == "met" else "不符合"
    assert f.message.zh.startswith(f"{verdict}：高新技术企业、国家级技术创新示范企业")


def test_a_whole_number_threshold_is_worded_with_its_own_subject() -> None:
    """附件2（1）"从事特定细分市场时间达到2年以上": the message names the figure (the years in
    the niche), not the criterion's title (which states the requirement)."""
    d = nmgpolicy.evaluate("sme_specialized", {**sme_general(), **specialized_66()}, on=ON)
    f = d.finding("sme_specialized.basic.niche_years")
    assert f.message.zh.startswith("从事特定细分市场的年限（年）为")
    assert f.message.en.startswith("Years in the specific market niche is ")


# ---- ② 近2年主营业务收入平均增长率 (sme_specialized): the two readings of the growth ----------

_GROWTH = "sme_specialized.indicator.revenue_growth"


def test_the_compound_reading_read_from_json_scores_first_to_last() -> None:
    """growth_method from a JSON file (a string that is not the module's own literal): cagr
    is (6000 / 5000) ** 0.5 − 1 = 9.5445…% (8 points), not the mean 9.5556% of the two yearly
    rates 8% and 11.11…%."""
    params = json.loads('{"growth_method": "cagr"}')
    d = nmgpolicy.evaluate(
        "sme_specialized", {**sme_general(), **specialized_66()}, on=ON, parameters=params
    )
    assert d.finding(_GROWTH).measured["value"] == Decimal("0.095445")


def test_the_compound_reading_needs_only_the_first_and_the_last_year() -> None:
    facts = {**sme_general(), **specialized_66(), "main_revenue_y1": "8000万元"}
    del facts["main_revenue_y2"]  # the middle year: only the mean needs it
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON, parameters={"growth_method": "cagr"})
    assert d.finding(_GROWTH).measured["points"] == Decimal(10)
    # the mean cannot be computed: no note compares the two readings
    assert [n for n in d.notes if "按算术平均" in n.zh] == []


def test_the_compound_reading_names_the_missing_first_year() -> None:
    facts = {**sme_general(), **specialized_66()}
    del facts["main_revenue_y1"]
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON, parameters={"growth_method": "cagr"})
    f = d.finding(_GROWTH)
    assert f.status.value == "unknown"
    assert "(main_revenue_y1)" in f.message.en
    assert "main_revenue_y2" not in f.message.en and "main_revenue_y3" not in f.message.en
