"""Deadline criteria: an act that must happen within a period from an event.

The legal shape is "应当自……之日起N个工作日内／N日内／N个月内……": an act (publishing information,
replying to an applicant, filing a report) is due by the last day of a period that runs from an
event. :class:`ActWithin` decides it for one application, as of the evaluation date ``on``:

* the act done on or before the last day → ``met``;
* the act done after it → ``not_met`` (late), with the lateness in calendar days and in official
  working days;
* the act not done and the last day not passed → ``pending`` (``met`` unless a rule set says
  otherwise: nothing is late yet);
* the act not done and the last day passed → ``not_met`` (late as of ``on``).

An act dated after ``on`` is read as not done on ``on``, and an event after ``on`` means the
period had not started; a note says either. The last day is counted by :mod:`nmgpolicy.periods`
(《民法典》第二百零一条 to 第二百零三条; official working days from the State Council's schedule):
from a period parameter and the event (``period`` and ``event``), or given whole by a measure of
the rule set (``due``, a :class:`Due`) when several limits combine.

When the last day needs a year with no official schedule, the due date is kept as a proven lower
bound (:func:`end_not_before`): an act done (or an evaluation date) not after that bound is on
time whatever the missing year holds; otherwise the criterion raises
:class:`~nmgpolicy.errors.CalendarNotCovered`. Every calendar lookup happens while the status is
decided — the explanation (:func:`deadline_text`) only formats the dates established then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.definition import Criterion, Param, Ref, Row
from nmgpolicy.errors import CalendarNotCovered
from nmgpolicy.outcome import Citation, Finding, Message, Rendered, Status
from nmgpolicy.periods import Period, PeriodUnit, period_end, working_days_between
from nmgpolicy.periods import deadline as period_deadline

__all__ = [
    "ACT",
    "ActWithin",
    "ActWording",
    "Assessment",
    "Due",
    "Timing",
    "deadline_text",
    "end_not_before",
    "lateness_text",
]


def end_not_before(start: dt.date, period: Period, year: int) -> dt.date:
    """A date the end of ``period`` from ``start`` is proven not to precede, when ``year`` (the
    first year it needs) has no official schedule.

    n working days never end before n calendar days, nor before the day the working days left
    after the covered years can fit in ``year``; a calendar period ends no earlier than its
    unrolled end (第二百零三条 only moves it later), nor than 1 January of the year its roll
    reached.
    """
    if year > dt.date.max.year:  # the period ends after 9999-12-31: no later bound exists
        return dt.date.max
    first = dt.date(year, 1, 1)
    if period.unit is not PeriodUnit.WORKING_DAY:
        return max(period_end(start, period), first)
    try:
        bound = start + dt.timedelta(days=period.amount)
    except OverflowError:  # pragma: no cover - a period past 9999-12-31
        return dt.date.max
    if start < first:
        try:
            counted = working_days_between(start, first - dt.timedelta(days=1))
        except CalendarNotCovered:  # pragma: no cover - the years before `year` were counted
            return bound
        bound = max(bound, first + dt.timedelta(days=period.amount - counted - 1))
    return bound


def _not_covered(year: int, needed_for: str) -> CalendarNotCovered:
    return CalendarNotCovered(year, needed_for)


@attrs.frozen
class Due:
    """When an act is due: the last day of its period, or a lower bound of it.

    ``last_day`` is ``None`` when the period reaches a year with no official working-day
    schedule (``needs_year``); ``not_before`` is then a proven lower bound of the last day (and
    equals ``last_day`` otherwise). ``period`` and ``citation`` name the limit that binds, for
    the message and the finding's citation (the criterion's own citation when ``None``).
    ``missing`` builds the error to raise when the bound leaves the answer open.
    """

    last_day: dt.date | None
    not_before: dt.date
    period: Period | None = None
    citation: Citation | None = None
    needs_year: int | None = None
    missing: Callable[[], CalendarNotCovered] | None = attrs.field(
        default=None, eq=False, repr=False
    )

    @classmethod
    def of(cls, start: dt.date, period: Period, citation: Citation | None = None) -> Due:
        """The last day of ``period`` from ``start`` (or its lower bound, if a year is missing)."""
        try:
            last = period_deadline(start, period)
        except CalendarNotCovered as gap:
            bound = end_not_before(start, period, gap.year)
            needed_for = f"{period.describe('en')} from {start}, which ends no earlier than {bound}"
            return cls(
                None,
                bound,
                period,
                citation,
                gap.year,
                partial(_not_covered, gap.year, needed_for),
            )
        return cls(last, last, period, citation)

    def error(self) -> CalendarNotCovered:
        """The :class:`CalendarNotCovered` naming the year the last day needs."""
        if self.missing is not None:
            return self.missing()
        return CalendarNotCovered(self.needs_year or self.not_before.year)


@attrs.frozen
class Timing:
    """The act (or the evaluation date, while it is not done) against the last day.

    ``late_days`` counts calendar days after the last day; ``late_working_days`` the official
    working days strictly after it up to and including the reference day; ``gap`` is the margin
    in working days (positive: days to spare, negative: working days late). ``None`` where the
    count needs a year with no schedule (``missing_year``).
    """

    on_time: bool
    late_days: int
    late_working_days: int | None
    gap: int | None
    missing_year: int | None = None

    @classmethod
    def of(cls, due: dt.date, reference: dt.date) -> Timing:
        on_time = reference <= due
        late_days = 0 if on_time else (reference - due).days
        try:
            between = working_days_between(due, reference)
        except CalendarNotCovered as missing:
            return cls(on_time, late_days, 0 if on_time else None, None, missing.year)
        return cls(on_time, late_days, 0 if on_time else between, -between)

    @classmethod
    def open(cls) -> Timing:
        """On time with no margin known: the last day is open but not reached."""
        return cls(on_time=True, late_days=0, late_working_days=0, gap=None)


# The generic wording of a deadline finding (an act "完成" / "done").
_ON_TIME = Message(
    "已于{done}完成，不晚于期限{due}{rule}。",
    "Done on {done}, no later than the due date {due}{rule}.",
)
_LATE = Message(
    "于{done}完成，晚于期限{due}{rule}，{late}。",
    "Done on {done}, after the due date {due}{rule}; {late}.",
)
_PENDING = Message(
    "截至{on}尚未完成，期限{due}未届满{rule}。",
    "Not yet done as of {on}; the due date {due} has not passed{rule}.",
)
_OVERDUE = Message(
    "截至{on}尚未完成，已超过期限{due}{rule}，{late}。",
    "Not done as of {on}, after the due date {due}{rule}; {late}.",
)
_OPEN_NEEDS = Message(
    "期限需要{year}年的官方工作日安排才能算出，本库尚无该年数据；但它不早于{bound}",
    "the due date needs the official working-day schedule of {year}, which is not "
    "available, but it is no earlier than {bound}",
)
_OPEN_DONE = Message(
    "已于{done}完成。{needs}，故按时完成。", "Done on {done}: {needs}, so it was done on time."
)
_OPEN_PENDING = Message(
    "截至{on}尚未完成。{needs}，尚未届满。",
    "Not yet done as of {on}: {needs}, so it has not passed.",
)
_EVENT_AFTER = Message(
    "起算日{event}晚于评估日{on}：截至评估日期限尚未开始计算。",
    "The event {event} is after the evaluation date {on}: the period had not started on that date.",
)
_DONE_AFTER = Message(
    "完成日期{done}晚于评估日{on}：按截至评估日尚未完成评估。",
    "The act dated {done} is after the evaluation date {on}: evaluated as not yet done on "
    "that date.",
)
_MISSING = Message(
    "缺少事实：期限的起算日（未提供）。",
    "Fact missing: the day the period runs from (not provided).",
)


@attrs.frozen
class ActWording:
    """How a deadline finding and its notes name the act: ``str.format`` templates, zh and en.

    Placeholders: ``{done}`` the act's date, ``{due}`` the last day, ``{on}`` the evaluation
    date, ``{rule}`` the binding limit ("（《…》第二十六条：20个工作日）", in English with a
    leading space), ``{late}`` the lateness (:func:`lateness_text`), ``{needs}`` the
    missing-year sentence (``open_needs``, with ``{year}`` and ``{bound}``), ``{event}`` the
    event's date.
    """

    on_time: Message = _ON_TIME
    late: Message = _LATE
    pending: Message = _PENDING
    overdue: Message = _OVERDUE
    open_needs: Message = _OPEN_NEEDS
    open_done: Message = _OPEN_DONE
    open_pending: Message = _OPEN_PENDING
    event_after: Message = _EVENT_AFTER
    done_after: Message = _DONE_AFTER
    missing: Message = _MISSING


ACT = ActWording()
"""The generic wording ("完成" / "done")."""

_UNCOUNTED = Message(
    "{due}与{reference}之间的工作日数需要{year}年的官方工作日安排，本库尚无该年数据，未计算。",
    "The working days between {due} and {reference} need the official working-day schedule of "
    "{year}, which is not available; they were not counted.",
)


@attrs.frozen
class Assessment:
    """What a deadline criterion established for one application (read by results and text).

    ``done`` is the act's date if it was done by ``on``; ``due`` is ``None`` only when the
    facts do not give the event; ``timing`` is :meth:`Timing.open` while the last day is open.
    """

    status: Status
    on: dt.date
    done: dt.date | None
    due: Due | None
    timing: Timing | None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def lateness_text(timing: Timing) -> Message:
    """How late, in calendar days and official working days (the latter when counted)."""
    days = timing.late_days
    working = timing.late_working_days
    if working is None:
        return Message(
            f"逾期{days}日（其中的工作日数需要{timing.missing_year}年的官方工作日安排，未计算）",
            f"{_plural(days, 'day')} late (the working days among them need the official "
            f"schedule of {timing.missing_year})",
        )
    if working == 0:
        return Message(
            f"逾期{days}日（其间没有工作日）", f"{_plural(days, 'day')} late (no working day)"
        )
    return Message(
        f"逾期{days}日（其中{working}个工作日）",
        f"{_plural(days, 'day')} late ({_plural(working, 'working day')})",
    )


def _rule(due: Due) -> Message:
    if due.citation is None or due.period is None:
        return Message("", "")
    label = due.citation.label
    return Message(f"（{label}：{due.period}）", f" ({label}: {due.period.describe('en')})")


def _fill(template: Message, **values: object) -> tuple[str, str]:
    zh = {k: v.zh if isinstance(v, Message) else v for k, v in values.items()}
    en = {k: v.en if isinstance(v, Message) else v for k, v in values.items()}
    return template.zh.format(**zh), template.en.format(**en)


def deadline_text(wording: ActWording, assessment: Assessment) -> Rendered:
    """The explanation of an :class:`ActWithin` finding (rendered when first read): it formats
    the dates and counts the decision established, and looks nothing up."""
    due, done, on, timing = assessment.due, assessment.done, assessment.on, assessment.timing
    if due is None or timing is None:
        return wording.missing, done, None, None
    if due.last_day is None:
        needs = _fill(wording.open_needs, year=due.needs_year, bound=due.not_before)
        template = wording.open_done if done is not None else wording.open_pending
        zh, en = _fill(template, done=done, on=on, needs=Message(*needs))
        bound = due.not_before
        required = Message(f"不早于{bound}", f"no earlier than {bound}")
        return Message(zh, en), done, required, None
    if done is not None:
        template = wording.on_time if timing.on_time else wording.late
    else:
        template = wording.pending if timing.on_time else wording.overdue
    late = lateness_text(timing) if not timing.on_time else Message("", "")
    zh, en = _fill(template, done=done, due=due.last_day, on=on, rule=_rule(due), late=late)
    return Message(zh, en), done, due.last_day, timing.gap


@attrs.frozen
class ActWithin(Criterion):
    """An act due within a period from an event: met / late (not met) / pending, as of ``on``.

    The legal test: the act's date (``done``; absent while not done) is not after the last day
    of the period. The last day is ``due`` (a :class:`Due` a measure gives, for limits that
    combine) or the period parameter ``period`` counted from ``event`` (《民法典》第二百零一条 to
    第二百零三条, or official working days). ``pending`` is the status while the act is not done
    and the last day not passed. ``depends_on`` lists what a ``due`` measure reads (the
    parameters of the limits it combines), for the documentation. ``wording`` names the act.
    """

    done: Ref
    due: Ref | None = None
    event: Ref | None = None
    period: Param | None = None
    pending: Status = Status.MET
    wording: ActWording = ACT
    depends_on: tuple[Ref, ...] = ()

    kind: ClassVar[str] = "deadline"

    def __attrs_post_init__(self) -> None:
        if self.due is None and (self.event is None or self.period is None):
            raise ValueError(f"{self.id}: a deadline needs `due`, or `event` and `period`")

    def references(self) -> tuple[Ref, ...]:
        return super().references() + self.depends_on

    def status(self, done: bool, on_time: bool) -> Status:
        """The status from plain answers: was the act done, and is it (still) on time."""
        if not on_time:
            return Status.NOT_MET
        return Status.MET if done else self.pending

    def assess(self, row: Row) -> Assessment:
        """What the criterion establishes for ``row`` (computed once per evaluation)."""
        found: Assessment | None = row.memo.get(self.id)
        if found is None:
            found = row.memo[self.id] = self._assess(row)
        return found

    def decide(self, row: Row) -> Finding:
        assessment = self.assess(row)
        ctx = row.ctx
        info = ctx.data.criteria.get(self.id)
        due = assessment.due
        citation = due.citation if due is not None and due.citation is not None else None
        if citation is None and info is not None:
            citation = info.citation
        return Finding(
            self.id,
            assessment.status,
            None,
            citation,
            binding=info.binding if info is not None else True,
            render=partial(deadline_text, self.wording, assessment),
        )

    def _due(self, row: Row, event: dt.date | None) -> Due | None:
        if self.due is not None:
            due: Due | None = row(self.due)
            return due
        assert self.period is not None  # checked when the criterion was made
        return None if event is None else Due.of(event, row(self.period))

    def _assess(self, row: Row) -> Assessment:
        ctx = row.ctx
        on = ctx.on
        event: dt.date | None = None if self.event is None else row(self.event)
        due = self._due(row, event)
        if event is not None and event > on:
            ctx.notes.append(Message(*_fill(self.wording.event_after, event=event, on=on)))
        done: dt.date | None = row(self.done)
        if done is not None and done > on:
            ctx.notes.append(Message(*_fill(self.wording.done_after, done=done, on=on)))
            done = None
        if due is None:
            return Assessment(Status.UNKNOWN, on, done, None, None)
        # Lateness is measured at the act, or, while it is not done, on the evaluation date.
        reference = done if done is not None else on
        if due.last_day is None:
            if reference > due.not_before:
                raise due.error()
            return Assessment(self.status(done is not None, True), on, done, due, Timing.open())
        timing = Timing.of(due.last_day, reference)
        if timing.missing_year is not None:
            values: dict[str, Any] = {
                "due": due.last_day,
                "reference": reference,
                "year": timing.missing_year,
            }
            ctx.notes.append(Message(*_fill(_UNCOUNTED, **values)))
        status = self.status(done is not None, timing.on_time)
        return Assessment(status, on, done, due, timing)
