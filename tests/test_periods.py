"""Tests of nmgpolicy.periods: legal periods (《民法典》第200–204条) and official working days.

Expected dates are worked out by hand from the State Council's yearly notices:

* 2025 (国办发明电〔2024〕12号): holidays 1/1, 1/28–2/4, 4/4–4/6, 5/1–5/5, 5/31–6/2, 10/1–10/8;
  make-up working days 1/26 (Sun), 2/8 (Sat), 4/27 (Sun), 9/28 (Sun), 10/11 (Sat).
* 2026 (notice of 2025-11-04): holidays 1/1–1/3, 2/15–2/23, 4/4–4/6, 5/1–5/5, 6/19–6/21,
  9/25–9/27, 10/1–10/7; make-up working days 1/4, 2/14, 2/28, 5/9, 9/20, 10/10.
* 2005-12-31 (Sat) was a make-up working day (国办发明电〔2005〕35号), which chinesecalendar
  1.11.0 gets wrong; nmgpolicy/data/calendar.toml corrects it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import chinese_calendar
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy import periods
from nmgpolicy.errors import CalendarNotCovered, InputError
from nmgpolicy.periods import (
    Period,
    PeriodUnit,
    add_working_days,
    covered_years,
    deadline,
    find_period,
    is_working_day,
    next_working_day,
    notice_window,
    parse_period,
    register_year,
    unregister_year,
    working_days_between,
)

D = dt.date
DAY, WD, MONTH, YEAR = PeriodUnit.DAY, PeriodUnit.WORKING_DAY, PeriodUnit.MONTH, PeriodUnit.YEAR
SHIPPED = frozenset(range(2004, 2027))

# --------------------------------------------------------------------------------------------
# The official schedules of 2025 and 2026, transcribed from the State Council's notices
# --------------------------------------------------------------------------------------------


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


HOLIDAYS_2025 = [
    D(2025, 1, 1),
    *_span(D(2025, 1, 28), D(2025, 2, 4)),
    *_span(D(2025, 4, 4), D(2025, 4, 6)),
    *_span(D(2025, 5, 1), D(2025, 5, 5)),
    *_span(D(2025, 5, 31), D(2025, 6, 2)),
    *_span(D(2025, 10, 1), D(2025, 10, 8)),
]
MAKEUP_2025 = [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]
HOLIDAYS_2026 = [
    *_span(D(2026, 1, 1), D(2026, 1, 3)),
    *_span(D(2026, 2, 15), D(2026, 2, 23)),
    *_span(D(2026, 4, 4), D(2026, 4, 6)),
    *_span(D(2026, 5, 1), D(2026, 5, 5)),
    *_span(D(2026, 6, 19), D(2026, 6, 21)),
    *_span(D(2026, 9, 25), D(2026, 9, 27)),
    *_span(D(2026, 10, 1), D(2026, 10, 7)),
]
MAKEUP_2026 = [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20)]
MAKEUP_2026.append(D(2026, 10, 10))


def _official(day: dt.date) -> bool:
    """Working-day status from the transcribed 2025/2026 schedules (an independent oracle)."""
    if day in MAKEUP_2025 or day in MAKEUP_2026:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS_2025 and day not in HOLIDAYS_2026


def _oracle(day: dt.date) -> bool:
    """chinesecalendar's own answer, with the one known erratum corrected."""
    return day == D(2005, 12, 31) or bool(chinese_calendar.is_workday(day))


@pytest.fixture
def fixture_2027() -> Iterator[None]:
    """A TEST FIXTURE, NOT THE OFFICIAL 2027 SCHEDULE (unpublished at the time of writing).

    Plausible shape only: New Year 1/1 (Fri) – 1/3, Spring Festival 2/6 (Sat) – 2/14 with
    make-up working days 1/31 (Sun) and 2/20 (Sat).
    """
    register_year(
        2027,
        holidays=["2027-01-01", *_span(D(2027, 2, 6), D(2027, 2, 14))],
        workdays=[D(2027, 1, 31), "2027-02-20"],
    )
    try:
        yield
    finally:
        unregister_year(2027)


@pytest.fixture
def fixture_2028() -> Iterator[None]:
    """A TEST FIXTURE, NOT OFFICIAL: 2028 registered alone, leaving a gap (2027) in coverage.

    2028-12-29 (Fri) is made a holiday so that the last days of the block are rest days.
    """
    register_year(2028, holidays=[D(2028, 1, 3), D(2028, 12, 29)])
    try:
        yield
    finally:
        unregister_year(2028)


# --------------------------------------------------------------------------------------------
# Period
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        (Period(20, WD), "20个工作日", "20 working days"),
        (Period(1, WD), "1个工作日", "1 working day"),
        (Period(30, DAY), "30日", "30 days"),
        (Period(1, DAY), "1日", "1 day"),
        (Period(0, DAY), "0日", "0 days"),
        (Period(1, MONTH), "1个月", "1 month"),
        (Period(3, MONTH), "3个月", "3 months"),
        (Period(1, YEAR), "1年", "1 year"),
        (Period(2, YEAR), "2年", "2 years"),
    ],
)
def test_period_text_forms(period: Period, zh: str, en: str) -> None:
    assert str(period) == zh
    assert period.describe() == zh
    assert period.describe("zh") == zh
    assert period.describe("en") == en
    assert parse_period(zh) == period
    assert parse_period(en) == period


def test_period_describe_unknown_language() -> None:
    with pytest.raises(InputError) as info:
        Period(1, DAY).describe("fr")
    assert info.value.paths == ("$.lang",)


def test_period_is_frozen_and_hashable() -> None:
    period = Period(20, WD)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        period.amount = 3  # type: ignore[misc]
    assert {period, Period(20, WD)} == {period}
    assert Period(20, WD) != Period(20, DAY)


@pytest.mark.parametrize(
    ("amount", "unit", "path"),
    [
        (-1, DAY, "$.amount"),
        (True, DAY, "$.amount"),
        (1.5, DAY, "$.amount"),
        (None, DAY, "$.amount"),
        (100_001, DAY, "$.amount"),
        (1, "day", "$.unit"),
        (1, None, "$.unit"),
    ],
)
def test_period_validation(amount: Any, unit: Any, path: str) -> None:
    with pytest.raises(InputError) as info:
        Period(amount, unit)
    assert info.value.paths == (path,)


def test_period_accepts_the_limits() -> None:
    assert Period(0, DAY).amount == 0
    assert Period(100_000, DAY).amount == 100_000


# --------------------------------------------------------------------------------------------
# parse_period
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20个工作日", Period(20, WD)),
        ("20 working days", Period(20, WD)),
        ("20 working day", Period(20, WD)),
        ("30日", Period(30, DAY)),
        ("30天", Period(30, DAY)),
        ("30 days", Period(30, DAY)),
        ("1个月", Period(1, MONTH)),
        ("1 month", Period(1, MONTH)),
        ("3 months", Period(3, MONTH)),
        ("一年", Period(1, YEAR)),
        ("1年", Period(1, YEAR)),
        ("1 year", Period(1, YEAR)),
        ("三十日", Period(30, DAY)),
        ("二十个工作日", Period(20, WD)),
        ("两年", Period(2, YEAR)),
        # more spellings
        ("十二个月", Period(12, MONTH)),
        ("十日", Period(10, DAY)),
        ("一百零五日", Period(105, DAY)),
        ("两百日", Period(200, DAY)),
        ("零日", Period(0, DAY)),
        ("三个月", Period(3, MONTH)),
        ("20工作日", Period(20, WD)),
        ("20 个工作日", Period(20, WD)),
        ("  20 Working Days ", Period(20, WD)),
        ("20 business days", Period(20, WD)),
        ("20 workdays", Period(20, WD)),
        ("20 working_days", Period(20, WD)),
        ("30 calendar days", Period(30, DAY)),
        ("2 YEARS", Period(2, YEAR)),
        ("+5日", Period(5, DAY)),
        ("007日", Period(7, DAY)),
        ("100000日", Period(100_000, DAY)),
        # full-width digits and spaces (NFKC)
        ("２０个工作日", Period(20, WD)),
        ("２０\u3000个工作日", Period(20, WD)),
        ("３０ｄａｙｓ", Period(30, DAY)),
    ],
)
def test_parse_period_text(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ({"amount": 20, "unit": "working_day"}, Period(20, WD)),
        ({"amount": 20, "unit": "working days"}, Period(20, WD)),
        ({"amount": 20, "unit": "Working-Day"}, Period(20, WD)),
        ({"amount": 1, "unit": "month"}, Period(1, MONTH)),
        ({"amount": 2, "unit": "years"}, Period(2, YEAR)),
        ({"amount": 30, "unit": PeriodUnit.DAY}, Period(30, DAY)),
    ],
)
def test_parse_period_mapping(mapping: dict[str, object], expected: Period) -> None:
    assert parse_period(mapping) == expected


def test_parse_period_passes_a_period_through() -> None:
    period = Period(20, WD)
    assert parse_period(period) is period


@pytest.mark.parametrize(
    "junk",
    [
        None,
        3.5,
        float("nan"),
        True,
        30,
        [20, "day"],
        "abc",
        "",
        "-1 days",
        "−1日",
        "1e9 days",
        "1.5 days",
        "1月",  # bare 月 could be January
        "20",
        "days",
        "100001日",
        "12345678 days",
        "二二日",
        "零十日",
        "十百日",
        "一零日",
        "20 weeks",
        "20个工作日内",
    ],
    ids=repr,
)
def test_parse_period_rejects_junk(junk: Any) -> None:
    with pytest.raises(InputError) as info:
        parse_period(junk, path="$.items[3].limit")
    assert info.value.paths == ("$.items[3].limit",)
    assert "$.items[3].limit" in str(info.value)


@pytest.mark.parametrize("junk", [None, 3.5, "abc", "-1 days", "1e9 days", True, 30])
def test_parse_period_junk_shows_a_valid_example(junk: Any) -> None:
    with pytest.raises(InputError) as info:
        parse_period(junk)
    assert info.value.paths == ("$.period",)
    assert '"20个工作日"' in str(info.value)
    assert '"1 month"' in str(info.value)


@pytest.mark.parametrize(
    ("mapping", "paths"),
    [
        ({}, ("$.period.amount", "$.period.unit")),
        ({"amount": "x", "unit": "day"}, ("$.period.amount",)),
        ({"amount": float("nan"), "unit": "day"}, ("$.period.amount",)),
        ({"amount": 20.0, "unit": "day"}, ("$.period.amount",)),
        ({"amount": True, "unit": "day"}, ("$.period.amount",)),
        ({"amount": None, "unit": "day"}, ("$.period.amount",)),
        ({"amount": -1, "unit": "day"}, ("$.period.amount",)),
        ({"amount": 10**9, "unit": "day"}, ("$.period.amount",)),
        ({"unit": "day"}, ("$.period.amount",)),
        ({"amount": 1}, ("$.period.unit",)),
        ({"amount": 1, "unit": "week"}, ("$.period.unit",)),
        ({"amount": 1, "unit": 5}, ("$.period.unit",)),
        ({"amount": 1, "unit": "day", "extra": 1}, ("$.period.extra",)),
        (
            {"amount": "x", "unit": "fortnight", "to": 3},
            ("$.period.to", "$.period.amount", "$.period.unit"),
        ),
    ],
    ids=repr,
)
def test_parse_period_mapping_problems(mapping: dict[str, object], paths: tuple[str, ...]) -> None:
    with pytest.raises(InputError) as info:
        parse_period(mapping)
    assert info.value.paths == paths


@pytest.mark.parametrize("amount", [10**5000, -(10**5000)], ids=["huge", "minus-huge"])
def test_enormous_integers_are_reported_not_printed(amount: int) -> None:
    # Python refuses to print an int of more than 4300 digits; the error must still be clean.
    with pytest.raises(InputError) as info:
        parse_period({"amount": amount, "unit": "day"})
    assert info.value.paths == ("$.period.amount",)
    assert "an integer of" in str(info.value)
    with pytest.raises(InputError) as info:
        register_year(amount, holidays=[])
    assert info.value.paths == ("$.year",)


def _to_chinese(n: int) -> str:
    """Write 0–999 in Chinese numerals the usual way (十二, 二十, 一百零五, 一百一十)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    text = digits[hundreds] + "百"
    if rest == 0:
        return text
    if rest < 10:
        return text + "零" + digits[rest]
    tens, ones = divmod(rest, 10)
    return text + digits[tens] + "十" + (digits[ones] if ones else "")


periods_strategy = st.builds(Period, st.integers(0, 999), st.sampled_from(list(PeriodUnit)))


@given(periods_strategy)
def test_parse_period_round_trips(period: Period) -> None:
    assert parse_period(str(period)) == period
    assert parse_period(period.describe("en")) == period
    assert parse_period({"amount": period.amount, "unit": period.unit.value}) == period
    chinese = _to_chinese(period.amount) + str(period).lstrip("0123456789")
    assert parse_period(chinese) == period


# --------------------------------------------------------------------------------------------
# find_period
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("政府信息形成或者变更之日起20个工作日内", Period(20, WD)),
        ("在答复建议和提案提出人的1个月内", Period(1, MONTH)),
        ("信息形成之日起一年内", Period(1, YEAR)),
        ("应当在三十日内向社会公布", Period(30, DAY)),
        ("据实动态公开", None),
        ("适时公开", None),
        ("", None),
        ("应当自收到申请之日起二十个工作日内予以答复", Period(20, WD)),
        ("公示期为5个工作日", Period(5, WD)),
        ("十五日内，最长不超过二十个工作日", Period(15, DAY)),
        ("3年5个月", Period(3, YEAR)),
        ("within 20 working days of its formation", Period(20, WD)),
        ("公示期为５个工作日", Period(5, WD)),
        # calendar dates and ordinals are not periods
        ("自2019年5月15日起施行", None),
        ("五月十五日", None),
        ("第三年内", None),
        ("三年级", None),
        ("2025年度", None),
        ("1.5年", None),
        ("abc20日", None),
        # skipped candidates do not hide a later period
        ("自2019年5月15日起，30日内", Period(30, DAY)),
        ("二二日，3个月", Period(3, MONTH)),
        ("12345678日，7日", Period(7, DAY)),
        ("5000年，两年", Period(2, YEAR)),
    ],
)
def test_find_period(text: str, expected: Period | None) -> None:
    assert find_period(text) == expected


def test_find_period_rejects_non_text() -> None:
    with pytest.raises(InputError) as info:
        find_period(None)  # type: ignore[arg-type]
    assert info.value.paths == ("$.text",)


@given(periods_strategy)
def test_find_period_finds_a_stated_period(period: Period) -> None:
    assert find_period(f"应当自信息形成之日起{period}内公开") == period


# --------------------------------------------------------------------------------------------
# Official working days
# --------------------------------------------------------------------------------------------


def test_covered_years_are_the_shipped_ones() -> None:
    assert covered_years() == SHIPPED


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_day_matches_the_state_council_schedule(year: int) -> None:
    days = _span(D(year, 1, 1), D(year, 12, 31))
    assert [is_working_day(d) for d in days] == [_official(d) for d in days]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 3, 3), True),  # Monday
        (D(2025, 3, 8), False),  # Saturday
        (D(2025, 3, 9), False),  # Sunday
        (D(2025, 10, 1), False),  # National Day
        (D(2025, 10, 8), False),  # last day of the National Day holiday (a Wednesday)
        (D(2025, 9, 28), True),  # make-up Sunday
        (D(2025, 10, 11), True),  # make-up Saturday
        (D(2026, 1, 4), True),  # make-up Sunday for New Year 2026
        (D(2026, 2, 23), False),  # last day of Spring Festival 2026 (Monday)
        (D(2026, 2, 14), True),  # make-up Saturday
        (D(2005, 12, 31), True),  # erratum: 国办发明电〔2005〕35号
        (D(2006, 1, 2), False),  # New Year 2006 holiday (Monday)
    ],
)
def test_is_working_day(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_erratum_2005_12_31() -> None:
    """国办发明电〔2005〕35号: "12月31日（星期六）上班"; chinesecalendar 1.11.0 misses it."""
    assert is_working_day(D(2005, 12, 31))
    assert add_working_days(D(2005, 12, 30), 1) == D(2005, 12, 31)
    # 2006-01-01..03 are the New Year holiday, so the next working day is Wednesday 01-04.
    assert add_working_days(D(2005, 12, 30), 2) == D(2006, 1, 4)
    assert working_days_between(D(2005, 12, 29), D(2006, 1, 4)) == 3  # 12/30, 12/31, 1/4
    assert next_working_day(D(2005, 12, 31)) == D(2005, 12, 31)
    assert deadline(D(2005, 12, 1), "30日") == D(2005, 12, 31)  # a make-up Saturday: no roll


def test_calendar_toml_cites_the_erratum() -> None:
    corrections = periods._read_corrections()
    erratum = [c for c in corrections if c.day == D(2005, 12, 31)]
    assert len(erratum) == 1
    assert erratum[0].status == "workday"
    assert erratum[0].number == "国办发明电〔2005〕35号"


def test_national_day_2025_twenty_working_days() -> None:
    # From Thursday 2025-09-25, start day not counted (第二百零一条):
    #  1 9/26 Fri,  2 9/28 Sun (make-up),  3 9/29 Mon,  4 9/30 Tue,  [10/1–10/8 holiday]
    #  5 10/9 Thu,  6 10/10 Fri,  7 10/11 Sat (make-up),  8–12 10/13–10/17,
    # 13–17 10/20–10/24, 18 10/27, 19 10/28, 20 10/29.
    assert add_working_days(D(2025, 9, 25), 20) == D(2025, 10, 29)
    assert deadline(D(2025, 9, 25), "20个工作日") == D(2025, 10, 29)
    assert deadline(D(2025, 9, 25), {"amount": 20, "unit": "working_day"}) == D(2025, 10, 29)
    assert working_days_between(D(2025, 9, 25), D(2025, 10, 29)) == 20
    assert working_days_between(D(2025, 10, 29), D(2025, 9, 25)) == -20


def test_add_working_days_from_a_rest_day() -> None:
    # Saturday 2025-10-04 is inside the National Day holiday; it is not counted either way.
    assert add_working_days(D(2025, 10, 4), 1) == D(2025, 10, 9)
    assert add_working_days(D(2025, 10, 4), 3) == D(2025, 10, 11)  # make-up Saturday
    assert add_working_days(D(2025, 3, 15), 1) == D(2025, 3, 17)  # ordinary Saturday → Monday
    assert add_working_days(D(2025, 3, 14), 1) == D(2025, 3, 17)  # Friday → Monday


def test_add_working_days_zero_returns_start() -> None:
    assert add_working_days(D(2025, 3, 15), 0) == D(2025, 3, 15)  # even a Saturday
    assert add_working_days(D(2030, 1, 1), 0) == D(2030, 1, 1)  # no calendar needed


def test_add_working_days_accepts_an_int_subclass() -> None:
    class Count(int):
        pass

    assert add_working_days(D(2025, 3, 14), Count(1)) == D(2025, 3, 17)
    assert notice_window(D(2025, 3, 3), Count(5)) == (D(2025, 3, 3), D(2025, 3, 7))


def test_add_working_days_accepts_a_date_subclass() -> None:
    class MyDate(dt.date):
        pass

    result = add_working_days(MyDate(2025, 3, 14), 1)
    assert result == D(2025, 3, 17)
    assert type(result) is dt.date


@pytest.mark.parametrize("n", [-1, 1.5, True, "3", None])
def test_add_working_days_rejects_bad_n(n: Any) -> None:
    with pytest.raises(InputError) as info:
        add_working_days(D(2025, 3, 3), n)
    assert info.value.paths == ("$.n",)


@pytest.mark.parametrize("start", [None, "2025-03-03", dt.datetime(2025, 3, 3, 9, 0), 20250303])
def test_add_working_days_rejects_bad_start(start: Any) -> None:
    with pytest.raises(InputError) as info:
        add_working_days(start, 1)
    assert info.value.paths == ("$.start",)
    assert "datetime.date(2026, 1, 5)" in str(info.value)


def test_datetime_message_says_to_pass_a_date() -> None:
    with pytest.raises(InputError, match=r"not a datetime.*\.date\(\)"):
        is_working_day(dt.datetime(2025, 3, 3, 9, 0))
    with pytest.raises(InputError, match="fromisoformat"):
        is_working_day("2025-03-03")  # type: ignore[arg-type]


NONE: Any = None


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: is_working_day(NONE), "$.d"),
        (lambda: next_working_day(NONE), "$.d"),
        (lambda: working_days_between(NONE, D(2025, 1, 1)), "$.a"),
        (lambda: working_days_between(D(2025, 1, 1), NONE), "$.b"),
        (lambda: notice_window(NONE, 5), "$.start"),
        (lambda: notice_window(D(2025, 1, 6), 0), "$.working_days"),
        (lambda: notice_window(D(2025, 1, 6), True), "$.working_days"),
        (lambda: notice_window(D(2025, 1, 6), NONE), "$.working_days"),
        (lambda: deadline(NONE, "1个月"), "$.start"),
        (lambda: deadline(D(2025, 1, 6), "1月"), "$.period"),
        (lambda: deadline(D(2025, 1, 6), NONE), "$.period"),
        (lambda: deadline(D(2025, 1, 6), {"amount": 1}), "$.period.unit"),
    ],
)
def test_argument_paths(call: Callable[[], object], path: str) -> None:
    with pytest.raises(InputError) as info:
        call()
    assert info.value.paths == (path,)


def test_working_days_between() -> None:
    assert working_days_between(D(2025, 3, 3), D(2025, 3, 3)) == 0
    assert working_days_between(D(2025, 3, 3), D(2025, 3, 10)) == 5  # Tue..Fri + Mon
    assert working_days_between(D(2025, 3, 7), D(2025, 3, 9)) == 0  # only a weekend after Fri
    assert working_days_between(D(2025, 3, 10), D(2025, 3, 3)) == -5
    # Spring Festival 2026: 2/14 (Sat, make-up) counts; 2/15–2/23 do not.
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2
    # across years: 2025-12-31 (Wed) and 2026-01-05 (Mon); 1/4 (Sun) is a make-up day.
    assert working_days_between(D(2025, 12, 30), D(2026, 1, 5)) == 3


def test_next_working_day() -> None:
    assert next_working_day(D(2025, 3, 3)) == D(2025, 3, 3)
    assert next_working_day(D(2025, 3, 8)) == D(2025, 3, 10)
    assert next_working_day(D(2025, 10, 1)) == D(2025, 10, 9)
    assert next_working_day(D(2025, 10, 11)) == D(2025, 10, 11)  # make-up Saturday
    assert next_working_day(D(2026, 2, 15)) == D(2026, 2, 24)


def test_notice_window() -> None:
    # On a Monday with no holidays: day 1 is the Monday itself, day 5 the Friday.
    assert notice_window(D(2025, 3, 3), 5) == (D(2025, 3, 3), D(2025, 3, 7))
    # From a Saturday: it begins on Monday.
    assert notice_window(D(2025, 3, 1), 5) == (D(2025, 3, 3), D(2025, 3, 7))
    # Across National Day 2025: 9/29, 9/30, [holiday], 10/9, 10/10, 10/11 (make-up Saturday).
    assert notice_window(D(2025, 9, 29), 5) == (D(2025, 9, 29), D(2025, 10, 11))
    # Published on a holiday: it begins after the holiday.
    assert notice_window(D(2026, 2, 16), 5) == (D(2026, 2, 24), D(2026, 2, 28))
    assert notice_window(D(2025, 3, 3), 1) == (D(2025, 3, 3), D(2025, 3, 3))


# --------------------------------------------------------------------------------------------
# deadline (《民法典》第二百零一条 to 第二百零三条)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        # 第二百零二条: no corresponding day → that month's last day (Fri 2025-02-28, working).
        (D(2025, 1, 31), "1个月", D(2025, 2, 28)),
        (D(2024, 1, 31), "1 month", D(2024, 2, 29)),  # leap year; Thursday
        (D(2024, 2, 29), "1年", D(2025, 2, 28)),  # leap day + 1 year; Friday
        (D(2024, 2, 29), "一年", D(2025, 2, 28)),
        (D(2025, 1, 15), "1个月", D(2025, 2, 17)),  # 2/15 is Saturday → Monday
        # 第二百零三条: last day 2026-02-20 (Fri) is in Spring Festival 2/15–2/23 → Tue 2/24.
        (D(2026, 2, 5), "15日", D(2026, 2, 24)),
        (D(2026, 2, 5), "十五天", D(2026, 2, 24)),
        (D(2026, 1, 20), "1个月", D(2026, 2, 24)),
        # a last day on a make-up Saturday is a working day: no roll.
        (D(2026, 1, 28), "1个月", D(2026, 2, 28)),
        (D(2026, 2, 4), "10日", D(2026, 2, 14)),
        # ordinary weekend: last day Sat 2025-03-15 → Mon 2025-03-17.
        (D(2025, 3, 5), "10日", D(2025, 3, 17)),
        (D(2025, 3, 5), "30 days", D(2025, 4, 7)),  # Fri 4/4 holiday, Sat, Sun → Mon 4/7
        (D(2025, 3, 5), "8日", D(2025, 3, 13)),  # Thursday: no roll
        # start day not counted: 1 day from Wednesday is Thursday.
        (D(2025, 3, 5), "1日", D(2025, 3, 6)),
        # a period of 0 days ends on the start day, rolled if it is a rest day.
        (D(2025, 3, 8), "0日", D(2025, 3, 10)),
        (D(2025, 3, 8), "0个工作日", D(2025, 3, 8)),
        # working days never roll: 3 working days from Friday 2025-03-07 → Wed 03-12.
        (D(2025, 3, 7), "3个工作日", D(2025, 3, 12)),
        # a start in 2003 is fine when only 2004 days are needed (2004-01-30 is a Friday).
        (D(2003, 12, 1), "60日", D(2004, 1, 30)),
        (D(2025, 6, 1), Period(1, YEAR), D(2026, 6, 1)),  # a Monday: no roll
    ],
)
def test_deadline(start: dt.date, period: str | Period, expected: dt.date) -> None:
    assert deadline(start, period) == expected


def test_deadline_past_the_last_date() -> None:
    with pytest.raises(InputError) as info:
        deadline(D(9999, 12, 1), "100000日")
    assert info.value.paths == ("$.period",)
    with pytest.raises(InputError) as info:
        deadline(D(9990, 1, 1), "100 years")
    assert info.value.paths == ("$.period",)


# --------------------------------------------------------------------------------------------
# Coverage: years with no schedule, registration, gaps
# --------------------------------------------------------------------------------------------


def _raises_not_covered(call: Any, year: int) -> None:
    with pytest.raises(CalendarNotCovered) as info:
        call()
    assert info.value.year == year
    assert str(year) in str(info.value)


def test_2027_is_not_covered() -> None:
    assert 2027 not in covered_years()
    _raises_not_covered(lambda: is_working_day(D(2027, 1, 4)), 2027)
    _raises_not_covered(lambda: add_working_days(D(2026, 12, 30), 3), 2027)
    _raises_not_covered(lambda: add_working_days(D(2026, 12, 31), 1), 2027)
    _raises_not_covered(lambda: working_days_between(D(2026, 12, 1), D(2027, 1, 5)), 2027)
    _raises_not_covered(lambda: next_working_day(D(2027, 1, 2)), 2027)
    _raises_not_covered(lambda: notice_window(D(2026, 12, 28), 10), 2027)
    _raises_not_covered(lambda: notice_window(D(2027, 1, 4), 1), 2027)
    _raises_not_covered(lambda: deadline(D(2026, 12, 15), "30日"), 2027)
    _raises_not_covered(lambda: deadline(D(2026, 6, 1), "1年"), 2027)
    _raises_not_covered(lambda: deadline(D(2026, 12, 15), "20个工作日"), 2027)
    # within 2026 everything still works
    assert add_working_days(D(2026, 12, 30), 1) == D(2026, 12, 31)


def test_dates_before_2004_are_not_covered() -> None:
    _raises_not_covered(lambda: is_working_day(D(2003, 6, 2)), 2003)
    _raises_not_covered(lambda: add_working_days(D(2003, 6, 2), 1), 2003)
    _raises_not_covered(lambda: working_days_between(D(2003, 6, 2), D(2004, 2, 2)), 2003)
    _raises_not_covered(lambda: next_working_day(D(2003, 6, 7)), 2003)
    _raises_not_covered(lambda: deadline(D(2003, 1, 1), "30日"), 2003)
    _raises_not_covered(lambda: notice_window(D(1999, 1, 1), 5), 1999)


def test_last_representable_date() -> None:
    _raises_not_covered(lambda: add_working_days(dt.date.max, 1), 10000)


def test_huge_n_is_not_covered() -> None:
    _raises_not_covered(lambda: add_working_days(D(2025, 1, 6), 10**100), 2027)


def test_register_2027(fixture_2027: None) -> None:
    assert 2027 in covered_years()
    # 12/31 (Thu) = 1; 1/1 (Fri) holiday, 1/2–1/3 weekend; 1/4 (Mon) = 2; 1/5 (Tue) = 3.
    assert add_working_days(D(2026, 12, 30), 3) == D(2027, 1, 5)
    assert working_days_between(D(2026, 12, 30), D(2027, 1, 5)) == 3
    assert deadline(D(2026, 12, 2), "30日") == D(2027, 1, 4)  # 1/1 holiday → Monday 1/4
    assert is_working_day(D(2027, 1, 31))  # fixture's make-up Sunday
    assert is_working_day(D(2027, 2, 20))  # fixture's make-up Saturday
    assert not is_working_day(D(2027, 2, 8))  # fixture's Spring Festival (Monday)
    assert next_working_day(D(2027, 2, 6)) == D(2027, 2, 15)


def test_unregister_restores_not_covered() -> None:
    register_year(2027, holidays=["2027-01-01"])
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    unregister_year(2027)
    _raises_not_covered(lambda: add_working_days(D(2026, 12, 31), 1), 2027)
    assert covered_years() == SHIPPED
    unregister_year(2027)  # not registered: nothing happens
    unregister_year(2025)  # shipped, not registered: nothing happens
    assert covered_years() == SHIPPED


def test_register_replaces_and_overrides_the_shipped_schedule() -> None:
    register_year(2030, holidays=["2030-01-01"])
    register_year(2030, holidays=[], workdays=["2030-01-05"])  # replaces
    try:
        assert is_working_day(D(2030, 1, 1))
        assert is_working_day(D(2030, 1, 5))
    finally:
        unregister_year(2030)
    register_year(2025, holidays=[])  # override a shipped year (e.g. to fix an error)
    try:
        assert is_working_day(D(2025, 10, 1))
        assert not is_working_day(D(2025, 10, 11))
    finally:
        unregister_year(2025)
    assert not is_working_day(D(2025, 10, 1))
    assert is_working_day(D(2025, 10, 11))


def test_gap_between_covered_years_is_never_skipped(fixture_2028: None) -> None:
    assert covered_years() == SHIPPED | {2028}
    _raises_not_covered(lambda: add_working_days(D(2026, 12, 25), 10), 2027)
    _raises_not_covered(lambda: working_days_between(D(2026, 12, 1), D(2028, 1, 10)), 2027)
    _raises_not_covered(lambda: working_days_between(D(2028, 1, 10), D(2026, 12, 1)), 2027)
    _raises_not_covered(lambda: is_working_day(D(2027, 6, 1)), 2027)
    _raises_not_covered(lambda: add_working_days(D(2027, 6, 1), 1), 2027)
    _raises_not_covered(lambda: deadline(D(2026, 12, 1), "1年"), 2027)
    _raises_not_covered(lambda: notice_window(D(2026, 12, 28), 10), 2027)
    # inside 2028 all works; 2028-01-03 (Mon) is the fixture's holiday
    assert add_working_days(D(2027, 12, 31), 1) == D(2028, 1, 4)
    assert deadline(D(2027, 12, 31), "3日") == D(2028, 1, 4)
    # the block 2028 ends on rest days (12/29 holiday, 12/30–31 weekend): the roll needs 2029
    _raises_not_covered(lambda: next_working_day(D(2028, 12, 29)), 2029)
    _raises_not_covered(lambda: add_working_days(D(2028, 12, 27), 2), 2029)


def test_register_year_validation() -> None:
    with pytest.raises(InputError) as info:
        register_year(
            2027,
            holidays=["2027-01-01", "2027-13-01", D(2026, 12, 31), dt.datetime(2027, 1, 2), NONE],
            workdays=["2027-01-01", "2026-12-27"],
        )
    assert info.value.paths == (
        "$.holidays[1]",
        "$.holidays[2]",
        "$.holidays[3]",
        "$.holidays[4]",
        "$.workdays[1]",
        "$.workdays",
    )
    assert "2027-01-01" in str(info.value)  # listed both as a holiday and as a workday
    assert 2027 not in covered_years()


@pytest.mark.parametrize("year", [True, "2027", 2027.0, 0, 10_000, None])
def test_register_year_rejects_bad_year(year: Any) -> None:
    with pytest.raises(InputError) as info:
        register_year(year, holidays=[])
    assert info.value.paths == ("$.year",)


@pytest.mark.parametrize("holidays", ["2027-01-01", 5, None, b"2027"])
def test_register_year_rejects_a_non_list(holidays: Any) -> None:
    with pytest.raises(InputError) as info:
        register_year(2027, holidays=holidays)
    assert info.value.paths == ("$.holidays",)


def test_register_year_accepts_iterables_and_date_subclasses() -> None:
    class MyDate(dt.date):
        pass

    register_year(2027, holidays=(d for d in [MyDate(2027, 1, 1)]), workdays={" 2027-02-20 "})
    try:
        assert not is_working_day(D(2027, 1, 1))
        assert is_working_day(D(2027, 2, 20))
    finally:
        unregister_year(2027)


def test_lookups_during_registration_are_consistent() -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                assert add_working_days(D(2025, 9, 25), 20) == D(2025, 10, 29)
                assert 2026 in covered_years()
        except BaseException as error:  # pragma: no cover - only on failure
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(20):
            register_year(2027, holidays=["2027-01-01"])
            unregister_year(2027)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert covered_years() == SHIPPED


# --------------------------------------------------------------------------------------------
# Internals: the data file and the lazily built snapshot
# --------------------------------------------------------------------------------------------


def test_calendar_snapshot_is_reused() -> None:
    first = periods._calendar()
    assert periods._calendar() is first


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"correction": {}}, "array of tables"),
        ({"correction": [1]}, "must be a table"),
        ({"correction": [{"date": "2005-12-31"}]}, "local date"),
        ({"correction": [{"date": dt.datetime(2005, 12, 31)}]}, "local date"),
        ({"correction": [{"date": D(2005, 12, 31), "status": "rest"}]}, "status"),
        ({"correction": [{"date": D(2005, 12, 31), "status": "workday"}]}, "number"),
        (
            {"correction": [{"date": D(2005, 12, 31), "status": "holiday", "number": " "}]},
            "number",
        ),
    ],
)
def test_parse_corrections_rejects_bad_data(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        periods._parse_corrections(doc)


def test_parse_and_apply_corrections() -> None:
    assert periods._parse_corrections({}) == ()
    corrections = periods._parse_corrections(
        {
            "correction": [
                {"date": D(2010, 1, 4), "status": "holiday", "number": "test"},
                {"date": D(2010, 1, 9), "status": "workday", "number": "test"},
                {"date": D(2003, 1, 2), "status": "holiday", "number": "test"},
            ]
        }
    )
    holidays: dict[int, set[dt.date]] = {2010: {D(2010, 1, 9)}}
    workdays: dict[int, set[dt.date]] = {2010: {D(2010, 1, 4)}}
    periods._apply(holidays, workdays, corrections)
    assert holidays == {2010: {D(2010, 1, 4)}}  # 2003 is not covered: ignored
    assert workdays == {2010: {D(2010, 1, 9)}}


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

# Starts up to the end of 2025 and at most 200 working days (under a year), so that every
# result stays inside the shipped coverage (2026-12-31, a Thursday, is a working day).
starts = st.dates(min_value=D(2004, 1, 1), max_value=D(2025, 12, 31))
counts = st.integers(min_value=0, max_value=200)
any_covered_day = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31))


@given(any_covered_day)
def test_is_working_day_agrees_with_chinesecalendar(day: dt.date) -> None:
    assert is_working_day(day) is _oracle(day)


@given(starts, st.integers(min_value=0, max_value=30))
def test_add_working_days_agrees_with_a_day_by_day_count(start: dt.date, n: int) -> None:
    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        left -= _oracle(day)
    assert add_working_days(start, n) == day


@given(starts, counts)
def test_add_and_between_are_inverse(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert working_days_between(end, start) == -n


@given(starts, st.integers(min_value=1, max_value=200))
def test_add_working_days_lands_on_a_working_day_after_start(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert end > start
    assert is_working_day(end)


@given(starts, counts)
def test_add_working_days_is_monotonic(start: dt.date, n: int) -> None:
    assert add_working_days(start, n) < add_working_days(start, n + 1)
    assert add_working_days(start, n) <= add_working_days(start + dt.timedelta(days=1), n)


@given(starts, any_covered_day)
def test_between_is_antisymmetric(a: dt.date, b: dt.date) -> None:
    assert working_days_between(a, b) == -working_days_between(b, a)


calendar_periods = st.one_of(
    st.builds(Period, st.integers(0, 300), st.just(DAY)),
    st.builds(Period, st.integers(0, 12), st.just(MONTH)),
    st.builds(Period, st.integers(0, 1), st.just(YEAR)),
)


@given(starts, calendar_periods)
def test_calendar_period_deadline_is_a_rolled_working_day(start: dt.date, period: Period) -> None:
    if period.unit is DAY:
        unrolled = start + dt.timedelta(days=period.amount)
    elif period.unit is MONTH:
        unrolled = start + relativedelta(months=period.amount)
    else:
        unrolled = start + relativedelta(years=period.amount)
    due = deadline(start, period)
    assert is_working_day(due)
    assert due >= unrolled
    # 第二百零三条: every day skipped by the roll is a rest day
    skipped = _span(unrolled, due)[:-1]
    assert not any(is_working_day(d) for d in skipped)
    assert deadline(start, str(period)) == due


@given(starts, counts)
def test_working_day_deadline_is_add_working_days(start: dt.date, n: int) -> None:
    assert deadline(start, Period(n, WD)) == add_working_days(start, n)


@given(starts, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_deadline_is_monotonic_in_n(start: dt.date, n: int, m: int) -> None:
    lo, hi = sorted((n, m))
    for unit in (DAY, WD):
        assert deadline(start, Period(lo, unit)) <= deadline(start, Period(hi, unit))


@given(starts, st.integers(min_value=1, max_value=60))
def test_notice_window_properties(start: dt.date, k: int) -> None:
    first, last = notice_window(start, k)
    assert first >= start
    assert is_working_day(first)
    assert is_working_day(last)
    assert first == next_working_day(start)
    assert working_days_between(first, last) == k - 1
    if is_working_day(start):
        assert first == start


def test_period_end_has_no_rest_day_roll() -> None:
    from nmgpolicy.periods import period_end

    # 2024-02-29 + 2年 → 2026-02-28 (第202条), a make-up Saturday; 2025-03-08 + 1年 → 2026-03-08,
    # a Sunday: deadline() rolls it to Monday, period_end() does not.
    assert period_end(D(2024, 2, 29), "2年") == D(2026, 2, 28)
    assert period_end(D(2025, 3, 8), "1年") == D(2026, 3, 8)
    assert deadline(D(2025, 3, 8), "1年") == D(2026, 3, 9)
    assert period_end(D(2025, 1, 31), Period(1, PeriodUnit.MONTH)) == D(2025, 2, 28)
    assert period_end(D(2026, 2, 13), "3日") == D(2026, 2, 16)
    assert period_end(D(2025, 9, 26), "20个工作日") == D(2025, 10, 30)
    with pytest.raises(InputError) as info:
        period_end(D(9999, 12, 1), "1个月")
    assert info.value.paths == ("$.period",)
    with pytest.raises(InputError):
        period_end("2025-01-01", "1年")  # type: ignore[arg-type]


# A TEST FIXTURE, not the official 2027 schedule: only its shape matters here.
SCHEDULE_FILE = """
[2027]
notice = "test fixture, not official"
holidays = [2027-01-01, "2027-01-04"]
workdays = [2027-01-09]
"""


def test_register_schedule_file(tmp_path: Path) -> None:
    from nmgpolicy.periods import register_schedule_file

    path = tmp_path / "schedule.toml"
    path.write_text(SCHEDULE_FILE, encoding="utf-8")
    try:
        assert register_schedule_file(path) == (2027,)
        assert not is_working_day(D(2027, 1, 4))
        assert is_working_day(D(2027, 1, 9))
        assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 5)
    finally:
        unregister_year(2027)


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        (
            '[2027]\nholidays = ["2026-01-01", "x"]\nbogus = 1\n',
            {"$.2027.bogus", "$.2027.holidays[0]", "$.2027.holidays[1]"},
        ),
        ("notayear = 3\n", {"$.notayear"}),
        ("[2027\n", {"$.path"}),
        ("[99999]\nholidays = []\n", {"$.99999.year"}),
    ],
)
def test_register_schedule_file_reports_every_problem(
    tmp_path: Path, text: str, paths: set[str]
) -> None:
    from nmgpolicy.periods import register_schedule_file

    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        register_schedule_file(path)
    assert set(info.value.paths) == paths
    assert 2027 not in covered_years()
    with pytest.raises(InputError):
        register_schedule_file(tmp_path / "missing.toml")


# --------------------------------------------------------------------------------------------
# Registered years: replacing the shipped data, sources, and what a computation consulted
# --------------------------------------------------------------------------------------------


def test_a_registered_year_replaces_the_shipped_one_whole() -> None:
    # 2005-12-31 is corrected in calendar.toml; a registration of 2005 replaces the corrected
    # data too: only the days it lists count.
    assert is_working_day(D(2005, 12, 31))
    register_year(2005, holidays=[], source="test")
    try:
        assert not is_working_day(D(2005, 12, 31))  # an ordinary Saturday now
        assert is_working_day(D(2005, 10, 3))  # National Day 2005 no longer a holiday
        assert periods.registrations()[2005] == periods.Registration(2005, "test", None, True)
    finally:
        unregister_year(2005)
    assert is_working_day(D(2005, 12, 31))
    assert not is_working_day(D(2005, 10, 3))
    assert 2005 not in periods.registrations()


@pytest.mark.parametrize(("name", "value"), [("source", 3), ("notice", ["x"])])
def test_register_year_rejects_bad_descriptions(name: str, value: Any) -> None:
    with pytest.raises(InputError) as info:
        register_year(2027, holidays=[], **{name: value})
    assert info.value.paths == (f"$.{name}",)
    assert 2027 not in covered_years()


def test_register_year_keeps_its_source_and_notice() -> None:
    register_year(2027, holidays=[], source=" 2027.toml ", notice="  ")
    try:
        assert periods.registrations()[2027] == periods.Registration(2027, "2027.toml", None, False)
    finally:
        unregister_year(2027)


@pytest.mark.parametrize(
    ("registration", "zh", "en"),
    [
        (
            periods.Registration(
                2027, "/srv/2027.toml", "国务院办公厅关于2027年部分节假日安排的通知", False
            ),
            "2027年的工作日按使用者登记的作息安排计算（来源：/srv/2027.toml；"
            "依据：国务院办公厅关于2027年部分节假日安排的通知）；本库未随附该年的作息安排。",
            "Official working days in 2027 follow the schedule registered by the user (source: "
            "/srv/2027.toml; transcribing 国务院办公厅关于2027年部分节假日安排的通知); the library "
            "ships no schedule for that year.",
        ),
        (
            periods.Registration(2026, None, None, True),
            "2026年的工作日按使用者登记的作息安排计算（来源未注明），取代本库随附的该年数据。",
            "Official working days in 2026 follow the schedule registered by the user (source not "
            "given), which replaces the schedule shipped with the library for that year.",
        ),
    ],
)
def test_registration_note(registration: periods.Registration, zh: str, en: str) -> None:
    assert registration.note() == (zh, en)
    assert "调用方" not in zh


def test_tracking_records_only_the_registered_years_an_answer_used(
    fixture_2027: None,
) -> None:
    track = periods.track_registered_years
    cases: list[tuple[Callable[[], object], set[int]]] = [
        (lambda: is_working_day(D(2027, 1, 4)), {2027}),
        (lambda: is_working_day(D(2026, 12, 31)), set()),
        (lambda: add_working_days(D(2026, 12, 30), 3), {2027}),
        (lambda: add_working_days(D(2026, 12, 1), 3), set()),
        (lambda: add_working_days(D(2026, 12, 31), 0), set()),
        (lambda: working_days_between(D(2026, 12, 30), D(2027, 1, 5)), {2027}),
        (lambda: working_days_between(D(2027, 1, 5), D(2026, 12, 30)), {2027}),
        (lambda: working_days_between(D(2027, 1, 5), D(2027, 1, 5)), set()),
        (lambda: next_working_day(D(2027, 1, 4)), {2027}),  # already a working day
        (lambda: next_working_day(D(2027, 2, 6)), {2027}),  # rolls within 2027
        (lambda: next_working_day(D(2026, 12, 26)), set()),  # Saturday → Monday 12/28
        (lambda: deadline(D(2026, 12, 2), "30日"), {2027}),
        (lambda: deadline(D(2026, 12, 2), "1个月"), {2027}),  # Saturday 2027-01-02 rolls
        (lambda: deadline(D(2026, 11, 2), "1个月"), set()),  # Wednesday 2026-12-02
        (lambda: notice_window(D(2026, 12, 28), 5), {2027}),
        (lambda: notice_window(D(2026, 12, 1), 5), set()),
    ]
    for i, (call, expected) in enumerate(cases):
        with track() as used:
            call()
        assert set(used) == expected, i
    with track() as used:
        is_working_day(D(2027, 1, 4))
    assert used[2027].source is None
    assert used[2027].replaces_shipped is False


def test_tracking_records_nothing_for_a_failed_lookup(fixture_2028: None) -> None:
    with periods.track_registered_years() as used:
        with pytest.raises(CalendarNotCovered):
            add_working_days(D(2026, 12, 25), 10)
        with pytest.raises(CalendarNotCovered):
            next_working_day(D(2028, 12, 29))  # 2028 consulted, but no answer: 2029 missing
    assert dict(used) == {}


def test_nested_tracking_reports_to_the_enclosing_block(fixture_2027: None) -> None:
    with periods.track_registered_years() as outer:
        with periods.track_registered_years() as inner:
            is_working_day(D(2027, 1, 4))
        assert set(inner) == {2027}
    assert set(outer) == {2027}
    is_working_day(D(2027, 1, 4))  # outside any block: nothing to record, nothing fails
