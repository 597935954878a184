"""The years a yearly condition reads, their texts, and the base kind :class:`OnYears`.

Part of :mod:`nmgpolicy.criteria_years` (which re-exports every name; import from it):

* :class:`Window` and :class:`YearFrame` — which years a condition reads: the recent years
  counted back from the application (``application_year``) or ending with the latest year given
  (``latest_given``, the strict reading, under which a gap leaves the window unsettled), the
  trend years (the recent years, or with the year before them as the base), the missing years;
  built by :func:`year_frame`, read through a :func:`frame_measure` (which lists the facts and
  parameters it reads, so that the criteria on it reference them);
* the texts every kind shares (the years named, the years lacking), pure functions run when a
  finding is first read;
* :class:`OnYears` — the base of the kinds: no years → ``unknown``; under the strict reading a
  gap → ``unknown``, except that a *universal* condition a present year already fails is
  ``not_met`` whatever is missing.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from nmgpolicy.definition import Criterion, Fact, Measure, Param, Ref, Row, Source
from nmgpolicy.outcome import Finding, Message, Rendered, Status

if TYPE_CHECKING:
    from nmgpolicy.criteria_years_any import AnyOf

__all__ = [
    "ANCHOR_APPLICATION_YEAR",
    "ANCHOR_LATEST_GIVEN",
    "FrameMeasure",
    "Judged",
    "OnYears",
    "Title",
    "Window",
    "YearFrame",
    "frame_measure",
    "inline",
    "lacking_text",
    "missing_years_text",
    "no_years_text",
    "span",
    "year_frame",
    "years_en",
    "years_zh",
]

ANCHOR_APPLICATION_YEAR = "application_year"
"""The recent years are the calendar years before the application date (else the evaluation
date): applied 2025-06-01 → 2022, 2023, 2024."""
ANCHOR_LATEST_GIVEN = "latest_given"
"""The recent years end with the latest year given; a gap leaves the window unsettled."""

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
        recent = "the recent year is" if size == 1 else f"the {size} recent years are"
        zh_need, en_need = f"需近{size}年各年数据", f"{recent} needed"
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

    def write(self, source: Source, indent: int) -> None:
        """:meth:`decide` written out: the frame read, the gate, :meth:`judge` (bound once, at
        generation), the lazy finding — two calls and a keyword call fewer than :meth:`decide`
        through the context's ``finding``."""
        kind = type(self)
        if kind.decide is not OnYears.decide or kind.gated is not OnYears.gated or self.many:
            super().write(source, indent)  # a kind that decides otherwise, or one per item
            return
        frame, status, render = source.local("frame"), source.local("status"), source.local("r")
        source.read(self.frame, frame, indent)
        gate, me = source.constant("gate", _gate), source.constant("criterion", self)
        judge = source.constant("judge", self.judge)
        source.emit(
            indent, f"{status}, {render} = {gate}(row, {frame}, {me}) or {judge}(row, {frame})"
        )
        source.finding(self.id, status, render, indent)

    @abc.abstractmethod
    def judge(self, row: Row, frame: YearFrame) -> Judged:
        """The status (and the explanation) once the years can be read."""

    def references(self) -> tuple[Ref, ...]:
        """What the criterion reads, and what its years are made of (the frame's reads)."""
        return super().references() + _frame_reads(self.frame)
