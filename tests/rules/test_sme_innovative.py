"""sme_innovative: 创新型中小企业评价 (工信部企业〔2022〕63号 附件1).

Band edges of every indicator (both readings of the edge), each direct condition alone, a case
at exactly 60 points, group minima failing while the total passes, missing facts that can and
cannot change the outcome, junk, the in-force window, the examples, and properties.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import sme
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.outcome import Message
from nmgpolicy.rules import sme_innovative
from nmgpolicy.rules._sme_scoring import scoring_table
from tests._builders import innovative_80, sme_general

ON = dt.date(2025, 9, 1)
RS = "sme_innovative"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "sme"

# The general admission conditions of 63号, attested (absent, each is review).
GENERAL: dict[str, Any] = sme_general()

# Scores 80: ① 10, ② 15, ③ 20 (15 % growth), ④ 10, ⑤ 10, ⑥ 15; groups 25 / 30 / 25.
BASE: dict[str, Any] = {**GENERAL, **innovative_80(rd_expense_share="3%")}

# Scores 5 (⑤ other = 5, the rest 0); no direct condition.
LOW: dict[str, Any] = {
    **BASE,
    "ip_class": "none",
    "rd_expense_share": "0.5%",
    "main_revenue_y1": "900万元",
    "debt_ratio": "80%",
    "product_field": "other",
    "main_revenue_share": "40%",
}

SCORE_FACTS = (
    "ip_class",
    "rd_expense_share",
    "main_revenue_y1",
    "main_revenue_y2",
    "debt_ratio",
    "product_field",
    "main_revenue_share",
)
GENERAL_IDS = (".sme_size", ".not_abnormal_or_dishonest", ".no_major_incident")
DIRECT_FACTS = ("science_awards_3y", "valid_titles", "rd_institution_level", "equity_financing_3y")


def run(facts: dict[str, Any], on: dt.date = ON, **params: object) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate(RS, facts, on=on, parameters=params or None)


def status(d: nmgpolicy.Decision, name: str) -> str:
    return str(d.finding(f"{RS}.{name}").status.value)


def points(d: nmgpolicy.Decision, indicator: str) -> Decimal:
    value = d.results["indicators"][indicator]["points"]
    assert value is not None
    return Decimal(value)


def without(facts: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in facts.items() if k not in keys}


# --------------------------------------------------------------------------------------------
# The whole decision
# --------------------------------------------------------------------------------------------


def test_registered_and_public_alias() -> None:
    assert RS in nmgpolicy.rulesets()
    assert sme.InnovativeRuleSet is sme_innovative.InnovativeRuleSet
    assert nmgpolicy.get_ruleset(RS).title.zh.startswith("创新型中小企业")


def test_base_case_eligible_on_score() -> None:
    d = run(BASE)
    assert d.status.value == "eligible"
    assert d.results["total"] == Decimal(80)
    assert {g: v["points"] for g, v in d.results["groups"].items()} == {
        "innovation": Decimal(25),
        "growth": Decimal(30),
        "specialization": Decimal(25),
    }
    assert d.results["routes"]["score"].value == "met"
    assert d.results["routes"]["direct"].value == "not_met"
    # The score route decides: its findings bind, the failed direct conditions only explain.
    for name in ("group.innovation", "group.growth", "group.specialization", "total"):
        assert d.finding(f"{RS}.{name}").binding
    for name in ("science_award", "title", "rd_institution", "equity_financing"):
        f = d.finding(f"{RS}.direct.{name}")
        assert f.status.value == "not_met"
        assert not f.binding
    assert d.finding(f"{RS}.score_or_direct").binding
    json.dumps(d.to_dict(), ensure_ascii=False)


def test_exactly_sixty_points_with_every_minimum_exactly_met() -> None:
    # ① Ⅰ类 10 + ② 5 % → 20 = 30; ③ 5 % growth → 10 + ④ 75 % → 5 = 15; ⑤ other 5 +
    # ⑥ 55 % → 10 = 15. Total 60 (以上 includes 60).
    facts = {
        **BASE,
        "rd_expense_share": "5%",
        "main_revenue_y1": "1050万元",
        "debt_ratio": "75%",
        "product_field": "other",
        "main_revenue_share": "55%",
    }
    d = run(facts)
    assert d.results["total"] == Decimal(60)
    assert status(d, "total") == "met"
    assert d.finding(f"{RS}.total").gap == Decimal(0)
    assert status(d, "group.growth") == "met"
    assert status(d, "group.specialization") == "met"
    assert d.status.value == "eligible"
    # One point less anywhere and it fails: the main-business share just below 55 %.
    lower = run({**facts, "main_revenue_share": "54.99%"})
    assert lower.results["total"] == Decimal(55)
    assert status(lower, "total") == "not_met"
    assert status(lower, "group.specialization") == "not_met"
    assert lower.status.value == "ineligible"


def test_group_minimum_fails_while_total_passes() -> None:
    # 创新能力 40 + 专业化 30 = 70 ≥ 60, but 成长性 0 < 15.
    facts = {
        **BASE,
        "ip_class": "class1_high_value",
        "rd_expense_share": "5%",
        "main_revenue_y1": "999万元",
        "debt_ratio": "80%",
        "main_revenue_share": "70%",
    }
    d = run(facts)
    assert d.results["total"] == Decimal(70)
    assert status(d, "total") == "met"
    assert status(d, "group.growth") == "not_met"
    assert d.finding(f"{RS}.group.growth").gap == Decimal(-15)
    assert d.status.value == "ineligible"
    assert status(d, "score_or_direct") == "not_met"
    # Every finding of both failed routes binds and explains.
    assert all(f.binding for f in d.findings if ".indicator." not in f.id)


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        ({"science_awards_3y": [{"level": "provincial"}]}, "science_award"),
        ({"science_awards_3y": [{"level": "national", "rank": 9}]}, "science_award"),
        ({"valid_titles": ["high_tech"]}, "title"),
        ({"valid_titles": ["tech_innovation_demo"]}, "title"),
        ({"valid_titles": ["ip_advantage", "ip_demo"]}, "title"),
        ({"rd_institution_level": "provincial"}, "rd_institution"),
        ({"rd_institution_level": "national"}, "rd_institution"),
        ({"equity_financing_3y": "500万元"}, "equity_financing"),
    ],
)
def test_each_direct_condition_alone_qualifies(change: dict[str, Any], finding: str) -> None:
    d = run({**LOW, **change})
    assert d.results["total"] == Decimal(5)
    assert status(d, "total") == "not_met"
    assert status(d, f"direct.{finding}") == "met"
    assert d.status.value == "eligible"
    # The met direct condition binds; the failed score route only explains.
    assert d.finding(f"{RS}.direct.{finding}").binding
    assert not d.finding(f"{RS}.total").binding
    assert not d.finding(f"{RS}.group.innovation").binding
    assert "直接认定" in d.finding(f"{RS}.score_or_direct").message.zh


def test_direct_condition_just_short() -> None:
    d = run({**LOW, "equity_financing_3y": "499.99万元"})
    assert status(d, "direct.equity_financing") == "not_met"
    assert d.status.value == "ineligible"
    assert run({**LOW, "rd_institution_level": "below_municipal"}).status.value == "ineligible"
    assert run({**LOW, "rd_institution_level": "none"}).status.value == "ineligible"


def test_direct_route_with_the_score_route_met_too() -> None:
    d = run({**BASE, "valid_titles": ["high_tech"]})
    assert d.status.value == "eligible"
    assert d.finding(f"{RS}.total").binding
    assert d.finding(f"{RS}.direct.title").binding
    assert not d.finding(f"{RS}.direct.science_award").binding


# --------------------------------------------------------------------------------------------
# Band edges: an edge the text fixes ("≥5%=20", "<1%=0", "≤55%=10", ">75%=0") scores as the
# text says under both values of band_lower_inclusive; an edge the text leaves open ("3–5%" next
# to "2–3%") is in the higher band by default and in the lower one with the parameter false.
# --------------------------------------------------------------------------------------------

SHARE_EDGES = [
    # indicator, fact, edge, points at the edge, points just below it, fixed by the text
    ("rd_share", "rd_expense_share", "5%", 20, 15, True),  # ≥5%=20
    ("rd_share", "rd_expense_share", "3%", 15, 10, False),  # 3–5% | 2–3%
    ("rd_share", "rd_expense_share", "2%", 10, 5, False),  # 2–3% | 1–2%
    ("rd_share", "rd_expense_share", "1%", 5, 0, True),  # <1%=0
    ("main_revenue_share", "main_revenue_share", "70%", 20, 15, True),  # ≥70%=20
    ("main_revenue_share", "main_revenue_share", "60%", 15, 10, False),
    ("main_revenue_share", "main_revenue_share", "55%", 10, 5, False),
    ("main_revenue_share", "main_revenue_share", "50%", 5, 0, True),  # <50%=0
]


@pytest.mark.parametrize(("indicator", "fact", "edge", "at", "below", "fixed"), SHARE_EDGES)
def test_share_band_edges(
    indicator: str, fact: str, edge: str, at: int, below: int, fixed: bool
) -> None:
    value = Decimal(edge.rstrip("%"))
    assert points(run({**BASE, fact: edge}), indicator) == at
    just_below = f"{value - Decimal('0.0001')}%"
    assert points(run({**BASE, fact: just_below}), indicator) == below
    exclusive = run({**BASE, fact: edge}, band_lower_inclusive=False)
    assert points(exclusive, indicator) == (at if fixed else below)
    assert exclusive.overrides == {"band_lower_inclusive": False}
    above = f"{value + Decimal('0.0001')}%"
    assert points(run({**BASE, fact: above}, band_lower_inclusive=False), indicator) == at


@pytest.mark.parametrize(("edge", "at", "beyond"), [("55%", 10, 5), ("75%", 5, 0)])
def test_debt_ratio_edges_are_both_fixed_by_the_text(edge: str, at: int, beyond: int) -> None:
    """④ "≤55%=10; 55–75%=5; >75%=0": 55 % is in the first band, 75 % in the second, under
    both values of the parameter (the debt ratio has no open edge)."""
    value = Decimal(edge.rstrip("%"))
    above = f"{value + Decimal('0.0001')}%"
    below = f"{value - Decimal('0.0001')}%"
    for inclusive in (True, False):
        assert (
            points(run({**BASE, "debt_ratio": edge}, band_lower_inclusive=inclusive), "debt_ratio")
            == at
        )
        assert (
            points(run({**BASE, "debt_ratio": above}, band_lower_inclusive=inclusive), "debt_ratio")
            == beyond
        )
        assert (
            points(run({**BASE, "debt_ratio": below}, band_lower_inclusive=inclusive), "debt_ratio")
            == at
        )


@pytest.mark.parametrize(
    ("rate", "at", "below", "fixed"),
    [(15, 20, 15, True), (10, 15, 10, False), (5, 10, 5, False), (0, 5, 0, True)],
)
def test_revenue_growth_edges_exact(rate: int, at: int, below: int, fixed: bool) -> None:
    # Base 1000万元; exactly r growth is 1000万 × (1 + r); one yuan less is below the edge.
    y1 = Decimal(10_000_000) * (1 + Decimal(rate) / 100)
    facts = {**BASE, "main_revenue_y1": f"{y1}元"}
    assert points(run(facts), "revenue_growth") == at
    assert points(run({**facts, "main_revenue_y1": f"{y1 - 1}元"}), "revenue_growth") == below
    strict = points(run(facts, band_lower_inclusive=False), "revenue_growth")
    assert strict == (at if fixed else below)


def test_growth_compared_exactly_not_by_rounded_rate() -> None:
    # 3 → 3.45 is exactly 15 %; 3 → 3.4499999… is not, though it rounds to 15.0000 %.
    exact = run({**BASE, "main_revenue_y2": "3元", "main_revenue_y1": "3.45元"})
    assert points(exact, "revenue_growth") == 20
    near = run({**BASE, "main_revenue_y2": "3元", "main_revenue_y1": "3.44999999999元"})
    assert points(near, "revenue_growth") == 15
    # Shown rounded down: a rate below the 15 % edge is never displayed at the edge.
    assert near.results["indicators"]["revenue_growth"]["value"] == Decimal("0.149999")


def test_negative_growth_scores_zero_and_shows_the_rate() -> None:
    d = run({**BASE, "main_revenue_y1": "800万元"})
    assert points(d, "revenue_growth") == 0
    assert d.results["indicators"]["revenue_growth"]["value"] == Decimal("-0.2")
    up = d.results["nearest_band_up"]["revenue_growth"]
    assert up["band"] == "0–5%=5"
    assert up["gain"] == Decimal(5)


@pytest.mark.parametrize(
    ("ip", "expected"),
    [("class1_high_value", 20), ("class1_own", 15), ("class1", 10), ("class2", 5), ("none", 0)],
)
def test_ip_classes(ip: str, expected: int) -> None:
    assert points(run({**BASE, "ip_class": ip}), "ip") == expected


@pytest.mark.parametrize(("field", "expected"), [("strategic_emerging", 10), ("other", 5)])
def test_product_field(field: str, expected: int) -> None:
    assert points(run({**BASE, "product_field": field}), "product_field") == expected


def test_indicator_findings_are_informational_with_points_and_band() -> None:
    d = run(BASE)
    f = d.finding(f"{RS}.indicator.rd_share")
    assert not f.binding
    assert f.status.value == "not_met"  # 15 of 20
    assert f.measured == {
        "value": Decimal("0.03"),
        "band": Message("不低于3%且低于5%", "at least 3% and below 5%"),
        "points": Decimal(15),
    }
    assert f.required["next_band"] == Message("不低于5%", "at least 5%")
    assert d.results["indicators"]["rd_share"]["band"] == "3–5%=15"  # the source's line
    assert f.gap == Decimal("-0.02")
    assert "得15分" in f.message.zh
    assert f.citation is not None
    assert "研发费用" in f.citation.text
    full = d.finding(f"{RS}.indicator.revenue_growth")
    assert full.status.value == "met"
    assert full.gap is None


def test_results_nearest_band_up_and_ranked_improvements() -> None:
    d = run({**BASE, "ip_class": "class2"})
    nearest = d.results["nearest_band_up"]
    assert nearest["ip"]["gain"] == Decimal(5)
    assert nearest["ip"]["needs"] == {"value": "class1"}
    assert nearest["revenue_growth"] is None
    assert nearest["rd_share"]["needs"]["share"]["short_by"] == Decimal("0.02")
    gains = [i["gain"] for i in d.results["improvements"]]
    assert gains == sorted(gains, reverse=True)
    out = d.to_dict()["results"]
    assert out["total"] == "75"
    assert out["groups"]["innovation"]["minimum"] == "20"


def test_debt_ratio_nearest_band_up_asks_to_lower() -> None:
    d = run({**BASE, "debt_ratio": "60%"})
    up = d.results["nearest_band_up"]["debt_ratio"]
    assert up["needs"]["share"] == {"at": Decimal("0.55"), "short_by": Decimal("0.05")}
    assert "降至55%" in up["advice"]["zh"]
    # "≤55%=10" fixes the edge: 55 % is enough under both readings.
    strict = run({**BASE, "debt_ratio": "60%"}, band_lower_inclusive=False)
    assert "降至55%" in strict.results["nearest_band_up"]["debt_ratio"]["advice"]["zh"]
    # "≥5%=20" fixes it too; 3 % (between "3–5%" and "2–3%") is open: strictly above it.
    raised = run({**BASE, "rd_expense_share": "4%"}, band_lower_inclusive=False)
    assert "提高至5%" in raised.results["nearest_band_up"]["rd_share"]["advice"]["zh"]
    open_edge = run({**BASE, "rd_expense_share": "2.5%"}, band_lower_inclusive=False)
    assert "提高至超过3%" in open_edge.results["nearest_band_up"]["rd_share"]["advice"]["zh"]


# --------------------------------------------------------------------------------------------
# Missing facts: unknown only when they could change the outcome
# --------------------------------------------------------------------------------------------


def test_no_facts_at_all_is_undetermined() -> None:
    d = run({})
    assert d.status.value == "undetermined"
    assert d.results["total"] is None
    # ⑤ gives at least 5 ("其他=5"), so the fewest points possible are 5.
    assert d.results["total_range"] == {"min": Decimal(5), "max": Decimal(100)}
    assert all(
        f.status.value == "unknown" for f in d.findings if f.id.startswith(f"{RS}.indicator.")
    )
    assert status(d, "score_or_direct") == "unknown"


def test_missing_indicator_that_cannot_change_the_outcome() -> None:
    # Without ①: 创新能力 ≥ 0 + 20 (② 5 %) = 20 and total ≥ 70 whatever ① scores.
    facts = without({**BASE, "rd_expense_share": "5%"}, "ip_class")
    d = run(facts)
    assert d.finding(f"{RS}.indicator.ip").status.value == "unknown"
    assert status(d, "group.innovation") == "met"
    assert d.finding(f"{RS}.group.innovation").measured == {"min": 20, "max": 40}
    assert status(d, "total") == "met"
    assert d.status.value == "eligible"


def test_missing_indicator_that_could_change_the_outcome() -> None:
    # Without ②: 创新能力 is 10 + (0..20): it may or may not reach 20.
    d = run(without(BASE, "rd_expense_share"))
    assert status(d, "group.innovation") == "unknown"
    assert "②" in d.finding(f"{RS}.group.innovation").message.zh
    assert d.status.value == "undetermined"
    # The open findings bind; the failed direct conditions only explain.
    assert d.finding(f"{RS}.group.innovation").binding
    assert not d.finding(f"{RS}.direct.title").binding


def test_missing_indicators_that_cannot_save_the_score() -> None:
    # ① and ② missing, the rest scores 5: even 40 more points leave 成长性 at 0 < 15.
    d = run(without(LOW, "ip_class", "rd_expense_share"))
    assert status(d, "group.innovation") == "unknown"
    assert status(d, "group.growth") == "not_met"
    assert status(d, "total") == "not_met"
    assert d.finding(f"{RS}.total").measured == {"min": 5, "max": 45}
    assert "即使" in d.finding(f"{RS}.total").message.zh
    assert d.status.value == "ineligible"


def test_failed_score_with_unknown_direct_conditions_is_undetermined() -> None:
    d = run(without(LOW, *DIRECT_FACTS))
    assert status(d, "total") == "not_met"
    assert d.status.value == "undetermined"
    # No binding not_met while a direct condition could still qualify the applicant.
    binding = [f for f in d.findings if f.binding and not f.id.endswith(GENERAL_IDS)]
    assert {f.status.value for f in binding} == {"unknown"}
    assert {f.id for f in binding} >= {f"{RS}.direct.title", f"{RS}.score_or_direct"}


def test_score_met_with_direct_facts_missing_is_eligible() -> None:
    d = run(without(BASE, *DIRECT_FACTS))
    assert d.status.value == "eligible"
    assert not d.finding(f"{RS}.direct.title").binding


def test_direct_condition_met_with_score_facts_missing_is_eligible() -> None:
    d = run({**GENERAL, "valid_titles": ["high_tech"]})
    assert d.status.value == "eligible"
    assert status(d, "total") == "unknown"
    assert not d.finding(f"{RS}.total").binding


def test_one_missing_growth_year() -> None:
    d = run(without(BASE, "main_revenue_y2"))
    f = d.finding(f"{RS}.indicator.revenue_growth")
    assert f.status.value == "unknown"
    assert "上上年度主营业务收入" in f.message.zh  # the fact by its label, not its key
    assert "main_revenue_y2" in f.message.en
    assert f.measured["points_range"] == {"min": Decimal(0), "max": Decimal(20)}


def test_growth_over_a_zero_base_needs_review() -> None:
    facts = {**LOW, "main_revenue_y2": "0元", "main_revenue_y1": "100万元", "debt_ratio": "50%"}
    d = run(facts)
    f = d.finding(f"{RS}.indicator.revenue_growth")
    assert f.status.value == "review"
    assert "评审" in f.message.zh
    # 成长性 is 10 + (0..20): a reviewer decides whether it reaches 15; total ≤ 30 fails anyway.
    assert status(d, "group.growth") == "review"
    assert d.status.value == "ineligible"
    # With the rest of the score in place, the review decides the whole application.
    reviewed = run({**BASE, "main_revenue_y2": "0元", "debt_ratio": "60%"})
    assert status(reviewed, "group.growth") == "review"
    assert status(reviewed, "score_or_direct") == "review"
    assert reviewed.status.value == "undetermined"


def test_award_without_rank_counts_for_annex_1() -> None:
    d = run({**LOW, "science_awards_3y": [{"level": "provincial", "name": "自治区科技进步奖"}]})
    assert d.status.value == "eligible"
    assert d.finding(f"{RS}.direct.science_award").measured == [
        {"level": Message("省级", "provincial"), "rank": None, "name": "自治区科技进步奖"}
    ]


# --------------------------------------------------------------------------------------------
# Parameters, in-force window, junk
# --------------------------------------------------------------------------------------------


def test_parameter_overrides() -> None:
    d = run(BASE, total_minimum="85")
    assert status(d, "total") == "not_met"
    assert d.status.value == "ineligible"
    assert "85分以上" in d.finding(f"{RS}.score_or_direct").message.zh
    assert (
        run(
            {**LOW, "rd_institution_level": "municipal"}, rd_institution_direct_minimum="municipal"
        ).status.value
        == "eligible"
    )
    assert (
        run(
            {**LOW, "equity_financing_3y": "300万元"}, equity_financing_minimum="300万元"
        ).status.value
        == "eligible"
    )
    with pytest.raises(InputError) as info:
        run(BASE, band_lower_inclusive="yes")
    assert info.value.paths == ("$.parameters.band_lower_inclusive",)


def test_in_force_from_issue_and_continued_after_2026_03_31() -> None:
    """63号 applies from its issue (2022-06-01); after 2026-03-31 附件1 is reported to continue
    (工信部企业〔2026〕2号 第三十条) and the Decision says so (more in test_sme_law.py)."""
    with pytest.raises(NotInForce) as info:
        run(BASE, on=dt.date(2022, 5, 31))
    assert info.value.start == dt.date(2022, 6, 1)
    assert run(BASE, on=dt.date(2022, 6, 1)).status.value == "eligible"
    assert run(BASE, on=dt.date(2026, 3, 31)).status.value == "eligible"
    later = run(BASE, on=dt.date(2026, 4, 1))
    assert later.status.value == "eligible"
    assert any("工信部企业〔2026〕2号" in n.zh and "未经核实" in n.zh for n in later.notes)
    with pytest.raises(NotInForce) as info:
        run(BASE, on=dt.date(2026, 4, 1), continuation_until="2026-03-31")
    assert info.value.successor is not None
    assert "工信部企业〔2026〕2号" in info.value.successor


def test_the_start_date_is_noted_as_unverified() -> None:
    d = run(BASE, on=dt.date(2023, 1, 1))
    assert d.status.value == "eligible"
    assert any("2022-06-01" in n.zh and "未经官方文本核对" in n.zh for n in d.notes)
    assert any("not checked against an official text" in n.en for n in d.notes)


@pytest.mark.parametrize(
    ("facts", "path"),
    [
        ({"ip_class": "class3"}, "$.ip_class"),
        ({"rd_expense_share": "120%"}, "$.rd_expense_share"),
        ({"rd_expense_share": 5}, "$.rd_expense_share"),
        ({"main_revenue_y1": 1000}, "$.main_revenue_y1"),
        ({"main_revenue_y2": "-5万元"}, "$.main_revenue_y2"),
        ({"product_field": "新材料"}, "$.product_field"),
        ({"valid_titles": "high_tech"}, "$.valid_titles"),
        ({"valid_titles": {"high_tech": True}}, "$.valid_titles"),
        ({"valid_titles": ["high_tech", "high_tech"]}, "$.valid_titles[1]"),
        ({"valid_titles": ["gazelle"]}, "$.valid_titles[0]"),
        ({"science_awards_3y": [{"level": "municipal"}]}, "$.science_awards_3y[0].level"),
        ({"science_awards_3y": [{"level": "national", "rank": 0}]}, "$.science_awards_3y[0].rank"),
        ({"science_awards_3y": "national"}, "$.science_awards_3y"),
        ({"equity_financing_3y": "500万吨"}, "$.equity_financing_3y"),
        ({"typo_field": 1}, "$.typo_field"),
    ],
)
def test_junk_is_refused_with_its_path(facts: dict[str, Any], path: str) -> None:
    with pytest.raises(InputError) as info:
        run(facts)
    assert path in info.value.paths, info.value.problems


def test_every_problem_reported_at_once() -> None:
    with pytest.raises(InputError) as info:
        run({"valid_titles": "x", "ip_class": 3, "debt_ratio": "abc"})
    assert set(info.value.paths) == {"$.valid_titles", "$.ip_class", "$.debt_ratio"}


# --------------------------------------------------------------------------------------------
# Data, examples
# --------------------------------------------------------------------------------------------


def test_scoring_table_matches_the_facts_model() -> None:
    table = scoring_table(RS)
    assert [g.name for g in table.groups] == ["innovation", "growth", "specialization"]
    assert sum(g.max_points for g in table.groups) == 100
    assert [c.value for c in table.indicator("ip").choices] == list(
        get_args(sme_innovative.IpClass)
    )
    assert [c.value for c in table.indicator("product_field").choices] == list(
        get_args(sme_innovative.ProductField)
    )
    ids = {c.id for c in nmgpolicy.get_ruleset(RS).criteria()}
    assert {f"{RS}.indicator.{i.name}" for i in table.indicators} <= ids
    for criterion in nmgpolicy.get_ruleset(RS).criteria():
        assert criterion.citation is not None
        assert criterion.citation.text
        assert criterion.binding == (".indicator." not in criterion.id)


def test_every_finding_has_a_citation_and_both_languages() -> None:
    d = run(BASE)
    for f in d.findings:
        assert f.citation is not None and f.citation.text, f.id
        assert f.message.zh and f.message.en


def test_examples_give_their_expected_status() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    expected = set()
    for case in (c for c in index["cases"] if c["ruleset"] == RS):
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        d = nmgpolicy.evaluate(RS, facts, on=dt.date.fromisoformat(case["on"]))
        assert d.status.value == case["expect"], case["file"]
        expected.add(case["expect"])
    assert expected == {"eligible", "ineligible", "undetermined"}


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

shares = st.integers(0, 10_000).map(lambda n: f"{Decimal(n) / 100}%")
money = st.integers(0, 10**9).map(lambda n: f"{n}元")
complete = st.fixed_dictionaries(
    {
        **{fact: st.just(True) for fact in GENERAL},
        "ip_class": st.sampled_from(get_args(sme_innovative.IpClass)),
        "rd_expense_share": shares,
        "main_revenue_y1": money,
        "main_revenue_y2": st.integers(1, 10**9).map(lambda n: f"{n}元"),
        "debt_ratio": shares,
        "product_field": st.sampled_from(get_args(sme_innovative.ProductField)),
        "main_revenue_share": shares,
        "science_awards_3y": st.lists(
            st.fixed_dictionaries({"level": st.sampled_from(["national", "provincial"])}),
            max_size=1,
        ),
        "valid_titles": st.lists(
            st.sampled_from(get_args(sme_innovative.Title)), max_size=2, unique=True
        ),
        "rd_institution_level": st.sampled_from(get_args(sme_innovative.RdInstitutionLevel)),
        "equity_financing_3y": st.sampled_from(["0元", "499万元", "500万元", "2000万元"]),
    }
)


@given(facts=complete, inclusive=st.booleans())
def test_total_is_the_sum_and_decision_follows_the_law(
    facts: dict[str, Any], inclusive: bool
) -> None:
    d = run(facts, band_lower_inclusive=inclusive)
    indicators = d.results["indicators"]
    total = sum(Decimal(v["points"]) for v in indicators.values())
    assert d.results["total"] == total
    assert 0 <= total <= 100
    for v in indicators.values():
        assert 0 <= v["points"] <= v["max_points"]
    groups = {g: v["points"] for g, v in d.results["groups"].items()}
    score_ok = (
        total >= 60
        and groups["innovation"] >= 20
        and groups["growth"] >= 15
        and groups["specialization"] >= 15
    )
    direct_ok = bool(
        facts["science_awards_3y"]
        or facts["valid_titles"]
        or facts["rd_institution_level"] in ("national", "provincial")
        or facts["equity_financing_3y"] in ("500万元", "2000万元")
    )
    assert d.status.value == ("eligible" if score_ok or direct_ok else "ineligible")


@given(facts=complete, drop=st.sets(st.sampled_from(SCORE_FACTS + DIRECT_FACTS), max_size=6))
def test_a_decided_outcome_never_depends_on_missing_facts(
    facts: dict[str, Any], drop: set[str]
) -> None:
    """Soundness of the intervals: when facts are missing and the outcome is nevertheless
    decided, the complete facts give that same outcome."""
    partial = run(without(facts, *drop))
    if partial.status.value != "undetermined":
        assert partial.status == run(facts).status
    full = run(facts)
    for name, entry in partial.results["indicators"].items():
        assert entry["min"] <= full.results["indicators"][name]["points"] <= entry["max"]


@given(low=st.integers(0, 10_000), high=st.integers(0, 10_000))
def test_more_rd_never_scores_less(low: int, high: int) -> None:
    low, high = min(low, high), max(low, high)
    a = run({**BASE, "rd_expense_share": f"{Decimal(low) / 100}%"})
    b = run({**BASE, "rd_expense_share": f"{Decimal(high) / 100}%"})
    assert points(a, "rd_share") <= points(b, "rd_share")
    c = run({**BASE, "debt_ratio": f"{Decimal(low) / 100}%"})
    e = run({**BASE, "debt_ratio": f"{Decimal(high) / 100}%"})
    assert points(c, "debt_ratio") >= points(e, "debt_ratio")


def test_extreme_growth_is_shown_without_overflow() -> None:
    d = run(
        {**BASE, "main_revenue_y2": "0.0000000001元", "main_revenue_y1": "900000000000000000元"}
    )
    assert points(d, "revenue_growth") == 20
    value = d.results["indicators"]["revenue_growth"]["value"]
    assert value > Decimal("1e27")
    json.dumps(d.to_dict())


@pytest.mark.parametrize("fact", sorted(BASE))
def test_each_missing_fact(fact: str) -> None:
    """Every fact, left out alone: the findings that need it become unknown; an eligible
    application can become undetermined, never ineligible."""
    d = run(without(BASE, fact))
    if fact in GENERAL:  # an attestation left out needs a reviewer
        reviewed = [f for f in d.findings if f.binding and f.status.value == "review"]
        assert len(reviewed) == 1
        assert reviewed[0].id.endswith(GENERAL_IDS)
        assert d.status.value == "undetermined"
        return
    unknown = [f.id for f in d.findings if f.status.value == "unknown"]
    assert unknown, fact
    assert all(
        fact in f.message.zh or "待定" in f.message.zh or "缺少" in f.message.zh
        for f in d.findings
        if f.id in unknown
    )
    assert d.status.value in ("eligible", "undetermined")
