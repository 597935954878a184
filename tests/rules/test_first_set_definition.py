"""first_set as one definition: the criteria in the order of the articles, the date kinds of
``nmgpolicy.criteria_dates`` and the rule set's own kinds, the fast input check."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy.convert import structure
from nmgpolicy.criteria import Attestation, Compare, Flag
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
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import Period, PeriodUnit
from nmgpolicy.rules import first_set
from nmgpolicy.rules._first_set_input import clean, input_problems
from nmgpolicy.rules._first_set_kinds import (
    ByCategory,
    Checklist,
    ClassifiedUnder,
    HeldWhereNeeded,
    Need,
)
from tests.golden import cases

D = dt.date
ON = D(2025, 7, 1)
YEARS_2 = Period(2, PeriodUnit.YEAR)


# ---- the definition ---------------------------------------------------------------------------


def test_the_definition_lists_every_criterion_of_the_data_file_in_its_order() -> None:
    ids = [c.id for c in first_set.DEFINITION.criteria]
    assert ids == list(load_parameters("first_set").criteria)
    assert first_set.FirstSetRuleSet.definition is first_set.DEFINITION


def test_each_article_has_the_kind_of_its_legal_shape() -> None:
    kinds = {c.id.removeprefix("first_set."): c.kind for c in first_set.DEFINITION.criteria}
    assert kinds["patent"] == "flag"
    assert kinds["no_accidents"] == "flag"
    assert kinds["fits_industrial_policy"] == "attestation"
    assert kinds["unit_value"] == "by_category"
    assert kinds["completion_age"] == "within_period"
    assert kinds["new_material_catalog"] == "classified_under"
    assert kinds["license"] == "held_where_needed"
    assert kinds["documents"] == "checklist"
    assert not any(kind == "custom" for kind in kinds.values())
    flags = [c for c in first_set.DEFINITION.criteria if type(c) is Flag]
    attested = [c for c in first_set.DEFINITION.criteria if isinstance(c, Attestation)]
    assert (len(flags), len(attested)) == (10, 16)


def test_the_parameters_the_criteria_compare_with() -> None:
    names = first_set.DEFINITION.parameters()
    for name in (
        "threshold_complete_set",
        "threshold_single_equipment",
        "threshold_key_component",
        "threshold_new_material",
        "completion_age_limit",
        "completion_age_end",
    ):
        assert name in names
    data = load_parameters("first_set")
    assert all(name in data.parameters for name in names)


def test_references_name_the_facts_each_criterion_reads() -> None:
    documents = first_set.DEFINITION.criterion("first_set.documents")
    assert Fact("documents") in documents.references()
    assert Fact("product.needs_ccc") in documents.references()
    licence = first_set.DEFINITION.criterion("first_set.license")
    assert Fact("product.has_production_license") in licence.references()
    age = first_set.DEFINITION.criterion("first_set.completion_age")
    assert Param("completion_age_limit") in age.references()
    assert Fact("applied_on") in age.references()


def test_the_documents_finding_only_when_the_documents_are_listed() -> None:
    example = json.loads(
        Path("examples/first_set/eligible_complete_set.json").read_text(encoding="utf-8")
    )
    without = {k: v for k, v in example.items() if k != "documents"}
    ids = [f.id for f in nmgpolicy.evaluate("first_set", without, on=ON).findings]
    assert "first_set.documents" not in ids
    listed = nmgpolicy.evaluate("first_set", {**without, "documents": []}, on=ON)
    assert listed.findings[-1].id == "first_set.documents"
    assert listed.findings[-1].status is Status.UNKNOWN
    assert "application_report" in listed.results["missing_documents"]


def test_a_negated_fact_shows_the_condition_as_its_title_words_it() -> None:
    d = nmgpolicy.evaluate("first_set", {"applicant": {"accidents_last_3_years": False}}, on=ON)
    finding = d.finding("first_set.no_accidents")
    assert finding.status is Status.MET
    assert (finding.measured, finding.required) == (True, True)  # 未发生事故: 是


# ---- the fast input check agrees with the full one ---------------------------------------------


def _golden_inputs(count: int) -> list[dict[str, Any]]:
    spec = json.loads(Path("tests/golden/spec.json").read_text(encoding="utf-8"))
    ruleset = spec["rulesets"]["first_set"]
    return [cases.build("nmgpolicy", "first_set", ruleset, i)["facts"] for i in range(count)]


def test_clean_agrees_with_the_problems_of_the_raw_facts() -> None:
    data = load_parameters("first_set")
    checked = rejected = 0
    for facts in _golden_inputs(1500):
        try:
            model = structure(facts, first_set.FirstSetFacts)
        except InputError:
            continue
        checked += 1
        problems = input_problems(facts, data)
        assert clean(model) == (not problems), facts
        rejected += bool(problems)
    assert checked > 500 and rejected > 10


@pytest.mark.parametrize(
    ("facts", "path"),
    [
        ({"category": "complete_set", "unit_value": "85万元/吨"}, "$.unit_value"),
        ({"unit_value": "30万吨"}, "$.unit_value"),
        ({"completed_on": "2025-02-01", "applied_on": "2025-01-01"}, "$.applied_on"),
        ({"product": {"sei_code": "03.1"}}, "$.product.sei_code"),
        ({"documents": ["no_such_item"]}, "$.documents[0]"),
    ],
)
def test_a_model_that_structures_but_is_not_clean_is_refused(facts: object, path: str) -> None:
    with pytest.raises(InputError) as caught:
        first_set.RULESET.parse_facts(facts)  # type: ignore[attr-defined]
    assert [p.path for p in caught.value.problems] == [path]


# ---- criteria_dates: last_day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "period", "boundary", "end"),
    [
        (D(2024, 2, 29), YEARS_2, Boundary.CORRESPONDING_DAY, D(2026, 2, 28)),
        (D(2024, 3, 1), YEARS_2, Boundary.CORRESPONDING_DAY, D(2026, 3, 1)),
        (D(2024, 3, 1), YEARS_2, Boundary.DAY_BEFORE, D(2026, 2, 28)),
        (D(2024, 2, 29), YEARS_2, Boundary.DAY_BEFORE, D(2026, 2, 28)),
        (D(2025, 1, 31), Period(1, PeriodUnit.MONTH), "corresponding_day", D(2025, 2, 28)),
        (D(2025, 1, 1), Period(10, PeriodUnit.DAY), Boundary.DAY_BEFORE, D(2025, 1, 10)),
        (D(2025, 1, 1), Period(10, PeriodUnit.DAY), Boundary.CORRESPONDING_DAY, D(2025, 1, 11)),
        (D(2025, 1, 1), Period(0, PeriodUnit.YEAR), Boundary.DAY_BEFORE, D(2025, 1, 1)),
        # 2025-10-04 is a National Day holiday: the roll moves the last day to 2025-10-09.
        (D(2025, 9, 4), Period(1, PeriodUnit.MONTH), Boundary.REST_DAY_ROLL, D(2025, 10, 9)),
        (D(2025, 9, 4), Period(1, PeriodUnit.MONTH), Boundary.CORRESPONDING_DAY, D(2025, 10, 4)),
        (D(9999, 6, 1), YEARS_2, Boundary.CORRESPONDING_DAY, None),
        (D(9999, 6, 1), YEARS_2, Boundary.DAY_BEFORE, None),
        (D(9998, 1, 1), YEARS_2, Boundary.DAY_BEFORE, D(9999, 12, 31)),
    ],
)
def test_last_day(start: D, period: Period, boundary: Boundary | str, end: D | None) -> None:
    assert last_day(start, period, boundary) == end


def test_the_validity_helper_counts_with_last_day() -> None:
    for start in (D(2024, 2, 29), D(2024, 3, 1), D(2025, 1, 31)):
        for rule in ("corresponding_day", "day_before"):
            window = first_set.validity_window(start, parameters={"validity_end": rule})
            assert window == (start, last_day(start, YEARS_2, rule))


# ---- criteria_dates: the status ---------------------------------------------------------------

LAST = D(2026, 3, 1)


@pytest.mark.parametrize(
    ("compare", "before", "on_last", "after"),
    [
        (Compare.AT_MOST, Status.MET, Status.MET, Status.NOT_MET),  # 不超过: the last day in
        (Compare.BELOW, Status.MET, Status.NOT_MET, Status.NOT_MET),  # 不满: the last day out
        (Compare.AT_LEAST, Status.NOT_MET, Status.MET, Status.MET),  # 满
        (Compare.ABOVE, Status.NOT_MET, Status.NOT_MET, Status.MET),
    ],
)
def test_within_period_status_is_inclusive_as_the_wording_says(
    compare: Compare, before: Status, on_last: Status, after: Status
) -> None:
    start = D(2024, 3, 1)
    day = dt.timedelta(days=1)
    assert within_period_status(start, LAST - day, LAST, compare) is before
    assert within_period_status(start, LAST, LAST, compare) is on_last
    assert within_period_status(start, LAST + day, LAST, compare) is after


def test_within_period_status_missing_soft_and_open_ended() -> None:
    start = D(2024, 3, 1)
    assert within_period_status(None, LAST, LAST) is Status.UNKNOWN
    assert within_period_status(start, None, LAST) is Status.UNKNOWN
    assert within_period_status(start, D(2027, 1, 1), LAST, soft=True) is Status.REVIEW
    assert within_period_status(start, D(9999, 1, 1), None) is Status.MET
    assert within_period_status(start, D(9999, 1, 1), None, Compare.AT_LEAST) is Status.NOT_MET


# ---- criteria_dates: the criterion on a row ---------------------------------------------------


@attrs.frozen
class _Dated:
    start: D | None = None
    date: D | None = None


def _row(facts: _Dated, on: D = ON) -> Row:
    data = load_parameters("first_set")
    return Row(facts, Context(on=on, params=data.resolve(on), data=data))


SIX_MONTHS = Measure("six_months", lambda row: Period(6, PeriodUnit.MONTH))


def test_a_document_not_older_than_six_months_on_the_evaluation_date() -> None:
    fresh = WithinPeriod(
        "test.fresh", start=Fact("start"), date=EVALUATION_DATE, period=SIX_MONTHS, result="until"
    )
    row = _row(_Dated(start=D(2025, 1, 1)))
    finding = fresh.decide(row)
    assert finding.status is Status.MET
    assert row.results["until"] == D(2025, 7, 1)
    assert (finding.measured, finding.required, finding.gap) == (ON, D(2025, 7, 1), 0)
    stale = fresh.decide(_row(_Dated(start=D(2024, 12, 31))))
    assert stale.status is Status.NOT_MET
    assert stale.gap == -1
    assert "超过1日，不符合" in stale.message.zh
    assert "exceeded by 1 day(s): not met" in stale.message.en


def test_a_missing_date_names_what_is_missing() -> None:
    criterion = WithinPeriod(
        "test.age",
        start=Fact("start"),
        date=Fact("date"),
        period=Param("completion_age_limit"),
        wording=PeriodWording(
            start_name=Message("完成日期", "the completion date"),
            date_name=Message("申请日期", "the application date"),
        ),
    )
    row = _row(_Dated())
    finding = criterion.decide(row)
    assert finding.status is Status.UNKNOWN
    assert finding.message.zh == "缺少事实：完成日期、申请日期（要求不超过2年）。"
    assert finding.message.en == (
        "Fact missing: the completion date and the application date (required: no more than "
        "2 years)."
    )
    assert finding.required == YEARS_2
    assert "until" not in row.results


def test_at_least_a_year_since_registration_with_its_own_words() -> None:
    established = WithinPeriod(
        "test.established",
        start=Fact("start"),
        date=Fact("date"),
        period=Measure("one_year", lambda row: Period(1, PeriodUnit.YEAR)),
        compare=Compare.AT_LEAST,
        wording=PeriodWording(
            met=Message("成立于{start}，至{date}已满{period}，符合。", "{events}: met."),
            not_met=Message("成立于{start}，至{date}未满{period}（{last}满），不符合。", "no"),
        ),
    )
    ok = established.decide(_row(_Dated(D(2024, 2, 29), D(2025, 2, 28))))
    assert ok.status is Status.MET
    assert ok.message.zh == "成立于2024-02-29，至2025-02-28已满1年，符合。"
    short = established.decide(_row(_Dated(D(2024, 3, 1), D(2025, 2, 28))))
    assert short.status is Status.NOT_MET
    assert short.gap == -1
    assert short.message.zh == "成立于2024-03-01，至2025-02-28未满1年（2025-03-01满），不符合。"


def test_the_boundary_may_be_a_parameter_and_the_explanation_says_how_it_counts() -> None:
    facts = {"completed_on": "2023-09-04", "applied_on": "2025-09-05"}
    plain = nmgpolicy.evaluate("first_set", facts, on=ON).finding("first_set.completion_age")
    rolled = nmgpolicy.evaluate(
        "first_set", facts, on=ON, parameters={"completion_age_end": "rest_day_roll"}
    ).finding("first_set.completion_age")
    # 2025-09-04 is a Thursday: no roll, and the application a day later is beyond either way.
    assert plain.status is rolled.status is Status.REVIEW
    assert "不适用第二百零三条顺延" in plain.message.zh
    assert "遇法定休假日顺延" in rolled.message.zh


# ---- the rule set's own kinds -----------------------------------------------------------------


def _kind(cid: str) -> Any:
    return first_set.DEFINITION.criterion(f"first_set.{cid}")


@pytest.mark.parametrize(
    ("applies", "code", "status"),
    [
        (False, "3.2", Status.NOT_APPLICABLE),
        (None, "3.2", Status.UNKNOWN),
        (True, None, Status.UNKNOWN),
        (True, "3", Status.UNKNOWN),  # the domain only
        (True, "3.2", Status.MET),
        (True, "3.2.1", Status.MET),
        (True, "3.8", Status.NOT_MET),
        (True, "2.1", Status.NOT_MET),
        (True, "13.1", Status.NOT_MET),
    ],
)
def test_classified_under(applies: bool | None, code: str | None, status: Status) -> None:
    catalog = _kind("new_material_catalog")
    assert isinstance(catalog, ClassifiedUnder)
    assert catalog.status(applies, code) is status


@pytest.mark.parametrize(
    ("needs", "has", "status"),
    [
        (None, True, Status.MET),  # held: whether or not it is needed
        (None, None, Status.UNKNOWN),
        (None, False, Status.UNKNOWN),
        (False, None, Status.NOT_APPLICABLE),
        (True, None, Status.UNKNOWN),
        (True, True, Status.MET),
        (True, False, Status.NOT_MET),
    ],
)
def test_need(needs: bool | None, has: bool | None, status: Status) -> None:
    need = Need(Fact("n"), Fact("h"), Message("许可", "licence"), "has")
    assert need.status(needs, has) is status


def test_held_where_needed_combines_its_parts() -> None:
    licence = _kind("license")
    assert isinstance(licence, HeldWhereNeeded)
    combine = licence.combine
    assert combine([Status.MET, Status.NOT_MET]) is Status.NOT_MET
    assert combine([Status.UNKNOWN, Status.MET]) is Status.UNKNOWN
    assert combine([Status.NOT_APPLICABLE, Status.NOT_APPLICABLE]) is Status.NOT_APPLICABLE
    assert combine([Status.NOT_APPLICABLE, Status.MET]) is Status.MET


def test_by_category_and_checklist_are_what_the_articles_say() -> None:
    value = _kind("unit_value")
    assert isinstance(value, ByCategory)
    params = {case.param.name for _, case in value.cases}  # type: ignore[attr-defined]
    assert params == {f"threshold_{c}" for c in first_set.CATEGORIES}
    documents = _kind("documents")
    assert isinstance(documents, Checklist)
    assert documents.items == first_set.checklist()


def test_a_new_material_code_outside_the_catalog() -> None:
    d = nmgpolicy.evaluate(
        "first_set", {"category": "new_material", "product": {"sei_code": "３．８"}}, on=ON
    )
    finding = d.finding("first_set.new_material_catalog")
    assert finding.status is Status.NOT_MET
    assert finding.measured == "3.8"  # NFKC-normalised
    assert "3.1、3.2" in finding.message.zh
