"""first_set, issue 9: the in-force date (第十四条), the day before an anniversary that does not
exist, 第二条's qualities as attestations, Chinese output a bureau officer reads, verbatim quotes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import doctest
import json
import os
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import first_set
from nmgpolicy.errors import NotInForce
from nmgpolicy.outcome import display
from nmgpolicy.params import load_parameters
from nmgpolicy.schema import facts_schema
from tests._builders import (
    FIRST_SET_ATTESTATIONS,
    first_set_applicant,
    first_set_product,
    first_set_status,
)
from tests.language import chinese_problems
from tests.test_citations import quoted_verbatim

D = dt.date
ON = D(2025, 7, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "first_set"
CATEGORIES = {
    "complete_set": "85万元/套",
    "single_equipment": "12万元/台",
    "key_component": "2.5万元/吨",
    "new_material": "1.5万元/吨",
}
ATTESTATIONS = FIRST_SET_ATTESTATIONS
APPLICANT = first_set_applicant()
PRODUCT = first_set_product()


def good(category: str = "complete_set") -> dict[str, Any]:
    facts: dict[str, Any] = {
        "category": category,
        "unit_value": CATEGORIES[category],
        "completed_on": "2024-05-10",
        "applied_on": "2025-06-02",
        "applicant": dict(APPLICANT),
        "product": dict(PRODUCT),
    }
    if category == "new_material":
        facts["product"]["sei_code"] = "3.2.1"
    return facts


def evaluate(
    facts: object, on: dt.date = ON, parameters: Mapping[str, object] | None = None
) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("first_set", facts, on=on, parameters=parameters)


status = first_set_status


# --------------------------------------------------------------------------------------------
# Point 6: 第十四条 is checked at the application date
# --------------------------------------------------------------------------------------------

WINDOW = {"published_on": "2024-03-01"}  # in force 2024-03-01 … 2026-03-01


@pytest.mark.parametrize(
    ("applied_on", "in_force"),
    [
        ("2024-02-29", False),  # the day before publication: the repealed 2022 measures
        ("2024-03-01", True),  # the publication day
        ("2026-03-01", True),  # the last day (corresponding day)
        ("2026-03-02", False),  # the day after
    ],
)
@pytest.mark.parametrize("on", [D(2024, 3, 1), D(2025, 7, 1), D(2027, 1, 4)])
def test_the_application_date_decides_whatever_the_evaluation_date(
    applied_on: str, in_force: bool, on: dt.date
) -> None:
    completed_on = min(applied_on, "2024-03-01")  # ISO dates sort as dates
    facts = {**good(), "completed_on": completed_on, "applied_on": applied_on}
    if in_force:
        d = evaluate(facts, on=on, parameters=WINDOW)
        assert d.results["validity_checked_on"] == D.fromisoformat(applied_on)
        assert d.status.value == "eligible"
    else:
        with pytest.raises(NotInForce) as info:
            evaluate(facts, on=on, parameters=WINDOW)
        assert info.value.on == D.fromisoformat(applied_on)


@pytest.mark.parametrize(
    ("on", "in_force"),
    [(D(2024, 2, 29), False), (D(2024, 3, 1), True), (D(2026, 3, 1), True), (D(2026, 3, 2), False)],
)
def test_the_old_reading_checks_the_evaluation_date(on: dt.date, in_force: bool) -> None:
    facts = {**good(), "completed_on": "2024-01-10", "applied_on": "2025-06-02"}
    parameters: dict[str, object] = {**WINDOW, "in_force_reference": "on"}
    if in_force:
        d = evaluate(facts, on=on, parameters=parameters)
        assert d.results["validity_checked_on"] == on
    else:
        with pytest.raises(NotInForce):
            evaluate(facts, on=on, parameters=parameters)


@pytest.mark.parametrize(
    ("on", "in_force"),
    [(D(2024, 2, 29), False), (D(2024, 3, 1), True), (D(2026, 3, 1), True), (D(2026, 3, 2), False)],
)
def test_without_an_application_date_the_evaluation_date_decides(
    on: dt.date, in_force: bool
) -> None:
    facts = good()
    del facts["applied_on"]
    if in_force:
        d = evaluate(facts, on=on, parameters=WINDOW)
        assert any("未提供申请日期" in n.zh for n in d.notes)
    else:
        with pytest.raises(NotInForce):
            evaluate(facts, on=on, parameters=WINDOW)


def test_in_force_reference_is_a_documented_parameter() -> None:
    parameter = load_parameters("first_set").parameters["in_force_reference"]
    assert parameter.values[0].value == "applied_on"
    assert parameter.citation is not None
    assert parameter.citation.article == "第十四条"
    ruleset = nmgpolicy.get_ruleset("first_set")
    assert isinstance(ruleset, first_set.FirstSetRuleSet)
    model = ruleset.parse_facts({"applied_on": "2025-01-02"})
    resolved = ruleset.data.resolve(ON)
    assert ruleset.in_force_date(model, ON, resolved) == D(2025, 1, 2)
    assert ruleset.in_force_date(first_set.FirstSetFacts(), ON, resolved) == ON
    old = ruleset.data.resolve(ON, {"in_force_reference": "on"})
    assert ruleset.in_force_date(model, ON, old) == ON


# --------------------------------------------------------------------------------------------
# Point 7: the last day of validity, every month-end start, both readings
# --------------------------------------------------------------------------------------------


def month_ends(years: tuple[int, ...]) -> Iterator[dt.date]:
    for year in years:
        for month in range(1, 13):
            yield D(year, month, calendar.monthrange(year, month)[1])


MONTH_ENDS = list(month_ends((2023, 2024, 2026, 2028)))  # non-leap and leap starts and targets


def corresponding(start: dt.date, years: int) -> dt.date | None:
    """民法典 第二百零二条: the corresponding day, None where the last month has none."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return None


@pytest.mark.parametrize("start", MONTH_ENDS, ids=[d.isoformat() for d in MONTH_ENDS])
@pytest.mark.parametrize("reading", ["corresponding_day", "day_before"])
def test_validity_end_for_every_month_end_start(start: dt.date, reading: str) -> None:
    same_day = corresponding(start, 2)
    month_end = D(start.year + 2, start.month, calendar.monthrange(start.year + 2, start.month)[1])
    if same_day is None:  # 29 February → no 29 February two years on: the month's last day
        expected = month_end
    elif reading == "corresponding_day":
        expected = same_day
    else:  # the day before the anniversary
        expected = same_day - dt.timedelta(days=1)
    window = first_set.validity_window(start, parameters={"validity_end": reading})
    assert window == (start, expected)
    # Both readings agree exactly when the anniversary has no corresponding day.
    other = "day_before" if reading == "corresponding_day" else "corresponding_day"
    other_end = first_set.validity_window(start, parameters={"validity_end": other}).end
    assert (other_end == expected) == (same_day is None)


@pytest.mark.parametrize(
    ("start", "period", "corresponding_end", "day_before_end"),
    [
        # the case: 2024-02-29 + 2年 → 2026-02-28 under both readings, never 2026-02-27
        ("2024-02-29", "2年", D(2026, 2, 28), D(2026, 2, 28)),
        ("2024-03-01", "2年", D(2026, 3, 1), D(2026, 2, 28)),
        ("2023-02-28", "2年", D(2025, 2, 28), D(2025, 2, 27)),
        ("2026-02-28", "2年", D(2028, 2, 28), D(2028, 2, 27)),  # a leap target keeps 28 Feb
        ("2024-02-29", "4年", D(2028, 2, 29), D(2028, 2, 28)),  # the anniversary exists
        ("2023-03-01", "1年", D(2024, 3, 1), D(2024, 2, 29)),  # the day before is 29 Feb
        ("2024-01-31", "1个月", D(2024, 2, 29), D(2024, 2, 29)),
        ("2023-01-31", "1个月", D(2023, 2, 28), D(2023, 2, 28)),
        ("2024-01-30", "1个月", D(2024, 2, 29), D(2024, 2, 29)),
        ("2024-01-29", "1个月", D(2024, 2, 29), D(2024, 2, 28)),
        ("2024-03-31", "1个月", D(2024, 4, 30), D(2024, 4, 30)),
        ("2024-04-30", "1个月", D(2024, 5, 30), D(2024, 5, 29)),
        ("2024-02-29", "24个月", D(2026, 2, 28), D(2026, 2, 28)),
        ("2024-03-01", "730日", D(2026, 3, 1), D(2026, 2, 28)),
        ("2024-03-01", "1日", D(2024, 3, 2), D(2024, 3, 1)),
        # working days: the day before counts a working start day as the first one
        ("2025-09-26", "20个工作日", D(2025, 10, 30), D(2025, 10, 29)),
        ("2025-09-27", "20个工作日", D(2025, 10, 30), D(2025, 10, 30)),  # a Saturday
        ("2024-03-01", "0年", D(2024, 3, 1), D(2024, 3, 1)),
        ("2024-03-01", "0个工作日", D(2024, 3, 1), D(2024, 3, 1)),
        # the end of the calendar
        ("9998-01-01", "2年", None, D(9999, 12, 31)),
        ("9998-01-02", "2年", None, None),
        ("9999-12-31", "1日", None, D(9999, 12, 31)),
        ("9999-12-31", "2日", None, None),
        ("9999-01-01", "12个月", None, D(9999, 12, 31)),
    ],
)
def test_validity_end_edges(
    start: str,
    period: str,
    corresponding_end: dt.date | None,
    day_before_end: dt.date | None,
) -> None:
    base = {"validity_period": period}
    assert first_set.validity_window(start, parameters=base).end == corresponding_end
    day_before = {**base, "validity_end": "day_before"}
    assert first_set.validity_window(start, parameters=day_before).end == day_before_end


@given(
    start=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
    months=st.integers(min_value=1, max_value=120),
)
def test_day_before_is_the_corresponding_day_less_one_or_the_month_end(
    start: dt.date, months: int
) -> None:
    parameters = {"validity_period": f"{months}个月"}
    corresponding_end = first_set.validity_window(start, parameters=parameters).end
    assert corresponding_end == start + relativedelta(months=months)
    end = first_set.validity_window(
        start, parameters={**parameters, "validity_end": "day_before"}
    ).end
    assert corresponding_end is not None and end is not None
    if corresponding_end.day == start.day:
        assert end == corresponding_end - dt.timedelta(days=1)
    else:  # no corresponding day: the month's last day, never a day earlier
        assert end == corresponding_end
        assert (end + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    ("on", "in_force"),
    [(D(2026, 2, 27), True), (D(2026, 2, 28), True), (D(2026, 3, 1), False)],
)
@pytest.mark.parametrize("reading", ["corresponding_day", "day_before"])
def test_published_on_29_february_is_in_force_through_28_february(
    on: dt.date, in_force: bool, reading: str
) -> None:
    facts = good()
    del facts["applied_on"]
    parameters: dict[str, object] = {"published_on": "2024-02-29", "validity_end": reading}
    if in_force:
        d = evaluate(facts, on=on, parameters=parameters)
        assert d.to_dict()["results"]["validity"]["end"] == "2026-02-28"
    else:
        with pytest.raises(NotInForce) as info:
            evaluate(facts, on=on, parameters=parameters)
        assert info.value.end == D(2026, 2, 28)


# --------------------------------------------------------------------------------------------
# Point 8: 第二条's qualities and 产品性能可靠 are attestations
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fact", ATTESTATIONS)
@pytest.mark.parametrize(
    ("value", "finding", "decision"),
    [(True, "met", "eligible"), (False, "not_met", "ineligible"), (None, "review", "undetermined")],
)
def test_each_quality_is_an_attestation(
    fact: str, value: bool | None, finding: str, decision: str
) -> None:
    facts = good()
    facts["product"][fact] = value
    d = evaluate(facts)
    assert status(d, fact) == finding
    assert d.status.value == decision
    others = [f for f in d.findings if f.id != f"first_set.{fact}"]
    assert all(f.status.value in ("met", "not_applicable") for f in others)
    del facts["product"][fact]
    assert status(evaluate(facts), fact) == "review"


@pytest.mark.parametrize(
    ("fact", "article", "clause", "words"),
    [
        ("fits_industrial_policy", "第二条", "", "符合国家和自治区产业发展规划和政策导向"),
        ("technology_leading", "第二条", "", "形成技术领先优势"),
        ("fills_regional_gap", "第二条", "", "能够填补区内同类产品的空白"),
        ("promotes_industry_upgrading", "第二条", "", "对行业转型升级具有促进作用"),
        ("no_large_market_record", "第二条", "", "尚未取得较大市场业绩"),
        ("performance_reliable", "第五条", "（四）", "产品性能可靠"),
    ],
)
def test_each_quality_cites_its_words(fact: str, article: str, clause: str, words: str) -> None:
    d = evaluate(good())
    citation = d.finding(f"first_set.{fact}").citation
    assert citation is not None
    assert (citation.article, citation.clause) == (article, clause)
    assert words in citation.text
    assert quoted_verbatim(citation.text)


def test_the_qualities_come_in_the_order_of_the_articles() -> None:
    ids = [f.id for f in evaluate(good()).findings]
    assert ids[:6] == [
        "first_set.fits_industrial_policy",
        "first_set.patent",
        "first_set.technology_leading",
        "first_set.fills_regional_gap",
        "first_set.promotes_industry_upgrading",
        "first_set.no_large_market_record",
    ]
    assert ids.index("first_set.performance_reliable") + 1 == ids.index("first_set.license")


@given(
    values=st.fixed_dictionaries(
        {fact: st.sampled_from([True, False, None]) for fact in ATTESTATIONS}
    )
)
def test_eligible_never_claims_more_than_the_facts_show(values: dict[str, bool | None]) -> None:
    facts = good()
    facts["product"].update(values)
    d = evaluate(facts)
    assert (d.status.value == "eligible") == all(v is True for v in values.values())
    if False in values.values():
        assert d.status.value == "ineligible"


def test_the_schema_lists_the_new_facts() -> None:
    schema = facts_schema("first_set")
    product = schema["$defs"]["Product"]["properties"]
    for fact in ATTESTATIONS:
        assert {"type": "boolean"} in product[fact]["anyOf"]


def test_the_examples_supply_the_attestations() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    for case in index["cases"]:
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        d = evaluate(facts, D.fromisoformat(case["on"]))
        assert d.status.value == case["expect"]
        if case["expect"] == "eligible":
            assert all(facts["product"][fact] is True for fact in ATTESTATIONS)


# --------------------------------------------------------------------------------------------
# Point 16: the Chinese output holds no code values or Python; English uses English units
# --------------------------------------------------------------------------------------------


def varied() -> Iterator[tuple[str, dict[str, Any], Mapping[str, object] | None]]:
    """Facts and parameters that reach every message and every displayed value."""
    every_document = [item.id for item in first_set.checklist()]
    for category in CATEGORIES:
        yield f"{category}-good", good(category), None
        yield f"{category}-documents", {**good(category), "documents": every_document}, None
        yield f"{category}-no-documents", {**good(category), "documents": []}, None
        low = {**good(category), "unit_value": "1元/吨" if "吨" in CATEGORIES[category] else None}
        yield f"{category}-low", low, None
    yield "empty", {}, None
    yield "empty-documents", {"documents": ["value_proof"]}, None
    no_category = good()
    del no_category["category"]
    yield "no-category", no_category, None
    for code in ("3", "3.8", None):
        material = good("new_material")
        material["product"]["sei_code"] = code
        yield f"sei-{code}", material, None
    for licence in (
        {"needs_production_license": True, "has_production_license": True},
        {"needs_production_license": True, "has_production_license": False},
        {"needs_production_license": True},
        {"needs_production_license": None, "has_production_license": True},
        {"needs_ccc": None},
        {"needs_ccc": True, "has_ccc": False},
    ):
        facts = good()
        facts["product"].update(licence)
        yield f"licence-{sorted(licence.items())}", facts, None
    for owner, values in (("applicant", APPLICANT), ("product", PRODUCT)):
        for fact, value in values.items():
            flipped = good()
            flipped[owner][fact] = not value
            yield f"{fact}-flipped", flipped, None
            absent = good()
            del absent[owner][fact]
            yield f"{fact}-absent", absent, None
    late = {**good(), "completed_on": "2023-02-28", "applied_on": "2025-03-03"}
    yield "late", late, None
    yield "late-rolled", late, {"completion_age_end": "rest_day_roll"}
    undated = good()
    del undated["applied_on"]
    yield "undated", undated, None
    yield "undated-published", undated, {"published_on": "2024-03-01"}
    yield "published", good(), {"published_on": "2024-03-01"}
    yield (
        "published-day-before",
        good(),
        {"published_on": "2024-03-01", "validity_end": "day_before"},
    )
    yield "old-reading", good(), {"published_on": "2024-03-01", "in_force_reference": "on"}


VARIED = list(varied())


@pytest.mark.parametrize(("name", "facts", "parameters"), VARIED, ids=[v[0] for v in VARIED])
def test_chinese_output_has_no_code_values(
    name: str, facts: dict[str, Any], parameters: Mapping[str, object] | None
) -> None:
    assert chinese_problems(evaluate(facts, parameters=parameters)) == [], name


def test_chinese_output_of_the_examples_has_no_code_values() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    for case in index["cases"]:
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        for parameters in (None, {"published_on": "2024-03-01"}):
            d = evaluate(facts, D.fromisoformat(case["on"]), parameters)
            assert chinese_problems(d) == [], case["file"]


def test_english_messages_use_english_units() -> None:
    for category in CATEGORIES:
        for value in (CATEGORIES[category], None):
            facts = {**good(category), "unit_value": value}
            message = evaluate(facts).finding("first_set.unit_value").message.en
            assert "yuan" in message
            assert "万" not in message and "元" not in message


def test_displayed_values_read_as_words() -> None:
    facts = good()
    facts["product"].update(needs_production_license=True, has_production_license=True)
    facts["documents"] = ["application_report"]
    d = evaluate(facts)
    labels = load_parameters("first_set").labels
    licence = d.finding("first_set.license")
    shown = display(licence.measured, "zh", labels)
    assert shown == "具有特殊行业产品生产许可证：是；通过强制性产品认证：—"
    assert display(licence.required, "en", labels) == "production licence held: yes"
    documents = d.finding("first_set.documents")
    assert display(documents.measured, "zh", labels) == "（一）认定申请报告书（附件1）"
    assert display(documents.measured, "en", labels) == "Application report (annex 1)"
    catalog = evaluate(good("new_material")).finding("first_set.new_material_catalog")
    assert display(catalog.required, "zh", labels).startswith("新材料产业（3.1、3.2")
    assert display(catalog.required, "en", labels).startswith("new-materials industry (3.1, 3.2")
    nothing_needed = evaluate(good()).finding("first_set.license")
    assert nothing_needed.required is None


@pytest.mark.parametrize(
    ("owner", "fact", "name"),
    [
        ("applicant", "accidents_last_3_years", "no_accidents"),
        ("product", "for_own_use_only", "not_own_use"),
        ("product", "oem_or_kit_assembly", "not_kit_assembly"),
        ("applicant", "disqualified_for_false_materials", "not_disqualified"),
    ],
)
def test_a_condition_worded_in_the_negative_shows_whether_it_holds(
    owner: str, fact: str, name: str
) -> None:
    # "近三年未发生…事故": met shows 实测 是 / 要求 是, never 否 / 否 beside a condition that holds.
    facts = good()
    finding = evaluate(facts).finding(f"first_set.{name}")
    assert (finding.status.value, finding.measured, finding.required) == ("met", True, True)
    assert "实测: 是; 要求: 是" in evaluate(facts).explain("zh")
    facts[owner][fact] = True
    finding = evaluate(facts).finding(f"first_set.{name}")
    assert (finding.status.value, finding.measured, finding.required) == ("not_met", False, True)
    del facts[owner][fact]
    finding = evaluate(facts).finding(f"first_set.{name}")
    assert (finding.status.value, finding.measured) == ("unknown", None)


def test_every_code_value_has_a_label_in_both_languages() -> None:
    data = load_parameters("first_set")
    codes = [*first_set.CATEGORIES, "has_production_license", "has_ccc"]
    codes += [item.id for item in first_set.checklist()]
    for parameter in data.parameters.values():
        if parameter.type.startswith("choice:"):
            codes += parameter.type.partition(":")[2].split("|")
    for code in codes:
        assert code in data.labels, code
        label = data.labels[code]
        assert label.zh and label.en and label.zh != code, code
    for item in first_set.checklist():  # one wording for a document, in the checklist and labels
        assert data.labels[item.id].zh == f"{item.item}{item.title.zh}"
        assert data.labels[item.id].en == item.title.en


# --------------------------------------------------------------------------------------------
# Point 17: every citation text of the data file is the law's own words
# --------------------------------------------------------------------------------------------


def citations(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "document" in node and "text" in node:
            yield node
        for value in node.values():
            yield from citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from citations(value)


def test_every_citation_text_in_the_data_file_is_verbatim() -> None:
    text = resources.files("nmgpolicy").joinpath("data", "first_set.toml").read_text("utf-8")
    found = list(citations(tomllib.loads(text)))
    assert len(found) > 35
    for citation in found:
        assert citation["text"].strip()
        assert quoted_verbatim(citation["text"]), citation["text"]


def test_the_classification_list_is_a_summary_not_a_quote() -> None:
    catalog = load_parameters("first_set").extra["new_material_catalog"]
    assert "3.1 先进钢铁材料" in catalog["citation"]["summary"]
    assert "3.1" not in catalog["citation"]["text"]
    assert quoted_verbatim(catalog["citation"]["text"])


# --------------------------------------------------------------------------------------------
# The rule page's examples run
# --------------------------------------------------------------------------------------------


def test_the_rule_page_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    result = doctest.testfile(
        os.fspath(root / "docs" / "rules" / "first_set.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.attempted >= 10
    assert result.failed == 0
