"""The Baotou bureau's proactive-disclosure catalog and the deadline of each item.

The catalog (包头市工业和信息化局主动公开事项目录) lists 14 items, each with the regulation it
rests on and a time limit (公开时限). The deadline of an item is computed from every limit
that applies to it, and the earliest binds (DESIGN.md, "Reading the law"):

* the catalog's own limit, where it states one ("…之日起20个工作日内", "一年内", "1个月内");
* a statute's own limit where the cited statute sets one (预算法 第十四条: 20 days after
  approval; 内蒙古自治区行政规范性文件管理办法 第五十一条: 30 days after the clean-up);
* where neither gives a fixed limit (适时公开, 据实动态公开 or blank), the general rule of
  政府信息公开条例 第二十六条: 20 working days from the forming or change of the information.

Calendar-day periods follow 民法典 第201–203条 (the start day is not counted; a last day on a
rest day rolls to the next working day); working-day periods count official working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Self, overload

import attrs

from nmgpolicy.catalog import CatalogItem, bundled_catalog, load_catalog
from nmgpolicy.engine import BaseRuleSet, Context, register
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Citation, Finding, Message, Status
from nmgpolicy.params import load_parameters, parse_date
from nmgpolicy.periods import Period, find_period, next_working_day, working_days_between
from nmgpolicy.periods import deadline as period_deadline

__all__ = [
    "CATALOG_TITLE",
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


@attrs.frozen
class DeadlineCandidate:
    """One limit that applies to an item: where it comes from, its period and its due date.

    ``source`` is ``"catalog"`` (the catalog's own 公开时限), ``"statute"`` (a limit set by
    the cited statute) or ``"fallback"`` (政府信息公开条例 第二十六条, for items with no fixed
    limit).
    """

    source: str
    period: Period
    due: dt.date
    citation: Citation
    event: Message

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "period": str(self.period),
            "due": self.due.isoformat(),
            "citation": self.citation.to_dict(),
            "event": self.event.to_dict(),
        }


@attrs.frozen
class Deadline:
    """The due date of a catalog item's disclosure, with every limit considered.

    ``due`` is the earliest candidate's date; ``basis`` is that candidate.
    """

    item_id: str
    formed_on: dt.date
    due: dt.date
    basis: DeadlineCandidate
    candidates: tuple[DeadlineCandidate, ...]
    notes: tuple[Message, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "formed_on": self.formed_on.isoformat(),
            "due": self.due.isoformat(),
            "basis": self.basis.to_dict(),
            "candidates": [c.to_dict() for c in self.candidates],
            "notes": [n.to_dict() for n in self.notes],
        }


class DueDate(dt.date):
    """The due date of a catalog item: a :class:`datetime.date` carrying its basis.

    It is the date (compares, hashes and formats as one; date arithmetic gives plain dates) and
    it holds the whole :class:`Deadline` computation: ``due``, ``basis``, ``candidates``,
    ``notes``, ``item_id``, ``formed_on`` and ``to_dict()`` are the Deadline's. It also compares
    equal to the ``Deadline`` it was built from.
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
        """What the computation had to explain (a fallback, two limits compared)."""
        return self.deadline.notes

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


def catalog() -> tuple[CatalogItem, ...]:
    """The bureau's 14 catalog items, in catalog order (bundled data, parsed once)."""
    return bundled_catalog().items


def item(item_id: object) -> CatalogItem:
    """The catalog item with this id (e.g. ``"first-set-results"``)."""
    if not isinstance(item_id, str):
        known = ", ".join(i.id for i in catalog())
        raise InputError.single("$.item", f"expected an item id; known: {known}")
    return bundled_catalog().item(item_id)


def _candidates(
    entry: CatalogItem, formed_on: dt.date, values: Mapping[str, Any]
) -> tuple[list[DeadlineCandidate], list[Message]]:
    data = load_parameters("disclosure")
    extra = data.extra
    candidates: list[DeadlineCandidate] = []
    notes: list[Message] = []
    catalog_period = find_period(entry.time_limit_text)
    if catalog_period is not None:
        event_spec = extra.get("catalog_events", {}).get(entry.id)
        event = Message(**event_spec["event"]) if event_spec else _FORMED
        candidates.append(
            DeadlineCandidate(
                source="catalog",
                period=catalog_period,
                due=period_deadline(formed_on, catalog_period),
                citation=Citation(
                    document=f"《{CATALOG_TITLE}》",
                    article=entry.title,
                    clause="公开时限",
                    text=entry.time_limit_text,
                ),
                event=event,
            )
        )
    statute = extra.get("statute_limits", {}).get(entry.id)
    if statute is not None:
        parameter = data.parameters[statute["parameter"]]
        period = values[parameter.name]
        candidates.append(
            DeadlineCandidate(
                source="statute",
                period=period,
                due=period_deadline(formed_on, period),
                citation=parameter.citation or Citation(document=entry.basis),
                event=Message(**statute["event"]),
            )
        )
    if not candidates:
        fallback = data.parameters["default_period"]
        period = values[fallback.name]
        limit_text = entry.time_limit_text or "（空白）"
        notes.append(
            Message(
                f"目录未规定固定公开时限（“{limit_text}”），适用《政府信息公开条例》第二十六条的"
                f"一般时限：{period}。",
                f"The catalog sets no fixed limit ({limit_text!r}); the general limit of "
                "Article 26 of the Regulations on Open Government Information applies: "
                f"{period.describe('en')}.",
            )
        )
        candidates.append(
            DeadlineCandidate(
                source="fallback",
                period=period,
                due=period_deadline(formed_on, period),
                citation=fallback.citation or Citation(document=data.document),
                event=_FORMED,
            )
        )
    elif catalog_period is None:
        limit_text = entry.time_limit_text or "（空白）"
        notes.append(
            Message(
                f"目录未规定固定公开时限（“{limit_text}”），适用所依据规定的时限："
                f"{candidates[0].period}（{candidates[0].citation.label}）。",
                f"The catalog sets no fixed limit ({limit_text!r}); the limit of the statute it "
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
    return candidates, notes


def _deadline(item_id: str, formed_on: dt.date, values: Mapping[str, Any]) -> Deadline:
    entry = item(item_id)
    candidates, notes = _candidates(entry, formed_on, values)
    basis = min(candidates, key=lambda c: c.due)
    return Deadline(
        item_id=entry.id,
        formed_on=formed_on,
        due=basis.due,
        basis=basis,
        candidates=tuple(candidates),
        notes=tuple(notes),
    )


def deadline(
    item_id: str,
    formed_on: dt.date | str,
    *,
    parameters: Mapping[str, object] | None = None,
) -> DueDate:
    """The date by which catalog item ``item_id`` must be published.

    ``formed_on`` is the day the information was formed or changed — or, where the limit runs
    from another event, that event: the reply to the proposer (``proposals``), the approval
    of the budget or final accounts (预算法 第十四条), the completion of the clean-up
    (行政规范性文件管理办法 第五十一条). ``parameters`` overrides the legal periods (what-if).
    """
    formed = parse_date(formed_on, "$.formed_on")
    data = load_parameters("disclosure")
    values = data.resolve(formed, parameters).values
    return DueDate(_deadline(item_id, formed, values))


@attrs.frozen
class DisclosureFacts:
    """Facts for ``evaluate("disclosure", …)``.

    ``published_on`` absent means the item has not been published yet.
    """

    item: str
    formed_on: dt.date
    published_on: dt.date | None = None


class DisclosureRuleSet(BaseRuleSet[DisclosureFacts]):
    """Was (or is) a catalog item published on time? (政府信息公开条例 第二十六条, the catalog)."""

    id = "disclosure"
    facts_type = DisclosureFacts

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

    def decide(self, facts: DisclosureFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        due = _deadline(facts.item, facts.formed_on, ctx.params.values)
        ctx.notes.extend(due.notes)
        published = facts.published_on
        if published is not None and published > ctx.on:
            ctx.note(
                f"公开日期{published}晚于评估日{ctx.on}：按截至评估日尚未公开评估。",
                f"The publication date {published} is after the evaluation date {ctx.on}: "
                "evaluated as not yet published on that date.",
            )
            published = None
        # Lateness is measured at publication, or, while unpublished, on the evaluation date;
        # a day past the due date that is a rest day counts as the next working day.
        reference = published if published is not None else ctx.on
        on_time = reference <= due.due
        late = 0 if on_time else working_days_between(due.due, next_working_day(reference))
        zh, en = _on_time_message(due, published, ctx.on, on_time, late)
        finding = ctx.finding(
            "disclosure.on_time",
            Status.MET if on_time else Status.NOT_MET,
            zh,
            en,
            measured=published,
            required=due.due,
            gap=-late,
        )
        basis = due.basis
        finding = attrs.evolve(finding, citation=basis.citation)
        results: dict[str, Any] = {
            "item": due.item_id,
            "due": due.due,
            "late_working_days": late,
            "published": published is not None,
            "basis": basis.source,
            "period": basis.period,
            "candidates": [c.to_dict() for c in due.candidates],
        }
        return [finding], results


def _on_time_message(
    due: Deadline, published: dt.date | None, on: dt.date, on_time: bool, late: int
) -> tuple[str, str]:
    basis = due.basis
    rule_zh = f"（{basis.citation.label}：{basis.period}）"
    rule_en = f"({basis.citation.label}: {basis.period.describe('en')})"
    if published is not None and on_time:
        return (
            f"已于{published}公开，不晚于公开期限{due.due}{rule_zh}。",
            f"Published on {published}, no later than the due date {due.due} {rule_en}.",
        )
    if published is not None:
        return (
            f"于{published}公开，晚于公开期限{due.due}{rule_zh}，逾期{late}个工作日。",
            f"Published on {published}, after the due date {due.due} {rule_en}; "
            f"{late} working day(s) late.",
        )
    if on_time:
        return (
            f"截至{on}尚未公开，公开期限{due.due}未届满{rule_zh}。",
            f"Not yet published as of {on}; the due date {due.due} has not passed {rule_en}.",
        )
    return (
        f"截至{on}尚未公开，已超过公开期限{due.due}{rule_zh}{late}个工作日。",
        f"Not published as of {on}: {late} working day(s) past the due date {due.due} {rule_en}.",
    )


RULESET = register(DisclosureRuleSet())
