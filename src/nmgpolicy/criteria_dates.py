"""Criterion kinds for dates and periods: a date within (or beyond) a period from another date.

Regulations bound dates by periods counted from other dates: "产品研制完成时间距申请认定时间一般
不超过2年" (an application within 2 years of completion), "自发布之日起施行，有效期2年" (a validity
window), "信息形成之日起20个工作日内" (a publication deadline), "成立满一年" (at least a year since
registration), a certificate "not older than 6 months" on the application date. Each is the
same legal shape: the last day of a period counted from a *start* date, and a second date
compared with it. This module states that shape once.

* :class:`Boundary` — which day a period ends on (《民法典》第二百零一条 to 第二百零三条, or the
  start day counted as the first day), and :func:`last_day`, the last day itself (with the
  period functions of :mod:`nmgpolicy.periods`).
* :class:`WithinPeriod` — the criterion: ``date`` compared with the last day of ``period``
  from ``start``, inclusive or exclusive as the wording says (民法典 第一千二百五十九条:
  "以内/不超过" include the last day, "不满/未满" exclude it, "满" reaches it); ``soft`` for
  "一般不超过" (beyond it a reviewer decides). Its explanation is written when read, from a
  :class:`PeriodWording` of templates the rule set may adapt to its own words.
* :data:`EVALUATION_DATE` — the evaluation date as a measure, for a period checked "as of"
  the evaluation (a document not older than … on the day of the decision).

When the last day needs a year with no official working-day schedule (a rest-day roll, or a
count of working days, into such a year), an upper bound is still decided where it can be: the
last day is proven not to precede :func:`~nmgpolicy.criteria_deadlines.end_not_before` (the roll
of 第二百零三条 only moves a last day later), so a date not after that bound is within the
period whatever the missing year holds. Only a date past the bound (or a lower bound, "满…")
raises :class:`~nmgpolicy.errors.CalendarNotCovered`.

Self-contained: it reads only :mod:`nmgpolicy.periods`, the definition layer,
:class:`~nmgpolicy.criteria.Compare` and the proven bound of
:mod:`nmgpolicy.criteria_deadlines`; it does not know any rule set.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria import Compare
from nmgpolicy.criteria_deadlines import end_not_before
from nmgpolicy.definition import Criterion, Measure, Ref, Row
from nmgpolicy.errors import CalendarNotCovered, InputError
from nmgpolicy.outcome import Finding, Message, Rendered, Status
from nmgpolicy.periods import Period, PeriodUnit, deadline, notice_window, period_end

__all__ = [
    "EVALUATION_DATE",
    "Boundary",
    "OpenEnd",
    "PeriodWording",
    "WithinPeriod",
    "bounded_text",
    "last_day",
    "open_end",
    "within_period_status",
    "within_period_text",
]


class Boundary(enum.Enum):
    """On which day a period counted from a start date ends.

    * ``CORRESPONDING_DAY`` — 《民法典》第二百零一条 and 第二百零二条: the start day is not
      counted; a period of months or years ends on the corresponding day of the last month,
      or on that month's last day where it has none (2024-02-29 + 2年 → 2026-02-28); n days
      end on start + n. No rest-day roll: for a bound that is not a time limit for an act (an
      age, the end of a validity).
    * ``REST_DAY_ROLL`` — the same, and a last day on a statutory rest day moves to the next
      working day (第二百零三条): a time limit for doing something.
    * ``DAY_BEFORE`` — the start day is itself the first day (a validity "自发布之日起…有效期
      2年"): the period ends on the day before the anniversary, or on the month's last day
      where the anniversary has no corresponding day (never a day earlier than
      ``CORRESPONDING_DAY``); n days end on start + n - 1; n working days on the n-th working
      day counting the start day when it is one.

    A period of working days ends on its n-th working day under every boundary except
    ``DAY_BEFORE`` (the start day not counted). The values are the parameter choices the data
    files use (``"corresponding_day"`` …).
    """

    CORRESPONDING_DAY = "corresponding_day"
    REST_DAY_ROLL = "rest_day_roll"
    DAY_BEFORE = "day_before"


_MAX_ORDINAL = dt.date.max.toordinal()


def last_day(start: dt.date, period: Period, boundary: Boundary | str) -> dt.date | None:
    """The last day of ``period`` counted from ``start`` under ``boundary``.

    ``None`` when that day falls after ``date.max`` (the period never ends within the
    calendar). Raises :class:`~nmgpolicy.errors.CalendarNotCovered` when a working day or a
    rest-day roll needs a year with no official schedule.
    """
    rule = boundary if isinstance(boundary, Boundary) else Boundary(boundary)
    if rule is Boundary.DAY_BEFORE:
        return _day_before_end(start, period)
    try:
        if rule is Boundary.REST_DAY_ROLL:
            return deadline(start, period)
        return period_end(start, period)
    except InputError:  # the end lies after date.max
        return None


def _day_before_end(start: dt.date, period: Period) -> dt.date | None:
    """The last day of ``period`` when ``start`` itself is the first day (``DAY_BEFORE``)."""
    n = period.amount
    if n == 0:
        return start
    if period.unit is PeriodUnit.WORKING_DAY:
        return notice_window(start, n)[1]
    if period.unit is PeriodUnit.DAY:
        ordinal = start.toordinal() + n - 1
        return dt.date.fromordinal(ordinal) if ordinal <= _MAX_ORDINAL else None
    months = n * (12 if period.unit is PeriodUnit.YEAR else 1)
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month0 + 1
    if year > dt.date.max.year:  # the anniversary lies after date.max
        return dt.date.max if (year, month, start.day) == (dt.date.max.year + 1, 1, 1) else None
    last = calendar.monthrange(year, month)[1]
    if start.day > last:  # no corresponding day: the month's last day (第二百零二条)
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


@attrs.frozen
class OpenEnd:
    """A last day that needs ``year``, a year with no official schedule, and is proven not to
    precede ``not_before`` (:func:`~nmgpolicy.criteria_deadlines.end_not_before`)."""

    year: int
    not_before: dt.date


def open_end(
    start: dt.date, period: Period, boundary: Boundary, missing: CalendarNotCovered
) -> OpenEnd | None:
    """The proven lower bound of a last day :func:`last_day` could not count (``missing``
    names the year it needs), or ``None`` when ``boundary`` has none here.

    A roll (第二百零三条) only moves the corresponding day later, and n working days after the
    start day end no earlier than n calendar days after it: the bound of
    :func:`~nmgpolicy.criteria_deadlines.end_not_before`. ``DAY_BEFORE`` counts the start day
    itself and is not bounded here.
    """
    if boundary is Boundary.DAY_BEFORE:
        return None
    return OpenEnd(missing.year, end_not_before(start, period, missing.year))


def _bounded_status(date: dt.date, end: OpenEnd, compare: Compare) -> Status | None:
    """The status an open last day proves for an upper bound, or ``None`` if it does not."""
    if compare is Compare.AT_MOST and date <= end.not_before:
        return Status.MET
    if compare is Compare.BELOW and date < end.not_before:
        return Status.MET
    return None  # a date past the bound, or a lower bound ("满…"): the missing year decides


EVALUATION_DATE = Measure(
    "evaluation_date",
    lambda row: row.ctx.on,
    "The evaluation date (``on``): a period checked as of the day of the decision.",
)
"""The evaluation date as a reference a criterion reads (``date=EVALUATION_DATE``)."""


# ---------------------------------------------------------------------------------------------
# Wording
# ---------------------------------------------------------------------------------------------

_BOUNDARY_WORDS: dict[Boundary, Message] = {
    Boundary.CORRESPONDING_DAY: Message(
        "按《民法典》第二百零二条计至到期月的对应日",
        "counted to the corresponding day under Civil Code art. 202",
    ),
    Boundary.REST_DAY_ROLL: Message(
        "按《民法典》第二百零二条、第二百零三条（遇法定休假日顺延）计",
        "counted under Civil Code arts. 202 and 203 (rolled past rest days)",
    ),
    Boundary.DAY_BEFORE: Message(
        "自起算日当日起计至周年日的前一日",
        "counted from the start day itself to the day before the anniversary",
    ),
}
"""How a period in months or years ends (第二百零二条 is a rule for months and years only)."""

_DAY_WORDS: dict[Boundary, Message] = {
    Boundary.CORRESPONDING_DAY: Message(
        "按《民法典》第二百零一条自次日起算",
        "counted from the day after the start under Civil Code art. 201",
    ),
    Boundary.REST_DAY_ROLL: Message(
        "按《民法典》第二百零一条、第二百零三条自次日起算（遇法定休假日顺延）",
        "counted from the day after the start under Civil Code arts. 201 and 203 (rolled past "
        "rest days)",
    ),
    Boundary.DAY_BEFORE: Message(
        "自起算日当日起算（起算日为第一日）",
        "counted from the start day itself (the start day is day one)",
    ),
}
"""How a period in calendar days ends (第二百零一条: the start day is not counted)."""

_WORKING_DAY_WORDS: dict[Boundary, Message] = {
    Boundary.CORRESPONDING_DAY: Message(
        "按官方工作日自次日起算",
        "counted from the day after the start, in official working days",
    ),
    Boundary.REST_DAY_ROLL: Message(
        "按官方工作日自次日起算（末日总是工作日，无须顺延）",
        "counted from the day after the start, in official working days (the last day is "
        "always a working day: nothing rolls)",
    ),
    Boundary.DAY_BEFORE: Message(
        "按官方工作日自起算日当日起算（起算日为工作日的，计为第一日）",
        "counted from the start day itself, in official working days (day one when it is a "
        "working day)",
    ),
}
"""How a period in official working days ends: the n-th working day (never rolled)."""


def _unit_words(unit: PeriodUnit | None) -> dict[Boundary, Message]:
    """The default words for a period of ``unit`` (``None``: months or years)."""
    if unit is PeriodUnit.DAY:
        return _DAY_WORDS
    if unit is PeriodUnit.WORKING_DAY:
        return _WORKING_DAY_WORDS
    return _BOUNDARY_WORDS


_EVENTS = Message("起算日{start}，核对日{date}", "From {start} to {date}")
_START_NAME = Message("起算日期", "the start date")
_DATE_NAME = Message("核对日期", "the date checked")
_REQUIREMENT = Message("不超过{period}", "no more than {period}")
_MISSING = Message(
    "缺少事实：{missing}（要求{requirement}）。",
    "Fact missing: {missing} (required: {requirement}).",
)
_OPEN = Message("{events}，未超过{period}，符合。", "{events}: within {period}: met.")
_MET = Message(
    "{events}；{period}{how}至{last}，未超过，符合。",
    "{events}; {period} {how} end on {last}: within, met.",
)
_NOT_MET = Message(
    "{events}；{period}{how}至{last}，超过{over}日，不符合。",
    "{events}; {period} {how} end on {last}, exceeded by {over} day(s): not met.",
)
_BOUNDED = Message(
    "{events}；{period}{how}的末日需要{year}年的官方工作日安排，本库尚无该年数据，无法算出；"
    "但{why}，可以确定末日不早于{bound}，{date}{relation}此日，未超过，符合。",
    "{events}; {period} {how}: its last day needs the official working-day schedule of "
    "{year}, which is not available, but {why}, so it is no earlier than {bound}, and {date} "
    "is {relation} that day: within, met.",
)
_WHY_ROLL = Message(
    "第二百零三条的顺延只会使末日推后", "the art. 203 roll only moves a last day later"
)
_WHY_WORKING = Message(
    "有安排年份内的工作日已逐日计入，余下的每个工作日至少占一日",
    "the working days of the years with a schedule are counted, and each one left takes at "
    "least a day",
)
_RELATION = {
    Compare.AT_MOST: Message("不晚于", "not after"),
    Compare.BELOW: Message("早于", "before"),
}
_REVIEW = Message(
    "{events}；{period}{how}至{last}，超过{over}日；规定为“一般不超过”，需审查。",
    "{events}; {period} {how} end on {last}, exceeded by {over} day(s); the rule says "
    "'usually no more than', so a reviewer decides.",
)


@attrs.frozen
class PeriodWording:
    """The templates a :class:`WithinPeriod` finding is explained with (zh and en).

    Placeholders: ``{start}``, ``{date}`` (the two dates, ISO), ``{period}`` ("2年" / "2
    years"), ``{how}`` (how the boundary counts, by the period's unit: from ``how`` for
    months and years, ``how_days`` for calendar days, ``how_working_days`` for working days, or
    the defaults — 第二百零二条's corresponding day is a rule for months and years only, days
    are counted under 第二百零一条 and working days as official working days), ``{last}`` (the
    last day), ``{over}`` (days beyond the last day), ``{spare}`` (days to spare),
    ``{events}`` (``events`` filled with the dates), ``{missing}`` (the names of the absent
    dates, from ``start_name`` and ``date_name``) and ``{requirement}`` (``requirement`` with
    the period). ``bounded`` words a last day that needs a year with no schedule (``{year}``)
    but is proven not to precede ``{bound}`` (``{why}`` says why), a day ``{date}`` is
    ``{relation}`` ("不晚于" / "not after", or "早于" / "before"). The defaults word an upper
    bound ("不超过", :attr:`Compare.AT_MOST`); a rule set words another comparison, or its own
    article, by giving its own templates.
    """

    events: Message = _EVENTS
    start_name: Message = _START_NAME
    date_name: Message = _DATE_NAME
    requirement: Message = _REQUIREMENT
    how: tuple[tuple[Boundary, Message], ...] = ()
    how_days: tuple[tuple[Boundary, Message], ...] = ()
    how_working_days: tuple[tuple[Boundary, Message], ...] = ()
    missing: Message = _MISSING
    open: Message = _OPEN
    met: Message = _MET
    not_met: Message = _NOT_MET
    review: Message = _REVIEW
    bounded: Message = _BOUNDED

    def how_words(self, boundary: Boundary, unit: PeriodUnit | None = None) -> Message:
        """How ``boundary`` counts a period of ``unit``, in this wording (or the default
        words); ``unit`` ``None``, :attr:`PeriodUnit.MONTH` or :attr:`PeriodUnit.YEAR`: a
        period of months or years."""
        if unit is PeriodUnit.DAY:
            own = self.how_days
        elif unit is PeriodUnit.WORKING_DAY:
            own = self.how_working_days
        else:
            own = self.how
        for rule, words in own:
            if rule is boundary:
                return words
        return _unit_words(unit)[boundary]


_DEFAULT_WORDING = PeriodWording()


# ---------------------------------------------------------------------------------------------
# The criterion
# ---------------------------------------------------------------------------------------------

_UPPER = (Compare.AT_MOST, Compare.BELOW)


def within_period_status(
    start: dt.date | None,
    date: dt.date | None,
    last: dt.date | None,
    compare: Compare = Compare.AT_MOST,
    soft: bool = False,
) -> Status:
    """The status of ``date`` against ``last`` (the period's last day from ``start``).

    Either date absent → ``unknown``. ``last`` ``None`` (the period ends after ``date.max``):
    an upper bound holds, a lower bound does not. Otherwise ``compare`` decides, inclusive or
    not; a failure is ``review`` when ``soft``, else ``not_met``.
    """
    if start is None or date is None:
        return Status.UNKNOWN
    if last is None:
        holds = compare in _UPPER
    elif compare is Compare.AT_MOST:
        holds = date <= last
    elif compare is Compare.BELOW:
        holds = date < last
    elif compare is Compare.AT_LEAST:
        holds = date >= last
    else:
        holds = date > last
    if holds:
        return Status.MET
    return Status.REVIEW if soft else Status.NOT_MET


@attrs.frozen
class WithinPeriod(Criterion):
    """``date`` compared with the last day of ``period`` counted from ``start``.

    The legal test: the day ``period`` (a period parameter: "2年", "6个月", "20个工作日") ends
    on, counted from ``start`` under ``boundary`` (a :class:`Boundary`, or a choice parameter
    naming one), bounds ``date`` as ``compare`` says — :attr:`Compare.AT_MOST` "以内/不超过"
    (the last day included, the default), :attr:`Compare.BELOW` "不满" (excluded),
    :attr:`Compare.AT_LEAST` "满…" (reached), :attr:`Compare.ABOVE` (passed). For "not older
    than" a document's date is ``start`` and the date it must still be valid on is ``date``
    (:data:`EVALUATION_DATE` for the day of the decision).

    Either date absent → ``unknown``; a failure → ``not_met``, or ``review`` when ``soft``
    ("一般不超过"). ``result`` (optional) names the decision result that receives the last
    day once both dates are known (``None`` when it falls after ``date.max``). The finding's
    measured value is ``date``, its required value the last day, its gap the days to spare
    (negative: the days beyond), in the direction of ``compare``.
    """

    start: Ref
    date: Ref
    period: Ref
    boundary: Ref | Boundary = Boundary.CORRESPONDING_DAY
    compare: Compare = Compare.AT_MOST
    soft: bool = False
    result: str | None = None
    wording: PeriodWording = _DEFAULT_WORDING

    kind: ClassVar[str] = "within_period"

    def status(self, start: dt.date | None, date: dt.date | None, last: dt.date | None) -> Status:
        """The status for the two dates and the period's last day (see
        :func:`within_period_status`)."""
        return within_period_status(start, date, last, self.compare, self.soft)

    def decide(self, row: Row) -> Finding:
        start: dt.date | None = row(self.start)
        date: dt.date | None = row(self.date)
        period: Period = row(self.period)
        boundary = self.boundary if isinstance(self.boundary, Boundary) else row(self.boundary)
        rule = boundary if isinstance(boundary, Boundary) else Boundary(boundary)
        last = None
        if start is not None and date is not None:
            try:
                last = last_day(start, period, rule)
            except CalendarNotCovered as missing:
                return self._decide_open(row, start, date, period, rule, missing)
            if self.result is not None:
                row.results[self.result] = last
        status = self.status(start, date, last)
        return row.ctx.finding(
            self.id,
            status,
            render=partial(within_period_text, status, self, start, date, period, rule, last),
        )

    def _decide_open(
        self,
        row: Row,
        start: dt.date,
        date: dt.date,
        period: Period,
        rule: Boundary,
        missing: CalendarNotCovered,
    ) -> Finding:
        """The last day needs a year with no schedule: decided from its proven lower bound when
        the bound settles it (the result is then left unset: the last day is not known), else
        ``missing`` is raised as it was."""
        end = open_end(start, period, rule, missing)
        status = None if end is None else _bounded_status(date, end, self.compare)
        if end is None or status is None:
            raise missing
        return row.ctx.finding(
            self.id,
            status,
            render=partial(bounded_text, self, start, date, period, rule, end),
        )


def _gap(criterion: WithinPeriod, date: dt.date, last: dt.date) -> int:
    days = (last - date).days
    return days if criterion.compare in _UPPER else -days


def _period_words(period: Period) -> Message:
    return Message(str(period), period.describe("en"))


def within_period_text(
    status: Status,
    criterion: WithinPeriod,
    start: dt.date | None,
    date: dt.date | None,
    period: Period,
    boundary: Boundary,
    last: dt.date | None,
) -> Rendered:
    """The explanation of a :class:`WithinPeriod` finding (rendered when first read)."""
    wording = criterion.wording
    words = _period_words(period)
    if start is None or date is None:
        absent = [
            n for n, v in ((wording.start_name, start), (wording.date_name, date)) if v is None
        ]
        requirement = wording.requirement
        message = Message(
            wording.missing.zh.format(
                missing="、".join(n.zh for n in absent),
                requirement=requirement.zh.format(period=words.zh),
            ),
            wording.missing.en.format(
                missing=" and ".join(n.en for n in absent),
                requirement=requirement.en.format(period=words.en),
            ),
        )
        return message, None, period, None
    values: dict[str, Any] = {"start": start, "date": date}
    zh = {**values, "events": wording.events.zh.format(**values), "period": words.zh}
    en = {**values, "events": wording.events.en.format(**values), "period": words.en}
    if last is None:
        return _filled(wording.open, zh, en), date, None, None
    gap = _gap(criterion, date, last)
    how = wording.how_words(boundary, period.unit)
    zh.update(last=last, over=-gap, spare=gap, how=how.zh)
    en.update(last=last, over=-gap, spare=gap, how=how.en)
    template = {Status.MET: wording.met, Status.REVIEW: wording.review}.get(status, wording.not_met)
    return _filled(template, zh, en), date, last, gap


def bounded_text(
    criterion: WithinPeriod,
    start: dt.date,
    date: dt.date,
    period: Period,
    boundary: Boundary,
    end: OpenEnd,
) -> Rendered:
    """The explanation of a :class:`WithinPeriod` finding decided from the proven lower bound
    of a last day that needs a year with no schedule (rendered when first read)."""
    wording = criterion.wording
    words = _period_words(period)
    why = _WHY_WORKING if period.unit is PeriodUnit.WORKING_DAY else _WHY_ROLL
    how = wording.how_words(boundary, period.unit)
    relation = _RELATION[criterion.compare]
    values: dict[str, Any] = {"start": start, "date": date, "year": end.year}
    values["bound"] = end.not_before
    zh = {**values, "events": wording.events.zh.format(**values), "period": words.zh}
    en = {**values, "events": wording.events.en.format(**values), "period": words.en}
    zh.update(how=how.zh, why=why.zh, relation=relation.zh)
    en.update(how=how.en, why=why.en, relation=relation.en)
    required = Message(f"不早于{end.not_before}", f"no earlier than {end.not_before}")
    return _filled(wording.bounded, zh, en), date, required, None


def _filled(template: Message, zh: dict[str, Any], en: dict[str, Any]) -> Message:
    return Message(template.zh.format(**zh), template.en.format(**en))
