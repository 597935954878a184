"""The ferroalloy rule set: 《包头市铁合金行业产能置换工作指南》第三条至第五条."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import ferroalloy
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Amount
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import ferroalloy as rules
from nmgpolicy.units import Kind, ureg
from tests._builders import ferroalloy_unit

D = dt.date
ON = D(2026, 3, 2)
T = Decimal  # tonnes


def W(tonnes: Decimal | int) -> str:
    """An amount of tonnes as the helpers take it: with its unit (a bare number is refused)."""
    return f"{tonnes}吨"


WAN = Decimal(10_000)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ferroalloy"
# The bundled catalog is a byte-exact copy of the seed (tests/test_catalog.py checks it).
SEED = (
    Path(__file__).resolve().parents[2] / "src" / "nmgpolicy" / "data" / "baotou_miit_catalog.tsv"
)


def unit(uid: str = "1#", **changes: Any) -> dict[str, Any]:
    """A retired unit that counts, 10万吨 (assessed 10, approved 12)."""
    return ferroalloy_unit(uid, **changes)


def plan(*units: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Single enterprise at 35万吨 (1.1:1), 10万吨 of new 硅铁: 11万吨 needed."""
    facts: dict[str, Any] = {
        "enterprise": {"kind": "single", "scale_after": "35万吨"},
        "new_capacity": [{"product": "硅铁", "capacity": "10万吨"}],
        "retired": list(units) if units else [unit(assessed="11万吨", approved="11万吨")],
        "assessed_by_grade_a_consultant": True,
    }
    facts.update(changes)
    return {k: v for k, v in facts.items() if v is not None}


def evaluate(facts: Any, **kwargs: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("ferroalloy", facts, on=ON, **kwargs)


def status(decision: nmgpolicy.Decision, finding_id: str) -> str:
    return decision.finding(finding_id).status.value


# --------------------------------------------------------------------------------------------
# 第三条: the ratio tiers
# --------------------------------------------------------------------------------------------

EDGES = [
    ("single", "0万吨", "1.25"),
    ("single", "29.99万吨", "1.25"),
    ("single", "30万吨", "1.1"),
    ("single", "49.99万吨", "1.1"),
    ("single", "50万吨", "1"),
    ("single", "79.99万吨", "1"),
    ("single", "80万吨", "1"),
    ("group", "29.99万吨", "1.25"),
    ("group", "30万吨", "1.25"),
    ("group", "49.99万吨", "1.25"),
    ("group", "50万吨", "1.1"),
    ("group", "79.99万吨", "1.1"),
    ("group", "80万吨", "1"),
    ("group", "500万吨", "1"),
]


@pytest.mark.parametrize(("kind", "scale", "expected"), EDGES)
def test_ratio_at_every_edge(kind: str, scale: str, expected: str) -> None:
    assert ferroalloy.ratio(kind, scale) == Decimal(expected)
    d = evaluate(plan(enterprise={"kind": kind, "scale_after": scale}))
    assert status(d, "ferroalloy.ratio_tier") == "met"
    assert d.results["ratio"] == Decimal(expected)
    assert d.to_dict()["results"]["ratio"] == expected
    assert f"{expected}:1" in d.finding("ferroalloy.ratio_tier").message.zh


def test_one_tonne_below_the_edge() -> None:
    assert ferroalloy.ratio("single", W(299_999)) == Decimal("1.25")
    assert ferroalloy.ratio("single", W(300_000)) == Decimal("1.1")
    assert ferroalloy.ratio("group", W(799_999)) == Decimal("1.1")
    assert ferroalloy.ratio("group", W(800_000)) == Decimal("1")
    with pytest.raises(InputError) as info:
        ferroalloy.ratio("single", 35)  # 35 吨 or 35万吨? a unit is required
    assert info.value.paths == ("$.scale_after",)


def test_tier_names_band_and_mode() -> None:
    t = ferroalloy.tier("single", "35万吨")
    assert (t.id, t.kind, t.ratio_text) == ("medium", "single", "1.1:1")
    assert t.band.zh == "30万吨（含）至50万吨（不含）"
    assert t.mode.zh == "减量置换"
    assert ferroalloy.tier("group", "10万吨").band.zh == "不满50万吨"
    large = ferroalloy.tier("group", "80万吨")
    assert large.band.zh == "80万吨（含）以上"
    assert large.mode.zh == "等量置换"
    assert large.to_dict()["ratio"] == "1"
    assert large.to_dict()["upper"] is None
    assert [t.id for t in ferroalloy.tiers("group")] == ["small", "medium", "large"]
    assert len(ferroalloy.tiers()) == 6


def test_ratio_accepts_quantities_and_decimal_tonnes() -> None:
    assert ferroalloy.ratio("single", ureg.Quantity(Decimal(35), "万吨")) == Decimal("1.1")
    assert ferroalloy.ratio("single", "350000吨") == Decimal("1.1")
    assert ferroalloy.ratio("single", "３５万吨") == Decimal("1.1")


def test_required_retirement_helper() -> None:
    assert ferroalloy.required_retirement("single", "35万吨", "20万吨") == T(220_000)
    assert ferroalloy.required_retirement("group", "60万吨", W(100_000)) == T(110_000)
    assert str(ferroalloy.required_retirement("single", "35万吨", "20万吨")) == "220000"
    lines = [{"product": "硅铁", "capacity": "12万吨"}, {"product": "硅铁", "capacity": "8万吨"}]
    assert ferroalloy.required_retirement("single", "35万吨", lines) == T(220_000)
    assert ferroalloy.required_retirement("group", "10万吨", "8万吨") == T(100_000)
    assert ferroalloy.required_retirement("single", "50万吨", "0.0001万吨") == T(1)


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (("firm", "35万吨"), "$.kind"),
        ((None, "35万吨"), "$.kind"),
        (("single", "35"), "$.scale_after"),
        (("single", 35.0), "$.scale_after"),
        (("single", True), "$.scale_after"),
        (("single", "35万千瓦"), "$.scale_after"),
        (("single", T(-1)), "$.scale_after"),
        (("single", T("NaN")), "$.scale_after"),
        (("single", 10**30), "$.scale_after"),
        (("single", 10**5000), "$.scale_after"),
        (("single", "abc"), "$.scale_after"),
        (("single", None), "$.scale_after"),
    ],
)
def test_helpers_refuse_junk(args: tuple[Any, Any], path: str) -> None:
    with pytest.raises(InputError) as info:
        ferroalloy.ratio(*args)
    assert info.value.paths == (path,)


def test_required_retirement_refuses_junk_new_capacity() -> None:
    for junk in ("20", 20.5, "-20万吨", "20kVA", None, []):
        with pytest.raises(InputError) as info:
            ferroalloy.required_retirement("single", "35万吨", junk)
        assert info.value.paths == ("$.new_capacity",)
    with pytest.raises(InputError) as info:
        ferroalloy.required_retirement("single", "35万吨", [1])
    assert info.value.paths == ("$.new_capacity[0]",)
    mixed = [{"product": "硅铁", "capacity": "1万吨"}, {"product": "硅锰", "capacity": "1万吨"}]
    for lines in (mixed, [{"product": "硅铁"}], [{"capacity": "1万吨"}]):
        with pytest.raises(InputError) as info:
            ferroalloy.required_retirement("single", "35万吨", lines)
        assert "evaluate the plan" in info.value.problems[0].message


def test_a_large_furnace_of_unknown_type_still_counts_on_the_project_route() -> None:
    project = unit(furnace_type=None, transformer="25500kVA", source="compliant_project")
    assert evaluate(plan(project)).finding("ferroalloy.unit.1#").status.value == "met"
    # On the plan route the furnace type decides (only 矿热炉 capacity of the plans counts).
    d = evaluate(plan(unit(furnace_type=None, transformer="25500kVA")))
    assert d.finding("ferroalloy.unit.1#").status.value == "unknown"
    d = evaluate(
        plan(unit(furnace_type=None, transformer="25500kVA")),
        parameters={"elimination_plan_scope": "any_furnace"},
    )
    assert d.finding("ferroalloy.unit.1#").status.value == "met"


def test_helpers_on_and_overrides() -> None:
    assert ferroalloy.ratio("single", "35万吨", on=D(2025, 1, 1)) == Decimal("1.1")
    with pytest.raises(InputError) as info:
        ferroalloy.ratio("single", "35万吨", on="2025-01-01")  # type: ignore[arg-type]
    assert info.value.paths == ("$.on",)
    what_if = {"single_scale_lower": "40万吨"}
    assert ferroalloy.ratio("single", "35万吨", parameters=what_if) == Decimal("1.25")
    with pytest.raises(InputError) as info:
        ferroalloy.tiers("firm")
    assert info.value.paths == ("$.kind",)


def test_overrides_that_break_the_bands_are_refused() -> None:
    with pytest.raises(InputError) as info:
        ferroalloy.ratio("single", "35万吨", parameters={"single_scale_lower": "50万吨"})
    assert info.value.paths == ("$.parameters.single_scale_upper",)
    with pytest.raises(InputError) as info:
        evaluate(plan(), parameters={"ratio_medium": "1.1", "group_scale_upper": "40万吨"})
    assert set(info.value.paths) == {"$.parameters.group_scale_upper"}
    with pytest.raises(InputError) as info:  # a ratio is in (0, 10], the range in the data file
        evaluate(plan(), parameters={"ratio_medium": "0", "group_scale_upper": "40万吨"})
    assert set(info.value.paths) == {"$.parameters.ratio_medium"}


def test_override_is_recorded_in_the_decision() -> None:
    d = evaluate(plan(), parameters={"ratio_medium": "1.2"})
    assert d.results["ratio"] == Decimal("1.2")
    assert d.overrides == {"ratio_medium": Decimal("1.2")}
    assert status(d, "ferroalloy.sufficient_retirement") == "not_met"  # 11 < 12


scales = st.integers(min_value=0, max_value=2_000_000).map(Decimal) | st.decimals(
    min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False, places=4
)
kinds = st.sampled_from(["single", "group"])


@given(kind=kinds, scale=scales)
def test_every_scale_maps_to_exactly_one_tier(kind: str, scale: Decimal) -> None:
    bands = ferroalloy.tiers(kind)
    holding = [t for t in bands if t.contains(scale)]
    assert len(holding) == 1
    assert ferroalloy.ratio(kind, W(scale)) == holding[0].ratio


@given(kind=kinds, a=scales, b=scales)
def test_ratio_never_increases_with_scale(kind: str, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert ferroalloy.ratio(kind, W(high)) <= ferroalloy.ratio(kind, W(low))


@given(kind=kinds, scale=scales, a=scales, b=scales)
def test_required_retirement_never_decreases_as_new_capacity_grows(
    kind: str, scale: Decimal, a: Decimal, b: Decimal
) -> None:
    low, high = sorted((a, b))
    required_low = ferroalloy.required_retirement(kind, W(scale), W(low))
    assert required_low <= ferroalloy.required_retirement(kind, W(scale), W(high))
    assert required_low >= low  # every ratio is >= 1


# --------------------------------------------------------------------------------------------
# 第四条: countable units
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("transformer", "expected"),
    [
        ("3000kVA", "not_met"),
        ("3000千伏安", "not_met"),
        ("3MVA", "not_met"),
        ("2999.99kVA", "not_met"),
        ("3001kVA", "met"),
        ("3000.01kVA", "met"),
    ],
)
def test_semi_closed_dc_furnace_at_most_3000_kva_is_excluded(
    transformer: str, expected: str
) -> None:
    dc = unit(
        "DC", furnace_type="semi_closed_dc", transformer=transformer, source="compliant_project"
    )
    d = evaluate(plan(unit(assessed="11万吨", approved="11万吨"), dc))
    assert status(d, "ferroalloy.unit.DC") == expected
    assert d.finding("ferroalloy.unit.DC").binding is False
    assert d.status.value == "eligible"  # the other unit suffices either way
    if expected == "not_met":
        assert "3000kVA以下" in d.finding("ferroalloy.unit.DC").message.zh
        assert d.results["units"]["DC"] == Amount(T(0), Kind.MASS, "万吨")
        assert d.results["excluded_units"] == ["DC"]


def test_transformer_limit_applies_only_to_semi_closed_dc_furnaces() -> None:
    for furnace in ("submerged_arc", "other"):
        for transformer in ("1000kVA", None):
            small = unit(furnace_type=furnace, transformer=transformer, source="compliant_project")
            assert status(evaluate(plan(small)), "ferroalloy.unit.1#") == "met"


def test_transformer_in_kw_is_refused() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(unit(transformer="3000kW")))
    assert info.value.paths == ("$.retired[0].transformer",)
    assert "3000kVA" in str(info.value)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"source": "other"}, "来源不属于第四条"),
        ({"in_region": False}, "自治区范围以外"),
        ({"eliminated_category_2024": True}, "《产业结构调整指导目录(2024年本)》淘汰类"),
        ({"ferroalloy_smelting": False}, "不属于铁合金冶炼"),
    ],
)
def test_each_exclusion_of_article_4(change: dict[str, Any], reason: str) -> None:
    excluded = unit("X", **change)
    d = evaluate(plan(unit(assessed="11万吨", approved="11万吨"), excluded))
    finding = d.finding("ferroalloy.unit.X")
    assert finding.status.value == "not_met"
    assert reason in finding.message.zh
    assert finding.citation is not None and finding.citation.article == "第四条"
    # Excluded units do not make the plan ineligible: they just do not count.
    assert d.status.value == "eligible"
    assert d.results["counted_retirement"] == Amount(T(110_000), Kind.MASS, "万吨")
    # …but alone they leave the plan short.
    alone = evaluate(plan(excluded))
    assert status(alone, "ferroalloy.sufficient_retirement") == "not_met"
    assert alone.status.value == "ineligible"


def test_both_eligible_sources_count() -> None:
    for source in ("elimination_plan", "compliant_project"):
        d = evaluate(plan(unit(source=source, assessed="11万吨")))
        assert status(d, "ferroalloy.unit.1#") == "met"


def test_every_reason_is_listed() -> None:
    d = evaluate(plan(unit(in_region=False, ferroalloy_smelting=False, source="other")))
    message = d.finding("ferroalloy.unit.1#").message.zh
    assert "自治区范围以外" in message and "不属于铁合金冶炼" in message and "来源" in message


@pytest.mark.parametrize(
    "missing",
    ["source", "in_region", "eliminated_category_2024", "furnace_type", "ferroalloy_smelting"],
)
def test_each_missing_countability_fact_makes_the_unit_unknown(missing: str) -> None:
    changes: dict[str, Any] = {missing: None}
    if missing == "furnace_type":  # only a furnace of 3000kVA or less could be excluded by type
        changes["transformer"] = "3000kVA"
        changes["source"] = "compliant_project"
    d = evaluate(plan(unit(assessed="11万吨", approved="11万吨", **changes)))
    finding = d.finding("ferroalloy.unit.1#")
    assert finding.status.value == "unknown"
    assert f"$.retired[0].{missing}" in finding.message.en
    name = load_parameters("ferroalloy").extra["fact_names"][missing]["zh"]
    assert name in finding.message.zh and missing not in finding.message.zh
    assert d.results["units"]["1#"] is None
    assert d.results["undetermined_units"] == ["1#"]
    # The only unit is unknown with a capacity that could suffice: the plan is undetermined.
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
    assert d.status.value == "undetermined"


def test_missing_transformer_matters_only_for_dc_furnaces() -> None:
    dc = unit(furnace_type="semi_closed_dc", transformer=None, source="compliant_project")
    d = evaluate(plan(dc))
    assert status(d, "ferroalloy.unit.1#") == "unknown"
    assert "$.retired[0].transformer" in d.finding("ferroalloy.unit.1#").message.en
    assert "变压器容量" in d.finding("ferroalloy.unit.1#").message.zh


def test_a_definite_exclusion_wins_over_missing_facts() -> None:
    d = evaluate(plan(unit(in_region=False, source=None, approved=None)))
    assert status(d, "ferroalloy.unit.1#") == "not_met"
    assert d.results["undetermined_units"] == []


def test_elimination_plan_scope_literal_reading_by_default() -> None:
    # 第四条: "…实施方案中的铁合金矿热炉产能": of the plans, only submerged-arc furnaces count.
    assert load_parameters("ferroalloy").parameters["elimination_plan_scope"].raw == (
        "submerged_arc_only",
    )
    dc = unit(furnace_type="semi_closed_dc", transformer="5000kVA", assessed="11万吨")
    d = evaluate(plan(dc))
    assert status(d, "ferroalloy.unit.1#") == "not_met"
    assert "只有铁合金矿热炉产能" in d.finding("ferroalloy.unit.1#").message.zh
    assert "半封闭直流电炉" in d.finding("ferroalloy.unit.1#").message.zh
    assert d.status.value == "ineligible"
    d = evaluate(plan(unit(furnace_type=None)))
    finding = d.finding("ferroalloy.unit.1#")
    assert finding.status.value == "unknown"
    assert finding.message.en.count("furnace_type") == 1
    assert finding.message.zh.count("炉型") == 1
    # The compliant-project route has no furnace-type restriction.
    project = dict(dc, source="compliant_project")
    assert status(evaluate(plan(project)), "ferroalloy.unit.1#") == "met"
    smelter = unit(assessed="11万吨")
    assert status(evaluate(plan(smelter)), "ferroalloy.unit.1#") == "met"


def test_elimination_plan_scope_any_furnace_keeps_the_old_reading() -> None:
    old = {"elimination_plan_scope": "any_furnace"}
    for furnace in ("semi_closed_dc", "other", None):
        large = unit(furnace_type=furnace, transformer="5000kVA", assessed="11万吨")
        d = evaluate(plan(large), parameters=old)
        assert status(d, "ferroalloy.unit.1#") == "met", furnace
        assert d.overrides == {"elimination_plan_scope": "any_furnace"}
    # The kVA exclusion of the second sentence still applies to the plans' furnaces.
    small = unit(furnace_type="semi_closed_dc", transformer="3000kVA", assessed="11万吨")
    assert status(evaluate(plan(small), parameters=old), "ferroalloy.unit.1#") == "not_met"


# --------------------------------------------------------------------------------------------
# 第五条: take the smaller; assessment
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assessed", "approved", "counted"),
    [("10万吨", "12万吨", 100_000), ("13万吨", "12万吨", 120_000), ("11万吨", "11万吨", 110_000)],
)
def test_take_the_smaller(assessed: str, approved: str, counted: int) -> None:
    d = evaluate(plan(unit(assessed=assessed, approved=approved)))
    assert d.results["units"]["1#"] == Amount(T(counted), Kind.MASS, "万吨")
    assert d.finding("ferroalloy.unit.1#").measured == Amount(T(counted), Kind.MASS, "万吨")
    # 取小 is named only where the two figures disagree.
    assert ("取小" in d.finding("ferroalloy.unit.1#").message.zh) is (assessed != approved)


def test_missing_assessed_capacity_is_unknown() -> None:
    d = evaluate(plan(unit(assessed=None)))
    finding = d.finding("ferroalloy.unit.1#")
    assert finding.status.value == "unknown"
    assert "$.retired[0].assessed" in finding.message.en
    assert "评估核定产能" in finding.message.zh
    assert "至多计12万吨" in finding.message.zh  # bounded by the approved figure
    assert d.results["units"]["1#"] is None


def test_no_approved_figure_takes_the_assessed_capacity() -> None:
    # 取小 needs two figures that disagree; without a 立项/批复 figure the assessed one stands.
    d = evaluate(plan(unit(approved=None, assessed="11万吨")))
    finding = d.finding("ferroalloy.unit.1#")
    assert finding.status.value == "met"
    assert finding.measured == Amount(T(110_000), Kind.MASS, "万吨")
    assert "按评估核定产能计11万吨" in finding.message.zh
    assert "110,000 tonnes" in finding.message.en
    assert status(d, "ferroalloy.sufficient_retirement") == "met"
    short = evaluate(plan(unit(approved=None, assessed="109999吨")))
    assert status(short, "ferroalloy.sufficient_retirement") == "not_met"


def test_both_required_keeps_the_old_reading() -> None:
    old = {"capacity_without_approved_figure": "both_required"}
    d = evaluate(plan(unit(approved=None, assessed="11万吨")), parameters=old)
    finding = d.finding("ferroalloy.unit.1#")
    assert finding.status.value == "unknown"
    assert "$.retired[0].approved" in finding.message.en
    assert "立项/批复等文件产能" in finding.message.zh
    assert d.results["units"]["1#"] is None
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
    d = evaluate(plan(unit(approved=None, assessed=None)), parameters=old)
    assert (
        "$.retired[0].assessed, $.retired[0].approved" in d.finding("ferroalloy.unit.1#").message.en
    )


@pytest.mark.parametrize(
    ("value", "expected", "decision"),
    [
        (True, "met", "eligible"),
        (False, "not_met", "ineligible"),
        (None, "unknown", "undetermined"),
    ],
)
def test_grade_a_assessment(value: bool | None, expected: str, decision: str) -> None:
    d = evaluate(plan(assessed_by_grade_a_consultant=value))
    assert status(d, "ferroalloy.assessment") == expected
    assert d.status.value == decision


# --------------------------------------------------------------------------------------------
# Sufficiency
# --------------------------------------------------------------------------------------------


def test_exactly_sufficient_plan_is_met() -> None:
    d = evaluate(plan(unit(assessed="11万吨", approved="11万吨")))
    finding = d.finding("ferroalloy.sufficient_retirement")
    assert finding.status.value == "met"
    assert finding.gap == Amount(T(0), Kind.MASS, "万吨")
    out = d.to_dict()["results"]
    assert out["required_retirement"] == "11万吨"
    assert out["counted_retirement"] == "11万吨"
    assert out["surplus"] == "0万吨"
    assert out["new_capacity"] == "10万吨"
    assert out["ferrosilicon_equivalent"] is False
    assert d.status.value == "eligible"


def test_one_tonne_short_is_not_met() -> None:
    d = evaluate(plan(unit(assessed="109999吨", approved="11万吨")))
    finding = d.finding("ferroalloy.sufficient_retirement")
    assert finding.status.value == "not_met"
    assert d.results["surplus"] == Amount(T(-1), Kind.MASS, "万吨")
    assert d.to_dict()["results"]["surplus"] == "-0.0001万吨"
    assert d.status.value == "ineligible"


def test_several_units_and_new_lines_add_up() -> None:
    facts = plan(
        unit("a", assessed="5万吨", approved="6万吨"),
        unit("b", assessed="7万吨", approved="6万吨"),
        new_capacity=[
            {"product": "硅铁", "capacity": "5万吨"},
            {"product": "硅铁", "capacity": "5万吨"},
        ],
        enterprise={"kind": "group", "scale_after": "100万吨"},
    )
    d = evaluate(facts)
    assert d.results["counted_retirement"].value == T(110_000)
    assert d.results["required_retirement"].value == T(100_000)
    assert d.results["surplus"].value == T(10_000)


def test_unknown_unit_that_could_cover_the_shortfall() -> None:
    # 5万吨 certain; "u" is unknown (in_region missing) with capacity min(7, 8) = 7: could reach 11.
    facts = plan(
        unit("k", assessed="5万吨"), unit("u", assessed="7万吨", approved="8万吨", in_region=None)
    )
    d = evaluate(facts)
    finding = d.finding("ferroalloy.sufficient_retirement")
    assert finding.status.value == "unknown"
    assert "u" in finding.message.zh
    assert d.results["counted_retirement"].value == T(50_000)
    assert d.results["surplus"].value == T(-60_000)
    assert d.status.value == "undetermined"


def test_unknown_unit_too_small_to_matter_is_not_met() -> None:
    facts = plan(unit("k", assessed="5万吨"), unit("u", assessed="3万吨", in_region=None))
    d = evaluate(facts)
    assert status(d, "ferroalloy.sufficient_retirement") == "not_met"
    assert d.status.value == "ineligible"


def test_unknown_capacity_bounded_by_the_known_figure() -> None:
    # "u" counts but its assessed capacity is unknown: it contributes at most its approved figure.
    facts = plan(unit("k", assessed="5万吨"), unit("u", assessed=None, approved="5万吨"))
    assert status(evaluate(facts), "ferroalloy.sufficient_retirement") == "not_met"
    facts = plan(unit("k", assessed="5万吨"), unit("u", assessed=None, approved="6万吨"))
    assert status(evaluate(facts), "ferroalloy.sufficient_retirement") == "unknown"
    # Under the old reading the approved figure is needed: the assessed one bounds it.
    old = {"capacity_without_approved_figure": "both_required"}
    facts = plan(unit("k", assessed="5万吨"), unit("u", assessed="5万吨", approved=None))
    assert status(evaluate(facts, parameters=old), "ferroalloy.sufficient_retirement") == "not_met"
    facts = plan(unit("k", assessed="5万吨"), unit("u", assessed="6万吨", approved=None))
    assert status(evaluate(facts, parameters=old), "ferroalloy.sufficient_retirement") == "unknown"


def test_unknown_unit_with_no_capacity_is_unbounded() -> None:
    facts = plan(unit("k", assessed="5万吨"), unit("u", assessed=None, approved=None))
    assert status(evaluate(facts), "ferroalloy.sufficient_retirement") == "unknown"


def test_unknown_unit_does_not_matter_when_already_sufficient() -> None:
    facts = plan(unit("k", assessed="11万吨"), unit("u", source=None))
    d = evaluate(facts)
    assert status(d, "ferroalloy.sufficient_retirement") == "met"
    assert status(d, "ferroalloy.unit.u") == "unknown"
    assert d.status.value == "eligible"


def test_missing_enterprise_facts() -> None:
    for enterprise in (None, {"kind": "single"}, {"scale_after": "35万吨"}, {}):
        d = evaluate(plan(enterprise=enterprise))
        assert status(d, "ferroalloy.ratio_tier") == "unknown"
        assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
        assert d.results["ratio"] is None
        assert d.results["required_retirement"] is None
        assert d.results["tier"] is None
        assert d.status.value == "undetermined"
    d = evaluate(plan(enterprise={"kind": "single"}))
    assert "$.enterprise.scale_after" in d.finding("ferroalloy.ratio_tier").message.en
    assert "$.enterprise.kind" not in d.finding("ferroalloy.ratio_tier").message.en
    assert "未提供整合重组后生产规模" in d.finding("ferroalloy.ratio_tier").message.zh
    assert "企业类型" not in d.finding("ferroalloy.ratio_tier").message.zh


def test_missing_new_capacity() -> None:
    d = evaluate(plan(new_capacity=None))
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
    assert "$.new_capacity" in d.finding("ferroalloy.sufficient_retirement").message.en
    assert status(d, "ferroalloy.conversion") == "unknown"
    d = evaluate(plan(new_capacity=[{"product": "硅铁"}]))
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
    assert "$.new_capacity[0].capacity" in d.finding("ferroalloy.sufficient_retirement").message.en
    assert "第1行新建产能" in d.finding("ferroalloy.sufficient_retirement").message.zh
    assert d.results["new_capacity"] is None


def test_missing_or_empty_retired_list() -> None:
    d = evaluate(plan(retired=None))
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
    assert "$.retired" in d.finding("ferroalloy.sufficient_retirement").message.en
    d = evaluate(plan(retired=[]))
    assert status(d, "ferroalloy.sufficient_retirement") == "not_met"
    assert d.results["counted_retirement"] == Amount(T(0), Kind.MASS, "万吨")


def test_empty_new_capacity_is_refused() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(new_capacity=[]))
    assert info.value.paths == ("$.new_capacity",)


def test_zero_new_capacity_needs_nothing() -> None:
    d = evaluate(plan(retired=[], new_capacity=[{"product": "硅铁", "capacity": "0万吨"}]))
    assert status(d, "ferroalloy.sufficient_retirement") == "met"


# --------------------------------------------------------------------------------------------
# 第五条: cross-variety conversion
# --------------------------------------------------------------------------------------------


def cross_plan(**factors: str) -> dict[str, Any]:
    """Group at 80万吨 (1:1): new 10万吨 硅铁 against 8万吨 硅锰 + min(6, 7) 高碳铬铁."""
    facts = plan(
        unit("M1", product="硅锰", assessed="8万吨", approved="8万吨"),
        unit("C1", product="高碳铬铁", assessed="6万吨", approved="7万吨"),
        enterprise={"kind": "group", "scale_after": "80万吨"},
    )
    if factors:
        facts["ferrosilicon_equivalents"] = factors
    return facts


def test_same_variety_needs_no_conversion() -> None:
    d = evaluate(plan())
    assert status(d, "ferroalloy.conversion") == "not_applicable"
    d = evaluate(plan(ferrosilicon_equivalents={"硅锰": "0.8"}))
    assert status(d, "ferroalloy.conversion") == "not_applicable"
    assert d.results["ferrosilicon_equivalent"] is False


def test_ferrosilicon_alias_is_the_same_product() -> None:
    d = evaluate(plan(unit(product="硅铁合金", assessed="11万吨")))
    assert status(d, "ferroalloy.conversion") == "not_applicable"
    assert d.status.value == "eligible"


def test_cross_variety_without_factors_is_unknown_and_names_the_products() -> None:
    d = evaluate(cross_plan())
    finding = d.finding("ferroalloy.conversion")
    assert finding.status.value == "unknown"
    assert "硅锰" in finding.message.zh and "高碳铬铁" in finding.message.zh
    assert "未规定换算系数" in finding.message.zh
    assert "ships none" in finding.message.en
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
    assert d.results["required_retirement"] is None
    assert d.results["ferrosilicon_equivalent"] is False
    assert d.status.value == "undetermined"


def test_cross_variety_with_one_factor_missing() -> None:
    d = evaluate(cross_plan(硅锰="0.9"))
    finding = d.finding("ferroalloy.conversion")
    assert finding.status.value == "unknown"
    assert "高碳铬铁" in finding.message.zh
    assert "硅锰、" not in finding.message.zh  # only the missing one is named
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"


def test_cross_variety_with_factors() -> None:
    # 8 × 0.9 + 6 × 0.5 = 10.2万吨 硅铁 equivalents against 10万吨 × 1 = 10万吨: met.
    d = evaluate(cross_plan(硅锰="0.9", 高碳铬铁="0.5"))
    assert status(d, "ferroalloy.conversion") == "met"
    assert status(d, "ferroalloy.sufficient_retirement") == "met"
    out = d.to_dict()["results"]
    assert out["ferrosilicon_equivalent"] is True
    assert out["counted_retirement"] == "10.2万吨"
    assert out["required_retirement"] == "10万吨"
    assert out["surplus"] == "0.2万吨"
    assert out["units"] == {"M1": "7.2万吨", "C1": "3万吨"}
    assert out["factors"] == {"硅铁": "1", "硅锰": "0.9", "高碳铬铁": "0.5"}
    assert "硅铁当量" in d.finding("ferroalloy.sufficient_retirement").message.zh
    assert d.status.value == "eligible"


def test_new_side_is_converted_too() -> None:
    facts = cross_plan(硅锰="1.5", 高碳铬铁="1")
    facts["new_capacity"] = [{"product": "硅锰", "capacity": "10万吨"}]
    # Retired 8 × 1.5 + 6 × 1 = 18; new 10 × 1.5 = 15 (1:1): met with 3 to spare.
    d = evaluate(facts)
    assert d.results["required_retirement"].value == T(150_000)
    assert d.results["surplus"].value == T(30_000)


def test_more_new_products_than_retired_is_cross_variety() -> None:
    facts = plan(
        new_capacity=[
            {"product": "硅铁", "capacity": "5万吨"},
            {"product": "硅锰", "capacity": "5万吨"},
        ]
    )
    d = evaluate(facts)
    assert status(d, "ferroalloy.conversion") == "unknown"
    d = evaluate(dict(facts, ferrosilicon_equivalents={"硅锰": "0.8", "硅铁": 1}))
    assert status(d, "ferroalloy.conversion") == "met"
    assert d.results["new_capacity"].value == T(90_000)


def test_excluded_units_do_not_make_a_cross_variety_plan() -> None:
    d = evaluate(plan(unit(assessed="11万吨"), unit("x", product="硅锰", in_region=False)))
    assert status(d, "ferroalloy.conversion") == "not_applicable"
    assert d.status.value == "eligible"


def test_missing_products() -> None:
    d = evaluate(plan(unit(product=None, assessed="11万吨")))
    finding = d.finding("ferroalloy.conversion")
    assert finding.status.value == "unknown"
    assert "$.retired[0].product" in finding.message.en
    assert "退出装备1#的产品品种" in finding.message.zh
    assert status(d, "ferroalloy.sufficient_retirement") == "unknown"
    d = evaluate(plan(new_capacity=[{"capacity": "10万吨"}]))
    assert "$.new_capacity[0].product" in d.finding("ferroalloy.conversion").message.en
    assert "第1行新建产能的产品品种" in d.finding("ferroalloy.conversion").message.zh
    # The product of an excluded unit does not matter.
    d = evaluate(plan(unit(assessed="11万吨"), unit("x", product=None, in_region=False)))
    assert status(d, "ferroalloy.conversion") == "not_applicable"
    # Units without a product while conversion is unresolved still show their own tonnes.
    assert d.results["units"]["1#"] == Amount(T(110_000), Kind.MASS, "万吨")


def test_units_in_their_own_tonnes_when_conversion_is_unresolved() -> None:
    d = evaluate(cross_plan())
    assert d.to_dict()["results"]["units"] == {"M1": "8万吨", "C1": "6万吨"}


@pytest.mark.parametrize(
    ("factors", "path"),
    [
        ({"硅铁": 2}, "$.ferrosilicon_equivalents.硅铁"),
        ({"硅铁合金": "0.5"}, "$.ferrosilicon_equivalents.硅铁合金"),
        ({"硅锰": 0}, "$.ferrosilicon_equivalents.硅锰"),
        ({"硅锰": "-0.5"}, "$.ferrosilicon_equivalents.硅锰"),
        ({"硅锰": "NaN"}, "$.ferrosilicon_equivalents.硅锰"),
        ({"硅锰": "Infinity"}, "$.ferrosilicon_equivalents.硅锰"),
        ({"硅锰": "abc"}, "$.ferrosilicon_equivalents.硅锰"),
        ({"硅锰": None}, "$.ferrosilicon_equivalents.硅锰"),
        ({"硅锰": True}, "$.ferrosilicon_equivalents.硅锰"),
        ({"": "1"}, "$.ferrosilicon_equivalents."),
        ({"硅锰": "1", " 硅锰": "1"}, "$.ferrosilicon_equivalents. 硅锰"),
    ],
)
def test_bad_factors_are_refused(factors: dict[str, Any], path: str) -> None:
    with pytest.raises(InputError) as info:
        evaluate(cross_plan(**factors))
    assert info.value.paths == (path,)


def test_ferrosilicon_factor_of_one_is_accepted() -> None:
    d = evaluate(cross_plan(硅铁="1", 硅锰="0.9", 高碳铬铁="0.5"))
    assert status(d, "ferroalloy.conversion") == "met"


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


def test_unknown_keys_are_refused_at_their_paths() -> None:
    facts = plan(unit("a"), unit("b"), unit("c", foo=1))
    facts["enterprise"]["size"] = "big"
    facts["new_capacity"][0]["year"] = 2026
    facts["extra"] = True
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert set(info.value.paths) == {
        "$.retired[2].foo",
        "$.enterprise.size",
        "$.new_capacity[0].year",
        "$.extra",
    }


def test_unit_ids_must_be_unique_and_non_empty() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(unit("a"), unit(""), unit("a"), unit("  "), unit("b", product=" ")))
    assert info.value.paths == (
        "$.retired[1].id",
        "$.retired[2].id",
        "$.retired[3].id",
        "$.retired[4].product",
    )
    assert "duplicate" in info.value.problems[1].message
    with pytest.raises(InputError) as info:
        evaluate(plan(unit(id=None)))
    assert info.value.paths == ("$.retired[0].id",)
    with pytest.raises(InputError) as info:
        evaluate(plan(new_capacity=[{"product": "", "capacity": "1万吨"}]))
    assert info.value.paths == ("$.new_capacity[0].product",)


@pytest.mark.parametrize(
    ("facts", "path", "hint"),
    [
        (plan(enterprise={"kind": "firm"}), "$.enterprise.kind", '"single" or "group"'),
        (plan(unit(source="plan")), "$.retired[0].source", '"elimination_plan"'),
        (plan(unit(furnace_type="dc")), "$.retired[0].furnace_type", '"semi_closed_dc"'),
        (plan(unit(assessed="10")), "$.retired[0].assessed", "万吨"),
        (plan(unit(approved="10万千瓦")), "$.retired[0].approved", "万吨"),
        (plan(unit(in_region="true")), "$.retired[0].in_region", "true"),
        (
            plan(new_capacity=[{"product": "硅铁", "capacity": 10}]),
            "$.new_capacity[0].capacity",
            "万吨",
        ),
        (
            plan(enterprise={"kind": "single", "scale_after": "-1万吨"}),
            "$.enterprise.scale_after",
            "万吨",
        ),
        (plan(retired={"a": 1}), "$.retired", ""),
        (plan(ferrosilicon_equivalents=[1]), "$.ferrosilicon_equivalents", ""),
    ],
)
def test_junk_facts_name_their_path(facts: dict[str, Any], path: str, hint: str) -> None:
    with pytest.raises(InputError) as info:
        evaluate(facts)
    assert path in info.value.paths
    message = next(p.message for p in info.value.problems if p.path == path)
    assert hint in message


def test_literal_message_shows_the_value() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(enterprise={"kind": "firm"}))
    assert "got 'firm'" in info.value.problems[0].message


def test_other_structure_problems_pass_through_unchanged() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(unit(in_region=1)))
    assert info.value.paths == ("$.retired[0].in_region",)
    assert "true or false" in info.value.problems[0].message


def test_facts_must_be_a_mapping() -> None:
    junks: list[Any] = [None, [], "x", 3]
    for junk in junks:
        with pytest.raises(InputError) as info:
            evaluate(junk)
        assert info.value.paths == ("$",)


# --------------------------------------------------------------------------------------------
# Results, notes, disclosure, data, examples
# --------------------------------------------------------------------------------------------


def test_decision_notes_the_unknown_in_force_window() -> None:
    for on in (D(2000, 1, 1), ON, D(2100, 1, 1)):
        d = nmgpolicy.evaluate("ferroalloy", plan(), on=on)
        assert any("生效区间" in n.zh for n in d.notes)


def test_results_are_json_ready() -> None:
    d = evaluate(plan())
    out = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert out["results"]["tier"]["tier"] == "medium"
    assert out["results"]["scale_after"] == "35万吨"
    assert out["results"]["kind"] == "single"
    assert out["results"]["units"] == {"1#": "11万吨"}
    assert out["findings"][0]["id"] == "ferroalloy.ratio_tier"
    assert [f["id"] for f in out["findings"]] == [
        "ferroalloy.ratio_tier",
        "ferroalloy.unit.1#",
        "ferroalloy.assessment",
        "ferroalloy.conversion",
        "ferroalloy.sufficient_retirement",
    ]
    assert "第三条" in d.explain("zh")
    assert "| `ferroalloy.unit.1#` |" in d.to_markdown("en")


def test_plan_notice_due_within_the_ceiling_of_article_26() -> None:
    # 条例第二十六条 is a ceiling: 20 working days after 2025-03-01 → 2025-03-28; the catalog's
    # 一年内 (→ 2026-03-02) cannot extend it and is reported as a conflict.
    due = ferroalloy.plan_notice_due(D(2025, 3, 1))
    assert due == D(2025, 3, 28)
    assert due.conflicts and due.conflicts[0].catalog.due == D(2026, 3, 2)
    # The earlier reading (the catalog's limit, 民法典 第203条 roll to Monday) stays available.
    fallback = {"article_26_role": "fallback"}
    assert ferroalloy.plan_notice_due(D(2025, 3, 1), parameters=fallback) == D(2026, 3, 2)
    assert ferroalloy.plan_notice_due("2025-06-10", parameters=fallback) == D(2026, 6, 10)
    with pytest.raises(InputError) as info:
        ferroalloy.plan_notice_due("March 2025")
    assert info.value.paths == ("$.formed_on",)


def test_data_file_is_consistent_with_the_code() -> None:
    data = load_parameters("ferroalloy")
    assert data.in_force_from is None and data.in_force_to is None
    assert data.window_note is not None
    assert set(data.extra["sources"]) == set(get_args(rules.SourceKind))
    assert set(data.extra["furnace_types"]) == set(get_args(rules.FurnaceType))
    assert (
        set(data.extra["tiers"]) == set(get_args(rules.EnterpriseKind)) == set(data.extra["kinds"])
    )
    for bands in data.extra["tiers"].values():
        assert "from" not in bands[0] and "below" not in bands[-1]
        for before, after in itertools.pairwise(bands):
            assert before["below"] == after["from"]
    for name, parameter in data.parameters.items():
        assert parameter.values, name  # the guide gives every parameter here a value
        assert parameter.citation is not None and parameter.citation.text
    for info in data.criteria.values():
        assert info.citation is not None and info.citation.text
    assert data.criteria["ferroalloy.unit"].binding is False
    assert "ferroalloy" in nmgpolicy.rulesets()
    ruleset = nmgpolicy.get_ruleset("ferroalloy")
    assert "ferroalloy.sufficient_retirement" in [c.id for c in ruleset.criteria()]


def test_every_quoted_text_is_copied_from_the_seed() -> None:
    seed = SEED.read_text(encoding="utf-8")
    data = load_parameters("ferroalloy")
    citations = [p.citation for p in data.parameters.values()]
    citations += [c.citation for c in data.criteria.values()]
    for citation in citations:
        assert citation is not None
        assert citation.document == "《包头市铁合金行业产能置换工作指南》"
        assert citation.text in seed, citation.text  # verbatim, no "……" elisions


def test_alias_module_re_exports_the_rules() -> None:
    assert ferroalloy.ratio is rules.ratio
    assert set(ferroalloy.__all__) <= set(rules.__all__)


def test_examples_give_their_expected_status() -> None:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    assert index["ruleset"] == "ferroalloy"
    expected = {case["file"]: case["expect"] for case in index["cases"]}
    assert sorted(expected.values()) == ["eligible", "ineligible", "ineligible", "undetermined"]
    for case in index["cases"]:
        facts = json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8"))
        d = nmgpolicy.evaluate("ferroalloy", facts, on=D.fromisoformat(case["on"]))
        assert d.status.value == case["expect"], case["file"]
    compliant = json.loads((EXAMPLES / "compliant_plan.json").read_text(encoding="utf-8"))
    d = evaluate(compliant)
    assert d.results["surplus"].value == 0  # exactly sufficient
    assert status(d, "ferroalloy.unit.3#精炼炉") == "not_met"
    missing = json.loads(
        (EXAMPLES / "cross_variety_missing_factor.json").read_text(encoding="utf-8")
    )
    assert "高碳铬铁" in evaluate(missing).finding("ferroalloy.conversion").message.zh


# --------------------------------------------------------------------------------------------
# Property: surplus = counted − required, counted = Σ smaller figures of the units that count
# --------------------------------------------------------------------------------------------

flags = st.sampled_from([True, False, None])
capacities = st.integers(min_value=0, max_value=500_000).map(lambda t: f"{t}吨") | st.none()


@st.composite
def random_units(draw: st.DrawFn, index: int) -> dict[str, Any]:
    return unit(
        f"u{index}",
        assessed=draw(capacities),
        approved=draw(capacities),
        source=draw(st.sampled_from(["elimination_plan", "compliant_project", "other", None])),
        in_region=draw(flags),
        eliminated_category_2024=draw(flags),
        ferroalloy_smelting=draw(flags),
        furnace_type=draw(st.sampled_from(["submerged_arc", "semi_closed_dc", "other", None])),
        transformer=draw(st.sampled_from(["3000kVA", "3001kVA", "12500kVA", None])),
        plan_year=draw(st.sampled_from([2020, 2021, 2023, 2024, None])),
    )


@st.composite
def random_plans(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(min_value=0, max_value=5))
    return plan(
        retired=[draw(random_units(i)) for i in range(n)],
        enterprise={
            "kind": draw(kinds),
            "scale_after": f"{draw(st.integers(min_value=0, max_value=1_200_000))}吨",
        },
        new_capacity=[
            {"product": "硅铁", "capacity": f"{c}吨"}
            for c in draw(
                st.lists(st.integers(min_value=0, max_value=800_000), min_size=1, max_size=3)
            )
        ],
    )


@given(facts=random_plans())
def test_surplus_is_counted_minus_required(facts: dict[str, Any]) -> None:
    d = evaluate(facts)
    r = d.results
    counted = r["counted_retirement"].value
    required = r["required_retirement"].value
    assert r["surplus"].value == counted - required
    scale = facts["enterprise"]["scale_after"]
    new = sum(Decimal(line["capacity"][:-1]) for line in facts["new_capacity"])
    assert required == ferroalloy.required_retirement(facts["enterprise"]["kind"], scale, W(new))
    met_units = [
        f for f in d.findings if f.id.startswith("ferroalloy.unit.") and f.status.value == "met"
    ]
    assert counted == sum((f.measured.value for f in met_units), Decimal(0))
    sufficiency = status(d, "ferroalloy.sufficient_retirement")
    if counted >= required:
        assert sufficiency == "met"
    elif not r["undetermined_units"]:
        assert sufficiency == "not_met"
    else:
        assert sufficiency in ("unknown", "not_met")
    # The per-unit counted capacities add up to the total.
    known = [a.value for a in r["units"].values() if a is not None]
    assert sum(known, Decimal(0)) == counted


def test_deep_copy_of_facts_is_not_mutated() -> None:
    facts = cross_plan(硅锰="0.9", 高碳铬铁="0.5")
    before = copy.deepcopy(facts)
    evaluate(facts)
    assert facts == before


def test_a_list_given_as_text_or_object_is_refused_at_its_path() -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(retired="1#", new_capacity={"product": "硅铁"}, enterprise={"kind": "x"}))
    assert set(info.value.paths) == {"$.new_capacity", "$.retired", "$.enterprise.kind"}
    messages = dict(info.value.problems)
    assert "expected a list" in messages["$.retired"]
    assert "expected a list" in messages["$.new_capacity"]
    with pytest.raises(InputError) as info:
        evaluate(plan(retired="1#", ferrosilicon_equivalents={"硅锰": 0}))
    assert info.value.paths == ("$.retired",)
    with pytest.raises(InputError) as info:
        evaluate(plan(ferrosilicon_equivalents={"硅锰": 0}))
    assert info.value.paths == ("$.ferrosilicon_equivalents.硅锰",)


junk_values: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=2),
)


@given(kind=junk_values | kinds, scale=junk_values, new=junk_values)
def test_helpers_raise_only_input_errors(kind: Any, scale: Any, new: Any) -> None:
    for call in (
        lambda: ferroalloy.ratio(kind, scale),
        lambda: ferroalloy.required_retirement(kind, scale, new),
        lambda: ferroalloy.plan_notice_due(scale),
        lambda: ferroalloy.ratio("single", "35万吨", parameters={"ratio_small": new}),
    ):
        try:
            call()
        except InputError as error:
            assert all(p.path.startswith("$") for p in error.problems)


def test_an_excluded_unit_needs_no_conversion_factor() -> None:
    # 高碳铬铁 is outside the region: excluded, so its missing factor does not matter.
    d = evaluate(
        plan(
            unit("M1", product="硅锰", assessed="12万吨", approved="12万吨"),
            unit("C1", product="高碳铬铁", in_region=False),
            ferrosilicon_equivalents={"硅锰": "1"},
        )
    )
    assert d.finding("ferroalloy.unit.C1").status.value == "not_met"
    assert d.finding("ferroalloy.conversion").status.value == "met"
    assert str(d.results["units"]["C1"]) == "0万吨"
    assert d.status.value == "eligible"  # 12万吨 of 硅锰 × 1 ≥ 11万吨 of 硅铁


@pytest.mark.parametrize("factor", ["0", "-1", "1e-2000", "1e9"])
def test_implausible_factors_are_refused_at_their_path(factor: str) -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(ferrosilicon_equivalents={"硅锰": factor}))
    assert info.value.paths == ("$.ferrosilicon_equivalents.硅锰",)
