"""Issue 9 on disclosure deadlines: 第二十六条 as a ceiling, 预算法 第十四条第二款, deadlines
that need only the years they reach, lateness on rest days, and the words a bureau reads."""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import nmgpolicy
from nmgpolicy import disclosure, periods
from nmgpolicy.cli import main
from nmgpolicy.errors import CalendarNotCovered
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import Period, PeriodUnit
from nmgpolicy.schema import facts_schema
from tests._builders import catalog_decisions
from tests.language import chinese_problems

D = dt.date
FALLBACK = {"article_26_role": "fallback"}
DATA = load_parameters("disclosure")


def evaluate(facts: dict[str, object], on: dt.date, **parameters: object) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("disclosure", facts, on=on, parameters=parameters or None)


def by_source(due: disclosure.DueDate) -> dict[str, disclosure.DeadlineCandidate]:
    return {c.source: c for c in due.candidates}


@pytest.fixture
def year_2028() -> Iterator[None]:
    """A test schedule for 2028 (Monday to Friday, no holidays), leaving 2027 a gap."""
    periods.register_year(2028, holidays=[], source="test schedule")
    try:
        yield
    finally:
        periods.unregister_year(2028)


# --------------------------------------------------------------------------------------------
# 1. 第二十六条 is a ceiling
# --------------------------------------------------------------------------------------------


def test_ferroalloy_plan_is_due_within_20_working_days_and_the_catalog_conflicts() -> None:
    # 20 working days after Saturday 2025-03-01: 3/3-7, 3/10-14, 3/17-21, 3/24-28 → 3/28.
    due = disclosure.deadline("ferroalloy-replacement", "2025-03-01")
    assert due == D(2025, 3, 28)
    assert due.basis.source == "ceiling"
    assert due.basis.rank == "administrative_regulation"
    assert due.basis.citation.article == "第二十六条"
    catalog = by_source(due)["catalog"]
    assert (catalog.period, catalog.due, catalog.rank) == (
        Period(1, PeriodUnit.YEAR),
        D(2026, 3, 2),
        "catalog",
    )
    [conflict] = due.conflicts
    assert conflict.item_id == "ferroalloy-replacement"
    assert (conflict.catalog.due, conflict.ceiling.due) == (D(2026, 3, 2), D(2025, 3, 28))
    out = conflict.to_dict()
    assert out["item"] == "ferroalloy-replacement"
    assert out["title"] == "铁合金产能置换方案公示公告"
    assert out["catalog_limit"] == "信息形成之日起一年内"
    assert (out["catalog_due"], out["ceiling_due"]) == ("2026-03-02", "2025-03-28")
    assert out["catalog_due_not_before"] is None
    assert out["ceiling"] == "《中华人民共和国政府信息公开条例》第二十六条"
    assert any("目录与上位规定不一致" in n.zh for n in due.notes)
    assert any("conflicts with the law" in n.en for n in due.notes)
    assert due.to_dict()["conflicts"] == [out]


def test_the_old_fallback_reading_stays_available() -> None:
    due = disclosure.deadline("ferroalloy-replacement", "2025-03-01", parameters=FALLBACK)
    assert due == D(2026, 3, 2)
    assert due.basis.source == "catalog"
    assert [c.source for c in due.candidates] == ["catalog"]
    assert due.conflicts == ()
    with pytest.raises(nmgpolicy.InputError) as info:
        disclosure.deadline("proposals", "2026-03-02", parameters={"article_26_role": "cap"})
    assert info.value.paths == ("$.parameters.article_26_role",)


def test_proposal_reply_both_sides_of_the_ceiling() -> None:
    # Reply on Monday 2026-03-02: ceiling → 3/30; 1个月 → Thursday 4/2. The ceiling binds.
    due = disclosure.deadline("proposals", "2026-03-02")
    assert due == D(2026, 3, 30)
    assert {c.source: c.due for c in due.candidates} == {
        "ceiling": D(2026, 3, 30),
        "catalog": D(2026, 4, 2),
    }
    assert len(due.conflicts) == 1
    # Reply on Saturday 2026-01-31: 1个月 → 2/28 (a make-up working day); the ceiling runs
    # across the Spring Festival to 3/5. The catalog's limit is earlier: it binds, no conflict.
    early = disclosure.deadline("proposals", "2026-01-31")
    assert early == D(2026, 2, 28)
    assert early.basis.source == "catalog"
    assert by_source(early)["ceiling"].due == D(2026, 3, 5)
    assert early.conflicts == ()
    assert disclosure.deadline("proposals", "2026-03-02", parameters=FALLBACK) == D(2026, 4, 2)


def test_normative_clean_up_the_rule_only_adds_a_limit() -> None:
    due = disclosure.deadline("normative-documents", "2026-03-02")
    assert due == D(2026, 3, 30)
    assert [(c.source, c.rank, c.due) for c in due.candidates] == [
        ("ceiling", "administrative_regulation", D(2026, 3, 30)),
        ("statute", "government_rule", D(2026, 4, 1)),
    ]
    assert due.conflicts == ()  # a 规章 is not the bureau's to correct: a note, not a conflict
    assert any("规章" in n.zh and "不能延长" in n.zh for n in due.notes)
    # A clean-up on Friday 2026-01-30: 30日 → 3/1 (Sunday) → 3/2; the ceiling crosses the
    # Spring Festival: 2/2-6, 2/9-13, 2/14 (make-up), 2/24-27, 2/28 (make-up), 3/2-3/5 → 3/5.
    # The rule's earlier limit binds.
    early = disclosure.deadline("normative-documents", "2026-01-30")
    assert early == D(2026, 3, 2)
    assert early.basis.source == "statute"
    assert by_source(early)["ceiling"].due == D(2026, 3, 5)
    assert not any("不能延长" in n.zh for n in early.notes)


def test_a_law_replaces_the_ceiling_a_lower_rank_does_not() -> None:
    shorter = {"default_period": "5个工作日"}
    budget = disclosure.deadline("annual-budget", "2026-03-02", parameters=shorter)
    assert "ceiling" not in by_source(budget)  # 预算法 (法律) replaces the 20 working days
    assert budget == D(2026, 3, 23)  # 3/22 is a Sunday
    assert any("从其规定" in n.zh for n in budget.notes)
    rule = disclosure.deadline("normative-documents", "2026-03-02", parameters=shorter)
    assert rule == D(2026, 3, 9)  # the 规章 does not: the ceiling (now 5 working days) binds
    assert rule.basis.source == "ceiling"


def test_equal_dates_the_higher_rank_is_the_basis() -> None:
    due = disclosure.deadline("agency-functions", "2025-09-26")
    assert [(c.source, c.due) for c in due.candidates] == [
        ("ceiling", D(2025, 10, 30)),
        ("catalog", D(2025, 10, 30)),
    ]
    assert due.basis.source == "ceiling"
    assert "basis='ceiling'" in repr(due)


def test_every_item_gets_the_ceiling_or_a_law_that_replaces_it() -> None:
    replacing = DATA.extra["ranks"]["replaces_article_26"]
    for entry in disclosure.catalog():
        for role in ("ceiling", "fallback"):
            due = disclosure.deadline(entry.id, D(2025, 6, 3), parameters={"article_26_role": role})
            for candidate in due.candidates:
                assert candidate.source in DATA.labels
                assert candidate.rank in DATA.labels
                assert candidate.rank in DATA.extra["ranks"]["order"]
        due = disclosure.deadline(entry.id, D(2025, 6, 3))
        assert any(c.rank in replacing for c in due.candidates), entry.id
        ceiling = min(c.due for c in due.candidates if c.rank in replacing)
        assert due.due <= ceiling


def test_statute_ranks_agree_with_the_catalog_column() -> None:
    words = DATA.extra["ranks"]["words"]
    for item_id, spec in DATA.extra["statute_limits"].items():
        assert words[disclosure.item(item_id).effect_level] == spec["rank"], item_id
    for entry in disclosure.catalog():
        for part in re.split(r"\s*\d+\.", entry.effect_level):
            if part:
                assert part in words, (entry.id, part)


# --------------------------------------------------------------------------------------------
# 2. 预算法 第十四条 第二款
# --------------------------------------------------------------------------------------------


def test_budget_law_cites_the_second_paragraph_verbatim_from_the_statute() -> None:
    due = disclosure.deadline("annual-final-accounts", "2026-01-20")
    citation = due.basis.citation
    assert (citation.document, citation.article, citation.clause) == (
        "《中华人民共和国预算法》",
        "第十四条",
        "第二款",
    )
    assert citation.text.startswith("经本级政府财政部门批复的部门预算、决算及报表")
    assert "批复后二十日内由各部门向社会公开" in citation.text
    statutes = (
        resources.files("nmgpolicy")
        .joinpath("data", "sources", "statutes.md")
        .read_text(encoding="utf-8")
    )
    assert citation.text in statutes
    catalog_text = disclosure.item("annual-final-accounts").basis_text
    assert citation.text not in catalog_text  # the catalog quotes the first paragraph
    assert "第一款" in citation.summary and "不是公开事项目录的引文" in citation.summary
    assert any("取自法律原文" in n.zh and "批复" in n.zh for n in due.notes)
    assert any("taken from the statute, not from the catalog" in n.en for n in due.notes)


@pytest.mark.parametrize("item_id", ["annual-budget", "annual-final-accounts"])
def test_budget_clock_starts_at_the_finance_departments_approval(item_id: str) -> None:
    statute = by_source(disclosure.deadline(item_id, "2026-01-20"))["statute"]
    assert "财政部门批复" in statute.event.zh
    assert "人民代表大会" not in statute.event.zh
    assert "finance department" in statute.event.en
    assert statute.rank == "law"
    description = facts_schema("disclosure")["description"]
    assert "批复" in description and "finance department" in description
    assert "formed_on" in description


def test_budget_law_twenty_days_against_the_catalogs_working_days() -> None:
    # 20 days from 2026-01-20 → Monday 2/9; the catalog's 20 working days → 2/24 (later: a
    # conflict with the law). Both sides: with 预算法 overridden to 40日 the catalog binds.
    due = disclosure.deadline("annual-budget", "2026-01-20")
    assert due == D(2026, 2, 9)
    [conflict] = due.conflicts
    assert (conflict.catalog.due, conflict.ceiling.due) == (D(2026, 2, 24), D(2026, 2, 9))
    assert conflict.ceiling.citation.clause == "第二款"
    longer = disclosure.deadline(
        "annual-budget", "2026-01-20", parameters={"budget_law_period": "40日"}
    )
    assert longer == D(2026, 2, 24)
    assert longer.basis.source == "catalog"
    assert longer.conflicts == ()


# --------------------------------------------------------------------------------------------
# 3. A deadline never needs a year it does not reach
# --------------------------------------------------------------------------------------------


def test_budget_formed_in_december_needs_no_2027() -> None:
    assert 2027 not in periods.covered_years()
    due = disclosure.deadline("annual-budget", "2026-12-04")
    assert due == D(2026, 12, 24)
    assert due.basis.source == "statute"
    catalog = by_source(due)["catalog"]
    # 19 working days remain in December after 12/4: the 20th is in 2027, no earlier than 1/1.
    assert (catalog.due, catalog.not_before, catalog.needs_year) == (None, D(2027, 1, 1), 2027)
    assert catalog.to_dict()["due"] is None
    assert catalog.to_dict()["not_before"] == "2027-01-01"
    assert any("2027" in n.zh and "不影响公开期限" in n.zh for n in due.notes)
    assert any("2027" in n.en and "does not change the deadline" in n.en for n in due.notes)
    [conflict] = due.conflicts  # provably later than the law's limit
    assert conflict.to_dict()["catalog_due_not_before"] == "2027-01-01"

    d = evaluate({"item": "annual-budget", "formed_on": "2026-12-04"}, D(2026, 12, 10))
    assert d.status.value == "eligible"
    assert d.results["due"] == D(2026, 12, 24)
    assert d.results["due_not_before"] is None
    assert d.finding("disclosure.on_time").gap == 10


def test_cli_evaluates_the_december_budget(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text('{"item":"annual-budget","formed_on":"2026-12-04"}', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["evaluate", "disclosure", str(path), "--on", "2026-12-10", "--format", "json"],
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    assert json.loads(out.getvalue())["results"]["due"] == "2026-12-24"


def test_raises_only_when_the_missing_year_decides_and_names_the_limit() -> None:
    with pytest.raises(CalendarNotCovered) as info:
        disclosure.deadline("agency-functions", "2026-12-04")
    error = info.value
    assert error.year == 2027
    assert "agency-functions" in error.needed_for
    assert "20 working days from 2026-12-04" in error.needed_for
    assert "Article 26" in error.needed_for
    assert error.needed_for in str(error)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.year, copy.needed_for, str(copy)) == (2027, error.needed_for, str(error))
    assert "needed for" not in str(CalendarNotCovered(2027))


def test_lower_bounds_of_uncomputable_limits() -> None:
    # A calendar period: its unrolled end. 2026-03-01 + 1年 = 2027-03-01.
    due = disclosure.deadline("ferroalloy-replacement", "2026-03-01")
    catalog = by_source(due)["catalog"]
    assert (catalog.due, catalog.not_before, catalog.needs_year) == (None, D(2027, 3, 1), 2027)
    assert due == D(2026, 3, 27)
    assert due.conflicts[0].catalog.not_before == D(2027, 3, 1)
    # Working days counted from inside the missing year: n calendar days at least.
    with pytest.raises(CalendarNotCovered) as info:
        disclosure.deadline("proposals", "2027-01-05")
    assert "ends no earlier than 2027-01-25" in info.value.needed_for
    assert "1 month" in info.value.needed_for


def test_an_open_law_limit_that_cannot_bind_is_not_compared() -> None:
    # With 预算法 at 40日, a budget approved on 2026-12-01 has its statute limit in 2027 (no
    # earlier than 2027-01-10), while the catalog's 20 working days end on 2026-12-29: the
    # catalog binds, and with the law's own date unknown no conflict is claimed.
    due = disclosure.deadline(
        "annual-budget", "2026-12-01", parameters={"budget_law_period": "40日"}
    )
    assert due == D(2026, 12, 29)
    assert due.basis.source == "catalog"
    statute = by_source(due)["statute"]
    assert (statute.due, statute.not_before) == (None, D(2027, 1, 10))
    assert due.conflicts == ()


def test_an_open_due_date_is_on_time_until_its_lower_bound() -> None:
    facts = {"item": "first-set-results", "formed_on": "2026-12-04"}
    d = evaluate(facts, D(2026, 12, 31))
    finding = d.finding("disclosure.on_time")
    assert finding.status.value == "met"
    assert d.results["due"] is None
    assert d.results["due_not_before"] == D(2027, 1, 1)
    assert d.results["basis"] is None
    assert (d.results["late_days"], d.results["late_working_days"]) == (0, 0)
    assert finding.required.en == "no earlier than 2027-01-01"
    assert "2027" in finding.message.zh and "尚未届满" in finding.message.zh
    published = evaluate({**facts, "published_on": "2026-12-20"}, D(2027, 2, 1))
    assert published.finding("disclosure.on_time").status.value == "met"
    assert "按时公开" in published.finding("disclosure.on_time").message.zh
    assert published.results["published"] is True
    json.dumps(published.to_dict(), ensure_ascii=False)
    # One day after the bound the answer depends on 2027.
    with pytest.raises(CalendarNotCovered) as info:
        evaluate(facts, D(2027, 1, 2))
    assert info.value.year == 2027
    assert "first-set-results" in info.value.needed_for


def test_lateness_reaching_a_missing_year_is_left_uncounted() -> None:
    d = evaluate({"item": "annual-budget", "formed_on": "2026-12-04"}, D(2027, 1, 5))
    finding = d.finding("disclosure.on_time")
    assert finding.status.value == "not_met"
    assert d.results["due"] == D(2026, 12, 24)
    assert d.results["late_days"] == 12
    assert d.results["late_working_days"] is None
    assert finding.gap is None
    assert any("2027" in n.zh and "未计算" in n.zh for n in d.notes)
    assert "2027" in finding.message.en


def test_a_gap_year_between_covered_years(year_2028: None) -> None:
    # With 2028 registered and 2027 missing: the catalog's 1年 from 2027-03-01 ends on
    # Wednesday 2028-03-01 (computable), but the ceiling's 20 working days (no earlier than
    # 2027-03-21) need 2027, and they could be earlier: the deadline needs 2027.
    with pytest.raises(CalendarNotCovered) as info:
        disclosure.deadline("ferroalloy-replacement", "2027-03-01")
    assert "Article 26" in info.value.needed_for
    assert "disclosure catalog" not in info.value.needed_for
    old = disclosure.deadline("ferroalloy-replacement", "2027-03-01", parameters=FALLBACK)
    assert old == D(2028, 3, 1)
    # On time, evaluated in 2027: the margin in working days needs 2027.
    d = evaluate(
        {"item": "ferroalloy-replacement", "formed_on": "2027-03-01"},
        D(2027, 6, 1),
        article_26_role="fallback",
    )
    assert d.finding("disclosure.on_time").status.value == "met"
    assert d.finding("disclosure.on_time").gap is None
    assert d.results["late_working_days"] == 0
    assert any("2027" in n.zh for n in d.notes)


def test_a_registered_year_computes_what_was_open() -> None:
    periods.register_year(2027, holidays=["2027-01-01"], source="test schedule")
    try:
        due = disclosure.deadline("agency-functions", "2026-12-04")
    finally:
        periods.unregister_year(2027)
    # 19 working days in December, 1/1 a holiday, 1/2-1/3 a weekend: the 20th is 2027-01-04.
    assert due == D(2027, 1, 4)
    assert all(c.due is not None for c in due.candidates)


# --------------------------------------------------------------------------------------------
# 5. Late publication, gap, formed_on after on
# --------------------------------------------------------------------------------------------

_JAN_16 = {"item": "first-set-results", "formed_on": "2026-01-16"}  # due Friday 2026-02-13


@pytest.mark.parametrize(
    ("published", "status", "late_days", "late_working_days", "gap"),
    [
        ("2026-02-12", "met", 0, 0, 1),
        ("2026-02-13", "met", 0, 0, 0),
        ("2026-02-14", "not_met", 1, 1, -1),  # a make-up Saturday
        ("2026-02-15", "not_met", 2, 1, -1),  # Sunday: only 2/14 is a working day
        ("2026-02-24", "not_met", 11, 2, -2),  # after the Spring Festival (2/15-2/23)
    ],
)
def test_lateness_in_days_and_working_days(
    published: str, status: str, late_days: int, late_working_days: int, gap: int
) -> None:
    d = evaluate({**_JAN_16, "published_on": published}, D(2026, 3, 2))
    finding = d.finding("disclosure.on_time")
    assert d.results["due"] == D(2026, 2, 13)
    assert finding.status.value == status
    assert d.results["late_days"] == late_days
    assert d.results["late_working_days"] == late_working_days
    assert finding.gap == gap
    assert d.to_dict()["results"]["late_days"] == late_days


def test_late_messages_in_both_languages() -> None:
    d = evaluate({**_JAN_16, "published_on": "2026-02-15"}, D(2026, 3, 2))
    message = d.finding("disclosure.on_time").message
    assert "逾期2日（其中1个工作日）" in message.zh
    assert "2 days late (1 working day)" in message.en
    one = evaluate({**_JAN_16, "published_on": "2026-02-14"}, D(2026, 3, 2))
    assert "1 day late (1 working day)" in one.finding("disclosure.on_time").message.en
    unpublished = evaluate(_JAN_16, D(2026, 2, 24))
    message = unpublished.finding("disclosure.on_time").message
    assert "已超过公开期限" in message.zh and "逾期11日（其中2个工作日）" in message.zh
    assert "11 days late (2 working days)" in message.en


def test_formed_after_the_evaluation_date_is_a_note() -> None:
    d = evaluate({"item": "first-set-results", "formed_on": "2026-03-02"}, D(2026, 3, 1))
    assert d.status.value == "eligible"
    assert any("晚于评估日" in n.zh and "形成日期" in n.zh for n in d.notes)
    assert any("formation date" in n.en for n in d.notes)
    same = evaluate({"item": "first-set-results", "formed_on": "2026-03-02"}, D(2026, 3, 2))
    assert not any("formation date" in n.en for n in same.notes)


def test_results_keys() -> None:
    d = evaluate({"item": "proposals", "formed_on": "2026-03-02"}, D(2026, 3, 10))
    assert set(d.results) == {
        "item",
        "due",
        "due_not_before",
        "late_days",
        "late_working_days",
        "published",
        "basis",
        "rank",
        "period",
        "candidates",
        "conflicts",
    }
    assert d.results["rank"] == "administrative_regulation"
    assert d.results["period"] == Period(20, PeriodUnit.WORKING_DAY)
    assert [c["catalog_due"] for c in d.results["conflicts"]] == ["2026-04-02"]
    assert d.finding("disclosure.on_time").gap == 14  # 3/11-3/13, 3/16-20, 3/23-27, 3/30


# --------------------------------------------------------------------------------------------
# 16/17. Words a bureau officer reads; citations verbatim
# --------------------------------------------------------------------------------------------

_DATES = [
    ("2025-03-01", None, D(2025, 6, 1)),
    ("2025-09-26", "2025-10-20", D(2025, 12, 1)),
    ("2026-01-16", "2026-02-15", D(2026, 3, 2)),
    ("2026-01-20", None, D(2026, 3, 2)),
    ("2026-12-04", None, D(2026, 12, 10)),
    ("2025-06-06", "2025-07-05", D(2025, 7, 10)),
    ("2026-03-02", None, D(2026, 3, 1)),
]


def _decisions() -> Iterator[tuple[str, nmgpolicy.Decision]]:
    for item, role, formed, _, _, d in catalog_decisions(_DATES):
        yield f"{item}/{role}/{formed}", d


def test_chinese_output_has_no_code_values() -> None:
    seen = 0
    for where, decision in _decisions():
        seen += 1
        assert chinese_problems(decision) == [], where
    assert seen > 150


_QUOTED = re.compile(r"《[^》]*》[^\s,;:()]*|“[^”]*”|'[^']*'|\((?:批复|调休上班)\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_english_output_is_english_outside_names_and_quotations() -> None:
    for where, decision in _decisions():
        texts = [f.message.en for f in decision.findings] + [n.en for n in decision.notes]
        texts.append(decision.explain("en").split("basis:")[0])
        for text in texts:
            left = _QUOTED.sub("", text)
            assert not _CJK.search(left), (where, left)


def test_every_disclosure_citation_is_verbatim() -> None:
    from tests.test_citations import quoted_verbatim

    served = [p.citation for p in DATA.parameters.values()]
    served += [c.citation for c in DATA.criteria.values()]
    for citation in served:
        assert citation is not None
        assert quoted_verbatim(citation.text), citation.label
    for entry in disclosure.catalog():
        for candidate in disclosure.deadline(entry.id, D(2025, 6, 3)).candidates:
            assert quoted_verbatim(candidate.citation.text), (entry.id, candidate.source)


def test_a_blank_time_limit_is_said_as_blank() -> None:
    import attrs

    from nmgpolicy.rules.disclosure import _limit_text

    blank = attrs.evolve(disclosure.item("foi-basics"), time_limit_text="")
    assert (_limit_text(blank).zh, _limit_text(blank).en) == ("空白", "blank")
    assert _limit_text(disclosure.item("foi-basics")).zh == "“适时公开”"
