"""Review of the fast row path (issue #11, rounds 1 and 2) against the library's promises.

An independent reviewer's attacks on the shortcuts of the row path: the generated structurer
that reads unit texts straight from the units cache (``convert._SHORTCUTS``), the units fast
pattern (thousands separators included), the lock-free unit-text cache that halves itself, the
lazy findings with empty value slots (``Finding.__getattr__``), and decisions built without
their constructor's checks (``outcome.decided``). Each is held to the slow path it replaces:

* hostile texts and values in every amount, share, count and number field of every rule set's
  examples give the same decision, or the same :class:`~nmgpolicy.errors.InputError` (paths
  and messages), as a run with the fast pattern and the generated structurer switched off;
* several bad fields at once: every one of their paths is listed;
* many threads reading distinct texts while the cache halves itself always get right answers;
* findings and decisions copy, pickle, compare, hash, evolve and render the same before and
  after they render, from many threads and under any caller's decimal context, and stay
  read-only; a decision from ``evaluate`` equals one made by the public constructor.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import decimal
import json
import pickle
import sys
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy import convert, units
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Decision, Finding, FrozenDict, FrozenList, Message, Status

SPEC = json.loads((Path(__file__).parent / "golden" / "spec.json").read_text("utf-8"))["rulesets"]
RULESETS = sorted(SPEC)

# Texts and values a hostile or careless caller writes where an amount, a share or a count is
# expected (full-width digits, bad or mixed grouping, spaces, non-finite numbers, huge digit
# strings, Unicode minus, exponent forms, wrong types).
HOSTILE: tuple[object, ...] = (
    "１２３万元",
    "1,23,4万元",
    "1,234.5.6万元",
    "12,34万元",
    "1,234万元",
    "1,234,567.89元",
    "1,234 万元",
    "1，234万元",
    "1_000万元",
    " 15亿元",
    "15亿元 ",
    " 15 亿元 ",
    "NaN万元",
    "nan",
    "Infinity万元",
    "inf",
    "1e400万元",
    "1e400",
    "5e3万元",
    "-0万元",
    "-0",
    "-0%",
    "−5万元",
    "−0万元",
    "+.5万元",
    "5.万元",
    "9" * 39 + "元",
    "9" * 60 + "万元",
    "0." + "0" * 37 + "1万元",
    "1" * 10**6,
    "1000000000000000001元",
    "10000000000.00000001亿元",
    "60%",
    "100.00001%",
    "百分之60",
    "６０％",
    "1.5人",
    "1.2万人",
    "1,200人",
    "-1人",
    "18500.0",
    "0.9吨每万元",
    "5km²",
    "",
    "万元",
    True,
    False,
    1.5,
    3.0,
    1e300,
    float("nan"),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("-0"),
    Decimal("1e400"),
    10**40,
    10**18 + 1,
    -1,
    None,
    [],
    {},
)


def _leaves(
    value: object, path: tuple[object, ...] = ()
) -> Iterator[tuple[tuple[object, ...], object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _set(facts: Any, path: tuple[object, ...], value: object) -> None:
    for step in path[:-1]:
        facts = facts[step]
    facts[path[-1]] = value


def _json_path(path: tuple[object, ...]) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def _numeric_leaves(facts: object) -> list[tuple[object, ...]]:
    """The paths of the example's amounts, shares, counts and other numbers (a text with a
    digit, or a number): where the fast path's shortcuts apply."""
    return [
        path
        for path, value in _leaves(facts)
        if (isinstance(value, int) and not isinstance(value, bool))
        or isinstance(value, float)
        or (isinstance(value, str) and any(c.isdigit() for c in value))
    ]


def _outcome(ruleset: str, facts: object, on: dt.date) -> tuple[Any, ...]:
    """What a caller sees: the decision's dict and zh explanation, or the problems."""
    try:
        decision = nmgpolicy.evaluate(ruleset, facts, on=on)
    except InputError as error:
        return ("error", tuple((p.path, p.message) for p in error.problems))
    return ("decision", json.dumps(decision.to_dict(), sort_keys=True), decision.explain("zh"))


@contextlib.contextmanager
def _slow_path() -> Iterator[None]:
    """Every shortcut off: no fast unit pattern (each text normalised and read by the full
    reader), no generated structurer (the full walk, which builds every path), a cold cache."""
    saved = units._plain_reading, convert._fast_structurer
    units._plain_reading = lambda text: None  # type: ignore[assignment]
    convert._fast_structurer = lambda type_: None  # type: ignore[assignment]
    units._READINGS.clear()
    try:
        yield
    finally:
        units._plain_reading, convert._fast_structurer = saved
        units._READINGS.clear()


def _base(ruleset: str, index: int = 0) -> tuple[dict[str, Any], dt.date]:
    base = SPEC[ruleset]["bases"][index]
    return copy.deepcopy(base["facts"]), dt.date.fromisoformat(base["on"])


def _decision(ruleset: str, index: int = 0) -> Decision:
    facts, on = _base(ruleset, index)
    return nmgpolicy.evaluate(ruleset, facts, on=on)


# --------------------------------------------------------------------------------------------
# (1) The structurer's shortcuts against the slow path, field by field
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_hostile_values_in_every_numeric_field_answer_as_the_slow_path(ruleset: str) -> None:
    facts, on = _base(ruleset)
    paths = _numeric_leaves(facts)
    assert paths, "every example has numbers"
    values = HOSTILE if ruleset == "cluster" else HOSTILE[::2]  # cluster: the hot path, all
    mismatches = []
    for path in paths:
        for value in values:
            changed = copy.deepcopy(facts)
            _set(changed, path, value)
            with _slow_path():
                expected = _outcome(ruleset, copy.deepcopy(changed), on)
            cold = _outcome(ruleset, copy.deepcopy(changed), on)  # the fast pattern reads it
            warm = _outcome(ruleset, copy.deepcopy(changed), on)  # the cache answers
            if cold != expected or warm != expected:
                mismatches.append((_json_path(path), value, expected[:2], cold[:2], warm[:2]))
    assert not mismatches, mismatches[:3]


def test_texts_the_full_reader_cached_serve_the_structurer_as_it_would_answer() -> None:
    """A text cached by the slow reader (full-width, spaced, 每, …) then met by the generated
    structurer in a field of another kind: the structurer's shortcut checks the kind."""
    facts, on = _base("cluster")
    texts = ["１８．６亿元", " 85 平方公里 ", "0.86吨每万元", "１８５００人", "６０％", "1,480人"]
    for text in texts:  # cached by the full reader (and by the slow path of other kinds)
        with contextlib.suppress(InputError):
            units.parse_amount(text, units.Kind.MONEY, path="$")
    paths = _numeric_leaves(facts)
    for path in paths:
        for text in texts:
            changed = copy.deepcopy(facts)
            _set(changed, path, text)
            fast = _outcome("cluster", copy.deepcopy(changed), on)
            with _slow_path():
                assert _outcome("cluster", copy.deepcopy(changed), on) == fast, (path, text)
            for warm in texts:
                with contextlib.suppress(InputError):
                    units.parse_amount(warm, units.Kind.MONEY, path="$")


_PARSERS = {
    "money": lambda v: units.parse_amount(v, units.Kind.MONEY, path="$.x"),
    "mass": lambda v: units.parse_amount(v, units.Kind.MASS, path="$.x"),
    "kva": lambda v: units.parse_amount(v, units.Kind.APPARENT_POWER, path="$.x"),
    "area": lambda v: units.parse_amount(v, units.Kind.AREA, path="$.x"),
    "intensity": lambda v: units.parse_amount(v, units.Kind.MASS_PER_MONEY, path="$.x"),
    "share": lambda v: units.parse_share(v, path="$.x"),
    "ratio": lambda v: units.parse_ratio(v, path="$.x"),
    "unsigned": lambda v: units.parse_ratio(v, path="$.x", signed=False),
    "count": lambda v: units.parse_count(v, path="$.x"),
}


def _words(text: str) -> list[str]:
    return text.split()


_UNIT_TEXTS = (
    *_words("元 万元 亿元 吨 万吨 kVA MVA 千伏安 平方公里 公顷 km2 吨/万元 千克/元 % 人 家 万人"),
    "",
    " 万元",
    "  %",
)
_NUMBERS = (
    *_words("0 -0 +0 1 0.5 .5 1.0 100 1,000 12,345.678 999,999,999 1,00 1,0000 -1,234 +1,234.5"),
    *_words("0.0001 123456789012345678 1000000000000000000"),
    "9" * 38,
    "0." + "0" * 37 + "1",
)


def test_every_unit_parser_fast_path_gives_the_full_readers_answer() -> None:
    """``parse_*`` (fast pattern and cache) against ``parse_*.__wrapped__`` with the fast
    pattern off and a cold cache: the same value (digit for digit) or the same message."""

    def answer(parse: Any, value: object) -> object:
        try:
            result = parse(value)
        except InputError as error:
            return [(p.path, p.message) for p in error.problems]
        return (type(result), str(result))

    values: list[object] = [n + u for n in _NUMBERS for u in _UNIT_TEXTS]
    values += [0.0, -0.0, 0.5, 1.0, 1e-40, 1e-41, 5e-324, -0.5, 2.0, 1e308]
    for name, parse in _PARSERS.items():
        for value in values:
            units._READINGS.clear()
            first, second = answer(parse, value), answer(parse, value)
            with _slow_path():
                expected = answer(parse, value)
            assert first == expected and second == expected, (name, value, expected, first)


# --------------------------------------------------------------------------------------------
# (2) Several bad fields at once: every path
# --------------------------------------------------------------------------------------------

_BAD = ("1,23,4万元", "NaN万元", "1,234.5.6万元", "1e400", "−5万元", Decimal("NaN"), True)


@pytest.mark.parametrize("ruleset", RULESETS)
def test_several_bad_fields_are_all_listed_by_path(ruleset: str) -> None:
    facts, on = _base(ruleset)
    bad: dict[tuple[object, ...], object] = {}
    for index, path in enumerate(_numeric_leaves(facts)):
        value = _BAD[index % len(_BAD)]
        changed = copy.deepcopy(facts)
        _set(changed, path, value)
        got = _outcome(ruleset, changed, on)
        if got[0] == "error" and [p for p, _ in got[1]] == [_json_path(path)]:
            bad[path] = value  # refused alone, at its own path
    assert len(bad) >= 2
    changed = copy.deepcopy(facts)
    for path, value in bad.items():
        _set(changed, path, value)
    got = _outcome(ruleset, copy.deepcopy(changed), on)
    with _slow_path():
        expected = _outcome(ruleset, copy.deepcopy(changed), on)
    assert got == expected
    assert got[0] == "error"
    listed = [p for p, _ in got[1]]
    assert set(listed) == {_json_path(path) for path in bad}
    assert all("e.g." in message for _, message in got[1])


# --------------------------------------------------------------------------------------------
# (3) The unit cache halving itself while many threads read distinct texts
# --------------------------------------------------------------------------------------------


def test_cache_halving_under_many_threads_gives_right_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(units._READINGS, "maxsize", 64)  # halves every 32 new texts
    units._READINGS.clear()
    errors: list[object] = []
    start = threading.Barrier(12)

    def work(thread: int) -> None:
        start.wait()
        for i in range(1500):
            whole = thread * 100_000 + i
            text = f"{whole:,}.{i % 100:02d}万元" if i % 3 else f"{whole}.{i % 100:02d}万元"
            expected = (Decimal(whole) * 100 + i % 100) * 100  # in 元, exactly
            for _ in range(2):  # read afresh, then (maybe) from the cache
                got = units.parse_amount(text, units.Kind.MONEY, path="$")
                if got != expected:
                    errors.append((text, got, expected))
            share = f"{i % 101}%"
            if units.parse_share(share, path="$") != Decimal(i % 101) / 100:
                errors.append(share)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(t,)) for t in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors, errors[:5]
    assert len(units._READINGS) <= 64 + 12  # bounded (a racing lock-free write at most each)
    units._READINGS.clear()


def test_structurer_from_many_threads_while_the_cache_halves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(units._READINGS, "maxsize", 32)
    units._READINGS.clear()
    facts, on = _base("cluster")
    expected: dict[str, tuple[Any, ...]] = {}
    area_values = [f"{n}.{n % 7}平方公里" for n in range(40, 140)]
    for area in area_values:
        changed = copy.deepcopy(facts)
        changed["area"] = area
        expected[area] = _outcome("cluster", changed, on)
    errors: list[str] = []

    def work(offset: int) -> None:
        for step in range(len(area_values)):
            area = area_values[(step * 7 + offset) % len(area_values)]
            changed = copy.deepcopy(facts)
            changed["area"] = area
            if _outcome("cluster", changed, on) != expected[area]:
                errors.append(area)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    units._READINGS.clear()


# --------------------------------------------------------------------------------------------
# (4) Findings and decisions: copies, pickles, equality, threads, contexts, read-only
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_lazy_findings_copy_pickle_and_compare_as_rendered_ones(ruleset: str) -> None:
    rendered = _decision(ruleset)
    rendered.to_dict()
    for maker in (
        copy.copy,
        copy.deepcopy,
        lambda f: pickle.loads(pickle.dumps(f)),
        lambda f: pickle.loads(pickle.dumps(f, protocol=0)),
        attrs.evolve,
    ):
        fresh = _decision(ruleset)  # nothing rendered yet
        for lazy, done in zip(fresh.findings, rendered.findings, strict=True):
            before = hash(lazy)
            copied = maker(lazy)
            assert copied == done and lazy == done
            assert hash(copied) == hash(done) == before == hash(lazy)
            assert copied.to_dict() == done.to_dict() == lazy.to_dict()
        assert maker(fresh) == rendered == fresh
        assert hash(maker(fresh)) == hash(rendered)


def test_a_rendered_finding_pickles_and_evolves_to_an_equal_one() -> None:
    decision = _decision("cluster")
    for finding in decision.findings:
        assert finding.message.zh  # rendered
        assert pickle.loads(pickle.dumps(finding)) == finding
        assert attrs.evolve(finding) == finding
        changed = attrs.evolve(finding, binding=not finding.binding)
        assert changed.message == finding.message and changed.gap == finding.gap
    assert pickle.loads(pickle.dumps(decision)) == decision


def test_an_evolved_lazy_finding_with_a_new_message_keeps_the_rendered_values() -> None:
    lazy = _decision("cluster").findings
    done = _decision("cluster").findings
    for finding, reference in zip(lazy, done, strict=True):
        new = attrs.evolve(finding, message=Message("新", "new"), status=Status.REVIEW)
        assert new.message == Message("新", "new") and new.status is Status.REVIEW
        assert (new.measured, new.required, new.gap) == (
            reference.measured,
            reference.required,
            reference.gap,
        )


def test_getattr_does_not_hide_missing_attributes() -> None:
    finding = _decision("cluster").findings[0]
    with pytest.raises(AttributeError, match=r"^'Finding' object has no attribute 'nonexistent'$"):
        finding.nonexistent  # noqa: B018
    assert not hasattr(finding, "nonexistent")
    assert not hasattr(finding, "measured_")
    assert getattr(finding, "nonexistent", 42) == 42
    assert hasattr(finding, "measured") and hasattr(finding, "gap")
    with pytest.raises(AttributeError):
        finding.__dict__  # noqa: B018  # slots: no instance dictionary
    assert finding.to_dict()["id"] == finding.id


@pytest.mark.parametrize("ruleset", RULESETS)
def test_sixteen_threads_render_one_decision_once_and_alike(ruleset: str) -> None:
    reference = _decision(ruleset)
    expected = (reference.to_dict(), reference.explain("zh"), reference.explain("en"))
    decision = _decision(ruleset)
    barrier = threading.Barrier(16)
    seen: list[object] = []
    lock = threading.Lock()

    def read(thread: int) -> None:
        barrier.wait()
        with decimal.localcontext() as context:
            if thread % 2:  # half the readers under a hostile context of their own
                context.prec = 1
                context.traps[decimal.Inexact] = True
                context.traps[decimal.Rounded] = True
            messages = tuple(f.message for f in decision.findings)
            values = tuple((f.measured, f.required, f.gap) for f in decision.findings)
            got = (decision.to_dict(), decision.explain("zh"), decision.explain("en"))
            results = decision.results
        with lock:
            seen.append((messages, values, got, results, hash(decision)))

    threads = [threading.Thread(target=read, args=(t,)) for t in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 16
    first = seen[0]
    for messages, values, got, results, hashed in seen:
        assert got == expected
        assert hashed == hash(reference)
        assert all(a is b for a, b in zip(messages, first[0], strict=True))  # rendered once
        assert all(
            x is y for a, b in zip(values, first[1], strict=True) for x, y in zip(a, b, strict=True)
        )
        assert results is first[3]  # computed once


@pytest.mark.parametrize("ruleset", RULESETS)
def test_a_callers_decimal_context_changes_nothing(ruleset: str) -> None:
    expected = _decision(ruleset)
    expected_out = (expected.to_dict(), expected.explain("zh"), expected.to_markdown("en"))
    with decimal.localcontext() as context:
        context.prec = 1
        context.Emax, context.Emin = 3, -3
        context.capitals, context.clamp, context.rounding = 0, 1, decimal.ROUND_UP
        for signal in (
            decimal.Inexact,
            decimal.Rounded,
            decimal.InvalidOperation,
            decimal.Overflow,
        ):
            context.traps[signal] = True
        decision = _decision(ruleset)
        out = (decision.to_dict(), decision.explain("zh"), decision.to_markdown("en"))
        hashed = hash(decision)
        equal = decision == expected
        texts = [str(v) for f in decision.findings for v in (f.measured, f.required, f.gap)]
        repr(decision)
    assert out == expected_out and equal and hashed == hash(expected)
    assert texts == [str(v) for f in expected.findings for v in (f.measured, f.required, f.gap)]


def _is_read_only(value: object) -> None:
    if isinstance(value, dict):
        assert type(value) is FrozenDict, type(value)
        with pytest.raises(TypeError):
            value["__x"] = 1  # type: ignore[index]
        with pytest.raises(TypeError):
            value.update({})
        for item in value.values():
            _is_read_only(item)
    elif isinstance(value, list | tuple):
        assert not isinstance(value, list), type(value)
        for item in value:
            _is_read_only(item)


@pytest.mark.parametrize("ruleset", RULESETS)
def test_returned_results_and_lists_are_read_only(ruleset: str) -> None:
    decision = _decision(ruleset)
    _is_read_only(decision.results)
    _is_read_only(decision.overrides)
    assert type(decision.findings) is tuple and type(decision.notes) is tuple
    for finding in decision.findings:
        for value in (finding.measured, finding.required, finding.gap):
            _is_read_only(value)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            finding.status = Status.MET  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        decision.status = decision.status  # type: ignore[misc]
    # what to_dict returns is the caller's own: changing it changes no later answer
    mine = decision.to_dict()
    mine["results"].clear()
    mine["findings"].clear()
    assert decision.to_dict() == _decision(ruleset).to_dict()
    assert isinstance(decision.results, FrozenDict) and not isinstance(decision.findings, list)
    assert all(
        not isinstance(v, list) or isinstance(v, FrozenList) for v in decision.results.values()
    )


# --------------------------------------------------------------------------------------------
# (5) decided: what evaluate returns is what the public constructor makes of the same parts
# --------------------------------------------------------------------------------------------


def _overrides(ruleset: str) -> list[dict[str, object]]:
    legal = SPEC[ruleset]["overrides"]["legal"]
    return [{}] + [{name: values[-1]} for name, values in sorted(legal.items())[:4]]


@pytest.mark.parametrize("ruleset", RULESETS)
def test_evaluate_decision_equals_the_public_constructors(ruleset: str) -> None:
    for index in range(len(SPEC[ruleset]["bases"])):
        for parameters in _overrides(ruleset):
            facts, on = _base(ruleset, index)
            try:
                decision = nmgpolicy.evaluate(ruleset, facts, on=on, parameters=parameters)
            except InputError:
                continue
            built = Decision(
                decision.ruleset,
                decision.on,
                decision.status,
                decision.findings,
                results=dict(decision.results),
                notes=list(decision.notes),
                overrides=dict(decision.overrides),
            )
            assert built == decision and decision == built
            assert hash(built) == hash(decision)
            assert built.to_dict() == decision.to_dict()
            assert built.explain("zh") == decision.explain("zh")
            assert type(built.results) is type(decision.results) is FrozenDict
            assert type(built.overrides) is type(decision.overrides) is FrozenDict
            assert built.overrides == decision.overrides
            assert attrs.evolve(decision) == decision
            assert pickle.loads(pickle.dumps(decision)) == decision


def test_an_attribute_error_inside_a_renderer_is_not_hidden() -> None:
    """A renderer's own AttributeError is raised as a RuntimeError caused by it (an
    AttributeError out of a property would be taken over by ``Finding.__getattr__``)."""

    def render() -> Any:
        return None.zh  # type: ignore[attr-defined]  # a renderer's own bug

    finding = Finding("x.y", Status.MET, render=render)
    for name in ("message", "measured", "required", "gap"):
        with pytest.raises(RuntimeError, match="'NoneType' object has no attribute 'zh'") as caught:
            getattr(finding, name)
        assert isinstance(caught.value.__cause__, AttributeError)
    with pytest.raises(RuntimeError, match="'NoneType' object has no attribute 'zh'"):
        finding.to_dict()


def test_a_renderer_raising_another_error_lets_it_through_and_can_retry() -> None:
    calls: list[int] = []

    def render() -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("first time")
        return (Message("好", "ok"), 1, 2, None)

    finding = Finding("x.y", Status.MET, render=render)
    with pytest.raises(ValueError, match="first time"):
        finding.message  # noqa: B018
    assert finding.message == Message("好", "ok")
    assert (finding.measured, finding.required, finding.gap) == (1, 2, None)
    assert len(calls) == 2


# --------------------------------------------------------------------------------------------
# The caller's own input, changed after evaluate and before anything renders
# --------------------------------------------------------------------------------------------


def _scramble(value: Any) -> None:
    """Change every value of the caller's facts in place, and grow every list."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list):
                _scramble(item)
            else:
                value[key] = (not item) if isinstance(item, bool) else "x"
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict | list):
                _scramble(item)
            else:
                value[index] = "x"
        value.append("junk")


@pytest.mark.parametrize("ruleset", RULESETS)
def test_changing_the_callers_facts_and_parameters_later_changes_no_rendering(
    ruleset: str,
) -> None:
    for index in range(len(SPEC[ruleset]["bases"])):
        for parameters in _overrides(ruleset)[:2]:
            facts, on = _base(ruleset, index)
            mine = dict(parameters)
            try:
                expected = nmgpolicy.evaluate(
                    ruleset, copy.deepcopy(facts), on=on, parameters=dict(parameters)
                )
            except InputError:
                continue
            decision = nmgpolicy.evaluate(ruleset, facts, on=on, parameters=mine)
            _scramble(facts)
            mine.clear()
            mine["no_such_parameter"] = 1
            assert decision.to_dict() == expected.to_dict()
            assert decision.explain("zh") == expected.explain("zh")
            assert decision == expected
