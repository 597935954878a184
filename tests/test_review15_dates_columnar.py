"""Review of the columnar kernels of ``first_set`` and ``disclosure`` (the working-day calendar as
arrays, ``WithinPeriod`` and ``ActWithin`` over columns): each promise checked against the row
path, and each defect found as a strict ``xfail`` that fails today because of it.

Promises checked: equal statuses, decisions and results on random and edge dates (holidays,
make-up working days, year boundaries, years with no schedule, leap days, dates near 1970 and
9999) under parameter overrides; the date arithmetic over columns equal to
:mod:`nmgpolicy.periods` over the whole calendar; exact thresholds on both sides in several
units; documents ``[]`` / absent / ``null``; Polars and Arrow input; a registration made after
a first call seen, from several threads; read-only results; no float in the kernels.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import json
import random
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy")

import nmgpolicy  # noqa: E402
from nmgpolicy import columnar, periods  # noqa: E402
from nmgpolicy.columnar import (  # noqa: E402, F401 (_disclosure and _first_set register)
    Categories,
    Dates,
    _dates,
    _disclosure,
    _first_set,
)
from nmgpolicy.criteria_deadlines import end_not_before  # noqa: E402
from nmgpolicy.criteria_lists import EachItem  # noqa: E402
from nmgpolicy.errors import CalendarNotCovered, InputError, NmgPolicyError  # noqa: E402
from nmgpolicy.periods import Period, PeriodUnit  # noqa: E402
from nmgpolicy.rules.disclosure import catalog  # noqa: E402
from tests import test_columnar_equal as equal  # noqa: E402
from tests.test_columnar_equal import compare, expected, observed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPEC = json.loads((ROOT / "tests" / "golden" / "spec.json").read_text(encoding="utf-8"))
BASE: dict[str, Any] = SPEC["rulesets"]["first_set"]["bases"][0]["facts"]
EPOCH = dt.date(1970, 1, 1)
ITEMS = [entry.id for entry in catalog()]
ON_FS = dt.date(2025, 7, 1)
ON_DISC = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _per_item_findings_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """first_set's checklist is one finding per row, not one per item (as in its own test)."""

    def prefixes(ruleset: str) -> set[str]:
        definition = nmgpolicy.engine.get_ruleset(ruleset).definition
        return {c.id for c in definition.criteria if c.many and isinstance(c, EachItem)}

    monkeypatch.setattr(equal, "_item_prefixes", prefixes)


def _equal(ruleset: str, facts: list[dict[str, Any]], on: dt.date, parameters: Any) -> int:
    _, decided, differences = compare(ruleset, facts, on, parameters)
    assert not differences, "\n".join(differences[:3])
    return decided


def _fs(**changes: Any) -> dict[str, Any]:
    facts = copy.deepcopy(BASE)
    facts.update(changes)
    return facts


def _day(d: dt.date) -> int:
    return (d - EPOCH).days


# --------------------------------------------------------------------------------------------
# Promises that held
# --------------------------------------------------------------------------------------------

DISCLOSURE_PARAMETERS: list[Any] = [
    None,
    {"article_26_role": "fallback"},
    {"default_period": "1个工作日"},
    {"default_period": "0个工作日", "budget_law_period": "0日"},
    {"budget_law_period": "1个月"},
    {"budget_law_period": "1年", "article_26_role": "fallback"},
    {"normative_cleanup_period": "3个工作日"},
    {"budget_law_period": "25个工作日"},
]


@pytest.mark.parametrize(
    "on", [ON_DISC, dt.date(2026, 12, 31), dt.date(2027, 1, 4), dt.date(2030, 1, 1)]
)
def test_disclosure_random_dates_equal_the_row_path(on: dt.date) -> None:
    rng = random.Random(on.toordinal())
    low, high = dt.date(2019, 5, 15).toordinal(), dt.date(2027, 3, 1).toordinal()
    decided = 0
    for parameters in DISCLOSURE_PARAMETERS:
        facts: list[dict[str, Any]] = []
        for _ in range(60):
            formed = dt.date.fromordinal(rng.randint(low, high))
            row: dict[str, Any] = {"item": rng.choice(ITEMS), "formed_on": formed.isoformat()}
            x = rng.random()
            if x < 0.5:
                row["published_on"] = (formed + dt.timedelta(days=rng.randint(0, 80))).isoformat()
            elif x < 0.6:
                row["published_on"] = None
            facts.append(row)
        decided += _equal("disclosure", facts, on, parameters)
    assert decided > 0


EDGE_DATES = [
    dt.date(9999, 12, 31),
    dt.date(9999, 12, 1),
    dt.date(9998, 12, 31),
    dt.date(2019, 5, 14),
    dt.date(2019, 5, 15),
    dt.date(2026, 12, 31),
    dt.date(2026, 12, 10),
    dt.date(2027, 1, 1),
    dt.date(2003, 12, 31),
    dt.date(2004, 1, 1),
    dt.date(1970, 1, 1),
    dt.date(1969, 12, 31),
    dt.date(1, 1, 1),
    dt.date(2024, 2, 29),
    dt.date(2026, 9, 30),  # 20 working days over 国庆 (holidays and 调休)
    dt.date(2026, 2, 14),  # a make-up working day (Saturday)
    dt.date(2026, 1, 31),
    dt.date(2005, 12, 30),  # the 2005-12-31 correction of data/calendar.toml
]


@pytest.mark.parametrize("on", [ON_DISC, dt.date(9999, 12, 31), dt.date(2003, 1, 1)])
@pytest.mark.parametrize(
    "parameters",
    [
        None,
        {"article_26_role": "fallback"},
        {"default_period": "0个工作日", "budget_law_period": "0日"},
    ],
)
def test_disclosure_edge_dates_equal_the_row_path(on: dt.date, parameters: Any) -> None:
    facts: list[dict[str, Any]] = []
    for formed in EDGE_DATES:
        # the item's first row is ordinary (see the xfail on the sample row below)
        facts.append({"item": "first-set-results", "formed_on": dt.date(2025, 3, 3)})
        for item in ITEMS:
            facts.append({"item": item, "formed_on": formed})
            facts.append({"item": item, "formed_on": formed, "published_on": formed})
            if formed < dt.date(9999, 12, 1):
                later = formed + dt.timedelta(days=25)
                facts.append({"item": item, "formed_on": formed, "published_on": later})
    facts.sort(key=lambda f: f["formed_on"] != dt.date(2025, 3, 3))
    _equal("disclosure", facts, on, parameters)


FIRST_SET_DATES = [
    dt.date(2024, 2, 29),
    dt.date(2026, 2, 28),
    dt.date(2026, 3, 1),
    dt.date(2024, 10, 1),
    dt.date(2026, 10, 1),
    dt.date(2026, 10, 8),
    dt.date(2027, 1, 1),
    dt.date(2024, 12, 31),
    dt.date(2026, 12, 31),
    dt.date(2003, 6, 1),
    dt.date(2004, 1, 3),
    dt.date(9999, 12, 31),
    dt.date(9998, 2, 28),
    dt.date(1970, 1, 1),
    dt.date(1, 1, 1),
]
UNITS = [
    "80万元/套",
    "79.99万元/套",
    "800000元/套",
    "799999.99元/套",
    "10万元/台",
    "9.9999万元/台",
    "2万元/吨",
    "20元/千克",
    "19.99元/千克",
    "1万元/吨",
    "9999元/吨",
    "一万元/吨",
    "80万元",
    None,
    "abc",
]
FIRST_SET_PARAMETERS: list[Any] = [
    None,
    {"completion_age_end": "rest_day_roll"},
    {"completion_age_limit": "10个工作日"},
    {"completion_age_limit": "0日"},
    {"completion_age_limit": "18个月", "completion_age_end": "rest_day_roll"},
    {"published_on": "2024-03-01"},
    {"published_on": "2024-02-29", "validity_end": "day_before"},
    {"published_on": "2024-03-01", "in_force_reference": "on"},
    {"threshold_complete_set": "79.99万元/套"},
]


@pytest.mark.parametrize("on", [ON_FS, dt.date(2027, 3, 1)])
def test_first_set_random_rows_equal_the_row_path(on: dt.date) -> None:
    rng = random.Random(on.toordinal())
    low, high = dt.date(2002, 1, 1).toordinal(), dt.date(2029, 12, 31).toordinal()

    def date() -> dt.date:
        if rng.random() < 0.4:
            return rng.choice(FIRST_SET_DATES)
        return dt.date.fromordinal(rng.randint(low, high))

    for parameters in FIRST_SET_PARAMETERS:
        facts = []
        for _ in range(50):
            row = _fs(
                category=rng.choice(
                    ["complete_set", "single_equipment", "key_component", "new_material", None]
                ),
                unit_value=rng.choice(UNITS),
            )
            completed, applied = sorted((date(), date()))
            row["completed_on"] = completed.isoformat() if rng.random() < 0.5 else completed
            row["applied_on"] = applied.isoformat() if rng.random() < 0.5 else applied
            x = rng.random()
            if x < 0.2:
                row["documents"] = []
            elif x < 0.3:
                row["documents"] = None
            elif x < 0.4:
                del row["documents"]
            if row["category"] == "new_material":
                row["product"]["sei_code"] = rng.choice(["3.1", "3.2.1", "３.２", "4.1", "x"])
            facts.append(row)
        _equal("first_set", facts, on, parameters)


@pytest.mark.parametrize(
    ("category", "value", "status"),
    [
        ("complete_set", "80万元/套", "met"),
        ("complete_set", "800000元/套", "met"),
        ("complete_set", "799999.99元/套", "not_met"),
        ("single_equipment", "10万元/台", "met"),
        ("single_equipment", "99999.99元/台", "not_met"),
        ("key_component", "20元/千克", "met"),
        ("key_component", "19.99元/千克", "not_met"),
        ("new_material", "1万元/吨", "met"),
        ("new_material", "9999.99元/吨", "not_met"),
    ],
)
def test_unit_value_at_the_threshold_both_sides(category: str, value: str, status: str) -> None:
    product = {**BASE["product"], "sei_code": "3.2"}
    row = _fs(category=category, unit_value=value, product=product)
    facts = [_fs(), row]  # an ordinary row first: one batch
    assert _equal("first_set", facts, ON_FS, None) == 2  # both decided by the kernels
    columns, lists = columnar.from_records(facts)
    result = columnar.evaluate("first_set", columns, on=ON_FS, lists=lists)
    assert result.statuses("first_set.unit_value")[1] == status


def test_documents_empty_absent_and_null() -> None:
    rows = [_fs(documents=[]), _fs(documents=None), _fs()]
    del rows[2]["documents"]
    rows.append(_fs())
    assert _equal("first_set", rows, ON_FS, None) == 4
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate("first_set", columns, on=ON_FS, lists=lists)
    assert result.statuses("first_set.documents") == ["unknown", None, None, "met"]
    assert [result.value("missing_documents", r) for r in range(4)] == [Decimal(11), None, None, 0]


def test_completion_age_roll_and_missing_year() -> None:
    """第二百零二条 without a roll by default; 第二百零三条 when asked; a roll into 2027 (no
    schedule) settles an application on or before the unrolled last day (the roll only moves
    it later: met) and is the row path's CalendarNotCovered after it, on both paths."""
    rows = [
        _fs(completed_on="2024-02-29", applied_on="2026-02-28"),  # the month's last day: met
        _fs(completed_on="2024-02-29", applied_on="2026-03-01"),  # a day late: review
        _fs(completed_on="2024-10-01", applied_on="2026-10-08"),  # 2026-10-01..07 国庆
        _fs(completed_on="2025-01-01", applied_on="2026-12-31"),
        _fs(completed_on="2025-01-01", applied_on="2027-01-01"),  # on the bound: met
        _fs(completed_on="2025-01-01", applied_on="2027-01-02"),  # after it: needs 2027
    ]
    _equal("first_set", rows, ON_FS, None)
    _equal("first_set", rows, ON_FS, {"completion_age_end": "rest_day_roll"})
    columns, lists = columnar.from_records(rows)
    plain = columnar.evaluate("first_set", columns, on=ON_FS, lists=lists)
    assert plain.statuses("first_set.completion_age")[:3] == ["met", "review", "review"]
    rolled = columnar.evaluate(
        "first_set",
        columns,
        on=ON_FS,
        lists=lists,
        parameters={"completion_age_end": "rest_day_roll"},
    )
    assert rolled.statuses("first_set.completion_age")[2] == "met"  # rolled to 2026-10-08
    assert rolled.statuses("first_set.completion_age")[3:5] == ["met", "met"]  # by the bound
    assert type(rolled.errors[5]) is CalendarNotCovered  # 2027-01-01 rolled: needs 2027


def test_applied_on_outside_the_article_14_window() -> None:
    parameters = {"published_on": "2024-03-01"}
    rows = [
        _fs(completed_on="2023-01-01", applied_on="2024-02-29"),  # before publication
        _fs(completed_on="2023-01-01", applied_on="2024-03-01"),  # the first day
        _fs(completed_on="2024-03-01", applied_on="2026-03-01"),  # the last day
        _fs(completed_on="2024-03-01", applied_on="2026-03-02"),  # a day after
    ]
    _equal("first_set", rows, dt.date(2027, 6, 1), parameters)
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate(
        "first_set", columns, on=dt.date(2027, 6, 1), lists=lists, parameters=parameters
    )
    assert [type(result.errors.get(r)).__name__ for r in range(4)] == [
        "NotInForce",
        "NoneType",
        "NoneType",
        "NotInForce",
    ]
    assert result.value("validity_checked_on", 2) == _day(dt.date(2026, 3, 1))


def test_date_forms_text_date_and_dates_column() -> None:
    formed = [dt.date(2026, 2, 2), dt.date(2026, 12, 10), dt.date(2025, 9, 30)]
    published = [dt.date(2026, 3, 2), None, dt.date(2025, 11, 3)]
    items = ["first-set-results"] * 3
    want = None
    for form in ("text", "date", "dates"):
        if form == "text":
            f: Any = [d.isoformat() for d in formed]
            p: Any = [None if d is None else d.isoformat() for d in published]
        elif form == "date":
            f, p = formed, published
        else:
            f = Dates(np.array([_day(d) for d in formed], dtype=np.int64))
            p = Dates(
                np.array([0 if d is None else _day(d) for d in published], dtype=np.int64),
                np.array([d is not None for d in published]),
            )
        result = columnar.evaluate(
            "disclosure",
            {
                "item": Categories(np.zeros(3, np.int64), (items[0],)),
                "formed_on": f,
                "published_on": p,
            },
            on=ON_DISC,
        )
        got = (
            result.decisions(),
            [result.value("due", r) for r in range(3)],
            [result.value("late_working_days", r) for r in range(3)],
        )
        want = want or got
        assert got == want
    rows = [
        {"item": i, "formed_on": d, "published_on": q}
        for i, d, q in zip(items, formed, published, strict=True)
    ]
    _equal("disclosure", rows, ON_DISC, None)


def test_polars_and_arrow_input_equal_the_row_path() -> None:
    pl = pytest.importorskip("polars")
    rng = random.Random(5)
    rows = []
    for _ in range(40):
        completed = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        applied = completed + dt.timedelta(days=rng.randint(0, 800))
        row = _fs(
            unit_value=rng.choice(["80万元/套", "79.99万元/套", None]),
            completed_on=completed,
            applied_on=applied,
        )
        x = rng.random()
        row["documents"] = [] if x < 0.3 else None if x < 0.5 else row["documents"][:5]
        rows.append(row)
    columns, _ = columnar.from_records(rows)
    series = {}
    for name, values in columns.items():
        plain = [None if v is columnar.ABSENT else v for v in values]
        dtype = pl.List(pl.Utf8) if name == "documents" else None
        series[name] = pl.Series(name, plain, dtype=dtype)
    frame = pl.DataFrame(series)
    want = expected("first_set", rows, ON_FS, None, [True] * len(rows))
    for table in (frame, frame.to_arrow()):
        result = columnar.evaluate("first_set", table, on=ON_FS)
        assert not result.row_path.any()
        got = observed(result)
        assert all(equal._same(w, g) for w, g in zip(want, got, strict=True))


def test_date_arithmetic_over_columns_equals_periods() -> None:
    rng = random.Random(3)
    dates = [dt.date.fromordinal(rng.randint(1, dt.date.max.toordinal())) for _ in range(600)]
    dates += [
        dt.date.fromordinal(
            rng.randint(dt.date(2002, 1, 1).toordinal(), dt.date(2028, 12, 31).toordinal())
        )
        for _ in range(600)
    ]
    dates += [
        dt.date(1, 1, 1),
        dt.date(1969, 12, 31),
        dt.date(9999, 12, 31),
        dt.date(9999, 1, 31),
        dt.date(2026, 12, 31),
        dt.date(2003, 12, 31),
        dt.date(2024, 1, 31),
    ]
    days = np.array([_day(d) for d in dates], dtype=np.int64)
    cal = _dates.work_calendar()
    for period in (
        Period(1, PeriodUnit.MONTH),
        Period(2, PeriodUnit.YEAR),
        Period(0, PeriodUnit.DAY),
        Period(31, PeriodUnit.DAY),
        Period(20, PeriodUnit.WORKING_DAY),
    ):
        for kernel, row in (
            (_dates.deadline, periods.deadline),
            (_dates.period_end, periods.period_end),
        ):
            got, refused = kernel(days, period, cal)
            for k, d in enumerate(dates):
                try:
                    want: int | None = _day(row(d, period))
                except (CalendarNotCovered, InputError):
                    want = None
                assert (None if refused[k] else int(got[k])) == want, (d, period)
        _, needs, _ = _dates.deadline_gap(days, period, cal)
        for k, d in enumerate(dates[:300]):
            try:
                periods.deadline(d, period)
                continue
            except CalendarNotCovered as gap:
                year = gap.year
            except InputError:
                continue
            assert needs[k] == year
            bound = _dates.end_not_before(days[k : k + 1], period, np.array([year]), cal)[0]
            assert bound == _day(end_not_before(d, period, year))


def test_registration_after_a_first_call_is_seen() -> None:
    on = dt.date(2027, 2, 1)
    facts = [
        {"item": "first-set-results", "formed_on": "2026-12-10"},
        {"item": "first-set-results", "formed_on": "2026-12-25", "published_on": "2027-01-29"},
        {"item": "annual-budget", "formed_on": "2027-01-05"},
    ]
    assert _equal("disclosure", facts, on, None) == 0  # 2027 unknown: the row path raises
    assert 2027 not in periods.covered_years()
    try:
        periods.register_year(
            2027, holidays=["2027-01-01", "2027-01-29"], workdays=[], source="review 15"
        )
        assert _equal("disclosure", facts, on, None) == 3  # now counted by the kernels
        columns, lists = columnar.from_records(facts)
        result = columnar.evaluate("disclosure", columns, on=on, lists=lists)
        assert result.value("due", 0) is not None
    finally:
        periods.unregister_year(2027)
    assert _equal("disclosure", facts, on, None) == 0


def test_calendar_arrays_from_many_threads() -> None:
    sizes: set[int] = set()
    errors: list[BaseException] = []
    base = len(_dates.work_calendar().ords)
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                cal = _dates.work_calendar()
                sizes.add(len(cal.ords))
                assert int(cal.rank[-1]) == len(cal.ords)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for _ in range(5):
            periods.register_year(2027, holidays=[], source="review 15")
            periods.unregister_year(2027)
    finally:
        stop.set()
        for t in threads:
            t.join()
        periods.unregister_year(2027)
    assert not errors
    assert sizes <= {base, base + 261}  # 2027 with no holiday: 261 weekdays
    assert len(_dates.work_calendar().ords) == base

    facts = [{"item": item, "formed_on": "2025-09-26"} for item in ITEMS] * 20
    columns, lists = columnar.from_records(facts)
    results: list[Any] = [None] * 4

    def run(k: int) -> None:
        results[k] = columnar.evaluate("disclosure", columns, on=ON_DISC, lists=lists)

    runners = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in runners:
        t.start()
    for t in runners:
        t.join()
    first = results[0]
    for other in results[1:]:
        assert other.decisions() == first.decisions()
        assert np.array_equal(other.results["due"].values, first.results["due"].values)


def test_results_are_read_only() -> None:
    facts = [{"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-11-03"}]
    columns, lists = columnar.from_records(facts)
    result = columnar.evaluate("disclosure", columns, on=ON_DISC, lists=lists)
    arrays = [result.status, result.row_path, *result.findings.values()]
    for column in result.results.values():
        arrays += [column.values, column.mask()]
    for array in arrays:
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0


def test_no_float_in_the_new_kernels() -> None:
    for name in ("_dates", "_first_set", "_first_set_kinds", "_disclosure"):
        tree = ast.parse(
            (ROOT / "src" / "nmgpolicy" / "columnar" / f"{name}.py").read_text("utf-8")
        )
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), name
            assert not isinstance(node, ast.Div), name
            assert not (isinstance(node, ast.Name) and node.id == "float"), name
            assert not (isinstance(node, ast.Attribute) and "float" in node.attr), name


ODD_FIRST_SET = [
    _fs(unit_value=800000),
    _fs(unit_value=Decimal("800000")),
    _fs(unit_value=["80万元/套"]),
    _fs(unit_value=True),
    _fs(unit_value="-80万元/套"),
    _fs(unit_value="NaN万元/套"),
    _fs(unit_value="Infinity元/套"),
    _fs(unit_value="1e30元/套"),
    _fs(documents="application_report"),
    _fs(documents=["application_report", "application_report"]),
    _fs(documents=[1]),
    _fs(documents=["nope"]),
    _fs(documents=[None]),
    _fs(documents=[f"x{i}" for i in range(70)]),
    _fs(category="foo"),
    _fs(applied_on="2025-02-30"),
    _fs(applied_on=20250601),
    _fs(completed_on=dt.datetime(2024, 5, 10)),
    _fs(completed_on="2025-06-02", applied_on="2025-06-02"),
    _fs(product=None),
    _fs(bogus=1),
]


@pytest.mark.parametrize("odd", range(len(ODD_FIRST_SET)))
def test_odd_values_only_library_errors_and_equal(odd: int) -> None:
    _equal("first_set", [_fs(), ODD_FIRST_SET[odd]], ON_FS, None)


# --------------------------------------------------------------------------------------------
# Defects (strict xfail: each fails today because of the defect named)
# --------------------------------------------------------------------------------------------


def _disclosure_dates(days: list[int], published: list[int] | None = None) -> dict[str, Any]:
    columns: dict[str, Any] = {
        "item": Categories(np.zeros(len(days), np.int64), ("first-set-results",)),
        "formed_on": Dates(np.array(days, dtype=np.int64)),
    }
    if published is not None:
        columns["published_on"] = Dates(np.array(published, dtype=np.int64))
    return columns


@pytest.mark.parametrize("days", [[20486, -800_000], [3_000_000, 20486]])
def test_out_of_range_dates_column_raises_only_library_errors(days: list[int]) -> None:
    try:
        result = columnar.evaluate("disclosure", _disclosure_dates(days), on=ON_DISC)
    except NmgPolicyError:
        return
    assert isinstance(
        result.errors.get(next(k for k, d in enumerate(days) if d != 20486)), InputError
    )


def test_out_of_range_dates_column_is_not_decided() -> None:
    result = columnar.evaluate(
        "disclosure", _disclosure_dates([20486, 3_000_000], [20490, 3_000_005]), on=ON_DISC
    )
    assert result.row_path[1] or 1 in result.errors
    assert result.decisions()[1] is None


def test_datetime64_with_a_time_is_not_rounded() -> None:
    stamps = np.array(["2026-02-02T10:00"], dtype="datetime64[us]")
    result = columnar.evaluate(
        "disclosure", {"item": ["first-set-results"], "formed_on": stamps}, on=ON_DISC
    )
    with pytest.raises(InputError):
        nmgpolicy.evaluate(
            "disclosure",
            {"item": "first-set-results", "formed_on": dt.datetime(2026, 2, 2, 10)},
            on=ON_DISC,
        )
    assert isinstance(result.errors.get(0), InputError)


def test_datetime64_values_in_records_equal_the_row_path() -> None:
    facts = [{"item": "first-set-results", "formed_on": np.datetime64("2026-02-02")}]
    _equal("disclosure", facts, ON_DISC, None)


def test_arrow_date64_column_is_read_as_dates() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table(
        {
            "item": ["first-set-results"],
            "formed_on": pa.array([dt.date(2026, 2, 2)], pa.date32()),
            "published_on": pa.array([dt.date(2026, 2, 3)], pa.date64()),
        }
    )
    result = columnar.evaluate("disclosure", table, on=ON_DISC)
    assert result.decisions() == ["eligible"]


@pytest.mark.parametrize("odd", ["1e-30元/套", "8.0000000000000000001e5元/套"])
def test_one_fine_unit_value_refuses_only_its_row(odd: str) -> None:
    rows = [_fs() for _ in range(50)]
    rows[7]["unit_value"] = odd
    _equal("first_set", rows, ON_FS, None)
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate("first_set", columns, on=ON_FS, lists=lists)
    assert int(result.row_path.sum()) == 1


def test_one_mapping_unit_value_refuses_only_its_row() -> None:
    rows = [_fs() for _ in range(20)]
    rows[7]["unit_value"] = {"value": "80", "unit": "万元/套"}
    _equal("first_set", rows, ON_FS, None)
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate("first_set", columns, on=ON_FS, lists=lists)
    assert int(result.row_path.sum()) <= 1


def test_sample_row_of_an_item_does_not_refuse_the_item() -> None:
    facts = [{"item": "ferroalloy-replacement", "formed_on": "9999-06-01"}]
    facts += [{"item": "ferroalloy-replacement", "formed_on": "2025-06-02"} for _ in range(20)]
    _equal("disclosure", facts, ON_DISC, None)
    columns, lists = columnar.from_records(facts)
    result = columnar.evaluate("disclosure", columns, on=ON_DISC, lists=lists)
    assert int(result.row_path.sum()) <= 1


def test_row_path_roll_into_a_missing_year_decides_an_early_date() -> None:
    row = _fs(completed_on="2025-03-01", applied_on="2025-06-02")  # ends 2027-03-01
    decision = nmgpolicy.evaluate(
        "first_set", row, on=ON_FS, parameters={"completion_age_end": "rest_day_roll"}
    )
    age = next(f for f in decision.findings if f.id == "first_set.completion_age")
    assert age.status.value == "met"


def test_row_path_limit_past_9999_decides_an_early_publication() -> None:
    facts = {
        "item": "ferroalloy-replacement",
        "formed_on": "9999-06-01",
        "published_on": "9999-06-02",
    }
    decision = nmgpolicy.evaluate("disclosure", facts, on=dt.date(9999, 12, 31))
    assert decision.findings[0].status.value == "met"


def test_results_false_gives_the_same_statuses() -> None:
    rows = [_fs(), _fs(unit_value="79万元/套"), _fs(applied_on="2030-01-01")]
    columns, lists = columnar.from_records(rows)
    for parameters in (None, {"published_on": "2024-03-01"}):
        full = columnar.evaluate("first_set", columns, on=ON_FS, lists=lists, parameters=parameters)
        bare = columnar.evaluate(
            "first_set", columns, on=ON_FS, lists=lists, parameters=parameters, results=False
        )
        assert bare.decisions() == full.decisions()
        assert np.array_equal(bare.row_path, full.row_path)
        assert not bare.results
