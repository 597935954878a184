"""The disclosure rule set (``rules/disclosure.py``) over columns: its ``due`` measure, checks
and results.

The one finding, ``disclosure.on_time``, is an :class:`~nmgpolicy.criteria_deadlines.ActWithin`
(lowered in :mod:`nmgpolicy.columnar._dates`); what is the rule set's own is the ``due``
measure — every limit that applies to the catalog item, the earliest binding. Which limits
apply to an item (第二十六条 unless a 法律 or 法规 replaces it, the cited statute, the
catalog's own 公开时限), in which order, is asked of the row path's own ``compute`` once per
item of the batch (it does not depend on the formation date); each limit's last day is then
counted over the column of formation dates (:func:`~nmgpolicy.columnar._dates.deadline`), and
the binding one is the first of the earliest in the row path's order (its rank breaks ties).

Where a limit needs a year with no official schedule, its last day is replaced, as on the row
path, by a proven lower bound (``end_not_before``): the computed limit still binds if no bound
falls before it, else the due date is open and cannot precede the earliest bound (the
``ActWithin`` kernel of :mod:`nmgpolicy.columnar._dates` then decides while the act is not after
it, and leaves the row to the row path, which raises
:class:`~nmgpolicy.errors.CalendarNotCovered`, past it). A limit ending after 9999-12-31 is,
as on the row path, an end never reached: open, with the bound 9999-12-31 (the year it needs
is 10000). The checks of ``parse_facts`` (an unknown item, a publication before the formation,
a required fact no row gives) send their rows to the row path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from nmgpolicy.columnar._columns import EPOCH, BoolArray, Categories, Dates, IntArray, Scaled, warm
from nmgpolicy.columnar._dates import (
    MAX_DAY,
    Assessed,
    DueColumn,
    day_of,
    deadline_gap,
    end_not_before,
    work_calendar,
    working_between,
)
from nmgpolicy.columnar._kernels import Batch, Profile, measure_lowering, profile
from nmgpolicy.errors import NmgPolicyError
from nmgpolicy.outcome import Decision
from nmgpolicy.periods import Period
from nmgpolicy.rules import disclosure as rules
from nmgpolicy.rules._disclosure_limits import compute, known_items

__all__ = ["RESULTS"]

RULESET = "disclosure"

_PAST_MAX_YEAR = dt.date.max.year + 1
"""The year a limit ending after 9999-12-31 reaches (``_disclosure_limits._PAST_MAX_YEAR``)."""

RESULTS = ("due", "due_not_before", "late_days", "late_working_days", "published")
"""The results per application (docs/columnar.md)."""


def _columns(batch: Batch) -> tuple[Categories | None, Dates | None]:
    item, formed = batch.table.column("item"), batch.table.column("formed_on")
    return (
        item if isinstance(item, Categories) else None,
        formed if isinstance(formed, Dates) else None,
    )


@measure_lowering(ruleset=RULESET, name=rules.due.name)
def _due(measure: Any, batch: Batch) -> DueColumn:
    """The binding limit's last day of each row, or (open) its lower bound."""
    item, formed = _columns(batch)
    size = batch.size
    last, not_before = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64)
    decided, open_ = np.zeros(size, dtype=np.bool_), np.zeros(size, dtype=np.bool_)
    if item is None or formed is None:
        return DueColumn(last, decided)
    valid = item.mask() & formed.mask()
    for code, label in enumerate(item.labels):
        rows = np.flatnonzero(valid & (item.codes == code))
        if not len(rows):
            continue
        days = formed.days[rows]
        # The limits that apply (their periods) depend on the item, not on the day: they are
        # read at the earliest day, whose deadlines are the last to run past the calendar.
        sample = EPOCH + dt.timedelta(days=int(days.min()))
        try:
            limits = compute(label, sample, batch.params).candidates
        except NmgPolicyError:  # the row path words it
            batch.table.refuse(rows)
            continue
        found = _binding(days, [limit.period for limit in limits])
        last[rows], not_before[rows], decided[rows], open_[rows] = found
    return DueColumn(last, decided, open_, not_before)


def _binding(
    days: IntArray, limits: list[Period]
) -> tuple[IntArray, IntArray, BoolArray, BoolArray]:
    """``Computed.due()`` over the rows of one item: the first earliest computed limit binds
    unless a limit needing a missing year could end before it (the row path's ``_binding``);
    else the due date is open, and cannot precede the earliest bound of all."""
    cal = work_calendar()
    best = np.zeros(len(days), dtype=np.int64)
    has = np.zeros(len(days), dtype=np.bool_)
    pending = np.full(len(days), MAX_DAY + 1, dtype=np.int64)
    for period in limits:
        due, needs, past = deadline_gap(days, period, cal)
        needs = np.where(past, _PAST_MAX_YEAR, needs)  # never reached: bound 9999-12-31
        ok = needs == 0
        bound = end_not_before(days, period, np.where(ok, 1970, needs), cal)
        pending = np.where(ok, pending, np.minimum(pending, bound))
        best = np.where(ok & (~has | (due < best)), due, best)  # the first earliest
        has |= ok
    decided = has & ~(pending < best)
    return best, np.where(has, np.minimum(best, pending), pending), decided, ~decided


def _checks(batch: Batch) -> None:
    """An unknown item, or a publication before the formation: the row path refuses them."""
    table = batch.table
    item, formed = _columns(batch)
    if item is None or formed is None:  # a required fact no row gives
        table.row_path[:] = True
    if item is not None:
        known = np.array([x in known_items() for x in item.labels] + [True], dtype=np.bool_)
        codes = np.where(item.mask(), item.codes, len(item.labels))
        table.row_path |= ~known[codes]
    published = table.column("published_on")
    if formed is not None and isinstance(published, Dates):
        both = formed.mask() & published.mask()
        table.row_path |= both & (published.days < formed.days)


def _absent(batch: Batch) -> Scaled:
    return Scaled(np.zeros(batch.size, dtype=np.int64), 0, np.zeros(batch.size, dtype=np.bool_))


def _results(batch: Batch) -> dict[str, Scaled]:
    found = batch.memo.get(f"{rules.ON_TIME.id}#assessed")
    if not isinstance(found, Assessed):
        return {name: _absent(batch) for name in RESULTS}
    due = found.due
    valid = due.valid
    known = valid if due.open is None else valid | due.open
    late = ~found.on_time & valid
    between, uncovered = working_between(
        np.where(late, due.last, 0), np.where(late, found.reference, 0), work_calendar()
    )
    open_ = np.zeros(batch.size, dtype=np.bool_) if due.open is None else due.open
    bound = due.not_before if due.not_before is not None else due.last
    return {
        "due": Scaled(due.last, 0, valid),
        "due_not_before": Scaled(bound, 0, open_),
        "late_days": Scaled(np.where(late, found.reference - due.last, 0), 0, known),
        "late_working_days": Scaled(between, 0, known & ~(late & uncovered)),
        "published": Scaled(found.done.astype(np.int64), 0, known),
    }


def _day(value: dt.date | None) -> int | None:
    return None if value is None else day_of(value)


def _from_decision(decision: Decision) -> dict[str, Any]:
    results = decision.results
    return {
        "due": _day(results["due"]),
        "due_not_before": _day(results["due_not_before"]),
        "late_days": results["late_days"],
        "late_working_days": results["late_working_days"],
        "published": results["published"],
    }


profile(RULESET, Profile(_checks, _results, _from_decision))
warm(rules.DisclosureFacts)
