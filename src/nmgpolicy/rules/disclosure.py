"""The Baotou bureau's proactive-disclosure catalog and the deadline of each item.

The catalog (包头市工业和信息化局主动公开事项目录) lists 14 items, each with the regulation it
rests on and a time limit (公开时限). The deadline of an item is computed from every limit that
applies to it, each kept with its basis and its rank (效力位阶), and the earliest binds
(docs/reading-the-law.md, "Proactive disclosure"):

* 《政府信息公开条例》第二十六条: 20 working days from the forming or change of the information,
  for every item — a ceiling — unless a 法律 or 法规 sets its own limit, which then replaces it
  ("法律、法规对政府信息公开的期限另有规定的，从其规定"): 《预算法》第十四条第二款, 20 days after
  the finance department's approval (批复), for the budget and the final accounts;
* the catalog's own limit, where it states one ("…之日起20个工作日内", "一年内", "1个月内");
* a lower-rank limit of the cited document (《内蒙古自治区行政规范性文件管理办法》第五十一条, a
  government rule: 30 days after the clean-up), which can only add a limit.

A catalog limit later than the ceiling is reported as a conflict with the law. The parameter
``article_26_role`` keeps the earlier reading, ``"fallback"``: 第二十六条 applies only where
neither the catalog nor the cited statute fixes a limit.

Calendar-day periods follow 民法典 第201–203条 (the start day is not counted; a last day on a
rest day rolls to the next working day); working-day periods count official working days. A
limit that needs a year with no official schedule is kept with a lower bound of its end (n
working days never end before n calendar days); the deadline needs that year only when the
lower bound leaves the answer open, and only then raises
:class:`~nmgpolicy.errors.CalendarNotCovered`, naming the limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Self, overload

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.catalog import CatalogItem, bundled_catalog, load_catalog
from nmgpolicy.engine import BaseRuleSet, Context, register
from nmgpolicy.errors import CalendarNotCovered, InputError, NotInForce, Problem, shown
from nmgpolicy.outcome import Citation, Finding, Message, Status
from nmgpolicy.params import ParameterSet, load_parameters, parse_date
from nmgpolicy.periods import (
    Period,
    PeriodUnit,
    find_period,
    period_end,
    working_days_between,
)
from nmgpolicy.periods import deadline as period_deadline

__all__ = [
    "CATALOG_TITLE",
    "Conflict",
    "Deadline",
    "DeadlineCandidate",
    "DisclosureFacts",
    "DisclosureRuleSet",
    "DueDate",
    "catalog",
    "deadline",
    "item",
    "load_catalog",
]

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


_FORMED = Message("政府信息形成或者变更", "the forming or change of the information")


@exact
def catalog() -> tuple[CatalogItem, ...]:
    """The bureau's 14 catalog items, in catalog order (bundled data, parsed once)."""
    return bundled_catalog().items


@exact
def item(item_id: object) -> CatalogItem:
    """The catalog item with this id (e.g. ``"first-set-results"``)."""
    if not isinstance(item_id, str):
        known = ", ".join(i.id for i in catalog())
        raise InputError.single("$.item", f"expected an item id; known: {known}")
    return bundled_catalog().item(item_id)


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _limit_text(entry: CatalogItem) -> Message:
    """The catalog's 公开时限 as written, for a message (a blank cell said as such)."""
    text = entry.time_limit_text
    return Message(f"“{text}”" if text else "空白", repr(text) if text else "blank")


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _named(candidate: DeadlineCandidate, data: ParameterSet) -> Message:
    """A candidate in words: its period, its source and the source's rank."""
    if candidate.source == "catalog":
        title = candidate.citation.article
        return Message(
            f"公开事项目录“{title}”的公开时限（{candidate.period}）",
            f"the catalog's limit for “{title}” ({candidate.period.describe('en')})",
        )
    rank = data.label(candidate.rank)
    label = candidate.citation.label
    return Message(
        f"{label}（{rank.zh}）规定的{candidate.period}",
        f"{candidate.period.describe('en')} under {label} ({rank.en})",
    )


def _end(candidate: DeadlineCandidate) -> Message:
    """Its end: the date, or its lower bound when it needs a missing year."""
    if candidate.due is not None:
        return Message(f"届满日为{candidate.due}", f"ends on {candidate.due}")
    return Message(
        f"届满日不早于{candidate.not_before}", f"ends no earlier than {candidate.not_before}"
    )


def _rank_index(rank: str, data: ParameterSet) -> int:
    order: Sequence[str] = data.extra["ranks"]["order"]
    return order.index(rank) if rank in order else len(order)


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


def _lower_bound(start: dt.date, period: Period, year: int) -> dt.date:
    """A date the period's end is proven not to precede, when ``year`` has no schedule.

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


def _candidate(
    source: str,
    rank: str,
    period: Period,
    formed_on: dt.date,
    citation: Citation,
    event: Message,
) -> DeadlineCandidate:
    try:
        due = period_deadline(formed_on, period)
    except CalendarNotCovered as missing:
        return DeadlineCandidate(
            source=source,
            period=period,
            due=None,
            citation=citation,
            event=event,
            rank=rank,
            not_before=_lower_bound(formed_on, period, missing.year),
            needs_year=missing.year,
        )
    return DeadlineCandidate(
        source=source, period=period, due=due, citation=citation, event=event, rank=rank
    )


def _catalog_candidate(
    entry: CatalogItem, formed_on: dt.date, data: ParameterSet
) -> DeadlineCandidate | None:
    period = find_period(entry.time_limit_text)
    if period is None:
        return None
    spec = data.extra.get("catalog_events", {}).get(entry.id)
    return _candidate(
        "catalog",
        "catalog",
        period,
        formed_on,
        Citation(
            document=f"《{CATALOG_TITLE}》",
            article=entry.title,
            clause="公开时限",
            text=entry.time_limit_text,
        ),
        Message(**spec["event"]) if spec else _FORMED,
    )


def _statute_candidate(
    entry: CatalogItem, formed_on: dt.date, values: Mapping[str, Any], data: ParameterSet
) -> tuple[DeadlineCandidate | None, list[Message]]:
    spec = data.extra.get("statute_limits", {}).get(entry.id)
    if spec is None:
        return None, []
    parameter = data.parameters[spec["parameter"]]
    candidate = _candidate(
        "statute",
        str(spec["rank"]),
        values[parameter.name],
        formed_on,
        parameter.citation or Citation(document=entry.basis),
        Message(**spec["event"]),
    )
    return candidate, [Message(**spec["note"])] if "note" in spec else []


def _article_26(
    source: str, formed_on: dt.date, values: Mapping[str, Any], data: ParameterSet
) -> DeadlineCandidate:
    parameter = data.parameters["default_period"]
    return _candidate(
        source,
        str(data.extra["ranks"]["article_26"]),
        values[parameter.name],
        formed_on,
        parameter.citation or Citation(document=data.document),
        _FORMED,
    )


# --------------------------------------------------------------------------------------------
# The computation
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Computed:
    """Every limit of one item, and the binding one if the known years decide it."""

    entry: CatalogItem
    formed_on: dt.date
    candidates: tuple[DeadlineCandidate, ...]
    notes: tuple[Message, ...]
    conflicts: tuple[Conflict, ...]
    #: The binding candidate; ``None`` when a missing year leaves the answer open.
    basis: DeadlineCandidate | None
    #: The earliest the due date can be (the due date itself when ``basis`` is set).
    not_before: dt.date

    def open_candidates(self) -> list[DeadlineCandidate]:
        """The uncomputed candidates that could still bind (they need a missing year)."""
        computed = [c.due for c in self.candidates if c.due is not None]
        if not computed:  # every one needs a missing year (even a bound of 9999-12-31)
            return [c for c in self.candidates if c.due is None]
        limit = min(computed)
        return [c for c in self.candidates if c.due is None and c.earliest < limit]

    def not_covered(self) -> CalendarNotCovered:
        """The error naming the year the answer needs and the limits that need it."""
        needing = self.open_candidates()
        year = min(c.needs_year or 0 for c in needing)
        data = load_parameters("disclosure")
        named = "; ".join(
            f"{data.label(c.source).en} ({c.citation.label}), {c.period.describe('en')} "
            f"from {self.formed_on}, ends no earlier than {c.not_before}"
            for c in needing
        )
        return CalendarNotCovered(year, f"the deadline of catalog item {self.entry.id!r}: {named}")

    def deadline(self) -> Deadline:
        if self.basis is None or self.basis.due is None:
            raise self.not_covered()
        return Deadline(
            item_id=self.entry.id,
            formed_on=self.formed_on,
            due=self.basis.due,
            basis=self.basis,
            candidates=self.candidates,
            notes=self.notes,
            conflicts=self.conflicts,
        )


def _binding(
    candidates: Sequence[DeadlineCandidate], data: ParameterSet, *, by_rank: bool
) -> DeadlineCandidate | None:
    """The earliest computed candidate if no uncomputed one can end before it, else ``None``.

    ``by_rank``: on equal dates the higher rank is the basis (else the first listed).
    """
    computed = [c for c in candidates if c.due is not None]
    if not computed:
        return None
    if by_rank:
        basis = min(computed, key=lambda c: (c.earliest, _rank_index(c.rank, data)))
    else:
        basis = min(computed, key=lambda c: c.earliest)
    pending = [c.earliest for c in candidates if c.due is None]
    if pending and min(pending) < basis.earliest:
        return None
    return basis


def _pending_notes(
    candidates: Sequence[DeadlineCandidate], basis: DeadlineCandidate | None, data: ParameterSet
) -> list[Message]:
    """For each limit that needs a missing year, say so, and why the result does not need it."""
    if basis is None:
        return []
    notes = []
    for c in candidates:
        if c.due is None:
            named = _named(c, data)
            notes.append(
                Message(
                    f"{named.zh}需要{c.needs_year}年的官方工作日安排，本库尚无该年数据，无法算出"
                    f"届满日；但可以确定它不早于{c.not_before}，而公开期限{basis.due}不晚于此日，"
                    "故不影响公开期限。",
                    f"{_upper(named.en)} needs the official working-day schedule of "
                    f"{c.needs_year}, which is not available, so its end cannot be computed; it "
                    f"ends no earlier than {c.not_before}, and the deadline {basis.due} is not "
                    "later than that, so it does not change the deadline.",
                )
            )
    return notes


def _computed(
    entry: CatalogItem,
    formed_on: dt.date,
    candidates: list[DeadlineCandidate],
    notes: list[Message],
    data: ParameterSet,
    *,
    by_rank: bool,
    conflicts: Sequence[Conflict] = (),
) -> _Computed:
    basis = _binding(candidates, data, by_rank=by_rank)
    notes.extend(_pending_notes(candidates, basis, data))
    return _Computed(
        entry=entry,
        formed_on=formed_on,
        candidates=tuple(candidates),
        notes=tuple(notes),
        conflicts=tuple(conflicts) if basis is not None else (),
        basis=basis,
        not_before=basis.earliest if basis else min(c.earliest for c in candidates),
    )


def _fallback(
    entry: CatalogItem, formed_on: dt.date, values: Mapping[str, Any], data: ParameterSet
) -> _Computed:
    """``article_26_role="fallback"``: 第二十六条 only where no other limit is fixed."""
    candidates: list[DeadlineCandidate] = []
    notes: list[Message] = []
    catalog_limit = _catalog_candidate(entry, formed_on, data)
    if catalog_limit is not None:
        candidates.append(catalog_limit)
    statute, statute_notes = _statute_candidate(entry, formed_on, values, data)
    if statute is not None:
        candidates.append(statute)
    limit_text = _limit_text(entry)
    if not candidates:
        fallback = _article_26("fallback", formed_on, values, data)
        notes.append(
            Message(
                f"目录未规定固定公开时限（{limit_text.zh}），适用《政府信息公开条例》第二十六条的"
                f"一般时限：{fallback.period}。",
                f"The catalog sets no fixed limit ({limit_text.en}); the general limit of "
                "Article 26 of the Regulations on Open Government Information applies: "
                f"{fallback.period.describe('en')}.",
            )
        )
        candidates.append(fallback)
    elif catalog_limit is None:
        notes.append(
            Message(
                f"目录未规定固定公开时限（{limit_text.zh}），适用所依据规定的时限："
                f"{candidates[0].period}（{candidates[0].citation.label}）。",
                f"The catalog sets no fixed limit ({limit_text.en}); the limit of the statute it "
                f"cites applies: {candidates[0].period.describe('en')} "
                f"({candidates[0].citation.label}).",
            )
        )
    elif len(candidates) > 1:
        notes.append(
            Message(
                "目录时限与所依据法律规定的时限不同，取较早的日期。",
                "The catalog's limit and the cited statute's limit differ; the earlier date binds.",
            )
        )
    notes.extend(statute_notes)
    return _computed(entry, formed_on, candidates, notes, data, by_rank=False)


def _ceiling(
    entry: CatalogItem, formed_on: dt.date, values: Mapping[str, Any], data: ParameterSet
) -> _Computed:
    """``article_26_role="ceiling"``: 第二十六条 for every item, unless a 法律/法规 replaces it."""
    replacing: Sequence[str] = data.extra["ranks"]["replaces_article_26"]
    candidates: list[DeadlineCandidate] = []
    notes: list[Message] = []
    statute, statute_notes = _statute_candidate(entry, formed_on, values, data)
    if statute is not None and statute.rank in replacing:
        rank = data.label(statute.rank)
        notes.append(
            Message(
                f"{statute.citation.label}（{rank.zh}）对公开期限另有规定（{statute.period}），依"
                "《政府信息公开条例》第二十六条“法律、法规对政府信息公开的期限另有规定的，从其"
                f"规定”，以其代替{values['default_period']}的期限。",
                f"{statute.citation.label} ({rank.en}) sets its own limit "
                f"({statute.period.describe('en')}); under Article 26 of the Regulations on Open "
                "Government Information (a law or regulation that sets another limit prevails), "
                f"it replaces the {values['default_period'].describe('en')}.",
            )
        )
    else:
        candidates.append(_article_26("ceiling", formed_on, values, data))
    if statute is not None:
        candidates.append(statute)
    catalog_limit = _catalog_candidate(entry, formed_on, data)
    if catalog_limit is None:
        limit_text = _limit_text(entry)
        applies = Message("", "")
        if candidates and candidates[0].source == "ceiling":
            period = candidates[0].period
            applies = Message(
                f"，《政府信息公开条例》第二十六条的{period}仍然适用",
                "; the "
                f"{period.describe('en')} of Article 26 of the Regulations on Open Government "
                "Information still apply",
            )
        notes.append(
            Message(
                f"目录未规定固定公开时限（{limit_text.zh}）{applies.zh}。",
                f"The catalog sets no fixed limit ({limit_text.en}){applies.en}.",
            )
        )
    else:
        candidates.append(catalog_limit)
    notes.extend(statute_notes)
    candidates.sort(key=lambda c: _rank_index(c.rank, data))
    basis = _binding(candidates, data, by_rank=True)
    conflicts: list[Conflict] = []
    if basis is not None:
        if len(candidates) > 1:
            named = _named(basis, data)
            notes.append(
                Message(
                    f"各项时限中最早届满的为{named.zh}，公开期限为{basis.due}。",
                    f"Of the limits that apply, the earliest is {named.en}: due {basis.due}.",
                )
            )
        conflicts = _over_the_ceiling(entry, candidates, replacing, notes, data)
    return _computed(entry, formed_on, candidates, notes, data, by_rank=True, conflicts=conflicts)


def _over_the_ceiling(
    entry: CatalogItem,
    candidates: Sequence[DeadlineCandidate],
    replacing: Sequence[str],
    notes: list[Message],
    data: ParameterSet,
) -> list[Conflict]:
    """Lower-rank limits that provably end after the law's limit: a catalog limit conflicts
    with the law; a lower-rank statute cannot extend it."""
    ceilings = [c for c in candidates if c.rank in replacing]
    if not ceilings:  # pragma: no cover - the ceiling or a law is always a candidate
        return []
    top = min(ceilings, key=lambda c: c.earliest)
    if top.due is None or any(c.due is None and c.earliest < top.due for c in ceilings):
        return []  # the law's own limit is not known: no comparison is proven
    conflicts: list[Conflict] = []
    for c in candidates:
        if c.rank in replacing or c.earliest <= top.due:
            continue
        named, law, end = _named(c, data), _named(top, data), _end(c)
        if c.source == "catalog":
            period = c.period
            message = Message(
                f"目录与上位规定不一致：公开事项目录“{entry.title}”的公开时限“{c.citation.text}”"
                f"（{period}）{end.zh}，晚于{law.zh}的届满日{top.due}。目录不能延长该期限，以"
                f"{top.due}为准；建议修正目录。",
                f"The catalog conflicts with the law: its limit for “{entry.title}” "
                f"(“{c.citation.text}”, {period.describe('en')}) {end.en}, later than "
                f"{law.en}, which ends on {top.due}. The catalog cannot extend it; {top.due} "
                "binds, and the catalog should be corrected.",
            )
            notes.append(message)
            conflicts.append(Conflict(entry.id, entry.title, c, top, message))
        else:
            notes.append(
                Message(
                    f"{named.zh}{end.zh}，晚于{law.zh}的届满日{top.due}；下位规定只能另加时限，"
                    "不能延长该期限。",
                    f"{_upper(named.en)} {end.en}, later than {law.en}, which ends on "
                    f"{top.due}; a lower-rank rule can only add a limit, not extend it.",
                )
            )
    return conflicts


def _compute(item_id: str, formed_on: dt.date, values: Mapping[str, Any]) -> _Computed:
    entry = item(item_id)
    data = load_parameters("disclosure")
    if values["article_26_role"] == "fallback":
        return _fallback(entry, formed_on, values, data)
    return _ceiling(entry, formed_on, values, data)


@exact
def deadline(
    item_id: str,
    formed_on: dt.date | str,
    *,
    parameters: Mapping[str, object] | None = None,
) -> DueDate:
    """The date by which catalog item ``item_id`` must be published.

    ``formed_on`` is the day the information was formed or changed — or, where the limit runs
    from another event, that event: for ``annual-budget`` and ``annual-final-accounts`` the day
    the finance department approved (批复) the department's budget or final accounts
    (预算法 第十四条 第二款), for ``proposals`` the reply to the proposer, for
    ``normative-documents`` the completion of the clean-up (行政规范性文件管理办法 第五十一条).
    ``parameters`` overrides the legal periods and ``article_26_role`` (what-if).

    Raises :class:`~nmgpolicy.errors.CalendarNotCovered` only when the due date depends on a
    year with no official working-day schedule; the error names the limits that need it.
    Raises :class:`~nmgpolicy.errors.NotInForce` for information formed before the
    regulation (国务院令第711号) took effect, whose limits this library does not hold.
    """
    formed = parse_date(formed_on, "$.formed_on")
    data = load_parameters("disclosure")
    if data.in_force_from is not None and formed < data.in_force_from:
        raise NotInForce(data.ruleset, formed, start=data.in_force_from, end=data.in_force_to)
    values = data.resolve(formed, parameters).values
    return DueDate(_compute(item_id, formed, values).deadline())


@attrs.frozen
class DisclosureFacts:
    """Facts for evaluate("disclosure", …): the catalog item (``item``); the day its
    information was formed or changed (``formed_on``) — for annual-budget and
    annual-final-accounts the day the finance department of the government at the same level
    approved (批复) the department's budget or final accounts (预算法 第十四条 第二款), not an
    approval by the people's congress; for proposals the day of the reply to the proposer; for
    normative-documents the day the clean-up was completed — and the day it was published
    (``published_on``), absent if not yet published.

    This first paragraph is also the description of the facts in their JSON Schema.
    """

    item: str
    formed_on: dt.date
    published_on: dt.date | None = None


class DisclosureRuleSet(BaseRuleSet[DisclosureFacts]):
    """Was (or is) a catalog item published on time? (政府信息公开条例 第二十六条, the catalog)."""

    id = "disclosure"
    facts_type = DisclosureFacts

    @exact
    def parse_facts(self, facts: object) -> DisclosureFacts:
        """Structure the facts, and check the item id and the order of the dates with them."""
        problems: list[Problem] = []
        model: DisclosureFacts | None = None
        try:
            model = super().parse_facts(facts)
        except InputError as error:
            problems.extend(error.problems)
        item_id = facts.get("item") if isinstance(facts, Mapping) else None
        if isinstance(item_id, str) and item_id not in bundled_catalog().ids:
            problems.append(
                Problem(
                    "$.item",
                    f"unknown item {shown(item_id)}; known: {', '.join(bundled_catalog().ids)}",
                )
            )
        published = model.published_on if model is not None else None
        if model is not None and published is not None and published < model.formed_on:
            problems.append(
                Problem(
                    "$.published_on",
                    f"published_on {published} is before formed_on {model.formed_on}; "
                    f'e.g. "{model.formed_on}"',
                )
            )
        if problems or model is None:
            raise InputError(problems)
        return model

    @exact
    def decide(self, facts: DisclosureFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        computed = _compute(facts.item, facts.formed_on, ctx.params.values)
        ctx.notes.extend(computed.notes)
        on = ctx.on
        if facts.formed_on > on:
            ctx.note(
                f"形成日期{facts.formed_on}晚于评估日{on}：截至评估日公开期限尚未开始计算。",
                f"The formation date {facts.formed_on} is after the evaluation date {on}: the "
                "period had not started on that date.",
            )
        published = facts.published_on
        if published is not None and published > on:
            ctx.note(
                f"公开日期{published}晚于评估日{on}：按截至评估日尚未公开评估。",
                f"The publication date {published} is after the evaluation date {on}: "
                "evaluated as not yet published on that date.",
            )
            published = None
        # Lateness is measured at publication, or, while unpublished, on the evaluation date.
        reference = published if published is not None else on
        if computed.basis is None:
            if reference > computed.not_before:
                raise computed.not_covered()
            return self._open(computed, published, ctx)
        due = computed.deadline()
        timing = _Timing.of(due.due, reference)
        if timing.missing_year is not None:
            ctx.note(
                f"{due.due}与{reference}之间的工作日数需要{timing.missing_year}年的官方工作日"
                "安排，本库尚无该年数据，未计算。",
                f"The working days between {due.due} and {reference} need the official "
                f"working-day schedule of {timing.missing_year}, which is not available; they "
                "were not counted.",
            )
        zh, en = _on_time_message(due, published, on, timing)
        finding = ctx.finding(
            "disclosure.on_time",
            Status.MET if timing.on_time else Status.NOT_MET,
            zh,
            en,
            measured=published,
            required=due.due,
            gap=timing.gap,
        )
        finding = attrs.evolve(finding, citation=due.basis.citation)
        return [finding], _results(computed, published, due.due, None, timing)

    def _open(
        self, computed: _Computed, published: dt.date | None, ctx: Context
    ) -> tuple[list[Finding], dict[str, Any]]:
        """The due date needs a missing year, but it cannot be before ``not_before``, and the
        publication (or the evaluation date) is not after that: on time whatever the year."""
        bound = computed.not_before
        year = min(c.needs_year or 0 for c in computed.open_candidates())
        needs = Message(
            f"公开期限需要{year}年的官方工作日安排才能算出，本库尚无该年数据；但它不早于{bound}",
            f"the due date needs the official working-day schedule of {year}, which is not "
            f"available, but it is no earlier than {bound}",
        )
        if published is not None:
            zh = f"已于{published}公开。{needs.zh}，故按时公开。"
            en = f"Published on {published}: {needs.en}, so it was published on time."
        else:
            zh = f"截至{ctx.on}尚未公开。{needs.zh}，尚未届满。"
            en = f"Not yet published as of {ctx.on}: {needs.en}, so it has not passed."
        finding = ctx.finding(
            "disclosure.on_time",
            Status.MET,
            zh,
            en,
            measured=published,
            required=Message(f"不早于{bound}", f"no earlier than {bound}"),
        )
        timing = _Timing(on_time=True, late_days=0, late_working_days=0, gap=None)
        return [finding], _results(computed, published, None, bound, timing)


@attrs.frozen
class _Timing:
    """Publication (or the evaluation date) against the due date.

    ``late_days`` counts calendar days after the due date; ``late_working_days`` the official
    working days strictly after it up to and including the publication day; ``gap`` is the
    margin in working days (positive: days to spare, negative: working days late). ``None``
    where the count needs a year with no schedule (``missing_year``).
    """

    on_time: bool
    late_days: int
    late_working_days: int | None
    gap: int | None
    missing_year: int | None = None

    @classmethod
    def of(cls, due: dt.date, reference: dt.date) -> _Timing:
        on_time = reference <= due
        late_days = 0 if on_time else (reference - due).days
        try:
            between = working_days_between(due, reference)
        except CalendarNotCovered as missing:
            return cls(on_time, late_days, 0 if on_time else None, None, missing.year)
        return cls(on_time, late_days, 0 if on_time else between, -between)


def _results(
    computed: _Computed,
    published: dt.date | None,
    due: dt.date | None,
    not_before: dt.date | None,
    timing: _Timing,
) -> dict[str, Any]:
    basis = computed.basis
    return {
        "item": computed.entry.id,
        "due": due,
        "due_not_before": not_before,
        "late_days": timing.late_days,
        "late_working_days": timing.late_working_days,
        "published": published is not None,
        "basis": basis.source if basis else None,
        "rank": basis.rank if basis else None,
        "period": basis.period if basis else None,
        "candidates": [c.to_dict() for c in computed.candidates],
        "conflicts": [c.to_dict() for c in computed.conflicts],
    }


def _lateness(timing: _Timing) -> tuple[str, str]:
    days = timing.late_days
    working = timing.late_working_days
    if working is None:
        return (
            f"逾期{days}日（其中的工作日数需要{timing.missing_year}年的官方工作日安排，未计算）",
            f"{_plural(days, 'day')} late (the working days among them need the official "
            f"schedule of {timing.missing_year})",
        )
    if working == 0:
        return f"逾期{days}日（其间没有工作日）", f"{_plural(days, 'day')} late (no working day)"
    return (
        f"逾期{days}日（其中{working}个工作日）",
        f"{_plural(days, 'day')} late ({_plural(working, 'working day')})",
    )


def _on_time_message(
    due: Deadline, published: dt.date | None, on: dt.date, timing: _Timing
) -> tuple[str, str]:
    basis = due.basis
    rule_zh = f"（{basis.citation.label}：{basis.period}）"
    rule_en = f"({basis.citation.label}: {basis.period.describe('en')})"
    late_zh, late_en = _lateness(timing)
    if published is not None and timing.on_time:
        return (
            f"已于{published}公开，不晚于公开期限{due.due}{rule_zh}。",
            f"Published on {published}, no later than the due date {due.due} {rule_en}.",
        )
    if published is not None:
        return (
            f"于{published}公开，晚于公开期限{due.due}{rule_zh}，{late_zh}。",
            f"Published on {published}, after the due date {due.due} {rule_en}; {late_en}.",
        )
    if timing.on_time:
        return (
            f"截至{on}尚未公开，公开期限{due.due}未届满{rule_zh}。",
            f"Not yet published as of {on}; the due date {due.due} has not passed {rule_en}.",
        )
    return (
        f"截至{on}尚未公开，已超过公开期限{due.due}{rule_zh}，{late_zh}。",
        f"Not published as of {on}, after the due date {due.due} {rule_en}; {late_en}.",
    )


RULESET = register(DisclosureRuleSet())
