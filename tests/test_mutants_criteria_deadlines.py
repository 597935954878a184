"""An act due within a period from an event (criteria_deadlines), pinned where mutation testing
found it loose (docs/mutation.md): the proven lower bound of a period that reaches a year with no
official schedule, an act dated on the evaluation date, the binding limit named in the message,
the binding flag and citation of the finding, and the wording of each outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy.criteria_deadlines import ACT, ActWithin, ActWording, Due, Timing, end_not_before
from nmgpolicy.definition import Fact, Measure, Param, Row
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import Period, PeriodUnit

D = dt.date
TWENTY = Period(20, PeriodUnit.WORKING_DAY)


@attrs.frozen
class _Facts:
    event: D | None = None
    done: D | None = None


def _decide(criterion: ActWithin, facts: _Facts, on: D, ruleset: str = "disclosure") -> Any:
    data = load_parameters(ruleset)
    ctx = Context(on=on, params=data.resolve(on, None), data=data)
    return criterion.decide(Row(facts, ctx)), ctx


def _act(cid: str = "disclosure.on_time", **options: object) -> ActWithin:
    return ActWithin(
        cid,
        done=Fact("done"),
        event=Fact("event"),
        period=Param("default_period"),
        **options,  # type: ignore[arg-type]
    )


# ---- the lower bound of a period into a missing year -------------------------------------------


def test_working_days_left_after_the_covered_year_fit_no_earlier_than_they_can() -> None:
    # 2026-12-25, 28, 29, 30 and 31 are the 5 working days after 12-24: 15 are left for 2027,
    # and the 15th day of 2027 is the earliest the 15th working day can be
    assert end_not_before(D(2026, 12, 24), TWENTY, 2027) == D(2027, 1, 15)
    # from inside the missing year, n working days never end before n calendar days
    assert end_not_before(D(2027, 1, 5), TWENTY, 2027) == D(2027, 1, 25)
    assert end_not_before(D(2026, 12, 30), TWENTY, 2027) == D(2027, 1, 19)
    # a calendar period ends no earlier than its unrolled end, nor than 1 January
    month = Period(1, PeriodUnit.MONTH)
    assert end_not_before(D(2026, 12, 24), month, 2027) == D(2027, 1, 24)
    assert end_not_before(D(2026, 11, 24), month, 2027) == D(2027, 1, 1)
    assert end_not_before(D(2026, 12, 24), TWENTY, 10000) == D(9999, 12, 31)


def test_a_due_date_shows_its_dates_not_its_error_builder() -> None:
    open_due = Due.of(D(2026, 12, 4), TWENTY)
    assert open_due.needs_year == 2027 and open_due.error().year == 2027
    assert "missing" not in repr(open_due)
    assert Due(None, D(2027, 1, 1), needs_year=2027).error().year == 2027


# ---- the outcomes -------------------------------------------------------------------------------


def test_an_act_dated_on_the_evaluation_date_is_done() -> None:
    finding, ctx = _decide(_act(), _Facts(D(2025, 3, 1), D(2025, 3, 10)), on=D(2025, 3, 10))
    assert finding.status is Status.MET
    assert finding.measured == D(2025, 3, 10)
    assert ctx.notes == []
    assert finding.message.zh.startswith("已于2025-03-10完成，不晚于期限2025-03-28")


def test_the_message_names_the_limit_that_binds() -> None:
    citation = load_parameters("disclosure").parameters["default_period"].citation
    assert citation is not None
    due = Due(D(2025, 3, 28), D(2025, 3, 28), TWENTY, citation)
    measure = ActWithin("disclosure.on_time", done=Fact("done"), due=Param("x"))
    finding, _ = _decide(
        attrs.evolve(measure, due=_fixed(due)), _Facts(done=D(2025, 3, 20)), on=D(2025, 6, 1)
    )
    assert finding.message == Message(
        f"已于2025-03-20完成，不晚于期限2025-03-28（{citation.label}：20个工作日）。",
        f"Done on 2025-03-20, no later than the due date 2025-03-28 ({citation.label}: "
        "20 working days).",
    )
    assert finding.citation == citation
    bare = Due(D(2025, 3, 28), D(2025, 3, 28))
    finding, _ = _decide(
        attrs.evolve(measure, due=_fixed(bare)), _Facts(done=D(2025, 3, 20)), on=D(2025, 6, 1)
    )
    assert finding.message.zh == "已于2025-03-20完成，不晚于期限2025-03-28。"


def test_the_finding_is_binding_as_the_data_file_says() -> None:
    due = _fixed(Due(D(2025, 3, 28), D(2025, 3, 28)))
    unit = ActWithin("ferroalloy.unit", done=Fact("done"), due=due)
    finding, _ = _decide(unit, _Facts(done=D(2025, 3, 10)), on=D(2025, 6, 1), ruleset="ferroalloy")
    assert finding.binding is False  # the data file: per-unit findings explain, they do not decide
    finding, _ = _decide(_act("disclosure.unlisted"), _Facts(D(2025, 3, 1)), on=D(2025, 6, 1))
    assert finding.binding is True and finding.citation is None
    finding, _ = _decide(_act(), _Facts(D(2025, 3, 1)), on=D(2025, 6, 1))
    assert finding.binding is True and finding.citation is not None


def test_each_outcome_in_the_generic_wording() -> None:
    assert ActWording() == ACT
    late, _ = _decide(_act(), _Facts(D(2025, 3, 1), D(2025, 3, 31)), on=D(2025, 6, 1))
    assert late.message.zh.startswith("于2025-03-31完成，晚于期限2025-03-28")
    assert late.message.zh.endswith("，逾期3日（其中1个工作日）。")
    pending, _ = _decide(_act(), _Facts(D(2025, 3, 1)), on=D(2025, 3, 27))
    assert pending.message.zh.startswith("截至2025-03-27尚未完成，期限2025-03-28未届满")
    overdue, _ = _decide(_act(), _Facts(D(2025, 3, 1)), on=D(2025, 3, 31))
    assert overdue.message.zh.startswith("截至2025-03-31尚未完成，已超过期限2025-03-28")
    missing, _ = _decide(_act(), _Facts(), on=D(2025, 3, 31))
    assert (missing.status, missing.message) == (Status.UNKNOWN, ACT.missing)


def _fixed(due: Due) -> Measure:
    """A measure giving a fixed due date (as a rule set's measure computes one)."""
    return Measure("due", lambda row: due)


def test_a_period_running_past_the_last_date_is_open_not_an_error() -> None:
    # Formed on 9999-12-25: 20 working days end after 9999-12-31, the last date there is.
    facts = {"item": "first-set-results", "formed_on": "9999-12-25"}
    d = nmgpolicy.evaluate("disclosure", facts, on=dt.date(9999, 12, 31))
    f = d.finding("disclosure.on_time")
    assert d.results["due"] is None
    assert f.status.value == "met"
    assert "但它不早于9999-12-31，尚未届满" in f.message.zh


def test_an_even_number_of_working_days_left_for_the_missing_year() -> None:
    # From Saturday 2026-12-26: 28–31 December are 4 working days, 16 are left for 2027, and the
    # 16th day of 2027 is the earliest the 16th working day can be (later than 20 calendar days).
    assert end_not_before(D(2026, 12, 26), TWENTY, 2027) == D(2027, 1, 16)


def test_a_period_in_the_last_year_is_bounded_within_it() -> None:
    # Formed 9999-06-01 with 9999 not scheduled: 20 working days end no earlier than 9999-06-21.
    assert end_not_before(D(9999, 6, 1), TWENTY, 9999) == D(9999, 6, 21)
    facts = {"item": "first-set-results", "formed_on": "9999-06-01"}
    d = nmgpolicy.evaluate("disclosure", facts, on=D(9999, 6, 10))
    assert "但它不早于9999-06-21，尚未届满" in d.finding("disclosure.on_time").message.zh


@pytest.mark.parametrize("open_due", [False, True])
def test_an_act_not_yet_done_takes_the_pending_status_until_it_is_late(open_due: bool) -> None:
    # A criterion whose pending act is undecided (pending=unknown), not met as disclosure's is.
    due = (
        Due(None, D(2027, 1, 15), TWENTY, None, 2027)
        if open_due
        else Due(D(2025, 3, 28), D(2025, 3, 28), TWENTY)
    )
    act = attrs.evolve(_act(pending=Status.UNKNOWN), due=_fixed(due))
    on = D(2025, 3, 20) if not open_due else D(2026, 12, 31)
    pending, _ = _decide(act, _Facts(D(2025, 3, 1)), on=on)
    assert pending.status is Status.UNKNOWN
    done, _ = _decide(act, _Facts(D(2025, 3, 1), on), on=on)
    assert done.status is Status.MET
    assert act.status(False, True) is Status.UNKNOWN and act.status(True, False) is Status.NOT_MET


def test_an_open_last_day_not_reached_is_on_time_with_no_margin() -> None:
    open_timing = Timing.open()
    assert (open_timing.on_time, open_timing.late_days, open_timing.gap) == (True, 0, None)


def test_a_due_date_is_a_value_and_names_the_year_it_needs() -> None:
    start = D(2026, 12, 24)
    assert Due.of(start, TWENTY) == Due.of(start, TWENTY)  # computed twice, equal
    assert Due(None, D(2028, 1, 5), TWENTY, None, 2027).error().year == 2027
    assert Due(None, D(2027, 3, 1)).error().year == 2027
