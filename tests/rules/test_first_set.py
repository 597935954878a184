"""The first_set rule set: 首台（套）/首批（次） recognition (暂行办法 第二条–第十四条)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import disclosure, first_set
from nmgpolicy.cli import main
from nmgpolicy.engine import get_ruleset
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import working_days_between
from nmgpolicy.units import ureg
from tests._builders import FIRST_SET_ATTESTATIONS, first_set_status

D = dt.date
ON = D(2025, 7, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "first_set"
# The bundled catalog is a byte-exact copy of the seed (tests/test_catalog.py checks it).
SEED = (
    Path(__file__).resolve().parents[2] / "src" / "nmgpolicy" / "data" / "baotou_miit_catalog.tsv"
)

APPLICANT_TRUE = (
    "registered_in_region",
    "produced_in_region",
    "management_standardized",
    "tax_compliant",
    "operating_normally",
    "credit_good",
    "design_and_integration_capability",
)
APPLICANT_FALSE = ("accidents_last_3_years", "disqualified_for_false_materials")
PRODUCT_TRUE = (
    *FIRST_SET_ATTESTATIONS,
    "first_in_region",
    "has_invention_or_utility_patent",
    "owns_core_ip",
    "owns_trademark",
    "technology_mature",
    "process_and_equipment_system",
    "has_product_standard",
    "market_prospects_good",
    "advanced_among_peers",
)
PRODUCT_FALSE = ("needs_production_license", "needs_ccc", "for_own_use_only", "oem_or_kit_assembly")

EQUIPMENT_DOCUMENTS = [
    "application_report",
    "equipment_application_form",
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

ALL_IDS = [
    "first_set.fits_industrial_policy",
    "first_set.patent",
    "first_set.technology_leading",
    "first_set.fills_regional_gap",
    "first_set.promotes_industry_upgrading",
    "first_set.no_large_market_record",
    "first_set.registered_in_region",
    "first_set.management_standardized",
    "first_set.tax_compliant",
    "first_set.operating_normally",
    "first_set.credit_good",
    "first_set.no_accidents",
    "first_set.design_and_integration_capability",
    "first_set.produced_in_region",
    "first_set.first_in_region",
    "first_set.technology_mature",
    "first_set.process_and_equipment_system",
    "first_set.has_product_standard",
    "first_set.market_prospects_good",
    "first_set.advanced_among_peers",
    "first_set.new_material_catalog",
    "first_set.core_ip",
    "first_set.trademark",
    "first_set.performance_reliable",
    "first_set.license",
    "first_set.unit_value",
    "first_set.completion_age",
    "first_set.not_own_use",
    "first_set.not_kit_assembly",
    "first_set.not_disqualified",
]

# (owner, fact, favourable value, finding id, status when unfavourable, status when absent)
FACTS: list[tuple[str, str, bool, str, str, str]] = [
    ("product", "fits_industrial_policy", True, "fits_industrial_policy", "not_met", "review"),
    ("product", "technology_leading", True, "technology_leading", "not_met", "review"),
    ("product", "fills_regional_gap", True, "fills_regional_gap", "not_met", "review"),
    (
        "product",
        "promotes_industry_upgrading",
        True,
        "promotes_industry_upgrading",
        "not_met",
        "review",
    ),
    ("product", "no_large_market_record", True, "no_large_market_record", "not_met", "review"),
    ("product", "performance_reliable", True, "performance_reliable", "not_met", "review"),
    ("applicant", "registered_in_region", True, "registered_in_region", "not_met", "unknown"),
    ("applicant", "produced_in_region", True, "produced_in_region", "not_met", "unknown"),
    ("applicant", "accidents_last_3_years", False, "no_accidents", "not_met", "unknown"),
    ("applicant", "management_standardized", True, "management_standardized", "not_met", "review"),
    ("applicant", "tax_compliant", True, "tax_compliant", "not_met", "review"),
    ("applicant", "operating_normally", True, "operating_normally", "not_met", "review"),
    ("applicant", "credit_good", True, "credit_good", "not_met", "review"),
    (
        "applicant",
        "design_and_integration_capability",
        True,
        "design_and_integration_capability",
        "not_met",
        "review",
    ),
    (
        "applicant",
        "disqualified_for_false_materials",
        False,
        "not_disqualified",
        "not_met",
        "unknown",
    ),
    ("product", "first_in_region", True, "first_in_region", "not_met", "unknown"),
    ("product", "has_invention_or_utility_patent", True, "patent", "not_met", "unknown"),
    ("product", "owns_core_ip", True, "core_ip", "not_met", "unknown"),
    ("product", "owns_trademark", True, "trademark", "not_met", "unknown"),
    ("product", "technology_mature", True, "technology_mature", "not_met", "review"),
    (
        "product",
        "process_and_equipment_system",
        True,
        "process_and_equipment_system",
        "not_met",
        "review",
    ),
    ("product", "has_product_standard", True, "has_product_standard", "not_met", "review"),
    ("product", "market_prospects_good", True, "market_prospects_good", "not_met", "review"),
    ("product", "advanced_among_peers", True, "advanced_among_peers", "not_met", "review"),
    ("product", "for_own_use_only", False, "not_own_use", "not_met", "unknown"),
    ("product", "oem_or_kit_assembly", False, "not_kit_assembly", "not_met", "unknown"),
]


def good(category: str = "complete_set", unit_value: str = "85万元/套") -> dict[str, Any]:
    """Every fact present and favourable (the issue's last paragraph)."""
    facts: dict[str, Any] = {
        "category": category,
        "unit_value": unit_value,
        "completed_on": "2024-05-10",
        "applied_on": "2025-06-02",
        "applicant": {
            **dict.fromkeys(APPLICANT_TRUE, True),
            **dict.fromkeys(APPLICANT_FALSE, False),
        },
        "product": {**dict.fromkeys(PRODUCT_TRUE, True), **dict.fromkeys(PRODUCT_FALSE, False)},
    }
    if category == "new_material":
        facts["product"]["sei_code"] = "3.2"
    return facts


def evaluate(
    facts: object, on: dt.date = ON, parameters: dict[str, object] | None = None
) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("first_set", facts, on=on, parameters=parameters)


status = first_set_status


def input_error(facts: object, **kwargs: Any) -> InputError:
    with pytest.raises(InputError) as info:
        evaluate(facts, **kwargs)
    return info.value


# --------------------------------------------------------------------------------------------
# The whole decision
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "value"),
    [
        ("complete_set", "80万元/套"),
        ("single_equipment", "10万元/台"),
        ("key_component", "2万元/吨"),
        ("new_material", "1万元/吨"),
    ],
)
def test_every_fact_present_and_favourable_is_eligible(category: str, value: str) -> None:
    d = evaluate(good(category, value))
    assert d.status.value == "eligible"
    assert [f.id for f in d.findings] == ALL_IDS
    not_applicable = {f.id for f in d.findings if f.status.value == "not_applicable"}
    expected = {"first_set.license"}
    if category != "new_material":
        expected.add("first_set.new_material_catalog")
    assert not_applicable == expected
    assert all(f.status.value == "met" for f in d.findings if f.id not in expected)
    assert all(f.binding and f.citation and f.citation.text for f in d.findings)
    json.dumps(d.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize(("owner", "fact", "favourable", "name", "bad", "absent"), FACTS)
def test_each_single_deviation(
    owner: str, fact: str, favourable: bool, name: str, bad: str, absent: str
) -> None:
    flipped = good()
    flipped[owner][fact] = not favourable
    d = evaluate(flipped)
    assert status(d, name) == bad
    assert d.status.value == "ineligible"
    assert [f.id for f in d.findings if f.status.value not in ("met", "not_applicable")] == [
        f"first_set.{name}"
    ]

    missing = good()
    del missing[owner][fact]
    d = evaluate(missing)
    assert status(d, name) == absent
    assert d.status.value == "undetermined"
    assert [f.id for f in d.findings if f.status.value not in ("met", "not_applicable")] == [
        f"first_set.{name}"
    ]


def test_empty_facts_are_undetermined_never_true() -> None:
    d = evaluate({})
    assert d.status.value == "undetermined"
    assert not any(f.status.value == "met" for f in d.findings)
    assert status(d, "unit_value") == "unknown"
    assert status(d, "new_material_catalog") == "unknown"
    assert status(d, "license") == "unknown"
    assert "first_set.documents" not in [f.id for f in d.findings]


def test_null_applicant_and_product_mean_absent() -> None:
    facts = good()
    facts["applicant"] = None
    facts["product"] = None
    d = evaluate(facts)
    assert status(d, "registered_in_region") == "unknown"
    assert status(d, "technology_mature") == "review"


def test_examples_give_their_expected_status() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    assert index["ruleset"] == "first_set"
    assert sorted(c["expect"] for c in index["cases"]) == ["eligible", "ineligible", "undetermined"]
    for case in index["cases"]:
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        d = evaluate(facts, D.fromisoformat(case["on"]))
        assert d.status.value == case["expect"], case["file"]
        assert case["why"]


def test_explain_markdown_html_and_json() -> None:
    d = evaluate(good())
    zh = d.explain("zh")
    assert "第五条（五）" in zh
    assert "80万元/套以上" in zh
    assert "发布日期" in zh  # the validity note
    assert "published_on" in d.explain("en")
    assert "| `first_set.unit_value` |" in d.to_markdown("en")
    assert "<table>" in d._repr_html_()
    out = d.to_dict()
    unit = next(f for f in out["findings"] if f["id"] == "first_set.unit_value")
    assert unit["measured"] == "85万元/套"
    assert unit["required"] == "80万元/套"
    assert unit["gap"] == "5万元/套"
    assert out["results"]["threshold"] == "80万元/套"
    assert out["results"]["latest_application_date"] == "2026-05-10"


# --------------------------------------------------------------------------------------------
# 第五条（五）: unit value thresholds, both sides, inclusive
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "value", "expected", "gap"),
    [
        ("complete_set", "79.99万元/套", "not_met", "-0.01万元/套"),
        ("complete_set", "80万元/套", "met", "0万元/套"),
        ("complete_set", "800000元/套", "met", "0万元/套"),
        ("complete_set", "799999.99元/套", "not_met", "-0.000001万元/套"),
        ("single_equipment", "9.99万元/台", "not_met", "-0.01万元/台"),
        ("single_equipment", "99999元/台", "not_met", "-0.0001万元/台"),
        ("single_equipment", "10万元/台", "met", "0万元/台"),
        ("single_equipment", "12万元/台", "met", "2万元/台"),
        ("key_component", "19999元/吨", "not_met", "-0.0001万元/吨"),
        ("key_component", "2万元/吨", "met", "0万元/吨"),
        ("key_component", "2.5万元/吨", "met", "0.5万元/吨"),
        ("new_material", "9999元/吨", "not_met", "-0.0001万元/吨"),
        ("new_material", "0.99万元/吨", "not_met", "-0.01万元/吨"),
        ("new_material", "1万元/吨", "met", "0万元/吨"),
        ("new_material", "１万元／吨", "met", "0万元/吨"),
    ],
)
def test_unit_value_threshold(category: str, value: str, expected: str, gap: str) -> None:
    d = evaluate(good(category, value))
    f = d.finding("first_set.unit_value")
    assert f.status.value == expected
    assert f.to_dict()["gap"] == gap
    assert d.status.value == ("eligible" if expected == "met" else "ineligible")


def test_unit_value_as_a_pint_quantity() -> None:
    facts = good("single_equipment", "x")
    facts["unit_value"] = ureg.Quantity(Decimal(10), "wan_yuan / machine")
    assert status(evaluate(facts), "unit_value") == "met"


def test_unit_value_missing_or_category_missing() -> None:
    facts = good()
    del facts["unit_value"]
    d = evaluate(facts)
    assert status(d, "unit_value") == "unknown"
    assert d.finding("first_set.unit_value").to_dict()["required"] == "80万元/套"
    assert d.results["unit_value"] is None

    facts = good()
    del facts["category"]
    d = evaluate(facts)
    f = d.finding("first_set.unit_value")
    assert f.status.value == "unknown"
    assert "产品类别" in f.message.zh
    assert "category" in f.message.en
    assert f.to_dict()["measured"] == "85万元/套"
    assert status(d, "new_material_catalog") == "unknown"
    del facts["unit_value"]
    assert evaluate(facts).finding("first_set.unit_value").measured is None


@pytest.mark.parametrize(
    ("category", "value", "example"),
    [
        ("complete_set", "85万元/吨", '"85万元/套"'),
        ("complete_set", "12万元/台", '"85万元/套"'),
        ("single_equipment", "85万元/套", '"12万元/台"'),
        ("key_component", "85万元/套", '"2.5万元/吨"'),
        ("new_material", "12万元/台", '"2.5万元/吨"'),
    ],
)
def test_wrong_unit_for_the_category(category: str, value: str, example: str) -> None:
    error = input_error(good(category, value))
    assert error.paths == ("$.unit_value",)
    assert example in error.problems[0].message
    assert category in error.problems[0].message


@pytest.mark.parametrize("value", ["30万吨", "15亿元", "3000kVA", "0.9吨/万元"])
def test_unit_value_of_no_per_unit_kind_is_refused_even_without_category(value: str) -> None:
    facts = good()
    del facts["category"]
    facts["unit_value"] = value
    error = input_error(facts)
    assert error.paths == ("$.unit_value",)
    assert '"85万元/套" or "12万元/台" or "2.5万元/吨"' in error.problems[0].message


@pytest.mark.parametrize("value", ["85", 85, "85万元", "-1万元/套", "nan", None])
def test_bad_unit_values(value: object) -> None:
    facts = good()
    facts["unit_value"] = value
    if value is None:
        assert status(evaluate(facts), "unit_value") == "unknown"
        return
    assert input_error(facts).paths == ("$.unit_value",)


def test_threshold_override_is_recorded() -> None:
    d = evaluate(good(), parameters={"threshold_complete_set": "90万元/套"})
    assert status(d, "unit_value") == "not_met"
    # The engine records amount overrides in the canonical unit (元/套).
    assert d.to_dict()["overrides"] == {"threshold_complete_set": "90万元/套"}
    assert input_error(good(), parameters={"threshold_complete_set": "90万元/吨"}).paths == (
        "$.parameters.threshold_complete_set",
    )


@given(
    category=st.sampled_from(["complete_set", "single_equipment", "key_component", "new_material"]),
    cents=st.integers(min_value=0, max_value=10**10),
)
def test_threshold_property(category: str, cents: int) -> None:
    unit = {
        "complete_set": "元/套",
        "single_equipment": "元/台",
        "key_component": "元/吨",
        "new_material": "元/吨",
    }[category]
    limit = {
        "complete_set": 800000,
        "single_equipment": 100000,
        "key_component": 20000,
        "new_material": 10000,
    }[category]
    value = Decimal(cents) / 100
    d = evaluate(good(category, f"{value}{unit}"))
    f = d.finding("first_set.unit_value")
    assert (f.status.value == "met") == (value >= limit)
    assert f.gap.value == value - limit


# --------------------------------------------------------------------------------------------
# 第五条（六）: completion age, 一般不超过2年
# --------------------------------------------------------------------------------------------


def with_dates(completed: str, applied: str, **kwargs: Any) -> nmgpolicy.Decision:
    facts = good()
    facts["completed_on"] = completed
    facts["applied_on"] = applied
    return evaluate(facts, **kwargs)


@pytest.mark.parametrize(
    ("completed", "applied", "expected", "gap"),
    [
        ("2023-06-15", "2023-06-15", "met", 731),
        ("2023-06-15", "2025-06-15", "met", 0),  # exactly 2 years
        ("2023-06-15", "2025-06-16", "review", -1),  # 2 years and 1 day
        ("2024-02-29", "2026-02-28", "met", 0),  # 29 February + 2 years → 28 February (第202条)
        ("2024-02-29", "2026-03-01", "review", -1),
        ("2023-01-31", "2025-01-31", "met", 0),
    ],
)
def test_completion_age(completed: str, applied: str, expected: str, gap: int) -> None:
    d = with_dates(completed, applied)
    f = d.finding("first_set.completion_age")
    assert f.status.value == expected
    assert f.gap == gap
    assert d.status.value == ("eligible" if expected == "met" else "undetermined")
    if expected == "review":
        assert "一般不超过" in f.message.zh


def test_completion_age_does_not_roll_past_rest_days() -> None:
    # 2023-10-01 + 2 years = 2025-10-01, National Day (rest until 10-08). An age is not a time
    # limit for acting: no 第203条 roll by default; the what-if parameter applies it.
    d = with_dates("2023-10-01", "2025-10-09", on=D(2025, 11, 3))
    f = d.finding("first_set.completion_age")
    assert f.status.value == "review"
    assert f.required == D(2025, 10, 1)
    assert "第二百零三条" in f.message.zh
    rolled = with_dates(
        "2023-10-01",
        "2025-10-09",
        on=D(2025, 11, 3),
        parameters={"completion_age_end": "rest_day_roll"},
    )
    g = rolled.finding("first_set.completion_age")
    assert g.status.value == "met"
    assert g.required == D(2025, 10, 9)
    assert "第二百零三条" in g.message.zh
    assert input_error(good(), parameters={"completion_age_end": "roll"}).paths == (
        "$.parameters.completion_age_end",
    )


def test_completion_age_limit_override() -> None:
    d = with_dates("2023-06-15", "2024-06-16", parameters={"completion_age_limit": "1年"})
    assert status(d, "completion_age") == "review"


def test_completion_age_beyond_the_calendar_is_within() -> None:
    d = with_dates("9999-01-01", "9999-06-01", on=D(9999, 7, 1))
    f = d.finding("first_set.completion_age")
    assert f.status.value == "met"
    assert f.required is None


@pytest.mark.parametrize("missing", ["completed_on", "applied_on", "both"])
def test_completion_age_missing_dates(missing: str) -> None:
    facts = good()
    for key in ("completed_on", "applied_on"):
        if missing in (key, "both"):
            del facts[key]
    d = evaluate(facts)
    f = d.finding("first_set.completion_age")
    assert f.status.value == "unknown"
    assert str(f.required) == "2年"
    assert d.status.value == "undetermined"


def test_application_before_completion_is_input_error() -> None:
    error = input_error(
        {**good(), "completed_on": "2025-06-02", "applied_on": "2025-06-01"},
    )
    assert error.paths == ("$.applied_on",)
    assert "2025-06-02" in error.problems[0].message


@given(
    completed=st.dates(min_value=D(2004, 1, 1), max_value=D(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=1200),
)
def test_completion_age_property(completed: dt.date, days: int) -> None:
    applied = completed + dt.timedelta(days=days)
    d = with_dates(completed.isoformat(), applied.isoformat())
    f = d.finding("first_set.completion_age")
    within = applied <= completed + relativedelta(years=2)
    assert f.status.value == ("met" if within else "review")


# --------------------------------------------------------------------------------------------
# 第五条（二）: new materials in 战略性新兴产业分类（2018） 3 新材料产业
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("3.1", "met"),
        ("3.2", "met"),
        ("3.7", "met"),
        ("3.2.1", "met"),
        (" ３.６ ", "met"),
        ("3.8", "not_met"),
        ("3.8.1", "not_met"),
        ("30.1", "not_met"),
        ("2.1", "not_met"),
        ("13.1", "not_met"),
        ("3", "unknown"),
    ],
)
def test_new_material_catalog(code: str, expected: str) -> None:
    facts = good("new_material", "1.5万元/吨")
    facts["product"]["sei_code"] = code
    d = evaluate(facts)
    assert status(d, "new_material_catalog") == expected
    assert (
        d.status.value
        == {
            "met": "eligible",
            "not_met": "ineligible",
            "unknown": "undetermined",
        }[expected]
    )


def test_new_material_without_code_is_unknown() -> None:
    facts = good("new_material", "1.5万元/吨")
    del facts["product"]["sei_code"]
    f = evaluate(facts).finding("first_set.new_material_catalog")
    assert f.status.value == "unknown"
    assert "战略性新兴产业分类代码" in f.message.zh
    assert "sei_code" in f.message.en


def test_sei_code_is_not_applicable_to_equipment() -> None:
    facts = good()
    facts["product"]["sei_code"] = "2.1"
    d = evaluate(facts)
    assert status(d, "new_material_catalog") == "not_applicable"
    assert d.status.value == "eligible"


@pytest.mark.parametrize("code", ["", "3.", ".3", "3..1", "3.02", "0.1", "3.2.1.1", "a", "3-2"])
def test_bad_sei_code_format(code: str) -> None:
    facts = good("new_material", "1.5万元/吨")
    facts["product"]["sei_code"] = code
    error = input_error(facts)
    assert error.paths == ("$.product.sei_code",)
    assert '"3.2"' in error.problems[0].message


def test_sei_code_of_wrong_type() -> None:
    facts = good("new_material", "1.5万元/吨")
    facts["product"]["sei_code"] = 3.2
    assert input_error(facts).paths == ("$.product.sei_code",)


# --------------------------------------------------------------------------------------------
# 第五条（四）: licence and CCC
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        ({"needs_production_license": False, "needs_ccc": False}, "not_applicable"),
        ({"needs_production_license": True, "has_production_license": True}, "met"),
        ({"needs_production_license": True, "has_production_license": False}, "not_met"),
        ({"needs_production_license": True}, "unknown"),
        ({"needs_ccc": True, "has_ccc": True}, "met"),
        ({"needs_ccc": True, "has_ccc": False}, "not_met"),
        ({"needs_ccc": True, "has_ccc": None}, "unknown"),
        ({"needs_ccc": None}, "unknown"),
        ({"needs_production_license": None}, "unknown"),
        (
            {
                "needs_production_license": True,
                "has_production_license": True,
                "needs_ccc": True,
                "has_ccc": True,
            },
            "met",
        ),
        (
            {"needs_production_license": True, "has_production_license": False, "needs_ccc": None},
            "not_met",
        ),
        ({"needs_production_license": False, "has_production_license": False}, "not_applicable"),
    ],
)
def test_license(product: dict[str, Any], expected: str) -> None:
    facts = good()
    facts["product"].update(product)
    d = evaluate(facts)
    f = d.finding("first_set.license")
    assert f.status.value == expected
    assert f.message.en[0].isupper()
    assert (
        d.status.value
        == {
            "met": "eligible",
            "not_applicable": "eligible",
            "not_met": "ineligible",
            "unknown": "undetermined",
        }[expected]
    )


# --------------------------------------------------------------------------------------------
# 第八条: documents
# --------------------------------------------------------------------------------------------


def test_documents_absent_means_not_checked() -> None:
    d = evaluate(good())
    assert "first_set.documents" not in [f.id for f in d.findings]
    assert "missing_documents" not in d.results


def test_complete_equipment_documents() -> None:
    facts = {**good(), "documents": EQUIPMENT_DOCUMENTS}
    d = evaluate(facts)
    assert status(d, "documents") == "met"
    assert d.status.value == "eligible"
    assert d.results["missing_documents"] == []
    assert d.results["unchecked_documents"] == ["ip_cooperation_contracts"]
    assert [f.id for f in d.findings] == [*ALL_IDS, "first_set.documents"]


def test_missing_document_is_unknown_and_listed() -> None:
    docs = [x for x in EQUIPMENT_DOCUMENTS if x not in ("value_proof", "application_report")]
    d = evaluate({**good(), "documents": docs})
    f = d.finding("first_set.documents")
    assert f.status.value == "unknown"
    assert d.status.value == "undetermined"
    assert d.results["missing_documents"] == ["application_report", "value_proof"]
    assert "（九）" in f.message.zh
    assert "产品价值证明" in f.message.zh


def test_new_material_uses_annex_3_not_annex_2() -> None:
    docs = [x for x in EQUIPMENT_DOCUMENTS if x != "equipment_application_form"]
    facts = {**good("new_material", "1.5万元/吨"), "documents": docs}
    d = evaluate(facts)
    assert d.results["missing_documents"] == ["new_material_application_form"]
    facts["documents"] = [*docs, "new_material_application_form"]
    assert status(evaluate(facts), "documents") == "met"


def test_licence_documents_only_when_required() -> None:
    facts = {**good(), "documents": EQUIPMENT_DOCUMENTS}
    facts["product"].update(
        needs_production_license=True, has_production_license=True, needs_ccc=True, has_ccc=True
    )
    d = evaluate(facts)
    assert d.results["missing_documents"] == ["production_license", "ccc_certificate"]
    facts["documents"] = [*EQUIPMENT_DOCUMENTS, "production_license", "ccc_certificate"]
    assert status(evaluate(facts), "documents") == "met"


def test_documents_whose_need_is_unknown() -> None:
    facts = {**good(), "documents": EQUIPMENT_DOCUMENTS}
    del facts["product"]["needs_ccc"]
    del facts["category"]
    d = evaluate(facts)
    assert status(d, "documents") == "unknown"
    assert d.results["missing_documents"] == []
    assert d.results["undetermined_documents"] == [
        "new_material_application_form",
        "ccc_certificate",
    ]
    assert "ccc" in d.finding("first_set.documents").message.en.lower()


def test_optional_and_conditional_documents_accepted() -> None:
    docs = [*EQUIPMENT_DOCUMENTS, "other_materials", "ip_cooperation_contracts", "value_proof"]
    d = evaluate({**good(), "documents": docs})
    assert status(d, "documents") == "met"
    assert d.results["unchecked_documents"] == []
    assert "other_materials" in d.finding("first_set.documents").measured


def test_unknown_document_ids_are_refused_with_the_valid_ids() -> None:
    error = input_error({**good(), "documents": ["value_proof", "annex_9", 5]})
    assert error.paths == ("$.documents[2]", "$.documents[1]")
    message = dict(error.problems)["$.documents[1]"]
    assert "annex_9" in message
    for item in first_set.checklist():
        assert item.id in message


@pytest.mark.parametrize("junk", ["value_proof", {"value_proof": True}, 5, True])
def test_documents_must_be_a_list(junk: object) -> None:
    error = input_error({**good(), "documents": junk})
    assert error.paths == ("$.documents",)
    assert "application_report" in error.problems[0].message


def test_checklist_follows_article_8() -> None:
    items = first_set.checklist()
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids))
    assert items[0].item == "（一）"
    assert items[-1].item == "（十一）"
    assert {i.required for i in items} == {"always", "category", "fact", "not_checked", "optional"}
    by_id = {i.id: i for i in items}
    assert by_id["equipment_application_form"].categories == (
        "complete_set",
        "single_equipment",
        "key_component",
    )
    assert by_id["production_license"].fact == "needs_production_license"
    assert by_id["ip_cooperation_contracts"].condition is not None
    assert by_id["value_proof"].to_dict()["text"].startswith("产品价值证明")
    for item in items:
        assert item.fact is None or hasattr(first_set.Product(), item.fact)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


def test_unknown_keys_are_refused_everywhere() -> None:
    facts = good()
    facts["colour"] = "red"
    facts["applicant"]["tax_complaint"] = True
    facts["product"]["patent"] = True
    error = input_error(facts)
    assert set(error.paths) == {"$.colour", "$.applicant.tax_complaint", "$.product.patent"}


def test_every_problem_at_once() -> None:
    facts = {
        "category": "equipment",
        "unit_value": "30万吨",
        "completed_on": "2025-13-01",
        "applied_on": "soon",
        "applicant": {"registered_in_region": "yes"},
        "product": {"sei_code": "x", "first_in_region": 1},
        "documents": ["nope"],
    }
    error = input_error(facts)
    assert set(error.paths) == {
        "$.category",
        "$.unit_value",
        "$.completed_on",
        "$.applied_on",
        "$.applicant.registered_in_region",
        "$.product.sei_code",
        "$.product.first_in_region",
        "$.documents[0]",
    }
    assert "complete_set" in dict(error.problems)["$.category"]
    for path in error.paths:
        assert path in str(error)


@pytest.mark.parametrize("junk", [5, "x", [1], [], True])
def test_applicant_and_product_must_be_objects(junk: object) -> None:
    for key in ("applicant", "product"):
        error = input_error({**good(), key: junk})
        assert error.paths == (f"$.{key}",)


@pytest.mark.parametrize("junk", [["complete_set"], {"a": 1}, 3, "成套设备"])
def test_bad_category(junk: object) -> None:
    error = input_error({**good(), "category": junk})
    assert error.paths == ("$.category",)
    assert '"new_material"' in error.problems[0].message


def test_unit_value_with_bad_category_reports_the_category_only() -> None:
    error = input_error({**good(), "category": "set"})
    assert error.paths == ("$.category",)


@pytest.mark.parametrize("facts", [None, [], "facts", 5])
def test_facts_must_be_an_object(facts: object) -> None:
    assert input_error(facts).paths == ("$",)


# --------------------------------------------------------------------------------------------
# 第十四条: validity, through the published_on parameter
# --------------------------------------------------------------------------------------------


def test_unknown_publication_date_is_noted() -> None:
    d = evaluate(good())
    assert d.results["validity"] is None
    assert any("published_on" in n.en and "第十四条" in n.zh for n in d.notes)


def undated() -> dict[str, Any]:
    """``good()`` without an application date: the window is checked at ``on``."""
    facts = good()
    del facts["applied_on"]
    return facts


def test_validity_window_through_parameters() -> None:
    params: dict[str, object] = {"published_on": "2024-03-01"}
    d = evaluate(undated(), on=D(2026, 3, 1), parameters=params)  # last day (a Sunday: no roll)
    assert d.status.value == "undetermined"  # the completion age needs the application date
    assert not any("published_on" in n.en for n in d.notes)
    assert d.to_dict()["results"]["validity"] == {"start": "2024-03-01", "end": "2026-03-01"}
    assert d.to_dict()["results"]["validity_checked_on"] == "2026-03-01"
    assert d.to_dict()["overrides"] == {"published_on": "2024-03-01"}
    assert evaluate(undated(), on=D(2024, 3, 1), parameters=params).notes

    with pytest.raises(NotInForce) as info:
        evaluate(undated(), on=D(2026, 3, 2), parameters=params)
    assert info.value.end == D(2026, 3, 1)
    assert info.value.successor is not None
    assert "unknown successor" in str(info.value)

    with pytest.raises(NotInForce) as info:
        evaluate(undated(), on=D(2024, 2, 29), parameters=params)
    assert info.value.start == D(2024, 3, 1)
    assert info.value.successor is None


def test_validity_is_checked_at_the_application_date() -> None:
    # Applied on 2025-06-02, within 2024-03-01 … 2026-03-01: judged under the measures even
    # when evaluated after their two years.
    params: dict[str, object] = {"published_on": "2024-03-01"}
    d = evaluate(good(), on=D(2026, 3, 2), parameters=params)
    assert d.status.value == "eligible"
    assert d.results["validity_checked_on"] == D(2025, 6, 2)
    assert any("申请日期2025-06-02" in n.zh and "2025-06-02" in n.en for n in d.notes)
    # The old reading, by its parameter value: the evaluation date decides.
    with pytest.raises(NotInForce) as info:
        evaluate(good(), on=D(2026, 3, 2), parameters={**params, "in_force_reference": "on"})
    assert info.value.on == D(2026, 3, 2)
    same_day = evaluate(good(), on=D(2025, 6, 2), parameters=params)
    assert same_day.results["validity_checked_on"] == D(2025, 6, 2)
    assert not same_day.notes


def test_an_application_filed_outside_the_window_is_not_judged_under_the_measures() -> None:
    params: dict[str, object] = {"published_on": "2024-03-01"}
    before = {**good(), "completed_on": "2023-05-10", "applied_on": "2024-02-29"}
    with pytest.raises(NotInForce) as info:
        evaluate(before, on=ON, parameters=params)  # evaluated inside the window
    assert (info.value.on, info.value.start) == (D(2024, 2, 29), D(2024, 3, 1))
    first_day = {**before, "applied_on": "2024-03-01"}
    assert evaluate(first_day, on=ON, parameters=params).status.value == "eligible"
    last_day = {**good(), "applied_on": "2026-03-01"}
    assert evaluate(last_day, on=D(2026, 6, 1), parameters=params).status.value == "eligible"
    after = {**good(), "applied_on": "2026-03-02"}
    with pytest.raises(NotInForce) as info:
        evaluate(after, on=D(2026, 2, 1), parameters=params)  # a future application, what-if
    assert info.value.on == D(2026, 3, 2)
    assert info.value.end == D(2026, 3, 1)


def test_without_application_date_the_evaluation_date_is_checked_and_noted() -> None:
    d = evaluate(undated(), on=D(2025, 6, 2), parameters={"published_on": "2024-03-01"})
    assert d.results["validity_checked_on"] == D(2025, 6, 2)
    assert any("未提供申请日期" in n.zh and "evaluation date" in n.en for n in d.notes)
    old = evaluate(
        undated(),
        on=D(2025, 6, 2),
        parameters={"published_on": "2024-03-01", "in_force_reference": "on"},
    )
    assert not old.notes
    assert evaluate(undated()).results["validity_checked_on"] is None  # nothing checked


def test_in_force_reference_refuses_other_values() -> None:
    error = input_error(good(), parameters={"in_force_reference": "decided_on"})
    assert error.paths == ("$.parameters.in_force_reference",)


def test_facts_are_read_before_the_validity_check() -> None:
    # The date the window is checked at comes from the facts, so bad facts are reported first.
    with pytest.raises(InputError):
        evaluate({"colour": 1}, on=D(2030, 1, 1), parameters={"published_on": "2024-03-01"})
    with pytest.raises(NotInForce):
        evaluate({}, on=D(2030, 1, 1), parameters={"published_on": "2024-03-01"})


def test_bad_published_on() -> None:
    error = input_error(good(), parameters={"published_on": "March 2024"})
    assert error.paths == ("$.parameters.published_on",)


def test_validity_window_helper() -> None:
    assert first_set.validity_window("2024-03-01") == (D(2024, 3, 1), D(2026, 3, 1))
    assert first_set.validity_window(D(2024, 2, 29)).end == D(2026, 2, 28)
    assert first_set.validity_window(D(9999, 1, 1)).end is None
    assert first_set.validity_window(
        D(2024, 3, 1), parameters={"validity_period": "24个月"}
    ).end == D(2026, 3, 1)
    assert first_set.validity_window(
        D(2024, 3, 1), parameters={"validity_period": "730日"}
    ).end == D(2026, 3, 1)
    assert first_set.validity_window(
        D(2025, 9, 26), parameters={"validity_period": "20个工作日"}
    ).end == D(2025, 10, 30)
    with pytest.raises(InputError) as info:
        first_set.validity_window("2024-02-30")
    assert info.value.paths == ("$.published_on",)


def test_open_ended_validity_never_expires() -> None:
    d = evaluate({}, on=D(9999, 12, 31), parameters={"published_on": "9999-01-01"})
    assert d.results["validity"]["end"] is None


def test_check_in_force_without_parameters_notes_the_unknown_window() -> None:
    ruleset = get_ruleset("first_set")
    assert isinstance(ruleset, first_set.FirstSetRuleSet)
    notes: list[nmgpolicy.Message] = []
    ruleset.check_in_force(ON, notes, ruleset.data.resolve(ON))
    assert len(notes) == 1
    assert "published_on" in notes[0].en


# --------------------------------------------------------------------------------------------
# 第十条: public notice; results disclosure
# --------------------------------------------------------------------------------------------


def test_public_notice_across_national_day_2025() -> None:
    # 9/30 (1), [10/1–10/8 holiday], 10/9 (2), 10/10 (3), 10/11 make-up Saturday (4), 10/13 (5).
    assert first_set.public_notice(D(2025, 9, 30)) == (D(2025, 9, 30), D(2025, 10, 13))
    window = first_set.public_notice("2025-10-01")  # a holiday: begins on the next working day
    assert window.first == D(2025, 10, 9)
    assert window.last == D(2025, 10, 14)


def test_public_notice_parameter() -> None:
    assert first_set.public_notice(
        D(2026, 1, 5), parameters={"public_notice_period": "3个工作日"}
    ) == (D(2026, 1, 5), D(2026, 1, 7))
    for bad in ("5日", "0个工作日"):
        with pytest.raises(InputError) as info:
            first_set.public_notice(D(2026, 1, 5), parameters={"public_notice_period": bad})
        assert info.value.paths == ("$.parameters.public_notice_period",)
    with pytest.raises(InputError) as info:
        first_set.public_notice("5 January")
    assert info.value.paths == ("$.start",)


@given(start=st.dates(min_value=D(2005, 1, 1), max_value=D(2026, 12, 10)))
def test_public_notice_property(start: dt.date) -> None:
    first, last = first_set.public_notice(start)
    assert first >= start
    assert working_days_between(start - dt.timedelta(days=1), first) in (0, 1)
    assert working_days_between(first, last) == 4


def test_results_disclosure_due() -> None:
    due = first_set.results_disclosure_due(D(2025, 9, 26))
    expected = disclosure.deadline("first-set-results", D(2025, 9, 26))
    assert due == D(2025, 10, 30)
    assert D(2025, 10, 30) == due
    assert due.due == D(2025, 10, 30)
    assert type(due.due) is dt.date
    assert due == expected
    assert expected == due
    assert due != disclosure.deadline("first-set-results", D(2025, 9, 29))
    assert isinstance(due, dt.date)
    # Both the catalog's limit and the 条例's ceiling give 20 working days: the same day.
    assert {c.source for c in due.candidates} >= {"catalog"}
    assert all(c.due == D(2025, 10, 30) for c in due.candidates)
    assert due.candidates == expected.candidates
    assert hash(due) == hash(D(2025, 10, 30))
    assert due.to_dict()["due"] == "2025-10-30"
    assert "2025-10-30" in repr(due)
    assert pickle.loads(pickle.dumps(due)) == due
    assert copy.copy(due) == due
    assert first_set.results_disclosure_due("2025-09-26") == due


# --------------------------------------------------------------------------------------------
# Data file, citations, command line
# --------------------------------------------------------------------------------------------


def test_categories_match_the_data_file() -> None:
    data = load_parameters("first_set")
    assert tuple(data.extra["categories"]) == first_set.CATEGORIES
    assert set(data.criteria) >= {*ALL_IDS, "first_set.documents"}
    assert set(data.criteria) == {*ALL_IDS, "first_set.documents"}
    for name in ("threshold_complete_set", "completion_age_limit", "public_notice_period"):
        assert data.parameters[name].citation is not None
    assert data.parameters["published_on"].values == ()


def test_every_quoted_text_is_verbatim_from_the_seed() -> None:
    seed = SEED.read_text(encoding="utf-8")
    data = load_parameters("first_set")
    citations = [c.citation for c in data.criteria.values()]
    citations += [p.citation for p in data.parameters.values()]
    quoted = [c for c in citations if c is not None and "首台（套）" in c.document]
    assert len(quoted) > 25
    for citation in quoted:
        # A quote that leaves words out marks the gap with "……"; each part stands in order.
        position = 0
        for part in citation.text.split("……"):
            found = seed.find(part, position)
            assert found >= 0, citation
            position = found + len(part)
    for item in first_set.checklist():
        assert item.text in seed, item.id


def test_rules_command_prints_every_criterion_with_its_article() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["rules", "first_set"], out=out, err=err) == 0
    text = out.getvalue()
    for cid in [*ALL_IDS, "first_set.documents"]:
        assert cid in text
    assert "第五条（五）" in text
    assert "首台（套）成套设备价值在80万元/套以上" in text
    assert "第十二条" in text


@pytest.mark.parametrize(("applied_on", "code"), [("2026-03-02", 2), ("2026-03-01", 0)])
def test_evaluate_command_with_published_on(tmp_path: Path, applied_on: str, code: int) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({**good(), "applied_on": applied_on}), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = ["evaluate", "first_set", str(path), "--on", "2026-06-01"]
    assert main([*args, "--param", "published_on=2024-03-01"], out=out, err=err) == code
    assert ("NotInForce" in err.getvalue()) == (code == 2)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@given(flips=st.sets(st.integers(min_value=0, max_value=len(FACTS) - 1), max_size=5))
def test_eligible_iff_nothing_deviates(flips: set[int]) -> None:
    facts = good()
    for i in flips:
        owner, fact, favourable, *_ = FACTS[i]
        facts[owner][fact] = not favourable
    d = evaluate(facts)
    assert (d.status.value == "eligible") == (not flips)
    assert d.status.value in ("eligible", "ineligible")


@given(drops=st.sets(st.integers(min_value=0, max_value=len(FACTS) - 1), min_size=1))
def test_an_absent_fact_never_reads_as_true(drops: set[int]) -> None:
    facts = good()
    for i in drops:
        owner, fact, *_ = FACTS[i]
        del facts[owner][fact]
    d = evaluate(facts)
    assert d.status.value == "undetermined"
    for i in drops:
        assert status(d, FACTS[i][3]) in ("unknown", "review")


def test_results_disclosure_due_arithmetic_gives_plain_dates() -> None:
    due = first_set.results_disclosure_due(D(2025, 9, 26))
    assert due + dt.timedelta(days=1) == D(2025, 10, 31)
    assert type(due + dt.timedelta(days=1)) is dt.date
    assert dt.timedelta(days=1) + due == D(2025, 10, 31)
    assert due - dt.timedelta(days=1) == D(2025, 10, 29)
    assert due - D(2025, 10, 1) == dt.timedelta(days=29)
    assert due.replace(day=1) == D(2025, 10, 1)
    assert type(due.replace(day=1)) is dt.date


def test_licence_held_satisfies_the_condition_even_when_the_need_is_not_stated() -> None:
    facts = good()
    del facts["product"]["needs_production_license"]
    facts["product"]["has_production_license"] = True
    assert status(evaluate(facts), "license") == "met"
    del facts["product"]["has_production_license"]
    assert status(evaluate(facts), "license") == "unknown"


def test_validity_end_reading_is_a_parameter() -> None:
    assert first_set.validity_window("2024-03-01").end == D(2026, 3, 1)
    window = first_set.validity_window("2024-03-01", parameters={"validity_end": "day_before"})
    assert window.end == D(2026, 2, 28)
    params = {"published_on": "2024-03-01", "validity_end": "day_before"}
    evaluate(undated(), on=D(2026, 2, 28), parameters=params)
    with pytest.raises(NotInForce):
        evaluate(undated(), on=D(2026, 3, 1), parameters=params)
    evaluate(undated(), on=D(2026, 3, 1), parameters={"published_on": "2024-03-01"})
