"""The generated fast structurer of nmgpolicy.convert against the full walk.

``structure`` first runs a structurer generated from the model for valid input, and falls back to
the full walk (which builds the InputError with every path) at the first doubt. These tests hold
the two to the same answers: on inputs Hypothesis draws from every rule set's facts model (valid,
and with junk anywhere), at every limit of the input budget on both sides, on hostile Python
objects, from many threads at once; and they check that the fast path takes valid input without
falling back, that it stops early on hostile input, and that results are fresh objects.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any, Literal, Optional, get_args, get_origin

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy import convert
from nmgpolicy._exact import exact
from nmgpolicy.convert import (
    AreaKm2,
    Count,
    Kva,
    Measure,
    Money,
    Ratio,
    Share,
    Tonnes,
    TonnesPerYuan,
    UnsignedRatio,
    Years,
    structure,
)
from nmgpolicy.errors import InputError
from nmgpolicy.limits import BUDGET
from nmgpolicy.rules.cluster import ClusterFacts
from nmgpolicy.rules.disclosure import DisclosureFacts
from nmgpolicy.rules.ferroalloy import FerroalloyFacts
from nmgpolicy.rules.first_set import FirstSetFacts
from nmgpolicy.rules.sme_innovative import InnovativeFacts
from nmgpolicy.rules.sme_specialized import SpecializedFacts
from tests.clock import Stopwatch

MODELS: tuple[type[Any], ...] = (
    ClusterFacts,
    FerroalloyFacts,
    FirstSetFacts,
    DisclosureFacts,
    SpecializedFacts,
    InnovativeFacts,
)
SECOND = 1.0

full_walk = exact(convert._structure_full)


def fast_path(data: object, model: type[Any]) -> object:
    """The generated structurer alone (raises at the first doubt, as structure() catches)."""
    fast = convert._fast_structurer(model)
    assert fast is not None
    return exact(fast)(data, [])


def answer(function: Callable[..., object], *args: object) -> tuple[str, object]:
    """What ``function(*args)`` gives, comparably: the result (its repr shows Decimal exponents,
    tuple or list), or the problems of its InputError, with the message."""
    try:
        result = function(*args)
    except InputError as error:
        return "refused", (tuple((p.path, p.message) for p in error.problems), str(error))
    return "structured", (result, repr(result))


def assert_same(data: object, model: type[Any], *, fast: bool = True) -> tuple[str, object]:
    """structure() answers exactly as the full walk does; and (``fast``) the fast path alone
    accepts what the full walk accepts, with the same result. Returns the answer."""
    expected = answer(full_walk, data, model)
    assert answer(structure, data, model) == expected
    if fast and expected[0] == "structured":
        assert answer(fast_path, data, model) == expected
    return expected


def refused_by_both(data: object, model: type[Any]) -> tuple[tuple[str, str], ...]:
    """The problems of an input the fast path must give up on, with both paths agreeing."""
    with pytest.raises(Exception):  # noqa: B017, PT011 - _Bail, or the hook's InputError
        fast_path(data, model)
    kind, found = assert_same(data, model)
    assert kind == "refused"
    assert isinstance(found, tuple)
    problems: tuple[tuple[str, str], ...] = found[0]
    return problems


def seconds(function: Callable[..., object], *args: object) -> float:
    """How long ``function(*args)`` takes; an exception (an InputError, _Bail) is expected."""
    start = Stopwatch()
    with contextlib.suppress(Exception):
        function(*args)
    return start.seconds


# --------------------------------------------------------------------------------------------
# Strategies drawn from the models' own types
# --------------------------------------------------------------------------------------------

UNITS: dict[object, tuple[str, ...]] = {
    Money: ("元", "万元", "亿元", "千元"),
    Tonnes: ("吨", "万吨", "t"),
    Kva: ("kVA", "MVA", "千伏安"),
    AreaKm2: ("平方公里", "公顷", "km2"),
    TonnesPerYuan: ("吨/万元", "吨/元"),
    Measure: ("万元/套", "元/台", "万元/吨"),
}

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=6),
    st.decimals(),
    st.just([]),
    st.just({}),
    st.just(()),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(
        [
            "1e999999999",
            "NaN",
            "-1%",
            "12abc",
            "2025-13-01",
            "3年年",
            "x" * (BUDGET.max_string_length + 1),
            "1" * 60,
            10**60,
            Decimal("1e-200"),
            dt.datetime(2025, 1, 1),
        ]
    ),
)


def _number(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=2, allow_nan=False)


def _scalar(type_: object) -> st.SearchStrategy[Any] | None:
    """Values the full walk accepts for a scalar type (most of the time)."""
    if type_ in UNITS:
        return st.builds(
            lambda n, unit: f"{n}{unit}", _number(0, 10**6), st.sampled_from(UNITS[type_])
        )
    percent = st.builds(lambda n: f"{n}%", st.integers(0, 100))
    simple: dict[object, st.SearchStrategy[Any]] = {
        bool: st.booleans(),
        str: st.text(max_size=12),
        int: st.integers(-(10**12), 10**12),
        dt.date: st.one_of(st.dates().map(dt.date.isoformat), st.dates()),
        Decimal: st.one_of(_number(-1000, 1000), _number(-1000, 1000).map(str), st.integers(0, 99)),
        Share: st.one_of(percent, st.decimals(0, 1, places=3)),
        Ratio: st.builds(lambda n: f"{n}%", st.integers(-100, 500)),
        UnsignedRatio: st.builds(lambda n: f"{n}%", st.integers(0, 500)),
        Years: st.one_of(st.integers(0, 50), st.builds(lambda n: f"{n}年", st.integers(0, 50))),
        Count: st.one_of(st.integers(0, 10**6), st.builds(lambda n: f"{n}人", st.integers(0, 999))),
    }
    return simple.get(type_)


def strategy(type_: Any, junk: bool) -> st.SearchStrategy[Any]:
    """Input for ``type_``: valid, or (``junk``) with junk in any place, unknown keys too."""
    made = _strategy(type_, junk)
    return st.one_of(made, made, made, JUNK) if junk else made


def _strategy(type_: Any, junk: bool) -> st.SearchStrategy[Any]:
    scalar = _scalar(type_)
    if scalar is not None:
        return scalar
    if attrs.has(type_):
        return _object(type_, junk)
    origin, args = get_origin(type_), get_args(type_)
    if origin is Literal:
        return st.sampled_from(args)
    if type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return st.one_of(st.none(), strategy(inner, junk))
    if origin in (list, tuple):
        items = st.lists(strategy(args[0], junk), max_size=4)
        return items if origin is list else st.one_of(items, items.map(tuple))
    if origin is dict:
        return st.dictionaries(st.text(max_size=8), strategy(args[1], junk), max_size=3)
    raise AssertionError(f"no strategy for {type_!r}")  # pragma: no cover - a new field type


def _object(model: type[Any], junk: bool) -> st.SearchStrategy[dict[str, Any]]:
    attrs.resolve_types(model)
    fields = attrs.fields(model)
    required = {a.name: strategy(a.type, junk) for a in fields if a.default is attrs.NOTHING}
    optional = {a.name: strategy(a.type, junk) for a in fields if a.default is not attrs.NOTHING}
    if junk:
        optional["not_a_field"] = JUNK
    return st.fixed_dictionaries(required, optional=optional)


VALID = {model: _object(model, junk=False) for model in MODELS}
ANY = {model: _object(model, junk=True) for model in MODELS}


# --------------------------------------------------------------------------------------------
# Every rule set's model: the same answers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@given(data=st.data())
def test_valid_input_takes_the_fast_path_to_the_same_result(
    model: type[Any], data: st.DataObject
) -> None:
    assert_same(data.draw(VALID[model]), model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@given(data=st.data())
def test_any_input_gets_the_same_answer(model: type[Any], data: st.DataObject) -> None:
    assert_same(data.draw(ANY[model]), model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_model_has_a_fast_structurer(model: type[Any]) -> None:
    fast = convert._fast_structurer(model)
    assert fast is not None
    assert convert._fast_structurer(model) is fast  # generated once


def test_a_bad_value_late_in_a_long_input_is_reported_as_before() -> None:
    # The fast path parses the years before the bad one; the full walk replays those results.
    years = [{"year": 2000 + i, "output": f"{i}亿元", "invention_patents": i} for i in range(30)]
    years[-1] = {**years[-1], "output": "15亿元/吨"}
    problems = refused_by_both({"years": years}, ClusterFacts)
    assert [path for path, _ in problems] == ["$.years[29].output"]
    years[-1] = {**years[-1], "output": [1]}
    assert [path for path, _ in refused_by_both({"years": years}, ClusterFacts)] == [
        "$.years[29].output"
    ]


def test_a_replay_that_does_not_match_is_ignored() -> None:
    facts = {"years": [{"year": 2024, "output": "15亿元"}], "employees": "12人"}
    expected = answer(full_walk, facts, ClusterFacts)
    foreign = ["15亿元", object(), Decimal(1), object(), object(), 3]
    assert answer(full_walk, facts, ClusterFacts, "$", foreign) == expected


# --------------------------------------------------------------------------------------------
# The budget still holds on the fast path, at each limit on both sides
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Leaf:
    flags: tuple[bool, ...] = ()
    text: str | None = None
    number: Decimal | None = None
    count: int | None = None
    money: Money | None = None


@attrs.frozen
class Tree:
    leaves: list[Leaf] = attrs.field(factory=list)
    grid: list[list[bool]] = attrs.field(factory=list)
    table: dict[str, bool] = attrs.field(factory=dict)
    leaf: Leaf | None = None


def chain(levels: int) -> type[Any]:
    """A model of ``levels`` classes, each holding the next: ``{"child": {"child": …}}``."""
    inner: type[Any] | None = None
    for level in range(levels, 0, -1):
        field_type: Any = Optional[inner] if inner is not None else Optional[bool]  # noqa: UP045
        inner = attrs.make_class(
            f"Level{level}", {"child": attrs.field(default=None, type=field_type)}, frozen=True
        )
    assert inner is not None
    return inner


def nested(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels - 1):
        value = {"child": value}
    return value


def test_list_length_at_and_over_the_limit() -> None:
    limit = BUDGET.max_list_length
    assert fast_path({"leaf": {"flags": [True] * limit}}, Tree) == Tree(
        leaf=Leaf(flags=(True,) * limit)
    )
    assert_same({"leaf": {"flags": [True] * limit}}, Tree)
    ((path, message),) = refused_by_both({"leaf": {"flags": [True] * (limit + 1)}}, Tree)
    assert path == "$.leaf.flags"
    assert message.endswith("(max_list_length)")


def test_keys_at_and_over_the_limit() -> None:
    table = {f"k{i}": True for i in range(BUDGET.max_keys)}
    assert fast_path({"table": table}, Tree) == Tree(table=table)
    ((_, message),) = refused_by_both({"table": {**table, "one more": False}}, Tree)
    assert message.endswith("(max_keys)")
    long_key = "k" * BUDGET.max_key_length
    assert fast_path({"table": {long_key: True}}, Tree) == Tree(table={long_key: True})
    ((_, message),) = refused_by_both({"table": {long_key + "k": True}}, Tree)
    assert message.endswith("(max_key_length)")


def test_text_length_at_and_over_the_limit() -> None:
    text = "字" * BUDGET.max_string_length
    assert fast_path({"leaf": {"text": text}}, Tree) == Tree(leaf=Leaf(text=text))
    ((path, message),) = refused_by_both({"leaf": {"text": text + "字"}}, Tree)
    assert (path, message.endswith("(max_string_length)")) == ("$.leaf.text", True)
    number = "0" * BUDGET.max_string_length + "1"  # a number text too long to read
    ((_, message),) = refused_by_both({"leaf": {"number": number}}, Tree)
    assert message.endswith("(max_string_length)")


@pytest.mark.parametrize(
    ("value", "limit"),
    [
        (Decimal("1e101"), "(max_exponent)"),
        ("1e-101", "(max_exponent)"),
        ("1" * 51, "(max_digits)"),
        (10**51, "(max_digits)"),
        (10**1_000_000, "(max_digits)"),
        ("1e999999999", "(max_exponent)"),
    ],
    ids=["1e101", "1e-101", "51 digits text", "10**51", "10**1000000", "1e999999999"],
)
def test_numbers_over_the_limit(value: object, limit: str) -> None:
    assert seconds(structure, {"leaf": {"number": value}}, Tree) < SECOND / 10
    ((path, message),) = refused_by_both({"leaf": {"number": value}}, Tree)
    assert path == "$.leaf.number"
    assert limit in message


def test_whole_numbers_at_and_over_their_bound() -> None:
    bound, huge = 10**12, 10**1_000_000
    assert fast_path({"leaf": {"count": -bound}}, Tree) == Tree(leaf=Leaf(count=-bound))
    for over in (bound + 1, huge, True, 1.0):
        assert refused_by_both({"leaf": {"count": over}}, Tree)
    assert seconds(structure, {"leaf": {"money": huge, "count": huge}}, Tree) < 0.1


def test_depth_at_and_over_the_limit() -> None:
    deep = chain(BUDGET.max_depth + 3)
    at_limit = nested(BUDGET.max_depth)
    assert repr(fast_path(at_limit, deep)) == repr(full_walk(at_limit, deep))
    ((path, message),) = refused_by_both(nested(BUDGET.max_depth + 1), deep)
    assert path == "$" + ".child" * BUDGET.max_depth
    assert message.endswith("(max_depth)")


def test_values_over_the_limit_stop_the_fast_path_early() -> None:
    row = [True] * BUDGET.max_list_length
    grid = [row] * BUDGET.max_list_length  # 10^8 values unfolded, a few KB in memory
    assert seconds(fast_path, {"grid": grid}, Tree) < SECOND / 10
    assert seconds(structure, {"grid": grid}, Tree) < SECOND
    ((_, message),) = refused_by_both({"grid": grid}, Tree)
    assert message.startswith("too many values")
    # the object, its one key, the list of 3,333 leaves, each with one key and four flags
    fits = [{"flags": [False] * 4}] * 3333
    assert BUDGET.max_values == 1 + 1 + 3333 * (1 + 1 + 4)
    assert fast_path({"leaves": fits}, Tree) == full_walk({"leaves": fits}, Tree)
    ((_, message),) = refused_by_both({"leaves": [*fits, {}]}, Tree)
    assert message.startswith("too many values")


def test_a_shared_list_in_every_field_of_a_rule_set_is_refused_quickly() -> None:
    dag: list[Any] = []
    for _ in range(30):
        dag = [dag, dag]
    enterprises = [{"name": "甲", "designations": ["high_tech"] * 10_000}] * 10_000
    for facts in (
        dict.fromkeys(attrs.fields_dict(ClusterFacts), dag),
        {"enterprises": enterprises},
    ):
        assert seconds(structure, facts, ClusterFacts) < SECOND
        refused_by_both(facts, ClusterFacts)


# --------------------------------------------------------------------------------------------
# Hostile objects and subclasses: the full walk decides
# --------------------------------------------------------------------------------------------


class OddDict(dict[str, Any]):
    pass


class OddList(list[Any]):
    pass


class OddStr(str):
    __slots__ = ()


class LongStr(str):
    """A text that says it is longer than it is."""

    __slots__ = ()

    def __len__(self) -> int:
        return 10**6


@pytest.mark.parametrize(
    "facts",
    [
        OddDict(name="甲"),
        {"years": OddList([{"year": 2024}])},
        {OddStr("name"): "甲"},
        {LongStr("name"): "甲"},
        {"name": OddStr("甲")},
        {"name": LongStr("甲")},
        {"area": LongStr("1平方公里")},
        {"years": [{"year": 2024, "output": OddStr("1亿元")}]},
        {"enterprises": [{"name": "甲", "designations": [OddStr("high_tech")]}]},
        {"years": ({"year": 2024},)},
        {1: "甲"},
        {("name",): "甲"},
        {"years": [{"year": True}]},
        {"attestations": {"operator": 1}},
    ],
)
def test_subclasses_and_odd_keys_get_the_full_walks_answer(facts: dict[Any, Any]) -> None:
    assert_same(facts, ClusterFacts, fast=False)  # the fast path gives up on each


def test_a_key_equal_to_a_field_name_but_not_a_text_is_refused() -> None:
    class Impostor:
        def __hash__(self) -> int:
            return hash("name")

        def __eq__(self, other: object) -> bool:
            return other == "name"

    problems = refused_by_both({Impostor(): "甲"}, ClusterFacts)
    assert problems[0][1].startswith("keys must be texts")


def test_the_callers_decimal_context_changes_nothing() -> None:
    facts = {
        "years": [{"year": 2024, "output": "1.23456789亿元", "carbon_intensity": "0.3吨/万元"}]
    }
    expected = answer(structure, facts, ClusterFacts)
    with decimal.localcontext(decimal.Context(prec=2, traps=[decimal.Inexact])):
        assert answer(structure, facts, ClusterFacts) == expected


# --------------------------------------------------------------------------------------------
# Fresh results, and threads
# --------------------------------------------------------------------------------------------


def test_results_are_fresh_objects() -> None:
    facts: dict[str, Any] = {
        "science_awards_3y": [{"level": "national", "rank": 1}],
        "valid_titles": ["high_tech"],
    }
    first = structure(facts, InnovativeFacts)
    assert first.science_awards_3y is not None and first.valid_titles is not None
    assert first.science_awards_3y is not facts["science_awards_3y"]
    first.science_awards_3y.clear()
    first.valid_titles.clear()
    facts["valid_titles"].append("ip_demo")  # the caller's input, changed after the fact
    assert first.valid_titles == []
    second = structure(facts, InnovativeFacts)
    assert second.science_awards_3y is not None
    assert len(second.science_awards_3y) == 1
    assert second.valid_titles == ["high_tech", "ip_demo"]
    table = {"a": Decimal(1)}
    structured = structure({"ferrosilicon_equivalents": table}, FerroalloyFacts)
    assert structured.ferrosilicon_equivalents is not table


def test_threads_generate_one_structurer_and_get_the_same_answers() -> None:
    @attrs.frozen
    class Fresh:  # a model no test has structured yet: generated under contention
        year: int
        output: Money | None = None
        flags: tuple[bool, ...] = ()

    inputs: list[object] = [
        {"year": i, "output": f"{i}万元", "flags": [i % 2 == 0] * (i % 5)} for i in range(200)
    ]
    inputs += [{"year": "x"}, {"year": 1, "output": "1吨"}, {"year": 1, "other": 2}]
    expected = [answer(full_walk, data, Fresh) for data in inputs]
    barrier = threading.Barrier(8)

    def work(_: int) -> tuple[object, list[tuple[str, object]]]:
        barrier.wait()
        got = [answer(structure, data, Fresh) for data in inputs]
        return convert._fast_structurer(Fresh), got

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    assert len({id(fast) for fast, _ in results}) == 1
    for _, got in results:
        assert got == expected


def test_threads_on_every_rule_set() -> None:
    cases = [
        (ClusterFacts, {"years": [{"year": 2024, "output": "15亿元"}], "employees": "120人"}),
        (ClusterFacts, {"years": [{"year": 2024, "output": "15亿元/吨"}]}),
        (FerroalloyFacts, {"new_capacity": [{"product": "硅铁", "capacity": "30万吨"}]}),
        (FirstSetFacts, {"category": "complete_set", "unit_value": "90万元/套"}),
        (DisclosureFacts, {"item": "x", "formed_on": "2026-01-05"}),
        (SpecializedFacts, {"niche_years": "3年", "debt_ratio": "120%"}),
        (InnovativeFacts, {"rd_expense_share": "3%", "ip_class": "class2"}),
        (InnovativeFacts, {"ip_class": "class9"}),
    ]
    expected = [answer(full_walk, f, m) for m, f in cases]

    def work(_: int) -> Iterator[tuple[str, object]]:
        for _round in range(50):
            yield from (answer(structure, f, m) for m, f in cases)

    with ThreadPoolExecutor(6) as pool:
        for got in pool.map(lambda i: list(work(i)), range(6)):
            assert got == expected * 50
