"""The values a disclosure deadline is made of: each limit considered, a conflict, the deadline.

Private to :mod:`nmgpolicy.rules.disclosure`, which re-exports every name here (and under
whose name they pickle and print).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self, overload

import attrs

from nmgpolicy.outcome import Citation, Message
from nmgpolicy.periods import Period

__all__ = ["CATALOG_TITLE", "Conflict", "Deadline", "DeadlineCandidate", "DueDate"]

CATALOG_TITLE = "包头市工业和信息化局主动公开事项目录"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


@attrs.frozen
class DeadlineCandidate:
    """One limit that applies to an item: where it comes from, its rank, period and due date.

    ``source`` is ``"ceiling"`` (《政府信息公开条例》第二十六条, applied to every item),
    ``"fallback"`` (the same article under ``article_26_role="fallback"``, for items with no
    fixed limit), ``"catalog"`` (the catalog's own 公开时限) or ``"statute"`` (a limit set by
    the cited statute). ``rank`` is the 效力位阶 of that source: ``"law"``,
    ``"administrative_regulation"``, ``"local_regulation"``, ``"government_rule"``,
    ``"normative_document"`` or ``"catalog"`` (labels in the data file).

    ``due`` is ``None`` when the period reaches a year with no official working-day schedule
    (``needs_year``); ``not_before`` is then a proven lower bound of its end.
    """

    source: str
    period: Period
    due: dt.date | None
    citation: Citation
    event: Message
    rank: str = ""
    not_before: dt.date | None = None
    needs_year: int | None = None

    @property
    def earliest(self) -> dt.date:
        """The due date, or its lower bound when it cannot be computed."""
        found = self.due if self.due is not None else self.not_before
        assert found is not None  # a candidate has one or the other
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "rank": self.rank,
            "period": str(self.period),
            "due": _iso(self.due),
            "not_before": _iso(self.not_before),
            "needs_year": self.needs_year,
            "citation": self.citation.to_dict(),
            "event": self.event.to_dict(),
        }


@attrs.frozen
class Conflict:
    """A catalog limit that ends later than the limit the law sets for the same item.

    ``ceiling`` is the candidate of 第二十六条 or of the 法律/法规 that replaces it; the
    catalog cannot extend it, so the catalog conflicts with the law (for this formation date).
    """

    item_id: str
    title: str
    catalog: DeadlineCandidate
    ceiling: DeadlineCandidate
    message: Message

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "title": self.title,
            "catalog_limit": self.catalog.citation.text,
            "catalog_period": str(self.catalog.period),
            "catalog_due": _iso(self.catalog.due),
            "catalog_due_not_before": _iso(self.catalog.not_before),
            "ceiling": self.ceiling.citation.label,
            "ceiling_source": self.ceiling.source,
            "ceiling_period": str(self.ceiling.period),
            "ceiling_due": _iso(self.ceiling.due),
            "message": self.message.to_dict(),
        }


@attrs.frozen
class Deadline:
    """The due date of a catalog item's disclosure, with every limit considered.

    ``due`` is the earliest candidate's date; ``basis`` is that candidate (on equal dates, the
    one of higher rank). ``conflicts`` lists catalog limits later than the law's.
    """

    item_id: str
    formed_on: dt.date
    due: dt.date
    basis: DeadlineCandidate
    candidates: tuple[DeadlineCandidate, ...]
    notes: tuple[Message, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "formed_on": self.formed_on.isoformat(),
            "due": self.due.isoformat(),
            "basis": self.basis.to_dict(),
            "candidates": [c.to_dict() for c in self.candidates],
            "notes": [n.to_dict() for n in self.notes],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


class DueDate(dt.date):
    """The due date of a catalog item: a :class:`datetime.date` carrying its basis.

    It is the date (compares, hashes and formats as one; date arithmetic gives plain dates) and
    it holds the whole :class:`Deadline` computation: ``due``, ``basis``, ``candidates``,
    ``notes``, ``conflicts``, ``item_id``, ``formed_on`` and ``to_dict()`` are the Deadline's.
    It also compares equal to the ``Deadline`` it was built from.
    """

    deadline: Deadline

    def __new__(cls, deadline: Deadline) -> Self:
        due = deadline.due
        self = super().__new__(cls, due.year, due.month, due.day)
        self.deadline = deadline
        return self

    @property
    def due(self) -> dt.date:
        """The due date as a plain :class:`datetime.date`."""
        return dt.date(self.year, self.month, self.day)

    @property
    def basis(self) -> DeadlineCandidate:
        """The limit that binds (the earliest candidate)."""
        return self.deadline.basis

    @property
    def candidates(self) -> tuple[DeadlineCandidate, ...]:
        """Every limit considered."""
        return self.deadline.candidates

    @property
    def notes(self) -> tuple[Message, ...]:
        """What the computation had to explain (limits compared, a conflict, a missing year)."""
        return self.deadline.notes

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Catalog limits that end later than the law's (the catalog conflicts with the law)."""
        return self.deadline.conflicts

    @property
    def item_id(self) -> str:
        return self.deadline.item_id

    @property
    def formed_on(self) -> dt.date:
        return self.deadline.formed_on

    def to_dict(self) -> dict[str, Any]:
        return self.deadline.to_dict()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Deadline):
            return bool(self.deadline == other)
        return super().__eq__(other)

    __hash__ = dt.date.__hash__

    def __reduce__(self) -> tuple[type[DueDate], tuple[Deadline]]:
        return (type(self), (self.deadline,))

    def __repr__(self) -> str:
        return f"DueDate({self.isoformat()}, basis={self.deadline.basis.source!r})"

    # Date arithmetic gives plain dates (the Deadline describes this date only).
    def __add__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        return self.due + other

    def __radd__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        return self.due + other

    @overload  # type: ignore[override]
    def __sub__(self, other: dt.timedelta) -> dt.date: ...

    @overload
    def __sub__(self, other: dt.date) -> dt.timedelta: ...

    def __sub__(self, other: dt.timedelta | dt.date) -> dt.date | dt.timedelta:
        return self.due - other

    def replace(self, *args: Any, **kwargs: Any) -> dt.date:  # type: ignore[override]
        return self.due.replace(*args, **kwargs)


# Their public home is nmgpolicy.rules.disclosure (pickles and reprs name it, not this module).
for _public in (DeadlineCandidate, Conflict, Deadline, DueDate):
    _public.__module__ = "nmgpolicy.rules.disclosure"
