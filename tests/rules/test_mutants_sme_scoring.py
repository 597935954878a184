"""SME scoring outcomes pinned where mutation testing found them loose (docs/mutation.md):
a growth rate from a base year of 0 is undefined, and the explanation names the base year's
figure — the one that makes it so — not the later year's."""

from __future__ import annotations

import datetime as dt
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
            "a window of 3 years cannot be applied to these facts; expected 1 or 2",
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
