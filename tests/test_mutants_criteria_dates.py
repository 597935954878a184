"""Dates within a period (criteria_dates), pinned where mutation testing found them loose
(docs/mutation.md): the last day of a period under each boundary (民法典 第二百零一条 to
第二百零三条, or the start day counted), at month ends, year ends and the end of the calendar;
every comparison on both sides of the last day (第一千二百五十九条); and the full explanation of
each status, with the measured date, the last day and the days to spare or beyond."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from nmgpolicy.criteria import Compare
from nmgpolicy.criteria_dates import (
    EVALUATION_DATE,
    Boundary,
    PeriodWording,
    WithinPeriod,
    last_day,
    within_period_status,
)
from nmgpolicy.definition import Fact, Measure, Param, Row
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import Period, PeriodUnit

D = dt.date
ON = D(2025, 7, 1)
YEARS_2 = Period(2, PeriodUnit.YEAR)
TWO_YEARS = Measure("two_years", lambda row: YEARS_2)
MET, NOT_MET, UNKNOWN, REVIEW = Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.REVIEW


@attrs.frozen
class _Dates:
    start: D | None = None
    date: D | None = None


def _row(start: D | None = None, date: D | None = None, on: D = ON) -> Row:
    data = load_parameters("first_set")
    return Row(_Dates(start, date), Context(on=on, params=data.resolve(on), data=data))


def _within(**options: object) -> WithinPeriod:
    return WithinPeriod(
        "test.within",
        start=Fact("start"),
        date=Fact("date"),
        period=options.pop("period", TWO_YEARS),  # type: ignore[arg-type]
        **options,  # type: ignore[arg-type]
    )


# ---- the last day --------------------


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (D(2025, 1, 31), Period(1, PeriodUnit.MONTH), D(2025, 2, 28)),  # no 31 February
        (D(2025, 1, 30), Period(1, PeriodUnit.MONTH), D(2025, 2, 28)),
        (D(2025, 2, 28), Period(1, PeriodUnit.MONTH), D(2025, 3, 27)),
        (D(2025, 11, 15), Period(2, PeriodUnit.MONTH), D(2026, 1, 14)),  # across the year end
        (D(2024, 12, 31), Period(14, PeriodUnit.MONTH), D(2026, 2, 28)),
        (D(2024, 3, 1), YEARS_2, D(2026, 2, 28)),
        (D(2025, 1, 1), Period(1, PeriodUnit.DAY), D(2025, 1, 1)),  # the start day is day 1
        (D(2025, 1, 1), Period(0, PeriodUnit.DAY), D(2025, 1, 1)),
        # 2025-09-30 is a working day and counts as the first; 1–8 October are holidays and
        # 11 October (a Saturday) a working day
        (D(2025, 9, 30), Period(5, PeriodUnit.WORKING_DAY), D(2025, 10, 13)),
        (D(9998, 6, 1), Period(1, PeriodUnit.YEAR), D(9999, 5, 31)),
        (D(9999, 1, 1), Period(1, PeriodUnit.YEAR), D(9999, 12, 31)),  # the calendar's last day
        (D(9999, 1, 2), Period(1, PeriodUnit.YEAR), None),
        (D(9999, 12, 31), Period(1, PeriodUnit.DAY), D(9999, 12, 31)),
        (D(9999, 12, 31), Period(2, PeriodUnit.DAY), None),
        (D(9999, 12, 1), Period(1, PeriodUnit.MONTH), D(9999, 12, 31)),
        (D(9999, 12, 2), Period(1, PeriodUnit.MONTH), None),
    ],
)
def test_the_last_day_when_the_start_day_is_the_first(
    start: D, period: Period, end: D | None
) -> None:
    assert last_day(start, period, Boundary.DAY_BEFORE) == end
    assert last_day(start, period, "day_before") == end


def test_the_last_day_when_the_start_day_is_not_counted() -> None:
    five = Period(5, PeriodUnit.WORKING_DAY)
    assert last_day(D(2025, 9, 30), five, Boundary.CORRESPONDING_DAY) == D(2025, 10, 14)
    assert last_day(D(2025, 9, 30), five, Boundary.REST_DAY_ROLL) == D(2025, 10, 14)
    assert last_day(D(2024, 2, 29), YEARS_2, "corresponding_day") == D(2026, 2, 28)
    # 2025-10-01 falls in the National Day holiday: only the roll moves it
    assert last_day(D(2023, 10, 1), YEARS_2, "corresponding_day") == D(2025, 10, 1)
    assert last_day(D(2023, 10, 1), YEARS_2, "rest_day_roll") == D(2025, 10, 9)
    assert last_day(D(9998, 6, 1), YEARS_2, Boundary.REST_DAY_ROLL) is None
    with pytest.raises(ValueError, match="anniversary"):
        last_day(D(2025, 1, 1), YEARS_2, "anniversary")


# ---- the status --------------------

LAST = D(2026, 3, 1)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("compare", "before", "on_last", "after"),
    [
        (Compare.AT_MOST, MET, MET, NOT_MET),
        (Compare.BELOW, MET, NOT_MET, NOT_MET),
        (Compare.AT_LEAST, NOT_MET, MET, MET),
        (Compare.ABOVE, NOT_MET, NOT_MET, MET),
    ],
)
def test_each_comparison_on_both_sides_of_the_last_day_hard_and_soft(
    compare: Compare, before: Status, on_last: Status, after: Status
) -> None:
    start = D(2024, 3, 1)
    for date, status in ((LAST - DAY, before), (LAST, on_last), (LAST + DAY, after)):
        assert within_period_status(start, date, LAST, compare) is status
        soft = REVIEW if status is NOT_MET else MET
        assert within_period_status(start, date, LAST, compare, soft=True) is soft
    assert within_period_status(None, LAST, LAST, compare) is UNKNOWN
    assert within_period_status(start, None, LAST, compare, soft=True) is UNKNOWN
    # a period ending after the calendar: an upper bound holds, a lower one does not
    endless = MET if compare in (Compare.AT_MOST, Compare.BELOW) else NOT_MET
    assert within_period_status(start, LAST, None, compare) is endless


# ---- the criterion --------------------

CORRESPONDING = "2年按《民法典》第二百零二条计至到期月的对应日至2026-03-01"
CORRESPONDING_EN = (
    "2 years counted to the corresponding day under Civil Code art. 202 end on 2026-03-01"
)


def test_within_the_period_on_the_last_day_and_after_it() -> None:
    criterion = _within(result="last")
    row = _row(D(2024, 3, 1), LAST)
    met = criterion.decide(row)
    assert (met.status, met.measured, met.required, met.gap) == (MET, LAST, LAST, 0)
    assert met.message == Message(
        f"起算日2024-03-01，核对日2026-03-01；{CORRESPONDING}，未超过，符合。",
        f"From 2024-03-01 to 2026-03-01; {CORRESPONDING_EN}: within, met.",
    )
    assert row.results["last"] == LAST
    early = criterion.decide(_row(D(2024, 3, 1), D(2026, 2, 26)))
    assert (early.status, early.gap) == (MET, 3)  # three days to spare
    late = criterion.decide(_row(D(2024, 3, 1), D(2026, 3, 3)))
    assert (late.status, late.gap) == (NOT_MET, -2)
    assert late.message == Message(
        f"起算日2024-03-01，核对日2026-03-03；{CORRESPONDING}，超过2日，不符合。",
        f"From 2024-03-01 to 2026-03-03; {CORRESPONDING_EN}, exceeded by 2 day(s): not met.",
    )


def test_a_soft_limit_beyond_its_last_day_needs_review() -> None:
    review = _within(soft=True).decide(_row(D(2024, 3, 1), D(2026, 3, 2)))
    assert review.status is REVIEW
    assert review.message == Message(
        f"起算日2024-03-01，核对日2026-03-02；{CORRESPONDING}，超过1日；规定为“一般不超过”，需审查。",
        f"From 2024-03-01 to 2026-03-02; {CORRESPONDING_EN}, exceeded by 1 day(s); the rule says "
        "'usually no more than', so a reviewer decides.",
    )


def test_a_lower_bound_counts_its_margin_the_other_way() -> None:
    reached = _within(compare=Compare.AT_LEAST)
    after = reached.decide(_row(D(2024, 3, 1), D(2026, 3, 4)))
    assert (after.status, after.gap) == (MET, 3)
    before = reached.decide(_row(D(2024, 3, 1), D(2026, 2, 27)))
    assert (before.status, before.gap) == (NOT_MET, -2)
    assert "超过2日，不符合" in before.message.zh
    passed = _within(compare=Compare.ABOVE).decide(_row(D(2024, 3, 1), LAST))
    assert (passed.status, passed.gap) == (NOT_MET, 0)
    short = _within(compare=Compare.BELOW).decide(_row(D(2024, 3, 1), LAST))
    assert (short.status, short.gap) == (NOT_MET, 0)


def test_each_boundary_names_how_it_counts() -> None:
    day_before = _within(boundary=Boundary.DAY_BEFORE).decide(_row(D(2024, 3, 1), LAST))
    assert (day_before.status, day_before.required) == (NOT_MET, D(2026, 2, 28))
    assert day_before.message.zh == (
        "起算日2024-03-01，核对日2026-03-01；2年自起算日当日起计至周年日的前一日至2026-02-28，"
        "超过1日，不符合。"
    )
    assert "counted from the start day itself to the day before the anniversary" in (
        day_before.message.en
    )
    rolled = _within(boundary=Boundary.REST_DAY_ROLL).decide(_row(D(2023, 10, 1), D(2025, 10, 9)))
    assert (rolled.status, rolled.required) == (MET, D(2025, 10, 9))
    assert "2年按《民法典》第二百零二条、第二百零三条（遇法定休假日顺延）计至2025-10-09" in (
        rolled.message.zh
    )
    assert "counted under Civil Code arts. 202 and 203 (rolled past rest days)" in rolled.message.en


def test_a_boundary_read_from_a_parameter_or_a_fact() -> None:
    by_parameter = _within(boundary=Param("completion_age_end"))
    assert by_parameter.decide(_row(D(2024, 3, 1), LAST)).required == LAST  # corresponding_day
    data = load_parameters("first_set")
    params = data.resolve(ON, {"completion_age_end": "rest_day_roll"})
    row = Row(_Dates(D(2023, 10, 1), LAST), Context(on=ON, params=params, data=data))
    assert by_parameter.decide(row).required == D(2025, 10, 9)
    as_value = _within(boundary=Measure("rule", lambda row: Boundary.DAY_BEFORE))
    assert as_value.decide(_row(D(2024, 3, 1), LAST)).required == D(2026, 2, 28)


def test_missing_dates_and_an_endless_period() -> None:
    criterion = _within(result="last")
    row = _row(D(2024, 3, 1), None)
    missing = criterion.decide(row)
    assert (missing.status, missing.required, missing.measured) == (UNKNOWN, YEARS_2, None)
    assert missing.message == Message(
        "缺少事实：核对日期（要求不超过2年）。",
        "Fact missing: the date checked (required: no more than 2 years).",
    )
    assert "last" not in row.results
    both = criterion.decide(_row())
    assert both.message.zh == "缺少事实：起算日期、核对日期（要求不超过2年）。"
    assert both.message.en.startswith("Fact missing: the start date and the date checked")
    row = _row(D(9998, 3, 1), D(9999, 3, 2))
    endless = criterion.decide(row)
    assert (endless.status, endless.measured, endless.required, endless.gap) == (
        MET,
        D(9999, 3, 2),
        None,
        None,
    )
    assert endless.message == Message(
        "起算日9998-03-01，核对日9999-03-02，未超过2年，符合。",
        "From 9998-03-01 to 9999-03-02: within 2 years: met.",
    )
    assert row.results["last"] is None


def test_a_rule_set_words_the_period_its_own_way() -> None:
    words = Message("自起算日计", "counted from the start")
    wording = PeriodWording(how=((Boundary.DAY_BEFORE, words),))
    assert wording.how_words(Boundary.DAY_BEFORE) is words
    assert wording.how_words(Boundary.CORRESPONDING_DAY).zh.startswith("按《民法典》第二百零二条")
    assert PeriodWording().how_words(Boundary.REST_DAY_ROLL).en.startswith("counted under")
    own = _within(
        boundary=Boundary.DAY_BEFORE,
        wording=PeriodWording(
            how=((Boundary.DAY_BEFORE, words),),
            not_met=Message("{period}{how}：超{over}日；余{spare}", "{over} over, {spare} spare"),
        ),
    )
    f = own.decide(_row(D(2024, 3, 1), LAST))
    assert f.message == Message("2年自起算日计：超1日；余-1", "1 over, -1 spare")


def test_the_evaluation_date_as_a_date_to_check() -> None:
    assert EVALUATION_DATE.value(_row()) == ON
    fresh = WithinPeriod("test.fresh", start=Fact("start"), date=EVALUATION_DATE, period=TWO_YEARS)
    assert fresh.decide(_row(D(2023, 7, 1))).status is MET
    assert fresh.decide(_row(D(2023, 6, 30))).status is NOT_MET
