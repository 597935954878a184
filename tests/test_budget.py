"""The input budget (nmgpolicy.limits): every limit on both sides of its edge, the work linear
in the input's size (shared references included), and the documented numbers equal the code's.

Time bounds are measured with :class:`tests.clock.Stopwatch`; under a tracer (coverage, a
debugger) they are loosened tenfold, so that they do not flake, and still catch the exponential
cases (which took 10 s and more).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy import limits
from nmgpolicy.convert import Money, structure
from nmgpolicy.errors import InputError, shown
from nmgpolicy.limits import BUDGET, MAX_INPUT_BYTES, Budget, number_problem, over
from nmgpolicy.units import Kind, parse_amount
from tests.clock import Stopwatch

DOCS = Path(__file__).resolve().parent.parent / "docs" / "robustness.md"
SECOND = 1.0 if sys.gettrace() is None else 10.0


def seconds(call: Callable[[], object]) -> float:
    """How long ``call`` takes; an InputError it raises is expected."""
    start = Stopwatch()
    with contextlib.suppress(InputError):
        call()
    return start.seconds


def problems(data: object, cls: type[Any]) -> tuple[tuple[str, str], ...]:
    with pytest.raises(InputError) as info:
        structure(data, cls)
    return tuple((p.path, p.message) for p in info.value.problems)


# ------------------------------------------------------------------------------------------
# Models for the edges
# ------------------------------------------------------------------------------------------


@attrs.frozen
class Node:
    children: list[Node] = attrs.field(factory=list)


@attrs.frozen
class Bag:
    flags: list[bool] = attrs.field(factory=list)
    grid: list[list[bool]] = attrs.field(factory=list)
    table: dict[str, bool] = attrs.field(factory=dict)
    text: str | None = None
    texts: list[str] = attrs.field(factory=list)
    number: Decimal | None = None
    count: int | None = None
    money: Money | None = None
    day: dt.date | None = None


def node_levels(levels: int) -> dict[str, Any]:
    """A Node whose innermost container is at level ``levels``."""
    # level 1: {}, level 2: {"children": []}, level 3: {"children": [{}]}, ...
    value: Any = {} if levels % 2 else []
    for level in range(levels - 1, 0, -1):
        value = {"children": value} if level % 2 else [value]
    return value if isinstance(value, dict) else {"children": value}


# ------------------------------------------------------------------------------------------
# The budget itself
# ------------------------------------------------------------------------------------------


def test_one_frozen_budget_with_named_limits() -> None:
    assert isinstance(BUDGET, Budget)
    assert Budget() == BUDGET
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        BUDGET.max_depth = 1000  # type: ignore[misc]
    assert MAX_INPUT_BYTES == BUDGET.max_input_bytes == 1_000_000
    for field in attrs.fields(Budget):
        assert field.name.startswith("max_")
        assert isinstance(getattr(BUDGET, field.name), int)
        assert getattr(BUDGET, field.name) > 0


def test_the_documented_numbers_are_the_codes() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Input budget", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(max_\w+)` \| ([\d,]+) \|", section, flags=re.MULTILINE))
    expected = {f.name: f"{getattr(BUDGET, f.name):,}" for f in attrs.fields(Budget)}
    assert rows == expected
    for field in attrs.fields(Budget):  # and the reasons name each limit's number
        assert field.name in section


def test_the_message_names_the_limit_and_its_value() -> None:
    assert over("a list of 10,001 items", "max_list_length", "items") == (
        "a list of 10,001 items; the input budget allows at most 10,000 items (max_list_length)"
    )


# ------------------------------------------------------------------------------------------
# Each limit on both sides of its edge
# ------------------------------------------------------------------------------------------


def test_max_depth() -> None:
    limit = BUDGET.max_depth
    assert structure(node_levels(limit), Node)
    found = problems(node_levels(limit + 1), Node)
    assert len(found) == 1
    path, message = found[0]
    assert path.count("[0]") == limit // 2
    assert message.endswith(f"at most {limit} levels of objects and lists (max_depth)")


def test_max_list_length() -> None:
    limit = BUDGET.max_list_length
    assert len(structure({"flags": [True] * limit}, Bag).flags) == limit
    assert problems({"flags": [True] * (limit + 1)}, Bag) == (
        (
            "$.flags",
            f"a list of {limit + 1:,} items; the input budget allows at most {limit:,} items "
            "(max_list_length)",
        ),
    )


def grid(values: int) -> dict[str, Any]:
    """A Bag of exactly ``values`` values: the Bag, its grid, and rows of booleans."""
    rest = values - 2  # the top-level object and the grid list
    rows = []
    while rest:
        width = min(rest - 1, BUDGET.max_list_length)
        rows.append([True] * width)
        rest -= width + 1
    return {"grid": rows}


def test_max_values() -> None:
    limit = BUDGET.max_values
    assert sum(map(len, structure(grid(limit), Bag).grid)) > 0
    found = problems(grid(limit + 1), Bag)
    assert len(found) == 1
    path, message = found[0]
    assert path.startswith("$.grid[")
    assert message.startswith("too many values")
    assert message.endswith(f"at most {limit:,} values in one input (max_values)")


def test_max_keys() -> None:
    limit = BUDGET.max_keys
    table = {f"k{i}": True for i in range(limit)}
    assert len(structure({"table": table}, Bag).table) == limit
    table["one more"] = True
    assert problems({"table": table}, Bag) == (
        (
            "$.table",
            f"an object of {limit + 1:,} keys; the input budget allows at most {limit:,} keys "
            "(max_keys)",
        ),
    )
    # the top-level object too, before any key is looked at
    assert problems(dict.fromkeys(table, 1), Bag)[0][0] == "$"


def test_max_key_length() -> None:
    limit = BUDGET.max_key_length
    assert structure({"table": {"k" * limit: True}}, Bag).table == {"k" * limit: True}
    ((path, message),) = problems({"table": {"k" * (limit + 1): True}}, Bag)
    assert path == "$.table"
    assert message.startswith(f"a key of {limit + 1} characters ('kkkk")
    assert message.endswith(f"at most {limit} characters (max_key_length)")


def test_max_string_length() -> None:
    limit = BUDGET.max_string_length
    assert structure({"text": "x" * limit}, Bag).text == "x" * limit
    assert problems({"text": "x" * (limit + 1)}, Bag) == (
        (
            "$.text",
            f"a text of {limit + 1:,} characters; the input budget allows at most {limit:,} "
            "characters (max_string_length)",
        ),
    )
    # a quantity, a date and an enumeration never see an over-long text
    for key in ("money", "day"):
        assert "max_string_length" in problems({key: "1" * (limit + 1)}, Bag)[0][1]


def test_max_digits() -> None:
    limit = BUDGET.max_digits
    at = "0." + "1" * limit
    assert structure({"number": at}, Bag).number == Decimal(at)
    ((path, message),) = problems({"number": at + "1"}, Bag)
    assert path == "$.number"
    assert message == (
        f"a number of {limit + 1} significant digits; the input budget allows at most {limit} "
        "digits (max_digits)"
    )
    # integers: a number of 50 digits is in budget (and out of the field's range)
    assert "number out of range" in problems({"count": 10**limit - 1}, Bag)[0][1]
    assert "(max_digits)" in problems({"count": 10**limit}, Bag)[0][1]
    assert "(max_digits)" in problems({"number": 10**limit}, Bag)[0][1]
    assert number_problem(10**limit - 1) is None
    assert number_problem(-(10**limit) + 1) is None
    assert number_problem(10**limit) == (
        "a number of about 51 digits; the input budget allows at most 50 digits (max_digits)"
    )


@pytest.mark.parametrize(
    ("at", "over_"),
    [
        ("1e-100", "1e-101"),
        ("0e-100", "0e-101"),
        ("9.9e100", "1e101"),
        ("0e100", "0e101"),
        ("0." + "0" * 99 + "1", "0." + "0" * 100 + "1"),
    ],
)
def test_max_exponent(at: str, over_: str) -> None:
    assert number_problem(Decimal(at)) is None
    assert "(max_exponent)" in (number_problem(Decimal(over_)) or "")
    if Decimal(at).copy_abs() <= 10**18:  # a Decimal field also holds amounts to 10^18
        assert structure({"number": at}, Bag).number == Decimal(at)
    ((path, message),) = problems({"number": over_}, Bag)
    assert path == "$.number"
    assert "(max_exponent)" in message or "finite number" in message


def test_places_after_the_point_are_held_to_max_exponent() -> None:
    places = BUDGET.max_exponent
    assert number_problem(Decimal("0." + "0" * (places - 1) + "1")) is None
    message = number_problem(Decimal("0." + "0" * (places - 1) + "12"))
    assert message == (
        f"a number with {places + 1} places after the decimal point; the input budget allows "
        f"at most {places} places (max_exponent)"
    )
    # the magnitude is checked first: an integer of 641 digits as a Decimal (as the CLI reads
    # one) is over on both counts
    assert number_problem(Decimal("9" * 641)) == (
        "a number of magnitude 10^640; the input budget allows at most 100 as the exponent "
        "either way (max_exponent)"
    )
    assert number_problem(Decimal("9" * 51)) == (
        "a number of 51 significant digits; the input budget allows at most 50 digits (max_digits)"
    )


def test_max_exponent_of_floats() -> None:
    assert number_problem(1e-100) is None
    assert "(max_exponent)" in (number_problem(1e-101) or "")
    assert "(max_exponent)" in (number_problem(1e300) or "")
    assert number_problem(0.0) is None
    assert number_problem(float("nan")) is None  # not the budget's to refuse
    assert number_problem("1e999999999") is None  # a text: its parser checks the number
    assert number_problem(True) is None


def test_max_problems() -> None:
    limit = BUDGET.max_problems
    at = problems({"flags": ["x"] * limit}, Bag)
    assert len(at) == limit
    assert at[-1][0] == f"$.flags[{limit - 1}]"
    found = problems({"flags": ["x"] * (limit + 1)}, Bag)
    assert len(found) == limit + 1
    assert found[:limit] == at
    assert found[-1] == (
        "$",
        f"more problems not listed; the input budget allows at most {limit} problems "
        "(max_problems)",
    )


# ------------------------------------------------------------------------------------------
# The reproducers of issue #10, with a time bound
# ------------------------------------------------------------------------------------------


def shared_lists(levels: int) -> list[Any]:
    a: list[Any] = []
    for _ in range(levels):
        a = [a, a]
    return a


@pytest.mark.parametrize("levels", [22, 40])
def test_a_list_shared_deep_as_a_date_is_refused_at_once(levels: int) -> None:
    # 10 s at 22 levels before, doubling per level: the depth walk and the full repr.
    dag = shared_lists(levels)
    assert seconds(lambda: structure({"day": dag}, Bag)) < SECOND / 10
    ((path, message),) = problems({"day": dag}, Bag)
    assert path == "$.day"
    assert len(message) < 200
    facts = {"item": "x", "formed_on": dag}
    assert seconds(lambda: nmgpolicy.evaluate("disclosure", facts, on=dt.date(2026, 1, 5))) < 1


def shared_nodes(levels: int) -> dict[str, Any]:
    nodes: dict[str, Any] = {}
    for _ in range(levels):
        nodes = {"children": [nodes, nodes]}
    return nodes


@pytest.mark.parametrize("levels", [22, 60])
def test_a_list_shared_deep_where_lists_go_costs_its_budget_only(levels: int) -> None:
    assert seconds(lambda: structure({"grid": shared_lists(levels)}, Bag)) < SECOND
    nodes = shared_nodes(levels)
    assert seconds(lambda: structure(nodes, Node)) < SECOND
    found = problems(nodes, Node)  # each reference too deep: reported until max_problems
    assert len(found) == BUDGET.max_problems + 1
    assert "(max_depth)" in found[0][1]


def test_a_shared_graph_within_the_depth_is_refused_after_max_values() -> None:
    nodes = shared_nodes(14)  # 28 levels deep; unfolded, 2^15 objects and lists
    assert seconds(lambda: structure(nodes, Node)) < SECOND
    ((path, message),) = problems(nodes, Node)
    assert message.startswith("too many values")
    assert path.startswith("$.children[0].children[1]")


@pytest.mark.parametrize("ruleset", ["cluster", "ferroalloy", "first_set", "sme_innovative"])
def test_a_shared_list_in_every_field_of_every_rule_set(ruleset: str) -> None:
    dag = shared_lists(30)
    model = getattr(nmgpolicy.get_ruleset(ruleset), "facts_type")  # noqa: B009
    fields = [f.name for f in attrs.fields(model)]
    facts = dict.fromkeys(fields, dag)
    on = dt.date(2026, 1, 5)
    assert seconds(lambda: nmgpolicy.evaluate(ruleset, facts, on=on)) < SECOND


def test_many_references_to_one_long_text() -> None:
    # 2.7 s and 1 GB before: a full repr of 200 KB before each cut.
    text = "x" * 200_000
    facts = {"texts": [text] * 5000, "flags": [text] * 5000}
    assert seconds(lambda: structure(facts, Bag)) < SECOND / 10
    with pytest.raises(InputError) as info:
        structure(facts, Bag)
    assert len(str(info.value)) < 100 * 200
    documents = {"documents": [text] * 5000}
    on = dt.date(2026, 1, 5)
    assert seconds(lambda: nmgpolicy.evaluate("first_set", documents, on=on)) < SECOND


def test_a_wide_table_of_bad_rows_stops_at_the_problem_budget() -> None:
    # 70,000 problems took 8 s and 5.5 MB of text before.
    rows = [{"year": "x", "output": 1, "sme_output": True, "invention_patents": "a"}] * 9000
    on = dt.date(2026, 1, 5)
    assert seconds(lambda: nmgpolicy.evaluate("cluster", {"years": rows}, on=on)) < SECOND
    with pytest.raises(InputError) as info:
        nmgpolicy.evaluate("cluster", {"years": rows}, on=on)
    assert len(info.value.problems) == BUDGET.max_problems + 1


def test_many_new_unit_texts_stay_within_a_second() -> None:
    # pint's parser took 100-400 µs per new text; 20,000 of them would take seconds.
    words = ["kg", "t", "m", "km", "set", "machine", "kVA", "W", "g", "ha", "VA", "item"]
    texts = [f"1 {a}/{a}*{b}/{b}*yuan" for a in words for b in words]
    rows = [{"year": 2020, "output": texts[i % len(texts)]} for i in range(6000)]
    on = dt.date(2026, 1, 5)
    assert seconds(lambda: nmgpolicy.evaluate("cluster", {"years": rows}, on=on)) < SECOND
    assert parse_amount(texts[5], Kind.MONEY, path="$") == 1


@pytest.mark.parametrize("text", ["1e999999999", "1e-999999999", "-1e-999999999", "0e-999999999"])
def test_huge_exponents_in_texts_are_refused_by_the_budget(text: str) -> None:
    assert seconds(lambda: structure({"number": text}, Bag)) < SECOND / 10
    ((path, message),) = problems({"number": text}, Bag)
    assert path == "$.number"
    assert "(max_exponent)" in message
    with pytest.raises(InputError) as info:
        parse_amount(text + "元", Kind.MONEY, path="$.x")
    assert info.value.paths == ("$.x",)


def test_huge_integers_cost_nothing() -> None:
    # Decimal() of an integer of a million digits takes 13 s; the budget counts its bits first.
    huge = 10**1_000_000
    assert seconds(lambda: structure({"number": huge, "count": huge}, Bag)) < SECOND / 10
    assert seconds(lambda: parse_amount(huge, Kind.MONEY, path="$")) < SECOND / 10
    assert seconds(lambda: shown(huge)) < SECOND / 10
    assert "(max_digits)" in problems({"number": huge}, Bag)[0][1]


def test_limits_module_exports() -> None:
    assert set(limits.__all__) == {"BUDGET", "MAX_INPUT_BYTES", "Budget", "number_problem", "over"}


def test_the_schemas_show_the_budget_where_json_schema_can() -> None:
    from nmgpolicy.schema import facts_schema

    cluster = facts_schema("cluster")
    enterprises = cluster["properties"]["enterprises"]["anyOf"][0]
    assert enterprises["maxItems"] == BUDGET.max_list_length
    assert cluster["properties"]["name"]["anyOf"][0]["maxLength"] == BUDGET.max_string_length
    ferroalloy = facts_schema("ferroalloy")
    table = ferroalloy["properties"]["ferrosilicon_equivalents"]["anyOf"][0]
    assert table["maxProperties"] == BUDGET.max_keys
    assert table["propertyNames"] == {"maxLength": BUDGET.max_key_length}
    share = cluster["properties"]["industrial_internet_penetration"]["anyOf"][0]
    assert share["oneOf"][0]["maxLength"] == BUDGET.max_string_length
