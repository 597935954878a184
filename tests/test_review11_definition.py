"""Independent review of issue 11 (the definition layer and the fast row path).

What the issue promises for lazy values — computed once, safe from many threads, surviving
pickling, immutable to callers, correct whatever decimal context the caller has set when the
values are finally read — checked on hand-made findings and on the stored full records of the
golden corpus (the facts and the frozen ``to_dict()``/``explain("zh")`` of every 20th case), and
the stability promise of ``docs/definitions.md`` (public names, shapes and
``Definition.parameters()``).

A test marked ``xfail(strict=True)`` is a defect found by the review: it fails today and must
pass once the defect is fixed (then drop the mark).
"""

from __future__ import annotations

import ast
import concurrent.futures
import copy
import datetime as dt
import decimal
import lzma
import pickle
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy import Decision, Finding, get_ruleset
from nmgpolicy.definition import Definition
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import (
    Amount,
    FrozenDict,
    FrozenList,
    Later,
    Message,
    Status,
    lazy_finding,
)
from nmgpolicy.params import load_parameters
from nmgpolicy.units import Kind
from tests._builders import CLUSTER_ATTESTATION_KEYS, cluster_rest, cluster_years

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
RULESETS = ("cluster", "first_set", "disclosure")

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


@cache
def full_records(ruleset: str) -> tuple[dict[str, Any], ...]:
    """The golden records that keep their input and outputs and whose evaluation succeeded."""
    import json

    lines = lzma.decompress((GOLDEN / f"{ruleset}.jsonl.xz").read_bytes()).decode().splitlines()
    records = (json.loads(line) for line in lines[1:])
    return tuple(r for r in records if "input" in r and "s" in r)


def replay(ruleset: str, record: dict[str, Any]) -> Decision:
    """A fresh decision for a golden record (nothing of it read yet)."""
    case = record["input"]
    return nmgpolicy.evaluate(
        ruleset,
        copy.deepcopy(case["facts"]),
        on=dt.date.fromisoformat(case["on"]),
        parameters=copy.deepcopy(case["parameters"]),
    )


def sample(ruleset: str, every: int = 1) -> list[dict[str, Any]]:
    return list(full_records(ruleset))[::every]


def hostile() -> decimal.Context:
    """A caller's decimal context that would corrupt or break any arithmetic run under it."""
    return decimal.Context(
        prec=3,
        rounding=decimal.ROUND_UP,
        Emin=-5,
        Emax=5,
        traps=[
            decimal.Inexact,
            decimal.Rounded,
            decimal.InvalidOperation,
            decimal.DivisionByZero,
            decimal.Overflow,
            decimal.Underflow,
            decimal.Subnormal,
            decimal.Clamped,
        ],
    )


def read_all(decision: Decision) -> None:
    """Touch every lazy value of a decision directly (not through an ``@exact`` entry point)."""
    for finding in decision.findings:
        _ = (finding.message, finding.measured, finding.required, finding.gap)
    _ = decision.results


def counting_finding(calls: list[int], delay: float = 0.0) -> Finding:
    """A lazy finding whose renderer counts its calls (and may sleep to widen races)."""

    def render() -> tuple[Message, Any, Any, Any]:
        calls.append(1)
        if delay:
            time.sleep(delay)
        return Message("中", "en"), {"a": [1, 2]}, Decimal("1.5"), Decimal("0.5")

    return lazy_finding("x.y", Status.MET, None, True, render)


def base_cluster() -> dict[str, Any]:
    return {
        "applied_on": "2025-05-20",
        "area": "85平方公里",
        "years": cluster_years(
            (2022, "16亿元", "9亿元", "1000万元", 600, "1吨/万元"),
            (2023, "17亿元", "10亿元", "1100万元", 700, "0.9吨/万元"),
            (2024, "18.12345678亿元", "11亿元", "1200万元", 800, "0.8吨/万元"),
        ),
        **cluster_rest(),
    }


ON = dt.date(2025, 6, 1)


def cluster_decision(**changes: Any) -> Decision:
    facts = base_cluster()
    facts.update(changes)
    return nmgpolicy.evaluate("cluster", facts, on=ON)


# ---------------------------------------------------------------------------------------------
# Computed once, from many threads
# ---------------------------------------------------------------------------------------------


def test_a_lazy_finding_renders_once_however_many_threads_read_it_first() -> None:
    calls: list[int] = []
    finding = counting_finding(calls, delay=0.05)
    barrier = threading.Barrier(16)
    readers: list[Callable[[Finding], Any]] = [
        lambda f: f.message,
        lambda f: f.measured,
        lambda f: f.required,
        lambda f: f.gap,
        lambda f: f.to_dict(),
        lambda f: hash(f),
    ]

    def read(i: int) -> Any:
        barrier.wait()
        readers[i % len(readers)](finding)
        return finding.to_dict()

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        seen = list(pool.map(read, range(16)))
    assert calls == [1]
    assert all(s == seen[0] for s in seen)
    assert seen[0]["measured"] == {"a": [1, 2]}


def test_later_results_are_computed_once_however_many_threads_read_them_first() -> None:
    calls: list[int] = []

    def slow() -> list[int]:
        calls.append(1)
        time.sleep(0.05)
        return [1, 2, 3]

    finding = Finding("x.y", Status.MET, Message("中", "en"))
    decision = Decision(
        "x", ON, nmgpolicy.DecisionStatus.ELIGIBLE, (finding,), results={"table": Later(slow)}
    )
    barrier = threading.Barrier(12)

    def read(_: int) -> Any:
        barrier.wait()
        return decision.results

    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        seen = list(pool.map(read, range(12)))
    assert calls == [1]
    assert all(s is seen[0] for s in seen)  # one frozen mapping, shared
    assert isinstance(seen[0], FrozenDict) and seen[0]["table"] == [1, 2, 3]


@pytest.mark.parametrize("ruleset", RULESETS)
def test_concurrent_first_reads_of_real_decisions_give_the_frozen_answers(ruleset: str) -> None:
    records = sample(ruleset, every=3)
    decisions = [replay(ruleset, r) for r in records]
    barrier = threading.Barrier(8)

    def read(offset: int) -> list[tuple[dict[str, Any], str]]:
        barrier.wait()
        order = decisions[offset:] + decisions[:offset]  # each thread starts elsewhere
        out = [(d.to_dict(), d.explain("zh")) for d in order]
        return out[-offset:] + out[:-offset] if offset else out

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        runs = list(pool.map(read, [i * len(decisions) // 8 for i in range(8)]))
    for run in runs:
        for record, (as_dict, text) in zip(records, run, strict=True):
            assert as_dict == record["output"], record["id"]
            assert text == record["explain"], record["id"]


# ---------------------------------------------------------------------------------------------
# Pickling, copying, before anything was read
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_decisions_pickled_before_any_message_was_read_keep_their_answers(ruleset: str) -> None:
    for record in sample(ruleset, every=2):
        decision = replay(ruleset, record)
        clone = pickle.loads(pickle.dumps(decision))
        assert clone.to_dict() == record["output"], record["id"]
        assert clone.explain("zh") == record["explain"], record["id"]
        assert clone == decision and hash(clone) == hash(decision)
        assert decision.to_dict() == record["output"]


def test_a_lazy_finding_pickles_and_copies_unread_and_stays_equal() -> None:
    for copier in (lambda f: pickle.loads(pickle.dumps(f)), copy.copy, copy.deepcopy):
        calls: list[int] = []
        finding = counting_finding(calls)
        clone = copier(finding)
        assert clone == finding and hash(clone) == hash(finding)
        assert clone.to_dict() == finding.to_dict()
        assert calls == [1]  # rendered once, for the copy; the original keeps that rendering


def test_an_unread_decision_survives_deepcopy() -> None:
    decision = cluster_decision()
    clone = copy.deepcopy(decision)
    assert clone.to_dict() == cluster_decision().to_dict()


# ---------------------------------------------------------------------------------------------
# A hostile decimal context when the values are finally read
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_values_read_under_a_hostile_decimal_context_are_the_frozen_ones(ruleset: str) -> None:
    for record in sample(ruleset, every=2):
        decision = replay(ruleset, record)
        with decimal.localcontext(hostile()) as context:
            read_all(decision)  # renders here, under prec=3 and every trap
            assert context.prec == 3 and not any(context.flags.values())
        assert decision.to_dict() == record["output"], record["id"]
        assert decision.explain("zh") == record["explain"], record["id"]


def test_a_gap_rendered_under_prec_3_is_exact() -> None:
    decision = cluster_decision()
    with decimal.localcontext(hostile()):
        gap = decision.finding("cluster.output").gap
    # the lowest year is 2022 (16亿元): 1亿元 above; the 2024 output is not the one shown
    assert gap == Amount(Decimal("100000000"), Kind.MONEY, "亿元")
    with decimal.localcontext(hostile()):
        results = decision.results
    assert results["years"][2]["output"].value == Decimal("1812345678")


def fresh_cluster_output() -> Finding:
    return cluster_decision(
        years=[
            {**y, "output": "15.12345678亿元"} if y["year"] == 2022 else y
            for y in base_cluster()["years"]
        ]
    ).finding("cluster.output")


def test_evolve_of_an_unread_lazy_finding_stays_lazy_and_keeps_its_values() -> None:
    reference = fresh_cluster_output()
    finding = fresh_cluster_output()
    changed = attrs.evolve(finding, binding=False)
    assert changed.binding is False and changed.status is reference.status
    assert changed.gap == reference.gap and changed.message == reference.message
    measured = attrs.evolve(fresh_cluster_output(), measured="override")
    assert measured.measured == "override"
    assert measured.message == reference.message and measured.gap == reference.gap


def test_evolve_of_a_lazy_finding_under_a_hostile_context_neither_raises_nor_rounds() -> None:
    reference = fresh_cluster_output()
    exact_gap = reference.gap
    assert exact_gap.value == Decimal("12345678")
    read = fresh_cluster_output()
    _ = read.message  # rendered: evolve must not need the renderer again
    unread = fresh_cluster_output()
    with decimal.localcontext(hostile()):
        kept = attrs.evolve(read, binding=False)
    assert kept.gap == exact_gap
    with decimal.localcontext(decimal.Context(prec=3)):
        relabelled = attrs.evolve(unread, message=Message("另", "other"))
    assert relabelled.gap == exact_gap  # today: Decimal('1.23E+7')


def _reachable(root: object, kind: type) -> int:
    """How many objects of ``kind`` are reachable from ``root`` (classes and modules skipped)."""
    import gc
    import types

    seen: set[int] = set()
    stack = [root]
    found = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type | types.ModuleType | types.FunctionType):
            continue
        seen.add(id(obj))
        if isinstance(obj, kind):
            found += 1
            continue
        stack.extend(gc.get_referents(obj))
    return found


def test_a_fully_read_decision_no_longer_holds_the_evaluation_state() -> None:
    from nmgpolicy.definition import Row

    decision = cluster_decision()
    assert _reachable(decision, Row) == 1  # unread: the renderers need it
    decision.to_dict()
    decision.explain("en")
    assert _reachable(decision, Row) == 0


# ---------------------------------------------------------------------------------------------
# Immutable to callers
# ---------------------------------------------------------------------------------------------


def test_nothing_of_a_decision_can_be_changed_by_a_caller() -> None:
    decision = cluster_decision()
    finding = decision.finding("cluster.innovation_growth")  # mapping values
    for name in ("message", "measured", "required", "gap", "status", "binding", "id"):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(finding, name, None)
    for name in ("results", "findings", "status", "notes"):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(decision, name, None)
    assert isinstance(finding.measured, FrozenDict)
    with pytest.raises(TypeError):
        finding.measured["sme_rd_expense"] = 1
    results = decision.results
    with pytest.raises(TypeError):
        results["recent_years"] = []  # type: ignore[index]
    assert isinstance(results["recent_years"], FrozenList)
    with pytest.raises(AttributeError):
        results["recent_years"].append(2099)
    table = results["years"]
    assert isinstance(table, FrozenList) and isinstance(table[0], FrozenDict)
    with pytest.raises(TypeError):
        table[0]["year"] = 1999
    with pytest.raises(TypeError):
        decision.findings[0] = finding  # type: ignore[index]
    assert decision.to_dict() == cluster_decision().to_dict()
    # to_dict gives fresh, mutable copies that do not reach back
    out = decision.to_dict()
    out["results"]["recent_years"].append(2099)
    assert decision.results["recent_years"] == [2022, 2023, 2024]


def test_results_beside_a_later_value_are_frozen_when_the_decision_is_made() -> None:
    given = [1, 2]
    decision = Decision(
        "x",
        ON,
        nmgpolicy.DecisionStatus.ELIGIBLE,
        (Finding("x.y", Status.MET, Message("中", "en")),),
        results={"given": given, "later": Later(lambda: 3)},
    )
    given.append(3)
    assert decision.results["given"] == [1, 2]


# ---------------------------------------------------------------------------------------------
# Equality, hashing, repr and attrs of lazy against eager findings
# ---------------------------------------------------------------------------------------------


def eager_copy(finding: Finding) -> Finding:
    return Finding(
        finding.id,
        finding.status,
        finding.message,
        finding.citation,
        finding.measured,
        finding.required,
        finding.gap,
        finding.binding,
    )


def test_lazy_and_eager_findings_with_the_same_values_are_equal_and_hash_alike() -> None:
    decision = cluster_decision()
    eager = [eager_copy(f) for f in cluster_decision().findings]
    for lazy, plain in zip(decision.findings, eager, strict=True):
        assert lazy == plain and plain == lazy
        assert hash(lazy) == hash(plain)
        assert repr(lazy) == repr(plain)
        assert lazy.to_dict() == plain.to_dict()
    other = attrs.evolve(eager[0], status=Status.NOT_MET)
    assert other != decision.findings[0]


def test_a_finding_needs_a_message_or_a_renderer() -> None:
    with pytest.raises(InputError):
        Finding("x.y", Status.MET)


def test_the_repr_of_a_decision_does_not_depend_on_what_was_read() -> None:
    decision = cluster_decision()
    before = repr(decision)
    _ = decision.results
    assert "Later(" not in before
    assert repr(decision) == before


def test_attrs_asdict_of_a_finding_shows_its_private_storage() -> None:
    """A deliberate change of issue 11 (docs/definitions.md): a finding's attrs fields are its
    storage (``_message`` … written when read); ``to_dict()`` is the public shape."""
    import attrs

    from nmgpolicy.outcome import Finding, Message, Status

    names = [f.name for f in attrs.fields(Finding)]
    assert names[:3] == ["id", "status", "_message"] and "_render" in names
    finding = Finding("x", Status.MET, Message("中", "en"))
    assert set(finding.to_dict()) == {
        "id",
        "status",
        "binding",
        "citation",
        "measured",
        "required",
        "gap",
        "message",
    }


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_replayed_decision_hashes_and_equals_its_unread_twin(ruleset: str) -> None:
    for record in sample(ruleset, every=5):
        first, second = replay(ruleset, record), replay(ruleset, record)
        assert hash(first) == hash(second)
        assert first == second


# ---------------------------------------------------------------------------------------------
# The definition layer: parameters(), walk(), references()
# ---------------------------------------------------------------------------------------------


def _definition(ruleset: str) -> Definition[Any]:
    definition = get_ruleset(ruleset).definition  # type: ignore[attr-defined]
    assert isinstance(definition, Definition)
    return definition


ALTERNATIVES: dict[str, dict[str, object]] = {
    # a valid value other than the data file's, for each parameter of the three rule sets
    "cluster": {
        "validity_period": "4年",
        "renewal_period": "4年",
        "annual_report_month": 4,
        "annual_report_day": 11,
        "annual_report_due_inclusive": False,
        "change_filing_period": "2个月",
    },
    "first_set": {
        "public_notice_period": "7个工作日",
        "validity_period": "3年",
        "validity_end": "day_before",
        "published_on": "2024-02-29",
        "in_force_reference": "on",
    },
    "disclosure": {},
}

FIRST_SET_FACTS: dict[str, Any] = {
    "category": "complete_set",
    "unit_value": "85万元/套",
    "completed_on": "2024-06-01",
    "applied_on": "2025-03-01",
}


def _without_overrides(decision: Decision) -> dict[str, Any]:
    out = decision.to_dict()
    out.pop("overrides")
    return out


@pytest.mark.parametrize(
    ("ruleset", "facts", "on"),
    [
        ("cluster", None, ON),
        ("first_set", FIRST_SET_FACTS, dt.date(2025, 6, 1)),
    ],
)
def test_a_parameter_outside_parameters_never_changes_an_evaluation_of_valid_facts(
    ruleset: str, facts: dict[str, Any] | None, on: dt.date
) -> None:
    """Complement of the next test, for every parameter already listed or helper-only."""
    listed = set(_definition(ruleset).parameters())
    facts = base_cluster() if facts is None else facts
    reference = _without_overrides(nmgpolicy.evaluate(ruleset, copy.deepcopy(facts), on=on))
    unlisted = set(load_parameters(ruleset).parameters) - listed
    changed = {
        name
        for name in unlisted
        if name not in ("published_on", "validity_period", "validity_end", "in_force_reference")
        or ruleset != "first_set"
        if _without_overrides(
            nmgpolicy.evaluate(
                ruleset,
                copy.deepcopy(facts),
                on=on,
                parameters={name: ALTERNATIVES[ruleset][name]},
            )
        )
        != reference
    }
    assert changed == set()


def test_every_parameter_an_evaluation_reads_is_in_parameters_first_set() -> None:
    listed = set(_definition("first_set").parameters())
    on = dt.date(2025, 6, 1)
    reference = _without_overrides(nmgpolicy.evaluate("first_set", dict(FIRST_SET_FACTS), on=on))
    reads = set()
    for name in ("published_on", "validity_period", "validity_end", "in_force_reference"):
        alternative = {name: ALTERNATIVES["first_set"][name]}
        if name != "published_on":
            alternative["published_on"] = "2024-02-29"
        changed = _without_overrides(
            nmgpolicy.evaluate("first_set", dict(FIRST_SET_FACTS), on=on, parameters=alternative)
        )
        if changed != reference:
            reads.add(name)
    assert reads == {"published_on", "validity_period", "validity_end", "in_force_reference"}
    assert reads <= listed


def test_cluster_and_disclosure_parameters_are_complete() -> None:
    cluster = set(_definition("cluster").parameters())
    helper_only = {
        "validity_period",
        "renewal_period",
        "annual_report_month",
        "annual_report_day",
        "annual_report_due_inclusive",
        "change_filing_period",
    }
    assert cluster == set(load_parameters("cluster").parameters) - helper_only
    assert set(_definition("disclosure").parameters()) == set(
        load_parameters("disclosure").parameters
    )


@pytest.mark.parametrize("ruleset", RULESETS)
def test_definitions_walk_every_criterion_and_name_only_known_parameters(ruleset: str) -> None:
    definition = _definition(ruleset)
    data = load_parameters(ruleset)
    assert set(definition.parameters()) <= set(data.parameters)
    assert len(definition.parameters()) == len(set(definition.parameters()))
    ids = [c.id for c in definition.criteria]
    assert len(ids) == len(set(ids))
    for criterion in definition.walk():
        assert criterion.id in data.criteria, criterion.id  # every finding is cited
    with pytest.raises(KeyError):
        definition.criterion("no.such.criterion")


def _facts_read(criterion: Any) -> set[str]:
    """The fact paths a criterion reads: its references, what their measures declare they read,
    and its parts' (an any-of, a case of a by-category …)."""
    from nmgpolicy.definition import Fact, Measure

    found: set[str] = set()

    def add(ref: object, depth: int = 0) -> None:
        if isinstance(ref, Fact):
            found.add(ref.path)
        elif isinstance(ref, Measure) and depth < 10:
            for inner in ref.reads:
                add(inner, depth + 1)

    for ref in criterion.references():
        add(ref)
    for part in getattr(criterion, "parts", ()):
        found |= _facts_read(part)
    return found


@pytest.mark.parametrize(
    ("ruleset", "criterion", "fact"),
    [
        ("cluster", "cluster.anchor_enterprises", "enterprises"),
        ("first_set", "first_set.new_material_catalog", "product.sei_code"),
        ("disclosure", "disclosure.on_time", "item"),
    ],
)
def test_the_facts_that_decide_a_finding_are_among_its_references(
    ruleset: str, criterion: str, fact: str
) -> None:
    assert fact in _facts_read(_definition(ruleset).criterion(criterion))


def test_facts_of_plain_kinds_are_among_their_references() -> None:
    assert "area" in _facts_read(_definition("cluster").criterion("cluster.area"))
    assert {"years", "applied_on"} <= _facts_read(
        _definition("cluster").criterion("cluster.output")
    )
    assert {"published_on", "formed_on"} <= _facts_read(
        _definition("disclosure").criterion("disclosure.on_time")
    )
    age = _definition("first_set").criterion("first_set.completion_age")
    assert {"completed_on", "applied_on"} <= _facts_read(age)


def _definition_findings(ruleset: str, facts: dict[str, Any], on: dt.date) -> list[str]:
    """The finding ids the rule set's Definition alone decides for ``facts``."""
    from nmgpolicy.engine import Context

    rules = get_ruleset(ruleset)
    data = load_parameters(ruleset)
    model = rules.parse_facts(facts)  # type: ignore[attr-defined]
    context = Context(on=on, params=data.resolve(on), data=data)
    findings, _ = _definition(ruleset).decide(model, context)
    return [f.id for f in findings]


def test_the_first_set_definition_alone_decides_what_evaluate_decides() -> None:
    on = dt.date(2025, 6, 1)
    evaluated = nmgpolicy.evaluate("first_set", dict(FIRST_SET_FACTS), on=on)
    assert _definition_findings("first_set", dict(FIRST_SET_FACTS), on) == [
        f.id for f in evaluated.findings
    ]


@pytest.mark.parametrize(
    ("ruleset", "facts"),
    [
        ("cluster", None),
        ("disclosure", {"item": "first-set-results", "formed_on": "2024-03-01"}),
        ("first_set", {**FIRST_SET_FACTS, "documents": ["application_report"]}),
    ],
)
def test_a_definition_alone_decides_what_evaluate_decides(
    ruleset: str, facts: dict[str, Any] | None
) -> None:
    facts = base_cluster() if facts is None else facts
    evaluated = nmgpolicy.evaluate(ruleset, copy.deepcopy(facts), on=ON)
    assert _definition_findings(ruleset, copy.deepcopy(facts), ON) == [
        f.id for f in evaluated.findings
    ]


def test_a_definition_refuses_a_criterion_given_twice() -> None:
    definition = _definition("cluster")
    first = definition.criteria[0]
    with pytest.raises(ValueError, match="twice"):
        Definition("cluster", definition.facts, (first, first))


def test_every_finding_of_a_decision_comes_from_the_definition_in_order() -> None:
    decision = cluster_decision()
    assert [f.id for f in decision.findings] == [c.id for c in _definition("cluster").criteria]


# ---------------------------------------------------------------------------------------------
# Stability: public names, signatures and module of record
# ---------------------------------------------------------------------------------------------


def test_public_helpers_keep_their_names_and_answers() -> None:
    from nmgpolicy import disclosure as top_disclosure
    from nmgpolicy import first_set as top_first_set
    from nmgpolicy.rules import cluster, disclosure, first_set

    assert cluster.valid_until("2024-02-29") == dt.date(2027, 2, 28)  # 第十一条, 民法典 第202条
    assert cluster.valid_until("2024-02-29", renewed=True) == dt.date(2030, 2, 28)
    assert cluster.annual_report_due(2026) == dt.date(2026, 3, 10)  # 第十二条
    assert cluster.annual_report_due(
        2026, parameters={"annual_report_due_inclusive": False}
    ) == dt.date(2026, 3, 9)
    # 第十四条: 1个月内; 2024-09-01 + 1个月 = 10-01 (国庆), rolled to 10-08 (民法典 第203条)
    assert cluster.change_filing_due("2024-09-01") == dt.date(2024, 10, 8)
    assert cluster.change_filing_due("2024-01-31") == dt.date(2024, 2, 29)
    assert tuple(CLUSTER_ATTESTATION_KEYS) == cluster.ATTESTATIONS
    grounds = cluster.revocation_grounds({"review_failed": True})
    assert [g.id for g in grounds] == ["review_failed"]
    for name in ("RevocationGround", "RevocationRecord", "AnnualReport", "MajorChange"):
        assert getattr(cluster, name).__module__ == "nmgpolicy.rules.cluster"
    # disclosure: the catalog, an item, a deadline crossing the National Day holiday
    assert len(disclosure.catalog()) == 14
    assert top_disclosure.item("first-set-results").id == "first-set-results"
    due = top_disclosure.deadline("first-set-results", "2024-09-20")
    assert due == dt.date(2024, 10, 23) and due.basis.source == "ceiling"
    assert pickle.loads(pickle.dumps(due)) == due
    # first_set helpers (第十条 5 working days; 第十四条 2 years)
    assert top_first_set.public_notice("2024-09-27") == (dt.date(2024, 9, 27), dt.date(2024, 10, 9))
    assert first_set.validity_window("2024-02-29").end == dt.date(2026, 2, 28)
    assert first_set.validity_window("2024-03-01").end == dt.date(2026, 3, 1)
    assert first_set.validity_window(
        "2024-03-01", parameters={"validity_end": "day_before"}
    ).end == dt.date(2026, 2, 28)
    assert first_set.results_disclosure_due("2024-09-20") == dt.date(2024, 10, 23)
    assert [d.item for d in first_set.checklist()][:2] == ["（一）", "（二）"]
    assert first_set.CATEGORIES == (
        "complete_set",
        "single_equipment",
        "key_component",
        "new_material",
    )


def test_first_set_public_types_pickle_under_the_public_module() -> None:
    from nmgpolicy.rules import first_set

    for name in ("DocumentItem", "NoticeWindow", "ValidityWindow"):
        assert getattr(first_set, name).__module__ == "nmgpolicy.rules.first_set", name
    assert b"_first_set_public" not in pickle.dumps(first_set.public_notice("2024-09-27"))


def test_result_keys_are_those_of_the_frozen_corpus() -> None:
    for ruleset in RULESETS:
        stored = {frozenset(r["output"]["results"]) for r in full_records(ruleset)}
        for record in sample(ruleset, every=10):
            keys = frozenset(replay(ruleset, record).results)
            assert keys in stored, (ruleset, record["id"], sorted(keys))


# ---------------------------------------------------------------------------------------------
# Style: small functions, no legal number in code
# ---------------------------------------------------------------------------------------------

SOURCES = [
    ROOT / "src" / "nmgpolicy" / name
    for name in (
        "definition.py",
        "criteria.py",
        "criteria_years.py",
        "criteria_dates.py",
        "criteria_deadlines.py",
        "rules/cluster.py",
        "rules/_cluster_checks.py",
        "rules/_cluster_lifecycle.py",
        "rules/_cluster_results.py",
        "rules/first_set.py",
        "rules/_first_set_input.py",
        "rules/_first_set_kinds.py",
        "rules/_first_set_public.py",
        "rules/disclosure.py",
        "rules/_disclosure_limits.py",
        "rules/_disclosure_types.py",
        "rules/_disclosure_words.py",
    )
]


def _functions(path: Path) -> Iterator[tuple[str, int]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            assert node.end_lineno is not None
            yield node.name, node.end_lineno - node.lineno + 1


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_function_or_class_of_the_rule_modules_is_over_100_lines(path: Path) -> None:
    long = [(name, n) for name, n in _functions(path) if n > 100]
    assert long == []


# The legal numbers of the three regulations (第五条 of the cluster measures, 第五条 and 第十四条
# of the first-set measures, 第二十六条 and the catalog): none may be written in the code.
LEGAL_NUMBERS = {15, 60, 5, 8, 6, 80, 20, 100, 10000, 1.25, 1.1}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_legal_number_is_a_literal_in_code(path: Path) -> None:
    found = [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and node.value in LEGAL_NUMBERS
    ]
    # criteria.py keeps 100 to show a share as a percentage (x 100), criteria_years.py 6 as the
    # places ratios are shown with (DISPLAY_PLACES): display, not thresholds
    allowed = {("criteria.py", 100), ("criteria_years.py", 6)}
    assert [f for f in found if (path.name, f[1]) not in allowed] == []
