"""首台（套）/首批（次）: the data file's tables and the public helpers (re-exported by the rules).

The product categories (第二条, 第五条（五）), the 第八条 checklist, and the helpers that are not
an evaluation: the public notice of the annual list (第十条), the disclosure of the results
(catalog item ``first-set-results``) and the validity window of the measures (第十四条).
Everything is read from ``nmgpolicy/data/first_set.toml``; the tables are read once (the data
file is read-only and cached).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any, NamedTuple

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.criteria_dates import Boundary, last_day
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Message
from nmgpolicy.params import ParameterSet, load_parameters, parse_date
from nmgpolicy.periods import Period, PeriodUnit, notice_window
from nmgpolicy.rules.disclosure import DueDate
from nmgpolicy.rules.disclosure import deadline as disclosure_deadline
from nmgpolicy.units import Kind

RULESET_ID = "first_set"


def data() -> ParameterSet:
    """The rule set's data file (cached by :func:`~nmgpolicy.params.load_parameters`)."""
    return load_parameters(RULESET_ID)


def message(spec: Mapping[str, Any]) -> Message:
    """A ``{zh = …, en = …}`` table of the data file as a :class:`Message`."""
    return Message(zh=str(spec["zh"]), en=str(spec["en"]))


# --------------------------------------------------------------------------------------------
# Product categories
# --------------------------------------------------------------------------------------------


@attrs.frozen
class CategoryInfo:
    """One product category: its label, the threshold parameter, its kind and display unit."""

    id: str
    label: Message
    subject: Message
    threshold: str
    kind: Kind
    unit: str


@functools.cache
def categories() -> Mapping[str, CategoryInfo]:
    """The categories of ``[categories.*]``, in the data file's order."""
    table = data()
    found: dict[str, CategoryInfo] = {}
    for cid, spec in table.extra["categories"].items():
        parameter = table.parameters[spec["threshold"]]
        found[cid] = CategoryInfo(
            id=cid,
            label=table.label(cid),
            subject=message(spec["subject"]),
            threshold=parameter.name,
            kind=Kind[parameter.type.partition(":")[2].upper()],
            unit=str(spec["unit"]),
        )
    return found


# --------------------------------------------------------------------------------------------
# 第八条 checklist
# --------------------------------------------------------------------------------------------


@attrs.frozen
class DocumentItem:
    """One entry of the 第八条 checklist.

    ``required`` says when it must be submitted: ``"always"``; ``"category"`` (only for
    ``categories``); ``"fact"`` (only when the product fact ``fact`` is true); ``"not_checked"``
    (on a condition the facts do not state, described by ``condition``: never counted as
    missing, reported as not checked); ``"optional"`` (never required).
    """

    id: str
    item: str
    title: Message
    text: str
    required: str
    categories: tuple[str, ...] = ()
    fact: str | None = None
    condition: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item": self.item,
            "title": self.title.to_dict(),
            "text": self.text,
            "required": self.required,
            "categories": list(self.categories),
            "fact": self.fact,
            "condition": self.condition.to_dict() if self.condition else None,
        }


@functools.cache
def _checklist() -> tuple[DocumentItem, ...]:
    items = []
    for spec in data().extra["documents"]:
        condition = spec.get("condition")
        items.append(
            DocumentItem(
                id=spec["id"],
                item=spec["item"],
                title=message(spec["title"]),
                text=spec["text"],
                required=spec["required"],
                categories=tuple(spec.get("categories", ())),
                fact=spec.get("fact"),
                condition=message(condition) if condition else None,
            )
        )
    return tuple(items)


@exact
def checklist() -> tuple[DocumentItem, ...]:
    """The 第八条 checklist (申报材料), in the article's order, with each item's condition.

    （二） 附件2 is for equipment and key components, （三） 附件3 for new materials; the
    production licence and the CCC certificate of （八） only when the product needs them; the
    contracts of （七） only when several units share the technology; （十一） is open-ended.
    """
    return _checklist()


# --------------------------------------------------------------------------------------------
# 第十条: public notice; results disclosure
# --------------------------------------------------------------------------------------------


class NoticeWindow(NamedTuple):
    """The first and last day of the public notice of the annual list (第十条)."""

    first: dt.date
    last: dt.date


@exact
def public_notice(
    start: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> NoticeWindow:
    """First and last day of the 5-working-day public notice of the annual list (第十条).

    The notice begins on ``start`` if it is an official working day (else on the next one) and
    counts it as day 1, as notices are published ("X月X日至X月X日（5个工作日）"). The period comes
    from the data file (``public_notice_period``); ``parameters`` may override it with another
    number of working days. Raises :class:`~nmgpolicy.errors.CalendarNotCovered` for a year with
    no official schedule.
    """
    day = parse_date(start, "$.start")
    period: Period = data().resolve(day, parameters)["public_notice_period"]
    if period.unit is not PeriodUnit.WORKING_DAY or period.amount < 1:
        raise InputError.single(
            "$.parameters.public_notice_period",
            f'a public notice lasts a number of working days, got {period}; e.g. "5个工作日"',
        )
    first, last = notice_window(day, period.amount)
    return NoticeWindow(first, last)


ResultsDisclosureDue = DueDate
"""The type :func:`results_disclosure_due` returns (a :class:`~nmgpolicy.disclosure.DueDate`)."""


@exact
def results_disclosure_due(
    formed_on: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> ResultsDisclosureDue:
    """When the recognition results (认定结果) formed on ``formed_on`` must be published.

    Delegates to :func:`nmgpolicy.disclosure.deadline` for the catalog item
    ``first-set-results`` (信息形成之日起20个工作日内; 政府信息公开条例 第二十六条).
    ``parameters`` are the disclosure rule set's overrides.
    """
    item = str(data().extra["disclosure"]["item"])
    return disclosure_deadline(item, formed_on, parameters=parameters)


# --------------------------------------------------------------------------------------------
# 第十四条: the validity window
# --------------------------------------------------------------------------------------------


class ValidityWindow(NamedTuple):
    """The days on which the measures are in force (第十四条); ``end`` ``None`` = open."""

    start: dt.date
    end: dt.date | None


def validity(published_on: dt.date, period: Period, end_rule: str) -> ValidityWindow:
    """The window from ``published_on``: ``end_rule`` is a :class:`Boundary` value
    (``"corresponding_day"`` or ``"day_before"``)."""
    return ValidityWindow(published_on, last_day(published_on, period, Boundary(end_rule)))


@exact
def validity_window(
    published_on: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> ValidityWindow:
    """The measures' in-force window: from publication for 2 years (第十四条).

    "自发布之日起施行，有效期2年": in force from ``published_on``; the 2 years end on the
    corresponding day (民法典 第二百零一条, 第二百零二条; 2024-02-29 → 2026-02-28), with no
    rest-day roll — a regulation does not stay in force longer because its last day is a Sunday.
    The parameter ``validity_end="day_before"`` counts the publication day as the first day
    instead: the window ends the day before the anniversary (2024-03-01 → 2026-02-28), or on the
    month's last day where the anniversary has no corresponding day (2024-02-29 → 2026-02-28).
    """
    day = parse_date(published_on, "$.published_on")
    values = data().resolve(day, parameters)
    return validity(day, values["validity_period"], values["validity_end"])


# Their public home is nmgpolicy.rules.first_set (pickles and reprs name it, not this module).
for _public in (DocumentItem, NoticeWindow, ValidityWindow):
    _public.__module__ = "nmgpolicy.rules.first_set"
for _function in (checklist, public_notice, results_disclosure_due, validity_window):
    _function.__module__ = "nmgpolicy.rules.first_set"
