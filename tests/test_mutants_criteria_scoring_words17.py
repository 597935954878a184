"""The words of scored indicators (``criteria_scoring_words.py``) pinned where mutation testing
found them loose (docs/mutation.md): the band and the next band of a steps indicator (每满2年得1分)
and of an items indicator (每项3分), and none when the points are full; English counts singular
only at 1; the English band left out only when it repeats the value; each measure named in a band
of several; the advice for a growth rate (a percentage, not money), for a lower-is-better ratio,
and for every measure when one sits exactly on its edge; a missing fact's interval (or its one
value) and an undefined rate left to a reviewer; the gap, negative and in the measure's own form.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import nmgpolicy
from nmgpolicy.outcome import Finding, Message, display
from tests._builders import sme_general, specialized_66

ON = dt.date(2025, 9, 1)


def _indicator(
    name: str, params: dict[str, Any] | None = None, drop: tuple[str, ...] = (), **facts: Any
) -> Finding:
    """附件2 indicator ``name`` of :func:`specialized_66` with ``facts`` replaced (``drop``
    removed), under the parameter overrides ``params``."""
    given = {**sme_general(), **specialized_66(), **facts}
    for key in drop:
        del given[key]
    d = nmgpolicy.evaluate("sme_specialized", given, on=ON, parameters=params or {})
    return d.finding(f"sme_specialized.indicator.{name}")


# ---- ③ 从事特定细分市场年限 (steps) ------------------------------------------------------------


def test_a_steps_band_counts_the_full_steps_times_the_step() -> None:
    """③ with a step overridden to 3 years: 7 years are 2 full steps, the band "满6年" (2 × 3, in
    both languages), the next "满9年"; the English names the band, as it differs from the value."""
    f = _indicator("niche_years", {"niche_years_step": 3}, niche_years=7)
    assert f.measured == {"value": 7, "band": Message("满6年", "6 full years"), "points": 2}
    assert f.message.zh == (
        "③从事特定细分市场年限：7年，所在档“满6年”，得2分（满分5分）；"
        "上一档“满9年”得3分（+1分）：满9年（尚差2年）。"
    )
    assert f.message.en == (
        "③ Years in a specific market niche: 7 years, band “6 full years”: 2 of 5 points; "
        "next band “9 full years” gives 3 (+1): 9 full years (2 more)."
    )


def test_a_steps_gain_is_the_points_of_one_more_full_step() -> None:
    """③ 每满2年得1分: 3 years are one full step (1 point); the next step, 4 years, gives 2 (+1),
    and the gap is 1 year short (negative)."""
    f = _indicator("niche_years", niche_years=3)
    assert f.required == {
        "max_points": Decimal(5),
        "next_band": Message("满4年", "4 full years"),
        "next_points": Decimal(2),
    }
    assert f.gap == -1
    assert display(f.gap, "en") == "-1"  # years, not a percentage
    assert f.message.zh.endswith("；上一档“满4年”得2分（+1分）：满4年（尚差1年）。")
    assert f.message.en.endswith(
        ": 1 of 5 points; next band “4 full years” gives 2 (+1): 4 full years (1 more)."
    )


def test_fewer_years_than_one_step_is_worded_in_the_singular_next_band() -> None:
    """③ 1 year: "不满2年" / "fewer than 2 full years", the value "1 year" (singular)."""
    f = _indicator("niche_years", niche_years=1)
    assert f.message.en == (
        "③ Years in a specific market niche: 1 year, band “fewer than 2 full years”: 0 of 5 "
        "points; next band “2 full years” gives 1 (+1): 2 full years (1 more)."
    )
    assert f.gap == -1


def test_a_missing_fact_scores_an_interval_for_the_applicant_to_complete() -> None:
    """③ without niche_years: unknown, between 0 and 5 points — a missing fact is the
    applicant's to supply, not a reviewer's to score."""
    f = _indicator("niche_years", drop=("niche_years",))
    assert f.status.value == "unknown"
    assert f.message.zh == (
        "③从事特定细分市场年限：缺少事实：从事特定细分市场的年限，得分在0–5分之间（满分5分）。"
    )
    assert f.message.en == (
        "③ Years in a specific market niche: missing fact(s): years in the market niche "
        "(niche_years); scores between 0 and 5 (out of 5)."
    )
    assert f.measured["points_range"] == {"min": Decimal(0), "max": Decimal(5)}


# ---- ⑥ 质量管理水平 (items) --------------------------------------------------------------------


def test_no_quality_item_reads_none_and_the_next_band_one_item() -> None:
    """⑥ none held: the value "无" / "none", the band "0项" / "0 items" (plural at 0), the next
    band "1项" / "1 item" (singular at 1)."""
    f = _indicator("quality", quality_items=[])
    assert f.measured["band"] == Message("0项", "0 items")
    assert f.required["next_band"] == Message("1项", "1 item")
    assert f.message.en.startswith(
        "⑥ Quality management: none, band “0 items”: 0 of 5 points; next band “1 item” gives 3 (+3)"
    )
    assert f.message.zh.startswith("⑥质量管理水平：无，所在档“0项”，得0分（满分5分）；上一档“1项”")


def test_quality_items_held_are_listed_in_english() -> None:
    """⑥ one item held: its name, not "none"; the band "1 item"."""
    f = _indicator("quality", quality_items=["own_brand"])
    assert f.message.en.startswith("⑥ Quality management: own brand, band “1 item”: 3 of 5 points")


def test_an_items_gain_is_the_points_per_item_times_the_items() -> None:
    """⑥ 每项3分 with the cap raised to 12: one item gives 3, two give 6 (+3)."""
    f = _indicator("quality", {"quality_max_points": "12"}, quality_items=["own_brand"])
    assert f.required["next_points"] == Decimal(6)
    assert "；上一档“2项”得6分（+3分）：再满足一项：" in f.message.zh
    assert "next band “2 items” gives 6 (+3): one more of: " in f.message.en


# ---- choices and bands ------------------------------------------------------------------------


def test_a_choice_names_no_english_band_beside_its_value() -> None:
    """④ an option: its English band is its value's words, so the message does not repeat it."""
    f = _indicator("product_field")
    assert f.message.en.startswith(
        "④ Field of the main product: industrial foundation field, time-honoured brand or "
        "supplier of a key chain leader: 3 of 5 points; next band"
    )


def test_the_advice_for_a_growth_rate_is_a_percentage() -> None:
    """② a mean growth of 3.074%: reach 4% (0.926 percentage points more), not an amount."""
    f = _indicator("revenue_growth", main_revenue_y1="5300万元")
    assert f.message.zh.endswith("：提高至4%（尚须提高0.926个百分点）。")
    assert f.message.en.endswith(": raise it to 4% (raise by 0.926 percentage points).")
    assert f.gap == Decimal("-0.009260")
    assert display(f.gap, "en") == "-0.926%"  # a percentage, as the explanation shows it


def test_every_measure_is_advised_when_the_first_is_exactly_on_its_edge() -> None:
    """⑪ 200万元 with edges excluded (band_lower_inclusive false): the amount is exactly on the
    edge of the band above, and the share is still advised after it (或)."""
    f = _indicator(
        "rd_expense",
        {"band_lower_inclusive": False},
        rd_expense_y1="200万元",
        rd_expense_share="3.5%",
    )
    assert f.message.zh.endswith(
        "：提高至超过200万元（现恰为该值）或提高至超过4%（尚须提高0.5个百分点）。"
    )
    assert f.message.en.endswith(
        ": raise it above 2 million yuan (it is exactly at it now) or raise it above 4% "
        "(raise by 0.5 percentage points)."
    )


def test_a_missing_fact_under_a_maximum_of_zero_scores_that_one_value() -> None:
    """③ without niche_years, its maximum overridden to 0: the interval closes on 0, and the
    message says the one score, not a range."""
    f = _indicator("niche_years", {"niche_years_max_points": "0"}, drop=("niche_years",))
    assert f.message.zh == (
        "③从事特定细分市场年限：缺少事实：从事特定细分市场的年限，得0分（满分0分）。"
    )
    assert f.message.en == (
        "③ Years in a specific market niche: missing fact(s): years in the market niche "
        "(niche_years); scores 0 (out of 0)."
    )


def test_an_undefined_growth_rate_is_left_to_a_reviewer() -> None:
    """② with revenue three years back at 0: the rate is undefined, review, and the message
    asks a reviewer to score it."""
    f = _indicator("revenue_growth", main_revenue_y3="0元")
    assert f.status.value == "review"
    assert f.message.zh == (
        "②近2年主营业务收入平均增长率：三年前的主营业务收入为0，增长率无法计算，"
        "得分在0–10分之间（满分10分），须由评审人员评分。"
    )
    assert f.message.en.endswith("; scores between 0 and 10 (out of 10); a reviewer must score it.")


def test_the_band_of_several_measures_names_each_measure() -> None:
    """⑪ 200万元 and 3.5%: each measure named before its bound ("研发费用高于100万元", in English
    with a space), the bounds joined by 或 / or, the band above short of."""
    f = _indicator(
        "rd_expense",
        {"band_lower_inclusive": False},
        rd_expense_y1="200万元",
        rd_expense_share="3.5%",
    )
    assert f.measured["band"] == Message(
        "研发费用高于100万元或占营业收入比重高于3%，且未达上一档",
        "R&D expense above 1 million yuan or share of revenue above 3%, short of the band above",
    )
    assert f.required["next_band"] == Message(
        "研发费用高于200万元或占营业收入比重高于4%，且未达上一档",
        "R&D expense above 2 million yuan or share of revenue above 4%, short of the band above",
    )


def test_a_lower_is_better_advice_brings_the_value_down_to_an_included_edge() -> None:
    """⑧ a debt ratio of 65%: the band above "50–60%=3" includes 60% (open, included by
    default): bring it down to 60%, 5 points lower."""
    f = _indicator("debt_ratio", debt_ratio="65%")
    assert f.message.zh.endswith(
        "；上一档“高于50%且不超过60%”得3分（+2分）：降至60%（尚须降低5个百分点）。"
    )
    assert f.message.en.endswith(
        "; next band “above 50% and at most 60%” gives 3 (+2): "
        "bring it down to 60% (lower by 5 percentage points)."
    )


def test_a_lower_is_better_advice_brings_the_value_below_an_excluded_edge() -> None:
    """⑧ a debt ratio of exactly 60% with open edges excluded: it scores in the band below,
    and reaching the band above means going below 60%."""
    f = _indicator("debt_ratio", {"band_lower_inclusive": False}, debt_ratio="60%")
    assert f.message.zh.endswith("：降至低于60%（现恰为该值）。")
    assert f.message.en.endswith(": bring it below 60% (it is exactly at it now).")


def test_items_at_full_points_have_no_next_band() -> None:
    """⑥ two items at 3 points each with the cap set to 6: full points, nothing above."""
    f = _indicator(
        "quality", {"quality_max_points": "6"}, quality_items=["own_brand", "system_certification"]
    )
    assert f.status.value == "met"
    assert f.required == {"max_points": Decimal(6)}
    assert f.gap is None
    assert f.message.zh.endswith("，所在档“2项”，得6分（满分6分）。")
    assert f.message.en.endswith(", band “2 items”: 6 of 6 points.")


def test_steps_at_full_points_have_no_next_band() -> None:
    """③ 10 years: 5 full steps of 1 point, exactly the cap of 5: nothing above."""
    f = _indicator("niche_years", niche_years=10)
    assert f.status.value == "met"
    assert f.required == {"max_points": Decimal(5)}
    assert f.gap is None
    assert f.message.en == (
        "③ Years in a specific market niche: 10 years, band “10 full years”: 5 of 5 points."
    )
    assert f.message.zh == "③从事特定细分市场年限：10年，所在档“满10年”，得5分（满分5分）。"
