"""Scoring-table criteria: indicators scored by the rows of a table, a score threshold, and
"one test OR another" — the shapes of a points-based recognition standard.

A scoring table (评价指标表) gives each indicator a number of points by the row its value falls
in: a numeric **band** ("3–5%=15"; a band with several measures is reached when any measure
reaches its edge, as in "≥500万或占比≥10%"), an enumerated **choice** ("国家级=10"), points for
every full **step** ("每满2年得1分"), points for each **item** held ("每项3分"), or a score
**supplied** with the facts (a province's own indicators). Indicators are grouped (创新能力,
成长性 …); an applicant qualifies on the total (and, in some standards, a minimum per group) or
on any one of a few *direct* conditions.

The table is data. Its structure — kinds, groups, the order of the rows, the words of the
source text for each row, whether the text includes an edge ("≥5%"), excludes it ("<1%") or
leaves it open ("3–5%") — is read from the data file's ``[groups.*]`` and ``[indicators.*]``
(:class:`TableSpec`). Every number of it — each band edge, each row's points, each step, cap and
maximum — is a **parameter** of the data file (``[parameters.*]``) that a row names: overridable
per evaluation, datable, each with its citation. The table is resolved for each evaluation from
the parameter values in force (cached: the data file's own values once per dated segment, each
set of overrides in a bounded cache) and checked (points fall row by row, edges move away from
the best band); an override that breaks it is an :class:`~nmgpolicy.errors.InputError` at
``$.parameters.<name>``.

Criterion kinds (:mod:`nmgpolicy.definition`):

* :class:`IndicatorScore` — one indicator, informational: its points, its band, the next band up;
* :class:`ScoreAtLeast` — a score (a group's or the total) of at least a parameter ("60分以上",
  以上 includes the number, 《民法典》第一千二百五十九条); while facts are missing the score is an
  interval, and the test is ``met`` / ``not_met`` as soon as the missing facts could not change
  it;
* :class:`AnyOf` — one finding that any of its parts satisfies ("…；低于该数额的，…亦可");
* :class:`RouteOrDirect` — "every test of the route, OR any of the direct conditions": it
  decides its parts (each a finding of its own, listed through :meth:`RouteOrDirect.members`)
  and marks binding exactly the findings the outcome rests on (:func:`bind_routes`), so that the
  decision's aggregation over binding findings is the three-valued OR.

Every status is decided at once and exactly (Decimal arithmetic in a context wide enough for
every input the units module admits; growth compared by cross-multiplication, never through
roots); every text is written when first read, by a pure function of the values decided.
:func:`fill` writes a data file's text with its ``{parameter}`` placeholders filled, so that a
title never shows a stale number after an override.

The vocabulary is split into modules small enough to read beside the standard; this module
holds the criterion kinds a rule set names and re-exports every name of the others:

* :mod:`nmgpolicy.criteria_scoring_fill` — texts filled from the parameters (:func:`fill`);
* :mod:`nmgpolicy.criteria_scoring_table` — the rows and indicators, as stated and resolved;
* :mod:`nmgpolicy.criteria_scoring_spec` — the table read from a data file (:class:`TableSpec`);
* :mod:`nmgpolicy.criteria_scoring_measures` — exact measurements (:class:`Growth` …);
* :mod:`nmgpolicy.criteria_scoring_scored` — one indicator scored, and the score card;
* :mod:`nmgpolicy.criteria_scoring_words` — the words of a scored indicator, written when read;
* :mod:`nmgpolicy.criteria_scoring_routes` — three-valued OR / AND and :class:`RouteOrDirect`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria_scoring_fill import (
    Filled,
    fill,
)
from nmgpolicy.criteria_scoring_fill import parameter_text as parameter_text
from nmgpolicy.criteria_scoring_fill import placeholders as placeholders
from nmgpolicy.criteria_scoring_fill import references_of as references_of
from nmgpolicy.criteria_scoring_measures import (
    EXACT,
    Growth,
    MeanGrowth,
    Measurement,
    Missing,
    Plain,
    Undefined,
    fact_names,
)
from nmgpolicy.criteria_scoring_routes import Outcome as Outcome
from nmgpolicy.criteria_scoring_routes import (
    Routed,
    RouteOrDirect,
    bind_routes,
    both,
    either,
)
from nmgpolicy.criteria_scoring_routes import route_text as route_text
from nmgpolicy.criteria_scoring_scored import CARD_RESULTS as CARD_RESULTS
from nmgpolicy.criteria_scoring_scored import (
    ScoreCard,
    Scored,
    score,
)
from nmgpolicy.criteria_scoring_spec import TableSpec
from nmgpolicy.criteria_scoring_table import (
    Band,
    Choice,
    Group,
    Indicator,
    ScoringTable,
)
from nmgpolicy.criteria_scoring_table import GroupSpec as GroupSpec
from nmgpolicy.criteria_scoring_table import IndicatorSpec as IndicatorSpec
from nmgpolicy.criteria_scoring_table import RowSpec as RowSpec
from nmgpolicy.criteria_scoring_words import NextBand, _pts, band_label
from nmgpolicy.criteria_scoring_words import indicator_text as indicator_text
from nmgpolicy.definition import Criterion, Fact, Param, Ref, Row
from nmgpolicy.outcome import Finding, Message, Rendered, Status

__all__ = [
    "EXACT",
    "AnyOf",
    "Band",
    "Choice",
    "Filled",
    "Group",
    "Growth",
    "Indicator",
    "IndicatorScore",
    "MeanGrowth",
    "Measurement",
    "Missing",
    "NextBand",
    "Plain",
    "RouteOrDirect",
    "Routed",
    "ScoreAtLeast",
    "ScoreCard",
    "Scored",
    "ScoringTable",
    "TableSpec",
    "Undefined",
    "band_label",
    "bind_routes",
    "both",
    "either",
    "fact_names",
    "fill",
    "score",
]

_ZERO = Decimal(0)


def _measurement(ref: Ref, value: Any, money: bool) -> Any:
    """An input of a banded indicator: a measure's own result, or a fact as a :class:`Plain`."""
    if value is None:
        return Missing((ref.path if isinstance(ref, Fact) else ref.name,))
    if isinstance(value, Decimal):
        return Plain(value, money=money)
    return value  # a Measurement, Missing or Undefined from a measure


@attrs.frozen
class IndicatorScore(Criterion):
    """One indicator of a scoring table ("②上年度研发费用占营业收入比重（20分）：≥5%=20；3–5%=15
    …"): the value read (``reads``: per measure for a banded indicator, else one reference)
    earns the points of the row it falls in. Informational (the group and total criteria
    decide): ``met`` at full points, ``not_met`` below, ``unknown`` while a fact is missing (the
    points an interval), ``review`` when the value cannot be computed."""

    table: TableSpec = attrs.field(repr=False)
    indicator: str
    reads: Ref | Mapping[str, Ref]

    kind: ClassVar[str] = "indicator_score"

    def scored(self, row: Row) -> Scored:
        """The indicator scored for the application in ``row`` (once per evaluation)."""
        found: Scored | None = row.memo.get(self.id)
        if found is None:
            ind = self.table.table(row).indicator(self.indicator)
            reads = self.reads
            if isinstance(reads, Mapping):
                money = ind.measures
                raw: Any = {
                    m: _measurement(r, row(r), money[m] == "money") for m, r in reads.items()
                }
            else:
                raw = row(reads)
                if raw is None:
                    raw = Missing((reads.path if isinstance(reads, Fact) else reads.name,))
            inclusive = row.params[self.table.inclusive.name]
            found = row.memo[self.id] = score(ind, raw, inclusive=inclusive)
        return found

    def decide(self, row: Row) -> Finding:
        s = self.scored(row)
        return row.ctx.finding(self.id, s.status, render=partial(indicator_text, s))

    def references(self) -> tuple[Ref, ...]:
        reads = tuple(self.reads.values()) if isinstance(self.reads, Mapping) else (self.reads,)
        spec = next(i for i in self.table.indicators if i.name == self.indicator)
        return (*reads, *(Param(n) for n in spec.names()), self.table.inclusive)


def _pending_text(pending: Sequence[Scored]) -> Message:
    return Message(
        "、".join(s.indicator.heading.zh for s in pending),
        "; ".join(s.indicator.heading.en for s in pending),
    )


def score_status(
    low: Decimal, high: Decimal, required: Decimal, pending: Sequence[Status]
) -> Status:
    """A score of ``low``–``high`` points against "``required``分以上": ``met`` when even the
    fewest points reach it, ``not_met`` when even the most do not, else ``unknown`` (``review``
    when only uncomputable indicators are pending)."""
    if low >= required:
        return Status.MET
    if high < required:
        return Status.NOT_MET
    return Status.UNKNOWN if Status.UNKNOWN in pending else Status.REVIEW


def score_text(
    status: Status,
    low: Decimal,
    high: Decimal,
    required: Decimal,
    subject: Message,
    pending: Sequence[Scored],
) -> Rendered:
    """The explanation of a :class:`ScoreAtLeast` finding."""
    req = _pts(required)
    if low == high:
        if status is Status.MET:
            zh = f"{subject.zh}为{_pts(low)}分，要求不低于{req}分，符合。"
            en = f"{subject.en} is {_pts(low)} points; required at least {req}: met."
        else:
            short = _pts(EXACT.subtract(required, low))
            zh = f"{subject.zh}为{_pts(low)}分，要求不低于{req}分，相差{short}分，不符合。"
            en = (
                f"{subject.en} is {_pts(low)} points; required at least {req}; short by {short}: "
                "not met."
            )
        return Message(zh, en), low, required, EXACT.subtract(low, required)
    wait = _pending_text(pending)
    gap: Any = None
    if status is Status.MET:
        zh = (
            f"{subject.zh}至少{_pts(low)}分（待定：{wait.zh}），要求不低于{req}分，"
            "无论待定指标如何均符合。"
        )
        en = (
            f"{subject.en} is at least {_pts(low)} points (pending: {wait.en}); required at "
            f"least {req}: met whatever the pending indicators score."
        )
        gap = EXACT.subtract(low, required)
    elif status is Status.NOT_MET:
        zh = (
            f"{subject.zh}至多{_pts(high)}分（待定：{wait.zh}），要求不低于{req}分，"
            "即使待定指标得满分也不符合。"
        )
        en = (
            f"{subject.en} is at most {_pts(high)} points (pending: {wait.en}); required at "
            f"least {req}: not met even with full marks on the pending indicators."
        )
        gap = EXACT.subtract(high, required)
    else:
        zh = (
            f"{subject.zh}在{_pts(low)}–{_pts(high)}分之间，要求不低于{req}分，"
            f"取决于待定指标：{wait.zh}。"
        )
        en = (
            f"{subject.en} is between {_pts(low)} and {_pts(high)} points; required at least "
            f"{req}: depends on the pending indicators: {wait.en}."
        )
    return Message(zh, en), {"min": low, "max": high}, required, gap


@attrs.frozen
class ScoreAtLeast(Criterion):
    """A score — the sum of some indicators' points (a group's, or the total) — of at least a
    parameter ("评价得分60分以上": 以上 includes the number, 《民法典》第一千二百五十九条).

    While facts are missing the score is an interval (each pending indicator from its fewest to
    its most points): ``met`` as soon as even the fewest points reach the minimum, ``not_met``
    as soon as even the most do not, ``unknown`` (``review``) only in between.
    """

    indicators: tuple[IndicatorScore, ...]
    param: Param
    subject: Message

    kind: ClassVar[str] = "score_at_least"

    def decide(self, row: Row) -> Finding:
        scored = [i.scored(row) for i in self.indicators]
        low = high = _ZERO
        for s in scored:
            low, high = EXACT.add(low, s.low), EXACT.add(high, s.high)
        required: Decimal = row.params[self.param.name]
        pending = tuple(s for s in scored if s.low != s.high)
        status = score_status(low, high, required, [s.status for s in pending])
        return row.ctx.finding(
            self.id,
            status,
            render=partial(score_text, status, low, high, required, self.subject, pending),
        )

    def references(self) -> tuple[Ref, ...]:
        return (*(r for i in self.indicators for r in i.references()), self.param)


def _explained(finding: Finding) -> Rendered:
    """A part's explanation, written from its renderer: this runs inside the parent's
    renderer, which holds the findings' render lock (not reentrant), so reading the part's
    ``message`` there would wait for itself."""
    render = finding._render
    if render is not None:
        return render()
    return finding.message, finding.measured, finding.required, finding.gap


def _any_of_text(
    first: Finding, second: Finding, bridge: Message, keys: tuple[str, str]
) -> Rendered:
    one, two = _explained(first), _explained(second)
    return (
        Message(f"{one[0].zh}{bridge.zh}{two[0].zh}", f"{one[0].en}{bridge.en}{two[0].en}"),
        {keys[0]: one[1], keys[1]: two[1]},
        {keys[0]: one[2], keys[1]: two[2]},
        {keys[0]: one[3], keys[1]: two[3]},
    )


@attrs.frozen
class AnyOf(Criterion):
    """ "A, or (failing A) B": one finding that either part satisfies (three-valued OR).

    ``first`` met decides alone (its finding is the answer). Otherwise ``second`` is tested too
    and the finding says both, ``bridge`` between them; ``keys`` name the two in its measured,
    required and gap values. The parts decide with this criterion's id (and citation).
    """

    first: Criterion
    second: Criterion
    keys: tuple[str, str]
    bridge: Message

    kind: ClassVar[str] = "any_of"

    @property
    def parts(self) -> tuple[Criterion, ...]:
        return (self.first, self.second)

    def decide(self, row: Row) -> Finding:
        first = self.first.decide(row)
        if first.status is Status.MET:
            return first
        second = self.second.decide(row)
        status = either([first.status, second.status])
        return row.ctx.finding(
            self.id, status, render=partial(_any_of_text, first, second, self.bridge, self.keys)
        )

    def references(self) -> tuple[Ref, ...]:
        return (*self.first.references(), *self.second.references())
