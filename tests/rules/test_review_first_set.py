"""Review of rule set first_set (issue 3): regression tests, point by point through the issue.

Deviations found in review are described in the review report, not kept here as failing tests.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import first_set
from nmgpolicy.cli import main
from nmgpolicy.errors import CalendarNotCovered, InputError, NotInForce
from tests._builders import first_set_applicant, first_set_status

D = dt.date
ON = D(2025, 7, 1)

APPLICANT = first_set_applicant()
PRODUCT = {
    "fits_industrial_policy": True,
    "technology_leading": True,
    "fills_regional_gap": True,
    "promotes_industry_upgrading": True,
    "no_large_market_record": True,
    "performance_reliable": True,
    "first_in_region": True,
    "has_invention_or_utility_patent": True,
    "owns_core_ip": True,
    "owns_trademark": True,
    "technology_mature": True,
    "process_and_equipment_system": True,
    "has_product_standard": True,
    "market_prospects_good": True,
    "advanced_among_peers": True,
    "needs_production_license": False,
    "has_production_license": True,
    "needs_ccc": False,
    "has_ccc": True,
    "for_own_use_only": False,
    "oem_or_kit_assembly": False,
    "sei_code": "3.2",
}
ALWAYS_DOCUMENTS = [
    "application_report",
    "authenticity_pledge",
    "business_licence_copy",
    "no_accident_pledge",
    "ip_ownership_proof",
    "novelty_search_report",
    "product_appraisal",
    "quality_test_report",
    "value_proof",
    "completion_proof",
]
THRESHOLD = {
    "complete_set": "80万元/套",
    "single_equipment": "10万元/台",
    "key_component": "2万元/吨",
    "new_material": "1万元/吨",
}


def full(category: str = "complete_set", unit_value: str | None = None) -> dict[str, Any]:
    """Every fact of the issue present; true except the six that must be false."""
    return {
        "category": category,
        "unit_value": unit_value or THRESHOLD[category],
        "completed_on": "2024-01-15",
        "applied_on": "2025-03-10",
        "applicant": dict(APPLICANT),
        "product": dict(PRODUCT),
    }


def evaluate(
    facts: object, on: dt.date = ON, parameters: dict[str, object] | None = None
) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("first_set", facts, on=on, parameters=parameters)


status = first_set_status


def finding_dict(decision: nmgpolicy.Decision, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        f for f in decision.to_dict()["findings"] if f["id"] == f"first_set.{name}"
    )
    return found


# --------------------------------------------------------------------------------------------
# All favourable → eligible
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("category", list(THRESHOLD))
def test_every_fact_present_and_true_is_eligible_at_the_threshold(category: str) -> None:
    d = evaluate(full(category))
    assert d.status.value == "eligible"
    assert status(d, "license") == "not_applicable"
    expected_catalog = "met" if category == "new_material" else "not_applicable"
    assert status(d, "new_material_catalog") == expected_catalog
    json.dumps(d.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("category", list(THRESHOLD))
def test_eligible_with_every_checklist_id_submitted(category: str) -> None:
    facts = full(category)
    facts["documents"] = [item.id for item in first_set.checklist()]
    d = evaluate(facts)
    assert d.status.value == "eligible"
    assert status(d, "documents") == "met"
    assert d.results["missing_documents"] == []


# --------------------------------------------------------------------------------------------
# 第五条（五）: unit value, inclusive, exact Decimal
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "value", "expected", "gap"),
    [
        ("complete_set", "79.99万元/套", "not_met", "-0.01万元/套"),
        ("complete_set", "80万元/套", "met", "0万元/套"),
        ("complete_set", "800000元/套", "met", "0万元/套"),
        ("complete_set", "0.008亿元/套", "met", "0万元/套"),
        ("complete_set", "799999.99元/套", "not_met", "-0.000001万元/套"),
        ("single_equipment", "9.99万元/台", "not_met", "-0.01万元/台"),
        ("single_equipment", "10万元/台", "met", "0万元/台"),
        ("single_equipment", "99999元/台", "not_met", "-0.0001万元/台"),
        ("key_component", "19999元/吨", "not_met", "-0.0001万元/吨"),
        ("key_component", "2万元/吨", "met", "0万元/吨"),
        ("key_component", "20元/千克", "met", "0万元/吨"),
        ("key_component", "2.5万元/吨", "met", "0.5万元/吨"),
        ("new_material", "9999元/吨", "not_met", "-0.0001万元/吨"),
        ("new_material", "1万元/吨", "met", "0万元/吨"),
        ("new_material", "10元/kg", "met", "0万元/吨"),
    ],
)
def test_unit_value_both_sides(category: str, value: str, expected: str, gap: str) -> None:
    d = evaluate(full(category, value))
    assert status(d, "unit_value") == expected
    assert d.status.value == ("eligible" if expected == "met" else "ineligible")
    f = finding_dict(d, "unit_value")
    assert f["required"] == THRESHOLD[category]
    assert f["gap"] == gap
    assert f["citation"]["article"] == "第五条"
    assert f["citation"]["clause"] == "（五）"


@pytest.mark.parametrize(
    ("category", "value"),
    [
        ("complete_set", "79.99999999999999999999999999999万元/套"),
        ("key_component", "1.99999999999999999999999999999万元/吨"),
        ("new_material", "0.99999999999999999999999999999万元/吨"),
        ("single_equipment", "99999.9999999999999999999999999元/台"),
    ],
)
def test_more_digits_than_the_decimal_context_never_round_up(category: str, value: str) -> None:
    d = evaluate(full(category, value))
    assert status(d, "unit_value") == "not_met"
    assert d.finding("first_set.unit_value").gap.value < 0


def test_results_show_threshold_and_value_in_the_law_unit() -> None:
    d = evaluate(full("key_component", "19999元/吨"))
    results = d.to_dict()["results"]
    assert results["threshold"] == "2万元/吨"
    assert results["unit_value"] == "1.9999万元/吨"
    assert d.finding("first_set.unit_value").measured.value == Decimal(19999)


@pytest.mark.parametrize(
    ("category", "value", "example"),
    [
        ("complete_set", "85万元/吨", "85万元/套"),
        ("complete_set", "85万元/台", "85万元/套"),
        ("complete_set", "85万元", "85万元/套"),
        ("single_equipment", "12万元/套", "12万元/台"),
        ("key_component", "2.5万元/台", "2.5万元/吨"),
        ("new_material", "1万元/套", "2.5万元/吨"),
    ],
)
def test_wrong_unit_for_the_category_is_one_problem_at_unit_value(
    category: str, value: str, example: str
) -> None:
    with pytest.raises(InputError) as info:
        evaluate(full(category, value))
    assert [p.path for p in info.value.problems] == ["$.unit_value"]
    assert example in info.value.problems[0].message


@pytest.mark.parametrize("value", ["85", 85, 80.0, True, "-1万元/套", "NaN万元/套", "八十万元/套"])
def test_unit_values_without_a_valid_amount_are_refused(value: object) -> None:
    facts = full()
    facts["unit_value"] = value
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert [p.path for p in info.value.problems] == ["$.unit_value"]


def test_unit_value_without_category_is_unknown_not_guessed() -> None:
    facts = full()
    del facts["category"]
    d = evaluate(facts)
    assert status(d, "unit_value") == "unknown"
    assert status(d, "new_material_catalog") == "unknown"
    assert d.status.value == "undetermined"


def test_threshold_override_is_what_if_and_recorded() -> None:
    d = evaluate(
        full("complete_set", "85万元/套"), parameters={"threshold_complete_set": "90万元/套"}
    )
    assert status(d, "unit_value") == "not_met"
    assert d.to_dict()["overrides"] == {"threshold_complete_set": "90万元/套"}
    with pytest.raises(InputError) as info:
        evaluate(full(), parameters={"threshold_complete_set": "90万元/吨"})
    assert info.value.problems[0].path == "$.parameters.threshold_complete_set"


# --------------------------------------------------------------------------------------------
# 第五条（六）: completion age (民法典 第二百零二条; "一般不超过" → review)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "applied", "expected", "last", "gap"),
    [
        ("2023-06-01", "2025-06-01", "met", "2025-06-01", 0),
        ("2023-06-01", "2025-06-02", "review", "2025-06-01", -1),
        ("2024-02-29", "2026-02-28", "met", "2026-02-28", 0),
        ("2024-02-29", "2026-03-01", "review", "2026-02-28", -1),
        ("2020-02-29", "2022-02-28", "met", "2022-02-28", 0),
        ("2020-02-29", "2022-03-01", "review", "2022-02-28", -1),
        ("2022-02-28", "2024-02-28", "met", "2024-02-28", 0),
        ("2022-02-28", "2024-02-29", "review", "2024-02-28", -1),
        ("2023-12-31", "2025-12-31", "met", "2025-12-31", 0),
        ("2023-12-31", "2026-01-01", "review", "2025-12-31", -1),
        ("2025-01-01", "2025-01-01", "met", "2027-01-01", 730),
        # a last day on a weekend is not rolled (2025-03-15 is a Saturday)
        ("2023-03-15", "2025-03-16", "review", "2025-03-15", -1),
    ],
)
def test_completion_age_edges(
    completed: str, applied: str, expected: str, last: str, gap: int
) -> None:
    facts = full()
    facts["completed_on"], facts["applied_on"] = completed, applied
    d = evaluate(facts)
    assert status(d, "completion_age") == expected
    assert d.status.value == ("eligible" if expected == "met" else "undetermined")
    f = finding_dict(d, "completion_age")
    assert (f["measured"], f["required"], f["gap"]) == (applied, last, gap)
    assert d.to_dict()["results"]["latest_application_date"] == last
    assert f["citation"]["clause"] == "（六）"


def test_completion_age_accepts_date_objects() -> None:
    facts = full()
    facts["completed_on"], facts["applied_on"] = D(2024, 2, 29), D(2026, 2, 28)
    assert status(evaluate(facts), "completion_age") == "met"


@pytest.mark.parametrize("missing", ["completed_on", "applied_on"])
def test_completion_age_missing_date_is_unknown(missing: str) -> None:
    facts = full()
    del facts[missing]
    d = evaluate(facts)
    assert status(d, "completion_age") == "unknown"
    assert d.status.value == "undetermined"


@pytest.mark.parametrize("bad", ["2023-6-1", "20230601", "2023-06-01T00:00", 20230601])
def test_completion_date_must_be_iso(bad: object) -> None:
    facts = full()
    facts["completed_on"] = bad
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert [p.path for p in info.value.problems] == ["$.completed_on"]


# --------------------------------------------------------------------------------------------
# Hard and qualitative findings: true / false / absent / null
# --------------------------------------------------------------------------------------------

HARD = [
    ("registered_in_region", "applicant", "registered_in_region", True),
    ("produced_in_region", "applicant", "produced_in_region", True),
    ("no_accidents", "applicant", "accidents_last_3_years", False),
    ("first_in_region", "product", "first_in_region", True),
    ("patent", "product", "has_invention_or_utility_patent", True),
    ("core_ip", "product", "owns_core_ip", True),
    ("trademark", "product", "owns_trademark", True),
    ("not_own_use", "product", "for_own_use_only", False),
    ("not_kit_assembly", "product", "oem_or_kit_assembly", False),
    ("not_disqualified", "applicant", "disqualified_for_false_materials", False),
]
QUALITATIVE = [
    ("product", "fits_industrial_policy"),
    ("product", "technology_leading"),
    ("product", "fills_regional_gap"),
    ("product", "promotes_industry_upgrading"),
    ("product", "no_large_market_record"),
    ("product", "performance_reliable"),
    ("applicant", "management_standardized"),
    ("applicant", "tax_compliant"),
    ("applicant", "operating_normally"),
    ("applicant", "credit_good"),
    ("applicant", "design_and_integration_capability"),
    ("product", "technology_mature"),
    ("product", "process_and_equipment_system"),
    ("product", "has_product_standard"),
    ("product", "market_prospects_good"),
    ("product", "advanced_among_peers"),
]


@pytest.mark.parametrize(("name", "owner", "fact", "good"), HARD)
def test_hard_findings(name: str, owner: str, fact: str, good: bool) -> None:
    facts = full()
    facts[owner][fact] = not good
    d = evaluate(facts)
    assert (status(d, name), d.status.value) == ("not_met", "ineligible")
    for absent in (None, ...):
        facts = full()
        if absent is None:
            facts[owner][fact] = None
        else:
            del facts[owner][fact]
        d = evaluate(facts)
        assert (status(d, name), d.status.value) == ("unknown", "undetermined")


@pytest.mark.parametrize(("owner", "fact"), QUALITATIVE)
def test_qualitative_findings(owner: str, fact: str) -> None:
    facts = full()
    facts[owner][fact] = False
    assert status(evaluate(facts), fact) == "not_met"
    del facts[owner][fact]
    d = evaluate(facts)
    assert (status(d, fact), d.status.value) == ("review", "undetermined")


@pytest.mark.parametrize("value", ["true", 1, 0, "yes"])
def test_booleans_are_strict(value: object) -> None:
    facts = full()
    facts["applicant"]["registered_in_region"] = value
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert info.value.problems[0].path == "$.applicant.registered_in_region"


def test_empty_facts_are_undetermined_and_nothing_is_met() -> None:
    d = evaluate({})
    assert d.status.value == "undetermined"
    assert all(f.status.value in ("unknown", "review") for f in d.findings)
    assert "first_set.documents" not in [f.id for f in d.findings]


def test_unknown_keys_are_refused_at_their_path() -> None:
    for facts, path in [
        ({"foo": 1}, "$.foo"),
        ({"applicant": {"foo": True}}, "$.applicant.foo"),
        ({"product": {"sei": "3.2"}}, "$.product.sei"),
    ]:
        with pytest.raises(InputError) as info:
            evaluate(facts)
        assert [p.path for p in info.value.problems] == [path]


# --------------------------------------------------------------------------------------------
# 第五条（四）: licence / CCC
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        ({}, "unknown"),
        ({"needs_production_license": False, "needs_ccc": False}, "not_applicable"),
        (
            {
                "needs_production_license": False,
                "has_production_license": False,
                "needs_ccc": False,
                "has_ccc": False,
            },
            "not_applicable",
        ),
        (
            {"needs_production_license": True, "has_production_license": True, "needs_ccc": False},
            "met",
        ),
        (
            {"needs_production_license": True, "has_production_license": False, "needs_ccc": False},
            "not_met",
        ),
        ({"needs_production_license": True, "needs_ccc": False}, "unknown"),
        ({"needs_production_license": False, "needs_ccc": True, "has_ccc": True}, "met"),
        ({"needs_production_license": False, "needs_ccc": True, "has_ccc": False}, "not_met"),
        ({"needs_production_license": True, "has_production_license": False}, "not_met"),
        (
            {
                "needs_production_license": True,
                "has_production_license": True,
                "needs_ccc": True,
                "has_ccc": True,
            },
            "met",
        ),
    ],
)
def test_license(product: dict[str, bool], expected: str) -> None:
    facts = full()
    for key in ("needs_production_license", "has_production_license", "needs_ccc", "has_ccc"):
        del facts["product"][key]
    facts["product"].update(product)
    d = evaluate(facts)
    assert status(d, "license") == expected
    assert finding_dict(d, "license")["citation"]["clause"] == "（四）"


# --------------------------------------------------------------------------------------------
# 第五条（二）: new materials in SEI 2018 domain 3
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("3.1", "met"),
        ("3.7", "met"),
        ("3.2.1", "met"),
        ("３.１", "met"),
        (" 3.4 ", "met"),
        ("3.8", "not_met"),
        ("3.10", "not_met"),
        ("30.1", "not_met"),
        ("2.1", "not_met"),
        ("9.2", "not_met"),
        ("3", "unknown"),
        (None, "unknown"),
    ],
)
def test_new_material_catalog(code: str | None, expected: str) -> None:
    facts = full("new_material")
    facts["product"]["sei_code"] = code
    assert status(evaluate(facts), "new_material_catalog") == expected


@pytest.mark.parametrize("code", ["3.0", "03.1", "3..1", "3.1.", "", "3.2.1.1", "abc"])
def test_malformed_sei_codes_are_input_errors(code: str) -> None:
    facts = full("new_material")
    facts["product"]["sei_code"] = code
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert [p.path for p in info.value.problems] == ["$.product.sei_code"]


@pytest.mark.parametrize("category", ["complete_set", "single_equipment", "key_component"])
def test_catalog_not_applicable_to_equipment_even_with_another_domain(category: str) -> None:
    facts = full(category)
    facts["product"]["sei_code"] = "2.1"
    assert status(evaluate(facts), "new_material_catalog") == "not_applicable"


# --------------------------------------------------------------------------------------------
# 第八条: documents
# --------------------------------------------------------------------------------------------


def documents_decision(
    category: str, documents: list[str], **product: bool | None
) -> nmgpolicy.Decision:
    facts = full(category)
    facts["product"].update(product)
    facts["documents"] = documents
    return evaluate(facts)


@pytest.mark.parametrize("category", ["complete_set", "single_equipment", "key_component"])
def test_equipment_and_components_need_annex_2_not_annex_3(category: str) -> None:
    d = documents_decision(category, [*ALWAYS_DOCUMENTS, "equipment_application_form"])
    assert status(d, "documents") == "met"
    d = documents_decision(category, [*ALWAYS_DOCUMENTS, "new_material_application_form"])
    assert status(d, "documents") == "unknown"
    assert d.results["missing_documents"] == ["equipment_application_form"]


def test_new_materials_need_annex_3_not_annex_2() -> None:
    d = documents_decision("new_material", [*ALWAYS_DOCUMENTS, "new_material_application_form"])
    assert status(d, "documents") == "met"
    d = documents_decision("new_material", [*ALWAYS_DOCUMENTS, "equipment_application_form"])
    assert d.results["missing_documents"] == ["new_material_application_form"]
    assert d.status.value == "undetermined"


def test_licence_documents_only_when_required() -> None:
    docs = [*ALWAYS_DOCUMENTS, "equipment_application_form"]
    d = documents_decision("key_component", docs)
    assert d.results["missing_documents"] == []
    d = documents_decision("key_component", docs, needs_production_license=True, needs_ccc=True)
    assert status(d, "documents") == "unknown"
    assert d.results["missing_documents"] == ["production_license", "ccc_certificate"]
    d = documents_decision(
        "key_component",
        [*docs, "production_license", "ccc_certificate"],
        needs_production_license=True,
        needs_ccc=True,
    )
    assert (status(d, "documents"), d.status.value) == ("met", "eligible")


def test_cooperation_contracts_never_counted_missing() -> None:
    d = documents_decision("complete_set", [*ALWAYS_DOCUMENTS, "equipment_application_form"])
    assert "ip_cooperation_contracts" not in d.results["missing_documents"]
    assert d.results["unchecked_documents"] == ["ip_cooperation_contracts"]


def test_empty_document_list_lists_every_required_item() -> None:
    d = documents_decision("new_material", [])
    assert status(d, "documents") == "unknown"
    assert d.results["missing_documents"] == [
        "application_report",
        "new_material_application_form",
        *ALWAYS_DOCUMENTS[1:],
    ]
    assert finding_dict(d, "documents")["citation"]["article"] == "第八条"


@pytest.mark.parametrize(
    ("documents", "path"),
    [
        (["nope"], "$.documents[0]"),
        ("application_report", "$.documents"),
        ([1], "$.documents[0]"),
        ({"a": 1}, "$.documents"),
    ],
)
def test_bad_documents(documents: object, path: str) -> None:
    facts = full()
    facts["documents"] = documents
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert [p.path for p in info.value.problems] == [path]


# --------------------------------------------------------------------------------------------
# Helpers: public notice (第十条), results disclosure, validity (第十四条)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "first", "last"),
    [
        (D(2025, 9, 30), D(2025, 9, 30), D(2025, 10, 13)),
        (D(2025, 10, 1), D(2025, 10, 9), D(2025, 10, 14)),
        (D(2025, 6, 7), D(2025, 6, 9), D(2025, 6, 13)),
        (D(2025, 9, 28), D(2025, 9, 28), D(2025, 10, 10)),  # make-up Sunday counts
        (D(2026, 2, 13), D(2026, 2, 13), D(2026, 2, 26)),
        ("2025-09-30", D(2025, 9, 30), D(2025, 10, 13)),
    ],
)
def test_public_notice(start: object, first: dt.date, last: dt.date) -> None:
    window = first_set.public_notice(start)  # type: ignore[arg-type]
    assert tuple(window) == (first, last)
    assert (window.first, window.last) == (first, last)


def test_public_notice_needs_the_official_calendar() -> None:
    with pytest.raises(CalendarNotCovered):
        first_set.public_notice(D(2026, 12, 28))
    with pytest.raises(InputError):
        first_set.public_notice(dt.datetime(2025, 9, 30))


def test_results_disclosure_due_compares_as_a_date() -> None:
    due = first_set.results_disclosure_due(D(2025, 9, 26))
    assert due == D(2025, 10, 30)
    assert due.due == D(2025, 10, 30)
    assert type(due.due) is dt.date
    assert due.due - D(2025, 9, 26) == dt.timedelta(days=34)
    assert due.to_dict()["item"] == "first-set-results"
    assert due.to_dict()["basis"]["period"] == "20个工作日"
    assert first_set.results_disclosure_due("2025-12-20") == D(2026, 1, 19)


def test_validity_unknown_is_noted() -> None:
    d = evaluate(full())
    assert d.results["validity"] is None
    assert any("发布日期" in n.zh and "第十四条" in n.zh for n in d.notes)
    assert any("published_on" in n.en for n in d.notes)


def test_validity_parameter() -> None:
    params: dict[str, object] = {"published_on": "2024-03-01"}
    d = evaluate(full(), on=D(2025, 3, 10), parameters=params)  # applied on the evaluation date
    assert d.notes == ()
    assert d.to_dict()["results"]["validity"] == {"start": "2024-03-01", "end": "2026-03-01"}
    assert d.to_dict()["overrides"] == {"published_on": "2024-03-01"}
    # Checked at the application date (2025-03-10), not at the evaluation date.
    assert evaluate(full(), on=D(2026, 3, 2), parameters=params).status.value == "eligible"
    early = {**full(), "completed_on": "2023-01-15", "applied_on": "2024-02-29"}
    with pytest.raises(NotInForce):
        evaluate(early, parameters=params)
    with pytest.raises(NotInForce):
        evaluate({**full(), "applied_on": "2026-03-02"}, parameters=params)
    old = {**params, "in_force_reference": "on"}
    with pytest.raises(NotInForce):
        evaluate(full(), on=D(2024, 2, 29), parameters=old)
    with pytest.raises(NotInForce):
        evaluate(full(), on=D(2026, 3, 2), parameters=old)
    assert first_set.validity_window("2024-02-29") == (D(2024, 2, 29), D(2026, 2, 28))


# --------------------------------------------------------------------------------------------
# Output: to_dict, examples, `nmgpolicy rules first_set`
# --------------------------------------------------------------------------------------------


def test_to_dict_shapes() -> None:
    d = evaluate(full("complete_set", "85万元/套"))
    out = d.to_dict()
    assert (out["ruleset"], out["on"], out["status"]) == ("first_set", "2025-07-01", "eligible")
    unit = finding_dict(d, "unit_value")
    assert (unit["measured"], unit["required"], unit["gap"]) == (
        "85万元/套",
        "80万元/套",
        "5万元/套",
    )
    for f in out["findings"]:
        assert f["id"].startswith("first_set.")
        assert set(f["message"]) == {"zh", "en"}
        assert f["citation"]["document"].startswith("《内蒙古自治区技术装备首台（套）")
        assert f["citation"]["text"]
    json.dumps(out, ensure_ascii=False)


def test_rules_command_prints_each_criterion_with_article_and_text() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["rules", "first_set"], out=out, err=err) == 0
    text = out.getvalue()
    criteria = nmgpolicy.get_ruleset("first_set").criteria()
    assert len(criteria) == 31
    for info in criteria:
        assert info.id in text
        assert info.citation is not None
        assert info.citation.article in text
        assert info.citation.text in text
