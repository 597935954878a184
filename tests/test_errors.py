"""The exception hierarchy: what each error says, and that errors survive pickling."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from nmgpolicy.errors import (
    CalendarNotCovered,
    InputError,
    NmgPolicyError,
    NotInForce,
    Problem,
    UnknownRuleSet,
)


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
    from nmgpolicy.errors import UnknownFinding, shown

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
