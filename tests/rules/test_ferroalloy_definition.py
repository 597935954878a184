"""The ferroalloy rule set as one definition: its kinds (tier lookup, each item, common basis,
sufficiency), their decisions on plain numbers, and the boundaries mutation testing found
untested (a negative ratio, every bad factor reported, the base product, undetermined versus
not met, the factor bounds)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Context, Decimal, Inexact, InvalidOperation, localcontext
from functools import partial
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy import ferroalloy
from nmgpolicy.convert import Kva, Tonnes
from nmgpolicy.criteria import Flag
from nmgpolicy.criteria_lists import (
    Basis,
    CommonBasis,
    EachItem,
    Sufficiency,
    Sufficient,
    Tally,
    common_basis,
    common_scale,
    item_status,
    sufficiency_status,
    tally,
    verdict,
)
from nmgpolicy.criteria_tiers import (
    BandLookup,
    DataCache,
    band_index,
    band_table,
    tiling_problems,
)
from nmgpolicy.definition import Fact, Measure, Param, Row
from nmgpolicy.engine import Context as RuleContext
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Amount, Message, Rendered, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import ferroalloy as rules
from nmgpolicy.rules._ferroalloy_checks import FACTOR_EXPONENTS
from nmgpolicy.rules._ferroalloy_units import (
    countability,
    final_capacity,
    reason_text,
    unit_rules,
)
from nmgpolicy.rules._ferroalloy_words import basis_text, tier_missing_text, tier_text
from nmgpolicy.units import Kind
from tests._builders import ferroalloy_unit

ON = dt.date(2026, 3, 2)
WAN = Decimal(10_000)
MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN
SUFFICIENT = "ferroalloy.sufficient_retirement"


def unit(uid: str = "1#", **changes: Any) -> dict[str, Any]:
    """A retired unit of 硅铁 that counts for its assessed 10万吨 (approved 12万吨)."""
    return ferroalloy_unit(uid, **{"source": "compliant_project", **changes})


def plan(*units: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A single enterprise at 35万吨 (1.1:1) replacing 10万吨 of new 硅铁: 11万吨 needed."""
    facts: dict[str, Any] = {
        "enterprise": {"kind": "single", "scale_after": "35万吨"},
        "new_capacity": [{"product": "硅铁", "capacity": "10万吨"}],
        "retired": list(units) or [unit(assessed="11万吨", approved="11万吨")],
        "assessed_by_grade_a_consultant": True,
    }
    facts.update(changes)
    return {k: v for k, v in facts.items() if v is not None}


def evaluate(facts: Any, **parameters: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("ferroalloy", facts, on=ON, parameters=parameters or None)


def status(decision: nmgpolicy.Decision, finding_id: str = SUFFICIENT) -> Status:
    return decision.finding(finding_id).status


# --------------------------------------------------------------------------------------------
# A negative (or zero) ratio override: the data file's range refuses it
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ratio_small", "ratio_medium", "ratio_large"])
@pytest.mark.parametrize("value", ["-1.1", "-0.000001", "0", "10.01"])
def test_a_ratio_outside_its_range_is_refused_before_anything_is_decided(
    name: str, value: str
) -> None:
    with pytest.raises(InputError) as info:
        evaluate(plan(), **{name: value})
    assert info.value.paths == (f"$.parameters.{name}",)
    assert "range (0, 10]" in str(info.value)
    with pytest.raises(InputError) as info:
        ferroalloy.ratio("single", "10万吨", parameters={name: value})
    assert info.value.paths == (f"$.parameters.{name}",)


def test_every_ratio_parameter_is_bounded_above_zero_in_the_data_file() -> None:
    data = load_parameters("ferroalloy")
    for rows in data.extra["tiers"].values():
        for row in rows:
            bounds = data.parameters[row["ratio"]].range
            assert bounds is not None and bounds.low == 0 and not bounds.low_closed, row["ratio"]


@pytest.mark.parametrize("value", ["0.000001", "10"])
def test_a_ratio_at_the_edges_of_its_range_is_used(value: str) -> None:
    assert ferroalloy.ratio("single", "10万吨", parameters={"ratio_small": value}) == Decimal(value)


# --------------------------------------------------------------------------------------------
# The conversion factors: every bad one reported, the bounds
# --------------------------------------------------------------------------------------------


def cross(**factors: Any) -> dict[str, Any]:
    """A plan retiring 硅锰 for new 硅铁, with the given factors."""
    return plan(unit(product="硅锰", assessed="11万吨"), ferrosilicon_equivalents=factors)


def test_every_bad_factor_is_reported_not_only_the_first() -> None:
    factors = {"": "1", "硅锰": "-1", "高碳铬铁": "0", "中碳锰铁": "1e9", "硅铁": "2"}
    with pytest.raises(InputError) as info:
        evaluate(cross(**factors))
    assert info.value.paths == tuple(f"$.ferrosilicon_equivalents.{name}" for name in factors)


def test_an_empty_name_is_reported_once_whatever_its_factor() -> None:
    with pytest.raises(InputError) as info:
        evaluate(cross(**{"": "-1", "硅锰": "0"}))
    assert info.value.paths == ("$.ferrosilicon_equivalents.", "$.ferrosilicon_equivalents.硅锰")
    assert "must not be empty" in info.value.problems[0].message


def test_a_repeated_product_and_its_bad_factor_are_both_reported() -> None:
    with pytest.raises(InputError) as info:
        evaluate(cross(**{"硅锰": "1", " 硅锰": "-2", "硅锰 ": "0.5"}))
    messages = [p.message for p in info.value.problems]
    assert info.value.paths == (
        "$.ferrosilicon_equivalents. 硅锰",
        "$.ferrosilicon_equivalents. 硅锰",
        "$.ferrosilicon_equivalents.硅锰 ",
    )
    assert "the same product" in messages[0] and "positive number" in messages[1]
    assert "the same product" in messages[2]


ACCEPTED = ["1e-12", "0.000000000001", "0.000000000009", "1", "9999999", "9999999.5", "1E+6"]
REFUSED = ["9e-13", "1e-13", "10000000", "1e7", "0", "-1", "-1e-12"]


@pytest.mark.parametrize("factor", ACCEPTED)
def test_a_factor_within_its_bounds_is_used(factor: str) -> None:
    d = evaluate(cross(硅锰=factor))
    assert status(d, "ferroalloy.conversion") is MET
    assert d.results["factors"]["硅锰"] == Decimal(factor)


@pytest.mark.parametrize("factor", REFUSED)
def test_a_factor_beyond_its_bounds_is_refused_with_the_bounds(factor: str) -> None:
    with pytest.raises(InputError) as info:
        evaluate(cross(硅锰=factor))
    (problem,) = info.value.problems
    assert problem.path == "$.ferrosilicon_equivalents.硅锰"
    assert "a factor must be a positive number between 1e-12 and 1e6" in problem.message


def test_the_factor_bounds_are_exponents_minus_12_to_6() -> None:
    assert FACTOR_EXPONENTS == (-12, 6)


def test_the_base_product_takes_only_the_factor_1() -> None:
    assert status(evaluate(cross(硅锰="1", 硅铁合金="1")), "ferroalloy.conversion") is MET
    with pytest.raises(InputError) as info:
        evaluate(cross(硅锰="1", 硅铁="1.5"))
    (problem,) = info.value.problems
    assert problem.path == "$.ferrosilicon_equivalents.硅铁"
    assert "its factor is 1, got 1.5" in problem.message


# --------------------------------------------------------------------------------------------
# The base product (p == base): only 硅铁 itself counts as 1, whatever sorts before it
# --------------------------------------------------------------------------------------------


# 中 (U+4E2D) sorts before 硅 (U+7845), 高 (U+9AD8) after it: a comparison other than equality
# with the base would give one of them the base's factor.
@pytest.mark.parametrize("product", ["中碳锰铁", "高碳铬铁", "硅锰"])
def test_a_product_other_than_the_base_needs_its_own_factor(product: str) -> None:
    d = evaluate(plan(unit(product=product, assessed="11万吨")))
    finding = d.finding("ferroalloy.conversion")
    assert finding.status is UNKNOWN
    assert finding.measured == {"硅铁": 1}
    assert product in finding.message.zh
    assert status(d) is UNKNOWN
    d = evaluate(
        plan(unit(product=product, assessed="11万吨"), ferrosilicon_equivalents={product: "2"})
    )
    assert status(d, "ferroalloy.conversion") is MET
    assert d.results["counted_retirement"].value == 22 * WAN
    assert d.results["factors"] == {product: Decimal(2), "硅铁": Decimal(1)}


def test_common_basis_gives_the_base_factor_1_and_no_other() -> None:
    basis = common_basis({"中碳锰铁", "高碳铬铁"}, {"硅铁"}, {}, "硅铁")
    assert basis.kinds == ("中碳锰铁", "硅铁", "高碳铬铁")
    assert basis.known == {"硅铁": Decimal(1)}
    assert basis.absent == ("中碳锰铁", "高碳铬铁")
    assert (basis.status, basis.resolved, basis.converted) == (UNKNOWN, False, True)
    assert basis.factors == {}
    given = {"中碳锰铁": Decimal("0.8"), "高碳铬铁": Decimal("0.5"), "硅锰": Decimal(3)}
    basis = common_basis({"中碳锰铁", "高碳铬铁"}, {"硅铁"}, given, "硅铁")
    assert basis.known == {"中碳锰铁": Decimal("0.8"), "硅铁": 1, "高碳铬铁": Decimal("0.5")}
    assert (basis.status, basis.resolved, basis.converted) == (MET, True, True)
    assert basis.factor("中碳锰铁") == Decimal("0.8") and basis.factor(None) == 1
    assert basis.factors == basis.known


def test_common_basis_of_one_kind_or_with_kinds_missing() -> None:
    same = common_basis({"硅铁"}, {"硅铁"}, {"硅锰": Decimal(2)}, "硅铁")
    assert (same.status, same.resolved, same.converted) == (Status.NOT_APPLICABLE, True, False)
    assert same.factor("硅锰") == 1 and same.factors == {}
    assert common_basis(set(), {"硅锰"}, {}, "硅铁").status is Status.NOT_APPLICABLE
    missing = common_basis({"硅锰"}, {"硅铁"}, {}, "硅铁", [("retired",)])
    assert (missing.status, missing.resolved, missing.converted) == (UNKNOWN, False, False)
    assert missing.missing == (("retired",),) and missing.kinds == ()


# --------------------------------------------------------------------------------------------
# Undetermined versus not met
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counted", "could", "pending", "unbounded", "expected"),
    [
        (110, 0, 0, 0, MET),  # exactly enough: 不少于
        (110, 0, 1, 1, MET),  # enough whatever the undetermined units count
        (109, 0, 0, 0, NOT_MET),  # one short, nothing pending
        (109, 1, 1, 0, UNKNOWN),  # the pending unit's bound exactly covers the shortfall
        (109, 0, 1, 0, NOT_MET),  # a pending unit that can add nothing
        (100, 9, 1, 0, NOT_MET),  # the bounds one short
        (0, 0, 1, 1, UNKNOWN),  # an unbounded pending unit could cover anything
        (0, 0, 0, 0, NOT_MET),
    ],
)
def test_sufficiency_status_on_integers(
    counted: int, could: int, pending: int, unbounded: int, expected: Status
) -> None:
    # 1.1 × 100 = 110 by cross-multiplication: counted × 10 ⋛ 100 × 11
    assert sufficiency_status(counted, could, pending, unbounded, 100, 11, 10) is expected


def test_sufficiency_status_with_nothing_new_needs_nothing() -> None:
    assert sufficiency_status(0, 0, 0, 0, 0, 5, 4) is MET


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (unit("u", assessed="6万吨", in_region=None), UNKNOWN),  # 5 + 6 = 11: could suffice
        (unit("u", assessed="5.9999万吨", in_region=None), NOT_MET),  # one short of it
        (unit("u", assessed=None, approved=None, source=None), UNKNOWN),  # unbounded
        (unit("u", assessed=None, approved="6万吨"), UNKNOWN),  # bounded by approved: 取小
        (unit("u", assessed=None, approved="5.9999万吨"), NOT_MET),
        (unit("u", assessed="6万吨", in_region=False), NOT_MET),  # excluded: adds nothing
        (unit("u", assessed="6万吨"), MET),  # it counts: 11 exactly
    ],
)
def test_undetermined_units_could_cover_the_shortfall(
    other: dict[str, Any], expected: Status
) -> None:
    d = evaluate(plan(unit("k", assessed="5万吨"), other))
    finding = d.finding(SUFFICIENT)
    assert finding.status is expected
    assert d.results["counted_retirement"].value == (11 if expected is MET else 5) * WAN
    assert d.results["required_retirement"].value == 11 * WAN
    if expected is UNKNOWN:
        assert "可能补足差额：u。" in finding.message.zh
        assert d.results["undetermined_units"] == ["u"]
        assert finding.gap.value == -6 * WAN  # the shortfall of the units that count
    else:
        assert "可能补足差额" not in finding.message.zh


def test_a_plan_that_cannot_be_told_is_unknown_with_the_reason() -> None:
    d = evaluate(plan(enterprise={"kind": "single"}))
    assert status(d) is UNKNOWN
    assert "置换比例未确定" in d.finding(SUFFICIENT).message.zh
    assert d.results["required_retirement"] is None and d.results["surplus"] is None
    d = evaluate(plan(new_capacity=[{"product": "硅铁"}, {"product": "硅铁", "capacity": "1吨"}]))
    assert "未提供第1行新建产能的产能" in d.finding(SUFFICIENT).message.zh
    assert "$.new_capacity[0].capacity" in d.finding(SUFFICIENT).message.en


# --------------------------------------------------------------------------------------------
# The kinds: tier lookup
# --------------------------------------------------------------------------------------------


def test_band_index_is_half_open_at_every_edge() -> None:
    edges = (Decimal(30), Decimal(50))
    assert [band_index(Decimal(v), edges) for v in ("0", "29.99", "30", "49.99", "50", "1e9")] == [
        0,
        0,
        1,
        1,
        2,
        2,
    ]
    assert [band_index(v, (300_000, 500_000)) for v in (299_999, 300_000, 500_000)] == [0, 1, 2]


def test_the_tier_kind_reads_its_facts_and_every_parameter_of_the_table() -> None:
    tier = rules.DEFINITION.criterion("ferroalloy.ratio_tier")
    assert isinstance(tier, BandLookup) and tier.kind == "band_lookup"
    assert tier.references() == (
        Fact("enterprise.kind"),
        Fact("enterprise.scale_after"),
        Param("single_scale_lower"),
        Param("ratio_small"),
        Param("single_scale_upper"),
        Param("ratio_medium"),
        Param("ratio_large"),
        Param("group_scale_lower"),
        Param("group_scale_upper"),
    )
    names = set(rules.DEFINITION.parameters())
    assert {"ratio_small", "ratio_medium", "ratio_large", "group_scale_upper"} <= names


def test_the_table_is_cached_by_the_values_and_keeps_their_form() -> None:
    data = load_parameters("ferroalloy")
    values = dict(data.resolve(ON).values)
    tier = rules.RATIO_TIER
    assert tier.bands(data, values) is tier.bands(data, dict(values))
    plain = ferroalloy.ratio("single", "35万吨", parameters={"ratio_medium": "1.1"})
    assert str(plain) == "1.1"
    shown = ferroalloy.ratio("single", "35万吨", parameters={"ratio_medium": "1.10"})
    assert str(shown) == "1.10"


def test_bands_that_do_not_meet_are_refused_at_the_parameter() -> None:
    data = load_parameters("ferroalloy")
    rows = data.extra["tiers"]["single"]
    broken = [dict(rows[0]), dict(rows[1], **{"from": "group_scale_lower"}), dict(rows[2])]
    odd = attrs.evolve(data, extra={**data.extra, "odd": {"single": broken}})
    values = {**data.resolve(ON).values, "group_scale_lower": 40 * WAN}  # a gap: 30 to 40
    with pytest.raises(InputError) as info:
        band_table(odd, "odd", values, value_key="ratio")
    assert info.value.paths == ("$.parameters.group_scale_lower",)
    assert "must meet" in str(info.value) and "no gap or overlap" in str(info.value)
    assert str(info.value).endswith('e.g. "300000"')  # where the band before it ends
    equal = {**values, "group_scale_lower": values["single_scale_lower"]}
    table = band_table(odd, "odd", equal, value_key="ratio")  # equal values: they meet
    assert [b.id for b in table.groups["single"]] == ["small", "medium", "large"]


def test_a_table_not_open_at_both_ends_is_a_data_error() -> None:
    data = load_parameters("ferroalloy")
    rows = data.extra["tiers"]["single"]
    closed = attrs.evolve(data, extra={**data.extra, "closed": {"single": list(rows[1:])}})
    with pytest.raises(ValueError, match="open at both ends"):
        band_table(closed, "closed", data.resolve(ON).values, value_key="ratio")


def test_tiling_problems_name_the_upper_bound_with_an_example() -> None:
    data = load_parameters("ferroalloy")
    values = {**data.resolve(ON).values, "single_scale_lower": Decimal(500_000)}
    with pytest.raises(InputError) as info:
        rules.RATIO_TIER.bands(data, values)
    (problem,) = info.value.problems
    assert problem.path == "$.parameters.single_scale_upper"
    assert problem.message == (
        "the single scale bands must increase: single_scale_upper (50万吨) must be above "
        'single_scale_lower (50万吨); e.g. "50.0001万吨"'
    )
    assert tiling_problems("single", ()) == []


def test_the_tier_table_is_built_safely_from_many_threads() -> None:
    answers: list[Decimal] = []

    def work(i: int) -> None:
        scale = f"{30 + i % 3}万吨"
        answers.append(ferroalloy.ratio("single", scale, parameters={"ratio_medium": f"1.{i}"}))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == sorted(Decimal(f"1.{i}") for i in range(1, 9))


# --------------------------------------------------------------------------------------------
# The kinds: each item, the count
# --------------------------------------------------------------------------------------------


def test_item_status_a_definite_exclusion_wins() -> None:
    assert item_status(True, True) is NOT_MET
    assert item_status(True, False) is NOT_MET
    assert item_status(False, True) is UNKNOWN
    assert item_status(False, False) is MET


def test_verdict_counts_nothing_for_an_excluded_item_and_names_each_missing_fact_once() -> None:
    excluded = verdict("a", 0, None, [("x",)], ["source"], Decimal(5), Decimal(5))
    assert (excluded.status, excluded.counted, excluded.missing) == (NOT_MET, Decimal(0), ())
    assert excluded.reasons == (("x",),)
    pending = verdict("b", 1, None, [], ["source", "assessed", "source"], Decimal(5), Decimal(5))
    assert (pending.status, pending.counted, pending.missing) == (
        UNKNOWN,
        None,
        ("source", "assessed"),
    )
    assert pending.bound == 5
    counted = verdict("c", 2, None, [], [], Decimal(7), Decimal(7))
    assert (counted.status, counted.counted) == (MET, Decimal(7))


def test_tally_weights_the_counted_and_sets_the_undetermined_apart() -> None:
    items = [
        verdict("a", 0, "x", [], [], Decimal(10), Decimal(10)),
        verdict("b", 1, "y", [("no",)], [], Decimal(4), Decimal(4)),
        verdict("c", 2, "x", [], ["in_region"], Decimal(3), Decimal(3)),
        verdict("d", 3, "y", [], ["assessed"], None, None),
    ]
    weights = {"x": Decimal("0.5"), "y": Decimal(2)}
    count = tally(items, lambda v: weights[v.item])
    assert count == Tally(Decimal(5), Decimal("1.5"), ("c", "d"), ("d",))


def test_common_scale_keeps_every_comparison() -> None:
    assert common_scale(Decimal("1.5"), 2) == (3, 4)
    assert common_scale(Decimal("0.25"), Decimal("1E+3"), Decimal(0)) == (1, 4000, 0)
    counted, could, new = common_scale(Decimal("109999.99"), Decimal("0.01"), Decimal(100_000))
    assert sufficiency_status(counted, could, 1, 0, new, 11, 10) is UNKNOWN
    assert sufficiency_status(counted, could - 1, 1, 0, new, 11, 10) is NOT_MET


def test_one_finding_per_unit_in_order_none_binding() -> None:
    d = evaluate(plan(unit("b"), unit("a", in_region=False), unit("c", source=None)))
    ids = [f.id for f in d.findings]
    assert ids == [
        "ferroalloy.ratio_tier",
        "ferroalloy.unit.b",
        "ferroalloy.unit.a",
        "ferroalloy.unit.c",
        "ferroalloy.assessment",
        "ferroalloy.conversion",
        SUFFICIENT,
    ]
    units = [f for f in d.findings if f.id.startswith("ferroalloy.unit.")]
    assert [f.status for f in units] == [MET, NOT_MET, UNKNOWN]
    assert not any(f.binding for f in units)
    assert all(f.citation is not None and f.citation.article == "第四条" for f in units)
    each = rules.DEFINITION.criterion("ferroalloy.unit")
    assert isinstance(each, EachItem) and each.many
    with pytest.raises(TypeError, match="one finding per item"):
        each.decide(None)  # type: ignore[arg-type]


def test_the_definition_lists_the_articles_in_order() -> None:
    kinds = [type(c) for c in rules.DEFINITION.criteria]
    assert kinds == [BandLookup, EachItem, Flag, CommonBasis, Sufficient]
    assert rules.FerroalloyRuleSet.definition is rules.DEFINITION
    sufficient = rules.DEFINITION.criterion(SUFFICIENT)
    assert [r.name for r in sufficient.references()] == [  # type: ignore[union-attr]
        "count",
        "new_total",
        "replacement_ratio",
        "undecided",
    ]


def test_the_statuses_and_the_words_of_a_pending_plan() -> None:
    d = evaluate(plan(unit("k", assessed="5万吨"), unit("u", assessed="6万吨", in_region=None)))
    assert status(d) is UNKNOWN and d.status.value == "undetermined"
    assert d.finding(SUFFICIENT).message.en.startswith("Counted retired capacity is 50,000")


# --------------------------------------------------------------------------------------------
# 第四条 and 第五条 on plain values
# --------------------------------------------------------------------------------------------


def test_countability_reasons_and_missing_facts_in_order() -> None:
    data = load_parameters("ferroalloy")
    literal = unit_rules(data, data.resolve(ON).values)
    retired = rules.RetiredUnit(
        id="1#",
        source="elimination_plan",
        plan_year=2020,
        furnace_type="semi_closed_dc",
        transformer=Kva(Decimal(3000)),
        in_region=False,
        eliminated_category_2024=True,
        ferroalloy_smelting=False,
    )
    reasons, missing = countability(retired, literal)
    assert reasons == [
        ("plan_year", 2020),
        ("plan_furnace", "semi_closed_dc"),
        ("outside_region",),
        ("eliminated",),
        ("not_smelting",),
        ("small_dc", Decimal(3000)),
    ]
    assert missing == []
    reasons, missing = countability(rules.RetiredUnit(id="2#"), literal)
    assert reasons == []
    assert missing == [
        "source",
        "in_region",
        "eliminated_category_2024",
        "ferroalloy_smelting",
        "furnace_type",
    ]
    large = rules.RetiredUnit(id="3#", source="other", transformer=Kva(Decimal(3001)))
    assert countability(large, literal)[0] == [("source",)]
    assert "furnace_type" not in countability(large, literal)[1]


def test_final_capacity_takes_the_smaller_figure() -> None:
    assert final_capacity(Decimal(10), Decimal(12), False) == (Decimal(10), [])
    assert final_capacity(Decimal(13), Decimal(12), False) == (Decimal(12), [])
    assert final_capacity(Decimal(10), None, False) == (Decimal(10), [])
    assert final_capacity(Decimal(10), None, True) == (Decimal(10), ["approved"])
    assert final_capacity(None, Decimal(12), True) == (Decimal(12), ["assessed"])
    assert final_capacity(None, None, False) == (None, ["assessed"])


def test_the_unit_rules_follow_the_overrides() -> None:
    data = load_parameters("ferroalloy")
    values = data.resolve(
        ON,
        {
            "elimination_plan_scope": "any_furnace",
            "capacity_without_approved_figure": "both_required",
            "dc_furnace_max": "5000kVA",
            "elimination_plan_first_year": 2020,
        },
    ).values
    found = unit_rules(data, values)
    assert (found.literal_scope, found.both_required, found.first_year) == (False, True, 2020)
    assert found.dc_limit == 5000 and found.countable == {"elimination_plan", "compliant_project"}
    assert unit_rules(data, dict(values)) is found


def test_a_basis_is_an_immutable_value() -> None:
    basis = Basis("硅铁")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        basis.base = "硅锰"  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# The generic kinds on their own (what another regulation would rely on)
# --------------------------------------------------------------------------------------------


def row_of(**measured: Any) -> tuple[Row, dict[str, Measure]]:
    """A row of the ferroalloy context whose measures give the ``measured`` values."""
    data = load_parameters("ferroalloy")
    row = Row(None, RuleContext(on=ON, params=data.resolve(ON), data=data))
    return row, {name: Measure(name, partial(_given, value)) for name, value in measured.items()}


def _given(value: Any, row: Row) -> Any:
    return value


def words(outcome: Sufficiency, subject: Message) -> Rendered:
    return Message(outcome.status.value, subject.en), None, None, None


@pytest.mark.parametrize("absent", ["count", "amount", "ratio"])
def test_sufficient_is_unknown_when_any_input_is_absent(absent: str) -> None:
    inputs: dict[str, Any] = {
        "count": Tally(Decimal(20), Decimal(0), (), ()),
        "amount": Decimal(10),
        "ratio": Decimal("1.5"),
        "why": None,
    }
    inputs[absent] = None
    row, refs = row_of(**inputs)
    kind = Sufficient(
        "x.enough",
        refs["count"],
        refs["amount"],
        refs["ratio"],
        refs["why"],
        Message("s", "s"),
        words,
    )
    outcome = kind.outcome(row)
    assert outcome.status is UNKNOWN and outcome.required is None
    assert kind.decide(row).message == Message("unknown", "s")


def test_sufficient_decides_exactly_and_keeps_the_reason_it_cannot() -> None:
    row, refs = row_of(
        count=Tally(Decimal(15), Decimal(0), (), ()), amount=Decimal(10), ratio=Decimal("1.5")
    )
    _, why = row_of(why=None, reason=("no ratio",))
    kind = Sufficient(
        "x.enough",
        refs["count"],
        refs["amount"],
        refs["ratio"],
        why["why"],
        Message("s", "s"),
        words,
    )
    outcome = kind.outcome(row)
    assert (outcome.status, outcome.required, outcome.why) == (MET, Decimal("15.0"), None)
    blocked = attrs.evolve(kind, why=why["reason"]).outcome(row)
    assert (blocked.status, blocked.why, blocked.required) == (UNKNOWN, ("no ratio",), None)
    assert blocked.tally == Tally(Decimal(15), Decimal(0), (), ())
    assert kind.references() == (refs["count"], refs["amount"], refs["ratio"], why["why"])
    assert attrs.evolve(kind, text=lambda o, s: words(o, s)) == kind  # words are not the test
    assert "result" not in repr(kind) and "text" not in repr(kind)


def test_the_base_is_compared_by_value_not_identity() -> None:
    base = "".join(["硅", "铁"])  # equal to "硅铁", another object
    basis = common_basis({"硅锰"}, {"硅铁"}, {"硅锰": Decimal(2)}, base)
    assert basis.known == {"硅锰": Decimal(2), "硅铁": Decimal(1)}
    assert basis.absent == () and basis.status is MET


def test_a_verdict_compares_by_what_was_decided_not_by_the_item() -> None:
    first = verdict("a", 0, {"raw": 1}, [], [], Decimal(1), Decimal(1))
    second = verdict("a", 0, {"raw": 2}, [], [], Decimal(1), Decimal(1))
    assert first == second and "raw" not in repr(first)
    each = EachItem("x.item", items=Measure("items", lambda row: ()), text=lambda v, d, p: None)  # type: ignore[arg-type, return-value]
    assert attrs.evolve(each, text=lambda v, d, p: None) == each  # type: ignore[arg-type, return-value]
    assert "text" not in repr(each)
    basis = CommonBasis("x.basis", basis=Measure("b", lambda row: None), text=basis_text)
    assert attrs.evolve(basis, text=lambda b, d: basis_text(b, d)) == basis
    assert "text" not in repr(basis)


def test_a_data_cache_keeps_up_to_its_size_then_starts_again() -> None:
    cache: DataCache = DataCache(2)
    data = object()
    made: list[str] = []

    def make(value: str) -> Callable[[], str]:
        def build() -> str:
            made.append(value)
            return value

        return build

    assert cache.get(data, ("a",), make("a")) == "a"
    assert cache.get(data, ("b",), make("b")) == "b"
    assert cache.get(data, ("a",), make("A")) == "a" and len(cache) == 2  # kept
    assert cache.get(object(), ("a",), make("other")) == "other"  # another data file
    assert len(cache) == 1  # full: emptied, then the new entry
    assert cache.get(data, ("b",), make("b2")) == "b2"
    assert made == ["a", "b", "other", "b2"]


# --------------------------------------------------------------------------------------------
# The per-unit words
# --------------------------------------------------------------------------------------------


def test_an_excluded_unit_measures_zero() -> None:
    d = evaluate(plan(unit("x", in_region=False), unit("k", assessed="11万吨")))
    finding = d.finding("ferroalloy.unit.x")
    assert finding.status is NOT_MET
    assert finding.measured == Amount(Decimal(0), Kind.MASS, "万吨")
    assert str(d.results["units"]["x"]) == "0万吨"


def test_equal_figures_in_different_units_are_one_figure() -> None:
    d = evaluate(plan(unit("1#", assessed="11万吨", approved="110000吨")))
    message = d.finding("ferroalloy.unit.1#").message
    assert "评估核定产能与立项/批复等文件产能均为11万吨，计11万吨。" in message.zh
    assert "both 110,000 tonnes" in message.en


def test_the_english_label_names_the_product() -> None:
    d = evaluate(plan(unit("1#", assessed="11万吨", approved=None)))
    message = d.finding("ferroalloy.unit.1#").message
    assert message.en.startswith("Retired unit 1# (硅铁) may be used")
    assert message.zh.startswith("退出装备1#（硅铁）可用于置换")
    d = evaluate(plan(unit("2#", product=None, assessed="11万吨")))
    assert d.finding("ferroalloy.unit.2#").message.en.startswith("Retired unit 2# may be used")


def test_every_reason_has_its_words() -> None:
    data = load_parameters("ferroalloy")
    values = data.resolve(ON).values
    codes = [
        ("source",),
        ("plan_year", 2020),
        ("plan_furnace", "other"),
        ("outside_region",),
        ("eliminated",),
        ("not_smelting",),
        ("small_dc", Decimal(2500)),
    ]
    texts = [reason_text(code, data, values) for code in codes]
    assert len({t.zh for t in texts}) == len(codes)
    assert "2021-2023年" in texts[1].zh and "2020" in texts[1].en
    assert "其他炉型" in texts[2].zh and "《产业结构调整指导目录(2024年本)》淘汰类" in texts[4].zh
    assert "3000kVA" in texts[6].zh and "2500kVA" in texts[6].zh


def test_a_band_holds_its_lower_edge_and_not_its_upper() -> None:
    band = rules.RATIO_TIER.bands(
        load_parameters("ferroalloy"), load_parameters("ferroalloy").resolve(ON).values
    ).groups["single"][1]
    assert (band.id, band.lower, band.upper) == ("medium", 30 * WAN, 50 * WAN)
    assert band.contains(30 * WAN) and band.contains(50 * WAN - Decimal("0.001"))
    assert not band.contains(50 * WAN) and not band.contains(30 * WAN - Decimal("0.001"))
    first, *_, last = rules.RATIO_TIER.bands(
        load_parameters("ferroalloy"), load_parameters("ferroalloy").resolve(ON).values
    ).groups["group"]
    assert first.contains(Decimal(0)) and last.contains(Decimal(10) ** 12)


def test_a_table_without_groups_is_one_list_of_bands() -> None:
    data = load_parameters("ferroalloy")
    flat = attrs.evolve(data, extra={**data.extra, "flat": data.extra["tiers"]["group"]})
    lookup = BandLookup(
        "x.flat",
        ruleset="ferroalloy",
        table="flat",
        group=None,
        value=Fact("enterprise.scale_after"),
        text=lambda band, value, data: (Message(band.id, str(value)), None, None, None),
        missing_text=lambda absent, data: (Message("?", ",".join(absent)), None, None, None),
        value_key="ratio",
    )
    context = RuleContext(on=ON, params=data.resolve(ON), data=flat)
    facts = rules.FerroalloyFacts(enterprise=rules.EnterpriseFacts(scale_after=Tonnes(80 * WAN)))
    finding = lookup.decide(Row(facts, context))
    assert (finding.status, finding.message) == (MET, Message("large", "800000"))
    finding = lookup.decide(Row(rules.FerroalloyFacts(), context))
    assert (finding.status, finding.message.en) == (UNKNOWN, "enterprise.scale_after")


def test_bands_that_overlap_or_leave_an_open_end_inside_are_refused() -> None:
    data = load_parameters("ferroalloy")
    rows = data.extra["tiers"]["single"]
    broken = [dict(rows[0]), dict(rows[1], **{"from": "group_scale_lower"}), dict(rows[2])]
    odd = attrs.evolve(data, extra={**data.extra, "odd": {"single": broken}})
    values = {**data.resolve(ON).values, "group_scale_lower": 20 * WAN}  # overlap: 20 to 30
    with pytest.raises(InputError) as info:
        band_table(odd, "odd", values, value_key="ratio")
    assert info.value.paths == ("$.parameters.group_scale_lower",)
    assert "group_scale_lower (200000) must equal single_scale_lower (300000)" in str(info.value)
    fresh = {**values, "group_scale_lower": Decimal(str(values["single_scale_lower"]))}
    assert band_table(odd, "odd", fresh, value_key="ratio").edges["single"] == (
        30 * WAN,
        50 * WAN,
    )
    middle = {k: v for k, v in rows[1].items() if k != "below"}
    gap = attrs.evolve(data, extra={**data.extra, "gap": {"single": [rows[0], middle, rows[2]]}})
    with pytest.raises(InputError) as info:
        band_table(gap, "gap", values, value_key="ratio")
    assert "must equal the upper bound of the band before it (open)" in str(info.value)


def test_the_default_words_of_a_broken_table() -> None:
    data = load_parameters("ferroalloy")
    values = {**data.resolve(ON).values, "single_scale_lower": 50 * WAN}
    bands = rules.RATIO_TIER.bands(data, data.resolve(ON).values).groups["single"]
    broken = [
        attrs.evolve(b, lower=values["single_scale_lower"]) if b.id == "medium" else b
        for b in bands
    ]
    (problem,) = tiling_problems("single", broken[1:2])
    assert problem.message == (
        "the single scale bands must increase: single_scale_upper (500000) must be above "
        'single_scale_lower (500000); e.g. "500001"'
    )
    (problem,) = tiling_problems("single", broken[1:2], noun="rate", step=Decimal("0.5"))
    assert problem.message.endswith('e.g. "500000.5"') and "single rate bands" in problem.message
    with pytest.raises(TypeError):
        tiling_problems("single", broken, "scale")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        band_table(data, "tiers", values, "ratio")  # type: ignore[call-arg]


def test_a_band_does_not_hold_what_is_above_it() -> None:
    data = load_parameters("ferroalloy")
    small, medium, _ = rules.RATIO_TIER.bands(data, data.resolve(ON).values).groups["single"]
    assert not medium.contains(60 * WAN) and not small.contains(31 * WAN)
    assert small.contains(-WAN)  # open below


def test_kinds_compare_by_their_test_and_show_no_functions() -> None:
    tier = rules.RATIO_TIER
    other = attrs.evolve(tier, text=lambda b, v, d: tier_text(b, v, d), show=str)
    assert other == tier
    assert "text" not in repr(tier) and "show" not in repr(tier) and "chosen" not in repr(tier)
    assert "table_in_force" not in repr(tier)
    data = load_parameters("ferroalloy")
    band = tier.bands(data, data.resolve(ON).values).groups["single"][0]
    assert attrs.evolve(band, row={}) == band and "row" not in repr(band)


# --------------------------------------------------------------------------------------------
# The conversion skips excluded units only (continue, not break), and the results by status
# --------------------------------------------------------------------------------------------


def test_an_excluded_unit_first_does_not_hide_the_units_after_it() -> None:
    excluded = unit("x", product="锰铁", in_region=False)
    d = evaluate(plan(excluded, unit("n", product=None, assessed="11万吨")))
    finding = d.finding("ferroalloy.conversion")
    assert finding.status is UNKNOWN
    assert "$.retired[1].product" in finding.message.en and "$.retired[0]" not in finding.message.en
    d = evaluate(plan(excluded, unit("m", product="硅锰", assessed="11万吨")))
    assert status(d, "ferroalloy.conversion") is UNKNOWN  # 硅锰 against 硅铁: a factor is needed
    assert "硅锰" in d.finding("ferroalloy.conversion").message.zh
    assert "锰铁" not in d.finding("ferroalloy.conversion").message.zh


def test_an_undetermined_unit_needs_its_product() -> None:
    d = evaluate(plan(unit("k", assessed="11万吨"), unit("u", product=None, in_region=None)))
    finding = d.finding("ferroalloy.conversion")
    assert finding.status is UNKNOWN and "$.retired[1].product" in finding.message.en


def test_the_units_by_status_in_the_results() -> None:
    d = evaluate(
        plan(
            unit("x", in_region=False),
            unit("k", assessed="11万吨"),
            unit("u", in_region=None),
            unit("y", ferroalloy_smelting=False),
        )
    )
    assert d.results["excluded_units"] == ["x", "y"]
    assert d.results["undetermined_units"] == ["u"]
    assert {k: str(v) if v is not None else None for k, v in d.results["units"].items()} == {
        "x": "0万吨",
        "k": "11万吨",
        "u": None,
        "y": "0万吨",
    }


# --------------------------------------------------------------------------------------------
# The public helpers: keyword-only options, the library's decimal context
# --------------------------------------------------------------------------------------------


def test_the_options_of_the_helpers_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        ferroalloy.tiers("single", None)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ferroalloy.tier("single", "35万吨", None)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ferroalloy.ratio("single", "35万吨", None)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ferroalloy.required_retirement("single", "35万吨", "1万吨", None)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ferroalloy.plan_notice_due(dt.date(2025, 3, 1), None)  # type: ignore[call-arg]


def test_every_entry_point_runs_under_the_librarys_context() -> None:
    for helper in (
        ferroalloy.tiers,
        ferroalloy.tier,
        ferroalloy.ratio,
        ferroalloy.required_retirement,
        ferroalloy.plan_notice_due,
        rules.FerroalloyRuleSet.parse_facts,
        rules.FerroalloyRuleSet.decide,
    ):
        assert getattr(helper, "__wrapped__", None) is not None, helper
    with localcontext(Context(prec=2, traps=[Inexact, InvalidOperation])):
        assert str(ferroalloy.required_retirement("single", "35万吨", "20.5万吨")) == "225500"
        assert str(ferroalloy.required_retirement("single", "35万吨", "0.5吨")) == "0.55"
        assert ferroalloy.tier("group", "123456789吨").ratio == 1
        assert status(evaluate(plan())) is MET


def test_common_scale_is_exact_for_any_size() -> None:
    scaled = common_scale(Decimal("1E-30"), 10**40 + 1, Decimal("12345678901234567890.5"))
    assert scaled == (1, (10**40 + 1) * 10**30, 123456789012345678905 * 10**29)
    assert all(type(value) is int for value in scaled)


def test_a_span_of_one_year_reads_as_that_year() -> None:
    data = load_parameters("ferroalloy")
    values = {
        **data.resolve(ON).values,
        "elimination_plan_first_year": 2022,
        "elimination_plan_last_year": int("2022"),  # equal, another object
    }
    text = reason_text(("plan_year", 2020), data, values)
    assert "第四条所指2022年实施方案" in text.zh and "not in the 2022 plans" in text.en


def test_the_definition_reads_every_parameter_of_the_data_file() -> None:
    assert set(rules.DEFINITION.parameters()) == set(load_parameters("ferroalloy").parameters)


def test_a_missing_product_or_capacity_names_its_line_from_one() -> None:
    lines = [
        {"product": "硅铁", "capacity": "5万吨"},
        {"capacity": "5万吨"},
        {"product": "硅铁", "capacity": "1万吨"},
    ]
    d = evaluate(plan(new_capacity=lines))
    conversion = d.finding("ferroalloy.conversion").message
    assert (
        "第2行新建产能的产品品种" in conversion.zh and "$.new_capacity[1].product" in conversion.en
    )
    lines = [{"product": "硅铁", "capacity": "5万吨"}, {"product": "硅铁"}, {"product": "硅铁"}]
    message = evaluate(plan(new_capacity=lines)).finding(SUFFICIENT).message
    assert "未提供第2行、第3行新建产能的产能" in message.zh
    assert "$.new_capacity[1].capacity, $.new_capacity[2].capacity" in message.en


def test_a_tier_holds_its_lower_edge_and_not_its_upper() -> None:
    medium = ferroalloy.tier("single", "30万吨")
    assert medium.id == "medium"
    assert medium.contains(30 * WAN) and not medium.contains(30 * WAN - Decimal("0.001"))
    assert not medium.contains(50 * WAN) and medium.contains(50 * WAN - Decimal("0.001"))


@pytest.mark.parametrize(
    ("units", "verdict_zh", "verdict_en"),
    [
        ((unit("k", assessed="11万吨"),), "，符合。", ": met."),
        (
            (unit("k", assessed="10万吨"),),
            "，相差1万吨，不符合。",
            "short by 10,000 tonnes: not met.",
        ),
        (
            (unit("k", assessed="10万吨"), unit("u", in_region=None)),
            "，相差1万吨，不符合。但以下装备能否计入或计入多少尚未确定，可能补足差额：u。",
            "short by 10,000 tonnes: not met. But these units may yet count and could cover the "
            "shortfall: u.",
        ),
    ],
)
def test_the_sufficiency_reads_met_short_or_pending(
    units: tuple[dict[str, Any], ...], verdict_zh: str, verdict_en: str
) -> None:
    message = evaluate(plan(*units)).finding(SUFFICIENT).message
    assert message.zh.startswith("计入置换的退出产能为")
    assert message.zh.endswith(verdict_zh) and message.en.endswith(verdict_en)


@pytest.mark.parametrize("product", ["中碳锰铁", "高碳铬铁"])
def test_the_conversion_lists_each_factor_but_the_bases(product: str) -> None:
    facts = plan(unit(product=product, assessed="11万吨"), ferrosilicon_equivalents={product: "2"})
    message = evaluate(facts).finding("ferroalloy.conversion").message
    assert f"：1吨{product}=2吨硅铁。" in message.zh and "1吨硅铁=" not in message.zh
    assert f"factors: 1 t {product} = 2 t 硅铁." in message.en


def test_band_table_words_a_broken_order_with_its_defaults() -> None:
    data = load_parameters("ferroalloy")
    values = {**data.resolve(ON).values, "single_scale_upper": 30 * WAN}
    with pytest.raises(InputError) as info:
        band_table(data, "tiers", values, value_key="ratio")
    (problem,) = info.value.problems
    assert problem.message.endswith('e.g. "300001"') and "single scale bands" in problem.message
    tier = rules.RATIO_TIER
    assert attrs.evolve(tier, missing_text=lambda a, d: tier_missing_text(a, d)) == tier
