"""The exception hierarchy: what each error says, and that errors survive pickling."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import sys
from decimal import Decimal
from enum import Enum
from fractions import Fraction

import attrs
import pytest

from nmgpolicy.errors import (
    CalendarNotCovered,
    InputError,
    NmgPolicyError,
    NotInForce,
    Problem,
    UnknownFinding,
    UnknownRuleSet,
    shown,
)
from tests.clock import Stopwatch


def test_hierarchy() -> None:
    assert issubclass(InputError, NmgPolicyError)
    assert issubclass(InputError, ValueError)
    assert issubclass(UnknownRuleSet, LookupError)
    assert issubclass(CalendarNotCovered, LookupError)
    assert issubclass(NotInForce, NmgPolicyError)


def test_input_error_holds_every_problem() -> None:
    error = InputError([("$.a", "bad a"), Problem("$.b", "bad b")])
    assert error.paths == ("$.a", "$.b")
    assert [tuple(p) for p in error.problems] == [("$.a", "bad a"), ("$.b", "bad b")]
    assert str(Problem("$.a", "bad a")) == "$.a: bad a"
    assert "$.a: bad a" in str(error)
    assert "2 problems" in str(error)
    assert error.to_dict() == {
        "error": "InputError",
        "problems": [{"path": "$.a", "message": "bad a"}, {"path": "$.b", "message": "bad b"}],
    }
    assert InputError([]).paths == ("$",)


@pytest.mark.parametrize(
    "error",
    [
        InputError.single("$.x", "bad"),
        UnknownRuleSet("nope", ("a", "b")),
        CalendarNotCovered(2027),
        NotInForce(
            "r",
            dt.date(2026, 4, 1),
            start=dt.date(2022, 6, 1),
            end=dt.date(2026, 3, 31),
            successor="《新》",
        ),
    ],
)
def test_errors_pickle(error: NmgPolicyError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)


def test_messages() -> None:
    assert "2027" in str(CalendarNotCovered(2027))
    assert "register_year(2027" in str(CalendarNotCovered(2027))
    assert "known rule sets: a, b" in str(UnknownRuleSet("x", ["a", "b"]))
    assert str(UnknownRuleSet("x")) == "unknown rule set 'x'"
    text = str(NotInForce("r", dt.date(2026, 4, 1), end=dt.date(2026, 3, 31)))
    assert "… to 2026-03-31" in text
    assert "superseded" not in text


def test_shown_never_raises() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert shown(Broken()) == "a Broken that cannot be shown"
    assert shown(10**5000).startswith("an integer of about 5001 digits")
    assert shown("x" * 100).endswith("...")
    error = UnknownFinding("a.b", ["a.c"])
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)


def test_input_error_reports_each_distinct_problem_once() -> None:
    error = InputError([("$.a", "bad"), ("$.b", "bad"), ("$.a", "bad")])
    assert error.problems == (Problem("$.a", "bad"), Problem("$.b", "bad"))


# ------------------------------------------------------------------------------------------
# shown: bounded like reprlib, costing no more than what it prints
# ------------------------------------------------------------------------------------------

LIMIT_SECONDS = 0.05 if sys.gettrace() is None else 0.5


def quick(value: object, limit: int = 60) -> str:
    start = Stopwatch()
    text = shown(value, limit)
    assert start.seconds < LIMIT_SECONDS
    assert len(text) <= max(limit, 8)
    return text


def test_shown_of_a_list_shared_deep() -> None:
    # Exponential before: the repr of every reference of a list shared 22 levels deep.
    a: list[object] = []
    for _ in range(60):
        a = [a, a]
    assert quick(a).startswith("[[[[...], [...]], [[...], [...]]], ")


def test_shown_of_long_and_many_texts() -> None:
    text = "x" * 200_000
    for _ in range(5000):  # 2.7 s and 1 GB before
        assert quick(text) == "'" + "x" * 56 + "..."
    assert quick([text] * 5000).startswith("['xxxx")
    assert quick("ab'c") == '"ab\'c"'
    assert quick("\ud800") == "'\\ud800'"
    assert quick(b"y" * 10**6).startswith("b'yyy")


def test_shown_of_containers_shows_the_first_items() -> None:
    assert quick(list(range(10**6))) == "[0, 1, 2, 3, ...]"
    assert quick(dict.fromkeys(range(10**6), 0)) == "{0: 0, 1: 0, 2: 0, 3: 0, ...}"
    assert quick({"a": [1, {"b": (2,)}]}) == "{'a': [1, {'b': (...)}]}"
    assert quick({"a": [(2,)]}) == "{'a': [(2,)]}"
    assert quick([[[[1]]]]) == "[[[[...]]]]"
    assert quick((1,)) == "(1,)"
    assert quick(()) == "()"
    assert quick(set()) == "set()"
    assert quick(frozenset()) == "frozenset()"
    assert quick({1}) == "{1}"
    assert quick({None: None}) == "{None: None}"
    assert quick(frozenset({2})) == "frozenset({2})"
    assert quick(range(3)) == "range(0, 3)"
    assert quick(["x" * 100, 2], 30) == "['" + "x" * 24 + "...]"


def test_shown_of_numbers() -> None:
    assert quick(10**1_000_000) == "an integer of about 1000001 digits"
    assert quick(-(10**5000)) == "an integer of about 5001 digits, negative"
    assert quick(2**64 - 1) == str(2**64 - 1)
    assert quick(True) == "True"
    assert quick(1.5) == "1.5"
    assert quick(Decimal("1.25")) == "Decimal('1.25')"
    assert quick(Decimal("1e999999999")) == "Decimal('1E+999999999')"
    assert quick(Decimal("-0")) == "Decimal('-0')"
    assert quick(Decimal("1" * 100_000)) == "Decimal('1.1111111111111111111...E+99999')"
    assert quick(Decimal("NaN" + "9" * 100_000)) == "Decimal('NaN')"
    assert quick(Decimal("-sNaN")) == "Decimal('-sNaN')"
    assert quick(Decimal("-Infinity")) == "Decimal('-Infinity')"
    assert quick(Fraction(10**5000, 3)) == "Fraction(an integer of about 5001 digits, 3)"


class Colour(Enum):
    RED = "red"


@attrs.frozen
class Point:
    x: object
    y: object = 0


@dataclasses.dataclass
class Pair:
    left: object
    right: object


def test_shown_of_other_objects() -> None:
    assert quick(dt.date(2026, 1, 5)) == "datetime.date(2026, 1, 5)"
    assert quick(Colour.RED) == "<Colour.RED: 'red'>"
    assert quick(Point(1)) == "Point(x=1, y=0)"
    assert quick(Point("x" * 10**6, [1] * 10**6)).startswith("Point(x='xxxx")
    assert quick(Pair(1, 2)) == "Pair(left=1, right=2)"
    assert quick(object()).startswith("<object object at 0x")
    assert quick(None) == "None"


def test_error_messages_never_quote_input_unbounded() -> None:
    assert len(str(UnknownRuleSet("x" * 10**6))) < 200
    assert len(str(UnknownFinding(10**5000))) < 200
    assert "about 5001 digits" in str(CalendarNotCovered(10**5000))
    error = InputError([(10**5000, [1] * 10**6)])
    assert error.problems == (Problem("an integer of about 5001 digits", "[1, 1, 1, 1, ...]"),)
