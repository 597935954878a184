"""The compound annual growth rate shown beside ``cluster.leading_growth`` is rounded down
exactly: the root is an integer root, never a rounded decimal power, so a rate just below a
boundary is never displayed on it, and a caller's decimal context cannot change it."""

from __future__ import annotations

from decimal import Decimal, Inexact, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy.criteria_years import _annual_rate, _integer_root

PLACES = 6


@given(
    st.integers(min_value=1, max_value=10**20),
    st.integers(min_value=1, max_value=10**20),
    st.integers(min_value=1, max_value=6),
)
def test_the_shown_rate_is_the_floor_of_the_exact_root(last: int, first: int, steps: int) -> None:
    ratio = Fraction(last, first)
    rate = _annual_rate(ratio, steps)
    assert rate.as_tuple().exponent == -PLACES
    shown = Fraction(rate) + 1  # the root shown
    step = Fraction(1, 10**PLACES)
    assert shown >= 0 and shown**steps <= ratio < (shown + step) ** steps


def test_just_below_ten_percent_is_shown_below_ten_percent() -> None:
    ratio = Fraction(967999999999999894, 800000000000000000)  # 1.21 − 1.3·10⁻¹⁶
    assert _annual_rate(ratio, 2) == Decimal("0.099999")
    assert _annual_rate(Fraction(121, 100), 2) == Decimal("0.100000")
    assert _annual_rate(Fraction(1, 4), 2) == Decimal("-0.500000")
    assert _annual_rate(Fraction(0), 3) == Decimal("-1.000000")


def test_a_callers_decimal_context_does_not_change_the_rate() -> None:
    with localcontext() as context:
        context.prec = 1
        context.traps[Inexact] = True
        assert _annual_rate(Fraction(133, 100), 1) == Decimal("0.330000")
        assert _annual_rate(Fraction(10**20 + 1, 1), 1) == Decimal("100000000000000000000.000000")


@pytest.mark.parametrize("degree", [1, 2, 3, 4, 5, 6])
def test_the_integer_root_is_the_floor_root_of_every_small_value(degree: int) -> None:
    root = 0
    for value in range(5000):
        while (root + 1) ** degree <= value:
            root += 1
        assert _integer_root(value, degree) == root, (value, degree)


@given(st.integers(min_value=0, max_value=10**80), st.integers(min_value=1, max_value=8))
def test_the_integer_root_of_a_large_value(value: int, degree: int) -> None:
    root = _integer_root(value, degree)
    assert root**degree <= value < (root + 1) ** degree


def test_the_required_factor_is_written_with_its_own_places() -> None:
    """(1 + 10 %)³ = 1.331 exactly: three places, not four (the places of the required factor
    decide how many places the measured ratio is shown with)."""
    from nmgpolicy.criteria_years import exact_decimal

    assert str(exact_decimal(Fraction(1331, 1000))) == "1.331"
    assert str(exact_decimal(Fraction(21, 10))) == "2.1"
    assert str(exact_decimal(Fraction(3))) == "3"
