"""Tests that kill the mutants of ``criteria_scoring_routes`` found alive in session 17.

They pin two things no other test did: the explanation of a recognition met through the
direct conditions names only the conditions that are met (not every direct condition), and
:func:`bind_routes` makes binding a finding the outcome rests on even when the part gave it
unbound (a criterion the data file marks ``binding = false``), rather than keeping its flag.
Each test asserts a public outcome; the last calls :func:`bind_routes` itself, because the
shipped data file marks every part of a route binding, so only a direct call can hand it an
unbound finding.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs

import nmgpolicy
from nmgpolicy.criteria_scoring_routes import Routed, RouteOrDirect, bind_routes, either
from nmgpolicy.outcome import Finding, Message, Status

ON = dt.date(2025, 9, 1)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "sme"
ROUTES_ID = "sme_innovative.score_or_direct"


def _facts(name: str, **changes: Any) -> dict[str, Any]:
    """An example's facts, with ``changes`` applied."""
    facts: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))
    facts.update(changes)
    return facts


def _finding(decision: nmgpolicy.Decision, finding_id: str) -> Finding:
    (found,) = [f for f in decision.findings if f.id == finding_id]
    return found


def test_direct_route_names_only_the_met_conditions() -> None:
    """High-tech title met, the other direct conditions unknown: the summary names only the
    title (a mutant listing every direct condition, met or not, names four)."""
    decision = nmgpolicy.evaluate("sme_innovative", _facts("innovative_direct_high_tech"), on=ON)
    assert decision.results["routes"] == {
        "score": Status.NOT_MET,
        "direct": Status.MET,
        "overall": Status.MET,
    }
    assert _finding(decision, "sme_innovative.direct.science_award").status is Status.UNKNOWN
    summary = _finding(decision, ROUTES_ID)
    assert summary.status is Status.MET
    assert summary.binding is True
    assert summary.message.en == (
        "Met through a direct condition (Direct route: a valid high-tech enterprise, national "
        "technology-innovation demonstration enterprise, IP-advantage or IP-demonstration "
        "enterprise title)."
    )
    assert summary.message.zh.count("；") == 0
    assert "科技奖励" not in summary.message.zh
    assert "science and technology award" not in decision.explain("en").split(ROUTES_ID)[-1]


def test_direct_route_with_failed_conditions_lists_the_met_ones_only() -> None:
    """Two direct conditions met (title, R&D institution), two not met: both met titles, in
    the definition's order, and neither failed one."""
    facts = _facts(
        "innovative_direct_high_tech",
        science_awards_3y=[],
        rd_institution_level="national",
        equity_financing_3y="0元",
    )
    decision = nmgpolicy.evaluate("sme_innovative", facts, on=ON)
    assert decision.status == "eligible"
    summary = _finding(decision, ROUTES_ID)
    assert summary.status is Status.MET
    assert summary.message.en.startswith("Met through a direct condition (")
    assert summary.message.en.count("; ") == 1
    assert "science and technology award" not in summary.message.en
    assert "equity" not in summary.message.en
    assert summary.message.zh.count("；") == 1


def test_bind_routes_binds_an_unbound_finding_the_outcome_rests_on() -> None:
    """A met finding of the met route binds whatever flag its part gave it; a failed one of a
    met outcome explains only (a mutant keeping an unbound finding as it is fails here)."""
    met = Finding("a", Status.MET, Message("满足", "met"), binding=False)
    failed = Finding("b", Status.NOT_MET, Message("不满足", "not met"), binding=True)
    out = bind_routes(Status.MET, [(Status.MET, [met]), (Status.NOT_MET, [failed])])
    assert [(f.id, f.status, f.binding) for f in out] == [
        ("a", Status.MET, True),
        ("b", Status.NOT_MET, False),
    ]
    # not met overall: every finding binds, the unbound one too
    out = bind_routes(Status.NOT_MET, [(Status.NOT_MET, [met, failed])])
    assert [f.binding for f in out] == [True, True]


def test_not_met_overall_says_both_routes_failed() -> None:
    """A group minimum fails and no direct condition holds: the summary says *not met* (a
    mutant sending not_met to the undetermined wording says "Not yet determined"), and every
    finding of both routes binds."""
    decision = nmgpolicy.evaluate("sme_innovative", _facts("innovative_group_minimum_fails"), on=ON)
    assert decision.status == "ineligible"
    assert decision.results["routes"]["overall"] is Status.NOT_MET
    summary = _finding(decision, ROUTES_ID)
    assert summary.status is Status.NOT_MET
    assert summary.message.en == (
        "Not met: the score of 60 or more with every group minimum fails, and no direct "
        "condition is met."
    )
    assert summary.message.zh == (
        "不符合：评价得分达到60分以上且各类指标得分均达到最低要求不满足，且不满足任何直接认定条件。"
    )
    parts = [f for f in decision.findings if ".group." in f.id or ".direct." in f.id]
    assert len(parts) == 7
    assert all(f.binding for f in parts)


def test_undetermined_overall_names_each_route() -> None:
    """Score failed, direct facts missing: the summary says each route's state, and only the
    open direct conditions bind (the failed score route explains only)."""
    decision = nmgpolicy.evaluate(
        "sme_innovative", _facts("innovative_direct_facts_missing"), on=ON
    )
    assert decision.status == "undetermined"
    summary = _finding(decision, ROUTES_ID)
    assert summary.status is Status.UNKNOWN
    assert summary.message.en == (
        "Not yet determined: the score of 60 or more with every group minimum not met; "
        "direct conditions not yet determined (facts missing)."
    )
    assert not _finding(decision, "sme_innovative.total").binding
    assert _finding(decision, "sme_innovative.direct.title").binding


def test_met_parts_of_a_failed_score_route_explain_only() -> None:
    """Growth minimum fails (score route not met) but the innovation minimum and the total
    hold, and a direct condition is met: recognised, resting on the direct condition alone —
    the met parts of the failed score route explain only (a mutant binding every met finding
    once the outcome is met makes them binding)."""
    facts = _facts("innovative_group_minimum_fails", valid_titles=["high_tech"])
    decision = nmgpolicy.evaluate("sme_innovative", facts, on=ON)
    assert decision.status == "eligible"
    assert decision.results["routes"] == {
        "score": Status.NOT_MET,
        "direct": Status.MET,
        "overall": Status.MET,
    }
    flags = {
        f.id.removeprefix("sme_innovative."): (f.status, f.binding)
        for f in decision.findings
        if ".group." in f.id or ".direct." in f.id or f.id == "sme_innovative.total"
    }
    assert flags == {
        "group.innovation": (Status.MET, False),
        "group.growth": (Status.NOT_MET, False),
        "group.specialization": (Status.MET, False),
        "total": (Status.MET, False),
        "direct.science_award": (Status.NOT_MET, False),
        "direct.title": (Status.MET, True),
        "direct.rd_institution": (Status.NOT_MET, False),
        "direct.equity_financing": (Status.NOT_MET, False),
    }


def test_either_of_not_applicable_statuses_is_for_review() -> None:
    """Three-valued OR as documented: only ``not_met`` statuses (or none) give not_met; a
    ``not_applicable`` one, neither met nor not_met, leaves it to review (a mutant testing
    ``<= not_met`` takes not_applicable, which sorts before it, for not_met)."""
    assert either([]) is Status.NOT_MET
    assert either([Status.NOT_MET, Status.NOT_MET]) is Status.NOT_MET
    assert either([Status.NOT_APPLICABLE]) is Status.REVIEW
    assert either([Status.NOT_MET, Status.NOT_APPLICABLE]) is Status.REVIEW
    assert either([Status.NOT_APPLICABLE, Status.UNKNOWN]) is Status.UNKNOWN
    assert either([Status.NOT_APPLICABLE, Status.MET]) is Status.MET


def test_a_listed_part_compares_and_hashes_without_its_route() -> None:
    """A :class:`Routed` member is its id and part: it equals the member the same part gives
    in another route, and hashes when its part does, although the route holds a criterion
    that cannot be hashed (sme_specialized's award ranks, a dict) — a mutant comparing the
    route too makes both fail."""
    definition = nmgpolicy.engine.get_ruleset("sme_specialized").definition
    routes = next(c for c in definition.criteria if isinstance(c, RouteOrDirect))
    member = next(m for m in routes.members() if m.id.endswith("direct.rd_expense_mean"))
    other = attrs.evolve(routes, subject=Message("另一途径", "another route"))
    assert other != routes
    twin = next(m for m in other.members() if m.id == member.id)
    assert twin == member
    assert hash(twin) == hash(member) == hash(Routed(member.id, member.part, routes))
