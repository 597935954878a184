"""Issue 9 for the 63号 rule sets (sme_innovative, sme_specialized): the law-review readings.

* 12 — the in-force window: from 63号's issue (2022-06-01, unverified); sme_innovative continues
  after 2026-03-31 on the reported continuation of 附件1 (工信部企业〔2026〕2号 第三十条) until the
  parameter ``continuation_until``; sme_specialized ends on 2026-03-31.
* 13 — the general admission conditions of 63号 as attestations (review when absent).
* 14 — band edges: an edge the text fixes never moves with ``band_lower_inclusive``; an edge it
  leaves open does; the "近N年" windows are parameters with their citations.
* 16 — the Chinese output holds no code values or Python; English uses English units.
* 17, 18 — every citation and every band's source line is verbatim in the bundled source text,
  which says where each part was taken from; nothing points outside the repository.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import pytest

import nmgpolicy
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import _sme_scoring as scoring
from nmgpolicy.rules import sme_innovative, sme_specialized
from tests._builders import sme_general
from tests.language import chinese_problems
from tests.test_citations import quoted_verbatim

INN, SPE = "sme_innovative", "sme_specialized"
RULESETS = (INN, SPE)
ON = dt.date(2025, 9, 1)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "sme"
SOURCE = resources.files("nmgpolicy").joinpath("data", "sources", "gradient_2022.md")
SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")
GENERAL: dict[str, Any] = sme_general()


def example(name: str) -> dict[str, Any]:
    facts: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return facts


INN_85 = example("innovative_after_2026_03_31.json")  # scores 85, attested
SPE_66 = example("specialized_score_66.json")  # scores 66, attested
FACTS = {INN: INN_85, SPE: SPE_66}


def run(
    ruleset: str, facts: dict[str, Any], on: dt.date = ON, **params: object
) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate(ruleset, facts, on=on, parameters=params or None)


def without(facts: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in facts.items() if k not in keys}


# --------------------------------------------------------------------------------------------
# 12. The in-force window
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_63_applies_from_its_date_of_issue(ruleset: str) -> None:
    with pytest.raises(NotInForce) as caught:
        run(ruleset, FACTS[ruleset], on=dt.date(2022, 5, 31))
    assert caught.value.start == dt.date(2022, 6, 1)
    assert caught.value.successor is None
    d = run(ruleset, FACTS[ruleset], on=dt.date(2022, 6, 1))
    assert d.status.value == "eligible"
    # The date is as reprints give it, and the Decision says it is not verified.
    assert any("2022-06-01" in n.zh and "未经官方文本核对" in n.zh for n in d.notes)
    assert any("not checked against an official text" in n.en for n in d.notes)
    assert load_parameters(ruleset).in_force_from == dt.date(2022, 6, 1)


def test_specialized_ends_on_2026_03_31() -> None:
    assert run(SPE, SPE_66, on=dt.date(2026, 3, 31)).status.value == "eligible"
    with pytest.raises(NotInForce) as caught:
        run(SPE, SPE_66, on=dt.date(2026, 4, 1))
    assert caught.value.end == dt.date(2026, 3, 31)
    assert caught.value.successor is not None
    assert "工信部企业〔2026〕2号" in caught.value.successor
    # It has no continuation parameter to reopen it.
    with pytest.raises(InputError) as error:
        run(SPE, SPE_66, on=dt.date(2025, 9, 1), continuation_until="2027-01-01")
    assert error.value.paths == ("$.parameters.continuation_until",)


def test_innovative_continues_after_2026_03_31_with_a_note() -> None:
    before = run(INN, INN_85, on=dt.date(2026, 3, 31))
    assert not any("第三十条" in n.zh for n in before.notes)
    for on in (dt.date(2026, 4, 1), dt.date(2031, 1, 1)):
        d = run(INN, INN_85, on=on)
        assert d.status.value == "eligible"
        assert d.overrides == {}
        said = [n for n in d.notes if "第三十条" in n.zh]
        assert len(said) == 1
        assert "工信部企业〔2026〕2号" in said[0].zh
        assert "据报道（未经核实）" in said[0].zh
        assert "MIIT Qiye [2026] No. 2" in said[0].en
        assert "reported (not verified)" in said[0].en
        assert "continuation_until" in said[0].en


def test_continuation_until_ends_the_window() -> None:
    until = {"continuation_until": "2026-12-31"}
    d = run(INN, INN_85, on=dt.date(2026, 12, 31), **until)
    assert d.status.value == "eligible"
    assert d.overrides == {"continuation_until": dt.date(2026, 12, 31)}
    assert any("2026-12-31" in n.zh for n in d.notes)
    with pytest.raises(NotInForce) as caught:
        run(INN, INN_85, on=dt.date(2027, 1, 1), **until)
    assert caught.value.end == dt.date(2026, 12, 31)
    assert caught.value.start == dt.date(2022, 6, 1)
    assert caught.value.successor is not None
    assert "科技和创新型" in caught.value.successor
    assert "工信部企业〔2026〕2号" in caught.value.successor
    # Within 63号's own window the parameter changes nothing.
    assert run(INN, INN_85, on=dt.date(2025, 1, 1), **until).status.value == "eligible"


def test_continuation_until_before_2026_04_01_closes_the_continuation() -> None:
    early = {"continuation_until": "2025-01-01"}
    assert run(INN, INN_85, on=dt.date(2026, 3, 31), **early).status.value == "eligible"
    with pytest.raises(NotInForce) as caught:
        run(INN, INN_85, on=dt.date(2026, 4, 1), **early)
    assert caught.value.end == dt.date(2026, 3, 31)


@pytest.mark.parametrize("bad", ["2026-13-01", "soon", 20261231, "2026-12-31T00:00"])
def test_continuation_until_junk(bad: object) -> None:
    with pytest.raises(InputError) as caught:
        run(INN, INN_85, continuation_until=bad)
    assert caught.value.paths == ("$.parameters.continuation_until",)


def test_continuation_parameter_is_documented_and_cited() -> None:
    parameter = load_parameters(INN).parameters["continuation_until"]
    assert parameter.values == ()  # unset: open-ended
    assert parameter.citation is not None
    assert "2号" in parameter.citation.document
    assert "未经核实" in parameter.citation.clause
    assert quoted_verbatim(parameter.citation.text, _normalised_source())


# --------------------------------------------------------------------------------------------
# 13. The general admission conditions of 63号
# --------------------------------------------------------------------------------------------

CONDITIONS = [
    ("is_sme", "sme_size", "中小企业划型标准规定"),
    ("not_abnormal_or_dishonest", "not_abnormal_or_dishonest", "经营异常名录"),
    ("no_major_incident", "no_major_incident", "环境污染"),
]


@pytest.mark.parametrize("ruleset", RULESETS)
@pytest.mark.parametrize(("fact", "name", "words"), CONDITIONS)
def test_general_conditions_are_attestations(
    ruleset: str, fact: str, name: str, words: str
) -> None:
    fid = f"{ruleset}.{name}"
    met = run(ruleset, FACTS[ruleset])
    assert met.finding(fid).status.value == "met"
    assert met.status.value == "eligible"
    refused = run(ruleset, {**FACTS[ruleset], fact: False})
    assert refused.finding(fid).status.value == "not_met"
    assert refused.finding(fid).binding
    assert refused.status.value == "ineligible"  # whatever the score
    absent = run(ruleset, without(FACTS[ruleset], fact))
    finding = absent.finding(fid)
    assert finding.status.value == "review"
    assert finding.binding
    assert "需审查" in finding.message.zh and words in finding.message.zh
    assert absent.status.value == "undetermined"
    citation = finding.citation
    assert citation is not None
    assert "63号" in citation.document
    assert "未经核实" in citation.clause
    assert quoted_verbatim(citation.text, _normalised_source())


@pytest.mark.parametrize("ruleset", RULESETS)
def test_no_attestation_no_eligibility(ruleset: str) -> None:
    d = run(ruleset, without(FACTS[ruleset], *GENERAL))
    assert d.status.value == "undetermined"
    assert [f.id for f in d.findings if f.status.value == "review"] == [
        f"{ruleset}.{name}" for _, name, _ in CONDITIONS
    ]


def test_the_incident_window_is_a_parameter() -> None:
    d = run(INN, INN_85, incident_window_years=5)
    assert "近5年" in d.finding(f"{INN}.no_major_incident").message.zh
    with pytest.raises(InputError) as caught:
        run(INN, INN_85, incident_window_years=0)
    assert caught.value.paths == ("$.parameters.incident_window_years",)


def test_eligible_examples_supply_the_attestations() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    for case in index["cases"]:
        facts = example(case["file"])
        if case["expect"] == "eligible":
            assert all(facts.get(fact) is True for fact in GENERAL), case["file"]
        d = run(case["ruleset"], facts, on=dt.date.fromisoformat(case["on"]))
        assert d.status.value == case["expect"], case["file"]


# --------------------------------------------------------------------------------------------
# 14. Band edges: fixed by the text, or open (band_lower_inclusive)
# --------------------------------------------------------------------------------------------

# Every edge between two bands, best band first, and whether the text fixes it.
EDGES: dict[tuple[str, str], list[tuple[dict[str, str], bool]]] = {
    (INN, "rd_share"): [
        ({"share": "5%"}, True),  # ≥5%=20
        ({"share": "3%"}, False),  # 3–5%=15 | 2–3%=10
        ({"share": "2%"}, False),
        ({"share": "1%"}, True),  # <1%=0
    ],
    (INN, "revenue_growth"): [
        ({"growth": "15%"}, True),
        ({"growth": "10%"}, False),
        ({"growth": "5%"}, False),
        ({"growth": "0%"}, True),  # <0=0
    ],
    (INN, "debt_ratio"): [({"share": "55%"}, True), ({"share": "75%"}, True)],  # ≤55%, >75%
    (INN, "main_revenue_share"): [
        ({"share": "70%"}, True),
        ({"share": "60%"}, False),
        ({"share": "55%"}, False),
        ({"share": "50%"}, True),
    ],
    (SPE, "main_revenue_share"): [
        ({"share": "80%"}, True),
        ({"share": "70%"}, False),
        ({"share": "60%"}, True),
    ],
    (SPE, "revenue_growth"): [
        ({"growth": "10%"}, True),
        ({"growth": "8%"}, False),
        ({"growth": "6%"}, False),
        ({"growth": "4%"}, False),
        ({"growth": "0%"}, True),
    ],
    (SPE, "net_profit_margin"): [
        ({"share": "10%"}, True),
        ({"share": "8%"}, False),
        ({"share": "6%"}, False),
        ({"share": "4%"}, False),
        ({"share": "2%"}, True),
    ],
    (SPE, "debt_ratio"): [
        ({"share": "50%"}, True),
        ({"share": "60%"}, False),
        ({"share": "70%"}, True),
    ],
    (SPE, "rd_expense"): [
        ({"amount": "500万元", "share": "10%"}, True),
        ({"amount": "400万元", "share": "8%"}, False),
        ({"amount": "300万元", "share": "6%"}, False),
        ({"amount": "200万元", "share": "4%"}, False),
        ({"amount": "100万元", "share": "3%"}, False),  # 100–200万或3–4% | else 0
    ],
    (SPE, "rd_staff_share"): [
        ({"share": "20%"}, True),
        ({"share": "10%"}, False),
        ({"share": "5%"}, True),
    ],
}


def _edge_value(measure_type: str, text: str) -> Decimal:
    if measure_type == "money":
        return Decimal(text.removesuffix("万元")) * 10_000
    return Decimal(text.rstrip("%")) / 100


def test_every_banded_indicator_is_listed() -> None:
    listed = {
        (ruleset, ind.name)
        for ruleset in RULESETS
        for ind in scoring.scoring_table(ruleset).indicators
        if ind.kind == "bands"
    }
    assert listed == set(EDGES)


@pytest.mark.parametrize(("ruleset", "name"), sorted(EDGES))
def test_which_edges_the_text_fixes(ruleset: str, name: str) -> None:
    ind = scoring.scoring_table(ruleset).indicator(name)
    found = [(dict(band.edges), band.fixed is not None) for band in ind.bands if band.edges]
    expected = [
        ({m: _edge_value(ind.measures[m], v) for m, v in edge.items()}, fixed)
        for edge, fixed in EDGES[(ruleset, name)]
    ]
    assert found == expected
    # Every edge the text fixes puts the exact value in the better band ("≥5%", "<1%").
    assert all(band.fixed in (None, True) for band in ind.bands)


def _edge_cases() -> Iterator[tuple[str, str, int, str]]:
    for (ruleset, name), edges in sorted(EDGES.items()):
        for index, (edge, _) in enumerate(edges):
            for measure in edge:
                yield ruleset, name, index, measure


@pytest.mark.parametrize(("ruleset", "name", "index", "measure"), list(_edge_cases()))
def test_every_edge_under_both_readings(ruleset: str, name: str, index: int, measure: str) -> None:
    """A value exactly on an edge: the same points under both values of the parameter when the
    text fixes the edge, the better band by default and the worse with ``false`` when it is
    open. Just beyond the edge on either side the parameter never matters."""
    ind = scoring.scoring_table(ruleset).indicator(name)
    better, worse = ind.bands[index], ind.bands[index + 1]
    edge = better.edges[measure]
    fixed = EDGES[(ruleset, name)][index][1]
    # Other measures (⑪ has two) at a value that reaches no band.
    floor = Decimal(0) if ind.direction == "higher" else Decimal(10)
    step = Decimal("0.000001") * (1 if ind.direction == "higher" else -1)

    def points(value: Decimal, inclusive: bool) -> Decimal:
        raw = {m: scoring.Plain(value if m == measure else floor) for m in ind.measures}
        if ind.measures[measure] == "money":
            raw[measure] = scoring.Plain(value, money=True)
        scored = scoring.score(ind, raw, inclusive=inclusive)
        assert scored.points is not None
        return scored.points

    assert points(edge, True) == better.points
    assert points(edge, False) == (better.points if fixed else worse.points)
    for inclusive in (True, False):
        assert points(edge + step, inclusive) == better.points
        assert points(edge - step, inclusive) == worse.points


@pytest.mark.parametrize(
    ("ruleset", "facts", "indicator", "default", "strict"),
    [
        # ② 3 % is open, 5 % fixed: the label says where each edge goes.
        (INN, {"rd_expense_share": "4%"}, "rd_share", "不低于3%且低于5%", "高于3%且低于5%"),
        (INN, {"rd_expense_share": "3%"}, "rd_share", "不低于3%且低于5%", "高于2%且不超过3%"),
        # ④ both edges fixed: the label is the same under both readings.
        (INN, {"debt_ratio": "75%"}, "debt_ratio", "高于55%且不超过75%", "高于55%且不超过75%"),
        (INN, {"debt_ratio": "76%"}, "debt_ratio", "高于75%", "高于75%"),
        (SPE, {"debt_ratio": "55%"}, "debt_ratio", "高于50%且不超过60%", "高于50%且低于60%"),
        (SPE, {"debt_ratio": "60%"}, "debt_ratio", "高于50%且不超过60%", "不低于60%且不超过70%"),
        (
            SPE,
            {"rd_expense_y1": "0元", "rd_expense_share": "3.5%"},
            "rd_expense",
            "研发费用不低于100万元或占营业收入比重不低于3%，且未达上一档",
            "研发费用高于100万元或占营业收入比重高于3%，且未达上一档",
        ),
        (
            SPE,
            {"rd_expense_y1": "0元", "rd_expense_share": "3%"},
            "rd_expense",
            "研发费用不低于100万元或占营业收入比重不低于3%，且未达上一档",
            "研发费用不超过100万元且占营业收入比重不超过3%",
        ),
        (
            SPE,
            {"rd_expense_y1": "0元", "rd_expense_share": "2%"},
            "rd_expense",
            "研发费用低于100万元且占营业收入比重低于3%",
            "研发费用不超过100万元且占营业收入比重不超过3%",
        ),
    ],
)
def test_band_labels_say_how_the_edge_was_scored(
    ruleset: str, facts: dict[str, Any], indicator: str, default: str, strict: str
) -> None:
    for value, expected in ((True, default), (False, strict)):
        d = run(ruleset, {**FACTS[ruleset], **facts}, band_lower_inclusive=value)
        finding = d.finding(f"{ruleset}.indicator.{indicator}")
        assert finding.measured["band"].zh == expected
        assert f"“{expected}”" in finding.message.zh


def test_band_lower_inclusive_is_cited_to_an_open_edge() -> None:
    for ruleset in RULESETS:
        parameter = load_parameters(ruleset).parameters["band_lower_inclusive"]
        assert parameter.citation is not None
        assert "–" in parameter.citation.text  # a range that does not say where its edge goes
        assert "≥" not in parameter.citation.text and "<" not in parameter.citation.text
        assert "文本已明确的边界" in parameter.description.zh


# The "近N年" windows: parameters with citations, used by the messages and the computations.
WINDOWS = [
    (INN, "award_window_years", 3, "近三年"),
    (INN, "equity_window_years", 3, "近三年"),
    (INN, "incident_window_years", 3, "近三年"),
    (SPE, "equity_window_years", 2, "近2年"),
    (SPE, "award_window_years", 3, "近三年"),
    (SPE, "rd_mean_window_years", 2, "近两年"),
    (SPE, "maker_china_window_years", 3, "近三年"),
    (SPE, "growth_window_years", 2, "近2年"),
    (SPE, "incident_window_years", 3, "近三年"),
]


@pytest.mark.parametrize(("ruleset", "name", "years", "words"), WINDOWS)
def test_windows_are_cited_parameters(ruleset: str, name: str, years: int, words: str) -> None:
    parameter = load_parameters(ruleset).parameters[name]
    assert parameter.type == "int"
    assert parameter.at(ON) == years
    assert parameter.citation is not None
    assert words in parameter.citation.text
    assert quoted_verbatim(parameter.citation.text, _normalised_source())


@pytest.mark.parametrize(
    ("ruleset", "name", "finding"),
    [
        (INN, "award_window_years", "direct.science_award"),
        (INN, "equity_window_years", "direct.equity_financing"),
        (SPE, "equity_window_years", "direct.equity_financing"),
        (SPE, "award_window_years", "direct.science_award"),
        (SPE, "rd_mean_window_years", "direct.rd_expense_mean"),
        (SPE, "maker_china_window_years", "direct.maker_china"),
    ],
)
def test_windows_reach_the_messages(ruleset: str, name: str, finding: str) -> None:
    default = run(ruleset, FACTS[ruleset]).finding(f"{ruleset}.{finding}")
    years = load_parameters(ruleset).parameters[name].at(ON)
    assert f"近{years}年" in default.message.zh
    other = 1 if name == "rd_mean_window_years" else 4
    changed = run(ruleset, FACTS[ruleset], **{name: other}).finding(f"{ruleset}.{finding}")
    assert f"近{other}年" in changed.message.zh
    with pytest.raises(InputError) as caught:
        run(ruleset, FACTS[ruleset], **{name: 0})
    assert caught.value.paths == (f"$.parameters.{name}",)


def test_equity_window_reaches_condition_3() -> None:
    facts = {**SPE_66, "revenue_y1": "500万元", "equity_financing_2y": "100万元"}
    assert "近2年" in run(SPE, facts).finding(f"{SPE}.basic.revenue").message.zh
    changed = run(SPE, facts, equity_window_years=3).finding(f"{SPE}.basic.revenue")
    assert "近3年" in changed.message.zh


def test_rd_mean_window_of_one_year() -> None:
    facts = {**SPE_66, "rd_expense_y1": "1000万元", "rd_expense_y2": "0元"}
    assert run(SPE, facts).finding(f"{SPE}.direct.rd_expense_mean").status.value == "not_met"
    one = run(SPE, facts, rd_mean_window_years=1).finding(f"{SPE}.direct.rd_expense_mean")
    assert one.status.value == "met"
    # Last year alone does not need the year before.
    alone = run(SPE, without(facts, "rd_expense_y2"), rd_mean_window_years=1)
    assert alone.finding(f"{SPE}.direct.rd_expense_mean").status.value == "met"
    with pytest.raises(InputError) as caught:
        run(SPE, facts, rd_mean_window_years=3)
    assert caught.value.paths == ("$.parameters.rd_mean_window_years",)


@pytest.mark.parametrize("method", ["mean", "cagr"])
def test_growth_window_of_one_year(method: str) -> None:
    # 5000 → 5400 → 6000: last year's growth 11.1 % (10 points) whatever the method.
    d = run(SPE, without(SPE_66, "main_revenue_y3"), growth_window_years=1, growth_method=method)
    assert d.results["indicators"]["revenue_growth"]["points"] == 10
    zero = run(SPE, {**SPE_66, "main_revenue_y2": "0元"}, growth_window_years=1)
    assert zero.finding(f"{SPE}.indicator.revenue_growth").status.value == "review"
    with pytest.raises(InputError) as caught:
        run(SPE, SPE_66, growth_window_years=3)
    assert caught.value.paths == ("$.parameters.growth_window_years",)


def test_niche_steps_are_cited() -> None:
    ind = scoring.scoring_table(SPE).indicator("niche_years")
    assert (ind.step, ind.points_per_step) == (2, 1)
    assert quoted_verbatim(ind.text, _normalised_source())
    citation = load_parameters(SPE).criteria[f"{SPE}.indicator.niche_years"].citation
    assert citation is not None and "每满2年得1分" in citation.text
    below = run(SPE, {**SPE_66, "niche_years": 1}).finding(f"{SPE}.indicator.niche_years")
    assert "不满2年" in below.message.zh
    assert "满0年" not in below.message.zh


# --------------------------------------------------------------------------------------------
# 16. What a bureau officer reads
# --------------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _varied() -> Iterator[tuple[str, dict[str, Any], dict[str, Any], dt.date]]:
    """Facts that reach every enumeration value, every kind of finding and every note."""
    inn, spe = INN_85, SPE_66
    for ip in get_args(sme_innovative.IpClass):
        yield INN, {**inn, "ip_class": ip}, {}, ON
        yield SPE, {**spe, "ip_class": ip}, {}, ON
    for field in get_args(sme_innovative.ProductField):
        yield INN, {**inn, "product_field": field}, {}, ON
    for field in get_args(sme_specialized.ProductField):
        yield SPE, {**spe, "product_field": field}, {}, ON
    for level in get_args(sme_innovative.RdInstitutionLevel):
        yield INN, {**inn, "rd_institution_level": level}, {}, ON
        yield SPE, {**spe, "rd_institution_level": level}, {}, ON
    for level in get_args(sme_specialized.DigitalLevel):
        yield SPE, {**spe, "digital_level": level}, {}, ON
    items = list(get_args(sme_specialized.QualityItem))
    for n in range(len(items) + 1):
        yield SPE, {**spe, "quality_items": items[:n]}, {}, ON
    yield INN, {**inn, "valid_titles": list(get_args(sme_innovative.Title))}, {}, ON
    for level in ("national", "provincial"):
        for rank in (None, 1, 4, 9):
            award = {"level": level, "name": "科技进步奖"} | (
                {} if rank is None else {"rank": rank}
            )
            yield INN, {**inn, "science_awards_3y": [award]}, {}, ON
            yield SPE, {**spe, "science_awards_3y": [award]}, {}, ON
    for years in (0, 1, 2, 3, 10, 11):
        yield SPE, {**spe, "niche_years": years}, {}, ON
    for flag in (True, False):
        yield SPE, {**spe, "maker_china_top500_3y": flag}, {}, ON
    for ruleset, facts in ((INN, inn), (SPE, spe)):
        yield ruleset, {}, {}, ON
        yield ruleset, {**facts, **dict.fromkeys(GENERAL, False)}, {}, ON
        yield ruleset, {**facts, "main_revenue_y2": "0元"}, {}, ON
        yield ruleset, {**facts, "debt_ratio": "120%"}, {}, ON
        yield ruleset, facts, {"band_lower_inclusive": False}, ON
        for fact in facts:
            yield ruleset, without(facts, fact), {}, ON
    swing = {
        "main_revenue_y3": "100万元",
        "main_revenue_y2": "50万元",
        "main_revenue_y1": "100万元",
    }
    for method in ("mean", "cagr"):
        yield SPE, {**spe, **swing}, {"growth_method": method}, ON
    yield SPE, {**spe, "revenue_y1": "500万元", "equity_financing_2y": "100万元"}, {}, ON
    yield SPE, {**without(spe, "rd_expense_y2"), "rd_expense_y1": "2500万元"}, {}, ON
    yield SPE, without(spe, "characteristic_score"), {}, ON
    yield INN, inn, {}, dt.date(2026, 6, 1)
    yield INN, inn, {"continuation_until": "2026-12-31"}, dt.date(2026, 6, 1)


VARIED = list(_varied())


def test_chinese_output_of_every_example_is_clean() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    for case in index["cases"]:
        d = run(case["ruleset"], example(case["file"]), on=dt.date.fromisoformat(case["on"]))
        assert chinese_problems(d) == [], case["file"]


@pytest.mark.parametrize(("ruleset", "facts", "params", "on"), VARIED)
def test_chinese_output_over_varied_facts(
    ruleset: str, facts: dict[str, Any], params: dict[str, Any], on: dt.date
) -> None:
    d = run(ruleset, facts, on=on, **params)
    assert chinese_problems(d) == []
    # English messages and notes: English words and units, no Chinese.
    for finding in d.findings:
        assert not _CJK.search(finding.message.en), finding.message.en
    for note in d.notes:
        assert not _CJK.search(note.en), note.en


def test_english_money_uses_english_units() -> None:
    facts = {**SPE_66, "revenue_y1": "500万元", "equity_financing_2y": "100万元"}
    message = run(SPE, facts).finding(f"{SPE}.basic.revenue").message
    assert "10 million yuan" in message.en and "1000万元" in message.zh
    advice = run(SPE, SPE_66).results["nearest_band_up"]["rd_expense"]["advice"]
    assert "4 million yuan" in advice["en"] and "400万元" in advice["zh"]


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_code_value_and_fact_has_a_label(ruleset: str) -> None:
    labels = load_parameters(ruleset).labels
    model = sme_innovative.InnovativeFacts if ruleset == INN else sme_specialized.SpecializedFacts
    import attrs

    for field in attrs.fields(model):
        assert field.name in labels, field.name
    table = scoring.scoring_table(ruleset)
    for ind in table.indicators:
        for choice in ind.choices:
            assert choice.value in labels, choice.value
        if len(ind.measures) > 1:
            assert set(ind.measures) <= set(labels)
    for code in ("met", "not_met", "unknown", "review", "national", "provincial"):
        assert code in labels
    for message in labels.values():
        assert message.zh and message.en
        assert not re.search(r"[A-Za-z_]{3,}", message.zh.replace("ISO9001", ""))


# --------------------------------------------------------------------------------------------
# 17, 18. The source text travels with the package; nothing points outside the repository
# --------------------------------------------------------------------------------------------


def _normalised_source() -> str:
    return re.sub(r"\s+", "", SOURCE_TEXT)


def _sme_citations() -> Iterator[tuple[str, dict[str, Any]]]:
    import tomllib

    for ruleset in RULESETS:
        data = tomllib.loads(
            resources.files("nmgpolicy").joinpath("data", f"{ruleset}.toml").read_text("utf-8")
        )
        for name, spec in data["parameters"].items():
            if "citation" in spec:
                yield f"{ruleset}.parameters.{name}", spec["citation"]
        for name, spec in data["criteria"].items():
            yield f"{ruleset}.criteria.{name}", spec["citation"]


@pytest.mark.parametrize(("where", "citation"), list(_sme_citations()))
def test_every_sme_citation_is_verbatim_in_the_63_source(
    where: str, citation: dict[str, Any]
) -> None:
    assert citation["text"].strip(), where
    assert quoted_verbatim(citation["text"], _normalised_source()), where


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_band_and_option_source_is_verbatim(ruleset: str) -> None:
    source = _normalised_source()
    for ind in scoring.scoring_table(ruleset).indicators:  # labels, not quotes: any length
        for band in ind.bands:
            assert quoted_verbatim(band.text, source, minimum=1), (ind.name, band.text)
        for choice in ind.choices:
            assert quoted_verbatim(choice.text, source, minimum=1), (ind.name, choice.text)
        if ind.text:
            assert quoted_verbatim(ind.text, source, minimum=1), (ind.name, ind.text)


@pytest.mark.parametrize("ruleset", RULESETS)
def test_finding_citations_read_as_chinese(ruleset: str) -> None:
    """The quoted text shown with each finding leaves out the extraction's English notes."""
    for info in load_parameters(ruleset).criteria.values():
        assert info.citation is not None
        words = re.findall(r"[A-Za-z_]+", info.citation.text)
        assert set(words) <= {"ISO"}, (info.id, words)


def test_the_source_says_where_each_part_was_taken_from() -> None:
    for words in (
        "not an official text",
        "reprints",
        "public questionnaire",
        "2022年6月1日",
        "工信部企业〔2026〕2号",
        "unverified",
    ):
        assert words in SOURCE_TEXT, words
    assert "⑫" in SOURCE_TEXT and "only the public questionnaire file" in SOURCE_TEXT


SME_FILES = [
    "src/nmgpolicy/rules/sme_innovative.py",
    "src/nmgpolicy/rules/sme_specialized.py",
    "src/nmgpolicy/rules/_sme_scoring.py",
    "src/nmgpolicy/sme.py",
    "src/nmgpolicy/data/sme_innovative.toml",
    "src/nmgpolicy/data/sme_specialized.toml",
    "src/nmgpolicy/data/sme_policy.toml",
    "src/nmgpolicy/data/sources/gradient_2022.md",
    "docs/rules/sme.md",
]


@pytest.mark.parametrize("path", SME_FILES)
def test_nothing_points_outside_the_repository(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    for outside in ("DESIGN.md", "shared/", "sme_gradient_criteria", "the references"):
        assert outside not in text, (path, outside)


def test_the_docs_examples_run() -> None:
    import doctest

    result = doctest.testfile(
        str(ROOT / "docs" / "rules" / "sme.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.failed == 0
    assert result.attempted >= 15
