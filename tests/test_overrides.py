"""Parameter overrides are range-checked, and the Decision records every changed parameter.

Issue 10: decimal and integer overrides of ``10**5000`` or ``"1e999999999"`` escaped as
``ValueError`` / ``decimal.Overflow``; ``--param min_patent_density=1e-999999999`` made
``nmgpolicy evaluate cluster`` compute ``10**999999999`` (a hang); an in-type but absurd
override gave a Decision that ``json.dumps`` could not write. Every parameter now has a legal
range beside its value in the data file (``range = "[0, 100%]"``), checked for the data file's
own values at load and for every override in ``ParameterSet.resolve``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import io
import json
import math
import tomllib
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.cli import main
from nmgpolicy.errors import InputError, NmgPolicyError
from nmgpolicy.params import (
    MAX_PLACES,
    MAX_TEXT,
    Parameter,
    ParameterSet,
    load_parameters,
    parameter_set_from_mapping,
)
from nmgpolicy.periods import Period
from nmgpolicy.units import Kind
from tests.clock import Stopwatch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DATA_FILES = sorted(
    entry.name.removesuffix(".toml")
    for entry in resources.files("nmgpolicy").joinpath("data").iterdir()
    if entry.name.endswith(".toml")
)


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("nmgpolicy").joinpath("data", f"{name}.toml").read_text())


WITH_PARAMETERS = [name for name in DATA_FILES if "parameters" in _toml(name)]
UNRANGED = ("bool", "date", "str")
"""Types checked by their own parser (and choice:…), which carry no range."""


def _example(ruleset: str) -> tuple[dict[str, Any], dt.date]:
    """The first bundled example of ``ruleset``: its facts and evaluation date."""
    for index in sorted(EXAMPLES.glob("*/index.json")):
        document = json.loads(index.read_text("utf-8"))
        for case in document["cases"]:
            if case.get("ruleset", document.get("ruleset")) == ruleset:
                facts = json.loads((index.parent / case["file"]).read_text("utf-8"))
                return facts, dt.date.fromisoformat(case["on"])
    raise AssertionError(f"no example of {ruleset}")  # pragma: no cover


BUILTIN = nmgpolicy.rulesets()  # before another test registers its own
EXAMPLE = {ruleset: _example(ruleset) for ruleset in BUILTIN}


def _ranged() -> list[tuple[str, str]]:
    return [
        (ruleset, name)
        for ruleset in BUILTIN
        for name, parameter in load_parameters(ruleset).parameters.items()
        if parameter.range is not None
    ]


def _numeric() -> list[tuple[str, str]]:
    return [
        (ruleset, name)
        for ruleset in BUILTIN
        for name, parameter in load_parameters(ruleset).parameters.items()
        if parameter.type in ("int", "decimal", "share") or parameter.type.startswith("amount:")
    ]


def _evaluate(ruleset: str, overrides: dict[str, object]) -> nmgpolicy.Decision | None:
    """Evaluate the rule set's example with ``overrides``: a Decision that JSON can write, or
    ``None`` for an InputError (a rule set's own cross-parameter check), within a second."""
    facts, on = EXAMPLE[ruleset]
    started = Stopwatch()
    try:
        decision = nmgpolicy.evaluate(ruleset, facts, on=on, parameters=overrides)
    except InputError as error:
        assert all(path.startswith("$.parameters.") for path in error.paths), error
        return None
    finally:
        assert started.seconds < 1
    text = json.dumps(decision.to_dict(), ensure_ascii=False)
    assert json.loads(text) == decision.to_dict()
    return decision


# --------------------------------------------------------------------------------------------
# The reproducers of the issue
# --------------------------------------------------------------------------------------------

HUGE: list[object] = [10**5000, -(10**5000), "1e999999999", "-1e999999999", "1e-999999999"]


@pytest.mark.parametrize(("ruleset", "name"), _numeric())
@pytest.mark.parametrize("value", HUGE, ids=["int", "-int", "exp", "-exp", "tiny"])
def test_huge_numeric_overrides_are_input_errors(ruleset: str, name: str, value: object) -> None:
    started = Stopwatch()
    with pytest.raises(InputError) as info:
        load_parameters(ruleset).resolve(dt.date(2025, 6, 1), {name: value})
    assert info.value.paths == (f"$.parameters.{name}",)
    assert "e.g." in str(info.value)
    assert started.seconds < 1


def test_the_tiny_patent_density_no_longer_hangs_the_command_line(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    started = Stopwatch()
    code = main(
        [
            "evaluate",
            "cluster",
            str(EXAMPLES / "cluster" / "eligible.json"),
            "--on",
            "2025-06-01",
            "--param",
            "min_patent_density=1e-999999999",
        ],
        out=out,
        err=err,
    )
    assert started.seconds < 1
    assert code == 2
    assert out.getvalue() == ""
    assert "$.parameters.min_patent_density" in err.getvalue()
    assert f"at most {MAX_PLACES} decimal places" in err.getvalue()


@pytest.mark.parametrize(
    ("ruleset", "overrides"),
    [
        ("cluster", {"patent_density_per": 10**5000}),
        ("cluster", {"min_champion_enterprises": 10**30}),
        ("cluster", {"min_patent_density": "1e-2000"}),
        ("ferroalloy", {"elimination_plan_first_year": -(10**40)}),
        ("sme_specialized", {"award_rank_national": 10**4300}),
        ("sme_innovative", {"total_minimum": "1e900"}),
    ],
)
def test_an_override_never_yields_a_decision_json_cannot_write(
    ruleset: str, overrides: dict[str, object]
) -> None:
    facts, on = EXAMPLE[ruleset]
    with pytest.raises(InputError) as info:
        nmgpolicy.evaluate(ruleset, facts, on=on, parameters=overrides)
    assert info.value.paths == tuple(f"$.parameters.{name}" for name in overrides)


# --------------------------------------------------------------------------------------------
# Ranges: present for every parameter, checked at load, both edges of each
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data_file", WITH_PARAMETERS)
def test_every_parameter_of_every_data_file_has_a_range(data_file: str) -> None:
    for name, spec in _toml(data_file)["parameters"].items():
        kind = spec["type"]
        if kind in UNRANGED or kind.startswith("choice:"):
            assert "range" not in spec, f"{data_file}.{name}: a {kind} has no range"
        else:
            assert isinstance(spec.get("range"), str), f"{data_file}.{name} has no range"
    loaded = load_parameters(data_file)  # the file's own values are inside their ranges
    for parameter in loaded.parameters.values():
        for dated in parameter.values:
            assert parameter.range is None or parameter.range.contains(dated.value)


MEAN_DAYS = {
    "day": Fraction(1),
    "working_day": Fraction(7, 5),
    "month": Fraction(146097, 400 * 12),
    "year": Fraction(146097, 400),
}


def _nudge(bound: Decimal, up: bool) -> Decimal:
    """``bound`` ± 10^-MAX_PLACES, exactly (the default context rounds 10^18 + 10^-12)."""
    with decimal.localcontext(prec=100):
        return bound + (1 if up else -1) * Decimal(1).scaleb(-MAX_PLACES)


def _beyond(parameter: Parameter, high: bool) -> object | None:
    """A value just outside the range at one end (``None`` when the type cannot go there)."""
    assert parameter.range is not None
    bound = parameter.range.high if high else parameter.range.low
    closed = parameter.range.high_closed if high else parameter.range.low_closed
    if not closed:
        return parameter.range.high_text if high else parameter.range.low_text
    if parameter.type == "int":
        return bound + (1 if high else -1)
    if isinstance(bound, Period):
        assert high or bound.amount == 0  # every period range starts at 0日: nothing is shorter
        return f"{math.floor(bound.amount * MEAN_DAYS[bound.unit.value]) + 1}日" if high else None
    value = _nudge(bound, high)
    if parameter.type.startswith("amount:"):
        return f"{value}{Kind[parameter.type.partition(':')[2].upper()].canonical_unit}"
    return str(value)


def _inside(parameter: Parameter, high: bool) -> object:
    """The bound itself when the range includes it, else a value just inside."""
    assert parameter.range is not None
    closed = parameter.range.high_closed if high else parameter.range.low_closed
    text = parameter.range.high_text if high else parameter.range.low_text
    if closed:
        return int(text) if parameter.type == "int" else text
    bound = parameter.range.high if high else parameter.range.low
    return str(_nudge(bound, not high))


@pytest.mark.parametrize(("ruleset", "name"), _ranged())
@pytest.mark.parametrize("high", [False, True], ids=["low", "high"])
def test_both_edges_of_every_range(ruleset: str, name: str, high: bool) -> None:
    data = load_parameters(ruleset)
    parameter = data.parameters[name]
    on = EXAMPLE[ruleset][1]
    inside = _inside(parameter, high)
    assert data.resolve(on, {name: inside})[name] is not None
    decision = _evaluate(ruleset, {name: inside})
    if decision is not None:
        assert name in decision.overrides
    outside = _beyond(parameter, high)
    if outside is None:
        return
    with pytest.raises(InputError) as info:
        data.resolve(on, {name: outside})
    assert info.value.paths == (f"$.parameters.{name}",)
    assert "e.g." in str(info.value)


def test_an_out_of_range_override_names_the_range_and_an_example() -> None:
    with pytest.raises(InputError) as info:
        load_parameters("cluster").resolve(dt.date(2025, 6, 1), {"recent_years": 11})
    (problem,) = info.value.problems
    assert problem.path == "$.parameters.recent_years"
    assert problem.message == (
        "out of range: expected at least 1 and at most 10 (range [1, 10]), got 11; e.g. 3"
    )
    with pytest.raises(InputError) as info:
        load_parameters("ferroalloy").resolve(dt.date(2025, 6, 1), {"ratio_small": "0"})
    assert "above 0 and at most 10 (range (0, 10])" in str(info.value)
    assert 'e.g. "1.25"' in str(info.value)
    with pytest.raises(InputError) as info:
        load_parameters("disclosure").resolve(dt.date(2025, 6, 1), {"default_period": "11年"})
    assert "at most 10年 (range [0日, 10年])" in str(info.value)
    assert 'e.g. "20个工作日"' in str(info.value)


def test_periods_are_compared_by_their_mean_length() -> None:
    data = load_parameters("disclosure")
    on = dt.date(2025, 6, 1)
    for accepted in ("120个月", "3652日", "2608个工作日", "10年", "0个工作日"):
        data.resolve(on, {"default_period": accepted})
    for refused in ("121个月", "3653日", "2609个工作日", "11年"):
        with pytest.raises(InputError):
            data.resolve(on, {"default_period": refused})


def test_decimal_places_and_text_length_are_limited() -> None:
    data = load_parameters("ferroalloy")
    on = dt.date(2025, 6, 1)
    assert data.resolve(on, {"ratio_small": "1.250000000000000000000"})["ratio_small"] == Decimal(
        "1.25"
    )
    assert data.resolve(on, {"ratio_small": "1.000000000001"})["ratio_small"] > 1
    with pytest.raises(InputError) as info:
        data.resolve(on, {"ratio_small": "1.0000000000001"})
    assert f"at most {MAX_PLACES} decimal places, got 13" in str(info.value)
    started = Stopwatch()
    for name in ("ratio_small", "single_scale_lower", "eliminated_catalog"):
        with pytest.raises(InputError) as info:
            data.resolve(on, {name: "1" * (MAX_TEXT + 1)})
        assert f"at most {MAX_TEXT} characters" in str(info.value)
    assert data.resolve(on, {"eliminated_catalog": "x" * MAX_TEXT})["eliminated_catalog"]
    assert started.seconds < 1


# --------------------------------------------------------------------------------------------
# The data file's own values and ranges are checked when it is loaded
# --------------------------------------------------------------------------------------------


def _data(**spec: object) -> dict[str, Any]:
    return {"ruleset": {"id": "demo"}, "parameters": {"p": spec}}


@pytest.mark.parametrize(
    ("spec", "where"),
    [
        ({"type": "int", "value": 11, "range": "[1, 10]"}, "demo.toml:parameters.p.value"),
        (
            {"type": "share", "values": [{"value": "5%"}, {"value": "1%"}], "range": "[2%, 100%]"},
            "demo.toml:parameters.p.value",
        ),
        ({"type": "decimal", "value": "0", "range": "(0, 10]"}, "demo.toml:parameters.p.value"),
        ({"type": "int", "value": 1, "range": "[1, x]"}, "demo.toml:parameters.p.range"),
        ({"type": "int", "value": 1, "range": "1..10"}, "demo.toml:parameters.p.range"),
        ({"type": "int", "value": 1, "range": ["1", "10"]}, "demo.toml:parameters.p.range"),
        ({"type": "int", "value": 1, "range": "[10, 1]"}, "demo.toml:parameters.p.range"),
        ({"type": "int", "value": 1, "range": "[1, 1]"}, "demo.toml:parameters.p.range"),
        ({"type": "bool", "value": True, "range": "[0, 1]"}, "demo.toml:parameters.p.range"),
        ({"type": "choice:a|b", "value": "a", "range": "[a, b]"}, "demo.toml:parameters.p.range"),
        (
            {"type": "amount:money", "value": "1元", "range": "[0, 10元]"},
            "demo.toml:parameters.p.range",
        ),
        ({"type": "int", "value": 10**19}, "demo.toml:parameters.p.value"),
        ({"type": "decimal", "value": "0.0000000000001"}, "demo.toml:parameters.p.value"),
    ],
)
def test_a_data_file_outside_its_ranges_is_refused_at_load(
    spec: dict[str, object], where: str
) -> None:
    with pytest.raises(InputError) as info:
        parameter_set_from_mapping(_data(**spec), "demo.toml")
    assert info.value.paths == (where,)


def test_ranges_of_each_ordered_type() -> None:
    data = parameter_set_from_mapping(
        {
            "ruleset": {"id": "demo"},
            "parameters": {
                "count": {"type": "int", "range": "[-5, +5]"},
                "day": {"type": "date", "range": "[2020-01-01, 2020-12-31)"},
                "money": {"type": "amount:money", "range": "(0元, 1亿元]"},
            },
        },
        "demo.toml",
    )
    on = dt.date(2025, 1, 1)
    assert data.resolve(on, {"count": -5, "day": "2020-12-30", "money": "1亿元"}).values == {
        "count": -5,
        "day": dt.date(2020, 12, 30),
        "money": Decimal(100_000_000),
    }
    with pytest.raises(InputError) as info:
        data.resolve(on, {"count": 6, "day": "2020-12-31", "money": "0元"})
    assert len(info.value.problems) == 3
    assert (
        "below 2020-12-31 (range [2020-01-01, 2020-12-31)), got '2020-12-31'; e.g. \"2020-01-01\""
        in str(info.value)
    )
    assert "above 0元 and at most 1亿元 (range (0元, 1亿元]), got '0元'; e.g. \"1亿元\"" in str(
        info.value
    )
    assert "e.g. -5" in str(info.value)


# --------------------------------------------------------------------------------------------
# The Decision records every parameter that differs from the data file
# --------------------------------------------------------------------------------------------


def test_an_explicit_override_equal_to_the_data_file_is_recorded() -> None:
    facts, on = EXAMPLE["cluster"]
    decision = nmgpolicy.evaluate("cluster", facts, on=on, parameters={"recent_years": 3})
    assert decision.overrides == {"recent_years": 3}
    assert nmgpolicy.evaluate("cluster", facts, on=on).overrides == {}
    assert nmgpolicy.evaluate("cluster", facts, on=on, parameters={}).overrides == {}


def test_overrides_are_recorded_in_the_data_files_order_with_units() -> None:
    facts, on = EXAMPLE["cluster"]
    decision = nmgpolicy.evaluate(
        "cluster",
        facts,
        on=on,
        parameters={"min_sme_share": "50%", "min_annual_output": "10亿元", "recent_years": 3},
    )
    assert list(decision.overrides) == ["recent_years", "min_annual_output", "min_sme_share"]
    assert str(decision.overrides["min_annual_output"]) == "10亿元"
    assert decision.to_dict()["overrides"] == {
        "recent_years": 3,
        "min_annual_output": "10亿元",
        "min_sme_share": "0.5",
    }


def test_a_caller_supplied_parameter_left_unset_is_not_recorded() -> None:
    facts, on = EXAMPLE["first_set"]
    decision = nmgpolicy.evaluate("first_set", facts, on=on, parameters={"published_on": None})
    assert decision.overrides == {}


def test_every_route_that_changes_a_value_is_recorded() -> None:
    data: ParameterSet = load_parameters("cluster")
    on = dt.date(2025, 6, 1)
    resolved = data.resolve(on)
    assert resolved.changed() == ()
    # A value that differs from the data file's without an explicit override (a rule set that
    # replaced its context's parameters, say) is recorded all the same.
    import attrs

    changed = attrs.evolve(resolved, values={**resolved.values, "recent_years": 4})
    assert changed.changed() == ("recent_years",)
    # A value of another type that compares equal (True == 1) is a change too.
    retyped = attrs.evolve(resolved, values={**resolved.values, "min_champion_enterprises": True})
    assert retyped.changed() == ("min_champion_enterprises",)


def test_only_nmgpolicy_errors_escape_resolve_for_junk_overrides() -> None:
    junk: list[object] = [
        None,
        True,
        [],
        {},
        {"amount": 10**5000, "unit": "year"},
        float("nan"),
        float("inf"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        object(),
        "\ud800",
        "",
    ]
    for ruleset in BUILTIN:
        data = load_parameters(ruleset)
        for name in data.parameters:
            for value in junk:
                with contextlib.suppress(NmgPolicyError):
                    data.resolve(dt.date(2025, 6, 1), {name: value})


@pytest.mark.parametrize(
    "bad",
    ["toy", "calendar", "../cluster", "", None, [1], 10**5000],
    ids=["toy", "calendar", "path", "empty", "none", "list", "huge"],
)
def test_a_data_file_that_does_not_exist_is_an_unknown_rule_set(bad: object) -> None:
    with pytest.raises(nmgpolicy.UnknownRuleSet) as info:
        load_parameters(bad)  # type: ignore[arg-type]
    assert "cluster" in info.value.known
