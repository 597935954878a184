"""Criterion combinators: statuses, gaps and messages on both sides of each comparison."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy.criteria import Compare, attestation, flag, not_applicable, show, threshold
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Amount, Message, Status
from nmgpolicy.params import Resolved, parameter_set_from_mapping
from nmgpolicy.units import Kind

DATA = parameter_set_from_mapping(
    {
        "ruleset": {"id": "t"},
        "criteria": {
            "t.x": {"title": "x", "citation": {"document": "《办法》", "text": "80万元/套以上"}}
        },
    },
    "t.toml",
)
SUBJECT = Message("成套设备价值", "value of a complete set")


@pytest.fixture
def ctx() -> Context:
    return Context(on=dt.date(2026, 1, 5), params=Resolved({}, {}), data=DATA)


@pytest.mark.parametrize(
    ("value", "expected", "absent", "status"),
    [
        (True, True, Status.UNKNOWN, Status.MET),
        (False, True, Status.UNKNOWN, Status.NOT_MET),
        (None, True, Status.UNKNOWN, Status.UNKNOWN),
        (False, False, Status.UNKNOWN, Status.MET),
        (True, False, Status.UNKNOWN, Status.NOT_MET),
        (None, True, Status.REVIEW, Status.REVIEW),
    ],
)
def test_flag(
    ctx: Context, value: bool | None, expected: bool, absent: Status, status: Status
) -> None:
    f = flag(ctx, "t.x", value, SUBJECT, expected=expected, absent=absent)
    assert f.status is status
    assert f.citation is not None
    assert f.citation.text == "80万元/套以上"


def test_attestation(ctx: Context) -> None:
    assert attestation(ctx, "t.x", None, SUBJECT).status is Status.REVIEW
    assert "no attestation" in attestation(ctx, "t.x", None, SUBJECT).message.en
    assert attestation(ctx, "t.x", True, SUBJECT).status is Status.MET
    assert attestation(ctx, "t.x", False, SUBJECT).status is Status.NOT_MET


EIGHTY = Decimal("800000")


@pytest.mark.parametrize(
    ("measured", "compare", "soft", "status"),
    [
        (Decimal("799900"), Compare.AT_LEAST, False, Status.NOT_MET),
        (EIGHTY, Compare.AT_LEAST, False, Status.MET),
        (EIGHTY, Compare.AT_MOST, False, Status.MET),
        (Decimal("800001"), Compare.AT_MOST, False, Status.NOT_MET),
        (Decimal("800001"), Compare.AT_MOST, True, Status.REVIEW),
        (EIGHTY, Compare.BELOW, False, Status.NOT_MET),
        (Decimal("799999"), Compare.BELOW, False, Status.MET),
        (EIGHTY, Compare.ABOVE, False, Status.NOT_MET),
        (Decimal("800001"), Compare.ABOVE, False, Status.MET),
        (None, Compare.AT_LEAST, False, Status.UNKNOWN),
    ],
)
def test_threshold_boundaries(
    ctx: Context, measured: Decimal | None, compare: Compare, soft: bool, status: Status
) -> None:
    f = threshold(
        ctx,
        "t.x",
        measured,
        EIGHTY,
        SUBJECT,
        compare=compare,
        soft=soft,
        kind=Kind.MONEY_PER_SET,
        unit="万元/套",
    )
    assert f.status is status
    assert f.required == Amount(EIGHTY, Kind.MONEY_PER_SET, "万元/套")


def test_threshold_gap_and_messages(ctx: Context) -> None:
    f = threshold(
        ctx, "t.x", Decimal("799900"), EIGHTY, SUBJECT, kind=Kind.MONEY_PER_SET, unit="万元/套"
    )
    assert str(f.gap) == "-0.01万元/套"
    assert str(f.measured) == "79.99万元/套"
    assert "相差0.01万元/套" in f.message.zh
    assert "short by 100 yuan per set" in f.message.en  # English units in English
    f = threshold(ctx, "t.x", Decimal("0.59"), Decimal("0.6"), SUBJECT, percent=True)
    assert f.gap == Decimal("-0.01")
    assert "59%" in f.message.zh
    assert "1%" in f.message.zh
    f = threshold(ctx, "t.x", Decimal("90"), Decimal("100"), SUBJECT, compare=Compare.AT_MOST)
    assert f.gap == Decimal("10")
    assert f.status is Status.MET
    f = threshold(
        ctx, "t.x", Decimal("101"), Decimal("100"), SUBJECT, compare=Compare.AT_MOST, soft=True
    )
    assert "需审查" in f.message.zh


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
    )
)
def test_at_least_and_below_are_complements(value: Decimal) -> None:
    assert Compare.AT_LEAST.holds(value, Decimal(3)) != Compare.BELOW.holds(value, Decimal(3))
    assert Compare.AT_MOST.holds(value, Decimal(3)) != Compare.ABOVE.holds(value, Decimal(3))


def test_not_applicable_and_show(ctx: Context) -> None:
    f = not_applicable(ctx, "t.x", Message("非新材料", "not a new material"))
    assert f.status is Status.NOT_APPLICABLE
    assert show(Decimal("0.6"), percent=True) == "60%"
    assert show(Decimal("1.10")) == "1.1"
