"""Growth over the trend years ("年均增速不低于5%"): compound or mean, compared exactly.

Part of :mod:`nmgpolicy.criteria_years` (which re-exports every name; import from it):
:class:`GrowthRate` decides ``last / first >= (1 + r) ** n`` (``cagr``) or
``Σ (y_i / y_(i-1) − 1) >= n · r`` (``mean``) on integers, never through roots
(:func:`growth_status`); the annual rate shown in the results is the exact integer root
rounded down (:func:`_integer_root`), so a rate just below a boundary is never shown on it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria import Compare, Shown, factor_at_least, show, threshold_text
from nmgpolicy.criteria_years_frame import (
    Judged,
    OnYears,
    Window,
    YearFrame,
    _lacking_in,
    _lacking_years,
    inline,
    missing_years_text,
    span,
    years_en,
    years_zh,
)
from nmgpolicy.criteria_years_shares import DISPLAY_PLACES, _ratio, floor_ratio, places
from nmgpolicy.definition import Param, Row
from nmgpolicy.outcome import Amount, Later, Message, Rendered, Status
from nmgpolicy.units import Kind

__all__ = [
    "CAGR",
    "MEAN",
    "GrowthRate",
    "exact_decimal",
    "growth_detail",
    "growth_status",
    "mean_rate_at_least",
    "money",
]

CAGR = "cagr"
"""Compound annual growth: last / first >= (1 + r) ** n."""
MEAN = "mean"
"""The mean of the yearly rates: Σ (y_i / y_(i-1) − 1) >= n · r."""


def exact_decimal(value: Fraction) -> Decimal:
    """A Fraction whose denominator divides a power of ten, as an exact Decimal."""
    digits = 0
    while (value * 10**digits).denominator != 1:
        digits += 1
    return floor_ratio(value.numerator, value.denominator, digits)


def mean_rate_at_least(values: Sequence[int | Decimal], rate: Decimal) -> bool:
    """The mean of the yearly growth rates of ``values`` is at least ``rate``, exactly.

    ``Σ (v_i / v_(i-1) − 1) / n >= rate`` ⇔ ``Σ v_i / v_(i-1) >= n·(1 + rate)``, summed as one
    integer fraction (every base ``v_(i-1)`` > 0): no division, no rounding.
    """
    steps = len(values) - 1
    ratios = [_ratio(v) for v in values]
    total, common = 0, 1
    for (bn, bd), (vn, vd) in itertools.pairwise(ratios):
        num, den = vn * bd, vd * bn  # v_i / v_(i-1)
        total, common = total * den + num * common, common * den
    a, b = (1 + rate).as_integer_ratio()
    return total * b >= steps * a * common


def growth_status(values: Sequence[int | Decimal | None], rate: Decimal, method: str) -> Status:
    """A growth condition over consecutive years: a missing value → unknown; a zero base (the
    first value for ``cagr``, any but the last for ``mean``) → review (the rate is undefined);
    else compared exactly (:func:`~nmgpolicy.criteria.factor_at_least`,
    :func:`mean_rate_at_least`). An average is not a condition on every year: no year decides
    it alone."""
    if None in values:
        return Status.UNKNOWN
    known: Sequence[int | Decimal] = values  # type: ignore[assignment]  # none is None
    steps = len(known) - 1
    if known[0] == 0 if method == CAGR else 0 in known[:-1]:
        return Status.REVIEW
    if method == CAGR:
        met = factor_at_least(known[0], known[-1], rate, steps)
    else:
        met = mean_rate_at_least(known, rate)
    return Status.MET if met else Status.NOT_MET


def _steps_en(steps: int, noun: str) -> str:
    """A count of yearly steps in English, the noun singular at 1 ("1 yearly step")."""
    return f"{steps} {noun}" if steps == 1 else f"{steps} {noun}s"


def _required_factor(rate: Decimal, steps: int) -> Decimal:
    return exact_decimal((1 + Fraction(rate)) ** steps)


def _annual_rate(ratio: Fraction, steps: int) -> Decimal:
    """The compound annual growth rate ``ratio**(1/steps) - 1``, for display only, rounded
    down to the display places exactly: the root is the largest ``k / 10**places`` whose
    ``steps``-th power does not exceed ``ratio`` (an integer root, no rounding on the way), so a
    rate just below a boundary is never shown on it. The decision itself compares
    ``last/first >= (1+r)**steps`` without roots."""
    scale = 10**DISPLAY_PLACES
    root = _integer_root(ratio.numerator * scale**steps // ratio.denominator, steps)
    return Decimal(f"{root - scale}E-{DISPLAY_PLACES}")  # exact: no context involved


def _integer_root(value: int, degree: int) -> int:
    """The largest integer whose ``degree``-th power is at most ``value`` (``value >= 0``)."""
    if value < 2:
        return value
    guess = 1 << -(-value.bit_length() // degree)  # at least the root
    while True:
        better = ((degree - 1) * guess + value // guess ** (degree - 1)) // degree
        if better >= guess:
            return guess
        guess = better


def _floor(value: Fraction, digits: int) -> Decimal:
    return floor_ratio(value.numerator, value.denominator, digits)


def growth_detail(
    years: Sequence[int],
    values: Sequence[Any],
    rate: Decimal,
    method: str,
    display: Callable[[Any], Any],
) -> dict[str, Any]:
    """The growth shown in the results: method, years, values, required, the yearly rates and
    the ratio and annual rate (``cagr``) or the mean rate (``mean``), when computable."""
    steps = len(values) - 1
    required_factor = _required_factor(rate, steps)
    detail: dict[str, Any] = {
        "method": method,
        "years": list(years),
        "steps": steps,
        "values": [None if v is None else display(v) for v in values],
        "required": required_factor if method == CAGR else rate,
    }
    status = growth_status(values, rate, method)
    if status is Status.UNKNOWN or status is Status.REVIEW:
        return detail
    exact = [Fraction(v) for v in values]
    rates = [exact[i + 1] / exact[i] - 1 if exact[i] else None for i in range(steps)]
    detail["yearly_rates"] = [None if r is None else _floor(r, DISPLAY_PLACES) for r in rates]
    if method == CAGR:
        ratio = exact[-1] / exact[0]
        detail["ratio"] = _floor(ratio, max(DISPLAY_PLACES, places(required_factor)))
        detail["annual_rate"] = _annual_rate(ratio, steps)
    else:
        mean = sum((r for r in rates if r is not None), Fraction(0)) / steps
        detail["mean_rate"] = _floor(mean, max(DISPLAY_PLACES, places(rate)))
    return detail


def money(value: Any) -> Amount:
    """A money figure as results show it."""
    return Amount(Decimal(value), Kind.MONEY)


@attrs.frozen
class GrowthRate(OnYears):
    """The average annual growth of ``field`` over the trend years at least ``param``.

    ``method`` (a parameter) is ``cagr`` (compound: last / first >= (1 + r) ** n) or ``mean``
    (Σ (y_i / y_(i-1) − 1) >= n · r), n the number of yearly steps; both compared exactly,
    never with roots. Under the strict reading a gap in the trend years → ``unknown``. A
    missing value → ``unknown``; a zero base → ``review``. ``result`` names the result showing
    the series and its rates (``display`` shows each value).
    """

    field: str
    param: Param
    method: Param
    what: Message
    result: str | None = None
    display: Callable[[Any], Any] = attrs.field(default=money, eq=False, repr=False)

    kind: ClassVar[str] = "growth_rate"

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        window = frame.trend
        assert window is not None  # the gate has answered otherwise
        if frame.strict and window.missing:
            return Status.UNKNOWN, partial(missing_years_text, window)
        params = row.params
        rate: Decimal = params[self.param.name]
        method: str = params[self.method.name]
        values = frame.values(window, self.field)
        status = growth_status(values, rate, method)
        if self.result is not None:
            row.results[self.result] = Later(
                partial(growth_detail, window.years, values, rate, method, self.display)
            )
        return status, partial(self.text, status, window, values, rate, method)

    def text(
        self, status: Status, window: Window, values: Sequence[Any], rate: Decimal, method: str
    ) -> Rendered:
        what, years = self.what, window.years
        steps = len(years) - 1
        factor = _required_factor(rate, steps)
        required = factor if method == CAGR else rate
        if status is Status.UNKNOWN:
            return _lacking_in(window, _lacking_years(window, values), what, required)
        if status is Status.REVIEW:
            bases = range(1) if method == CAGR else range(steps)
            zero = [years[i] for i in bases if values[i] == 0]
            message = Message(
                f"需审查：{years_zh(zero)}{what.zh}为0，增速无法计算。",
                f"Needs review: {inline(what.en)} is 0 in {years_en(zero)}; growth is undefined.",
            )
            return message, None, required, None
        span_zh, span_en = span(years)
        first, last = Fraction(values[0]), Fraction(values[-1])
        if method == CAGR:
            measured = _floor(last / first, max(DISPLAY_PLACES, places(factor)))
            percent, factor_text = show(rate, percent=True), format(factor, "f")
            subject = Message(
                f"{what.zh}{span_zh}增长倍数（复合年均增速法，{steps}个年度间隔，"
                f"年均{percent}对应{factor_text}倍）",
                f"{what.en} growth factor {span_en} (compound annual growth over "
                f"{_steps_en(steps, 'yearly step')}; {percent} a year means a factor of "
                f"{factor_text})",
            )
            return threshold_text(status, measured, factor, subject, Compare.AT_LEAST, Shown())
        exact = [Fraction(v) for v in values]
        mean = sum((exact[i + 1] / exact[i] - 1 for i in range(steps)), Fraction(0)) / steps
        subject = Message(
            f"{what.zh}{span_zh}各年增速的算术平均值（{steps}个年度间隔）",
            f"{what.en}: arithmetic mean of the yearly growth rates {span_en} "
            f"({_steps_en(steps, 'step')})",
        )
        measured = _floor(mean, max(DISPLAY_PLACES, places(rate)))
        return threshold_text(
            status, measured, rate, subject, Compare.AT_LEAST, Shown(percent=True)
        )
