"""The decide function generated once per definition gives what asking each criterion gives.

:meth:`nmgpolicy.definition.Definition.decide` runs the criteria as straight-line code generated
for the rule set's data file (:class:`nmgpolicy.definition.Source`; the flags, attestations,
thresholds and "applies only to" conditions written out, every other kind called). Each test
here holds it to the criteria asked one by one (``_one_by_one``): the same findings — status,
citation, binding, message and values — and the same decision, on every kind it writes out,
on golden fact sets of every rule set, from many threads at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy import definition as definition_module
from nmgpolicy import units
from nmgpolicy.criteria import Applies, Attestation, Compare, Flag, Threshold
from nmgpolicy.definition import Definition, Fact, Param, Row, Source, _one_by_one
from nmgpolicy.engine import Context, get_ruleset
from nmgpolicy.outcome import Finding, Message, Status, decided
from nmgpolicy.params import load_parameters

ON = dt.date(2025, 6, 1)


@attrs.frozen
class _Inner:
    flag: bool | None = None


@attrs.frozen
class _Facts:
    flag: bool | None = None
    area: Decimal | None = None
    platforms: int | None = None
    applies: bool | None = None
    inner: _Inner | None = None


class _Odd(Threshold):
    """A threshold kind deciding otherwise (as ``CountThreshold`` does): never written out."""

    def decide(self, row: Row) -> Finding:
        return row.ctx.finding(self.id, Status.REVIEW, "odd", "odd")


_CRITERIA = (
    Attestation("cluster.local_pillar", Fact("inner.flag")),
    Flag("cluster.no_major_incidents", Fact("flag"), expected=False),
    Flag("x.not_in_the_data_file", Fact("flag"), subject=Message("旗", "a flag")),
    Threshold("cluster.area", Fact("area"), Param("max_area"), compare=Compare.AT_MOST, soft=True),
    Threshold("cluster.industrial_internet", Fact("area"), Param("max_area"), Compare.BELOW),
    Threshold("cluster.innovation_platforms", Fact("platforms"), Param("min_innovation_platforms")),
    Applies(
        "cluster.energy_efficiency",
        when=Fact("applies"),
        then=Flag("cluster.energy_efficiency", Fact("inner.flag")),
        missing=Message("缺", "missing"),
        reason=Message("不适用", "not applicable"),
    ),
    _Odd("cluster.sme_share", Fact("area"), Param("max_area")),
)
_DEFINITION: Definition[_Facts] = Definition("cluster", _Facts, _CRITERIA)


def _shown(findings: list[Finding]) -> list[str]:
    """Everything a finding shows (rendered), as text."""
    return [json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False) for f in findings]


def _all_facts() -> Iterator[_Facts]:
    flags = (None, True, False)
    areas = (None, Decimal(0), Decimal(99), Decimal(100), Decimal("100.01"))
    for flag, area, platforms, applies, inner in itertools.product(
        flags, areas, (None, 0, 1, 2, 5), flags, (None, *flags)
    ):
        yield _Facts(flag, area, platforms, applies, None if inner is None else _Inner(inner))


def test_every_kind_written_out_decides_as_asked_one_by_one() -> None:
    data = load_parameters("cluster")
    params = data.resolve(ON)
    count = 0
    for facts in _all_facts():
        fast, _ = _DEFINITION.decide(facts, Context(ON, params, data, []))
        slow = _one_by_one(_DEFINITION, Row(facts, Context(ON, params, data, [])))
        assert [(f.id, f.status, f.citation, f.binding) for f in fast] == [
            (f.id, f.status, f.citation, f.binding) for f in slow
        ]
        assert _shown(fast) == _shown(slow)
        count += 1
    assert count == 3 * 5 * 5 * 3 * 4
    entry = definition_module._COMPILED[id(_DEFINITION)]
    assert entry[1] is data and entry[2] is not None  # the generated function was used


def test_the_generated_code_writes_out_the_simple_kinds_and_calls_the_others() -> None:
    source = Source(load_parameters("cluster"))
    for criterion in _CRITERIA:
        criterion.write(source, 1)
    text = "\n".join(source.lines)
    called = [value for name, value in source.names.items() if name.startswith("_decide")]
    assert [getattr(c, "__self__", None) for c in called] == [_CRITERIA[-1]]  # the odd one
    assert text.count("append(") == 3 + 3 + 3 + 1  # flags, thresholds, applies (3), the odd one
    assert "_Odd" not in text and ".decide" not in text


def test_other_data_than_the_generated_functions_is_decided_one_by_one() -> None:
    data = load_parameters("cluster")
    other = attrs.evolve(data)  # equal, but not the object the code was generated for
    assert other is not data
    facts = _Facts(True, Decimal(101), 3, True, _Inner(False))
    _DEFINITION.decide(facts, Context(ON, data.resolve(ON), data, []))  # generated for data
    findings, _ = _DEFINITION.decide(facts, Context(ON, other.resolve(ON), other, []))
    expected = _one_by_one(_DEFINITION, Row(facts, Context(ON, other.resolve(ON), other, [])))
    assert _shown(findings) == _shown(expected)


def test_a_definition_generated_from_many_threads_at_once_is_generated_once() -> None:
    fresh: Definition[_Facts] = Definition("cluster", _Facts, _CRITERIA)
    data = load_parameters("cluster")
    params = data.resolve(ON)
    barrier = threading.Barrier(8)
    answers: list[list[str]] = []

    def work() -> None:
        barrier.wait()
        findings, _ = fresh.decide(_Facts(False, Decimal(5)), Context(ON, params, data, []))
        answers.append(_shown(findings))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 8 and all(a == answers[0] for a in answers)
    assert definition_module._COMPILED[id(fresh)][2] is not None


@contextlib.contextmanager
def _one_criterion_at_a_time() -> Iterator[None]:
    """Every definition decided without its generated function."""
    saved = dict(definition_module._COMPILED)
    for key, (owner, data, _) in saved.items():
        definition_module._COMPILED[key] = (owner, data, None)
    try:
        yield
    finally:
        definition_module._COMPILED.clear()
        definition_module._COMPILED.update(saved)


def _outcome(ruleset: str, case: dict[str, Any]) -> tuple[str, str]:
    decision = nmgpolicy.evaluate(
        ruleset, case["facts"], on=dt.date.fromisoformat(case["on"]), parameters=case["parameters"]
    )
    return json.dumps(decision.to_dict(), sort_keys=True), decision.explain("zh")


@pytest.mark.parametrize("ruleset", nmgpolicy.rulesets())
def test_every_rule_set_decides_golden_cases_alike_both_ways(ruleset: str) -> None:
    from benchmarks import workload

    cases = workload.golden_inputs(ruleset, 60)
    assert cases
    generated = [_outcome(ruleset, case) for case in cases]
    definition = getattr(get_ruleset(ruleset), "definition", None)
    if definition is not None:  # every built-in rule set has one, generated once used
        assert definition_module._COMPILED[id(definition)][2] is not None
    with _one_criterion_at_a_time():
        asked = [_outcome(ruleset, case) for case in cases]
    assert generated == asked


def test_a_decision_made_from_generated_findings_pickles_and_equals_itself() -> None:
    import pickle

    data = load_parameters("cluster")
    findings, results = _DEFINITION.decide(_Facts(True), Context(ON, data.resolve(ON), data, []))
    decision = decided("cluster", ON, findings, results, [], {})
    assert pickle.loads(pickle.dumps(decision)) == decision


@pytest.mark.parametrize(
    "text", ["15亿元", "0元", "-0万元", "60%", "100.5%", "0.6", "1200人", "2.5人", "3家", "15吨"]
)
def test_the_units_fast_answers_are_the_declared_table(text: str) -> None:
    """parse_amount, parse_share and parse_count answer from a reading under the conditions
    of ``units._FAST_ANSWERS`` (the table the generated structurer writes out too), and then
    as their full readers do."""
    from nmgpolicy import convert
    from nmgpolicy.errors import InputError

    reading = units._plain_reading(text)
    assert reading is not None
    for answer, full in (
        (units._FAST_AMOUNT(text, units.Kind.MONEY), units._parse_amount),
        (units._FAST_SHARE(text), units._parse_share),
        (units._FAST_COUNT(text), units._parse_count),
    ):
        if answer is None:
            continue
        kwargs: dict[str, Any] = {"path": "$"}
        args = (text, units.Kind.MONEY) if full is units._parse_amount else (text,)
        try:
            expected = full(*args, **kwargs)
        except InputError:  # pragma: no cover - a fast answer the full reader refuses
            pytest.fail(f"{text}: fast {answer!r}, full reader refuses")
        assert (answer, type(answer)) == (expected, type(expected))
        assert str(answer) == str(expected)
    for type_, name in ((convert.Money, "amount"), (convert.Share, "share")):
        condition, value = units._FAST_ANSWERS[name]
        test = convert._shortcut_test(type_)
        assert test is not None and test[1] == value
        assert test[0] == condition.replace("{kind}", "_KIND_MONEY" if name == "amount" else "None")


def test_load_parameters_answers_from_what_it_loaded_and_still_refuses_unknown_ids() -> None:
    """The hot path of ``load_parameters`` (one dict read per evaluation) gives the one object
    the reader keeps; an unknown or odd id is refused as before."""
    from nmgpolicy import params
    from nmgpolicy.errors import UnknownRuleSet

    class Id(str):
        pass

    first = load_parameters("cluster")
    assert load_parameters("cluster") is first is params._load_parameters("cluster")
    assert params._LOADED["cluster"] is first
    assert load_parameters(Id("cluster")).ruleset == "cluster"  # read as before, not kept
    assert list(params._LOADED) == [k for k in params._LOADED if type(k) is str]
    for bad in ("no_such_rule_set", "../cluster", "", 3, None):
        with pytest.raises(UnknownRuleSet):
            load_parameters(bad)  # type: ignore[arg-type]
    assert "no_such_rule_set" not in params._LOADED


def test_a_fact_path_reads_none_at_the_first_absent_step_on_both_ways() -> None:
    """``Fact.read``'s one-call path and its step-by-step path agree: None at the first absent
    step, the value otherwise, and AttributeError for a step the model does not have."""
    fact = Fact("inner.flag")
    for facts, expected in (
        (_Facts(), None),
        (_Facts(inner=_Inner()), None),
        (_Facts(inner=_Inner(True)), True),
        (_Facts(inner=_Inner(False)), False),
        (None, None),
    ):
        assert fact.read(facts) is expected
        assert fact._get(facts) is expected if facts is not None and facts.inner else True
    with pytest.raises(AttributeError):
        Fact("inner.nothing").read(_Facts(inner=_Inner()))
    with pytest.raises(AttributeError):
        Fact("nothing").read(_Facts())


def test_an_error_in_a_written_out_criterion_is_the_one_decide_raises_with_its_line() -> None:
    """A threshold on a boolean fact (a rule-set bug) raises decide's TypeError, before its
    parameter is read (as decide reads them), and the traceback shows the generated line."""
    import linecache
    import traceback

    @attrs.frozen
    class Odd:
        flag: bool | None = None

    broken: Definition[Odd] = Definition(
        "cluster", Odd, (Threshold("cluster.area", Fact("flag"), Param("no_such_parameter")),)
    )
    data = load_parameters("cluster")
    for _ in range(2):  # generated on the first call, then reused
        with pytest.raises(TypeError, match="not booleans") as caught:
            broken.decide(Odd(True), Context(ON, data.resolve(ON), data, []))
        frames = traceback.extract_tb(caught.value.__traceback__)
        generated = [f for f in frames if f.filename.startswith("<nmgpolicy.definition generated")]
        assert generated, [f.filename for f in frames]
        assert "_decimal" in linecache.getline(generated[0].filename, generated[0].lineno)
    with pytest.raises(KeyError):
        broken.decide(Odd(None), Context(ON, data.resolve(ON), data, []))


def test_a_fixed_explanation_is_made_once_and_a_filled_one_per_evaluation() -> None:
    """An attestation whose subject is fixed (a data-file title without parameters) gets a
    renderer made once, holding no evaluation; one whose subject is filled with parameters
    still renders with the evaluation's own values (an override shows)."""
    import copy

    cluster_case = workload_case("cluster")
    first = nmgpolicy.evaluate("cluster", **cluster_case).finding("cluster.local_pillar")
    second = nmgpolicy.evaluate("cluster", **cluster_case).finding("cluster.local_pillar")
    assert first._render is second._render  # made once, shared: it holds no Row
    assert first.message == second.message and first.message.zh.startswith("符合：")

    case = workload_case("sme_innovative")
    params = {**(case["parameters"] or {}), "incident_window_years": 4}
    facts = copy.deepcopy(case["facts"])
    finding = nmgpolicy.evaluate("sme_innovative", facts, on=case["on"], parameters=params).finding(
        "sme_innovative.no_major_incident"
    )
    assert "last 4 years" in finding.message.en, finding.message.en


def workload_case(ruleset: str) -> dict[str, Any]:
    """One golden fact set of ``ruleset`` as keyword arguments of ``evaluate``."""
    from benchmarks import workload

    case = workload.golden_inputs(ruleset, 1)[0]
    return {
        "facts": case["facts"],
        "on": dt.date.fromisoformat(case["on"]),
        "parameters": case["parameters"],
    }
