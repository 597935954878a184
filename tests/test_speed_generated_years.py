"""The yearly kinds written out in the generated decide give what asking them gives.

:class:`~nmgpolicy.criteria_years.OnYears` (each year, shares, densities, growth, keeps
falling) and :class:`~nmgpolicy.criteria_years.AnyOf` write themselves into the decide function
generated for a definition (:meth:`~nmgpolicy.definition.Criterion.write`): the frame read, the
gate, the kind's ``judge`` (or each part's judge, chosen at generation) and the lazy finding.
Each test holds that code to the criteria asked one by one — on cluster applications with
gaps, zero bases, both readings of "近三年" and both growth methods, and on kinds a user
derives that decide, gate or judge otherwise.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy import definition as definition_module
from nmgpolicy.criteria_years import AnyOf, EachYear, GrowthRate, Judged, OnYears, YearFrame
from nmgpolicy.definition import Definition, Row, Source, _one_by_one
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Finding, Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import cluster
from tests.test_speed_generated import _one_criterion_at_a_time

ON = dt.date(2025, 6, 1)


def _years(pattern: str, base: int) -> list[dict[str, Any]]:
    """Years 2021–2024 as ``pattern`` says, one letter a year: ``g`` growing figures, ``f``
    falling ones, ``z`` zero figures, ``-`` the year left out, ``b`` the year with no figures."""
    out = []
    for k, letter in enumerate(pattern):
        year = 2021 + k
        if letter == "-":
            continue
        if letter == "b":
            out.append({"year": year})
            continue
        grow = {"g": 1 + k, "f": 5 - k, "z": 0}[letter]
        out.append(
            {
                "year": year,
                "output": f"{base * grow}亿元",
                "sme_output": f"{base * grow * (5 if base < 10 else 7) // 10}亿元",
                "leading_output": f"{base * grow * 6 // 10}亿元",
                "sme_rd_expense": f"{grow * 3}亿元",
                "invention_patents": grow * 40,
                "carbon_intensity": f"{Decimal(6 - k) / 10}吨/万元",
            }
        )
    return out


def _applications() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    overrides = (
        {},
        {"recent_years_anchor": "latest_given"},
        {"growth_method": "mean"},
        {"recent_years_anchor": "latest_given", "growth_method": "mean"},
    )
    patterns = ("gggg", "ffff", "zggg", "gzgg", "g-gg", "-ggg", "ggg-", "gbgg", "----", "fggf")
    for pattern, base, override in itertools.product(patterns, (5, 20), overrides):
        facts: dict[str, Any] = {
            "name": "包头市某集群",
            "applied_on": "2025-05-20",
            "area": "30平方公里",
            "years": _years(pattern, base),
            "employees": "8000人",
            "rd_staff": "900人",
            "enterprises": [
                {"name": f"企业{k}", "designations": ["high_tech"]} for k in range(base // 2)
            ],
        }
        yield facts, override


def _shown(decision: nmgpolicy.Decision) -> tuple[str, str, str]:
    return (
        json.dumps(decision.to_dict(), sort_keys=True, ensure_ascii=False),
        decision.explain("zh"),
        decision.explain("en"),
    )


def test_cluster_applications_decide_alike_both_ways() -> None:
    cases = list(_applications())
    generated = [_shown(nmgpolicy.evaluate("cluster", f, on=ON, parameters=p)) for f, p in cases]
    with _one_criterion_at_a_time():
        asked = [_shown(nmgpolicy.evaluate("cluster", f, on=ON, parameters=p)) for f, p in cases]
    assert generated == asked
    statuses = {json.loads(g[0])["status"] for g in generated}
    assert len(statuses) >= 2  # the cases reach more than one outcome
    findings = [json.loads(g[0])["findings"] for g in generated]
    reached = {(f["id"], f["status"]) for fs in findings for f in fs}
    for finding_id in ("cluster.output", "cluster.innovation_growth", "cluster.sme_share"):
        assert {s for i, s in reached if i == finding_id} >= {"met", "not_met", "unknown"}


def test_the_cluster_definition_writes_out_every_yearly_kind() -> None:
    source = Source(load_parameters("cluster"))
    for criterion in cluster.DEFINITION.criteria:
        criterion.write(source, 1)
    called = [
        value.__self__
        for name, value in source.names.items()
        if name.startswith(("_decide", "_each")) and hasattr(value, "__self__")
    ]
    assert not [c for c in called if isinstance(c, OnYears | AnyOf)]
    judges = [v for n, v in source.names.items() if n.startswith("_judge")]
    yearly = [c for c in cluster.DEFINITION.criteria if isinstance(c, OnYears)]
    framed = [
        part
        for c in cluster.DEFINITION.criteria
        if isinstance(c, AnyOf) and c.frame is not None
        for part in c.parts
    ]
    assert framed  # the innovation alternatives of 第五条（四）: judged on the one frame
    # each judged by its own judge on the frame read once, not gated again
    assert {j.__self__ for j in judges if hasattr(j, "__self__")} >= set(yearly + framed)
    assert not [n for n in source.names if n.startswith("_gated")]


# ---- kinds a user derives ----------------------------------------------------------------------


@attrs.frozen
class _Facts:
    years: tuple[Any, ...] | None = None
    applied_on: dt.date | None = None


@attrs.frozen
class _Year:
    year: int
    output: Decimal | None = None
    sme_rd_expense: Decimal | None = None
    invention_patents: int | None = None


class _Decides(EachYear):
    """Decides otherwise: asked, never written out."""

    def decide(self, row: Row) -> Finding:
        return row.ctx.finding(self.id, Status.REVIEW, "自定", "own decide")


class _Gates(EachYear):
    """Gates otherwise: asked, never written out."""

    def gated(self, row: Row) -> Judged:
        return Status.REVIEW, lambda: (Message("自定门槛", "own gate"), None, None, None)


class _Judges(EachYear):
    """Judges otherwise: written out, its own judge called."""

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        status, render = super().judge(row, frame)
        flipped = Status.NOT_MET if status is Status.MET else status
        return flipped, render


class _AnyDecides(AnyOf):
    def decide(self, row: Row) -> Finding:
        return row.ctx.finding(self.id, Status.UNKNOWN, "自定", "own decide")


class _AnyJudged(AnyOf):
    def judged(self, row: Row) -> Judged:
        return Status.REVIEW, lambda: (Message("自定", "own"), None, None, None)


def _each(kind: type[EachYear], criterion_id: str = "cluster.output") -> EachYear:
    return kind(
        criterion_id,
        cluster.frame,
        "output",
        definition_module.Param("min_annual_output"),
        Message("产值", "output"),
    )


def _growth(field: str) -> GrowthRate:
    param = "min_rd_expense_growth" if field == "sme_rd_expense" else "min_patent_growth"
    return GrowthRate(
        "cluster.innovation_growth",
        cluster.frame,
        field,
        definition_module.Param(param),
        definition_module.Param("growth_method"),
        what=Message(field, field),
    )


_OWN = (
    _each(EachYear),
    _each(_Decides, "own.decides"),
    _each(_Gates, "own.gates"),
    _each(_Judges, "own.judges"),
    AnyOf(
        "cluster.innovation_growth",
        parts=(_growth("sme_rd_expense"), _growth("invention_patents")),
        keys=("sme_rd_expense", "invention_patents"),
        frame=cluster.frame,
    ),
    AnyOf(  # no frame: each part gated on its own
        "own.unframed",
        parts=(_growth("sme_rd_expense"), _each(EachYear)),
        keys=("sme_rd_expense", "output"),
    ),
    AnyOf(  # an any-of within an any-of
        "own.nested",
        parts=(
            AnyOf(
                "cluster.innovation_growth",
                parts=(_growth("invention_patents"),),
                keys=("invention_patents",),
                frame=cluster.frame,
            ),
            _each(_Judges),
        ),
        keys=("inner", "output"),
    ),
    _AnyDecides(
        "own.any_decides",
        parts=(_growth("sme_rd_expense"),),
        keys=("sme_rd_expense",),
        frame=cluster.frame,
    ),
    _AnyJudged(
        "own.any_judged",
        parts=(_growth("sme_rd_expense"),),
        keys=("sme_rd_expense",),
        frame=cluster.frame,
    ),
)


def _own_facts() -> Iterator[_Facts]:
    amounts = (None, Decimal(0), Decimal("1.5e9"), Decimal("2e9"))
    for first, last, missing in itertools.product(amounts, amounts, (False, True)):
        years = [
            _Year(2021, first, first, None if first is None else int(first) // 10**7),
            _Year(2022, Decimal("1.6e9"), Decimal("1.6e9"), 160),
            _Year(2024, last, last, None if last is None else int(last) // 10**7),
        ]
        if not missing:
            years.insert(2, _Year(2023, Decimal("1.8e9"), Decimal("1.8e9"), 180))
        yield _Facts(tuple(years), dt.date(2025, 5, 20))
    yield _Facts(None, None)
    yield _Facts((), dt.date(2025, 5, 20))


def _rendered(findings: list[Finding]) -> list[str]:
    return [json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False) for f in findings]


@pytest.mark.parametrize("anchor", ["application_year", "latest_given"])
@pytest.mark.parametrize("method", ["cagr", "mean"])
def test_kinds_a_user_derives_decide_alike_both_ways(anchor: str, method: str) -> None:
    definition: Definition[_Facts] = Definition("cluster", _Facts, _OWN)
    data = load_parameters("cluster")
    params = data.resolve(ON, {"recent_years_anchor": anchor, "growth_method": method})
    seen: set[tuple[str, Status]] = set()
    for facts in _own_facts():
        fast, _ = definition.decide(facts, Context(ON, params, data, []))
        slow = _one_by_one(definition, Row(facts, Context(ON, params, data, [])))
        assert _rendered(fast) == _rendered(slow)
        seen.update((f.id, f.status) for f in fast)
    assert definition_module._COMPILED[id(definition)][2] is not None  # generated, and used
    statuses = {status for _, status in seen}
    assert {Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.REVIEW} <= statuses


def test_the_derived_kinds_are_written_out_or_asked_as_they_decide() -> None:
    source = Source(load_parameters("cluster"))
    for criterion in _OWN:
        criterion.write(source, 1)
    asked = {
        value.__self__
        for name, value in source.names.items()
        if name.startswith("_decide") and hasattr(value, "__self__")
    }
    assert asked == {_OWN[1], _OWN[2], _OWN[7], _OWN[8]}
    judges = {v.__func__ for n, v in source.names.items() if n.startswith("_judge")}
    assert _Judges.judge in judges  # a kind's own judge, written out


def test_a_frame_read_by_many_kinds_is_computed_once_per_evaluation() -> None:
    calls: list[int] = []
    original = cluster.frame.function

    def counted(row: Row) -> YearFrame:
        calls.append(1)
        frame: YearFrame = original(row)
        return frame

    frame = attrs.evolve(cluster.frame, function=counted)
    criteria = tuple(attrs.evolve(c, frame=frame) for c in _OWN[:1] + _OWN[3:5])
    definition: Definition[_Facts] = Definition("cluster", _Facts, criteria)
    data = load_parameters("cluster")
    facts = next(_own_facts())
    definition.decide(facts, Context(ON, data.resolve(ON), data, []))
    assert len(calls) == 1


def test_a_framed_any_of_inside_an_applies_is_written_at_its_depth() -> None:
    """An "applies only to" condition around a framed any-of: the any-of's lines sit one level
    deeper (inside the condition's ``else``), its finding after its own ``if``/``else`` — both
    ways alike, and the function generated."""
    from nmgpolicy.criteria import Applies
    from nmgpolicy.definition import Fact

    @attrs.frozen
    class _Gated(_Facts):
        applies: bool | None = None

    inner = _OWN[4]
    assert isinstance(inner, AnyOf) and inner.frame is not None
    around = Applies(
        "own.applies",
        when=Fact("applies"),
        then=attrs.evolve(inner, id="own.applies"),
        missing=Message("缺", "missing"),
        reason=Message("不适用", "not applicable"),
    )
    definition: Definition[_Gated] = Definition("cluster", _Gated, (around, _OWN[0]))
    data = load_parameters("cluster")
    params = data.resolve(ON)
    statuses = set()
    for facts, applies in itertools.product(list(_own_facts())[:6], (None, False, True)):
        gated = _Gated(facts.years, facts.applied_on, applies)
        fast, _ = definition.decide(gated, Context(ON, params, data, []))
        slow = _one_by_one(definition, Row(gated, Context(ON, params, data, [])))
        assert _rendered(fast) == _rendered(slow)
        statuses.add(fast[0].status)
    assert definition_module._COMPILED[id(definition)][2] is not None
    assert {Status.UNKNOWN, Status.NOT_APPLICABLE} < statuses and len(statuses) >= 3
