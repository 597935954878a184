"""Independent review of issue 9, points 1–3 and 5 (disclosure deadlines) and the disclosure part
of points 16/17, written from the issue's words and the law, not from the implementation.

Every working day below is counted by hand from the State Council's schedules:
2024: Spring Festival 2/10–2/17, make-up Sundays 2/4 and 2/18.
2025: 1/1, 1/28–2/4, 4/4–4/6, 5/1–5/5, 5/31–6/2, 10/1–10/8; make-up 1/26, 2/8, 4/27, 9/28, 10/11.
2026: 1/1–1/3, 2/15–2/23, 4/4–4/6, 5/1–5/5, 6/19–6/21, 9/25–9/27, 10/1–10/7;
      make-up 1/4, 2/14, 2/28, 5/9, 9/20, 10/10.
No 2027 schedule is shipped. The 2028 schedule used in one test is a TEST FIXTURE (made up, Monday
to Friday with no holiday), only to leave 2027 a gap between covered years.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import nmgpolicy
from nmgpolicy import disclosure, periods
from nmgpolicy.cli import main
from nmgpolicy.errors import CalendarNotCovered, NotInForce
from nmgpolicy.params import load_parameters
from tests._builders import catalog_decisions
from tests.language import chinese_problems
from tests.test_citations import quoted_verbatim

D = dt.date
FALLBACK = {"article_26_role": "fallback"}
ROOT = Path(__file__).resolve().parents[2]
BUDGET_14_2 = (
    "经本级政府财政部门批复的部门预算、决算及报表，应当在批复后二十日内由各部门向社会公开，"
    "并对部门预算、决算中机关运行经费的安排、使用情况等重要事项作出说明。"
)


def evaluate(facts: dict[str, object], on: dt.date, **parameters: object) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("disclosure", facts, on=on, parameters=parameters or None)


def due_of(item: str, formed: str, **parameters: object) -> disclosure.DueDate:
    return disclosure.deadline(item, formed, parameters=parameters or None)


def sources(due: disclosure.DueDate) -> dict[str, dt.date | None]:
    return {c.source: c.due for c in due.candidates}


@pytest.fixture
def gap_2027() -> Iterator[None]:
    """TEST FIXTURE 2028 (not official): Monday to Friday, no holiday; 2027 stays a gap."""
    with periods._scoped_registrations():
        periods.register_year(2028, holidays=[], source="test fixture, not official")
        yield


# --------------------------------------------------------------------------------------------
# Point 1: 第二十六条 is a ceiling; only a 法律 or 法规 replaces it, lower ranks only add
# --------------------------------------------------------------------------------------------


def test_issue_example_ferroalloy_plan_formed_2025_03_01() -> None:
    # 20 working days after Saturday 3/1: 3/3–7 (5), 3/10–14 (10), 3/17–21 (15), 3/24–28 (20).
    # 一年内: 2026-03-01 is a Sunday, rolled (第二百零三条) to Monday 2026-03-02.
    due = due_of("ferroalloy-replacement", "2025-03-01")
    assert due.due == D(2025, 3, 28)
    assert (due.basis.source, due.basis.rank) == ("ceiling", "administrative_regulation")
    assert sources(due) == {"ceiling": D(2025, 3, 28), "catalog": D(2026, 3, 2)}
    # the catalog conflicts with the 条例, and says so
    (conflict,) = due.conflicts
    assert conflict.item_id == "ferroalloy-replacement"
    assert conflict.catalog.due == D(2026, 3, 2)
    assert conflict.ceiling.due == D(2025, 3, 28)
    assert "一年内" in conflict.message.zh
    assert "2025-03-28" in conflict.message.zh
    assert "conflicts" in conflict.message.en
    # the old reading stays available through its parameter
    old = due_of("ferroalloy-replacement", "2025-03-01", **FALLBACK)
    assert old.due == D(2026, 3, 2)
    assert old.conflicts == ()


def test_issue_example_proposal_reply_2026_03_02() -> None:
    # 3/3–6 (4), 3/9–13 (9), 3/16–20 (14), 3/23–27 (19), 3/30 (20). 1个月 → Thursday 4/2.
    due = due_of("proposals", "2026-03-02")
    assert due.due == D(2026, 3, 30)
    assert due.basis.source == "ceiling"
    assert sources(due) == {"ceiling": D(2026, 3, 30), "catalog": D(2026, 4, 2)}
    assert [c.item_id for c in due.conflicts] == ["proposals"]
    assert due_of("proposals", "2026-03-02", **FALLBACK).due == D(2026, 4, 2)


def test_issue_example_normative_clean_up_2026_03_02() -> None:
    # 第五十一条 (a 规章): 三十日 → Wednesday 4/1; it can only add a limit: the ceiling binds.
    due = due_of("normative-documents", "2026-03-02")
    assert due.due == D(2026, 3, 30)
    assert [(c.source, c.rank, c.due) for c in due.candidates] == [
        ("ceiling", "administrative_regulation", D(2026, 3, 30)),
        ("statute", "government_rule", D(2026, 4, 1)),
    ]
    # a lower-rank statute is not the catalog: a note, no conflict to correct in the catalog
    assert due.conflicts == ()
    assert any("不能延长" in n.zh for n in due.notes)
    assert due_of("normative-documents", "2026-03-02", **FALLBACK).due == D(2026, 4, 1)


def test_only_law_and_regulation_ranks_replace_the_ceiling() -> None:
    ranks = load_parameters("disclosure").extra["ranks"]
    assert set(ranks["replaces_article_26"]) == {
        "law",
        "administrative_regulation",
        "local_regulation",
    }
    assert ranks["article_26"] == "administrative_regulation"
    for entry in disclosure.catalog():
        due = due_of(entry.id, "2025-06-03")
        by_source = {c.source for c in due.candidates}
        replaced = any(
            c.source == "statute" and c.rank in ranks["replaces_article_26"] for c in due.candidates
        )
        # the 20 working days are always there unless a 法律/法规 replaced them
        assert ("ceiling" in by_source) is not replaced, entry.id
        assert "fallback" not in by_source
        # and nothing ends after the ceiling (or the law that replaced it)
        top = min(c.due for c in due.candidates if c.rank in ranks["replaces_article_26"])
        assert due.due <= top


def test_a_lower_rank_limit_binds_when_earlier_and_never_extends() -> None:
    # earlier than the ceiling: it binds (10日 from Monday 3/2 → Thursday 3/12)
    short = due_of("normative-documents", "2026-03-02", normative_cleanup_period="10日")
    assert (short.due, short.basis.source, short.basis.rank) == (
        D(2026, 3, 12),
        "statute",
        "government_rule",
    )
    # later than the ceiling: it does not extend it
    long = due_of("normative-documents", "2026-03-02", normative_cleanup_period="90日")
    assert (long.due, long.basis.source) == (D(2026, 3, 30), "ceiling")


def test_a_law_replaces_the_ceiling_even_when_later_but_the_catalog_still_adds() -> None:
    # 预算法 extended (what-if) to 60日: the ceiling is gone, the catalog's 20 working days
    # (a lower-rank limit) still bind: 3/3–6, 3/9–13, 3/16–20, 3/23–27, 3/30.
    due = due_of("annual-budget", "2026-03-02", budget_law_period="60日")
    assert "ceiling" not in sources(due)
    assert (due.due, due.basis.source) == (D(2026, 3, 30), "catalog")
    assert due.conflicts == ()


def test_the_catalog_binds_where_it_is_earlier() -> None:
    # Friday 2026-01-30: 1个月 → Saturday 2/28, a make-up working day (no roll).
    # The ceiling: 2/2–6 (5), 2/9–13 (10), 2/14 (11), 2/24–27 (15), 2/28 (16), 3/2–5 (20).
    due = due_of("proposals", "2026-01-30")
    assert sources(due) == {"ceiling": D(2026, 3, 5), "catalog": D(2026, 2, 28)}
    assert (due.due, due.basis.source, due.conflicts) == (D(2026, 2, 28), "catalog", ())
    # Friday 2025-01-31 (a holiday): 1个月 → 2/28 (第二百零二条: no 31 February).
    # The ceiling: 2/5–7 (3), 2/8 (4), 2/10–14 (9), 2/17–21 (14), 2/24–28 (19), 3/3 (20).
    due = due_of("proposals", "2025-01-31")
    assert sources(due) == {"ceiling": D(2025, 3, 3), "catalog": D(2025, 2, 28)}
    assert due.due == D(2025, 2, 28)


def test_equal_dates_the_higher_rank_is_the_basis() -> None:
    # Monday 2024-01-29: 1/30–2/2 (4), 2/4 (5), 2/5–9 (10), 2/18 (11), 2/19–23 (16),
    # 2/26–29 (20) → 2/29; 1个月 → 2/29 too.
    due = due_of("proposals", "2024-01-29")
    assert sources(due) == {"ceiling": D(2024, 2, 29), "catalog": D(2024, 2, 29)}
    assert due.basis.source == "ceiling"
    assert due.conflicts == ()


def test_twenty_working_days_across_a_make_up_sunday() -> None:
    # Monday 2025-09-01: 9/2–5 (4), 9/8–12 (9), 9/15–19 (14), 9/22–26 (19), Sunday 9/28 (20).
    assert due_of("first-set-results", "2025-09-01").due == D(2025, 9, 28)


def test_information_formed_before_the_regulation_took_effect() -> None:
    with pytest.raises(NotInForce) as info:
        due_of("annual-budget", "2019-05-14")
    assert info.value.start == D(2019, 5, 15)
    with pytest.raises(NotInForce):
        due_of("agency-functions", "2003-12-01")
    # the first day: 预算法 20日 → Tuesday 2019-06-04
    assert due_of("annual-budget", "2019-05-15").due == D(2019, 6, 4)


# --------------------------------------------------------------------------------------------
# Point 2: 预算法 第十四条 第二款, from the finance department's 批复
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", ["annual-budget", "annual-final-accounts"])
def test_budget_items_cite_the_second_paragraph_verbatim(item: str) -> None:
    due = due_of(item, "2026-01-20")
    citation = due.basis.citation
    assert (citation.document, citation.article, citation.clause) == (
        "《中华人民共和国预算法》",
        "第十四条",
        "第二款",
    )
    assert citation.text == BUDGET_14_2
    assert "本级人民代表大会" not in citation.text  # not the first paragraph
    # marked as taken from the statute, not from the catalog
    assert "法律原文" in citation.summary
    assert "不是公开事项目录的引文" in citation.summary
    catalog = resources.files("nmgpolicy").joinpath("data", "baotou_miit_catalog.tsv")
    assert "批复后二十日内" not in catalog.read_text(encoding="utf-8")
    assert quoted_verbatim(citation.text)
    # the clock starts at the 批复
    assert "批复" in due.basis.event.zh
    assert any("批复" in n.zh and "形成日期即批复日期" in n.zh for n in due.notes)


def test_budget_twenty_days_with_the_203_roll() -> None:
    # Tuesday 1/20 + 20 = Monday 2/9.
    assert due_of("annual-budget", "2026-01-20").due == D(2026, 2, 9)
    # Monday 1/19 + 20 = Sunday 2/8 → Monday 2/9.
    assert due_of("annual-budget", "2026-01-19").due == D(2026, 2, 9)
    # Sunday 1/25 + 20 = Saturday 2/14, a make-up working day: no roll.
    assert due_of("annual-budget", "2026-01-25").due == D(2026, 2, 14)
    # Monday 1/26 + 20 = Sunday 2/15, in the Spring Festival → Tuesday 2/24.
    assert due_of("annual-final-accounts", "2026-01-26").due == D(2026, 2, 24)
    # Friday 2025-09-12 + 20 = Thursday 10/2, National Day → Thursday 10/9; the catalog's 20
    # working days: 9/15–19 (5), 9/22–26 (10), 9/28 (11), 9/29–30 (13), 10/9–10 (15), 10/11
    # (16), 10/13–16 (20).
    due = due_of("annual-budget", "2025-09-12")
    assert sources(due) == {"statute": D(2025, 10, 9), "catalog": D(2025, 10, 16)}
    assert (due.basis.source, due.basis.rank) == ("statute", "law")


def test_budget_formed_on_is_described_as_the_approval() -> None:
    description = nmgpolicy.schema.facts_schema("disclosure")["description"]
    assert "批复" in description
    assert "formed_on" in description
    docs = (ROOT / "docs" / "reading-the-law.md").read_text(encoding="utf-8")
    assert BUDGET_14_2 in docs
    assert "`formed_on` is the day the finance department" in docs


# --------------------------------------------------------------------------------------------
# Point 3: a deadline never needs a year it does not reach
# --------------------------------------------------------------------------------------------


def test_issue_example_december_budget_needs_no_2027() -> None:
    assert 2027 not in periods.covered_years()
    d = evaluate({"item": "annual-budget", "formed_on": "2026-12-04"}, D(2026, 12, 10))
    assert d.status.value == "eligible"
    assert d.results["due"] == D(2026, 12, 24)
    assert d.results["basis"] == "statute"
    catalog = next(c for c in d.results["candidates"] if c["source"] == "catalog")
    # 19 working days remain after 12/4 in 2026: the 20th is in 2027, no earlier than 1/1
    assert (catalog["due"], catalog["needs_year"], catalog["not_before"]) == (
        None,
        2027,
        "2027-01-01",
    )
    # working days to spare: 12/11, 12/14–18, 12/21–24
    assert d.finding("disclosure.on_time").gap == 10
    assert chinese_problems(d) == []


def test_issue_example_from_the_command_line(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text('{"item":"annual-budget","formed_on":"2026-12-04"}', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["evaluate", "disclosure", str(facts), "--on", "2026-12-10", "--format", "json"],
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    result = json.loads(out.getvalue())
    assert result["results"]["due"] == "2026-12-24"
    out = io.StringIO()
    assert main(["evaluate", "disclosure", str(facts), "--on", "2026-12-10"], out=out) == 0
    assert "2026-12-24" in out.getvalue()


def test_budget_both_sides_of_the_year_end() -> None:
    # Friday 12/11 + 20 = Thursday 12/31, known: computed
    assert due_of("annual-budget", "2026-12-11").due == D(2026, 12, 31)
    # Saturday 12/12 + 20 = 2027-01-01: its status is 2027's: the answer depends on 2027
    with pytest.raises(CalendarNotCovered) as info:
        due_of("annual-budget", "2026-12-12")
    assert info.value.year == 2027
    assert "《中华人民共和国预算法》第十四条第二款" in info.value.needed_for
    assert "20 days from 2026-12-12" in info.value.needed_for
    assert "annual-budget" in info.value.needed_for


def test_working_day_limits_both_sides_of_the_year_end() -> None:
    # Thursday 12/3: 12/4 (1), 12/7–11 (6), 12/14–18 (11), 12/21–25 (16), 12/28–31 (20)
    assert due_of("agency-functions", "2026-12-03").due == D(2026, 12, 31)
    with pytest.raises(CalendarNotCovered) as info:
        due_of("agency-functions", "2026-12-04")
    assert info.value.year == 2027
    assert "第二十六条" in info.value.needed_for
    assert "20 working days from 2026-12-04" in info.value.needed_for
    assert "2027" in str(info.value)


def test_an_open_due_date_decides_only_what_it_can() -> None:
    facts = {"item": "agency-functions", "formed_on": "2026-12-04"}
    # the 20th working day is no earlier than 2027-01-01: unpublished on 1/1 is not late yet
    d = evaluate(facts, D(2027, 1, 1))
    assert d.status.value == "eligible"
    assert (d.results["due"], d.results["due_not_before"]) == (None, D(2027, 1, 1))
    assert chinese_problems(d) == []
    # published in 2026: on time whatever 2027 holds
    d = evaluate({**facts, "published_on": "2026-12-31"}, D(2027, 3, 1))
    assert d.finding("disclosure.on_time").status.value == "met"
    # on 1/2 it depends on whether 1/1 is a working day: the year is needed, and named
    with pytest.raises(CalendarNotCovered) as info:
        evaluate(facts, D(2027, 1, 2))
    assert info.value.year == 2027
    assert "agency-functions" in info.value.needed_for


def test_the_error_names_only_the_limit_that_needs_the_year(gap_2027: None) -> None:
    # Formed 2027-03-01 with 2027 a gap: the catalog's 一年内 ends 2028-03-01 (a Wednesday of
    # the fixture), computable; the ceiling's 20 working days need 2027 and could be earlier.
    with pytest.raises(CalendarNotCovered) as info:
        due_of("ferroalloy-replacement", "2027-03-01")
    assert info.value.year == 2027
    assert "第二十六条" in info.value.needed_for
    assert "1 year" not in info.value.needed_for
    assert "公开时限" not in info.value.needed_for


def test_lateness_that_reaches_a_missing_year_is_counted_in_days_only() -> None:
    facts = {"item": "annual-budget", "formed_on": "2026-12-04", "published_on": "2027-01-05"}
    d = evaluate(facts, D(2027, 1, 6))
    finding = d.finding("disclosure.on_time")
    assert finding.status.value == "not_met"
    assert (d.results["due"], d.results["late_days"], d.results["late_working_days"]) == (
        D(2026, 12, 24),
        12,
        None,
    )
    assert finding.gap is None
    assert any("2027" in n.zh and "未计算" in n.zh for n in d.notes)
    assert chinese_problems(d) == []


# --------------------------------------------------------------------------------------------
# Point 5: late_days beside late_working_days; gap positive = margin to spare
# --------------------------------------------------------------------------------------------


def _published(formed: str, published: str | None, on: dt.date) -> nmgpolicy.Decision:
    facts: dict[str, object] = {"item": "first-set-results", "formed_on": formed}
    if published is not None:
        facts["published_on"] = published
    return evaluate(facts, on)


@pytest.mark.parametrize(
    ("formed", "published", "due", "status", "late_days", "late_working_days", "gap"),
    [
        # Friday 2026-01-16 → Friday 2/13 (1/19–23, 1/26–30, 2/2–6, 2/9–13)
        ("2026-01-16", "2026-02-12", D(2026, 2, 13), "met", 0, 0, 1),
        ("2026-01-16", "2026-02-13", D(2026, 2, 13), "met", 0, 0, 0),
        ("2026-01-16", "2026-02-14", D(2026, 2, 13), "not_met", 1, 1, -1),  # make-up Saturday
        ("2026-01-16", "2026-02-15", D(2026, 2, 13), "not_met", 2, 1, -1),  # the issue's case
        ("2026-01-16", "2026-02-23", D(2026, 2, 13), "not_met", 10, 1, -1),  # last holiday
        ("2026-01-16", "2026-02-24", D(2026, 2, 13), "not_met", 11, 2, -2),
        # Friday 2025-06-06 → Friday 7/4 (6/9–13, 6/16–20, 6/23–27, 6/30–7/4); Saturday 7/5
        ("2025-06-06", "2025-07-05", D(2025, 7, 4), "not_met", 1, 0, 0),
        ("2025-06-06", "2025-07-07", D(2025, 7, 4), "not_met", 3, 1, -1),
        # Wednesday 2025-09-03 → Tuesday 9/30; National Day 10/1–10/8, make-up Saturday 10/11
        ("2025-09-03", "2025-10-08", D(2025, 9, 30), "not_met", 8, 0, 0),
        ("2025-09-03", "2025-10-09", D(2025, 9, 30), "not_met", 9, 1, -1),
        ("2025-09-03", "2025-10-11", D(2025, 9, 30), "not_met", 11, 3, -3),
    ],
)
def test_lateness_in_calendar_and_working_days(
    formed: str,
    published: str,
    due: dt.date,
    status: str,
    late_days: int,
    late_working_days: int,
    gap: int,
) -> None:
    d = _published(formed, published, D(2026, 6, 1))
    finding = d.finding("disclosure.on_time")
    assert d.results["due"] == due
    assert finding.status.value == status
    assert d.results["late_days"] == late_days
    assert d.results["late_working_days"] == late_working_days
    assert finding.gap == gap
    assert d.results["published"] is True
    assert chinese_problems(d) == []


def test_the_issue_case_reads_in_both_languages() -> None:
    d = _published("2026-01-16", "2026-02-15", D(2026, 3, 2))
    message = d.finding("disclosure.on_time").message
    assert "逾期2日（其中1个工作日）" in message.zh
    assert "2 days late (1 working day)" in message.en
    # a rest-day publication with no working day in between says so
    d = _published("2025-06-06", "2025-07-05", D(2026, 3, 2))
    assert "其间没有工作日" in d.finding("disclosure.on_time").message.zh


def test_gap_while_unpublished_is_the_margin_then_the_lateness() -> None:
    # unpublished: measured on the evaluation date
    early = _published("2026-01-16", None, D(2026, 2, 2))
    # working days after Monday 2/2 up to 2/13: 2/3–6 (4), 2/9–13 (9)
    assert early.finding("disclosure.on_time").gap == 9
    assert early.status.value == "eligible"
    late = _published("2026-01-16", None, D(2026, 2, 24))
    assert late.finding("disclosure.on_time").gap == -2
    assert (late.results["late_days"], late.results["late_working_days"]) == (11, 2)
    assert late.status.value == "ineligible"


def test_the_gap_sign_agrees_with_the_other_rule_sets() -> None:
    # a threshold met with room: positive gap in cluster/sme; here a publication one working
    # day early has gap +1 and one working day late −1 (same convention)
    early = _published("2026-01-16", "2026-02-12", D(2026, 3, 2)).finding("disclosure.on_time")
    late = _published("2026-01-16", "2026-02-24", D(2026, 3, 2)).finding("disclosure.on_time")
    assert early.gap > 0 > late.gap


def test_formed_after_the_evaluation_date_is_a_note_not_an_error() -> None:
    d = _published("2026-03-16", None, D(2026, 3, 1))
    assert d.results["due"] == D(2026, 4, 14)
    assert d.finding("disclosure.on_time").status.value == "met"
    note = next(n for n in d.notes if "2026-03-16" in n.zh and "2026-03-01" in n.zh)
    assert "晚于评估日" in note.zh
    assert "after the evaluation date" in note.en
    assert chinese_problems(d) == []
    # the day before and the day itself: no such note
    for on in (D(2026, 3, 16), D(2026, 3, 17)):
        d = _published("2026-03-16", None, on)
        assert not any("晚于评估日" in n.zh for n in d.notes)


def test_published_before_formed_is_refused_and_blank_facts_are_not_absent() -> None:
    with pytest.raises(nmgpolicy.InputError) as info:
        _published("2026-01-16", "2026-01-15", D(2026, 3, 2))
    assert info.value.problems[0].path == "$.published_on"
    with pytest.raises(nmgpolicy.InputError) as info:
        evaluate({"item": "proposals", "formed_on": ""}, D(2026, 3, 2))
    assert info.value.problems[0].path == "$.formed_on"
    with pytest.raises(nmgpolicy.InputError) as info:
        evaluate(
            {"item": "proposals", "formed_on": "2026-01-10", "published_on": ""}, D(2026, 3, 2)
        )
    assert info.value.problems[0].path == "$.published_on"
    # null is "not yet published"
    d = evaluate(
        {"item": "proposals", "formed_on": "2026-01-10", "published_on": None}, D(2026, 3, 2)
    )
    assert d.results["published"] is False


# --------------------------------------------------------------------------------------------
# Points 16/17 for disclosure: Chinese output free of code values; citations verbatim
# --------------------------------------------------------------------------------------------

_SCENARIOS = [
    ("2025-03-01", None, D(2025, 3, 2)),
    ("2025-03-01", "2025-05-01", D(2025, 6, 1)),
    ("2026-01-16", "2026-02-15", D(2026, 3, 2)),
    ("2026-01-30", None, D(2026, 3, 31)),
    ("2026-03-16", None, D(2026, 3, 1)),
    ("2026-12-04", None, D(2026, 12, 10)),
    ("2026-12-04", "2026-12-31", D(2027, 1, 1)),
    ("2026-12-01", "2027-01-05", D(2027, 1, 6)),
]


def _decisions() -> Iterator[tuple[str, nmgpolicy.Decision]]:
    for item, role, formed, published, on, d in catalog_decisions(_SCENARIOS):
        yield f"{item}/{role}/{formed}/{published}/{on}", d


def test_chinese_output_holds_no_code_values() -> None:
    seen = 0
    for where, d in _decisions():
        seen += 1
        assert chinese_problems(d) == [], where
        for label in ("ceiling", "fallback", "statute", "administrative_regulation", "law"):
            assert label not in d.explain("zh"), where
    assert seen > 150


def test_every_citation_shown_is_verbatim() -> None:
    for where, d in _decisions():
        for finding in d.findings:
            assert finding.citation is not None
            assert quoted_verbatim(finding.citation.text), where
        for candidate in d.results["candidates"]:
            assert quoted_verbatim(candidate["citation"]["text"]), (where, candidate["source"])
