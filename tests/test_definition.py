"""The definition layer: lazy findings and results, rows and references, the base kinds."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
import threading
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy.criteria import (
    Applies,
    Attestation,
    Compare,
    Custom,
    Flag,
    Threshold,
    factor_at_least,
    share_at_least,
)
from nmgpolicy.definition import Definition, Fact, Measure, Param, Row, measure
from nmgpolicy.engine import Context
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Decision, DecisionStatus, Finding, Later, Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.units import Kind

ON = dt.date(2026, 6, 1)


def _context() -> Context:
    data = load_parameters("cluster")
    return Context(on=ON, params=data.resolve(ON, None), data=data)


@attrs.frozen
class _Inner:
    flag: bool | None = None


@attrs.frozen
class _Facts:
    area: Decimal | None = None
    inner: _Inner | None = None
    high: bool | None = None
    count: int | None = None


# ---- lazy findings ----------------------------------------------------------------------------


def _counting_render(calls: list[int]) -> Any:
    def render() -> tuple[Message, Any, Any, Any]:
        calls.append(1)
        return Message("中", "en"), {"a": [1]}, Decimal("2"), None

    return render


def test_a_lazy_finding_renders_once_on_first_read() -> None:
    calls: list[int] = []
    finding = Finding("x", Status.MET, None, render=_counting_render(calls))
    assert calls == []
    assert finding.status is Status.MET
    assert calls == []
    assert finding.message == Message("中", "en")
    assert finding.measured == {"a": [1]} and finding.required == Decimal("2")
    assert calls == [1]
    with pytest.raises(TypeError):
        finding.measured["a"] = 2  # frozen when rendered


def test_a_lazy_finding_renders_once_across_threads() -> None:
    calls: list[int] = []
    finding = Finding("x", Status.MET, None, render=_counting_render(calls))
    barrier = threading.Barrier(8)
    seen: list[Message] = []

    def read() -> None:
        barrier.wait()
        seen.append(finding.message)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and len(seen) == 8


def test_a_lazy_finding_equals_pickles_and_hashes_as_an_eager_one() -> None:
    lazy = Finding("x", Status.MET, None, render=_counting_render([]))
    eager = Finding("x", Status.MET, Message("中", "en"), None, {"a": [1]}, Decimal("2"), None)
    assert lazy == eager and hash(lazy) == hash(eager)
    assert pickle.loads(pickle.dumps(lazy)) == eager
    assert "Finding(id='x'" in repr(lazy)
    assert lazy != Finding("x", Status.NOT_MET, Message("中", "en"))
    assert lazy.__eq__(object()) is NotImplemented


def test_evolve_keeps_laziness_and_explicit_values() -> None:
    calls: list[int] = []
    lazy = Finding("x", Status.MET, None, render=_counting_render(calls))
    changed = attrs.evolve(lazy, measured=Decimal("5"), binding=False)
    assert calls == []
    assert changed.measured == Decimal("5") and changed.required == Decimal("2")
    assert changed.binding is False
    retitled = attrs.evolve(lazy, message=Message("新", "new"))
    assert retitled.message == Message("新", "new") and retitled.required == Decimal("2")


def test_a_finding_needs_a_message_or_a_renderer() -> None:
    with pytest.raises(InputError):
        Finding("x", Status.MET, None)
    assert Finding("x", Status.MET, Message("a", "b")).measured is None


def test_rendering_ignores_the_callers_decimal_context() -> None:
    ctx = _context()
    finding = Threshold("cluster.area", Fact("area"), Param("max_area"), kind_of_value=Kind.AREA)
    made = finding.decide(Row(_Facts(area=Decimal("123.456789")), ctx))
    with decimal.localcontext() as caller:
        caller.prec = 2
        caller.traps[decimal.Inexact] = True
        text = made.message.zh
    assert "123.456789" in text


# ---- lazy results ------------------------------------------------------------------------------


def test_later_results_are_computed_once_when_read() -> None:
    calls: list[int] = []

    def rate() -> list[int]:
        calls.append(1)
        return [1, 2]

    decision = Decision(
        "cluster", ON, DecisionStatus.ELIGIBLE, (), results={"rate": Later(rate), "n": 1}
    )
    assert calls == []
    assert decision.results == {"rate": [1, 2], "n": 1}
    assert decision.results["rate"] == [1, 2] and calls == [1]
    with pytest.raises(TypeError):
        decision.results["n"] = 2  # type: ignore[index]
    copy = pickle.loads(pickle.dumps(decision))
    assert copy == decision and hash(copy) == hash(decision)
    assert decision.to_dict()["results"] == {"rate": [1, 2], "n": 1}


# ---- rows and references -----------------------------------------------------------------------


def test_a_row_reads_facts_parameters_and_memoised_measures() -> None:
    calls: list[int] = []

    @measure
    def doubled(row: Row) -> Decimal:
        """Twice the area."""
        calls.append(1)
        return Decimal(2) * row(Fact("area"))

    row = Row(_Facts(area=Decimal(3), inner=None), _context())
    assert row(Fact("inner.flag")) is None  # an absent step reads as None
    assert row(Fact("area")) == 3
    assert row(Param("max_area")) == row.param("max_area") == Decimal(100)
    assert row(doubled) == row(doubled) == 6 and calls == [1]
    assert doubled.name == "doubled" and doubled.doc == "Twice the area."


def test_a_definition_decides_in_order_and_lists_its_parameters() -> None:
    applies = Applies(
        "cluster.energy_efficiency",
        Fact("high"),
        Flag("cluster.energy_efficiency", Fact("inner.flag")),
        Message("未说明", "not said"),
        Message("不属于", "not in"),
    )
    definition = Definition(
        "cluster",
        _Facts,
        (
            Threshold(
                "cluster.area",
                Fact("area"),
                Param("max_area"),
                compare=Compare.AT_MOST,
                kind_of_value=Kind.AREA,
                soft=True,
            ),
            Attestation("cluster.operator", Fact("inner.flag")),
            applies,
            Threshold(
                "cluster.innovation_platforms",
                Fact("count"),
                Param("min_innovation_platforms"),
            ),
        ),
        finish=lambda row, findings: row.results.update(n=len(findings)),
    )
    assert definition.parameters() == ("max_area", "min_innovation_platforms")
    assert [c.id for c in definition.walk()][2:4] == ["cluster.energy_efficiency"] * 2
    assert definition.criterion("cluster.operator").kind == "attestation"
    with pytest.raises(KeyError):
        definition.criterion("cluster.nothing")
    findings, results = definition.decide(
        _Facts(area=Decimal("100.01"), inner=_Inner(True), high=False, count=3), _context()
    )
    assert [f.status for f in findings] == [
        Status.REVIEW,
        Status.MET,
        Status.NOT_APPLICABLE,
        Status.MET,
    ]
    assert results == {"n": 4}
    assert "相差0.01平方公里，需审查" in findings[0].message.zh
    findings, _ = definition.decide(_Facts(high=True, inner=_Inner(False)), _context())
    assert [f.status for f in findings] == [
        Status.UNKNOWN,
        Status.NOT_MET,
        Status.NOT_MET,
        Status.UNKNOWN,
    ]
    findings, _ = definition.decide(_Facts(), _context())
    assert findings[1].status is Status.REVIEW and findings[2].status is Status.UNKNOWN
    assert findings[2].message.zh == "缺少事实：未说明。"


def test_a_definition_refuses_a_criterion_twice() -> None:
    flag = Flag("cluster.operator", Fact("high"))
    with pytest.raises(ValueError, match="twice"):
        Definition("cluster", _Facts, (flag, flag))


def test_custom_criteria_and_flags_against_false() -> None:
    ctx = _context()
    custom = Custom(
        "cluster.operator",
        lambda row: row.ctx.finding("cluster.operator", Status.MET, "是", "yes"),
        reads=(Fact("high"),),
    )
    assert custom.references() == (Fact("high"),)
    assert custom.decide(Row(_Facts(), ctx)).message.en == "yes"
    incidents = Flag("cluster.no_major_incidents", Fact("high"), expected=False)
    assert incidents.decide(Row(_Facts(high=False), ctx)).status is Status.MET
    assert incidents.decide(Row(_Facts(high=True), ctx)).status is Status.NOT_MET
    assert incidents.references() == (Fact("high"),)
    assert isinstance(Measure("m", lambda row: 1), Measure)


def test_a_threshold_refuses_a_boolean() -> None:
    crit = Threshold("cluster.area", Fact("high"), Param("max_area"))
    with pytest.raises(TypeError):
        crit.decide(Row(_Facts(high=True), _context()))


# ---- exact comparisons -------------------------------------------------------------------------

amounts = st.integers(min_value=0, max_value=10**15)
rates = st.decimals(min_value=Decimal("-0.99"), max_value=Decimal("5"), places=4)


@given(part=amounts, whole=st.integers(min_value=1, max_value=10**15), required=rates)
def test_share_at_least_is_the_exact_ratio(part: int, whole: int, required: Decimal) -> None:
    assert share_at_least(part, whole, required) == (Fraction(part, whole) >= Fraction(required))


@given(
    first=st.integers(min_value=1, max_value=10**12),
    last=amounts,
    rate=rates,
    steps=st.integers(min_value=1, max_value=5),
)
def test_factor_at_least_is_the_exact_compound_growth(
    first: int, last: int, rate: Decimal, steps: int
) -> None:
    exact = Fraction(last, first) >= (1 + Fraction(rate)) ** steps
    assert factor_at_least(first, last, rate, steps) == exact
    assert factor_at_least(Decimal(first), Decimal(last) / 10, rate, steps) == (
        Fraction(last, first * 10) >= (1 + Fraction(rate)) ** steps
    )


def test_shares_and_factors_at_the_boundary() -> None:
    assert share_at_least(60, 100, Decimal("0.6"))
    assert not share_at_least(59, 100, Decimal("0.6"))
    assert factor_at_least(100, 121, Decimal("0.1"), 2)
    assert not factor_at_least(100, 120, Decimal("0.1"), 2)


def test_a_renderer_may_read_another_lazy_finding() -> None:
    part = Finding("part", Status.MET, None, render=_counting_render([]))

    def render() -> tuple[Message, Any, Any, Any]:
        return Message(part.message.zh + "（其一）", part.message.en), None, None, None

    whole = Finding("whole", Status.MET, None, render=render)
    done: list[str] = []
    thread = threading.Thread(target=lambda: done.append(whole.message.zh))
    thread.start()
    thread.join(timeout=10)
    assert done == ["中（其一）"]


def test_parameters_include_what_measures_and_titles_read() -> None:
    @measure(reads=(Param("recent_years"), Fact("area")))
    def window(row: Row) -> int:
        """The window."""
        return int(row.param("recent_years"))

    assert window.reads == (Param("recent_years"), Fact("area"))
    definition = Definition(
        "cluster",
        _Facts,
        (Threshold("cluster.area", window, Param("max_area")),),
    )
    assert definition.parameters() == ("recent_years", "max_area")
    from nmgpolicy import get_ruleset

    specialized = get_ruleset("sme_specialized").definition
    assert specialized is not None
    assert {"growth_method", "equity_window_years"} <= set(specialized.parameters())
