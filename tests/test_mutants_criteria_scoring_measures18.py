"""``criteria_scoring_measures`` (what a banded indicator measures) pinned where its full
mutation run found it loose (docs/mutation.md): compound rates shown rounded down — a fall
below zero included, which raised ``InvalidOperation`` for two years or more —, comparisons
whose difference is under one, and the words of a gap in either language."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy.criteria_scoring_measures import Growth, MeanGrowth, Plain, fact_names
from nmgpolicy.outcome import Message

D = Decimal


@pytest.mark.parametrize(
    ("new", "base", "years", "shown"),
    [
        # (1 + 10%)² = 1.21: exactly on the edge, shown on it
        ("121", "100", 2, "0.100000"),
        # just below: 0.0999549…, rounded down (never up onto 10%)
        ("120.99", "100", 2, "0.099954"),
        ("133.1", "100", 3, "0.100000"),
        ("100", "100", 2, "0"),
        ("0", "100", 2, "-1"),
        # a fall below zero: the signed root, −|ratio|^(1/years) − 1, rounded down
        ("-50", "100", 2, "-1.707107"),  # −0.70710678… − 1
        ("-27", "1000", 3, "-1.3"),  # the real cube root of −0.027 is −0.3
        ("-1", "100", 2, "-1.1"),
        # √0.02 = 0.1414213…: the root of |ratio| in millionths, 141421.3…, rounds up to 141422
        ("-2", "100", 2, "-1.141422"),
        ("-3", "100", 2, "-1.173206"),  # √0.03 = 0.1732050…: 173205.08… up to 173206
        ("-100", "100", 2, "-2"),
        # one year: the plain rate
        ("-50", "100", 1, "-1.5"),
        ("100.5", "100", 1, "0.005"),
    ],
)
def test_a_compound_rate_is_shown_rounded_down_exactly(
    new: str, base: str, years: int, shown: str
) -> None:
    assert Growth(D(new), D(base), years).shown() == D(shown)


@given(
    st.integers(-(10**6), 10**6),
    st.integers(1, 10**6),
    st.integers(1, 4),
)
def test_a_shown_rate_is_the_largest_millionth_at_or_below_the_signed_root(
    new: int, base: int, years: int
) -> None:
    """(1 + shown)^years ≤ ratio < (1 + shown + 10⁻⁶)^years, with odd powers of a negative
    side for a fall below zero: the millionth just under the rate, never at or over it."""
    shown = Fraction(Growth(D(new), D(base), years).shown())
    ratio = Fraction(new, base)

    def signed_power(rate: Fraction) -> Fraction:
        side = 1 + rate
        power = abs(side) ** years
        return -power if side < 0 else power

    step = Fraction(1, 10**6)
    assert signed_power(shown) <= ratio < signed_power(shown + step)


def test_a_difference_under_one_is_still_above_or_below() -> None:
    """The sign of a difference smaller than 1 (元 or a share's fraction) is not 0."""
    assert Growth(D("100.5"), D(100)).compare(D(0)) == 1
    assert Growth(D("99.5"), D(100)).compare(D(0)) == -1
    assert Growth(D(100), D(100)).compare(D(0)) == 0
    # mean of 0.5% and 0.5%: y1·y3 + y2² − (2 + 2r)·y2·y3 = 0.25 > 0 at r = 0
    assert MeanGrowth(D("101.0025"), D("100.5"), D(100)).compare(D(0)) == 1
    assert MeanGrowth(D("100.5"), D("100.5"), D("100.5")).compare(D(0)) == 0


def test_a_gap_is_worded_in_the_language_asked_however_the_name_was_made() -> None:
    """A language name built at run time (read from a request) is not the literal "zh"."""
    zh = "".join(["z", "h"])
    share = Plain(D("0.032"))
    assert share.short_text(D("0.05"), lower=False, lang=zh) == "1.8个百分点"
    assert share.short_text(D("0.05"), lower=False, lang="en") == "1.8 percentage points"
    assert share.text(zh) == "3.2%"
    growth = Growth(D("103"), D(100))
    assert growth.short_text(D("0.05"), lower=False, lang=zh) == "2个百分点"


def test_a_fact_whose_english_label_is_its_key_is_named_once() -> None:
    """The key is shown beside the English label only where the two differ; a key read from a
    request is equal to the label's text, not the same object."""
    key = "".join(["rev", "enue"])
    labels = {"revenue": Message("营业收入", "revenue"), "debt": Message("负债", "debt ratio")}
    assert fact_names(labels, (key, "debt")) == Message(
        "营业收入、负债", "revenue, debt ratio (debt)"
    )
    assert fact_names(labels, ("other",)) == Message("other", "other")


@pytest.mark.parametrize(
    ("y1", "y2", "y3", "shown"),
    [
        ("121", "110", "100", "0.1"),  # 10 % and 10 %
        ("100", "90", "80", "0.118055"),  # (12.5 % + 11.11…%) / 2 = 11.80555…%, rounded down
        ("80", "90", "100", "-0.105556"),  # (−10 % − 11.11…%) / 2 = −10.5555…%, rounded down
    ],
)
def test_a_mean_of_two_yearly_rates_is_shown_rounded_down_exactly(
    y1: str, y2: str, y3: str, shown: str
) -> None:
    """附件2 ② "近2年主营业务收入平均增长率" read as the mean of the two yearly rates."""
    assert MeanGrowth(D(y1), D(y2), D(y3)).shown() == D(shown)


@given(st.integers(0, 10**7), st.integers(1, 10**7), st.integers(1, 10**7))
def test_a_shown_mean_is_the_largest_millionth_at_or_below_it(y1: int, y2: int, y3: int) -> None:
    shown = Fraction(MeanGrowth(D(y1), D(y2), D(y3)).shown())
    mean = (Fraction(y2, y3) - 1 + Fraction(y1, y2) - 1) / 2
    assert shown <= mean < shown + Fraction(1, 10**6)
    assert shown * 10**6 == int(shown * 10**6)
