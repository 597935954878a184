"""The disclosure rule set as one definition, and the deadline kind it is made of.

``nmgpolicy.criteria_deadlines.ActWithin`` is tested on its own (a period counted from an event,
the four outcomes, an act or an event after the evaluation date, a year with no schedule) and as
the disclosure definition uses it (a due date the catalog's limits combine into). Expected dates
are counted by hand on the State Council's schedules.
"""

from __future__ import annotations

import ast
import datetime as dt
import pickle
from pathlib import Path

import pytest

import nmgpolicy
from nmgpolicy import disclosure, periods
from nmgpolicy.criteria_deadlines import (
    ActWithin,
    Due,
    Timing,
    deadline_text,
    end_not_before,
    lateness_text,
)
from nmgpolicy.definition import Definition, Fact, Measure, Param
from nmgpolicy.engine import Context
from nmgpolicy.errors import CalendarNotCovered
from nmgpolicy.outcome import Finding, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import Period, PeriodUnit
from nmgpolicy.rules import disclosure as rules
from nmgpolicy.rules.disclosure import DEFINITION, ON_TIME, DisclosureFacts

D = dt.date
SRC = Path(__file__).resolve().parents[2] / "src" / "nmgpolicy"
TWENTY = Period(20, PeriodUnit.WORKING_DAY)

# A definition with the kind's other form: 第二十六条's period parameter counted from the event.
PLAIN = Definition(
    "disclosure",
    DisclosureFacts,
    criteria=(
        ActWithin(
            "disclosure.on_time",
            done=Fact("published_on"),
            event=Fact("formed_on"),
            period=Param("default_period"),
        ),
    ),
)


def plain(formed: D, published: D | None, on: D) -> tuple[Context, Status, Finding]:
    data = load_parameters("disclosure")
    ctx = Context(on=on, params=data.resolve(on, None), data=data)
    findings, _ = PLAIN.decide(DisclosureFacts("agency-functions", formed, published), ctx)
    (finding,) = findings
    return ctx, finding.status, finding


# --------------------------------------------------------------------------------------------
# The definition
# --------------------------------------------------------------------------------------------


def test_the_definition_is_one_deadline_criterion_reading_the_facts_and_the_limits() -> None:
    assert nmgpolicy.get_ruleset("disclosure").definition is DEFINITION  # type: ignore[attr-defined]
    assert [c.id for c in DEFINITION.walk()] == ["disclosure.on_time"]
    assert DEFINITION.criterion("disclosure.on_time") is ON_TIME
    assert ON_TIME.kind == "deadline"
    refs = ON_TIME.references()
    assert Fact("published_on") in refs and Fact("formed_on") in refs
    assert [r.name for r in refs if isinstance(r, Measure)] == ["due"]
    # every parameter of the data file that the limits read, and nothing else
    assert set(DEFINITION.parameters()) == set(load_parameters("disclosure").parameters)


def test_the_due_measure_is_the_public_deadline() -> None:
    # Ferroalloy plan formed Saturday 2025-03-01: 20 working days end Friday 03-28; the
    # catalog's 一年 ends 2026-03-02 (03-01 is a Sunday), a conflict with the law.
    due = disclosure.deadline("ferroalloy-replacement", "2025-03-01")
    d = nmgpolicy.evaluate(
        "disclosure",
        {"item": "ferroalloy-replacement", "formed_on": "2025-03-01"},
        on=D(2025, 3, 20),
    )
    assert d.results["due"] == due.due == D(2025, 3, 28)
    assert d.results["candidates"] == [c.to_dict() for c in due.candidates]
    assert d.results["conflicts"] == [c.to_dict() for c in due.conflicts]
    assert [n.zh for n in d.notes] == [n.zh for n in due.notes]
    finding = d.finding("disclosure.on_time")
    assert finding.citation == due.basis.citation
    assert (finding.status, finding.gap) == (Status.MET, 6)  # 3/21, 3/24–3/28


def test_display_only_tables_wait_until_read_and_survive_pickling() -> None:
    facts = {"item": "annual-budget", "formed_on": "2026-01-20", "published_on": "2026-02-20"}
    d = nmgpolicy.evaluate("disclosure", facts, on=D(2026, 3, 1))
    again = pickle.loads(pickle.dumps(d))
    assert again == d
    assert again.results["candidates"][0]["source"] == "statute"
    assert d.results["late_days"] == again.results["late_days"] > 0


# --------------------------------------------------------------------------------------------
# The kind: a period from an event
# --------------------------------------------------------------------------------------------


def test_four_outcomes_of_a_period_from_an_event() -> None:
    formed = D(2025, 3, 1)  # due 2025-03-28
    _, status, finding = plain(formed, D(2025, 3, 28), D(2025, 6, 1))
    assert status is Status.MET
    assert finding.message.en.startswith("Done on 2025-03-28, no later than the due date")
    _, status, finding = plain(formed, D(2025, 3, 31), D(2025, 6, 1))
    assert (status, finding.gap) == (Status.NOT_MET, -1)
    assert "3 days late (1 working day)" in finding.message.en
    _, status, finding = plain(formed, None, D(2025, 3, 27))
    assert (status, finding.gap) == (Status.MET, 1)
    _, status, finding = plain(formed, None, D(2025, 3, 29))
    assert (status, finding.gap) == (Status.NOT_MET, 0)
    assert "1 day late (no working day)" in finding.message.en


def test_an_act_or_an_event_after_the_evaluation_date_is_noted() -> None:
    ctx, status, _ = plain(D(2025, 3, 1), D(2025, 3, 20), D(2025, 3, 10))
    assert status is Status.MET  # not yet done on 3/10, and not yet due
    assert [n.en for n in ctx.notes] == [
        "The act dated 2025-03-20 is after the evaluation date 2025-03-10: evaluated as not "
        "yet done on that date."
    ]
    ctx, status, _ = plain(D(2025, 3, 1), None, D(2025, 2, 1))
    assert status is Status.MET
    assert ctx.notes[0].en.startswith("The event 2025-03-01 is after the evaluation date")


def test_pending_status_is_the_rule_sets_choice() -> None:
    strict = ActWithin("x", done=Fact("d"), due=Param("p"), pending=Status.REVIEW)
    assert strict.status(done=False, on_time=True) is Status.REVIEW
    assert strict.status(done=True, on_time=True) is Status.MET
    assert strict.status(done=True, on_time=False) is Status.NOT_MET
    assert ON_TIME.status(done=False, on_time=True) is Status.MET
    with pytest.raises(ValueError, match="needs `due`"):
        ActWithin("x", done=Fact("d"), event=Fact("e"))


# --------------------------------------------------------------------------------------------
# Years with no official schedule
# --------------------------------------------------------------------------------------------


def test_due_of_a_period_into_a_missing_year_keeps_a_lower_bound() -> None:
    assert 2027 not in periods.covered_years()
    assert Due.of(D(2025, 3, 1), TWENTY) == Due(D(2025, 3, 28), D(2025, 3, 28), TWENTY)
    open_due = Due.of(D(2026, 12, 4), TWENTY)
    # 12/7–12/31 hold 19 working days in 2026, so the 20th is in 2027, no earlier than 1/1
    assert (open_due.last_day, open_due.not_before, open_due.needs_year) == (
        None,
        D(2027, 1, 1),
        2027,
    )
    error = open_due.error()
    assert isinstance(error, CalendarNotCovered) and error.year == 2027
    assert "20 working days from 2026-12-04" in error.needed_for
    # a calendar period: its unrolled end, since the 203 roll only moves it later
    assert end_not_before(D(2026, 12, 10), Period(30, PeriodUnit.DAY), 2027) == D(2027, 1, 9)


def test_a_missing_year_is_decided_when_the_status_is_not_when_the_text_is() -> None:
    facts = {"item": "agency-functions", "formed_on": "2026-12-04"}
    with pytest.raises(CalendarNotCovered):  # raised by evaluate, not by reading a message
        nmgpolicy.evaluate("disclosure", facts, on=D(2027, 1, 2))
    d = nmgpolicy.evaluate("disclosure", facts, on=D(2026, 12, 31))
    finding = d.finding("disclosure.on_time")
    assert finding.status is Status.MET
    assert "no earlier than 2027-01-01" in finding.message.en
    assert finding.required.en == "no earlier than 2027-01-01"


def test_the_renderer_looks_nothing_up(monkeypatch: pytest.MonkeyPatch) -> None:
    data = load_parameters("disclosure")
    on = D(2025, 6, 1)
    ctx = Context(on=on, params=data.resolve(on, None), data=data)
    facts = DisclosureFacts("ferroalloy-replacement", D(2025, 3, 1), D(2025, 5, 10))
    (finding,), _ = DEFINITION.decide(facts, ctx)

    def no_calendar(*_: object) -> object:
        raise AssertionError("the renderer read the calendar")

    from nmgpolicy import criteria_deadlines
    from nmgpolicy.rules import _disclosure_limits

    for module in (periods, criteria_deadlines, _disclosure_limits):
        for name in (
            "working_days_between",
            "add_working_days",
            "deadline",
            "period_deadline",
            "period_end",
            "is_working_day",
        ):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, no_calendar)
    assert finding.status is Status.NOT_MET
    assert finding.message.en.endswith("; 43 days late (27 working days).")
    assert (finding.measured, finding.required, finding.gap) == (
        D(2025, 5, 10),
        D(2025, 3, 28),
        -27,
    )


def test_lateness_and_its_text() -> None:
    timing = Timing.of(D(2026, 2, 13), D(2026, 2, 15))  # Saturday 2/14 a make-up working day
    assert timing == Timing(on_time=False, late_days=2, late_working_days=1, gap=-1)
    assert lateness_text(timing).zh == "逾期2日（其中1个工作日）"
    early = Timing.of(D(2026, 2, 13), D(2026, 2, 10))
    assert (early.on_time, early.late_days, early.late_working_days, early.gap) == (
        True,
        0,
        0,
        3,
    )
    uncounted = Timing.of(D(2026, 12, 24), D(2027, 1, 5))
    assert (uncounted.late_working_days, uncounted.gap, uncounted.missing_year) == (
        None,
        None,
        2027,
    )
    assert "2027" in lateness_text(uncounted).en


def test_text_of_a_missing_event() -> None:
    from nmgpolicy.criteria_deadlines import ACT, Assessment

    message, measured, required, gap = deadline_text(
        ACT, Assessment(Status.UNKNOWN, D(2025, 1, 1), None, None, None)
    )
    assert message.zh.startswith("缺少事实")
    assert (measured, required, gap) == (None, None, None)


# --------------------------------------------------------------------------------------------
# Size: readable beside the article
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "module",
    [
        "rules/disclosure.py",
        "rules/_disclosure_limits.py",
        "rules/_disclosure_words.py",
        "rules/_disclosure_types.py",
        "criteria_deadlines.py",
        "catalog.py",
    ],
)
def test_no_function_or_class_over_a_hundred_lines(module: str) -> None:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    long = [
        (node.name, node.end_lineno - node.lineno + 1)  # type: ignore[operator]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
        and node.end_lineno - node.lineno + 1 > 100  # type: ignore[operator]
    ]
    assert long == []
    assert len((SRC / "rules/disclosure.py").read_text(encoding="utf-8").splitlines()) < 300


def test_public_names_stay() -> None:
    for name in ("deadline", "catalog", "item", "load_catalog", "DueDate", "Deadline"):
        assert getattr(disclosure, name) is getattr(rules, name)
    assert rules.DueDate.__module__ == "nmgpolicy.rules.disclosure"
    assert rules.CATALOG_TITLE == "包头市工业和信息化局主动公开事项目录"
