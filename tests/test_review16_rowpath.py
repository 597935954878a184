"""Independent review (session 16) of the row path against the current issue's promises.

What is attacked here, and not already in the earlier reviews (``test_review9_*``,
``test_review11_*``, ``test_review14_*``, ``test_review15_*``), ``test_overrides.py``,
``test_immutability.py``, ``test_concurrency.py`` or ``test_decimal_context.py``:

* overrides of scoring-table rows (band edges, band points, option points) of both SME rule
  sets and of the ferroalloy tier edges: every message, displayed value, result and explanation
  shows the overridden numbers, never the data file's; a row an override leaves as its source
  line states it keeps the source's words;
* overrides that must be refused (points rising band by band or option by option, edges
  crossing or meeting, tiers no longer increasing): an ``InputError`` at the path of the
  parameter, with a valid example, every bad field of one call named;
* texts built from a parameter that must follow it: a period's legal basis (民法典 第二百零二条
  "到期月的对应日" is a rule for months and years only), the cluster's notes on "近N年", the
  Chinese numerals of ranks and of "两";
* boundaries exactly at a threshold, on both sides, in each rule set (dates included: a leap
  day, the last day of a period, the last day of a rule set's window);
* decisions with overridden rows pickled before and after their explanation is written, read
  from many threads, under a hostile decimal context, and after the caller changed what it was
  given back.

Each defect is a test of the right behaviour marked ``xfail(strict=True)``; the checks that
hold stay as passing tests.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import pickle
import re
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import ferroalloy
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.outcome import Decision

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _facts(folder: str, name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / folder / name).read_text("utf-8"))


def _innovative() -> dict[str, Any]:
    return _facts("sme", "innovative_exactly_60_points.json")


def _specialized() -> dict[str, Any]:
    return _facts("sme", "specialized_score_66.json")


def _cluster() -> dict[str, Any]:
    return _facts("cluster", "eligible.json")


def _first_set() -> dict[str, Any]:
    return _facts("first_set", "eligible_complete_set.json")


SME_ON = dt.date(2025, 9, 1)
CLUSTER_ON = dt.date(2025, 6, 1)


def _everything(decision: Decision) -> str:
    """Every text a reader of ``decision`` sees, in both languages, except the quoted law."""
    parts = [json.dumps(decision.to_dict()["results"], ensure_ascii=False)]
    for finding in decision.findings:
        parts += [finding.message.zh, finding.message.en]
        shown = finding.to_dict()
        parts += [json.dumps(shown[k], ensure_ascii=False) for k in ("measured", "required")]
    parts += [n.zh for n in decision.notes] + [n.en for n in decision.notes]
    return "\n".join(parts)


def _message_of(decision: Decision, finding_id: str) -> tuple[str, str]:
    message = decision.finding(finding_id).message
    return message.zh, message.en


# ---------------------------------------------------------------------------------------------
# Defects
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ruleset", "overrides"),
    [
        ("sme_innovative", {"rd_share_points_2": "25"}),  # points rise band by band
        ("sme_innovative", {"rd_share_edge_2": "6%"}),  # edges cross
        ("sme_innovative", {"ip_points_class1": "16"}),  # an option above the one before it
        ("sme_specialized", {"rd_expense_edge_2_amount": "2000万元"}),
        ("sme_specialized", {"digital_level_points_level1": "9"}),
    ],
    ids=["points", "edges", "option", "two-measure-edge", "specialized-option"],
)
def test_a_refused_scoring_row_names_a_valid_example(
    ruleset: str, overrides: dict[str, object]
) -> None:
    """Project-wide promise: bad input is an InputError at its path *with a valid example*
    (ferroalloy's tier check gives one: ``e.g. "60.0001万吨"``); the scoring table's checks
    say only "points must fall band by band" / "edges must move away from the best band"."""
    facts = _innovative() if ruleset == "sme_innovative" else _specialized()
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(ruleset, facts, on=SME_ON, parameters=overrides)
    (name,) = overrides
    assert caught.value.paths == (f"$.parameters.{name}",)
    assert "e.g." in str(caught.value), str(caught.value)


def test_bad_rows_of_two_indicators_are_reported_together() -> None:
    """docs/robustness.md: "Every bad override of one call is reported together" (ferroalloy's
    two tier checks are); two indicators' bad rows give one problem only."""
    overrides = {"rd_share_points_2": "25", "debt_ratio_edge_1": "80%"}
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate("sme_innovative", _innovative(), on=SME_ON, parameters=overrides)
    assert set(caught.value.paths) == {
        "$.parameters.rd_share_points_2",
        "$.parameters.debt_ratio_edge_1",
    }


def test_two_bad_ferroalloy_tiers_are_reported_together() -> None:
    """The comparison for the test above: the tier checks report every bad field."""
    overrides = {"single_scale_lower": "60万吨", "group_scale_upper": "40万吨"}
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(
            "ferroalloy",
            _facts("ferroalloy", "compliant_plan.json"),
            on=dt.date(2026, 3, 2),
            parameters=overrides,
        )
    assert set(caught.value.paths) == {
        "$.parameters.single_scale_upper",
        "$.parameters.group_scale_upper",
    }
    assert all("e.g." in problem.message for problem in caught.value.problems)


def _direct_award_message(overrides: dict[str, object]) -> str:
    facts = _facts("sme", "specialized_direct_equity.json")
    facts["science_awards_3y"] = [{"level": "provincial", "rank": 1}]
    decision = nmgpolicy.evaluate(
        "sme_specialized", facts, on=dt.date(2026, 3, 31), parameters=overrides
    )
    return decision.finding("sme_specialized.score_or_direct").message.zh


def test_the_award_title_follows_its_rank_overrides() -> None:
    """The direct route's title is filled from the rank parameters (三 → 四)."""
    assert "排名前三" in _direct_award_message({})
    assert "排名前四" in _direct_award_message({"award_rank_provincial": 4})


def test_a_rank_of_two_reads_as_a_chinese_ordinal() -> None:
    """``{award_rank_provincial:cn}`` writes 2 as "两" (right for "近两年"), giving
    "在获奖单位中排名前两，" — not Chinese; "排名前二" (or "前两名") is."""
    zh = _direct_award_message({"award_rank_provincial": 2})
    assert "排名前两，" not in zh, zh
    assert "排名前二" in zh or "排名前两名" in zh, zh


def _completion_age(limit: str, applied_on: str) -> tuple[str, str, str]:
    facts = _first_set()
    facts["completed_on"], facts["applied_on"] = "2024-05-10", applied_on
    decision = nmgpolicy.evaluate(
        "first_set", facts, on=dt.date(2026, 7, 1), parameters={"completion_age_limit": limit}
    )
    finding = decision.finding("first_set.completion_age")
    return finding.status.value, finding.message.zh, finding.message.en


def test_completion_age_in_years_is_counted_to_the_corresponding_day() -> None:
    status, zh, en = _completion_age("2年", "2026-05-10")
    assert status == "met"
    assert "第二百零二条计至到期月的对应日" in zh and "2026-05-10" in zh
    assert "corresponding day" in en


@pytest.mark.parametrize(
    ("limit", "applied_on", "last"),
    [("700日", "2026-04-11", "2026-04-10"), ("20个工作日", "2025-05-10", "2024-06-06")],
    ids=["days", "working-days"],
)
def test_completion_age_in_days_does_not_cite_the_month_rule(
    limit: str, applied_on: str, last: str
) -> None:
    """民法典 第二百零二条 ("按照年、月计算期间的，到期月的对应日为期间的最后一日") applies to
    months and years; an override of ``completion_age_limit`` in days (or working days) is
    counted by days (the dates are right), but the message still says "按《民法典》第二百零二条
    计至到期月的对应日" / "counted to the corresponding day under Civil Code art. 202"."""
    status, zh, en = _completion_age(limit, applied_on)
    assert status == "review"
    assert last in zh
    assert "到期月的对应日" not in zh, zh
    assert "corresponding day" not in en, en


def _cluster_latest_given(recent_years: int) -> Decision:
    """A cluster whose figures run to 2025 (a year not yet over on the evaluation date), read
    with the ``latest_given`` anchor, so that the freshness note is written."""
    facts = _cluster()
    for year in (2021, 2025):
        row = copy.deepcopy(facts["years"][0])
        row["year"] = year
        facts["years"].append(row)
    overrides: dict[str, object] = {
        "recent_years_anchor": "latest_given",
        "recent_years": recent_years,
    }
    if recent_years == 4:
        overrides["growth_window_years"] = 4
    return nmgpolicy.evaluate("cluster", facts, on=CLUSTER_ON, parameters=overrides)


def test_the_freshness_note_follows_recent_years() -> None:
    """With ``recent_years = 4`` one note says "“近四年”按所提供数据的最近年度确定为2022–2025年"
    and the next "该年度尚未结束，“近三年”应为申报前已结束的年度": a stale number in Chinese."""
    decision = _cluster_latest_given(4)
    notes = [note.zh for note in decision.notes]
    assert any("近四年" in note for note in notes), notes
    assert not any("近三年" in note for note in notes), notes


def test_two_recent_years_read_as_liang() -> None:
    """Chinese counts two of something as 两 ("两个完整年度", "近两年"), as the library's own
    ``{name:cn}`` form does; the cluster notes write "“近二年”为…前的二个完整年度"."""
    decision = nmgpolicy.evaluate(
        "cluster", _cluster(), on=CLUSTER_ON, parameters={"recent_years": 2}
    )
    notes = " ".join(note.zh for note in decision.notes)
    assert "二个" not in notes and "近二年" not in notes, notes
    assert "两个完整年度" in notes


# ---------------------------------------------------------------------------------------------
# Scoring-table rows and tier edges under overrides: no stale number anywhere
# ---------------------------------------------------------------------------------------------


def test_an_overridden_band_is_written_anew_in_every_place() -> None:
    """rd_share's top edge 5% → 4% and its points 20 → 19: the finding's message, measured,
    required, the result's band words and the criterion title in the score route show 4% and
    19; the next band ("3–5%=15" in the source) is rewritten as 3%–4%, not left stale."""
    facts = _innovative()
    overrides = {"rd_share_edge_1": "4%", "rd_share_points_1": "19"}
    decision = nmgpolicy.evaluate("sme_innovative", facts, on=SME_ON, parameters=overrides)
    zh, en = _message_of(decision, "sme_innovative.indicator.rd_share")
    assert "不低于4%" in zh and "得19分（满分19分）" in zh, zh
    assert "at least 4%" in en and "19 of 19" in en, en
    indicator = decision.to_dict()["results"]["indicators"]["rd_share"]
    assert indicator["band"] == "≥4%=19" and indicator["max_points"] == "19"

    facts["rd_expense_share"] = "3.5%"
    decision = nmgpolicy.evaluate("sme_innovative", facts, on=SME_ON, parameters=overrides)
    zh, en = _message_of(decision, "sme_innovative.indicator.rd_share")
    assert "不低于3%且低于4%" in zh and "上一档“不低于4%”得19分" in zh, zh
    results = decision.to_dict()["results"]
    assert results["indicators"]["rd_share"]["band"] == "3%–4%=15"
    assert results["nearest_band_up"]["rd_share"]["band"] == "≥4%=19"
    text = _everything(decision)
    assert "5%=20" not in text and "3–5%" not in text


def test_an_override_equal_to_the_stated_value_keeps_the_source_words() -> None:
    """ "5.0%" is the 5% the source line "≥5%=20" states: the line is kept as written."""
    decision = nmgpolicy.evaluate(
        "sme_innovative", _innovative(), on=SME_ON, parameters={"rd_share_edge_1": "5.0%"}
    )
    assert decision.to_dict()["results"]["indicators"]["rd_share"]["band"] == "≥5%=20"


def test_overridden_option_points_are_shown_with_the_option() -> None:
    decision = nmgpolicy.evaluate(
        "sme_innovative",
        _innovative(),
        on=SME_ON,
        parameters={"ip_points_class1": "12", "ip_points_class1_own": "17"},
    )
    zh, en = _message_of(decision, "sme_innovative.indicator.ip")
    assert "=12" in zh and "得12分" in zh and "得17分（+5分）" in zh, zh
    assert "12 of 20" in en and "gives 17 (+5)" in en, en
    assert "=10" not in zh and "=15" not in zh
    assert decision.to_dict()["results"]["nearest_band_up"]["ip"]["band"].endswith("=17")


def test_a_two_measure_band_override_rewrites_both_measures() -> None:
    decision = nmgpolicy.evaluate(
        "sme_specialized",
        _specialized(),
        on=SME_ON,
        parameters={"rd_expense_edge_3_amount": "320万元"},
    )
    zh, en = _message_of(decision, "sme_specialized.indicator.rd_expense")
    assert "不低于320万元" in zh and "3.2 million yuan" in en
    assert decision.results["indicators"]["rd_expense"]["band"] == "320万元–400万元或6%–8%=6"


def test_indicator_titles_follow_their_first_row_overrides() -> None:
    """A title filled from its top row's points ("②…（{rd_share_points_1}分）")."""
    from nmgpolicy.engine import get_ruleset

    data = get_ruleset("sme_innovative").data
    title = data.criteria["sme_innovative.indicator.rd_share"].title
    assert "{rd_share_points_1}" in title.zh
    from nmgpolicy.criteria_scoring import fill

    values = dict(data.resolve(SME_ON, {"rd_share_points_1": "19"}).values)
    assert fill(title, values, data).zh.endswith("（19分）")


@pytest.mark.parametrize(
    ("scale", "tier", "ratio"),
    [
        ("24.9999万吨", "small", "1.25"),
        ("25万吨", "medium", "1.15"),
        ("44.9999万吨", "medium", "1.15"),
        ("45万吨", "large", "1"),
    ],
)
def test_ferroalloy_tier_edges_move_with_their_overrides(scale: str, tier: str, ratio: str) -> None:
    """达不到 excludes the edge, (含) includes it (民法典 第一千二百五十九条), at the new edges."""
    overrides = {
        "single_scale_lower": "25万吨",
        "single_scale_upper": "45万吨",
        "ratio_medium": "1.15",
    }
    assert ferroalloy.tier("single", scale, parameters=overrides).id == tier
    assert ferroalloy.ratio("single", scale, parameters=overrides) == Decimal(ratio)
    facts = _facts("ferroalloy", "compliant_plan.json")
    facts["enterprise"]["scale_after"] = scale
    decision = nmgpolicy.evaluate("ferroalloy", facts, on=dt.date(2026, 3, 2), parameters=overrides)
    zh, en = _message_of(decision, "ferroalloy.ratio_tier")
    assert f"{ratio}:1" in zh and f"{ratio}:1" in en
    if tier == "medium":
        assert "25万吨（含）至45万吨（不含）" in zh
        assert "from 250,000 tonnes (inclusive) to below 450,000 tonnes" in en
    assert "30万吨（含）" not in zh and "50万吨（不含）" not in zh


# ---------------------------------------------------------------------------------------------
# Overrides that must be refused, at their path
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ruleset", "overrides", "path"),
    [
        ("sme_innovative", {"rd_share_points_2": "20"}, "rd_share_points_2"),  # equal points
        ("sme_innovative", {"rd_share_points_1": "14"}, "rd_share_points_1"),  # top falls below
        ("sme_innovative", {"rd_share_edge_2": "5%"}, "rd_share_edge_2"),  # edges meet
        ("sme_innovative", {"debt_ratio_edge_1": "80%"}, "debt_ratio_edge_1"),  # lower-is-better
        ("sme_innovative", {"product_field_points_other": "11"}, "product_field_points_other"),
        ("sme_specialized", {"rd_expense_edge_2_share": "20%"}, "rd_expense_edge_2_share"),
        ("sme_specialized", {"debt_ratio_edge_3": "55%"}, "debt_ratio_edge_3"),
        ("sme_specialized", {"growth_window_years": 7}, "growth_window_years"),
        ("sme_innovative", {"rd_share_edge_1": "5"}, "rd_share_edge_1"),  # not a share
        ("sme_innovative", {"rd_share_points_1": True}, "rd_share_points_1"),  # wrong type
        ("sme_innovative", {"total_minimum": "101"}, "total_minimum"),  # out of range
    ],
)
def test_a_table_that_is_no_longer_ordered_is_refused_at_its_path(
    ruleset: str, overrides: dict[str, object], path: str
) -> None:
    facts = _innovative() if ruleset == "sme_innovative" else _specialized()
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(ruleset, facts, on=SME_ON, parameters=overrides)
    assert caught.value.paths == (f"$.parameters.{path}",)


def test_a_ferroalloy_plan_year_range_turned_round_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(
            "ferroalloy",
            _facts("ferroalloy", "compliant_plan.json"),
            on=dt.date(2026, 3, 2),
            parameters={"elimination_plan_first_year": 2024},
        )
    assert caught.value.paths == ("$.parameters.elimination_plan_last_year",)
    assert "e.g. 2024" in str(caught.value)


# ---------------------------------------------------------------------------------------------
# Boundaries, both sides
# ---------------------------------------------------------------------------------------------


def _year(facts: dict[str, Any], year: int) -> dict[str, Any]:
    return next(row for row in facts["years"] if row["year"] == year)


_CLUSTER_EDGES: list[tuple[str, str, str, object, str]] = [
    # (finding, where, key, value, status); where "" is the facts' top level, else a year
    ("cluster.area", "", "area", "100平方公里", "met"),  # 一般不超过: at it, met
    ("cluster.area", "", "area", "100.0001平方公里", "review"),
    ("cluster.output", "2022", "output", "15亿元", "met"),  # 以上 includes it
    ("cluster.output", "2022", "output", "14.9999999亿元", "not_met"),
    ("cluster.sme_share", "2024", "sme_output", "12.84亿元", "met"),  # exactly 60 % of 21.4
    ("cluster.sme_share", "2024", "sme_output", "12.8399亿元", "not_met"),
    ("cluster.leading_growth", "2024", "leading_output", "11.57625亿元", "met"),  # 10.5×1.05²
    ("cluster.leading_growth", "2024", "leading_output", "11.576249亿元", "not_met"),
    ("cluster.rd_staff_share", "", "rd_staff", "1110人", "met"),  # 6 % of 18500
    ("cluster.rd_staff_share", "", "rd_staff", "1109人", "not_met"),
    ("cluster.innovation_platforms", "", "innovation_platforms", 2, "met"),
    ("cluster.innovation_platforms", "", "innovation_platforms", 1, "not_met"),
    ("cluster.industrial_internet", "", "industrial_internet_penetration", "8%", "met"),
    ("cluster.industrial_internet", "", "industrial_internet_penetration", "7.99%", "not_met"),
    ("cluster.carbon_intensity", "2024", "carbon_intensity", "0.86吨/万元", "not_met"),  # equal
]


@pytest.mark.parametrize(("finding", "where", "key", "value", "status"), _CLUSTER_EDGES)
def test_cluster_thresholds_on_both_sides(
    finding: str, where: str, key: str, value: object, status: str
) -> None:
    facts = _cluster()
    (_year(facts, int(where)) if where else facts)[key] = value
    decision = nmgpolicy.evaluate("cluster", facts, on=CLUSTER_ON)
    assert decision.finding(finding).status.value == status


@pytest.mark.parametrize(
    ("fact", "value", "indicator", "points"),
    [
        ("rd_expense_share", "1%", "rd_share", "5"),  # "<1%=0" fixes 1% in the band above
        ("rd_expense_share", "0.9999%", "rd_share", "0"),
        ("rd_expense_share", "3%", "rd_share", "15"),  # open edge: the higher band by default
        ("debt_ratio", "55%", "debt_ratio", "10"),  # "≤55%=10"
        ("debt_ratio", "55.0001%", "debt_ratio", "5"),
        ("debt_ratio", "75.0001%", "debt_ratio", "0"),  # ">75%=0"
        ("main_revenue_y1", "2000万元", "revenue_growth", "5"),  # growth 0: "<0=0" excludes 0
        ("main_revenue_y1", "1999.9999万元", "revenue_growth", "0"),
        ("main_revenue_y1", "2300万元", "revenue_growth", "20"),  # exactly 15 %
        ("main_revenue_share", "70%", "main_revenue_share", "20"),
        ("main_revenue_share", "49.99%", "main_revenue_share", "0"),
    ],
)
def test_innovative_bands_on_both_sides(fact: str, value: str, indicator: str, points: str) -> None:
    facts = _innovative()
    facts[fact] = value
    decision = nmgpolicy.evaluate("sme_innovative", facts, on=SME_ON)
    assert decision.to_dict()["results"]["indicators"][indicator]["points"] == points


def test_an_open_edge_follows_band_lower_inclusive_and_says_so() -> None:
    decision = nmgpolicy.evaluate(
        "sme_innovative", _innovative(), on=SME_ON, parameters={"band_lower_inclusive": False}
    )
    zh, _ = _message_of(decision, "sme_innovative.indicator.revenue_growth")
    assert "所在档“不低于0%且不超过5%”，得5分" in zh, zh
    assert "上一档“高于5%且不超过10%”" in zh
    assert decision.finding("sme_innovative.total").status.value == "not_met"


@pytest.mark.parametrize(
    ("completed", "applied", "status"),
    [
        ("2024-02-29", "2026-02-28", "met"),  # no 2026-02-29: the month's last day (第202条)
        ("2024-02-29", "2026-03-01", "review"),
        ("2024-05-10", "2026-05-10", "met"),
        ("2024-05-10", "2026-05-11", "review"),
        ("2024-05-10", "2024-05-10", "met"),
    ],
)
def test_completion_age_at_the_end_of_its_period(completed: str, applied: str, status: str) -> None:
    facts = _first_set()
    facts["completed_on"], facts["applied_on"] = completed, applied
    decision = nmgpolicy.evaluate("first_set", facts, on=dt.date(2026, 7, 1))
    assert decision.finding("first_set.completion_age").status.value == status


@pytest.mark.parametrize(
    ("value", "status"), [("80万元/套", "met"), ("79.99999999万元/套", "not_met")]
)
def test_first_set_unit_value_on_both_sides(value: str, status: str) -> None:
    facts = _first_set()
    facts["unit_value"] = value
    decision = nmgpolicy.evaluate("first_set", facts, on=dt.date(2025, 7, 1))
    assert decision.finding("first_set.unit_value").status.value == status


@pytest.mark.parametrize(
    ("on", "overrides", "outcome"),
    [
        ("2022-06-01", {}, "eligible"),  # the first day of 63号
        ("2022-05-31", {}, "NotInForce"),
        ("2026-03-31", {}, "eligible"),  # the last day of 附件1's own window: no note
        ("2026-05-01", {"continuation_until": "2026-05-01"}, "eligible"),  # inclusive
        ("2026-05-02", {"continuation_until": "2026-05-01"}, "NotInForce"),
    ],
)
def test_innovative_window_ends(on: str, overrides: dict[str, object], outcome: str) -> None:
    facts = _facts("sme", "innovative_after_2026_03_31.json")
    try:
        decision = nmgpolicy.evaluate(
            "sme_innovative", facts, on=dt.date.fromisoformat(on), parameters=overrides
        )
    except NotInForce:
        assert outcome == "NotInForce"
        return
    assert decision.status.value == outcome
    continued = any("2026-03-31之后" in note.zh for note in decision.notes)
    assert continued == (on > "2026-03-31")


def test_disclosure_due_date_on_both_sides() -> None:
    on = dt.date(2026, 3, 2)

    def status(published: str, overrides: dict[str, object]) -> str:
        facts = {"item": "annual-budget", "formed_on": "2026-01-20", "published_on": published}
        decision = nmgpolicy.evaluate("disclosure", facts, on=on, parameters=overrides)
        return decision.finding("disclosure.on_time").status.value

    assert status("2026-02-09", {}) == "met"
    assert status("2026-02-10", {}) == "not_met"
    assert status("2026-02-24", {"budget_law_period": "40日"}) == "met"
    assert status("2026-02-25", {"budget_law_period": "40日"}) == "not_met"


# ---------------------------------------------------------------------------------------------
# Decisions with rewritten rows: pickling, threads, decimal context, callers' changes
# ---------------------------------------------------------------------------------------------

_ROW_OVERRIDES: dict[str, object] = {
    "rd_share_edge_1": "4.1234567891%",
    "rd_share_points_1": "19.5",
    "ip_points_class1": "12.25",
    "debt_ratio_edge_2": "76.5%",
    "band_lower_inclusive": False,
}


def _rewritten() -> Decision:
    return nmgpolicy.evaluate(
        "sme_innovative", _innovative(), on=SME_ON, parameters=dict(_ROW_OVERRIDES)
    )


def _shown(decision: Decision) -> tuple[str, str, str, str]:
    return (
        json.dumps(decision.to_dict(), ensure_ascii=False, sort_keys=True),
        decision.explain("zh"),
        decision.explain("en"),
        decision.to_markdown("zh"),
    )


def test_rewritten_rows_pickle_before_and_after_they_are_read() -> None:
    reference = _shown(_rewritten())
    unread = _rewritten()
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        thawed = pickle.loads(pickle.dumps(unread, protocol))
        assert _shown(thawed) == reference
    read = _rewritten()
    _shown(read)
    assert _shown(pickle.loads(pickle.dumps(read))) == reference
    assert _shown(copy.deepcopy(_rewritten())) == reference
    assert "4.1234567891%" in reference[1] and "19.5" in reference[1]


def _read_at_once(decision: Decision, count: int) -> list[tuple[str, str, str, str]]:
    """What ``count`` threads released together see when they first read ``decision``."""
    barrier = threading.Barrier(count)
    seen: list[tuple[str, str, str, str]] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            barrier.wait()
            seen.append(_shown(decision))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    return seen


def test_rewritten_rows_read_from_many_threads_render_alike() -> None:
    reference = _shown(_rewritten())
    for _ in range(3):
        assert _read_at_once(_rewritten(), 12) == [reference] * 12


def test_rewritten_rows_under_a_hostile_decimal_context() -> None:
    reference = _shown(_rewritten())
    traps = [decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.FloatOperation]
    hostile = decimal.Context(prec=3, rounding=decimal.ROUND_DOWN, traps=traps)
    with decimal.localcontext(hostile):
        decision = _rewritten()
        shown = _shown(decision)
        caller = decimal.getcontext()
        assert caller.prec == 3 and not any(caller.flags.values())
    assert shown == reference
    unread = _rewritten()
    with decimal.localcontext(hostile):
        assert _shown(unread) == reference


def test_changing_what_was_given_back_changes_no_later_answer() -> None:
    overrides = dict(_ROW_OVERRIDES)
    facts = _innovative()
    first = nmgpolicy.evaluate("sme_innovative", facts, on=SME_ON, parameters=overrides)
    reference = _shown(first)
    plain = first.to_dict()
    plain["results"]["indicators"]["rd_share"]["band"] = "≥5%=20"
    plain["findings"][0]["message"]["zh"] = "改了"
    for attempt in (
        lambda: first.results["indicators"].__setitem__("rd_share", {}),
        lambda: first.results["indicators"]["rd_share"].update(points=Decimal(0)),
        lambda: first.results["improvements"].append({}),
        lambda: first.overrides.clear(),
    ):
        with pytest.raises((TypeError, AttributeError)):
            attempt()
    overrides["rd_share_edge_1"] = "9%"
    facts["rd_expense_share"] = "0%"
    again = nmgpolicy.evaluate(
        "sme_innovative", _innovative(), on=SME_ON, parameters=dict(_ROW_OVERRIDES)
    )
    assert _shown(first) == reference == _shown(again)


# ---------------------------------------------------------------------------------------------
# Defects found in a second pass
# ---------------------------------------------------------------------------------------------


def _explained_lines(decision: Decision, finding_id: str, lang: str) -> list[str]:
    """The lines of ``explain(lang)`` that belong to one finding (its header to the next)."""
    lines = decision.explain(lang).splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.endswith(finding_id) or f"{finding_id} " in line
    )
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    return lines[start:end]


def test_a_threshold_share_is_shown_as_a_percentage() -> None:
    """The comparison for the test below: basic condition (2)'s share reads "5%", its gap "2%"."""
    decision = nmgpolicy.evaluate("sme_specialized", _specialized(), on=SME_ON)
    shown = "\n".join(_explained_lines(decision, "sme_specialized.basic.rd_share", "zh"))
    assert "实测: 5%; 要求: 3%; 差距: 2%" in shown, shown


@pytest.mark.parametrize(
    "finding_id",
    [
        "sme_specialized.indicator.revenue_growth",
        "sme_specialized.indicator.rd_staff_share",
        "sme_specialized.indicator.net_profit_margin",
    ],
)
def test_a_scoring_share_is_shown_as_a_percentage(finding_id: str) -> None:
    """In one explanation the same kind of figure reads "5%" (a threshold finding, a Percent)
    and "数值：0.12 … 所在档：不低于10%且低于20% … 差距: -0.08" (a scoring finding, a bare
    fraction beside the band's percentages): the measured value and the gap of a share or a
    growth rate should read as percentages, as the message and the band words do (to_dict
    keeps the fraction either way, as it does for a Percent)."""
    decision = nmgpolicy.evaluate("sme_specialized", _specialized(), on=SME_ON)
    shown = "\n".join(_explained_lines(decision, finding_id, "zh"))
    value = re.search(r"数值：([^；;]+)", shown)
    gap = re.search(r"差距: (\S+)", shown)
    assert value is not None and gap is not None, shown
    assert value.group(1).endswith("%"), shown
    assert gap.group(1).endswith("%"), shown


def _ferroalloy_with_ids(first: str, second: str) -> Decision:
    facts = _facts("ferroalloy", "compliant_plan.json")
    facts["retired"][0]["id"], facts["retired"][1]["id"] = first, second
    return nmgpolicy.evaluate("ferroalloy", facts, on=dt.date(2026, 3, 2))


def test_a_unit_id_given_twice_up_to_white_space_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        _ferroalloy_with_ids("1#矿热炉", "1#矿热炉 ")
    assert caught.value.paths == ("$.retired[1].id",)


@pytest.mark.parametrize("twin", ["１#矿热炉", "1# 矿热炉"], ids=["full-width", "inner-space"])
def test_a_unit_id_given_twice_in_full_width_is_refused(twin: str) -> None:
    """The duplicate-id check strips white space but does not fold full-width forms, as the
    library does for every other name it compares (units, inspection names: NFKC): "１#矿热炉"
    and "1#矿热炉" are two units, two findings ``ferroalloy.unit.1#矿热炉`` and
    ``ferroalloy.unit.１#矿热炉`` that read alike, and two keys of ``results["units"]``. (The
    cluster's enterprise names are compared with white space removed: "包头 某…" is a
    duplicate there; "1# 矿热炉" is not one here.)"""
    with pytest.raises(InputError) as caught:
        _ferroalloy_with_ids("1#矿热炉", twin)
    assert caught.value.paths == ("$.retired[1].id",)


def test_english_counts_of_one_are_singular() -> None:
    """The English explanation writes "next band “1 items”" (sme_specialized ⑥, the data file's
    own values), "market niche: 1 years" (the bundled example specialized_niche_too_short)
    and, with ``growth_window_years = 2``, "over 1 yearly steps" (cluster); the
    library already writes "the last 1 year" for a window of one (``fill``)."""
    facts = _facts("sme", "specialized_direct_equity.json")
    decision = nmgpolicy.evaluate("sme_specialized", facts, on=dt.date(2026, 3, 31))
    _, en = _message_of(decision, "sme_specialized.indicator.quality")
    assert "“1 items”" not in en, en
    facts = _facts("sme", "specialized_niche_too_short.json")  # a bundled example, 1 full year
    decision = nmgpolicy.evaluate("sme_specialized", facts, on=SME_ON)
    _, en = _message_of(decision, "sme_specialized.indicator.niche_years")
    assert "market niche: 1 years" not in en, en
    decision = nmgpolicy.evaluate(
        "cluster",
        _cluster(),
        on=CLUSTER_ON,
        parameters={"recent_years": 2, "growth_window_years": 2},
    )
    _, en = _message_of(decision, "cluster.leading_growth")
    assert "1 yearly steps" not in en, en


@pytest.mark.parametrize(
    ("ruleset", "folder", "name", "fact_path", "overrides", "parameter_path"),
    [
        (
            "sme_innovative",
            "sme",
            "innovative_exactly_60_points.json",
            ("rd_expense_share",),
            {"rd_share_points_2": "25"},
            "$.parameters.rd_share_points_2",
        ),
        (
            "ferroalloy",
            "ferroalloy",
            "compliant_plan.json",
            ("enterprise", "scale_after"),
            {"group_scale_upper": "40万吨"},
            "$.parameters.group_scale_upper",
        ),
    ],
    ids=["scoring-row", "tier"],
)
def test_bad_facts_and_a_bad_cross_parameter_override_are_reported_together(
    ruleset: str,
    folder: str,
    name: str,
    fact_path: tuple[str, ...],
    overrides: dict[str, object],
    parameter_path: str,
) -> None:
    """Range and type errors of overrides are reported with the facts' problems (engine:
    resolve, then parse, then one InputError); the checks across parameters (points falling
    band by band, tiers increasing) run only once the facts are valid, so a caller who fixes
    the facts meets a second, new error about the parameters."""
    facts = _facts(folder, name)
    target = facts
    for key in fact_path[:-1]:
        target = target[key]
    target[fact_path[-1]] = "abc"
    on = dt.date(2026, 3, 2) if ruleset == "ferroalloy" else SME_ON
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(ruleset, facts, on=on, parameters=overrides)
    assert set(caught.value.paths) == {"$." + ".".join(fact_path), parameter_path}


def _row_variants() -> list[dict[str, object]]:
    """Forty distinct, valid sets of row overrides of sme_innovative."""
    variants: list[dict[str, object]] = []
    for i in range(40):
        variants.append(
            {
                "rd_share_edge_1": f"{4 + (i % 5) / 2}%",
                "rd_share_points_1": str(16 + i % 7),
                "debt_ratio_edge_2": f"{70 + i % 9}%",
                "ip_points_class1_high_value": str(20 + i % 11),
                "main_revenue_share_edge_3": f"{51 + i % 4}%",
                "band_lower_inclusive": i % 2 == 0,
            }
        )
    return variants


def test_distinct_row_overrides_from_many_threads_give_the_sequential_answers() -> None:
    """The resolved tables are cached by their values (a bounded cache shared by all calls):
    eight threads asking for forty different tables at once each get their own."""
    facts = _innovative()
    variants = _row_variants()
    expected = [
        _shown(nmgpolicy.evaluate("sme_innovative", facts, on=SME_ON, parameters=v))
        for v in variants
    ]
    got: dict[int, tuple[str, str, str, str]] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(offset: int) -> None:
        try:
            barrier.wait()
            for k in range(offset, offset + len(variants)):
                index = k % len(variants)
                decision = nmgpolicy.evaluate(
                    "sme_innovative", facts, on=SME_ON, parameters=variants[index]
                )
                shown = _shown(decision)
                if index in got:
                    assert got[index] == shown
                got[index] = shown
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(5 * t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:1]
    assert [got[i] for i in range(len(variants))] == expected


def test_patent_density_reads_per_ten_thousand_by_default() -> None:
    decision = nmgpolicy.evaluate("cluster", _cluster(), on=CLUSTER_ON)
    zh, en = _message_of(decision, "cluster.patent_density")
    assert "每万人发明专利拥有量（131件/18500人×10000）为70.81081" in zh, zh
    assert "per 10,000 people" in en


def test_patent_density_names_the_overridden_scale() -> None:
    """``patent_density_per = 1000`` computes patents per 1,000 people (7.08), but the message
    keeps its fixed subject: "2024年每万人发明专利拥有量（131件/18500人×1000）为7.081081" /
    "Invention patents per 10,000 people … × 1000": a stale number in the subject."""
    decision = nmgpolicy.evaluate(
        "cluster", _cluster(), on=CLUSTER_ON, parameters={"patent_density_per": 1000}
    )
    zh, en = _message_of(decision, "cluster.patent_density")
    assert "×1000）为7.081081" in zh, zh
    assert "每万人" not in zh, zh
    assert "10,000" not in en, en
    assert "每千人" in zh or "每1000人" in zh, zh


@pytest.mark.parametrize(
    ("ruleset", "on", "in_force"),
    [
        ("sme_specialized", "2022-06-01", True),
        ("sme_specialized", "2022-05-31", False),
        ("sme_specialized", "2026-03-31", True),  # 附件2's last day
        ("sme_specialized", "2026-04-01", False),  # superseded by 2号
        ("disclosure", "2019-05-15", True),
        ("disclosure", "2019-05-14", False),
    ],
)
def test_rule_set_windows_on_both_sides_of_each_end(ruleset: str, on: str, in_force: bool) -> None:
    day = dt.date.fromisoformat(on)
    if ruleset == "disclosure":
        facts: dict[str, Any] = {"item": "agency-functions", "formed_on": on}
    else:
        facts = _facts("sme", "specialized_direct_equity.json")
    if in_force:
        assert nmgpolicy.evaluate(ruleset, facts, on=day).ruleset == ruleset
    else:
        with pytest.raises(NotInForce):
            nmgpolicy.evaluate(ruleset, facts, on=day)
