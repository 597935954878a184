"""Nothing a caller does to what the public API returns changes a later answer.

Issue 10: mutating what ``get_ruleset(id).data.parameters / .extra / .criteria`` returns changed
every later answer in the process (swapping the tier ratios made a short ferroalloy plan
eligible), and ``Decision.overrides`` did not show it. Everything returned is now immutable all
the way down (``FrozenDict``, ``FrozenList``, frozen attrs classes) or a fresh copy
(``to_dict``), and a Decision pickles to an equal object.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy.catalog import bundled_catalog, bundled_ids
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Decision, Finding, FrozenDict, FrozenList, Status, freeze, jsonable
from nmgpolicy.params import load_parameters
from tests.clock import Stopwatch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _cases() -> list[tuple[str, dict[str, Any], dt.date, str]]:
    cases = []
    for index in sorted(EXAMPLES.glob("*/index.json")):
        document = json.loads(index.read_text("utf-8"))
        for case in document["cases"]:
            ruleset = case.get("ruleset", document.get("ruleset"))
            if ruleset in nmgpolicy.rulesets():
                facts = json.loads((index.parent / case["file"]).read_text("utf-8"))
                cases.append((ruleset, facts, dt.date.fromisoformat(case["on"]), case["file"]))
    return cases


CASES = _cases()


def _answers() -> list[dict[str, Any]]:
    return [nmgpolicy.evaluate(r, f, on=on).to_dict() for r, f, on, _ in CASES]


# --------------------------------------------------------------------------------------------
# Walking what the API returns, and trying every way to change it
# --------------------------------------------------------------------------------------------


def _reachable(value: object) -> Iterator[object]:
    """Every mapping, sequence and attrs instance reachable from ``value`` (each once)."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, str | bytes):
            continue
        seen.add(id(item))
        if isinstance(item, Mapping):
            yield item
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            yield item
            stack.extend(item)
        elif attrs.has(type(item)):
            yield item
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)))


def _mutations(item: object) -> list[Callable[[], object]]:
    """Every way to change ``item`` in place that Python offers its type."""
    attempts: list[Callable[[], object]] = [lambda: setattr(item, "extra", 1)]
    if isinstance(item, Mapping):
        key = next(iter(item), "x")
        attempts += [
            lambda: item.__setitem__("x", 1),  # type: ignore[attr-defined]
            lambda: item.__delitem__(key),  # type: ignore[attr-defined]
            lambda: item.update({"x": 1}),  # type: ignore[attr-defined]
            lambda: item.pop(key),  # type: ignore[attr-defined]
            lambda: item.popitem(),  # type: ignore[attr-defined]
            lambda: item.clear(),  # type: ignore[attr-defined]
            lambda: item.setdefault("x", 1),  # type: ignore[attr-defined]
            lambda: item.__ior__({"x": 1}),  # type: ignore[attr-defined]
            lambda: item.__init__({"x": 1}) or item.__setitem__("x", 1),  # type: ignore[misc]
        ]
    elif isinstance(item, list | tuple):
        attempts += [
            lambda: item.__setitem__(0, 1),  # type: ignore[union-attr]
            lambda: item.__delitem__(0),  # type: ignore[union-attr]
            lambda: item.append(1),  # type: ignore[union-attr]
            lambda: item.extend([1]),  # type: ignore[union-attr]
            lambda: item.insert(0, 1),  # type: ignore[union-attr]
            lambda: item.pop(),  # type: ignore[union-attr]
            lambda: item.remove(item[0] if item else 1),  # type: ignore[union-attr]
            lambda: item.clear(),  # type: ignore[union-attr]
            lambda: item.reverse(),  # type: ignore[union-attr]
            lambda: item.__iadd__([1]),  # type: ignore[union-attr]
        ]
    elif isinstance(item, set | frozenset):
        attempts += [lambda: item.add(1), lambda: item.clear()]  # type: ignore[union-attr]
    elif attrs.has(type(item)):
        attempts += [
            (lambda name: lambda: setattr(item, name, None))(f.name)
            for f in attrs.fields(type(item))
        ]
    return attempts


def _assert_read_only(value: object) -> int:
    """Try every mutation of everything reachable from ``value``; each must raise."""
    count = 0
    for item in _reachable(value):
        before = repr(item)
        for attempt in _mutations(item):
            with pytest.raises((TypeError, AttributeError)):
                attempt()
            count += 1
        assert repr(item) == before
    return count


# --------------------------------------------------------------------------------------------
# The reproducer, and every rule set's data
# --------------------------------------------------------------------------------------------


def test_swapping_the_tier_ratios_is_refused_and_changes_nothing() -> None:
    facts = json.loads((EXAMPLES / "ferroalloy" / "short_plan.json").read_text("utf-8"))
    on = dt.date(2026, 3, 2)
    assert nmgpolicy.evaluate("ferroalloy", facts, on=on).status.value == "ineligible"
    data = nmgpolicy.get_ruleset("ferroalloy").data  # type: ignore[attr-defined]
    tiers = data.extra["tiers"]
    with pytest.raises(TypeError):
        tiers["group"][0]["ratio"] = "ratio_large"
    with pytest.raises(TypeError):
        tiers["group"] = tiers["single"][::-1]
    with pytest.raises(TypeError):
        data.parameters["ratio_small"] = data.parameters["ratio_large"]
    with pytest.raises(AttributeError):
        data.parameters["ratio_small"].values[0].value = Decimal(1)  # frozen attrs
    with pytest.raises(TypeError):
        data.criteria.pop("ferroalloy.ratio_tier")
    with pytest.raises(TypeError):
        data.labels["small"] = nmgpolicy.Message("大", "large")
    decision = nmgpolicy.evaluate("ferroalloy", facts, on=on)
    assert decision.status.value == "ineligible"
    assert decision.overrides == {}


@pytest.mark.parametrize("ruleset", nmgpolicy.rulesets())
def test_every_part_of_every_rule_sets_data_is_read_only(ruleset: str) -> None:
    before = _answers()
    data = nmgpolicy.get_ruleset(ruleset).data  # type: ignore[attr-defined]
    assert data is load_parameters(ruleset)
    count = _assert_read_only(data)
    assert count > 100
    for part in (data.parameters, data.extra, data.criteria, data.labels):
        assert isinstance(part, FrozenDict)
    assert _answers() == before


@pytest.mark.parametrize("data_file", ["inspection", "sme_policy"])
def test_the_data_of_the_helpers_is_read_only(data_file: str) -> None:
    assert _assert_read_only(load_parameters(data_file)) > 20


def test_a_rule_set_object_is_read_only() -> None:
    ruleset = nmgpolicy.get_ruleset("cluster")
    with pytest.raises(AttributeError):
        ruleset.facts_type = dict  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ruleset.decide = None  # type: ignore[method-assign]
    with pytest.raises(AttributeError):
        del ruleset.id  # type: ignore[misc]
    assert ruleset.id == "cluster"


def test_resolved_parameters_are_read_only() -> None:
    resolved = load_parameters("cluster").resolve(dt.date(2025, 6, 1), {"recent_years": 4})
    for part in (resolved.values, resolved.overrides, resolved.defaults):
        with pytest.raises(TypeError):
            part["recent_years"] = 99  # type: ignore[index]
    assert load_parameters("cluster").resolve(dt.date(2025, 6, 1))["recent_years"] == 3


def test_the_catalog_and_its_ids_are_read_only() -> None:
    ids = bundled_ids()
    with pytest.raises(TypeError):
        ids["x"] = "y"  # type: ignore[index]
    catalog = bundled_catalog()
    assert isinstance(catalog.items, tuple)
    assert isinstance(catalog.anomalies, tuple)
    _assert_read_only(catalog.items[:5])
    assert bundled_catalog().items == catalog.items


# --------------------------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("ruleset", "facts", "on", "name"), CASES, ids=[c[3] for c in CASES])
def test_every_part_of_a_decision_is_read_only(
    ruleset: str, facts: dict[str, Any], on: dt.date, name: str
) -> None:
    decision = nmgpolicy.evaluate(ruleset, facts, on=on)
    first = decision.to_dict()
    _assert_read_only(decision)
    assert decision.to_dict() == first
    # to_dict is a fresh copy of plain data: changing it changes nothing.
    first["results"].clear()
    first["findings"][0]["measured"] = "changed"
    second = decision.to_dict()
    assert second != first
    assert second == nmgpolicy.evaluate(ruleset, facts, on=on).to_dict()
    assert all(type(part) is dict for part in _plain_mappings(second))


def _plain_mappings(value: object) -> Iterator[object]:
    if isinstance(value, Mapping):
        yield value
        for item in value.values():
            yield from _plain_mappings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _plain_mappings(item)
    else:
        assert not isinstance(value, tuple), value


@pytest.mark.parametrize(("ruleset", "facts", "on", "name"), CASES, ids=[c[3] for c in CASES])
def test_a_decision_pickles_to_an_equal_decision(
    ruleset: str, facts: dict[str, Any], on: dt.date, name: str
) -> None:
    decision = nmgpolicy.evaluate(ruleset, facts, on=on)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(decision, protocol=protocol))
        assert copy == decision
        assert copy.to_dict() == decision.to_dict()
        assert hash(copy) == hash(decision)
        assert isinstance(copy.results, FrozenDict)
        with pytest.raises(TypeError):
            copy.results["x"] = 1  # type: ignore[index]


def test_changing_the_callers_own_data_afterwards_changes_nothing() -> None:
    facts = json.loads((EXAMPLES / "ferroalloy" / "short_plan.json").read_text("utf-8"))
    overrides: dict[str, object] = {"ratio_small": "1.2"}
    on = dt.date(2026, 3, 2)
    decision = nmgpolicy.evaluate("ferroalloy", facts, on=on, parameters=overrides)
    before = decision.to_dict()
    overrides["ratio_small"] = "9"
    overrides["ratio_large"] = "9"
    facts["retired"].clear()
    facts["new_capacity"] = []
    assert decision.to_dict() == before
    assert decision.overrides == {"ratio_small": Decimal("1.2")}


def test_a_finding_and_a_decision_freeze_what_they_are_given() -> None:
    measured: dict[str, Any] = {"years": [2022, 2023], "by": {"a": {1, 2}}}
    finding = Finding(
        "x", Status.MET, nmgpolicy.Message("甲", "a"), measured=measured, gap=[1, [2]]
    )
    measured["years"].append(2024)
    assert finding.measured == {"years": [2022, 2023], "by": {"a": {1, 2}}}
    assert isinstance(finding.measured["years"], FrozenList)
    assert isinstance(finding.measured["by"]["a"], frozenset)
    assert finding.gap == [1, [2]]
    assert finding.to_dict()["measured"] == {"years": [2022, 2023], "by": {"a": [1, 2]}}
    results: dict[str, Any] = {"list": [1, 2]}
    decision = Decision(
        ruleset="x",
        on=dt.date(2025, 1, 1),
        status=nmgpolicy.DecisionStatus.ELIGIBLE,
        findings=[finding],  # type: ignore[arg-type]
        results=results,
        notes=[nmgpolicy.Message("注", "note")],  # type: ignore[arg-type]
        overrides={"p": [1]},
    )
    results["list"].append(3)
    assert decision.results == {"list": [1, 2]}
    assert decision.findings == (finding,)
    assert isinstance(decision.notes, tuple)
    assert decision.overrides == {"p": [1]}
    assert attrs.evolve(decision, notes=()).results is decision.results


# --------------------------------------------------------------------------------------------
# freeze, as a property
# --------------------------------------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=5)
    | st.decimals(allow_nan=False, allow_infinity=False, places=3)
    | st.dates()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=4)
        | st.sets(st.integers() | st.text(max_size=3), max_size=3)
    ),
    max_leaves=30,
)


@given(VALUES)
def test_freeze_is_deep_equal_picklable_and_read_only(value: Any) -> None:
    frozen = freeze(value)
    assert frozen == value
    assert jsonable(frozen) == jsonable(value)
    assert json.loads(json.dumps(jsonable(frozen), default=str)) == json.loads(
        json.dumps(jsonable(value), default=str)
    )
    assert freeze(frozen) is frozen
    assert pickle.loads(pickle.dumps(frozen)) == frozen
    assert repr(frozen) == repr(value) or isinstance(value, tuple | set) or _has_tuple_or_set(value)
    _assert_read_only(frozen)
    for item in _reachable(frozen):
        assert not isinstance(item, list | dict) or type(item) is FrozenDict


def _has_tuple_or_set(value: object) -> bool:
    return any(isinstance(item, tuple | set) for item in _reachable(value))


def test_shared_references_are_frozen_once() -> None:
    shared: list[Any] = []
    for _ in range(40):  # 2**40 paths, 40 distinct lists
        shared = [shared, shared]
    started = Stopwatch()
    frozen = freeze({"a": shared, "b": shared})
    assert started.seconds < 1
    assert frozen["a"] is frozen["b"]
    assert frozen["a"][0] is frozen["a"][1]


def test_a_value_that_contains_itself_or_nests_too_deep_is_an_input_error() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(InputError):
        freeze(cycle)
    mapping: dict[str, Any] = {}
    mapping["self"] = mapping
    with pytest.raises(InputError):
        Finding("x", Status.MET, nmgpolicy.Message("甲", "a"), measured=mapping)
    deep: list[Any] = []
    for _ in range(500):
        deep = [deep]
    with pytest.raises(InputError):
        freeze(deep)
