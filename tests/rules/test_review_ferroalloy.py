"""Review of the ferroalloy rule set against its issue, the design and the guide (第三条–第五条)."""

from __future__ import annotations

import datetime as dt
import inspect
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import ferroalloy
from nmgpolicy.errors import InputError
from nmgpolicy.params import load_parameters
from tests._builders import ferroalloy_unit

ON = dt.date(2026, 3, 2)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules" / "ferroalloy.md"


def unit(uid: str = "1#", **changes: Any) -> dict[str, Any]:
    """A countable 硅铁 unit: assessed 10万吨, approved 12万吨 (counts 10)."""
    return ferroalloy_unit(uid, **changes)


def plan(*units: dict[str, Any], kind: str = "single", scale: str = "35万吨", **changes: Any):
    """10万吨 of new 硅铁; at single 35万吨 (1.1:1) it needs 11万吨."""
    facts: dict[str, Any] = {
        "enterprise": {"kind": kind, "scale_after": scale},
        "new_capacity": [{"product": "硅铁", "capacity": "10万吨"}],
        "retired": list(units),
        "assessed_by_grade_a_consultant": True,
    }
    facts.update(changes)
    return {k: v for k, v in facts.items() if v is not None}


def evaluate(facts: dict[str, Any], **kwargs: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("ferroalloy", facts, on=ON, **kwargs)


def st(d: nmgpolicy.Decision, fid: str) -> str:
    return d.finding(fid).status.value


# ---------------------------------------------------------------------------- 第三条 tiers

TIERS = [
    ("single", "29.99万吨", "1.25", "small"),
    ("single", "30万吨", "1.1", "medium"),
    ("single", "49.99万吨", "1.1", "medium"),
    ("single", "50万吨", "1", "large"),
    ("single", "79.99万吨", "1", "large"),
    ("single", "80万吨", "1", "large"),
    ("group", "29.99万吨", "1.25", "small"),
    ("group", "30万吨", "1.25", "small"),
    ("group", "49.99万吨", "1.25", "small"),
    ("group", "50万吨", "1.1", "medium"),
    ("group", "79.99万吨", "1.1", "medium"),
    ("group", "80万吨", "1", "large"),
]


@pytest.mark.parametrize(("kind", "scale", "ratio", "tier_id"), TIERS)
def test_tier_edges_helper_and_decision_agree(
    kind: str, scale: str, ratio: str, tier_id: str
) -> None:
    assert ferroalloy.ratio(kind, scale) == Decimal(ratio)
    assert str(ferroalloy.ratio(kind, scale)) == ratio
    assert ferroalloy.tier(kind, scale).id == tier_id
    d = evaluate(plan(unit(assessed="20万吨", approved="20万吨"), kind=kind, scale=scale))
    finding = d.finding("ferroalloy.ratio_tier")
    assert finding.status.value == "met"
    assert f"{ratio}:1" in finding.message.zh
    out = d.to_dict()
    assert out["results"]["ratio"] == ratio
    f = next(x for x in out["findings"] if x["id"] == "ferroalloy.ratio_tier")
    assert f["required"] == ratio
    assert f["measured"] == scale
    required = Decimal(ratio) * 10
    assert out["results"]["required_retirement"] == f"{required.normalize():f}万吨"


def test_scale_in_tonnes_at_the_edges() -> None:
    assert ferroalloy.ratio("single", "299999.99吨") == Decimal("1.25")
    assert ferroalloy.ratio("single", "300000吨") == Decimal("1.1")
    assert ferroalloy.ratio("group", "799999.99吨") == Decimal("1.1")
    assert ferroalloy.ratio("group", "800000吨") == Decimal("1")


def test_helper_signatures() -> None:
    assert list(inspect.signature(ferroalloy.ratio).parameters)[:2] == ["kind", "scale_after"]
    assert list(inspect.signature(ferroalloy.required_retirement).parameters)[:3] == [
        "kind",
        "scale_after",
        "new_capacity",
    ]
    assert ferroalloy.ratio(kind="group", scale_after="50万吨") == Decimal("1.1")
    got = ferroalloy.required_retirement(
        kind="group", scale_after="49.99万吨", new_capacity="16万吨"
    )
    assert got == Decimal(200_000)  # tonnes: 1.25 × 16万吨 = 20万吨


# ---------------------------------------------------------------------------- 第四条 units


@pytest.mark.parametrize(
    ("transformer", "expected"),
    [
        ("2999.9999kVA", "not_met"),
        ("3000kVA", "not_met"),
        ("0.3万千伏安", "not_met"),
        ("3000.0001kVA", "met"),
        ("3001kVA", "met"),
    ],
)
def test_dc_furnace_edge(transformer: str, expected: str) -> None:
    dc = unit(
        "DC", furnace_type="semi_closed_dc", transformer=transformer, source="compliant_project"
    )
    d = evaluate(plan(unit(assessed="11万吨"), dc))
    assert st(d, "ferroalloy.unit.DC") == expected
    assert d.finding("ferroalloy.unit.DC").binding is False
    assert d.status.value == "eligible"  # excluded or not, the rest suffices
    assert d.to_dict()["results"]["units"]["DC"] == ("0万吨" if expected == "not_met" else "10万吨")


def test_small_transformer_matters_only_for_the_dc_furnace() -> None:
    for furnace in ("submerged_arc", "other"):
        small = unit(furnace_type=furnace, transformer="1000kVA", assessed="11万吨")
        d = evaluate(plan(dict(small, source="compliant_project")))
        assert st(d, "ferroalloy.unit.1#") == "met"


@pytest.mark.parametrize("bad", ["3000kW", "3000千瓦", "3MW", "3000", 3000])
def test_transformer_not_in_kva_is_refused(bad: Any) -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(unit(furnace_type="semi_closed_dc", transformer=bad)))
    assert info.value.paths == ("$.retired[0].transformer",)


@pytest.mark.parametrize(
    "change",
    [
        {"source": "other"},
        {"in_region": False},
        {"eliminated_category_2024": True},
        {"ferroalloy_smelting": False},
    ],
)
def test_an_excluded_unit_counts_zero_without_deciding(change: dict[str, Any]) -> None:
    d = evaluate(plan(unit("ok", assessed="11万吨"), unit("X", **change)))
    assert st(d, "ferroalloy.unit.X") == "not_met"
    assert d.status.value == "eligible"
    assert d.results["excluded_units"] == ["X"]
    assert d.to_dict()["results"]["units"]["X"] == "0万吨"
    short = evaluate(plan(unit("X", assessed="11万吨", **change)))
    assert short.status.value == "ineligible"  # alone, nothing counts
    assert st(short, "ferroalloy.sufficient_retirement") == "not_met"


def test_compliant_project_source_counts() -> None:
    d = evaluate(plan(unit(source="compliant_project", assessed="11万吨")))
    assert d.status.value == "eligible"


# ---------------------------------------------------------------------------- 第五条 取小


@pytest.mark.parametrize(
    ("assessed", "approved", "counted"),
    [
        ("10万吨", "12万吨", "10万吨"),
        ("12万吨", "10万吨", "10万吨"),
        ("10万吨", "10万吨", "10万吨"),
    ],
)
def test_take_the_smaller_both_directions(assessed: str, approved: str, counted: str) -> None:
    d = evaluate(plan(unit(assessed=assessed, approved=approved)))
    assert d.to_dict()["results"]["units"]["1#"] == counted
    assert d.to_dict()["results"]["counted_retirement"] == counted
    assert st(d, "ferroalloy.sufficient_retirement") == "not_met"  # 10 < 11


def test_a_missing_assessed_figure_makes_the_unit_unknown() -> None:
    d = evaluate(plan(unit(assessed=None, approved="11万吨")))
    assert st(d, "ferroalloy.unit.1#") == "unknown"
    assert "$.retired[0].assessed" in d.finding("ferroalloy.unit.1#").message.en
    assert d.results["units"]["1#"] is None
    assert d.results["undetermined_units"] == ["1#"]
    assert st(d, "ferroalloy.sufficient_retirement") == "unknown"
    assert d.status.value == "undetermined"


@pytest.mark.parametrize(
    ("reading", "unit_status", "decision"),
    [
        (None, "met", "eligible"),
        ("assessed", "met", "eligible"),
        ("both_required", "unknown", "undetermined"),
    ],
)
def test_a_missing_approved_figure(reading: str | None, unit_status: str, decision: str) -> None:
    # 第五条 取小 needs two figures that disagree: without an approved one, the assessed stands.
    parameters = {"capacity_without_approved_figure": reading} if reading else None
    d = evaluate(plan(unit(approved=None, assessed="11万吨")), parameters=parameters)
    assert st(d, "ferroalloy.unit.1#") == unit_status
    assert d.status.value == decision
    if unit_status == "met":
        assert d.to_dict()["results"]["units"]["1#"] == "11万吨"


def test_a_missing_figure_does_not_matter_when_the_rest_suffices() -> None:
    d = evaluate(plan(unit("A", assessed="11万吨"), unit("B", assessed=None)))
    assert st(d, "ferroalloy.unit.B") == "unknown"
    assert st(d, "ferroalloy.sufficient_retirement") == "met"
    assert d.status.value == "eligible"


# ---------------------------------------------------------------------------- assessment


@pytest.mark.parametrize(
    ("value", "finding", "decision"),
    [
        (True, "met", "eligible"),
        (False, "not_met", "ineligible"),
        (None, "unknown", "undetermined"),
    ],
)
def test_grade_a_assessment_is_hard(value: bool | None, finding: str, decision: str) -> None:
    d = evaluate(plan(unit(assessed="11万吨"), assessed_by_grade_a_consultant=value))
    assert st(d, "ferroalloy.assessment") == finding
    assert d.finding("ferroalloy.assessment").binding is True
    assert d.status.value == decision


# ---------------------------------------------------------------------------- sufficiency


def test_exactly_sufficient_and_one_tonne_short() -> None:
    d = evaluate(plan(unit(assessed="11万吨", approved="11万吨")))
    assert st(d, "ferroalloy.sufficient_retirement") == "met"
    r = d.to_dict()["results"]
    assert (r["required_retirement"], r["counted_retirement"], r["surplus"]) == (
        "11万吨",
        "11万吨",
        "0万吨",
    )
    d = evaluate(plan(unit(assessed="109999吨", approved="11万吨")))
    assert st(d, "ferroalloy.sufficient_retirement") == "not_met"
    assert d.to_dict()["results"]["surplus"] == "-0.0001万吨"
    assert d.to_dict()["findings"][-1]["gap"] == "-0.0001万吨"


def test_group_edge_plan_short_by_the_ratio() -> None:
    # Group at 49.99万吨: 1.25, 16万吨 new needs 20万吨; 19 counted → 1万吨 short.
    facts = plan(
        unit("A", assessed="9万吨", approved="9万吨"),
        unit("B", assessed="12万吨", approved="10万吨"),
        kind="group",
        scale="49.99万吨",
        new_capacity=[{"product": "硅铁", "capacity": "16万吨"}],
    )
    r = evaluate(facts).to_dict()["results"]
    assert (r["ratio"], r["required_retirement"], r["surplus"]) == ("1.25", "20万吨", "-1万吨")
    facts["enterprise"]["scale_after"] = "50万吨"  # 1.1: needs 17.6万吨
    r = evaluate(facts).to_dict()["results"]
    assert (r["ratio"], r["required_retirement"], r["surplus"]) == ("1.1", "17.6万吨", "1.4万吨")


# ---------------------------------------------------------------------------- conversion


def cross(**factors: str) -> dict[str, Any]:
    return plan(
        unit("M1", product="硅锰", assessed="10万吨", approved="10万吨"),
        kind="group",
        scale="80万吨",
        ferrosilicon_equivalents=factors or None,
    )


def test_cross_variety_without_a_factor_is_unknown_and_says_the_law_gives_none() -> None:
    d = evaluate(cross())
    f = d.finding("ferroalloy.conversion")
    assert f.status.value == "unknown"
    assert f.binding is True
    assert "硅锰" in f.message.zh and "硅锰" in f.message.en
    assert "未规定换算系数" in f.message.zh
    assert "gives no conversion coefficients" in f.message.en
    assert st(d, "ferroalloy.sufficient_retirement") == "unknown"
    assert d.status.value == "undetermined"


def test_cross_variety_with_factors_exactly_sufficient() -> None:
    d = evaluate(cross(硅锰="1"))  # 10万吨 硅锰 = 10万吨 硅铁 = required at 1:1
    assert st(d, "ferroalloy.conversion") == "met"
    assert "未规定换算系数" in d.finding("ferroalloy.conversion").message.zh
    r = d.to_dict()["results"]
    assert r["ferrosilicon_equivalent"] is True
    assert (r["counted_retirement"], r["surplus"]) == ("10万吨", "0万吨")
    d = evaluate(cross(硅锰="0.9999"))
    assert st(d, "ferroalloy.sufficient_retirement") == "not_met"
    assert d.to_dict()["results"]["counted_retirement"] == "9.999万吨"


def test_same_variety_needs_no_factor_even_with_an_excluded_other_product() -> None:
    d = evaluate(plan(unit(assessed="11万吨"), unit("X", product="硅锰", in_region=False)))
    assert st(d, "ferroalloy.conversion") == "not_applicable"
    assert d.status.value == "eligible"


def test_library_ships_no_conversion_factors() -> None:
    data = load_parameters("ferroalloy")
    assert set(data.extra["conversion"]) == {"base_product", "base_aliases"}
    assert not any("equivalent" in name or "factor" in name for name in data.parameters)
    text = DOCS.read_text(encoding="utf-8")
    assert "ships none" in text


# ---------------------------------------------------------------------------- misc contract


def test_unknown_key_refused_at_its_path() -> None:
    facts = plan(unit(transfomer="3000kVA"))
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert "$.retired[0].transfomer" in info.value.paths


def test_capacity_without_unit_refused() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(unit(assessed="10")))
    assert info.value.paths == ("$.retired[0].assessed",)


def test_to_dict_is_json() -> None:
    d = evaluate(plan(unit(assessed="11万吨")))
    json.dumps(d.to_dict(), ensure_ascii=False)
    assert d.to_dict()["status"] == "eligible"


def test_plan_notice_within_twenty_working_days() -> None:
    assert ferroalloy.plan_notice_due(dt.date(2025, 3, 1)) == dt.date(2025, 3, 28)
    due = nmgpolicy.disclosure.deadline("ferroalloy-replacement", dt.date(2025, 3, 1)).due
    assert due == dt.date(2025, 3, 28)
    # The catalog's own 一年内, under the earlier reading of 第二十六条 as a fallback.
    fallback = {"article_26_role": "fallback"}
    assert ferroalloy.plan_notice_due(dt.date(2025, 3, 1), parameters=fallback) == dt.date(
        2026, 3, 2
    )  # Sunday roll
    assert ferroalloy.plan_notice_due(dt.date(2024, 2, 29), parameters=fallback) == dt.date(
        2025, 2, 28
    )  # 第202条
