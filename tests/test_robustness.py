"""Junk into every public entry point: only NmgPolicyError subclasses may come out.

Like python-stdnum's robustness tests over all its modules: None, wrong types, NaN,
infinities, negative and absurdly large amounts, wrong units, strings in number fields,
unknown keys, deep nesting — and every InputError names the field it is about.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import disclosure, periods, units
from nmgpolicy.cli import main
from nmgpolicy.errors import InputError, NmgPolicyError

JUNK: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    10**100,
    1.5,
    math.nan,
    math.inf,
    -math.inf,
    Decimal("NaN"),
    Decimal("-Infinity"),
    "",
    " ",
    "abc",
    "nan",
    "inf",
    "-5万吨",
    "1e30亿元",
    "3000kW",
    "２０２６－０１－０５",
    "2026-02-30",
    [],
    [1, 2],
    {},
    {"a": {"b": {"c": []}}},
    b"bytes",
    object(),
    dt.datetime(2026, 1, 5, 12, 0),
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)


def assert_clean(call: Callable[[], object]) -> None:
    """Run ``call``; any exception must be an NmgPolicyError, InputErrors name their fields."""
    try:
        call()
    except InputError as error:
        assert error.problems
        for path, message in error.problems:
            assert path.startswith("$")
            assert message
            assert path in str(error)
    except NmgPolicyError:
        pass


VALID_DISCLOSURE = {
    "item": "annual-budget",
    "formed_on": "2026-01-20",
    "published_on": "2026-02-25",
}


@pytest.mark.parametrize("key", [*VALID_DISCLOSURE, "unknown_key"])
@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_evaluate_disclosure_field_junk(key: str, junk: Any) -> None:
    facts = dict(VALID_DISCLOSURE)
    facts[key] = junk
    try:
        nmgpolicy.evaluate("disclosure", facts, on=dt.date(2026, 3, 2))
    except InputError as error:
        assert any(p.path == f"$.{key}" for p in error.problems), error.problems
        assert f"$.{key}" in str(error)
    else:
        assert key == "published_on" and junk is None


@pytest.mark.parametrize("ruleset", nmgpolicy.rulesets())
@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_every_ruleset_rejects_junk_facts_cleanly(ruleset: str, junk: Any) -> None:
    assert_clean(lambda: nmgpolicy.evaluate(ruleset, junk, on=dt.date(2026, 3, 2)))
    assert_clean(lambda: nmgpolicy.evaluate(ruleset, {}, on=junk))
    assert_clean(lambda: nmgpolicy.evaluate(ruleset, {}, on=dt.date(2026, 3, 2), parameters=junk))
    assert_clean(
        lambda: nmgpolicy.evaluate(ruleset, {}, on=dt.date(2026, 3, 2), parameters={"x": junk})
    )


@pytest.mark.parametrize("ruleset", nmgpolicy.rulesets())
@given(facts=st.dictionaries(st.text(max_size=10), json_values, max_size=5))
def test_every_ruleset_survives_random_json(ruleset: str, facts: dict[str, Any]) -> None:
    assert_clean(lambda: nmgpolicy.evaluate(ruleset, facts, on=dt.date(2026, 3, 2)))


@given(value=json_values)
def test_units_and_periods_survive_random_json(value: Any) -> None:
    for kind in units.Kind:
        assert_clean(lambda kind=kind: units.parse_amount(value, kind, path="$.v"))
    assert_clean(lambda: units.parse_share(value, path="$.v"))
    assert_clean(lambda: units.parse_count(value, path="$.v"))
    assert_clean(lambda: periods.parse_period(value, path="$.v"))
    assert_clean(lambda: disclosure.deadline(value, "2026-01-20"))
    assert_clean(lambda: disclosure.deadline("annual-budget", value))


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_value_layer_junk(junk: Any) -> None:
    assert_clean(lambda: units.quantity(junk))
    assert_clean(lambda: units.parse_amount(junk, units.Kind.MONEY, path="$.v"))
    assert_clean(lambda: units.parse_share(junk, path="$.v"))
    assert_clean(lambda: units.parse_count(junk, path="$.v"))
    assert_clean(lambda: periods.parse_period(junk))
    assert_clean(lambda: periods.is_working_day(junk))
    assert_clean(lambda: periods.add_working_days(junk, 3))
    assert_clean(lambda: periods.add_working_days(dt.date(2026, 1, 5), junk))
    assert_clean(lambda: periods.working_days_between(junk, dt.date(2026, 1, 5)))
    assert_clean(lambda: periods.deadline(junk, "1个月"))
    assert_clean(lambda: periods.deadline(dt.date(2026, 1, 5), junk))
    assert_clean(lambda: periods.notice_window(junk, 5))
    assert_clean(lambda: periods.notice_window(dt.date(2026, 1, 5), junk))
    assert_clean(lambda: periods.register_year(junk, holidays=[]))
    assert_clean(lambda: periods.register_year(2030, holidays=[junk]))
    assert_clean(lambda: disclosure.item(junk))
    assert_clean(lambda: disclosure.deadline("annual-budget", "2026-01-20", parameters=junk))


@pytest.mark.parametrize("junk", ["", "\x00\x01", "a\tb\n" * 50, "公开事项\n" * 3])
def test_catalog_loader_junk(junk: str) -> None:
    assert_clean(lambda: disclosure.parse_catalog(junk))
    assert_clean(lambda: disclosure.load_catalog(io.StringIO(junk)))


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", "disclosure", "-", "--on", "2026-03-02"],
        ["deadline", "2026-01-05", "nan"],
        ["deadline", "2026-01-05", "1e400 days"],
        ["deadline", "0000-00-00", "1 day"],
        ["catalog", "--file", "/"],
    ],
)
def test_cli_never_shows_a_traceback(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"item": null, "formed_on": NaN}'))
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, out=out, err=err) == 2
    assert "Traceback" not in err.getvalue()
    assert err.getvalue().startswith("nmgpolicy:")


HELPERS: list[tuple[str, Callable[[Any], object]]] = [
    ("first_set.public_notice", lambda v: nmgpolicy.first_set.public_notice(v)),
    ("first_set.results_disclosure_due", lambda v: nmgpolicy.first_set.results_disclosure_due(v)),
    ("first_set.validity_window", lambda v: nmgpolicy.first_set.validity_window(v)),
    ("ferroalloy.ratio/kind", lambda v: nmgpolicy.ferroalloy.ratio(v, "35万吨")),
    ("ferroalloy.ratio/scale", lambda v: nmgpolicy.ferroalloy.ratio("single", v)),
    (
        "ferroalloy.required_retirement",
        lambda v: nmgpolicy.ferroalloy.required_retirement("single", "35万吨", v),
    ),
    ("ferroalloy.plan_notice_due", lambda v: nmgpolicy.ferroalloy.plan_notice_due(v)),
    ("cluster.valid_until", lambda v: nmgpolicy.cluster.valid_until(v)),
    ("cluster.annual_report_due", lambda v: nmgpolicy.cluster.annual_report_due(v)),
    ("cluster.change_filing_due", lambda v: nmgpolicy.cluster.change_filing_due(v)),
    ("cluster.revocation_grounds", lambda v: nmgpolicy.cluster.revocation_grounds(v)),
    ("sme.priority_chain", lambda v: nmgpolicy.sme.priority_chain(v)),
    ("sme.targets_progress", lambda v: nmgpolicy.sme.targets_progress(v)),
    ("inspection.draw/entities", lambda v: nmgpolicy.inspection.draw(v, ["a", "b"], n=1, seed="s")),
    ("inspection.draw/n", lambda v: nmgpolicy.inspection.draw(["x"], ["a", "b"], n=v, seed="s")),
    ("inspection.draw/seed", lambda v: nmgpolicy.inspection.draw(["x"], ["a", "b"], n=1, seed=v)),
    ("schema.facts_schema", lambda v: nmgpolicy.schema.facts_schema(v)),
]


@pytest.mark.parametrize(("name", "call"), HELPERS, ids=[h[0] for h in HELPERS])
@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_rule_set_helpers_reject_junk_cleanly(
    name: str, call: Callable[[Any], object], junk: Any
) -> None:
    assert_clean(lambda: call(junk))


@pytest.mark.parametrize(("name", "call"), HELPERS, ids=[h[0] for h in HELPERS])
@given(value=json_values)
def test_rule_set_helpers_survive_random_json(
    name: str, call: Callable[[Any], object], value: Any
) -> None:
    assert_clean(lambda: call(value))
