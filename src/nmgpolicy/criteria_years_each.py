"""Conditions on every year: each of the recent years ("近三年…均…以上"), a series that keeps
falling ("持续下降").

Part of :mod:`nmgpolicy.criteria_years` (which re-exports every name; import from it). Both
kinds are *universal* (:attr:`~nmgpolicy.criteria_years_frame.OnYears.universal`): one known
failing year (or pair of years) fails them whatever is missing; they are met only when every
year is known and passes (:func:`each_year_status`, :func:`falling_status`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria import Compare, Shown, threshold_text
from nmgpolicy.criteria_years_frame import (
    Judged,
    OnYears,
    Window,
    YearFrame,
    _lacking_in,
    _lacking_years,
    missing_years_text,
    span,
    years_en,
    years_zh,
)
from nmgpolicy.definition import Param, Row
from nmgpolicy.outcome import Amount, Message, Rendered, Status
from nmgpolicy.units import Kind

__all__ = ["EachYear", "KeepsFalling", "each_year_status", "falling_status"]


def each_year_status(
    values: Sequence[Decimal | None], required: Decimal, compare: Compare = Compare.AT_LEAST
) -> Status:
    """A condition on every year: one known failing year → not_met, whatever is missing; met
    only when every year is known and passes; else unknown."""
    unknown = False
    for value in values:
        if value is None:
            unknown = True
        elif not compare.holds(value, required):
            return Status.NOT_MET
    return Status.UNKNOWN if unknown else Status.MET


@attrs.frozen
class EachYear(OnYears):
    """Each of the recent years' ``field`` compared with ``param`` ("均…以上").

    One known year failing fails it, whatever other years are missing; it is met only when
    every year is known and passes. The message names the worst year (the lowest for an
    at-least test). ``noun`` names the figure ("产值" / "output").
    """

    field: str
    param: Param
    noun: Message
    compare: Compare = Compare.AT_LEAST
    kind_of_value: Kind | None = None
    unit: str | None = None

    kind: ClassVar[str] = "each_year"
    universal: ClassVar[bool] = True

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        window = frame.recent
        assert window is not None  # the gate has answered otherwise
        values = frame.values(window, self.field)
        required: Decimal = row.params[self.param.name]
        status = each_year_status(values, required, self.compare)
        return status, partial(self.text, status, window, values, required)

    def text(
        self, status: Status, window: Window, values: Sequence[Any], required: Decimal
    ) -> Rendered:
        noun = self.noun
        lacking = _lacking_years(window, values)
        if status is Status.UNKNOWN:
            the = Message(noun.zh, f"the {noun.en}")
            kind = self.kind_of_value
            return _lacking_in(
                window, lacking, the, required if kind is None else Amount(required, kind)
            )
        known = [(y, v) for y, v in zip(window.years, values, strict=True) if v is not None]
        low = self.compare in (Compare.AT_LEAST, Compare.ABOVE)
        year, worst = (min if low else max)(known, key=lambda item: item[1])
        n = len(window.years)
        span_zh, span_en = span(window.years)
        if lacking:  # the other years cannot save it: "均" holds only if every year passes
            subject = Message(
                f"近{n}年（{span_zh}）中{year}年{noun.zh}",
                f"The {noun.en} in {year}, one of the recent years ({span_en}),",
            )
        else:
            most = Message("最低", "lowest") if low else Message("最高", "highest")
            subject = Message(
                f"近{n}年（{span_zh}）{noun.zh}{most.zh}的{year}年{noun.zh}",
                f"The {most.en} {noun.en} of the recent years ({span_en}), in {year},",
            )
        shown = Shown(self.kind_of_value, self.unit)
        return threshold_text(status, worst, required, subject, self.compare, shown)


# ---------------------------------------------------------------------------------------------
# A series that must keep falling ("二氧化碳排放强度持续下降")
# ---------------------------------------------------------------------------------------------


def falling_status(values: Sequence[Decimal | None]) -> Status:
    """Strictly lower every year than the year before: a known value not below the previous
    known one → not_met, whatever is missing (falling every year means falling between any two
    known years, even across a gap); met only when every year is known; else unknown."""
    previous: Decimal | None = None
    unknown = False
    for value in values:
        if value is None:
            unknown = True
            continue
        if previous is not None and value >= previous:
            return Status.NOT_MET
        previous = value
    return Status.UNKNOWN if unknown else Status.MET


_FALLING = Message("逐年下降（每年低于上一年）", "lower every year than the year before")


@attrs.frozen
class KeepsFalling(OnYears):
    """``field`` strictly lower every trend year than the year before ("持续下降").

    A condition on every year (universal): one known pair that does not fall fails it,
    whatever is missing; met only when every year is known. Under the strict reading a gap in
    the trend years (with no failing pair) → ``unknown``. ``noun`` names the series ("二氧化碳
    排放强度" / "the CO2 intensity").
    """

    field: str
    noun: Message
    kind_of_value: Kind

    kind: ClassVar[str] = "keeps_falling"
    universal: ClassVar[bool] = True

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        window = frame.trend
        assert window is not None  # the gate has answered otherwise
        values = frame.values(window, self.field)
        status = falling_status(values)
        if status is Status.UNKNOWN and frame.strict and window.missing:
            return status, partial(missing_years_text, window)
        return status, partial(self.text, status, window, values)

    def text(self, status: Status, window: Window, values: Sequence[Any]) -> Rendered:
        kind, noun = self.kind_of_value, self.noun
        measured = {
            str(y): None if v is None else Amount(v, kind)
            for y, v in zip(window.years, values, strict=True)
        }
        known = [(y, v) for y, v in zip(window.years, values, strict=True) if v is not None]
        falls = [(year, a - b) for (_, a), (year, b) in itertools.pairwise(known)]
        gap = Amount(min(d for _, d in falls), kind) if falls else None
        if status is Status.NOT_MET:
            rises = [year for year, fall in falls if fall <= 0]
            message = Message(
                f"不符合：{years_zh(rises)}{noun.zh}未低于上一年，未持续下降。",
                f"Not met: {noun.en} in {years_en(rises)} was not below the year before.",
            )
            return message, measured, _FALLING, gap
        if status is Status.UNKNOWN:
            return _lacking_in(window, _lacking_years(window, values), noun, _FALLING)
        assert gap is not None  # at least two years, all known
        span_zh, span_en = span(window.years)
        message = Message(
            f"符合：{span_zh}{noun.zh}逐年下降（最小年降幅{gap.text('zh')}）。",
            f"Met: {noun.en} fell every year {span_en} (smallest fall {gap.text('en')}).",
        )
        return message, measured, _FALLING, gap
