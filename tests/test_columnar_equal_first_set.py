"""The first_set kernels decide as the row path does: statuses, decisions and results on golden
fact sets of three seeds (over 10,000 rows) and on targeted rows — each category's threshold
exactly and just below, units of the wrong kind or finer than the scale, the completion age at
its last day and a day after (a leap day, the rest-day roll, a year with no schedule), every
SEI code form, each permit combination, the 第八条 checklist given or not, and 第十四条's window
checked at the application date.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

np = pytest.importorskip("numpy")

import nmgpolicy  # noqa: E402
from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.columnar import _first_set  # noqa: E402 (registers the kernels)
from nmgpolicy.columnar._read import Table, facts_of_row  # noqa: E402
from tests.test_columnar_equal import SPEC, assert_golden_rows_equal, compare  # noqa: E402

RULESET = "first_set"
ON = dt.date(2025, 7, 1)


def test_golden_rows_equal_the_row_path() -> None:
    assert_golden_rows_equal(RULESET, ("columnar-1", "columnar-2", "columnar-3"), 3_600, ON)


def _base(index: int = 0, **changes: Any) -> dict[str, Any]:
    facts: dict[str, Any] = copy.deepcopy(SPEC["rulesets"][RULESET]["bases"][index]["facts"])
    for key, value in changes.items():
        if value is _DROP:
            facts.pop(key, None)
        else:
            facts[key] = value
    return facts


_DROP = object()


def _product(**changes: Any) -> dict[str, Any]:
    product: dict[str, Any] = _base()["product"]
    product.update(changes)
    return {k: v for k, v in product.items() if v is not _DROP}


def _applicant(**changes: Any) -> dict[str, Any]:
    applicant: dict[str, Any] = _base()["applicant"]
    applicant.update(changes)
    return {k: v for k, v in applicant.items() if v is not _DROP}


ROWS: list[tuple[str, dict[str, Any]]] = [
    ("complete set exactly 80万元/套", _base(unit_value="80万元/套")),
    ("complete set 1元 short", _base(unit_value="799999元/套")),
    (
        "single machine exactly 10万元/台",
        _base(category="single_equipment", unit_value="10万元/台"),
    ),
    ("single machine 0.01元 short", _base(category="single_equipment", unit_value="99999.99元/台")),
    ("component exactly 2万元/吨", _base(1, unit_value="2万元/吨")),
    ("component 1元 short", _base(1, unit_value="19999元/吨")),
    ("new material exactly 1万元/吨", _base(2, unit_value="1万元/吨")),
    ("new material a fraction short", _base(2, unit_value="9999.9999万元/万吨")),
    ("a unit value finer than 0.0001元", _base(unit_value="800000.00001元/套")),
    ("a unit of the wrong kind", _base(unit_value="85万元/台")),
    ("a unit that is not money per unit", _base(unit_value="85万元")),
    ("an unparsable unit", _base(unit_value="八十五万")),
    ("a unit value without a category", _base(category=_DROP)),
    ("a wrong-kind unit without a category", _base(category=_DROP, unit_value="3吨")),
    ("no unit value", _base(unit_value=_DROP)),
    ("no category, no unit value", _base(category=_DROP, unit_value=_DROP)),
    (
        "completion exactly 2 years before",
        _base(completed_on="2023-06-02", applied_on="2025-06-02"),
    ),
    (
        "completion 2 years and a day before",
        _base(completed_on="2023-06-01", applied_on="2025-06-02"),
    ),
    ("completed on a leap day", _base(completed_on="2024-02-29", applied_on="2026-02-28")),
    ("a leap day, a day late", _base(completed_on="2024-02-29", applied_on="2026-03-01")),
    ("applied before completion", _base(completed_on="2025-06-03", applied_on="2025-06-02")),
    ("applied on the completion day", _base(completed_on="2025-06-02", applied_on="2025-06-02")),
    ("no completion date", _base(completed_on=_DROP)),
    ("no application date", _base(applied_on=_DROP)),
    ("completion in 2027", _base(completed_on="2027-03-01", applied_on="2029-03-01")),
    ("new material under 3.2", _base(2, product=_product(sei_code="3.2"))),
    ("new material under 3.2.1", _base(2, product=_product(sei_code="3.2.1"))),
    ("new material, domain only", _base(2, product=_product(sei_code="3"))),
    ("new material, another domain", _base(2, product=_product(sei_code="4.1"))),
    ("new material, unlisted class", _base(2, product=_product(sei_code="3.9"))),
    ("new material, full-width code", _base(2, product=_product(sei_code="３．２"))),
    ("new material, malformed code", _base(2, product=_product(sei_code="3..2"))),
    ("new material without a code", _base(2, product=_product(sei_code=_DROP))),
    ("a code on a complete set", _base(product=_product(sei_code="4.1"))),
    (
        "licence needed and held",
        _base(product=_product(needs_production_license=True, has_production_license=True)),
    ),
    (
        "licence needed, not held",
        _base(product=_product(needs_production_license=True, has_production_license=False)),
    ),
    ("licence needed, holding unknown", _base(product=_product(needs_production_license=True))),
    (
        "licence need unknown, held",
        _base(product=_product(needs_production_license=_DROP, has_production_license=True)),
    ),
    (
        "licence need unknown, not held",
        _base(product=_product(needs_production_license=_DROP, has_production_license=False)),
    ),
    ("CCC needed, not held", _base(product=_product(needs_ccc=True, has_ccc=False))),
    ("CCC needed and held", _base(product=_product(needs_ccc=True, has_ccc=True))),
    (
        "nothing about permits",
        _base(product=_product(needs_ccc=_DROP, needs_production_license=_DROP)),
    ),
    ("an accident", _base(applicant=_applicant(accidents_last_3_years=True))),
    ("accidents not stated", _base(applicant=_applicant(accidents_last_3_years=_DROP))),
    ("disqualified", _base(applicant=_applicant(disqualified_for_false_materials=True))),
    ("own use only", _base(product=_product(for_own_use_only=True))),
    ("an attestation false", _base(product=_product(technology_leading=False))),
    ("an attestation absent", _base(product=_product(technology_leading=_DROP))),
    ("a hard flag absent", _base(product=_product(has_invention_or_utility_patent=_DROP))),
    ("no product at all", _base(product=_DROP)),
    ("no applicant at all", _base(applicant=_DROP)),
    ("every document", _base()),
    ("no documents listed", _base(documents=_DROP)),
    ("documents as null", _base(documents=None)),
    ("an empty list of documents", _base(documents=[])),
    ("a document missing", _base(documents=["application_report"])),
    ("an unknown document id", _base(documents=["application_report", "no_such_document"])),
    ("documents without a category", _base(category=_DROP, unit_value=_DROP)),
    (
        "a licence needed and listed",
        _base(
            documents=[*_base()["documents"], "production_license"],
            product=_product(needs_production_license=True, has_production_license=True),
        ),
    ),
    (
        "a licence needed, not listed",
        _base(product=_product(needs_production_license=True, has_production_license=True)),
    ),
    (
        "a new material's documents",
        _base(2, documents=["application_report", "new_material_application_form"]),
    ),
]


def _compare(rows: list[tuple[str, dict[str, Any]]], parameters: Any, on: dt.date = ON) -> int:
    facts = [f for _, f in rows]
    _, decided, differences = compare(RULESET, facts, on, parameters)
    named = [f"{rows[int(d.split(' row ')[1].split(':')[0])][0]}: {d}" for d in differences]
    assert not differences, "\n".join(named)
    return decided


@pytest.mark.parametrize(
    "parameters",
    [
        None,
        {"completion_age_end": "rest_day_roll"},
        {"completion_age_limit": "6个月"},
        {"completion_age_limit": "400日"},
        {"completion_age_limit": "100个工作日"},
        {"threshold_complete_set": "85万元/套", "threshold_new_material": "1.00005万元/吨"},
        {"published_on": "2024-06-01"},
        {"published_on": "2024-06-01", "in_force_reference": "on"},
        {"published_on": "2024-06-03", "validity_end": "day_before", "validity_period": "1年"},
        {"published_on": "2025-06-02", "validity_period": "1年"},
    ],
)
def test_targeted_rows_equal_the_row_path(parameters: Any) -> None:
    decided = _compare(ROWS, parameters)
    assert decided >= len(ROWS) // 2


def test_out_of_force_batches_equal_the_row_path() -> None:
    """Out of the window for every row (evaluation date and application dates): each row gets
    the row path's answer (its own input error first, else not in force)."""
    parameters = {"published_on": "2026-01-01", "in_force_reference": "on"}
    assert _compare(ROWS, parameters, dt.date(2025, 7, 1)) == 0


AIMS: dict[str, tuple[str, str | None]] = {
    "complete set exactly 80万元/套": ("first_set.unit_value", "met"),
    "complete set 1元 short": ("first_set.unit_value", "not_met"),
    "single machine 0.01元 short": ("first_set.unit_value", "not_met"),
    "new material exactly 1万元/吨": ("first_set.unit_value", "met"),
    "a unit value without a category": ("first_set.unit_value", "unknown"),
    "completion exactly 2 years before": ("first_set.completion_age", "met"),
    "completion 2 years and a day before": ("first_set.completion_age", "review"),
    "completed on a leap day": ("first_set.completion_age", "met"),
    "a leap day, a day late": ("first_set.completion_age", "review"),
    "no application date": ("first_set.completion_age", "unknown"),
    "new material under 3.2.1": ("first_set.new_material_catalog", "met"),
    "new material, domain only": ("first_set.new_material_catalog", "unknown"),
    "new material, another domain": ("first_set.new_material_catalog", "not_met"),
    "new material, full-width code": ("first_set.new_material_catalog", "met"),
    "a code on a complete set": ("first_set.new_material_catalog", "not_applicable"),
    "licence needed, not held": ("first_set.license", "not_met"),
    "licence need unknown, held": ("first_set.license", "met"),
    "licence need unknown, not held": ("first_set.license", "unknown"),
    "an accident": ("first_set.no_accidents", "not_met"),
    "an attestation absent": ("first_set.technology_leading", "review"),
    "a hard flag absent": ("first_set.patent", "unknown"),
    "every document": ("first_set.documents", "met"),
    "a document missing": ("first_set.documents", "unknown"),
    "no documents listed": ("first_set.documents", None),
    "an empty list of documents": ("first_set.documents", "unknown"),
}
"""What some targeted rows are for: the finding they put at its edge, and its status there."""


def test_targeted_rows_hit_their_edges() -> None:
    rows = dict(ROWS)
    for name, (finding_id, status) in AIMS.items():
        decision = nmgpolicy.evaluate(RULESET, rows[name], on=ON)
        found = {f.id: f.status.value for f in decision.findings}
        assert found.get(finding_id) == status, name


def test_kernels_decide_the_valid_rows_and_give_the_results() -> None:
    """Valid rows are decided by the kernels, with their results; refused ones by the row path."""
    facts = [f for _, f in ROWS]
    columns, lists = columnar.from_records(facts)
    result = columnar.evaluate(RULESET, columns, on=ON, lists=lists)
    names = [name for name, _ in ROWS]
    kernel_rows = {names[r] for r in np.flatnonzero(~result.row_path).tolist()}
    assert "complete set exactly 80万元/套" in kernel_rows
    assert "a leap day, a day late" in kernel_rows
    assert "a unit of the wrong kind" not in kernel_rows
    assert "an unknown document id" not in kernel_rows
    assert set(result.results) == set(_first_set.RESULTS)
    row = names.index("complete set exactly 80万元/套")
    assert result.value("unit_value", row) == result.value("threshold", row) == 800000
    day = names.index("completion exactly 2 years before")
    latest = result.value("latest_application_date", day)
    assert dt.date(1970, 1, 1) + dt.timedelta(days=int(latest)) == dt.date(2025, 6, 2)
    assert result.value("missing_documents", names.index("a document missing")) > 0
    assert result.value("missing_documents", names.index("no documents listed")) is None
    assert result.findings["first_set.documents"][names.index("no documents listed")] == -1


def test_pre_parsed_columns() -> None:
    """Categories, Flags, Dates and Members given directly are read as the texts are."""
    size = 4
    columns = {
        "category": columnar.Categories(
            np.array([0, 1, 2, 3], dtype=np.int8),
            ("complete_set", "single_equipment", "key_component", "new_material"),
        ),
        "unit_value": columnar.Categories(
            np.array([0, 1, 2, 3]), ("80万元/套", "9万元/台", "2万元/吨", "0.9万元/吨")
        ),
        "completed_on": columnar.Dates(
            np.full(size, (dt.date(2024, 2, 29) - dt.date(1970, 1, 1)).days)
        ),
        "applied_on": columnar.Dates(
            np.full(size, (dt.date(2026, 2, 28) - dt.date(1970, 1, 1)).days)
        ),
        "product.has_invention_or_utility_patent": columnar.Flags(
            np.array([True, False, True, True])
        ),
        "product.sei_code": columnar.Categories(np.array([-1, -1, -1, 0]), ("3.2",)),
        "documents": columnar.Members(
            np.array([1, 0, 3, 1]), ("application_report", "equipment_application_form")
        ),
    }
    result = columnar.evaluate(RULESET, columns, on=ON)
    assert not result.row_path.any()
    assert result.statuses("first_set.unit_value") == ["met", "not_met", "met", "not_met"]
    assert result.statuses("first_set.patent") == ["met", "not_met", "met", "met"]
    assert result.statuses("first_set.completion_age") == ["met"] * size
    assert result.statuses("first_set.new_material_catalog")[3] == "met"
    for row in range(size):
        facts = facts_of_row(Table(_model(), columns, size), row)
        decision = nmgpolicy.evaluate(RULESET, facts, on=ON)
        assert result.row(row) == {f.id: f.status.value for f in decision.findings}


def _model() -> Any:
    return nmgpolicy.engine.get_ruleset(RULESET).facts_type


def test_a_unit_value_given_as_an_object_goes_to_the_row_path() -> None:
    """``unit_value`` is a text with a unit: parts of it as columns are refused, as the row
    path refuses an object there."""
    columns = {"category": ["complete_set"], "unit_value.value": ["800000"]}
    result = columnar.evaluate(RULESET, columns, on=ON)
    assert result.row_path.all()
    assert type(result.errors[0]).__name__ == "InputError"
