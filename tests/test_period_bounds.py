"""A last day that needs a year with no official schedule, or lies after 9999-12-31, decided
from what is proven about it — on the row path and over columns alike.

* ``WithinPeriod`` (first_set's completion age, ``completion_age_end="rest_day_roll"`` or a
  period of working days): the 第二百零三条 roll only moves a last day later, and working days
  never end before as many calendar days, so a date not after the proven lower bound
  (``end_not_before``) is within the period whatever the missing year holds; a date past the
  bound still raises :class:`~nmgpolicy.errors.CalendarNotCovered`; covered years unchanged.
* The disclosure deadline: a limit ending after 9999-12-31 is an end never reached (its bound
  is 9999-12-31), not an input error about a ``$.period`` the caller never gave.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import periods
from nmgpolicy.criteria import Compare
from nmgpolicy.criteria_dates import Boundary, OpenEnd, _bounded_status, open_end
from nmgpolicy.errors import CalendarNotCovered
from nmgpolicy.outcome import Status
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import parse_period
from nmgpolicy.rules._disclosure_limits import compute
from tests.test_columnar_equal import SPEC

BASE: dict[str, Any] = SPEC["rulesets"]["first_set"]["bases"][0]["facts"]
ON_FS = dt.date(2025, 7, 1)
ROLL = {"completion_age_end": "rest_day_roll"}
AGE = "first_set.completion_age"


def _fs(**changes: Any) -> dict[str, Any]:
    facts = copy.deepcopy(BASE)
    facts.update(changes)
    return facts


def _age(facts: dict[str, Any], parameters: Any, on: dt.date = ON_FS) -> dict[str, Any]:
    decision = nmgpolicy.evaluate("first_set", facts, on=on, parameters=parameters)
    found: dict[str, Any] = next(f for f in decision.to_dict()["findings"] if f["id"] == AGE)
    found["results"] = decision.to_dict()["results"]
    return found


# --------------------------------------------------------------------------------------------
# WithinPeriod: the row path
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("applied", ["2025-06-02", "2027-03-01"])
def test_roll_into_a_missing_year_is_met_up_to_the_unrolled_last_day(applied: str) -> None:
    assert 2027 not in periods.covered_years()
    found = _age(_fs(completed_on="2025-03-01", applied_on=applied), ROLL)
    assert found["status"] == "met"
    assert found["measured"] == applied
    assert found["required"] == {"zh": "不早于2027-03-01", "en": "no earlier than 2027-03-01"}
    assert found["gap"] is None
    assert "latest_application_date" not in found["results"]  # the last day is not known
    zh, en = found["message"]["zh"], found["message"]["en"]
    assert "2027年的官方工作日安排" in zh and "不早于2027-03-01" in zh
    assert "顺延只会使末日推后" in zh and f"{applied}不晚于此日" in zh and "符合" in zh
    assert "schedule of 2027" in en and "no earlier than 2027-03-01" in en
    assert "roll only moves a last day later" in en and f"{applied} is not after" in en


def test_roll_into_a_missing_year_past_the_bound_still_raises() -> None:
    with pytest.raises(CalendarNotCovered) as raised:
        _age(_fs(completed_on="2025-03-01", applied_on="2027-03-02"), ROLL)
    assert raised.value.year == 2027


def test_roll_within_covered_years_is_unchanged() -> None:
    # 2024-10-01 + 2年 = 2026-10-01, in the National Day holiday: rolled to 2026-10-08.
    met = _age(_fs(completed_on="2024-10-01", applied_on="2026-10-08"), ROLL, dt.date(2026, 11, 1))
    assert met["status"] == "met" and met["required"] == "2026-10-08" and met["gap"] == 0
    assert met["results"]["latest_application_date"] == "2026-10-08"
    late = _age(_fs(completed_on="2024-10-01", applied_on="2026-10-09"), ROLL, dt.date(2026, 11, 1))
    assert late["status"] == "review" and late["gap"] == -1


def test_default_reading_needs_no_schedule() -> None:
    """第二百零二条 without the roll (the default) never looks at a schedule: unchanged."""
    met = _age(_fs(completed_on="2025-03-01", applied_on="2027-03-01"), None, dt.date(2027, 6, 1))
    assert met["status"] == "met" and met["required"] == "2027-03-01"
    late = _age(_fs(completed_on="2025-03-01", applied_on="2027-03-02"), None, dt.date(2027, 6, 1))
    assert late["status"] == "review"


WORKING = {"completion_age_limit": "20个工作日"}


def test_working_days_into_a_missing_year_use_the_counted_bound() -> None:
    # 2026-12-21..31 hold 9 working days; the 11 left end no earlier than 2027-01-11.
    on = dt.date(2027, 2, 1)
    met = _age(_fs(completed_on="2026-12-20", applied_on="2027-01-11"), WORKING, on)
    assert met["status"] == "met"
    assert met["required"]["en"] == "no earlier than 2027-01-11"
    assert "each one left takes at least a day" in met["message"]["en"]
    with pytest.raises(CalendarNotCovered):
        _age(_fs(completed_on="2026-12-20", applied_on="2027-01-12"), WORKING, on)


def test_bounded_status_decides_only_an_upper_bound() -> None:
    end = OpenEnd(2027, dt.date(2027, 3, 1))
    day, after = dt.date(2027, 3, 1), dt.date(2027, 3, 2)
    assert _bounded_status(day, end, Compare.AT_MOST) is Status.MET
    assert _bounded_status(after, end, Compare.AT_MOST) is None
    assert _bounded_status(dt.date(2027, 2, 28), end, Compare.BELOW) is Status.MET
    assert _bounded_status(day, end, Compare.BELOW) is None  # "不满": the last day decides
    for compare in (Compare.AT_LEAST, Compare.ABOVE):
        assert _bounded_status(dt.date(2020, 1, 1), end, compare) is None


def test_open_end_is_the_proven_bound_and_none_for_day_before() -> None:
    missing = CalendarNotCovered(2027)
    period = parse_period("2年")
    start = dt.date(2025, 3, 1)
    assert open_end(start, period, Boundary.REST_DAY_ROLL, missing) == OpenEnd(
        2027, dt.date(2027, 3, 1)
    )
    assert open_end(start, period, Boundary.DAY_BEFORE, missing) is None


# --------------------------------------------------------------------------------------------
# The disclosure deadline: a limit past 9999-12-31
# --------------------------------------------------------------------------------------------

ON_9999 = dt.date(9999, 12, 31)
FERRO = "ferroalloy-replacement"  # 20个工作日 (第二十六条) and the catalog's 一年内


def _disclosure(formed: str, published: str | None) -> nmgpolicy.Decision:
    facts = {"item": FERRO, "formed_on": formed}
    if published is not None:
        facts["published_on"] = published
    return nmgpolicy.evaluate("disclosure", facts, on=ON_9999)


def test_limit_past_9999_is_never_reached() -> None:
    computed = compute(FERRO, dt.date(9999, 6, 1), _values())
    catalog = next(c for c in computed.candidates if c.source == "catalog")
    assert catalog.due is None
    assert catalog.not_before == dt.date.max and catalog.needs_year == 10000


def _values() -> dict[str, Any]:
    return dict(load_parameters("disclosure").resolve(dt.date(2025, 1, 1), None).values)


def test_publication_before_every_bound_is_on_time() -> None:
    decision = _disclosure("9999-06-01", "9999-06-02")
    assert decision.findings[0].status is Status.MET
    assert decision.to_dict()["results"]["due_not_before"] == "9999-06-21"


def test_publication_past_the_open_working_day_limit_still_raises() -> None:
    with pytest.raises(CalendarNotCovered) as raised:
        _disclosure("9999-06-01", "9999-12-31")
    assert raised.value.year == 9999


@pytest.fixture
def year_9999() -> Iterator[None]:
    periods.register_year(9999, holidays=[], workdays=[], source="a test's own 9999")
    try:
        yield
    finally:
        periods.unregister_year(9999)


@pytest.mark.usefixtures("year_9999")
def test_with_9999_registered_the_working_day_limit_binds() -> None:
    on_time = _disclosure("9999-06-01", "9999-06-29")
    assert on_time.findings[0].status is Status.MET
    assert on_time.to_dict()["results"]["due"] == "9999-06-29"
    late = _disclosure("9999-06-01", "9999-06-30")
    assert late.findings[0].status is Status.NOT_MET


def test_covered_years_are_unchanged() -> None:
    facts = {"item": FERRO, "formed_on": "2025-06-01", "published_on": "2025-06-30"}
    decision = nmgpolicy.evaluate("disclosure", facts, on=dt.date(2025, 12, 31))
    assert decision.findings[0].status is Status.MET
    assert decision.to_dict()["results"]["due"] == "2025-06-30"
    facts["published_on"] = "2025-07-01"
    late = nmgpolicy.evaluate("disclosure", facts, on=dt.date(2025, 12, 31))
    assert late.findings[0].status is Status.NOT_MET


# --------------------------------------------------------------------------------------------
# The columnar path: the same answers, decided in the kernels
# --------------------------------------------------------------------------------------------


def _columnar() -> Any:
    pytest.importorskip("numpy")
    from nmgpolicy import columnar
    from nmgpolicy.columnar import _disclosure, _first_set  # noqa: F401 (register the kernels)

    return columnar


@pytest.fixture
def _first_set_items(monkeypatch: pytest.MonkeyPatch) -> None:
    """first_set's checklist is one finding per row, not one per item (as in its own test)."""
    from nmgpolicy.criteria_lists import EachItem
    from tests import test_columnar_equal as equal

    def prefixes(ruleset: str) -> set[str]:
        definition = nmgpolicy.engine.get_ruleset(ruleset).definition
        return {c.id for c in definition.criteria if c.many and isinstance(c, EachItem)}

    monkeypatch.setattr(equal, "_item_prefixes", prefixes)


def _equal(ruleset: str, facts: list[dict[str, Any]], on: dt.date, parameters: Any) -> None:
    from tests.test_columnar_equal import compare

    _, _, differences = compare(ruleset, facts, on, parameters)
    assert not differences, "\n".join(differences[:3])


@pytest.mark.usefixtures("_first_set_items")
def test_columnar_first_set_decides_the_bound_in_the_kernels() -> None:
    columnar = _columnar()
    rows = [
        _fs(completed_on="2025-03-01", applied_on="2025-06-02"),  # bound settles: met
        _fs(completed_on="2025-03-01", applied_on="2027-03-01"),  # the bound itself: met
        _fs(completed_on="2025-03-01", applied_on="2027-03-02"),  # past it: needs 2027
        _fs(completed_on="2024-10-01", applied_on="2026-10-08"),  # covered: rolled, met
        _fs(completed_on="2024-10-01", applied_on="2026-10-09"),  # covered: review
    ]
    on = dt.date(2027, 6, 1)
    _equal("first_set", rows, on, ROLL)
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate("first_set", columns, on=on, lists=lists, parameters=ROLL)
    assert result.row_path.tolist() == [False, False, True, False, False]
    assert type(result.errors[2]) is CalendarNotCovered
    statuses = result.statuses(AGE)
    assert [statuses[k] for k in (0, 1, 3, 4)] == ["met", "met", "met", "review"]
    assert result.value("latest_application_date", 0) is None
    assert result.value("latest_application_date", 3) is not None


@pytest.mark.usefixtures("_first_set_items")
def test_columnar_first_set_working_days_follow_the_row_path() -> None:
    rows = [
        _fs(completed_on="2026-12-20", applied_on="2027-01-11"),
        _fs(completed_on="2026-12-20", applied_on="2027-01-12"),
        _fs(completed_on="2026-11-02", applied_on="2026-11-30"),
    ]
    _equal("first_set", rows, dt.date(2027, 2, 1), WORKING)


def test_columnar_disclosure_decides_a_limit_past_9999_in_the_kernels() -> None:
    columnar = _columnar()
    facts = [
        {"item": FERRO, "formed_on": "9999-06-01", "published_on": "9999-06-02"},
        {"item": FERRO, "formed_on": "9999-06-01"},  # not published by on: needs 9999
        {"item": FERRO, "formed_on": "9999-06-01", "published_on": "9999-12-31"},  # needs 9999
        {"item": FERRO, "formed_on": "2025-06-01", "published_on": "2025-06-30"},
        {"item": FERRO, "formed_on": "2025-06-01", "published_on": "2025-07-01"},
    ]
    _equal("disclosure", facts, ON_9999, None)
    columns, lists = columnar.from_records(facts)
    result = columnar.evaluate("disclosure", columns, on=ON_9999, lists=lists)
    assert result.row_path.tolist() == [False, True, True, False, False]
    assert type(result.errors[1]) is type(result.errors[2]) is CalendarNotCovered
    decisions = result.decisions()
    assert [decisions[k] for k in (0, 3, 4)] == ["eligible", "eligible", "ineligible"]


@pytest.mark.usefixtures("year_9999")
def test_columnar_disclosure_with_9999_registered() -> None:
    facts = [
        {"item": FERRO, "formed_on": "9999-06-01", "published_on": "9999-06-29"},
        {"item": FERRO, "formed_on": "9999-06-01", "published_on": "9999-06-30"},
        {"item": FERRO, "formed_on": "9999-12-01"},
    ]
    _equal("disclosure", facts, ON_9999, None)
