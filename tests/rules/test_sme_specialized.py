"""sme_specialized: 专精特新中小企业认定 (工信部企业〔2022〕63号 附件2), and the shared scoring
machinery (nmgpolicy.rules._sme_scoring) beyond what both rule sets exercise.

The four basic conditions on both sides, band edges of every indicator, each direct route alone,
exactly 60 points, the caller-supplied 特色化 score, the growth-method reading, the unverified
⑫⑬ caveat, missing facts, junk, the in-force window, examples and properties.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import sme
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.outcome import Finding, Message, Status
from nmgpolicy.params import load_parameters, parameter_set_from_mapping
from nmgpolicy.rules import _sme_scoring as scoring
from nmgpolicy.rules import sme_specialized
from tests._builders import sme_general, specialized_66

ON = dt.date(2025, 9, 1)
RS = "sme_specialized"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "sme"

# The general admission conditions of 63号, attested (absent, each is review).
GENERAL: dict[str, Any] = sme_general()

# Scores 66: 专业化 ①5 ②8 ③2 ④3 = 18; 精细化 ⑤3 ⑥5 ⑦6 ⑧5 = 19; 特色化 ⑨10;
# 创新能力 ⑩6 ⑪6 ⑫3 ⑬4 = 19. Basic conditions met; no direct condition.
BASE: dict[str, Any] = {
    **GENERAL,
    **specialized_66(),
}

# Scores 46 (no 特色化 points, ⑩ and ⑬ none): short of 60 even with ⑪ at 10.
POOR: dict[str, Any] = {
    **BASE,
    "characteristic_score": "0",
    "ip_class": "none",
    "rd_institution_level": "none",
}

INDICATOR_FACTS = (
    "main_revenue_share",
    "main_revenue_y1",
    "main_revenue_y2",
    "main_revenue_y3",
    "product_field",
    "digital_level",
    "quality_items",
    "net_profit_margin",
    "debt_ratio",
    "characteristic_score",
    "ip_class",
    "rd_staff_share",
    "rd_institution_level",
)
DIRECT_FACTS = ("science_awards_3y", "rd_expense_y2", "maker_china_top500_3y")


def run(facts: dict[str, Any], on: dt.date = ON, **params: object) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate(RS, facts, on=on, parameters=params or None)


def status(d: nmgpolicy.Decision, name: str) -> str:
    return str(d.finding(f"{RS}.{name}").status.value)


def points(d: nmgpolicy.Decision, indicator: str) -> Decimal:
    value = d.results["indicators"][indicator]["points"]
    assert value is not None, d.results["indicators"][indicator]
    return Decimal(value)


def without(facts: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in facts.items() if k not in keys}


def pct(value: Decimal | str | int) -> str:
    return f"{value}%"


# --------------------------------------------------------------------------------------------
# The decision
# --------------------------------------------------------------------------------------------


def test_base_case() -> None:
    d = run(BASE)
    assert d.status.value == "eligible"
    assert d.results["total"] == Decimal(66)
    assert {g: v["points"] for g, v in d.results["groups"].items()} == {
        "specialization": Decimal(18),
        "refinement": Decimal(19),
        "characteristic": Decimal(10),
        "innovation": Decimal(19),
    }
    assert d.results["growth_method"] == "mean"
    for name in ("niche_years", "rd_expense", "rd_share", "revenue"):
        assert status(d, f"basic.{name}") == "met"
        assert d.finding(f"{RS}.basic.{name}").binding
    assert d.finding(f"{RS}.total").binding
    assert not d.finding(f"{RS}.direct.maker_china").binding
    assert sme.SpecializedRuleSet is sme_specialized.SpecializedRuleSet
    json.dumps(d.to_dict(), ensure_ascii=False)


def test_exactly_sixty_points() -> None:
    d = run({**BASE, "characteristic_score": "4"})
    assert d.results["total"] == Decimal(60)
    assert status(d, "total") == "met"
    assert d.status.value == "eligible"
    below = run({**BASE, "characteristic_score": "3.99"})
    assert below.results["total"] == Decimal("59.99")
    assert status(below, "total") == "not_met"
    assert below.status.value == "ineligible"


@pytest.mark.parametrize(
    ("fact", "ok", "short", "finding"),
    [
        ("niche_years", 2, 1, "niche_years"),
        ("rd_expense_y1", "100万元", "99.99万元", "rd_expense"),
        ("rd_expense_share", "3%", "2.99%", "rd_share"),
    ],
)
def test_basic_conditions_both_sides(fact: str, ok: object, short: object, finding: str) -> None:
    assert status(run({**BASE, fact: ok}), f"basic.{finding}") == "met"
    d = run({**BASE, fact: short, "maker_china_top500_3y": True})
    assert status(d, f"basic.{finding}") == "not_met"
    # A direct condition does not replace a basic condition.
    assert status(d, "score_or_direct") == "met"
    assert d.status.value == "ineligible"


@pytest.mark.parametrize(
    ("revenue", "equity", "expected"),
    [
        ("1000万元", "0元", "met"),
        ("999.99万元", "2000万元", "met"),
        ("999.99万元", "1999.99万元", "not_met"),
        (None, "2000万元", "met"),
        (None, None, "unknown"),
        ("999.99万元", None, "unknown"),
        (None, "1999.99万元", "unknown"),
        ("1000万元", None, "met"),
    ],
)
def test_basic_revenue_or_equity(revenue: str | None, equity: str | None, expected: str) -> None:
    facts = without(BASE, "revenue_y1", "equity_financing_2y")
    if revenue is not None:
        facts["revenue_y1"] = revenue
    if equity is not None:
        facts["equity_financing_2y"] = equity
    d = run(facts)
    assert status(d, "basic.revenue") == expected
    if expected != "met" or revenue is None or revenue != "1000万元":
        assert "股权融资" in d.finding(f"{RS}.basic.revenue").message.zh


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        ({"science_awards_3y": [{"level": "provincial", "rank": 3}]}, "science_award"),
        ({"science_awards_3y": [{"level": "national", "rank": 5}]}, "science_award"),
        ({"rd_expense_y1": "1000万元", "rd_expense_y2": "1000万元"}, "rd_expense_mean"),
        ({"rd_expense_y1": "1200万元", "rd_expense_y2": "800万元"}, "rd_expense_mean"),
        ({"rd_expense_y1": "2000万元", "rd_expense_y2": None}, "rd_expense_mean"),
        ({"rd_expense_y1": None, "rd_expense_y2": "2000万元"}, "rd_expense_mean"),
        ({"equity_financing_2y": "6000万元"}, "equity_financing"),
        ({"maker_china_top500_3y": True}, "maker_china"),
    ],
)
def test_each_direct_route_alone(change: dict[str, Any], finding: str) -> None:
    facts = {**POOR, **change}
    facts = {k: v for k, v in facts.items() if v is not None}
    d = run(facts)
    assert status(d, "total") == "not_met"
    assert status(d, f"direct.{finding}") == "met"
    assert d.finding(f"{RS}.direct.{finding}").binding
    assert not d.finding(f"{RS}.total").binding
    assert status(d, "score_or_direct") == "met"
    # Without rd_expense_y1 the basic R&D condition is unknown; otherwise all is met.
    expected = "undetermined" if "rd_expense_y1" not in facts else "eligible"
    assert d.status.value == expected


@pytest.mark.parametrize(
    ("change", "finding", "expected"),
    [
        ({"science_awards_3y": [{"level": "provincial", "rank": 4}]}, "science_award", "not_met"),
        ({"science_awards_3y": [{"level": "national", "rank": 6}]}, "science_award", "not_met"),
        ({"science_awards_3y": [{"level": "national"}]}, "science_award", "unknown"),
        (
            {"science_awards_3y": [{"level": "national", "rank": 9}, {"level": "provincial"}]},
            "science_award",
            "unknown",
        ),
        (
            {"rd_expense_y1": "1000万元", "rd_expense_y2": "999.99万元"},
            "rd_expense_mean",
            "not_met",
        ),
        ({"rd_expense_y1": "1999.99万元", "rd_expense_y2": None}, "rd_expense_mean", "unknown"),
        ({"equity_financing_2y": "5999.99万元"}, "equity_financing", "not_met"),
        ({"maker_china_top500_3y": None}, "maker_china", "unknown"),
    ],
)
def test_direct_routes_just_short_or_open(
    change: dict[str, Any], finding: str, expected: str
) -> None:
    facts = {**POOR, **change}
    facts = {k: v for k, v in facts.items() if v is not None}
    d = run(facts)
    assert status(d, f"direct.{finding}") == expected
    assert d.status.value == ("ineligible" if expected == "not_met" else "undetermined")


def test_award_rank_parameters() -> None:
    facts = {
        **BASE,
        "characteristic_score": "0",
        "science_awards_3y": [{"level": "provincial", "rank": 4}],
    }
    assert run(facts, award_rank_provincial=4).status.value == "eligible"
    f = run(facts).finding(f"{RS}.direct.science_award")
    assert f.required == {
        "national": Message("前5名", "first 5"),
        "provincial": Message("前3名", "first 3"),
    }
    assert "第4名" in f.message.zh
    none = run({**BASE, "characteristic_score": "0"}).finding(f"{RS}.direct.science_award")
    assert "无" in none.message.zh
    missing = run(without(BASE, "science_awards_3y")).finding(f"{RS}.direct.science_award")
    assert missing.status.value == "unknown"


def test_one_year_of_rd_alone_settles_the_mean() -> None:
    d = run({**without(BASE, "rd_expense_y2"), "rd_expense_y1": "2000万元"})
    f = d.finding(f"{RS}.direct.rd_expense_mean")
    assert f.status.value == "met"
    assert "两倍" in f.message.zh


# --------------------------------------------------------------------------------------------
# The score: band edges of every indicator
# --------------------------------------------------------------------------------------------

# (edge, points at it, points just below it, fixed by the text): "≥80%=5" and "<60%=0" fix their
# edges; "70–80%=3" next to "60–70%=1" leaves 70 % open (band_lower_inclusive decides).
SHARE_EDGES = [
    (
        "main_revenue_share",
        "main_revenue_share",
        [(80, 5, 3, True), (70, 3, 1, False), (60, 1, 0, True)],
    ),
    (
        "net_profit_margin",
        "net_profit_margin",
        [(10, 10, 8, True), (8, 8, 6, False), (6, 6, 4, False), (4, 4, 2, False), (2, 2, 0, True)],
    ),
    ("rd_staff_share", "rd_staff_share", [(20, 5, 3, True), (10, 3, 1, False), (5, 1, 0, True)]),
]


@pytest.mark.parametrize(
    ("indicator", "fact", "edge", "at", "below", "fixed"),
    [(i, f, e, a, b, x) for i, f, edges in SHARE_EDGES for e, a, b, x in edges],
)
def test_share_band_edges(
    indicator: str, fact: str, edge: int, at: int, below: int, fixed: bool
) -> None:
    assert points(run({**BASE, fact: pct(edge)}), indicator) == at
    assert points(run({**BASE, fact: pct(Decimal(edge) - Decimal("0.0001"))}), indicator) == below
    strict = points(run({**BASE, fact: pct(edge)}, band_lower_inclusive=False), indicator)
    assert strict == (at if fixed else below)


@pytest.mark.parametrize(
    ("edge", "at", "beyond", "fixed"), [(50, 5, 3, True), (60, 3, 1, False), (70, 1, 0, True)]
)
def test_debt_ratio_edges(edge: int, at: int, beyond: int, fixed: bool) -> None:
    """⑧ "≤50%=5; 50–60%=3; 60–70%=1; >70%=0": 50 % and 70 % are fixed by the text, 60 % is
    open."""
    assert points(run({**BASE, "debt_ratio": pct(edge)}), "debt_ratio") == at
    over = pct(Decimal(edge) + Decimal("0.0001"))
    assert points(run({**BASE, "debt_ratio": over}), "debt_ratio") == beyond
    strict = points(
        run({**BASE, "debt_ratio": pct(edge)}, band_lower_inclusive=False), "debt_ratio"
    )
    assert strict == (at if fixed else beyond)


@pytest.mark.parametrize(
    ("amount", "share", "expected"),
    [
        ("500万元", "3%", 10),
        ("499.99万元", "3%", 8),
        ("100万元", "10%", 10),
        ("100万元", "9.99%", 8),
        ("400万元", "3%", 8),
        ("300万元", "3%", 6),
        ("200万元", "3%", 4),
        ("199.99万元", "4%", 4),
        ("199.99万元", "3.99%", 2),
        ("100万元", "3%", 2),
        ("99.99万元", "2.99%", 0),
        ("99.99万元", "3%", 2),
    ],
)
def test_rd_expense_amount_or_share(amount: str, share: str, expected: int) -> None:
    d = run({**BASE, "rd_expense_y1": amount, "rd_expense_share": share})
    assert points(d, "rd_expense") == expected


def test_rd_expense_with_one_measure_missing() -> None:
    # The amount alone reaches the top band: the missing share cannot change it.
    top = run(without({**BASE, "rd_expense_y1": "500万元"}, "rd_expense_share"))
    assert points(top, "rd_expense") == 10
    # 350万 gives at least 6; the share could give up to 10.
    open_ = run(without(BASE, "rd_expense_share"))
    entry = open_.results["indicators"]["rd_expense"]
    assert (entry["min"], entry["max"], entry["points"]) == (Decimal(6), Decimal(10), None)
    message = open_.finding(f"{RS}.indicator.rd_expense").message
    assert "上年度研发费用占营业收入比重" in message.zh
    assert "rd_expense_share" in message.en


def test_rd_expense_nearest_band_up_names_both_measures() -> None:
    d = run(BASE)
    f = d.finding(f"{RS}.indicator.rd_expense")
    assert set(f.gap) == {"amount", "share"}
    assert str(f.gap["amount"]) == "-50万元"
    assert f.gap["share"] == Decimal("-0.03")
    advice = d.results["nearest_band_up"]["rd_expense"]["advice"]["zh"]
    assert "400万元" in advice and "8%" in advice


@pytest.mark.parametrize("method", ["mean", "cagr"])
@pytest.mark.parametrize(
    ("rate", "at", "below", "fixed"),
    [(10, 10, 8, True), (8, 8, 6, False), (6, 6, 4, False), (4, 4, 2, False), (0, 2, 0, True)],
)
def test_growth_edges_under_both_methods(
    method: str, rate: int, at: int, below: int, fixed: bool
) -> None:
    # Both yearly rates exactly r: the mean and the compound rate are both exactly r.
    factor = 1 + Decimal(rate) / 100
    y3 = Decimal(10_000_000)
    y2 = y3 * factor
    y1 = y2 * factor
    facts = {
        **BASE,
        "main_revenue_y1": f"{y1}元",
        "main_revenue_y2": f"{y2}元",
        "main_revenue_y3": f"{y3}元",
    }
    assert points(run(facts, growth_method=method), "revenue_growth") == at
    lower = {**facts, "main_revenue_y1": f"{y1 - Decimal('0.01')}元"}
    assert points(run(lower, growth_method=method), "revenue_growth") == below
    strict = points(run(facts, growth_method=method, band_lower_inclusive=False), "revenue_growth")
    assert strict == (at if fixed else below)


def test_growth_methods_that_disagree_are_noted() -> None:
    # 100 → 50 → 100: yearly −50 % and +100 %: mean 25 % (10 points), compound 0 % (2 points).
    facts = {
        **BASE,
        "main_revenue_y3": "100万元",
        "main_revenue_y2": "50万元",
        "main_revenue_y1": "100万元",
    }
    mean = run(facts)
    assert points(mean, "revenue_growth") == 10
    assert mean.results["indicators"]["revenue_growth"]["value"] == Decimal("0.25")
    assert any("growth_method" in n.en and "复合增长率" in n.zh for n in mean.notes)
    cagr = run(facts, growth_method="cagr")
    assert points(cagr, "revenue_growth") == 2
    assert cagr.results["indicators"]["revenue_growth"]["value"] == Decimal(0)
    assert any("'mean'" in n.en for n in cagr.notes)
    assert not any("growth_method" in n.en for n in run(BASE).notes)


def test_cagr_needs_only_the_first_and_last_year() -> None:
    facts = without(BASE, "main_revenue_y2")
    assert run(facts).finding(f"{RS}.indicator.revenue_growth").status.value == "unknown"
    assert points(run(facts, growth_method="cagr"), "revenue_growth") == 8


@pytest.mark.parametrize(
    ("zero", "method"),
    [("main_revenue_y2", "mean"), ("main_revenue_y3", "mean"), ("main_revenue_y3", "cagr")],
)
def test_growth_over_a_zero_year_needs_review(zero: str, method: str) -> None:
    d = run({**BASE, zero: "0元"}, growth_method=method)
    f = d.finding(f"{RS}.indicator.revenue_growth")
    assert f.status.value == "review"
    assert zero in f.message.en
    label = load_parameters(RS).labels[zero].zh
    assert f"{label}为0" in f.message.zh


@pytest.mark.parametrize(
    ("years", "expected"),
    [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (9, 4), (10, 5), (11, 5), (40, 5)],
)
def test_niche_years_one_point_per_full_two_years(years: int, expected: int) -> None:
    d = run({**BASE, "niche_years": years})
    assert points(d, "niche_years") == expected
    up = d.results["nearest_band_up"]["niche_years"]
    if expected < 5:
        assert up["needs"]["years"]["at"] == (years // 2 + 1) * 2
    else:
        assert up is None


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], 0),
        (["quality_award"], 3),
        (["own_brand", "standard_setting"], 5),
        (list(get_args(sme_specialized.QualityItem)), 5),
    ],
)
def test_quality_items_three_points_each_capped_at_five(items: list[str], expected: int) -> None:
    d = run({**BASE, "quality_items": items})
    assert points(d, "quality") == expected
    up = d.results["nearest_band_up"]["quality"]
    if expected < 5:
        assert up["gain"] == min(expected + 3, 5) - expected
        assert set(up["needs"]["items"]).isdisjoint(items)


@pytest.mark.parametrize(
    ("fact", "indicator", "table"),
    [
        ("product_field", "product_field", {"gap_filling": 5, "foundation": 3, "other": 0}),
        ("digital_level", "digital_level", {"level3_or_above": 5, "level2": 3, "level1": 0}),
        (
            "ip_class",
            "ip",
            {"class1_high_value": 10, "class1_own": 8, "class1": 6, "class2": 2, "none": 0},
        ),
        (
            "rd_institution_level",
            "rd_institution",
            {"national": 10, "provincial": 8, "municipal": 4, "below_municipal": 2, "none": 0},
        ),
    ],
)
def test_enumerated_indicators(fact: str, indicator: str, table: dict[str, int]) -> None:
    for value, expected in table.items():
        assert points(run({**BASE, fact: value}), indicator) == expected


def test_unverified_indicators_carry_the_caveat() -> None:
    d = run(BASE)
    for name in ("rd_staff_share", "rd_institution"):
        f = d.finding(f"{RS}.indicator.{name}")
        assert "未经核实" in f.message.zh
        assert "unverified" in f.message.en
        assert f.citation is not None and "未经核实" in f.citation.clause
    assert "未经核实" not in d.finding(f"{RS}.indicator.ip").message.zh


# --------------------------------------------------------------------------------------------
# 特色化: caller-supplied, absent = unknown
# --------------------------------------------------------------------------------------------


def test_characteristic_score_absent_is_unknown_and_said() -> None:
    d = run(without(BASE, "characteristic_score"))
    f = d.finding(f"{RS}.indicator.characteristic")
    assert f.status.value == "unknown"
    assert "特色化指标得分" in f.message.zh  # the fact by its label
    assert "characteristic_score" in f.message.en
    assert "内蒙古" in f.message.zh
    assert status(d, "total") == "unknown"
    assert d.finding(f"{RS}.total").measured == {"min": 56, "max": 71}
    assert "⑨" in d.finding(f"{RS}.total").message.zh
    assert d.status.value == "undetermined"
    assert any("未提供特色化指标得分" in n.zh for n in d.notes)
    assert any("characteristic_score" in n.en for n in d.notes)


def test_characteristic_absent_but_cannot_change_the_outcome() -> None:
    high = {
        **without(BASE, "characteristic_score"),
        "ip_class": "class1_high_value",
        "rd_institution_level": "national",
    }
    d = run(high)
    assert status(d, "total") == "met"
    assert d.status.value == "eligible"
    poor = {
        **without(BASE, "characteristic_score"),
        "main_revenue_share": "10%",
        "ip_class": "none",
        "rd_institution_level": "none",
        "digital_level": "level1",
    }
    p = run(poor)
    assert status(p, "total") == "not_met"
    assert p.status.value == "ineligible"


def test_characteristic_supplied_is_said_to_be_supplied() -> None:
    f = run(BASE).finding(f"{RS}.indicator.characteristic")
    assert f.status.value == "not_met"  # 10 of 15
    assert "提供的得分10分" in f.message.zh
    assert "调用方" not in f.message.zh
    assert (
        run({**BASE, "characteristic_score": 15})
        .finding(f"{RS}.indicator.characteristic")
        .status.value
        == "met"
    )


@pytest.mark.parametrize("bad", ["15.01", "-1", 16, "1." + "1" * 60])
def test_characteristic_score_out_of_range(bad: object) -> None:
    with pytest.raises(InputError) as info:
        run({**BASE, "characteristic_score": bad})
    assert info.value.paths == ("$.characteristic_score",)


# --------------------------------------------------------------------------------------------
# Missing facts, junk, in force, data, examples
# --------------------------------------------------------------------------------------------


def test_no_facts_at_all() -> None:
    d = run({})
    assert d.status.value == "undetermined"
    assert {
        status(d, f"basic.{n}") for n in ("niche_years", "rd_expense", "rd_share", "revenue")
    } == {"unknown"}
    assert d.results["total_range"] == {"min": Decimal(0), "max": Decimal(100)}


def test_failed_score_with_open_direct_routes_is_undetermined() -> None:
    facts = without({**BASE, "characteristic_score": "0"}, *DIRECT_FACTS, "equity_financing_2y")
    d = run(facts)
    assert status(d, "total") == "not_met"
    assert not d.finding(f"{RS}.total").binding
    assert d.status.value == "undetermined"
    assert {f.status.value for f in d.findings if f.binding} == {"met", "unknown"}


@pytest.mark.parametrize(
    ("facts", "path"),
    [
        ({"niche_years": -1}, "$.niche_years"),
        ({"niche_years": "two years"}, "$.niche_years"),
        ({"digital_level": "level4"}, "$.digital_level"),
        ({"quality_items": "own_brand"}, "$.quality_items"),
        ({"quality_items": ["own_brand", "own_brand"]}, "$.quality_items[1]"),
        ({"quality_items": ["iso"]}, "$.quality_items[0]"),
        ({"net_profit_margin": "3"}, "$.net_profit_margin"),
        ({"debt_ratio": "-1%"}, "$.debt_ratio"),
        ({"maker_china_top500_3y": "yes"}, "$.maker_china_top500_3y"),
        ({"characteristic_score": "abc"}, "$.characteristic_score"),
        (
            {"science_awards_3y": [{"level": "provincial", "rank": 0}]},
            "$.science_awards_3y[0].rank",
        ),
        ({"rd_expense_y2": "300万"}, "$.rd_expense_y2"),
    ],
)
def test_junk_is_refused_with_its_path(facts: dict[str, Any], path: str) -> None:
    with pytest.raises(InputError) as info:
        run(facts)
    assert path in info.value.paths, info.value.problems


def test_facts_must_be_an_object_and_lists_lists() -> None:
    with pytest.raises(InputError) as info:
        run(["niche_years", 2])  # type: ignore[arg-type]
    assert info.value.paths == ("$",)
    # A text where a list is expected is refused, even an empty one.
    with pytest.raises(InputError) as info:
        run({"quality_items": ""})
    assert info.value.paths == ("$.quality_items",)


def test_list_shape_problem_reported_with_the_others() -> None:
    with pytest.raises(InputError) as info:
        run(
            {
                "quality_items": "own_brand",
                "science_awards_3y": [{"level": "x"}],
                "niche_years": "2年x",
            }
        )
    assert set(info.value.paths) == {
        "$.quality_items",
        "$.science_awards_3y[0].level",
        "$.niche_years",
    }


def test_in_force_window() -> None:
    assert run(BASE, on=dt.date(2026, 3, 31)).status.value == "eligible"
    with pytest.raises(NotInForce) as info:
        run(BASE, on=dt.date(2026, 4, 1))
    assert info.value.successor is not None and "工信部企业〔2026〕2号" in info.value.successor
    assert "2026-03-31" in str(info.value)


def test_scoring_table_matches_the_facts_model() -> None:
    table = scoring.scoring_table(RS)
    assert [g.name for g in table.groups] == [
        "specialization",
        "refinement",
        "characteristic",
        "innovation",
    ]
    assert [g.max_points for g in table.groups] == [25, 25, 15, 35]
    assert len(table.indicators) == 13
    pairs = {
        "product_field": sme_specialized.ProductField,
        "digital_level": sme_specialized.DigitalLevel,
        "quality": sme_specialized.QualityItem,
        "ip": sme_specialized.IpClass,
        "rd_institution": sme_specialized.RdInstitutionLevel,
    }
    for name, literal in pairs.items():
        assert [c.value for c in table.indicator(name).choices] == list(get_args(literal))
    assert [i.name for i in table.indicators if i.unverified] == [
        "rd_staff_share",
        "rd_institution",
    ]
    with pytest.raises(InputError):
        table.indicator("nope")


def test_examples_give_their_expected_status() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    seen = set()
    for case in (c for c in index["cases"] if c["ruleset"] == RS):
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        d = nmgpolicy.evaluate(RS, facts, on=dt.date.fromisoformat(case["on"]))
        assert d.status.value == case["expect"], case["file"]
        seen.add(case["expect"])
    assert seen == {"eligible", "ineligible", "undetermined"}


def test_markdown_and_explain() -> None:
    d = run(BASE)
    assert "| `sme_specialized.total` |" in d.to_markdown("en")
    assert "特色化" in d.explain("zh")


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

shares = st.integers(0, 10_000).map(lambda n: pct(Decimal(n) / 100))
positive = st.integers(1, 10**9).map(lambda n: f"{n}元")
complete = st.fixed_dictionaries(
    {
        "niche_years": st.integers(0, 20),
        "rd_expense_y1": st.integers(0, 3 * 10**7).map(lambda n: f"{n}元"),
        "rd_expense_y2": st.integers(0, 3 * 10**7).map(lambda n: f"{n}元"),
        "rd_expense_share": shares,
        "revenue_y1": st.integers(0, 10**9).map(lambda n: f"{n}元"),
        "equity_financing_2y": st.sampled_from(["0元", "1999万元", "2000万元", "6000万元"]),
        "main_revenue_share": shares,
        "main_revenue_y1": positive,
        "main_revenue_y2": positive,
        "main_revenue_y3": positive,
        "product_field": st.sampled_from(get_args(sme_specialized.ProductField)),
        "digital_level": st.sampled_from(get_args(sme_specialized.DigitalLevel)),
        "quality_items": st.lists(
            st.sampled_from(get_args(sme_specialized.QualityItem)), unique=True
        ),
        "net_profit_margin": shares,
        "debt_ratio": shares,
        "characteristic_score": st.integers(0, 1500).map(lambda n: str(Decimal(n) / 100)),
        "ip_class": st.sampled_from(get_args(sme_specialized.IpClass)),
        "rd_staff_share": shares,
        "rd_institution_level": st.sampled_from(get_args(sme_specialized.RdInstitutionLevel)),
        "science_awards_3y": st.lists(
            st.fixed_dictionaries(
                {"level": st.sampled_from(["national", "provincial"]), "rank": st.integers(1, 8)}
            ),
            max_size=2,
        ),
        "maker_china_top500_3y": st.booleans(),
    }
)


@given(facts=complete, method=st.sampled_from(["mean", "cagr"]))
def test_total_is_the_sum_within_the_maxima(facts: dict[str, Any], method: str) -> None:
    d = run(facts, growth_method=method)
    values = d.results["indicators"].values()
    total = sum(Decimal(v["points"]) for v in values)
    assert d.results["total"] == total
    assert 0 <= total <= 100
    for g in d.results["groups"].values():
        assert 0 <= g["points"] <= g["max_points"]
    basic_ok = all(
        status(d, f"basic.{n}") == "met"
        for n in ("niche_years", "rd_expense", "rd_share", "revenue")
    )
    if d.status.value == "eligible":
        assert basic_ok
        assert total >= 60 or any(
            f.status.value == "met" for f in d.findings if f.id.startswith(f"{RS}.direct.")
        )


@given(
    facts=complete,
    drop=st.sets(
        st.sampled_from(
            INDICATOR_FACTS
            + DIRECT_FACTS
            + (
                "revenue_y1",
                "rd_expense_y1",
                "rd_expense_share",
                "niche_years",
                "equity_financing_2y",
            )
        ),
        max_size=6,
    ),
)
def test_a_decided_outcome_never_depends_on_missing_facts(
    facts: dict[str, Any], drop: set[str]
) -> None:
    full = run(facts)
    partial = run(without(facts, *drop))
    if partial.status.value != "undetermined":
        assert partial.status == full.status
    for name, entry in partial.results["indicators"].items():
        assert entry["min"] <= full.results["indicators"][name]["points"] <= entry["max"]


# --------------------------------------------------------------------------------------------
# The shared machinery (_sme_scoring): the parts the rule sets cannot reach
# --------------------------------------------------------------------------------------------


def _broken(mutate: Any) -> dict[str, Any]:
    data = load_parameters("sme_innovative")
    # The rows of the table name their parameters (edges, points): copy those of the file.
    text = resources.files("nmgpolicy").joinpath("data", "sme_innovative.toml").read_text("utf-8")
    raw: dict[str, Any] = {
        "ruleset": {"id": "broken"},
        "parameters": tomllib.loads(text)["parameters"],
        "groups": {
            "innovation": {
                "order": 1,
                "title": {"zh": "创新能力", "en": "Innovation"},
                "minimum": "group_minimum_innovation",
            }
        },
        "indicators": {
            "ip": json.loads(json.dumps(data.extra["indicators"]["ip"])),
            "rd_share": json.loads(json.dumps(data.extra["indicators"]["rd_share"])),
        },
    }
    mutate(raw)
    return raw


def _set(path: str, value: Any) -> Any:
    def mutate(raw: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = raw
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value

    return mutate


def _value(name: str, value: Any) -> Any:
    """Set the data file's value of parameter ``name`` (a row's edge or points)."""

    def mutate(raw: dict[str, Any]) -> None:
        raw["parameters"][name] = {**raw["parameters"][name], "value": value}

    return mutate


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (_set("indicators.ip.kind", "magic"), "broken.toml:indicators.ip.kind"),
        (
            _set("indicators.rd_share.measures", {"share": "weight"}),
            "broken.toml:indicators.rd_share.measures",
        ),
        (
            _set("indicators.rd_share.direction", "sideways"),
            "broken.toml:indicators.rd_share.direction",
        ),
        (
            _set("indicators.rd_share.bands", [{"points": 0, "text": "0"}]),
            "broken.toml:indicators.rd_share.bands",
        ),
        (
            lambda raw: (
                _set("indicators.rd_share.bands.4.lower", "rd_share_edge_4")(raw),
                _set("indicators.rd_share.bands.4.lower_inclusive", True)(raw),
            ),
            "broken.toml:indicators.rd_share.bands[4]",
        ),
        (
            _set("indicators.rd_share.bands.0.upper", "rd_share_edge_1"),
            "broken.toml:indicators.rd_share.bands[0].upper_inclusive",
        ),
        (
            _set("indicators.rd_share.bands.1.lower_inclusive", "maybe"),
            "broken.toml:indicators.rd_share.bands[1].lower_inclusive",
        ),
        (
            # The row below "≥5%" must be bounded by the same edge, not another parameter.
            _set("indicators.rd_share.bands.1.upper", "rd_share_edge_3"),
            "broken.toml:indicators.rd_share.bands[1].upper",
        ),
        (
            _set("indicators.rd_share.bands.1.upper", "6%"),
            "broken.toml:indicators.rd_share.bands[1].upper.share",
        ),
        (
            _set("indicators.rd_share.bands.1.upper", {"share": "rd_share_edge_1", "amount": "x"}),
            "broken.toml:indicators.rd_share.bands[1].upper",
        ),
        (
            # "≥5%" and a "≤5%" below it would put 5 % in both bands.
            _set("indicators.rd_share.bands.1.upper_inclusive", True),
            "broken.toml:indicators.rd_share.bands[1].upper",
        ),
        (
            lambda raw: raw["indicators"]["rd_share"]["bands"][2].pop("source"),
            "broken.toml:indicators.rd_share.bands[2].source",
        ),
        (_value("rd_share_edge_2", "6%"), "broken.toml:parameters.rd_share_edge_1"),
        (_value("rd_share_points_2", "20"), "broken.toml:parameters.rd_share_points_2"),
        (
            _set("indicators.rd_share.bands.0.points", "rd_share_edge_1"),
            "broken.toml:indicators.rd_share.bands[0].points",
        ),
        (
            _set("indicators.ip.choices.0.points", "no_such_parameter"),
            "broken.toml:indicators.ip.choices[0].points",
        ),
        (_value("ip_points_class1", "16"), "broken.toml:parameters.ip_points_class1"),
        (_set("indicators.ip.title", "知识产权"), "broken.toml:indicators.ip.title"),
        (_set("indicators.ip.group", "nowhere"), "broken.toml:indicators.ip.group"),
        (
            _set("groups.innovation.minimum", "no_such_parameter"),
            "broken.toml:groups.innovation.minimum",
        ),
    ],
)
def test_scoring_table_defects_are_named(mutate: Any, where: str) -> None:
    with pytest.raises(InputError) as info:
        scoring.table_from(parameter_set_from_mapping(_broken(mutate), "broken.toml"))
    assert info.value.paths == (where,)


def test_a_sound_table_and_other_kinds() -> None:
    table = scoring.table_from(parameter_set_from_mapping(_broken(lambda raw: None), "broken.toml"))
    assert [i.name for i in table.indicators] == ["ip", "rd_share"]
    assert [i.min_points for i in table.indicators] == [0, 0]
    scored = scoring.score(
        table.indicator("rd_share"), {"share": scoring.Plain(Decimal("0.04"))}, inclusive=True
    )
    assert scored.next_up is not None
    assert scored.next_up.to_dict() == {
        "points": "20",
        "gain": "5",
        "band": "≥5%=20",
        "needs": {"share": {"at": "0.05", "short_by": "0.01"}},
        "advice": {
            "zh": "提高至5%（尚须提高1个百分点）",
            "en": "raise it to 5% (raise by 1 percentage points)",
        },
    }
    extra: dict[str, Any] = {
        "order": 3,
        "group": "innovation",
        "label": "⑨",
        "title": Message("x", "x"),
        "note": Message("注", "note"),
    }
    steps = scoring.Indicator(
        "s", **extra, kind="steps", max_points=Decimal(5), step=2, points_per_step=Decimal(1)
    )
    items = scoring.Indicator(
        "i",
        **extra,
        kind="items",
        max_points=Decimal(5),
        points_per_item=Decimal(3),
        choices=(scoring.Choice("a", Decimal(0), "A"), scoring.Choice("b", Decimal(0), "B")),
    )
    supplied = scoring.Indicator("u", **extra, kind="supplied", max_points=Decimal(15))
    assert steps.note == Message("注", "note")
    assert [steps.min_points, items.min_points, supplied.min_points] == [0, 0, 0]
    assert steps.heading.en == "⑨ x"
    missing = scoring.score(items, scoring.Missing(("quality_items",)), inclusive=True)
    assert (missing.status, missing.low, missing.high) == (Status.UNKNOWN, Decimal(0), Decimal(5))
    assert scoring.score(supplied, Decimal(15), inclusive=True).next_up is None
    assert scoring.score(steps, 3, inclusive=True).points == 1


def test_measurements() -> None:
    money = scoring.Plain(Decimal(3_500_000), money=True)
    assert money.text("zh") == "350万元"
    assert str(money.short_by(Decimal(4_000_000), False)) == "50万元"
    assert money.short_text(Decimal(4_000_000), False, "zh") == "50万元"
    assert money.short_text(Decimal(4_000_000), False, "en") == "500,000 yuan"
    assert money.text("en") == "3.5 million yuan"
    share = scoring.Plain(Decimal("0.6"))
    assert share.short_text(Decimal("0.55"), True, "en") == "5 percentage points"
    cagr = scoring.Growth(Decimal(121), Decimal(100), 2)
    assert cagr.compare(Decimal("0.1")) == 0
    assert cagr.shown() == Decimal("0.1")
    assert cagr.text("zh") == "10%"
    mean = scoring.MeanGrowth(Decimal(121), Decimal(110), Decimal(100))
    assert mean.compare(Decimal("0.1")) == 0
    assert mean.compare(Decimal("0.11")) == -1
    assert mean.short_text(Decimal("0.12"), False, "zh") == "2个百分点"


def test_three_valued_logic() -> None:
    met, no, unk, rev = Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.REVIEW
    assert scoring.either([no, met, unk]) is met
    assert scoring.either([no, no]) is no
    assert scoring.either([]) is no
    assert scoring.either([no, rev]) is rev
    assert scoring.either([rev, unk]) is unk
    assert scoring.both([met, no, unk]) is no
    assert scoring.both([met, met]) is met
    assert scoring.both([met, rev]) is rev
    assert scoring.both([unk, rev]) is unk


def _finding(fid: str, s: Status) -> Finding:
    return Finding(fid, s, Message("x", "x"))


def test_bind_routes() -> None:
    met, no, unk = Status.MET, Status.NOT_MET, Status.UNKNOWN
    score = [_finding("a", met), _finding("b", unk)]
    direct = [_finding("c", no), _finding("d", unk)]

    def bound(overall: Status, s: Status, d: Status) -> list[bool]:
        return [f.binding for f in scoring.bind_routes(overall, [(s, score), (d, direct)])]

    assert bound(unk, unk, unk) == [True, True, False, True]
    assert bound(unk, no, unk) == [False, False, False, True]
    assert bound(no, no, no) == [True, True, True, True]
    assert bound(met, met, no) == [True, False, False, False]


def test_ctx_free_helpers() -> None:
    scoring.check_unique(None, "x")
    scoring.check_awards(None, "x")
    assert isinstance(scoring.yearly_growth(None, Decimal(1), ("a", "b")), scoring.Missing)


@pytest.mark.parametrize("fact", sorted(BASE))
def test_each_missing_fact(fact: str) -> None:
    """Every fact, left out alone: some finding becomes unknown; an eligible application can
    become undetermined, never ineligible."""
    d = run(without(BASE, fact))
    if fact in GENERAL:  # an attestation left out needs a reviewer
        assert any(f.binding and f.status.value == "review" for f in d.findings)
        assert d.status.value == "undetermined"
        return
    assert any(f.status.value == "unknown" for f in d.findings), fact
    assert d.status.value in ("eligible", "undetermined")


def test_real_loss_and_insolvency_figures_are_accepted_and_score_zero() -> None:
    d = run({"net_profit_margin": "-5%", "debt_ratio": "120%", "niche_years": "3年"})
    indicators = d.results["indicators"]
    assert indicators["net_profit_margin"]["points"] == 0
    assert indicators["debt_ratio"]["points"] == 0
    d = run({"niche_years": 2.5})
    assert d.finding("sme_specialized.basic.niche_years").status.value == "met"
