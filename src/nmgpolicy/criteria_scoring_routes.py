"""Three-valued "one or the other": :func:`either` (OR), :func:`both` (AND), and
:class:`RouteOrDirect` — "every test of the route, OR any of the direct conditions" — which
decides its parts (each a finding of its own, listed through :meth:`RouteOrDirect.members`) and
marks binding exactly the findings the outcome rests on (:func:`bind_routes`), so that the
decision's aggregation over binding findings is the three-valued OR.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria_scoring_fill import fill, placeholders
from nmgpolicy.definition import Criterion, Param, Ref, Row
from nmgpolicy.outcome import Finding, Message, Rendered, Status
from nmgpolicy.params import ParameterSet

__all__ = [
    "Outcome",
    "RouteOrDirect",
    "Routed",
    "bind_routes",
    "both",
    "either",
    "route_text",
]


def _unsure(statuses: Sequence[Status]) -> Status:
    return Status.UNKNOWN if Status.UNKNOWN in statuses else Status.REVIEW


def either(statuses: Iterable[Status]) -> Status:
    """Three-valued OR: any ``met`` → met; all ``not_met`` (or none) → not_met; else
    ``unknown`` (``review`` when no fact is missing but a reviewer must decide)."""
    seen = list(statuses)
    if Status.MET in seen:
        return Status.MET
    if all(s is Status.NOT_MET for s in seen):
        return Status.NOT_MET
    return _unsure(seen)


def both(statuses: Iterable[Status]) -> Status:
    """Three-valued AND: any ``not_met`` → not_met; all ``met`` → met; else unknown/review."""
    seen = list(statuses)
    if Status.NOT_MET in seen:
        return Status.NOT_MET
    if all(s is Status.MET for s in seen):
        return Status.MET
    return _unsure(seen)


def _binding(overall: Status, route: Status, status: Status) -> bool:
    """Whether a finding of a route binds: see :func:`bind_routes`."""
    if overall is Status.NOT_MET:
        return True
    if overall is Status.MET:
        return route is Status.MET and status is Status.MET
    return route is not Status.NOT_MET and status is not Status.NOT_MET


def bind_routes(
    overall: Status, routes: Sequence[tuple[Status, Sequence[Finding]]]
) -> list[Finding]:
    """Mark binding exactly the findings the outcome of "route A OR route B …" rests on.

    * ``overall`` met: the met findings of the met route(s) (the score route's findings all
      hold; of the direct conditions, those that are met); the rest explain only.
    * ``overall`` not_met: every finding (each route failed, and each finding says why).
    * ``overall`` unknown/review: the findings still open in the routes still open; a route
      that has failed, and a condition that has failed, explain only — so that no binding
      ``not_met`` makes the Decision ineligible while another route could still succeed.

    The Decision's aggregation over binding findings then equals the three-valued OR.
    """
    out: list[Finding] = []
    for route, findings in routes:
        for f in findings:
            binding = _binding(overall, route, f.status)
            out.append(f if f.binding is binding else _rebound(f, binding))
    return out


def _rebound(finding: Finding, binding: bool) -> Finding:
    """``finding`` with another binding flag; one not yet explained stays so (its renderer is
    carried over, not run)."""
    render = finding._render
    if finding._message is None and render is not None:
        return Finding(
            finding.id, finding.status, None, finding.citation, binding=binding, render=render
        )
    return attrs.evolve(finding, binding=binding)


_ROUTE_WORDS = {
    Status.MET: Message("满足", "met"),
    Status.NOT_MET: Message("不满足", "not met"),
    Status.UNKNOWN: Message("尚不能确定（缺少事实）", "not yet determined (facts missing)"),
    Status.REVIEW: Message("须审查", "needs review"),
}


@attrs.frozen
class Outcome:
    """The parts of a :class:`RouteOrDirect` decided: their findings (bound), the status of
    each route and the overall status."""

    findings: Mapping[str, Finding]
    route: Status
    direct: Status
    overall: Status

    def statuses(self) -> dict[str, Status]:
        """The ``routes`` result: each route's status and the overall one."""
        return {"score": self.route, "direct": self.direct, "overall": self.overall}


def route_text(
    overall: Status,
    outcome: Outcome,
    titles: Sequence[Message],
    template: Message,
    noun: Message,
    params: Mapping[str, Any],
    data: ParameterSet,
) -> Rendered:
    """The explanation of a :class:`RouteOrDirect` finding (``template`` says the route,
    filled with ``params``)."""
    subject = fill(template, params, data)
    if overall is Status.MET and outcome.route is Status.MET:
        zh, en = f"符合：{subject.zh}。", f"Met: {subject.en}."
    elif overall is Status.MET:
        zh = f"符合：满足{noun.zh}（" + "；".join(t.zh for t in titles) + "）。"
        en = f"Met through a {noun.en} (" + "; ".join(t.en for t in titles) + ")."
    elif overall is Status.NOT_MET:
        zh = f"不符合：{subject.zh}不满足，且不满足任何{noun.zh}。"
        en = f"Not met: {subject.en} fails, and no {noun.en} is met."
    else:
        s_word, d_word = _ROUTE_WORDS[outcome.route], _ROUTE_WORDS[outcome.direct]
        zh = f"尚不能确定：{subject.zh}{s_word.zh}；{noun.zh}{d_word.zh}。"
        en = f"Not yet determined: {subject.en} {s_word.en}; {noun.en}s {d_word.en}."
    measured = {"score": outcome.route.value, "direct": outcome.direct.value}
    return Message(zh, en), measured, None, None


@attrs.frozen
class RouteOrDirect(Criterion):
    """ "Every test of the route, OR any one of the direct conditions" (评价得分达到60分以上，或满足
    下列条件之一 …), in three-valued logic.

    The parts (``route``: all must hold; ``direct``: one suffices) are criteria of their own,
    each with its finding, listed in the definition through :meth:`members`; this criterion
    decides them once, marks binding exactly the findings the outcome rests on
    (:func:`bind_routes`) and gives the binding summary. ``subject`` says the route (filled from
    the parameters), ``noun`` names a direct condition ("直接认定条件").
    """

    route: tuple[Criterion, ...]
    direct: tuple[Criterion, ...]
    subject: Message
    noun: Message

    kind: ClassVar[str] = "route_or_direct"

    @property
    def parts(self) -> tuple[Criterion, ...]:
        return (*self.route, *self.direct)

    def members(self) -> tuple[Routed, ...]:
        """The parts as the definition lists them (each gives its bound finding)."""
        return tuple(Routed(part.id, part, self) for part in self.parts)

    def outcome(self, row: Row) -> Outcome:
        """Every part decided, bound; the routes' statuses (once per evaluation)."""
        key = f"{self.id}:outcome"
        found: Outcome | None = row.memo.get(key)
        if found is None:
            route = [part.decide(row) for part in self.route]
            direct = [part.decide(row) for part in self.direct]
            route_status = both(f.status for f in route)
            direct_status = either(f.status for f in direct)
            overall = either([route_status, direct_status])
            bound = bind_routes(overall, [(route_status, route), (direct_status, direct)])
            found = row.memo[key] = Outcome(
                {f.id: f for f in bound}, route_status, direct_status, overall
            )
        return found

    def decide(self, row: Row) -> Finding:
        outcome = self.outcome(row)
        overall = outcome.overall
        titles: list[Message] = []
        if overall is Status.MET and outcome.route is not Status.MET:
            titles = [
                row.title(p.id) for p in self.direct if outcome.findings[p.id].status is Status.MET
            ]
        return row.ctx.finding(
            self.id,
            overall,
            render=partial(
                route_text,
                overall,
                outcome,
                titles,
                self.subject,
                self.noun,
                row.params,
                row.ctx.data,
            ),
        )

    def references(self) -> tuple[Ref, ...]:
        return tuple(Param(n) for n in placeholders(self.subject))


@attrs.frozen
class Routed(Criterion):
    """A part of a :class:`RouteOrDirect` in the definition's list: its finding, bound as the
    outcome requires."""

    part: Criterion = attrs.field(repr=False)
    routes: RouteOrDirect = attrs.field(repr=False, eq=False)

    kind: ClassVar[str] = "routed"

    def decide(self, row: Row) -> Finding:
        return self.routes.outcome(row).findings[self.id]

    def references(self) -> tuple[Ref, ...]:
        return self.part.references()
