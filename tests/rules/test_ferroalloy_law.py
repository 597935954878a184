"""Ferroalloy readings settled by the law review (issue 9, points 9, 16 and 17).

* 第四条: of the elimination plans only 铁合金矿热炉产能 counts, and only from the 2021–2023 plans
  (``plan_year``, checked when given);
* 第五条: 取小 applies where two figures disagree; a unit with no 立项/批复 figure takes its
  assessed capacity;
* the Chinese output holds no code values, the English one English units;
* every citation's text is the catalog's own words.
"""

from __future__ import annotations

import datetime as dt
import doctest
import itertools
import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest

import nmgpolicy
from nmgpolicy.errors import InputError
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import ferroalloy as rules
from tests.language import chinese_problems

ON = dt.date(2026, 3, 2)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "ferroalloy"
SEED = ROOT / "src" / "nmgpolicy" / "data" / "baotou_miit_catalog.tsv"
DATA = ROOT / "src" / "nmgpolicy" / "data" / "ferroalloy.toml"
DOCS = ROOT / "docs" / "rules" / "ferroalloy.md"
CODE = ROOT / "src" / "nmgpolicy" / "rules" / "ferroalloy.py"

OLD_SCOPE = {"elimination_plan_scope": "any_furnace"}
OLD_FIGURES = {"capacity_without_approved_figure": "both_required"}


def unit(uid: str = "1#炉", **changes: Any) -> dict[str, Any]:
    """A 矿热炉 of the 2022 plan, assessed 11万吨, approved 11万吨: it counts 11万吨."""
    base: dict[str, Any] = {
        "id": uid,
        "product": "硅铁",
        "assessed": "11万吨",
        "approved": "11万吨",
        "source": "elimination_plan",
        "plan_year": 2022,
        "in_region": True,
        "eliminated_category_2024": False,
        "furnace_type": "submerged_arc",
        "transformer": "25500kVA",
        "ferroalloy_smelting": True,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def plan(*units: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Single enterprise at 35万吨 (1.1:1), 10万吨 of new 硅铁: 11万吨 needed."""
    facts: dict[str, Any] = {
        "enterprise": {"kind": "single", "scale_after": "35万吨"},
        "new_capacity": [{"product": "硅铁", "capacity": "10万吨"}],
        "retired": list(units) if units else [unit()],
        "assessed_by_grade_a_consultant": True,
    }
    facts.update(changes)
    return {k: v for k, v in facts.items() if v is not None}


def evaluate(facts: Any, **parameters: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("ferroalloy", facts, on=ON, parameters=parameters or None)


def unit_status(decision: nmgpolicy.Decision, uid: str = "1#炉") -> str:
    return decision.finding(f"ferroalloy.unit.{uid}").status.value


# ---------------------------------------------------------------------------- 第四条: 矿热炉


@pytest.mark.parametrize(
    ("furnace", "literal", "old"),
    [
        ("submerged_arc", "met", "met"),
        ("semi_closed_dc", "not_met", "met"),  # 6300kVA: above the kVA exclusion
        ("other", "not_met", "met"),
        (None, "unknown", "met"),
    ],
)
def test_plan_route_counts_only_submerged_arc_furnaces(
    furnace: str | None, literal: str, old: str
) -> None:
    facts = plan(unit(furnace_type=furnace, transformer="6300kVA"))
    assert unit_status(evaluate(facts)) == literal
    assert unit_status(evaluate(facts, **OLD_SCOPE)) == old
    # The second route (compliant smelting projects) has no furnace-type restriction.
    project = plan(unit(furnace_type=furnace, transformer="6300kVA", source="compliant_project"))
    assert unit_status(evaluate(project)) == "met"


def test_the_literal_reading_is_the_default_and_cited() -> None:
    parameter = load_parameters("ferroalloy").parameters["elimination_plan_scope"]
    assert parameter.raw == ("submerged_arc_only",)
    assert parameter.type == "choice:submerged_arc_only|any_furnace"
    assert parameter.citation is not None
    assert "铁合金矿热炉产能" in parameter.citation.text


def test_a_non_submerged_arc_plan_unit_says_why_in_both_languages() -> None:
    d = evaluate(plan(unit(furnace_type="other", transformer="6300kVA")))
    message = d.finding("ferroalloy.unit.1#炉").message
    assert "炉型为其他炉型" in message.zh and "只有铁合金矿热炉产能" in message.zh
    assert "other furnace" in message.en and "only submerged-arc furnace" in message.en
    assert d.status.value == "ineligible"


def test_a_small_dc_furnace_of_a_plan_gives_both_reasons() -> None:
    d = evaluate(plan(unit(furnace_type="semi_closed_dc", transformer="3000kVA")))
    message = d.finding("ferroalloy.unit.1#炉").message
    assert "只有铁合金矿热炉产能" in message.zh and "3000kVA以下" in message.zh
    assert "3,000 kVA or less" in message.en


# ---------------------------------------------------------------------------- 第四条: plan year


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2020, "not_met"), (2021, "met"), (2022, "met"), (2023, "met"), (2024, "not_met")],
)
def test_plan_year_from_2021_to_2023_inclusive(year: int, expected: str) -> None:
    d = evaluate(plan(unit(plan_year=year)))
    assert unit_status(d) == expected
    assert d.status.value == ("eligible" if expected == "met" else "ineligible")
    if expected == "not_met":
        message = d.finding("ferroalloy.unit.1#炉").message
        assert f"列入{year}年淘汰落后和化解过剩产能实施方案" in message.zh
        assert "2021-2023年" in message.zh
        assert f"the {year} elimination plan" in message.en and "2021–2023" in message.en
        assert d.results["excluded_units"] == ["1#炉"]


def test_plan_year_is_checked_only_when_given() -> None:
    assert unit_status(evaluate(plan(unit(plan_year=None)))) == "met"


def test_plan_year_matters_only_on_the_plan_route() -> None:
    project = plan(unit(plan_year=2019, source="compliant_project"))
    assert unit_status(evaluate(project)) == "met"
    other = evaluate(plan(unit(plan_year=2019, source="other")))
    assert unit_status(other) == "not_met"
    assert "列入2019年" not in other.finding("ferroalloy.unit.1#炉").message.zh


def test_plan_year_and_furnace_type_are_both_reported() -> None:
    d = evaluate(plan(unit(plan_year=2024, furnace_type="other")))
    message = d.finding("ferroalloy.unit.1#炉").message.zh
    assert "列入2024年" in message and "炉型为其他炉型" in message


def test_plan_years_are_parameters_with_their_citation() -> None:
    data = load_parameters("ferroalloy")
    first = data.parameters["elimination_plan_first_year"]
    last = data.parameters["elimination_plan_last_year"]
    assert (first.raw, last.raw) == ((2021,), (2023,))
    for parameter in (first, last):
        assert parameter.citation is not None
        assert "2021-2023年淘汰落后和化解过剩产能实施方案" in parameter.citation.text
    # What-if: a later last year admits a 2024 plan; a span of one year reads "2022年".
    assert unit_status(evaluate(plan(unit(plan_year=2024)), elimination_plan_last_year=2024)) == (
        "met"
    )
    d = evaluate(
        plan(unit(plan_year=2021)),
        elimination_plan_first_year=2022,
        elimination_plan_last_year=2022,
    )
    assert unit_status(d) == "not_met"
    assert "第四条所指2022年实施方案" in d.finding("ferroalloy.unit.1#炉").message.zh


def test_plan_years_out_of_order_are_refused() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(), elimination_plan_first_year=2024)
    assert info.value.paths == ("$.parameters.elimination_plan_last_year",)
    with pytest.raises(InputError) as info:
        evaluate(plan(), elimination_plan_first_year="2021")
    assert info.value.paths == ("$.parameters.elimination_plan_first_year",)


@pytest.mark.parametrize("bad", [0, 999, 10_000, -2022, "2022", True, 2022.0])
def test_plan_year_must_be_a_year(bad: Any) -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(unit(plan_year=bad)))
    assert info.value.paths == ("$.retired[0].plan_year",)


# ---------------------------------------------------------------------------- 第五条: 取小


@pytest.mark.parametrize(
    ("assessed", "approved", "counted"),
    [
        ("12万吨", "11万吨", "11万吨"),
        ("11万吨", "12万吨", "11万吨"),
        ("11万吨", "11万吨", "11万吨"),
        ("11万吨", None, "11万吨"),
        ("109999吨", None, "10.9999万吨"),
    ],
)
def test_counted_capacity(assessed: str, approved: str | None, counted: str) -> None:
    d = evaluate(plan(unit(assessed=assessed, approved=approved)))
    assert unit_status(d) == "met"
    assert d.to_dict()["results"]["units"]["1#炉"] == counted
    sufficient = counted == "11万吨"
    assert d.status.value == ("eligible" if sufficient else "ineligible")


def test_no_approved_figure_says_the_assessed_capacity_stands() -> None:
    message = evaluate(plan(unit(approved=None))).finding("ferroalloy.unit.1#炉").message
    assert "未提供立项/批复等文件产能，按评估核定产能计11万吨" in message.zh
    assert "取小原则仅在两项产能均有且不一致时适用" in message.zh
    assert "110,000 tonnes" in message.en and "万吨" not in message.en


def test_capacity_without_approved_figure_is_a_cited_parameter() -> None:
    parameter = load_parameters("ferroalloy").parameters["capacity_without_approved_figure"]
    assert parameter.raw == ("assessed",)
    assert parameter.type == "choice:assessed|both_required"
    assert parameter.citation is not None and parameter.citation.article == "第五条"
    assert "取小原则" in parameter.citation.text
    assert parameter.citation.summary


def test_both_required_keeps_the_unit_unknown() -> None:
    d = evaluate(plan(unit(approved=None)), **OLD_FIGURES)
    assert unit_status(d) == "unknown"
    assert d.status.value == "undetermined"
    assert d.overrides == OLD_FIGURES
    assert "须两项产能均已知" in d.finding("ferroalloy.unit.1#炉").message.zh
    # …and, where the rest already suffices, it does not matter.
    d = evaluate(plan(unit("甲"), unit("乙", approved=None)), **OLD_FIGURES)
    assert d.status.value == "eligible"


def test_an_assessed_figure_is_always_needed() -> None:
    for figures in ({}, OLD_FIGURES):
        d = evaluate(plan(unit(assessed=None)), **figures)
        assert unit_status(d) == "unknown"
        assert "$.retired[0].assessed" in d.finding("ferroalloy.unit.1#炉").message.en
        assert "至多计11万吨" in d.finding("ferroalloy.unit.1#炉").message.zh
    d = evaluate(plan(unit(assessed=None, approved=None)))
    assert "未提供评估核定产能" in d.finding("ferroalloy.unit.1#炉").message.zh
    assert d.finding("ferroalloy.sufficient_retirement").status.value == "unknown"


def test_the_old_readings_give_the_old_outcome_of_the_example() -> None:
    facts = json.loads((EXAMPLES / "plan_route_literal.json").read_text(encoding="utf-8"))
    assert evaluate(facts).status.value == "ineligible"
    old = evaluate(facts, **OLD_SCOPE, **OLD_FIGURES, elimination_plan_last_year=2024)
    assert old.status.value == "undetermined"
    assert old.to_dict()["results"]["counted_retirement"] == "7万吨"


# ---------------------------------------------------------------------------- words


def _varied_plans() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Facts and parameters covering every enum value, every missing fact, every reason."""
    cases: list[tuple[dict[str, Any], dict[str, Any]]] = []
    kinds = get_args(rules.EnterpriseKind)
    for kind, scale in itertools.product(kinds, ("20万吨", "50万吨", "90万吨")):
        cases.append((plan(enterprise={"kind": kind, "scale_after": scale}), {}))
    for source, furnace, scope in itertools.product(
        (*get_args(rules.SourceKind), None),
        (*get_args(rules.FurnaceType), None),
        ("submerged_arc_only", "any_furnace"),
    ):
        units = [
            unit("甲", source=source, furnace_type=furnace, transformer="3000kVA"),
            unit("乙", source=source, furnace_type=furnace, transformer="6300kVA"),
        ]
        cases.append((plan(*units), {"elimination_plan_scope": scope}))
    for name in ("in_region", "eliminated_category_2024", "ferroalloy_smelting"):
        for value in (True, False, None):
            cases.append((plan(unit(**{name: value})), {}))
    for figures in ("assessed", "both_required"):
        for assessed, approved in itertools.product(("10万吨", None), ("12万吨", None)):
            units = [unit(assessed=assessed, approved=approved), unit("乙", in_region=None)]
            cases.append((plan(*units), {"capacity_without_approved_figure": figures}))
    cases += [
        (plan(unit(plan_year=2024)), {}),
        (plan(unit(plan_year=2020)), {"elimination_plan_first_year": 2021}),
        (plan(enterprise=None), {}),
        (plan(enterprise={"kind": "group"}), {}),
        (plan(enterprise={"scale_after": "35万吨"}), {}),
        (plan(new_capacity=None), {}),
        (plan(retired=None), {}),
        (plan(retired=[]), {}),
        (plan(new_capacity=[{"product": "硅铁"}]), {}),
        (plan(new_capacity=[{"capacity": "10万吨"}]), {}),
        (plan(unit(product=None)), {}),
        (plan(unit(assessed="5万吨"), unit("乙", assessed="7万吨", in_region=None)), {}),
        (plan(unit(product="硅锰")), {}),
        (plan(unit(product="硅锰"), ferrosilicon_equivalents={"硅锰": "0.9"}), {}),
        (plan(unit(product="硅锰"), unit("乙", product="高碳铬铁")), {}),
        (plan(assessed_by_grade_a_consultant=None), {}),
        (plan(assessed_by_grade_a_consultant=False), {}),
    ]
    return cases


def _example_decisions() -> list[tuple[str, nmgpolicy.Decision]]:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    out = []
    for case in index["cases"]:
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        on = dt.date.fromisoformat(case["on"])
        out.append((case["file"], nmgpolicy.evaluate("ferroalloy", facts, on=on)))
    return out


def test_examples_read_in_chinese_without_code_values() -> None:
    for name, decision in _example_decisions():
        assert chinese_problems(decision) == [], name


@pytest.mark.parametrize(("facts", "parameters"), _varied_plans())
def test_varied_facts_read_in_chinese_without_code_values(
    facts: dict[str, Any], parameters: dict[str, Any]
) -> None:
    decision = evaluate(facts, **parameters)
    assert chinese_problems(decision) == []


@pytest.mark.parametrize(("facts", "parameters"), _varied_plans())
def test_english_messages_use_english_units(
    facts: dict[str, Any], parameters: dict[str, Any]
) -> None:
    decision = evaluate(facts, **parameters)
    for finding in decision.findings:
        assert "万吨" not in finding.message.en, finding.id
        assert not re.search(r"\dkVA", finding.message.en), finding.id
    for line in decision.explain("en").splitlines():
        if "basis:" not in line:  # the quoted law stays in Chinese
            assert "万吨" not in line, line


def test_english_units_in_the_messages() -> None:
    d = evaluate(plan(unit(), unit("乙", furnace_type="semi_closed_dc", transformer="3000kVA")))
    assert "350,000 tonnes" in d.finding("ferroalloy.ratio_tier").message.en
    assert "from 300,000 tonnes (inclusive) to below 500,000 tonnes" in (
        d.finding("ferroalloy.ratio_tier").message.en
    )
    assert "3,000 kVA or less (transformer 3,000 kVA)" in d.finding("ferroalloy.unit.乙").message.en
    assert "110,000 tonnes" in d.finding("ferroalloy.sufficient_retirement").message.en
    assert "35万吨" in d.finding("ferroalloy.ratio_tier").message.zh
    assert "3000kVA以下" in d.finding("ferroalloy.unit.乙").message.zh
    assert rules.tier("group", "80万吨").band.en == "800,000 tonnes or more"
    assert rules.tier("single", "1万吨").band.en == "below 300,000 tonnes"


def test_every_code_value_has_a_label_in_both_languages() -> None:
    data = load_parameters("ferroalloy")
    codes = {
        *get_args(rules.EnterpriseKind),
        *get_args(rules.SourceKind),
        *get_args(rules.FurnaceType),
        *(band["id"] for bands in data.extra["tiers"].values() for band in bands),
    }
    for parameter in data.parameters.values():
        if parameter.type.startswith("choice:"):
            codes |= set(parameter.type.partition(":")[2].split("|"))
    for code in sorted(codes):
        label = data.labels.get(code)
        assert label is not None, code
        assert label.zh and not label.zh.isascii(), code
        assert label.en and label.en.isascii(), code


def test_every_fact_a_message_may_name_has_a_chinese_name() -> None:
    names = load_parameters("ferroalloy").extra["fact_names"]
    unit_facts = set(rules.RetiredUnit.__annotations__) - {"id", "plan_year"}
    assert unit_facts <= set(names)
    for name in names.values():
        assert not name["zh"].isascii() and name["en"].isascii()


# ---------------------------------------------------------------------------- quoted law


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_citation_is_the_catalogs_own_words() -> None:
    seed = _normal(SEED.read_text(encoding="utf-8"))
    data = load_parameters("ferroalloy")
    citations = [p.citation for p in data.parameters.values()]
    citations += [c.citation for c in data.criteria.values()]
    for citation in citations:
        assert citation is not None and citation.text
        assert "……" not in citation.text
        assert _normal(citation.text) in seed, citation.text
        # The catalog's half-width punctuation is kept, never "fixed".
        assert "，" not in citation.text and "（" not in citation.text


def test_no_pointer_outside_the_repository() -> None:
    for path in (DATA, DOCS, CODE):
        text = path.read_text(encoding="utf-8")
        for pointer in ("shared/", "legal_background", "DESIGN.md", "reference/"):
            assert pointer not in text, (path.name, pointer)
    assert "no official conversion coefficients" in DOCS.read_text(encoding="utf-8")


def test_the_docs_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(DOCS),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.attempted >= 10
    assert result.failed == 0
