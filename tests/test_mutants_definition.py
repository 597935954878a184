"""The definition layer's contract where mutation testing found it unpinned (docs/mutation.md):
kinds that decide one finding per item, lookups by id, and how references show and compare."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest

from nmgpolicy.criteria import Flag, Threshold
from nmgpolicy.definition import Criterion, Definition, Fact, Measure, Param, Row
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Finding, Message, Status
from nmgpolicy.params import load_parameters

ON = dt.date(2026, 6, 1)


def _context() -> Context:
    data = load_parameters("cluster")
    return Context(on=ON, params=data.resolve(ON, None), data=data)


@attrs.frozen
class _Facts:
    items: tuple[bool, ...] = ()
    high: bool | None = None


@attrs.frozen
class _PerItem(Criterion):
    """A kind that decides one finding per item of a list (``many``)."""

    many = True

    def decide(self, row: Row) -> Finding:
        raise AssertionError("a per-item kind is decided by decide_each")

    def decide_each(self, row: Row) -> Sequence[Finding]:
        return tuple(
            row.ctx.finding(f"{self.id}.{n}", Status.MET if ok else Status.NOT_MET, "项", "item")
            for n, ok in enumerate(row.facts.items)
        )


@attrs.frozen
class _OneFinding(Criterion):
    """A kind deciding one finding, whose ``decide_each`` (for per-item kinds) must not run."""

    def decide(self, row: Row) -> Finding:
        return row.ctx.finding(self.id, Status.MET, "是", "yes")

    def decide_each(self, row: Row) -> Sequence[Finding]:
        raise AssertionError("a kind deciding one finding is decided by decide")


def test_a_per_item_kind_gives_one_finding_per_item_in_order_among_the_others() -> None:
    definition = Definition(
        "cluster",
        _Facts,
        (Flag("cluster.operator", Fact("high")), _PerItem("cluster.unit"), _OneFinding("x")),
    )
    findings, _ = definition.decide(_Facts(items=(True, False, True), high=True), _context())
    assert [(f.id, f.status) for f in findings] == [
        ("cluster.operator", Status.MET),
        ("cluster.unit.0", Status.MET),
        ("cluster.unit.1", Status.NOT_MET),
        ("cluster.unit.2", Status.MET),
        ("x", Status.MET),
    ]
    findings, _ = definition.decide(_Facts(items=(), high=False), _context())
    assert [f.id for f in findings] == ["cluster.operator", "x"]


def test_kinds_deciding_one_finding_are_decided_by_decide() -> None:
    assert Flag.many is False and Threshold.many is False and _OneFinding.many is False
    definition = Definition("cluster", _Facts, (_OneFinding("a"), _OneFinding("b")))
    findings, results = definition.decide(_Facts(), _context())
    assert [f.id for f in findings] == ["a", "b"] and results == {}


def test_a_criterion_kind_must_say_how_it_decides() -> None:
    @attrs.frozen
    class Undecided(Criterion):
        pass

    with pytest.raises(TypeError):
        Undecided("x")  # type: ignore[abstract]


def test_a_criterion_is_found_by_an_equal_id_however_the_string_was_made() -> None:
    definition = Definition("cluster", _Facts, (_OneFinding("cluster.operator"),))
    built = "".join(["cluster.", "oper", "ator"])
    assert definition.criterion(built).id == "cluster.operator"


def test_a_definition_is_built_from_its_stated_fields_only() -> None:
    with pytest.raises(TypeError):
        Definition("cluster", _Facts, (), many=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Fact("a.b", ())  # type: ignore[call-arg]
    assert "many" not in repr(Definition("cluster", _Facts, ()))


def test_references_show_and_compare_by_what_they_name() -> None:
    assert repr(Fact("inner.flag")) == "Fact(path='inner.flag')"
    assert repr(Param("max_area")) == "Param(name='max_area')"
    first = Measure("counted", lambda row: Decimal(1), "the counted capacity")
    second = Measure("counted", lambda row: Decimal(2), "the counted capacity")
    assert first == second and hash(first) == hash(second)  # a measure is named, not a function
    assert repr(first) == "Measure(name='counted', doc='the counted capacity', reads=())"
    assert Fact("a.b") == Fact("a.b") and Fact("a.b") != Fact("a.c")


def _chain(depth: int, last: Param) -> Measure:
    """``depth`` measures, each reading the next, the last reading ``last``."""
    inner: Measure | Param = last
    for n in range(depth):
        inner = Measure(f"m{n}", lambda row: None, reads=(inner,))
    assert isinstance(inner, Measure)
    return inner


def test_parameters_follow_what_measures_read_nested_and_cyclic() -> None:
    from nmgpolicy.criteria import Custom

    deep = _chain(10, Param("max_area"))
    definition = Definition(
        "cluster",
        _Facts,
        (Custom("cluster.area", lambda row: None, reads=(deep,)),),  # type: ignore[arg-type,return-value]
    )
    assert definition.parameters() == ("max_area",)
    looping = Measure("loop", lambda row: None, reads=(Param("min_annual_output"),))
    object.__setattr__(looping, "reads", (looping, Param("min_annual_output")))
    definition = Definition(
        "cluster",
        _Facts,
        (Custom("cluster.output", lambda row: None, reads=(looping,)),),  # type: ignore[arg-type,return-value]
    )
    assert definition.parameters() == ("min_annual_output",)  # a cycle ends


def test_parameters_include_the_definitions_own_reads_subjects_and_titles() -> None:
    from nmgpolicy.criteria_scoring import Filled, placeholders

    data = load_parameters("sme_innovative")
    titled = next(cid for cid, info in data.criteria.items() if placeholders(info.title))
    shown = placeholders(data.criteria[titled].title)
    subject = Filled(Message("近{recent_years}年", "the {recent_years} years"))
    definition = Definition(
        "sme_innovative",
        _Facts,
        (
            Flag(titled, Fact("high"), subject=subject),
            Flag("sme_innovative.untitled_test", Fact("high")),
        ),
        reads=(Param("valid_from"),),
    )
    assert definition.parameters() == ("valid_from", "recent_years", *shown)


def test_measures_say_what_they_read_by_keyword() -> None:
    from nmgpolicy.definition import measure

    @measure(reads=(Param("max_area"),))
    def area(row: Row) -> Decimal:
        """The area."""
        return Decimal(1)

    assert (area.name, area.doc, area.reads) == ("area", "The area.", (Param("max_area"),))
    with pytest.raises(TypeError):
        measure(lambda row: 1, (Param("max_area"),))  # type: ignore[call-overload]
