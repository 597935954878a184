"""Criteria over a window of years: "近三年…均…以上", a share in a year, a growth rate, "持续下降".

Regulations state many conditions over "the recent years" (近三年): a condition on *each* of
them (产值均在15亿元以上), a share or a per-capita density in the last of them, an average growth
over them (年均增速不低于5%), a series that must keep falling (持续下降). This module is the
vocabulary for those shapes, written once for every rule set:

* :class:`Window` and :class:`YearFrame` — which years a condition reads: the recent years
  counted back from the application (``application_year``) or ending with the latest year given
  (``latest_given``, the strict reading, under which a gap leaves the window unsettled), the
  trend years (the recent years, or with the year before them as the base), the missing years;
  built by :func:`year_frame`, read through a :func:`frame_measure` (which lists the facts and
  parameters it reads, so that the criteria on it reference them);
* :class:`OnYears` — the base of the kinds: no years → ``unknown``; under the strict reading a
  gap → ``unknown``, except that a *universal* condition a present year already fails is
  ``not_met`` whatever is missing;
* :class:`EachYear` (universal "均…以上"), :class:`ShareInYear` (a part of a whole in the last
  recent year, by cross-multiplication), :class:`DensityInYear` (a count per N people in the last
  recent year), :class:`GrowthRate` (compound or mean annual growth, compared exactly without
  roots), :class:`KeepsFalling` (universal "持续下降"), and :class:`AnyOf` ("A，或B": met if
  any part is met, the years checked once for all the parts); :class:`ShareOf` is the share of
  two facts of no particular year (研发人员占比).

Each kind decides its status at once on plain numbers (integers, cross-multiplication: a
``status`` function per shape, :func:`each_year_status`, :func:`falling_status`,
:func:`growth_status`, :func:`share_status`, :func:`any_of_status`, for the columnar path) and
leaves its explanation to a pure text function run when the finding is first read. An
:class:`AnyOf` judges its parts (status and text function) instead of deciding them, so that no
finding is made only to be quoted.

Ratios are *shown* rounded down to at least the threshold's own decimal places
(:func:`shown_ratio`), which never changes an at-least comparison: if x >= r and r has p
decimals, floor_p(x) >= r; if x < r, floor_p(x) <= x < r.
"""

from __future__ import annotations

import abc
import datetime as dt
import itertools
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria import (
    Compare,
    Shown,
    Threshold,
    factor_at_least,
    show,
    threshold_status,
    threshold_text,
)
from nmgpolicy.definition import Criterion, Fact, Measure, Param, Ref, Row
from nmgpolicy.outcome import Amount, Finding, Later, Message, Rendered, Status
from nmgpolicy.units import Kind

__all__ = [
    "ANCHOR_APPLICATION_YEAR",
    "ANCHOR_LATEST_GIVEN",
    "CAGR",
    "DISPLAY_PLACES",
    "MEAN",
    "AnyOf",
    "DensityInYear",
    "EachYear",
    "FrameMeasure",
    "GrowthRate",
    "KeepsFalling",
    "OnYears",
    "ShareInYear",
    "ShareOf",
    "Window",
    "YearFrame",
    "any_of_status",
    "each_year_status",
    "exact_decimal",
    "falling_status",
    "floor_ratio",
    "frame_measure",
    "growth_status",
    "mean_rate_at_least",
    "money",
    "places",
    "share_status",
    "shown_ratio",
    "year_frame",
]

ANCHOR_APPLICATION_YEAR = "application_year"
"""The recent years are the calendar years before the application date (else the evaluation
date): applied 2025-06-01 → 2022, 2023, 2024."""
ANCHOR_LATEST_GIVEN = "latest_given"
"""The recent years end with the latest year given; a gap leaves the window unsettled."""

DISPLAY_PLACES = 6
"""Ratios are shown rounded down to this many places (more when the threshold has more)."""

# ---------------------------------------------------------------------------------------------
# Exact arithmetic (display values; comparisons are cross-multiplied)
# ---------------------------------------------------------------------------------------------


def places(value: Decimal) -> int:
    """The number of decimal places ``value`` is written with (0 for integers)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def floor_ratio(numerator: int, denominator: int, digits: int) -> Decimal:
    """``numerator / denominator`` rounded down to ``digits`` places, exactly (integers)."""
    return Decimal(f"{numerator * 10**digits // denominator}E-{digits}")


def _ratio(value: int | Decimal) -> tuple[int, int]:
    return value.as_integer_ratio()


def shown_ratio(part: int | Decimal, whole: int | Decimal, required: Decimal) -> Decimal:
    """``part / whole`` as shown beside ``required`` (rounded down, see the module)."""
    pn, pd = _ratio(part)
    wn, wd = _ratio(whole)
    return floor_ratio(pn * wd, pd * wn, max(DISPLAY_PLACES, places(required)))


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


def share_status(
    part: int | Decimal | None, whole: int | Decimal | None, required: Decimal
) -> Status:
    """``part / whole >= required`` by cross-multiplication: either absent → unknown; a whole of
    0 → review (the share is undefined); else met or not_met."""
    if part is None or whole is None:
        return Status.UNKNOWN
    if whole == 0:
        return Status.REVIEW
    numerator, denominator = required.as_integer_ratio()
    return Status.MET if part * denominator >= whole * numerator else Status.NOT_MET


# ---------------------------------------------------------------------------------------------
# Which years
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Window:
    """Consecutive years a condition reads, and those of them with no figures at all."""

    years: tuple[int, ...]
    missing: tuple[int, ...]

    @classmethod
    def ending(cls, last: int, size: int, present: Container[int]) -> Window:
        """The ``size`` years ending with ``last``."""
        years = tuple(range(last - size + 1, last + 1))
        return cls(years, tuple(y for y in years if y not in present))

    @property
    def last(self) -> int:
        return self.years[-1]


@attrs.frozen
class YearFrame:
    """The years the yearly conditions of one application read.

    ``entries`` are the figures given, by year (objects with the figures as attributes);
    ``size`` is the number of recent years asked for; ``recent`` and ``trend`` are ``None``
    when no year can be named (the strict reading with no figures at all).
    """

    anchor: str
    anchor_date: dt.date | None
    size: int
    recent: Window | None
    trend: Window | None
    entries: Mapping[int, Any]

    @property
    def strict(self) -> bool:
        """The strict reading: a gap in the years leaves every yearly condition unknown."""
        return self.anchor == ANCHOR_LATEST_GIVEN

    def window(self, over: str) -> Window | None:
        """The recent window (``"recent"``) or the trend window (``"trend"``)."""
        return self.recent if over == "recent" else self.trend

    def values(self, window: Window, field: str) -> list[Any]:
        """The figure ``field`` of each year of ``window`` (``None`` when not given)."""
        entries = self.entries
        return [getattr(entries[y], field) if y in entries else None for y in window.years]

    @property
    def ignored(self) -> list[int]:
        """The years given outside the trend window, sorted (their figures are not used)."""
        trend = self.trend
        if trend is None:
            return []
        return sorted(y for y in self.entries if y not in trend.years)


def year_frame(
    entries: Iterable[Any] | None,
    *,
    anchor: str,
    on: dt.date,
    applied_on: dt.date | None,
    recent: int,
    trend: int,
) -> YearFrame:
    """The recent years (``recent`` of them) and the trend years (``trend``), anchored as
    ``anchor`` says: before ``applied_on`` (else ``on``), or ending with the latest year given."""
    given = {entry.year: entry for entry in entries} if entries else {}
    date: dt.date | None = None
    if anchor == ANCHOR_APPLICATION_YEAR:
        date = applied_on or on
        last = date.year - 1
    elif given:
        last = max(given)
    else:
        return YearFrame(anchor, None, recent, None, None, given)
    window = Window.ending(last, recent, given)
    longer = window if trend == recent else Window.ending(last, trend, given)
    return YearFrame(anchor, date, recent, window, longer, given)


@attrs.frozen
class FrameMeasure(Measure):
    """The measure giving an application's :class:`YearFrame`, with the facts and parameters
    it reads (``reads``: the criteria on it list them among their references)."""

    reads: tuple[Ref, ...] = ()


def frame_measure(
    name: str,
    *,
    entries: Fact,
    applied_on: Fact,
    anchor: Param,
    recent: Param,
    trend: Param,
) -> FrameMeasure:
    """A measure named ``name`` giving the :class:`YearFrame` of :func:`year_frame`: the
    figures given (``entries``, objects with a ``year``), the application date, and the
    parameters naming the anchor and the numbers of recent and trend years."""

    def function(row: Row) -> YearFrame:
        params = row.params
        return year_frame(
            entries.read(row.facts),
            anchor=params[anchor.name],
            on=row.ctx.on,
            applied_on=applied_on.read(row.facts),
            recent=params[recent.name],
            trend=params[trend.name],
        )

    doc = (
        f"The recent years ({recent.name} of them) and the trend years ({trend.name}), "
        f"anchored as {anchor.name} says, with the figures of {entries.path}."
    )
    return FrameMeasure(name, function, doc, (entries, applied_on, anchor, recent, trend))


def _frame_reads(frame: Measure | None) -> tuple[Ref, ...]:
    return frame.reads if isinstance(frame, FrameMeasure) else ()


# ---------------------------------------------------------------------------------------------
# Texts (pure: run when a finding is first read)
# ---------------------------------------------------------------------------------------------


def years_zh(years: Sequence[int]) -> str:
    return "、".join(str(y) for y in years) + "年"


def years_en(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


def span(years: Sequence[int]) -> tuple[str, str]:
    """``2022–2024年`` and ``2022–2024``."""
    return f"{years[0]}–{years[-1]}年", f"{years[0]}–{years[-1]}"


def inline(text: str) -> str:
    """An English subject for use inside a sentence (first letter in lower case)."""
    return text[:1].lower() + text[1:]


def no_years_text(size: int, window: Window | None) -> Rendered:
    if window is None:
        zh_need, en_need = f"需近{size}年各年数据", f"the {size} recent years are needed"
    else:
        span_zh, span_en = span(window.years)
        zh_need, en_need = f"需{span_zh}各年数据", f"figures for {span_en} are needed"
    return (
        Message(
            f"缺少事实：未提供年度数据（{zh_need}）。",
            f"Fact missing: no yearly figures given ({en_need}).",
        ),
        None,
        None,
        None,
    )


def missing_years_text(window: Window) -> Rendered:
    """The strict reading: a gap leaves the window itself unsettled."""
    span_zh, span_en = span(window.years)
    return (
        Message(
            f"缺少事实：缺少{years_zh(window.missing)}的年度数据（需{span_zh}连续各年数据，"
            f"截至所提供的最近年度{window.last}年）。",
            f"Fact missing: no figures for {years_en(window.missing)} (consecutive figures for "
            f"{span_en} are needed, ending with the latest year given, {window.last}).",
        ),
        None,
        None,
        None,
    )


def lacking_text(
    what: Message, absent: Sequence[int], blank: Sequence[int], required: Any = None
) -> Rendered:
    """``unknown``: no figures at all for the ``absent`` years, no ``what`` for ``blank`` ones."""
    zh: list[str] = []
    en: list[str] = []
    if absent:
        zh.append(f"缺少{years_zh(absent)}的年度数据")
        en.append(f"no figures for {years_en(absent)}")
    if blank:
        zh.append(f"{years_zh(blank)}{what.zh}未提供")
        en.append(f"{inline(what.en)} for {years_en(blank)} not given")
    message = Message("缺少事实：" + "；".join(zh) + "。", "Fact missing: " + "; ".join(en) + ".")
    return message, None, required, None


def _lacking_in(
    window: Window, years: Sequence[int], what: Message, required: Any = None
) -> Rendered:
    """:func:`lacking_text` for the ``years`` of ``window`` lacking a figure."""
    absent = [y for y in years if y in window.missing]
    blank = [y for y in years if y not in window.missing]
    return lacking_text(what, absent, blank, required)


def _lacking_years(window: Window, values: Sequence[Any]) -> list[int]:
    return [y for y, v in zip(window.years, values, strict=True) if v is None]


# ---------------------------------------------------------------------------------------------
# The base kind: a condition on the recent years
# ---------------------------------------------------------------------------------------------

Judged = tuple[Status, Callable[[], Rendered]]
"""A status decided now and the function that writes its explanation when read."""

Title = Callable[[], Message]
"""A criterion's title, looked up (and filled with the parameters) only when a text needs it."""

_PLAIN = Shown()
_PERCENT = Shown(percent=True)


def _gate(row: Row, frame: YearFrame, criterion: OnYears | AnyOf) -> Judged | None:
    """The status when the years cannot be read at all (else ``None``): no years → unknown;
    under the strict reading a gap → unknown, unless a universal condition already fails."""
    recent = frame.recent
    if recent is None or not frame.entries:
        return Status.UNKNOWN, partial(no_years_text, frame.size, recent)
    if frame.strict and recent.missing:
        if isinstance(criterion, OnYears) and criterion.universal:
            judged = criterion.judge(row, frame)
            if judged[0] is Status.NOT_MET:
                return judged
        return Status.UNKNOWN, partial(missing_years_text, recent)
    return None


@attrs.frozen
class OnYears(Criterion):
    """A condition on the recent years, read through ``frame`` (a measure giving the
    application's :class:`YearFrame`).

    No years at all → ``unknown``. Under the strict reading (``latest_given``) a gap in the
    recent years → ``unknown``, except that a *universal* condition ("均…以上", "持续下降",
    ``universal = True``) that a present year already fails is ``not_met``: a condition on
    every year fails on its first failing year whatever is missing.
    """

    frame: Measure

    universal: ClassVar[bool] = False
    """Whether this is a condition on every year (one known failing year fails it)."""

    def decide(self, row: Row) -> Finding:
        status, render = self.gated(row)
        return row.ctx.finding(self.id, status, render=render)

    def gated(self, row: Row) -> Judged:
        """The status and its explanation, the years checked first."""
        frame: YearFrame = row(self.frame)
        return _gate(row, frame, self) or self.judge(row, frame)

    @abc.abstractmethod
    def judge(self, row: Row, frame: YearFrame) -> Judged:
        """The status (and the explanation) once the years can be read."""

    def references(self) -> tuple[Ref, ...]:
        """What the criterion reads, and what its years are made of (the frame's reads)."""
        return super().references() + _frame_reads(self.frame)


# ---------------------------------------------------------------------------------------------
# Each of the recent years ("近三年产值均在15亿元以上")
# ---------------------------------------------------------------------------------------------


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
# A share, a density in the last recent year
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class ShareInYear(OnYears):
    """``part / whole`` of the last recent year at least ``param``, by cross-multiplication.

    No figures for that year, or no part or whole → ``unknown``; a whole of 0 → ``review``
    (the share is undefined). The subject is "<year>年<title>"; ``part_name`` and
    ``whole_name`` name the figures when absent, ``whole_subject`` the whole when it is 0.
    """

    part: str
    whole: str
    param: Param
    part_name: Message
    whole_name: Message
    whole_subject: Message

    kind: ClassVar[str] = "share_in_year"

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        window = frame.recent
        assert window is not None  # the gate has answered otherwise
        required: Decimal = row.params[self.param.name]
        year = window.last
        entry = frame.entries.get(year)
        if entry is None:
            return Status.UNKNOWN, partial(lacking_text, self.part_name, [year], [], required)
        part, whole = getattr(entry, self.part), getattr(entry, self.whole)
        if whole is None or part is None:
            return Status.UNKNOWN, partial(self._blank, year, part, whole, required)
        status = share_status(part, whole, required)
        if status is Status.REVIEW:
            return status, partial(self._zero, year, required)
        title = partial(row.title, self.id)
        return status, partial(self._text, status, year, part, whole, required, title)

    def _blank(self, year: int, part: Any, whole: Any, required: Decimal) -> Rendered:
        names = [n for n, v in ((self.whole_name, whole), (self.part_name, part)) if v is None]
        what = Message("、".join(n.zh for n in names), " and ".join(n.en for n in names))
        return lacking_text(what, [], [year], required)

    def _zero(self, year: int, required: Decimal) -> Rendered:
        whole = self.whole_subject
        return (
            Message(
                f"需审查：{year}年{whole.zh}为0，占比无法计算。",
                f"Needs review: {whole.en} in {year} is 0; the share is undefined.",
            ),
            None,
            required,
            None,
        )

    @staticmethod
    def _text(
        status: Status, year: int, part: Any, whole: Any, required: Decimal, title: Title
    ) -> Rendered:
        measured = shown_ratio(part, whole, required)
        named = title()
        subject = Message(f"{year}年{named.zh}", f"{named.en} in {year}")
        return threshold_text(
            status, measured, required, subject, Compare.AT_LEAST, Shown(percent=True)
        )


@attrs.frozen
class ShareOf(Criterion):
    """``part / whole`` at least ``param`` (two facts of the application, not of one year), by
    cross-multiplication: either absent → ``unknown``; a whole of 0 → ``review``. ``result``
    (if set) names the result showing the share (``None`` when unknown)."""

    part: Ref
    whole: Ref
    param: Param
    result: str | None = None

    kind: ClassVar[str] = "share"

    def decide(self, row: Row) -> Finding:
        part, whole = row(self.part), row(self.whole)
        required: Decimal = row.params[self.param.name]
        title = partial(row.title, self.id)
        status = share_status(part, whole, required)
        known = status is Status.MET or status is Status.NOT_MET
        if known:
            render = partial(_share_text, status, part, whole, required, title)
        elif status is Status.REVIEW:
            render = partial(_undefined_share, title, required)
        else:
            render = partial(_titled, title, status, None, required, _PERCENT)
        if self.result is not None:
            row.results[self.result] = (
                Later(partial(shown_ratio, part, whole, required)) if known else None
            )
        return row.ctx.finding(self.id, status, render=render)


def _titled(
    title: Title, status: Status, measured: Decimal | None, required: Decimal, shown: Shown
) -> Rendered:
    """An at-least threshold's explanation, the criterion's title as its subject."""
    return threshold_text(status, measured, required, title(), Compare.AT_LEAST, shown)


def _share_text(status: Status, part: Any, whole: Any, required: Decimal, title: Title) -> Rendered:
    return _titled(title, status, shown_ratio(part, whole, required), required, _PERCENT)


def _undefined_share(title: Title, required: Decimal) -> Rendered:
    """``review``: a ratio whose whole is 0 is undefined."""
    subject = title()
    message = Message(
        f"需审查：{subject.zh}无法计算（分母为0）。",
        f"Needs review: {inline(subject.en)} is undefined (a whole of 0).",
    )
    return message, None, required, None


@attrs.frozen
class DensityInYear(OnYears):
    """``count × per / people`` at least ``param``: a count of the last recent year per ``per``
    people (每万人…拥有量), by cross-multiplication (``people`` > 0).

    No figures for that year → ``unknown`` (naming the year); no count or no people →
    ``unknown``. ``result`` (if set) names the result showing the density.
    """

    count: str
    people: Ref
    per: Param
    param: Param
    count_name: Message
    count_unit: Message
    people_unit: Message
    result: str | None = None

    kind: ClassVar[str] = "density_in_year"

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        window = frame.recent
        assert window is not None  # the gate has answered otherwise
        params = row.params
        required: Decimal = params[self.param.name]
        year = window.last
        entry = frame.entries.get(year)
        if entry is None:
            return Status.UNKNOWN, partial(lacking_text, self.count_name, [year], [], required)
        count, people = getattr(entry, self.count), row(self.people)
        title = partial(row.title, self.id)
        if count is None or people is None:
            return Status.UNKNOWN, partial(_titled, title, Status.UNKNOWN, None, required, _PLAIN)
        per: int = params[self.per.name]
        status = share_status(count * per, people, required)
        if status is Status.REVIEW:  # no people: the density is undefined
            return status, partial(_undefined_share, title, required)
        if self.result is not None:
            row.results[self.result] = Later(partial(shown_ratio, count * per, people, required))
        return status, partial(self._text, status, year, count, people, per, required, title)

    def _text(
        self,
        status: Status,
        year: int,
        count: int,
        people: int,
        per: int,
        required: Decimal,
        title: Title,
    ) -> Rendered:
        c, p, named = self.count_unit, self.people_unit, title()
        subject = Message(
            f"{year}年{named.zh}（{count}{c.zh}/{people}{p.zh}×{per}）",
            f"{named.en} in {year} ({count} {c.en} / {people} {p.en} × {per})",
        )
        measured = shown_ratio(count * per, people, required)
        return threshold_text(status, measured, required, subject, Compare.AT_LEAST, _PLAIN)


# ---------------------------------------------------------------------------------------------
# Growth over the trend years ("年均增速不低于5%")
# ---------------------------------------------------------------------------------------------

CAGR = "cagr"
"""Compound annual growth: last / first >= (1 + r) ** n."""
MEAN = "mean"
"""The mean of the yearly rates: Σ (y_i / y_(i-1) − 1) >= n · r."""


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
                f"{what.en} growth factor {span_en} (compound annual growth over {steps} yearly "
                f"steps; {percent} a year means a factor of {factor_text})",
            )
            return threshold_text(status, measured, factor, subject, Compare.AT_LEAST, Shown())
        exact = [Fraction(v) for v in values]
        mean = sum((exact[i + 1] / exact[i] - 1 for i in range(steps)), Fraction(0)) / steps
        subject = Message(
            f"{what.zh}{span_zh}各年增速的算术平均值（{steps}个年度间隔）",
            f"{what.en}: arithmetic mean of the yearly growth rates {span_en} ({steps} steps)",
        )
        measured = _floor(mean, max(DISPLAY_PLACES, places(rate)))
        return threshold_text(
            status, measured, rate, subject, Compare.AT_LEAST, Shown(percent=True)
        )


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


# ---------------------------------------------------------------------------------------------
# "A，或B"
# ---------------------------------------------------------------------------------------------


def any_of_status(statuses: Iterable[Status]) -> Status:
    """Met if any part is met; else unknown, else review (before not_met); else not_met."""
    found = set(statuses)
    for status in (Status.MET, Status.UNKNOWN, Status.REVIEW):
        if status in found:
            return status
    return Status.NOT_MET


def _judge_threshold(part: Threshold, row: Row) -> Judged:
    """A :class:`~nmgpolicy.criteria.Threshold` part, judged as its ``decide`` would."""
    measured = row(part.value)
    if measured is not None and not isinstance(measured, Decimal):
        measured = Decimal(measured)  # an int count
    required = row(part.param)
    if not isinstance(required, Decimal):
        required = Decimal(required)  # an int count
    status = threshold_status(measured, required, part.compare, part.soft)
    subject = part.subject
    if subject is None:
        subject = row.title(part.id)
    elif not isinstance(subject, Message):
        subject = subject(row)
    shown = Shown(part.kind_of_value, part.unit, part.percent)
    return status, partial(threshold_text, status, measured, required, subject, part.compare, shown)


def _judge(part: Criterion, row: Row, frame: YearFrame | None) -> Judged:
    if isinstance(part, OnYears):
        return part.gated(row) if frame is None else part.judge(row, frame)
    if isinstance(part, AnyOf):
        return part.judged(row)
    assert isinstance(part, Threshold)  # AnyOf checks its parts
    return _judge_threshold(part, row)


def _either_text(keys: Sequence[str], renders: Sequence[Callable[[], Rendered]]) -> Rendered:
    parts = [render() for render in renders]
    zh = "".join(p[0].zh for p in parts) + "（满足其一即可）"
    en = " ".join(p[0].en for p in parts) + " (either suffices)"
    return (
        Message(zh, en),
        {k: p[1] for k, p in zip(keys, parts, strict=True)},
        {k: p[2] for k, p in zip(keys, parts, strict=True)},
        {k: p[3] for k, p in zip(keys, parts, strict=True)},
    )


@attrs.frozen
class AnyOf(Criterion):
    """The "A，或B" form: one finding, met if any part is met (else unknown, then review, then
    not_met).

    ``parts`` are decided under this criterion's id; ``keys`` label them in the measured,
    required and gap mappings (labels in the data file's ``[labels]``). With ``frame``, the
    years are checked once for all the parts (:class:`OnYears`), whose own checks are skipped.
    """

    parts: tuple[Criterion, ...]
    keys: tuple[str, ...]
    frame: Measure | None = None

    kind: ClassVar[str] = "any_of"

    def __attrs_post_init__(self) -> None:
        if len(self.parts) != len(self.keys):
            raise ValueError(f"{self.id}: one key per part")
        for part in self.parts:
            if not isinstance(part, OnYears | AnyOf | Threshold):
                # Parts are judged, not decided: no finding is made for a part (its text is
                # written within this one's).
                raise TypeError(f"{self.id}: a part must be OnYears, AnyOf or Threshold kind")

    def decide(self, row: Row) -> Finding:
        status, render = self.judged(row)
        return row.ctx.finding(self.id, status, render=render)

    def references(self) -> tuple[Ref, ...]:
        return super().references() + _frame_reads(self.frame)

    def judged(self, row: Row) -> Judged:
        """The status and its explanation (the years checked once, with ``frame``)."""
        frame: YearFrame | None = None
        if self.frame is not None:
            frame = row(self.frame)
            gated = _gate(row, frame, self)
            if gated is not None:
                return gated
        judged = [_judge(part, row, frame) for part in self.parts]
        status = any_of_status(j[0] for j in judged)
        return status, partial(_either_text, self.keys, [j[1] for j in judged])
