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
from tests.clock import Stopwatch
from tests.opaque import Opaque

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
    Opaque(),
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


# --------------------------------------------------------------------------------------------
# Escapes the fuzz test (tests/test_fuzz.py) found in the rule modules, periods, inspection
# and sme: each reproduced here.
# --------------------------------------------------------------------------------------------


def _dag(levels: int) -> list[Any]:
    """``a = [a, a]`` ``levels`` deep: a few lists in memory, 2**levels paths through them."""
    value: list[Any] = ["2026-01-05"]
    for _ in range(levels):
        value = [value, value]
    return value


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: nmgpolicy.cluster.annual_report_due(10**5000), "$.year"),  # ValueError before
        (lambda: nmgpolicy.cluster.valid_until("2024-05-20", renewed=_dag(40)), "$.renewed"),
        (lambda: nmgpolicy.ferroalloy.tiers(on=_dag(40)), "$.on"),  # RecursionError / hang
        (lambda: nmgpolicy.ferroalloy.ratio("single", "35万吨", on=10**5000), "$.on"),
        (
            lambda: nmgpolicy.sme.targets_progress({"innovative": 1}).category(_dag(40)),
            "$.category",
        ),
        (lambda: nmgpolicy.inspection.name_key(_dag(40)), "$.name"),  # TypeError before
        (lambda: periods.parse_period("1日", path=_dag(40)), "$.path"),  # TypeError before
    ],
)
def test_helpers_refuse_huge_and_shared_values_with_short_messages(
    call: Callable[[], object], path: str
) -> None:
    with pytest.raises(InputError) as info:
        call()
    assert info.value.paths == (path,)
    assert len(str(info.value)) < 400


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: periods.parse_period({10**5000: 1, "amount": 1, "unit": "day"}), "$.period["),
        (lambda: nmgpolicy.sme.targets_progress({10**5000: 1, (1,): 2}), "$["),
        (
            lambda: nmgpolicy.inspection.draw(
                ["E1"], [{"id": "张三", 10**5000: 1}, "李四"], n=1, seed="s"
            ),
            "$.inspectors[0][",
        ),
    ],
)
def test_keys_that_are_not_text_are_shown_bounded_in_paths(
    call: Callable[[], object], path: str
) -> None:
    """A 5000-digit key has no str(); a path shows it as the bounded repr does."""
    with pytest.raises(InputError) as info:
        call()
    assert any(p.startswith(path) and "digits" in p for p in info.value.paths), info.value.paths
    assert len(str(info.value)) < 1000


@pytest.mark.parametrize("text", [" " * 100_000 + "x", "\t" * 50_000 + "20个工作日", "1" * 201])
def test_period_text_is_read_only_up_to_200_characters(text: str) -> None:
    """Two adjacent optional blanks in the period pattern made 8,000 spaces take 1.4 s
    (quadratic); text longer than any period is refused before the pattern runs."""
    start = Stopwatch()
    with pytest.raises(InputError, match="too long for a period"):
        periods.parse_period(text)
    with pytest.raises(InputError, match="too long for a period"):
        periods.deadline(dt.date(2026, 1, 5), text)
    assert start.seconds < 0.5
    assert periods.parse_period(" " * 90 + "20个工作日" + " " * 90).amount == 20


@pytest.mark.parametrize(
    "make", [lambda: range(10**18), lambda: range(10**20), lambda: ["E"] * 10_001]
)
@pytest.mark.parametrize("argument", ["entities", "inspectors"])
def test_inspection_lists_are_held_to_the_input_budget(
    make: Callable[[], object], argument: str
) -> None:
    """``range(10**18)`` is a Sequence of a few bytes: drawing from it ran out of memory."""
    kwargs: dict[str, Any] = {"entities": ["E1", "E2"], "inspectors": ["张三", "李四"]}
    kwargs[argument] = make()
    with pytest.raises(InputError) as info:
        nmgpolicy.inspection.draw(kwargs["entities"], kwargs["inspectors"], n=1, seed="s")
    assert f"$.{argument}" in info.value.paths
    assert "max_list_length" in str(info.value)


@pytest.mark.parametrize("item", ["first-set-results", "annual-budget", "proposals"])
def test_a_deadline_past_9999_is_an_nmgpolicy_error(item: str) -> None:
    """Every limit of 9999-12-31 + 20个工作日 needs a year after 9999: the disclosure deadline
    raised ``ValueError: min() arg is an empty sequence``."""
    with pytest.raises(NmgPolicyError):
        disclosure.deadline(item, dt.date(9999, 12, 31))
    with pytest.raises(NmgPolicyError):
        nmgpolicy.first_set.results_disclosure_due(dt.date(9999, 12, 31))


def _untraced() -> bool:
    from tests.test_fuzz import traced

    return not traced()


def test_a_large_draw_is_linear() -> None:
    """5,000 entities and 5,000 inspectors (under 1 MB): listing each entity's eligible
    inspectors was entities × inspectors steps, 3 s for the draw and 3 s for its verification."""
    entities = [f"企业{i}" for i in range(5000)]
    inspectors: list[Any] = [f"检查员{i}" for i in range(4999)]
    inspectors.append({"id": "检查员X", "conflicts": entities[:100]})
    start = Stopwatch()
    drawn = nmgpolicy.inspection.draw(entities, inspectors, n=2500, per_team=2, seed="s")
    assert nmgpolicy.inspection.verify(drawn.to_dict())
    if _untraced():
        assert start.seconds < 1.0
    for assignment in drawn.assignments:
        if assignment.entity in entities[:100]:
            assert assignment.excluded == ("检查员X",)
            assert "检查员X" not in assignment.inspectors


def test_the_names_to_draw_are_held_to_the_input_budget() -> None:
    entities = [f"E{i}" for i in range(5000)]
    inspectors = [f"I{i}" for i in range(5000)]
    with pytest.raises(InputError) as info:
        nmgpolicy.inspection.draw(entities, inspectors, n=5000, per_team=5000, seed="s")
    assert info.value.paths == ("$.n",)
    assert "max_values" in str(info.value)


def test_a_conflicts_list_shared_by_every_inspector_is_charged_each_time() -> None:
    """10,000 inspectors sharing one list of 10,000 conflicts: 100 million checks from an
    input of a few hundred kilobytes."""
    entities = [f"E{i}" for i in range(10_000)]
    inspectors = [{"id": f"I{i}", "conflicts": entities} for i in range(10_000)]
    with pytest.raises(InputError) as info:
        nmgpolicy.inspection.draw(entities, inspectors, n=1, seed="s")
    assert info.value.paths == ("$.inspectors[0]",)
    assert "max_values" in str(info.value)


def test_a_long_id_is_refused_before_it_is_encoded() -> None:
    """5,000 references to one 200 kB text as conflicts: each was UTF-8 encoded (1 GB, 1.7 s)."""
    long = "字" * 200_000
    start = Stopwatch()
    with pytest.raises(InputError):
        nmgpolicy.inspection.draw(
            ["E1"], [{"id": "张三", "conflicts": [long] * 5000}], n=1, seed="s"
        )
    if _untraced():
        assert start.seconds < 0.5


@given(
    size=st.integers(min_value=0, max_value=40),
    removed=st.sets(st.integers(min_value=0, max_value=39)),
    k=st.integers(min_value=0, max_value=40),
    seed=st.binary(max_size=8),
)
def test_the_sparse_draw_equals_the_published_algorithm(
    size: int, removed: set[int], k: int, seed: bytes
) -> None:
    """Step 5 as published (partial Fisher–Yates on a copied list, the eligible inspectors
    listed in full) and as computed now (only swapped positions kept; the eligible inspectors
    as a view) give the same draw, word for word."""
    from nmgpolicy.inspection import Stream, _Kept

    items = [f"x{i}" for i in range(size)]
    gone = sorted(r for r in removed if r < size)
    kept = [x for i, x in enumerate(items) if i not in removed]
    view = _Kept(items, gone)
    assert len(view) == len(kept)
    assert [view[i] for i in range(len(view))] == kept == list(view[:])
    with pytest.raises(IndexError):
        view[len(view)]
    k = min(k, len(kept))
    published, now = Stream(seed, b"d"), Stream(seed, b"d")
    pool = list(kept)
    for i in range(k):
        j = i + published.below(len(pool) - i)
        pool[i], pool[j] = pool[j], pool[i]
    assert now.choose(view, k) == tuple(pool[:k])
    assert now.used == published.used


def _example_facts(name: str) -> dict[str, Any]:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / name
    facts: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return facts


@pytest.mark.parametrize(
    ("ruleset", "name", "on", "change"),
    [
        # A growth from 1e-40亿元 to 10亿元 over two years: the displayed annual rate (10^20)
        # had more digits than its 16-digit context could quantize to 6 places.
        ("cluster", "cluster/ineligible.json", dt.date(2025, 6, 1), ("years", 0, "1e-40亿元")),
        # A revenue growth from 1e-40万元: the shown rate overflowed the 34-digit context.
        (
            "sme_innovative",
            "sme/innovative_direct_high_tech.json",
            dt.date(2025, 9, 1),
            ("main_revenue_y2", None, "1e-40万元"),
        ),
        (
            "sme_specialized",
            "sme/specialized_direct_equity.json",
            dt.date(2026, 3, 31),
            ("main_revenue_y2", None, "1e-40万元"),
        ),
    ],
)
def test_an_enormous_growth_rate_is_shown(
    ruleset: str, name: str, on: dt.date, change: tuple[str, int | None, str]
) -> None:
    """``decimal.InvalidOperation`` escaped from the display of growth rates of 10^20 and more."""
    facts = _example_facts(name)
    key, index, value = change
    if index is None:
        facts[key] = value
    else:
        facts[key][index]["leading_output"] = value
    decision = nmgpolicy.evaluate(ruleset, facts, on=on)
    assert decision.explain("en")
    import json

    json.dumps(decision.to_dict(), allow_nan=False)


def test_a_published_draw_with_a_5000_digit_team_size_is_a_discrepancy() -> None:
    """``verify`` of a record whose per_team is 10**5000 (its inspectors invalid, so that no
    other bound applies) raised ValueError formatting the number of names to draw."""
    published = nmgpolicy.inspection.draw(["E1", "E2"], ["张三", "李四"], n=1, seed="s").to_dict()
    published["inputs"]["per_team"] = 10**5000
    published["inputs"]["inspectors"][0] = 10**5000
    assert not nmgpolicy.inspection.verify(published)
    found = nmgpolicy.inspection.discrepancies(published)
    assert "$.inputs.n" in [p.path for p in found]


def test_a_schedule_file_with_a_5000_digit_year_is_refused(tmp_path: Any) -> None:
    path = tmp_path / "huge.toml"
    path.write_text("[" + "9" * 4301 + "]\nholidays = []\n", encoding="utf-8")
    with pytest.raises(periods.CalendarFileError) as info:
        periods.register_schedule_file(path)
    assert "expected a table per year" in str(info.value)


@pytest.mark.parametrize(
    "holidays",
    [
        pytest.param(lambda: range(10**18), id="range(10**18)"),  # MemoryError before
        pytest.param(lambda: __import__("itertools").count(), id="endless"),
        pytest.param(lambda: [0] * 100_000, id="100,000 problems"),  # 1.8 s before
        pytest.param(lambda: ["字" * 200_000] * 5000, id="one 200 kB text 5,000 times"),  # 6.6 s
        pytest.param(lambda: ["2031-01-01"] * 10_001, id="10,001 good dates"),
    ],
)
def test_register_year_reads_its_dates_within_the_input_budget(
    holidays: Callable[[], object],
) -> None:

    start = Stopwatch()
    with periods._scoped_registrations(), pytest.raises(InputError) as info:
        periods.register_year(2031, holidays=holidays())  # type: ignore[arg-type]
    assert len(info.value.problems) <= 102
    assert any(w in str(info.value) for w in ("max_list_length", "max_problems", "ISO date"))
    if _untraced():
        assert start.seconds < 1.0


def test_a_conflicts_range_too_long_to_count_is_refused() -> None:
    with pytest.raises(InputError) as info:
        nmgpolicy.inspection.draw(
            ["E1"], [{"id": "张三", "conflicts": range(10**20)}], n=1, seed="s"
        )
    assert "max_values" in str(info.value) or "max_list_length" in str(info.value)


@pytest.mark.parametrize("year", [[2031], {}, None, "2031", 2031.0, True])
def test_unregister_year_refuses_what_is_not_a_year(year: Any) -> None:
    """With any year registered, ``unregister_year([2031])`` raised ``TypeError`` (an
    unhashable key; an empty registry never hashed it, so the fuzz missed it at first)."""
    with periods._scoped_registrations():
        periods.register_year(2031, holidays=[])
        with pytest.raises(InputError) as info:
            periods.unregister_year(year)
        assert info.value.paths == ("$.year",)
        assert 2031 in periods.registrations()
