"""The caller's decimal context changes no answer, raises nothing, and is left as it was.

``decimal`` arithmetic reads a thread-local context. A caller may set ``prec = 2``, trap
:class:`decimal.Inexact` or :class:`decimal.Rounded` to audit their own arithmetic, shrink
``Emax``, or round up; none of it may reach nmgpolicy, which runs every public entry point under
its own context (:data:`nmgpolicy._exact.LIBRARY_CONTEXT`, through :func:`nmgpolicy._exact.exact`).
Each case below is computed once under Python's default context, then again under each hostile
context, and must give exactly the same ``to_dict()``, ``explain()`` and Markdown; afterwards
the caller's context has the same settings and no flag raised.
"""

from __future__ import annotations

import datetime as dt
import decimal
import inspect
import json
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import cluster, disclosure, ferroalloy, first_set, inspection, periods, sme, units
from nmgpolicy._exact import LIBRARY_CONTEXT, exact
from nmgpolicy.cli import example_cases
from nmgpolicy.outcome import Decision, jsonable
from nmgpolicy.units import Kind

ALL_TRAPS = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
    decimal.FloatOperation,
]

HOSTILE: dict[str, Callable[[], decimal.Context]] = {
    "prec=2": lambda: decimal.Context(prec=2),
    "traps Inexact and Rounded": lambda: decimal.Context(
        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow]
    ),
    "tiny Emax, every trap": lambda: decimal.Context(
        prec=5, Emax=3, Emin=-3, clamp=1, capitals=0, traps=ALL_TRAPS
    ),
    "ROUND_UP prec=3": lambda: decimal.Context(prec=3, rounding=decimal.ROUND_UP),
    "ROUND_FLOOR prec=1, no traps": lambda: decimal.Context(
        prec=1, rounding=decimal.ROUND_FLOOR, traps=[]
    ),
}


def _settings(context: decimal.Context) -> dict[str, Any]:
    """Everything a caller can set on a context, flags included."""
    return {
        "prec": context.prec,
        "rounding": context.rounding,
        "Emin": context.Emin,
        "Emax": context.Emax,
        "capitals": context.capitals,
        "clamp": context.clamp,
        "traps": {k.__name__: v for k, v in context.traps.items()},
        "flags": {k.__name__: v for k, v in context.flags.items()},
    }


def _decision_forms(decision: Decision) -> tuple[str, ...]:
    return (
        json.dumps(decision.to_dict(), ensure_ascii=False, sort_keys=True),
        decision.explain("zh"),
        decision.explain("en"),
        decision.to_markdown("zh"),
        decision.to_markdown("en"),
        decision._repr_html_(),
    )


def _forms(result: object) -> tuple[str, ...]:
    """What a caller reads from a result: its JSON form, and a Decision's reports."""
    if isinstance(result, Decision):
        return _decision_forms(result)
    return (json.dumps(jsonable(result), ensure_ascii=False, sort_keys=True, default=str),)


# --------------------------------------------------------------------------------------------
# The cases: every bundled example, overrides, and every public helper with typical inputs
# --------------------------------------------------------------------------------------------

EXAMPLES = example_cases()


def _example(ruleset: str, facts: object, on: dt.date) -> Callable[[], object]:
    return lambda: nmgpolicy.evaluate(ruleset, facts, on=on)


def _draw() -> inspection.Draw:
    return inspection.draw(
        ["企业A", "企业B", "企业C", "企业D", "企业E"],
        ["张三", "李四", {"id": "王五", "conflicts": ["企业A"]}, "赵六", "钱七"],
        n=3,
        seed="2026-03-02 公开摇号",
        commitment=inspection.commit("2026-03-02 公开摇号"),
    )


def _facts(folder: str, name: str) -> object:
    for _, file, facts, _, _ in EXAMPLES:
        if file == f"{folder}/{name}":
            return facts
    raise LookupError(name)


CASES: dict[str, Callable[[], object]] = {
    **{f"example {file}": _example(rs, facts, on) for rs, file, facts, on, _ in EXAMPLES},
    # What-if overrides with digits that no short precision holds.
    "ferroalloy ratio_small=1.3333": lambda: nmgpolicy.evaluate(
        "ferroalloy",
        _facts("ferroalloy", "short_plan.json"),
        on=dt.date(2025, 6, 1),
        parameters={"ratio_small": "1.3333", "single_scale_lower": "33.3333万吨"},
    ),
    "cluster min_patent_density=5.123456789": lambda: nmgpolicy.evaluate(
        "cluster",
        _facts("cluster", "eligible.json"),
        on=dt.date(2025, 6, 1),
        parameters={"min_patent_density": "5.123456789", "min_sme_share": "60.123456%"},
    ),
    "first_set threshold 79.99万元/套": lambda: nmgpolicy.evaluate(
        "first_set",
        _facts("first_set", "eligible_complete_set.json"),
        on=dt.date(2025, 6, 1),
        parameters={"threshold_complete_set": "79.99万元/套"},
    ),
    # The rule modules' helpers.
    "cluster.valid_until": lambda: cluster.valid_until("2024-02-29", renewed=True),
    "cluster.annual_report_due": lambda: cluster.annual_report_due(2026),
    "cluster.change_filing_due": lambda: cluster.change_filing_due("2025-05-01"),
    "cluster.revocation_grounds": lambda: cluster.revocation_grounds(
        {
            "reports": [{"year": 2026, "submitted_on": "2026-03-20"}],
            "changes": [{"changed_on": "2025-05-01", "what": "运营管理机构变更"}],
        },
        on="2026-06-01",
    ),
    "ferroalloy.tiers": lambda: ferroalloy.tiers(),
    "ferroalloy.tier": lambda: ferroalloy.tier("group", "60万吨"),
    "ferroalloy.ratio": lambda: ferroalloy.ratio("single", "29.99万吨"),
    "ferroalloy.required_retirement": lambda: ferroalloy.required_retirement(
        "single", "33.3333万吨", "12.3456789万吨"
    ),
    "ferroalloy.required_retirement override": lambda: ferroalloy.required_retirement(
        "single", "29.99万吨", "12.3456789万吨", parameters={"ratio_small": "1.33333333"}
    ),
    "ferroalloy.plan_notice_due": lambda: ferroalloy.plan_notice_due("2025-09-26"),
    "first_set.checklist": first_set.checklist,
    "first_set.public_notice": lambda: first_set.public_notice("2025-09-26"),
    "first_set.results_disclosure_due": lambda: first_set.results_disclosure_due("2025-09-26"),
    "first_set.validity_window": lambda: first_set.validity_window("2025-09-26"),
    "disclosure.catalog": disclosure.catalog,
    "disclosure.item": lambda: disclosure.item("annual-budget"),
    "disclosure.deadline": lambda: disclosure.deadline("annual-budget", "2026-01-20"),
    "disclosure.deadline working days": lambda: disclosure.deadline(
        "first-set-results", dt.date(2025, 9, 26)
    ),
    "sme.priority_chain": lambda: sme.priority_chain("稀土新材料"),
    "sme.priority_lists": sme.priority_lists,
    "sme.priority_fields": sme.priority_fields,
    "sme.articles": sme.articles,
    "sme.targets_progress": lambda: sme.targets_progress(
        {"innovative": 333, "specialized": "217家", "little_giant": 7}
    ),
    # The value layer and the calendar.
    "units.parse_amount": lambda: units.parse_amount("1234.56789万元", Kind.MONEY, path="$.v"),
    "units.parse_amount 亩": lambda: units.parse_amount("7亩", Kind.AREA, path="$.v"),
    "units.parse_share": lambda: units.parse_share("33.3333%", path="$.v"),
    "units.parse_ratio": lambda: units.parse_ratio("-5.5555%", path="$.v"),
    "units.parse_count": lambda: units.parse_count("1.2345万人", path="$.v"),
    "units.format_amount": lambda: units.format_amount(Decimal("123456789.987654321"), Kind.MONEY),
    "units.format_amount en": lambda: units.format_amount(
        Decimal("123456789.987654321"), Kind.MONEY, lang="en"
    ),
    "units.convert": lambda: units.convert(Decimal("876543.21"), Kind.MONEY_PER_SET, "万元/套"),
    "units.quantity": lambda: units.quantity("80.123456万元/套"),
    "periods.deadline": lambda: periods.deadline(dt.date(2025, 9, 26), "20个工作日"),
    "periods.notice_window": lambda: periods.notice_window(dt.date(2025, 9, 26), 5),
    "inspection.draw": lambda: _draw(),
    "inspection.verify": lambda: inspection.verify(_draw().to_dict()),
    "inspection.commit": lambda: inspection.commit(12345),
}


@pytest.fixture(scope="module")
def baseline() -> dict[str, tuple[str, ...]]:
    """Every case under Python's default context (in a fresh thread: a clean context)."""
    found: dict[str, tuple[str, ...]] = {}

    def compute() -> None:
        assert _settings(decimal.getcontext()) == _settings(decimal.Context())
        for name, call in CASES.items():
            found[name] = _forms(call())

    thread = threading.Thread(target=compute)
    thread.start()
    thread.join()
    assert len(found) == len(CASES)
    return found


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request: pytest.FixtureRequest) -> Iterator[decimal.Context]:
    """The caller's context, set for the test and checked unchanged (no flag raised) after."""
    context = HOSTILE[request.param]()
    before = _settings(context)
    with decimal.localcontext(context) as current:
        yield current
        assert decimal.getcontext() is current
        assert _settings(current) == before
    assert _settings(context) == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_answer_under_any_caller_context(
    case: str, hostile: decimal.Context, baseline: dict[str, tuple[str, ...]]
) -> None:
    assert _forms(CASES[case]()) == baseline[case]


def test_the_hostile_contexts_would_change_answers() -> None:
    """The test has teeth: the same arithmetic outside the library's context does differ."""
    with decimal.localcontext(HOSTILE["prec=2"]()):
        assert Decimal("0.705607") * 100 == Decimal("71")
    with (
        decimal.localcontext(HOSTILE["traps Inexact and Rounded"]()),
        pytest.raises(decimal.Inexact),
    ):
        Decimal(2) / Decimal(3)
    with decimal.localcontext(HOSTILE["prec=2"]()), decimal.localcontext(LIBRARY_CONTEXT):
        assert Decimal("0.705607") * 100 == Decimal("70.5607")


def test_a_failing_call_leaves_the_context_too() -> None:
    """An InputError raised inside leaves the caller's context and flags as they were."""
    context = HOSTILE["tiny Emax, every trap"]()
    before = _settings(context)
    with decimal.localcontext(context) as current:
        with pytest.raises(nmgpolicy.InputError):
            ferroalloy.ratio("single", "1e30万吨")
        with pytest.raises(nmgpolicy.InputError):
            nmgpolicy.evaluate("cluster", {"area": "NaN平方公里"}, on=dt.date(2025, 6, 1))
        assert decimal.getcontext() is current
        assert _settings(current) == before


def test_library_context() -> None:
    """Exact for the values units admits; Python's default exponent range and traps."""
    assert LIBRARY_CONTEXT.prec == 200
    assert LIBRARY_CONTEXT.rounding == decimal.ROUND_HALF_EVEN
    assert (LIBRARY_CONTEXT.Emin, LIBRARY_CONTEXT.Emax) == (-999_999, 999_999)
    trapped = {k for k, v in LIBRARY_CONTEXT.traps.items() if v}
    assert trapped == {decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow}
    # The largest and the smallest amount units admits add up exactly.
    big, small = Decimal("9" * 50), Decimal("1e-93")
    with decimal.localcontext(LIBRARY_CONTEXT) as context:
        assert (big + small) - big == small
        assert not context.flags[decimal.Inexact]


def test_exact_keeps_the_signature_and_uses_a_fresh_copy() -> None:
    def f(a: int, *, b: str = "x") -> Decimal:
        """Doc."""
        return Decimal(1) / Decimal(3)

    wrapped = exact(f)
    assert wrapped.__name__ == "f" and wrapped.__doc__ == "Doc." and wrapped.__wrapped__ is f  # type: ignore[attr-defined]
    assert inspect.signature(wrapped) == inspect.signature(f)
    assert len(str(wrapped(1, b="y"))) == 202  # "0." and 200 digits
    assert not any(LIBRARY_CONTEXT.flags.values())  # the flags went to the copy
    assert inspect.signature(ferroalloy.ratio).parameters["scale_after"].annotation == "object"


def test_every_public_helper_is_exact() -> None:
    """Each public function of the rule modules, sme and inspection runs under the library's
    context (periods does no decimal arithmetic; units has its own explicit context)."""
    from tests.test_fuzz import public_functions

    missing = [
        f"{module}.{name}"
        for module in ("cluster", "ferroalloy", "first_set", "disclosure", "sme", "inspection")
        for name, function in public_functions(module).items()
        if getattr(function, "__wrapped__", None) is None
        and name not in {"load_catalog", "parse_catalog"}  # catalog.py: the lead's list
    ]
    assert not missing
    for ruleset_id in nmgpolicy.rulesets():
        ruleset = nmgpolicy.get_ruleset(ruleset_id)
        assert getattr(type(ruleset).decide, "__wrapped__", None) is not None, ruleset_id


def test_the_shared_entry_points_are_exact() -> None:
    """The engine, the value layer, the parameters, the reports and the command line too."""
    from nmgpolicy import cli, convert, engine, outcome, params, render

    entry_points: list[object] = [
        engine.evaluate,
        engine.BaseRuleSet.evaluate,
        convert.structure,
        params.ParameterSet.resolve,
        outcome.jsonable,
        outcome.display,
        outcome.Decision.to_dict,
        outcome.Decision.explain,
        outcome.Decision.to_markdown,
        outcome.Amount.text,
        cli.main,
        *(getattr(render, name) for name in render.__all__ if name != "status_label"),
        *(
            function
            for name, function in vars(units).items()
            if name in units.__all__ and inspect.isfunction(function)
        ),
    ]
    assert [f for f in entry_points if getattr(f, "__wrapped__", None) is None] == []


def test_each_thread_keeps_its_own_context() -> None:
    """Threads with different contexts evaluating at once all get the default answer."""
    rs, _, facts, on, _ = next(e for e in EXAMPLES if e[0] == "cluster")
    with decimal.localcontext(decimal.Context()):
        expected = _decision_forms(nmgpolicy.evaluate(rs, facts, on=on))
    results: list[tuple[str, ...]] = []
    errors: list[BaseException] = []

    def work(make: Callable[[], decimal.Context]) -> None:
        try:
            decimal.setcontext(make())
            for _ in range(5):
                results.append(_decision_forms(nmgpolicy.evaluate(rs, facts, on=on)))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(make,)) for make in HOSTILE.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert results == [expected] * (5 * len(HOSTILE))
