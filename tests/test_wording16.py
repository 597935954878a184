"""Session 16: texts built from a parameter follow it (review ``test_review16_rowpath``).

* a science award's rank reads as Chinese counts it ("排名前两名", never "排名前两，");
* a completion age in days or working days is not said to end on "到期月的对应日" (民法典
  第二百零二条 is a rule for months and years; days follow 第二百零一条);
* the cluster's notes name "近N年" from ``recent_years`` (近两年, 两个完整年度; the freshness
  note too), and English counts of one are singular;
* a patent density names the scale of ``patent_density_per`` (每千人, per 1,000 people);
* ferroalloy unit ids are compared NFKC-normalised with white space removed.

Each test reads what a bureau officer reads; the Chinese output is checked for code values
with :func:`tests.language.chinese_problems`.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.criteria_dates import Boundary, PeriodWording
from nmgpolicy.criteria_years_shares import people_scale
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Decision, Message
from nmgpolicy.periods import PeriodUnit
from nmgpolicy.rules._cluster_results import _count_zh
from nmgpolicy.rules._ferroalloy_checks import unit_id_key
from tests.language import chinese_problems

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CLUSTER_ON = dt.date(2025, 6, 1)


def _facts(folder: str, name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / folder / name).read_text("utf-8"))


def _clean(decision: Decision) -> Decision:
    assert chinese_problems(decision) == []
    return decision


# ---- 4. the rank of a science award ---------------------------------------------------------


def _award(overrides: dict[str, object]) -> str:
    facts = _facts("sme", "specialized_direct_equity.json")
    facts["science_awards_3y"] = [{"level": "provincial", "rank": 1}]
    decision = nmgpolicy.evaluate(
        "sme_specialized", facts, on=dt.date(2026, 3, 31), parameters=overrides
    )
    return _clean(decision).finding("sme_specialized.score_or_direct").message.zh


@pytest.mark.parametrize(
    ("rank", "words"), [(1, "排名前一名"), (2, "排名前两名"), (3, "排名前三名"), (4, "排名前四名")]
)
def test_a_rank_reads_as_a_count_of_places(rank: int, words: str) -> None:
    zh = _award({"award_rank_provincial": rank})
    assert f"{words}，或国家级科技奖励并排名前五名" in zh, zh
    assert "排名前两，" not in zh and "排名前一，" not in zh


def test_a_national_rank_of_two_reads_liang() -> None:
    assert "国家级科技奖励并排名前两名" in _award({"award_rank_national": 2})


# ---- 5. a completion age in days or working days -------------------------------------------


def _age(limit: str, applied_on: str, end: str = "corresponding_day") -> tuple[str, str, str]:
    facts = _facts("first_set", "eligible_complete_set.json")
    facts["completed_on"], facts["applied_on"] = "2024-05-10", applied_on
    decision = nmgpolicy.evaluate(
        "first_set",
        facts,
        on=dt.date(2026, 7, 1),
        parameters={"completion_age_limit": limit, "completion_age_end": end},
    )
    finding = _clean(decision).finding("first_set.completion_age")
    return finding.status.value, finding.message.zh, finding.message.en


def test_an_age_in_days_is_counted_under_article_201() -> None:
    status, zh, en = _age("700日", "2026-04-11")
    assert status == "review"
    assert "700日按《民法典》第二百零一条自次日起算" in zh and "至2026-04-10" in zh, zh
    assert "第二百零二条" not in zh and "对应日" not in zh
    assert "art. 201" in en and "art. 202" not in en and "corresponding day" not in en


def test_an_age_in_working_days_is_counted_in_working_days() -> None:
    status, zh, en = _age("20个工作日", "2025-05-10")
    assert status == "review"
    assert "20个工作日按官方工作日自次日起算至2024-06-06" in zh, zh
    assert "第二百零二条" not in zh and "对应日" not in zh
    assert "official working days" in en and "art. 202" not in en


def test_an_age_in_days_with_the_roll_names_articles_201_and_203() -> None:
    _, zh, en = _age("700日", "2026-04-11", "rest_day_roll")
    assert "第二百零一条、第二百零三条" in zh and "第二百零二条" not in zh, zh
    assert "arts. 201 and 203" in en


@pytest.mark.parametrize("limit", ["2年", "24个月"])
def test_an_age_in_years_or_months_keeps_the_corresponding_day(limit: str) -> None:
    status, zh, en = _age(limit, "2026-05-10")
    assert status == "met"
    assert "按《民法典》第二百零二条计至到期月的对应日" in zh and "2026-05-10" in zh
    assert "corresponding day" in en


@pytest.mark.parametrize("boundary", list(Boundary))
def test_the_default_words_follow_the_unit(boundary: Boundary) -> None:
    wording = PeriodWording()
    months = wording.how_words(boundary)
    assert wording.how_words(boundary, PeriodUnit.YEAR) == months
    assert wording.how_words(boundary, PeriodUnit.MONTH) == months
    days = wording.how_words(boundary, PeriodUnit.DAY)
    working = wording.how_words(boundary, PeriodUnit.WORKING_DAY)
    for words in (days, working):
        assert "第二百零二条" not in words.zh and "对应日" not in words.zh
        assert "周年日" not in words.zh and "art. 202" not in words.en
        assert "anniversary" not in words.en
    assert "工作日" in working.zh and "working days" in working.en


def test_a_rule_sets_own_words_are_kept_per_unit() -> None:
    own = Message("甲", "a")
    wording = PeriodWording(how_days=((Boundary.CORRESPONDING_DAY, own),))
    assert wording.how_words(Boundary.CORRESPONDING_DAY, PeriodUnit.DAY) is own
    assert wording.how_words(Boundary.CORRESPONDING_DAY) is not own
    assert wording.how_words(Boundary.CORRESPONDING_DAY, PeriodUnit.WORKING_DAY) is not own


# ---- 6, 7. the cluster's recent years --------------------------------------------------------


def test_two_is_liang() -> None:
    assert [_count_zh(n) for n in (1, 2, 3, 10, 11)] == ["一", "两", "三", "十", "11"]


def _cluster(overrides: dict[str, object], *, extra_years: tuple[int, ...] = ()) -> Decision:
    facts = _facts("cluster", "eligible.json")
    for year in extra_years:
        row = copy.deepcopy(facts["years"][0])
        row["year"] = year
        facts["years"].append(row)
    return _clean(nmgpolicy.evaluate("cluster", facts, on=CLUSTER_ON, parameters=overrides))


def _notes(decision: Decision) -> tuple[str, str]:
    return "\n".join(n.zh for n in decision.notes), "\n".join(n.en for n in decision.notes)


@pytest.mark.parametrize(("count", "zh"), [(2, "两"), (4, "四")])
def test_the_freshness_note_names_the_recent_years_asked_for(count: int, zh: str) -> None:
    overrides: dict[str, object] = {
        "recent_years_anchor": "latest_given",
        "recent_years": count,
        "growth_window_years": count,
    }
    notes_zh, notes_en = _notes(_cluster(overrides, extra_years=(2021, 2025)))
    assert f"该年度尚未结束，“近{zh}年”应为申报前已结束的年度" in notes_zh, notes_zh
    assert "近三年" not in notes_zh and "近二年" not in notes_zh
    assert f"that year has not ended; the {count} recent years are years completed" in notes_en


def test_the_stale_data_note_names_the_recent_years_asked_for() -> None:
    facts = _facts("cluster", "eligible.json")
    decision = nmgpolicy.evaluate(
        "cluster",
        facts,
        on=dt.date(2028, 6, 1),
        parameters={"recent_years_anchor": "latest_given", "recent_years": 2},
    )
    notes_zh, notes_en = _notes(_clean(decision))
    assert "请核对所用数据是否为申报前的“近两年”" in notes_zh, notes_zh
    assert "check that the figures are the 2 recent years before the application" in notes_en


def test_two_recent_years_read_liang() -> None:
    notes_zh, notes_en = _notes(_cluster({"recent_years": 2}))
    assert "“近两年”为申请日期（2025-05-20）前的两个完整年度：2023、2024年。" in notes_zh
    assert "The 2 recent years are the 2 calendar years before" in notes_en


def test_one_recent_year_is_singular_in_english() -> None:
    notes_zh, notes_en = _notes(_cluster({"recent_years": 1, "growth_window_years": 2}))
    assert "“近一年”为申请日期（2025-05-20）前的一个完整年度" in notes_zh
    assert "The 1 recent year is the 1 calendar year before" in notes_en
    assert "(with the year before the 1 recent year as the base)" in notes_en
    assert "1 recent years" not in notes_en


# ---- 8. the scale of the patent density ------------------------------------------------------


@pytest.mark.parametrize(
    ("per", "zh", "en"),
    [
        (10000, "每万人", "per 10,000 people"),
        (1000, "每千人", "per 1,000 people"),
        (37, "每37人", "per 37 people"),
        (1, "每人", "per person"),
    ],
)
def test_the_density_names_its_scale(per: int, zh: str, en: str) -> None:
    decision = _cluster({"patent_density_per": per})
    message = decision.finding("cluster.patent_density").message
    assert message.zh.startswith(f"2024年{zh}发明专利拥有量（131件/18500人×{per}）"), message.zh
    assert f"Invention patents {en} in 2024" in message.en, message.en
    if per != 10000:
        assert "每万人" not in message.zh and "10,000" not in message.en


def test_the_density_without_people_names_its_scale() -> None:
    facts = _facts("cluster", "eligible.json")
    del facts["employees"]
    decision = nmgpolicy.evaluate(
        "cluster", facts, on=CLUSTER_ON, parameters={"patent_density_per": 1000}
    )
    message = _clean(decision).finding("cluster.patent_density").message
    assert "每千人发明专利拥有量" in message.zh and "每万人" not in message.zh, message.zh


def test_people_scale() -> None:
    assert people_scale(100) == Message("百人", "100 people")
    assert people_scale(100000) == Message("十万人", "100,000 people")
    assert people_scale(12345) == Message("12345人", "12,345 people")


# ---- 10. ferroalloy unit ids -----------------------------------------------------------------


def _ferroalloy(first: str, second: str) -> Decision:
    facts = _facts("ferroalloy", "compliant_plan.json")
    facts["retired"][0]["id"], facts["retired"][1]["id"] = first, second
    return nmgpolicy.evaluate("ferroalloy", facts, on=dt.date(2026, 3, 2))


@pytest.mark.parametrize(
    "twin", ["１#矿热炉", "1# 矿热炉", "1#\u3000矿热炉", " １＃ 矿热炉 ", "1#矿热炉"]
)
def test_a_unit_id_given_twice_in_another_form_is_refused(twin: str) -> None:
    with pytest.raises(InputError) as caught:
        _ferroalloy("1#矿热炉", twin)
    assert caught.value.paths == ("$.retired[1].id",)
    assert "duplicate unit id" in str(caught.value)
    assert "also $.retired[0].id" in str(caught.value)


def test_distinct_unit_ids_are_kept() -> None:
    decision = _ferroalloy("1#矿热炉", "2#矿热炉")
    assert decision.finding("ferroalloy.unit.2#矿热炉") is not None


def test_the_unit_id_key() -> None:
    assert unit_id_key("１＃ 矿热炉\t") == unit_id_key("1#矿热炉") == "1#矿热炉"


# ---- 11. English counts of one ---------------------------------------------------------------


def test_one_item_and_one_year_are_singular() -> None:
    facts = _facts("sme", "specialized_direct_equity.json")
    decision = nmgpolicy.evaluate("sme_specialized", facts, on=dt.date(2026, 3, 31))
    en = decision.finding("sme_specialized.indicator.quality").message.en
    assert "next band “1 item” gives" in en, en
    facts = _facts("sme", "specialized_niche_too_short.json")
    decision = nmgpolicy.evaluate("sme_specialized", facts, on=dt.date(2025, 9, 1))
    en = decision.finding("sme_specialized.indicator.niche_years").message.en
    assert "market niche: 1 year, band" in en, en


def test_a_niche_step_of_one_year_is_singular() -> None:
    facts = _facts("sme", "specialized_niche_too_short.json")
    facts["niche_years"] = 0
    decision = nmgpolicy.evaluate(
        "sme_specialized",
        facts,
        on=dt.date(2025, 9, 1),
        parameters={"niche_years_step": 1, "niche_years_minimum": 0},
    )
    en = decision.finding("sme_specialized.indicator.niche_years").message.en
    assert "fewer than 1 full year”" in en and "“1 full year”" in en, en
    assert "1 full years" not in en


@pytest.mark.parametrize(("method", "words"), [("cagr", "1 yearly step;"), ("mean", "(1 step)")])
def test_one_yearly_step_is_singular(method: str, words: str) -> None:
    decision = _cluster({"recent_years": 2, "growth_window_years": 2, "growth_method": method})
    en = decision.finding("cluster.leading_growth").message.en
    assert words in en and "1 yearly steps" not in en and "(1 steps)" not in en, en
    three = _cluster({"growth_method": method}).finding("cluster.leading_growth").message.en
    assert ("2 yearly steps;" if method == "cagr" else "(2 steps)") in three, three


def test_no_years_for_one_recent_year_reads_in_the_singular() -> None:
    from nmgpolicy.criteria_years import no_years_text

    one, _, _, _ = no_years_text(1, None)
    three, _, _, _ = no_years_text(3, None)
    assert one.en == "Fact missing: no yearly figures given (the recent year is needed)."
    assert three.en == "Fact missing: no yearly figures given (the 3 recent years are needed)."
    assert one.zh == "缺少事实：未提供年度数据（需近1年各年数据）。"


def test_markdown_escapes_html_the_caller_wrote() -> None:
    """A unit id (caller's text) holding HTML reaches the Markdown escaped: a renderer that
    passes raw HTML through shows it as text, never runs it."""
    root = Path(__file__).resolve().parents[1] / "examples" / "ferroalloy"
    facts = json.loads((root / "compliant_plan.json").read_text("utf-8"))
    facts["retired"][0]["id"] = "<script>alert(1)</script>"
    decision = nmgpolicy.evaluate("ferroalloy", facts, on=dt.date(2026, 3, 2))
    for lang in ("zh", "en"):
        shown = decision.to_markdown(lang)
        assert "\\<script>alert(1)\\</script>" in shown  # CommonMark: a literal "<", no tag
        assert shown.replace("\\<", "").count("<") == shown.count("<br>")  # no other "<"
