"""The disclosure rule set: catalog items, their deadlines and on-time publication."""

from __future__ import annotations

import datetime as dt

import pytest

import nmgpolicy
from nmgpolicy import disclosure
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.periods import Period, PeriodUnit
from tests._builders import CATALOG_IDS

D = dt.date

IDS = CATALOG_IDS


def evaluate(facts: dict[str, object], on: dt.date) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("disclosure", facts, on=on)


def test_catalog_has_the_fourteen_items_in_order() -> None:
    assert [i.id for i in disclosure.catalog()] == IDS


def test_item_lookup_and_unknown_item() -> None:
    assert disclosure.item("proposals").office == "办公室"
    with pytest.raises(InputError) as info:
        disclosure.item("no-such-item")
    assert info.value.paths == ("$.item",)
    with pytest.raises(InputError):
        disclosure.item(3)  # type: ignore[arg-type]


def test_working_day_item_across_national_day_2025() -> None:
    # 2025-09-26 (Fri) + 20 working days: 9/28 (make-up Sunday), 9/29, 9/30, [10/1-10/8 holiday],
    # 10/9, 10/10, 10/11 (make-up Saturday), 10/13-17, 10/20-24, 10/27-30 → 2025-10-30.
    due = disclosure.deadline("first-set-results", D(2025, 9, 26))
    assert due.due == D(2025, 10, 30)
    # The catalog repeats 第二十六条's 20 working days: equal dates, the higher rank is the basis.
    assert due.basis.source == "ceiling"
    assert due.basis.rank == "administrative_regulation"
    assert due.basis.period == Period(20, PeriodUnit.WORKING_DAY)
    assert [(c.source, c.due) for c in due.candidates] == [
        ("ceiling", D(2025, 10, 30)),
        ("catalog", D(2025, 10, 30)),
    ]
    assert due.conflicts == ()
    old = disclosure.deadline(
        "first-set-results", D(2025, 9, 26), parameters={"article_26_role": "fallback"}
    )
    assert old.due == D(2025, 10, 30)
    assert [c.source for c in old.candidates] == ["catalog"]


def test_budget_statute_binds_when_earlier() -> None:
    # Approved 2026-01-20: 预算法 第十四条 20 days → 2026-02-09 (Mon); the catalog's 20 working
    # days → 2026-02-24 (after Spring Festival). The earlier binds.
    due = disclosure.deadline("annual-budget", "2026-01-20")
    assert due.due == D(2026, 2, 9)
    assert due.basis.source == "statute"
    assert due.basis.citation.article == "第十四条"
    by_source = {c.source: c.due for c in due.candidates}
    assert by_source == {"catalog": D(2026, 2, 24), "statute": D(2026, 2, 9)}
    assert due.notes  # says that both were considered


def test_final_accounts_also_governed_by_budget_law() -> None:
    due = disclosure.deadline("annual-final-accounts", D(2026, 1, 20))
    assert due.due == D(2026, 2, 9)
    assert {c.source for c in due.candidates} == {"catalog", "statute"}


def test_budget_statute_period_rolls_past_spring_festival() -> None:
    # 2026-01-26 + 20 days = 2026-02-15, inside Spring Festival (2/15-2/23) → 2026-02-24 (第203条).
    # The catalog's 20 working days from 2026-01-26: 1/27-1/30 (4), 2/2-2/6 (9), 2/9-2/13 (14),
    # 2/14 make-up Saturday (15), 2/24-2/27 (19), 2/28 make-up Saturday (20).
    due = disclosure.deadline("annual-budget", D(2026, 1, 26))
    assert due.due == D(2026, 2, 24)
    assert {c.source: c.due for c in due.candidates}["catalog"] == D(2026, 2, 28)


FALLBACK = {"article_26_role": "fallback"}


def test_normative_documents_thirty_days_after_cleanup() -> None:
    # 据实动态公开 in the catalog; 第五十一条 (a government rule): 30 days after the clean-up
    # → 2025-04-02. 第二十六条's 20 working days from Monday 2025-03-03 end on Monday 3/31
    # (3/4-3/7, 3/10-14, 3/17-21, 3/24-28, 3/31) and bind: a 规章 can only add a limit.
    due = disclosure.deadline("normative-documents", D(2025, 3, 3))
    assert due.due == D(2025, 3, 31)
    assert due.basis.source == "ceiling"
    by_source = {c.source: c for c in due.candidates}
    assert by_source["statute"].due == D(2025, 4, 2)
    assert by_source["statute"].citation.article == "第五十一条"
    assert by_source["statute"].rank == "government_rule"
    old = disclosure.deadline("normative-documents", D(2025, 3, 3), parameters=FALLBACK)
    assert old.due == D(2025, 4, 2)
    assert old.basis.source == "statute"


def test_normative_cleanup_period_last_day_on_weekend_rolls() -> None:
    # 2025-03-06 + 30 days = 2025-04-05 (Sat, inside Qingming 4/4-4/6) → 2025-04-07 (第203条);
    # the ceiling, 20 working days from Thursday 3/6, ends on Thursday 4/3.
    due = disclosure.deadline("normative-documents", D(2025, 3, 6))
    assert due.due == D(2025, 4, 3)
    assert {c.source: c.due for c in due.candidates}["statute"] == D(2025, 4, 7)
    old = disclosure.deadline("normative-documents", D(2025, 3, 6), parameters=FALLBACK)
    assert old.due == D(2025, 4, 7)


@pytest.mark.parametrize("item_id", ["foi-basics", "power-lists", "other-documents"])
@pytest.mark.parametrize("role", ["ceiling", "fallback"])
def test_items_without_fixed_limit_take_article_26(item_id: str, role: str) -> None:
    due = disclosure.deadline(item_id, D(2025, 9, 26), parameters={"article_26_role": role})
    assert due.basis.source == role
    assert due.basis.citation.article == "第二十六条"
    assert due.due == D(2025, 10, 30)
    assert any("第二十六条" in n.zh for n in due.notes)


def test_proposals_one_month_from_reply_ending_on_make_up_saturday() -> None:
    # 2026-01-31 + 1个月 → 2026-02-28 (month end, 第202条), a make-up working day: no roll.
    due = disclosure.deadline("proposals", D(2026, 1, 31))
    assert due.due == D(2026, 2, 28)
    assert due.basis.period == Period(1, PeriodUnit.MONTH)
    assert "答复" in due.basis.event.zh


def test_proposals_month_end_on_ordinary_weekend_rolls() -> None:
    # 2025-01-03 + 1个月 → 2025-02-03, inside Spring Festival 2025 (1/28-2/4) → 2025-02-05.
    assert disclosure.deadline("proposals", D(2025, 1, 3)).due == D(2025, 2, 5)


def test_ferroalloy_plan_one_year_is_capped_by_article_26() -> None:
    # The catalog's 一年: 2025-03-01 + 1年 → 2026-03-01 (Sun) → 2026-03-02; the ceiling of
    # 20 working days from Saturday 2025-03-01 ends on Friday 2025-03-28 and binds.
    due = disclosure.deadline("ferroalloy-replacement", D(2025, 3, 1))
    assert due.due == D(2025, 3, 28)
    assert {c.source: c.due for c in due.candidates}["catalog"] == D(2026, 3, 2)
    old = disclosure.deadline("ferroalloy-replacement", D(2025, 3, 1), parameters=FALLBACK)
    assert old.due == D(2026, 3, 2)
    assert old.conflicts == ()


def test_every_item_has_a_deadline() -> None:
    for entry in disclosure.catalog():
        due = disclosure.deadline(entry.id, D(2025, 6, 3))
        assert due.due > D(2025, 6, 3)
        assert due.basis.citation.text


def test_deadline_parameter_override() -> None:
    due = disclosure.deadline(
        "annual-budget", D(2026, 1, 20), parameters={"budget_law_period": "10日"}
    )
    assert due.due == D(2026, 1, 30)
    with pytest.raises(InputError) as info:
        disclosure.deadline("annual-budget", D(2026, 1, 20), parameters={"nope": 1})
    assert info.value.paths == ("$.parameters.nope",)


def test_deadline_bad_date() -> None:
    with pytest.raises(InputError) as info:
        disclosure.deadline("annual-budget", "2026-13-01")
    assert info.value.paths == ("$.formed_on",)


def test_evaluate_published_on_time() -> None:
    d = evaluate(
        {"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-10-30"},
        D(2025, 11, 3),
    )
    assert d.status.value == "eligible"
    f = d.finding("disclosure.on_time")
    assert f.status.value == "met"
    assert d.results["due"] == D(2025, 10, 30)
    assert d.results["late_working_days"] == 0


def test_evaluate_published_one_working_day_late() -> None:
    d = evaluate(
        {"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-10-31"},
        D(2025, 11, 3),
    )
    assert d.status.value == "ineligible"
    assert d.finding("disclosure.on_time").status.value == "not_met"
    assert d.results["late_working_days"] == 1
    out = d.to_dict()
    assert out["results"]["due"] == "2025-10-30"
    assert out["results"]["late_working_days"] == 1


def test_evaluate_budget_late_counts_working_days() -> None:
    d = evaluate(
        {"item": "annual-budget", "formed_on": "2026-01-20", "published_on": "2026-02-25"},
        D(2026, 3, 2),
    )
    assert d.results["due"] == D(2026, 2, 9)
    # 2/10-2/13, 2/14 (make-up Saturday), 2/24, 2/25.
    assert d.results["late_working_days"] == 7
    assert d.finding("disclosure.on_time").citation.article == "第十四条"


def test_unpublished_is_met_until_due_then_not_met() -> None:
    facts = {"item": "first-set-results", "formed_on": "2025-09-26"}
    assert evaluate(facts, D(2025, 10, 30)).status.value == "eligible"
    late = evaluate(facts, D(2025, 10, 31))
    assert late.status.value == "ineligible"
    assert late.results["late_working_days"] == 1
    assert late.results["published"] is False


def test_published_before_formed_is_input_error() -> None:
    with pytest.raises(InputError) as info:
        evaluate(
            {"item": "annual-budget", "formed_on": "2026-01-20", "published_on": "2026-01-19"},
            D(2026, 3, 2),
        )
    assert info.value.paths == ("$.published_on",)


def test_evaluate_collects_every_problem() -> None:
    with pytest.raises(InputError) as info:
        evaluate({"formed_on": "20 Jan", "published_on": 5, "extra": True}, D(2026, 3, 2))
    assert set(info.value.paths) == {"$.item", "$.formed_on", "$.published_on", "$.extra"}
    for problem in info.value.problems:
        assert problem.path in str(info.value)


def test_unknown_item_in_facts() -> None:
    with pytest.raises(InputError) as info:
        evaluate({"item": "nope", "formed_on": "2026-01-20"}, D(2026, 3, 2))
    assert info.value.paths == ("$.item",)


def test_not_in_force_before_2019_regulation() -> None:
    with pytest.raises(NotInForce) as info:
        evaluate({"item": "annual-budget", "formed_on": "2019-01-02"}, D(2019, 5, 14))
    assert info.value.start == D(2019, 5, 15)


def test_explain_and_markdown_quote_the_law() -> None:
    d = evaluate({"item": "annual-budget", "formed_on": "2026-01-20"}, D(2026, 3, 2))
    zh = d.explain("zh")
    assert "第十四条" in zh
    assert "二十日内" in zh
    en = d.explain("en")
    assert "working day" in en
    md = d.to_markdown("en")
    assert "| `disclosure.on_time` |" in md
    assert "<table>" in d._repr_html_()


def test_published_on_a_rest_day_after_the_due_date_is_late() -> None:
    # foi-basics formed 2025-06-06: 20 working days (Dragon Boat 5/31-6/2 already past) end on
    # Friday 2025-07-04. Published on Saturday 2025-07-05: late by 1 day, and no working day
    # lies strictly after the due date up to the publication day: 0 working days late.
    d = evaluate(
        {"item": "foi-basics", "formed_on": "2025-06-06", "published_on": "2025-07-05"},
        D(2025, 7, 10),
    )
    assert d.results["due"] == D(2025, 7, 4)
    assert d.finding("disclosure.on_time").status.value == "not_met"
    assert d.results["late_days"] == 1
    assert d.results["late_working_days"] == 0
    assert d.finding("disclosure.on_time").gap == 0
    assert "晚于" in d.finding("disclosure.on_time").message.zh
    assert "没有工作日" in d.finding("disclosure.on_time").message.zh
    assert "no working day" in d.finding("disclosure.on_time").message.en
    unpublished = evaluate({"item": "foi-basics", "formed_on": "2025-06-06"}, D(2025, 7, 5))
    assert unpublished.finding("disclosure.on_time").status.value == "not_met"
    assert unpublished.results["late_days"] == 1
    assert unpublished.results["late_working_days"] == 0
    monday = evaluate({"item": "foi-basics", "formed_on": "2025-06-06"}, D(2025, 7, 7))
    assert (monday.results["late_days"], monday.results["late_working_days"]) == (3, 1)


def test_publication_after_the_evaluation_date_counts_as_not_yet_published() -> None:
    facts = {"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-10-20"}
    d = evaluate(facts, D(2025, 10, 1))
    assert d.status.value == "eligible"
    assert d.results["published"] is False
    assert any("after the evaluation date" in n.en for n in d.notes)
    late = evaluate({**facts, "published_on": "2025-11-20"}, D(2025, 11, 3))
    assert late.status.value == "ineligible"
    assert late.results["published"] is False


def test_item_and_date_problems_are_reported_with_the_others() -> None:
    with pytest.raises(InputError) as info:
        evaluate({"item": "nope", "formed_on": "x", "zz": 1}, D(2026, 3, 2))
    assert set(info.value.paths) == {"$.item", "$.formed_on", "$.zz"}


def test_statute_limit_alone_is_explained() -> None:
    old = disclosure.deadline("normative-documents", D(2025, 3, 10), parameters=FALLBACK)
    assert [c.source for c in old.candidates] == ["statute"]
    assert "据实动态公开" in old.notes[0].zh
    assert "第五十一条" in old.notes[0].zh
    due = disclosure.deadline("normative-documents", D(2025, 3, 10))
    assert [c.source for c in due.candidates] == ["ceiling", "statute"]
    assert "据实动态公开" in due.notes[0].zh
    assert "第二十六条" in due.notes[0].zh
    # 30日 → 2025-04-09, later than the ceiling (2025-04-08): said, and not a catalog conflict.
    assert any("第五十一条" in n.zh and "不能延长" in n.zh for n in due.notes)
    assert due.conflicts == ()


def test_deadline_to_dict_is_json_ready() -> None:
    import json

    out = disclosure.deadline("annual-budget", D(2026, 1, 20)).to_dict()
    json.dumps(out, ensure_ascii=False)
    assert out["due"] == "2026-02-09"
    assert out["basis"]["source"] == "statute"
    assert out["basis"]["rank"] == "law"
    assert [c["source"] for c in out["candidates"]] == ["statute", "catalog"]
    assert [c["catalog_due"] for c in out["conflicts"]] == ["2026-02-24"]


def test_deadline_is_the_due_date_carrying_its_basis() -> None:
    import pickle

    due = disclosure.deadline("annual-budget", D(2026, 1, 20))
    assert due == D(2026, 2, 9)
    assert isinstance(due, dt.date)
    assert due.due == D(2026, 2, 9)
    assert type(due.due) is dt.date
    assert due.item_id == "annual-budget"
    assert due.formed_on == D(2026, 1, 20)
    assert due.basis.source == "statute"
    assert pickle.loads(pickle.dumps(due)) == due
    assert due + dt.timedelta(days=1) == D(2026, 2, 10)
    assert "DueDate(2026-02-09" in repr(due)
