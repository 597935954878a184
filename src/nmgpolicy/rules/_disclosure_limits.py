"""The limits that apply to a catalog item, and the one that binds (the disclosure deadline).

Private to :mod:`nmgpolicy.rules.disclosure` (see its docstring for the law): each limit is a
:class:`DeadlineCandidate` (its source, rank, period and last day, or a lower bound of it when
the period reaches a year with no official schedule); :func:`compute` combines them as the
parameter ``article_26_role`` reads 第二十六条 and returns a :class:`Computed`, which the
public :func:`deadline` and the rule set's ``due`` measure both read.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.catalog import CatalogItem, bundled_catalog
from nmgpolicy.criteria_deadlines import Due, end_not_before
from nmgpolicy.errors import CalendarNotCovered, InputError, NotInForce
from nmgpolicy.outcome import Citation, Message
from nmgpolicy.params import ParameterSet, load_parameters, parse_date
from nmgpolicy.periods import Period, find_period
from nmgpolicy.periods import deadline as period_deadline
from nmgpolicy.rules import _disclosure_words as words
from nmgpolicy.rules._disclosure_types import (
    CATALOG_TITLE,
    Conflict,
    Deadline,
    DeadlineCandidate,
    DueDate,
)

__all__ = ["Computed", "catalog", "compute", "deadline", "item", "known_items"]

_PAST_MAX_YEAR = dt.date.max.year + 1
"""The year a limit ending after 9999-12-31 reaches (its bound is then 9999-12-31)."""

_FORMED = Message("政府信息形成或者变更", "the forming or change of the information")


@exact
def catalog() -> tuple[CatalogItem, ...]:
    """The bureau's 14 catalog items, in catalog order (bundled data, parsed once)."""
    return bundled_catalog().items


@functools.cache
def _index() -> Mapping[str, CatalogItem]:
    return {entry.id: entry for entry in bundled_catalog().items}


def known_items() -> Mapping[str, CatalogItem]:
    """The bundled catalog's items by id (read-only use)."""
    return _index()


@exact
def item(item_id: object) -> CatalogItem:
    """The catalog item with this id (e.g. ``"first-set-results"``)."""
    if not isinstance(item_id, str):
        known = ", ".join(i.id for i in catalog())
        raise InputError.single("$.item", f"expected an item id; known: {known}")
    found = _index().get(item_id)
    return found if found is not None else bundled_catalog().item(item_id)


def _rank_index(rank: str, data: ParameterSet) -> int:
    order: Sequence[str] = data.extra["ranks"]["order"]
    return order.index(rank) if rank in order else len(order)


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


def _candidate(
    source: str,
    rank: str,
    period: Period,
    formed_on: dt.date,
    citation: Citation,
    event: Message,
) -> DeadlineCandidate:
    """One limit from ``formed_on``; its last day, or (a year it needs has no schedule) a lower
    bound of it. A last day after 9999-12-31 is never reached: it is kept as the bound
    9999-12-31 of the year after, as a working-day count running past that day is."""
    try:
        due = period_deadline(formed_on, period)
    except (CalendarNotCovered, InputError) as missing:
        # InputError: formed_on is a date and period a Period, so the only one is an end
        # after date.max (periods._calendar_end).
        year = missing.year if isinstance(missing, CalendarNotCovered) else _PAST_MAX_YEAR
        return DeadlineCandidate(
            source=source,
            period=period,
            due=None,
            citation=citation,
            event=event,
            rank=rank,
            not_before=end_not_before(formed_on, period, year),
            needs_year=year,
        )
    return DeadlineCandidate(
        source=source, period=period, due=due, citation=citation, event=event, rank=rank
    )


@functools.lru_cache(maxsize=256)
def _catalog_limit(entry: CatalogItem) -> tuple[Period, Citation] | None:
    """The catalog's own 公开时限 of ``entry`` and its citation (``None``: it fixes no period)."""
    period = find_period(entry.time_limit_text)
    if period is None:
        return None
    citation = Citation(
        document=f"《{CATALOG_TITLE}》",
        article=entry.title,
        clause="公开时限",
        text=entry.time_limit_text,
    )
    return period, citation


def _catalog_candidate(
    entry: CatalogItem, formed_on: dt.date, data: ParameterSet
) -> DeadlineCandidate | None:
    limit = _catalog_limit(entry)
    if limit is None:
        return None
    spec = data.extra.get("catalog_events", {}).get(entry.id)
    period, citation = limit
    return _candidate(
        "catalog",
        "catalog",
        period,
        formed_on,
        citation,
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
class Computed:
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
        named = words.needing_text(needing, self.formed_on, load_parameters("disclosure"))
        return CalendarNotCovered(year, f"the deadline of catalog item {self.entry.id!r}: {named}")

    def due(self) -> Due:
        """The due date as a deadline criterion reads it: the binding limit's last day, or,
        while a missing year leaves it open, its lower bound and the error naming that year."""
        basis = self.basis
        if basis is not None and basis.due is not None:
            return Due(basis.due, basis.due, basis.period, basis.citation)
        year = min(c.needs_year or 0 for c in self.open_candidates())
        return Due(None, self.not_before, None, None, year, self.not_covered)

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


def _computed(
    entry: CatalogItem,
    formed_on: dt.date,
    candidates: list[DeadlineCandidate],
    notes: list[Message],
    data: ParameterSet,
    *,
    by_rank: bool,
    conflicts: Sequence[Conflict] = (),
) -> Computed:
    basis = _binding(candidates, data, by_rank=by_rank)
    if basis is not None:
        # For each limit that needs a missing year: why the result does not need it.
        notes.extend(words.pending_note(c, basis.due, data) for c in candidates if c.due is None)
    return Computed(
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
) -> Computed:
    """``article_26_role="fallback"``: 第二十六条 only where no other limit is fixed."""
    candidates: list[DeadlineCandidate] = []
    notes: list[Message] = []
    catalog_limit = _catalog_candidate(entry, formed_on, data)
    if catalog_limit is not None:
        candidates.append(catalog_limit)
    statute, statute_notes = _statute_candidate(entry, formed_on, values, data)
    if statute is not None:
        candidates.append(statute)
    if not candidates:
        fallback = _article_26("fallback", formed_on, values, data)
        notes.append(words.fallback_note(entry, fallback))
        candidates.append(fallback)
    elif catalog_limit is None:
        notes.append(words.statute_applies_note(entry, candidates[0]))
    elif len(candidates) > 1:
        notes.append(words.DIFFER)
    notes.extend(statute_notes)
    return _computed(entry, formed_on, candidates, notes, data, by_rank=False)


def _ceiling(
    entry: CatalogItem, formed_on: dt.date, values: Mapping[str, Any], data: ParameterSet
) -> Computed:
    """``article_26_role="ceiling"``: 第二十六条 for every item, unless a 法律/法规 replaces it."""
    replacing: Sequence[str] = data.extra["ranks"]["replaces_article_26"]
    candidates: list[DeadlineCandidate] = []
    notes: list[Message] = []
    statute, statute_notes = _statute_candidate(entry, formed_on, values, data)
    if statute is not None and statute.rank in replacing:
        notes.append(words.replaced_note(statute, values["default_period"], data))
    else:
        candidates.append(_article_26("ceiling", formed_on, values, data))
    if statute is not None:
        candidates.append(statute)
    catalog_limit = _catalog_candidate(entry, formed_on, data)
    if catalog_limit is None:
        notes.append(words.no_catalog_limit_note(entry, candidates))
    else:
        candidates.append(catalog_limit)
    notes.extend(statute_notes)
    candidates.sort(key=lambda c: _rank_index(c.rank, data))
    basis = _binding(candidates, data, by_rank=True)
    conflicts: list[Conflict] = []
    if basis is not None:
        if len(candidates) > 1:
            notes.append(words.earliest_note(basis, data))
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
        if c.source == "catalog":
            message = words.conflict_message(entry, c, top, data)
            notes.append(message)
            conflicts.append(Conflict(entry.id, entry.title, c, top, message))
        else:
            notes.append(words.lower_rank_note(c, top, data))
    return conflicts


def compute(item_id: str, formed_on: dt.date, values: Mapping[str, Any]) -> Computed:
    """Every limit of catalog item ``item_id`` for information formed on ``formed_on``, under
    the parameter values ``values``, and the one that binds."""
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
    return DueDate(compute(item_id, formed, values).deadline())


# Their public home is nmgpolicy.rules.disclosure (pickles and reprs name it, not this module).
for _function in (catalog, deadline, item):
    _function.__module__ = "nmgpolicy.rules.disclosure"
