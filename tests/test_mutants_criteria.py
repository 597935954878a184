"""The criterion vocabulary's contract, pinned where mutation testing found it loose
(docs/mutation.md): every status on both sides of every comparison (民法典 第1259条), the full
explanation of each status in both languages (measured, required, gap), the declarative kinds'
subjects, and exact shares and growth factors at any magnitude."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from nmgpolicy.criteria import (
    Applies,
    Attestation,
    Compare,
    Custom,
    Flag,
    Shown,
    Threshold,
    attestation,
    factor_at_least,
    flag,
    not_applicable,
    share_at_least,
    show,
    threshold,
    threshold_status,
)
from nmgpolicy.definition import Fact, Param, Row
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Amount, Message, Percent, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.units import Kind

ON = dt.date(2026, 6, 1)
SUBJECT = Message("集群占地面积", "Cluster area")


@pytest.fixture
def ctx() -> Context:
    data = load_parameters("cluster")
    return Context(on=ON, params=data.resolve(ON, None), data=data)


@attrs.frozen
class _Facts:
    value: object = None
    high: bool | None = None


# ---- flags and attestations --------------------


def test_flag_messages_for_each_status(ctx: Context) -> None:
    met = flag(ctx, "cluster.operator", True, SUBJECT)
    assert met.status is Status.MET
    assert met.message == Message("符合：集群占地面积。", "Met: Cluster area.")
    assert (met.measured, met.required, met.gap) == (True, True, None)
    unmet = flag(ctx, "cluster.operator", False, SUBJECT)
    assert unmet.status is Status.NOT_MET
    assert unmet.message == Message("不符合：集群占地面积。", "Not met: Cluster area.")
    assert (unmet.measured, unmet.required) == (False, True)
    missing = flag(ctx, "cluster.operator", None, SUBJECT)
    assert missing.status is Status.UNKNOWN
    assert missing.message == Message(
        "缺少事实：集群占地面积（未提供）。", "Fact missing: Cluster area (not provided)."
    )
    assert missing.measured is None
    assert missing.citation == ctx.data.criteria["cluster.operator"].citation


def test_a_flag_expecting_false_and_an_attestation(ctx: Context) -> None:
    assert flag(ctx, "cluster.operator", False, SUBJECT, expected=False).status is Status.MET
    no = flag(ctx, "cluster.operator", True, SUBJECT, expected=False)
    assert no.status is Status.NOT_MET and no.message.zh.startswith("不符合")
    assert (no.measured, no.required) == (True, False)
    review = attestation(ctx, "cluster.operator", None, SUBJECT)
    assert review.status is Status.REVIEW
    assert review.message == Message(
        "需审查：集群占地面积（未提供证明）。", "Needs review: Cluster area (no attestation given)."
    )
    assert attestation(ctx, "cluster.operator", True, SUBJECT).status is Status.MET
    assert attestation(ctx, "cluster.operator", False, SUBJECT).status is Status.NOT_MET


# ---- thresholds (民法典 第1259条: 以上/以下 include the number, 超过/低于 do not) ----

BOTH_SIDES = [
    # compare, below the threshold, at it, above it
    (Compare.AT_LEAST, False, True, True),
    (Compare.AT_MOST, True, True, False),
    (Compare.BELOW, True, False, False),
    (Compare.ABOVE, False, False, True),
]


@pytest.mark.parametrize(("compare", "below", "at", "above"), BOTH_SIDES)
def test_each_comparison_on_both_sides_of_its_threshold(
    compare: Compare, below: bool, at: bool, above: bool
) -> None:
    required = Decimal("0.6")
    for measured, holds in ((Decimal("0.5999"), below), (required, at), (Decimal("0.6001"), above)):
        assert compare.holds(measured, required) is holds
        expected = Status.MET if holds else Status.NOT_MET
        assert threshold_status(measured, required, compare) is expected  # hard by default
        soft = Status.MET if holds else Status.REVIEW
        assert threshold_status(measured, required, compare, soft=True) is soft
    assert threshold_status(None, required, compare) is Status.UNKNOWN
    assert threshold_status(None, required, compare, soft=True) is Status.UNKNOWN


def test_how_messages_word_each_comparison() -> None:
    assert Compare.AT_LEAST.words == Message("不低于", "at least")
    assert Compare.AT_MOST.words == Message("不超过", "at most")
    assert Compare.BELOW.words == Message("低于", "below")
    assert Compare.ABOVE.words == Message("超过", "above")


def test_a_threshold_met_names_measured_and_required(ctx: Context) -> None:
    f = threshold(ctx, "cluster.area", Decimal(80), Decimal(100), SUBJECT, compare=Compare.AT_MOST)
    assert f.status is Status.MET
    assert f.message == Message(
        "集群占地面积为80，要求不超过100，符合。",
        "Cluster area is 80; required at most 100: met.",
    )
    assert (f.measured, f.required, f.gap) == (Decimal(80), Decimal(100), Decimal(20))


def test_a_threshold_failed_names_the_gap_hard_and_soft(ctx: Context) -> None:
    hard = threshold(
        ctx, "cluster.area", Decimal(103), Decimal(100), SUBJECT, compare=Compare.AT_MOST
    )
    assert hard.status is Status.NOT_MET  # hard unless said soft
    assert hard.message == Message(
        "集群占地面积为103，要求不超过100，相差3，不符合。",
        "Cluster area is 103; required at most 100; short by 3: not met.",
    )
    assert hard.gap == Decimal(-3)
    soft = threshold(
        ctx, "cluster.area", Decimal(103), Decimal(100), SUBJECT, compare=Compare.AT_MOST, soft=True
    )
    assert soft.status is Status.REVIEW
    assert soft.message == Message(
        "集群占地面积为103，要求不超过100，相差3，需审查。",
        "Cluster area is 103; required at most 100; short by 3: needs review.",
    )
    low = threshold(ctx, "cluster.area", Decimal(97), Decimal(100), SUBJECT)
    assert low.status is Status.NOT_MET and low.gap == Decimal(-3)
    assert "相差3，不符合" in low.message.zh and "short by 3: not met" in low.message.en


def test_a_missing_quantity_is_unknown_and_says_what_is_required(ctx: Context) -> None:
    f = threshold(
        ctx, "cluster.area", None, Decimal(100), SUBJECT, compare=Compare.AT_MOST, kind=Kind.AREA
    )
    assert f.status is Status.UNKNOWN
    assert f.message.zh == "缺少事实：集群占地面积（要求不超过100平方公里）。"
    assert f.message.en.startswith("Fact missing: Cluster area (required: at most 100")
    assert f.measured is None and f.gap is None
    assert f.required == Amount(Decimal(100), Kind.AREA, None)


def test_threshold_values_keep_their_kind_or_read_as_percentages(ctx: Context) -> None:
    money = threshold(
        ctx, "cluster.output", Decimal(1_400_000_000), Decimal(1_500_000_000), SUBJECT,
        kind=Kind.MONEY, unit="亿元",
    )  # fmt: skip
    assert money.measured == Amount(Decimal(1_400_000_000), Kind.MONEY, "亿元")
    assert money.gap == Amount(Decimal(-100_000_000), Kind.MONEY, "亿元")
    assert "为14亿元，要求不低于15亿元，相差1亿元" in money.message.zh
    share = threshold(
        ctx, "cluster.sme_share", Decimal("0.59"), Decimal("0.6"), SUBJECT, percent=True
    )
    assert isinstance(share.measured, Percent) and isinstance(share.gap, Percent)
    assert share.message.zh == "集群占地面积为59%，要求不低于60%，相差1%，不符合。"
    plain = threshold(ctx, "cluster.area", Decimal(1), Decimal(2), SUBJECT)
    assert type(plain.measured) is Decimal and type(plain.gap) is Decimal


def test_threshold_takes_its_arguments_by_name() -> None:
    data = load_parameters("cluster")
    ctx = Context(on=ON, params=data.resolve(ON, None), data=data)
    f = threshold(
        ctx=ctx, criterion_id="cluster.area", measured=Decimal(1), required=Decimal(2),
        subject=SUBJECT,
    )  # fmt: skip
    assert f.status is Status.NOT_MET
    with pytest.raises(TypeError):
        threshold(ctx, "cluster.area", Decimal(1), Decimal(2), SUBJECT, Compare.AT_MOST)  # type: ignore[call-arg]


def test_not_applicable_says_why(ctx: Context) -> None:
    f = not_applicable(
        ctx, "cluster.energy_efficiency", Message("非高耗能", "not energy-intensive")
    )
    assert f.status is Status.NOT_APPLICABLE
    assert f.message == Message("不适用：非高耗能。", "Not applicable: not energy-intensive.")
    assert (f.measured, f.required, f.gap) == (None, None, None)


def test_show_and_shown() -> None:
    assert show(Decimal("0.06"), percent=True) == "6%"
    assert show(Decimal("100"), kind=Kind.AREA) == "100平方公里"
    assert show(Decimal("100"), kind=Kind.AREA, lang="en") != "100平方公里"
    assert show(Decimal("2.50")) == "2.5"
    shown = Shown(Kind.MONEY, "万元")
    assert shown.text(Decimal(150_000)) == "15万元"
    assert shown.wrap(Decimal(1)) == Amount(Decimal(1), Kind.MONEY, "万元")
    assert Shown(percent=True).text(Decimal("0.5")) == "50%"
    assert isinstance(Shown(percent=True).wrap(Decimal("0.5")), Percent)
    assert type(Shown().wrap(Decimal("0.5"))) is Decimal


# ---- the declarative kinds --------------------


def test_a_flag_kind_names_its_subject_three_ways(ctx: Context) -> None:
    row = Row(_Facts(value=True), ctx)
    given = Flag("cluster.operator", Fact("value"), subject=SUBJECT).decide(row)
    assert given.message.zh == "符合：集群占地面积。"
    computed = Flag(
        "cluster.operator", Fact("value"), subject=lambda r: Message("算出", "computed")
    ).decide(row)
    assert computed.message == Message("符合：算出。", "Met: computed.")
    titled = Flag("cluster.operator", Fact("value")).decide(row)
    assert titled.message.zh == "符合：集群设立了运营管理机构。"  # the data file's title
    assert Flag("cluster.operator", Fact("value"), expected=False).decide(row).status is (
        Status.NOT_MET
    )
    assert Flag("cluster.operator", Fact("value")).decide(Row(_Facts(), ctx)).status is (
        Status.UNKNOWN
    )


def test_an_attestation_kind_needs_review_when_absent(ctx: Context) -> None:
    kind = Attestation("cluster.operator", Fact("value"))
    assert kind.decide(Row(_Facts(), ctx)).status is Status.REVIEW
    assert "未提供证明" in kind.decide(Row(_Facts(), ctx)).message.zh
    assert kind.decide(Row(_Facts(value=False), ctx)).status is Status.NOT_MET
    assert kind.decide(Row(_Facts(value=True), ctx)).status is Status.MET


def test_a_threshold_kind_reads_counts_and_decimals_exactly(ctx: Context) -> None:
    kind = Threshold(
        "cluster.innovation_platforms", Fact("value"), Param("min_innovation_platforms")
    )
    assert kind.decide(Row(_Facts(value=2), ctx)).status is Status.MET  # 2 or more
    one = kind.decide(Row(_Facts(value=1), ctx))
    assert one.status is Status.NOT_MET and one.gap == Decimal(-1)
    assert (
        one.message.zh
        == "自治区级及以上制造业创新中心或创新平台数量为1，要求不低于2，相差1，不符合。"
    )
    assert kind.decide(Row(_Facts(), ctx)).status is Status.UNKNOWN
    area = Threshold(
        "cluster.area", Fact("value"), Param("max_area"), Compare.AT_MOST, Kind.AREA, soft=True
    )
    assert area.decide(Row(_Facts(value=Decimal("100")), ctx)).status is Status.MET
    over = area.decide(Row(_Facts(value=Decimal("100.5")), ctx))
    assert over.status is Status.REVIEW
    assert (
        over.message.zh
        == "集群占地面积为100.5平方公里，要求不超过100平方公里，相差0.5平方公里，需审查。"
    )
    with pytest.raises(TypeError):
        kind.decide(Row(_Facts(value=True), ctx))
    assert kind.references() == (Fact("value"), Param("min_innovation_platforms"))


def test_applies_only_where_the_condition_holds(ctx: Context) -> None:
    then = Flag("cluster.energy_efficiency", Fact("value"))
    kind = Applies(
        "cluster.energy_efficiency",
        Fact("high"),
        then,
        Message("是否高耗能未说明", "whether energy-intensive is not said"),
        Message("非高耗能", "not energy-intensive"),
    )
    missing = kind.decide(Row(_Facts(value=True), ctx))
    assert missing.status is Status.UNKNOWN
    assert missing.message == Message(
        "缺少事实：是否高耗能未说明。", "Fact missing: whether energy-intensive is not said."
    )
    exempt = kind.decide(Row(_Facts(value=False, high=False), ctx))
    assert exempt.status is Status.NOT_APPLICABLE
    assert exempt.message.en == "Not applicable: not energy-intensive."
    assert kind.decide(Row(_Facts(value=False, high=True), ctx)).status is Status.NOT_MET
    assert kind.decide(Row(_Facts(value=True, high=True), ctx)).status is Status.MET
    assert kind.parts == (then,)
    assert kind.references() == (Fact("high"),)


def test_a_custom_kind_runs_its_function_and_lists_what_it_reads(ctx: Context) -> None:
    kind = Custom(
        "cluster.operator",
        lambda row: row.ctx.finding("cluster.operator", Status.REVIEW, "审", "review"),
        reads=(Fact("value"), Param("max_area")),
    )
    assert kind.decide(Row(_Facts(), ctx)).status is Status.REVIEW
    assert kind.references() == (Fact("value"), Param("max_area"))
    assert Custom("x", lambda row: None).references() == ()  # type: ignore[arg-type,return-value]


# ---- exact shares and growth --------------------

BIG = 10**30 + 1  # far beyond a float's 53 bits: only integer arithmetic gets these right


def test_share_at_least_on_both_sides_and_at_any_magnitude() -> None:
    assert share_at_least(3, 5, Decimal("0.6")) and not share_at_least(2, 5, Decimal("0.6"))
    assert share_at_least(BIG * 3, BIG * 5, Decimal("0.6"))
    assert not share_at_least(BIG * 3 - 1, BIG * 5, Decimal("0.6"))
    assert share_at_least(Decimal("0.3"), Decimal("0.5"), Decimal("0.6"))


def test_factor_at_least_on_both_sides_and_at_any_magnitude() -> None:
    # 121 / 100 = 1.1 ** 2 exactly: a compound rate of 10 % over two steps, not a hair less
    assert factor_at_least(100, 121, Decimal("0.1"), 2)
    assert not factor_at_least(100, 120, Decimal("0.1"), 2)
    assert not factor_at_least(101, 121, Decimal("0.1"), 2)
    assert factor_at_least(BIG, BIG, Decimal(0), 3)
    assert not factor_at_least(BIG + 1, BIG, Decimal(0), 3)
    assert factor_at_least(BIG * 100, BIG * 121, Decimal("0.1"), 2)
    assert not factor_at_least(BIG * 100, BIG * 121 - 1, Decimal("0.1"), 2)
    assert factor_at_least(Decimal("1.00"), Decimal("1.21"), Decimal("0.1"), 2)
    assert not factor_at_least(Decimal("1.00"), Decimal("1.2099"), Decimal("0.1"), 2)
    assert factor_at_least(Decimal("0.5"), Decimal("0.45"), Decimal("-0.1"), 1)  # a decline
    assert not factor_at_least(Decimal("0.5"), Decimal("0.449"), Decimal("-0.1"), 1)


def test_an_absent_fact_read_as_not_met_still_says_it_is_missing(ctx: Context) -> None:
    f = flag(ctx, "cluster.operator", None, SUBJECT, absent=Status.NOT_MET)
    assert f.status is Status.NOT_MET
    assert f.message == Message(
        "缺少事实：集群占地面积（未提供）。", "Fact missing: Cluster area (not provided)."
    )


def test_the_helpers_options_are_keyword_only(ctx: Context) -> None:
    with pytest.raises(TypeError):
        flag(ctx, "cluster.operator", True, SUBJECT, False)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        show(Decimal(1), Kind.AREA)  # type: ignore[call-arg]
    assert show(value=Decimal(1)) == "1"
    assert flag(ctx=ctx, criterion_id="cluster.operator", value=True, subject=SUBJECT).status is (
        Status.MET
    )


def test_a_custom_kind_shows_and_compares_by_id_and_reads() -> None:
    first = Custom("cluster.operator", lambda row: None, reads=(Fact("value"),))  # type: ignore[arg-type,return-value]
    second = Custom("cluster.operator", lambda row: None, reads=(Fact("value"),))  # type: ignore[arg-type,return-value]
    assert first == second
    assert repr(first) == "Custom(id='cluster.operator', reads=(Fact(path='value'),))"
