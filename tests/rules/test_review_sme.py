"""Review of issue 6: sme_innovative, sme_specialized, nmgpolicy.sme and the inspection draw.

Each band edge is checked against the bundled source text (data/sources/gradient_2022.md, §A
附件1, §B 附件2), on both sides, under the default reading (an open edge scores the higher band)
and the strict what-if (an open edge scores the lower band; an edge the text fixes, such as
"≥5%=20" or ">75%=0", does not move). Then: each direct route alone, exactly 60 points, group
minima failing while the total passes, the four basic conditions of 附件2, the supplied 特色化
score, the results, the in-force edges, 实施细则 第二十一条–第三十二条 and the random-inspection
draw (re-implemented here from its documented algorithm).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import inspection, sme
from nmgpolicy.errors import InputError, NotInForce
from tests._builders import (
    PRIORITY_BASES,
    PRIORITY_CHAINS,
    PRIORITY_CLUSTERS,
    sme_general,
    specialized_66,
)

ON = dt.date(2025, 9, 1)
INN = "sme_innovative"
SPE = "sme_specialized"
# The bundled catalog is a byte-exact copy of the seed (tests/test_catalog.py checks it).
SEED_FILE = (
    Path(__file__).resolve().parents[2] / "src" / "nmgpolicy" / "data" / "baotou_miit_catalog.tsv"
)
STRICT = {"band_lower_inclusive": False}
# The general admission conditions of 63号, attested (their own tests: test_sme_law.py).
GENERAL: dict[str, Any] = sme_general()


def evaluate(ruleset: str, facts: dict[str, Any], **kw: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate(ruleset, {**GENERAL, **facts}, on=kw.pop("on", ON), **kw)


def points(ruleset: str, facts: dict[str, Any], name: str, **kw: Any) -> Decimal | None:
    return evaluate(ruleset, facts, **kw).results["indicators"][name]["points"]


def paths(error: InputError) -> list[str]:
    return [p.path for p in error.problems]


# --------------------------------------------------------------------------------------------
# 附件1 (sme_innovative): every indicator, every band edge, both sides
# --------------------------------------------------------------------------------------------

INN_SHARE_BANDS = [
    # ② 上年度研发费用占营业收入比重: ≥5%=20; 3–5%=15; 2–3%=10; 1–2%=5; <1%=0
    ("rd_expense_share", "rd_share", "5%", 20, 20),  # "≥5%" fixes it
    ("rd_expense_share", "rd_share", "4.9999%", 15, 15),
    ("rd_expense_share", "rd_share", "3%", 15, 10),
    ("rd_expense_share", "rd_share", "2.9999%", 10, 10),
    ("rd_expense_share", "rd_share", "2%", 10, 5),
    ("rd_expense_share", "rd_share", "1.9999%", 5, 5),
    ("rd_expense_share", "rd_share", "1%", 5, 5),  # "<1%" fixes it
    ("rd_expense_share", "rd_share", "0.9999%", 0, 0),
    ("rd_expense_share", "rd_share", "0%", 0, 0),
    # ④ 上年度资产负债率 (lower is better): ≤55%=10; 55–75%=5; >75%=0
    ("debt_ratio", "debt_ratio", "0%", 10, 10),
    ("debt_ratio", "debt_ratio", "55%", 10, 10),  # "≤55%" fixes it
    ("debt_ratio", "debt_ratio", "55.0001%", 5, 5),
    ("debt_ratio", "debt_ratio", "75%", 5, 5),  # ">75%" fixes it
    ("debt_ratio", "debt_ratio", "75.0001%", 0, 0),
    ("debt_ratio", "debt_ratio", "100%", 0, 0),
    # ⑥ 上年度主营业务收入占营业收入比重: ≥70%=20; 60–70%=15; 55–60%=10; 50–55%=5; <50%=0
    ("main_revenue_share", "main_revenue_share", "100%", 20, 20),
    ("main_revenue_share", "main_revenue_share", "70%", 20, 20),  # "≥70%"
    ("main_revenue_share", "main_revenue_share", "69.9999%", 15, 15),
    ("main_revenue_share", "main_revenue_share", "60%", 15, 10),
    ("main_revenue_share", "main_revenue_share", "59.9999%", 10, 10),
    ("main_revenue_share", "main_revenue_share", "55%", 10, 5),
    ("main_revenue_share", "main_revenue_share", "54.9999%", 5, 5),
    ("main_revenue_share", "main_revenue_share", "50%", 5, 5),  # "<50%"
    ("main_revenue_share", "main_revenue_share", "49.9999%", 0, 0),
]


@pytest.mark.parametrize(("fact", "name", "value", "default", "strict"), INN_SHARE_BANDS)
def test_innovative_share_bands(fact: str, name: str, value: str, default: int, strict: int):
    assert points(INN, {fact: value}, name) == default
    assert points(INN, {fact: value}, name, parameters=STRICT) == strict


@pytest.mark.parametrize(
    ("y1", "default", "strict"),
    [
        # ③ 上年度主营业务收入增长率: ≥15%=20; 10–15%=15; 5–10%=10; 0–5%=5; <0=0 (base 3万元:
        # awkward divisions, exact comparisons)
        ("3.45万元", 20, 20),  # "≥15%" fixes it
        ("3.4499999万元", 15, 15),
        ("3.3万元", 15, 10),
        ("3.2999999万元", 10, 10),
        ("3.15万元", 10, 5),
        ("3.1499999万元", 5, 5),
        ("3万元", 5, 5),  # "<0" fixes it
        ("2.9999999万元", 0, 0),
        ("0元", 0, 0),
    ],
)
def test_innovative_growth_bands(y1: str, default: int, strict: int):
    facts = {"main_revenue_y1": y1, "main_revenue_y2": "3万元"}
    assert points(INN, facts, "revenue_growth") == default
    assert points(INN, facts, "revenue_growth", parameters=STRICT) == strict


@pytest.mark.parametrize(
    ("fact", "name", "value", "expected"),
    [
        # ① 有效知识产权: Ⅰ类高价值 20; 自主研发Ⅰ类 15; Ⅰ类 10; Ⅱ类 5; 无 0
        ("ip_class", "ip", "class1_high_value", 20),
        ("ip_class", "ip", "class1_own", 15),
        ("ip_class", "ip", "class1", 10),
        ("ip_class", "ip", "class2", 5),
        ("ip_class", "ip", "none", 0),
        # ⑤ 主导产品所属领域: 战略性新兴产业 10; 其他 5
        ("product_field", "product_field", "strategic_emerging", 10),
        ("product_field", "product_field", "other", 5),
    ],
)
def test_innovative_choices(fact: str, name: str, value: str, expected: int):
    assert points(INN, {fact: value}, name) == expected


def test_innovative_table_maxima_and_groups():
    d = evaluate(INN, {})
    groups = d.results["groups"]
    assert {g: groups[g]["max_points"] for g in groups} == {
        "innovation": 40,
        "growth": 30,
        "specialization": 30,
    }
    assert {g: groups[g]["minimum"] for g in groups} == {
        "innovation": 20,
        "growth": 15,
        "specialization": 15,
    }
    maxima = {k: v["max_points"] for k, v in d.results["indicators"].items()}
    assert maxima == {
        "ip": 20,
        "rd_share": 20,
        "revenue_growth": 20,
        "debt_ratio": 10,
        "product_field": 10,
        "main_revenue_share": 20,
    }
    assert d.results["max_points"] == 100


def test_innovative_zero_base_growth_is_review_not_a_guess():
    d = evaluate(INN, {"main_revenue_y1": "100万元", "main_revenue_y2": "0元"})
    f = d.finding("sme_innovative.indicator.revenue_growth")
    assert f.status.value == "review"
    assert d.results["indicators"]["revenue_growth"]["points"] is None


# --------------------------------------------------------------------------------------------
# 附件1: score route, group minima, each direct route alone
# --------------------------------------------------------------------------------------------

# ① Ⅰ类 10 + ② 5% 20 = 30; ③ 5% 10 + ④ 75% 5 = 15; ⑤ other 5 + ⑥ 55% 10 = 15 → 60.
INN_60: dict[str, Any] = {
    "ip_class": "class1",
    "rd_expense_share": "5%",
    "main_revenue_y1": "2100万元",
    "main_revenue_y2": "2000万元",
    "debt_ratio": "75%",
    "product_field": "other",
    "main_revenue_share": "55%",
    "science_awards_3y": [],
    "valid_titles": [],
    "rd_institution_level": "municipal",
    "equity_financing_3y": "0元",
}
NO_DIRECT_INN = {
    "science_awards_3y": [],
    "valid_titles": [],
    "rd_institution_level": "none",
    "equity_financing_3y": "0元",
}


def test_innovative_exactly_60_with_every_minimum_exactly_met():
    d = evaluate(INN, INN_60)
    assert d.status.value == "eligible"
    assert d.results["total"] == 60
    assert {g: v["points"] for g, v in d.results["groups"].items()} == {
        "innovation": 30,
        "growth": 15,
        "specialization": 15,
    }
    assert d.finding("sme_innovative.total").status.value == "met"
    assert d.finding("sme_innovative.score_or_direct").status.value == "met"


def test_innovative_one_point_band_below_60_is_ineligible():
    d = evaluate(INN, {**INN_60, "main_revenue_share": "54.99%"})
    assert d.results["total"] == 55
    assert d.status.value == "ineligible"
    assert d.finding("sme_innovative.group.specialization").status.value == "not_met"


def test_innovative_strict_edges_drop_the_60_case():
    d = evaluate(INN, INN_60, parameters=STRICT)
    assert d.results["total"] < 60
    assert d.status.value == "ineligible"
    assert d.to_dict()["overrides"] == {"band_lower_inclusive": False}


@pytest.mark.parametrize(
    ("facts", "failing"),
    [
        # 创新能力 15 (< 20), 成长性 30, 专业化 30: total 75
        (
            {
                "ip_class": "class2",
                "rd_expense_share": "2%",
                "main_revenue_y1": "120万元",
                "main_revenue_y2": "100万元",
                "debt_ratio": "10%",
                "product_field": "strategic_emerging",
                "main_revenue_share": "80%",
            },
            "innovation",
        ),
        # 创新能力 40, 成长性 10 (< 15), 专业化 30: total 80
        (
            {
                "ip_class": "class1_high_value",
                "rd_expense_share": "6%",
                "main_revenue_y1": "90万元",
                "main_revenue_y2": "100万元",
                "debt_ratio": "10%",
                "product_field": "strategic_emerging",
                "main_revenue_share": "80%",
            },
            "growth",
        ),
        # 创新能力 40, 成长性 30, 专业化 10 (< 15): total 80
        (
            {
                "ip_class": "class1_high_value",
                "rd_expense_share": "6%",
                "main_revenue_y1": "120万元",
                "main_revenue_y2": "100万元",
                "debt_ratio": "10%",
                "product_field": "other",
                "main_revenue_share": "52%",
            },
            "specialization",
        ),
    ],
)
def test_innovative_group_minimum_fails_while_total_passes(facts: dict[str, Any], failing: str):
    d = evaluate(INN, {**facts, **NO_DIRECT_INN})
    assert d.results["total"] >= 60
    assert d.finding("sme_innovative.total").status.value == "met"
    assert d.finding(f"sme_innovative.group.{failing}").status.value == "not_met"
    assert d.status.value == "ineligible"
    assert d.results["routes"]["score"].value == "not_met"


@pytest.mark.parametrize(
    ("facts", "finding"),
    [
        ({"science_awards_3y": [{"level": "provincial"}]}, "science_award"),
        ({"science_awards_3y": [{"level": "national", "rank": 9}]}, "science_award"),
        ({"valid_titles": ["high_tech"]}, "title"),
        ({"valid_titles": ["tech_innovation_demo"]}, "title"),
        ({"valid_titles": ["ip_advantage"]}, "title"),
        ({"valid_titles": ["ip_demo"]}, "title"),
        ({"rd_institution_level": "provincial"}, "rd_institution"),
        ({"rd_institution_level": "national"}, "rd_institution"),
        ({"equity_financing_3y": "500万元"}, "equity_financing"),
        ({"equity_financing_3y": "0.05亿元"}, "equity_financing"),
    ],
)
def test_innovative_each_direct_route_alone(facts: dict[str, Any], finding: str):
    # Alone, with no score fact at all, and with a failing score.
    for base in ({}, {"ip_class": "none", "rd_expense_share": "0%", "product_field": "other"}):
        d = evaluate(INN, {**base, **facts})
        assert d.status.value == "eligible"
        f = d.finding(f"sme_innovative.direct.{finding}")
        assert f.status.value == "met"
        assert f.binding
        assert d.finding("sme_innovative.score_or_direct").status.value == "met"


@pytest.mark.parametrize(
    "facts",
    [
        {"rd_institution_level": "municipal"},
        {"rd_institution_level": "below_municipal"},
        {"equity_financing_3y": "499.99万元"},
        {"science_awards_3y": []},
        {"valid_titles": []},
    ],
)
def test_innovative_direct_route_just_short(facts: dict[str, Any]):
    low = {
        "ip_class": "none",
        "rd_expense_share": "0%",
        "main_revenue_y1": "1万元",
        "main_revenue_y2": "2万元",
        "debt_ratio": "90%",
        "product_field": "other",
        "main_revenue_share": "10%",
    }
    full = {**low, **NO_DIRECT_INN, **facts}
    assert evaluate(INN, full).status.value == "ineligible"
    # The same failure with the other direct facts unknown leaves it open, not ineligible.
    only = {**low, **facts}
    d = evaluate(INN, only)
    assert d.status.value == "undetermined"
    failed = [f for f in d.findings if f.id.startswith("sme_innovative.direct.")]
    assert all(not f.binding for f in failed if f.status.value == "not_met")


# --------------------------------------------------------------------------------------------
# 附件2 (sme_specialized): every indicator, every band edge
# --------------------------------------------------------------------------------------------

SPE_SHARE_BANDS = [
    # ① 上年度主营收入占比: ≥80%=5; 70–80%=3; 60–70%=1; <60%=0
    ("main_revenue_share", "main_revenue_share", "80%", 5, 5),  # "≥80%"
    ("main_revenue_share", "main_revenue_share", "79.9999%", 3, 3),
    ("main_revenue_share", "main_revenue_share", "70%", 3, 1),
    ("main_revenue_share", "main_revenue_share", "69.9999%", 1, 1),
    ("main_revenue_share", "main_revenue_share", "60%", 1, 1),  # "<60%"
    ("main_revenue_share", "main_revenue_share", "59.9999%", 0, 0),
    # ⑦ 上年度净利润率: ≥10%=10; 8–10%=8; 6–8%=6; 4–6%=4; 2–4%=2; <2%=0
    ("net_profit_margin", "net_profit_margin", "10%", 10, 10),  # "≥10%"
    ("net_profit_margin", "net_profit_margin", "9.9999%", 8, 8),
    ("net_profit_margin", "net_profit_margin", "8%", 8, 6),
    ("net_profit_margin", "net_profit_margin", "7.9999%", 6, 6),
    ("net_profit_margin", "net_profit_margin", "6%", 6, 4),
    ("net_profit_margin", "net_profit_margin", "5.9999%", 4, 4),
    ("net_profit_margin", "net_profit_margin", "4%", 4, 2),
    ("net_profit_margin", "net_profit_margin", "3.9999%", 2, 2),
    ("net_profit_margin", "net_profit_margin", "2%", 2, 2),  # "<2%"
    ("net_profit_margin", "net_profit_margin", "1.9999%", 0, 0),
    ("net_profit_margin", "net_profit_margin", "0%", 0, 0),
    # ⑧ 上年度资产负债率 (lower is better): ≤50%=5; 50–60%=3; 60–70%=1; >70%=0
    ("debt_ratio", "debt_ratio", "50%", 5, 5),  # "≤50%"
    ("debt_ratio", "debt_ratio", "50.0001%", 3, 3),
    ("debt_ratio", "debt_ratio", "60%", 3, 1),
    ("debt_ratio", "debt_ratio", "60.0001%", 1, 1),
    ("debt_ratio", "debt_ratio", "70%", 1, 1),  # ">70%"
    ("debt_ratio", "debt_ratio", "70.0001%", 0, 0),
    # ⑫ 上年度研发人员占比 (unverified): ≥20%=5; 10–20%=3; 5–10%=1; <5%=0
    ("rd_staff_share", "rd_staff_share", "20%", 5, 5),  # "≥20%"
    ("rd_staff_share", "rd_staff_share", "19.9999%", 3, 3),
    ("rd_staff_share", "rd_staff_share", "10%", 3, 1),
    ("rd_staff_share", "rd_staff_share", "9.9999%", 1, 1),
    ("rd_staff_share", "rd_staff_share", "5%", 1, 1),  # "<5%"
    ("rd_staff_share", "rd_staff_share", "4.9999%", 0, 0),
]


@pytest.mark.parametrize(("fact", "name", "value", "default", "strict"), SPE_SHARE_BANDS)
def test_specialized_share_bands(fact: str, name: str, value: str, default: int, strict: int):
    assert points(SPE, {fact: value}, name) == default
    assert points(SPE, {fact: value}, name, parameters=STRICT) == strict


@pytest.mark.parametrize(
    ("amount", "share", "expected"),
    [
        # ⑪ 上年度研发费用投入: ≥500万或占比≥10%=10; 400–500万或8–10%=8; 300–400万或6–8%=6;
        # 200–300万或4–6%=4; 100–200万或3–4%=2; else 0 — either measure reaching a band gives it
        ("500万元", "0%", 10),
        ("499.99万元", "10%", 10),
        ("499.99万元", "9.99%", 8),
        ("400万元", "0%", 8),
        ("399.99万元", "8%", 8),
        ("399.99万元", "7.99%", 6),
        ("300万元", "0%", 6),
        ("299.99万元", "6%", 6),
        ("299.99万元", "5.99%", 4),
        ("200万元", "0%", 4),
        ("199.99万元", "4%", 4),
        ("199.99万元", "3.99%", 2),
        ("100万元", "0%", 2),
        ("99.99万元", "3%", 2),
        ("99.99万元", "2.99%", 0),
    ],
)
def test_specialized_rd_expense_either_measure(amount: str, share: str, expected: int):
    facts = {"rd_expense_y1": amount, "rd_expense_share": share}
    assert points(SPE, facts, "rd_expense") == expected


def test_specialized_rd_expense_one_measure_missing():
    # The known measure already at the top band settles the points.
    assert points(SPE, {"rd_expense_y1": "600万元"}, "rd_expense") == 10
    assert points(SPE, {"rd_expense_share": "12%"}, "rd_expense") == 10
    # Otherwise the points are an interval from the known measure's band up to the maximum.
    r = evaluate(SPE, {"rd_expense_y1": "450万元"}).results["indicators"]["rd_expense"]
    assert (r["points"], r["min"], r["max"]) == (None, 8, 10)


@pytest.mark.parametrize(
    ("y1", "y2", "y3", "mean", "cagr"),
    [
        # ② 近2年主营业务收入平均增长率: ≥10%=10; 8–10%=8; 6–8%=6; 4–6%=4; 0–4%=2; <0=0
        ("121万元", "110万元", "100万元", 10, 10),
        # mean of 10 % and 6 % is exactly 8 %; the compound rate is √1.166 − 1 ≈ 7.98 %
        ("8.162万元", "7.7万元", "7万元", 8, 6),
        ("8.1619万元", "7.7万元", "7万元", 6, 6),
        ("116.64万元", "108万元", "100万元", 8, 8),  # exactly 8 % both ways
        ("116.6399万元", "108万元", "100万元", 6, 6),
        ("112.36万元", "106万元", "100万元", 6, 6),
        ("108.16万元", "104万元", "100万元", 4, 4),
        ("108.1599万元", "104万元", "100万元", 2, 2),
        ("100万元", "100万元", "100万元", 2, 2),
        ("99.99万元", "100万元", "100万元", 0, 0),
    ],
)
def test_specialized_growth_bands(y1: str, y2: str, y3: str, mean: int, cagr: int):
    facts = {"main_revenue_y1": y1, "main_revenue_y2": y2, "main_revenue_y3": y3}
    assert points(SPE, facts, "revenue_growth") == mean
    method = {"growth_method": "cagr"}
    assert points(SPE, facts, "revenue_growth", parameters=method) == cagr


def test_specialized_growth_methods_differ_and_the_decision_says_so():
    # Rates +50 % then −30 %: mean 10 % (10 points), compound ≈ 2.5 % (2 points).
    facts = {
        "main_revenue_y1": "105万元",
        "main_revenue_y2": "150万元",
        "main_revenue_y3": "100万元",
    }
    d = evaluate(SPE, facts)
    assert d.results["indicators"]["revenue_growth"]["points"] == 10
    assert d.results["growth_method"] == "mean"
    assert any("cagr" in n.en for n in d.notes)
    assert points(SPE, facts, "revenue_growth", parameters={"growth_method": "cagr"}) == 2


@pytest.mark.parametrize(
    ("years", "expected"),
    [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (6, 3), (8, 4), (9, 4), (10, 5), (11, 5), (40, 5)],
)
def test_specialized_niche_years_one_point_per_full_two_years(years: int, expected: int):
    assert points(SPE, {"niche_years": years}, "niche_years") == expected


@pytest.mark.parametrize(
    ("fact", "name", "value", "expected"),
    [
        ("product_field", "product_field", "gap_filling", 5),
        ("product_field", "product_field", "foundation", 3),
        ("product_field", "product_field", "other", 0),
        ("digital_level", "digital_level", "level3_or_above", 5),
        ("digital_level", "digital_level", "level2", 3),
        ("digital_level", "digital_level", "level1", 0),
        ("ip_class", "ip", "class1_high_value", 10),
        ("ip_class", "ip", "class1_own", 8),
        ("ip_class", "ip", "class1", 6),
        ("ip_class", "ip", "class2", 2),
        ("ip_class", "ip", "none", 0),
        ("rd_institution_level", "rd_institution", "national", 10),
        ("rd_institution_level", "rd_institution", "provincial", 8),
        ("rd_institution_level", "rd_institution", "municipal", 4),
        ("rd_institution_level", "rd_institution", "below_municipal", 2),
        ("rd_institution_level", "rd_institution", "none", 0),
    ],
)
def test_specialized_choices(fact: str, name: str, value: str, expected: int):
    assert points(SPE, {fact: value}, name) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], 0),
        (["own_brand"], 3),
        (["quality_award"], 3),
        (["own_brand", "standard_setting"], 5),
        (["quality_award", "system_certification", "own_brand", "standard_setting"], 5),
    ],
)
def test_specialized_quality_items_three_each_capped_at_five(items: list[str], expected: int):
    assert points(SPE, {"quality_items": items}, "quality") == expected


def test_specialized_table_maxima_and_groups():
    d = evaluate(SPE, {})
    groups = d.results["groups"]
    assert {g: groups[g]["max_points"] for g in groups} == {
        "specialization": 25,
        "refinement": 25,
        "characteristic": 15,
        "innovation": 35,
    }
    assert all("minimum" not in g for g in groups.values())  # 附件2 sets no group minima
    assert d.results["max_points"] == 100
    for name in ("rd_staff_share", "rd_institution"):
        f = d.finding(f"sme_specialized.indicator.{name}")
        assert "未经核实" in f.citation.clause


# --------------------------------------------------------------------------------------------
# 附件2: basic conditions, score or direct route, 特色化
# --------------------------------------------------------------------------------------------

# 66 points: 专业化 18, 精细化 19, 特色化 10, 创新能力 19 (see examples/sme_specialized).
SPE_66: dict[str, Any] = specialized_66()


def test_specialized_66_results_by_group_and_indicator():
    d = evaluate(SPE, SPE_66)
    assert d.status.value == "eligible"
    r = d.results
    assert r["total"] == 66
    assert {g: v["points"] for g, v in r["groups"].items()} == {
        "specialization": 18,
        "refinement": 19,
        "characteristic": 10,
        "innovation": 19,
    }
    assert {k: v["points"] for k, v in r["indicators"].items()} == {
        "main_revenue_share": 5,
        "revenue_growth": 8,
        "niche_years": 2,
        "product_field": 3,
        "digital_level": 3,
        "quality": 5,
        "net_profit_margin": 6,
        "debt_ratio": 5,
        "characteristic": 10,
        "ip": 6,
        "rd_expense": 6,
        "rd_staff_share": 3,
        "rd_institution": 4,
    }
    up = r["nearest_band_up"]
    assert up["main_revenue_share"] is None  # at the top
    assert up["quality"] is None
    assert (up["rd_institution"]["points"], up["rd_institution"]["gain"]) == (8, 4)
    assert up["niche_years"]["needs"] == {"years": {"at": 6, "short_by": 1}}
    assert up["debt_ratio"] is None
    # improvements: ranked by gain, biggest first
    gains = [i["gain"] for i in r["improvements"]]
    assert gains == sorted(gains, reverse=True)
    assert r["improvements"][0]["indicator"] == "rd_institution"


@pytest.mark.parametrize(
    ("characteristic", "total", "status"),
    [("4", 60, "eligible"), ("3.99", Decimal("59.99"), "ineligible"), ("0", 56, "ineligible")],
)
def test_specialized_exactly_60(characteristic: str, total: Decimal, status: str):
    d = evaluate(SPE, {**SPE_66, "characteristic_score": characteristic})
    assert d.results["total"] == total
    assert d.status.value == status


@pytest.mark.parametrize(
    ("change", "failing"),
    [
        ({"niche_years": 1}, "niche_years"),
        ({"rd_expense_y1": "99.99万元"}, "rd_expense"),
        ({"rd_expense_share": "2.99%"}, "rd_share"),
        ({"revenue_y1": "999.99万元"}, "revenue"),
        ({"revenue_y1": "500万元", "equity_financing_2y": "1999.99万元"}, "revenue"),
    ],
)
def test_specialized_each_basic_condition_binds_even_with_score_and_direct(
    change: dict[str, Any], failing: str
):
    # A direct condition (创客中国) is met as well: (4) holds, yet (1)–(3) each still bind.
    d = evaluate(SPE, {**SPE_66, "maker_china_top500_3y": True, **change})
    assert d.finding(f"sme_specialized.basic.{failing}").status.value == "not_met"
    assert d.finding(f"sme_specialized.basic.{failing}").binding
    assert d.finding("sme_specialized.score_or_direct").status.value == "met"
    assert d.status.value == "ineligible"


@pytest.mark.parametrize(
    "change",
    [
        {"niche_years": 2},
        {"rd_expense_y1": "100万元"},
        {"rd_expense_share": "3%"},
        {"revenue_y1": "1000万元"},
        {"revenue_y1": "500万元", "equity_financing_2y": "2000万元"},
        {"revenue_y1": "0元", "equity_financing_2y": "0.2亿元"},
    ],
)
def test_specialized_basic_conditions_at_their_edges(change: dict[str, Any]):
    assert evaluate(SPE, {**SPE_66, **change}).status.value == "eligible"


def test_specialized_revenue_alternative_settles_it_with_revenue_unknown():
    facts = {k: v for k, v in SPE_66.items() if k != "revenue_y1"}
    d = evaluate(SPE, {**facts, "equity_financing_2y": "2000万元"})
    assert d.finding("sme_specialized.basic.revenue").status.value == "met"
    assert d.status.value == "eligible"
    d = evaluate(SPE, {**facts, "equity_financing_2y": "1000万元"})
    assert d.finding("sme_specialized.basic.revenue").status.value == "unknown"
    assert d.status.value == "undetermined"


# Scores 27 without 特色化, so even 15 supplied points cannot reach 60; basics all met.
SPE_LOW: dict[str, Any] = {
    **SPE_66,
    "main_revenue_share": "50%",
    "main_revenue_y1": "4000万元",
    "product_field": "other",
    "digital_level": "level1",
    "quality_items": [],
    "net_profit_margin": "1%",
    "debt_ratio": "80%",
    "characteristic_score": "15",
    "ip_class": "none",
    "rd_staff_share": "0%",
    "rd_institution_level": "none",
}


@pytest.mark.parametrize(
    ("facts", "finding"),
    [
        ({"science_awards_3y": [{"level": "provincial", "rank": 3}]}, "science_award"),
        ({"science_awards_3y": [{"level": "national", "rank": 5}]}, "science_award"),
        (
            {"science_awards_3y": [{"level": "provincial", "rank": 4}, {"level": "national"}]},
            None,  # rank of the national award unknown: undetermined
        ),
        ({"rd_expense_y1": "1000万元", "rd_expense_y2": "1000万元"}, "rd_expense_mean"),
        ({"rd_expense_y1": "1500万元", "rd_expense_y2": "500万元"}, "rd_expense_mean"),
        ({"rd_expense_y1": "2000万元", "rd_expense_y2": None}, "rd_expense_mean"),
        ({"equity_financing_2y": "6000万元"}, "equity_financing"),
        ({"maker_china_top500_3y": True}, "maker_china"),
    ],
)
def test_specialized_each_direct_route_alone(facts: dict[str, Any], finding: str | None):
    base = evaluate(SPE, SPE_LOW)
    assert base.results["total"] < 60
    assert base.status.value == "ineligible"
    merged = {**SPE_LOW, **facts}
    d = evaluate(SPE, {k: v for k, v in merged.items() if v is not None})
    if finding is None:
        assert d.status.value == "undetermined"
        assert d.finding("sme_specialized.direct.science_award").status.value == "unknown"
        return
    assert d.status.value == "eligible"
    f = d.finding(f"sme_specialized.direct.{finding}")
    assert f.status.value == "met"
    assert f.binding


@pytest.mark.parametrize(
    "facts",
    [
        {"science_awards_3y": [{"level": "provincial", "rank": 4}]},
        {"science_awards_3y": [{"level": "national", "rank": 6}]},
        {"rd_expense_y1": "1000万元", "rd_expense_y2": "999.98万元"},
        {"equity_financing_2y": "5999.99万元"},
        {"maker_china_top500_3y": False},
    ],
)
def test_specialized_direct_route_just_short(facts: dict[str, Any]):
    d = evaluate(SPE, {**SPE_LOW, **facts})
    assert d.status.value == "ineligible"
    assert d.finding("sme_specialized.score_or_direct").status.value == "not_met"


def test_specialized_award_rank_parameters_are_overridable():
    facts = {**SPE_LOW, "science_awards_3y": [{"level": "provincial", "rank": 4}]}
    d = evaluate(SPE, facts, parameters={"award_rank_provincial": 4})
    assert d.status.value == "eligible"


@pytest.mark.parametrize("value", ["0", "15", "7.5", 0, 15, "14.99"])
def test_characteristic_score_accepted_in_closed_range(value: Any):
    d = evaluate(SPE, {"characteristic_score": value})
    assert d.results["indicators"]["characteristic"]["points"] == Decimal(str(value))
    assert d.results["groups"]["characteristic"]["points"] == Decimal(str(value))


@pytest.mark.parametrize("value", ["15.01", "-0.01", 16, -1, "abc", "NaN", "Infinity", True])
def test_characteristic_score_refused_outside_range(value: Any):
    with pytest.raises(InputError) as caught:
        evaluate(SPE, {"characteristic_score": value})
    assert paths(caught.value) == ["$.characteristic_score"]


def test_characteristic_score_is_said_to_be_supplied():
    d = evaluate(SPE, SPE_66)
    f = d.finding("sme_specialized.indicator.characteristic")
    assert "另行提供" in f.message.zh
    assert "调用方" not in f.message.zh
    assert "supplied" in f.message.en
    assert "characteristic_score" in f.message.en
    assert not f.binding


def test_characteristic_missing_is_an_interval_and_noted():
    facts = {k: v for k, v in SPE_66.items() if k != "characteristic_score"}
    d = evaluate(SPE, facts)
    assert d.results["total"] is None
    assert d.results["total_range"] == {"min": 56, "max": 71}
    assert d.finding("sme_specialized.indicator.characteristic").status.value == "unknown"
    assert d.finding("sme_specialized.total").status.value == "unknown"
    assert d.status.value == "undetermined"
    assert any("特色化指标得分" in n.zh for n in d.notes)
    assert any("characteristic_score" in n.en for n in d.notes)
    # When the other 85 points already reach 60, the missing score cannot change it.
    rich = {**facts, "rd_institution_level": "national", "ip_class": "class1_high_value"}
    d = evaluate(SPE, rich)
    assert d.finding("sme_specialized.total").status.value == "met"
    assert d.status.value == "eligible"
    # When even 15 points cannot reach 60, it is not_met.
    poor = {k: v for k, v in SPE_LOW.items() if k != "characteristic_score"}
    assert evaluate(SPE, poor).finding("sme_specialized.total").status.value == "not_met"


# --------------------------------------------------------------------------------------------
# to_dict formats, junk, in-force window
# --------------------------------------------------------------------------------------------


def test_to_dict_formats():
    d = evaluate(SPE, {**SPE_66, "revenue_y1": "500万元", "equity_financing_2y": "0.2亿元"})
    out = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert out["ruleset"] == SPE
    assert out["on"] == "2025-09-01"
    assert out["status"] == "eligible"
    findings = {f["id"]: f for f in out["findings"]}
    revenue = findings["sme_specialized.basic.revenue"]
    assert revenue["measured"] == {"revenue_y1": "500万元", "equity_financing_2y": "2000万元"}
    assert findings["sme_specialized.basic.rd_share"]["measured"] == "0.05"
    assert findings["sme_specialized.basic.rd_share"]["required"] == "0.03"
    assert findings["sme_specialized.total"]["measured"] == "66"
    assert out["results"]["routes"] == {"score": "met", "direct": "not_met", "overall": "met"}
    assert out["results"]["indicators"]["rd_expense"]["value"] == {
        "amount": "350万元",
        "share": "0.05",
    }
    for f in out["findings"]:
        assert f["id"].startswith(f"{SPE}.")
        assert f["status"] in {"met", "not_met", "unknown", "review", "not_applicable"}
        assert f["message"]["zh"]
        assert f["message"]["en"]
        assert f["citation"]["document"]


@pytest.mark.parametrize(
    ("ruleset", "facts", "where"),
    [
        (INN, {"bogus": 1}, "$.bogus"),
        (INN, {"ip_class": "class3"}, "$.ip_class"),
        (INN, {"rd_expense_share": "abc"}, "$.rd_expense_share"),
        (INN, {"rd_expense_share": 5}, "$.rd_expense_share"),
        (INN, {"main_revenue_y1": "100"}, "$.main_revenue_y1"),
        (INN, {"main_revenue_y1": "100万吨"}, "$.main_revenue_y1"),
        (INN, {"valid_titles": ["high_tech", "high_tech"]}, "$.valid_titles[1]"),
        (INN, {"valid_titles": "high_tech"}, "$.valid_titles"),
        (INN, {"science_awards_3y": [{"level": "city"}]}, "$.science_awards_3y[0].level"),
        (INN, {"science_awards_3y": [{"level": "national", "x": 1}]}, "$.science_awards_3y[0].x"),
        (
            SPE,
            {"science_awards_3y": [{"level": "national", "rank": 0}]},
            "$.science_awards_3y[0].rank",
        ),
        (SPE, {"quality_items": ["own_brand", "own_brand"]}, "$.quality_items[1]"),
        (SPE, {"quality_items": ["iso"]}, "$.quality_items[0]"),
        (SPE, {"niche_years": -1}, "$.niche_years"),
        (SPE, {"maker_china_top500_3y": "yes"}, "$.maker_china_top500_3y"),
        (SPE, {"equity_financing_2y": "-1万元"}, "$.equity_financing_2y"),
    ],
)
def test_junk_refused_at_its_path(ruleset: str, facts: dict[str, Any], where: str):
    with pytest.raises(InputError) as caught:
        evaluate(ruleset, facts)
    assert where in paths(caught.value)


@pytest.mark.parametrize("ruleset", [INN, SPE])
@pytest.mark.parametrize("facts", [None, [], "x", 5])
def test_non_mapping_facts_refused(ruleset: str, facts: Any):
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(ruleset, facts, on=ON)
    assert paths(caught.value) == ["$"]


@pytest.mark.parametrize("ruleset", [INN, SPE])
def test_in_force_edges(ruleset: str):
    d = nmgpolicy.evaluate(ruleset, {}, on=dt.date(2026, 3, 31))
    assert d.status.value == "undetermined"
    assert any("2026-03-31" in n.zh for n in d.notes)
    for before in (dt.date(2022, 5, 31), dt.date(2020, 1, 1)):
        with pytest.raises(NotInForce) as caught:
            nmgpolicy.evaluate(ruleset, {}, on=before)
        assert caught.value.start == dt.date(2022, 6, 1)
    assert nmgpolicy.evaluate(ruleset, {}, on=dt.date(2022, 6, 1)).status.value == "undetermined"


def test_in_force_after_2026_03_31_specialized_ends_innovative_continues():
    with pytest.raises(NotInForce) as caught:
        nmgpolicy.evaluate(SPE, {}, on=dt.date(2026, 4, 1))
    assert "工信部企业〔2026〕2号" in str(caught.value)
    assert "工信部企业〔2026〕2号" in caught.value.successor
    assert caught.value.end == dt.date(2026, 3, 31)
    with pytest.raises(NotInForce):
        nmgpolicy.evaluate(SPE, {}, on=dt.date(2030, 1, 1))
    for on in (dt.date(2026, 4, 1), dt.date(2030, 1, 1)):
        d = nmgpolicy.evaluate(INN, {}, on=on)
        assert d.status.value == "undetermined"
        assert any("工信部企业〔2026〕2号" in n.zh for n in d.notes)


def test_not_in_force_is_raised_for_any_facts():
    with pytest.raises(NotInForce):
        evaluate(SPE, SPE_66, on=dt.date(2026, 4, 1))
    with pytest.raises(NotInForce):
        evaluate(INN, INN_60, on=dt.date(2022, 5, 31))
    with pytest.raises(NotInForce):
        evaluate(
            INN, INN_60, on=dt.date(2026, 4, 2), parameters={"continuation_until": "2026-04-01"}
        )
    assert evaluate(INN, INN_60, on=dt.date(2026, 4, 1)).status.value == "eligible"


# --------------------------------------------------------------------------------------------
# 实施细则 第二十一条–第三十二条
# --------------------------------------------------------------------------------------------


def test_articles_are_the_seed_text():
    arts = sme.articles()
    assert list(arts) == [
        "第二十一条",
        "第二十二条",
        "第二十三条",
        "第二十四条",
        "第二十五条",
        "第二十六条",
        "第二十七条",
        "第二十八条",
        "第二十九条",
        "第三十条",
        "第三十一条",
        "第三十二条",
    ]
    seed = SEED_FILE.read_text(encoding="utf-8")
    for text in arts.values():
        assert text in seed


def test_priority_lists_are_article_30():
    assert sme.priority_lists() == {
        "chain": tuple(PRIORITY_CHAINS),
        "cluster": tuple(PRIORITY_CLUSTERS),
        "base": tuple(PRIORITY_BASES),
    }
    assert sme.priority_fields() == ("新一代信息技术", "新能源", "新材料", "高端装备")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("稀土", [("chain", "稀土", None)]),
        ("稀土产业链", [("chain", "稀土", None)]),
        ("“稀土”", [("chain", "稀土", None)]),
        (" 稀 土 ", [("chain", "稀土", None)]),
        ("石墨（烯）", [("chain", "石墨(烯)", None)]),
        ("石墨烯", [("chain", "石墨(烯)", None)]),
        ("铝后加工", [("chain", "有色金属加工", "铝后加工")]),
        ("铜后加工产业链", [("chain", "有色金属加工", "铜后加工")]),
        (
            "有色金属加工",
            [("chain", "有色金属加工", None), ("cluster", "有色金属加工产业集群", None)],
        ),
        ("新材料产业集群", [("cluster", "新材料产业集群", None)]),
        ("生物医药", [("cluster", "生物医药产业集群", None)]),
        ("能源和战略资源基地", [("base", "能源和战略资源基地", None)]),
        ("绿色农畜产品加工", [("base", "绿色农畜产品加工基地", None)]),
        ("新能源汽车", []),
        ("光伏", []),
        ("产业链", []),
    ],
)
def test_priority_chain(name: str, expected: list[tuple[str, str, str | None]]):
    m = sme.priority_chain(name)
    assert [(e.kind, e.name, e.part) for e in m.entries] == expected
    assert m.matched is bool(expected)
    for e in m.entries:
        assert e.citation.article == "第三十条"
    json.dumps(m.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("name", [None, "", "   ", 5, ["稀土"], "x" * 201])
def test_priority_chain_junk(name: Any):
    with pytest.raises(InputError) as caught:
        sme.priority_chain(name)
    assert paths(caught.value) == ["$.name"]


def test_targets_2025():
    r = sme.targets_progress({"innovative": 320, "specialized": "300家", "little_giant": 41})
    assert r.year == 2025
    assert [(c.category, c.target) for c in r.categories] == [
        ("innovative", 500),
        ("specialized", 300),
        ("little_giant", 40),
    ]
    inn = r.category("innovative")
    assert (inn.count, inn.share, inn.remaining, inn.reached) == (320, Decimal("0.64"), 180, False)
    spe = r.category("specialized")
    assert (spe.share, spe.remaining, spe.reached) == (1, 0, True)
    giant = r.category("little_giant")
    assert (giant.remaining, giant.reached) == (0, True)
    assert r.citation.article == "第二十一条"
    out = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    assert out["categories"][0]["share"] == "0.64"
    # a category left out: unknown count
    r = sme.targets_progress({})
    assert all(c.count is None and c.reached is None for c in r.categories)
    # 499 of 500 rounds down, never up to "reached"
    assert sme.targets_progress({"innovative": 499}).category("innovative").share < 1


@pytest.mark.parametrize(
    ("counts", "where"),
    [
        ({"innovative": -1}, "$.innovative"),
        ({"innovative": 1.5}, "$.innovative"),
        ({"innovative": True}, "$.innovative"),
        ({"foo": 1}, "$.foo"),
        ([], "$"),
    ],
)
def test_targets_junk(counts: Any, where: str):
    with pytest.raises(InputError) as caught:
        sme.targets_progress(counts)
    assert paths(caught.value) == [where]


def test_targets_override_recorded():
    r = sme.targets_progress({"innovative": 300}, parameters={"target_innovative": 600})
    assert r.category("innovative").target == 600
    assert r.overrides == {"target_innovative": 600}
    with pytest.raises(InputError) as caught:
        sme.targets_progress({}, parameters={"target_innovative": 0})
    assert paths(caught.value) == ["$.parameters.target_innovative"]


# --------------------------------------------------------------------------------------------
# The random-inspection draw
# --------------------------------------------------------------------------------------------


def _reference_draw(
    entities: list[str], inspectors: list[Any], n: int, k: int, seed: str | int
) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    """Steps 1–6 of docs/inspection.md, written independently of the library."""
    ents = sorted(entities)
    insp = [
        {"conflicts": sorted(i.get("conflicts", [])), "id": i["id"]}
        if isinstance(i, dict)
        else {"conflicts": [], "id": i}
        for i in inspectors
    ]
    insp.sort(key=lambda x: x["id"])
    # Version 2; these names are their own keys (NFKC, no white space).
    inputs = {"algorithm": "nmgpolicy-draw/2", "entities": ents, "inspectors": insp}
    inputs |= {"n": n, "per_team": k, "commitment": None, "min_team_size": 2}
    raw = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(raw.encode("utf-8")).digest()
    s = str(seed).encode("utf-8")
    key = hashlib.sha256(b"nmgpolicy-draw/2\x00" + len(s).to_bytes(8, "big") + s + digest).digest()

    def words():
        counter = 0
        while True:
            block = hashlib.sha256(key + counter.to_bytes(8, "big")).digest()
            for offset in range(0, 32, 8):
                yield int.from_bytes(block[offset : offset + 8], "big")
            counter += 1

    stream = words()

    def below(m: int) -> int:
        limit = 2**64 - (2**64 % m)
        while True:
            w = next(stream)
            if w < limit:
                return w % m

    def choose(items: list[str], count: int) -> list[str]:
        pool = list(items)
        for i in range(count):
            j = i + below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:count]

    chosen = choose(ents, n)
    teams = []
    for e in chosen:
        eligible = [x["id"] for x in insp if e not in x["conflicts"]]
        teams.append((e, tuple(choose(eligible, k))))
    return digest.hex(), teams


ENTITIES = [f"企业{i}" for i in range(7)] + ["Zeta", "alpha", "É"]
INSPECTORS: list[Any] = ["王五", {"id": "李四", "conflicts": ["企业1", "Zeta"]}, "张三", "B", "a"]


@pytest.mark.parametrize("seed", [0, 1, 20260305, "2026-03-05 体彩排列5 12345", "种子"])
def test_draw_matches_the_documented_algorithm(seed: str | int):
    d = inspection.draw(ENTITIES, INSPECTORS, n=4, per_team=2, seed=seed)
    digest, teams = _reference_draw(ENTITIES, INSPECTORS, 4, 2, seed)
    assert d.inputs_digest == digest
    assert [(a.entity, a.inspectors) for a in d.assignments] == teams


def test_draw_reproducible_order_free_and_recorded():
    a = inspection.draw(ENTITIES, INSPECTORS, n=5, seed="2026-03-05")
    b = inspection.draw(ENTITIES[::-1], INSPECTORS[::-1], n=5, seed="2026-03-05")
    assert a.to_dict() == b.to_dict()
    assert a.per_team == 2  # default
    out = json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
    assert out["seed"] == "2026-03-05"
    assert out["algorithm"] == {"name": "nmgpolicy-draw", "version": 2}
    assert out["inputs"]["entities"] == sorted(ENTITIES)
    assert len(out["inputs_digest"]) == 64
    assert inspection.verify(out)
    tampered = json.loads(json.dumps(out))
    tampered["assignments"][0]["entity"] = "other"
    assert not inspection.verify(tampered)
    reseeded = {**out, "seed": "2026-03-06"}
    assert not inspection.verify(reseeded)
    # different seeds give different draws (here)
    c = inspection.draw(ENTITIES, INSPECTORS, n=5, seed="2026-03-06")
    assert c.assignments != a.assignments


def test_draw_integer_seed_is_its_digits():
    a = inspection.draw(ENTITIES, INSPECTORS, n=3, seed=20260305)
    b = inspection.draw(ENTITIES, INSPECTORS, n=3, seed="20260305")
    assert a.to_dict() == b.to_dict()


def test_draw_conflicts_excluded_over_many_seeds():
    for seed in range(300):
        d = inspection.draw(ENTITIES, INSPECTORS, n=len(ENTITIES), per_team=3, seed=seed)
        assert sorted(d.selected) == sorted(ENTITIES)
        for a in d.assignments:
            assert len(set(a.inspectors)) == 3
            if a.entity in ("企业1", "Zeta"):
                assert "李四" not in a.inspectors
                assert a.excluded == ("李四",)
            else:
                assert a.excluded == ()


def test_draw_first_entity_is_uniform():
    # chi-square over 2000 seeds, 10 entities (df = 9); critical value at α = 0.001: 27.877
    counts = Counter(
        inspection.draw([f"E{i}" for i in range(10)], ["A", "B"], n=1, seed=s).selected[0]
        for s in range(2000)
    )
    expected = 2000 / 10
    chi = sum((counts[f"E{i}"] - expected) ** 2 / expected for i in range(10))
    assert chi < 27.877


def test_draw_record_fits_the_catalog_item():
    rec = inspection.draw(ENTITIES, INSPECTORS, n=1, seed=1).record
    assert rec.item == "explosives-safety-inspection"
    assert rec.title == "民爆行业安全生产检查"
    out = rec.to_dict()
    assert set(out) >= {"basis", "subject", "content", "method"}
    assert out["basis"][0]["article"] == "第六十五条"
    assert "包头市工业和信息化局" in rec.subject.zh
    assert "民爆和煤炭管理科" in rec.subject.zh
    assert "随机" in rec.method.zh
    seed = SEED_FILE.read_text(encoding="utf-8")
    for c in rec.basis:
        assert c.text in seed


@pytest.mark.parametrize(
    ("args", "kw", "where"),
    [
        ((["E1"], ["A", "B"]), {"n": 0, "seed": 1}, "$.n"),
        ((["E1"], ["A", "B"]), {"n": 2, "seed": 1}, "$.n"),
        ((["E1"], ["A", "B"]), {"n": True, "seed": 1}, "$.n"),
        ((["E1"], ["A", "B"]), {"n": 1, "per_team": 3, "seed": 1}, "$.per_team"),
        ((["E1"], ["A", "B"]), {"n": 1, "per_team": 0, "seed": 1}, "$.per_team"),
        ((["E1"], ["A", "B"]), {"n": 1, "seed": -1}, "$.seed"),
        ((["E1"], ["A", "B"]), {"n": 1, "seed": ""}, "$.seed"),
        ((["E1"], ["A", "B"]), {"n": 1, "seed": 1.5}, "$.seed"),
        ((["E1"], ["A", "B"]), {"n": 1, "seed": True}, "$.seed"),
        ((["E1"], ["A", "B"]), {"n": 1, "seed": "\ud800"}, "$.seed"),
        ((["E1", "E1"], ["A", "B"]), {"n": 1, "seed": 1}, "$.entities[1]"),
        ((["E1", None], ["A", "B"]), {"n": 1, "seed": 1}, "$.entities[1]"),
        ((["E1 "], ["A", "B"]), {"n": 1, "seed": 1}, "$.entities[0]"),
        (("E1", ["A", "B"]), {"n": 1, "seed": 1}, "$.entities"),
        (([], ["A", "B"]), {"n": 1, "seed": 1}, "$.entities"),
        ((["E1"], ["A", "A"]), {"n": 1, "seed": 1}, "$.inspectors[1]"),
        ((["E1"], ["A", {"id": "B", "conflicts": ["E9"]}]), {"n": 1, "seed": 1}, None),
        ((["E1"], ["A", {"id": "B", "x": []}]), {"n": 1, "seed": 1}, "$.inspectors[1].x"),
        ((["E1"], ["A", {"id": "B", "conflicts": "E1"}]), {"n": 1, "seed": 1}, None),
        ((["E1", "E2"], [{"id": "A", "conflicts": ["E2"]}, "B"]), {"n": 1, "seed": 1}, None),
    ],
)
def test_draw_junk(args: tuple[Any, Any], kw: dict[str, Any], where: str | None):
    with pytest.raises(InputError) as caught:
        inspection.draw(*args, **kw)
    found = paths(caught.value)
    if where is not None:
        assert where in found
    assert found


def test_draw_shortfall_names_every_short_entity_whatever_the_seed():
    pool = ["E1", "E2", "E3"]
    inspectors = [{"id": "A", "conflicts": ["E1", "E3"]}, "B"]
    for seed in (1, 2, 3):
        with pytest.raises(InputError) as caught:
            inspection.draw(pool, inspectors, n=1, seed=seed)
        assert paths(caught.value) == ["$.entities[0]", "$.entities[2]"]
