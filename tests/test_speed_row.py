"""The fast row path's shortcuts give what the slow, checked constructions give.

Each shortcut of the row path (issue #11) skips work the public constructors do — a decision
built without its validator and converters, a unit cache written without a lock while it has
room, unit facts precomputed per unit text, an aggregate in one pass, an exact growth factor
without Decimal arithmetic; in round 2 a lazy finding with its value slots left empty, the
generated structurer's shortcuts for unit texts and its slot-by-slot models, thousands
separators in the units fast pattern — so each is checked here against the construction it
replaces.
"""

from __future__ import annotations

import datetime as dt
import pickle
import threading
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import units
from nmgpolicy.criteria import factor_at_least
from nmgpolicy.outcome import (
    Decision,
    DecisionStatus,
    Finding,
    FrozenDict,
    FrozenList,
    Later,
    Message,
    Status,
    aggregate,
    decided,
    lazy_finding,
)

ON = dt.date(2025, 6, 1)


def _finding(fid: str, status: Status, binding: bool = True) -> Finding:
    return lazy_finding(fid, status, None, binding, lambda: (Message(fid, fid), 1, 2, 3))


def _slow_aggregate(findings: list[Finding]) -> DecisionStatus:
    """The rule as first written: a set of the binding statuses."""
    statuses = {f.status for f in findings if f.binding}
    if Status.NOT_MET in statuses:
        return DecisionStatus.INELIGIBLE
    if Status.UNKNOWN in statuses or Status.REVIEW in statuses:
        return DecisionStatus.UNDETERMINED
    return DecisionStatus.ELIGIBLE


@given(st.lists(st.tuples(st.sampled_from(list(Status)), st.booleans()), max_size=8))
def test_aggregate_in_one_pass_is_the_set_rule(items: list[tuple[Status, bool]]) -> None:
    findings = [_finding(f"x.{i}", status, binding) for i, (status, binding) in enumerate(items)]
    assert aggregate(findings) is _slow_aggregate(findings)


def test_decided_equals_the_checked_constructor() -> None:
    findings = [_finding("x.a", Status.MET), _finding("x.b", Status.UNKNOWN)]
    results: dict[str, Any] = {
        "years": [2022, 2023],
        "table": {"a": [1, {"b": 2}]},
        "name": "n",
        "when": ON,
        "amount": Decimal("1.5"),
        "none": None,
    }
    notes = [Message("注", "note")]
    fast = decided("x", ON, findings, dict(results), notes, FrozenDict({"p": 1}))
    slow = Decision(
        ruleset="x",
        on=ON,
        status=aggregate(findings),
        findings=tuple(findings),
        results=results,
        notes=tuple(notes),
        overrides={"p": 1},
    )
    assert fast == slow
    assert fast.status is DecisionStatus.UNDETERMINED
    assert type(fast.findings) is tuple and type(fast.notes) is tuple
    assert type(fast.results) is FrozenDict and type(fast.overrides) is FrozenDict
    assert type(fast.results["years"]) is FrozenList
    assert type(fast.results["table"]["a"][1]) is FrozenDict
    assert pickle.loads(pickle.dumps(fast)) == slow
    with pytest.raises(TypeError):
        fast.results["years"] = []  # type: ignore[index]
    with pytest.raises(AttributeError):
        fast.status = DecisionStatus.ELIGIBLE  # type: ignore[misc]


def test_decided_keeps_later_results_until_read() -> None:
    calls: list[int] = []

    def later() -> list[int]:
        calls.append(1)
        return [1, 2]

    fast = decided("x", ON, [], {"a": Later(later), "b": [3]}, [], FrozenDict())
    assert calls == []
    assert fast.results == {"a": [1, 2], "b": [3]}
    assert type(fast.results["a"]) is FrozenList
    assert fast.results == {"a": [1, 2], "b": [3]} and calls == [1]


def test_decided_freezes_overrides_it_is_given_unfrozen() -> None:
    fast = decided("x", ON, [], {}, [], {"p": [1]})
    assert type(fast.overrides) is FrozenDict and type(fast.overrides["p"]) is FrozenList


def test_evaluate_returns_a_decision_the_checked_constructor_accepts() -> None:
    """What ``evaluate`` returns passes the public constructor's checks (rebuilding it with
    ``attrs.evolve`` runs them)."""
    import attrs

    facts = {"years": [{"year": 2024, "output": "16亿元"}], "attestations": {"operator": True}}
    decision = nmgpolicy.evaluate("cluster", facts, on=ON)
    assert attrs.evolve(decision) == decision
    assert decision.status is aggregate(decision.findings)


@given(
    st.integers(min_value=1, max_value=10**12),
    st.integers(min_value=0, max_value=10**12),
    st.decimals(min_value=Decimal("-0.99"), max_value=Decimal("5"), places=4),
    st.integers(min_value=1, max_value=6),
    st.booleans(),
)
def test_factor_at_least_is_the_fraction_comparison(
    first: int, last: int, rate: Decimal, steps: int, as_decimal: bool
) -> None:
    a: int | Decimal = Decimal(first) / 100 if as_decimal else first
    b: int | Decimal = Decimal(last) / 100 if as_decimal else last
    expected = Fraction(b) / Fraction(a) >= (1 + Fraction(rate)) ** steps
    assert factor_at_least(a, b, rate, steps) is expected


@pytest.mark.parametrize(
    "text", ["人", "家", "万人", "万元", "%", "", "吨/万元", "平方公里", "kVA", "套"]
)
def test_unit_flags_answer_what_the_dimensions_say(text: str) -> None:
    info = units._lookup_unit(text)
    assert info is not None
    assert info.pure is (not info.dims)
    assert info.counting is (info.dims in units._COUNT_DIMS)


def test_scale_by_one_skips_nothing_that_matters() -> None:
    """The division by a denominator of one is skipped: the same value and exponent."""
    for text in ("1.50万元", "0.0100亿元", "3000 kVA", "12.5%", "7吨/万元", "-0元"):
        match = units._PLAIN_RE.fullmatch(text)
        assert match is not None
        info = units._lookup_unit(match[2] or "")
        assert info is not None
        mag = Decimal(match[1])
        slow = units._CTX.divide(units._CTX.multiply(mag, info.num), info.den)
        fast = units._scale(mag, info)
        assert fast == slow and fast.as_tuple() == slow.as_tuple()


def test_the_unit_cache_keeps_one_value_per_text_across_threads() -> None:
    cache: units._BoundedCache[object] = units._BoundedCache(64)
    seen: list[list[object]] = []
    start = threading.Barrier(8)

    def write(tag: int) -> None:
        start.wait()
        seen.append([cache.put(f"t{i}", (tag, i)) for i in range(40)])

    threads = [threading.Thread(target=write, args=(tag,)) for tag in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i in range(40):
        assert len({id(values[i]) for values in seen}) == 1  # every thread got the first one
    assert len(cache) == 40


def test_the_unit_cache_stays_bounded() -> None:
    cache: units._BoundedCache[int] = units._BoundedCache(16)
    for i in range(100):
        assert cache.put(f"t{i}", i) == i
        assert len(cache) <= 16
    assert cache.get("t99") == 99 and cache.get("t0") is None


def test_new_texts_read_as_before_after_the_cache_fills() -> None:
    """Readings of texts past the cache's size (each new) equal a fresh full parse."""
    texts = [f"{i}.{i % 97:02d}万元" for i in range(40_000, 40_300)]
    for text in texts:
        fast = units.parse_amount(text, units.Kind.MONEY, path="$")
        units._READINGS.clear()
        assert fast == units._parse_amount(text, units.Kind.MONEY, path="$")


def test_freeze_of_a_plain_list_is_the_frozen_list_of_its_items() -> None:
    from nmgpolicy.outcome import freeze

    items: list[Any] = [2022, "a", None, Decimal("1.5"), ON, True]
    frozen = freeze(items)
    assert type(frozen) is FrozenList and frozen == items and frozen is not items
    assert all(a is b for a, b in zip(frozen, items, strict=True))
    nested = freeze([1, [2, {"k": [3]}]])
    assert type(nested[1]) is FrozenList and type(nested[1][1]) is FrozenDict
    assert type(nested[1][1]["k"]) is FrozenList


@pytest.mark.parametrize("binding", [None, True, False])
@pytest.mark.parametrize("criterion", ["cluster.area", "cluster.not_in_the_data_file"])
def test_context_findings_lazy_or_not_are_cited_alike(criterion: str, binding: bool | None) -> None:
    """The lazy path of ``Context.finding`` cites and binds as the eager one does."""
    from nmgpolicy.engine import Context, get_ruleset

    data = get_ruleset("cluster").data  # type: ignore[attr-defined]
    ctx = Context(ON, data.resolve(ON, None), data)
    eager = ctx.finding(criterion, Status.MET, "符合", "met", binding=binding)
    lazy = ctx.finding(
        criterion,
        Status.MET,
        binding=binding,
        render=lambda: (Message("符合", "met"), None, None, None),
    )
    assert lazy == eager
    assert lazy.citation == (
        data.criteria[criterion].citation if criterion in data.criteria else None
    )


# --------------------------------------------------------------------------------------------
# Round 2: slots left empty until a finding renders, the structurer's
# shortcuts for unit texts, the cache's halving
# --------------------------------------------------------------------------------------------


def _rendered_once() -> tuple[list[int], Finding]:
    calls: list[int] = []

    def render() -> tuple[Message, Any, Any, Any]:
        calls.append(1)
        return Message("符合", "met"), {"a": [1, 2]}, Decimal("3"), None

    return calls, lazy_finding("x.a", Status.MET, None, True, render)


def test_a_lazy_finding_reads_as_the_constructor_made_it() -> None:
    calls, lazy = _rendered_once()
    eager = Finding(
        "x.a", Status.MET, Message("符合", "met"), None, {"a": [1, 2]}, Decimal("3"), None
    )
    assert not calls
    assert lazy == eager and hash(lazy) == hash(eager) and repr(lazy) == repr(eager)
    assert type(lazy.measured) is FrozenDict and type(lazy.measured["a"]) is FrozenList
    assert lazy.to_dict() == eager.to_dict()
    assert calls == [1]  # rendered once, whatever was read
    assert not hasattr(lazy, "no_such_attribute")
    with pytest.raises(AttributeError):
        lazy.status = Status.NOT_MET  # type: ignore[misc]


def test_a_lazy_finding_evolves_and_pickles_before_it_renders() -> None:
    calls, lazy = _rendered_once()
    rebound = attrs.evolve(lazy, binding=False)  # reads the empty slots as unset
    assert not calls  # still lazy: the renderer is carried over, not run
    assert rebound.binding is False and rebound.measured == {"a": [1, 2]}
    assert calls == [1] and lazy.measured == {"a": [1, 2]}
    _, other = _rendered_once()
    copied = pickle.loads(pickle.dumps(other))
    assert copied == other and copied.gap is None


def test_a_lazy_finding_renders_once_across_threads() -> None:
    calls, lazy = _rendered_once()
    start = threading.Barrier(8)
    seen: list[object] = []

    def read() -> None:
        start.wait()
        seen.append(lazy.measured)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1] and len({id(v) for v in seen}) == 1


def test_later_holds_its_function_read_only() -> None:
    def function() -> int:
        return 1

    later = Later(function)
    assert later.function is function and Later(function=function).function is function
    assert attrs.evolve(later).function is function
    assert later == Later(lambda: 2)  # the function is not compared, as before
    with pytest.raises(AttributeError):
        later.function = function  # type: ignore[misc]


_SHORTCUT_FACTS = [
    "15亿元",
    "1.25万元",
    "12345.6789万元",
    "0元",
    "-1万元",  # refused by the hook: the shortcut must not take it
    "1e3万元",
    "1,234.5万元",
    "１５亿元",
    "15亿元/吨",
    "15吨",
    "60%",
    "100.5%",
    "0.6",
    "1200人",
    "1.2万人",
    "2.5人",
    "3家",
    "3",
    3,
    -3,
    10**19,
    0.5,
]


@pytest.mark.parametrize("value", _SHORTCUT_FACTS, ids=repr)
@pytest.mark.parametrize(
    "field", ["output", "invention_patents", "carbon_intensity"], ids=lambda f: f
)
def test_the_structurer_shortcuts_answer_as_the_hooks(value: object, field: str) -> None:
    """A unit text (cached or new) or an int count read by the generated structurer's shortcut
    gives what the full walk gives, error or value, cache empty or full."""
    from nmgpolicy import convert
    from nmgpolicy.errors import InputError
    from nmgpolicy.rules.cluster import ClusterFacts

    facts = {"years": [{"year": 2024, field: value}]}

    def answer(how: Any) -> object:
        try:
            return how(facts, ClusterFacts)
        except InputError as error:
            return [(p.path, p.message) for p in error.problems]

    for _ in range(2):  # a new text, then a cached one
        assert answer(convert.structure) == answer(convert._structure_full)
    units._READINGS.clear()
    assert answer(convert.structure) == answer(convert._structure_full)


def test_the_structurer_shortcut_records_its_results_for_the_replay() -> None:
    from nmgpolicy import convert
    from nmgpolicy.rules.cluster import ClusterFacts

    fast = convert._fast_structurer(ClusterFacts)
    assert fast is not None
    done: list[object] = []
    fast({"employees": 12, "years": [{"year": 2024, "output": "15亿元"}]}, done)
    assert done[1::3] == [convert._SCALARS[convert.Money], convert._SCALARS[convert.Count]]
    assert done[2::3] == [Decimal("1500000000"), 12]


def test_the_unit_cache_keeps_its_newer_half_when_full() -> None:
    cache: units._BoundedCache[int] = units._BoundedCache(8)
    for i in range(9):
        cache.put(f"t{i}", i)
    assert [cache.get(f"t{i}") for i in range(9)] == [None] * 4 + [4, 5, 6, 7, 8]


@attrs.frozen(cache_hash=True)
class _CachedHash:
    a: int


@attrs.frozen
class _Validated:
    a: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen
class _PostInit:
    a: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen
class _Plain:
    a: int
    b: tuple[int, ...] = ()


def test_models_are_made_slot_by_slot_only_when_init_just_stores() -> None:
    """The generated structurer sets the slots itself only for a class whose attrs
    ``__init__`` does nothing else; the object is the one ``__init__`` makes."""
    from nmgpolicy import convert

    for cls in (_CachedHash, _Validated, _PostInit):
        assert convert._slot_setters(cls) is None
    setters = convert._slot_setters(_Plain)
    assert setters is not None
    made = object.__new__(_Plain)
    for setter, value in zip(setters, (1, (2,)), strict=True):
        setter(made, value)
    assert made == _Plain(1, (2,)) and hash(made) == hash(_Plain(1, (2,)))
    assert convert.structure({"a": 1, "b": [2]}, _Plain) == _Plain(1, (2,))
    assert convert.structure({"a": 1}, _CachedHash) == _CachedHash(1)
    assert hash(convert.structure({"a": 1}, _CachedHash)) == hash(_CachedHash(1))


class _Str(str):
    """A str subclass: the units module reads it by the full parser, and caches nothing."""


@given(
    st.integers(0, 10**15),
    st.none() | st.integers(0, 99_999),
    st.sampled_from(["万元", "亿元", "元", " 万元", "吨", "万吨", "%", "万元/套", "kVA", ""]),
    st.sampled_from(["", "-", "+"]),
)
def test_thousands_separators_read_fast_as_the_full_parser_reads_them(
    whole: int, fraction: int | None, unit: str, sign: str
) -> None:
    text = f"{sign}{whole:,}" + ("" if fraction is None else f".{fraction}") + unit
    full = units._parse_text(_Str(text), "$", "e")
    units._READINGS.clear()
    plain = units._plain_reading(text)
    assert plain is not None
    assert (plain.mag, plain.info) == full and plain.mag.as_tuple() == full[0].as_tuple()


@pytest.mark.parametrize(
    "text", ["1,23万元", "1234,567万元", "1,234,5万元", ",123万元", "1,234.万元", "1,,234元"]
)
def test_badly_grouped_separators_are_left_to_the_full_parser(text: str) -> None:
    assert units._plain_reading(text) is None
