"""The columnar path decides the 优质中小企业 rule sets as the row path does: statuses, decisions
and results (the score and its interval, each group's points), on golden fact sets of several
seeds (over 10,000 per rule set) and on targeted rows — each band edge on both sides (an edge
the text includes, excludes, or leaves open to ``band_lower_inclusive``), each kind of row
(bands, choice, steps, items, supplied), each growth reading, each route and direct condition,
missing facts and the checks the row path refuses.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

pytest.importorskip("numpy")

import nmgpolicy
from nmgpolicy import columnar
from nmgpolicy.columnar import _sme  # noqa: F401 (registers the kernels)
from tests.test_columnar_equal import SPEC, assert_golden_rows_equal, compare

RULESETS = ("sme_innovative", "sme_specialized")
SEEDS = ("columnar-1", "columnar-2")
PER_SEED = 5_100
FIXED = dt.date(2025, 9, 1)
DROP: Any = object()


@pytest.mark.parametrize("ruleset", RULESETS)
def test_golden_rows_equal_the_row_path(ruleset: str) -> None:
    assert_golden_rows_equal(ruleset, SEEDS, PER_SEED, FIXED)


def _facts(ruleset: str, base: int, changes: dict[str, Any]) -> dict[str, Any]:
    facts = copy.deepcopy(SPEC["rulesets"][ruleset]["bases"][base]["facts"])
    facts.update(changes)
    return {k: v for k, v in facts.items() if v is not DROP}


def _specialized(**changes: Any) -> dict[str, Any]:
    return _facts("sme_specialized", 0, changes)


def _innovative(**changes: Any) -> dict[str, Any]:
    return _facts("sme_innovative", 0, changes)


def _award(level: str, rank: int | None) -> list[dict[str, Any]]:
    return [{"level": level, **({} if rank is None else {"rank": rank}), "name": "科技进步奖"}]


SPECIALIZED: dict[str, tuple[dict[str, Any], tuple[str, str] | None]] = {
    "main revenue share exactly 80%": (
        _specialized(main_revenue_share="80%"),
        ("indicator.main_revenue_share", "met"),
    ),
    "main revenue share just below 80%": (
        _specialized(main_revenue_share="79.9999%"),
        ("indicator.main_revenue_share", "not_met"),
    ),
    "main revenue share on an open edge (70%)": (_specialized(main_revenue_share="70%"), None),
    "mean growth exactly 10%": (
        _specialized(
            main_revenue_y3="5000万元", main_revenue_y2="5500万元", main_revenue_y1="6050万元"
        ),
        ("indicator.revenue_growth", "met"),
    ),
    "mean growth just below 10%": (
        _specialized(
            main_revenue_y3="5000万元", main_revenue_y2="5500万元", main_revenue_y1="60499999元"
        ),
        ("indicator.revenue_growth", "not_met"),
    ),
    "growth exactly 0%": (
        _specialized(
            main_revenue_y3="5000万元", main_revenue_y2="5000万元", main_revenue_y1="5000万元"
        ),
        None,
    ),
    "growth falling": (_specialized(main_revenue_y1="4000万元"), None),
    "growth over a zero base": (
        _specialized(main_revenue_y3="0元"),
        ("indicator.revenue_growth", "review"),
    ),
    "growth with a year missing": (
        _specialized(main_revenue_y3=DROP),
        ("indicator.revenue_growth", "unknown"),
    ),
    "growth with the middle year missing": (_specialized(main_revenue_y2=DROP), None),
    "growth of amounts whose products overflow int64": (
        _specialized(
            main_revenue_y3="123456789012343元",
            main_revenue_y2="123456789012344元",
            main_revenue_y1="123456789012345元",
        ),
        None,
    ),
    "net profit margin exactly 10%": (
        _specialized(net_profit_margin="10%"),
        ("indicator.net_profit_margin", "met"),
    ),
    "net profit margin negative": (_specialized(net_profit_margin="-5%"), None),
    "debt ratio exactly 50%": (_specialized(debt_ratio="50%"), ("indicator.debt_ratio", "met")),
    "debt ratio just above 50%": (
        _specialized(debt_ratio="50.0001%"),
        ("indicator.debt_ratio", "not_met"),
    ),
    "debt ratio above 100%": (_specialized(debt_ratio="120%"), None),
    "R&D amount exactly at the top edge": (
        _specialized(rd_expense_y1="500万元", rd_expense_share="3%"),
        ("indicator.rd_expense", "met"),
    ),
    "R&D amount 1元 below the top edge": (
        _specialized(rd_expense_y1="4999999元", rd_expense_share="5%"),
        ("indicator.rd_expense", "not_met"),
    ),
    "R&D share missing, amount at the top": (
        _specialized(rd_expense_y1="600万元", rd_expense_share=DROP),
        ("indicator.rd_expense", "met"),
    ),
    "R&D share missing, amount low": (
        _specialized(rd_expense_y1="150万元", rd_expense_share=DROP),
        ("indicator.rd_expense", "unknown"),
    ),
    "niche years exactly 2": (_specialized(niche_years=2), ("basic.niche_years", "met")),
    "niche years just below 2": (
        _specialized(niche_years="1.9年"),
        ("basic.niche_years", "not_met"),
    ),
    "niche years fractional, many steps": (_specialized(niche_years="11.5"), None),
    "characteristic missing": (
        _specialized(characteristic_score=DROP),
        ("indicator.characteristic", "unknown"),
    ),
    "characteristic at full marks": (
        _specialized(characteristic_score="15"),
        ("indicator.characteristic", "met"),
    ),
    "characteristic fractional": (_specialized(characteristic_score="12.25"), None),
    "characteristic above the maximum": (_specialized(characteristic_score="15.5"), None),
    "a quality item listed twice": (_specialized(quality_items=["own_brand", "own_brand"]), None),
    "every quality item": (
        _specialized(
            quality_items=["quality_award", "system_certification", "own_brand", "standard_setting"]
        ),
        ("indicator.quality", "met"),
    ),
    "no quality item": (_specialized(quality_items=[]), ("indicator.quality", "not_met")),
    "quality items missing": (
        _specialized(quality_items=DROP),
        ("indicator.quality", "unknown"),
    ),
    "national award ranked 5th": (
        _specialized(science_awards_3y=_award("national", 5)),
        ("direct.science_award", "met"),
    ),
    "national award ranked 6th": (
        _specialized(science_awards_3y=_award("national", 6)),
        ("direct.science_award", "not_met"),
    ),
    "provincial award ranked 3rd": (
        _specialized(science_awards_3y=_award("provincial", 3)),
        ("direct.science_award", "met"),
    ),
    "provincial award ranked 4th": (
        _specialized(science_awards_3y=_award("provincial", 4)),
        ("direct.science_award", "not_met"),
    ),
    "an award without a rank": (
        _specialized(science_awards_3y=_award("provincial", None)),
        ("direct.science_award", "unknown"),
    ),
    "an award ranked 0": (_specialized(science_awards_3y=_award("national", 0)), None),
    "awards not stated": (
        _specialized(science_awards_3y=DROP),
        ("direct.science_award", "unknown"),
    ),
    "mean R&D exactly 1000万元": (
        _specialized(rd_expense_y1="1100万元", rd_expense_y2="900万元"),
        ("direct.rd_expense_mean", "met"),
    ),
    "mean R&D 0.5元 short": (
        _specialized(rd_expense_y1="1100万元", rd_expense_y2="8999999元"),
        ("direct.rd_expense_mean", "not_met"),
    ),
    "one year alone twice the mean": (
        _specialized(rd_expense_y1="2000万元", rd_expense_y2=DROP),
        ("direct.rd_expense_mean", "met"),
    ),
    "one year alone short of twice the mean": (
        _specialized(rd_expense_y1="1999万元", rd_expense_y2=DROP),
        ("direct.rd_expense_mean", "unknown"),
    ),
    "only the earlier year, twice the mean": (
        _specialized(rd_expense_y1=DROP, rd_expense_y2="2000万元"),
        None,
    ),
    "equity exactly 6000万元": (
        _specialized(equity_financing_2y="6000万元"),
        ("direct.equity_financing", "met"),
    ),
    "revenue below, equity exactly 2000万元": (
        _specialized(revenue_y1="900万元", equity_financing_2y="2000万元"),
        ("basic.revenue", "met"),
    ),
    "revenue below, equity 1元 short": (
        _specialized(revenue_y1="900万元", equity_financing_2y="19999999元"),
        ("basic.revenue", "not_met"),
    ),
    "revenue missing, equity short": (
        _specialized(revenue_y1=DROP, equity_financing_2y="100万元"),
        ("basic.revenue", "unknown"),
    ),
    "on the Maker China list": (
        _specialized(maker_china_top500_3y=True),
        ("direct.maker_china", "met"),
    ),
    "size not attested": (_specialized(is_sme=DROP), ("sme_size", "review")),
    "a low score, no direct condition": (
        _specialized(
            main_revenue_share="40%", digital_level="level1", ip_class="none", debt_ratio="90%"
        ),
        ("score_or_direct", "not_met"),
    ),
    "a low score, through equity": (
        _specialized(main_revenue_share="40%", ip_class="none", equity_financing_2y="7000万元"),
        ("score_or_direct", "met"),
    ),
    "everything missing": ({}, ("score_or_direct", "unknown")),
}

INNOVATIVE: dict[str, tuple[dict[str, Any], tuple[str, str] | None]] = {
    "exactly 60 points": (_innovative(), ("total", "met")),
    "R&D share exactly 5%": (_innovative(rd_expense_share="5%"), ("indicator.rd_share", "met")),
    "R&D share just below 5%": (
        _innovative(rd_expense_share="4.9999%"),
        ("indicator.rd_share", "not_met"),
    ),
    "R&D share on an open edge (3%)": (_innovative(rd_expense_share="3%"), None),
    "R&D share just below 3%": (_innovative(rd_expense_share="2.9999%"), None),
    "R&D share exactly 1%": (_innovative(rd_expense_share="1%"), None),
    "R&D share just below 1%": (_innovative(rd_expense_share="0.9999%"), None),
    "growth exactly 15%": (
        _innovative(main_revenue_y2="2000万元", main_revenue_y1="2300万元"),
        ("indicator.revenue_growth", "met"),
    ),
    "growth 1元 short of 15%": (
        _innovative(main_revenue_y2="2000万元", main_revenue_y1="22999999元"),
        ("indicator.revenue_growth", "not_met"),
    ),
    "growth on an open edge (10%)": (
        _innovative(main_revenue_y2="2000万元", main_revenue_y1="2200万元"),
        None,
    ),
    "no growth": (_innovative(main_revenue_y2="2000万元", main_revenue_y1="2000万元"), None),
    "growth over a zero base": (
        _innovative(main_revenue_y2="0元"),
        ("indicator.revenue_growth", "review"),
    ),
    "growth with the base missing": (
        _innovative(main_revenue_y2=DROP),
        ("indicator.revenue_growth", "unknown"),
    ),
    "debt ratio exactly 55%": (_innovative(debt_ratio="55%"), ("indicator.debt_ratio", "met")),
    "debt ratio just above 55%": (
        _innovative(debt_ratio="55.0001%"),
        ("indicator.debt_ratio", "not_met"),
    ),
    "debt ratio exactly 75%": (_innovative(debt_ratio="75%"), None),
    "debt ratio just above 75%": (_innovative(debt_ratio="75.0001%"), None),
    "main revenue share exactly 70%": (
        _innovative(main_revenue_share="70%"),
        ("indicator.main_revenue_share", "met"),
    ),
    "main revenue share just below 50%": (_innovative(main_revenue_share="49.9999%"), None),
    "a group minimum fails": (_facts("sme_innovative", 1, {}), ("group.growth", "not_met")),
    "a valid high-tech title": (_facts("sme_innovative", 2, {}), ("direct.title", "met")),
    "a title listed twice": (_innovative(valid_titles=["high_tech", "high_tech"]), None),
    "an award": (
        _innovative(science_awards_3y=_award("national", None)),
        ("direct.science_award", "met"),
    ),
    "a provincial R&D institution": (
        _innovative(rd_institution_level="provincial"),
        ("direct.rd_institution", "met"),
    ),
    "a municipal R&D institution": (
        _innovative(rd_institution_level="municipal"),
        ("direct.rd_institution", "not_met"),
    ),
    "equity exactly 500万元": (
        _innovative(equity_financing_3y="500万元"),
        ("direct.equity_financing", "met"),
    ),
    "equity 1元 short": (
        _innovative(equity_financing_3y="4999999元"),
        ("direct.equity_financing", "not_met"),
    ),
    "direct facts missing": (_facts("sme_innovative", 3, {}), ("direct.title", "unknown")),
    "not attested": (_facts("sme_innovative", 5, {}), ("sme_size", "review")),
    "everything missing": ({}, ("score_or_direct", "unknown")),
}

ROWS = {"sme_specialized": SPECIALIZED, "sme_innovative": INNOVATIVE}


@pytest.mark.parametrize(
    ("ruleset", "parameters"),
    [
        ("sme_specialized", None),
        ("sme_specialized", {"band_lower_inclusive": False}),
        ("sme_specialized", {"growth_method": "cagr"}),
        ("sme_specialized", {"growth_window_years": 1}),
        ("sme_specialized", {"rd_mean_window_years": 1}),
        ("sme_specialized", {"revenue_growth_points_2": "9", "niche_years_step": 3}),
        ("sme_innovative", None),
        ("sme_innovative", {"band_lower_inclusive": False}),
        ("sme_innovative", {"rd_institution_direct_minimum": "none"}),
        ("sme_innovative", {"total_minimum": "55", "group_minimum_growth": "10"}),
    ],
)
def test_targeted_rows_equal_the_row_path(ruleset: str, parameters: Any) -> None:
    rows = ROWS[ruleset]
    facts = [f for f, _ in rows.values()]
    counted, decided, differences = compare(ruleset, facts, FIXED, parameters)
    names = list(rows)
    named = [f"{names[int(d.split(' row ')[1].split(':')[0])]}: {d}" for d in differences]
    assert not differences, "\n".join(named)
    assert decided >= counted * 3 // 4, f"only {decided} of {counted} rows by the kernels"


@pytest.mark.parametrize("ruleset", RULESETS)
def test_targeted_rows_hit_their_edges(ruleset: str) -> None:
    for name, (facts, aim) in ROWS[ruleset].items():
        if aim is None:
            continue
        decision = nmgpolicy.evaluate(ruleset, facts, on=FIXED)
        found = {f.id: f.status.value for f in decision.findings}
        assert found.get(f"{ruleset}.{aim[0]}") == aim[1], name


def test_the_kernels_decide_every_representable_row() -> None:
    """Rows the row path refuses go to it; every other targeted row is the kernels' (growth
    products beyond ``int64`` too: compared in Python integers)."""
    for ruleset, rows in ROWS.items():
        facts = [f for f, _ in rows.values()]
        columns, lists = columnar.from_records(facts)
        result = columnar.evaluate(ruleset, columns, on=FIXED, lists=lists)
        sent = {name for name, row in zip(rows, result.row_path.tolist(), strict=True) if row}
        assert sent == {name for row, name in enumerate(rows) if row in result.errors}, ruleset


def test_results_give_the_score_and_its_interval() -> None:
    facts = [
        _innovative(),
        _innovative(main_revenue_y2=DROP),
        _facts("sme_innovative", 1, {}),
    ]
    columns, lists = columnar.from_records(facts)
    result = columnar.evaluate("sme_innovative", columns, on=FIXED, lists=lists)
    assert not result.row_path.any()
    assert result.value("total", 0) == 60
    assert result.value("total", 1) is None
    assert (result.value("total_min", 1), result.value("total_max", 1)) == (50, 70)
    assert result.value("group.growth", 2) == 0  # growth below 0%, debt ratio above 75%
    assert set(result.results) >= {"total", "total_min", "total_max", "group.innovation"}


@pytest.mark.parametrize("ruleset", RULESETS)
def test_pre_parsed_columns_decide_as_the_texts(ruleset: str) -> None:
    """Years, ratios and lists of codes given pre-parsed (``Scaled``, ``Members``) are read as
    the texts they stand for: the same statuses, the same rows to the row path."""
    from nmgpolicy.columnar._read import Table

    facts = [f for f, _ in ROWS[ruleset].values()]
    columns, lists = columnar.from_records(facts)
    model = nmgpolicy.engine.get_ruleset(ruleset).facts_type
    table = Table(model, columns, len(facts))
    parsed: dict[str, Any] = dict(columns)
    for path in ("niche_years", "net_profit_margin", "debt_ratio", "quality_items", "valid_titles"):
        if path in columns:
            parsed[path] = table.column(path)
    kept = {k: v for k, v in lists.items() if k not in ("quality_items", "valid_titles")}
    texts = columnar.evaluate(ruleset, columns, on=FIXED, lists=lists)
    given = columnar.evaluate(ruleset, parsed, on=FIXED, lists=kept)
    read = ~table.row_path  # a text refused is absent from its parsed column: left out
    assert read.sum() >= len(facts) - 3
    assert (texts.status == given.status)[read].all()
    assert (texts.row_path == given.row_path)[read].all()
    for finding_id, codes in texts.findings.items():
        assert (codes == given.findings[finding_id])[read].all(), finding_id


def _near(rng: Any, edge: Decimal) -> str:
    """A share on ``edge``, or a millionth of a percent either side, as a percentage."""
    step = Decimal("0.00000001") * rng.choice([-1, 0, 0, 1])
    return f"{(edge + step) * 100}%"


def _yearly(rng: Any, edge: Decimal) -> tuple[int, int]:
    """(earlier, later) amounts in 元 growing by exactly ``edge``, or 1元 off it."""
    base = rng.randrange(1, 10**6) * 100
    return base, int(base * (1 + edge)) + rng.choice([-1, 0, 0, 1])


def _specialized_near(rng: Any) -> dict[str, Any]:
    edge = rng.choice([Decimal(e) for e in ("0.1", "0.08", "0.06", "0.04", "0")])
    first = Decimal(rng.randrange(-20, 40)) / 100  # y3 → y2; y2 → y1 makes the mean ``edge``
    y3 = rng.randrange(1, 10**5) * 10**4
    y2 = int(y3 * (1 + first))
    y1 = int(y2 * (1 + 2 * edge - first)) + rng.choice([-1, 0, 0, 0, 1])
    return _specialized(
        main_revenue_y3=f"{y3}元",
        main_revenue_y2=f"{y2}元",
        main_revenue_y1=f"{max(y1, 0)}元",
        main_revenue_share=_near(rng, rng.choice([Decimal("0.8"), Decimal("0.7"), Decimal("0.6")])),
        debt_ratio=_near(rng, rng.choice([Decimal("0.5"), Decimal("0.6"), Decimal("0.7")])),
        net_profit_margin=_near(rng, rng.choice([Decimal("0.1"), Decimal("0.02"), Decimal(0)])),
        rd_expense_share=_near(rng, rng.choice([Decimal("0.1"), Decimal("0.03")])),
        rd_staff_share=_near(rng, rng.choice([Decimal("0.2"), Decimal("0.1"), Decimal("0.05")])),
        rd_expense_y1=f"{rng.choice([100, 200, 300, 400, 500]) * 10**4 + rng.choice([-1, 0, 1])}元",
        niche_years=rng.choice([0, 1, 2, 3, 9, 10, 11]),
        characteristic_score=rng.choice(["0", "7.5", "15", DROP]),
    )


def _innovative_near(rng: Any) -> dict[str, Any]:
    earlier, later = _yearly(rng, rng.choice([Decimal(e) for e in ("0.15", "0.1", "0.05", "0")]))
    return _innovative(
        main_revenue_y2=f"{earlier}元",
        main_revenue_y1=f"{later}元",
        rd_expense_share=_near(rng, rng.choice([Decimal(e) for e in ("0.05", "0.03", "0.01")])),
        debt_ratio=_near(rng, rng.choice([Decimal("0.55"), Decimal("0.75")])),
        main_revenue_share=_near(rng, rng.choice([Decimal("0.7"), Decimal("0.5")])),
        ip_class=rng.choice(["class1_high_value", "class1_own", "class1", "class2", "none"]),
    )


@pytest.mark.parametrize(
    ("ruleset", "parameters"),
    [
        ("sme_specialized", None),
        ("sme_specialized", {"growth_method": "cagr", "band_lower_inclusive": False}),
        ("sme_specialized", {"growth_window_years": 1}),
        ("sme_innovative", None),
        ("sme_innovative", {"band_lower_inclusive": False}),
    ],
)
def test_random_rows_on_the_edges_equal_the_row_path(ruleset: str, parameters: Any) -> None:
    """Rows drawn on each band edge and a hair either side (shares, growth rates, amounts)."""
    import random

    rng = random.Random(f"sme-edges-{ruleset}-{parameters}")
    draw = _specialized_near if ruleset == "sme_specialized" else _innovative_near
    facts = [draw(rng) for _ in range(400)]
    counted, decided, differences = compare(ruleset, facts, FIXED, parameters)
    assert not differences, "\n".join(differences[:3])
    assert decided == counted
