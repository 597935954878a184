"""Independent review of issue 9, points 12–14 (the 63号 rule sets), from the issue and the law.

Every expectation below is read from the issue's words and from the 63号 tables as the package's
source text carries them (``data/sources/gradient_2022.md``), not from the rule sets' data files:

* 12 — ``sme_innovative`` keeps evaluating after 2026-03-31 with a note naming
  工信部企业〔2026〕2号 and saying the continuation is reported, not verified;
  ``continuation_until`` ends the window; ``sme_specialized`` raises ``NotInForce`` after
  2026-03-31; both raise it before 63号's date of issue, 2022-06-01.
* 13 — the general admission conditions are attestations: ``review`` when absent (or blank),
  ``not_met`` when denied, whatever the score or a direct route.
* 14 — every edge of every banded indicator, on the edge and one step to each side, under both
  values of ``band_lower_inclusive``: an edge the text fixes ("≥5%=20", "<1%=0", "≤55%=10",
  ">75%=0") never moves; an edge it leaves open ("3–5%=15 | 2–3%=10") follows the parameter.
  The "近N年" windows are parameters with their citations and reach the messages.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.outcome import Decision, Status, display
from nmgpolicy.params import load_parameters
from tests._builders import sme_general
from tests.language import chinese_problems
from tests.test_citations import quoted_verbatim

INN, SPE = "sme_innovative", "sme_specialized"
ON = dt.date(2025, 9, 1)
ATTESTED: dict[str, Any] = sme_general()

# 附件1: ① Ⅰ类 10 + ② 5% 20 | ③ 10% 15 + ④ 50% 10 | ⑤ 10 + ⑥ 70% 20 = 85, every group minimum met.
INN_PASS: dict[str, Any] = {
    **ATTESTED,
    "ip_class": "class1",
    "rd_expense_share": "6%",
    "main_revenue_y1": "11000万元",
    "main_revenue_y2": "10000万元",
    "debt_ratio": "50%",
    "product_field": "strategic_emerging",
    "main_revenue_share": "80%",
}
# 附件2: conditions (1)–(3) met; ① 5 ② 10 ③ 2 ④ 3 ⑤ 3 ⑥ 5 ⑦ 10 ⑧ 5 ⑨ 10 ⑩ 6 ⑪ 6 ⑫ 3 ⑬ 4 = 72.
SPE_PASS: dict[str, Any] = {
    **ATTESTED,
    "niche_years": 4,
    "rd_expense_y1": "350万元",
    "rd_expense_y2": "300万元",
    "rd_expense_share": "5%",
    "revenue_y1": "7000万元",
    "equity_financing_2y": "0元",
    "main_revenue_share": "85%",
    "main_revenue_y1": "6050万元",
    "main_revenue_y2": "5500万元",
    "main_revenue_y3": "5000万元",
    "product_field": "foundation",
    "digital_level": "level2",
    "quality_items": ["own_brand", "system_certification"],
    "net_profit_margin": "12%",
    "debt_ratio": "45%",
    "characteristic_score": "10",
    "ip_class": "class1",
    "rd_staff_share": "12%",
    "rd_institution_level": "municipal",
    "science_awards_3y": [],
    "maker_china_top500_3y": False,
}
PASS = {INN: INN_PASS, SPE: SPE_PASS}


def run(ruleset: str, facts: dict[str, Any], on: dt.date = ON, **params: object) -> Decision:
    return nmgpolicy.evaluate(ruleset, facts, on=on, parameters=params or None)


def test_the_passing_fixtures_pass() -> None:
    inn = run(INN, INN_PASS)
    assert inn.status.value == "eligible"
    assert inn.results["total"] == Decimal(85)
    spe = run(SPE, SPE_PASS)
    assert spe.status.value == "eligible"
    assert spe.results["total"] == Decimal(72)


# --------------------------------------------------------------------------------------------
# 12. The in-force window
# --------------------------------------------------------------------------------------------


def _continuation_notes(d: Decision) -> list[str]:
    return [n.zh for n in d.notes if "工信部企业〔2026〕2号" in n.zh and "第三十条" in n.zh]


@pytest.mark.parametrize(
    "on",
    [
        dt.date(2026, 4, 1),  # the 2026 办法's first day
        dt.date(2026, 12, 1),  # the newcomer's date
        dt.date(2027, 12, 31),  # a year without a working-day schedule
        dt.date(2028, 2, 29),
    ],
)
def test_innovative_keeps_evaluating_after_2026_03_31(on: dt.date) -> None:
    d = run(INN, INN_PASS, on=on)
    assert d.status.value == "eligible"
    assert d.results["total"] == run(INN, INN_PASS).results["total"]
    (zh,) = _continuation_notes(d)
    assert "据报道" in zh and "未经核实" in zh
    en = [n.en for n in d.notes if "[2026] No. 2" in n.en]
    assert len(en) == 1
    assert "reported" in en[0] and "not verified" in en[0]
    assert chinese_problems(d) == []


def test_no_continuation_note_on_or_before_2026_03_31() -> None:
    for on in (dt.date(2022, 6, 1), dt.date(2026, 3, 31)):
        d = run(INN, INN_PASS, on=on)
        assert _continuation_notes(d) == [], on
        assert d.status.value == "eligible"


def test_continuation_until_ends_the_window_inclusive() -> None:
    last = run(INN, INN_PASS, on=dt.date(2026, 6, 30), continuation_until="2026-06-30")
    assert last.status.value == "eligible"
    assert _continuation_notes(last)
    assert last.overrides["continuation_until"] == dt.date(2026, 6, 30)
    with pytest.raises(NotInForce) as caught:
        run(INN, INN_PASS, on=dt.date(2026, 7, 1), continuation_until="2026-06-30")
    assert caught.value.end == dt.date(2026, 6, 30)
    assert "2026〕2号" in str(caught.value)


def test_the_old_reading_is_a_parameter_value() -> None:
    """Before issue 9 the window ended on 2026-03-31: ``continuation_until = 2026-03-31``."""
    last = run(INN, INN_PASS, on=dt.date(2026, 3, 31), continuation_until="2026-03-31")
    assert last.status.value == "eligible"
    with pytest.raises(NotInForce):
        run(INN, INN_PASS, on=dt.date(2026, 4, 1), continuation_until="2026-03-31")


def test_continuation_until_is_a_cited_parameter() -> None:
    parameter = load_parameters(INN).parameters["continuation_until"]
    assert parameter.citation is not None
    assert "2026〕2号" in parameter.citation.document
    assert "未经核实" in (parameter.citation.clause or "")
    assert "含当日" in parameter.description.zh  # the last day it applies, inclusive
    assert load_parameters(INN).resolve(ON, None)["continuation_until"] is None  # open-ended


@pytest.mark.parametrize("on", [dt.date(2026, 4, 1), dt.date(2026, 12, 1), dt.date(2030, 1, 1)])
def test_specialized_not_in_force_after_2026_03_31(on: dt.date) -> None:
    with pytest.raises(NotInForce) as caught:
        run(SPE, SPE_PASS, on=on)
    assert caught.value.end == dt.date(2026, 3, 31)
    assert "2026〕2号" in str(caught.value)
    # The continuation parameter of 附件1 is no parameter of 附件2.
    with pytest.raises(InputError):
        run(SPE, SPE_PASS, on=dt.date(2026, 3, 31), continuation_until="2027-01-01")


def test_specialized_on_its_last_day() -> None:
    assert run(SPE, SPE_PASS, on=dt.date(2026, 3, 31)).status.value == "eligible"


@pytest.mark.parametrize("ruleset", [INN, SPE])
def test_not_in_force_before_the_date_of_issue(ruleset: str) -> None:
    for on in (dt.date(2022, 5, 31), dt.date(2021, 12, 31), dt.date(2000, 1, 1)):
        with pytest.raises(NotInForce) as caught:
            run(ruleset, PASS[ruleset], on=on)
        assert caught.value.start == dt.date(2022, 6, 1)
    first = run(ruleset, PASS[ruleset], on=dt.date(2022, 6, 1))
    assert first.status.value == "eligible"
    # The date of issue is flagged as unverified in every Decision.
    assert any("2022-06-01" in n.zh and "未经官方文本核对" in n.zh for n in first.notes)


def test_bad_facts_are_reported_before_not_in_force() -> None:
    for ruleset in (INN, SPE):
        with pytest.raises(InputError):
            run(ruleset, {"debt_ratio": "lots"}, on=dt.date(2021, 1, 1))


# --------------------------------------------------------------------------------------------
# 13. General admission conditions as attestations
# --------------------------------------------------------------------------------------------

CONDITIONS = {
    "is_sme": "sme_size",
    "not_abnormal_or_dishonest": "not_abnormal_or_dishonest",
    "no_major_incident": "no_major_incident",
}


@pytest.mark.parametrize("ruleset", [INN, SPE])
@pytest.mark.parametrize("fact", sorted(CONDITIONS))
def test_absent_or_blank_attestation_needs_review(ruleset: str, fact: str) -> None:
    absent = {k: v for k, v in PASS[ruleset].items() if k != fact}
    for facts in (absent, {**PASS[ruleset], fact: None}):
        d = run(ruleset, facts)
        finding = d.finding(f"{ruleset}.{CONDITIONS[fact]}")
        assert finding.status is Status.REVIEW
        assert finding.binding
        assert d.status.value == "undetermined"
        assert chinese_problems(d) == []


@pytest.mark.parametrize("ruleset", [INN, SPE])
@pytest.mark.parametrize("fact", sorted(CONDITIONS))
def test_denied_attestation_fails_even_through_a_direct_route(ruleset: str, fact: str) -> None:
    direct = (
        {"valid_titles": ["high_tech"]} if ruleset == INN else {"equity_financing_2y": "6000万元"}
    )
    d = run(ruleset, {**PASS[ruleset], **direct, fact: False})
    assert d.finding(f"{ruleset}.{CONDITIONS[fact]}").status is Status.NOT_MET
    assert d.finding(f"{ruleset}.score_or_direct").status is Status.MET
    assert d.status.value == "ineligible"


@pytest.mark.parametrize("ruleset", [INN, SPE])
def test_no_facts_at_all_never_eligible(ruleset: str) -> None:
    d = run(ruleset, {})
    assert d.status.value == "undetermined"
    for name in CONDITIONS.values():
        assert d.finding(f"{ruleset}.{name}").status is Status.REVIEW


@pytest.mark.parametrize("ruleset", [INN, SPE])
def test_attestations_are_cited_verbatim(ruleset: str) -> None:
    data = load_parameters(ruleset)
    for name in CONDITIONS.values():
        citation = data.criteria[f"{ruleset}.{name}"].citation
        assert citation is not None
        assert "未经核实" in (citation.clause or "")
        assert quoted_verbatim(citation.text)


# --------------------------------------------------------------------------------------------
# 14. Band edges, read from the source table
# --------------------------------------------------------------------------------------------


def _pct(text: str) -> Decimal:
    return Decimal(text.rstrip("%")) / 100


def _growth_facts(rate: str, years: int) -> dict[str, str]:
    """Main-business revenue growing by exactly ``rate`` each year (base 10000万元)."""
    base = Decimal(10000)
    factor = 1 + _pct(rate)
    values = [base * factor**i for i in range(years + 1)]  # oldest first
    names = ["main_revenue_y3", "main_revenue_y2", "main_revenue_y1"][-(years + 1) :]
    return {n: f"{v:f}万元" for n, v in zip(names, values, strict=True)}


def _facts_for(ruleset: str, indicator: str, value: str) -> dict[str, Any]:
    if indicator == "growth":
        return _growth_facts(value, 1 if ruleset == INN else 2)
    if indicator == "rd_amount":
        return {"rd_expense_y1": value, "rd_expense_share": "0%"}
    if indicator == "rd_expense":
        return {"rd_expense_y1": "0元", "rd_expense_share": value}
    return {indicator: value}


_RESULT_KEY = {
    (INN, "rd_expense_share"): "rd_share",
    (INN, "growth"): "revenue_growth",
    (INN, "debt_ratio"): "debt_ratio",
    (INN, "main_revenue_share"): "main_revenue_share",
    (SPE, "main_revenue_share"): "main_revenue_share",
    (SPE, "growth"): "revenue_growth",
    (SPE, "net_profit_margin"): "net_profit_margin",
    (SPE, "debt_ratio"): "debt_ratio",
    (SPE, "rd_amount"): "rd_expense",
    (SPE, "rd_expense"): "rd_expense",
    (SPE, "rd_staff_share"): "rd_staff_share",
}

# (ruleset, fact, value, points with band_lower_inclusive = true, points with false), from the
# source text:
#   附件1 ② ≥5%=20; 3–5%=15; 2–3%=10; 1–2%=5; <1%=0
#         ③ ≥15%=20; 10–15%=15; 5–10%=10; 0–5%=5; <0=0
#         ④ ≤55%=10; 55–75%=5; >75%=0
#         ⑥ ≥70%=20; 60–70%=15; 55–60%=10; 50–55%=5; <50%=0
#   附件2 ① ≥80%=5; 70–80%=3; 60–70%=1; <60%=0
#         ② ≥10%=10; 8–10%=8; 6–8%=6; 4–6%=4; 0–4%=2; <0=0
#         ⑦ ≥10%=10; 8–10%=8; 6–8%=6; 4–6%=4; 2–4%=2; <2%=0
#         ⑧ ≤50%=5; 50–60%=3; 60–70%=1; >70%=0
#         ⑪ ≥500万或占比≥10%=10; 400–500万或8–10%=8; 300–400万或6–8%=6; 200–300万或4–6%=4;
#            100–200万或3–4%=2; else 0
#         ⑫ ≥20%=5; 10–20%=3; 5–10%=1; <5%=0
# An edge with "≥", "≤", "<" or ">" on either side is fixed; a bare range edge ("3–5%" next to
# "2–3%") is open. Each edge is tested on it and one step (0.0001 %, or 1元) to each side.
EDGE_CASES: list[tuple[str, str, str, int, int]] = [
    # 附件1 ②: 5 % fixed (≥5%), 3 % and 2 % open, 1 % fixed (<1%).
    (INN, "rd_expense_share", "5.0001%", 20, 20),
    (INN, "rd_expense_share", "5%", 20, 20),
    (INN, "rd_expense_share", "4.9999%", 15, 15),
    (INN, "rd_expense_share", "3.0001%", 15, 15),
    (INN, "rd_expense_share", "3%", 15, 10),
    (INN, "rd_expense_share", "2.9999%", 10, 10),
    (INN, "rd_expense_share", "2%", 10, 5),
    (INN, "rd_expense_share", "1.9999%", 5, 5),
    (INN, "rd_expense_share", "1.0001%", 5, 5),
    (INN, "rd_expense_share", "1%", 5, 5),
    (INN, "rd_expense_share", "0.9999%", 0, 0),
    # 附件1 ③ (yearly growth): 15 % fixed, 10 % and 5 % open, 0 fixed (<0=0).
    (INN, "growth", "15.0001%", 20, 20),
    (INN, "growth", "15%", 20, 20),
    (INN, "growth", "14.9999%", 15, 15),
    (INN, "growth", "10%", 15, 10),
    (INN, "growth", "9.9999%", 10, 10),
    (INN, "growth", "5%", 10, 5),
    (INN, "growth", "4.9999%", 5, 5),
    (INN, "growth", "0.0001%", 5, 5),
    (INN, "growth", "0%", 5, 5),
    (INN, "growth", "-0.0001%", 0, 0),
    # 附件1 ④ (lower is better): 55 % fixed (≤55%), 75 % fixed (>75%): nothing moves.
    (INN, "debt_ratio", "54.9999%", 10, 10),
    (INN, "debt_ratio", "55%", 10, 10),
    (INN, "debt_ratio", "55.0001%", 5, 5),
    (INN, "debt_ratio", "74.9999%", 5, 5),
    (INN, "debt_ratio", "75%", 5, 5),
    (INN, "debt_ratio", "75.0001%", 0, 0),
    (INN, "debt_ratio", "120%", 0, 0),
    # 附件1 ⑥: 70 % fixed, 60 % and 55 % open, 50 % fixed (<50%).
    (INN, "main_revenue_share", "70%", 20, 20),
    (INN, "main_revenue_share", "69.9999%", 15, 15),
    (INN, "main_revenue_share", "60%", 15, 10),
    (INN, "main_revenue_share", "59.9999%", 10, 10),
    (INN, "main_revenue_share", "55%", 10, 5),
    (INN, "main_revenue_share", "54.9999%", 5, 5),
    (INN, "main_revenue_share", "50%", 5, 5),
    (INN, "main_revenue_share", "49.9999%", 0, 0),
    # 附件2 ①: 80 % fixed, 70 % open, 60 % fixed (<60%).
    (SPE, "main_revenue_share", "80%", 5, 5),
    (SPE, "main_revenue_share", "79.9999%", 3, 3),
    (SPE, "main_revenue_share", "70%", 3, 1),
    (SPE, "main_revenue_share", "69.9999%", 1, 1),
    (SPE, "main_revenue_share", "60%", 1, 1),
    (SPE, "main_revenue_share", "59.9999%", 0, 0),
    # 附件2 ② (two years at the same rate: mean and compound agree): 10 % fixed, 8/6/4 open,
    # 0 fixed (<0=0).
    (SPE, "growth", "10%", 10, 10),
    (SPE, "growth", "9.9999%", 8, 8),
    (SPE, "growth", "8%", 8, 6),
    (SPE, "growth", "7.9999%", 6, 6),
    (SPE, "growth", "6%", 6, 4),
    (SPE, "growth", "5.9999%", 4, 4),
    (SPE, "growth", "4%", 4, 2),
    (SPE, "growth", "3.9999%", 2, 2),
    (SPE, "growth", "0%", 2, 2),
    (SPE, "growth", "-0.0001%", 0, 0),
    # 附件2 ⑦: 10 % fixed, 8/6/4 open, 2 % fixed (<2%).
    (SPE, "net_profit_margin", "10%", 10, 10),
    (SPE, "net_profit_margin", "9.9999%", 8, 8),
    (SPE, "net_profit_margin", "8%", 8, 6),
    (SPE, "net_profit_margin", "6%", 6, 4),
    (SPE, "net_profit_margin", "4%", 4, 2),
    (SPE, "net_profit_margin", "3.9999%", 2, 2),
    (SPE, "net_profit_margin", "2%", 2, 2),
    (SPE, "net_profit_margin", "1.9999%", 0, 0),
    (SPE, "net_profit_margin", "-5%", 0, 0),
    # 附件2 ⑧ (lower is better): 50 % fixed (≤50%), 60 % open, 70 % fixed (>70%).
    (SPE, "debt_ratio", "50%", 5, 5),
    (SPE, "debt_ratio", "50.0001%", 3, 3),
    (SPE, "debt_ratio", "60%", 3, 1),
    (SPE, "debt_ratio", "60.0001%", 1, 1),
    (SPE, "debt_ratio", "70%", 1, 1),
    (SPE, "debt_ratio", "70.0001%", 0, 0),
    # 附件2 ⑪ by the amount (share 0): 500万 fixed (≥500万), 400/300/200/100万 open.
    (SPE, "rd_amount", "500万元", 10, 10),
    (SPE, "rd_amount", "4999999元", 8, 8),
    (SPE, "rd_amount", "400万元", 8, 6),
    (SPE, "rd_amount", "3999999元", 6, 6),
    (SPE, "rd_amount", "300万元", 6, 4),
    (SPE, "rd_amount", "200万元", 4, 2),
    (SPE, "rd_amount", "100万元", 2, 0),
    (SPE, "rd_amount", "999999元", 0, 0),
    # 附件2 ⑪ by the share (amount 0): 10 % fixed (占比≥10%), 8/6/4/3 % open.
    (SPE, "rd_expense", "10%", 10, 10),
    (SPE, "rd_expense", "9.9999%", 8, 8),
    (SPE, "rd_expense", "8%", 8, 6),
    (SPE, "rd_expense", "6%", 6, 4),
    (SPE, "rd_expense", "4%", 4, 2),
    (SPE, "rd_expense", "3%", 2, 0),
    (SPE, "rd_expense", "2.9999%", 0, 0),
    # 附件2 ⑫: 20 % fixed, 10 % open, 5 % fixed (<5%).
    (SPE, "rd_staff_share", "20%", 5, 5),
    (SPE, "rd_staff_share", "19.9999%", 3, 3),
    (SPE, "rd_staff_share", "10%", 3, 1),
    (SPE, "rd_staff_share", "9.9999%", 1, 1),
    (SPE, "rd_staff_share", "5%", 1, 1),
    (SPE, "rd_staff_share", "4.9999%", 0, 0),
]


@pytest.mark.parametrize(("ruleset", "fact", "value", "inclusive", "exclusive"), EDGE_CASES)
def test_every_edge_of_every_indicator(
    ruleset: str, fact: str, value: str, inclusive: int, exclusive: int
) -> None:
    facts = {**PASS[ruleset], **_facts_for(ruleset, fact, value)}
    key = _RESULT_KEY[(ruleset, fact)]
    for flag, expected in ((True, inclusive), (False, exclusive)):
        d = run(ruleset, facts, band_lower_inclusive=flag)
        assert d.results["indicators"][key]["points"] == Decimal(expected), (value, flag)
        # The message names the band it was scored in, and reads as Chinese.
        assert chinese_problems(d) == []


def test_the_default_reading_is_the_higher_band() -> None:
    d = run(INN, {**INN_PASS, "rd_expense_share": "3%"})
    assert d.results["indicators"]["rd_share"]["points"] == Decimal(15)


def test_a_fixed_edge_decides_eligibility_under_both_readings() -> None:
    """A worked case at exactly 60 points, each group exactly at its minimum, every points
    total resting on edges the text fixes: recognised under both readings."""
    facts = {
        **ATTESTED,
        "ip_class": "class1",  # 10
        "rd_expense_share": "5%",  # 20 ("≥5%=20")        创新能力 30 ≥ 20
        "main_revenue_y1": "10000万元",  # growth 0: 5 ("<0=0")
        "main_revenue_y2": "10000万元",
        "debt_ratio": "55%",  # 10 ("≤55%=10")          成长性 15 ≥ 15
        "product_field": "strategic_emerging",  # 10
        "main_revenue_share": "50%",  # 5 ("<50%=0")     专业化 15 ≥ 15
    }
    for flag in (True, False):
        d = run(INN, facts, band_lower_inclusive=flag)
        assert d.results["total"] == Decimal(60), flag
        assert d.results["groups"]["growth"]["points"] == Decimal(15), flag
        assert d.results["groups"]["specialization"]["points"] == Decimal(15), flag
        assert d.status.value == "eligible", flag


# --------------------------------------------------------------------------------------------
# 14. The "近N年" windows: from the data, with their citations
# --------------------------------------------------------------------------------------------

WINDOWS = [
    (INN, "award_window_years", 3, "近三年"),
    (INN, "equity_window_years", 3, "近三年"),
    (INN, "incident_window_years", 3, "近三年"),
    (SPE, "award_window_years", 3, "近三年"),
    (SPE, "equity_window_years", 2, "近2年"),
    (SPE, "rd_mean_window_years", 2, "近两年"),
    (SPE, "maker_china_window_years", 3, "近三年"),
    (SPE, "growth_window_years", 2, "近2年"),
    (SPE, "incident_window_years", 3, "近三年"),
]


@pytest.mark.parametrize(("ruleset", "name", "years", "words"), WINDOWS)
def test_windows_are_data_with_citations(ruleset: str, name: str, years: int, words: str) -> None:
    parameter = load_parameters(ruleset).parameters[name]
    assert parameter.type == "int"
    assert parameter.citation is not None
    assert words in parameter.citation.text
    assert quoted_verbatim(parameter.citation.text)
    assert run(ruleset, PASS[ruleset]).overrides == {}
    values = load_parameters(ruleset).resolve(ON, None)
    assert values[name] == years


@pytest.mark.parametrize(
    ("ruleset", "name", "finding"),
    [
        (INN, "award_window_years", "direct.science_award"),
        (INN, "equity_window_years", "direct.equity_financing"),
        (INN, "incident_window_years", "no_major_incident"),
        (SPE, "maker_china_window_years", "direct.maker_china"),
        (SPE, "rd_mean_window_years", "direct.rd_expense_mean"),
        (SPE, "equity_window_years", "direct.equity_financing"),
        (SPE, "incident_window_years", "no_major_incident"),
    ],
)
def test_a_window_reaches_its_message(ruleset: str, name: str, finding: str) -> None:
    facts = {k: v for k, v in PASS[ruleset].items() if k != "science_awards_3y"}
    d = run(ruleset, facts, **{name: 1})
    message = d.finding(f"{ruleset}.{finding}").message
    assert "近1年" in message.zh, message.zh
    assert "last 1 years" in message.en or "last 1 year" in message.en, message.en


def test_growth_window_of_one_year_uses_two_years_of_revenue() -> None:
    # y2 → y1: +10 % (10 points); y3 → y2: +0 %. Over two years the mean is 5 % (4 points).
    facts = {
        **SPE_PASS,
        "main_revenue_y1": "5500万元",
        "main_revenue_y2": "5000万元",
        "main_revenue_y3": "5000万元",
    }
    assert run(SPE, facts).results["indicators"]["revenue_growth"]["points"] == Decimal(4)
    one = run(SPE, facts, growth_window_years=1)
    assert one.results["indicators"]["revenue_growth"]["points"] == Decimal(10)
    without_y3 = {k: v for k, v in facts.items() if k != "main_revenue_y3"}
    assert run(SPE, without_y3, growth_window_years=1).results["indicators"]["revenue_growth"][
        "points"
    ] == Decimal(10)


@pytest.mark.parametrize(("name", "bad"), [("growth_window_years", 3), ("rd_mean_window_years", 0)])
def test_a_window_the_facts_cannot_follow_is_refused(name: str, bad: int) -> None:
    with pytest.raises(InputError) as caught:
        run(SPE, SPE_PASS, **{name: bad})
    assert caught.value.problems[0].path == f"$.parameters.{name}"


def test_the_rd_mean_window() -> None:
    """近两年研发费用总额均值 ≥1000万元: (1500 + 500) / 2 = 1000 → met; 999.99 → not."""
    at = {**SPE_PASS, "rd_expense_y1": "1500万元", "rd_expense_y2": "500万元"}
    d = run(SPE, at)
    assert d.finding("sme_specialized.direct.rd_expense_mean").status is Status.MET
    below = {**SPE_PASS, "rd_expense_y1": "1500万元", "rd_expense_y2": "4999998元"}
    d = run(SPE, below)
    assert d.finding("sme_specialized.direct.rd_expense_mean").status is Status.NOT_MET
    # One year of 2000万元 settles the mean whatever the other (not negative) year.
    alone = {
        **{k: v for k, v in SPE_PASS.items() if k != "rd_expense_y2"},
        "rd_expense_y1": "2000万元",
    }
    d = run(SPE, alone)
    assert d.finding("sme_specialized.direct.rd_expense_mean").status is Status.MET
    short = {**alone, "rd_expense_y1": "1999万元"}
    d = run(SPE, short)
    assert d.finding("sme_specialized.direct.rd_expense_mean").status is Status.UNKNOWN


# --------------------------------------------------------------------------------------------
# Thresholds of the conditions, both sides (以上 includes the number: 民法典 第一千二百五十九条)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ruleset", "facts", "finding", "status"),
    [
        (INN, {"equity_financing_3y": "500万元"}, "direct.equity_financing", Status.MET),
        (INN, {"equity_financing_3y": "4999999元"}, "direct.equity_financing", Status.NOT_MET),
        (INN, {"rd_institution_level": "provincial"}, "direct.rd_institution", Status.MET),
        (INN, {"rd_institution_level": "national"}, "direct.rd_institution", Status.MET),
        (INN, {"rd_institution_level": "municipal"}, "direct.rd_institution", Status.NOT_MET),
        (INN, {"science_awards_3y": [{"level": "provincial"}]}, "direct.science_award", Status.MET),
        (INN, {"science_awards_3y": []}, "direct.science_award", Status.NOT_MET),
        (INN, {"valid_titles": ["ip_demo"]}, "direct.title", Status.MET),
        (INN, {"valid_titles": []}, "direct.title", Status.NOT_MET),
        (SPE, {"niche_years": 2}, "basic.niche_years", Status.MET),
        (SPE, {"niche_years": "1.99"}, "basic.niche_years", Status.NOT_MET),
        (SPE, {"rd_expense_y1": "100万元"}, "basic.rd_expense", Status.MET),
        (SPE, {"rd_expense_y1": "999999元"}, "basic.rd_expense", Status.NOT_MET),
        (SPE, {"rd_expense_share": "3%"}, "basic.rd_share", Status.MET),
        (SPE, {"rd_expense_share": "2.9999%"}, "basic.rd_share", Status.NOT_MET),
        (SPE, {"revenue_y1": "1000万元"}, "basic.revenue", Status.MET),
        (
            SPE,
            {"revenue_y1": "999万元", "equity_financing_2y": "2000万元"},
            "basic.revenue",
            Status.MET,
        ),
        (
            SPE,
            {"revenue_y1": "999万元", "equity_financing_2y": "1999万元"},
            "basic.revenue",
            Status.NOT_MET,
        ),
        (SPE, {"equity_financing_2y": "6000万元"}, "direct.equity_financing", Status.MET),
        (SPE, {"equity_financing_2y": "5999万元"}, "direct.equity_financing", Status.NOT_MET),
        (
            SPE,
            {"science_awards_3y": [{"level": "provincial", "rank": 3}]},
            "direct.science_award",
            Status.MET,
        ),
        (
            SPE,
            {"science_awards_3y": [{"level": "provincial", "rank": 4}]},
            "direct.science_award",
            Status.NOT_MET,
        ),
        (
            SPE,
            {"science_awards_3y": [{"level": "national", "rank": 5}]},
            "direct.science_award",
            Status.MET,
        ),
        (
            SPE,
            {"science_awards_3y": [{"level": "national", "rank": 6}]},
            "direct.science_award",
            Status.NOT_MET,
        ),
        (
            SPE,
            {"science_awards_3y": [{"level": "national"}]},
            "direct.science_award",
            Status.UNKNOWN,
        ),
    ],
)
def test_conditions_both_sides(
    ruleset: str, facts: dict[str, Any], finding: str, status: Status
) -> None:
    d = run(ruleset, {**PASS[ruleset], **facts})
    assert d.finding(f"{ruleset}.{finding}").status is status
    assert chinese_problems(d) == []


def test_revenue_missing_but_equity_settles_condition_3() -> None:
    facts = {k: v for k, v in SPE_PASS.items() if k != "revenue_y1"}
    d = run(SPE, {**facts, "equity_financing_2y": "2000万元"})
    assert d.finding("sme_specialized.basic.revenue").status is Status.MET
    d = run(SPE, {**facts, "equity_financing_2y": "0元"})
    assert d.finding("sme_specialized.basic.revenue").status is Status.UNKNOWN


# --------------------------------------------------------------------------------------------
# 16. Words, for the SME output in both languages
# --------------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|〔[^〕]*〕")


def _english_cjk(d: Decision) -> list[str]:
    labels = load_parameters(d.ruleset).labels
    shown = [(f.id, f.message.en) for f in d.findings]
    shown += [
        (f"{f.id}.{name}", display(getattr(f, name), "en", labels))
        for f in d.findings
        for name in ("measured", "required", "gap")
    ]
    shown += [("note", n.en) for n in d.notes]
    return [f"{where}: {text}" for where, text in shown if _CJK.search(_QUOTED.sub("", text))]


@pytest.mark.parametrize(
    "awards",
    [
        [],
        [{"level": "provincial", "rank": 2}],
        [{"level": "national", "rank": 9}],
        [{"level": "national"}],
    ],
)
def test_award_requirements_read_in_english(awards: list[dict[str, Any]]) -> None:
    d = run(SPE, {**SPE_PASS, "science_awards_3y": awards})
    assert _english_cjk(d) == []
    assert chinese_problems(d) == []
    required = display(d.finding("sme_specialized.direct.science_award").required, "zh")
    assert "前5" in required and "前3" in required


@pytest.mark.parametrize("ruleset", [INN, SPE])
def test_no_chinese_outside_quotes_in_english(ruleset: str) -> None:
    for on in (dt.date(2025, 9, 1), dt.date(2026, 3, 31)):
        for facts in (PASS[ruleset], {}, {"debt_ratio": "130%"}):
            assert _english_cjk(run(ruleset, facts, on=on)) == []
    assert _english_cjk(run(INN, INN_PASS, on=dt.date(2026, 5, 1))) == []


def test_award_levels_read_as_the_text_says() -> None:
    """附件1 (1): 国家级、省级科技奖励 — an award is 省级, not 省（部）级 (that is the R&D
    institution's level in (3))."""
    d = run(INN, {**INN_PASS, "science_awards_3y": [{"level": "provincial"}]})
    labels = load_parameters(INN).labels
    shown = display(d.finding("sme_innovative.direct.science_award").measured, "zh", labels)
    assert "省级" in shown and "省（部）级" not in shown
