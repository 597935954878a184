"""Measurements of a banded indicator: a fact (or a computed growth rate) compared exactly
against a band edge, and the two reasons an indicator cannot be scored (a fact missing, a rate
undefined).

Every comparison is exact (Decimal arithmetic in :data:`EXACT`, wide enough for every input the
units module admits; growth compared by cross-multiplication, never through roots); displayed
rates are rounded down, so that a rate below an edge is never shown at the edge.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

import attrs

from nmgpolicy.criteria_years_growth import _integer_root
from nmgpolicy.outcome import Amount, Message, Percent
from nmgpolicy.units import Kind, format_decimal

__all__ = [
    "EXACT",
    "Growth",
    "MeanGrowth",
    "Measurement",
    "Missing",
    "Plain",
    "Undefined",
    "fact_names",
]

EXACT = decimal.Context(prec=400)
"""The context of every comparison and sum of points: facts have at most 50 significant digits
(units.py), so the products compared (at most three factors) are exact at 400 digits."""


_MILLION = 10**6


def _millionths(value: Fraction) -> Decimal:
    """``value`` rounded down to a millionth, exactly."""
    return Decimal((value.numerator * _MILLION) // value.denominator).scaleb(-6)


def _compound_rate(ratio: Fraction, years: int) -> Decimal:
    """``ratio ** (1 / years) − 1`` rounded down to a millionth, exactly: the root is an integer
    root of the ratio scaled to millionths, so a rate below a band's edge is never shown at it
    (for one year, the root of degree 1: the ratio itself, rounded down).

    A fall below zero (a negative ``new`` over a positive base: ``ratio`` < 0) is shown by the
    signed root, −|ratio| ** (1 / years) − 1: the real root for an odd number of years, and for
    an even number (which has no real root) the same formula, below −100 % — where the exact
    comparison places it, below every edge of −100 % and above. (Against an edge below −100 %,
    which no table has, an even number of years compares ``(1 + edge) ** years``, positive, and
    the displayed figure is no rate the comparison used.)
    """
    scaled = abs(ratio) * _MILLION**years
    root = _integer_root(scaled.numerator // scaled.denominator, years)  # the floor of the root
    if ratio < 0:  # rounded down: the root of |ratio| rounded up, negated
        root = -(root if Fraction(root) ** years == scaled else root + 1)
    return Decimal(root - _MILLION).scaleb(-6)


class Measurement(Protocol):
    """A measured value of a banded indicator."""

    def compare(self, edge: Decimal) -> int:
        """The sign of (value − edge), computed exactly."""

    def shown(self) -> Any:
        """The value for ``measured`` and ``results``: a share or rate as a
        :class:`~nmgpolicy.outcome.Percent` (the Decimal itself, shown "9.5%"), or an Amount."""

    def text(self, lang: str) -> str:
        """The value as messages show it ("3.2%", "450万元")."""

    def short_by(self, edge: Decimal, lower: bool) -> Any:
        """How far the value is from ``edge`` on the side that scores less (>= 0), in the
        value's own form (a Percent for a share or rate, an Amount for money)."""

    def short_text(self, edge: Decimal, lower: bool, lang: str) -> str:
        """:meth:`short_by` as text ("1.8个百分点", "50万元")."""


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _percent(value: Decimal) -> str:
    return f"{format_decimal(value * 100)}%"


def _points_gap(value: Decimal, lang: str) -> str:
    shown = format_decimal(value * 100)
    return f"{shown}个百分点" if lang == "zh" else f"{shown} percentage points"


@attrs.frozen
class Plain:
    """A fact compared as it is: a share (fraction) or an amount of money (元)."""

    value: Decimal
    money: bool = False

    def compare(self, edge: Decimal) -> int:
        value = self.value
        return (value > edge) - (value < edge)

    def shown(self) -> Any:
        return Amount(self.value, Kind.MONEY, "万元") if self.money else Percent(self.value)

    def text(self, lang: str) -> str:
        shown = self.shown()
        return shown.text(lang) if isinstance(shown, Amount) else _percent(self.value)

    def short_by(self, edge: Decimal, lower: bool) -> Any:
        gap = EXACT.subtract(self.value, edge) if lower else EXACT.subtract(edge, self.value)
        return Amount(gap, Kind.MONEY, "万元") if self.money else Percent(gap)

    def short_text(self, edge: Decimal, lower: bool, lang: str) -> str:
        gap = self.short_by(edge, lower)
        return gap.text(lang) if isinstance(gap, Amount) else _points_gap(gap, lang)


class _ShownRate:
    """Display of a growth rate: subclasses give :meth:`shown` (rounded down to a millionth)."""

    def shown(self) -> Decimal:
        raise NotImplementedError

    def text(self, lang: str) -> str:
        return _percent(self.shown())

    def short_by(self, edge: Decimal, lower: bool) -> Decimal:
        return Percent(EXACT.subtract(edge, self.shown()))

    def short_text(self, edge: Decimal, lower: bool, lang: str) -> str:
        return _points_gap(self.short_by(edge, lower), lang)


@attrs.frozen
class Growth(_ShownRate):
    """Growth of ``new`` over ``base`` across ``years`` years (``base`` > 0), compared without
    division or roots: growth ≥ r ⇔ new ≥ base × (1 + r) ** years. With ``years`` = 1 this is
    a yearly growth rate; with 2, a compound (CAGR) rate."""

    new: Decimal
    base: Decimal
    years: int = 1

    def compare(self, edge: Decimal) -> int:
        factor = EXACT.power(EXACT.add(Decimal(1), edge), self.years)
        return _sign(EXACT.subtract(self.new, EXACT.multiply(self.base, factor)))

    def shown(self) -> Decimal:
        # Rounded down exactly (integers: the floor of the root of the ratio scaled to a
        # millionth), so that a rate below a band's edge is never shown at the edge.
        return Percent(_compound_rate(Fraction(self.new) / Fraction(self.base), self.years))


@attrs.frozen
class MeanGrowth(_ShownRate):
    """The arithmetic mean of two yearly growth rates, y3 → y2 → y1 (y1 the latest year).

    mean ≥ r ⇔ (y1/y2 − 1 + y2/y3 − 1) / 2 ≥ r ⇔ y1·y3 + y2² ≥ (2 + 2r)·y2·y3, with y2, y3 > 0:
    compared exactly, without division.
    """

    y1: Decimal
    y2: Decimal
    y3: Decimal

    def compare(self, edge: Decimal) -> int:
        ctx = EXACT
        left = ctx.add(ctx.multiply(self.y1, self.y3), ctx.multiply(self.y2, self.y2))
        factor = ctx.multiply(ctx.add(Decimal(2), ctx.multiply(Decimal(2), edge)), self.y2)
        return _sign(ctx.subtract(left, ctx.multiply(factor, self.y3)))

    def shown(self) -> Decimal:
        y1, y2, y3 = Fraction(self.y1), Fraction(self.y2), Fraction(self.y3)
        return Percent(_millionths((y2 / y3 - 1 + y1 / y2 - 1) / 2))  # rounded down, exactly


@attrs.frozen
class Missing:
    """The facts an indicator needs are absent (JSON keys of the facts)."""

    facts: tuple[str, ...]


@attrs.frozen
class Undefined:
    """The indicator cannot be computed from the facts given: a growth rate over a base year of
    0 (``zero`` names those facts). A reviewer must score it."""

    zero: tuple[str, ...]


def fact_names(labels: Mapping[str, Message], facts: Sequence[str]) -> Message:
    """Facts as a person reads them: their labels in Chinese; label and key in English."""
    words = [labels.get(f) or Message(f, f) for f in facts]
    return Message(
        "、".join(w.zh for w in words),
        ", ".join(
            w.en if w.en == f else f"{w.en} ({f})" for w, f in zip(words, facts, strict=True)
        ),
    )
