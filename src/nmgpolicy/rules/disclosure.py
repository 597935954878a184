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

The rule set is one criterion, ``disclosure.on_time``: publication (``published_on``) within the
item's deadline (the ``due`` measure), a :class:`~nmgpolicy.criteria_deadlines.ActWithin`. The
limits and their combination live in ``_disclosure_limits`` (with the public :func:`deadline`),
their notes in ``_disclosure_words``, the values they make in ``_disclosure_types``; every name
public here before stays importable from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.catalog import load_catalog
from nmgpolicy.criteria_deadlines import ActWithin, ActWording, Due, Timing
from nmgpolicy.definition import Definition, Fact, Param, Row, measure
from nmgpolicy.engine import BaseRuleSet, Context, register
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Finding, Later, Message
from nmgpolicy.rules._disclosure_limits import Computed, catalog, compute, deadline, item
from nmgpolicy.rules._disclosure_limits import known_items as _known_items
from nmgpolicy.rules._disclosure_types import (
    CATALOG_TITLE,
    Conflict,
    Deadline,
    DeadlineCandidate,
    DueDate,
)
from nmgpolicy.rules._disclosure_words import _limit_text  # noqa: F401  # kept importable here

__all__ = [
    "CATALOG_TITLE",
    "DEFINITION",
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


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------


@measure(reads=(Fact("item"), Fact("formed_on")))
def limits(row: Row) -> Computed:
    """Every limit that applies to the item (第二十六条, the cited statute, the catalog), each
    with its rank and last day, and the one that binds (the earliest; 第二十六条 as a ceiling
    that only a 法律 or 法规 replaces, or as a fallback, as ``article_26_role`` says)."""
    facts: DisclosureFacts = row.facts
    return compute(facts.item, facts.formed_on, row.params)


@measure(reads=(limits,))
def due(row: Row) -> Due:
    """The deadline: the binding limit's last day, or, while a year with no official schedule
    leaves it open, the date it cannot precede."""
    computed: Computed = row(limits)
    return computed.due()


# --------------------------------------------------------------------------------------------
# The definition
# --------------------------------------------------------------------------------------------

PUBLISHED = ActWording(
    on_time=Message(
        "已于{done}公开，不晚于公开期限{due}{rule}。",
        "Published on {done}, no later than the due date {due}{rule}.",
    ),
    late=Message(
        "于{done}公开，晚于公开期限{due}{rule}，{late}。",
        "Published on {done}, after the due date {due}{rule}; {late}.",
    ),
    pending=Message(
        "截至{on}尚未公开，公开期限{due}未届满{rule}。",
        "Not yet published as of {on}; the due date {due} has not passed{rule}.",
    ),
    overdue=Message(
        "截至{on}尚未公开，已超过公开期限{due}{rule}，{late}。",
        "Not published as of {on}, after the due date {due}{rule}; {late}.",
    ),
    open_needs=Message(
        "公开期限需要{year}年的官方工作日安排才能算出，本库尚无该年数据；但它不早于{bound}",
        "the due date needs the official working-day schedule of {year}, which is not "
        "available, but it is no earlier than {bound}",
    ),
    open_done=Message(
        "已于{done}公开。{needs}，故按时公开。",
        "Published on {done}: {needs}, so it was published on time.",
    ),
    open_pending=Message(
        "截至{on}尚未公开。{needs}，尚未届满。",
        "Not yet published as of {on}: {needs}, so it has not passed.",
    ),
    event_after=Message(
        "形成日期{event}晚于评估日{on}：截至评估日公开期限尚未开始计算。",
        "The formation date {event} is after the evaluation date {on}: the period had not "
        "started on that date.",
    ),
    done_after=Message(
        "公开日期{done}晚于评估日{on}：按截至评估日尚未公开评估。",
        "The publication date {done} is after the evaluation date {on}: evaluated as not yet "
        "published on that date.",
    ),
)
"""How the finding and its notes say publication (政府信息公开)."""

ON_TIME = ActWithin(
    "disclosure.on_time",
    done=Fact("published_on"),
    due=due,
    event=Fact("formed_on"),
    wording=PUBLISHED,
    depends_on=(
        Param("default_period"),
        Param("article_26_role"),
        Param("budget_law_period"),
        Param("normative_cleanup_period"),
    ),
)
"""第二十六条 and the catalog: published within the item's deadline (met while not yet due)."""


def _notes(row: Row) -> None:
    """The limits' notes come first: which limits apply, which binds, any conflict."""
    computed: Computed = row(limits)
    row.ctx.notes.extend(computed.notes)


def _results(row: Row, findings: Sequence[Finding]) -> None:
    """The deadline and the lateness; every limit and conflict, as tables, when read."""
    computed: Computed = row(limits)
    assessment = ON_TIME.assess(row)
    deadline_due = assessment.due
    assert deadline_due is not None  # the facts always give the formation date
    timing = assessment.timing or Timing.open()
    basis = computed.basis
    row.results.update(
        item=computed.entry.id,
        due=deadline_due.last_day,
        due_not_before=deadline_due.not_before if deadline_due.last_day is None else None,
        late_days=timing.late_days,
        late_working_days=timing.late_working_days,
        published=assessment.done is not None,
        basis=basis.source if basis else None,
        rank=basis.rank if basis else None,
        period=basis.period if basis else None,
        candidates=Later(lambda: [c.to_dict() for c in computed.candidates]),
        conflicts=Later(lambda: [c.to_dict() for c in computed.conflicts]),
    )


DEFINITION: Definition[DisclosureFacts] = Definition(
    "disclosure",
    DisclosureFacts,
    criteria=(ON_TIME,),
    prepare=_notes,
    finish=_results,
)


# --------------------------------------------------------------------------------------------
# The rule set
# --------------------------------------------------------------------------------------------


class DisclosureRuleSet(BaseRuleSet[DisclosureFacts]):
    """Was (or is) a catalog item published on time? (政府信息公开条例 第二十六条, the catalog)."""

    id = "disclosure"
    facts_type = DisclosureFacts
    definition = DEFINITION

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
        if isinstance(item_id, str) and item_id not in _known_items():
            known = ", ".join(_known_items())
            problems.append(Problem("$.item", f"unknown item {shown(item_id)}; known: {known}"))
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
        """The definition's decision (under the library's decimal context, as every rule set's)."""
        return DEFINITION.decide(facts, ctx)


RULESET = register(DisclosureRuleSet())
