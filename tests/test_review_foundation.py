"""Review of the foundation against its issue and the design: regression tests from the text.

Every expected date below was worked out by hand from the State Council's yearly notices and
《民法典》第二百零一条 to 第二百零三条, not read back from the code.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

import nmgpolicy
from nmgpolicy import disclosure, periods, units
from nmgpolicy.cli import main, today_in_china
from nmgpolicy.errors import CalendarNotCovered, InputError, NmgPolicyError, NotInForce
from nmgpolicy.outcome import Decision, Finding, Message, Status, aggregate
from nmgpolicy.periods import Period, PeriodUnit
from tests._builders import CATALOG_IDS

D = dt.date


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def year_2027() -> Iterator[None]:
    """Register 2027 from a made-up notice for the test, and always drop it afterwards."""
    holidays = ["2027-01-01", *(d.isoformat() for d in _days(D(2027, 2, 6), D(2027, 2, 12)))]
    periods.register_year(2027, holidays=holidays, workdays=["2027-02-20"])
    try:
        yield
    finally:
        periods.unregister_year(2027)


# --------------------------------------------------------------------------------------------
# Official working days: the shipped schedule matches the State Council notices day by day
# --------------------------------------------------------------------------------------------

_REFERENCE = {
    2025: (
        [
            D(2025, 1, 1),
            *_days(D(2025, 1, 28), D(2025, 2, 4)),
            *_days(D(2025, 4, 4), D(2025, 4, 6)),
            *_days(D(2025, 5, 1), D(2025, 5, 5)),
            *_days(D(2025, 5, 31), D(2025, 6, 2)),
            *_days(D(2025, 10, 1), D(2025, 10, 8)),
        ],
        [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)],
    ),
    2026: (
        [
            *_days(D(2026, 1, 1), D(2026, 1, 3)),
            *_days(D(2026, 2, 15), D(2026, 2, 23)),
            *_days(D(2026, 4, 4), D(2026, 4, 6)),
            *_days(D(2026, 5, 1), D(2026, 5, 5)),
            *_days(D(2026, 6, 19), D(2026, 6, 21)),
            *_days(D(2026, 9, 25), D(2026, 9, 27)),
            *_days(D(2026, 10, 1), D(2026, 10, 7)),
        ],
        [
            D(2026, 1, 4),
            D(2026, 2, 14),
            D(2026, 2, 28),
            D(2026, 5, 9),
            D(2026, 9, 20),
            D(2026, 10, 10),
        ],
    ),
}


@pytest.mark.parametrize("year", sorted(_REFERENCE))
def test_every_day_of_the_year_matches_the_state_council_notice(year: int) -> None:
    holidays, workdays = _REFERENCE[year]
    for day in _days(D(year, 1, 1), D(year, 12, 31)):
        expected = day in workdays or (day.weekday() < 5 and day not in holidays)
        assert periods.is_working_day(day) is expected, day


def test_2005_12_31_is_the_corrected_make_up_day() -> None:
    # 国办发明电〔2005〕35号: Saturday 2005-12-31 was worked; chinesecalendar 1.11.0 misses it.
    assert periods.is_working_day(D(2005, 12, 31)) is True
    assert periods.is_working_day(D(2006, 1, 2)) is False


# --------------------------------------------------------------------------------------------
# Period arithmetic (《民法典》第二百零一条 to 第二百零三条), both sides of every edge
# --------------------------------------------------------------------------------------------

_TEXT_FORMS = [
    ("20个工作日", Period(20, PeriodUnit.WORKING_DAY)),
    ("20 working days", Period(20, PeriodUnit.WORKING_DAY)),
    ("30日", Period(30, PeriodUnit.DAY)),
    ("30 days", Period(30, PeriodUnit.DAY)),
    ("1个月", Period(1, PeriodUnit.MONTH)),
    ("1 month", Period(1, PeriodUnit.MONTH)),
    ("一年", Period(1, PeriodUnit.YEAR)),
    ("1 year", Period(1, PeriodUnit.YEAR)),
]


@pytest.mark.parametrize(("text", "period"), _TEXT_FORMS)
def test_issue_text_forms_parse_and_equal_the_structured_form(text: str, period: Period) -> None:
    assert periods.parse_period(text) == period
    start = D(2025, 3, 10)
    assert periods.deadline(start, text) == periods.deadline(start, period)


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        # 第二百零二条: no corresponding day → the last day of the month.
        (D(2025, 1, 31), "1个月", D(2025, 2, 28)),
        (D(2025, 3, 31), "1个月", D(2025, 4, 30)),
        # ... but a corresponding day that exists is used, even at month end of the start.
        (D(2025, 2, 28), "1个月", D(2025, 3, 28)),
        (D(2024, 2, 29), "1年", D(2025, 2, 28)),
        # Month end that is a make-up Saturday (2026-02-28): a working day, no roll.
        (D(2026, 1, 31), "1个月", D(2026, 2, 28)),
        # Last day inside Spring Festival 2026 (2/15-2/23): rolls to 2/24 (第二百零三条).
        (D(2026, 1, 26), "20日", D(2026, 2, 24)),
        (D(2026, 1, 27), "20日", D(2026, 2, 24)),
        (D(2026, 1, 20), "1个月", D(2026, 2, 24)),
        # One day earlier the last day is the make-up Saturday 2026-02-14: no roll.
        (D(2026, 1, 25), "20日", D(2026, 2, 14)),
        # Last day on New Year 2026 (1/1-1/3): the rest ends on 1/3, and 1/4 is a make-up Sunday.
        (D(2025, 12, 2), "30日", D(2026, 1, 4)),
        (D(2025, 11, 30), "1 month", D(2025, 12, 30)),
        # An ordinary weekend roll.
        (D(2025, 3, 10), "20日", D(2025, 3, 31)),
        (D(2025, 3, 10), "30日", D(2025, 4, 9)),
        # 第二百零一条: the start day is not counted.
        (D(2025, 3, 10), "1日", D(2025, 3, 11)),
    ],
)
def test_calendar_periods(start: dt.date, period: str, due: dt.date) -> None:
    assert periods.deadline(start, period) == due


@pytest.mark.parametrize(
    ("n", "due"),
    [(19, D(2025, 10, 29)), (20, D(2025, 10, 30)), (21, D(2025, 10, 31))],
)
def test_working_days_across_national_day_2025(n: int, due: dt.date) -> None:
    # 9/28 (Sun) and 10/11 (Sat) are make-up days and count; 10/1-10/8 do not.
    start = D(2025, 9, 26)
    assert periods.add_working_days(start, n) == due
    assert periods.deadline(start, f"{n}个工作日") == due
    assert periods.working_days_between(start, due) == n
    assert periods.working_days_between(due, start) == -n


def test_make_up_saturday_is_counted_as_a_working_day() -> None:
    # Friday 2026-02-13 + 1 working day is the make-up Saturday 2026-02-14, + 2 is 2026-02-24.
    assert periods.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert periods.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    # A rest-day start is not counted either.
    assert periods.add_working_days(D(2026, 2, 15), 1) == D(2026, 2, 24)


def test_public_notice_window_counts_the_notice_day() -> None:
    assert periods.notice_window(D(2026, 3, 2), 5) == (D(2026, 3, 2), D(2026, 3, 6))
    assert periods.notice_window(D(2026, 3, 1), 5) == (D(2026, 3, 2), D(2026, 3, 6))


def test_2027_is_not_covered_until_registered() -> None:
    with pytest.raises(CalendarNotCovered) as info:
        periods.add_working_days(D(2026, 12, 25), 10)
    assert info.value.year == 2027
    assert "2027" in str(info.value)
    assert isinstance(info.value, LookupError)
    with pytest.raises(CalendarNotCovered):
        periods.deadline(D(2026, 12, 15), "30日")  # last day 2027-01-14: status unknown
    with pytest.raises(CalendarNotCovered):
        periods.is_working_day(D(2027, 1, 4))


@pytest.mark.usefixtures("year_2027")
def test_a_registered_2027_is_used_and_joins_2026() -> None:
    assert periods.is_working_day(D(2027, 1, 1)) is False
    assert periods.is_working_day(D(2027, 2, 20)) is True  # registered make-up Saturday
    assert periods.add_working_days(D(2026, 12, 25), 10) == D(2027, 1, 11)
    assert periods.working_days_between(D(2026, 12, 25), D(2027, 1, 11)) == 10
    assert periods.deadline(D(2026, 12, 15), "30日") == D(2027, 1, 14)
    # A last day inside the registered Spring Festival rolls past it.
    assert periods.deadline(D(2027, 2, 5), "1日") == D(2027, 2, 15)
    with pytest.raises(CalendarNotCovered) as info:
        periods.add_working_days(D(2027, 12, 20), 20)
    assert info.value.year == 2028


def test_register_year_reports_every_bad_entry_with_its_path() -> None:
    with pytest.raises(InputError) as info:
        periods.register_year(2027, holidays=["2027-13-01", "2026-01-01"], workdays=[5])
    assert info.value.paths == ("$.holidays[0]", "$.holidays[1]", "$.workdays[0]")
    with pytest.raises(CalendarNotCovered):
        periods.is_working_day(D(2027, 1, 4))  # nothing was registered


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: periods.deadline("2025-01-31", "1个月"), "$.start"),
        (lambda: periods.deadline(dt.datetime(2025, 1, 31), "1个月"), "$.start"),
        (lambda: periods.deadline(D(2025, 1, 1), "-1日"), "$.period"),
        (lambda: periods.deadline(D(2025, 1, 1), "1.5个月"), "$.period"),
        (lambda: periods.deadline(D(2025, 1, 1), None), "$.period"),
        (lambda: periods.deadline(D(9999, 1, 1), "1年"), "$.period"),
        (lambda: periods.add_working_days(D(2025, 1, 1), -1), "$.n"),
        (lambda: periods.add_working_days(D(2025, 1, 1), 3.0), "$.n"),
        (lambda: periods.add_working_days(D(2025, 1, 1), True), "$.n"),
    ],
)
def test_bad_period_arguments_are_input_errors_with_a_path(call: object, path: str) -> None:
    with pytest.raises(InputError) as info:
        call()  # type: ignore[operator]
    assert info.value.paths == (path,)


# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------


def test_quantities_parse_exactly_in_canonical_units() -> None:
    def money_per_set(text: str) -> Decimal:
        return units.parse_amount(text, units.Kind.MONEY_PER_SET, path="$.v")

    assert units.quantity("８０万元／套") == units.quantity("80万元/套")
    assert money_per_set("80万元/套") == money_per_set("800000元/套") == Decimal(800000)
    assert money_per_set("79.99万元/套") < money_per_set("80万元/套")
    assert units.parse_amount("3 MVA", units.Kind.APPARENT_POWER, path="$.v") == 3000
    assert units.parse_amount("100km²", units.Kind.AREA, path="$.v") == 100
    assert units.parse_amount("15 CNY", units.Kind.MONEY, path="$.v") == 15
    assert units.parse_amount("30万吨", units.Kind.MASS, path="$.v") == 300000


@pytest.mark.parametrize(
    ("value", "kind", "needle"),
    [
        ("80", units.Kind.MONEY, '"15亿元"'),
        (80, units.Kind.MONEY, '"15亿元"'),
        ("30", units.Kind.MASS, '"30万吨"'),
        ("3000kW", units.Kind.APPARENT_POWER, '"3000kVA"'),
        ("80万元/台", units.Kind.MONEY_PER_SET, '"85万元/套"'),
        ("-1万元", units.Kind.MONEY, '"15亿元"'),
        ("NaN万元", units.Kind.MONEY, '"15亿元"'),
        ("1e30亿元", units.Kind.MONEY, '"15亿元"'),
    ],
)
def test_bad_amounts_name_the_field_and_show_an_example(
    value: object, kind: units.Kind, needle: str
) -> None:
    with pytest.raises(InputError) as info:
        units.parse_amount(value, kind, path="$.applicant.amount")
    assert info.value.paths == ("$.applicant.amount",)
    assert needle in str(info.value)


def test_shares() -> None:
    for ok in ("60%", "６０％", 0.6, "0.6", Decimal("0.6")):
        assert units.parse_share(ok, path="$.s") == Decimal("0.6")
    assert units.parse_share(1, path="$.s") == 1
    assert units.parse_share(0, path="$.s") == 0
    with pytest.raises(InputError, match='"60%"'):
        units.parse_share(60, path="$.s")
    with pytest.raises(InputError, match='"60%"'):
        units.parse_share("60", path="$.s")
    for bad in ("101%", -0.1, float("nan"), True, None):
        with pytest.raises(InputError):
            units.parse_share(bad, path="$.s")


def test_to_dict_shapes_of_quantities_and_ratios() -> None:
    assert units.format_amount(Decimal(220000), units.Kind.MASS) == "22万吨"
    assert units.format_amount(Decimal(850000), units.Kind.MONEY_PER_SET) == "85万元/套"
    assert units.format_decimal(Decimal("1.10")) == "1.1"
    assert units.format_decimal(Decimal("0.60")) == "0.6"


# --------------------------------------------------------------------------------------------
# Outcome model: aggregation over binding findings
# --------------------------------------------------------------------------------------------


def _f(status: Status, *, binding: bool = True) -> Finding:
    return Finding(id="x.y", status=status, message=Message("中", "en"), binding=binding)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([Status.MET, Status.NOT_APPLICABLE], "eligible"),
        ([Status.MET, Status.UNKNOWN], "undetermined"),
        ([Status.MET, Status.REVIEW], "undetermined"),
        ([Status.UNKNOWN, Status.NOT_MET], "ineligible"),
        ([], "eligible"),
    ],
)
def test_aggregation(statuses: list[Status], expected: str) -> None:
    assert aggregate([_f(s) for s in statuses]).value == expected


def test_informational_findings_do_not_decide() -> None:
    assert aggregate([_f(Status.MET), _f(Status.NOT_MET, binding=False)]).value == "eligible"
    assert aggregate([_f(Status.MET), _f(Status.UNKNOWN, binding=False)]).value == "eligible"


# --------------------------------------------------------------------------------------------
# The disclosure catalog and its deadlines
# --------------------------------------------------------------------------------------------

_IDS = CATALOG_IDS

# item: (office, channel, due for an event on Monday 2025-03-10, binding source)
# 第二十六条 (the ceiling, every item): 20个工作日 → 2025-04-08 (4/4 is Qingming); 预算法 20日 →
# Sunday 3/30 → 3/31 replaces it for the budget items; the catalog's 1个月 (4/10) and 一年
# (2026-03-10) and 第五十一条's 30日 (4/9) are later, so the ceiling binds.
_ITEMS = {
    "agency-functions": ("人事科", "政府网站", D(2025, 4, 8), "ceiling"),
    "leadership-duties": ("办公室", "政府网站", D(2025, 4, 8), "ceiling"),
    "normative-documents": ("政策法规科及相关业务科室", "政府网站", D(2025, 4, 8), "ceiling"),
    "other-documents": ("政策法规科及相关业务科室", "政府网站", D(2025, 4, 8), "ceiling"),
    "power-lists": ("政策法规科及相关业务科室", "政府网站", D(2025, 4, 8), "ceiling"),
    "foi-basics": ("办公室", "政府网站", D(2025, 4, 8), "ceiling"),
    "annual-budget": ("办公室", "政府网站", D(2025, 3, 31), "statute"),
    "annual-final-accounts": ("办公室", "政府网站", D(2025, 3, 31), "statute"),
    "proposals": ("办公室", "政府网站", D(2025, 4, 8), "ceiling"),
    "first-set-results": ("装备工业科", "政府网站", D(2025, 4, 8), "ceiling"),
    "ferroalloy-replacement": ("冶金建材科", "政府网站", D(2025, 4, 8), "ceiling"),
    "explosives-safety-inspection": ("民爆和煤炭管理科", "部门网站", D(2025, 4, 8), "ceiling"),
    "sme-recognition": ("中小企业服务科", "政府网站", D(2025, 4, 8), "ceiling"),
    "cluster-recognition": ("中小企业服务科", "政府网站", D(2025, 4, 8), "ceiling"),
}


def test_catalog_ids_in_order() -> None:
    assert [i.id for i in disclosure.catalog()] == _IDS


@pytest.mark.parametrize("item_id", _IDS)
def test_each_item_office_channel_and_deadline(item_id: str) -> None:
    office, channel, due, source = _ITEMS[item_id]
    item = disclosure.item(item_id)
    assert (item.office, item.channel) == (office, channel)
    assert item.publisher == "包头市工业和信息化局"
    assert item.category == "法定公开"
    assert item.audience_public is True
    assert item.audience_specific is False
    found = disclosure.deadline(item_id, D(2025, 3, 10))
    assert found.due == due
    assert found.basis.source == source
    assert found.due == min(c.due for c in found.candidates if c.due is not None)


def test_budget_reports_both_limits_and_the_earlier_binds() -> None:
    found = disclosure.deadline("annual-budget", "2026-01-20")
    by_source = {c.source: c for c in found.candidates}
    assert by_source["statute"].due == D(2026, 2, 9)
    assert by_source["statute"].citation.article == "第十四条"
    assert by_source["catalog"].due == D(2026, 2, 24)
    assert found.due == D(2026, 2, 9)
    assert found.notes


def test_fallback_items_cite_article_26_and_say_so() -> None:
    for item_id in ("foi-basics", "power-lists", "other-documents"):
        found = disclosure.deadline(item_id, D(2025, 3, 10))
        assert found.basis.citation.article == "第二十六条"
        assert found.basis.period == Period(20, PeriodUnit.WORKING_DAY)
        assert any("第二十六条" in n.zh for n in found.notes)


def test_normative_documents_follow_article_51() -> None:
    # Under the ceiling reading 第五十一条 (a 规章) only adds a limit; the old reading keeps it.
    found = disclosure.deadline("normative-documents", D(2025, 3, 10))
    by_source = {c.source: c for c in found.candidates}
    assert by_source["statute"].citation.article == "第五十一条"
    assert by_source["statute"].period == Period(30, PeriodUnit.DAY)
    old = disclosure.deadline(
        "normative-documents", D(2025, 3, 10), parameters={"article_26_role": "fallback"}
    )
    assert old.basis.citation.article == "第五十一条"
    assert old.basis.period == Period(30, PeriodUnit.DAY)


def test_proposals_count_one_month_from_the_reply() -> None:
    # Reply on 2026-01-31: 1个月 ends on the make-up Saturday 2026-02-28 (no roll).
    assert disclosure.deadline("proposals", "2026-01-31").due == D(2026, 2, 28)


def test_load_catalog_repairs_the_seed_export() -> None:
    data = resources.files("nmgpolicy") / "data" / "baotou_miit_catalog.tsv"
    loaded = disclosure.load_catalog(Path(str(data)))
    assert list(loaded.ids) == _IDS
    for item in loaded.items:
        assert (item.office, item.channel) == _ITEMS[item.id][:2]
    kinds = {(a.line, a.kind, a.column) for a in loaded.anomalies}
    assert {(24, "shifted", "office"), (29, "shifted", "office")} <= kinds
    assert {(19, "html", "basis_text"), (29, "html", "basis_text")} <= kinds
    assert {(8, "inherited", "level1"), (10, "inherited", "level1")} <= kinds
    assert (14, "inherited", "level1") in kinds
    first_set = next(i for i in loaded.items if i.id == "first-set-results")
    assert "<p>" not in first_set.basis_text
    assert "第五条" in first_set.basis_text


# --------------------------------------------------------------------------------------------
# evaluate("disclosure", ...)
# --------------------------------------------------------------------------------------------

_FIRST_SET = {"item": "first-set-results", "formed_on": "2025-09-26"}  # due 2025-10-30 (Thu)


def _evaluate(facts: dict[str, object], on: dt.date) -> Decision:
    return nmgpolicy.evaluate("disclosure", facts, on=on)


@pytest.mark.parametrize(
    ("facts", "on", "status", "late"),
    [
        (_FIRST_SET, D(2025, 10, 30), "met", 0),
        (_FIRST_SET, D(2025, 10, 31), "not_met", 1),
        ({**_FIRST_SET, "published_on": None}, D(2025, 10, 30), "met", 0),
        ({**_FIRST_SET, "published_on": "2025-10-30"}, D(2025, 12, 1), "met", 0),
        ({**_FIRST_SET, "published_on": "2025-10-31"}, D(2025, 12, 1), "not_met", 1),
        ({**_FIRST_SET, "published_on": "2025-11-03"}, D(2025, 12, 1), "not_met", 2),
    ],
)
def test_on_time_both_sides_of_the_due_date(
    facts: dict[str, object], on: dt.date, status: str, late: int
) -> None:
    decision = _evaluate(facts, on)
    finding = decision.finding("disclosure.on_time")
    assert finding.status.value == status
    assert decision.status.value == ("eligible" if status == "met" else "ineligible")
    assert decision.results["due"] == D(2025, 10, 30)
    assert decision.results["late_working_days"] == late
    assert type(decision.results["late_working_days"]) is int
    data = json.loads(json.dumps(decision.to_dict(), ensure_ascii=False))
    assert data["on"] == on.isoformat()
    assert data["results"]["due"] == "2025-10-30"
    assert data["findings"][0]["required"] == "2025-10-30"


def test_in_force_window_of_the_disclosure_rule_set() -> None:
    facts = {"item": "agency-functions", "formed_on": "2019-05-15"}
    assert _evaluate(facts, D(2019, 5, 15)).status.value == "eligible"
    with pytest.raises(NotInForce):
        _evaluate(facts, D(2019, 5, 14))


def test_overrides_are_recorded_and_change_the_binding_limit() -> None:
    facts = {"item": "annual-budget", "formed_on": "2026-01-20", "published_on": "2026-02-25"}
    decision = nmgpolicy.evaluate(
        "disclosure", facts, on=D(2026, 3, 2), parameters={"budget_law_period": "40日"}
    )
    assert decision.to_dict()["overrides"] == {"budget_law_period": "40日"}
    assert decision.results["due"] == D(2026, 2, 24)
    assert decision.results["basis"] == "catalog"
    assert decision.results["late_working_days"] == 1


def test_every_fact_problem_is_reported_with_its_path() -> None:
    facts = {"item": 1, "formed_on": "20 Jan", "published_on": 5, "typo": True}
    with pytest.raises(InputError) as info:
        _evaluate(facts, D(2026, 3, 2))
    assert set(info.value.paths) == {"$.item", "$.formed_on", "$.published_on", "$.typo"}
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "facts",
    [
        None,
        [1],
        "facts",
        {"item": float("nan"), "formed_on": float("inf")},
        {"item": "annual-budget", "formed_on": {"a": {"b": {"c": [1, [2, [3]]]}}}},
        {"item": "annual-budget", "formed_on": "2026-01-20", "published_on": "2025-01-01"},
        {"item": "no-such-item", "formed_on": "2026-01-20"},
        {"item": "annual-budget", "formed_on": -(10**30)},
    ],
)
def test_bad_facts_raise_only_input_errors(facts: object) -> None:
    with pytest.raises(InputError) as info:
        nmgpolicy.evaluate("disclosure", facts, on=D(2026, 3, 2))
    assert all(p.path.startswith("$") for p in info.value.problems)


def test_unknown_rule_set_is_a_lookup_error() -> None:
    with pytest.raises(nmgpolicy.UnknownRuleSet) as info:
        nmgpolicy.evaluate("nope", {}, on=D(2026, 3, 2))
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, NmgPolicyError)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        ("2025-01-31", "1个月", "2025-02-28"),
        ("2025-09-26", "20个工作日", "2025-10-30"),
        ("2026-01-26", "20日", "2026-02-24"),
        ("2024-02-29", "1 year", "2025-02-28"),
    ],
)
def test_cli_deadline(start: str, period: str, due: str) -> None:
    assert _cli("deadline", start, period) == (0, due + "\n", "")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("deadline", "2025-13-01", "1个月"), "$.start"),
        (("deadline", "2025-01-01", "soon"), "$.period"),
        (("deadline", "2026-12-25", "10个工作日"), "2027"),
        (("rules", "nope"), "nope"),
        (("catalog", "--file", "/nonexistent/catalog.tsv"), "$.path"),
    ],
)
def test_cli_bad_input_exits_2_with_the_field(argv: tuple[str, ...], needle: str) -> None:
    code, out, err = _cli(*argv)
    assert code == 2
    assert out == ""
    assert needle in err
    assert "Traceback" not in err


def test_cli_evaluate_bad_facts_exit_2_naming_each_field(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text('{"item": "annual-budget", "formed_on": "20 Jan", "x": 1}', encoding="utf-8")
    code, _, err = _cli("evaluate", "disclosure", str(path), "--on", "2026-03-02")
    assert code == 2
    assert "$.formed_on" in err
    assert "$.x" in err


def test_cli_evaluate_exits_0_whatever_the_outcome_and_prints_the_default_date(
    tmp_path: Path,
) -> None:
    path = tmp_path / "facts.json"
    path.write_text(
        '{"item": "annual-budget", "formed_on": "2026-01-20", "published_on": "2026-02-25"}',
        encoding="utf-8",
    )
    code, out, _ = _cli(
        "evaluate", "disclosure", str(path), "--on", "2026-03-02", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["status"] == "ineligible"
    code, _, err = _cli("evaluate", "disclosure", str(path))
    assert code == 0
    assert today_in_china().isoformat() in err  # the date in China, not the machine's


def test_cli_catalog_reads_the_bureau_export() -> None:
    data = resources.files("nmgpolicy") / "data" / "baotou_miit_catalog.tsv"
    code, out, _ = _cli("catalog", "--file", str(data), "--format", "json")
    assert code == 0
    items = json.loads(out)["items"]
    assert [i["id"] for i in items] == _IDS
