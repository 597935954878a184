"""Review of the generated row path (issue #11, "Fast single evaluation", round 3).

An independent reviewer's attacks on :meth:`nmgpolicy.definition.Definition.decide` running a
rule set's criteria through one straight-line function generated once per definition
(:class:`nmgpolicy.definition.Source`, :meth:`Criterion.write`), with the fixed explanations
made once for flags and attestations whose title has no parameter. Each test holds it to the
criteria asked one by one (the generator switched off):

* every rule set, golden cases crossed with other cases' parameter overrides, interleaved:
  the same ``to_dict()``, ``explain("zh")``/``explain("en")`` and pickles — a title filled
  from a parameter always shows this evaluation's value;
* many threads on a cold cache, each definition generated once;
* a caller's decimal context, mutation attempts on returned objects, pickling of findings
  made by the fixed-explanation path (rendered or not);
* data that tries to reach the generated source (ids, titles, parameter names and values,
  fact paths with quotes, newlines, braces), in a user-registered rule set;
* other data objects, user-defined kinds, tracebacks.

The tests marked ``xfail(strict=True)`` are defects found: each fails today because of it.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import decimal
import json
import linecache
import pickle
import random
import threading
import traceback
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, ClassVar

import attrs
import pytest

import nmgpolicy
from nmgpolicy import definition as definition_module
from nmgpolicy.criteria import Applies, Attestation, Compare, Flag, Threshold
from nmgpolicy.definition import Criterion, Definition, Fact, Param, Row, Source, _one_by_one
from nmgpolicy.engine import BaseRuleSet, Context, get_ruleset, register
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.outcome import Finding, Message, Status
from nmgpolicy.params import ParameterSet, load_parameters, parameter_set_from_mapping

ON = dt.date(2025, 6, 1)
RULESETS = nmgpolicy.rulesets()


# --------------------------------------------------------------------------------------------
# Helpers: the two ways of deciding, and what a decision shows
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _one_by_one_only() -> Iterator[None]:
    """Every definition decided criterion by criterion (nothing generated, nothing used)."""
    saved = definition_module._COMPILED, definition_module._COMPILED_MAX
    definition_module._COMPILED = {}
    definition_module._COMPILED_MAX = 0
    try:
        yield
    finally:
        definition_module._COMPILED, definition_module._COMPILED_MAX = saved


@contextlib.contextmanager
def _cold() -> Iterator[None]:
    """Every definition generated afresh (an empty cache), the real cache restored after."""
    saved = definition_module._COMPILED
    definition_module._COMPILED = {}
    try:
        yield
    finally:
        definition_module._COMPILED = saved


def _shown(decision: nmgpolicy.Decision) -> tuple[str, str, str]:
    return (
        json.dumps(decision.to_dict(), sort_keys=True, ensure_ascii=False),
        decision.explain("zh"),
        decision.explain("en"),
    )


def _outcome(ruleset: str, facts: Any, on: dt.date, params: Any) -> tuple[str, ...]:
    """What an evaluation shows, or the error it raises (type and text)."""
    try:
        decision = nmgpolicy.evaluate(ruleset, facts, on=on, parameters=params)
    except (InputError, NotInForce) as error:
        return (type(error).__name__, str(error))
    shown = _shown(decision)
    assert _shown(pickle.loads(pickle.dumps(decision))) == shown
    return shown


def _workload() -> list[tuple[str, Any, dt.date, Any]]:
    """Golden cases of every rule set, each also with the overrides of another case of its
    rule set (so a title filled from a parameter meets many values), shuffled together."""
    from benchmarks import workload

    runs: list[tuple[str, Any, dt.date, Any]] = []
    for ruleset in RULESETS:
        cases = workload.golden_inputs(ruleset, 24)
        overrides = [c["parameters"] for c in cases if c["parameters"]] or [None]
        for index, case in enumerate(cases):
            on = dt.date.fromisoformat(case["on"])
            runs.append((ruleset, case["facts"], on, case["parameters"]))
            runs.append((ruleset, case["facts"], on, overrides[index % len(overrides)]))
    random.Random(15).shuffle(runs)
    return runs


_WORK = _workload()


@pytest.fixture(scope="module")
def reference() -> list[tuple[str, ...]]:
    """The workload decided criterion by criterion."""
    with _one_by_one_only():
        return [_outcome(*run) for run in _WORK]


@attrs.frozen
class _Inner:
    flag: bool | None = None


@attrs.frozen
class _Facts:
    flag: bool | None = None
    area: Decimal | None = None
    inner: _Inner | None = None


def _ctx(data: ParameterSet | None = None) -> Context:
    data = data or load_parameters("cluster")
    return Context(ON, data.resolve(ON), data, [])


def _asked(definition: Definition[Any], facts: Any, data: ParameterSet | None = None) -> list[Any]:
    return _seen(_one_by_one(definition, Row(facts, _ctx(data))))


def _generated(
    definition: Definition[Any], facts: Any, data: ParameterSet | None = None
) -> list[Any]:
    findings, _ = definition.decide(facts, _ctx(data))
    entry = definition_module._COMPILED.get(id(definition))
    assert entry is not None and entry[2] is not None, "no function was generated"
    return _seen(findings)


def _seen(findings: Sequence[Finding]) -> list[Any]:
    return [
        (f.id, f.status.value, f.binding, f.citation, f.message, f.measured, f.required, f.gap)
        for f in findings
    ]


# --------------------------------------------------------------------------------------------
# What held
# --------------------------------------------------------------------------------------------


def test_every_rule_set_with_crossed_overrides_shows_the_same_both_ways(
    reference: list[tuple[str, ...]],
) -> None:
    """Golden cases of every rule set, each also under another case's overrides, interleaved
    across rule sets: the generated path shows what the criteria asked in turn show — no
    explanation made for one evaluation leaks into another."""
    with _cold():
        generated = [_outcome(*run) for run in _WORK]
        for ruleset in RULESETS:
            definition = get_ruleset(ruleset).definition
            assert definition is not None
            assert definition_module._COMPILED[id(definition)][2] is not None
    assert len(generated) == len(reference) > 200
    assert generated == reference


def test_a_title_filled_from_a_parameter_follows_every_override_and_date() -> None:
    """sme_innovative's incident title spells its window: 3, 5, 4, 3 … years in turn, never
    the value of an earlier call; the fixed-title attestations stay fixed."""
    from benchmarks import workload

    case = workload.golden_inputs("sme_innovative", 1)[0]
    on = dt.date.fromisoformat(case["on"])
    seen = []
    for years in (3, 5, 4, 3, 10, 1, 5):
        params = {**(case["parameters"] or {}), "incident_window_years": years}
        decision = nmgpolicy.evaluate("sme_innovative", case["facts"], on=on, parameters=params)
        with _one_by_one_only():
            asked = nmgpolicy.evaluate("sme_innovative", case["facts"], on=on, parameters=params)
        assert _shown(decision) == _shown(asked)
        text = decision.finding("sme_innovative.no_major_incident").message.en
        seen.append(text)
        assert (f"last {years} years" if years != 1 else "last 1 year") in text, text
    assert len(set(seen)) == 5


def test_a_callers_decimal_context_changes_nothing(reference: list[tuple[str, ...]]) -> None:
    """Precision 1, every trap set, rounding down: the same outcomes (generated path)."""
    traps = [decimal.Clamped, decimal.DivisionByZero, decimal.Inexact, decimal.Overflow]
    traps += [decimal.Rounded, decimal.Underflow, decimal.InvalidOperation, decimal.Subnormal]
    context = decimal.Context(
        prec=1, rounding=decimal.ROUND_DOWN, traps=[*traps, decimal.FloatOperation]
    )
    picked = list(range(0, len(_WORK), 5))
    with decimal.localcontext(context):
        got = [_outcome(*_WORK[i]) for i in picked]
    assert got == [reference[i] for i in picked]


def test_a_fixed_explanation_rendered_under_a_hostile_context_is_the_same() -> None:
    """Findings made by the fixed-explanation path, first read under precision 1 and traps."""
    facts = _Facts(flag=None, area=Decimal("12345.6789"), inner=_Inner(True))
    definition = Definition("cluster", _Facts, _CRITERIA)
    findings, _ = definition.decide(facts, _ctx())
    with decimal.localcontext(decimal.Context(prec=1, traps=[decimal.Inexact, decimal.Rounded])):
        got = _seen(findings)
    assert got == _asked(definition, facts)


_CRITERIA: tuple[Criterion, ...] = (
    Attestation("cluster.local_pillar", Fact("inner.flag")),
    Flag("cluster.no_major_incidents", Fact("flag"), expected=False),
    Threshold("cluster.area", Fact("area"), Param("max_area"), compare=Compare.AT_MOST),
    Applies(
        "cluster.energy_efficiency",
        when=Fact("flag"),
        then=Attestation("cluster.energy_efficiency", Fact("inner.flag")),
        missing=Message("缺", "missing"),
        reason=Message("不适用", "not applicable"),
    ),
)


def test_findings_of_the_fixed_path_pickle_copy_and_compare_before_and_after_rendering() -> None:
    import copy

    definition = Definition("cluster", _Facts, _CRITERIA)
    for facts in (_Facts(), _Facts(True, Decimal(1), _Inner(False)), _Facts(False, None, _Inner())):
        expected = _asked(definition, facts)
        fresh, _ = definition.decide(facts, _ctx())  # none rendered yet
        unpickled = [pickle.loads(pickle.dumps(f)) for f in fresh]
        assert _seen(unpickled) == expected
        again, _ = definition.decide(facts, _ctx())
        assert [copy.deepcopy(f) for f in again] == list(again) == list(fresh)
        assert _seen(fresh) == expected
        assert [hash(f) for f in fresh] == [hash(f) for f in unpickled]


def test_changing_a_returned_finding_or_its_dict_changes_no_later_answer() -> None:
    """The fixed renderers are shared by every evaluation: nothing a caller holds reaches
    them (finding, message, citation read-only; ``to_dict`` fresh)."""
    definition = Definition("cluster", _Facts, _CRITERIA)
    facts = _Facts(None, Decimal(5), _Inner(True))
    before = _asked(definition, facts)
    first, _ = definition.decide(facts, _ctx())
    for finding in first:
        out = finding.to_dict()
        out["message"]["zh"] = "改了"
        out["status"] = "met"
        with pytest.raises((AttributeError, TypeError)):
            finding.status = Status.MET  # type: ignore[misc]
        with pytest.raises((AttributeError, TypeError)):
            finding.message.zh = "改了"  # type: ignore[misc]
        if finding.citation is not None:
            with pytest.raises((AttributeError, TypeError)):
                finding.citation.text = "改了"  # type: ignore[misc]
    later, _ = definition.decide(facts, _ctx())
    assert _seen(later) == before == _seen(first)


def test_many_threads_on_a_cold_cache_generate_each_definition_once(
    reference: list[tuple[str, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight threads evaluate every rule set under different overrides at once, from an empty
    cache: right answers, one generated function per definition."""
    made: list[int] = []
    original = Source.function

    def counted(self: Source) -> Any:
        made.append(1)
        return original(self)

    monkeypatch.setattr(Source, "function", counted)
    barrier = threading.Barrier(8)
    got: dict[int, tuple[str, ...]] = {}
    errors: list[BaseException] = []

    def work(start: int) -> None:
        try:
            barrier.wait()
            for index in range(start, len(_WORK), 8):
                got[index] = _outcome(*_WORK[index])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    with _cold():
        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors, errors
    assert [got[i] for i in range(len(_WORK))] == reference
    assert len(made) == len(RULESETS)


def test_other_data_than_the_generated_for_is_decided_with_its_own_titles_and_bindings() -> None:
    """A data object that differs (another title, citation and binding) is decided one by
    one, with its own texts, even after the function was generated for the file's data."""
    data = load_parameters("cluster")
    info = data.criteria["cluster.local_pillar"]
    other_info = attrs.evolve(info, title=Message("另一个标题", "Another title"), binding=False)
    other = attrs.evolve(data, criteria={**data.criteria, info.id: other_info})
    definition = Definition("cluster", _Facts, _CRITERIA)
    facts = _Facts(True, Decimal(1), _Inner(True))
    assert _generated(definition, facts) == _asked(definition, facts)
    findings, _ = definition.decide(facts, _ctx(other))
    assert _seen(findings) == _asked(definition, facts, other)
    assert findings[0].message.en == "Met: Another title." and findings[0].binding is False


# A user-registered rule set whose data tries to reach the generated source.

_EVIL = "__import__('builtins').setattr(__import__('builtins'), 'review15_pwned', 1)"
_HOSTILE_IDS = (
    "q.'\"); " + _EVIL + " #",
    'q."""\n' + _EVIL + '\n"""',
    "q.{x}}{{\\n\\\\'",
)
_HOSTILE_PARAM = "p'] or " + _EVIL + " or params['p"


@attrs.frozen
class _UserFacts:
    flag: bool | None = None
    count: int | None = None
    inner: _Inner | None = None


def _user_data() -> ParameterSet:
    title = {"zh": "标题'\"\n" + _EVIL + '"""', "en": "title ' \" \\n " + _EVIL}
    braced = {"zh": "近{" + _HOSTILE_PARAM + "}年 {{ }} }{", "en": "{p} '\" {q"}
    return parameter_set_from_mapping(
        {
            "ruleset": {"id": "review15_user", "in_force_from": "2020-01-01"},
            "parameters": {
                _HOSTILE_PARAM: {"type": "int", "value": 3},
                "p": {"type": "int", "value": 2},
            },
            "criteria": {
                _HOSTILE_IDS[0]: {"title": title, "citation": {"document": "《'\"》\n"}},
                _HOSTILE_IDS[1]: {"title": braced, "binding": False},
                _HOSTILE_IDS[2]: {"title": title},
            },
        },
        "review15_user.toml",
    )


_USER_DATA = _user_data()
_USER_DEFINITION: Definition[_UserFacts] = Definition(
    "review15_user",
    _UserFacts,
    (
        Flag(_HOSTILE_IDS[0], Fact("flag")),
        Attestation(_HOSTILE_IDS[1], Fact("inner.flag")),
        Applies(
            _HOSTILE_IDS[2],
            when=Fact("flag"),
            then=Threshold(_HOSTILE_IDS[2], Fact("count"), Param(_HOSTILE_PARAM)),
            missing=Message(_EVIL, _EVIL + "'\"\n"),
            reason=Message("'''", '"""'),
        ),
        Threshold("q.path", Fact("inner.flag'); " + _EVIL + " #"), Param("p")),
    ),
)


class _UserRuleSet(BaseRuleSet[_UserFacts]):
    id = "review15_user"
    facts_type = _UserFacts
    definition = _USER_DEFINITION

    @property
    def data(self) -> ParameterSet:
        return _USER_DATA


@pytest.fixture
def user_ruleset() -> Iterator[None]:
    from nmgpolicy import engine

    register(_UserRuleSet())
    try:
        yield
    finally:
        engine._REGISTRY.pop("review15_user", None)


def test_hostile_ids_titles_parameters_and_paths_never_reach_the_generated_source(
    user_ruleset: None,
) -> None:
    source = Source(_USER_DATA)
    for criterion in _USER_DEFINITION.criteria:
        criterion.write(source, 1)
    text = "\n".join(source.lines)
    # no piece of the data is written into the source: parameter names are constants too
    assert "review15_pwned" not in text and "__import__" not in text
    facts_list: list[dict[str, Any]] = [
        {},
        {"flag": True, "count": 3},
        {"flag": True, "count": 2, "inner": {"flag": False}},
        {"flag": False, "inner": {"flag": True}},
    ]
    overrides: list[dict[str, Any] | None] = [None, {_HOSTILE_PARAM: 2}, {"p": 9}]
    for facts in facts_list:
        for params in overrides:
            with _one_by_one_only():
                asked = _outcome_or_error("review15_user", facts, params)
            assert _outcome_or_error("review15_user", facts, params) == asked
    assert definition_module._COMPILED[id(_USER_DEFINITION)][2] is not None
    assert not hasattr(builtins, "review15_pwned")


def _outcome_or_error(ruleset: str, facts: Any, params: Any) -> tuple[str, ...]:
    try:
        return _outcome(ruleset, facts, ON, params)
    except (AttributeError, KeyError, TypeError, RuntimeError) as error:
        return (type(error).__name__, str(error))


def test_a_hostile_override_value_is_data_to_both_paths() -> None:
    """A parameter override that is source text is refused (or used) alike both ways."""
    from benchmarks import workload

    case = workload.golden_inputs("cluster", 1)[0]
    on = dt.date.fromisoformat(case["on"])
    for value in (_EVIL, "1'); " + _EVIL + " #", "{max_area}", 'x"""\n', "３"):
        params = {"min_innovation_platforms": value}
        with _one_by_one_only():
            asked = _outcome("cluster", case["facts"], on, params)
        assert _outcome("cluster", case["facts"], on, params) == asked
    assert not hasattr(builtins, "review15_pwned")


class _Strict(Threshold):
    """A user kind that decides otherwise (``decide`` overridden): called, not written out."""

    def decide(self, row: Row) -> Finding:
        finding = super().decide(row)
        return row.ctx.finding(
            self.id,
            Status.REVIEW if finding.status is Status.MET else finding.status,
            "严",
            "strict",
        )


class _Written(Flag):
    """A user kind with its own ``write``: the generator uses it."""

    def write(self, source: Source, indent: int) -> None:
        source.emit(indent, f"append({source.constant('decide', self.decide)}(row))")


@attrs.frozen
class _Worded(Flag):
    """A user kind with its own ``status`` and ``_text``: written out with them."""

    def status(self, value: bool | None) -> Status:
        return Status.REVIEW if value is None else super().status(value)

    def _text(self, status: Status, value: bool | None, row: Row) -> Any:
        return Message(f"自{status}", f"own {status}"), value, self.expected, None


def test_user_kinds_that_override_decide_write_status_or_text_decide_alike() -> None:
    definition = Definition(
        "cluster",
        _Facts,
        (
            _Strict("cluster.area", Fact("area"), Param("max_area"), compare=Compare.AT_MOST),
            _Written("cluster.no_major_incidents", Fact("flag")),
            _Worded("cluster.local_pillar", Fact("inner.flag")),
        ),
    )
    for facts in (_Facts(), _Facts(True, Decimal(1), _Inner(False)), _Facts(None, Decimal(999))):
        assert _generated(definition, facts) == _asked(definition, facts)


def test_nested_applies_and_measures_written_out_decide_alike() -> None:
    """An "applies only to" inside another, read from a measure, around a soft threshold; a
    flag read from a measure: every combination of absent, true and false facts."""
    import itertools

    from nmgpolicy.definition import measure

    @measure
    def big(row: Row) -> bool | None:
        """Area over 50."""
        area = row.facts.area
        return None if area is None else area > 50

    inner = Applies(
        "cluster.area",
        Fact("inner.flag"),
        Threshold("cluster.area", Fact("area"), Param("max_area"), Compare.AT_MOST, soft=True),
        Message("缺一", "m1"),
        Message("否一", "r1"),
    )
    definition = Definition(
        "cluster",
        _Facts,
        (
            Applies("cluster.area", big, inner, Message("缺二", "m2"), Message("否二", "r2")),
            Flag("cluster.no_major_incidents", big, expected=False),
            Attestation("cluster.local_pillar", Fact("flag")),
        ),
    )
    areas = (None, Decimal(10), Decimal(100), Decimal("100.5"))
    inners = (None, _Inner(None), _Inner(True), _Inner(False))
    for flag, area, inner_facts in itertools.product((None, True, False), areas, inners):
        facts = _Facts(flag, area, inner_facts)
        assert _generated(definition, facts) == _asked(definition, facts), facts


def test_an_error_in_a_called_kind_keeps_its_own_frame_in_the_traceback() -> None:
    class Broken(Criterion):
        def decide(self, row: Row) -> Finding:
            raise ValueError("broken kind")

    definition = Definition("cluster", _Facts, (Flag("cluster.x", Fact("flag")), Broken("b")))
    with pytest.raises(ValueError, match="broken kind") as caught:
        definition.decide(_Facts(), _ctx())
    names = [frame.name for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert names[-2:] == ["decide", "decide"] and "Definition" not in names[-1]


# --------------------------------------------------------------------------------------------
# Defects found
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _AbsentIsFalse(Fact):
    """A user's fact reference that reads an absent answer as "no"."""

    def value(self, row: Row) -> Any:
        found = super().value(row)
        return False if found is None else found


def test_a_fact_subclass_is_read_through_its_own_value() -> None:
    definition = Definition(
        "cluster", _Facts, (Flag("cluster.no_major_incidents", _AbsentIsFalse("flag")),)
    )
    assert _generated(definition, _Facts()) == _asked(definition, _Facts())


@attrs.frozen
class _Halved(Param):
    """A user's parameter reference that derives a value (half the parameter)."""

    def value(self, row: Row) -> Any:
        return row.params[self.name] / 2


def test_a_param_subclass_is_read_through_its_own_value() -> None:
    definition = Definition(
        "cluster",
        _Facts,
        (Threshold("cluster.area", Fact("area"), _Halved("max_area"), Compare.AT_MOST),),
    )
    facts = _Facts(area=Decimal(80))  # 80 <= 100 but not <= 50
    assert _generated(definition, facts) == _asked(definition, facts)


def test_a_fact_path_that_nfkc_changes_is_read_as_written() -> None:
    definition = Definition("cluster", _Facts, (Flag("cluster.no_major_incidents", Fact("ﬂag")),))

    def outcome(decide: Any) -> str:
        try:
            return repr(_seen(decide()))
        except AttributeError as error:
            return f"AttributeError: {error}"

    asked = outcome(lambda: _one_by_one(definition, Row(_Facts(True), _ctx())))
    generated = outcome(lambda: definition.decide(_Facts(True), _ctx())[0])
    assert asked.startswith("AttributeError")  # _Facts has no attribute 'ﬂag'
    assert generated == asked


@attrs.frozen
class _EachFlag(Flag):
    """A user kind: one flag finding per element of a small list (``many``)."""

    many: ClassVar[bool] = True

    def decide_each(self, row: Row) -> tuple[Finding, ...]:
        return tuple(
            Flag(self.id, self.value, subject=Message(name, name)).decide(row)
            for name in ("甲", "乙")
        )


def test_a_many_subclass_of_flag_gives_its_decide_each_findings() -> None:
    definition = Definition(
        "cluster", _Facts, (_EachFlag("cluster.no_major_incidents", Fact("flag")),)
    )
    assert len(_asked(definition, _Facts(True))) == 2
    assert _generated(definition, _Facts(True)) == _asked(definition, _Facts(True))


@attrs.frozen
class _Items(Criterion):
    """A user kind deciding one finding per item (``many``) or one summary (``decide``)."""

    many: ClassVar[bool] = True

    def decide(self, row: Row) -> Finding:
        return row.ctx.finding(self.id, Status.REVIEW, "汇总", "summary")

    def decide_each(self, row: Row) -> tuple[Finding, ...]:
        return tuple(row.ctx.finding(self.id, Status.MET, "项", "item") for _ in range(2))


def test_applies_around_a_many_kind_decides_as_applies_decide() -> None:
    definition = Definition(
        "cluster",
        _Facts,
        (
            Applies(
                "cluster.area",
                Fact("flag"),
                _Items("cluster.area"),
                Message("缺", "m"),
                Message("否", "r"),
            ),
        ),
    )
    assert _generated(definition, _Facts(True)) == _asked(definition, _Facts(True))


def test_a_traceback_through_generated_code_shows_its_own_lines() -> None:
    """Definitions generated one after another (as rule sets are, on their first calls):
    the source a traceback shows for each one's generated code is its own."""

    @attrs.frozen
    class Odd:
        flag: bool | None = None

    definitions = [
        Definition("cluster", Odd, tuple(Flag(f"x.{j}", Fact("flag")) for j in range(i + 1)))
        for i in range(10)
    ]
    for definition in definitions:  # generated in turn
        definition.decide(Odd(True), _ctx())
    shown = []
    for definition in definitions:
        code = definition_module._COMPILED[id(definition)][2].__code__  # type: ignore[union-attr]
        text = "".join(linecache.getlines(code.co_filename))
        shown.append(text.count("_SET_ID("))
    assert shown == [len(d.criteria) for d in definitions]


def test_a_binding_flag_that_is_not_a_bool_is_data_not_source() -> None:
    numpy = pytest.importorskip("numpy")
    data = load_parameters("cluster")
    info = data.criteria["cluster.local_pillar"]
    other = attrs.evolve(
        data, criteria={**data.criteria, info.id: attrs.evolve(info, binding=numpy.True_)}
    )
    definition = Definition("cluster", _Facts, _CRITERIA[:1])
    asked = _asked(definition, _Facts(inner=_Inner(True)), other)
    with _cold():
        assert _generated(definition, _Facts(inner=_Inner(True)), other) == asked


def test_a_missing_fact_attribute_is_one_error_not_two_chained() -> None:
    with pytest.raises(AttributeError) as caught:
        Fact("inner.nothing").value(Row(_Facts(inner=_Inner()), _ctx()))
    assert caught.value.__context__ is None


# Pinned after the mutation run of definition.py (the generated decide)
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "written"),
    [("flag", True), ("inner", True), ("class", False), ("1b", False), ("ﬂag", False)],
)
def test_only_plain_ascii_names_are_written_as_attributes(step: str, written: bool) -> None:
    """A keyword, a name that is no identifier, or one Python would normalise (NFKC) is read
    through ``Fact.value`` (a constant), never written as ``.step``."""
    source = Source(load_parameters("cluster"))
    source.read(Fact(step), "value", 1)
    assert any(line.endswith(f".{step}") for line in source.lines) is written
    assert definition_module._plain_name(step) is written


@attrs.frozen
class _Unwritable(Flag):
    """A user kind whose ``write`` fails: the definition is then decided one by one."""

    def write(self, source: Source, indent: int) -> None:
        raise RuntimeError("cannot be written")


def test_a_kind_that_cannot_be_written_is_asked_one_by_one() -> None:
    definition = Definition(
        "cluster", _Facts, (_Unwritable("cluster.no_major_incidents", Fact("flag")),)
    )
    findings, _ = definition.decide(_Facts(False), _ctx(None))
    assert _seen(findings) == _asked(definition, _Facts(False))
    assert _seen(findings)[0][1] == "not_met"
    entry = definition_module._COMPILED.get(id(definition))
    assert entry is not None and entry[2] is None  # nothing generated: asked in turn


def test_no_function_is_generated_past_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the bound is reached no new entry is made (the cache of generated functions never
    grows past it): a new definition is then decided one criterion at a time."""
    monkeypatch.setattr(definition_module, "_COMPILED", {})
    monkeypatch.setattr(definition_module, "_COMPILED_MAX", 2)
    made = [
        Definition("cluster", _Facts, (Flag("cluster.no_major_incidents", Fact("flag")),))
        for _ in range(3)
    ]
    for d in made:
        findings, _ = d.decide(_Facts(True), _ctx(None))
        assert _seen(findings) == _asked(d, _Facts(True))
    assert len(definition_module._COMPILED) == 2
    assert id(made[2]) not in definition_module._COMPILED
