"""The registry, evaluate() and the shared evaluation steps of BaseRuleSet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy.engine import BaseRuleSet, Context, check_on, register
from nmgpolicy.errors import InputError, NotInForce, UnknownRuleSet
from nmgpolicy.outcome import Finding, Status
from nmgpolicy.params import ParameterSet, parameter_set_from_mapping

DATA_PARAMS = {"minimum": {"type": "int", "value": 3}}
DATA = parameter_set_from_mapping(
    {
        "ruleset": {
            "id": "toy",
            "in_force_from": "2024-01-01",
            "in_force_to": "2025-12-31",
            "successor": "《新办法》",
        },
        "parameters": {"minimum": {"type": "int", "value": 3}},
        "criteria": {
            "toy.count": {
                "title": {"zh": "数量", "en": "count"},
                "citation": {"document": "《办法》"},
            },
            "toy.info": {"title": "说明", "binding": False},
        },
    },
    "toy.toml",
)


@attrs.frozen
class ToyFacts:
    count: int | None = None


class Toy(BaseRuleSet[ToyFacts]):
    id = "toy"
    facts_type = ToyFacts

    @property
    def data(self) -> ParameterSet:
        return DATA

    def decide(self, facts: ToyFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        minimum = ctx.params["minimum"]
        if facts.count is None:
            status = Status.UNKNOWN
        else:
            status = Status.MET if facts.count >= minimum else Status.NOT_MET
        return [
            ctx.finding(
                "toy.count", status, "数量", "count", measured=facts.count, required=minimum
            ),
            ctx.finding("toy.unit.a", Status.NOT_MET, "单元", "unit", citation_of="toy.info"),
            ctx.finding("toy.extra", Status.MET, "无引用", "uncited"),
        ], {"minimum": minimum}


@pytest.fixture(scope="module")
def toy() -> Iterator[Toy]:
    registered: Toy = register(Toy())  # type: ignore[assignment]
    yield registered
    # Leave the registry as found: later tests (a fuzz run over every registered rule set)
    # must not meet a toy that has no data file.
    from nmgpolicy import engine

    engine._REGISTRY.pop("toy", None)


def test_registered_rulesets_include_builtins(toy: Toy) -> None:
    ids = nmgpolicy.rulesets()
    assert "disclosure" in ids
    assert "toy" in ids
    assert list(ids) == sorted(ids)


def test_evaluate_and_overrides(toy: Toy) -> None:
    d = nmgpolicy.evaluate("toy", {"count": 3}, on=dt.date(2025, 1, 1))
    assert d.status.value == "eligible"  # the informational not_met does not decide
    assert d.finding("toy.unit.a").binding is False
    assert d.finding("toy.extra").citation is None
    d = nmgpolicy.evaluate("toy", {"count": 3}, on=dt.date(2025, 1, 1), parameters={"minimum": 4})
    assert d.status.value == "ineligible"
    assert d.overrides == {"minimum": 4}
    assert d.to_dict()["overrides"] == {"minimum": 4}
    assert nmgpolicy.evaluate("toy", {}, on=dt.date(2025, 1, 1)).status.value == "undetermined"


def test_in_force_window_is_inclusive(toy: Toy) -> None:
    nmgpolicy.evaluate("toy", {}, on=dt.date(2024, 1, 1))
    nmgpolicy.evaluate("toy", {}, on=dt.date(2025, 12, 31))
    with pytest.raises(NotInForce) as info:
        nmgpolicy.evaluate("toy", {}, on=dt.date(2026, 1, 1))
    assert "《新办法》" in str(info.value)
    assert info.value.successor == "《新办法》"
    with pytest.raises(NotInForce):
        nmgpolicy.evaluate("toy", {}, on=dt.date(2023, 12, 31))


def test_unknown_ruleset() -> None:
    with pytest.raises(UnknownRuleSet) as info:
        nmgpolicy.evaluate("nope", {}, on=dt.date(2025, 1, 1))
    assert isinstance(info.value, LookupError)
    assert "disclosure" in str(info.value)
    with pytest.raises(UnknownRuleSet):
        nmgpolicy.get_ruleset(None)


@pytest.mark.parametrize("bad", [None, "2025-01-01", dt.datetime(2025, 1, 1), 20250101])
def test_on_must_be_a_date(bad: object) -> None:
    with pytest.raises(InputError) as info:
        check_on(bad)
    assert info.value.paths == ("$.on",)


def test_register_refuses_non_rulesets() -> None:
    with pytest.raises(InputError):
        register(object())  # type: ignore[arg-type]


def test_ruleset_protocol_and_criteria(toy: Toy) -> None:
    assert isinstance(toy, nmgpolicy.RuleSet)
    assert [c.id for c in toy.criteria()] == ["toy.count", "toy.info"]
    assert toy.title.zh == "toy"


def test_context_helpers() -> None:
    from nmgpolicy.params import Resolved

    ctx = Context(on=dt.date(2025, 1, 1), params=Resolved({}, {}), data=DATA)
    ctx.note("注", "note")
    assert ctx.notes[0].en == "note"
    assert ctx.citation("toy.count") is not None
    assert ctx.citation("toy.none") is None


def test_parameter_and_fact_problems_are_reported_together(toy: Toy) -> None:
    with pytest.raises(InputError) as info:
        nmgpolicy.evaluate(
            "toy", {"count": "x", "zz": 1}, on=dt.date(2025, 1, 1), parameters={"nope": 1}
        )
    assert set(info.value.paths) == {"$.parameters.nope", "$.count", "$.zz"}


def test_unknown_window_is_noted() -> None:
    class Open(Toy):
        @property
        def data(self) -> ParameterSet:
            return parameter_set_from_mapping(
                {"ruleset": {"id": "open", "document": "《某办法》"}, "parameters": DATA_PARAMS},
                "open.toml",
            )

    d = Open().evaluate({"count": 5}, on=dt.date(2030, 1, 1))
    assert len(d.notes) == 1
    assert "《某办法》" in d.notes[0].zh
    assert "not known" in d.notes[0].en


def test_the_decision_records_a_parameter_changed_by_another_route() -> None:
    """Not only the caller's overrides: any value that differs from the data file's."""

    class Rerouted(Toy):
        def decide(self, facts: ToyFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
            with pytest.raises(TypeError):
                ctx.params.values["minimum"] = 1  # type: ignore[index]
            ctx.params = attrs.evolve(ctx.params, values={**ctx.params.values, "minimum": 1})
            return super().decide(facts, ctx)

    d = Rerouted().evaluate({"count": 1}, on=dt.date(2025, 1, 1))
    assert d.status.value == "eligible"
    assert d.overrides == {"minimum": 1}
    same = Toy().evaluate({"count": 3}, on=dt.date(2025, 1, 1), parameters={"minimum": 3})
    assert same.overrides == {"minimum": 3}  # named by the caller, though equal to the file's


def test_a_rule_set_is_read_only(toy: Toy) -> None:
    with pytest.raises(AttributeError, match="read-only"):
        toy.facts_type = dict  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del toy.facts_type  # type: ignore[misc]
    assert toy.facts_type is ToyFacts
