"""Independent review of issue 9, points 6, 7, 8 (first_set) and 16, 17 for first_set.

Derived from the issue's words and the measures' text as the bundled catalog quotes them:

* 6 — 第十四条 "本办法自发布之日起施行，有效期2年" is checked at the application date when the facts
  give it (an application filed while the measures were in force is judged under them), else
  at ``on``; ``in_force_reference="on"`` keeps the old reading.
* 7 — ``validity_end="day_before"`` never ends a day early when the start has no
  corresponding day in the last month (2024-02-29 + 2年 → 2026-02-28); every month-end start.
* 8 — 第二条's qualities and 第五条（四） "产品性能可靠" are attestations: absent → review,
  false → not_met, so that ``eligible`` never claims more than the facts show.
* 16, 17 — Chinese output free of code values, English messages with English units, every
  citation text the law's own words, attributed to the article (and item) that holds them.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
import tomllib
from importlib import resources
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import first_set
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.outcome import Status
from tests._builders import first_set_applicant, first_set_product, first_set_status
from tests.language import chinese_problems
from tests.test_citations import quoted_verbatim

D = dt.date
PUBLISHED = "2024-03-01"

APPLICANT: dict[str, Any] = first_set_applicant()
PRODUCT: dict[str, Any] = first_set_product()


def facts(applied_on: str | None = "2025-06-02", **product: Any) -> dict[str, Any]:
    """Every fact favourable; ``product`` overrides product facts (``None`` removes one)."""
    body: dict[str, Any] = {
        "category": "complete_set",
        "unit_value": "85万元/套",
        "completed_on": "2024-05-10",
        "applicant": dict(APPLICANT),
        "product": dict(PRODUCT),
    }
    if applied_on is not None:
        body["applied_on"] = applied_on
    for name, value in product.items():
        if value is None:
            body["product"].pop(name, None)
        else:
            body["product"][name] = value
    return body


def evaluate(
    body: object, on: dt.date, parameters: dict[str, object] | None = None
) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("first_set", body, on=on, parameters=parameters)


status = first_set_status


# ============================================================================================
# Point 6 — 第十四条 checked at the application date
# ============================================================================================

WINDOW = {"published_on": PUBLISHED}  # in force 2024-03-01 … 2026-03-01 (corresponding day)


def test_an_application_filed_inside_the_window_is_judged_after_it() -> None:
    # filed on the last day in force, evaluated three months after the measures expired
    d = evaluate(facts(applied_on="2026-03-01"), D(2026, 6, 1), WINDOW)
    assert d.status.value == "eligible"
    assert d.results["validity_checked_on"] == D(2026, 3, 1)
    assert d.results["validity"] == {"start": D(2024, 3, 1), "end": D(2026, 3, 1)}
    assert any("2026-03-01" in n.zh and "申请日期" in n.zh for n in d.notes)
    assert any("application date 2026-03-01" in n.en for n in d.notes)
    assert chinese_problems(d) == []


def test_an_application_filed_the_day_after_the_window_is_not_in_force() -> None:
    # evaluated later, and also evaluated (what-if) on a day inside the window: same answer
    for on in (D(2026, 6, 1), D(2025, 1, 1)):
        with pytest.raises(NotInForce) as caught:
            evaluate(facts(applied_on="2026-03-02"), on, WINDOW)
        assert caught.value.on == D(2026, 3, 2)
        assert caught.value.end == D(2026, 3, 1)
        assert caught.value.successor  # the successor is named as unknown


def test_the_not_in_force_error_is_english_with_english_units() -> None:
    with pytest.raises(NotInForce) as caught:
        evaluate(facts(applied_on="2026-03-02"), D(2026, 6, 1), WINDOW)
    message = str(caught.value)
    assert "2 years" in message
    assert "2年" not in message


def test_an_application_filed_before_publication_is_not_in_force() -> None:
    # completed 2024-01-10, filed the day before publication, evaluated inside the window
    body = facts(applied_on="2024-02-29")
    body["completed_on"] = "2024-01-10"
    with pytest.raises(NotInForce) as caught:
        evaluate(body, D(2025, 1, 1), WINDOW)
    assert caught.value.on == D(2024, 2, 29)
    assert caught.value.start == D(2024, 3, 1)


def test_an_application_filed_on_the_publication_day_is_in_force() -> None:
    body = facts(applied_on=PUBLISHED)
    body["completed_on"] = "2024-01-10"
    d = evaluate(body, D(2026, 12, 1), WINDOW)
    assert d.status.value == "eligible"
    assert d.results["validity_checked_on"] == D(2024, 3, 1)


def test_without_an_application_date_the_evaluation_date_is_checked() -> None:
    body = facts(applied_on=None)
    d = evaluate(body, D(2026, 3, 1), WINDOW)
    assert d.results["validity_checked_on"] == D(2026, 3, 1)
    assert any("未提供申请日期" in n.zh for n in d.notes)
    assert any("No application date" in n.en for n in d.notes)
    assert chinese_problems(d) == []
    with pytest.raises(NotInForce) as caught:
        evaluate(body, D(2026, 3, 2), WINDOW)
    assert caught.value.on == D(2026, 3, 2)


def test_the_old_reading_checks_the_evaluation_date() -> None:
    old = {**WINDOW, "in_force_reference": "on"}
    # filed inside, evaluated after: the old reading refuses it
    with pytest.raises(NotInForce) as caught:
        evaluate(facts(applied_on="2026-03-01"), D(2026, 6, 1), old)
    assert caught.value.on == D(2026, 6, 1)
    # filed before publication, evaluated inside: the old reading judges it
    body = facts(applied_on="2024-02-29")
    body["completed_on"] = "2024-01-10"
    d = evaluate(body, D(2025, 1, 1), old)
    assert d.status.value == "eligible"
    assert d.results["validity_checked_on"] == D(2025, 1, 1)
    assert "in_force_reference" in d.overrides
    assert not any("申请日期" in n.zh for n in d.notes)
    assert chinese_problems(d) == []


def test_the_default_reading_is_the_application_date() -> None:
    data = first_set.FirstSetRuleSet().data
    assert data.parameters["in_force_reference"].at(D(2026, 12, 1)) == "applied_on"


def test_an_unknown_reading_is_an_input_error_at_its_path() -> None:
    with pytest.raises(InputError) as caught:
        evaluate(facts(), D(2025, 7, 1), {**WINDOW, "in_force_reference": "decided_on"})
    assert [p.path for p in caught.value.problems] == ["$.parameters.in_force_reference"]


def test_a_bad_application_date_is_an_input_error_not_a_validity_question() -> None:
    for bad in ("2026-02-30", "2026/03/01", 20260301):
        with pytest.raises(InputError) as caught:
            evaluate(facts(applied_on=bad), D(2026, 6, 1), WINDOW)  # type: ignore[arg-type]
        assert "$.applied_on" in [p.path for p in caught.value.problems]


def test_without_a_publication_date_nothing_is_checked_and_a_note_says_so() -> None:
    d = evaluate(facts(applied_on="2030-01-02"), D(2030, 6, 1))
    assert d.results["validity"] is None and d.results["validity_checked_on"] is None
    assert any("发布日期" in n.zh for n in d.notes)
    assert chinese_problems(d) == []


def test_day_before_window_is_checked_at_the_application_date() -> None:
    params = {**WINDOW, "validity_end": "day_before"}  # 2024-03-01 … 2026-02-28
    d = evaluate(facts(applied_on="2026-02-28"), D(2026, 6, 1), params)
    assert d.results["validity"]["end"] == D(2026, 2, 28)
    with pytest.raises(NotInForce):
        evaluate(facts(applied_on="2026-03-01"), D(2026, 6, 1), params)


# ============================================================================================
# Point 7 — validity_end="day_before" from every month end
# ============================================================================================

# Expected by hand: a 2-year validity that counts its first day ends on the day before the
# anniversary; where the anniversary month has no such day (29 February → 2026), that month's
# last day (第二百零二条), never a day earlier.
DAY_BEFORE_2_YEARS = {
    "2024-01-31": "2026-01-30",
    "2024-02-29": "2026-02-28",
    "2024-03-31": "2026-03-30",
    "2024-04-30": "2026-04-29",
    "2024-05-31": "2026-05-30",
    "2024-06-30": "2026-06-29",
    "2024-07-31": "2026-07-30",
    "2024-08-31": "2026-08-30",
    "2024-09-30": "2026-09-29",
    "2024-10-31": "2026-10-30",
    "2024-11-30": "2026-11-29",
    "2024-12-31": "2026-12-30",
    "2022-02-28": "2024-02-27",  # the anniversary 2024-02-28 exists (2024-02-29 is not it)
    "2023-02-28": "2025-02-27",
    "2025-02-28": "2027-02-27",  # a year with no working-day schedule: none is needed
    "2023-12-31": "2025-12-30",
}
CORRESPONDING_2_YEARS = {
    "2024-01-31": "2026-01-31",
    "2024-02-29": "2026-02-28",
    "2024-04-30": "2026-04-30",
    "2024-12-31": "2026-12-31",
    "2022-02-28": "2024-02-28",
    "2023-02-28": "2025-02-28",
}


@pytest.mark.parametrize(("start", "end"), sorted(DAY_BEFORE_2_YEARS.items()))
def test_day_before_from_every_month_end(start: str, end: str) -> None:
    window = first_set.validity_window(start, parameters={"validity_end": "day_before"})
    assert window == (D.fromisoformat(start), D.fromisoformat(end))


@pytest.mark.parametrize(("start", "end"), sorted(CORRESPONDING_2_YEARS.items()))
def test_corresponding_day_from_month_ends(start: str, end: str) -> None:
    assert first_set.validity_window(start).end == D.fromisoformat(end)


def test_issue_example_29_february() -> None:
    day_before = first_set.validity_window("2024-02-29", parameters={"validity_end": "day_before"})
    assert day_before.end == D(2026, 2, 28)
    assert day_before.end != D(2026, 2, 27)
    assert first_set.validity_window("2024-02-29").end == D(2026, 2, 28)


def test_day_before_in_force_check_from_29_february() -> None:
    params = {"published_on": "2024-02-29", "validity_end": "day_before"}
    body = facts(applied_on="2026-02-28")
    body["completed_on"] = "2025-01-10"
    assert evaluate(body, D(2026, 6, 1), params).status.value == "eligible"
    body["applied_on"] = "2026-03-01"
    with pytest.raises(NotInForce) as caught:
        evaluate(body, D(2026, 6, 1), params)
    assert caught.value.end == D(2026, 2, 28)


def _corresponding(start: dt.date, months: int) -> tuple[dt.date, bool]:
    """民法典 第二百零二条 by hand: the corresponding day, or the month's last day."""
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    exists = start.day <= last
    return D(year, month0 + 1, min(start.day, last)), exists


def test_day_before_against_the_corresponding_day_for_every_start_2020_to_2030() -> None:
    """For every start: day_before is the corresponding day minus one, except where the
    anniversary has no corresponding day, where both readings give the month's last day."""
    day = D(2020, 1, 1)
    while day <= D(2030, 12, 31):
        for period, months in (("2年", 24), ("1年", 12), ("1个月", 1), ("3个月", 3)):
            params = {"validity_period": period}
            corr = first_set.validity_window(day, parameters=params).end
            before = first_set.validity_window(
                day, parameters={**params, "validity_end": "day_before"}
            ).end
            expected, exists = _corresponding(day, months)
            assert corr == expected, (day, period)
            assert before == (expected - dt.timedelta(days=1) if exists else expected), (
                day,
                period,
            )
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        ("2024-01-31", "1个月", "2024-02-29"),  # no 2024-02-31: the month's last day
        ("2024-01-30", "1个月", "2024-02-29"),
        ("2024-01-29", "1个月", "2024-02-28"),
        ("2023-01-31", "1个月", "2023-02-28"),
        ("2024-03-31", "1个月", "2024-04-30"),
        ("2023-03-01", "1年", "2024-02-29"),
        ("2024-02-29", "1年", "2025-02-28"),
        ("2024-02-29", "4年", "2028-02-28"),  # the anniversary 2028-02-29 exists
        ("2024-02-01", "29日", "2024-02-29"),  # n days: D + n - 1
        ("2024-02-01", "1日", "2024-02-01"),
    ],
)
def test_day_before_other_periods(start: str, period: str, end: str) -> None:
    window = first_set.validity_window(
        start, parameters={"validity_end": "day_before", "validity_period": period}
    )
    assert window.end == D.fromisoformat(end)


# ============================================================================================
# Point 8 — 第二条's qualities and 第五条（四） 产品性能可靠 are attestations
# ============================================================================================

ATTESTATIONS = {
    # fact → (article, clause) of its citation
    "fits_industrial_policy": ("第二条", None),
    "technology_leading": ("第二条", None),
    "fills_regional_gap": ("第二条", None),
    "promotes_industry_upgrading": ("第二条", None),
    "no_large_market_record": ("第二条", None),
    "performance_reliable": ("第五条", "（四）"),
}


def test_with_every_fact_favourable_the_decision_is_eligible() -> None:
    d = evaluate(facts(), D(2025, 7, 1))
    assert d.status.value == "eligible"
    for fact in ATTESTATIONS:
        assert status(d, fact) == "met"


@pytest.mark.parametrize("fact", sorted(ATTESTATIONS))
def test_an_absent_quality_is_review_and_never_eligible(fact: str) -> None:
    for body in (facts(**{fact: None}), _with_null(fact)):
        d = evaluate(body, D(2025, 7, 1))
        assert status(d, fact) == "review"
        assert d.status.value == "undetermined"
        others = [f for f in d.findings if f.id != f"first_set.{fact}"]
        assert all(f.status in (Status.MET, Status.NOT_APPLICABLE) for f in others)
        assert chinese_problems(d) == []


def _with_null(fact: str) -> dict[str, Any]:
    body = facts()
    body["product"][fact] = None
    return body


@pytest.mark.parametrize("fact", sorted(ATTESTATIONS))
def test_a_false_quality_is_not_met_and_ineligible(fact: str) -> None:
    d = evaluate(facts(**{fact: False}), D(2025, 7, 1))
    assert status(d, fact) == "not_met"
    assert d.status.value == "ineligible"
    assert chinese_problems(d) == []


@pytest.mark.parametrize("fact", sorted(ATTESTATIONS))
def test_each_quality_cites_its_article(fact: str) -> None:
    d = evaluate(facts(), D(2025, 7, 1))
    citation = d.finding(f"first_set.{fact}").citation
    article, clause = ATTESTATIONS[fact]
    assert citation is not None
    assert citation.article == article
    assert (citation.clause or None) == clause


@pytest.mark.parametrize("fact", sorted(ATTESTATIONS))
def test_a_quality_must_be_a_boolean(fact: str) -> None:
    with pytest.raises(InputError) as caught:
        evaluate(facts(**{fact: "是"}), D(2025, 7, 1))
    assert [p.path for p in caught.value.problems] == [f"$.product.{fact}"]


def test_no_product_facts_at_all_never_claims_a_quality() -> None:
    body = facts()
    del body["product"]
    d = evaluate(body, D(2025, 7, 1))
    assert d.status.value == "undetermined"
    for fact in ATTESTATIONS:
        assert status(d, fact) == "review"
    assert chinese_problems(d) == []


def test_dropping_any_single_fact_is_never_eligible() -> None:
    """``eligible`` never claims more than the facts show, whichever single fact is dropped."""
    for owner, names in (("applicant", APPLICANT), ("product", PRODUCT)):
        for name in names:
            body = copy.deepcopy(facts())
            del body[owner][name]
            d = evaluate(body, D(2025, 7, 1))
            assert d.status.value == "undetermined", (owner, name)
    for name in ("category", "unit_value", "completed_on", "applied_on"):
        body = facts()
        del body[name]
        assert evaluate(body, D(2025, 7, 1)).status.value == "undetermined", name


# ============================================================================================
# Point 16 — words: Chinese without code values, English with English units
# ============================================================================================

_CJK_UNITS = re.compile(r"万元|元/|万吨|吨|套|台")


def _decisions() -> list[nmgpolicy.Decision]:
    on = D(2026, 6, 1)
    empty = evaluate({}, on)
    below = facts()
    below["unit_value"] = "79.99万元/套"
    material = facts(sei_code="3.8")
    material["category"] = "new_material"
    material["unit_value"] = "0.9999万元/吨"
    late = facts(applied_on="2026-06-01")
    licence = facts(needs_production_license=True, has_production_license=False, needs_ccc=None)
    documents = facts()
    documents["documents"] = ["application_report"]
    false_all = facts(**dict.fromkeys(ATTESTATIONS, False))
    return [
        evaluate(facts(), on, WINDOW),
        evaluate(facts(applied_on=None), D(2026, 2, 1), WINDOW),
        evaluate(facts(), on, {**WINDOW, "validity_end": "day_before"}),
        evaluate(facts(), D(2025, 7, 1), {**WINDOW, "in_force_reference": "on"}),
        evaluate(late, on, {"completion_age_end": "rest_day_roll"}),
        empty,
        evaluate(below, on),
        evaluate(material, on),
        evaluate(late, on),
        evaluate(licence, on),
        evaluate(documents, on),
        evaluate(false_all, on),
    ]


def test_chinese_output_holds_no_code_values() -> None:
    for d in _decisions():
        assert chinese_problems(d) == [], d.to_dict()["findings"]


def test_english_messages_use_english_units_and_words() -> None:
    for d in _decisions():
        for finding in d.findings:
            assert not _CJK_UNITS.search(finding.message.en), finding.message.en
            assert "True" not in finding.message.en and "False" not in finding.message.en
        for note in d.notes:
            assert not _CJK_UNITS.search(note.en), note.en
        md = d.to_markdown("en")
        assert "True" not in md and "False" not in md


def test_unit_value_messages_in_each_language() -> None:
    body = facts()
    body["unit_value"] = "79.99万元/套"
    finding = evaluate(body, D(2025, 7, 1)).finding("first_set.unit_value")
    assert "79.99万元/套" in finding.message.zh and "80万元/套" in finding.message.zh
    assert "799,900 yuan" in finding.message.en and "800,000 yuan" in finding.message.en


# ============================================================================================
# Point 17 — every citation text verbatim, and in the article it is attributed to
# ============================================================================================

DATA = resources.files("nmgpolicy").joinpath("data")
_HEADING = re.compile(r"<p>(第[一二三四五六七八九十]+条)\s")
_CLAUSE = re.compile(r"（[一二三四五六七八九十]+）")
_SPACE = re.compile(r"\s+|</?p>")
_ELLIPSIS = re.compile(r"……|…")


def _measures() -> dict[str, str]:
    """The articles of the measures as the bundled catalog quotes them: 第N条 → its text."""
    catalog = DATA.joinpath("baotou_miit_catalog.tsv").read_text(encoding="utf-8")
    row = next(
        line for line in catalog.splitlines() if "首台（套）关键零部件首批（次）产品”认定" in line
    )
    parts = _HEADING.split(row.split("\t")[5])
    # parts: [before, 第一条, text, 第二条, text, …]
    return {parts[i]: _SPACE.sub("", parts[i + 1]) for i in range(1, len(parts), 2)}


def _clause(article: str, clause: str) -> str:
    start = article.find(clause)
    assert start >= 0, clause
    rest = article[start + len(clause) :]
    following = _CLAUSE.search(rest)
    return rest[: following.start()] if following else rest


def _in_order(quote: str, source: str) -> bool:
    position = 0
    for part in _ELLIPSIS.split(_SPACE.sub("", quote)):
        if not part:
            continue
        found = source.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def _citations() -> list[tuple[str, dict[str, Any]]]:
    data = tomllib.loads(DATA.joinpath("first_set.toml").read_text(encoding="utf-8"))
    found = [(f"parameters.{k}", v["citation"]) for k, v in data["parameters"].items()]
    found += [(f"criteria.{k}", v["citation"]) for k, v in data["criteria"].items()]
    return found


MEASURES = "《内蒙古自治区技术装备首台（套）、关键零部件及新材料首批（次）认定管理暂行办法》"


def test_the_articles_are_found() -> None:
    articles = _measures()
    assert len(articles) == 15
    assert articles["第十四条"].startswith("本办法自发布之日起施行，有效期2年。")
    assert _clause(articles["第五条"], "（四）").startswith("产品性能可靠。")


@pytest.mark.parametrize(("where", "citation"), _citations(), ids=[w for w, _ in _citations()])
def test_citation_is_verbatim_in_its_article(where: str, citation: dict[str, Any]) -> None:
    text = citation["text"]
    assert quoted_verbatim(text), where
    if citation["document"] != MEASURES:
        return  # the Civil Code: checked against data/sources by quoted_verbatim
    source = _measures()[citation["article"]]
    if "clause" in citation:
        source = _clause(source, citation["clause"])
    assert _in_order(text, source), (where, citation["article"], citation.get("clause"))


def test_the_documents_quote_their_item() -> None:
    data = tomllib.loads(DATA.joinpath("first_set.toml").read_text(encoding="utf-8"))
    article = _measures()["第八条"]
    for spec in data["documents"]:
        assert _in_order(spec["text"], _clause(article, spec["item"])), spec["id"]
