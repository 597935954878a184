"""Ferroalloy outcomes the mutation run checks first (``python -m mutation ferroalloy``).

Each test pins what the guide decides on both sides of a boundary (第三条 the ratio bands,
第四条 the countable units, 第五条 取小 and sufficiency), so that a mutant of the ferroalloy
modules, of ``criteria_tiers`` or of ``criteria_lists`` fails here within a second.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.rules import ferroalloy as rules
from tests._builders import ferroalloy_unit

ON = dt.date(2026, 3, 2)


def unit(uid: str = "1#炉", **changes: Any) -> dict[str, Any]:
    """A 矿热炉 of the 2022 plan, assessed 11万吨, approved 11万吨: it counts 11万吨."""
    return ferroalloy_unit(
        uid, **{"assessed": "11万吨", "approved": "11万吨", "plan_year": 2022, **changes}
    )


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


@pytest.mark.parametrize(
    ("assessed", "status"), [("11万吨", "eligible"), ("10.99万吨", "ineligible")]
)
def test_sufficiency_equal_is_enough(assessed: str, status: str) -> None:
    d = evaluate(plan(unit(assessed=assessed, approved=assessed)))
    assert d.status.value == status


@pytest.mark.parametrize(
    ("kind", "scale", "expected"),
    [
        ("single", "29.99万吨", "1.25"),
        ("single", "30万吨", "1.1"),
        ("single", "49.99万吨", "1.1"),
        ("single", "50万吨", "1"),
        ("group", "49.99万吨", "1.25"),
        ("group", "50万吨", "1.1"),
        ("group", "79.99万吨", "1.1"),
        ("group", "80万吨", "1"),
    ],
)
def test_ratio_bands_on_both_sides_of_each_edge(kind: str, scale: str, expected: str) -> None:
    assert str(rules.ratio(kind, scale)) == expected


def test_a_choice_read_from_json_takes_the_same_reading() -> None:
    # Parameters often come from JSON or a form: an equal string, not the same object.
    old = json.loads('{"capacity_without_approved_figure": "both_required"}')
    d = evaluate(plan(unit(approved=None)), **old)
    finding = d.finding("ferroalloy.unit.1#炉")
    assert finding.status.value == "unknown"
    assert "按所选读法须两项产能均已知" in finding.message.zh
    assert d.status.value != "eligible"


# ---------------------------------------------------------------------------- the facts' checks


def problems(facts: Any) -> dict[str, str]:
    """The input problems of ``facts`` by path ({} when the facts are accepted)."""
    try:
        evaluate(facts)
    except nmgpolicy.InputError as error:
        return {p.path: p.message for p in error.problems}
    return {}


@pytest.mark.parametrize(
    ("year", "refused"), [(999, True), (1000, False), (9999, False), (10000, True)]
)
def test_a_plan_year_must_be_a_four_digit_year(year: int, refused: bool) -> None:
    found = problems(plan(unit(plan_year=year)))
    assert ("$.retired[0].plan_year" in found) is refused
    assert len(found) == int(refused)


@pytest.mark.parametrize(
    ("factor", "refused"),
    [
        ("0", True),
        ("-0.8", True),
        ("0.000000000000999", True),  # adjusted exponent -13
        ("0.000000000001", False),  # 1e-12, the smallest accepted
        ("9999999", False),  # adjusted exponent 6
        ("10000000", True),  # 1e7
        ("0.8", False),
    ],
)
def test_factor_bounds_on_both_sides(factor: str, refused: bool) -> None:
    found = problems(plan(ferrosilicon_equivalents={"硅锰": factor}))
    assert ("$.ferrosilicon_equivalents.硅锰" in found) is refused
    assert len(found) == int(refused)


def test_every_bad_factor_is_reported_at_its_path() -> None:
    factors = {" ": "1", "": "1", "硅锰": "0", "硅铬": "-1", "硅铁": "2", "硅铁合金": "1"}
    found = problems(plan(ferrosilicon_equivalents=factors))
    assert set(found) == {
        "$.ferrosilicon_equivalents. ",
        "$.ferrosilicon_equivalents.",
        "$.ferrosilicon_equivalents.硅锰",
        "$.ferrosilicon_equivalents.硅铬",
        "$.ferrosilicon_equivalents.硅铁",
        "$.ferrosilicon_equivalents.硅铁合金",  # 硅铁合金 is 硅铁, given twice
    }
    assert "its factor is 1, got 2" in found["$.ferrosilicon_equivalents.硅铁"]
    assert "the same product as" in found["$.ferrosilicon_equivalents.硅铁合金"]


@pytest.mark.parametrize("base", ["硅铁", "硅铁合金", " 硅铁 "])
def test_the_base_product_takes_factor_one_only(base: str) -> None:
    assert problems(plan(ferrosilicon_equivalents={base: "1"})) == {}
    assert set(problems(plan(ferrosilicon_equivalents={base: "1.1"}))) == {
        f"$.ferrosilicon_equivalents.{base}"
    }


def test_every_bad_unit_id_and_line_is_reported() -> None:
    facts = plan(unit("A"), unit(" A "), unit(" "), unit("B"), unit("B"))
    found = problems(facts)
    assert set(found) == {"$.retired[1].id", "$.retired[2].id", "$.retired[4].id"}
    assert "$.retired[0].id" in found["$.retired[1].id"]
    assert "$.retired[3].id" in found["$.retired[4].id"]
    assert set(problems(plan(new_capacity=[]))) == {"$.new_capacity"}
    assert problems(plan(new_capacity=[{"product": "硅铁", "capacity": "10万吨"}])) == {}


# ---------------------------------------------------------------------------- 第三条 overridden


@pytest.mark.parametrize(
    ("scale", "expected"), [("39.99万吨", "1.25"), ("40万吨", "1.1"), ("50万吨", "1")]
)
def test_an_overridden_edge_stays_half_open(scale: str, expected: str) -> None:
    moved = {"single_scale_lower": "40万吨"}
    assert str(rules.ratio("single", scale, parameters=moved)) == expected
    d = evaluate(plan(enterprise={"kind": "single", "scale_after": scale}), **moved)
    assert str(d.results["ratio"]) == expected


@pytest.mark.parametrize(
    ("upper", "refused"), [("30万吨", True), ("29万吨", True), ("30.01万吨", False)]
)
def test_an_override_must_keep_the_bands_increasing(upper: str, refused: bool) -> None:
    found: tuple[str, ...] | None = None
    try:
        evaluate(plan(), single_scale_upper=upper)
    except nmgpolicy.InputError as error:
        found = error.paths
    assert (found == ("$.parameters.single_scale_upper",)) is refused
    assert (found is None) is not refused


# ---------------------------------------------------------------------------- sufficiency


@pytest.mark.parametrize(
    ("pending", "status"),
    [
        ({"assessed": "1万吨", "approved": "1万吨"}, "unknown"),  # could make up exactly 1万吨
        ({"assessed": "0.99万吨", "approved": "0.99万吨"}, "not_met"),  # could not
        ({"assessed": "5万吨", "approved": "0.99万吨"}, "not_met"),  # 取小: at most 0.99万吨
        ({"assessed": None, "approved": None}, "unknown"),  # unbounded
    ],
)
def test_undetermined_units_that_could_make_up_the_shortfall(
    pending: dict[str, Any], status: str
) -> None:
    counted = unit("A", assessed="10万吨", approved="10万吨")  # 1万吨 short of 11万吨
    open_unit = unit("B", in_region=None, **pending)
    d = evaluate(plan(counted, open_unit))
    assert d.finding("ferroalloy.sufficient_retirement").status.value == status
    assert d.results["undetermined_units"] == ["B"]
    assert d.results["counted_retirement"].value == 100_000
    assert d.status.value == ("undetermined" if status == "unknown" else "ineligible")


def test_the_tier_lookup_declares_the_facts_it_reads() -> None:
    # Derived paths (columnar, law coverage) follow the declared reads of each measure.
    from nmgpolicy.definition import Fact

    reads = rules.RATIO_TIER.chosen.reads
    assert reads[:2] == (Fact("enterprise.kind"), Fact("enterprise.scale_after"))
    assert reads[2] is rules.RATIO_TIER.table_in_force


def test_the_public_helpers_live_in_the_rule_module() -> None:
    # Pickles and reprs name the public module, whatever private module holds the code.
    import pickle

    helpers = (rules.tiers, rules.tier, rules.ratio, rules.required_retirement)
    for function in (*helpers, rules.plan_notice_due):
        assert function.__module__ == "nmgpolicy.rules.ferroalloy"
        assert b"nmgpolicy.rules.ferroalloy" in pickle.dumps(function)
    assert rules.Tier.__module__ == "nmgpolicy.rules.ferroalloy"
    assert b"nmgpolicy.rules.ferroalloy" in pickle.dumps(rules.tier("single", "35万吨"))
